package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
)

func TestGenerateDeterministic(t *testing.T) {
	args := []string{"generate", "-under", "371502", "-months", "3", "-seed", "7", "-end", "202509"}
	first, stderr, code := runCommand(t, "", args...)
	if code != exitOK {
		t.Fatalf("exit status %d; stderr: %s", code, stderr)
	}
	second, _, _ := runCommand(t, "", args...)
	if first != second {
		t.Error("the same flags wrote different bytes")
	}
	// The flags become the options of synth.WriteNDJSON.
	var want bytes.Buffer
	opts := synth.Options{Under: healthedu.MustParseDivisionCode("371502"), Months: 3, Seed: 7, End: healthedu.MustParsePeriod("202509")}
	if err := synth.WriteNDJSON(&want, opts); err != nil {
		t.Fatal(err)
	}
	if first != want.String() {
		t.Error("output differs from synth.WriteNDJSON with the same options")
	}
	other, _, _ := runCommand(t, "", "generate", "-under", "371502", "-months", "3", "-seed", "8", "-end", "202509")
	if other == first {
		t.Error("seeds 7 and 8 wrote the same bytes")
	}
}

func TestGenerateDefaults(t *testing.T) {
	got, stderr, code := runCommand(t, "", "generate")
	if code != exitOK {
		t.Fatalf("exit status %d; stderr: %s", code, stderr)
	}
	var want bytes.Buffer
	opts := synth.Options{Under: healthedu.MustParseDivisionCode("3715"), Months: 12, Seed: 1, End: healthedu.MustParsePeriod("202510")}
	if err := synth.WriteNDJSON(&want, opts); err != nil {
		t.Fatal(err)
	}
	if got != want.String() {
		t.Error("generate without flags differs from 聊城 3715, 12 months to 202510, seed 1")
	}
}

// TestGenerateValidate runs the generated records through "jiceng
// validate": every one is accepted, without a warning.
func TestGenerateValidate(t *testing.T) {
	file := filepath.Join(t.TempDir(), "records.ndjson")
	if _, stderr, code := runCommand(t, "", "generate", "-under", "371521", "-months", "12", "-o", file); code != exitOK {
		t.Fatalf("generate: exit status %d; stderr: %s", code, stderr)
	}
	stdout, stderr, code := runCommand(t, "", "validate", "-format", "json", "-now", "2025-12-01T00:00:00+08:00", file)
	if code != exitOK {
		t.Errorf("validate: exit status %d; stderr: %s", code, stderr)
	}
	var report jsonReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("validate output: %v", err)
	}
	if report.Records < 500 {
		t.Errorf("validate read %d records, want a year of 阳谷县's", report.Records)
	}
	want := jsonReport{Records: report.Records, Accepted: report.Records, Issues: []jsonIssue{}}
	if len(report.Issues) > 3 {
		report.Issues = report.Issues[:3]
	}
	if diff := cmp.Diff(want, report); diff != "" {
		t.Errorf("validate report (-want +got):\n%s", diff)
	}
}

func TestGenerateOutputFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "out.ndjson")
	stdout, stderr, code := runCommand(t, "", "generate", "-under", "371502001", "-months", "2", "-o", file)
	if code != exitOK || stdout != "" {
		t.Fatalf("exit status %d, stdout %q; stderr: %s", code, stdout, stderr)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := runCommand(t, "", "generate", "-under", "371502001", "-months", "2")
	if string(got) != want {
		t.Error("-o wrote other bytes than standard output gets")
	}
}

func TestGenerateErrors(t *testing.T) {
	missingDir := filepath.Join(t.TempDir(), "no", "such", "dir", "out.ndjson")
	tests := []struct {
		args []string
		want string // standard error, with -lang en
	}{
		{[]string{"-under", "37150"}, `-under: Division code "37150" has the wrong number of digits: it must have 2, 4, 6, 9 or 12; division codes are written 37 (province), 3715 (city), 371502 (county), 371502001 (township)`},
		{[]string{"-under", "3799"}, `-under: Division code "3799" is not in the division registry: check that it is typed right and still in use`},
		{[]string{"-under", "371502001001"}, `-under: 371502001001 is a village: want a township or a division above`},
		{[]string{"-end", "2025Q3"}, `-end: "2025Q3" is not a month: -end is the last month generated, written YYYYMM, such as 202510`},
		{[]string{"-end", "2025-10"}, `-end: "2025-10" is not a month: -end is the last month generated, written YYYYMM, such as 202510`},
		{[]string{"-end", "202513"}, `-end: "202513" is not a month: -end is the last month generated, written YYYYMM, such as 202510`},
		{[]string{"-months", "0"}, "-months: 0 is out of range: want 1 to 120 months"},
		{[]string{"-months", "121"}, "-months: 121 is out of range: want 1 to 120 months"},
		{[]string{"-months", "twelve"}, `-months: "twelve" is not a whole number, or is out of range`},
		{[]string{"-months", "2", "-end", "190001"}, "-months and -end: 2 months ending 190001 would start before 1900"},
		{[]string{"extra"}, `unexpected argument "extra": jiceng generate reads no files, its settings are flags written -name value (run jiceng generate -h for the usage)`},
		{[]string{"-under", "371502001", "-months", "1", "-o", missingDir}, "cannot write file " + missingDir},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCommand(t, "", append([]string{"generate", "-lang", "en"}, tt.args...)...)
		if code != exitUsage {
			t.Errorf("%v: exit status %d, want %d", tt.args, code, exitUsage)
		}
		if stdout != "" {
			t.Errorf("%v: wrote %d bytes to standard output", tt.args, len(stdout))
		}
		if diff := cmp.Diff("jiceng generate: "+tt.want+"\n", stderr); diff != "" {
			t.Errorf("%v: stderr (-want +got):\n%s", tt.args, diff)
		}
	}
	if _, err := os.Stat(filepath.Dir(missingDir)); err == nil {
		t.Errorf("generate created %s", filepath.Dir(missingDir))
	}
}

func TestGenerateHelp(t *testing.T) {
	stdout, stderr, code := runCommand(t, "", "generate", "-h")
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "usage: jiceng generate") ||
		!strings.Contains(stdout, "-seed") || !strings.Contains(stdout, "Exit status: 0") {
		t.Errorf("exit status %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
