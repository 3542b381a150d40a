package indicators

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

// fixture returns a store with a year of figures for every element of the
// default catalogue in two townships of 东昌府区 (371502), made to give the
// source documents' figures: 96.41% of 13,932 children (九原), 89.3%
// standardised management of hypertension and diabetes (聊城), 3,210
// activities reaching 3.29 million person-times (聊城), 101 health cells
// (九原), 25.4% health literacy and 3.8 family doctors per 10,000 residents
// (the plan).
func fixture(t testing.TB) *Store {
	t.Helper()
	const t1, t2 = "371502001", "371502002"
	var values []DataValue
	add := func(element, division, p string, v int64) {
		values = append(values, val(element, division, p, v))
	}
	stock := func(element string, v1, v2 int64) {
		// A stock reported in June and December: December counts.
		add(element, t1, "202506", v1/2)
		add(element, t2, "202506", v2/2)
		add(element, t1, "202512", v1)
		add(element, t2, "202512", v2)
	}
	stock("population", 50000, 30000)
	stock("population-65plus", 8000, 4000)
	stock("children-0-6", 6200, 7732)
	stock("children-0-6-managed", 6020, 7412)
	stock("hypertension-managed", 3000, 2000)
	stock("hypertension-standard-managed", 2700, 1765)
	stock("hypertension-controlled", 2400, 1600)
	stock("diabetes-managed", 1000, 1000)
	stock("diabetes-standard-managed", 900, 886)
	stock("diabetes-controlled", 700, 600)
	stock("elderly-managed", 6000, 3000)
	stock("health-records", 70000, 0)
	add("health-records", t2, "202512", 0) // zero is a value
	stock("residents-bound", 20000, 11836)
	stock("binding-target", 25000, 15000)
	stock("family-doctors", 18, 12)
	stock("health-centres", 1, 1)
	stock("health-service-users", 18000, 10000)
	// The register of people (package roster): township instructors and
	// the residents bound to them, experts and their lectures.
	stock("roster-instructors", 3, 2)
	stock("roster-instructors[level=township]", 3, 2)
	stock("roster-residents-bound", 300, 140)
	stock("roster-residents-bound[level=township]", 300, 140)
	stock("roster-experts", 2, 0)
	stock("roster-experts[specialty=hypertension]", 2, 0)
	add("roster-expert-lectures", t1, "202510", 5)
	var receipts []func(*Store) error
	receipt := func(division string, m int, day int) {
		month := healthedu.MonthPeriod(2025, timeMonth(m))
		at := month.End().AddDate(0, 0, day-1).Add(9 * time.Hour) // 09:00 on that day of the next month
		receipts = append(receipts, func(s *Store) error { return s.AddReceipt(div(division), month, at) })
	}
	for m := 1; m <= 12; m++ {
		p := healthedu.MonthPeriod(2025, timeMonth(m)).String()
		// Monthly reports carry lectures and consultations every month,
		// zero included.
		if m != 3 {
			add("lectures", t2, p, 0)
		}
		add("lectures", t1, p, 1)
		add("consultations", t2, p, 1)
		if m != 10 {
			add("consultations", t1, p, 0)
		}
		// 古楼 misses July and is late in August; 柳园 is late in September.
		switch m {
		case 7:
		case 8:
			receipt(t1, m, 15)
		default:
			receipt(t1, m, 5)
		}
		if m == 9 {
			receipt(t2, m, 11)
		} else {
			receipt(t2, m, 10)
		}
	}
	add("lectures", t2, "202503", 10)
	add("consultations", t1, "202510", 7)
	add("activities", t1, "202510", 3000)
	add("activities", t2, "202511", 210)
	add("activity-participants", t1, "202510", 3000000)
	add("activity-participants", t2, "202511", 290000)
	add("literacy-respondents", t1, "202508", 600)
	add("literacy-respondents", t2, "202508", 400)
	add("literacy-literate", t1, "202508", 160)
	add("literacy-literate", t2, "202508", 94)
	add("satisfaction-surveyed", t1, "202511", 500)
	add("satisfaction-satisfied", t1, "202511", 445)
	// Lecture requests (package booking): 8 made, 6 held after 57 days in
	// all, 1 declined, 1 still open past the overdue days at the end.
	add("lecture-requests", t1, "202510", 8)
	add("lecture-requests-fulfilled", t1, "202511", 6)
	add("lecture-request-days", t1, "202511", 57)
	add("lecture-requests-declined", t1, "202511", 1)
	add("lecture-requests-overdue", t1, "202510", 2)
	add("lecture-requests-overdue", t1, "202511", 1)
	for typ, n := range map[string]int64{"community": 16, "village": 35, "agency": 18, "school": 11, "canteen": 20, "enterprise": 1} {
		add("health-cells[type="+typ+"]", t1, "2025", n)
		add("health-cells[level=city]", t1, "2025", n)
		add("health-cells", t1, "2025", n)
	}
	s := store(t, values...)
	for _, r := range receipts {
		if err := r(s); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// fixtureReporters are the townships of the fixture: the only two
// expected to report.
var fixtureReporters = Reporters{List: []healthedu.DivisionCode{div("371502001"), div("371502002")}}

// TestEveryIndicator computes every indicator of the default catalogue.
func TestEveryIndicator(t *testing.T) {
	want := map[string]row{
		"child-health-management-rate":            {"371502", 13432, 13932, "96.41", "", "met", "11.41"},
		"hypertension-standard-management-rate":   {"371502", 4465, 5000, "89.30", "", "met", "29.30"},
		"diabetes-standard-management-rate":       {"371502", 1786, 2000, "89.30", "", "met", "29.30"},
		"hypertension-control-rate":               {"371502", 4000, 5000, "80.00", "", "", ""},
		"diabetes-control-rate":                   {"371502", 1300, 2000, "65.00", "", "", ""},
		"chronic-disease-control-rate":            {"371502", 5300, 7000, "75.71", "", "", ""},
		"elderly-health-management-rate":          {"371502", 9000, 12000, "75.00", "", "", ""},
		"health-record-rate":                      {"371502", 70000, 80000, "87.50", "", "", ""},
		"literacy-level":                          {"371502", 254, 1000, "25.40", "", "met", "0.40"},
		"binding-rate":                            {"371502", 31836, 40000, "79.59", "", "", ""},
		"family-doctors-per-10k":                  {"371502", 30, 80000, "3.8", "", "", ""},
		"lectures-per-institution":                {"371502", 22, 2, "11.0", "", "not-met", "-1.0"},
		"consultations-per-institution":           {"371502", 19, 2, "9.5", "", "met", "0.5"},
		"activities-held":                         {"371502", 3210, 1, "3210", "", "", ""},
		"person-times-reached":                    {"371502", 3290000, 1, "3290000", "", "", ""},
		"health-cells":                            {"371502", 101, 1, "101", "", "", ""},
		"health-cells-community":                  {"371502", 16, 1, "16", "", "", ""},
		"health-cells-village":                    {"371502", 35, 1, "35", "", "", ""},
		"health-cells-agency":                     {"371502", 18, 1, "18", "", "", ""},
		"health-cells-school":                     {"371502", 11, 1, "11", "", "", ""},
		"health-cells-canteen":                    {"371502", 20, 1, "20", "", "", ""},
		"health-cells-enterprise":                 {"371502", 1, 1, "1", "", "", ""},
		"health-cells-family":                     {"371502", 0, 1, "0", "", "", ""}, // none named: a true zero
		"report-completeness":                     {"371502", 23, 24, "95.83", "", "", ""},
		"report-timeliness":                       {"371502", 21, 24, "87.50", "", "", ""},
		"resident-satisfaction-rate":              {"371502", 445, 500, "89.00", "", "", ""},
		"health-service-utilisation-rate":         {"371502", 28000, 80000, "35.00", "", "", ""},
		"residents-bound-per-instructor":          {"371502", 440, 5, "88.0", "", "", ""},
		"residents-bound-per-instructor-city":     {"371502", 0, 0, "", "no-data", "", ""},
		"residents-bound-per-instructor-county":   {"371502", 0, 0, "", "no-data", "", ""},
		"residents-bound-per-instructor-township": {"371502", 440, 5, "88.0", "", "", ""},
		"residents-bound-per-instructor-village":  {"371502", 0, 0, "", "no-data", "", ""},
		"instructors-per-10k":                     {"371502", 5, 80000, "0.6", "", "", ""},
		"experts-registered":                      {"371502", 2, 1, "2", "", "", ""},
		"experts-literacy-66":                     {"371502", 0, 1, "0", "", "", ""},
		"experts-three-reductions-three-healths":  {"371502", 0, 1, "0", "", "", ""},
		"experts-hypertension":                    {"371502", 2, 1, "2", "", "", ""},
		"experts-diabetes":                        {"371502", 0, 1, "0", "", "", ""},
		"experts-chronic-disease":                 {"371502", 0, 1, "0", "", "", ""},
		"experts-mental-health":                   {"371502", 0, 1, "0", "", "", ""},
		"experts-falls":                           {"371502", 0, 1, "0", "", "", ""},
		"experts-smart-devices":                   {"371502", 0, 1, "0", "", "", ""},
		"experts-infectious-disease":              {"371502", 0, 1, "0", "", "", ""},
		"experts-vaccination":                     {"371502", 0, 1, "0", "", "", ""},
		"experts-nutrition":                       {"371502", 0, 1, "0", "", "", ""},
		"experts-maternal-child":                  {"371502", 0, 1, "0", "", "", ""},
		"experts-tcm":                             {"371502", 0, 1, "0", "", "", ""},
		"experts-fitness":                         {"371502", 0, 1, "0", "", "", ""},
		"experts-first-aid":                       {"371502", 0, 1, "0", "", "", ""},
		"experts-tobacco":                         {"371502", 0, 1, "0", "", "", ""},
		"experts-other":                           {"371502", 0, 1, "0", "", "", ""},
		"expert-lectures":                         {"371502", 5, 1, "5", "", "", ""},
		"lectures-per-expert":                     {"371502", 5, 2, "2.5", "", "", ""},
		"lecture-requests":                        {"371502", 8, 1, "8", "", "", ""},
		"lecture-request-fulfilment-rate":         {"371502", 6, 8, "75.00", "", "", ""},
		"lecture-request-days-to-fulfil":          {"371502", 57, 6, "9.5", "", "", ""},
	}
	inds := DefaultCatalogue().Indicators()
	rs, err := fixture(t).Compute(Query{Indicators: inds, Divisions: []healthedu.DivisionCode{div("371502")}, Period: period("2025"), Reporters: fixtureReporters})
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[string]row)
	for _, r := range rs {
		got[r.Indicator.Code()] = rows([]Result{r})[0]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestScore(t *testing.T) {
	card, _ := DefaultCatalogue().ScoreCard("healthy-community-evaluation")
	scores, err := fixture(t).Score(card, Query{Divisions: []healthedu.DivisionCode{div("371502"), div("371502001"), div("3715")}, Period: period("2025"), Reporters: fixtureReporters})
	if err != nil {
		t.Fatal(err)
	}
	type comp struct{ Indicator, Value, Weight, Points string }
	var got []comp
	for _, c := range scores[0].Components {
		got = append(got, comp{c.Result.Indicator.Code(), c.Result.Text(), c.Weight, c.Points})
	}
	want := []comp{
		{"chronic-disease-control-rate", "75.71", "20", "15.14"}, // no target: 75.71% of 20
		{"literacy-level", "25.40", "15", "15.00"},               // target 25% reached
		{"child-health-management-rate", "96.41", "15", "15.00"},
		{"elderly-health-management-rate", "75.00", "15", "11.25"},
		{"hypertension-standard-management-rate", "89.30", "10", "10.00"},
		{"diabetes-standard-management-rate", "89.30", "10", "10.00"},
		{"binding-rate", "79.59", "15", "11.94"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	// 15.142 + 15 + 15 + 11.25 + 10 + 10 + 11.9385 = 88.3305
	if got := scores[0].Text(); got != "88.33" {
		t.Errorf("total %s, want 88.33", got)
	}
	if scores[0].Total().RatString() != "176661/2000" {
		t.Errorf("exact total %s", scores[0].Total().RatString())
	}
	if scores[2].Text() != scores[0].Text() {
		t.Errorf("the city scores %s, its only county %s", scores[2].Text(), scores[0].Text())
	}
	if scores[0].Components[0].PointsRat().RatString() != "7571/500" {
		t.Errorf("points %s", scores[0].Components[0].PointsRat().RatString())
	}
}

// TestAttainment covers the ways a component scores.
func TestAttainment(t *testing.T) {
	mk := func(num, den int64, target *Target, factor int64, p string) Result {
		// The constant lets the numerator go below zero.
		ind := compile(t, Definition{Code: "x", Numerator: "lectures - 1000", Denominator: "health-centres", Factor: factor, Decimals: 2, Target: target})
		s := store(t, val("lectures", "371502001", "202501", num+1000), val("health-centres", "371502001", "202501", den))
		return compute(t, s, ind, p, "371502001")[0]
	}
	atLeast := &Target{Value: "80", Direction: AtLeast, Norm: "n"}
	atMost := &Target{Value: "20", Direction: AtMost, Norm: "n"}
	zero := &Target{Value: "0", Direction: AtLeast, Norm: "n"}
	tests := []struct {
		r    Result
		want string
	}{
		{mk(60, 100, atLeast, 100, "202501"), "3/4"}, // 60 / 80
		{mk(90, 100, atLeast, 100, "202501"), "1"},
		{mk(10, 100, atMost, 100, "202501"), "1"},
		{mk(40, 100, atMost, 100, "202501"), "1/2"}, // 20 / 40
		{mk(0, 100, atMost, 100, "202501"), "1"},
		{mk(-5, 100, nil, 100, "202501"), "0"},
		{mk(150, 100, nil, 100, "202501"), "1"},
		{mk(37, 100, nil, 100, "202501"), "37/100"},
		{mk(0, 100, zero, 100, "202501"), "1"},
		{mk(-1, 100, zero, 100, "202501"), "0"},
		{mk(1, 0, atLeast, 100, "202501"), "0"}, // no value
	}
	for i, tt := range tests {
		if got := attainment(tt.r).RatString(); got != tt.want {
			t.Errorf("%d: attainment(%v) = %s, want %s", i, tt.r, got, tt.want)
		}
	}
}

// TestRankResults ranks with ties in standard competition ranking.
func TestRankResults(t *testing.T) {
	s := store(t,
		val("hypertension-standard-managed", "371502001", "202510", 900), val("hypertension-managed", "371502001", "202510", 1000),
		val("hypertension-standard-managed", "371502002", "202510", 855), val("hypertension-managed", "371502002", "202510", 1000),
		val("hypertension-standard-managed", "371502003", "202510", 171), val("hypertension-managed", "371502003", "202510", 200),
		val("hypertension-standard-managed", "371502004", "202510", 700), val("hypertension-managed", "371502004", "202510", 1000),
		val("hypertension-standard-managed", "371502005", "202510", 1), val("hypertension-managed", "371502005", "202510", 0),
		// 85.504% prints as 85.50: it ties with 85.50.
		val("hypertension-standard-managed", "371502006", "202510", 85504), val("hypertension-managed", "371502006", "202510", 100000),
	)
	rs := compute(t, s, indicator(t, "hypertension-standard-management-rate"), "202510",
		"371502005", "371502004", "371502003", "371502002", "371502001", "371502006")
	got := RankResults(rs)
	want := []Ranking{
		{div("371502001"), 1, "90.00", ""},
		{div("371502002"), 2, "85.50", "4.50"},
		{div("371502003"), 2, "85.50", "4.50"},
		{div("371502006"), 2, "85.50", "4.50"},
		{div("371502004"), 5, "70.00", "15.50"},
		{div("371502005"), 0, "", ""},
	}
	if diff := cmp.Diff(want, got, equateCodes); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// Lower is better for a target not to exceed.
	low := compile(t, Definition{Code: "low", Numerator: "hypertension-standard-managed", Denominator: "hypertension-managed", Factor: 100, Decimals: 2,
		Target: &Target{Value: "80", Direction: AtMost, Norm: "n"}})
	rs = compute(t, s, low, "202510", "371502001", "371502002", "371502004")
	got = RankResults(rs)
	want = []Ranking{
		{div("371502004"), 1, "70.00", ""},
		{div("371502002"), 2, "85.50", "15.50"},
		{div("371502001"), 3, "90.00", "4.50"},
	}
	if diff := cmp.Diff(want, got, equateCodes); diff != "" {
		t.Errorf("lower is better (-want +got):\n%s", diff)
	}
}

func TestRankScores(t *testing.T) {
	card, _ := DefaultCatalogue().ScoreCard("healthy-community-evaluation")
	scores, err := fixture(t).Score(card, Query{Divisions: []healthedu.DivisionCode{div("371502001"), div("371502002"), div("371502003")}, Period: period("2025"), Reporters: fixtureReporters})
	if err != nil {
		t.Fatal(err)
	}
	got := RankScores(scores)
	var texts []string
	for _, s := range scores {
		texts = append(texts, s.Text())
	}
	want := []Ranking{
		{div("371502001"), 1, "88.75", ""},
		{div("371502002"), 2, "86.85", "1.90"},
		{div("371502003"), 3, "0.00", "86.85"},
	}
	if diff := cmp.Diff(want, got, equateCodes); diff != "" {
		t.Errorf("(-want +got):\n%s (scores %v)", diff, texts)
	}
}
