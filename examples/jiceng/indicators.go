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
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
	"github.com/jiceng/jiceng/indicators/fhir"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/language"
	"golang.org/x/text/width"
)

// The usage of "jiceng indicators", with its exit statuses.
const indicatorsUsage = `usage: jiceng indicators [-divisions CODE,...|-level LEVEL [-under CODE]] -period ID
                         [-indicators CODE,...] [-lang zh-Hans|zh-Hant|en]
                         [-format table|csv|json|dhis2|fhir] [-dhis2-mapping FILE [-dhis2-dataset ID [-dhis2-registrations FILE]]]
                         [-encoding utf-8|gb18030] [-now RFC3339] [-deadline-day N]
                         [-reporting-level LEVEL | -reporters FILE] FILE...

Reads records of any kind (one JSON record, a JSON array or NDJSON per file,
"-" for standard input), skips and counts those the validator rejects, and
computes the indicators of the default catalogue for each division over the
period as of -now: one row per division and indicator, in the order of
-divisions and -indicators, with its numerator, denominator, value (rounded
half-up), coverage, flags, target and whether it is met. Rates of a county
are the sums of its townships' numerators over the sums of their
denominators, never a mean of their rates.

Who is expected to report: every division of the registry at the reporting
level (-reporting-level, default township) within each division computed -
a county expects each of its townships, a city each township of each of its
counties - and any division at that level whose monthly report was read;
or, with -reporters, exactly the divisions that file lists. A division that
never reports lowers completeness and coverage; what is recorded within a
reporting division, such as its villages, is part of it.

Which months count: as of -now, a month counts for the figures of monthly
reports once its deadline has passed, the end of day -deadline-day of the
next month (China Standard Time; calendar days, not moved for weekends or
holidays). A report for a month not yet due is neither missing nor late: it
counts once the month is due. Activities and the other records count from
the start of their month; a period that has not begun has no figures. A
record holding a time after -now, such as a report submitted later, is
skipped: as of -now it had not come.

A report is on time when it was received by the deadline. This command reads
files, so it takes each report's submittedAt as the time it was received; a
platform passes the time it received the report instead.

Stocks, such as children under management, come from each reporting
division's latest due month in which it reported all of an indicator's
stocks; flows, such as lectures, are summed over the due months. A division
without the values an indicator needs is left out of it, or counted as zero
for counts of records, as the catalogue says; a row that no division
contributed to has no value (reason no-data), never 0. Coverage k/n says
that k of the n expected divisions contributed: a value from part of them
is marked. A value above the indicator's maximum, such as a rate above 100%,
is kept and flagged (indicator.aboveMaximum). A yearly target compared with
a period in progress is pro-rated to the months due, and marked so.

-format table writes numbers with thousands separators, notes below the
table; -format csv writes the columns division, divisionName, indicator,
indicatorName, numerator, denominator, value, reason, target, direction,
met, reporting, expected, flags (codes joined by ";") and targetProrated;
-format json writes {"period", "skipped", "rows"}, each row a result as the
library writes it. Counts (a denominator of 1) show no denominator in the
table and csv. -format dhis2 writes the data values held for the divisions
within those selected and the periods within -period, as recorded, as a
DHIS2 dataValueSets document, mapped with the CSV table of -dhis2-mapping
(kind,jiceng,dhis2). With -dhis2-dataset it is the document of that data
set, which names the data set (and the period and organisation unit when
the values are of one of each); -dhis2-registrations then writes the
complete data set registrations of the monthly reports received to a file,
so that DHIS2's reporting rates count what report completeness counts.
-format fhir writes the results as a FHIR R4 Bundle of
MeasureReports.

Messages come in the language of -lang, or else of the locale (LC_ALL,
LC_MESSAGES, LANG), and so do the names in the table and the csv.
Citizen ID numbers never appear in the output.

Exit status: 0 when the output is complete, 1 when -format dhis2 left out
data values that the mapping lacks (they are listed on standard error), and
2 when the command line is wrong, an input could not be read or the files
hold no record at all; then nothing is written to standard output. Skipped
records do not change it: each is listed on standard error, and their
number closes the table and is "skipped" in the JSON output.

Flags:
`

// exitUnmapped is the exit status of "jiceng indicators -format dhis2" when
// the mapping lacked the series or the division of some data values.
const exitUnmapped = 1

