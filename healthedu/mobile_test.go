package healthedu_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
)

const mobileExample = "13800138000"

func TestParseMobile(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"13800138000", "13800138000"},
		{"+8613800138000", "13800138000"},
		{"8613800138000", "13800138000"},
		{"008613800138000", "13800138000"},
		{"+86 138-0013-8000", "13800138000"},
		{"+86-13800138000", "13800138000"},
		{"0086 138 0013 8000", "13800138000"},
		{"86 138 0013 8000", "13800138000"},
		{"138 0013 8000", "13800138000"},
		{"138-0013-8000", "13800138000"},
		{"1-3-8-0-0-1-3-8-0-0-0", "13800138000"},
		{"＋８６１３８００１３８０００", "13800138000"},
		{"＋８６　１３８－００１３－８０００", "13800138000"},
		{"１３８００１３８０００", "13800138000"},
		{"+86 １３８00138000", "13800138000"},
		{"13912345678", "13912345678"},
		{"15012345678", "15012345678"},
		{"16612345678", "16612345678"},
		{"17012345678", "17012345678"},
		{"18612345678", "18612345678"}, // begins with 86 but has 11 digits: a number
		{"19912345678", "19912345678"},
		{"+8618612345678", "18612345678"},
	}
	for _, tt := range tests {
		m, err := healthedu.ParseMobile(tt.in)
		if err != nil {
			t.Errorf("ParseMobile(%q): %v", tt.in, err)
			continue
		}
		if got := m.String(); got != tt.want || !m.IsValid() {
			t.Errorf("ParseMobile(%q) = %q (valid %v), want %q", tt.in, got, m.IsValid(), tt.want)
		}
	}
}

