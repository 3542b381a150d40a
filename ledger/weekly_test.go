package ledger_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

func activity(d healthedu.DivisionCode, f healthedu.ActivityForm, start time.Time, n int64) *healthedu.Activity {
	return &healthedu.Activity{Division: d, Form: f, Start: start, End: start.Add(time.Hour), Participants: n}
}

// weekItems returns items of 东昌府区 and one elsewhere, for 2025W44.
func weekItems() []*ledger.Rectification {
	mk := func(id string, d healthedu.DivisionCode, opened time.Time, deadline healthedu.Date, events ...ledger.Event) *ledger.Rectification {
		r := item(events...)
		r.ID, r.Division, r.Deadline = id, d, deadline
		r.History[0].At = opened
		return r
	}
	return []*ledger.Rectification{
		mk("new", township, at(2025, 10, 28, 9, 0), mustDate(2025, 11, 30)),
		mk("overdue", township, at(2025, 10, 10, 9, 0), mustDate(2025, 10, 31),
			ledger.Event{At: at(2025, 10, 20, 9, 0), Status: ledger.StatusRectifying, Actor: owner}),
		mk("closed", township, at(2025, 10, 10, 9, 0), mustDate(2025, 10, 31),
			ledger.Event{At: at(2025, 10, 30, 9, 0), Status: ledger.StatusRectified, Actor: owner},
			ledger.Event{At: at(2025, 11, 1, 9, 0), Status: ledger.StatusVerified, Actor: verifier}),
		// Rectified in time, verified the week after: neither overdue nor
		// closed in 2025W44.
		mk("verified-later", township, at(2025, 10, 10, 9, 0), mustDate(2025, 10, 31),
			ledger.Event{At: at(2025, 10, 30, 9, 0), Status: ledger.StatusRectified, Actor: owner},
			ledger.Event{At: at(2025, 11, 4, 9, 0), Status: ledger.StatusVerified, Actor: verifier}),
		mk("opened-later", township, at(2025, 11, 3, 0, 0), mustDate(2025, 10, 31)),
		mk("elsewhere", healthedu.MustParseDivisionCode("371503001"), at(2025, 10, 28, 9, 0), mustDate(2025, 10, 29)),
	}
}

