package ledger

import (
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Side says on which side of an item an [Actor] stands (操作方), as bits:
// the owner's side acts at the item's division or within it, a verifier at
// a division that strictly contains it.
type Side uint8

// The sides, as bits of a Side.
const (
	SideOwner    Side = 1 << iota // 整改方: the item's division or one within it
	SideVerifier                  // 核验方: a division strictly containing the item's
)

// SideOf returns the side on which an actor at division a stands for an
// item of division d: SideVerifier when a strictly contains d, SideOwner
// when d contains a (a is d or lies within it), 0 when neither, or when
// either is the zero DivisionCode.
func SideOf(d, a healthedu.DivisionCode) Side {
	switch {
	case !d.IsValid() || !a.IsValid():
		return 0
	case a != d && a.Contains(d):
		return SideVerifier
	case d.Contains(a):
		return SideOwner
	}
	return 0
}

// transitions are the allowed changes of status and who may make them;
// the empty from opens an item.
var transitions = map[[2]Status]Side{
	{"", StatusOpen}:                    SideOwner | SideVerifier,
	{StatusOpen, StatusRectifying}:      SideOwner,
	{StatusOpen, StatusRectified}:       SideOwner,
	{StatusRectifying, StatusRectified}: SideOwner,
	{StatusRectified, StatusVerified}:   SideVerifier,
	{StatusRectified, StatusReopened}:   SideVerifier,
	{StatusVerified, StatusReopened}:    SideVerifier,
	{StatusReopened, StatusRectifying}:  SideOwner,
	{StatusReopened, StatusRectified}:   SideOwner,
}

// Allowed returns who may change an item's status from from to to
// (状态流转), and whether the change is allowed at all. The empty from
// stands for an item not yet open, which either side may open:
//
//	(none)     → open                   owner or verifier
//	open       → rectifying, rectified  owner
//	rectifying → rectified              owner
//	rectified  → verified, reopened     verifier
//	verified   → reopened               verifier
//	reopened   → rectifying, rectified  owner
//
// Every other change, a status to itself included, is not allowed: only a
// verifier closes an item, and nothing follows verified but reopened.
func Allowed(from, to Status) (Side, bool) {
	s, ok := transitions[[2]Status{from, to}]
	return s, ok
}

// checkHistory reports what is wrong with the history h of an item of
// division d: events out of order, a first event that does not open the
// item, changes of status not allowed or not by the side allowed to make
// them, actors outside the item's division and those above it. With a
// zero d the sides are not checked.
func checkHistory(d healthedu.DivisionCode, h []Event) []healthedu.Issue {
	var issues []healthedu.Issue
	var prev Status
	for i, e := range h {
		at := strconv.Itoa(i)
		if i > 0 && e.At.Before(h[i-1].At) {
			issues = append(issues, healthedu.NewIssue("ledger.historyOrder", healthedu.Pointer("history", at, "at"),
				map[string]any{"value": e.At.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
					"previous": h[i-1].At.In(healthedu.ChinaStandardTime).Format(time.RFC3339)}))
		}
		if issue, ok := checkStep(d, prev, e, i); !ok {
			issues = append(issues, issue)
		}
		prev = e.Status
	}
	return issues
}

// checkStep checks the change of an item of division d from status prev
// to e, history entry i: the issue and false when it is not allowed.
func checkStep(d healthedu.DivisionCode, prev Status, e Event, i int) (healthedu.Issue, bool) {
	side := SideOf(d, e.Actor.Division)
	allowed, ok := Allowed(prev, e.Status)
	if ok && (side == 0 && !(d.IsValid() && e.Actor.Division.IsValid()) || side&allowed != 0) {
		return healthedu.Issue{}, true
	}
	path := healthedu.Pointer("history", strconv.Itoa(i))
	if d.IsValid() && e.Actor.Division.IsValid() && side == 0 {
		return healthedu.NewIssue("ledger.actorOutside", path+"/actor/division",
			map[string]any{"value": e.Actor.Division.Short(), "division": d.Short()}), false
	}
	if prev == "" && e.Status != StatusOpen {
		return healthedu.NewIssue("ledger.historyStart", path+"/status", map[string]any{"value": string(e.Status)}), false
	}
	params := map[string]any{"from": string(prev), "to": string(e.Status)}
	switch {
	case !ok:
		return healthedu.NewIssue("ledger.transition", path+"/status", params), false
	case side == 0 || side&allowed != 0:
		return healthedu.Issue{}, true
	case allowed == SideVerifier:
		return healthedu.NewIssue("ledger.verifierOnly", path+"/actor", params), false
	}
	return healthedu.NewIssue("ledger.ownerOnly", path+"/actor", params), false
}

// Transition records a change of the item's status (状态变更): it appends
// e to the history and sets the status, when the change from the current
// status is allowed to e's actor and e is not earlier than the last event.
// Otherwise it changes nothing and returns the issues, with paths at the
// history entry e would have been: "ledger.required" for an event without
// time, valid status, actor division or actor ID, and the codes of
// [Rectification.Check] for the history. It does not check e's other fields:
// validate the record afterwards.
func (r *Rectification) Transition(e Event) []healthedu.Issue {
	n := len(r.History)
	path := healthedu.Pointer("history", strconv.Itoa(n))
	for _, req := range []struct {
		missing bool
		field   string
	}{
		{e.At.IsZero(), "at"},
		{!e.Status.IsValid(), "status"},
		{!e.Actor.Division.IsValid(), "division"},
		{e.Actor.ID == "", "id"},
	} {
		if req.missing {
			p := path + "/" + req.field
			if req.field == "division" || req.field == "id" {
				p = path + "/actor/" + req.field
			}
			return []healthedu.Issue{healthedu.NewIssue("ledger.required", p, map[string]any{"field": req.field})}
		}
	}
	var prev Status
	if n > 0 {
		prev = r.History[n-1].Status
		if e.At.Before(r.History[n-1].At) {
			return []healthedu.Issue{healthedu.NewIssue("ledger.historyOrder", path+"/at",
				map[string]any{"value": e.At.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
					"previous": r.History[n-1].At.In(healthedu.ChinaStandardTime).Format(time.RFC3339)})}
		}
	}
	if issue, ok := checkStep(r.Division, prev, e, n); !ok {
		return []healthedu.Issue{issue}
	}
	r.History = append(r.History, e)
	r.Status = e.Status
	return nil
}
