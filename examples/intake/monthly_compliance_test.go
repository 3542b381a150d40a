package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// complianceProposals returns the proposals of the notification m whose
// source is a compliance check, and fails t unless they all come after
// those of the figures.
func complianceProposals(t *testing.T, m wire.Monthly) []wire.ProposedRectification {
	t.Helper()
	i := slices.IndexFunc(m.Proposed, func(pr wire.ProposedRectification) bool {
		return pr.Source.Type == ledger.SourceComplianceCheck
	})
	if i < 0 {
		return nil
	}
	out := m.Proposed[i:]
	for _, pr := range out {
		if pr.Source.Type != ledger.SourceComplianceCheck {
			t.Errorf("proposal %s of the figures after those of the compliance check", pr.ID)
		}
	}
	return out
}

// proposedIDs returns the ids of proposals, in their order.
func proposedIDs(proposals []wire.ProposedRectification) []string {
	ids := []string{}
	for _, pr := range proposals {
		ids = append(ids, pr.ID)
	}
	return ids
}

// TestMonthlyComplianceProposals checks the items the monthly notification
// of 东昌府区 proposes from the compliance check of its year as of the end
// of its month. 古楼街道's centre held a lecture each month from January
// to April 2025 and did nothing else: by the end of April it meets the
// pro-rated 4 lectures of 12 a year, not the other rules; by the end of
// May it misses 5 lectures and May's. The test checks that a month not
// yet due proposes nothing; that April and May propose different items,
// with exact ids, after those of the figures; that reading May again
// later, after more lectures, proposes the same; and that a proposal
// submitted as it is is marked as on the ledger.
func TestMonthlyComplianceProposals(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		var lectures []*healthedu.Activity
		for m := time.January; m <= time.April; m++ {
			lectures = append(lectures, complianceActivity(fmt.Sprintf("C-%02d", m), complianceCentre, healthedu.FormLecture, m, 12, nil))
		}
		h.clock.Set(at(2025, 5, 2, 9))
		if sm := h.submit(tokenGulou, ndjsonOf(t, lectures)).summary(t); sm.Imported != len(lectures) {
			t.Fatalf("submission: %+v %+v", countsOf(sm), sm.Issues)
		}

		// April before its deadline, 10 May: nothing is proposed.
		h.clock.Set(at(2025, 5, 8, 0))
		if got := getMonthly(t, h, tokenCounty, "371502", "202504"); got.Proposed == nil || len(got.Proposed) != 0 {
			t.Errorf("April before the deadline: %v", proposedIDs(got.Proposed))
		}

		const centre = "12371502MB2854374B"
		april := []string{
			"auto-202504-" + centre + "-c-printedKinds",
			"auto-202504-" + centre + "-c-audioVisualKinds",
			"auto-202504-" + centre + "-c-boards",
			"auto-202504-" + centre + "-c-consultations",
		}
		may := []string{
			"auto-202505-" + centre + "-c-printedKinds",
			"auto-202505-" + centre + "-c-audioVisualKinds",
			"auto-202505-" + centre + "-c-boards",
			"auto-202505-" + centre + "-c-lectures",
			"auto-202505-" + centre + "-c-lectureGap",
			"auto-202505-" + centre + "-c-consultations",
		}
		h.clock.Set(at(2025, 7, 1, 0))
		for _, tc := range []struct {
			month string
			want  []string
		}{{"202504", april}, {"202505", may}} {
			m := getMonthly(t, h, tokenCounty, "371502", tc.month)
			if diff := cmp.Diff(tc.want, proposedIDs(complianceProposals(t, m))); diff != "" {
				t.Errorf("%s: compliance proposals (-want +got):\n%s", tc.month, diff)
			}
			if len(m.Proposed) == len(tc.want) {
				t.Errorf("%s: no proposal of the figures (the townships' missing reports)", tc.month)
			}
		}

		first := getMonthly(t, h, tokenCounty, "371502", "202505")
		got := complianceProposals(t, first)
		i := slices.IndexFunc(got, func(pr wire.ProposedRectification) bool { return strings.HasSuffix(pr.ID, "-c-lectures") })
		if i < 0 {
			t.Fatalf("May proposes no item of the lectures: %v", proposedIDs(got))
		}
		lecturesItem := got[i]
		want := &ledger.Rectification{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: "auto-202505-" + centre + "-c-lectures"},
			Division: code("371502001"),
			Source:   ledger.Source{Type: ledger.SourceComplianceCheck, Period: healthedu.MustParsePeriod("202505")},
			Problem:  "本年度举办健康知识讲座4次，少于规范要求的5次（全年不少于12次，按已过5个月折算）",
			Finding: &ledger.Finding{Code: "compliance.lectures", Params: map[string]string{
				"value": "4", "required": "5", "norm": "12", "months": "5",
			}},
			Owner:    ledger.Owner{CreditCode: complianceCentre.CreditCode, Name: complianceCentre.Name},
			Deadline: mustDate("2025-07-10"), // June's report
			Status:   ledger.StatusOpen,
			History: []ledger.Event{{At: at(2025, 6, 1, 0), Status: ledger.StatusOpen,
				Actor: ledger.Actor{Division: code("371502"), Role: "platform", ID: ledger.ProposeActorID}}},
		}
		if diff := cmp.Diff(want, lecturesItem.Record, cmpLedger...); diff != "" {
			t.Errorf("the item of the lectures (-want +got):\n%s", diff)
		}
		// As the API lists it: in English, from its finding; the owner by
		// name; the source named.
		if p := lecturesItem.Problem; !strings.Contains(p, "lecture") || strings.ContainsAny(p, "讲座") {
			t.Errorf("the problem in English: %q", p)
		}
		if lecturesItem.SourceName != "compliance check" || lecturesItem.DivisionName != "古楼街道" || lecturesItem.Stored {
			t.Errorf("the item of the lectures as listed: %q %q stored %v", lecturesItem.SourceName, lecturesItem.DivisionName, lecturesItem.Stored)
		}

		// Later, with lectures held since: May is judged as of its end
		// still, and proposes the same, to the byte but for being overdue.
		var later []*healthedu.Activity
		for m := time.May + 1; m <= time.November; m++ {
			later = append(later, complianceActivity(fmt.Sprintf("C-%02d", m), complianceCentre, healthedu.FormLecture, m, 12, nil))
		}
		h.clock.Set(at(2025, 12, 1, 0))
		if sm := h.submit(tokenGulou, ndjsonOf(t, later)).summary(t); sm.Imported != len(later) {
			t.Fatalf("submission: %+v %+v", countsOf(sm), sm.Issues)
		}
		again := getMonthly(t, h, tokenCounty, "371502", "202505")
		for _, m := range []*wire.Monthly{&first, &again} {
			for i := range m.Proposed {
				m.Proposed[i].Overdue, m.Proposed[i].DaysOverdue = false, 0
			}
		}
		if diff := cmp.Diff(complianceProposals(t, first), complianceProposals(t, again), cmpLedger...); diff != "" {
			t.Errorf("May again, later (-first +again):\n%s", diff)
		}

		// The county accepts the item of the lectures as it is: it is
		// marked as on the ledger, the others are not.
		if sm := h.submit(tokenCounty, itemLine(t, lecturesItem.Record)).summary(t); sm.Imported != 1 {
			t.Fatalf("accepting: %+v %+v", countsOf(sm), sm.Issues)
		}
		m := getMonthly(t, h, tokenCounty, "371502", "202505")
		for _, pr := range m.Proposed {
			if stored := pr.ID == lecturesItem.ID; pr.Stored != stored || stored && pr.StoredStatus != ledger.StatusOpen {
				t.Errorf("proposal %s: stored %v %q", pr.ID, pr.Stored, pr.StoredStatus)
			}
		}
		body, _ := json.Marshal(m)
		checkSchema(t, "MonthlyReport", body)
	})
}

