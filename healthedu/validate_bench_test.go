package healthedu

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/jiceng/jiceng/internal/fixtures"
)

// validateBenchRecords is the number of records in a benchmark's stream.
const validateBenchRecords = 10000

// BenchmarkValidateActivityStream decodes and validates a stream of NDJSON
// activity records, about 700 bytes each with Chinese names, as a
// platform's intake does with ValidateStream, and reports records per
// second and allocations per record. Run it with -cpu 1 for the figure on
// one core; internal/benchpeers runs it beside its floor,
// go-json-experiment decoding the same records without rules.
func BenchmarkValidateActivityStream(b *testing.B) {
	data := fixtures.ActivityNDJSON(validateBenchRecords, fixtures.DefaultSeed)
	v := &Validator{Now: fixtures.Now}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	before := validateBenchMallocs()
	for b.Loop() {
		sum, err := v.ValidateStream(bytes.NewReader(data), StreamOptions{}, nil)
		if err != nil || sum.Accepted != validateBenchRecords || sum.Warnings != 0 {
			b.Fatalf("ValidateStream: %+v, %v", sum, err)
		}
	}
	records := float64(b.N) * validateBenchRecords
	b.ReportMetric(float64(validateBenchMallocs()-before)/records, "allocs/record")
	b.ReportMetric(records/b.Elapsed().Seconds(), "records/s")
}

// validateBenchMallocs returns the count of heap allocations so far.
func validateBenchMallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}

// BenchmarkValidateActivity checks the semantic rules of decoded activity
// records, the Validator's share of BenchmarkValidateActivityStream.
func BenchmarkValidateActivity(b *testing.B) {
	var records []Record
	dec := NewDecoder(bytes.NewReader(fixtures.ActivityNDJSON(1000, fixtures.DefaultSeed)), DecodeOptions{})
	for dec.Next() {
		records = append(records, dec.Decoded().Record)
	}
	v := &Validator{Now: fixtures.Now}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if issues := v.Validate(records[n%len(records)]); issues != nil {
			b.Fatal(issues)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkValidateStreamHeap streams 200 MB of NDJSON activity records,
// generated as they are read, through ValidateStream, fails when the heap
// in use reaches 64 MB, and reports its peak (peak-heap-MB) and records
// per second.
func BenchmarkValidateStreamHeap(b *testing.B) {
	var peak uint64
	records := 0
	for b.Loop() {
		p, sum := validateStreamHeap(b, validateHeapStream, 0)
		peak = max(peak, p)
		records += sum.Records
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
