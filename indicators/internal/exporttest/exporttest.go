// Package exporttest holds what the tests of the exporters share (导出测试):
// stores of figures to export, and the shape of JSON documents, every path
// with its type, to hold an export against the examples its standard
// publishes.
package exporttest

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// Store returns a store of the default catalogue holding values.
func Store(tb testing.TB, values ...indicators.DataValue) *indicators.Store {
	tb.Helper()
	s := indicators.NewStore(indicators.DefaultCatalogue())
	for _, v := range values {
		if err := s.Add(v); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// Value makes a data value; series may carry a category in brackets, as in
// activities[form=lecture].
func Value(series, division, period string, v int64) indicators.DataValue {
	element, category, _ := strings.Cut(strings.TrimSuffix(series, "]"), "[")
	return indicators.DataValue{
		Element:  element,
		Category: category,
		Division: healthedu.MustParseDivisionCode(division),
		Period:   healthedu.MustParsePeriod(period),
		Value:    v,
	}
}

// Shape decodes a JSON document and returns its shape: the JSON type of
// every path, object keys joined by ".", the elements of an array under
// "[]", the root "$".
func Shape(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		tb.Fatalf("%v in\n%s", err, data)
	}
	shape := make(map[string]string)
	shapeOf(v, "$", shape)
	return shape
}

func shapeOf(v any, path string, shape map[string]string) {
	kind := ""
	switch v := v.(type) {
	case map[string]any:
		kind = "object"
		for k, e := range v {
			shapeOf(e, path+"."+k, shape)
		}
	case []any:
		kind = "array"
		for _, e := range v {
			shapeOf(e, path+"[]", shape)
		}
	case string:
		kind = "string"
	case json.Number, float64:
		kind = "number"
	case bool:
		kind = "boolean"
	case nil:
		kind = "null"
	}
	if prev, ok := shape[path]; ok && prev != kind {
		kind = prev + "|" + kind // mixed types at one path: never equal to one
	}
	shape[path] = kind
}

// PublishedShape returns the union of the shapes of published example
// documents.
func PublishedShape(tb testing.TB, files ...string) map[string]string {
	tb.Helper()
	union := make(map[string]string)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for p, k := range Shape(tb, data) {
			if prev, ok := union[p]; ok && prev != k {
				tb.Fatalf("%s: %s is %s here and %s in another example", f, p, k, prev)
			}
			union[p] = k
		}
	}
	return union
}
