package roster

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// A Register is the register of people of health education (花名册) as it
// stands: instructors, experts and lecture teams by id. It answers the
// questions that span records — does a team's member exist, does a
// binding name a registered instructor, does an activity's speaker name a
// registered expert — and is what [BindingFromCode] looks instructors up
// in and [DataValues] counts.
//
// A Register keeps the records it is given, not copies: they must not be
// modified while it is in use. Used so, it is safe for concurrent use.
type Register struct {
	instructors map[string]*Instructor
	experts     map[string]*Expert
	teams       map[string]*LectureTeam
}

// NewRegister returns the register of the records of this package's kinds
// among records, as a validator accepted them (others are ignored). A
// record with the kind and id of a later one is a resubmission: only the
// last is kept.
func NewRegister(records []healthedu.Record) *Register {
	r := &Register{
		instructors: make(map[string]*Instructor),
		experts:     make(map[string]*Expert),
		teams:       make(map[string]*LectureTeam),
	}
	for _, rec := range records {
		switch rec := rec.(type) {
		case *Instructor:
			if rec != nil {
				r.instructors[rec.ID] = rec
			}
		case *Expert:
			if rec != nil {
				r.experts[rec.ID] = rec
			}
		case *LectureTeam:
			if rec != nil {
				r.teams[rec.ID] = rec
			}
		}
	}
	return r
}

// Instructor returns the instructor with the given id, and whether the
// register holds one.
func (r *Register) Instructor(id string) (*Instructor, bool) {
	in, ok := r.instructors[id]
	return in, ok
}

// Expert returns the expert with the given id, and whether the register
// holds one.
func (r *Register) Expert(id string) (*Expert, bool) {
	e, ok := r.experts[id]
	return e, ok
}

// LectureTeam returns the lecture team with the given id, and whether the
// register holds one.
func (r *Register) LectureTeam(id string) (*LectureTeam, bool) {
	t, ok := r.teams[id]
	return t, ok
}

// Instructors returns the instructors ordered by id.
func (r *Register) Instructors() []*Instructor { return sortedByID(r.instructors) }

// Experts returns the experts ordered by id.
func (r *Register) Experts() []*Expert { return sortedByID(r.experts) }

// LectureTeams returns the lecture teams ordered by id.
func (r *Register) LectureTeams() []*LectureTeam { return sortedByID(r.teams) }

func sortedByID[R healthedu.Record](m map[string]R) []R {
	out := make([]R, 0, len(m))
	for _, rec := range m {
		out = append(out, rec)
	}
	slices.SortFunc(out, func(a, b R) int { return cmp.Compare(a.RecordHeader().ID, b.RecordHeader().ID) })
	return out
}

// A RecordIssue is an issue of one record of the register (记录问题): the
// record's kind and id, and the issue, whose path is relative to the
// record.
type RecordIssue struct {
	Kind healthedu.Kind
	ID   string
	healthedu.Issue
}

// CheckReferences reports the references between records that do not
// resolve (引用校验): a lecture team's expert or instructor the register
// does not hold (roster.expertUnknown, roster.instructorUnknown), an
// expert's team it does not hold (roster.teamUnknown). The issues are
// ordered by kind, id and path.
func (r *Register) CheckReferences() []RecordIssue {
	var out []RecordIssue
	for _, e := range r.Experts() {
		for i, t := range e.Teams {
			if _, ok := r.teams[t]; !ok {
				out = append(out, RecordIssue{KindExpert, e.ID,
					healthedu.NewIssue("roster.teamUnknown", healthedu.Pointer("teams", strconv.Itoa(i)), map[string]any{"value": t})})
			}
		}
	}
	for _, t := range r.LectureTeams() {
		for i, id := range t.Experts {
			if _, ok := r.experts[id]; !ok {
				out = append(out, RecordIssue{KindLectureTeam, t.ID,
					healthedu.NewIssue("roster.expertUnknown", healthedu.Pointer("experts", strconv.Itoa(i)), map[string]any{"value": id})})
			}
		}
		for i, id := range t.Instructors {
			if _, ok := r.instructors[id]; !ok {
				out = append(out, RecordIssue{KindLectureTeam, t.ID,
					healthedu.NewIssue("roster.instructorUnknown", healthedu.Pointer("instructors", strconv.Itoa(i)), map[string]any{"value": id})})
			}
		}
	}
	return out
}

// CheckBinding reports what the register says of a binding (绑定记录核对),
// with paths relative to the binding: an instructor it does not hold
// (roster.instructorUnknown), or one it holds with another division or
// without the binding's role (roster.instructorMismatch). A platform
// calls it after Validate, as the Validator knows no register.
func (r *Register) CheckBinding(b *healthedu.Binding) []healthedu.Issue {
	if b == nil {
		return nil
	}
	in, ok := r.instructors[b.Instructor.ID]
	if !ok {
		return []healthedu.Issue{healthedu.NewIssue("roster.instructorUnknown", healthedu.Pointer("instructor", "id"),
			map[string]any{"value": b.Instructor.ID})}
	}
	var issues []healthedu.Issue
	if b.Instructor.Division.IsValid() && in.Division.IsValid() && b.Instructor.Division != in.Division {
		issues = append(issues, healthedu.NewIssue("roster.instructorMismatch", healthedu.Pointer("instructor", "division"),
			map[string]any{"field": "division", "value": b.Instructor.Division.Short(), "registered": in.Division.Short()}))
	}
	if b.Instructor.Role != "" && !slices.Contains(in.Roles, b.Instructor.Role) {
		var registered string
		if len(in.Roles) > 0 {
			registered = string(in.Roles[0])
		}
		issues = append(issues, healthedu.NewIssue("roster.instructorMismatch", healthedu.Pointer("instructor", "role"),
			map[string]any{"field": "role", "value": string(b.Instructor.Role), "registered": registered}))
	}
	return issues
}

// CheckActivity reports the speakers of an activity that name an expert
// the register does not hold (roster.expertUnknown), with paths relative
// to the activity.
func (r *Register) CheckActivity(a *healthedu.Activity) []healthedu.Issue {
	if a == nil {
		return nil
	}
	var issues []healthedu.Issue
	for i, s := range a.Speakers {
		if s.Expert == "" {
			continue
		}
		if _, ok := r.experts[s.Expert]; !ok {
			issues = append(issues, healthedu.NewIssue("roster.expertUnknown", healthedu.Pointer("speakers", strconv.Itoa(i), "expert"),
				map[string]any{"value": s.Expert}))
		}
	}
	return issues
}
