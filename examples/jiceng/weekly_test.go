package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var weeklyUpdate = flag.Bool("weekly.update", false, "rewrite the fixtures and golden files of the weekly command")

// weeklyDir holds the fixtures and golden files of "jiceng weekly".
var weeklyDir = filepath.Join("testdata", "weekly")

// The fixtures, each for a week, with the -now of its tests: a few days
// after the week.
var weeklyCases = []struct {
	name      string
	files     []string
	week, now string
}{
	{"week44", []string{"week44.ndjson", "week44-updates.ndjson"}, "2025W44", "2025-11-05T12:00:00+08:00"}, // 27 October – 2 November 2025: two months
	{"week1", []string{"week1.ndjson"}, "2025W1", "2025-01-08T12:00:00+08:00"},                             // 30 December 2024 – 5 January 2025: two years
}

// The institution of the fixtures.
var weeklyGulouCentre = complianceCreditCode("12371502MB2850000") // 古楼街道社区卫生服务中心

// The wire form of a rectification item.
type (
	fxActor struct {
		Division string `json:"division"`
		Role     string `json:"role,omitempty"`
		ID       string `json:"id"`
	}
	fxEvent struct {
		At     string  `json:"at"`
		Status string  `json:"status"`
		Actor  fxActor `json:"actor"`
		Note   string  `json:"note,omitempty"`
	}
	fxItem struct {
		fxHeader
		Division string `json:"division"`
		Source   struct {
			Type   string `json:"type"`
			Period string `json:"period,omitempty"`
			Date   string `json:"date,omitempty"`
		} `json:"source"`
		Problem string `json:"problem"`
		Finding *struct {
			Code   string            `json:"code"`
			Params map[string]string `json:"params,omitempty"`
		} `json:"finding,omitempty"`
		Indicator string `json:"indicator,omitempty"`
		Owner     struct {
			CreditCode string `json:"creditCode,omitempty"`
			Name       string `json:"name,omitempty"`
			Role       string `json:"role,omitempty"`
		} `json:"owner"`
		Deadline string    `json:"deadline"`
		Status   string    `json:"status"`
		History  []fxEvent `json:"history"`
	}
)