// indicatorsFlags are the flags of "jiceng indicators".
type indicatorsFlags struct {
	read        validateFlags // language, encoding and clock, as for validate
	divisions   []healthedu.DivisionCode
	period      healthedu.Period
	inds        []*indicators.Indicator
	format      string
	deadlineDay int
	reporters   indicators.Reporters
	mapping     *dhis2.Mapping
	// dataSet is the DHIS2 data set of -dhis2-dataset (数据集), and
	// registrations the file of -dhis2-registrations.
	dataSet       string
	registrations string
}

// indicatorsFormats are the output formats of "jiceng indicators".
var indicatorsFormats = []string{"table", "csv", "json", "dhis2", "fhir"}

func parseIndicatorsFlags(args []string, reg *healthedu.Registry) (indicatorsFlags, []string, *commandLine, error) {
	c := newCommandLine("jiceng indicators", indicatorsUsage)
	fs := c.fs
	divisions := fs.String("divisions", "", "the divisions to compute for, codes separated by commas")
	level := fs.String("level", "", "compute for every division of the registry at this level: province, city, county, township")
	under := fs.String("under", "", "with -level, only the divisions within this one")
	period := fs.String("period", "", "the period, as DHIS2 writes it: 2025, 2025S1, 2025Q3, 202509, 2025W38, 20250915")
	codes := fs.String("indicators", "", "the indicators to compute, codes separated by commas (default: all of the catalogue)")
	format := fs.String("format", "table", "output format: table, csv, json, dhis2 or fhir")
	mapping := fs.String("dhis2-mapping", "", "the mapping table for -format dhis2, CSV kind,jiceng,dhis2")
	dataSet := fs.String("dhis2-dataset", "", "with -format dhis2, the identifier of the DHIS2 data set the values are exported as")
	registrations := fs.String("dhis2-registrations", "", "with -dhis2-dataset, a `file` to write the complete data set registrations of the reports received to")
	enc := fs.String("encoding", "utf-8", "encoding of the input files and of -reporters: utf-8 or gb18030")
	now := fs.String("now", "", "the instant the figures are computed as of, RFC 3339: the months whose deadline has passed by then count (default: the current time)")
	reporters := defineReportersFlags(fs,
		"the day of the next month by the end of which a monthly report is due and on time (the month's last day when it has fewer)",
		"the level of the registry's divisions expected to report within each division computed: province, city, county, township or village")
	files, lang, err := c.parse(args)
	f := indicatorsFlags{read: validateFlags{lang: lang, kinds: append(healthedu.ExchangeKinds(), reports.FigureKinds()...)}}
	if err != nil {
		return f, nil, c, err
	}
	if err = f.read.parseReadFlags(*enc, *now); err != nil {
		return f, nil, c, err
	}
	if f.format, err = parseFormatFlag(*format, indicatorsFormats); err != nil {
		return f, nil, c, err
	}
	if *period == "" {
		return f, nil, c, newError(codePeriodMissing)
	}
	if f.period, err = healthedu.ParsePeriod(*period); err != nil {
		if fault := (parseFault{err}); fault.issue().Code != "period.syntax" {
			return f, nil, c, newError(codePeriod, fault)
		}
		return f, nil, c, newError(codePeriodSyntax, parseFault{err}.value())
	}
	if f.divisions, err = indicatorsDivisions(reg, *divisions, *level, *under); err != nil {
		return f, nil, c, err
	}
	if f.inds, err = indicatorsList(*codes); err != nil {
		return f, nil, c, err
	}
	if f.deadlineDay, f.reporters, err = reporters.parse(c, reg, f.read.encoding); err != nil {
		return f, nil, c, err
	}
	switch {
	case f.format == "dhis2" && *mapping == "":
		return f, nil, c, newError(codeMappingMissing)
	case f.format != "dhis2" && *mapping != "":
		return f, nil, c, newError(codeMappingUnneeded)
	case *mapping != "":
		if f.mapping, err = indicatorsLoadMapping(*mapping); err != nil {
			return f, nil, c, err
		}
	}
	switch {
	case *dataSet != "" && f.format != "dhis2":
		return f, nil, c, newError(codeDataSetUnneeded)
	case *registrations != "" && *dataSet == "":
		return f, nil, c, newError(codeRegistrationsUnneeded)
	}
	f.dataSet, f.registrations = *dataSet, *registrations
	if len(files) == 0 {
		return f, nil, c, newError(codeInputMissing, c.name)
	}
	return f, files, c, nil
}

