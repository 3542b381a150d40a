package healthedu

import "time"

// MonthlyReport is a division's monthly report of aggregate data values
// (月报): population figures, patients under management, lectures held,
// pushes sent. Its elements come from an ElementCatalog.
type MonthlyReport struct {
	Header
	// Division is the statistical division code the figures are for
	// (填报单位区划代码).
	Division DivisionCode `json:"division"`
	// Period is the month reported, such as "202510" (报告期).
	Period Period `json:"period"`
	// SubmittedAt is when the report was submitted (上报时间), for
	// timeliness.
	SubmittedAt time.Time `json:"submittedAt"`
	// Values are the reported figures (数据值), one per element.
	Values []DataValue `json:"values" jsonschema:"minItems=1,maxItems=1000"`
}

// DataValue is one reported figure (数据值): an element of the catalogue
// and its value.
type DataValue struct {
	// Element is the data element's code (数据元代码), e.g. "lectures".
	Element string `json:"element" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Value is the figure (数值), exact; its type (count, percent, …) is the
	// element's.
	Value Decimal `json:"value"`
}

// RecordDivision returns the division the report's figures are for.
func (m *MonthlyReport) RecordDivision() DivisionCode { return m.Division }

// RecordPeriod returns the month reported, the zero Period when the
// report's period is not a month, and "/period".
func (m *MonthlyReport) RecordPeriod() (Period, string) {
	if m.Period.Type() != PeriodMonth {
		return Period{}, "/period"
	}
	return m.Period, "/period"
}
