package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// The usage of "jiceng compliance", with its exit statuses.
const complianceUsage = `usage: jiceng compliance [-under CODE] -period YEAR [-now RFC3339] [-norms FILE]
                         [-format table|csv|json] [-encoding utf-8|gb18030]
                         [-lang zh-Hans|zh-Hant|en] FILE...

Judges grassroots medical institutions against the national service norm
for health education (服务规范达标: 国家基本公共卫生服务规范（第三版）, 2017)
over a year, from their activity records: kinds of printed and of
audio-visual materials, bulletin boards (how many, their area, a change of
content at least every two months), health knowledge lectures (how many,
and one in every month or two-month period) and public health
consultations, each against the yearly minimum of the institution's class -
township health centres and community health service centres, or village
clinics and community health service stations. Institutions of other types,
such as hospitals, are not judged.

Reads records of any kind (one JSON record, a JSON array or NDJSON per file,
"-" for standard input), skips those the validator rejects (each is listed
on standard error) and those of other kinds than activity, and keeps the
activities that took place within -under (default: all). Each activity
counts for its organizer, by credit code, once by its id: a resubmitted
record counts once. The name and type of an institution are those of its
latest record.

-now is the instant of the check (default: the current time). In a year in
progress only what happened before it counts - a record holding a later
time is rejected by the validator, as for validate, and skipped - and the
yearly minimums are pro-rated to the months over: 12 lectures a year ask
for 6 once June is over. A year that has not begun at -now is an error.
-norms replaces the national figures with a norms table in JSON (source,
classes and norms, the form of the library's norms.json); its faults are
listed with their JSON Pointers.

-format table writes a row per institution: its credit code, name and type,
then for each rule the measure as value/required, marked ✗ when not met,
and the number of rules not met; notes below it, then the issues of each
institution (code, path, message) and a closing line with the number of
institutions judged, compliant and not, and of records skipped. -format csv
writes a row per institution and rule, with the columns creditCode, name,
type, class, rule, value, required, unit, met, unconfirmed, typeName and
ruleName. -format json writes {"period", "asOf", "under", "norms",
"summary", "institutions"}: the norms the table judged against (its source,
whether it is the national norm's, its classes and figures), then each
institution the library's result with its issues' messages, its type and
class names, its shortfalls and whether it is compliant: the same document
the intake server's GET /v1/compliance answers. With csv and json, the number of records skipped goes to standard
error.

Messages come in the language of -lang, or else of the locale (LC_ALL,
LC_MESSAGES, LANG), and so do the names in the table, the csv and the
json. Credit codes are printed in clear: they identify institutions, not
people. Citizen ID numbers never appear in the output.

Exit status: 0 when every institution judged meets every rule of its class
(or none is judged), 1 when at least one falls short, as validate exits 1
when a record is rejected; 2 when the command line or -norms is wrong, an
input could not be read, or the files hold no record or no accepted
activity: then nothing is written to standard output.

Flags:
`

// exitNotCompliant is the exit status of "jiceng compliance" when an
// institution falls short of a rule.
const exitNotCompliant = 1

// complianceFlags are the flags of "jiceng compliance".
type complianceFlags struct {
	read   validateFlags          // language, encoding and clock, as for validate
	under  healthedu.DivisionCode // the zero code: every division
	year   healthedu.Period
	norms  string // the file of -norms, "" for the national norm's
	format string
}

// complianceFormats are the output formats of "jiceng compliance".
var complianceFormats = []string{"table", "csv", "json"}

func parseComplianceFlags(args []string, reg *healthedu.Registry) (complianceFlags, []string, *commandLine, error) {
	c := newCommandLine("jiceng compliance", complianceUsage)
	fs := c.fs
	under := fs.String("under", "", "judge the activities that took place within this division, a province, city, county, township or village code (default: all)")
	period := fs.String("period", "", "the year judged, such as 2025")
	now := fs.String("now", "", "the instant of the check, RFC 3339: in a year in progress only what happened before it counts, and the yearly minimums are pro-rated to the months over (default: the current time)")
	norms := fs.String("norms", "", "a norms table in JSON to judge against instead of the national norm's figures")
	format := fs.String("format", "table", "output format: table, csv or json")
	enc := fs.String("encoding", "utf-8", "encoding of the input files: utf-8 or gb18030")
	files, lang, err := c.parse(args)
	f := complianceFlags{read: validateFlags{lang: lang}, norms: *norms}
	if err != nil {
		return f, nil, c, err
	}
	if err = f.read.parseReadFlags(*enc, *now); err != nil {
		return f, nil, c, err
	}
	if f.format, err = parseFormatFlag(*format, complianceFormats); err != nil {
		return f, nil, c, err
	}
	if f.year, err = parseYearFlag(*period, f.read.now); err != nil {
		return f, nil, c, err
	}
	if f.under, err = parseUnderFlag(*under, reg); err != nil {
		return f, nil, c, err
	}
	if len(files) == 0 {
		return f, nil, c, newError(codeInputMissing, c.name)
	}
	return f, files, c, nil
}

