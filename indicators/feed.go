package indicators

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"slices"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/packedid"
)

// A RecordFeed takes records for a [Store] one at a time (逐条汇入), as they
// are read, and adds their data values at [RecordFeed.Close]: feeding
// records r₁ … rₙ and closing adds exactly what Store.AddRecords does with
// the slice of them, with the same error, but the feed does not hold the
// records. It keeps, for each distinct (kind, id) of the five kinds
// AddRecords reads, what the record adds — an activity's division, month,
// categories and participants, a binding's division, times and resident
// key, a monthly report's integer values — so that a later record with the
// same kind and id can replace it, as AddRecords wants: its memory grows
// with the distinct records, about 50 bytes each besides its id, whose
// digits and hyphens take half a byte each (a binding's about 100, a
// monthly report's a few bytes a value more), not with the records read
// nor the bytes.
//
// What a record adds is written, with its kind and id, to a log of bytes
// in the order of the records' last versions (记录日志); a table of the
// log's entries, hashed by kind and id and compared byte for byte, finds
// the entry a later record replaces, so that identifiers are matched
// exactly. Replaced entries are dropped from the log once they make a
// quarter of it.
//
// A RecordFeed is not safe for concurrent use. Records added after Close
// are ignored.
type RecordFeed struct {
	s    *Store
	opts RecordOptions

	log   feedLog
	table []uint32 // 1 + the position in log of an entry, 0 for none: open addressing, linear probing
	used  int      // the slots of table in use
	seed  maphash.Seed

	kinds   []healthedu.Kind // the kinds seen, numbered densely
	kindIdx map[healthedu.Kind]int32

	divs    []healthedu.DivisionCode // the divisions of records, numbered densely
	divIdx  map[healthedu.DivisionCode]int32
	periods []healthedu.Period // the periods of records, numbered densely
	perIdx  map[healthedu.Period]int32

	cats   [][]string // the category lists of records, numbered densely
	catIdx map[string]int32
	catBuf []byte

	elements   []string // the elements of monthly reports' values
	elementIdx map[string]int32

	reports  []feedReport
	values   []byte // at Close, the values of reports: pairs of element number and value, as varints
	extra    []byte // the values of the report being added
	bindings []feedBinding
	keys     map[int32]healthedu.Pseudonym // by binding: the key RecordOptions.ResidentKey gave
	errs     []error                       // what is wrong with a record, found as it was fed

	secret []byte // the key of resident pseudonyms, drawn when first needed
	closed bool
	buf    []byte
	idBuf  []byte // the packed id looked up
}

// feedTag says what an entry of the log holds.
type feedTag uint8

const (
	tagReplaced feedTag = iota // a later record has the same kind and id
	tagActivity                // n: participants
	tagLiteracy                // n: 1 when literate
	tagHealthCell
	tagReport  // n: index in RecordFeed.reports
	tagBinding // n: index in RecordFeed.bindings
	tagFailed  // n: index in RecordFeed.errs
)

// A feedEntry is what one record adds. An activity, a literacy survey and
// a health cell add counts to the cells of their division and period,
// under each of their categories. In the log an entry is its tag, its
// kind (by number) and its id, packed (see internal/packedid: digits and
// hyphens take half a byte), then div, period, cats and n as varints, and
// the length of extra and extra.
type feedEntry struct {
	id     string
	extra  []byte // a monthly report's values: pairs of element number and value
	div    healthedu.DivisionCode
	n      int64
	kind   int32
	cats   int32
	period healthedu.Period
	tag    feedTag
}

// A feedReport is what a monthly report adds: its integer values (n of
// them, in its entry of the log, and at Close in RecordFeed.values from
// off) and its receipt, or the error that makes it unusable.
type feedReport struct {
	div    healthedu.DivisionCode
	at     time.Time
	err    error
	period healthedu.Period
	off    uint32
	n      int32
	bound  bool // it reports residents-bound
}

// A feedBinding is what a binding adds to residents-bound: its times as
// seconds and nanoseconds of Unix time, and its resident's citizen ID,
// whose pseudonym Close takes, unless RecordOptions.ResidentKey gave a
// key (RecordFeed.keys).
type feedBinding struct {
	div               healthedu.DivisionCode
	boundSec, unSec   int64
	boundNsec, unNsec int32 // unNsec is -1 when it has no unbinding time
	resident          healthedu.CitizenID
}

