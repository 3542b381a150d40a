package indicators

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

func TestParseExpression(t *testing.T) {
	tests := []struct {
		in       string
		want     string // canonical form
		terms    []Term
		constant int64
	}{
		{"children-0-6-managed", "children-0-6-managed", []Term{{Element: "children-0-6-managed"}}, 0},
		{"  hypertension-controlled +diabetes-controlled ", "hypertension-controlled + diabetes-controlled",
			[]Term{{Element: "hypertension-controlled"}, {Element: "diabetes-controlled"}}, 0},
		{"population - population-65plus", "population - population-65plus",
			[]Term{{Element: "population"}, {Element: "population-65plus", Negative: true}}, 0},
		{"activities[form=lecture]", "activities[form=lecture]", []Term{{Element: "activities", Category: "form=lecture"}}, 0},
		{"activities [ form = free-clinic ] + 2", "activities[form=free-clinic] + 2",
			[]Term{{Element: "activities", Category: "form=free-clinic"}}, 2},
		{"1", "1", nil, 1},
		{"0", "0", nil, 0},
		{"-3", "-3", nil, -3},
		{"a - (b - c) + 2 + 3", "a - b + c + 5",
			[]Term{{Element: "a"}, {Element: "b", Negative: true}, {Element: "c"}}, 5},
		{"-(a + b)", "-a - b", []Term{{Element: "a", Negative: true}, {Element: "b", Negative: true}}, 0},
		{"-9223372036854775808", "-9223372036854775808", nil, -9223372036854775808},
		{"-(a - (b - (c)))", "-a + b - c",
			[]Term{{Element: "a", Negative: true}, {Element: "b"}, {Element: "c", Negative: true}}, 0},
		{"a-b", "a-b", []Term{{Element: "a-b"}}, 0}, // one element: hyphens join words
		{"10-2", "10-2", []Term{{Element: "10-2"}}, 0},
		{"10 - 2", "8", nil, 8},
		{"a\t-\nb", "a - b", []Term{{Element: "a"}, {Element: "b", Negative: true}}, 0},
		{"a - 9223372036854775807 - 1", "a - 9223372036854775808", []Term{{Element: "a"}}, -9223372036854775808},
		{"(a)", "a", []Term{{Element: "a"}}, 0},
		{"1 - 1 + a", "a", []Term{{Element: "a"}}, 0},
	}
	for _, tt := range tests {
		e, err := ParseExpression(tt.in)
		if err != nil {
			t.Errorf("ParseExpression(%q): %v", tt.in, err)
			continue
		}
		if got := e.String(); got != tt.want {
			t.Errorf("ParseExpression(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if diff := cmp.Diff(tt.terms, e.Terms()); diff != "" {
			t.Errorf("ParseExpression(%q).Terms() (-want +got):\n%s", tt.in, diff)
		}
		if e.Constant() != tt.constant {
			t.Errorf("ParseExpression(%q).Constant() = %d, want %d", tt.in, e.Constant(), tt.constant)
		}
		back, err := ParseExpression(e.String())
		if err != nil || !back.Equal(e) {
			t.Errorf("ParseExpression(%q) does not round-trip: %q → %v, %v", tt.in, e.String(), back, err)
		}
	}
}

func TestParseExpressionErrors(t *testing.T) {
	tests := []struct {
		in  string
		at  int
		msg string
	}{
		{"", -1, "empty expression"},
		{"   ", -1, "empty expression"},
		{"a- b", 0, "cannot end with '-'"},
		{"a -b -", 6, "at the end"},
		{"a --b", 3, "two signs in a row"},
		{"a + -b", 4, "two signs in a row"},
		{"a b", 2, "want '+', '-' or ')'"},
		{"a + (b", 4, "'(' is not closed"},
		{"a + b)", 5, "unmatched ')'"},
		{"()", 1, "want an element code"},
		{"Population", 0, "lower case"},
		{"popUlation", 3, "lower case"},
		{"a--b", 1, "'--'"},
		{"a + 01", 4, "cannot start with 0"},
		{"a + 99999999999999999999", 4, "out of range"},
		{"a + 9223372036854775808", 4, "out of range"},
		{"9223372036854775807 + 1", 22, "out of range"},
		{"a[form]", 6, "want key=value"},
		{"a[form=]", 7, "filter value: empty"},
		{"a[=x]", 2, "filter key: empty"},
		{"a[form=Lecture]", 7, "unexpected character 'L'"},
		{"a[form=lecture", 1, "'[' is not closed"},
		{"a * b", 2, "want '+', '-' or ')', found '*'"},
		{"a + 中", 4, "found '中'"},
		{strings.Repeat("(", 33) + "a" + strings.Repeat(")", 33), 32, "nested more than 32"},
		{strings.Repeat("a", 65), 64, "longer than 64"},
		{strings.Repeat("a + ", 1100) + "a", -1, "longer than 4096"},
	}
	for _, tt := range tests {
		_, err := ParseExpression(tt.in)
		var pe *healthedu.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseExpression(%q) = %v, want a *healthedu.ParseError", tt.in, err)
			continue
		}
		if pe.Func != "ParseExpression" || pe.Code != "indicator.expression" || pe.Input != tt.in || pe.At != tt.at || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("ParseExpression(%q): %+v, want At %d and a message with %q", tt.in, *pe, tt.at, tt.msg)
		}
	}
}

