package healthedu

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDivisionCode(t *testing.T) {
	tests := []struct {
		in    string
		want  string // the 12 digits
		level DivisionLevel
	}{
		// Each level, in its short and its 12-digit form.
		{"37", "370000000000", LevelProvince},
		{"370000000000", "370000000000", LevelProvince},
		{"3715", "371500000000", LevelCity},
		{"371500000000", "371500000000", LevelCity},
		{"371502", "371502000000", LevelCounty},
		{"371502000000", "371502000000", LevelCounty},
		{"371502001", "371502001000", LevelTownship},
		{"371502001000", "371502001000", LevelTownship},
		{"371502001001", "371502001001", LevelVillage},
		// Shorter forms of higher levels: the padding decides nothing.
		{"370000", "370000000000", LevelProvince},
		{"371500000", "371500000000", LevelCity},
		{"350527000", "350527000000", LevelCounty}, // 金门县, listed among the townships too
		// Townships directly under a city without counties.
		{"441900003", "441900003000", LevelTownship},
		{"441900003201", "441900003201", LevelVillage},
		{"460400100", "460400100000", LevelTownship},
		// Full-width digits, alone and mixed with ASCII.
		{"３７１５", "371500000000", LevelCity},
		{"３７１５０２００１", "371502001000", LevelTownship},
		{"37１5０2", "371502000000", LevelCounty},
		// The edges of the province codes and of the number ranges.
		{"11", "110000000000", LevelProvince},
		{"15", "150000000000", LevelProvince},
		{"65", "650000000000", LevelProvince},
		{"71", "710000000000", LevelProvince},
		{"81", "810000000000", LevelProvince},
		{"82", "820000000000", LevelProvince},
		{"3790", "379000000000", LevelCity},
		{"371599", "371599000000", LevelCounty}, // well formed, though no such county exists
		{"371502099", "371502099000", LevelTownship},
		{"371502100", "371502100000", LevelTownship},
		{"371502599", "371502599000", LevelTownship},
		{"371502001199", "371502001199", LevelVillage},
		{"371502001200", "371502001200", LevelVillage},
		{"371502001599", "371502001599", LevelVillage},
	}
	for _, tt := range tests {
		c, err := ParseDivisionCode(tt.in)
		if err != nil {
			t.Errorf("ParseDivisionCode(%q): %v", tt.in, err)
			continue
		}
		if got := c.String(); got != tt.want {
			t.Errorf("ParseDivisionCode(%q) = %s; want %s", tt.in, got, tt.want)
		}
		if got := c.Level(); got != tt.level {
			t.Errorf("ParseDivisionCode(%q).Level() = %v; want %v", tt.in, got, tt.level)
		}
	}
}

