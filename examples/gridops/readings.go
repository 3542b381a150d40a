package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// Device readings are not records: a gateway sends them in bulk, as a JSON
// array of grid.Reading objects, addressed by the resident's pseudonym:
//
//	[{"resident":"9f…","kind":"blood-pressure","at":"2025-10-17T08:00:00+08:00","systolic":154,"diastolic":76},
//	 {"resident":"9f…","kind":"outing","at":"2025-10-17T08:05:00+08:00"}]
//
// Each reading is decoded strictly and on its own, so that one bad reading
// does not reject the others; its issues use healthedu's json.* codes.

// maxReadings bounds the readings of one request.
const maxReadings = 100000

// bodyError is a body that is not a well-formed JSON array of readings:
// the problem to answer with, a code of status 400 and its params.
type bodyError struct {
	code   string
	params map[string]any
}

func (e *bodyError) Error() string { return "readings: " + e.code }

// The instants the alert engine takes (see grid.Engine.Observe): from 2000
// up to 2200, in UTC.
var (
	engineFrom = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	engineTo   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// readingItem is one reading of a request: the reading, or the issues that
// kept it from being decoded.
type readingItem struct {
	reading grid.Reading
	issues  []healthedu.Issue
}

// decodeReadings reads a JSON array of readings from r. It fails, for the
// whole request, when the body is not a well-formed JSON array (a
// *bodyError) or cannot be read.
func decodeReadings(r io.Reader) ([]readingItem, error) {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err != nil {
		return nil, readingsError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, &bodyError{code: codeBodyNotArray}
	}
	var items []readingItem
	for dec.More() {
		if len(items) == maxReadings {
			return nil, &bodyError{code: codeBodyTooMany, params: map[string]any{"max": maxReadings}}
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, readingsError(err)
		}
		items = append(items, decodeReading(raw))
	}
	if _, err := dec.Token(); err != nil {
		return nil, readingsError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &bodyError{code: codeBodyTrailing}
	}
	return items, nil
}

// readingsError classifies an error of reading the array: a syntax error
// is a *bodyError with the offset, and so is an end of input inside the
// JSON; anything else (a body too large, a broken connection) is returned
// as it is.
func readingsError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &bodyError{code: codeBodySyntax, params: map[string]any{"offset": se.Offset}}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &bodyError{code: codeBodyTruncated}
	}
	return err
}

// decodeReading decodes one reading strictly and reports every fault it
// finds, not the first only: a member other than resident, kind, at,
// systolic and diastolic (json.unknownField), a member given twice
// (json.duplicateKey), a value of the wrong JSON type, null included
// (json.type), a resident that is not a pseudonym, a kind outside the
// enumeration (json.enum), a time that is not RFC 3339 (json.dateTime) or
// outside the engine's years (reading.timeRange), a pressure that is not
// an integer from 1 to 300 mmHg (json.range); resident, kind and at are
// required, and both pressures for a blood-pressure reading. The issues
// follow the members in the order written, then the missing ones.
func decodeReading(raw []byte) readingItem {
	d := readingDecoder{seen: make(map[string]bool)}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		d.add(healthedu.NewIssue("json.type", "", map[string]any{"expected": "object", "actual": jsonType(raw)}))
		return d.it
	}
	for dec.More() {
		tok, err := dec.Token()
		var v json.RawMessage
		if err == nil {
			err = dec.Decode(&v)
		}
		if err != nil { // raw is one well-formed JSON value: cannot happen
			d.add(healthedu.NewIssue("json.format", "", nil))
			return d.it
		}
		field, _ := tok.(string)
		d.member(field, v)
	}
	d.requireMembers()
	return d.it
}

// A readingDecoder is what decodeReading knows of a reading so far: the
// reading and its issues, the members seen and the pressures read.
type readingDecoder struct {
	it       readingItem
	seen     map[string]bool
	sys, dia *int
}

// add adds the issue is of the reading.
func (d *readingDecoder) add(is healthedu.Issue) { d.it.issues = append(d.it.issues, is) }