// indicatorsLoadReporters reads the file of -reporters: one division code
// a line, in any of the forms healthedu.ParseDivisionCode takes (full-width
// digits too), with blank lines and lines starting with # left out. A
// division listed twice is expected once.
func indicatorsLoadReporters(name string, enc healthedu.Encoding) ([]healthedu.DivisionCode, error) {
	unreadable := &commandError{code: codeReportersUnreadable, params: map[string]any{"file": name}}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, unreadable
	}
	if enc == healthedu.GB18030 {
		if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
			return nil, unreadable
		}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	list := []healthedu.DivisionCode{}
	seen := make(map[healthedu.DivisionCode]bool)
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		d, err := healthedu.ParseDivisionCode(line)
		if err != nil {
			return nil, &commandError{code: codeReportersLine, params: map[string]any{
				"file": name, "line": i + 1, "reason": parseFault{err},
			}}
		}
		if !seen[d] {
			seen[d] = true
			list = append(list, d)
		}
	}
	if len(list) == 0 {
		return nil, &commandError{code: codeReportersEmpty, params: map[string]any{"file": name}}
	}
	return list, nil
}

// indicatorsDivisions returns the divisions that -divisions, or -level and
// -under, select.
func indicatorsDivisions(reg *healthedu.Registry, list, level, under string) ([]healthedu.DivisionCode, error) {
	switch {
	case list != "" && (level != "" || under != ""):
		return nil, newError(codeDivisionsExclusive)
	case list != "":
		var ds []healthedu.DivisionCode
		for _, s := range strings.Split(list, ",") {
			d, err := healthedu.ParseDivisionCode(strings.TrimSpace(s))
			if err != nil {
				return nil, newError(codeDivision, "-divisions", parseFault{err})
			}
			ds = append(ds, d)
		}
		return ds, nil
	case level == "" && under != "":
		return nil, newError(codeUnderNeedsLevel)
	case level == "":
		return nil, newError(codeDivisionsMissing)
	}
	var l healthedu.DivisionLevel
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, newError(codeLevel, level)
	}
	var top healthedu.DivisionCode
	if under != "" {
		var err error
		if top, err = healthedu.ParseDivisionCode(under); err != nil {
			return nil, newError(codeDivision, "-under", parseFault{err})
		}
	}
	ds := indicators.DivisionsAt(reg, top, l)
	switch {
	case len(ds) > 0:
		return ds, nil
	case top.IsValid():
		return nil, newError(codeLevelEmptyUnder, levelName(l), top.String())
	}
	return nil, newError(codeLevelEmpty, levelName(l))
}

// indicatorsList returns the indicators -indicators names, or all of the
// default catalogue.
func indicatorsList(codes string) ([]*indicators.Indicator, error) {
	cat := indicators.DefaultCatalogue()
	if codes == "" {
		return cat.Indicators(), nil
	}
	var inds []*indicators.Indicator
	for _, c := range strings.Split(codes, ",") {
		ind, ok := cat.Indicator(strings.TrimSpace(c))
		if !ok {
			var known []string
			for _, ind := range cat.Indicators() {
				known = append(known, ind.Code())
			}
			return nil, newError(codeIndicatorUnknown, strings.TrimSpace(c), wordList{items: known})
		}
		inds = append(inds, ind)
	}
	return inds, nil
}

// indicatorsLoadMapping reads the file of -dhis2-mapping.
func indicatorsLoadMapping(name string) (*dhis2.Mapping, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, newError(codeMappingUnreadable, name)
	}
	defer file.Close()
	m, err := dhis2.LoadMapping(file)
	if err != nil {
		return nil, newError(codeMappingInvalid, name, issueMessage{healthedu.IssueFromError(err, "")})
	}
	return m, nil
}

