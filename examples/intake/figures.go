package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// reportingLevel is the level of the divisions that submit monthly reports
// (填报层级): every township is expected to report each month.
const reportingLevel = healthedu.LevelTownship

// figures computes indicators from the stored records (指标计算) with
// package indicators, and keeps what it computed until a submission
// changes the records: the records of a scope decoded, and the
// indicators.Store built from them for a reporting period.
type figures struct {
	store       store
	reg         *healthedu.Registry
	cat         *indicators.Catalogue
	deadlineDay int
	log         *slog.Logger

	mu    sync.Mutex
	cache *figuresCache
}

// figuresCache is what was computed from the records of one generation of
// the store (see store.Generation), or of a later one.
type figuresCache struct {
	generation int64
	sets       map[healthedu.DivisionCode]*figuresEntry[[]healthedu.Record]
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
			sets:       make(map[healthedu.DivisionCode]*figuresEntry[[]healthedu.Record]),
			stores:     make(map[figuresKey]*figuresEntry[*indicators.Store]),
		}
		f.cache = c
	}
	return c, nil
}

// records returns the stored records within scope, decoded, each with an
// identifier made unique across submitters ("submitter/id": ids are the
// submitter's own, and the indicators take a repeated kind and id for a
// resubmission) and with stand-ins for its citizen ID.
func (f *figures) records(ctx context.Context, c *figuresCache, scope healthedu.DivisionCode) ([]healthedu.Record, error) {
	f.mu.Lock()
	return figuresGet(f, c.sets, scope, func() ([]healthedu.Record, error) {
		// Not cancelled with the request that happens to compute it: others
		// may be waiting for it.
		return loadRecords(context.WithoutCancel(ctx), f.store, scope)
	})
}

// loadRecords reads and decodes the records of st within scope, as
// figures.records returns them.
func loadRecords(ctx context.Context, st store, scope healthedu.DivisionCode) ([]healthedu.Record, error) {
	var (
		recs []healthedu.Record
		ids  standIns
	)
	err := st.Records(ctx, scope, func(sr *storedRecord) error {
		rec, err := decodeStored(sr)
		if err != nil {
			return err
		}
		if err := ids.set(rec, sr.Pseudonym); err != nil {
			return err
		}
		h := rec.RecordHeader()
		h.ID = sr.Submitter.Short() + "/" + h.ID
		recs = append(recs, rec)
		return nil
	})
	return recs, err
}

// recordOptions returns how the records make the figures at now.
func recordOptions(now time.Time) indicators.RecordOptions {
	return indicators.RecordOptions{Now: now}
}

// query returns the query of inds for divisions over p at now: monthly
// reports are expected from every township (see reportingLevel), by the
// end of deadlineDay of the next month.
func (f *figures) query(divisions []healthedu.DivisionCode, inds []*indicators.Indicator, p healthedu.Period, now time.Time) indicators.Query {
	return indicators.Query{
		Indicators: inds, Divisions: divisions, Period: p,
		Now: now, DeadlineDay: f.deadlineDay,
		Reporters: indicators.Reporters{Level: reportingLevel, Registry: f.reg},
	}
}

// storeFor returns the indicators.Store of the records within scope for
// period p at now.
func (f *figures) storeFor(ctx context.Context, scope healthedu.DivisionCode, p healthedu.Period, now time.Time) (*indicators.Store, error) {
	opts := recordOptions(now)
	c, err := f.current(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	return figuresGet(f, c.stores, figuresKey{scope, healthedu.PeriodOf(healthedu.PeriodMonth, now)}, func() (*indicators.Store, error) {
		recs, err := f.records(ctx, c, scope)
		if err != nil {
			return nil, err
		}
		s := indicators.NewStore(f.cat)
		if err := s.AddRecords(recs, opts); err != nil {
			// Records the indicators cannot use are skipped, and said so.
			var skipped int
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				skipped = len(j.Unwrap())
			}
			f.log.Warn("records skipped by the indicators", "scope", scope.String(), "count", skipped, "first", firstError(err))
		}
		return s, nil
	})
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
	return s.Compute(f.query(divisions, inds, p, now))
}
