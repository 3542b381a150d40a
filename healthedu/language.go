package healthedu

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/internal/enumset"
)

// The three languages (语言) in which jiceng renders messages: Simplified
// Chinese, the default; Traditional Chinese, as read in Taiwan, Hong Kong and
// Macao; and English.
var (
	ZhHans  = language.MustParse("zh-Hans") // 简体中文 (default)
	ZhHant  = language.MustParse("zh-Hant") // 繁體中文
	English = language.English              // English
)

// languageSupported lists the supported languages, the default first, in
// the order of the indexes that the module's one language matcher,
// enumset.LanguageIndex, returns. TestLanguagesAgree checks that they are
// ZhHans, ZhHant and English.
var languageSupported = enumset.Languages

// MatchLanguage returns the supported language (ZhHans, ZhHant or English)
// that best serves a reader whose preferences are given as the value of an
// HTTP Accept-Language header (语言偏好), such as "zh-TW,zh;q=0.9,en;q=0.8".
//
// Traditional Chinese serves zh-Hant and the regions that write it (zh-TW,
// zh-HK, zh-MO); Simplified Chinese serves zh, zh-Hans, zh-CN and zh-SG; any
// en-* is served by English. A preference list that is empty, cannot be
// parsed, or names only languages that none of the three serves yields
// ZhHans, the default.
func MatchLanguage(acceptLanguage string) language.Tag {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return ZhHans
	}
	i, _ := enumset.LanguageIndex(tags...)
	return languageSupported[i]
}

// ParseLanguage parses a language tag (语言标记) as given in a command-line
// flag or a query parameter and returns the supported language that serves
// it: "zh-Hans", "zh-Hant" and "en", and any tag MatchLanguage maps to them
// with confidence, such as "zh", "zh-CN", "zh_TW", "zh-HK" or "en-US". Case
// does not matter.
//
// Unlike MatchLanguage, which falls back to the default, ParseLanguage
// reports an error for a tag that is not well-formed (code
// "language.syntax") or that none of the three languages serves, such as
// "fr" (code "language.unsupported").
func ParseLanguage(s string) (language.Tag, error) {
	t, err := language.Parse(s)
	if err != nil {
		return language.Und, &ParseError{Func: "ParseLanguage", Input: s, Code: "language.syntax", Msg: "not a well-formed language tag", At: -1}
	}
	i, ok := enumset.LanguageIndex(t)
	if !ok {
		return language.Und, &ParseError{Func: "ParseLanguage", Input: s, Code: "language.unsupported", Msg: "unsupported language, want zh-Hans, zh-Hant or en", At: -1}
	}
	return languageSupported[i], nil
}

// SupportedLanguage returns the supported language (ZhHans, ZhHant or
// English) that serves a reader of lang best, ZhHans when none does with
// confidence: the choice Issue.Message and the enumerations' labels make.
func SupportedLanguage(lang language.Tag) language.Tag {
	i, _ := enumset.LanguageIndex(lang)
	return languageSupported[i]
}
