package healthedu

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jiceng/jiceng/internal/checkchar"
)

// CitizenID is a citizen identity number (公民身份号码) as defined by
// GB 11643-1999: a 17-digit body (本体码) — a 6-digit address code
// (地址码), an 8-digit birth date (出生日期码) and a 3-digit sequence code
// (顺序码) whose last digit is odd for men and even for women — followed by
// a check character (校验码) computed with ISO 7064 MOD 11-2.
//
// CitizenID is a small comparable value: use it with == and as a map key.
// The zero value is not a valid number; IsValid reports whether a
// CitizenID came from a successful parse. A number given in the legacy
// 15-digit form and the same number in its 18-character form parse to the
// same CitizenID.
//
// A citizen ID number is personal information (个人信息). No method other
// than Unmasked shows it in clear: String, Format (every fmt verb), the
// slog.LogValuer, MarshalText and so JSON all give the masked form
// 1101**********002X, and a *ParseError from ParseCitizenID carries the
// input masked. Use Pseudonym to link records of the same person without
// keeping the number.
type CitizenID struct {
	// v holds body<<4 | check: the 17 body digits as an integer (below
	// 2⁵⁷) and the value of the check character (0–10, 10 for X), the
	// whole multiplied by the odd constant citizenIDScramble. The
	// scrambling is no protection against anyone who has this source; it
	// keeps the digits out of the reflection-based printing that cannot
	// call Format: %p, and a struct reached through an unexported field,
	// which fmt prints field by field.
	v uint64
}

// Multiplying by an odd constant modulo 2⁶⁴ is invertible:
// citizenIDScramble × citizenIDUnscramble ≡ 1 (mod 2⁶⁴). Zero maps to zero,
// and a valid body is never zero, so the zero CitizenID stays invalid.
const (
	citizenIDScramble   uint64 = 0x9e3779b97f4a7c15
	citizenIDUnscramble uint64 = 0xf1de83e19937733d
)

const (
	citizenIDLen       = 18 // characters in the current form
	citizenIDLegacyLen = 15 // digits in the legacy form (GB 11643-1989)
)

// ParseCitizenID parses a citizen identity number (公民身份号码).
//
// It accepts the 18-character form of GB 11643-1999, whose check character
// is a digit or X (x is accepted too), and the 15-digit legacy form of
// GB 11643-1989 (6-digit address code, YYMMDD birth date in the 1900s,
// 3-digit sequence code), which it upgrades by inserting "19" before the
// year and computing the check character. Full-width digits and letters
// (全角, "１１０１…００２Ｘ") are read as their ASCII forms. Nothing else
// is tolerated: no surrounding or inner spaces, no separators — trim the
// input first if that is what you want.
//
// The number must name an existing province-level division in its first
// two digits (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71 Taiwan, and
// 81 Hong Kong, 82 Macao, 83 Taiwan for the residence permits of Hong Kong,
// Macao and Taiwan residents, 港澳台居民居住证, whose numbers follow
// GB 11643), and a birth date that exists and is not before 1900-01-01.
// The 2023 permanent residence identity card for foreigners, whose number
// begins with 9, is not a citizen identity number and is rejected. Use
// ParseCitizenIDAsOf to reject birth dates in the future as well.
//
// Errors are of type *ParseError with Func "ParseCitizenID", an Input that
// is masked like [CitizenID.Masked] (the first four and the last four
// characters of an 18-character input, fewer of a shorter one), and Code
//
//	citizenId.length     neither 18 nor 15 characters
//	citizenId.syntax     a character that is not a digit (or a final X)
//	citizenId.checksum   the check character does not match the body
//	citizenId.area       the first two digits are not a province code
//	citizenId.birthDate  the birth date does not exist or is before 1900
//
// The check character is tested before the fields it protects: it catches
// every mistyped digit and every swap of adjacent digits, so when it fails
// the fields say nothing reliable.
func ParseCitizenID(s string) (CitizenID, error) {
	return citizenIDParse("ParseCitizenID", s, time.Time{}, false)
}

