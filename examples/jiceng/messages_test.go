package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"golang.org/x/text/language"
	"golang.org/x/text/width"
)

// localeVars are the variables of the environment the language of
// messages follows when -lang is not given.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG"}

// TestMain clears the locale of the environment, so that the tests see
// the default language, zh-Hans, wherever they run; a test that wants a
// locale sets it with t.Setenv.
func TestMain(m *testing.M) {
	for _, v := range localeVars {
		os.Unsetenv(v)
	}
	os.Exit(m.Run())
}

func TestLocaleLanguage(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want language.Tag
	}{
		{nil, healthedu.ZhHans},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, healthedu.ZhHans},
		{map[string]string{"LANG": "zh_CN.GB18030"}, healthedu.ZhHans},
		{map[string]string{"LANG": "zh_SG.UTF-8"}, healthedu.ZhHans},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, healthedu.ZhHant},
		{map[string]string{"LANG": "zh_TW.Big5"}, healthedu.ZhHant},
		{map[string]string{"LANG": "zh_HK.UTF-8"}, healthedu.ZhHant},
		{map[string]string{"LANG": "zh_MO"}, healthedu.ZhHant},
		{map[string]string{"LANG": "en_US.UTF-8"}, healthedu.English},
		{map[string]string{"LANG": "en_GB.UTF-8@euro"}, healthedu.English},
		{map[string]string{"LANG": "en"}, healthedu.English},
		{map[string]string{"LANG": "C"}, healthedu.ZhHans},
		{map[string]string{"LANG": "C.UTF-8"}, healthedu.ZhHans},
		{map[string]string{"LANG": "POSIX"}, healthedu.ZhHans},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, healthedu.ZhHans},
		{map[string]string{"LANG": "not a locale"}, healthedu.ZhHans},
		// POSIX order: LC_ALL, then LC_MESSAGES, then LANG; empty is unset.
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, healthedu.ZhHant},
		{map[string]string{"LANG": "zh_TW.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, healthedu.ZhHans},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": ""}, healthedu.English},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "C"}, healthedu.ZhHans},
	}
	for _, tt := range tests {
		if got := envLanguage(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: %v, want %v", tt.env, got, tt.want)
		}
	}
}

// commandCodes returns the definitions of the command's codes.
func commandCodes(t *testing.T) []healthedu.CodeDef {
	t.Helper()
	var defs []healthedu.CodeDef
	for _, d := range healthedu.Codes() {
		if strings.HasPrefix(d.Code, "jiceng.") {
			defs = append(defs, d)
		}
	}
	if len(defs) < 50 {
		t.Fatalf("%d jiceng codes registered, want the 50 and more of codes.go", len(defs))
	}
	return defs
}

// TestCodes checks every code of the command: each has a message in the
// three languages, Chinese without English prose, each Chinese in its own
// script, and English without Chinese; and each is used by the command.
func TestCodes(t *testing.T) {
	src := commandSources(t)
	for _, d := range commandCodes(t) {
		if d.ZhHans == "" || d.ZhHant == "" || d.En == "" || d.Meaning == "" {
			t.Errorf("%s lacks a message or a meaning: %+v", d.Code, d)
		}
		for lang, msg := range map[language.Tag]string{healthedu.ZhHans: d.ZhHans, healthedu.ZhHant: d.ZhHant, healthedu.English: d.En} {
			if problems := languageProblems(lang, msg, nil); len(problems) > 0 {
				t.Errorf("%s %v %q: %s", d.Code, lang, msg, strings.Join(problems, "; "))
			}
		}
		// A code is used: its constant appears outside its definition.
		name := "code" + strings.ToUpper(d.Code[len("jiceng."):][:1]) + d.Code[len("jiceng.")+1:]
		name = strings.ReplaceAll(name, "Dhis2", "DHIS2")
		if !regexp.MustCompile(`\b` + name + `\b[^=]`).MatchString(src) {
			t.Errorf("%s: constant %s is not used by the command", d.Code, name)
		}
	}
}

