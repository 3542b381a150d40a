package indicators

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// cst returns the instant of a date and time in China Standard Time.
func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, healthedu.ChinaStandardTime)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWindow(t *testing.T) {
	tests := []struct {
		period string
		now    string // "" for the zero Time
		day    int
		want   [3]int // due, begun, months
	}{
		{"2025Q4", "2025-12-05 12:00", 10, [3]int{1, 3, 1}},  // October due; November's deadline is 10 December
		{"2025Q4", "2025-12-10 23:59", 10, [3]int{1, 3, 1}},  // the deadline is the end of day 10
		{"2025Q4", "2025-12-11 00:00", 10, [3]int{2, 3, 2}},  // November due
		{"2025Q4", "2025-12-06 00:00", 5, [3]int{2, 3, 2}},   // with day 5
		{"202511", "2025-12-05 12:00", 10, [3]int{0, 1, 0}},  // begun, not due
		{"202512", "2025-11-30 23:59", 10, [3]int{0, 0, 0}},  // not begun
		{"2025", "2025-11-15 12:00", 10, [3]int{10, 11, 10}}, // January to October due
		{"2025", "", 10, [3]int{12, 12, 12}},                 // no clock: every month
		{"2025W48", "2025-12-05 12:00", 10, [3]int{0, 1, 0}}, // 24–30 November: due with November
		{"2025W48", "2025-12-11 00:00", 10, [3]int{1, 1, 0}}, // a week has no month of its own to expect
		{"2025W44", "2025-12-05 12:00", 10, [3]int{0, 1, 0}}, // 27 October–2 November: due with November, its last day's
		{"20251031", "2025-11-11 00:00", 10, [3]int{1, 1, 0}},
		// A bi-month (双月) expects its two months, as a quarter its three.
		{"202511B", "2025-12-05 12:00", 10, [3]int{0, 2, 0}}, // November's deadline is 10 December
		{"202511B", "2025-12-11 00:00", 10, [3]int{1, 2, 1}},
		{"202511B", "2026-01-11 00:00", 10, [3]int{2, 2, 2}},
		{"202511B", "", 10, [3]int{2, 2, 2}},
		{"202509B", "2025-10-15 12:00", 10, [3]int{1, 2, 1}},
		{"202601B", "2025-12-31 23:59", 10, [3]int{0, 0, 0}}, // not begun
	}
	for _, tt := range tests {
		var now time.Time
		if tt.now != "" {
			now = cst(tt.now)
		}
		w := newWindow(period(tt.period), now, tt.day)
		if got := [3]int{w.due, w.begun, w.months}; got != tt.want {
			t.Errorf("newWindow(%s, %s, %d): due, begun, months = %v, want %v", tt.period, tt.now, tt.day, got, tt.want)
		}
	}
}

// dongchangfu returns the townships of 东昌府区 (371502) in the registry.
func dongchangfu(t testing.TB) []healthedu.DivisionCode {
	t.Helper()
	ds := DivisionsAt(healthedu.DefaultRegistry(), div("371502"), healthedu.LevelTownship)
	if len(ds) != 24 {
		t.Fatalf("东昌府区 has %d townships in the registry, want 24", len(ds))
	}
	return ds
}

// report returns a monthly report of division for month p submitted at the
// given CST time, with element value pairs.
func report(t testing.TB, division healthedu.DivisionCode, p, submitted string, values ...any) *healthedu.MonthlyReport {
	r := &healthedu.MonthlyReport{
		Header:   header(healthedu.KindMonthlyReport, "mr-"+division.Short()+"-"+p+"-"+strings.ReplaceAll(submitted, " ", "T")),
		Division: division, Period: period(p), SubmittedAt: cst(submitted),
	}
	for i := 0; i < len(values); i += 2 {
		r.Values = append(r.Values, healthedu.DataValue{Element: values[i].(string), Value: decimal(t, values[i+1].(string))})
	}
	return r
}

