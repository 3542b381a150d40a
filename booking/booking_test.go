package booking_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
)

var (
	county   = healthedu.MustParseDivisionCode("371502")    // 东昌府区
	township = healthedu.MustParseDivisionCode("371502001") // 古楼街道
	sibling  = healthedu.MustParseDivisionCode("371502002") // 柳园街道
	village  = healthedu.MustParseDivisionCode("371502001001")

	requester = booking.Actor{Division: township, Role: "requester", ID: "gl-dongguan"}
	staff     = booking.Actor{Division: township, Role: "township-health-centre", ID: "gl-zhang"}
	countyHC  = booking.Actor{Division: county, Role: "county-health-commission", ID: "dcf-jiaoyu"}

	validator = &healthedu.Validator{Now: at(2025, 11, 15, 12, 0)}
)

// cmpOpts compares jiceng's value types, whose fields are unexported.
var cmpOpts = cmp.Options{cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{},
	healthedu.Date{}, healthedu.Mobile{})}

// at returns the instant of the day and time in China Standard Time.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, healthedu.ChinaStandardTime)
}

func date(y int, m time.Month, d int) healthedu.Date {
	dt, ok := healthedu.NewDate(y, m, d)
	if !ok {
		panic("no such date")
	}
	return dt
}

// request returns a valid request of 古楼街道 made on 30 October 2025 at
// 09:15, with its history.
func request() *booking.LectureRequest {
	return &booking.LectureRequest{
		Header:    healthedu.Header{SchemaVersion: "1", Kind: booking.KindLectureRequest, ID: "lc-gl-dc-2025-031"},
		Division:  township,
		Requester: booking.Requester{Type: booking.RequesterCommunity, Name: "古楼街道东关社区居委会"},
		Topics:    []healthedu.Topic{"hypertension", "falls"},
		PreferredDates: []booking.DateRange{
			{From: date(2025, 11, 3), To: date(2025, 11, 7)},
		},
		RequestedAt: at(2025, 10, 30, 9, 15),
		Status:      booking.StatusRequested,
		History:     []booking.Event{{At: at(2025, 10, 30, 9, 15), Status: booking.StatusRequested, Actor: requester}},
	}
}

var (
	plan = &booking.Schedule{Expert: "lc-expert-0412", Activity: "lc-gl-2025-1105-01", Date: date(2025, 11, 5)}
	held = &booking.Held{Activity: "lc-gl-2025-1105-01", Date: date(2025, 11, 5)}
)

// update returns the update to status s at t by staff, with what s needs.
func update(s booking.Status, t time.Time) booking.Update {
	u := booking.Update{At: t, Status: s, Actor: staff}
	switch s {
	case booking.StatusScheduled:
		u.Schedule = plan
	case booking.StatusHeld:
		u.Held = held
	case booking.StatusDeclined:
		u.Reason = "暂无可派专家"
	case booking.StatusCancelled:
		u.Actor = requester
	}
	return u
}

// codesOf returns "code path" for each issue.
func codesOf(issues []healthedu.Issue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, is.Code+" "+is.Path)
	}
	return out
}

// TestAllowed lists every pair of statuses, the empty one included, with
// whether the change is allowed.
func TestAllowed(t *testing.T) {
	statuses := []booking.Status{"", booking.StatusRequested, booking.StatusScheduled, booking.StatusHeld,
		booking.StatusDeclined, booking.StatusCancelled}
	allowed := map[[2]booking.Status]bool{
		{"", booking.StatusRequested}:                      true,
		{booking.StatusRequested, booking.StatusScheduled}: true,
		{booking.StatusRequested, booking.StatusDeclined}:  true,
		{booking.StatusRequested, booking.StatusCancelled}: true,
		{booking.StatusScheduled, booking.StatusScheduled}: true,
		{booking.StatusScheduled, booking.StatusHeld}:      true,
		{booking.StatusScheduled, booking.StatusDeclined}:  true,
		{booking.StatusScheduled, booking.StatusCancelled}: true,
	}
	for _, from := range statuses {
		for _, to := range statuses {
			if got, want := booking.Allowed(from, to), allowed[[2]booking.Status{from, to}]; got != want {
				t.Errorf("Allowed(%q, %q) = %v; want %v", from, to, got, want)
			}
		}
	}
}

