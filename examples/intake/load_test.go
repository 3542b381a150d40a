package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
)

// envLoadDuration overrides how long the load test runs: a Go duration,
// such as 30s. TestLoad runs 3 s by default, BenchmarkLoad 30 s.
const envLoadDuration = "JICENG_LOAD_DURATION"

// loadDuration returns the duration of a load run: envLoadDuration, or def.
func loadDuration(tb testing.TB, def time.Duration) time.Duration {
	v := os.Getenv(envLoadDuration)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		tb.Fatalf("%s=%q: want a positive duration such as 30s", envLoadDuration, v)
	}
	return d
}

// fixtureBatch returns n activities of internal/fixtures' series seed, from
// index from, as NDJSON: realistic records of 聊城, valid at fixtures.Now.
func fixtureBatch(seed int64, from, n int) []byte {
	b := make([]byte, 0, n*800)
	for i := from; i < from+n; i++ {
		b = fixtures.AppendActivityLine(b, seed, i)
	}
	return b
}

// newLoadHarness returns a harness whose clock reads fixtures.Now, so that
// the fixtures are valid and unlocked.
func newLoadHarness(tb testing.TB, st store) *harness {
	h := newHarness(tb, st, func(c *config) { c.QueueTimeout = time.Minute })
	h.clock.Set(fixtures.Now)
	h.ts.Client().Transport.(*http.Transport).MaxIdleConnsPerHost = 128
	return h
}

// loadResult is what a load run measured.
type loadResult struct {
	requests, busy int
	accepted       int64 // records imported, by the answers
	ignored        int64
	latencies      []time.Duration
	elapsed        time.Duration
}

func (r *loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	slices.Sort(r.latencies)
	return r.latencies[min(len(r.latencies)-1, int(float64(len(r.latencies))*p))]
}

