package healthedu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// validateTestNow is the clock of the tests: 20 November 2025, 10:00 in
// Beijing.
var validateTestNow = time.Date(2025, 11, 20, 10, 0, 0, 0, ChinaStandardTime)

// validateTestCredit is the credit code of 古楼街道社区卫生服务中心.
const validateTestCredit = "12371502MB28543259"

func validateMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func validateAt(s string) time.Time { return validateMust(time.Parse(time.RFC3339, s)) }

func validateDate(s string) Date { return validateMust(ParseDate(s)) }

func validateDiv(s string) DivisionCode { return MustParseDivisionCode(s) }

// validateTestCitizenID returns the citizen ID number with the given 17
// digits and their check character.
func validateTestCitizenID(body string) CitizenID {
	for _, c := range citizenIDCheckChars {
		if id, err := ParseCitizenID(body + string(c)); err == nil {
			return id
		}
	}
	panic("no check character makes a valid number of " + body)
}

// validateTestActivity returns a valid lecture of 古楼街道, 17 October 2025.
func validateTestActivity() *Activity {
	return &Activity{
		Header: Header{SchemaVersion: SchemaVersion, Kind: KindActivity, ID: "LC-2025-10-0042"},
		Title:  "高血压防治健康知识讲座",
		Organizer: Organizer{
			CreditCode: validateMust(ParseCreditCode(validateTestCredit)),
			Name:       "聊城市东昌府区古楼街道社区卫生服务中心",
			Type:       "community-health-center",
			Division:   validateDiv("371502001"),
		},
		Division:     validateDiv("371502001"),
		Venue:        Venue{Type: "health-education-point", Name: "古楼街道健康宣教点"},
		Form:         FormLecture,
		Topics:       []Topic{"hypertension"},
		TargetGroups: []TargetGroup{"elderly", "chronic-patients"},
		Start:        validateAt("2025-10-17T09:30:00+08:00"),
		End:          validateAt("2025-10-17T11:00:00+08:00"),
		Participants: 86,
		Speakers:     []Speaker{{Name: "王丽", Role: "family-doctor"}},
		Evidence:     &Evidence{Photos: []string{"oss://lc/0042-1.jpg"}, SignInSheet: "oss://lc/0042-sign.pdf"},
	}
}

// validateTestResident returns a resident born on 31 December 1949.
func validateTestResident() *Resident {
	return &Resident{CitizenID: validateMust(ParseCitizenID("11010519491231002X")), Consent: Consent{Community: true, Medical: true}}
}

// validateTestReport returns a valid, complete monthly report of 九原区 for
// October 2025: the children first, then every other element expected in a
// monthly report, in catalogue order.
func validateTestReport() *MonthlyReport {
	n := DecimalFromInt
	return &MonthlyReport{
		Header:      Header{SchemaVersion: SchemaVersion, Kind: KindMonthlyReport, ID: "JY-202510"},
		Division:    validateDiv("150207"),
		Period:      MustParsePeriod("202510"),
		SubmittedAt: validateAt("2025-11-03T16:20:00+08:00"),
		Values: []DataValue{
			{Element: "children-0-6", Value: n(13932)},
			{Element: "children-0-6-managed", Value: n(13432)},
			{Element: "children-0-6-management-rate", Value: validateMust(ParseDecimal("96.41"))},
			{Element: "population", Value: n(289630)},
			{Element: "population-65plus", Value: n(41215)},
			{Element: "hypertension-managed", Value: n(24870)},
			{Element: "hypertension-standard-managed", Value: n(19896)},
			{Element: "hypertension-controlled", Value: n(17409)},
			{Element: "diabetes-managed", Value: n(8120)},
			{Element: "diabetes-standard-managed", Value: n(6496)},
			{Element: "diabetes-controlled", Value: n(5359)},
			{Element: "elderly-managed", Value: n(28027)},
			{Element: "binding-target", Value: n(86889)},
			{Element: "family-doctors", Value: n(87)},
			{Element: "health-instructors", Value: n(130)},
			{Element: "health-records", Value: n(260667)},
			{Element: "lectures", Value: n(12)},
			{Element: "lecture-participants", Value: n(684)},
			{Element: "consultations", Value: n(9)},
			{Element: "consultation-participants", Value: n(1215)},
			{Element: "printed-materials", Value: n(4800)},
			{Element: "bulletin-board-updates", Value: n(2)},
			{Element: "pushes", Value: n(31)},
			{Element: "health-centres", Value: n(8)},
		},
	}
}

// validateExpecting returns DefaultElements with only the given elements
// expected in monthly reports: with none, for the cases that test other
// rules on a few values.
func validateExpecting(codes ...string) *ElementCatalog {
	def := DefaultElements()
	c := &ElementCatalog{elements: def.Elements(), byCode: maps.Clone(def.byCode)}
	for i := range c.elements {
		c.elements[i].ExpectedInMonthlyReport = slices.Contains(codes, c.elements[i].Code)
	}
	return c
}

func validateTestBinding() *Binding {
	return &Binding{
		Header:     Header{SchemaVersion: SchemaVersion, Kind: KindBinding, ID: "QXN-B-000001"},
		Division:   validateDiv("522301001"),
		Resident:   BoundResident{CitizenID: validateMust(ParseCitizenID("11010519491231002X"))},
		Instructor: Instructor{ID: "QXN-I-0042", Name: "韦兰", Role: "health-instructor", Division: validateDiv("522301")},
		BoundAt:    validateAt("2025-06-01T10:00:00+08:00"),
	}
}

func validateTestSurvey() *LiteracySurvey {
	literate := true
	return &LiteracySurvey{
		Header:        Header{SchemaVersion: SchemaVersion, Kind: KindLiteracySurvey, ID: "LS-0001"},
		Division:      validateDiv("371502001"),
		SurveyedOn:    validateDate("2025-09-10"),
		Questionnaire: "2024",
		Respondent:    Respondent{Age: 45, Sex: Female, Residence: "urban"},
		Items: []ItemScore{
			{Item: 1, Score: 40, MaxScore: 50},
			{Item: 2, Score: 40, MaxScore: 50},
		},
		Literate: &literate,
	}
}

func validateTestCell() *HealthCell {
	named := validateDate("2024-12-20")
	return &HealthCell{
		Header:   Header{SchemaVersion: SchemaVersion, Kind: KindHealthCell, ID: "JY-HC-2024-01"},
		Name:     "沙河街道健康社区",
		Type:     "community",
		Level:    "city",
		Year:     2024,
		Division: validateDiv("150207001"),
		NamedOn:  &named,
	}
}

// validateTestIssue builds the issue a case expects, with the code's
// registered severity.
func validateTestIssue(code, path string, kv ...any) Issue {
	var params map[string]any
	if len(kv) > 0 {
		params = make(map[string]any)
		for i := 0; i+1 < len(kv); i += 2 {
			params[kv[i].(string)] = kv[i+1]
		}
	}
	return NewIssue(code, path, params)
}

