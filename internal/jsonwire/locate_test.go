package jsonwire

import (
	"hash/maphash"
	"strings"
	"testing"
)

func TestComparePointers(t *testing.T) {
	ordered := []string{
		"",
		"/division",
		"/items",
		"/items/2",
		"/items/2/item",
		"/items/2/score",
		"/items/10",
		"/items/10/item",
		"/items/a",
		"/values/0/value",
		"/values/00/value", // equal as numbers: compared as strings
		"/values/01/value",
		"/values/9/value",
		"/values/18446744073709551616/value", // more than 64 bits
		"/values/99999999999999999999/value",
		"/values/x/value",
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := ComparePointers(a, b); got != want {
				t.Errorf("ComparePointers(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestLocate(t *testing.T) {
	const raw = `{
 "a": {"b~c": [10, {"d/e": "x"}, "\"]}"],
       "f": "g"},
 "h": [ ],
 "k": "v\\"
}`
	tests := []struct {
		path string
		want string // the text at the offset found
	}{
		{"", `{`},
		{"/a", `{"b~c"`},
		{"/a/b~0c", `[10`},
		{"/a/b~0c/0", `10,`},
		{"/a/b~0c/1", `{"d/e"`},
		{"/a/b~0c/1/d~1e", `"x"`},
		{"/a/b~0c/2", `"\"]}"`},
		{"/a/b~0c/3", `[10`},     // no such element: the array
		{"/a/b~0c/-1", `[10`},    // not an index
		{"/a/b~0c/x", `[10`},     // not an index
		{"/a/f", `"g"`},          // after a string holding brackets
		{"/a/f/g", `"g"`},        // below a string
		{"/a/missing", `{"b~c"`}, // no such member: the object
		{"/h/0", `[ ]`},          // an empty array
		{"/k", `"v\\"`},          // a string ending in an escaped backslash
		{"/z", `{`},              // after it
		{"/a/b~0c/1/d~1e/x", `"x"`},
	}
	for _, tt := range tests {
		at := Locate([]byte(raw), tt.path)
		if got := raw[at:]; !strings.HasPrefix(got, tt.want) {
			t.Errorf("Locate(%q) points to %.12q, want %q", tt.path, got, tt.want)
		}
	}
	// Broken input never fails.
	for _, raw := range []string{``, `{`, `{"a`, `{"a"`, `{"a":`, `{"a":[`, `{"a":[1,`, `[`, `"`, `{"a":"\`} {
		for _, p := range []string{"/a", "/a/0", "/a/0/b", "/0"} {
			if at := Locate([]byte(raw), p); at < 0 || at > len(raw) {
				t.Errorf("Locate(%q, %q) = %d, out of range", raw, p, at)
			}
		}
	}
}

func TestHashCompact(t *testing.T) {
	var h maphash.Hash
	hash := func(s string) uint64 { return HashCompact(&h, []byte(s)) }
	same := [][]string{
		{`{"a":"b","c":[1,2]}`, "{ \"a\" : \"b\",\n\t\"c\" : [ 1 , 2 ] }\r\n", `{"a":"b","c":[1,2]}   `},
		{`{"a":"x\"y"}`, `{"a": "x\"y"}`},
		{`{"a":"x\\","b":1}`, `{"a":"x\\", "b": 1}`},
	}
	for _, group := range same {
		for _, s := range group[1:] {
			if hash(s) != hash(group[0]) {
				t.Errorf("hash(%q) != hash(%q)", s, group[0])
			}
		}
	}
	different := [][2]string{
		{`{"a":"b c"}`, `{"a":"bc"}`},
		{`{"a":"x\" y"}`, `{"a":"x\"y"}`},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`},
		{`{"a":"高血压 防治"}`, `{"a":"高血压防治"}`},
		{`{"a":1}`, `{"a":10}`},
	}
	for _, d := range different {
		if hash(d[0]) == hash(d[1]) {
			t.Errorf("hash(%q) == hash(%q)", d[0], d[1])
		}
	}
}
