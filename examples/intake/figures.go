package main

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// figures computes indicators from the stored records (指标计算) with
// package indicators, and keeps what it computed until a submission
// changes the records: the records of a scope decoded, and the
// indicators.Store built from them for a reporting period.
type figures struct {
	store       store
	reg         *healthedu.Registry
	cat         *indicators.Catalogue
	deadlineDay int
	reporters   indicators.Reporters // the expected reporters (应报单位)
	log         *slog.Logger
	metrics     *metrics

	mu    sync.Mutex
	cache *figuresCache
}

// figuresCache is what was computed from the records of one generation of
// the store (see store.Generation), or of a later one.
type figuresCache struct {
	generation int64
	sets       map[healthedu.DivisionCode]*figuresEntry[*recordSet]
	stores     map[figuresKey]*figuresEntry[*indicators.Store]
}

// figuresKey names an indicators.Store: the records within scope, with
// the stocks of bindings running to the month of now (see
// indicators.RecordOptions).
type figuresKey struct {
	scope healthedu.DivisionCode
	month healthedu.Period
}

// figuresMaxEntries bounds each map of a figuresCache: past it, the cache
// starts anew.
const figuresMaxEntries = 32

// A figuresEntry is a value being computed or computed; ready is closed
// when it is, so that concurrent requests for it wait for one computation.
type figuresEntry[T any] struct {
	ready chan struct{}
	v     T
	err   error
}

// figuresGet returns the value of m under k, computing it with build the
// first time. It is called with f.mu held and returns with it released.
func figuresGet[K comparable, T any](f *figures, m map[K]*figuresEntry[T], k K, build func() (T, error)) (T, error) {
	e, ok := m[k]
	if !ok {
		e = &figuresEntry[T]{ready: make(chan struct{})}
		m[k] = e
		f.mu.Unlock()
		e.v, e.err = build()
		close(e.ready)
		if e.err != nil {
			f.mu.Lock()
			if m[k] == e {
				delete(m, k)
			}
			f.mu.Unlock()
		}
		return e.v, e.err
	}
	f.mu.Unlock()
	<-e.ready
	return e.v, e.err
}

// current returns the cache for the records as they are now: the one
// kept, unless a transaction has changed the records since it was
// started. What is computed into it after the generation was read holds
// the records of that generation or of a later one, never an earlier one.
func (f *figures) current(ctx context.Context) (*figuresCache, error) {
	g, err := f.store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.cache
	if c == nil || g > c.generation || len(c.sets) > figuresMaxEntries || len(c.stores) > figuresMaxEntries {
		c = &figuresCache{
			generation: g,
			sets:       make(map[healthedu.DivisionCode]*figuresEntry[*recordSet]),
			stores:     make(map[figuresKey]*figuresEntry[*indicators.Store]),
		}
		f.cache = c
	}
	return c, nil
}

// A recordSet is the stored records within a scope, decoded for the
// indicators, with what the platform knows of them besides their content:
// when it received each monthly report, and the pseudonym of the resident
// each binding names, the decoded binding having lost the citizen ID.
type recordSet struct {
	records   []healthedu.Record
	received  map[*healthedu.MonthlyReport]time.Time
	residents map[*healthedu.Binding]healthedu.Pseudonym
}

// options returns how the records of s make the figures at now: monthly
// reports on time or late by when the platform received them, not by the
// submittedAt their submitter wrote, and residents told apart by their
// stored pseudonym.
func (s *recordSet) options(now time.Time) indicators.RecordOptions {
	return indicators.RecordOptions{
		Now:         now,
		ReceivedAt:  func(r *healthedu.MonthlyReport) time.Time { return s.received[r] },
		ResidentKey: func(b *healthedu.Binding) healthedu.Pseudonym { return s.residents[b] },
	}
}

// monthlyReports returns the divisions whose monthly report for month p
// was received before now, within scope, each once.
func (s *recordSet) monthlyReports(scope healthedu.DivisionCode, p healthedu.Period, now time.Time) []healthedu.DivisionCode {
	var ds []healthedu.DivisionCode
	seen := make(map[healthedu.DivisionCode]bool)
	for r, at := range s.received {
		if r.Period == p && scope.Contains(r.Division) && !at.After(now) && !seen[r.Division] {
			seen[r.Division] = true
			ds = append(ds, r.Division)
		}
	}
	slices.SortFunc(ds, healthedu.DivisionCode.Compare)
	return ds
}

