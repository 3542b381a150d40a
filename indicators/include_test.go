package indicators

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// approvedOnly returns a Query.Include that includes the months listed
// for each unit, such as "371502001 202510", and records each question.
func approvedOnly(asked *[]string, approved ...string) func(healthedu.DivisionCode, healthedu.Period) bool {
	set := make(map[string]bool, len(approved))
	for _, a := range approved {
		set[a] = true
	}
	return func(d healthedu.DivisionCode, m healthedu.Period) bool {
		k := d.Short() + " " + m.String()
		if asked != nil {
			*asked = append(*asked, k)
		}
		return set[k]
	}
}

// TestIncludeApprovedOnly: two townships of 东昌府区 report every month of
// the fourth quarter; 古楼街道's months are all approved, 柳园街道's
// December is not. Figures over approved data only leave 柳园街道's
// December out as if it had not been reported: a flow over the quarter
// lacks it (the township is left out, or counted with 0 for December), a
// stock is taken from November, completeness and activities held are not
// touched.
func TestIncludeApprovedOnly(t *testing.T) {
	gl, ly := div("371502001"), div("371502002")
	records := []healthedu.Record{
		report(t, gl, "202510", "2025-11-05 09:00", "lectures", "2", "health-centres", "1", "children-0-6-managed", "90", "children-0-6", "100"),
		report(t, gl, "202511", "2025-12-05 09:00", "lectures", "1", "health-centres", "1", "children-0-6-managed", "92", "children-0-6", "100"),
		report(t, gl, "202512", "2026-01-05 09:00", "lectures", "1", "health-centres", "1", "children-0-6-managed", "95", "children-0-6", "100"),
		report(t, ly, "202510", "2025-11-05 09:00", "lectures", "3", "health-centres", "1", "children-0-6-managed", "40", "children-0-6", "50"),
		report(t, ly, "202511", "2025-12-05 09:00", "lectures", "2", "health-centres", "1", "children-0-6-managed", "45", "children-0-6", "50"),
		report(t, ly, "202512", "2026-01-05 09:00", "lectures", "4", "health-centres", "1", "children-0-6-managed", "10", "children-0-6", "50"),
		&healthedu.Activity{Header: header(healthedu.KindActivity, "a1"), Division: ly, Form: "lecture",
			Start: cst("2025-12-20 09:00"), End: cst("2025-12-20 10:00"), Participants: 40},
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	lectures := indicator(t, "lectures-per-institution")
	def := lectures.Definition()
	def.Missing = MissingZero
	lecturesZero := compile(t, def)
	inds := []*Indicator{
		lectures, lecturesZero,
		indicator(t, "child-health-management-rate"),
		indicator(t, "report-completeness"),
		indicator(t, "activities-held"),
	}
	both := Reporters{List: []healthedu.DivisionCode{gl, ly}}
	all := approvedOnly(nil,
		"371502001 202510", "371502001 202511", "371502001 202512",
		"371502002 202510", "371502002 202511", "371502002 202512")
	notLyDec := approvedOnly(nil,
		"371502001 202510", "371502001 202511", "371502001 202512",
		"371502002 202510", "371502002 202511")
	for _, tt := range []struct {
		name    string
		period  string
		include func(healthedu.DivisionCode, healthedu.Period) bool
		want    []figure
	}{
		{"no option", "2025Q4", nil, []figure{
			{"371502", 13, 2, "6.5", "", "2/2", ""},
			{"371502", 13, 2, "6.5", "", "2/2", ""},
			{"371502", 105, 150, "70.00", "", "2/2", "not-met"},
			{"371502", 6, 6, "100.00", "", "2/2", ""},
			{"371502", 1, 1, "1", "", "2/2", ""},
		}},
		{"all approved", "2025Q4", all, []figure{
			{"371502", 13, 2, "6.5", "", "2/2", ""},
			{"371502", 13, 2, "6.5", "", "2/2", ""},
			{"371502", 105, 150, "70.00", "", "2/2", "not-met"},
			{"371502", 6, 6, "100.00", "", "2/2", ""},
			{"371502", 1, 1, "1", "", "2/2", ""},
		}},
		{"柳园 December not approved", "2025Q4", notLyDec, []figure{
			{"371502", 4, 1, "4.0", "", "1/2", ""},          // 古楼街道 alone
			{"371502", 9, 2, "4.5", "", "2/2", ""},          // 柳园街道's December as 0
			{"371502", 140, 150, "93.33", "", "2/2", "met"}, // 柳园街道's stock of November
			{"371502", 6, 6, "100.00", "", "2/2", ""},       // a report received is received
			{"371502", 1, 1, "1", "", "2/2", ""},            // records are not under approval
		}},
		{"December alone", "202512", notLyDec, []figure{
			{"371502", 1, 1, "1.0", "", "1/2", ""},
			{"371502", 1, 1, "1.0", "", "2/2", ""}, // 柳园街道 as 0 lectures in 0 centres
			{"371502", 95, 100, "95.00", "", "1/2", "met"},
			{"371502", 2, 2, "100.00", "", "2/2", ""},
			{"371502", 1, 1, "1", "", "2/2", ""},
		}},
		{"nothing approved", "202512", approvedOnly(nil), []figure{
			{"371502", 0, 0, "", "no-data", "0/2", ""},
			{"371502", 0, 0, "", "zero-denominator", "2/2", ""},
			{"371502", 0, 0, "", "no-data", "0/2", ""},
			{"371502", 2, 2, "100.00", "", "2/2", ""},
			{"371502", 1, 1, "1", "", "2/2", ""},
		}},
	} {
		q := Query{Indicators: inds, Divisions: []healthedu.DivisionCode{div("371502")}, Period: period(tt.period),
			Now: cst("2026-01-11 00:00"), Reporters: both, Include: tt.include}
		if diff := cmp.Diff(tt.want, figures(computeQuery(t, s, q))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestIncludeAsksTheUnit: Include is asked about the reporting unit, with
// its villages' values, once per unit and stored month, and only about
// months that are due; a value recorded for a quarter is no monthly report's
// and is not asked about. A village computed alone is its own unit.
func TestIncludeAsksTheUnit(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "371502001001", "202510", 40),
		val("children-0-6-managed", "371502001002", "202510", 50),
		val("children-0-6-managed", "371502001001", "202511", 41),
		val("children-0-6-managed", "371502001002", "202511", 51),
		val("children-0-6", "371502001", "2025Q4", 100),
		val("children-0-6", "371502001001", "2025Q4", 50),
		val("children-0-6-managed", "371502001001", "202512", 42), // not yet due
	)
	ind := indicator(t, "child-health-management-rate")
	var asked []string
	q := Query{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{div("371502"), div("371502001001")},
		Period: period("2025Q4"), Now: cst("2025-12-15 00:00"),
		Include: approvedOnly(&asked, "371502001 202510", "371502001001 202511")}
	want := []figure{
		{"371502", 90, 150, "60.00", "", "1/24", "not-met"},     // October, approved
		{"371502001001", 41, 50, "82.00", "", "1/1", "not-met"}, // the village's own November
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	wantAsked := []string{"371502001 202510", "371502001 202511", "371502001001 202510", "371502001001 202511"}
	if diff := cmp.Diff(wantAsked, asked); diff != "" {
		t.Errorf("asked (-want +got):\n%s", diff)
	}
}

// TestIncludeExplain: the contributions of a figure over approved data
// only list the included months alone.
func TestIncludeExplain(t *testing.T) {
	s := store(t,
		val("lectures", "371502001", "202510", 2),
		val("lectures", "371502001", "202511", 3),
		val("health-centres", "371502001", "202510", 1),
		val("health-centres", "371502001", "202511", 1),
	)
	def := indicator(t, "lectures-per-institution").Definition()
	def.Missing = MissingZero
	ind := compile(t, def)
	rs := computeQuery(t, s, Query{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{div("371502001")},
		Period: period("2025Q4"), Now: cst("2025-12-15 00:00"), Explain: true,
		Include: approvedOnly(nil, "371502001 202510")})
	var got []string
	for _, c := range rs[0].Contributions {
		got = append(got, c.Term.Element+" "+c.Division.Short()+" "+c.Period.String())
	}
	want := []string{"lectures 371502001 202510", "health-centres 371502001 202510"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contributions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]figure{{"371502001", 2, 1, "2.0", "", "1/1", ""}}, figures(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
