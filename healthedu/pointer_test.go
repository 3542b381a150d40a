package healthedu

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPointer(t *testing.T) {
	tests := []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{""}, "/"},
		{[]string{"", ""}, "//"},
		{[]string{"a/b"}, "/a~1b"},
		{[]string{"m~n"}, "/m~0n"},
		{[]string{"~1"}, "/~01"},
		{[]string{"~0"}, "/~00"},
		{[]string{"/~"}, "/~1~0"},
		{[]string{"~/"}, "/~0~1"},
		{[]string{"activities", "3", "venue", "division"}, "/activities/3/venue/division"},
		{[]string{"居民", "公民身份号码"}, "/居民/公民身份号码"},
		{[]string{"a b", "c%d", "e\"f", "g\\h", "i^j", "k|l", " "}, `/a b/c%d/e"f/g\h/i^j/k|l/ `},
	}
	for _, tt := range tests {
		got := Pointer(tt.tokens...)
		if got != tt.want {
			t.Errorf("Pointer(%q) = %q, want %q", tt.tokens, got, tt.want)
		}
		back, err := SplitPointer(got)
		if err != nil {
			t.Errorf("SplitPointer(%q) = %v", got, err)
			continue
		}
		if diff := cmp.Diff(tt.tokens, back, cmpEmptyEqual); diff != "" {
			t.Errorf("SplitPointer(%q) mismatch (-want +got):\n%s", got, diff)
		}
	}
}

// cmpEmptyEqual makes a nil and an empty token list equal.
var cmpEmptyEqual = cmp.FilterValues(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 }, cmp.Ignore())

func TestAppendPointerToken(t *testing.T) {
	b := []byte("/records")
	b = AppendPointerToken(b, "0")
	b = AppendPointerToken(b, "a/b~c")
	if got, want := string(b), "/records/0/a~1b~0c"; got != want {
		t.Errorf("AppendPointerToken chain = %q, want %q", got, want)
	}
}

func TestAppendPointerTokenNoAlloc(t *testing.T) {
	var buf [64]byte
	allocs := testing.AllocsPerRun(100, func() {
		b := AppendPointerToken(buf[:0], "activities")
		b = AppendPointerToken(b, "a/b~c")
		_ = b
	})
	if allocs != 0 {
		t.Errorf("AppendPointerToken allocates %v times, want 0", allocs)
	}
}

func TestSplitPointer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"//", []string{"", ""}},
		{"/a~1b", []string{"a/b"}},
		{"/m~0n", []string{"m~n"}},
		{"/~01", []string{"~1"}},
		{"/~10", []string{"/0"}},
		{"/a/~0~1~0/c", []string{"a", "~/~", "c"}},
		{"/records/0/citizenId", []string{"records", "0", "citizenId"}},
		// RFC 6901 section 5 examples.
		{"/foo/0", []string{"foo", "0"}},
		{"/a~1b", []string{"a/b"}},
		{"/c%d", []string{"c%d"}},
		{"/ ", []string{" "}},
	}
	for _, tt := range tests {
		got, err := SplitPointer(tt.in)
		if err != nil {
			t.Errorf("SplitPointer(%q) = %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("SplitPointer(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if back := Pointer(got...); back != tt.in {
			t.Errorf("Pointer(SplitPointer(%q)) = %q", tt.in, back)
		}
	}
}

func TestSplitPointerError(t *testing.T) {
	tests := []struct {
		in   string
		msg  string
		at   int
		text string
	}{
		{"a", "pointer must be empty or start with '/'", 0,
			`healthedu.SplitPointer("a"): pointer must be empty or start with '/' (at offset 0)`},
		{"#/a", "pointer must be empty or start with '/'", 0, ""},
		{"/~", `'~' at the end of a token, want "~0" or "~1"`, 1, ""},
		{"/a~/b", `'~' at the end of a token, want "~0" or "~1"`, 2, ""},
		{"/a/b~2", `'~' followed by '2', want "~0" or "~1"`, 4,
			`healthedu.SplitPointer("/a/b~2"): '~' followed by '2', want "~0" or "~1" (at offset 4)`},
		{"/~~0", `'~' followed by '~', want "~0" or "~1"`, 1, ""},
		{"/x/~0~号", `'~' followed by '号', want "~0" or "~1"`, 5, ""},
	}
	for _, tt := range tests {
		got, err := SplitPointer(tt.in)
		pe, ok := errors.AsType[*ParseError](err)
		if !ok {
			t.Errorf("SplitPointer(%q) = %q, %v; want a *ParseError", tt.in, got, err)
			continue
		}
		want := &ParseError{Func: "SplitPointer", Input: tt.in, Code: "pointer.syntax", Msg: tt.msg, At: tt.at}
		if diff := cmp.Diff(want, pe); diff != "" {
			t.Errorf("SplitPointer(%q) error mismatch (-want +got):\n%s", tt.in, diff)
		}
		if tt.text != "" && err.Error() != tt.text {
			t.Errorf("SplitPointer(%q) error = %q, want %q", tt.in, err.Error(), tt.text)
		}
		if got != nil {
			t.Errorf("SplitPointer(%q) = %q with an error, want nil", tt.in, got)
		}
	}
}

func FuzzPointer(f *testing.F) {
	f.Add("/a~1b/m~0n", "a/b", "m~n")
	f.Add("", "", "~1")
	f.Add("/~2", "~", "/")
	f.Add("a/b", "居民", "~01")
	f.Fuzz(func(t *testing.T, p, a, b string) {
		// SplitPointer never panics, and what it accepts is canonical:
		// escaping the tokens again gives p back.
		if tokens, err := SplitPointer(p); err == nil {
			if back := Pointer(tokens...); back != p {
				t.Errorf("Pointer(SplitPointer(%q)) = %q", p, back)
			}
		} else if pe, ok := errors.AsType[*ParseError](err); !ok || pe.Code != "pointer.syntax" || pe.At < 0 || pe.At >= len(p) {
			t.Errorf("SplitPointer(%q) error = %#v", p, err)
		}
		// Any tokens survive the round trip.
		for _, tokens := range [][]string{{a}, {a, b}, {b, "", a}} {
			ptr := Pointer(tokens...)
			got, err := SplitPointer(ptr)
			if err != nil {
				t.Fatalf("SplitPointer(Pointer(%q)) = %v", tokens, err)
			}
			if !slices.Equal(got, tokens) {
				t.Errorf("SplitPointer(Pointer(%q)) = %q", tokens, got)
			}
		}
	})
}

func BenchmarkPointer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Pointer("activities", "3", "participants", "a/b")
	}
}

func BenchmarkAppendPointerToken(b *testing.B) {
	var buf [64]byte
	b.ReportAllocs()
	for b.Loop() {
		AppendPointerToken(AppendPointerToken(buf[:0], "activities"), "a/b~c")
	}
}

func BenchmarkSplitPointer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SplitPointer("/activities/3/participants/a~1b")
	}
}
