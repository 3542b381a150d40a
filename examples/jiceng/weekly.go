package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
	"golang.org/x/text/language"
)

// The usage of "jiceng weekly", with its exit statuses.
const weeklyUsage = `usage: jiceng weekly [-under CODE] -period WEEK [-now RFC3339] [-deadline-day N]
                     [-reporting-level LEVEL | -reporters FILE]
                     [-format table|csv|json] [-encoding utf-8|gb18030]
                     [-lang zh-Hans|zh-Hant|en] FILE...

Writes the weekly dispatch (周调度) of a division for an ISO week, as the
黔西南 pilot's ledger management holds it every week: the year's progress of
the division and of each division directly under it against each
indicator's target (the catalogue's indicators with a target, a yearly
target pro-rated to the months due); the monthly reports overdue of the
divisions expected to report, over the 12 latest months whose deadline has
passed; the rectification items (挂账整改) opened in the week, overdue at its
end and verified and closed in it; and the week's health education
activities by form. The year is the week's ISO year: 2025W1, from
30 December 2024, reports on 2025. A week that spans two months, such as
2025W44 (27 October to 2 November), counts the activities and items of all
its days.

Reads records of the exchange kinds and rectification items (kind
rectification) from the files (one JSON record, a JSON array or NDJSON per
file, "-" for standard input), skips those the validator rejects (each is
listed on standard error), and builds the indicators as "jiceng indicators"
does. The records of one rectification item, its first version and its
updates, are merged by id in the order of the files (ledger.Merge); an
update that does not fit the item as read before it - another division or
source, a change of status the ledger does not allow - is skipped and
listed. Without -under, the division is the smallest that holds every
record's division.

The dispatch is as of the end of the week, Monday 00:00 after it in China
Standard Time, whatever -now is. -now is the validator's clock, as for
validate: a record holding a later time is rejected. A week that has not
begun at -now is an error; a week in progress is dispatched with what the
files hold, the table says so (the json: inProgress), and the items are
judged overdue as at the end of the week. -deadline-day, -reporting-level
and -reporters are those of "jiceng indicators".

-format table writes, under headings: the progress, a row per division and
indicator (value, target, met, coverage); the reports overdue; the items
new, overdue and closed (id, division, source, problem in the reader's
language, owner, deadline, status, days overdue); the activities by form;
then the records skipped. -format csv writes every line of the dispatch in
one table whose first column, section, says what the row is: progress,
overdueReport, newItem, overdueItem, closedItem or activity, with the
columns section, division, divisionName, id, name, value, direction,
target, met, deadline, status, daysOverdue, thisWeek, activities and
participants, each row filling those that apply to it (see
weeklyCSVHeader). -format json writes the dispatch as the library writes
it (week, under, from, to, asOf, year, progress, overdueReports, newItems,
overdueItems, closedItems, activities), then inProgress and names: the
names in the reader's language of the divisions, indicators, forms,
sources and statuses it writes as codes, and each item's problem, by id.
It is the same document the intake server's GET /v1/reports/weekly
answers for the same records, week and language. With csv and json, the
records skipped are counted on standard error.

Messages come in the language of -lang, or else of the locale (LC_ALL,
LC_MESSAGES, LANG), and so do the names in the table, the csv and the
json. Citizen ID numbers never appear in the output.

Exit status: 0 when no monthly report and no rectification item is
overdue at the end of the week, 1 when one is, as compliance exits 1 when
an institution falls short; 2 when the command line is wrong, an input
could not be read, the files hold no record or no division holds them
all: then nothing is written to standard output.

Flags:
`

// exitOverdue is the exit status of "jiceng weekly" when a monthly report
// or a rectification item is overdue at the end of the week.
const exitOverdue = 1

// weeklyFlags are the flags of "jiceng weekly".
type weeklyFlags struct {
	read        validateFlags          // language, encoding, clock and kinds
	under       healthedu.DivisionCode // the zero code: the smallest holding every record
	week        healthedu.Period
	format      string
	deadlineDay int
	reporters   indicators.Reporters
}

// weeklyFormats are the output formats of "jiceng weekly".
var weeklyFormats = []string{"table", "csv", "json"}