// commandSources returns the command's Go files but codes.go and the tests.
func commandSources(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		if f == "codes.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// The words a Chinese message may hold in Latin letters: names of the
// command and of its subcommands, values of flags and of fields, file
// formats and standards. Anything else in Latin letters is English prose.
var chineseAllowedWords = map[string]bool{
	"jiceng": true, "validate": true, "indicators": true, "compliance": true, "weekly": true, "generate": true, "schemas": true,
	"text": true, "json": true, "table": true, "csv": true, "dhis2": true, "fhir": true,
	"utf-8": true, "gb18030": true, "zh-Hans": true, "zh-Hant": true, "en": true,
	"province": true, "city": true, "county": true, "township": true, "village": true,
	"kind": true, "RFC": true, "JSON": true, "Schema": true, "CSV": true, "DHIS2": true,
	"NDJSON": true, "YYYYMM": true, "MB": true,
	"source": true, "classes": true, "norms": true, "centre": true, "station": true, // a norms table's members and classes
}

// identifiers are the codes, kinds and indicators a message may quote.
var identifiers = func() map[string]bool {
	ids := make(map[string]bool)
	for _, d := range healthedu.Codes() {
		ids[d.Code] = true
	}
	for _, k := range healthedu.ExchangeKinds() {
		ids[string(k.Kind)] = true
	}
	for _, ind := range indicators.DefaultCatalogue().Indicators() {
		ids[ind.Code()] = true
	}
	return ids
}()

var (
	placeholder = regexp.MustCompile(`%\[[0-9]+\]v`)
	latinToken  = regexp.MustCompile(`[!-~]+`) // a run of printable ASCII
	flagName    = regexp.MustCompile(`^--?[a-z][a-z0-9-]*(=.*)?$`)
	jsonPointer = regexp.MustCompile(`^/[!-~]*$`)
	latinWord   = regexp.MustCompile(`[A-Za-z]{2,}`)
	// A few characters written differently in the two scripts, as
	// Simplified / Traditional.
	simplifiedOnly  = "个这没数据报时间区划错误输参设项条记录读写为与须选应单无级县乡镇码标将档执权" + "们" + "从" + "对" + "组织"
	traditionalOnly = "個這沒數據報時間區劃錯誤輸參設項條記錄讀寫為與須選應單無級縣鄉鎮碼標將檔執權" + "們" + "從" + "對" + "組織"
	forbidden       = []*regexp.Regexp{
		regexp.MustCompile(`healthedu\.|strconv\.|synth:|(^|[^-])indicators: `), // Go identifiers and error prefixes
		regexp.MustCompile(`flag provided but not defined|invalid value|bad flag syntax|flag needs an argument`),
		regexp.MustCompile(`no such file|not a directory|permission denied|Parse[A-Z]`),
		regexp.MustCompile(`%!|\{[a-z][A-Za-z]*\}|issue\.unregistered`), // faulty templates and params
	}
	// quoted matches a value a Chinese message quotes.
	quoted = regexp.MustCompile(`“[^”]*”|「[^」]*」`)
)

// languageProblems returns what is wrong with msg as a message in lang:
// English prose in a Chinese message, a character of the other script,
// Chinese in an English message, or any of the forbidden texts, such as
// Go identifiers. values are the words the reader typed, which a message
// may quote in any language: they are ignored.
func languageProblems(lang language.Tag, msg string, values []string) []string {
	var problems []string
	for _, f := range forbidden {
		if m := f.FindString(placeholder.ReplaceAllString(msg, " ")); m != "" {
			problems = append(problems, "holds "+m)
		}
	}
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) }) // longest first
	for _, v := range values {
		if v != "" {
			msg = strings.ReplaceAll(msg, v, " ")
		}
	}
	msg = placeholder.ReplaceAllString(msg, " ")
	han := 0
	for _, r := range msg {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	switch lang {
	case healthedu.English:
		if han > 0 {
			problems = append(problems, "Chinese in English")
		}
		return problems
	case healthedu.ZhHans:
		if i := strings.IndexAny(msg, traditionalOnly); i >= 0 {
			problems = append(problems, "traditional character in zh-Hans: "+msg[i:])
		}
	case healthedu.ZhHant:
		if i := strings.IndexAny(msg, simplifiedOnly); i >= 0 {
			problems = append(problems, "simplified character in zh-Hant: "+msg[i:])
		}
	}
	if han == 0 {
		problems = append(problems, "no Chinese")
	}
	if words := englishWords(quoted.ReplaceAllString(msg, " ")); len(words) > 0 {
		problems = append(problems, "English words "+strings.Join(words, " "))
	}
	return problems
}

// englishWords returns the English words of a Chinese message: the words
// of two or more Latin letters that are neither a flag, a code, a record
// kind, an indicator, a JSON Pointer, nor one of chineseAllowedWords.
func englishWords(msg string) []string {
	var words []string
	for _, tok := range latinToken.FindAllString(width.Fold.String(msg), -1) {
		for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return strings.ContainsRune(`,:;"'()[]`, r) }) {
			part = strings.TrimRight(part, ".")
			if flagName.MatchString(part) || jsonPointer.MatchString(part) || identifiers[part] || chineseAllowedWords[part] {
				continue
			}
			for _, w := range latinWord.FindAllString(part, -1) {
				if !chineseAllowedWords[w] {
					words = append(words, w)
				}
			}
		}
	}
	return words
}

