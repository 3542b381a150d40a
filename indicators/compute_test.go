package indicators

import (
	"bytes"
	"encoding/json"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

var (
	div    = healthedu.MustParseDivisionCode
	period = healthedu.MustParsePeriod
)

// indicator returns the default catalogue's indicator with the given code.
func indicator(t testing.TB, code string) *Indicator {
	t.Helper()
	ind, ok := DefaultCatalogue().Indicator(code)
	if !ok {
		t.Fatalf("no indicator %q in the default catalogue", code)
	}
	return ind
}

// compile compiles a definition against the default catalogue.
func compile(t testing.TB, def Definition) *Indicator {
	t.Helper()
	if def.Names == (healthedu.LocalizedText{}) {
		def.Names = healthedu.LocalizedText{ZhHans: def.Code, ZhHant: def.Code, En: def.Code}
	}
	ind, err := DefaultCatalogue().Compile(def)
	if err != nil {
		t.Fatalf("Compile(%s): %v", def.Code, err)
	}
	return ind
}

// store returns a store of the default catalogue holding values.
func store(t testing.TB, values ...DataValue) *Store {
	t.Helper()
	s := NewStore(DefaultCatalogue())
	for _, v := range values {
		if err := s.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func val(element, division, p string, v int64) DataValue {
	el, cat, _ := strings.Cut(element, "[")
	return DataValue{Element: el, Category: strings.TrimSuffix(cat, "]"), Division: div(division), Period: period(p), Value: v}
}

func compute(t testing.TB, s *Store, ind *Indicator, p string, divisions ...string) []Result {
	t.Helper()
	q := Query{Indicators: []*Indicator{ind}, Period: period(p)}
	for _, d := range divisions {
		q.Divisions = append(q.Divisions, div(d))
	}
	rs, err := s.Compute(q)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// row is what the tests compare of a result.
type row struct {
	Division    string
	Numerator   int64
	Denominator int64
	Text        string
	Reason      string
	Attainment  string
	Gap         string
}

func rows(rs []Result) []row {
	out := make([]row, len(rs))
	for i, r := range rs {
		out[i] = row{r.Division.Short(), r.Numerator, r.Denominator, r.Text(), r.Reason.String(), r.Attainment.String(), r.GapText()}
	}
	return out
}

// TestJiuyuan: 九原区 had 13,432 children aged 0–6 under health management,
// a management rate of 96.41%, which implies 13,932 children.
func TestJiuyuan(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "150207001", "202412", 6020),
		val("children-0-6", "150207001", "202412", 6200),
		val("children-0-6-managed", "150207002", "202412", 7412),
		val("children-0-6", "150207002", "202412", 7732),
	)
	rs := compute(t, s, indicator(t, "child-health-management-rate"), "2024", "150207", "1502", "15")
	want := []row{
		{"150207", 13432, 13932, "96.41", "", "met", "11.41"},
		{"1502", 13432, 13932, "96.41", "", "met", "11.41"},
		{"15", 13432, 13932, "96.41", "", "met", "11.41"},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	v := rs[0].Value()
	if v.Cmp(big.NewRat(1343200, 13932)) != 0 {
		t.Errorf("Value() = %v, want 1343200/13932", v)
	}
}

// TestMeanOfRatesTrap: two townships at 90/100 and 1/10 make 91/110 =
// 82.73% together, not the mean of 90% and 10%, 50.50%.
func TestMeanOfRatesTrap(t *testing.T) {
	s := store(t,
		val("hypertension-standard-managed", "371502001", "202510", 90),
		val("hypertension-managed", "371502001", "202510", 100),
		val("hypertension-standard-managed", "371502002", "202510", 1),
		val("hypertension-managed", "371502002", "202510", 10),
	)
	rs := compute(t, s, indicator(t, "hypertension-standard-management-rate"), "202510", "371502001", "371502002", "371502")
	want := []row{
		{"371502001", 90, 100, "90.00", "", "met", "30.00"},
		{"371502002", 1, 10, "10.00", "", "not-met", "-50.00"},
		{"371502", 91, 110, "82.73", "", "met", "22.73"},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestRoundHalfUp checks rounding at the boundary: exact halves go up, as
// 四舍五入 says, where binary floating point or banker's rounding would not.
func TestRoundHalfUp(t *testing.T) {
	tests := []struct {
		num, den, factor int64
		decimals         int
		want             string
	}{
		{19281, 20000, 100, 2, "96.41"}, // 96.405 exactly
		{19279, 20000, 100, 2, "96.40"}, // 96.395
		{201, 200, 1, 2, "1.01"},        // 1.005: float64 prints 1.00
		{1, 8, 1, 2, "0.13"},            // 0.125: banker's gives 0.12
		{5, 2, 1, 0, "3"},               // 2.5
		{7, 2, 1, 0, "4"},               // 3.5
		{-1, 8, 1, 2, "-0.13"},          // halves away from zero
		{1, 3, 100, 2, "33.33"},
		{2, 3, 100, 2, "66.67"},
		{1, 300000, 100, 2, "0.00"},
		{0, 5, 100, 2, "0.00"},
		{38, 100000, 10000, 1, "3.8"},        // 3.8 family doctors per 10,000
		{1, 2000000, 100, 4, "0.0001"},       // 0.00005
		{9999995, 1000000, 1, 5, "10.00000"}, // 9.999995: the half carries into the units
		{19999999, 2000000, 1, 6, "10.000000"},
		{19999997, 2000000, 1, 6, "9.999999"}, // 9.9999985
		{19999999, 2000000, 1, 0, "10"},
	}
	for _, tt := range tests {
		if got := formatRatio(tt.num, tt.den, tt.factor, tt.decimals); got != tt.want {
			t.Errorf("formatRatio(%d, %d, %d, %d) = %s, want %s", tt.num, tt.den, tt.factor, tt.decimals, got, tt.want)
		}
	}
	// The same through an indicator: 96.405% shows as 96.41%.
	s := store(t, val("children-0-6-managed", "150207001", "202412", 19281), val("children-0-6", "150207001", "202412", 20000))
	if got := compute(t, s, indicator(t, "child-health-management-rate"), "2024", "150207")[0].Text(); got != "96.41" {
		t.Errorf("96.405%% shows as %s, want 96.41", got)
	}
}

// TestLastOverQuarter: a stock over a quarter is, for each division, its
// value in the latest month of the quarter in which every stock of the
// indicator is reported, then summed over divisions.
func TestLastOverQuarter(t *testing.T) {
	s := store(t,
		// 古楼街道 reports every month; 柳园街道 misses March, and reports
		// its binding target in January only.
		val("residents-bound", "371502001", "202501", 100),
		val("residents-bound", "371502001", "202502", 120),
		val("residents-bound", "371502001", "202503", 150),
		val("residents-bound", "371502002", "202501", 40),
		val("residents-bound", "371502002", "202502", 60),
		val("residents-bound", "371502002", "202504", 999), // next quarter
		val("binding-target", "371502001", "202503", 200),
		val("binding-target", "371502002", "202501", 100),
		// A flow beside it adds up over the months.
		val("lectures", "371502001", "202501", 1),
		val("lectures", "371502001", "202502", 2),
		val("lectures", "371502001", "202503", 3),
	)
	rs := compute(t, s, indicator(t, "binding-rate"), "2025Q1", "371502", "371502001", "371502002")
	want := []row{
		{"371502", 190, 300, "63.33", "", "", ""},
		{"371502001", 150, 200, "75.00", "", "", ""},
		{"371502002", 40, 100, "40.00", "", "", ""}, // January: the latest month with both, not February's 60 over January's 100
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("binding-rate 2025Q1 (-want +got):\n%s", diff)
	}
	// Over the year, 柳园街道's April value has no target beside it.
	if got := compute(t, s, indicator(t, "binding-rate"), "2025", "371502")[0]; got.Numerator != 150+40 {
		t.Errorf("binding-rate 2025 numerator = %d, want %d", got.Numerator, 150+40)
	}
	lectures := compile(t, Definition{Code: "lectures-held", Numerator: "lectures", Denominator: "1", Factor: 1})
	if got := compute(t, s, lectures, "2025Q1", "371502")[0].Text(); got != "6" {
		t.Errorf("lectures 2025Q1 = %s, want 6", got)
	}
	// A month of the quarter holds only its own values: no binding target
	// in February; a day holds none.
	if got := compute(t, s, indicator(t, "binding-rate"), "202502", "371502")[0]; got.Reason != ReasonNoData {
		t.Errorf("binding-rate 202502 = %v, want no data", got)
	}
	if got := compute(t, s, indicator(t, "binding-rate"), "20250215", "371502")[0]; got.Reason != ReasonNoData {
		t.Errorf("binding-rate 20250215 = %v, want no data", got)
	}
}

// TestBiMonth: a bi-month (双月) is computed like a quarter, over its two
// months: flows add up, each month expected, and a stock is that of its
// latest month with every stock reported. A value recorded for a bi-month
// covers its two months in its half-year and year, but is in no quarter,
// as in DHIS2.
func TestBiMonth(t *testing.T) {
	s := store(t,
		val("residents-bound", "371502001", "202501", 100),
		val("residents-bound", "371502001", "202502", 120),
		val("residents-bound", "371502001", "202503", 150),
		val("binding-target", "371502001", "202501", 200),
		val("binding-target", "371502001", "202503", 200),
		val("lectures", "371502001", "202501", 1),
		val("lectures", "371502001", "202502", 2),
		val("lectures", "371502001", "202503", 3),
		val("lectures", "371502001", "202504", 4),
		val("lectures", "371502001", "202505B", 10), // May and June, reported as one bi-month
	)
	lectures := compile(t, Definition{Code: "lectures-held", Numerator: "lectures", Denominator: "1", Factor: 1})
	for _, tt := range []struct{ period, want string }{
		{"202501B", "3"},
		{"202503B", "7"},
		{"202505B", "10"},
		{"2025Q1", "6"},
		{"2025Q2", ""}, // the bi-month is in no quarter: May and June lack a value
		{"2025S1", "20"},
		{"202505", ""}, // nor is it in its months
	} {
		got := compute(t, s, lectures, tt.period, "371502")[0]
		if got.Text() != tt.want {
			t.Errorf("lectures %s = %q (%v), want %q", tt.period, got.Text(), got.Reason, tt.want)
		}
	}
	rs := compute(t, s, indicator(t, "binding-rate"), "202501B", "371502001")
	want := []row{{"371502001", 100, 200, "50.00", "", "", ""}} // January: February has no target
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("binding-rate 202501B (-want +got):\n%s", diff)
	}
}

// TestLastTies: among periods ending together the shortest is the latest.
func TestLastTies(t *testing.T) {
	s := store(t,
		val("population", "371502001", "2025Q1", 1000),
		val("population", "371502001", "202503", 1010),
		val("population", "371502001", "20250331", 1011),
		val("population", "371502001", "20250330", 5000),
		val("family-doctors", "371502001", "2025", 3),
	)
	ind := compile(t, Definition{Code: "pop", Numerator: "population", Denominator: "1", Factor: 1})
	if got := compute(t, s, ind, "2025Q1", "3715")[0].Numerator; got != 1011 {
		t.Errorf("population 2025Q1 = %d, want 1011", got)
	}
	if got := compute(t, s, ind, "2025", "3715")[0].Numerator; got != 1011 {
		t.Errorf("population 2025 = %d, want 1011", got)
	}
}

func TestReasons(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "371502001", "202510", 5),
		val("children-0-6", "371502001", "202510", 0),
		val("population", "371502002", "202510", 10),
		val("population-65plus", "371502002", "202510", 20),
	)
	rs := compute(t, s, indicator(t, "child-health-management-rate"), "2025", "371502001", "371502002")
	want := []row{
		{"371502001", 5, 0, "", "zero-denominator", "", ""},
		{"371502002", 0, 0, "", "no-data", "", ""},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	neg := compile(t, Definition{Code: "neg", Numerator: "population", Denominator: "population - population-65plus", Factor: 100, Decimals: 1})
	if got := compute(t, s, neg, "2025", "371502002")[0]; got.Reason != ReasonNegativeDenominator || got.Denominator != -10 || got.HasValue() {
		t.Errorf("negative denominator: %v", got)
	}
	if got := compute(t, s, neg, "2025", "371502002")[0].String(); got != "neg 371502002000 2025: 10 / -10, no value (negative-denominator)" {
		t.Errorf("String() = %q", got)
	}
	// A numerator left out beside its denominator is no data, not 0%, for
	// an indicator that skips what is missing; 0% for one that counts it
	// as zero, of the one township known.
	s2 := store(t, val("children-0-6", "371502001", "202510", 50))
	if got := compute(t, s2, indicator(t, "child-health-management-rate"), "2025", "371502")[0]; got.Reason != ReasonNoData || got.Coverage != (Coverage{0, 24}) {
		t.Errorf("no managed children, skip: %v coverage %v", got, got.Coverage)
	}
	zero := compile(t, Definition{Code: "z", Numerator: "children-0-6-managed", Denominator: "children-0-6", Factor: 100, Decimals: 2, Missing: MissingZero})
	if got := compute(t, s2, zero, "2025", "371502")[0]; got.Text() != "0.00" || got.Coverage != (Coverage{1, 24}) {
		t.Errorf("no managed children, zero: %v coverage %v", got, got.Coverage)
	}
}

func TestOverflow(t *testing.T) {
	s := store(t,
		val("population", "371502001", "202510", 1<<62),
		val("population", "371502002", "202510", 1<<62),
		val("population-65plus", "371502001", "202510", 1),
		val("population-65plus", "371502002", "202510", 1),
	)
	ind := compile(t, Definition{Code: "x", Numerator: "population-65plus", Denominator: "population", Factor: 100})
	if got := compute(t, s, ind, "202510", "371502001", "371502")[1]; got.Reason != ReasonOverflow {
		t.Errorf("overflow: %v", got)
	}
	if got := compute(t, s, ind, "202510", "371502001")[0]; got.Reason != ReasonNone {
		t.Errorf("township: %v", got)
	}
	if err := s.Add(val("population", "371502001", "202510", 1<<62)); err == nil {
		t.Error("Add: no overflow error")
	}
}

func TestTargets(t *testing.T) {
	// Lectures are reported every month, zero included.
	values := []DataValue{
		val("health-centres", "371502001", "202512", 1),
		val("health-centres", "371502002", "202512", 1),
	}
	for m := time.January; m <= time.December; m++ {
		p := healthedu.MonthPeriod(2025, m).String()
		n1, n2 := int64(0), int64(0)
		switch m {
		case time.January:
			n1 = 10
		case time.July:
			n1 = 3
		case time.March:
			n2 = 11
		}
		values = append(values, val("lectures", "371502001", p, n1), val("lectures", "371502002", p, n2))
	}
	s := store(t, values...)
	ind := indicator(t, "lectures-per-institution")
	rs := compute(t, s, ind, "2025", "371502001", "371502002", "371502")
	want := []row{
		{"371502001", 13, 1, "13.0", "", "met", "1.0"},
		{"371502002", 11, 1, "11.0", "", "not-met", "-1.0"},
		{"371502", 24, 2, "12.0", "", "met", "0.0"},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The target is for a year: a half-year has none.
	if r := compute(t, s, ind, "2025S1", "371502")[0]; r.Attainment != NoTarget || r.GapText() != "" {
		t.Errorf("2025S1: %v", r)
	} else if _, ok := r.Target(); ok {
		t.Errorf("2025S1: Target() reports one")
	}
	// A target not to exceed, met on the published value.
	low := compile(t, Definition{Code: "low", Numerator: "lectures", Denominator: "health-centres", Factor: 1, Decimals: 0,
		Target: &Target{Value: "12.5", Direction: AtMost, Norm: "test"}})
	rs = compute(t, s, low, "2025", "371502001", "371502002", "371502")
	want = []row{
		{"371502001", 13, 1, "13", "", "not-met", "0.5"},
		{"371502002", 11, 1, "11", "", "met", "-1.5"},
		{"371502", 24, 2, "12", "", "met", "-0.5"},
	}
	if diff := cmp.Diff(want, rows(rs)); diff != "" {
		t.Errorf("<= target (-want +got):\n%s", diff)
	}
	// 94.996% is published as 95.00% and meets 95%.
	near := compile(t, Definition{Code: "near", Numerator: "lectures", Denominator: "health-centres", Factor: 100, Decimals: 2,
		Target: &Target{Value: "95", Direction: AtLeast, Norm: "test"}})
	s2 := store(t, val("lectures", "371502001", "2025", 94996), val("health-centres", "371502001", "2025", 100000))
	if r := compute(t, s2, near, "2025", "371502001")[0]; r.Text() != "95.00" || r.Attainment != Met || r.GapText() != "0.00" {
		t.Errorf("near: %v gap %s", r, r.GapText())
	}
}

func TestCategories(t *testing.T) {
	s := store(t,
		val("activities", "371502001", "202510", 3),
		val("activities[form=lecture]", "371502001", "202510", 2),
		val("activities[form=free-clinic]", "371502001", "202510", 1),
		val("activities[topic=hypertension]", "371502001", "202510", 2),
		val("activities", "371502002", "202511", 1),
		val("activities[form=lecture]", "371502002", "202511", 1),
	)
	share := compile(t, Definition{Code: "lecture-share", Numerator: "activities[form=lecture]", Denominator: "activities", Factor: 100, Decimals: 1})
	if got := compute(t, s, share, "2025Q4", "371502")[0].String(); got != "lecture-share 371502000000 2025Q4: 3 / 4 × 100 = 75.0" {
		t.Errorf("got %s", got)
	}
	other := compile(t, Definition{Code: "other", Numerator: "activities - activities[form=lecture] - activities[form=free-clinic]", Denominator: "1", Factor: 1, Missing: MissingZero})
	if got := compute(t, s, other, "2025Q4", "371502")[0].Text(); got != "0" {
		t.Errorf("other forms = %s, want 0", got)
	}
	// No drills among the activities recorded: a true zero for an
	// indicator that counts what is missing as zero, and a township
	// without a value for one that skips it.
	unknown := compile(t, Definition{Code: "u", Numerator: "activities[form=drill]", Denominator: "activities", Factor: 100, Missing: MissingZero})
	if got := compute(t, s, unknown, "2025Q4", "371502")[0].Text(); got != "0" {
		t.Errorf("drills = %s, want 0", got)
	}
	unknown = compile(t, Definition{Code: "u", Numerator: "activities[form=drill]", Denominator: "activities", Factor: 100})
	if got := compute(t, s, unknown, "2025Q4", "371502")[0]; got.Reason != ReasonNoData {
		t.Errorf("drills, skipped = %v, want no data", got)
	}
}

func TestExplain(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "150207001", "202411", 6000),
		val("children-0-6-managed", "150207001", "202412", 6020),
		val("children-0-6", "150207001", "202412", 6200),
		val("children-0-6-managed", "150207002", "202412", 7412),
		val("children-0-6", "150207002", "202412", 7732),
		val("children-0-6", "371502001", "202412", 1),
	)
	q := Query{Indicators: []*Indicator{indicator(t, "child-health-management-rate")}, Divisions: []healthedu.DivisionCode{div("150207")}, Period: period("2024"), Explain: true}
	rs, err := s.Compute(q)
	if err != nil {
		t.Fatal(err)
	}
	want := []Contribution{
		{Numerator, Term{Element: "children-0-6-managed"}, div("150207001"), period("202412"), 6020},
		{Numerator, Term{Element: "children-0-6-managed"}, div("150207002"), period("202412"), 7412},
		{Denominator, Term{Element: "children-0-6"}, div("150207001"), period("202412"), 6200},
		{Denominator, Term{Element: "children-0-6"}, div("150207002"), period("202412"), 7732},
	}
	if diff := cmp.Diff(want, rs[0].Contributions, equateCodes); diff != "" {
		t.Errorf("Contributions (-want +got):\n%s", diff)
	}
	const wantText = `child-health-management-rate 150207000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
numerator 13432
  + children-0-6-managed 13432
      150207001000 202412 6020
      150207002000 202412 7412
denominator 13932
  + children-0-6 13932
      150207001000 202412 6200
      150207002000 202412 7732
`
	if got := rs[0].Explain(); got != wantText {
		t.Errorf("Explain():\n%s\nwant\n%s", got, wantText)
	}
	// Without Query.Explain, the sums only.
	q.Explain = false
	rs, _ = s.Compute(q)
	if got := rs[0].Explain(); !strings.Contains(got, "set Query.Explain") || rs[0].Contributions != nil {
		t.Errorf("Explain() without contributions:\n%s", got)
	}
	// A sum element lists each period.
	s.Add(val("lectures", "150207001", "202410", 1))
	s.Add(val("lectures", "150207001", "202411", 2))
	s.Add(val("lectures", "150207001", "202412", 0))
	lec := compile(t, Definition{Code: "lec", Numerator: "lectures", Denominator: "1", Factor: 1})
	rs, _ = s.Compute(Query{Indicators: []*Indicator{lec}, Divisions: []healthedu.DivisionCode{div("15")}, Period: period("2024Q4"), Explain: true})
	const wantLec = `lec 150000000000 2024Q4: 3 / 1 = 3
numerator 3
  + lectures 3
      150207001000 202410 1
      150207001000 202411 2
      150207001000 202412 0
denominator 1
  + 1
`
	if got := rs[0].Explain(); got != wantLec {
		t.Errorf("Explain():\n%s\nwant\n%s", got, wantLec)
	}
}

func TestResultJSON(t *testing.T) {
	s := store(t,
		val("children-0-6-managed", "150207001", "202412", 13432),
		val("children-0-6", "150207001", "202412", 13932),
	)
	rs := compute(t, s, indicator(t, "child-health-management-rate"), "2024", "150207", "371502")
	rs = append(rs, compute(t, s, indicator(t, "binding-rate"), "2024", "150207")...)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as a command that prints JSON for people would
	if err := enc.Encode(rs); err != nil {
		t.Fatal(err)
	}
	got := bytes.TrimSpace(buf.Bytes())
	const want = `[{"indicator":"child-health-management-rate","division":"150207000000","period":"2024","numerator":13432,"denominator":13932,"value":"96.41","coverage":{"reporting":1,"expected":8},"flags":[],"target":"85","targetProrated":false,"direction":">=","met":true,"gap":"11.41"},` +
		`{"indicator":"child-health-management-rate","division":"371502000000","period":"2024","numerator":null,"denominator":null,"value":null,"reason":"no-data","coverage":{"reporting":0,"expected":24},"flags":[],"target":"85","targetProrated":false,"direction":">=","met":null},` +
		`{"indicator":"binding-rate","division":"150207000000","period":"2024","numerator":null,"denominator":null,"value":null,"reason":"no-data","coverage":{"reporting":0,"expected":8},"flags":[],"target":null,"targetProrated":false,"met":null}]`
	if string(got) != want {
		t.Errorf("JSON:\n%s\nwant\n%s", got, want)
	}
	q := Query{Indicators: []*Indicator{indicator(t, "child-health-management-rate")}, Divisions: []healthedu.DivisionCode{div("150207")}, Period: period("2024"), Explain: true}
	rs, _ = s.Compute(q)
	got, _ = json.Marshal(rs[0].Contributions[0])
	if want := `{"part":"numerator","term":"children-0-6-managed","division":"150207001000","period":"202412","value":13432}`; string(got) != want {
		t.Errorf("contribution JSON %s, want %s", got, want)
	}
}

func TestReasonLabel(t *testing.T) {
	for _, tt := range []struct {
		r    Reason
		lang string
		want string
	}{
		{ReasonZeroDenominator, "zh-CN", "分母为零"},
		{ReasonZeroDenominator, "zh-TW", "分母為零"},
		{ReasonNoData, "en-GB", "no data"},
		{ReasonOverflow, "fr", "数值超出范围"},
	} {
		if got := tt.r.Label(healthedu.MatchLanguage(tt.lang)); got != tt.want {
			t.Errorf("%v.Label(%s) = %q, want %q", tt.r, tt.lang, got, tt.want)
		}
	}
}

// TestComputeTree aggregates townships of 聊城 to their counties, the city
// and the province picked from the registry.
func TestComputeTree(t *testing.T) {
	reg := healthedu.DefaultRegistry()
	counties := DivisionsAt(reg, div("3715"), healthedu.LevelCounty)
	if len(counties) < 8 {
		t.Fatalf("DivisionsAt(3715, county) = %v", counties)
	}
	s := NewStore(DefaultCatalogue())
	var total int64
	for i, c := range counties {
		for j, tw := range DivisionsAt(reg, c, healthedu.LevelTownship) {
			for m := 1; m <= 12; m++ {
				v := int64(i + j + m)
				total += v
				if err := s.Add(DataValue{Element: "lectures", Division: tw, Period: healthedu.MonthPeriod(2025, time.Month(m)), Value: v}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	lec := compile(t, Definition{Code: "lec", Numerator: "lectures", Denominator: "1", Factor: 1})
	q := Query{Indicators: []*Indicator{lec}, Divisions: append([]healthedu.DivisionCode{div("37"), div("3715")}, counties...), Period: period("2025")}
	rs, err := s.Compute(q)
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, r := range rs[2:] {
		sum += r.Numerator
	}
	if rs[0].Numerator != total || rs[1].Numerator != total || sum != total {
		t.Errorf("province %d, city %d, counties %d; want %d", rs[0].Numerator, rs[1].Numerator, sum, total)
	}
}

func TestComputeErrors(t *testing.T) {
	s := store(t)
	ind := indicator(t, "binding-rate")
	for _, q := range []Query{
		{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{div("37")}},
		{Indicators: []*Indicator{ind}, Divisions: []healthedu.DivisionCode{{}}, Period: period("2025")},
		{Indicators: []*Indicator{nil}, Divisions: []healthedu.DivisionCode{div("37")}, Period: period("2025")},
	} {
		if _, err := s.Compute(q); err == nil {
			t.Errorf("Compute(%+v): no error", q)
		}
	}
	// An indicator of another catalogue that the store does not know.
	other, err := NewCatalogue(CatalogueFile{SchemaVersion: "1",
		Elements:   []healthedu.Element{{Code: "widgets", Names: healthedu.LocalizedText{ZhHans: "w", ZhHant: "w", En: "w"}, ValueType: healthedu.ValueCount, Aggregation: healthedu.AggregateSum}},
		Indicators: []Definition{{Code: "w", Names: healthedu.LocalizedText{ZhHans: "w", ZhHant: "w", En: "w"}, Numerator: "widgets", Denominator: "1", Factor: 1}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, _ := other.Indicator("w")
	if _, err := s.Compute(Query{Indicators: []*Indicator{w}, Divisions: []healthedu.DivisionCode{div("37")}, Period: period("2025")}); err == nil {
		t.Error("Compute with a foreign element: no error")
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }

// TestFormatRatioPaths checks the 64-bit path of formatRatio against the
// big.Int one, and the big one where 64 bits do not suffice.
func TestFormatRatioPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for range 20000 {
		num := r.Int64N(1<<32) - 1<<31
		den := r.Int64N(1<<30) + 1
		factor := indicatorFactors[r.IntN(len(indicatorFactors))]
		d := r.IntN(maxDecimals + 1)
		got, ok := formatRatio64(num, den, factor, d)
		if !ok {
			continue
		}
		fast++
		if want := formatRatioBig(num, den, factor, d); got != want {
			t.Fatalf("formatRatio(%d, %d, %d, %d): 64-bit %q, big %q", num, den, factor, d, got, want)
		}
	}
	if fast < 10000 {
		t.Errorf("only %d of 20000 took the 64-bit path", fast)
	}
	const max = 1<<63 - 1
	if _, ok := formatRatio64(max, 3, 100, 2); ok {
		t.Error("formatRatio64 claims an overflowing product")
	}
	if got := formatRatio(max, 3, 100, 2); got != "307445734561825860233.33" {
		t.Errorf("formatRatio(MaxInt64, 3, 100, 2) = %s", got)
	}
	if got := formatRatio(-max-1, 1, 100000, 6); got != "-922337203685477580800000.000000" {
		t.Errorf("formatRatio(MinInt64, …) = %s", got)
	}
}
