package healthedu

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// Synthetic citizen ID numbers of 聊城's county number 99, which was never
// assigned: no real person holds them.
var (
	redactID       = redactTestID("37159919800101007") // 371599198001010076
	redactIDX      = redactTestID("37159919800101005") // 37159919800101005X
	redactID84     = redactTestID("37159919800101008") // 371599198001010084
	redactLegacy   = "371599800101007"                 // the legacy form of redactID
	redactMasked   = "3715**********0076"
	redactMaskedX  = "3715**********005X"
	redactMasked84 = "3715**********0084"
)

// redactTestID appends the check character to a 17-digit body.
func redactTestID(body string) string {
	c, ok := checkchar.CitizenID(body)
	if !ok {
		panic("redactTestID: " + body + " is not 17 digits")
	}
	return body + string(c)
}

// redactFullWidth returns s with its ASCII digits and letters in their
// full-width forms.
func redactFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' {
			r += 0xFF01 - 0x21
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestRedactTestIDs(t *testing.T) {
	for _, s := range []string{redactID, redactIDX, redactID84, redactLegacy} {
		if _, err := ParseCitizenID(s); err != nil {
			t.Errorf("test number %s: %v", s, err)
		}
	}
	if want := "37159919800101005X"; redactIDX != want {
		t.Errorf("redactIDX = %s, want %s", redactIDX, want)
	}
}

