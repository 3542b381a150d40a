// Package enumset holds what jiceng's packages share to speak their
// vocabulary in three languages: the enumerations of the wire format (枚举),
// sets of stable lower-case ASCII identifiers each labelled in zh-Hans,
// zh-Hant and en, and the one language matcher (语言匹配) that chooses which
// of the three serves a reader.
//
// Package healthedu and package grid declare their enumerated types on a
// [Set] and report a value outside it with healthedu's EnumError; healthedu's
// messages, labels and texts choose their language with [LanguageIndex].
package enumset

import (
	"slices"

	"golang.org/x/text/language"
)

// Entry is one value of an enumeration with its labels (标签):
// {value, zh-Hans, zh-Hant, en}, such as
// {"free-clinic", "义诊", "義診", "free clinic"}. The value is the identifier
// on the wire; the labels follow the order of [Languages].
type Entry [1 + len(Languages)]string

// Set is the definition of one enumeration (枚举定义): its values in documentation
// order, each with a label in every language of [Languages]. A Set is not
// changed after New and is safe for concurrent use.
type Set struct {
	name    string
	values  []string
	entries []Entry // parallel to values
}

// New returns the enumeration name (such as "ActivityForm", the name an
// error reports) of the entries, in their order.
func New(name string, entries []Entry) *Set {
	s := &Set{name: name, values: make([]string, len(entries)), entries: slices.Clone(entries)}
	for i, e := range entries {
		s.values[i] = e[0]
	}
	return s
}

// Name returns the enumeration's name.
func (s *Set) Name() string { return s.name }

// Values returns a copy of the values, in documentation order, so that
// callers cannot change the set.
func (s *Set) Values() []string { return slices.Clone(s.values) }

// Entries returns a copy of the entries, in documentation order.
func (s *Set) Entries() []Entry { return slices.Clone(s.entries) }

// Index returns the position of v among the values, or -1.
func (s *Set) Index(v string) int {
	for i, x := range s.values {
		if x == v {
			return i
		}
	}
	return -1
}

// Parse returns the value spelled by b, the set's own string so that
// parsing a known value does not allocate, and whether b is one.
func (s *Set) Parse(b []byte) (string, bool) {
	for _, x := range s.values {
		if x == string(b) {
			return x, true
		}
	}
	return "", false
}

// Label returns the label of v in the language of Languages that serves
// lang best (see LanguageIndex), or v itself when v is not in the set.
func (s *Set) Label(v string, lang language.Tag) string {
	i := s.Index(v)
	if i < 0 {
		return v
	}
	li, _ := LanguageIndex(lang)
	return s.entries[i][1+li]
}
