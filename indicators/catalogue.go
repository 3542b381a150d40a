package indicators

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/jsonwire"
)

// The JSON Schema of catalogue files is generated from CatalogueFile.
//go:generate go run ./internal/catalogschema -out ../schemas/v1/indicator-catalogue.json

// The table of issue codes in the docs lists this package's codes too.
//go:generate go run ../internal/issuecodes -out ../docs/issue-codes.md

// CatalogueSchemaVersion is the version of the catalogue file format
// (指标目录格式版本) that this package reads and writes.
const CatalogueSchemaVersion = "1"

// CatalogueFile is the JSON form of a catalogue (指标目录文件), as in the
// embedded catalogue.json:
//
//	{
//	  "schemaVersion": "1",
//	  "elements": [{"code": "activities", "names": {…}, "valueType": "count", "aggregation": "sum"}, …],
//	  "indicators": [{"code": "child-health-management-rate", "names": {…},
//	                  "numerator": "children-0-6-managed", "denominator": "children-0-6",
//	                  "factor": 100, "decimals": 2,
//	                  "target": {"value": "85", "direction": ">=", "norm": "健康中国行动（2019—2030年）"}}, …],
//	  "weightRules": [{"code": "healthy-community", "indicators": […], "minWeight": "30", …}, …],
//	  "scoreCards": [{"code": "healthy-community-evaluation", "rules": ["healthy-community"],
//	                  "components": [{"indicator": "literacy-level", "weight": "20"}, …]}, …]
//	}
//
// Elements lists the data elements the catalogue adds to the base element
// catalogue it is loaded with ([healthedu.DefaultElements] for the default
// one): those derived from records, such as "activities" (see
// [Store.AddRecords]), and those a platform reports outside monthly reports.
// The schema is schemas/v1/indicator-catalogue.json, generated from this
// type.
type CatalogueFile struct {
	// SchemaVersion is the format's version (格式版本), "1".
	SchemaVersion string `json:"schemaVersion" jsonschema:"enum=1"`
	// Elements are the data elements the catalogue adds (数据元).
	Elements []healthedu.Element `json:"elements,omitempty"`
	// Indicators are the indicator definitions (指标).
	Indicators []Definition `json:"indicators"`
	// WeightRules are the rules on score card weights (权重规则).
	WeightRules []WeightRule `json:"weightRules,omitempty"`
	// ScoreCards are the score card definitions (评分卡).
	ScoreCards []ScoreCardDefinition `json:"scoreCards,omitempty"`
}

// A Catalogue is a checked set of data elements, indicators, weight rules
// and score cards (指标目录). [DefaultCatalogue] is jiceng's; a platform can
// load its own with [LoadCatalogue] or build one with [NewCatalogue].
//
// A Catalogue does not change once built and is safe for concurrent use.
type Catalogue struct {
	elements   []healthedu.Element // the base catalogue's, then the file's
	base       int                 // how many of elements come from the base
	elementIdx map[string]int
	info       map[string]elementInfo

	indicators   []*Indicator
	indicatorIdx map[string]*Indicator
	rules        []WeightRule
	ruleIdx      map[string]*weightRule
	cards        []*ScoreCard
	cardIdx      map[string]*ScoreCard
}

//go:embed catalogue.json
var defaultCatalogueJSON []byte

var defaultCatalogue = sync.OnceValue(func() *Catalogue {
	c, err := LoadCatalogue(bytes.NewReader(defaultCatalogueJSON), healthedu.DefaultElements())
	if err != nil {
		panic("indicators: embedded catalogue.json: " + err.Error())
	}
	return c
})

// DefaultCatalogue returns jiceng's catalogue (指标目录), embedded in the
// package as catalogue.json over the elements of
// [healthedu.DefaultElements]. It holds at least these indicators, whose
// codes are a public contract:
//
//	child-health-management-rate           0–6 child health management rate, %
//	hypertension-standard-management-rate  hypertension standardised management rate, %
//	diabetes-standard-management-rate      type 2 diabetes standardised management rate, %
//	elderly-health-management-rate         elderly (65+) health management rate, %
//	literacy-level                         health literacy level, %
//	binding-rate                           residents bound against the binding target, %
//	family-doctors-per-10k                 family doctors per 10,000 residents
//	lectures-per-institution               lectures per health centre, against the national minimum
//	person-times-reached                   person-times reached by activities
//	health-cells, health-cells-community … health cells named, in total and by type
//	report-completeness                    monthly reports received / expected, %
//	report-timeliness                      monthly reports received by the deadline / expected, %
//
// and the weight rules and score cards of the healthy-community evaluation
// and the community cadres' assessment.
func DefaultCatalogue() *Catalogue { return defaultCatalogue() }

