package healthedu

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/internal/jsonwire"
)

// StreamOptions configures [Validator.ValidateStream] (流式校验选项). The
// zero value reads UTF-8 without progress reports.
type StreamOptions struct {
	// Decode configures the Decoder that reads the stream: its encoding
	// and the largest record it accepts.
	Decode DecodeOptions

	// Progress, if not nil, is called as the stream is read (进度): with
	// the number of records and of bytes of input consumed so far, each
	// time another ProgressBytes of input have been consumed, and once at
	// the end. It runs on the goroutine of ValidateStream, between
	// records, and should return quickly.
	Progress func(records int, bytes int64)

	// ProgressBytes is the amount of input between calls of Progress; 0
	// means 1 MiB.
	ProgressBytes int64
}

// RecordResult is the verdict on one record of a stream (记录校验结果).
type RecordResult struct {
	// Index is the record's position in the stream, from 0, as the
	// Decoder counts it (see [Decoded]).
	Index int
	// Line is the line of the input on which the record starts, from 1.
	Line int
	// Kind and ID are the record's kind and identifier, when they could be
	// read, even if the record could not be decoded.
	Kind Kind
	ID   string
	// Record is the decoded record, nil when it could not be decoded. It
	// is the caller's to keep.
	Record Record
	// Issues are the issues of decoding and of validation, sorted by line
	// and then by path (array indices in numeric order), each with its
	// Line set: a validation issue takes the line of the field it points
	// to, or of the nearest enclosing value present in the input.
	Issues []Issue
	// Accepted reports whether no issue is an error (受理): the record
	// stands, with its warnings.
	Accepted bool
	// Raw is the record's bytes as UTF-8, nil when the Decoder did not
	// keep them (see [Decoded]).
	Raw []byte
}

// StreamSummary counts what [Validator.ValidateStream] read (校验汇总).
type StreamSummary struct {
	Records  int // results passed to the callback: the stream's records, and entries for problems of the stream itself
	Accepted int // records without an error issue
	Rejected int // records with at least one error issue

	Errors      int // issues of severity error, over all records
	Warnings    int // issues of severity warning
	Information int // issues of severity information

	Bytes int64 // input consumed, as the Decoder's Offset counts it
}

