package dashboard

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// boundaryAPI is the fake API with GET /v1/boundaries: squares of 0.1° in
// a row for the children of under that have (all but skip), marked
// synthetic; or an empty collection with none; or a failure with fail.
type boundaryAPI struct {
	*fakeAPI
	none, fail bool
	skip       string // the short code of a child without a boundary
}

func (b *boundaryAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/boundaries" {
		b.fakeAPI.ServeHTTP(w, r)
		return
	}
	if b.fail {
		fakeProblem(w, http.StatusInternalServerError, "intake.internal", "失败", "按测试要求失败")
		return
	}
	under, err := healthedu.ParseDivisionCode(r.URL.Query().Get("under"))
	if err != nil {
		fakeProblem(w, http.StatusBadRequest, "intake.param", "区划代码有误", err.Error())
		return
	}
	ans := wire.Boundaries{Type: "FeatureCollection", Under: fakeDivision(under), Synthetic: true, Features: []wire.BoundaryFeature{}}
	for i, c := range fakeRegistry.Children(under) {
		if b.none || c.Short() == b.skip {
			continue
		}
		lon, lat := 115+float64(i%4)*0.1, 36+float64(i/4)*0.1
		ring := [][2]float64{{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}}
		ans.Features = append(ans.Features, wire.BoundaryFeature{Type: "Feature", ID: c.String(),
			Properties: wire.BoundaryProperties{Code: c, Name: fakeRegistry.Name(c), Level: c.Level()},
			Geometry:   wire.MultiPolygon{Type: "MultiPolygon", Coordinates: [][][][2]float64{{ring}}}})
	}
	fakeJSON(w, ans)
}

func newMapDashboard(api http.Handler) http.Handler {
	return Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510"), Token: testToken})
}

