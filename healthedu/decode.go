package healthedu

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding is the character encoding of a submission (字符编码).
type Encoding int

// The encodings a Decoder reads.
const (
	// UTF8 is UTF-8 (the default); a leading byte order mark is skipped.
	UTF8 Encoding = iota
	// GB18030 is GB 18030, the national standard that extends GBK and
	// GB 2312, as written by older Windows tools (国标编码).
	GB18030
)

// String returns "UTF-8" or "GB18030".
func (e Encoding) String() string {
	switch e {
	case UTF8:
		return "UTF-8"
	case GB18030:
		return "GB18030"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// decodeDefaultMaxRecordBytes is the default of DecodeOptions.MaxRecordBytes.
const decodeDefaultMaxRecordBytes = 1 << 20

// decodeReadSize is how much a Decoder reads at a time, at most.
const decodeReadSize = 64 << 10

// DecodeOptions configures a Decoder (解码选项). The zero value reads UTF-8
// records of the exchange kinds of up to 1 MiB.
type DecodeOptions struct {
	// Encoding is the character encoding of the input.
	Encoding Encoding
	// MaxRecordBytes is the largest record accepted, in bytes of UTF-8;
	// 0 or less means 1 MiB. A larger record is skipped, without being held in
	// memory, and reported as json.tooLarge.
	MaxRecordBytes int
	// Kinds are the kinds of record the Decoder takes (记录类型表); nil means
	// those of [ExchangeKinds]. A record of another kind is reported as
	// document.kind, with the kinds of the list as those allowed. A list
	// that gives a kind twice or a KindInfo incomplete stops the Decoder
	// before it reads anything (see [Decoder.Err]).
	Kinds Kinds
}

// Decoded is one record of a submission as the Decoder read it (解码结果):
// the typed record when it could be decoded, and what is wrong with it.
type Decoded struct {
	// Index is the record's position in the stream, from 0. Problems of the
	// stream itself, such as data after the end of a document, take an
	// index of their own.
	Index int
	// Line is the line on which the record starts, from 1.
	Line int
	// Kind is the record's kind, when it could be read, even when the
	// Decoder does not take the kind.
	Kind Kind
	// ID is the record's identifier chosen by its submitter, when it could
	// be read, even when Record is nil.
	ID string
	// Record is the decoded record, a pointer to the type its KindInfo
	// gives for Kind; nil when any issue of severity error was found.
	Record Record
	// Issues are what is wrong with the record, in the order found. Each
	// Path is a JSON Pointer into the record (not into the stream) and each
	// Line is set.
	Issues []Issue
	// Raw is the record's bytes, as UTF-8; nil when the record was too
	// large to keep or when the entry reports a problem of the stream.
	Raw []byte

	// partial is the record as far as it could be decoded when Record is
	// nil for faults of its values alone: its kind known, its syntax
	// sound, its issues not cut short (json.tooManyIssues). The values at
	// the paths of the error issues are zero or partly set. ValidateStream
	// validates it, so that a record's faults are reported together.
	partial Record
}

// Decoder reads a stream of records (记录解码器): one JSON document, a
// JSON array of records, or NDJSON with one record a line, and decodes
// each record strictly into the type of its kind, among the kinds it
// takes (see DecodeOptions.Kinds).
//
// The format is told from the first bytes. After a byte order mark and
// whitespace, '[' starts an array, whose elements are read one at a time,
// so that an array of any length is never held whole. '{' starts NDJSON
// when the first line holds a whole JSON value, or a syntax error; else
// one document, possibly pretty-printed, after which only whitespace may
// follow (json.trailingData). Anything else is read as NDJSON.
//
// In NDJSON, a line that cannot be read (a syntax error, a line longer
// than MaxRecordBytes, bytes that are not UTF-8) is reported and decoding
// goes on with the next line; blank lines are skipped. In an array or a
// document, a syntax error ends the stream. Memory stays bounded by a
// small multiple of MaxRecordBytes, whatever the length of the stream.
//
// A record is decoded with the rules its Go type's struct tags give, read
// as github.com/invopop/jsonschema reads them to write the JSON Schemas,
// so that the decoder and a schema validator judge alike:
//
//   - the record's "kind" selects its type (document.kind, or
//     json.required when it is missing);
//   - a member is required unless its json tag has omitempty or omitzero
//     (json.required); members the type does not have (json.unknownField,
//     names are case-sensitive) and members given twice at any depth
//     (json.duplicateKey) are rejected; embedded structs are inlined as
//     encoding/json does;
//   - a value of the wrong JSON type is rejected, and null always is
//     (json.type); integers must be integral and within the Go type and
//     the tag's minimum and maximum (json.range);
//   - strings obey minLength and maxLength, in characters (json.length),
//     pattern (json.pattern) and enum (json.enum); arrays minItems,
//     maxItems (json.items) and uniqueItems (json.unique);
//   - a type with an UnmarshalText method takes a string: its
//     [*ParseError] becomes an issue with the error's own code (such as
//     division.syntax), its [*EnumError] json.enum, any other error
//     json.format; time.Time takes RFC 3339 with an offset
//     (json.dateTime), and an instant jiceng can represent, in the years
//     1900 to 9999 in China Standard Time (time.outOfRange, see
//     [Representable]: a rule beyond JSON Schema, which also keeps
//     0001-01-01T00:00:00Z from passing for a missing time); a type with
//     an UnmarshalJSON method, such as [Decimal], takes a number.
//
// Each issue has a JSON Pointer into its record as its Path, and the line
// of the offending token. A Decoder is not safe for concurrent use.
type Decoder struct {
	src    decodeCountingReader
	r      io.Reader // src, or src decoded from GB18030
	enc    Encoding
	limit  int
	bufMax int

	buf        []byte
	start, end int   // buf[start:end] is read but not consumed
	base       int64 // offset in the (UTF-8) stream of buf[0]
	line       int   // line of buf[start]
	eof        bool
	err        error

	mode      decodeMode
	needComma bool // in an array, after an element
	index     int

	cur     Decoded
	st      decodeState
	kinds   Kinds                 // the kinds taken
	seen    map[string]decodeKind // the kinds taken seen so far
	allowed []string              // the names of kinds, sorted, once needed
}

// decodeMode is what a Decoder expects next.
type decodeMode uint8

const (
	decodeModeStart    decodeMode = iota // nothing read yet
	decodeModeNDJSON                     // a line
	decodeModeArray                      // an element, a comma or ']'
	decodeModeDocument                   // the document
	decodeModeTrailing                   // whitespace to the end
	decodeModeDone                       // nothing more
)

// decodeKind is a kind taken with the codec of its type.
type decodeKind struct {
	info   KindInfo
	fields *decodeFields
}

// decodeCountingReader counts the bytes read from r.
type decodeCountingReader struct {
	r io.Reader
	n int64
}

// Read reads from r, counting.
func (c *decodeCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewDecoder returns a Decoder that reads records from r.
func NewDecoder(r io.Reader, opts DecodeOptions) *Decoder {
	d := &Decoder{enc: opts.Encoding, limit: opts.MaxRecordBytes, line: 1, kinds: opts.Kinds}
	if d.limit <= 0 {
		d.limit = decodeDefaultMaxRecordBytes
	}
	if d.kinds == nil {
		d.kinds = exchangeKinds
	} else if err := d.kinds.check(); err != nil {
		d.err = errors.New("healthedu: NewDecoder: " + err.Error())
		return d
	}
	// The buffer holds a whole record and the line end after it.
	d.bufMax = d.limit + 4096
	d.src.r = r
	switch opts.Encoding {
	case UTF8:
		d.r = &d.src
	case GB18030:
		d.r = transform.NewReader(&d.src, simplifiedchinese.GB18030.NewDecoder())
	default:
		d.err = errors.New("healthedu: NewDecoder: unsupported " + opts.Encoding.String())
	}
	return d
}

// Next advances to the next record, which Decoded then returns. It returns
// false at the end of the input or when reading it failed (see Err).
func (d *Decoder) Next() bool {
	d.cur = Decoded{}
	for d.err == nil {
		var ok bool
		switch d.mode {
		case decodeModeStart:
			d.detect()
			continue
		case decodeModeNDJSON:
			ok = d.nextLine()
		case decodeModeArray:
			ok = d.nextElement()
		case decodeModeDocument:
			ok = d.nextValue()
		case decodeModeTrailing:
			ok = d.nextTrailing()
		default:
			return false
		}
		if ok && d.err == nil {
			d.cur.Index = d.index
			d.index++
			return true
		}
	}
	return false
}

// Decoded returns the record Next advanced to. It and what it refers to
// (Issues, Raw) are valid until the next call to Next; Record is the
// caller's to keep.
func (d *Decoder) Decoded() *Decoded { return &d.cur }

// Err returns the error that stopped reading the input, other than
// io.EOF, or nil. What is wrong with the records' content is never an
// error: it is reported in their issues.
func (d *Decoder) Err() error { return d.err }

// Offset returns how many bytes of input have been consumed, for showing
// progress. For UTF-8 input it is the offset just after the current
// record; for GB18030 input it is what has been read from the reader,
// which runs ahead by at most the size of a record.
func (d *Decoder) Offset() int64 {
	if d.enc == UTF8 {
		return d.base + int64(d.start)
	}
	return d.src.n
}

// fill reads more input into buf, keeping buf[start:end]. It returns false
// when nothing more could be read: at the end of the input, after an error
// (d.err), or when buf is full.
func (d *Decoder) fill() bool {
	if d.eof {
		return false
	}
	if d.start > 0 && (d.end == len(d.buf) || d.start >= len(d.buf)/2) {
		n := copy(d.buf, d.buf[d.start:d.end])
		d.base += int64(d.start)
		d.start, d.end = 0, n
	}
	if d.end == len(d.buf) {
		if len(d.buf) >= d.bufMax {
			return false
		}
		size := min(max(2*len(d.buf), decodeReadSize), d.bufMax)
		buf := make([]byte, size)
		copy(buf, d.buf[:d.end])
		d.buf = buf
	}
	for range 100 {
		n, err := d.r.Read(d.buf[d.end:min(len(d.buf), d.end+decodeReadSize)])
		d.end += n
		if err != nil {
			d.eof = true
			if err != io.EOF {
				d.err = err
			}
			return n > 0 && d.err == nil
		}
		if n > 0 {
			return true
		}
	}
	d.eof = true
	d.err = io.ErrNoProgress
	return false
}

// skipSpace consumes whitespace, counting lines, and reports whether a
// byte follows.
func (d *Decoder) skipSpace() bool {
	for {
		for ; d.start < d.end; d.start++ {
			switch d.buf[d.start] {
			case '\n':
				d.line++
			case ' ', '\t', '\r':
			default:
				return true
			}
		}
		if !d.fill() {
			return false
		}
	}
}

// detect skips a byte order mark and whitespace and tells the format from
// what follows.
func (d *Decoder) detect() {
	for d.end-d.start < 3 && d.fill() {
	}
	if bytes.HasPrefix(d.buf[d.start:d.end], []byte("\uFEFF")) {
		d.start += 3
	}
	if !d.skipSpace() {
		d.mode = decodeModeDone
		return
	}
	switch d.buf[d.start] {
	case '[':
		d.start++
		d.mode = decodeModeArray
	case '{':
		d.mode = d.firstLineMode()
	default:
		d.mode = decodeModeNDJSON
	}
}

// firstLineMode tells NDJSON from a document that starts with '{': it is
// NDJSON when the first line holds a whole value or a syntax error, a
// document when the value goes on past the line.
func (d *Decoder) firstLineMode() decodeMode {
	scanned := 0
	for {
		if i := bytes.IndexByte(d.buf[d.start+scanned:d.end], '\n'); i >= 0 {
			st := &d.st
			st.reset(d.buf[d.start:d.start+scanned+i], d.line, nil)
			st.quiet = true
			st.skipValue()
			st.quiet = false
			if st.fatal && st.atEOF {
				return decodeModeDocument
			}
			return decodeModeNDJSON
		}
		scanned = d.end - d.start
		if scanned > d.limit || !d.fill() {
			// One line only, or one longer than a record may be: either way
			// it is read as a line.
			return decodeModeNDJSON
		}
	}
}

// nextLine decodes the next line of NDJSON that is not blank.
func (d *Decoder) nextLine() bool {
	for {
		lineNo := d.line
		scanned := 0
		lineEnd, newline := 0, false
		for {
			if i := bytes.IndexByte(d.buf[d.start+scanned:d.end], '\n'); i >= 0 {
				lineEnd, newline = d.start+scanned+i, true
				break
			}
			scanned = d.end - d.start
			if scanned > d.limit+1 { // longer than a record and its "\r"
				d.skipLine()
				d.tooLarge(lineNo)
				return true
			}
			if !d.fill() {
				if d.err != nil {
					return false
				}
				lineEnd = d.end
				break
			}
		}
		line := d.buf[d.start:lineEnd]
		d.start = lineEnd
		if newline {
			d.start++
			d.line++
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.Trim(line, " \t\r")) == 0 {
			if !newline {
				d.mode = decodeModeDone
				return false
			}
			continue
		}
		if len(line) > d.limit {
			d.tooLarge(lineNo)
			return true
		}
		d.decodeRecord(line, lineNo, nil)
		return true
	}
}

// skipLine consumes input up to and including the next newline, without
// keeping it.
func (d *Decoder) skipLine() {
	for {
		if i := bytes.IndexByte(d.buf[d.start:d.end], '\n'); i >= 0 {
			d.start += i + 1
			d.line++
			return
		}
		d.start = d.end
		if !d.fill() {
			return
		}
	}
}

// nextElement decodes the next element of an array.
func (d *Decoder) nextElement() bool {
	if !d.skipSpace() {
		if d.err != nil {
			return false
		}
		d.streamSyntaxError() // the array is not closed
		return true
	}
	c := d.buf[d.start]
	switch {
	case c == ']':
		d.start++
		d.mode = decodeModeTrailing
		return false
	case d.needComma && c != ',':
		d.streamSyntaxError()
		return true
	case d.needComma:
		d.start++
		if !d.skipSpace() {
			if d.err != nil {
				return false
			}
			d.streamSyntaxError()
			return true
		}
		c = d.buf[d.start]
		if c == ']' || c == ',' { // a comma that ends the array or doubles
			d.streamSyntaxError()
			return true
		}
	case c == ',':
		d.streamSyntaxError()
		return true
	}
	return d.nextValue()
}

// nextValue decodes the value at buf[start]: an element of an array or
// the document.
func (d *Decoder) nextValue() bool {
	lineNo := d.line
	var f decodeFrame
	scanned := 0
	for {
		n, done := f.scan(d.buf[d.start+scanned : d.end])
		scanned += n
		if done {
			break
		}
		if scanned > d.limit {
			d.skipTooLarge(&f, scanned, lineNo)
			return true
		}
		if !d.fill() {
			if d.err != nil {
				return false
			}
			break // the end of the input ends the value, whole or not
		}
	}
	data := d.buf[d.start : d.start+scanned]
	d.line += bytes.Count(data, []byte{'\n'})
	d.start += scanned
	if len(data) > d.limit {
		d.tooLarge(lineNo)
		d.afterValue(false)
		return true
	}
	d.decodeRecord(data, lineNo, d.buf[:d.start-scanned])
	d.afterValue(d.st.fatal)
	return true
}

// skipTooLarge consumes the rest of a value found too large, of which
// the first scanned bytes have been scanned with f, and reports it.
func (d *Decoder) skipTooLarge(f *decodeFrame, scanned, lineNo int) {
	d.line += bytes.Count(d.buf[d.start:d.start+scanned], []byte{'\n'})
	d.start += scanned
	done := false
	for !done && d.fill() {
		var n int
		n, done = f.scan(d.buf[d.start:d.end])
		d.line += bytes.Count(d.buf[d.start:d.start+n], []byte{'\n'})
		d.start += n
	}
	d.tooLarge(lineNo)
	d.afterValue(!done && f.state != decodeFrameScalar)
}

// afterValue sets what is expected after an element or the document; a
// syntax error ends the stream.
func (d *Decoder) afterValue(syntaxError bool) {
	switch {
	case syntaxError:
		d.mode = decodeModeDone
	case d.mode == decodeModeArray:
		d.needComma = true
	default:
		d.mode = decodeModeTrailing
	}
}

// nextTrailing reports anything but whitespace after the array or the
// document.
func (d *Decoder) nextTrailing() bool {
	d.mode = decodeModeDone
	if !d.skipSpace() {
		return false
	}
	d.streamIssue("json.trailingData", nil)
	return true
}

// tooLarge reports a record skipped for its size.
func (d *Decoder) tooLarge(lineNo int) {
	d.cur.Line = lineNo
	is := NewIssue("json.tooLarge", "", map[string]any{"limit": d.limit})
	is.Line = lineNo
	d.cur.Issues = append(d.st.issues[:0], is)
	d.st.issues = d.cur.Issues
}

// streamSyntaxError reports a syntax error in the array around the
// elements, at buf[start], and ends the stream: json.unexpectedEnd when
// the input ended there, an array left open.
func (d *Decoder) streamSyntaxError() {
	col, near := decodeSyntaxContext(nil, d.buf[:d.end], d.start)
	code := "json.syntax"
	if d.start >= d.end && d.eof {
		code = "json.unexpectedEnd"
	}
	d.streamIssue(code, map[string]any{"column": col, "near": near})
	d.mode = decodeModeDone
}

// streamIssue reports an issue of the stream at buf[start].
func (d *Decoder) streamIssue(code string, params map[string]any) {
	d.cur.Line = d.line
	is := NewIssue(code, "", params)
	is.Line = d.line
	d.cur.Issues = append(d.st.issues[:0], is)
	d.st.issues = d.cur.Issues
}

// decodeRecord decodes data, a record that starts on line line, into
// d.cur. prefix is what precedes data in the buffer.
func (d *Decoder) decodeRecord(data []byte, line int, prefix []byte) {
	st := &d.st
	st.reset(data, line, prefix)
	d.cur.Line = line
	d.cur.Raw = data
	st.skipSpace()
	if st.pos < len(data) && data[st.pos] == '{' {
		d.decodeObjectRecord()
	} else {
		c := st.peek()
		pos := st.pos
		st.skipValue()
		if !st.fatal {
			st.addIssue("json.type", pos, map[string]any{"expected": "object", "actual": decodeJSONType(c)})
		}
	}
	if !st.fatal {
		st.skipSpace()
		if st.pos < len(data) {
			st.addIssue("json.trailingData", st.pos, nil)
		}
	}
	if len(st.issues) > 0 {
		d.cur.Issues = st.issues
	}
	if st.errs > 0 {
		if !st.fatal && len(st.issues) <= decodeMaxIssues {
			d.cur.partial = d.cur.Record
		}
		d.cur.Record = nil
	}
}

// decodeObjectRecord decodes the record at st.data[st.pos] == '{': with the
// codec of its kind when the Decoder takes the kind, else only checking
// its syntax.
func (d *Decoder) decodeObjectRecord() {
	st := &d.st
	open := st.pos
	kindPos, complete := st.findMember("kind")
	name, isString := st.stringAt(kindPos)
	if isString {
		if k, ok := d.lookupKind(name); ok {
			rec := k.info.New()
			rv := reflect.ValueOf(rec)
			if rv.IsNil() {
				return // New must return a pointer to a struct
			}
			st.pos = open
			st.decodeObject(k.fields, rv.Elem())
			st.setStrings()
			d.cur.Kind = k.info.Kind
			d.cur.ID = rec.RecordHeader().ID
			d.cur.Record = rec
			return
		}
		value := decodeKeyString(name)
		d.cur.Kind = Kind(value)
		if d.allowed == nil {
			d.allowed = make([]string, 0, len(d.kinds))
			for _, k := range d.kinds.Sorted() {
				d.allowed = append(d.allowed, string(k.Kind))
			}
		}
		st.addIssueAt("kind", "document.kind", kindPos, map[string]any{"value": decodeMask(name), "allowed": slices.Clone(d.allowed)})
	} else if kindPos >= 0 && st.data[kindPos] != '"' {
		st.addIssueAt("kind", "json.type", kindPos, map[string]any{"expected": "string", "actual": decodeJSONType(st.data[kindPos])})
	} else if complete {
		st.addIssueAt("kind", "json.required", open, map[string]any{"field": "kind"})
	}
	idPos, _ := st.findMember("id")
	if id, ok := st.stringAt(idPos); ok && utf8.Valid(id) {
		d.cur.ID = string(id)
	}
	st.pos = open
	st.skipValue()
}

// stringAt returns the contents of the string at data[pos], reporting
// nothing; ok is false when there is none.
func (st *decodeState) stringAt(pos int) (s []byte, ok bool) {
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

// findMember looks, reporting nothing, for the member name of the object
// at data[pos] and returns the position of its value, or -1. complete
// tells whether the object was read to its end without finding it.
func (st *decodeState) findMember(name string) (valuePos int, complete bool) {
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

// lookupKind returns the kind named name among those taken, remembering
// it.
func (d *Decoder) lookupKind(name []byte) (decodeKind, bool) {
	if k, ok := d.seen[string(name)]; ok {
		return k, true
	}
	info, ok := d.kinds.Lookup(Kind(name))
	if !ok {
		return decodeKind{}, false
	}
	t := reflect.TypeOf(info.New())
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return decodeKind{}, false // New must return a pointer to a struct
	}
	k := decodeKind{info: info, fields: decodeFieldsFor(t.Elem())}
	if d.seen == nil {
		d.seen = make(map[string]decodeKind)
	}
	d.seen[string(info.Kind)] = k
	return k, true
}
