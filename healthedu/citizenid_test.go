package healthedu_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// The standard's own example (GB 11643-1999, appendix) and its 15-digit
// form. Every other number in these tests is built by citizenIDWithCheck
// from a made-up body; none is a real person's.
const (
	citizenIDExample       = "11010519491231002X"
	citizenIDExampleLegacy = "110105491231002"
)

// citizenIDWithCheck appends the check character to a 17-digit body.
func citizenIDWithCheck(body string) string {
	c, ok := checkchar.CitizenID(body)
	if !ok {
		panic("citizenIDWithCheck: " + body + " is not 17 digits")
	}
	return body + string(c)
}

// citizenIDFullWidth returns s with every ASCII digit and letter in its
// full-width form.
func citizenIDFullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || r == '+' || r == '-' {
			r += 0xFF01 - 0x21
		}
		b.WriteRune(r)
	}
	return b.String()
}

func citizenIDMustParse(t testing.TB, s string) healthedu.CitizenID {
	t.Helper()
	id, err := healthedu.ParseCitizenID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// citizenIDFacts is what a test compares about a parsed CitizenID.
type citizenIDFacts struct {
	Unmasked, Masked, AreaCode, Province string
	Year                                 int
	Month                                time.Month
	Day                                  int
	Sex                                  string
}

func citizenIDFactsOf(id healthedu.CitizenID) citizenIDFacts {
	y, m, d := id.BirthDate()
	return citizenIDFacts{
		Unmasked: id.Unmasked(), Masked: id.Masked(),
		AreaCode: id.AreaCode(), Province: id.Province(),
		Year: y, Month: m, Day: d, Sex: id.Sex().String(),
	}
}

func TestParseCitizenID(t *testing.T) {
	example := citizenIDFacts{
		Unmasked: citizenIDExample, Masked: "1101**********002X",
		AreaCode: "110105", Province: "11",
		Year: 1949, Month: time.December, Day: 31, Sex: "female",
	}
	leap := citizenIDWithCheck("37150220000229001")
	hk := citizenIDWithCheck("81000019800101003")
	tests := []struct {
		in   string
		want citizenIDFacts
	}{
		{citizenIDExample, example},
		{"11010519491231002x", example},
		{citizenIDExampleLegacy, example},
		{citizenIDFullWidth(citizenIDExample), example},
		{citizenIDFullWidth("11010519491231002x"), example},
		{citizenIDFullWidth(citizenIDExampleLegacy), example},
		{"1101051949１２３１002X", example},
		{leap, citizenIDFacts{
			Unmasked: leap, Masked: "3715**********001" + leap[17:],
			AreaCode: "371502", Province: "37",
			Year: 2000, Month: time.February, Day: 29, Sex: "male",
		}},
		{"371502960229001", citizenIDFacts{ // 1996-02-29, legacy form
			Unmasked: citizenIDWithCheck("37150219960229001"), Masked: "3715**********001" + citizenIDWithCheck("37150219960229001")[17:],
			AreaCode: "371502", Province: "37",
			Year: 1996, Month: time.February, Day: 29, Sex: "male",
		}},
		{hk, citizenIDFacts{ // a residence permit of a Hong Kong resident
			Unmasked: hk, Masked: "8100**********003" + hk[17:],
			AreaCode: "810000", Province: "81",
			Year: 1980, Month: time.January, Day: 1, Sex: "male",
		}},
	}
	for _, tt := range tests {
		id, err := healthedu.ParseCitizenID(tt.in)
		if err != nil {
			t.Errorf("ParseCitizenID(%q): %v", tt.in, err)
			continue
		}
		if !id.IsValid() {
			t.Errorf("ParseCitizenID(%q).IsValid() = false", tt.in)
		}
		if diff := cmp.Diff(tt.want, citizenIDFactsOf(id)); diff != "" {
			t.Errorf("ParseCitizenID(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseCitizenIDLegacyEqual(t *testing.T) {
	a := citizenIDMustParse(t, citizenIDExample)
	b := citizenIDMustParse(t, citizenIDExampleLegacy)
	c := citizenIDMustParse(t, "11010519491231002x")
	if a != b || a != c {
		t.Errorf("the 18-character, 15-digit and lower-case forms parse to different values")
	}
	m := map[healthedu.CitizenID]int{a: 1}
	if m[b] != 1 {
		t.Errorf("the legacy form does not find the 18-character form's map entry")
	}
}

func TestParseCitizenIDErrors(t *testing.T) {
	feb31 := citizenIDWithCheck("11010519490231002")
	feb29Common := citizenIDWithCheck("11010520010229002")
	tests := []struct {
		in   string
		want *healthedu.ParseError
	}{
		// length
		{"", &healthedu.ParseError{Input: "", Code: "citizenId.length",
			Msg: "got 0 characters, want 18 (or 15 in the legacy form)", At: -1}},
		{"1101051949123100", &healthedu.ParseError{Input: "1101*********100", Code: "citizenId.length",
			Msg: "got 16 characters, want 18 (or 15 in the legacy form)", At: -1}},
		{"11010519491231002X0", &healthedu.ParseError{Input: "1101***********02X0", Code: "citizenId.length",
			Msg: "got 19 characters, want 18 (or 15 in the legacy form)", At: -1}},
		{"110105", &healthedu.ParseError{Input: "******", Code: "citizenId.length",
			Msg: "got 6 characters, want 18 (or 15 in the legacy form)", At: -1}},
		{"1101051949", &healthedu.ParseError{Input: "1101******", Code: "citizenId.length",
			Msg: "got 10 characters, want 18 (or 15 in the legacy form)", At: -1}},
		{"１１０１０５", &healthedu.ParseError{Input: "******", Code: "citizenId.length",
			Msg: "got 6 characters, want 18 (or 15 in the legacy form)", At: -1}},
		// syntax
		{" " + citizenIDExample, &healthedu.ParseError{Input: " 110***********002X", Code: "citizenId.syntax",
			Msg: "unexpected space", At: 0}},
		{citizenIDExample + "\u3000", &healthedu.ParseError{Input: "1101***********02X\u3000", Code: "citizenId.syntax",
			Msg: "unexpected space", At: 18}},
		{"110105 9491231002X", &healthedu.ParseError{Input: "1101**********002X", Code: "citizenId.syntax",
			Msg: "unexpected space", At: 6}},
		{"11010519491231002A", &healthedu.ParseError{Input: "1101**********002A", Code: "citizenId.syntax",
			Msg: "unexpected character 'A'", At: 17}},
		{"110105194912310X2X", &healthedu.ParseError{Input: "1101**********0X2X", Code: "citizenId.syntax",
			Msg: "X is allowed only as the 18th (check) character", At: 15}},
		{"11010549123100X", &healthedu.ParseError{Input: "1101********00X", Code: "citizenId.syntax",
			Msg: "X is allowed only as the 18th (check) character", At: 14}},
		{"1101**********002X", &healthedu.ParseError{Input: "1101**********002X", Code: "citizenId.syntax",
			Msg: "unexpected character '*' (a masked number cannot be parsed)", At: 4}},
		{"1101051949一231002X", &healthedu.ParseError{Input: "1101**********002X", Code: "citizenId.syntax",
			Msg: "unexpected character '一'", At: 10}},
		{"１１０１０５１９４９１２３１００２Ａ", &healthedu.ParseError{Input: "１１０１**********００２Ａ", Code: "citizenId.syntax",
			Msg: "unexpected character 'Ａ'", At: 31}},
		{"11010519491231\xff02X", &healthedu.ParseError{Input: "1101**********\xff02X", Code: "citizenId.syntax",
			Msg: "invalid UTF-8", At: 14}},
		// checksum
		{"110105194912310021", &healthedu.ParseError{Input: "1101**********0021", Code: "citizenId.checksum",
			Msg: "check character '1' does not match the number", At: 17}},
		{"110105194912310024", &healthedu.ParseError{Input: "1101**********0024", Code: "citizenId.checksum",
			Msg: "check character '4' does not match the number", At: 17}},
		{"11010519491231002Ｙ", &healthedu.ParseError{Input: "1101**********002Ｙ", Code: "citizenId.syntax",
			Msg: "unexpected character 'Ｙ'", At: 17}},
		{"110105194912310012", &healthedu.ParseError{Input: "1101**********0012", Code: "citizenId.checksum",
			Msg: "check character '2' does not match the number", At: 17}},
		// area
		{citizenIDWithCheck("99010519491231002"), &healthedu.ParseError{Input: "9901**********002" + citizenIDWithCheck("99010519491231002")[17:],
			Code: "citizenId.area", Msg: "no province-level division has code 99", At: 0}},
		{citizenIDWithCheck("91010519491231002"), &healthedu.ParseError{Input: "9101**********002" + citizenIDWithCheck("91010519491231002")[17:],
			Code: "citizenId.area", Msg: "no province-level division has code 91", At: 0}},
		{"000105491231002", &healthedu.ParseError{Input: "0001********002", Code: "citizenId.area",
			Msg: "no province-level division has code 00", At: 0}},
		// birth date
		{feb31, &healthedu.ParseError{Input: "1101**********002" + feb31[17:], Code: "citizenId.birthDate",
			Msg: "birth day does not exist in its month", At: 12}},
		{feb29Common, &healthedu.ParseError{Input: "1101**********002" + feb29Common[17:], Code: "citizenId.birthDate",
			Msg: "birth day does not exist in its month", At: 12}},
		{"110105000229002", &healthedu.ParseError{Input: "1101********002", Code: "citizenId.birthDate", // 1900 is not a leap year
			Msg: "birth day does not exist in its month", At: 10}},
		{"110105491331002", &healthedu.ParseError{Input: "1101********002", Code: "citizenId.birthDate",
			Msg: "birth month does not exist", At: 8}},
		{citizenIDWithCheck("11010519490001002"), &healthedu.ParseError{Input: "1101**********002" + citizenIDWithCheck("11010519490001002")[17:],
			Code: "citizenId.birthDate", Msg: "birth month does not exist", At: 10}},
		{citizenIDWithCheck("11010519491200002"), &healthedu.ParseError{Input: "1101**********002" + citizenIDWithCheck("11010519491200002")[17:],
			Code: "citizenId.birthDate", Msg: "birth day does not exist in its month", At: 12}},
		{citizenIDWithCheck("11010518991231002"), &healthedu.ParseError{Input: "1101**********002" + citizenIDWithCheck("11010518991231002")[17:],
			Code: "citizenId.birthDate", Msg: "birth year is before 1900", At: 6}},
	}
	for _, tt := range tests {
		tt.want.Func = "ParseCitizenID"
		id, err := healthedu.ParseCitizenID(tt.in)
		if err == nil {
			t.Errorf("ParseCitizenID(%q) = %v, want error %s", tt.in, id, tt.want.Code)
			continue
		}
		if id.IsValid() {
			t.Errorf("ParseCitizenID(%q) returns a valid CitizenID with an error", tt.in)
		}
		var got *healthedu.ParseError
		if !errors.As(err, &got) {
			t.Errorf("ParseCitizenID(%q) error %T, want *healthedu.ParseError", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseCitizenID(%q) error mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseCitizenIDErrorString(t *testing.T) {
	_, err := healthedu.ParseCitizenID("110105194912310021")
	want := `healthedu.ParseCitizenID("1101**********0021"): check character '1' does not match the number (at offset 17)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseCitizenID error = %v, want %s", err, want)
	}
}

func TestParseCitizenIDAsOf(t *testing.T) {
	born := citizenIDWithCheck("37150220251018002") // born 2025-10-18
	tests := []struct {
		asOf time.Time
		ok   bool
	}{
		{time.Date(2025, 10, 17, 15, 59, 59, 0, time.UTC), false}, // 23:59:59 on the 17th in CST
		{time.Date(2025, 10, 17, 16, 0, 0, 0, time.UTC), true},    // 00:00 on the 18th in CST
		{time.Date(2025, 10, 18, 0, 0, 0, 0, time.FixedZone("CST", 8*3600)), true},
		{time.Date(2025, 10, 17, 23, 0, 0, 0, time.FixedZone("PDT", -7*3600)), true}, // already the 18th in China
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2024, 10, 18, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		id, err := healthedu.ParseCitizenIDAsOf(born, tt.asOf)
		if tt.ok {
			if err != nil || !id.IsValid() {
				t.Errorf("ParseCitizenIDAsOf(%s, %v) = %v, %v; want success", "3715…", tt.asOf, id, err)
			}
			continue
		}
		want := &healthedu.ParseError{
			Func: "ParseCitizenIDAsOf", Input: "3715**********002" + born[17:], Code: "citizenId.future",
			Msg: "birth date is after " + tt.asOf.In(time.FixedZone("", 8*3600)).Format(time.DateOnly), At: 6,
		}
		var got *healthedu.ParseError
		if !errors.As(err, &got) {
			t.Errorf("ParseCitizenIDAsOf(…, %v) error = %v, want *healthedu.ParseError", tt.asOf, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseCitizenIDAsOf(…, %v) error mismatch (-want +got):\n%s", tt.asOf, diff)
		}
	}

	// The other faults are reported as by ParseCitizenID, under this Func.
	_, err := healthedu.ParseCitizenIDAsOf("110105194912310021", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	var pe *healthedu.ParseError
	if !errors.As(err, &pe) || pe.Func != "ParseCitizenIDAsOf" || pe.Code != "citizenId.checksum" {
		t.Errorf("ParseCitizenIDAsOf with a wrong check character: %v", err)
	}
}

func TestCitizenIDAge(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	example := citizenIDMustParse(t, citizenIDExample)                     // 1949-12-31
	leap := citizenIDMustParse(t, citizenIDWithCheck("37150220000229001")) // 2000-02-29
	tests := []struct {
		id   healthedu.CitizenID
		at   time.Time
		want int
	}{
		{example, time.Date(2025, 12, 30, 15, 59, 59, 0, time.UTC), 75}, // 23:59:59 on the 30th in CST
		{example, time.Date(2025, 12, 30, 16, 0, 0, 0, time.UTC), 76},   // the birthday in CST
		{example, time.Date(1949, 12, 31, 0, 0, 0, 0, cst), 0},
		{example, time.Date(1949, 12, 30, 0, 0, 0, 0, cst), -1},
		{leap, time.Date(2001, 2, 28, 12, 0, 0, 0, cst), 0},
		{leap, time.Date(2001, 3, 1, 0, 0, 0, 0, cst), 1},
		{leap, time.Date(2004, 2, 28, 0, 0, 0, 0, cst), 3},
		{leap, time.Date(2004, 2, 29, 0, 0, 0, 0, cst), 4},
		{healthedu.CitizenID{}, time.Date(2025, 1, 1, 0, 0, 0, 0, cst), 0},
	}
	for _, tt := range tests {
		if got := tt.id.Age(tt.at); got != tt.want {
			t.Errorf("%v.Age(%v) = %d, want %d", tt.id, tt.at, got, tt.want)
		}
	}
}

func TestCitizenIDSex(t *testing.T) {
	tests := []struct {
		id   string
		want healthedu.Sex
	}{
		{citizenIDExample, healthedu.Female},
		{citizenIDWithCheck("11010519491231001"), healthedu.Male},
		{citizenIDWithCheck("11010519491231019"), healthedu.Male},
		{citizenIDWithCheck("11010519491231010"), healthedu.Female},
		{"110105491231003", healthedu.Male},
	}
	for _, tt := range tests {
		if got := citizenIDMustParse(t, tt.id).Sex(); got != tt.want {
			t.Errorf("Sex of %s… = %v, want %v", tt.id[:4], got, tt.want)
		}
	}
	for s, want := range map[healthedu.Sex]string{0: "unknown", healthedu.Male: "male", healthedu.Female: "female", 9: "unknown"} {
		if got := s.String(); got != want {
			t.Errorf("Sex(%d).String() = %q, want %q", uint8(s), got, want)
		}
	}
}

func TestCitizenIDZero(t *testing.T) {
	var id healthedu.CitizenID
	text, err := id.MarshalText()
	y, m, d := id.BirthDate()
	got := []any{id.IsValid(), id.String(), id.Masked(), id.Unmasked(), id.AreaCode(), id.Province(),
		y, int(m), d, id.Sex().String(), string(text), err, id.Pseudonym([]byte("k")).IsZero(), fmt.Sprint(id)}
	want := []any{false, "", "", "", "", "", 0, 0, 0, "unknown", "", nil, true, ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zero CitizenID mismatch (-want +got):\n%s", diff)
	}
	id = citizenIDMustParse(t, citizenIDExample)
	if err := id.UnmarshalText(nil); err != nil || id.IsValid() {
		t.Errorf("UnmarshalText(empty) = %v, leaving %v; want the zero CitizenID", err, id)
	}
}

// citizenIDRecord and citizenIDHidden hold a CitizenID in an exported and
// in an unexported field; fmt can call Format only on the first.
type citizenIDRecord struct {
	ID   healthedu.CitizenID `json:"id"`
	Name string              `json:"name"`
}

type citizenIDHidden struct {
	id healthedu.CitizenID
}

type citizenIDPointer struct {
	ID *healthedu.CitizenID `json:"id"`
}

func TestCitizenIDFormat(t *testing.T) {
	id := citizenIDMustParse(t, citizenIDExample)
	rec := citizenIDRecord{ID: id, Name: "张三"}
	const m = "1101**********002X"
	tests := []struct {
		format string
		arg    any
		want   string
	}{
		{"%v", id, m},
		{"%+v", id, m},
		{"%#v", id, `"` + m + `"`},
		{"%s", id, m},
		{"%q", id, `"` + m + `"`},
		{"%x", id, m},
		{"%X", id, m},
		{"%d", id, m},
		{"%22v", id, "    " + m},
		{"%-22s|", id, m + "    |"},
		{"%c", id, "%!c(healthedu.CitizenID=" + m + ")"},
		{"%v", &id, m},
		{"%s", &id, m},
		{"%v", rec, "{" + m + " 张三}"},
		{"%+v", rec, "{ID:" + m + " Name:张三}"},
		{"%#v", rec, `healthedu_test.citizenIDRecord{ID:"` + m + `", Name:"张三"}`},
		{"%+v", &rec, "&{ID:" + m + " Name:张三}"},
		{"%v", []healthedu.CitizenID{id, id}, "[" + m + " " + m + "]"},
		{"%v", map[healthedu.CitizenID]int{id: 1}, "map[" + m + ":1]"},
		{"%v", fmt.Stringer(id), m},
	}
	for _, tt := range tests {
		if got := fmt.Sprintf(tt.format, tt.arg); got != tt.want {
			t.Errorf("Sprintf(%q, %T) = %q, want %q", tt.format, tt.arg, got, tt.want)
		}
	}
}

// TestCitizenIDPrivacy prints a CitizenID every way the standard library
// can and checks that its digits never come out in clear. A CitizenID in
// an unexported field, and any under %p, is printed by reflection without
// Format; only the scrambling of its representation keeps those clean.
func TestCitizenIDPrivacy(t *testing.T) {
	id := citizenIDMustParse(t, citizenIDExample)
	rec := citizenIDRecord{ID: id, Name: "张三"}
	args := []any{
		id, &id, rec, &rec, citizenIDHidden{id}, &citizenIDHidden{id}, citizenIDPointer{&id},
		[]healthedu.CitizenID{id}, [1]healthedu.CitizenID{id}, map[healthedu.CitizenID]bool{id: true},
		map[string]any{"id": id}, []any{id, &rec},
	}
	var outputs []string
	for _, arg := range args {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%o", "%b", "%e", "%t", "%p", "%U", "%c", "%T", "%08.3f"} {
			outputs = append(outputs, fmt.Sprintf(verb, arg))
		}
		outputs = append(outputs, fmt.Sprint(arg), fmt.Sprintln(arg))
		if b, err := json.Marshal(arg); err == nil {
			outputs = append(outputs, string(b))
		} else {
			outputs = append(outputs, err.Error())
		}
		for _, h := range []func(*bytes.Buffer) slog.Handler{
			func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
			func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		} {
			var buf bytes.Buffer
			slog.New(h(&buf)).Info("record", "arg", arg)
			outputs = append(outputs, buf.String())
		}
	}
	text, _ := id.MarshalText()
	outputs = append(outputs, string(text), id.String(), id.Masked(), string(id.AppendMasked(nil)), id.LogValue().String())
	_, err := healthedu.ParseCitizenID("110105194912310021") // one wrong character
	outputs = append(outputs, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))

	secrets := []string{
		citizenIDExample, citizenIDExample[:17], citizenIDExampleLegacy,
		citizenIDExample[4:14], // digits 5–14, the ones Masked hides
		"19491231", "491231",   // the birth date
	}
	for _, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("output %q shows %q in clear", out, s)
			}
		}
	}
	if len(outputs) < 250 {
		t.Errorf("only %d outputs checked", len(outputs))
	}
}

func TestCitizenIDText(t *testing.T) {
	in := []byte(`{"id":"11010519491231002X","name":"张三"}`)
	var rec citizenIDRecord
	if err := json.Unmarshal(in, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != citizenIDMustParse(t, citizenIDExample) {
		t.Errorf("decoded %v, want %v", rec.ID, citizenIDExample[:4]+"…")
	}
	out, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"1101**********002X","name":"张三"}`; string(out) != want {
		t.Errorf("Marshal = %s, want %s", out, want)
	}
	// What MarshalText writes cannot be read back.
	err = json.Unmarshal(out, &rec)
	var pe *healthedu.ParseError
	if !errors.As(err, &pe) || pe.Code != "citizenId.syntax" {
		t.Errorf("Unmarshal(masked) error = %v, want citizenId.syntax", err)
	}
	if rec.ID.IsValid() {
		t.Errorf("Unmarshal(masked) left a valid CitizenID")
	}
}

func TestCitizenIDPseudonym(t *testing.T) {
	key1 := []byte("0123456789abcdef0123456789abcdef")
	key2 := []byte("fedcba9876543210fedcba9876543210")
	id := citizenIDMustParse(t, citizenIDExample)
	legacy := citizenIDMustParse(t, citizenIDExampleLegacy)
	lower := citizenIDMustParse(t, "11010519491231002x")
	other := citizenIDMustParse(t, citizenIDWithCheck("11010519491231001"))

	mac := hmac.New(sha256.New, key1)
	mac.Write([]byte(citizenIDExample))
	want := hex.EncodeToString(mac.Sum(nil))

	p := id.Pseudonym(key1)
	if got := p.String(); got != want {
		t.Errorf("Pseudonym = %s, want HMAC-SHA256 of the 18 characters %s", got, want)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"stable", id.Pseudonym(key1) == p},
		{"15- and 18-character forms agree", legacy.Pseudonym(key1) == p},
		{"lower-case x agrees", lower.Pseudonym(key1) == p},
		{"differs across keys", id.Pseudonym(key2) != p},
		{"differs across people", other.Pseudonym(key1) != p},
		{"not zero", !p.IsZero()},
		{"zero for the zero CitizenID", healthedu.CitizenID{}.Pseudonym(key1).IsZero()},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("Pseudonym: %s: false", c.name)
		}
	}
}

func TestParsePseudonym(t *testing.T) {
	p := citizenIDMustParse(t, citizenIDExample).Pseudonym([]byte("key"))
	s := p.String()
	for _, in := range []string{s, strings.ToUpper(s)} {
		got, err := healthedu.ParsePseudonym(in)
		if err != nil || got != p {
			t.Errorf("ParsePseudonym(%q) = %v, %v; want %v", in, got, err, p)
		}
	}
	type doc struct {
		P healthedu.Pseudonym `json:"p,omitzero"`
	}
	b, err := json.Marshal(doc{p})
	if err != nil || string(b) != `{"p":"`+s+`"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	var d doc
	if err := json.Unmarshal(b, &d); err != nil || d.P != p {
		t.Errorf("Unmarshal = %v, %v; want %v", d.P, err, p)
	}
	if b, _ := json.Marshal(doc{}); string(b) != `{}` {
		t.Errorf("Marshal(zero, omitzero) = %s, want {}", b)
	}
	if err := d.P.UnmarshalText(nil); err != nil || !d.P.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v", d.P, err)
	}

	tests := []struct {
		in   string
		want *healthedu.ParseError
	}{
		{"", &healthedu.ParseError{Func: "ParsePseudonym", Input: "", Code: "pseudonym.length",
			Msg: "got 0 bytes, want 64 hexadecimal digits", At: -1}},
		{s[:63], &healthedu.ParseError{Func: "ParsePseudonym", Input: s[:63], Code: "pseudonym.length",
			Msg: "got 63 bytes, want 64 hexadecimal digits", At: -1}},
		{s[:10] + "g" + s[11:], &healthedu.ParseError{Func: "ParsePseudonym", Input: s[:10] + "g" + s[11:], Code: "pseudonym.syntax",
			Msg: "unexpected character 'g', want a hexadecimal digit", At: 10}},
		{s[:62] + "é", &healthedu.ParseError{Func: "ParsePseudonym", Input: s[:62] + "é", Code: "pseudonym.syntax",
			Msg: "unexpected non-ASCII byte, want a hexadecimal digit", At: 62}},
	}
	for _, tt := range tests {
		_, err := healthedu.ParsePseudonym(tt.in)
		var got *healthedu.ParseError
		if !errors.As(err, &got) {
			t.Errorf("ParsePseudonym(%q) error = %v, want *healthedu.ParseError", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParsePseudonym(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// birthDay keeps what TestCitizenIDNoAlloc's call of BirthDate returns.
var birthDay int

func TestCitizenIDNoAlloc(t *testing.T) {
	fullWidth := citizenIDFullWidth(citizenIDExample)
	id := citizenIDMustParse(t, citizenIDExample)
	var buf [32]byte
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseCitizenID/18", func() { healthedu.ParseCitizenID(citizenIDExample) }},
		{"ParseCitizenID/15", func() { healthedu.ParseCitizenID(citizenIDExampleLegacy) }},
		{"ParseCitizenID/fullwidth", func() { healthedu.ParseCitizenID(fullWidth) }},
		{"ParseCitizenIDAsOf", func() { healthedu.ParseCitizenIDAsOf(citizenIDExample, time.Time{}.AddDate(3000, 0, 0)) }},
		{"AppendMasked", func() { id.AppendMasked(buf[:0]) }},
		{"BirthDate", func() { _, _, birthDay = id.BirthDate() }},
		{"Age", func() { id.Age(time.Time{}) }},
		{"ParsePseudonym", func() { healthedu.ParsePseudonym("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff") }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.f); n != 0 {
			t.Errorf("%s allocates %v times, want 0", tt.name, n)
		}
	}
}

func FuzzParseCitizenID(f *testing.F) {
	for _, s := range []string{
		citizenIDExample, citizenIDExampleLegacy, "11010519491231002x", "110105194912310021",
		citizenIDFullWidth(citizenIDExample), "1101**********002X", "", " 11010519491231002X",
		citizenIDWithCheck("11010519490231002"), citizenIDWithCheck("83000020000229004"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := healthedu.ParseCitizenID(s)
		if err != nil {
			var pe *healthedu.ParseError
			if !errors.As(err, &pe) || pe.Func != "ParseCitizenID" || !strings.HasPrefix(pe.Code, "citizenId.") || pe.Msg == "" {
				t.Fatalf("ParseCitizenID(%q) error = %#v", s, err)
			}
			if !creditCodeRuneOffset(pe.Input, pe.At) {
				t.Fatalf("ParseCitizenID(%q) error At %d outside Input %q", s, pe.At, pe.Input)
			}
			// The input keeps its length in runes, with at most the first
			// four and the last four shown.
			in, n := []rune(pe.Input), utf8.RuneCountInString(s)
			if len(in) != n {
				t.Fatalf("ParseCitizenID(%q) error Input %q has %d runes, want %d", s, pe.Input, len(in), n)
			}
			for i := 4; i < n-4; i++ {
				if in[i] != '*' {
					t.Fatalf("ParseCitizenID(%q) error Input %q shows rune %d", s, pe.Input, i)
				}
			}
			if id.IsValid() {
				t.Fatalf("ParseCitizenID(%q) returns a valid CitizenID with an error", s)
			}
			return
		}
		u := id.Unmasked()
		id2, err := healthedu.ParseCitizenID(u)
		if err != nil || id2 != id || len(u) != 18 {
			t.Fatalf("ParseCitizenID(%q).Unmasked() = %q, which parses to %v, %v", s, u, id2, err)
		}
		m := id.Masked()
		if m != u[:4]+"**********"+u[14:] {
			t.Fatalf("ParseCitizenID(%q).Masked() = %q, does not hide digits 5–14", s, m)
		}
		for _, out := range []string{id.String(), fmt.Sprint(id), fmt.Sprintf("%#v", id), fmt.Sprintf("%d", id), id.LogValue().String()} {
			if strings.Contains(out, u[4:14]) {
				t.Fatalf("output %q shows the hidden digits", out)
			}
		}
		y, mo, d := id.BirthDate()
		if got := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC); got.Year() != y || got.Month() != mo || got.Day() != d || y < 1900 {
			t.Fatalf("ParseCitizenID(%q) birth date %d-%d-%d does not exist", s, y, mo, d)
		}
		if _, err := healthedu.ParseCitizenIDAsOf(u, time.Date(y, mo, d, 0, 0, 0, 0, time.FixedZone("", 8*3600))); err != nil {
			t.Fatalf("ParseCitizenIDAsOf(%q, birthday): %v", s, err)
		}
		if id.Sex() != healthedu.Male && id.Sex() != healthedu.Female {
			t.Fatalf("ParseCitizenID(%q).Sex() = %v", s, id.Sex())
		}
	})
}

func BenchmarkParseCitizenID(b *testing.B) {
	for _, bb := range []struct{ name, in string }{
		{"18", citizenIDExample},
		{"15", citizenIDExampleLegacy},
		{"fullwidth", citizenIDFullWidth(citizenIDExample)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := healthedu.ParseCitizenID(bb.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCitizenIDPseudonym(b *testing.B) {
	id := citizenIDMustParse(b, citizenIDExample)
	key := []byte("0123456789abcdef0123456789abcdef")
	b.ReportAllocs()
	for b.Loop() {
		id.Pseudonym(key)
	}
}

func BenchmarkCitizenIDMasked(b *testing.B) {
	id := citizenIDMustParse(b, citizenIDExample)
	b.Run("AppendMasked", func(b *testing.B) {
		var buf [32]byte
		b.ReportAllocs()
		for b.Loop() {
			id.AppendMasked(buf[:0])
		}
	})
	b.Run("Masked", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = id.Masked()
		}
	})
}

func TestCitizenIDFrom(t *testing.T) {
	date := func(s string) healthedu.Date {
		d, err := healthedu.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tt := range []struct {
		area  string
		birth healthedu.Date
		seq   int
		want  string // the number in clear, or the error's code
	}{
		{"371599", date("1980-01-01"), 7, citizenIDWithCheck("37159919800101007")},
		{"371599", date("1980-01-01"), 8, citizenIDWithCheck("37159919800101008")},
		{"110105", date("1949-12-31"), 2, "11010519491231002X"},
		{"371599", date("2000-02-29"), 999, citizenIDWithCheck("37159920000229999")},
		{"371599", date("1980-01-01"), 0, citizenIDWithCheck("37159919800101000")},
		{"991599", date("1980-01-01"), 7, "citizenId.area"},
		{"37159", date("1980-01-01"), 7, "citizenId.length"},
		{"3715a9", date("1980-01-01"), 7, "citizenId.syntax"},
		{"371599", healthedu.Date{}, 7, "citizenId.birthDate"},
		{"371599", date("1899-12-31"), 7, "citizenId.birthDate"},
		{"371599", date("1980-01-01"), 1000, "range"},
		{"371599", date("1980-01-01"), -1, "range"},
	} {
		id, err := healthedu.CitizenIDFrom(tt.area, tt.birth, tt.seq)
		got := id.Unmasked()
		if err != nil {
			got = "range"
			if pe, ok := err.(*healthedu.ParseError); ok {
				got = pe.Code
			}
		}
		if got != tt.want {
			t.Errorf("CitizenIDFrom(%q, %v, %d) = %q, %v; want %q", tt.area, tt.birth, tt.seq, got, err, tt.want)
		}
		if err == nil && (id.Sex() == healthedu.Female) != (tt.seq%2 == 0) {
			t.Errorf("CitizenIDFrom(%q, %v, %d): sex %v", tt.area, tt.birth, tt.seq, id.Sex())
		}
	}
}
