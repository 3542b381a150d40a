package indicators

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

func decimal(t testing.TB, s string) healthedu.Decimal {
	t.Helper()
	d, err := healthedu.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCheckRate: 九原 reported 13,432 children at 96.41%, which implies a
// denominator of 13,932; 96.42% would be flagged.
func TestCheckRate(t *testing.T) {
	ind := indicator(t, "child-health-management-rate")
	type check struct {
		Computed string
		Agrees   bool
		Implied  string
	}
	tests := []struct {
		num, den int64
		reported string
		want     check
	}{
		{13432, 13932, "96.41", check{"96.41", true, "13932"}},
		{13432, 13932, "96.42", check{"96.41", false, "13930–13931"}},
		{13432, 13932, "96.4", check{"96.4", true, "13927–13940"}}, // published to one decimal
		{13432, 13932, "96.411", check{"96.411", true, "13932"}},   // 96.41114…
		{13432, 13932, "96.410", check{"96.411", false, "none"}},
		{13432, 0, "96.41", check{"", false, "13932"}}, // no denominator given
		{0, 50, "0", check{"0", true, "1 or more"}},    // 0 / d is 0 for every d
		{0, 50, "5", check{"0", false, "none"}},
		{1, 3, "33.33", check{"33.33", true, "3"}},
		{10, 10, "100.00", check{"100.00", true, "10"}},
	}
	for _, tt := range tests {
		c := CheckRate(ind, tt.num, tt.den, decimal(t, tt.reported))
		got := check{c.Computed, c.Agrees, c.ImpliedText()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CheckRate(%d, %d, %s) (-want +got):\n%s", tt.num, tt.den, tt.reported, diff)
		}
		if c.Reported.String() != tt.reported {
			t.Errorf("Reported = %s", c.Reported)
		}
	}
}

func TestCheckReport(t *testing.T) {
	report := func(rate string) *healthedu.MonthlyReport {
		return &healthedu.MonthlyReport{
			Header:      healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "r1"},
			Division:    div("150207"),
			Period:      period("202412"),
			SubmittedAt: time.Date(2025, 1, 3, 9, 0, 0, 0, healthedu.ChinaStandardTime),
			Values: []healthedu.DataValue{
				{Element: "children-0-6-managed", Value: decimal(t, "13432")},
				{Element: "children-0-6", Value: decimal(t, "13932")},
				{Element: "children-0-6-management-rate", Value: decimal(t, rate)},
			},
		}
	}
	if got := CheckReport(report("96.41"), DefaultCatalogue()); len(got) != 0 {
		t.Errorf("96.41: %v", got)
	}
	got := CheckReport(report("96.42"), DefaultCatalogue())
	want := []issueRow{{"consistency.rate", "/values/2/value", map[string]any{
		"indicator": "child-health-management-rate", "reported": "96.42", "computed": "96.41",
		"numerator": int64(13432), "denominator": int64(13932), "implied": "13930–13931",
	}}}
	var rowsGot []issueRow
	for _, i := range got {
		rowsGot = append(rowsGot, issueRow{i.Code, i.Path, i.Params})
	}
	if diff := cmp.Diff(want, rowsGot); diff != "" {
		t.Fatalf("96.42 (-want +got):\n%s", diff)
	}
	if got[0].Severity != healthedu.SeverityWarning {
		t.Errorf("severity %v, want warning", got[0].Severity)
	}
	if msg, want := got[0].Message(healthedu.ZhHans), "上报的child-health-management-rate为96.42，与按13432/13932计算的96.41不符；按上报值推算，分母应为13930–13931"; msg != want {
		t.Errorf("message %s, want %s", msg, want)
	}
	if msg, want := got[0].Message(healthedu.English), "Reported child-health-management-rate 96.42 disagrees with 13432 / 13932 = 96.41; the reported value implies a denominator of 13930–13931"; msg != want {
		t.Errorf("message %s, want %s", msg, want)
	}
	// Without the counts there is nothing to check.
	r := report("96.42")
	r.Values = r.Values[1:]
	if got := CheckReport(r, DefaultCatalogue()); len(got) != 0 {
		t.Errorf("no numerator: %v", got)
	}
}

func TestCheckStocks(t *testing.T) {
	s := store(t,
		val("children-0-6", "3715", "202412", 20000),
		val("children-0-6", "371502", "202412", 10000),
		val("children-0-6", "371502001", "202412", 6200),
		val("children-0-6", "371502002", "202412", 2000),
		val("children-0-6", "371502003", "202412", 12000),   // more than its county
		val("children-0-6", "371502003", "202411", 12000),   // no county figure for November
		val("children-0-6", "371502001001", "202412", 6300), // a village above its township
		val("lectures", "371502", "202412", 1),              // flows are not checked
		val("lectures", "371502001", "202412", 5),
		// Disjoint stocks: the county's own instructors beside its
		// townships' are different people, not a total.
		val("roster-instructors", "371502", "202412", 4),
		val("roster-instructors", "371502001", "202412", 30),
		val("residents-bound", "371502", "202412", 1),
		val("residents-bound", "371502001001", "202412", 300),
	)
	var got []issueRow
	for _, i := range s.CheckStocks() {
		got = append(got, issueRow{i.Code, i.Path, i.Params})
	}
	p := func(code string, kv ...any) issueRow {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return issueRow{code, "", m}
	}
	want := []issueRow{
		p("consistency.stockSum", "element", "children-0-6", "division", "371502000000", "value", int64(10000), "sum", int64(20200), "period", "202412"),
		p("consistency.stockSum", "element", "children-0-6", "division", "371502001000", "value", int64(6200), "sum", int64(6300), "period", "202412"),
		p("consistency.stock", "element", "children-0-6", "division", "371502001001", "value", int64(6300), "parent", "371502001000", "parentValue", int64(6200), "period", "202412"),
		p("consistency.stock", "element", "children-0-6", "division", "371502003000", "value", int64(12000), "parent", "371502000000", "parentValue", int64(10000), "period", "202412"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
