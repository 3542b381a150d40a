package fhir_test

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/fhir"
	"github.com/jiceng/jiceng/indicators/internal/exporttest"
)

// fhirResults computes indicators for divisions over period p from s.
func fhirResults(t testing.TB, s *indicators.Store, p string, codes []string, divisions ...string) []indicators.Result {
	t.Helper()
	q := indicators.Query{Period: healthedu.MustParsePeriod(p)}
	for _, c := range codes {
		ind, ok := indicators.DefaultCatalogue().Indicator(c)
		if !ok {
			t.Fatalf("no indicator %q", c)
		}
		q.Indicators = append(q.Indicators, ind)
	}
	for _, d := range divisions {
		q.Divisions = append(q.Divisions, healthedu.MustParseDivisionCode(d))
	}
	rs, err := s.Compute(q)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// fhirDecode decodes JSON keeping numbers as written.
func fhirDecode(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%v in\n%s", err, data)
	}
	return v
}

var fhirDate = time.Date(2025, 11, 20, 9, 0, 0, 0, healthedu.ChinaStandardTime)

// The 九原 figure of the source documents: 13,432 of 13,932 children under
// health management in 2024, 96.41%.
func TestMarshalMeasureReport(t *testing.T) {
	s := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13432),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
	)
	r := fhirResults(t, s, "2024", []string{"child-health-management-rate"}, "150207")[0]
	got, err := fhir.MarshalMeasureReport(r, fhir.Options{
		Date:     fhirDate,
		Reporter: "Organization/nm-btwjw",
		Registry: healthedu.DefaultRegistry(),
	})
	if err != nil {
		t.Fatal(err)
	}
	writeOut(t, got)
	want := `{
	  "resourceType": "MeasureReport",
	  "id": "92bc06dc-2a13-5bfe-aecc-916a262c3e71",
	  "identifier": [{"system": "urn:ietf:rfc:3986", "value": "urn:uuid:92bc06dc-2a13-5bfe-aecc-916a262c3e71"}],
	  "status": "complete",
	  "type": "summary",
	  "measure": "https://jiceng.github.io/fhir/Measure/child-health-management-rate",
	  "subject": {
	    "type": "Location",
	    "identifier": {"system": "https://jiceng.github.io/fhir/sid/division-code", "value": "150207000000"},
	    "display": "九原区"
	  },
	  "date": "2025-11-20T09:00:00+08:00",
	  "reporter": {"reference": "Organization/nm-btwjw"},
	  "period": {"start": "2024-01-01T00:00:00+08:00", "end": "2024-12-31T23:59:59+08:00"},
	  "improvementNotation": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-improvement-notation", "code": "increase"}]},
	  "group": [{
	    "population": [
	      {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "numerator", "display": "Numerator"}]}, "count": 13432},
	      {"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/measure-population", "code": "denominator", "display": "Denominator"}]}, "count": 13932}
	    ],
	    "measureScore": {"value": 96.41, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"}
	  }]
	}`
	if diff := cmp.Diff(fhirDecode(t, []byte(want)), fhirDecode(t, got)); diff != "" {
		t.Errorf("MarshalMeasureReport (-want +got):\n%s", diff)
	}
	// The value keeps its decimals as published, trailing zeros included.
	if !bytes.Contains(got, []byte(`"measureScore":{"value":96.41,`)) {
		t.Errorf("measureScore not written as the decimal 96.41:\n%s", got)
	}
}

