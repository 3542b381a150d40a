package main

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// monthlyReportOf returns a monthly report of division for month period,
// submitted at submitted, with the values given as element, value pairs.
func monthlyReportOf(division, period string, submitted time.Time, values ...any) []byte {
	var vs []string
	for i := 0; i+1 < len(values); i += 2 {
		vs = append(vs, fmt.Sprintf(`{"element":%q,"value":%d}`, values[i], values[i+1]))
	}
	return fmt.Appendf(nil, `{"schemaVersion":"1","kind":"monthlyReport","id":"MR-%s-%s","division":%q,"period":%q,`+
		`"submittedAt":%q,"values":[%s]}`+"\n",
		division, period, division, period, submitted.Format(time.RFC3339), strings.Join(vs, ","))
}

// monthlyReport returns a monthly report of division for month 202510,
// submitted at submitted, with the children figures given.
func monthlyReport(division string, submitted time.Time, children, managed int) []byte {
	return monthlyReportOf(division, "202510", submitted, "children-0-6", children, "children-0-6-managed", managed)
}

// The townships of 东阿县 371524 in the registry.
var dongeTownships = []struct{ code, name string }{
	{"371524001", "铜城街道"}, {"371524002", "新城街道"}, {"371524101", "刘集镇"}, {"371524102", "牛角店镇"},
	{"371524103", "大桥镇"}, {"371524104", "高集镇"}, {"371524105", "姜楼镇"}, {"371524107", "姚寨镇"},
	{"371524108", "鱼山镇"}, {"371524109", "陈集镇"},
}

// submitAt submits records with token at the instant when, as the
// platform's clock says, and fails t unless every one is imported.
func (h *harness) submitAt(token string, when time.Time, records ...[]byte) {
	h.t.Helper()
	h.clock.Set(when)
	if sm := h.submit(token, ndjson(records...)).summary(h.t); sm.Imported != len(records) {
		h.t.Fatalf("submission at %s: %+v %+v", when, countsOf(sm), sm.Issues)
	}
}

func code(s string) healthedu.DivisionCode { return healthedu.MustParseDivisionCode(s) }