func TestParseExpressionErrorText(t *testing.T) {
	_, err := ParseExpression("a- b")
	const want = `healthedu.ParseExpression("a- b"): an element code cannot end with '-': put a space before a minus (at offset 0)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
}

func TestExprText(t *testing.T) {
	var e Expr
	if err := e.UnmarshalText([]byte("a + b[topic=hypertension] - 2")); err != nil {
		t.Fatal(err)
	}
	b, err := e.MarshalText()
	if err != nil || string(b) != "a + b[topic=hypertension] - 2" {
		t.Errorf("MarshalText = %q, %v", b, err)
	}
	if err := e.UnmarshalText([]byte("a +")); err == nil {
		t.Error("UnmarshalText(\"a +\"): no error")
	}
	if (Expr{}).String() != "0" || !(Expr{}).IsConstant() {
		t.Errorf("zero Expr: %q", Expr{}.String())
	}
	if got := (Term{Element: "a", Category: "form=lecture", Negative: true}).String(); got != "a[form=lecture]" {
		t.Errorf("Term.String = %q", got)
	}
}

// FuzzParseExpression checks that ParseExpression never panics, that a
// parsed expression round-trips through its canonical form, and that every
// error is a located ParseError.
func FuzzParseExpression(f *testing.F) {
	for _, s := range []string{
		"children-0-6-managed", "a + b - c[form=lecture] + 3", "-(a - (b + 1))", "a- b", "a[x=y",
		"hypertension-controlled + diabetes-controlled", "1 - 9223372036854775807", "((((a))))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpression(s)
		if err != nil {
			var pe *healthedu.ParseError
			if !errors.As(err, &pe) || pe.Code != "indicator.expression" || pe.At > len(s) || pe.At < -1 {
				t.Fatalf("ParseExpression(%q): unexpected error %#v", s, err)
			}
			return
		}
		text := e.String()
		back, err := ParseExpression(text)
		if err != nil {
			t.Fatalf("ParseExpression(%q).String() = %q does not parse: %v", s, text, err)
		}
		if !back.Equal(e) || back.String() != text {
			t.Fatalf("round trip of %q: %q → %q", s, text, back.String())
		}
	})
}

// TestParseExpressionAllocs: an expression costs one allocation, its terms.
func TestParseExpressionAllocs(t *testing.T) {
	const s = "hypertension-controlled + diabetes-controlled - activities[form=lecture] + 3"
	if n := testing.AllocsPerRun(100, func() { ParseExpression(s) }); n > 1 {
		t.Errorf("ParseExpression allocates %v times, want 1", n)
	}
}
