package grid_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

func TestNewRegisterKey(t *testing.T) {
	if _, err := grid.NewRegister(testKey[:31]); err == nil {
		t.Errorf("NewRegister with a 31-byte key: no error")
	}
	if _, err := grid.NewRegister(testKey[:32]); err != nil {
		t.Errorf("NewRegister with a 32-byte key: %v", err)
	}
}

func TestRegisterAdd(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name string
		rec  healthedu.Record
		want []issueSummary
	}{
		{"grid in a township", &grid.Grid{Header: header(grid.KindGrid, "gx"), Name: "x",
			Division: healthedu.MustParseDivisionCode("371502001")}, []issueSummary{
			{"error", "grid.divisionLevel", "/division", map[string]any{"value": "371502001"}},
		}},
		{"grid without name or division", &grid.Grid{Header: header(grid.KindGrid, "gx")}, []issueSummary{
			{"error", "grid.required", "/name", map[string]any{"field": "name"}},
			{"error", "grid.required", "/division", map[string]any{"field": "division"}},
		}},
		{"building of an unknown grid", &grid.Building{Header: header(grid.KindBuilding, "bx"), Grid: "g9", Name: "9号楼"}, []issueSummary{
			{"error", "grid.gridUnknown", "/grid", map[string]any{"value": "g9"}},
		}},
		{"household in a building of another grid", &grid.Household{Header: header(grid.KindHousehold, "hx"), Grid: "g2", Building: "b1"}, []issueSummary{
			{"error", "grid.buildingGrid", "/building", map[string]any{"building": "b1", "grid": "g1"}},
		}},
		{"household in an unknown building", &grid.Household{Header: header(grid.KindHousehold, "hx"), Grid: "g1", Building: "b9"}, []issueSummary{
			{"error", "grid.buildingUnknown", "/building", map[string]any{"value": "b9"}},
		}},
		{"resident twice", &grid.Resident{Header: header(grid.KindResident, "r-again"), Household: "h20", CitizenID: citizenID(t, 1),
			AgeBand: grid.Age80Plus, Authorisation: grid.Authorisation{At: t0}}, []issueSummary{
			{"error", "grid.residentDuplicate", "/citizenId", map[string]any{"resident": "r-alone"}},
		}},
		{"resident with nothing", &grid.Resident{Header: header(grid.KindResident, "r-x"), AgeBand: "old",
			Conditions: []grid.Condition{grid.ConditionDiabetes, "flu", grid.ConditionDiabetes}}, []issueSummary{
			{"error", "grid.required", "/household", map[string]any{"field": "household"}},
			{"error", "grid.required", "/citizenId", map[string]any{"field": "citizenId"}},
			{"error", "value.invalid", "/ageBand", nil},
			{"error", "value.invalid", "/conditions/1", nil},
			{"error", "grid.duplicate", "/conditions/2", map[string]any{"value": "diabetes"}},
			{"error", "grid.required", "/authorisation/at", map[string]any{"field": "at"}},
		}},
		{"living alone with company", &grid.Resident{Header: header(grid.KindResident, "r-x"), Household: "h02", CitizenID: citizenID(t, 99),
			AgeBand: grid.Age60To64, LivingAlone: true, Authorisation: grid.Authorisation{At: t0}}, []issueSummary{
			{"warning", "grid.livingAlone", "/livingAlone", map[string]any{"household": "h02", "others": 1}},
		}},
		{"not a grid record", &healthedu.Activity{Header: healthedu.Header{Kind: "activity", ID: "a1"}}, []issueSummary{
			{"error", "grid.kind", "/kind", map[string]any{"value": "activity"}},
		}},
		{"nil", (*grid.Resident)(nil), []issueSummary{
			{"error", "grid.kind", "/kind", map[string]any{"value": ""}},
		}},
	}
	mustAdd(t, f.reg, &grid.Grid{Header: header(grid.KindGrid, "g2"), Name: "第4网格", Division: testDivision})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summarize(f.reg.Add(tt.rec))); diff != "" {
				t.Errorf("Add (-want +got):\n%s", diff)
			}
		})
	}
	if _, ok := f.reg.Grid("gx"); ok {
		t.Errorf("grid with errors was added")
	}
}

