package booking

import (
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// transitions are the allowed changes of status; the empty from makes a
// request.
var transitions = map[[2]Status]bool{
	{"", StatusRequested}:              true,
	{StatusRequested, StatusScheduled}: true,
	{StatusRequested, StatusDeclined}:  true,
	{StatusRequested, StatusCancelled}: true,
	{StatusScheduled, StatusScheduled}: true,
	{StatusScheduled, StatusHeld}:      true,
	{StatusScheduled, StatusDeclined}:  true,
	{StatusScheduled, StatusCancelled}: true,
}

// Allowed reports whether a request's status may change from from to to
// (状态流转). The empty from stands for a request not yet made:
//
//	(none)    → requested
//	requested → scheduled, declined, cancelled
//	scheduled → scheduled (rescheduled), held, declined, cancelled
//
// Every other change is not allowed: a lecture is held only as scheduled,
// and held, declined and cancelled are final — a requester who wants a
// lecture again makes a new request.
func Allowed(from, to Status) bool { return transitions[[2]Status{from, to}] }

// related reports whether an actor at a may act on a request of division
// d: a lies within d (d contains a) or above it (a contains d). With
// either zero, it does not say no.
func related(d, a healthedu.DivisionCode) bool {
	return !d.IsValid() || !a.IsValid() || d.Contains(a) || a.Contains(d)
}

// checkHistory reports what is wrong with the history h of a request of
// division d: events out of order, a first event that does not make the
// request, changes of status not allowed, actors unrelated to d.
func checkHistory(d healthedu.DivisionCode, h []Event) []healthedu.Issue {
	var issues []healthedu.Issue
	var prev Status
	for i, e := range h {
		at := strconv.Itoa(i)
		if i > 0 && e.At.Before(h[i-1].At) {
			issues = append(issues, orderIssue(healthedu.Pointer("history", at, "at"), e.At, h[i-1].At))
		}
		if issue, ok := checkStep(d, prev, e, i); !ok {
			issues = append(issues, issue)
		}
		prev = e.Status
	}
	return issues
}

func orderIssue(path string, t, prev time.Time) healthedu.Issue {
	return healthedu.NewIssue("booking.historyOrder", path,
		map[string]any{"value": formatTime(t), "previous": formatTime(prev)})
}

// checkStep checks the change of a request of division d from status prev
// to e, history entry i: the issue and false when it is not allowed.
func checkStep(d healthedu.DivisionCode, prev Status, e Event, i int) (healthedu.Issue, bool) {
	path := healthedu.Pointer("history", strconv.Itoa(i))
	switch {
	case !related(d, e.Actor.Division):
		return healthedu.NewIssue("booking.actorOutside", path+"/actor/division",
			map[string]any{"value": e.Actor.Division.Short(), "division": d.Short()}), false
	case prev == "" && e.Status != StatusRequested:
		return healthedu.NewIssue("booking.historyStart", path+"/status", map[string]any{"value": string(e.Status)}), false
	case !Allowed(prev, e.Status):
		return healthedu.NewIssue("booking.transition", path+"/status",
			map[string]any{"from": string(prev), "to": string(e.Status)}), false
	}
	return healthedu.Issue{}, true
}

// Update is one change of a request's status (状态变更) for
// [LectureRequest.Apply]: the event, and what the new status needs — the
// schedule to scheduled, the lecture held to held, the reason to declined.
type Update struct {
	// At is when the change is made (时间).
	At time.Time
	// Status is the status the request changes to (变更后状态).
	Status Status
	// Actor is who makes the change (操作人).
	Actor Actor
	// Note says what was done or why (说明); optional.
	Note string
	// Schedule is the lecture as planned (宣讲安排), for a change to
	// scheduled (a first schedule or a new one), and only then.
	Schedule *Schedule
	// Held is the lecture as held (宣讲举办情况), for a change to held,
	// and only then.
	Held *Held
	// Reason is why the request is declined (不予安排原因), for a change
	// to declined, and only then.
	Reason string
}

// Apply records a change of the request's status (办理): it appends the
// update's event to the history, sets the status, and sets the schedule,
// the lecture held or the reason the update brings; a change to requested
// on a request without history makes it, and sets RequestedAt to u.At.
// It applies the update only when the change is allowed ([Allowed]) and
// brings no error that the request did not have before, as v judges it
// ([LectureRequest.Check], with v's registry and clock: a nil v is the
// zero Validator). Otherwise it changes nothing and returns the issues,
// with paths into the request as the update would have made it:
//
//   - "booking.required" for an update without time, valid status, actor
//     division or actor ID, or with a schedule without expert, activity or
//     day, or a lecture held without activity or day (the other rules of
//     the members, such as the pattern of IDs, are the Decoder's: validate
//     a request decoded, not one built by hand);
//   - "booking.historyOrder" for an update earlier than the last event,
//     "booking.historyStart", "booking.transition" and
//     "booking.actorOutside" as Check reports them;
//   - "booking.scheduleMissing", "booking.heldMissing" and
//     "booking.reasonMissing" for an update to scheduled, held or declined
//     without what that status needs, "booking.unexpected" for an update
//     that brings what its status does not take;
//   - the errors of Check that the changed request would have and the
//     request did not, such as "time.future" for an update after v.Now
//     or "booking.beforeRequest" for a lecture planned before the day of
//     the request.
//
// On success it returns the warnings of the changed request, if any.
func (r *LectureRequest) Apply(v *healthedu.Validator, u Update) []healthedu.Issue {
	if v == nil {
		v = &healthedu.Validator{}
	}
	n := len(r.History)
	path := healthedu.Pointer("history", strconv.Itoa(n))
	for _, req := range []struct {
		missing bool
		field   string
		path    string
	}{
		{u.At.IsZero(), "at", path + "/at"},
		{!u.Status.IsValid(), "status", path + "/status"},
		{!u.Actor.Division.IsValid(), "division", path + "/actor/division"},
		{u.Actor.ID == "", "id", path + "/actor/id"},
	} {
		if req.missing {
			return []healthedu.Issue{healthedu.NewIssue("booking.required", req.path, map[string]any{"field": req.field})}
		}
	}
	var prev Status
	if n > 0 {
		prev = r.History[n-1].Status
		if u.At.Before(r.History[n-1].At) {
			return []healthedu.Issue{orderIssue(path+"/at", u.At, r.History[n-1].At)}
		}
	}
	e := Event{At: u.At, Status: u.Status, Actor: u.Actor, Note: u.Note}
	if issue, ok := checkStep(r.Division, prev, e, n); !ok {
		return []healthedu.Issue{issue}
	}
	if issues := u.checkPayload(); len(issues) > 0 {
		return issues
	}

	c := r.Clone()
	c.History = append(c.History, e)
	c.Status = u.Status
	if n == 0 && c.RequestedAt.IsZero() {
		c.RequestedAt = u.At
	}
	switch u.Status {
	case StatusScheduled:
		s := *u.Schedule
		c.Schedule = &s
	case StatusHeld:
		h := *u.Held
		c.Held = &h
	case StatusDeclined:
		c.DeclineReason = u.Reason
	}
	before := make(map[[2]string]bool)
	for _, is := range r.Check(v) {
		before[[2]string{is.Code, is.Path}] = true
	}
	var errs, warnings []healthedu.Issue
	for _, is := range c.Check(v) {
		switch {
		case is.Severity != healthedu.SeverityError:
			warnings = append(warnings, is)
		case !before[[2]string{is.Code, is.Path}]:
			errs = append(errs, is)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	*r = *c
	return warnings
}

// checkPayload reports what the update's status needs and lacks, and what
// it brings that its status does not take.
func (u *Update) checkPayload() []healthedu.Issue {
	var issues []healthedu.Issue
	need := func(missing bool, code, field string) {
		if missing {
			issues = append(issues, healthedu.NewIssue(code, healthedu.Pointer(field), nil))
		}
	}
	extra := func(given bool, field string) {
		if given {
			issues = append(issues, healthedu.NewIssue("booking.unexpected", healthedu.Pointer(field),
				map[string]any{"field": field, "status": string(u.Status)}))
		}
	}
	switch u.Status {
	case StatusScheduled:
		need(u.Schedule == nil, "booking.scheduleMissing", "schedule")
	case StatusHeld:
		need(u.Held == nil, "booking.heldMissing", "held")
	case StatusDeclined:
		need(u.Reason == "", "booking.reasonMissing", "declineReason")
	}
	required := func(missing bool, field string, path ...string) {
		if missing {
			issues = append(issues, healthedu.NewIssue("booking.required", healthedu.Pointer(path...), map[string]any{"field": field}))
		}
	}
	if s := u.Schedule; s != nil && u.Status == StatusScheduled {
		required(s.Expert == "", "expert", "schedule", "expert")
		required(s.Activity == "", "activity", "schedule", "activity")
		required(!s.Date.IsValid(), "date", "schedule", "date")
	}
	if h := u.Held; h != nil && u.Status == StatusHeld {
		required(h.Activity == "", "activity", "held", "activity")
		required(!h.Date.IsValid(), "date", "held", "date")
	}
	extra(u.Status != StatusScheduled && u.Schedule != nil, "schedule")
	extra(u.Status != StatusHeld && u.Held != nil, "held")
	extra(u.Status != StatusDeclined && u.Reason != "", "declineReason")
	return issues
}