// figure is what the rules' tests compare of a result.
type figure struct {
	Division   string
	Num, Den   int64
	Text       string
	Reason     string
	Coverage   string
	Attainment string
}

func figures(rs []Result) []figure {
	out := make([]figure, len(rs))
	for i, r := range rs {
		out[i] = figure{r.Division.Short(), r.Numerator, r.Denominator, r.Text(), r.Reason.String(), r.Coverage.String(), r.Attainment.String()}
	}
	return out
}

// TestQuarterInProgress: every township of 东昌府区 but 闫寺街道, which never
// reports, sends its October report on time; 古楼街道 sends November's on
// 3 December, before its deadline of 10 December. As of 5 December the
// quarter expects October only, and the early report is neither counted
// nor missing; from 11 December it expects November too.
func TestQuarterInProgress(t *testing.T) {
	towns := dongchangfu(t)
	never := div("371502006") // 闫寺街道
	var records []healthedu.Record
	for _, d := range towns {
		if d != never {
			records = append(records, report(t, d, "202510", "2025-11-05 09:00", "lectures", "1"))
		}
	}
	records = append(records, report(t, div("371502001"), "202511", "2025-12-03 09:00", "lectures", "2"))
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	city := int64(len(DivisionsAt(healthedu.DefaultRegistry(), div("3715"), healthedu.LevelTownship)))
	both := []*Indicator{indicator(t, "report-completeness"), indicator(t, "report-timeliness")}
	for _, tt := range []struct {
		now  string
		want []figure
	}{
		{"2025-12-05 12:00", []figure{
			{"371502", 23, 24, "95.83", "", "24/24", ""},
			{"371502", 23, 24, "95.83", "", "24/24", ""},
			{"3715", 23, city, formatRatio(23, city, 100, 2), "", "136/136", ""}, // the city's townships that sent nothing count against it
			{"3715", 23, city, formatRatio(23, city, 100, 2), "", "136/136", ""},
			{"371502001", 1, 1, "100.00", "", "1/1", ""},
			{"371502001", 1, 1, "100.00", "", "1/1", ""},
			{"371502006", 0, 1, "0.00", "", "1/1", ""},
			{"371502006", 0, 1, "0.00", "", "1/1", ""},
		}},
		{"2025-12-11 00:00", []figure{
			{"371502", 24, 48, "50.00", "", "24/24", ""},
			{"371502", 24, 48, "50.00", "", "24/24", ""},
			{"3715", 24, 2 * city, formatRatio(24, 2*city, 100, 2), "", "136/136", ""},
			{"3715", 24, 2 * city, formatRatio(24, 2*city, 100, 2), "", "136/136", ""},
			{"371502001", 2, 2, "100.00", "", "1/1", ""},
			{"371502001", 2, 2, "100.00", "", "1/1", ""}, // received early: on time
			{"371502006", 0, 2, "0.00", "", "1/1", ""},
			{"371502006", 0, 2, "0.00", "", "1/1", ""},
		}},
	} {
		rs := computeQuery(t, s, Query{Indicators: both, Divisions: []healthedu.DivisionCode{div("371502"), div("3715"), div("371502001"), never},
			Period: period("2025Q4"), Now: cst(tt.now)})
		if diff := cmp.Diff(tt.want, figures(rs)); diff != "" {
			t.Errorf("as of %s (-want +got):\n%s", tt.now, diff)
		}
	}
}

