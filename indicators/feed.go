package indicators

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
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
// with the distinct records, about 100 bytes each and a monthly report's
// values besides, not with the bytes read.
//
// A RecordFeed is not safe for concurrent use. Records added after Close
// are ignored.
type RecordFeed struct {
	s    *Store
	opts RecordOptions

	index   map[feedKey]int32 // (kind, id) → its last entry
	entries []feedEntry       // in the order of the records' last versions
	kinds   []healthedu.Kind  // the kinds seen, numbered densely
	kindIdx map[healthedu.Kind]int32

	cats   [][]string // the category lists of records, numbered densely
	catIdx map[string]int32
	catBuf []byte

	elements   []string // the elements of monthly reports' values
	elementIdx map[string]int32

	reports  []feedReport
	bindings []feedBinding
	errs     []error // what is wrong with a record, found as it was fed

	secret []byte // the key of resident pseudonyms, drawn when first needed
	closed bool
}

// feedKey is a record's kind, by its number in RecordFeed.kinds, and id.
type feedKey struct {
	kind int32
	id   string
}

// feedTag says what a feedEntry holds.
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
// under each of their categories.
type feedEntry struct {
	id     string
	div    healthedu.DivisionCode
	n      int64
	kind   int32
	cats   int32
	period healthedu.Period
	tag    feedTag
}

// A feedReport is what a monthly report adds: its integer values and its
// receipt, or the error that makes it unusable.
type feedReport struct {
	div    healthedu.DivisionCode
	period healthedu.Period
	at     time.Time
	bound  bool // it reports residents-bound
	err    error
	values []feedValue
}

// A feedValue is a value of a monthly report, its element by its number
// in RecordFeed.elements.
type feedValue struct {
	element int32
	value   int64
}

// A feedBinding is what a binding adds to residents-bound.
type feedBinding struct {
	div       healthedu.DivisionCode
	boundAt   time.Time
	unboundAt time.Time
	unbound   bool // unboundAt holds a time
	key       healthedu.Pseudonym
}

// NewRecordFeed returns a feed of records (记录汇入) into s, read as opts
// says (see [Store.AddRecords]). [RecordOptions.ResidentKey] is called
// with each binding as it is added.
func (s *Store) NewRecordFeed(opts RecordOptions) *RecordFeed {
	return &RecordFeed{
		s:          s,
		opts:       opts,
		index:      make(map[feedKey]int32),
		kindIdx:    make(map[healthedu.Kind]int32),
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
	var err error
	switch r := r.(type) {
	case *healthedu.MonthlyReport:
		e.tag, e.n = tagReport, int64(len(f.reports))
		f.reports = append(f.reports, f.report(r))
	case *healthedu.Binding:
		if r.BoundAt.IsZero() || !r.Division.IsValid() {
			err = errors.New("binding without a division or a time")
			break
		}
		e.tag, e.n = tagBinding, int64(len(f.bindings))
		f.bindings = append(f.bindings, f.binding(r))
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
			f.replace(feedKey{k, h.ID})
		}
		return
	}
	if err != nil {
		e.n = int64(len(f.errs))
		f.errs = append(f.errs, err)
	}
	e.div = r.RecordDivision()
	e.period, _ = r.RecordPeriod()
	k, ok := f.kindIdx[h.Kind]
	if !ok {
		k = int32(len(f.kinds))
		f.kinds = append(f.kinds, h.Kind)
		f.kindIdx[h.Kind] = k
	}
	key := feedKey{k, h.ID}
	f.replace(key)
	e.kind, e.id = k, strings.Clone(h.ID)
	key.id = e.id
	f.index[key] = int32(len(f.entries))
	f.entries = append(f.entries, e)
}

// replace marks the entry of key, if any, as replaced by a later record.
func (f *RecordFeed) replace(key feedKey) {
	if i, ok := f.index[key]; ok {
		f.entries[i].tag = tagReplaced
		delete(f.index, key)
	}
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
	fr := feedReport{div: r.Division, period: r.Period, at: r.SubmittedAt}
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
			fr.at = t
		}
	}
	fr.values = make([]feedValue, len(values))
	for i, v := range values {
		e, ok := f.elementIdx[v.Element]
		if !ok {
			e = int32(len(f.elements))
			name := strings.Clone(v.Element)
			f.elements = append(f.elements, name)
			f.elementIdx[name] = e
		}
		fr.values[i] = feedValue{e, v.Value}
	}
	return fr
}

