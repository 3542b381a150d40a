package healthedu

import "unicode/utf8"

// RedactCitizenIDs returns s with every citizen ID number in it masked
// (脱敏), as CitizenID.Masked prints it (3715**********123X). It is for
// text that did not come through a CitizenID but may hold one: a record
// identifier a submitter chose, a free-text field quoted in an issue, an
// error, a log line. It returns s itself when there is nothing to mask,
// and allocates only when there is.
//
// It looks for numbers as people write them, not only as ParseCitizenID
// reads them:
//
//   - Full-width digits and X (全角, "３７１５…") count as their ASCII
//     forms, and x as X.
//   - Groups may be separated by a space, a tab, a hyphen, a full stop, an
//     ideographic space (U+3000), their full-width forms or the no-break
//     space — one to three of them — at the boundaries of the number's
//     fields, as in 371599 19800101 0076, 371599-1980-0101-0076 or
//     371 599 1980 01 01 007 6 (after the 3rd, 6th, 10th, 12th, 14th and
//     17th characters), or in fours, 3715 9919 8001 0100 76. A legacy
//     15-digit number may be split after its 6th, 8th, 10th and 12th
//     digits (371599 800101 007).
//   - Letters, CJK or any other text at either end do not hide a number:
//     x371599…, 编号X371599…, …0084x are masked.
//
// What counts as a number: 18 characters whose check character is right
// (ISO 7064 MOD 11-2), whose first two digits name a province and whose
// birth date exists and is not before 1900, as ParseCitizenID requires; or
// 15 digits of the legacy form with a province and a real birth date.
//
// Digits glued on are where privacy and false alarms pull apart; the
// choice is this. An 18-character number inside a longer run of digits
// (9371599…0076, 371599…00761234) is masked too, privacy first, but then
// only if its birth year is 1900 to 2099: with the check character, the
// province and the date, a random window of a long run of digits passes
// about once in 45,000, so a 100-digit number is taken for an ID about
// once in 550. A legacy number, which has no check character, is masked
// only when it stands apart from other digits (letters, separators or
// the ends of s around it): a 15-digit window of a longer run of digits
// would pass too often. A run of asterisks after or before digits, as in
// a masked number, counts as digits, so that redacting twice changes
// nothing. Where two candidates overlap, the whole stretch they cover is
// masked, keeping its first four and last four characters.
func RedactCitizenIDs(s string) string {
	if redactDigits(s) < citizenIDLegacyLen {
		return s
	}
	var out []byte
	last := 0
	for i := 0; i < len(s); {
		class, _, size := redactClassify(s, i)
		if class != redactDigit {
			i += size
			continue
		}
		m, ok := redactMatchAt(s, i)
		if !ok {
			i += size
			continue
		}
		// Another candidate may begin inside this one and end after it;
		// mask all that they cover.
		end, extended := m.end, false
		for j := i + size; j < end; {
			cj, _, sj := redactClassify(s, j)
			if cj == redactDigit {
				if mj, ok := redactMatchAt(s, j); ok && mj.end > end {
					end, extended = mj.end, true
				}
			}
			j += sj
		}
		if out == nil {
			out = make([]byte, 0, len(s))
		}
		out = append(out, s[last:i]...)
		if extended {
			out = redactAppendStretch(out, s[i:end])
		} else {
			out = m.id.AppendMasked(out)
		}
		last, i = end, end
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

// redactClass is what a rune is to RedactCitizenIDs.
type redactClass uint8

const (
	redactOther redactClass = iota
	redactDigit             // 0–9, ０–９
	redactX                 // X, x, Ｘ, ｘ
	redactSep               // a separator between groups of a number
)

// redactClassify returns the class of the rune at s[i:], its ASCII form
// for a digit or an X, and its size in bytes (at least 1).
func redactClassify(s string, i int) (class redactClass, ascii byte, size int) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case '0' <= c && c <= '9':
			return redactDigit, c, 1
		case c == 'X' || c == 'x':
			return redactX, c, 1
		case c == ' ' || c == '\t' || c == '-' || c == '.':
			return redactSep, 0, 1
		}
		return redactOther, 0, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case '０' <= r && r <= '９':
		return redactDigit, byte(r - '０' + '0'), size
	case r == 'Ｘ' || r == 'ｘ':
		return redactX, byte(r - 'Ｘ' + 'X'), size
	case r == '\u3000' || r == '－' || r == '．' || r == '\u00a0':
		return redactSep, 0, size
	}
	return redactOther, 0, size
}

// redactDigits counts the digits of s, ASCII and full-width, up to 15:
// with fewer there is no number to mask.
func redactDigits(s string) int {
	n := 0
	for i := 0; i < len(s) && n < citizenIDLegacyLen; i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			n++
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && 0x90 <= s[i+2] && s[i+2] <= 0x99: // ０–９
			n++
			i += 2
		}
	}
	return n
}

// The places where a number's groups may be separated, as bit sets of the
// number of characters before the separator: the boundaries of the
// fields of an 18-character number (address 3+3, year, month, day,
// sequence, check character), groups of four, and the fields of a legacy
// number.
const (
	redactFieldBreaks  = 1<<3 | 1<<6 | 1<<10 | 1<<12 | 1<<14 | 1<<17
	redactFourBreaks   = 1<<4 | 1<<8 | 1<<12 | 1<<16
	redactLegacyBreaks = 1<<6 | 1<<8 | 1<<10 | 1<<12
)