func parseWeeklyFlags(args []string, reg *healthedu.Registry) (weeklyFlags, []string, *commandLine, error) {
	c := newCommandLine("jiceng weekly", weeklyUsage)
	fs := c.fs
	under := fs.String("under", "", "the division of the dispatch, a province, city, county, township or village code (default: the smallest division that holds every record)")
	period := fs.String("period", "", "the ISO week of the dispatch, such as 2025W44")
	now := fs.String("now", "", "the validator's clock, RFC 3339: a record holding a later time is rejected, and the week must have begun (default: the current time); the dispatch is as of the end of the week")
	format := fs.String("format", "table", "output format: table, csv or json")
	enc := fs.String("encoding", "utf-8", "encoding of the input files and of -reporters: utf-8 or gb18030")
	reporters := defineReportersFlags(fs,
		"the day of the next month by the end of which a monthly report is due (the month's last day when it has fewer)",
		"the level of the registry's divisions expected to report: province, city, county, township or village")
	files, lang, err := c.parse(args)
	f := weeklyFlags{read: validateFlags{lang: lang, kinds: append(healthedu.ExchangeKinds(), ledger.Kinds()...)}}
	if err != nil {
		return f, nil, c, err
	}
	if err = f.read.parseReadFlags(*enc, *now); err != nil {
		return f, nil, c, err
	}
	if f.format, err = parseFormatFlag(*format, weeklyFormats); err != nil {
		return f, nil, c, err
	}
	if f.week, err = parseWeekFlag(*period, f.read.now); err != nil {
		return f, nil, c, err
	}
	if f.under, err = parseUnderFlag(*under, reg); err != nil {
		return f, nil, c, err
	}
	if f.deadlineDay, f.reporters, err = reporters.parse(c, reg, f.read.encoding); err != nil {
		return f, nil, c, err
	}
	if len(files) == 0 {
		return f, nil, c, newError(codeInputMissing, c.name)
	}
	return f, files, c, nil
}

// parseWeekFlag parses a -period flag that must name an ISO week, such as
// 2025W44, and checks that the week had begun at now.
func parseWeekFlag(s string, now time.Time) (healthedu.Period, error) {
	if s == "" {
		return healthedu.Period{}, newError(codeWeekMissing)
	}
	p, err := healthedu.ParsePeriod(s)
	if err != nil || p.Type() != healthedu.PeriodWeek {
		return p, newError(codeWeek, maskIDShaped(s))
	}
	if now.Before(p.Start()) {
		return p, newError(codeWeekNotBegun, p.String(), formatInstant(now))
	}
	return p, nil
}

// weeklyInput is what "jiceng weekly" read.
type weeklyInput struct {
	records    int // read, of any kind
	rejected   int // rejected by the validator
	unusable   int // accepted, but unusable for the indicators
	refused    int // updates of rectification items that did not fit
	exchange   []healthedu.Record
	items      []*ledger.Rectification // merged, in the order first read
	activities []*healthedu.Activity
	area       healthedu.DivisionCode // the smallest division holding every record's
	areaNone   bool                   // no one division holds them
}

// weeklyRead reads the records of files, lists on stderr each record the
// validator rejects and each update of an item that does not fit, and
// returns what it read.
func weeklyRead(files []string, f weeklyFlags, stdin io.Reader, stderr io.Writer, name string) (weeklyInput, error) {
	var in weeklyInput
	lang := f.read.lang
	byID := make(map[string]int)
	read, rejected, err := eachAccepted(files, f.read, stdin, stderr, func(r healthedu.Record) {
		in.widen(r.RecordDivision())
		it, ok := r.(*ledger.Rectification)
		if !ok {
			in.exchange = append(in.exchange, r)
			if a, ok := r.(*healthedu.Activity); ok {
				in.activities = append(in.activities, a)
			}
			return
		}
		i, seen := byID[it.ID]
		if !seen {
			merged, _, _ := ledger.Merge(nil, it)
			byID[it.ID] = len(in.items)
			in.items = append(in.items, merged)
			return
		}
		merged, _, issues := ledger.Merge(in.items[i], it)
		if len(issues) > 0 {
			in.refused++
			printError(stderr, name, lang, newError(codeItemRefused, recordName{it.Kind, it.ID}, issueText{issues[0]}))
			return
		}
		in.items[i] = merged
	}, func(file string, res *healthedu.RecordResult) {
		printError(stderr, name, lang, rejectedNotice(file, res))
	})
	in.records, in.rejected = read, rejected
	switch {
	case err != nil:
		return in, err
	case read == 0:
		return in, newError(codeNoRecords)
	}
	return in, nil
}