// TestMonthReportedEarly: a month whose deadline has not passed has no
// figures of monthly reports, whatever arrived early; its records count.
func TestMonthReportedEarly(t *testing.T) {
	a := &healthedu.Activity{Header: header(healthedu.KindActivity, "a1"), Division: div("371502001"), Form: "lecture",
		Start: cst("2025-11-20 09:00"), End: cst("2025-11-20 10:00"), Participants: 40}
	records := []healthedu.Record{
		report(t, div("371502001"), "202511", "2025-12-01 09:00", "children-0-6", "100", "children-0-6-managed", "95"),
		a,
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	inds := []*Indicator{indicator(t, "report-completeness"), indicator(t, "child-health-management-rate"), indicator(t, "activities-held")}
	q := Query{Indicators: inds, Divisions: []healthedu.DivisionCode{div("371502")}, Period: period("202511"), Now: cst("2025-12-05 12:00")}
	want := []figure{
		{"371502", 0, 0, "", "no-data", "0/24", ""},
		{"371502", 0, 0, "", "no-data", "0/24", ""},
		// An activity is a record: it counts in its month, for the one
		// township known to act; of the others nothing is known yet.
		{"371502", 1, 1, "1", "", "1/24", ""},
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("before the deadline (-want +got):\n%s", diff)
	}
	q.Now = cst("2025-12-11 00:00")
	want = []figure{
		{"371502", 1, 24, "4.17", "", "24/24", ""},
		{"371502", 95, 100, "95.00", "", "1/24", "met"},
		{"371502", 1, 1, "1", "", "1/24", ""}, // the one township that reported
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("after the deadline (-want +got):\n%s", diff)
	}
	// A period that has not begun has no figures at all.
	q.Period, q.Now = period("202512"), cst("2025-11-30 12:00")
	for _, r := range computeQuery(t, s, q) {
		if r.Reason != ReasonNoData || r.Coverage.Reporting != 0 {
			t.Errorf("not begun: %v %v", r, r.Coverage)
		}
	}
}

// TestStockLeftOut: 古楼街道's November report leaves out elderly-managed.
// The rate takes numerator and denominator from October, where both are
// reported, not October's 1,239 over November's 1,000 (123.90%); November
// alone has no value for it.
func TestStockLeftOut(t *testing.T) {
	gl := div("371502001")
	records := []healthedu.Record{
		report(t, gl, "202510", "2025-11-05 09:00", "elderly-managed", "1239", "population-65plus", "1300"),
		report(t, gl, "202511", "2025-12-05 09:00", "population-65plus", "1000"),
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	ind := indicator(t, "elderly-health-management-rate")
	now := cst("2025-12-11 00:00")
	rs := computeQuery(t, s, Query{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{gl, div("371502")}, Period: period("2025"), Now: now})
	want := []figure{
		{"371502001", 1239, 1300, "95.31", "", "1/1", ""},
		{"371502", 1239, 1300, "95.31", "", "1/24", ""},
	}
	if diff := cmp.Diff(want, figures(rs)); diff != "" {
		t.Errorf("2025 (-want +got):\n%s", diff)
	}
	rs = computeQuery(t, s, Query{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{gl}, Period: period("202511"), Now: now})
	if diff := cmp.Diff([]figure{{"371502001", 0, 0, "", "no-data", "0/1", ""}}, figures(rs)); diff != "" {
		t.Errorf("202511 (-want +got):\n%s", diff)
	}
}

// TestFlowMissingMonth: 柳园街道 leaves lectures out of its November report.
// Lectures per health centre skip it for the quarter: its October and
// December alone would understate it; counted as zero instead, it joins.
// Activities held, derived from records, count a month without any as 0.
func TestFlowMissingMonth(t *testing.T) {
	gl, ly := div("371502001"), div("371502002")
	records := []healthedu.Record{
		report(t, gl, "202510", "2025-11-05 09:00", "lectures", "2", "health-centres", "1"),
		report(t, gl, "202511", "2025-12-05 09:00", "lectures", "1", "health-centres", "1"),
		report(t, gl, "202512", "2026-01-05 09:00", "lectures", "1", "health-centres", "1"),
		report(t, ly, "202510", "2025-11-05 09:00", "lectures", "3", "health-centres", "1"),
		report(t, ly, "202511", "2025-12-05 09:00", "health-centres", "1"),
		report(t, ly, "202512", "2026-01-05 09:00", "lectures", "2", "health-centres", "1"),
		&healthedu.Activity{Header: header(healthedu.KindActivity, "a1"), Division: ly, Form: "lecture",
			Start: cst("2025-10-20 09:00"), End: cst("2025-10-20 10:00"), Participants: 40},
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	skip := indicator(t, "lectures-per-institution")
	def := skip.Definition()
	def.Missing = MissingZero
	zero := compile(t, def)
	q := Query{Indicators: []*Indicator{skip, zero, indicator(t, "activities-held")}, Divisions: []healthedu.DivisionCode{div("371502")},
		Period: period("2025Q4"), Now: cst("2026-01-11 00:00")}
	want := []figure{
		{"371502", 4, 1, "4.0", "", "1/24", ""}, // 古楼街道 alone
		{"371502", 9, 2, "4.5", "", "2/24", ""}, // November's lectures of 柳园街道 taken as 0
		{"371502", 1, 1, "1", "", "2/24", ""},   // the two townships that report, 古楼街道's none a 0
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// As of 5 January December is not due: the quarter is October and
	// November, which 柳园街道 still lacks.
	q.Now = cst("2026-01-05 12:00")
	want = []figure{
		{"371502", 3, 1, "3.0", "", "1/24", ""},
		{"371502", 6, 2, "3.0", "", "2/24", ""},
		{"371502", 1, 1, "1", "", "2/24", ""},
	}
	if diff := cmp.Diff(want, figures(computeQuery(t, s, q))); diff != "" {
		t.Errorf("as of 5 January (-want +got):\n%s", diff)
	}
}

// TestAboveMaximum: a rate of a part in its whole above 100% is kept and
// flagged.
func TestAboveMaximum(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "371502001", "202510", 110),
		val("children-0-6", "371502001", "202510", 100),
		val("children-0-6-managed", "371502002", "202510", 100),
		val("children-0-6", "371502002", "202510", 100),
	)
	rs := compute(t, s, indicator(t, "child-health-management-rate"), "202510", "371502001", "371502002", "371502")
	got := [][]string{rs[0].Flags, rs[1].Flags, rs[2].Flags}
	want := [][]string{{"indicator.aboveMaximum"}, {}, {"indicator.aboveMaximum"}} // 210 of 200 for the county
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("flags (-want +got):\n%s", diff)
	}
	if rs[0].Text() != "110.00" || rs[0].Attainment != Met {
		t.Errorf("the value is kept: %v", rs[0])
	}
	b, err := json.Marshal(rs[0])
	if err != nil || !strings.Contains(string(b), `"flags":["indicator.aboveMaximum"]`) {
		t.Errorf("JSON %s, %v", b, err)
	}
	if b, _ := json.Marshal(rs[1]); !strings.Contains(string(b), `"flags":[]`) {
		t.Errorf("JSON without flags: %s", b)
	}
	if max, ok := rs[0].Indicator.Maximum(); max != "100" || !ok {
		t.Errorf("Maximum() = %q, %v", max, ok)
	}
	is := healthedu.NewIssue("indicator.aboveMaximum", "", map[string]any{"indicator": "0～6岁儿童健康管理率", "value": "110.00", "maximum": "100"})
	if got := is.Message(healthedu.ZhHans); got != "指标“0～6岁儿童健康管理率”的值110.00超过上限100，请核对所用数据" {
		t.Errorf("message %q", got)
	}
}

// TestProratedTarget: 12 lectures a year, pro-rated to the months due: 10
// lectures by the end of October meet it on 15 November; the year closed,
// they do not.
func TestProratedTarget(t *testing.T) {
	var values []DataValue
	for m := time.January; m <= time.December; m++ {
		n := int64(1)
		if m > time.October {
			n = 0
		}
		values = append(values, val("lectures", "371502001", healthedu.MonthPeriod(2025, m).String(), n))
	}
	values = append(values, val("health-centres", "371502001", "202501", 1))
	s := store(t, values...)
	ind := indicator(t, "lectures-per-institution")
	type target struct {
		Text, Target, Gap, Attainment string
		Prorated                      bool
	}
	for _, tt := range []struct {
		now  string
		want target
	}{
		{"2025-11-15 12:00", target{"10.0", "10", "0.0", "met", true}},
		{"2025-12-05 12:00", target{"10.0", "10", "0.0", "met", true}}, // November not yet due
		{"2025-12-11 00:00", target{"10.0", "11", "-1.0", "not-met", true}},
		{"2026-01-11 00:00", target{"10.0", "12", "-2.0", "not-met", false}},
		{"2025-03-11 00:00", target{"2.0", "2", "0.0", "met", true}},
	} {
		r := computeQuery(t, s, Query{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{div("371502001")}, Period: period("2025"), Now: cst(tt.now)})[0]
		tg, _ := r.Target()
		got := target{r.Text(), tg.Value, r.GapText(), r.Attainment.String(), r.TargetProrated}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("as of %s (-want +got):\n%s", tt.now, diff)
		}
	}
	// A rate's target is not pro-rated.
	s2 := store(t, val("children-0-6-managed", "371502001", "202501", 80), val("children-0-6", "371502001", "202501", 100))
	r := computeQuery(t, s2, Query{Indicators: []*Indicator{indicator(t, "child-health-management-rate")}, Divisions: []healthedu.DivisionCode{div("371502001")}, Period: period("2025"), Now: cst("2025-03-11 00:00")})[0]
	if tg, _ := r.Target(); tg.Value != "85" || r.TargetProrated || r.Attainment != NotMet {
		t.Errorf("rate target %v prorated %v %v", tg, r.TargetProrated, r.Attainment)
	}
	// 9 consultations a year is 7.5 by the end of October.
	s3 := store(t, val("consultations", "371502001", "2025", 8), val("health-centres", "371502001", "2025", 1))
	r = computeQuery(t, s3, Query{Indicators: []*Indicator{indicator(t, "consultations-per-institution")}, Divisions: []healthedu.DivisionCode{div("371502001")}, Period: period("2025"), Now: cst("2025-11-15 12:00")})[0]
	if tg, _ := r.Target(); tg.Value != "7.5" || r.Attainment != Met || r.GapText() != "0.5" {
		t.Errorf("consultations: %v target %v gap %s", r, tg, r.GapText())
	}
}

