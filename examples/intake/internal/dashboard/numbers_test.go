package dashboard

import (
	"math"
	"math/big"
	"testing"
)

func TestGroupDigits(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {13432, "13,432"}, {3290000, "3,290,000"},
		{-1234567, "-1,234,567"}, {-999, "-999"}, {math.MaxInt64, "9,223,372,036,854,775,807"},
		{math.MinInt64, "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		if got := groupDigits(tt.in); got != tt.want {
			t.Errorf("groupDigits(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPercentText(t *testing.T) {
	tests := []struct {
		num, den int64
		want     string
	}{
		{26, 27, "96.30"}, {24, 27, "88.89"}, {13432, 13932, "96.41"}, {1, 3, "33.33"}, {2, 3, "66.67"},
		{1, 800, "0.13"}, // 0.125 rounds half-up
		{1, 8, "12.50"}, {0, 5, "0.00"}, {5, 5, "100.00"}, {6, 5, "120.00"},
		{1, 0, ""}, {1, -1, ""}, {-1, 2, ""},
		{math.MaxInt64, math.MaxInt64, "100.00"},
	}
	for _, tt := range tests {
		if got := percentText(tt.num, tt.den); got != tt.want {
			t.Errorf("percentText(%d, %d) = %q, want %q", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestGroupDecimal(t *testing.T) {
	tests := []struct{ in, want, signed string }{
		{"0", "0", "0"}, {"96.41", "96.41", "+96.41"}, {"999", "999", "+999"}, {"1000", "1,000", "+1,000"},
		{"45680", "45,680", "+45,680"}, {"287175", "287,175", "+287,175"}, {"5125816.5", "5,125,816.5", "+5,125,816.5"},
		{"-1234.50", "-1,234.50", "-1,234.50"}, {"-4.00", "-4.00", "-4.00"}, {"0.00", "0.00", "0.00"},
		{"+1234", "+1,234", "+1,234"}, {"", "", ""}, {"—", "—", "—"}, {"12a45", "12a45", "12a45"}, {"1234.", "1234.", "1234."},
		{".5", ".5", ".5"}, {"-", "-", "-"},
	}
	for _, tt := range tests {
		if got := groupDecimal(tt.in); got != tt.want {
			t.Errorf("groupDecimal(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := signed(tt.in); got != tt.signed {
			t.Errorf("signed(%q) = %q, want %q", tt.in, got, tt.signed)
		}
	}
}

// percentText returns num / den × 100 rounded half-up (四舍五入) to two
// decimals, as the API writes rates ("96.30"), or "" when den is not
// positive or num is negative: the tests' oracle of a rate the pages show
// as the API wrote it.
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
