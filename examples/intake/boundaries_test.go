package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// square returns a closed ring of a square of side 0.1° at lon, lat, as
// GeoJSON text.
func square(lon, lat string) string {
	return `[[` + lon + `,` + lat + `],[` + lon + `.1,` + lat + `],[` + lon + `.1,` + lat + `.1],[` + lon + `,` + lat + `.1],[` + lon + `,` + lat + `]]`
}

// collection returns a FeatureCollection of features.
func collection(features ...string) string {
	return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
}

// feature returns a Feature of code with geometry.
func feature(code, geometry string) string {
	return `{"type":"Feature","properties":{"code":` + code + `,"name":"x"},"geometry":` + geometry + `}`
}

func TestParseBoundaries(t *testing.T) {
	poly := `{"type":"Polygon","coordinates":[` + square("115", "36") + `]}`
	multi := `{"type":"MultiPolygon","coordinates":[[` + square("116", "36") + `],[` + square("115", "37") + `,` + square("115", "37") + `]]}`
	tests := []struct {
		name     string
		in       string
		wantCode string // "" when it parses
		wantPath string
		want     map[string]int // division → polygons, when it parses
	}{
		{"polygon and multipolygon, short and 12-digit codes", collection(feature(`"371502"`, poly), feature(`"371503000000"`, multi)), "", "",
			map[string]int{"371502": 1, "371503": 2}},
		{"altitude dropped, foreign members kept out", `{"type":"FeatureCollection","name":"x","features":[{"type":"Feature","id":7,"properties":{"code":"371502","other":[1]},"geometry":{"type":"Polygon","coordinates":[[[115,36,20],[116,36,20],[116,37,0],[115,36,20]]]}}]}`, "", "",
			map[string]int{"371502": 1}},
		{"not JSON", `{"type":`, codeGeoSyntax, "", nil},
		{"an array", `[1]`, codeGeoType, "", nil},
		{"not a collection", `{"type":"Feature","features":[]}`, codeGeoType, "/type", nil},
		{"no type", `{"features":[]}`, codeGeoType, "/type", nil},
		{"no features", collection(), codeGeoNoFeatures, "/features", nil},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, codeGeoType, "/features", nil},
		{"a feature that is not one", collection(feature(`"371502"`, poly), `{"type":"Point"}`), codeGeoType, "/features/1/type", nil},
		{"a feature that is a number", collection(`3`), codeGeoType, "/features/0", nil},
		{"no code", collection(`{"type":"Feature","properties":{"name":"x"},"geometry":` + poly + `}`), codeGeoCodeMissing, "/features/0/properties/code", nil},
		{"no properties", collection(`{"type":"Feature","properties":null,"geometry":` + poly + `}`), codeGeoCodeMissing, "/features/0/properties/code", nil},
		{"properties a string", collection(`{"type":"Feature","properties":"371502","geometry":` + poly + `}`), codeGeoType, "/features/0/properties", nil},
		{"a numeric code", collection(feature(`371502`, poly)), codeGeoCodeMissing, "/features/0/properties/code", nil},
		{"a code that is not one", collection(feature(`"37150"`, poly)), codeGeoCodeInvalid, "/features/0/properties/code", nil},
		{"a code not in the registry", collection(feature(`"379999"`, poly)), codeGeoCodeUnknown, "/features/0/properties/code", nil},
		{"a division twice", collection(feature(`"371502"`, poly), feature(`"371502000000"`, poly)), codeGeoCodeDuplicate, "/features/1/properties/code", nil},
		{"no geometry", collection(feature(`"371502"`, `null`)), codeGeoGeometryRequired, "/features/0/geometry", nil},
		{"a point", collection(feature(`"371502"`, `{"type":"Point","coordinates":[115,36]}`)), codeGeoGeometryType, "/features/0/geometry/type", nil},
		{"a geometry without type", collection(feature(`"371502"`, `{"coordinates":[]}`)), codeGeoGeometryType, "/features/0/geometry/type", nil},
		{"polygon nested as a multipolygon", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[`+square("115", "36")+`]]}`)), codeGeoPosition, "/features/0/geometry/coordinates/0/0", nil},
		{"empty coordinates", collection(feature(`"371502"`, `{"type":"MultiPolygon","coordinates":[]}`)), codeGeoCoordinates, "/features/0/geometry/coordinates", nil},
		{"a polygon without rings", collection(feature(`"371502"`, `{"type":"MultiPolygon","coordinates":[[]]}`)), codeGeoCoordinates, "/features/0/geometry/coordinates", nil},
		{"coordinates a string", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":"x"}`)), codeGeoCoordinates, "/features/0/geometry/coordinates", nil},
		{"latitude out of range", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[[115,36],[116,36],[116,91],[115,36]]]}`)), codeGeoPosition, "/features/0/geometry/coordinates/0/2", nil},
		{"longitude out of range", collection(feature(`"371502"`, `{"type":"MultiPolygon","coordinates":[[[[115,36],[116,36],[116,37],[115,36]]],[[[181,36],[116,36],[116,37],[181,36]]]]}`)), codeGeoPosition, "/features/0/geometry/coordinates/1/0/0", nil},
		{"a position of one number", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[[115],[116,36],[116,37],[115,36]]]}`)), codeGeoPosition, "/features/0/geometry/coordinates/0/0", nil},
		{"a position of text", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[["115","36"],[116,36],[116,37],[115,36]]]}`)), codeGeoPosition, "/features/0/geometry/coordinates/0/0", nil},
		{"a ring not closed", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[[115,36],[116,36],[116,37],[115,37]]]}`)), codeGeoRing, "/features/0/geometry/coordinates/0", nil},
		{"a ring too short", collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[[[115,36],[116,36],[115,36]]]}`)), codeGeoRing, "/features/0/geometry/coordinates/0", nil},
	}
	reg := healthedu.DefaultRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, gi := parseBoundaries([]byte(tt.in), reg)
			var code, path string
			if gi != nil {
				code, path = gi.Code, gi.Path
				// Every issue has a message in the three languages, with
				// its params, and the startup error names the file.
				se := gi.startupError("b.geojson")
				for _, lang := range []language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English} {
					msg := se.Message(lang)
					if !strings.Contains(msg, "b.geojson") || !strings.Contains(msg, pointerOrRoot(tt.wantPath)) || strings.Contains(msg, "%!") || strings.Contains(msg, "unregistered") {
						t.Errorf("%s message %q", lang, msg)
					}
				}
			}
			if diff := cmp.Diff([2]string{tt.wantCode, tt.wantPath}, [2]string{code, path}); diff != "" {
				t.Errorf("issue (-want +got):\n%s", diff)
			}
			if tt.want != nil && set != nil {
				got := map[string]int{}
				for c, mp := range set.byCode {
					got[c.Short()] = len(mp.Coordinates)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("polygons (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestParseBoundariesLimits(t *testing.T) {
	big := make([]byte, boundariesMaxBytes+1)
	if _, gi := parseBoundaries(big, healthedu.DefaultRegistry()); gi == nil || gi.Code != codeGeoTooLarge {
		t.Errorf("a file too large: %v", gi)
	}
	// A ring of more positions than the limit.
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371502"},"geometry":{"type":"Polygon","coordinates":[[`)
	for range boundariesMaxPositions + 1 {
		b.WriteString("[0,0],")
	}
	b.WriteString("[0,0]]]}}]}")
	if _, gi := parseBoundaries([]byte(b.String()), healthedu.DefaultRegistry()); gi == nil || gi.Code != codeGeoTooMany || gi.Path != "/features/0/geometry/coordinates/0" {
		t.Errorf("too many positions: %v", gi)
	}
}