// TestEnglishWords checks the check: it must fail on English prose.
func TestEnglishWords(t *testing.T) {
	tests := []struct {
		msg  string
		want []string
	}{
		{"参数 -period 有误：报告期写法如 2025、2025S1、2025Q3、202509、2025W38 或 20250915", nil},
		{"应为 table、csv、json、dhis2 或 fhir；编码 utf-8 或 gb18030；-lang=zh-Hant", nil},
		{"跳过 monthlyReport：monthlyReport.partExceedsWhole /values/3/value: 数据元", nil},
		{"指标 child-health-management-rate；RFC 3339，如 2025-11-15T12:00:00+08:00", nil},
		{"参数 -period 有误：healthedu.ParsePeriod: unexpected character", []string{"healthedu", "ParsePeriod", "unexpected", "character"}},
		{"jiceng validate: flag provided but not defined: -colour", []string{"flag", "provided", "but", "not", "defined"}},
		{"文件 x 不存在：no such file or directory", []string{"no", "such", "file", "or", "directory"}},
		{"参数 -months 有误：ｐａｒｓｅ ｅｒｒｏｒ", []string{"parse", "error"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, englishWords(tt.msg)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.msg, diff)
		}
	}
}

// errorCase is an error path of the command line: the arguments after
// "jiceng", the command's name ("" for jiceng itself) and what the message
// must name, such as the flag at fault.
type errorCase struct {
	name    string
	command string // "validate", …; "" for the dispatcher
	args    []string
	stdin   string
	names   string // in the message, in every language
	langArg bool   // the case gives -lang itself, where its args say LANG
	envOnly bool   // the case runs with LANG only: its -lang is faulty
	exit    int    // exitUsage when 0
}

