package jsonwire

import (
	"bytes"
	"io"
)

// DefaultMaxValueBytes is the largest value a Stream takes when its limit
// is 0 or less: 1 MiB.
const DefaultMaxValueBytes = 1 << 20

// readSize is how much a Stream reads at a time, at most.
const readSize = 64 << 10

// A Stream frames a stream of JSON values (JSON 流): one document, the
// elements of one array, or NDJSON with one value a line, told apart by
// the first bytes. After a byte order mark and whitespace, '[' starts an
// array, whose elements are handed out one at a time, so that an array of
// any length is never held whole. '{' starts NDJSON when the first line
// holds a whole value, or a syntax error; else one document, possibly
// pretty-printed, after which only whitespace may follow
// (json.trailingData). Anything else is read as NDJSON.
//
// In NDJSON, a line that cannot be read (a syntax error, a line longer
// than the limit) is handed out or reported and framing goes on with the
// next line; blank lines are skipped. In an array or a document, a syntax
// error ends the stream. Memory stays bounded by a small multiple of the
// limit, whatever the length of the stream.
//
// Each value is handed out with the Stream's [Reader] reset to it; it
// must be read with that Reader before the next call to Next, which
// judges by its syntax whether an array or a document goes on.
type Stream struct {
	r      io.Reader
	limit  int
	bufMax int

	buf        []byte
	start, end int   // buf[start:end] is read but not consumed
	base       int64 // offset in the stream of buf[0]
	line       int   // line of buf[start]
	eof        bool
	err        error

	mode      mode
	needComma bool // in an array, after an element
	pending   bool // a value was handed out: what follows depends on its syntax

	item Item
	rd   Reader
}

// mode is what a Stream expects next.
type mode uint8

const (
	modeStart    mode = iota // nothing read yet
	modeNDJSON               // a line
	modeArray                // an element, a comma or ']'
	modeDocument             // the document
	modeTrailing             // whitespace to the end
	modeDone                 // nothing more
)

// An Item is what Next advanced to (流条目): a value, or a fault of the
// stream itself.
type Item struct {
	// Data is the value's bytes, nil for a fault of the stream. They are
	// valid until the next call to Next.
	Data []byte
	// Line is the line of the stream on which the value or the fault
	// starts, from 1.
	Line int
	// Fault is the fault of the stream, with Code "" for a value:
	// json.tooLarge for a value over the limit, skipped unread;
	// json.syntax or json.unexpectedEnd for an array that is malformed or
	// not closed, which ends the stream; json.trailingData for anything
	// but whitespace after the array or the document.
	Fault Fault
}

// NewStream returns a Stream that reads UTF-8 from r, with values of up
// to limit bytes (DefaultMaxValueBytes when limit is 0 or less), and whose
// Reader has hooks.
func NewStream(r io.Reader, limit int, hooks *Hooks) *Stream {
	if limit <= 0 {
		limit = DefaultMaxValueBytes
	}
	// The buffer holds a whole value and the line end after it.
	return &Stream{r: r, limit: limit, bufMax: limit + 4096, line: 1, rd: Reader{Hooks: hooks}}
}

// Next advances to the next value or fault of the stream, which Item
// then describes. It returns false at the end of the input or when
// reading it failed (see Err).
func (s *Stream) Next() bool {
	if s.pending {
		s.pending = false
		s.afterValue(s.rd.fatal && s.mode != modeNDJSON)
	}
	s.item = Item{}
	for s.err == nil {
		var ok bool
		switch s.mode {
		case modeStart:
			s.detect()
			continue
		case modeNDJSON:
			ok = s.nextLine()
		case modeArray:
			ok = s.nextElement()
		case modeDocument:
			ok = s.nextValue()
		case modeTrailing:
			ok = s.nextTrailing()
		default:
			return false
		}
		if ok && s.err == nil {
			return true
		}
	}
	return false
}

// Item returns what Next advanced to.
func (s *Stream) Item() *Item { return &s.item }

// Reader returns the Reader reset to the value Next advanced to.
func (s *Stream) Reader() *Reader { return &s.rd }

// Err returns the error that stopped reading the input, other than
// io.EOF, or nil.
func (s *Stream) Err() error { return s.err }

