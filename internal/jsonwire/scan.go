package jsonwire

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"
)

// This file holds the byte-level JSON reading shared by the value decoder
// (decode.go) and the stream framing (stream.go): whitespace, strings,
// numbers and literals, a validating skip of any value, the loose
// structural scan that finds where a value ends, and the syntax faults
// with their line, column and excerpt.

// maxDepth bounds the nesting of arrays and objects in a value, so that a
// hostile "[[[[…" cannot exhaust the stack.
const maxDepth = 512

// A Fault is one thing wrong with a JSON value (缺陷), in neutral form: a code
// such as "json.syntax", the JSON Pointer of the value at fault, relative
// to the value read, the offset in it and the line in the stream of the
// offending token, and the params of a message. Its user turns it into a
// report of its own, with a severity and a message.
type Fault struct {
	Code    string
	Pointer string
	Offset  int
	Line    int
	Params  map[string]any
}

// Hooks are what a Reader asks its user (回调), who knows what its types
// mean.
// Every hook may be nil.
type Hooks struct {
	// IsError reports whether a fault of code rejects the value; nil means
	// every code does but json.tooManyIssues.
	IsError func(code string) bool
	// ValueError returns the fault for err, the error of an UnmarshalText
	// or UnmarshalJSON method: its code and params. An empty code, or a nil
	// hook, gives json.format without params: the error's text is not
	// passed on.
	ValueError func(err error) (code string, params map[string]any)
	// EmptyText returns the error for an empty string given to v, a value
	// with an UnmarshalText method that accepts empty text where the wire
	// must not hold it; nil when the empty string is as good as any.
	EmptyText func(v reflect.Value) error
	// Time returns the fault for a timestamp well formed but not accepted,
	// such as one outside the years the user can represent, or "".
	Time func(t time.Time) (code string, params map[string]any)
}

// A Reader reads one JSON value strictly (严格读取): its syntax, and into a Go value
// by the rules of the value's type (see [FieldsOf]), with the faults found
// in it. One Reader is reused across the values of a stream, so that its
// buffers are allocated once; its zero value is ready to use, after Reset.
type Reader struct {
	// Hooks are asked what the user's types mean; nil means none.
	Hooks *Hooks

	data []byte // the value
	pos  int    // read position in data
	line int    // line of data[0] in the stream
	// prefix is what precedes data on its first line, as far as it is still
	// buffered, for the column of syntax errors.
	prefix []byte

	path   []byte  // JSON Pointer of the value being decoded
	faults []Fault // found so far
	errs   int     // faults that reject the value among them
	depth  int     // nesting of arrays and objects

	fatal bool // a syntax error ended decoding
	quiet bool // probe syntax only: record no faults, no strings
	atEOF bool // the syntax error was running out of data

	// Strings are gathered in arena and set into the value at the end, so
	// that all the strings of a value cost one allocation.
	arena    []byte
	pending  []pendingString
	scratch  []byte // unescaped strings that are not kept
	immedStr int    // > 0 while strings must be set at once (map values)

	// spans is a stack of the bounds of array elements, for uniqueItems
	// in decoders written by hand: each array's after those of the arrays
	// that hold it.
	spans []int

	// lineCache remembers the line of one position, so that counting the
	// lines of successive faults stays linear in the value's size.
	lineCachePos, lineCacheLine int
}

// Reset prepares st to read data, which starts on line line of the
// stream; prefix is what precedes data on that line, for the column of a
// syntax error.
func (st *Reader) Reset(data []byte, line int, prefix []byte) {
	st.data = data
	st.pos = 0
	st.line = line
	st.prefix = prefix
	st.path = st.path[:0]
	clear(st.faults) // drop the params of the previous value
	st.faults = st.faults[:0]
	st.errs = 0
	st.depth = 0
	st.fatal = false
	st.atEOF = false
	st.arena = st.arena[:0]
	clear(st.pending) // drop references into the previous value
	st.pending = st.pending[:0]
	st.immedStr = 0
	st.spans = st.spans[:0]
	st.lineCachePos, st.lineCacheLine = 0, line
}

