package healthedu

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestMatchLanguage(t *testing.T) {
	tests := []struct {
		in   string
		want language.Tag
	}{
		{"zh-TW", ZhHant},
		{"zh-HK", ZhHant},
		{"zh-MO", ZhHant},
		{"zh-Hant", ZhHant},
		{"zh-Hant-TW", ZhHant},
		{"zh-Hant-CN", ZhHant},
		{"zh", ZhHans},
		{"zh-CN", ZhHans},
		{"zh-SG", ZhHans},
		{"zh-Hans", ZhHans},
		{"zh-Hans-HK", ZhHans},
		{"en", English},
		{"en-US", English},
		{"en-GB", English},
		{"EN_us", English},
		{"fr", ZhHans},
		{"ja", ZhHans},
		{"fr;q=1, en;q=0.5", English},
		{"en;q=0.1, zh-TW;q=0.9", ZhHant},
		{"zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", ZhHant},
		{"zh-TW;q=0, en", English},
		{"de, *", ZhHans},
		{"*", ZhHans},
		{"", ZhHans},
		{"garbage;;", ZhHans},
		{"en;q=abc", ZhHans},
	}
	for _, tt := range tests {
		if got := MatchLanguage(tt.in); got != tt.want {
			t.Errorf("MatchLanguage(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseLanguage(t *testing.T) {
	tests := []struct {
		in   string
		want language.Tag
	}{
		{"zh-Hans", ZhHans},
		{"zh-Hant", ZhHant},
		{"en", English},
		{"zh", ZhHans},
		{"zh-CN", ZhHans},
		{"zh_cn", ZhHans},
		{"ZH-hant", ZhHant},
		{"zh-TW", ZhHant},
		{"zh-HK", ZhHant},
		{"en-US", English},
		{"en-US-u-rg-gbzzzz", English},
	}
	for _, tt := range tests {
		got, err := ParseLanguage(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseLanguageError(t *testing.T) {
	tests := []struct {
		in   string
		want *ParseError
	}{
		{"", &ParseError{Func: "ParseLanguage", Input: "", Code: "language.syntax", Msg: "not a well-formed language tag", At: -1}},
		{"zh-", &ParseError{Func: "ParseLanguage", Input: "zh-", Code: "language.syntax", Msg: "not a well-formed language tag", At: -1}},
		{"中文", &ParseError{Func: "ParseLanguage", Input: "中文", Code: "language.syntax", Msg: "not a well-formed language tag", At: -1}},
		{"fr", &ParseError{Func: "ParseLanguage", Input: "fr", Code: "language.unsupported", Msg: "unsupported language, want zh-Hans, zh-Hant or en", At: -1}},
		{"und", &ParseError{Func: "ParseLanguage", Input: "und", Code: "language.unsupported", Msg: "unsupported language, want zh-Hans, zh-Hant or en", At: -1}},
		{"yue", &ParseError{Func: "ParseLanguage", Input: "yue", Code: "language.unsupported", Msg: "unsupported language, want zh-Hans, zh-Hant or en", At: -1}},
	}
	for _, tt := range tests {
		got, err := ParseLanguage(tt.in)
		pe, ok := errors.AsType[*ParseError](err)
		if !ok {
			t.Errorf("ParseLanguage(%q) = %v, %v; want a *ParseError", tt.in, got, err)
			continue
		}
		if diff := cmp.Diff(tt.want, pe); diff != "" {
			t.Errorf("ParseLanguage(%q) error mismatch (-want +got):\n%s", tt.in, diff)
		}
		if got != language.Und {
			t.Errorf("ParseLanguage(%q) = %v with an error, want und", tt.in, got)
		}
	}
}

// TestLanguageTagsPlain checks that the supported tags carry no extension
// (the matcher's returned tag would carry -u-rg-…), so that they compare
// equal to ZhHans, ZhHant and English and print plainly.
func TestLanguageTagsPlain(t *testing.T) {
	for _, in := range []string{"zh-HK", "en-GB", "zh-SG"} {
		got := MatchLanguage(in)
		if s := got.String(); s != "zh-Hans" && s != "zh-Hant" && s != "en" {
			t.Errorf("MatchLanguage(%q) = %q, want a plain supported tag", in, s)
		}
	}
}

func BenchmarkMatchLanguage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MatchLanguage("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7")
	}
}

// TestLanguagesAgree checks that the languages the module's one matcher
// indexes are the ones this package exports, default first.
func TestLanguagesAgree(t *testing.T) {
	if want := [...]language.Tag{ZhHans, ZhHant, English}; languageSupported != want {
		t.Errorf("languageSupported = %v, want %v", languageSupported, want)
	}
}
