package dhis2_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
	"github.com/jiceng/jiceng/indicators/internal/exporttest"
	"golang.org/x/text/language"
)

func dhis2TestMapping(t testing.TB) *dhis2.Mapping {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "mapping.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := dhis2.LoadMapping(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadMapping(t *testing.T) {
	m := dhis2TestMapping(t)
	var b bytes.Buffer
	if err := m.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := `kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant
scheme,idScheme,UID,,
element,activities[form=lecture],Tg9KpLm1NhG,Vr2CxWb5QjH,false
element,activities[topic=falls],-,,
element,children-0-6,Kx3VhNqP0aB,,true
element,children-0-6-managed,Mb7RtYw2LcD,,false
element,lectures,Qd4FzHs8JeF,,false
division,371502001000,DiszpKrYNg8,,
division,371502002000,FNnj3jKGS7i,,
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteCSV (-want +got):\n%s", diff)
	}
	again, err := dhis2.LoadMapping(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var b2 bytes.Buffer
	again.WriteCSV(&b2)
	if b2.String() != b.String() {
		t.Errorf("WriteCSV does not round-trip:\n%s", b2.String())
	}
}

func TestLoadMappingErrors(t *testing.T) {
	const (
		header     = "kind,jiceng,dhis2\n"
		header2    = "kind,jiceng,dhis2,categoryOptionCombo,zeroIsSignificant\n"
		codeHeader = header2 + "scheme,idScheme,CODE\n# codes\n"
	)
	tests := []struct {
		name, in, want string
		parse          bool   // the error wraps a *healthedu.ParseError
		issue          string // the issue's code, path and line, when not parse
	}{
		{"empty", "", "empty input; want a header line kind,jiceng,dhis2", false, "dhis2.mapping.header  0"},
		{"header", "code,name\n", `line 1: header ["code" "name"] lacks column kind; want kind,jiceng,dhis2`, false, "dhis2.mapping.header  1"},
		{"header twice", "kind,jiceng,dhis2,dhis2\n", "line 1: column dhis2 twice in the header", false, "dhis2.mapping.header  1"},
		{"fields", header + "element,lectures\n", "line 2: 2 fields, want kind,jiceng,dhis2", false, "dhis2.mapping.fields  2"},
		{"kind", header + "indicator,binding-rate,Ab3dEf6hIj9\n", `line 2: unknown kind "indicator", want scheme, default, element or division`, false, "dhis2.mapping.kind /kind 2"},
		{"series syntax", header + "element,Lectures,Ab3dEf6hIj9\n", `line 2: series "Lectures": healthedu.ParseExpression("Lectures"): element codes are lower case (at offset 0)`, true, ""},
		{"series sum", header + "element,lectures + consultations,Ab3dEf6hIj9\n", `line 2: series "lectures + consultations": want one element code`, false, "dhis2.mapping.series /jiceng 2"},
		{"series sign", header + "element,-lectures,Ab3dEf6hIj9\n", `line 2: series "-lectures": want one element code`, false, "dhis2.mapping.series /jiceng 2"},
		{"series space", header + "element,activities[ form=lecture],Ab3dEf6hIj9\n", `line 2: series "activities[ form=lecture]": want one element code`, false, "dhis2.mapping.series /jiceng 2"},
		{"operand empty", header + "element,lectures,\n", `line 2: series lectures: data element "": empty identifier`, false, "dhis2.mapping.uid /dhis2 2"},
		{"operand dots", header + "element,lectures,Ab3dEf6hIj9.Cd4.Ef5\n", `line 2: series lectures: category option combination "Cd4.Ef5": unexpected character '.' at character 4; a UID has letters and digits only`, false, "dhis2.mapping.uid /categoryOptionCombo 2"},
		{"operand trailing dot", header + "element,lectures,Ab3dEf6hIj9.\n", `category option combination "."`, false, "dhis2.mapping.uid /categoryOptionCombo 2"},
		{"operand space", header + "element,lectures,\"Ab3 dEf6hIj9\"\n", `line 2: series lectures: data element "Ab3 dEf6hIj9": unexpected character ' ' at character 4`, false, "dhis2.mapping.uid /dhis2 2"},
		// A whole character, never a byte of it.
		{"operand non-ASCII", header + "element,lectures,讲座\n", `line 2: series lectures: data element "讲座": a UID starts with a letter, not '讲'`, false, "dhis2.mapping.uid /dhis2 2"},
		{"operand non-ASCII later", header + "element,lectures,Ab3dEf6hI讲\n", `unexpected character '讲' at character 10`, false, "dhis2.mapping.uid /dhis2 2"},
		{"operand short", header + "element,lectures,x\n", `data element "x": 1 characters; a UID has 11`, false, "dhis2.mapping.uid /dhis2 2"},
		{"operand long", header + "element,lectures," + strings.Repeat("A", 12) + "\n", "12 characters; a UID has 11", false, "dhis2.mapping.uid /dhis2 2"},
		{"operand digit first", header + "element,lectures,1b3dEf6hIj9\n", "a UID starts with a letter, not '1'", false, "dhis2.mapping.uid /dhis2 2"},
		{"org unit not UID", header + "division,371502001,古楼街道\n", `organisation unit "古楼街道": a UID starts with a letter, not '古'`, false, "dhis2.mapping.uid /dhis2 2"},
		{"code long", codeHeader + "element,lectures," + strings.Repeat("讲", 51) + "\n", "51 characters, longer than 50", false, "dhis2.mapping.code /dhis2 4"},
		{"code control", codeHeader + "element,lectures,\"a\tb\"\n", `unexpected control character '\t'`, false, "dhis2.mapping.code /dhis2 4"},
		{"division", header + "division,3715x1,DiszpKrYNg8\n", `line 2: healthedu.ParseDivisionCode("3715x1")`, true, ""},
		{"series twice", header + "element,lectures,Ab3dEf6hIj9\n# again\nelement,lectures,Cd3dEf6hIj9\n", "line 4: series lectures mapped twice (line 2)", false, "dhis2.mapping.twice /jiceng 4"},
		{"division twice", header + "division,371502001,DiszpKrYNg8\ndivision,371502001000,FNnj3jKGS7i\n", "line 3: division 371502001000 mapped twice (line 2)", false, "dhis2.mapping.twice /jiceng 3"},
		{"operand twice", header + "element,lectures,Ab3dEf6hIj9\nelement,consultations,Ab3dEf6hIj9\n", "line 3: series consultations: data element operand Ab3dEf6hIj9 already mapped from series lectures (line 2)", false, "dhis2.mapping.idTwice /dhis2 3"},
		{"org unit twice", header + "division,371502001,DiszpKrYNg8\ndivision,371502002,DiszpKrYNg8\n", `line 3: division 371502002000: organisation unit "DiszpKrYNg8" already mapped from division 371502001000 (line 2)`, false, "dhis2.mapping.idTwice /dhis2 3"},
		{"zero", header2 + "element,lectures,Ab3dEf6hIj9,,yes\n", `zeroIsSignificant "yes", want true, false or nothing`, false, "dhis2.mapping.zero /zeroIsSignificant 2"},
		{"zero disagrees", header2 + "element,activities[form=lecture],Ab3dEf6hIj9,Cd3dEf6hIj9,true\nelement,activities,Ab3dEf6hIj9,,false\n", `data element "Ab3dEf6hIj9" is zero-significant for one series and not for another (line 2)`, false, "dhis2.mapping.zeroDisagree /zeroIsSignificant 3"},
		{"combo on division", header2 + "division,371502001,DiszpKrYNg8,Cd3dEf6hIj9\n", "a category option combination on a division line", false, "dhis2.mapping.combo /categoryOptionCombo 2"},
		{"combo on skip", header2 + "element,lectures,-,Cd3dEf6hIj9\n", "a category option combination for a series not taken", false, "dhis2.mapping.combo /categoryOptionCombo 2"},
		{"scheme unknown", header + "scheme,idScheme,NAME\n", `scheme idScheme: "NAME" is not UID, CODE or ATTRIBUTE: and an attribute UID`, false, "dhis2.mapping.scheme /dhis2 2"},
		{"scheme name", header + "scheme,categoryIdScheme,CODE\n", `unknown scheme "categoryIdScheme"`, false, "dhis2.mapping.scheme /jiceng 2"},
		{"scheme attribute", header + "scheme,idScheme,ATTRIBUTE:x\n", `"ATTRIBUTE:x" is not UID`, false, "dhis2.mapping.scheme /dhis2 2"},
		{"scheme late", header + "element,lectures,Ab3dEf6hIj9\nscheme,idScheme,CODE\n", "a scheme line after identifiers were mapped", false, "dhis2.mapping.schemeLate /kind 3"},
		{"default twice", header + "default,categoryOptionCombo,Cd3dEf6hIj9\ndefault,categoryOptionCombo,Ef3dEf6hIj9\n", "line 3: default categoryOptionCombo already named on line 2", false, "dhis2.mapping.twice /kind 3"},
		{"default kind", header + "default,dataSet,Cd3dEf6hIj9\n", `default "dataSet", want default,categoryOptionCombo`, false, "dhis2.mapping.kind /jiceng 2"},
		{"csv", header + "element,\"lectures,Ab3dEf6hIj9\n", "extraneous or missing \" in quoted-field", false, "dhis2.mapping.csv  0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dhis2.LoadMapping(strings.NewReader(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "dhis2: mapping: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			var pe *healthedu.ParseError
			if got := errors.As(err, &pe); got != tt.parse {
				t.Errorf("errors.As(*healthedu.ParseError) = %v, want %v", got, tt.parse)
			}
			if tt.parse {
				return
			}
			is := err.(interface{ Issue() healthedu.Issue }).Issue()
			if got := fmt.Sprintf("%s %s %d", is.Code, is.Path, is.Line); got != tt.issue {
				t.Errorf("issue %s, want %s", got, tt.issue)
			}
			for _, lang := range []string{"zh-Hans", "zh-Hant", "en"} {
				if msg := is.Message(language.MustParse(lang)); strings.Contains(msg, "{") || strings.Contains(msg, "%!") {
					t.Errorf("%s message %q lacks a param", lang, msg)
				}
			}
		})
	}
}

func TestMappingMapErrors(t *testing.T) {
	var m dhis2.Mapping
	if err := m.MapDivision(healthedu.DivisionCode{}, "DiszpKrYNg8"); err == nil || err.Error() != "dhis2: mapping: no division" {
		t.Errorf("MapDivision(zero) = %v", err)
	}
	if err := m.MapElement("lectures", "Qd4FzHs8JeF"); err != nil {
		t.Fatal(err)
	}
	if err := m.MapElement("lectures", "Qd4FzHs8JeF"); err == nil || err.Error() != "dhis2: mapping: series lectures mapped twice" {
		t.Errorf("MapElement twice = %v", err)
	}
	if err := m.SetSchemes(dhis2.Schemes{ID: dhis2.Code}); err == nil {
		t.Error("SetSchemes after MapElement: no error")
	}
	if err := m.MapOperand("consultations", dhis2.Operand{DataElement: "Qd4FzHs8JeF", CategoryOptionCombo: "Vr2CxWb5QjH"}); err != nil {
		t.Error(err)
	}
	if err := m.SetDefaultCombo("Vr2CxWb5QjH"); err == nil {
		t.Error("SetDefaultCombo of a mapped combination: no error")
	}
}

func TestWriteDataValueSet(t *testing.T) {
	m := dhis2TestMapping(t)
	s := exporttest.Store(t,
		exporttest.Value("children-0-6", "371502001", "202509", 3120),
		exporttest.Value("children-0-6-managed", "371502001", "202509", 3008),
		exporttest.Value("children-0-6", "371502002", "202509", 2875),
		exporttest.Value("lectures", "371502001", "202509", 2),
		exporttest.Value("lectures", "371502001", "202510", 1),
		exporttest.Value("lectures", "371502001", "202511B", 5), // a bi-month, as DHIS2 writes it
		exporttest.Value("activities[form=lecture]", "371502001", "202509", 2),
		exporttest.Value("activities[topic=falls]", "371502001", "202509", 1), // mapped to "-"
		exporttest.Value("lectures", "371502003", "202509", 1),                // 新区街道: no organisation unit
		exporttest.Value("pushes", "371502001", "202509", 1204),               // no data element
		exporttest.Value("pushes", "371502003", "202509", 310),                // neither
		exporttest.Value("lectures", "371502002", "202509", 0),                // zero, not significant
		exporttest.Value("children-0-6", "371502002", "202510", 0),            // zero, significant
	)
	var b bytes.Buffer
	err := m.WriteDataValueSet(&b, s.Values())
	want := `{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataValues":[
{"dataElement":"Tg9KpLm1NhG","period":"202509","orgUnit":"DiszpKrYNg8","categoryOptionCombo":"Vr2CxWb5QjH","value":"2"},
{"dataElement":"Kx3VhNqP0aB","period":"202509","orgUnit":"DiszpKrYNg8","value":"3120"},
{"dataElement":"Kx3VhNqP0aB","period":"202509","orgUnit":"FNnj3jKGS7i","value":"2875"},
{"dataElement":"Kx3VhNqP0aB","period":"202510","orgUnit":"FNnj3jKGS7i","value":"0"},
{"dataElement":"Mb7RtYw2LcD","period":"202509","orgUnit":"DiszpKrYNg8","value":"3008"},
{"dataElement":"Qd4FzHs8JeF","period":"202509","orgUnit":"DiszpKrYNg8","value":"2"},
{"dataElement":"Qd4FzHs8JeF","period":"202510","orgUnit":"DiszpKrYNg8","value":"1"},
{"dataElement":"Qd4FzHs8JeF","period":"202511B","orgUnit":"DiszpKrYNg8","value":"5"}
]}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteDataValueSet (-want +got):\n%s", diff)
	}
	var ue *dhis2.UnmappedError
	if !errors.As(err, &ue) {
		t.Fatalf("error %v, want a *DHIS2UnmappedError", err)
	}
	wantErr := &dhis2.UnmappedError{
		Values:    3,
		Series:    []string{"pushes"},
		Divisions: []healthedu.DivisionCode{healthedu.MustParseDivisionCode("371502003")},
	}
	if diff := cmp.Diff(wantErr, ue, cmp.Comparer(func(a, b healthedu.DivisionCode) bool { return a == b })); diff != "" {
		t.Errorf("unmapped (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), "dhis2: 3 data values not mapped to DHIS2; no data element for pushes; no organisation unit for 371502003000"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}

	// Nothing to write: an empty list, and no error.
	b.Reset()
	if err := m.WriteDataValueSet(&b, exporttest.Store(t).Values()); err != nil || b.String() != `{"idScheme":"UID","dataElementIdScheme":"UID","orgUnitIdScheme":"UID","dataValues":[]}`+"\n" {
		t.Errorf("empty store: %q, %v", b.String(), err)
	}
}

func TestUnmappedErrorLong(t *testing.T) {
	e := &dhis2.UnmappedError{Values: 9, Series: []string{"a", "b", "c", "d", "e", "f", "g"}}
	want := "dhis2: 9 data values not mapped to DHIS2; no data element for a, b, c, d, e and 2 more"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}

// TestDHIS2Shape checks the document against the published examples of
// the DHIS2 documentation: the same field names, nesting and JSON types.
func TestShape(t *testing.T) {
	published := exporttest.PublishedShape(t,
		filepath.Join("testdata", "datavalueset-bulk.json"),
		filepath.Join("testdata", "datavalueset-format.json"),
		filepath.Join("testdata", "datavalueset-idschemes.json"))
	bulk := exporttest.PublishedShape(t, filepath.Join("testdata", "datavalueset-bulk.json"))

	m := dhis2TestMapping(t)
	s := exporttest.Store(t,
		exporttest.Value("lectures", "371502001", "202509", 2),
		exporttest.Value("activities[form=lecture]", "371502002", "2025Q3", 5),
	)
	var b bytes.Buffer
	if err := m.WriteDataValueSet(&b, s.Values()); err != nil {
		t.Fatal(err)
	}
	got := exporttest.Shape(t, b.Bytes())
	for p, k := range got {
		if published[p] != k {
			t.Errorf("%s is %s; the published examples have %q", p, k, published[p])
		}
	}
	// Every field of the bulk form is there.
	for p, k := range bulk {
		if got[p] != k {
			t.Errorf("the bulk example has %s (%s); the output has %q", p, k, got[p])
		}
	}
}

func FuzzLoadMapping(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "mapping.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data))
	f.Add("kind,jiceng,dhis2\nelement,activities[group=elderly],Ab3dEf6hIj9.Xy\ndivision,3715,-\n")
	f.Add("\uFEFFkind,jiceng,dhis2\n\"element\",\"a-b[c=d]\",\"e\"\n")
	f.Add("kind,jiceng,dhis2\nelement,a[b=c,d\n")
	f.Fuzz(func(t *testing.T, in string) {
		m, err := dhis2.LoadMapping(strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "dhis2: mapping: ") {
				t.Errorf("error without prefix: %v", err)
			}
			return
		}
		var b1, b2 bytes.Buffer
		if err := m.WriteCSV(&b1); err != nil {
			t.Fatal(err)
		}
		m2, err := dhis2.LoadMapping(bytes.NewReader(b1.Bytes()))
		if err != nil {
			t.Fatalf("WriteCSV output does not load: %v\n%s", err, b1.String())
		}
		m2.WriteCSV(&b2)
		if b1.String() != b2.String() {
			t.Errorf("round trip:\n%s\n%s", b1.String(), b2.String())
		}
	})
}