// A feedRef names an entry of the log that Close keeps for later: the
// record's number among the reports or the bindings, kind and id.
type feedRef struct {
	n    int32
	kind int32
	id   string
}

func (b *feedBinding) boundAt() time.Time   { return time.Unix(b.boundSec, int64(b.boundNsec)) }
func (b *feedBinding) unboundAt() time.Time { return time.Unix(b.unSec, int64(b.unNsec)) }
func (b *feedBinding) unbound() bool        { return b.unNsec >= 0 }

// NewRecordFeed returns a feed of records (记录汇入) into s, read as opts
// says (see [Store.AddRecords]). [RecordOptions.ResidentKey] is called
// with each binding as it is added.
func (s *Store) NewRecordFeed(opts RecordOptions) *RecordFeed {
	return &RecordFeed{
		s:          s,
		opts:       opts,
		seed:       maphash.MakeSeed(),
		kindIdx:    make(map[healthedu.Kind]int32),
		divIdx:     make(map[healthedu.DivisionCode]int32),
		perIdx:     make(map[healthedu.Period]int32),
		catIdx:     make(map[string]int32),
		elementIdx: make(map[string]int32),
	}
}

// Add takes r, as a validator accepted it: a record with the kind and id
// of one added before replaces it. A nil record is ignored, and so are
// records of kinds that Store.AddRecords ignores, but for replacing an
// earlier record with their kind and id.
func (f *RecordFeed) Add(r healthedu.Record) {
	if r == nil || f.closed {
		return
	}
	h := r.RecordHeader()
	e := feedEntry{tag: tagFailed}
	// The entry of the version this record replaces, whose report,
	// binding or error the record's take the place of.
	prevTag, prevN := f.previous(h)
	slot := func(tag feedTag, n int) int64 {
		if prevTag == tag {
			return prevN
		}
		return int64(n)
	}
	f.extra = f.extra[:0]
	var err error
	switch r := r.(type) {
	case *healthedu.MonthlyReport:
		e.tag, e.n = tagReport, slot(tagReport, len(f.reports))
		put(&f.reports, e.n, f.report(r))
	case *healthedu.Binding:
		if r.BoundAt.IsZero() || !r.Division.IsValid() {
			err = errors.New("binding without a division or a time")
			break
		}
		e.tag, e.n = tagBinding, slot(tagBinding, len(f.bindings))
		put(&f.bindings, e.n, f.binding(r, int32(e.n)))
	case *healthedu.Activity:
		if r.Start.IsZero() {
			err = errors.New("activity without a start")
			break
		}
		cats := make([]string, 0, 1+1+len(r.Topics)+len(r.TargetGroups))
		cats = append(cats, "", Category("form", string(r.Form)))
		for _, t := range r.Topics {
			cats = append(cats, Category("topic", string(t)))
		}
		for _, g := range r.TargetGroups {
			cats = append(cats, Category("group", string(g)))
		}
		slices.Sort(cats[2:])
		e.tag, e.n, e.cats = tagActivity, r.Participants, f.categories(slices.Compact(cats))
	case *healthedu.LiteracySurvey:
		if !r.SurveyedOn.IsValid() {
			err = errors.New("literacy survey without a date")
			break
		}
		cats := []string{""}
		if r.Respondent.Residence != "" {
			cats = append(cats, Category("residence", string(r.Respondent.Residence)))
		}
		e.tag, e.cats = tagLiteracy, f.categories(cats)
		if r.HasLiteracy() {
			e.n = 1
		}
	case *healthedu.HealthCell:
		if p, _ := r.RecordPeriod(); !p.IsValid() {
			err = errors.New("health cell without a valid year")
			break
		}
		e.tag, e.cats = tagHealthCell, f.categories([]string{"", Category("type", string(r.Type)), Category("level", string(r.Level))})
	default:
		// Not read, but it replaces an earlier record of its kind and id.
		if k, ok := f.kindIdx[h.Kind]; ok {
			if slot := f.lookup(k, h.ID); f.table[slot] != 0 {
				f.log.setTag(f.table[slot]-1, tagReplaced)
			}
		}
		return
	}
	if err != nil {
		e.n = slot(tagFailed, len(f.errs))
		put(&f.errs, e.n, err)
	}
	e.div = r.RecordDivision()
	e.period, _ = r.RecordPeriod()
	k, ok := f.kindIdx[h.Kind]
	if !ok {
		k = int32(len(f.kinds))
		f.kinds = append(f.kinds, h.Kind)
		f.kindIdx[h.Kind] = k
	}
	e.kind, e.id = k, h.ID
	f.put(&e)
}

