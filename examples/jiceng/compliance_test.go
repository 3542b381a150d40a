package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

var complianceUpdate = flag.Bool("compliance.update", false, "rewrite the fixtures and golden files of the compliance command")

// complianceDir holds the fixtures and the golden files of "jiceng
// compliance", written by complianceFixtures and TestComplianceGolden.
var complianceDir = filepath.Join("testdata", "compliance")

// complianceNow is the instant the tests take as now: the year 2025 is
// over.
const complianceNow = "2026-01-15T12:00:00+08:00"

// complianceFile is the fixture of activities (see complianceFixtures).
var complianceFile = filepath.Join(complianceDir, "activities.ndjson")

// The institutions of the fixtures.
var (
	complianceGulou     = complianceCreditCode("12371502MB2850000") // 古楼街道社区卫生服务中心: a board changed late
	complianceTangyi    = complianceCreditCode("12371502MB2851102") // 堂邑镇卫生院: short of lectures
	complianceQianwang  = complianceCreditCode("52371502MJ3916022") // 前王村卫生室: compliant
	complianceZhenxing  = complianceCreditCode("12371503MB2860001") // 茌平区振兴街道社区卫生服务中心: outside 东昌府区
	complianceHospital  = complianceCreditCode("12371502MB2870003") // 东昌府区人民医院: not judged
	complianceInstitute = map[string]string{
		complianceGulou:    "聊城市东昌府区古楼街道社区卫生服务中心",
		complianceTangyi:   "聊城市东昌府区堂邑镇卫生院",
		complianceQianwang: "东昌府区堂邑镇前王村卫生室",
		complianceZhenxing: "聊城市茌平区振兴街道社区卫生服务中心",
	}
)

// complianceCreditCode returns the valid unified social credit code that
// starts with the 17 characters of body, as fxCreditCode does, for the
// variables above.
func complianceCreditCode(body string) string {
	for _, c := range "0123456789ABCDEFGHJKLMNPQRTUWXY" {
		if _, err := healthedu.ParseCreditCode(body + string(c)); err == nil {
			return body + string(c)
		}
	}
	panic("no credit code for " + body)
}

