package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/internal/schemagen"
)

// TestCommittedSchemaUpToDate regenerates the schema in memory and compares
// it with the committed file.
func TestCommittedSchemaUpToDate(t *testing.T) {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	const fix = "run `go generate ./indicators` and commit schemas/v1/" + FileName
	got, err := os.ReadFile(filepath.Join(root, "schemas", "v1", FileName))
	if err != nil {
		t.Fatalf("%v: %s", err, fix)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the committed schema is stale: %s; diff (-generated +committed):\n%s", fix,
			cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
	}
}

// TestGenerateDeterministic checks that two runs give the same bytes, so
// that the staleness check cannot flap.
func TestGenerateDeterministic(t *testing.T) {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	a, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two runs of generate differ")
	}
	for _, want := range []string{`"$id": "https://jiceng.github.io/jiceng/schemas/v1/indicator-catalogue.json"`, `"$schema": "https://json-schema.org/draft/2020-12/schema"`, `">="`} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("schema lacks %s", want)
		}
	}
}
