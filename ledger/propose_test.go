package ledger_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

func TestPropose(t *testing.T) {
	now := at(2025, 11, 12, 9, 0)
	ownerOf := func(d healthedu.DivisionCode) ledger.Owner {
		if d == township {
			return ledger.Owner{Name: "古楼街道社区卫生服务中心", Role: "community-health-centre"}
		}
		return ledger.Owner{}
	}
	got := ledger.Propose(octoberResults(t, now), ledger.ProposeOptions{Now: now, Owner: ownerOf})

	opener := ledger.Actor{Division: county, Role: "platform", ID: ledger.ProposeActorID}
	openedAt := at(2025, 11, 11, 0, 0) // October's reports became due
	oct := ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202510")}
	target := healthedu.DecimalFromInt(85)
	base := func(id string, d healthedu.DivisionCode) *ledger.Rectification {
		return &ledger.Rectification{
			Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: id},
			Division: d, Source: oct,
			Owner:    ledger.Owner{Role: ledger.RoleReportingUnit},
			Deadline: mustDate(2025, 12, 10),
			Status:   ledger.StatusOpen,
			History:  []ledger.Event{{At: openedAt, Status: ledger.StatusOpen, Actor: opener}},
		}
	}
	below := base("auto-202510-371502001000-t-child-health-management-rate", township)
	below.Owner = ownerOf(township)
	below.Indicator, below.Target = "child-health-management-rate", &target
	below.Finding = &ledger.Finding{Code: "ledger.belowTarget", Params: map[string]string{
		"indicator": "child-health-management-rate", "period": "202510", "value": "80.00",
		"direction": "≥", "target": "85", "gap": "-5.00",
	}}
	below.Problem = "202510“0～6岁儿童健康管理率”为80.00，未达到目标值（≥85），差距-5.00"

	flagged := base("auto-202510-371502002000-f-child-health-management-rate-b76377f9", sibling)
	flagged.Indicator = "child-health-management-rate"
	flagged.Finding = &ledger.Finding{Code: "indicator.aboveMaximum", Params: map[string]string{
		"indicator": "child-health-management-rate", "value": "110.00", "maximum": "100",
	}}
	flagged.Problem = "指标“0～6岁儿童健康管理率”的值110.00超过上限100，请核对所用数据"

	missing := base("auto-202510-371502002000-m-report-completeness", sibling)
	missing.Indicator = "report-completeness"
	missing.Finding = &ledger.Finding{Code: "ledger.reportMissing", Params: map[string]string{
		"period": "202510", "missing": "1", "expected": "1",
	}}
	missing.Problem = "202510月报应报1份，缺报1份，请尽快补报"

	want := []*ledger.Rectification{below, flagged, missing}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("Propose (-want +got):\n%s", diff)
	}

	// Each proposal is a valid record.
	v := &healthedu.Validator{Now: now}
	for _, r := range got {
		if issues := v.Validate(r); len(issues) > 0 {
			t.Errorf("%s: %v", r.ID, codesOf(issues))
		}
		if len(r.ID) > 64 {
			t.Errorf("%s: ID longer than 64", r.ID)
		}
		if issues := r.CheckCatalogue(indicators.DefaultCatalogue()); len(issues) > 0 {
			t.Errorf("%s: %v", r.ID, codesOf(issues))
		}
	}
	if m := flagged.Finding.Message(healthedu.MatchLanguage("en"), indicators.DefaultCatalogue()); m !=
		`The value 110.00 of indicator "0–6 child health management rate" exceeds its maximum 100: check the figures it comes from` {
		t.Errorf("English finding: %s", m)
	}
}