func TestClassOf(t *testing.T) {
	row := func(value, target string, met *bool) wire.IndicatorRow {
		r := wire.IndicatorRow{Result: wire.Result{Met: met, Direction: ">="}}
		if value != "" {
			r.Value = &value
		}
		if target != "" {
			r.Target = &target
		}
		return r
	}
	yes, no := true, false
	tests := []struct {
		name string
		row  wire.IndicatorRow
		want mapClass
	}{
		{"met", row("90.00", "85", &yes), classMet},
		{"missed by 5.9% of the target", row("80.00", "85", &no), classNear},
		{"missed by exactly 10%", row("76.50", "85", &no), classNear},
		{"missed by just over 10%", row("76.49", "85", &no), classFar},
		{"missed by far", row("40", "85", &no), classFar},
		{"a ceiling missed nearly", row("5.4", "5", &no), classNear},
		{"a target of 0 missed", row("1", "0", &no), classFar},
		{"a value without a target", row("12", "", nil), classNoTarget},
		{"no value, with a target", row("", "85", nil), classNone},
		{"no value though marked missed", row("", "85", &no), classNone},
		{"a value of 0 is a value", row("0", "85", &no), classFar},
	}
	for _, tt := range tests {
		if got := classOf(tt.row); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestProjection(t *testing.T) {
	square := func(lon, lat, side float64) wire.MultiPolygon {
		return wire.MultiPolygon{Coordinates: [][][][2]float64{{{{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}}}}}
	}
	tests := []struct {
		name   string
		shapes []wire.MultiPolygon
		height float64
	}{
		// At 36°N a degree of longitude is cos 36° = 0.809 of one of
		// latitude: two squares side by side are 2 × 0.809 wide, 1 high.
		{"two squares across at 36°N", []wire.MultiPolygon{square(115, 35.5, 1), square(116, 35.5, 1)}, 544.0/(2*0.809017) + 16},
		// A tall shape is bounded by the height.
		{"a tall strip", []wire.MultiPolygon{square(115, 0, 0.01), square(115, 10, 0.01)}, mapMaxHeight},
		// A point is drawn as large as the width allows.
		{"a point", []wire.MultiPolygon{square(115, 36, 0)}, mapWidth},
	}
	for _, tt := range tests {
		pr, ok := newProjection(tt.shapes)
		if !ok {
			t.Fatalf("%s: no projection", tt.name)
		}
		if pr.Width != mapWidth || pr.Height < tt.height-1.5 || pr.Height > tt.height+1.5 {
			t.Errorf("%s: %v × %v, want %v × %v", tt.name, pr.Width, pr.Height, mapWidth, tt.height)
		}
		// Every position falls inside the viewBox, within the margin.
		for _, mp := range tt.shapes {
			for _, p := range mp.Coordinates[0][0] {
				x, y := pr.point(p)
				if x < mapPad-0.01 || x > pr.Width-mapPad+0.01 || y < mapPad-0.01 || y > pr.Height-mapPad+0.01 {
					t.Errorf("%s: %v projects to %v, %v, outside %v × %v", tt.name, p, x, y, pr.Width, pr.Height)
				}
			}
		}
	}
	if _, ok := newProjection(nil); ok {
		t.Error("a projection of nothing")
	}
	// The west is left and the north up; a ring is closed by Z, its tiny
	// steps dropped.
	pr, _ := newProjection([]wire.MultiPolygon{square(115, 36, 1)})
	d, spot := pr.path(wire.MultiPolygon{Coordinates: [][][][2]float64{{{{115, 36}, {115.00001, 36}, {116, 36}, {116, 37}, {115, 37}, {115, 36}}}}})
	if want := "M" + chartNumber(8+pr.offX) + " " + chartNumber(pr.Height-8) + "L"; !strings.HasPrefix(d, want) || strings.Count(d, "L") != 3 || !strings.HasSuffix(d, "Z") {
		t.Errorf("path %q, want it to start %q with 3 L", d, want)
	}
	if spot.X < 279 || spot.X > 281 || spot.Y < pr.Height/2-1 || spot.Y > pr.Height/2+1 || len(spot.Ring) != 4 {
		t.Errorf("label at %v, %v in a ring of %d", spot.X, spot.Y, len(spot.Ring))
	}
	// A label fits inside the square, not across its edge.
	if !boxInside(spot.Ring, 200, 200, 300, 230) || boxInside(spot.Ring, 0, 200, 100, 230) || pointInRing(spot.Ring, [2]float64{-1, 200}) {
		t.Error("boxInside")
	}
}

func TestTileGrid(t *testing.T) {
	tests := []struct {
		n          int
		cols, rows int
	}{{1, 1, 1}, {2, 2, 1}, {4, 2, 2}, {8, 3, 3}, {9, 3, 3}, {23, 5, 5}, {40, 5, 8}}
	for _, tt := range tests {
		tiles, w, h := tileGrid(tt.n)
		if len(tiles) != tt.n || w != tileGap+float64(tt.cols)*(tileSize+tileGap) || h != tileGap+float64(tt.rows)*(tileSize+tileGap) {
			t.Errorf("%d tiles: %d, %v × %v, want %d × %d", tt.n, len(tiles), w, h, tt.cols, tt.rows)
		}
		// In rows, in order, none overlapping another.
		for i := 1; i < len(tiles); i++ {
			a, b := tiles[i-1], tiles[i]
			if !(b.Y > a.Y || (b.Y == a.Y && b.X >= a.X+tileSize)) {
				t.Errorf("%d tiles: tile %d at %v after %v", tt.n, i, b, a)
			}
		}
	}
	if tiles, w, h := tileGrid(0); tiles != nil || w != 0 || h != 0 {
		t.Error("tiles of nothing")
	}
	if diff := cmp.Diff([][]string{{"东昌府区"}, {"香江光彩大", "市场服务"}, {"香江光彩大市", "场服务中心…"}},
		[][]string{tileLines("东昌府区", 6), tileLines("香江光彩大市场服务", 6), tileLines("香江光彩大市场服务中心服务", 6)}); diff != "" {
		t.Errorf("tileLines (-want +got):\n%s", diff)
	}
}

// mapAreas returns the areas of a map page: division → class and title.
func mapAreas(t *testing.T, body string) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	re := regexp.MustCompile(`<g class="area [a-z-]+" data-division="(\d+)" data-value="([^"]*)" data-class="([a-z-]+)">\s*<title>([^<]*)</title>`)
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out[m[1]] = [2]string{m[3], html.UnescapeString(m[4])}
	}
	return out
}