// TestResidentPseudonymised checks that the register keeps no citizen ID
// number and that none appears in clear in what it returns.
func TestResidentPseudonymised(t *testing.T) {
	f := newFixture(t)
	clear := citizenIDString(2)
	info, ok := f.reg.Resident(f.p["r-bp"])
	if !ok {
		t.Fatal("resident r-bp not found")
	}
	want := grid.ResidentInfo{
		ID: "r-bp", Pseudonym: citizenID(t, 2).Pseudonym(testKey), Household: "h03", AgeBand: grid.Age65To79,
		Conditions:     []grid.Condition{grid.ConditionHypertension},
		Authorisations: []grid.Authorisation{{Community: true, Medical: true, At: t0.Add(-24 * time.Hour)}},
	}
	if diff := cmp.Diff(want, info); diff != "" {
		t.Errorf("Resident (-want +got):\n%s", diff)
	}
	for _, s := range []string{fmt.Sprintf("%+v", info), fmt.Sprintf("%#v", info)} {
		if strings.Contains(s, clear) || strings.Contains(s, clear[:17]) {
			t.Errorf("ResidentInfo prints the citizen ID in clear: %s", s)
		}
	}
	rec := &grid.Resident{Header: header(grid.KindResident, "r-bp"), Household: "h03", CitizenID: citizenID(t, 2), AgeBand: grid.Age65To79,
		Authorisation: grid.Authorisation{At: t0}}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), clear[:17]) {
		t.Errorf("Resident JSON holds the citizen ID in clear: %s", b)
	}
	// A duplicate's issue names the other record, not the number.
	dup := &grid.Resident{Header: header(grid.KindResident, "r-dup"), Household: "h03", CitizenID: citizenID(t, 2), AgeBand: grid.Age65To79,
		Authorisation: grid.Authorisation{At: t0}}
	for _, is := range f.reg.Add(dup) {
		for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
			if m := is.Message(healthedu.MatchLanguage(lang)); strings.Contains(m, clear[:17]) {
				t.Errorf("issue message holds the citizen ID: %s", m)
			}
		}
	}
}

func TestAuthorisationHistory(t *testing.T) {
	f := newFixture(t)
	p := f.p["r-bp"]
	withdraw := t0.Add(10 * time.Hour)
	regive := t0.Add(48 * time.Hour)
	add := func(a grid.Authorisation) {
		mustAdd(t, f.reg, &grid.Resident{Header: header(grid.KindResident, "r-bp"), Household: "h03", CitizenID: citizenID(t, 2),
			AgeBand: grid.Age65To79, Authorisation: a})
	}
	// Given out of order: the register orders them by time.
	add(grid.Authorisation{Community: true, Medical: true, At: regive})
	add(grid.Authorisation{Community: true, Medical: false, At: withdraw})
	tests := []struct {
		at   time.Time
		want grid.Authorisation
	}{
		{t0.Add(-25 * time.Hour), grid.Authorisation{}},
		{t0, grid.Authorisation{Community: true, Medical: true, At: t0.Add(-24 * time.Hour)}},
		{withdraw.Add(-time.Nanosecond), grid.Authorisation{Community: true, Medical: true, At: t0.Add(-24 * time.Hour)}},
		{withdraw, grid.Authorisation{Community: true, Medical: false, At: withdraw}},
		{regive.Add(-time.Second), grid.Authorisation{Community: true, Medical: false, At: withdraw}},
		{regive, grid.Authorisation{Community: true, Medical: true, At: regive}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, f.reg.Authorisation(p, tt.at)); diff != "" {
			t.Errorf("Authorisation(%v) (-want +got):\n%s", tt.at, diff)
		}
	}
	if got := f.reg.Authorisation(healthedu.Pseudonym{1}, t0); got != (grid.Authorisation{}) {
		t.Errorf("Authorisation of an unknown resident = %+v, want none", got)
	}
}

func TestRecordKinds(t *testing.T) {
	reg, err := grid.NewRegister(testKey)
	if err != nil {
		t.Fatal(err)
	}
	kinds := grid.Kinds()
	var names []healthedu.Kind
	for _, info := range kinds {
		names = append(names, info.Kind)
		if info.Names.ZhHans == "" || info.Names.ZhHant == "" || info.Names.En == "" {
			t.Errorf("kind %q: names %+v", info.Kind, info.Names)
		}
		rec := info.New()
		rec.RecordHeader().Kind = info.Kind
		if issues := reg.Add(rec); len(issues) == 0 {
			t.Errorf("zero %q record: no issues", info.Kind)
		}
	}
	want := []healthedu.Kind{grid.KindGrid, grid.KindBuilding, grid.KindHousehold, grid.KindResident,
		grid.KindGridTeam, grid.KindHouseholdVisit, grid.KindCampaign, grid.KindLoopEvent}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Kinds (-want +got):\n%s", diff)
	}
	kinds[0].Kind = "changed"
	if grid.Kinds()[0].Kind != grid.KindGrid {
		t.Error("Kinds returns a shared list")
	}
	// A decoder takes them with the exchange kinds, each once.
	d := healthedu.NewDecoder(strings.NewReader(""), healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), grid.Kinds()...)})
	if d.Next() || d.Err() != nil {
		t.Errorf("Next, Err() = true or %v", d.Err())
	}
}

