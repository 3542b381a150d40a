package grid

import (
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
)

// enumSet is one enumeration of the wire format (枚举) of this package: the
// module's shared machinery, an *enumset.Set (the one healthedu's
// enumerations use), whose parse reports a value outside it with the same
// *healthedu.EnumError as healthedu's.
type enumSet struct{ *enumset.Set }

// newEnumSet returns the enumeration typeName of the entries
// {value, zh-Hans, zh-Hant, en}, in documentation order.
func newEnumSet(typeName string, entries []enumset.Entry) enumSet {
	return enumSet{enumset.New(typeName, entries)}
}

// parse returns the value spelled by b, the set's own string so that
// parsing a known value does not allocate, or an *healthedu.EnumError.
func (s enumSet) parse(b []byte) (string, error) {
	if v, ok := s.Parse(b); ok {
		return v, nil
	}
	return "", &healthedu.EnumError{Type: s.Name(), Value: string(b), Allowed: s.Values()}
}