// TestProposeIdempotent: proposing again, later, over the same month
// proposes the same items, and merging them into the ledger changes
// nothing — even after the owner has acted on one.
func TestProposeIdempotent(t *testing.T) {
	first := ledger.Propose(octoberResults(t, at(2025, 11, 12, 9, 0)), ledger.ProposeOptions{Now: at(2025, 11, 12, 9, 0)})
	later := at(2025, 11, 20, 9, 0)
	again := ledger.Propose(octoberResults(t, later), ledger.ProposeOptions{Now: later})
	if diff := cmp.Diff(first, again, cmpOpts); diff != "" {
		t.Errorf("re-proposal differs (-first +again):\n%s", diff)
	}
	if len(first) != 3 {
		t.Fatalf("%d proposals, want 3", len(first))
	}
	stored := map[string]*ledger.Rectification{}
	for _, r := range first {
		stored[r.ID] = r
	}
	acted := stored[first[0].ID].Clone()
	if is := acted.Transition(ledger.Event{At: at(2025, 11, 14, 9, 0), Status: ledger.StatusRectifying, Actor: owner}); len(is) > 0 {
		t.Fatal(codesOf(is))
	}
	stored[acted.ID] = acted
	for _, r := range again {
		merged, ch, issues := ledger.Merge(stored[r.ID], r)
		if ch.Changed() || len(issues) > 0 {
			t.Errorf("%s: merging the re-proposal: %+v %v", r.ID, ch, codesOf(issues))
		}
		if diff := cmp.Diff(stored[r.ID], merged, cmpOpts); diff != "" {
			t.Errorf("%s: (-stored +merged):\n%s", r.ID, diff)
		}
	}
}

func TestProposeOptions(t *testing.T) {
	now := at(2025, 11, 12, 9, 0)
	res := octoberResults(t, now)
	deadline := mustDate(2025, 11, 30)
	inspector := ledger.Actor{Division: city, Role: "city-inspection", ID: "lc-insp-1"}
	got := ledger.Propose(res, ledger.ProposeOptions{
		Now: now, Deadline: deadline, Actor: inspector,
		Source: ledger.Source{Type: ledger.SourceInspection, Date: mustDate(2025, 11, 12)},
	})
	for _, r := range got {
		if r.Deadline != deadline || r.History[0].Actor != inspector || r.Source.Type != ledger.SourceInspection {
			t.Errorf("%s: options not applied: %+v", r.ID, r)
		}
	}
	if got[0].ID != "auto-2025-11-12-371502001000-t-child-health-management-rate" {
		t.Errorf("ID %s", got[0].ID)
	}

	// Before October is due, nothing is missing and nothing is proposed
	// of it; an item is opened at Now when its period is not yet due.
	early := ledger.Propose(octoberResults(t, at(2025, 11, 5, 9, 0)), ledger.ProposeOptions{Now: at(2025, 11, 5, 9, 0)})
	if len(early) != 0 {
		t.Errorf("before the deadline: %d proposals, want 0", len(early))
	}
	cat := indicators.DefaultCatalogue()
	chmr, _ := cat.Indicator("child-health-management-rate")
	year, err := newStore(t).Compute(indicators.Query{Indicators: []*indicators.Indicator{chmr},
		Divisions: []healthedu.DivisionCode{township}, Period: healthedu.MustParsePeriod("2025"), Now: now, Reporters: reporters})
	if err != nil {
		t.Fatal(err)
	}
	inYear := ledger.Propose(year, ledger.ProposeOptions{Now: now})
	if len(inYear) != 1 || !inYear[0].Opened().Equal(now) || inYear[0].Source.Type != ledger.SourceOther ||
		inYear[0].Deadline != mustDate(2026, 2, 10) {
		t.Errorf("year in progress: %+v", inYear)
	}

	// A consistency check becomes an item of the division it names.
	checks := []healthedu.Issue{healthedu.NewIssue("consistency.stock", "", map[string]any{
		"element": "children-0-6[type=x]", "division": township.String(), "value": 1200,
		"parent": county.String(), "parentValue": 1000, "period": "202510"})}
	c := ledger.Propose(nil, ledger.ProposeOptions{Now: now, Checks: checks})
	if len(c) != 1 || c[0].Division != township || c[0].Finding.Code != "consistency.stock" || len(c[0].ID) != 64 {
		t.Fatalf("consistency: %+v", c)
	}
	if issues := (&healthedu.Validator{Now: now}).Validate(c[0]); len(issues) > 0 {
		t.Errorf("consistency item: %v", codesOf(issues))
	}
}
