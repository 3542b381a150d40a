package grid_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

func loopEvent(id, campaign string, s grid.Stage, at time.Time, households, improved int64) *grid.LoopEvent {
	return &grid.LoopEvent{Header: header(grid.KindLoopEvent, id), Campaign: campaign, Stage: s, At: at,
		Households: households, Improved: improved}
}

func TestLoop(t *testing.T) {
	f := newFixture(t)
	day := 24 * time.Hour
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c1"), Grid: "g1", TargetGroup: "elderly",
		Title: "冬季呼吸道疾病防治", Opened: t0})
	steps := []struct {
		name string
		ev   *grid.LoopEvent
		want []issueSummary
	}{
		{"skip to education", loopEvent("e0", "c1", grid.StagePreciseEducation, t0.Add(day), 40, 0), []issueSummary{
			{"error", "loop.transition", "/stage", map[string]any{"stage": "precise-education", "expected": "needs-survey"}},
		}},
		{"unknown campaign", loopEvent("e0", "c9", grid.StageNeedsSurvey, t0.Add(day), 40, 0), []issueSummary{
			{"error", "loop.campaignUnknown", "/campaign", map[string]any{"value": "c9"}},
		}},
		{"before the campaign opened", loopEvent("e0", "c1", grid.StageNeedsSurvey, t0.Add(-time.Second), 40, 0), []issueSummary{
			{"error", "loop.timeOrder", "/at", map[string]any{"at": "2025-09-30T23:59:59+08:00", "since": "2025-10-01T00:00:00+08:00"}},
		}},
		{"survey done on its due day", loopEvent("e1", "c1", grid.StageNeedsSurvey, t0.Add(14*day), 120, 0), nil},
		{"survey again", loopEvent("e1b", "c1", grid.StageNeedsSurvey, t0.Add(15*day), 120, 0), []issueSummary{
			{"error", "loop.transition", "/stage", map[string]any{"stage": "needs-survey", "expected": "content-tailoring"}},
		}},
		{"resubmitted", loopEvent("e1", "c1", grid.StageNeedsSurvey, t0.Add(14*day), 120, 0), []issueSummary{
			{"information", "loop.duplicate", "", map[string]any{"event": "e1", "campaign": "c1"}},
		}},
		{"tailoring late", loopEvent("e2", "c1", grid.StageContentTailoring, t0.Add(21*day+time.Second), 0, 0), []issueSummary{
			{"warning", "loop.late", "/at", map[string]any{"stage": "content-tailoring", "due": "2025-10-22T00:00:00+08:00",
				"at": "2025-10-22T00:00:01+08:00"}},
		}},
		{"improved before tracking", loopEvent("e3", "c1", grid.StagePreciseEducation, t0.Add(30*day), 100, 5), []issueSummary{
			{"error", "loop.improvedStage", "/improved", map[string]any{"stage": "precise-education"}},
		}},
		{"education", loopEvent("e3", "c1", grid.StagePreciseEducation, t0.Add(30*day), 100, 0), nil},
		{"more improved than tracked", loopEvent("e4", "c1", grid.StageEffectTracking, t0.Add(40*day), 80, 81), []issueSummary{
			{"error", "loop.improved", "/improved", map[string]any{"improved": int64(81), "households": int64(80)}},
		}},
		{"tracking", loopEvent("e4", "c1", grid.StageEffectTracking, t0.Add(40*day), 80, 52), nil},
		{"after the end", loopEvent("e5", "c1", grid.StageEffectTracking, t0.Add(41*day), 80, 52), []issueSummary{
			{"error", "loop.finished", "/stage", map[string]any{"campaign": "c1", "stage": "effect-tracking"}},
		}},
	}
	for _, s := range steps {
		if diff := cmp.Diff(s.want, summarize(f.reg.Add(s.ev))); diff != "" {
			t.Errorf("%s: Add (-want +got):\n%s", s.name, diff)
		}
	}
	var stages []grid.Stage
	for _, ev := range f.reg.Loop().Events("c1") {
		stages = append(stages, ev.Stage)
	}
	if diff := cmp.Diff([]grid.Stage{grid.StageNeedsSurvey, grid.StageContentTailoring, grid.StagePreciseEducation, grid.StageEffectTracking}, stages); diff != "" {
		t.Errorf("Events (-want +got):\n%s", diff)
	}
	p, _ := f.reg.Loop().Progress("c1")
	if !p.Done || p.Stage != "" || !p.Due.IsZero() {
		t.Errorf("Progress = %+v, want done", p)
	}
}

func TestLoopOverdue(t *testing.T) {
	f := newFixture(t)
	day := 24 * time.Hour
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c1"), Grid: "g1", TargetGroup: "chronic-patients",
		Opened: t0, StageDays: &grid.StageDays{NeedsSurvey: 7}})
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c2"), Grid: "g1", TargetGroup: "children-0-6", Opened: t0})
	got := summarize(f.reg.Add(&grid.Campaign{Header: header(grid.KindCampaign, "c3"), Grid: "g1", TargetGroup: "chronic-patients", Opened: t0}))
	if diff := cmp.Diff([]issueSummary{{"warning", "loop.concurrent", "/targetGroup",
		map[string]any{"campaign": "c1", "targetGroup": "chronic-patients"}}}, got); diff != "" {
		t.Errorf("Add(c3) (-want +got):\n%s", diff)
	}
	mustAdd(t, f.reg, loopEvent("e1", "c2", grid.StageNeedsSurvey, t0.Add(3*day), 30, 0))

	tests := []struct {
		now  time.Time
		want []issueSummary
	}{
		{t0.Add(7 * day), nil}, // c1's survey is due at that instant, not overdue
		{t0.Add(7*day + time.Nanosecond), []issueSummary{
			{"warning", "loop.overdue", "", map[string]any{"campaign": "c1", "stage": "needs-survey", "due": "2025-10-08T00:00:00+08:00"}},
		}},
		{t0.Add(14*day + time.Second), []issueSummary{
			{"warning", "loop.overdue", "", map[string]any{"campaign": "c1", "stage": "needs-survey", "due": "2025-10-08T00:00:00+08:00"}},
			{"warning", "loop.overdue", "", map[string]any{"campaign": "c2", "stage": "content-tailoring", "due": "2025-10-11T00:00:00+08:00"}},
			{"warning", "loop.overdue", "", map[string]any{"campaign": "c3", "stage": "needs-survey", "due": "2025-10-15T00:00:00+08:00"}},
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, summarize(f.reg.Loop().Overdue(tt.now))); diff != "" {
			t.Errorf("Overdue(%v) (-want +got):\n%s", tt.now, diff)
		}
	}
}