// Offset returns how many bytes of input have been consumed: the offset
// just after the current value.
func (s *Stream) Offset() int64 { return s.base + int64(s.start) }

// fill reads more input into buf, keeping buf[start:end]. It returns false
// when nothing more could be read: at the end of the input, after an error
// (s.err), or when buf is full.
func (s *Stream) fill() bool {
	if s.eof {
		return false
	}
	if s.start > 0 && (s.end == len(s.buf) || s.start >= len(s.buf)/2) {
		n := copy(s.buf, s.buf[s.start:s.end])
		s.base += int64(s.start)
		s.start, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.bufMax {
			return false
		}
		size := min(max(2*len(s.buf), readSize), s.bufMax)
		buf := make([]byte, size)
		copy(buf, s.buf[:s.end])
		s.buf = buf
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:min(len(s.buf), s.end+readSize)])
		s.end += n
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
			return n > 0 && s.err == nil
		}
		if n > 0 {
			return true
		}
	}
	s.eof = true
	s.err = io.ErrNoProgress
	return false
}

// skipSpace consumes whitespace, counting lines, and reports whether a
// byte follows.
func (s *Stream) skipSpace() bool {
	for {
		for ; s.start < s.end; s.start++ {
			switch s.buf[s.start] {
			case '\n':
				s.line++
			case ' ', '\t', '\r':
			default:
				return true
			}
		}
		if !s.fill() {
			return false
		}
	}
}

// detect skips a byte order mark and whitespace and tells the format from
// what follows.
func (s *Stream) detect() {
	for s.end-s.start < 3 && s.fill() {
	}
	if bytes.HasPrefix(s.buf[s.start:s.end], []byte("\uFEFF")) {
		s.start += 3
	}
	if !s.skipSpace() {
		s.mode = modeDone
		return
	}
	switch s.buf[s.start] {
	case '[':
		s.start++
		s.mode = modeArray
	case '{':
		s.mode = s.firstLineMode()
	default:
		s.mode = modeNDJSON
	}
}

// firstLineMode tells NDJSON from a document that starts with '{': it is
// NDJSON when the first line holds a whole value or a syntax error, a
// document when the value goes on past the line.
func (s *Stream) firstLineMode() mode {
	scanned := 0
	for {
		if i := bytes.IndexByte(s.buf[s.start+scanned:s.end], '\n'); i >= 0 {
			st := &s.rd
			st.Reset(s.buf[s.start:s.start+scanned+i], s.line, nil)
			st.quiet = true
			st.skipValue()
			st.quiet = false
			if st.fatal && st.atEOF {
				return modeDocument
			}
			return modeNDJSON
		}
		scanned = s.end - s.start
		if scanned > s.limit || !s.fill() {
			// One line only, or one longer than a value may be: either way
			// it is read as a line.
			return modeNDJSON
		}
	}
}

// nextLine hands out the next line of NDJSON that is not blank.
func (s *Stream) nextLine() bool {
	for {
		lineNo := s.line
		scanned := 0
		lineEnd, newline := 0, false
		for {
			if i := bytes.IndexByte(s.buf[s.start+scanned:s.end], '\n'); i >= 0 {
				lineEnd, newline = s.start+scanned+i, true
				break
			}
			scanned = s.end - s.start
			if scanned > s.limit+1 { // longer than a value and its "\r"
				s.skipLine()
				s.tooLarge(lineNo)
				return true
			}
			if !s.fill() {
				if s.err != nil {
					return false
				}
				lineEnd = s.end
				break
			}
		}
		line := s.buf[s.start:lineEnd]
		s.start = lineEnd
		if newline {
			s.start++
			s.line++
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.Trim(line, " \t\r")) == 0 {
			if !newline {
				s.mode = modeDone
				return false
			}
			continue
		}
		if len(line) > s.limit {
			s.tooLarge(lineNo)
			return true
		}
		s.value(line, lineNo, nil)
		return true
	}
}

// skipLine consumes input up to and including the next newline, without
// keeping it.
func (s *Stream) skipLine() {
	for {
		if i := bytes.IndexByte(s.buf[s.start:s.end], '\n'); i >= 0 {
			s.start += i + 1
			s.line++
			return
		}
		s.start = s.end
		if !s.fill() {
			return
		}
	}
}

