package schemas_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/schemas"
	"github.com/jiceng/jiceng/schemas/internal/fixtures"
)

// benchRecords is the number of records in a benchmark's stream, as in
// healthedu's BenchmarkValidateActivityStream.
const benchRecords = 10000

// BenchmarkValidateActivityStreamSchema validates the NDJSON activity
// records of healthedu's BenchmarkValidateActivityStream with the
// committed activity schema and santhosh-tekuri/jsonschema, line by line
// (UnmarshalJSON, then Validate), formats asserted, and reports records
// per second: the figure the Go validator is measured against.
func BenchmarkValidateActivityStreamSchema(b *testing.B) {
	data := fixtures.ActivityNDJSON(benchRecords, fixtures.DefaultSeed)
	sch := compile(b, "activity.json")
	validate := func() {
		n := 0
		for line := range bytes.Lines(data) {
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
			if err != nil {
				b.Fatalf("record %d: %v", n, err)
			}
			if err := sch.Validate(doc); err != nil {
				b.Fatalf("record %d: %v", n, err)
			}
			n++
		}
		if n != benchRecords {
			b.Fatalf("%d records, want %d", n, benchRecords)
		}
	}
	validate() // every fixture is valid
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		validate()
	}
	b.ReportMetric(float64(b.N)*benchRecords/b.Elapsed().Seconds(), "records/s")
}

// TestFixturesMatchSchema checks that the benchmark's records satisfy the
// envelope too, so that the benchmark measures the accepting path.
func TestFixturesMatchSchema(t *testing.T) {
	sch := compile(t, schemas.EnvelopeFile)
	data := fixtures.ActivityNDJSON(200, fixtures.DefaultSeed)
	for line := range bytes.Lines(data) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Fatalf("%s\n%v", line, err)
		}
	}
}

// TestFixturesCopyUpToDate checks that internal/fixtures is the same as
// healthedu/internal/fixtures, which the Go rule for internal packages
// keeps this package from importing: the two benchmarks must measure the
// same records.
func TestFixturesCopyUpToDate(t *testing.T) {
	orig, err := os.ReadFile("../healthedu/internal/fixtures/activity.go")
	if err != nil {
		t.Skip(err)
	}
	copied, err := os.ReadFile("internal/fixtures/activity.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(orig, copied) {
		t.Error("schemas/internal/fixtures/activity.go differs from healthedu/internal/fixtures/activity.go: copy it again")
	}
}
