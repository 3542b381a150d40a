package healthedu

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestExchangeKinds(t *testing.T) {
	kinds := ExchangeKinds()
	want := map[Kind]reflect.Type{
		KindActivity:       reflect.TypeFor[*Activity](),
		KindMonthlyReport:  reflect.TypeFor[*MonthlyReport](),
		KindBinding:        reflect.TypeFor[*Binding](),
		KindLiteracySurvey: reflect.TypeFor[*LiteracySurvey](),
		KindHealthCell:     reflect.TypeFor[*HealthCell](),
	}
	if len(kinds) != len(want) {
		t.Fatalf("%d kinds, want %d", len(kinds), len(want))
	}
	if err := kinds.check(); err != nil {
		t.Fatal(err)
	}
	for _, info := range kinds {
		if got := reflect.TypeOf(info.New()); got != want[info.Kind] {
			t.Errorf("kind %q: New returns %v, want %v", info.Kind, got, want[info.Kind])
		}
		if got, ok := kinds.Lookup(info.Kind); !ok || got.Kind != info.Kind {
			t.Errorf("Lookup(%q) = %v, %v", info.Kind, got.Kind, ok)
		}
	}
	if _, ok := kinds.Lookup("household"); ok {
		t.Error(`Lookup("household") found a kind this package does not define`)
	}
	var names []string
	for _, info := range kinds.Sorted() {
		names = append(names, string(info.Kind))
	}
	if diff := cmp.Diff(decodeTestKinds(), names); diff != "" {
		t.Errorf("Sorted (-want +got):\n%s", diff)
	}
	kinds[0].Kind = "changed"
	if exchangeKinds[0].Kind == "changed" {
		t.Error("ExchangeKinds returns the package's list")
	}
}

// recordTestNote is a record kind of another package, for the Decoder's
// kinds.
type recordTestNote struct {
	Header
	Text string `json:"text" jsonschema:"minLength=1"`
}

func (*recordTestNote) RecordDivision() DivisionCode   { return DivisionCode{} }
func (*recordTestNote) RecordPeriod() (Period, string) { return Period{}, "" }
func (*recordTestNote) Check(*Validator) []Issue       { return nil }

var recordTestNoteKind = KindInfo{
	Kind:  "note",
	Names: LocalizedText{ZhHans: "备注", ZhHant: "備註", En: "note"},
	New:   func() Record { return new(recordTestNote) },
}

func TestDecodeOptionsKinds(t *testing.T) {
	note := `{"schemaVersion":"1","kind":"note","id":"N-1","text":"x"}`
	act := decodeTestActivity(t)
	in := note + "\n" + act + "\n"

	// By default the exchange kinds, and only they.
	d := NewDecoder(strings.NewReader(in), DecodeOptions{})
	var got []Issue
	for d.Next() {
		got = append(got, d.Decoded().Issues...)
	}
	want := []Issue{{SeverityError, "document.kind", "/kind", map[string]any{"value": "note", "allowed": decodeTestKinds()}, 1}}
	if diff := cmp.Diff(want, got); diff != "" || d.Err() != nil {
		t.Errorf("default kinds (-want +got):\n%s%v", diff, d.Err())
	}

	// A list of one's own.
	d = NewDecoder(strings.NewReader(in), DecodeOptions{Kinds: Kinds{recordTestNoteKind}})
	if !d.Next() {
		t.Fatal(d.Err())
	}
	if r, ok := d.Decoded().Record.(*recordTestNote); !ok || r.Text != "x" || r.Kind != "note" || r.ID != "N-1" {
		t.Errorf("note decoded as %#v, issues %v", d.Decoded().Record, d.Decoded().Issues)
	}
	if !d.Next() {
		t.Fatal(d.Err())
	}
	want = []Issue{{SeverityError, "document.kind", "/kind", map[string]any{"value": "activity", "allowed": []string{"note"}}, 2}}
	if diff := cmp.Diff(want, d.Decoded().Issues); diff != "" || d.Decoded().Kind != KindActivity {
		t.Errorf("activity among the notes (-want +got):\n%s", diff)
	}

	// The exchange kinds and one's own.
	d = NewDecoder(strings.NewReader(in), DecodeOptions{Kinds: append(ExchangeKinds(), recordTestNoteKind)})
	for i := 0; d.Next(); i++ {
		if d.Decoded().Record == nil {
			t.Errorf("record %d: %v", i, d.Decoded().Issues)
		}
	}

	// No kinds at all.
	d = NewDecoder(strings.NewReader(act), DecodeOptions{Kinds: Kinds{}})
	if !d.Next() {
		t.Fatal(d.Err())
	}
	want = []Issue{{SeverityError, "document.kind", "/kind", map[string]any{"value": "activity", "allowed": []string{}}, 1}}
	if diff := cmp.Diff(want, d.Decoded().Issues); diff != "" {
		t.Errorf("no kinds (-want +got):\n%s", diff)
	}
}

