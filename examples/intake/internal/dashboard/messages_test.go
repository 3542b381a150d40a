package dashboard

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// TestMessagesComplete checks that every UI string exists in the three
// languages with the same formatting verbs.
func TestMessagesComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[a-z]`)
	for key, m := range uiMessages {
		var first []string
		for l, s := range m {
			if s == "" {
				t.Errorf("%s has no %s", key, uiLang(l))
			}
			v := verbs.FindAllString(s, -1)
			for i := range v { // %q and %s take the same argument
				v[i] = regexp.MustCompile(`[qs]$`).ReplaceAllString(v[i], "s")
			}
			slices.Sort(v)
			if l == 0 {
				first = v
			} else if !slices.Equal(first, v) {
				t.Errorf("%s: %s has verbs %v, zh-Hans %v", key, uiLang(l), v, first)
			}
		}
	}
}

func TestPeriodName(t *testing.T) {
	tests := []struct {
		period         string
		hans, hant, en string
	}{
		{"2025", "2025年", "2025年", "2025"},
		{"2025S1", "2025年上半年", "2025年上半年", "H1 2025"},
		{"2025S2", "2025年下半年", "2025年下半年", "H2 2025"},
		{"2025Q3", "2025年第3季度", "2025年第3季", "Q3 2025"},
		{"202510", "2025年10月", "2025年10月", "October 2025"},
		{"202501", "2025年1月", "2025年1月", "January 2025"},
		{"2025W42", "2025W42", "2025W42", "2025W42"},
	}
	for _, tt := range tests {
		p := healthedu.MustParsePeriod(tt.period)
		got := [3]string{langZhHans.periodName(p), langZhHant.periodName(p), langEn.periodName(p)}
		if want := [3]string{tt.hans, tt.hant, tt.en}; got != want {
			t.Errorf("periodName(%s) = %q, want %q", tt.period, got, want)
		}
	}
	if got := langEn.monthAbbr(time.October); got != "Oct" {
		t.Errorf("monthAbbr = %q", got)
	}
}

func TestParseUILang(t *testing.T) {
	tests := []struct {
		in      string
		want    uiLang
		wantErr bool
	}{
		{"", langZhHans, false}, {"zh-Hans", langZhHans, false}, {"zh-CN", langZhHans, false}, {"zh", langZhHans, false},
		{"zh-Hant", langZhHant, false}, {"zh-TW", langZhHant, false}, {"zh_hk", langZhHant, false},
		{"en", langEn, false}, {"en-GB", langEn, false},
		{"fr", langZhHans, true}, {"!!", langZhHans, true},
	}
	for _, tt := range tests {
		got, err := parseUILang(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseUILang(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestDateAndLevelNames(t *testing.T) {
	if got := langZhHans.dateName("2025-11-10"); got != "2025年11月10日" {
		t.Error(got)
	}
	if got := langEn.dateName("2025-11-10"); got != "10 November 2025" {
		t.Error(got)
	}
	if got := langEn.dateName("soon"); got != "soon" {
		t.Error(got)
	}
	if got := langZhHant.levelName("township"); got != "鄉級" {
		t.Error(got)
	}
	if got := langZhHans.levelName("galaxy"); got != "galaxy" {
		t.Error(got)
	}
}
