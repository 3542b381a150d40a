package dashboard

import (
	"context"
	"math"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The trend page (趋势), "/trend": one indicator of one division over the
// months of a year (by=month, the default, with year=2025) or over the
// quarters of several years (by=quarter, with from and to, each a year or
// a quarter: from=2023&to=2025Q3). A line chart draws the values, the
// previous year's values at the same places and the target; the table
// beside it gives each period's value, its change from the period before
// (环比) and from the same period a year before (同比), and its coverage.
//
// The change of a rate given as a percentage is the difference in
// percentage points (个百分点); of another ratio, such as lectures per
// institution, the difference in its own unit; of a count, the relative
// change in per cent, none when the earlier count is 0. A period without a
// value shows why (无数据, not yet due, could not be loaded), never 0, and
// has no change. Each period is one call of GET /v1/indicators for the one
// indicator, at most trendMaxCalls at once; a period whose end is after
// Options.DefaultPeriod's is not due and not asked for.

// trendMaxQuarters bounds the quarters of one trend: four years.
const trendMaxQuarters = 16

// trendMaxCalls bounds the calls of the API made at once for a trend.
const trendMaxCalls = 6

// trendQuery is what the trend page shows, as its query says it.
type trendQuery struct {
	State     pageState        // division, indicator and language; Period is the year shown
	ByQuarter bool             // quarters from From to To, else the months of State.Period
	From, To  healthedu.Period // quarters
}

// series returns the periods the trend shows, in order.
func (t trendQuery) series() []healthedu.Period {
	var out []healthedu.Period
	if !t.ByQuarter {
		for m := range t.State.Period.Sub(healthedu.PeriodMonth) {
			out = append(out, m)
		}
		return out
	}
	for q := t.From; q.IsValid() && q.Compare(t.To) <= 0; q = q.Next() {
		out = append(out, q)
	}
	return out
}

// query returns the parameters that reproduce t.
func (t trendQuery) query() url.Values {
	q := url.Values{}
	q.Set("division", t.State.Division.String())
	if t.State.Indicator != "" {
		q.Set("indicator", t.State.Indicator)
	}
	if t.ByQuarter {
		q.Set("by", "quarter")
		q.Set("from", t.From.String())
		q.Set("to", t.To.String())
	} else {
		q.Set("year", strconv.Itoa(t.State.Period.Year()))
	}
	q.Set("lang", t.State.Lang.String())
	return q
}

// url returns the link to the trend page showing t.
func (t trendQuery) url() string { return "trend?" + t.query().Encode() }

// TrendURLFor returns the link to the trend of indicator over the months
// of the year of s, for the start page.
func (s pageState) TrendURLFor(indicator string) string {
	t := trendQuery{State: s}
	t.State.Indicator = indicator
	t.State.Period = healthedu.YearPeriod(s.Period.Year())
	return t.url()
}

// readTrend reads the trend page's query, falling back to the options.
func (d *dashboard) readTrend(q url.Values, lang uiLang) (trendQuery, *paramError) {
	base := url.Values{"division": q["division"], "indicator": q["indicator"], "period": q["year"]}
	s, perr := d.readState(base, lang)
	if perr != nil {
		if perr.Param == "period" {
			perr.Param = "year"
		}
		return trendQuery{}, perr
	}
	t := trendQuery{State: s}
	year := s.Period.Year()
	if v := q.Get("year"); v != "" {
		p, err := healthedu.ParsePeriod(v)
		if err != nil {
			return t, &paramError{Param: "year", Err: err}
		}
		if p.Type() != healthedu.PeriodYear {
			return t, &paramError{Param: "year", Key: "errorTrendYear", Value: v}
		}
		year = p.Year()
	}
	t.State.Period = healthedu.YearPeriod(year)
	switch by := q.Get("by"); by {
	case "", "month":
	case "quarter":
		t.ByQuarter = true
	default:
		return t, &paramError{Param: "by", Key: "errorTrendBy", Value: by}
	}
	if !t.ByQuarter {
		return t, nil
	}
	t.From = healthedu.YearPeriod(year).Add(-2)
	t.To = healthedu.YearPeriod(year)
	for _, f := range []struct {
		name string
		p    *healthedu.Period
	}{{"from", &t.From}, {"to", &t.To}} {
		if v := q.Get(f.name); v != "" {
			p, err := healthedu.ParsePeriod(v)
			if err != nil {
				return t, &paramError{Param: f.name, Err: err}
			}
			if p.Type() != healthedu.PeriodYear && p.Type() != healthedu.PeriodQuarter {
				return t, &paramError{Param: f.name, Key: "errorTrendQuarter", Value: v}
			}
			*f.p = p
		}
	}
	// A year stands for its first quarter in from, its last in to.
	t.From, _ = firstQuarter(t.From)
	t.To = lastQuarter(t.To)
	n := 0
	for q := t.From; q.IsValid() && q.Compare(t.To) <= 0; q = q.Next() {
		n++
	}
	if n == 0 || n > trendMaxQuarters {
		return t, &paramError{Param: "to", Key: "errorTrendRange", Value: strconv.Itoa(trendMaxQuarters)}
	}
	t.State.Period = healthedu.YearPeriod(t.To.Year())
	return t, nil
}

// firstQuarter returns the first quarter of p, a year or a quarter.
func firstQuarter(p healthedu.Period) (healthedu.Period, bool) {
	for q := range p.Sub(healthedu.PeriodQuarter) {
		return q, true
	}
	return p, false
}

// lastQuarter returns the last quarter of p, a year or a quarter.
func lastQuarter(p healthedu.Period) healthedu.Period {
	last := p
	for q := range p.Sub(healthedu.PeriodQuarter) {
		last = q
	}
	return last
}

// A trendInput is what the API said of the indicator in one period.
type trendInput struct {
	NotDue bool               // the period's reports are not yet due: not asked
	Failed bool               // the API could not give it
	Row    *wire.IndicatorRow // the answer's row for the indicator, nil when there is none
}

// trendKind is how a trend's changes are counted.
type trendKind int

const (
	trendPercent trendKind = iota // a rate in per cent: changes in percentage points
	trendRatio                    // another ratio: changes in its own unit
	trendCount                    // a count: relative changes in per cent
)

// A trendPoint is one period of a trend, computed exactly from the API's
// values: the changes are decimal strings, "" when there is none.
type trendPoint struct {
	Period   healthedu.Period
	Input    trendInput
	Value    string // as the API wrote it; "" without a value
	LastYear string // the value of the same period a year before, ""
	Change   string // from the period before
	YoY      string // from the same period a year before
}

// computeTrend returns the points of the periods of series, from the
// answers in (which hold the period before the first and those a year
// before each, when asked), and how their changes are counted.
func computeTrend(series []healthedu.Period, in map[healthedu.Period]trendInput) ([]trendPoint, trendKind) {
	kind := trendKindOf(in)
	value := func(p healthedu.Period) string {
		if x := in[p]; x.Row != nil && x.Row.Value != nil {
			return *x.Row.Value
		}
		return ""
	}
	var out []trendPoint
	for _, p := range series {
		prev := p.Add(-1)
		yearAgo := p.Add(-periodsPerYear(p))
		pt := trendPoint{Period: p, Input: in[p], Value: value(p), LastYear: value(yearAgo)}
		pt.Change = trendChange(kind, value(prev), pt.Value)
		pt.YoY = trendChange(kind, pt.LastYear, pt.Value)
		out = append(out, pt)
	}
	return out, kind
}

// periodsPerYear returns how many periods of p's type make a year.
func periodsPerYear(p healthedu.Period) int {
	switch p.Type() {
	case healthedu.PeriodMonth:
		return 12
	case healthedu.PeriodQuarter:
		return 4
	case healthedu.PeriodHalfYear:
		return 2
	}
	return 1
}

// trendKindOf tells, from the first answer with a value, how the
// indicator's changes are counted: a count is its numerator over 1; a
// value that is its numerator over its denominator times 100, to the
// value's decimals, is a percentage; any other value a ratio.
func trendKindOf(in map[healthedu.Period]trendInput) trendKind {
	// Go over the periods in order, so that the answer does not depend on
	// the map's.
	var ps []healthedu.Period
	for p := range in {
		ps = append(ps, p)
	}
	sortPeriods(ps)
	for _, p := range ps {
		r := in[p].Row
		if r == nil || r.Value == nil || r.Numerator == nil || r.Denominator == nil || *r.Denominator == 0 {
			continue
		}
		if isCount(*r) {
			return trendCount
		}
		v, ok := new(big.Rat).SetString(*r.Value)
		if !ok {
			continue
		}
		pct := new(big.Rat).SetFrac(big.NewInt(*r.Numerator*100), big.NewInt(*r.Denominator))
		diff := new(big.Rat).Sub(pct, v)
		half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimalsOf(*r.Value))), nil)))
		if diff.Abs(diff).Cmp(half) <= 0 {
			return trendPercent
		}
		return trendRatio
	}
	return trendPercent
}