func runIndicators(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	reg := healthedu.DefaultRegistry()
	f, files, c, err := parseIndicatorsFlags(args, reg)
	lang := f.read.lang
	if err != nil {
		return c.exit(stdout, stderr, lang, err)
	}
	if errs := checkInputs(files); len(errs) > 0 {
		for _, err := range errs {
			printError(stderr, c.name, lang, err)
		}
		return exitUsage
	}

	// The records are fed to the store and to the register's figures as
	// they are read, and not kept: memory grows with the cells of the
	// store and the distinct records, not with the input.
	store := indicators.NewStore(indicators.DefaultCatalogue())
	opts := indicators.RecordOptions{Now: f.read.now}
	feed := store.NewRecordFeed(opts)
	// The register of people and the lecture requests, whose figures
	// the store does not derive.
	figures := reports.NewFigureFeed(reports.FigureOptions{Now: f.read.now, ResidentKey: opts.ResidentKey})
	read, skipped, err := eachAccepted(files, f.read, stdin, stderr, func(r healthedu.Record) {
		feed.Add(r)
		figures.Add(r)
	}, func(file string, res *healthedu.RecordResult) {
		printError(stderr, c.name, lang, rejectedNotice(file, res))
	})
	switch {
	case err != nil:
		printError(stderr, c.name, lang, err)
		return exitUsage
	case read == 0:
		printError(stderr, c.name, lang, newError(codeNoRecords))
		return exitUsage
	}
	if err := feed.Close(); err != nil {
		for _, e := range indicatorsErrors(err) {
			if _, ok := errors.AsType[*indicators.RecordError](e); ok {
				skipped++
			}
			printError(stderr, c.name, lang, indicatorsUnusable(e))
		}
	}
	err = figures.Drain(func(v indicators.DataValue) {
		if err := store.Add(v); err != nil {
			printError(stderr, c.name, lang, indicatorsUnusable(err))
		}
	})
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	out := bufio.NewWriter(stdout)
	if f.format == "dhis2" {
		return writeIndicatorsDHIS2(out, stderr, c.name, f, store)
	}
	return writeIndicators(out, stderr, c.name, reg, f, store, skipped)
}

// writeRegistrations writes the complete data set registrations of the
// monthly reports store received, within the period and the divisions of
// f, to the file of -dhis2-registrations: DHIS2's reporting rates then
// count what report completeness counts.
func writeRegistrations(f indicatorsFlags, store *indicators.Store) error {
	var receipts []indicators.Receipt
	for _, r := range store.ReportsReceived(f.reporters) {
		if f.period.ContainsPeriod(r.Month) && indicatorsWithin(f.divisions, r.Unit) {
			receipts = append(receipts, r)
		}
	}
	var b bytes.Buffer
	werr := f.mapping.WriteCompleteRegistrations(&b, f.dataSet, receipts)
	if _, ok := errors.AsType[*dhis2.UnmappedError](werr); werr != nil && !ok {
		return werr
	}
	if err := os.WriteFile(f.registrations, b.Bytes(), 0o644); err != nil {
		return newError(codeRegistrationsUnwritable, f.registrations)
	}
	return werr
}

// writeIndicatorsDHIS2 writes the data values of store within the period
// and the divisions of f as a DHIS2 dataValueSet to out, and returns the
// exit status: exitUnmapped when the mapping of f lacks one of them.
func writeIndicatorsDHIS2(out *bufio.Writer, stderr io.Writer, name string, f indicatorsFlags, store *indicators.Store) int {
	lang := f.read.lang
	values := func(yield func(indicators.DataValue) bool) {
		for v := range store.Values() {
			if f.period.ContainsPeriod(v.Period) && indicatorsWithin(f.divisions, v.Division) && !yield(v) {
				return
			}
		}
	}
	var err error
	if f.dataSet == "" {
		err = f.mapping.WriteDataValueSet(out, values)
	} else {
		err = f.mapping.WriteDataSet(out, f.dataSet, values, time.Time{})
		_, unmapped := errors.AsType[*dhis2.UnmappedError](err)
		if (err == nil || unmapped) && f.registrations != "" {
			// A registration failure other than divisions unmapped says
			// more than the values unmapped.
			if rerr := writeRegistrations(f, store); rerr != nil {
				if _, ok := errors.AsType[*dhis2.UnmappedError](rerr); !ok || err == nil {
					err = rerr
				}
			}
		}
	}
	if out.Flush() != nil {
		printError(stderr, name, lang, newError(codeOutputFailed))
		return exitUsage
	}
	if unmapped, ok := errors.AsType[*dhis2.UnmappedError](err); ok {
		printError(stderr, name, lang, indicatorsUnmapped(unmapped))
		return exitUnmapped
	}
	if ce, ok := err.(*commandError); ok {
		printError(stderr, name, lang, ce)
		return exitUsage
	}
	if err != nil {
		printError(stderr, name, lang, newError(codeDHIS2Refused, issueMessage{healthedu.IssueFromError(err, "")}))
		return exitUsage
	}
	return exitOK
}

