package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The rules of "jiceng indicators" on incomplete data in progress (issue
// 10), end to end through the command on the records of
// testdata/indicators/rules (see its README.md for their story).

// The instants the rules are tried at: before and after the deadline of
// the November reports, the end of 10 December 2025.
const (
	rulesBefore    = "2025-12-05T00:00:00+08:00"
	rulesLastInDay = "2025-12-10T23:59:59+08:00"
	rulesAfter     = "2025-12-11T00:00:00+08:00"
)

// rulesFile returns the path of a file of testdata/indicators/rules.
func rulesFile(name string) string { return filepath.Join(indicatorsDir, "rules", name) }

// rulesRow is a row of the JSON output, as a client reads it, with what the
// rules decide.
type rulesRow struct {
	Division, Indicator    string
	Numerator, Denominator *int64
	Value                  *string
	Reason                 string
	Coverage               struct{ Reporting, Expected int }
	Flags                  []string
	Target                 *string
	TargetProrated         bool
	Met                    *bool
}

// rv is the row of an indicator with a value, reporting of expected
// divisions contributing, no flags and no target.
func rv(division, indicator string, num, den int64, value string, reporting, expected int) rulesRow {
	r := rulesRow{Division: division, Indicator: indicator, Numerator: &num, Denominator: &den, Value: &value, Flags: []string{}}
	r.Coverage.Reporting, r.Coverage.Expected = reporting, expected
	return r
}

// noData is the row of an indicator that no division contributed to.
func noData(division, indicator string, expected int) rulesRow {
	r := rulesRow{Division: division, Indicator: indicator, Reason: "no-data", Flags: []string{}}
	r.Coverage.Expected = expected
	return r
}

// target returns r with a target, pro-rated or not, and whether it is met
// (nil without a value).
func (r rulesRow) target(value string, prorated bool, met *bool) rulesRow {
	r.Target, r.TargetProrated, r.Met = &value, prorated, met
	return r
}

// flagged returns r with flags.
func (r rulesRow) flagged(codes ...string) rulesRow {
	r.Flags = codes
	return r
}

func rulesBool(b bool) *bool { return &b }

// rulesArgs returns args, then more, then the path of the file of rules.
func rulesArgs(args []string, file string, more ...string) []string {
	return append(append(append([]string(nil), args...), more...), rulesFile(file))
}

// rulesRun runs "jiceng indicators -format json" with args on files and
// returns its rows; it fails the test on any record skipped.
func rulesRun(t *testing.T, args []string, files ...string) []rulesRow {
	t.Helper()
	all := append([]string{"indicators", "-format", "json"}, args...)
	for _, f := range files {
		all = append(all, rulesFile(f))
	}
	out, errOut, code := indicatorsCommand(t, all...)
	if code != exitOK || errOut != "" {
		t.Fatalf("jiceng %s: exit %d, stderr:\n%s", strings.Join(all, " "), code, errOut)
	}
	var report struct {
		Period  string
		Skipped int
		Rows    []rulesRow
	}
	if err := json.NewDecoder(strings.NewReader(out)).Decode(&report); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	if report.Skipped != 0 {
		t.Errorf("%d records skipped", report.Skipped)
	}
	return report.Rows
}

const (
	gulou   = "371502001000" // 古楼街道
	liuyuan = "371502002000" // 柳园街道
	xinqu   = "371502003000" // 新区街道
	dcf     = "371502000000" // 东昌府区, 24 townships
	lc      = "371500000000" // 聊城市, 136 townships in 8 counties
)

func TestIndicatorsRules(t *testing.T) {
	met := rulesBool(true)
	q4 := []string{"-period", "2025Q4"}
	tests := []struct {
		name  string
		args  []string
		files []string
		want  []rulesRow
	}{
		{
			// As of 5 December only October is due (its deadline was 10
			// November). Received for October: 古楼, 柳园 and 新区; on time:
			// 古楼 (5 November) and 新区 (8 November), not 柳园 (12
			// November). The November reports of 古楼 and 柳园, sent early,
			// are neither missing nor late yet. Every township of the
			// registry is expected, those that never report too.
			name: "quarter in progress, before the November deadline",
			args: append([]string{"-now", rulesBefore, "-divisions", "371502001,371502,3715", "-indicators", "report-completeness,report-timeliness"}, q4...),
			want: []rulesRow{
				rv(gulou, "report-completeness", 1, 1, "100.00", 1, 1),
				rv(gulou, "report-timeliness", 1, 1, "100.00", 1, 1),
				rv(dcf, "report-completeness", 3, 24, "12.50", 24, 24),  // 3/24
				rv(dcf, "report-timeliness", 2, 24, "8.33", 24, 24),     // 2/24 = 8.333…
				rv(lc, "report-completeness", 3, 136, "2.21", 136, 136), // 3/136 = 2.2058…
				rv(lc, "report-timeliness", 2, 136, "1.47", 136, 136),   // 2/136 = 1.4705…
			},
		},
		{
			name:  "quarter in progress, the last second before the November deadline",
			args:  append([]string{"-now", rulesLastInDay, "-divisions", "371502", "-indicators", "report-completeness,report-timeliness"}, q4...),
			files: []string{"quarter.json"},
			want: []rulesRow{
				rv(dcf, "report-completeness", 3, 24, "12.50", 24, 24),
				rv(dcf, "report-timeliness", 2, 24, "8.33", 24, 24),
			},
		},
		{
			// As of 11 December October and November are due: 24 × 2 = 48
			// reports expected of 东昌府区, 136 × 2 = 272 of 聊城. Received:
			// October's 3 and November's 2 (古楼, 柳园), all of November's on
			// time: 2 + 2 = 4.
			name: "quarter in progress, after the November deadline",
			args: append([]string{"-now", rulesAfter, "-divisions", "371502001,371502,3715", "-indicators", "report-completeness,report-timeliness"}, q4...),
			want: []rulesRow{
				rv(gulou, "report-completeness", 2, 2, "100.00", 1, 1),
				rv(gulou, "report-timeliness", 2, 2, "100.00", 1, 1),
				rv(dcf, "report-completeness", 5, 48, "10.42", 24, 24),  // 10.4166…
				rv(dcf, "report-timeliness", 4, 48, "8.33", 24, 24),     // 8.333…
				rv(lc, "report-completeness", 5, 272, "1.84", 136, 136), // 1.8382…
				rv(lc, "report-timeliness", 4, 272, "1.47", 136, 136),   // 1.4705…
			},
		},
		{
			// With the deadline on the 3rd, November is due by 5 December
			// and on time only for 古楼 (3 December); every October report
			// came after 3 November.
			name: "-deadline-day",
			args: append([]string{"-now", rulesBefore, "-deadline-day", "3", "-divisions", "371502", "-indicators", "report-completeness,report-timeliness"}, q4...),
			want: []rulesRow{
				rv(dcf, "report-completeness", 5, 48, "10.42", 24, 24),
				rv(dcf, "report-timeliness", 1, 48, "2.08", 24, 24), // 2.0833…
			},
		},
		{
			// The children's stocks of the latest due month of each
			// township that reported, the others left out: as of 5
			// December October, 3,008 + 1,700 + 55 of 3,120 + 1,800 + 60;
			// as of 11 December November for 古楼 and 柳园 and still
			// October for 新区, 3,010 + 1,720 + 55 of 3,125 + 1,805 + 60.
			name: "stocks of the latest due month, before the deadline",
			args: append([]string{"-now", rulesBefore, "-divisions", "371502,3715", "-indicators", "child-health-management-rate"}, q4...),
			want: []rulesRow{
				rv(dcf, "child-health-management-rate", 4763, 4980, "95.64", 3, 24).target("85", false, met), // 95.6425…
				rv(lc, "child-health-management-rate", 4763, 4980, "95.64", 3, 136).target("85", false, met),
			},
		},
		{
			name: "stocks of the latest due month, after the deadline",
			args: append([]string{"-now", rulesAfter, "-divisions", "371502,3715", "-indicators", "child-health-management-rate"}, q4...),
			want: []rulesRow{
				rv(dcf, "child-health-management-rate", 4785, 4990, "95.89", 3, 24).target("85", false, met), // 95.8917…
				rv(lc, "child-health-management-rate", 4785, 4990, "95.89", 3, 136).target("85", false, met),
			},
		},
		{
			// 古楼's November report leaves out elderly-managed: its rate
			// takes both stocks from October, 4,130 of 5,662 (72.942…%),
			// not October's 4,130 over November's 5,700. 东昌府区 adds
			// 柳园's November, 3,050 of 4,510, and 新区's October, 100 of
			// 150: 7,280 of 10,322 (70.528…%).
			name: "a stock rate whose numerator is missing in the last month",
			args: append([]string{"-now", rulesAfter, "-divisions", "371502001,371502", "-indicators", "elderly-health-management-rate"}, q4...),
			want: []rulesRow{
				rv(gulou, "elderly-health-management-rate", 4130, 5662, "72.94", 1, 1),
				rv(dcf, "elderly-health-management-rate", 7280, 10322, "70.53", 3, 24),
			},
		},
		{
			// For November alone 古楼 has no elderly-managed: no data, not
			// 0.00%.
			name:  "a stock missing in the only month",
			args:  []string{"-now", rulesAfter, "-divisions", "371502001,371502", "-indicators", "elderly-health-management-rate,child-health-management-rate", "-period", "202511"},
			files: []string{"quarter.json"},
			want: []rulesRow{
				noData(gulou, "elderly-health-management-rate", 1),
				rv(gulou, "child-health-management-rate", 3010, 3125, "96.32", 1, 1).target("85", false, met),
				// 柳园 alone reported elderly-managed for November: 3,050
				// of 4,510 (67.627…%).
				rv(dcf, "elderly-health-management-rate", 3050, 4510, "67.63", 1, 24),
				// 3,010 + 1,720 of 3,125 + 1,805 (95.943…%).
				rv(dcf, "child-health-management-rate", 4730, 4930, "95.94", 2, 24).target("85", false, met),
			},
		},
		{
			// As of 11 December: lectures, a flow of monthly reports, need
			// a value for each due month. 古楼 has 2 + 1 lectures and 1
			// health centre; 柳园 left lectures out of November and 新区
			// sent no November report: both are skipped. Activities, a
			// count of records, are 0 where none was held: 古楼 1
			// (October), 柳园 1 (November), 新区 0.
			name: "a flow with a missing month: skipped, or zero",
			args: append([]string{"-now", rulesAfter, "-divisions", "371502001,371502002,371502003,371502", "-indicators", "lectures-per-institution,activities-held"}, q4...),
			want: []rulesRow{
				rv(gulou, "lectures-per-institution", 3, 1, "3.0", 1, 1),
				rv(gulou, "activities-held", 1, 1, "1", 1, 1),
				noData(liuyuan, "lectures-per-institution", 1),
				rv(liuyuan, "activities-held", 1, 1, "1", 1, 1),
				noData(xinqu, "lectures-per-institution", 1),
				rv(xinqu, "activities-held", 0, 1, "0", 1, 1),
				rv(dcf, "lectures-per-institution", 3, 1, "3.0", 1, 24),
				rv(dcf, "activities-held", 2, 1, "2", 3, 24), // the three townships that report
			},
		},
		{
			// As of 5 December, October alone: 2 + 1 + 1 lectures for 3
			// health centres (1.333…).
			name: "a flow before the deadline",
			args: append([]string{"-now", rulesBefore, "-divisions", "371502", "-indicators", "lectures-per-institution"}, q4...),
			want: []rulesRow{
				rv(dcf, "lectures-per-institution", 4, 3, "1.3", 3, 24),
			},
		},
		{
			// 新区: 1,200 users of 1,000 residents, 120%: kept and flagged.
			// 东昌府区: 9,783 + 8,000 + 1,200 of 31,465 + 28,000 + 1,000
			// (31.395…%), not flagged.
			name: "a rate above its maximum",
			args: append([]string{"-now", rulesBefore, "-divisions", "371502003,371502", "-indicators", "health-service-utilisation-rate"}, q4...),
			want: []rulesRow{
				rv(xinqu, "health-service-utilisation-rate", 1200, 1000, "120.00", 1, 1).flagged("indicator.aboveMaximum"),
				rv(dcf, "health-service-utilisation-rate", 18983, 60465, "31.40", 3, 24),
			},
		},
		{
			// Counties report: 聊城 expects its 8 counties, of which
			// 东昌府区 reported October (through its townships) on time.
			// Its children's stocks are the sums of its townships'
			// October figures. 古楼, below the reporting level, is its own
			// reporting unit.
			name: "-reporting-level county",
			args: append([]string{"-now", rulesBefore, "-reporting-level", "county", "-divisions", "3715,371502,371502001", "-indicators", "report-completeness,child-health-management-rate"}, q4...),
			want: []rulesRow{
				rv(lc, "report-completeness", 1, 8, "12.50", 8, 8),
				rv(lc, "child-health-management-rate", 4763, 4980, "95.64", 1, 8).target("85", false, met),
				rv(dcf, "report-completeness", 1, 1, "100.00", 1, 1),
				rv(dcf, "child-health-management-rate", 4763, 4980, "95.64", 1, 1).target("85", false, met),
				rv(gulou, "report-completeness", 1, 1, "100.00", 1, 1),
				rv(gulou, "child-health-management-rate", 3008, 3120, "96.41", 1, 1).target("85", false, met),
			},
		},
		{
			// Expected: 古楼, 柳园, 湖西 (never reports), 2 months each as
			// of 11 December: 6. Received: 古楼 and 柳园 for both months,
			// 4; on time: all but 柳园's October, 3. 新区 is not listed:
			// its figures count for itself, but not as expected, so the
			// children's rate adds its October, with 2 of the 3 expected
			// contributing.
			name: "-reporters",
			args: append([]string{"-now", rulesAfter, "-reporters", rulesFile("reporters.txt"), "-divisions", "371502,3715", "-indicators", "report-completeness,report-timeliness,child-health-management-rate"}, q4...),
			want: []rulesRow{
				rv(dcf, "report-completeness", 4, 6, "66.67", 3, 3),
				rv(dcf, "report-timeliness", 3, 6, "50.00", 3, 3),
				rv(dcf, "child-health-management-rate", 4785, 4990, "95.89", 2, 3).target("85", false, met),
				rv(lc, "report-completeness", 4, 6, "66.67", 3, 3),
				rv(lc, "report-timeliness", 3, 6, "50.00", 3, 3),
				rv(lc, "child-health-management-rate", 4785, 4990, "95.89", 2, 3).target("85", false, met),
			},
		},
		{
			// As of 15 November January to October are due: 12 lectures a
			// year pro-rated to 10 months is 10, met by 古楼's 10.
			name:  "a pro-rated yearly target",
			args:  []string{"-now", "2025-11-15T00:00:00+08:00", "-divisions", "371502001,371502", "-period", "2025", "-indicators", "lectures-per-institution"},
			files: []string{"year.ndjson"},
			want: []rulesRow{
				rv(gulou, "lectures-per-institution", 10, 1, "10.0", 1, 1).target("10", true, met),
				rv(dcf, "lectures-per-institution", 10, 1, "10.0", 1, 24).target("10", true, met),
			},
		},
		{
			// As of 11 January 2026 the whole year is due against the
			// whole target; November and December never came, so 古楼 is
			// skipped.
			name:  "a yearly target once the year is due",
			args:  []string{"-now", "2026-01-11T00:00:00+08:00", "-divisions", "371502001", "-period", "2025", "-indicators", "lectures-per-institution"},
			files: []string{"year.ndjson"},
			want: []rulesRow{
				noData(gulou, "lectures-per-institution", 1).target("12", false, nil),
			},
		},
		{
			name:  "one JSON document",
			args:  []string{"-now", rulesBefore, "-divisions", "371502001", "-period", "202510", "-indicators", "child-health-management-rate"},
			files: []string{"single.json"},
			want: []rulesRow{
				rv(gulou, "child-health-management-rate", 3008, 3120, "96.41", 1, 1).target("85", false, met),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := tt.files
			if files == nil {
				files = []string{"quarter.json"}
			}
			got := rulesRun(t, tt.args, files...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

// A month reported early: as of 5 December the November reports of 古楼
// and 柳园 are in, but November is not due; its figures have no value.
func TestIndicatorsRulesEarlyMonth(t *testing.T) {
	got := rulesRun(t, []string{"-now", rulesBefore, "-divisions", "371502001,371502", "-period", "202511",
		"-indicators", "child-health-management-rate,report-completeness"}, "quarter.json")
	want := []rulesRow{
		noData(gulou, "child-health-management-rate", 1).target("85", false, nil),
		noData(gulou, "report-completeness", 1),
		noData(dcf, "child-health-management-rate", 24).target("85", false, nil),
		noData(dcf, "report-completeness", 24),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}

	// As of 11 December November is due.
	got = rulesRun(t, []string{"-now", rulesAfter, "-divisions", "371502001,371502", "-period", "202511",
		"-indicators", "child-health-management-rate,report-completeness"}, "quarter.json")
	met := rulesBool(true)
	want = []rulesRow{
		rv(gulou, "child-health-management-rate", 3010, 3125, "96.32", 1, 1).target("85", false, met),
		rv(gulou, "report-completeness", 1, 1, "100.00", 1, 1),
		rv(dcf, "child-health-management-rate", 4730, 4930, "95.94", 2, 24).target("85", false, met),
		rv(dcf, "report-completeness", 2, 24, "8.33", 24, 24),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows as of %s (-want +got):\n%s", rulesAfter, diff)
	}
}

// The table and the csv of the rules, in the three languages: thousands
// separators, no denominator for counts, coverage marked when partial,
// flags with their message, pro-rated targets.
func TestIndicatorsRulesPresentation(t *testing.T) {
	flagged := []string{"indicators", "-now", rulesBefore, "-divisions", "371502003,371502", "-period", "2025Q4",
		"-indicators", "health-service-utilisation-rate,activities-held"}
	prorated := []string{"indicators", "-now", "2025-11-15T00:00:00+08:00", "-divisions", "371502001,371502", "-period", "2025",
		"-indicators", "lectures-per-institution"}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"flagged zh-Hans", rulesArgs(flagged, "quarter.json", "-lang", "zh-Hans"), `
区划代码      区划名称  指标代码                         指标名称              分子    分母  指标值   覆盖单位  目标值  达标  提示
371502003000  新区街道  health-service-utilisation-rate  社区卫生服务利用率   1,200   1,000  120.00        1/1                [1]
371502003000  新区街道  activities-held                  健康教育活动次数         0               0        1/1
371502000000  东昌府区  health-service-utilisation-rate  社区卫生服务利用率  18,983  60,465   31.40  部分 3/24
371502000000  东昌府区  activities-held                  健康教育活动次数         2               2  部分 3/24
覆盖单位：参与计算的单位数/应报单位数；标“部分”的指标值仅来自部分应报单位，不代表全辖区。
[1] 新区街道（371502003000）：指标“社区卫生服务利用率”的值120.00超过上限100，请核对所用数据
报告期 2025Q4；跳过 0 条记录
`},
		{"flagged zh-Hant", rulesArgs(flagged, "quarter.json", "-lang", "zh-Hant"), `
區劃代碼      區劃名稱  指標代碼                         指標名稱              分子    分母  指標值   覆蓋單位  目標值  達標  提示
371502003000  新区街道  health-service-utilisation-rate  社區衛生服務利用率   1,200   1,000  120.00        1/1                [1]
371502003000  新区街道  activities-held                  健康教育活動次數         0               0        1/1
371502000000  东昌府区  health-service-utilisation-rate  社區衛生服務利用率  18,983  60,465   31.40  部分 3/24
371502000000  东昌府区  activities-held                  健康教育活動次數         2               2  部分 3/24
覆蓋單位：參與計算的單位數/應報單位數；標「部分」的指標值僅來自部分應報單位，不代表全轄區。
[1] 新区街道（371502003000）：指標「社區衛生服務利用率」的值 120.00 超過上限 100，請核對所用資料
報告期 2025Q4；略過 0 筆記錄
`},
		{"flagged en", rulesArgs(flagged, "quarter.json", "-lang", "en"), `
division      division name  indicator                        name                                       numerator  denominator   value      coverage  target  met  flags
371502003000  新区街道       health-service-utilisation-rate  community health service utilisation rate      1,200        1,000  120.00           1/1               [1]
371502003000  新区街道       activities-held                  health education activities held                   0                    0           1/1
371502000000  东昌府区       health-service-utilisation-rate  community health service utilisation rate     18,983       60,465   31.40  partial 3/24
371502000000  东昌府区       activities-held                  health education activities held                   2                    2  partial 3/24
coverage: divisions counted / divisions expected to report; "partial": the value comes from part of the expected divisions only, not the whole area.
[1] 新区街道 (371502003000): The value 120.00 of indicator "community health service utilisation rate" exceeds its maximum 100: check the figures it comes from
period 2025Q4; 0 records skipped
`},
		{"flagged csv", rulesArgs(flagged, "quarter.json", "-format", "csv"), `
division,divisionName,indicator,indicatorName,numerator,denominator,value,reason,target,direction,met,reporting,expected,flags,targetProrated
371502003000,新区街道,health-service-utilisation-rate,社区卫生服务利用率,1200,1000,120.00,,,,,1,1,indicator.aboveMaximum,false
371502003000,新区街道,activities-held,健康教育活动次数,0,,0,,,,,1,1,,false
371502000000,东昌府区,health-service-utilisation-rate,社区卫生服务利用率,18983,60465,31.40,,,,,3,24,,false
371502000000,东昌府区,activities-held,健康教育活动次数,2,,2,,,,,3,24,,false
`},
		{"pro-rated zh-Hans", rulesArgs(prorated, "year.ndjson", "-lang", "zh-Hans"), `
区划代码      区划名称  指标代码                  指标名称                  分子  分母  指标值   覆盖单位           目标值  达标  提示
371502001000  古楼街道  lectures-per-institution  机构年均健康知识讲座次数    10     1    10.0        1/1  >= 10（按进度）  是
371502000000  东昌府区  lectures-per-institution  机构年均健康知识讲座次数    10     1    10.0  部分 1/24  >= 10（按进度）  是
覆盖单位：参与计算的单位数/应报单位数；标“部分”的指标值仅来自部分应报单位，不代表全辖区。
按进度：年度目标按报告期内已到期月份折算。
报告期 2025；跳过 0 条记录
`},
		{"pro-rated zh-Hant", rulesArgs(prorated, "year.ndjson", "-lang", "zh-Hant"), `
區劃代碼      區劃名稱  指標代碼                  指標名稱                  分子  分母  指標值   覆蓋單位           目標值  達標  提示
371502001000  古楼街道  lectures-per-institution  機構年均健康知識講座次數    10     1    10.0        1/1  >= 10（按進度）  是
371502000000  东昌府区  lectures-per-institution  機構年均健康知識講座次數    10     1    10.0  部分 1/24  >= 10（按進度）  是
覆蓋單位：參與計算的單位數/應報單位數；標「部分」的指標值僅來自部分應報單位，不代表全轄區。
按進度：年度目標按報告期內已到期月份折算。
報告期 2025；略過 0 筆記錄
`},
		{"pro-rated en", rulesArgs(prorated, "year.ndjson", "-lang", "en"), `
division      division name  indicator                 name                               numerator  denominator  value      coverage             target  met  flags
371502001000  古楼街道       lectures-per-institution  health lectures per health centre         10            1   10.0           1/1  >= 10 (pro-rated)  yes
371502000000  东昌府区       lectures-per-institution  health lectures per health centre         10            1   10.0  partial 1/24  >= 10 (pro-rated)  yes
coverage: divisions counted / divisions expected to report; "partial": the value comes from part of the expected divisions only, not the whole area.
pro-rated: the yearly target scaled to the months of the period that are due.
period 2025; 0 records skipped
`},
		{"pro-rated csv", rulesArgs(prorated, "year.ndjson", "-format", "csv", "-lang", "en"), `
division,divisionName,indicator,indicatorName,numerator,denominator,value,reason,target,direction,met,reporting,expected,flags,targetProrated
371502001000,古楼街道,lectures-per-institution,health lectures per health centre,10,1,10.0,,10,>=,true,1,1,,true
371502000000,东昌府区,lectures-per-institution,health lectures per health centre,10,1,10.0,,10,>=,true,1,24,,true
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := indicatorsCommand(t, tt.args...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr:\n%s", code, errOut)
			}
			if diff := cmp.Diff(strings.TrimPrefix(tt.want, "\n"), out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

// The rows of a division are the same whether it is computed alone, from
// records that hold other divisions' reports too, or beside a division
// that contains them all; a village below the reporting level is its own
// reporting unit.
func TestIndicatorsRulesAlone(t *testing.T) {
	files := indicatorsFiles()
	rowsOf := func(divisions string) map[string]string {
		args := append([]string{"indicators", "-now", indicatorsNow, "-divisions", divisions, "-period", "2025Q3", "-format", "csv"}, files...)
		out, errOut, code := indicatorsCommand(t, args...)
		if code != exitOK {
			t.Fatalf("exit %d, stderr:\n%s", code, errOut)
		}
		rows := make(map[string]string)
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			f := strings.SplitN(l, ",", 4)
			rows[f[0]+" "+f[2]] = l
		}
		return rows
	}
	alone, beside := rowsOf("371502001,371502"), rowsOf("3715,371502001,371502")
	if len(alone) == 0 {
		t.Fatal("no rows")
	}
	for k, v := range alone {
		if diff := cmp.Diff(beside[k], v); diff != "" {
			t.Errorf("%s alone (-beside 3715 +alone):\n%s", k, diff)
		}
	}

	// A village with reports of its own for September and October: as of
	// 5 December October is due, and the village is expected as its own
	// reporting unit, part of 古楼街道's.
	var records bytes.Buffer
	for _, r := range [][2]string{{"202509", "2025-10-05"}, {"202510", "2025-11-05"}} {
		records.WriteString(`{"schemaVersion":"1","kind":"monthlyReport","id":"MR-371502001001-` + r[0] + `","division":"371502001001","period":"` + r[0] +
			`","submittedAt":"` + r[1] + `T10:00:00+08:00","values":[{"element":"children-0-6","value":100},{"element":"children-0-6-managed","value":90}]}` + "\n")
	}
	var out, errOut bytes.Buffer
	code := run([]string{"indicators", "-now", rulesBefore, "-divisions", "371502001001,371502001", "-period", "2025Q4",
		"-indicators", "report-completeness,child-health-management-rate", "-format", "csv", "-lang", "en", "-"}, &records, &out, &errOut)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
	}
	want := `division,divisionName,indicator,indicatorName,numerator,denominator,value,reason,target,direction,met,reporting,expected,flags,targetProrated
371502001001,,report-completeness,monthly report completeness,1,1,100.00,,,,,1,1,,false
371502001001,,child-health-management-rate,0–6 child health management rate,90,100,90.00,,85,>=,true,1,1,,false
371502001000,古楼街道,report-completeness,monthly report completeness,1,1,100.00,,,,,1,1,,false
371502001000,古楼街道,child-health-management-rate,0–6 child health management rate,90,100,90.00,,85,>=,true,1,1,,false
`
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("a village and its township (-want +got):\n%s", diff)
	}
}