// sortPeriods sorts ps in time.
func sortPeriods(ps []healthedu.Period) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Compare(ps[j-1]) < 0; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// trendChange returns the change from before to now, both values as the
// API wrote them, counted as kind says: exact, to the values' decimals for
// a difference, to one decimal for a relative change (rounded half away
// from zero). It is "" when either is missing, or for a count when before
// is 0.
func trendChange(kind trendKind, before, now string) string {
	b, okB := new(big.Rat).SetString(before)
	n, okN := new(big.Rat).SetString(now)
	if before == "" || now == "" || !okB || !okN {
		return ""
	}
	d := new(big.Rat).Sub(n, b)
	if kind == trendCount {
		if b.Sign() == 0 {
			return ""
		}
		return d.Mul(d, big.NewRat(100, 1)).Quo(d, b).FloatString(1)
	}
	return d.FloatString(max(decimalsOf(before), decimalsOf(now)))
}

// decimalsOf returns the number of digits after the point of a decimal
// string.
func decimalsOf(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// trendPage is the trend page.
type trendPage struct {
	frame
	Query            trendQuery
	Division         wire.Division
	Breadcrumb       []navLink
	Heading          string
	Indicator        string // code
	Name             string // the indicator's name
	Notice           string // why there is no trend, when there is none
	Search           searchForm
	IndicatorOptions []option
	YearOptions      []option
	FromOptions      []option
	ToOptions        []option
	MonthURL         string // the months of the year
	QuarterURL       string // the quarters of three years
	IndexURL         string // the start page of the division and year
	PrevURL, NextURL string // a year earlier, later
	Chart            *trendChart
	Rows             []trendRow
	ColChange        string
	ColYoY           string
	ChangeNote       string
	Target           string // the target, when the same throughout
	Colon            string
}

// A trendRow is one period of the table beside the chart.
type trendRow struct {
	Period   string // 202510
	Name     string
	Short    string // the name in the table: a month without its year, which the heading gives
	State    string // value, none (no value), not-due or failed
	Value    string // grouped, or a dash
	Reason   string // why there is no value
	Change   string // signed, with its unit, or a dash
	LastYear string
	YoY      string
	Coverage coverageCell
	Target   string
	Prorated bool
	Status   string // met, missed, none
	Mark     string
	Flags    []string
}

// serveTrend serves "/trend".
func (d *dashboard) serveTrend(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	t, perr := d.readTrend(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	series := t.series()
	due := func(p healthedu.Period) bool {
		def := d.opts.DefaultPeriod
		return !def.IsValid() || !p.End().After(def.End())
	}
	// The indicators, for the picker and the default, from the last period
	// due (or the last period), with the division.
	anchor := series[len(series)-1]
	for i := len(series) - 1; i >= 0; i-- {
		if due(series[i]) {
			anchor = series[i]
			break
		}
	}
	var divs wire.Divisions
	var list wire.Indicators
	var divsErr, listErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		divsErr = d.api.get(ctx, r, lang, "/v1/divisions", url.Values{"under": {t.State.Division.String()}}, &divs)
	})
	wg.Go(func() {
		listErr = d.api.get(ctx, r, lang, "/v1/indicators", url.Values{"under": {t.State.Division.String()}, "period": {anchor.String()}}, &list)
	})
	wg.Wait()
	if divsErr != nil {
		d.renderAPIError(w, r, lang, divsErr)
		return
	}
	if listErr != nil {
		d.renderAPIError(w, r, lang, listErr)
		return
	}
	p := d.newTrendPage(r, lang, t, divs, list.Rows)
	if p.Indicator != "" {
		in := d.fetchTrend(ctx, r, lang, t.State.Division, p.Indicator, series, due)
		points, kind := computeTrend(series, in)
		p.addTrend(lang, t, points, kind)
	}
	d.render(w, r, http.StatusOK, "trend", p)
}

