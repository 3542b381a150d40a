package fhir_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/fhir"
	"github.com/jiceng/jiceng/indicators/internal/exporttest"
)

// envFHIROut names a directory into which the tests write every FHIR
// document they produce, for testdata/r4check to validate against the
// official R4 JSON schema (CI sets it); unset, they write nothing.
const envFHIROut = "JICENG_FHIR_OUT"

// writeOut writes the FHIR document data into $JICENG_FHIR_OUT, named by
// its digest so that the packages tested in parallel never collide.
func writeOut(t testing.TB, data []byte) {
	t.Helper()
	dir := os.Getenv(envFHIROut)
	if dir == "" {
		return
	}
	sum := sha256.Sum256(data)
	name := filepath.Join(dir, "indicators-fhir-"+hex.EncodeToString(sum[:8])+".json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

var fhirUpdate = flag.Bool("fhir.update", false, "rewrite the golden files of testdata/golden")

// measureOf returns the decoded Measure of the default catalogue's
// indicator code.
func measureOf(t *testing.T, code string, opts fhir.Options) map[string]any {
	t.Helper()
	ind, ok := indicators.DefaultCatalogue().Indicator(code)
	if !ok {
		t.Fatalf("no indicator %q", code)
	}
	b, err := fhir.MarshalMeasure(ind, opts)
	if err != nil {
		t.Fatal(err)
	}
	writeOut(t, b)
	return fhirDecode(t, b).(map[string]any)
}

func TestMarshalMeasure(t *testing.T) {
	got := measureOf(t, "child-health-management-rate", fhir.Options{Date: fhirDate})
	translation := func(lang, text string) map[string]any {
		return map[string]any{"url": "http://hl7.org/fhir/StructureDefinition/translation", "extension": []any{
			map[string]any{"url": "lang", "valueCode": lang},
			map[string]any{"url": "content", "valueString": text},
		}}
	}
	population := func(code, display, expr string) map[string]any {
		return map[string]any{
			"code": map[string]any{"coding": []any{map[string]any{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": code, "display": display}}},
			"criteria": map[string]any{
				"extension":  []any{map[string]any{"url": "https://jiceng.github.io/fhir/StructureDefinition/jiceng-expression", "valueString": expr}},
				"language":   "text/cql",
				"expression": `"` + expr + `"`,
			},
		}
	}
	want := map[string]any{
		"resourceType": "Measure",
		"id":           "child-health-management-rate",
		"language":     "zh-Hans",
		"extension": []any{map[string]any{"url": "https://jiceng.github.io/fhir/StructureDefinition/measure-target", "extension": []any{
			map[string]any{"url": "value", "valueQuantity": map[string]any{"value": json.Number("85"), "comparator": ">=", "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"}},
		}}},
		"url":                    "https://jiceng.github.io/fhir/Measure/child-health-management-rate",
		"name":                   "ChildHealthManagementRate",
		"title":                  "0～6岁儿童健康管理率",
		"_title":                 map[string]any{"extension": []any{translation("zh-Hant", "0～6歲兒童健康管理率"), translation("en", "0–6 child health management rate")}},
		"status":                 "active",
		"subjectCodeableConcept": map[string]any{"coding": []any{map[string]any{"system": "http://hl7.org/fhir/resource-types", "code": "Location"}}},
		"date":                   "2025-11-20T09:00:00+08:00",
		"jurisdiction":           []any{map[string]any{"coding": []any{map[string]any{"system": "urn:iso:std:iso:3166", "code": "CN"}}}},
		"scoring":                map[string]any{"coding": []any{map[string]any{"system": "http://terminology.hl7.org/CodeSystem/measure-scoring", "code": "proportion"}}},
		"rateAggregation":        "上级区划的数值为所辖各填报单位分子之和除以分母之和再乘以系数，不取下级数值的平均。",
		"_rateAggregation": map[string]any{"extension": []any{
			translation("zh-Hant", "上級區劃的數值為所轄各填報單位分子之和除以分母之和再乘以係數，不取下級數值的平均。"),
			translation("en", "The value of a division is the sum of the numerators of the reporting units within it over the sum of their denominators, times the factor; never a mean of the values below it."),
		}},
		"rationale":           "健康中国行动（2019—2030年）妇幼健康促进行动：7岁以下儿童健康管理率2022年达到85%以上，2030年达到90%以上",
		"improvementNotation": map[string]any{"coding": []any{map[string]any{"system": "http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "code": "increase"}}},
		"group": []any{map[string]any{"population": []any{
			population("numerator", "Numerator", "children-0-6-managed"),
			population("denominator", "Denominator", "children-0-6"),
		}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MarshalMeasure (-want +got):\n%s", diff)
	}
}

// TestMeasureShapes checks what each shape of indicator becomes: its
// scoring, its populations and their criteria, its improvement notation,
// rationale and target.
func TestMeasureShapes(t *testing.T) {
	type row struct {
		Scoring     string
		Populations []string // code: jiceng's expression | CQL
		Improvement string
		Rationale   bool
		Target      []string // the target extension's parts, as url=value
	}
	tests := []struct {
		code string
		want row
	}{
		{"child-health-management-rate", row{"proportion", []string{"numerator: children-0-6-managed | \"children-0-6-managed\"", "denominator: children-0-6 | \"children-0-6\""}, "increase", true, []string{"value=>= 85 %"}}},
		// Two elements a side; a proportion without a target.
		{"chronic-disease-control-rate", row{"proportion", []string{"numerator: hypertension-controlled + diabetes-controlled | \"hypertension-controlled\" + \"diabetes-controlled\"", "denominator: hypertension-managed + diabetes-managed | \"hypertension-managed\" + \"diabetes-managed\""}, "", false, nil}},
		// Per 10,000 residents: a ratio.
		{"family-doctors-per-10k", row{"ratio", []string{"numerator: family-doctors | \"family-doctors\"", "denominator: population | \"population\""}, "", false, nil}},
		// A percentage without a maximum (residents bound may pass the target): a ratio.
		{"binding-rate", row{"ratio", []string{"numerator: residents-bound | \"residents-bound\"", "denominator: binding-target | \"binding-target\""}, "", false, nil}},
		// A yearly target of 12 lectures.
		{"lectures-per-institution", row{"ratio", []string{"numerator: lectures | \"lectures\"", "denominator: health-centres | \"health-centres\""}, "increase", true, []string{"value=>= 12 1", "periodType=year"}}},
		// Counts: cohorts, with a category filter in the criteria.
		{"activities-held", row{"cohort", []string{"initial-population: activities | \"activities\""}, "", false, nil}},
		{"health-cells-school", row{"cohort", []string{"initial-population: health-cells[type=school] | \"health-cells[type=school]\""}, "", false, nil}},
		// A denominator of three elements.
		{"lecture-request-fulfilment-rate", row{"proportion", []string{"numerator: lecture-requests-fulfilled | \"lecture-requests-fulfilled\"", "denominator: lecture-requests-fulfilled + lecture-requests-declined + lecture-requests-overdue | \"lecture-requests-fulfilled\" + \"lecture-requests-declined\" + \"lecture-requests-overdue\""}, "", false, nil}},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			m := measureOf(t, tc.code, fhir.Options{})
			var got row
			got.Scoring = m["scoring"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"].(string)
			for _, p := range m["group"].([]any)[0].(map[string]any)["population"].([]any) {
				p := p.(map[string]any)
				code := p["code"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"].(string)
				crit := p["criteria"].(map[string]any)
				if crit["language"] != "text/cql" {
					t.Errorf("criteria language %v", crit["language"])
				}
				ext := crit["extension"].([]any)[0].(map[string]any)
				if ext["url"] != fhir.ExpressionExtension {
					t.Errorf("criteria extension %v", ext["url"])
				}
				got.Populations = append(got.Populations, code+": "+ext["valueString"].(string)+" | "+crit["expression"].(string))
			}
			if in, ok := m["improvementNotation"]; ok {
				got.Improvement = in.(map[string]any)["coding"].([]any)[0].(map[string]any)["code"].(string)
			}
			_, got.Rationale = m["rationale"]
			if exts, ok := m["extension"]; ok {
				for _, e := range exts.([]any)[0].(map[string]any)["extension"].([]any) {
					e := e.(map[string]any)
					if q, ok := e["valueQuantity"].(map[string]any); ok {
						got.Target = append(got.Target, e["url"].(string)+"="+q["comparator"].(string)+" "+string(q["value"].(json.Number))+" "+q["code"].(string))
					} else {
						got.Target = append(got.Target, e["url"].(string)+"="+e["valueCode"].(string))
					}
				}
			}
			if _, ok := m["date"]; ok {
				t.Error("date present with zero options")
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestMeasureName(t *testing.T) {
	cat, err := indicators.NewCatalogue(indicators.CatalogueFile{
		SchemaVersion: "1",
		Indicators: []indicators.Definition{{
			Code: "0-6-rate", Names: healthedu.LocalizedText{ZhHans: "率", ZhHant: "率", En: "rate"},
			Numerator: "children-0-6-managed", Denominator: "children-0-6", Factor: 100, Decimals: 1,
			Target: &indicators.Target{Value: "5", Direction: indicators.AtMost, Norm: "某规范"},
		}},
	}, healthedu.DefaultElements())
	if err != nil {
		t.Fatal(err)
	}
	ind, _ := cat.Indicator("0-6-rate")
	b, err := fhir.MarshalMeasure(ind, fhir.Options{MeasureBase: "https://wjw.shandong.gov.cn/fhir/Measure/"})
	if err != nil {
		t.Fatal(err)
	}
	writeOut(t, b)
	m := fhirDecode(t, b).(map[string]any)
	got := []any{m["name"], m["url"], m["improvementNotation"].(map[string]any)["coding"].([]any)[0].(map[string]any)["code"]}
	want := []any{"M06Rate", "https://wjw.shandong.gov.cn/fhir/Measure/0-6-rate", "decrease"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := fhir.MarshalMeasure(nil, fhir.Options{}); err == nil {
		t.Error("no error for a nil indicator")
	}
}

var uuidV5 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestMeasureReportID checks that the same figure has the same id whatever
// its value and however it is written, and that figures of other measures,
// divisions or periods have other ids.
func TestMeasureReportID(t *testing.T) {
	// Python's uuid.uuid5(uuid.NAMESPACE_URL, name) gives the same.
	const name = "https://jiceng.github.io/fhir/Measure/child-health-management-rate"
	jiuyuan, y2024 := healthedu.MustParseDivisionCode("150207"), healthedu.MustParsePeriod("2024")
	if got, want := fhir.MeasureReportID(name, jiuyuan, y2024), "92bc06dc-2a13-5bfe-aecc-916a262c3e71"; got != want {
		t.Errorf("MeasureReportID = %s, want %s", got, want)
	}

	idOf := func(rs []indicators.Result, opts fhir.Options) []string {
		t.Helper()
		var ids []string
		for _, r := range rs {
			b, err := fhir.MarshalMeasureReport(r, opts)
			if err != nil {
				t.Fatal(err)
			}
			writeOut(t, b)
			id := fhirDecode(t, b).(map[string]any)["id"].(string)
			if !uuidV5.MatchString(id) {
				t.Errorf("id %q is not a version 5 UUID", id)
			}
			if want := fhir.MeasureReportID(fhir.MeasureURL(r.Indicator.Code(), opts), r.Division, r.Period); id != want {
				t.Errorf("id %s, MeasureReportID %s", id, want)
			}
			ids = append(ids, id)
		}
		return ids
	}
	codes := []string{"child-health-management-rate", "literacy-level"}
	before := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13432),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
	)
	// A late report changes the figure, not its id.
	after := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13500),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
		exporttest.Value("literacy-literate", "150207", "2024", 30),
		exporttest.Value("literacy-respondents", "150207", "2024", 100),
	)
	a := idOf(fhirResults(t, before, "2024", codes, "150207"), fhir.Options{})
	b := idOf(fhirResults(t, after, "2024", codes, "150207"), fhir.Options{Date: fhirDate, Reporter: "Organization/x", Registry: healthedu.DefaultRegistry()})
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("ids of the same figures differ (-before +after):\n%s", diff)
	}

	// Other measures, divisions, periods and bases: all different.
	seen := make(map[string]string)
	for _, c := range []struct {
		rs   []indicators.Result
		opts fhir.Options
		what string
	}{
		{fhirResults(t, before, "2024", codes, "150207"), fhir.Options{}, "2024 150207"},
		{fhirResults(t, before, "2024", codes, "150207001"), fhir.Options{}, "2024 150207001"},
		{fhirResults(t, before, "2024", codes, "1502"), fhir.Options{}, "2024 1502"},
		{fhirResults(t, before, "2024Q4", codes, "150207"), fhir.Options{}, "2024Q4 150207"},
		{fhirResults(t, before, "202412", codes, "150207"), fhir.Options{}, "202412 150207"},
		{fhirResults(t, before, "2024", codes, "150207"), fhir.Options{MeasureBase: "https://example.org/Measure/"}, "another base"},
	} {
		for i, id := range idOf(c.rs, c.opts) {
			what := c.what + " " + codes[i]
			if prev, ok := seen[id]; ok {
				t.Errorf("%s and %s have the same id %s", prev, what, id)
			}
			seen[id] = what
		}
	}
}

// TestCanonicalsResolve checks that the MeasureReport of every indicator of
// the default catalogue names a Measure of the catalogue's bundle, and that
// each entry's fullUrl agrees with its resource.
func TestCanonicalsResolve(t *testing.T) {
	cat := indicators.DefaultCatalogue()
	for _, base := range []string{"", "https://wjw.shandong.gov.cn/fhir/Measure/"} {
		opts := fhir.Options{MeasureBase: base, Date: fhirDate}
		var mb bytes.Buffer
		if err := fhir.WriteMeasureBundle(&mb, cat.Indicators(), opts); err != nil {
			t.Fatal(err)
		}
		writeOut(t, mb.Bytes())
		urls := make(map[string]bool)
		for _, e := range fhirDecode(t, mb.Bytes()).(map[string]any)["entry"].([]any) {
			e := e.(map[string]any)
			m := e["resource"].(map[string]any)
			url := m["url"].(string)
			if e["fullUrl"] != url || !strings.HasSuffix(url, "/Measure/"+m["id"].(string)) {
				t.Errorf("fullUrl %v, url %s, id %v", e["fullUrl"], url, m["id"])
			}
			urls[url] = true
		}
		if len(urls) != len(cat.Indicators()) {
			t.Errorf("%d Measure urls for %d indicators", len(urls), len(cat.Indicators()))
		}

		s := exporttest.Store(t, exporttest.Value("children-0-6-managed", "150207", "202412", 13432))
		rs, err := s.Compute(indicators.Query{Indicators: cat.Indicators(), Divisions: []healthedu.DivisionCode{healthedu.MustParseDivisionCode("150207")}, Period: healthedu.MustParsePeriod("2024")})
		if err != nil {
			t.Fatal(err)
		}
		var rb bytes.Buffer
		if err := fhir.WriteMeasureReportBundle(&rb, rs, opts); err != nil {
			t.Fatal(err)
		}
		writeOut(t, rb.Bytes())
		n := 0
		for _, e := range fhirDecode(t, rb.Bytes()).(map[string]any)["entry"].([]any) {
			mr := e.(map[string]any)["resource"].(map[string]any)
			if !urls[mr["measure"].(string)] {
				t.Errorf("MeasureReport.measure %v is the url of no Measure", mr["measure"])
			}
			n++
		}
		if n != len(cat.Indicators()) {
			t.Errorf("%d MeasureReports for %d indicators", n, len(cat.Indicators()))
		}
	}
}

// TestGolden compares the catalogue as Measures and MeasureReports of each
// shape with testdata/golden, which testdata/r4check validates against
// the R4 schema; -fhir.update rewrites them.
func TestGolden(t *testing.T) {
	cat := indicators.DefaultCatalogue()
	opts := fhir.Options{Date: fhirDate, Reporter: "Organization/nm-btwjw", Registry: healthedu.DefaultRegistry()}
	var measures bytes.Buffer
	if err := fhir.WriteMeasureBundle(&measures, cat.Indicators(), opts); err != nil {
		t.Fatal(err)
	}
	s := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13432),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
		exporttest.Value("hypertension-standard-managed", "150207", "202412", 0),
		exporttest.Value("hypertension-managed", "150207", "202412", 0),
		exporttest.Value("family-doctors", "150207", "202412", 19),
		exporttest.Value("population", "150207", "2024", 50000),
		exporttest.Value("lectures", "150207", "202412", 3),
		exporttest.Value("health-centres", "150207", "202412", 1),
		exporttest.Value("activity-participants", "150207", "202412", 1234),
	)
	rs := fhirResults(t, s, "2024", []string{
		"child-health-management-rate",          // a proportion with a value and a target
		"hypertension-standard-management-rate", // a zero denominator
		"family-doctors-per-10k",                // a ratio per 10,000
		"lectures-per-institution",              // a ratio with a yearly target
		"person-times-reached",                  // a cohort
		"literacy-level",                        // no data
	}, "150207")
	var reports bytes.Buffer
	if err := fhir.WriteMeasureReportBundle(&reports, rs, opts); err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		name string
		data []byte
	}{
		{"measures.json", measures.Bytes()},
		{"measurereports.json", reports.Bytes()},
	} {
		path := filepath.Join("testdata", "golden", g.name)
		if *fhirUpdate {
			if err := os.WriteFile(path, g.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -fhir.update)", err)
		}
		if diff := cmp.Diff(string(want), string(g.data)); diff != "" {
			t.Errorf("%s is stale (run go test -run TestGolden -fhir.update); (-file +now):\n%s", path, diff)
		}
	}
}

// TestMeasureCriteria checks the criteria of expressions of every form:
// differences, a leading minus, constants and category filters.
func TestMeasureCriteria(t *testing.T) {
	tests := []struct{ numerator, wantCQL string }{
		{"population - population-65plus", `"population" - "population-65plus"`},
		{"-children-0-6 + children-0-6-managed", `-"children-0-6" + "children-0-6-managed"`},
		{"children-0-6[sex=female] + 2 + 3", `"children-0-6[sex=female]" + 5`},
		{"population - 10", `"population" - 10`},
		{"(population - (population-65plus - 1))", `"population" - "population-65plus" + 1`},
		{"7", `7`},
	}
	for _, tc := range tests {
		t.Run(tc.numerator, func(t *testing.T) {
			cat, err := indicators.NewCatalogue(indicators.CatalogueFile{
				SchemaVersion: "1",
				Indicators: []indicators.Definition{{
					Code: "x", Names: healthedu.LocalizedText{ZhHans: "某", ZhHant: "某", En: "x"},
					Numerator: tc.numerator, Denominator: "population", Factor: 1000, Decimals: 1,
				}},
			}, healthedu.DefaultElements())
			if err != nil {
				t.Fatal(err)
			}
			ind, _ := cat.Indicator("x")
			b, err := fhir.MarshalMeasure(ind, fhir.Options{})
			if err != nil {
				t.Fatal(err)
			}
			writeOut(t, b)
			crit := fhirDecode(t, b).(map[string]any)["group"].([]any)[0].(map[string]any)["population"].([]any)[0].(map[string]any)["criteria"].(map[string]any)
			got := []any{crit["expression"], crit["extension"].([]any)[0].(map[string]any)["valueString"]}
			want := []any{tc.wantCQL, ind.Numerator().String()}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
