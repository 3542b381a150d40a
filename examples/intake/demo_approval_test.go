package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestDemoApprovals seeds the demonstration on 20 November 2025 as -demo
// does and checks the approval of 东昌府区's townships in October, the
// last month due: one in each state — 古楼街道 returned with a reason,
// then submitted, approved, accepted, and approved then changed by 聊城市
// (stale) — the others unsubmitted; the figures over approved data made
// of the approved and accepted months only, the stale one left out; and
// the tokens printed, an approver of 东昌府区 and one of 聊城市 among them.
func TestDemoApprovals(t *testing.T) {
	if testing.Short() {
		t.Skip("seeding a year of 聊城 takes a few seconds")
	}
	st := openTestSQLite(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	now := at(2025, 11, 20, 12)
	if _, err := seedDemo(ctx, st, testKey, now, demoEnd(now), log); err != nil {
		t.Fatal(err)
	}
	keys, err := seedDemoApprovals(ctx, st, config{DeadlineDay: 10}, testKey, now, log)
	if err != nil || len(keys) != len(demoApprovalFates) {
		t.Fatalf("seeded %d keys, %v", len(keys), err)
	}
	h := newHarness(t, st, func(c *config) { c.PublicReads, c.DefaultDivision = true, demoDivision })
	h.clock.Set(now)
	a := h.approvals("", "371502", "202510")

	type row struct {
		Division string
		State    approval.State
		Stale    bool
		Steps    string
	}
	var got []row
	for _, ap := range a.Approvals {
		if ap.State == approval.StateUnsubmitted {
			if len(ap.History) != 0 || ap.Stale {
				t.Errorf("unsubmitted %s: %+v", ap.Division.Short(), ap)
			}
			continue
		}
		var steps []string
		for _, e := range ap.History {
			steps = append(steps, string(e.Action)+"@"+e.Actor.Division.Short())
			if !e.At.After(at(2025, 11, 1, 0)) || e.At.After(now) || !strings.HasPrefix(e.Actor.ID, "demo-") {
				t.Errorf("%s: step %+v", ap.Division.Short(), e)
			}
		}
		got = append(got, row{ap.Division.Short(), ap.State, ap.Stale, strings.Join(steps, " ")})
	}
	want := []row{
		{"371502001", approval.StateReturned, false, "submit@371502001 return@371502"},
		{keys[1].Division.Short(), approval.StateSubmitted, false, "submit@" + keys[1].Division.Short()},
		{keys[2].Division.Short(), approval.StateApproved, false, "submit@" + keys[2].Division.Short() + " approve@371502"},
		{keys[3].Division.Short(), approval.StateAccepted, false, "submit@" + keys[3].Division.Short() + " approve@371502 accept@3715"},
		{keys[4].Division.Short(), approval.StateApproved, true, "submit@" + keys[4].Division.Short() + " approve@371502"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the demo's approvals (-want +got):\n%s", diff)
	}
	townships := len(healthedu.DefaultRegistry().Children(demoApprovalCounty))
	wantCount := map[string]int{"unsubmitted": townships - 5, "submitted": 1, "approved": 2, "accepted": 1, "returned": 1}
	if diff := cmp.Diff(wantCount, a.Count); diff != "" {
		t.Errorf("count (-want +got):\n%s", diff)
	}
	if r := a.Approvals[0].History[1].Reason; a.Approvals[0].Division.Short() != "371502001" || r != demoReturnReason {
		t.Errorf("the return of 古楼街道: %q", r)
	}

	// Over approved data, the approved and the accepted months count;
	// the stale one, like those not approved, does not.
	reporting := func(approved string) int {
		t.Helper()
		path := "/v1/indicators?under=371502&period=202510&indicators=child-health-management-rate"
		if approved != "" {
			path += "&approved=" + approved
		}
		var ind wire.Indicators
		h.request("GET", path, "", nil).json(t, &ind)
		if len(ind.Rows) != 1 {
			t.Fatalf("%s: %+v", path, ind)
		}
		return ind.Rows[0].Coverage.Reporting
	}
	if all, approved, accepted := reporting(""), reporting("approved"), reporting("accepted"); all <= 5 || approved != 2 || accepted != 1 {
		t.Errorf("units reporting: %d over all data, %d approved, %d accepted", all, approved, accepted)
	}

	// The tokens printed: an approver of 东昌府区 and one of 聊城市.
	var tt tokenTable
	lines := demoTokens(&tt, lastDueMonth(now, indicators.DefaultDeadlineDay))
	roles := make(map[string]bool)
	for _, l := range lines {
		if _, rest, ok := strings.Cut(l, "Bearer "); ok {
			if p := tt.lookup(strings.Fields(rest)[0]); p != nil {
				roles[string(p.Role)+" "+p.Division.Short()] = true
			}
		}
	}
	if diff := cmp.Diff(map[string]bool{"admin 37": true, "submitter 371502001": true, "approver 371502": true, "approver 3715": true}, roles); diff != "" {
		t.Errorf("the demo's tokens (-want +got):\n%s\n%s", diff, strings.Join(lines, "\n"))
	}
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "/v1/approvals?under=371502&period=202510") {
		t.Errorf("last line %q", last)
	}
}