// binding returns what the binding b adds, with the key of its resident
// (see RecordOptions.ResidentKey).
func (f *RecordFeed) binding(b *healthedu.Binding) feedBinding {
	fb := feedBinding{div: b.Division, boundAt: b.BoundAt}
	if b.UnboundAt != nil {
		fb.unboundAt, fb.unbound = *b.UnboundAt, true
	}
	if f.opts.ResidentKey != nil {
		if fb.key = f.opts.ResidentKey(b); !fb.key.IsZero() {
			return fb
		}
	}
	if id := b.Resident.CitizenID; id.IsValid() {
		if f.secret == nil {
			f.secret = make([]byte, 32)
			rand.Read(f.secret)
		}
		fb.key = id.Pseudonym(f.secret)
		return fb
	}
	// No way to link it to another binding: a resident of its own.
	fb.key = sha256.Sum256([]byte("binding\x00" + string(b.Kind) + "\x00" + b.ID))
	return fb
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
		reports, bindings []int32 // entries
	)
	fail := func(e *feedEntry, err error) {
		errs = append(errs, &RecordError{Kind: f.kinds[e.kind], ID: e.id, Err: err})
	}
	var values []DataValue
	for i := range f.entries {
		e := &f.entries[i]
		values = values[:0]
		switch e.tag {
		case tagReplaced:
			continue
		case tagFailed:
			fail(e, f.errs[e.n])
			continue
		case tagReport:
			reports = append(reports, int32(i))
			continue
		case tagBinding:
			bindings = append(bindings, int32(i))
			continue
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
	}
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
func (f *RecordFeed) addReports(entries []int32) []error {
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
	for _, i := range entries {
		e := &f.entries[i]
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
		for _, v := range r.values {
			values = append(values, DataValue{Element: f.elements[v.element], Division: r.div, Period: r.period, Value: v.value})
		}
		if err := s.addAll(values); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// reportedBound returns the divisions whose monthly reports, those of
// entries, carry residents-bound.
func (f *RecordFeed) reportedBound(entries []int32) []healthedu.DivisionCode {
	var out []healthedu.DivisionCode
	for _, i := range entries {
		r := &f.reports[f.entries[i].n]
		if r.bound && !slices.Contains(out, r.div) {
			out = append(out, r.div)
		}
	}
	return out
}

// addBindings adds residents-bound for each month and division, from the
// bindings of entries. Where monthly reports give residents-bound for a
// division, that reported stock stands alone: the figure from binding
// records is left out for the division, those within it and those
// containing it, in every month, so that the two sources of one stock are
// neither added together nor mixed over time.
func (f *RecordFeed) addBindings(entries []int32, reported []healthedu.DivisionCode) error {
	if len(entries) == 0 {
		return nil
	}
	bindings := make([]*feedBinding, len(entries))
	var ps []healthedu.Period
	for j, i := range entries {
		b := &f.bindings[f.entries[i].n]
		bindings[j] = b
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.boundAt))
		if b.unbound {
			ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.unboundAt))
		}
	}
	if !f.opts.Now.IsZero() {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, f.opts.Now))
	}
	months := monthSpan(ps)
	type resident struct {
		div healthedu.DivisionCode
		key healthedu.Pseudonym
	}
	var values []DataValue
	for _, m := range months {
		end := m.End()
		bound := make(map[resident]bool)
		counts := make(map[healthedu.DivisionCode]int64)
		for _, b := range bindings {
			if !b.boundAt.Before(end) {
				continue
			}
			if _, ok := counts[b.div]; !ok {
				counts[b.div] = 0 // bound before: the stock is recorded, zero included
			}
			if b.unbound && b.unboundAt.Before(end) {
				continue
			}
			k := resident{b.div, b.key}
			if !bound[k] {
				bound[k] = true
				counts[b.div]++
			}
		}
		start := len(values)
		for d, n := range counts {
			if slices.ContainsFunc(reported, func(r healthedu.DivisionCode) bool { return r.Contains(d) || d.Contains(r) }) {
				continue
			}
			values = append(values, DataValue{Element: ElementResidentsBound, Division: d, Period: m, Value: n})
		}
		slices.SortFunc(values[start:], func(a, b DataValue) int { return a.Division.Compare(b.Division) })
	}
	return f.s.addAll(values)
}
