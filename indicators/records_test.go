package indicators

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// citizenID returns the synthetic citizen ID number of 聊城's unassigned
// county 99 with the given birth date and sequence code.
func citizenID(t testing.TB, birth string, seq int) healthedu.CitizenID {
	t.Helper()
	id, err := healthedu.CitizenIDFrom("371599", mustDate(t, birth), seq)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func header(kind healthedu.Kind, id string) healthedu.Header {
	return healthedu.Header{SchemaVersion: "1", Kind: kind, ID: id}
}

func monthlyReport(t testing.TB, id, division, p, submitted string, values ...any) *healthedu.MonthlyReport {
	r := &healthedu.MonthlyReport{Header: header(healthedu.KindMonthlyReport, id), Division: div(division), Period: period(p), SubmittedAt: at(submitted)}
	for i := 0; i < len(values); i += 2 {
		r.Values = append(r.Values, healthedu.DataValue{Element: values[i].(string), Value: decimal(t, values[i+1].(string))})
	}
	return r
}

// TestReportTimeliness: monthly reports for July to September 2025 are due
// on day 5 of the following month. 5 October 2025 is a Sunday: the deadline
// is a day count and does not move to Monday.
func TestReportTimeliness(t *testing.T) {
	const t1, t2 = "371502001", "371502002"
	records := []healthedu.Record{
		monthlyReport(t, "t1-07", t1, "202507", "2025-08-04T10:00:00+08:00", "lectures", "1"),
		monthlyReport(t, "t1-07b", t1, "202507", "2025-08-20T10:00:00+08:00", "lectures", "2"), // a late correction
		monthlyReport(t, "t1-08", t1, "202508", "2025-09-05T23:59:59+08:00", "lectures", "1"),
		monthlyReport(t, "t1-09", t1, "202509", "2025-10-05T23:30:00+08:00", "lectures", "1"), // Sunday: on time
		monthlyReport(t, "t2-07", t2, "202507", "2025-08-01T09:00:00+08:00", "lectures", "1"),
		monthlyReport(t, "t2-09", t2, "202509", "2025-10-05T16:30:00Z", "lectures", "1"),      // Monday 00:30 in Beijing: late
		monthlyReport(t, "t2-10", t2, "202510", "2025-11-01T09:00:00+08:00", "lectures", "1"), // outside the period
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	reporters := Reporters{List: []healthedu.DivisionCode{div(t1), div(t2)}}
	both := []*Indicator{indicator(t, "report-completeness"), indicator(t, "report-timeliness")}
	rs, err := s.Compute(Query{
		Indicators:  both,
		Divisions:   []healthedu.DivisionCode{div("371502"), div(t1), div(t2)},
		Period:      period("2025Q3"),
		DeadlineDay: 5,
		Reporters:   reporters,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{"371502", 5, 6, "83.33", "", "", ""},
		{"371502", 4, 6, "66.67", "", "", ""},
		{"371502001", 3, 3, "100.00", "", "", ""},
		{"371502001", 3, 3, "100.00", "", "", ""}, // the first July report was on time
		{"371502002", 2, 3, "66.67", "", "", ""},
		{"371502002", 1, 3, "33.33", "", "", ""},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The values come from the last report for each division and month.
	lec := compile(t, Definition{Code: "lec", Numerator: "lectures", Denominator: "1", Factor: 1, Missing: MissingZero})
	if got := compute(t, s, lec, "202507", "371502")[0].Numerator; got != 3 {
		t.Errorf("July lectures = %d, want 3 (2 from the correction, 1 from t2)", got)
	}
	// With the deadline on day 6, Monday's report is on time.
	rs = computeQuery(t, s, Query{Indicators: both[1:], Divisions: []healthedu.DivisionCode{div(t2)}, Period: period("2025Q3"), DeadlineDay: 6, Reporters: reporters})
	if got := rs[0].Numerator; got != 2 {
		t.Errorf("on time with day 6: %d, want 2", got)
	}
	// By default every township of the registry is expected, for every
	// month due: on 15 November 2025, January to October.
	n := int64(len(DivisionsAt(healthedu.DefaultRegistry(), div("371502"), healthedu.LevelTownship)))
	rs = computeQuery(t, s, Query{Indicators: both, Divisions: []healthedu.DivisionCode{div("371502")}, Period: period("2025"), Now: at("2025-11-15T12:00:00+08:00")})
	if diff := cmp.Diff([]row{{"371502", 6, 10 * n, formatRatio(6, 10*n, 100, 2), "", "", ""}, {"371502", 6, 10 * n, formatRatio(6, 10*n, 100, 2), "", "", ""}}, rows(rs)); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	if c := rs[0].Coverage; c != (Coverage{int(n), int(n)}) {
		t.Errorf("completeness coverage %v, want every township (%d)", c, n)
	}
	// Expected reporters that sent nothing count against completeness.
	rs = computeQuery(t, s, Query{Indicators: both[:1], Divisions: []healthedu.DivisionCode{div("371502")}, Period: period("202509"),
		Reporters: Reporters{List: []healthedu.DivisionCode{div(t1), div(t2), div("371502003")}}})
	if got := rs[0].Text(); got != "66.67" {
		t.Errorf("completeness with a silent reporter: %s, want 66.67", got)
	}
}

// computeQuery runs q on s.
func computeQuery(t testing.TB, s *Store, q Query) []Result {
	t.Helper()
	rs, err := s.Compute(q)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestReportDeadline(t *testing.T) {
	for _, tt := range []struct {
		month string
		day   int
		want  string
	}{
		{"202509", 5, "2025-10-06T00:00:00+08:00"}, // due Sunday 5 October
		{"202509", 10, "2025-10-11T00:00:00+08:00"},
		{"202501", 31, "2025-03-01T00:00:00+08:00"}, // February has 28 days
		{"202512", 10, "2026-01-11T00:00:00+08:00"},
		{"202512", 0, "2026-01-02T00:00:00+08:00"},
	} {
		if got := ReportDeadline(period(tt.month), tt.day).Format(time.RFC3339); got != tt.want {
			t.Errorf("ReportDeadline(%s, %d) = %s, want %s", tt.month, tt.day, got, tt.want)
		}
	}
}

func TestAddRecords(t *testing.T) {
	const t1, t2 = "371502001", "371502002"
	a, b, c := citizenID(t, "1980-01-01", 1), citizenID(t, "1985-12-31", 2), citizenID(t, "1990-06-15", 3)
	items := func(scores ...int) []healthedu.ItemScore {
		var out []healthedu.ItemScore
		for i, s := range scores {
			out = append(out, healthedu.ItemScore{Item: i + 1, Score: s, MaxScore: 10})
		}
		return out
	}
	activity := func(id, division, start, form string, participants int64, topics ...healthedu.Topic) *healthedu.Activity {
		return &healthedu.Activity{
			Header: header(healthedu.KindActivity, id), Division: div(division), Form: healthedu.ActivityForm(form),
			Topics: topics, TargetGroups: []healthedu.TargetGroup{"elderly", "chronic-patients"},
			Start: at(start), End: at(start).Add(time.Hour), Participants: participants,
		}
	}
	binding := func(id, division string, who healthedu.CitizenID, bound string, unbound string) *healthedu.Binding {
		bd := &healthedu.Binding{Header: header(healthedu.KindBinding, id), Division: div(division), BoundAt: at(bound)}
		bd.Resident.CitizenID = who
		if unbound != "" {
			u := at(unbound)
			bd.UnboundAt = &u
		}
		return bd
	}
	records := []healthedu.Record{
		activity("a1", t1, "2025-10-08T09:00:00+08:00", "lecture", 120, "hypertension", "diabetes"),
		activity("a2", t1, "2025-09-30T17:00:00Z", "free-clinic", 80, "hypertension"), // 1 October in Beijing
		activity("a3", t2, "2025-11-02T09:00:00+08:00", "lecture", 999),
		activity("a3", t2, "2025-11-02T09:00:00+08:00", "lecture", 60, "falls"), // resubmitted: replaces the one above
		nil,
		binding("b1", t1, a, "2025-01-10T10:00:00+08:00", ""),
		binding("b2", t1, b, "2025-02-03T10:00:00+08:00", "2025-03-15T10:00:00+08:00"),
		binding("b3", t1, a, "2025-02-20T10:00:00+08:00", ""), // A binds a second instructor
		binding("b4", t2, c, "2025-03-31T20:00:00+08:00", ""),
		&healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, "l1"), Division: div(t1), SurveyedOn: mustDate(t, "2025-08-01"),
			Respondent: healthedu.Respondent{Age: 40, Residence: "urban"}, Items: items(8, 8, 8)}, // 80%: literate
		&healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, "l2"), Division: div(t1), SurveyedOn: mustDate(t, "2025-08-02"),
			Respondent: healthedu.Respondent{Age: 50, Residence: "rural"}, Items: items(8, 8, 7)},
		&healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, "l3"), Division: div(t2), SurveyedOn: mustDate(t, "2025-09-30"),
			Respondent: healthedu.Respondent{Age: 30, Residence: "rural"}, Items: items(10, 10, 10)},
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h1"), Name: "健康社区", Type: "community", Level: "city", Year: 2024, Division: div(t1)},
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h2"), Name: "健康食堂", Type: "canteen", Level: "city", Year: 2024, Division: div(t2)},
		monthlyReport(t, "m1", t1, "202510", "2025-11-03T09:00:00+08:00",
			"children-0-6", "6200", "children-0-6-managed", "6020", "children-0-6-management-rate", "97.10"),
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for v := range s.Values() {
		got = append(got, v.String())
	}
	want := []string{
		"activities 371502001000 202510 2",
		"activities 371502002000 202511 1",
		"activities[form=free-clinic] 371502001000 202510 1",
		"activities[form=lecture] 371502001000 202510 1",
		"activities[form=lecture] 371502002000 202511 1",
		"activities[group=chronic-patients] 371502001000 202510 2",
		"activities[group=chronic-patients] 371502002000 202511 1",
		"activities[group=elderly] 371502001000 202510 2",
		"activities[group=elderly] 371502002000 202511 1",
		"activities[topic=diabetes] 371502001000 202510 1",
		"activities[topic=falls] 371502002000 202511 1",
		"activities[topic=hypertension] 371502001000 202510 2",
		"activity-participants 371502001000 202510 200",
		"activity-participants 371502002000 202511 60",
		"activity-participants[form=free-clinic] 371502001000 202510 80",
		"activity-participants[form=lecture] 371502001000 202510 120",
		"activity-participants[form=lecture] 371502002000 202511 60",
		"activity-participants[group=chronic-patients] 371502001000 202510 200",
		"activity-participants[group=chronic-patients] 371502002000 202511 60",
		"activity-participants[group=elderly] 371502001000 202510 200",
		"activity-participants[group=elderly] 371502002000 202511 60",
		"activity-participants[topic=diabetes] 371502001000 202510 120",
		"activity-participants[topic=falls] 371502002000 202511 60",
		"activity-participants[topic=hypertension] 371502001000 202510 200",
		"children-0-6 371502001000 202510 6200",
		"children-0-6-managed 371502001000 202510 6020",
		"health-cells 371502001000 2024 1",
		"health-cells 371502002000 2024 1",
		"health-cells[level=city] 371502001000 2024 1",
		"health-cells[level=city] 371502002000 2024 1",
		"health-cells[type=canteen] 371502002000 2024 1",
		"health-cells[type=community] 371502001000 2024 1",
		"literacy-literate 371502001000 202508 1",
		"literacy-literate 371502002000 202509 1",
		"literacy-literate[residence=rural] 371502001000 202508 0",
		"literacy-literate[residence=rural] 371502002000 202509 1",
		"literacy-literate[residence=urban] 371502001000 202508 1",
		"literacy-respondents 371502001000 202508 2",
		"literacy-respondents 371502002000 202509 1",
		"literacy-respondents[residence=rural] 371502001000 202508 1",
		"literacy-respondents[residence=rural] 371502002000 202509 1",
		"literacy-respondents[residence=urban] 371502001000 202508 1",
		"residents-bound 371502001000 202501 1",
		"residents-bound 371502001000 202502 2",
		"residents-bound 371502001000 202503 1",
		"residents-bound 371502002000 202503 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	if s.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", s.Len(), len(want))
	}
	if got := compute(t, s, indicator(t, "literacy-level"), "2025", "371502")[0].Text(); got != "66.67" {
		t.Errorf("literacy level %s, want 66.67", got)
	}

	// Records that cannot be used are skipped whole and reported.
	bad := []healthedu.Record{
		monthlyReport(t, "m2", t2, "202510", "2025-11-03T09:00:00+08:00", "lectures", "3", "no-such-element", "1"),
		monthlyReport(t, "m3", t2, "202511", "2025-12-03T09:00:00+08:00", "lectures", "3", "consultations", "1.5"),
		monthlyReport(t, "m4", t2, "202512", "2026-01-03T09:00:00+08:00", "lectures", "-3"),
		&healthedu.Activity{Header: header(healthedu.KindActivity, "a9"), Division: div(t2), Form: "lecture", Participants: 3},
		&healthedu.Binding{Header: header(healthedu.KindBinding, "b9"), Division: div(t2)},
		&healthedu.HealthCell{Header: header(healthedu.KindHealthCell, "h9"), Type: "community", Level: "city", Year: 0, Division: div(t1)},
		&healthedu.LiteracySurvey{Header: header(healthedu.KindLiteracySurvey, "l9"), Division: div(t1)},
	}
	s = NewStore(DefaultCatalogue())
	err := s.AddRecords(bad, RecordOptions{})
	var ids []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var re *RecordError
		if errors.As(e, &re) {
			ids = append(ids, re.ID)
		}
	}
	if diff := cmp.Diff([]string{"a9", "b9", "h9", "l9", "m2", "m3", "m4"}, ids); diff != "" {
		t.Errorf("skipped (-want +got):\n%s\n%v", diff, err)
	}
	if s.Len() != 0 || s.Receipts() != 0 {
		t.Errorf("%d values and %d receipts added from bad records", s.Len(), s.Receipts())
	}
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Code != "indicator.element" {
		t.Errorf("first value error %v", ve)
	}
}

