package dashboard

import (
	"math/big"
	"strconv"
)

// groupDigits writes n with its digits in groups of three (13432 →
// "13,432"), as the dashboard shows counts in every language.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	if len(s) <= 3 {
		if neg {
			return "-" + s
		}
		return s
	}
	b := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		b = append(b, '-')
	}
	first := len(s) % 3
	if first == 0 {
		first = 3
	}
	b = append(b, s[:first]...)
	for i := first; i < len(s); i += 3 {
		b = append(b, ',')
		b = append(b, s[i:i+3]...)
	}
	return string(b)
}

// percentText returns num / den × 100 rounded half-up (四舍五入) to two
// decimals, as the API writes rates ("96.30"), or "" when den is not
// positive or num is negative.
func percentText(num, den int64) string {
	if den <= 0 || num < 0 {
		return ""
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(num), big.NewInt(10000)), big.NewInt(den))
	// Half-up: ⌊r + ½⌋, for r ≥ 0.
	q := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(r.Num(), big.NewInt(2)), r.Denom()), new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	s := q.String()
	for len(s) < 3 {
		s = "0" + s
	}
	return s[:len(s)-2] + "." + s[len(s)-2:]
}