func TestLoadBoundaries(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.geojson")
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(good, []byte(collection(feature(`"371502"`, `{"type":"Polygon","coordinates":[`+square("115", "36")+`]}`))), 0o644)
	os.WriteFile(bad, []byte(collection(feature(`"371502"`, `{"type":"LineString","coordinates":[[115,36],[116,36]]}`))), 0o644)
	if b, err := loadBoundaries(good, healthedu.DefaultRegistry()); err != nil || b.len() != 1 || b.Synthetic {
		t.Errorf("good: %v, %v", b, err)
	}
	if b, err := loadBoundaries("", healthedu.DefaultRegistry()); err != nil || b != nil {
		t.Errorf("none: %v, %v", b, err)
	}
	_, err := loadBoundaries(bad, healthedu.DefaultRegistry())
	want := "区划边界文件 " + bad + " 有误（位置 /features/0/geometry/type）：边界的几何类型应为多边形或多个多边形（Polygon, MultiPolygon），而不是“LineString”"
	if got := errorText(err, healthedu.ZhHans); got != want {
		t.Errorf("bad:\n got %s\nwant %s", got, want)
	}
	_, err = loadBoundaries(filepath.Join(dir, "none.geojson"), healthedu.DefaultRegistry())
	if se, ok := err.(*startupError); !ok || se.code != codeBoundariesRead {
		t.Errorf("missing: %v", err)
	}
	// The server does not start, and says why.
	var stderr strings.Builder
	if code := run(t.Context(), []string{"-boundaries", bad, "-demo", "-db", filepath.Join(dir, "x.db"), "-addr", "127.0.0.1:0"}, &strings.Builder{}, &stderr, nil); code != 1 ||
		!strings.Contains(stderr.String(), "/features/0/geometry/type") {
		t.Errorf("run: %d\n%s", code, stderr.String())
	}
}