func mustDate(t testing.TB, s string) healthedu.Date {
	t.Helper()
	d, err := healthedu.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHasLiteracy(t *testing.T) {
	for i, tt := range []struct {
		scores [][2]int
		want   bool
	}{
		{[][2]int{{8, 10}}, true},
		{[][2]int{{79, 100}}, false},
		{[][2]int{{4, 5}, {0, 0}}, true},
		{nil, false},
	} {
		l := &healthedu.LiteracySurvey{}
		for j, s := range tt.scores {
			l.Items = append(l.Items, healthedu.ItemScore{Item: j + 1, Score: s[0], MaxScore: s[1]})
		}
		if got := l.HasLiteracy(); got != tt.want {
			t.Errorf("%d: IsLiterate = %v, want %v", i, got, tt.want)
		}
	}
}

// TestBindingsGiveWayToReportedStock checks that residents-bound from
// binding records is neither added to nor mixed with the stock monthly
// reports give for a division containing theirs.
func TestBindingsGiveWayToReportedStock(t *testing.T) {
	id, err := healthedu.ParseCitizenID("11010519491231002X")
	if err != nil {
		t.Fatal(err)
	}
	township := healthedu.MustParseDivisionCode("371502001")
	village := healthedu.MustParseDivisionCode("371502001001")
	oct := healthedu.MustParsePeriod("202510")
	bound := time.Date(2025, 10, 5, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	records := []healthedu.Record{
		&healthedu.Binding{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindBinding, ID: "b1"},
			Division: village, Resident: healthedu.BoundResident{CitizenID: id}, BoundAt: bound,
		},
		&healthedu.MonthlyReport{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "r1"},
			Division: township, Period: oct, SubmittedAt: bound.AddDate(0, 1, 0),
			Values: []healthedu.DataValue{{Element: "residents-bound", Value: healthedu.DecimalFromInt(500)}},
		},
	}
	s := NewStore(DefaultCatalogue())
	if err := s.AddRecords(records, RecordOptions{Now: time.Date(2025, 12, 20, 0, 0, 0, 0, healthedu.ChinaStandardTime)}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for v := range s.Values() {
		if v.Element == "residents-bound" {
			got = append(got, v.String())
		}
	}
	// The report's township stock stands alone, in November and December
	// too, though only the binding record speaks of those months.
	want := []string{
		DataValue{Element: "residents-bound", Division: township, Period: oct, Value: 500}.String(),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("residents-bound values (-want +got):\n%s", diff)
	}
}
