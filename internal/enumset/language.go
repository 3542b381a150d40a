package enumset

import "golang.org/x/text/language"

// Languages are the three languages (语言) of jiceng's messages and labels,
// the default first: Simplified Chinese, Traditional Chinese and English.
// Package healthedu exports them as ZhHans, ZhHant and English.
var Languages = [...]language.Tag{
	language.MustParse("zh-Hans"), // 简体中文 (default)
	language.MustParse("zh-Hant"), // 繁體中文
	language.English,              // English
}

// matcher is safe for concurrent use: a Matcher is not modified by Match.
var matcher = language.NewMatcher(Languages[:])

// LanguageIndex matches languages (语言匹配): it returns the index into
// Languages of the language that best serves a reader of tags, given in
// order of preference, and whether the match is better than a guess; 0,
// the default, and false when none does.
//
// The index is used rather than the tag that Match returns, which may carry
// extensions such as -u-rg-twzzzz. Confidence language.No counts as no match:
// a matcher sends "fr" to "en" with No confidence, because both are written
// in Latin script, but a French reader has no claim on English rather than
// on the default.
func LanguageIndex(tags ...language.Tag) (int, bool) {
	if len(tags) == 1 {
		for i, s := range Languages {
			if tags[0] == s {
				return i, true
			}
		}
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return 0, false
	}
	return i, true
}
