// Command catalogschema writes the JSON Schema of indicator catalogue files
// (指标目录模式), schemas/v1/indicator-catalogue.json, reflected from
// indicators.CatalogueFile with github.com/invopop/jsonschema (draft
// 2020-12).
//
// It is run by go generate in the indicators directory:
//
//	go generate ./indicators
//
// The json and jsonschema struct tags give names, required members (those
// without omitempty), patterns and bounds; the doc comments of packages
// indicators and healthedu give the descriptions. The types that JSON
// carries as text (directions, period types) and healthedu's element
// enumerations are mapped to strings with enums; names in the three
// languages are required and not empty. The output depends only on the
// types: running it twice gives the same bytes. A test of this package
// fails while the committed file is stale.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/internal/schemagen"
	"github.com/jiceng/jiceng/schemas"
)

// FileName is the name of the schema file under schemas/v1.
const FileName = "indicator-catalogue.json"

func main() {
	out := flag.String("out", "", "write the schema to `file` (default: schemas/v1/"+FileName+" under the module root)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "catalogschema:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	root, err := schemagen.FindModuleRoot(".")
	if err != nil {
		return err
	}
	b, err := generate(root)
	if err != nil {
		return err
	}
	if out == "" {
		out = filepath.Join(root, "schemas", "v1", FileName)
	}
	return os.WriteFile(out, b, 0o644)
}

// The pattern of codes: lower-case words of letters and digits joined by
// single hyphens, as indicators checks them.
const codePattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

var (
	directionType   = reflect.TypeFor[indicators.Direction]()
	missingType     = reflect.TypeFor[indicators.Missing]()
	periodTypeType  = reflect.TypeFor[healthedu.PeriodType]()
	valueTypeType   = reflect.TypeFor[healthedu.ValueType]()
	aggregationType = reflect.TypeFor[healthedu.TimeAggregation]()
	textType        = reflect.TypeFor[healthedu.LocalizedText]()
)

// textLanguages describes the members of a healthedu.LocalizedText.
var textLanguages = map[string]string{
	"zh-Hans": "The text in Simplified Chinese (简体中文).",
	"zh-Hant": "The text in Traditional Chinese (繁體中文).",
	"en":      "The text in English (英文).",
}

// mapType returns the schema of a type the reflector would get wrong, or
// nil for those it handles.
func mapType(t reflect.Type) *jsonschema.Schema {
	enum := func(values ...any) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Enum: values}
	}
	switch t {
	case directionType:
		return enum(indicators.AtLeast.String(), indicators.AtMost.String())
	case missingType:
		return enum(indicators.MissingSkip.String(), indicators.MissingZero.String())
	case periodTypeType:
		var values []any
		for pt := healthedu.PeriodType(1); pt.IsValid(); pt++ {
			values = append(values, pt.String())
		}
		return enum(values...)
	case valueTypeType:
		return enum(string(healthedu.ValueCount), string(healthedu.ValueInteger), string(healthedu.ValuePercent), string(healthedu.ValueDecimal))
	case aggregationType:
		return enum(string(healthedu.AggregateSum), string(healthedu.AggregateLast))
	case textType:
		props := jsonschema.NewProperties()
		var required []string
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			props.Set(name, &jsonschema.Schema{Type: "string", MinLength: new(uint64(1)), Description: textLanguages[name]})
			required = append(required, name)
		}
		return &jsonschema.Schema{
			Type:                 "object",
			Description:          "A text in zh-Hans, zh-Hant and en (多语言文本), none of them empty.",
			Properties:           props,
			Required:             required,
			AdditionalProperties: jsonschema.FalseSchema,
		}
	}
	return nil
}

// generate returns the schema file. root is the module's root directory;
// the descriptions come from the doc comments of the source there.
func generate(root string) ([]byte, error) {
	r := &jsonschema.Reflector{
		BaseSchemaID:   jsonschema.ID(strings.TrimSuffix(schemas.BaseURL, "/")),
		ExpandedStruct: true,
		Mapper:         mapType,
	}
	for _, pkg := range []string{reflect.TypeFor[indicators.Definition]().PkgPath(), reflect.TypeFor[healthedu.Element]().PkgPath()} {
		if err := schemagen.AddComments(r, root, pkg); err != nil {
			return nil, err
		}
	}
	s := r.Reflect(&indicators.CatalogueFile{})
	s.ID = jsonschema.ID(schemas.BaseURL + FileName)
	s.Title = "indicator catalogue (指标目录)"
	el, ok := s.Definitions["Element"]
	if !ok {
		return nil, errors.New("no Element among the definitions")
	}
	code, ok := el.Properties.Get("code")
	if !ok {
		return nil, errors.New("the definition of Element has no code")
	}
	code.Pattern, code.MinLength, code.MaxLength = codePattern, new(uint64(1)), new(uint64(64))
	return marshal(s)
}

// marshal writes s as indented JSON with a final newline, with <, > and &
// as themselves rather than escaped: ">=" reads better than "\u003e=".
func marshal(s *jsonschema.Schema) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, bytes.TrimSpace(b.Bytes()), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	s2 := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(out.String())
	return []byte(s2), nil
}
