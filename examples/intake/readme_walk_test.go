package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// A demoServer is the real server started with -demo, as the README's
// first command starts it.
type demoServer struct {
	base string // http://127.0.0.1:PORT
	db   string // the SQLite file
	out  string // what it printed before it listened
}

// runDemoServer starts the server with -demo on a free port and the SQLite
// file db (a new one in a temporary directory when db is ""), and stops it
// when the test ends.
func runDemoServer(t testing.TB, db string, args ...string) demoServer {
	t.Helper()
	if db == "" {
		db = filepath.Join(t.TempDir(), "jiceng-intake.db")
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan int, 1)
	var out, errs syncBuffer
	go func() {
		done <- run(ctx, append([]string{"-demo", "-addr", "127.0.0.1:0", "-db", db}, args...), &out, &errs, ready)
	}()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case addr := <-ready:
		return demoServer{base: "http://" + addr, db: db, out: out.String()}
	case code := <-done:
		t.Fatalf("intake -demo exited with status %d before it was ready:\n%s", code, errs.String())
	case <-time.After(120 * time.Second):
		t.Fatal("intake -demo not ready after 120 s")
	}
	return demoServer{}
}

// TestDemoPrints checks what -demo prints: the tokens with what each may
// do and a line that keeps them in a shell, where the data is and how to
// start afresh, and, started again on the same file, that it keeps the
// data rather than seeding it again.
func TestDemoPrints(t *testing.T) {
	db := filepath.Join(t.TempDir(), "walk.db")
	first := runDemoServer(t, db)
	for _, want := range []string{
		"demo data in " + db + " (seeded now)",
		"to start afresh, stop the server and delete " + db + " (and " + db + "-wal, " + db + "-shm), or run with -db other.db",
		"the dashboard opens at 3715 聊城市",
		"  export ADMIN=",
		"submits its records",
		"approves or returns",
	} {
		if !strings.Contains(first.out, want) {
			t.Errorf("-demo printed no %q:\n%s", want, first.out)
		}
	}
	vars := exportedTokens(t, first.out)
	if len(vars) != 4 {
		t.Errorf("the export line sets %v", vars)
	}
	for k, v := range vars {
		if !strings.Contains(first.out, "Authorization: Bearer "+v) {
			t.Errorf("the export line sets %s=%s, a token not printed with what it may do", k, v)
		}
	}
	again := runDemoServer(t, db)
	if want := "demo data in " + db + " (kept from an earlier run, not seeded again)"; !strings.Contains(again.out, want) {
		t.Errorf("-demo started again on %s printed no %q:\n%s", db, want, again.out)
	}
}

// exportedTokens returns the variables of the export line -demo prints.
func exportedTokens(t testing.TB, out string) map[string]string {
	t.Helper()
	for l := range strings.Lines(out) {
		rest, ok := strings.CutPrefix(strings.TrimSpace(l), "export ")
		if !ok {
			continue
		}
		vars := make(map[string]string)
		for _, f := range strings.Fields(rest) {
			k, v, _ := strings.Cut(f, "=")
			vars[k] = v
		}
		return vars
	}
	t.Fatalf("-demo printed no export line:\n%s", out)
	return nil
}

