package wire

import "github.com/jiceng/jiceng/healthedu"

// Boundaries is the answer of GET /v1/boundaries (区划边界): a GeoJSON
// FeatureCollection (RFC 7946) of the boundaries of the children of a
// division that the platform holds, each a MultiPolygon in longitude and
// latitude (WGS 84), keyed by its division code. Children without a
// boundary are left out; a platform that loaded none answers an empty
// collection.
type Boundaries struct {
	Type  string   `json:"type"` // "FeatureCollection"
	Under Division `json:"under"`
	// Synthetic says that the boundaries are made-up shapes, as those of
	// the demonstration are (示意边界), not the real ones.
	Synthetic bool              `json:"synthetic"`
	Features  []BoundaryFeature `json:"features"`
}

// BoundaryFeature is the boundary of one division (区划边界要素): a GeoJSON
// Feature whose id and property code are the division's 12-digit code.
type BoundaryFeature struct {
	Type       string             `json:"type"` // "Feature"
	ID         string             `json:"id"`
	Properties BoundaryProperties `json:"properties"`
	Geometry   MultiPolygon       `json:"geometry"`
}

// BoundaryProperties are the properties of a boundary (边界属性): the
// division's code, name and level.
type BoundaryProperties struct {
	Code  healthedu.DivisionCode  `json:"code"`
	Name  string                  `json:"name"`
	Level healthedu.DivisionLevel `json:"level"`
}

// MultiPolygon is a GeoJSON MultiPolygon (多面): polygons, each rings of
// positions [longitude, latitude], the first ring the outer boundary and
// the others its holes, every ring closed.
type MultiPolygon struct {
	Type        string           `json:"type"` // "MultiPolygon"
	Coordinates [][][][2]float64 `json:"coordinates"`
}
