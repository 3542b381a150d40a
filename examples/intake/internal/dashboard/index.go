package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// indexPage is the start page: one division over one period.
type indexPage struct {
	frame
	Division     wire.Division
	LevelName    string
	Breadcrumb   []navLink // the ancestors, province first
	Children     []navLink
	ChildLevel   string
	PeriodName   string
	PeriodGroups []optionGroup
	PrevYearURL  string
	NextYearURL  string

	Caption      string
	Rows         []tableRow
	FlagNotes    []flagNote // the flags of the table's values, with their messages
	CoverageNote string     // what the coverage column means, when a value is partial

	Indicator        string // the indicator charted
	IndicatorOptions []option
	BarTitle         string
	Bar              *barChart
	BarNotice        string

	LineTitle  string
	Line       *lineChart
	LineNotice string

	ReportURL   string
	ReportLabel string

	// The compliance of the division's institutions with the national
	// service norm in the year of the period (服务规范达标情况).
	ComplianceTitle  string
	Compliance       *compliancePanel
	ComplianceNotice string
	ComplianceURL    string
	ComplianceLabel  string
	Colon            string
	Ledger           *ledgerPanel // the rectification ledger of the division (ledger.go)
	WeeklyURL        string       // the weekly dispatch of the current week
	WeeklyLabel      string
	ApprovalsURL     string // the approval of the month of the notification (approvals.go)
	ApprovalsLabel   string
}

// A navLink is a link to the dashboard of a division.
type navLink struct {
	Code, Name, URL string
}

// An option is one entry of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// An optionGroup is an optgroup of a select.
type optionGroup struct {
	Label   string
	Options []option
}

// A tableRow is one indicator of the table, ready to show.
type tableRow struct {
	Indicator   string // code
	Name        string
	Numerator   string // grouped digits, or a dash without data
	Denominator string // grouped digits, a dash without data, "" for a count
	Value       string // as the API wrote it with its digits grouped, or a dash
	Reason      string // why there is no value
	Coverage    coverageCell
	Flags       []string // the messages of the value's flags
	Target      string   // "≥ 85"
	Prorated    bool     // the target is pro-rated to the months due
	Status      string   // met, missed or none: the colour
	Mark        string   // ✓, ✗ or –: the status without colour
	StatusText  string
	Selected    bool   // the indicator charted
	ChartURL    string // chart this indicator
}

// A coverageCell shows how many of the expected reporters a figure comes
// from: "131/136", with a mark when that is not all of them.
type coverageCell struct {
	Text    string // "131/136"; "" when the API says nothing
	Title   string // the same in words
	Partial bool
}

// A flagNote is a flag of an indicator's value, with its message.
type flagNote struct {
	Indicator, Name, Message string
}