func TestMapPage(t *testing.T) {
	const ind = "child-health-management-rate"
	api := &boundaryAPI{fakeAPI: &fakeAPI{token: testToken}, skip: "371581"}
	h := newMapDashboard(api)
	status, body, _ := get(t, h, "/map?division=3715&indicator="+ind+"&period=202510&lang=zh-Hans")
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	var res wire.Indicators
	api.oracle("/v1/indicators", map[string][]string{"under": {"3715"}, "level": {"county"}, "period": {"202510"}, "indicators": {ind}}, "zh-Hans", &res)
	areas := mapAreas(t, body)
	if len(areas) != len(res.Rows)-1 { // 临清市 has no boundary
		t.Errorf("%d areas, want %d", len(areas), len(res.Rows)-1)
	}
	counts := map[mapClass]int{}
	for _, row := range res.Rows {
		class := classOf(row)
		counts[class]++
		if row.Division.Short() == "371581" {
			continue
		}
		got := areas[row.Division.String()]
		want := row.DivisionName + "：" + groupDecimal(*row.Value)
		if got[0] != string(class) || !strings.HasPrefix(got[1], want) || !strings.HasSuffix(got[1], "（"+langZhHans.coverage(row.Coverage).Title+"）") {
			t.Errorf("%s: %q, want class %s, title from %q", row.Division.Short(), got, class, want)
		}
	}
	for _, w := range []string{`data-kind="boundaries"`, `id="map-synthetic"`, `并非真实行政区划边界`, `以下区划没有边界数据，未在图上显示：临清市`,
		`等距圆柱投影`, `<a href="map?division=371502000000&amp;indicator=` + ind, `name="page" value="map"`, `目标 ≥ 85`, `<path d="M`} {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %s", w)
		}
	}
	// The legend counts every child, 临清市 too, as the table lists it.
	for c, n := range counts {
		li := element(t, body, `<li class="`+string(c)+`" data-class="`+string(c)+`">`, `</li>`)
		if !strings.Contains(li, `<span class="count">`+groupDigits(int64(n))+`个</span>`) {
			t.Errorf("legend of %s, want %d: %s", c, n, li)
		}
	}
	if n := strings.Count(element(t, body, `<tbody>`, `</tbody>`), "<tr "); n != len(res.Rows) {
		t.Errorf("the table has %d rows, want %d", n, len(res.Rows))
	}

	// Without boundaries: the tile grid, in English; and an indicator
	// without data is hatched, never 0, never failing.
	api.none = true
	status, body, _ = get(t, h, "/map?division=371502&indicator=binding-rate&period=202510&lang=en")
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	areas = mapAreas(t, body)
	if len(areas) != len(fakeRegistry.Children(healthedu.MustParseDivisionCode("371502"))) {
		t.Errorf("%d tiles", len(areas))
	}
	for d, a := range areas {
		if a[0] != string(classNone) || !strings.Contains(a[1], ": No data") {
			t.Errorf("%s: %q, want none", d, a)
		}
	}
	for _, w := range []string{`data-kind="tiles"`, `No boundaries are loaded`, `<rect x="6" y="6" width="100" height="100"`, `<a href="./?division=371502001000`} {
		if !strings.Contains(body, w) {
			t.Errorf("the tiles lack %s", w)
		}
	}
	for _, w := range []string{`id="map-synthetic"`, `class="value" x="56" y="88" text-anchor="middle">0<`, `class="area far"`, `class="area near"`} {
		if strings.Contains(body, w) {
			t.Errorf("the tiles have %s", w)
		}
	}

	// Boundaries that cannot be loaded: tiles, said so.
	api.none, api.fail = false, true
	status, body, _ = get(t, h, "/map?division=3715&lang=zh-Hant")
	if status != 200 || !strings.Contains(body, `data-kind="tiles"`) || !strings.Contains(body, "暫時無法取得區劃邊界") {
		t.Errorf("failed boundaries: %d\n%s", status, body)
	}

	// A township has no children to map.
	status, body, _ = get(t, h, "/map?division=371502001&lang=zh-Hans")
	if status != 200 || !strings.Contains(body, `id="map-notice"`) || !strings.Contains(body, "没有下级区划") {
		t.Errorf("township: %d", status)
	}
	// A wrong parameter says which.
	if status, body, _ := get(t, h, "/map?division=xx"); status != 400 || !strings.Contains(body, "division") {
		t.Errorf("bad division: %d", status)
	}
	// The start page links to the map of its indicator.
	_, body, _ = get(t, h, "/?division=3715&period=202510&indicator="+ind)
	if !strings.Contains(body, `<a href="map?division=371500000000&amp;indicator=`+ind) {
		t.Error("the start page does not link to the map")
	}
}