func TestRedactCitizenIDs(t *testing.T) {
	wrongCheck := redactID[:17] + "1"
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"no numbers", "no numbers here", "no numbers here"},
		{"the standard's example", "11010519491231002X", "1101**********002X"},
		{"lower-case x between punctuation", "id=11010519491231002x;", "id=1101**********002X;"},
		{"alone", redactID, redactMasked},
		{"ending in X", redactIDX, redactMaskedX},
		{"legacy", "old " + redactLegacy + " form", "old " + redactMasked + " form"},
		{"two", "two: " + redactID + ", " + redactIDX, "two: " + redactMasked + ", " + redactMaskedX},
		{"wrong check character", "wrong check " + wrongCheck + " stays", "wrong check " + wrongCheck + " stays"},
		{"a division code", "371502001000", "371502001000"},
		{"CJK around", "活动对象" + redactID + "。", "活动对象" + redactMasked + "。"},

		// Letters at the edges.
		{"a letter before", "x" + redactID, "x" + redactMasked},
		{"a letter after", redactID84 + "x", redactMasked84 + "x"},
		{"编号X before", "编号X" + redactID, "编号X" + redactMasked},
		{"letters around", "abc" + redactID + "def", "abc" + redactMasked + "def"},
		{"letters around X", "ID" + redactIDX + "Y", "ID" + redactMaskedX + "Y"},
		{"a letter before a legacy number", "x" + redactLegacy, "x" + redactMasked},
		{"a letter after a legacy number", redactLegacy + "x", redactMasked + "x"},
		{"full-width X before", "编号Ｘ" + redactID, "编号Ｘ" + redactMasked},

		// Digits glued on: an 18-character number is masked.
		{"a digit before", "9" + redactID, "9" + redactMasked},
		{"digits after", redactID + "1234", redactMasked + "1234"},
		{"digits around", "20251017" + redactID + "0001", "20251017" + redactMasked + "0001"},
		{"the old test's longer run", "part of a longer run 911010519491231002X", "part of a longer run 91101**********002X"},
		{"a legacy number glued to digits stays", "9" + redactLegacy, "9" + redactLegacy},
		{"a legacy number with a digit after stays", redactLegacy + "9", redactLegacy + "9"},
		{"born in 2100, glued to digits, stays", "0" + redactTestID("37159921000101007"), "0" + redactTestID("37159921000101007")},
		{"born in 2100, alone, is masked", redactTestID("37159921000101007"), "3715**********007" + redactTestID("37159921000101007")[17:]},

		// Full-width digits.
		{"full-width", redactFullWidth(redactID), redactMasked},
		{"full-width X", redactFullWidth(redactIDX), redactMaskedX},
		{"full-width legacy", "旧号" + redactFullWidth(redactLegacy), "旧号" + redactMasked},
		{"mixed widths", redactFullWidth(redactID[:9]) + redactID[9:], redactMasked},

		// Groupings.
		{"6-8-4 with spaces", "371599 19800101 0076", redactMasked},
		{"6-8-4 with hyphens", "ID: 371599-19800101-0076.", "ID: " + redactMasked + "."},
		{"6-8-4 with dots", "371599.19800101.0076", redactMasked},
		{"6-4-4-4", "371599 1980 0101 0076", redactMasked},
		{"6-4-2-2-4", "371599 1980 01 01 0076", redactMasked},
		{"3-3-4-4-4", "371 599 1980 0101 0076", redactMasked},
		{"check character apart", "37159919800101007 6", redactMasked},
		{"in fours", "3715 9919 8001 0100 76", redactMasked},
		{"ideographic spaces", "371599\u300019800101\u30000076", redactMasked},
		{"full-width hyphens and digits", redactFullWidth("371599") + "－" + redactFullWidth("19800101") + "－" + redactFullWidth("0076"), redactMasked},
		{"spaced hyphens", "371599 - 19800101 - 0076", redactMasked},
		{"tabs", "371599\t19800101\t0076", redactMasked},
		{"no-break spaces", "371599\u00a019800101\u00a00076", redactMasked},
		{"grouped X", "371599 19800101 005X", redactMaskedX},
		{"grouped, letters around", "身份证号371599 19800101 0076号", "身份证号" + redactMasked + "号"},
		{"grouped, a count before", "共2人 371599 19800101 0076", "共2人 " + redactMasked},
		{"legacy 6-6-3", "371599 800101 007", redactMasked},
		{"legacy 6-2-2-2-3", "371599-80-01-01-007", redactMasked},
		{"four separators is too many", "371599    19800101 0076", "371599    19800101 0076"},
		{"a separator out of place", "3715991 9800101 0076", "3715991 9800101 0076"},
		{"a legacy separator out of place", "3715998 00101007", "3715998 00101007"},
		{"a line break is no separator", "371599\n19800101\n0076", "371599\n19800101\n0076"},

		// Text that only looks like numbers.
		{"a timestamp", "2025-10-17T09:30:00+08:00", "2025-10-17T09:30:00+08:00"},
		{"an identifier with digits", "record-371502001-2025-0042", "record-371502001-2025-0042"},
		{"a long run of digits", "0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789"},
		{"a masked number", redactMasked, redactMasked},
		{"a masked number with digits glued", "12" + redactMasked + "34", "12" + redactMasked + "34"},
		{"markdown bold", "**" + redactID + "**", "**" + redactMasked + "**"},
		{"bold legacy", "**" + redactLegacy + "**", "**" + redactMasked + "**"},
		{"invalid UTF-8 around", "\xff" + redactID + "\xfe", "\xff" + redactMasked + "\xfe"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, RedactCitizenIDs(tt.in)); diff != "" {
			t.Errorf("%s: RedactCitizenIDs(%q) (-want +got):\n%s", tt.name, tt.in, diff)
		}
	}
}

