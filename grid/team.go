package grid

import (
	"slices"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// TeamRules are the rules a grid team (网格健康服务团队) is checked by,
// beyond its "1+1+1+N" composition. The defaults, from the plan for
// community health management, are [DefaultTeamRules].
type TeamRules struct {
	// MinHouseholds and MaxHouseholds bound the households a family doctor
	// signs (签约户数): 50 and 80.
	MinHouseholds, MaxHouseholds int
	// MinDaysInCommunity is the least number of days a week a family
	// doctor sits in the community (每周驻社区天数): 2.
	MinDaysInCommunity int
}

// DefaultTeamRules returns the rules of the plan: a family doctor signs
// 50 to 80 households and sits in the community at least 2 days a week.
func DefaultTeamRules() TeamRules {
	return TeamRules{MinHouseholds: 50, MaxHouseholds: 80, MinDaysInCommunity: 2}
}

// Check reports what is wrong with team t on its own, with paths relative
// to the record:
//
//   - errors: not exactly one grid leader ("team.leaderCount"), family
//     doctor ("team.doctorCount") or health volunteer
//     ("team.volunteerCount"); a member ID used twice
//     ("team.memberDuplicate"); a partner without its kind
//     ("team.partnerKind") or a partner kind on another role
//     ("team.partnerUnexpected"); signed households or days in the
//     community on a member who is not the family doctor
//     ("team.doctorOnly"); a missing field ("grid.required");
//   - warnings, with the numbers: a family doctor who signs fewer than
//     MinHouseholds households ("team.doctorLoadLow") or more than
//     MaxHouseholds ("team.doctorLoadHigh"), or sits in the community fewer
//     than MinDaysInCommunity days a week ("team.doctorDays").
//
// Whether the signed households exist and belong to the grid is checked
// by [Register.Add], and the monthly visits by [Register.Unvisited].
func (rules TeamRules) Check(t *GridTeam) []healthedu.Issue {
	issues := requireText(nil, t.Grid, "grid")
	var count [4]int // leaders, doctors, volunteers, partners
	for i, m := range t.Members {
		at := func(field string) string { return healthedu.Pointer("members", strconv.Itoa(i), field) }
		if m.ID == "" {
			issues = append(issues, healthedu.NewIssue("grid.required", at("id"), map[string]any{"field": "id"}))
		}
		if m.Name == "" {
			issues = append(issues, healthedu.NewIssue("grid.required", at("name"), map[string]any{"field": "name"}))
		}
		if m.ID != "" && slices.ContainsFunc(t.Members[:i], func(o TeamMember) bool { return o.ID == m.ID }) {
			issues = append(issues, healthedu.NewIssue("team.memberDuplicate", at("id"), map[string]any{"member": m.ID}))
		}
		switch m.Role {
		case RoleGridLeader:
			count[0]++
		case RoleFamilyDoctor:
			count[1]++
		case RoleHealthVolunteer:
			count[2]++
		case RolePartner:
			count[3]++
		case "":
			issues = append(issues, healthedu.NewIssue("grid.required", at("role"), map[string]any{"field": "role"}))
		default:
			issues = append(issues, healthedu.NewIssue("value.invalid", at("role"), nil))
		}
		switch {
		case m.Role == RolePartner && m.Partner == "":
			issues = append(issues, healthedu.NewIssue("team.partnerKind", at("partner"), map[string]any{"member": m.ID}))
		case m.Role == RolePartner && !m.Partner.IsValid():
			issues = append(issues, healthedu.NewIssue("value.invalid", at("partner"), nil))
		case m.Role != RolePartner && m.Partner != "":
			issues = append(issues, healthedu.NewIssue("team.partnerUnexpected", at("partner"),
				map[string]any{"member": m.ID, "role": string(m.Role)}))
		}
		if m.Role != RoleFamilyDoctor {
			if len(m.SignedHouseholds) > 0 {
				issues = append(issues, healthedu.NewIssue("team.doctorOnly", at("signedHouseholds"),
					map[string]any{"member": m.ID, "field": "signedHouseholds"}))
			}
			if m.DaysInCommunity != 0 {
				issues = append(issues, healthedu.NewIssue("team.doctorOnly", at("daysInCommunity"),
					map[string]any{"member": m.ID, "field": "daysInCommunity"}))
			}
			continue
		}
		issues = rules.checkDoctor(issues, i, m)
	}
	for k, code := range [...]string{"team.leaderCount", "team.doctorCount", "team.volunteerCount"} {
		if count[k] != 1 {
			issues = append(issues, healthedu.NewIssue(code, healthedu.Pointer("members"), map[string]any{"count": count[k]}))
		}
	}
	return issues
}

// checkDoctor appends the issues of the family doctor m, member i.
func (rules TeamRules) checkDoctor(issues []healthedu.Issue, i int, m TeamMember) []healthedu.Issue {
	member := strconv.Itoa(i)
	for j, h := range m.SignedHouseholds {
		if slices.Contains(m.SignedHouseholds[:j], h) {
			issues = append(issues, healthedu.NewIssue("grid.duplicate",
				healthedu.Pointer("members", member, "signedHouseholds", strconv.Itoa(j)), map[string]any{"value": h}))
		}
	}
	n := len(m.SignedHouseholds)
	switch {
	case n < rules.MinHouseholds:
		issues = append(issues, healthedu.NewIssue("team.doctorLoadLow", healthedu.Pointer("members", member, "signedHouseholds"),
			map[string]any{"doctor": m.ID, "households": n, "min": rules.MinHouseholds}))
	case n > rules.MaxHouseholds:
		issues = append(issues, healthedu.NewIssue("team.doctorLoadHigh", healthedu.Pointer("members", member, "signedHouseholds"),
			map[string]any{"doctor": m.ID, "households": n, "max": rules.MaxHouseholds}))
	}
	if m.DaysInCommunity < rules.MinDaysInCommunity {
		issues = append(issues, healthedu.NewIssue("team.doctorDays", healthedu.Pointer("members", member, "daysInCommunity"),
			map[string]any{"doctor": m.ID, "days": m.DaysInCommunity, "min": rules.MinDaysInCommunity}))
	}
	return issues
}

// UnvisitedHousehold is a signed household that its family doctor did not
// visit in a period (未按月随访家庭).
type UnvisitedHousehold struct {
	Grid      string // the grid record's ID
	Doctor    string // the family doctor's member ID
	Household string // the household record's ID
}

// Unvisited returns the households signed by the family doctors of the
// register's teams that their doctor did not visit in period p, which for
// the rule "at least once a month" is a month (202510). A visit counts when
// its time lies in p (in China Standard Time) and it was made by the
// doctor who signed the household. The result is ordered by grid ID, then
// as the households are listed in the team record.
func (r *Register) Unvisited(p healthedu.Period) []UnvisitedHousehold {
	var out []UnvisitedHousehold
	for _, g := range sortedKeys(r.teams) {
		for _, m := range r.teams[g].Members {
			if m.Role != RoleFamilyDoctor {
				continue
			}
			for _, h := range m.SignedHouseholds {
				if !r.visited(h, m.ID, p) {
					out = append(out, UnvisitedHousehold{Grid: g, Doctor: m.ID, Household: h})
				}
			}
		}
	}
	return out
}

// visited reports whether doctor visited household h in p.
func (r *Register) visited(h, doctor string, p healthedu.Period) bool {
	return slices.ContainsFunc(r.visits[h], func(v visitEntry) bool { return v.doctor == doctor && p.Contains(v.at) })
}

// CheckVisits reports, as one warning "team.visitMissing" each, the
// households [Register.Unvisited] returns for p. The issues have the empty
// path: they concern the register, not a submitted document.
func (r *Register) CheckVisits(p healthedu.Period) []healthedu.Issue {
	var issues []healthedu.Issue
	for _, u := range r.Unvisited(p) {
		issues = append(issues, healthedu.NewIssue("team.visitMissing", "",
			map[string]any{"doctor": u.Doctor, "household": u.Household, "period": p.String()}))
	}
	return issues
}