// fetchTrend asks the API for indicator in division over the periods of
// series that are due, the period before the first and the periods a year
// before each, at most trendMaxCalls at once.
func (d *dashboard) fetchTrend(ctx context.Context, r *http.Request, lang uiLang, division healthedu.DivisionCode, indicator string, series []healthedu.Period, due func(healthedu.Period) bool) map[healthedu.Period]trendInput {
	want := map[healthedu.Period]bool{}
	for i, p := range series {
		want[p] = true
		want[p.Add(-periodsPerYear(p))] = true
		if i == 0 {
			want[p.Add(-1)] = true
		}
	}
	in := make(map[healthedu.Period]trendInput, len(want))
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, trendMaxCalls)
	for p := range want {
		if !p.IsValid() {
			continue
		}
		if !due(p) {
			mu.Lock()
			in[p] = trendInput{NotDue: true}
			mu.Unlock()
			continue
		}
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			var res wire.Indicators
			q := url.Values{"under": {division.String()}, "period": {p.String()}, "indicators": {indicator}}
			x := trendInput{}
			if err := d.api.get(ctx, r, lang, "/v1/indicators", q, &res); err != nil {
				d.logAPIFailure(r, err)
				x.Failed = true
			} else {
				for i := range res.Rows {
					if res.Rows[i].Indicator == indicator && res.Rows[i].Division == division {
						x.Row = &res.Rows[i]
					}
				}
			}
			mu.Lock()
			in[p] = x
			mu.Unlock()
		})
	}
	wg.Wait()
	return in
}