// member decodes the member field, of value v, into the reading, or adds
// the issue of a member given twice or unknown, of a value of the wrong
// JSON type, or of a value the member does not take.
func (d *readingDecoder) member(field string, v json.RawMessage) {
	path := healthedu.Pointer(field)
	switch {
	case d.seen[field]:
		d.add(healthedu.NewIssue("json.duplicateKey", path, map[string]any{"field": field}))
		return
	case !slices.Contains(readingMembers, field):
		d.add(healthedu.NewIssue("json.unknownField", path, map[string]any{"field": field}))
		return
	}
	d.seen[field] = true
	want := "string"
	if field == "systolic" || field == "diastolic" {
		want = "integer"
	}
	if got := jsonType(v); got != want && !(want == "integer" && got == "number") {
		d.add(healthedu.NewIssue("json.type", path, map[string]any{"expected": want, "actual": got}))
		return
	}
	switch field {
	case "resident":
		if err := json.Unmarshal(v, &d.it.reading.Resident); err != nil {
			d.add(memberIssue(err, path))
		}
	case "kind":
		if err := json.Unmarshal(v, &d.it.reading.Kind); err != nil {
			d.add(memberIssue(err, path))
		}
	case "at":
		d.at(v, path)
	case "systolic", "diastolic":
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil || n < 1 || n > 300 {
			d.add(healthedu.NewIssue("json.range", path, map[string]any{"value": json.Number(v), "min": 1, "max": 300}))
			return
		}
		p := int(n)
		if field == "systolic" {
			d.sys = &p
		} else {
			d.dia = &p
		}
	}
}

// at decodes the member at, v, at path: an RFC 3339 time within the
// engine's years.
func (d *readingDecoder) at(v json.RawMessage, path string) {
	var at time.Time
	switch err := json.Unmarshal(v, &at); {
	case err != nil:
		d.add(memberIssue(err, path))
	case at.Before(engineFrom) || !at.Before(engineTo):
		d.add(healthedu.NewIssue(codeReadingTimeRange, path, map[string]any{
			"value": at.Format(time.RFC3339),
			"from":  engineFrom.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
			"to":    engineTo.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
		}))
	default:
		d.it.reading.At = at
	}
}

// requireMembers adds the issue of each required member missing —
// resident, kind and at, and both pressures of a blood-pressure reading —
// and sets the pressures of a blood-pressure reading.
func (d *readingDecoder) requireMembers() {
	required := func(field string) {
		d.add(healthedu.NewIssue("json.required", healthedu.Pointer(field), map[string]any{"field": field}))
	}
	for _, field := range readingMembers[:3] {
		if !d.seen[field] {
			required(field)
		}
	}
	if d.it.reading.Kind != grid.ReadingBloodPressure {
		return
	}
	for _, p := range [...]struct {
		field string
		v     *int
		dst   *int
	}{{"systolic", d.sys, &d.it.reading.Systolic}, {"diastolic", d.dia, &d.it.reading.Diastolic}} {
		switch {
		case p.v != nil:
			*p.dst = *p.v
		case !d.seen[p.field]:
			required(p.field)
		}
	}
}

// readingMembers are the members of a reading: the required ones first.
var readingMembers = []string{"resident", "kind", "at", "systolic", "diastolic"}

// memberIssue turns the error of decoding a member at path, a string of
// the right JSON type, into an issue: a pseudonym's own (pseudonym.*), a
// kind outside the enumeration (json.enum), a time that is not RFC 3339
// (json.dateTime). Values quoted are masked by healthedu.RedactCitizenIDs.
func memberIssue(err error, path string) healthedu.Issue {
	var (
		ee *healthedu.EnumError
		pe *healthedu.ParseError
		tp *time.ParseError
	)
	switch {
	case errors.As(err, &ee):
		return healthedu.NewIssue("json.enum", path,
			map[string]any{"value": healthedu.RedactCitizenIDs(ee.Value), "allowed": ee.Allowed})
	case errors.As(err, &pe):
		return healthedu.IssueFromError(pe, path)
	case errors.As(err, &tp):
		return healthedu.NewIssue("json.dateTime", path, map[string]any{"value": healthedu.RedactCitizenIDs(tp.Value)})
	}
	return healthedu.NewIssue("json.format", path, nil)
}

// jsonType returns the JSON type of the value raw: object, array, string,
// boolean, null or number.
func jsonType(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "null"
	}
	switch raw[0] {
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

// observeIssue turns an error of grid.Engine.Observe into an issue. The
// engine's reasons are in English, for the log; the readings it refuses
// for reasons other than an unknown resident are those decodeReading
// lets through by mistake.
func observeIssue(err error) healthedu.Issue {
	if errors.Is(err, grid.ErrUnknownResident) {
		return healthedu.NewIssue(codeUnknownResident, healthedu.Pointer("resident"), nil)
	}
	return healthedu.NewIssue(codeReadingRejected, "", nil)
}