// TestRedactOverlapping checks a stretch in which two candidates
// overlap: the whole stretch is masked, and no 18 digits of either
// survive.
func TestRedactOverlapping(t *testing.T) {
	// Find 20 digits of which the first 18 and the last 18 are both
	// numbers: 371599 1920 01 dd sss c, whose last 18 are 1599 1920 01dd
	// sss c ee, born on 2001-dd-ss.
	var in string
	for seq := 0; seq < 100000 && in == ""; seq++ {
		first := redactTestID(fmt.Sprintf("3715991920%02d%02d%03d", 1+seq%12, 1+seq/12%28, seq%1000))
		for e := 0; e < 100; e++ {
			s := first + fmt.Sprintf("%02d", e)
			if _, err := ParseCitizenID(s[2:]); err == nil {
				in = s
				break
			}
		}
	}
	if in == "" {
		t.Fatal("no overlapping candidates found")
	}
	got := RedactCitizenIDs(in)
	want := in[:4] + strings.Repeat("*", len(in)-8) + in[len(in)-4:]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RedactCitizenIDs(%q) (-want +got):\n%s", in, diff)
	}
	if again := RedactCitizenIDs(got); again != got {
		t.Errorf("redacting %q again gives %q", got, again)
	}
}

func TestRedactCitizenIDsAllocs(t *testing.T) {
	for _, s := range []string{
		"record-371502001-2025-0042",
		"no digits at all",
		"2025-10-17T09:30:00+08:00 ０１２３４５６７８９ 0123456789012345678901234567890123456789",
		"371599 19800101 0075", // a wrong check character
		redactMasked,
	} {
		if n := testing.AllocsPerRun(100, func() { RedactCitizenIDs(s) }); n != 0 {
			t.Errorf("RedactCitizenIDs(%q) allocates %v times with nothing to mask", s, n)
		}
	}
}

func BenchmarkRedactCitizenIDs(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"plain", "submission of record LC-371502-2025-10-0042 from 371502001 accepted in 12ms"},
		{"digits", "2025-10-17T09:30:00+08:00 0123456789012345678901234567890123456789"},
		{"id", "submission of record R-" + redactID + " accepted"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				RedactCitizenIDs(bc.s)
			}
		})
	}
}

// redactFold returns s with full-width digits and X folded to ASCII, x
// upper-cased, and everything but digits, X and asterisks removed: the
// characters of any number in s, ready to be searched for one in clear.
func redactFold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case '０' <= r && r <= '９':
			r = r - '０' + '0'
		case r == 'Ｘ' || r == 'ｘ' || r == 'x':
			r = 'X'
		}
		if '0' <= r && r <= '9' || r == 'X' || r == '*' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// redactWrapSeparators are what the fuzz test puts between groups.
var redactWrapSeparators = []string{" ", "-", ".", "\u3000", "－", "．", "\t", " - ", "\u00a0"}

// redactWrapGroupings are the groupings the fuzz test writes numbers in,
// as the lengths of their groups.
var redactWrapGroupings = [][]int{{18}, {6, 8, 4}, {6, 4, 4, 4}, {6, 4, 2, 2, 4}, {3, 3, 4, 4, 4}, {4, 4, 4, 4, 2}, {17, 1}}

// redactWrapEdges are what the fuzz test glues to numbers.
var redactWrapEdges = []string{"", "x", "X", "Ｘ", "编号", "号", "a", "Z", "9", "12", "0", "*", " ", "-", "：", "，", "身份证", "\xff", "ｘ", "\u3000", "７"}

// redactWrap writes the number id (18 characters, or 15 digits) as fuzz
// input bytes choose: a grouping, a separator, full-width characters, a
// lower-case x, and text before and after. It returns the text and
// whether the number is glued to digits, as RedactCitizenIDs defines it.
func redactWrap(id string, choice []byte, prefix, suffix string) (text string, glued bool) {
	at := 0
	next := func() int {
		if at >= len(choice) {
			return 0
		}
		at++
		return int(choice[at-1])
	}
	groups := redactWrapGroupings[next()%len(redactWrapGroupings)]
	if len(id) == citizenIDLegacyLen {
		groups = [][]int{{15}, {6, 6, 3}, {6, 2, 2, 2, 3}}[next()%3]
	}
	sep := redactWrapSeparators[next()%len(redactWrapSeparators)]
	width := next() // bit k: character k in full width
	width |= next() << 8
	width |= next() << 16
	lower := next()%2 == 1
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(redactWrapEdges[next()%len(redactWrapEdges)])
	glued = redactTestGlued(strings.TrimRight(b.String(), "*"), true)
	k := 0
	for gi, g := range groups {
		if gi > 0 {
			b.WriteString(sep)
		}
		for range g {
			c := rune(id[k])
			if c == 'X' && lower {
				c = 'x'
			}
			if width>>(k%24)&1 == 1 {
				c += 0xFF01 - 0x21
			}
			b.WriteRune(c)
			k++
		}
	}
	end := b.Len()
	b.WriteString(redactWrapEdges[next()%len(redactWrapEdges)])
	b.WriteString(suffix)
	text = b.String()
	glued = glued || redactTestGlued(strings.TrimLeft(text[end:], "*"), false)
	return text, glued
}

