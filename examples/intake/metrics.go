package main

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the buckets of the
// submission latency histogram.
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// metrics are the server's counters (监控指标), written in the Prometheus
// text exposition format by hand.
type metrics struct {
	mu       sync.Mutex
	requests map[requestLabels]uint64

	records [outcomeIgnored + 2]atomic.Uint64 // by outcome; the last is rejected

	latency struct {
		sync.Mutex
		counts []uint64 // per bucket, not cumulative; one more for +Inf
		sum    float64
		n      uint64
	}

	inFlight  atomic.Int64 // submissions validated and stored now, each holding a turn
	receiving atomic.Int64 // submissions whose body is arriving, holding no turn

	skipped map[skipLabels]uint64 // under mu
}

// skipLabels are the labels of the counter of stored rows skipped.
type skipLabels struct {
	table, reason string
}

// countSkipped counts a stored row of table that a read skipped, for
// reason.
func (m *metrics) countSkipped(table, reason string) {
	m.mu.Lock()
	if m.skipped == nil {
		m.skipped = make(map[skipLabels]uint64)
	}
	m.skipped[skipLabels{table, reason}]++
	m.mu.Unlock()
}

// requestLabels are the labels of the request counter.
type requestLabels struct {
	route string
	code  int
}

// countRequest counts a request answered with status on route.
func (m *metrics) countRequest(route string, status int) {
	m.mu.Lock()
	if m.requests == nil {
		m.requests = make(map[requestLabels]uint64)
	}
	m.requests[requestLabels{route, status}]++
	m.mu.Unlock()
}

// countRecords counts the records of a stored submission.
func (m *metrics) countRecords(imported, updated, ignored, rejected int) {
	m.records[outcomeImported].Add(uint64(imported))
	m.records[outcomeUpdated].Add(uint64(updated))
	m.records[outcomeIgnored].Add(uint64(ignored))
	m.records[outcomeIgnored+1].Add(uint64(rejected))
}

// observeSubmission records the time a submission took.
func (m *metrics) observeSubmission(d time.Duration) {
	s := d.Seconds()
	i, _ := slices.BinarySearch(latencyBuckets, s)
	m.latency.Lock()
	if m.latency.counts == nil {
		m.latency.counts = make([]uint64, len(latencyBuckets)+1)
	}
	m.latency.counts[i]++
	m.latency.sum += s
	m.latency.n++
	m.latency.Unlock()
}

// writeTo writes the metrics in the Prometheus text format, version 0.0.4.
func (m *metrics) writeTo(w io.Writer) {
	var b strings.Builder
	b.WriteString("# HELP jiceng_intake_http_requests_total HTTP requests answered, by route and status code.\n")
	b.WriteString("# TYPE jiceng_intake_http_requests_total counter\n")
	m.mu.Lock()
	reqs := maps.Clone(m.requests)
	m.mu.Unlock()
	keys := slices.SortedFunc(maps.Keys(reqs), func(a, b requestLabels) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "jiceng_intake_http_requests_total{route=%s,code=\"%d\"} %d\n", promQuote(k.route), k.code, reqs[k])
	}

	b.WriteString("# HELP jiceng_intake_records_total Records submitted, by outcome: imported, updated, ignored (identical resubmission), rejected.\n")
	b.WriteString("# TYPE jiceng_intake_records_total counter\n")
	for i, name := range []string{outcomeImported: "imported", outcomeUpdated: "updated", outcomeIgnored: "ignored", outcomeIgnored + 1: "rejected"} {
		if name != "" {
			fmt.Fprintf(&b, "jiceng_intake_records_total{outcome=%q} %d\n", name, m.records[i].Load())
		}
	}

	b.WriteString("# HELP jiceng_intake_submission_duration_seconds Time taken by stored submissions, from the request to the answer.\n")
	b.WriteString("# TYPE jiceng_intake_submission_duration_seconds histogram\n")
	m.latency.Lock()
	counts := slices.Clone(m.latency.counts)
	sum, n := m.latency.sum, m.latency.n
	m.latency.Unlock()
	if counts == nil {
		counts = make([]uint64, len(latencyBuckets)+1)
	}
	var cum uint64
	for i, le := range latencyBuckets {
		cum += counts[i]
		fmt.Fprintf(&b, "jiceng_intake_submission_duration_seconds_bucket{le=\"%s\"} %d\n", strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	fmt.Fprintf(&b, "jiceng_intake_submission_duration_seconds_bucket{le=\"+Inf\"} %d\n", n)
	fmt.Fprintf(&b, "jiceng_intake_submission_duration_seconds_sum %s\n", strconv.FormatFloat(sum, 'g', -1, 64))
	fmt.Fprintf(&b, "jiceng_intake_submission_duration_seconds_count %d\n", n)

	b.WriteString("# HELP jiceng_intake_stored_rows_skipped_total Stored rows a read could not use and left out, by table and reason, counted each time a read loads them.\n")
	b.WriteString("# TYPE jiceng_intake_stored_rows_skipped_total counter\n")
	m.mu.Lock()
	skipped := maps.Clone(m.skipped)
	m.mu.Unlock()
	for _, k := range slices.SortedFunc(maps.Keys(skipped), func(a, b skipLabels) int {
		return cmp.Or(strings.Compare(a.table, b.table), strings.Compare(a.reason, b.reason))
	}) {
		fmt.Fprintf(&b, "jiceng_intake_stored_rows_skipped_total{table=%s,reason=%s} %d\n", promQuote(k.table), promQuote(k.reason), skipped[k])
	}

	b.WriteString("# HELP jiceng_intake_submissions_in_flight Submissions being stored now.\n")
	b.WriteString("# TYPE jiceng_intake_submissions_in_flight gauge\n")
	fmt.Fprintf(&b, "jiceng_intake_submissions_in_flight %d\n", m.inFlight.Load())
	b.WriteString("# HELP jiceng_intake_submissions_receiving Submissions whose body is arriving, before they wait for a turn.\n")
	b.WriteString("# TYPE jiceng_intake_submissions_receiving gauge\n")
	fmt.Fprintf(&b, "jiceng_intake_submissions_receiving %d\n", m.receiving.Load())
	io.WriteString(w, b.String())
}

// promQuote quotes a label value as the text format wants: backslash,
// double quote and newline escaped.
func promQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