func TestMarshalMeasureReportValues(t *testing.T) {
	s := exporttest.Store(t,
		// 古楼街道: 3,000 children of whom 2,700 managed, 90.00%.
		exporttest.Value("children-0-6-managed", "371502001", "202509", 2700),
		exporttest.Value("children-0-6", "371502001", "202509", 3000),
		// A zero denominator: no hypertension patients under management.
		exporttest.Value("hypertension-standard-managed", "371502001", "202509", 0),
		exporttest.Value("hypertension-managed", "371502001", "202509", 0),
		// 3.8 family doctors per 10,000 residents.
		exporttest.Value("family-doctors", "371502001", "202509", 19),
		exporttest.Value("population", "371502001", "202509", 50000),
		// Lectures per health centre: a ratio with factor 1.
		exporttest.Value("lectures", "371502001", "202509", 3),
		exporttest.Value("health-centres", "371502001", "202509", 1),
	)
	rs := fhirResults(t, s, "202509", []string{
		"child-health-management-rate",
		"hypertension-standard-management-rate",
		"family-doctors-per-10k",
		"lectures-per-institution",
		"literacy-level", // no data
	}, "371502001")
	type row struct {
		Counts       []any // numerator and denominator counts; nil when absent
		MeasureScore any
		Improvement  any
	}
	var got []row
	for _, r := range rs {
		b, err := fhir.MarshalMeasureReport(r, fhir.Options{})
		if err != nil {
			t.Fatal(err)
		}
		writeOut(t, b)
		mr := fhirDecode(t, b).(map[string]any)
		for _, k := range []string{"date", "reporter"} {
			if _, ok := mr[k]; ok {
				t.Errorf("%s: %s present with zero options", r.Indicator.Code(), k)
			}
		}
		if d := mr["subject"].(map[string]any)["display"]; d != nil {
			t.Errorf("%s: subject display %v without a registry", r.Indicator.Code(), d)
		}
		g := mr["group"].([]any)[0].(map[string]any)
		var x row
		for _, p := range g["population"].([]any) {
			if c, ok := p.(map[string]any)["count"]; ok {
				x.Counts = append(x.Counts, c)
			}
		}
		x.MeasureScore = g["measureScore"]
		if in, ok := mr["improvementNotation"]; ok {
			x.Improvement = in.(map[string]any)["coding"].([]any)[0].(map[string]any)["code"]
		}
		got = append(got, x)
	}
	n := func(s string) json.Number { return json.Number(s) }
	ucum := "http://unitsofmeasure.org"
	absent := func(code string) map[string]any {
		return map[string]any{"extension": []any{map[string]any{"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode": code}}}
	}
	want := []row{
		{[]any{n("2700"), n("3000")}, map[string]any{"value": n("90.00"), "unit": "%", "system": ucum, "code": "%"}, "increase"},
		{[]any{n("0"), n("0")}, absent("not-a-number"), "increase"},
		{[]any{n("19"), n("50000")}, map[string]any{"value": n("3.8"), "unit": "per 10,000", "system": ucum, "code": "/10*4"}, nil},
		{[]any{n("3"), n("1")}, map[string]any{"value": n("3.0"), "unit": "1", "system": ucum, "code": "1"}, "increase"},
		{nil, absent("unknown"), "increase"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("MeasureReports (-want +got):\n%s", diff)
	}
}

func TestMarshalMeasureReportErrors(t *testing.T) {
	if _, err := fhir.MarshalMeasureReport(indicators.Result{}, fhir.Options{}); err == nil {
		t.Error("no error for a Result without an indicator")
	}
	// 3 billion person-times does not fit in a FHIR integer.
	s := exporttest.Store(t, exporttest.Value("activity-participants", "37", "2025", 3_000_000_000))
	r := fhirResults(t, s, "2025", []string{"person-times-reached"}, "37")[0]
	_, err := fhir.MarshalMeasureReport(r, fhir.Options{})
	if err == nil || !strings.Contains(err.Error(), "numerator 3000000000 does not fit in a FHIR integer") {
		t.Errorf("error %v, want one about the FHIR integer", err)
	}
	var b bytes.Buffer
	if err := fhir.WriteMeasureReportBundle(&b, []indicators.Result{r}, fhir.Options{}); err == nil || b.Len() != 0 {
		t.Errorf("WriteMeasureReportBundle: %v, wrote %q", err, b.String())
	}
}

func TestMarshalMeasureReportBase(t *testing.T) {
	s := exporttest.Store(t, exporttest.Value("lectures", "371502001", "202509", 3))
	r := fhirResults(t, s, "202509", []string{"lectures-per-institution"}, "371502001")[0]
	b, err := fhir.MarshalMeasureReport(r, fhir.Options{MeasureBase: "https://wjw.shandong.gov.cn/fhir/Measure/"})
	if err != nil {
		t.Fatal(err)
	}
	writeOut(t, b)
	if got := fhirDecode(t, b).(map[string]any)["measure"]; got != "https://wjw.shandong.gov.cn/fhir/Measure/lectures-per-institution" {
		t.Errorf("measure = %v", got)
	}
}

// TestFHIRShape checks a MeasureReport against the published summary
// examples of FHIR R4: every path it writes is in an example with the same
// JSON type, or is an element of R4 that the examples do not use, listed
// here with its definition.
func TestFHIRShape(t *testing.T) {
	published := exporttest.PublishedShape(t,
		filepath.Join("testdata", "measurereport-cms146-cat3-example.json"),
		filepath.Join("testdata", "measurereport-hiv-indicators.json"))
	// Elements of R4 MeasureReport (http://hl7.org/fhir/R4/measurereport.html)
	// and of the data types it uses that the two examples leave out.
	r4 := map[string]string{
		"$.identifier[].system":                        "string", // Identifier.system: uri
		"$.subject":                                    "object", // MeasureReport.subject: Reference(Patient | Practitioner | PractitionerRole | Location | Device | RelatedPerson | Group)
		"$.subject.type":                               "string", // Reference.type: uri
		"$.subject.identifier":                         "object", // Reference.identifier: Identifier
		"$.subject.identifier.system":                  "string", // Identifier.system: uri
		"$.subject.identifier.value":                   "string", // Identifier.value: string
		"$.subject.display":                            "string", // Reference.display: string
		"$.improvementNotation":                        "object", // MeasureReport.improvementNotation: CodeableConcept
		"$.improvementNotation.coding":                 "array",  // CodeableConcept.coding: Coding[]
		"$.improvementNotation.coding[]":               "object",
		"$.improvementNotation.coding[].system":        "string", // Coding.system: uri
		"$.improvementNotation.coding[].code":          "string", // Coding.code: code
		"$.group[].population[].code.coding[].system":  "string", // Coding.system: uri
		"$.group[].population[].code.coding[].display": "string", // Coding.display: string
		"$.group[].measureScore.unit":                  "string", // Quantity.unit: string
		"$.group[].measureScore.system":                "string", // Quantity.system: uri
		"$.group[].measureScore.code":                  "string", // Quantity.code: code
		"$.group[].measureScore.extension":             "array",  // Element.extension: Extension[]
		"$.group[].measureScore.extension[]":           "object",
		"$.group[].measureScore.extension[].url":       "string", // Extension.url: uri
		"$.group[].measureScore.extension[].valueCode": "string", // Extension.value[x] as code (data-absent-reason)
	}
	for p, k := range r4 {
		if _, ok := published[p]; ok {
			t.Errorf("%s is listed as left out of the examples, but they have it", p)
		}
		published[p] = k
	}

	s := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13432),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
	)
	rs := fhirResults(t, s, "2024", []string{"child-health-management-rate", "literacy-level"}, "150207")
	all := make(map[string]string)
	for _, r := range rs {
		b, err := fhir.MarshalMeasureReport(r, fhir.Options{Date: fhirDate, Reporter: "Organization/1", Registry: healthedu.DefaultRegistry()})
		if err != nil {
			t.Fatal(err)
		}
		writeOut(t, b)
		for p, k := range exporttest.Shape(t, b) {
			all[p] = k
			if published[p] != k {
				t.Errorf("%s: %s is %s; the published examples have %q", r.Indicator.Code(), p, k, published[p])
			}
		}
	}
	// What a summary report of a proportion needs is there.
	for _, p := range []string{
		"$.resourceType", "$.status", "$.type", "$.measure", "$.date", "$.reporter.reference",
		"$.period.start", "$.period.end", "$.group[].population[].code.coding[].code",
		"$.group[].population[].count", "$.group[].measureScore.value",
	} {
		if all[p] == "" {
			t.Errorf("%s missing from the output", p)
		}
	}
}

