package healthedu

import (
	"log/slog"
	"strconv"
	"unicode/utf8"
)

// Mobile is a mainland China mobile phone number (手机号码): 11 digits
// beginning with 13 to 19, such as 13800138000.
//
// Mobile is a small comparable value; the zero value is not a valid
// number, and IsValid says so. A mobile number is personal information
// (个人信息): String and MarshalText give it in clear, since sending
// messages needs it, but logs and screens should show Masked. LogValue
// does, so log/slog masks it by itself; fmt does not. A *ParseError from
// ParseMobile carries the input with its middle digits masked.
type Mobile struct {
	n uint64 // the 11 digits as an integer; 0 in the zero value
}

const (
	mobileLen    = 11 // digits of a national number
	mobileMaxLen = 32 // characters of the longest input considered
)

// ParseMobile parses a mainland China mobile phone number.
//
// It accepts the 11-digit national number, which must begin with 13 to 19,
// optionally preceded by the country code as +86, 86 or 0086 (the last
// two only when 11 digits follow, so that 13 or 15 digits are read as a
// country code and a number). A single space or hyphen may separate
// groups of digits and the country code from the number; full-width
// digits, '＋', '－' and the ideographic space are read as their ASCII
// forms. So "13800138000", "+86 138-0013-8000", "008613800138000" and
// "＋８６１３８００１３８０００" are all the same number. Spaces before or
// after the number, parentheses and other characters are not accepted.
//
// Errors are *ParseError with Func "ParseMobile" and Code
//
//	mobile.syntax  a character that does not belong, or a misplaced
//	               '+', space or hyphen
//	mobile.length  not 11 digits after the country code
//	mobile.prefix  a national number not beginning with 13–19, or a
//	               country code other than +86
func ParseMobile(s string) (Mobile, error) {
	var buf [mobileMaxLen]byte
	var t []byte
	if isASCII(s) {
		if len(s) > mobileMaxLen {
			return Mobile{}, mobileLengthError(s, -1)
		}
		t = buf[:copy(buf[:], s)]
	} else {
		if utf8.RuneCountInString(s) > mobileMaxLen {
			return Mobile{}, mobileLengthError(s, -1)
		}
		var ok bool
		if t, ok = foldFullWidth(buf[:0], s); !ok {
			return Mobile{}, mobileSyntaxError(s, personalUnfoldable(s))
		}
	}

	// Read the digits into n, remembering where the first five are, and
	// check that separators stand between digits.
	var n uint64
	var digitAt [5]int
	nd := 0
	plus := len(t) > 0 && t[0] == '+'
	i := 0
	if plus {
		i = 1
	}
	sep := true // at the start, or after '+' or a separator
	for ; i < len(t); i++ {
		switch c := t[i]; {
		case '0' <= c && c <= '9':
			if nd < len(digitAt) {
				digitAt[nd] = i
			}
			n = n*10 + uint64(c-'0') // wraps past 19 digits, rejected below
			nd++
			sep = false
		case (c == ' ' || c == '-') && !sep:
			sep = true
		default:
			return Mobile{}, mobileSyntaxError(s, i)
		}
	}
	if nd == 0 {
		return Mobile{}, mobileLengthError(s, 0)
	}
	if sep {
		return Mobile{}, mobileSyntaxError(s, len(t)-1)
	}
	if nd > 15 {
		return Mobile{}, mobileLengthError(s, nd)
	}

	// Strip the country code. With nd ≤ 15, n holds the digits exactly.
	national := 0 // index of the first digit of the national number
	switch {
	case plus:
		if nd < 2 || n/personalPow10[nd-2] != 86 {
			return Mobile{}, mobileError(s, "mobile.prefix", "country code is not +86", digitAt[0])
		}
		national = 2
	case nd == mobileLen+2 && n/personalPow10[nd-2] == 86:
		national = 2
	case nd == mobileLen+4 && n/personalPow10[nd-4] == 86:
		national = 4
	}
	nd -= national
	n %= personalPow10[nd]
	if nd != mobileLen {
		return Mobile{}, mobileLengthError(s, nd)
	}
	if first, second := n/1e10, n/1e9%10; first != 1 || second < 3 {
		msg := "mainland mobile numbers begin with 13 to 19"
		return Mobile{}, mobileError(s, "mobile.prefix", msg, digitAt[national])
	}
	return Mobile{n: n}, nil
}

