package ledger

import (
	"maps"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Change says what [Merge] changed in a rectification item (变更摘要).
type Change struct {
	// Created reports that there was no stored item: the update created it.
	Created bool `json:"created,omitempty"`
	// Fields are the JSON names of the fields whose value changed, in the
	// record's order: "problem", "finding", "indicator", "target", "owner",
	// "deadline", "evidence" (the status is From and To).
	Fields []string `json:"fields,omitempty"`
	// Events are the history entries the update added, oldest first.
	Events []Event `json:"events,omitempty"`
	// From and To are the status before and after; From is "" when the
	// item was created.
	From Status `json:"from,omitempty"`
	To   Status `json:"to,omitempty"`
}

// Changed reports whether the merge changed anything.
func (c Change) Changed() bool { return c.Created || len(c.Fields) > 0 || len(c.Events) > 0 }

// eventKey identifies an event: its instant, status and actor.
type eventKey struct {
	sec    int64
	nsec   int
	status Status
	actor  Actor
}

func keyOf(e Event) eventKey {
	return eventKey{e.At.Unix(), e.At.Nanosecond(), e.Status, e.Actor}
}

// Merge combines an update of a rectification item, incoming, with the
// item as stored (合并更新), and returns the item as it now stands and what
// changed. stored is nil for an item not yet in the ledger; neither
// argument is modified, and the result shares nothing with them.
//
// The histories are united: an event is identified by its time, status and
// actor (see [Event]), so an event sent twice is taken once, with the note
// it was first stored with; the events are sorted by time (events at the
// same instant keep their order, stored ones first), and the changes of
// status are checked over the whole sequence as [Rectification.Check]
// checks them (see [Allowed]). The status is that of the last event.
//
// The division and the source are fixed when the item is opened: an update
// that changes them is refused ("ledger.immutable"), as is one of another
// item ("ledger.idMismatch") or one whose events do not fit the stored
// ones. A refused update returns a copy of stored, the zero Change and
// the issues. The other fields — problem, finding, indicator, target,
// owner, deadline — take the update's values, unless the update is stale:
// when its latest event is older than the stored item's latest, its
// fields are ignored and only its events are added, so that an update
// replayed out of order does not undo a later one. Evidence references
// are united, the stored ones first.
//
// Merging the same update twice changes nothing the second time: the
// Change is empty and the item the same (idempotent).
//
// Merge assumes both items are structurally valid, as a Decoder and
// [Rectification.Check] leave them; it checks the history again because
// the union can break what each history alone respects.
func Merge(stored, incoming *Rectification) (*Rectification, Change, []healthedu.Issue) {
	switch {
	case incoming == nil && stored == nil:
		return nil, Change{}, nil
	case incoming == nil:
		return stored.Clone(), Change{}, nil
	case stored == nil:
		out := incoming.Clone()
		out.History = unite(nil, out.History, nil)
		if issues := checkHistory(out.Division, out.History); len(issues) > 0 {
			return nil, Change{}, issues
		}
		if n := len(out.History); n > 0 {
			out.Status = out.History[n-1].Status
		}
		out.Evidence = uniteStrings(nil, out.Evidence)
		return out, Change{Created: true, Events: slices.Clone(out.History), To: out.Status}, nil
	}
	refuse := func(issues ...healthedu.Issue) (*Rectification, Change, []healthedu.Issue) {
		return stored.Clone(), Change{}, issues
	}
	if stored.ID != incoming.ID {
		return refuse(healthedu.NewIssue("ledger.idMismatch", healthedu.Pointer("id"),
			map[string]any{"stored": stored.ID, "incoming": incoming.ID}))
	}
	var issues []healthedu.Issue
	if stored.Division != incoming.Division {
		issues = append(issues, healthedu.NewIssue("ledger.immutable", healthedu.Pointer("division"), map[string]any{"field": "division"}))
	}
	if stored.Source != incoming.Source {
		issues = append(issues, healthedu.NewIssue("ledger.immutable", healthedu.Pointer("source"), map[string]any{"field": "source"}))
	}
	if len(issues) > 0 {
		return refuse(issues...)
	}

	out := stored.Clone()
	var added []Event
	out.History = unite(out.History, incoming.History, &added)
	if issues := checkHistory(out.Division, out.History); len(issues) > 0 {
		return refuse(issues...)
	}
	ch := Change{Events: added, From: stored.Status}
	if n := len(out.History); n > 0 {
		out.Status = out.History[n-1].Status
	}
	ch.To = out.Status

	if !latest(incoming.History).Before(latest(stored.History)) {
		in := incoming.Clone()
		set := func(field string, same bool, apply func()) {
			if !same {
				apply()
				ch.Fields = append(ch.Fields, field)
			}
		}
		set("problem", out.Problem == in.Problem, func() { out.Problem = in.Problem })
		set("finding", sameFinding(out.Finding, in.Finding), func() { out.Finding = in.Finding })
		set("indicator", out.Indicator == in.Indicator, func() { out.Indicator = in.Indicator })
		set("target", sameTarget(out.Target, in.Target), func() { out.Target = in.Target })
		set("owner", out.Owner == in.Owner, func() { out.Owner = in.Owner })
		set("deadline", out.Deadline == in.Deadline, func() { out.Deadline = in.Deadline })
	}
	if ev := uniteStrings(out.Evidence, incoming.Evidence); len(ev) != len(out.Evidence) {
		out.Evidence = ev
		ch.Fields = append(ch.Fields, "evidence")
	}
	return out, ch, nil
}

// unite returns the events of a followed by those of b it lacks, each
// once, sorted stably by time; it appends to *added (when not nil) the
// events of b that a lacks. a is reused.
func unite(a, b []Event, added *[]Event) []Event {
	seen := make(map[eventKey]bool, len(a)+len(b))
	out := a[:0]
	for _, e := range a {
		if k := keyOf(e); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	for _, e := range b {
		if k := keyOf(e); !seen[k] {
			seen[k] = true
			out = append(out, e)
			if added != nil {
				*added = append(*added, e)
			}
		}
	}
	slices.SortStableFunc(out, func(x, y Event) int { return x.At.Compare(y.At) })
	if added != nil {
		slices.SortStableFunc(*added, func(x, y Event) int { return x.At.Compare(y.At) })
	}
	return out
}

// uniteStrings returns a followed by the strings of b it lacks, each once.
func uniteStrings(a, b []string) []string {
	var out []string
	for _, s := range slices.Concat(a, b) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// latest returns the time of the latest event of h, the zero Time for none.
func latest(h []Event) time.Time {
	var t time.Time
	for _, e := range h {
		if e.At.After(t) {
			t = e.At
		}
	}
	return t
}

func sameFinding(a, b *Finding) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Code == b.Code && maps.Equal(a.Params, b.Params)
}

// sameTarget compares targets by value: 85 and 85.0 are the same target.
func sameTarget(a, b *healthedu.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Cmp(*b) == 0
}
