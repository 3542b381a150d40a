package booking_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jiceng/jiceng/healthedu"
)

// TestCodesRegistered checks that every issue code the package's source
// names is registered, that every code registered under booking. is used,
// and that each has its message in the three languages.
func TestCodesRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`"(booking\.[a-zA-Z]+)"`)
	used := map[string]bool{}
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
		if !strings.HasPrefix(def.Code, "booking.") {
			continue
		}
		n++
		if !used[def.Code] {
			t.Errorf("code %s is registered but not used", def.Code)
		}
		zh := regexp.MustCompile(`[A-Za-z]`)
		for _, tmpl := range []string{def.ZhHans, def.ZhHant} {
			if s := regexp.MustCompile(`%\[\d\]v`).ReplaceAllString(tmpl, ""); zh.MatchString(s) {
				t.Errorf("code %s: Latin letters in the Chinese message %q", def.Code, tmpl)
			}
		}
	}
	if n != 15 {
		t.Errorf("%d booking codes registered; want 15", n)
	}
}