type validateCase struct {
	name string
	v    *Validator // nil: Now is validateTestNow, the rest default
	rec  Record
	want []Issue
}

func validateRun(t *testing.T, cases []validateCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.v
			if v == nil {
				v = &Validator{Now: validateTestNow}
			}
			got := v.Validate(tc.rec)
			if diff := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Validate mismatch (-want +got):\n%s", diff)
			}
			for _, iss := range got {
				if iss.Code == issueUnregistered {
					t.Errorf("unregistered code %v", iss.Params["code"])
				}
			}
		})
	}
}

func validateWithActivity(f func(a *Activity)) *Activity {
	a := validateTestActivity()
	f(a)
	return a
}

func TestValidateActivity(t *testing.T) {
	credit := validateMust(ParseCreditCode(validateTestCredit))
	validateRun(t, []validateCase{
		{name: "valid", rec: validateTestActivity()},
		{
			name: "unknown division",
			rec:  validateWithActivity(func(a *Activity) { a.Division = validateDiv("371502050") }),
			want: []Issue{
				validateTestIssue("division.unknown", "/division", "value", "371502050"),
				validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371502050", "area", "371502001"),
			},
		},
		{
			name: "unknown organizer division",
			rec:  validateWithActivity(func(a *Activity) { a.Organizer.Division = validateDiv("371502050") }),
			want: []Issue{
				validateTestIssue("division.unknown", "/organizer/division", "value", "371502050"),
				validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371502001", "area", "371502050"),
			},
		},
		{
			name: "village under a known township without villages",
			rec:  validateWithActivity(func(a *Activity) { a.Division = validateDiv("371502001201") }),
		},
		{
			name: "village under an unknown township",
			rec: validateWithActivity(func(a *Activity) {
				a.Organizer.Division = validateDiv("371502")
				a.Division = validateDiv("371502050201")
			}),
			want: []Issue{validateTestIssue("division.unknown", "/division", "value", "371502050201")},
		},
		{
			name: "inside the organizer's township, at a village",
			rec:  validateWithActivity(func(a *Activity) { a.Division = validateDiv("371502001005") }),
		},
		{
			name: "outside the organizer's division",
			rec:  validateWithActivity(func(a *Activity) { a.Division = validateDiv("371502002") }),
			want: []Issue{validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371502002", "area", "371502001")},
		},
		{
			name: "no organizer division, no register",
			rec: validateWithActivity(func(a *Activity) {
				a.Organizer.Division = DivisionCode{}
				a.Division = validateDiv("5223")
			}),
		},
		{
			name: "outside the registered area",
			v:    &Validator{Now: validateTestNow, OrganizerAreas: map[CreditCode]DivisionCode{credit: validateDiv("371503")}},
			rec:  validateWithActivity(func(a *Activity) { a.Organizer.Division = DivisionCode{} }),
			want: []Issue{validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371502001", "area", "371503")},
		},
		{
			name: "inside the registered area, outside the record's",
			v:    &Validator{Now: validateTestNow, OrganizerAreas: map[CreditCode]DivisionCode{credit: validateDiv("3715")}},
			rec:  validateWithActivity(func(a *Activity) { a.Division = validateDiv("371503001") }),
			want: []Issue{validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371503001", "area", "371502001")},
		},
		{
			name: "registered area other than the record's",
			v:    &Validator{Now: validateTestNow, OrganizerAreas: map[CreditCode]DivisionCode{credit: validateDiv("371503")}},
			rec:  validateTestActivity(),
			want: []Issue{
				validateTestIssue("activity.outsideOrganizerArea", "/division", "value", "371502001", "area", "371503"),
				validateTestIssue("activity.organizerAreaMismatch", "/organizer/division", "value", "371502001", "area", "371503"),
			},
		},
		{
			name: "registered area of another organizer",
			v: &Validator{Now: validateTestNow, OrganizerAreas: map[CreditCode]DivisionCode{
				validateMust(ParseCreditCode("12371502MB2854331X")): validateDiv("371503"),
			}},
			rec: validateTestActivity(),
		},
		{
			name: "end equals start",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants, a.Speakers = FormPush, nil, 3000, nil
				a.End = a.Start
			}),
		},
		{
			name: "end a nanosecond before start",
			rec:  validateWithActivity(func(a *Activity) { a.End = a.Start.Add(-time.Nanosecond) }),
			want: []Issue{validateTestIssue("activity.endBeforeStart", "/end", "start", "2025-10-17T09:30:00+08:00", "end", "2025-10-17T09:29:59+08:00")},
		},
		{
			name: "end before start in another offset",
			rec:  validateWithActivity(func(a *Activity) { a.End = validateAt("2025-10-17T01:00:00Z") }),
			want: []Issue{validateTestIssue("activity.endBeforeStart", "/end", "start", "2025-10-17T09:30:00+08:00", "end", "2025-10-17T01:00:00Z")},
		},
		{
			name: "a lecture of exactly 24 hours",
			rec:  validateWithActivity(func(a *Activity) { a.End = a.Start.Add(24 * time.Hour) }),
		},
		{
			name: "a lecture of a second more than 24 hours",
			rec:  validateWithActivity(func(a *Activity) { a.End = a.Start.Add(24*time.Hour + time.Second) }),
			want: []Issue{validateTestIssue("activity.longDuration", "/end", "form", "lecture", "hours", int64(24))},
		},
		{
			name: "a bulletin board shown for two months",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormBulletinBoard, nil, 0
				a.End = a.Start
				a.Start = a.Start.AddDate(0, -2, 0)
			}),
		},
		{
			name: "start and end at now",
			rec: validateWithActivity(func(a *Activity) {
				a.Start, a.End = validateTestNow.Add(-time.Hour), validateTestNow
			}),
		},
		{
			name: "end a second after now",
			rec: validateWithActivity(func(a *Activity) {
				a.Start, a.End = validateTestNow.Add(-time.Hour), validateTestNow.Add(time.Second)
			}),
			want: []Issue{validateTestIssue("time.future", "/end", "value", "2025-11-20T10:00:01+08:00", "now", "2025-11-20T10:00:00+08:00")},
		},
		{
			name: "start and end in the future, in UTC",
			rec: validateWithActivity(func(a *Activity) {
				a.Start, a.End = validateAt("2025-12-01T01:00:00Z"), validateAt("2025-12-01T03:00:00Z")
			}),
			want: []Issue{
				validateTestIssue("time.future", "/start", "value", "2025-12-01T01:00:00Z", "now", "2025-11-20T10:00:00+08:00"),
				validateTestIssue("time.future", "/end", "value", "2025-12-01T03:00:00Z", "now", "2025-11-20T10:00:00+08:00"),
			},
		},
		{
			name: "future without a clock",
			v:    &Validator{},
			rec: validateWithActivity(func(a *Activity) {
				a.Start, a.End = validateAt("2099-12-01T01:00:00Z"), validateAt("2099-12-01T03:00:00Z")
			}),
		},
		{
			name: "home visit without resident",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
			}),
			want: []Issue{validateTestIssue("activity.residentMissing", "/resident", "form", "home-visit")},
		},
		{
			name: "individual guidance without resident",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormIndividualGuidance, nil, 1
			}),
			want: []Issue{validateTestIssue("activity.residentMissing", "/resident", "form", "individual-guidance")},
		},
		{
			name: "home visit with resident",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants, a.Resident = FormHomeVisit, nil, 1, validateTestResident()
			}),
		},
		{
			name: "lecture with resident",
			rec:  validateWithActivity(func(a *Activity) { a.Resident = validateTestResident() }),
			want: []Issue{validateTestIssue("activity.residentUnexpected", "/resident", "form", "lecture")},
		},
		{
			name: "printed materials naming a material",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence = FormPrintedMaterials, nil
				a.Material = &Material{ID: "高血压防治手册", Title: "高血压防治手册（2025版）"}
			}),
		},
		{
			name: "audio-visual naming a material",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence = FormAudioVisual, nil
				a.Material = &Material{ID: "AV-07"}
			}),
		},
		{
			name: "lecture naming a material",
			rec:  validateWithActivity(func(a *Activity) { a.Material = &Material{ID: "M1"} }),
			want: []Issue{validateTestIssue("activity.materialUnexpected", "/material", "form", "lecture")},
		},
		{
			name: "bulletin board naming its board",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence = FormBulletinBoard, nil
				a.Board = &Board{ID: "B1", AreaDm2: 240}
			}),
		},
		{
			name: "bulletin board naming a material",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence = FormBulletinBoard, nil
				a.Material = &Material{ID: "M1"}
			}),
			want: []Issue{validateTestIssue("activity.materialUnexpected", "/material", "form", "bulletin-board")},
		},
		{
			name: "printed materials naming a board",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence = FormPrintedMaterials, nil
				a.Board = &Board{ID: "B1"}
			}),
			want: []Issue{validateTestIssue("activity.boardUnexpected", "/board", "form", "printed-materials")},
		},
		{
			name: "resident born after now",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
				a.Resident = &Resident{CitizenID: validateTestCitizenID("37150220251121001")}
			}),
			want: []Issue{validateTestIssue("citizenId.future", "/resident/citizenId", "value", validateTestCitizenID("37150220251121001").Masked())},
		},
		{
			name: "resident born today, visited today",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
				a.Start, a.End = validateAt("2025-11-20T08:00:00+08:00"), validateAt("2025-11-20T08:30:00+08:00")
				a.Resident = &Resident{CitizenID: validateTestCitizenID("37150220251120002")}
			}),
		},
		{
			name: "resident born after the visit",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
				a.Resident = &Resident{CitizenID: validateTestCitizenID("37150220251018002")}
			}),
			want: []Issue{validateTestIssue("citizenId.bornAfter", "/resident/citizenId",
				"value", validateTestCitizenID("37150220251018002").Masked(), "date", "2025-10-17")},
		},
		{
			name: "resident born on the day of the visit",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
				a.Resident = &Resident{CitizenID: validateTestCitizenID("37150220251017002")}
			}),
		},
		{
			name: "lecture without evidence",
			rec:  validateWithActivity(func(a *Activity) { a.Evidence = nil }),
			want: []Issue{validateTestIssue("activity.evidenceMissing", "/evidence", "form", "lecture")},
		},
		{
			name: "free clinic with blank photos and no sign-in sheet",
			rec: validateWithActivity(func(a *Activity) {
				a.Form = FormFreeClinic
				a.Evidence = &Evidence{Photos: []string{" ", ""}}
			}),
			want: []Issue{
				validateTestIssue("activity.evidenceMissing", "/evidence/photos", "form", "free-clinic"),
				validateTestIssue("activity.evidenceMissing", "/evidence/signInSheet", "form", "free-clinic"),
			},
		},
		{
			name: "first-aid training with a sign-in sheet only",
			rec: validateWithActivity(func(a *Activity) {
				a.Form = FormFirstAidTraining
				a.Evidence = &Evidence{SignInSheet: "oss://lc/sign.pdf"}
			}),
			want: []Issue{validateTestIssue("activity.evidenceMissing", "/evidence/photos", "form", "first-aid-training")},
		},
		{
			name: "consultation without evidence",
			rec:  validateWithActivity(func(a *Activity) { a.Form, a.Evidence = FormConsultation, nil }),
		},
		{
			name: "lecture with no participants",
			rec:  validateWithActivity(func(a *Activity) { a.Participants = 0 }),
			want: []Issue{validateTestIssue("activity.noParticipants", "/participants", "form", "lecture")},
		},
		{
			name: "lecture with one participant",
			rec:  validateWithActivity(func(a *Activity) { a.Participants = 1 }),
		},
		{
			name: "push with no participants",
			rec:  validateWithActivity(func(a *Activity) { a.Form, a.Evidence, a.Participants = FormPush, nil, 0 }),
		},
		{
			name: "zero activity",
			rec:  &Activity{},
		},
	})
}

