package ledger

import (
	"slices"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// KindRectification is the kind of a rectification item (整改事项), the
// record this package defines.
const KindRectification healthedu.Kind = "rectification"

// Kinds returns the kinds of record this package defines (挂账整改记录类型),
// for a [healthedu.Decoder] to take them (healthedu.DecodeOptions.Kinds),
// alone or with others:
//
//	healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), ledger.Kinds()...)}
//
// Each call returns a new list.
func Kinds() healthedu.Kinds {
	return healthedu.Kinds{{
		Kind:  KindRectification,
		Names: healthedu.LocalizedText{ZhHans: "整改事项", ZhHant: "整改事項", En: "rectification item"},
		New:   func() healthedu.Record { return new(Rectification) },
	}}
}

// Rectification is one item of the rectification ledger (整改事项, 挂账整改):
// a problem found in a division — by the monthly notification (月通报), the
// weekly dispatch (周调度), an inspection or a compliance check — listed
// with an owner who must put it right by a deadline, and the history of
// what was done about it, until a verifier at a higher level closes it
// (销号).
//
// The record's Status is the status of the last entry of its History; the
// History holds every change of status, each by an [Actor], and only the
// changes [Allowed] lists. Whether an item is overdue is not stored: it
// follows from the deadline and an instant ([Rectification.Overdue]).
// Updates of the same item (same ID) are combined by [Merge].
type Rectification struct {
	healthedu.Header
	// Division is the statistical division code of where the problem lies
	// (问题所在区划): a township whose report is missing, a county below
	// target. It does not change over the item's life.
	Division healthedu.DivisionCode `json:"division"`
	// Source says where the item came from (问题来源), with the period or
	// the date it came from. It does not change over the item's life.
	Source Source `json:"source"`
	// Problem describes the problem (问题描述), as it is to be read by the
	// owner.
	Problem string `json:"problem" jsonschema:"minLength=1,maxLength=1000"`
	// Finding is the problem as an issue code and its params (问题代码),
	// for an item found automatically (see [Propose]): Problem is then its
	// message in zh-Hans, and a program can render it in another language
	// (see [Finding.Message]).
	Finding *Finding `json:"finding,omitempty"`
	// Indicator is the code of the indicator concerned (相关指标), one of
	// the indicator catalogue's codes, when there is one.
	Indicator string `json:"indicator,omitempty" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Target is the value the indicator is to reach (整改目标值), in the
	// unit of the indicator's values (85 for 85%); only with Indicator.
	Target *healthedu.Decimal `json:"target,omitempty"`
	// Owner is who must put the problem right (责任单位/责任人).
	Owner Owner `json:"owner"`
	// Deadline is the last day by which the problem is to be put right
	// (整改时限), in China Standard Time.
	Deadline healthedu.Date `json:"deadline"`
	// Status is the item's status (整改状态): that of the last entry of
	// History.
	Status Status `json:"status"`
	// History are the item's changes of status (处理记录), oldest first; the
	// first opens the item.
	History []Event `json:"history" jsonschema:"minItems=1,maxItems=200"`
	// Evidence are references to what documents the rectification
	// (整改佐证材料): file identifiers or URLs in the platform's store.
	Evidence []string `json:"evidence,omitempty" jsonschema:"maxItems=50,uniqueItems=true,minLength=1,maxLength=500"`
}

// Source says where a rectification item came from (问题来源): the kind of
// source and the period or the date of it — the month of a monthly
// notification, the ISO week of a weekly dispatch, the day of an
// inspection. At least one of Period and Date is given.
type Source struct {
	// Type is the kind of source (来源类型).
	Type SourceType `json:"type"`
	// Period is the period the source is for (来源期): a month for a
	// monthly notification, an ISO week for a weekly dispatch.
	Period healthedu.Period `json:"period,omitzero"`
	// Date is the day of the source (来源日期), such as the day of an
	// inspection.
	Date healthedu.Date `json:"date,omitzero"`
}

// Owner is who must put a problem right (整改责任主体): an institution by
// its unified social credit code, a role, or both. At least one is given.
type Owner struct {
	// CreditCode is the responsible institution's unified social credit
	// code (责任单位统一社会信用代码).
	CreditCode healthedu.CreditCode `json:"creditCode,omitzero"`
	// Name is the institution's name (责任单位名称).
	Name string `json:"name,omitempty" jsonschema:"maxLength=100"`
	// Role is the responsible role (责任岗位), such as
	// [RoleReportingUnit] or "乡镇卫生院院长".
	Role string `json:"role,omitempty" jsonschema:"maxLength=50"`
}

// RoleReportingUnit is the owner's role that [Propose] gives when it knows
// no institution for a division (填报单位): whoever sends the division's
// monthly report.
const RoleReportingUnit = "reporting-unit"

// Actor is who changed an item's status (操作人): a person or the platform
// acting at a division, with a role and an identifier. The identifier is a
// staff or account identifier of the platform, never a citizen ID number
// (公民身份号码), which a Validator rejects.
type Actor struct {
	// Division is the division at which the actor acts (操作人所属区划):
	// the item's division or one within it for the owner's side, one that
	// strictly contains it for a verifier (see [SideOf]).
	Division healthedu.DivisionCode `json:"division"`
	// Role is the actor's role (岗位), such as "county-health-commission".
	Role string `json:"role,omitempty" jsonschema:"maxLength=50"`
	// ID is the actor's account or staff identifier (操作人标识).
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
}

// Event is one change of a rectification item's status (处理记录): when, to
// which status, by whom, and a note. An event is identified by its time,
// status and actor: [Merge] takes an event given twice once.
type Event struct {
	// At is when the change was made (时间).
	At time.Time `json:"at"`
	// Status is the status the item changed to (变更后状态).
	Status Status `json:"status"`
	// Actor is who made the change (操作人).
	Actor Actor `json:"actor"`
	// Note says what was done or why (说明).
	Note string `json:"note,omitempty" jsonschema:"maxLength=500"`
}

// Finding is a problem as an issue code and its params (问题代码): what
// [Propose] found, whose message in zh-Hans is the item's Problem.
type Finding struct {
	// Code is the registered issue code of the problem (问题代码), such as
	// "ledger.belowTarget".
	Code string `json:"code" jsonschema:"minLength=1,maxLength=64"`
	// Params are the code's params, as text (参数).
	Params map[string]string `json:"params,omitempty"`
}

// Message returns the finding's message in the supported language that
// serves lang best. When cat is not nil, an indicator's code in the params
// is replaced by its name in that language.
func (f Finding) Message(lang language.Tag, cat *indicators.Catalogue) string {
	params := make(map[string]any, len(f.Params))
	for k, v := range f.Params {
		params[k] = v
	}
	if cat != nil {
		if ind, ok := cat.Indicator(f.Params["indicator"]); ok {
			params["indicator"] = ind.Name(lang)
		}
	}
	return healthedu.NewIssue(f.Code, "", params).Message(lang)
}

// RecordDivision returns the division where the problem lies.
func (r *Rectification) RecordDivision() healthedu.DivisionCode { return r.Division }

// RecordPeriod returns the month the item was opened in, in China Standard
// Time, and "/history/0/at"; the zero Period when it has no history.
func (r *Rectification) RecordPeriod() (healthedu.Period, string) {
	if len(r.History) == 0 {
		return healthedu.Period{}, "/history"
	}
	return healthedu.PeriodOf(healthedu.PeriodMonth, r.History[0].At), "/history/0/at"
}

// Opened returns when the item was opened, the time of its first event,
// or the zero Time when it has none.
func (r *Rectification) Opened() time.Time {
	if len(r.History) == 0 {
		return time.Time{}
	}
	return r.History[0].At
}

// DeadlineEnd returns the first instant after the deadline day
// (整改时限届满): midnight at its end in China Standard Time. It returns
// the zero Time when the item has no deadline.
func (r *Rectification) DeadlineEnd() time.Time {
	if !r.Deadline.IsValid() {
		return time.Time{}
	}
	return r.Deadline.AddDays(1).Start()
}

// Overdue reports whether the item is overdue at now (逾期): not rectified
// nor verified, as of now, while now is past the end of the deadline day
// in China Standard Time. On the deadline day at 23:59:59.999 Beijing time
// it is not overdue yet; at 00:00 of the next day it is. The status is
// that of the last event at or before now (see [Rectification.StatusAt]),
// so that a past week is judged as it stood. An item without a deadline is
// never overdue.
func (r *Rectification) Overdue(now time.Time) bool {
	end := r.DeadlineEnd()
	if end.IsZero() || now.Before(end) {
		return false
	}
	s, ok := r.StatusAt(now)
	return ok && !s.Done()
}

// StatusAt returns the item's status at the instant t: that of its last
// event at or before t, and true; or "" and false when it was not open yet.
func (r *Rectification) StatusAt(t time.Time) (Status, bool) {
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
func (r *Rectification) Clone() *Rectification {
	c := *r
	if r.Finding != nil {
		f := Finding{Code: r.Finding.Code, Params: make(map[string]string, len(r.Finding.Params))}
		for k, v := range r.Finding.Params {
			f.Params[k] = v
		}
		if r.Finding.Params == nil {
			f.Params = nil
		}
		c.Finding = &f
	}
	if r.Target != nil {
		t := *r.Target
		c.Target = &t
	}
	c.History = slices.Clone(r.History)
	c.Evidence = slices.Clone(r.Evidence)
	return &c
}

// Check reports what is wrong with the item by the rules a Decoder cannot
// see in one member alone, with paths relative to the record:
//
//   - a division not in v's registry ("division.unknown");
//   - a source with neither period nor date ("ledger.sourceMissing"), a
//     monthly notification's period that is not a month or a weekly
//     dispatch's that is not a week ("ledger.sourcePeriod");
//   - an owner with neither credit code nor role ("ledger.ownerMissing");
//   - a target without an indicator ("ledger.targetWithoutIndicator");
//   - a finding whose code is not registered ("ledger.findingUnknown");
//   - a deadline jiceng cannot represent or before v's earliest accepted
//     instant ("time.outOfRange", "time.tooEarly"; a deadline may lie in
//     the future);
//   - the history: times outside what v accepts ("time.*"), out of order
//     ("ledger.historyOrder"), a first event that does not open the item
//     ("ledger.historyStart"), an actor outside the item's division and
//     those above it ("ledger.actorOutside"), a change of status that is
//     not allowed ("ledger.transition") or not by the side allowed to
//     make it ("ledger.verifierOnly", "ledger.ownerOnly"); see [Allowed];
//   - a status that is not the last event's ("ledger.statusMismatch");
//   - an actor ID that is, or text that holds, a citizen ID number
//     ("ledger.citizenId").
func (r *Rectification) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	if r.Division.IsValid() && !v.KnownDivision(r.Division) {
		issues = append(issues, healthedu.NewIssue("division.unknown", healthedu.Pointer("division"),
			map[string]any{"value": r.Division.Short()}))
	}
	issues = append(issues, r.Source.check()...)
	if !r.Owner.CreditCode.IsValid() && r.Owner.Role == "" {
		issues = append(issues, healthedu.NewIssue("ledger.ownerMissing", healthedu.Pointer("owner"), nil))
	}
	if r.Target != nil && r.Indicator == "" {
		issues = append(issues, healthedu.NewIssue("ledger.targetWithoutIndicator", healthedu.Pointer("target"), nil))
	}
	if r.Finding != nil {
		if _, ok := healthedu.LookupCode(r.Finding.Code); !ok {
			issues = append(issues, healthedu.NewIssue("ledger.findingUnknown", healthedu.Pointer("finding", "code"),
				map[string]any{"value": r.Finding.Code}))
		}
	}
	noClock := *v
	noClock.Now = time.Time{} // a deadline may be in the future
	issues = noClock.AppendDate(issues, r.Deadline, healthedu.Pointer("deadline"))
	for i, e := range r.History {
		issues = v.AppendTime(issues, e.At, healthedu.Pointer("history", strconv.Itoa(i), "at"))
	}
	issues = append(issues, checkHistory(r.Division, r.History)...)
	if n := len(r.History); n > 0 && r.Status.IsValid() && r.Status != r.History[n-1].Status {
		issues = append(issues, healthedu.NewIssue("ledger.statusMismatch", healthedu.Pointer("status"),
			map[string]any{"status": string(r.Status), "last": string(r.History[n-1].Status)}))
	}
	return append(issues, r.checkCitizenIDs()...)
}

// check reports a source without period or date, or with a period of the
// wrong type for its kind.
func (s Source) check() []healthedu.Issue {
	if !s.Period.IsValid() && !s.Date.IsValid() {
		return []healthedu.Issue{healthedu.NewIssue("ledger.sourceMissing", healthedu.Pointer("source"), nil)}
	}
	want := map[SourceType]healthedu.PeriodType{
		SourceMonthlyNotification: healthedu.PeriodMonth,
		SourceWeeklyDispatch:      healthedu.PeriodWeek,
	}[s.Type]
	if want != 0 && (!s.Period.IsValid() || s.Period.Type() != want) {
		return []healthedu.Issue{healthedu.NewIssue("ledger.sourcePeriod", healthedu.Pointer("source", "period"),
			map[string]any{"type": string(s.Type), "value": s.Period.String()})}
	}
	return nil
}

// checkCitizenIDs reports an actor ID shaped like a citizen ID number, and
// the free text that holds one: the problem, the owner's name and role,
// the actors' roles, the notes, the evidence and the finding's params.
func (r *Rectification) checkCitizenIDs() []healthedu.Issue {
	var issues []healthedu.Issue
	text := func(s string, path ...string) {
		if s != "" && healthedu.RedactCitizenIDs(s) != s {
			issues = append(issues, healthedu.NewIssue("ledger.citizenId", healthedu.Pointer(path...), nil))
		}
	}
	text(r.Problem, "problem")
	text(r.Owner.Name, "owner", "name")
	text(r.Owner.Role, "owner", "role")
	for i, e := range r.History {
		at := strconv.Itoa(i)
		if checkchar.CitizenIDShaped(e.Actor.ID) {
			issues = append(issues, healthedu.NewIssue("ledger.citizenId", healthedu.Pointer("history", at, "actor", "id"), nil))
		} else {
			text(e.Actor.ID, "history", at, "actor", "id")
		}
		text(e.Actor.Role, "history", at, "actor", "role")
		text(e.Note, "history", at, "note")
	}
	for i, s := range r.Evidence {
		text(s, "evidence", strconv.Itoa(i))
	}
	if r.Finding != nil {
		keys := make([]string, 0, len(r.Finding.Params))
		for k := range r.Finding.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			text(r.Finding.Params[k], "finding", "params", k)
		}
	}
	return issues
}

// CheckCatalogue reports an indicator that the catalogue c does not have
// ("ledger.indicatorUnknown"), which a Validator, without a catalogue,
// cannot see. A platform calls it with its catalogue after Validate.
func (r *Rectification) CheckCatalogue(c *indicators.Catalogue) []healthedu.Issue {
	if r.Indicator == "" || c == nil {
		return nil
	}
	if _, ok := c.Indicator(r.Indicator); !ok {
		return []healthedu.Issue{healthedu.NewIssue("ledger.indicatorUnknown", healthedu.Pointer("indicator"),
			map[string]any{"value": r.Indicator})}
	}
	return nil
}