// redactMaxSeps is the most separator runes between two groups.
const redactMaxSeps = 3

// redactMatch is a number found by redactMatchAt.
type redactMatch struct {
	id  CitizenID
	end int // the byte offset in s just after the number
}

// redactMatchAt reports whether a citizen ID number, as RedactCitizenIDs
// defines it, starts at s[i], which is a digit; an 18-character number is
// preferred to a legacy one.
func redactMatchAt(s string, i int) (redactMatch, bool) {
	var t [citizenIDLen]byte
	var breaks uint32 // bit k: a separator after the k-th character
	n, p, end15 := 0, i, -1
	maybe18, maybe15 := true, true
collect:
	for n < citizenIDLen && p < len(s) {
		class, c, size := redactClassify(s, p)
		switch class {
		case redactDigit, redactX:
			t[n] = c
			n++
			p += size
			// Give up as soon as the fields read so far rule out both
			// forms: most candidates end at the province.
			switch n {
			case 2:
				if t[1] > '9' || !citizenIDProvince(uint64(t[0]-'0')*10+uint64(t[1]-'0')) {
					return redactMatch{}, false
				}
			case 10: // the year of the one, the month of the other
				maybe18 = redactField(t[6:10]) >= 1900
				maybe15 = redactMonth(t[8:10])
			case 12:
				maybe18 = maybe18 && redactMonth(t[10:12])
				maybe15 = maybe15 && redactDay(t[10:12])
			case 14:
				maybe18 = maybe18 && redactDay(t[12:14])
			case citizenIDLegacyLen:
				end15 = p
			}
			switch {
			case !maybe18 && !maybe15:
				return redactMatch{}, false
			case !maybe18 && end15 >= 0:
				break collect
			}
		case redactSep:
			q, k := p, 0
			for ; k < redactMaxSeps && q < len(s); k++ {
				cq, _, sq := redactClassify(s, q)
				if cq != redactSep {
					break
				}
				q += sq
			}
			if q >= len(s) {
				break collect
			}
			if cq, _, _ := redactClassify(s, q); cq != redactDigit && cq != redactX {
				break collect
			}
			breaks |= 1 << n
			if breaks&^redactFieldBreaks != 0 && breaks&^redactFourBreaks != 0 {
				maybe18 = false
			}
			if n < citizenIDLegacyLen && breaks&^redactLegacyBreaks != 0 {
				maybe15 = false
			}
			if !maybe18 && (!maybe15 || end15 >= 0) {
				break collect
			}
			p = q
		default:
			break collect
		}
	}
	before := redactGluedBefore(s, i)
	if n == citizenIDLen && maybe18 {
		if id, y, _, _, f, _ := citizenIDRead(t[:]); f == citizenIDOK {
			if !(before || redactGluedAfter(s, p)) || 1900 <= y && y <= 2099 {
				return redactMatch{id, p}, true
			}
		}
	}
	if end15 >= 0 && maybe15 && !before && !redactGluedAfter(s, end15) {
		if id, _, _, _, f, _ := citizenIDRead(t[:citizenIDLegacyLen]); f == citizenIDOK {
			return redactMatch{id, end15}, true
		}
	}
	return redactMatch{}, false
}

// redactField returns the value of the decimal digits t, or -1 if one is
// not a digit (an X).
func redactField(t []byte) int {
	v := 0
	for _, c := range t {
		if c < '0' || c > '9' {
			return -1
		}
		v = v*10 + int(c-'0')
	}
	return v
}

// redactMonth reports whether the two digits t are a month, 01 to 12.
func redactMonth(t []byte) bool { m := redactField(t); return 1 <= m && m <= 12 }

// redactDay reports whether the two digits t may be a day, 01 to 31.
func redactDay(t []byte) bool { d := redactField(t); return 1 <= d && d <= 31 }

// redactIsDigitRune reports whether r is an ASCII or a full-width digit.
func redactIsDigitRune(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// redactGluedBefore reports whether the text just before s[i] is a digit,
// or asterisks that follow a digit, as in a masked number.
func redactGluedBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] == '*' {
		j--
	}
	if j == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:j])
	return redactIsDigitRune(r)
}

// redactGluedAfter reports whether the text from s[i] on begins with a
// digit, or with asterisks that a digit follows.
func redactGluedAfter(s string, i int) bool {
	for i < len(s) && s[i] == '*' {
		i++
	}
	if i == len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return redactIsDigitRune(r)
}

// redactAppendStretch appends the mask of a stretch of overlapping
// numbers: its first four and last four digits or X in ASCII, with an
// asterisk for each other, and no separators.
func redactAppendStretch(b []byte, s string) []byte {
	n := 0
	for i := 0; i < len(s); {
		class, _, size := redactClassify(s, i)
		if class == redactDigit || class == redactX {
			n++
		}
		i += size
	}
	k := 0
	for i := 0; i < len(s); {
		class, c, size := redactClassify(s, i)
		i += size
		if class != redactDigit && class != redactX {
			continue
		}
		switch {
		case k < 4 || k >= n-4:
			if c == 'x' {
				c = 'X'
			}
			b = append(b, c)
		default:
			b = append(b, '*')
		}
		k++
	}
	return b
}
