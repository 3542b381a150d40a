package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
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
	h.setClock(when)
	if sm := h.submit(token, ndjson(records...)).summary(h.t); sm.Imported != len(records) {
		h.t.Fatalf("submission at %s: %+v %+v", when, countsOf(sm), sm.Issues)
	}
}

func code(s string) healthedu.DivisionCode { return healthedu.MustParseDivisionCode(s) }

// getMonthly returns the monthly notification of under for period, in
// English.
func getMonthly(t *testing.T, h *harness, token, under, period string) monthlyAnswer {
	t.Helper()
	ans := h.request("GET", "/v1/reports/monthly?under="+under+"&period="+period, token, nil, "Accept-Language", "en")
	if ans.status != 200 {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	var got monthlyAnswer
	ans.json(t, &got)
	return got
}

var cmpMonthly = []cmp.Option{equateCodes,
	cmp.Comparer(func(a, b healthedu.Date) bool { return a == b }),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
}

// TestMonthlyReport checks the monthly notification of 东阿县 for October
// 2025 on a fixture: of its ten townships, six reported on time, two late
// and two not at all, and one manages too few children.
func TestMonthlyReport(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		onTime, late := at(2025, 11, 5, 10), at(2025, 11, 14, 10)
		// Each submitted when its submittedAt says: the platform judges
		// timeliness by when it received a report.
		h.submitAt(tokenDonge, onTime,
			monthlyReport("371524001", onTime, 100, 90), // 铜城街道
			monthlyReport("371524002", onTime, 100, 95), // 新城街道
			monthlyReport("371524101", onTime, 100, 80), // 刘集镇: 80% < 85%
			monthlyReport("371524102", onTime, 100, 99), // 牛角店镇
			monthlyReport("371524103", onTime, 100, 90), // 大桥镇
			monthlyReport("371524104", onTime, 100, 90), // 高集镇
		)
		h.submitAt(tokenDonge, late,
			monthlyReport("371524105", late, 100, 90), // 姜楼镇, late
			monthlyReport("371524107", late, 100, 90), // 姚寨镇, late
		)
		// 鱼山镇 371524108 and 陈集镇 371524109 did not report.
		h.setClock(at(2025, 12, 1, 0))
		ans := h.request("GET", "/v1/reports/monthly?under=371524&period=202510", tokenDonge, nil, "Accept-Language", "en")
		if ans.status != 200 {
			t.Fatalf("%d %s", ans.status, ans.body)
		}
		var got monthlyAnswer
		ans.json(t, &got)
		div := func(code, name string, received, onTime int64, c, tl string, rank int) monthlyDivision {
			return monthlyDivision{Division: healthedu.MustParseDivisionCode(code), Name: name, Expected: 1, Received: received, OnTime: onTime,
				Completeness: c, Timeliness: tl, Rank: rank}
		}
		want := monthlyAnswer{
			Period:         healthedu.MustParsePeriod("202510"),
			Under:          divisionJSON{healthedu.MustParseDivisionCode("371524"), "东阿县", healthedu.LevelCounty},
			Deadline:       mustDate("2025-11-10"),
			ReportingLevel: healthedu.LevelTownship,
			Expected:       10, Received: 8, OnTime: 6, Completeness: "80.00", Timeliness: "60.00",
			Divisions: []monthlyDivision{
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
			NotReported: []monthlyMissing{
				{healthedu.MustParseDivisionCode("371524108"), "鱼山镇"},
				{healthedu.MustParseDivisionCode("371524109"), "陈集镇"},
			},
			BelowTarget: []monthlyBelow{{
				Division: healthedu.MustParseDivisionCode("371524101"), Name: "刘集镇",
				Indicator: "child-health-management-rate", IndicatorName: "0–6 child health management rate",
				Value: "80.00", Target: "85", Direction: ">=", Gap: "-5.00",
			}},
		}
		if diff := cmp.Diff(want, got, equateCodes, cmp.Comparer(func(a, b healthedu.Date) bool { return a == b })); diff != "" {
			t.Errorf("monthly notification (-want +got):\n%s", diff)
		}
		if ans := h.request("GET", "/v1/reports/monthly?under=371524&period=2025Q4", tokenDonge, nil); ans.status != 400 || ans.problemCode(t) != codeParam {
			t.Errorf("quarter: %d %s", ans.status, ans.body)
		}
	})
}
