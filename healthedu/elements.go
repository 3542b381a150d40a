package healthedu

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sync"

	"golang.org/x/text/language"
)

// ValueType is the type of a data element's values (数据类型).
type ValueType string

// The value types of data elements.
const (
	ValueCount   ValueType = "count"   // a non-negative integer (计数)
	ValueInteger ValueType = "integer" // any integer (整数)
	ValuePercent ValueType = "percent" // a rate in percent, 0–100, at most 4 decimals (百分率)
	ValueDecimal ValueType = "decimal" // any exact decimal (小数)
)

// Accepts reports whether v is a valid value of type t.
func (t ValueType) Accepts(v Decimal) bool {
	switch t {
	case ValueCount:
		return v.IsInteger() && v.Sign() >= 0
	case ValueInteger:
		return v.IsInteger()
	case ValuePercent:
		return v.Sign() >= 0 && v.Cmp(DecimalFromInt(100)) <= 0 && v.Scale() <= 4
	case ValueDecimal:
		return true
	}
	return false
}

// TimeAggregation says how an element's values combine over time
// (时间汇总方式). Over divisions values always add up.
type TimeAggregation string

// The ways values combine over time.
const (
	// AggregateSum adds the values of the periods (流量, e.g. lectures held).
	AggregateSum TimeAggregation = "sum"
	// AggregateLast takes the latest period's value (存量, e.g. residents
	// bound or children under management).
	AggregateLast TimeAggregation = "last"
)

// LocalizedText is a text in the three supported languages (多语言文本).
type LocalizedText struct {
	ZhHans string `json:"zh-Hans"` // 简体中文
	ZhHant string `json:"zh-Hant"` // 繁體中文
	En     string `json:"en"`      // English
}

// In returns the text in the supported language that serves lang best (see
// SupportedLanguage).
func (t LocalizedText) In(lang language.Tag) string {
	switch SupportedLanguage(lang) {
	case ZhHant:
		return t.ZhHant
	case English:
		return t.En
	}
	return t.ZhHans
}

// Element is a data element (数据元): what a monthly report's value
// measures.
type Element struct {
	// Code is the element's stable code (数据元代码), e.g. "lectures".
	Code string `json:"code"`
	// Names is the element's name in each language (名称).
	Names LocalizedText `json:"names"`
	// ValueType is the type of its values (数据类型).
	ValueType ValueType `json:"valueType"`
	// Aggregation is how its values combine over time (时间汇总方式).
	Aggregation TimeAggregation `json:"aggregation"`
	// ExpectedInMonthlyReport says whether every monthly report is expected
	// to carry the element (月报必报项): a report without it is accepted
	// with a warning, monthlyReport.missingElement, and the indicators
	// take a month without its value as a value missing, not a zero.
	// Elements that may come
	// from elsewhere, such as residents bound (from binding records) or a
	// rate derived from its counts, are not expected.
	ExpectedInMonthlyReport bool `json:"expectedInMonthlyReport,omitempty"`
	// Disjoint says the element's values at nested divisions count
	// different things (各级分别计数): a division's value counts only what
	// is recorded at the division itself, such as the instructors on the
	// register of a county beside those of its townships, never what lies
	// within it, as the values the platform derives from records do. They
	// add up the division tree like any other; a county's value beside its
	// townships' is then no sign of double counting, and the consistency
	// checks of stocks leave the element alone. The values monthly reports
	// carry are totals of their division, not disjoint.
	Disjoint bool `json:"disjoint,omitempty"`
}

// ElementCatalog is a catalogue of data elements (数据元目录). It is data,
// not code: DefaultElements is jiceng's, and a platform can load its own
// with LoadElementCatalog.
type ElementCatalog struct {
	elements []Element
	byCode   map[string]int
}

//go:embed elements.json
var defaultElementsJSON []byte

var defaultElements = sync.OnceValue(func() *ElementCatalog {
	c, err := LoadElementCatalog(bytes.NewReader(defaultElementsJSON))
	if err != nil {
		panic("healthedu: embedded elements.json: " + err.Error())
	}
	return c
})

// DefaultElements returns jiceng's catalogue of data elements, embedded in
// the package. It includes every element code the indicators catalogue
// uses, such as "children-0-6", "children-0-6-managed" and "lectures".
func DefaultElements() *ElementCatalog { return defaultElements() }

var elementCodePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LoadElementCatalog reads a catalogue in the JSON form of elements.json:
// {"elements": [{"code", "names": {"zh-Hans", "zh-Hant", "en"},
// "valueType", "aggregation", "expectedInMonthlyReport", "disjoint"}, …]},
// the last two optional and false when absent. Unknown fields, duplicate codes, empty
// names and unknown value types or aggregations are errors.
func LoadElementCatalog(r io.Reader) (*ElementCatalog, error) {
	var doc struct {
		Elements []Element `json:"elements"`
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("healthedu: element catalogue: %w", err)
	}
	c := &ElementCatalog{byCode: make(map[string]int, len(doc.Elements))}
	for i, e := range doc.Elements {
		switch {
		case !elementCodePattern.MatchString(e.Code):
			return nil, fmt.Errorf("healthedu: element catalogue: element %d: code %q is not lower-case words joined by '-'", i, e.Code)
		case e.Names.ZhHans == "" || e.Names.ZhHant == "" || e.Names.En == "":
			return nil, fmt.Errorf("healthedu: element catalogue: element %q: a name is missing in zh-Hans, zh-Hant or en", e.Code)
		case e.ValueType != ValueCount && e.ValueType != ValueInteger && e.ValueType != ValuePercent && e.ValueType != ValueDecimal:
			return nil, fmt.Errorf("healthedu: element catalogue: element %q: unknown value type %q", e.Code, e.ValueType)
		case e.Aggregation != AggregateSum && e.Aggregation != AggregateLast:
			return nil, fmt.Errorf("healthedu: element catalogue: element %q: unknown aggregation %q", e.Code, e.Aggregation)
		}
		if _, dup := c.byCode[e.Code]; dup {
			return nil, fmt.Errorf("healthedu: element catalogue: element %q defined twice", e.Code)
		}
		c.byCode[e.Code] = i
		c.elements = append(c.elements, e)
	}
	return c, nil
}

// Lookup returns the element with the given code.
func (c *ElementCatalog) Lookup(code string) (Element, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Element{}, false
	}
	return c.elements[i], true
}

// Elements returns the catalogue's elements in their defined order.
func (c *ElementCatalog) Elements() []Element { return slices.Clone(c.elements) }

// ExpectedInMonthlyReport returns the elements that every monthly report
// is expected to carry (月报必报项), those marked expectedInMonthlyReport,
// in their defined order; nil when there are none. The Validator warns of
// each one a report leaves out (monthlyReport.missingElement).
func (c *ElementCatalog) ExpectedInMonthlyReport() []Element {
	var expected []Element
	for _, e := range c.elements {
		if e.ExpectedInMonthlyReport {
			expected = append(expected, e)
		}
	}
	return expected
}
