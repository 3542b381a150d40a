package grid_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// streamEvent is one event of a generated stream: a reading, a case
// report, or (close) the closing of every open alert.
type streamEvent struct {
	at      time.Time
	arrival time.Time
	reading *grid.Reading
	report  *grid.CaseReport
	close   bool
}

// propertyResidents are the residents the generated readings are about.
var propertyResidents = []string{"r-alone", "r-bp", "r-nomed", "r-none", "r-medonly"}

// genStream returns a stream of readings and case reports over two weeks
// from t0, in order of time, with a closing of every open alert at the
// middle, around which no event falls within the tolerance, and an
// arrival time for each event of up to the tolerance after it.
func genStream(seed uint64, tolerance time.Duration, p map[string]healthedu.Pseudonym) []streamEvent {
	rng := rand.New(rand.NewPCG(seed, 0x6a69636e67))
	span := 14 * 24 * time.Hour
	closeAt := t0.Add(span / 2)
	var events []streamEvent
	for len(events) < 1500 {
		d := time.Duration(rng.Int64N(int64(span)))
		at := t0.Add(d)
		if rng.IntN(3) == 0 {
			at = at.Truncate(time.Hour) // events that share an instant
		}
		if at.Sub(closeAt).Abs() <= tolerance {
			continue
		}
		ev := streamEvent{at: at}
		resident := p[propertyResidents[rng.IntN(len(propertyResidents))]]
		switch x := rng.IntN(100); {
		case x < 50:
			ev.reading = &grid.Reading{Resident: resident, Kind: grid.ReadingBloodPressure, At: at,
				Systolic: 110 + rng.IntN(80), Diastolic: 60 + rng.IntN(55)}
		case x < 85:
			ev.reading = &grid.Reading{Resident: resident, Kind: grid.ReadingOuting, At: at}
		case x < 88:
			ev.reading = &grid.Reading{Resident: resident, Kind: grid.ReadingFall, At: at}
		default:
			// More cases as time goes on, so that some weeks rise.
			if rng.Int64N(int64(span)) > int64(d) {
				continue
			}
			div := []string{"371502001001", "371502001002", "371502002003"}[rng.IntN(3)]
			ev.report = &grid.CaseReport{Division: healthedu.MustParseDivisionCode(div),
				Disease: []grid.Disease{grid.DiseaseInfluenza, grid.DiseaseRespiratory}[rng.IntN(2)], At: at, Cases: 1 + rng.Int64N(3)}
		}
		events = append(events, ev)
	}
	events = append(events, streamEvent{at: closeAt, close: true})
	slices.SortStableFunc(events, func(a, b streamEvent) int { return a.at.Compare(b.at) })
	for i := range events {
		events[i].arrival = events[i].at
		if !events[i].close {
			events[i].arrival = events[i].at.Add(time.Duration(rng.Int64N(int64(tolerance) + 1)))
		}
	}
	return events
}

