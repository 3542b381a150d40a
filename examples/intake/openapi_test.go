package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// openAPISchema compiles the schema of openapi.json's components named
// name, with santhosh-tekuri/jsonschema under draft 2020-12, which OpenAPI
// 3.1 schemas are.
func openAPISchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDocument))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "https://jiceng.example/openapi.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url + "#/components/schemas/" + name)
	if err != nil {
		t.Fatalf("compiling %s: %v", name, err)
	}
	return sch
}

// TestOpenAPIDescribesAnswers checks the answers of /v1/indicators and
// /v1/reports/monthly against their schemas in openapi.json, on figures
// that hold every shape a row takes: values, no data (nulls), a flag, a
// month due and one not yet due.
func TestOpenAPIDescribesAnswers(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	day := at(2025, 11, 5, 10)
	h.submitAt(tokenDonge, day,
		monthlyReport("371524001", day, 100, 90),
		monthlyReportOf("371524104", "202510", day, "children-0-6", 100, "children-0-6-managed", 80,
			"population", 1000, "health-service-users", 1500),
	)
	for _, tc := range []struct {
		schema, path string
		now          time.Time
	}{
		{"Indicators", "/v1/indicators?under=371524&level=township&period=2025Q4", at(2025, 12, 1, 0)},
		{"Indicators", "/v1/indicators?under=3715&period=2025", at(2025, 12, 1, 0)},
		{"MonthlyReport", "/v1/reports/monthly?under=371524&period=202510", at(2025, 12, 1, 0)},
		{"MonthlyReport", "/v1/reports/monthly?under=371524&period=202510", at(2025, 11, 6, 0)},
		{"MonthlyReport", "/v1/reports/monthly?under=3715&period=202511", at(2025, 12, 1, 0)},
	} {
		t.Run(tc.path+" "+tc.now.Format(time.DateOnly), func(t *testing.T) {
			h.clock.Set(tc.now)
			ans := h.request("GET", tc.path, tokenCity, nil)
			if ans.status != 200 {
				t.Fatalf("%d %s", ans.status, ans.body)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(ans.body))
			if err != nil {
				t.Fatal(err)
			}
			if err := openAPISchema(t, tc.schema).Validate(v); err != nil {
				t.Errorf("the answer does not match %s:\n%v", tc.schema, err)
			}
		})
	}
}
