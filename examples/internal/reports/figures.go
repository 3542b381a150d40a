package reports

import (
	"slices"
	"strings"
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/roster"
)

// FigureKinds returns the kinds of record whose figures [FigureValues]
// derives besides those indicators.Store.AddRecords reads (花名册与点餐记录类型):
// the register's (roster.Kinds) and the lecture requests (booking.Kinds).
// Each call returns a new list.
func FigureKinds() healthedu.Kinds {
	return append(roster.Kinds(), booking.Kinds()...)
}

// MaxFigureMonths bounds the months [FigureValues] computes the register's
// figures for (花名册统计月数上限): the latest ten years up to the month of now.
const MaxFigureMonths = 120

// FigureOptions says how [FigureValues] reads the records (花名册与点餐统计选项).
type FigureOptions struct {
	// Now is the instant of the figures (统计时点): the register's figures
	// run to its month, the lecture requests' overdue ones are judged at
	// it (booking.FigureOptions.Now).
	Now time.Time
	// ResidentKey tells the residents of bindings apart, as
	// indicators.RecordOptions.ResidentKey does; nil for the pseudonym of
	// the binding's citizen ID (see roster.FigureOptions).
	ResidentKey func(*healthedu.Binding) healthedu.Pseudonym
}

// FigureValues returns the data values of the register of people and of
// the lecture requests among records (花名册与点餐数据值), for an
// indicators.Store on the default catalogue, as both "jiceng indicators"
// and the intake server derive them:
//
//   - the register's figures (roster.Register.DataValues) for each month
//     from the first to the last month of the records that have one, not
//     after the month of opts.Now, at most [MaxFigureMonths] of them (the
//     month of opts.Now alone when no record has one): the stocks of
//     instructors, experts and residents bound at the end of each month,
//     and the lectures experts gave in it; none when records hold no
//     instructor, expert or lecture team. The register's stocks stop with
//     the other records' months, so that an indicator of a stock of the
//     register over a stock of the monthly reports, such as instructors
//     per 10,000 residents, takes both from the same month;
//   - the figures of lecture requests (booking.Figures) as of opts.Now.
//
// Records of other kinds serve as the bindings and the activities the
// register counts. It fails only when the register does, which it does
// not on a month.
func FigureValues(records []healthedu.Record, opts FigureOptions) ([]indicators.DataValue, error) {
	f := NewFigureFeed(opts)
	for _, r := range records {
		f.Add(r)
	}
	return f.Values()
}

// A FigureFeed takes records one at a time (逐条汇入) for the figures
// [FigureValues] derives, as they are read, and gives them at
// [FigureFeed.Values]: feeding records r₁ … rₙ gives what FigureValues
// gives for the slice of them. It does not hold the records, but what the
// figures read of them, each id once: of an instructor its id, division,
// level and roles; of an expert its id, division and specialties; of a
// binding its id, instructor, times and resident (or its key, with
// FigureOptions.ResidentKey); of an activity of form lecture with a
// registered expert among its speakers, its id, start and speakers'
// expert ids; and lecture requests whole. A FigureFeed is not safe for
// concurrent use.
type FigureFeed struct {
	opts          FigureOptions
	people        bool
	first, latest healthedu.Period

	requests   []*booking.LectureRequest
	requestIdx map[string]int

	instructors   []*roster.Instructor
	instructorIdx map[string]int
	experts       []*roster.Expert
	expertIdx     map[string]int
	bindings      []*healthedu.Binding
	bindingIdx    map[string]int
	keys          map[*healthedu.Binding]healthedu.Pseudonym // with opts.ResidentKey
	lectures      []*healthedu.Activity                      // nil where a later version is not one
	lectureIdx    map[string]int
}

// NewFigureFeed returns a feed of records for the figures of
// [FigureValues], read as opts says.
func NewFigureFeed(opts FigureOptions) *FigureFeed {
	return &FigureFeed{
		opts:          opts,
		requestIdx:    make(map[string]int),
		instructorIdx: make(map[string]int),
		expertIdx:     make(map[string]int),
		bindingIdx:    make(map[string]int),
		keys:          make(map[*healthedu.Binding]healthedu.Pseudonym),
		lectureIdx:    make(map[string]int),
	}
}

