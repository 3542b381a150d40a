package jsonwire

import (
	"bytes"
	"hash/maphash"
	"strconv"
	"strings"
)

// This file holds what is done with a value already read: comparing JSON
// Pointers, finding what a pointer points to, hashing a value without the
// white space JSON ignores.

// ComparePointers orders JSON Pointers (JSON 指针) token by token: tokens that
// are both array indices (digits only) by their numbers, "/values/2"
// before "/values/10", others as strings; a pointer before the longer ones
// it is a prefix of.
func ComparePointers(a, b string) int {
	for a != "" && b != "" {
		var ta, tb string
		ta, a = nextToken(a)
		tb, b = nextToken(b)
		if ta == tb {
			continue
		}
		if c := compareIndices(ta, tb); c != 0 {
			return c
		}
		return strings.Compare(ta, tb)
	}
	return strings.Compare(a, b) // "" before anything
}

// compareIndices compares a and b as numbers when both are digits
// only, of any length; it returns 0 when they are equal as numbers or not
// both numbers.
func compareIndices(a, b string) int {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	if !digits(a) || !digits(b) {
		return 0
	}
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// nextToken splits the first reference token, still escaped, off
// the non-empty pointer p.
func nextToken(p string) (tok, rest string) {
	p = p[1:]
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

// Locate returns the offset (定位) in the JSON value raw of the value the
// pointer path points to or, when that is not in raw, of the nearest
// enclosing value that is. It never fails: on anything unexpected it
// settles for what it found so far.
func Locate(raw []byte, path string) int {
	at := skipSpace(raw, 0)
	for path != "" && at < len(raw) {
		var tok string
		tok, path = nextToken(path)
		if strings.IndexByte(tok, '~') >= 0 {
			tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		}
		var next int
		switch raw[at] {
		case '{':
			next = member(raw, at, tok)
		case '[':
			n, err := strconv.Atoi(tok)
			if err != nil || n < 0 {
				return at
			}
			next = element(raw, at, n)
		default:
			return at
		}
		if next < 0 {
			return at
		}
		at = next
	}
	return min(at, len(raw))
}

// member returns the offset of the value of member name in the
// object that starts at raw[at], or -1. A member name written with escapes
// is not recognised.
func member(raw []byte, at int, name string) int {
	i := at + 1
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] != '"' {
			return -1
		}
		end := skipString(raw, i)
		key := raw[i+1 : max(i+1, end-1)]
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return -1
		}
		i = skipSpace(raw, i+1)
		if string(key) == name {
			return i
		}
		i = skipSpace(raw, skipValue(raw, i))
		if i >= len(raw) || raw[i] != ',' {
			return -1
		}
		i++
	}
}

// element returns the offset of element n of the array that
// starts at raw[at], or -1.
func element(raw []byte, at, n int) int {
	i := skipSpace(raw, at+1)
	if i >= len(raw) || raw[i] == ']' {
		return -1
	}
	for k := 0; k < n; k++ {
		i = skipSpace(raw, skipValue(raw, i))
		if i >= len(raw) || raw[i] != ',' {
			return -1
		}
		i = skipSpace(raw, i+1)
	}
	return i
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the offset just after the string that starts
// with the quote at raw[i], or len(raw).
func skipString(raw []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(raw[j:], '"')
		if k < 0 {
			return len(raw)
		}
		j += k
		backslashes := 0
		for m := j - 1; m > i && raw[m] == '\\'; m-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1
		}
		j++
	}
}

// skipValue returns the offset just after the value that starts at
// raw[i], or len(raw).
func skipValue(raw []byte, i int) int {
	if i >= len(raw) {
		return len(raw)
	}
	switch raw[i] {
	case '"':
		return skipString(raw, i)
	case '{', '[':
		depth := 0
		for i < len(raw) {
			switch raw[i] {
			case '"':
				i = skipString(raw, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(raw)
	}
	for i < len(raw) {
		switch raw[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

// HashCompact hashes raw (紧凑哈希) without the white space outside its
// strings, which JSON ignores.
func HashCompact(h *maphash.Hash, raw []byte) uint64 {
	h.Reset()
	if bytes.IndexByte(raw, ' ') < 0 && bytes.IndexByte(raw, '\n') < 0 &&
		bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, '\t') < 0 {
		// Compact JSON, as most NDJSON is: nothing to remove.
		h.Write(raw)
		return h.Sum64()
	}
	start := 0
	for i := 0; i < len(raw); {
		switch raw[i] {
		case '"':
			i = skipString(raw, i)
		case ' ', '\t', '\r', '\n':
			h.Write(raw[start:i])
			i++
			start = i
		default:
			i++
		}
	}
	h.Write(raw[start:])
	return h.Sum64()
}