// runLoad has submitters clients submit batches of batch new records to h
// for d, at most maxRequests requests each; every third request of a
// client repeats its last batch stored, whose records must all come back
// ignored. It checks that every answer is a summary whose counts add up,
// and returns what it measured.
func runLoad(tb testing.TB, h *harness, submitters, batch int, d time.Duration, maxRequests int) *loadResult {
	var (
		mu  sync.Mutex
		res loadResult
		wg  sync.WaitGroup
	)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	for s := range submitters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seed := int64(1_000_000 + s)
			var prev []byte
			for n := 0; n < maxRequests && ctx.Err() == nil; n++ {
				body := fixtureBatch(seed, n*batch, batch)
				resubmit := n%3 == 1 && prev != nil // prev was stored
				if resubmit {
					body = prev
				}
				t0 := time.Now()
				req, _ := http.NewRequest("POST", h.ts.URL+"/v1/submissions", bytes.NewReader(body))
				req.Header.Set("Content-Type", ndjsonType)
				req.Header.Set("Authorization", "Bearer "+tokenCity)
				resp, err := h.ts.Client().Do(req)
				if err != nil {
					tb.Errorf("submitter %d: %v", s, err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat := time.Since(t0)
				var sm wire.ImportSummary
				mu.Lock()
				res.requests++
				stored := false
				switch {
				case resp.StatusCode == http.StatusServiceUnavailable:
					res.busy++
				case resp.StatusCode != http.StatusOK || json.Unmarshal(b, &sm) != nil:
					tb.Errorf("submitter %d: answer %d %.300s", s, resp.StatusCode, b)
				case sm.Imported+sm.Ignored != batch || (resubmit && sm.Ignored != batch):
					tb.Errorf("submitter %d: %d imported, %d ignored of %d (resubmission %v)", s, sm.Imported, sm.Ignored, batch, resubmit)
				default:
					stored = true
					res.accepted += int64(sm.Imported)
					res.ignored += int64(sm.Ignored)
					res.latencies = append(res.latencies, lat)
				}
				mu.Unlock()
				switch {
				case !resubmit && stored:
					prev = body
				case !resubmit:
					prev = nil
				}
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return &res
}

// checkLoad checks that the store holds exactly the records accepted.
func checkLoad(tb testing.TB, h *harness, res *loadResult) {
	n, err := h.store.Count(context.Background(), healthedu.DivisionCode{})
	if err != nil {
		tb.Fatal(err)
	}
	if n != res.accepted {
		tb.Errorf("%d records stored, %d accepted: lost or duplicated records", n, res.accepted)
	}
	if res.accepted == 0 {
		tb.Error("no record accepted")
	}
}

// TestLoad runs 50 concurrent submitters on 127.0.0.1 for 3 s (see
// envLoadDuration) against SQLite, and checks that no record is lost or
// stored twice.
func TestLoad(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLoadHarness(t, open(t))
		res := runLoad(t, h, 50, 100, loadDuration(t, 3*time.Second), 1000)
		checkLoad(t, h, res)
		t.Logf("%d requests (%d busy) in %v: %d records imported, %d ignored, %.0f records/s; latency p50 %v, p99 %v",
			res.requests, res.busy, res.elapsed.Round(time.Millisecond), res.accepted, res.ignored,
			float64(res.accepted+res.ignored)/res.elapsed.Seconds(), res.percentile(0.5).Round(time.Millisecond), res.percentile(0.99).Round(time.Millisecond))
	})
}

// BenchmarkLoad is TestLoad for 30 s (see envLoadDuration), reporting the
// records stored per second and the latency of submissions.
func BenchmarkLoad(b *testing.B) {
	for _, db := range databases() {
		b.Run(db.name, func(b *testing.B) {
			h := newLoadHarness(b, db.open(b))
			var res *loadResult
			for i := 0; i < b.N; i++ {
				res = runLoad(b, h, 50, 100, loadDuration(b, 30*time.Second), 1_000_000)
			}
			checkLoad(b, h, res)
			b.ReportMetric(float64(res.accepted+res.ignored)/res.elapsed.Seconds(), "records/s")
			b.ReportMetric(float64(res.percentile(0.5).Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(res.percentile(0.99).Microseconds())/1000, "p99-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// benchmarkIntake posts 100,000 activity records as NDJSON in batches of
// 1,000 to a server on a fresh database of db, one request after the
// other, and reports records/s.
func benchmarkIntake(b *testing.B, db database) {
	const total, batch = 100_000, 1_000
	h := newLoadHarness(b, db.open(b))
	b.ReportAllocs()
	var (
		bytesSent int64
		cpu       time.Duration
	)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bodies := make([][]byte, total/batch)
		for j := range bodies {
			bodies[j] = fixtureBatch(int64(i+1), j*batch, batch)
			bytesSent += int64(len(bodies[j]))
		}
		b.StartTimer()
		c0 := cpuTime()
		for _, body := range bodies {
			ans := h.submit(tokenCity, body)
			if ans.status != 200 {
				b.Fatalf("answer %d %.300s", ans.status, ans.body)
			}
		}
		cpu += cpuTime() - c0
	}
	b.StopTimer()
	n, err := h.store.Count(context.Background(), healthedu.DivisionCode{})
	if err != nil {
		b.Fatal(err)
	}
	if n%total != 0 || n == 0 {
		b.Fatalf("%d records stored, want a multiple of %d", n, total)
	}
	reportRates(b, n, cpu)
	b.ReportMetric(float64(bytesSent)/b.Elapsed().Seconds()/(1<<20), "MiB/s")
}

// BenchmarkIntakeSQLite measures intake into SQLite (target: 20,000
// records/s or more, and half of BenchmarkRawInsertSQLite's).
func BenchmarkIntakeSQLite(b *testing.B) {
	benchmarkIntake(b, database{"sqlite", openTestSQLite})
}

// BenchmarkIntakePostgres measures intake into PostgreSQL (target: half
// of BenchmarkRawInsertPostgres's); it skips unless JICENG_TEST_POSTGRES
// is set.
func BenchmarkIntakePostgres(b *testing.B) {
	benchmarkIntake(b, database{"postgres", openTestPostgres})
}
