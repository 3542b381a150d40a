package healthedu

import (
	"cmp"
	"errors"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A DivisionCode is a statistical division code (统计用区划代码) of the
// National Bureau of Statistics: 12 digits, read as 2 for the province (省级),
// 2 for the city (地级), 2 for the county (县级), 3 for the township (乡级:
// 街道、镇、乡) and 3 for the village (村级: 居委会、村委会). 聊城市 is
// 371500000000, 东昌府区 371502000000, 古楼街道 371502001000.
//
// Like [net/netip.Addr], a DivisionCode is a small comparable value: use it
// with == and as a map key. Its zero value is not a code; [DivisionCode.IsValid]
// reports false for it, and every DivisionCode obtained from
// [ParseDivisionCode] is valid. Level, parent and containment follow from the
// digits alone; whether a code exists is a question for a [Registry].
type DivisionCode struct {
	n uint64 // the 12 digits read as a number; 0 for the zero DivisionCode
}

// A DivisionLevel is the level (级别) of a division in the national hierarchy.
// The zero DivisionLevel is not a level; it is the level of the zero
// [DivisionCode].
type DivisionLevel uint8

// The levels of the statistical division scheme, from the highest.
const (
	LevelProvince DivisionLevel = 1 + iota // province-level (省级): province, autonomous region, municipality
	LevelCity                              // prefecture-level (地级): city, prefecture, autonomous prefecture, league
	LevelCounty                            // county-level (县级): district, county, county-level city, banner
	LevelTownship                          // township-level (乡级): subdistrict 街道, town 镇, township 乡
	LevelVillage                           // village-level (村级): residents' committee 居委会, villagers' committee 村委会
)

// divisionLevels holds, for each level, its name and the number of leading
// digits that identify a division at that level.
var divisionLevels = [...]struct {
	name   string
	digits int
}{
	LevelProvince: {"province", 2},
	LevelCity:     {"city", 4},
	LevelCounty:   {"county", 6},
	LevelTownship: {"township", 9},
	LevelVillage:  {"village", 12},
}

// divisionPow10 holds the powers of ten up to 10¹².
var divisionPow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12}

func (l DivisionLevel) valid() bool { return l >= LevelProvince && l <= LevelVillage }

// span is the number of 12-digit codes that share a prefix of l's digits:
// a division at level l and all it contains lie in [code, code+span).
func (l DivisionLevel) span() uint64 { return divisionPow10[12-divisionLevels[l].digits] }

// String returns the level's name: "province", "city", "county", "township"
// or "village"; for any other value, "DivisionLevel(n)".
func (l DivisionLevel) String() string {
	if !l.valid() {
		return "DivisionLevel(" + strconv.Itoa(int(l)) + ")"
	}
	return divisionLevels[l].name
}

// MarshalText implements [encoding.TextMarshaler] with the level's name. It
// fails for a value that is not a level.
func (l DivisionLevel) MarshalText() ([]byte, error) {
	if !l.valid() {
		return nil, errors.New("healthedu: " + l.String() + " is not a division level")
	}
	return []byte(divisionLevels[l].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]: it accepts the names
// that [DivisionLevel.String] returns for the five levels.
func (l *DivisionLevel) UnmarshalText(text []byte) error {
	for lv := LevelProvince; lv <= LevelVillage; lv++ {
		if string(text) == divisionLevels[lv].name {
			*l = lv
			return nil
		}
	}
	return &ParseError{
		Func:  "DivisionLevel.UnmarshalText",
		Input: string(text),
		Code:  "division.level",
		Msg:   "unknown division level; want province, city, county, township or village",
		At:    -1,
	}
}

// divisionMaxInput is the longest input that can hold a code: 12 full-width
// digits of 3 bytes each.
const divisionMaxInput = 12 * 3

// ParseDivisionCode parses a statistical division code (统计用区划代码) of 2,
// 4, 6, 9 or 12 digits — "37", "3715", "371502", "371502001",
// "371502001000" — and pads the shorter forms with zeros. Full-width digits
// ("３７１５") are read as their ASCII forms; nothing else is accepted, not
// even surrounding spaces.
//
// Besides its length, the code must follow the rules of the national scheme:
// the first two digits name a province (11–15, 21–23, 31–37, 41–46, 50–54,
// 61–65, 71, 81, 82); a part that is not zero lies under parts that are not
// zero, except that a township may lie directly under a city whose county
// part is 00 (东莞市 441900003 东城街道); a township is numbered 001–599
// (001–099 街道, 100–199 镇, 200–399 乡, 400–599 乡级类似单位) and a village
// 001–599 (001–199 居委会, 200–399 村委会, 400–599 村级类似单位).
//
// The error is a *[ParseError] with Func "ParseDivisionCode" and Code
// "division.syntax" (a character other than a digit, located by At),
// "division.length" (a count of digits other than 2, 4, 6, 9 or 12) or
// "division.structure" (a rule of the scheme broken, located by At).
// Parsing a valid code does not allocate.
func ParseDivisionCode(s string) (DivisionCode, error) {
	if len(s) > divisionMaxInput {
		return DivisionCode{}, divisionSyntaxOrLengthError(s)
	}
	var buf [divisionMaxInput]byte
	d, ok := foldFullWidth(buf[:0], s)
	if !ok {
		return DivisionCode{}, divisionSyntaxOrLengthError(s)
	}
	var n uint64
	for _, b := range d {
		if b < '0' || b > '9' {
			return DivisionCode{}, divisionSyntaxOrLengthError(s)
		}
		n = n*10 + uint64(b-'0')
	}
	switch len(d) {
	case 2, 4, 6, 9, 12:
	default:
		return DivisionCode{}, divisionLengthError(s, len(d))
	}
	n *= divisionPow10[12-len(d)]
	if msg, at := divisionCheckStructure(n); msg != "" {
		return DivisionCode{}, &ParseError{
			Func:  "ParseDivisionCode",
			Input: strings.Clone(s),
			Code:  "division.structure",
			Msg:   msg,
			At:    divisionDigitOffset(s, at),
		}
	}
	return DivisionCode{n}, nil
}

// MustParseDivisionCode is like [ParseDivisionCode] but panics if s is not a
// valid code. It is meant for constants in tests and examples, never for
// input.
func MustParseDivisionCode(s string) DivisionCode {
	c, err := ParseDivisionCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// divisionSyntaxOrLengthError explains why s, which holds a character other
// than a digit or too many characters to be a code, is not one: the first
// character that is not a digit (ASCII or full-width), or else the count of
// digits.
func divisionSyntaxOrLengthError(s string) *ParseError {
	digits := 0
	for i, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			digits++
			continue
		}
		msg := "unexpected character " + strconv.QuoteRune(r)
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				msg = "invalid UTF-8"
			}
		}
		return &ParseError{Func: "ParseDivisionCode", Input: strings.Clone(s), Code: "division.syntax", Msg: msg, At: i}
	}
	return divisionLengthError(s, digits)
}

