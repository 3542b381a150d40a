package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard"
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

// storeItems stores items, in order, as the intake stores a rectification
// item: one record of kind rectification per item id, whose body is the
// item merged with what was stored of it.
func storeItems(t *testing.T, h *harness, items ...*ledger.Rectification) {
	t.Helper()
	ctx := context.Background()
	tx, err := h.store.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, it := range items {
		// As the platform stores an item: one row, its submitter the
		// item's division, holding the item merged with what was stored.
		if sr, ok, err := tx.Record(ctx, ledger.KindRectification, it.ID); err != nil {
			t.Fatal(err)
		} else if ok {
			stored, err := decodeItem(&sr)
			if err != nil {
				t.Fatal(err)
			}
			merged, _, issues := ledger.Merge(stored, it)
			if len(issues) > 0 {
				t.Fatalf("item %s: %v", it.ID, issues)
			}
			it = merged
		}
		body, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := it.RecordPeriod()
		row := storedRecord{Kind: ledger.KindRectification, ID: it.ID, Submitter: it.Division,
			Division: it.Division, Period: p, Body: body, Hash: fmt.Sprintf("%x", len(body))}
		if _, err := tx.Upsert(ctx, it.Division, h.clock.Now(), []storedRecord{row}); err != nil {
			t.Fatal(err)
		}
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
//     overdue since 20 October, opened by the county and updated by the
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
	storeItems(t, h, missing, overdue, closed, later, rectifying, gulou)
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

// TestWeeklyReportFirstWeek checks 2025W1, from Monday 30 December 2024 to
// Sunday 5 January 2025: its year is 2025, of which no month is due, so
// that the progress has no value and nothing is pro-rated yet; the report
// overdue is 新城街道's of November 2024, due by 10 December; the lecture of
// 30 December counts.
func TestWeeklyReportFirstWeek(t *testing.T) {
	h := weeklyFixture(t, openTestSQLite(t))
	got := getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W1", "zh-Hans")
	want := wire.Weekly{
		Week: healthedu.MustParsePeriod("2025W1"), Under: code("371524"),
		From: mustDate("2024-12-30"), To: mustDate("2025-01-05"),
		AsOf: at(2025, 1, 6, 0), Year: healthedu.MustParsePeriod("2025"),
		OverdueReports: []ledger.OverdueReport{
			{Division: code("371524002"), Month: healthedu.MustParsePeriod("202411"), Deadline: mustDate("2024-12-10")},
		},
		NewItems: []ledger.ItemLine{}, OverdueItems: []ledger.ItemLine{}, ClosedItems: []ledger.ItemLine{},
		Activities: ledger.ActivitySummary{Activities: 1, Participants: 50, ByForm: []ledger.FormCount{
			{Form: healthedu.FormLecture, Activities: 1, Participants: 50},
		}},
		Names: reports.WeeklyNames{
			Divisions: dongeNames, Indicators: map[string]string{
				"child-health-management-rate": "0～6岁儿童健康管理率", "hypertension-standard-management-rate": "高血压患者规范管理率",
				"diabetes-standard-management-rate": "2型糖尿病患者规范管理率", "literacy-level": "居民健康素养水平",
				"lectures-per-institution": "机构年均健康知识讲座次数", "consultations-per-institution": "机构年均公众健康咨询活动次数",
			},
			Forms:   map[healthedu.ActivityForm]string{"lecture": "健康知识讲座"},
			Sources: map[ledger.SourceType]string{}, Statuses: map[ledger.Status]string{}, Problems: map[string]string{},
		},
	}
	progress := []string{
		"371524 child-health-management-rate no-data >= 85 0/3",
		"371524 hypertension-standard-management-rate no-data >= 60 0/3",
		"371524 diabetes-standard-management-rate no-data >= 60 0/3",
		"371524 literacy-level no-data >= 25 0/3",
		"371524 lectures-per-institution no-data >= 0 (pro-rated) 0/3",
		"371524 consultations-per-institution no-data >= 0 (pro-rated) 0/3",
	}
	if diff := cmp.Diff(weeklyView{Weekly: want, Progress: progress, Divisions: 11}, viewOf(got, "371524"), cmpWeekly...); diff != "" {
		t.Errorf("dispatch (-want +got):\n%s", diff)
	}
}

// TestWeeklyReportScope checks which divisions a dispatch covers and who
// may read it: 聊城市 holds 古楼街道's item and lecture besides 东阿县's; a
// township reads its own, and only its own; a token's division is the
// default; a -demo platform needs no token.
func TestWeeklyReportScope(t *testing.T) {
	h := weeklyFixture(t, openTestSQLite(t))
	const path = "/v1/reports/weekly?period=2025W44"

	city := getWeekly(t, h, tokenCity, path+"&under=3715", "zh-Hans")
	if len(city.NewItems) == 0 {
		t.Fatal("聊城市 has no new item")
	}
	if diff := cmp.Diff(lineGulou, city.NewItems[0], cmpWeekly...); diff != "" {
		t.Errorf("古楼街道's item (-want +got):\n%s", diff)
	}
	ids := func(ls []ledger.ItemLine) (out []string) {
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	type scope struct {
		Under                      healthedu.DivisionCode
		New, Overdue, Closed       []string
		Activities, Participants   int64
		Overdue3, ProgressDivision int
		Gulou, Donge               string
	}
	view := func(w wire.Weekly) scope {
		s := scope{Under: w.Under, New: ids(w.NewItems), Overdue: ids(w.OverdueItems), Closed: ids(w.ClosedItems),
			Activities: w.Activities.Activities, Participants: w.Activities.Participants, Overdue3: len(w.OverdueReports),
			Gulou: w.Names.Divisions[code("371502001")], Donge: w.Names.Divisions[code("371524")]}
		if len(w.Progress) > 0 {
			s.ProgressDivision = len(w.Progress) / len(targetIndicators)
		}
		return s
	}
	tests := []struct {
		name, token, query string
		want               scope
	}{
		{"聊城市", tokenCity, "&under=3715", scope{Under: code("3715"),
			New:     []string{"lc-2025-031", "auto-202509-371524002000-m-report-completeness"},
			Overdue: []string{"dea-2025-007"}, Closed: []string{"dea-2025-005"},
			Activities: 3, Participants: 175, Overdue3: 3, ProgressDivision: 1 + 8, // 聊城市 and its eight counties
			Gulou: "古楼街道", Donge: "东阿县"}},
		{"东阿县 by default", tokenDonge, "", scope{Under: code("371524"),
			New: []string{"auto-202509-371524002000-m-report-completeness"}, Overdue: []string{"dea-2025-007"}, Closed: []string{"dea-2025-005"},
			Activities: 2, Participants: 95, Overdue3: 3, ProgressDivision: 11, Donge: "东阿县"}},
		{"刘集镇", tokenCity, "&under=371524101", scope{Under: code("371524101"),
			Overdue: []string{"dea-2025-007"}, Activities: 1, Participants: 35, Overdue3: 1, ProgressDivision: 1}},
		{"古楼街道 by its own token", tokenGulou, "", scope{Under: code("371502001"),
			New: []string{"lc-2025-031"}, Activities: 1, Participants: 80, ProgressDivision: 1, Gulou: "古楼街道"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := city
			if tc.query != "&under=3715" || tc.token != tokenCity {
				got = getWeekly(t, h, tc.token, path+tc.query, "zh-Hans")
			}
			if diff := cmp.Diff(tc.want, view(got), equateCodes); diff != "" {
				t.Errorf("dispatch (-want +got):\n%s", diff)
			}
		})
	}

	// Outside the token's division; no token.
	for _, tc := range []struct {
		token, query string
		status       int
		code         string
	}{
		{tokenGulou, "&under=371524", 403, codeForbidden},
		{tokenLiuyuan, "&under=371502001", 403, codeForbidden},
		{"", "&under=371524", 401, codeUnauthorized},
	} {
		if ans := h.request("GET", path+tc.query, tc.token, nil); ans.status != tc.status || ans.problemCode(t) != tc.code {
			t.Errorf("%s %s: %d %s, want %d %s", tc.token, tc.query, ans.status, ans.body, tc.status, tc.code)
		}
	}
	demo := weeklyFixture(t, openTestSQLite(t), func(c *config) { c.PublicReads = true })
	if got := getWeekly(t, demo, "", path+"&under=371524", "zh-Hans"); len(got.NewItems) != 1 || got.Activities.Activities != 2 {
		t.Errorf("-demo, no token: %+v", got)
	}
}

// TestWeeklyReportWeeks checks the weeks around the server's clock, on
// Wednesday 5 November 2025 (2025W45): without period, the current week,
// in progress and said so; the week just ended is not; the next week has
// not begun and is refused. 2025W46 is in progress on its Monday, and
// lists October's reports as overdue already, due on 10 November, within
// the week.
func TestWeeklyReportWeeks(t *testing.T) {
	h := weeklyFixture(t, openTestSQLite(t))
	h.clock.Set(at(2025, 11, 5, 10))
	current := getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524", "en")
	if current.Week.String() != "2025W45" || !current.InProgress || current.Activities.Activities != 1 {
		t.Errorf("the current week: %s, in progress %v, %d activities; want 2025W45, true, 1 (the lecture of 3 November at 0:30)",
			current.Week, current.InProgress, current.Activities.Activities)
	}
	if last := getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W44", "en"); last.InProgress {
		t.Error("2025W44, over on 5 November, is said to be in progress")
	}
	if ans := h.request("GET", "/v1/reports/weekly?under=371524&period=2025W46", tokenDonge, nil); ans.status != 400 || ans.problemCode(t) != codeWeekNotBegun {
		t.Errorf("2025W46 on 5 November: %d %s", ans.status, ans.body)
	}

	h.clock.Set(at(2025, 11, 10, 9))
	w46 := getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W46", "zh-Hans")
	var october []string
	for _, o := range w46.OverdueReports {
		if o.Month.String() == "202510" {
			october = append(october, fmt.Sprintf("%s %s %v", o.Division.Short(), o.Deadline, o.ThisWeek))
		}
	}
	want := []string{"371524001 2025-11-10 true", "371524002 2025-11-10 true", "371524101 2025-11-10 true"}
	if diff := cmp.Diff(want, october); diff != "" || !w46.InProgress {
		t.Errorf("2025W46 on its Monday, in progress %v; October's reports (-want +got):\n%s", w46.InProgress, diff)
	}
}

// TestWeeklyReportBadParams checks the problems of a request that cannot
// be answered, in Simplified Chinese and English.
func TestWeeklyReportBadParams(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	h.clock.Set(at(2025, 11, 5, 10))
	tests := []struct {
		query    string
		status   int
		code     string
		hans, en string
	}{
		{"under=371524&period=202510", 400, codePeriodNotWeek,
			"周调度按周编制：参数 period 应为周，如 2025W42（2025年第42周，按周一至周日计），而“202510”不是周",
			"The weekly dispatch is for one ISO week: parameter period must be a week, such as 2025W42 (Monday to Sunday), and 202510 is not one"},
		{"under=371524&period=2025", 400, codePeriodNotWeek, "而“2025”不是周", "and 2025 is not one"},
		{"under=371524&period=2025W54", 400, codeParam, "参数 period 有误：", "Parameter period is not valid: "},
		{"under=371524&period=", 400, codePeriodRequired, "缺少参数 period", "Parameter period is missing"},
		{"under=371524&period=2025W46", 400, codeWeekNotBegun,
			"2025W46 自 2025-11-10 起，尚未开始：周调度在该周开始后才能编制",
			"Week 2025W46 begins on 2025-11-10 and has not begun: its dispatch can be made from then"},
		{"under=37x&period=2025W44", 400, codeParam, "参数 under 有误：", "Parameter under is not valid: "},
		{"under=371599&period=2025W44", 404, "division.unknown", "区划代码“371599”不在区划代码表中", "Division code \"371599\" is not in the division registry"},
	}
	for _, tc := range tests {
		for i, lang := range []string{"zh-Hans", "en"} {
			t.Run(tc.query+" "+lang, func(t *testing.T) {
				ans := h.request("GET", "/v1/reports/weekly?"+tc.query, tokenAdmin, nil, "Accept-Language", lang)
				if ans.status != tc.status || ans.problemCode(t) != tc.code {
					t.Fatalf("%d %s, want %d %s", ans.status, ans.body, tc.status, tc.code)
				}
				var p httpapi.Problem
				ans.json(t, &p)
				if want := []string{tc.hans, tc.en}[i]; !strings.Contains(p.Detail, want) {
					t.Errorf("detail %q, want it to hold %q", p.Detail, want)
				}
			})
		}
	}
}

// TestWeeklyPage serves the dashboard's weekly dispatch without a browser:
// in each language, the page of 2025W44 renders with its headings; a
// period that is not a week, a week that cannot be read and a week not
// yet begun give a page that says so.
func TestWeeklyPage(t *testing.T) {
	h := weeklyFixture(t, openTestSQLite(t))
	h.clock.Set(at(2025, 11, 5, 10))
	h.srv.mountDashboard(dashboard.Handler(h.srv.mux, dashboard.Options{
		Default: code("371524"), DefaultPeriod: healthedu.MustParsePeriod("202509"), Token: tokenAdmin}))
	tests := []struct {
		query  string
		status int
		want   []string
	}{
		{"period=2025W44", 200, []string{"<h1>东阿县2025年第44周健康教育工作周调度</h1>", "逾期未报月报", "本周新增（1项）", "逾期未整改（1项）", "本周销号（1项）", "本周健康教育活动"}},
		{"period=2025W44&lang=zh-Hant", 200, []string{"<h1>东阿县2025年第44週健康教育工作週調度</h1>", "逾期未報月報", "本週新增（1項）", "本週銷號（1項）"}},
		{"period=2025W44&lang=en", 200, []string{"week 44 of 2025 (27 October – 2 November 2025)", "Monthly reports overdue", "Opened this week (1)"}},
		{"", 200, []string{`data-period="2025W45"`, `id="in-progress"`}},
		{"period=202510", 400, []string{"周调度按周编制，报告期应为周（如2025W44），不能是“202510”。"}},
		{"period=2025W99", 400, []string{"参数 period 有误"}},
		{"period=2025W46", 400, []string{"2025W46 自 2025-11-10 起，尚未开始"}},
		{"division=371599&period=2025W44", 404, []string{"区划代码“371599”不在区划代码表中"}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.srv.ServeHTTP(w, httptest.NewRequest("GET", "/weekly?"+tc.query, nil))
			page := w.Body.String()
			if w.Code != tc.status {
				t.Errorf("status %d, want %d", w.Code, tc.status)
			}
			for _, s := range tc.want {
				if !strings.Contains(page, s) {
					t.Errorf("the page lacks %q:\n%s", s, page)
				}
			}
		})
	}
	// The start page links to the dispatch of the current week.
	w := httptest.NewRecorder()
	h.srv.ServeHTTP(w, httptest.NewRequest("GET", "/?division=371524", nil))
	if want := `<a class="weekly-link" href="weekly?division=371524000000&amp;lang=zh-Hans">周调度（本周）</a>`; !strings.Contains(w.Body.String(), want) {
		t.Errorf("the start page lacks %s", want)
	}
}