// getMonthly returns the monthly notification of under for period, in
// English.
func getMonthly(t *testing.T, h *harness, token, under, period string) wire.Monthly {
	t.Helper()
	ans := h.request("GET", "/v1/reports/monthly?under="+under+"&period="+period, token, nil, "Accept-Language", "en")
	if ans.status != 200 {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	var got wire.Monthly
	ans.json(t, &got)
	return got
}

var cmpMonthly = []cmp.Option{equateCodes,
	cmp.Comparer(func(a, b healthedu.Date) bool { return a == b }),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
}

// TestMonthlyReport checks the monthly notification of 东阿县 for October
// 2025 once it is due, on a fixture: of its ten townships, six reported on
// time, two late and two not at all; one manages too few children, fewer
// than the month before; one reports more users of health services than
// residents, which is flagged.
func TestMonthlyReport(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		sep, onTime, late := at(2025, 10, 5, 10), at(2025, 11, 5, 10), at(2025, 11, 14, 10)
		// Each submitted when its submittedAt says: the platform judges
		// timeliness by when it received a report.
		h.submitAt(tokenDonge, sep,
			monthlyReportOf("371524001", "202509", sep, "children-0-6", 100, "children-0-6-managed", 90),
			monthlyReportOf("371524101", "202509", sep, "children-0-6", 100, "children-0-6-managed", 84),
		)
		h.submitAt(tokenDonge, onTime,
			monthlyReport("371524001", onTime, 100, 90), // 铜城街道
			monthlyReport("371524002", onTime, 100, 95), // 新城街道
			monthlyReport("371524101", onTime, 100, 80), // 刘集镇: 80% < 85%, 84% in September
			monthlyReport("371524102", onTime, 100, 99), // 牛角店镇
			monthlyReport("371524103", onTime, 100, 90), // 大桥镇
			monthlyReportOf("371524104", "202510", onTime, "children-0-6", 100, "children-0-6-managed", 90,
				"population", 1000, "health-service-users", 1500), // 高集镇: more users than residents
		)
		h.submitAt(tokenDonge, late,
			monthlyReport("371524105", late, 100, 90), // 姜楼镇, late
			monthlyReport("371524107", late, 100, 90), // 姚寨镇, late
		)
		// 鱼山镇 371524108 and 陈集镇 371524109 did not report.
		h.clock.Set(at(2025, 12, 1, 0))
		got := getMonthly(t, h, tokenDonge, "371524", "202510")
		div := func(code, name string, received, onTime int64, c, tl string, rank int) wire.MonthlyDivision {
			return wire.MonthlyDivision{Division: healthedu.MustParseDivisionCode(code), Name: name, Reporters: 1, Expected: 1, Received: received, OnTime: onTime,
				Completeness: c, Timeliness: tl, Rank: rank}
		}
		missing := []wire.MonthlyMissing{{Division: code("371524108"), Name: "鱼山镇"}, {Division: code("371524109"), Name: "陈集镇"}}
		want := wire.Monthly{
			Period:         healthedu.MustParsePeriod("202510"),
			Under:          wire.Division{Code: code("371524"), Name: "东阿县", Level: healthedu.LevelCounty},
			AsOf:           at(2025, 12, 1, 0),
			Deadline:       mustDate("2025-11-10"),
			Due:            true,
			ReportingLevel: healthedu.LevelTownship,
			Reporters:      10,
			Expected:       10, Received: 8, OnTime: 6, Completeness: "80.00", Timeliness: "60.00",
			Divisions: []wire.MonthlyDivision{
				div("371524001", "铜城街道", 1, 1, "100.00", "100.00", 1),
				div("371524002", "新城街道", 1, 1, "100.00", "100.00", 1),
				div("371524101", "刘集镇", 1, 1, "100.00", "100.00", 1),
				div("371524102", "牛角店镇", 1, 1, "100.00", "100.00", 1),
				div("371524103", "大桥镇", 1, 1, "100.00", "100.00", 1),
				div("371524104", "高集镇", 1, 1, "100.00", "100.00", 1),
				div("371524105", "姜楼镇", 1, 0, "100.00", "0.00", 7),
				div("371524107", "姚寨镇", 1, 0, "100.00", "0.00", 7),
				div("371524108", "鱼山镇", 0, 0, "0.00", "0.00", 9),
				div("371524109", "陈集镇", 0, 0, "0.00", "0.00", 9),
			},
			NotReported:         missing,
			NotReportedByCounty: []wire.MonthlyCounty{{County: code("371524"), Name: "东阿县", Count: 2, Divisions: missing}},
			BelowTarget: []wire.MonthlyIndicator{{
				Division: code("371524101"), Name: "刘集镇",
				Indicator: "child-health-management-rate", IndicatorName: "0–6 child health management rate",
				Value: new("80.00"), Target: "85", Direction: ">=", Met: new(false), Gap: "-5.00",
				Previous: new("84.00"), Change: new("-4.00"),
				Coverage: indicators.Coverage{Reporting: 1, Expected: 1}, Flags: []string{}, FlagIssues: []healthedu.LocalizedIssue{},
			}},
			Flagged: []wire.MonthlyIndicator{{
				Division: code("371524104"), Name: "高集镇",
				Indicator: "health-service-utilisation-rate", IndicatorName: "community health service utilisation rate",
				Value: new("150.00"), Coverage: indicators.Coverage{Reporting: 1, Expected: 1},
				Flags: []string{"indicator.aboveMaximum"},
				FlagIssues: []healthedu.LocalizedIssue{{
					Issue: healthedu.Issue{Severity: healthedu.SeverityWarning, Code: "indicator.aboveMaximum",
						Params: map[string]any{"indicator": "community health service utilisation rate", "value": "150.00", "maximum": "100"}},
					Message: `The value 150.00 of indicator "community health service utilisation rate" exceeds its maximum 100: check the figures it comes from`,
				}},
			}},
		}
		if diff := cmp.Diff(want, got, append(cmpMonthly, cmpopts.IgnoreFields(wire.Monthly{}, "Indicators", "Proposed"))...); diff != "" {
			t.Errorf("monthly notification (-want +got):\n%s", diff)
		}

		// The county's own indicators: the rate of the eight townships that
		// reported (724 of 800 children), against 174 of 200 in September.
		own := make(map[string]wire.MonthlyIndicator)
		for _, mi := range got.Indicators {
			own[mi.Indicator] = mi
		}
		if len(got.Indicators) != len(indicators.DefaultCatalogue().Indicators()) {
			t.Errorf("%d indicators of 东阿县, want every one of the catalogue", len(got.Indicators))
		}
		county := func(ind, name string, value, target, direction string, met *bool, gap string, previous, change *string, reporting int) wire.MonthlyIndicator {
			return wire.MonthlyIndicator{Division: code("371524"), Name: "东阿县", Indicator: ind, IndicatorName: name,
				Value: new(value), Target: target, Direction: direction, Met: met, Gap: gap, Previous: previous, Change: change,
				Coverage: indicators.Coverage{Reporting: reporting, Expected: 10}, Flags: []string{}, FlagIssues: []healthedu.LocalizedIssue{}}
		}
		for _, w := range []wire.MonthlyIndicator{
			county("child-health-management-rate", "0–6 child health management rate", "90.50", "85", ">=", new(true), "5.50", new("87.00"), new("3.50"), 8),
			county("report-completeness", "monthly report completeness", "80.00", "", "", nil, "", new("20.00"), new("60.00"), 10),
			county("report-timeliness", "monthly report timeliness", "60.00", "", "", nil, "", new("20.00"), new("40.00"), 10),
		} {
			if diff := cmp.Diff(w, own[w.Indicator], cmpMonthly...); diff != "" {
				t.Errorf("%s of 东阿县 (-want +got):\n%s", w.Indicator, diff)
			}
		}
		// An indicator without data this month is null, never 0, and so is
		// its change.
		if mi := own["elderly-health-management-rate"]; mi.Value != nil || mi.Reason != "no-data" || mi.Change != nil || mi.Coverage != (indicators.Coverage{Reporting: 0, Expected: 10}) {
			t.Errorf("elderly-health-management-rate without data: %+v", mi)
		}

		if ans := h.request("GET", "/v1/reports/monthly?under=371524&period=2025Q4", tokenDonge, nil); ans.status != 400 || ans.problemCode(t) != codePeriodNotMonth {
			t.Errorf("quarter: %d %s", ans.status, ans.body)
		}
	})
}

