package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// activities returns the activities P-from to P-(to-1) of 古楼街道 as
// NDJSON, with 75 participants rather than 60 for those in changed.
func activities(from, to int, changed ...[2]int) []byte {
	var b []byte
	for i := from; i < to; i++ {
		a := activity(fmt.Sprintf("P-%d", i), "371502001", at(2025, 12, 1+i%28, 9), "")
		for _, c := range changed {
			if c[0] <= i && i < c[1] {
				a = bytes.Replace(a, []byte(`"participants":60`), []byte(`"participants":75`), 1)
			}
		}
		b = append(b, a...)
	}
	return b
}

// TestSubmitStoredWhileRead checks that a submission of several chunks
// (pipelineChunk), which PostgreSQL stores while it is read, is answered
// as one stored after it was read whole: records of a later chunk stored
// before, which the copy without looking first meets, are ignored or
// updated; a record outside the token's division or a failure of the
// database leaves nothing stored, the former answered first; an answer
// saved for the Idempotency-Key is replayed only for a body that would be
// stored.
func TestSubmitStoredWhileRead(t *testing.T) {
	neighbours := activity("N-1", "371502002", at(2025, 12, 3, 9), "")
	for _, tc := range []struct {
		name   string
		before []byte // stored first
		body   []byte
		fail   int // the rows stored before the database fails; 0 for none
		want   counts
		status int
		code   string // of the problem
		stored int64
	}{
		{name: "all new", body: activities(0, 1000), want: counts{1000, 1000, 0, 0, 0}, status: 200, stored: 1000},
		{name: "later chunks sent before", before: activities(600, 900), body: activities(0, 1000),
			want: counts{1000, 700, 0, 300, 0}, status: 200, stored: 1000},
		{name: "later chunk changed", before: activities(500, 1000), body: activities(0, 1000, [2]int{600, 650}),
			want: counts{1000, 500, 50, 450, 0}, status: 200, stored: 1000},
		{name: "all sent before, some changed", before: activities(0, 1000), body: activities(0, 1000, [2]int{10, 20}, [2]int{990, 1000}),
			want: counts{1000, 0, 20, 980, 0}, status: 200, stored: 1000},
		{name: "failure in a later chunk", body: activities(0, 1000), fail: 300, status: 500, code: codeStorage},
		{name: "outside the division after a failure", body: append(activities(0, 1000), neighbours...), fail: 300,
			status: http.StatusForbidden, code: codeForbidden},
		{name: "outside the division at the end", before: activities(0, 10), body: append(activities(0, 1000), neighbours...),
			status: http.StatusForbidden, code: codeForbidden, stored: 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
				st := &failingStore{store: open(t), after: 1 << 30}
				h := newHarness(t, st)
				if tc.before != nil {
					if ans := h.submit(tokenGulou, tc.before); ans.status != 200 {
						t.Fatalf("first submission: %d %s", ans.status, ans.body)
					}
				}
				if tc.fail > 0 {
					st.after = tc.fail
				}
				ans := h.submit(tokenGulou, tc.body)
				if ans.status != tc.status {
					t.Fatalf("answer %d %.300s, want %d", ans.status, ans.body, tc.status)
				}
				if tc.code != "" {
					if code := ans.problemCode(t); code != tc.code {
						t.Errorf("problem %q, want %q", code, tc.code)
					}
				} else if diff := cmp.Diff(tc.want, countsOf(ans.summary(t))); diff != "" {
					t.Errorf("summary (-want +got):\n%s", diff)
				}
				if n := h.count(); n != tc.stored {
					t.Errorf("%d records stored, want %d", n, tc.stored)
				}
			})
		})
	}
}

// TestSubmitStoredWhileReadReplay checks that the answer saved for an
// Idempotency-Key, which a submission stored while it is read looks up
// first, is replayed for the same body, refused for another, and not for
// a body that is refused itself.
func TestSubmitStoredWhileReadReplay(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		body := activities(0, 600)
		first := h.submit(tokenGulou, body, "Idempotency-Key", "replay-1")
		if sm := first.summary(t); sm.Imported != 600 {
			t.Fatalf("first submission: %+v", countsOf(sm))
		}
		for _, tc := range []struct {
			name     string
			body     []byte
			status   int
			code     string
			replayed bool
		}{
			{"the same body", body, 200, "", true},
			{"another body", activities(0, 601), http.StatusUnprocessableEntity, codeIdempotencyReused, false},
			{"a body outside the division", append(activities(0, 600), activity("N-1", "371502002", at(2025, 12, 3, 9), "")...),
				http.StatusForbidden, codeForbidden, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ans := h.submit(tokenGulou, tc.body, "Idempotency-Key", "replay-1")
				if ans.status != tc.status || (ans.header.Get("Idempotent-Replayed") == "true") != tc.replayed {
					t.Fatalf("answer %d (replayed %q) %.300s, want %d (replayed %v)", ans.status, ans.header.Get("Idempotent-Replayed"), ans.body, tc.status, tc.replayed)
				}
				if tc.code != "" {
					if code := ans.problemCode(t); code != tc.code {
						t.Errorf("problem %q, want %q", code, tc.code)
					}
				} else if !bytes.Equal(ans.body, first.body) {
					t.Errorf("replayed %s, want %s", ans.body, first.body)
				}
			})
		}
		if g, err := h.store.Generation(context.Background()); err != nil || g != 1 {
			t.Errorf("generation %d, %v, want 1: only the first submission changed records", g, err)
		}
	})
}
