package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/invopop/jsonschema"
	santhosh "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/healthedu"
)

// elementsTestCatalogue has an element of each value type.
const elementsTestCatalogue = `{"elements": [
	{"code": "visits", "names": {"zh-Hans": "随访次数", "zh-Hant": "隨訪次數", "en": "visits"}, "valueType": "count", "aggregation": "sum"},
	{"code": "balance", "names": {"zh-Hans": "差额", "zh-Hant": "差額", "en": "balance"}, "valueType": "integer", "aggregation": "sum"},
	{"code": "rate", "names": {"zh-Hans": "率", "zh-Hant": "率", "en": "rate"}, "valueType": "percent", "aggregation": "last"},
	{"code": "cost", "names": {"zh-Hans": "费用", "zh-Hant": "費用", "en": "cost"}, "valueType": "decimal", "aggregation": "sum"},
	{"code": "lectures", "names": {"zh-Hans": "讲座次数", "zh-Hant": "講座次數", "en": "lectures"}, "valueType": "count", "aggregation": "sum"}
]}`

// elementsTestSchema returns the compiled schema of a data value, the
// DataValue definition of a monthly report's schema with the rules of the
// catalogue in catalogue, and that schema before compilation.
func elementsTestSchema(t *testing.T, catalogue string) (*santhosh.Schema, *jsonschema.Schema) {
	t.Helper()
	cat, err := healthedu.LoadElementCatalog(strings.NewReader(catalogue))
	if err != nil {
		t.Fatal(err)
	}
	r := &jsonschema.Reflector{ExpandedStruct: true, Mapper: mapType}
	s := r.Reflect(&healthedu.MonthlyReport{})
	if err := elementRules(s, cat); err != nil {
		t.Fatal(err)
	}
	b, err := marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := santhosh.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := santhosh.NewCompiler()
	c.DefaultDraft(santhosh.Draft2020)
	if err := c.AddResource("mem:///monthlyReport.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mem:///monthlyReport.json#/$defs/DataValue")
	if err != nil {
		t.Fatalf("compile: %v\n%s", err, b)
	}
	return sch, s
}

// TestElementRulesAgreeWithGo checks that the schema of a data value
// accepts exactly the values that the element's ValueType accepts, for
// every value type, except the percent's at most 4 decimals, which only
// Go checks; and only the catalogue's elements.
func TestElementRulesAgreeWithGo(t *testing.T) {
	sch, s := elementsTestSchema(t, elementsTestCatalogue)
	element, _ := s.Definitions["DataValue"].Properties.Get("element")
	if diff := cmp.Diff([]any{"visits", "balance", "rate", "cost", "lectures"}, element.Enum); diff != "" {
		t.Errorf("element enum (-want +got):\n%s", diff)
	}
	if n := len(s.Definitions["DataValue"].AllOf); n != 4 {
		t.Errorf("%d if/then rules, want one for each of the 4 value types", n)
	}

	values := []string{"0", "1", "86.0", "1.5", "-1", "-0.5", "100", "100.0", "100.5", "100.0001", "99.9999",
		"96.41", "96.41005", "0.00001", "-3.25", "1e3", "1.5e1", "12345678901234567", "-100"}
	for _, code := range []string{"visits", "balance", "rate", "cost", "lectures"} {
		cat, _ := healthedu.LoadElementCatalog(strings.NewReader(elementsTestCatalogue))
		e, _ := cat.Lookup(code)
		for _, v := range values {
			d, err := healthedu.ParseDecimal(v)
			if err != nil {
				t.Fatal(err)
			}
			goOK := e.ValueType.Accepts(d)
			goOnly := e.ValueType == healthedu.ValuePercent && d.Scale() > 4 && d.Sign() >= 0 && d.Cmp(healthedu.DecimalFromInt(100)) <= 0
			inst, err := santhosh.UnmarshalJSON(strings.NewReader(fmt.Sprintf(`{"element": %q, "value": %s}`, code, v)))
			if err != nil {
				t.Fatal(err)
			}
			schemaOK := sch.Validate(inst) == nil
			switch {
			case goOnly && (goOK || !schemaOK):
				t.Errorf("%s %s: Go %v, schema %v; want Go to reject what the schema accepts", code, v, goOK, schemaOK)
			case !goOnly && goOK != schemaOK:
				t.Errorf("%s %s (%s): Go %v, schema %v", code, v, e.ValueType, goOK, schemaOK)
			}
		}
	}

	for _, doc := range []string{`{"element": "sports-events", "value": 1}`, `{"element": "Visits", "value": 1}`} {
		inst, _ := santhosh.UnmarshalJSON(strings.NewReader(doc))
		if sch.Validate(inst) == nil {
			t.Errorf("%s: schema accepts an element not in the catalogue", doc)
		}
	}
}

// TestElementRulesOnlyUsedTypes checks that a catalogue of counts alone
// gives one rule, and that an empty catalogue is an error.
func TestElementRulesOnlyUsedTypes(t *testing.T) {
	_, s := elementsTestSchema(t, `{"elements": [
		{"code": "a", "names": {"zh-Hans": "甲", "zh-Hant": "甲", "en": "a"}, "valueType": "count", "aggregation": "sum"},
		{"code": "b", "names": {"zh-Hans": "乙", "zh-Hant": "乙", "en": "b"}, "valueType": "count", "aggregation": "sum"}]}`)
	rules := s.Definitions["DataValue"].AllOf
	if len(rules) != 1 {
		t.Fatalf("%d rules, want 1", len(rules))
	}
	element, _ := rules[0].If.Properties.Get("element")
	value, _ := rules[0].Then.Properties.Get("value")
	if diff := cmp.Diff([]any{"a", "b"}, element.Enum); diff != "" {
		t.Errorf("if element enum (-want +got):\n%s", diff)
	}
	if value.Type != "integer" || value.Minimum != "0" || value.Maximum != "" {
		t.Errorf("then value: %+v", value)
	}

	empty, err := healthedu.LoadElementCatalog(strings.NewReader(`{"elements": []}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &jsonschema.Reflector{ExpandedStruct: true, Mapper: mapType}
	if err := elementRules(r.Reflect(&healthedu.MonthlyReport{}), empty); err == nil {
		t.Error("empty catalogue: no error")
	}
}