// Faults returns the faults found, in the order found; they are valid
// until the next Reset.
func (st *Reader) Faults() []Fault { return st.faults }

// Errors returns how many of the faults reject the value (see
// Hooks.IsError).
func (st *Reader) Errors() int { return st.errs }

// Fatal reports whether a syntax error ended reading: the value cannot be
// read, and an array or a document that holds it cannot go on.
func (st *Reader) Fatal() bool { return st.fatal }

// lineAt returns the line of data[pos].
func (st *Reader) lineAt(pos int) int {
	pos = min(max(pos, 0), len(st.data))
	if pos >= st.lineCachePos {
		st.lineCacheLine += bytes.Count(st.data[st.lineCachePos:pos], []byte{'\n'})
	} else {
		st.lineCacheLine -= bytes.Count(st.data[pos:st.lineCachePos], []byte{'\n'})
	}
	st.lineCachePos = pos
	return st.lineCacheLine
}

// MaxFaults is the most faults reported for one value (缺陷上限), so that a value of
// repeated faults cannot make a report many times its size; past it, one
// more fault, json.tooManyIssues, says so.
const MaxFaults = 100

// Report records a fault with code at the current pointer, at data[pos].
func (st *Reader) Report(code string, pos int, params map[string]any) {
	if st.quiet || st.full() {
		return
	}
	st.appendFault(Fault{Code: code, Pointer: string(st.path), Params: params}, pos)
}

// full reports whether the value is rejected and no more of its faults
// are reported.
func (st *Reader) full() bool {
	return len(st.faults) > MaxFaults && st.errs > 0
}

// isError reports whether a fault of code rejects the value.
func (st *Reader) isError(code string) bool {
	if st.Hooks == nil || st.Hooks.IsError == nil {
		return code != "json.tooManyIssues"
	}
	return st.Hooks.IsError(code)
}

// appendFault records f, found at data[pos].
func (st *Reader) appendFault(f Fault, pos int) {
	if st.isError(f.Code) {
		st.errs++
	}
	switch {
	case len(st.faults) < MaxFaults:
		f.Offset, f.Line = pos, st.lineAt(pos)
		st.faults = append(st.faults, f)
	case len(st.faults) == MaxFaults:
		st.faults = append(st.faults, Fault{Code: "json.tooManyIssues", Offset: pos, Line: st.lineAt(pos), Params: map[string]any{"limit": MaxFaults}})
	}
}

// ReportAt records a fault with code at the member name of the current
// pointer, at data[pos].
func (st *Reader) ReportAt(name, code string, pos int, params map[string]any) {
	n := len(st.path)
	st.path = AppendToken(st.path, name)
	st.Report(code, pos, params)
	st.path = st.path[:n]
}

// pushIndex appends the array index i to the path and returns the length
// to restore.
func (st *Reader) pushIndex(i int) int {
	n := len(st.path)
	st.path = append(st.path, '/')
	st.path = strconv.AppendInt(st.path, int64(i), 10)
	return n
}

// syntaxError ends decoding with a json.syntax fault at data[pos] — a
// json.unexpectedEnd fault when pos is the end of the data — or a
// json.encoding fault when the offending bytes are not UTF-8.
func (st *Reader) syntaxError(pos int) {
	if st.fatal {
		return
	}
	st.fatal = true
	st.atEOF = pos >= len(st.data)
	if st.quiet {
		return
	}
	// The path of a syntax error is the whole value: a pointer into a value
	// that could not be read would mislead.
	n := len(st.path)
	st.path = st.path[:0]
	if pos < len(st.data) && st.data[pos] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRune(st.data[pos:]); r == utf8.RuneError {
			st.Report("json.encoding", pos, nil)
			st.path = st.path[:n]
			return
		}
	}
	col, near := syntaxContext(st.prefix, st.data, pos)
	code := "json.syntax"
	if st.atEOF {
		// The data ended before its value did: cut short, or a value
		// of NDJSON spread over several lines.
		code = "json.unexpectedEnd"
	}
	st.Report(code, pos, map[string]any{"column": col, "near": near})
	st.path = st.path[:n]
}

