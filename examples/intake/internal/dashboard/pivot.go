package dashboard

// The pivot table (数据透视表), "/pivot": indicators × divisions × periods,
// any two of them on the axes and the third fixed, each cell an
// indicator's figure as GET /v1/indicators gives it — the value, the
// reporters it comes from of those expected, its flags — and "no data"
// where there is none, never 0. The rows sort by any column through a
// link; everything the page shows is in its URL, so that a view can be
// shared. "/pivot.csv" and "/pivot.xlsx" export the same view, a line per
// cell (see pivot_export.go).
//
// Query parameters, beside lang:
//
//   - rows, cols: the dimensions on the axes, two of indicator, division
//     and period (default rows=division, cols=indicator);
//   - division: the division whose figures, and whose subdivisions', are
//     shown (default: the dashboard's);
//   - period: the period shown when periods are not on an axis, else the
//     period whose parts are (default: the dashboard's);
//   - by: the parts of period on the period axis: month, quarter or half
//     (default month); the months that start after the dashboard's default
//     period, which have no reports yet, are left out;
//   - indicator: the indicator shown when indicators are not on an axis
//     (default: the dashboard's, else the first with a value);
//   - sort: the key of the column the rows are sorted by (an indicator
//     code, a division code or a period), and order=asc or desc (default
//     desc); without sort, the rows keep the order of their axis, reversed
//     by order=desc.
//
// The division itself comes first on the division axis, as the total of
// its subdivisions, and keeps its place when the rows are sorted.

