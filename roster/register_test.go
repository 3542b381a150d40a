package roster_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

func TestCheckReferences(t *testing.T) {
	recs := decode(t, instTownship, expert1,
		`{"schemaVersion":"1","kind":"expert","id":"LC-EX-0017","name":"刘强","division":"371502","institution":{"name":"东昌府区疾病预防控制中心"},"specialties":["first-aid"],"teams":["LC-TEAM-0440","LC-TEAM-0001"]}`,
		`{"schemaVersion":"1","kind":"lectureTeam","id":"LC-TEAM-0440","name":"白衣风采宣讲队","division":"371502","level":"county","experts":["LC-EX-0896","LC-EX-0999"],"instructors":["QXN-HI-0412","QXN-HI-9999"]}`)
	var got []string
	for _, iss := range roster.NewRegister(recs).CheckReferences() {
		got = append(got, fmt.Sprintf("%s %s %s %s %v", iss.Kind, iss.ID, iss.Code, iss.Path, iss.Params["value"]))
	}
	want := []string{
		"expert LC-EX-0017 roster.teamUnknown /teams/1 LC-TEAM-0001",
		"lectureTeam LC-TEAM-0440 roster.expertUnknown /experts/1 LC-EX-0999",
		"lectureTeam LC-TEAM-0440 roster.instructorUnknown /instructors/1 QXN-HI-9999",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if issues := fixtureRegister(t).CheckReferences(); len(issues) != 0 {
		t.Errorf("fixture: %v", issues)
	}
}

func TestRegisterResubmission(t *testing.T) {
	r := roster.NewRegister(decode(t, instCounty, `{"schemaVersion":"1","kind":"instructor","id":"QXN-HI-0101","name":"陈红","level":"township","division":"522301001","institution":{"name":"黄草街道社区卫生服务中心"},"roles":["health-instructor"]}`))
	in, ok := r.Instructor("QXN-HI-0101")
	if !ok || in.Level != roster.LevelTownship || len(r.Instructors()) != 1 {
		t.Errorf("Instructor = %+v, %v; %d instructors; want the last version alone", in, ok, len(r.Instructors()))
	}
	if _, ok := r.Expert("QXN-HI-0101"); ok {
		t.Error("an instructor's id found among the experts")
	}
}

func TestCheckBinding(t *testing.T) {
	r := fixtureRegister(t)
	binding := func(id string, d string, role healthedu.InstructorRole) *healthedu.Binding {
		return &healthedu.Binding{Instructor: healthedu.Instructor{ID: id, Division: div(d), Role: role}}
	}
	tests := []struct {
		name string
		b    *healthedu.Binding
		want []string
	}{
		{"as registered", binding("QXN-HI-0412", "522301001", "health-instructor"), nil},
		{"second role", binding("QXN-PA-0007", "5223", "health-instructor"), nil},
		{"unknown", binding("QXN-HI-9999", "522301001", "health-instructor"), []string{"roster.instructorUnknown /instructor/id"}},
		{"other division and role", binding("QXN-HI-0412", "522301", "family-doctor"),
			[]string{"roster.instructorMismatch /instructor/division", "roster.instructorMismatch /instructor/role"}},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, issueCodes(r.CheckBinding(tt.b))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckActivity(t *testing.T) {
	a := &healthedu.Activity{Speakers: []healthedu.Speaker{{Name: "张海燕", Role: "expert", Expert: "LC-EX-0896"},
		{Name: "王立新", Role: "family-doctor"}, {Name: "某某", Role: "expert", Expert: "LC-EX-0999"}}}
	if diff := cmp.Diff([]string{"roster.expertUnknown /speakers/2/expert"}, issueCodes(fixtureRegister(t).CheckActivity(a))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestBindingFromCode(t *testing.T) {
	r := fixtureRegister(t)
	s := mustSigner(t, testBase, key2025)
	v := mustVerifier(t, testBase, key2025)
	resident := healthedu.BoundResident{CitizenID: citizen("522301198501010120")}
	req := func(code string) roster.BindingRequest {
		return roster.BindingRequest{ID: "BD-1", Code: code, Division: div("522301001001"), Resident: resident, BoundAt: at("2025-10-12T15:20:00+08:00")}
	}

	b, issues := roster.BindingFromCode(req(mustSign(t, s, "QXN-HI-0412")), v, r.Instructor)
	if len(issues) > 0 {
		t.Fatalf("issues: %v", issues)
	}
	want := healthedu.Instructor{ID: "QXN-HI-0412", Name: "李梅", Role: "health-instructor", Division: div("522301001")}
	if diff := cmp.Diff(want, b.Instructor, cmp.Comparer(func(a, b healthedu.DivisionCode) bool { return a == b })); diff != "" {
		t.Errorf("instructor (-want +got):\n%s", diff)
	}
	if b.Via != healthedu.BindingViaCode || b.Kind != healthedu.KindBinding || b.ID != "BD-1" {
		t.Errorf("binding %+v", b.Header)
	}
	val := &healthedu.Validator{Now: time.Date(2025, 11, 15, 0, 0, 0, 0, healthedu.ChinaStandardTime)}
	if issues := append(val.Validate(b), r.CheckBinding(b)...); len(issues) > 0 {
		t.Errorf("the binding made does not validate: %v", issues)
	}

	forged := bytes.Repeat([]byte("A"), 22)
	tests := []struct {
		name string
		code string
		want []string
	}{
		{"forged", testBase + "?i=QXN-HI-0412&k=2025a&s=" + string(forged), []string{"bindingCode.signature /code"}},
		{"not registered", mustSign(t, s, "QXN-HI-9999"), []string{"roster.instructorUnknown /code"}},
		{"malformed", "QXN-HI-0412", []string{"bindingCode.malformed /code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, issues := roster.BindingFromCode(req(tt.code), v, r.Instructor)
			if diff := cmp.Diff(tt.want, issueCodes(issues)); diff != "" || b != nil {
				t.Errorf("binding %v, issues (-want +got):\n%s", b, diff)
			}
		})
	}
}