// TestMonthlyComplianceOutsideUnder checks that the notification of a
// division leaves out the items of an institution that serves a division
// not within it: a centre whose service area is all 东昌府区 held a
// lecture in 古楼街道, so 古楼's activities hold it, but its problems are
// filed in 东昌府区 — proposed by the notification of 东昌府区, not by
// 古楼's, whose token could not submit them.
func TestMonthlyComplianceOutsideUnder(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		district := complianceCentre
		district.CreditCode, district.Name, district.Division = complianceLiuyuan.CreditCode, "东昌府区社区卫生服务中心", code("371502")
		visit := complianceActivity("L-05", district, healthedu.FormLecture, time.May, 6, nil)
		visit.Division = code("371502001")
		h.clock.Set(at(2025, 6, 2, 9))
		if sm := h.submit(tokenGulou, ndjsonOf(t, []*healthedu.Activity{visit})).summary(t); sm.Imported != 1 {
			t.Fatalf("submission: %+v %+v", countsOf(sm), sm.Issues)
		}
		h.clock.Set(at(2025, 7, 1, 0))
		for _, tc := range []struct {
			token, under string
			want         int // proposals of the compliance check
		}{{tokenGulou, "371502001", 0}, {tokenCounty, "371502", 6}} {
			m := getMonthly(t, h, tc.token, tc.under, "202505")
			n := 0
			for _, pr := range complianceProposals(t, m) {
				if pr.Division != code("371502") || pr.Owner.CreditCode != district.CreditCode {
					t.Errorf("%s: proposal %s in %s of %s", tc.under, pr.ID, pr.Division, pr.Owner.CreditCode)
				}
				n++
			}
			if n != tc.want {
				t.Errorf("%s: %d proposals of the compliance check, want %d", tc.under, n, tc.want)
			}
		}
	})
}
