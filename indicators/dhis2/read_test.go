package dhis2_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
	"github.com/jiceng/jiceng/indicators/internal/exporttest"
	"golang.org/x/text/language"
)

func loadMappingFile(t testing.TB, name string) *dhis2.Mapping {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := dhis2.LoadMapping(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// report is a monthly report in brief, for comparisons.
type report struct {
	ID, Division, Period, SubmittedAt string
	Values                            string
}

func brief(reports []*healthedu.MonthlyReport) []report {
	var out []report
	for _, r := range reports {
		var vs []string
		for _, v := range r.Values {
			vs = append(vs, v.Element+"="+v.Value.String())
		}
		at := ""
		if !r.SubmittedAt.IsZero() {
			at = r.SubmittedAt.Format(time.RFC3339)
		}
		if r.SchemaVersion != "1" || r.Kind != healthedu.KindMonthlyReport {
			vs = append(vs, "bad header")
		}
		out = append(out, report{r.ID, r.Division.String(), r.Period.String(), at, strings.Join(vs, " ")})
	}
	return out
}

// conflict is a conflict in brief.
type conflict struct {
	Index                  int
	Property, Object, Code string
	IssueCode, Path, Value string
}

func briefConflicts(cs []dhis2.Conflict) []conflict {
	var out []conflict
	for _, c := range cs {
		out = append(out, conflict{c.Index, c.Property, c.Object, c.ErrorCode, c.Issue.Code, c.Issue.Path, c.Value})
	}
	return out
}

func readFile(t *testing.T, m *dhis2.Mapping, name string, f dhis2.Format) *dhis2.Import {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	imp, err := m.ReadDataValueSet(bytes.NewReader(data), f, dhis2.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

// TestReadPublished reads the examples of the DHIS2 documentation (see
// testdata/README.md) through the demo mapping.
func TestReadPublished(t *testing.T) {
	m := loadMappingFile(t, "mapping-demo.csv")
	tests := []struct {
		file      string
		format    dhis2.Format
		reports   []report
		conflicts []conflict
		dataSet   string
	}{
		{"datavalueset-dataset.json", dhis2.JSON,
			[]report{{"dhis2-371502001000-201401", "371502001000", "201401", "2014-02-03T00:00:00+08:00", "consultations=2 lectures=1 pushes=3"}},
			nil, "pBOMPrpg1QX"},
		{"datavalueset-read.json", dhis2.JSON,
			[]report{{"dhis2-371502001000-201401", "371502001000", "201401", "2014-02-03T00:00:00+08:00", "consultations=10002 lectures=10001 pushes=10003"}},
			nil, "pBOMPrpg1QX"},
		{"datavalueset-bulk.json", dhis2.JSON,
			[]report{
				{"dhis2-371502001000-201401", "371502001000", "201401", "", "lectures=12"},
				{"dhis2-371502001000-201402", "371502001000", "201402", "", "lectures=16"},
				{"dhis2-371502002000-201401", "371502002000", "201401", "", "lectures=14"},
			},
			// The documentation's own example of a value ignored for its
			// organisation unit.
			[]conflict{{3, "orgUnit", "Jkhdsf8sdf4", "E7612", "dhis2.orgUnit", "/dataValues/3/orgUnit", "Organisation unit not found or not accessible: `Jkhdsf8sdf4`"}},
			""},
		{"datavalueset-bulk.csv", dhis2.CSV,
			[]report{{"dhis2-371502001000-201401", "371502001000", "201401", "", "consultations=2 lectures=1 pushes=3"}},
			nil, ""},
		{"datavalueset-export.csv", dhis2.CSV,
			[]report{{"dhis2-371502001000-201401", "371502001000", "201401", "", "consultations=14 lecture-participants=12 lectures=12 pushes=16"}},
			nil, ""},
		{"datavalueset-format.csv", dhis2.CSV, nil,
			[]conflict{
				{0, "categoryOptionCombo", "Prlt0C1RF0s", "E7613", "dhis2.disaggregated", "/dataValues/0/categoryOptionCombo", "Category option combo not found or not accessible for writing data: `Prlt0C1RF0s`"},
				{1, "categoryOptionCombo", "V6L425pT3A0", "E7613", "dhis2.categoryOptionCombo", "/dataValues/1/categoryOptionCombo", "Category option combo not found or not accessible for writing data: `V6L425pT3A0`"},
				{2, "categoryOptionCombo", "V6L425pT3A0", "E7613", "dhis2.categoryOptionCombo", "/dataValues/2/categoryOptionCombo", "Category option combo not found or not accessible for writing data: `V6L425pT3A0`"},
			}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			imp := readFile(t, m, tt.file, tt.format)
			if diff := cmp.Diff(tt.reports, brief(imp.Reports)); diff != "" {
				t.Errorf("reports (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.conflicts, briefConflicts(imp.Conflicts)); diff != "" {
				t.Errorf("conflicts (-want +got):\n%s", diff)
			}
			if imp.DataSet != tt.dataSet {
				t.Errorf("DataSet %q, want %q", imp.DataSet, tt.dataSet)
			}
		})
	}
}

// TestWriteDataSetShape reads the documented data set example and writes
// it back: the same fields, nesting and types, and the same figures.
func TestWriteDataSetShape(t *testing.T) {
	m := loadMappingFile(t, "mapping-demo.csv")
	imp := readFile(t, m, "datavalueset-dataset.json", dhis2.JSON)
	s := indicators.NewStore(indicators.DefaultCatalogue())
	if err := s.AddRecords(records(imp.Reports), indicators.RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.WriteDataSet(&b, imp.DataSet, s.Values(), imp.Reports[0].SubmittedAt); err != nil {
		t.Fatal(err)
	}
	want := `{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataSet":"pBOMPrpg1QX","completeDate":"2014-02-03","period":"201401","orgUnit":"DiszpKrYNg8","dataValues":[
{"dataElement":"Ix2HsbDMLea","value":"2"},
{"dataElement":"f7n9E0hX8qk","value":"1"},
{"dataElement":"eY5ehpbEsB7","value":"3"}
]}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteDataSet (-want +got):\n%s", diff)
	}
	published := exporttest.PublishedShape(t, filepath.Join("testdata", "datavalueset-dataset.json"), filepath.Join("testdata", "datavalueset-idschemes.json"))
	got := exporttest.Shape(t, b.Bytes())
	if diff := cmp.Diff(published, got); diff != "" {
		t.Errorf("shape (-published +written):\n%s", diff)
	}
	// And it reads back to the same report.
	again, err := m.ReadDataValueSet(&b, dhis2.JSON, dhis2.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(brief(imp.Reports), brief(again.Reports)); diff != "" {
		t.Errorf("read back (-first +again):\n%s", diff)
	}
}

func records(reports []*healthedu.MonthlyReport) []healthedu.Record {
	var out []healthedu.Record
	for _, r := range reports {
		out = append(out, r)
	}
	return out
}

// TestRoundTrip writes monthly reports out through a store and reads them
// back, by UID and by code, as JSON: the same reports.
func TestRoundTrip(t *testing.T) {
	at := time.Date(2025, 11, 3, 9, 30, 0, 0, healthedu.ChinaStandardTime)
	mk := func(div, period string, values ...any) *healthedu.MonthlyReport {
		d := healthedu.MustParseDivisionCode(div)
		p := healthedu.MustParsePeriod(period)
		r := &healthedu.MonthlyReport{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "dhis2-" + d.String() + "-" + p.String()},
			Division: d, Period: p,
		}
		for i := 0; i < len(values); i += 2 {
			r.Values = append(r.Values, healthedu.DataValue{Element: values[i].(string), Value: healthedu.DecimalFromInt(int64(values[i+1].(int)))})
		}
		return r
	}
	for _, name := range []string{"mapping-demo.csv", "mapping-code.csv"} {
		t.Run(name, func(t *testing.T) {
			m := loadMappingFile(t, name)
			var reports []*healthedu.MonthlyReport
			if name == "mapping-demo.csv" {
				reports = []*healthedu.MonthlyReport{
					mk("371502001", "202509", "consultations", 0, "lectures", 4, "pushes", 1204),
					mk("371502001", "202510", "lecture-participants", 310, "lectures", 2),
					mk("371502003", "202510", "consultations", 7),
				}
			} else {
				reports = []*healthedu.MonthlyReport{mk("371502001", "202510", "lectures", 0)}
			}
			s := indicators.NewStore(indicators.DefaultCatalogue())
			if err := s.AddRecords(records(reports), indicators.RecordOptions{}); err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := m.WriteDataValueSet(&b, s.Values()); err != nil {
				t.Fatal(err)
			}
			imp, err := m.ReadDataValueSet(&b, dhis2.JSON, dhis2.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(brief(reports), brief(imp.Reports)); diff != "" {
				t.Errorf("round trip (-out +in):\n%s", diff)
			}
			if len(imp.Conflicts) > 0 {
				t.Errorf("conflicts: %v", imp.Conflicts)
			}
		})
	}
	// A zero of an element whose zeros are not significant is not sent.
	m := loadMappingFile(t, "mapping-demo.csv")
	s := exporttest.Store(t, exporttest.Value("lectures", "371502001", "202510", 0), exporttest.Value("consultations", "371502001", "202510", 0))
	s.AddReceipt(healthedu.MustParseDivisionCode("371502001"), healthedu.MustParsePeriod("202510"), at)
	var b bytes.Buffer
	if err := m.WriteDataSet(&b, "pBOMPrpg1QX", s.Values(), at); err != nil {
		t.Fatal(err)
	}
	if want := `{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataSet":"pBOMPrpg1QX","completeDate":"2025-11-03","period":"202510","orgUnit":"DiszpKrYNg8","dataValues":[
{"dataElement":"Ix2HsbDMLea","value":"0"}
]}
`; b.String() != want {
		t.Errorf("zeros:\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWriteCode writes a mapping of codes: the schemes travel in the
// document, and codes with spaces, full stops and Chinese characters are
// written whole.
func TestWriteCode(t *testing.T) {
	m := loadMappingFile(t, "mapping-code.csv")
	s := exporttest.Store(t,
		exporttest.Value("lectures", "371502001", "202510", 0),
		exporttest.Value("activities[form=lecture]", "371502001", "202510", 3),
	)
	var b bytes.Buffer
	if err := m.WriteDataSet(&b, "HE \"月报\"", s.Values(), time.Time{}); err != nil {
		t.Fatal(err)
	}
	want := `{"idScheme":"CODE","dataElementIdScheme":"CODE","orgUnitIdScheme":"UID","dataSet":"HE \"月报\"","period":"202510","orgUnit":"DiszpKrYNg8","dataValues":[
{"dataElement":"HE.ACT 01","categoryOptionCombo":"讲座形式","value":"3"},
{"dataElement":"讲座","value":"0"}
]}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteDataSet (-want +got):\n%s", diff)
	}
	var csv bytes.Buffer
	m.WriteCSV(&csv)
	wantCSV := `kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant
scheme,idScheme,CODE,,
scheme,orgUnitIdScheme,UID,,
default,categoryOptionCombo,default,,
element,activities,HE.ACT 01,,true
element,activities[form=lecture],HE.ACT 01,讲座形式,true
element,lectures,讲座,,true
division,371502001000,DiszpKrYNg8,,
`
	if diff := cmp.Diff(wantCSV, csv.String()); diff != "" {
		t.Errorf("WriteCSV (-want +got):\n%s", diff)
	}
}

// TestLoadMappingV1 loads a table of the form before combinations had a
// column: the same mapping, and zeros not significant.
func TestLoadMappingV1(t *testing.T) {
	var v1, v2 bytes.Buffer
	loadMappingFile(t, "mapping-v1.csv").WriteCSV(&v1)
	loadMappingFile(t, "mapping.csv").WriteCSV(&v2)
	want := strings.Replace(v2.String(), "element,children-0-6,Kx3VhNqP0aB,,true", "element,children-0-6,Kx3VhNqP0aB,,false", 1)
	if diff := cmp.Diff(want, v1.String()); diff != "" {
		t.Errorf("v1 (-v2 +v1):\n%s", diff)
	}
}

func TestWriteCompleteRegistrations(t *testing.T) {
	m := loadMappingFile(t, "mapping-demo.csv")
	s := indicators.NewStore(indicators.DefaultCatalogue())
	add := func(div, month string, at time.Time) {
		if err := s.AddReceipt(healthedu.MustParseDivisionCode(div), healthedu.MustParsePeriod(month), at); err != nil {
			t.Fatal(err)
		}
	}
	cst := healthedu.ChinaStandardTime
	add("371502001", "202509", time.Date(2025, 10, 4, 23, 0, 0, 0, cst))
	add("371502001001", "202509", time.Date(2025, 10, 3, 8, 0, 0, 0, cst)) // a village of it, earlier
	add("371502003", "202509", time.Time{})                                // at an unknown time
	add("371502", "202509", time.Date(2025, 10, 1, 0, 0, 0, 0, cst))       // the county: no reporter
	add("371502005", "202510", time.Date(2025, 11, 2, 0, 0, 0, 0, cst))    // not in the mapping
	var b bytes.Buffer
	err := m.WriteCompleteRegistrations(&b, "pBOMPrpg1QX", s.ReportsReceived(indicators.Reporters{}))
	want := `{"idScheme":"UID","orgUnitIdScheme":"UID","completeDataSetRegistrations":[
{"dataSet":"pBOMPrpg1QX","period":"202509","organisationUnit":"DiszpKrYNg8","date":"2025-10-03","completed":true},
{"dataSet":"pBOMPrpg1QX","period":"202509","organisationUnit":"gP6hn503KUX","completed":true}
]}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteCompleteRegistrations (-want +got):\n%s", diff)
	}
	var ue *dhis2.UnmappedError
	if !errors.As(err, &ue) || ue.Values != 1 || len(ue.Divisions) != 1 || ue.Divisions[0].String() != "371502005000" {
		t.Errorf("error %v", err)
	}
	// The shape of DHIS2's documented example, but for the schemes and
	// "completed", which the 2.29 example predates, and storedBy and
	// attributeOptionCombo, which jiceng leaves to their defaults.
	published := exporttest.PublishedShape(t, filepath.Join("testdata", "complete-registrations.json"))
	for p, k := range exporttest.Shape(t, b.Bytes()) {
		if published[p] != k && !slices.Contains([]string{"$.idScheme", "$.orgUnitIdScheme", "$.completeDataSetRegistrations[].date", "$.completeDataSetRegistrations[].completed"}, p) {
			t.Errorf("%s is %s; the published example has %q", p, k, published[p])
		}
	}
	if err := m.WriteCompleteRegistrations(&b, "x", nil); err == nil {
		t.Error("malformed data set: no error")
	}
}

func TestReadConflicts(t *testing.T) {
	m := loadMappingFile(t, "mapping-demo.csv")
	in := `{"dataValues":[
{"dataElement":"nope0000000","period":"202510","orgUnit":"DiszpKrYNg8","value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"2025-10","orgUnit":"DiszpKrYNg8","value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"2025Q4","orgUnit":"DiszpKrYNg8","value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","attributeOptionCombo":"Ab3dEf6hIj9","value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"Prlt0C1RF0s","value":"1"},
{"dataElement":"DUSpd8Jq3M7","period":"202510","orgUnit":"DiszpKrYNg8","value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","deleted":true,"value":"1"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","comment":"no value"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":"-1"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":"1.5"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":"many"},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":7,"storedBy":"a","created":"x","lastUpdated":"y","followup":false},
{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":"8","categoryOptionCombo":"bRowv6yZOF2","attributeOptionCombo":"bRowv6yZOF2"}
]}`
	imp, err := m.ReadDataValueSet(strings.NewReader(in), dhis2.JSON, dhis2.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []conflict{
		{0, "dataElement", "nope0000000", "E7610", "dhis2.dataElement", "/dataValues/0/dataElement", "Data element not found or not accessible: `nope0000000`"},
		{1, "period", "2025-10", "E7611", "dhis2.period", "/dataValues/1/period", "Period not valid: `2025-10`"},
		{2, "period", "2025Q4", "E7632", "dhis2.periodType", "/dataValues/2/period", "Period type of period: `2025Q4` not valid for data element: `f7n9E0hX8qk`"},
		{3, "attributeOptionCombo", "Ab3dEf6hIj9", "E7615", "dhis2.attributeOptionCombo", "/dataValues/3/attributeOptionCombo", "Attribute option combo not found or not accessible for writing data: `Ab3dEf6hIj9`"},
		{4, "categoryOptionCombo", "Prlt0C1RF0s", "E7634", "dhis2.comboOfElement", "/dataValues/4/categoryOptionCombo", "Category option combo: `Prlt0C1RF0s` must be part of category combo of data element: `f7n9E0hX8qk`"},
		{5, "dataElement", "DUSpd8Jq3M7", "E7610", "dhis2.element", "/dataValues/5/dataElement", "Data element not found or not accessible: `DUSpd8Jq3M7`"},
		{6, "deleted", "f7n9E0hX8qk", "", "dhis2.deleted", "/dataValues/6/deleted", "Deleted data value not imported: `f7n9E0hX8qk`"},
		{7, "value", "f7n9E0hX8qk", "E7618", "dhis2.valueMissing", "/dataValues/7/value", "Data value or comment not specified for data element: `f7n9E0hX8qk`"},
		{8, "value", "-1", "E7619", "dhis2.value", "/dataValues/8/value", "Value must match data element's `f7n9E0hX8qk` type constraints: COUNT"},
		{9, "value", "1.5", "E7619", "dhis2.value", "/dataValues/9/value", "Value must match data element's `f7n9E0hX8qk` type constraints: COUNT"},
		{10, "value", "many", "E7619", "dhis2.value", "/dataValues/10/value", "Value must match data element's `f7n9E0hX8qk` type constraints: COUNT"},
	}
	if diff := cmp.Diff(want, briefConflicts(imp.Conflicts)); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
	// The last of two values counts, as DHIS2 updates the first with it.
	if diff := cmp.Diff([]report{{"dhis2-371502001000-202510", "371502001000", "202510", "", "lectures=8"}}, brief(imp.Reports)); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
	if imp.Values != 13 {
		t.Errorf("Values %d, want 13", imp.Values)
	}
	for _, c := range imp.Conflicts {
		for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
			msg := c.Issue.Message(language.MustParse(lang))
			if strings.Contains(msg, "{") || c.Issue.Severity != healthedu.SeverityError {
				t.Errorf("%s: %s message %q", c.Issue.Code, lang, msg)
			}
		}
	}

	// A percent element takes decimals from 0 to 100.
	var pm dhis2.Mapping
	pm.MapElement("children-0-6-management-rate", "Ab3dEf6hIj9")
	pm.MapDivision(healthedu.MustParseDivisionCode("371502001"), "DiszpKrYNg8")
	imp, err = pm.ReadDataValueSet(strings.NewReader("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\nAb3dEf6hIj9,202510,DiszpKrYNg8,,,96.41\nAb3dEf6hIj9,202511,DiszpKrYNg8,,,100.5\n"), dhis2.CSV, dhis2.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := brief(imp.Reports); len(got) != 1 || got[0].Values != "children-0-6-management-rate=96.41" || len(imp.Conflicts) != 1 || imp.Conflicts[0].Issue.Line != 3 {
		t.Errorf("percent: %v %v", got, imp.Conflicts)
	}
}

// TestReadErrors: documents that are not read at all.
func TestReadErrors(t *testing.T) {
	m := loadMappingFile(t, "mapping-demo.csv")
	code := loadMappingFile(t, "mapping-code.csv")
	tests := []struct {
		name   string
		m      *dhis2.Mapping
		format dhis2.Format
		in     string
		opts   dhis2.ReadOptions
		want   string // code, path, params
	}{
		{"syntax", m, dhis2.JSON, `{"dataValues":[}`, dhis2.ReadOptions{}, "dhis2.syntax  map[offset:15]"},
		{"truncated", m, dhis2.JSON, `{"dataValues":[`, dhis2.ReadOptions{}, "dhis2.syntax  map[offset:15]"},
		{"empty", m, dhis2.JSON, ``, dhis2.ReadOptions{}, "dhis2.syntax  map[offset:0]"},
		{"trailing", m, dhis2.JSON, `{} {}`, dhis2.ReadOptions{}, "dhis2.syntax  map[offset:4]"},
		{"array", m, dhis2.JSON, `[]`, dhis2.ReadOptions{}, "dhis2.type  map[]"},
		{"unknown field", m, dhis2.JSON, `{"dataValue":[]}`, dhis2.ReadOptions{}, "dhis2.field /dataValue map[value:dataValue]"},
		{"unknown value field", m, dhis2.JSON, `{"dataValues":[{"dataElement":"a","valeu":"1"}]}`, dhis2.ReadOptions{}, "dhis2.field /dataValues/0/valeu map[value:valeu]"},
		{"duplicate key", m, dhis2.JSON, `{"dataValues":[{"value":"1","value":"2"}]}`, dhis2.ReadOptions{}, "dhis2.duplicateKey /dataValues/0/value map[value:value]"},
		{"type", m, dhis2.JSON, `{"dataValues":[{"dataElement":7}]}`, dhis2.ReadOptions{}, "dhis2.type /dataValues/0/dataElement map[]"},
		{"type object", m, dhis2.JSON, `{"dataSet":{"id":"x"}}`, dhis2.ReadOptions{}, "dhis2.type /dataSet map[]"},
		{"type bool", m, dhis2.JSON, `{"dataValues":[{"deleted":"yes"}]}`, dhis2.ReadOptions{}, "dhis2.type /dataValues/0/deleted map[]"},
		{"too many", m, dhis2.JSON, `{"dataValues":[{},{},{}]}`, dhis2.ReadOptions{MaxValues: 2}, "dhis2.tooManyValues /dataValues map[max:2]"},
		{"too long", m, dhis2.JSON, `{"dataValues":[{},{},{}]}`, dhis2.ReadOptions{MaxBytes: 10}, "dhis2.tooLarge  map[max:10]"},
		{"scheme of the document", m, dhis2.JSON, `{"dataElementIdScheme":"code","dataValues":[]}`, dhis2.ReadOptions{}, "dhis2.idScheme /dataElementIdScheme map[name:dataElementIdScheme value:CODE want:UID]"},
		{"general scheme", m, dhis2.JSON, `{"idScheme":"CODE","dataValues":[]}`, dhis2.ReadOptions{}, "dhis2.idScheme /idScheme map[name:dataElementIdScheme value:CODE want:UID]"},
		{"scheme of the request", m, dhis2.CSV, "dataelement,period,orgunit\n", dhis2.ReadOptions{OrgUnitIDScheme: "CODE"}, "dhis2.idScheme  map[name:orgUnitIdScheme value:CODE want:UID]"},
		{"scheme name", m, dhis2.JSON, `{"idScheme":"NAME"}`, dhis2.ReadOptions{}, "dhis2.idScheme /idScheme map[name:idScheme value:NAME want:UID, CODE, ATTRIBUTE:…]"},
		{"scheme default", code, dhis2.JSON, `{"dataValues":[]}`, dhis2.ReadOptions{}, "dhis2.idScheme  map[name:dataElementIdScheme value:UID want:CODE]"},
		{"complete date", m, dhis2.JSON, `{"completeDate":"3 Feb 2014","period":"201401","orgUnit":"DiszpKrYNg8"}`, dhis2.ReadOptions{}, "dhis2.completeDate /completeDate map[value:3 Feb 2014]"},
		{"csv header", m, dhis2.CSV, "dataelement,orgunit,period\n", dhis2.ReadOptions{}, "dhis2.csvHeader  map[column:2 value:orgunit want:period]"},
		{"csv columns", m, dhis2.CSV, "dataelement,period\n", dhis2.ReadOptions{}, "dhis2.csvColumns  map[count:2]"},
		{"csv empty", m, dhis2.CSV, "", dhis2.ReadOptions{}, "dhis2.csvHeader  map[column:1 value: want:dataelement]"},
		{"csv fields", m, dhis2.CSV, "dataelement,period,orgunit\na,b\n", dhis2.ReadOptions{}, "dhis2.csvSyntax  map[line:2]"},
		{"csv flag", m, dhis2.CSV, "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup\na,b,c,,,1,,,,maybe\n", dhis2.ReadOptions{}, "dhis2.type /dataValues/0/followup map[]"},
		{"csv too many", m, dhis2.CSV, "dataelement,period,orgunit\na,b,c\na,b,c\n", dhis2.ReadOptions{MaxValues: 1}, "dhis2.tooManyValues /dataValues map[max:1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.m.ReadDataValueSet(strings.NewReader(tt.in), tt.format, tt.opts)
			ie, ok := errors.AsType[*healthedu.IssuesError](err)
			if !ok || len(ie.Issues) != 1 {
				t.Fatalf("error %v, want an IssuesError", err)
			}
			is := ie.Issues[0]
			if got := fmt.Sprintf("%s %s %v", is.Code, is.Path, is.Params); got != tt.want {
				t.Errorf("issue %s, want %s", got, tt.want)
			}
			if msg := is.Message(language.English); strings.Contains(msg, "{") {
				t.Errorf("message %q", msg)
			}
		})
	}
	if _, err := m.ReadDataValueSet(strings.NewReader("{}"), dhis2.Format(9), dhis2.ReadOptions{}); err == nil {
		t.Error("unknown format: no error")
	}
	// The document's dryRun and importStrategy, for the intake.
	imp, err := m.ReadDataValueSet(strings.NewReader(`{"dryRun":true,"importStrategy":"CREATE","dataSetIdScheme":"UID"}`), dhis2.JSON, dhis2.ReadOptions{IDScheme: "CODE", DataElementIDScheme: "UID", OrgUnitIDScheme: "uid", CategoryOptionComboIDScheme: "UID"})
	if err != nil || imp.DryRun == nil || !*imp.DryRun || imp.ImportStrategy != "CREATE" {
		t.Errorf("dryRun, importStrategy: %+v, %v", imp, err)
	}
}

func FuzzReadDataValueSet(f *testing.F) {
	for _, name := range []string{"datavalueset-bulk.json", "datavalueset-dataset.json", "datavalueset-read.json", "datavalueset-format.json", "datavalueset-bulk.csv", "datavalueset-export.csv", "datavalueset-format.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(name, ".csv"))
	}
	f.Add([]byte(`{"dataValues":[{"dataElement":"f7n9E0hX8qk","period":"202510","orgUnit":"DiszpKrYNg8","value":1e400}]}`), false)
	f.Add([]byte("\uFEFFdataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,flwup,deleted\nf7n9E0hX8qk,202510,DiszpKrYNg8,,,1,,,,,true\n"), true)
	m := loadMappingFile(f, "mapping-demo.csv")
	f.Fuzz(func(t *testing.T, data []byte, isCSV bool) {
		format := dhis2.JSON
		if isCSV {
			format = dhis2.CSV
		}
		imp, err := m.ReadDataValueSet(bytes.NewReader(data), format, dhis2.ReadOptions{MaxValues: 1000, MaxBytes: 1 << 16})
		if err != nil {
			if _, ok := errors.AsType[*healthedu.IssuesError](err); !ok {
				t.Fatalf("error %v is not an IssuesError", err)
			}
			return
		}
		n := len(imp.Conflicts)
		for _, r := range imp.Reports {
			n += len(r.Values)
			if !r.Division.IsValid() || r.Period.Type() != healthedu.PeriodMonth {
				t.Errorf("report %+v", r)
			}
		}
		if n > imp.Values {
			t.Errorf("%d values and conflicts of %d values", n, imp.Values)
		}
		for i, c := range imp.Conflicts {
			if c.Index < 0 || c.Index >= imp.Values || i > 0 && c.Index <= imp.Conflicts[i-1].Index {
				t.Errorf("conflict index %d", c.Index)
			}
		}
	})
}
