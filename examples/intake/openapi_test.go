package main

import (
	"bytes"
	"fmt"
	"strings"
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

// TestOpenAPIDescribesApprovals checks the bodies and answers of
// /v1/approvals against their schemas in openapi.json: requests of each
// action, the approval after each step (a submission, an approval with
// its digest, a return with its reason, a stale approval), and the list,
// with months in every state and one never submitted.
func TestOpenAPIDescribesApprovals(t *testing.T) {
	h := withApprovers(newHarness(t, openTestSQLite(t)))
	when := at(2025, 12, 5, 9)
	h.submitAt(tokenGulou, when, monthlyReportOf("371502001", "202511", when, "children-0-6", 100, "children-0-6-managed", 90))
	h.submitAt(tokenLiuyuan, when, monthlyReportOf("371502002", "202511", when, "children-0-6", 100, "children-0-6-managed", 50))
	h.clock.Set(testNow)
	for _, s := range []struct{ token, division, action, reason string }{
		{tokenGulou, "371502001", "submit", "已核对"},
		{tokenApproverCounty, "371502001", "approve", ""},
		{tokenLiuyuan, "371502002", "submit", ""},
		{tokenApproverCounty, "371502002", "return", "请补报"},
		{tokenAdmin, "371502003", "submit", ""},
		{tokenApproverCounty, "371502003", "approve", ""},
		{tokenApproverCity, "371502003", "accept", ""},
	} {
		h.tick()
		body := fmt.Sprintf(`{"division":%q,"period":"202511","dataSet":"monthlyReport","action":%q,"reason":%q}`, s.division, s.action, s.reason)
		checkSchema(t, "ApprovalRequest", []byte(body))
		ans := h.request("POST", "/v1/approvals", s.token, []byte(body), "Content-Type", "application/json")
		if ans.status != 200 {
			t.Fatalf("%+v: %d %s", s, ans.status, ans.body)
		}
		checkSchema(t, "Approval", ans.body)
	}
	h.submitAt(tokenCity, at(2025, 12, 20, 9), monthlyReportOf("371502001", "202511", at(2025, 12, 20, 9), "children-0-6", 100))
	ans := h.request("GET", "/v1/approvals?under=371502&period=202511", tokenApproverCity, nil)
	if ans.status != 200 || !strings.Contains(string(ans.body), `"stale":true`) {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	checkSchema(t, "Approvals", ans.body)
}