// CitizenIDFrom returns the citizen ID number (公民身份号码) made of a
// 6-digit address code (地址码), a birth date (出生日期码) and a sequence code
// (顺序码) from 0 to 999, odd for a man and even for a woman, with its check
// character computed as GB 11643 says (校验码, ISO 7064 MOD 11-2). It is for
// makers of synthetic data, who need numbers that a validator accepts and
// that no real person holds: an address code whose county part was never
// assigned, such as 371599 (聊城, county 99), does that.
//
// It fails when area is not 6 digits naming a province, when the birth date
// is not valid or is before 1900, and when seq is out of range; the error is
// a *ParseError, as ParseCitizenID gives, except for seq.
func CitizenIDFrom(area string, birth Date, seq int) (CitizenID, error) {
	if seq < 0 || seq > 999 {
		return CitizenID{}, errors.New("healthedu: CitizenIDFrom: sequence code " + strconv.Itoa(seq) + " out of range 0–999")
	}
	if len(area) != 6 {
		return CitizenID{}, citizenIDLengthError("CitizenIDFrom", area)
	}
	if !birth.IsValid() {
		return CitizenID{}, citizenIDError("CitizenIDFrom", area, "citizenId.birthDate", "no birth date", len(area))
	}
	b := make([]byte, 0, citizenIDLen)
	b = append(b, area...)
	if y := birth.Year(); y < 1000 || y > 9999 {
		return CitizenID{}, citizenIDError("CitizenIDFrom", area, "citizenId.birthDate", "birth year "+strconv.Itoa(y)+" has not four digits", len(area))
	}
	b = strconv.AppendInt(b, int64(birth.Year()), 10)
	b = append(b, byte('0'+birth.Month()/10), byte('0'+birth.Month()%10), byte('0'+birth.Day()/10), byte('0'+birth.Day()%10))
	b = append(b, byte('0'+seq/100), byte('0'+seq/10%10), byte('0'+seq%10))
	if len(b) != citizenIDLen-1 {
		return CitizenID{}, citizenIDLengthError("CitizenIDFrom", string(b))
	}
	var sum uint64
	for i, c := range b {
		if c < '0' || c > '9' {
			return CitizenID{}, citizenIDSyntaxError("CitizenIDFrom", area, i)
		}
		sum += uint64(c-'0') * citizenIDWeights[i]
	}
	b = append(b, citizenIDCheckChars[citizenIDCheck(sum)])
	return citizenIDParse("CitizenIDFrom", string(b), time.Time{}, false)
}

// ParseCitizenIDAsOf is like ParseCitizenID but also rejects a number
// whose birth date falls after the calendar day of asOf in
// [ChinaStandardTime] (UTC+08:00), with Code "citizenId.future"; someone
// born on that day is accepted. asOf is typically the date of the record
// or the time of the submission: the library never reads the clock. Its
// errors have Func "ParseCitizenIDAsOf".
func ParseCitizenIDAsOf(s string, asOf time.Time) (CitizenID, error) {
	return citizenIDParse("ParseCitizenIDAsOf", s, asOf, true)
}

