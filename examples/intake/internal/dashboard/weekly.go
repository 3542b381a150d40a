package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// weeklyPage is the weekly dispatch (周调度), laid out for A4 like the
// monthly notification: the week, the year's progress against each
// target, the monthly reports overdue, the rectification items of the
// week and the week's activities.
type weeklyPage struct {
	frame
	Heading    string
	Under      wire.Division
	Week       string // 2025W44, for data-period
	WeekName   string // 2025年第44周
	WeekText   string // 2025年第44周（2025年10月27日—11月2日）
	From, To   string // as the API wrote them, for <time datetime>
	AsOf       string // as the API wrote it
	AsOfText   string
	YearName   string
	InProgress string // the notice of a week not over, or ""

	ProgressHeading string
	Indicators      []weeklyIndicator // the columns of the progress
	Progress        []weeklyRow

	OverdueCount  string
	OverdueByArea []weeklyGroup
	// Above a county, past weeklyOverdueMax reports overdue: their
	// counts by the division directly below, in place of the list.
	OverdueByChild *weeklyChildren
	OverdueOmitted string

	ItemTables []weeklyItemTable // opened in the week, overdue, closed in the week

	Forms         []weeklyForm
	FormsTotal    weeklyForm
	ActivityCount int64

	BackURL, PrevURL, NextURL string
	PrevWeek, NextWeek        string
}

// A weeklyIndicator is a column of the progress: an indicator and its
// target, the same for every division.
type weeklyIndicator struct {
	Code, Name string
	Target     string // "≥ 85"
	Prorated   bool
}

// A weeklyRow is a division's line of the progress.
type weeklyRow struct {
	Division, Name string
	Own            bool // the division in view itself
	Cells          []weeklyCell
}

// A weeklyCell is one indicator of one division.
type weeklyCell struct {
	Indicator string
	Value     string // digits grouped, or a dash
	Reason    string // why there is no value
	Coverage  coverageCell
	Status    string // met, missed or none
	Mark      string
	Title     string // the value against its target, in words
	Partial   string // the word of a partial coverage
}

// A weeklyGroup is the reports overdue of a county, or of a division.
type weeklyGroup struct {
	Division string
	Heading  string // 东阿县（3份）
	Reports  []weeklyReport
}

// weeklyOverdueMax is the most monthly reports overdue the dispatch lists
// one by one. Past it, above a county, it counts them by the division
// directly below its own (a province's cities, a city's counties), each
// linking to that division's dispatch, where they are listed: the
// townships of a province that never report make tens of thousands of
// reports overdue over a year, megabytes that nobody reads there. 300
// reports take some 40 KB of HTML.
const weeklyOverdueMax = 300

// weeklyChildren is the table of the reports overdue by the division
// directly below the dispatch's.
type weeklyChildren struct {
	Caption string
	Rows    []weeklyChild
	Total   weeklyChild
}

// A weeklyChild is a division below the dispatch's, with its reports
// overdue, the reporting divisions they are of, and those of them due in
// the week.
type weeklyChild struct {
	Division, Name, URL      string
	Reports, Units, ThisWeek int
}

// ReportsText, UnitsText and ThisWeekText are c's counts, digits grouped.
func (c weeklyChild) ReportsText() string  { return groupDigits(int64(c.Reports)) }
func (c weeklyChild) UnitsText() string    { return groupDigits(int64(c.Units)) }
func (c weeklyChild) ThisWeekText() string { return groupDigits(int64(c.ThisWeek)) }

// groupOverdue counts the reports overdue by the division at level child
// that holds each (a report of a division above that level counts as its
// own), in the order of their codes, named by name and linked to by
// link, and their total.
func groupOverdue(reports []ledger.OverdueReport, child healthedu.DivisionLevel, name func(healthedu.DivisionCode) string, link func(healthedu.DivisionCode) string) (rows []weeklyChild, total weeklyChild) {
	divisions := make([]healthedu.DivisionCode, len(reports))
	for i, o := range reports {
		divisions[i] = o.Division
	}
	holders, of := byChild(divisions, child)
	for _, c := range holders {
		rows = append(rows, weeklyChild{Division: c.String(), Name: name(c), URL: link(c)})
	}
	units := map[healthedu.DivisionCode]bool{}
	for i, o := range reports {
		newUnit := !units[o.Division]
		units[o.Division] = true
		for _, ch := range []*weeklyChild{&rows[of[i]], &total} {
			ch.Reports++
			if newUnit {
				ch.Units++
			}
			if o.ThisWeek {
				ch.ThisWeek++
			}
		}
	}
	return rows, total
}

