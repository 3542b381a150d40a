package ledger_test

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// reporters are the two townships of 东昌府区 the fixtures expect reports of.
var reporters = indicators.Reporters{List: []healthedu.DivisionCode{township, sibling}}

// newStore returns a store with the figures of two townships:
// 古楼街道 manages 800 of its 1,000 children (80%, below the target of
// 85%) and reports September and October on time; 371502002 reports
// 1,100 managed of 1,000 children (110%, above the maximum of 100%) and
// sends no monthly report for October.
func newStore(t testing.TB) *indicators.Store {
	t.Helper()
	s := indicators.NewStore(indicators.DefaultCatalogue())
	for _, m := range []string{"202509", "202510"} {
		p := healthedu.MustParsePeriod(m)
		for _, v := range []indicators.DataValue{
			{Element: "children-0-6", Division: township, Period: p, Value: 1000},
			{Element: "children-0-6-managed", Division: township, Period: p, Value: 800},
			{Element: "children-0-6", Division: sibling, Period: p, Value: 1000},
			{Element: "children-0-6-managed", Division: sibling, Period: p, Value: 1100},
		} {
			if err := s.Add(v); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddReceipt(township, p, p.End().Add(3*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddReceipt(sibling, healthedu.MustParsePeriod("202509"), at(2025, 10, 9, 10, 0)); err != nil {
		t.Fatal(err)
	}
	return s
}

// octoberResults computes October 2025 for the two townships as of now.
func octoberResults(t testing.TB, now time.Time) []indicators.Result {
	t.Helper()
	cat := indicators.DefaultCatalogue()
	chmr, _ := cat.Indicator("child-health-management-rate")
	rc, _ := cat.Indicator("report-completeness")
	res, err := newStore(t).Compute(indicators.Query{
		Indicators: []*indicators.Indicator{chmr, rc},
		Divisions:  []healthedu.DivisionCode{township, sibling},
		Period:     healthedu.MustParsePeriod("202510"),
		Now:        now,
		Reporters:  reporters,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