func citizenIDParse(fn, s string, asOf time.Time, checkFuture bool) (CitizenID, error) {
	// Read the characters into buf: the input itself if it is ASCII, or its
	// full-width folding, which maps each rune to one byte, so that an
	// offset into t is also the index of a rune in s.
	var buf [citizenIDLen]byte
	var t []byte
	if isASCII(s) {
		if len(s) != citizenIDLen && len(s) != citizenIDLegacyLen {
			return CitizenID{}, citizenIDLengthError(fn, s)
		}
		t = buf[:copy(buf[:], s)]
	} else {
		n := utf8.RuneCountInString(s)
		if n != citizenIDLen && n != citizenIDLegacyLen {
			return CitizenID{}, citizenIDLengthError(fn, s)
		}
		var ok bool
		if t, ok = foldFullWidth(buf[:0], s); !ok {
			i := personalUnfoldable(s)
			return CitizenID{}, citizenIDSyntaxError(fn, s, i)
		}
	}

	id, y, m, d, fault, at := citizenIDRead(t)
	switch fault {
	case citizenIDBadChar:
		return CitizenID{}, citizenIDSyntaxError(fn, s, at)
	case citizenIDBadCheck:
		// The right check character is not named: it is a function of
		// the digits the mask hides.
		got := t[citizenIDLen-1]
		if got == 'x' {
			got = 'X'
		}
		msg := "check character '" + string(got) + "' does not match the number"
		return CitizenID{}, citizenIDError(fn, s, "citizenId.checksum", msg, at)
	case citizenIDBadArea:
		msg := "no province-level division has code " + string(t[:2])
		return CitizenID{}, citizenIDError(fn, s, "citizenId.area", msg, at)
	case citizenIDBadYear:
		return CitizenID{}, citizenIDError(fn, s, "citizenId.birthDate", "birth year is before 1900", at)
	case citizenIDBadMonth:
		return CitizenID{}, citizenIDError(fn, s, "citizenId.birthDate", "birth month does not exist", at)
	case citizenIDBadDay:
		return CitizenID{}, citizenIDError(fn, s, "citizenId.birthDate", "birth day does not exist in its month", at)
	}

	if checkFuture {
		ay, am, ad := asOf.In(ChinaStandardTime).Date()
		if y*10000+m*100+d > ay*10000+int(am)*100+ad {
			msg := "birth date is after " + asOf.In(ChinaStandardTime).Format(time.DateOnly)
			return CitizenID{}, citizenIDError(fn, s, "citizenId.future", msg, citizenIDYearAt)
		}
	}
	return id, nil
}

// citizenIDFault is what citizenIDRead finds wrong with a number.
type citizenIDFault uint8

const (
	citizenIDOK       citizenIDFault = iota
	citizenIDBadChar                 // not a digit, or an X elsewhere than last
	citizenIDBadCheck                // the check character does not match the body
	citizenIDBadArea                 // the first two digits are not a province
	citizenIDBadYear                 // born before 1900
	citizenIDBadMonth                // no such month
	citizenIDBadDay                  // no such day in the month
)

// citizenIDYearAt is the offset of the birth year in both forms.
const citizenIDYearAt = 6

// citizenIDRead reads t, the 18 or 15 characters of a number folded to
// ASCII, and returns the number and its birth date; or what is wrong with
// it and the index in t of the character (or the field) at fault. It is
// the whole of ParseCitizenID's judgement, without the errors, and does
// not allocate, so that RedactCitizenIDs can try every candidate.
func citizenIDRead(t []byte) (id CitizenID, y, m, d int, f citizenIDFault, at int) {
	// Syntax: digits, and a final X in the 18-character form.
	for i, c := range t {
		if '0' <= c && c <= '9' || i == citizenIDLen-1 && (c == 'X' || c == 'x') {
			continue
		}
		return CitizenID{}, 0, 0, 0, citizenIDBadChar, i
	}

	// The body and its weighted sum; the legacy form lacks the century
	// digits "19" at positions 7 and 8 and the check character.
	var body, sum uint64
	legacy := len(t) == citizenIDLegacyLen
	if legacy {
		body, sum = citizenIDDigits(0, 0, t[:6], citizenIDWeights[:6])
		body, sum = body*100+19, sum+1*citizenIDWeights[6]+9*citizenIDWeights[7]
		body, sum = citizenIDDigits(body, sum, t[6:], citizenIDWeights[8:])
	} else {
		body, sum = citizenIDDigits(0, 0, t[:citizenIDLen-1], citizenIDWeights[:])
	}
	check := citizenIDCheck(sum)
	if !legacy {
		got := t[citizenIDLen-1]
		if got == 'x' {
			got = 'X'
		}
		if got != citizenIDCheckChars[check] {
			return CitizenID{}, 0, 0, 0, citizenIDBadCheck, citizenIDLen - 1
		}
	}

	if p := body / 1e15; !citizenIDProvince(p) {
		return CitizenID{}, 0, 0, 0, citizenIDBadArea, 0
	}

	// Offsets of the birth date's fields in the input.
	monthAt, dayAt := 10, 12
	if legacy {
		monthAt, dayAt = 8, 10
	}
	y, m, d = citizenIDDate(body)
	switch {
	case y < 1900:
		return CitizenID{}, 0, 0, 0, citizenIDBadYear, citizenIDYearAt
	case m < 1 || m > 12:
		return CitizenID{}, 0, 0, 0, citizenIDBadMonth, monthAt
	case d < 1 || d > citizenIDDaysIn(y, time.Month(m)):
		return CitizenID{}, 0, 0, 0, citizenIDBadDay, dayAt
	}
	return CitizenID{v: (body<<4 | check) * citizenIDScramble}, y, m, d, citizenIDOK, 0
}

