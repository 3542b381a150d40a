package roster

import (
	"cmp"
	"crypto/rand"
	"errors"
	"slices"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The data elements of the register's figures (花名册数据元), defined in the
// default indicator catalogue (indicators.DefaultCatalogue) and produced by
// [Register.DataValues]. Stocks (存量) are counted at the end of a period;
// the flow (流量) over it.
const (
	// ElementInstructors counts the registered instructors (在册健康指导员数,
	// stock) in the division each serves, in total and under level=… and
	// role=….
	ElementInstructors = "roster-instructors"
	// ElementResidentsBound counts the residents bound to a registered
	// instructor at the end of the period (绑定在册指导员的居民数, stock),
	// in the instructor's division, in total and under level=… of the
	// instructor: one for each instructor and resident, so that a ratio
	// with ElementInstructors is residents bound per instructor.
	ElementResidentsBound = "roster-residents-bound"
	// ElementExperts counts the registered experts (在册专家数, stock) in the
	// division whose pools keep each, in total and under specialty=… for
	// each topic of their specialties.
	ElementExperts = "roster-experts"
	// ElementExpertLectures counts the lectures given by registered experts
	// (专家宣讲场次, flow): one for each activity of form lecture in the
	// period and each registered expert among its speakers, in the
	// expert's division — where ElementExperts counts the expert, so that
	// a ratio of the two is lectures per expert, though the lectures were
	// given in the townships.
	ElementExpertLectures = "roster-expert-lectures"
)

// FigureOptions says how [Register.DataValues] reads the records: the
// period of the figures and how to tell residents apart.
type FigureOptions struct {
	// Period is the period the figures are for (报告期): the stocks are
	// counted at its end, the lectures over it, and every value carries
	// it. Call DataValues once per period of one type (each month, say),
	// not for periods that contain one another, whose values a Store would
	// add together.
	Period healthedu.Period
	// ResidentKey returns the key by which the bindings of one resident
	// are told from those of another (居民标识), as
	// indicators.RecordOptions.ResidentKey does: when nil or when it
	// returns the zero Pseudonym, the pseudonym of the binding's citizen
	// ID under a key drawn for the call, and a binding without a valid
	// citizen ID is a resident of its own.
	ResidentKey func(*healthedu.Binding) healthedu.Pseudonym
}

// figureKey names a series in a division.
type figureKey struct {
	element, category string
	division          healthedu.DivisionCode
}

// DataValues returns the register's figures for opts.Period (花名册数据值)
// as data values for an indicators.Store on the default catalogue, ordered
// by element (as the constants list them), category and division:
//
//   - roster-instructors: each instructor in its division, in total,
//     under level=… and under role=… for each of its roles;
//   - roster-residents-bound: the residents bound at the end of the period
//     to each registered instructor (bindings among records made before
//     the end and not undone by then; a resubmitted binding, same id,
//     counts as its last version), in the instructor's division as the
//     register has it, in total and under level=…; a division with
//     instructors but no binding gets zeros, so that its residents bound
//     per instructor is 0, not missing. Bindings to an instructor the
//     register does not hold are not counted (see [Register.CheckBinding]);
//   - roster-experts: each expert in its division, in total and under
//     specialty=… for each specialty;
//   - roster-expert-lectures: for each activity among records of form
//     lecture that started in the period, one for each distinct registered
//     expert among its speakers (healthedu.Speaker.Expert), in the
//     expert's division (not the activity's: see [ElementExpertLectures]);
//     a division with experts but no lecture gets a zero.
//
// Records of other kinds are ignored. It fails on a zero Period.
func (r *Register) DataValues(records []healthedu.Record, opts FigureOptions) ([]indicators.DataValue, error) {
	p := opts.Period
	if !p.IsValid() {
		return nil, errors.New("roster: DataValues: no period")
	}
	t := make(map[figureKey]int64)
	add := func(element, category string, d healthedu.DivisionCode, n int64) {
		if d.IsValid() {
			t[figureKey{element, category, d}] += n
		}
	}
	for _, in := range r.instructors {
		add(ElementInstructors, "", in.Division, 1)
		add(ElementInstructors, indicators.Category("level", string(in.Level)), in.Division, 1)
		for _, role := range slices.Compact(slices.Sorted(slices.Values(in.Roles))) {
			add(ElementInstructors, indicators.Category("role", string(role)), in.Division, 1)
		}
		add(ElementResidentsBound, "", in.Division, 0)
		add(ElementResidentsBound, indicators.Category("level", string(in.Level)), in.Division, 0)
	}
	r.countBound(records, opts, add)
	for _, e := range r.experts {
		add(ElementExperts, "", e.Division, 1)
		for _, s := range slices.Compact(slices.Sorted(slices.Values(e.Specialties))) {
			add(ElementExperts, indicators.Category("specialty", string(s)), e.Division, 1)
		}
	}
	for _, e := range r.experts {
		add(ElementExpertLectures, "", e.Division, 0)
	}
	for _, a := range lectures(records, p) {
		for _, id := range r.lectureExperts(a) {
			add(ElementExpertLectures, "", r.experts[id].Division, 1)
		}
	}

	keys := make([]figureKey, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b figureKey) int {
		return cmp.Or(cmp.Compare(elementRank(a.element), elementRank(b.element)), cmp.Compare(a.category, b.category),
			a.division.Compare(b.division))
	})
	out := make([]indicators.DataValue, len(keys))
	for i, k := range keys {
		out[i] = indicators.DataValue{Element: k.element, Category: k.category, Division: k.division, Period: p, Value: t[k]}
	}
	return out, nil
}

