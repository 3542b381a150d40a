package main

import (
	"context"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Computing the figures ahead (预先计算). A view of the dashboard reads
// the records of its division, decoded, and the indicators.Store built
// from them, which the figures keep until the records change (see
// figures.current). Without more, the first reader after a start or a
// change pays for them — a second or so for a city of the demo, where a
// kept store answers in milliseconds. So the server computes them ahead,
// as DHIS2 builds its analytics tables ahead of its dashboards: at start,
// those of the dashboard's division (figures.warm); after a change, those
// that readers had asked for (figures.keepWarm).

// figuresAheadEvery is how often the server looks for a change of the
// records to compute the figures again (see figures.keepWarm).
const figuresAheadEvery = time.Second

// warm computes the records within scope and their store as of now, as a
// reader of scope's figures would, so that the first reader finds them
// ready, and logs how long it took.
func (f *figures) warm(ctx context.Context, scope healthedu.DivisionCode, now time.Time) error {
	start := time.Now()
	if _, err := f.storeFor(ctx, scope, healthedu.PeriodOf(healthedu.PeriodMonth, now), now); err != nil {
		return err
	}
	f.log.Info("figures computed ahead", "scope", scope.String(), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// keepWarm computes again, until ctx is done, what readers have asked the
// figures for whenever the records change. Every interval it reads the
// store's generation; once that differs from the generation of the
// figures kept and has not moved for one interval (writes come in bursts,
// and a computation between two writes of a burst would be wasted), it
// computes the record sets and stores of the hot keys — those the kept
// figures held, as long as they are of the current month — one after
// another, so that at most one core works ahead. A reader that comes
// meanwhile waits for the computation under way rather than starting its
// own (see figuresGet).
func (f *figures) keepWarm(ctx context.Context, every time.Duration, now func() time.Time) {
	t := time.NewTicker(every)
	defer t.Stop()
	var (
		last int64 = -1
		hot  figuresKeys
	)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		g, err := f.store.Generation(ctx)
		if err != nil {
			if ctx.Err() == nil {
				f.log.Warn("figures not computed ahead: the generation of the records cannot be read", "err", err)
			}
			continue
		}
		quiet := g == last
		last = g
		f.mu.Lock()
		c := f.cache
		var held figuresKeys
		if c != nil {
			held = c.keys()
		}
		f.mu.Unlock()
		hot = hot.union(held)
		if c == nil || !quiet || (g == c.generation && held.covers(hot)) {
			continue
		}
		f.computeAhead(ctx, hot, now())
	}
}

// computeAhead computes the record sets and stores of keys for the
// records as they are now, leaving out the stores of another month than
// that of now: no reader asks for them any more.
func (f *figures) computeAhead(ctx context.Context, keys figuresKeys, now time.Time) {
	start := time.Now()
	month := healthedu.PeriodOf(healthedu.PeriodMonth, now)
	for _, k := range keys.stores {
		if k.month != month {
			continue
		}
		if _, err := f.storeFor(ctx, k.scope, month, now); err != nil {
			f.log.Warn("figures not computed ahead", "scope", k.scope.String(), "err", err)
		}
	}
	for _, scope := range keys.sets {
		if _, err := f.currentRecords(ctx, scope); err != nil {
			f.log.Warn("records not read ahead", "scope", scope.String(), "err", err)
		}
	}
	f.log.Info("figures computed ahead after a change", "stores", len(keys.stores), "sets", len(keys.sets), "took", time.Since(start).Round(time.Millisecond))
}

// figuresKeys are the keys of what a figuresCache holds: the scopes of
// its record sets and the keys of its stores, each in order.
type figuresKeys struct {
	sets   []healthedu.DivisionCode
	stores []figuresKey
}

// keys returns the keys of what c holds, computed without error or being
// computed. It is called with the figures' mutex held.
func (c *figuresCache) keys() figuresKeys {
	var k figuresKeys
	for scope, e := range c.sets {
		if !failed(e) {
			k.sets = append(k.sets, scope)
		}
	}
	for key, e := range c.stores {
		if !failed(e) {
			k.stores = append(k.stores, key)
		}
	}
	slices.SortFunc(k.sets, healthedu.DivisionCode.Compare)
	slices.SortFunc(k.stores, compareFiguresKeys)
	return k
}

// failed reports whether e was computed with an error (it is then on its
// way out of the cache).
func failed[T any](e *figuresEntry[T]) bool {
	select {
	case <-e.ready:
		return e.err != nil
	default:
		return false
	}
}

// union returns the keys of k and of o, each once; past figuresMaxEntries
// of either kind, those of o alone, as the cache itself starts anew past
// that many.
func (k figuresKeys) union(o figuresKeys) figuresKeys {
	u := figuresKeys{
		sets:   mergeSorted(k.sets, o.sets, healthedu.DivisionCode.Compare),
		stores: mergeSorted(k.stores, o.stores, compareFiguresKeys),
	}
	if len(u.sets) > figuresMaxEntries || len(u.stores) > figuresMaxEntries {
		return o
	}
	return u
}

// covers reports whether k holds every key of o.
func (k figuresKeys) covers(o figuresKeys) bool {
	for _, s := range o.sets {
		if _, found := slices.BinarySearchFunc(k.sets, s, healthedu.DivisionCode.Compare); !found {
			return false
		}
	}
	for _, s := range o.stores {
		if _, found := slices.BinarySearchFunc(k.stores, s, compareFiguresKeys); !found {
			return false
		}
	}
	return true
}

// compareFiguresKeys orders the keys of stores by scope, then month.
func compareFiguresKeys(a, b figuresKey) int {
	if c := a.scope.Compare(b.scope); c != 0 {
		return c
	}
	return a.month.Compare(b.month)
}

// mergeSorted returns the elements of a and b, two sorted lists without
// repeats, in order and each once.
func mergeSorted[T any](a, b []T, cmp func(T, T) int) []T {
	out := make([]T, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch c := cmp(a[0], b[0]); {
		case c < 0:
			out, a = append(out, a[0]), a[1:]
		case c > 0:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return append(append(out, a...), b...)
}