func TestWriteMeasureReportBundle(t *testing.T) {
	s := exporttest.Store(t,
		exporttest.Value("children-0-6-managed", "150207", "202412", 13432),
		exporttest.Value("children-0-6", "150207", "202412", 13932),
	)
	rs := fhirResults(t, s, "2024", []string{"child-health-management-rate", "literacy-level"}, "150207")
	var b bytes.Buffer
	if err := fhir.WriteMeasureReportBundle(&b, rs, fhir.Options{Date: fhirDate}); err != nil {
		t.Fatal(err)
	}
	writeOut(t, b.Bytes())
	bundle := fhirDecode(t, b.Bytes()).(map[string]any)
	entries := bundle["entry"].([]any)
	var measures, fullURLs []any
	for _, e := range entries {
		res := e.(map[string]any)["resource"].(map[string]any)
		measures = append(measures, res["measure"])
		fullURLs = append(fullURLs, e.(map[string]any)["fullUrl"])
		if got, want := e.(map[string]any)["fullUrl"], "urn:uuid:"+res["id"].(string); got != want {
			t.Errorf("fullUrl %v, want %v", got, want)
		}
	}
	got := map[string]any{"resourceType": bundle["resourceType"], "type": bundle["type"], "timestamp": bundle["timestamp"], "measures": measures, "fullUrls": fullURLs}
	want := map[string]any{
		"resourceType": "Bundle", "type": "collection", "timestamp": "2025-11-20T09:00:00+08:00",
		"measures": []any{
			"https://jiceng.github.io/fhir/Measure/child-health-management-rate",
			"https://jiceng.github.io/fhir/Measure/literacy-level",
		},
		"fullUrls": []any{
			"urn:uuid:92bc06dc-2a13-5bfe-aecc-916a262c3e71",
			"urn:uuid:" + fhir.MeasureReportID("https://jiceng.github.io/fhir/Measure/literacy-level", healthedu.MustParseDivisionCode("150207"), healthedu.MustParsePeriod("2024")),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bundle (-want +got):\n%s", diff)
	}
	if n := strings.Count(b.String(), "\n"); n != len(rs)+2 {
		t.Errorf("%d lines, want one per entry and two more:\n%s", n, b.String())
	}

	// No results: no entry, as FHIR's JSON has no empty arrays.
	b.Reset()
	if err := fhir.WriteMeasureReportBundle(&b, nil, fhir.Options{}); err != nil {
		t.Fatal(err)
	}
	writeOut(t, b.Bytes())
	if got, want := b.String(), `{"resourceType":"Bundle","type":"collection"}`+"\n"; got != want {
		t.Errorf("empty bundle %q, want %q", got, want)
	}
}

func BenchmarkWriteMeasureReportBundle(b *testing.B) {
	cat := indicators.DefaultCatalogue()
	s := indicators.NewStore(cat)
	reg := healthedu.DefaultRegistry()
	towns := indicators.DivisionsAt(reg, healthedu.MustParseDivisionCode("3715"), healthedu.LevelTownship)
	for i, d := range towns {
		for _, v := range []indicators.DataValue{
			{Element: "children-0-6", Division: d, Period: healthedu.MustParsePeriod("202509"), Value: int64(3000 + i)},
			{Element: "children-0-6-managed", Division: d, Period: healthedu.MustParsePeriod("202509"), Value: int64(2800 + i)},
		} {
			if err := s.Add(v); err != nil {
				b.Fatal(err)
			}
		}
	}
	rs, err := s.Compute(indicators.Query{Indicators: cat.Indicators(), Divisions: towns, Period: healthedu.MustParsePeriod("2025Q3")})
	if err != nil {
		b.Fatal(err)
	}
	opts := fhir.Options{Date: fhirDate, Registry: reg}
	b.ReportAllocs()
	for b.Loop() {
		if err := fhir.WriteMeasureReportBundle(io.Discard, rs, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rs))*float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}
