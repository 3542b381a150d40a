package healthedu

import (
	"strconv"
	"strings"
)

// ParseError is the one error type returned by every parser in this package
// (ParseDivisionCode, ParseCitizenID, ParseCreditCode, ParseMobile,
// ParsePeriod, …). Its Error method reads like net/netip's:
//
//	healthedu.ParseDivisionCode("3715x9"): unexpected character 'x' (at offset 4)
//
// Code is the stable issue code that a validator reports for the same fault
// (e.g. "citizenId.checksum"), so callers can turn a parse error into an
// [Issue] without string matching.
//
// Input never holds a citizen ID in clear from a parser of personal
// identifiers, which masks it before building the error. Other parsers
// keep their input as given, and a citizen ID number typed into a
// division code or a period would be there in clear: Error masks every
// number it finds (see [RedactCitizenIDs]), in Input before quoting it —
// quoting turns a tab between groups into \t, which would hide the
// number from the search — and in the whole text, so that no error of
// this package prints a number in clear, however it is wrapped.
type ParseError struct {
	Func  string // the parser, e.g. "ParseDivisionCode"
	Input string // the input as given (masked for personal identifiers)
	Code  string // stable issue code, e.g. "division.length"
	Msg   string // what is wrong, in English, lower case
	At    int    // byte offset into Input of the fault, or -1 when not located
}

// Error implements the error interface. Any citizen ID number in the
// input or the message is masked.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("healthedu.")
	b.WriteString(e.Func)
	b.WriteByte('(')
	b.WriteString(strconv.Quote(RedactCitizenIDs(e.Input)))
	b.WriteString("): ")
	b.WriteString(e.Msg)
	if e.At >= 0 {
		b.WriteString(" (at offset ")
		b.WriteString(strconv.Itoa(e.At))
		b.WriteByte(')')
	}
	return RedactCitizenIDs(b.String())
}
