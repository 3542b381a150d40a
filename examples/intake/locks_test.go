package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// TestUnlockBounds checks that an unlock ends within a year, at an instant
// jiceng can represent (an unlock until 9999-12-31T23:59:59Z answered 500,
// and GET /v1/locks answered 500 from then on), and that GET /v1/locks and
// the submissions bear an unusable row of the unlocks table.
func TestUnlockBounds(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t), func(c *config) { c.LockDays = 10 })
		for _, tc := range []struct {
			until  string
			status int
			code   string
		}{
			{"9999-12-31T23:59:59Z", 400, "intake.untilRange"},
			{"9999-12-31T23:59:59+08:00", 400, "intake.untilRange"},
			{"2027-01-02T00:00:00+08:00", 400, "intake.untilRange"}, // a year and a day
			{"2025-12-31T00:00:00+08:00", 400, codeUntilPast},
			{"2026-12-31T00:00:00+08:00", 200, ""},
		} {
			ans := h.request("POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"371502","period":"202510","until":"`+tc.until+`"}`))
			if ans.status != tc.status || tc.code != "" && ans.problemCode(t) != tc.code {
				t.Errorf("until %s: %d %s, want %d %s", tc.until, ans.status, ans.body, tc.status, tc.code)
			}
			if ans := h.request("GET", "/v1/locks?under=3715&period=202510", tokenAdmin, nil); ans.status != http.StatusOK {
				t.Errorf("after an unlock until %s, GET /v1/locks: %d %s", tc.until, ans.status, ans.body)
			}
		}
		// The last period jiceng names locks after what it can represent.
		for _, path := range []string{"/v1/locks?under=3715&period=9999", "/v1/locks?under=3715&period=99991231"} {
			if ans := h.request("GET", path, tokenAdmin, nil); ans.status != http.StatusOK {
				t.Errorf("%s: %d %s", path, ans.status, ans.body)
			}
		}
		if ans := h.request("POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"371502","period":"9999"}`)); ans.status != http.StatusOK {
			t.Errorf("unlock of 9999: %d %s", ans.status, ans.body)
		}

		// Rows an earlier version stored: an unlock until past 9999, and one
		// whose period is not a period.
		s := h.store.(*sqlStore)
		far := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).UnixMilli()
		for _, row := range [][2]any{{"202511", far}, {"2025-11", time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).UnixMilli()}} {
			if _, err := s.w.ExecContext(context.Background(), `INSERT INTO unlocks (division, period, until_ms, token, created) VALUES ($1, $2, $3, $4, $5)`,
				"371502000000", row[0], row[1], "0123456789abcdef", testNow.UnixMilli()); err != nil {
				t.Fatal(err)
			}
		}
		ans := h.request("GET", "/v1/locks?under=3715", tokenAdmin, nil)
		var locks wire.Locks
		if ans.status != http.StatusOK {
			t.Fatalf("GET /v1/locks with unusable rows: %d %s", ans.status, ans.body)
		}
		ans.json(t, &locks)
		if len(locks.Unlocks) != 2 { // 202510 until 2026-12-31, and 9999
			t.Errorf("unlocks %+v, want the two usable ones", locks.Unlocks)
		}
		if sm := h.submit(tokenGulou, activity("U-1", "371502001", at(2025, 12, 20, 9), "")).summary(t); sm.Imported != 1 {
			t.Errorf("a submission beside unusable unlocks: %+v %+v", countsOf(sm), sm.Issues)
		}
		if n := skippedRows(t, h); n["unlocks until"] == 0 || n["unlocks columns"] == 0 {
			t.Errorf("skipped rows %v, want the unlocks counted", n)
		}
	})
}