// previous returns the tag and number of the entry of the record with
// the kind and id of h, if the feed holds one; tagReplaced otherwise.
func (f *RecordFeed) previous(h *healthedu.Header) (feedTag, int64) {
	k, ok := f.kindIdx[h.Kind]
	if !ok {
		return tagReplaced, 0
	}
	if pos := f.table[f.lookup(k, h.ID)]; pos != 0 {
		e, _ := f.decode(pos - 1)
		return e.tag, e.n
	}
	return tagReplaced, 0
}

// put puts v at index n of list, n being at most its length.
func put[T any](list *[]T, n int64, v T) {
	if int(n) < len(*list) {
		(*list)[n] = v
		return
	}
	*list = append(*list, v)
}

// put writes e to the log, in place of the entry of its kind and id if
// there is one.
func (f *RecordFeed) put(e *feedEntry) {
	f.buf = f.encode(f.buf[:0], e)
	if f.log.replaced > feedCompactMin && f.log.replaced*4 > f.log.size {
		f.compact()
	}
	if (f.used+1)*4 > len(f.table)*3 {
		f.rehash(max(1024, 2*len(f.table)))
	}
	slot := f.lookup(e.kind, e.id)
	if old := f.table[slot]; old != 0 {
		f.log.setTag(old-1, tagReplaced)
	} else {
		f.used++
	}
	f.table[slot] = f.log.append(f.buf) + 1
}

// encode appends the log entry of e to b.
func (f *RecordFeed) encode(b []byte, e *feedEntry) []byte {
	b = append(b, byte(e.tag), byte(e.kind))
	b = packedid.Append(b, e.id)
	di, ok := f.divIdx[e.div]
	if !ok {
		di = int32(len(f.divs))
		f.divs = append(f.divs, e.div)
		f.divIdx[e.div] = di
	}
	pi, ok := f.perIdx[e.period]
	if !ok {
		pi = int32(len(f.periods))
		f.periods = append(f.periods, e.period)
		f.perIdx[e.period] = pi
	}
	b = binary.AppendUvarint(b, uint64(di))
	b = binary.AppendUvarint(b, uint64(pi))
	b = binary.AppendUvarint(b, uint64(e.cats))
	b = binary.AppendVarint(b, e.n)
	b = binary.AppendUvarint(b, uint64(len(f.extra)))
	return append(b, f.extra...)
}

// decode returns the entry of the log at pos, and the length of its log
// entry.
func (f *RecordFeed) decode(pos uint32) (feedEntry, int) {
	return f.decodeAt(f.log.at(pos))
}

// decodeBytes returns the entry at the start of b.
func (f *RecordFeed) decodeBytes(b []byte) feedEntry {
	e, _ := f.decodeAt(b)
	return e
}

// decodeAt returns the entry at the start of b, and its length.
func (f *RecordFeed) decodeAt(b []byte) (feedEntry, int) {
	e := feedEntry{tag: feedTag(b[0]), kind: int32(b[1])}
	e.id = packedid.String(b[2:])
	i := 2 + packedid.Len(b[2:])
	di, w := binary.Uvarint(b[i:])
	i += w
	pi, w := binary.Uvarint(b[i:])
	i += w
	cats, w := binary.Uvarint(b[i:])
	i += w
	e.n, w = binary.Varint(b[i:])
	i += w
	extra, w := binary.Uvarint(b[i:])
	i += w
	e.extra = b[i : i+int(extra)]
	i += int(extra)
	e.div, e.period, e.cats = f.divs[di], f.periods[pi], int32(cats)
	return e, i
}

// key returns the kind and packed id of the entry of the log at pos.
func (f *RecordFeed) key(pos uint32) (int32, []byte) {
	b := f.log.at(pos)
	return int32(b[1]), b[2 : 2+packedid.Len(b[2:])]
}

// hash returns the hash of a kind and packed id.
func (f *RecordFeed) hash(kind int32, id []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(f.seed)
	h.WriteByte(byte(kind))
	h.Write(id)
	return h.Sum64()
}

