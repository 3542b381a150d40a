package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

var (
	county   = healthedu.MustParseDivisionCode("371502")    // 东昌府区
	township = healthedu.MustParseDivisionCode("371502001") // 古楼街道
	sibling  = healthedu.MustParseDivisionCode("371502002")
	village  = healthedu.MustParseDivisionCode("371502001001")
	city     = healthedu.MustParseDivisionCode("3715") // 聊城市

	verifier = ledger.Actor{Division: county, Role: "county-health-commission", ID: "dcf-wang"}
	owner    = ledger.Actor{Division: township, Role: "township-health-centre", ID: "gl-li"}
)

// cmpOpts compares jiceng's value types, whose fields are unexported.
var cmpOpts = cmp.Options{cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{},
	healthedu.Date{}, healthedu.CreditCode{}, healthedu.Decimal{})}

// at returns the instant of the day and time in China Standard Time.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, healthedu.ChinaStandardTime)
}

func mustDate(y int, m time.Month, d int) healthedu.Date {
	dt, ok := healthedu.NewDate(y, m, d)
	if !ok {
		panic("no such date")
	}
	return dt
}

// item returns a valid item of 古楼街道 with the given history after its
// opening by the county.
func item(events ...ledger.Event) *ledger.Rectification {
	r := &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "r-2025-001"},
		Division: township,
		Source:   ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202510")},
		Problem:  "10月月报未按时报送",
		Owner:    ledger.Owner{Role: "township-health-centre"},
		Deadline: mustDate(2025, 11, 30),
		Status:   ledger.StatusOpen,
		History:  []ledger.Event{{At: at(2025, 11, 11, 9, 0), Status: ledger.StatusOpen, Actor: verifier}},
	}
	r.History = append(r.History, events...)
	r.Status = r.History[len(r.History)-1].Status
	return r
}

// codesOf returns "code path" for each issue.
func codesOf(issues []healthedu.Issue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, is.Code+" "+is.Path)
	}
	return out
}

func TestSideOf(t *testing.T) {
	tests := []struct {
		actor healthedu.DivisionCode
		want  ledger.Side
	}{
		{county, ledger.SideVerifier},
		{city, ledger.SideVerifier},
		{township, ledger.SideOwner},
		{village, ledger.SideOwner},
		{sibling, 0},
		{healthedu.MustParseDivisionCode("3716"), 0},
		{healthedu.DivisionCode{}, 0},
	}
	for _, tt := range tests {
		if got := ledger.SideOf(township, tt.actor); got != tt.want {
			t.Errorf("SideOf(%s, %s) = %d, want %d", township, tt.actor, got, tt.want)
		}
	}
}

