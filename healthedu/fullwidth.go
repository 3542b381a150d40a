package healthedu

import "unicode/utf8"

// Submissions typed on Chinese input methods often carry full-width forms
// (全角字符): '３７１５' for "3715", '＋８６' for "+86", the ideographic space
// U+3000. The parsers fold them to ASCII before reading the digits.

// foldFullWidth appends s to dst with every full-width ASCII variant
// (U+FF01–U+FF5E) replaced by its ASCII form (U+0021–U+007E) and the
// ideographic space U+3000 by ' '. It reports false, with dst unspecified,
// when s is not valid UTF-8 or holds a non-ASCII rune that has no ASCII
// form. With a dst of sufficient capacity it does not allocate.
func foldFullWidth(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			dst = append(dst, byte(r-0xFF01+0x21))
		case r == 0x3000:
			dst = append(dst, ' ')
		default:
			return dst, false
		}
		i += size
	}
	return dst, true
}

// isASCII reports whether s holds only ASCII bytes, the common case in
// which the parsers can read s directly without folding.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