// widen widens the area of in to hold d.
func (in *weeklyInput) widen(d healthedu.DivisionCode) {
	switch {
	case !d.IsValid() || in.areaNone:
	case !in.area.IsValid():
		in.area = d
	default:
		var ok bool
		in.area, ok = in.area.Common(d)
		in.areaNone = !ok
	}
}

func runWeekly(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	reg := healthedu.DefaultRegistry()
	f, files, c, err := parseWeeklyFlags(args, reg)
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
	in, err := weeklyRead(files, f, stdin, stderr, c.name)
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	under := f.under
	if !under.IsValid() {
		if under = in.area; !under.IsValid() {
			printError(stderr, c.name, lang, newError(codeUnderNone))
			return exitUsage
		}
	}

	// The store, as "jiceng indicators" builds it.
	cat := indicators.DefaultCatalogue()
	store := indicators.NewStore(cat)
	// The stocks run to the end of a week in progress, as in the intake
	// (the dispatch is as of its end).
	stockNow := f.read.now
	if end := f.week.End(); end.After(stockNow) {
		stockNow = end
	}
	if err := store.AddRecords(in.exchange, indicators.RecordOptions{Now: stockNow}); err != nil {
		for _, e := range indicatorsErrors(err) {
			if _, ok := errors.AsType[*indicators.RecordError](e); ok {
				in.unusable++
			}
			printError(stderr, c.name, lang, indicatorsUnusable(e))
		}
	}
	d, err := ledger.Weekly(f.week, store, in.items, in.activities, ledger.WeeklyOptions{
		Under: under, Registry: reg, Catalogue: cat,
		DeadlineDay: f.deadlineDay, Reporters: f.reporters,
	})
	if err != nil {
		printError(stderr, c.name, lang, err) // the flags were checked: a bug
		return exitUsage
	}
	doc := reports.NewWeekly(d, f.read.now, reg, cat, lang)
	skipped := newError(codeWeeklySkipped, in.rejected, in.unusable, in.refused)

	out := bufio.NewWriter(stdout)
	switch f.format {
	case "json":
		err = writeJSON(out, doc)
	case "csv":
		err = weeklyCSV(out, doc)
	default:
		weeklyTable(out, doc, lang, f.read.now, skipped)
	}
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = newError(codeOutputFailed)
	}
	if err != nil {
		printError(stderr, c.name, lang, err)
		return exitUsage
	}
	if f.format != "table" && in.rejected+in.unusable+in.refused > 0 {
		printError(stderr, c.name, lang, skipped)
	}
	if len(doc.OverdueReports) > 0 || len(doc.OverdueItems) > 0 {
		return exitOverdue
	}
	return exitOK
}

// weeklyCSVHeader is the header of the CSV output: a public contract.
// Columns are only ever appended. Every line of the dispatch is a row,
// its section first:
//
//   - progress: division, divisionName, id (the indicator), name (its
//     name), value, direction, target, met (true, false or empty without
//     a target or a value);
//   - overdueReport: division, divisionName, id (the month), deadline,
//     thisWeek;
//   - newItem, overdueItem, closedItem: division, divisionName, id (the
//     item), name (its problem in the reader's language), deadline,
//     status, daysOverdue (overdue items);
//   - activity: id (the form), name (its name), activities, participants.
var weeklyCSVHeader = []string{"section", "division", "divisionName", "id", "name", "value", "direction", "target", "met",
	"deadline", "status", "daysOverdue", "thisWeek", "activities", "participants"}

// The columns of the CSV output.
const (
	wcSection = iota
	wcDivision
	wcDivisionName
	wcID
	wcName
	wcValue
	wcDirection
	wcTarget
	wcMet
	wcDeadline
	wcStatus
	wcDaysOverdue
	wcThisWeek
	wcActivities
	wcParticipants
	weeklyCSVColumns
)