// TestErrorPaths drives every error of the command line in each language,
// chosen by -lang and by LANG, and checks the exit status, that nothing is
// written to standard output (no summary), and that the message is in the
// reader's language, names what is at fault, shows no Go identifier and
// no citizen ID in clear.
func TestErrorPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	id := fxCitizenID(t, "37159919800101007") // synthetic: 371599 is no county
	fullWidthID := width.Widen.String(id)
	wrongID := id[:17] + "0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11:][:1] // fails its check digit
	missing := filepath.Join(dir, "missing.ndjson")
	missingID := filepath.Join(dir, id+".ndjson")
	blank := write("blank.ndjson", "\n \n")
	emptyArray := write("empty-array.json", "[]")
	badMapping := write("mapping.csv", "kind,jiceng\n")
	reporters := write("reporters.txt", "371502001\n")
	reportersID := write("reporters-id.txt", "371502001\n"+id+"\n")
	reportersEmpty := write("reporters-empty.txt", "# nobody\n")
	accepted := "testdata/validate/accepted.ndjson"
	records := indicatorsFiles()[0]
	blocker := write("blocker", "")
	ind := func(args ...string) []string {
		return append([]string{"-now", indicatorsNow, "-divisions", "371502", "-period", "2025Q3"}, args...)
	}
	cpl := func(args ...string) []string {
		return append([]string{"-now", complianceNow, "-period", "2025"}, args...)
	}
	badNorms := write("norms.json", `{"source": {"title": ""}, "classes": [], "norms": [{"class": "clinic", "rule": "lectures", "value": 6, "unit": "lecture"}]}`)
	syntaxNorms := write("norms-syntax.json", "{\n\"source\": 1}\n")
	otherKinds := filepath.Join(indicatorsDir, "cells.ndjson")
	wk := func(args ...string) []string {
		return append([]string{"-now", weeklyCases[0].now, "-period", weeklyCases[0].week}, args...)
	}
	weeklyFile := filepath.Join(weeklyDir, weeklyCases[0].files[0])
	otherProvince := write("other-province.ndjson", `{"schemaVersion":"1","kind":"healthCell","id":"HC-5223-1","name":"兴义市健康社区","type":"community","level":"city","year":2025,"division":"522301","namedOn":"2025-06-01"}`+"\n")

	cases := []errorCase{
		// jiceng itself.
		{name: "no command", args: nil, names: "validate"},
		{name: "unknown command", args: []string{"frobnicate"}, names: "frobnicate"},
		{name: "unknown command, -lang after it", args: []string{"frobnicate", "-lang", "LANG"}, langArg: true, names: "frobnicate"},
		{name: "unknown command that is a citizen ID", args: []string{id}, names: "3715**********"},
		{name: "unknown flag of jiceng", args: []string{"-colour", "validate"}, names: "-colour"},
		{name: "-lang without a value", args: []string{"-lang"}, envOnly: true, names: "-lang"},

		// validate.
		{name: "unknown flag", command: "validate", args: []string{"-colour", accepted}, names: "-colour"},
		{name: "unknown flag, -lang after it", command: "validate", args: []string{"-colour", "-lang", "LANG", accepted}, langArg: true, names: "-colour"},
		{name: "flag without its value", command: "validate", args: []string{"-format"}, names: "-format"},
		{name: "bad flag syntax", command: "validate", args: []string{"---format", "json", accepted}, names: "---format"},
		{name: "bad -format", command: "validate", args: []string{"-format", "xml", accepted}, names: "-format"},
		{name: "bad -encoding", command: "validate", args: []string{"-encoding", "big5", accepted}, names: "-encoding"},
		{name: "bad -now", command: "validate", args: []string{"-now", "yesterday", accepted}, names: "-now"},
		{name: "bad -lang", command: "validate", args: []string{"-lang", "fr", accepted}, envOnly: true, names: "-lang"},
		{name: "no input file", command: "validate", names: "jiceng validate -h"},
		{name: "missing file", command: "validate", args: []string{missing}, names: missing},
		{name: "missing file beside a good one", command: "validate", args: []string{"-now", now, accepted, missing}, names: missing},
		{name: "missing file named with a citizen ID", command: "validate", args: []string{missingID}, names: "3715**********"},
		{name: "directory", command: "validate", args: []string{dir}, names: dir},
		{name: "empty input", command: "validate", args: []string{blank}},
		{name: "empty array", command: "validate", args: []string{"-format", "json", emptyArray}},
		{name: "empty standard input", command: "validate", args: []string{"-"}},

		// indicators.
		{name: "unknown flag", command: "indicators", args: ind("-colour", records), names: "-colour"},
		{name: "flag without its value", command: "indicators", args: []string{"-divisions", "371502", "-period"}, names: "-period"},
		{name: "bad integer", command: "indicators", args: ind("-deadline-day", "ten", records), names: "-deadline-day"},
		{name: "no -period", command: "indicators", args: []string{"-divisions", "371502", records}, names: "-period"},
		{name: "bad -period", command: "indicators", args: []string{"-divisions", "371502", "-period", "2025-13", records}, names: "2025W38"},
		{name: "bad -period range", command: "indicators", args: []string{"-divisions", "371502", "-period", "2025Q5", records}, names: "-period"},
		{name: "-period a citizen ID", command: "indicators", args: []string{"-divisions", "371502", "-period", id, records}, names: "3715**********"},
		{name: "-period a mistyped citizen ID", command: "indicators", args: []string{"-divisions", "371502", "-period", wrongID, records}, names: "3715**********"},
		{name: "-end a mistyped citizen ID", command: "generate", args: []string{"-end", wrongID}, names: "3715**********"},
		{name: "bad -divisions", command: "indicators", args: []string{"-period", "2025Q3", "-divisions", "37150x", records}, names: "-divisions"},
		{name: "-divisions a citizen ID", command: "indicators", args: []string{"-period", "2025Q3", "-divisions", id, records}, names: "3715**********"},
		{name: "-divisions a full-width citizen ID", command: "indicators", args: []string{"-period", "2025Q3", "-divisions", fullWidthID, records}, names: "-divisions"},
		{name: "no divisions", command: "indicators", args: []string{"-period", "2025Q3", records}, names: "-level"},
		{name: "-divisions and -level", command: "indicators", args: ind("-level", "county", records), names: "-divisions"},
		{name: "bad -level", command: "indicators", args: []string{"-period", "2025Q3", "-level", "district", records}, names: "-level"},
		{name: "bad -under", command: "indicators", args: []string{"-period", "2025Q3", "-level", "county", "-under", "37x", records}, names: "-under"},
		{name: "-under alone", command: "indicators", args: []string{"-period", "2025Q3", "-under", "3715", records}, names: "-under"},
		{name: "no division at the level", command: "indicators", args: []string{"-period", "2025Q3", "-level", "county", "-under", "4419", records}, names: "441900000000"},
		{name: "bad -indicators", command: "indicators", args: ind("-indicators", "bmi", records), names: "child-health-management-rate"},
		{name: "bad -format", command: "indicators", args: ind("-format", "xml", records), names: "fhir"},
		{name: "bad -encoding", command: "indicators", args: ind("-encoding", "big5", records), names: "gb18030"},
		{name: "bad -now", command: "indicators", args: []string{"-now", "2025-11-20", "-divisions", "371502", "-period", "2025Q3", records}, names: "-now"},
		{name: "bad -deadline-day", command: "indicators", args: ind("-deadline-day", "0", records), names: "-deadline-day"},
		{name: "dhis2 without mapping", command: "indicators", args: ind("-format", "dhis2", records), names: "-dhis2-mapping"},
		{name: "mapping without dhis2", command: "indicators", args: ind("-dhis2-mapping", badMapping, records), names: "-dhis2-mapping"},
		{name: "bad mapping", command: "indicators", args: ind("-format", "dhis2", "-dhis2-mapping", badMapping, records), names: badMapping},
		{name: "missing mapping", command: "indicators", args: ind("-format", "dhis2", "-dhis2-mapping", missing, records), names: missing},
		{name: "bad -reporting-level", command: "indicators", args: ind("-reporting-level", "district", records), names: "-reporting-level"},
		{name: "-reporters and -reporting-level", command: "indicators", args: ind("-reporters", reporters, "-reporting-level", "county", records), names: "-reporters"},
		{name: "missing -reporters", command: "indicators", args: ind("-reporters", missing, records), names: missing},
		{name: "-reporters with a citizen ID", command: "indicators", args: ind("-reporters", reportersID, records), names: "3715**********"},
		{name: "empty -reporters", command: "indicators", args: ind("-reporters", reportersEmpty, records), names: reportersEmpty},
		{name: "bad -lang", command: "indicators", args: ind("-lang", "xx-invalid-tag-", records), envOnly: true, names: "-lang"},
		{name: "no input file", command: "indicators", args: ind(), names: "jiceng indicators -h"},
		{name: "missing file", command: "indicators", args: ind(records, missing), names: missing},
		{name: "empty input", command: "indicators", args: ind(blank)},
		{name: "empty standard input", command: "indicators", args: ind("-")},

		// compliance.
		{name: "unknown flag", command: "compliance", args: cpl("-divisions", "371502", complianceFile), names: "-divisions"},
		{name: "flag without its value", command: "compliance", args: []string{"-period"}, names: "-period"},
		{name: "no -period", command: "compliance", args: []string{complianceFile}, names: "-period"},
		{name: "-period a month", command: "compliance", args: []string{"-period", "202510", complianceFile}, names: "202510"},
		{name: "-period not a period", command: "compliance", args: []string{"-period", "2025-13", complianceFile}, names: "2025-13"},
		{name: "-period a citizen ID", command: "compliance", args: []string{"-period", id, complianceFile}, names: "3715**********"},
		{name: "-period not begun", command: "compliance", args: []string{"-now", complianceNow, "-period", "2027", complianceFile}, names: "2027"},
		{name: "bad -under", command: "compliance", args: cpl("-under", "37x", complianceFile), names: "-under"},
		{name: "-under a citizen ID", command: "compliance", args: cpl("-under", id, complianceFile), names: "3715**********"},
		{name: "-under not in the registry", command: "compliance", args: cpl("-under", "3799", complianceFile), names: "-under"},
		{name: "bad -format", command: "compliance", args: cpl("-format", "fhir", complianceFile), names: "json"},
		{name: "bad -encoding", command: "compliance", args: cpl("-encoding", "big5", complianceFile), names: "gb18030"},
		{name: "bad -now", command: "compliance", args: []string{"-now", "2025-11-20", "-period", "2025", complianceFile}, names: "-now"},
		{name: "missing -norms", command: "compliance", args: cpl("-norms", missing, complianceFile), names: missing},
		{name: "faulty -norms", command: "compliance", args: cpl("-norms", badNorms, complianceFile), names: "compliance.normsClass"},
		{name: "-norms not JSON of a table", command: "compliance", args: cpl("-norms", syntaxNorms, complianceFile), names: syntaxNorms},
		{name: "bad -lang", command: "compliance", args: cpl("-lang", "xx-invalid-tag-", complianceFile), envOnly: true, names: "-lang"},
		{name: "no input file", command: "compliance", args: cpl(), names: "jiceng compliance -h"},
		{name: "missing file", command: "compliance", args: cpl(complianceFile, missing), names: missing},
		{name: "empty input", command: "compliance", args: cpl(blank)},
		{name: "no activity", command: "compliance", args: cpl(otherKinds), names: "activity"},
		{name: "empty standard input", command: "compliance", args: cpl("-")},

		// weekly.
		{name: "unknown flag", command: "weekly", args: wk("-divisions", "371502", weeklyFile), names: "-divisions"},
		{name: "no -period", command: "weekly", args: []string{"-now", weeklyCases[0].now, weeklyFile}, names: "-period"},
		{name: "-period a month", command: "weekly", args: []string{"-period", "202510", weeklyFile}, names: "202510"},
		{name: "-period a year", command: "weekly", args: []string{"-period", "2025", weeklyFile}, names: "2025W44"},
		{name: "-period a citizen ID", command: "weekly", args: []string{"-period", id, weeklyFile}, names: "3715**********"},
		{name: "-period not begun", command: "weekly", args: []string{"-now", weeklyCases[0].now, "-period", "2025W46", weeklyFile}, names: "2025W46"},
		{name: "bad -under", command: "weekly", args: wk("-under", "37x", weeklyFile), names: "-under"},
		{name: "bad -format", command: "weekly", args: wk("-format", "fhir", weeklyFile), names: "json"},
		{name: "bad -deadline-day", command: "weekly", args: wk("-deadline-day", "0", weeklyFile), names: "-deadline-day"},
		{name: "-reporters and -reporting-level", command: "weekly", args: wk("-reporters", reporters, "-reporting-level", "county", weeklyFile), names: "-reporters"},
		{name: "no input file", command: "weekly", args: wk(), names: "jiceng weekly -h"},
		{name: "empty input", command: "weekly", args: wk(blank)},
		{name: "no one division", command: "weekly", args: wk(weeklyFile, otherProvince), names: "-under"},

		// generate.
		{name: "unknown flag", command: "generate", args: []string{"-colour"}, names: "-colour"},
		{name: "flag without its value", command: "generate", args: []string{"-months"}, names: "-months"},
		{name: "bad integer", command: "generate", args: []string{"-months", "twelve"}, names: "-months"},
		{name: "bad integer seed", command: "generate", args: []string{"-seed", "0.5"}, names: "-seed"},
		{name: "-months a citizen ID", command: "generate", args: []string{"-months", id}, names: "3715**********"},
		{name: "-deadline-day a citizen ID", command: "indicators", args: ind("-deadline-day", "-"+id, records), names: "-deadline-day"},
		{name: "too few months", command: "generate", args: []string{"-months", "0"}, names: "-months"},
		{name: "too many months", command: "generate", args: []string{"-months", "121"}, names: "120"},
		{name: "bad -under", command: "generate", args: []string{"-under", "37150"}, names: "-under"},
		{name: "-under a citizen ID", command: "generate", args: []string{"-under", id}, names: "3715**********"},
		{name: "-under not in the registry", command: "generate", args: []string{"-under", "3799"}, names: "-under"},
		{name: "-under a village", command: "generate", args: []string{"-under", "371502001001"}, names: "-under"},
		{name: "bad -end", command: "generate", args: []string{"-end", "2025-10"}, names: "YYYYMM"},
		{name: "-end not a month", command: "generate", args: []string{"-end", "2025Q3"}, names: "YYYYMM"},
		{name: "before 1900", command: "generate", args: []string{"-months", "2", "-end", "190001"}, names: "1900"},
		{name: "extra argument", command: "generate", args: []string{"extra"}, names: "extra"},
		{name: "unwritable -o", command: "generate", args: []string{"-under", "371502001", "-months", "1", "-o", filepath.Join(blocker, "out.ndjson")}, names: blocker},

		// schemas.
		{name: "unknown flag", command: "schemas", args: []string{"-colour"}, names: "-colour"},
		{name: "flag without its value", command: "schemas", args: []string{"-out"}, names: "-out"},
		{name: "no -out", command: "schemas", names: "-out"},
		{name: "extra argument", command: "schemas", args: []string{"-out", dir, "extra"}, names: "extra"},
		{name: "unwritable -out", command: "schemas", args: []string{"-out", filepath.Join(blocker, "sub")}, names: blocker},
	}

	langs := []struct {
		flag, locale string
		tag          language.Tag
	}{
		{"zh-Hans", "zh_CN.UTF-8", healthedu.ZhHans},
		{"zh-Hant", "zh_TW.UTF-8", healthedu.ZhHant},
		{"en", "en_US.UTF-8", healthedu.English},
	}
	for _, tc := range cases {
		for _, l := range langs {
			for _, by := range []string{"-lang", "LANG"} {
				if tc.envOnly && by == "-lang" {
					continue
				}
				t.Run(strings.Join([]string{tc.command, tc.name, l.flag, by}, "/"), func(t *testing.T) {
					args := slices.Clone(tc.args)
					for i, a := range args {
						if a == "LANG" {
							args[i] = l.flag
						}
					}
					switch {
					case by == "LANG":
						t.Setenv("LANG", l.locale)
					case !tc.langArg:
						args = append([]string{"-lang", l.flag}, args...)
					}
					if tc.command != "" {
						args = append([]string{tc.command}, args...)
					}
					stdout, stderr, code := runCommand(t, tc.stdin, args...)
					want := tc.exit
					if want == 0 {
						want = exitUsage
					}
					if code != want {
						t.Errorf("exit status %d, want %d", code, want)
					}
					if stdout != "" {
						t.Errorf("standard output:\n%s", stdout)
					}
					// The values the reader typed, but the command's
					// name, a word of the codes it quotes
					// (compliance.normsClass).
					values := slices.DeleteFunc(append(slices.Clone(args), dir), func(a string) bool { return a == tc.command })
					checkErrorOutput(t, l.tag, stderr, tc, values)
				})
			}
		}
	}
}

