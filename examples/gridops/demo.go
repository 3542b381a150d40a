package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// The demo community: one grid of 东关社区, 古楼街道, 东昌府区, 聊城
// (371502001001), four buildings, 60 households signed by the grid's
// family doctor, and 92 residents with varied conditions and data
// authorisations, 12 of them elderly people living alone. The citizen ID
// numbers are synthetic: area code 371599 (聊城's county 99, never
// assigned), a birth date fitting the age, a sequence number and the check
// character healthedu.CitizenIDFrom computes.

// demoGrid is the ID of the demo's grid record.
const demoGrid = "g1"

// demoDivision is the village-level division of the demo's grid.
const demoDivision = "371502001001"

// demoRecipients are the recipients of the demo tokens, and their roles.
var demoRecipients = []principal{
	{ID: "gateway", Role: roleOperator},
	{ID: "D1", Role: string(grid.RecipientFamilyDoctor)},
	{ID: "L1", Role: string(grid.RecipientGridLeader)},
	{ID: "W1", Role: string(grid.RecipientGridWorker), Grids: []string{demoGrid}},
	{ID: "E1", Role: string(grid.RecipientEmergencyTeam)},
	{ID: "P1", Role: string(grid.RecipientHealthCentre)},
	{ID: "h01", Role: string(grid.RecipientFamily)},
}

// demoResident is a resident of the demo, as the records describe it.
type demoResident struct {
	id, household string
	age           int
	conditions    []grid.Condition
	alone         bool
	community     bool
	medical       bool
}

// demoPeople returns the demo's residents. Households h01 to h12 are
// elderly people living alone; the others hold two residents, or one
// every third household. Authorisations vary: most share with both the
// community and medical institutions, some with only one, some with none.
func demoPeople() []demoResident {
	var out []demoResident
	ages := []int{82, 71, 67, 63, 58, 45, 39, 33, 16, 5}
	conds := [][]grid.Condition{
		{grid.ConditionHypertension}, {grid.ConditionHypertension, grid.ConditionDiabetes}, nil,
		{grid.ConditionCoronaryHeartDisease}, nil, {grid.ConditionDiabetes}, nil,
	}
	n := 0
	add := func(h string, age int, alone bool) {
		n++
		r := demoResident{
			id: fmt.Sprintf("r%02d", n), household: h, age: age, alone: alone,
			conditions: conds[n%len(conds)],
		}
		switch n % 6 {
		case 0, 1, 2: // 1/2 share with both
			r.community, r.medical = true, true
		case 3: // 1/6 with the community only
			r.community = true
		case 4: // 1/6 with medical institutions only
			r.medical = true
		} // 1/6 share with nobody
		out = append(out, r)
	}
	for i := 1; i <= 60; i++ {
		h := fmt.Sprintf("h%02d", i)
		switch {
		case i <= 12:
			add(h, 66+i%3*8, true)
		case i%3 == 0:
			add(h, ages[i%len(ages)], false)
		default:
			add(h, ages[i%len(ages)], false)
			add(h, ages[(i+3)%len(ages)], false)
		}
	}
	return out
}

// demoCitizenID returns the synthetic citizen ID number of someone aged
// age on 2025-10-01, with sequence number seq (1 to 999). The numbers do
// not depend on the day the demo runs, so that a restart finds the same
// pseudonyms.
func demoCitizenID(age, seq int) healthedu.CitizenID {
	birth, ok := healthedu.NewDate(2025-age-1, time.Month(1+seq%12), 1+seq%28)
	// Address code 371599: 聊城's county number 99 was never assigned, so
	// no real person holds the number.
	id, err := healthedu.CitizenIDFrom("371599", birth, seq)
	if !ok || err != nil {
		panic(fmt.Sprintf("demo citizen ID of age %d, sequence %d: %v", age, seq, err)) // the inputs are built valid
	}
	return id
}