// TestDemoBoundaries checks that the demo's synthetic boundaries cover
// 聊城's counties and 东昌府区's townships, each a closed ring of a cell
// with an area, and that written as GeoJSON they read back the same.
func TestDemoBoundaries(t *testing.T) {
	set := demoBoundaries()
	reg := healthedu.DefaultRegistry()
	want := append(reg.Children(demoDivision), reg.Children(healthedu.MustParseDivisionCode("371502"))...)
	if set.len() != len(want) || !set.Synthetic {
		t.Fatalf("%d boundaries (synthetic %v), want %d", set.len(), set.Synthetic, len(want))
	}
	var features []wire.BoundaryFeature
	for _, c := range want {
		mp, ok := set.byCode[c]
		if !ok {
			t.Errorf("no boundary of %s", c.Short())
			continue
		}
		ring := mp.Coordinates[0][0]
		if len(ring) < 4 || ring[0] != ring[len(ring)-1] || ringArea(ring) <= 0 {
			t.Errorf("%s: ring of %d positions, area %v", c.Short(), len(ring), ringArea(ring))
		}
		features = append(features, wire.BoundaryFeature{Type: "Feature", ID: c.String(), Properties: wire.BoundaryProperties{Code: c, Level: c.Level()}, Geometry: mp})
	}
	data, err := json.Marshal(wire.Boundaries{Type: "FeatureCollection", Under: wire.Division{Code: demoDivision, Level: demoDivision.Level()}, Features: features})
	if err != nil {
		t.Fatal(err)
	}
	back, gi := parseBoundaries(data, reg)
	if gi != nil {
		t.Fatal(gi)
	}
	if diff := cmp.Diff(set.byCode, back.byCode, cmp.Comparer(func(a, b healthedu.DivisionCode) bool { return a == b })); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

// ringArea returns the signed area of a closed ring, positive when
// counter-clockwise.
func ringArea(ring [][2]float64) float64 {
	a := 0.0
	for i := 0; i+1 < len(ring); i++ {
		a += ring[i][0]*ring[i+1][1] - ring[i+1][0]*ring[i][1]
	}
	return a / 2
}

// TestBoundariesEndpoint checks GET /v1/boundaries: the children of under
// that have a boundary, within the token's scope.
func TestBoundariesEndpoint(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), func(c *config) { c.Boundaries = demoBoundaries() })
	var b wire.Boundaries
	a := h.request("GET", "/v1/boundaries?under=3715", tokenCity, nil)
	a.json(t, &b)
	var got []string
	for _, f := range b.Features {
		if f.Type != "Feature" || f.Geometry.Type != "MultiPolygon" || f.ID != f.Properties.Code.String() || f.Properties.Name == "" {
			t.Errorf("feature %+v", f.Properties)
		}
		got = append(got, f.Properties.Code.Short())
	}
	want := []string{"371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581"}
	if diff := cmp.Diff(want, got); a.status != 200 || !b.Synthetic || b.Type != "FeatureCollection" || b.Under.Name != "聊城市" || diff != "" {
		t.Errorf("%d %v %q %s: (-want +got)\n%s", a.status, b.Synthetic, b.Under.Name, b.Type, diff)
	}
	// A county without boundaries of its townships: an empty collection.
	a = h.request("GET", "/v1/boundaries?under=371524", tokenCity, nil)
	b = wire.Boundaries{}
	a.json(t, &b)
	if a.status != 200 || b.Features == nil || len(b.Features) != 0 {
		t.Errorf("371524: %d %s", a.status, a.body)
	}
	// Outside the token's scope.
	if a := h.request("GET", "/v1/boundaries?under=371502", tokenDonge, nil); a.status != 403 || a.problemCode(t) != codeForbidden {
		t.Errorf("outside the scope: %d %s", a.status, a.body)
	}
	// Without boundaries at all.
	h2 := newHarness(t, openTestSQLite(t))
	a = h2.request("GET", "/v1/boundaries?under=3715", tokenCity, nil)
	b = wire.Boundaries{}
	a.json(t, &b)
	if a.status != 200 || len(b.Features) != 0 || b.Synthetic {
		t.Errorf("no boundaries: %d %s", a.status, a.body)
	}
}

// FuzzParseBoundaries checks that no file of boundaries makes the parser
// panic, and that what it accepts has closed rings of valid positions, one
// boundary a division of the registry.
func FuzzParseBoundaries(f *testing.F) {
	poly := `{"type":"Polygon","coordinates":[` + square("115", "36") + `]}`
	f.Add([]byte(collection(feature(`"371502"`, poly))))
	f.Add([]byte(collection(feature(`"371502"`, poly), feature(`"371502"`, poly))))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371503"},"geometry":{"type":"MultiPolygon","coordinates":[[[[115,36,1],[116,36],[116,37],[115,36]]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null]}`))
	f.Add([]byte(`[]`))
	reg := healthedu.DefaultRegistry()
	f.Fuzz(func(t *testing.T, data []byte) {
		set, gi := parseBoundaries(data, reg)
		if gi != nil {
			if set != nil {
				t.Fatal("both a set and an issue")
			}
			if msg := gi.startupError("f").Message(healthedu.ZhHans); strings.Contains(msg, "%!") {
				t.Fatalf("message %q", msg)
			}
			return
		}
		for c, mp := range set.byCode {
			if !reg.Contains(c) || len(mp.Coordinates) == 0 {
				t.Fatalf("%s: %v", c, mp)
			}
			for _, poly := range mp.Coordinates {
				for _, ring := range poly {
					if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
						t.Fatalf("%s: ring %v", c, ring)
					}
				}
			}
		}
	})
}