// A weeklyReport is a monthly report overdue.
type weeklyReport struct {
	Division, Month string
	Text            string // 新城街道 2025年9月（截止2025年10月10日）
	ThisWeek        bool
}

// A weeklyItemTable is a list of items of the dispatch: its table's id,
// heading and items, and whether it shows the days overdue.
type weeklyItemTable struct {
	ID, Heading string
	Items       []weeklyItem
	Overdue     bool
	T           map[string]string
}

// A weeklyItem is a rectification item of the dispatch, ready to show.
type weeklyItem struct {
	ID, Division, Name string
	Problem, Source    string
	Owner, Deadline    string
	Status, StatusCode string
	DaysOverdue        string
}

// A weeklyForm is a form of activity of the week.
type weeklyForm struct {
	Form, Name               string
	Activities, Participants string
}

// serveWeekly serves "/weekly": the weekly dispatch of the parameter
// division (or the default) for the week of period, an ISO week such as
// 2025W44; without period, the current week by the API's clock.
func (d *dashboard) serveWeekly(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	q := r.URL.Query()
	div := d.opts.Default
	if v := q.Get("division"); v != "" {
		c, err := healthedu.ParseDivisionCode(v)
		if err != nil {
			d.renderParamError(w, r, lang, &paramError{Param: "division", Err: err})
			return
		}
		div = c
	}
	if !div.IsValid() {
		d.renderParamError(w, r, lang, &paramError{Param: "division", Key: "errorNoDivision"})
		return
	}
	qs := url.Values{"under": {div.String()}}
	if v := q.Get("period"); v != "" {
		p, err := healthedu.ParsePeriod(v)
		if err != nil {
			d.renderParamError(w, r, lang, &paramError{Param: "period", Err: err})
			return
		}
		if p.Type() != healthedu.PeriodWeek {
			d.renderParamError(w, r, lang, &paramError{Param: "period", Key: "errorWeek", Value: v})
			return
		}
		qs.Set("period", p.String())
	}
	var wk wire.Weekly
	if err := d.api.get(ctx, r, lang, "/v1/reports/weekly", qs, &wk); err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}
	s := pageState{Division: div, Lang: lang}
	p := newWeeklyPage(lang, &wk, func(c healthedu.DivisionCode) string { return s.with(c).weeklyURL(wk.Week) })
	p.BackURL = s.indexURL()
	p.PrevWeek, p.PrevURL = wk.Week.Add(-1).String(), s.weeklyURL(wk.Week.Add(-1))
	if !wk.InProgress {
		// The next week has begun: the API answers for it.
		p.NextWeek, p.NextURL = wk.Week.Next().String(), s.weeklyURL(wk.Week.Next())
	}
	p.frame = newFrame("weekly", r, lang, p.Heading)
	p.State = s
	d.render(w, r, http.StatusOK, "weekly", p)
}

// weeklyURL links to the weekly dispatch of s's division for week.
func (s pageState) weeklyURL(week healthedu.Period) string {
	q := url.Values{"division": {s.Division.String()}, "lang": {s.Lang.String()}}
	if week.IsValid() {
		q.Set("period", week.String())
	}
	return "weekly?" + q.Encode()
}