// complianceLoadNorms reads the norms table of -norms, the default norms
// when name is "". Its errors are for people, one for each fault of the
// table.
func complianceLoadNorms(name string) (*compliance.Norms, []error) {
	if name == "" {
		return compliance.DefaultNorms(), nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, []error{newError(codeNormsUnreadable, name)}
	}
	norms, err := compliance.LoadNorms(bytes.NewReader(data))
	if err == nil {
		return norms, nil
	}
	if ie, ok := errors.AsType[*healthedu.IssuesError](err); ok {
		var errs []error
		for _, is := range ie.Issues {
			errs = append(errs, newError(codeNormsIssue, name, issueText{is}))
		}
		return nil, errs
	}
	// The decoder's errors are in English: say where, when it does.
	offset := int64(-1)
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		offset = se.Offset
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		offset = te.Offset
	}
	if offset >= 0 && offset <= int64(len(data)) {
		line := 1 + bytes.Count(data[:offset], []byte("\n"))
		return nil, []error{newError(codeNormsSyntax, name, line)}
	}
	return nil, []error{newError(codeNormsInvalid, name)}
}

func runCompliance(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	reg := healthedu.DefaultRegistry()
	f, files, c, err := parseComplianceFlags(args, reg)
	lang := f.read.lang
	if err != nil {
		return c.exit(stdout, stderr, lang, err)
	}
	norms, errs := complianceLoadNorms(f.norms)
	errs = append(errs, checkInputs(files)...)
	if len(errs) > 0 {
		for _, err := range errs {
			printError(stderr, c.name, lang, err)
		}
		return exitUsage
	}

	opts := compliance.Options{Year: f.year, Now: f.read.now, Norms: norms}
	checker, err := compliance.NewChecker(opts)
	if err != nil {
		printError(stderr, c.name, lang, err) // -period is a year: a bug
		return exitUsage
	}
	in, err := readActivities(files, f.read, f.under, stdin, stderr, c.name, func(a *healthedu.Activity) { checker.Add(a) })
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}

	var under *reports.Division
	if f.under.IsValid() {
		under = new(reports.NewDivision(f.under, reg))
	}
	doc := reports.NewCompliance(checker.Results(), opts, under, lang)
	out := bufio.NewWriter(stdout)
	switch f.format {
	case "json":
		err = writeJSON(out, doc)
	case "csv":
		err = complianceCSV(out, doc, lang)
	default:
		complianceTable(out, doc, lang, in)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = newError(codeOutputFailed)
	}
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	if f.format != "table" && in.rejected+in.others > 0 {
		printError(stderr, c.name, lang, newError(codeComplianceSkipped, in.rejected, in.others))
	}
	if doc.Summary.NotCompliant > 0 {
		return exitNotCompliant
	}
	return exitOK
}

// complianceCSVHeader is the header of the CSV output: a public contract.
// Columns are only ever appended.
var complianceCSVHeader = []string{"creditCode", "name", "type", "class", "rule", "value", "required", "unit", "met", "unconfirmed", "typeName", "ruleName"}

// complianceCSV writes a row per institution of doc and measure: the
// identifiers of its type, class, rule and unit, and the names of its type
// and rule in lang.
func complianceCSV(w io.Writer, doc reports.Compliance, lang language.Tag) error {
	cw := csv.NewWriter(w)
	cw.Write(complianceCSVHeader)
	for _, in := range doc.Institutions {
		for _, m := range in.Measures {
			cw.Write([]string{
				in.CreditCode.String(), in.Name, string(in.Type), string(in.Class),
				string(m.Rule), strconv.Itoa(m.Value), strconv.Itoa(m.Required), string(m.Unit),
				strconv.FormatBool(m.Met), strconv.FormatBool(m.Unconfirmed),
				in.TypeName, m.Rule.Label(lang),
			})
		}
	}
	cw.Flush()
	return cw.Error()
}

