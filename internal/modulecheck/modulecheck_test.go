package modulecheck

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// root is the library module's root.
var root = filepath.Join("..", "..")

// TestRequirements: the library module requires golang.org/x/text, which
// its packages import, and the libraries of its tests and generators:
// go-cmp, invopop/jsonschema and santhosh-tekuri/jsonschema.
func TestRequirements(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var direct []string
	inRequire := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "require (":
			inRequire = true
			continue
		case line == ")":
			inRequire = false
			continue
		case strings.HasPrefix(line, "require "):
			line = strings.TrimPrefix(line, "require ")
		case !inRequire:
			continue
		}
		if f := strings.Fields(line); len(f) >= 2 && !strings.Contains(line, "// indirect") {
			direct = append(direct, f[0])
		}
	}
	slices.Sort(direct)
	want := []string{
		"github.com/google/go-cmp",
		"github.com/invopop/jsonschema",
		"github.com/santhosh-tekuri/jsonschema/v6",
		"golang.org/x/text",
	}
	if diff := cmp.Diff(want, direct); diff != "" {
		t.Errorf("go.mod's direct requirements (-want +got):\n%s", diff)
	}
}

// TestModuleGraph: no server, database or browser module is in the
// library module's graph, as an importer's go list -m all would show it.
func TestModuleGraph(t *testing.T) {
	modules := goList(t, "-m", "all")
	for _, m := range modules {
		for _, banned := range []string{"chromedp", "jackc", "modernc.org", "sqlite", "pgx", "puddle"} {
			if strings.Contains(m, banned) {
				t.Errorf("the library module's graph holds %s", m)
			}
		}
	}
}

// TestImports: the library's public packages, and all they import, tests
// aside, import the standard library, jiceng's own packages and
// golang.org/x/text, nothing else. (The generators that go generate runs
// and their internal helpers use invopop/jsonschema.)
func TestImports(t *testing.T) {
	var pkgs []string
	for _, p := range goList(t, "-f", `{{if ne .Name "main"}}{{.ImportPath}}{{end}}`, "./...") {
		if p != "" && !strings.Contains(p, "/internal/") {
			pkgs = append(pkgs, p)
		}
	}
	if len(pkgs) < 5 {
		t.Fatalf("library packages: %v", pkgs)
	}
	for _, p := range goList(t, append([]string{"-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, pkgs...)...) {
		if p == "" || strings.HasPrefix(p, "github.com/jiceng/jiceng") || strings.HasPrefix(p, "golang.org/x/text/") {
			continue
		}
		t.Errorf("a library package depends on %s", p)
	}
}

// goList runs go list in the library module alone, outside the workspace
// that joins it to the examples, and returns its lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}
