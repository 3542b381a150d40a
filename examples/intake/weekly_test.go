package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// The reporters of the weekly fixture: three townships of 东阿县.
var weeklyReporters = []healthedu.DivisionCode{code("371524001"), code("371524002"), code("371524101")}

// weeklyActivity returns an activity record of form held in division at
// start with participants.
func weeklyActivity(id, division, form string, start time.Time, participants int) []byte {
	b := activity(id, division, start, "")
	b = bytes.Replace(b, []byte(`"form":"lecture"`), fmt.Appendf(nil, `"form":%q`, form), 1)
	return bytes.Replace(b, []byte(`"participants":60`), fmt.Appendf(nil, `"participants":%d`, participants), 1)
}

// The actors of the fixture's items: 东阿县's health commission, and the
// townships' staff.
var (
	actorDonge = ledger.Actor{Division: code("371524"), Role: "county-health-commission", ID: "dea-zhang"}
	actorCity  = ledger.Actor{Division: code("3715"), Role: "city-health-commission", ID: "lc-li"}
)

// weeklyItem returns a rectification item of division, opened at opened
// by actor, due by deadline, with the further events.
func weeklyItem(id, division string, src ledger.Source, problem, deadline string, opened time.Time, by ledger.Actor, events ...ledger.Event) *ledger.Rectification {
	it := &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: id},
		Division: code(division), Source: src, Problem: problem,
		Owner:    ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: mustDate(deadline),
		Status:   ledger.StatusOpen,
		History:  []ledger.Event{{At: opened, Status: ledger.StatusOpen, Actor: by}},
	}
	for _, e := range events {
		it.History = append(it.History, e)
		it.Status = e.Status
	}
	return it
}

