package healthedu

// HealthCell records the naming of a health cell (健康细胞命名): a healthy
// community, village, agency, school, canteen, enterprise or family,
// named at city, province or national level in a year.
type HealthCell struct {
	Header
	// Name is the named unit's name (名称).
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Type is the kind of cell (类型).
	Type HealthCellType `json:"type"`
	// Level is the level that named it (命名级别).
	Level NamingLevel `json:"level"`
	// Year is the year of naming (命名年度).
	Year int `json:"year" jsonschema:"minimum=2000,maximum=2100"`
	// Division is the statistical division code where the cell is
	// (所在区划代码).
	Division DivisionCode `json:"division"`
	// NamedOn is the day of the naming decision (命名日期), when known.
	NamedOn *Date `json:"namedOn,omitempty"`
}

// RecordDivision returns the division the cell is in.
func (c *HealthCell) RecordDivision() DivisionCode { return c.Division }

// RecordPeriod returns the year of naming and "/year".
func (c *HealthCell) RecordPeriod() (Period, string) { return YearPeriod(c.Year), "/year" }