// demoRecords returns the demo's register as NDJSON, with the residents'
// citizen ID numbers in clear, as a submitter sends them.
func demoRecords(now time.Time) []byte {
	var b bytes.Buffer
	line := func(v map[string]any) {
		v["schemaVersion"] = healthedu.SchemaVersion
		j, _ := json.Marshal(v)
		b.Write(j)
		b.WriteByte('\n')
	}
	line(map[string]any{"kind": grid.KindGrid, "id": demoGrid, "name": "古楼街道东关社区第1网格", "division": demoDivision})
	for i := 1; i <= 4; i++ {
		line(map[string]any{"kind": grid.KindBuilding, "id": fmt.Sprintf("b%d", i), "grid": demoGrid, "name": fmt.Sprintf("%d号楼", i)})
	}
	var signed []string
	for i := 1; i <= 60; i++ {
		h := fmt.Sprintf("h%02d", i)
		signed = append(signed, h)
		line(map[string]any{"kind": grid.KindHousehold, "id": h, "grid": demoGrid, "building": fmt.Sprintf("b%d", 1+(i-1)/15),
			"door": fmt.Sprintf("%d单元%d01", 1+(i-1)%15/5, 1+(i-1)%5), "healthDifficulty": i%10 == 7})
	}
	given := now.Add(-30 * 24 * time.Hour).In(healthedu.ChinaStandardTime).Format(time.RFC3339)
	for seq, p := range demoPeople() {
		id := demoCitizenID(p.age, seq+1)
		rec := map[string]any{
			"kind": grid.KindResident, "id": p.id, "household": p.household,
			"citizenId":     id.Unmasked(), // the submitter's file holds the number; the server seals it
			"ageBand":       grid.AgeBandOf(id.Age(now)),
			"authorisation": map[string]any{"community": p.community, "medical": p.medical, "at": given},
		}
		if len(p.conditions) > 0 {
			rec["conditions"] = p.conditions
		}
		if p.alone {
			rec["livingAlone"] = true
		}
		line(rec)
	}
	line(map[string]any{"kind": grid.KindGridTeam, "id": "t1", "grid": demoGrid, "members": []map[string]any{
		{"id": "L1", "name": "王网格长", "role": grid.RoleGridLeader},
		{"id": "D1", "name": "李医生", "role": grid.RoleFamilyDoctor, "daysInCommunity": 3, "signedHouseholds": signed},
		{"id": "V1", "name": "张志愿者", "role": grid.RoleHealthVolunteer},
		{"id": "P1", "name": "古楼街道社区卫生服务中心", "role": grid.RolePartner, "partner": grid.PartnerCommunityHealthCentre},
	}})
	return b.Bytes()
}

// seedDemo adds the demo's register to the server, unless its register
// holds the demo's grid already (a restart on the demo's database).
func seedDemo(s *server) error {
	s.mu.Lock()
	_, seeded := s.reg.Grid(demoGrid)
	s.mu.Unlock()
	if seeded {
		return nil
	}
	out, err := s.importRecords(bytes.NewReader(demoRecords(s.now())), registerKinds, "/v1/events")
	if err != nil {
		return err
	}
	for _, it := range out.results {
		if it.rejected() {
			return fmt.Errorf("demo record %s %q rejected: %v", it.kind, it.id, it.issues)
		}
	}
	return nil
}

// demoTokens returns a token set with a fresh random token for each demo
// recipient, added to base (which may be nil), and the tokens by
// recipient ID.
func demoTokens(base *tokenSet) (*tokenSet, map[string]string, error) {
	ts := base
	if ts == nil {
		ts = &tokenSet{}
	}
	byID := make(map[string]string)
	for _, p := range demoRecipients {
		tok := tokens.New()
		if err := ts.add(tok, p); err != nil {
			return nil, nil, fmt.Errorf("demo token for %s: %w", p.ID, err)
		}
		byID[p.ID] = tok
	}
	return ts, byID, nil
}

// demoBanner returns what -demo prints: the URL, the tokens, and curl
// commands to try, with the pseudonyms of two residents living alone: r01
// shares with medical institutions, r03 only with the community.
func demoBanner(s *server, base string, tokens map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "jiceng gridops demo: %s\n\ntokens (recipient, role, grids, token):\n", base)
	for _, p := range demoRecipients {
		grids := strings.Join(p.Grids, " ")
		if grids == "" {
			grids = "-"
		}
		fmt.Fprintf(&b, "  %-8s %-24s %-6s %s\n", p.ID, p.Role, grids, tokens[p.ID])
	}
	people := demoPeople()
	shares := s.reg.Pseudonym(demoCitizenID(people[0].age, 1))
	private := s.reg.Pseudonym(demoCitizenID(people[2].age, 3))
	now := s.now().In(healthedu.ChinaStandardTime).Format(time.RFC3339)
	fmt.Fprintf(&b, `
listen as the family doctor D1 (blood pressure values appear for residents who share with medical institutions):
  curl -N -H 'Authorization: Bearer %[2]s' '%[1]s/v1/alerts/stream?recipient=D1'

listen as the grid worker W1 (no-outing alerts after 12 hours, without medical values):
  curl -N -H 'Authorization: Bearer %[3]s' '%[1]s/v1/alerts/stream?recipient=W1'

post a blood pressure of 154/76 for r01 (shares with medical institutions: D1 is told, with the values)
and for r03 (shares with the community only: nobody is told), and an outing of r01:
  curl -H 'Authorization: Bearer %[4]s' %[1]s/v1/readings -d '[
    {"resident":"%[5]s","kind":"blood-pressure","at":"%[7]s","systolic":154,"diastolic":76},
    {"resident":"%[6]s","kind":"blood-pressure","at":"%[7]s","systolic":154,"diastolic":76},
    {"resident":"%[5]s","kind":"outing","at":"%[7]s"}]'

list, acknowledge and close D1's alerts:
  curl -H 'Authorization: Bearer %[2]s' '%[1]s/v1/alerts?status=open'
  curl -X POST -H 'Authorization: Bearer %[2]s' %[1]s/v1/alerts/1/ack
  curl -X POST -H 'Authorization: Bearer %[2]s' %[1]s/v1/alerts/1/close
`, base, tokens["D1"], tokens["W1"], tokens["gateway"], shares, private, now)
	return b.String()
}
