package dashboard

import (
	"math"
	"math/big"
	"strings"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// The geometry of the map (地图): boundaries projected into the SVG's
// viewBox, and the tile grid drawn when there are none.
//
// The projection is equirectangular (等距圆柱投影) with the longitudes
// scaled by the cosine of the latitude at the middle of the divisions
// drawn: x = (λ − λmin)·cos φ0, y = φmax − φ, both then scaled to the
// viewBox. Over a province or less the shapes are then close to what a
// map in any usual projection shows, and no library is needed; it is not
// meant for measuring. Rings are simplified on the way, dropping a
// position nearer than mapMinStep units to the last one kept, which a
// screen could not show anyway and which keeps the page light.

// Map geometry, in the units of its viewBox: narrow, like the trend's, so
// that its texts stay legible on a phone.
const (
	mapWidth     = 560.0
	mapMaxHeight = 620.0
	mapPad       = 8.0
	mapMinStep   = 0.8 // the shortest edge kept, in viewBox units

	tileSize    = 100.0
	tileGap     = 6.0
	tileMaxCols = 5
)

// A mapClass is how a division is coloured: by its value against the
// indicator's target.
type mapClass string

const (
	classMet      mapClass = "met"       // meets its target
	classNear     mapClass = "near"      // misses it by at most mapNearShare of the target
	classFar      mapClass = "far"       // misses it by more
	classNoTarget mapClass = "no-target" // a value, without a target to judge it by
	classNone     mapClass = "none"      // no value: never 0, never a failing colour
)

// mapClasses are the classes in the order of the legend.
var mapClasses = []mapClass{classMet, classNear, classFar, classNoTarget, classNone}

// mapNearShare is the share of the target within which a value that
// misses it is "near": 10 %, so that a rate of 80 against a target of
// 85 is near (5 points, 5.9 % of 85) and one of 70 far.
var mapNearShare = big.NewRat(1, 10)

// classOf returns the class of row: none without a value (whatever else
// the API says), no-target without a judgement, met, or near or far by
// the gap between the value and the target, as a share of the target,
// computed exactly from the decimals the API wrote.
func classOf(row wire.IndicatorRow) mapClass {
	switch {
	case row.Value == nil:
		return classNone
	case row.Met == nil:
		return classNoTarget
	case *row.Met:
		return classMet
	}
	v, okV := new(big.Rat).SetString(*row.Value)
	t, okT := new(big.Rat).SetString(textOf(row.Target))
	if !okV || !okT || t.Sign() == 0 {
		return classFar
	}
	gap := new(big.Rat).Sub(v, t)
	share := gap.Abs(gap).Quo(gap, new(big.Rat).Abs(t))
	if share.Cmp(mapNearShare) <= 0 {
		return classNear
	}
	return classFar
}

// A projection maps longitude and latitude into the map's viewBox.
type projection struct {
	minLon, maxLat float64
	cos, scale     float64
	offX           float64 // centres the drawing across when its height bounds the scale
	Width, Height  float64
}

// newProjection returns the projection that fits the positions of the
// multipolygons into the viewBox: mapWidth wide, at most mapMaxHeight
// high, with a margin of mapPad. ok is false when there is no position.
func newProjection(shapes []wire.MultiPolygon) (projection, bool) {
	minLon, maxLon, minLat, maxLat := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, mp := range shapes {
		for _, poly := range mp.Coordinates {
			for _, ring := range poly {
				for _, p := range ring {
					minLon, maxLon = min(minLon, p[0]), max(maxLon, p[0])
					minLat, maxLat = min(minLat, p[1]), max(maxLat, p[1])
				}
			}
		}
	}
	if math.IsInf(minLon, 0) {
		return projection{}, false
	}
	pr := projection{minLon: minLon, maxLat: maxLat, cos: math.Cos((minLat + maxLat) / 2 * math.Pi / 180)}
	pr.cos = max(pr.cos, 0.05) // near a pole, a sliver rather than nothing
	spanX := max((maxLon-minLon)*pr.cos, 1e-9)
	spanY := max(maxLat-minLat, 1e-9)
	pr.scale = min((mapWidth-2*mapPad)/spanX, (mapMaxHeight-2*mapPad)/spanY)
	pr.Width = mapWidth
	pr.Height = math.Ceil(spanY*pr.scale + 2*mapPad)
	pr.offX = (mapWidth - 2*mapPad - spanX*pr.scale) / 2
	return pr, true
}

// point projects a position [longitude, latitude].
func (pr projection) point(p [2]float64) (float64, float64) {
	x := mapPad + pr.offX + (p[0]-pr.minLon)*pr.cos*pr.scale
	y := mapPad + (pr.maxLat-p[1])*pr.scale
	return x, y
}

// A labelSpot is where the texts of an area go: the centroid of its
// largest ring, with that ring, projected, to check that they fit in it.
type labelSpot struct {
	X, Y float64
	Ring [][2]float64
}

// path returns the SVG path of mp, its rings simplified, and the spot of
// its label. The path is "" when every ring is smaller than the screen
// shows.
func (pr projection) path(mp wire.MultiPolygon) (string, labelSpot) {
	var b strings.Builder
	var spot labelSpot
	best := -1.0
	for _, poly := range mp.Coordinates {
		for ri, ring := range poly {
			pts := pr.simplify(ring)
			if len(pts) < 3 {
				continue
			}
			for i, p := range pts {
				if i == 0 {
					b.WriteString("M")
				} else {
					b.WriteString("L")
				}
				b.WriteString(chartNumber(p[0]) + " " + chartNumber(p[1]))
			}
			b.WriteString("Z")
			if ri > 0 {
				continue // a hole
			}
			if a, x, y := ringCentroid(pts); math.Abs(a) > best {
				best = math.Abs(a)
				spot = labelSpot{X: chartRound(x), Y: chartRound(y), Ring: pts}
			}
		}
	}
	return b.String(), spot
}

// boxInside reports whether the rectangle from (x0, y0) to (x1, y1) lies
// inside ring: its corners and the middles of its sides do (enough for
// the shapes of divisions and the size of a label).
func boxInside(ring [][2]float64, x0, y0, x1, y1 float64) bool {
	mx, my := (x0+x1)/2, (y0+y1)/2
	for _, p := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}, {mx, y0}, {mx, y1}, {x0, my}, {x1, my}} {
		if !pointInRing(ring, p) {
			return false
		}
	}
	return true
}

