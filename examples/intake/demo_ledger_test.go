package main

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// TestDemoLedger seeds the demonstration on 20 November 2025 and checks its
// ledger: items of every status, some overdue, from the notifications of
// September and October 2025, from the compliance check as of the end of
// October (one rectifying, one verified) and an inspection; those of
// October marked as on the ledger among October's proposals; and the same
// ledger seeded again from the same records at the same instant.
func TestDemoLedger(t *testing.T) {
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
	cfg := config{DeadlineDay: 10}
	n, err := seedDemoLedger(ctx, st, cfg, testKey, now, log)
	if err != nil || n < 10 {
		t.Fatalf("seeded %d items, %v", n, err)
	}
	h := newHarness(t, st, func(c *config) { c.PublicReads, c.DefaultDivision = true, demoDivision })
	h.clock.Set(now)
	var a wire.Rectifications
	h.request("GET", "/v1/rectifications?under=3715", "", nil).json(t, &a)
	s := a.Summary
	if s.Total != n || s.ByStatus.Open == 0 || s.ByStatus.Rectifying == 0 || s.ByStatus.Rectified == 0 || s.ByStatus.Verified == 0 ||
		s.ByStatus.Reopened == 0 || s.Overdue < 3 || s.Overdue > s.Open/2+1 {
		t.Errorf("demo ledger of %d items: %+v", n, s)
	}
	sources := make(map[string]int)
	var compliance []string
	for _, it := range a.Items {
		key := string(it.Source.Type)
		if it.Source.Period.IsValid() {
			key += " " + it.Source.Period.String()
		}
		sources[key]++
		if it.Source.Type == ledger.SourceComplianceCheck {
			compliance = append(compliance, string(it.Status))
			if !it.Owner.CreditCode.IsValid() || it.Owner.Name == "" || it.Finding == nil {
				t.Errorf("compliance item %s: owner %+v, finding %+v", it.ID, it.Owner, it.Finding)
			}
		}
		if it.Status != ledger.StatusOpen && it.Status != ledger.StatusVerified && it.Owner.CreditCode.IsValid() == (it.Owner.Name == "") {
			t.Errorf("item %s owned by %+v", it.ID, it.Owner)
		}
	}
	if sources["monthlyNotification 202509"] < 3 || sources["monthlyNotification 202510"] == 0 || sources["inspection"] != 1 ||
		sources["complianceCheck 202510"] != 2 {
		t.Errorf("sources: %v", sources)
	}
	slices.Sort(compliance)
	if diff := cmp.Diff([]string{"rectifying", "verified"}, compliance); diff != "" {
		t.Errorf("the statuses of the compliance items (-want +got):\n%s", diff)
	}

	var m wire.Monthly
	h.request("GET", "/v1/reports/monthly?under=3715&period=202510", "", nil).json(t, &m)
	stored := make(map[ledger.SourceType]int)
	for _, pr := range m.Proposed {
		if pr.Stored {
			stored[pr.Source.Type]++
		}
	}
	if stored[ledger.SourceMonthlyNotification] != sources["monthlyNotification 202510"] || stored[ledger.SourceComplianceCheck] != 2 {
		t.Errorf("October proposes %d items, on the ledger %v; seeded %v", len(m.Proposed), stored, sources)
	}

	// The counts alone: the same notification without its proposals,
	// and a value of proposed that is no boolean refused.
	var counts wire.Monthly
	ans := h.request("GET", "/v1/reports/monthly?under=3715&period=202510&proposed=false", "", nil)
	ans.json(t, &counts)
	if strings.Contains(string(ans.body), `"proposed"`) || counts.Received != m.Received || counts.Completeness != m.Completeness || len(counts.Indicators) != len(m.Indicators) {
		t.Errorf("proposed=false: %d received, completeness %s, %d indicators, proposals in the answer %v; with them: %d, %s, %d",
			counts.Received, counts.Completeness, len(counts.Indicators), strings.Contains(string(ans.body), `"proposed"`), m.Received, m.Completeness, len(m.Indicators))
	}
	if ans := h.request("GET", "/v1/reports/monthly?under=3715&period=202510&proposed=some", "", nil); ans.status != 400 || ans.problemCode(t) != codeBoolParam {
		t.Errorf("proposed=some: %d %s", ans.status, ans.body)
	}

	// Again: the same items, to the byte, so nothing changes.
	before, _ := st.Generation(ctx)
	if _, err := seedDemoLedger(ctx, st, cfg, testKey, now, log); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Generation(ctx); after != before {
		t.Errorf("seeding the ledger again changed it (generation %d → %d)", before, after)
	}
	if !strings.HasPrefix(demoInspection(now).ID, "insp-2025-10-11-") || !demoTownship.Contains(healthedu.MustParseDivisionCode("371502001")) {
		t.Errorf("inspection %s", demoInspection(now).ID)
	}
}