// syntaxContext returns the column (1-based, in characters) of
// data[pos] on its line, where prefix is what precedes data on its first
// line, and an excerpt of that line around pos for a message. Runs of
// more than four digits are masked in the excerpt, so that it never shows
// a citizen ID or a mobile number in clear.
func syntaxContext(prefix, data []byte, pos int) (int, string) {
	pos = min(pos, len(data))
	lineStart := bytes.LastIndexByte(data[:pos], '\n') + 1
	col := utf8.RuneCount(data[lineStart:pos]) + 1
	if lineStart == 0 {
		p := prefix[bytes.LastIndexByte(prefix, '\n')+1:]
		col += utf8.RuneCount(p)
	}
	lineEnd := len(data)
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		lineEnd = pos + i
	}
	const around = 12 // characters each side
	from := pos
	for n := 0; n < around && from > lineStart; n++ {
		_, size := utf8.DecodeLastRune(data[lineStart:from])
		from -= size
	}
	to := pos
	for n := 0; n < around && to < lineEnd; n++ {
		_, size := utf8.DecodeRune(data[to:lineEnd])
		to += size
	}
	// Count the digits of a run that the excerpt starts inside of.
	run := 0
	for k := from; k > lineStart; run++ {
		size := digitBefore(data[lineStart:k])
		if size == 0 {
			break
		}
		k -= size
	}
	return col, excerpt(data[from:to], run)
}

// digitBefore returns the size of the digit, ASCII or full-width,
// that b ends with, or 0.
func digitBefore(b []byte) int {
	r, size := utf8.DecodeLastRune(b)
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return size
	}
	return 0
}

// excerpt returns b as valid UTF-8 for a message: invalid bytes and
// control characters become U+FFFD and spaces, and digits after the fourth
// of a run become '*'; run is the count of digits of the run that b
// starts inside of, before b.
func excerpt(b []byte, run int) string {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		digit := r >= '0' && r <= '9' || r >= '０' && r <= '９'
		if digit {
			run++
		} else {
			run = 0
		}
		switch {
		case digit && run > 4:
			out = append(out, '*')
		case r < ' ' || r == 0x7f:
			out = append(out, ' ')
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out)
}

// Mask returns a string given in a value for a fault's params (掩码), as
// excerpt does: a citizen ID or a mobile number written where it
// does not belong is not echoed in clear.
func Mask(b []byte) string { return excerpt(b, 0) }

// isSpace reports whether c is JSON whitespace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// skipSpace advances over whitespace.
func (st *Reader) skipSpace() {
	for st.pos < len(st.data) && isSpace(st.data[st.pos]) {
		st.pos++
	}
}

// peek skips whitespace and returns the next byte, or ends decoding with a
// syntax error and returns 0 at the end of data.
func (st *Reader) peek() byte {
	if st.pos < len(st.data) && st.data[st.pos] > ' ' {
		return st.data[st.pos]
	}
	st.skipSpace()
	if st.pos >= len(st.data) {
		st.syntaxError(st.pos)
		return 0
	}
	return st.data[st.pos]
}

// stringPlain marks the bytes a string may hold that need no
// attention: printable ASCII other than '"' and '\\'.
var stringPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads the string at data[pos], which is '"'. It returns the
// bounds of its contents, whether they hold escapes, and whether they hold
// bytes that are not UTF-8. ok is false after a syntax error.
func (st *Reader) scanString() (start, end int, escaped, badUTF8, ok bool) {
	data := st.data
	i := st.pos + 1
	start = i
	for {
		// Eight bytes at a time while none needs attention, then one by
		// one.
		for i+8 <= len(data) && !specialWord(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		for i < len(data) && stringPlain[data[i]] {
			i++
		}
		if i >= len(data) {
			st.syntaxError(i)
			return
		}
		switch c := data[i]; {
		case c == '"':
			st.pos = i + 1
			return start, i, escaped, badUTF8, true
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				st.syntaxError(i + 1)
				return
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(data) || hexDigit(data[k]) < 0 {
						st.syntaxError(k)
						return
					}
				}
				i += 6
			default:
				st.syntaxError(i + 1)
				return
			}
		case c < 0x20:
			st.syntaxError(i)
			return
		default:
			// A run of bytes ≥ 0x80 holds whole characters only if it is
			// valid UTF-8: a character's bytes are all ≥ 0x80.
			j := i + 1
			for j < len(data) && data[j] >= utf8.RuneSelf {
				j++
			}
			if !utf8.Valid(data[i:j]) {
				badUTF8 = true
			}
			i = j
		}
	}
}