// lookup returns the slot of table that holds the entry of kind and id,
// or the empty slot where it would go.
func (f *RecordFeed) lookup(kind int32, id string) int {
	if len(f.table) == 0 {
		f.rehash(1024)
	}
	f.idBuf = packedid.Append(f.idBuf[:0], id)
	mask := len(f.table) - 1
	for i := int(f.hash(kind, f.idBuf)) & mask; ; i = (i + 1) & mask {
		pos := f.table[i]
		if pos == 0 {
			return i
		}
		if k, kid := f.key(pos - 1); k == kind && bytes.Equal(kid, f.idBuf) {
			return i
		}
	}
}

// rehash makes table n slots long (a power of two) and puts the entries
// of the log back into it.
func (f *RecordFeed) rehash(n int) {
	old := f.table
	f.table = make([]uint32, n)
	mask := n - 1
	for _, pos := range old {
		if pos == 0 {
			continue
		}
		k, id := f.key(pos - 1)
		i := int(f.hash(k, id)) & mask
		for f.table[i] != 0 {
			i = (i + 1) & mask
		}
		f.table[i] = pos
	}
}

// compact drops the replaced entries from the log, keeping the order of
// the others, and makes the table anew. The chunks of the old log go as
// they are read, so that the log needs little more than its entries kept.
func (f *RecordFeed) compact() {
	log := feedLog{compacted: f.log.compacted + 1}
	f.log.drain(func(pos uint32, b []byte) {
		if feedTag(b[0]) != tagReplaced {
			log.append(b)
		}
	})
	f.log = log
	f.used = 0
	f.table = make([]uint32, len(f.table))
	mask := len(f.table) - 1
	f.log.each(func(pos uint32, b []byte) {
		k, id := f.key(pos)
		i := int(f.hash(k, id)) & mask
		for f.table[i] != 0 {
			i = (i + 1) & mask
		}
		f.table[i] = pos + 1
		f.used++
	})
}

// A feedLog holds entries of bytes one after the other in chunks of
// feedChunk bytes (an entry longer than that in a chunk of its own), each
// found by its position: the number of its chunk and its offset in it.
type feedLog struct {
	chunks   [][]byte
	size     int // bytes of the entries
	replaced int // bytes of the replaced entries
	// compacted counts the times the replaced entries were dropped.
	compacted int
}

// feedCompactMin is the bytes of replaced entries below which the log is
// not compacted.
var feedCompactMin = 1 << 20

const feedChunkBits = 20
const feedChunk = 1 << feedChunkBits

// append adds the entry b and returns its position.
func (l *feedLog) append(b []byte) uint32 {
	n := len(l.chunks)
	if n == 0 || len(l.chunks[n-1])+len(b) > cap(l.chunks[n-1]) {
		l.chunks = append(l.chunks, make([]byte, 0, max(feedChunk, len(b))))
		n++
	}
	ch := &l.chunks[n-1]
	pos := uint32(n-1)<<feedChunkBits | uint32(len(*ch))
	*ch = append(*ch, b...)
	l.size += len(b)
	return pos
}

// at returns the bytes from the entry at pos to the end of its chunk.
func (l *feedLog) at(pos uint32) []byte {
	return l.chunks[pos>>feedChunkBits][pos&(feedChunk-1):]
}

// setTag marks the entry at pos.
func (l *feedLog) setTag(pos uint32, tag feedTag) {
	b := l.at(pos)
	if feedTag(b[0]) != tagReplaced && tag == tagReplaced {
		l.replaced += entryLen(b)
	}
	b[0] = byte(tag)
}

// entryLen returns the length of the entry at the start of b.
func entryLen(b []byte) int {
	i := 2 + packedid.Len(b[2:])
	for range 4 {
		_, w := binary.Uvarint(b[i:])
		i += w
	}
	extra, w := binary.Uvarint(b[i:])
	return i + w + int(extra)
}

// each calls fn with the position and bytes of each entry, in order.
func (l *feedLog) each(fn func(pos uint32, b []byte)) {
	for c, ch := range l.chunks {
		for off := 0; off < len(ch); {
			n := entryLen(ch[off:])
			fn(uint32(c)<<feedChunkBits|uint32(off), ch[off:off+n])
			off += n
		}
	}
}

