package healthedu_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

const creditCodeExample = "91350100M000100Y43"

// creditCodeWithCheck appends the GB 32100 check character to 17
// characters, computed here independently of the package.
func creditCodeWithCheck(s string) string {
	const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	sum, w := 0, 1
	for i := range 17 {
		sum += strings.IndexByte(charset, s[i]) * w
		w = w * 3 % 31
	}
	return s + string(charset[(31-sum%31)%31])
}

type creditCodeFacts struct {
	String, AreaCode, OrganizationCode string
	Authority, Category                byte
}

func TestParseCreditCode(t *testing.T) {
	example := creditCodeFacts{String: creditCodeExample, AreaCode: "350100", OrganizationCode: "M000100Y4", Authority: '9', Category: '1'}
	hospital := creditCodeWithCheck("12371502MB2857261") // a public institution of 东昌府区
	national := creditCodeWithCheck("11100000MB0141234")
	society := creditCodeWithCheck("52150207MJ0000001")
	other := creditCodeWithCheck("Y1371500MA0000001")
	military := creditCodeWithCheck("A1100000MA0000001")
	rural := creditCodeWithCheck("N2522301MF0000001")
	tests := []struct {
		in   string
		want creditCodeFacts
	}{
		{creditCodeExample, example},
		{strings.ToLower(creditCodeExample), example},
		{"91350100m000100y43", example},
		{citizenIDFullWidth(creditCodeExample), example},
		{citizenIDFullWidth(strings.ToLower(creditCodeExample)), example},
		{hospital, creditCodeFacts{String: hospital, AreaCode: "371502", OrganizationCode: "MB2857261", Authority: '1', Category: '2'}},
		{national, creditCodeFacts{String: national, AreaCode: "100000", OrganizationCode: "MB0141234", Authority: '1', Category: '1'}},
		{society, creditCodeFacts{String: society, AreaCode: "150207", OrganizationCode: "MJ0000001", Authority: '5', Category: '2'}},
		{other, creditCodeFacts{String: other, AreaCode: "371500", OrganizationCode: "MA0000001", Authority: 'Y', Category: '1'}},
		{military, creditCodeFacts{String: military, AreaCode: "100000", OrganizationCode: "MA0000001", Authority: 'A', Category: '1'}},
		{rural, creditCodeFacts{String: rural, AreaCode: "522301", OrganizationCode: "MF0000001", Authority: 'N', Category: '2'}},
	}
	for _, tt := range tests {
		c, err := healthedu.ParseCreditCode(tt.in)
		if err != nil {
			t.Errorf("ParseCreditCode(%q): %v", tt.in, err)
			continue
		}
		got := creditCodeFacts{String: c.String(), AreaCode: c.AreaCode(), OrganizationCode: c.OrganizationCode(),
			Authority: c.Authority(), Category: c.Category()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseCreditCode(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if !c.IsValid() || string(c.AppendTo([]byte("x:"))) != "x:"+tt.want.String {
			t.Errorf("ParseCreditCode(%q): IsValid %v, AppendTo %q", tt.in, c.IsValid(), c.AppendTo(nil))
		}
	}
}

func TestParseCreditCodeErrors(t *testing.T) {
	tests := []struct {
		in   string
		want *healthedu.ParseError
	}{
		{"", &healthedu.ParseError{Input: "", Code: "creditCode.length", Msg: "got 0 characters, want 18", At: -1}},
		{creditCodeExample[:17], &healthedu.ParseError{Input: creditCodeExample[:17], Code: "creditCode.length",
			Msg: "got 17 characters, want 18", At: -1}},
		{creditCodeExample + "0", &healthedu.ParseError{Input: creditCodeExample + "0", Code: "creditCode.length",
			Msg: "got 19 characters, want 18", At: -1}},
		{creditCodeExample + " ", &healthedu.ParseError{Input: creditCodeExample + " ", Code: "creditCode.syntax",
			Msg: "unexpected space", At: 18}},
		{"\u3000" + creditCodeExample, &healthedu.ParseError{Input: "\u3000" + creditCodeExample, Code: "creditCode.syntax",
			Msg: "unexpected space", At: 0}},
		{"91350100I000100Y43", &healthedu.ParseError{Input: "91350100I000100Y43", Code: "creditCode.syntax",
			Msg: "letter 'I' is not used in credit codes", At: 8}},
		{"91350100M000100o43", &healthedu.ParseError{Input: "91350100M000100o43", Code: "creditCode.syntax",
			Msg: "letter 'o' is not used in credit codes", At: 15}},
		{"９１３５０１００Ｓ０００１００Ｙ４３", &healthedu.ParseError{Input: "９１３５０１００Ｓ０００１００Ｙ４３", Code: "creditCode.syntax",
			Msg: "letter 'Ｓ' is not used in credit codes", At: 24}},
		{"91350100M000100Y4-", &healthedu.ParseError{Input: "91350100M000100Y4-", Code: "creditCode.syntax",
			Msg: "unexpected character '-'", At: 17}},
		{"9135010０M000100Y4三", &healthedu.ParseError{Input: "9135010０M000100Y4三", Code: "creditCode.syntax",
			Msg: "unexpected character '三'", At: 19}},
		{"91350100M000100Y4\xff", &healthedu.ParseError{Input: "91350100M000100Y4\xff", Code: "creditCode.syntax",
			Msg: "invalid UTF-8", At: 17}},
		{"91370000163059024X", &healthedu.ParseError{Input: "91370000163059024X", Code: "creditCode.checksum",
			Msg: "check character is 'X', want '5'", At: 17}},
		{"91350100M000100Y44", &healthedu.ParseError{Input: "91350100M000100Y44", Code: "creditCode.checksum",
			Msg: "check character is '4', want '3'", At: 17}},
		{creditCodeWithCheck("B1350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("B1350100M000100Y4"),
			Code: "creditCode.structure", Msg: "registration authority 'B' is not defined", At: 0}},
		{creditCodeWithCheck("01350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("01350100M000100Y4"),
			Code: "creditCode.structure", Msg: "registration authority '0' is not defined", At: 0}},
		{creditCodeWithCheck("94350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("94350100M000100Y4"),
			Code: "creditCode.structure", Msg: "institution category '4' is not defined for registration authority '9'", At: 1}},
		{creditCodeWithCheck("99350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("99350100M000100Y4"),
			Code: "creditCode.structure", Msg: "institution category '9' is not defined for registration authority '9'", At: 1}},
		{creditCodeWithCheck("Y9350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("Y9350100M000100Y4"),
			Code: "creditCode.structure", Msg: "institution category '9' is not defined for registration authority 'Y'", At: 1}},
		{creditCodeWithCheck("1A350100M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("1A350100M000100Y4"),
			Code: "creditCode.structure", Msg: "institution category 'A' is not defined for registration authority '1'", At: 1}},
		{creditCodeWithCheck("913501A0M000100Y4"), &healthedu.ParseError{Input: creditCodeWithCheck("913501A0M000100Y4"),
			Code: "creditCode.structure", Msg: "division code (positions 3–8) has 'A', want six digits", At: 6}},
	}
	for _, tt := range tests {
		tt.want.Func = "ParseCreditCode"
		c, err := healthedu.ParseCreditCode(tt.in)
		if err == nil {
			t.Errorf("ParseCreditCode(%q) = %v, want error %s", tt.in, c, tt.want.Code)
			continue
		}
		if c.IsValid() {
			t.Errorf("ParseCreditCode(%q) returns a valid CreditCode with an error", tt.in)
		}
		var got *healthedu.ParseError
		if !errors.As(err, &got) {
			t.Errorf("ParseCreditCode(%q) error %T, want *healthedu.ParseError", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseCreditCode(%q) error mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestCreditCodeCategories accepts every authority and category GB 32100
// defines and rejects every other pair.
func TestCreditCodeCategories(t *testing.T) {
	defined := map[string]bool{}
	for _, pair := range strings.Fields("11 12 13 19 21 29 31 32 33 34 35 39 41 49 51 52 53 59 61 62 69 71 72 79 81 89 91 92 93 A1 A9 N1 N2 N3 N9 Y1") {
		defined[pair] = true
	}
	const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	for _, a := range charset {
		for _, c := range charset {
			pair := string(a) + string(c)
			_, err := healthedu.ParseCreditCode(creditCodeWithCheck(pair + "350100M000100Y4"))
			if ok := err == nil; ok != defined[pair] {
				t.Errorf("authority and category %s: accepted %v, want %v (%v)", pair, ok, defined[pair], err)
			}
		}
	}
}

func TestCreditCodeText(t *testing.T) {
	type org struct {
		Code healthedu.CreditCode `json:"code"`
	}
	var o org
	if err := json.Unmarshal([]byte(`{"code":"91350100m000100y43"}`), &o); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(o)
	if want := `{"code":"91350100M000100Y43"}`; err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
	err = json.Unmarshal([]byte(`{"code":"91370000163059024X"}`), &o)
	var pe *healthedu.ParseError
	if !errors.As(err, &pe) || pe.Code != "creditCode.checksum" {
		t.Errorf("Unmarshal(wrong check) error = %v", err)
	}

	var zero healthedu.CreditCode
	text, err := zero.MarshalText()
	got := []any{zero.IsValid(), zero.String(), zero.AreaCode(), zero.OrganizationCode(), zero.Authority(), zero.Category(), string(text), err}
	want := []any{false, "", "", "", byte(0), byte(0), "", nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zero CreditCode mismatch (-want +got):\n%s", diff)
	}
	c, _ := healthedu.ParseCreditCode(creditCodeExample)
	if err := c.UnmarshalText(nil); err != nil || c.IsValid() {
		t.Errorf("UnmarshalText(empty) = %v, leaving %v", err, c)
	}
}

func TestCreditCodeNoAlloc(t *testing.T) {
	fullWidth := citizenIDFullWidth(creditCodeExample)
	c, _ := healthedu.ParseCreditCode(creditCodeExample)
	var buf [32]byte
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseCreditCode", func() { healthedu.ParseCreditCode(creditCodeExample) }},
		{"ParseCreditCode/lower", func() { healthedu.ParseCreditCode("91350100m000100y43") }},
		{"ParseCreditCode/fullwidth", func() { healthedu.ParseCreditCode(fullWidth) }},
		{"AppendTo", func() { c.AppendTo(buf[:0]) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", tt.name, n)
		}
	}
}

func FuzzParseCreditCode(f *testing.F) {
	for _, s := range []string{
		creditCodeExample, "91350100m000100y43", "91370000163059024X", citizenIDFullWidth(creditCodeExample),
		creditCodeWithCheck("12371502MB2857261"), creditCodeWithCheck("94350100M000100Y4"), "", "91350100I000100Y43",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := healthedu.ParseCreditCode(s)
		if err != nil {
			var pe *healthedu.ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseCreditCode" || !strings.HasPrefix(pe.Code, "creditCode.") || pe.Msg == "" {
				t.Fatalf("ParseCreditCode(%q) error = %#v", s, err)
			}
			if pe.Input != s || !creditCodeRuneOffset(s, pe.At) {
				t.Fatalf("ParseCreditCode(%q) error Input %q At %d", s, pe.Input, pe.At)
			}
			if c.IsValid() {
				t.Fatalf("ParseCreditCode(%q) returns a valid CreditCode with an error", s)
			}
			return
		}
		str := c.String()
		for _, in := range []string{str, strings.ToLower(str), citizenIDFullWidth(str)} {
			c2, err := healthedu.ParseCreditCode(in)
			if err != nil || c2 != c {
				t.Fatalf("ParseCreditCode(%q) = %v, %v; want %v", in, c2, err, c)
			}
		}
		if len(str) != 18 || str != strings.ToUpper(str) || c.AreaCode() != str[2:8] || c.Authority() != str[0] || c.Category() != str[1] {
			t.Fatalf("ParseCreditCode(%q) = %q, inconsistent parts", s, str)
		}
	})
}

// creditCodeRuneOffset reports whether at is -1, len(s) or the offset of a
// rune in s (each byte of invalid UTF-8 counting as a rune).
func creditCodeRuneOffset(s string, at int) bool {
	if at == -1 || at == len(s) {
		return true
	}
	for i := range s {
		if i == at {
			return true
		}
	}
	return false
}

func BenchmarkParseCreditCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := healthedu.ParseCreditCode(creditCodeExample); err != nil {
			b.Fatal(err)
		}
	}
}