// storeItems stores items as the records of kind rectification that
// submitter stored, as the intake stores a merged item: its JSON as the
// body, its division, and the month it was opened in.
func storeItems(t *testing.T, h *harness, submitter string, items ...*ledger.Rectification) {
	t.Helper()
	ctx := context.Background()
	var rows []storedRecord
	for _, it := range items {
		body, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := it.RecordPeriod()
		rows = append(rows, storedRecord{Kind: ledger.KindRectification, ID: it.ID, Submitter: code(submitter),
			Division: it.Division, Period: p, Body: body, Hash: fmt.Sprintf("%x", len(body))})
	}
	tx, err := h.store.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Upsert(ctx, code(submitter), h.clock.Now(), rows); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// weeklyFixture returns a platform of which three townships of 东阿县 are
// the expected reporters, holding:
//
//   - the monthly reports of 202312 to 202509 of the three, each on time,
//     but for 新城街道's of 202411 and 202509 and 刘集镇's of 202508, never
//     received; 刘集镇 manages 80% of its children, the others 90%;
//   - activities around 2025W44 (27 October to 2 November): a lecture on
//     its Monday at 9:00 and a consultation on its Sunday at 20:00 within
//     东阿县, one activity at either side of the week, and a lecture of
//     古楼街道 in the week, outside 东阿县; and a lecture on 30 December
//     2024, the Monday of 2025W1;
//   - the rectification items of the ledger: one proposed in the week for
//     新城街道's missing report of 202509; one of an inspection of 刘集镇,
//     overdue since 20 October, stored by the county and again by the
//     township with its rectifying; one of 铜城街道 verified in the week;
//     one of 古楼街道, outside 东阿县, opened in the week; and one opened
//     after the week.
func weeklyFixture(t *testing.T, st store, configure ...func(*config)) *harness {
	t.Helper()
	h := newHarness(t, st, append([]func(*config){func(c *config) { c.Reporters = weeklyReporters }}, configure...)...)
	for m := healthedu.MustParsePeriod("202312"); m.Compare(healthedu.MustParsePeriod("202509")) <= 0; m = m.Next() {
		when := m.End().Add(4*24*time.Hour + 10*time.Hour) // the 5th of the next month, 10:00
		var recs [][]byte
		for _, d := range weeklyReporters {
			ds := d.Short()
			if ds == "371524002" && (m.String() == "202411" || m.String() == "202509") || ds == "371524101" && m.String() == "202508" {
				continue
			}
			managed := 90
			if ds == "371524101" {
				managed = 80
			}
			recs = append(recs, monthlyReportOf(ds, m.String(), when, "children-0-6", 100, "children-0-6-managed", managed))
		}
		h.submitAt(tokenDonge, when, recs...)
	}
	h.submitAt(tokenDonge, at(2025, 11, 5, 10),
		weeklyActivity("A-W44-1", "371524001", "lecture", at(2025, 10, 27, 9), 60),
		weeklyActivity("A-W44-2", "371524101", "consultation", at(2025, 11, 2, 20), 35),
		weeklyActivity("A-W45-1", "371524002", "lecture", time.Date(2025, 11, 3, 0, 30, 0, 0, healthedu.ChinaStandardTime), 40),
		weeklyActivity("A-W43-1", "371524002", "lecture", time.Date(2025, 10, 26, 23, 30, 0, 0, healthedu.ChinaStandardTime), 45),
		weeklyActivity("A-W1-1", "371524001", "lecture", at(2024, 12, 30, 10), 50),
	)
	h.submitAt(tokenGulou, at(2025, 11, 5, 10), weeklyActivity("A-GL-1", "371502001", "lecture", at(2025, 10, 29, 9), 80))

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
	overdue.Owner = ledger.Owner{Name: "东阿县刘集镇卫生院"}
	rectifying := overdue.Clone()
	rectifying.Transition(ledger.Event{At: at(2025, 10, 15, 16), Status: ledger.StatusRectifying, Actor: township("371524101")})
	closed := weeklyItem("dea-2025-005", "371524001", ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-08-30")},
		"铜城街道月报漏报高血压患者数", "2025-10-31", at(2025, 9, 1, 9), actorDonge,
		ledger.Event{At: at(2025, 9, 10, 9), Status: ledger.StatusRectifying, Actor: township("371524001")},
		ledger.Event{At: at(2025, 10, 10, 9), Status: ledger.StatusRectified, Actor: township("371524001")},
		ledger.Event{At: at(2025, 10, 30, 15), Status: ledger.StatusVerified, Actor: actorDonge})
	later := weeklyItem("dea-2025-011", "371524001", board, "铜城街道健康教育讲座签到表缺失", "2025-11-30", at(2025, 11, 4, 9), actorDonge)
	gulou := weeklyItem("lc-2025-031", "371502001", ledger.Source{Type: ledger.SourceWeeklyDispatch, Period: healthedu.MustParsePeriod("2025W43")},
		"古楼街道本周未开展健康教育活动", "2025-11-15", at(2025, 10, 29, 9), actorCity)
	h.clock.Set(at(2025, 11, 5, 10))
	storeItems(t, h, "371524", missing, overdue, closed, later)
	storeItems(t, h, "371524101", rectifying)
	storeItems(t, h, "3715", gulou)
	return h
}

// getWeekly asks for the weekly dispatch at path in lang with token, and
// checks that the answer is 200, matches openapi.json's WeeklyReport and
// decodes into wire.Weekly without losing anything.
func getWeekly(t *testing.T, h *harness, token, path, lang string) wire.Weekly {
	t.Helper()
	ans := h.request("GET", path, token, nil, "Accept-Language", lang)
	if ans.status != 200 {
		t.Fatalf("GET %s: %d %s", path, ans.status, ans.body)
	}
	if got := ans.header.Get("Content-Language"); got != lang {
		t.Errorf("GET %s: Content-Language %q, want %q", path, got, lang)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(ans.body))
	if err != nil {
		t.Fatal(err)
	}
	if err := openAPISchema(t, "WeeklyReport").Validate(v); err != nil {
		t.Errorf("GET %s: the answer does not match WeeklyReport:\n%v", path, err)
	}
	var got wire.Weekly
	ans.json(t, &got)
	again, err := httpapi.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal(ans.body, &a)
	json.Unmarshal(again, &b)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("GET %s: wire.Weekly loses members of the answer (-answer +decoded):\n%s", path, diff)
	}
	return got
}

// progressLine writes a row of the progress as people compare it:
// division, indicator, value against target, met or not, coverage.
func progressLine(r wire.Result) string {
	s := r.Division.Short() + " " + r.Indicator + " " + valueOr(r.Value, r.Reason)
	if r.Target != nil {
		s += " " + r.Direction + " " + *r.Target
		if r.TargetProrated {
			s += " (pro-rated)"
		}
	}
	if r.Met != nil {
		s += fmt.Sprintf(" met=%v", *r.Met)
	}
	return s + fmt.Sprintf(" %d/%d", r.Coverage.Reporting, r.Coverage.Expected)
}

func valueOr(v *string, reason string) string {
	if v == nil {
		return reason
	}
	return *v
}

// weeklyView is what a test compares of a dispatch: all of it but the
// progress, of which it keeps the lines of some divisions, and the count.
type weeklyView struct {
	Weekly    wire.Weekly
	Progress  []string
	Divisions int // the divisions of the progress
}

func viewOf(w wire.Weekly, divisions ...string) weeklyView {
	v := weeklyView{Weekly: w}
	seen := map[healthedu.DivisionCode]bool{}
	for _, r := range w.Progress {
		seen[r.Division] = true
		for _, d := range divisions {
			if r.Division == code(d) {
				v.Progress = append(v.Progress, progressLine(r))
			}
		}
	}
	v.Divisions = len(seen)
	v.Weekly.Progress = nil
	return v
}