func TestLoopFigures(t *testing.T) {
	f := newFixture(t)
	day := 24 * time.Hour
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c1"), Grid: "g1", TargetGroup: "elderly", Opened: t0})
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c2"), Grid: "g1", TargetGroup: "students", Opened: t0})
	mustAdd(t, f.reg, &grid.Campaign{Header: header(grid.KindCampaign, "c3"), Grid: "g1", TargetGroup: "young-parents", Opened: t0.AddDate(0, 1, 0)})
	for _, ev := range []*grid.LoopEvent{
		loopEvent("a1", "c1", grid.StageNeedsSurvey, t0.Add(5*day), 120, 0),
		loopEvent("a2", "c1", grid.StageContentTailoring, t0.Add(9*day), 0, 0),
		loopEvent("a3", "c1", grid.StagePreciseEducation, t0.Add(20*day), 100, 0),
		loopEvent("a4", "c1", grid.StageEffectTracking, t0.Add(35*day), 90, 60), // November
		loopEvent("b1", "c2", grid.StageNeedsSurvey, t0.Add(6*day), 45, 0),
	} {
		mustAdd(t, f.reg, ev)
	}
	got := map[string]int64{}
	for _, v := range f.reg.Figures(healthedu.MustParsePeriod("202510")) {
		if v.Division != testDivision || v.Period != healthedu.MustParsePeriod("202510") {
			t.Errorf("value %+v: wrong division or period", v)
		}
		got[v.Element] = v.Value
	}
	want := map[string]int64{
		grid.ElementGrids:            1,
		grid.ElementHouseholds:       60,
		grid.ElementHealthDifficulty: 1,
		grid.ElementResidents:        5,
		grid.ElementLivingAlone:      3,
		grid.ElementSigned:           60,
		grid.ElementVisited:          0,
		grid.ElementDoctors:          1,
		grid.ElementDoctorsBelow:     0,
		grid.ElementDoctorsWithin:    1,
		grid.ElementDoctorsAbove:     0,

		grid.ElementLoopStage(grid.StageNeedsSurvey):      0,
		grid.ElementLoopStage(grid.StageContentTailoring): 1, // c2
		grid.ElementLoopStage(grid.StagePreciseEducation): 0,
		grid.ElementLoopStage(grid.StageEffectTracking):   1, // c1, tracked in November
		grid.ElementLoopDone:                              0,
		grid.ElementSurveyed:                              165,
		grid.ElementEducated:                              100,
		grid.ElementTracked:                               0,
		grid.ElementImproved:                              0,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Figures(202510) (-want +got):\n%s", diff)
	}
	nov := map[string]int64{}
	for _, v := range f.reg.Figures(healthedu.MustParsePeriod("202511")) {
		nov[v.Element] = v.Value
	}
	if nov[grid.ElementLoopDone] != 1 || nov[grid.ElementTracked] != 90 || nov[grid.ElementImproved] != 60 ||
		nov[grid.ElementLoopStage(grid.StageNeedsSurvey)] != 1 || nov[grid.ElementSurveyed] != 0 {
		t.Errorf("Figures(202511) = %v", nov)
	}
}

func TestElements(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range grid.Elements() {
		if seen[e.Code] {
			t.Errorf("element %s listed twice", e.Code)
		}
		seen[e.Code] = true
		for lang, n := range map[string]string{"zh-Hans": e.Names.ZhHans, "zh-Hant": e.Names.ZhHant, "en": e.Names.En} {
			if n == "" {
				t.Errorf("element %s: name in %s empty", e.Code, lang)
			}
		}
		if e.ValueType != healthedu.ValueCount {
			t.Errorf("element %s: value type %q, want count", e.Code, e.ValueType)
		}
		// The flows (流量) are summed over time; every other element is a
		// stock (存量), taken at the end of the period.
		want := healthedu.AggregateLast
		switch e.Code {
		case grid.ElementSurveyed, grid.ElementEducated, grid.ElementTracked, grid.ElementImproved, grid.ElementAlertsRaised:
			want = healthedu.AggregateSum
		}
		if e.Aggregation != want {
			t.Errorf("element %s: aggregation %q, want %q", e.Code, e.Aggregation, want)
		}
	}
	f := newFixture(t)
	e, err := grid.NewEngine(f.reg, grid.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	p := healthedu.MustParsePeriod("202510")
	for _, v := range append(f.reg.Figures(p), e.Figures(p)...) {
		if !seen[v.Element] {
			t.Errorf("figure of element %s, not in Elements()", v.Element)
		}
		delete(seen, v.Element)
	}
	for code := range seen {
		t.Errorf("element %s has no figure", code)
	}
}
