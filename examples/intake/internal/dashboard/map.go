package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The map (地图), "/map?division=&indicator=&period=": the child
// divisions of a division coloured by one indicator against its target,
// drawn from the boundaries the platform holds (GET /v1/boundaries, see
// geo.go for the projection), or, when it holds none of them, as a tile
// grid: a square for each child, in the order of their codes.
//
// The colours say met, missed by at most a tenth of the target (near),
// missed by more (far), a value without a target, and no data, which is
// hatched and never drawn as 0 or in a failing colour (see classOf); they
// are from the palette of Okabe and Ito, which readers with the common
// colour-vision deficiencies tell apart, and each division's title and the
// table under the map say the same in words. A legend counts the
// divisions of each colour. Each division links to the map of its own
// children (to the start page, for a township). A page that draws
// synthetic boundaries, as the demo's are, says so.

func init() {
	pageTemplates["map"] = mustParsePage("map")
	searchPages["map"] = "map"
}

// MapURL links to the map of s.
func (s pageState) MapURL() string { return "map?" + s.query().Encode() }

// MapURLFor links to the map of indicator over the children of s's
// division, for the start page.
func (s pageState) MapURLFor(indicator string) string { return s.withIndicator(indicator).MapURL() }

// mapPage is the map page.
type mapPage struct {
	frame
	Division         wire.Division
	Breadcrumb       []navLink
	Heading          string
	Indicator        string // code
	Name             string // the indicator's name
	IndicatorOptions []option
	PeriodGroups     []optionGroup
	Search           searchForm
	Notice           string // why there is no map, when there is none
	Kind             string // boundaries or tiles
	KindNote         string // what the drawing is
	Synthetic        string // that the boundaries are made up, when they are
	Missing          string // the children drawn without a boundary
	Map              *mapFigure
	Legend           []mapLegendEntry
	Rows             []mapRow
	Target           string
	IndexURL         string
	TrendURL         string
	Colon            string
}

// A mapFigure is the SVG of the map.
type mapFigure struct {
	Title, Desc   string
	Width, Height float64
	Areas         []mapArea
}

// A mapArea is one division of the map: a path of its boundary or a tile.
type mapArea struct {
	Division string // 12-digit code
	Name     string
	Value    string // as the API wrote it; "" without one
	Class    mapClass
	Title    string // its accessible name and tooltip
	Href     string
	Path     string // the boundary; "" for a tile
	X, Y, W  float64
	Texts    []mapText
}

// A mapText is a line of text on an area.
type mapText struct {
	Text  string
	X, Y  float64
	Class string // name or value
}

// A mapLegendEntry is one colour of the legend, with how many divisions
// have it.
type mapLegendEntry struct {
	Class mapClass
	Label string
	Count string
}

// A mapRow is one division of the table under the map.
type mapRow struct {
	Division string
	Name     string
	Href     string
	Value    string // grouped, or a dash
	Reason   string
	Class    mapClass
	Status   string
	Coverage coverageCell
}