// specialWord reports whether any of the eight bytes of x is '"',
// '\\', a control character or not ASCII (the classic "has a zero byte"
// test, applied to x ^ '"', x ^ '\\' and x − 0x20).
func specialWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(x-ones*0x20)|x)&highs != 0
}

// hexDigit returns the value of the hexadecimal digit c, or -1.
func hexDigit(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// unescape appends the contents of a JSON string, escapes resolved,
// to dst. s has been checked by scanString. Unpaired surrogates become
// U+FFFD, as encoding/json does.
func unescape(dst, s []byte) []byte {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		switch c := s[1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(s[2:6])
			s = s[6:]
			if utf16IsHigh(r) {
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					if r2 := hex4(s[2:6]); utf16IsLow(r2) {
						r = (r-0xD800)<<10 | (r2 - 0xDC00) + 0x10000
						s = s[6:]
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			} else if utf16IsLow(r) {
				r = utf8.RuneError
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, c)
		}
		s = s[2:]
	}
	return dst
}

func hex4(b []byte) rune {
	return hexDigit(b[0])<<12 | hexDigit(b[1])<<8 | hexDigit(b[2])<<4 | hexDigit(b[3])
}

func utf16IsHigh(r rune) bool { return 0xD800 <= r && r < 0xDC00 }
func utf16IsLow(r rune) bool  { return 0xDC00 <= r && r < 0xE000 }

// stringBytes returns the contents of the string data[start:end], escapes
// resolved. The result is valid until the next call.
func (st *Reader) stringBytes(start, end int, escaped bool) []byte {
	if !escaped {
		return st.data[start:end]
	}
	st.scratch = unescape(st.scratch[:0], st.data[start:end])
	return st.scratch
}

// scanNumber reads the number at data[pos] and returns its bounds; ok is
// false after a syntax error.
func (st *Reader) scanNumber() (start, end int, ok bool) {
	data := st.data
	i := st.pos
	start = i
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && '1' <= data[i] && data[i] <= '9':
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	default:
		st.syntaxError(i)
		return
	}
	if i < len(data) && data[i] == '.' {
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			st.syntaxError(i)
			return
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			st.syntaxError(i)
			return
		}
		for i < len(data) && '0' <= data[i] && data[i] <= '9' {
			i++
		}
	}
	// A number must end at a delimiter: "12x" and "0123" are not numbers.
	if i < len(data) && !isSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		st.syntaxError(i)
		return
	}
	st.pos = i
	return start, i, true
}

// scanLiteral reads the literal lit ("true", "false" or "null") at
// data[pos].
func (st *Reader) scanLiteral(lit string) bool {
	data := st.data
	for k := 0; k < len(lit); k++ {
		if st.pos+k >= len(data) || data[st.pos+k] != lit[k] {
			st.syntaxError(st.pos + k)
			return false
		}
	}
	i := st.pos + len(lit)
	if i < len(data) && !isSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		st.syntaxError(i)
		return false
	}
	st.pos = i
	return true
}

