package jsonwire

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecodeDocument(t *testing.T) {
	type doc struct {
		A int `json:"a"`
	}
	tests := []struct {
		name string
		in   string
		want doc
		err  string // "" for none
	}{
		{"one object", `{"a": 1}`, doc{A: 1}, ""},
		{"white space after", "{\"a\": 2}\n\t ", doc{A: 2}, ""},
		{"unknown member", `{"a": 1, "b": 2}`, doc{A: 1}, `json: unknown field "b"`},
		{"wrong type", `{"a": "1"}`, doc{}, "json: cannot unmarshal string into Go struct field doc.a of type int"},
		{"syntax", `{"a": 1`, doc{A: 1}, "unexpected EOF"},
		{"another value after", `{"a": 1} {}`, doc{A: 1}, "data after the top-level object"},
		{"garbage after", `{"a": 1} x`, doc{A: 1}, "data after the top-level object"},
		{"empty", ``, doc{}, "EOF"},
	}
	for _, tt := range tests {
		var got doc
		err := DecodeDocument([]byte(tt.in), &got)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if diff := cmp.Diff(tt.err, msg); diff != "" {
			t.Errorf("%s: error (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.want, got); tt.err == "" && diff != "" {
			t.Errorf("%s: value (-want +got):\n%s", tt.name, diff)
		}
	}
	var te *json.UnmarshalTypeError
	if err := DecodeDocument([]byte(`{"a": true}`), new(doc)); !errors.As(err, &te) || te.Offset != 10 {
		t.Errorf("a wrong type: %v; want a *json.UnmarshalTypeError at offset 10", err)
	}
}
