package jsonwire

import "reflect"

// This file holds what a Reader's user calls to read a value whose shape
// it decides itself, such as a record whose "kind" member selects its Go
// type.

// Pos returns the read position in the value.
func (st *Reader) Pos() int { return st.pos }

// ByteAt returns the byte at offset pos of the value, or 0.
func (st *Reader) ByteAt(pos int) byte {
	if pos < 0 || pos >= len(st.data) {
		return 0
	}
	return st.data[pos]
}

// IsObject skips whitespace and reports whether an object follows.
func (st *Reader) IsObject() bool {
	st.skipSpace()
	return st.pos < len(st.data) && st.data[st.pos] == '{'
}

// SkipAs reads the value that follows, reporting what is wrong inside it,
// and then json.type with expected, unless the value cannot be read.
func (st *Reader) SkipAs(expected string) {
	c := st.peek()
	pos := st.pos
	st.skipValue()
	if !st.fatal {
		st.Report("json.type", pos, map[string]any{"expected": expected, "actual": TypeName(c)})
	}
}

// SkipValue reads the value that follows without decoding it, reporting
// what is wrong inside it (syntax, encoding, duplicate keys).
func (st *Reader) SkipValue() { st.skipValue() }

// Finish reports json.trailingData for anything but whitespace after the
// value read, unless it could not be read.
func (st *Reader) Finish() {
	if st.fatal {
		return
	}
	st.skipSpace()
	if st.pos < len(st.data) {
		st.Report("json.trailingData", st.pos, nil)
	}
}

// DecodeObject decodes the object that follows into v, a struct whose
// members fs are (see [FieldsOf]).
func (st *Reader) DecodeObject(fs *Fields, v reflect.Value) {
	st.decodeObject(fs, v)
	st.setStrings()
}

// StringAt returns the contents of the string at data[pos], escapes
// resolved, reporting nothing; ok is false when there is none. The result
// is valid until the next call.
func (st *Reader) StringAt(pos int) (s []byte, ok bool) {
	if pos < 0 || pos >= len(st.data) || st.data[pos] != '"' {
		return nil, false
	}
	save := st.pos
	st.pos, st.quiet = pos, true
	start, end, escaped, _, ok := st.scanString()
	st.pos, st.quiet, st.fatal, st.atEOF = save, false, false, false
	if !ok {
		return nil, false
	}
	return st.stringBytes(start, end, escaped), true
}

// FindMember looks, reporting nothing, for the member name of the object
// at the read position and returns the position of its value, or -1.
// complete tells whether the object was read to its end without finding
// it. The read position is left where it was.
func (st *Reader) FindMember(name string) (valuePos int, complete bool) {
	open := st.pos
	st.quiet = true
	defer func() {
		st.quiet, st.fatal, st.atEOF, st.depth, st.pos = false, false, false, 0, open
	}()
	st.pos++
	if st.peek() == '}' {
		return -1, true
	}
	for !st.fatal {
		if st.peek() != '"' {
			break
		}
		start, end, escaped, _, ok := st.scanString()
		if !ok || st.peek() != ':' {
			break
		}
		st.pos++
		if string(st.stringBytes(start, end, escaped)) == name {
			if st.peek() == 0 {
				break
			}
			return st.pos, false
		}
		st.skipValue()
		switch st.peek() {
		case ',':
			st.pos++
			continue
		case '}':
			return -1, !st.fatal
		}
		break
	}
	return -1, false
}