func TestParseDivisionCodeErrors(t *testing.T) {
	const (
		lengthWant = "; want 2, 4, 6, 9 or 12"
		townships  = " out of range; want 001–099 (街道), 100–199 (镇), 200–399 (乡) or 400–599 (乡级类似单位)"
		villages   = " out of range; want 001–199 (居委会), 200–399 (村委会) or 400–599 (村级类似单位)"
		provinces  = "; provinces are 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81 and 82"
	)
	tests := []struct {
		in   string
		code string
		msg  string
		at   int
	}{
		{"", "division.length", "empty; want 2, 4, 6, 9 or 12 digits", -1},
		{"3", "division.length", "1 digits" + lengthWant, -1},
		{"371", "division.length", "3 digits" + lengthWant, -1},
		{"37150", "division.length", "5 digits" + lengthWant, -1},
		{"3715020", "division.length", "7 digits" + lengthWant, -1},
		{"37150200", "division.length", "8 digits" + lengthWant, -1},
		{"3715020010", "division.length", "10 digits" + lengthWant, -1},
		{"37150200100", "division.length", "11 digits" + lengthWant, -1},
		{"3715020010001", "division.length", "13 digits" + lengthWant, -1},
		{"３７１", "division.length", "3 digits" + lengthWant, -1},
		{strings.Repeat("3", 40), "division.length", "40 digits" + lengthWant, -1},
		{strings.Repeat("３", 13), "division.length", "13 digits" + lengthWant, -1},

		{"3715x9", "division.syntax", "unexpected character 'x'", 4},
		{" 3715", "division.syntax", "unexpected character ' '", 0},
		{"3715 ", "division.syntax", "unexpected character ' '", 4},
		{"3715\u3000", "division.syntax", `unexpected character '\u3000'`, 4}, // ideographic space, escaped
		{"37-15", "division.syntax", "unexpected character '-'", 2},
		{"+3715", "division.syntax", "unexpected character '+'", 0},
		{"37中", "division.syntax", "unexpected character '中'", 2},
		{"３７１５ｘ", "division.syntax", "unexpected character 'ｘ'", 12},
		{"371\xff", "division.syntax", "invalid UTF-8", 3},
		{strings.Repeat("3", 40) + "x", "division.syntax", "unexpected character 'x'", 40},

		{"00", "division.structure", "no province has code 00" + provinces, 0},
		{"10", "division.structure", "no province has code 10" + provinces, 0},
		{"16", "division.structure", "no province has code 16" + provinces, 0},
		{"72", "division.structure", "no province has code 72" + provinces, 0},
		{"83", "division.structure", "no province has code 83" + provinces, 0},
		{"99", "division.structure", "no province has code 99" + provinces, 0},
		{"000000000000", "division.structure", "no province has code 00" + provinces, 0},
		{"370002", "division.structure", "county 02 under city 00", 4},
		{"370000001", "division.structure", "township 001 under city 00", 6},
		{"370000000001", "division.structure", "village 001 under township 000", 9},
		{"371500000001", "division.structure", "village 001 under township 000", 9},
		{"371502000001", "division.structure", "village 001 under township 000", 9},
		{"371502600", "division.structure", "township number 600" + townships, 6},
		{"371502999", "division.structure", "township number 999" + townships, 6},
		{"371502001600", "division.structure", "village number 600" + villages, 9},
		{"371502001999", "division.structure", "village number 999" + villages, 9},
		{"３７０００２", "division.structure", "county 02 under city 00", 12}, // At counts bytes of the input
	}
	for _, tt := range tests {
		_, err := ParseDivisionCode(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseDivisionCode(%q) error = %v; want a *ParseError", tt.in, err)
			continue
		}
		want := &ParseError{Func: "ParseDivisionCode", Input: tt.in, Code: tt.code, Msg: tt.msg, At: tt.at}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("ParseDivisionCode(%q) error (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseDivisionCodeErrorString(t *testing.T) {
	_, err := ParseDivisionCode("3715x9")
	const want = `healthedu.ParseDivisionCode("3715x9"): unexpected character 'x' (at offset 4)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v; want %s", err, want)
	}
}

func TestParseDivisionCodeAllocs(t *testing.T) {
	for _, s := range []string{"371502001000", "371502", "３７１５０２００１０００"} {
		if n := testing.AllocsPerRun(100, func() { _, _ = ParseDivisionCode(s) }); n != 0 {
			t.Errorf("ParseDivisionCode(%q) allocates %v times; want 0", s, n)
		}
	}
	c := MustParseDivisionCode("371502001")
	buf := make([]byte, 0, 12)
	if n := testing.AllocsPerRun(100, func() { buf = c.AppendTo(buf[:0]) }); n != 0 {
		t.Errorf("AppendTo allocates %v times; want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		for a := range c.Ancestors() {
			_ = a
		}
	}); n != 0 {
		t.Errorf("Ancestors allocates %v times; want 0", n)
	}
}

func TestDivisionCodeMethods(t *testing.T) {
	type result struct {
		Level     string
		Short     string
		Parent    string // "" for none
		Ancestors []string
	}
	tests := []struct {
		in   string
		want result
	}{
		{"37", result{"province", "37", "", nil}},
		{"3715", result{"city", "3715", "37", []string{"37"}}},
		{"371502", result{"county", "371502", "3715", []string{"37", "3715"}}},
		{"371502001", result{"township", "371502001", "371502", []string{"37", "3715", "371502"}}},
		{"371502001001", result{"village", "371502001001", "371502001", []string{"37", "3715", "371502", "371502001"}}},
		// 东莞: townships under a city, with no county between.
		{"4419", result{"city", "4419", "44", []string{"44"}}},
		{"441900003", result{"township", "441900003", "4419", []string{"44", "4419"}}},
		{"441900003201", result{"village", "441900003201", "441900003", []string{"44", "4419", "441900003"}}},
		// Long input, short level.
		{"371500000000", result{"city", "3715", "37", []string{"37"}}},
	}
	for _, tt := range tests {
		c := MustParseDivisionCode(tt.in)
		got := result{Level: c.Level().String(), Short: c.Short()}
		if p, ok := c.Parent(); ok {
			got.Parent = p.Short()
		}
		for a := range c.Ancestors() {
			got.Ancestors = append(got.Ancestors, a.Short())
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestDivisionCodeZero(t *testing.T) {
	var z DivisionCode
	if z.IsValid() {
		t.Error("zero DivisionCode is valid")
	}
	if l := z.Level(); l != 0 {
		t.Errorf("zero Level() = %v; want 0", l)
	}
	if p, ok := z.Parent(); ok || p != z {
		t.Errorf("zero Parent() = %v, %v; want zero, false", p, ok)
	}
	for a := range z.Ancestors() {
		t.Errorf("zero Ancestors() yields %v", a)
	}
	if z.Contains(z) {
		t.Error("zero contains itself")
	}
	if got := z.String(); got != "invalid DivisionCode" {
		t.Errorf("zero String() = %q", got)
	}
	if got := z.Short(); got != "invalid DivisionCode" {
		t.Errorf("zero Short() = %q", got)
	}
	if got := z.AppendTo([]byte("x")); string(got) != "x" {
		t.Errorf("zero AppendTo = %q; want nothing appended", got)
	}
	if got, err := z.MarshalText(); err != nil || len(got) != 0 {
		t.Errorf("zero MarshalText() = %q, %v; want empty", got, err)
	}
}

func TestDivisionCodeContains(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"37", "37", true},
		{"37", "3715", true},
		{"37", "371502001001", true},
		{"3715", "371502", true},
		{"3715", "371502001", true},
		{"371502", "371502001", true},
		{"371502001", "371502001001", true},
		{"371502001001", "371502001001", true},
		{"4419", "441900003", true},
		{"3715", "37", false},
		{"371502", "3715", false},
		{"3715", "3716", false},
		{"3715", "371602", false},
		{"371502", "371503001", false},
		{"371502001", "371502002001", false},
		{"37", "44", false},
		{"371502001001", "371502001002", false},
	}
	for _, tt := range tests {
		a, b := MustParseDivisionCode(tt.a), MustParseDivisionCode(tt.b)
		if got := a.Contains(b); got != tt.want {
			t.Errorf("%s.Contains(%s) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if c := MustParseDivisionCode("37"); c.Contains(DivisionCode{}) {
		t.Error("37 contains the zero DivisionCode")
	}
}

func TestDivisionCodeCommon(t *testing.T) {
	tests := []struct {
		a, b string // "" for the zero DivisionCode
		want string // "" for none
	}{
		{"371502001003", "371502001003", "371502001003"},
		{"371502001003", "371502001005", "371502001"},
		{"371502001003", "371502002001", "371502"},
		{"371502001003", "371521100001", "3715"},
		{"371502001003", "3716", "37"},
		{"3715", "371502001003", "3715"},
		{"371502", "3715", "3715"},
		{"37", "37", "37"},
		{"441900003", "441900004", "4419"}, // 东莞市 has no counties
		{"441900003", "441900003001", "441900003"},
		{"441900003", "4403", "44"},
		{"371502001003", "520000000000", ""},
		{"37", "44", ""},
		{"3715", "", ""},
		{"", "", ""},
	}
	code := func(s string) DivisionCode {
		if s == "" {
			return DivisionCode{}
		}
		return MustParseDivisionCode(s)
	}
	for _, tt := range tests {
		a, b, want := code(tt.a), code(tt.b), code(tt.want)
		for _, pair := range [][2]DivisionCode{{a, b}, {b, a}} {
			got, ok := pair[0].Common(pair[1])
			if diff := cmp.Diff(want.String(), got.String()); diff != "" || ok != want.IsValid() {
				t.Errorf("%v.Common(%v) = %v, %v; want %v, %v", pair[0], pair[1], got, ok, want, want.IsValid())
			}
		}
	}
	// Over every pair of some codes: what Common returns holds both, and
	// none of the divisions it contains that hold one holds the other.
	var codes []DivisionCode
	for _, tt := range tests {
		codes = append(codes, code(tt.a), code(tt.b))
	}
	for _, a := range codes {
		for _, b := range codes {
			got, ok := a.Common(b)
			if !ok {
				continue
			}
			if !got.Contains(a) || !got.Contains(b) {
				t.Errorf("%v.Common(%v) = %v, which does not hold both", a, b, got)
			}
			for _, x := range []DivisionCode{a, b} {
				for _, y := range append(slices.Collect(x.Ancestors()), x) {
					if y != got && got.Contains(y) && y.Contains(a) && y.Contains(b) {
						t.Errorf("%v.Common(%v) = %v; %v holds both and is smaller", a, b, got, y)
					}
				}
			}
		}
	}
}

func TestDivisionCodeTruncate(t *testing.T) {
	c := MustParseDivisionCode("371502001001")
	tests := []struct {
		code  DivisionCode
		level DivisionLevel
		want  string
	}{
		{c, LevelProvince, "370000000000"},
		{c, LevelCity, "371500000000"},
		{c, LevelCounty, "371502000000"},
		{c, LevelTownship, "371502001000"},
		{c, LevelVillage, "371502001001"},
		{MustParseDivisionCode("3715"), LevelVillage, "371500000000"}, // above the level: itself
		{MustParseDivisionCode("441900003"), LevelCounty, "441900000000"},
		{c, 0, "invalid DivisionCode"},
		{c, LevelVillage + 1, "invalid DivisionCode"},
	}
	for _, tt := range tests {
		if got := tt.code.Truncate(tt.level).String(); got != tt.want {
			t.Errorf("%v.Truncate(%v) = %s; want %s", tt.code, tt.level, got, tt.want)
		}
	}
}

func TestDivisionCodeCompare(t *testing.T) {
	in := []string{"371502001", "3716", "37", "371502", "441900003", "3715", "371502001001", "11"}
	codes := make([]DivisionCode, len(in))
	for i, s := range in {
		codes[i] = MustParseDivisionCode(s)
	}
	codes = append(codes, DivisionCode{})
	slices.SortFunc(codes, DivisionCode.Compare)
	var got []string
	for _, c := range codes {
		got = append(got, c.Short())
	}
	want := []string{"invalid DivisionCode", "11", "37", "3715", "371502", "371502001", "371502001001", "3716", "441900003"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted (-want +got):\n%s", diff)
	}
	a, b := MustParseDivisionCode("3715"), MustParseDivisionCode("371500")
	if a.Compare(b) != 0 || a != b {
		t.Error("3715 and 371500 differ")
	}
}

func TestDivisionCodeText(t *testing.T) {
	type record struct {
		Division DivisionCode  `json:"division"`
		Level    DivisionLevel `json:"level"`
	}
	c := MustParseDivisionCode("371502001")
	b, err := json.Marshal(record{c, c.Level()})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"division":"371502001000","level":"township"}`; got != want {
		t.Errorf("json.Marshal = %s; want %s", got, want)
	}
	tests := []struct {
		in      string
		want    record
		wantErr string
	}{
		{`{"division":"371502001000","level":"township"}`, record{c, LevelTownship}, ""},
		{`{"division":"371502001","level":"township"}`, record{c, LevelTownship}, ""},
		{`{"division":"３７１５","level":"city"}`, record{MustParseDivisionCode("3715"), LevelCity}, ""},
		{`{"division":"","level":"province"}`, record{DivisionCode{}, LevelProvince}, ""},
		{`{"division":"3715x"}`, record{}, `healthedu.ParseDivisionCode("3715x"): unexpected character 'x' (at offset 4)`},
		{`{"level":"district"}`, record{}, `healthedu.DivisionLevel.UnmarshalText("district"): unknown division level; want province, city, county, township or village`},
	}
	for _, tt := range tests {
		var got record
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.wantErr != "" {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Error() != tt.wantErr {
				t.Errorf("json.Unmarshal(%s) error = %v; want %s", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("json.Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("json.Unmarshal(%s) = %+v; want %+v", tt.in, got, tt.want)
		}
	}
}

func TestDivisionLevel(t *testing.T) {
	var got []string
	for l := DivisionLevel(0); l <= LevelVillage+1; l++ {
		got = append(got, l.String())
		text, err := l.MarshalText()
		if !l.valid() {
			if err == nil {
				t.Errorf("%v.MarshalText() succeeds", l)
			}
			continue
		}
		var back DivisionLevel
		if err != nil || back.UnmarshalText(text) != nil || back != l {
			t.Errorf("%v: MarshalText → UnmarshalText gives %v (%v)", l, back, err)
		}
	}
	want := []string{"DivisionLevel(0)", "province", "city", "county", "township", "village", "DivisionLevel(6)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

func FuzzParseDivisionCode(f *testing.F) {
	for _, s := range []string{
		"37", "3715", "371502", "371502001", "371502001001", "441900003", "３７１５",
		"", "3715x9", "370002", "371502600", "371502001600", "10", "\xff", "３７１５\u3000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseDivisionCode(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDivisionCode(%q) error %T is not a *ParseError", s, err)
			}
			switch pe.Code {
			case "division.syntax", "division.structure":
				if pe.At < 0 || pe.At >= len(s) {
					t.Errorf("ParseDivisionCode(%q): %s at %d, outside the input", s, pe.Code, pe.At)
				}
			case "division.length":
			default:
				t.Errorf("ParseDivisionCode(%q): unknown code %q", s, pe.Code)
			}
			if pe.Func != "ParseDivisionCode" || pe.Input != s || c.IsValid() {
				t.Errorf("ParseDivisionCode(%q) = %v, %#v", s, c, pe)
			}
			return
		}
		if !c.IsValid() {
			t.Fatalf("ParseDivisionCode(%q) = zero value, no error", s)
		}
		for _, form := range []string{c.String(), c.Short(), string(c.AppendTo(nil))} {
			if back, err := ParseDivisionCode(form); err != nil || back != c {
				t.Errorf("ParseDivisionCode(%q) = %v; its form %q parses to %v, %v", s, c, form, back, err)
			}
		}
		if got, want := len(c.Short()), divisionLevels[c.Level()].digits; got != want {
			t.Errorf("%v.Short() has %d digits at level %v", c, got, c.Level())
		}
		if !c.Contains(c) {
			t.Errorf("%v does not contain itself", c)
		}
		if p, ok := c.Parent(); ok {
			if !p.Contains(c) || p.Level() >= c.Level() || p.Compare(c) >= 0 {
				t.Errorf("%v has parent %v", c, p)
			}
		} else if c.Level() != LevelProvince {
			t.Errorf("%v at level %v has no parent", c, c.Level())
		}
		for a := range c.Ancestors() {
			if !a.Contains(c) || a == c {
				t.Errorf("%v has ancestor %v", c, a)
			}
		}
		var back DivisionCode
		if text, err := c.MarshalText(); err != nil || back.UnmarshalText(text) != nil || back != c {
			t.Errorf("%v: text round trip gives %v", c, back)
		}
	})
}

func BenchmarkParseDivisionCode(b *testing.B) {
	for _, bm := range []struct{ name, in string }{
		{"12-digit", "371502001000"},
		{"6-digit", "371502"},
		{"full-width", "３７１５０２００１０００"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseDivisionCode(bm.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDivisionCodeString(b *testing.B) {
	c := MustParseDivisionCode("371502001")
	buf := make([]byte, 0, 12)
	b.ReportAllocs()
	for b.Loop() {
		buf = c.AppendTo(buf[:0])
	}
}