// nextElement hands out the next element of an array.
func (s *Stream) nextElement() bool {
	if !s.skipSpace() {
		if s.err != nil {
			return false
		}
		s.syntaxError() // the array is not closed
		return true
	}
	c := s.buf[s.start]
	switch {
	case c == ']':
		s.start++
		s.mode = modeTrailing
		return false
	case s.needComma && c != ',':
		s.syntaxError()
		return true
	case s.needComma:
		s.start++
		if !s.skipSpace() {
			if s.err != nil {
				return false
			}
			s.syntaxError()
			return true
		}
		c = s.buf[s.start]
		if c == ']' || c == ',' { // a comma that ends the array or doubles
			s.syntaxError()
			return true
		}
	case c == ',':
		s.syntaxError()
		return true
	}
	return s.nextValue()
}

// nextValue hands out the value at buf[start]: an element of an array or
// the document.
func (s *Stream) nextValue() bool {
	lineNo := s.line
	var f frame
	scanned := 0
	for {
		n, done := f.scan(s.buf[s.start+scanned : s.end])
		scanned += n
		if done {
			break
		}
		if scanned > s.limit {
			s.skipTooLarge(&f, scanned, lineNo)
			return true
		}
		if !s.fill() {
			if s.err != nil {
				return false
			}
			break // the end of the input ends the value, whole or not
		}
	}
	data := s.buf[s.start : s.start+scanned]
	s.line += bytes.Count(data, []byte{'\n'})
	s.start += scanned
	if len(data) > s.limit {
		s.tooLarge(lineNo)
		s.afterValue(false)
		return true
	}
	s.value(data, lineNo, s.buf[:s.start-scanned])
	return true
}

// value hands out data, a value that starts on line line, with the
// Reader reset to it; prefix is what precedes data in the buffer.
func (s *Stream) value(data []byte, line int, prefix []byte) {
	s.item = Item{Data: data, Line: line}
	s.rd.Reset(data, line, prefix)
	s.pending = true
}

// skipTooLarge consumes the rest of a value found too large, of which
// the first scanned bytes have been scanned with f, and reports it.
func (s *Stream) skipTooLarge(f *frame, scanned, lineNo int) {
	s.line += bytes.Count(s.buf[s.start:s.start+scanned], []byte{'\n'})
	s.start += scanned
	done := false
	for !done && s.fill() {
		var n int
		n, done = f.scan(s.buf[s.start:s.end])
		s.line += bytes.Count(s.buf[s.start:s.start+n], []byte{'\n'})
		s.start += n
	}
	s.tooLarge(lineNo)
	s.afterValue(!done && f.state != frameScalar)
}

// afterValue sets what is expected after an element or the document; a
// syntax error ends the stream.
func (s *Stream) afterValue(syntaxError bool) {
	switch {
	case syntaxError:
		s.mode = modeDone
	case s.mode == modeArray:
		s.needComma = true
	case s.mode == modeDocument:
		s.mode = modeTrailing
	}
}

// nextTrailing reports anything but whitespace after the array or the
// document.
func (s *Stream) nextTrailing() bool {
	s.mode = modeDone
	if !s.skipSpace() {
		return false
	}
	s.fault("json.trailingData", nil)
	return true
}

// tooLarge reports a value skipped for its size.
func (s *Stream) tooLarge(lineNo int) {
	s.item = Item{Line: lineNo, Fault: Fault{Code: "json.tooLarge", Line: lineNo, Params: map[string]any{"limit": s.limit}}}
}

// syntaxError reports a syntax error in the array around the elements,
// at buf[start], and ends the stream: json.unexpectedEnd when the input
// ended there, an array left open.
func (s *Stream) syntaxError() {
	col, near := syntaxContext(nil, s.buf[:s.end], s.start)
	code := "json.syntax"
	if s.start >= s.end && s.eof {
		code = "json.unexpectedEnd"
	}
	s.fault(code, map[string]any{"column": col, "near": near})
	s.mode = modeDone
}

// fault reports a fault of the stream at buf[start].
func (s *Stream) fault(code string, params map[string]any) {
	s.item = Item{Line: s.line, Fault: Fault{Code: code, Line: s.line, Params: params}}
}