func TestValidateDivisionRegistry(t *testing.T) {
	villages := validateMust(LoadRegistryCSV(strings.NewReader("code,name\n371502001001,古楼社区居委会\n")))
	reg := DefaultRegistry().Merge(villages)
	v := &Validator{Registry: reg}
	tests := []struct {
		code string
		want bool
	}{
		{"37", true},
		{"3715", true},
		{"371502", true},
		{"371502001", true},
		{"371502050", false},        // no such township
		{"371502001001", true},      // a village the registry holds
		{"371502001002", false},     // a village it does not hold, under a township with villages
		{"371502002201", true},      // under a township without villages
		{"371502050201", false},     // under an unknown township
		{"4419", true},              // 东莞市, without counties
		{"441900003", true},         // 东城街道, a township directly under the city
		{"441900003201", true},      // a village of it
		{"441900099201", false},     // a village of an unknown township of it
		{"710000000000", false},     // Taiwan: not in the table
		{"110101001201", true},      // Beijing, 东华门街道, a village
		{"1101", true},              // Beijing's 市辖区
		{"11019", false},            // not a code: see below
		{"", false},                 // the zero code
		{"522301001" + "000", true}, // 黔西南州 兴义市 黄草街道, padded
		{"522301001" + "599", true}, // the last village number
		{"522301000" + "000", true}, // the county itself
		{"522399", false},           // no such county
		{"5223", true},              // 黔西南州
		{"150207", true},            // 九原区
		{"150207001", true},         // 沙河街道
		{"150207001" + "100", true}, // 居委会 of it
	}
	for _, tt := range tests {
		c, err := ParseDivisionCode(tt.code)
		if err != nil {
			c = DivisionCode{}
		}
		if got := v.KnownDivision(c); got != tt.want {
			t.Errorf("KnownDivision(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	// With the default registry, every village under a known township is
	// accepted.
	if !(&Validator{}).KnownDivision(validateDiv("371502001002")) {
		t.Error("default registry: KnownDivision(371502001002) = false, want true")
	}
}

func validateWithReport(f func(m *MonthlyReport)) *MonthlyReport {
	m := validateTestReport()
	f(m)
	return m
}

func TestValidateMonthlyReport(t *testing.T) {
	dv := func(element, value string) DataValue {
		return DataValue{Element: element, Value: validateMust(ParseDecimal(value))}
	}
	many := []DataValue{}
	for _, e := range DefaultElements().Elements() {
		many = append(many, DataValue{Element: e.Code, Value: DecimalFromInt(1)})
	}
	n := len(many)
	many = append(many, many...) // each twice: more than validateSmall
	var manyWant []Issue
	for i := n; i < len(many); i++ {
		manyWant = append(manyWant, validateTestIssue("monthlyReport.duplicateElement", "/values/"+strconv.Itoa(i)+"/element", "value", many[i].Element))
	}
	fewValues := &Validator{Now: validateTestNow, Elements: validateExpecting()}
	oneElement := validateMust(LoadElementCatalog(strings.NewReader(
		`{"elements":[{"code":"visits","names":{"zh-Hans":"随访","zh-Hant":"隨訪","en":"visits"},"valueType":"integer","aggregation":"sum"}]}`)))

	validateRun(t, []validateCase{
		{name: "valid", rec: validateTestReport()},
		{
			name: "unknown division",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Division = validateDiv("150299") }),
			want: []Issue{validateTestIssue("division.unknown", "/division", "value", "150299")},
		},
		{
			name: "a quarter",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Period = MustParsePeriod("2025Q3") }),
			want: []Issue{validateTestIssue("monthlyReport.periodNotMonth", "/period", "value", "2025Q3")},
		},
		{
			name: "a day",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Period = MustParsePeriod("20251017") }),
			want: []Issue{validateTestIssue("monthlyReport.periodNotMonth", "/period", "value", "20251017")},
		},
		{
			name: "submitted a second before the month began",
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-09-30T23:59:59+08:00") }),
			want: []Issue{validateTestIssue("monthlyReport.beforePeriod", "/submittedAt", "value", "2025-09-30T23:59:59+08:00", "period", "202510")},
		},
		{
			name: "submitted as the month began",
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-10-01T00:00:00+08:00") }),
			want: []Issue{validateTestIssue("monthlyReport.early", "/submittedAt", "value", "2025-10-01T00:00:00+08:00", "period", "202510")},
		},
		{
			name: "submitted a second before the month ended",
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-10-31T15:59:59Z") }),
			want: []Issue{validateTestIssue("monthlyReport.early", "/submittedAt", "value", "2025-10-31T15:59:59Z", "period", "202510")},
		},
		{
			name: "submitted as the month ended, in UTC",
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-10-31T16:00:00Z") }),
		},
		{
			name: "last second before the deadline",
			v:    &Validator{Now: validateTestNow, ReportDueDays: 5},
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-11-05T23:59:59+08:00") }),
		},
		{
			name: "at the deadline",
			v:    &Validator{Now: validateTestNow, ReportDueDays: 5},
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-11-06T00:00:00+08:00") }),
			want: []Issue{validateTestIssue("monthlyReport.late", "/submittedAt", "value", "2025-11-06T00:00:00+08:00", "period", "202510", "due", "2025-11-05")},
		},
		{
			name: "a month of 28 days, due after one day",
			v:    &Validator{Now: validateTestNow, ReportDueDays: 1},
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period = MustParsePeriod("202502")
				m.SubmittedAt = validateAt("2025-03-02T00:00:00+08:00")
			}),
			want: []Issue{validateTestIssue("monthlyReport.late", "/submittedAt", "value", "2025-03-02T00:00:00+08:00", "period", "202502", "due", "2025-03-01")},
		},
		{
			name: "late without a deadline",
			rec:  validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-11-19T00:00:00+08:00") }),
		},
		{
			name: "submitted in the future",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period = MustParsePeriod("202511")
				m.SubmittedAt = validateAt("2025-12-01T00:00:00+08:00")
			}),
			want: []Issue{validateTestIssue("time.future", "/submittedAt", "value", "2025-12-01T00:00:00+08:00", "now", "2025-11-20T10:00:00+08:00")},
		},
		{
			name: "unknown element",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values[1].Element = "children-managed" }),
			want: []Issue{
				validateTestIssue("monthlyReport.missingElement", "/values", "element", "children-0-6-managed"),
				validateTestIssue("monthlyReport.unknownElement", "/values/1/element", "value", "children-managed"),
			},
		},
		{
			name: "value types",
			v:    fewValues,
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = []DataValue{
					dv("lectures", "0"),
					dv("pushes", "-1"),
					dv("population", "1.5"),
					dv("population-65plus", "1.0"),
					dv("children-0-6-management-rate", "100"),
					dv("hypertension-managed", "12"),
				}
			}),
			want: []Issue{
				validateTestIssue("monthlyReport.valueType", "/values/1/value", "value", "-1", "element", "pushes", "type", "count"),
				validateTestIssue("monthlyReport.valueType", "/values/2/value", "value", "1.5", "element", "population", "type", "count"),
			},
		},
		{
			name: "percent bounds",
			v:    fewValues,
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = []DataValue{dv("children-0-6-management-rate", "100.0001")}
			}),
			want: []Issue{validateTestIssue("monthlyReport.valueType", "/values/0/value", "value", "100.0001", "element", "children-0-6-management-rate", "type", "percent")},
		},
		{
			name: "percent with five decimals",
			v:    fewValues,
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = []DataValue{dv("children-0-6-management-rate", "96.41005")}
			}),
			want: []Issue{validateTestIssue("monthlyReport.valueType", "/values/0/value", "value", "96.41005", "element", "children-0-6-management-rate", "type", "percent")},
		},
		{
			name: "element twice",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = append(m.Values, dv("children-0-6", "1"), dv("children-0-6", "-5"))
			}),
			want: []Issue{
				validateTestIssue("monthlyReport.duplicateElement", "/values/24/element", "value", "children-0-6"),
				validateTestIssue("monthlyReport.duplicateElement", "/values/25/element", "value", "children-0-6"),
			},
		},
		{name: "many elements, some twice", rec: validateWithReport(func(m *MonthlyReport) { m.Values = many }), want: manyWant},
		{
			name: "part exceeds whole",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values[1].Value = DecimalFromInt(13933) }),
			want: []Issue{validateTestIssue("monthlyReport.partExceedsWhole", "/values/1/value",
				"part", "children-0-6-managed", "partValue", "13933", "whole", "children-0-6", "wholeValue", "13932")},
		},
		{
			name: "part equals whole",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values[1].Value = DecimalFromInt(13932) }),
		},
		{
			name: "whole not reported",
			v:    fewValues,
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values = m.Values[1:] }),
		},
		{
			name: "no bounds",
			v:    &Validator{Now: validateTestNow, ElementBounds: []ElementBound{}},
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values[1].Value = DecimalFromInt(13933) }),
		},
		{
			name: "own bounds",
			v:    &Validator{Now: validateTestNow, ElementBounds: []ElementBound{{Part: "children-0-6", Whole: "children-0-6-managed"}}},
			rec:  validateTestReport(),
			want: []Issue{validateTestIssue("monthlyReport.partExceedsWhole", "/values/0/value",
				"part", "children-0-6", "partValue", "13932", "whole", "children-0-6-managed", "wholeValue", "13432")},
		},
		{
			name: "own catalogue",
			v:    &Validator{Now: validateTestNow, Elements: oneElement},
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = []DataValue{dv("visits", "-3"), dv("lectures", "1"), dv("visits", "0.5")}
			}),
			want: []Issue{
				validateTestIssue("monthlyReport.unknownElement", "/values/1/element", "value", "lectures"),
				validateTestIssue("monthlyReport.duplicateElement", "/values/2/element", "value", "visits"),
			},
		},
		{name: "zero report", rec: &MonthlyReport{}},
	})
}