// pointInRing reports whether p lies inside ring (even–odd rule).
func pointInRing(ring [][2]float64, p [2]float64) bool {
	in := false
	for i, a := range ring {
		b := ring[(i+len(ring)-1)%len(ring)]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// simplify projects ring and drops each position nearer than mapMinStep
// to the last one kept; the closing position is left out (Z closes).
func (pr projection) simplify(ring [][2]float64) [][2]float64 {
	var out [][2]float64
	for i, p := range ring {
		if i == len(ring)-1 && len(ring) > 1 && p == ring[0] {
			break
		}
		x, y := pr.point(p)
		x, y = chartRound(x), chartRound(y)
		if n := len(out); n > 0 && math.Hypot(x-out[n-1][0], y-out[n-1][1]) < mapMinStep {
			continue
		}
		out = append(out, [2]float64{x, y})
	}
	if n := len(out); n > 1 && math.Hypot(out[0][0]-out[n-1][0], out[0][1]-out[n-1][1]) < mapMinStep {
		out = out[:n-1]
	}
	return out
}

// ringCentroid returns the signed area and the centroid of a ring of
// projected points, or the mean of its points when its area is nil.
func ringCentroid(pts [][2]float64) (area, x, y float64) {
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		c := p[0]*q[1] - q[0]*p[1]
		area += c
		x += (p[0] + q[0]) * c
		y += (p[1] + q[1]) * c
	}
	if math.Abs(area) < 1e-9 {
		for _, p := range pts {
			x, y = x+p[0], y+p[1]
		}
		return 0, x / float64(len(pts)), y / float64(len(pts))
	}
	area /= 2
	return area, x / (6 * area), y / (6 * area)
}

// A tile is one division's square on the tile grid.
type tile struct {
	X, Y float64 // the top left corner
}

// tileGrid lays out n tiles in rows, in order: as many columns as make the
// grid near square, at most tileMaxCols so that the tiles stay legible on
// a phone. It returns the tiles and the size of the grid.
func tileGrid(n int) ([]tile, float64, float64) {
	if n <= 0 {
		return nil, 0, 0
	}
	cols := int(math.Ceil(math.Sqrt(float64(n))))
	cols = min(max(cols, 1), tileMaxCols, n)
	rows := (n + cols - 1) / cols
	tiles := make([]tile, n)
	for i := range tiles {
		tiles[i] = tile{X: tileGap + float64(i%cols)*(tileSize+tileGap), Y: tileGap + float64(i/cols)*(tileSize+tileGap)}
	}
	return tiles, tileGap + float64(cols)*(tileSize+tileGap), tileGap + float64(rows)*(tileSize+tileGap)
}

// tileLines splits a name into at most two lines of at most max
// characters each, for a tile, the second ending in … when the name is
// longer.
func tileLines(name string, max int) []string {
	r := []rune(name)
	switch {
	case len(r) <= max:
		return []string{name}
	case len(r) <= 2*max:
		half := (len(r) + 1) / 2
		return []string{string(r[:half]), string(r[half:])}
	}
	return []string{string(r[:max]), string(r[max:2*max-1]) + "…"}
}