// TestReadmeWalk runs the README's five minutes with the demo as written:
// the sh blocks of its walk section, in bash with curl, against a demo
// server of its own, after the two substitutions the README asks of a
// reader (the export line the demo printed for the one shown, the
// server's address for http://127.0.0.1:8080). It checks each answer as
// the README describes it: the dry run and the submission's import
// summaries, the same record ignored when sent again, the figure one more
// after the submission, the bar of 古楼街道 on the dashboard page the walk
// prints, and the bad record refused with the issue at /participants.
func TestReadmeWalk(t *testing.T) {
	bash, curl := integrationTool(t, "bash"), integrationTool(t, "curl")
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, walk, ok := strings.Cut(string(readme), "<!-- walk")
	walk, _, ok2 := strings.Cut(walk, "<!-- /walk -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no walk section between <!-- walk and <!-- /walk -->")
	}
	var blocks []string
	for rest := walk; ; {
		_, after, found := strings.Cut(rest, "```sh\n")
		if !found {
			break
		}
		block, after, _ := strings.Cut(after, "```\n")
		blocks, rest = append(blocks, block), after
	}
	d := runDemoServer(t, "")
	export := ""
	for l := range strings.Lines(d.out) {
		if strings.HasPrefix(strings.TrimSpace(l), "export ADMIN=") {
			export = strings.TrimSpace(l)
		}
	}
	exportedTokens(t, d.out) // fails when there is none
	var script strings.Builder
	var curls []string // the README's curl commands, in order
	for _, b := range blocks {
		for l := range strings.Lines(b) {
			switch {
			case strings.HasPrefix(l, "export ADMIN="):
				l = export + "\n"
			case strings.HasPrefix(l, "curl "):
				curls = append(curls, l)
			}
			script.WriteString(strings.ReplaceAll(l, "http://127.0.0.1:8080", d.base))
		}
	}
	if len(curls) < 5 || export == "" {
		t.Fatalf("the walk has %d curl commands and the demo printed the export line %q:\n%s", len(curls), export, script.String())
	}

	// Each curl's answer is kept: its status and body, numbered.
	dir, answers := t.TempDir(), t.TempDir()
	prelude := `set -eu
n=0
curl() { n=$((n+1)); command ` + curl + ` -sS -o "$ANSWERS/$n.body" -w '%{http_code}' "$@" > "$ANSWERS/$n.status"; cat "$ANSWERS/$n.body"; echo; }
`
	cmd := exec.Command(bash, "-c", prelude+script.String())
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ANSWERS="+answers)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the walk failed: %v\n%s\n--- script:\n%s", err, out, script.String())
	}
	t.Logf("the walk's output:\n%s", out)

	var figures []int64
	lectures := 0
	for i, c := range curls {
		status, body := walkAnswer(t, answers, i+1)
		where := fmt.Sprintf("curl %d (%s)", i+1, strings.TrimSpace(c))
		switch {
		case strings.Contains(c, "/v1/indicators"):
			var ind wire.Indicators
			if status != http.StatusOK || json.Unmarshal(body, &ind) != nil || len(ind.Rows) != 1 || ind.Rows[0].Numerator == nil {
				t.Fatalf("%s answered %d %s", where, status, body)
			}
			figures = append(figures, *ind.Rows[0].Numerator)
		case strings.Contains(c, "dryRun=true"):
			var s wire.ImportSummary
			if status != http.StatusOK || json.Unmarshal(body, &s) != nil {
				t.Fatalf("%s answered %d %s", where, status, body)
			}
			want := wire.ImportSummary{Status: "success", DryRun: true, Records: 1, Imported: 1, RejectedIndexes: []int{}, Issues: []wire.SummaryIssue{}}
			if diff := cmp.Diff(want, s); diff != "" {
				t.Errorf("%s: the dry run's summary is not what the README says (-want +got):\n%s", where, diff)
			}
		case strings.Contains(c, "@lecture.json"):
			var s wire.ImportSummary
			if status != http.StatusOK || json.Unmarshal(body, &s) != nil {
				t.Fatalf("%s answered %d %s", where, status, body)
			}
			want := wire.ImportSummary{Status: "success", Records: 1, Imported: 1, RejectedIndexes: []int{}, Issues: []wire.SummaryIssue{}}
			if lectures > 0 { // sent again: ignored
				want.Imported, want.Ignored = 0, 1
			}
			lectures++
			if diff := cmp.Diff(want, s); diff != "" {
				t.Errorf("%s: the summary is not what the README says (-want +got):\n%s", where, diff)
			}
		case strings.Contains(c, "@bad.json"):
			var p struct {
				Code    string             `json:"code"`
				Summary wire.ImportSummary `json:"summary"`
			}
			if status != http.StatusUnprocessableEntity || json.Unmarshal(body, &p) != nil {
				t.Fatalf("%s answered %d %s, the README says 422", where, status, body)
			}
			found := false
			for _, is := range p.Summary.Issues {
				found = found || is.Code == "json.range" && is.Path == "/participants" && strings.Contains(is.Message, "-3") && !strings.ContainsFunc(is.Message, func(r rune) bool { return r > 0x2000 })
			}
			if p.Code != "intake.rejected" || p.Summary.Rejected != 1 || p.Summary.Imported != 0 || !found {
				t.Errorf("%s: the problem is %s with %+v, the README says intake.rejected, rejected 1, json.range at /participants in English", where, p.Code, p.Summary)
			}
		default:
			t.Errorf("%s: the test does not know what to expect of it", where)
		}
	}
	if lectures != 2 {
		t.Errorf("the walk submits lecture.json %d times, the README says twice", lectures)
	}
	if len(figures) != 2 || figures[1] != figures[0]+1 {
		t.Fatalf("the figure went %v, the README says one more after the submission", figures)
	}

	// The dashboard page the walk prints: 古楼街道's bar shows the new figure.
	var page string
	for l := range strings.Lines(string(out)) {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, d.base+"/?") {
			page = l
		}
	}
	if page == "" {
		t.Fatalf("the walk printed no dashboard address:\n%s", out)
	}
	resp, err := http.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	bar := fmt.Sprintf(`data-division="371502001000" data-value="%d"`, figures[1])
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(html), bar) {
		t.Errorf("%s answered %d without the bar %s", page, resp.StatusCode, bar)
	}
}

// walkAnswer returns the status and the body of the walk's nth curl.
func walkAnswer(t *testing.T, dir string, n int) (int, []byte) {
	t.Helper()
	status, err := os.ReadFile(filepath.Join(dir, fmt.Sprint(n, ".status")))
	if err != nil {
		t.Fatalf("curl %d of the walk left no answer: %v", n, err)
	}
	body, _ := os.ReadFile(filepath.Join(dir, fmt.Sprint(n, ".body")))
	code, _ := strconv.Atoi(strings.TrimSpace(string(status)))
	return code, body
}

// integrationTool returns the path of the program name, as the README's
// reader has it; without it the test is skipped, or fails when
// $JICENG_REQUIRE_INTEGRATION is 1, as CI sets.
func integrationTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		msg := fmt.Sprintf("no %s on PATH (%v): the README's walk needs it", name, err)
		if os.Getenv(dashboardtest.EnvRequire) == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}