// Add takes r, as a validator accepted it: a record with the kind and id
// of one added before replaces it. A nil record is ignored.
func (f *FigureFeed) Add(r healthedu.Record) {
	switch r := r.(type) {
	case nil:
		return
	case *booking.LectureRequest:
		if r != nil {
			if i, ok := f.requestIdx[r.ID]; ok {
				f.requests[i] = nil // booking.Figures takes the last version
			}
			f.requestIdx[strings.Clone(r.ID)] = len(f.requests)
			f.requests = append(f.requests, r)
		}
		return
	case *roster.Instructor:
		f.people = true
		if r != nil {
			slim := &roster.Instructor{Header: slimHeader(r.Header), Level: r.Level, Division: r.Division, Roles: slices.Clone(r.Roles)}
			put(&f.instructors, f.instructorIdx, slim.ID, slim)
		}
		return
	case *roster.Expert:
		f.people = true
		if r != nil {
			slim := &roster.Expert{Header: slimHeader(r.Header), Division: r.Division, Specialties: slices.Clone(r.Specialties)}
			put(&f.experts, f.expertIdx, slim.ID, slim)
		}
		return
	case *roster.LectureTeam:
		f.people = true // the register's figures do not count teams
		return
	case *healthedu.Binding:
		if r != nil {
			f.binding(r)
		}
	case *healthedu.Activity:
		if r != nil {
			f.activity(r)
		}
	}
	p, _ := r.RecordPeriod()
	if !p.IsValid() {
		return
	}
	m := healthedu.PeriodOf(healthedu.PeriodMonth, p.Start())
	if !f.first.IsValid() || m.Compare(f.first) < 0 {
		f.first = m
	}
	if !f.latest.IsValid() || m.Compare(f.latest) > 0 {
		f.latest = m
	}
}

// slimHeader returns h with copies of its kind and id, so that a slim
// record does not hold the decoded one.
func slimHeader(h healthedu.Header) healthedu.Header {
	return healthedu.Header{Kind: healthedu.Kind(strings.Clone(string(h.Kind))), ID: strings.Clone(h.ID)}
}

// put puts rec, with its id, into list, in place of the record with that
// id if there is one.
func put[R any](list *[]R, index map[string]int, id string, rec R) {
	if i, ok := index[id]; ok {
		(*list)[i] = rec
		return
	}
	index[id] = len(*list)
	*list = append(*list, rec)
}

// binding keeps what the register's figures read of b.
func (f *FigureFeed) binding(b *healthedu.Binding) {
	slim := &healthedu.Binding{Header: slimHeader(b.Header), BoundAt: b.BoundAt}
	slim.Instructor.ID = strings.Clone(b.Instructor.ID)
	if b.UnboundAt != nil {
		t := *b.UnboundAt
		slim.UnboundAt = &t
	}
	if f.opts.ResidentKey != nil {
		f.keys[slim] = f.opts.ResidentKey(b)
	}
	if f.opts.ResidentKey == nil || f.keys[slim].IsZero() {
		slim.Resident.CitizenID = b.Resident.CitizenID
	}
	if i, ok := f.bindingIdx[slim.ID]; ok {
		delete(f.keys, f.bindings[i])
	}
	put(&f.bindings, f.bindingIdx, slim.ID, slim)
}

// activity keeps what the register's figures read of a, a lecture with
// an expert among its speakers; a later version of a that is not one
// replaces it all the same.
func (f *FigureFeed) activity(a *healthedu.Activity) {
	if i, ok := f.lectureIdx[a.ID]; ok {
		f.lectures[i] = nil
		delete(f.lectureIdx, a.ID)
	}
	if a.Form != healthedu.FormLecture {
		return
	}
	var speakers []healthedu.Speaker
	for _, s := range a.Speakers {
		if s.Expert != "" {
			speakers = append(speakers, healthedu.Speaker{Expert: strings.Clone(s.Expert)})
		}
	}
	if len(speakers) == 0 {
		return
	}
	slim := &healthedu.Activity{Header: slimHeader(a.Header), Form: a.Form, Start: a.Start, Speakers: speakers}
	f.lectureIdx[slim.ID] = len(f.lectures)
	f.lectures = append(f.lectures, slim)
}

