package ledger_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// ExampleProposeCompliance files the shortfalls of a village clinic of
// 古楼街道, judged against the national service norm on 3 July 2025, in
// the rectification ledger: a problem for each rule not met, owned by the
// clinic, due by the deadline of July's report. Proposing again merges as
// no change.
func ExampleProposeCompliance() {
	cst := healthedu.ChinaStandardTime
	code, _ := healthedu.ParseCreditCode("52371502MJ3916022H")
	clinic := healthedu.Organizer{
		CreditCode: code,
		Name:       "古楼街道前王村卫生室",
		Type:       "village-clinic",
		Division:   healthedu.MustParseDivisionCode("371502001001"),
	}
	var activities []*healthedu.Activity
	for i, m := range []time.Month{time.January, time.February, time.May, time.June} {
		start := time.Date(2025, m, 12, 9, 0, 0, 0, cst)
		activities = append(activities, &healthedu.Activity{
			Header:    healthedu.Header{ID: fmt.Sprint("qw-", i)},
			Organizer: clinic, Form: healthedu.FormLecture, Start: start, End: start.Add(time.Hour),
		})
	}
	results, _ := compliance.Check(func(yield func(*healthedu.Activity) bool) {
		for _, a := range activities {
			if !yield(a) {
				return
			}
		}
	}, compliance.Options{Year: healthedu.YearPeriod(2025), Now: time.Date(2025, 7, 3, 9, 0, 0, 0, cst)})

	items := ledger.ProposeCompliance(results, ledger.ComplianceProposeOptions{})
	for _, r := range items {
		fmt.Println(r.ID, r.Division, r.Deadline)
		fmt.Println("  ", r.Problem)
	}
	fmt.Println(items[0].Finding.Message(healthedu.English, nil))

	again := ledger.ProposeCompliance(results, ledger.ComplianceProposeOptions{})
	_, ch, _ := ledger.Merge(items[0], again[0])
	fmt.Println("again:", ch.Changed())
	// Output:
	// auto-202506-52371502MJ3916022H-c-printedKinds 371502001001 2025-08-10
	//    本年度提供印刷资料0种，少于规范要求的6种（全年不少于12种，按已过6个月折算）
	// auto-202506-52371502MJ3916022H-c-audioVisualKinds 371502001001 2025-08-10
	//    本年度播放音像资料0种，少于规范要求的3种（全年不少于6种，按已过6个月折算）
	// auto-202506-52371502MJ3916022H-c-boards 371502001001 2025-08-10
	//    健康教育宣传栏0个，少于规范要求的1个
	// auto-202506-52371502MJ3916022H-c-lectureGap 371502001001 2025-08-10
	//    1个考核时段没有举办健康知识讲座：202502B（规范要求每2个月至少1次）
	// 0 kinds of printed materials this year, fewer than the 6 the norm asks (at least 12 a year, pro-rated to 6 months over)
	// again: false
}
