package healthedu

import (
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/jiceng/jiceng/internal/jsonwire"
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
	enc    Encoding
	stream *jsonwire.Stream
	err    error // an error of the options; else the stream's
	index  int

	cur     Decoded
	issues  []Issue               // the issues of cur, reused
	kinds   Kinds                 // the kinds taken
	seen    map[string]decodeKind // the kinds taken seen so far
	allowed []string              // the names of kinds, sorted, once needed

	// reflective asks for every kind to be decoded by reflection, even
	// those that have a decoder written by hand: the reference the tests
	// compare the hand-written decoders with.
	reflective bool
}

// decodeKind is a kind taken with the codec of its type.
type decodeKind struct {
	info   KindInfo
	fields *jsonwire.Fields
	// activity is the hand-written decoder of the kind's type, when it is
	// Activity, unless the Decoder's reflective decoding is asked for.
	activity *activityCodec
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
	d := &Decoder{enc: opts.Encoding, kinds: opts.Kinds}
	d.src.r = r
	var in io.Reader
	switch opts.Encoding {
	case UTF8:
		in = &d.src
	case GB18030:
		in = transform.NewReader(&d.src, simplifiedchinese.GB18030.NewDecoder())
	default:
		d.err = errors.New("healthedu: NewDecoder: unsupported " + opts.Encoding.String())
	}
	d.stream = jsonwire.NewStream(in, opts.MaxRecordBytes, &decodeHooks)
	if d.err != nil {
		return d
	}
	if d.kinds == nil {
		d.kinds = exchangeKinds
	} else if err := d.kinds.check(); err != nil {
		d.err = errors.New("healthedu: NewDecoder: " + err.Error())
	}
	return d
}

// Next advances to the next record, which Decoded then returns. It returns
// false at the end of the input or when reading it failed (see Err).
func (d *Decoder) Next() bool {
	d.cur = Decoded{}
	if d.err != nil || !d.stream.Next() {
		return false
	}
	it := d.stream.Item()
	if it.Data != nil {
		d.decodeRecord(it.Data, it.Line)
	} else {
		// A problem of the stream: an entry of its own.
		d.cur.Line = it.Line
		d.cur.Issues = d.issueOf(it.Fault)
	}
	d.cur.Index = d.index
	d.index++
	return true
}

// Decoded returns the record Next advanced to. It and what it refers to
// (Issues, Raw) are valid until the next call to Next; Record is the
// caller's to keep.
func (d *Decoder) Decoded() *Decoded { return &d.cur }

// Err returns the error that stopped reading the input, other than
// io.EOF, or nil. What is wrong with the records' content is never an
// error: it is reported in their issues.
func (d *Decoder) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.stream.Err()
}

// Offset returns how many bytes of input have been consumed, for showing
// progress. For UTF-8 input it is the offset just after the current
// record; for GB18030 input it is what has been read from the reader,
// which runs ahead by at most the size of a record.
func (d *Decoder) Offset() int64 {
	if d.enc == UTF8 {
		return d.stream.Offset()
	}
	return d.src.n
}

// issueOf returns the issue of a fault of the stream, alone in the
// Decoder's reused list.
func (d *Decoder) issueOf(f jsonwire.Fault) []Issue {
	is := NewIssue(f.Code, f.Pointer, f.Params)
	is.Line = f.Line
	clear(d.issues) // drop the params of the previous record
	d.issues = append(d.issues[:0], is)
	return d.issues
}

// decodeRecord decodes data, a record that starts on line line, into
// d.cur, with the stream's Reader reset to it.
func (d *Decoder) decodeRecord(data []byte, line int) {
	rd := d.stream.Reader()
	d.cur.Line = line
	d.cur.Raw = data
	if rd.IsObject() {
		d.decodeObjectRecord(rd)
	} else {
		rd.SkipAs("object")
	}
	rd.Finish()
	faults := rd.Faults()
	if len(faults) > 0 {
		clear(d.issues) // drop the params of the previous record
		d.issues = d.issues[:0]
		for _, f := range faults {
			is := NewIssue(f.Code, f.Pointer, f.Params)
			is.Line = f.Line
			d.issues = append(d.issues, is)
		}
		d.cur.Issues = d.issues
	}
	if rd.Errors() > 0 {
		if !rd.Fatal() && len(faults) <= jsonwire.MaxFaults {
			d.cur.partial = d.cur.Record
		}
		d.cur.Record = nil
	}
}