// weeklyFixtures returns the fixtures, a file for each week, as a county's
// platform holds them for 古楼街道 (371502001) and, beside it, 柳园街道
// (371502002, outside -under 371502001):
//
// week44.ndjson, for 2025W44 (Monday 27 October to Sunday 2 November
// 2025, two months):
//   - the monthly reports of 古楼街道 from October 2024 to September 2025
//     but August 2025, which is overdue; its children managed fall to
//     83.3% in September, below the 85% target; one report of 柳园街道;
//   - activities of 古楼街道 on Sunday 26 October (the week before), in
//     the week on 28 and 31 October, 1 and 2 November (20:00), and on
//     Monday 3 November (the week after); one of 柳园街道 in the week;
//     one that ends before it starts (rejected);
//   - rectification items: the missing August report, open past its
//     deadline of 10 October (overdue 24 days); a bulletin board found
//     stale by an inspection, rectified on 20 October and verified on
//     30 October (closed in the week), sent as the item and then its
//     update; a shortfall of lectures found by the compliance check on
//     28 October (new), then rectifying from 31 October; September's
//     children below target, open, due 10 November (in no section), then
//     an update that changes its source (refused: ledger.immutable); an
//     item of 柳园街道 opened in the week (outside), and one of 古楼街道
//     opened on 3 November (after the week).
//
// week44-updates.ndjson holds the updates: a stream holds one version of
// a record (document.conflictingId), so that a platform's updates come
// in a later file.
//
// week1.ndjson, for 2025W1 (Monday 30 December 2024 to Sunday 5 January
// 2025, the first week of 2025):
//   - the monthly reports of 古楼街道 from December 2023 to November 2024
//     but October 2024 (overdue); nothing of 2025 is due yet;
//   - activities on 29 December (the week before), 30 December and
//     3 January;
//   - items: one overdue since its deadline of 31 December, one verified
//     on 4 January, one opened on 2 January.
func weeklyFixtures(t testing.TB) map[string][]byte {
	line := func(b *bytes.Buffer, v any) {
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	report := func(b *bytes.Buffer, division string, y int, m time.Month, managed int) {
		next := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
		line(b, fxReport{
			fxHeader:    fxHead("monthlyReport", fmt.Sprintf("MR-%s-%04d%02d", division, y, m)),
			Division:    division,
			Period:      fmt.Sprintf("%04d%02d", y, m),
			SubmittedAt: fxTime(next.Year(), next.Month(), 5, 9, 0),
			Values: []fxValue{
				{"children-0-6", 3120}, {"children-0-6-managed", managed},
				{"hypertension-managed", 4000}, {"hypertension-standard-managed", 2600},
				{"diabetes-managed", 1500}, {"diabetes-standard-managed", 850},
				{"health-centres", 1}, {"lectures", 1}, {"lecture-participants", 60}, {"consultations", 1},
			},
		})
	}
	seq := 0
	liuyuanCentre := fxOrganizer{CreditCode: complianceCreditCode("12371502MB2850019"), Name: "聊城市东昌府区柳园街道社区卫生服务中心", Type: "community-health-center", Division: "371502002"}
	activity := func(b *bytes.Buffer, division, form string, start time.Time, participants int, edit func(*complianceFxActivity)) {
		seq++
		a := complianceFxActivity{
			fxHeader:     fxHead("activity", fmt.Sprintf("ACT-W-%03d", seq)),
			Title:        "健康教育活动",
			Organizer:    fxOrganizer{CreditCode: weeklyGulouCentre, Name: "聊城市东昌府区古楼街道社区卫生服务中心", Type: "community-health-center", Division: "371502001"},
			Division:     division,
			Form:         form,
			Topics:       []string{"chronic-disease"},
			TargetGroups: []string{"general"},
			Start:        start.Format(time.RFC3339),
			End:          start.Add(90 * time.Minute).Format(time.RFC3339),
			Participants: participants,
		}
		a.Venue.Type, a.Venue.Name = "health-education-point", "古楼街道健康宣教点"
		if edit != nil {
			edit(&a)
		}
		line(b, a)
	}
	cst := func(y int, m time.Month, d, h int) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("CST", 8*3600))
	}
	county := fxActor{Division: "371502", Role: "county-health-commission", ID: "dcf-wang"}
	platform := fxActor{Division: "371502", Role: "platform", ID: "jiceng-propose"}
	gulou := fxActor{Division: "371502001", Role: "community-health-centre", ID: "gl-li"}
	item := func(id, division, source, period, problem, deadline string, events ...fxEvent) fxItem {
		it := fxItem{fxHeader: fxHead("rectification", id), Division: division, Problem: problem, Deadline: deadline, History: events}
		it.Source.Type = source
		if len(period) == len("2025-10-01") {
			it.Source.Date = period
		} else {
			it.Source.Period = period
		}
		it.Owner.Name, it.Owner.Role = "古楼街道社区卫生服务中心", "community-health-centre"
		it.Status = events[len(events)-1].Status
		return it
	}
	finding := func(it *fxItem, code string, params map[string]string) {
		it.Finding = &struct {
			Code   string            `json:"code"`
			Params map[string]string `json:"params,omitempty"`
		}{code, params}
	}
	ev := func(at time.Time, status string, a fxActor, note string) fxEvent {
		return fxEvent{At: at.Format(time.RFC3339), Status: status, Actor: a, Note: note}
	}

	// 2025W44.
	var w44 bytes.Buffer
	for m := 0; m < 12; m++ {
		y, month := 2024, time.October+time.Month(m)
		if month > 12 {
			y, month = 2025, month-12
		}
		if y == 2025 && month == time.August {
			continue
		}
		managed := 2700
		if y == 2025 && month == time.September {
			managed = 2600
		}
		report(&w44, "371502001", y, month, managed)
	}
	report(&w44, "371502002", 2025, time.September, 2900)
	activity(&w44, "371502001", "lecture", cst(2025, 10, 26, 9), 50, nil)
	activity(&w44, "371502001", "lecture", cst(2025, 10, 28, 9), 60, nil)
	activity(&w44, "371502001001", "consultation", cst(2025, 10, 31, 14), 120, nil)
	activity(&w44, "371502001", "free-clinic", cst(2025, 11, 1, 9), 200, nil)
	activity(&w44, "371502001", "lecture", cst(2025, 11, 2, 20), 45, nil)
	activity(&w44, "371502001", "lecture", cst(2025, 11, 3, 9), 55, nil)
	activity(&w44, "371502002", "lecture", cst(2025, 10, 29, 9), 70, func(a *complianceFxActivity) { a.Organizer = liuyuanCentre })
	activity(&w44, "371502001", "lecture", cst(2025, 10, 30, 9), 40, func(a *complianceFxActivity) {
		a.End = cst(2025, 10, 30, 8).Format(time.RFC3339) // rejected: ends before it starts
	})

	missingAug := item("auto-202508-371502001000-m-report-completeness", "371502001000", "monthlyNotification", "202508",
		"202508月报应报1份，缺报1份，请尽快补报", "2025-10-10", ev(cst(2025, 9, 11, 0), "open", platform, ""))
	missingAug.Indicator = "report-completeness"
	finding(&missingAug, "ledger.reportMissing", map[string]string{"period": "202508", "missing": "1", "expected": "1"})
	line(&w44, missingAug)

	board := item("dcf-insp-2025-031", "371502001", "inspection", "2025-09-20", "社区广场宣传栏内容超过两个月未更换", "2025-10-31",
		ev(cst(2025, 9, 20, 15), "open", county, "督导检查发现"))
	line(&w44, board)
	var updates bytes.Buffer // a second file: a stream holds one version of a record
	board.History = append(board.History,
		ev(cst(2025, 10, 20, 10), "rectified", gulou, "已更换为秋冬季传染病防控内容"),
		ev(cst(2025, 10, 30, 16), "verified", county, "现场核验通过，予以销号"))
	board.Status = "verified"
	line(&updates, board)

	lectures := item("auto-202509-"+weeklyGulouCentre+"-c-lectures", "371502001", "complianceCheck", "202509",
		"本年度举办健康知识讲座8次，少于规范要求的9次（全年不少于12次，按已过9个月折算）", "2025-11-30",
		ev(cst(2025, 10, 28, 9), "open", county, ""))
	finding(&lectures, "compliance.lectures", map[string]string{"value": "8", "required": "9", "norm": "12", "months": "9"})
	lectures.Owner.CreditCode = weeklyGulouCentre
	line(&w44, lectures)
	lectures.History = append(lectures.History, ev(cst(2025, 10, 31, 10), "rectifying", gulou, "已安排11月讲座两场"))
	lectures.Status = "rectifying"
	line(&updates, lectures)

	below := item("auto-202509-371502001000-t-child-health-management-rate", "371502001000", "monthlyNotification", "202509",
		"202509“0～6岁儿童健康管理率”为83.33，未达到目标值（≥85），差距-1.67", "2025-11-10", ev(cst(2025, 10, 11, 0), "open", platform, ""))
	below.Indicator = "child-health-management-rate"
	finding(&below, "ledger.belowTarget", map[string]string{"indicator": "child-health-management-rate", "period": "202509",
		"value": "83.33", "direction": "≥", "target": "85", "gap": "-1.67"})
	line(&w44, below)
	moved := below
	moved.Source.Period = "202510"
	line(&updates, moved) // refused: the source of an item does not change

	liuyuan := item("dcf-insp-2025-033", "371502002", "inspection", "2025-10-29", "健康宣教点资料架空置", "2025-11-15",
		ev(cst(2025, 10, 29, 15), "open", county, ""))
	liuyuan.Owner.Name = "柳园街道社区卫生服务中心"
	line(&w44, liuyuan)
	line(&w44, item("dcf-insp-2025-035", "371502001", "inspection", "2025-11-03", "讲座签到表缺少参与人数", "2025-11-20",
		ev(cst(2025, 11, 3, 10), "open", county, "")))

	// 2025W1.
	var w1 bytes.Buffer
	for m := 0; m < 12; m++ {
		y, month := 2023, time.December+time.Month(m)
		if month > 12 {
			y, month = 2024, month-12
		}
		if y == 2024 && month == time.October {
			continue
		}
		report(&w1, "371502001", y, month, 2750)
	}
	activity(&w1, "371502001", "lecture", cst(2024, 12, 29, 9), 50, nil)
	activity(&w1, "371502001", "lecture", cst(2024, 12, 30, 9), 65, nil)
	activity(&w1, "371502001001", "consultation", cst(2025, 1, 3, 14), 90, nil)

	missingOct := item("auto-202410-371502001000-m-report-completeness", "371502001000", "monthlyNotification", "202410",
		"202410月报应报1份，缺报1份，请尽快补报", "2024-12-31", ev(cst(2024, 12, 11, 0), "open", platform, ""))
	missingOct.Indicator = "report-completeness"
	finding(&missingOct, "ledger.reportMissing", map[string]string{"period": "202410", "missing": "1", "expected": "1"})
	line(&w1, missingOct)
	winter := item("dcf-insp-2024-052", "371502001", "inspection", "2024-12-16", "冬季呼吸道传染病宣传资料未更新", "2024-12-31",
		ev(cst(2024, 12, 16, 15), "open", county, ""),
		ev(cst(2024, 12, 27, 10), "rectified", gulou, ""),
		ev(cst(2025, 1, 4, 11), "verified", county, ""))
	line(&w1, winter)
	line(&w1, item("dcf-wd-2025w01-001", "371502001", "weeklyDispatch", "2025W1", "元旦期间健康宣教活动安排未报送", "2025-01-10",
		ev(cst(2025, 1, 2, 9), "open", county, "")))

	return map[string][]byte{"week44.ndjson": w44.Bytes(), "week44-updates.ndjson": updates.Bytes(), "week1.ndjson": w1.Bytes()}
}