func TestDecodeOptionsKindsInvalid(t *testing.T) {
	incomplete := recordTestNoteKind
	incomplete.Names.En = ""
	noNew := recordTestNoteKind
	noNew.New = nil
	for _, tt := range []struct {
		name  string
		kinds Kinds
		want  string
	}{
		{"twice", append(ExchangeKinds(), recordTestNoteKind, recordTestNoteKind), `kind "note" given twice`},
		{"exchange kind twice", append(ExchangeKinds(), exchangeKinds[2]), `kind "binding" given twice`},
		{"a name missing", Kinds{incomplete}, `kind "note": incomplete KindInfo`},
		{"no New", Kinds{noNew}, `kind "note": incomplete KindInfo`},
		{"no kind", Kinds{{Names: recordTestNoteKind.Names, New: recordTestNoteKind.New}}, `kind "": incomplete KindInfo`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDecoder(strings.NewReader(decodeTestActivity(t)), DecodeOptions{Kinds: tt.kinds})
			if d.Next() {
				t.Fatalf("Next read %+v", d.Decoded())
			}
			if err := d.Err(); err == nil || err.Error() != "healthedu: NewDecoder: "+tt.want {
				t.Errorf("Err() = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRecordDivisionAndPeriod(t *testing.T) {
	div := MustParseDivisionCode("371502001")
	cst := func(y int, m time.Month, d, h int) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, ChinaStandardTime)
	}
	late := cst(2025, 11, 2, 9)
	early := cst(2025, 9, 30, 9)
	ancient := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(y int, m time.Month, d int) Date {
		dt, ok := NewDate(y, m, d)
		if !ok {
			t.Fatalf("NewDate(%d, %d, %d) failed", y, m, d)
		}
		return dt
	}
	namedOn := date(2024, 5, 1)
	tests := []struct {
		name   string
		rec    Record
		div    DivisionCode
		period string
		path   string
	}{
		{"activity", &Activity{Division: div, Start: time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC)}, div, "202510", "/start"},
		{"activity without a start", &Activity{Division: div}, div, "", "/start"},
		{"activity of year 1", &Activity{Start: ancient}, DivisionCode{}, "", "/start"},
		{"monthly report", &MonthlyReport{Division: div, Period: MustParsePeriod("202510")}, div, "202510", "/period"},
		{"quarterly report", &MonthlyReport{Division: div, Period: MustParsePeriod("2025Q4")}, div, "", "/period"},
		{"monthly report without a period", &MonthlyReport{Division: div}, div, "", "/period"},
		{"binding", &Binding{Division: div, BoundAt: early}, div, "202509", "/boundAt"},
		{"binding unbound later", &Binding{Division: div, BoundAt: early, UnboundAt: &late}, div, "202511", "/unboundAt"},
		{"binding unbound before", &Binding{Division: div, BoundAt: late, UnboundAt: &early}, div, "202511", "/boundAt"},
		{"binding without a time", &Binding{Division: div}, div, "", "/boundAt"},
		{"binding unbound in year 1", &Binding{BoundAt: ancient, UnboundAt: &ancient}, DivisionCode{}, "", "/boundAt"},
		{"literacy survey", &LiteracySurvey{Division: div, SurveyedOn: date(2025, 6, 30)}, div, "202506", "/surveyedOn"},
		{"literacy survey without a date", &LiteracySurvey{Division: div}, div, "", "/surveyedOn"},
		{"health cell", &HealthCell{Division: div, Year: 2024, NamedOn: &namedOn}, div, "2024", "/year"},
		{"health cell without a year", &HealthCell{Division: div}, div, "", "/year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rec.RecordDivision(); got != tt.div {
				t.Errorf("RecordDivision() = %v, want %v", got, tt.div)
			}
			p, path := tt.rec.RecordPeriod()
			got := ""
			if p.IsValid() {
				got = p.String()
			} else if p != (Period{}) {
				t.Errorf("RecordPeriod() = %#v, neither valid nor zero", p)
			}
			if got != tt.period || path != tt.path {
				t.Errorf("RecordPeriod() = %q, %q; want %q, %q", got, path, tt.period, tt.path)
			}
		})
	}
}