// validateReportWithout returns the complete report without the values of
// the given elements.
func validateReportWithout(codes ...string) *MonthlyReport {
	return validateWithReport(func(m *MonthlyReport) {
		m.Values = slices.DeleteFunc(m.Values, func(dv DataValue) bool { return slices.Contains(codes, dv.Element) })
	})
}

// TestValidateMonthlyReportMissingElements checks the warning for each
// element expected in every monthly report (月报必报项) that a report
// leaves out.
func TestValidateMonthlyReportMissingElements(t *testing.T) {
	missing := func(code string) Issue {
		return validateTestIssue("monthlyReport.missingElement", "/values", "element", code)
	}
	// Every element twice but lectures: a long report, whose elements are
	// looked up in a map.
	var long []DataValue
	for _, e := range DefaultElements().Elements() {
		if e.Code != "lectures" {
			long = append(long, DataValue{Element: e.Code, Value: DecimalFromInt(1)})
		}
	}
	n := len(long)
	long = append(long, long...)
	longWant := []Issue{missing("lectures")}
	for i := n; i < len(long); i++ {
		longWant = append(longWant, validateTestIssue("monthlyReport.duplicateElement", "/values/"+strconv.Itoa(i)+"/element", "value", long[i].Element))
	}
	own := validateMust(LoadElementCatalog(strings.NewReader(`{"elements":[
		{"code":"visits","names":{"zh-Hans":"随访","zh-Hant":"隨訪","en":"visits"},"valueType":"count","aggregation":"sum","expectedInMonthlyReport":true},
		{"code":"lectures","names":{"zh-Hans":"讲座","zh-Hant":"講座","en":"lectures"},"valueType":"count","aggregation":"sum"},
		{"code":"pushes","names":{"zh-Hans":"推送","zh-Hant":"推送","en":"pushes"},"valueType":"count","aggregation":"sum","expectedInMonthlyReport":true}]}`)))

	validateRun(t, []validateCase{
		{name: "complete", rec: validateTestReport()},
		{
			name: "only the elements not expected left out",
			rec:  validateReportWithout("children-0-6-management-rate"),
		},
		{
			name: "one left out",
			rec:  validateReportWithout("lectures"),
			want: []Issue{missing("lectures")},
		},
		{
			name: "several left out, warned in catalogue order",
			rec:  validateReportWithout("pushes", "population", "health-records", "hypertension-controlled"),
			want: []Issue{missing("population"), missing("hypertension-controlled"), missing("health-records"), missing("pushes")},
		},
		{
			name: "given with a value of the wrong type",
			rec: validateWithReport(func(m *MonthlyReport) {
				i := validateIndexElement(m.Values, "lectures")
				m.Values[i].Value = DecimalFromInt(-1)
			}),
			want: []Issue{validateTestIssue("monthlyReport.valueType", "/values/16/value", "value", "-1", "element", "lectures", "type", "count")},
		},
		{
			name: "given twice",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = append(m.Values, DataValue{Element: "pushes", Value: DecimalFromInt(31)})
			}),
			want: []Issue{validateTestIssue("monthlyReport.duplicateElement", "/values/24/element", "value", "pushes")},
		},
		{name: "long report, one left out", rec: validateWithReport(func(m *MonthlyReport) { m.Values = long }), want: longWant},
		{
			name: "a catalogue with no element expected",
			v:    &Validator{Now: validateTestNow, Elements: validateExpecting()},
			rec:  validateReportWithout("population", "lectures", "pushes"),
		},
		{
			name: "a catalogue expecting two elements",
			v:    &Validator{Now: validateTestNow, Elements: validateExpecting("population", "pushes")},
			rec:  validateReportWithout("population", "lectures", "pushes"),
			want: []Issue{missing("population"), missing("pushes")},
		},
		{
			name: "own catalogue",
			v:    &Validator{Now: validateTestNow, Elements: own},
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Values = []DataValue{{Element: "lectures", Value: DecimalFromInt(2)}, {Element: "pushes", Value: DecimalFromInt(5)}}
			}),
			want: []Issue{missing("visits")},
		},
		{
			name: "no values, which the Decoder rejects",
			rec:  validateWithReport(func(m *MonthlyReport) { m.Values = nil }),
		},
	})
}