// newTrendPage returns the trend page of t, without its trend: the
// division, its place, the pickers, and the indicator shown (the one the
// query names, else the default, else the first with a value).
func (d *dashboard) newTrendPage(r *http.Request, lang uiLang, t trendQuery, divs wire.Divisions, rows []wire.IndicatorRow) trendPage {
	msg := lang.T()
	p := trendPage{Query: t, Division: divs.Division, Colon: lang.colon()}
	if p.Division.Name == "" {
		p.Division.Name = t.State.Division.String()
	}
	for _, a := range divs.Ancestors {
		if a.Code.IsValid() && a.Code.Contains(t.State.Division) {
			at := t
			at.State.Division = a.Code
			p.Breadcrumb = append(p.Breadcrumb, navLink{Code: a.Code.String(), Name: a.Name, URL: at.url()})
		}
	}
	var chosen *wire.IndicatorRow
	for i, row := range rows {
		if row.Indicator == t.State.Indicator {
			chosen = &rows[i]
		}
	}
	if chosen == nil && t.State.Indicator != "" && t.State.Indicator != d.opts.Indicator {
		p.Notice = lang.sprintf("indicatorNotFound", t.State.Indicator)
	} else if chosen == nil {
		for i, row := range rows {
			if row.Value != nil && chosen == nil {
				chosen = &rows[i]
			}
		}
		if chosen == nil && len(rows) > 0 {
			chosen = &rows[0]
		}
	}
	if chosen != nil {
		p.Indicator, p.Name = chosen.Indicator, chosen.IndicatorName
		t.State.Indicator = chosen.Indicator
		p.Query = t
	} else if p.Notice == "" {
		p.Notice = msg["noIndicators"]
	}
	for _, row := range rows {
		p.IndicatorOptions = append(p.IndicatorOptions, option{Value: row.Indicator, Label: row.IndicatorName, Selected: row.Indicator == p.Indicator})
	}

	span := lang.periodName(t.State.Period)
	if t.ByQuarter {
		span = lang.sprintf("trendSpan", lang.periodName(t.From), lang.periodName(t.To))
	}
	p.Heading = lang.sprintf("trendHeading", p.Division.Name, span)
	if p.Name != "" {
		p.Heading = lang.sprintf("trendHeadingOf", p.Name, p.Division.Name, span)
	}
	p.frame = newFrame("trend", r, lang, p.Heading+" · "+msg["appName"])
	p.State = t.State
	p.Search = newSearchForm("trend", lang, p.Query.query())

	latest := d.opts.DefaultPeriod
	p.YearOptions = yearChoices(t.State.Period.Year(), latest, lang)
	if t.ByQuarter {
		p.FromOptions = yearChoices(t.From.Year(), latest, lang)
		p.ToOptions = yearChoices(t.To.Year(), latest, lang)
		for i := range p.FromOptions {
			p.FromOptions[i].Selected = p.FromOptions[i].Value == strconv.Itoa(t.From.Year())
		}
	}
	months, quarters := p.Query, p.Query
	months.ByQuarter = false
	quarters.ByQuarter = true
	quarters.To = lastQuarter(t.State.Period)
	quarters.From = healthedu.YearPeriod(t.State.Period.Year() - 2)
	quarters.From, _ = firstQuarter(quarters.From)
	p.MonthURL, p.QuarterURL = months.url(), quarters.url()
	prev, next := p.Query, p.Query
	if t.ByQuarter {
		prev.From, prev.To = t.From.Add(-4), t.To.Add(-4)
		next.From, next.To = t.From.Add(4), t.To.Add(4)
	}
	prev.State.Period = periodShiftYear(t.State.Period, -1)
	next.State.Period = periodShiftYear(t.State.Period, +1)
	if prev.State.Period != t.State.Period && (!t.ByQuarter || prev.From.IsValid()) {
		p.PrevURL = prev.url()
	}
	if next.State.Period != t.State.Period && (!t.ByQuarter || next.To.IsValid()) {
		p.NextURL = next.url()
	}
	is := t.State
	is.Period = t.State.Period
	if !t.ByQuarter && latest.IsValid() && latest.Year() == is.Period.Year() {
		is.Period = latest
	}
	is.Indicator = p.Indicator
	p.IndexURL = is.indexURL()
	return p
}