// ValidateStream reads a stream of records — one JSON document, a JSON
// array, or NDJSON, see [Decoder] — decodes and validates each, checks the
// batch for repeated identifiers, and calls each with the result, in
// order. Then it returns the counts.
//
// A record the Decoder rejects for its values alone — its kind known and
// its syntax sound, such as a count out of range — is validated too, as
// far as it was decoded, so that all its faults are reported at once: a
// division missing from the registry beside the count. What the Validator
// finds at the path of one of the Decoder's errors, or at a path holding
// it or held by it, is left out, since it judged a value the Decoder could
// not read. A syntax error, an unknown kind or a record cut short at
// json.tooManyIssues stops there.
//
// Results are not kept: each gets a *RecordResult that, with its Issues
// and Raw, is valid only until each returns (Record may be kept). So the
// memory ValidateStream holds does not grow with the length of the stream,
// apart from 16 bytes for each distinct record accepted, about 17 with the
// set's overhead: the 1.5 million records of a 1 GB file take 26 MB.
//
// Repeated identifiers: when a record without errors of its own has the
// kind and id of a record accepted earlier in the stream, it is a
// resubmission if the two records' bytes are the same up to JSON white
// space outside strings, and gets a warning (document.duplicateId) and is
// accepted; otherwise it gets an error (document.conflictingId) and is
// rejected. A rejected record does not claim its id, so a corrected
// record may follow it under the same id. Identifiers and contents are compared by hashes
// (hash/maphash, seeded anew for each call), not kept: two distinct
// identifiers pass for one, by a 64-bit hash, with a probability of about
// n²/2⁶⁵ among n records (3·10⁻⁸ for a million), and then the later record
// is reported as a repeat; two different records under one id pass for
// the same, by a 32-bit hash, with a probability of 2⁻³² (2·10⁻¹⁰), and
// then the later one is accepted with a warning. The seed makes neither
// reproducible nor open to a submitter who chooses identifiers.
//
// each may be nil, to count only. An error returned by each stops the
// stream, and ValidateStream returns it with the counts so far; otherwise
// the error is the one that stopped reading the input (see [Decoder.Err]),
// or nil. What is wrong with the records is never an error.
func (v *Validator) ValidateStream(r io.Reader, opts StreamOptions, each func(*RecordResult) error) (StreamSummary, error) {
	dec := NewDecoder(r, opts.Decode)
	step := opts.ProgressBytes
	if step <= 0 {
		step = 1 << 20
	}
	var (
		sum      StreamSummary
		res      RecordResult
		issues   []Issue
		ids      validateIDSet
		nextStep = step
	)
	ids.init()
	for dec.Next() {
		d := dec.Decoded()
		clear(issues) // drop the params of the previous record
		issues = append(issues[:0], d.Issues...)
		if d.Record != nil {
			n := len(issues)
			issues = v.appendIssues(issues, d.Record)
			validateSetLines(issues[n:], d.Raw, d.Line)
		} else if d.partial != nil {
			// Rejected already; tell the rest of what is wrong with it.
			n := len(issues)
			issues = v.appendIssues(issues, d.partial)
			issues = validateDropOverlapping(issues, n)
			validateSetLines(issues[n:], d.Raw, d.Line)
		}
		accepted := !validateHasError(issues)
		if accepted && d.Record != nil && d.ID != "" {
			if iss, repeated := ids.check(d); repeated {
				iss.Line = d.Line
				issues = append(issues, iss)
				accepted = iss.Severity != SeverityError
			}
		}
		if len(issues) > 1 {
			slices.SortStableFunc(issues, validateCompareIssues)
		}

		sum.Records++
		if accepted {
			sum.Accepted++
		} else {
			sum.Rejected++
		}
		for i := range issues {
			switch issues[i].Severity {
			case SeverityError:
				sum.Errors++
			case SeverityWarning:
				sum.Warnings++
			case SeverityInformation:
				sum.Information++
			}
		}
		sum.Bytes = dec.Offset()

		if each != nil {
			res = RecordResult{
				Index:    d.Index,
				Line:     d.Line,
				Kind:     d.Kind,
				ID:       d.ID,
				Record:   d.Record,
				Issues:   issues,
				Accepted: accepted,
				Raw:      d.Raw,
			}
			if err := each(&res); err != nil {
				return sum, err
			}
		}
		if opts.Progress != nil && sum.Bytes >= nextStep {
			opts.Progress(sum.Records, sum.Bytes)
			nextStep = (sum.Bytes/step + 1) * step
		}
	}
	sum.Bytes = dec.Offset()
	if opts.Progress != nil {
		opts.Progress(sum.Records, sum.Bytes)
	}
	return sum, dec.Err()
}

// validateDropOverlapping returns issues without those from n on (the
// Validator's, on a partly decoded record) whose path is the path of an
// error before n (the Decoder's), or holds it, or lies within it: the
// Validator judged a value the Decoder left zero or half set, and the
// Decoder has said what is wrong there. The issues dropped are cleared.
func validateDropOverlapping(issues []Issue, n int) []Issue {
	overlaps := func(a, b string) bool {
		if len(a) > len(b) {
			a, b = b, a
		}
		return strings.HasPrefix(b, a) && (len(a) == len(b) || b[len(a)] == '/')
	}
	out := issues[:n]
	for _, is := range issues[n:] {
		keep := true
		for _, dec := range issues[:n] {
			if dec.Severity == SeverityError && overlaps(dec.Path, is.Path) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, is)
		}
	}
	clear(issues[len(out):])
	return out
}

func validateHasError(issues []Issue) bool {
	for i := range issues {
		if issues[i].Severity == SeverityError {
			return true
		}
	}
	return false
}

