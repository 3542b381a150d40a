package dashboard

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

func TestChartNiceCeil(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{-5, 0}, {0, 0}, {0.3, 0.5}, {1, 1}, {1.01, 2}, {2.2, 2.5}, {3, 5}, {7, 10},
		{25, 25}, {85, 100}, {100, 100}, {101, 200}, {1668, 2000}, {96.41, 100},
	}
	for _, tt := range tests {
		if got := chartNiceCeil(tt.in); got != tt.want {
			t.Errorf("chartNiceCeil(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNewBarChart(t *testing.T) {
	yes, no := true, false
	d := healthedu.MustParseDivisionCode
	rows := []wire.IndicatorRow{
		{Result: wire.Result{Division: d("371502"), Value: new("100.00"), Met: &yes, Coverage: indicators.Coverage{Reporting: 24, Expected: 24}}, DivisionName: "东昌府区"},
		{Result: wire.Result{Division: d("371503"), Value: new("50.00"), Met: &no, Coverage: indicators.Coverage{Reporting: 9, Expected: 14}}, DivisionName: "茌平区"},
		{Result: wire.Result{Division: d("371521"), Reason: "no-data", Coverage: indicators.Coverage{Reporting: 0, Expected: 18}}, DivisionName: ""},
		{Result: wire.Result{Division: d("371522"), Reason: "zero-denominator", Coverage: indicators.Coverage{Reporting: 16, Expected: 16}}, DivisionName: "莘县"},
	}
	c := newBarChart(barChartInput{Indicator: "x", Rows: rows, Target: "85", TargetLabel: "目标 ≥ 85",
		NoValue: func(r wire.IndicatorRow) string {
			if r.Reason == "no-data" {
				return "无数据"
			}
			return ""
		},
		Coverage: func(r wire.IndicatorRow) string { return langZhHans.paren(langZhHans.coverage(r.Coverage).Text) },
	})
	// The plot runs from 180 to 760 − 150 = 610, a width of 430, for 0 to 100.
	type bar struct {
		Division, Name, Text, Mark, Class, Coverage, CoverageText string
		X, W                                                      float64
	}
	var got []bar
	for _, b := range c.Bars {
		got = append(got, bar{b.Division, b.Name, b.Text, b.Mark, b.Class, b.Coverage, b.CoverageText, b.X, b.W})
	}
	want := []bar{
		{"371502000000", "东昌府区", "100.00", "✓", "met", "", "24/24", 180, 430},
		{"371503000000", "茌平区", "50.00", "✗", "missed", "（9/14）", "9/14", 180, 215},
		{"371521000000", "371521000000", "无数据", "", "none", "（0/18）", "0/18", 180, 0},
		{"371522000000", "莘县", "—", "", "none", "", "16/16", 180, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bars (-want +got):\n%s", diff)
	}
	var ticks []string
	for _, tk := range c.Ticks {
		ticks = append(ticks, tk.Label)
	}
	if diff := cmp.Diff([]string{"0", "25", "50", "75", "100"}, ticks); diff != "" {
		t.Errorf("ticks (-want +got):\n%s", diff)
	}
	if c.Target == nil || c.Target.X != 545.5 {
		t.Errorf("target %+v, want x = 180 + 0.85 × 430 = 545.5", c.Target)
	}
	if c.Height != int(barTop+4*barRow)+8 {
		t.Errorf("height %d", c.Height)
	}
}

func TestNewBarChartNegative(t *testing.T) {
	d := healthedu.MustParseDivisionCode
	c := newBarChart(barChartInput{Rows: []wire.IndicatorRow{
		{Result: wire.Result{Division: d("371502"), Value: new("-10")}},
		{Result: wire.Result{Division: d("371503"), Value: new("20")}},
	}})
	// From −10 to 20 over 430 units: zero at 180 + 430/3.
	if b := c.Bars[0]; b.X != 180 || b.W != 143.3 {
		t.Errorf("negative bar at %v, width %v", b.X, b.W)
	}
	if b := c.Bars[1]; b.X != 323.3 || b.W != 286.7 {
		t.Errorf("positive bar at %v, width %v", b.X, b.W)
	}
}

func TestNewLineChart(t *testing.T) {
	points := []chartPoint{{Value: "100.00"}, {Value: "50.00"}, {Value: ""}, {Value: "0.00"}, {Value: "25"}}
	c := newLineChart("t", "d", points)
	var ys []float64
	for _, p := range c.Points {
		ys = append(ys, p.Y)
	}
	// 100 at the top (24), 0 at the bottom (224); a missing month sits on
	// the baseline and breaks the line.
	if diff := cmp.Diff([]float64{24, 124, 224, 224, 174}, ys); diff != "" {
		t.Errorf("y (-want +got):\n%s", diff)
	}
	if len(c.Lines) != 2 {
		t.Errorf("%d polylines, want 2: %q", len(c.Lines), c.Lines)
	}
	// Above 100 the scale grows.
	c = newLineChart("t", "d", []chartPoint{{Value: "120"}})
	if got := c.Ticks[len(c.Ticks)-1].Label; got != "200" {
		t.Errorf("top tick %s, want 200", got)
	}
}