// decodeObjectRecord decodes the record at rd's read position, '{': with
// the codec of its kind when the Decoder takes the kind, else only
// checking its syntax.
func (d *Decoder) decodeObjectRecord(rd *jsonwire.Reader) {
	open := rd.Pos()
	kindPos, complete := rd.FindMember("kind")
	name, isString := rd.StringAt(kindPos)
	if isString {
		if k, ok := d.lookupKind(name); ok {
			if k.activity != nil {
				b := new(activityBlock)
				k.activity.decode(rd, b)
				rd.FinishStrings()
				d.cur.Kind = k.info.Kind
				d.cur.ID = b.a.ID
				d.cur.Record = &b.a
				return
			}
			rec := k.info.New()
			rv := reflect.ValueOf(rec)
			if rv.IsNil() {
				return // New must return a pointer to a struct
			}
			rd.DecodeObject(k.fields, rv.Elem())
			d.cur.Kind = k.info.Kind
			d.cur.ID = rec.RecordHeader().ID
			d.cur.Record = rec
			return
		}
		value := jsonwire.KeyString(name)
		d.cur.Kind = Kind(value)
		if d.allowed == nil {
			d.allowed = make([]string, 0, len(d.kinds))
			for _, k := range d.kinds.Sorted() {
				d.allowed = append(d.allowed, string(k.Kind))
			}
		}
		rd.ReportAt("kind", "document.kind", kindPos, map[string]any{"value": jsonwire.Mask(name), "allowed": slices.Clone(d.allowed)})
	} else if c := rd.ByteAt(kindPos); kindPos >= 0 && c != '"' {
		rd.ReportAt("kind", "json.type", kindPos, map[string]any{"expected": "string", "actual": jsonwire.TypeName(c)})
	} else if complete {
		rd.ReportAt("kind", "json.required", open, map[string]any{"field": "kind"})
	}
	idPos, _ := rd.FindMember("id")
	if id, ok := rd.StringAt(idPos); ok && utf8.Valid(id) {
		d.cur.ID = string(id)
	}
	rd.SkipValue()
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
	k := decodeKind{info: info, fields: jsonwire.FieldsOf(t.Elem())}
	if t == reflect.TypeFor[*Activity]() && !d.reflective {
		k.activity = activityDecoder
	}
	if d.seen == nil {
		d.seen = make(map[string]decodeKind)
	}
	d.seen[string(info.Kind)] = k
	return k, true
}

// decodeHooks tell the Decoder's Reader what this package's types mean.
var decodeHooks = jsonwire.Hooks{
	IsError:    decodeIsError,
	ValueError: decodeValueError,
	EmptyText:  decodeEmptyText,
	Time:       decodeTime,
}

// decodeIsError reports whether an issue of code is an error.
func decodeIsError(code string) bool {
	def, ok := issueLookup(code)
	return !ok || def.Severity == SeverityError
}

// decodeValueError returns the issue for the error of an UnmarshalText or
// UnmarshalJSON method: a *ParseError its own, as [IssueFromError] gives
// it, an *EnumError json.enum, anything else json.format (its text is not
// passed on: it is English only and might hold personal data).
func decodeValueError(err error) (string, map[string]any) {
	if pe, ok := errors.AsType[*ParseError](err); ok {
		return pe.Code, map[string]any{"value": RedactCitizenIDs(pe.Input)}
	}
	if ee, ok := errors.AsType[*EnumError](err); ok {
		return "json.enum", map[string]any{"value": jsonwire.Mask([]byte(ee.Value)), "allowed": ee.Allowed}
	}
	return "", nil
}

// decodeEmptyText returns the error of a value whose wire form must not
// be empty (see wireEmptyTexter), or nil.
func decodeEmptyText(v reflect.Value) error {
	if w, ok := v.Interface().(wireEmptyTexter); ok {
		return w.wireEmptyError()
	}
	return nil
}

// decodeTime rejects a timestamp outside the years jiceng represents
// (time.outOfRange): here, not in the Validator, since
// 0001-01-01T00:00:00Z is the zero time.Time, which the Validator takes
// for a missing value.
func decodeTime(t time.Time) (string, map[string]any) {
	if Representable(t) {
		return "", nil
	}
	return "time.outOfRange", map[string]any{
		"value": validateFormatTime(t), "earliest": validateFirstDay, "latest": validateLastDay,
	}
}
