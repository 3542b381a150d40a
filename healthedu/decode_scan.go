package healthedu

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf8"
)

// This file holds the byte-level JSON reading shared by the record decoder
// (decode_reflect.go) and the stream framing (decode.go): whitespace,
// strings, numbers and literals, a validating skip of any value, the
// loose structural scan that finds where a value ends, and the syntax
// issues with their line, column and excerpt.

// decodeMaxDepth bounds the nesting of arrays and objects in a record, so
// that a hostile "[[[[…" cannot exhaust the stack.
const decodeMaxDepth = 512

// decodeState decodes one record: the bytes of one JSON value, with the
// issues found in it. One decodeState is reused across the records of a
// Decoder, so that its buffers are allocated once.
type decodeState struct {
	data []byte // the record
	pos  int    // read position in data
	line int    // line of data[0] in the stream
	// prefix is what precedes data on its first line, as far as it is still
	// buffered, for the column of syntax errors.
	prefix []byte

	path   []byte  // JSON Pointer of the value being decoded
	issues []Issue // found so far
	errs   int     // issues of severity error among them
	depth  int     // nesting of arrays and objects

	fatal bool // a syntax error ended decoding
	quiet bool // probe syntax only: record no issues, no strings
	atEOF bool // the syntax error was running out of data

	// Strings are gathered in arena and set into the record at the end,
	// so that all the strings of a record cost one allocation.
	arena    []byte
	pending  []decodePendingString
	scratch  []byte // unescaped strings that are not kept
	immedStr int    // > 0 while strings must be set at once (map values)

	// lineCache remembers the line of one position, so that counting the
	// lines of successive issues stays linear in the record's size.
	lineCachePos, lineCacheLine int
}

// reset prepares st to decode data, which starts on line line.
func (st *decodeState) reset(data []byte, line int, prefix []byte) {
	st.data = data
	st.pos = 0
	st.line = line
	st.prefix = prefix
	st.path = st.path[:0]
	st.issues = st.issues[:0]
	st.errs = 0
	st.depth = 0
	st.fatal = false
	st.atEOF = false
	st.arena = st.arena[:0]
	clear(st.pending) // drop references into the previous record
	st.pending = st.pending[:0]
	st.immedStr = 0
	st.lineCachePos, st.lineCacheLine = 0, line
}

// lineAt returns the line of data[pos].
func (st *decodeState) lineAt(pos int) int {
	pos = min(max(pos, 0), len(st.data))
	if pos >= st.lineCachePos {
		st.lineCacheLine += bytes.Count(st.data[st.lineCachePos:pos], []byte{'\n'})
	} else {
		st.lineCacheLine -= bytes.Count(st.data[pos:st.lineCachePos], []byte{'\n'})
	}
	st.lineCachePos = pos
	return st.lineCacheLine
}

// decodeMaxIssues is the most issues reported for one record, so that a
// record of repeated faults cannot make a report many times its size.
const decodeMaxIssues = 100

// addIssue records an issue with code at the current path, on the line of
// data[pos].
func (st *decodeState) addIssue(code string, pos int, params map[string]any) {
	if st.quiet || st.full() {
		return
	}
	st.appendIssue(NewIssue(code, string(st.path), params), pos)
}

// full reports whether the record is rejected and no more of its issues
// are reported.
func (st *decodeState) full() bool {
	return len(st.issues) > decodeMaxIssues && st.errs > 0
}

// appendIssue records is, found at data[pos].
func (st *decodeState) appendIssue(is Issue, pos int) {
	if is.Severity == SeverityError {
		st.errs++
	}
	switch {
	case len(st.issues) < decodeMaxIssues:
		is.Line = st.lineAt(pos)
		st.issues = append(st.issues, is)
	case len(st.issues) == decodeMaxIssues:
		more := NewIssue("json.tooManyIssues", "", map[string]any{"limit": decodeMaxIssues})
		more.Line = st.lineAt(pos)
		st.issues = append(st.issues, more)
	}
}