// LoadCatalogue reads a catalogue file (see [CatalogueFile]) strictly and
// checks it against base, the element catalogue its expressions refer to
// (with the elements the file adds).
//
// A file that is not one JSON object with known fields of the right types,
// holds a key twice or has data after the object gives an error that says
// where. A file that reads well but does not make a valid catalogue (an
// expression that does not parse or names an unknown element, a factor
// other than 1, 100, 1000, 10000 and 100000, a missing name, a code used
// twice, score card weights that do not add up to 100 or break a rule…)
// gives a [*healthedu.IssuesError] listing every fault, each with a JSON Pointer
// into the file.
func LoadCatalogue(r io.Reader, base *healthedu.ElementCatalog) (*Catalogue, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("indicators: reading catalogue: %w", err)
	}
	if err := catalogueCheckKeys(data); err != nil {
		return nil, fmt.Errorf("indicators: catalogue: %w", err)
	}
	var f CatalogueFile
	if err := jsonwire.DecodeDocument(data, &f); err != nil {
		return nil, fmt.Errorf("indicators: catalogue: %w", err)
	}
	return NewCatalogue(f, base)
}

// NewCatalogue checks f against base, as LoadCatalogue does, and returns
// the catalogue it describes. A nil base stands for an empty element
// catalogue: f's own elements are then all there is.
func NewCatalogue(f CatalogueFile, base *healthedu.ElementCatalog) (*Catalogue, error) {
	var is issues
	if f.SchemaVersion != CatalogueSchemaVersion {
		is.add("indicator.schemaVersion", "/schemaVersion", map[string]any{"value": f.SchemaVersion})
	}
	c := &Catalogue{
		elementIdx:   make(map[string]int),
		info:         make(map[string]elementInfo),
		indicatorIdx: make(map[string]*Indicator),
		ruleIdx:      make(map[string]*weightRule),
		cardIdx:      make(map[string]*ScoreCard),
	}
	if base != nil {
		for _, e := range base.Elements() {
			c.addElement(e)
		}
	}
	c.base = len(c.elements)
	for i, e := range f.Elements {
		path := "/elements/" + strconv.Itoa(i)
		n := len(is)
		checkElement(e, path, &is)
		if _, dup := c.elementIdx[e.Code]; dup {
			is.add("indicator.duplicate", path+"/code", map[string]any{"value": e.Code})
		}
		if len(is) == n {
			c.addElement(e)
		}
	}
	for i, def := range f.Indicators {
		path := "/indicators/" + strconv.Itoa(i)
		ind := c.compile(def, path, &is)
		if _, dup := c.indicatorIdx[def.Code]; dup {
			is.add("indicator.duplicate", path+"/code", map[string]any{"value": def.Code})
			continue
		}
		if ind != nil {
			c.indicators = append(c.indicators, ind)
			c.indicatorIdx[ind.Code()] = ind
		}
	}
	for i, r := range f.WeightRules {
		path := "/weightRules/" + strconv.Itoa(i)
		wr := c.compileRule(r, path, &is)
		if _, dup := c.ruleIdx[r.Code]; dup {
			is.add("indicator.duplicate", path+"/code", map[string]any{"value": r.Code})
			continue
		}
		if wr != nil {
			c.rules = append(c.rules, wr.def)
			c.ruleIdx[r.Code] = wr
		}
	}
	for i, def := range f.ScoreCards {
		path := "/scoreCards/" + strconv.Itoa(i)
		card := c.compileScoreCard(def, path, &is)
		if _, dup := c.cardIdx[def.Code]; dup {
			is.add("indicator.duplicate", path+"/code", map[string]any{"value": def.Code})
			continue
		}
		if card != nil {
			c.cards = append(c.cards, card)
			c.cardIdx[card.Code()] = card
		}
	}
	if len(is) > 0 {
		return nil, &healthedu.IssuesError{Op: "indicators", Issues: is}
	}
	return c, nil
}

func (c *Catalogue) addElement(e healthedu.Element) {
	c.elementIdx[e.Code] = len(c.elements)
	c.elements = append(c.elements, e)
	c.info[e.Code] = elementInfo{
		last:     e.Aggregation == healthedu.AggregateLast,
		count:    e.ValueType == healthedu.ValueCount,
		integral: e.ValueType == healthedu.ValueCount || e.ValueType == healthedu.ValueInteger,
		monthly:  e.ExpectedInMonthlyReport,
		disjoint: e.Disjoint,
	}
}

