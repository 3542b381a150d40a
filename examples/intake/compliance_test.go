package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// The institutions of the compliance tests.
var (
	// 前王村卫生室 in 古楼街道 meets the norm of a station in 2025.
	complianceClinic = healthedu.Organizer{CreditCode: mustCreditCode("52371502MJ3916022H"),
		Name: "古楼街道前王村卫生室", Type: "village-clinic", Division: code("371502001")}
	// 古楼街道's centre held three lectures and did nothing else.
	complianceCentre = healthedu.Organizer{CreditCode: mustCreditCode("12371502MB2854374B"),
		Name: "古楼街道社区卫生服务中心", Type: "community-health-center", Division: code("371502001")}
	// 柳园街道's centre held one lecture.
	complianceLiuyuan = healthedu.Organizer{CreditCode: mustCreditCode("12371502MB2854366G"),
		Name: "柳园街道社区卫生服务中心", Type: "community-health-center", Division: code("371502002")}
)

// mustCreditCode parses a credit code of the tests.
func mustCreditCode(s string) healthedu.CreditCode {
	c, err := healthedu.ParseCreditCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// complianceActivity returns an activity of org in 2025 on month and day,
// of form, edited by edit, as JSON.
func complianceActivity(id string, org healthedu.Organizer, form healthedu.ActivityForm, month time.Month, day int, edit func(*healthedu.Activity)) *healthedu.Activity {
	start := time.Date(2025, month, day, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	a := &healthedu.Activity{
		Header:       healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: healthedu.KindActivity, ID: id},
		Title:        "健康教育",
		Organizer:    org,
		Division:     org.Division,
		Venue:        healthedu.Venue{Type: "health-education-point", Name: "健康宣教点"},
		Form:         form,
		Topics:       []healthedu.Topic{"literacy-66"},
		TargetGroups: []healthedu.TargetGroup{"general"},
		Start:        start,
		End:          start.Add(time.Hour),
		Participants: 30,
	}
	if form == healthedu.FormLecture {
		a.Evidence = &healthedu.Evidence{Photos: []string{"oss://t/1.jpg"}, SignInSheet: "oss://t/1.pdf"}
	}
	if edit != nil {
		edit(a)
	}
	return a
}

// complianceRecords returns the activities of the compliance tests: a
// year of the clinic, by the norm; three lectures of 古楼's centre; one
// of 柳园's.
func complianceRecords() (gulou, liuyuan []*healthedu.Activity) {
	for m := time.January; m <= time.December; m++ {
		gulou = append(gulou, complianceActivity(fmt.Sprintf("P-%02d", m), complianceClinic, healthedu.FormPrintedMaterials, m, 5,
			func(a *healthedu.Activity) { a.Material = &healthedu.Material{ID: fmt.Sprintf("YS-%02d", m)} }))
		if m%2 == 1 {
			gulou = append(gulou,
				complianceActivity(fmt.Sprintf("L-%02d", m), complianceClinic, healthedu.FormLecture, m, 12, nil),
				complianceActivity(fmt.Sprintf("V-%02d", m), complianceClinic, healthedu.FormAudioVisual, m, 6,
					func(a *healthedu.Activity) { a.Material = &healthedu.Material{ID: fmt.Sprintf("YX-%02d", m)} }))
		} else {
			gulou = append(gulou, complianceActivity(fmt.Sprintf("B-%02d", m), complianceClinic, healthedu.FormBulletinBoard, m, 10,
				func(a *healthedu.Activity) { a.Board = &healthedu.Board{ID: "门前宣传栏", AreaDm2: 240} }))
		}
	}
	for _, m := range []time.Month{time.March, time.June, time.September} {
		gulou = append(gulou, complianceActivity(fmt.Sprintf("C-%02d", m), complianceCentre, healthedu.FormLecture, m, 20, nil))
	}
	liuyuan = append(liuyuan, complianceActivity("C-04", complianceLiuyuan, healthedu.FormLecture, time.April, 8, nil))
	return gulou, liuyuan
}

// ndjsonOf returns activities as NDJSON.
func ndjsonOf(t *testing.T, acts []*healthedu.Activity) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, a := range acts {
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	return b.Bytes()
}

// complianceHarness returns a harness holding the compliance records, its
// clock on 1 January 2026, when 2025 is over.
func complianceHarness(t *testing.T, st store, configure ...func(*config)) *harness {
	t.Helper()
	h := newHarness(t, st, configure...)
	gulou, liuyuan := complianceRecords()
	for _, s := range []struct {
		token string
		acts  []*healthedu.Activity
	}{{tokenGulou, gulou}, {tokenLiuyuan, liuyuan}} {
		if sm := h.submit(s.token, ndjsonOf(t, s.acts)).summary(t); sm.Imported != len(s.acts) {
			t.Fatalf("submission: %+v %+v", countsOf(sm), sm.Issues)
		}
	}
	h.clock.Set(testNow)
	return h
}

// TestCompliance reads /v1/compliance in Chinese and in English, and
// compares each answer with what package compliance gives over the same
// activities, and the messages with the norm's words.
func TestCompliance(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := complianceHarness(t, open(t))
		gulou, liuyuan := complianceRecords()
		check := func(acts []*healthedu.Activity) []compliance.Institution {
			res, err := compliance.Check(slices.Values(acts), compliance.Options{Year: healthedu.YearPeriod(2025), Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		tests := []struct {
			name, path, token, lang string
			acts                    []*healthedu.Activity
			underName               string
			summary                 reports.ComplianceSummary
			messages                []string // of the centre of 古楼, or of 柳园
		}{
			{
				name: "古楼 in Chinese", path: "/v1/compliance?under=371502001&period=2025", token: tokenGulou, lang: "zh-Hans",
				acts: gulou, underName: "古楼街道", summary: reports.ComplianceSummary{Institutions: 2, Compliant: 1, NotCompliant: 1},
				messages: []string{
					"本年度提供印刷资料0种，少于规范要求的12种（全年不少于12种，按已过12个月折算）",
					"本年度播放音像资料0种，少于规范要求的6种（全年不少于6种，按已过12个月折算）",
					"健康教育宣传栏0个，少于规范要求的2个",
					"本年度举办健康知识讲座3次，少于规范要求的12次（全年不少于12次，按已过12个月折算）",
					"9个考核时段没有举办健康知识讲座：202501、202502、202504、202505、202507、202508、202510、202511、202512（规范要求每1个月至少1次）",
					"本年度开展公众健康咨询活动0次，少于规范要求的9次（全年不少于9次，按已过12个月折算）",
				},
			},
			{
				name: "古楼 in English", path: "/v1/compliance?under=371502001&period=2025", token: tokenGulou, lang: "en",
				acts: gulou, underName: "古楼街道", summary: reports.ComplianceSummary{Institutions: 2, Compliant: 1, NotCompliant: 1},
				messages: []string{
					"0 kinds of printed materials this year, fewer than the 12 the norm asks (at least 12 a year, pro-rated to 12 months over)",
				},
			},
			{
				name: "柳园 by its own token, under by default", path: "/v1/compliance?period=2025", token: tokenLiuyuan, lang: "en",
				acts: liuyuan, underName: "柳园街道", summary: reports.ComplianceSummary{Institutions: 1, NotCompliant: 1},
			},
			{
				name: "the county by the city's token", path: "/v1/compliance?under=371502&period=2025", token: tokenCity, lang: "zh-Hant",
				acts: append(slices.Clone(gulou), liuyuan...), underName: "东昌府区", summary: reports.ComplianceSummary{Institutions: 3, Compliant: 1, NotCompliant: 2},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ans := h.request("GET", tt.path, tt.token, nil, "Accept-Language", tt.lang)
				if ans.status != 200 {
					t.Fatalf("%d %s", ans.status, ans.body)
				}
				if got := ans.header.Get("Content-Language"); got != tt.lang {
					t.Errorf("Content-Language %q, want %s", got, tt.lang)
				}
				var got reports.Compliance
				ans.json(t, &got)
				if got.Under == nil {
					t.Fatalf("no under: %s", ans.body)
				}
				under := &reports.Division{Code: got.Under.Code, Name: tt.underName, Level: got.Under.Code.Level()}
				lang, _ := healthedu.ParseLanguage(tt.lang)
				want := reports.NewCompliance(check(tt.acts), compliance.Options{Year: healthedu.YearPeriod(2025), Now: testNow}, under, lang)
				// Compared as JSON: what a client reads.
				var wantJSON, gotJSON any
				b, err := json.Marshal(want)
				if err != nil {
					t.Fatal(err)
				}
				json.Unmarshal(b, &wantJSON)
				ans.json(t, &gotJSON)
				if diff := cmp.Diff(wantJSON, gotJSON); diff != "" {
					t.Errorf("answer (-package compliance +API):\n%s", diff)
				}
				if got.Summary != tt.summary {
					t.Errorf("summary %+v, want %+v", got.Summary, tt.summary)
				}
				if got.Norms.Source.Title == "" {
					t.Error("the norms have no source")
				}
				var msgs []string
				for _, in := range got.Institutions {
					if in.CreditCode == complianceCentre.CreditCode || in.CreditCode == complianceLiuyuan.CreditCode && tt.token == tokenLiuyuan {
						for _, is := range in.Issues {
							msgs = append(msgs, is.Message)
						}
					}
				}
				for _, m := range tt.messages {
					if !slices.Contains(msgs, m) {
						t.Errorf("no message %q among\n%q", m, msgs)
					}
				}
				v, err := jsonschema.UnmarshalJSON(bytes.NewReader(ans.body))
				if err != nil {
					t.Fatal(err)
				}
				if err := openAPISchema(t, "Compliance").Validate(v); err != nil {
					t.Errorf("the answer does not match openapi.json's Compliance:\n%v", err)
				}
			})
		}
	})
}

// TestComplianceYearInProgress judges 2025 on 15 July: the minimums are
// pro-rated to six months, and the activities after the clock do not
// count.
func TestComplianceYearInProgress(t *testing.T) {
	h := complianceHarness(t, openTestSQLite(t))
	h.clock.Set(at(2025, 7, 15, 12))
	var got reports.Compliance
	ans := h.request("GET", "/v1/compliance?under=371502001&period=2025", tokenGulou, nil, "Accept-Language", "en")
	ans.json(t, &got)
	if ans.status != 200 || len(got.Institutions) != 2 {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	clinic := got.Institutions[0]
	if clinic.CreditCode != complianceClinic.CreditCode {
		clinic = got.Institutions[1]
	}
	type line struct {
		Rule            compliance.Rule
		Value, Required int
		Met             bool
	}
	var lines []line
	for _, m := range clinic.Measures {
		lines = append(lines, line{m.Rule, m.Value, m.Required, m.Met})
	}
	want := []line{
		{"printedKinds", 7, 6, true}, {"audioVisualKinds", 4, 3, true}, {"boards", 1, 1, true}, {"boardArea", 1, 1, true},
		{"boardChangeGap", 1, 1, true}, {"lectures", 4, 3, true}, {"lectureGap", 3, 3, true}, {"consultations", 0, 0, true},
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("the clinic on 15 July (-want +got):\n%s", diff)
	}
	if clinic.MonthsOver != 6 || !got.AsOf.Equal(at(2025, 7, 15, 12)) {
		t.Errorf("months over %d, as of %s", clinic.MonthsOver, got.AsOf)
	}
}

// TestComplianceRefused checks the answers that refuse a read: a period
// that is not a year, none, one that does not parse, a division outside
// the token's subtree or unknown, no token, and more institutions than
// -max-rows.
func TestComplianceRefused(t *testing.T) {
	h := complianceHarness(t, openTestSQLite(t))
	capped := complianceHarness(t, openTestSQLite(t), func(c *config) { c.MaxRows = 1 })
	tests := []struct {
		name, path, token string
		h                 *harness
		status            int
		code              string
		params            map[string]any
	}{
		{"a month", "/v1/compliance?under=371502001&period=202510", tokenGulou, h, 400, codePeriodNotYear, map[string]any{"value": "202510"}},
		{"a quarter", "/v1/compliance?under=371502001&period=2025Q3", tokenGulou, h, 400, codePeriodNotYear, map[string]any{"value": "2025Q3"}},
		{"no period", "/v1/compliance?under=371502001", tokenGulou, h, 400, codePeriodRequired, nil},
		{"a period that does not parse", "/v1/compliance?under=371502001&period=20x5", tokenGulou, h, 400, codeParam, nil},
		{"a bad division", "/v1/compliance?under=37150x&period=2025", tokenGulou, h, 400, codeParam, nil},
		{"the neighbour's township", "/v1/compliance?under=371502002&period=2025", tokenGulou, h, 403, codeForbidden,
			map[string]any{"division": "371502002", "scope": "371502001"}},
		{"the county from a township", "/v1/compliance?under=371502&period=2025", tokenGulou, h, 403, codeForbidden, nil},
		{"an unknown division", "/v1/compliance?under=371599&period=2025", tokenCity, h, 404, "division.unknown", nil},
		{"no token", "/v1/compliance?under=371502001&period=2025", "", h, 401, codeUnauthorized, nil},
		{"past -max-rows", "/v1/compliance?under=371502&period=2025", tokenCity, capped, 409, codeTooManyInstitutions,
			map[string]any{"count": float64(3), "limit": float64(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ans := tt.h.request("GET", tt.path, tt.token, nil, "Accept-Language", "en")
			if ans.status != tt.status {
				t.Fatalf("status %d, want %d: %s", ans.status, tt.status, ans.body)
			}
			if got := ans.problemCode(t); got != tt.code {
				t.Errorf("code %q, want %q", got, tt.code)
			}
			if tt.params != nil {
				var p struct {
					Params map[string]any `json:"params"`
				}
				ans.json(t, &p)
				if diff := cmp.Diff(tt.params, p.Params); diff != "" {
					t.Errorf("params (-want +got):\n%s", diff)
				}
			}
		})
	}
	// Within the cap, the same read answers.
	if ans := capped.request("GET", "/v1/compliance?under=371502002&period=2025", tokenCity, nil); ans.status != 200 {
		t.Errorf("a read of one institution under a cap of one: %d %s", ans.status, ans.body)
	}
}

// TestComplianceDemoReads checks that a -demo platform answers without a
// token, for the whole country, and for its default division.
func TestComplianceDemoReads(t *testing.T) {
	h := complianceHarness(t, openTestSQLite(t), func(c *config) { c.PublicReads, c.DefaultDivision = true, demoDivision })
	for _, path := range []string{"/v1/compliance?period=2025", "/v1/compliance?under=37&period=2025"} {
		var got reports.Compliance
		ans := h.request("GET", path, "", nil)
		ans.json(t, &got)
		if ans.status != 200 || got.Summary.Institutions != 3 {
			t.Errorf("%s: %d %s", path, ans.status, ans.body)
		}
	}
}

// TestComplianceSkipsUnusableRows stores an activity whose body is not
// JSON, one whose period column is not a period and a monthly report whose
// body is not JSON: the read, which goes through the records the figures
// read, answers with the other rows and counts the three in /metrics.
func TestComplianceSkipsUnusableRows(t *testing.T) {
	h := complianceHarness(t, openTestSQLite(t))
	insertRow(t, h.store, "activity", "BAD-1", "371502001000", "371502001000", "202506", "", "{not json")
	insertRow(t, h.store, "activity", "BAD-2", "371502001000", "371502001000", "2025-06", "", "{}")
	insertRow(t, h.store, "monthlyReport", "BAD-3", "371502001000", "371502001000", "202506", "", "{not json")
	var got reports.Compliance
	ans := h.request("GET", "/v1/compliance?under=371502001&period=2025", tokenGulou, nil)
	ans.json(t, &got)
	if ans.status != 200 || got.Summary.Institutions != 2 {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	skipped := skippedRows(t, h)
	if diff := cmp.Diff(map[string]int{"records body": 2, "records columns": 1}, skipped); diff != "" {
		t.Errorf("rows skipped (-want +got):\n%s", diff)
	}
}

// TestSameComplianceAsTheCommand feeds the command line's own fixture,
// examples/jiceng/testdata/compliance/activities.ndjson (three
// institutions of 东昌府区 short of lectures, compliant, with a board
// changed late and a lecture sent twice; a centre of 茌平区, a hospital, a
// record of another kind and one the validator rejects), to the intake and
// to "jiceng compliance -format json", with the same instant as now, and
// checks that GET /v1/compliance answers byte for byte the document the
// command writes, once indented as the command indents it: the same
// members in the same order with the same values, in each language.
//
// Two instants: 15 January 2026, when 2025 is over, as the command's golden
// files judge it; and 15 July 2025, a year in progress, whose minimums are
// pro-rated and whose later records both sides refuse (the intake when
// they are submitted, the command when it reads them).
func TestSameComplianceAsTheCommand(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join("..", "jiceng", "testdata", "compliance", "activities.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "activities.ndjson")
	if err := os.WriteFile(file, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	jiceng := buildCommand(t)

	for _, tc := range []struct {
		name       string
		now        time.Time
		monthsOver int
		reads      []struct{ under, lang string }
	}{
		{"the year over", time.Date(2026, 1, 15, 12, 0, 0, 0, healthedu.ChinaStandardTime), 12, []struct{ under, lang string }{
			{"371502", "zh-Hans"}, {"371502", "zh-Hant"}, {"371502", "en"}, // 东昌府区, as the golden files
			{"3715", "en"},           // 聊城市, with 茌平区
			{"371502102", "zh-Hans"}, // 堂邑镇
		}},
		{"a year in progress", time.Date(2025, 7, 15, 12, 0, 0, 0, healthedu.ChinaStandardTime), 6, []struct{ under, lang string }{
			{"3715", "zh-Hant"}, {"371502", "en"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, openTestSQLite(t))
			h.clock.Set(tc.now)
			sm := h.submit(tokenCity, fixture).summary(t)
			if sm.Imported == 0 || sm.Rejected == 0 {
				t.Fatalf("submission: %+v", countsOf(sm))
			}
			notCompliant := 0
			for _, rd := range tc.reads {
				t.Run(rd.under+" "+rd.lang, func(t *testing.T) {
					args := []string{"compliance", "-format", "json", "-now", tc.now.Format(time.RFC3339), "-period", "2025", "-under", rd.under, "-lang", rd.lang, file}
					cmd := exec.Command(jiceng, args...)
					var stderr bytes.Buffer
					cmd.Stderr = &stderr
					want, err := cmd.Output()
					if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
						t.Fatalf("jiceng %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
					}

					ans := h.request("GET", "/v1/compliance?under="+rd.under+"&period=2025", tokenCity, nil, "Accept-Language", rd.lang)
					if ans.status != 200 {
						t.Fatalf("%d %s", ans.status, ans.body)
					}
					var got bytes.Buffer
					if err := json.Indent(&got, ans.body, "", "  "); err != nil {
						t.Fatalf("%v:\n%s", err, ans.body)
					}
					if diff := cmp.Diff(string(want), got.String()); diff != "" {
						t.Errorf("GET /v1/compliance (-command +intake):\n%s", diff)
					}

					// What the comparison is about: institutions judged as
					// of now, in the year over or pro-rated.
					var doc reports.Compliance
					ans.json(t, &doc)
					if len(doc.Institutions) == 0 || !doc.AsOf.Equal(tc.now) || doc.Institutions[0].MonthsOver != tc.monthsOver {
						t.Fatalf("as of %s, institutions %+v: the comparison missed what it is about", doc.AsOf, doc.Institutions)
					}
					notCompliant += doc.Summary.NotCompliant
				})
			}
			if notCompliant == 0 {
				t.Error("every institution compliant: the comparison missed the issues")
			}
		})
	}
}