// serveIndex serves "/".
func (d *dashboard) serveIndex(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	s, perr := d.readState(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	a := d.fetchIndex(ctx, r, lang, s)
	if a.divsErr != nil {
		d.renderAPIError(w, r, lang, a.divsErr)
		return
	}
	if a.indsErr != nil {
		d.renderAPIError(w, r, lang, a.indsErr)
		return
	}

	msg := lang.T()
	p := newIndexPage(r, lang, s, a.divs)
	p.PeriodGroups = periodChoices(s.Period, d.opts.DefaultPeriod, lang) // the years up to the latest (picker.go)

	// The table, and the indicator charted.
	chosen := p.chooseIndicator(lang, s, d.opts.Indicator, a.inds.Rows)
	p.addRows(lang, s, a.inds.Rows)

	// The bar chart: the chosen indicator across the children.
	p.BarTitle = msg["children"]
	if chosen != nil {
		p.BarTitle = lang.sprintf("barTitle", chosen.IndicatorName)
		switch {
		case len(a.divs.Children) == 0:
			p.BarNotice = msg["noChildren"]
		default:
			p.Bar, p.BarNotice = d.barChart(ctx, r, s, lang, chosen, a.divs.Children[0].Level)
		}
	}

	// The line chart: completeness month by month.
	p.LineTitle = lang.sprintf("lineTitle", s.Period.Year())
	p.Line, p.LineNotice = d.completenessChart(r, lang, p.LineTitle, s.Division, a)

	month := reportMonth(s.Period, d.opts.DefaultPeriod)
	rs := s.withPeriod(month)
	rs.Indicator = ""
	p.ReportURL = rs.reportURL()
	p.ReportLabel = lang.sprintf("reportLink", lang.periodName(month))
	p.Ledger = d.ledgerPanel(ctx, r, lang, s)
	p.WeeklyURL, p.WeeklyLabel = s.weeklyURL(healthedu.Period{}), lang.T()["weeklyLink"]
	p.ApprovalsURL, p.ApprovalsLabel = rs.approvalsURL(), lang.sprintf("approvalsLink", lang.periodName(month))

	year := healthedu.YearPeriod(s.Period.Year())
	p.ComplianceTitle = lang.sprintf("compliancePanel", lang.periodName(year))
	p.Colon = lang.colon()
	cs := s.withPeriod(year)
	cs.Indicator = ""
	p.ComplianceURL = cs.complianceURL()
	p.ComplianceLabel = lang.sprintf("complianceLink", lang.periodName(year))
	switch {
	case a.complianceErr != nil:
		d.logAPIFailure(r, a.complianceErr)
		p.ComplianceNotice = msg["complianceUnavailable"]
	case len(a.compliance.Institutions) == 0:
		p.ComplianceNotice = msg["complianceNone"]
	default:
		p.Compliance = lang.newCompliancePanel(&a.compliance)
	}

	d.render(w, r, http.StatusOK, "index", p)
}

// indexAnswers are the answers of the API the start page is made of, and
// their errors: the division, the indicators of the period and the
// completeness and timeliness of the months charted.
type indexAnswers struct {
	divs       wire.Divisions
	divsErr    error
	inds       wire.Indicators
	indsErr    error
	months     []healthedu.Period
	reporting  []wire.Indicators // the completeness and timeliness of each month of months
	monthlyErr []error

	compliance    reports.Compliance
	complianceErr error
}

// fetchIndex asks the API, at once, for everything of the start page of s
// that depends only on the query.
func (d *dashboard) fetchIndex(ctx context.Context, r *http.Request, lang uiLang, s pageState) *indexAnswers {
	months := d.chartMonths(s.Period)
	a := &indexAnswers{months: months, reporting: make([]wire.Indicators, len(months)), monthlyErr: make([]error, len(months))}
	var wg sync.WaitGroup
	wg.Go(func() {
		a.divsErr = d.api.get(ctx, r, lang, "/v1/divisions", url.Values{"under": {s.Division.String()}}, &a.divs)
	})
	wg.Go(func() {
		q := url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}
		a.indsErr = d.api.get(ctx, r, lang, "/v1/indicators", q, &a.inds)
	})
	wg.Go(func() {
		q := url.Values{"under": {s.Division.String()}, "period": {strconv.Itoa(s.Period.Year())}}
		a.complianceErr = d.api.get(ctx, r, lang, "/v1/compliance", q, &a.compliance)
	})
	for i, m := range months {
		wg.Go(func() {
			// The two indicators of the division alone: the line of
			// completeness needs neither the children's ranking nor the
			// other indicators and proposals of a monthly notification,
			// which cost most of its computation.
			q := url.Values{"under": {s.Division.String()}, "period": {m.String()}, "indicators": {indicatorCompleteness + "," + indicatorTimeliness}}
			a.monthlyErr[i] = d.api.get(ctx, r, lang, "/v1/indicators", q, &a.reporting[i])
		})
	}
	wg.Wait()
	return a
}