// complianceFxActivity is an activity of the fixtures in its wire form.
type complianceFxActivity struct {
	fxHeader
	Title     string      `json:"title"`
	Organizer fxOrganizer `json:"organizer"`
	Division  string      `json:"division"`
	Venue     struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"venue"`
	Form         string   `json:"form"`
	Topics       []string `json:"topics"`
	TargetGroups []string `json:"targetGroups"`
	Start        string   `json:"start"`
	End          string   `json:"end"`
	Participants int      `json:"participants"`
	Evidence     *struct {
		Photos      []string `json:"photos"`
		SignInSheet string   `json:"signInSheet"`
	} `json:"evidence,omitempty"`
	Material *struct {
		ID    string `json:"id"`
		Title string `json:"title,omitempty"`
	} `json:"material,omitempty"`
	Board *struct {
		ID      string `json:"id"`
		AreaDm2 int    `json:"areaDm2,omitempty"`
	} `json:"board,omitempty"`
}

// complianceFixtures returns the fixture activities.ndjson: the year 2025
// of health education of three grassroots institutions of 东昌府区,
// 聊城市, as a provincial platform receives it, and of a few others:
//
//   - 聊城市东昌府区堂邑镇卫生院 (a township health centre, 371502102) is
//     short of lectures: one a month but in August and November, 10 of
//     the 12 the norm asks; otherwise compliant: 12 kinds of printed
//     materials (some handed out twice), 6 audio-visual, two boards of
//     2.4 and 3 m² changed every two months, 9 consultations. It was on
//     track on 1 July: 6 lectures by then.
//   - 东昌府区堂邑镇前王村卫生室 (a village clinic, 371502102201) is
//     compliant: a lecture every two months, 12 and 6 kinds of materials,
//     one board changed every two months, 2 consultations (the norm asks
//     for none).
//   - 聊城市东昌府区古楼街道社区卫生服务中心 (a community health service
//     centre, 371502001) has a board, 社区广场, whose content changed on
//     8 April and then only on 20 June, 73 days later, after its due day
//     8 June; the rest is compliant. Its July lecture was submitted twice,
//     the same record under the same id: it counts once.
//   - 聊城市茌平区振兴街道社区卫生服务中心, outside 东昌府区 (371503001),
//     held three lectures: -under 371502 leaves it out.
//   - 东昌府区人民医院, a hospital, held a lecture: it is not judged.
//   - A health cell, a record of another kind, is skipped; so is an
//     activity of 堂邑镇卫生院 that ends before it starts, which the
//     validator rejects.
//
// The credit codes have valid check characters and are made up.
func complianceFixtures(t testing.TB) map[string][]byte {
	var b bytes.Buffer
	line := func(v any) {
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	type org struct {
		code, typ, division, short string
	}
	tangyi := org{complianceTangyi, "township-health-center", "371502102", "TY"}
	qianwang := org{complianceQianwang, "village-clinic", "371502102201", "QW"}
	gulou := org{complianceGulou, "community-health-center", "371502001", "GL"}
	zhenxing := org{complianceZhenxing, "community-health-center", "371503001", "ZX"}
	hospital := org{complianceHospital, "hospital", "371502001", "RM"}
	names := map[string]string{complianceHospital: "聊城市东昌府区人民医院"}
	for k, v := range complianceInstitute {
		names[k] = v
	}
	seq := map[string]int{}
	activity := func(o org, form string, m time.Month, day int, edit func(*complianceFxActivity)) complianceFxActivity {
		seq[o.short]++
		a := complianceFxActivity{
			fxHeader:     fxHead("activity", fmt.Sprintf("ACT-%s-2025-%03d", o.short, seq[o.short])),
			Organizer:    fxOrganizer{CreditCode: o.code, Name: names[o.code], Type: o.typ, Division: o.division},
			Division:     o.division,
			Form:         form,
			Topics:       []string{"chronic-disease"},
			TargetGroups: []string{"general"},
			Start:        fxTime(2025, m, day, 9, 0),
			End:          fxTime(2025, m, day, 10, 30),
		}
		a.Venue.Type, a.Venue.Name = "health-education-point", names[o.code]+"健康宣教点"
		switch form {
		case "lecture":
			a.Title, a.Participants = "健康知识讲座", 40+day
			a.Evidence = &struct {
				Photos      []string `json:"photos"`
				SignInSheet string   `json:"signInSheet"`
			}{[]string{fmt.Sprintf("oss://lc/2025/%02d/%s-%d.jpg", m, o.short, seq[o.short])}, fmt.Sprintf("oss://lc/2025/%02d/%s-%d-sign.pdf", m, o.short, seq[o.short])}
		case "consultation":
			a.Title, a.Participants = "公众健康咨询活动", 80+day
		case "printed-materials":
			a.Title = "发放健康教育资料"
		case "audio-visual":
			a.Title = "候诊区播放健康教育音像资料"
		case "bulletin-board":
			a.Title = "更换健康教育宣传栏内容"
		}
		if edit != nil {
			edit(&a)
		}
		return a
	}
	material := func(id string) func(*complianceFxActivity) {
		return func(a *complianceFxActivity) {
			a.Material = &struct {
				ID    string `json:"id"`
				Title string `json:"title,omitempty"`
			}{ID: id}
		}
	}
	board := func(id string, area int) func(*complianceFxActivity) {
		return func(a *complianceFxActivity) {
			a.Board = &struct {
				ID      string `json:"id"`
				AreaDm2 int    `json:"areaDm2,omitempty"`
			}{id, area}
		}
	}
	printed := []string{"高血压防治", "糖尿病防治", "老年人防跌倒", "合理膳食", "控烟限酒", "心理健康", "传染病防控", "预防接种", "妇幼保健", "中医药养生", "急救知识", "健康素养66条"}
	audioVisual := []string{"三减三健", "科学就医", "居家急救", "慢病自我管理", "儿童口腔保健", "老年痴呆早识别"}
	materials := func(o org) {
		for i, id := range printed {
			line(activity(o, "printed-materials", time.Month(1+i%12), 6, material(id)))
			if i%4 == 0 { // handed out again: the same kind
				line(activity(o, "printed-materials", time.Month(1+i%12), 20, material(id)))
			}
		}
		for i, id := range audioVisual {
			line(activity(o, "audio-visual", time.Month(1+2*i), 12, material(id)))
		}
	}
	boardChanges := func(o org, id string, area int, changes [][2]int) {
		for _, c := range changes {
			line(activity(o, "bulletin-board", time.Month(c[0]), c[1], board(id, area)))
		}
	}
	everyTwoMonths := [][2]int{{2, 20}, {4, 15}, {6, 10}, {8, 5}, {10, 1}, {12, 1}}

	// 堂邑镇卫生院: no lecture in August and November.
	for m := time.January; m <= time.December; m++ {
		if m != time.August && m != time.November {
			line(activity(tangyi, "lecture", m, 14, nil))
		}
	}
	materials(tangyi)
	boardChanges(tangyi, "门诊楼东侧", 240, everyTwoMonths)
	boardChanges(tangyi, "院内宣传廊", 300, everyTwoMonths)
	for m := time.March; m <= time.November; m++ {
		line(activity(tangyi, "consultation", m, 22, nil))
	}
	// Rejected: it ends before it starts.
	line(activity(tangyi, "consultation", time.December, 22, func(a *complianceFxActivity) {
		a.End = fxTime(2025, time.December, 22, 8, 0)
	}))

	// 前王村卫生室: compliant.
	for m := time.February; m <= time.December; m += 2 {
		line(activity(qianwang, "lecture", m, 10, nil))
	}
	materials(qianwang)
	boardChanges(qianwang, "村委会东墙", 240, [][2]int{{2, 25}, {4, 20}, {6, 18}, {8, 15}, {10, 10}, {12, 5}})
	line(activity(qianwang, "consultation", time.May, 8, nil))
	line(activity(qianwang, "consultation", time.September, 8, nil))

	// 古楼街道社区卫生服务中心: 社区广场 changed late in June; the July
	// lecture submitted twice.
	for m := time.January; m <= time.December; m++ {
		a := activity(gulou, "lecture", m, 13, nil)
		line(a)
		if m == time.July {
			line(a) // submitted again
		}
	}
	materials(gulou)
	boardChanges(gulou, "门诊楼东侧", 250, everyTwoMonths)
	boardChanges(gulou, "社区广场", 200, [][2]int{{2, 10}, {4, 8}, {6, 20}, {8, 15}, {10, 12}, {12, 10}})
	for m := time.March; m <= time.December; m++ {
		line(activity(gulou, "consultation", m, 25, nil))
	}

	// Outside 东昌府区, a hospital, and a record of another kind.
	for _, m := range []time.Month{time.March, time.June, time.September} {
		line(activity(zhenxing, "lecture", m, 16, nil))
	}
	line(activity(hospital, "lecture", time.May, 12, nil))
	line(fxCell{fxHead("healthCell", "HC-3715-2025-01"), "堂邑镇前王村", "village", "city", 2025, "371502102", "2025-11-20"})

	return map[string][]byte{"activities.ndjson": b.Bytes()}
}

// TestComplianceFixtures checks that the committed fixtures are those
// complianceFixtures writes; -compliance.update rewrites them.
func TestComplianceFixtures(t *testing.T) {
	for name, want := range complianceFixtures(t) {
		path := filepath.Join(complianceDir, name)
		if *complianceUpdate {
			if err := os.MkdirAll(complianceDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestComplianceFixtures -compliance.update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what complianceFixtures writes (run go test -run TestComplianceFixtures -compliance.update)", path)
		}
	}
}

// complianceRun runs "jiceng compliance" with -now complianceNow and args,
// on the fixture when args name no file.
func complianceRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	all := append([]string{"compliance", "-now", complianceNow}, args...)
	if !slices.ContainsFunc(args, func(a string) bool { return strings.HasSuffix(a, ".ndjson") || a == "-" }) {
		all = append(all, complianceFile)
	}
	return indicatorsCommand(t, all...)
}

// TestComplianceGolden runs the command over the institutions of 东昌府区
// in each format and language and compares the output with the golden
// files; -compliance.update rewrites them.
func TestComplianceGolden(t *testing.T) {
	for _, format := range complianceFormats {
		for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
			t.Run(format+"/"+lang, func(t *testing.T) {
				out, errOut, code := complianceRun(t, "-under", "371502", "-period", "2025", "-format", format, "-lang", lang)
				if code != exitNotCompliant {
					t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitNotCompliant, errOut)
				}
				golden := filepath.Join(complianceDir, format+"-"+lang+".golden")
				if *complianceUpdate {
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(string(want), out); diff != "" {
					t.Errorf("output (-want +got):\n%s", diff)
				}

				// Standard error: the rejected record, and with csv and
				// json the number of records skipped; the table closes
				// with it instead.
				rejected := map[string]string{
					"zh-Hans": "jiceng compliance: " + complianceFile + ":",
					"zh-Hant": "略過 activity 「ACT-TY-2025-",
					"en":      `skipped activity "ACT-TY-2025-`,
				}[lang]
				if !strings.Contains(errOut, rejected) || !strings.Contains(errOut, "activity.endBeforeStart /end") {
					t.Errorf("stderr lacks the rejected record (%q):\n%s", rejected, errOut)
				}
				skipped := newError(codeComplianceSkipped, 1, 1).Message(indicatorsLang(lang))
				if got := strings.Count(errOut, skipped); got != map[bool]int{true: 0, false: 1}[format == "table"] {
					t.Errorf("stderr has %q %d times:\n%s", skipped, got, errOut)
				}
				if lines := strings.Count(errOut, "\n"); lines != map[bool]int{true: 1, false: 2}[format == "table"] {
					t.Errorf("%d lines on stderr:\n%s", lines, errOut)
				}
			})
		}
	}
}