var cmpWeekly = []cmp.Option{equateCodes, cmpopts.EquateComparable(healthedu.CreditCode{}),
	cmp.Comparer(func(a, b healthedu.Date) bool { return a == b }),
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
}

// The fixture's items as the dispatch of 2025W44 lists them.
var (
	lineMissing = ledger.ItemLine{
		ID: "auto-202509-371524002000-m-report-completeness", Division: code("371524002"),
		Source:    ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202509")},
		Problem:   "202509月报应报1份，缺报1份，请尽快补报",
		Finding:   &ledger.Finding{Code: "ledger.reportMissing", Params: map[string]string{"period": "202509", "missing": "1", "expected": "1"}},
		Indicator: "report-completeness", Owner: ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: mustDate("2025-11-30"), Status: ledger.StatusOpen, Opened: at(2025, 10, 28, 10),
	}
	lineOverdue = ledger.ItemLine{
		ID: "dea-2025-007", Division: code("371524101"),
		Source:  ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-09-20")},
		Problem: "刘集镇卫生院健康教育宣传栏三个月未更新", Owner: ledger.Owner{Name: "东阿县刘集镇卫生院"},
		Deadline: mustDate("2025-10-20"), Status: ledger.StatusRectifying, Opened: at(2025, 9, 22, 9),
		DaysOverdue: 14,
	}
	lineClosed = ledger.ItemLine{
		ID: "dea-2025-005", Division: code("371524001"),
		Source:  ledger.Source{Type: ledger.SourceInspection, Date: mustDate("2025-08-30")},
		Problem: "铜城街道月报漏报高血压患者数", Owner: ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: mustDate("2025-10-31"), Status: ledger.StatusVerified, Opened: at(2025, 9, 1, 9),
	}
	lineGulou = ledger.ItemLine{
		ID: "lc-2025-031", Division: code("371502001"),
		Source:  ledger.Source{Type: ledger.SourceWeeklyDispatch, Period: healthedu.MustParsePeriod("2025W43")},
		Problem: "古楼街道本周未开展健康教育活动", Owner: ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: mustDate("2025-11-15"), Status: ledger.StatusOpen, Opened: at(2025, 10, 29, 9),
	}
)

// dongeNames are the names of 东阿县's divisions the dispatch of 2025W44
// writes.
var dongeNames = map[healthedu.DivisionCode]string{
	code("371524"):    "东阿县",
	code("371524001"): "铜城街道", code("371524002"): "新城街道", code("371524101"): "刘集镇", code("371524102"): "牛角店镇",
	code("371524103"): "大桥镇", code("371524104"): "高集镇", code("371524105"): "姜楼镇", code("371524107"): "姚寨镇",
	code("371524108"): "鱼山镇", code("371524109"): "陈集镇",
}

// The indicators with a target, in the catalogue's order.
var targetIndicators = []string{"child-health-management-rate", "hypertension-standard-management-rate", "diabetes-standard-management-rate",
	"literacy-level", "lectures-per-institution", "consultations-per-institution"}