// newIndexPage returns the start page of s with what divs says of its
// division: its name and level, where it lies (the breadcrumb of its
// ancestors) and where one can go from it (its children, other periods).
func newIndexPage(r *http.Request, lang uiLang, s pageState, divs wire.Divisions) indexPage {
	p := indexPage{
		Division:   divs.Division,
		LevelName:  lang.levelName(levelText(divs.Division.Level)),
		PeriodName: lang.periodName(s.Period),
	}
	if p.Division.Name == "" {
		p.Division.Name = s.Division.String()
	}
	p.frame = newFrame("index", r, lang, p.Division.Name+" · "+p.PeriodName+" · "+lang.T()["appName"])
	p.State = s

	for _, a := range divs.Ancestors {
		if !a.Code.IsValid() || !a.Code.Contains(s.Division) {
			continue
		}
		p.Breadcrumb = append(p.Breadcrumb, navLink{Code: a.Code.String(), Name: cmp.Or(a.Name, a.Code.String()), URL: s.with(a.Code).indexURL()})
	}
	for _, c := range divs.Children {
		p.Children = append(p.Children, navLink{Code: c.Code.String(), Name: c.Name, URL: s.with(c.Code).indexURL()})
	}
	if len(divs.Children) > 0 {
		p.ChildLevel = lang.levelName(levelText(divs.Children[0].Level))
	}
	p.PeriodGroups = periodOptions(s.Period, lang)
	p.PrevYearURL = s.withPeriod(periodShiftYear(s.Period, -1)).indexURL()
	p.NextYearURL = s.withPeriod(periodShiftYear(s.Period, +1)).indexURL()
	p.Caption = lang.sprintf("indicatorsCaption", p.Division.Name, p.PeriodName)
	return p
}

// chooseIndicator returns the row of the indicator to chart: the one the
// query names, or, when it names none or the default one (def) and the
// table lacks it, the first with a value, else the first. It sets
// p.Indicator, or the notice of the bar chart when the query names an
// indicator the table lacks, or when the table is empty.
func (p *indexPage) chooseIndicator(lang uiLang, s pageState, def string, rows []wire.IndicatorRow) *wire.IndicatorRow {
	var chosen *wire.IndicatorRow
	for i, row := range rows {
		if row.Indicator == s.Indicator {
			chosen = &rows[i]
		}
	}
	if chosen == nil && s.Indicator != "" && s.Indicator != def {
		p.BarNotice = lang.sprintf("indicatorNotFound", s.Indicator)
	}
	if chosen == nil && p.BarNotice == "" {
		for i, row := range rows {
			if row.Value != nil {
				chosen = &rows[i]
				break
			}
		}
		if chosen == nil && len(rows) > 0 {
			chosen = &rows[0]
		}
	}
	if chosen != nil {
		p.Indicator = chosen.Indicator
	}
	if len(rows) == 0 && p.BarNotice == "" {
		p.BarNotice = lang.T()["barNone"]
	}
	return chosen
}

// addRows adds the rows of the indicator table, with the notes on their
// flags and coverage and the options of the indicator picker.
func (p *indexPage) addRows(lang uiLang, s pageState, rows []wire.IndicatorRow) {
	for _, row := range rows {
		tr := lang.tableRow(row)
		tr.Selected = row.Indicator == p.Indicator
		tr.ChartURL = s.withIndicator(row.Indicator).indexURL() + "#chart"
		p.Rows = append(p.Rows, tr)
		for _, f := range tr.Flags {
			p.FlagNotes = append(p.FlagNotes, flagNote{Indicator: row.Indicator, Name: tr.Name, Message: f})
		}
		if tr.Coverage.Partial {
			p.CoverageNote = lang.T()["coverageNote"]
		}
		p.IndicatorOptions = append(p.IndicatorOptions, option{Value: row.Indicator, Label: row.IndicatorName, Selected: tr.Selected})
	}
}

