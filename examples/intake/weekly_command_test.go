package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// TestSameWeeklyAsTheCommand feeds the same records to the command line,
// "jiceng weekly -format json", and to the intake's /v1/reports/weekly,
// and checks that the two documents are the same, member for member and
// byte for byte once the command's indentation is taken out: the weekly
// dispatch (周调度) is one document, reports.Weekly, whoever makes it.
//
// The records are those of three townships of 东阿县 371524, the expected
// reporters of both sides (the intake's configuration, the command's
// -reporters): their monthly reports of 202409 to 202510, each submitted
// to the intake at the submittedAt it holds, so that both judge it on time
// or late alike (新城街道's of 202411, 202509 and 202510 and 刘集镇's of
// 202508 never come; 铜城街道's of 202507 comes late); activities around
// the weeks, one in 古楼街道, outside 东阿县; and the rectification items
// (kind rectification) of the ledger: one proposed for a missing report,
// with its finding; one overdue, stored by the county and again by the
// township with its rectifying, which the command reads as an update in
// a later file; one verified in 2025W44; one opened in 2025W46; one of
// 古楼街道, stored by 聊城市. Each record is one the command's validator
// accepts.
//
// Both have the same clock, Wednesday 12 November 2025 noon: 2025W1 (two
// years), 2025W44 (two months) and 2025W45 are over, 2025W46 is in
// progress, and October's reports fell due in it. Each week is asked of
// 东阿县 and of 聊城市, in each language.
func TestSameWeeklyAsTheCommand(t *testing.T) {
	now := time.Date(2025, 11, 12, 12, 0, 0, 0, healthedu.ChinaStandardTime)
	h := newHarness(t, openTestSQLite(t), func(c *config) { c.Reporters = weeklyReporters })

	var records, updates bytes.Buffer // the command's files: a file holds one version of a record

	// The monthly reports, each submitted at its submittedAt.
	late := map[string]time.Time{"371524001 202507": at(2025, 8, 15, 10)}
	never := map[string]bool{"371524002 202411": true, "371524002 202509": true, "371524002 202510": true, "371524101 202508": true}
	for m := healthedu.MustParsePeriod("202409"); m.Compare(healthedu.MustParsePeriod("202510")) <= 0; m = m.Next() {
		for _, d := range weeklyReporters {
			key := d.Short() + " " + m.String()
			if never[key] {
				continue
			}
			when := m.End().Add(4*24*time.Hour + 10*time.Hour) // the 5th of the next month, 10:00
			if l, ok := late[key]; ok {
				when = l
			}
			managed := 90
			if d.Short() == "371524101" {
				managed = 80
			}
			r := monthlyReportOf(d.Short(), m.String(), when, "children-0-6", 100, "children-0-6-managed", managed,
				"lectures", 1, "lecture-participants", 50, "health-centres", 1)
			h.submitAt(tokenDonge, when, r)
			records.Write(r)
		}
	}

	// The activities.
	cst := func(y int, m time.Month, d, hour, min int) time.Time {
		return time.Date(y, m, d, hour, min, 0, 0, healthedu.ChinaStandardTime)
	}
	donge := [][]byte{
		weeklyActivity("S-W1-1", "371524001", "lecture", cst(2024, 12, 30, 9, 0), 50),
		weeklyActivity("S-W1-2", "371524002", "free-clinic", cst(2025, 1, 5, 15, 0), 120),
		weeklyActivity("S-W43-1", "371524002", "lecture", cst(2025, 10, 26, 23, 30), 45),
		weeklyActivity("S-W44-1", "371524001", "lecture", cst(2025, 10, 27, 9, 0), 60),
		weeklyActivity("S-W44-2", "371524101", "consultation", cst(2025, 11, 2, 20, 0), 35),
		weeklyActivity("S-W45-1", "371524002", "lecture", cst(2025, 11, 3, 0, 30), 40),
		weeklyActivity("S-W46-1", "371524101", "lecture", cst(2025, 11, 10, 9, 0), 70),
	}
	gulouActivity := weeklyActivity("S-GL-1", "371502001", "lecture", cst(2025, 10, 29, 9, 0), 80)
	h.submitAt(tokenDonge, now, donge...)
	h.submitAt(tokenGulou, now, gulouActivity)
	for _, a := range append(donge, gulouActivity) {
		records.Write(a)
	}

	// The rectification items.
	township := func(d string) ledger.Actor {
		return ledger.Actor{Division: code(d), Role: "township-health-center", ID: "staff-" + d}
	}
	missing := weeklyItem("auto-202509-371524002000-m-report-completeness", "371524002",
		ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202509")},
		"202509月报应报1份，缺报1份，请尽快补报", "2025-11-30", at(2025, 10, 28, 10), actorDonge)
	missing.Finding = &ledger.Finding{Code: "ledger.reportMissing", Params: map[string]string{"period": "202509", "missing": "1", "expected": "1"}}
	missing.Indicator = "report-completeness"
	board := ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-09-20")}
	overdue := weeklyItem("dea-2025-007", "371524101", board, "刘集镇卫生院健康教育宣传栏三个月未更新", "2025-10-20", at(2025, 9, 22, 9), actorDonge)
	overdue.Owner = ledger.Owner{Name: "东阿县刘集镇卫生院", Role: "township-health-center"}
	rectifying := overdue.Clone()
	rectifying.Transition(ledger.Event{At: at(2025, 10, 15, 16), Status: ledger.StatusRectifying, Actor: township("371524101")})
	closed := weeklyItem("dea-2025-005", "371524001", ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-08-30")},
		"铜城街道月报漏报高血压患者数", "2025-10-31", at(2025, 9, 1, 9), actorDonge,
		ledger.Event{At: at(2025, 9, 10, 9), Status: ledger.StatusRectifying, Actor: township("371524001")},
		ledger.Event{At: at(2025, 10, 10, 9), Status: ledger.StatusRectified, Actor: township("371524001")},
		ledger.Event{At: at(2025, 10, 30, 15), Status: ledger.StatusVerified, Actor: actorDonge})
	broken := weeklyItem("dea-2025-012", "371524002", ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-11-10")},
		"新城街道健康小屋血压计损坏，未及时维修", "2025-11-30", at(2025, 11, 11, 9), actorDonge)
	gulou := weeklyItem("lc-2025-031", "371502001", ledger.Source{Type: ledger.SourceWeeklyDispatch, Period: healthedu.MustParsePeriod("2025W43")},
		"古楼街道本周未开展健康教育活动", "2025-11-15", at(2025, 10, 29, 9), actorCity)
	h.clock.Set(now)
	storeItems(t, h, missing, overdue, closed, broken, rectifying, gulou)
	for _, it := range []*ledger.Rectification{missing, overdue, closed, broken, gulou} {
		writeRecord(t, &records, it)
	}
	writeRecord(t, &updates, rectifying)

	dir := t.TempDir()
	files := map[string][]byte{"records.ndjson": records.Bytes(), "updates.ndjson": updates.Bytes()}
	var reporters strings.Builder
	for _, d := range weeklyReporters {
		reporters.WriteString(d.Short() + "\n")
	}
	files["reporters.txt"] = []byte(reporters.String())
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	jiceng := buildCommand(t)

	// What the comparisons saw, so that the test fails when the fixture
	// stops holding what it is about.
	seen := map[string]int{}
	for _, week := range []string{"2025W1", "2025W44", "2025W45", "2025W46"} {
		for _, sel := range []struct{ under, token string }{{"371524", tokenDonge}, {"3715", tokenCity}} {
			for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
				t.Run(week+" "+sel.under+" "+lang, func(t *testing.T) {
					args := []string{"weekly", "-format", "json", "-now", now.Format(time.RFC3339), "-period", week,
						"-under", sel.under, "-lang", lang, "-reporters", filepath.Join(dir, "reporters.txt"),
						filepath.Join(dir, "records.ndjson"), filepath.Join(dir, "updates.ndjson")}
					cmd := exec.Command(jiceng, args...)
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					out, err := cmd.Output()
					if code := cmd.ProcessState.ExitCode(); err != nil && code != 1 { // 1: something is overdue
						t.Fatalf("jiceng %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
					}
					if stderr.Len() > 0 {
						t.Errorf("the command skipped records:\n%s", stderr.Bytes())
					}

					ans := h.request("GET", "/v1/reports/weekly?under="+sel.under+"&period="+week, sel.token, nil, "Accept-Language", lang)
					if ans.status != 200 {
						t.Fatalf("%d %s", ans.status, ans.body)
					}

					var want, got map[string]any
					decodeNumbers(t, out, &want)
					decodeNumbers(t, ans.body, &got)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("dispatch (-command +intake):\n%s", diff)
					} else {
						var compact bytes.Buffer
						if err := json.Compact(&compact, out); err != nil {
							t.Fatal(err)
						}
						if c, i := compact.Bytes(), bytes.TrimSpace(ans.body); !bytes.Equal(c, i) {
							n := 0
							for n < min(len(c), len(i)) && c[n] == i[n] {
								n++
							}
							t.Errorf("the documents are equal, not their bytes: from byte %d, the command writes %.80q, the intake %.80q", n, c[n:], i[n:])
						}
					}

					if want["inProgress"] == true {
						seen["in progress"]++
					}
					for _, k := range []string{"progress", "overdueReports", "newItems", "overdueItems", "closedItems"} {
						seen[k] += len(want[k].([]any))
					}
					for _, r := range want["overdueReports"].([]any) {
						if r.(map[string]any)["thisWeek"] == true {
							seen["due this week"]++
						}
					}
					for _, it := range want["overdueItems"].([]any) {
						if it.(map[string]any)["status"] == "rectifying" {
							seen["merged"]++
						}
					}
					names := want["names"].(map[string]any)
					if _, ok := names["problems"].(map[string]any)["auto-202509-371524002000-m-report-completeness"]; ok {
						seen["finding"]++
					}
					if _, ok := names["divisions"].(map[string]any)["371502001000"]; ok {
						seen["古楼街道"]++
					}
				})
			}
		}
	}
	t.Logf("seen %v", seen)
	for _, k := range []string{"in progress", "progress", "overdueReports", "newItems", "overdueItems", "closedItems",
		"due this week", "merged", "finding", "古楼街道"} {
		if seen[k] == 0 {
			t.Errorf("no comparison had %s: the fixture misses what the test is about", k)
		}
	}
}

// writeRecord appends rec to b as one line of NDJSON.
func writeRecord(t *testing.T, b *bytes.Buffer, rec any) {
	t.Helper()
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		t.Fatal(err)
	}
}