func TestRecordDivisionAndPeriod(t *testing.T) {
	month := healthedu.MustParsePeriod("202510")
	at := time.Date(2025, 9, 30, 16, 0, 0, 0, time.UTC) // 1 October in China
	none := healthedu.DivisionCode{}
	tests := []struct {
		name   string
		rec    healthedu.Record
		div    healthedu.DivisionCode
		period healthedu.Period
		path   string
	}{
		{"grid", &grid.Grid{Division: testDivision}, testDivision, healthedu.Period{}, ""},
		{"building", &grid.Building{Grid: "g1"}, none, healthedu.Period{}, ""},
		{"household", &grid.Household{Grid: "g1"}, none, healthedu.Period{}, ""},
		{"resident", &grid.Resident{Authorisation: grid.Authorisation{At: at}}, none, healthedu.Period{}, ""},
		{"team", &grid.GridTeam{Grid: "g1"}, none, healthedu.Period{}, ""},
		{"visit", &grid.HouseholdVisit{At: at}, none, month, "/at"},
		{"visit without a time", &grid.HouseholdVisit{}, none, healthedu.Period{}, "/at"},
		{"campaign", &grid.Campaign{Opened: at}, none, month, "/opened"},
		{"loop event", &grid.LoopEvent{At: at}, none, month, "/at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rec.RecordDivision(); got != tt.div {
				t.Errorf("RecordDivision() = %v, want %v", got, tt.div)
			}
			if p, path := tt.rec.RecordPeriod(); p != tt.period || path != tt.path {
				t.Errorf("RecordPeriod() = %v, %q; want %v, %q", p, path, tt.period, tt.path)
			}
		})
	}
}

func TestEnums(t *testing.T) {
	var r grid.Role
	if err := r.UnmarshalText([]byte("family-doctor")); err != nil || r != grid.RoleFamilyDoctor {
		t.Errorf("UnmarshalText(family-doctor) = %q, %v", r, err)
	}
	err := r.UnmarshalText([]byte("mayor"))
	if e, ok := err.(*healthedu.EnumError); !ok || e.Type != "Role" || e.Value != "mayor" {
		t.Errorf("UnmarshalText(mayor) error = %v", err)
	}
	if got := grid.RoleFamilyDoctor.Label(healthedu.ZhHant); got != "家庭醫師" {
		t.Errorf("Label(zh-Hant) = %q", got)
	}
	if got := grid.StagePreciseEducation.Label(healthedu.MatchLanguage("en-GB")); got != "precise education" {
		t.Errorf("Label(en-GB) = %q", got)
	}
	if got := grid.Age0To6.Label(healthedu.MatchLanguage("fr")); got != "0～6岁" {
		t.Errorf("Label(fr) = %q", got)
	}
	var k grid.ReadingKind
	if err := json.Unmarshal([]byte(`"fall"`), &k); err != nil || k != grid.ReadingFall {
		t.Errorf("json.Unmarshal(fall) = %q, %v", k, err)
	}
}

