package grid_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jiceng/jiceng/healthedu"
)

// TestCodesRegistered checks that every issue code the package's source
// names is registered, and that every code registered under the
// package's prefixes is used.
func TestCodesRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`"((?:grid|team|loop|alert|value|division)\.[a-zA-Z]+)"`)
	used := map[string]bool{
		// unknownIssue builds these from the kind of the missing record.
		"grid.gridUnknown": true, "grid.buildingUnknown": true, "grid.householdUnknown": true,
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "codes.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	for code := range used {
		if _, ok := healthedu.LookupCode(code); !ok {
			t.Errorf("code %s is used but not registered", code)
		}
	}
	n := 0
	for _, def := range healthedu.Codes() {
		prefix, _, _ := strings.Cut(def.Code, ".")
		switch prefix {
		case "grid", "team", "loop", "alert":
			n++
			if !used[def.Code] {
				t.Errorf("code %s is registered but not used", def.Code)
			}
		}
	}
	if n == 0 {
		t.Error("no grid codes registered")
	}
}