// personalPow10 holds the powers of ten that fit in a uint64.
var personalPow10 = [...]uint64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// mobileError returns a *ParseError for input s with its middle digits
// masked and the fault at rune index at (or -1).
func mobileError(s, code, msg string, at int) *ParseError {
	// Keep the first three and the last four digits when there are at
	// least 11, as Masked does; mask every digit of a shorter input.
	isDigit := func(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }
	nd := 0
	for _, r := range s {
		if isDigit(r) {
			nd++
		}
	}
	k := 0 // index of the current digit
	in, at := personalMask(s, at, func(_ int, r rune) bool {
		if !isDigit(r) {
			return true
		}
		k++
		return nd >= mobileLen && (k <= 3 || k > nd-4)
	})
	return &ParseError{Func: "ParseMobile", Input: in, Code: code, Msg: msg, At: at}
}

// mobileLengthError reports nd digits, or an input too long to be read
// when nd is -1.
func mobileLengthError(s string, nd int) *ParseError {
	if i := personalSpaceAround(s); i >= 0 {
		return mobileSyntaxError(s, i)
	}
	msg := "got " + strconv.Itoa(nd) + " digits, want 11"
	if nd < 0 {
		msg = "got " + strconv.Itoa(utf8.RuneCountInString(s)) + " characters, too long for a mobile number"
	}
	return mobileError(s, "mobile.length", msg, -1)
}

func mobileSyntaxError(s string, at int) *ParseError {
	var r rune
	size := 0
	for i, j := 0, 0; i <= at && j < len(s); i++ {
		r, size = utf8.DecodeRuneInString(s[j:])
		j += size
	}
	var msg string
	switch {
	case r == utf8.RuneError && size == 1:
		msg = "invalid UTF-8"
	case r == '+' || r == '＋':
		msg = "'+' is allowed only at the start"
	case r == ' ' || r == '\u3000' || r == '-' || r == '－':
		msg = "a space or hyphen is allowed only between digits"
	default:
		msg = "unexpected character " + strconv.QuoteRune(r)
	}
	return mobileError(s, "mobile.syntax", msg, at)
}

// IsValid reports whether m is a parsed mobile number, not the zero
// Mobile.
func (m Mobile) IsValid() bool { return m.n != 0 }

// String returns the 11 digits of m, such as "13800138000", or "" for the
// zero Mobile. Use Masked where the number is shown or logged.
func (m Mobile) String() string {
	var b [mobileLen]byte
	return string(m.AppendTo(b[:0]))
}

// AppendTo appends the form of String to b and returns the extended
// buffer.
func (m Mobile) AppendTo(b []byte) []byte {
	if !m.IsValid() {
		return b
	}
	return personalAppendDigits(b, m.n, mobileLen)
}

// E164 returns m in the international format of ITU-T E.164, such as
// "+8613800138000", or "" for the zero Mobile.
func (m Mobile) E164() string {
	if !m.IsValid() {
		return ""
	}
	var b [3 + mobileLen]byte
	return string(m.AppendTo(append(b[:0], "+86"...)))
}

// Masked returns m with its middle four digits hidden (脱敏), such as
// "138****8000", or "" for the zero Mobile.
func (m Mobile) Masked() string {
	var b [mobileLen]byte
	return string(m.AppendMasked(b[:0]))
}

// AppendMasked appends the form of Masked to b and returns the extended
// buffer.
func (m Mobile) AppendMasked(b []byte) []byte {
	if !m.IsValid() {
		return b
	}
	b = personalAppendDigits(b, m.n/1e8, 3)
	b = append(b, "****"...)
	return personalAppendDigits(b, m.n, 4)
}

// LogValue implements slog.LogValuer: a Mobile logs as its masked form.
func (m Mobile) LogValue() slog.Value { return slog.StringValue(m.Masked()) }

// MarshalText implements encoding.TextMarshaler with the form of String:
// the 11 digits in clear. The zero Mobile gives empty text.
func (m Mobile) MarshalText() ([]byte, error) {
	return m.AppendTo(make([]byte, 0, mobileLen)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseMobile.
// Empty text gives the zero Mobile.
func (m *Mobile) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Mobile{}
		return nil
	}
	var err error
	*m, err = ParseMobile(string(text))
	return err
}