// writeIndicators computes the indicators of f over store and writes them
// to out in the format of f — a table, JSON, CSV or a FHIR bundle — and
// returns the exit status. skipped counts the records left out.
func writeIndicators(out *bufio.Writer, stderr io.Writer, name string, reg *healthedu.Registry, f indicatorsFlags, store *indicators.Store, skipped int) int {
	lang := f.read.lang
	results, err := store.Compute(indicators.Query{
		Indicators: f.inds, Divisions: f.divisions, Period: f.period,
		Now: f.read.now, DeadlineDay: f.deadlineDay,
		Reporters: f.reporters,
	})
	if err != nil {
		printError(stderr, name, lang, err)
		return exitUsage
	}
	switch f.format {
	case "json":
		err = indicatorsJSON(out, f.period, skipped, results)
	case "csv":
		err = indicatorsCSV(out, reg, lang, results)
	case "fhir":
		err = fhir.WriteMeasureReportBundle(out, results, fhir.Options{
			Date:     f.read.now.In(healthedu.ChinaStandardTime),
			Registry: reg,
		})
	default:
		indicatorsTable(out, reg, lang, f.period, skipped, results)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = newError(codeOutputFailed)
	}
	if err != nil {
		printError(stderr, name, lang, err)
		return exitUsage
	}
	return exitOK
}

// indicatorsUnusable is the notice of an error of Store.AddRecords: a
// record, or a data value, the indicators cannot use.
func indicatorsUnusable(err error) error {
	reason := forReader(newError(codeRecordIncomplete))
	if ve, ok := errors.AsType[*indicators.ValueError](err); ok {
		reason = issueText{healthedu.NewIssue(ve.Code, "", map[string]any{"value": ve.Value.String()})}
	}
	if re, ok := errors.AsType[*indicators.RecordError](err); ok {
		return newError(codeRecordUnusable, recordName{re.Kind, re.ID}, reason)
	}
	return newError(codeValueUnusable, reason)
}

// indicatorsUnmapped is the notice of the data values that -format dhis2
// left out for lack of a mapping.
func indicatorsUnmapped(e *dhis2.UnmappedError) error {
	var details joined
	if len(e.Series) > 0 {
		details = append(details, newError(codeDHIS2NoElement, wordList{items: e.Series, and: true, most: 5}))
	}
	if len(e.Divisions) > 0 {
		divs := make([]string, len(e.Divisions))
		for i, d := range e.Divisions {
			divs[i] = d.String()
		}
		details = append(details, newError(codeDHIS2NoOrgUnit, wordList{items: divs, and: true, most: 5}))
	}
	return newError(codeDHIS2Unmapped, e.Values, details)
}

// indicatorsErrors unpacks the errors that errors.Join joined.
func indicatorsErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// indicatorsWithin reports whether d lies within one of divisions.
func indicatorsWithin(divisions []healthedu.DivisionCode, d healthedu.DivisionCode) bool {
	for _, top := range divisions {
		if top.Contains(d) {
			return true
		}
	}
	return false
}

// indicatorsReport is the JSON output of "jiceng indicators": a public
// contract. Each row is an [indicators.Result] in its JSON form.
type indicatorsReport struct {
	Period  healthedu.Period    `json:"period"`
	Skipped int                 `json:"skipped"`
	Rows    []indicators.Result `json:"rows"`
}