func divisionLengthError(s string, digits int) *ParseError {
	msg := strconv.Itoa(digits) + " digits; want 2, 4, 6, 9 or 12"
	if digits == 0 {
		msg = "empty; want 2, 4, 6, 9 or 12 digits"
	}
	return &ParseError{Func: "ParseDivisionCode", Input: strings.Clone(s), Code: "division.length", Msg: msg, At: -1}
}

// divisionDigitOffset returns the byte offset in s of its i-th digit. Every
// character of a code that parsed up to its structure is one digit, ASCII or
// full-width.
func divisionDigitOffset(s string, i int) int {
	k := 0
	for off := range s {
		if k == i {
			return off
		}
		k++
	}
	return len(s)
}

// divisionProvinces marks the province codes (省级代码) of the national
// scheme.
var divisionProvinces = func() (p [100]bool) {
	for _, r := range [][2]int{{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 82}} {
		for c := r[0]; c <= r[1]; c++ {
			p[c] = true
		}
	}
	return p
}()

// divisionCheckStructure checks the 12-digit code n against the rules of
// the national scheme. For a code that breaks one it returns what is wrong
// and the index of the first digit of the part at fault.
func divisionCheckStructure(n uint64) (msg string, at int) {
	province := n / 1e10
	city := n / 1e8 % 100
	county := n / 1e6 % 100
	township := n / 1e3 % 1000
	village := n % 1000
	switch {
	case !divisionProvinces[province]:
		return "no province has code " + divisionDigits(province, 2) +
			"; provinces are 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81 and 82", 0
	case city == 0 && county != 0:
		return "county " + divisionDigits(county, 2) + " under city 00", 4
	case city == 0 && township != 0:
		return "township " + divisionDigits(township, 3) + " under city 00", 6
	case township == 0 && village != 0:
		return "village " + divisionDigits(village, 3) + " under township 000", 9
	case township > 599:
		return "township number " + divisionDigits(township, 3) +
			" out of range; want 001–099 (街道), 100–199 (镇), 200–399 (乡) or 400–599 (乡级类似单位)", 6
	case village > 599:
		return "village number " + divisionDigits(village, 3) +
			" out of range; want 001–199 (居委会), 200–399 (村委会) or 400–599 (村级类似单位)", 9
	}
	return "", 0
}