// TestReceivedAt: timeliness goes by when the platform received a report,
// where it says so.
func TestReceivedAt(t *testing.T) {
	early := report(t, div("371502001"), "202510", "2025-11-05 09:00", "lectures", "1") // claims 5 November
	late := report(t, div("371502002"), "202510", "2025-11-20 09:00", "lectures", "1")  // claims 20 November
	received := map[*healthedu.MonthlyReport]time.Time{early: cst("2025-11-12 09:00"), late: cst("2025-11-09 09:00")}
	q := Query{Indicators: []*Indicator{indicator(t, "report-timeliness")}, Divisions: []healthedu.DivisionCode{div("371502001"), div("371502002")},
		Period: period("202510"), Now: cst("2025-12-01 00:00")}
	for _, tt := range []struct {
		opts RecordOptions
		want []string
	}{
		{RecordOptions{}, []string{"100.00", "0.00"}},
		{RecordOptions{ReceivedAt: func(r *healthedu.MonthlyReport) time.Time { return received[r] }}, []string{"0.00", "100.00"}},
		{RecordOptions{ReceivedAt: func(*healthedu.MonthlyReport) time.Time { return time.Time{} }}, []string{"100.00", "0.00"}},
	} {
		s := NewStore(DefaultCatalogue())
		if err := s.AddRecords([]healthedu.Record{early, late}, tt.opts); err != nil {
			t.Fatal(err)
		}
		rs := computeQuery(t, s, q)
		if got := []string{rs[0].Text(), rs[1].Text()}; !cmp.Equal(tt.want, got) {
			t.Errorf("timeliness %v, want %v", got, tt.want)
		}
	}
}