func TestRecordCheck(t *testing.T) {
	v := &healthedu.Validator{Now: t0}
	later := t0.Add(time.Hour)
	tests := []struct {
		name string
		rec  healthedu.Record
		want []issueSummary
	}{
		{"grid in an unknown township", &grid.Grid{Name: "x", Division: healthedu.MustParseDivisionCode("371502599001")}, []issueSummary{
			{"error", "division.unknown", "/division", map[string]any{"value": "371502599001"}},
		}},
		{"grid in a known township", &grid.Grid{Name: "x", Division: testDivision}, nil},
		{"authorised tomorrow, band too old", &grid.Resident{Household: "h1", CitizenID: citizenID(t, 1), AgeBand: grid.Age80Plus,
			Authorisation: grid.Authorisation{At: t0.AddDate(0, 0, 1)}}, []issueSummary{
			{"error", "time.future", "/authorisation/at", map[string]any{"value": "2025-10-02T00:00:00+08:00", "now": "2025-10-01T00:00:00+08:00"}},
			{"warning", "grid.ageBand", "/ageBand", map[string]any{"value": "80-plus", "expected": "65-79"}}, // born 1950-01-01
		}},
		{"visit in the future", &grid.HouseholdVisit{Household: "h1", Doctor: "D1", At: later}, []issueSummary{
			{"error", "time.future", "/at", map[string]any{"value": "2025-10-01T01:00:00+08:00", "now": "2025-10-01T00:00:00+08:00"}},
		}},
		{"campaign opened now", &grid.Campaign{Grid: "g1", TargetGroup: "elderly", Opened: t0}, nil},
		{"authorised before birth, and before 2000", &grid.Resident{Household: "h1", CitizenID: citizenID(t, 1), AgeBand: grid.Age65To79,
			Authorisation: grid.Authorisation{At: time.Date(1949, 12, 31, 12, 0, 0, 0, healthedu.ChinaStandardTime)}}, []issueSummary{
			{"error", "time.tooEarly", "/authorisation/at", map[string]any{"value": "1949-12-31T12:00:00+08:00", "earliest": "2000-01-01T00:00:00+08:00"}},
			{"error", "citizenId.bornAfter", "/citizenId", map[string]any{"value": "3715**********0013", "date": "1949-12-31"}},
		}},
		{"visit in 1899", &grid.HouseholdVisit{Household: "h1", Doctor: "D1", At: time.Date(1899, 12, 31, 9, 0, 0, 0, healthedu.ChinaStandardTime)}, []issueSummary{
			{"error", "time.outOfRange", "/at", map[string]any{"value": "1899-12-31T09:00:00+08:00", "earliest": "1900-01-01", "latest": "9999-12-31"}},
		}},
		{"campaign opened a second before 2000", &grid.Campaign{Grid: "g1", TargetGroup: "elderly", Opened: time.Date(1999, 12, 31, 23, 59, 59, 0, healthedu.ChinaStandardTime)}, []issueSummary{
			{"error", "time.tooEarly", "/opened", map[string]any{"value": "1999-12-31T23:59:59+08:00", "earliest": "2000-01-01T00:00:00+08:00"}},
		}},
		{"stage completed at 2000-01-01", &grid.LoopEvent{Campaign: "c1", Stage: grid.StageNeedsSurvey, At: time.Date(2000, 1, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)}, nil},
		{"stage completed after 9999", &grid.LoopEvent{Campaign: "c1", Stage: grid.StageNeedsSurvey, At: time.Date(10000, 1, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)}, []issueSummary{
			{"error", "time.outOfRange", "/at", map[string]any{"value": "10000-01-01T00:00:00+08:00", "earliest": "1900-01-01", "latest": "9999-12-31"}},
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, summarize(tt.rec.Check(v))); diff != "" {
			t.Errorf("%s: Check (-want +got):\n%s", tt.name, diff)
		}
	}
	// Without a clock, nothing is in the future and no age is known.
	r := tests[2].rec
	if issues := r.Check(new(healthedu.Validator)); len(issues) != 0 {
		t.Errorf("Check without a clock: %v", issues)
	}
}

func TestAgeBandOf(t *testing.T) {
	for age, want := range map[int]grid.AgeBand{-1: grid.Age0To6, 0: grid.Age0To6, 6: grid.Age0To6, 7: grid.Age7To17, 17: grid.Age7To17,
		18: grid.Age18To59, 59: grid.Age18To59, 60: grid.Age60To64, 64: grid.Age60To64, 65: grid.Age65To79, 79: grid.Age65To79,
		80: grid.Age80Plus, 120: grid.Age80Plus} {
		if got := grid.AgeBandOf(age); got != want {
			t.Errorf("AgeBandOf(%d) = %s, want %s", age, got, want)
		}
	}
}

func TestAuthorisationAllows(t *testing.T) {
	classes := []grid.RecipientClass{grid.ClassMedical, grid.ClassCommunity, grid.ClassFamily, grid.ClassPublic, 0}
	tests := []struct {
		a    grid.Authorisation
		want []bool // by classes
	}{
		{grid.Authorisation{}, []bool{false, false, true, true, false}},
		{grid.Authorisation{Community: true}, []bool{false, true, true, true, false}},
		{grid.Authorisation{Medical: true}, []bool{true, false, true, true, false}},
		{grid.Authorisation{Community: true, Medical: true}, []bool{true, true, true, true, false}},
	}
	for _, tt := range tests {
		var got []bool
		for _, c := range classes {
			got = append(got, tt.a.Allows(c))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%+v.Allows (-want +got):\n%s", tt.a, diff)
		}
	}
}