// divisionDigits formats v with width digits, zero-padded; for error
// messages only.
func divisionDigits(v uint64, width int) string {
	s := strconv.FormatUint(v, 10)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// IsValid reports whether c is a division code, that is, not the zero
// DivisionCode.
func (c DivisionCode) IsValid() bool { return c.n != 0 }

// Level returns the level of the division that c names: the level of its
// lowest part that is not zero. 371500000000 is a city, 441900003000 a
// township. The zero DivisionCode has level 0, which is not a level.
func (c DivisionCode) Level() DivisionLevel {
	switch {
	case c.n == 0:
		return 0
	case c.n%1e3 != 0:
		return LevelVillage
	case c.n%1e6 != 0:
		return LevelTownship
	case c.n%1e8 != 0:
		return LevelCounty
	case c.n%1e10 != 0:
		return LevelCity
	}
	return LevelProvince
}

// Parent returns the division directly above c, the code with c's lowest
// non-zero part set to zero, and true; for a province or the zero
// DivisionCode it returns the zero DivisionCode and false. The parent of
// 371502001000 古楼街道 is 371502000000 东昌府区; the parent of 441900003000
// 东城街道 is the city 441900000000 东莞市, which has no counties.
func (c DivisionCode) Parent() (DivisionCode, bool) {
	l := c.Level()
	if l <= LevelProvince {
		return DivisionCode{}, false
	}
	return c.Truncate(l - 1), true
}

// Truncate returns c with the parts below level l set to zero: c's ancestor
// at level l, or c itself when c is at level l or above. A code whose county
// part is 00 has no county: truncated to [LevelCounty] it gives its city.
// For a level that is not one of the five, Truncate returns the zero
// DivisionCode.
func (c DivisionCode) Truncate(l DivisionLevel) DivisionCode {
	if !l.valid() {
		return DivisionCode{}
	}
	return DivisionCode{c.n - c.n%l.span()}
}

// Ancestors returns an iterator over the divisions that contain c, from its
// province down to its parent; c itself is not among them. For 371502001000
// it yields 370000000000, 371500000000 and 371502000000.
func (c DivisionCode) Ancestors() iter.Seq[DivisionCode] {
	return func(yield func(DivisionCode) bool) {
		var prev DivisionCode
		for l, own := LevelProvince, c.Level(); l < own; l++ {
			a := c.Truncate(l)
			if a == prev { // no division at this level, as for 东莞's townships
				continue
			}
			if !yield(a) {
				return
			}
			prev = a
		}
	}
}

// Contains reports whether the division c contains the division other:
// whether other is c or lies under it, its digits starting with those of c
// at c's level. 371500000000 contains 371502001000; every valid code contains
// itself; the zero DivisionCode contains nothing and is contained in nothing.
func (c DivisionCode) Contains(other DivisionCode) bool {
	return c.IsValid() && other.IsValid() && other.Truncate(c.Level()) == c
}

// Common returns the smallest division that contains both c and other
// (最小公共上级区划) and true: c when c contains other, other when other
// contains c, else their deepest common ancestor. The divisions 371502001003
// and 371502001005 have 371502001000 古楼街道 in common, 371502001003 and
// 371521100001 371500000000 聊城市. When they lie in two provinces, or
// either is the zero DivisionCode, it returns the zero DivisionCode and
// false. Common(a, b) and Common(b, a) are the same, so the division
// holding every code of a list is found by folding Common over it, in any
// order.
func (c DivisionCode) Common(other DivisionCode) (DivisionCode, bool) {
	if !other.IsValid() {
		return DivisionCode{}, false
	}
	for a := c; a.IsValid(); a, _ = a.Parent() {
		if a.Contains(other) {
			return a, true
		}
	}
	return DivisionCode{}, false
}

// Compare returns an integer comparing c and other: -1 if c sorts before
// other, 0 if they are equal, +1 if c sorts after. Codes sort by their 12
// digits, so a division sorts before the divisions it contains, and those
// before the next division of its level. The zero DivisionCode sorts first.
func (c DivisionCode) Compare(other DivisionCode) int { return cmp.Compare(c.n, other.n) }

// String returns c as 12 digits, e.g. "371502001000"; for the zero
// DivisionCode it returns "invalid DivisionCode".
func (c DivisionCode) String() string {
	if !c.IsValid() {
		return "invalid DivisionCode"
	}
	var buf [12]byte
	return string(c.AppendTo(buf[:0]))
}

// Short returns c in the shortest form for its level: 2 digits for a
// province, 4 for a city, 6 for a county, 9 for a township and 12 for a
// village ("37", "3715", "371502", "371502001"). [ParseDivisionCode] reads it
// back to c. For the zero DivisionCode it returns "invalid DivisionCode".
func (c DivisionCode) Short() string {
	if !c.IsValid() {
		return "invalid DivisionCode"
	}
	var buf [12]byte
	return string(c.AppendTo(buf[:0])[:divisionLevels[c.Level()].digits])
}

// AppendTo appends the 12-digit form of c, as returned by
// [DivisionCode.String], to b and returns the extended buffer. For the zero
// DivisionCode it appends nothing.
func (c DivisionCode) AppendTo(b []byte) []byte {
	if !c.IsValid() {
		return b
	}
	var buf [12]byte
	n := c.n
	for i := len(buf) - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, buf[:]...)
}

// AppendText implements [encoding.TextAppender]: it appends the 12-digit
// form of c, or nothing for the zero DivisionCode.
func (c DivisionCode) AppendText(b []byte) ([]byte, error) { return c.AppendTo(b), nil }

// MarshalText implements [encoding.TextMarshaler]: the 12-digit form of c,
// or empty text for the zero DivisionCode.
func (c DivisionCode) MarshalText() ([]byte, error) { return c.AppendText(make([]byte, 0, 12)) }

// UnmarshalText implements [encoding.TextUnmarshaler]. It accepts every form
// that [ParseDivisionCode] does, and empty text as the zero DivisionCode.
func (c *DivisionCode) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = DivisionCode{}
		return nil
	}
	v, err := ParseDivisionCode(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