// TestWeeklyFixtures checks that the committed fixtures are those
// weeklyFixtures writes; -weekly.update rewrites them.
func TestWeeklyFixtures(t *testing.T) {
	for name, want := range weeklyFixtures(t) {
		path := filepath.Join(weeklyDir, name)
		if *weeklyUpdate {
			if err := os.MkdirAll(weeklyDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestWeeklyFixtures -weekly.update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what weeklyFixtures writes (run go test -run TestWeeklyFixtures -weekly.update)", path)
		}
	}
}

// weeklyRun runs "jiceng weekly" over the fixture of case i, with its
// -now and -period, and args.
func weeklyRun(t *testing.T, i int, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	c := weeklyCases[i]
	all := append([]string{"weekly", "-now", c.now, "-period", c.week}, args...)
	for _, f := range c.files {
		all = append(all, filepath.Join(weeklyDir, f))
	}
	return indicatorsCommand(t, all...)
}

// TestWeeklyGolden runs the command over 古楼街道 for each week, in each
// format and language, and compares the output with the golden files;
// -weekly.update rewrites them.
func TestWeeklyGolden(t *testing.T) {
	for i, c := range weeklyCases {
		for _, format := range weeklyFormats {
			for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
				t.Run(c.week+"/"+format+"/"+lang, func(t *testing.T) {
					out, errOut, code := weeklyRun(t, i, "-under", "371502001", "-format", format, "-lang", lang)
					if code != exitOverdue {
						t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitOverdue, errOut)
					}
					golden := filepath.Join(weeklyDir, c.name+"-"+format+"-"+lang+".golden")
					if *weeklyUpdate {
						if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(string(want), out); diff != "" {
						t.Errorf("output (-want +got):\n%s", diff)
					}
				})
			}
		}
	}
}

