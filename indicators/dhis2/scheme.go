package dhis2

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An IDScheme is the property by which a DHIS2 instance is told which
// object an identifier names (标识方案): its UID, its code, or the value
// of a unique attribute, written as DHIS2 reads it in the idScheme,
// dataElementIdScheme and orgUnitIdScheme of a dataValueSets document:
// "UID", "CODE" or "ATTRIBUTE:" followed by the attribute's UID. The zero
// IDScheme is UID, DHIS2's default.
type IDScheme struct {
	kind      schemeKind
	attribute string // the attribute's UID, for ATTRIBUTE
}

type schemeKind uint8

const (
	schemeUID schemeKind = iota
	schemeCode
	schemeAttribute
)

// The identifier schemes without a parameter.
var (
	// UID names objects by their DHIS2 UID (唯一标识): 11 letters and
	// digits, a letter first, such as "DiszpKrYNg8".
	UID = IDScheme{kind: schemeUID}
	// Code names objects by their code (代码): free text of 1 to 50
	// characters, spaces and Chinese characters included.
	Code = IDScheme{kind: schemeCode}
)

// Attribute returns the scheme that names objects by the value of the
// unique attribute with UID attr (属性值标识方案), "ATTRIBUTE:attr", and
// false when attr is not a UID.
func Attribute(attr string) (IDScheme, bool) {
	if uidFault(attr) != "" {
		return IDScheme{}, false
	}
	return IDScheme{kind: schemeAttribute, attribute: attr}, true
}

// ParseIDScheme parses an identifier scheme as DHIS2 reads one (解析标识方案),
// in any case: "UID" (or "ID"), "CODE", or "ATTRIBUTE:" and an attribute
// UID. NAME, which DHIS2 also reads, is refused: names are not stable
// identifiers.
func ParseIDScheme(s string) (IDScheme, bool) {
	switch u := strings.ToUpper(s); {
	case u == "UID" || u == "ID":
		return UID, true
	case u == "CODE":
		return Code, true
	case strings.HasPrefix(u, "ATTRIBUTE:"):
		return Attribute(s[len("ATTRIBUTE:"):])
	}
	return IDScheme{}, false
}

// String returns the scheme as DHIS2 writes it: "UID", "CODE" or
// "ATTRIBUTE:" and the attribute's UID.
func (s IDScheme) String() string {
	switch s.kind {
	case schemeCode:
		return "CODE"
	case schemeAttribute:
		return "ATTRIBUTE:" + s.attribute
	}
	return "UID"
}

// maxCode is the longest a DHIS2 code may be, in characters.
const maxCode = 50

// maxAttributeValue is the longest attribute value a mapping takes, in
// characters.
const maxAttributeValue = 255

// fault says what is wrong with id as an identifier under s, or "" when
// nothing is: under UID it must be a DHIS2 UID; under CODE it is text of 1
// to 50 characters, under ATTRIBUTE of 1 to 255, without control
// characters or white space at either end. Characters are quoted whole.
func (s IDScheme) fault(id string) string {
	if s.kind == schemeUID {
		return uidFault(id)
	}
	if id == "" {
		return "empty identifier"
	}
	if !utf8.ValidString(id) {
		return "not UTF-8"
	}
	most := maxCode
	if s.kind == schemeAttribute {
		most = maxAttributeValue
	}
	if n := utf8.RuneCountInString(id); n > most {
		return strconv.Itoa(n) + " characters, longer than " + strconv.Itoa(most)
	}
	for _, r := range id {
		if unicode.IsControl(r) {
			return "unexpected control character " + strconv.QuoteRune(r)
		}
	}
	if r, _ := utf8.DecodeRuneInString(id); unicode.IsSpace(r) {
		return "white space at the start"
	}
	if r, _ := utf8.DecodeLastRuneInString(id); unicode.IsSpace(r) {
		return "white space at the end"
	}
	return ""
}

// uidLen is the length of a DHIS2 UID.
const uidLen = 11

// uidFault says what keeps s from being a DHIS2 UID — 11 characters, a
// letter first, then letters and digits, all ASCII — or "". It quotes the
// first character at fault whole, as a rune.
func uidFault(s string) string {
	if s == "" {
		return "empty identifier"
	}
	if !utf8.ValidString(s) {
		return "not UTF-8"
	}
	n := 0
	for _, r := range s {
		n++
		switch {
		case n == 1 && !isASCIILetter(r):
			return "a UID starts with a letter, not " + strconv.QuoteRune(r)
		case !isASCIILetter(r) && !('0' <= r && r <= '9'):
			return "unexpected character " + strconv.QuoteRune(r) + " at character " + strconv.Itoa(n) + "; a UID has letters and digits only"
		}
	}
	if n != uidLen {
		return strconv.Itoa(n) + " characters; a UID has " + strconv.Itoa(uidLen)
	}
	return ""
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// IsUID reports whether s is a DHIS2 UID (DHIS2唯一标识): 11 ASCII letters
// and digits, a letter first.
func IsUID(s string) bool { return uidFault(s) == "" }