// checkErrorOutput checks the standard error of an error path: lines that
// start with the command's name and hold a message in lang.
func checkErrorOutput(t *testing.T, lang language.Tag, stderr string, tc errorCase, values []string) {
	t.Helper()
	if stderr == "" || !strings.HasSuffix(stderr, "\n") {
		t.Fatalf("standard error %q is not lines of messages", stderr)
	}
	prefix := "jiceng: "
	if tc.command != "" {
		prefix = "jiceng " + tc.command + ": "
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		msg, ok := strings.CutPrefix(line, prefix)
		if !ok {
			t.Errorf("line %q does not start with %q", line, prefix)
			continue
		}
		if problems := languageProblems(lang, msg, slices.Clone(values)); len(problems) > 0 {
			t.Errorf("%q: %s", msg, strings.Join(problems, "; "))
		}
	}
	if !strings.Contains(stderr, tc.names) {
		t.Errorf("the message does not name %q:\n%s", tc.names, stderr)
	}
	if m := regexp.MustCompile(`[0-9０-９]{15,}`).FindString(stderr); m != "" {
		t.Errorf("a number that may be a citizen ID in clear, %s…:\n%s", m[:4], stderr)
	}
}

// TestHelp checks -h, -help and --help of jiceng and each command: the
// help on standard output, with what the command does and its exit
// statuses, and status 0.
func TestHelp(t *testing.T) {
	tests := []struct {
		command string
		wants   []string
	}{
		{"", []string{"usage: jiceng [-lang", "Validates the records", "commands:", "LC_MESSAGES", "Exit status: 0"}},
		{"validate", []string{"usage: jiceng validate", "Checks records against the exchange format", "Exit status: 0", "1 when a", "-format string", "-lang string"}},
		{"indicators", []string{"usage: jiceng indicators", "computes the indicators", "Exit status: 0", "-period string", "-lang string"}},
		{"compliance", []string{"usage: jiceng compliance", "Judges grassroots medical institutions", "-now is the instant of the check (default: the current time)", "Exit status: 0", "1 when at least one falls short", "-norms string", "-under string", "-lang string"}},
		{"generate", []string{"usage: jiceng generate", "Writes the synthetic records", "Exit status: 0", "-months int", "-lang string"}},
		{"schemas", []string{"usage: jiceng schemas", "Writes the JSON Schemas", "Exit status: 0", "-out string", "-lang string"}},
	}
	for _, tt := range tests {
		forms := [][]string{{"-h"}, {"-help"}, {"--help"}, {"-lang", "en", "-h"}}
		if tt.command == "" {
			forms = append(forms, []string{"help"})
		} else {
			forms = append(forms, []string{"help", tt.command})
		}
		for _, form := range forms {
			args := form
			if tt.command != "" && form[0] != "help" {
				args = append([]string{tt.command}, form...)
			}
			stdout, stderr, code := runCommand(t, "", args...)
			if code != exitOK || stderr != "" {
				t.Errorf("jiceng %s: exit status %d, stderr:\n%s", strings.Join(args, " "), code, stderr)
			}
			for _, want := range tt.wants {
				if !strings.Contains(stdout, want) {
					t.Errorf("jiceng %s: the help lacks %q:\n%s", strings.Join(args, " "), want, stdout)
				}
			}
		}
	}
}