// records returns the stored records within scope, decoded, each with an
// identifier made unique across submitters ("submitter/id": ids are the
// submitter's own, and the indicators take a repeated kind and id for a
// resubmission) — but for the register of people, whose ids are the
// platform's and are named by other records.
func (f *figures) records(ctx context.Context, c *figuresCache, scope healthedu.DivisionCode) (*recordSet, error) {
	f.mu.Lock()
	return figuresGet(f, c.sets, scope, func() (*recordSet, error) {
		// Not cancelled with the request that happens to compute it: others
		// may be waiting for it.
		return loadRecords(context.WithoutCancel(ctx), f.store, scope, f.skip)
	})
}

// currentRecords returns the stored records within scope, as records
// does, from the cache for the records as they are now (see current).
func (f *figures) currentRecords(ctx context.Context, scope healthedu.DivisionCode) (*recordSet, error) {
	c, err := f.current(ctx)
	if err != nil {
		return nil, err
	}
	return f.records(ctx, c, scope)
}

// skip logs and counts a stored row of table that a read cannot use, for
// reason, and goes on without it: one row an earlier version stored, or a
// hand in the database, does not take down the figures of its scope.
func (f *figures) skip(table, reason string, attrs ...any) {
	f.metrics.countSkipped(table, reason)
	f.log.Warn("stored row skipped", append([]any{"table", table, "reason", reason}, attrs...)...)
}

// The reasons for which a read skips a stored row (see figures.skip).
const (
	skipColumns   = "columns"   // its division or period column cannot be read
	skipBody      = "body"      // its body does not decode
	skipPeriod    = "period"    // its period cannot be derived from its times
	skipPseudonym = "pseudonym" // its pseudonym is not one
	skipUntil     = "until"     // an unlock's end or creation is beyond the years jiceng represents
)