// newWeeklyPage lays out the dispatch wk in language lang, linking to the
// dispatch of another division by link.
func newWeeklyPage(lang uiLang, wk *wire.Weekly, link func(healthedu.DivisionCode) string) weeklyPage {
	msg := lang.T()
	name := func(d healthedu.DivisionCode) string { return cmp.Or(wk.Names.Divisions[d], d.Short()) }
	p := weeklyPage{
		Under:    wire.Division{Code: wk.Under, Name: name(wk.Under), Level: wk.Under.Level()},
		Week:     wk.Week.String(),
		WeekName: lang.weekName(wk.Week),
		From:     wk.From.String(),
		To:       wk.To.String(),
		AsOf:     wk.AsOf.Format(time.RFC3339Nano),
		AsOfText: lang.timeName(wk.AsOf.Format(time.RFC3339Nano)),
		YearName: lang.periodName(wk.Year),
	}
	p.WeekText = lang.sprintf("weeklyWeekDates", p.WeekName, lang.dateRange(wk.From, wk.To))
	p.Heading = lang.sprintf("weeklyHeading", p.Under.Name, p.WeekName)
	if wk.InProgress {
		p.InProgress = lang.sprintf("weeklyInProgress", p.AsOfText)
	}

	// The progress: a row per division, a column per indicator.
	p.ProgressHeading = lang.sprintf("weeklyProgress", p.YearName)
	rows := map[healthedu.DivisionCode]int{}
	for _, res := range wk.Progress {
		i, ok := rows[res.Division]
		if !ok {
			i = len(p.Progress)
			rows[res.Division] = i
			p.Progress = append(p.Progress, weeklyRow{Division: res.Division.String(), Name: name(res.Division), Own: res.Division == wk.Under})
		}
		if i == 0 { // the first division's indicators are the columns
			p.Indicators = append(p.Indicators, weeklyIndicator{
				Code: res.Indicator, Name: cmp.Or(wk.Names.Indicators[res.Indicator], res.Indicator),
				Target: targetText(res.Direction, groupDecimal(textOf(res.Target))), Prorated: res.TargetProrated && res.Target != nil,
			})
		}
		p.Progress[i].Cells = append(p.Progress[i].Cells, lang.weeklyCell(res))
	}

	// The reports overdue, by county when the dispatch is above the
	// counties, else by division; above a county, when they are many,
	// counted by the division below instead.
	n := len(wk.OverdueReports)
	if n > 0 {
		p.OverdueCount = lang.sprintf("weeklyOverdueCount", groupDigits(int64(n)))
	}
	listed := wk.OverdueReports
	if level := wk.Under.Level(); level != 0 && level < healthedu.LevelCounty && n > weeklyOverdueMax {
		rows, total := groupOverdue(wk.OverdueReports, level+1, name, link)
		total.Name = msg["total"]
		p.OverdueByChild = &weeklyChildren{Caption: lang.sprintf("weeklyOverdueByChild", lang.levelName(levelText(level+1))), Rows: rows, Total: total}
		p.OverdueOmitted = lang.sprintf("weeklyOverdueOmitted", groupDigits(int64(n)), lang.levelName(levelText(level+1)))
		listed = nil
	}
	groups := map[healthedu.DivisionCode]int{}
	for _, o := range listed {
		key := o.Division
		if wk.Under.Level() < healthedu.LevelCounty && key.Level() > healthedu.LevelCounty {
			key = key.Truncate(healthedu.LevelCounty)
		}
		i, ok := groups[key]
		if !ok {
			i = len(p.OverdueByArea)
			groups[key] = i
			p.OverdueByArea = append(p.OverdueByArea, weeklyGroup{Division: key.String()})
		}
		text := lang.periodName(o.Month) + lang.sprintf("weeklyDeadlineOn", lang.dateName(o.Deadline.String()))
		if key != o.Division {
			text = name(o.Division) + " " + text
		}
		p.OverdueByArea[i].Reports = append(p.OverdueByArea[i].Reports, weeklyReport{
			Division: o.Division.String(), Month: o.Month.String(), Text: text, ThisWeek: o.ThisWeek,
		})
	}
	for i := range p.OverdueByArea {
		g := &p.OverdueByArea[i]
		c, _ := healthedu.ParseDivisionCode(g.Division)
		g.Heading = lang.sprintf("weeklyGroupCount", name(c), groupDigits(int64(len(g.Reports))))
	}

	// The items.
	for _, t := range []struct {
		id, key string
		lines   []ledger.ItemLine
	}{
		{"new-items", "weeklyNewItems", wk.NewItems},
		{"overdue-items", "weeklyOverdueItems", wk.OverdueItems},
		{"closed-items", "weeklyClosedItems", wk.ClosedItems},
	} {
		tab := weeklyItemTable{ID: t.id, Heading: lang.sprintf(t.key, groupDigits(int64(len(t.lines)))), Overdue: t.id == "overdue-items", T: msg}
		for _, l := range t.lines {
			tab.Items = append(tab.Items, lang.weeklyItem(wk, l, name(l.Division)))
		}
		p.ItemTables = append(p.ItemTables, tab)
	}

	// The activities.
	for _, f := range wk.Activities.ByForm {
		p.Forms = append(p.Forms, weeklyForm{Form: string(f.Form), Name: cmp.Or(wk.Names.Forms[f.Form], string(f.Form)),
			Activities: groupDigits(f.Activities), Participants: groupDigits(f.Participants)})
	}
	p.ActivityCount = wk.Activities.Activities
	p.FormsTotal = weeklyForm{Name: msg["total"], Activities: groupDigits(wk.Activities.Activities), Participants: groupDigits(wk.Activities.Participants)}
	return p
}

