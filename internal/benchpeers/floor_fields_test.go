package benchpeers

import (
	"bytes"
	"testing"

	"github.com/go-json-experiment/json"

	"github.com/jiceng/jiceng/internal/fixtures"
)

// TestFloorFields: the floor's plain struct has a field for every member
// of the benchmark's records (unknown members rejected), and the records
// it decodes are those jiceng accepts, so that both benchmarks read the
// same fields of the same records.
func TestFloorFields(t *testing.T) {
	data := fixtures.ActivityNDJSON(2000, fixtures.DefaultSeed)
	seen := map[string]bool{}
	for line := range bytes.Lines(data) {
		var a activity
		if err := json.Unmarshal(line, &a, json.RejectUnknownMembers(true)); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if a.Kind != "activity" || a.ID == "" || a.Start.IsZero() || len(a.Topics) == 0 {
			t.Fatalf("%s: decoded as %+v", line, a)
		}
		seen["evidence"] = seen["evidence"] || a.Evidence != nil
		seen["resident"] = seen["resident"] || a.Resident != nil
		seen["speakers"] = seen["speakers"] || len(a.Speakers) > 0
	}
	for _, m := range []string{"evidence", "resident", "speakers"} {
		if !seen[m] {
			t.Errorf("no record has %s", m)
		}
	}
}