// checkElement checks an element the catalogue file adds, as
// healthedu.LoadElementCatalog checks those of an element catalogue.
func checkElement(e healthedu.Element, path string, is *issues) {
	if at, _ := elementCodeFault(e.Code); at >= 0 {
		is.add("indicator.code", path+"/code", map[string]any{"value": e.Code})
	}
	checkNames(e.Names, path+"/names", e.Code, is)
	switch e.ValueType {
	case healthedu.ValueCount, healthedu.ValueInteger, healthedu.ValuePercent, healthedu.ValueDecimal:
	default:
		is.add("indicator.valueType", path+"/valueType", map[string]any{"value": string(e.ValueType)})
	}
	switch e.Aggregation {
	case healthedu.AggregateSum, healthedu.AggregateLast:
	default:
		is.add("indicator.aggregation", path+"/aggregation", map[string]any{"value": string(e.Aggregation)})
	}
}

// Compile checks a definition against c's elements and returns the
// indicator, without adding it to c. Faults are reported in a
// [*healthedu.IssuesError] whose issue paths point into def, such as
// "/numerator".
func (c *Catalogue) Compile(def Definition) (*Indicator, error) {
	var is issues
	ind := c.compile(def, "", &is)
	if len(is) > 0 {
		return nil, &healthedu.IssuesError{Op: "indicators", Issues: is}
	}
	return ind, nil
}

// Indicators returns the catalogue's indicators in the order of its file.
func (c *Catalogue) Indicators() []*Indicator {
	return append([]*Indicator(nil), c.indicators...)
}

// Indicator returns the indicator with the given code.
func (c *Catalogue) Indicator(code string) (*Indicator, bool) {
	ind, ok := c.indicatorIdx[code]
	return ind, ok
}

// Elements returns the catalogue's data elements: those of the base element
// catalogue, then those the catalogue file adds.
func (c *Catalogue) Elements() []healthedu.Element {
	return append([]healthedu.Element(nil), c.elements...)
}

// Element returns the data element with the given code.
func (c *Catalogue) Element(code string) (healthedu.Element, bool) {
	i, ok := c.elementIdx[code]
	if !ok {
		return healthedu.Element{}, false
	}
	return c.elements[i], true
}

// WeightRules returns the catalogue's rules on score card weights.
func (c *Catalogue) WeightRules() []WeightRule {
	rules := make([]WeightRule, len(c.rules))
	for i, r := range c.rules {
		rules[i] = r.clone()
	}
	return rules
}

// ScoreCards returns the catalogue's score cards in the order of its file.
func (c *Catalogue) ScoreCards() []*ScoreCard {
	return append([]*ScoreCard(nil), c.cards...)
}

// ScoreCard returns the score card with the given code.
func (c *Catalogue) ScoreCard(code string) (*ScoreCard, bool) {
	sc, ok := c.cardIdx[code]
	return sc, ok
}

// File returns c in its JSON form, with the elements it adds to its base
// catalogue and its definitions in canonical form.
func (c *Catalogue) File() CatalogueFile {
	f := CatalogueFile{
		SchemaVersion: CatalogueSchemaVersion,
		Elements:      append([]healthedu.Element(nil), c.elements[c.base:]...),
		Indicators:    make([]Definition, len(c.indicators)),
		WeightRules:   c.WeightRules(),
		ScoreCards:    make([]ScoreCardDefinition, len(c.cards)),
	}
	for i, ind := range c.indicators {
		f.Indicators[i] = ind.Definition()
	}
	for i, sc := range c.cards {
		f.ScoreCards[i] = sc.Definition()
	}
	return f
}

// MarshalJSON writes c as a catalogue file (see [Catalogue.File]), which
// LoadCatalogue reads back with the same base.
func (c *Catalogue) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.File())
}

// catalogueCheckKeys reports an error when data, one JSON value, has an
// object with a key twice: encoding/json would keep the last silently.
func catalogueCheckKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var walk func(depth int) error
	walk = func(depth int) error {
		if depth > 64 {
			return catalogueKeyError("objects and arrays nested more than 64 deep")
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := make(map[string]bool)
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				if seen[key] {
					return catalogueKeyError(fmt.Sprintf("key %q twice in an object (at offset %d)", key, dec.InputOffset()))
				}
				seen[key] = true
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for dec.More() {
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	err := walk(0)
	if _, ok := err.(catalogueKeyError); ok {
		return err
	}
	return nil // syntax errors are left to the decoder, which says more
}

// catalogueKeyError is the error of catalogueCheckKeys.
type catalogueKeyError string

func (e catalogueKeyError) Error() string { return string(e) }