// TypeName names the JSON type of the value that starts with c, as
// the "actual" param of json.type.
func TypeName(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// enter counts one more level of nesting and reports whether it is
// allowed.
func (st *Reader) enter() bool {
	st.depth++
	if st.depth > maxDepth {
		st.syntaxError(st.pos)
		return false
	}
	return true
}

// skipValue reads any JSON value, reporting what is wrong inside it
// (syntax, encoding, duplicate keys) without decoding it.
func (st *Reader) skipValue() {
	switch st.peek() {
	case 0:
	case '{':
		st.skipObject()
	case '[':
		if !st.enter() {
			return
		}
		st.pos++
		if st.peek() == ']' {
			st.pos++
			st.depth--
			return
		}
		for i := 0; !st.fatal; i++ {
			n := len(st.path)
			if !st.quiet {
				n = st.pushIndex(i)
			}
			st.skipValue()
			st.path = st.path[:n]
			switch st.peek() {
			case ',':
				st.pos++
			case ']':
				st.pos++
				st.depth--
				return
			default:
				st.syntaxError(st.pos)
			}
		}
	case '"':
		pos := st.pos
		if _, _, _, bad, ok := st.scanString(); ok && bad {
			st.Report("json.encoding", pos, nil)
		}
	case 't':
		st.scanLiteral("true")
	case 'f':
		st.scanLiteral("false")
	case 'n':
		st.scanLiteral("null")
	default:
		st.scanNumber()
	}
}

// skipObject is skipValue for an object, at data[pos] == '{'.
func (st *Reader) skipObject() {
	if !st.enter() {
		return
	}
	st.pos++
	if st.peek() == '}' {
		st.pos++
		st.depth--
		return
	}
	var keys keySet
	for !st.fatal {
		keyPos, name, ok := st.readKey()
		if !ok {
			return
		}
		n := len(st.path)
		if !st.quiet {
			st.path = AppendToken(st.path, name)
			if keys.add(name) {
				st.Report("json.duplicateKey", keyPos, map[string]any{"field": name})
			}
		}
		st.skipValue()
		st.path = st.path[:n]
		switch st.peek() {
		case ',':
			st.pos++
		case '}':
			st.pos++
			st.depth--
			return
		default:
			st.syntaxError(st.pos)
		}
	}
}

// readKey reads an object member's key and the colon after it. The key is
// returned as a string for paths and params, invalid UTF-8 replaced (and
// reported as json.encoding); it is "" in quiet mode.
func (st *Reader) readKey() (keyPos int, name string, ok bool) {
	if st.peek() != '"' {
		st.syntaxError(st.pos)
		return
	}
	keyPos = st.pos
	start, end, escaped, bad, ok := st.scanString()
	if !ok {
		return
	}
	if st.peek() != ':' {
		st.syntaxError(st.pos)
		return keyPos, "", false
	}
	st.pos++
	if st.quiet {
		return keyPos, "", true
	}
	name = KeyString(st.stringBytes(start, end, escaped))
	if bad {
		st.ReportAt(name, "json.encoding", keyPos, nil)
	}
	return keyPos, name, true
}

// KeyString returns a key as a valid UTF-8 string.
func KeyString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

// keySet detects repeated keys among those of one object. Small
// objects are searched linearly; large ones use a map.
type keySet struct {
	list []string
	m    map[string]struct{}
}

// add adds key and reports whether it was there already.
func (s *keySet) add(key string) bool {
	if s.m != nil {
		if _, dup := s.m[key]; dup {
			return true
		}
		s.m[key] = struct{}{}
		return false
	}
	for _, k := range s.list {
		if k == key {
			return true
		}
	}
	s.list = append(s.list, key)
	if len(s.list) > 16 {
		s.m = make(map[string]struct{}, 2*len(s.list))
		for _, k := range s.list {
			s.m[k] = struct{}{}
		}
		s.list = nil
	}
	return false
}

// number is a JSON number taken apart exactly: its value is
// ±digits × 10^exp, with digits free of leading and trailing zeros
// ("" for zero).
type number struct {
	neg    bool
	digits []byte
	exp    int
}

// splitNumber takes apart a number token checked by scanNumber.
// Exponents are clamped far beyond any range the decoder checks.
func splitNumber(tok []byte) number {
	var n number
	if tok[0] == '-' {
		n.neg = true
		tok = tok[1:]
	}
	mant := tok
	exp := 0
	if i := bytes.IndexAny(tok, "eE"); i >= 0 {
		mant = tok[:i]
		e := tok[i+1:]
		eneg := false
		if e[0] == '+' || e[0] == '-' {
			eneg = e[0] == '-'
			e = e[1:]
		}
		for _, c := range e {
			if exp < 1e6 {
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
	}
	intPart, frac := mant, []byte(nil)
	if i := bytes.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	// digits = intPart frac without leading zeros; the value is
	// digits × 10^(exp − len(frac)).
	intPart = bytes.TrimLeft(intPart, "0")
	if len(intPart) == 0 {
		frac2 := bytes.TrimLeft(frac, "0")
		exp -= len(frac)
		n.digits = frac2
	} else {
		exp -= len(frac)
		if len(frac) == 0 {
			n.digits = intPart
		} else {
			n.digits = append(append(make([]byte, 0, len(intPart)+len(frac)), intPart...), frac...)
		}
	}
	for len(n.digits) > 0 && n.digits[len(n.digits)-1] == '0' {
		n.digits = n.digits[:len(n.digits)-1]
		exp++
	}
	if len(n.digits) == 0 {
		return number{}
	}
	n.exp = exp
	return n
}

// uint64 returns the magnitude of an integral number, and false when n is
// not integral or its magnitude does not fit.
func (n number) uint64() (uint64, bool) {
	if len(n.digits) == 0 {
		return 0, true
	}
	if n.exp < 0 || len(n.digits)+n.exp > 20 {
		return 0, false
	}
	var v uint64
	for _, c := range n.digits {
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	for e := n.exp; e > 0; e-- {
		if v > (1<<64-1)/10 {
			return 0, false
		}
		v *= 10
	}
	return v, true
}

// canonical returns a form of the number equal for equal values, for
// uniqueItems.
func (n number) canonical() string {
	if len(n.digits) == 0 {
		return "0"
	}
	b := make([]byte, 0, len(n.digits)+8)
	if n.neg {
		b = append(b, '-')
	}
	b = append(b, n.digits...)
	b = append(b, 'e')
	return string(strconv.AppendInt(b, int64(n.exp), 10))
}

// frame finds where a JSON value ends in a stream, loosely: it
// follows strings and the nesting of brackets but checks nothing else,
// which the value decoder does. Its state carries over between calls, so
// that a value can be scanned as it arrives, or skipped without being
// held whole.
type frame struct {
	state frameState
	depth int
}

type frameState uint8

const (
	frameStart  frameState = iota
	frameNested            // inside brackets, outside strings
	frameString            // inside a string
	frameEscape            // after a backslash in a string
	frameScalar            // in a number or literal
)

// scan consumes the bytes of b, which follow those scanned before, and
// returns how many belong to the value and whether it has ended. A number
// or literal ends at the first delimiter; at the end of the input the
// caller decides.
func (f *frame) scan(b []byte) (n int, done bool) {
	for i := 0; i < len(b); i++ {
		switch f.state {
		case frameStart:
			switch b[i] {
			case '{', '[':
				f.state, f.depth = frameNested, 1
			case '"':
				f.state = frameString
			default:
				f.state = frameScalar
			}
		case frameNested:
			// Skip quickly to the next byte that matters.
			for i < len(b) && !frameSpecial[b[i]] {
				i++
			}
			if i == len(b) {
				return i, false
			}
			switch b[i] {
			case '"':
				f.state = frameString
			case '{', '[':
				f.depth++
			default: // '}', ']'
				f.depth--
				if f.depth == 0 {
					return i + 1, true
				}
			}
		case frameString:
			for i < len(b) && b[i] != '"' && b[i] != '\\' {
				i++
			}
			if i == len(b) {
				return i, false
			}
			if b[i] == '\\' {
				f.state = frameEscape
			} else if f.depth == 0 {
				return i + 1, true
			} else {
				f.state = frameNested
			}
		case frameEscape:
			f.state = frameString
		case frameScalar:
			if isSpace(b[i]) || frameSpecial[b[i]] || b[i] == ',' {
				return i, true
			}
		}
	}
	return len(b), false
}

// frameSpecial marks the bytes that change a frame's nesting.
var frameSpecial = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}
