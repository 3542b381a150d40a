package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/internal/schemagen"
)

// TestCommittedSchemasUpToDate regenerates the schemas in memory and
// compares them with the files committed under schemas/v1.
func TestCommittedSchemasUpToDate(t *testing.T) {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate(root, kinds())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "schemas", "v1")
	committed, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, name := range committed {
		content, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if ownFile(filepath.Base(name), content) {
			names = append(names, filepath.Base(name))
		}
	}
	var want []string
	for name := range files {
		want = append(want, name)
	}
	slices.Sort(want)
	const fix = "the committed schemas are stale: run `go generate ./schemas` and commit schemas/v1"
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("%s; record schemas (-generated +committed):\n%s", fix, diff)
	}
	for _, name := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue // reported above
		}
		if diff := cmp.Diff(string(files[name]), string(got)); diff != "" {
			t.Errorf("%s; %s differs (-generated +committed):\n%s", fix, name, diff)
		}
	}
}

// TestGenerateDeterministic checks that two runs give the same bytes, so
// that the staleness check cannot flap.
func TestGenerateDeterministic(t *testing.T) {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	a, err := generate(root, kinds())
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate(root, kinds())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
	for name, content := range a {
		if !strings.HasSuffix(string(content), "}\n") {
			t.Errorf("%s does not end with a newline", name)
		}
	}
}