// addTrend adds the chart and the table of points, whose changes are
// counted as kind says.
func (p *trendPage) addTrend(lang uiLang, t trendQuery, points []trendPoint, kind trendKind) {
	msg := lang.T()
	unit := map[trendKind]string{trendPercent: msg["unitPoints"], trendRatio: "", trendCount: msg["unitPercent"]}[kind]
	if t.ByQuarter {
		p.ColChange, p.ColYoY = msg["colQoQ"]+unit, msg["colYoYQuarter"]+unit
	} else {
		p.ColChange, p.ColYoY = msg["colMoM"]+unit, msg["colYoY"]+unit
	}
	p.ChangeNote = msg[map[trendKind]string{trendPercent: "trendNotePercent", trendRatio: "trendNoteRatio", trendCount: "trendNoteCount"}[kind]]
	suffix := ""
	if kind == trendCount {
		suffix = "%"
	}
	change := func(s string) string {
		if s == "" {
			return "—"
		}
		return signed(s) + suffix
	}
	hasValue := false
	targets := map[string]bool{}
	for _, pt := range points {
		tr := trendRow{Period: pt.Period.String(), Name: lang.periodName(pt.Period), Short: lang.periodName(pt.Period), Value: "—", Change: change(pt.Change), YoY: change(pt.YoY),
			LastYear: "—", Status: "none"}
		if pt.LastYear != "" {
			tr.LastYear = groupDecimal(pt.LastYear)
		}
		if !t.ByQuarter {
			tr.Short = lang.monthName(pt.Period)
		}
		row := pt.Input.Row
		switch {
		case pt.Input.NotDue:
			tr.State, tr.Reason = "not-due", msg["lineNotDue"]
		case pt.Input.Failed:
			tr.State, tr.Reason = "failed", msg["trendUnavailable"]
		case row == nil:
			tr.State, tr.Reason = "none", msg["reasonNoData"]
		case row.Value == nil:
			tr.State, tr.Reason = "none", lang.reasonText(row.Reason)
		default:
			tr.State, tr.Value = "value", groupDecimal(*row.Value)
			hasValue = true
		}
		if row != nil {
			tr.Coverage = lang.coverageOf(row.Coverage, row.Value != nil)
			tr.Flags = flagMessages(row.Flags, row.FlagIssues)
			tr.Target = targetText(row.Direction, groupDecimal(textOf(row.Target)))
			tr.Prorated = row.TargetProrated && row.Target != nil
			targets[tr.Target] = true
			switch {
			case row.Met != nil && *row.Met:
				tr.Status, tr.Mark = "met", "✓"
			case row.Met != nil:
				tr.Status, tr.Mark = "missed", "✗"
			}
		}
		p.Rows = append(p.Rows, tr)
	}
	if len(targets) == 1 {
		for t := range targets {
			p.Target = t
		}
	}
	if !hasValue {
		p.Notice = msg["trendNone"]
		return
	}
	p.Chart = newTrendChart(lang, t, p.Name, points)
}

