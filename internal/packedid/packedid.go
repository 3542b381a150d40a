// Package packedid writes record identifiers in fewer bytes (紧凑标识),
// for the tables that keep the identifiers of many records: the digits
// and hyphens that most identifiers are made of, such as
// act-370102001-202411-01, take half a byte each, any other byte a byte
// and a half.
//
// A packed identifier is the number of its half bytes (nibbles) as a
// uvarint, then the nibbles, two a byte, the first in the high half, the
// last byte padded with a zero nibble when their number is odd. A digit
// is the nibble of its value, a hyphen 0xA, any other byte 0xF followed
// by its two nibbles. Each identifier has one packed form, so that two
// packed identifiers are the same bytes exactly when the identifiers are
// the same.
package packedid

import "encoding/binary"

const (
	hyphen = 0xA
	escape = 0xF
)

// nibbles returns the number of nibbles id packs into.
func nibbles(id string) int {
	n := 0
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= '0' && c <= '9', c == '-':
			n++
		default:
			n += 3
		}
	}
	return n
}

// Append appends the packed form of id to b.
func Append(b []byte, id string) []byte {
	n := nibbles(id)
	b = binary.AppendUvarint(b, uint64(n))
	var cur byte
	half := false // cur holds a high nibble
	put := func(x byte) {
		if half {
			b = append(b, cur|x)
		} else {
			cur = x << 4
		}
		half = !half
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= '0' && c <= '9':
			put(c - '0')
		case c == '-':
			put(hyphen)
		default:
			put(escape)
			put(c >> 4)
			put(c & 0xF)
		}
	}
	if half {
		b = append(b, cur)
	}
	return b
}

// Len returns the length in bytes of the packed identifier at the start
// of b.
func Len(b []byte) int {
	n, w := binary.Uvarint(b)
	return w + int((n+1)/2)
}

// String returns the identifier packed at the start of b.
func String(b []byte) string {
	n, w := binary.Uvarint(b)
	p := b[w:]
	out := make([]byte, 0, n)
	at := func(i int) byte {
		if i%2 == 0 {
			return p[i/2] >> 4
		}
		return p[i/2] & 0xF
	}
	for i := 0; i < int(n); i++ {
		switch x := at(i); x {
		case escape:
			out = append(out, at(i+1)<<4|at(i+2))
			i += 2
		case hyphen:
			out = append(out, '-')
		default:
			out = append(out, '0'+x)
		}
	}
	return string(out)
}
