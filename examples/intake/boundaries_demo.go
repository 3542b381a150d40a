package main

import (
	"math"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The demo's boundaries (示意边界) are SYNTHETIC: made-up shapes roughly
// where 聊城's counties and 东昌府区's townships lie, so that the
// dashboard's map has something to draw. They are not the real boundaries
// and must not be used as such; the map says so. Each county is the cell,
// within a rough octagon around 聊城, of the points nearer to a made-up
// centre of the county than to any other (a Voronoi cell); each township
// of 东昌府区 likewise within its county's cell, around centres spread by
// a fixed pseudo-random sequence, so that the shapes are the same at every
// start.

// demoCountyCentres are the made-up centres of 聊城's counties, in
// longitude and latitude.
var demoCountyCentres = map[string][2]float64{
	"371502": {115.98, 36.43}, // 东昌府区
	"371503": {116.27, 36.60}, // 茌平区
	"371521": {115.86, 36.08}, // 阳谷县
	"371522": {115.55, 36.20}, // 莘县
	"371524": {116.27, 36.30}, // 东阿县
	"371525": {115.47, 36.52}, // 冠县
	"371526": {116.25, 36.87}, // 高唐县
	"371581": {115.75, 36.82}, // 临清市
}

// demoOutline is the rough octagon the counties divide, counter-clockwise.
var demoOutline = [][2]float64{
	{115.55, 35.85}, {116.10, 35.85}, {116.50, 36.15}, {116.55, 36.75},
	{116.40, 37.05}, {115.70, 37.05}, {115.25, 36.70}, {115.25, 36.20},
}

// demoBoundaries returns the demo's synthetic boundaries.
func demoBoundaries() *boundarySet {
	reg := healthedu.DefaultRegistry()
	set := &boundarySet{byCode: map[healthedu.DivisionCode]wire.MultiPolygon{}, Synthetic: true}
	var codes []healthedu.DivisionCode
	var centres [][2]float64
	for _, c := range reg.Children(demoDivision) {
		if p, ok := demoCountyCentres[c.Short()]; ok {
			codes, centres = append(codes, c), append(centres, p)
		}
	}
	cells := voronoiCells(demoOutline, centres)
	for i, c := range codes {
		set.byCode[c] = polygonOf(cells[i])
	}
	// The townships of 东昌府区, within its cell.
	county := healthedu.MustParseDivisionCode("371502")
	cell := cells[0]
	for i, c := range codes {
		if c == county {
			cell = cells[i]
		}
	}
	towns := reg.Children(county)
	pts := spreadPoints(cell, len(towns))
	for i, tc := range voronoiCells(cell, pts) {
		set.byCode[towns[i]] = polygonOf(tc)
	}
	return set
}

// polygonOf returns the closed ring of cell, rounded to 5 decimals (about
// a metre), as a MultiPolygon.
func polygonOf(cell [][2]float64) wire.MultiPolygon {
	ring := make([][2]float64, 0, len(cell)+1)
	for _, p := range cell {
		ring = append(ring, [2]float64{math.Round(p[0]*1e5) / 1e5, math.Round(p[1]*1e5) / 1e5})
	}
	ring = append(ring, ring[0])
	return wire.MultiPolygon{Type: "MultiPolygon", Coordinates: [][][][2]float64{{ring}}}
}

// voronoiCells returns, for each of centres, the part of the convex
// polygon outline nearer to it than to any other centre: outline clipped
// by the half-planes of the perpendicular bisectors (in degrees, which is
// good enough for made-up shapes).
func voronoiCells(outline, centres [][2]float64) [][][2]float64 {
	cells := make([][][2]float64, len(centres))
	for i, a := range centres {
		cell := outline
		for j, b := range centres {
			if i != j {
				cell = clipHalfPlane(cell, a, b)
			}
		}
		cells[i] = cell
	}
	return cells
}

// clipHalfPlane returns the part of the convex polygon poly nearer to a
// than to b (Sutherland–Hodgman against one edge).
func clipHalfPlane(poly [][2]float64, a, b [2]float64) [][2]float64 {
	// Inside when (p - m)·(b - a) ≤ 0, m the midpoint of a and b.
	m := [2]float64{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
	d := [2]float64{b[0] - a[0], b[1] - a[1]}
	side := func(p [2]float64) float64 { return (p[0]-m[0])*d[0] + (p[1]-m[1])*d[1] }
	var out [][2]float64
	for i, p := range poly {
		q := poly[(i+1)%len(poly)]
		sp, sq := side(p), side(q)
		if sp <= 0 {
			out = append(out, p)
		}
		if (sp < 0 && sq > 0) || (sp > 0 && sq < 0) {
			t := sp / (sp - sq)
			out = append(out, [2]float64{p[0] + t*(q[0]-p[0]), p[1] + t*(q[1]-p[1])})
		}
	}
	return out
}

// spreadPoints returns n points inside the convex polygon poly, spread
// over it by a fixed pseudo-random sequence kept apart from each other.
func spreadPoints(poly [][2]float64, n int) [][2]float64 {
	lo, hi := poly[0], poly[0]
	for _, p := range poly {
		lo = [2]float64{min(lo[0], p[0]), min(lo[1], p[1])}
		hi = [2]float64{max(hi[0], p[0]), max(hi[1], p[1])}
	}
	seed := uint64(371502)
	next := func() float64 { // a linear congruential generator, Knuth's MMIX constants
		seed = seed*6364136223846793005 + 1442695040888963407
		return float64(seed>>11) / (1 << 53)
	}
	gap := math.Sqrt((hi[0]-lo[0])*(hi[1]-lo[1])/float64(max(n, 1))) * 0.55
	var pts [][2]float64
	for tries := 0; len(pts) < n; tries++ {
		p := [2]float64{lo[0] + next()*(hi[0]-lo[0]), lo[1] + next()*(hi[1]-lo[1])}
		if !insideConvex(poly, p) {
			continue
		}
		far := true
		for _, q := range pts {
			if math.Hypot(p[0]-q[0], p[1]-q[1]) < gap && tries < 100_000 {
				far = false
				break
			}
		}
		if far {
			pts = append(pts, p)
		}
	}
	return pts
}

// insideConvex reports whether p lies inside the convex polygon poly,
// counter-clockwise.
func insideConvex(poly [][2]float64, p [2]float64) bool {
	for i, a := range poly {
		b := poly[(i+1)%len(poly)]
		if (b[0]-a[0])*(p[1]-a[1])-(b[1]-a[1])*(p[0]-a[0]) < 0 {
			return false
		}
	}
	return true
}