func validateWithBinding(f func(b *Binding)) *Binding {
	b := validateTestBinding()
	f(b)
	return b
}

func TestValidateBinding(t *testing.T) {
	at := func(s string) *time.Time { t := validateAt(s); return &t }
	validateRun(t, []validateCase{
		{name: "valid", rec: validateTestBinding()},
		{
			name: "unbound later",
			rec:  validateWithBinding(func(b *Binding) { b.UnboundAt = at("2025-07-01T10:00:00+08:00") }),
		},
		{
			name: "unbound as bound",
			rec:  validateWithBinding(func(b *Binding) { b.UnboundAt = at("2025-06-01T02:00:00Z") }),
		},
		{
			name: "unbound a second before bound",
			rec:  validateWithBinding(func(b *Binding) { b.UnboundAt = at("2025-06-01T09:59:59+08:00") }),
			want: []Issue{validateTestIssue("binding.unboundBeforeBound", "/unboundAt", "boundAt", "2025-06-01T10:00:00+08:00", "unboundAt", "2025-06-01T09:59:59+08:00")},
		},
		{
			name: "bound and unbound in the future",
			rec: validateWithBinding(func(b *Binding) {
				b.BoundAt = validateAt("2025-11-20T10:00:00+08:00")
				b.UnboundAt = at("2025-11-20T10:00:01+08:00")
			}),
			want: []Issue{validateTestIssue("time.future", "/unboundAt", "value", "2025-11-20T10:00:01+08:00", "now", "2025-11-20T10:00:00+08:00")},
		},
		{
			name: "unknown divisions",
			rec: validateWithBinding(func(b *Binding) {
				b.Division = validateDiv("522301050")
				b.Instructor.Division = validateDiv("522399")
			}),
			want: []Issue{
				validateTestIssue("division.unknown", "/division", "value", "522301050"),
				validateTestIssue("division.unknown", "/instructor/division", "value", "522399"),
				validateTestIssue("binding.outsideInstructorArea", "/division", "value", "522301050", "area", "522399"),
			},
		},
		{
			name: "resident outside the instructor's village",
			rec: validateWithBinding(func(b *Binding) {
				b.Instructor.Division = validateDiv("522301001201")
				b.Division = validateDiv("522301001202")
			}),
			want: []Issue{validateTestIssue("binding.outsideInstructorArea", "/division", "value", "522301001202", "area", "522301001201")},
		},
		{
			name: "prefecture instructor",
			rec:  validateWithBinding(func(b *Binding) { b.Instructor.Division = validateDiv("5223") }),
		},
		{
			name: "resident born after now",
			rec: validateWithBinding(func(b *Binding) {
				b.Resident.CitizenID = validateTestCitizenID("52230120251121003")
			}),
			want: []Issue{validateTestIssue("citizenId.future", "/resident/citizenId", "value", validateTestCitizenID("52230120251121003").Masked())},
		},
		{
			name: "resident born after the binding",
			rec: validateWithBinding(func(b *Binding) {
				b.Resident.CitizenID = validateTestCitizenID("52230120250602003")
			}),
			want: []Issue{validateTestIssue("citizenId.bornAfter", "/resident/citizenId",
				"value", validateTestCitizenID("52230120250602003").Masked(), "date", "2025-06-01")},
		},
		{
			name: "bound in UTC on the day of birth in Beijing",
			rec: validateWithBinding(func(b *Binding) {
				b.BoundAt = validateAt("2025-06-01T17:00:00Z") // 2 June, 01:00 in Beijing
				b.Resident.CitizenID = validateTestCitizenID("52230120250602003")
			}),
		},
		{name: "zero binding", rec: &Binding{}},
	})
}