// weeklyCSV writes every line of doc as a row of one CSV table.
func weeklyCSV(w io.Writer, doc reports.Weekly) error {
	cw := csv.NewWriter(w)
	cw.Write(weeklyCSVHeader)
	row := func(section string, set func(r *[weeklyCSVColumns]string)) {
		var r [weeklyCSVColumns]string
		r[wcSection] = section
		set(&r)
		cw.Write(r[:])
	}
	names := &doc.Names
	for _, res := range doc.Progress {
		row("progress", func(r *[weeklyCSVColumns]string) {
			r[wcDivision], r[wcDivisionName] = res.Division.String(), names.Divisions[res.Division]
			r[wcID], r[wcName], r[wcValue] = res.Indicator.Code(), names.Indicators[res.Indicator.Code()], res.Text()
			if t, ok := res.Target(); ok {
				r[wcDirection], r[wcTarget] = t.Direction.String(), t.Value
			}
			if res.Attainment != indicators.NoTarget {
				r[wcMet] = strconv.FormatBool(res.Attainment == indicators.Met)
			}
		})
	}
	for _, o := range doc.OverdueReports {
		row("overdueReport", func(r *[weeklyCSVColumns]string) {
			r[wcDivision], r[wcDivisionName], r[wcID] = o.Division.String(), names.Divisions[o.Division], o.Month.String()
			r[wcDeadline], r[wcThisWeek] = o.Deadline.String(), strconv.FormatBool(o.ThisWeek)
		})
	}
	for _, s := range []struct {
		section string
		items   []ledger.ItemLine
	}{{"newItem", doc.NewItems}, {"overdueItem", doc.OverdueItems}, {"closedItem", doc.ClosedItems}} {
		for _, it := range s.items {
			row(s.section, func(r *[weeklyCSVColumns]string) {
				r[wcDivision], r[wcDivisionName], r[wcID], r[wcName] = it.Division.String(), names.Divisions[it.Division], it.ID, names.Problems[it.ID]
				r[wcDeadline], r[wcStatus] = it.Deadline.String(), string(it.Status)
				if it.DaysOverdue > 0 {
					r[wcDaysOverdue] = strconv.Itoa(it.DaysOverdue)
				}
			})
		}
	}
	for _, fc := range doc.Activities.ByForm {
		row("activity", func(r *[weeklyCSVColumns]string) {
			r[wcID], r[wcName] = string(fc.Form), names.Forms[fc.Form]
			r[wcActivities], r[wcParticipants] = strconv.FormatInt(fc.Activities, 10), strconv.FormatInt(fc.Participants, 10)
		})
	}
	cw.Flush()
	return cw.Error()
}

// weeklyWords are the column headers of the table, by language.
var weeklyWords = map[language.Tag]struct {
	progress [7]string // division, name, indicator, value, target, met, coverage
	reports  [5]string // division, name, month, deadline, this week
	items    [8]string // id, division name, source, problem, owner, deadline, status, days overdue
	forms    [3]string // form, activities, participants
	yes, no  string
	prorated string // appended to a pro-rated target
}{
	healthedu.ZhHans: {
		progress: [7]string{"区划代码", "区划名称", "指标名称", "指标值", "目标值", "达标", "覆盖单位"},
		reports:  [5]string{"区划代码", "区划名称", "报告月份", "截止日期", "本周到期"},
		items:    [8]string{"事项标识", "区划名称", "问题来源", "问题描述", "责任主体", "整改时限", "状态", "逾期天数"},
		forms:    [3]string{"活动形式", "场次", "人次"},
		yes:      "是", no: "否", prorated: "（按进度）",
	},
	healthedu.ZhHant: {
		progress: [7]string{"區劃代碼", "區劃名稱", "指標名稱", "指標值", "目標值", "達標", "覆蓋單位"},
		reports:  [5]string{"區劃代碼", "區劃名稱", "報告月份", "截止日期", "本週到期"},
		items:    [8]string{"事項標識", "區劃名稱", "問題來源", "問題描述", "責任主體", "整改時限", "狀態", "逾期天數"},
		forms:    [3]string{"活動形式", "場次", "人次"},
		yes:      "是", no: "否", prorated: "（按進度）",
	},
	healthedu.English: {
		progress: [7]string{"division", "division name", "indicator", "value", "target", "met", "coverage"},
		reports:  [5]string{"division", "division name", "month", "deadline", "this week"},
		items:    [8]string{"id", "division name", "source", "problem", "owner", "deadline", "status", "days overdue"},
		forms:    [3]string{"form", "activities", "participants"},
		yes:      "yes", no: "no", prorated: " (pro-rated)",
	},
}