// TestReporters: the expected reporters by level, by list, and a division
// computed below the reporting level.
func TestReporters(t *testing.T) {
	records := []healthedu.Record{
		report(t, div("371502001"), "202510", "2025-11-05 09:00", "lectures", "1"),
		report(t, div("371502001001"), "202510", "2025-11-05 09:00", "lectures", "1"), // a village of 古楼街道
		report(t, div("371503"), "202510", "2025-11-05 09:00", "lectures", "1"),       // 茌平区 reports as a county
		report(t, div("371502199"), "202510", "2025-11-05 09:00", "lectures", "1"),    // a township the registry lacks
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	completeness := []*Indicator{indicator(t, "report-completeness")}
	counties := len(DivisionsAt(healthedu.DefaultRegistry(), div("3715"), healthedu.LevelCounty))
	for _, tt := range []struct {
		name      string
		reporters Reporters
		divisions []string
		want      []figure
	}{
		{"townships", Reporters{}, []string{"371502", "371502001", "371502001001", "371503"}, []figure{
			{"371502", 2, 25, "8.00", "", "25/25", ""}, // the 24 of the registry and 371502199, whose report came
			{"371502001", 1, 1, "100.00", "", "1/1", ""},
			{"371502001001", 1, 1, "100.00", "", "1/1", ""}, // a village is its own single unit
			{"371503", 0, 14, "0.00", "", "14/14", ""},      // a county's own report is no township's
		}},
		{"counties", Reporters{Level: healthedu.LevelCounty}, []string{"3715", "371502", "371502001"}, []figure{
			{"3715", 2, int64(counties), formatRatio(2, int64(counties), 100, 2), "", "8/8", ""},
			{"371502", 1, 1, "100.00", "", "1/1", ""},
			{"371502001", 1, 1, "100.00", "", "1/1", ""},
		}},
		{"list", Reporters{List: []healthedu.DivisionCode{div("371502001"), div("371502002"), div("371503")}}, []string{"3715", "371502"}, []figure{
			{"3715", 2, 3, "66.67", "", "3/3", ""},
			{"371502", 1, 2, "50.00", "", "2/2", ""},
		}},
	} {
		q := Query{Indicators: completeness, Period: period("202510"), Now: cst("2025-11-11 00:00"), Reporters: tt.reporters}
		for _, d := range tt.divisions {
			q.Divisions = append(q.Divisions, div(d))
		}
		if diff := cmp.Diff(tt.want, figures(computeQuery(t, s, q))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestUnitSumsItsVillages: a township's figure for a month is what was
// recorded for it and within it, and its stock rate aligns on months in
// which the township as a whole reported every stock.
func TestUnitSumsItsVillages(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "371502001001", "202510", 40),
		val("children-0-6-managed", "371502001002", "202510", 50),
		val("children-0-6", "371502001", "202510", 100),
		val("children-0-6-managed", "371502001001", "202511", 45), // no denominator in November
	)
	rs := compute(t, s, indicator(t, "child-health-management-rate"), "2025Q4", "371502001", "371502")
	want := []figure{
		{"371502001", 90, 100, "90.00", "", "1/1", "met"},
		{"371502", 90, 100, "90.00", "", "1/24", "met"},
	}
	if diff := cmp.Diff(want, figures(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestDerivedElementsTakeNoValues: completeness and timeliness come from the
// reports received only.
func TestDerivedElementsTakeNoValues(t *testing.T) {
	s := NewStore(DefaultCatalogue())
	for _, e := range []string{ElementReportsExpected, ElementReportsReceived, ElementReportsOnTime} {
		err := s.Add(val(e, "371502001", "202510", 1))
		var ve *ValueError
		if !errors.As(err, &ve) || ve.Code != "indicator.derivedElement" {
			t.Errorf("Add(%s) = %v, want indicator.derivedElement", e, err)
		}
	}
	for _, tt := range []struct {
		d healthedu.DivisionCode
		p string
	}{{healthedu.DivisionCode{}, "202510"}, {div("371502001"), "2025Q4"}} {
		if err := s.AddReceipt(tt.d, period(tt.p), time.Time{}); err == nil {
			t.Errorf("AddReceipt(%v, %s) took it", tt.d, tt.p)
		}
	}
	// The earliest known receipt counts; one at an unknown time is
	// received, and on time only if another receipt says so.
	d, oct := div("371502001"), period("202510")
	s.AddReceipt(d, oct, time.Time{})
	q := Query{Indicators: []*Indicator{indicator(t, "report-completeness"), indicator(t, "report-timeliness")},
		Divisions: []healthedu.DivisionCode{d}, Period: oct, Now: cst("2025-12-01 00:00")}
	if got := figures(computeQuery(t, s, q)); got[0].Text != "100.00" || got[1].Text != "0.00" {
		t.Errorf("unknown time: %v", got)
	}
	s.AddReceipt(d, oct, cst("2025-11-20 09:00"))
	s.AddReceipt(d, oct, cst("2025-11-02 09:00"))
	s.AddReceipt(d, oct, time.Time{})
	if got := figures(computeQuery(t, s, q)); got[0].Text != "100.00" || got[1].Text != "100.00" || s.Receipts() != 1 {
		t.Errorf("earliest receipt: %v, %d receipts", got, s.Receipts())
	}
}

// TestReportsOutsideTheDivisions: receipts and values of reporters outside
// every division computed are left out, whatever their level.
func TestReportsOutsideTheDivisions(t *testing.T) {
	s := NewStore(DefaultCatalogue())
	records := []healthedu.Record{
		report(t, div("371502002"), "202509", "2025-10-05 09:00", "lectures", "1"),
		report(t, div("371502002001"), "202509", "2025-10-05 09:00", "lectures", "1"),
		report(t, div("371502001001"), "202509", "2025-10-05 09:00", "lectures", "1"),
		report(t, div("371502001001"), "202510", "2025-11-05 09:00", "lectures", "1"),
	}
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	rs := computeQuery(t, s, Query{Indicators: []*Indicator{indicator(t, "report-completeness")},
		Divisions: []healthedu.DivisionCode{div("371502001"), div("371502001001")}, Period: period("2025Q3"), Now: cst("2025-12-01 00:00")})
	want := []figure{
		{"371502001", 1, 3, "33.33", "", "1/1", ""},
		{"371502001001", 1, 3, "33.33", "", "1/1", ""},
	}
	if diff := cmp.Diff(want, figures(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRecordsOfADivisionAboveTheReporters: a county's own activities count
// for it as soon as their month has begun, as its townships' do; the
// coverage counts the townships, of which one is known to act.
func TestRecordsOfADivisionAboveTheReporters(t *testing.T) {
	activity := func(id, division string) *healthedu.Activity {
		return &healthedu.Activity{Header: header(healthedu.KindActivity, id), Division: div(division), Form: "lecture",
			Start: cst("2025-11-20 09:00"), End: cst("2025-11-20 10:00"), Participants: 40}
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords([]healthedu.Record{activity("a1", "371502"), activity("a2", "371502001")}, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, now := range []string{"2025-12-07 12:00", "2025-12-11 00:00"} {
		rs := computeQuery(t, s, Query{Indicators: []*Indicator{indicator(t, "person-times-reached")}, Divisions: []healthedu.DivisionCode{div("371502")},
			Period: period("202511"), Now: cst(now)})
		if diff := cmp.Diff([]figure{{"371502", 80, 1, "80", "", "1/24", ""}}, figures(rs)); diff != "" {
			t.Errorf("as of %s (-want +got):\n%s", now, diff)
		}
	}
}
