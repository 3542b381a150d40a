package packedid

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPack(t *testing.T) {
	tests := []struct {
		id     string
		packed []byte
	}{
		{"", []byte{0}},
		{"7", []byte{1, 0x70}},
		{"70", []byte{2, 0x70}},
		{"0-9", []byte{3, 0x0A, 0x90}},
		{"a", []byte{3, 0xF6, 0x10}},
		{"a1", []byte{4, 0xF6, 0x11}},
		{"act-370102001-202411-01", append([]byte{29, 0xF6, 0x1F, 0x63, 0xF7, 0x4A}, 0x37, 0x01, 0x02, 0x00, 0x1A, 0x20, 0x24, 0x11, 0xA0, 0x10)},
		{"\xff\x00", []byte{6, 0xFF, 0xFF, 0x00}},
		{"中", []byte{9, 0xFE, 0x4F, 0xB8, 0xFA, 0xD0}},
	}
	for _, tt := range tests {
		got := Append([]byte("x"), tt.id)
		if diff := cmp.Diff(append([]byte("x"), tt.packed...), got); diff != "" {
			t.Errorf("Append(%q) (-want +got):\n%s", tt.id, diff)
		}
		if n := Len(got[1:]); n != len(tt.packed) {
			t.Errorf("Len of %q: %d, want %d", tt.id, n, len(tt.packed))
		}
		if s := String(append(got[1:], 0xEE)); s != tt.id {
			t.Errorf("String of %q: %q", tt.id, s)
		}
	}
}

// TestPackOneToOne packs identifiers that differ in a byte, in length, or
// in a digit against an escaped byte, and checks that packed forms are
// equal exactly when the identifiers are, and read back whole.
func TestPackOneToOne(t *testing.T) {
	ids := []string{"", "0", "00", "000", "-", "--", "0-", "-0", "a", "A", "a0", "0a", "\x00", "\x0a", "\x00\x00", ":", "J", "\xf0", "1\xf0", "EX370102-001", "EX370102-0010", "EX370102-01", "act-370102-202411-live", "bind-370102001-202411-01"}
	for i, a := range ids {
		pa := Append(nil, a)
		if got := String(pa); got != a {
			t.Errorf("String(Append(%q)) = %q", a, got)
		}
		for j, b := range ids {
			if eq := bytes.Equal(pa, Append(nil, b)); eq != (i == j) {
				t.Errorf("%q and %q packed alike: %v", a, b, eq)
			}
		}
	}
}
