package dashboard

import (
	"math"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// The charts are SVG drawn on the server: Go computes the geometry here and
// the templates write the elements, so that every text is escaped by
// html/template. Coordinates are in the units of the SVG's viewBox; the
// stylesheet scales the drawing to the width of the page.

// chartWidth is the width of both charts' viewBox.
const chartWidth = 760

// A barChart is one indicator across the child divisions (各下级区划): a
// horizontal bar for each, labelled with the value exactly as the API
// wrote it, with the target as a dashed line.
type barChart struct {
	Indicator     string // the indicator's code
	Title, Desc   string
	Width, Height int
	Top, Bottom   float64 // the plot's vertical extent
	TickY         float64 // baseline of the tick labels
	Ticks         []chartTick
	Bars          []chartBar
	Target        *chartTarget
}

// A chartBar is one division's bar.
type chartBar struct {
	Division string // 12-digit code
	Name     string
	Value    string // as the API wrote it; "" when there is none
	Text     string // shown at the bar's end: Value with its digits grouped, or why there is none
	Mark     string // ✓ met, ✗ missed, "" without a target
	Coverage string // "(9/10)" when the value comes from part of the expected reporters, else ""
	// CoverageText is the coverage for the data table: "9/10", always
	// when the API gives it.
	CoverageText string
	Class        string // met, missed, plain or none, for the colour
	Title        string // the bar's accessible name and tooltip
	Href         string // the dashboard for that division
	// Geometry: the bar's rectangle, where the name ends, where the value
	// and the mark start, and the baseline of the texts.
	X, Y, W, H    float64
	NameX, ValueX float64
	MarkX, TextY  float64
	CoverageX     float64
}

// A chartTick is a grid line with its label.
type chartTick struct {
	Pos   float64 // x for the bar chart, y for the line chart
	Label string
}

// A chartTarget is the target's line across the bars.
type chartTarget struct {
	X, Y1, Y2 float64
	Label     string
}

// barChart geometry.
const (
	barNameWidth = 180.0 // room for the names, left of the bars
	barRight     = 150.0 // room for the value, the mark and the coverage, right of the bars
	barTop       = 34.0  // room for the tick labels and the target's label
	barRow       = 28.0  // height of one division's row
	barHeight    = 18.0  // height of a bar
)

// barChartInput is what newBarChart draws: one row per division, as the API
// returned it.
type barChartInput struct {
	Indicator   string
	Title, Desc string
	Rows        []wire.IndicatorRow
	Target      string // the target value, "" when none
	TargetLabel string
	Label       func(r wire.IndicatorRow) string // the bar's accessible name
	Href        func(r wire.IndicatorRow) string
	// NoValue is what a bar without a value shows, such as "无数据"; nil
	// or "" means a dash.
	NoValue func(r wire.IndicatorRow) string
	// Coverage is what a bar whose value comes from part of the expected
	// reporters shows after it, such as "(9/10)"; nil means nothing.
	Coverage func(r wire.IndicatorRow) string
}

// newBarChart lays out the bars of in.Rows.
func newBarChart(in barChartInput) *barChart {
	c := &barChart{
		Indicator: in.Indicator,
		Title:     in.Title,
		Desc:      in.Desc,
		Width:     chartWidth,
		Top:       barTop,
		TickY:     barTop - 22,
	}
	c.Bottom = barTop + barRow*float64(len(in.Rows))
	c.Height = int(c.Bottom) + 8

	// The scale runs from 0, or the lowest value or target below it, to
	// the highest value or target, rounded out to nice numbers.
	lo, hi := 0.0, 0.0
	values := make([]float64, len(in.Rows))
	has := make([]bool, len(in.Rows))
	for i, r := range in.Rows {
		if v, ok := chartValue(textOf(r.Value)); ok {
			values[i], has[i] = v, true
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	target, hasTarget := chartValue(in.Target)
	if hasTarget {
		lo, hi = min(lo, target), max(hi, target)
	}
	lo, hi = -chartNiceCeil(-lo), chartNiceCeil(hi)
	if hi == lo {
		hi = lo + 1
	}
	left, right := barNameWidth, float64(chartWidth)-barRight
	x := func(v float64) float64 { return chartRound(left + (v-lo)/(hi-lo)*(right-left)) }

	for i := range 5 {
		v := lo + (hi-lo)*float64(i)/4
		c.Ticks = append(c.Ticks, chartTick{Pos: x(v), Label: chartNumber(v)})
	}
	zero := x(0)
	for i, r := range in.Rows {
		end := zero
		if has[i] {
			end = x(values[i])
		}
		c.Bars = append(c.Bars, in.bar(r, barTop+barRow*float64(i), zero, end, has[i]))
	}
	if hasTarget && len(in.Rows) > 0 {
		c.Target = &chartTarget{X: x(target), Y1: barTop - 6, Y2: c.Bottom, Label: in.TargetLabel}
	}
	return c
}

// chartValue reads a value as the API wrote it; false for none: "", or
// not a finite number.
func chartValue(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	return v, s != "" && err == nil && !math.IsInf(v, 0)
}

// bar lays out the bar of row r in the row of the chart starting at y:
// from zero to end when r has a value (has), else a mark of none at zero;
// then its texts, its status mark and its coverage.
func (in barChartInput) bar(r wire.IndicatorRow, y, zero, end float64, has bool) chartBar {
	b := chartBar{
		Division: r.Division.String(),
		Name:     r.DivisionName,
		Value:    textOf(r.Value),
		Text:     groupDecimal(textOf(r.Value)),
		Class:    "plain",
		Y:        chartRound(y + (barRow-barHeight)/2),
		H:        barHeight,
		NameX:    barNameWidth - 8,
		TextY:    chartRound(y + barRow/2 + 4.5),
	}
	if b.Name == "" {
		b.Name = r.Division.String()
	}
	if in.Label != nil {
		b.Title = in.Label(r)
	}
	if in.Href != nil {
		b.Href = in.Href(r)
	}
	if !has {
		b.Text, b.Class = "—", "none"
		if in.NoValue != nil {
			if t := in.NoValue(r); t != "" {
				b.Text = t
			}
		}
	}
	b.X, b.W = min(zero, end), math.Abs(end-zero)
	switch {
	case r.Met == nil:
	case *r.Met:
		b.Mark, b.Class = "✓", "met"
	default:
		b.Mark, b.Class = "✗", "missed"
	}
	b.ValueX = chartRound(max(zero, end) + 6)
	b.MarkX = chartRound(b.ValueX + chartTextWidth(b.Text) + 4)
	b.CoverageText = groupDigits(int64(r.Coverage.Reporting)) + "/" + groupDigits(int64(r.Coverage.Expected))
	if r.Coverage.Partial() && in.Coverage != nil {
		b.Coverage = in.Coverage(r)
		b.CoverageX = chartRound(b.MarkX + chartTextWidth(b.Mark) + 4)
	}
	return b
}

// A lineChart is one division's monthly completeness over a year.
type lineChart struct {
	Title, Desc   string
	Width, Height int
	Left, Right   float64 // the plot's horizontal extent
	Ticks         []chartTick
	Points        []chartPoint
	Lines         []string // polyline points, one per run of months with a value
}

// A chartPoint is one month of the line chart.
type chartPoint struct {
	Period   string // 202510
	Label    string // the month on the axis
	Name     string // the month in full
	Value    string // completeness as a percentage, "" when unknown
	Expected string // the counts it came from, grouped
	Received string
	OnTime   string
	Title    string
	X, Y     float64 // the point; Y is the baseline when there is no value
	LabelY   float64 // baseline of the month's name
	ValueY   float64 // baseline of the value above the point
}

// lineChart geometry.
const (
	lineLeft   = 48.0
	lineRight  = 16.0
	lineTop    = 24.0
	linePlot   = 200.0 // height of the plot
	lineBottom = 32.0
)

// newLineChart lays out points, which have their Value set; the values are
// percentages, drawn on a scale from 0 to 100 (or more when one exceeds it).
func newLineChart(title, desc string, points []chartPoint) *lineChart {
	c := &lineChart{
		Title:  title,
		Desc:   desc,
		Width:  chartWidth,
		Height: int(lineTop + linePlot + lineBottom),
		Left:   lineLeft,
		Right:  chartWidth - lineRight,
	}
	hi := 100.0
	for _, p := range points {
		if v, err := strconv.ParseFloat(p.Value, 64); err == nil && v > hi {
			hi = chartNiceCeil(v)
		}
	}
	y := func(v float64) float64 { return chartRound(lineTop + linePlot*(1-v/hi)) }
	for i := range 6 {
		v := hi * float64(i) / 5
		c.Ticks = append(c.Ticks, chartTick{Pos: y(v), Label: chartNumber(v)})
	}
	step := (c.Right - c.Left) / float64(max(len(points), 1))
	var run []string
	flush := func() {
		if len(run) > 1 {
			c.Lines = append(c.Lines, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, p := range points {
		p.X = chartRound(c.Left + step*(float64(i)+0.5))
		p.LabelY = lineTop + linePlot + 20
		v, err := strconv.ParseFloat(p.Value, 64)
		if p.Value == "" || err != nil {
			p.Value, p.Y = "", y(0)
			flush()
		} else {
			p.Y = y(v)
			run = append(run, chartNumber(p.X)+","+chartNumber(p.Y))
		}
		p.ValueY = chartRound(p.Y - 9)
		c.Points = append(c.Points, p)
	}
	flush()
	return c
}

// chartNiceCeil returns the smallest of 1, 2, 2.5 and 5 times a power of ten
// that is at least v, or 0 for v ≤ 0.
func chartNiceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if n := m * p; n >= v*(1-1e-12) {
			return n
		}
	}
	return 10 * p
}

// chartRound rounds a coordinate to a tenth of a unit, enough for a drawing
// and short in the markup.
func chartRound(v float64) float64 { return math.Round(v*10) / 10 }

// chartNumber writes a tick label or coordinate without needless digits.
func chartNumber(v float64) string {
	return strconv.FormatFloat(chartRound(v), 'f', -1, 64)
}

// chartTextWidth estimates the width of a short Latin text at the charts'
// font size, to place the mark after the value.
func chartTextWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 { // CJK and full-width forms: a square each
			w += 13
		} else {
			w += 7.8
		}
	}
	return w
}
