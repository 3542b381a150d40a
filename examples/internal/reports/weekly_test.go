package reports

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// weeklyDispatch is the dispatch of 东昌府区 for 2025W44: 古楼街道 reported
// September, 柳园街道 did not; one item opened in the week by the
// propose run, one older item of free text naming a citizen ID, overdue;
// a lecture and a free clinic.
func weeklyDispatch(t *testing.T) ledger.Dispatch {
	t.Helper()
	cst := healthedu.ChinaStandardTime
	county := healthedu.MustParseDivisionCode("371502")
	gulou := healthedu.MustParseDivisionCode("371502001")
	liuyuan := healthedu.MustParseDivisionCode("371502002")
	cat := indicators.DefaultCatalogue()
	store := indicators.NewStore(cat)
	sep := healthedu.MustParsePeriod("202509")
	for _, v := range []indicators.DataValue{
		{Element: "children-0-6", Division: gulou, Period: sep, Value: 1000},
		{Element: "children-0-6-managed", Division: gulou, Period: sep, Value: 900},
	} {
		if err := store.Add(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.AddReceipt(gulou, sep, time.Date(2025, 10, 9, 9, 0, 0, 0, cst)); err != nil {
		t.Fatal(err)
	}
	county2 := ledger.Actor{Division: county, ID: "dcf-wang"}
	deadline := func(y int, m time.Month, d int) healthedu.Date {
		day, ok := healthedu.NewDate(y, m, d)
		if !ok {
			t.Fatal("no such day")
		}
		return day
	}
	items := []*ledger.Rectification{
		{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "auto-202509-371502002000-m-report-completeness"},
			Division: liuyuan,
			Source:   ledger.Source{Type: ledger.SourceMonthlyNotification, Period: sep},
			Problem:  "202509月报应报1份，缺报1份，请尽快补报",
			Finding: &ledger.Finding{Code: "ledger.reportMissing", Params: map[string]string{
				"period": "202509", "expected": "1", "missing": "1"}},
			Indicator: "report-completeness",
			Owner:     ledger.Owner{Role: ledger.RoleReportingUnit},
			Deadline:  deadline(2025, 11, 30),
			Status:    ledger.StatusOpen,
			History:   []ledger.Event{{At: time.Date(2025, 10, 28, 9, 0, 0, 0, cst), Status: ledger.StatusOpen, Actor: county2}},
		},
		{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "lc-2025-001"},
			Division: gulou,
			Source:   ledger.Source{Type: ledger.SourceInspection, Date: deadline(2025, 9, 20)},
			Problem:  "宣传栏内容未更新，居民110101199003074514反映",
			Owner:    ledger.Owner{Name: "古楼街道社区卫生服务中心"},
			Deadline: deadline(2025, 10, 20),
			Status:   ledger.StatusOpen,
			History:  []ledger.Event{{At: time.Date(2025, 9, 21, 9, 0, 0, 0, cst), Status: ledger.StatusOpen, Actor: county2}},
		},
	}
	activities := []*healthedu.Activity{
		{Division: gulou, Form: healthedu.FormLecture, Start: time.Date(2025, 10, 27, 9, 0, 0, 0, cst), Participants: 60},
		{Division: gulou, Form: healthedu.FormFreeClinic, Start: time.Date(2025, 11, 2, 9, 0, 0, 0, cst), Participants: 120},
	}
	rate, _ := cat.Indicator("child-health-management-rate")
	d, err := ledger.Weekly(healthedu.MustParsePeriod("2025W44"), store, items, activities, ledger.WeeklyOptions{
		Under: county, Divisions: []healthedu.DivisionCode{county},
		Indicators: []*indicators.Indicator{rate}, OverdueMonths: 1,
		Reporters: indicators.Reporters{List: []healthedu.DivisionCode{gulou, liuyuan}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestNewWeekly(t *testing.T) {
	d := weeklyDispatch(t)
	problem := d.OverdueItems[0].Problem
	tests := []struct {
		name       string
		now        time.Time
		lang       language.Tag
		inProgress bool
		names      WeeklyNames
	}{
		{
			name: "zh-Hans, after the week", lang: healthedu.ZhHans,
			now: time.Date(2025, 11, 3, 10, 0, 0, 0, healthedu.ChinaStandardTime),
			names: WeeklyNames{
				Divisions: map[healthedu.DivisionCode]string{
					healthedu.MustParseDivisionCode("371502"):    "东昌府区",
					healthedu.MustParseDivisionCode("371502001"): "古楼街道",
					healthedu.MustParseDivisionCode("371502002"): "柳园街道",
				},
				Indicators: map[string]string{
					"child-health-management-rate": "0～6岁儿童健康管理率",
					"report-completeness":          "月报完整率",
				},
				Forms:    map[healthedu.ActivityForm]string{"lecture": "健康知识讲座", "free-clinic": "义诊"},
				Sources:  map[ledger.SourceType]string{"monthlyNotification": "月通报", "inspection": "督导检查"},
				Statuses: map[ledger.Status]string{"open": "待整改"},
				Problems: map[string]string{
					"auto-202509-371502002000-m-report-completeness": "202509月报应报1份，缺报1份，请尽快补报",
					"lc-2025-001": "宣传栏内容未更新，居民1101**********4514反映",
				},
			},
		},
		{
			name: "en, in the week", lang: healthedu.English,
			now:        time.Date(2025, 10, 31, 10, 0, 0, 0, healthedu.ChinaStandardTime),
			inProgress: true,
			names: WeeklyNames{
				Divisions: map[healthedu.DivisionCode]string{
					healthedu.MustParseDivisionCode("371502"):    "东昌府区",
					healthedu.MustParseDivisionCode("371502001"): "古楼街道",
					healthedu.MustParseDivisionCode("371502002"): "柳园街道",
				},
				Indicators: map[string]string{
					"child-health-management-rate": "0–6 child health management rate",
					"report-completeness":          "monthly report completeness",
				},
				Forms:    map[healthedu.ActivityForm]string{"lecture": "health lecture", "free-clinic": "free clinic"},
				Sources:  map[ledger.SourceType]string{"monthlyNotification": "monthly notification", "inspection": "inspection"},
				Statuses: map[ledger.Status]string{"open": "open"},
				Problems: map[string]string{
					"auto-202509-371502002000-m-report-completeness": "1 of the 1 monthly reports due for 202509 are missing: send them",
					"lc-2025-001": "宣传栏内容未更新，居民1101**********4514反映",
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := NewWeekly(d, tt.now, nil, nil, tt.lang)
			if doc.InProgress != tt.inProgress {
				t.Errorf("InProgress = %v, want %v", doc.InProgress, tt.inProgress)
			}
			if diff := cmp.Diff(tt.names, doc.Names); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			// The dispatch's free text is masked in the document, and only
			// there: the dispatch given is left as it was.
			if got := doc.OverdueItems[0].Problem; got != "宣传栏内容未更新，居民1101**********4514反映" {
				t.Errorf("overdue item's problem = %q", got)
			}
			if d.OverdueItems[0].Problem != problem {
				t.Errorf("NewWeekly changed the dispatch: %q", d.OverdueItems[0].Problem)
			}
		})
	}
}

// TestWeeklyJSON checks that the document writes the dispatch's members as
// the library writes them, and adds inProgress and names after them.
func TestWeeklyJSON(t *testing.T) {
	d := weeklyDispatch(t)
	d.OverdueItems = nil // no free text to mask: the document's items are the dispatch's
	doc := NewWeekly(d, time.Time{}, nil, nil, healthedu.ZhHans)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	lib, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]json.RawMessage
	if err := json.Unmarshal(lib, &want); err != nil {
		t.Fatal(err)
	}
	want["inProgress"] = json.RawMessage("false")
	want["names"] = got["names"]
	if diff := cmp.Diff(want, got, cmp.Transformer("string", func(m json.RawMessage) string { return string(m) })); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range got {
			if !yield(k) {
				return
			}
		}
	})
	wantKeys := []string{"activities", "asOf", "closedItems", "from", "inProgress", "names", "newItems", "overdueItems",
		"overdueReports", "progress", "to", "under", "week", "year"}
	if diff := cmp.Diff(wantKeys, keys); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}
