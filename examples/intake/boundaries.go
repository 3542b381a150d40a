package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strconv"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The boundaries of divisions (区划边界) that the dashboard's map draws
// (-boundaries FILE.geojson): a GeoJSON FeatureCollection (RFC 7946) whose
// features are the divisions' boundaries, each a Polygon or a MultiPolygon
// in longitude and latitude, keyed by the division's code in the property
// code (12 digits or short, "371502" or "371502000000"), as DHIS2 imports
// the geometry of its organisation units. Other properties and members are
// left alone. The file is read strictly: anything wrong stops the server
// at startup with a message that says what and where, by a JSON Pointer to
// the member (/features/3/geometry/coordinates/0/2).
//
// GET /v1/boundaries?under= gives the boundaries of the children of a
// division, as MultiPolygons (see wire.Boundaries).

// Limits of a file of boundaries.
const (
	boundariesMaxBytes     = 64 << 20  // the file
	boundariesMaxFeatures  = 100_000   // features
	boundariesMaxPositions = 4_000_000 // positions in all
)

// The issue codes of a file of boundaries.
const (
	codeBoundaries          = "intake.boundaries"
	codeBoundariesRead      = "intake.boundariesRead"
	codeGeoTooLarge         = "intake.geoTooLarge"
	codeGeoSyntax           = "intake.geoSyntax"
	codeGeoType             = "intake.geoType"
	codeGeoGeometryType     = "intake.geoGeometryType"
	codeGeoCoordinates      = "intake.geoCoordinates"
	codeGeoPosition         = "intake.geoPosition"
	codeGeoRing             = "intake.geoRing"
	codeGeoCodeMissing      = "intake.geoCodeMissing"
	codeGeoCodeInvalid      = "intake.geoCodeInvalid"
	codeGeoCodeUnknown      = "intake.geoCodeUnknown"
	codeGeoCodeDuplicate    = "intake.geoCodeDuplicate"
	codeGeoTooMany          = "intake.geoTooMany"
	codeGeoNoFeatures       = "intake.geoNoFeatures"
	codeGeoGeometryRequired = "intake.geoGeometryRequired"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeBoundaries, Severity: e, Params: []string{"file", "path", "reason"},
			Meaning: "the file of boundaries (-boundaries) is wrong at a member, named by a JSON Pointer; the server does not start",
			ZhHans:  "区划边界文件 %[1]v 有误（位置 %[2]v）：%[3]v",
			ZhHant:  "區劃邊界檔案 %[1]v 有誤（位置 %[2]v）：%[3]v",
			En:      "the boundaries file %[1]v is wrong at %[2]v: %[3]v"},
		healthedu.CodeDef{Code: codeBoundariesRead, Severity: e, Params: []string{"file", "reason"},
			Meaning: "the file of boundaries (-boundaries) cannot be read; the server does not start",
			ZhHans:  "无法读取区划边界文件 %[1]v：%[2]v",
			ZhHant:  "無法讀取區劃邊界檔案 %[1]v：%[2]v",
			En:      "cannot read the boundaries file %[1]v: %[2]v"},
		healthedu.CodeDef{Code: codeGeoTooLarge, Severity: e, Params: []string{"max"},
			Meaning: "a file of boundaries is larger than the platform reads",
			ZhHans:  "文件超过 %[1]v 字节，请简化边界后再导入",
			ZhHant:  "檔案超過 %[1]v 位元組，請簡化邊界後再匯入",
			En:      "the file is larger than %[1]v bytes; simplify the boundaries first"},
		healthedu.CodeDef{Code: codeGeoSyntax, Severity: e, Params: []string{"offset"},
			Meaning: "a file of boundaries is not JSON",
			ZhHans:  "不是有效的 JSON（约第 %[1]v 字节处）",
			ZhHant:  "不是有效的 JSON（約第 %[1]v 位元組處）",
			En:      "not valid JSON (near byte %[1]v)"},
		healthedu.CodeDef{Code: codeGeoType, Severity: e, Params: []string{"want", "value"},
			Meaning: "a member type of a GeoJSON object is not the one expected there",
			ZhHans:  "type 应为 %[1]v，而不是“%[2]v”",
			ZhHant:  "type 應為 %[1]v，而不是「%[2]v」",
			En:      "type must be %[1]v, not “%[2]v”"},
		healthedu.CodeDef{Code: codeGeoGeometryType, Severity: e, Params: []string{"value", "allowed"},
			Meaning: "a boundary's geometry is neither a Polygon nor a MultiPolygon",
			ZhHans:  "边界的几何类型应为多边形或多个多边形（%[2]v），而不是“%[1]v”",
			ZhHant:  "邊界的幾何類型應為多邊形或多個多邊形（%[2]v），而不是「%[1]v」",
			En:      "a boundary's geometry must be a polygon or polygons (%[2]v), not “%[1]v”"},
		healthedu.CodeDef{Code: codeGeoGeometryRequired, Severity: e,
			Meaning: "a feature of a file of boundaries has no geometry",
			ZhHans:  "要素缺少几何图形",
			ZhHant:  "要素缺少幾何圖形",
			En:      "the feature has no geometry"},
		healthedu.CodeDef{Code: codeGeoCoordinates, Severity: e, Params: []string{"type"},
			Meaning: "the coordinates of a geometry are not nested arrays of numbers as its type requires",
			ZhHans:  "坐标的嵌套层次不符合 %[1]v 的要求，应为由数字组成的数组",
			ZhHant:  "座標的巢狀層次不符合 %[1]v 的要求，應為由數字組成的陣列",
			En:      "the coordinates are not arrays of numbers nested as a %[1]v's are"},
		healthedu.CodeDef{Code: codeGeoPosition, Severity: e,
			Meaning: "a position of a boundary is not [longitude, latitude] (an altitude may follow) with the longitude from -180 to 180 and the latitude from -90 to 90",
			ZhHans:  "坐标点应为 [经度, 纬度]（可另加高程），经度在 -180 至 180 之间，纬度在 -90 至 90 之间",
			ZhHant:  "座標點應為 [經度, 緯度]（可另加高程），經度在 -180 至 180 之間，緯度在 -90 至 90 之間",
			En:      "a position is [longitude, latitude] (an altitude may follow), the longitude from -180 to 180, the latitude from -90 to 90"},
		healthedu.CodeDef{Code: codeGeoRing, Severity: e, Params: []string{"count"},
			Meaning: "a ring of a polygon has fewer than 4 positions or does not end where it starts",
			ZhHans:  "多边形的环应至少有 4 个坐标点且首尾相同（此环有 %[1]v 个点）",
			ZhHant:  "多邊形的環應至少有 4 個座標點且首尾相同（此環有 %[1]v 個點）",
			En:      "a ring has at least 4 positions and ends where it starts (this one has %[1]v)"},
		healthedu.CodeDef{Code: codeGeoCodeMissing, Severity: e,
			Meaning: "a feature of a file of boundaries has no division code in its property code",
			ZhHans:  "要素的属性 code 应为区划代码文本（如 \"371502\"）",
			ZhHant:  "要素的屬性 code 應為區劃代碼文字（如 \"371502\"）",
			En:      "the feature's property code must be a division code as text (such as \"371502\")"},
		healthedu.CodeDef{Code: codeGeoCodeInvalid, Severity: e, Params: []string{"reason"},
			Meaning: "the property code of a feature of a file of boundaries is not a division code",
			ZhHans:  "属性 code 不是区划代码：%[1]v",
			ZhHant:  "屬性 code 不是區劃代碼：%[1]v",
			En:      "the property code is not a division code: %[1]v"},
		healthedu.CodeDef{Code: codeGeoCodeUnknown, Severity: e, Params: []string{"code"},
			Meaning: "the division of a feature of a file of boundaries is not in the platform's registry",
			ZhHans:  "区划代码 %[1]v 不在本平台的区划代码表中",
			ZhHant:  "區劃代碼 %[1]v 不在本平臺的區劃代碼表中",
			En:      "division %[1]v is not in the platform's registry"},
		healthedu.CodeDef{Code: codeGeoCodeDuplicate, Severity: e, Params: []string{"code", "first"},
			Meaning: "two features of a file of boundaries have the same division",
			ZhHans:  "区划 %[1]v 的边界重复，已见于 %[2]v",
			ZhHant:  "區劃 %[1]v 的邊界重複，已見於 %[2]v",
			En:      "division %[1]v has a boundary already, at %[2]v"},
		healthedu.CodeDef{Code: codeGeoTooMany, Severity: e, Params: []string{"max"},
			Meaning: "a file of boundaries has more features, or positions in all, than the platform reads",
			ZhHans:  "数量超过上限 %[1]v，请简化边界后再导入",
			ZhHant:  "數量超過上限 %[1]v，請簡化邊界後再匯入",
			En:      "more than the limit of %[1]v; simplify the boundaries first"},
		healthedu.CodeDef{Code: codeGeoNoFeatures, Severity: e,
			Meaning: "a file of boundaries has no features",
			ZhHans:  "文件中没有任何区划边界要素",
			ZhHant:  "檔案中沒有任何區劃邊界要素",
			En:      "the file has no boundaries (features is empty)"},
	)
}

