package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestFiguresComputedAhead checks that after a submission the figures a
// reader had asked for are computed again before anybody asks, and hold
// the new record: the next reader finds them ready.
func TestFiguresComputedAhead(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	f := h.srv.figures
	const path = "/v1/indicators?under=3715&period=202510&indicators=activities-held"
	activities := func() string {
		t.Helper()
		var a wire.Indicators
		h.request("GET", path, tokenCity, nil).json(t, &a)
		for _, row := range a.Rows {
			if row.Division == healthedu.MustParseDivisionCode("3715") && row.Value != nil {
				return *row.Value
			}
		}
		return "no value"
	}
	if ans := h.submit(tokenCity, activity("a1", "371502001000", at(2025, 10, 5, 9), "")); ans.status != 200 {
		t.Fatalf("first submission: %d %s", ans.status, ans.body)
	}
	if got := activities(); got != "1" {
		t.Fatalf("activities after one: %s", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.keepWarm(ctx, 10*time.Millisecond, h.clock.Now) }()
	defer func() { cancel(); <-done }()

	if ans := h.submit(tokenCity, activity("a2", "371502001000", at(2025, 10, 6, 9), "")); ans.status != 200 {
		t.Fatalf("second submission: %d %s", ans.status, ans.body)
	}
	g, err := h.store.Generation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	key := figuresKey{healthedu.MustParseDivisionCode("3715"), healthedu.PeriodOf(healthedu.PeriodMonth, h.clock.Now())}
	deadline := time.Now().Add(20 * time.Second)
	for {
		f.mu.Lock()
		c := f.cache
		var e *figuresEntry[*indicators.Store]
		if c != nil && c.generation == g {
			e = c.stores[key]
		}
		f.mu.Unlock()
		if e != nil {
			<-e.ready
			if e.err != nil {
				t.Fatalf("computed ahead: %v", e.err)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the figures of generation %d were not computed ahead within 20 s", g)
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := activities(); got != "2" {
		t.Errorf("activities after two, computed ahead: %s", got)
	}
	if !strings.Contains(h.logs.String(), "figures computed ahead after a change") {
		t.Errorf("no log of the computation ahead:\n%s", h.logs.String())
	}
}

func TestFiguresKeys(t *testing.T) {
	d := healthedu.MustParseDivisionCode
	oct, nov := healthedu.MustParsePeriod("202510"), healthedu.MustParsePeriod("202511")
	a := figuresKeys{sets: []healthedu.DivisionCode{d("3715")}, stores: []figuresKey{{d("3715"), oct}}}
	b := figuresKeys{sets: []healthedu.DivisionCode{d("37"), d("3715")}, stores: []figuresKey{{d("3715"), oct}, {d("3715"), nov}}}
	u := a.union(b)
	want := figuresKeys{sets: []healthedu.DivisionCode{d("37"), d("3715")}, stores: []figuresKey{{d("3715"), oct}, {d("3715"), nov}}}
	if diff := cmp.Diff(want, u, cmp.AllowUnexported(figuresKeys{}, figuresKey{}), cmp.Comparer(func(x, y healthedu.DivisionCode) bool { return x == y }), cmp.Comparer(func(x, y healthedu.Period) bool { return x == y })); diff != "" {
		t.Errorf("union (-want +got):\n%s", diff)
	}
	if !u.covers(a) || !u.covers(b) || a.covers(b) {
		t.Errorf("covers: union covers a %v, b %v; a covers b %v", u.covers(a), u.covers(b), a.covers(b))
	}
	// Past figuresMaxEntries, the keys held now alone.
	var many figuresKeys
	for i := range figuresMaxEntries {
		many.sets = append(many.sets, d(fmt.Sprintf("3715%02d", i+1)))
	}
	if got := many.union(a); len(got.sets) != 1 || got.sets[0] != d("3715") {
		t.Errorf("%d keys and one more: %v, want those held now alone", figuresMaxEntries, got.sets)
	}
}