// validateCompareIssues orders issues by line, then by path.
func validateCompareIssues(a, b Issue) int {
	if a.Line != b.Line {
		if a.Line < b.Line {
			return -1
		}
		return 1
	}
	return jsonwire.ComparePointers(a.Path, b.Path)
}

// validateSetLines sets the Line of each issue to the line in the input of
// the value its path points to in raw, a record starting on line first.
func validateSetLines(issues []Issue, raw []byte, first int) {
	multiline := bytes.IndexByte(raw, '\n') >= 0
	for i := range issues {
		issues[i].Line = first
		if multiline {
			at := jsonwire.Locate(raw, issues[i].Path)
			issues[i].Line += bytes.Count(raw[:at], []byte{'\n'})
		}
	}
}

// validateIDSet remembers the records accepted in a stream: a 64-bit hash
// of their kind and id maps to the top 32 bits of a hash of their content
// and the line they start on, both in one uint64. The pairs lie in
// validateIDParts sorted runs, chosen by the top bits of the key, each
// grown by an eighth when full: some 17 bytes a record, where a map takes
// 25 to 32, and inserting moves a few hundred bytes of its run at most.
type validateIDSet struct {
	h     maphash.Hash
	parts [][]validateIDPair
}

// validateIDPair is a key of validateIDSet and its value.
type validateIDPair struct{ key, value uint64 }

// validateIDBits are the top bits of a key that choose its run among the
// validateIDParts: a stream of a million records puts some 250 pairs in
// each.
const (
	validateIDBits  = 12
	validateIDParts = 1 << validateIDBits
)

func (s *validateIDSet) init() {
	s.h.SetSeed(maphash.MakeSeed())
	s.parts = make([][]validateIDPair, validateIDParts)
}

// find returns the value of key, and whether the set holds it.
func (s *validateIDSet) find(key uint64) (uint64, bool) {
	run := s.parts[key>>(64-validateIDBits)]
	i, ok := slices.BinarySearchFunc(run, key, validateComparePair)
	if !ok {
		return 0, false
	}
	return run[i].value, true
}

// add puts key, which the set does not hold, with its value.
func (s *validateIDSet) add(key, value uint64) {
	p := &s.parts[key>>(64-validateIDBits)]
	i, _ := slices.BinarySearchFunc(*p, key, validateComparePair)
	if len(*p) == cap(*p) {
		grown := make([]validateIDPair, len(*p), cap(*p)+cap(*p)/8+4)
		copy(grown, *p)
		*p = grown
	}
	*p = slices.Insert(*p, i, validateIDPair{key, value})
}

func validateComparePair(p validateIDPair, key uint64) int { return cmp.Compare(p.key, key) }

// check looks for an earlier record of d's kind and id: it returns the
// issue to report and true when there is one, and otherwise remembers d.
func (s *validateIDSet) check(d *Decoded) (Issue, bool) {
	s.h.Reset()
	s.h.WriteString(string(d.Kind))
	s.h.WriteByte(0)
	s.h.WriteString(d.ID)
	key := s.h.Sum64()
	content := jsonwire.HashCompact(&s.h, d.Raw) >> 32
	first, ok := s.find(key)
	if !ok {
		s.add(key, content<<32|uint64(min(max(d.Line, 0), math.MaxUint32)))
		return Issue{}, false
	}
	code := "document.conflictingId"
	if first>>32 == content {
		code = "document.duplicateId"
	}
	return NewIssue(code, "/id", map[string]any{"value": validateSafeID(d.ID), "firstLine": int(first & math.MaxUint32)}), true
}

// validateSafeID returns a record identifier fit for an issue's params: as
// it is, unless it is a citizen ID number, which some submitters use as
// identifiers; that is masked.
func validateSafeID(id string) string {
	if len(id) == citizenIDLen || len(id) == citizenIDLegacyLen {
		if c, err := ParseCitizenID(id); err == nil {
			return c.Masked()
		}
	}
	return id
}
