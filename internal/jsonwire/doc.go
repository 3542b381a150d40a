// Package jsonwire is jiceng's strict JSON reader (严格 JSON 读取): the
// generic machinery under healthedu's record decoder, which turns what it
// finds into issues.
//
// A [Stream] frames a stream of JSON values — one document, the elements
// of an array, or NDJSON — with bounded memory, and hands each value to a
// [Reader], which checks its syntax byte by byte and decodes it into a Go
// value by the rules of the value's struct tags ([FieldsOf]), read as
// github.com/invopop/jsonschema reads them to write JSON Schemas: required
// members, unknown and repeated names, JSON types, ranges, lengths,
// patterns, enumerations, item counts and unique items. What is wrong is
// a [Fault]: a code such as "json.syntax" or "json.duplicateKey", the JSON
// Pointer of the value at fault, the offset and line of the offending
// token, and params — neutral, for the user to turn into its own reports.
// What only the user knows of its types (whether a code rejects a value,
// what the error of an UnmarshalText method means, which timestamps it
// takes) it tells through [Hooks].
//
// Afterwards, [Locate] finds what a JSON Pointer points to in a value read,
// [ComparePointers] orders pointers with array indices by number, and
// [HashCompact] hashes a value without the white space JSON ignores.
// For the tables a platform supplies, such as an indicator catalogue or
// the compliance norms, [DecodeDocument] decodes one document with
// encoding/json, refusing unknown members and data after the value.
//
// The tokenizer is this package's own: it reports every fault of a value,
// not only the first, goes on past a repeated name or bytes that are not
// UTF-8, and reads a record with about ten allocations, all of them for
// the decoded value.
package jsonwire