func validateWithSurvey(f func(s *LiteracySurvey)) *LiteracySurvey {
	s := validateTestSurvey()
	f(s)
	return s
}

func TestValidateLiteracySurvey(t *testing.T) {
	yes, no := true, false
	items := func(scores ...int) []ItemScore { // score, max pairs
		var it []ItemScore
		for i := 0; i+1 < len(scores); i += 2 {
			it = append(it, ItemScore{Item: len(it) + 1, Score: scores[i], MaxScore: scores[i+1]})
		}
		return it
	}
	validateRun(t, []validateCase{
		{name: "valid, exactly 80%", rec: validateTestSurvey()},
		{
			name: "79 of 100, said literate",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items = items(40, 50, 39, 50) }),
			want: []Issue{validateTestIssue("literacySurvey.literateMismatch", "/literate",
				"value", true, "expected", false, "score", int64(79), "total", int64(100))},
		},
		{
			name: "79 of 100, not literate",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items, s.Literate = items(40, 50, 39, 50), &no }),
		},
		{
			name: "80 of 100, said not literate",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Literate = &no }),
			want: []Issue{validateTestIssue("literacySurvey.literateMismatch", "/literate",
				"value", false, "expected", true, "score", int64(80), "total", int64(100))},
		},
		{
			name: "6 of 7 is 85.7%",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items, s.Literate = items(3, 3, 3, 4), &yes }),
		},
		{
			name: "5 of 7 is 71.4%",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items, s.Literate = items(2, 3, 3, 4), &yes }),
			want: []Issue{validateTestIssue("literacySurvey.literateMismatch", "/literate",
				"value", true, "expected", false, "score", int64(5), "total", int64(7))},
		},
		{
			name: "4 of 5 is exactly 80%",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items, s.Literate = items(4, 5), &yes }),
		},
		{
			name: "literate absent",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items, s.Literate = items(0, 5), nil }),
		},
		{
			name: "score above max",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items = items(40, 50, 6, 5) }),
			want: []Issue{validateTestIssue("literacySurvey.scoreAboveMax", "/items/1/score", "score", 6, "maxScore", 5)},
		},
		{
			name: "score equal to max",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Items = items(45, 50, 5, 5) }),
		},
		{
			name: "item twice",
			rec: validateWithSurvey(func(s *LiteracySurvey) {
				s.Items = append(s.Items, ItemScore{Item: 2, Score: 0, MaxScore: 1}, ItemScore{Item: 256, MaxScore: 1},
					ItemScore{Item: 257, MaxScore: 1}, ItemScore{Item: 257, MaxScore: 1}, ItemScore{Item: 256, MaxScore: 1})
			}),
			want: []Issue{
				validateTestIssue("literacySurvey.duplicateItem", "/items/2/item", "value", 2),
				validateTestIssue("literacySurvey.duplicateItem", "/items/5/item", "value", 257),
				validateTestIssue("literacySurvey.duplicateItem", "/items/6/item", "value", 256),
			},
		},
		{
			name: "scores out of structural range",
			rec: validateWithSurvey(func(s *LiteracySurvey) {
				s.Items = []ItemScore{{Item: 1, Score: -1, MaxScore: 1 << 40}, {Item: 2, Score: 1 << 62, MaxScore: 1 << 62}}
			}),
		},
		{
			name: "surveyed today",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.SurveyedOn = validateDate("2025-11-20") }),
		},
		{
			name: "surveyed tomorrow",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.SurveyedOn = validateDate("2025-11-21") }),
			want: []Issue{validateTestIssue("time.future", "/surveyedOn", "value", "2025-11-21", "now", "2025-11-20")},
		},
		{
			name: "today in Beijing is tomorrow in UTC",
			v:    &Validator{Now: validateAt("2025-11-20T16:30:00Z")},
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.SurveyedOn = validateDate("2025-11-21") }),
		},
		{
			name: "unknown division",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.Division = validateDiv("371599") }),
			want: []Issue{validateTestIssue("division.unknown", "/division", "value", "371599")},
		},
		{name: "zero survey", rec: &LiteracySurvey{}},
	})
}