// serveMap serves "/map".
func (d *dashboard) serveMap(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	s, perr := d.readState(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	var (
		divs              wire.Divisions
		own               wire.Indicators
		bounds            wire.Boundaries
		divsErr, ownErr   error
		boundsErr         error
		wg                sync.WaitGroup
		under             = url.Values{"under": {s.Division.String()}}
		underAndPeriod    = url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}
		boundariesAsked   = true
		childLevelIsKnown = s.Division.Level() < healthedu.LevelVillage
	)
	wg.Go(func() { divsErr = d.api.get(ctx, r, lang, "/v1/divisions", under, &divs) })
	wg.Go(func() { ownErr = d.api.get(ctx, r, lang, "/v1/indicators", underAndPeriod, &own) })
	if childLevelIsKnown {
		wg.Go(func() { boundsErr = d.api.get(ctx, r, lang, "/v1/boundaries", under, &bounds) })
	} else {
		boundariesAsked = false
	}
	wg.Wait()
	if divsErr != nil {
		d.renderAPIError(w, r, lang, divsErr)
		return
	}
	if ownErr != nil {
		d.renderAPIError(w, r, lang, ownErr)
		return
	}
	p := d.newMapPage(r, lang, s, divs, own.Rows)
	switch {
	case p.Indicator == "":
	case len(divs.Children) == 0:
		p.Notice = lang.T()["mapNoChildren"]
	default:
		q := url.Values{
			"under": {s.Division.String()}, "level": {divs.Children[0].Level.String()},
			"period": {s.Period.String()}, "indicators": {p.Indicator},
		}
		var res wire.Indicators
		if err := d.api.get(ctx, r, lang, "/v1/indicators", q, &res); err != nil {
			d.logAPIFailure(r, err)
			p.Notice = lang.T()["mapUnavailable"]
			break
		}
		if boundsErr != nil {
			d.logAPIFailure(r, boundsErr)
		}
		p.addMap(lang, s, divs.Children, res.Rows, bounds, boundariesAsked && boundsErr != nil)
	}
	d.render(w, r, http.StatusOK, "map", p)
}

// newMapPage returns the map page of s, without its map: the division,
// its place, the pickers and the indicator shown (the one the query
// names, else the default, else the first with a value).
func (d *dashboard) newMapPage(r *http.Request, lang uiLang, s pageState, divs wire.Divisions, rows []wire.IndicatorRow) mapPage {
	msg := lang.T()
	p := mapPage{Division: divs.Division, Colon: lang.colon()}
	if p.Division.Name == "" {
		p.Division.Name = s.Division.String()
	}
	for _, a := range divs.Ancestors {
		if a.Code.IsValid() && a.Code.Contains(s.Division) {
			p.Breadcrumb = append(p.Breadcrumb, navLink{Code: a.Code.String(), Name: cmp.Or(a.Name, a.Code.String()), URL: s.with(a.Code).MapURL()})
		}
	}
	var chosen *wire.IndicatorRow
	for i, row := range rows {
		if row.Indicator == s.Indicator {
			chosen = &rows[i]
		}
	}
	if chosen == nil && s.Indicator != "" && s.Indicator != d.opts.Indicator {
		p.Notice = lang.sprintf("indicatorNotFound", s.Indicator)
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
		p.Indicator, p.Name = chosen.Indicator, cmp.Or(chosen.IndicatorName, chosen.Indicator)
		s.Indicator = chosen.Indicator
		p.Target = targetText(chosen.Direction, groupDecimal(textOf(chosen.Target)))
	} else if p.Notice == "" {
		p.Notice = msg["noIndicators"]
	}
	for _, row := range rows {
		p.IndicatorOptions = append(p.IndicatorOptions, option{Value: row.Indicator, Label: cmp.Or(row.IndicatorName, row.Indicator), Selected: row.Indicator == p.Indicator})
	}
	period := lang.periodName(s.Period)
	p.Heading = lang.sprintf("mapHeading", p.Division.Name, period)
	if p.Name != "" {
		p.Heading = lang.sprintf("mapHeadingOf", p.Name, p.Division.Name, period)
	}
	p.frame = newFrame("map", r, lang, p.Heading+" · "+msg["appName"])
	p.State = s
	p.PeriodGroups = periodChoices(s.Period, d.opts.DefaultPeriod, lang)
	p.Search = newSearchForm("map", lang, s.query())
	p.IndexURL = s.indexURL()
	if p.Indicator != "" {
		p.TrendURL = s.TrendURLFor(p.Indicator)
	}
	return p
}