// weeklyTable writes doc as a table for people in lang: a heading, then
// each section under its heading, and the records skipped. now is -now:
// a note says when the week had not ended by then (doc.InProgress).
func weeklyTable(w io.Writer, doc reports.Weekly, lang language.Tag, now time.Time, skipped *commandError) {
	words := weeklyWords[healthedu.SupportedLanguage(lang)]
	heading := func(e *commandError) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, e.Message(lang))
	}
	none := newError(codeWeeklyNone).Message(lang)
	table := func(rows [][]string, right []bool) {
		if len(rows) == 1 {
			fmt.Fprintln(w, none)
			return
		}
		writeColumns(w, rows, right)
	}
	names := &doc.Names
	name := names.Divisions[doc.Under]
	if name == "" {
		name = doc.Under.String()
	}
	fmt.Fprintln(w, newError(codeWeeklyTitle, name, doc.Under.String(), doc.Week.String(),
		doc.From.String(), doc.To.String(), formatInstant(doc.AsOf)).Message(lang))
	if doc.InProgress {
		fmt.Fprintln(w, newError(codeWeeklyInProgress, formatInstant(now)).Message(lang))
	}

	heading(newError(codeWeeklyProgress, doc.Year.String()))
	rows := [][]string{words.progress[:]}
	for _, r := range doc.Progress {
		value := indicatorsGroup(r.Text())
		if !r.HasValue() {
			value = r.Reason.Label(lang)
		}
		var target, met string
		if t, ok := r.Target(); ok {
			target = t.Direction.String() + " " + indicatorsGroup(t.Value)
			if r.TargetProrated {
				target += words.prorated
			}
		}
		switch r.Attainment {
		case indicators.Met:
			met = words.yes
		case indicators.NotMet:
			met = words.no
		}
		rows = append(rows, []string{r.Division.String(), names.Divisions[r.Division], names.Indicators[r.Indicator.Code()], value, target, met, r.Coverage.String()})
	}
	table(rows, []bool{false, false, false, true, true, false, true})

	heading(newError(codeWeeklyOverdueReports, len(doc.OverdueReports)))
	rows = [][]string{words.reports[:]}
	for _, o := range doc.OverdueReports {
		this := ""
		if o.ThisWeek {
			this = words.yes
		}
		rows = append(rows, []string{o.Division.String(), names.Divisions[o.Division], o.Month.String(), o.Deadline.String(), this})
	}
	table(rows, nil)

	for _, s := range []struct {
		code    string
		items   []ledger.ItemLine
		overdue bool
	}{{codeWeeklyNewItems, doc.NewItems, false}, {codeWeeklyOverdueItems, doc.OverdueItems, true}, {codeWeeklyClosedItems, doc.ClosedItems, false}} {
		heading(newError(s.code, len(s.items)))
		header := words.items[:7]
		if s.overdue {
			header = words.items[:]
		}
		rows = [][]string{header}
		for _, it := range s.items {
			row := []string{it.ID, names.Divisions[it.Division], names.Sources[it.Source.Type], names.Problems[it.ID],
				weeklyOwner(it.Owner), it.Deadline.String(), names.Statuses[it.Status]}
			if s.overdue {
				row = append(row, strconv.Itoa(it.DaysOverdue))
			}
			rows = append(rows, row)
		}
		table(rows, []bool{7: true})
	}

	heading(newError(codeWeeklyActivities, indicatorsGroup(strconv.FormatInt(doc.Activities.Activities, 10)),
		indicatorsGroup(strconv.FormatInt(doc.Activities.Participants, 10))))
	rows = [][]string{words.forms[:]}
	for _, fc := range doc.Activities.ByForm {
		rows = append(rows, []string{names.Forms[fc.Form], indicatorsGroup(strconv.FormatInt(fc.Activities, 10)), indicatorsGroup(strconv.FormatInt(fc.Participants, 10))})
	}
	table(rows, []bool{false, true, true})

	fmt.Fprintln(w)
	fmt.Fprintln(w, skipped.Message(lang))
}

// weeklyOwner names an item's owner for the table: the institution's name,
// else its credit code, else the role.
func weeklyOwner(o ledger.Owner) string {
	switch {
	case o.Name != "":
		return o.Name
	case o.CreditCode.IsValid():
		return o.CreditCode.String()
	}
	return o.Role
}
