package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// reportPage is the monthly notification (月通报), laid out for A4.
type reportPage struct {
	frame
	Heading        string
	Under          wire.Division
	PeriodName     string
	Deadline       string // as the API wrote it, for <time datetime>
	DeadlineText   string // as people read it
	AsOf           string // as the API wrote it
	AsOfText       string
	ReportingLevel string

	// Due reports whether the month's deadline has passed. Before it, the
	// page says so (NotDueText), counts the reports received early
	// (EarlyText, Early) and lists nobody as not reported.
	Due        bool
	NotDueText string
	EarlyText  string
	Early      []earlyRow
	EarlyTotal earlyRow

	Rows             []reportRow
	Total            reportRow
	NotReported      []wire.MonthlyMissing
	NotReportedCount string
	Counties         []countyGroup // NotReported by county, when the API groups them

	OwnHeading  string
	Own         []indicatorLine // the indicators of the division itself
	BelowTarget []indicatorLine // Target with its direction: "≥ 25"
	Flagged     []indicatorLine

	// The rectification items the notification proposes (proposed.go):
	// how many, by division below and kind, those listed, and how many
	// are not, with the API's address of them all.
	ProposedNote      string
	ProposedCount     int
	ProposedStored    int
	ProposedCountText string
	ProposedTable     *proposedTable
	Proposed          []proposedLine
	ProposedListed    string
	ProposedMore      int
	ProposedMoreText  string
	ProposedAPI       string
	LedgerURL         string

	Colon        string // punctuation in the page's language
	BackURL      string
	MonthOptions []option
	PrevYearURL  string
	NextYearURL  string
}

// A reportRow is one division's line of the ranking, ready to show.
type reportRow struct {
	Division     string
	Name         string
	Rank         string
	Expected     string
	Received     string
	OnTime       string
	Completeness string
	Timeliness   string
}

// An earlyRow is one division's line of the reports received before the
// deadline.
type earlyRow struct {
	Division  string
	Name      string
	Reporters string
	Early     string
}

// A countyGroup is the divisions of one county that have not reported.
type countyGroup struct {
	County    string
	Heading   string // "东昌府区（2个）"
	Divisions []wire.MonthlyMissing
}

// An indicatorLine is an indicator of a division in the notification,
// ready to show.
type indicatorLine struct {
	Division      string
	Name          string
	Indicator     string
	IndicatorName string
	Value         string // digits grouped, or a dash
	Reason        string // why there is no value
	Target        string // with its direction
	Prorated      bool
	Gap           string // signed, or ""
	Previous      string // the previous month's value, or a dash
	Change        string // signed, or a dash
	Coverage      coverageCell
	Flags         []string
	Status        string // met, missed or none
	Mark          string
	// The words of the marks, in the page's language, for the template
	// that writes the cells.
	PartialText, ProratedText, ProratedTitle string
}

// serveReport serves "/report".
func (d *dashboard) serveReport(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	q := r.URL.Query()
	if q.Get("period") == "" && d.opts.DefaultPeriod.IsValid() {
		// The notification is monthly: default to the month of the
		// default period.
		q.Set("period", reportMonth(d.opts.DefaultPeriod, d.opts.DefaultPeriod).String())
	}
	s, perr := d.readState(q, lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	if s.Period.Type() != healthedu.PeriodMonth {
		d.renderParamError(w, r, lang, &paramError{Param: "period", Key: "errorMonth", Value: q.Get("period")})
		return
	}
	s.Indicator = ""

	var m wire.Monthly
	qs := url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}
	if err := d.api.get(ctx, r, lang, "/v1/reports/monthly", qs, &m); err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}

	p := reportPage{
		Under:          m.Under,
		PeriodName:     lang.periodName(s.Period),
		Deadline:       m.Deadline.String(),
		DeadlineText:   lang.dateName(m.Deadline.String()),
		AsOf:           m.AsOf.Format(time.RFC3339Nano),
		AsOfText:       lang.timeName(m.AsOf.Format(time.RFC3339Nano)),
		ReportingLevel: lang.levelName(levelText(m.ReportingLevel)),
		Due:            m.Due,
		Colon:          lang.colon(),
		BackURL:        s.indexURL(),
		PrevYearURL:    s.withPeriod(periodShiftYear(s.Period, -1)).reportURL(),
		NextYearURL:    s.withPeriod(periodShiftYear(s.Period, +1)).reportURL(),
	}
	if p.Under.Name == "" {
		p.Under.Name = s.Division.String()
	}
	if !p.Under.Code.IsValid() {
		p.Under.Code = s.Division
	}
	p.Heading = lang.sprintf("reportHeading", p.Under.Name, p.PeriodName)
	p.frame = newFrame("report", r, lang, p.Heading)
	p.State = s

	if p.Due {
		p.addRanking(lang, &m)
	} else {
		p.addEarly(lang, &m)
	}

	p.OwnHeading = lang.sprintf("ownIndicators", p.Under.Name)
	for _, mi := range m.Indicators {
		p.Own = append(p.Own, lang.indicatorLine(mi))
	}
	for _, mi := range m.BelowTarget {
		p.BelowTarget = append(p.BelowTarget, lang.indicatorLine(mi))
	}
	for _, mi := range m.Flagged {
		p.Flagged = append(p.Flagged, lang.indicatorLine(mi))
	}
	p.addProposed(lang, &m)
	for mo := range healthedu.YearPeriod(s.Period.Year()).Sub(healthedu.PeriodMonth) {
		p.MonthOptions = append(p.MonthOptions, option{Value: mo.String(), Label: lang.periodName(mo), Selected: mo == s.Period})
	}
	d.render(w, r, http.StatusOK, "report", p)
}