// TestApplyTransitions applies every change of status to a request in
// every status, and checks that the legal ones are applied and leave a
// valid request, and the illegal ones are refused with their code and
// change nothing.
func TestApplyTransitions(t *testing.T) {
	// paths brings a request to each status, by changes from 31 October.
	paths := map[booking.Status][]booking.Status{
		booking.StatusRequested: nil,
		booking.StatusScheduled: {booking.StatusScheduled},
		booking.StatusHeld:      {booking.StatusScheduled, booking.StatusHeld},
		booking.StatusDeclined:  {booking.StatusDeclined},
		booking.StatusCancelled: {booking.StatusScheduled, booking.StatusCancelled},
	}
	build := func(t *testing.T, s booking.Status) *booking.LectureRequest {
		r := request()
		for i, step := range paths[s] {
			if issues := r.Apply(validator, update(step, at(2025, 11, 5+i, 18, 0))); issues != nil {
				t.Fatalf("building %s: %v", s, codesOf(issues))
			}
		}
		return r
	}
	tests := []struct {
		from, to booking.Status
		want     []string // nil when applied
	}{
		{booking.StatusRequested, booking.StatusRequested, []string{"booking.transition /history/1/status"}},
		{booking.StatusRequested, booking.StatusScheduled, nil},
		{booking.StatusRequested, booking.StatusHeld, []string{"booking.transition /history/1/status"}},
		{booking.StatusRequested, booking.StatusDeclined, nil},
		{booking.StatusRequested, booking.StatusCancelled, nil},
		{booking.StatusScheduled, booking.StatusRequested, []string{"booking.transition /history/2/status"}},
		{booking.StatusScheduled, booking.StatusScheduled, nil},
		{booking.StatusScheduled, booking.StatusHeld, nil},
		{booking.StatusScheduled, booking.StatusDeclined, nil},
		{booking.StatusScheduled, booking.StatusCancelled, nil},
		{booking.StatusHeld, booking.StatusRequested, []string{"booking.transition /history/3/status"}},
		{booking.StatusHeld, booking.StatusScheduled, []string{"booking.transition /history/3/status"}},
		{booking.StatusHeld, booking.StatusHeld, []string{"booking.transition /history/3/status"}},
		{booking.StatusHeld, booking.StatusDeclined, []string{"booking.transition /history/3/status"}},
		{booking.StatusHeld, booking.StatusCancelled, []string{"booking.transition /history/3/status"}},
		{booking.StatusDeclined, booking.StatusRequested, []string{"booking.transition /history/2/status"}},
		{booking.StatusDeclined, booking.StatusScheduled, []string{"booking.transition /history/2/status"}},
		{booking.StatusDeclined, booking.StatusHeld, []string{"booking.transition /history/2/status"}},
		{booking.StatusDeclined, booking.StatusDeclined, []string{"booking.transition /history/2/status"}},
		{booking.StatusDeclined, booking.StatusCancelled, []string{"booking.transition /history/2/status"}},
		{booking.StatusCancelled, booking.StatusRequested, []string{"booking.transition /history/3/status"}},
		{booking.StatusCancelled, booking.StatusScheduled, []string{"booking.transition /history/3/status"}},
		{booking.StatusCancelled, booking.StatusHeld, []string{"booking.transition /history/3/status"}},
		{booking.StatusCancelled, booking.StatusDeclined, []string{"booking.transition /history/3/status"}},
		{booking.StatusCancelled, booking.StatusCancelled, []string{"booking.transition /history/3/status"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"-"+string(tt.to), func(t *testing.T) {
			r := build(t, tt.from)
			before := r.Clone()
			issues := r.Apply(validator, update(tt.to, at(2025, 11, 10, 9, 0)))
			if diff := cmp.Diff(tt.want, codesOf(issues)); diff != "" {
				t.Fatalf("Apply (-want +got):\n%s", diff)
			}
			if tt.want != nil {
				if diff := cmp.Diff(before, r, cmpOpts); diff != "" {
					t.Errorf("a refused update changed the request (-before +after):\n%s", diff)
				}
				return
			}
			if r.Status != tt.to || len(r.History) != len(before.History)+1 {
				t.Errorf("status %s, %d events; want %s, %d", r.Status, len(r.History), tt.to, len(before.History)+1)
			}
			if issues := validator.Validate(r); len(issues) > 0 {
				t.Errorf("the request applied is not valid: %v", codesOf(issues))
			}
		})
	}
}

// TestApplyRefused checks the other reasons Apply refuses an update.
func TestApplyRefused(t *testing.T) {
	scheduled := func() *booking.LectureRequest {
		r := request()
		if issues := r.Apply(validator, update(booking.StatusScheduled, at(2025, 10, 31, 10, 0))); issues != nil {
			t.Fatal(codesOf(issues))
		}
		return r
	}
	tests := []struct {
		name string
		r    func() *booking.LectureRequest
		u    booking.Update
		want []string
	}{
		{"no time", request, booking.Update{Status: booking.StatusDeclined, Actor: staff, Reason: "x"},
			[]string{"booking.required /history/1/at"}},
		{"no status", request, booking.Update{At: at(2025, 11, 1, 9, 0), Actor: staff},
			[]string{"booking.required /history/1/status"}},
		{"no actor division", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusCancelled, Actor: booking.Actor{ID: "x"}},
			[]string{"booking.required /history/1/actor/division"}},
		{"no actor id", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusCancelled, Actor: booking.Actor{Division: township}},
			[]string{"booking.required /history/1/actor/id"}},
		{"earlier than the last event", request, update(booking.StatusScheduled, at(2025, 10, 29, 9, 0)),
			[]string{"booking.historyOrder /history/1/at"}},
		{"actor of another township", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusDeclined,
			Actor: booking.Actor{Division: sibling, ID: "ly-wang"}, Reason: "x"},
			[]string{"booking.actorOutside /history/1/actor/division"}},
		{"scheduled without schedule", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusScheduled, Actor: staff},
			[]string{"booking.scheduleMissing /schedule"}},
		{"schedule without expert", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusScheduled, Actor: staff,
			Schedule: &booking.Schedule{Activity: "a1", Date: date(2025, 11, 5)}},
			[]string{"booking.required /schedule/expert"}},
		{"held without held", scheduled, booking.Update{At: at(2025, 11, 5, 18, 0), Status: booking.StatusHeld, Actor: staff},
			[]string{"booking.heldMissing /held"}},
		{"held without day", scheduled, booking.Update{At: at(2025, 11, 5, 18, 0), Status: booking.StatusHeld, Actor: staff,
			Held: &booking.Held{Activity: "a1"}},
			[]string{"booking.required /held/date"}},
		{"declined without reason", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusDeclined, Actor: countyHC},
			[]string{"booking.reasonMissing /declineReason"}},
		{"cancelled with a reason and a schedule", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusCancelled,
			Actor: requester, Reason: "x", Schedule: plan},
			[]string{"booking.unexpected /schedule", "booking.unexpected /declineReason"}},
		{"planned before the request", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusScheduled, Actor: staff,
			Schedule: &booking.Schedule{Expert: "e1", Activity: "a1", Date: date(2025, 10, 29)}},
			[]string{"booking.beforeRequest /schedule/date"}},
		{"held in the future", scheduled, booking.Update{At: at(2025, 11, 20, 18, 0), Status: booking.StatusHeld, Actor: staff,
			Held: &booking.Held{Activity: "a1", Date: date(2025, 11, 20)}},
			[]string{"time.future /history/2/at", "time.future /held/date"}},
		{"held after it was recorded", scheduled, booking.Update{At: at(2025, 11, 5, 18, 0), Status: booking.StatusHeld, Actor: staff,
			Held: &booking.Held{Activity: "a1", Date: date(2025, 11, 6)}},
			[]string{"booking.heldAfterRecord /held/date"}},
		{"actor named by citizen ID", request, booking.Update{At: at(2025, 11, 1, 9, 0), Status: booking.StatusCancelled,
			Actor: booking.Actor{Division: township, ID: "110101199003070011"}},
			[]string{"booking.citizenId /history/1/actor/id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r()
			before := r.Clone()
			issues := r.Apply(validator, tt.u)
			if diff := cmp.Diff(tt.want, codesOf(issues)); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, r, cmpOpts); diff != "" {
				t.Errorf("a refused update changed the request (-before +after):\n%s", diff)
			}
		})
	}
}