// completenessChart draws the completeness of the monthly reports of
// division in the months of a, one point a month, from the indicators
// report-completeness and report-timeliness (one light answer a month,
// not the whole monthly notification): a month without reports expected
// (none is before its deadline), or whose figures the API could not give,
// has no value. Without any value, it returns the notice that says so
// instead.
func (d *dashboard) completenessChart(r *http.Request, lang uiLang, title string, division healthedu.DivisionCode, a *indexAnswers) (*lineChart, string) {
	msg := lang.T()
	var points []chartPoint
	hasValue := false
	for i, m := range a.months {
		pt := chartPoint{Period: m.String(), Label: lang.monthAbbr(m.Start().In(healthedu.ChinaStandardTime).Month()), Name: lang.periodName(m)}
		if err := a.monthlyErr[i]; err != nil {
			d.logAPIFailure(r, err)
		} else if c, t := reportingRows(&a.reporting[i], division); c != nil && c.Value != nil && c.Denominator != nil && *c.Denominator > 0 {
			pt.Value = *c.Value
			pt.Expected, pt.Received, pt.OnTime = groupDigits(*c.Denominator), groupDigits(*c.Numerator), "—"
			if t != nil && t.Numerator != nil {
				pt.OnTime = groupDigits(*t.Numerator)
			}
			hasValue = true
		}
		pt.Title = pt.Name + lang.colon() + orDash(pt.Value, "%")
		points = append(points, pt)
	}
	if !hasValue {
		return nil, msg["lineNone"]
	}
	return newLineChart(title, msg["lineDesc"], points), ""
}

// reportingRows returns the rows of the completeness and timeliness of
// the reports of division in a, nil for one a lacks.
func reportingRows(a *wire.Indicators, division healthedu.DivisionCode) (completeness, timeliness *wire.IndicatorRow) {
	for i, row := range a.Rows {
		if row.Division != division {
			continue
		}
		switch row.Indicator {
		case indicatorCompleteness:
			completeness = &a.Rows[i]
		case indicatorTimeliness:
			timeliness = &a.Rows[i]
		}
	}
	return completeness, timeliness
}

// The indicators of the line of completeness: the completeness and the
// timeliness of the monthly reports, as the monthly notification counts
// them (its expected, received and on-time reports are their numerators
// and denominator).
const (
	indicatorCompleteness = "report-completeness"
	indicatorTimeliness   = "report-timeliness"
)

// barChart fetches the indicator of row for the children of s's division,
// which are at level, and draws them; or it says why it cannot.
func (d *dashboard) barChart(ctx context.Context, r *http.Request, s pageState, lang uiLang, row *wire.IndicatorRow, level healthedu.DivisionLevel) (*barChart, string) {
	q := url.Values{
		"under":      {s.Division.String()},
		"level":      {level.String()},
		"period":     {s.Period.String()},
		"indicators": {row.Indicator},
	}
	var res wire.Indicators
	if err := d.api.get(ctx, r, lang, "/v1/indicators", q, &res); err != nil {
		d.logAPIFailure(r, err)
		return nil, lang.T()["barUnavailable"]
	}
	var rows []wire.IndicatorRow
	for _, c := range res.Rows {
		if c.Indicator == row.Indicator {
			rows = append(rows, c)
		}
	}
	if len(rows) == 0 {
		return nil, lang.T()["barNone"]
	}
	in := barChartInput{
		Indicator: row.Indicator,
		Title:     lang.sprintf("barTitle", row.IndicatorName),
		Desc:      lang.T()["barDesc"],
		Rows:      rows,
		Label: func(c wire.IndicatorRow) string {
			t := orDash(c.DivisionName, "") + lang.colon() + orDash(groupDecimal(textOf(c.Value)), "")
			if c.Value == nil && c.Reason != "" {
				t += lang.paren(lang.reasonText(c.Reason))
			}
			if st := lang.statusText(c); st != "" {
				t += lang.paren(st)
			}
			if cv := lang.coverage(c.Coverage); cv.Text != "" {
				t += lang.paren(cv.Title)
			}
			return t
		},
		Href:    func(c wire.IndicatorRow) string { return s.with(c.Division).indexURL() },
		NoValue: func(c wire.IndicatorRow) string { return lang.reasonText(c.Reason) },
		Coverage: func(c wire.IndicatorRow) string {
			return lang.paren(lang.coverage(c.Coverage).Text)
		},
	}
	// The target is the same for every division; take it from a row that has one.
	for _, c := range append([]wire.IndicatorRow{*row}, rows...) {
		if c.Target != nil {
			in.Target = *c.Target
			in.TargetLabel = lang.sprintf("targetLine", targetText(c.Direction, *c.Target))
			break
		}
	}
	return newBarChart(in), ""
}

