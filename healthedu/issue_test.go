package healthedu

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestSeverityText(t *testing.T) {
	tests := []struct {
		s    Severity
		text string
	}{
		{SeverityError, "error"},
		{SeverityWarning, "warning"},
		{SeverityInformation, "information"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.text {
			t.Errorf("Severity(%d).String() = %q, want %q", uint8(tt.s), got, tt.text)
		}
		b, err := tt.s.MarshalText()
		if err != nil || string(b) != tt.text {
			t.Errorf("Severity(%d).MarshalText() = %q, %v; want %q, nil", uint8(tt.s), b, err, tt.text)
		}
		var s Severity
		if err := s.UnmarshalText([]byte(tt.text)); err != nil || s != tt.s {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v, nil", tt.text, s, err, tt.s)
		}
	}
}

func TestSeverityLabel(t *testing.T) {
	tests := []struct {
		s    Severity
		lang language.Tag
		want string
	}{
		{SeverityError, ZhHans, "错误"},
		{SeverityWarning, ZhHans, "警告"},
		{SeverityInformation, ZhHans, "提示"},
		{SeverityError, ZhHant, "錯誤"},
		{SeverityError, language.MustParse("zh-HK"), "錯誤"},
		{SeverityWarning, English, "warning"},
		{SeverityInformation, language.AmericanEnglish, "information"},
		{SeverityError, language.French, "错误"},
		{0, English, "Severity(0)"},
	}
	for _, tt := range tests {
		if got := tt.s.Label(tt.lang); got != tt.want {
			t.Errorf("%v.Label(%v) = %q, want %q", tt.s, tt.lang, got, tt.want)
		}
	}
}

func TestSeverityInvalid(t *testing.T) {
	for _, s := range []Severity{0, 4, 255} {
		if s.IsValid() {
			t.Errorf("Severity(%d).IsValid() = true", uint8(s))
		}
		if got, want := s.String(), fmt.Sprintf("Severity(%d)", uint8(s)); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
		if b, err := s.MarshalText(); err == nil {
			t.Errorf("Severity(%d).MarshalText() = %q, nil; want an error", uint8(s), b)
		}
	}
	for _, text := range []string{"", "Error", "err", "warn", "info", " error", "fatal"} {
		s := SeverityWarning
		if err := s.UnmarshalText([]byte(text)); err == nil {
			t.Errorf("UnmarshalText(%q) = nil, want an error", text)
		}
		if s != SeverityWarning {
			t.Errorf("UnmarshalText(%q) changed the severity to %v", text, s)
		}
	}
}

func TestNewIssue(t *testing.T) {
	params := map[string]any{"value": "3715x"}
	tests := []struct {
		name   string
		code   string
		path   string
		params map[string]any
		want   Issue
	}{
		{"registered", "division.syntax", "/division", params,
			Issue{Severity: SeverityError, Code: "division.syntax", Path: "/division", Params: params}},
		{"no params", "value.invalid", "", nil,
			Issue{Severity: SeverityError, Code: "value.invalid"}},
		{"unregistered", "no.such", "/x", params,
			Issue{Severity: SeverityError, Code: "issue.unregistered", Path: "/x", Params: map[string]any{"code": "no.such"}}},
		{"empty code", "", "", nil,
			Issue{Severity: SeverityError, Code: "issue.unregistered", Params: map[string]any{"code": ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewIssue(tt.code, tt.path, tt.params)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NewIssue(%q, %q, %v) mismatch (-want +got):\n%s", tt.code, tt.path, tt.params, diff)
			}
		})
	}
}

func TestIssueFromError(t *testing.T) {
	pe := &ParseError{Func: "ParseCitizenID", Input: "3715**********123X", Code: "citizenId.checksum", Msg: "bad check digit", At: 17}
	tests := []struct {
		name string
		err  error
		want Issue
	}{
		{"parse error", pe,
			Issue{Severity: SeverityError, Code: "citizenId.checksum", Path: "/p", Params: map[string]any{"value": "3715**********123X"}}},
		{"wrapped", fmt.Errorf("record 3: %w", pe),
			Issue{Severity: SeverityError, Code: "citizenId.checksum", Path: "/p", Params: map[string]any{"value": "3715**********123X"}}},
		{"unregistered code", &ParseError{Func: "ParseX", Input: "x", Code: "x.bad", At: -1},
			Issue{Severity: SeverityError, Code: "issue.unregistered", Path: "/p", Params: map[string]any{"code": "x.bad"}}},
		{"other error", errors.New("secret 110105194912310021"),
			Issue{Severity: SeverityError, Code: "value.invalid", Path: "/p"}},
		{"nil", nil,
			Issue{Severity: SeverityError, Code: "value.invalid", Path: "/p"}},
		{"issues", fmt.Errorf("loading: %w", &IssuesError{Op: "test", Issues: []Issue{
			NewIssue("division.length", "/division", map[string]any{"value": "3715021"}),
			NewIssue("division.unknown", "/other", map[string]any{"value": "371599"}),
		}}), Issue{Severity: SeverityError, Code: "division.length", Path: "/p/division", Params: map[string]any{"value": "3715021"}}},
		{"an error that is an issue", testIssueError{}, Issue{Severity: SeverityWarning, Code: "activity.noParticipants", Path: "/p/participants", Params: map[string]any{"form": "lecture"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IssueFromError(tt.err, "/p")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("IssueFromError mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// testIssueError is an error that presents itself as an issue.
type testIssueError struct{}

func (testIssueError) Error() string { return "no participants" }
func (testIssueError) Issue() Issue {
	return NewIssue("activity.noParticipants", "/participants", map[string]any{"form": "lecture"})
}

func TestIssuesError(t *testing.T) {
	two := &IssuesError{Op: "indicators", Issues: []Issue{
		NewIssue("activity.noParticipants", "/activities/0/participants", map[string]any{"form": "lecture"}),
		NewIssue("activity.noParticipants", "/activities/1/participants", map[string]any{"form": "drill"}),
	}}
	for _, tt := range []struct {
		err  *IssuesError
		want string
	}{
		{two, `indicators: /activities/0/participants: A "lecture" activity with 0 participants: check the count (and 1 more)`},
		{&IssuesError{Op: "grid: alert rules", Issues: two.Issues[1:]}, `grid: alert rules: /activities/1/participants: A "drill" activity with 0 participants: check the count`},
		{&IssuesError{Op: "x"}, "x: invalid"},
	} {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestIssueMessage(t *testing.T) {
	checksum := NewIssue("citizenId.checksum", "/resident/citizenId", map[string]any{"value": "3715**********123X"})
	tests := []struct {
		name  string
		issue Issue
		lang  language.Tag
		want  string
	}{
		{"zh-Hans", checksum, ZhHans, "公民身份号码“3715**********123X”的校验码不正确，请核对是否录错"},
		{"zh-Hant", checksum, ZhHant, "公民身份號碼「3715**********123X」的檢查碼不符，請核對是否輸入錯誤"},
		{"en", checksum, English, `Citizen ID number "3715**********123X" fails its check digit: check it for typing errors`},
		{"zh-TW", checksum, language.MustParse("zh-TW"), "公民身份號碼「3715**********123X」的檢查碼不符，請核對是否輸入錯誤"},
		{"en-GB", checksum, language.BritishEnglish, `Citizen ID number "3715**********123X" fails its check digit: check it for typing errors`},
		{"fr falls back to zh-Hans", checksum, language.French, "公民身份号码“3715**********123X”的校验码不正确，请核对是否录错"},
		{"und falls back to zh-Hans", checksum, language.Und, "公民身份号码“3715**********123X”的校验码不正确，请核对是否录错"},
		{"missing param", Issue{Severity: SeverityError, Code: "division.unknown"}, English,
			`Division code "{value}" is not in the division registry: check that it is typed right and still in use`},
		{"percent in value", NewIssue("period.syntax", "", map[string]any{"value": "100%[1]v"}), English,
			`Period "100%[1]v" is not written in a known form, such as 2025, 2025S1, 2025Q3, 202509B, 202510, 2025W42 or 20251017`},
		{"unregistered code", Issue{Severity: SeverityWarning, Code: "no.such"}, ZhHans, "程序内部错误：问题代码“no.such”未登记"},
		{"no params", NewIssue("value.invalid", "/a", nil), ZhHant, "此欄位的值無效"},
		{"a list in words, zh-Hans", NewIssue("document.kind", "/kind", map[string]any{"value": "lesson", "allowed": []string{"activity", "binding", "healthCell"}}), ZhHans,
			"未知的记录类型“lesson”，应为以下之一：activity、binding、healthCell"},
		{"a list in words, zh-Hant", NewIssue("document.kind", "/kind", map[string]any{"value": "lesson", "allowed": []string{"activity", "binding"}}), ZhHant,
			"未知的記錄類型「lesson」，應為以下之一：activity、binding"},
		{"a list in words, en", NewIssue("document.kind", "/kind", map[string]any{"value": "lesson", "allowed": []string{"activity", "binding", "healthCell"}}), English,
			`Unknown record kind "lesson"; want one of activity, binding, healthCell`},
		{"a list read back from JSON", NewIssue("json.enum", "/form", map[string]any{"value": "dance", "allowed": []any{"lecture", "drill"}}), ZhHans,
			"“dance”不是允许的取值，应为以下之一：lecture、drill"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.issue.Message(tt.lang); got != tt.want {
				t.Errorf("Message(%v) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}

// TestIssueMessageNumbers pins the decision that numbers in messages are
// written without digit grouping, as in the JSON params: x/text would
// write 13432 as "13,432" and the year 2025 as "2,025".
func TestIssueMessageNumbers(t *testing.T) {
	tests := []struct {
		value any
		want  string
	}{
		{13432, "13432"},
		{int64(-2025), "-2025"},
		{uint16(2025), "2025"},
		{float64(13432), "13432"}, // as decoded from JSON
		{96.41, "96.41"},
		{float32(0.5), "0.5"},
		{json.Number("318366"), "318366"},
		{"3,210", "3,210"},
	}
	for _, tt := range tests {
		iss := NewIssue("period.range", "", map[string]any{"value": tt.value})
		for _, lang := range languageSupported {
			if got := iss.Message(lang); !strings.Contains(got, tt.want) || strings.Contains(got, "%!") {
				t.Errorf("value %#v: Message(%v) = %q, want it to hold %q", tt.value, lang, got, tt.want)
			}
		}
	}
}

func TestIssueString(t *testing.T) {
	tests := []struct {
		issue Issue
		want  string
	}{
		{NewIssue("citizenId.checksum", "/resident/citizenId", map[string]any{"value": "3715**********123X"}),
			`error citizenId.checksum /resident/citizenId: Citizen ID number "3715**********123X" fails its check digit: check it for typing errors`},
		{NewIssue("value.invalid", "", nil), "error value.invalid: The value is not valid"},
		{Issue{Code: "value.invalid", Path: "/a"}, "Severity(0) value.invalid /a: The value is not valid"},
	}
	for _, tt := range tests {
		if got := tt.issue.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestIssueJSON(t *testing.T) {
	iss := NewIssue("period.range", "/records/0/period", map[string]any{"value": "202513"})
	b, err := json.Marshal(iss)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"severity":"error","code":"period.range","path":"/records/0/period","params":{"value":"202513"}}`
	if string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
	var back Issue
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(iss, back); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}

	b, err = json.Marshal(NewIssue("value.invalid", "", nil))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"severity":"error","code":"value.invalid","path":""}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
	if _, err := json.Marshal(Issue{Code: "value.invalid"}); err == nil {
		t.Error("json.Marshal of an issue with the zero severity succeeded, want an error")
	}
	if err := json.Unmarshal([]byte(`{"severity":"fatal","code":"x.y","path":""}`), &back); err == nil {
		t.Error("json.Unmarshal of severity \"fatal\" succeeded, want an error")
	}
}

// issueTestDef returns a valid definition with an unused code.
func issueTestDef(code string) CodeDef {
	return CodeDef{
		Code:     code,
		Severity: SeverityWarning,
		Params:   []string{"value", "max"},
		Meaning:  "A test code.",
		ZhHans:   "值%[1]v超过%[2]v",
		ZhHant:   "值%[1]v超過%[2]v",
		En:       "%[1]v is more than %[2]v (100%%)",
	}
}

// issueTestRegister registers defs and returns the panic value, if any.
func issueTestRegister(defs ...CodeDef) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	RegisterCodes(defs...)
	return ""
}

// issueTestForget removes code from the registry when t ends, so that the
// tests can run again (-count) and leave Codes as they found it.
func issueTestForget(t *testing.T, code string) {
	t.Cleanup(func() {
		issueMu.Lock()
		delete(issueCodes, code)
		issueMu.Unlock()
	})
}

func TestRegisterCodes(t *testing.T) {
	def := issueTestDef("issueTest.registered")
	issueTestForget(t, def.Code)
	if msg := issueTestRegister(def); msg != "" {
		t.Fatalf("RegisterCodes panicked: %s", msg)
	}
	got, ok := LookupCode(def.Code)
	if !ok {
		t.Fatalf("LookupCode(%q) not found after RegisterCodes", def.Code)
	}
	if diff := cmp.Diff(def, got); diff != "" {
		t.Errorf("LookupCode mismatch (-want +got):\n%s", diff)
	}
	got.Params[0] = "changed"
	if again, _ := LookupCode(def.Code); again.Params[0] != "value" {
		t.Errorf("LookupCode returned the registry's Params slice")
	}
	iss := NewIssue(def.Code, "/a", map[string]any{"value": 12, "max": 10})
	if iss.Severity != SeverityWarning {
		t.Errorf("NewIssue severity = %v, want warning", iss.Severity)
	}
	for lang, want := range map[language.Tag]string{ZhHans: "值12超过10", ZhHant: "值12超過10", English: "12 is more than 10 (100%)"} {
		if got := iss.Message(lang); got != want {
			t.Errorf("Message(%v) = %q, want %q", lang, got, want)
		}
	}
	if msg := issueTestRegister(issueTestDef("issueTest.registered")); !strings.Contains(msg, "twice") {
		t.Errorf("registering a code twice: panic %q, want one saying twice", msg)
	}
}

func TestRegisterCodesRejects(t *testing.T) {
	mod := func(f func(*CodeDef)) CodeDef {
		d := issueTestDef("issueTest.rejected")
		f(&d)
		return d
	}
	tests := []struct {
		name string
		defs []CodeDef
		want string // in the panic message
	}{
		{"empty code", []CodeDef{mod(func(d *CodeDef) { d.Code = "" })}, "dotted"},
		{"undotted code", []CodeDef{mod(func(d *CodeDef) { d.Code = "checksum" })}, "dotted"},
		{"upper-case code", []CodeDef{mod(func(d *CodeDef) { d.Code = "CitizenId.checksum" })}, "dotted"},
		{"empty segment", []CodeDef{mod(func(d *CodeDef) { d.Code = "citizenId..checksum" })}, "dotted"},
		{"dash in code", []CodeDef{mod(func(d *CodeDef) { d.Code = "citizen-id.checksum" })}, "dotted"},
		{"zero severity", []CodeDef{mod(func(d *CodeDef) { d.Severity = 0 })}, "Severity(0)"},
		{"bad param name", []CodeDef{mod(func(d *CodeDef) { d.Params[1] = "Max" })}, "param name"},
		{"repeated param", []CodeDef{mod(func(d *CodeDef) { d.Params[1] = "value" })}, "twice"},
		{"empty meaning", []CodeDef{mod(func(d *CodeDef) { d.Meaning = " " })}, "meaning"},
		{"empty zh-Hans", []CodeDef{mod(func(d *CodeDef) { d.ZhHans = "" })}, "zh-Hans template"},
		{"empty zh-Hant", []CodeDef{mod(func(d *CodeDef) { d.ZhHant = "" })}, "zh-Hant template"},
		{"empty en", []CodeDef{mod(func(d *CodeDef) { d.En = "" })}, "en template"},
		{"unused param", []CodeDef{mod(func(d *CodeDef) { d.En = "%[1]v is too much" })}, "%[2]v unused"},
		{"index too big", []CodeDef{mod(func(d *CodeDef) { d.ZhHant = "%[1]v %[2]v %[3]v" })}, "only 2 params"},
		{"unindexed verb", []CodeDef{mod(func(d *CodeDef) { d.En = "%v is more than %v" })}, "%[n]v"},
		{"other verb", []CodeDef{mod(func(d *CodeDef) { d.En = "%[1]d is more than %[2]v" })}, "%[n]v"},
		{"zero index", []CodeDef{mod(func(d *CodeDef) { d.En = "%[0]v %[1]v %[2]v" })}, "%[n]v"},
		{"trailing percent", []CodeDef{mod(func(d *CodeDef) { d.En = "%[1]v %[2]v 100%" })}, "%[n]v"},
		{"substitution", []CodeDef{mod(func(d *CodeDef) { d.En = "%[1]v ${max} %[2]v" })}, "${"},
		{"duplicate in one call", []CodeDef{issueTestDef("issueTest.rejected"), issueTestDef("issueTest.rejected")}, "twice"},
		{"existing code", []CodeDef{issueTestDef("issueTest.rejected"), mod(func(d *CodeDef) { d.Code = "division.syntax" })}, "twice"},
		{"bad def after good", []CodeDef{issueTestDef("issueTest.rejected"), mod(func(d *CodeDef) { d.Code = "issueTest.other"; d.ZhHans = "" })}, "template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, d := range tt.defs {
				if _, ok := LookupCode(d.Code); !ok {
					issueTestForget(t, d.Code)
				}
			}
			msg := issueTestRegister(tt.defs...)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("panic %q, want one holding %q", msg, tt.want)
			}
			for _, d := range tt.defs {
				if d.Code == "division.syntax" {
					continue
				}
				if _, ok := LookupCode(d.Code); ok {
					t.Errorf("code %q registered although RegisterCodes panicked", d.Code)
				}
			}
		})
	}
}

func TestIssueMessageConcurrent(t *testing.T) {
	iss := NewIssue("citizenId.checksum", "/p", map[string]any{"value": "3715**********123X"})
	want := make([]string, len(languageSupported))
	for i, lang := range languageSupported {
		want[i] = iss.Message(lang)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 200 {
				i := (g + n) % len(languageSupported)
				if got := iss.Message(languageSupported[i]); got != want[i] {
					t.Errorf("concurrent Message(%v) = %q, want %q", languageSupported[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkIssueMessage(b *testing.B) {
	iss := NewIssue("citizenId.checksum", "/resident/citizenId", map[string]any{"value": "3715**********123X"})
	b.ReportAllocs()
	for b.Loop() {
		iss.Message(ZhHant)
	}
}

func BenchmarkNewIssue(b *testing.B) {
	params := map[string]any{"value": "3715x"}
	b.ReportAllocs()
	for b.Loop() {
		NewIssue("division.syntax", "/division", params)
	}
}