func validateWithCell(f func(c *HealthCell)) *HealthCell {
	c := validateTestCell()
	f(c)
	return c
}

func TestValidateHealthCell(t *testing.T) {
	date := func(s string) *Date { d := validateDate(s); return &d }
	validateRun(t, []validateCase{
		{name: "valid", rec: validateTestCell()},
		{
			name: "named in the year after",
			rec:  validateWithCell(func(c *HealthCell) { c.NamedOn = date("2025-01-10") }),
			want: []Issue{validateTestIssue("healthCell.yearMismatch", "/namedOn", "value", "2025-01-10", "year", 2024)},
		},
		{
			name: "named on the last day of the year",
			rec:  validateWithCell(func(c *HealthCell) { c.NamedOn = date("2024-12-31") }),
		},
		{
			name: "no naming date",
			rec:  validateWithCell(func(c *HealthCell) { c.NamedOn = nil }),
		},
		{
			name: "this year",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2025, date("2025-11-20") }),
		},
		{
			name: "next year",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2026, nil }),
			want: []Issue{validateTestIssue("time.future", "/year", "value", 2026, "now", 2025)},
		},
		{
			name: "named tomorrow",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2025, date("2025-11-21") }),
			want: []Issue{validateTestIssue("time.future", "/namedOn", "value", "2025-11-21", "now", "2025-11-20")},
		},
		{
			name: "year in Beijing is the next year in UTC",
			v:    &Validator{Now: validateAt("2025-12-31T16:00:00Z")},
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2026, date("2026-01-01") }),
		},
		{
			name: "healthy community at a county",
			rec:  validateWithCell(func(c *HealthCell) { c.Division = validateDiv("150207") }),
			want: []Issue{validateTestIssue("healthCell.divisionLevel", "/division", "value", "150207", "type", "community")},
		},
		{
			name: "healthy village at a village",
			rec:  validateWithCell(func(c *HealthCell) { c.Type, c.Division = "village", validateDiv("150207001201") }),
		},
		{
			name: "healthy agency at a county",
			rec:  validateWithCell(func(c *HealthCell) { c.Type, c.Division = "agency", validateDiv("150207") }),
		},
		{
			name: "unknown division",
			rec:  validateWithCell(func(c *HealthCell) { c.Division = validateDiv("150207050") }),
			want: []Issue{validateTestIssue("division.unknown", "/division", "value", "150207050")},
		},
		{name: "zero cell", rec: &HealthCell{}},
	})
}

// validateTestForeign is a record kind of another package that checks
// itself.
type validateTestForeign struct {
	Header
	Division DivisionCode
}

func (f *validateTestForeign) RecordDivision() DivisionCode   { return f.Division }
func (f *validateTestForeign) RecordPeriod() (Period, string) { return Period{}, "" }

func (f *validateTestForeign) Check(v *Validator) []Issue {
	if f.Division.IsValid() && !v.KnownDivision(f.Division) {
		return []Issue{NewIssue("division.unknown", "/division", map[string]any{"value": f.Division.Short()})}
	}
	return nil
}

// validateTestOther is a record kind without rules, division or period.
type validateTestOther struct{ Header }

func (*validateTestOther) RecordDivision() DivisionCode   { return DivisionCode{} }
func (*validateTestOther) RecordPeriod() (Period, string) { return Period{}, "" }
func (*validateTestOther) Check(*Validator) []Issue       { return nil }

func TestValidateOtherKinds(t *testing.T) {
	validateRun(t, []validateCase{
		{name: "nil", rec: nil},
		{name: "nil activity", rec: (*Activity)(nil)},
		{name: "nil report", rec: (*MonthlyReport)(nil)},
		{name: "nil binding", rec: (*Binding)(nil)},
		{name: "nil survey", rec: (*LiteracySurvey)(nil)},
		{name: "nil cell", rec: (*HealthCell)(nil)},
		{name: "no rules", rec: &validateTestOther{}},
		{name: "checker, valid", rec: &validateTestForeign{Division: validateDiv("371502")}},
		{
			name: "checker, invalid",
			rec:  &validateTestForeign{Division: validateDiv("371599")},
			want: []Issue{validateTestIssue("division.unknown", "/division", "value", "371599")},
		},
	})
}

func TestDefaultElementBounds(t *testing.T) {
	bounds := DefaultElementBounds()
	if diff := cmp.Diff(validateDefaultBounds, bounds); diff != "" {
		t.Errorf("DefaultElementBounds mismatch (-want +got):\n%s", diff)
	}
	bounds[0].Part = "changed"
	if validateDefaultBounds[0].Part == "changed" {
		t.Error("DefaultElementBounds returns the package's slice")
	}
	for _, b := range validateDefaultBounds {
		for _, code := range []string{b.Part, b.Whole} {
			if _, ok := DefaultElements().Lookup(code); !ok {
				t.Errorf("bound %v: element %q not in DefaultElements", b, code)
			}
		}
	}
}

// TestValidateCodesRegistered checks that the codes of the Validator are
// registered, with the severities the rules promise.
func TestValidateCodesRegistered(t *testing.T) {
	warnings := []string{
		"activity.residentUnexpected", "activity.evidenceMissing", "activity.longDuration",
		"activity.noParticipants", "activity.organizerAreaMismatch", "monthlyReport.early",
		"monthlyReport.late", "monthlyReport.missingElement", "binding.outsideInstructorArea", "healthCell.yearMismatch",
		"healthCell.divisionLevel", "document.duplicateId", "activity.materialUnexpected", "activity.boardUnexpected",
	}
	for _, d := range validateCodeDefs {
		want := SeverityError
		if slices.Contains(warnings, d.Code) {
			want = SeverityWarning
		}
		got, ok := LookupCode(d.Code)
		if !ok || got.Severity != want {
			t.Errorf("code %s: registered %v with %v, want %v", d.Code, ok, got.Severity, want)
		}
	}
	for _, code := range []string{"division.unknown", "citizenId.future"} {
		if _, ok := LookupCode(code); !ok {
			t.Errorf("code %s not registered", code)
		}
	}
}

// TestValidateAllocs checks that valid records are checked without
// allocating.
func TestValidateAllocs(t *testing.T) {
	home := validateWithActivity(func(a *Activity) {
		a.Form, a.Evidence, a.Resident = FormHomeVisit, nil, validateTestResident()
		a.Division = validateDiv("371502001201")
	})
	v := &Validator{Now: validateTestNow, OrganizerAreas: map[CreditCode]DivisionCode{
		validateMust(ParseCreditCode(validateTestCredit)): validateDiv("371502"),
	}}
	for _, r := range []Record{validateTestActivity(), home, validateTestReport(), validateTestBinding(), validateTestSurvey(), validateTestCell()} {
		var issues []Issue
		if n := testing.AllocsPerRun(100, func() { issues = v.Validate(r) }); n != 0 || issues != nil {
			t.Errorf("Validate(%T): %v allocations, issues %v; want none", r, n, issues)
		}
	}
}

