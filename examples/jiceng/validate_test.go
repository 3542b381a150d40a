package main

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// now is the instant the tests validate at, so that their verdicts do not
// change with the date.
const now = "2025-11-15T12:00:00+08:00"

func runCommand(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestValidateJSON(t *testing.T) {
	type summary struct {
		Records, Accepted, Rejected, Warnings, Errors int
		Codes                                         []string // code@line, in output order
	}
	tests := []struct {
		name string
		args []string
		want summary
		exit int
	}{
		{
			name: "all accepted",
			args: []string{"testdata/validate/accepted.ndjson"},
			want: summary{Records: 6, Accepted: 6, Codes: []string{}},
		},
		{
			name: "mixed",
			args: []string{"testdata/validate/mixed.ndjson"},
			want: summary{Records: 5, Accepted: 2, Rejected: 3, Warnings: 2, Errors: 3, Codes: []string{
				"citizenId.checksum@2", "json.unexpectedEnd@3", "activity.evidenceMissing@4",
				"monthlyReport.periodNotMonth@5", "monthlyReport.early@5",
			}},
			exit: exitRejected,
		},
		{
			name: "gb18030",
			args: []string{"-encoding", "gb18030", "testdata/validate/gb18030.ndjson"},
			want: summary{Records: 2, Accepted: 2, Codes: []string{}},
		},
		{
			name: "gb18030 read as utf-8",
			args: []string{"testdata/validate/gb18030.ndjson"},
			// One issue for each string holding bytes that are not UTF-8.
			want: summary{Records: 2, Rejected: 2, Errors: 6, Codes: []string{
				"json.encoding@1", "json.encoding@1", "json.encoding@1", "json.encoding@1",
				"json.encoding@2", "json.encoding@2",
			}},
			exit: exitRejected,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"validate", "-format", "json", "-now", now}, tt.args...)
			stdout, stderr, code := runCommand(t, "", args...)
			if code != tt.exit {
				t.Errorf("exit status %d, want %d; stderr: %s", code, tt.exit, stderr)
			}
			var got jsonReport
			dec := json.NewDecoder(strings.NewReader(stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("output is not the JSON report: %v\n%s", err, stdout)
			}
			s := summary{Records: got.Records, Accepted: got.Accepted, Rejected: got.Rejected,
				Warnings: got.Warnings, Errors: got.Errors, Codes: []string{}}
			for _, is := range got.Issues {
				s.Codes = append(s.Codes, is.Code+"@"+itoa(is.Line))
				if is.Message == "" || is.Severity == "" || is.RecordID == "" {
					t.Errorf("issue %+v lacks a message, severity or record id", is)
				}
			}
			if diff := cmp.Diff(tt.want, s); diff != "" {
				t.Errorf("report (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateJSONShape pins the field names of the JSON output, a public
// contract.
func TestValidateJSONShape(t *testing.T) {
	stdout, _, _ := runCommand(t, "", "validate", "-format", "json", "-lang", "en", "-now", now, "testdata/validate/mixed.ndjson")
	var raw map[string]any
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	issue := raw["issues"].([]any)[0].(map[string]any)
	for k := range issue {
		keys = append(keys, "issues[]."+k)
	}
	want := []string{"accepted", "errors", "issues", "records", "rejected", "warnings",
		"issues[].code", "issues[].file", "issues[].line", "issues[].message", "issues[].params",
		"issues[].path", "issues[].recordId", "issues[].severity"}
	if diff := cmp.Diff(want, keys, cmpSortStrings); diff != "" {
		t.Errorf("JSON keys (-want +got):\n%s", diff)
	}
	if issue["line"].(float64) != 2 || issue["code"] != "citizenId.checksum" || issue["path"] != "/resident/citizenId" {
		t.Errorf("first issue = %v", issue)
	}
}

var cmpSortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func TestValidateText(t *testing.T) {
	stdout, _, code := runCommand(t, "", "validate", "-now", now, "testdata/validate/mixed.ndjson")
	if code != exitRejected {
		t.Errorf("exit status %d, want %d", code, exitRejected)
	}
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	issueLine := regexp.MustCompile(`^testdata/validate/mixed\.ndjson:[0-9]+: (error|warning|information) [a-zA-Z]+\.[a-zA-Z.]+ (/\S*|""): .+$`)
	for _, l := range lines[:len(lines)-1] {
		if !issueLine.MatchString(l) {
			t.Errorf("line %q is not file:line: severity code path: message", l)
		}
	}
	if want := "共 5 条记录：受理 2 条，退回 3 条；错误 3 个，警告 2 个"; lines[len(lines)-1] != want {
		t.Errorf("summary = %q, want %q", lines[len(lines)-1], want)
	}
	// zh-Hant and en summaries.
	for lang, want := range map[string]string{"zh-Hant": "共 5 筆記錄", "en": "5 records: 2 accepted, 3 rejected"} {
		out, _, _ := runCommand(t, "", "validate", "-lang", lang, "-now", now, "testdata/validate/mixed.ndjson")
		if !strings.Contains(out, want) {
			t.Errorf("-lang %s: output lacks %q:\n%s", lang, want, out)
		}
	}
}

func TestValidateStdin(t *testing.T) {
	data, err := os.ReadFile("testdata/validate/accepted.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, code := runCommand(t, string(data), "validate", "-lang", "en", "-now", now, "-")
	if code != exitOK || !strings.Contains(stdout, "6 records: 6 accepted, 0 rejected") {
		t.Errorf("exit %d, output %q", code, stdout)
	}
}

func TestValidateExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no arguments", []string{}, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"no file", []string{"validate"}, exitUsage},
		{"missing file", []string{"validate", "testdata/validate/no-such-file.ndjson"}, exitUsage},
		{"missing file beside a good one", []string{"validate", "-now", now, "testdata/validate/accepted.ndjson", "testdata/validate/no-such-file.ndjson"}, exitUsage},
		{"bad -lang", []string{"validate", "-lang", "fr", "testdata/validate/accepted.ndjson"}, exitUsage},
		{"bad -format", []string{"validate", "-format", "xml", "testdata/validate/accepted.ndjson"}, exitUsage},
		{"bad -encoding", []string{"validate", "-encoding", "big5", "testdata/validate/accepted.ndjson"}, exitUsage},
		{"accepted", []string{"validate", "-now", now, "testdata/validate/accepted.ndjson"}, exitOK},
		{"rejected", []string{"validate", "-now", now, "testdata/validate/mixed.ndjson"}, exitRejected},
	}
	for _, tt := range tests {
		if _, _, code := runCommand(t, "", tt.args...); code != tt.want {
			t.Errorf("%s: exit status %d, want %d", tt.name, code, tt.want)
		}
	}
}

// TestValidateNoCitizenIDInClear checks that no output format prints a
// citizen ID number of the input in clear.
func TestValidateNoCitizenIDInClear(t *testing.T) {
	ids := regexp.MustCompile(`"citizenId":"([0-9Xx]{15,18})"`)
	for _, file := range []string{"testdata/validate/accepted.ndjson", "testdata/validate/mixed.ndjson"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found := ids.FindAllSubmatch(data, -1)
		if len(found) == 0 {
			t.Fatalf("%s holds no citizen ID: the test proves nothing", file)
		}
		for _, format := range []string{"text", "json"} {
			for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
				stdout, stderr, _ := runCommand(t, "", "validate", "-format", format, "-lang", lang, "-now", now, file)
				for _, m := range found {
					if strings.Contains(stdout+stderr, string(m[1])) {
						t.Errorf("%s -format %s -lang %s prints citizen ID %s… in clear", file, format, lang, m[1][:4])
					}
				}
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
