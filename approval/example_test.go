package approval_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// ExampleApply goes through a month of 古楼街道: the township submits, a
// sibling township may not approve, 东昌府区 approves the reports as they
// are, 聊城市 returns them with a reason, the township corrects them and
// submits again.
func ExampleApply() {
	gulou := healthedu.MustParseDivisionCode("371502001")
	county := healthedu.MustParseDivisionCode("371502")
	city := healthedu.MustParseDivisionCode("3715")
	key := approval.Key{Division: gulou, Period: healthedu.MustParsePeriod("202510"), DataSet: approval.DataSetMonthlyReport}
	reports := []*healthedu.MonthlyReport{{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "gl-202510"},
		Division: gulou, Period: key.Period,
		Values: []healthedu.DataValue{{Element: "lectures", Value: healthedu.DecimalFromInt(3)}},
	}}
	at := func(day, hour int) time.Time {
		return time.Date(2025, 11, day, hour, 0, 0, 0, healthedu.ChinaStandardTime)
	}

	a := approval.New(key)
	show := func(issues []healthedu.Issue) {
		for _, is := range issues {
			fmt.Println("refused:", is.Code, is.Message(healthedu.ZhHans))
		}
		fmt.Println(a.State.Label(healthedu.ZhHans))
	}
	show(approval.Apply(a, approval.Event{At: at(5, 9), Action: approval.ActionSubmit,
		Actor: approval.Actor{Division: gulou, ID: "gl-li"}}))
	show(approval.Apply(a, approval.Event{At: at(6, 9), Action: approval.ActionApprove,
		Actor: approval.Actor{Division: healthedu.MustParseDivisionCode("371502002"), ID: "ly-zhao"}, Digest: approval.Digest(key, reports)}))
	show(approval.Apply(a, approval.Event{At: at(6, 10), Action: approval.ActionApprove,
		Actor: approval.Actor{Division: county, ID: "dcf-wang"}, Digest: approval.Digest(key, reports)}))
	ok, is := approval.CanChange(a, gulou)
	fmt.Println("古楼街道 may change:", ok, is.Message(healthedu.ZhHans))
	show(approval.Apply(a, approval.Event{At: at(7, 9), Action: approval.ActionReturn,
		Actor: approval.Actor{Division: city, ID: "lc-sun"}, Reason: "讲座次数与活动记录不符"}))
	ok, _ = approval.CanChange(a, gulou)
	fmt.Println("古楼街道 may change:", ok)
	show(approval.Apply(a, approval.Event{At: at(7, 15), Action: approval.ActionSubmit,
		Actor: approval.Actor{Division: gulou, ID: "gl-li"}}))
	// Output:
	// 已提交
	// refused: approval.outside 操作单位371502002与数据所属区划371502001无隶属关系
	// 已提交
	// 已审核
	// 古楼街道 may change: false 该月数据已报送审核，371502及其下级（含371502001）不能修改，须先由上级退回
	// 已退回
	// 古楼街道 may change: true
	// 已提交
}

// ExampleFilter computes October's lectures per health centre in
// 东昌府区 over approved data only: 古楼街道's month is approved, 柳园街道's
// only submitted, so the figure is 古楼街道's and covers 1 of the 2
// townships expected; report completeness still counts both reports.
func ExampleFilter() {
	gulou := healthedu.MustParseDivisionCode("371502001")
	liuyuan := healthedu.MustParseDivisionCode("371502002")
	county := healthedu.MustParseDivisionCode("371502")
	oct := healthedu.MustParsePeriod("202510")
	sent := time.Date(2025, 11, 5, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	report := func(d healthedu.DivisionCode, lectures int64) *healthedu.MonthlyReport {
		return &healthedu.MonthlyReport{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: "mr-" + d.Short() + "-202510"},
			Division: d, Period: oct, SubmittedAt: sent,
			Values: []healthedu.DataValue{
				{Element: "lectures", Value: healthedu.DecimalFromInt(lectures)},
				{Element: "health-centres", Value: healthedu.DecimalFromInt(1)},
			},
		}
	}
	reports := []*healthedu.MonthlyReport{report(gulou, 4), report(liuyuan, 2)}
	store := indicators.NewStore(indicators.DefaultCatalogue())
	_ = store.AddRecords([]healthedu.Record{reports[0], reports[1]}, indicators.RecordOptions{})

	// The approvals as a platform keeps them.
	var approvals []*approval.Approval
	for _, d := range []healthedu.DivisionCode{gulou, liuyuan} {
		a := approval.New(approval.Key{Division: d, Period: oct, DataSet: approval.DataSetMonthlyReport})
		_ = approval.Apply(a, approval.Event{At: sent, Action: approval.ActionSubmit, Actor: approval.Actor{Division: d, ID: "clerk"}})
		approvals = append(approvals, a)
	}
	_ = approval.Apply(approvals[0], approval.Event{At: sent.Add(24 * time.Hour), Action: approval.ActionApprove,
		Actor: approval.Actor{Division: county, ID: "dcf-wang"}, Digest: approval.Digest(approvals[0].Key, reports)})

	current := func(k approval.Key) string { return approval.Digest(k, reports) }
	lectures, _ := indicators.DefaultCatalogue().Indicator("lectures-per-institution")
	completeness, _ := indicators.DefaultCatalogue().Indicator("report-completeness")
	results, _ := store.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{lectures, completeness},
		Divisions:  []healthedu.DivisionCode{county},
		Period:     oct,
		Now:        time.Date(2025, 11, 20, 0, 0, 0, 0, healthedu.ChinaStandardTime),
		Reporters:  indicators.Reporters{List: []healthedu.DivisionCode{gulou, liuyuan}},
		Include:    approval.Filter(approvals, approval.DataSetMonthlyReport, approval.StateApproved, current),
	})
	for _, r := range results {
		fmt.Println(r.Indicator.Code(), r.Text(), "covering", r.Coverage)
	}
	// Output:
	// lectures-per-institution 4.0 covering 1/2
	// report-completeness 100.00 covering 2/2
}
