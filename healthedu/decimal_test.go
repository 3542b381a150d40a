package healthedu

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in      string
		want    string // String() of the result
		integer bool
		code    string // ParseError code when rejected
	}{
		{in: "0", want: "0", integer: true},
		{in: "13432", want: "13432", integer: true},
		{in: "-7", want: "-7", integer: true},
		{in: "96.41", want: "96.41"},
		{in: "96.410", want: "96.410"},
		{in: "5.00", want: "5.00", integer: true},
		{in: "0.5", want: "0.5"},
		{in: "-0.05", want: "-0.05"},
		{in: "1e3", want: "1000", integer: true},
		{in: "1.25E+2", want: "125", integer: true},
		{in: "125e-2", want: "1.25"},
		{in: "999999999999999999", want: "999999999999999999", integer: true},
		{in: "", code: "decimal.syntax"},
		{in: "-", code: "decimal.syntax"},
		{in: "01", code: "decimal.syntax"},
		{in: "1.", code: "decimal.syntax"},
		{in: ".5", code: "decimal.syntax"},
		{in: "1e", code: "decimal.syntax"},
		{in: "+1", code: "decimal.syntax"},
		{in: "1 ", code: "decimal.syntax"},
		{in: `"1"`, code: "decimal.syntax"},
		{in: "1000000000000000000", code: "decimal.range"},
		{in: "0.0000000001", code: "decimal.range"},
		{in: "1e-10", code: "decimal.range"},
		{in: "1e19", code: "decimal.range"},
		{in: "1e999999", code: "decimal.range"},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if tt.code != "" {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Code != tt.code {
				t.Errorf("ParseDecimal(%q) error = %v, want code %s", tt.in, err, tt.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		got := struct {
			S       string
			Integer bool
		}{d.String(), d.IsInteger()}
		want := struct {
			S       string
			Integer bool
		}{tt.want, tt.integer}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseDecimal(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestDecimalCmpExact(t *testing.T) {
	a, _ := ParseDecimal("96.41")
	b, _ := ParseDecimal("96.410")
	c, _ := ParseDecimal("96.42")
	if a.Cmp(b) != 0 || a.Cmp(c) != -1 || c.Cmp(a) != 1 {
		t.Errorf("Cmp: 96.41 vs 96.410 = %d, vs 96.42 = %d, 96.42 vs 96.41 = %d", a.Cmp(b), a.Cmp(c), c.Cmp(a))
	}
	if got := a.Rat().RatString(); got != "9641/100" {
		t.Errorf("Rat() = %s, want 9641/100", got)
	}
	if n, ok := DecimalFromInt(-42).Int64(); !ok || n != -42 {
		t.Errorf("DecimalFromInt(-42).Int64() = %d, %v", n, ok)
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "-1.5", "96.41", "1e3", "125e-2", "01", "1e999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		again, err := ParseDecimal(d.String())
		if err != nil {
			t.Fatalf("ParseDecimal(%q).String() = %q does not parse: %v", s, d.String(), err)
		}
		if again != d {
			t.Fatalf("round trip of %q: %v != %v", s, again, d)
		}
	})
}

func TestDecimalCmpAgreesWithRat(t *testing.T) {
	values := []string{"0", "-0.5", "0.50", "96.41", "96.410", "96.42", "-96.41", "999999999999999999",
		"0.000000001", "-999999999999999999", "99999999999.9", "1e-9", "123456789012345678"}
	for _, a := range values {
		for _, b := range values {
			da, err := ParseDecimal(a)
			if err != nil {
				t.Fatal(err)
			}
			db, err := ParseDecimal(b)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := da.Cmp(db), da.Rat().Cmp(db.Rat()); got != want {
				t.Errorf("%s.Cmp(%s) = %d, want %d", a, b, got, want)
			}
		}
	}
	x, _ := ParseDecimal("96.41")
	y, _ := ParseDecimal("100")
	if n := testing.AllocsPerRun(100, func() { x.Cmp(y) }); n != 0 {
		t.Errorf("Cmp allocates %v times", n)
	}
}