func TestParseMobileErrors(t *testing.T) {
	tests := []struct {
		in   string
		want *healthedu.ParseError
	}{
		// length
		{"", &healthedu.ParseError{Input: "", Code: "mobile.length", Msg: "got 0 digits, want 11", At: -1}},
		{"+", &healthedu.ParseError{Input: "+", Code: "mobile.length", Msg: "got 0 digits, want 11", At: -1}},
		{"1380013800", &healthedu.ParseError{Input: "**********", Code: "mobile.length", Msg: "got 10 digits, want 11", At: -1}},
		{"138001380001", &healthedu.ParseError{Input: "138*****0001", Code: "mobile.length", Msg: "got 12 digits, want 11", At: -1}},
		{"+86138001380", &healthedu.ParseError{Input: "+861****1380", Code: "mobile.length", Msg: "got 9 digits, want 11", At: -1}},
		{"+861380013800012", &healthedu.ParseError{Input: "+861********0012", Code: "mobile.length", Msg: "got 13 digits, want 11", At: -1}},
		{"0861380013800", &healthedu.ParseError{Input: "086******3800", Code: "mobile.length", Msg: "got 13 digits, want 11", At: -1}}, // 0 86…, not 86
		{"00861380013800", &healthedu.ParseError{Input: "008*******3800", Code: "mobile.length", Msg: "got 14 digits, want 11", At: -1}},
		{"0086138001380001", &healthedu.ParseError{Input: "008*********0001", Code: "mobile.length", Msg: "got 16 digits, want 11", At: -1}},
		{strings.Repeat("1", 33), &healthedu.ParseError{Input: "111" + strings.Repeat("*", 26) + "1111", Code: "mobile.length",
			Msg: "got 33 characters, too long for a mobile number", At: -1}},
		{strings.Repeat("１", 33), &healthedu.ParseError{Input: "１１１" + strings.Repeat("*", 26) + "１１１１", Code: "mobile.length",
			Msg: "got 33 characters, too long for a mobile number", At: -1}},
		// syntax
		{" 13800138000", &healthedu.ParseError{Input: " 138****8000", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 0}},
		{"13800138000\u3000", &healthedu.ParseError{Input: "138****8000\u3000", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 11}},
		{"138  0013 8000", &healthedu.ParseError{Input: "138  **** 8000", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 4}},
		{"138-0013-8000-", &healthedu.ParseError{Input: "138-****-8000-", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 13}},
		{"-13800138000", &healthedu.ParseError{Input: "-138****8000", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 0}},
		{"+ 8613800138000", &healthedu.ParseError{Input: "+ 861******8000", Code: "mobile.syntax",
			Msg: "a space or hyphen is allowed only between digits", At: 1}},
		{"86+13800138000", &healthedu.ParseError{Input: "86+1******8000", Code: "mobile.syntax",
			Msg: "'+' is allowed only at the start", At: 2}},
		{"++8613800138000", &healthedu.ParseError{Input: "++861******8000", Code: "mobile.syntax",
			Msg: "'+' is allowed only at the start", At: 1}},
		{"(+86)13800138000", &healthedu.ParseError{Input: "(+86)1******8000", Code: "mobile.syntax",
			Msg: "unexpected character '('", At: 0}},
		{"138.0013.8000", &healthedu.ParseError{Input: "138.****.8000", Code: "mobile.syntax",
			Msg: "unexpected character '.'", At: 3}},
		{"1380013800O", &healthedu.ParseError{Input: "**********O", Code: "mobile.syntax",
			Msg: "unexpected character 'O'", At: 10}},
		{"１３８００１３８０００号", &healthedu.ParseError{Input: "１３８****８０００号", Code: "mobile.syntax",
			Msg: "unexpected character '号'", At: 25}},
		{"138001380\xff00", &healthedu.ParseError{Input: "138****80\xff00", Code: "mobile.syntax",
			Msg: "invalid UTF-8", At: 9}},
		// prefix
		{"12800138000", &healthedu.ParseError{Input: "128****8000", Code: "mobile.prefix",
			Msg: "mainland mobile numbers begin with 13 to 19", At: 0}},
		{"23800138000", &healthedu.ParseError{Input: "238****8000", Code: "mobile.prefix",
			Msg: "mainland mobile numbers begin with 13 to 19", At: 0}},
		{"+86 02800138000", &healthedu.ParseError{Input: "+86 0******8000", Code: "mobile.prefix",
			Msg: "mainland mobile numbers begin with 13 to 19", At: 4}},
		{"0086-10012345678", &healthedu.ParseError{Input: "008*-*******5678", Code: "mobile.prefix",
			Msg: "mainland mobile numbers begin with 13 to 19", At: 5}},
		{"+1 415 555 0100", &healthedu.ParseError{Input: "+1 41* *** 0100", Code: "mobile.prefix", Msg: "country code is not +86", At: 1}},
		{"+85212345678", &healthedu.ParseError{Input: "+852****5678", Code: "mobile.prefix", Msg: "country code is not +86", At: 1}},
		{"+8", &healthedu.ParseError{Input: "+*", Code: "mobile.prefix", Msg: "country code is not +86", At: 1}},
		{"＋８５２１２３４５６７８", &healthedu.ParseError{Input: "＋８５２****５６７８", Code: "mobile.prefix", Msg: "country code is not +86", At: 3}},
	}
	for _, tt := range tests {
		tt.want.Func = "ParseMobile"
		m, err := healthedu.ParseMobile(tt.in)
		if err == nil {
			t.Errorf("ParseMobile(%q) = %v, want error %s", tt.in, m, tt.want.Code)
			continue
		}
		if m.IsValid() {
			t.Errorf("ParseMobile(%q) returns a valid Mobile with an error", tt.in)
		}
		var got *healthedu.ParseError
		if !errors.As(err, &got) {
			t.Errorf("ParseMobile(%q) error %T, want *healthedu.ParseError", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseMobile(%q) error mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestMobileForms(t *testing.T) {
	m, err := healthedu.ParseMobile("+86 138-0013-8000")
	if err != nil {
		t.Fatal(err)
	}
	text, _ := m.MarshalText()
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})).Info("sent", "to", m)
	got := []string{m.String(), string(m.AppendTo([]byte("tel:"))), m.E164(), m.Masked(), string(m.AppendMasked(nil)),
		string(text), fmt.Sprint(m), buf.String()}
	want := []string{"13800138000", "tel:13800138000", "+8613800138000", "138****8000", "138****8000",
		"13800138000", "13800138000", "level=INFO msg=sent to=138****8000\n"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("forms of a Mobile mismatch (-want +got):\n%s", diff)
	}

	var zero healthedu.Mobile
	text, err = zero.MarshalText()
	gotZero := []any{zero.IsValid(), zero.String(), zero.E164(), zero.Masked(), string(text), err}
	wantZero := []any{false, "", "", "", "", nil}
	if diff := cmp.Diff(wantZero, gotZero); diff != "" {
		t.Errorf("zero Mobile mismatch (-want +got):\n%s", diff)
	}
}

func TestMobileText(t *testing.T) {
	type contact struct {
		Phone healthedu.Mobile `json:"phone"`
	}
	var c contact
	if err := json.Unmarshal([]byte(`{"phone":"+86 138 0013 8000"}`), &c); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if want := `{"phone":"13800138000"}`; err != nil || string(b) != want {
		t.Errorf("Marshal = %s, %v; want %s", b, err, want)
	}
	err = json.Unmarshal([]byte(`{"phone":"12800138000"}`), &c)
	var pe *healthedu.ParseError
	if !errors.As(err, &pe) || pe.Code != "mobile.prefix" {
		t.Errorf("Unmarshal(bad prefix) error = %v", err)
	}
	c.Phone, _ = healthedu.ParseMobile(mobileExample)
	if err := c.Phone.UnmarshalText(nil); err != nil || c.Phone.IsValid() {
		t.Errorf("UnmarshalText(empty) = %v, leaving %v", err, c.Phone)
	}
}

func TestMobileNoAlloc(t *testing.T) {
	m, _ := healthedu.ParseMobile(mobileExample)
	var buf [32]byte
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseMobile", func() { healthedu.ParseMobile(mobileExample) }},
		{"ParseMobile/+86", func() { healthedu.ParseMobile("+86 138-0013-8000") }},
		{"ParseMobile/fullwidth", func() { healthedu.ParseMobile("＋８６１３８００１３８０００") }},
		{"AppendTo", func() { m.AppendTo(buf[:0]) }},
		{"AppendMasked", func() { m.AppendMasked(buf[:0]) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", tt.name, n)
		}
	}
}

func FuzzParseMobile(f *testing.F) {
	for _, s := range []string{
		mobileExample, "+86 138-0013-8000", "008613800138000", "8613800138000", "＋８６１３８００１３８０００",
		"12800138000", "+1 415 555 0100", "", "138  0013 8000", "+",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := healthedu.ParseMobile(s)
		if err != nil {
			var pe *healthedu.ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseMobile" || !strings.HasPrefix(pe.Code, "mobile.") || pe.Msg == "" {
				t.Fatalf("ParseMobile(%q) error = %#v", s, err)
			}
			if !creditCodeRuneOffset(pe.Input, pe.At) || utf8.RuneCountInString(pe.Input) != utf8.RuneCountInString(s) {
				t.Fatalf("ParseMobile(%q) error Input %q At %d", s, pe.Input, pe.At)
			}
			// At most seven digits, the first three and the last four, are
			// shown.
			shown := 0
			for _, r := range pe.Input {
				if '0' <= r && r <= '9' || '０' <= r && r <= '９' {
					shown++
				}
			}
			if shown > 7 {
				t.Fatalf("ParseMobile(%q) error Input %q shows %d digits", s, pe.Input, shown)
			}
			if m.IsValid() {
				t.Fatalf("ParseMobile(%q) returns a valid Mobile with an error", s)
			}
			return
		}
		str := m.String()
		for _, in := range []string{str, m.E164(), "0086 " + str, citizenIDFullWidth(str)} {
			m2, err := healthedu.ParseMobile(in)
			if err != nil || m2 != m {
				t.Fatalf("ParseMobile(%q) = %v, %v; want %v", in, m2, err, m)
			}
		}
		if len(str) != 11 || str[0] != '1' || str[1] < '3' || m.Masked() != str[:3]+"****"+str[7:] {
			t.Fatalf("ParseMobile(%q) = %q, masked %q", s, str, m.Masked())
		}
	})
}

func BenchmarkParseMobile(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"national", mobileExample},
		{"+86", "+86 138-0013-8000"},
		{"fullwidth", "＋８６１３８００１３８０００"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := healthedu.ParseMobile(bb.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
