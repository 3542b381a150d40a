package grid_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// TestDecodeRegister reads the register documents of testdata through
// healthedu's decoder, as a platform receives them, and adds them to a
// register.
func TestDecodeRegister(t *testing.T) {
	f, err := os.Open("testdata/register.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reg, err := grid.NewRegister(testKey)
	if err != nil {
		t.Fatal(err)
	}
	d := healthedu.NewDecoder(f, healthedu.DecodeOptions{Kinds: grid.Kinds()})
	n := 0
	for d.Next() {
		dec := d.Decoded()
		if len(dec.Issues) > 0 {
			t.Fatalf("line %d: %v", dec.Line, dec.Issues)
		}
		if issues := reg.Add(dec.Record); len(issues) > 0 {
			t.Errorf("line %d: Add: %v", dec.Line, issues)
		}
		n++
	}
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 58 {
		t.Errorf("%d records, want 58", n)
	}
	team, _ := reg.Team("g1")
	if len(team.Members) != 5 || len(team.Members[1].SignedHouseholds) != 50 {
		t.Errorf("team = %+v", team)
	}
	p, _ := reg.Loop().Progress("c1")
	if p.Stage != grid.StageContentTailoring {
		t.Errorf("campaign c1 at %q, want content-tailoring", p.Stage)
	}
}

func TestDecodeInvalid(t *testing.T) {
	tests := []struct {
		line string
		want []string // issue codes
	}{
		{`{"schemaVersion":"1","kind":"resident","id":"r9","household":"h02","citizenId":"37150219500101009X","ageBand":"old","authorisation":{"community":true,"medical":true,"at":"2025-09-01T10:00:00+08:00"}}`,
			[]string{"json.enum"}},
		{`{"schemaVersion":"1","kind":"resident","id":"r9","household":"h02","citizenId":"371502195001010098","ageBand":"0-6","authorisation":{"community":true,"at":"2025-09-01T10:00:00+08:00"}}`,
			[]string{"citizenId.checksum", "json.required"}},
		{`{"schemaVersion":"1","kind":"gridTeam","id":"t9","grid":"g1","members":[{"id":"L1","name":"王","role":"mayor"}]}`,
			[]string{"json.enum"}},
		{`{"schemaVersion":"1","kind":"grid","id":"g9","name":"x","division":"37150200100x"}`,
			[]string{"division.syntax"}},
		{`{"schemaVersion":"1","kind":"loopEvent","id":"e9","campaign":"c1","stage":"needs-survey","at":"2025-10-15T17:00:00+08:00","households":-1}`,
			[]string{"json.range"}},
	}
	for _, tt := range tests {
		d := healthedu.NewDecoder(strings.NewReader(tt.line+"\n"), healthedu.DecodeOptions{Kinds: grid.Kinds()})
		if !d.Next() {
			t.Fatalf("no record in %s", tt.line)
		}
		var got []string
		for _, is := range d.Decoded().Issues {
			got = append(got, is.Code)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: issues (-want +got):\n%s", tt.line, diff)
		}
	}
}

// TestValidatorChecksGridRecords: healthedu's Validator checks the grid
// kinds through their Check methods.
func TestValidatorChecksGridRecords(t *testing.T) {
	v := &healthedu.Validator{Now: t0}
	got := summarize(v.Validate(&grid.LoopEvent{Header: header(grid.KindLoopEvent, "e1"), Campaign: "c1",
		Stage: grid.StageEffectTracking, At: t0.AddDate(0, 0, 2), Households: 10, Improved: 11}))
	want := []issueSummary{
		{"error", "time.future", "/at", map[string]any{"value": "2025-10-03T00:00:00+08:00", "now": "2025-10-01T00:00:00+08:00"}},
		{"error", "loop.improved", "/improved", map[string]any{"improved": int64(11), "households": int64(10)}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}