// TestWeeklyReport checks the weekly dispatch of 东阿县 for 2025W44, a week
// from Monday 27 October to Sunday 2 November, in Simplified Chinese and
// English: the progress of 2025 to the end of September, the months due;
// the reports overdue, none of them in the week (October's are due by 10
// November); the items new, overdue and closed, one of them merged from
// the rows of two submitters; and the activities of the week's seven
// days, both months, and none of the minutes around it.
func TestWeeklyReport(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := weeklyFixture(t, open(t))
		base := wire.Weekly{
			Week: healthedu.MustParsePeriod("2025W44"), Under: code("371524"),
			From: mustDate("2025-10-27"), To: mustDate("2025-11-02"),
			AsOf: at(2025, 11, 3, 0), Year: healthedu.MustParsePeriod("2025"),
			OverdueReports: []ledger.OverdueReport{
				{Division: code("371524002"), Month: healthedu.MustParsePeriod("202411"), Deadline: mustDate("2024-12-10")},
				{Division: code("371524101"), Month: healthedu.MustParsePeriod("202508"), Deadline: mustDate("2025-09-10")},
				{Division: code("371524002"), Month: healthedu.MustParsePeriod("202509"), Deadline: mustDate("2025-10-10")},
			},
			NewItems:     []ledger.ItemLine{lineMissing},
			OverdueItems: []ledger.ItemLine{lineOverdue},
			ClosedItems:  []ledger.ItemLine{lineClosed},
			Activities: ledger.ActivitySummary{Activities: 2, Participants: 95, ByForm: []ledger.FormCount{
				{Form: healthedu.FormLecture, Activities: 1, Participants: 60},
				{Form: healthedu.FormConsultation, Activities: 1, Participants: 35},
			}},
		}
		progress := []string{
			"371524 child-health-management-rate 86.67 >= 85 met=true 3/3",
			"371524 hypertension-standard-management-rate no-data >= 60 0/3",
			"371524 diabetes-standard-management-rate no-data >= 60 0/3",
			"371524 literacy-level no-data >= 25 0/3",
			"371524 lectures-per-institution no-data >= 9 (pro-rated) 0/3",
			"371524 consultations-per-institution no-data >= 6.75 (pro-rated) 0/3",
			"371524101 child-health-management-rate 80.00 >= 85 met=false 1/1",
			"371524101 hypertension-standard-management-rate no-data >= 60 0/1",
			"371524101 diabetes-standard-management-rate no-data >= 60 0/1",
			"371524101 literacy-level no-data >= 25 0/1",
			"371524101 lectures-per-institution no-data >= 9 (pro-rated) 0/1",
			"371524101 consultations-per-institution no-data >= 6.75 (pro-rated) 0/1",
		}
		indicatorNames := map[string]map[string]string{
			"zh-Hans": {"child-health-management-rate": "0～6岁儿童健康管理率", "hypertension-standard-management-rate": "高血压患者规范管理率",
				"diabetes-standard-management-rate": "2型糖尿病患者规范管理率", "literacy-level": "居民健康素养水平",
				"lectures-per-institution": "机构年均健康知识讲座次数", "consultations-per-institution": "机构年均公众健康咨询活动次数",
				"report-completeness": "月报完整率"},
			"en": {"child-health-management-rate": "0–6 child health management rate", "hypertension-standard-management-rate": "hypertension standardised management rate",
				"diabetes-standard-management-rate": "type 2 diabetes standardised management rate", "literacy-level": "health literacy level",
				"lectures-per-institution": "health lectures per health centre", "consultations-per-institution": "public health consultation events per health centre",
				"report-completeness": "monthly report completeness"},
		}
		names := map[string]reports.WeeklyNames{
			"zh-Hans": {
				Divisions: dongeNames, Indicators: indicatorNames["zh-Hans"],
				Forms:    map[healthedu.ActivityForm]string{"lecture": "健康知识讲座", "consultation": "公众健康咨询活动"},
				Sources:  map[ledger.SourceType]string{"monthlyNotification": "月通报", "inspection": "督导检查"},
				Statuses: map[ledger.Status]string{"open": "待整改", "rectifying": "整改中", "verified": "已核验销号"},
				Problems: map[string]string{
					"auto-202509-371524002000-m-report-completeness": "202509月报应报1份，缺报1份，请尽快补报",
					"dea-2025-007": "刘集镇卫生院健康教育宣传栏三个月未更新",
					"dea-2025-005": "铜城街道月报漏报高血压患者数",
				},
			},
			"en": {
				Divisions: dongeNames, Indicators: indicatorNames["en"],
				Forms:    map[healthedu.ActivityForm]string{"lecture": "health lecture", "consultation": "public health consultation"},
				Sources:  map[ledger.SourceType]string{"monthlyNotification": "monthly notification", "inspection": "inspection"},
				Statuses: map[ledger.Status]string{"open": "open", "rectifying": "being rectified", "verified": "verified and closed"},
				Problems: map[string]string{
					"auto-202509-371524002000-m-report-completeness": "1 of the 1 monthly reports due for 202509 are missing: send them",
					"dea-2025-007": "刘集镇卫生院健康教育宣传栏三个月未更新",
					"dea-2025-005": "铜城街道月报漏报高血压患者数",
				},
			},
		}
		for _, lang := range []string{"zh-Hans", "en"} {
			t.Run(lang, func(t *testing.T) {
				want := base
				want.Names = names[lang]
				got := getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W44", lang)
				if diff := cmp.Diff(weeklyView{Weekly: want, Progress: progress, Divisions: 11}, viewOf(got, "371524", "371524101"), cmpWeekly...); diff != "" {
					t.Errorf("dispatch (-want +got):\n%s", diff)
				}
				if len(got.Progress) != 11*len(targetIndicators) {
					t.Errorf("%d rows of progress, want 11 divisions × %d indicators", len(got.Progress), len(targetIndicators))
				}
				for i, r := range got.Progress {
					if want := targetIndicators[i%len(targetIndicators)]; r.Indicator != want {
						t.Errorf("progress row %d is of %s, want %s", i, r.Indicator, want)
					}
				}
			})
		}
	})
}