// TestFlagsAfterHelp checks that -h wins over flags after it, and that a
// faulty flag before it is reported.
func TestFlagsAfterHelp(t *testing.T) {
	if _, stderr, code := runCommand(t, "", "validate", "-h", "-colour"); code != exitOK || stderr != "" {
		t.Errorf("validate -h -colour: exit status %d, stderr %q", code, stderr)
	}
	stdout, stderr, code := runCommand(t, "", "validate", "-lang", "en", "-colour", "-h")
	if code != exitUsage || stdout != "" || stderr != "jiceng validate: jiceng validate has no flag -colour (run jiceng validate -h for its flags)\n" {
		t.Errorf("validate -colour -h: exit status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestLanguageChoice checks which language a message comes in: -lang
// first, wherever it stands (before the command, among its flags), then
// LC_ALL, LC_MESSAGES and LANG.
func TestLanguageChoice(t *testing.T) {
	const (
		hans = "jiceng validate: 未指定输入文件"
		hant = "jiceng validate: 未指定輸入檔案"
		en   = "jiceng validate: no input file"
	)
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"validate"}, hans},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, []string{"validate"}, hant},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"validate"}, en},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_HK.UTF-8"}, []string{"validate"}, hant},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, []string{"validate"}, hans},
		{map[string]string{"LANG": "C"}, []string{"validate"}, hans},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"validate", "-lang", "zh-Hant"}, hant},
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"-lang", "zh-Hans", "validate"}, hans},
		{nil, []string{"-lang", "en", "validate"}, en},
		{nil, []string{"-lang=en", "validate", "-lang", "zh-Hant"}, hant}, // the command's own wins
		{nil, []string{"validate", "--lang=en"}, en},
		{nil, []string{"validate", "-lang", "zh_TW"}, hant},
		{nil, []string{"validate", "-lang", "en-GB"}, en},
		// A faulty -lang is reported in the language of the locale.
		{map[string]string{"LANG": "en_US.UTF-8"}, []string{"validate", "-lang", "fr", "x"}, "jiceng validate: -lang: "},
		{nil, []string{"validate", "-lang", "fr", "x"}, "jiceng validate: 参数 -lang 有误：不支持语言“fr”"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, stderr, code := runCommand(t, "", tt.args...)
			if code != exitUsage || !strings.HasPrefix(stderr, tt.want) {
				t.Errorf("%v %v: exit status %d, stderr %q, want it to start with %q", tt.env, tt.args, code, stderr, tt.want)
			}
		})
	}
}

