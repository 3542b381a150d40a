package healthedu

import (
	"fmt"
	"slices"

	"golang.org/x/text/language"
)

// Enum is implemented by the enumerated types of the wire format (枚举):
// activity forms, venue types, topics and the like. Their values are stable
// lower-case ASCII identifiers such as "lecture" or "free-clinic"; each has
// a label in zh-Hans, zh-Hant and en.
//
// Schema generators use EnumValues to write the schema's enum keyword, so
// the Go decoder and a JSON Schema validator accept the same values.
type Enum interface {
	// EnumValues returns the accepted values, in documentation order.
	EnumValues() []string
}

// EnumError reports a value outside an enumeration. It is returned by the
// UnmarshalText methods of the enumerated types and becomes the issue
// "json.enum".
type EnumError struct {
	Type    string   // the enumeration, e.g. "ActivityForm"
	Value   string   // the value given
	Allowed []string // the accepted values
}

// Error implements the error interface.
func (e *EnumError) Error() string {
	return fmt.Sprintf("healthedu: %q is not a valid %s (want one of %v)", e.Value, e.Type, e.Allowed)
}

// enumLabel is one value of an enumeration with its labels.
type enumLabel struct {
	value              string
	zhHans, zhHant, en string
}

// enumSet is the definition of one enumeration.
type enumSet struct {
	typeName string
	labels   []enumLabel
	values   []string
}

func newEnumSet(typeName string, labels ...enumLabel) *enumSet {
	s := &enumSet{typeName: typeName, labels: labels}
	for _, l := range labels {
		s.values = append(s.values, l.value)
	}
	return s
}

// lookup returns the index of v, or -1.
func (s *enumSet) lookup(v string) int {
	for i, l := range s.labels {
		if l.value == v {
			return i
		}
	}
	return -1
}

// valuesCopy returns a copy of the values, so callers cannot change the set.
func (s *enumSet) valuesCopy() []string { return slices.Clone(s.values) }

// parse checks that b is one of the set's values and returns it.
func (s *enumSet) parse(b []byte) (string, error) {
	for _, l := range s.labels {
		if l.value == string(b) {
			return l.value, nil
		}
	}
	return "", &EnumError{Type: s.typeName, Value: string(b), Allowed: s.valuesCopy()}
}

// label returns the label of v in lang, or v itself when v is not in the set.
func (s *enumSet) label(v string, lang language.Tag) string {
	i := s.lookup(v)
	if i < 0 {
		return v
	}
	l := s.labels[i]
	switch i, _ := languageIndex(lang); languageSupported[i] {
	case ZhHant:
		return l.zhHant
	case English:
		return l.en
	default:
		return l.zhHans
	}
}