// TestApplyMakes makes a request from nothing with Apply, which sets
// requestedAt, then reschedules it and holds it: the request ends with
// the latest schedule and is valid.
func TestApplyMakes(t *testing.T) {
	r := &booking.LectureRequest{
		Header:    healthedu.Header{SchemaVersion: "1", Kind: booking.KindLectureRequest, ID: "lc-school-2025-007"},
		Division:  township,
		Requester: booking.Requester{Type: booking.RequesterSchool, Name: "聊城第一中学"},
		Topics:    []healthedu.Topic{"first-aid"},
	}
	again := &booking.Schedule{Expert: "lc-expert-0107", Activity: "lc-gl-2025-1112-01", Date: date(2025, 11, 12)}
	for _, u := range []booking.Update{
		{At: at(2025, 11, 1, 8, 0), Status: booking.StatusRequested, Actor: booking.Actor{Division: village, ID: "school-liu"}},
		update(booking.StatusScheduled, at(2025, 11, 2, 9, 0)),
		{At: at(2025, 11, 4, 11, 0), Status: booking.StatusScheduled, Actor: staff, Note: "改期", Schedule: again},
		{At: at(2025, 11, 12, 17, 0), Status: booking.StatusHeld, Actor: staff, Held: &booking.Held{Activity: "lc-gl-2025-1112-01", Date: date(2025, 11, 12)}},
	} {
		if issues := r.Apply(validator, u); issues != nil {
			t.Fatalf("Apply %s: %v", u.Status, codesOf(issues))
		}
	}
	if !r.RequestedAt.Equal(at(2025, 11, 1, 8, 0)) || r.Status != booking.StatusHeld || *r.Schedule != *again {
		t.Errorf("requestedAt %v, status %s, schedule %+v", r.RequestedAt, r.Status, r.Schedule)
	}
	if issues := validator.Validate(r); len(issues) > 0 {
		t.Errorf("not valid: %v", codesOf(issues))
	}
	if s, ok := r.StatusAt(at(2025, 11, 3, 0, 0)); !ok || s != booking.StatusScheduled {
		t.Errorf("StatusAt(3 Nov) = %s, %v; want scheduled", s, ok)
	}
	if s, ok := r.StatusAt(at(2025, 10, 31, 0, 0)); ok || s != "" {
		t.Errorf("StatusAt(31 Oct) = %q, %v; want none", s, ok)
	}
}

