package ledger_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

func TestMerge(t *testing.T) {
	opened := item()
	rectifying := ledger.Event{At: at(2025, 11, 12, 10, 0), Status: ledger.StatusRectifying, Actor: owner, Note: "已安排专人补报"}
	rectified := ledger.Event{At: at(2025, 11, 14, 16, 0), Status: ledger.StatusRectified, Actor: owner}
	verified := ledger.Event{At: at(2025, 11, 17, 9, 0), Status: ledger.StatusVerified, Actor: verifier}

	withRectified := item(rectifying, rectified)
	withRectified.Evidence = []string{"oss://lc/r-2025-001/1.pdf"}
	withRectified.Deadline = mustDate(2025, 12, 10)

	tests := []struct {
		name             string
		stored, incoming *ledger.Rectification
		want             *ledger.Rectification
		change           ledger.Change
		issues           []string
	}{
		{
			name: "create", incoming: opened,
			want:   opened,
			change: ledger.Change{Created: true, Events: opened.History, To: ledger.StatusOpen},
		},
		{
			name: "add events, fields from the fresher update", stored: opened, incoming: withRectified,
			want: withRectified,
			change: ledger.Change{Fields: []string{"deadline", "evidence"}, Events: []ledger.Event{rectifying, rectified},
				From: ledger.StatusOpen, To: ledger.StatusRectified},
		},
		{
			name: "the same update again", stored: withRectified, incoming: withRectified,
			want:   withRectified,
			change: ledger.Change{From: ledger.StatusRectified, To: ledger.StatusRectified},
		},
		{
			name: "a stale update adds its events, not its fields", stored: item(rectifying, rectified, verified),
			incoming: func() *ledger.Rectification {
				r := item(rectifying)
				r.Problem = "旧的问题描述"
				r.Evidence = []string{"oss://lc/old.jpg"}
				return r
			}(),
			want: func() *ledger.Rectification {
				r := item(rectifying, rectified, verified)
				r.Evidence = []string{"oss://lc/old.jpg"}
				return r
			}(),
			change: ledger.Change{Fields: []string{"evidence"}, From: ledger.StatusVerified, To: ledger.StatusVerified},
		},
		{
			name: "events out of order are sorted", stored: item(rectified),
			incoming: item(rectifying),
			want:     item(rectifying, rectified),
			change:   ledger.Change{Events: []ledger.Event{rectifying}, From: ledger.StatusRectified, To: ledger.StatusRectified},
		},
		{
			name: "the union breaks the machine", stored: item(rectified, verified),
			incoming: item(ledger.Event{At: at(2025, 11, 18, 9, 0), Status: ledger.StatusRectifying, Actor: owner}),
			want:     item(rectified, verified),
			issues:   []string{"ledger.transition /history/3/status"},
		},
		{
			name: "division changed", stored: opened,
			incoming: func() *ledger.Rectification { r := item(); r.Division = village; return r }(),
			want:     opened,
			issues:   []string{"ledger.immutable /division"},
		},
		{
			name: "source changed", stored: opened,
			incoming: func() *ledger.Rectification {
				r := item()
				r.Source.Period = healthedu.MustParsePeriod("202509")
				return r
			}(),
			want:   opened,
			issues: []string{"ledger.immutable /source"},
		},
		{
			name: "another item", stored: opened,
			incoming: func() *ledger.Rectification { r := item(); r.ID = "r-2025-002"; return r }(),
			want:     opened,
			issues:   []string{"ledger.idMismatch /id"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ch, issues := ledger.Merge(tt.stored, tt.incoming)
			if diff := cmp.Diff(tt.issues, codesOf(issues)); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("item (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.change, ch, cmpOpts); diff != "" {
				t.Errorf("change (-want +got):\n%s", diff)
			}
			if len(issues) > 0 {
				return
			}
			// Idempotent: merging the update again changes nothing.
			again, ch2, issues2 := ledger.Merge(got, tt.incoming)
			if len(issues2) > 0 || ch2.Changed() {
				t.Errorf("second merge: change %+v, issues %v", ch2, codesOf(issues2))
			}
			if diff := cmp.Diff(got, again, cmpOpts); diff != "" {
				t.Errorf("second merge changed the item (-first +second):\n%s", diff)
			}
			// The result shares nothing with the inputs.
			if len(got.History) > 0 {
				got.History[0].Note = "changed"
				if tt.incoming.History[0].Note == "changed" || tt.stored != nil && tt.stored.History[0].Note == "changed" {
					t.Error("the merged item shares its history with an input")
				}
			}
		})
	}
}

func TestMergeNil(t *testing.T) {
	if got, ch, issues := ledger.Merge(nil, nil); got != nil || ch.Changed() || issues != nil {
		t.Errorf("Merge(nil, nil) = %v, %+v, %v", got, ch, issues)
	}
	r := item()
	if got, ch, _ := ledger.Merge(r, nil); ch.Changed() || got == r || !cmp.Equal(got, r, cmpOpts) {
		t.Errorf("Merge(r, nil) = %v, %+v; want a copy of r", got, ch)
	}
	bad := item()
	bad.History[0].Status = ledger.StatusRectified
	if got, _, issues := ledger.Merge(nil, bad); got != nil || len(issues) == 0 {
		t.Errorf("Merge(nil, bad) = %v, %v; want issues", got, issues)
	}
}
