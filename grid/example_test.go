package grid_test

import (
	"fmt"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// exampleKey stands for the platform's secret pseudonymisation key, which
// belongs in a secret store, not in the code.
var exampleKey = []byte("example key: 32 random bytes in a real platform")

func hdr(kind healthedu.Kind, id string) healthedu.Header {
	return healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: kind, ID: id}
}

// Build a grid's "1+1+1+N" team: the register checks its composition and
// its family doctor's load, and later the monthly visits.
func ExampleGridTeam() {
	reg, err := grid.NewRegister(exampleKey)
	if err != nil {
		panic(err)
	}
	reg.Add(&grid.Grid{Header: hdr(grid.KindGrid, "g1"), Name: "东关社区第3网格",
		Division: healthedu.MustParseDivisionCode("371502001001")})
	var signed []string
	for i := 1; i <= 81; i++ {
		id := fmt.Sprintf("h%02d", i)
		reg.Add(&grid.Household{Header: hdr(grid.KindHousehold, id), Grid: "g1"})
		signed = append(signed, id)
	}
	team := &grid.GridTeam{
		Header: hdr(grid.KindGridTeam, "t1"),
		Grid:   "g1",
		Members: []grid.TeamMember{
			{ID: "L1", Name: "王网格长", Role: grid.RoleGridLeader},
			{ID: "D1", Name: "李医生", Role: grid.RoleFamilyDoctor, DaysInCommunity: 1, SignedHouseholds: signed},
			{ID: "P1", Name: "古楼街道社区卫生服务中心", Role: grid.RolePartner, Partner: grid.PartnerCommunityHealthCentre},
		},
	}
	fmt.Println("without a health volunteer:")
	for _, is := range reg.Add(team) {
		fmt.Println(" ", is)
	}

	team.Members = append(team.Members, grid.TeamMember{ID: "V1", Name: "张志愿者", Role: grid.RoleHealthVolunteer})
	fmt.Println("with one:")
	for _, is := range reg.Add(team) {
		fmt.Println(" ", is.Severity.Label(healthedu.ZhHans), is.Message(healthedu.ZhHans))
	}

	reg.Add(&grid.HouseholdVisit{Header: hdr(grid.KindHouseholdVisit, "v1"), Household: "h01", Doctor: "D1",
		At: time.Date(2025, 10, 9, 15, 0, 0, 0, healthedu.ChinaStandardTime)})
	fmt.Println("unvisited in 202510:", len(reg.Unvisited(healthedu.MustParsePeriod("202510"))))
	// Output:
	// without a health volunteer:
	//   warning team.doctorLoadHigh /members/1/signedHouseholds: Family doctor "D1" signs 81 households, more than the maximum of 80
	//   warning team.doctorDays /members/1/daysInCommunity: Family doctor "D1" spends 1 of the required 2 days a week in the community
	//   error team.volunteerCount /members: A grid team has exactly one health volunteer, this one has 0
	// with one:
	//   警告 家庭医生“D1”签约81户，超过80户的上限
	//   警告 家庭医生“D1”每周驻社区1天，少于2天
	// unvisited in 202510: 80
}

// Run the alert rules over a resident's device readings, with a clock the
// caller controls.
func ExampleEngine() {
	reg, err := grid.NewRegister(exampleKey)
	if err != nil {
		panic(err)
	}
	reg.Add(&grid.Grid{Header: hdr(grid.KindGrid, "g1"), Name: "东关社区第3网格",
		Division: healthedu.MustParseDivisionCode("371502001001")})
	reg.Add(&grid.Household{Header: hdr(grid.KindHousehold, "h1"), Grid: "g1"})
	id, err := healthedu.ParseCitizenID("37150219500101009X")
	if err != nil {
		panic(err)
	}
	reg.Add(&grid.Resident{
		Header: hdr(grid.KindResident, "r1"), Household: "h1", CitizenID: id,
		AgeBand: grid.Age80Plus, LivingAlone: true, Conditions: []grid.Condition{grid.ConditionHypertension},
		Authorisation: grid.Authorisation{Community: true, Medical: true,
			At: time.Date(2025, 9, 1, 10, 0, 0, 0, healthedu.ChinaStandardTime)},
	})

	now := time.Date(2025, 10, 17, 8, 0, 0, 0, healthedu.ChinaStandardTime)
	e, err := grid.NewEngine(reg, grid.DefaultRules(),
		grid.WithClock(func() time.Time { return now }),
		grid.WithNotifier(func(n grid.Notification) {
			line := fmt.Sprint(n.At.Format("01-02 15:04"), " ", n.Recipient, " ", n.Reason, " ", n.Rule, " ", n.Severity)
			if !n.BloodPressure.IsZero() { // for medical recipients only
				line += " " + n.BloodPressure.String()
			}
			fmt.Println(line)
		}))
	if err != nil {
		panic(err)
	}
	resident := reg.Pseudonym(id) // what the device gateway knows the resident by

	e.Observe(grid.Reading{Resident: resident, Kind: grid.ReadingBloodPressure, At: now, Systolic: 154, Diastolic: 76})
	now = now.Add(5 * time.Minute)
	e.Observe(grid.Reading{Resident: resident, Kind: grid.ReadingOuting, At: now})

	now = now.Add(time.Hour)
	e.Acknowledge(1, "D1") // the family doctor saw the blood pressure

	now = now.Add(11 * time.Hour) // 12 hours after the outing
	e.Advance()
	now = now.Add(2 * time.Hour) // nobody acknowledged the no-outing alert
	e.Advance()

	for _, a := range e.OpenAlerts() {
		fmt.Printf("alert %v %s at %s, acknowledged by %q\n", a.ID, a.Rule, a.At.Format("15:04"), a.AcknowledgedBy)
	}
	// Output:
	// 10-17 08:00 family-doctor raised blood-pressure warning 154/76 mmHg
	// 10-17 20:05 grid-worker raised no-outing warning
	// 10-17 22:05 grid-leader escalated no-outing warning
	// alert 1 blood-pressure at 08:00, acknowledged by "D1"
	// alert 2 no-outing at 20:05, acknowledged by ""
}
