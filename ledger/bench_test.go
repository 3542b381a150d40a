package ledger_test

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/ledger"
)

// BenchmarkMerge merges an update with two new events into an item with
// a history of four, as the intake does for each update it receives.
func BenchmarkMerge(b *testing.B) {
	ev := func(d int, s ledger.Status, a ledger.Actor) ledger.Event {
		return ledger.Event{At: at(2025, 11, 11, 9, 0).Add(time.Duration(d) * time.Hour), Status: s, Actor: a}
	}
	stored := item(ev(1, ledger.StatusRectified, owner), ev(2, ledger.StatusReopened, verifier))
	incoming := item(ev(1, ledger.StatusRectified, owner), ev(2, ledger.StatusReopened, verifier),
		ev(3, ledger.StatusRectified, owner), ev(4, ledger.StatusVerified, verifier))
	b.ReportAllocs()
	for b.Loop() {
		if _, ch, issues := ledger.Merge(stored, incoming); len(issues) > 0 || len(ch.Events) != 2 {
			b.Fatal(ch, issues)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "merges/s")
}