// TestValidateMissingFile checks that a missing file stops validate before
// it reads any: every missing file is named, and no issue or summary is
// printed.
func TestValidateMissingFile(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.ndjson"), filepath.Join(dir, "b.ndjson")
	stdout, stderr, code := runCommand(t, "", "validate", "-lang", "en", "-now", now, "testdata/validate/mixed.ndjson", a, b)
	want := "jiceng validate: file " + a + " does not exist\njiceng validate: file " + b + " does not exist\n"
	if code != exitUsage || stdout != "" || stderr != want {
		t.Errorf("exit status %d, stdout %q, stderr %q, want %q", code, stdout, stderr, want)
	}
}

// TestNoRecords checks that input without records is an error, in the
// reader's language, in every output format.
func TestNoRecords(t *testing.T) {
	blank := filepath.Join(t.TempDir(), "blank.ndjson")
	if err := os.WriteFile(blank, []byte("\uFEFF\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate", blank}, "jiceng validate: 没有记录：输入的文件中一条记录也没有\n"},
		{[]string{"validate", "-lang", "zh-Hant", "-format", "json", blank, blank}, "jiceng validate: 沒有記錄：輸入的檔案中一筆記錄也沒有\n"},
		{[]string{"validate", "-lang", "en", "-"}, "jiceng validate: no records: the input files hold none\n"},
		{[]string{"indicators", "-lang", "en", "-divisions", "371502", "-period", "2025Q3", "-format", "csv", blank}, "jiceng indicators: no records: the input files hold none\n"},
		{[]string{"compliance", "-lang", "zh-Hant", "-period", "2025", "-format", "json", blank}, "jiceng compliance: 沒有記錄：輸入的檔案中一筆記錄也沒有\n"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCommand(t, "", tt.args...)
		if code != exitUsage || stdout != "" || stderr != tt.want {
			t.Errorf("%v: exit status %d, stdout %q, stderr %q, want %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
}

// TestWordList checks the lists of words in the three languages.
func TestWordList(t *testing.T) {
	tests := []struct {
		list           wordList
		hans, hant, en string
	}{
		{wordList{items: []string{"text"}}, "text", "text", "text"},
		{wordList{items: []string{"text", "json"}}, "text 或 json", "text 或 json", "text or json"},
		{wordList{items: []string{"a", "b", "c"}, and: true}, "a、b 和 c", "a、b 和 c", "a, b and c"},
		{wordList{items: []string{"a", "b", "c", "d"}, and: true, most: 2}, "a、b 等 4 项", "a、b 等 4 項", "a, b and 2 more"},
	}
	for _, tt := range tests {
		got := []string{tt.list.Message(healthedu.ZhHans), tt.list.Message(healthedu.ZhHant), tt.list.Message(healthedu.English)}
		if diff := cmp.Diff([]string{tt.hans, tt.hant, tt.en}, got); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tt.list, diff)
		}
	}
}
