package grid_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// households returns the IDs h01… of n households.
func households(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("h%02d", i+1)
	}
	return out
}

func TestTeamComposition(t *testing.T) {
	leader := grid.TeamMember{ID: "L1", Name: "王", Role: grid.RoleGridLeader}
	doctor := grid.TeamMember{ID: "D1", Name: "李", Role: grid.RoleFamilyDoctor, DaysInCommunity: 3, SignedHouseholds: households(60)}
	volunteer := grid.TeamMember{ID: "V1", Name: "张", Role: grid.RoleHealthVolunteer}
	partner := func(id string, k grid.PartnerKind) grid.TeamMember {
		return grid.TeamMember{ID: id, Name: "伙伴" + id, Role: grid.RolePartner, Partner: k}
	}
	tests := []struct {
		name    string
		members []grid.TeamMember
		want    []issueSummary
	}{
		{"1+1+1+0", []grid.TeamMember{leader, doctor, volunteer}, nil},
		{"1+1+1+3", []grid.TeamMember{leader, doctor, volunteer,
			partner("P1", grid.PartnerCommunityHealthCentre), partner("P2", grid.PartnerSocialOrganisation),
			partner("P3", grid.PartnerCaringEnterprise)}, nil},
		{"no leader", []grid.TeamMember{doctor, volunteer}, []issueSummary{
			{"error", "team.leaderCount", "/members", map[string]any{"count": 0}},
		}},
		{"two leaders", []grid.TeamMember{leader, {ID: "L2", Name: "赵", Role: grid.RoleGridLeader}, doctor, volunteer}, []issueSummary{
			{"error", "team.leaderCount", "/members", map[string]any{"count": 2}},
		}},
		{"no doctor, two volunteers", []grid.TeamMember{leader, volunteer, {ID: "V2", Name: "钱", Role: grid.RoleHealthVolunteer}}, []issueSummary{
			{"error", "team.doctorCount", "/members", map[string]any{"count": 0}},
			{"error", "team.volunteerCount", "/members", map[string]any{"count": 2}},
		}},
		{"empty", nil, []issueSummary{
			{"error", "team.leaderCount", "/members", map[string]any{"count": 0}},
			{"error", "team.doctorCount", "/members", map[string]any{"count": 0}},
			{"error", "team.volunteerCount", "/members", map[string]any{"count": 0}},
		}},
		{"partner without kind", []grid.TeamMember{leader, doctor, volunteer, partner("P1", "")}, []issueSummary{
			{"error", "team.partnerKind", "/members/3/partner", map[string]any{"member": "P1"}},
		}},
		{"partner kind on the volunteer", []grid.TeamMember{leader, doctor,
			{ID: "V1", Name: "张", Role: grid.RoleHealthVolunteer, Partner: grid.PartnerCaringEnterprise}}, []issueSummary{
			{"error", "team.partnerUnexpected", "/members/2/partner", map[string]any{"member": "V1", "role": "health-volunteer"}},
		}},
		{"households signed by the leader", []grid.TeamMember{
			{ID: "L1", Name: "王", Role: grid.RoleGridLeader, SignedHouseholds: []string{"h01"}}, doctor, volunteer}, []issueSummary{
			{"error", "team.doctorOnly", "/members/0/signedHouseholds", map[string]any{"member": "L1", "field": "signedHouseholds"}},
		}},
		{"member ID twice", []grid.TeamMember{leader, doctor, volunteer, partner("L1", grid.PartnerSocialOrganisation)}, []issueSummary{
			{"error", "team.memberDuplicate", "/members/3/id", map[string]any{"member": "L1"}},
		}},
		{"unknown role", []grid.TeamMember{leader, doctor, volunteer, {ID: "X", Name: "X", Role: "mayor"}}, []issueSummary{
			{"error", "value.invalid", "/members/3/role", nil},
		}},
		{"doctor one day a week", []grid.TeamMember{leader,
			{ID: "D1", Name: "李", Role: grid.RoleFamilyDoctor, DaysInCommunity: 1, SignedHouseholds: households(60)}, volunteer}, []issueSummary{
			{"warning", "team.doctorDays", "/members/1/daysInCommunity", map[string]any{"doctor": "D1", "days": 1, "min": 2}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			team := &grid.GridTeam{Header: header(grid.KindGridTeam, "t1"), Grid: "g1", Members: tt.members}
			if diff := cmp.Diff(tt.want, summarize(team.Check(new(healthedu.Validator)))); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDoctorLoad(t *testing.T) {
	tests := []struct {
		households int
		want       []issueSummary
	}{
		{49, []issueSummary{{"warning", "team.doctorLoadLow", "/members/1/signedHouseholds",
			map[string]any{"doctor": "D1", "households": 49, "min": 50}}}},
		{50, nil},
		{65, nil},
		{80, nil},
		{81, []issueSummary{{"warning", "team.doctorLoadHigh", "/members/1/signedHouseholds",
			map[string]any{"doctor": "D1", "households": 81, "max": 80}}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.households), func(t *testing.T) {
			team := testTeam("t1", "g1", households(tt.households))
			got := grid.DefaultTeamRules().Check(team)
			if diff := cmp.Diff(tt.want, summarize(got)); diff != "" {
				t.Errorf("Check() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDoctorLoadMessages(t *testing.T) {
	team := testTeam("t1", "g1", households(49))
	issues := grid.DefaultTeamRules().Check(team)
	if len(issues) != 1 {
		t.Fatalf("Check: %v", issues)
	}
	want := map[string]string{
		"zh-Hans": "家庭医生“D1”签约49户，少于50户的下限",
		"zh-Hant": "家庭醫師「D1」簽約 49 戶，少於 50 戶的下限",
		"en":      "Family doctor \"D1\" signs 49 households, fewer than the minimum of 50",
	}
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		if got := issues[0].Message(healthedu.MatchLanguage(lang)); got != want[lang] {
			t.Errorf("Message(%s) = %q, want %q", lang, got, want[lang])
		}
	}
}

func TestRegisterTeam(t *testing.T) {
	f := newFixture(t)
	mustAdd(t, f.reg, &grid.Grid{Header: header(grid.KindGrid, "g2"), Name: "东关社区第4网格", Division: testDivision})
	mustAdd(t, f.reg, &grid.Household{Header: header(grid.KindHousehold, "k01"), Grid: "g2"})

	// A team for g2 that signs a household of g1 (already signed by D1),
	// its own household, and one that does not exist.
	team := testTeam("t2", "g2", []string{"h01", "k01", "zz"})
	team.Members[1].ID = "D2"
	got := summarize(f.reg.Add(team))
	want := []issueSummary{
		{"warning", "team.doctorLoadLow", "/members/1/signedHouseholds", map[string]any{"doctor": "D2", "households": 3, "min": 50}},
		{"warning", "team.signedOtherGrid", "/members/1/signedHouseholds/0", map[string]any{"household": "h01", "grid": "g1"}},
		{"error", "grid.householdUnknown", "/members/1/signedHouseholds/2", map[string]any{"value": "zz"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Add(team) (-want +got):\n%s", diff)
	}
	if _, ok := f.reg.Team("g2"); ok {
		t.Errorf("team with an error was added")
	}

	// A second team for g1 under another ID.
	got = summarize(f.reg.Add(testTeam("t9", "g1", households(60))))
	want = []issueSummary{{"error", "team.gridTaken", "/grid", map[string]any{"grid": "g1", "team": "t1"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Add(second team) (-want +got):\n%s", diff)
	}
}

func TestUnvisited(t *testing.T) {
	f := newFixture(t)
	visit := func(id, household, doctor string, at time.Time) []healthedu.Issue {
		return f.reg.Add(&grid.HouseholdVisit{Header: header(grid.KindHouseholdVisit, id), Household: household, Doctor: doctor, At: at})
	}
	// D1 visits every household in October but h07, h08, h09 and h10:
	//   h07 was visited on 30 September at 23:59 Beijing time;
	//   h08 was visited on 1 November at 00:00 Beijing time;
	//   h09 was visited in October, but by another doctor;
	//   h10 was not visited at all.
	for i, h := range households(60) {
		switch h {
		case "h07":
			visit("v07", h, "D1", t0.Add(-time.Minute))
		case "h08":
			visit("v08", h, "D1", t0.AddDate(0, 1, 0))
		case "h09":
			if got := summarize(visit("v09", h, "D9", t0.Add(time.Hour))); !cmp.Equal(got, []issueSummary{
				{"warning", "team.visitUnsigned", "/doctor", map[string]any{"doctor": "D9", "household": "h09"}},
			}) {
				t.Errorf("visit by D9: %v", got)
			}
		case "h10":
		default:
			// The last instant of October in Beijing, 16:59:59.999 UTC.
			at := t0.AddDate(0, 1, 0).Add(-time.Millisecond).UTC().Add(-time.Duration(i) * time.Hour)
			mustAdd(t, f.reg, &grid.HouseholdVisit{Header: header(grid.KindHouseholdVisit, "v"+h), Household: h, Doctor: "D1", At: at})
		}
	}
	october := healthedu.MustParsePeriod("202510")
	want := []grid.UnvisitedHousehold{
		{Grid: "g1", Doctor: "D1", Household: "h07"},
		{Grid: "g1", Doctor: "D1", Household: "h08"},
		{Grid: "g1", Doctor: "D1", Household: "h09"},
		{Grid: "g1", Doctor: "D1", Household: "h10"},
	}
	if diff := cmp.Diff(want, f.reg.Unvisited(october)); diff != "" {
		t.Errorf("Unvisited(202510) (-want +got):\n%s", diff)
	}
	gotIssues := summarize(f.reg.CheckVisits(october))
	if len(gotIssues) != 4 || !cmp.Equal(gotIssues[3], issueSummary{"warning", "team.visitMissing", "",
		map[string]any{"doctor": "D1", "household": "h10", "period": "202510"}}) {
		t.Errorf("CheckVisits(202510) = %v", gotIssues)
	}
	// In November only h08 was visited.
	if got := len(f.reg.Unvisited(healthedu.MustParsePeriod("202511"))); got != 59 {
		t.Errorf("Unvisited(202511): %d households, want 59", got)
	}
	// A resubmitted visit replaces the first: moving v08 into October.
	mustAdd(t, f.reg, &grid.HouseholdVisit{Header: header(grid.KindHouseholdVisit, "v08"), Household: "h08", Doctor: "D1", At: t0})
	if got := len(f.reg.Unvisited(october)); got != 3 {
		t.Errorf("Unvisited(202510) after resubmission: %d households, want 3", got)
	}
	if got := len(f.reg.Unvisited(healthedu.MustParsePeriod("202511"))); got != 60 {
		t.Errorf("Unvisited(202511) after resubmission: %d households, want 60", got)
	}
}