// complianceDoc is the JSON output, as a client reads it.
type complianceDoc struct {
	Period string `json:"period"`
	AsOf   string `json:"asOf"`
	Under  *struct {
		Code  string `json:"code"`
		Name  string `json:"name"`
		Level string `json:"level"`
	} `json:"under"`
	Norms struct {
		Source  compliance.Source     `json:"source"`
		Default bool                  `json:"default"`
		Classes []compliance.ClassDef `json:"classes"`
		Norms   []compliance.Norm     `json:"norms"`
	} `json:"norms"`
	Summary struct {
		Institutions int `json:"institutions"`
		Compliant    int `json:"compliant"`
		NotCompliant int `json:"notCompliant"`
	} `json:"summary"`
	Institutions []complianceDocInstitution `json:"institutions"`
}

type complianceDocInstitution struct {
	CreditCode string                   `json:"creditCode"`
	Name       string                   `json:"name"`
	Type       string                   `json:"type"`
	Class      string                   `json:"class"`
	Division   string                   `json:"division"`
	Year       string                   `json:"year"`
	MonthsOver int                      `json:"monthsOver"`
	Activities int                      `json:"activities"`
	Measures   []compliance.Measure     `json:"measures"`
	Boards     []compliance.BoardResult `json:"boards"`
	Issues     []struct {
		Severity string         `json:"severity"`
		Code     string         `json:"code"`
		Path     string         `json:"path"`
		Params   map[string]any `json:"params"`
		Message  string         `json:"message"`
	} `json:"issues"`
	TypeName   string `json:"typeName"`
	ClassName  string `json:"className"`
	Shortfalls int    `json:"shortfalls"`
	Compliant  bool   `json:"compliant"`
}