// logAPIFailure logs a failed API call that the page works around, unless
// it is a client error the API explained.
func (d *dashboard) logAPIFailure(r *http.Request, err error) {
	if ae, ok := err.(*apiError); ok && ae.Status < 500 && ae.Problem != nil {
		return
	}
	d.opts.Logger.WarnContext(r.Context(), "dashboard: API call failed", "err", err)
}

// chartMonths returns the months of p's year for the completeness chart:
// all twelve, less those that start after the default period, which have
// no reports yet.
func (d *dashboard) chartMonths(p healthedu.Period) []healthedu.Period {
	var ms []healthedu.Period
	for m := range healthedu.YearPeriod(p.Year()).Sub(healthedu.PeriodMonth) {
		if def := d.opts.DefaultPeriod; def.IsValid() && !m.Start().Before(def.End()) {
			break
		}
		ms = append(ms, m)
	}
	return ms
}

// reportMonth chooses the month of the monthly notification linked from a
// page showing p: p itself when a month, else the default period's month
// when it lies in p, else p's last month.
func reportMonth(p, def healthedu.Period) healthedu.Period {
	if p.Type() == healthedu.PeriodMonth {
		return p
	}
	if m, ok := def.Parent(healthedu.PeriodMonth); ok && p.ContainsPeriod(m) {
		return m
	}
	var last healthedu.Period
	for m := range p.Sub(healthedu.PeriodMonth) {
		last = m
	}
	return last
}

// with, withPeriod and withIndicator return s showing another division,
// period or indicator.
func (s pageState) with(c healthedu.DivisionCode) pageState { s.Division = c; return s }
func (s pageState) withPeriod(p healthedu.Period) pageState { s.Period = p; return s }
func (s pageState) withIndicator(code string) pageState     { s.Indicator = code; return s }

// periodOptions lists the periods of p's year for the picker: the year, its
// halves, quarters and months.
func periodOptions(p healthedu.Period, lang uiLang) []optionGroup {
	y := healthedu.YearPeriod(p.Year())
	msg := lang.T()
	groups := []optionGroup{
		{Label: msg["years"]},
		{Label: msg["halfYears"]},
		{Label: msg["quarters"]},
		{Label: msg["months"]},
	}
	for i, t := range []healthedu.PeriodType{healthedu.PeriodYear, healthedu.PeriodHalfYear, healthedu.PeriodQuarter, healthedu.PeriodMonth} {
		for q := range y.Sub(t) {
			groups[i].Options = append(groups[i].Options, option{Value: q.String(), Label: lang.periodName(q), Selected: q == p})
		}
	}
	return groups
}

// periodShiftYear returns the period of the same kind and place n years
// from p: 202510 → 202410 for n = -1.
func periodShiftYear(p healthedu.Period, n int) healthedu.Period {
	per := map[healthedu.PeriodType]int{
		healthedu.PeriodYear: 1, healthedu.PeriodHalfYear: 2,
		healthedu.PeriodQuarter: 4, healthedu.PeriodMonth: 12,
	}[p.Type()]
	if per == 0 {
		return p
	}
	q := p.Add(n * per)
	if !q.IsValid() {
		return p
	}
	return q
}

// tableRow makes an API row ready to show in language l.
func (l uiLang) tableRow(r wire.IndicatorRow) tableRow {
	msg := l.T()
	tr := tableRow{
		Indicator:   r.Indicator,
		Name:        r.IndicatorName,
		Numerator:   "—",
		Denominator: "—",
		Value:       groupDecimal(textOf(r.Value)),
		Coverage:    l.coverageOf(r.Coverage, r.Value != nil),
		Flags:       flagMessages(r.Flags, r.FlagIssues),
		Target:      targetText(r.Direction, groupDecimal(textOf(r.Target))),
		Prorated:    r.TargetProrated && r.Target != nil,
		StatusText:  l.statusText(r),
	}
	if r.Numerator != nil {
		tr.Numerator = groupDigits(*r.Numerator)
	}
	if r.Denominator != nil {
		tr.Denominator = groupDigits(*r.Denominator)
	}
	if isCount(r) {
		// A count is its numerator: it has no denominator to show.
		tr.Denominator = ""
	}
	if tr.Name == "" {
		tr.Name = r.Indicator
	}
	if r.Value == nil {
		tr.Value = "—"
		tr.Reason = l.reasonText(r.Reason)
	}
	switch {
	case r.Met != nil && *r.Met:
		tr.Status, tr.Mark = "met", "✓"
	case r.Met != nil:
		tr.Status, tr.Mark = "missed", "✗"
	case r.Target != nil:
		tr.Status, tr.Mark = "none", "–"
	default:
		tr.Status, tr.StatusText = "none", msg["noTarget"]
	}
	return tr
}

