package main

import (
	"maps"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// The issue codes of the command line (问题代码), registered with package
// healthedu like the library's own so that the command's messages come in
// the reader's language (-lang) in the same three languages.
const (
	codeReportingLevel      = "jiceng.reportingLevel"
	codeReportersExclusive  = "jiceng.reportersExclusive"
	codeReportersUnreadable = "jiceng.reportersUnreadable"
	codeReportersLine       = "jiceng.reportersLine"
	codeReportersEmpty      = "jiceng.reportersEmpty"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeReportingLevel, Severity: e, Params: []string{"value"},
			Meaning: "jiceng indicators -reporting-level names no division level.",
			ZhHans:  "-reporting-level：填报层级“%[1]v”无效，应为province（省）、city（市）、county（县）、township（乡镇）或village（村）",
			ZhHant:  "-reporting-level：填報層級「%[1]v」無效，應為 province（省）、city（市）、county（縣）、township（鄉鎮）或 village（村）",
			En:      "-reporting-level: \"%[1]v\" is not a division level: want province, city, county, township or village"},
		healthedu.CodeDef{Code: codeReportersExclusive, Severity: e,
			Meaning: "jiceng indicators was given both -reporters and -reporting-level.",
			ZhHans:  "-reporters 与 -reporting-level 不能同时使用：名单已列出全部应报单位",
			ZhHant:  "-reporters 與 -reporting-level 不能同時使用：名單已列出全部應報單位",
			En:      "-reporters and -reporting-level exclude each other: the list names every expected reporter"},
		healthedu.CodeDef{Code: codeReportersUnreadable, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -reporters could not be opened or read.",
			ZhHans:  "-reporters：无法读取应报单位名单文件 %[1]v",
			ZhHant:  "-reporters：無法讀取應報單位名單檔案 %[1]v",
			En:      "-reporters: cannot read the list of expected reporters %[1]v"},
		healthedu.CodeDef{Code: codeReportersLine, Severity: e, Params: []string{"file", "line", "reason"},
			Meaning: "A line of the file of jiceng indicators -reporters is not a division code; reason says what is wrong with it.",
			ZhHans:  "%[1]v 第 %[2]v 行：%[3]v（每行应为一个区划代码，空行和以 # 开头的行除外）",
			ZhHant:  "%[1]v 第 %[2]v 行：%[3]v（每行應為一個區劃代碼，空行和以 # 開頭的行除外）",
			En:      "%[1]v, line %[2]v: %[3]v (each line holds one division code, but for blank lines and lines starting with #)"},
		healthedu.CodeDef{Code: codeReportersEmpty, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -reporters lists no division.",
			ZhHans:  "-reporters：应报单位名单文件 %[1]v 中没有任何区划代码",
			ZhHant:  "-reporters：應報單位名單檔案 %[1]v 中沒有任何區劃代碼",
			En:      "-reporters: the list of expected reporters %[1]v names no division"},
	)
}

// commandError is an error of the command line for people: an issue code
// with its params, rendered in the reader's language.
type commandError struct {
	code   string
	params map[string]any
}

func (e *commandError) Error() string { return e.Message(healthedu.English) }

// Message returns the error in the language that serves lang best. A
// param that is a parseFault is rendered in that language too.
func (e *commandError) Message(lang language.Tag) string {
	params := make(map[string]any, len(e.params))
	for k, v := range e.params {
		if f, ok := v.(parseFault); ok {
			v = f.Message(lang)
		}
		params[k] = v
	}
	return healthedu.NewIssue(e.code, "", params).Message(lang)
}

// parseFault is a param of a commandError that holds the error of one of
// healthedu's parsers, such as ParseDivisionCode: its issue's message, in
// the reader's language, says what is wrong.
type parseFault struct{ err error }

// Message returns the message of f's issue in lang, with a value shaped
// like a citizen ID number masked even when it is not a valid one: a
// number with a typing error is still a person's.
func (f parseFault) Message(lang language.Tag) string {
	is := healthedu.IssueFromError(f.err, "")
	if v, ok := is.Params["value"].(string); ok && citizenIDShaped(v) {
		r := []rune(v)
		params := maps.Clone(is.Params)
		params["value"] = string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
		is.Params = params
	}
	return is.Message(lang)
}

// citizenIDShaped reports whether s has the shape of a citizen ID number:
// 15 or 18 digits, ASCII or full-width, the 18th possibly X.
func citizenIDShaped(s string) bool {
	r := []rune(s)
	if len(r) != 15 && len(r) != 18 {
		return false
	}
	for i, c := range r {
		digit := c >= '0' && c <= '9' || c >= '０' && c <= '９'
		x := i == 17 && (c == 'X' || c == 'x' || c == 'Ｘ' || c == 'ｘ')
		if !digit && !x {
			return false
		}
	}
	return true
}

// errorText returns err for people in lang: the message of a
// *commandError in that language, the text of any other error as it is,
// with any citizen ID masked.
func errorText(err error, lang language.Tag) string {
	if ce, ok := err.(*commandError); ok {
		return healthedu.RedactCitizenIDs(ce.Message(lang))
	}
	return healthedu.RedactCitizenIDs(err.Error())
}
