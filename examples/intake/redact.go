package main

import (
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
