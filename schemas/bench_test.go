package schemas_test

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
	"github.com/jiceng/jiceng/schemas"
)

// benchRecords is the number of records in a benchmark's stream, as in
// healthedu's BenchmarkValidateActivityStream.
const benchRecords = 10000

// BenchmarkValidateActivityStream validates the same NDJSON activity records
// with the Go validator (healthedu.Validator.ValidateStream: decoding and
// every rule), so that one run of
//
//	go test -run '^$' -bench 'ValidateActivityStream' -benchmem -cpu 1 ./schemas
//
// measures both validators side by side on one machine state. The Go
// validator checks more than the schema can express.
func BenchmarkValidateActivityStream(b *testing.B) {
	data := fixtures.ActivityNDJSON(benchRecords, fixtures.DefaultSeed)
	v := &healthedu.Validator{Now: fixtures.Now}
	validate := func() {
		sum, err := v.ValidateStream(bytes.NewReader(data), healthedu.StreamOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Records != benchRecords || sum.Accepted != benchRecords {
			b.Fatalf("%+v, want %d records accepted", sum, benchRecords)
		}
	}
	validate()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		validate()
	}
	b.ReportMetric(float64(b.N)*benchRecords/b.Elapsed().Seconds(), "records/s")
}

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
