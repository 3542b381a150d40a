package apidoc

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEExample runs the Go program of README.md's "library in five
// minutes" and checks that it prints what its comments say, so that the
// README does not drift from the library. The program is laid into the
// module with go's -overlay flag, without touching the source tree.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```go\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no Go example")
	}
	src := m[1]
	dir := t.TempDir()
	file := filepath.Join(dir, "main.go")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	overlay, err := json.Marshal(map[string]map[string]string{
		"Replace": {filepath.Join(root, "internal", "apidoc", "readmeexample", "main.go"): file},
	})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "-overlay", overlayFile, "./internal/apidoc/readmeexample")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run of README.md's example: %v\n%s", err, out)
	}
	// Each "fmt.Println(…) // want" comment is a line the program prints.
	var want []string
	for _, c := range regexp.MustCompile(`fmt\.Println\([^\n]*\) // (.*)\n`).FindAllSubmatch(src, -1) {
		want = append(want, string(c[1]))
	}
	if len(want) == 0 {
		t.Fatal("README.md's example states no output")
	}
	got := string(out)
	for _, w := range want {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("README.md's example does not print %q; it prints:\n%s", w, got)
		}
	}
}
