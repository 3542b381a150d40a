package healthedu

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func reportTestIssues() []Issue {
	return []Issue{
		NewIssue("citizenId.checksum", "/records/0/citizenId", map[string]any{"value": "3715**********123X"}),
		NewIssue("period.range", "/records/1/period", map[string]any{"value": "202513"}),
		{Severity: SeverityWarning, Code: "value.invalid", Path: "/records/2/count"},
		{Severity: SeverityInformation, Code: "value.invalid", Path: ""},
		{Severity: SeverityWarning, Code: "value.invalid", Path: "/records/3/count"},
	}
}

func TestReportCounts(t *testing.T) {
	var r Report
	if r.Len() != 0 || r.HasErrors() || r.Count(SeverityError) != 0 || r.Issues() != nil {
		t.Fatalf("zero Report is not empty: len %d, issues %v", r.Len(), r.Issues())
	}
	issues := reportTestIssues()
	r.Add(issues[:2]...)
	r.Add()
	r.Add(issues[2:]...)
	r.Add(Issue{Code: "value.invalid"}) // invalid severity: kept, not counted

	got := map[string]int{
		"len":         r.Len(),
		"errors":      r.Count(SeverityError),
		"warnings":    r.Count(SeverityWarning),
		"information": r.Count(SeverityInformation),
		"invalid":     r.Count(0),
		"invalid4":    r.Count(4),
	}
	want := map[string]int{"len": 6, "errors": 2, "warnings": 2, "information": 1, "invalid": 0, "invalid4": 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
	if !r.HasErrors() {
		t.Error("HasErrors() = false, want true")
	}
	if diff := cmp.Diff(append(issues, Issue{Code: "value.invalid"}), r.Issues()); diff != "" {
		t.Errorf("Issues() mismatch (-want +got):\n%s", diff)
	}
	r.Issues()[0].Code = "changed"
	if r.Issues()[0].Code != "citizenId.checksum" {
		t.Error("Issues() returned the report's own slice")
	}

	var w Report
	w.Add(issues[2])
	if w.HasErrors() {
		t.Error("HasErrors() = true for a report with a warning only")
	}
}

func TestReportJSON(t *testing.T) {
	var empty Report
	b, err := json.Marshal(&empty)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"errors":0,"warnings":0,"information":0,"issues":[]}`; got != want {
		t.Errorf("json.Marshal(empty) = %s, want %s", got, want)
	}

	var r Report
	r.Add(reportTestIssues()[:3]...)
	b, err = json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"errors":2,"warnings":1,"information":0,"issues":[` +
		`{"severity":"error","code":"citizenId.checksum","path":"/records/0/citizenId","params":{"value":"3715**********123X"}},` +
		`{"severity":"error","code":"period.range","path":"/records/1/period","params":{"value":"202513"}},` +
		`{"severity":"warning","code":"value.invalid","path":"/records/2/count"}]}`
	if string(b) != want {
		t.Errorf("json.Marshal =\n%s\nwant\n%s", b, want)
	}

	var back Report
	back.Add(NewIssue("value.invalid", "/stale", nil))
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Issues(), back.Issues()); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	if back.Count(SeverityError) != 2 || back.Count(SeverityWarning) != 1 {
		t.Errorf("counts after round trip: %d errors, %d warnings", back.Count(SeverityError), back.Count(SeverityWarning))
	}

	// Counts are recomputed, messages dropped.
	const localized = `{"language":"en","errors":9,"warnings":9,"information":9,"issues":[{"severity":"warning","code":"value.invalid","path":"/a","message":"The value is not valid"}]}`
	if err := json.Unmarshal([]byte(localized), &back); err != nil {
		t.Fatal(err)
	}
	if back.Len() != 1 || back.Count(SeverityWarning) != 1 || back.Count(SeverityError) != 0 {
		t.Errorf("after decoding a localized report: len %d, %d warnings, %d errors", back.Len(), back.Count(SeverityWarning), back.Count(SeverityError))
	}
	if err := json.Unmarshal([]byte(`{"issues":[{"severity":"fatal"}]}`), &back); err == nil {
		t.Error("decoding severity \"fatal\" succeeded, want an error")
	}
}

func TestReportLocalize(t *testing.T) {
	var r Report
	r.Add(reportTestIssues()[:3]...)
	lr := r.Localize(English)
	b, err := json.Marshal(lr)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"language":"en","errors":2,"warnings":1,"information":0,"issues":[` +
		`{"severity":"error","code":"citizenId.checksum","path":"/records/0/citizenId","params":{"value":"3715**********123X"},"message":"Citizen ID number \"3715**********123X\" fails its check digit: check it for typing errors"},` +
		`{"severity":"error","code":"period.range","path":"/records/1/period","params":{"value":"202513"},"message":"Period \"202513\" does not exist: its year, half-year, quarter, bi-month, month, week or day is out of range"},` +
		`{"severity":"warning","code":"value.invalid","path":"/records/2/count","message":"The value is not valid"}]}`
	if string(b) != want {
		t.Errorf("json.Marshal(Localize(en)) =\n%s\nwant\n%s", b, want)
	}

	for in, want := range map[string]string{"zh-TW": "zh-Hant", "en-GB": "en", "fr": "zh-Hans", "und": "zh-Hans"} {
		lr := r.Localize(MatchLanguage(in))
		if got := lr.Language.String(); got != want {
			t.Errorf("Localize(MatchLanguage(%q)).Language = %s, want %s", in, got, want)
		}
		if lr.Issues[2].Message != r.Issues()[2].Message(lr.Language) {
			t.Errorf("Localize(%s) message %q differs from Issue.Message", lr.Language, lr.Issues[2].Message)
		}
	}

	var empty Report
	b, err = json.Marshal(empty.Localize(ZhHant))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"language":"zh-Hant","errors":0,"warnings":0,"information":0,"issues":[]}`; got != want {
		t.Errorf("json.Marshal(empty.Localize(zh-Hant)) = %s, want %s", got, want)
	}
}

func BenchmarkReportAdd(b *testing.B) {
	issues := reportTestIssues()
	b.ReportAllocs()
	for b.Loop() {
		var r Report
		r.Add(issues...)
	}
}