// citizenIDWeights are the weights of the 17 body digits (GB 11643).
var citizenIDWeights = checkchar.CitizenIDWeights

// citizenIDCheckChars are the check characters by value.
const citizenIDCheckChars = checkchar.CitizenIDChars

// citizenIDDigits appends the decimal digits t to body and their products
// with the weights w to sum.
func citizenIDDigits(body, sum uint64, t []byte, w []uint64) (uint64, uint64) {
	for i, c := range t {
		d := uint64(c - '0')
		body = body*10 + d
		sum += d * w[i]
	}
	return body, sum
}

// citizenIDCheck returns the value of the check character for a body
// whose weighted sum is sum.
func citizenIDCheck(sum uint64) uint64 { return checkchar.CitizenIDValue(sum) }

// citizenIDProvince reports whether p is the code of a province-level
// division that issues citizen ID numbers or residence permits.
func citizenIDProvince(p uint64) bool {
	switch {
	case 11 <= p && p <= 15, 21 <= p && p <= 23, 31 <= p && p <= 37,
		41 <= p && p <= 46, 50 <= p && p <= 54, 61 <= p && p <= 65,
		p == 71, 81 <= p && p <= 83:
		return true
	}
	return false
}

// citizenIDDate returns the birth date held in body, unchecked.
func citizenIDDate(body uint64) (year, month, day int) {
	date := body / 1e3 % 1e8
	return int(date / 1e4), int(date / 100 % 100), int(date % 100)
}

// citizenIDDaysIn returns the number of days in month m of year y of the
// Gregorian calendar.
func citizenIDDaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// personalUnfoldable returns the index, counted in runes, of the first rune
// of s that foldFullWidth cannot fold to ASCII, or -1 if there is none.
func personalUnfoldable(s string) int {
	var tmp [utf8.UTFMax]byte
	i := 0
	for j := 0; j < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[j:])
		if _, ok := foldFullWidth(tmp[:0], s[j:j+size]); !ok {
			return i
		}
		j += size
	}
	return -1
}

// personalMask returns s with every rune for which keep(i, r) is false
// replaced by '*', i counting runes; and the byte offset in the result of
// the rune of index at, or -1 if at is negative. Invalid UTF-8 counts as
// one rune per byte.
func personalMask(s string, at int, keep func(i int, r rune) bool) (masked string, maskedAt int) {
	var b strings.Builder
	b.Grow(len(s))
	maskedAt = -1
	i := 0
	for j := 0; j < len(s); i++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if i == at {
			maskedAt = b.Len()
		}
		if keep(i, r) {
			b.WriteString(s[j : j+size])
		} else {
			b.WriteByte('*')
		}
		j += size
	}
	if at >= i {
		maskedAt = b.Len()
	}
	return b.String(), maskedAt
}

// citizenIDError returns a *ParseError for input s, masked, with the fault
// at rune index at (or -1).
func citizenIDError(fn, s, code, msg string, at int) *ParseError {
	// Keep what the masked form keeps of a number: the first four
	// characters (province and prefecture) and the last four (the end of
	// the sequence code and the check character), or the last three of a
	// 15- to 17-character input; of a shorter input, at most the first four.
	n := utf8.RuneCountInString(s)
	head, tail := 0, 0
	switch {
	case n >= citizenIDLen:
		head, tail = 4, 4
	case n >= citizenIDLegacyLen:
		head, tail = 4, 3
	case n >= 8:
		head = 4
	}
	in, at := personalMask(s, at, func(i int, _ rune) bool { return i < head || i >= n-tail })
	return &ParseError{Func: fn, Input: in, Code: code, Msg: msg, At: at}
}