// drain calls fn as each does, and drops each chunk once read.
func (l *feedLog) drain(fn func(pos uint32, b []byte)) {
	for c, ch := range l.chunks {
		l.chunks[c] = nil
		for off := 0; off < len(ch); {
			n := entryLen(ch[off:])
			fn(uint32(c)<<feedChunkBits|uint32(off), ch[off:off+n])
			off += n
		}
	}
	*l = feedLog{}
}

// categories returns the number of the category list cats.
func (f *RecordFeed) categories(cats []string) int32 {
	f.catBuf = f.catBuf[:0]
	for _, c := range cats {
		f.catBuf = append(append(f.catBuf, c...), 0)
	}
	if i, ok := f.catIdx[string(f.catBuf)]; ok {
		return i
	}
	i := int32(len(f.cats))
	f.cats = append(f.cats, cats)
	f.catIdx[string(f.catBuf)] = i
	return i
}

// report returns what the monthly report r adds.
func (f *RecordFeed) report(r *healthedu.MonthlyReport) feedReport {
	fr := feedReport{div: r.Division, period: r.Period, at: f.s.zones.share(r.SubmittedAt)}
	for _, v := range r.Values {
		if v.Element == ElementResidentsBound {
			fr.bound = true
			break
		}
	}
	values, err := f.s.reportValues(r)
	if err == nil && r.Period.Type() != healthedu.PeriodMonth {
		err = &ValueError{DataValue{Element: ElementReportsReceived, Division: r.Division, Period: r.Period, Value: 1}, "indicator.period", "a monthly report's period must be a month"}
	}
	if err != nil {
		fr.err = err
		return fr
	}
	if f.opts.ReceivedAt != nil {
		if t := f.opts.ReceivedAt(r); !t.IsZero() {
			fr.at = f.s.zones.share(t)
		}
	}
	fr.n = int32(len(values))
	for _, v := range values {
		e, ok := f.elementIdx[v.Element]
		if !ok {
			e = int32(len(f.elements))
			name := strings.Clone(v.Element)
			f.elements = append(f.elements, name)
			f.elementIdx[name] = e
		}
		f.extra = binary.AppendUvarint(f.extra, uint64(e))
		f.extra = binary.AppendVarint(f.extra, v.Value)
	}
	return fr
}

// binding returns what the binding b adds, with the key of its resident
// (see RecordOptions.ResidentKey).
func (f *RecordFeed) binding(b *healthedu.Binding, n int32) feedBinding {
	fb := feedBinding{div: b.Division, boundSec: b.BoundAt.Unix(), boundNsec: int32(b.BoundAt.Nanosecond()), unNsec: -1}
	if b.UnboundAt != nil {
		fb.unSec, fb.unNsec = b.UnboundAt.Unix(), int32(b.UnboundAt.Nanosecond())
	}
	delete(f.keys, n)
	if f.opts.ResidentKey != nil {
		if k := f.opts.ResidentKey(b); !k.IsZero() {
			if f.keys == nil {
				f.keys = make(map[int32]healthedu.Pseudonym)
			}
			f.keys[n] = k
			return fb
		}
	}
	if id := b.Resident.CitizenID; id.IsValid() {
		if f.secret == nil {
			f.secret = make([]byte, 32)
			rand.Read(f.secret)
		}
		fb.resident = id
	}
	return fb
}

// needsID reports whether the key of the resident of the binding numbered
// n is made of the binding's kind and id.
func (f *RecordFeed) needsID(n int32) bool {
	_, keyed := f.keys[n]
	return !keyed && !f.bindings[n].resident.IsValid()
}

// residentKey returns the key of the resident of the binding numbered n,
// whose kind and id are those given (see RecordOptions.ResidentKey).
func (f *RecordFeed) residentKey(n int32, kind healthedu.Kind, id string) healthedu.Pseudonym {
	if k, ok := f.keys[n]; ok {
		return k
	}
	if c := f.bindings[n].resident; c.IsValid() {
		return c.Pseudonym(f.secret)
	}
	// No way to link it to another binding: a resident of its own.
	return sha256.Sum256([]byte("binding\x00" + string(kind) + "\x00" + id))
}

