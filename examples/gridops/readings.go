package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
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

// readingWire is a reading as sent, with pointers to tell a member left
// out from a zero value.
type readingWire struct {
	Resident  *healthedu.Pseudonym `json:"resident"`
	Kind      *grid.ReadingKind    `json:"kind"`
	At        *time.Time           `json:"at"`
	Systolic  *int                 `json:"systolic"`
	Diastolic *int                 `json:"diastolic"`
}

// decodeReading decodes one reading strictly: no unknown member, each of
// the right type and form, resident, kind and at required, and for a
// blood-pressure reading both pressures, from 1 to 300 mmHg.
func decodeReading(raw []byte) readingItem {
	var w readingWire
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&w); err != nil {
		return readingItem{issues: []healthedu.Issue{readingIssue(err)}}
	}
	var it readingItem
	required := func(field string) {
		it.issues = append(it.issues, healthedu.NewIssue("json.required", healthedu.Pointer(field), map[string]any{"field": field}))
	}
	if w.Resident == nil {
		required("resident")
	} else {
		it.reading.Resident = *w.Resident
	}
	if w.Kind == nil {
		required("kind")
	} else {
		it.reading.Kind = *w.Kind
	}
	switch {
	case w.At == nil:
		required("at")
	case w.At.Before(engineFrom) || !w.At.Before(engineTo):
		it.issues = append(it.issues, healthedu.NewIssue(codeReadingTimeRange, healthedu.Pointer("at"), map[string]any{
			"value": w.At.Format(time.RFC3339),
			"from":  engineFrom.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
			"to":    engineTo.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
		}))
	default:
		it.reading.At = *w.At
	}
	if it.reading.Kind == grid.ReadingBloodPressure {
		for _, p := range [...]struct {
			field string
			v     *int
			dst   *int
		}{{"systolic", w.Systolic, &it.reading.Systolic}, {"diastolic", w.Diastolic, &it.reading.Diastolic}} {
			switch {
			case p.v == nil:
				required(p.field)
			case *p.v < 1 || *p.v > 300:
				it.issues = append(it.issues, healthedu.NewIssue("json.range", healthedu.Pointer(p.field),
					map[string]any{"value": *p.v, "min": 1, "max": 300}))
			default:
				*p.dst = *p.v
			}
		}
	}
	return it
}

// readingIssue turns an error of encoding/json decoding one reading into
// an issue with one of healthedu's json.* codes. Values quoted are masked
// by healthedu.RedactCitizenIDs.
func readingIssue(err error) healthedu.Issue {
	var (
		te *json.UnmarshalTypeError
		ee *healthedu.EnumError
		pe *healthedu.ParseError
		tp *time.ParseError
	)
	switch {
	case errors.As(err, &te):
		return healthedu.NewIssue("json.type", healthedu.Pointer(strings.Split(te.Field, ".")...),
			map[string]any{"expected": jsonTypeName(te.Type), "actual": te.Value})
	case errors.As(err, &ee):
		return healthedu.NewIssue("json.enum", healthedu.Pointer("kind"),
			map[string]any{"value": healthedu.RedactCitizenIDs(ee.Value), "allowed": ee.Allowed})
	case errors.As(err, &pe):
		return healthedu.IssueFromError(pe, healthedu.Pointer("resident"))
	case errors.As(err, &tp):
		return healthedu.NewIssue("json.dateTime", healthedu.Pointer("at"),
			map[string]any{"value": healthedu.RedactCitizenIDs(tp.Value)})
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if f, err := strconv.Unquote(field); err == nil {
			return healthedu.NewIssue("json.unknownField", healthedu.Pointer(f),
				map[string]any{"field": healthedu.RedactCitizenIDs(f)})
		}
	}
	if strings.Contains(err.Error(), "Time.UnmarshalJSON") {
		return healthedu.NewIssue("json.type", healthedu.Pointer("at"), map[string]any{"expected": "string", "actual": "not a string"})
	}
	return healthedu.NewIssue("json.format", "", nil)
}

// jsonTypeName returns the JSON type a Go type decodes from.
func jsonTypeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "string"
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