func citizenIDLengthError(fn, s string) *ParseError {
	// A number with spaces around it is better told as such.
	if i := personalSpaceAround(s); i >= 0 {
		return citizenIDError(fn, s, "citizenId.syntax", "unexpected space", i)
	}
	n := utf8.RuneCountInString(s)
	msg := "got " + strconv.Itoa(n) + " characters, want 18 (or 15 in the legacy form)"
	return citizenIDError(fn, s, "citizenId.length", msg, -1)
}

// personalSpaceAround returns the rune index of a space (ASCII white space
// or the ideographic space U+3000) at the start or the end of s, or -1.
func personalSpaceAround(s string) int {
	isSpace := func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000'
	}
	if r, _ := utf8.DecodeRuneInString(s); isSpace(r) {
		return 0
	}
	if r, _ := utf8.DecodeLastRuneInString(s); isSpace(r) {
		return utf8.RuneCountInString(s) - 1
	}
	return -1
}

func citizenIDSyntaxError(fn, s string, at int) *ParseError {
	// Find the rune at index at; a fault is never a digit, so naming it
	// reveals nothing of the number.
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
	case r == ' ' || r == '\u3000':
		msg = "unexpected space"
	case r == '*':
		msg = "unexpected character '*' (a masked number cannot be parsed)"
	case r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ':
		msg = "X is allowed only as the 18th (check) character"
	default:
		msg = "unexpected character " + strconv.QuoteRune(r)
	}
	return citizenIDError(fn, s, "citizenId.syntax", msg, at)
}

// IsValid reports whether id is a parsed citizen ID number, not the zero
// CitizenID.
func (id CitizenID) IsValid() bool { return id.v != 0 }

// digits returns the 17 body digits as an integer.
func (id CitizenID) digits() uint64 { return id.v * citizenIDUnscramble >> 4 }

// check returns the check character.
func (id CitizenID) check() byte { return citizenIDCheckChars[id.v*citizenIDUnscramble&0xf] }

// BirthDate returns the date of birth (出生日期) encoded in id, like
// time.Time.Date. It returns 0, 0, 0 for the zero CitizenID.
func (id CitizenID) BirthDate() (year int, month time.Month, day int) {
	if !id.IsValid() {
		return 0, 0, 0
	}
	y, m, d := citizenIDDate(id.digits())
	return y, time.Month(m), d
}

// Age returns the age in full years (周岁) of the holder of id at the
// instant at, reckoned in [ChinaStandardTime]: it grows by one on each
// birthday, and on 1 March in common years for someone born on 29
// February. It is negative if at is before the day of birth, and 0 for
// the zero CitizenID.
func (id CitizenID) Age(at time.Time) int {
	if !id.IsValid() {
		return 0
	}
	by, bm, bd := id.BirthDate()
	y, m, d := at.In(ChinaStandardTime).Date()
	age := y - by
	if m < bm || m == bm && d < bd {
		age--
	}
	return age
}

// Sex is a person's sex (性别), coded as in GB/T 2261.1: 1 male (男),
// 2 female (女). The zero Sex means unknown (未知).
type Sex uint8

// The sexes a citizen ID number records.
const (
	Male   Sex = 1 // 男性
	Female Sex = 2 // 女性
)

// String returns "male", "female" or, for any other value, "unknown".
func (s Sex) String() string {
	switch s {
	case Male:
		return "male"
	case Female:
		return "female"
	}
	return "unknown"
}

// Sex returns the sex recorded in id by the parity of its 17th digit, the
// last of the sequence code: odd for Male, even for Female. It returns
// the zero Sex for the zero CitizenID.
func (id CitizenID) Sex() Sex {
	if !id.IsValid() {
		return 0
	}
	if id.digits()%2 == 1 {
		return Male
	}
	return Female
}

// AreaCode returns the address code (地址码), the first six digits of id:
// the county-level division (县级行政区划) where the number was first
// issued, as coded at that time — codes change, so it may name a division
// that a current registry no longer lists. ParseDivisionCode(id.AreaCode())
// gives it as a [DivisionCode]. It returns "" for the zero CitizenID.
func (id CitizenID) AreaCode() string {
	if !id.IsValid() {
		return ""
	}
	var b [6]byte
	return string(personalAppendDigits(b[:0], id.digits()/1e11, 6))
}