// Close adds the data values of the records fed to the store, and returns
// what Store.AddRecords would return for them: nil, or the join of one
// [*RecordError] per record skipped and of the errors of values that could
// not be added. Close after Close does nothing and returns nil.
func (f *RecordFeed) Close() error {
	if f.closed {
		return nil
	}
	f.closed = true
	s := f.s
	var (
		errs              []error
		reports, bindings []feedRef
	)
	fail := func(e *feedEntry, err error) {
		errs = append(errs, &RecordError{Kind: f.kinds[e.kind], ID: e.id, Err: err})
	}
	var values []DataValue
	f.table = nil
	// The chunks of the log go as they are read.
	f.log.drain(func(pos uint32, b []byte) {
		entry := f.decodeBytes(b)
		e := &entry
		values = values[:0]
		switch e.tag {
		case tagReplaced:
			return
		case tagFailed:
			fail(e, f.errs[e.n])
			return
		case tagReport:
			reports = append(reports, feedRef{int32(e.n), e.kind, e.id})
			f.reports[e.n].off = uint32(len(f.values))
			f.values = append(f.values, e.extra...)
			return
		case tagBinding:
			ref := feedRef{n: int32(e.n), kind: e.kind}
			if f.needsID(ref.n) {
				ref.id = e.id
			}
			bindings = append(bindings, ref)
			return
		case tagActivity:
			values = f.countValues(values, e, ElementActivities, 1, ElementActivityParticipants, e.n)
		case tagLiteracy:
			values = f.countValues(values, e, ElementLiteracyRespondents, 1, ElementLiteracyLiterate, e.n)
		case tagHealthCell:
			values = f.countValues(values, e, ElementHealthCells, 1, "", 0)
		}
		if err := s.addAll(values); err != nil {
			fail(e, err)
		}
	})
	errs = append(errs, f.addReports(reports)...)
	if err := f.addBindings(bindings, f.reportedBound(reports)); err != nil {
		errs = append(errs, err)
	}
	*f = RecordFeed{closed: true}
	return errors.Join(errs...)
}

// countValues appends to values those of e: n1 to element e1 and, unless
// e2 is "", n2 to e2, in the division and period of e, under each of its
// categories.
func (f *RecordFeed) countValues(values []DataValue, e *feedEntry, e1 string, n1 int64, e2 string, n2 int64) []DataValue {
	for _, c := range f.cats[e.cats] {
		values = append(values, DataValue{Element: e1, Category: c, Division: e.div, Period: e.period, Value: n1})
		if e2 != "" {
			values = append(values, DataValue{Element: e2, Category: c, Division: e.div, Period: e.period, Value: n2})
		}
	}
	return values
}

