package ledger_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// decodeItem decodes one rectification item through healthedu's decoder,
// as a platform receives it, and validates it; nil when it is rejected.
func decodeItem(b []byte) *ledger.Rectification {
	d := healthedu.NewDecoder(bytes.NewReader(b), healthedu.DecodeOptions{Kinds: ledger.Kinds()})
	if !d.Next() {
		return nil
	}
	dec := d.Decoded()
	r, ok := dec.Record.(*ledger.Rectification)
	if !ok {
		return nil
	}
	for _, is := range (&healthedu.Validator{}).Validate(r) {
		if is.Severity == healthedu.SeverityError {
			return nil
		}
	}
	return r
}

// FuzzMerge decodes two items from JSON and merges the second into the
// first: Merge never panics, refuses or accepts without changing its
// inputs, leaves a status equal to the last event's and a history the
// status machine accepts, and merging the same update again changes
// nothing.
func FuzzMerge(f *testing.F) {
	b, err := os.ReadFile("testdata/items.ndjson")
	if err != nil {
		f.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	for _, l := range lines {
		f.Add(l, l)
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		stored, incoming := decodeItem(a), decodeItem(b)
		if incoming == nil {
			return
		}
		var before *ledger.Rectification
		if stored != nil {
			before = stored.Clone()
		}
		merged, ch, issues := ledger.Merge(stored, incoming)
		if stored != nil && !cmp.Equal(before, stored, cmpOpts) {
			t.Fatal("Merge changed the stored item")
		}
		for _, is := range issues {
			if _, ok := healthedu.LookupCode(is.Code); !ok {
				t.Fatalf("unregistered code %s", is.Code)
			}
		}
		if merged == nil {
			if stored != nil || len(issues) == 0 {
				t.Fatalf("no item, stored %v, issues %v", stored != nil, issues)
			}
			return
		}
		if len(issues) > 0 {
			if ch.Changed() {
				t.Fatalf("a refused update changed %+v", ch)
			}
			return
		}
		if n := len(merged.History); merged.Status != merged.History[n-1].Status {
			t.Fatalf("status %s, last event %s", merged.Status, merged.History[n-1].Status)
		}
		for _, is := range (&healthedu.Validator{}).Validate(merged) {
			switch is.Code {
			case "ledger.transition", "ledger.historyStart", "ledger.historyOrder", "ledger.verifierOnly", "ledger.ownerOnly", "ledger.statusMismatch":
				t.Fatalf("merged item: %v", is)
			}
		}
		again, ch2, issues2 := ledger.Merge(merged, incoming)
		if ch2.Changed() || len(issues2) > 0 || !cmp.Equal(merged, again, cmpOpts) {
			t.Fatalf("second merge: %+v %v", ch2, issues2)
		}
	})
}

func TestDecode(t *testing.T) {
	b, err := os.ReadFile("testdata/items.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	d := healthedu.NewDecoder(bytes.NewReader(b), healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), ledger.Kinds()...)})
	var got []string
	for d.Next() {
		dec := d.Decoded()
		r, ok := dec.Record.(*ledger.Rectification)
		if !ok {
			t.Fatalf("line %d: %v", dec.Line, dec.Issues)
		}
		if is := (&healthedu.Validator{}).Validate(r); len(is) > 0 {
			t.Errorf("%s: %v", r.ID, codesOf(is))
		}
		p, _ := r.RecordPeriod()
		got = append(got, r.ID+" "+string(r.Status)+" "+r.RecordDivision().Short()+" "+p.String())
	}
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"lc-dcf-2025-017 verified 371502001 202511",
		"auto-2025-11-05-371502001000-t-child-health-management-rate reopened 371502001 202511",
		"wd-2025W44-03 open 371502 202511",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