// TestCheck checks the rules of Check on requests built by hand.
func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *booking.LectureRequest)
		want   []string
	}{
		{"valid", func(*booking.LectureRequest) {}, nil},
		{"status mismatch", func(r *booking.LectureRequest) { r.Status = booking.StatusScheduled; r.Schedule = plan },
			[]string{"booking.statusMismatch /status"}},
		{"requestedAt mismatch", func(r *booking.LectureRequest) { r.RequestedAt = at(2025, 10, 30, 9, 0) },
			[]string{"booking.requestedAt /requestedAt"}},
		{"history start", func(r *booking.LectureRequest) {
			r.History[0].Status = booking.StatusScheduled
			r.Status, r.Schedule = booking.StatusScheduled, plan
		}, []string{"booking.historyStart /history/0/status"}},
		{"unknown division", func(r *booking.LectureRequest) {
			r.Division = healthedu.MustParseDivisionCode("371599")
			r.History[0].Actor.Division = healthedu.MustParseDivisionCode("3715")
		}, []string{"division.unknown /division"}},
		{"preferred span reversed and before the request", func(r *booking.LectureRequest) {
			r.PreferredDates = []booking.DateRange{{From: date(2025, 10, 29), To: date(2025, 10, 28)}}
		}, []string{"booking.preferredOrder /preferredDates/0/to", "booking.beforeRequest /preferredDates/0/from"}},
		{"preferred in 1999", func(r *booking.LectureRequest) {
			r.PreferredDates = []booking.DateRange{{From: date(1999, 10, 29)}}
		}, []string{"time.tooEarly /preferredDates/0/from", "booking.beforeRequest /preferredDates/0/from"}},
		{"citizen IDs in text", func(r *booking.LectureRequest) {
			r.Requester.Name = "张三110101199003070011"
			r.Description = "联系110101199003070011"
			r.History[0].Note = "110101199003070011"
		}, []string{"booking.citizenId /requester/name", "booking.citizenId /description", "booking.citizenId /history/0/note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request()
			tt.change(r)
			if diff := cmp.Diff(tt.want, codesOf(validator.Validate(r))); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordPeriod(t *testing.T) {
	r := request()
	r.RequestedAt = time.Date(2025, 10, 31, 17, 0, 0, 0, time.UTC) // 1 November in Beijing
	p, path := r.RecordPeriod()
	if p.String() != "202511" || path != "/requestedAt" {
		t.Errorf("RecordPeriod() = %s, %q; want 202511, /requestedAt", p, path)
	}
	if r.RecordDivision() != township {
		t.Errorf("RecordDivision() = %s", r.RecordDivision())
	}
}

func TestLabels(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{booking.StatusDeclined.Label(healthedu.ZhHans), "不予安排"},
		{booking.StatusHeld.Label(healthedu.ZhHant), "已舉辦"},
		{booking.StatusCancelled.Label(healthedu.English), "cancelled by the requester"},
		{booking.RequesterResidentGroup.Label(healthedu.ZhHans), "居民群体"},
		{booking.RequesterSchool.Label(healthedu.English), "school"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("label %q; want %q", tt.got, tt.want)
		}
	}
	var s booking.Status
	if err := s.UnmarshalText([]byte("done")); err == nil {
		t.Error("Status accepts done")
	}
	if !booking.StatusScheduled.Open() || booking.StatusHeld.Open() {
		t.Error("Open")
	}
}
