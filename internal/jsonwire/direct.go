package jsonwire

import (
	"bytes"
	"encoding/json"
	"time"
)

// This file holds what a decoder written by hand for one Go type calls:
// the steps of the reflective decoder (decode.go) with typed destinations
// instead of reflect.Values, so that a type decoded often, such as a
// health education activity, is decoded without reflection but by the
// same rules, to the same faults in the same order. The rules are still
// those of the struct tags: the hand-written decoder takes each member's
// Codec from [FieldsOf].
//
// A hand-written decoder walks an object so:
//
//	var o jsonwire.Object
//	if rd.BeginObject(fs, &o) {
//		for i := rd.NextMember(&o); i >= 0; i = rd.NextMember(&o) {
//			switch i { … decode member i of fs … }
//		}
//	}
//
// and an array with BeginArray and NextElement likewise. A value that is
// not an object or an array starts with Begin, which reports null and a
// wrong JSON type as the reflective decoder does.

// Len returns the number of members.
func (fs *Fields) Len() int { return len(fs.list) }

// Index returns the index of the member name, or -1.
func (fs *Fields) Index(name string) int { return fs.find([]byte(name), 0) }

// Codec returns the codec of member i.
func (fs *Fields) Codec(i int) *Codec { return fs.list[i].codec }

// Fields returns the members of the struct a codec decodes, directly or
// through a pointer; nil for other codecs.
func (c *Codec) Fields() *Fields {
	if c.op == opPointer {
		c = c.elem
	}
	return c.fields
}

// Elem returns the codec of the elements of a slice, or of what a pointer
// points to; nil for other codecs.
func (c *Codec) Elem() *Codec { return c.elem }

// MaxItems returns the tag's maxItems of a slice, or -1.
func (c *Codec) MaxItems() int { return c.maxItems }

// Begin starts the value of c at the read position, as the reflective
// decoder does: it reads and skips the value when no more faults are
// reported, reports null (json.type) and a value of another JSON type
// than c's (json.type, after what is wrong inside it). It reports whether
// the value is to be decoded: a string for string, text and time codecs, a
// number for number codecs, a boolean, an object for struct codecs, an
// array for slices. For a pointer codec it only skips a value and reports
// null: the caller allocates the pointer and calls Begin with c.Elem().
func (st *Reader) Begin(c *Codec) bool {
	if st.full() {
		st.skipValue()
		return false
	}
	b := st.peek()
	if st.fatal {
		return false
	}
	if b == 'n' {
		pos := st.pos
		if st.scanLiteral("null") {
			st.Report("json.type", pos, map[string]any{"expected": c.expected, "actual": "null"})
		}
		return false
	}
	var ok bool
	switch c.op {
	case opString, opText, opTime:
		ok = b == '"'
	case opBool:
		ok = b == 't' || b == 'f'
	case opInt, opUint, opFloat, opJSON:
		ok = b == '-' || '0' <= b && b <= '9'
	case opStruct, opMap:
		ok = b == '{'
	case opSlice:
		ok = b == '['
	case opPointer:
		return true
	}
	if !ok {
		st.wrongType(c, b)
	}
	return ok
}

// String decodes the string that Begin(c) accepted into *dst, by c's
// rules. The string is set when the value is finished (see
// [Reader.FinishStrings]), with the others of the value from one
// allocation.
func (st *Reader) String(c *Codec, dst *string) {
	pos := st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return
	}
	if st.immedStr > 0 {
		s := st.stringBytes(start, end, escaped)
		st.checkString(c, s, pos)
		*dst = string(s)
		return
	}
	a := len(st.arena)
	if escaped {
		st.arena = unescape(st.arena, st.data[start:end])
	} else {
		st.arena = append(st.arena, st.data[start:end]...)
	}
	st.checkString(c, st.arena[a:], pos)
	st.pending = append(st.pending, pendingString{p: dst, start: a, end: len(st.arena)})
}

// Text reads the string that Begin(c) accepted, for a type with an
// UnmarshalText method, and checks it by c's rules. It returns the
// string's contents, valid until the next call, and its position, for
// [Reader.ValueError]; ok is false when the string was at fault.
func (st *Reader) Text(c *Codec) (s []byte, pos int, ok bool) {
	pos = st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return nil, pos, false
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return nil, pos, false
	}
	s = st.stringBytes(start, end, escaped)
	if !st.checkString(c, s, pos) {
		return nil, pos, false
	}
	return s, pos, true
}

// ValueError reports err, the error of an UnmarshalText method given the
// value at pos, as Hooks.ValueError says.
func (st *Reader) ValueError(err error, pos int) { st.valueError(err, pos) }