// isCount reports whether r is a count rather than a rate (计数指标): its
// value is its numerator over a denominator of 1, as the catalogue writes
// the counts of activities, person-times and health cells.
func isCount(r wire.IndicatorRow) bool {
	return r.Numerator != nil && r.Denominator != nil && *r.Denominator == 1 && textOf(r.Value) == strconv.FormatInt(*r.Numerator, 10)
}

// coverage returns the coverage cell of c in language l.
func (l uiLang) coverage(c indicators.Coverage) coverageCell {
	k, n := groupDigits(int64(c.Reporting)), groupDigits(int64(c.Expected))
	return coverageCell{Text: k + "/" + n, Title: l.sprintf("coverageTitle", k, n), Partial: c.Partial()}
}

// coverageOf returns the coverage cell of a figure: marked partial only
// when it has a value to be partial (a figure without data says so in its
// own cell).
//
// A value that no expected reporter contributed to comes from data
// recorded at a level above them (a city's own instructors): its cell
// says so in words rather than "0/1,853" beside a value.
func (l uiLang) coverageOf(c indicators.Coverage, hasValue bool) coverageCell {
	if hasValue && c.Reporting == 0 && c.Expected > 0 {
		return coverageCell{Text: l.T()["ownLevel"], Title: l.sprintf("ownLevelTitle", groupDigits(int64(c.Expected)))}
	}
	cell := l.coverage(c)
	cell.Partial = cell.Partial && hasValue
	return cell
}

// flagMessages returns the messages of a value's flags: those the API
// wrote, or the codes of the flags it sent without one.
func flagMessages(codes []string, issues []healthedu.LocalizedIssue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, cmp.Or(is.Message, is.Code))
	}
	if len(out) == 0 {
		out = append(out, codes...)
	}
	return out
}

// statusText says whether r meets its target: met, missed, no value, or ""
// when there is no target.
func (l uiLang) statusText(r wire.IndicatorRow) string {
	switch {
	case r.Met != nil && *r.Met:
		return l.T()["met"]
	case r.Met != nil:
		return l.T()["missed"]
	case r.Target != nil:
		return l.T()["noValue"]
	}
	return ""
}

// reasonText explains why an indicator has no value.
func (l uiLang) reasonText(reason string) string {
	key := map[string]string{
		"no-data":              "reasonNoData",
		"zero-denominator":     "reasonZeroDenominator",
		"negative-denominator": "reasonNegativeDenominator",
		"overflow":             "reasonOverflow",
	}[reason]
	if key == "" {
		return reason
	}
	return l.T()[key]
}

// targetText writes a target with its direction: "≥ 85".
func targetText(direction, target string) string {
	if target == "" {
		return ""
	}
	sym := map[string]string{">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "==": "="}[direction]
	if sym == "" {
		return target
	}
	return sym + " " + target
}

// colon and paren punctuate in the language's manner.
func (l uiLang) colon() string {
	if l == langEn {
		return ": "
	}
	return "："
}

func (l uiLang) paren(s string) string {
	if l == langEn {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

// orDash returns s with suffix, or a dash when s is empty.
func orDash(s, suffix string) string {
	if s == "" {
		return "—"
	}
	return s + suffix
}

// levelText returns level as the API writes it ("county"), "" for the zero
// level of a member the API left out.
func levelText(level healthedu.DivisionLevel) string {
	if level == 0 {
		return ""
	}
	return level.String()
}
