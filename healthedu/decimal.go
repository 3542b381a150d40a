package healthedu

import (
	"math/big"
	"strconv"
)

// Decimal is an exact decimal number (定点小数) as a submitter wrote it:
// 13432, 96.41, -3.5. It holds up to 18 significant digits and up to 9
// decimals, so that a reported rate can be compared with its counts without
// binary floating-point error. The zero value is 0.
type Decimal struct {
	units int64 // the value times 10^scale
	scale uint8 // number of decimals, 0–9
}

// decimalMaxScale is the most decimals a Decimal keeps.
const decimalMaxScale = 9

// DecimalFromInt returns n as a Decimal.
func DecimalFromInt(n int64) Decimal { return Decimal{units: n} }

// ParseDecimal parses a decimal number in JSON number syntax: an optional
// minus sign, digits without leading zeros, an optional fraction and an
// optional exponent ("-12", "0.5", "96.41", "1.2e3"). The value must be
// exact within 18 significant digits and 9 decimals.
func ParseDecimal(s string) (Decimal, error) {
	fail := func(msg string, at int) (Decimal, error) {
		return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.syntax", Msg: msg, At: at}
	}
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	start := i
	var units uint64
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if digits > 0 || s[i] != '0' {
			digits++
		}
		units = units*10 + uint64(s[i]-'0')
		i++
		if digits > 18 {
			return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "more than 18 significant digits", At: -1}
		}
	}
	switch {
	case i == start:
		return fail("want a digit", i)
	case i-start > 1 && s[start] == '0':
		return fail("leading zero", start)
	}
	var scale uint8
	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if scale == decimalMaxScale {
				return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "more than 9 decimals", At: i}
			}
			if digits > 0 || s[i] != '0' {
				digits++
			}
			if digits > 18 {
				return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "more than 18 significant digits", At: -1}
			}
			units = units*10 + uint64(s[i]-'0')
			scale++
			i++
		}
		if i == fracStart {
			return fail("want a digit after '.'", i)
		}
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		expStart := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if exp > 100 {
				return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "exponent out of range", At: expStart}
			}
			exp = exp*10 + int(s[i]-'0')
			i++
		}
		if i == expStart {
			return fail("want a digit in the exponent", i)
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(s) {
		return fail("unexpected character "+strconv.QuoteRune(rune(s[i])), i)
	}
	// Apply the exponent by moving the decimal point.
	for ; exp > 0; exp-- {
		if scale > 0 {
			scale--
			continue
		}
		if units > (1<<63-1)/10 {
			return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "value out of range", At: -1}
		}
		units *= 10
	}
	for ; exp < 0; exp++ {
		if scale == decimalMaxScale {
			return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "more than 9 decimals", At: -1}
		}
		scale++
	}
	if units > 1<<63-1 {
		return Decimal{}, &ParseError{Func: "ParseDecimal", Input: s, Code: "decimal.range", Msg: "value out of range", At: -1}
	}
	n := int64(units)
	if neg {
		n = -n
	}
	return Decimal{units: n, scale: scale}, nil
}

// Int64 returns d as an integer and true when d has no fractional part.
func (d Decimal) Int64() (int64, bool) {
	n := d.units
	for s := d.scale; s > 0; s-- {
		if n%10 != 0 {
			return 0, false
		}
		n /= 10
	}
	return n, true
}

// IsInteger reports whether d has no fractional part.
func (d Decimal) IsInteger() bool {
	_, ok := d.Int64()
	return ok
}

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.units < 0:
		return -1
	case d.units > 0:
		return 1
	}
	return 0
}

// Scale returns the number of decimals as written (96.410 has 3).
func (d Decimal) Scale() int { return int(d.scale) }

// Rat returns d as an exact rational number.
func (d Decimal) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil)
	return new(big.Rat).SetFrac(big.NewInt(d.units), den)
}

// Cmp compares d and e exactly, returning -1, 0 or +1. It allocates only
// when bringing both to one scale would overflow 64 bits.
func (d Decimal) Cmp(e Decimal) int {
	a, b := d.units, e.units
	for s := d.scale; s < e.scale; s++ {
		if a > decimalScaleLimit || a < -decimalScaleLimit {
			return d.Rat().Cmp(e.Rat())
		}
		a *= 10
	}
	for s := e.scale; s < d.scale; s++ {
		if b > decimalScaleLimit || b < -decimalScaleLimit {
			return d.Rat().Cmp(e.Rat())
		}
		b *= 10
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// decimalScaleLimit is the largest magnitude that can be multiplied by 10
// without overflowing an int64.
const decimalScaleLimit = (1<<63 - 1) / 10

// String returns d as written, with its scale ("96.41", "-0.50", "7").
func (d Decimal) String() string { return string(d.AppendTo(nil)) }

// AppendTo appends d's text form to b.
func (d Decimal) AppendTo(b []byte) []byte {
	u := uint64(d.units)
	if d.units < 0 {
		b = append(b, '-')
		u = uint64(-d.units)
	}
	var digits [24]byte
	s := strconv.AppendUint(digits[:0], u, 10)
	if d.scale == 0 {
		return append(b, s...)
	}
	for len(s) <= int(d.scale) {
		s = append([]byte{'0'}, s...)
	}
	point := len(s) - int(d.scale)
	b = append(b, s[:point]...)
	b = append(b, '.')
	return append(b, s[point:]...)
}

// MarshalJSON writes d as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return d.AppendTo(nil), nil }

// UnmarshalJSON reads a JSON number (not a string) exactly.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
