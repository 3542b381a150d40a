package roster_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

var english = regexp.MustCompile(`[A-Za-z]{3,}`)

// TestCodesRegistered checks that every issue code the package's source
// names is registered, and that every code registered under its prefixes
// is used, with a message in each language.
func TestCodesRegistered(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`"((?:roster|bindingCode)\.[a-zA-Z]+)"`)
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
			if !strings.HasSuffix(m[1], ".go") {
				used[m[1]] = true
			}
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
		if prefix != "roster" && prefix != "bindingCode" {
			continue
		}
		n++
		if !used[def.Code] {
			t.Errorf("code %s is registered but not used", def.Code)
		}
		params := map[string]any{}
		for _, p := range def.Params {
			params[p] = "1"
		}
		for _, lang := range []language.Tag{healthedu.ZhHans, healthedu.ZhHant} {
			if msg := healthedu.NewIssue(def.Code, "", params).Message(lang); english.MatchString(msg) {
				t.Errorf("%s in %v: English in the Chinese message %q", def.Code, lang, msg)
			}
		}
		if msg := healthedu.NewIssue(def.Code, "", params).Message(healthedu.English); !english.MatchString(msg) {
			t.Errorf("%s: English message %q", def.Code, msg)
		}
	}
	if n != 15 {
		t.Errorf("%d roster and bindingCode codes registered, want 15", n)
	}
}
