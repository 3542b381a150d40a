package schemas_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/schemas"
)

// newCompiler returns a santhosh-tekuri compiler that judges as ajv with
// ajv-formats does: draft 2020-12, formats asserted, and every schema file
// registered under its $id, so that nothing is fetched.
func newCompiler(t testing.TB) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names, err := fs.Glob(schemas.FS(), "v1/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(schemas.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(schemas.BaseURL+path.Base(name), doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return c
}

// compile compiles the schema file name (such as "record.json").
func compile(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	sch, err := newCompiler(t).Compile(schemas.BaseURL + name)
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return sch
}

// TestCompile compiles every schema under draft 2020-12 and checks the
// header every file must have.
func TestCompile(t *testing.T) {
	names, err := fs.Glob(schemas.FS(), "v1/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, name := range names {
		base := path.Base(name)
		got = append(got, base)
		t.Run(base, func(t *testing.T) {
			compile(t, base)
			b, _ := fs.ReadFile(schemas.FS(), name)
			var head struct {
				Schema string `json:"$schema"`
				ID     string `json:"$id"`
			}
			if err := json.Unmarshal(b, &head); err != nil {
				t.Fatal(err)
			}
			if want := "https://json-schema.org/draft/2020-12/schema"; head.Schema != want {
				t.Errorf("$schema = %q, want %q", head.Schema, want)
			}
			if want := schemas.BaseURL + base; head.ID != want {
				t.Errorf("$id = %q, want %q", head.ID, want)
			}
		})
	}
	for _, info := range schemaKinds() {
		if !slices.Contains(got, schemas.FileName(info.Kind)) {
			t.Errorf("kind %s: no schema file %s", info.Kind, schemas.FileName(info.Kind))
		}
	}
	if !slices.Contains(got, schemas.EnvelopeFile) {
		t.Errorf("no envelope %s", schemas.EnvelopeFile)
	}
}

func TestSchema(t *testing.T) {
	for _, info := range schemaKinds() {
		b, ok := schemas.Schema(info.Kind)
		if !ok {
			t.Errorf("Schema(%q): missing", info.Kind)
			continue
		}
		var s struct {
			Properties struct {
				Kind struct {
					Const string `json:"const"`
				} `json:"kind"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("Schema(%q): %v", info.Kind, err)
		}
		if s.Properties.Kind.Const != string(info.Kind) {
			t.Errorf("Schema(%q): kind const %q", info.Kind, s.Properties.Kind.Const)
		}
	}
	for _, k := range []healthedu.Kind{"", "record", "nosuchkind", "../v1/activity", "indicator-catalogue"} {
		if _, ok := schemas.Schema(k); ok {
			t.Errorf("Schema(%q) = _, true; want false", k)
		}
	}
	if !json.Valid(schemas.Envelope()) {
		t.Error("Envelope() is not JSON")
	}
}

// TestDescriptions checks that every member and every definition of every
// schema is described, with its Chinese term.
func TestDescriptions(t *testing.T) {
	names, err := fs.Glob(schemas.FS(), "v1/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, _ := fs.ReadFile(schemas.FS(), name)
		var s map[string]any
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		check := func(where string, v any) {
			m, _ := v.(map[string]any)
			d, _ := m["description"].(string)
			if !strings.ContainsFunc(d, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s %s: description %q lacks the Chinese term", name, where, d)
			}
		}
		check("", s)
		var walk func(ptr string, v any)
		walk = func(ptr string, v any) {
			m, ok := v.(map[string]any)
			if !ok {
				return
			}
			if props, ok := m["properties"].(map[string]any); ok && !strings.Contains(ptr, "/if") {
				for k, p := range props {
					check(ptr+"/properties/"+k, p)
				}
			}
			for k, sub := range m {
				switch sub := sub.(type) {
				case map[string]any:
					walk(ptr+"/"+k, sub)
				case []any:
					for i, e := range sub {
						walk(fmt.Sprintf("%s/%s/%d", ptr, k, i), e)
					}
				}
			}
		}
		walk("", s)
		defs, _ := s["$defs"].(map[string]any)
		for k, d := range defs {
			check("/$defs/"+k, d)
		}
	}
}
