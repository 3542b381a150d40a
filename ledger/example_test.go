package ledger_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// ExamplePropose proposes the rectification items of October 2025 from the
// month's figures: 古楼街道 below the 85% target for 0–6 child health
// management, and a township whose report is missing and whose rate is
// above 100%.
func ExamplePropose() {
	cat := indicators.DefaultCatalogue()
	store := indicators.NewStore(cat)
	oct := healthedu.MustParsePeriod("202510")
	gulou := healthedu.MustParseDivisionCode("371502001")
	other := healthedu.MustParseDivisionCode("371502002")
	for _, v := range []indicators.DataValue{
		{Element: "children-0-6", Division: gulou, Period: oct, Value: 1000},
		{Element: "children-0-6-managed", Division: gulou, Period: oct, Value: 800},
		{Element: "children-0-6", Division: other, Period: oct, Value: 1000},
		{Element: "children-0-6-managed", Division: other, Period: oct, Value: 1100},
	} {
		_ = store.Add(v)
	}
	_ = store.AddReceipt(gulou, oct, time.Date(2025, 11, 5, 9, 0, 0, 0, healthedu.ChinaStandardTime))

	now := time.Date(2025, 11, 12, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	rate, _ := cat.Indicator("child-health-management-rate")
	completeness, _ := cat.Indicator("report-completeness")
	results, _ := store.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{rate, completeness},
		Divisions:  []healthedu.DivisionCode{gulou, other},
		Period:     oct, Now: now,
		Reporters: indicators.Reporters{List: []healthedu.DivisionCode{gulou, other}},
	})
	for _, r := range ledger.Propose(results, ledger.ProposeOptions{Now: now}) {
		fmt.Println(r.ID)
		fmt.Println("  ", r.Problem, "— by", r.Deadline)
	}
	// Output:
	// auto-202510-371502001000-t-child-health-management-rate
	//    202510“0～6岁儿童健康管理率”为80.00，未达到目标值（≥85），差距-5.00 — by 2025-12-10
	// auto-202510-371502002000-f-child-health-management-rate-b76377f9
	//    指标“0～6岁儿童健康管理率”的值110.00超过上限100，请核对所用数据 — by 2025-12-10
	// auto-202510-371502002000-m-report-completeness
	//    202510月报应报1份，缺报1份，请尽快补报 — by 2025-12-10
}

// ExampleMerge applies the township's report of its rectification to the
// stored item, then the same report again, which changes nothing; the
// township cannot close the item itself.
func ExampleMerge() {
	cst := healthedu.ChinaStandardTime
	county := ledger.Actor{Division: healthedu.MustParseDivisionCode("371502"), ID: "dcf-wang"}
	gulou := ledger.Actor{Division: healthedu.MustParseDivisionCode("371502001"), ID: "gl-li"}
	deadline, _ := healthedu.NewDate(2025, 11, 30)
	stored := &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "lc-dcf-2025-017"},
		Division: gulou.Division,
		Source:   ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202510")},
		Problem:  "10月月报未按时报送",
		Owner:    ledger.Owner{Role: "community-health-centre"},
		Deadline: deadline,
		Status:   ledger.StatusOpen,
		History:  []ledger.Event{{At: time.Date(2025, 11, 11, 9, 0, 0, 0, cst), Status: ledger.StatusOpen, Actor: county}},
	}
	update := stored.Clone()
	update.Transition(ledger.Event{At: time.Date(2025, 11, 14, 16, 0, 0, 0, cst), Status: ledger.StatusRectified, Actor: gulou})
	update.Evidence = []string{"oss://lc/lc-dcf-2025-017/report.pdf"}

	merged, ch, _ := ledger.Merge(stored, update)
	fmt.Println(ch.From, "→", ch.To, len(ch.Events), "event", ch.Fields)
	_, ch, _ = ledger.Merge(merged, update)
	fmt.Println("again:", ch.Changed())

	issues := merged.Transition(ledger.Event{At: time.Date(2025, 11, 15, 9, 0, 0, 0, cst), Status: ledger.StatusVerified, Actor: gulou})
	fmt.Println(issues[0].Message(healthedu.ZhHans))
	fmt.Println("overdue on 1 December:", merged.Overdue(time.Date(2025, 12, 1, 0, 0, 0, 0, cst)))
	// Output:
	// open → rectified 1 event [evidence]
	// again: false
	// 由“rectified”变更为“verified”须由上级核验人员操作
	// overdue on 1 December: false
}

// ExampleWeekly gathers the weekly dispatch of 东昌府区 for 2025W44, a week
// from 27 October to 2 November.
func ExampleWeekly() {
	cst := healthedu.ChinaStandardTime
	county := healthedu.MustParseDivisionCode("371502")
	gulou := healthedu.MustParseDivisionCode("371502001")
	cat := indicators.DefaultCatalogue()
	store := indicators.NewStore(cat)
	sep := healthedu.MustParsePeriod("202509")
	_ = store.Add(indicators.DataValue{Element: "children-0-6", Division: gulou, Period: sep, Value: 1000})
	_ = store.Add(indicators.DataValue{Element: "children-0-6-managed", Division: gulou, Period: sep, Value: 900})
	_ = store.AddReceipt(gulou, sep, time.Date(2025, 10, 9, 9, 0, 0, 0, cst))
	activities := []*healthedu.Activity{
		{Division: gulou, Form: healthedu.FormLecture, Start: time.Date(2025, 10, 27, 9, 0, 0, 0, cst), Participants: 60},
		{Division: gulou, Form: healthedu.FormFreeClinic, Start: time.Date(2025, 11, 2, 9, 0, 0, 0, cst), Participants: 120},
	}
	rate, _ := cat.Indicator("child-health-management-rate")
	d, err := ledger.Weekly(healthedu.MustParsePeriod("2025W44"), store, nil, activities, ledger.WeeklyOptions{
		Under: county, Divisions: []healthedu.DivisionCode{county},
		Indicators: []*indicators.Indicator{rate}, OverdueMonths: 1,
		Reporters: indicators.Reporters{List: []healthedu.DivisionCode{gulou}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Week, d.From, "to", d.To, "year", d.Year)
	fmt.Println(d.Progress[0])
	fmt.Println("overdue reports:", len(d.OverdueReports))
	fmt.Println("activities:", d.Activities.Activities, "person-times:", d.Activities.Participants)
	// Output:
	// 2025W44 2025-10-27 to 2025-11-02 year 2025
	// child-health-management-rate 371502000000 2025: 900 / 1000 × 100 = 90.00 (>= 85 met)
	// overdue reports: 0
	// activities: 2 person-times: 180
}
