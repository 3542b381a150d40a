package jsonwire

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	for _, s := range []string{
		"2025-10-17T09:30:00+08:00",
		"2025-10-17t09:30:00z",
		"2025-10-17T09:30:00.5-03:30",
		"2024-02-29T23:59:59.123456789123Z",
		"0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59+23:59",
	} {
		got, ok := parseTime([]byte(s))
		want, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
		if !ok || err != nil || !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, err)
		}
		_, offset := got.Zone()
		if _, wantOffset := want.Zone(); offset != wantOffset {
			t.Errorf("parseTime(%q) offset %d, want %d", s, offset, wantOffset)
		}
	}
	for _, s := range []string{
		"", "2025-10-17", "2025-10-17T09:30:00", "2025-10-17T09:30+08:00", "2025-10-17T09:30:00+0800",
		"2025-10-17T09:30:00+08", "2025-10-17T24:00:00Z", "2025-10-17T09:60:00Z", "2025-10-17T09:30:60Z",
		"2025-13-17T09:30:00Z", "2025-00-17T09:30:00Z", "2025-02-29T09:30:00Z", "2025-10-17T09:30:00.Z",
		"2025-10-17T09:30:00+24:00", "2025-10-17T09:30:00Zx", "２０２５-10-17T09:30:00Z", "+2025-10-17T09:30:00Z",
	} {
		if got, ok := parseTime([]byte(s)); ok {
			t.Errorf("parseTime(%q) = %v, want failure", s, got)
		}
	}
	if n := testing.AllocsPerRun(100, func() { parseTime([]byte("2025-10-17T09:30:00+08:00")) }); n != 0 {
		t.Errorf("parseTime allocates %v times", n)
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"-0", 0, true}, {"86", 86, true}, {"-86", -86, true},
		{"86.0", 86, true}, {"8.6e1", 86, true}, {"860e-1", 86, true}, {"0.0e5", 0, true}, {"0e-99999999999", 0, true},
		{"9223372036854775807", math.MaxInt64, true}, {"-9223372036854775808", math.MinInt64, true},
		{"9223372036854775808", 0, false}, {"-9223372036854775809", 0, false},
		{"86.5", 0, false}, {"1e-1", 0, false}, {"1e19", 0, false}, {"1e999999999999", 0, false}, {"1.00000000000000000001", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseInt([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPattern(t *testing.T) {
	tests := []struct {
		pattern string
		simple  bool
		in      []string
		match   []bool
	}{
		{`^[0-9A-Za-z][0-9A-Za-z._:-]*$`, true, []string{"a", "LC-1", "", "-a", "a b", "a/b", "讲"}, []bool{true, true, false, false, false, false, false}},
		{`^ab[cd]+$`, true, []string{"abc", "abcdd", "ab", "abe", "xabc"}, []bool{true, true, false, false, false}},
		{`^[0-9]{3}$`, true, []string{"123", "12", "1234"}, []bool{true, false, false}},
		{`^[a-z0-9]+(-[a-z0-9]+)*$`, false, []string{"a-b", "a--b", "-a"}, []bool{true, false, false}},
		{`[0-9]`, false, []string{"a1", "a"}, []bool{true, false}},
		{`^(?i)ab$`, false, []string{"AB", "ab", "ac"}, []bool{true, true, false}},
		{`^讲座$`, false, []string{"讲座", "讲"}, []bool{true, false}},
	}
	for _, tt := range tests {
		p := compilePattern(tt.pattern)
		if p.simple != tt.simple {
			t.Errorf("%s: simple = %v, want %v", tt.pattern, p.simple, tt.simple)
		}
		for i, s := range tt.in {
			if got := p.match([]byte(s)); got != tt.match[i] || got != p.re.MatchString(s) {
				t.Errorf("%s: match(%q) = %v, want %v", tt.pattern, s, got, tt.match[i])
			}
		}
	}
}