// TestMonthlyReportBeforeDeadline checks the notification of a month whose
// deadline has not passed: it says so, counts the reports received early,
// and lists nobody as not reported; once the deadline has passed, those
// reports count as received on time, and the others as missing.
func TestMonthlyReportBeforeDeadline(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	for i, d := range []string{"371524001", "371524101", "371524107"} {
		day := at(2025, 11, 3+i, 10)
		h.submitAt(tokenDonge, day, monthlyReport(d, day, 100, 90))
	}
	for _, tc := range []struct {
		now                    time.Time
		due                    bool
		early                  *int64
		received, onTime       int64
		expected               int64
		completeness, notFound string
		notReported            int
	}{
		// 10 November, the last day: not due yet.
		{at(2025, 11, 10, 23), false, new(int64(3)), 0, 0, 0, "", "", 0},
		// The first hour after the deadline.
		{at(2025, 11, 11, 0), true, nil, 3, 3, 10, "30.00", "", 7},
	} {
		t.Run(tc.now.Format(time.DateTime), func(t *testing.T) {
			h.clock.Set(tc.now)
			got := getMonthly(t, h, tokenDonge, "371524", "202510")
			type summary struct {
				Due                      bool
				ReceivedEarly            *int64
				Expected, Received, Late int64
				Completeness             string
				NotReported, Counties    int
				Reporters                int
			}
			counties := 0
			for _, c := range got.NotReportedByCounty {
				counties += c.Count
			}
			gotS := summary{got.Due, got.ReceivedEarly, got.Expected, got.Received, got.Received - got.OnTime, got.Completeness,
				len(got.NotReported), counties, got.Reporters}
			wantS := summary{tc.due, tc.early, tc.expected, tc.received, tc.received - tc.onTime, tc.completeness,
				tc.notReported, tc.notReported, 10}
			if diff := cmp.Diff(wantS, gotS); diff != "" {
				t.Errorf("notification (-want +got):\n%s", diff)
			}
			early := make(map[string]int64)
			for _, d := range got.Divisions {
				if tc.due != (d.ReceivedEarly == nil) || tc.due != (d.Rank > 0) {
					t.Errorf("%s: early %v, rank %d", d.Name, d.ReceivedEarly, d.Rank)
				}
				if d.ReceivedEarly != nil && *d.ReceivedEarly > 0 {
					early[d.Division.Short()] = *d.ReceivedEarly
				}
			}
			var wantEarly map[string]int64
			if !tc.due {
				wantEarly = map[string]int64{"371524001": 1, "371524101": 1, "371524107": 1}
			}
			if diff := cmp.Diff(wantEarly, early, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("received early (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMonthlyReportProvince checks the notification of 山东省 when only
// townships of 东阿县 reported: the cities without any report are listed,
// grouped by county, and the counts are those of every township of the
// province.
func TestMonthlyReportProvince(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	var body [][]byte
	for _, tw := range dongeTownships[:8] {
		body = append(body, monthlyReport(tw.code, at(2025, 11, 5, 10), 100, 90))
	}
	h.submitAt(tokenDonge, at(2025, 11, 5, 10), body...)
	h.clock.Set(at(2025, 12, 1, 0))
	got := getMonthly(t, h, tokenAdmin, "37", "202510")
	reg := healthedu.DefaultRegistry()
	townships := len(indicators.DivisionsAt(reg, code("37"), healthedu.LevelTownship))
	if got.Reporters != townships || got.Expected != int64(townships) || got.Received != 8 || len(got.NotReported) != townships-8 {
		t.Errorf("山东省: reporters %d, expected %d, received %d, not reported %d; want %d townships, 8 received",
			got.Reporters, got.Expected, got.Received, len(got.NotReported), townships)
	}
	sum := 0
	for i, c := range got.NotReportedByCounty {
		sum += c.Count
		if c.Count != len(c.Divisions) || c.County.Level() != healthedu.LevelCounty || c.Name == "" {
			t.Errorf("county %d: %+v", i, c)
		}
		for _, d := range c.Divisions {
			if !c.County.Contains(d.Division) {
				t.Errorf("%s listed under %s", d.Division, c.County)
			}
		}
		if i > 0 && got.NotReportedByCounty[i-1].County.Compare(c.County) >= 0 {
			t.Errorf("counties out of order at %d", i)
		}
		if c.County == code("371524") && c.Count != 2 {
			t.Errorf("东阿县: %d not reported, want 2", c.Count)
		}
	}
	if sum != len(got.NotReported) {
		t.Errorf("%d not reported by county, %d in all", sum, len(got.NotReported))
	}
}

func TestChangeText(t *testing.T) {
	r := func(a, b int64) *big.Rat { return big.NewRat(a, b) }
	for _, tc := range []struct {
		cur, prev *big.Rat
		decimals  int
		want      string
	}{
		{r(9050, 100), r(87, 1), 2, "3.50"},
		{r(80, 1), r(84, 1), 2, "-4.00"},
		{r(8926, 100), r(89264, 1000), 2, "0.00"},  // −0.004: no sign on zero
		{r(8926, 100), r(89265, 1000), 2, "-0.01"}, // −0.005 rounds away from zero
		{r(1, 3), r(0, 1), 2, "0.33"},
		{r(45680, 1), r(58810, 1), 0, "-13130"},
		{r(5, 10), r(0, 1), 0, "1"}, // half away from zero
		{r(0, 1), r(4, 10), 0, "0"},
	} {
		if got := changeText(tc.cur, tc.prev, tc.decimals); got != tc.want {
			t.Errorf("changeText(%s, %s, %d) = %q, want %q", tc.cur.RatString(), tc.prev.RatString(), tc.decimals, got, tc.want)
		}
	}
}