// elementRank gives the order of the register's elements in DataValues.
func elementRank(element string) int {
	switch element {
	case ElementInstructors:
		return 0
	case ElementResidentsBound:
		return 1
	case ElementExperts:
		return 2
	}
	return 3 // ElementExpertLectures
}

// countBound adds to roster-residents-bound the residents bound at the end
// of opts.Period to each registered instructor.
func (r *Register) countBound(records []healthedu.Record, opts FigureOptions, add func(string, string, healthedu.DivisionCode, int64)) {
	end := opts.Period.End()
	last := make(map[string]*healthedu.Binding)
	var ids []string
	for _, rec := range records {
		if b, ok := rec.(*healthedu.Binding); ok && b != nil {
			if _, seen := last[b.ID]; !seen {
				ids = append(ids, b.ID)
			}
			last[b.ID] = b
		}
	}
	var key []byte
	type pair struct {
		instructor string
		resident   healthedu.Pseudonym
		own        string // the binding's id, for a resident without a key
	}
	seen := make(map[pair]bool)
	for _, id := range ids {
		b := last[id]
		in, ok := r.instructors[b.Instructor.ID]
		if !ok || b.BoundAt.IsZero() || !b.BoundAt.Before(end) || b.UnboundAt != nil && b.UnboundAt.Before(end) {
			continue
		}
		k := pair{instructor: in.ID}
		if opts.ResidentKey != nil {
			k.resident = opts.ResidentKey(b)
		}
		if k.resident.IsZero() && b.Resident.CitizenID.IsValid() {
			if key == nil {
				key = make([]byte, 32)
				rand.Read(key)
			}
			k.resident = b.Resident.CitizenID.Pseudonym(key)
		}
		if k.resident.IsZero() {
			k.own = b.ID
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		add(ElementResidentsBound, "", in.Division, 1)
		add(ElementResidentsBound, indicators.Category("level", string(in.Level)), in.Division, 1)
	}
}

// lectures returns the activities among records of form lecture that
// started in p, each id once (the last version).
func lectures(records []healthedu.Record, p healthedu.Period) []*healthedu.Activity {
	last := make(map[string]int)
	for i, rec := range records {
		if a, ok := rec.(*healthedu.Activity); ok && a != nil {
			last[a.ID] = i
		}
	}
	var out []*healthedu.Activity
	for i, rec := range records {
		a, ok := rec.(*healthedu.Activity)
		if !ok || a == nil || last[a.ID] != i || a.Form != healthedu.FormLecture || !p.Contains(a.Start) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// lectureExperts returns the distinct registered experts among a's
// speakers, in order.
func (r *Register) lectureExperts(a *healthedu.Activity) []string {
	var ids []string
	for _, s := range a.Speakers {
		if _, ok := r.experts[s.Expert]; ok && s.Expert != "" && !slices.Contains(ids, s.Expert) {
			ids = append(ids, s.Expert)
		}
	}
	return ids
}

// ExpertLectures is how many lectures an expert gave in a period
// (专家宣讲场次).
type ExpertLectures struct {
	Expert   string // the expert's id (专家编号)
	Name     string // the expert's name (姓名)
	Lectures int64  // lectures given (宣讲场次)
}

// LecturesByExpert returns how many lectures each registered expert gave
// in period p (专家宣讲统计): the activities among records of form lecture
// that started in p and name the expert among their speakers, as
// roster-expert-lectures counts them. Every expert is listed, zeros
// included, ordered by lectures, most first, then by id.
func (r *Register) LecturesByExpert(records []healthedu.Record, p healthedu.Period) []ExpertLectures {
	n := make(map[string]int64, len(r.experts))
	for _, a := range lectures(records, p) {
		for _, id := range r.lectureExperts(a) {
			n[id]++
		}
	}
	out := make([]ExpertLectures, 0, len(r.experts))
	for _, e := range r.Experts() {
		out = append(out, ExpertLectures{Expert: e.ID, Name: e.Name, Lectures: n[e.ID]})
	}
	slices.SortStableFunc(out, func(a, b ExpertLectures) int { return cmp.Compare(b.Lectures, a.Lectures) })
	return out
}
