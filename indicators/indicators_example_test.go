package indicators_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// Defining an indicator: the share of lectures among the activities held,
// as data, compiled against the default catalogue's elements and computed
// for a township.
func ExampleCatalogue_Compile() {
	cat := indicators.DefaultCatalogue()
	ind, err := cat.Compile(indicators.Definition{
		Code: "lecture-share",
		Names: healthedu.LocalizedText{
			ZhHans: "讲座占活动比例", ZhHant: "講座占活動比例", En: "share of lectures among activities",
		},
		Numerator:   "activities[form=lecture]",
		Denominator: "activities",
		Factor:      100,
		Decimals:    1,
		Target:      &indicators.Target{Value: "30", Direction: indicators.AtLeast, Norm: "county work plan"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	gulou := healthedu.MustParseDivisionCode("371502001") // 古楼街道
	s := indicators.NewStore(cat)
	for _, v := range []indicators.DataValue{
		{Element: "activities", Division: gulou, Period: healthedu.MustParsePeriod("202510"), Value: 7},
		{Element: "activities", Category: "form=lecture", Division: gulou, Period: healthedu.MustParsePeriod("202510"), Value: 2},
	} {
		if err := s.Add(v); err != nil {
			fmt.Println(err)
			return
		}
	}
	rs, _ := s.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{ind},
		Divisions:  []healthedu.DivisionCode{gulou},
		Period:     healthedu.MustParsePeriod("202510"),
	})
	fmt.Println(ind.Name(healthedu.ZhHans), rs[0].Text()+"%", rs[0].Attainment, rs[0].GapText())

	// A binary minus needs a space before it: element codes have hyphens.
	_, err = cat.Compile(indicators.Definition{Code: "bad", Names: ind.Names(), Numerator: "activities- 1", Denominator: "1", Factor: 1})
	fmt.Println(err)
	// Output:
	// 讲座占活动比例 28.6% not-met -1.4
	// indicators: /numerator: Expression "activities- 1" has a syntax error (at byte 0); put spaces around a minus
}

// Computing over a tree: the townships of 九原区 report the children under
// management each month; the county's rate for the year is the sum of the
// townships' latest figures over the sum of their children, and the city's
// and the province's include it.
func ExampleStore_Compute() {
	cat := indicators.DefaultCatalogue()
	s := indicators.NewStore(cat)
	add := func(element, division, period string, v int64) {
		err := s.Add(indicators.DataValue{
			Element:  element,
			Division: healthedu.MustParseDivisionCode(division),
			Period:   healthedu.MustParsePeriod(period),
			Value:    v,
		})
		if err != nil {
			fmt.Println(err)
		}
	}
	add("children-0-6-managed", "150207001", "202411", 5990)
	add("children-0-6-managed", "150207001", "202412", 6020) // the latest counts
	add("children-0-6", "150207001", "202412", 6200)
	add("children-0-6-managed", "150207002", "202412", 7412)
	add("children-0-6", "150207002", "202412", 7732)

	rate, _ := cat.Indicator("child-health-management-rate")
	rs, err := s.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{rate},
		Divisions: []healthedu.DivisionCode{
			healthedu.MustParseDivisionCode("150207001"),
			healthedu.MustParseDivisionCode("150207"), // 九原区
			healthedu.MustParseDivisionCode("1502"),   // 包头市
			healthedu.MustParseDivisionCode("15"),     // 内蒙古自治区
		},
		Period:  healthedu.MustParsePeriod("2024"),
		Explain: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rs {
		fmt.Println(r)
	}
	fmt.Print(rs[1].Explain())
	// Output:
	// child-health-management-rate 150207001000 2024: 6020 / 6200 × 100 = 97.10 (>= 85 met)
	// child-health-management-rate 150207000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
	// child-health-management-rate 150200000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
	// child-health-management-rate 150000000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
	// child-health-management-rate 150207000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
	// numerator 13432
	//   + children-0-6-managed 13432
	//       150207001000 202412 6020
	//       150207002000 202412 7412
	// denominator 13932
	//   + children-0-6 13932
	//       150207001000 202412 6200
	//       150207002000 202412 7732
}

// Figures as of an instant: in the middle of a quarter, monthly reports
// count once their deadline (day 10 of the next month) has passed, every
// township of the registry is expected, and a stock rate takes its
// numerator and denominator from the same month. 九原区 has eight
// townships; 沙河街道 and 赛汗街道 report, the others do not yet.
func ExampleStore_Compute_asOf() {
	report := func(id, division, month, submitted string, values ...healthedu.DataValue) *healthedu.MonthlyReport {
		at, _ := time.Parse(time.RFC3339, submitted)
		return &healthedu.MonthlyReport{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: healthedu.KindMonthlyReport, ID: id},
			Division: healthedu.MustParseDivisionCode(division), Period: healthedu.MustParsePeriod(month),
			SubmittedAt: at, Values: values,
		}
	}
	v := func(element string, n int64) healthedu.DataValue {
		return healthedu.DataValue{Element: element, Value: healthedu.DecimalFromInt(n)}
	}
	records := []healthedu.Record{
		report("r1", "150207001", "202410", "2024-11-04T09:00:00+08:00", v("children-0-6-managed", 6020), v("children-0-6", 6200)),
		report("r2", "150207002", "202410", "2024-11-12T09:00:00+08:00", v("children-0-6-managed", 7412), v("children-0-6", 7732)),
		// November sent early, and without the children under management.
		report("r3", "150207001", "202411", "2024-12-02T09:00:00+08:00", v("children-0-6", 6210)),
	}
	cat := indicators.DefaultCatalogue()
	s := indicators.NewStore(cat)
	if err := s.AddRecords(records, indicators.RecordOptions{}); err != nil {
		fmt.Println(err)
	}
	completeness, _ := cat.Indicator("report-completeness")
	timeliness, _ := cat.Indicator("report-timeliness")
	rate, _ := cat.Indicator("child-health-management-rate")
	for _, now := range []string{"2024-12-05T12:00:00+08:00", "2024-12-11T00:00:00+08:00"} {
		at, _ := time.Parse(time.RFC3339, now)
		rs, err := s.Compute(indicators.Query{
			Indicators: []*indicators.Indicator{completeness, timeliness, rate},
			Divisions:  []healthedu.DivisionCode{healthedu.MustParseDivisionCode("150207")},
			Period:     healthedu.MustParsePeriod("2024Q4"),
			Now:        at,
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("as of", now)
		for _, r := range rs {
			fmt.Printf("  %s, from %s townships\n", r, r.Coverage)
		}
	}
	// Output:
	// as of 2024-12-05T12:00:00+08:00
	//   report-completeness 150207000000 2024Q4: 2 / 8 × 100 = 25.00, from 8/8 townships
	//   report-timeliness 150207000000 2024Q4: 1 / 8 × 100 = 12.50, from 8/8 townships
	//   child-health-management-rate 150207000000 2024Q4: 13432 / 13932 × 100 = 96.41 (>= 85 met), from 2/8 townships
	// as of 2024-12-11T00:00:00+08:00
	//   report-completeness 150207000000 2024Q4: 3 / 16 × 100 = 18.75, from 8/8 townships
	//   report-timeliness 150207000000 2024Q4: 2 / 16 × 100 = 12.50, from 8/8 townships
	//   child-health-management-rate 150207000000 2024Q4: 13432 / 13932 × 100 = 96.41 (>= 85 met), from 2/8 townships
}

// 九原 reported 13,432 children at 96.41%: the rate implies 13,932 children,
// and a rate of 96.42% would not fit the counts.
func ExampleCheckRate() {
	rate, _ := indicators.DefaultCatalogue().Indicator("child-health-management-rate")
	for _, reported := range []string{"96.41", "96.42"} {
		d, _ := healthedu.ParseDecimal(reported)
		c := indicators.CheckRate(rate, 13432, 13932, d)
		fmt.Println(reported, c.Agrees, c.Computed, c.ImpliedText())
	}
	// Output:
	// 96.41 true 96.41 13932
	// 96.42 false 96.41 13930–13931
}

// Score cards weigh indicators; their weights must add up to 100 and obey
// the rules they declare.
func ExampleCatalogue_CompileScoreCard() {
	cat := indicators.DefaultCatalogue()
	_, err := cat.CompileScoreCard(indicators.ScoreCardDefinition{
		Code:  "my-evaluation",
		Names: healthedu.LocalizedText{ZhHans: "健康社区评价", ZhHant: "健康社區評價", En: "healthy-community evaluation"},
		Rules: []string{"healthy-community"},
		Components: []indicators.Component{
			{Indicator: "chronic-disease-control-rate", Weight: "10"},
			{Indicator: "literacy-level", Weight: "10"},
			{Indicator: "child-health-management-rate", Weight: "80"},
		},
	})
	fmt.Println(err)
	// Output:
	// indicators: /rules/0: Score card "my-evaluation" breaks weight rule "healthy-community": chronic-disease-control-rate, literacy-level weigh 20 together, at least 30 required
}

// Monthly reports are due on day 5 of the following month; 5 October 2025
// is a Sunday, and the deadline does not move.
func ExampleReportDeadline() {
	due := indicators.ReportDeadline(healthedu.MustParsePeriod("202509"), 5)
	fmt.Println(due.Format(time.RFC3339), due.Add(-time.Second).Weekday())
	// Output:
	// 2025-10-06T00:00:00+08:00 Sunday
}

func ExampleRankResults() {
	cat := indicators.DefaultCatalogue()
	s := indicators.NewStore(cat)
	for i, f := range [][2]int64{{900, 1000}, {855, 1000}, {171, 200}, {700, 1000}} {
		d := healthedu.MustParseDivisionCode(fmt.Sprintf("37150200%d", i+1))
		p := healthedu.MustParsePeriod("2025")
		s.Add(indicators.DataValue{Element: "hypertension-standard-managed", Division: d, Period: p, Value: f[0]})
		s.Add(indicators.DataValue{Element: "hypertension-managed", Division: d, Period: p, Value: f[1]})
	}
	rate, _ := cat.Indicator("hypertension-standard-management-rate")
	rs, _ := s.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{rate},
		Divisions:  indicators.DivisionsAt(healthedu.DefaultRegistry(), healthedu.MustParseDivisionCode("371502"), healthedu.LevelTownship)[:4],
		Period:     healthedu.MustParsePeriod("2025"),
	})
	for _, r := range indicators.RankResults(rs) {
		fmt.Printf("%d %s %s%%", r.Rank, r.Division.Short(), r.Value)
		if r.Gap != "" {
			fmt.Printf(", %s behind", r.Gap)
		}
		fmt.Println()
	}
	// Output:
	// 1 371502001 90.00%
	// 2 371502002 85.50%, 4.50 behind
	// 2 371502003 85.50%, 4.50 behind
	// 4 371502004 70.00%, 15.50 behind
}

func ExampleParseExpression() {
	e, err := indicators.ParseExpression("hypertension-controlled + diabetes-controlled - (activities[form=lecture] - 2)")
	fmt.Println(e, err)
	for _, t := range e.Terms() {
		fmt.Printf("negative=%t element=%s category=%q\n", t.Negative, t.Element, t.Category)
	}
	fmt.Println(e.Constant())
	// Output:
	// hypertension-controlled + diabetes-controlled - activities[form=lecture] + 2 <nil>
	// negative=false element=hypertension-controlled category=""
	// negative=false element=diabetes-controlled category=""
	// negative=true element=activities category="form=lecture"
	// 2
}
