package grid_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// cmpOpts compares the small value types of healthedu with ==.
var cmpOpts = cmp.Options{cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})}

// testKey is the pseudonymisation key of the tests.
var testKey = []byte("jiceng grid tests: not a real key, 32+ bytes")

// t0 is the start of the tests' October: 2025-10-01 00:00 in Beijing.
var t0 = time.Date(2025, 10, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)

// testDivision is a community (居委会) of 古楼街道, 东昌府区, 聊城.
var testDivision = healthedu.MustParseDivisionCode("371502001001")

// citizenIDString returns a valid citizen ID number for sequence number
// seq (0 ≤ seq < 10⁶): the address of 聊城's county 99, which was never
// assigned, a birth date in the 1950s and the check character.
func citizenIDString(seq int) string {
	day := healthedu.DateOf(time.Date(1950, 1, 1, 12, 0, 0, 0, healthedu.ChinaStandardTime).AddDate(0, 0, seq/1000))
	id, err := healthedu.CitizenIDFrom("371599", day, seq%1000)
	if err != nil {
		panic(err)
	}
	return id.Unmasked()
}

// citizenID returns the valid citizen ID of sequence number seq.
func citizenID(tb testing.TB, seq int) healthedu.CitizenID {
	tb.Helper()
	id, err := healthedu.ParseCitizenID(citizenIDString(seq))
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// mustAdd adds rec to reg and fails the test on an error issue.
func mustAdd(tb testing.TB, reg *grid.Register, rec healthedu.Record) []healthedu.Issue {
	tb.Helper()
	issues := reg.Add(rec)
	for _, is := range issues {
		if is.Severity == healthedu.SeverityError {
			tb.Fatalf("Add(%s %q): %v", rec.RecordHeader().Kind, rec.RecordHeader().ID, is)
		}
	}
	return issues
}

func header(kind healthedu.Kind, id string) healthedu.Header {
	return healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: kind, ID: id}
}

// fixture is a grid with a building, 60 households signed by the team's
// doctor and a few residents with different authorisations.
type fixture struct {
	reg *grid.Register
	// pseudonyms of the residents, by resident record ID
	p map[string]healthedu.Pseudonym
}

// The residents of the fixture: ID, household, seq, age band, living
// alone, community consent, medical consent.
var fixtureResidents = []struct {
	id, household      string
	seq                int
	band               grid.AgeBand
	alone              bool
	community, medical bool
}{
	{"r-alone", "h02", 1, grid.Age80Plus, true, true, true},
	{"r-bp", "h03", 2, grid.Age65To79, false, true, true},
	{"r-nomed", "h04", 3, grid.Age60To64, true, true, false},
	{"r-none", "h05", 4, grid.Age18To59, false, false, false},
	{"r-medonly", "h06", 5, grid.Age65To79, true, false, true},
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	reg, err := grid.NewRegister(testKey)
	if err != nil {
		tb.Fatal(err)
	}
	f := &fixture{reg: reg, p: map[string]healthedu.Pseudonym{}}
	mustAdd(tb, reg, &grid.Grid{Header: header(grid.KindGrid, "g1"), Name: "东关社区第3网格", Division: testDivision})
	mustAdd(tb, reg, &grid.Building{Header: header(grid.KindBuilding, "b1"), Grid: "g1", Name: "3号楼"})
	var signed []string
	for i := 1; i <= 60; i++ {
		h := fmt.Sprintf("h%02d", i)
		mustAdd(tb, reg, &grid.Household{Header: header(grid.KindHousehold, h), Grid: "g1", Building: "b1",
			HealthDifficulty: i == 1})
		signed = append(signed, h)
	}
	for _, r := range fixtureResidents {
		id := citizenID(tb, r.seq)
		mustAdd(tb, reg, &grid.Resident{
			Header: header(grid.KindResident, r.id), Household: r.household, CitizenID: id,
			AgeBand: r.band, LivingAlone: r.alone, Conditions: []grid.Condition{grid.ConditionHypertension},
			Authorisation: grid.Authorisation{Community: r.community, Medical: r.medical, At: t0.Add(-24 * time.Hour)},
		})
		f.p[r.id] = reg.Pseudonym(id)
	}
	mustAdd(tb, reg, testTeam("t1", "g1", signed))
	return f
}

// testTeam returns a well-formed "1+1+1+N" team whose doctor D1 signs
// households.
func testTeam(id, gridID string, households []string) *grid.GridTeam {
	return &grid.GridTeam{
		Header: header(grid.KindGridTeam, id),
		Grid:   gridID,
		Members: []grid.TeamMember{
			{ID: "L1", Name: "王网格长", Role: grid.RoleGridLeader},
			{ID: "D1", Name: "李医生", Role: grid.RoleFamilyDoctor, DaysInCommunity: 2, SignedHouseholds: households},
			{ID: "V1", Name: "张志愿者", Role: grid.RoleHealthVolunteer},
			{ID: "P1", Name: "古楼街道社区卫生服务中心", Role: grid.RolePartner, Partner: grid.PartnerCommunityHealthCentre},
		},
	}
}

// issueSummary is an issue without its severity's type, for comparing.
type issueSummary struct {
	Severity string
	Code     string
	Path     string
	Params   map[string]any
}

func summarize(issues []healthedu.Issue) []issueSummary {
	var out []issueSummary
	for _, is := range issues {
		out = append(out, issueSummary{is.Severity.String(), is.Code, is.Path, is.Params})
	}
	return out
}