// TestTransitions tries every change of status, from every status and
// from none, by the owner's side and by a verifier, and compares the
// outcome with the status machine written out.
func TestTransitions(t *testing.T) {
	const (
		o  = ledger.StatusOpen
		rg = ledger.StatusRectifying
		rd = ledger.StatusRectified
		v  = ledger.StatusVerified
		ro = ledger.StatusReopened
	)
	type step struct {
		from, to ledger.Status
		side     string
	}
	legal := map[step]bool{
		{"", o, "owner"}: true, {"", o, "verifier"}: true,
		{o, rg, "owner"}: true, {o, rd, "owner"}: true, {rg, rd, "owner"}: true,
		{rd, v, "verifier"}: true, {rd, ro, "verifier"}: true, {v, ro, "verifier"}: true,
		{ro, rg, "owner"}: true, {ro, rd, "owner"}: true,
	}
	// paths leading to each status, legally.
	t0 := at(2025, 11, 11, 9, 0)
	ev := func(h int, s ledger.Status, a ledger.Actor) ledger.Event {
		return ledger.Event{At: t0.Add(time.Duration(h) * time.Hour), Status: s, Actor: a}
	}
	paths := map[ledger.Status][]ledger.Event{
		"": nil,
		o:  {ev(0, o, verifier)},
		rg: {ev(0, o, verifier), ev(1, rg, owner)},
		rd: {ev(0, o, verifier), ev(1, rd, owner)},
		v:  {ev(0, o, verifier), ev(1, rd, owner), ev(2, v, verifier)},
		ro: {ev(0, o, verifier), ev(1, rd, owner), ev(2, ro, verifier)},
	}
	actors := map[string]ledger.Actor{"owner": owner, "verifier": verifier}
	got, want := map[step]string{}, map[step]string{}
	for from, path := range paths {
		for _, to := range []ledger.Status{o, rg, rd, v, ro} {
			for side, a := range actors {
				s := step{from, to, side}
				r := item()
				r.History, r.Status = append([]ledger.Event(nil), path...), from
				issues := r.Transition(ev(10, to, a))
				got[s] = strings.Join(codesOf(issues), ";")
				switch other := map[string]string{"owner": "verifier", "verifier": "owner"}[side]; {
				case legal[s]:
					want[s] = ""
				case legal[step{from, to, other}] && other == "verifier":
					want[s] = "ledger.verifierOnly /history/" + itoa(len(path)) + "/actor"
				case legal[step{from, to, other}]:
					want[s] = "ledger.ownerOnly /history/" + itoa(len(path)) + "/actor"
				case from == "":
					want[s] = "ledger.historyStart /history/0/status"
				default:
					want[s] = "ledger.transition /history/" + itoa(len(path)) + "/status"
				}
				if want[s] == "" {
					if r.Status != to || len(r.History) != len(path)+1 {
						t.Errorf("%v: status %s with %d events after a legal change", s, r.Status, len(r.History))
					}
					// The record so built validates.
					if is := (&healthedu.Validator{}).Validate(r); len(is) > 0 {
						t.Errorf("%v: %v", s, codesOf(is))
					}
				} else if r.Status != from || len(r.History) != len(path) {
					t.Errorf("%v: an illegal change changed the item", s)
				}
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transitions (-want +got):\n%s", diff)
	}
	if len(got) != 6*5*2 {
		t.Errorf("%d cases, want 60", len(got))
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestTransitionRejects(t *testing.T) {
	r := item()
	tests := []struct {
		name string
		e    ledger.Event
		want []string
	}{
		{"outsider", ledger.Event{At: at(2025, 11, 12, 9, 0), Status: ledger.StatusRectifying, Actor: ledger.Actor{Division: sibling, ID: "x"}},
			[]string{"ledger.actorOutside /history/1/actor/division"}},
		{"earlier", ledger.Event{At: at(2025, 11, 10, 9, 0), Status: ledger.StatusRectifying, Actor: owner},
			[]string{"ledger.historyOrder /history/1/at"}},
		{"no time", ledger.Event{Status: ledger.StatusRectifying, Actor: owner},
			[]string{"ledger.required /history/1/at"}},
		{"no actor id", ledger.Event{At: at(2025, 11, 12, 9, 0), Status: ledger.StatusRectifying, Actor: ledger.Actor{Division: village}},
			[]string{"ledger.required /history/1/actor/id"}},
		{"village acts as owner", ledger.Event{At: at(2025, 11, 12, 9, 0), Status: ledger.StatusRectifying, Actor: ledger.Actor{Division: village, ID: "v1"}},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := r.Clone()
			if diff := cmp.Diff(tt.want, codesOf(c.Transition(tt.e))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestOverdue checks the deadline's boundary in China Standard Time: the
// deadline day 30 November 2025 ends at 2025-12-01T00:00+08:00, which is
// 2025-11-30T16:00Z.
func TestOverdue(t *testing.T) {
	open := item()
	rectified := item(ledger.Event{At: at(2025, 11, 20, 9, 0), Status: ledger.StatusRectified, Actor: owner})
	lateRectified := item(ledger.Event{At: at(2025, 12, 3, 9, 0), Status: ledger.StatusRectified, Actor: owner})
	verified := item(ledger.Event{At: at(2025, 11, 20, 9, 0), Status: ledger.StatusRectified, Actor: owner},
		ledger.Event{At: at(2025, 11, 21, 9, 0), Status: ledger.StatusVerified, Actor: verifier})
	reopened := item(ledger.Event{At: at(2025, 11, 20, 9, 0), Status: ledger.StatusRectified, Actor: owner},
		ledger.Event{At: at(2025, 11, 21, 9, 0), Status: ledger.StatusReopened, Actor: verifier})
	noDeadline := item()
	noDeadline.Deadline = healthedu.Date{}

	lastMilli := time.Date(2025, 11, 30, 23, 59, 59, 999_999_999, healthedu.ChinaStandardTime)
	midnight := at(2025, 12, 1, 0, 0)
	tests := []struct {
		name string
		r    *ledger.Rectification
		now  time.Time
		want bool
	}{
		{"last instant of the day, CST", open, lastMilli, false},
		{"23:59:59.999 CST", open, time.Date(2025, 11, 30, 23, 59, 59, 999_000_000, healthedu.ChinaStandardTime), false},
		{"midnight after, CST", open, midnight, true},
		{"15:59:59.999Z is still the deadline day", open, time.Date(2025, 11, 30, 15, 59, 59, 999_000_000, time.UTC), false},
		{"16:00Z is the next day in Beijing", open, time.Date(2025, 11, 30, 16, 0, 0, 0, time.UTC), true},
		{"23:59Z on the deadline day in UTC is already late", open, time.Date(2025, 11, 30, 23, 59, 0, 0, time.UTC), true},
		{"rectified in time", rectified, midnight, false},
		{"rectified late: overdue until rectified", lateRectified, midnight, true},
		{"rectified late, judged after", lateRectified, at(2025, 12, 4, 0, 0), false},
		{"verified", verified, midnight, false},
		{"reopened", reopened, midnight, true},
		{"no deadline", noDeadline, midnight, false},
	}
	for _, tt := range tests {
		if got := tt.r.Overdue(tt.now); got != tt.want {
			t.Errorf("%s: Overdue(%s) = %v, want %v", tt.name, tt.now.Format(time.RFC3339Nano), got, tt.want)
		}
	}
	if got, want := open.DeadlineEnd(), midnight; !got.Equal(want) {
		t.Errorf("DeadlineEnd = %s, want %s", got, want)
	}
}

func TestCheck(t *testing.T) {
	v := &healthedu.Validator{Now: at(2025, 12, 15, 12, 0)}
	tests := []struct {
		name   string
		modify func(r *ledger.Rectification)
		want   []string
	}{
		{"valid", func(r *ledger.Rectification) {}, nil},
		{"status not the last event's", func(r *ledger.Rectification) { r.Status = ledger.StatusVerified },
			[]string{"ledger.statusMismatch /status"}},
		{"unknown division", func(r *ledger.Rectification) {
			r.Division = healthedu.MustParseDivisionCode("371599001")
			r.History[0].Actor.Division = healthedu.MustParseDivisionCode("371599")
		}, []string{"division.unknown /division"}},
		{"no period nor date", func(r *ledger.Rectification) { r.Source = ledger.Source{Type: ledger.SourceInspection} },
			[]string{"ledger.sourceMissing /source"}},
		{"inspection by date", func(r *ledger.Rectification) {
			r.Source = ledger.Source{Type: ledger.SourceInspection, Date: mustDate(2025, 11, 5)}
		}, nil},
		{"monthly notification for a quarter", func(r *ledger.Rectification) { r.Source.Period = healthedu.MustParsePeriod("2025Q4") },
			[]string{"ledger.sourcePeriod /source/period"}},
		{"weekly dispatch for a month", func(r *ledger.Rectification) { r.Source.Type = ledger.SourceWeeklyDispatch },
			[]string{"ledger.sourcePeriod /source/period"}},
		{"no owner", func(r *ledger.Rectification) { r.Owner = ledger.Owner{Name: "古楼街道社区卫生服务中心"} },
			[]string{"ledger.ownerMissing /owner"}},
		{"target without indicator", func(r *ledger.Rectification) { d := healthedu.DecimalFromInt(85); r.Target = &d },
			[]string{"ledger.targetWithoutIndicator /target"}},
		{"unregistered finding", func(r *ledger.Rectification) { r.Finding = &ledger.Finding{Code: "ledger.nothing"} },
			[]string{"ledger.findingUnknown /finding/code"}},
		{"deadline in the future is fine", func(r *ledger.Rectification) { r.Deadline = mustDate(2026, 3, 31) }, nil},
		{"deadline too early", func(r *ledger.Rectification) { r.Deadline = mustDate(1999, 3, 31) },
			[]string{"time.tooEarly /deadline"}},
		{"event in the future", func(r *ledger.Rectification) {
			r.History = append(r.History, ledger.Event{At: at(2026, 1, 1, 0, 0), Status: ledger.StatusRectified, Actor: owner})
			r.Status = ledger.StatusRectified
		}, []string{"time.future /history/1/at"}},
		{"owner verifies", func(r *ledger.Rectification) {
			r.History = append(r.History,
				ledger.Event{At: at(2025, 11, 20, 0, 0), Status: ledger.StatusRectified, Actor: owner},
				ledger.Event{At: at(2025, 11, 21, 0, 0), Status: ledger.StatusVerified, Actor: owner})
			r.Status = ledger.StatusVerified
		}, []string{"ledger.verifierOnly /history/2/actor"}},
		{"starts rectified, out of order", func(r *ledger.Rectification) {
			r.History = []ledger.Event{
				{At: at(2025, 11, 20, 0, 0), Status: ledger.StatusRectified, Actor: owner},
				{At: at(2025, 11, 19, 0, 0), Status: ledger.StatusVerified, Actor: verifier},
			}
			r.Status = ledger.StatusVerified
		}, []string{"ledger.historyStart /history/0/status", "ledger.historyOrder /history/1/at"}},
		{"citizen ID as actor", func(r *ledger.Rectification) { r.History[0].Actor.ID = "110101199003070011" },
			[]string{"ledger.citizenId /history/0/actor/id"}},
		{"citizen-ID-shaped actor with a wrong check digit", func(r *ledger.Rectification) { r.History[0].Actor.ID = "110101199003070012" },
			[]string{"ledger.citizenId /history/0/actor/id"}},
		{"citizen ID in a note", func(r *ledger.Rectification) { r.History[0].Note = "联系居民 110101199003070011" },
			[]string{"ledger.citizenId /history/0/note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := item()
			tt.modify(r)
			issues := v.Validate(r)
			if diff := cmp.Diff(tt.want, codesOf(issues)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			for _, is := range issues {
				for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
					if m := is.Message(healthedu.MatchLanguage(lang)); strings.Contains(m, "110101199003070011") {
						t.Errorf("%s message shows the citizen ID: %s", lang, m)
					}
				}
			}
		})
	}
}