import (
	"cmp"
	"context"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

func init() {
	pageTemplates["pivot"] = mustParsePage("pivot")
	searchPages["pivot"] = "pivot"
}

// A pivotDim is a dimension of the pivot table.
type pivotDim int

const (
	dimIndicator pivotDim = iota
	dimDivision
	dimPeriod
	pivotDimCount
)

// pivotDimNames are the dimensions as the URL writes them.
var pivotDimNames = [pivotDimCount]string{"indicator", "division", "period"}

func (d pivotDim) String() string { return pivotDimNames[d] }

// parsePivotDim reads a dimension of the URL.
func parsePivotDim(s string) (pivotDim, bool) {
	for d, n := range pivotDimNames {
		if n == s {
			return pivotDim(d), true
		}
	}
	return 0, false
}

// pivotBy are the values of the parameter by: the parts of the period on
// the period axis.
var pivotBy = []struct {
	Value string
	Type  healthedu.PeriodType
	Key   string // its name's message key
}{
	{"month", healthedu.PeriodMonth, "months"},
	{"quarter", healthedu.PeriodQuarter, "quarters"},
	{"half", healthedu.PeriodHalfYear, "halfYears"},
}

// pivotMaxPeriods bounds the periods on the period axis, and so the API
// calls of one view (two a period).
const pivotMaxPeriods = 12

// A pivotQuery is a view of the pivot table, as its URL says it.
type pivotQuery struct {
	State      pageState // the division, the period, the fixed indicator, the language
	Rows, Cols pivotDim
	By         string // month, quarter or half
	Sort       string // the key of the column sorted by; "" for the axis's order
	Desc       bool
}

// fixed returns the dimension on neither axis.
func (q pivotQuery) fixed() pivotDim {
	return 3 - q.Rows - q.Cols
}

// byType returns the period type of q.By.
func (q pivotQuery) byType() healthedu.PeriodType {
	for _, b := range pivotBy {
		if b.Value == q.By {
			return b.Type
		}
	}
	return healthedu.PeriodMonth
}

// values returns the parameters that reproduce q.
func (q pivotQuery) values() url.Values {
	v := q.State.query()
	v.Set("rows", q.Rows.String())
	v.Set("cols", q.Cols.String())
	if q.Rows == dimPeriod || q.Cols == dimPeriod {
		v.Set("by", q.By)
	}
	if q.fixed() != dimIndicator {
		v.Del("indicator")
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	if q.Desc {
		v.Set("order", "desc")
	} else {
		v.Set("order", "asc")
	}
	return v
}

// url returns the link to page ("pivot", "pivot.csv", "pivot.xlsx") of q,
// relative like every link of the dashboard.
func (q pivotQuery) url(page string) string { return page + "?" + q.values().Encode() }

// PivotURL links to the pivot table of s's division and period, with the
// divisions down the side and the indicators across; the start page links
// to it.
func (s pageState) PivotURL() string {
	s.Indicator = ""
	return pivotQuery{State: s, Rows: dimDivision, Cols: dimIndicator, By: "month"}.url("pivot")
}

// readPivotQuery reads the pivot's parameters of q.
func (d *dashboard) readPivotQuery(q url.Values, lang uiLang) (pivotQuery, *paramError) {
	s, perr := d.readState(q, lang)
	pq := pivotQuery{State: s, Rows: dimDivision, Cols: dimIndicator, By: "month", Desc: true}
	if perr != nil {
		return pq, perr
	}
	for _, p := range []struct {
		name string
		dim  *pivotDim
	}{{"rows", &pq.Rows}, {"cols", &pq.Cols}} {
		if v := q.Get(p.name); v != "" {
			dim, ok := parsePivotDim(v)
			if !ok {
				return pq, &paramError{Param: p.name, Key: "pivotErrorDim", Value: v}
			}
			*p.dim = dim
		}
	}
	if pq.Rows == pq.Cols {
		return pq, &paramError{Param: "cols", Key: "pivotErrorSameDim", Value: pq.Cols.String()}
	}
	if v := q.Get("by"); v != "" {
		known := false
		for _, b := range pivotBy {
			known = known || b.Value == v
		}
		if !known {
			return pq, &paramError{Param: "by", Key: "pivotErrorBy", Value: v}
		}
		pq.By = v
	}
	switch v := q.Get("order"); v {
	case "", "desc":
	case "asc":
		pq.Desc = false
	default:
		return pq, &paramError{Param: "order", Key: "pivotErrorOrder", Value: v}
	}
	pq.Sort = q.Get("sort") // a key that names no column sorts nothing
	if q.Get("sort") == "" && q.Get("order") == "" {
		pq.Desc = false // the axis's own order
	}
	return pq, nil
}

// pivotPeriods returns the periods of q: its period, or, with periods on
// an axis, the parts of it of type by (itself when it is no longer than
// them), less those that start after def, which have no reports yet (but
// at least the first), at most pivotMaxPeriods.
func pivotPeriods(q pivotQuery, def healthedu.Period) []healthedu.Period {
	p := q.State.Period
	if q.Rows != dimPeriod && q.Cols != dimPeriod {
		return []healthedu.Period{p}
	}
	t := q.byType()
	if !p.ContainsPeriod(firstSub(p, t)) || p.Type() == t {
		return []healthedu.Period{p}
	}
	var ps []healthedu.Period
	for s := range p.Sub(t) {
		if len(ps) > 0 && def.IsValid() && !s.Start().Before(def.End()) {
			break
		}
		if len(ps) == pivotMaxPeriods {
			break
		}
		ps = append(ps, s)
	}
	if len(ps) == 0 {
		return []healthedu.Period{p}
	}
	return ps
}

// firstSub returns the first part of p of type t, or p when p has none
// (it is shorter than t, or of type t).
func firstSub(p healthedu.Period, t healthedu.PeriodType) healthedu.Period {
	for s := range p.Sub(t) {
		return s
	}
	return p
}

// A pivotAnswer is what the API said of one period: the indicators of the
// division itself, and those of its subdivisions (with divisions on an
// axis).
type pivotAnswer struct {
	Period   healthedu.Period
	Own      wire.Indicators
	Children wire.Indicators
}

// A pivotMember is one entry of an axis: an indicator, a division or a
// period.
type pivotMember struct {
	Key    string // the indicator's code, the division's code, the period
	Name   string
	Target string // an indicator's target, "≥ 85"; "" for none
	Own    bool   // the division itself, before its subdivisions
}

// A pivotTable is the pivot computed: its axes, and a cell for every row
// and column, nil where the API gave no figure.
type pivotTable struct {
	Query      pivotQuery
	Fixed      pivotMember // the member of the dimension on neither axis
	Rows, Cols []pivotMember
	Cells      [][]*wire.IndicatorRow // [row][col]
	Indicators []pivotMember          // every indicator the API gave, for the picker
}

// buildPivot lays the API's answers out as q asks. divs are the division
// itself and its subdivisions, in that order, with their names; it sorts
// the rows after the division itself as q says.
func buildPivot(q pivotQuery, lang uiLang, divs []pivotMember, answers []pivotAnswer) pivotTable {
	type key struct{ ind, div, per string }
	cells := make(map[key]*wire.IndicatorRow)
	var all []pivotMember // every indicator the API gave
	seenInd := make(map[string]int)
	for _, a := range answers {
		for _, rows := range [][]wire.IndicatorRow{a.Own.Rows, a.Children.Rows} {
			for i := range rows {
				r := &rows[i]
				k := key{r.Indicator, r.Division.String(), a.Period.String()}
				if _, dup := cells[k]; !dup {
					cells[k] = r
				}
				target := ""
				if r.Target != nil {
					target = targetText(r.Direction, groupDecimal(*r.Target))
				}
				j, seen := seenInd[r.Indicator]
				if !seen {
					seenInd[r.Indicator] = len(all)
					all = append(all, pivotMember{Key: r.Indicator, Name: cmp.Or(r.IndicatorName, r.Indicator), Target: target})
				} else if all[j].Target == "" {
					all[j].Target = target // the first target given
				}
			}
		}
	}
	inds := all
	if q.fixed() == dimIndicator {
		inds = nil
		if j, ok := seenInd[q.State.Indicator]; ok {
			inds = []pivotMember{all[j]}
		}
	}
	var pers []pivotMember
	for _, a := range answers {
		pers = append(pers, pivotMember{Key: a.Period.String(), Name: lang.periodName(a.Period)})
	}
	axes := [pivotDimCount][]pivotMember{dimIndicator: inds, dimDivision: divs, dimPeriod: pers}
	t := pivotTable{Query: q, Rows: slices.Clone(axes[q.Rows]), Cols: axes[q.Cols], Indicators: all}
	if len(inds) == 0 {
		// Without an indicator, there is nothing to show.
		t.Rows, t.Cols = nil, nil
	}
	switch f := q.fixed(); {
	case f == dimIndicator && len(inds) > 0:
		t.Fixed = inds[0]
	case f == dimIndicator:
		t.Fixed = pivotMember{Key: q.State.Indicator, Name: q.State.Indicator}
	case f == dimDivision && len(divs) > 0:
		t.Fixed = divs[0]
	case f == dimPeriod && len(pers) > 0:
		t.Fixed = pers[0]
	}
	cellOf := func(row, col pivotMember) *wire.IndicatorRow {
		var k [pivotDimCount]string
		k[q.Rows], k[q.Cols], k[q.fixed()] = row.Key, col.Key, t.Fixed.Key
		return cells[key{k[dimIndicator], k[dimDivision], k[dimPeriod]}]
	}

	// Sort the rows after those of the division itself.
	first := 0
	for first < len(t.Rows) && t.Rows[first].Own {
		first++
	}
	rest := t.Rows[first:]
	col := slices.IndexFunc(t.Cols, func(c pivotMember) bool { return c.Key == q.Sort })
	if col >= 0 {
		slices.SortStableFunc(rest, func(a, b pivotMember) int {
			return compareCells(cellOf(a, t.Cols[col]), cellOf(b, t.Cols[col]), q.Desc)
		})
	} else if q.Desc {
		slices.Reverse(rest)
	}
	for _, r := range t.Rows {
		line := make([]*wire.IndicatorRow, len(t.Cols))
		for j, c := range t.Cols {
			line[j] = cellOf(r, c)
		}
		t.Cells = append(t.Cells, line)
	}
	return t
}

// compareCells orders two cells by value, ascending or, with desc,
// descending; a cell without a value comes after every value either way.
func compareCells(a, b *wire.IndicatorRow, desc bool) int {
	x, y := cellValue(a), cellValue(b)
	switch {
	case x == nil && y == nil:
		return 0
	case x == nil:
		return 1
	case y == nil:
		return -1
	}
	if desc {
		return y.Cmp(x)
	}
	return x.Cmp(y)
}

// cellValue returns the value of c exactly, or nil when it has none.
func cellValue(c *wire.IndicatorRow) *big.Rat {
	if c == nil || c.Value == nil {
		return nil
	}
	v, ok := new(big.Rat).SetString(*c.Value)
	if !ok {
		return nil
	}
	return v
}

// fetchPivot asks the API for the figures of q: for each period, the
// indicators of the division and, with divisions on an axis, those of its
// subdivisions (of the fixed indicator alone when indicators are not on
// an axis). The calls run at once, at most 2 × pivotMaxPeriods. It returns
// the division's answer of GET /v1/divisions too.
func (d *dashboard) fetchPivot(ctx context.Context, r *http.Request, lang uiLang, q pivotQuery) (wire.Divisions, []pivotAnswer, error) {
	periods := pivotPeriods(q, d.opts.DefaultPeriod)
	answers := make([]pivotAnswer, len(periods))
	errs := make([]error, 2*len(periods)+1)
	var divs wire.Divisions
	under := q.State.Division.String()
	var wg sync.WaitGroup
	wg.Go(func() {
		errs[0] = d.api.get(ctx, r, lang, "/v1/divisions", url.Values{"under": {under}}, &divs)
	})
	for i, p := range periods {
		answers[i].Period = p
		wg.Go(func() {
			errs[1+2*i] = d.api.get(ctx, r, lang, "/v1/indicators", url.Values{"under": {under}, "period": {p.String()}}, &answers[i].Own)
		})
	}
	wg.Wait()
	if err := cmp.Or(errs...); err != nil {
		return divs, nil, err
	}
	if q.fixed() == dimIndicator && q.State.Indicator == "" {
		q.State.Indicator = defaultPivotIndicator(answers)
	}
	if (q.Rows == dimDivision || q.Cols == dimDivision) && len(divs.Children) > 0 {
		for i, p := range periods {
			v := url.Values{"under": {under}, "period": {p.String()}, "level": {divs.Children[0].Level.String()}}
			if q.fixed() == dimIndicator && q.State.Indicator != "" {
				v.Set("indicators", q.State.Indicator)
			}
			wg.Go(func() {
				errs[2+2*i] = d.api.get(ctx, r, lang, "/v1/indicators", v, &answers[i].Children)
			})
		}
		wg.Wait()
	}
	return divs, answers, cmp.Or(errs...)
}

// defaultPivotIndicator returns the first indicator with a value in the
// division's own answers, else the first, else "".
func defaultPivotIndicator(answers []pivotAnswer) string {
	for _, a := range answers {
		for _, r := range a.Own.Rows {
			if r.Value != nil {
				return r.Indicator
			}
		}
	}
	for _, a := range answers {
		for _, r := range a.Own.Rows {
			return r.Indicator
		}
	}
	return ""
}

// pivotDivisions returns the members of the division axis: the division
// itself, then its subdivisions, as the API named them.
func pivotDivisions(divs wire.Divisions, code healthedu.DivisionCode) []pivotMember {
	out := []pivotMember{{Key: code.String(), Name: cmp.Or(divs.Division.Name, code.String()), Own: true}}
	for _, c := range divs.Children {
		out = append(out, pivotMember{Key: c.Code.String(), Name: cmp.Or(c.Name, c.Code.String())})
	}
	return out
}

// pivot reads, fetches and builds the pivot table of request r; when it
// cannot, it has answered r with the page that says why.
func (d *dashboard) pivot(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) (pivotTable, wire.Divisions, bool) {
	q, perr := d.readPivotQuery(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return pivotTable{}, wire.Divisions{}, false
	}
	divs, answers, err := d.fetchPivot(ctx, r, lang, q)
	if err != nil {
		d.renderAPIError(w, r, lang, err)
		return pivotTable{}, wire.Divisions{}, false
	}
	if q.fixed() == dimIndicator && q.State.Indicator == "" {
		q.State.Indicator = defaultPivotIndicator(answers)
	}
	return buildPivot(q, lang, pivotDivisions(divs, q.State.Division), answers), divs, true
}

// pivotPage is the pivot table's page.
type pivotPage struct {
	frame
	Division   wire.Division
	Heading    string
	Caption    string
	Query      pivotQuery
	RowOptions []option
	ColOptions []option
	ByOptions  []option
	ShowBy     bool
	Periods    []optionGroup
	Indicators []option // when indicators are not on an axis
	Search     searchForm

	Corner       pivotHead // the head of the rows' column
	Cols         []pivotHead
	Rows         []pivotViewRow
	FlagNotes    []flagNote // a flagged cell each, named by its row and column
	FlagsSummary string
	Partial      bool
	Notice       string // why the table is empty
	CSVURL       string
	XLSXURL      string
	IndexURL     string
	SwapURL      string
	Colon        string
	RowDimName   string
	ColDimName   string
}

// SortTitle is the title of the link that sorts by the column name.
func (p pivotPage) SortTitle(name string) string { return p.lang().sprintf("pivotSortBy", name) }

// lang returns the page's language.
func (p pivotPage) lang() uiLang { return p.Query.State.Lang }

// A pivotHead is the head of a column, with the link that sorts by it.
type pivotHead struct {
	Key, Name, Target string
	Own               bool
	SortURL           string
	Sort              string // ascending, descending or "" (aria-sort)
	SortMark          string // ▲, ▼ or ""
}

// A pivotViewRow is a row of the table, ready to show.
type pivotViewRow struct {
	Key, Name, Target string
	Own               bool
	Cells             []pivotCell
}

// A pivotCell is a figure, ready to show.
type pivotCell struct {
	Col      string // the column's key
	Value    string // grouped digits, or a dash
	Raw      string // the value as the API wrote it, "" without one
	Reason   string // why there is no value
	Coverage coverageCell
	Flags    []string
	Status   string // met, missed or none
	Title    string
}

// servePivot serves "/pivot".
func (d *dashboard) servePivot(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	t, divs, ok := d.pivot(ctx, w, r, lang)
	if !ok {
		return
	}
	p := newPivotPage(r, lang, t, divs)
	// The periods of the years up to the latest, as the other pages offer
	// them (picker.go).
	p.Periods = periodChoices(t.Query.State.Period, d.opts.DefaultPeriod, lang)
	d.render(w, r, http.StatusOK, "pivot", p)
}

// newPivotPage lays the pivot table t out as a page.
func newPivotPage(r *http.Request, lang uiLang, t pivotTable, divs wire.Divisions) pivotPage {
	msg := lang.T()
	q := t.Query
	p := pivotPage{Division: divs.Division, Query: q}
	if p.Division.Name == "" {
		p.Division.Name = q.State.Division.String()
	}
	p.Heading = lang.sprintf("pivotHeading", p.Division.Name)
	p.frame = newFrame("pivot", r, lang, p.Heading+" · "+msg["appName"])
	p.State = q.State
	p.Search = newSearchForm("pivot", lang, q.values())
	dimName := func(d pivotDim) string { return msg["pivotDim"+[...]string{"Indicator", "Division", "Period"}[d]] }
	p.RowDimName, p.ColDimName = dimName(q.Rows), dimName(q.Cols)
	for d := range pivotDimCount {
		p.RowOptions = append(p.RowOptions, option{Value: d.String(), Label: dimName(d), Selected: d == q.Rows})
		p.ColOptions = append(p.ColOptions, option{Value: d.String(), Label: dimName(d), Selected: d == q.Cols})
	}
	p.ShowBy = q.Rows == dimPeriod || q.Cols == dimPeriod
	for _, b := range pivotBy {
		p.ByOptions = append(p.ByOptions, option{Value: b.Value, Label: msg[b.Key], Selected: b.Value == q.By})
	}

	// The caption says what is fixed.
	fixed := t.Fixed.Name
	if q.fixed() == dimDivision {
		fixed = p.Division.Name
	}
	if q.fixed() != dimPeriod {
		fixed += lang.paren(lang.periodName(q.State.Period))
	}
	p.Caption = lang.sprintf("pivotCaption", fixed, dimName(q.Rows), dimName(q.Cols))
	if q.fixed() == dimIndicator && t.Fixed.Target != "" {
		p.Caption += lang.paren(lang.sprintf("targetLine", t.Fixed.Target))
	}

	sorted := slices.ContainsFunc(t.Cols, func(c pivotMember) bool { return c.Key == q.Sort })
	p.Corner = pivotHead{Name: p.RowDimName + " \\ " + p.ColDimName}
	cq := q
	cq.Sort, cq.Desc = "", !sorted && !q.Desc
	p.Corner.SortURL = cq.url("pivot")
	if !sorted {
		p.Corner.Sort, p.Corner.SortMark = "ascending", "▲"
		if q.Desc {
			p.Corner.Sort, p.Corner.SortMark = "descending", "▼"
		}
	}
	for _, c := range t.Cols {
		h := pivotHead{Key: c.Key, Name: c.Name, Target: c.Target, Own: c.Own}
		sq := q
		sq.Sort, sq.Desc = c.Key, true
		if c.Key == q.Sort && q.Desc {
			sq.Desc = false
		}
		if c.Key == q.Sort {
			h.Sort, h.SortMark = "ascending", "▲"
			if q.Desc {
				h.Sort, h.SortMark = "descending", "▼"
			}
		}
		h.SortURL = sq.url("pivot") + "#pivot"
		p.Cols = append(p.Cols, h)
	}
	for i, row := range t.Rows {
		vr := pivotViewRow{Key: row.Key, Name: row.Name, Target: row.Target, Own: row.Own}
		for j, c := range t.Cells[i] {
			cell := lang.pivotCell(c)
			cell.Col = t.Cols[j].Key
			if cell.Coverage.Partial {
				p.Partial = true
			}
			for _, f := range cell.Flags {
				ind := t.Fixed
				switch {
				case q.Rows == dimIndicator:
					ind = row
				case q.Cols == dimIndicator:
					ind = t.Cols[j]
				}
				where := row.Name + " · " + t.Cols[j].Name
				p.FlagNotes = append(p.FlagNotes, flagNote{Indicator: ind.Key, Name: where, Message: f})
			}
			vr.Cells = append(vr.Cells, cell)
		}
		p.Rows = append(p.Rows, vr)
	}
	if len(p.Rows) == 0 || len(p.Cols) == 0 {
		p.Notice = msg["noIndicators"]
		if q.fixed() == dimIndicator && len(t.Indicators) > 0 {
			p.Notice = lang.sprintf("indicatorNotFound", q.State.Indicator)
		}
	}

	// The indicator picker, when the indicator is fixed: every indicator
	// of the division's own answer.
	if q.fixed() == dimIndicator {
		for _, m := range t.Indicators {
			p.Indicators = append(p.Indicators, option{Value: m.Key, Label: m.Name, Selected: m.Key == q.State.Indicator})
		}
	}
	p.CSVURL, p.XLSXURL = q.url("pivot.csv"), q.url("pivot.xlsx")
	is := q.State
	if q.fixed() != dimIndicator {
		is.Indicator = ""
	}
	p.IndexURL = is.indexURL()
	sw := q
	sw.Rows, sw.Cols, sw.Sort, sw.Desc = q.Cols, q.Rows, "", false
	p.SwapURL = sw.url("pivot")
	p.Colon = lang.colon()
	if len(p.FlagNotes) > 0 {
		p.FlagsSummary = lang.sprintf("pivotFlags", len(p.FlagNotes))
	}
	return p
}

// pivotCell makes a cell ready to show in language l; c nil is a figure
// the API did not give, shown as no data.
func (l uiLang) pivotCell(c *wire.IndicatorRow) pivotCell {
	if c == nil {
		return pivotCell{Value: "—", Reason: l.reasonText("no-data"), Status: "none"}
	}
	tr := l.tableRow(*c)
	cell := pivotCell{Value: tr.Value, Reason: tr.Reason, Coverage: tr.Coverage, Flags: tr.Flags, Status: tr.Status, Raw: textOf(c.Value)}
	cell.Title = cell.Coverage.Title
	if tr.StatusText != "" && tr.Status != "none" {
		cell.Title = tr.StatusText + l.colon() + cell.Title
	}
	return cell
}