// complianceNotMet is the mark of a measure not met in the table; a
// measure met has a space in its place, so that the figures line up.
const complianceNotMet = "✗"

// complianceWords are the words of the table, by language: the headers,
// the short names of the rules as column headers, and the notes below the
// table.
var complianceWords = map[language.Tag]struct {
	creditCode, name, typ, shortfalls string
	rules                             map[compliance.Rule]string
	cellNote                          string // what a cell says
	prorateNote                       string // months over, in a year in progress
	ratioNote                         string // the rules that count boards or periods
	unconfirmedNote                   string // the short names of the rules with an unconfirmed norm
	sourceNote                        string // the source of the norms
	ownNorms                          string // appended to the source of a table of -norms
	issuesOf                          string // credit code, name: the heading of an institution's issues
}{
	healthedu.ZhHans: {
		creditCode: "统一社会信用代码", name: "机构名称", typ: "机构类型", shortfalls: "未达标项",
		rules: map[compliance.Rule]string{
			compliance.RulePrintedKinds: "印刷资料", compliance.RuleAudioVisualKinds: "音像资料",
			compliance.RuleBoards: "宣传栏", compliance.RuleBoardArea: "栏面积", compliance.RuleBoardChangeGap: "栏更换",
			compliance.RuleLectures: "讲座", compliance.RuleLectureGap: "讲座时段", compliance.RuleConsultations: "咨询活动",
		},
		cellNote:        "各项为“实际/应达”，" + complianceNotMet + " 为未达标。",
		prorateNote:     "年度尚未结束：全年最低要求按已过 %d 个月折算。",
		ratioNote:       "栏面积、栏更换：面积达标、按时更换的宣传栏数/宣传栏总数；讲座时段：举办了讲座的时段数/已过时段数。",
		unconfirmedNote: "%s：规范要求待核实。",
		sourceNote:      "依据：%s",
		ownNorms:        "（-norms 给出的规范要求表）",
		issuesOf:        "%s %s：",
	},
	healthedu.ZhHant: {
		creditCode: "統一社會信用代碼", name: "機構名稱", typ: "機構類型", shortfalls: "未達標項",
		rules: map[compliance.Rule]string{
			compliance.RulePrintedKinds: "印刷資料", compliance.RuleAudioVisualKinds: "影音資料",
			compliance.RuleBoards: "宣傳欄", compliance.RuleBoardArea: "欄面積", compliance.RuleBoardChangeGap: "欄更換",
			compliance.RuleLectures: "講座", compliance.RuleLectureGap: "講座時段", compliance.RuleConsultations: "諮詢活動",
		},
		cellNote:        "各項為「實際/應達」，" + complianceNotMet + " 為未達標。",
		prorateNote:     "年度尚未結束：全年最低要求按已過 %d 個月折算。",
		ratioNote:       "欄面積、欄更換：面積達標、按時更換的宣傳欄數/宣傳欄總數；講座時段：舉辦了講座的時段數/已過時段數。",
		unconfirmedNote: "%s：規範要求待核實。",
		sourceNote:      "依據：%s",
		ownNorms:        "（-norms 給出的規範要求表）",
		issuesOf:        "%s %s：",
	},
	healthedu.English: {
		creditCode: "credit code", name: "institution", typ: "type", shortfalls: "shortfalls",
		rules: map[compliance.Rule]string{
			compliance.RulePrintedKinds: "printed", compliance.RuleAudioVisualKinds: "audio-visual",
			compliance.RuleBoards: "boards", compliance.RuleBoardArea: "board area", compliance.RuleBoardChangeGap: "board changes",
			compliance.RuleLectures: "lectures", compliance.RuleLectureGap: "lecture periods", compliance.RuleConsultations: "consultations",
		},
		cellNote:        "Each cell is value/required, " + complianceNotMet + " when not met.",
		prorateNote:     "The year is in progress: the yearly minimums are pro-rated to the %d months over.",
		ratioNote:       "board area, board changes: the boards of the least area, changed in time, of all boards; lecture periods: the periods over that held a lecture, of all periods over.",
		unconfirmedNote: "%s: the norm is unconfirmed.",
		sourceNote:      "Norms: %s",
		ownNorms:        " (the norms table of -norms)",
		issuesOf:        "%s %s:",
	},
}

