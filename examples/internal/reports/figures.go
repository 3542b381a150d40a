package reports

import (
	"bytes"
	"hash/maphash"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/internal/packedid"
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
// figures read of them, each id once, in a few bytes: of an instructor
// its division, level and roles; of an expert its division and
// specialties; of a binding its instructor, times and resident (or its
// key, with FigureOptions.ResidentKey); of an activity of form lecture
// with a registered expert among its speakers, its start and speakers'
// experts; and lecture requests whole. Identifiers are kept once each, in
// tables of bytes (figureIDs). A FigureFeed is not safe for concurrent
// use.
type FigureFeed struct {
	opts          FigureOptions
	people        bool
	first, latest healthedu.Period

	requests   []*figureRequest
	requestIdx map[string]int

	// The instructors, experts, bindings and lectures, by the number of
	// their id in the table of their kind; an instructor or an expert that
	// a binding or a lecture names may have no record (has false).
	instructorIDs, expertIDs, bindingIDs, lectureIDs figureIDs
	instructors                                      []figureInstructor
	experts                                          []figureExpert
	bindings                                         []figureBinding
	lectures                                         []figureLecture
	keys                                             map[int32]healthedu.Pseudonym // by binding, with opts.ResidentKey
	speakers                                         []int32                       // the experts of lectures
	levels                                           []roster.Level
	levelIdx                                         map[roster.Level]uint16
	roles                                            [][]healthedu.InstructorRole
	topics                                           [][]healthedu.Topic
	listIdx                                          map[string]uint16 // roles and topics lists, by their text
	zones                                            map[string]*time.Location
	draining                                         bool // Drain is under way: what is counted may go
}

// figureInstructor is what the register's figures read of an instructor.
type figureInstructor struct {
	div          healthedu.DivisionCode
	level, roles uint16 // numbers in FigureFeed.levels and roles
	has          bool
}

// figureExpert is what the register's figures read of an expert.
type figureExpert struct {
	div         healthedu.DivisionCode
	specialties uint16 // number in FigureFeed.topics
	has         bool
}

// figureBinding is what the register's figures read of a binding: its
// times as seconds and nanoseconds of Unix time.
type figureBinding struct {
	boundSec, unSec   int64
	resident          healthedu.CitizenID
	instructor        int32 // number in FigureFeed.instructorIDs
	boundNsec, unNsec int32
	unbound           bool
}

// figureLecture is what the register's figures read of a lecture: its
// start and its speakers' experts (n of them in FigureFeed.speakers from
// off); has is false when a later version of its id is no such lecture.
type figureLecture struct {
	startSec  int64
	startNsec int32
	off, n    int32
	has       bool
}

// NewFigureFeed returns a feed of records for the figures of
// [FigureValues], read as opts says.
func NewFigureFeed(opts FigureOptions) *FigureFeed {
	return &FigureFeed{
		opts:       opts,
		requestIdx: make(map[string]int),
		keys:       make(map[int32]healthedu.Pseudonym),
		levelIdx:   make(map[roster.Level]uint16),
		listIdx:    make(map[string]uint16),
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
			slim := f.slimRequest(r)
			f.requestIdx[slim.id] = len(f.requests)
			f.requests = append(f.requests, slim)
		}
		return
	case *roster.Instructor:
		f.people = true
		if r != nil {
			n := f.instructorIDs.number(r.ID)
			f.instructors = grow(f.instructors, n)
			f.instructors[n] = figureInstructor{div: r.Division, level: f.level(r.Level), roles: f.roleList(r.Roles), has: true}
		}
		return
	case *roster.Expert:
		f.people = true
		if r != nil {
			n := f.expertIDs.number(r.ID)
			f.experts = grow(f.experts, n)
			f.experts[n] = figureExpert{div: r.Division, specialties: f.topicList(r.Specialties), has: true}
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

// A figureRequest is what booking.Figures reads of a lecture request: its
// id, division, topics, time of request, day held and the status and time
// of the last entry of its history.
type figureRequest struct {
	id          string
	div         healthedu.DivisionCode
	topics      uint16 // number in FigureFeed.topics
	held        bool
	history     bool
	heldOn      healthedu.Date
	requestedAt time.Time
	lastAt      time.Time
	lastStatus  booking.Status
}

// slimRequest returns what booking.Figures reads of r, copied.
func (f *FigureFeed) slimRequest(r *booking.LectureRequest) *figureRequest {
	slim := &figureRequest{id: strings.Clone(r.ID), div: r.Division, topics: f.topicList(r.Topics), requestedAt: f.shareZone(r.RequestedAt)}
	if r.Held != nil {
		slim.held, slim.heldOn = true, r.Held.Date
	}
	if n := len(r.History); n > 0 {
		last := r.History[n-1]
		slim.history, slim.lastAt, slim.lastStatus = true, f.shareZone(last.At), booking.Status(strings.Clone(string(last.Status)))
	}
	return slim
}

// shareZone returns t in the zone of an earlier time with the same zone
// name and offset: a time parsed with an offset carries a zone made for
// it, which would weigh more than the time. UTC, Local and zones with
// rules of their own (whose name is not that of the zone in effect) are
// left as they are.
func (f *FigureFeed) shareZone(t time.Time) time.Time {
	loc := t.Location()
	name, offset := t.Zone()
	if loc == time.UTC || loc == time.Local || loc.String() != name {
		return t
	}
	k := name + "\x00" + strconv.Itoa(offset)
	if shared, ok := f.zones[k]; ok {
		return t.In(shared)
	}
	if f.zones == nil {
		f.zones = make(map[string]*time.Location)
	}
	f.zones[k] = loc
	return t
}

// request returns the lecture request r stands for, with what
// booking.Figures reads.
func (f *FigureFeed) request(r *figureRequest) *booking.LectureRequest {
	req := &booking.LectureRequest{Header: healthedu.Header{Kind: booking.KindLectureRequest, ID: r.id}, Division: r.div, Topics: f.topics[r.topics], RequestedAt: r.requestedAt}
	if r.held {
		req.Held = &booking.Held{Date: r.heldOn}
	}
	if r.history {
		req.History = []booking.Event{{At: r.lastAt, Status: r.lastStatus}}
	}
	return req
}

// grow returns list long enough to hold index n.
func grow[T any](list []T, n int32) []T {
	for int(n) >= len(list) {
		var zero T
		list = append(list, zero)
	}
	return list
}

// level returns the number of level l.
func (f *FigureFeed) level(l roster.Level) uint16 {
	n, ok := f.levelIdx[l]
	if !ok {
		n = uint16(len(f.levels))
		l = roster.Level(strings.Clone(string(l)))
		f.levels = append(f.levels, l)
		f.levelIdx[l] = n
	}
	return n
}

// roleList returns the number of the list of roles rs.
func (f *FigureFeed) roleList(rs []healthedu.InstructorRole) uint16 {
	return internList(f.listIdx, "r", &f.roles, rs)
}

// topicList returns the number of the list of topics ts.
func (f *FigureFeed) topicList(ts []healthedu.Topic) uint16 {
	return internList(f.listIdx, "t", &f.topics, ts)
}

// internList returns the number of the list xs among lists, adding a copy
// of it (its strings cloned, not kept from the record) when it is new.
// idx numbers the lists by a key that prefix begins, so that one map
// serves lists of several kinds.
func internList[S ~string](idx map[string]uint16, prefix string, lists *[][]S, xs []S) uint16 {
	key := prefix
	for _, x := range xs {
		key += "\x00" + string(x)
	}
	n, ok := idx[key]
	if !ok {
		n = uint16(len(*lists))
		list := make([]S, len(xs))
		for i, x := range xs {
			list[i] = S(strings.Clone(string(x)))
		}
		*lists = append(*lists, list)
		idx[key] = n
	}
	return n
}

// binding keeps what the register's figures read of b.
func (f *FigureFeed) binding(b *healthedu.Binding) {
	n := f.bindingIDs.number(b.ID)
	fb := figureBinding{
		instructor: f.instructorIDs.number(b.Instructor.ID),
		boundSec:   b.BoundAt.Unix(), boundNsec: int32(b.BoundAt.Nanosecond()),
	}
	f.instructors = grow(f.instructors, fb.instructor)
	if b.UnboundAt != nil {
		fb.unSec, fb.unNsec, fb.unbound = b.UnboundAt.Unix(), int32(b.UnboundAt.Nanosecond()), true
	}
	delete(f.keys, n)
	if f.opts.ResidentKey != nil {
		if k := f.opts.ResidentKey(b); !k.IsZero() {
			f.keys[n] = k
		}
	}
	if _, keyed := f.keys[n]; !keyed {
		fb.resident = b.Resident.CitizenID
	}
	f.bindings = grow(f.bindings, n)
	f.bindings[n] = fb
}

// activity keeps what the register's figures read of a, a lecture with
// an expert among its speakers; a later version of a that is not one
// replaces it all the same.
func (f *FigureFeed) activity(a *healthedu.Activity) {
	n, ok := f.lectureIDs.find(a.ID)
	if ok {
		f.lectures[n].has = false
	}
	if a.Form != healthedu.FormLecture {
		return
	}
	count := 0
	for _, s := range a.Speakers {
		if s.Expert != "" {
			count++
		}
	}
	if count == 0 {
		return
	}
	off := len(f.speakers)
	if ok && count <= int(f.lectures[n].n) {
		off = int(f.lectures[n].off) // in place of the version replaced
	} else {
		f.speakers = append(f.speakers, make([]int32, count)...)
	}
	i := off
	for _, s := range a.Speakers {
		if s.Expert != "" {
			e := f.expertIDs.number(s.Expert)
			f.experts = grow(f.experts, e)
			f.speakers[i] = e
			i++
		}
	}
	if !ok {
		n = f.lectureIDs.number(a.ID)
	}
	f.lectures = grow(f.lectures, n)
	f.lectures[n] = figureLecture{startSec: a.Start.Unix(), startNsec: int32(a.Start.Nanosecond()), off: int32(off), n: int32(count), has: true}
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

// Drain calls each as [FigureFeed.Each] does, and lets go of what the
// feed holds as the figures that need it are made: the instructors and
// bindings once the instructors' figures are, the experts and lectures
// once theirs are. The feed is then empty, as NewFigureFeed returns it.
func (f *FigureFeed) Drain(each func(indicators.DataValue)) error {
	f.draining = true
	err := f.Each(each)
	*f = *NewFigureFeed(f.opts)
	return err
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
		for part := range f.registerParts() {
			var key func(*healthedu.Binding) healthedu.Pseudonym
			if f.opts.ResidentKey != nil {
				key = func(b *healthedu.Binding) healthedu.Pseudonym { return part.keys[b] }
			}
			reg := roster.NewRegister(part.records)
			for m := first; m.Compare(last) <= 0; m = m.Next() {
				vs, err := reg.DataValues(part.records, roster.FigureOptions{Period: m, ResidentKey: key})
				if err != nil {
					return err
				}
				for _, v := range vs {
					each(v)
				}
			}
		}
		if f.draining {
			f.experts, f.lectures, f.speakers = nil, nil, nil
			f.expertIDs, f.lectureIDs = figureIDs{}, figureIDs{}
		}
	}
	if len(f.requests) > 0 {
		requests := make([]*booking.LectureRequest, len(f.requests))
		for i, r := range f.requests {
			if r != nil {
				requests[i] = f.request(r)
			}
		}
		if f.draining {
			f.requests, f.requestIdx = nil, nil
		}
		for v := range booking.AllFigures(requests, booking.FigureOptions{Now: f.opts.Now}) {
			each(v)
		}
	}
	return nil
}

// A registerPart is a part of the register (see registerParts): its
// records, and the keys of its bindings with FigureOptions.ResidentKey.
type registerPart struct {
	records []healthedu.Record
	keys    map[*healthedu.Binding]healthedu.Pseudonym
}

// registerParts returns the register in parts whose figures are disjoint,
// so that the register's figures are the union of the parts'
// (roster.Register.DataValues counts an instructor, and the residents
// bound to it, in the instructor's division, and an expert, and its
// lectures, in the expert's): the instructors of each county (of each
// division above the counties, for those who serve one) with the bindings
// to them, in the order of the counties, and then the experts with the
// lectures. A binding to an instructor the register does not hold counts
// nowhere, and is left out. The records of a part are made as it comes,
// with what the figures read.
func (f *FigureFeed) registerParts() iter.Seq[registerPart] {
	return func(yield func(registerPart) bool) {
		county := make([]healthedu.DivisionCode, len(f.instructors))
		byCounty := make(map[healthedu.DivisionCode][]int32) // instructors, then bindings with their numbers negated less one
		var counties []healthedu.DivisionCode
		for n, in := range f.instructors {
			if !in.has {
				continue
			}
			c := in.div.Truncate(healthedu.LevelCounty)
			if _, ok := byCounty[c]; !ok {
				counties = append(counties, c)
			}
			byCounty[c] = append(byCounty[c], int32(n))
			county[n] = c
		}
		for n, b := range f.bindings {
			if f.instructors[b.instructor].has {
				c := county[b.instructor]
				byCounty[c] = append(byCounty[c], -int32(n)-1)
			}
		}
		slices.SortFunc(counties, healthedu.DivisionCode.Compare)
		for _, c := range counties {
			part := registerPart{keys: make(map[*healthedu.Binding]healthedu.Pseudonym)}
			for _, n := range byCounty[c] {
				if n >= 0 {
					in := &f.instructors[n]
					part.records = append(part.records, &roster.Instructor{
						Header: healthedu.Header{Kind: roster.KindInstructor, ID: f.instructorIDs.id(n)},
						Level:  f.levels[in.level], Division: in.div, Roles: f.roles[in.roles],
					})
					continue
				}
				n = -n - 1
				fb := &f.bindings[n]
				b := &healthedu.Binding{Header: healthedu.Header{Kind: healthedu.KindBinding, ID: f.bindingIDs.id(n)}, BoundAt: time.Unix(fb.boundSec, int64(fb.boundNsec))}
				b.Instructor.ID = f.instructorIDs.id(fb.instructor)
				b.Resident.CitizenID = fb.resident
				if fb.unbound {
					t := time.Unix(fb.unSec, int64(fb.unNsec))
					b.UnboundAt = &t
				}
				if k, ok := f.keys[n]; ok {
					part.keys[b] = k
				}
				part.records = append(part.records, b)
			}
			if !yield(part) {
				return
			}
		}
		if f.draining {
			f.instructors, f.bindings, f.keys = nil, nil, nil
			f.instructorIDs, f.bindingIDs = figureIDs{}, figureIDs{}
		}
		var experts []healthedu.Record
		for n, e := range f.experts {
			if e.has {
				experts = append(experts, &roster.Expert{
					Header:   healthedu.Header{Kind: roster.KindExpert, ID: f.expertIDs.id(int32(n))},
					Division: e.div, Specialties: f.topics[e.specialties],
				})
			}
		}
		for n, l := range f.lectures {
			if !l.has {
				continue
			}
			a := &healthedu.Activity{Header: healthedu.Header{Kind: healthedu.KindActivity, ID: f.lectureIDs.id(int32(n))}, Form: healthedu.FormLecture, Start: time.Unix(l.startSec, int64(l.startNsec))}
			for _, e := range f.speakers[l.off : l.off+l.n] {
				a.Speakers = append(a.Speakers, healthedu.Speaker{Expert: f.expertIDs.id(e)})
			}
			experts = append(experts, a)
		}
		yield(registerPart{records: experts})
	}
}

// figureChunk is the size of the chunks of a figureIDs, small enough that
// the last one, partly filled, does not count.
const figureChunk = 64 << 10

// figureIDs numbers identifiers densely as they first come (编号表), and
// keeps each once, packed (see internal/packedid: a digit or a hyphen in
// half a byte), in chunks of bytes, found through a table hashed by the
// packed identifier and compared byte for byte.
type figureIDs struct {
	seed   maphash.Seed
	chunks [][]byte
	pos    []uint32 // by number: chunk<<20 | offset of the packed id
	table  []int32  // 1 + number, 0 for none: open addressing, linear probing
	buf    []byte   // the packed id looked up
}

// find returns the number of id, and whether it has one.
func (t *figureIDs) find(id string) (int32, bool) {
	if len(t.table) == 0 {
		return 0, false
	}
	i := t.slot(id)
	return t.table[i] - 1, t.table[i] != 0
}

// slot returns the slot of the table holding id, or the empty one where
// it goes; it leaves id packed in t.buf.
func (t *figureIDs) slot(id string) int {
	t.buf = packedid.Append(t.buf[:0], id)
	mask := len(t.table) - 1
	for i := int(maphash.Bytes(t.seed, t.buf)) & mask; ; i = (i + 1) & mask {
		if n := t.table[i]; n == 0 || bytes.Equal(t.bytes(n-1), t.buf) {
			return i
		}
	}
}

// number returns the number of id, giving it the next when it has none.
func (t *figureIDs) number(id string) int32 {
	if len(t.table) == 0 {
		t.seed = maphash.MakeSeed()
		t.table = make([]int32, 1024)
	}
	i := t.slot(id)
	if t.table[i] != 0 {
		return t.table[i] - 1
	}
	n := int32(len(t.pos))
	need := len(t.buf)
	c := len(t.chunks)
	if c == 0 || len(t.chunks[c-1])+need > cap(t.chunks[c-1]) {
		t.chunks = append(t.chunks, make([]byte, 0, max(figureChunk, need)))
		c++
	}
	ch := &t.chunks[c-1]
	t.pos = append(t.pos, uint32(c-1)<<20|uint32(len(*ch)))
	*ch = append(*ch, t.buf...)
	t.table[i] = n + 1
	if len(t.pos)*4 > len(t.table)*3 {
		t.table = make([]int32, 2*len(t.table))
		mask := len(t.table) - 1
		for k := range t.pos {
			j := int(maphash.Bytes(t.seed, t.bytes(int32(k)))) & mask
			for t.table[j] != 0 {
				j = (j + 1) & mask
			}
			t.table[j] = int32(k) + 1
		}
	}
	return n
}

// id returns the identifier numbered n.
func (t *figureIDs) id(n int32) string { return packedid.String(t.bytes(n)) }

// bytes returns the packed identifier numbered n.
func (t *figureIDs) bytes(n int32) []byte {
	p := t.pos[n]
	b := t.chunks[p>>20][p&(1<<20-1):]
	return b[:packedid.Len(b)]
}
