package healthedu

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestDefaultElementsHasContractCodes(t *testing.T) {
	// These codes are a public contract that indicator definitions and
	// platforms rely on (issue 5).
	want := map[string]TimeAggregation{
		"population": AggregateLast, "population-65plus": AggregateLast, "children-0-6": AggregateLast,
		"children-0-6-managed": AggregateLast, "hypertension-managed": AggregateLast,
		"hypertension-standard-managed": AggregateLast, "diabetes-managed": AggregateLast,
		"diabetes-standard-managed": AggregateLast, "elderly-managed": AggregateLast,
		"residents-bound": AggregateLast, "binding-target": AggregateLast, "family-doctors": AggregateLast,
		"lectures": AggregateSum, "lecture-participants": AggregateSum, "consultations": AggregateSum,
		"pushes": AggregateSum,
	}
	got := map[string]TimeAggregation{}
	for code := range want {
		if e, ok := DefaultElements().Lookup(code); ok {
			got[code] = e.Aggregation
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default catalogue (-want +got):\n%s", diff)
	}
}

func TestLoadElementCatalogRejects(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown field", `{"elements":[{"code":"a","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"sum","x":1}]}`, "unknown field"},
		{"bad code", `{"elements":[{"code":"A b","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"sum"}]}`, "lower-case"},
		{"missing name", `{"elements":[{"code":"a","names":{"zh-Hans":"a","en":"a"},"valueType":"count","aggregation":"sum"}]}`, "name is missing"},
		{"value type", `{"elements":[{"code":"a","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"float","aggregation":"sum"}]}`, "unknown value type"},
		{"aggregation", `{"elements":[{"code":"a","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"avg"}]}`, "unknown aggregation"},
		{"duplicate", `{"elements":[{"code":"a","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"sum"},{"code":"a","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"sum"}]}`, "defined twice"},
	}
	for _, tt := range tests {
		_, err := LoadElementCatalog(strings.NewReader(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func TestValueTypeAccepts(t *testing.T) {
	dec := func(s string) Decimal {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		t    ValueType
		v    string
		want bool
	}{
		{ValueCount, "0", true}, {ValueCount, "13432", true}, {ValueCount, "-1", false}, {ValueCount, "1.5", false},
		{ValueInteger, "-1", true}, {ValueInteger, "0.1", false},
		{ValuePercent, "96.41", true}, {ValuePercent, "100", true}, {ValuePercent, "100.01", false},
		{ValuePercent, "-0.1", false}, {ValuePercent, "12.34567", false},
		{ValueDecimal, "-3.25", true},
	}
	for _, tt := range tests {
		if got := tt.t.Accepts(dec(tt.v)); got != tt.want {
			t.Errorf("%s.Accepts(%s) = %v, want %v", tt.t, tt.v, got, tt.want)
		}
	}
}

func TestLocalizedTextIn(t *testing.T) {
	text := LocalizedText{ZhHans: "常住人口数", ZhHant: "常住人口數", En: "resident population"}
	tests := map[string]string{
		"zh-Hans": "常住人口数", "zh-CN": "常住人口数", "zh-TW": "常住人口數", "zh-HK": "常住人口數",
		"en": "resident population", "en-GB": "resident population", "fr": "常住人口数",
	}
	for tag, want := range tests {
		if got := text.In(language.MustParse(tag)); got != want {
			t.Errorf("In(%s) = %q, want %q", tag, got, want)
		}
	}
}

func TestElementCatalogExpectedInMonthlyReport(t *testing.T) {
	codes := func(elements []Element) []string {
		var out []string
		for _, e := range elements {
			out = append(out, e.Code)
		}
		return out
	}
	element := func(code, expected string) string {
		s := `{"code":"` + code + `","names":{"zh-Hans":"a","zh-Hant":"a","en":"a"},"valueType":"count","aggregation":"sum"`
		if expected != "" {
			s += `,"expectedInMonthlyReport":` + expected
		}
		return s + `}`
	}
	load := func(elements ...string) *ElementCatalog {
		c, err := LoadElementCatalog(strings.NewReader(`{"elements":[` + strings.Join(elements, ",") + `]}`))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name string
		c    *ElementCatalog
		want []string
	}{
		{
			name: "default",
			c:    DefaultElements(),
			want: []string{
				"population", "population-65plus", "children-0-6", "children-0-6-managed",
				"hypertension-managed", "hypertension-standard-managed", "hypertension-controlled",
				"diabetes-managed", "diabetes-standard-managed", "diabetes-controlled", "elderly-managed",
				"binding-target", "family-doctors", "health-instructors", "health-records",
				"lectures", "lecture-participants", "consultations", "consultation-participants",
				"printed-materials", "bulletin-board-updates", "pushes", "health-centres",
			},
		},
		{
			name: "in catalogue order, absent and false alike",
			c:    load(element("c", "true"), element("b", ""), element("a", "true"), element("d", "false")),
			want: []string{"c", "a"},
		},
		{name: "none expected", c: load(element("a", ""), element("b", "false"))},
		{name: "empty", c: load()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, codes(tt.c.ExpectedInMonthlyReport())); diff != "" {
				t.Errorf("ExpectedInMonthlyReport (-want +got):\n%s", diff)
			}
		})
	}

	// The elements that may come from elsewhere are not expected.
	for _, code := range []string{"children-0-6-management-rate", "residents-bound", "satisfaction-surveyed", "satisfaction-satisfied", "health-service-users"} {
		if e, ok := DefaultElements().Lookup(code); !ok || e.ExpectedInMonthlyReport {
			t.Errorf("default element %q: found %v, expected %v; want found and not expected", code, ok, e.ExpectedInMonthlyReport)
		}
	}

	// The flag is a boolean.
	if _, err := LoadElementCatalog(strings.NewReader(`{"elements":[` + element("a", `"yes"`) + `]}`)); err == nil {
		t.Error(`expectedInMonthlyReport "yes": no error`)
	}
}