// weeklyDoc is the JSON output, as a client reads it: the library's
// dispatch, whether the week was in progress, and the names.
type weeklyDoc struct {
	Week       string `json:"week"`
	Under      string `json:"under"`
	From       string `json:"from"`
	To         string `json:"to"`
	AsOf       string `json:"asOf"`
	Year       string `json:"year"`
	InProgress bool   `json:"inProgress"`
	Progress   []struct {
		Indicator string  `json:"indicator"`
		Division  string  `json:"division"`
		Period    string  `json:"period"`
		Value     *string `json:"value"`
		Met       *bool   `json:"met"`
		Reason    string  `json:"reason"`
	} `json:"progress"`
	OverdueReports []struct {
		Division, Month, Deadline string
		ThisWeek                  bool
	} `json:"overdueReports"`
	NewItems     []weeklyDocItem `json:"newItems"`
	OverdueItems []weeklyDocItem `json:"overdueItems"`
	ClosedItems  []weeklyDocItem `json:"closedItems"`
	Activities   struct {
		Activities, Participants int
		ByForm                   []struct {
			Form                     string
			Activities, Participants int
		}
	} `json:"activities"`
	Names struct {
		Divisions, Indicators, Forms, Sources, Statuses, Problems map[string]string
	} `json:"names"`
}