// addIssueAt records an issue at the member name of the current path.
func (st *decodeState) addIssueAt(name, code string, pos int, params map[string]any) {
	n := len(st.path)
	st.path = AppendPointerToken(st.path, name)
	st.addIssue(code, pos, params)
	st.path = st.path[:n]
}

// pushIndex appends the array index i to the path and returns the length
// to restore.
func (st *decodeState) pushIndex(i int) int {
	n := len(st.path)
	st.path = append(st.path, '/')
	st.path = strconv.AppendInt(st.path, int64(i), 10)
	return n
}

// syntaxError ends decoding with a json.syntax issue at data[pos] — a
// json.unexpectedEnd issue when pos is the end of the data — or a
// json.encoding issue when the offending bytes are not UTF-8.
func (st *decodeState) syntaxError(pos int) {
	if st.fatal {
		return
	}
	st.fatal = true
	st.atEOF = pos >= len(st.data)
	if st.quiet {
		return
	}
	// The path of a syntax error is the record: a pointer into a value
	// that could not be read would mislead.
	n := len(st.path)
	st.path = st.path[:0]
	if pos < len(st.data) && st.data[pos] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRune(st.data[pos:]); r == utf8.RuneError {
			st.addIssue("json.encoding", pos, nil)
			st.path = st.path[:n]
			return
		}
	}
	col, near := decodeSyntaxContext(st.prefix, st.data, pos)
	code := "json.syntax"
	if st.atEOF {
		// The record ended before its value did: cut short, or a record
		// of NDJSON spread over several lines.
		code = "json.unexpectedEnd"
	}
	st.addIssue(code, pos, map[string]any{"column": col, "near": near})
	st.path = st.path[:n]
}

// decodeSyntaxContext returns the column (1-based, in characters) of
// data[pos] on its line, where prefix is what precedes data on its first
// line, and an excerpt of that line around pos for a message. Runs of
// more than four digits are masked in the excerpt, so that it never shows
// a citizen ID or a mobile number in clear.
func decodeSyntaxContext(prefix, data []byte, pos int) (int, string) {
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
		size := decodeDigitBefore(data[lineStart:k])
		if size == 0 {
			break
		}
		k -= size
	}
	return col, decodeExcerpt(data[from:to], run)
}

// decodeDigitBefore returns the size of the digit, ASCII or full-width,
// that b ends with, or 0.
func decodeDigitBefore(b []byte) int {
	r, size := utf8.DecodeLastRune(b)
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return size
	}
	return 0
}

// decodeExcerpt returns b as valid UTF-8 for a message: invalid bytes and
// control characters become U+FFFD and spaces, and digits after the fourth
// of a run become '*'; run is the count of digits of the run that b
// starts inside of, before b.
func decodeExcerpt(b []byte, run int) string {
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

// decodeMask returns a value given in a record for an issue's params, as
// decodeExcerpt does: a citizen ID or a mobile number written where it
// does not belong is not echoed in clear.
func decodeMask(b []byte) string { return decodeExcerpt(b, 0) }

// decodeSpace reports whether c is JSON whitespace.
func decodeSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t'
}

// skipSpace advances over whitespace.
func (st *decodeState) skipSpace() {
	for st.pos < len(st.data) && decodeSpace(st.data[st.pos]) {
		st.pos++
	}
}