// weeklyCell makes an indicator of the progress ready to show in l.
func (l uiLang) weeklyCell(res wire.Result) weeklyCell {
	c := weeklyCell{
		Indicator: res.Indicator,
		Value:     orDash(groupDecimal(textOf(res.Value)), ""),
		Coverage:  l.coverageOf(res.Coverage, res.Value != nil),
		Status:    "none",
		Partial:   l.T()["partial"],
	}
	if res.Value == nil {
		c.Reason = l.reasonText(res.Reason)
	}
	switch {
	case res.Met != nil && *res.Met:
		c.Status, c.Mark, c.Title = "met", "✓", l.T()["met"]
	case res.Met != nil:
		c.Status, c.Mark, c.Title = "missed", "✗", l.T()["missed"]
	}
	return c
}

// weeklyItem makes an item of the dispatch wk ready to show in l.
func (l uiLang) weeklyItem(wk *wire.Weekly, it ledger.ItemLine, divisionName string) weeklyItem {
	src := cmp.Or(wk.Names.Sources[it.Source.Type], string(it.Source.Type))
	switch {
	case it.Source.Period.IsValid():
		src += l.sprintf("weeklyOf", l.periodOrWeekName(it.Source.Period))
	case it.Source.Date.IsValid():
		src += l.sprintf("weeklyOf", l.dateName(it.Source.Date.String()))
	}
	owner := it.Owner.Name
	switch role := it.Owner.Role; {
	case owner != "":
	case role == ledger.RoleReportingUnit:
		owner = l.T()["ownerReportingUnit"]
	default:
		owner = cmp.Or(role, it.Owner.CreditCode.String())
	}
	out := weeklyItem{
		ID: it.ID, Division: it.Division.String(), Name: divisionName,
		Problem:    cmp.Or(wk.Names.Problems[it.ID], it.Problem),
		Source:     src,
		Owner:      owner,
		Deadline:   l.dateName(it.Deadline.String()),
		Status:     cmp.Or(wk.Names.Statuses[it.Status], string(it.Status)),
		StatusCode: string(it.Status),
	}
	if it.DaysOverdue > 0 {
		out.DaysOverdue = strconv.Itoa(it.DaysOverdue)
	}
	return out
}

// weekName returns an ISO week as people read it: "2025年第44周",
// "2025年第44週", "week 44 of 2025".
func (l uiLang) weekName(p healthedu.Period) string {
	y, n, _ := strings.Cut(p.String(), "W")
	return l.sprintf("weekName", y, n)
}

// periodOrWeekName is periodName, with weeks named too.
func (l uiLang) periodOrWeekName(p healthedu.Period) string {
	if p.Type() == healthedu.PeriodWeek {
		return l.weekName(p)
	}
	return l.periodName(p)
}

// dateRange writes the days from to to as people read them, the year
// once when both are in it: "10月27日—11月2日" (2025年 before),
// "27 October – 2 November 2025".
func (l uiLang) dateRange(from, to healthedu.Date) string {
	if from.Year() != to.Year() {
		if l == langEn {
			return l.dateName(from.String()) + " – " + l.dateName(to.String())
		}
		return l.dateName(from.String()) + "—" + l.dateName(to.String())
	}
	if l == langEn {
		return strconv.Itoa(from.Day()) + " " + from.Month().String() + " – " + l.dateName(to.String())
	}
	y := strconv.Itoa(from.Year()) + "年"
	md := func(d healthedu.Date) string {
		return strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
	}
	return y + md(from) + "—" + md(to)
}