// Province returns the first two digits of id, the code of its
// province-level division (省级行政区划), such as "11" for Beijing, or ""
// for the zero CitizenID.
func (id CitizenID) Province() string {
	if !id.IsValid() {
		return ""
	}
	var b [2]byte
	return string(personalAppendDigits(b[:0], id.digits()/1e15, 2))
}

// personalAppendDigits appends the n low decimal digits of v to b, with
// leading zeros.
func personalAppendDigits(b []byte, v uint64, n int) []byte {
	b = append(b, "0000000000000000000"[:n]...)
	for i := len(b) - 1; n > 0; i, n = i-1, n-1 {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return b
}

// Masked returns id with its birth date and most of its address code
// hidden (脱敏): the first four characters, ten asterisks and the last
// four, as in 1101**********002X. It is what String, Format, LogValue and
// MarshalText give, and "" for the zero CitizenID.
func (id CitizenID) Masked() string {
	var b [citizenIDLen]byte
	return string(id.AppendMasked(b[:0]))
}

// AppendMasked appends the masked form of id, as given by Masked, to b and
// returns the extended buffer. With enough capacity in b it does not
// allocate.
func (id CitizenID) AppendMasked(b []byte) []byte {
	if !id.IsValid() {
		return b
	}
	v := id.digits()
	b = personalAppendDigits(b, v/1e13, 4)
	b = append(b, "**********"...)
	b = personalAppendDigits(b, v, 3)
	return append(b, id.check())
}

// Unmasked returns the number in clear, in its canonical 18-character form
// with an upper-case X, or "" for the zero CitizenID.
//
// It is the only way to see the number. Call it only where the clear
// number is required by law or by the receiving system, never to log or
// to display it, and prefer Pseudonym for linking records.
func (id CitizenID) Unmasked() string {
	var b [citizenIDLen]byte
	return string(id.appendUnmasked(b[:0]))
}

func (id CitizenID) appendUnmasked(b []byte) []byte {
	if !id.IsValid() {
		return b
	}
	v := id.digits()
	b = personalAppendDigits(b, v, citizenIDLen-1)
	return append(b, id.check())
}

// String returns the masked form of id, as Masked does.
func (id CitizenID) String() string { return id.Masked() }

// Format implements fmt.Formatter so that no verb shows the number: %v,
// %s, %d, %x and %X print the masked form, %q and %#v the masked form
// quoted. A width pads with spaces, on the left or, with the '-' flag, on
// the right. Other verbs print like %!c(healthedu.CitizenID=1101…002X).
func (id CitizenID) Format(f fmt.State, verb rune) {
	var buf [citizenIDLen + 2]byte
	var b []byte
	switch {
	case verb == 'q', verb == 'v' && f.Flag('#'):
		b = append(id.AppendMasked(append(buf[:0], '"')), '"')
	case verb == 'v', verb == 's', verb == 'd', verb == 'x', verb == 'X':
		b = id.AppendMasked(buf[:0])
	default:
		fmt.Fprintf(f, "%%!%c(healthedu.CitizenID=%s)", verb, id.Masked())
		return
	}
	pad := 0
	if w, ok := f.Width(); ok && w > len(b) {
		pad = w - len(b)
	}
	if !f.Flag('-') {
		personalWriteSpaces(f, pad)
	}
	f.Write(b)
	if f.Flag('-') {
		personalWriteSpaces(f, pad)
	}
}

func personalWriteSpaces(f fmt.State, n int) {
	const spaces = "                "
	for n > 0 {
		k := min(n, len(spaces))
		f.Write([]byte(spaces[:k]))
		n -= k
	}
}

// LogValue implements slog.LogValuer: a CitizenID logs as its masked form.
func (id CitizenID) LogValue() slog.Value { return slog.StringValue(id.Masked()) }

// MarshalText implements encoding.TextMarshaler with the masked form, so a
// CitizenID in a JSON document or a log record is never in clear. It gives
// empty text for the zero CitizenID.
//
// Note the asymmetry: UnmarshalText reads the clear number and cannot read
// what MarshalText writes. A record can thus be decoded from a submission
// and never re-encoded with the number; to store or forward the number,
// use Unmasked or, better, Pseudonym explicitly.
func (id CitizenID) MarshalText() ([]byte, error) {
	return id.AppendMasked(make([]byte, 0, citizenIDLen)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler by parsing the clear
// number with ParseCitizenID. Empty text gives the zero CitizenID.
func (id *CitizenID) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*id = CitizenID{}
		return nil
	}
	var err error
	*id, err = ParseCitizenID(string(text))
	return err
}

// Pseudonym returns the keyed pseudonym (假名) of id under key:
// HMAC-SHA256 of its canonical 18-character form (upper-case X), so that
// the 15- and the 18-character forms of a number give the same pseudonym.
// The same key always gives the same pseudonym, so records of one person
// can be linked without keeping the number; without the key the number
// cannot be recovered, but with it anyone can test candidate numbers,
// which are few: keep the key secret, at least 32 random bytes, and the
// same for every record to be linked. It returns the zero Pseudonym for
// the zero CitizenID.
func (id CitizenID) Pseudonym(key []byte) Pseudonym {
	var p Pseudonym
	if !id.IsValid() {
		return p
	}
	var b [citizenIDLen]byte
	mac := hmac.New(sha256.New, key)
	mac.Write(id.appendUnmasked(b[:0]))
	mac.Sum(p[:0])
	return p
}

// Pseudonym is a keyed pseudonym (假名) of a citizen ID number, as made by
// [CitizenID.Pseudonym]: 32 bytes, written as 64 lower-case hexadecimal
// digits. It links records of the same person and is comparable, so it can
// serve as a map key. Under the Personal Information Protection Law a
// pseudonymised number is still personal information while the key exists.
type Pseudonym [sha256.Size]byte

// ParsePseudonym parses a pseudonym written as 64 hexadecimal digits
// (either case). Errors are *ParseError with Func "ParsePseudonym" and
// Code "pseudonym.length" or "pseudonym.syntax".
func ParsePseudonym(s string) (Pseudonym, error) {
	var p Pseudonym
	if len(s) != 2*len(p) {
		msg := "got " + strconv.Itoa(len(s)) + " bytes, want 64 hexadecimal digits"
		return Pseudonym{}, &ParseError{Func: "ParsePseudonym", Input: s, Code: "pseudonym.length", Msg: msg, At: -1}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		var nibble byte
		switch {
		case '0' <= c && c <= '9':
			nibble = c - '0'
		case 'a' <= c && c <= 'f':
			nibble = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			nibble = c - 'A' + 10
		default:
			msg := "unexpected character " + strconv.QuoteRune(rune(c)) + ", want a hexadecimal digit"
			if c >= utf8.RuneSelf {
				msg = "unexpected non-ASCII byte, want a hexadecimal digit"
			}
			return Pseudonym{}, &ParseError{Func: "ParsePseudonym", Input: s, Code: "pseudonym.syntax", Msg: msg, At: i}
		}
		p[i/2] = p[i/2]<<4 | nibble
	}
	return p, nil
}

// IsZero reports whether p is the zero Pseudonym, the one given for the
// zero CitizenID. It lets a JSON field tagged omitzero be left out.
func (p Pseudonym) IsZero() bool { return p == Pseudonym{} }

// String returns p as 64 lower-case hexadecimal digits.
func (p Pseudonym) String() string {
	var b [2 * sha256.Size]byte
	return string(p.AppendTo(b[:0]))
}

// AppendTo appends p as 64 lower-case hexadecimal digits to b and returns
// the extended buffer.
func (p Pseudonym) AppendTo(b []byte) []byte { return hex.AppendEncode(b, p[:]) }

// MarshalText implements encoding.TextMarshaler with the form of String.
func (p Pseudonym) MarshalText() ([]byte, error) {
	return p.AppendTo(make([]byte, 0, 2*len(p))), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParsePseudonym.
// Empty text gives the zero Pseudonym.
func (p *Pseudonym) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = Pseudonym{}
		return nil
	}
	var err error
	*p, err = ParsePseudonym(string(text))
	return err
}