func BenchmarkWriteDataValueSet(b *testing.B) {
	var m dhis2.Mapping
	s := indicators.NewStore(indicators.DefaultCatalogue())
	elements := []string{"children-0-6", "children-0-6-managed", "lectures", "pushes"}
	for i, e := range elements {
		if err := m.MapElement(e, fmt.Sprintf("De%09d", i)); err != nil {
			b.Fatal(err)
		}
	}
	reg := healthedu.DefaultRegistry()
	towns := indicators.DivisionsAt(reg, healthedu.MustParseDivisionCode("37"), healthedu.LevelTownship)
	for i, d := range towns {
		if err := m.MapDivision(d, fmt.Sprintf("Ou%09d", i)); err != nil {
			b.Fatal(err)
		}
		for _, e := range elements {
			for month := 1; month <= 12; month++ {
				v := indicators.DataValue{Element: e, Division: d, Period: healthedu.MonthPeriod(2025, time.Month(month)), Value: int64(i + month)}
				if err := s.Add(v); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	values := slices.Collect(s.Values())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := m.WriteDataValueSet(io.Discard, slices.Values(values)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(values))*float64(b.N)/b.Elapsed().Seconds(), "values/s")
}

// A citizen ID number typed where a division code belongs does not show in
// the error.
func TestLoadMappingMasksCitizenIDs(t *testing.T) {
	var id string
	for _, c := range "0123456789X" {
		if _, err := healthedu.ParseCitizenID("37150219800315123" + string(c)); err == nil {
			id = "37150219800315123" + string(c)
		}
	}
	for _, line := range []string{"division," + id + ",DiszpKrYNg8", "element," + id + ",Qd4FzHs8JeF"} {
		_, err := dhis2.LoadMapping(strings.NewReader("kind,jiceng,dhis2\n" + line + "\n"))
		if err == nil || strings.Contains(err.Error(), id) || !strings.Contains(err.Error(), "3715**********") {
			t.Errorf("%s: error %v", line, err)
		}
	}
}