type weeklyDocItem struct {
	ID, Division, Status, Problem, Indicator string
	Source                                   struct{ Type string }
	DaysOverdue                              int
}

// weeklyNamed returns, as "code name", the names d gives its division,
// the indicator of its first overdue item, the source and status of its
// first new item, and the forms of its activities.
func weeklyNamed(d weeklyDoc) []string {
	n := d.Names
	out := []string{d.Under + " " + n.Divisions[d.Under]}
	if len(d.OverdueItems) > 0 {
		ind := d.OverdueItems[0].Indicator
		out = append(out, ind+" "+n.Indicators[ind])
	}
	if len(d.NewItems) > 0 {
		it := d.NewItems[0]
		out = append(out, it.Source.Type+" "+n.Sources[it.Source.Type], it.Status+" "+n.Statuses[it.Status])
	}
	for _, f := range d.Activities.ByForm {
		out = append(out, f.Form+" "+n.Forms[f.Form])
	}
	return out
}

func weeklyDecode(t *testing.T, out string) weeklyDoc {
	t.Helper()
	var d weeklyDoc
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return d
}

func weeklyIDs(items []weeklyDocItem) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, it.ID+" "+it.Status)
	}
	return ids
}

// TestWeeklyJSON checks the dispatch of each week against what the
// fixtures hold (see weeklyFixtures).
func TestWeeklyJSON(t *testing.T) {
	out, errOut, code := weeklyRun(t, 0, "-under", "371502001", "-format", "json", "-lang", "en")
	if code != exitOverdue {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	d := weeklyDecode(t, out)
	lectures := "auto-202509-" + weeklyGulouCentre + "-c-lectures"
	got := map[string]any{
		"week":     []string{d.Week, d.From, d.To, d.AsOf, d.Year, d.Under, d.Names.Divisions[d.Under], fmt.Sprint(d.InProgress)},
		"reports":  fmt.Sprint(d.OverdueReports),
		"names":    weeklyNamed(d),
		"new":      weeklyIDs(d.NewItems),
		"overdue":  weeklyIDs(d.OverdueItems),
		"days":     d.OverdueItems[0].DaysOverdue,
		"closed":   weeklyIDs(d.ClosedItems),
		"activity": fmt.Sprint(d.Activities),
	}
	want := map[string]any{
		"week":    []string{"2025W44", "2025-10-27", "2025-11-02", "2025-11-03T00:00:00+08:00", "2025", "371502001000", "古楼街道", "false"},
		"reports": "[{371502001000 202508 2025-09-10 false}]",
		"names": []string{"371502001000 古楼街道", "report-completeness monthly report completeness", "complianceCheck compliance check",
			"rectifying being rectified", "lecture health lecture", "free-clinic free clinic", "consultation public health consultation"},
		"new":      []string{lectures + " rectifying"},
		"overdue":  []string{"auto-202508-371502001000-m-report-completeness open"},
		"days":     24,
		"closed":   []string{"dcf-insp-2025-031 verified"},
		"activity": "{4 425 [{lecture 2 105} {free-clinic 1 200} {consultation 1 120}]}",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dispatch (-want +got):\n%s", diff)
	}
	if m := d.Names.Problems[d.NewItems[0].ID]; m != "8 health lectures this year, fewer than the 9 the norm asks (at least 12 a year, pro-rated to 9 months over)" {
		t.Errorf("message in English: %q", m)
	}
	if m := d.Names.Problems[d.OverdueItems[0].ID]; !strings.Contains(m, "202508") || strings.ContainsFunc(m, func(r rune) bool { return r >= '一' && r <= '龥' }) {
		t.Errorf("overdue item's message in English: %q", m)
	}
	// Progress: 古楼街道 alone (no village is in the registry), each
	// indicator with a target; children below target in September; the
	// flows of the year (lectures, consultations) lack August: no value.
	var rows []string
	for _, p := range d.Progress {
		met := "-"
		if p.Met != nil {
			met = fmt.Sprint(*p.Met)
		}
		rows = append(rows, p.Indicator+" "+met)
	}
	wantRows := []string{"child-health-management-rate false", "hypertension-standard-management-rate true",
		"diabetes-standard-management-rate false", "literacy-level -", "lectures-per-institution -", "consultations-per-institution -"}
	if diff := cmp.Diff(wantRows, rows); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	// Standard error: the rejected activity, the refused update, and the
	// count.
	for _, s := range []string{"activity.endBeforeStart", "ledger.immutable", `skipped an update of rectification "auto-202509-371502001000-t-child-health-management-rate"`,
		"skipped 1 rejected records, 0 records the indicators cannot use and 1 updates"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}

	// 2025W1 reports on 2025, of which nothing is due.
	out, errOut, code = weeklyRun(t, 1, "-under", "371502001", "-format", "json")
	if code != exitOverdue {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	d = weeklyDecode(t, out)
	got = map[string]any{
		"week":     []string{d.Week, d.From, d.To, d.Year},
		"reports":  fmt.Sprint(d.OverdueReports),
		"new":      weeklyIDs(d.NewItems),
		"overdue":  weeklyIDs(d.OverdueItems),
		"days":     d.OverdueItems[0].DaysOverdue,
		"closed":   weeklyIDs(d.ClosedItems),
		"activity": fmt.Sprint(d.Activities),
		"names":    weeklyNamed(d),
	}
	want = map[string]any{
		"week":     []string{"2025W1", "2024-12-30", "2025-01-05", "2025"},
		"reports":  "[{371502001000 202410 2024-11-10 false}]",
		"new":      []string{"dcf-wd-2025w01-001 open"},
		"overdue":  []string{"auto-202410-371502001000-m-report-completeness open"},
		"days":     6,
		"closed":   []string{"dcf-insp-2024-052 verified"},
		"activity": "{2 155 [{lecture 1 65} {consultation 1 90}]}",
		"names": []string{"371502001000 古楼街道", "report-completeness 月报完整率", "weeklyDispatch 周调度", "open 待整改",
			"lecture 健康知识讲座", "consultation 公众健康咨询活动"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2025W1 (-want +got):\n%s", diff)
	}
	for _, p := range d.Progress {
		if p.Period != "2025" || p.Value != nil {
			t.Errorf("2025W1 progress: %+v", p)
		}
	}
}

// TestWeeklyCSV checks the sections of the CSV output.
func TestWeeklyCSV(t *testing.T) {
	out, _, _ := weeklyRun(t, 0, "-under", "371502001", "-format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(weeklyCSVHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	sections := map[string]int{}
	for _, r := range rows[1:] {
		if len(r) != len(weeklyCSVHeader) {
			t.Errorf("row of %d columns: %v", len(r), r)
		}
		sections[r[0]]++
	}
	want := map[string]int{"progress": 6, "overdueReport": 1, "newItem": 1, "overdueItem": 1, "closedItem": 1, "activity": 3}
	if diff := cmp.Diff(want, sections); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

// TestWeeklyUnder checks -under: by default, the smallest division that
// holds every record (东昌府区, for 古楼街道 and 柳园街道), whose progress
// has a row for it and each of its townships; 柳园街道 alone.
func TestWeeklyUnder(t *testing.T) {
	out, errOut, _ := weeklyRun(t, 0, "-format", "json")
	d := weeklyDecode(t, out)
	if d.Under != "371502000000" || len(d.Progress) != 25*6 || len(d.NewItems) != 2 {
		t.Errorf("default -under: %s, %d progress rows, %d new items; stderr:\n%s", d.Under, len(d.Progress), len(d.NewItems), errOut)
	}
	out, _, _ = weeklyRun(t, 0, "-under", "371502002", "-format", "json")
	d = weeklyDecode(t, out)
	if len(d.NewItems) != 1 || d.NewItems[0].ID != "dcf-insp-2025-033" || d.Activities.Activities != 1 {
		t.Errorf("-under 371502002: %+v", d)
	}
}

// TestWeeklyExitCodes checks the exit statuses: 0 with nothing overdue,
// 1 with something overdue (the golden tests), 2 for errors, with nothing
// on standard output.
func TestWeeklyExitCodes(t *testing.T) {
	dir := t.TempDir()
	calm := filepath.Join(dir, "calm.ndjson")
	data, err := os.ReadFile(filepath.Join(weeklyDir, "week44.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, `"kind":"activity"`) && !strings.Contains(l, "ACT-W-008") {
			keep = append(keep, l)
		}
	}
	if err := os.WriteFile(calm, []byte(strings.Join(keep, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"nothing overdue", []string{"-now", "2025-11-05T12:00:00+08:00", "-period", "2025W44", "-under", "371502001", "-reporting-level", "village", calm}, exitOK},
		{"a month", []string{"-now", "2025-11-05T12:00:00+08:00", "-period", "202510", calm}, exitUsage},
		{"a week not begun", []string{"-now", "2025-11-05T12:00:00+08:00", "-period", "2025W46", calm}, exitUsage},
		{"no -period", []string{"-now", "2025-11-05T12:00:00+08:00", calm}, exitUsage},
		{"no file", []string{"-now", "2025-11-05T12:00:00+08:00", "-period", "2025W44"}, exitUsage},
	}
	for _, tt := range tests {
		out, errOut, code := indicatorsCommand(t, append([]string{"weekly"}, tt.args...)...)
		if code != tt.want {
			t.Errorf("%s: exit %d, want %d; stderr:\n%s", tt.name, code, tt.want, errOut)
		}
		if tt.want == exitUsage && out != "" {
			t.Errorf("%s: stdout:\n%s", tt.name, out)
		}
	}
	// A week in progress at -now: the table says so.
	out, _, _ := indicatorsCommand(t, "weekly", "-now", "2025-10-30T12:00:00+08:00", "-period", "2025W44", "-under", "371502001", "-reporting-level", "village", "-lang", "en", calm)
	if !strings.Contains(out, "The week is in progress: the records are those of 2025-10-30 12:00 (-now)") {
		t.Errorf("week in progress:\n%s", out)
	}
	if !slices.Contains(strings.Split(out, "\n"), "(none)") {
		t.Errorf("no empty section:\n%s", out)
	}
}