// trendChart geometry, in the units of its viewBox: narrower than the
// other charts, so that its texts stay legible on a phone.
const (
	trendWidth  = 560
	trendLeft   = 44.0
	trendRight  = 12.0
	trendTop    = 22.0
	trendPlot   = 200.0
	trendBottom = 40.0
)

// A trendChart is an indicator over the periods of a trend: its values,
// those of a year before and its target.
type trendChart struct {
	Title, Desc   string
	Width, Height int
	Left, Right   float64
	Ticks         []chartTick
	Points        []trendChartPoint
	Lines         []string // the values, one polyline per run of periods with a value
	PrevLines     []string // the values a year before
	TargetLines   []string // the targets
	ShowValues    bool     // room for the values above the points
}

// A trendChartPoint is one period of the chart.
type trendChartPoint struct {
	Period        string
	Label, Label2 string // the period on the axis, two lines
	Value         string // "" without one
	Text          string // the value shown, grouped
	Title         string
	X, Y          float64 // Y is the baseline without a value
	HasPrev       bool
	PrevY         float64
	LabelY        float64
	ValueY        float64
	Class         string // met, missed or plain
}

// newTrendChart lays out the points of a trend.
func newTrendChart(lang uiLang, t trendQuery, name string, points []trendPoint) *trendChart {
	msg := lang.T()
	c := &trendChart{
		Title:      name,
		Desc:       msg["trendDesc"],
		Width:      trendWidth,
		Height:     int(trendTop + trendPlot + trendBottom),
		Left:       trendLeft,
		Right:      trendWidth - trendRight,
		ShowValues: len(points) <= 12,
	}
	lo, hi, any := 0.0, 0.0, false
	see := func(s string) {
		if v, ok := chartValue(s); ok {
			if !any {
				lo, hi, any = v, v, true
			}
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	for _, pt := range points {
		see(pt.Value)
		see(pt.LastYear)
		if r := pt.Input.Row; r != nil {
			see(textOf(r.Target))
		}
	}
	lo, hi = trendScale(lo, hi)
	y := func(v float64) float64 { return chartRound(trendTop + trendPlot*(hi-v)/(hi-lo)) }
	for i := range 5 {
		v := lo + (hi-lo)*float64(i)/4
		c.Ticks = append(c.Ticks, chartTick{Pos: y(v), Label: chartNumber(v)})
	}
	step := (c.Right - c.Left) / float64(max(len(points), 1))
	var run, prevRun, targetRun []string
	flush := func(run *[]string, lines *[]string) {
		if len(*run) > 1 {
			*lines = append(*lines, strings.Join(*run, " "))
		}
		*run = (*run)[:0]
	}
	for i, pt := range points {
		cp := trendChartPoint{Period: pt.Period.String(), Class: "plain"}
		cp.X = chartRound(c.Left + step*(float64(i)+0.5))
		cp.LabelY = trendTop + trendPlot + 16
		if t.ByQuarter {
			cp.Label = "Q" + strconv.Itoa(periodIndex(pt.Period, healthedu.PeriodQuarter))
			if i == 0 || periodIndex(pt.Period, healthedu.PeriodQuarter) == 1 {
				cp.Label2 = strconv.Itoa(pt.Period.Year())
			}
		} else {
			cp.Label = lang.monthAbbr(pt.Period.Start().In(healthedu.ChinaStandardTime).Month())
		}
		xs := chartNumber(cp.X)
		if v, ok := chartValue(pt.Value); ok {
			cp.Value, cp.Text, cp.Y = pt.Value, groupDecimal(pt.Value), y(v)
			run = append(run, xs+","+chartNumber(cp.Y))
		} else {
			cp.Y = y(max(lo, 0))
			flush(&run, &c.Lines)
		}
		if v, ok := chartValue(pt.LastYear); ok {
			cp.HasPrev, cp.PrevY = true, y(v)
			prevRun = append(prevRun, xs+","+chartNumber(cp.PrevY))
		} else {
			flush(&prevRun, &c.PrevLines)
		}
		if r := pt.Input.Row; r != nil {
			if v, ok := chartValue(textOf(r.Target)); ok {
				targetRun = append(targetRun, xs+","+chartNumber(y(v)))
			} else {
				flush(&targetRun, &c.TargetLines)
			}
			if r.Met != nil {
				cp.Class = map[bool]string{true: "met", false: "missed"}[*r.Met]
			}
		} else {
			flush(&targetRun, &c.TargetLines)
		}
		cp.ValueY = chartRound(cp.Y - 8)
		cp.Title = lang.periodName(pt.Period) + lang.colon() + orDash(groupDecimal(pt.Value), "")
		if pt.LastYear != "" {
			cp.Title += lang.paren(lang.sprintf("trendLastYear", groupDecimal(pt.LastYear)))
		}
		c.Points = append(c.Points, cp)
	}
	flush(&run, &c.Lines)
	flush(&prevRun, &c.PrevLines)
	flush(&targetRun, &c.TargetLines)
	return c
}

// trendScale returns the ends of the vertical scale of a trend whose
// values lie from lo to hi: four steps of a nice size (1, 2, 2.5 or 5
// times a power of ten) that hold them, from 0 when the values come near
// it, so that the changes between periods show.
func trendScale(lo, hi float64) (float64, float64) {
	if hi <= lo {
		if hi == 0 {
			return 0, 1
		}
		lo, hi = lo-math.Abs(lo)/10, hi+math.Abs(hi)/10
	}
	step := chartNiceCeil((hi - lo) / 4)
	for {
		a := math.Floor(lo/step) * step
		if a > 0 && a < 2*step {
			a = 0
		}
		if b := a + 4*step; b >= hi {
			return a, b
		}
		step = chartNiceCeil(step * 1.01)
	}
}

// monthName returns the month p without its year: "10月", "October".
func (l uiLang) monthName(p healthedu.Period) string {
	m := p.Start().In(healthedu.ChinaStandardTime).Month()
	if l == langEn {
		return m.String()
	}
	return strconv.Itoa(int(m)) + "月"
}