// peek skips whitespace and returns the next byte, or ends decoding with a
// syntax error and returns 0 at the end of data.
func (st *decodeState) peek() byte {
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

// decodeStringPlain marks the bytes a string may hold that need no
// attention: printable ASCII other than '"' and '\\'.
var decodeStringPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanString reads the string at data[pos], which is '"'. It returns the
// bounds of its contents, whether they hold escapes, and whether they hold
// bytes that are not UTF-8. ok is false after a syntax error.
func (st *decodeState) scanString() (start, end int, escaped, badUTF8, ok bool) {
	data := st.data
	i := st.pos + 1
	start = i
	for {
		// Eight bytes at a time while none needs attention, then one by
		// one.
		for i+8 <= len(data) && !decodeSpecialWord(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		for i < len(data) && decodeStringPlain[data[i]] {
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
					if k >= len(data) || decodeHex(data[k]) < 0 {
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

// decodeSpecialWord reports whether any of the eight bytes of x is '"',
// '\\', a control character or not ASCII (the classic "has a zero byte"
// test, applied to x ^ '"', x ^ '\\' and x − 0x20).
func decodeSpecialWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(x-ones*0x20)|x)&highs != 0
}

// decodeHex returns the value of the hexadecimal digit c, or -1.
func decodeHex(c byte) rune {
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

// decodeUnescape appends the contents of a JSON string, escapes resolved,
// to dst. s has been checked by scanString. Unpaired surrogates become
// U+FFFD, as encoding/json does.
func decodeUnescape(dst, s []byte) []byte {
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
			r := decodeHex4(s[2:6])
			s = s[6:]
			if utf16IsHigh(r) {
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					if r2 := decodeHex4(s[2:6]); utf16IsLow(r2) {
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

func decodeHex4(b []byte) rune {
	return decodeHex(b[0])<<12 | decodeHex(b[1])<<8 | decodeHex(b[2])<<4 | decodeHex(b[3])
}

func utf16IsHigh(r rune) bool { return 0xD800 <= r && r < 0xDC00 }
func utf16IsLow(r rune) bool  { return 0xDC00 <= r && r < 0xE000 }

// stringBytes returns the contents of the string data[start:end], escapes
// resolved. The result is valid until the next call.
func (st *decodeState) stringBytes(start, end int, escaped bool) []byte {
	if !escaped {
		return st.data[start:end]
	}
	st.scratch = decodeUnescape(st.scratch[:0], st.data[start:end])
	return st.scratch
}

// scanNumber reads the number at data[pos] and returns its bounds; ok is
// false after a syntax error.
func (st *decodeState) scanNumber() (start, end int, ok bool) {
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
	if i < len(data) && !decodeSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		st.syntaxError(i)
		return
	}
	st.pos = i
	return start, i, true
}

// scanLiteral reads the literal lit ("true", "false" or "null") at
// data[pos].
func (st *decodeState) scanLiteral(lit string) bool {
	data := st.data
	for k := 0; k < len(lit); k++ {
		if st.pos+k >= len(data) || data[st.pos+k] != lit[k] {
			st.syntaxError(st.pos + k)
			return false
		}
	}
	i := st.pos + len(lit)
	if i < len(data) && !decodeSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		st.syntaxError(i)
		return false
	}
	st.pos = i
	return true
}

// decodeJSONType names the JSON type of the value that starts with c, as
// the "actual" param of json.type.
func decodeJSONType(c byte) string {
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
func (st *decodeState) enter() bool {
	st.depth++
	if st.depth > decodeMaxDepth {
		st.syntaxError(st.pos)
		return false
	}
	return true
}

// skipValue reads any JSON value, reporting what is wrong inside it
// (syntax, encoding, duplicate keys) without decoding it.
func (st *decodeState) skipValue() {
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
			st.addIssue("json.encoding", pos, nil)
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
func (st *decodeState) skipObject() {
	if !st.enter() {
		return
	}
	st.pos++
	if st.peek() == '}' {
		st.pos++
		st.depth--
		return
	}
	var keys decodeKeySet
	for !st.fatal {
		keyPos, name, ok := st.readKey()
		if !ok {
			return
		}
		n := len(st.path)
		if !st.quiet {
			st.path = AppendPointerToken(st.path, name)
			if keys.add(name) {
				st.addIssue("json.duplicateKey", keyPos, map[string]any{"field": name})
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
func (st *decodeState) readKey() (keyPos int, name string, ok bool) {
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
	name = decodeKeyString(st.stringBytes(start, end, escaped))
	if bad {
		st.addIssueAt(name, "json.encoding", keyPos, nil)
	}
	return keyPos, name, true
}

// decodeKeyString returns a key as a valid UTF-8 string.
func decodeKeyString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
}

// decodeKeySet detects repeated keys among those of one object. Small
// objects are searched linearly; large ones use a map.
type decodeKeySet struct {
	list []string
	m    map[string]struct{}
}

// add adds key and reports whether it was there already.
func (s *decodeKeySet) add(key string) bool {
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

// decodeNumber is a JSON number taken apart exactly: its value is
// ±digits × 10^exp, with digits free of leading and trailing zeros
// ("" for zero).
type decodeNumber struct {
	neg    bool
	digits []byte
	exp    int
}

// decodeSplitNumber takes apart a number token checked by scanNumber.
// Exponents are clamped far beyond any range the decoder checks.
func decodeSplitNumber(tok []byte) decodeNumber {
	var n decodeNumber
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
		return decodeNumber{}
	}
	n.exp = exp
	return n
}

// uint64 returns the magnitude of an integral number, and false when n is
// not integral or its magnitude does not fit.
func (n decodeNumber) uint64() (uint64, bool) {
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
func (n decodeNumber) canonical() string {
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

// decodeFrame finds where a JSON value ends in a stream, loosely: it
// follows strings and the nesting of brackets but checks nothing else,
// which the record decoder does. Its state carries over between calls, so
// that a value can be scanned as it arrives, or skipped without being
// held whole.
type decodeFrame struct {
	state decodeFrameState
	depth int
}

type decodeFrameState uint8

const (
	decodeFrameStart  decodeFrameState = iota
	decodeFrameNested                  // inside brackets, outside strings
	decodeFrameString                  // inside a string
	decodeFrameEscape                  // after a backslash in a string
	decodeFrameScalar                  // in a number or literal
)

// scan consumes the bytes of b, which follow those scanned before, and
// returns how many belong to the value and whether it has ended. A number
// or literal ends at the first delimiter; at the end of the input the
// caller decides.
func (f *decodeFrame) scan(b []byte) (n int, done bool) {
	for i := 0; i < len(b); i++ {
		switch f.state {
		case decodeFrameStart:
			switch b[i] {
			case '{', '[':
				f.state, f.depth = decodeFrameNested, 1
			case '"':
				f.state = decodeFrameString
			default:
				f.state = decodeFrameScalar
			}
		case decodeFrameNested:
			// Skip quickly to the next byte that matters.
			for i < len(b) && !decodeFrameSpecial[b[i]] {
				i++
			}
			if i == len(b) {
				return i, false
			}
			switch b[i] {
			case '"':
				f.state = decodeFrameString
			case '{', '[':
				f.depth++
			default: // '}', ']'
				f.depth--
				if f.depth == 0 {
					return i + 1, true
				}
			}
		case decodeFrameString:
			for i < len(b) && b[i] != '"' && b[i] != '\\' {
				i++
			}
			if i == len(b) {
				return i, false
			}
			if b[i] == '\\' {
				f.state = decodeFrameEscape
			} else if f.depth == 0 {
				return i + 1, true
			} else {
				f.state = decodeFrameNested
			}
		case decodeFrameEscape:
			f.state = decodeFrameString
		case decodeFrameScalar:
			if decodeSpace(b[i]) || decodeFrameSpecial[b[i]] || b[i] == ',' {
				return i, true
			}
		}
	}
	return len(b), false
}

// decodeFrameSpecial marks the bytes that change a decodeFrame's nesting.
var decodeFrameSpecial = [256]bool{'"': true, '{': true, '[': true, '}': true, ']': true}
