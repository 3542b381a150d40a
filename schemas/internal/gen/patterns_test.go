package main

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// The patterns must accept exactly the ASCII text that the Go parsers
// accept, except for the rules listed as Go's alone. These tests compare
// the two on exhaustive or random inputs.

// agree compares pattern and parse on s; goOnly says whether a rejection
// by parse is one the pattern is not meant to express.
func agree(t *testing.T, re *regexp.Regexp, s string, parse func(string) error, goOnly func(string, error) bool) {
	t.Helper()
	err := parse(s)
	match := re.MatchString(s)
	switch {
	case err == nil && !match:
		t.Errorf("%q: Go accepts, pattern rejects", s)
	case err != nil && match && !goOnly(s, err):
		t.Errorf("%q: Go rejects (%v), pattern accepts", s, err)
	}
}

func never(string, error) bool { return false }

func codeIs(codes ...string) func(string, error) bool {
	return func(_ string, err error) bool {
		pe, ok := err.(*healthedu.ParseError)
		if !ok {
			return false
		}
		for _, c := range codes {
			if pe.Code == c {
				return true
			}
		}
		return false
	}
}

func TestDivisionPattern(t *testing.T) {
	re := regexp.MustCompile(divisionPattern)
	parse := func(s string) error { _, err := healthedu.ParseDivisionCode(s); return err }
	// Every code of 2 and 4 digits, and the boundaries of each part for 6,
	// 9 and 12.
	for n := range 10000 {
		agree(t, re, fmt.Sprintf("%02d", n%100), parse, never)
		agree(t, re, fmt.Sprintf("%04d", n), parse, never)
	}
	parts2 := []string{"00", "01", "09", "10", "15", "99"}
	parts3 := []string{"000", "001", "099", "100", "399", "400", "599", "600", "999"}
	for _, p := range []string{"10", "11", "37", "44", "83", "90"} {
		for _, c := range parts2 {
			for _, d := range parts2 {
				agree(t, re, p+c+d, parse, never)
				for _, tw := range parts3 {
					agree(t, re, p+c+d+tw, parse, never)
					for _, v := range parts3 {
						agree(t, re, p+c+d+tw+v, parse, never)
					}
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		agree(t, re, randomString(r, "0123456789", 1+r.IntN(13)), parse, never)
	}
	for _, s := range []string{"", " 37", "37 ", "3a", "３７", "371502001000\n"} {
		if re.MatchString(s) {
			t.Errorf("%q: pattern accepts", s)
		}
	}
}

func TestCitizenIDPattern(t *testing.T) {
	re := regexp.MustCompile(citizenIDPattern)
	parse := func(s string) error { _, err := healthedu.ParseCitizenID(s); return err }
	// The pattern checks the shape only.
	goOnly := codeIs("citizenId.checksum", "citizenId.area", "citizenId.birthDate")
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := randomString(r, "0123456789", 14+r.IntN(5))
		if r.IntN(3) == 0 {
			s = s[:len(s)-1] + string("Xx1 "[r.IntN(4)])
		}
		agree(t, re, s, parse, goOnly)
	}
	for _, s := range []string{"11010519491231002X", "11010519491231002x", "110105491231002", "110105194912310021"} {
		agree(t, re, s, parse, goOnly)
	}
}

func TestCreditCodePattern(t *testing.T) {
	re := regexp.MustCompile(creditCodePattern)
	parse := func(s string) error { _, err := healthedu.ParseCreditCode(s); return err }
	goOnly := codeIs("creditCode.checksum")
	const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		// Mostly well-formed bodies with the right check character, so
		// that the structure rules are what is tested.
		alphabet := charset
		if r.IntN(10) == 0 {
			alphabet = charset + "abcxyzIOSVZ-"
		}
		body := randomString(r, alphabet, 17)
		if r.IntN(2) == 0 {
			body = body[:2] + randomString(r, "0123456789", 6) + body[8:]
		}
		agree(t, re, body+creditCheck(body), parse, goOnly)
	}
	agree(t, re, "91350100M000100Y43", parse, goOnly)
	agree(t, re, "91350100m000100y43", parse, goOnly)
}

// creditCheck returns the GB 32100 check character of body, or "?" when
// body holds a character outside the charset.
func creditCheck(body string) string {
	const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i, c := range strings.ToUpper(body) {
		v := strings.IndexRune(charset, c)
		if v < 0 {
			return "?"
		}
		sum += v * weights[i]
	}
	return string(charset[(31-sum%31)%31])
}

func TestPeriodPattern(t *testing.T) {
	re := regexp.MustCompile(periodPattern)
	parse := func(s string) error { _, err := healthedu.ParsePeriod(s); return err }
	// 29 February of a common year and week 53 of a year with 52 weeks.
	goOnly := func(s string, err error) bool {
		return codeIs("period.range")(s, err) && (strings.HasSuffix(s, "0229") || strings.HasSuffix(strings.ToUpper(s), "W53"))
	}
	for _, y := range []string{"0000", "1899", "1900", "2024", "2025", "2026", "2100", "9999"} {
		agree(t, re, y, parse, goOnly)
		for _, suffix := range []string{"S0", "S1", "S2", "S3", "s1", "Q0", "Q1", "Q4", "Q5", "q3", "X1", "S", "Q", "W",
			"W0", "W00", "W1", "W01", "W9", "W09", "W10", "W52", "W53", "W54", "W60", "w1", "W001", "W1a"} {
			agree(t, re, y+suffix, parse, goOnly)
		}
		for m := range 14 {
			agree(t, re, fmt.Sprintf("%s%02d", y, m), parse, goOnly)
			for _, suffix := range []string{"B", "b", "B1", "BB", "X", "S1"} {
				agree(t, re, fmt.Sprintf("%s%02d%s", y, m, suffix), parse, goOnly)
			}
			for d := range 33 {
				agree(t, re, fmt.Sprintf("%s%02d%02d", y, m, d), parse, goOnly)
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		agree(t, re, randomString(r, "0123456789SQWBsqwb", 4+r.IntN(5)), parse, goOnly)
	}
}

func TestDatePattern(t *testing.T) {
	re := regexp.MustCompile(datePattern)
	parse := func(s string) error { _, err := healthedu.ParseDate(s); return err }
	// The pattern leaves the days a month lacks to format "date".
	goOnly := func(s string, err error) bool {
		_, terr := time.Parse(time.DateOnly, s)
		return codeIs("date.range")(s, err) && terr != nil
	}
	for _, y := range []string{"0000", "0001", "0010", "0100", "1000", "2024", "2025", "9999"} {
		for m := range 14 {
			for d := range 33 {
				agree(t, re, fmt.Sprintf("%s-%02d-%02d", y, m, d), parse, goOnly)
			}
		}
	}
	for _, s := range []string{"2025-1-01", "2025/10/17", "20251017", "2025-10-17T00:00:00Z", " 2025-10-17"} {
		agree(t, re, s, parse, goOnly)
	}
}

func TestMobilePattern(t *testing.T) {
	re := regexp.MustCompile(mobilePattern)
	parse := func(s string) error { _, err := healthedu.ParseMobile(s); return err }
	r := rand.New(rand.NewPCG(9, 10))
	prefixes := []string{"", "", "+86", "+86 ", "86", "0086", "+8 6", "+ 86", "+1", "0-0-8-6-", "+"}
	for range 50000 {
		n := "1" + randomString(r, "0123456789", 10)
		var b strings.Builder
		b.WriteString(prefixes[r.IntN(len(prefixes))])
		for i := range len(n) {
			b.WriteByte(n[i])
			if r.IntN(6) == 0 {
				b.WriteByte(" --"[r.IntN(3)])
				if r.IntN(8) == 0 {
					b.WriteByte(' ')
				}
			}
		}
		s := b.String()
		if r.IntN(10) == 0 {
			s = s[:len(s)-1]
		}
		agree(t, re, s, parse, never)
	}
}

func TestPseudonymPattern(t *testing.T) {
	re := regexp.MustCompile(pseudonymPattern)
	parse := func(s string) error { _, err := healthedu.ParsePseudonym(s); return err }
	r := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		agree(t, re, randomString(r, "0123456789abcdefABCDEFg", 62+r.IntN(4)), parse, never)
	}
}

func randomString(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}