// replay runs a fresh engine over events in the given order, with its
// clock at each event's arrival (inOrder: at the event's time), and
// returns the alerts and notifications.
func replay(tb testing.TB, events []streamEvent, tolerance time.Duration, inOrder bool) ([]grid.Alert, []grid.Notification) {
	tb.Helper()
	h := newHarness(tb, grid.DefaultRules(), grid.WithTolerance(tolerance))
	h.advance(t0.AddDate(0, 0, -14))
	for _, ev := range events {
		h.now = ev.arrival
		if inOrder {
			h.now = ev.at
		}
		switch {
		case ev.reading != nil:
			if err := h.e.Observe(*ev.reading); err != nil {
				tb.Fatal(err)
			}
		case ev.report != nil:
			if err := h.e.ObserveCase(*ev.report); err != nil {
				tb.Fatal(err)
			}
		case ev.close:
			h.e.Advance()
			for _, a := range h.e.OpenAlerts() {
				if err := h.e.Close(a.ID, "tester"); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	h.advance(t0.AddDate(0, 0, 30))
	return h.e.Alerts(), h.sent
}

// alertFacts is what of an alert must not depend on the order in which
// events arrived within the tolerance: not its ID, nor when it was raised,
// acknowledged or escalated, which follow the arrivals.
type alertFacts struct {
	Rule          string
	Resident      string
	Division      string
	Disease       grid.Disease
	Week          string
	At            time.Time
	Severity      grid.AlertSeverity
	BloodPressure grid.BloodPressure
	QuietSince    time.Time
	Cases, Prev   int64
}

func facts(alerts []grid.Alert) []alertFacts {
	out := make([]alertFacts, 0, len(alerts))
	for _, a := range alerts {
		out = append(out, alertFacts{a.Rule, a.Resident.String()[:8], a.Division.String(), a.Disease, a.Week.String(),
			a.At.UTC(), a.Severity, a.BloodPressure, a.QuietSince.UTC(), a.Cases, a.PreviousCases})
	}
	slices.SortFunc(out, func(a, b alertFacts) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Resident, b.Resident), cmp.Compare(a.Division, b.Division),
			cmp.Compare(a.Disease, b.Disease), a.At.Compare(b.At))
	})
	return out
}

// TestReplayDeterministic: replaying the same events in the same order
// always yields the same alerts and notifications.
func TestReplayDeterministic(t *testing.T) {
	p := newFixture(t).p
	for seed := range uint64(5) {
		events := genStream(seed, time.Hour, p)
		slices.SortStableFunc(events, func(a, b streamEvent) int { return a.arrival.Compare(b.arrival) })
		a1, n1 := replay(t, events, time.Hour, false)
		a2, n2 := replay(t, events, time.Hour, false)
		if diff := gocmp.Diff(a1, a2, cmpOpts); diff != "" {
			t.Errorf("seed %d: alerts differ between two replays (-first +second):\n%s", seed, diff)
		}
		if diff := gocmp.Diff(n1, n2, cmpOpts); diff != "" {
			t.Errorf("seed %d: notifications differ between two replays (-first +second):\n%s", seed, diff)
		}
	}
}

// TestOutOfOrderWithinTolerance: events that arrive out of order, each at
// most the tolerance late, yield the same alerts as the events in order:
// none lost, none duplicated, each with the same time, severity and
// values. The tolerances range up to just under the no-outing rule's 12
// hours.
func TestOutOfOrderWithinTolerance(t *testing.T) {
	p := newFixture(t).p
	kinds := map[grid.RuleKind]int{}
	for i := range 60 {
		seed := uint64(i)
		tolerance := []time.Duration{90 * time.Second, 10 * time.Minute, 3 * time.Hour, 12*time.Hour - time.Minute}[i%4]
		events := genStream(seed, tolerance, p)
		inOrder, _ := replay(t, events, tolerance, true)
		shuffled := slices.Clone(events)
		slices.SortStableFunc(shuffled, func(a, b streamEvent) int { return a.arrival.Compare(b.arrival) })
		outOfOrder, _ := replay(t, shuffled, tolerance, false)
		want, got := facts(inOrder), facts(outOfOrder)
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Errorf("seed %d, tolerance %v: alerts differ (-in order +out of order):\n%s", seed, tolerance, diff)
		}
		// At most one open alert per resident and rule at any time: with
		// the one closing in the middle, at most two alerts in all.
		count := map[[2]string]int{}
		for _, a := range outOfOrder {
			kinds[a.Kind]++
			if a.Kind != grid.RuleIncidenceRise {
				count[[2]string{a.Rule, a.Resident.String()}]++
			}
		}
		for k, n := range count {
			if n > 2 {
				t.Errorf("seed %d: %d alerts of rule %s about one resident", seed, n, k[0])
			}
		}
	}
	// The streams exercise every kind of rule.
	for _, k := range []grid.RuleKind{grid.RuleBloodPressure, grid.RuleNoOuting, grid.RuleFall, grid.RuleIncidenceRise} {
		if kinds[k] == 0 {
			t.Errorf("no alert of kind %s in the generated streams", k)
		}
	}
}
