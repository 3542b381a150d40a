package healthedu

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewIssueRedacts(t *testing.T) {
	params := map[string]any{"field": "x" + redactID, "value": json.Number(redactID), "min": 0, "max": json.Number("100")}
	got := NewIssue("json.range", "/"+redactID+"/participants", params)
	want := Issue{
		Severity: SeverityError,
		Code:     "json.range",
		Path:     "/" + redactMasked + "/participants",
		Params:   map[string]any{"field": "x" + redactMasked, "value": redactMasked, "min": 0, "max": json.Number("100")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewIssue (-want +got):\n%s", diff)
	}
	if params["value"] != json.Number(redactID) {
		t.Errorf("NewIssue changed the caller's params: %v", params)
	}
	if _, err := json.Marshal(got); err != nil {
		t.Errorf("the issue does not marshal: %v", err)
	}
	clean := map[string]any{"value": "371502001"}
	if is := NewIssue("division.unknown", "/division", clean); is.Params["value"] != "371502001" {
		t.Errorf("NewIssue changed a param without a number: %v", is.Params)
	}
	if is := NewIssue("no.such."+redactID, "/a", nil); strings.Contains(redactFold(is.Message(languageSupported[0])), redactID) {
		t.Errorf("an unregistered code shows the number: %v", is)
	}
}

// TestDecodeIssuesRedact checks that a number a submitter writes as a
// member name, into a numeric field or as a data value reaches no issue
// in clear.
func TestDecodeIssuesRedact(t *testing.T) {
	docs := []string{
		validateStreamLine("a1", `"participants":86`, `"participants":86,"`+redactID+`":1`),
		validateStreamLine("a1", `"participants":86`, `"participants":86,"编号 371599 19800101 0076":1`),
		validateStreamLine("a1", `"participants":86`, `"participants":`+redactID),
		validateStreamLine("a1", `"title":"高血压防治健康知识讲座"`, `"title":"高血压防治健康知识讲座","`+redactID+`":1,"`+redactID+`":2`),
		`{"schemaVersion":"1","kind":"monthlyReport","id":"r1","division":"150207","period":"202510","submittedAt":"2025-11-03T16:20:00+08:00","values":[{"element":"children-0-6-management-rate","value":` + redactID + `}]}`,
	}
	v := &Validator{Now: validateTestNow}
	for _, doc := range docs {
		var issues []Issue
		if _, err := v.ValidateStream(strings.NewReader(doc), StreamOptions{}, func(r *RecordResult) error {
			issues = append(issues, r.Issues...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(issues) == 0 {
			t.Errorf("%s: no issues", doc)
		}
		b, err := json.Marshal(issues)
		if err != nil {
			t.Fatalf("issues do not marshal: %v", err)
		}
		text := string(b)
		for _, is := range issues {
			text += is.Message(languageSupported[0]) + is.Message(languageSupported[2])
		}
		if strings.Contains(redactFold(text), redactID) {
			t.Errorf("%s: issues hold the number in clear: %s", doc, text)
		}
	}
}
