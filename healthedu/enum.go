package healthedu

import (
	"fmt"

	"github.com/jiceng/jiceng/internal/enumset"
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

// enumSet is one enumeration of this package: the module's shared
// machinery, an *enumset.Set, whose parse reports a value outside it with
// an *EnumError.
type enumSet struct{ *enumset.Set }

// newEnumSet returns the enumeration typeName of the entries, in
// documentation order.
func newEnumSet(typeName string, entries []enumset.Entry) enumSet {
	return enumSet{enumset.New(typeName, entries)}
}

// parse returns the value spelled by b, the set's own string so that
// parsing a known value does not allocate, or an *EnumError.
func (s enumSet) parse(b []byte) (string, error) {
	if v, ok := s.Parse(b); ok {
		return v, nil
	}
	return "", &EnumError{Type: s.Name(), Value: string(b), Allowed: s.Values()}
}

// valuesCopy returns a copy of the values, as Values does; the decoder's
// tests know the sets by this name.
func (s enumSet) valuesCopy() []string { return s.Values() }
