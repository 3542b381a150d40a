package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

const docsFile = "../../docs/issue-codes.md"

// TestDocsUpToDate regenerates the table in memory and compares it with
// the committed one.
func TestDocsUpToDate(t *testing.T) {
	want := render(healthedu.Codes())
	got, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatalf("%v\nrun `go generate ./healthedu` (or `go run ./internal/issuecodes` from the module root) to write it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/issue-codes.md is stale: run `go generate ./healthedu` (or `go run ./internal/issuecodes` from the module root) and commit it; diff (-committed +generated):\n%s",
			cmp.Diff(strings.Split(string(got), "\n"), strings.Split(string(want), "\n")))
	}
}

func TestRender(t *testing.T) {
	defs := []healthedu.CodeDef{{
		Code:     "test.code",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "max"},
		Meaning:  "A | in *text*, a_b, ~1 and <b>.",
		ZhHans:   "值%[1]v超过%[2]v（100%%），再说%[1]v",
	}}
	got := string(render(defs))
	const wantRow = "| `test.code` | warning | `value`, `max` | A \\| in \\*text\\*, a\\_b, \\~1 and \\<b\\>. | 值{value}超过{max}（100%），再说{value} |\n"
	if !strings.HasSuffix(got, wantRow) {
		t.Errorf("render: last row\n%s\nwant\n%s", got[strings.LastIndex(got[:len(got)-1], "\n")+1:], wantRow)
	}
	if !strings.HasPrefix(got, "<!-- Code generated") {
		t.Errorf("render: no generated-code header:\n%s", got)
	}
}

func TestRenderCoversCodes(t *testing.T) {
	got := string(render(healthedu.Codes()))
	for _, d := range healthedu.Codes() {
		if !strings.Contains(got, "| `"+d.Code+"` |") {
			t.Errorf("code %s missing from the table", d.Code)
		}
	}
}