// addReports adds the values of the monthly reports of entries and their
// receipts. A report with a value that cannot be added is skipped whole:
// neither its values nor its receipt count. When several reports are for
// the same division and month, the one received last gives the values.
func (f *RecordFeed) addReports(entries []feedRef) []error {
	type slot struct {
		div    healthedu.DivisionCode
		period healthedu.Period
	}
	type usable struct {
		report *feedReport
		at     time.Time
	}
	s := f.s
	latest := make(map[slot]usable)
	var order []slot
	var errs []error
	for _, e := range entries {
		r := &f.reports[e.n]
		if r.err != nil {
			errs = append(errs, &RecordError{Kind: f.kinds[e.kind], ID: e.id, Err: r.err})
			continue
		}
		if err := s.AddReceipt(r.div, r.period, r.at); err != nil {
			errs = append(errs, &RecordError{Kind: f.kinds[e.kind], ID: e.id, Err: err})
			continue
		}
		k := slot{r.div, r.period}
		prev, ok := latest[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || !r.at.Before(prev.at) {
			latest[k] = usable{r, r.at}
		}
	}
	var values []DataValue
	for _, k := range order {
		r := latest[k].report
		values = values[:0]
		b := f.values[r.off:]
		for range r.n {
			e, w := binary.Uvarint(b)
			b = b[w:]
			v, w := binary.Varint(b)
			b = b[w:]
			values = append(values, DataValue{Element: f.elements[e], Division: r.div, Period: r.period, Value: v})
		}
		if err := s.addAll(values); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// reportedBound returns the divisions whose monthly reports, those of
// entries, carry residents-bound.
func (f *RecordFeed) reportedBound(entries []feedRef) divisionOverlap {
	var o divisionOverlap
	for _, e := range entries {
		if r := &f.reports[e.n]; r.bound {
			o.add(r.div)
		}
	}
	return o
}

// A divisionOverlap is a set of divisions that answers whether a division
// lies within one of them or holds one of them (Contains either way) in
// a lookup a level, however many divisions the set holds: a nation's
// bindings are checked against a nation's reports.
type divisionOverlap struct {
	own  map[healthedu.DivisionCode]struct{} // the divisions added
	held map[healthedu.DivisionCode]struct{} // those and every division holding one
}

// add adds d to the set; an invalid code is left out, as Contains
// holds for no invalid code.
func (o *divisionOverlap) add(d healthedu.DivisionCode) {
	if !d.IsValid() {
		return
	}
	if o.own == nil {
		o.own = make(map[healthedu.DivisionCode]struct{})
		o.held = make(map[healthedu.DivisionCode]struct{})
	}
	o.own[d] = struct{}{}
	for l := healthedu.LevelProvince; l <= d.Level(); l++ {
		o.held[d.Truncate(l)] = struct{}{}
	}
}

// overlaps reports whether d holds a division of the set (d.Contains(r),
// d itself included) or lies within one (r.Contains(d)).
func (o *divisionOverlap) overlaps(d healthedu.DivisionCode) bool {
	if len(o.own) == 0 || !d.IsValid() {
		return false
	}
	if _, ok := o.held[d]; ok {
		return true
	}
	for l := healthedu.LevelProvince; l < d.Level(); l++ {
		if _, ok := o.own[d.Truncate(l)]; ok {
			return true
		}
	}
	return false
}

// addBindings adds residents-bound for each month and division, from the
// bindings of entries. Where monthly reports give residents-bound for a
// division, that reported stock stands alone: the figure from binding
// records is left out for the division, those within it and those
// containing it, in every month, so that the two sources of one stock are
// neither added together nor mixed over time.
func (f *RecordFeed) addBindings(entries []feedRef, reported divisionOverlap) error {
	if len(entries) == 0 {
		return nil
	}
	bindings := make([]*feedBinding, len(entries))
	keys := make([]healthedu.Pseudonym, len(entries))
	var ps []healthedu.Period
	for j, e := range entries {
		b := &f.bindings[e.n]
		bindings[j] = b
		keys[j] = f.residentKey(e.n, f.kinds[e.kind], e.id)
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.boundAt()))
		if b.unbound() {
			ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.unboundAt()))
		}
	}
	if !f.opts.Now.IsZero() {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, f.opts.Now))
	}
	months := monthSpan(ps)
	// Number the residents of each division: bindings with the same
	// division and key are one resident.
	order := make([]int32, len(bindings))
	for j := range order {
		order[j] = int32(j)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(bindings[a].div.Compare(bindings[b].div), bytes.Compare(keys[a][:], keys[b][:]))
	})
	residentOf := make([]int32, len(bindings))
	residents := int32(0)
	for i, j := range order {
		if i > 0 {
			p := order[i-1]
			if bindings[p].div != bindings[j].div || keys[p] != keys[j] {
				residents++
			}
		}
		residentOf[j] = residents
	}
	bound := make([]bool, residents+1)
	// The values are added a month at a time: a failing check fails for
	// the first value of the first month, as for the values of all the
	// months at once (the element and the catalogue are the same, the
	// divisions valid, the counts not negative), so the months added are
	// the same.
	var values []DataValue
	for _, m := range months {
		values = values[:0]
		end := m.End()
		clear(bound)
		counts := make(map[healthedu.DivisionCode]int64)
		for j, b := range bindings {
			if !b.boundAt().Before(end) {
				continue
			}
			if _, ok := counts[b.div]; !ok {
				counts[b.div] = 0 // bound before: the stock is recorded, zero included
			}
			if b.unbound() && b.unboundAt().Before(end) {
				continue
			}
			if k := residentOf[j]; !bound[k] {
				bound[k] = true
				counts[b.div]++
			}
		}
		for d, n := range counts {
			if reported.overlaps(d) {
				continue
			}
			values = append(values, DataValue{Element: ElementResidentsBound, Division: d, Period: m, Value: n})
		}
		slices.SortFunc(values, func(a, b DataValue) int { return a.Division.Compare(b.Division) })
		if err := f.s.addAll(values); err != nil {
			return err
		}
	}
	return nil
}