func TestWeekly(t *testing.T) {
	cat := indicators.DefaultCatalogue()
	chmr, _ := cat.Indicator("child-health-management-rate")
	opts := ledger.WeeklyOptions{
		Under: county, Divisions: []healthedu.DivisionCode{county, township},
		Indicators: []*indicators.Indicator{chmr}, Reporters: reporters, OverdueMonths: 2,
	}
	lecture, clinic := healthedu.FormLecture, healthedu.FormFreeClinic
	acts := []*healthedu.Activity{
		activity(township, lecture, at(2025, 10, 27, 8, 0), 50),
		activity(township, lecture, time.Date(2025, 10, 26, 16, 0, 0, 0, time.UTC), 30),  // Monday 00:00 in Beijing
		activity(village, clinic, at(2025, 11, 2, 20, 0), 120),                           // Sunday, in November
		activity(township, lecture, at(2025, 10, 26, 23, 0), 999),                        // the Sunday before
		activity(township, lecture, time.Date(2025, 11, 2, 16, 30, 0, 0, time.UTC), 999), // Monday after in Beijing
		activity(healthedu.MustParseDivisionCode("371503001"), lecture, at(2025, 10, 28, 8, 0), 999),
	}

	// 2025W44 runs from Monday 27 October to Sunday 2 November.
	d, err := ledger.Weekly(healthedu.MustParsePeriod("2025W44"), newStore(t), weekItems(), acts, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d.From != mustDate(2025, 10, 27) || d.To != mustDate(2025, 11, 2) || !d.AsOf.Equal(at(2025, 11, 3, 0, 0)) || d.Year != healthedu.MustParsePeriod("2025") {
		t.Errorf("week %s to %s as of %s, year %s", d.From, d.To, d.AsOf, d.Year)
	}
	var progress []string
	for _, r := range d.Progress {
		progress = append(progress, r.String())
	}
	wantProgress := []string{
		"child-health-management-rate 371502000000 2025: 1900 / 2000 × 100 = 95.00 (>= 85 met)",
		"child-health-management-rate 371502001000 2025: 800 / 1000 × 100 = 80.00 (>= 85 not-met)",
	}
	if diff := cmp.Diff(wantProgress, progress); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	// September is the latest month due by 3 November; of August and
	// September, August's reports were never received.
	wantOverdue := []ledger.OverdueReport{
		{Division: township, Month: healthedu.MustParsePeriod("202508"), Deadline: mustDate(2025, 9, 10)},
		{Division: sibling, Month: healthedu.MustParsePeriod("202508"), Deadline: mustDate(2025, 9, 10)},
	}
	if diff := cmp.Diff(wantOverdue, d.OverdueReports, cmpOpts); diff != "" {
		t.Errorf("overdue reports (-want +got):\n%s", diff)
	}
	ids := func(ls []ledger.ItemLine) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	if diff := cmp.Diff([]string{"new"}, ids(d.NewItems)); diff != "" {
		t.Errorf("new items (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"overdue"}, ids(d.OverdueItems)); diff != "" {
		t.Errorf("overdue items (-want +got):\n%s", diff)
	}
	if len(d.OverdueItems) != 1 || d.OverdueItems[0].DaysOverdue != 3 || d.OverdueItems[0].Status != ledger.StatusRectifying {
		t.Errorf("overdue lines: %+v", d.OverdueItems)
	}
	if diff := cmp.Diff([]string{"closed"}, ids(d.ClosedItems)); diff != "" {
		t.Errorf("closed items (-want +got):\n%s", diff)
	}
	wantActs := ledger.ActivitySummary{Activities: 3, Participants: 200, ByForm: []ledger.FormCount{
		{Form: lecture, Activities: 2, Participants: 80},
		{Form: clinic, Activities: 1, Participants: 120},
	}}
	if diff := cmp.Diff(wantActs, d.Activities); diff != "" {
		t.Errorf("activities (-want +got):\n%s", diff)
	}

	// 2025W46 (10–16 November): October's deadline, the end of the 10th,
	// passes within the week.
	d46, err := ledger.Weekly(healthedu.MustParsePeriod("2025W46"), newStore(t), nil, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantOverdue = []ledger.OverdueReport{
		{Division: sibling, Month: healthedu.MustParsePeriod("202510"), Deadline: mustDate(2025, 11, 10), ThisWeek: true},
	}
	if diff := cmp.Diff(wantOverdue, d46.OverdueReports, cmpOpts); diff != "" {
		t.Errorf("2025W46 overdue reports (-want +got):\n%s", diff)
	}

	// The JSON form is one value with lowerCamelCase members.
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, member := range []string{`"week":"2025W44"`, `"from":"2025-10-27"`, `"overdueReports":[`, `"newItems":[`, `"closedItems":[`, `"byForm":[`, `"daysOverdue":3`} {
		if !strings.Contains(string(b), member) {
			t.Errorf("JSON lacks %s:\n%s", member, b)
		}
	}
}

// TestWeeklyFirstWeek: 2025W1 starts on Monday 30 December 2024; it
// belongs to 2025, whose progress as of 6 January has no month due yet.
func TestWeeklyFirstWeek(t *testing.T) {
	cat := indicators.DefaultCatalogue()
	chmr, _ := cat.Indicator("child-health-management-rate")
	acts := []*healthedu.Activity{
		activity(township, healthedu.FormLecture, at(2024, 12, 30, 9, 0), 40),
		activity(township, healthedu.FormLecture, at(2025, 1, 5, 9, 0), 60),
		activity(township, healthedu.FormLecture, at(2024, 12, 29, 9, 0), 999),
	}
	items := []*ledger.Rectification{func() *ledger.Rectification {
		r := item()
		r.History[0].At, r.Deadline = at(2024, 12, 31, 9, 0), mustDate(2024, 12, 31)
		return r
	}()}
	d, err := ledger.Weekly(healthedu.MustParsePeriod("2025W1"), newStore(t), items, acts, ledger.WeeklyOptions{
		Under: county, Divisions: []healthedu.DivisionCode{county}, Indicators: []*indicators.Indicator{chmr},
		Reporters: reporters, OverdueMonths: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.Year != healthedu.MustParsePeriod("2025") || d.From != mustDate(2024, 12, 30) || d.To != mustDate(2025, 1, 5) {
		t.Errorf("year %s, %s to %s", d.Year, d.From, d.To)
	}
	if len(d.Progress) != 1 || d.Progress[0].Period != healthedu.MustParsePeriod("2025") || d.Progress[0].HasValue() {
		t.Errorf("progress: %v", d.Progress)
	}
	if d.Activities.Activities != 2 || d.Activities.Participants != 100 {
		t.Errorf("activities: %+v", d.Activities)
	}
	if len(d.NewItems) != 1 || len(d.OverdueItems) != 1 || d.OverdueItems[0].DaysOverdue != 6 {
		t.Errorf("items: new %+v, overdue %+v", d.NewItems, d.OverdueItems)
	}
	// November 2024 (deadline 10 December) is the latest month due.
	wantOverdue := []ledger.OverdueReport{
		{Division: township, Month: healthedu.MustParsePeriod("202411"), Deadline: mustDate(2024, 12, 10)},
		{Division: sibling, Month: healthedu.MustParsePeriod("202411"), Deadline: mustDate(2024, 12, 10)},
	}
	if diff := cmp.Diff(wantOverdue, d.OverdueReports, cmpOpts); diff != "" {
		t.Errorf("overdue reports (-want +got):\n%s", diff)
	}
}

func TestWeeklyErrors(t *testing.T) {
	s := newStore(t)
	tests := []struct {
		name  string
		week  string
		store *indicators.Store
		opts  ledger.WeeklyOptions
	}{
		{"a month", "202510", s, ledger.WeeklyOptions{Under: county}},
		{"no store", "2025W44", nil, ledger.WeeklyOptions{Under: county}},
		{"no division", "2025W44", s, ledger.WeeklyOptions{}},
		{"no completeness", "2025W44", s, ledger.WeeklyOptions{Under: county, Completeness: "nothing", Indicators: []*indicators.Indicator{}}},
	}
	for _, tt := range tests {
		if _, err := ledger.Weekly(healthedu.MustParsePeriod(tt.week), tt.store, nil, nil, tt.opts); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