// geoAllowed are the geometry types of a boundary.
const geoAllowed = "Polygon, MultiPolygon"

// A boundarySet is the boundaries a platform holds, by division.
type boundarySet struct {
	byCode map[healthedu.DivisionCode]wire.MultiPolygon
	// Synthetic says that the shapes are made up (the demo's).
	Synthetic bool
}

// len returns the number of divisions with a boundary.
func (b *boundarySet) len() int {
	if b == nil {
		return 0
	}
	return len(b.byCode)
}

// A geoIssue is what is wrong with a file of boundaries, and where: an
// issue code with its params (an error among them is localized when the
// message is) and the JSON Pointer of the member.
type geoIssue struct {
	Path   string
	Code   string
	Params map[string]any
}

func (g *geoIssue) Error() string {
	return "boundaries: " + g.Path + ": " + startupErr(g.Code, g.Params).Error()
}

// startupError returns the reason the server does not start with the
// file of boundaries named file.
func (g *geoIssue) startupError(file string) *startupError {
	return startupErr(codeBoundaries, map[string]any{"file": file, "path": pointerOrRoot(g.Path), "reason": startupErr(g.Code, g.Params)})
}

// pointerOrRoot returns p, or "/" for the whole document ("" in RFC 6901,
// which nobody could read in a message).
func pointerOrRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// loadBoundaries reads the file of boundaries of -boundaries; nil without
// the flag.
func loadBoundaries(file string, reg *healthedu.Registry) (*boundarySet, error) {
	if file == "" {
		return nil, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, startupErr(codeBoundariesRead, map[string]any{"file": file, "reason": err})
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, boundariesMaxBytes+1))
	if err != nil {
		return nil, startupErr(codeBoundariesRead, map[string]any{"file": file, "reason": err})
	}
	b, gi := parseBoundaries(data, reg)
	if gi != nil {
		return nil, gi.startupError(file)
	}
	return b, nil
}

