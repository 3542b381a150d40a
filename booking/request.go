package booking

import (
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// KindLectureRequest is the kind of a lecture request (点餐宣讲申请), the
// record this package defines.
const KindLectureRequest healthedu.Kind = "lectureRequest"

// Kinds returns the kinds of record this package defines (点餐记录类型), for
// a [healthedu.Decoder] to take them (healthedu.DecodeOptions.Kinds), alone
// or with others:
//
//	healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), booking.Kinds()...)}
//
// Each call returns a new list.
func Kinds() healthedu.Kinds {
	return healthedu.Kinds{{
		Kind:  KindLectureRequest,
		Names: healthedu.LocalizedText{ZhHans: "点餐宣讲申请", ZhHant: "點餐宣講申請", En: "lecture request"},
		New:   func() healthedu.Record { return new(LectureRequest) },
	}}
}

// LectureRequest is a request for a health lecture "à la carte"
// (点餐式宣讲申请): a community, a school or a group of residents asks for
// a lecture on the topics it wants, in a division, on the days it
// prefers; the health authority schedules it with an expert and a planned
// activity, and the lecture is held — or the request is declined with a
// reason, or withdrawn by its requester.
//
// The record's Status is the status of the last entry of its History,
// whose first entry is the request itself, at RequestedAt; the History
// holds every change of status, and only the changes [Allowed] lists.
// Schedule is kept once the request is scheduled (the latest schedule,
// when it was rescheduled), Held once it is held, DeclineReason once it is
// declined. Change a request with [LectureRequest.Apply]; a resubmission
// of the record (same ID) replaces the one stored.
type LectureRequest struct {
	healthedu.Header
	// Division is the statistical division code of where the lecture is
	// wanted (宣讲地点区划), such as a community (village-level code) or a
	// township.
	Division healthedu.DivisionCode `json:"division"`
	// Requester is who asks for the lecture (点餐方).
	Requester Requester `json:"requester"`
	// Topics are the subjects the requester wants (点餐主题), at least one.
	Topics []healthedu.Topic `json:"topics" jsonschema:"minItems=1,maxItems=20,uniqueItems=true"`
	// Description says in the requester's words what is wanted (需求说明).
	Description string `json:"description,omitempty" jsonschema:"maxLength=500"`
	// PreferredDates are the days or spans of days on which the requester
	// would like the lecture (期望日期), in China Standard Time: each a
	// day, or a span from a day to a day. None means any day.
	PreferredDates []DateRange `json:"preferredDates,omitempty" jsonschema:"maxItems=10"`
	// AudienceSize is the number of people expected (预计听众人数), when
	// the requester says it.
	AudienceSize int64 `json:"audienceSize,omitempty" jsonschema:"minimum=1,maximum=100000"`
	// RequestedAt is when the request was made (申请时间): the time of the
	// first entry of History.
	RequestedAt time.Time `json:"requestedAt"`
	// Status is the request's status (点餐状态): that of the last entry of
	// History.
	Status Status `json:"status"`
	// Schedule is the lecture as planned (宣讲安排): required once the
	// request is scheduled or held, absent while it is only requested.
	Schedule *Schedule `json:"schedule,omitempty"`
	// Held is the lecture as it was held (宣讲举办情况): required when the
	// request is held, absent otherwise.
	Held *Held `json:"held,omitempty"`
	// DeclineReason says why the request was declined (不予安排原因):
	// required when it is declined, absent otherwise.
	DeclineReason string `json:"declineReason,omitempty" jsonschema:"minLength=1,maxLength=500"`
	// History are the request's changes of status (办理记录), oldest first;
	// the first makes the request.
	History []Event `json:"history" jsonschema:"minItems=1,maxItems=100"`
}

// Requester is who asks for a lecture (点餐方): its type, its name, and a
// mobile number to reach it. It names an organisation or a group, never a
// resident by citizen ID number.
type Requester struct {
	// Type is the kind of requester (点餐方类型).
	Type RequesterType `json:"type"`
	// Name is the requester's name (点餐方名称), such as
	// "古楼街道东关社区居委会" or "聊城第一中学".
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Contact is the mobile number of the requester's contact (联系电话),
	// personal information: show it masked, 138****8000.
	Contact healthedu.Mobile `json:"contact,omitzero"`
}

// DateRange is a day or a span of days (日期范围), in China Standard Time:
// From alone is one day; with To, every day from From to To.
type DateRange struct {
	// From is the first day (起始日期).
	From healthedu.Date `json:"from"`
	// To is the last day (截止日期), not before From; absent for one day.
	To healthedu.Date `json:"to,omitzero"`
}

// Last returns the last day of the range: To, or From when To is absent.
func (r DateRange) Last() healthedu.Date {
	if r.To.IsValid() {
		return r.To
	}
	return r.From
}

// Schedule is a lecture as planned (宣讲安排): the expert who is to give
// it, the activity it is planned as, and the day.
type Schedule struct {
	// Expert is the identifier of the expert who is to speak (宣讲专家), as
	// the platform's register of experts knows it — an account or a record
	// ID, never a citizen ID number.
	Expert string `json:"expert" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Activity is the ID of the activity record (健康教育活动) the lecture
	// is planned as, the ID its organiser will report it under.
	Activity string `json:"activity" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Date is the planned day of the lecture (计划日期), in China Standard
	// Time.
	Date healthedu.Date `json:"date"`
}

// Held is a lecture as it was held (宣讲举办情况): the activity record
// that reports it and its day.
type Held struct {
	// Activity is the ID of the activity record (健康教育活动) of the
	// lecture held.
	Activity string `json:"activity" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Date is the day the lecture was held (举办日期), in China Standard
	// Time: the day that counts for the figures.
	Date healthedu.Date `json:"date"`
}

// Actor is who changed a request's status (操作人): the requester's side
// or the health authority's, acting at a division, with a role and an
// account identifier — never a citizen ID number (公民身份号码).
type Actor struct {
	// Division is the division at which the actor acts (操作人所属区划):
	// the request's division, one within it or one above it.
	Division healthedu.DivisionCode `json:"division"`
	// Role is the actor's role (岗位), such as "requester" or
	// "township-health-centre".
	Role string `json:"role,omitempty" jsonschema:"maxLength=50"`
	// ID is the actor's account or staff identifier (操作人标识).
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
}

// Event is one change of a request's status (办理记录): when, to which
// status, by whom, and a note.
type Event struct {
	// At is when the change was made (时间).
	At time.Time `json:"at"`
	// Status is the status the request changed to (变更后状态).
	Status Status `json:"status"`
	// Actor is who made the change (操作人).
	Actor Actor `json:"actor"`
	// Note says what was done or why (说明).
	Note string `json:"note,omitempty" jsonschema:"maxLength=500"`
}

// RecordDivision returns the division where the lecture is wanted.
func (r *LectureRequest) RecordDivision() healthedu.DivisionCode { return r.Division }

// RecordPeriod returns the month the request was made in, in China
// Standard Time, and "/requestedAt".
func (r *LectureRequest) RecordPeriod() (healthedu.Period, string) {
	if r.RequestedAt.IsZero() || !healthedu.Representable(r.RequestedAt) {
		return healthedu.Period{}, "/requestedAt"
	}
	return healthedu.PeriodOf(healthedu.PeriodMonth, r.RequestedAt), "/requestedAt"
}

// StatusAt returns the request's status at the instant t: that of its
// last event at or before t, and true; or "" and false when it was not
// made yet.
func (r *LectureRequest) StatusAt(t time.Time) (Status, bool) {
	var s Status
	for _, e := range r.History {
		if e.At.After(t) {
			break
		}
		s = e.Status
	}
	return s, s != ""
}

// Clone returns a copy of r that shares nothing mutable with it.
func (r *LectureRequest) Clone() *LectureRequest {
	c := *r
	c.Topics = slices.Clone(r.Topics)
	c.PreferredDates = slices.Clone(r.PreferredDates)
	c.History = slices.Clone(r.History)
	if r.Schedule != nil {
		s := *r.Schedule
		c.Schedule = &s
	}
	if r.Held != nil {
		h := *r.Held
		c.Held = &h
	}
	return &c
}

// Check reports what is wrong with the request by the rules a Decoder
// cannot see in one member alone, with paths relative to the record:
//
//   - a division not in v's registry ("division.unknown");
//   - times outside what v accepts, in the future of v.Now included
//     ("time.*"): requestedAt, the history's times, the day held; the
//     preferred and planned days may lie in the future;
//   - a requestedAt other than the time of the first event
//     ("booking.requestedAt");
//   - the history: out of order ("booking.historyOrder"), a first event
//     that does not make the request ("booking.historyStart"), a change
//     of status that is not allowed ("booking.transition", see
//     [Allowed]), an actor at a division neither within the request's nor
//     above it ("booking.actorOutside");
//   - a status that is not the last event's ("booking.statusMismatch");
//   - a schedule missing when scheduled or held ("booking.scheduleMissing"),
//     the lecture held missing when held ("booking.heldMissing"), the
//     reason missing when declined ("booking.reasonMissing"), and any of
//     them given in a status that has none ("booking.unexpected");
//   - a preferred span that ends before it starts ("booking.preferredOrder"),
//     a preferred, planned or held day before the day of the request
//     ("booking.beforeRequest"), a day held after the day it was recorded
//     held ("booking.heldAfterRecord");
//   - an actor or expert identifier that is, or text that holds, a citizen
//     ID number ("booking.citizenId").
func (r *LectureRequest) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	if r.Division.IsValid() && !v.KnownDivision(r.Division) {
		issues = append(issues, healthedu.NewIssue("division.unknown", healthedu.Pointer("division"),
			map[string]any{"value": r.Division.Short()}))
	}
	issues = v.AppendTime(issues, r.RequestedAt, healthedu.Pointer("requestedAt"))
	for i, e := range r.History {
		issues = v.AppendTime(issues, e.At, healthedu.Pointer("history", strconv.Itoa(i), "at"))
	}
	noClock := *v
	noClock.Now = time.Time{} // preferred and planned days may be in the future
	for i, p := range r.PreferredDates {
		issues = noClock.AppendDate(issues, p.From, healthedu.Pointer("preferredDates", strconv.Itoa(i), "from"))
		issues = noClock.AppendDate(issues, p.To, healthedu.Pointer("preferredDates", strconv.Itoa(i), "to"))
	}
	if r.Schedule != nil {
		issues = noClock.AppendDate(issues, r.Schedule.Date, healthedu.Pointer("schedule", "date"))
	}
	if r.Held != nil {
		issues = v.AppendDate(issues, r.Held.Date, healthedu.Pointer("held", "date"))
	}
	if len(r.History) > 0 && !r.RequestedAt.IsZero() && !r.RequestedAt.Equal(r.History[0].At) {
		issues = append(issues, healthedu.NewIssue("booking.requestedAt", healthedu.Pointer("requestedAt"),
			map[string]any{"value": formatTime(r.RequestedAt), "first": formatTime(r.History[0].At)}))
	}
	issues = append(issues, checkHistory(r.Division, r.History)...)
	if n := len(r.History); n > 0 && r.Status.IsValid() && r.Status != r.History[n-1].Status {
		issues = append(issues, healthedu.NewIssue("booking.statusMismatch", healthedu.Pointer("status"),
			map[string]any{"status": string(r.Status), "last": string(r.History[n-1].Status)}))
	}
	issues = append(issues, r.checkPayload()...)
	issues = append(issues, r.checkDays()...)
	return append(issues, r.checkCitizenIDs()...)
}

// checkPayload reports a schedule, a lecture held or a reason missing in
// the status that requires it, or given in a status that has none; the
// same rules the schema says with if/then.
func (r *LectureRequest) checkPayload() []healthedu.Issue {
	if !r.Status.IsValid() {
		return nil
	}
	var issues []healthedu.Issue
	missing := func(code, field string) {
		issues = append(issues, healthedu.NewIssue(code, healthedu.Pointer(field), nil))
	}
	unexpected := func(field string) {
		issues = append(issues, healthedu.NewIssue("booking.unexpected", healthedu.Pointer(field),
			map[string]any{"field": field, "status": string(r.Status)}))
	}
	switch {
	case r.Status == StatusRequested && r.Schedule != nil:
		unexpected("schedule")
	case (r.Status == StatusScheduled || r.Status == StatusHeld) && r.Schedule == nil:
		missing("booking.scheduleMissing", "schedule")
	}
	switch {
	case r.Status == StatusHeld && r.Held == nil:
		missing("booking.heldMissing", "held")
	case r.Status != StatusHeld && r.Held != nil:
		unexpected("held")
	}
	switch {
	case r.Status == StatusDeclined && r.DeclineReason == "":
		missing("booking.reasonMissing", "declineReason")
	case r.Status != StatusDeclined && r.DeclineReason != "":
		unexpected("declineReason")
	}
	return issues
}

// checkDays reports preferred spans out of order, days before the day of
// the request, and a lecture held after the day it was recorded held.
func (r *LectureRequest) checkDays() []healthedu.Issue {
	var issues []healthedu.Issue
	var requested healthedu.Date
	if !r.RequestedAt.IsZero() && healthedu.Representable(r.RequestedAt) {
		requested = healthedu.DateOf(r.RequestedAt)
	}
	before := func(d healthedu.Date, path ...string) {
		if requested.IsValid() && d.IsValid() && d.Compare(requested) < 0 {
			issues = append(issues, healthedu.NewIssue("booking.beforeRequest", healthedu.Pointer(path...),
				map[string]any{"value": d.String(), "requested": requested.String()}))
		}
	}
	for i, p := range r.PreferredDates {
		at := strconv.Itoa(i)
		if p.To.IsValid() && p.From.IsValid() && p.To.Compare(p.From) < 0 {
			issues = append(issues, healthedu.NewIssue("booking.preferredOrder", healthedu.Pointer("preferredDates", at, "to"),
				map[string]any{"from": p.From.String(), "to": p.To.String()}))
		}
		before(p.From, "preferredDates", at, "from")
	}
	if r.Schedule != nil {
		before(r.Schedule.Date, "schedule", "date")
	}
	if r.Held != nil {
		before(r.Held.Date, "held", "date")
		if e, ok := r.heldEvent(); ok && r.Held.Date.IsValid() && healthedu.Representable(e.At) {
			if recorded := healthedu.DateOf(e.At); r.Held.Date.Compare(recorded) > 0 {
				issues = append(issues, healthedu.NewIssue("booking.heldAfterRecord", healthedu.Pointer("held", "date"),
					map[string]any{"value": r.Held.Date.String(), "recorded": recorded.String()}))
			}
		}
	}
	return issues
}

// heldEvent returns the event that marked the request held, the last one
// with status held.
func (r *LectureRequest) heldEvent() (Event, bool) {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Status == StatusHeld {
			return r.History[i], true
		}
	}
	return Event{}, false
}

// checkCitizenIDs reports an actor or expert identifier shaped like a
// citizen ID number, and the free text that holds one: the requester's
// name, the description, the reason, the actors' roles and the notes.
func (r *LectureRequest) checkCitizenIDs() []healthedu.Issue {
	var issues []healthedu.Issue
	report := func(path ...string) {
		issues = append(issues, healthedu.NewIssue("booking.citizenId", healthedu.Pointer(path...), nil))
	}
	text := func(s string, path ...string) {
		if s != "" && healthedu.RedactCitizenIDs(s) != s {
			report(path...)
		}
	}
	id := func(s string, path ...string) {
		if checkchar.CitizenIDShaped(s) {
			report(path...)
		} else {
			text(s, path...)
		}
	}
	text(r.Requester.Name, "requester", "name")
	text(r.Description, "description")
	if r.Schedule != nil {
		id(r.Schedule.Expert, "schedule", "expert")
	}
	text(r.DeclineReason, "declineReason")
	for i, e := range r.History {
		at := strconv.Itoa(i)
		id(e.Actor.ID, "history", at, "actor", "id")
		text(e.Actor.Role, "history", at, "actor", "role")
		text(e.Note, "history", at, "note")
	}
	return issues
}

// formatTime writes t for a message: RFC 3339 in China Standard Time.
func formatTime(t time.Time) string { return t.In(healthedu.ChinaStandardTime).Format(time.RFC3339) }
