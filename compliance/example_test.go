package compliance_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// A village clinic's first half of 2025, judged on 1 July: three lectures,
// none in March–April; one bulletin board, changed on 20 February, on
// 20 April and then late, on 25 June; four kinds of printed materials.
func ExampleChecker() {
	cst := healthedu.ChinaStandardTime
	code, err := healthedu.ParseCreditCode("52371502MJ3916022H")
	if err != nil {
		fmt.Println(err)
		return
	}
	clinic := healthedu.Organizer{
		CreditCode: code,
		Name:       "东昌府区堂邑镇前王村卫生室",
		Type:       "village-clinic",
	}
	c, err := compliance.NewChecker(compliance.Options{
		Year: healthedu.YearPeriod(2025),
		Now:  time.Date(2025, 7, 1, 9, 0, 0, 0, cst),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	add := func(form healthedu.ActivityForm, month time.Month, day int, edit func(*healthedu.Activity)) {
		start := time.Date(2025, month, day, 9, 0, 0, 0, cst)
		a := &healthedu.Activity{Organizer: clinic, Form: form, Start: start, End: start.Add(time.Hour)}
		if edit != nil {
			edit(a)
		}
		c.Add(a)
	}
	for _, m := range []time.Month{time.February, time.May, time.June} {
		add(healthedu.FormLecture, m, 12, nil)
	}
	for _, d := range []struct {
		month time.Month
		day   int
	}{{time.February, 20}, {time.April, 20}, {time.June, 25}} {
		add(healthedu.FormBulletinBoard, d.month, d.day, func(a *healthedu.Activity) {
			a.Board = &healthedu.Board{ID: "村委会东墙", AreaDm2: 240}
		})
	}
	for _, id := range []string{"高血压", "糖尿病", "老年人防跌倒", "合理膳食"} {
		add(healthedu.FormPrintedMaterials, time.March, 3, func(a *healthedu.Activity) {
			a.Material = &healthedu.Material{ID: id}
		})
	}
	for _, in := range c.Results() {
		fmt.Println(in.String())
		for _, m := range in.Measures {
			fmt.Println(" ", m)
		}
		for _, is := range in.Issues {
			fmt.Println(" ", is.Message(healthedu.ZhHans))
		}
	}
	// Output:
	// 52371502MJ3916022H 东昌府区堂邑镇前王村卫生室 (village-clinic) 2025: 4 of 8 rules met; not met: printedKinds, audioVisualKinds, boardChangeGap, lectureGap
	//   printedKinds 4/6 kind not met
	//   audioVisualKinds 0/3 kind not met
	//   boards 1/1 board met
	//   boardArea 1/1 board met
	//   boardChangeGap 0/1 board not met
	//   lectures 3/3 lecture met
	//   lectureGap 2/3 period not met
	//   consultations 0/0 event met
	//   本年度提供印刷资料4种，少于规范要求的6种（全年不少于12种，按已过6个月折算）
	//   本年度播放音像资料0种，少于规范要求的3种（全年不少于6种，按已过6个月折算）
	//   宣传栏“村委会东墙”自2025-04-20至2025-06-25共66天未更换内容，超过规范要求的每2个月至少更换1次
	//   1个考核时段没有举办健康知识讲座：202502B（规范要求每2个月至少1次）
}

// Check judges a slice of records in one call, here a township health
// centre's year 2024 with a lecture every month but August.
func ExampleCheck() {
	cst := healthedu.ChinaStandardTime
	code, err := healthedu.ParseCreditCode("12371502MB2854366G")
	if err != nil {
		fmt.Println(err)
		return
	}
	centre := healthedu.Organizer{
		CreditCode: code,
		Name:       "聊城市东昌府区堂邑镇卫生院",
		Type:       "township-health-center",
	}
	var records []*healthedu.Activity
	for m := time.January; m <= time.December; m++ {
		if m == time.August {
			continue
		}
		start := time.Date(2024, m, 10, 9, 0, 0, 0, cst)
		records = append(records, &healthedu.Activity{Organizer: centre, Form: healthedu.FormLecture, Start: start, End: start.Add(time.Hour)})
	}
	results, err := compliance.Check(slices.Values(records), compliance.Options{
		Year:  healthedu.YearPeriod(2024),
		Norms: compliance.DefaultNorms(),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, is := range results[0].Issues {
		if is.Code == "compliance.lectures" || is.Code == "compliance.lectureGap" {
			fmt.Println(is.Code, is.Path, is.Message(healthedu.English))
		}
	}
	// Output:
	// compliance.lectures /measures/5 11 health lectures this year, fewer than the 12 the norm asks (at least 12 a year, pro-rated to 12 months over)
	// compliance.lectureGap /measures/6 Periods without a health lecture (1): 202408; the norm asks for at least one in every period of 1 month(s)
}