// Time decodes the RFC 3339 timestamp that Begin accepted into *dst.
func (st *Reader) Time(dst *time.Time) {
	pos := st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if bad {
		st.Report("json.encoding", pos, nil)
		return
	}
	s := st.stringBytes(start, end, escaped)
	t, ok := parseTime(s)
	if !ok {
		st.Report("json.dateTime", pos, map[string]any{"value": Mask(s)})
		return
	}
	if st.Hooks != nil && st.Hooks.Time != nil {
		if code, params := st.Hooks.Time(t); code != "" {
			st.Report(code, pos, params)
			return
		}
	}
	*dst = t
}

// Int decodes the integer that Begin(c) accepted into *dst, within c's
// bounds; c is an int64 codec.
func (st *Reader) Int(c *Codec, dst *int64) {
	pos := st.pos
	start, end, ok := st.scanNumber()
	if !ok {
		return
	}
	tok := st.data[start:end]
	n, ok := parseInt(tok)
	if !ok || n < c.min || n > c.max {
		st.Report("json.range", pos, map[string]any{"min": c.min, "max": c.max, "value": json.Number(tok)})
		return
	}
	*dst = n
}

// Bool decodes the boolean that Begin accepted into *dst.
func (st *Reader) Bool(dst *bool) {
	switch st.data[st.pos] {
	case 't':
		if st.scanLiteral("true") {
			*dst = true
		}
	case 'f':
		if st.scanLiteral("false") {
			*dst = false
		}
	}
}

// Object is the state of an object being decoded by hand (对象读取状态).
type Object struct {
	fs      *Fields
	open    int
	seen    [4]uint64 // members 0 to 255 seen
	more    []uint64  // and beyond
	unknown keySet
	hint    int
	pathLen int
	state   uint8 // objectFirst or objectMember
}

const (
	objectFirst  = iota // before the first member
	objectMember        // in a member's value, or after it
)

// seenBit returns the word and bit of member i.
func (o *Object) seenBit(i int) (*uint64, uint64) {
	if i < 256 {
		return &o.seen[i/64], 1 << (i % 64)
	}
	k := i/64 - 4
	if len(o.more) <= k {
		o.more = append(o.more, make([]uint64, k+1-len(o.more))...)
	}
	return &o.more[k], 1 << (i % 64)
}

// BeginObject starts decoding the object at the read position, which
// Begin accepted (or which is a record's '{'), into a struct whose members
// are fs. It reports false when the object is nested too deep.
func (st *Reader) BeginObject(fs *Fields, o *Object) bool {
	*o = Object{fs: fs}
	if !st.enter() {
		return false
	}
	o.open = st.pos
	st.pos++
	return true
}

// NextMember returns the index in fs of the next member to decode, with
// the pointer to it pushed, or -1 at the end of the object or after a
// syntax error. Members fs does not have and members given again are
// reported and skipped; at the end, missing required members are
// reported.
func (st *Reader) NextMember(o *Object) int {
	switch o.state {
	case objectMember:
		st.path = st.path[:o.pathLen]
		if !st.objectSeparator() {
			return st.endObject(o)
		}
	case objectFirst:
		o.state = objectMember
		if st.peek() == '}' {
			st.pos++
			return st.endObject(o)
		}
	}
	fs := o.fs
	for !st.fatal {
		if st.peek() != '"' {
			st.syntaxError(st.pos)
			return -1
		}
		keyPos := st.pos
		i, bad := -1, false
		var key []byte
		if h := o.hint; h < len(fs.list) && fs.list[h].quoted != nil && bytes.HasPrefix(st.data[st.pos:], fs.list[h].quoted) {
			i = h
			st.pos += len(fs.list[h].quoted)
		} else {
			start, end, escaped, badUTF8, ok := st.scanString()
			if !ok {
				return -1
			}
			key, bad = st.stringBytes(start, end, escaped), badUTF8
			if !bad {
				i = fs.find(key, o.hint)
			}
		}
		if st.peek() != ':' {
			st.syntaxError(st.pos)
			return -1
		}
		st.pos++
		o.pathLen = len(st.path)
		if i >= 0 {
			f := &fs.list[i]
			o.hint = i + 1
			st.path = append(st.path, f.token...)
			w, bit := o.seenBit(i)
			if *w&bit == 0 {
				*w |= bit
				return i
			}
			st.Report("json.duplicateKey", keyPos, map[string]any{"field": f.name})
			st.skipValue()
		} else {
			name := KeyString(key)
			st.path = AppendToken(st.path, name)
			switch {
			case bad:
				st.Report("json.encoding", keyPos, nil)
			case o.unknown.add(name):
				st.Report("json.duplicateKey", keyPos, map[string]any{"field": name})
			default:
				st.Report("json.unknownField", keyPos, map[string]any{"field": name})
			}
			st.skipValue()
		}
		st.path = st.path[:o.pathLen]
		if !st.objectSeparator() {
			return st.endObject(o)
		}
	}
	return -1
}

