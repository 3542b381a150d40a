package grid

import (
	"slices"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

// gridEnum defines one enumeration of the wire format (枚举) of this
// package: its values, stable lower-case ASCII identifiers, in
// documentation order, each with a label in zh-Hans, zh-Hant and en. It is
// this package's counterpart of healthedu's unexported enumSet, and reports
// a value outside the enumeration with the same *healthedu.EnumError.
type gridEnum struct {
	typeName string
	values   []string
	labels   [][3]string // zh-Hans, zh-Hant, en, parallel to values
}

// newGridEnum returns the enumeration typeName whose entries are
// {value, zh-Hans, zh-Hant, en}.
func newGridEnum(typeName string, entries ...[4]string) *gridEnum {
	e := &gridEnum{typeName: typeName}
	for _, x := range entries {
		e.values = append(e.values, x[0])
		e.labels = append(e.labels, [3]string{x[1], x[2], x[3]})
	}
	return e
}

// index returns the position of v among the values, or -1.
func (e *gridEnum) index(v string) int { return slices.Index(e.values, v) }

// valuesCopy returns a copy of the values, so that callers cannot change
// the enumeration.
func (e *gridEnum) valuesCopy() []string { return slices.Clone(e.values) }

// parse returns the value spelled by b, shared with the enumeration so that
// parsing a known value does not allocate, or an *healthedu.EnumError.
func (e *gridEnum) parse(b []byte) (string, error) {
	for _, v := range e.values {
		if v == string(b) {
			return v, nil
		}
	}
	return "", &healthedu.EnumError{Type: e.typeName, Value: string(b), Allowed: e.valuesCopy()}
}

// label returns the label of v in the supported language that serves lang
// best, or v itself when v is not a value of the enumeration.
func (e *gridEnum) label(v string, lang language.Tag) string {
	i := e.index(v)
	if i < 0 {
		return v
	}
	return e.labels[i][gridLanguageIndex(lang)]
}

// gridLanguageIndex returns 0 for zh-Hans, 1 for zh-Hant and 2 for en: the
// supported language that serves lang best, zh-Hans when none does.
func gridLanguageIndex(lang language.Tag) int {
	switch healthedu.SupportedLanguage(lang) {
	case healthedu.ZhHant:
		return 1
	case healthedu.English:
		return 2
	}
	return 0
}
