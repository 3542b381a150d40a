package jsonwire

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type readerTestText string

func (t *readerTestText) UnmarshalText(b []byte) error {
	if string(b) == "bad" {
		return errors.New("bad text")
	}
	*t = readerTestText(b)
	return nil
}

type readerTestValue struct {
	Name string         `json:"name" jsonschema:"minLength=1"`
	Text readerTestText `json:"text,omitempty"`
	At   time.Time      `json:"at,omitzero"`
}

// readerTestFaults reads data into a readerTestValue with hooks and
// describes its faults.
func readerTestFaults(data string, hooks *Hooks) ([]string, int) {
	st := Reader{Hooks: hooks}
	st.Reset([]byte(data), 3, nil)
	var v readerTestValue
	st.DecodeObject(FieldsOf(reflect.TypeFor[readerTestValue]()), reflect.ValueOf(&v).Elem())
	st.Finish()
	var out []string
	for _, f := range st.Faults() {
		out = append(out, f.Code+" "+f.Pointer+" L"+strings.Repeat("I", f.Line))
	}
	return out, st.Errors()
}

func TestReaderHooks(t *testing.T) {
	in := `{"name":"","text":"bad",` + "\n" + `"at":"1850-01-01T00:00:00Z","x":1} 2`
	got, errs := readerTestFaults(in, nil)
	want := []string{"json.length /name LIII", "json.format /text LIII", "json.unknownField /x LIIII", "json.trailingData  LIIII"}
	if diff := cmp.Diff(want, got); diff != "" || errs != 4 {
		t.Errorf("without hooks, %d errors (-want +got):\n%s", errs, diff)
	}

	hooks := &Hooks{
		IsError: func(code string) bool { return code != "test.old" },
		ValueError: func(err error) (string, map[string]any) {
			return "test.text", map[string]any{"err": err.Error()}
		},
		Time: func(t time.Time) (string, map[string]any) {
			if t.Year() < 1900 {
				return "test.old", nil
			}
			return "", nil
		},
	}
	got, errs = readerTestFaults(in, hooks)
	want = []string{"json.length /name LIII", "test.text /text LIII", "test.old /at LIIII", "json.unknownField /x LIIII", "json.trailingData  LIIII"}
	if diff := cmp.Diff(want, got); diff != "" || errs != 4 {
		t.Errorf("with hooks, %d errors (-want +got):\n%s", errs, diff)
	}
}

func TestStreamFormats(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		{"ndjson", "{\"a\":1}\n\n[2]\n", []string{"L1 {\"a\":1}", "L3 [2]"}},
		{"array", "\uFEFF[\n{\"a\":1},\n2\n] x", []string{"L2 {\"a\":1}", "L3 2", "L4 json.trailingData"}},
		{"document", "{\n\"a\": 1\n}\n", []string{"L1 {\n\"a\": 1\n}"}},
		{"too large", "[\"0123456789abcdef\", 1]", []string{"L1 json.tooLarge", "L1 1"}},
		{"array not closed", "[1,", []string{"L1 1", "L1 json.unexpectedEnd"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStream(strings.NewReader(tt.in), 16, nil)
			var got []string
			for s.Next() {
				it := s.Item()
				if it.Data == nil {
					got = append(got, "L"+strconv.Itoa(it.Line)+" "+it.Fault.Code)
					continue
				}
				s.Reader().SkipValue()
				got = append(got, "L"+strconv.Itoa(it.Line)+" "+string(it.Data))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" || s.Err() != nil {
				t.Errorf("items (-want +got):\n%s%v", diff, s.Err())
			}
		})
	}
}