func indicatorsJSON(w io.Writer, p healthedu.Period, skipped int, results []indicators.Result) error {
	if results == nil {
		results = []indicators.Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(indicatorsReport{Period: p, Skipped: skipped, Rows: results})
}

// indicatorsCSVHeader is the header of the CSV output: a public contract.
// Columns are only ever appended.
var indicatorsCSVHeader = []string{"division", "divisionName", "indicator", "indicatorName", "numerator", "denominator", "value", "reason", "target", "direction", "met",
	"reporting", "expected", "flags", "targetProrated"}

func indicatorsCSV(w io.Writer, reg *healthedu.Registry, lang language.Tag, results []indicators.Result) error {
	cw := csv.NewWriter(w)
	cw.Write(indicatorsCSVHeader)
	for _, r := range results {
		var num, den, target, direction, met string
		if indicatorsHasSums(r) {
			num = strconv.FormatInt(r.Numerator, 10)
			if !indicatorsIsCount(r.Indicator) {
				den = strconv.FormatInt(r.Denominator, 10)
			}
		}
		if t, ok := r.Target(); ok {
			target, direction = t.Value, t.Direction.String()
			if r.Attainment != indicators.NoTarget {
				met = strconv.FormatBool(r.Attainment == indicators.Met)
			}
		}
		cw.Write([]string{
			r.Division.String(), reg.Name(r.Division), r.Indicator.Code(), r.Indicator.Name(lang),
			num, den, r.Text(), r.Reason.String(), target, direction, met,
			strconv.Itoa(r.Coverage.Reporting), strconv.Itoa(r.Coverage.Expected),
			strings.Join(r.Flags, ";"), strconv.FormatBool(r.TargetProrated),
		})
	}
	cw.Flush()
	return cw.Error()
}

// indicatorsHasSums reports whether r has a numerator and a denominator:
// not when no division contributed or a sum overflowed (null in JSON).
func indicatorsHasSums(r indicators.Result) bool {
	return r.Reason != indicators.ReasonNoData && r.Reason != indicators.ReasonOverflow
}

// indicatorsIsCount reports whether ind is a count: its denominator is the
// constant 1, so that its value is its numerator.
func indicatorsIsCount(ind *indicators.Indicator) bool {
	den := ind.Denominator()
	return den.IsConstant() && den.Constant() == 1
}

// indicatorsGroup writes the decimal s with its integer part in groups of
// three digits separated by commas: "1319529" as "1,319,529", "3210.5"
// as "3,210.5". Anything else, such as a reason, is returned as it is.
func indicatorsGroup(s string) string {
	sign, digits := "", s
	if strings.HasPrefix(digits, "-") {
		sign, digits = "-", digits[1:]
	}
	intPart, frac := digits, ""
	if i := strings.IndexByte(digits, '.'); i >= 0 {
		intPart, frac = digits[:i], digits[i:]
	}
	if intPart == "" || strings.Trim(intPart, "0123456789") != "" || strings.Trim(frac, ".0123456789") != "" {
		return s
	}
	b := make([]byte, 0, len(s)+len(intPart)/3)
	b = append(b, sign...)
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, intPart[i])
	}
	return string(append(b, frac...))
}

// indicatorsWords are the words of the table, by language: the headers,
// yes and no, the marks of a partial coverage and of a pro-rated target,
// the notes below the table, and the closing line.
var indicatorsWords = map[language.Tag]struct {
	headers  [indicatorsColumns]string
	yes, no  string
	partial  string // put before the coverage of a value from part of the expected divisions
	prorated string // appended to a pro-rated target
	// The notes below the table, each when a row needs it.
	coverageNote, prorateNote string
	flagNote                  string // division name, division code, message
	footer                    string // period, skipped records
}{
	healthedu.ZhHans: {
		headers:      [indicatorsColumns]string{"区划代码", "区划名称", "指标代码", "指标名称", "分子", "分母", "指标值", "覆盖单位", "目标值", "达标", "提示"},
		yes:          "是",
		no:           "否",
		partial:      "部分 ",
		prorated:     "（按进度）",
		coverageNote: "覆盖单位：参与计算的单位数/应报单位数；标“部分”的指标值仅来自部分应报单位，不代表全辖区。",
		prorateNote:  "按进度：年度目标按报告期内已到期月份折算。",
		flagNote:     "%s %s（%s）：%s",
		footer:       "报告期 %s；跳过 %d 条记录",
	},
	healthedu.ZhHant: {
		headers:      [indicatorsColumns]string{"區劃代碼", "區劃名稱", "指標代碼", "指標名稱", "分子", "分母", "指標值", "覆蓋單位", "目標值", "達標", "提示"},
		yes:          "是",
		no:           "否",
		partial:      "部分 ",
		prorated:     "（按進度）",
		coverageNote: "覆蓋單位：參與計算的單位數/應報單位數；標「部分」的指標值僅來自部分應報單位，不代表全轄區。",
		prorateNote:  "按進度：年度目標按報告期內已到期月份折算。",
		flagNote:     "%s %s（%s）：%s",
		footer:       "報告期 %s；略過 %d 筆記錄",
	},
	healthedu.English: {
		headers:      [indicatorsColumns]string{"division", "division name", "indicator", "name", "numerator", "denominator", "value", "coverage", "target", "met", "flags"},
		yes:          "yes",
		no:           "no",
		partial:      "partial ",
		prorated:     " (pro-rated)",
		coverageNote: "coverage: divisions counted / divisions expected to report; \"partial\": the value comes from part of the expected divisions only, not the whole area.",
		prorateNote:  "pro-rated: the yearly target scaled to the months of the period that are due.",
		flagNote:     "%s %s (%s): %s",
		footer:       "period %s; %d records skipped",
	},
}