func complianceDecode(t *testing.T, out string) complianceDoc {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var d complianceDoc
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("%v in\n%s", err, out)
	}
	return d
}

// measure returns the measure of rule r of in as "value/required met".
func (in complianceDocInstitution) measure(r compliance.Rule) string {
	for _, m := range in.Measures {
		if m.Rule == r {
			return fmt.Sprintf("%d/%d %v", m.Value, m.Required, m.Met)
		}
	}
	return "none"
}

// issues returns the code and path of each issue of in.
func (in complianceDocInstitution) issues() []string {
	var s []string
	for _, is := range in.Issues {
		s = append(s, is.Code+" "+is.Path)
	}
	return s
}

// TestComplianceJSON checks the story of the fixtures in the JSON output:
// what each institution did, measured against the norm.
func TestComplianceJSON(t *testing.T) {
	out, errOut, code := complianceRun(t, "-under", "371502", "-period", "2025", "-format", "json", "-lang", "en")
	if code != exitNotCompliant {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	d := complianceDecode(t, out)
	var order []string
	byCode := map[string]complianceDocInstitution{}
	for _, in := range d.Institutions {
		order = append(order, in.CreditCode)
		byCode[in.CreditCode] = in
	}
	gulou, tangyi, qianwang := byCode[complianceGulou], byCode[complianceTangyi], byCode[complianceQianwang]
	type head struct {
		Period, AsOf, Under string
		Default             bool
		Title               string
		Summary             [3]int
		Order               []string
	}
	gotHead := head{d.Period, d.AsOf, "", d.Norms.Default, d.Norms.Source.Title,
		[3]int{d.Summary.Institutions, d.Summary.Compliant, d.Summary.NotCompliant}, order}
	if d.Under != nil {
		gotHead.Under = d.Under.Code + " " + d.Under.Name + " " + d.Under.Level
	}
	wantHead := head{"2025", "2026-01-15T12:00:00+08:00", "371502000000 东昌府区 county", true, "国家基本公共卫生服务规范（第三版）",
		[3]int{3, 1, 2}, []string{complianceGulou, complianceTangyi, complianceQianwang}}
	if diff := cmp.Diff(wantHead, gotHead); diff != "" {
		t.Errorf("the report (-want +got):\n%s", diff)
	}

	tests := []struct {
		name      string
		got, want any
	}{
		// 堂邑镇卫生院: short of lectures, in August and November.
		{"堂邑 lectures", tangyi.measure(compliance.RuleLectures), "10/12 false"},
		{"堂邑 lecture periods", tangyi.measure(compliance.RuleLectureGap), "10/12 false"},
		{"堂邑 printed kinds", tangyi.measure(compliance.RulePrintedKinds), "12/12 true"},
		{"堂邑 audio-visual kinds", tangyi.measure(compliance.RuleAudioVisualKinds), "6/6 true"},
		{"堂邑 boards", tangyi.measure(compliance.RuleBoards), "2/2 true"},
		{"堂邑 board changes", tangyi.measure(compliance.RuleBoardChangeGap), "2/2 true"},
		{"堂邑 consultations", tangyi.measure(compliance.RuleConsultations), "9/9 true"},
		{"堂邑 issues", tangyi.issues(), []string{"compliance.lectures /measures/5", "compliance.lectureGap /measures/6"}},
		{"堂邑 missing periods", tangyi.Issues[1].Params["periods"], []any{"202508", "202511"}},
		{"堂邑 verdict", [3]any{tangyi.Shortfalls, tangyi.Compliant, tangyi.TypeName}, [3]any{2, false, "township health centre"}},
		// The rejected consultation does not count: 9, not 10.
		{"堂邑 activities", tangyi.Activities, 10 + 12 + 3 + 6 + 12 + 9},
		// 前王村卫生室: compliant, a village clinic's norms.
		{"前王村 verdict", [4]any{qianwang.Shortfalls, qianwang.Compliant, qianwang.Class, len(qianwang.Issues)}, [4]any{0, true, "station", 0}},
		{"前王村 lectures", qianwang.measure(compliance.RuleLectures), "6/6 true"},
		{"前王村 lecture periods", qianwang.measure(compliance.RuleLectureGap), "6/6 true"},
		{"前王村 consultations", qianwang.measure(compliance.RuleConsultations), "2/0 true"},
		// 古楼街道: 社区广场 changed late; the lecture submitted twice counts once.
		{"古楼 board changes", gulou.measure(compliance.RuleBoardChangeGap), "1/2 false"},
		{"古楼 lectures", gulou.measure(compliance.RuleLectures), "12/12 true"},
		{"古楼 issues", gulou.issues(), []string{"compliance.boardChangeGap /boards/0"}},
		{"古楼 late board", gulou.Issues[0].Params, map[string]any{"board": "社区广场", "from": "2025-04-08", "to": "2025-06-20", "days": 73.0, "months": 2.0}},
		{"古楼 message", gulou.Issues[0].Message, `Bulletin board "社区广场" went 73 days without a change of content, from 2025-04-08 to 2025-06-20: the norm asks for a change at least every 2 months`},
		{"古楼 boards", gulou.Boards, []compliance.BoardResult{
			{ID: "社区广场", AreaDm2: 200, Changes: 6, LongestGapDays: 73, OnTime: false},
			{ID: "门诊楼东侧", AreaDm2: 250, Changes: 6, LongestGapDays: 61, OnTime: true},
		}},
		{"古楼 verdict", [2]any{gulou.Shortfalls, gulou.Compliant}, [2]any{1, false}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	// Every measure of every institution is there, in the order of the
	// rules.
	for _, in := range d.Institutions {
		var rules []compliance.Rule
		for _, m := range in.Measures {
			rules = append(rules, m.Rule)
		}
		if diff := cmp.Diff(compliance.Rules(), rules); diff != "" {
			t.Errorf("%s: rules (-want +got):\n%s", in.CreditCode, diff)
		}
		if in.Name != complianceInstitute[in.CreditCode] || in.Year != "2025" || in.MonthsOver != 12 {
			t.Errorf("%s: name %q, year %s, months over %d", in.CreditCode, in.Name, in.Year, in.MonthsOver)
		}
	}
}

// TestComplianceJSONLanguage checks that the language changes the
// messages and the names in the JSON, and nothing else.
func TestComplianceJSONLanguage(t *testing.T) {
	docs := map[string]complianceDoc{}
	for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
		out, errOut, code := complianceRun(t, "-under", "371502", "-period", "2025", "-format", "json", "-lang", lang)
		if code != exitNotCompliant {
			t.Fatalf("%s: exit %d; stderr:\n%s", lang, code, errOut)
		}
		docs[lang] = complianceDecode(t, out)
	}
	want := map[string][3]string{ // the type name, the class name and the message of 古楼's issue
		"zh-Hans": {"社区卫生服务中心", "乡镇卫生院、社区卫生服务中心", "宣传栏“社区广场”自2025-04-08至2025-06-20共73天未更换内容，超过规范要求的每2个月至少更换1次"},
		"zh-Hant": {"社區衛生服務中心", "鄉鎮衛生院、社區衛生服務中心", "宣傳欄「社区广场」自2025-04-08至2025-06-20共73天未更換內容，超過規範要求的每2個月至少更換1次"},
		"en":      {"community health service centre", "township health centre or community health service centre", `Bulletin board "社区广场" went 73 days without a change of content, from 2025-04-08 to 2025-06-20: the norm asks for a change at least every 2 months`},
	}
	for lang, d := range docs {
		gulou := d.Institutions[0]
		got := [3]string{gulou.TypeName, gulou.ClassName, gulou.Issues[0].Message}
		if diff := cmp.Diff(want[lang], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", lang, diff)
		}
		// But for them, the documents are the same.
		for i := range d.Institutions {
			in := &d.Institutions[i]
			in.TypeName, in.ClassName = "", ""
			for j := range in.Issues {
				in.Issues[j].Message = ""
			}
		}
	}
	if diff := cmp.Diff(docs["en"], docs["zh-Hant"]); diff != "" {
		t.Errorf("en and zh-Hant differ beyond the words (-en +zh-Hant):\n%s", diff)
	}
}

func TestComplianceCSV(t *testing.T) {
	out, errOut, code := complianceRun(t, "-under", "371502", "-period", "2025", "-format", "csv", "-lang", "zh-Hans")
	if code != exitNotCompliant {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(complianceCSVHeader, rows[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if len(rows) != 1+3*len(compliance.Rules()) {
		t.Fatalf("%d rows, want a header and one per institution and rule", len(rows))
	}
	want := map[string][]string{
		complianceTangyi + " lectures":     {complianceTangyi, "聊城市东昌府区堂邑镇卫生院", "township-health-center", "centre", "lectures", "10", "12", "lecture", "false", "false", "乡镇卫生院", "健康知识讲座次数"},
		complianceGulou + " consultations": {complianceGulou, "聊城市东昌府区古楼街道社区卫生服务中心", "community-health-center", "centre", "consultations", "10", "9", "event", "true", "true", "社区卫生服务中心", "公众健康咨询活动次数"},
		complianceQianwang + " boardArea":  {complianceQianwang, "东昌府区堂邑镇前王村卫生室", "village-clinic", "station", "boardArea", "1", "1", "board", "true", "false", "村卫生室", "宣传栏面积"},
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[0]+" "+row[4]]; ok {
			if diff := cmp.Diff(w, row); diff != "" {
				t.Errorf("row (-want +got):\n%s", diff)
			}
			delete(want, row[0]+" "+row[4])
		}
	}
	if len(want) > 0 {
		t.Errorf("rows not found: %v", want)
	}
}

// TestComplianceTableColumns checks that the table lines up on screen:
// every rule's column ends where its header does.
func TestComplianceTableColumns(t *testing.T) {
	for _, lang := range []string{"zh-Hans", "en"} {
		out, _, _ := complianceRun(t, "-period", "2025", "-lang", lang)
		lines := strings.Split(out, "\n")
		words := complianceWords[indicatorsLang(lang)]
		table := lines[:5] // the header and the four institutions
		for _, l := range table[1:] {
			if !strings.HasPrefix(l, "12") && !strings.HasPrefix(l, "52") {
				t.Fatalf("%s: %q is not a row of the table:\n%s", lang, l, out)
			}
		}
		for _, r := range compliance.Rules() {
			end := indicatorsColumnEnd(lines[0], words.rules[r])
			for _, l := range table {
				i := indicatorsByteAtWidth(l, end)
				if indicatorsWidth(l[:i]) != end || strings.HasSuffix(strings.TrimSuffix(l[:i], " "), "  ") || l[i] != ' ' {
					t.Errorf("%s: line %q: column %q does not end at column %d", lang, l, words.rules[r], end)
				}
			}
		}
	}
}

// TestComplianceNow checks a year in progress: as of 1 July only what
// happened before counts (later records are rejected as in the future),
// and the yearly minimums are pro-rated to six months, which 堂邑镇卫生院
// then met.
func TestComplianceNow(t *testing.T) {
	out, errOut, code := indicatorsCommand(t, "compliance", "-now", "2025-07-01T00:00:00+08:00", "-under", "371502", "-period", "2025", "-format", "json", "-lang", "en", complianceFile)
	if code != exitNotCompliant {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	if n := strings.Count(errOut, "time.future /"); n < 50 {
		t.Errorf("%d records after -now skipped, want the second half of the year:\n%s", n, errOut)
	}
	d := complianceDecode(t, out)
	byCode := map[string]complianceDocInstitution{}
	for _, in := range d.Institutions {
		byCode[in.CreditCode] = in
		if in.MonthsOver != 6 {
			t.Errorf("%s: %d months over, want 6", in.CreditCode, in.MonthsOver)
		}
	}
	tangyi, gulou := byCode[complianceTangyi], byCode[complianceGulou]
	tests := []struct {
		name      string
		got, want any
	}{
		{"asOf", d.AsOf, "2025-07-01T00:00:00+08:00"},
		{"堂邑 lectures", tangyi.measure(compliance.RuleLectures), "6/6 true"},
		{"堂邑 lecture periods", tangyi.measure(compliance.RuleLectureGap), "6/6 true"},
		{"堂邑 printed kinds", tangyi.measure(compliance.RulePrintedKinds), "6/6 true"},
		{"堂邑 consultations", tangyi.measure(compliance.RuleConsultations), "4/4 true"},
		{"堂邑 verdict", tangyi.Compliant, true},
		{"古楼 board changes", gulou.measure(compliance.RuleBoardChangeGap), "1/2 false"},
		{"summary", [3]int{d.Summary.Institutions, d.Summary.Compliant, d.Summary.NotCompliant}, [3]int{3, 2, 1}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	// The table says the minimums are pro-rated.
	out, _, _ = indicatorsCommand(t, "compliance", "-now", "2025-07-01T00:00:00+08:00", "-period", "2025", complianceFile)
	for _, want := range []string{"年度尚未结束：全年最低要求按已过 6 个月折算。", "2025 年度，截至 2025-07-01 00:00："} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

// TestComplianceUnder checks which institutions -under selects: by the
// division the activities took place in, a county, a township or a
// village; all without it.
func TestComplianceUnder(t *testing.T) {
	tests := []struct {
		under string
		want  []string
		code  int
	}{
		{"", []string{complianceGulou, complianceTangyi, complianceZhenxing, complianceQianwang}, exitNotCompliant},
		{"3715", []string{complianceGulou, complianceTangyi, complianceZhenxing, complianceQianwang}, exitNotCompliant},
		{"371503", []string{complianceZhenxing}, exitNotCompliant},
		{"371502102", []string{complianceTangyi, complianceQianwang}, exitNotCompliant},
		{"371502102201", []string{complianceQianwang}, exitOK},
		{"371502008", nil, exitOK}, // 北城街道: no activity there
	}
	for _, tt := range tests {
		args := []string{"-period", "2025", "-format", "json"}
		if tt.under != "" {
			args = append(args, "-under", tt.under)
		}
		out, errOut, code := complianceRun(t, args...)
		if code != tt.code {
			t.Errorf("-under %q: exit %d, want %d; stderr:\n%s", tt.under, code, tt.code, errOut)
		}
		d := complianceDecode(t, out)
		var got []string
		for _, in := range d.Institutions {
			got = append(got, in.CreditCode)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("-under %q (-want +got):\n%s", tt.under, diff)
		}
		if (d.Under == nil) != (tt.under == "") || d.Institutions == nil {
			t.Errorf("-under %q: under %v, institutions %v", tt.under, d.Under, d.Institutions)
		}
	}
}

// TestComplianceNorms checks -norms: a table of one's own, here asking a
// lecture every two months and 10 a year of centres, under which 堂邑镇卫生院
// is compliant; and tables with faults, reported with their place.
func TestComplianceNorms(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, v any) string {
		path := filepath.Join(dir, name)
		data, ok := v.([]byte)
		if !ok {
			var err error
			if data, err = json.MarshalIndent(v, "", "  "); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	f := compliance.DefaultNorms().File()
	f.Source = compliance.Source{Title: "某省基本公共卫生服务健康教育考核细则", Year: 2024}
	bad := compliance.DefaultNorms().File()
	for i, n := range f.Norms {
		switch {
		case n.Class == compliance.ClassCentre && n.Rule == compliance.RuleLectures:
			f.Norms[i].Value = 10
		case n.Class == compliance.ClassCentre && n.Rule == compliance.RuleLectureGap:
			f.Norms[i].Value = 2
			bad.Norms[i].Value = 5
		}
	}
	bad.Norms[0].Unit = "lecture"
	own := write("own.json", f)
	faulty := write("faulty.json", bad)
	syntax := write("syntax.json", []byte("{\n  \"source\": {\"title\": \"x\"},\n  \"classes\": [\n    {\"class\": 3}\n  ]\n}\n"))
	unknown := write("unknown.json", []byte(`{"source": {"title": "x"}, "rules": []}`))

	out, errOut, code := complianceRun(t, "-under", "371502102", "-period", "2025", "-norms", own)
	if code != exitOK {
		t.Errorf("own norms: exit %d, want 0 (both compliant); stderr:\n%s\nstdout:\n%s", code, errOut, out)
	}
	if !strings.Contains(out, "依据：某省基本公共卫生服务健康教育考核细则（2024）（-norms 给出的规范要求表）\n") {
		t.Errorf("own norms: the source is not named:\n%s", out)
	}
	out, _, _ = complianceRun(t, "-under", "371502102", "-period", "2025", "-norms", own, "-format", "json")
	if d := complianceDecode(t, out); d.Norms.Default || d.Norms.Source.Title != f.Source.Title || d.Institutions[0].measure(compliance.RuleLectures) != "10/10 true" {
		t.Errorf("own norms: %+v", d)
	} else if diff := cmp.Diff(f, compliance.NormsFile{Source: d.Norms.Source, Classes: d.Norms.Classes, Norms: d.Norms.Norms}); diff != "" {
		t.Errorf("own norms: the table written (-own +json):\n%s", diff)
	}

	tests := []struct {
		name, file string
		lang       string
		want       string
	}{
		{"faults", faulty, "zh-Hans", "jiceng compliance: 规范要求表 " + faulty + " 有误：compliance.normsUnit /norms/0/unit: 单位“lecture”与规范条目不符，应为“kind”\n" +
			"jiceng compliance: 规范要求表 " + faulty + " 有误：compliance.normsValue /norms/6/value: 要求值5超出规范条目“lectureGap”允许的范围\n"},
		{"faults en", faulty, "en", "jiceng compliance: norms table " + faulty + ": compliance.normsUnit /norms/0/unit: Unit \"lecture\" does not fit the rule: it must be \"kind\"\n" +
			"jiceng compliance: norms table " + faulty + ": compliance.normsValue /norms/6/value: Value 5 is outside what rule \"lectureGap\" allows\n"},
		{"syntax", syntax, "zh-Hant", "jiceng compliance: -norms：" + syntax + " 第 4 行有誤：規範要求表應為一個 JSON 物件，含 source、classes 和 norms 三項，各項的取值型別符合規定\n"},
		{"unknown member", unknown, "en", "jiceng compliance: -norms: " + unknown + " is not a norms table: want one JSON object with source, classes and norms, no other member, each of the right type\n"},
		{"missing", filepath.Join(dir, "missing.json"), "en", "jiceng compliance: -norms: cannot read the norms table " + filepath.Join(dir, "missing.json") + "\n"},
	}
	for _, tt := range tests {
		out, errOut, code := complianceRun(t, "-period", "2025", "-lang", tt.lang, "-norms", tt.file)
		if code != exitUsage || out != "" || errOut != tt.want {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", tt.name, code, out, errOut, tt.want)
		}
	}
}

func TestComplianceExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	missing := filepath.Join(dir, "missing.ndjson")
	blank := write("blank.ndjson", "\n \n")
	cells := filepath.Join(indicatorsDir, "cells.ndjson")
	rejected := write("rejected.ndjson", strings.Split(complianceRead(t), "\n")[0][:40]+"\n")
	tests := []struct {
		name string
		args []string
		code int
		want string // stderr, exactly when it ends with a newline, else a part of it
	}{
		{"not compliant", []string{"-period", "2025", complianceFile}, exitNotCompliant, "jiceng compliance: " + complianceFile + ":"},
		{"compliant", []string{"-period", "2025", "-under", "371502102201", complianceFile}, exitOK, "activity.endBeforeStart"},
		{"nobody in the division", []string{"-period", "2025", "-under", "371502008", complianceFile}, exitOK, "activity.endBeforeStart"},
		{"a month", []string{"-period", "202510", complianceFile}, exitUsage,
			"jiceng compliance: 参数 -period 有误：“202510”不是年份。服务规范达标按年度考核，-period 应写成四位年份，如 2025\n"},
		{"a month en", []string{"-lang", "en", "-period", "202510", complianceFile}, exitUsage,
			"jiceng compliance: -period: \"202510\" is not a year: compliance with the norm is judged by year, so write a year, such as 2025\n"},
		{"a quarter", []string{"-period", "2025Q3", complianceFile}, exitUsage, "“2025Q3”不是年份"},
		{"not a period", []string{"-period", "2025-13", complianceFile}, exitUsage, "“2025-13”不是年份"},
		{"no period", []string{complianceFile}, exitUsage, "jiceng compliance: 缺少参数 -period：请给出考核年度，写成四位年份，如 2025\n"},
		{"a year not begun", []string{"-lang", "zh-Hant", "-period", "2027", complianceFile}, exitUsage,
			"jiceng compliance: 參數 -period 有誤：2027 年度在 2026-01-15 12:00（-now）尚未開始，沒有可考核的內容\n"},
		{"bad -under", []string{"-period", "2025", "-under", "37150x", complianceFile}, exitUsage, "jiceng compliance: 参数 -under 有误：区划代码“37150x”只能由数字组成。"},
		{"unknown -under", []string{"-lang", "en", "-period", "2025", "-under", "3799", complianceFile}, exitUsage, "jiceng compliance: -under: "},
		{"bad format", []string{"-period", "2025", "-format", "dhis2", complianceFile}, exitUsage,
			"jiceng compliance: 参数 -format 有误：没有“dhis2”这种输出格式，应为 table、csv 或 json\n"},
		{"no file", []string{"-period", "2025"}, exitUsage,
			"jiceng compliance: 未指定输入文件：请在参数之后列出要读取的文件，- 表示标准输入（运行 jiceng compliance -h 查看用法）\n"},
		{"missing file", []string{"-lang", "en", "-period", "2025", complianceFile, missing}, exitUsage, "jiceng compliance: file " + missing + " does not exist\n"},
		{"no records", []string{"-period", "2025", blank}, exitUsage, "jiceng compliance: 没有记录：输入的文件中一条记录也没有\n"},
		{"no activities", []string{"-lang", "en", "-period", "2025", cells}, exitUsage,
			"jiceng compliance: no activities to judge: none of the 8 records read is an accepted activity (kind activity)\n"},
		{"only rejected", []string{"-lang", "en", "-period", "2025", rejected}, exitUsage, "none of the 1 records read is an accepted activity"},
		{"bad flag", []string{"-period", "2025", "-divisions", "371502", complianceFile}, exitUsage,
			"jiceng compliance: jiceng compliance 没有参数 -divisions（运行 jiceng compliance -h 查看全部参数）\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := indicatorsCommand(t, append([]string{"compliance", "-now", complianceNow}, tt.args...)...)
			match := strings.Contains(errOut, tt.want)
			if strings.HasSuffix(tt.want, "\n") {
				match = errOut == tt.want
			}
			if code != tt.code || !match {
				t.Errorf("exit %d, want %d; stderr (want %q):\n%s", code, tt.code, tt.want, errOut)
			}
			if (code == exitUsage) != (out == "") {
				t.Errorf("exit %d with output:\n%s", code, out)
			}
		})
	}
	// The command is listed.
	out, _, _ := indicatorsCommand(t, "help")
	if !strings.Contains(out, "  compliance  judge institutions") {
		t.Errorf("usage does not list compliance:\n%s", out)
	}
}

// complianceRead returns the fixture of activities.
func complianceRead(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(complianceFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestComplianceStdin checks that "-" reads standard input.
func TestComplianceStdin(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"compliance", "-now", complianceNow, "-period", "2025", "-under", "371502102201", "-format", "csv", "-"},
		strings.NewReader(complianceRead(t)), &out, &errOut)
	if code != exitOK || strings.Count(out.String(), "\n") != 1+len(compliance.Rules()) {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
}

// TestComplianceCitizenIDs checks that a citizen ID number written into an
// institution's name or a board's identifier is masked in every format.
func TestComplianceCitizenIDs(t *testing.T) {
	id := fxCitizenID(t, "37159919800101007") // synthetic: 371599 is no county
	data := strings.ReplaceAll(complianceRead(t), "村委会东墙", "村委会东墙"+id)
	data = strings.ReplaceAll(data, "东昌府区堂邑镇前王村卫生室", "东昌府区堂邑镇前王村卫生室"+id)
	path := filepath.Join(t.TempDir(), "ids.ndjson")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range complianceFormats {
		out, errOut, _ := indicatorsCommand(t, "compliance", "-now", complianceNow, "-period", "2025", "-format", format, path)
		if !strings.Contains(out, "3715**********") {
			t.Errorf("%s: no masked number:\n%s", format, out)
		}
		indicatorsNoCitizenIDs(t, out, errOut)
	}
}