// The GeoJSON objects as the file holds them: members left raw, to be
// read one by one with the pointer of each.
type (
	geoCollection struct {
		Type     *string           `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	geoFeature struct {
		Type       *string                    `json:"type"`
		Properties map[string]json.RawMessage `json:"properties"`
		Geometry   json.RawMessage            `json:"geometry"`
	}
	geoGeometry struct {
		Type        *string         `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
)

// parseBoundaries reads a GeoJSON FeatureCollection of boundaries, data
// (see the top of this file), whose divisions must be in reg, and returns
// them, or the first thing wrong. data holds at most boundariesMaxBytes.
func parseBoundaries(data []byte, reg *healthedu.Registry) (*boundarySet, *geoIssue) {
	if len(data) > boundariesMaxBytes {
		return nil, &geoIssue{Code: codeGeoTooLarge, Params: map[string]any{"max": boundariesMaxBytes}}
	}
	var fc geoCollection
	if gi := geoUnmarshal(data, &fc, ""); gi != nil {
		return nil, gi
	}
	if gi := geoWantType(fc.Type, "FeatureCollection", "/type"); gi != nil {
		return nil, gi
	}
	if len(fc.Features) == 0 {
		return nil, &geoIssue{Path: "/features", Code: codeGeoNoFeatures}
	}
	if len(fc.Features) > boundariesMaxFeatures {
		return nil, &geoIssue{Path: "/features", Code: codeGeoTooMany, Params: map[string]any{"max": boundariesMaxFeatures}}
	}
	set := &boundarySet{byCode: make(map[healthedu.DivisionCode]wire.MultiPolygon, len(fc.Features))}
	where := map[healthedu.DivisionCode]string{}
	positions := 0
	for i, raw := range fc.Features {
		at := "/features/" + strconv.Itoa(i)
		var f geoFeature
		if gi := geoUnmarshal(raw, &f, at); gi != nil {
			return nil, gi
		}
		if gi := geoWantType(f.Type, "Feature", at+"/type"); gi != nil {
			return nil, gi
		}
		code, gi := geoCode(f.Properties, at+"/properties/code", reg)
		if gi != nil {
			return nil, gi
		}
		if first, dup := where[code]; dup {
			return nil, &geoIssue{Path: at + "/properties/code", Code: codeGeoCodeDuplicate, Params: map[string]any{"code": code.Short(), "first": first}}
		}
		where[code] = at
		mp, n, gi := geoMultiPolygon(f.Geometry, at+"/geometry", boundariesMaxPositions-positions)
		if gi != nil {
			return nil, gi
		}
		positions += n
		set.byCode[code] = mp
	}
	return set, nil
}

// geoUnmarshal decodes the JSON data, at pointer at, into v.
func geoUnmarshal(data []byte, v any, at string) *geoIssue {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &geoIssue{Path: at, Code: codeGeoSyntax, Params: map[string]any{"offset": se.Offset}}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		// A member of the wrong JSON type: say which one.
		return &geoIssue{Path: at + "/" + jsonPointerEscape(te.Field), Code: codeGeoType, Params: map[string]any{"want": te.Type.String(), "value": te.Value}}
	}
	want := "object"
	if _, ok := v.(*[][][][2]float64); ok {
		want = "array"
	}
	return &geoIssue{Path: at, Code: codeGeoType, Params: map[string]any{"want": want, "value": jsonKind(data)}}
}

