package schemas_test

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/schemas"
)

// Validating a record against the envelope with
// github.com/santhosh-tekuri/jsonschema/v6: every file is registered under
// its $id, formats are asserted, and the document is read with
// UnmarshalJSON.
func ExampleFS() {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	names, _ := fs.Glob(schemas.FS(), "v1/*.json")
	for _, name := range names {
		f, _ := schemas.FS().Open(name)
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			panic(err)
		}
		if err := c.AddResource(schemas.BaseURL+path.Base(name), doc); err != nil {
			panic(err)
		}
	}
	sch, err := c.Compile(schemas.BaseURL + schemas.EnvelopeFile)
	if err != nil {
		panic(err)
	}

	record := `{"schemaVersion": "1", "kind": "healthCell", "id": "HC-3715-2024-031",
		"name": "古楼街道柳园社区", "type": "community", "level": "city", "year": 2024,
		"division": "371502001", "namedOn": "2024-12-31"}`
	doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(record))
	fmt.Println("valid:", sch.Validate(doc) == nil)

	record = strings.Replace(record, `"2024-12-31"`, `"2024-12-32"`, 1)
	doc, _ = jsonschema.UnmarshalJSON(strings.NewReader(record))
	err = sch.Validate(doc)
	verr := err.(*jsonschema.ValidationError)
	for _, leaf := range leaves(verr) {
		fmt.Printf("invalid: /%s\n", strings.Join(leaf.InstanceLocation, "/"))
	}
	// Output:
	// valid: true
	// invalid: /namedOn
}

// leaves returns the innermost errors, those that name a keyword.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func ExampleSchema() {
	b, ok := schemas.Schema("monthlyReport")
	fmt.Println(ok, strings.Contains(string(b), `"$id": "`+schemas.BaseURL+`monthlyReport.json"`))
	_, ok = schemas.Schema("nosuchkind")
	fmt.Println(ok)
	// Output:
	// true true
	// false
}