// The columns of the table.
const (
	colDivision = iota
	colName
	colIndicator
	colIndicatorName
	colNumerator
	colDenominator
	colValue
	colCoverage
	colTarget
	colMet
	colFlags
	indicatorsColumns
)

// indicatorsNumeric are the columns of the table aligned to the right.
var indicatorsNumeric = [indicatorsColumns]bool{colNumerator: true, colDenominator: true, colValue: true, colCoverage: true, colTarget: true}

func indicatorsTable(w io.Writer, reg *healthedu.Registry, lang language.Tag, p healthedu.Period, skipped int, results []indicators.Result) {
	words := indicatorsWords[lang]
	rows := [][indicatorsColumns]string{words.headers}
	var notes []string
	var partial, prorated bool
	for _, r := range results {
		row := [indicatorsColumns]string{r.Division.String(), reg.Name(r.Division), r.Indicator.Code(), r.Indicator.Name(lang)}
		if indicatorsHasSums(r) {
			row[colNumerator] = indicatorsGroup(strconv.FormatInt(r.Numerator, 10))
			if !indicatorsIsCount(r.Indicator) {
				row[colDenominator] = indicatorsGroup(strconv.FormatInt(r.Denominator, 10))
			}
		}
		row[colValue] = indicatorsGroup(r.Text())
		if !r.HasValue() {
			row[colValue] = r.Reason.Label(lang)
		}
		row[colCoverage] = r.Coverage.String()
		if r.HasValue() && r.Coverage.Partial() {
			row[colCoverage] = words.partial + row[colCoverage]
			partial = true
		}
		if t, ok := r.Target(); ok {
			row[colTarget] = t.Direction.String() + " " + indicatorsGroup(t.Value)
			if r.TargetProrated {
				row[colTarget] += words.prorated
				prorated = true
			}
		}
		switch r.Attainment {
		case indicators.Met:
			row[colMet] = words.yes
		case indicators.NotMet:
			row[colMet] = words.no
		}
		var marks []string
		for _, code := range r.Flags {
			notes = append(notes, fmt.Sprintf(words.flagNote, "["+strconv.Itoa(len(notes)+1)+"]", reg.Name(r.Division), r.Division, indicatorsFlagMessage(r, code, lang)))
			marks = append(marks, "["+strconv.Itoa(len(notes))+"]")
		}
		row[colFlags] = strings.Join(marks, " ")
		rows = append(rows, row)
	}
	lines := make([][]string, len(rows))
	for i := range rows {
		lines[i] = rows[i][:]
	}
	writeColumns(w, lines, indicatorsNumeric[:])
	if partial {
		fmt.Fprintln(w, words.coverageNote)
	}
	if prorated {
		fmt.Fprintln(w, words.prorateNote)
	}
	for _, n := range notes {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintf(w, words.footer+"\n", p, skipped)
}

// indicatorsFlagMessage returns the message of a flag of r for people:
// the issue of the flag's code, with the params the library's flags take
// (the indicator, by its name in lang, the value and the maximum).
func indicatorsFlagMessage(r indicators.Result, code string, lang language.Tag) string {
	maximum, _ := r.Indicator.Maximum()
	return healthedu.NewIssue(code, "", map[string]any{
		"indicator": r.Indicator.Name(lang),
		"value":     indicatorsGroup(r.Text()),
		"maximum":   maximum,
	}).Message(lang)
}

// indicatorsWidth returns the number of terminal columns s takes: two for
// each East Asian wide or full-width character, such as 聊 or ～, none for
// a combining mark, a format or a control character, and one for any other.
func indicatorsWidth(s string) int {
	n := 0
	for _, r := range s {
		switch k := width.LookupRune(r).Kind(); {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc):
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// indicatorsPad appends n spaces to b.
func indicatorsPad(b []byte, n int) []byte {
	for range n {
		b = append(b, ' ')
	}
	return b
}