// Values returns the data values of the records fed, as [FigureValues]
// does.
func (f *FigureFeed) Values() ([]indicators.DataValue, error) {
	var values []indicators.DataValue
	err := f.Each(func(v indicators.DataValue) { values = append(values, v) })
	if err != nil {
		return nil, err
	}
	return values, nil
}

// Each calls each with the data values of the records fed, those
// [FigureFeed.Values] returns, without collecting them: the register's
// figures month by month and, within a month, a part of the register at a
// time (its instructors of one county, with their bindings; its experts,
// with the lectures), then the lecture requests' figures. It fails only
// when the register does.
func (f *FigureFeed) Each(each func(indicators.DataValue)) error {
	if f.people {
		first, last := f.first, healthedu.PeriodOf(healthedu.PeriodMonth, f.opts.Now)
		if f.latest.IsValid() && f.latest.Compare(last) < 0 {
			last = f.latest
		}
		if !first.IsValid() || first.Compare(last) > 0 {
			first = last
		}
		if earliest := last.Add(1 - MaxFigureMonths); first.Compare(earliest) < 0 {
			first = earliest
		}
		parts := f.registerParts()
		var key func(*healthedu.Binding) healthedu.Pseudonym
		if f.opts.ResidentKey != nil {
			key = func(b *healthedu.Binding) healthedu.Pseudonym { return f.keys[b] }
		}
		for m := first; m.Compare(last) <= 0; m = m.Next() {
			for _, records := range parts {
				vs, err := roster.NewRegister(records).DataValues(records, roster.FigureOptions{Period: m, ResidentKey: key})
				if err != nil {
					return err
				}
				for _, v := range vs {
					each(v)
				}
			}
		}
	}
	if len(f.requests) > 0 {
		for _, v := range booking.Figures(f.requests, booking.FigureOptions{Now: f.opts.Now}) {
			each(v)
		}
	}
	return nil
}

// registerParts splits the register into parts whose figures are
// disjoint, so that the register's figures are the union of the parts'
// (roster.Register.DataValues counts an instructor, and the residents
// bound to it, in the instructor's division, and an expert, and its
// lectures, in the expert's): the instructors of each county (of each
// division above the counties, for those who serve one) with the bindings
// to them, in the order of the counties, and then the experts with the
// lectures. A binding to an instructor the register does not hold counts
// nowhere, and is left out.
func (f *FigureFeed) registerParts() [][]healthedu.Record {
	byCounty := make(map[healthedu.DivisionCode][]healthedu.Record)
	var counties []healthedu.DivisionCode
	countyOf := make(map[string]healthedu.DivisionCode, len(f.instructors))
	for _, in := range f.instructors {
		c := in.Division.Truncate(healthedu.LevelCounty)
		if _, ok := byCounty[c]; !ok {
			counties = append(counties, c)
		}
		byCounty[c] = append(byCounty[c], in)
		countyOf[in.ID] = c
	}
	for _, b := range f.bindings {
		if c, ok := countyOf[b.Instructor.ID]; ok {
			byCounty[c] = append(byCounty[c], b)
		}
	}
	slices.SortFunc(counties, healthedu.DivisionCode.Compare)
	parts := make([][]healthedu.Record, 0, len(counties)+1)
	for _, c := range counties {
		parts = append(parts, byCounty[c])
	}
	var experts []healthedu.Record
	for _, e := range f.experts {
		experts = append(experts, e)
	}
	for _, a := range f.lectures {
		if a != nil {
			experts = append(experts, a)
		}
	}
	return append(parts, experts)
}