// addRanking adds what the notification m of a month due shows: the
// ranking of its divisions and their total, and those that did not
// report, also grouped by county.
func (p *reportPage) addRanking(lang uiLang, m *wire.Monthly) {
	for _, row := range m.Divisions {
		p.Rows = append(p.Rows, newReportRow(row))
	}
	p.Total = newReportRow(monthlyTotal(m))
	p.Total.Name = lang.T()["total"]
	p.NotReported = m.NotReported
	if len(m.NotReported) > 0 {
		p.NotReportedCount = lang.sprintf("notReportedCount", groupDigits(int64(len(m.NotReported))))
	}
	for _, c := range m.NotReportedByCounty {
		p.Counties = append(p.Counties, countyGroup{
			County:    c.County.String(),
			Heading:   lang.sprintf("countyCount", cmp.Or(c.Name, c.County.String()), groupDigits(int64(c.Count))),
			Divisions: c.Divisions,
		})
	}
}

// addEarly adds what the notification m of a month not yet due shows:
// that it is not due, and the reports received early, by division and in
// total.
func (p *reportPage) addEarly(lang uiLang, m *wire.Monthly) {
	p.NotDueText = lang.sprintf("notDue", p.PeriodName, p.DeadlineText)
	if m.ReceivedEarly != nil {
		p.EarlyText = lang.sprintf("receivedEarly", cmp.Or(p.AsOfText, p.DeadlineText), groupDigits(*m.ReceivedEarly), groupDigits(int64(m.Reporters)))
		p.EarlyTotal = earlyRow{Name: lang.T()["total"], Reporters: groupDigits(int64(m.Reporters)), Early: groupDigits(*m.ReceivedEarly)}
	}
	for _, row := range m.Divisions {
		e := earlyRow{Division: row.Division.String(), Name: row.Name, Reporters: groupDigits(int64(row.Reporters)), Early: "—"}
		if row.ReceivedEarly != nil {
			e.Early = groupDigits(*row.ReceivedEarly)
		}
		p.Early = append(p.Early, e)
	}
}

// indicatorLine makes an indicator of the notification ready to show in
// language l.
func (l uiLang) indicatorLine(mi wire.MonthlyIndicator) indicatorLine {
	line := indicatorLine{
		Division:      mi.Division.String(),
		Name:          cmp.Or(mi.Name, mi.Division.String()),
		Indicator:     mi.Indicator,
		IndicatorName: cmp.Or(mi.IndicatorName, mi.Indicator),
		Value:         orDash(groupDecimal(textOf(mi.Value)), ""),
		Target:        targetText(mi.Direction, groupDecimal(mi.Target)),
		Prorated:      mi.TargetProrated && mi.Target != "",
		Gap:           signed(mi.Gap),
		Previous:      "—",
		Change:        "—",
		Coverage:      l.coverageOf(mi.Coverage, mi.Value != nil),
		Flags:         flagMessages(mi.Flags, mi.FlagIssues),
		Status:        "none",
		PartialText:   l.T()["partial"],
		ProratedText:  l.T()["prorated"],
		ProratedTitle: l.T()["proratedTitle"],
	}
	if mi.Value == nil {
		line.Reason = l.reasonText(mi.Reason)
	}
	if mi.Previous != nil {
		line.Previous = groupDecimal(*mi.Previous)
	}
	if mi.Change != nil {
		line.Change = signed(*mi.Change)
	}
	switch {
	case mi.Met != nil && *mi.Met:
		line.Status, line.Mark = "met", "✓"
	case mi.Met != nil:
		line.Status, line.Mark = "missed", "✗"
	}
	return line
}

// newReportRow makes a line of the notification ready to show.
func newReportRow(m wire.MonthlyDivision) reportRow {
	r := reportRow{
		Division:     m.Division.String(),
		Name:         m.Name,
		Rank:         "—",
		Expected:     groupDigits(m.Expected),
		Received:     groupDigits(m.Received),
		OnTime:       groupDigits(m.OnTime),
		Completeness: orDash(m.Completeness, ""),
		Timeliness:   orDash(m.Timeliness, ""),
	}
	if !m.Division.IsValid() {
		r.Division = ""
	}
	if m.Rank > 0 {
		r.Rank = strconv.Itoa(m.Rank)
	}
	return r
}

// timeName writes an RFC 3339 instant as people read it, in China
// Standard Time, to the minute: "2025年11月6日 12:00", "6 November 2025,
// 12:00"; "" for "", and anything else as it is.
func (l uiLang) timeName(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	t = t.In(healthedu.ChinaStandardTime)
	day := l.dateName(t.Format(time.DateOnly))
	if l == langEn {
		return day + ", " + t.Format("15:04")
	}
	return day + " " + t.Format("15:04")
}

// dateName writes a date given as YYYY-MM-DD as people read it:
// "2025年11月10日", "10 November 2025"; anything else as it is.
func (l uiLang) dateName(s string) string {
	d, err := healthedu.ParseDate(s)
	if err != nil {
		return s
	}
	if l == langEn {
		return strconv.Itoa(d.Day()) + " " + d.Month().String() + " " + strconv.Itoa(d.Year())
	}
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}
