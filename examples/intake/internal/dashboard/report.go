package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// reportPage is the monthly notification (月通报), laid out for A4.
type reportPage struct {
	frame
	Heading        string
	Under          apiDivision
	PeriodName     string
	Deadline       string // as the API wrote it, for <time datetime>
	DeadlineText   string // as people read it
	ReportingLevel string
	Rows           []reportRow
	Total          reportRow
	NotReported    []apiMonthlyMissing
	BelowTarget    []apiMonthlyBelow // Target with its direction: "≥ 25"
	BackURL        string
	MonthOptions   []option
	PrevYearURL    string
	NextYearURL    string
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

	var m apiMonthly
	qs := url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}
	if err := d.api.get(ctx, r, lang, "/v1/reports/monthly", qs, &m); err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}

	msg := lang.T()
	p := reportPage{
		Under:          m.Under,
		PeriodName:     lang.periodName(s.Period),
		Deadline:       m.Deadline,
		DeadlineText:   lang.dateName(m.Deadline),
		ReportingLevel: lang.levelName(m.ReportingLevel),
		NotReported:    m.NotReported,
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
	for _, row := range m.Divisions {
		p.Rows = append(p.Rows, newReportRow(row))
	}
	for _, b := range m.BelowTarget {
		b.Target = targetText(b.Direction, b.Target)
		p.BelowTarget = append(p.BelowTarget, b)
	}
	p.Total = newReportRow(monthlyTotal(&m))
	p.Total.Name = msg["total"]
	for mo := range healthedu.YearPeriod(s.Period.Year()).Sub(healthedu.PeriodMonth) {
		p.MonthOptions = append(p.MonthOptions, option{Value: mo.String(), Label: lang.periodName(mo), Selected: mo == s.Period})
	}
	d.render(w, r, http.StatusOK, "report", p)
}

// newReportRow makes a line of the notification ready to show.
func newReportRow(m apiMonthlyRow) reportRow {
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
