package dashboard

import (
	"strconv"
	"strings"
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

// groupDecimal writes a decimal string as the API wrote it ("45680",
// "-1234.5") with the digits of its integer part in groups of three
// ("45,680", "-1,234.5"), as the pages show figures; anything that is not a
// plain decimal number is returned as it is.
func groupDecimal(s string) string {
	if !isDecimal(s) {
		return s
	}
	sign, rest := "", s
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		sign, rest = rest[:1], rest[1:]
	}
	whole, frac, hasFrac := strings.Cut(rest, ".")
	if len(whole) <= 3 {
		return s
	}
	var b strings.Builder
	b.WriteString(sign)
	first := len(whole) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(whole[:first])
	for i := first; i < len(whole); i += 3 {
		b.WriteByte(',')
		b.WriteString(whole[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// isDecimal reports whether s is a plain decimal number: an optional
// sign, digits, and optionally a point and more digits.
func isDecimal(s string) bool {
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	return whole != "" && allDigits(whole) && (!hasFrac || frac != "" && allDigits(frac))
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// signed writes a change with its sign: "+3.50", "-4.00", "0.00", digits
// grouped.
func signed(s string) string {
	if !isDecimal(s) || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") || strings.Trim(s, "0.") == "" {
		return groupDecimal(s)
	}
	return "+" + groupDecimal(s)
}
