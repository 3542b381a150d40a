package main

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/jiceng/jiceng/healthedu"
)

// The platform echoes what a request sent — a record id, a member name, a
// query parameter, a path — in its answers and its logs, and keeps some
// of it: a record id, an Idempotency-Key. healthedu.RedactCitizenIDs finds
// a citizen ID number in the groupings people commonly use (371599
// 19800101 0076, 3715 9919 8001 0100 76), and leaves other groupings alone
// in free text, where digits in groups are often something else. In what
// the platform echoes or keeps of a request, it takes no chance: a number
// is found with its separators removed wherever they are (3715991-98001-
// 010076), its full-width digits folded.

// isIDSeparator reports whether r is a character people put between the
// groups of a number: a space, a tab, a hyphen or a dash, a full stop,
// their full-width forms, the ideographic space or the no-break space.
func isIDSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '\u00a0', '\u3000', '－', '．', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
		return true
	}
	return false
}

// foldIDRune returns r as a character of a citizen ID number reads it: a
// full-width digit or X as ASCII, x as X; other runes unchanged.
func foldIDRune(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r == 'Ｘ' || r == 'ｘ' || r == 'x':
		return 'X'
	}
	return r
}

// redactLoose returns s with every citizen ID number in it masked, as
// healthedu.RedactCitizenIDs masks it, and also every 18-character number
// written with separators anywhere: once the separators are removed and
// full-width digits folded, each 18 characters that
// healthedu.ParseCitizenID takes (check character, province, birth date)
// have their middle ten masked where they stand in s. The legacy 15-digit
// form, which has no check character, is left to RedactCitizenIDs: with
// separators removed, a division code and a period (MR-371502001-202510)
// would too often pass for one. It returns s itself when there is nothing
// to mask.
func redactLoose(s string) string {
	s = healthedu.RedactCitizenIDs(s)
	// The runes of s that are not separators, folded, and where each is.
	var (
		sq []rune
		at []int // byte offset in s of each rune of sq
	)
	digits := 0
	for i, r := range s {
		if isIDSeparator(r) {
			continue
		}
		f := foldIDRune(r)
		if f >= '0' && f <= '9' {
			digits++
		}
		sq = append(sq, f)
		at = append(at, i)
	}
	if digits < 17 {
		return s
	}
	var mask []bool
	run := 0 // digits ending at sq[k-1]
	for k := 0; k < len(sq); k++ {
		r := sq[k]
		if run >= 17 && (r >= '0' && r <= '9' || r == 'X') {
			w := string(sq[k-17 : k+1])
			if _, err := healthedu.ParseCitizenID(w); err == nil {
				if mask == nil {
					mask = make([]bool, len(sq))
				}
				for m := k - 13; m <= k-4; m++ {
					mask[m] = true
				}
			}
		}
		if r >= '0' && r <= '9' {
			run++
		} else {
			run = 0
		}
	}
	if mask == nil {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	prev := 0
	for k, m := range mask {
		if !m {
			continue
		}
		i := at[k]
		_, size := utf8.DecodeRuneInString(s[i:])
		out.WriteString(s[prev:i])
		out.WriteByte('*')
		prev = i + size
	}
	out.WriteString(s[prev:])
	return out.String()
}

// holdsCitizenID reports whether s holds a citizen ID number, however
// dressed (see redactLoose).
func holdsCitizenID(s string) bool {
	return redactLoose(s) != s
}

// redactParams returns params with redactLoose applied to each text
// value: params itself when none changes.
func redactParams(params map[string]any) map[string]any {
	var out map[string]any
	for k, v := range params {
		text, ok := v.(string)
		if !ok {
			continue
		}
		if m := redactLoose(text); m != text {
			if out == nil {
				out = make(map[string]any, len(params))
				for k2, v2 := range params {
					out[k2] = v2
				}
			}
			out[k] = m
		}
	}
	if out == nil {
		return params
	}
	return out
}

// redactBody returns body with every citizen ID number in it masked, as
// healthedu.RedactCitizenIDs masks it, in new memory, and true; or body
// itself and false when there is nothing to mask. Most bodies have none:
// it first looks for a stretch that could hold one, and calls
// RedactCitizenIDs only when it finds one.
func redactBody(body []byte) ([]byte, bool) {
	if !mayHoldCitizenID(body) {
		return body, false
	}
	if s := healthedu.RedactCitizenIDs(string(body)); s != string(body) {
		return []byte(s), true
	}
	return body, false
}

// redactBodyKeeping is redactBody, but for the first member keep of body,
// which it leaves as it is: a member the platform wrote, such as an
// instructor's pseudonym, in which a run of digits is no citizen ID. The
// text before and after the member is masked apart; a number cannot run
// across the member's quotes.
func redactBodyKeeping(body, keep []byte) ([]byte, bool) {
	i := -1
	if len(keep) > 0 {
		i = bytes.Index(body, keep)
	}
	if i < 0 {
		return redactBody(body)
	}
	before, m1 := redactBody(body[:i])
	after, m2 := redactBody(body[i+len(keep):])
	if !m1 && !m2 {
		return body, false
	}
	out := make([]byte, 0, len(before)+len(keep)+len(after))
	return append(append(append(out, before...), keep...), after...), true
}

// mayHoldCitizenID reports whether b holds a stretch of digits, X and
// separators, as RedactCitizenIDs reads them (full-width forms, the
// ideographic and the no-break space included), with 15 digits or X or
// more: a number RedactCitizenIDs masks, of 18 characters or of the
// legacy 15 digits, lies within such a stretch. It errs only towards
// true: it ignores how many separators stand together, and where.
func mayHoldCitizenID(b []byte) bool {
	n := 0 // digits and X in the stretch so far
	for i := 0; i < len(b); {
		// Where no stretch is under way, one that reaches 15 digits or X
		// beginning at b[i] or in the 14 bytes after it spans b[i+14]:
		// when that is a byte of idBreaks, which the scan would read as
		// it comes, it breaks every such stretch, and the scan skips to
		// the byte after it. Most of a body is letters, punctuation and
		// Chinese, which this passes up to 15 bytes at a time.
		for n == 0 && i+14 < len(b) && idBreaks[b[i+14]] {
			i += 15
		}
		if i >= len(b) {
			break
		}
		switch idByteClass[b[i]] {
		case idOther:
			n = 0
			i++
		case idDigit:
			if n++; n >= 15 {
				return true
			}
			i++
		case idSep:
			i++
		default: // idLead: a rune that may be a digit, an X or a separator
			r, size := utf8.DecodeRune(b[i:])
			switch {
			case '０' <= r && r <= '９', r == 'Ｘ', r == 'ｘ':
				if n++; n >= 15 {
					return true
				}
			case r == '\u3000', r == '－', r == '．', r == '\u00a0':
			default:
				n = 0
			}
			i += size
		}
	}
	return false
}

// The classes of bytes for mayHoldCitizenID.
const (
	idOther = iota // any other character, or a byte of one
	idDigit        // 0-9, X, x
	idSep          // space, tab, hyphen, full stop
	idLead         // the first byte of U+00A0 (C2), U+3000 (E3) or of the full-width forms (EF)
)

// idByteClass is the class of each byte. Decoding the runes that begin
// with an idLead byte and taking every other byte alone finds the
// runes RedactCitizenIDs reads: a continuation byte never is one of
// these lead bytes, and the other bytes of a rune are each idOther, as
// the rune is.
var idByteClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = idDigit
	}
	t['X'], t['x'] = idDigit, idDigit
	t[' '], t['\t'], t['-'], t['.'] = idSep, idSep, idSep, idSep
	t[0xC2], t[0xE3], t[0xEF] = idLead, idLead, idLead
	return t
}()

// idBreaks are the bytes that end a stretch wherever they stand: those of
// class idOther that mayHoldCitizenID reads as they come, never as a byte
// of a rune it decodes — ASCII and the first bytes of runes (0xC0 and
// above), Chinese characters included, but for the idLead ones.
var idBreaks = func() (t [256]bool) {
	for c := range 256 {
		t[c] = idByteClass[c] == idOther && (c < utf8.RuneSelf || c >= 0xC0)
	}
	return t
}()