// addMap adds the map of rows, the figures of the children of s's
// division, drawn from bounds where it has their boundaries, else as
// tiles; boundsFailed says that the boundaries could not be loaded.
func (p *mapPage) addMap(lang uiLang, s pageState, children []wire.Division, rows []wire.IndicatorRow, bounds wire.Boundaries, boundsFailed bool) {
	msg := lang.T()
	children = slices.Clone(children)
	slices.SortFunc(children, func(a, b wire.Division) int { return a.Code.Compare(b.Code) })
	byCode := map[healthedu.DivisionCode]wire.IndicatorRow{}
	for _, row := range rows {
		if row.Indicator == p.Indicator {
			byCode[row.Division] = row
		}
	}
	shapes := map[healthedu.DivisionCode]wire.MultiPolygon{}
	for _, f := range bounds.Features {
		shapes[f.Properties.Code] = f.Geometry
	}
	counts := map[mapClass]int{}
	var areas []mapArea
	var drawn []wire.MultiPolygon
	var missing []string
	for _, c := range children {
		row, ok := byCode[c.Code]
		if !ok {
			row = wire.IndicatorRow{Result: wire.Result{Indicator: p.Indicator, Division: c.Code, Reason: "no-data"}, DivisionName: c.Name}
		}
		name := cmp.Or(c.Name, row.DivisionName, c.Code.String())
		class := classOf(row)
		counts[class]++
		href := s.with(c.Code).MapURL()
		if c.Level >= healthedu.LevelTownship {
			href = s.with(c.Code).indexURL()
		}
		a := mapArea{Division: c.Code.String(), Name: name, Value: textOf(row.Value), Class: class, Href: href, Title: lang.mapTitle(name, row, class)}
		areas = append(areas, a)
		if mp, ok := shapes[c.Code]; ok {
			drawn = append(drawn, mp)
		} else {
			missing = append(missing, name)
		}
		mr := mapRow{Division: a.Division, Name: name, Href: href, Value: "—", Class: class, Status: lang.mapStatus(row, class, false), Coverage: lang.coverageOf(row.Coverage, row.Value != nil)}
		if row.Value != nil {
			mr.Value = groupDecimal(*row.Value)
		} else {
			mr.Reason = lang.reasonText(cmp.Or(row.Reason, "no-data"))
		}
		p.Rows = append(p.Rows, mr)
	}
	fig := &mapFigure{Title: lang.sprintf("mapTitle", p.Division.Name, p.Name), Desc: msg["mapDesc"]}
	if pr, ok := newProjection(drawn); ok {
		p.Kind, p.KindNote = "boundaries", msg["mapProjection"]
		if bounds.Synthetic {
			p.Synthetic = msg["mapSynthetic"]
		}
		if len(missing) > 0 {
			p.Missing = lang.sprintf("mapMissing", strings.Join(missing, msg["mapListSep"]))
		}
		fig.Width, fig.Height = pr.Width, pr.Height
		for _, a := range areas {
			mp, ok := shapes[healthedu.MustParseDivisionCode(a.Division)]
			if !ok {
				continue
			}
			var spot labelSpot
			a.Path, spot = pr.path(mp)
			if a.Path == "" {
				continue
			}
			a.Texts = areaTexts(a, spot)
			fig.Areas = append(fig.Areas, a)
		}
	} else {
		p.Kind, p.KindNote = "tiles", msg["mapTiles"]
		if boundsFailed {
			p.KindNote = msg["mapBoundsFailed"]
		}
		tiles, width, height := tileGrid(len(areas))
		fig.Width, fig.Height = width, height
		for i, a := range areas {
			a.X, a.Y, a.W = tiles[i].X, tiles[i].Y, tileSize
			a.Texts = tileTexts(a)
			fig.Areas = append(fig.Areas, a)
		}
	}
	p.Map = fig
	for _, c := range mapClasses {
		label := msg[map[mapClass]string{classMet: "legendMet", classNear: "legendNear", classFar: "legendFar", classNoTarget: "legendNoTarget", classNone: "legendNoData"}[c]]
		if c == classMet && p.Target != "" {
			label += lang.paren(lang.sprintf("mapTarget", p.Target))
		}
		p.Legend = append(p.Legend, mapLegendEntry{Class: c, Label: label, Count: lang.sprintf("mapCount", groupDigits(int64(counts[c])))})
	}
}