// jsonKind names the kind of JSON value data holds.
func jsonKind(data []byte) string {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	switch data[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// jsonPointerEscape escapes a member name of encoding/json's dotted path
// as a JSON Pointer.
func jsonPointerEscape(field string) string {
	out := make([]byte, 0, len(field))
	for i := 0; i < len(field); i++ {
		switch c := field[i]; c {
		case '~':
			out = append(out, '~', '0')
		case '/':
			out = append(out, '~', '1')
		case '.':
			out = append(out, '/')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// geoWantType checks the member type at pointer at.
func geoWantType(got *string, want, at string) *geoIssue {
	if got == nil {
		return &geoIssue{Path: at, Code: codeGeoType, Params: map[string]any{"want": want, "value": ""}}
	}
	if *got != want {
		return &geoIssue{Path: at, Code: codeGeoType, Params: map[string]any{"want": want, "value": *got}}
	}
	return nil
}

// geoCode reads the division code of a feature's properties, at pointer
// at, which must be in reg.
func geoCode(props map[string]json.RawMessage, at string, reg *healthedu.Registry) (healthedu.DivisionCode, *geoIssue) {
	var s string
	raw, ok := props["code"]
	if !ok || json.Unmarshal(raw, &s) != nil {
		return healthedu.DivisionCode{}, &geoIssue{Path: at, Code: codeGeoCodeMissing}
	}
	code, err := healthedu.ParseDivisionCode(s)
	if err != nil {
		return code, &geoIssue{Path: at, Code: codeGeoCodeInvalid, Params: map[string]any{"reason": err}}
	}
	if !reg.Contains(code) {
		return code, &geoIssue{Path: at, Code: codeGeoCodeUnknown, Params: map[string]any{"code": code.Short()}}
	}
	return code, nil
}

// geoMultiPolygon reads the geometry at pointer at, a Polygon or a
// MultiPolygon of at most room positions, as a MultiPolygon, and returns
// how many positions it has.
func geoMultiPolygon(raw json.RawMessage, at string, room int) (wire.MultiPolygon, int, *geoIssue) {
	mp := wire.MultiPolygon{Type: "MultiPolygon"}
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return mp, 0, &geoIssue{Path: at, Code: codeGeoGeometryRequired}
	}
	var g geoGeometry
	if gi := geoUnmarshal(raw, &g, at); gi != nil {
		return mp, 0, gi
	}
	if g.Type == nil {
		return mp, 0, &geoIssue{Path: at + "/type", Code: codeGeoGeometryType, Params: map[string]any{"value": "", "allowed": geoAllowed}}
	}
	var polygons [][][]json.RawMessage
	var err error
	switch *g.Type {
	case "Polygon":
		var rings [][]json.RawMessage
		err = json.Unmarshal(g.Coordinates, &rings)
		polygons = [][][]json.RawMessage{rings}
	case "MultiPolygon":
		err = json.Unmarshal(g.Coordinates, &polygons)
	default:
		return mp, 0, &geoIssue{Path: at + "/type", Code: codeGeoGeometryType, Params: map[string]any{"value": *g.Type, "allowed": geoAllowed}}
	}
	if err != nil || len(polygons) == 0 {
		return mp, 0, &geoIssue{Path: at + "/coordinates", Code: codeGeoCoordinates, Params: map[string]any{"type": *g.Type}}
	}
	n := 0
	for pi, rings := range polygons {
		if len(rings) == 0 {
			return mp, 0, &geoIssue{Path: at + "/coordinates", Code: codeGeoCoordinates, Params: map[string]any{"type": *g.Type}}
		}
		var poly [][][2]float64
		for ri, ring := range rings {
			ringAt := at + "/coordinates/"
			if *g.Type == "MultiPolygon" {
				ringAt += strconv.Itoa(pi) + "/"
			}
			ringAt += strconv.Itoa(ri)
			if n+len(ring) > room {
				return mp, 0, &geoIssue{Path: ringAt, Code: codeGeoTooMany, Params: map[string]any{"max": boundariesMaxPositions}}
			}
			pts := make([][2]float64, 0, len(ring))
			for k, pos := range ring {
				p, ok := geoPosition(pos)
				if !ok {
					return mp, 0, &geoIssue{Path: ringAt + "/" + strconv.Itoa(k), Code: codeGeoPosition}
				}
				pts = append(pts, p)
			}
			if len(pts) < 4 || pts[0] != pts[len(pts)-1] {
				return mp, 0, &geoIssue{Path: ringAt, Code: codeGeoRing, Params: map[string]any{"count": len(pts)}}
			}
			n += len(pts)
			poly = append(poly, pts)
		}
		mp.Coordinates = append(mp.Coordinates, poly)
	}
	return mp, n, nil
}

// geoPosition reads a position: [longitude, latitude], or with an
// altitude, which is dropped.
func geoPosition(raw json.RawMessage) ([2]float64, bool) {
	var xs []float64
	if json.Unmarshal(raw, &xs) != nil || len(xs) < 2 || len(xs) > 3 {
		return [2]float64{}, false
	}
	lon, lat := xs[0], xs[1]
	if !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) {
		return [2]float64{}, false
	}
	return [2]float64{lon, lat}, true
}

// boundaries answers GET /v1/boundaries: the boundaries of the children
// of the division under (see server.under) that the platform holds.
func (s *server) boundaries(w http.ResponseWriter, r *http.Request) {
	d, ok := s.under(w, r)
	if !ok {
		return
	}
	ans := wire.Boundaries{Type: "FeatureCollection", Under: s.divisionJSON(d), Features: []wire.BoundaryFeature{}}
	if b := s.cfg.Boundaries; b != nil {
		ans.Synthetic = b.Synthetic
		for _, c := range s.reg.Children(d) {
			if mp, ok := b.byCode[c]; ok {
				ans.Features = append(ans.Features, wire.BoundaryFeature{
					Type: "Feature", ID: c.String(),
					Properties: wire.BoundaryProperties{Code: c, Name: s.reg.Name(c), Level: c.Level()},
					Geometry:   mp,
				})
			}
		}
	}
	writeJSON(w, r, http.StatusOK, ans)
}
