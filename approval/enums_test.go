package approval_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		state  approval.State
		action approval.Action
	}{
		{"submit", "", "submit"},
		{"approve", "", "approve"},
		{"accept", "", "accept"},
		{"return", "", "return"},
		{"submitted", "submitted", ""},
		{"approved", "approved", ""},
		{"accepted", "accepted", ""},
		{"returned", "returned", ""},
		{"", "", ""},
		{"Approve", "", ""},
		{"unapprove", "", ""},
	}
	for _, tt := range tests {
		s, err := approval.ParseState(tt.in)
		if s != tt.state || (err == nil) != (tt.state != "") {
			t.Errorf("ParseState(%q) = %q, %v", tt.in, s, err)
		}
		if err != nil {
			var ee *healthedu.EnumError
			if !errors.As(err, &ee) || ee.Type != "State" || ee.Value != tt.in {
				t.Errorf("ParseState(%q): error %#v", tt.in, err)
			}
		}
		a, err := approval.ParseAction(tt.in)
		if a != tt.action || (err == nil) != (tt.action != "") {
			t.Errorf("ParseAction(%q) = %q, %v", tt.in, a, err)
		}
	}
}

func TestLabels(t *testing.T) {
	var got []string
	for _, s := range []approval.State{"", "submitted", "approved", "accepted", "returned"} {
		got = append(got, s.Label(healthedu.ZhHans)+"/"+s.Label(healthedu.ZhHant)+"/"+s.Label(healthedu.English))
	}
	for _, a := range []approval.Action{"submit", "approve", "accept", "return"} {
		got = append(got, a.Label(healthedu.ZhHans)+"/"+a.Label(healthedu.ZhHant)+"/"+a.Label(healthedu.English))
	}
	want := []string{
		"未提交/未提交/not submitted", "已提交/已提交/submitted", "已审核/已審核/approved", "已确认/已確認/accepted", "已退回/已退回/returned",
		"提交/提交/submit", "审核/審核/approve", "确认/確認/accept", "退回/退回/return",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestAtLeast(t *testing.T) {
	states := []approval.State{"", "submitted", "approved", "accepted", "returned"}
	var got []string
	for _, min := range states {
		var row []string
		for _, s := range states {
			if s.AtLeast(min) {
				row = append(row, string(s))
			}
		}
		got = append(got, string(min)+": "+strings.Join(row, ","))
	}
	want := []string{
		": submitted,approved,accepted",
		"submitted: submitted,approved,accepted",
		"approved: approved,accepted",
		"accepted: accepted",
		"returned: submitted,approved,accepted",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// simplified and traditional are characters of this package's messages
// whose forms differ, so that each template keeps to its script.
const (
	simplified  = "审确认级划数据单报无权执与记录录务须户号码码编账该进时间为应写请项标识栏关隶属没还则"
	traditional = "審確認級劃數據單報無權執與記錄錄務須戶號碼碼編帳該進時間為應寫請項標識欄關隸屬沒還則"
)

// verbs matches the verbs of a template.
var verbs = regexp.MustCompile(`%\[\d+\]v`)

// TestCodes: every code of the package is registered with a message in
// each language that shows each param, Chinese in Chinese scripts, none
// in English.
func TestCodes(t *testing.T) {
	var n int
	for _, def := range healthedu.Codes() {
		if !strings.HasPrefix(def.Code, "approval.") {
			continue
		}
		n++
		params := map[string]any{}
		for i, p := range def.Params {
			params[p] = "⟦" + p + string(rune('A'+i)) + "⟧"
		}
		is := healthedu.NewIssue(def.Code, "/a", params)
		for _, lang := range []language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English} {
			msg := is.Message(lang)
			if strings.Contains(msg, def.Code) || strings.Contains(msg, "%") {
				t.Errorf("%s %s: %q", def.Code, lang, msg)
			}
			for _, v := range params {
				if !strings.Contains(msg, v.(string)) {
					t.Errorf("%s %s: %q does not show %v", def.Code, lang, msg, v)
				}
			}
		}
		han := func(r rune) bool { return unicode.Is(unicode.Han, r) }
		if strings.ContainsFunc(def.En, han) || !strings.ContainsFunc(def.ZhHans, han) || !strings.ContainsFunc(def.ZhHant, han) {
			t.Errorf("%s: scripts of %q, %q, %q", def.Code, def.ZhHans, def.ZhHant, def.En)
		}
		if strings.ContainsAny(def.ZhHant, simplified) || strings.ContainsAny(def.ZhHans, traditional) {
			t.Errorf("%s: script mixed in %q, %q", def.Code, def.ZhHans, def.ZhHant)
		}
		if strings.ContainsAny(def.ZhHans, "「」") || strings.ContainsAny(def.ZhHant, "“”") {
			t.Errorf("%s: quotes of %q, %q", def.Code, def.ZhHans, def.ZhHant)
		}
		ascii := strings.Map(func(r rune) rune {
			if r < 128 && unicode.IsLetter(r) {
				return r
			}
			return -1
		}, verbs.ReplaceAllString(def.ZhHans+def.ZhHant, ""))
		if ascii != "" {
			t.Errorf("%s: Latin letters %q in a Chinese template", def.Code, ascii)
		}
	}
	if n != 25 {
		t.Errorf("%d approval codes, want 25", n)
	}
}