// objectSeparator reads what follows a member: ',' (true) or '}'
// (false), or anything else, a syntax error (false).
func (st *Reader) objectSeparator() bool {
	if st.fatal {
		return false
	}
	switch st.peek() {
	case ',':
		st.pos++
		return true
	case '}':
		st.pos++
	default:
		st.syntaxError(st.pos)
	}
	return false
}

// endObject finishes the object, unless a syntax error ended it:
// required members missing are reported. It returns -1.
func (st *Reader) endObject(o *Object) int {
	if st.fatal {
		return -1
	}
	st.depth--
	fs := o.fs
	for i := range fs.list {
		if f := &fs.list[i]; f.required {
			if w, bit := o.seenBit(i); *w&bit == 0 {
				st.ReportAt(f.name, "json.required", o.open, map[string]any{"field": f.name})
			}
		}
	}
	return -1
}

// Array is the state of an array being decoded by hand (数组读取状态).
type Array struct {
	c        *Codec
	open     int
	count    int
	pathLen  int
	state    uint8 // arrayFirst, arrayElement
	spans    int   // where the bounds of its elements start in the Reader's spans, for uniqueItems
	curStart int
}

const (
	arrayFirst = iota
	arrayElement
)

// BeginArray starts decoding the array at the read position, which
// Begin(c) accepted, into a slice of c. It returns the number of
// elements to allocate, and false when the array is nested too deep.
func (st *Reader) BeginArray(c *Codec, a *Array) (n int, ok bool) {
	if !st.OpenArray(c, a) {
		return 0, false
	}
	n = countElements(st.data[a.open:])
	if c.maxItems >= 0 {
		n = min(n, c.maxItems+1)
	}
	return n, true
}

// OpenArray is BeginArray without counting the elements, for a slice
// that is appended to: one whose elements hold no strings set at the
// end (see String), which a slice growing would leave behind.
func (st *Reader) OpenArray(c *Codec, a *Array) bool {
	a.c, a.count, a.state, a.spans = c, 0, arrayFirst, len(st.spans)
	if !st.enter() {
		return false
	}
	a.open = st.pos
	st.pos++
	return true
}

// NextElement returns the index of the next element to decode, with the
// pointer to it pushed, or -1 at the end of the array or after a syntax
// error. The slice must then hold at least index+1 elements. At the end,
// the count of elements and their uniqueness are checked; the count is
// then [Array.Len].
func (st *Reader) NextElement(a *Array) int {
	switch a.state {
	case arrayFirst:
		a.state = arrayElement
		if st.peek() == ']' {
			st.pos++
			return st.endArray(a)
		}
		if st.fatal {
			return -1
		}
	case arrayElement:
		if a.c.unique {
			st.spans = append(st.spans, a.curStart, st.pos)
		}
		st.path = st.path[:a.pathLen]
		a.count++
		if st.fatal {
			return -1
		}
		switch st.peek() {
		case ',':
			st.pos++
		case ']':
			st.pos++
			return st.endArray(a)
		default:
			st.syntaxError(st.pos)
			return -1
		}
	}
	a.pathLen = st.pushIndex(a.count)
	st.skipSpace()
	a.curStart = st.pos
	return a.count
}

// Len returns the number of elements of the array read.
func (a *Array) Len() int { return a.count }

// endArray checks the count of elements and their uniqueness. It returns
// -1.
func (st *Reader) endArray(a *Array) int {
	if st.fatal {
		return -1
	}
	st.depth--
	c := a.c
	if c.minItems >= 0 && a.count < c.minItems || c.maxItems >= 0 && a.count > c.maxItems {
		st.Report("json.items", a.open, map[string]any{
			"min":   c.minItems,
			"max":   upperBound(c.maxItems),
			"count": a.count,
		})
	}
	if c.unique {
		st.checkUnique(st.spans[a.spans:])
		st.spans = st.spans[:a.spans]
	}
	return -1
}

// FinishStrings sets the strings decoded by String, all from one
// allocation. The record's decoder calls it once, at the end.
func (st *Reader) FinishStrings() { st.setStrings() }