// validateFuzz decodes data and validates each record: it must not panic,
// and every issue must have a registered code, a valid severity, a JSON
// Pointer whose parent is in the record, and params without a citizen ID
// number in clear.
func validateFuzz(t *testing.T, data []byte) {
	v := &Validator{Now: validateTestNow, ReportDueDays: 5}
	dec := NewDecoder(bytes.NewReader(data), DecodeOptions{MaxRecordBytes: 1 << 16})
	for dec.Next() {
		d := dec.Decoded()
		if d.Record == nil {
			continue
		}
		var doc any
		if err := json.Unmarshal(d.Raw, &doc); err != nil {
			t.Fatalf("decoded record is not JSON: %v\n%s", err, d.Raw)
		}
		for _, iss := range v.Validate(d.Record) {
			validateCheckIssue(t, iss, doc)
		}
	}
	sum, err := v.ValidateStream(bytes.NewReader(data), StreamOptions{Decode: DecodeOptions{MaxRecordBytes: 1 << 16}},
		func(r *RecordResult) error {
			if !slices.IsSortedFunc(r.Issues, validateCompareIssues) {
				t.Errorf("issues not sorted: %v", r.Issues)
			}
			if r.Accepted == validateHasError(r.Issues) {
				t.Errorf("Accepted = %v with issues %v", r.Accepted, r.Issues)
			}
			for _, iss := range r.Issues {
				if iss.Line < r.Line {
					t.Errorf("issue %v on line %d, before the record's line %d", iss, iss.Line, r.Line)
				}
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Accepted+sum.Rejected != sum.Records {
		t.Errorf("summary %+v does not add up", sum)
	}
}

func validateCheckIssue(t *testing.T, iss Issue, doc any) {
	t.Helper()
	if _, ok := LookupCode(iss.Code); !ok || iss.Code == issueUnregistered {
		t.Errorf("issue %v: code not registered", iss)
	}
	if !iss.Severity.IsValid() {
		t.Errorf("issue %v: invalid severity", iss)
	}
	tokens, err := SplitPointer(iss.Path)
	if err != nil || len(tokens) == 0 {
		t.Errorf("issue %v: path %q is not a pointer into the record: %v", iss, iss.Path, err)
		return
	}
	if _, ok := validateResolve(doc, tokens[:len(tokens)-1]); !ok {
		t.Errorf("issue %v: the parent of %q is not in the record", iss, iss.Path)
	}
	for name, p := range iss.Params {
		s := fmt.Sprint(p)
		if _, err := ParseCitizenID(s); err == nil {
			t.Errorf("issue %v: param %s holds a citizen ID number in clear", iss, name)
		}
	}
	for _, lang := range languageSupported {
		if msg := iss.Message(lang); strings.Contains(msg, "%!") {
			t.Errorf("issue %v: bad message %q", iss, msg)
		}
	}
}

// validateResolve follows tokens in a document decoded by encoding/json.
func validateResolve(doc any, tokens []string) (any, bool) {
	for _, tok := range tokens {
		switch d := doc.(type) {
		case map[string]any:
			v, ok := d[tok]
			if !ok {
				return nil, false
			}
			doc = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(d) {
				return nil, false
			}
			doc = d[i]
		default:
			return nil, false
		}
	}
	return doc, true
}

// validateTestJSON returns r in its wire form, with its citizen ID number
// in clear, as a submitter writes it (MarshalText masks it).
func validateTestJSON(r Record) []byte {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	var id CitizenID
	switch r := r.(type) {
	case *Activity:
		if r.Resident != nil {
			id = r.Resident.CitizenID
		}
	case *Binding:
		id = r.Resident.CitizenID
	}
	if id.IsValid() {
		b = bytes.ReplaceAll(b, []byte(id.Masked()), []byte(id.Unmasked()))
	}
	return b
}

// validateFuzzSeeds adds the records of a kind, valid and not, as seeds:
// each alone and twice in NDJSON.
func validateFuzzSeeds(f *testing.F, records ...Record) {
	for _, r := range records {
		b := validateTestJSON(r)
		f.Add(b)
		f.Add(append(append(b, '\n'), b...))
	}
}

func FuzzValidateActivity(f *testing.F) {
	validateFuzzSeeds(f,
		validateTestActivity(),
		validateWithActivity(func(a *Activity) { a.End = a.Start.Add(-time.Hour); a.Division = validateDiv("371503001") }),
		validateWithActivity(func(a *Activity) { a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 0 }),
		validateWithActivity(func(a *Activity) {
			a.Resident = &Resident{CitizenID: validateTestCitizenID("37150220251121001")}
			a.Start = validateAt("2026-01-01T00:00:00Z")
		}),
		validateWithActivity(func(a *Activity) {
			a.Material, a.Board = &Material{ID: "M1", Title: "高血压防治手册"}, &Board{ID: "B1", AreaDm2: 200}
		}),
	)
	f.Fuzz(validateFuzz)
}

func FuzzValidateMonthlyReport(f *testing.F) {
	validateFuzzSeeds(f,
		validateTestReport(),
		validateWithReport(func(m *MonthlyReport) {
			m.Period = MustParsePeriod("2025Q4")
			m.Values = append(m.Values, DataValue{Element: "children-0-6", Value: DecimalFromInt(-1)}, DataValue{Element: "nope"})
		}),
		validateWithReport(func(m *MonthlyReport) { m.SubmittedAt = validateAt("2025-10-02T00:00:00+08:00") }),
	)
	f.Fuzz(validateFuzz)
}

func FuzzValidateBinding(f *testing.F) {
	validateFuzzSeeds(f,
		validateTestBinding(),
		validateWithBinding(func(b *Binding) {
			u := validateAt("2025-01-01T00:00:00+08:00")
			b.UnboundAt = &u
			b.Division = validateDiv("371502001")
		}),
	)
	f.Fuzz(validateFuzz)
}

func FuzzValidateLiteracySurvey(f *testing.F) {
	validateFuzzSeeds(f,
		validateTestSurvey(),
		validateWithSurvey(func(s *LiteracySurvey) {
			s.Items = append(s.Items, ItemScore{Item: 1, Score: 9, MaxScore: 3})
			s.SurveyedOn = validateDate("2030-01-01")
		}),
	)
	f.Fuzz(validateFuzz)
}

func FuzzValidateHealthCell(f *testing.F) {
	validateFuzzSeeds(f,
		validateTestCell(),
		validateWithCell(func(c *HealthCell) { c.Year, c.Division = 2030, validateDiv("15") }),
	)
	f.Fuzz(validateFuzz)
}
