package benchpeers

import (
	"bytes"
	"io"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
)

// benchRecords is the number of records in a benchmark's stream, as in
// healthedu's BenchmarkValidateActivityStream.
const benchRecords = 10000

// activity is healthedu.Activity as a plain struct: the same members,
// with strings for the codes and enumerations, and no rules.
type activity struct {
	SchemaVersion string `json:"schemaVersion"`
	Kind          string `json:"kind"`
	ID            string `json:"id"`
	Title         string `json:"title,omitempty"`
	Organizer     struct {
		CreditCode string `json:"creditCode"`
		Name       string `json:"name"`
		Type       string `json:"type"`
		Division   string `json:"division,omitzero"`
	} `json:"organizer"`
	Division string `json:"division"`
	Venue    struct {
		Type string `json:"type"`
		Name string `json:"name,omitempty"`
	} `json:"venue"`
	Form                 string    `json:"form"`
	Topics               []string  `json:"topics"`
	TargetGroups         []string  `json:"targetGroups"`
	Start                time.Time `json:"start"`
	End                  time.Time `json:"end"`
	Participants         int64     `json:"participants"`
	MaterialsDistributed int64     `json:"materialsDistributed,omitempty"`
	Speakers             []struct {
		Name   string `json:"name"`
		Role   string `json:"role"`
		Expert string `json:"expert,omitempty"`
	} `json:"speakers,omitempty"`
	Evidence *struct {
		Photos      []string `json:"photos,omitempty"`
		SignInSheet string   `json:"signInSheet,omitempty"`
	} `json:"evidence,omitempty"`
	Resident *struct {
		CitizenID string `json:"citizenId"`
		Consent   struct {
			Community bool `json:"community"`
			Medical   bool `json:"medical"`
		} `json:"consent"`
	} `json:"resident,omitempty"`
	Material *struct {
		ID    string `json:"id"`
		Title string `json:"title,omitempty"`
	} `json:"material,omitempty"`
	Board *struct {
		ID      string `json:"id"`
		AreaDm2 int64  `json:"areaDm2,omitempty"`
	} `json:"board,omitempty"`
}

// BenchmarkValidateActivityStream decodes and validates a stream of NDJSON
// activity records with healthedu.Validator.ValidateStream, every rule
// applied, and reports records per second and allocations per record:
// healthedu's benchmark of the same name, here beside its floor.
func BenchmarkValidateActivityStream(b *testing.B) {
	data := fixtures.ActivityNDJSON(benchRecords, fixtures.DefaultSeed)
	v := &healthedu.Validator{Now: fixtures.Now}
	validate := func() {
		sum, err := v.ValidateStream(bytes.NewReader(data), healthedu.StreamOptions{}, nil)
		if err != nil || sum.Records != benchRecords || sum.Accepted != benchRecords || sum.Warnings != 0 {
			b.Fatalf("ValidateStream: %+v, %v", sum, err)
		}
	}
	run(b, data, validate)
}

// BenchmarkDecodeActivityFloor unmarshals the same NDJSON records with
// github.com/go-json-experiment/json (the json/v2 proposal), line by line
// with json.Unmarshal, into a new plain struct each, without any rule:
// the floor that validation is measured against. Of the two ways to read
// NDJSON with it, this is the faster (see
// BenchmarkDecodeActivityFloorStream).
func BenchmarkDecodeActivityFloor(b *testing.B) {
	data := fixtures.ActivityNDJSON(benchRecords, fixtures.DefaultSeed)
	decode := func() {
		n := 0
		for line := range bytes.Lines(data) {
			a := new(activity)
			if err := json.Unmarshal(line, a); err != nil {
				b.Fatalf("record %d: %v", n, err)
			}
			n++
		}
		if n != benchRecords {
			b.Fatalf("%d records, want %d", n, benchRecords)
		}
	}
	run(b, data, decode)
}

// BenchmarkDecodeActivityFloorStream is BenchmarkDecodeActivityFloor
// streaming from an io.Reader, as jiceng reads: one jsontext.Decoder,
// json.UnmarshalDecode into a new struct for each record.
func BenchmarkDecodeActivityFloorStream(b *testing.B) {
	data := fixtures.ActivityNDJSON(benchRecords, fixtures.DefaultSeed)
	decode := func() {
		dec := jsontext.NewDecoder(bytes.NewReader(data))
		n := 0
		for {
			a := new(activity)
			err := json.UnmarshalDecode(dec, a)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatalf("record %d: %v", n, err)
			}
			n++
		}
		if n != benchRecords {
			b.Fatalf("%d records, want %d", n, benchRecords)
		}
	}
	run(b, data, decode)
}

// run measures f, which reads data's benchRecords records, and reports
// records/s and allocs/record besides the usual figures.
func run(b *testing.B, data []byte, f func()) {
	f() // warm caches, and fail early
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	before, cpu := mallocs(), cpuTime()
	for b.Loop() {
		f()
	}
	cpu = cpuTime() - cpu
	records := float64(b.N) * benchRecords
	b.ReportMetric(float64(mallocs()-before)/records, "allocs/record")
	b.ReportMetric(records/b.Elapsed().Seconds(), "records/s")
	// Per second of the process's CPU time: on a shared machine, less
	// disturbed by other processes than the wall clock.
	b.ReportMetric(records/cpu.Seconds(), "records/cpu-s")
}

// cpuTime returns the CPU time, user and system, the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// mallocs returns the count of heap allocations so far.
func mallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}