// complianceTable writes doc as a table for people in lang: a row per
// institution, the notes, each institution's issues and a closing line
// with the counts of in.
func complianceTable(w io.Writer, doc reports.Compliance, lang language.Tag, in activityInput) {
	words := complianceWords[healthedu.SupportedLanguage(lang)]
	// The rules judged, in the order of the norm.
	var rules []compliance.Rule
	var unconfirmed []string
	months := 12
	for _, r := range compliance.Rules() {
		judged, unsure := false, false
		for _, inst := range doc.Institutions {
			months = inst.MonthsOver
			for _, m := range inst.Measures {
				judged = judged || m.Rule == r
				unsure = unsure || m.Rule == r && m.Unconfirmed
			}
		}
		if judged {
			rules = append(rules, r)
		}
		if unsure {
			unconfirmed = append(unconfirmed, words.rules[r])
		}
	}
	if len(doc.Institutions) > 0 {
		header := []string{words.creditCode, words.name, words.typ}
		right := []bool{false, false, false}
		for _, r := range rules {
			header = append(header, words.rules[r])
			right = append(right, true)
		}
		header = append(header, words.shortfalls)
		right = append(right, true)
		rows := [][]string{header}
		for _, inst := range doc.Institutions {
			row := []string{inst.CreditCode.String(), inst.Name, inst.TypeName}
			for _, r := range rules {
				i := slices.IndexFunc(inst.Measures, func(m compliance.Measure) bool { return m.Rule == r })
				if i < 0 {
					row = append(row, "")
					continue
				}
				m := inst.Measures[i]
				mark := " "
				if !m.Met {
					mark = complianceNotMet
				}
				row = append(row, strconv.Itoa(m.Value)+"/"+strconv.Itoa(m.Required)+mark)
			}
			row = append(row, strconv.Itoa(inst.Shortfalls))
			rows = append(rows, row)
		}
		writeColumns(w, rows, right)

		note := words.cellNote
		if months < 12 {
			note += fmt.Sprintf(words.prorateNote, months)
		}
		fmt.Fprintln(w, note)
		if slices.ContainsFunc(rules, func(r compliance.Rule) bool {
			return r == compliance.RuleBoardArea || r == compliance.RuleBoardChangeGap || r == compliance.RuleLectureGap
		}) {
			fmt.Fprintln(w, words.ratioNote)
		}
		if len(unconfirmed) > 0 {
			fmt.Fprintf(w, words.unconfirmedNote+"\n", wordList{items: unconfirmed, and: true}.Message(lang))
		}
	}
	source := complianceSource(doc.Norms.Source, lang)
	if !doc.Norms.Default {
		source += words.ownNorms
	}
	fmt.Fprintf(w, words.sourceNote+"\n", source)

	for _, inst := range doc.Institutions {
		if len(inst.Issues) == 0 {
			continue
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, words.issuesOf+"\n", inst.CreditCode, inst.Name)
		for _, is := range inst.Issues {
			fmt.Fprintln(w, "  "+issueText{is.Issue}.Message(lang))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, newError(codeComplianceSummary, doc.Period.String(), formatInstant(doc.AsOf),
		doc.Summary.Institutions, doc.Summary.Compliant, doc.Summary.NotCompliant, in.rejected, in.others).Message(lang))
}

// complianceSource names the document of a norms table for people: its
// title, the section and the year, as 国家基本公共卫生服务规范（第三版）·健康教育服务规范（2017）.
func complianceSource(s compliance.Source, lang language.Tag) string {
	chinese := langIndex(lang) < 2
	b := strings.TrimSpace(s.Title)
	if s.Section != "" {
		if chinese {
			b += "·" + s.Section
		} else {
			b += ", " + s.Section
		}
	}
	if s.Year != 0 {
		if chinese {
			b += "（" + strconv.Itoa(s.Year) + "）"
		} else {
			b += " (" + strconv.Itoa(s.Year) + ")"
		}
	}
	return healthedu.RedactCitizenIDs(b)
}