// loadRecords reads and decodes the records of st within scope, as
// figures.records returns them. A row it cannot use — its columns or body
// unreadable, its period not derivable from its times, its pseudonym not
// one — it leaves out and passes to skip, when not nil, with the reason.
func loadRecords(ctx context.Context, st store, scope healthedu.DivisionCode, skip func(table, reason string, attrs ...any)) (*recordSet, error) {
	set := &recordSet{
		received:  make(map[*healthedu.MonthlyReport]time.Time),
		residents: make(map[*healthedu.Binding]healthedu.Pseudonym),
	}
	if skip == nil {
		skip = func(string, string, ...any) {}
	}
	err := st.Records(ctx, scope, func(sr *storedRecord) error {
		if sr.Kind == ledger.KindRectification {
			return nil // not figures: see loadItems
		}
		row := []any{"kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String()}
		if sr.Err != nil {
			skip("records", skipColumns, append(row, "err", sr.Err)...)
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			skip("records", skipBody, append(row, "err", err)...)
			return nil
		}
		f, is := factsOf(rec, sr.Received)
		if is != nil {
			skip("records", skipPeriod, append(row, "code", is.Code, "path", is.Path)...)
			return nil
		}
		switch r := rec.(type) {
		case *healthedu.MonthlyReport:
			set.received[r] = sr.Received
		case *healthedu.Binding:
			if sr.Pseudonym != "" {
				p, err := healthedu.ParsePseudonym(sr.Pseudonym)
				if err != nil {
					skip("records", skipPseudonym, append(row, "err", err)...)
					return nil
				}
				set.residents[r] = p
			}
		}
		if !f.Register {
			// The register's ids are the platform's (指导员编号, 专家编号),
			// which bindings, activities and lecture teams name: kept.
			h := rec.RecordHeader()
			h.ID = sr.Submitter.Short() + "/" + h.ID
		}
		set.records = append(set.records, rec)
		return nil
	})
	return set, err
}

// query returns the query of inds for divisions over p at now: monthly
// reports are expected from the reporters (every township of the registry
// by default), by the end of deadlineDay of the next month.
func (f *figures) query(divisions []healthedu.DivisionCode, inds []*indicators.Indicator, p healthedu.Period, now time.Time) indicators.Query {
	return indicators.Query{
		Indicators: inds, Divisions: divisions, Period: p,
		Now: now, DeadlineDay: f.deadlineDay,
		Reporters: f.reporters,
	}
}

// reportersWithin returns the expected reporters within d (应报单位), as
// the indicators count them: the divisions of the list that lie within d,
// or the divisions of the registry at the reporting level within d (d
// itself when it lies at or below that level).
func (f *figures) reportersWithin(d healthedu.DivisionCode) []healthedu.DivisionCode {
	if f.reporters.List != nil {
		var ds []healthedu.DivisionCode
		for _, r := range f.reporters.List {
			if d.Contains(r) {
				ds = append(ds, r)
			}
		}
		slices.SortFunc(ds, healthedu.DivisionCode.Compare)
		return ds
	}
	if d.Level() >= f.reporters.Level {
		return []healthedu.DivisionCode{d}
	}
	return indicators.DivisionsAt(f.reg, d, f.reporters.Level)
}

// storeFor returns the indicators.Store of the records within scope for
// period p at now.
func (f *figures) storeFor(ctx context.Context, scope healthedu.DivisionCode, p healthedu.Period, now time.Time) (*indicators.Store, error) {
	c, err := f.current(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	return figuresGet(f, c.stores, figuresKey{scope, healthedu.PeriodOf(healthedu.PeriodMonth, now)}, func() (*indicators.Store, error) {
		set, err := f.records(ctx, c, scope)
		if err != nil {
			return nil, err
		}
		s := indicators.NewStore(f.cat)
		if err := s.AddRecords(set.records, set.options(now)); err != nil {
			// Records the indicators cannot use are skipped, and said so.
			var skipped int
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				skipped = len(j.Unwrap())
			}
			f.log.Warn("records skipped by the indicators", "scope", scope.String(), "count", skipped, "first", firstError(err))
		}
		// The register of people and the lecture requests, whose figures
		// AddRecords does not derive, as "jiceng indicators" derives them.
		values, err := reports.FigureValues(set.records, reports.FigureOptions{Now: now, ResidentKey: set.options(now).ResidentKey})
		if err != nil {
			return nil, err
		}
		for _, v := range values {
			if err := s.Add(v); err != nil {
				f.log.Warn("figure skipped by the indicators", "scope", scope.String(), "err", err)
			}
		}
		return s, nil
	})
}

// reportsReceived returns the divisions within scope whose monthly report
// for month p the platform had received by now, each once.
func (f *figures) reportsReceived(ctx context.Context, scope healthedu.DivisionCode, p healthedu.Period, now time.Time) ([]healthedu.DivisionCode, error) {
	set, err := f.currentRecords(ctx, scope)
	if err != nil {
		return nil, err
	}
	return set.monthlyReports(scope, p, now), nil
}

// unitOf returns the expected reporter that a report of division d counts
// for (报送单位), as the indicators count it (see indicators.Reporters), and
// false when it counts for none: d lies above the reporting level.
func (f *figures) unitOf(d healthedu.DivisionCode) (healthedu.DivisionCode, bool) {
	if f.reporters.List != nil {
		unit, found := d, false
		for _, r := range f.reporters.List {
			if r.Contains(d) && (!found || unit.Contains(r)) {
				unit, found = r, true
			}
		}
		return unit, true
	}
	if d.Level() < f.reporters.Level {
		return d, false
	}
	return d.Truncate(f.reporters.Level), true
}

// countUnits returns the number of reporters within d, or holding d, that
// the reports of divisions ds count for.
func (f *figures) countUnits(d healthedu.DivisionCode, ds []healthedu.DivisionCode) int {
	units := make(map[healthedu.DivisionCode]bool)
	for _, e := range ds {
		if u, ok := f.unitOf(e); ok && (d.Contains(u) || u.Contains(d)) {
			units[u] = true
		}
	}
	return len(units)
}

// firstError returns the first of the errors err joins.
func firstError(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok && len(j.Unwrap()) > 0 {
		return j.Unwrap()[0]
	}
	return err
}

// compute returns the results of inds for divisions over p, from the
// records within scope.
func (f *figures) compute(ctx context.Context, scope healthedu.DivisionCode, divisions []healthedu.DivisionCode, inds []*indicators.Indicator, p healthedu.Period, now time.Time) ([]indicators.Result, error) {
	return f.computeIncluding(ctx, scope, divisions, inds, p, now, nil)
}

// computeIncluding is compute with the figures of monthly reports counted
// for the months of the reporting units that include reports true of
// (see indicators.Query.Include), all of them when include is nil.
func (f *figures) computeIncluding(ctx context.Context, scope healthedu.DivisionCode, divisions []healthedu.DivisionCode, inds []*indicators.Indicator, p healthedu.Period, now time.Time,
	include func(healthedu.DivisionCode, healthedu.Period) bool) ([]indicators.Result, error) {
	if len(divisions) == 0 || len(inds) == 0 {
		return nil, nil
	}
	s, err := f.storeFor(ctx, scope, p, now)
	if err != nil {
		return nil, err
	}
	for _, d := range divisions {
		if !scope.Contains(d) {
			return nil, errors.New("figures: division outside the scope")
		}
	}
	q := f.query(divisions, inds, p, now)
	q.Include = include
	return s.Compute(q)
}