// redactTestGlued reports whether s ends (last) or begins (!last) with an
// ASCII or a full-width digit.
func redactTestGlued(s string, last bool) bool {
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return '0' <= r && r <= '9' || '０' <= r && r <= '９'
}

// FuzzRedactCitizenIDs checks, for any text, that redacting twice changes
// nothing more than redacting once and that text without a number comes
// back unchanged; and, for a valid number of 371599 built from the input
// and wrapped in it — with letters, digits, CJK or full-width characters
// glued on, in a grouping with separators, in full-width digits — that
// its 18 characters never survive in clear, compared with separators
// removed and widths folded.
func FuzzRedactCitizenIDs(f *testing.F) {
	f.Add("11010519491231002X", uint32(0), []byte{}, "", "")
	f.Add("a110105491231002b", uint32(1), []byte{1, 2, 3}, "a", "b")
	f.Fuzz(func(t *testing.T, s string, seq uint32, choice []byte, prefix, suffix string) {
		got := RedactCitizenIDs(s)
		if again := RedactCitizenIDs(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		if !strings.Contains(got, "*") && got != s {
			t.Fatalf("changed without masking: %q → %q", s, got)
		}
		if got != s && utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("broke UTF-8: %q → %q", s, got)
		}

		// A valid number: 聊城's county 99, a birth date from the seed,
		// a sequence code, its check character.
		r := rand.New(rand.NewPCG(uint64(seq), 11643))
		born := 1900 + r.IntN(200)
		body := fmt.Sprintf("371599%04d%02d%02d%03d", born, 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))
		id := redactTestID(body)
		clear := id
		if seq%5 == 0 && born < 2000 {
			id = id[:6] + id[8:17] // its legacy form
		}
		in, glued := redactWrap(id, choice, prefix, suffix)
		out := RedactCitizenIDs(in)
		if strings.Contains(redactFold(out), clear) {
			t.Fatalf("number %s survives in clear:\n in  %q\n out %q", clear, in, out)
		}
		// A legacy number glued to other digits is left, by design.
		if len(id) == citizenIDLegacyLen && !glued && strings.Contains(redactFold(out), id) {
			t.Fatalf("legacy number %s survives in clear:\n in  %q\n out %q", id, in, out)
		}
	})
}

// TestIssueFromErrorRedacts checks that a citizen ID typed where another
// code belongs does not reach the issue's params in clear, however it is
// written.
func TestIssueFromErrorRedacts(t *testing.T) {
	for _, in := range []string{"11010519491231002X", redactID, "x" + redactID, "371599 19800101 0076", redactFullWidth(redactID)} {
		_, err := ParseDivisionCode(in)
		if err == nil {
			t.Fatalf("ParseDivisionCode(%q) accepted a citizen ID", in)
		}
		is := IssueFromError(fmt.Errorf("row 3: %w", err), "/division")
		value, _ := is.Params["value"].(string)
		if strings.Contains(redactFold(value), redactFold(in)) || !strings.Contains(value, "**********") {
			t.Errorf("IssueFromError(ParseDivisionCode(%q)): value param %q, want the number masked", in, value)
		}
	}
}
