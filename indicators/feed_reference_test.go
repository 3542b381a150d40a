package indicators

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// This file keeps Store.AddRecords as it was before RecordFeed, which
// reads records as they come: the reference that TestRecordFeedReference
// compares the feed with.

func (s *Store) refAddRecords(records []healthedu.Record, opts RecordOptions) error {
	type recordKey struct {
		kind healthedu.Kind
		id   string
	}
	last := make(map[recordKey]int, len(records))
	for i, r := range records {
		if r == nil {
			continue
		}
		h := r.RecordHeader()
		last[recordKey{h.Kind, h.ID}] = i
	}
	var (
		errs     []error
		reports  []*healthedu.MonthlyReport
		bindings []*healthedu.Binding
	)
	fail := func(h *healthedu.Header, err error) {
		errs = append(errs, &RecordError{Kind: h.Kind, ID: h.ID, Err: err})
	}
	for i, r := range records {
		if r == nil || last[recordKey{r.RecordHeader().Kind, r.RecordHeader().ID}] != i {
			continue
		}
		var values []DataValue
		var err error
		switch r := r.(type) {
		case *healthedu.MonthlyReport:
			reports = append(reports, r)
			continue
		case *healthedu.Binding:
			if r.BoundAt.IsZero() || !r.Division.IsValid() {
				fail(&r.Header, errors.New("binding without a division or a time"))
				continue
			}
			bindings = append(bindings, r)
			continue
		case *healthedu.Activity:
			values, err = refActivityValues(r)
		case *healthedu.LiteracySurvey:
			values, err = refLiteracyValues(r)
		case *healthedu.HealthCell:
			values, err = refHealthCellValues(r)
		default:
			continue
		}
		if err == nil {
			err = s.addAll(values)
		}
		if err != nil {
			fail(r.RecordHeader(), err)
		}
	}
	errs = append(errs, s.refAddReports(reports, opts)...)
	if err := s.refAddBindings(bindings, refReportedBound(reports), opts); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// A count is what one record adds to an element: 1 to activities, its
// participants to activity-participants.
type refCount struct {
	element string
	value   int64
}

// recordValues returns the data values of r: each count in the division
// and the period of r (see [healthedu.Record]), under each category.
func refRecordValues(r healthedu.Record, categories []string, counts ...refCount) []DataValue {
	div := r.RecordDivision()
	p, _ := r.RecordPeriod()
	values := make([]DataValue, 0, len(categories)*len(counts))
	for _, c := range categories {
		for _, n := range counts {
			values = append(values, DataValue{Element: n.element, Category: c, Division: div, Period: p, Value: n.value})
		}
	}
	return values
}

func refActivityValues(a *healthedu.Activity) ([]DataValue, error) {
	if a.Start.IsZero() {
		return nil, errors.New("activity without a start")
	}
	cats := make([]string, 0, 1+1+len(a.Topics)+len(a.TargetGroups))
	cats = append(cats, "", Category("form", string(a.Form)))
	for _, t := range a.Topics {
		cats = append(cats, Category("topic", string(t)))
	}
	for _, g := range a.TargetGroups {
		cats = append(cats, Category("group", string(g)))
	}
	slices.Sort(cats[2:])
	cats = slices.Compact(cats)
	return refRecordValues(a, cats, refCount{ElementActivities, 1}, refCount{ElementActivityParticipants, a.Participants}), nil
}

func refLiteracyValues(l *healthedu.LiteracySurvey) ([]DataValue, error) {
	if !l.SurveyedOn.IsValid() {
		return nil, errors.New("literacy survey without a date")
	}
	var literate int64
	if l.HasLiteracy() {
		literate = 1
	}
	cats := []string{""}
	if l.Respondent.Residence != "" {
		cats = append(cats, Category("residence", string(l.Respondent.Residence)))
	}
	return refRecordValues(l, cats, refCount{ElementLiteracyRespondents, 1}, refCount{ElementLiteracyLiterate, literate}), nil
}

func refHealthCellValues(h *healthedu.HealthCell) ([]DataValue, error) {
	if p, _ := h.RecordPeriod(); !p.IsValid() {
		return nil, errors.New("health cell without a valid year")
	}
	return refRecordValues(h, []string{"", Category("type", string(h.Type)), Category("level", string(h.Level))}, refCount{ElementHealthCells, 1}), nil
}

// addReports adds the values of monthly reports and their receipts. A
// report with a value that cannot be added is skipped whole: neither its
// values nor its receipt count.
func (s *Store) refAddReports(reports []*healthedu.MonthlyReport, opts RecordOptions) []error {
	type slot struct {
		div    healthedu.DivisionCode
		period healthedu.Period
	}
	type usable struct {
		values []DataValue
		at     time.Time
	}
	latest := make(map[slot]usable)
	var order []slot
	var errs []error
	for _, r := range reports {
		values, err := s.reportValues(r)
		if err == nil && r.Period.Type() != healthedu.PeriodMonth {
			err = &ValueError{DataValue{Element: ElementReportsReceived, Division: r.Division, Period: r.Period, Value: 1}, "indicator.period", "a monthly report's period must be a month"}
		}
		if err != nil {
			errs = append(errs, &RecordError{Kind: r.Kind, ID: r.ID, Err: err})
			continue
		}
		at := r.SubmittedAt
		if opts.ReceivedAt != nil {
			if t := opts.ReceivedAt(r); !t.IsZero() {
				at = t
			}
		}
		if err := s.AddReceipt(r.Division, r.Period, at); err != nil {
			errs = append(errs, &RecordError{Kind: r.Kind, ID: r.ID, Err: err})
			continue
		}
		k := slot{r.Division, r.Period}
		prev, ok := latest[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || !at.Before(prev.at) {
			latest[k] = usable{values, at}
		}
	}
	for _, k := range order {
		if err := s.addAll(latest[k].values); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// reportedBound returns the divisions whose monthly reports carry
// residents-bound.
func refReportedBound(reports []*healthedu.MonthlyReport) []healthedu.DivisionCode {
	var out []healthedu.DivisionCode
	for _, r := range reports {
		if slices.Contains(out, r.Division) {
			continue
		}
		for _, v := range r.Values {
			if v.Element == ElementResidentsBound {
				out = append(out, r.Division)
				break
			}
		}
	}
	return out
}

// addBindings adds residents-bound for each month and division. Where
// monthly reports give residents-bound for a division, that reported stock
// stands alone: the figure from binding records is left out for the
// division, those within it and those containing it, in every month, so
// that the two sources of one stock are neither added together nor mixed
// over time.
func (s *Store) refAddBindings(bindings []*healthedu.Binding, reported []healthedu.DivisionCode, opts RecordOptions) error {
	if len(bindings) == 0 {
		return nil
	}
	var ps []healthedu.Period
	for _, b := range bindings {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.BoundAt))
		if b.UnboundAt != nil {
			ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, *b.UnboundAt))
		}
	}
	if !opts.Now.IsZero() {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, opts.Now))
	}
	months := monthSpan(ps)
	keys := refResidentKeys(bindings, opts.ResidentKey)
	type resident struct {
		div healthedu.DivisionCode
		key healthedu.Pseudonym
	}
	var values []DataValue
	for _, m := range months {
		end := m.End()
		bound := make(map[resident]bool)
		counts := make(map[healthedu.DivisionCode]int64)
		for i, b := range bindings {
			if !b.BoundAt.Before(end) {
				continue
			}
			if _, ok := counts[b.Division]; !ok {
				counts[b.Division] = 0 // bound before: the stock is recorded, zero included
			}
			if b.UnboundAt != nil && b.UnboundAt.Before(end) {
				continue
			}
			k := resident{b.Division, keys[i]}
			if !bound[k] {
				bound[k] = true
				counts[b.Division]++
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
	return s.addAll(values)
}

// residentKeys returns the key of the resident of each binding (see
// RecordOptions.ResidentKey).
func refResidentKeys(bindings []*healthedu.Binding, key func(*healthedu.Binding) healthedu.Pseudonym) []healthedu.Pseudonym {
	var secret []byte
	keys := make([]healthedu.Pseudonym, len(bindings))
	for i, b := range bindings {
		if key != nil {
			if keys[i] = key(b); !keys[i].IsZero() {
				continue
			}
		}
		if id := b.Resident.CitizenID; id.IsValid() {
			if secret == nil {
				secret = make([]byte, 32)
				rand.Read(secret)
			}
			keys[i] = id.Pseudonym(secret)
			continue
		}
		// No way to link it to another binding: a resident of its own.
		keys[i] = sha256.Sum256([]byte("binding\x00" + string(b.Kind) + "\x00" + b.ID))
	}
	return keys
}