// mapTextScale is the size of the texts on the boundaries (16 units, see
// the stylesheet) over the charts' (13), by which chartTextWidth is scaled.
const mapTextScale = 16.0 / 13

// areaTexts returns the name and the value of a on its boundary, around
// its label spot, when they fit inside its ring; only the name, or
// nothing, when they do not. The texts are 16 units high (mapTextScale).
func areaTexts(a mapArea, spot labelSpot) []mapText {
	value := groupDecimal(a.Value)
	if a.Value == "" {
		value = "—"
	}
	x := spot.X
	nw := chartTextWidth(a.Name)*mapTextScale/2 + 2
	vw := chartTextWidth(value)*mapTextScale/2 + 2
	if boxInside(spot.Ring, x-nw, spot.Y-18, x+nw, spot.Y+1) && boxInside(spot.Ring, x-vw, spot.Y+2, x+vw, spot.Y+21) {
		return []mapText{{Text: a.Name, X: x, Y: chartRound(spot.Y - 3), Class: "name"}, {Text: value, X: x, Y: chartRound(spot.Y + 16), Class: "value"}}
	}
	if boxInside(spot.Ring, x-nw, spot.Y-9, x+nw, spot.Y+10) {
		return []mapText{{Text: a.Name, X: x, Y: chartRound(spot.Y + 6), Class: "name"}}
	}
	return nil
}

// tileTexts returns the name of a tile, on one or two lines, and its
// value below.
func tileTexts(a mapArea) []mapText {
	cx := chartRound(a.X + tileSize/2)
	lines := tileLines(a.Name, 6)
	var out []mapText
	y := a.Y + 36
	if len(lines) == 1 {
		y += 8
	}
	for _, l := range lines {
		out = append(out, mapText{Text: l, X: cx, Y: chartRound(y), Class: "name"})
		y += 17
	}
	value := groupDecimal(a.Value)
	if a.Value == "" {
		value = "—"
	}
	return append(out, mapText{Text: value, X: cx, Y: chartRound(a.Y + 82), Class: "value"})
}

// mapTitle returns the accessible name of a division on the map: its
// name, its value (or why there is none), its status against the target
// and its coverage.
func (l uiLang) mapTitle(name string, row wire.IndicatorRow, class mapClass) string {
	t := name + l.colon()
	if row.Value != nil {
		t += groupDecimal(*row.Value)
	} else {
		t += l.reasonText(cmp.Or(row.Reason, "no-data"))
	}
	if st := l.mapStatus(row, class, true); st != "" && class != classNone {
		t += l.paren(st)
	}
	if cv := l.coverage(row.Coverage); row.Coverage.Expected > 0 || row.Coverage.Reporting > 0 {
		t += l.paren(cv.Title)
	}
	return t
}

// mapStatus says how a division stands against the target, in words,
// with the target when withTarget.
func (l uiLang) mapStatus(row wire.IndicatorRow, class mapClass, withTarget bool) string {
	msg := l.T()
	target := ""
	if withTarget {
		target = targetText(row.Direction, groupDecimal(textOf(row.Target)))
	}
	with := func(s string) string {
		if target == "" {
			return s
		}
		return s + l.listSep() + l.sprintf("mapTarget", target)
	}
	switch class {
	case classMet:
		return with(msg["met"])
	case classNear:
		return with(msg["statusNear"])
	case classFar:
		return with(msg["statusFar"])
	case classNoTarget:
		return msg["noTarget"]
	}
	return l.reasonText(cmp.Or(row.Reason, "no-data"))
}

// listSep separates the parts of a status: "，", ", ".
func (l uiLang) listSep() string {
	if l == langEn {
		return "; "
	}
	return "，"
}
