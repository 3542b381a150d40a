package schemas_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
	"github.com/jiceng/jiceng/roster"
	"github.com/jiceng/jiceng/schemas"
)

// The agreement corpus: documents that the Go validator and a JSON Schema
// validator with the committed schemas must judge as the manifest says.
const corpusDir = "testdata/agreement"

// schemaKinds returns the kinds the schemas describe: healthedu's exchange
// kinds, grid's register documents, ledger's rectification items and
// roster's register of people and booking's lecture requests.
func schemaKinds() healthedu.Kinds {
	return slices.Concat(healthedu.ExchangeKinds(), grid.Kinds(), ledger.Kinds(), roster.Kinds(), booking.Kinds())
}

// agreementNow is the instant of validation for the corpus: the documents
// that break the "not in the future" rules are dated after it.
var agreementNow = time.Date(2025, 11, 15, 12, 0, 0, 0, healthedu.ChinaStandardTime)

// corpusEntry describes one document of the corpus.
type corpusEntry struct {
	// File is the document's name in corpusDir: .json holds one record or
	// an array of records, .ndjson one record a line.
	File string `json:"file"`
	// Go and Schema are the verdicts expected of the Go validator and of
	// the schema validator: "valid" (every record accepted) or "invalid".
	// They differ only for a rule that a schema cannot express (Go
	// "invalid", Schema "valid") or for a leniency of Go's parsers (Go
	// "valid", Schema "invalid").
	Go     string `json:"go"`
	Schema string `json:"schema"`
	// Rule says in words what the document tests: for an invalid one, the
	// rule it breaks.
	Rule string `json:"rule"`
	// Code is an issue code the Go validator must report: the error of
	// the rule broken, or for a valid document a warning it must give.
	Code string `json:"code,omitempty"`
}

func readManifest(t *testing.T) []corpusEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var entries []corpusEntry
	if err := dec.Decode(&entries); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	return entries
}

// TestCorpusManifest checks that the manifest and the directory list the
// same documents, that each entry is well-formed, and that the corpus
// covers every kind with valid and invalid documents.
func TestCorpusManifest(t *testing.T) {
	entries := readManifest(t)
	listed := make(map[string]bool)
	valid, invalid := make(map[string]int), make(map[string]int)
	for _, e := range entries {
		if listed[e.File] {
			t.Errorf("%s: listed twice", e.File)
		}
		listed[e.File] = true
		verdicts := []string{"valid", "invalid"}
		if !slices.Contains(verdicts, e.Go) || !slices.Contains(verdicts, e.Schema) {
			t.Errorf("%s: go %q, schema %q; want valid or invalid", e.File, e.Go, e.Schema)
		}
		if e.Rule == "" {
			t.Errorf("%s: no rule", e.File)
		}
		if (e.Go == "invalid" || e.Schema == "invalid") && e.Code == "" && e.Go != "valid" {
			t.Errorf("%s: an invalid document must name the Go issue code of the rule it breaks", e.File)
		}
		if e.Code != "" && !codeRegistered(e.Code) {
			t.Errorf("%s: code %q is not registered", e.File, e.Code)
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, e.File))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, kind := range corpusKinds(b) {
			if e.Go == "valid" && e.Schema == "valid" {
				valid[kind]++
			}
			if e.Go == "invalid" {
				invalid[kind]++
			}
		}
	}
	if len(entries) < 60 {
		t.Errorf("%d documents; want at least 60", len(entries))
	}
	files, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Name() != "manifest.json" && !listed[f.Name()] {
			t.Errorf("%s: not in manifest.json", f.Name())
		}
	}
	for _, info := range schemaKinds() {
		if valid[string(info.Kind)] == 0 || invalid[string(info.Kind)] == 0 {
			t.Errorf("kind %s: %d valid and %d invalid documents; want some of each",
				info.Kind, valid[string(info.Kind)], invalid[string(info.Kind)])
		}
	}
}

func codeRegistered(code string) bool {
	_, ok := healthedu.LookupCode(code)
	return ok
}

// corpusKinds returns the kinds of the records in a document, as far as
// they can be read.
func corpusKinds(b []byte) []string {
	var kinds []string
	for _, rec := range corpusRecords(b) {
		var head struct {
			Kind string `json:"kind"`
		}
		if json.Unmarshal(rec, &head) == nil && head.Kind != "" {
			kinds = append(kinds, head.Kind)
		}
	}
	return kinds
}

// corpusRecords splits a document into its records' bytes: the elements
// of an array, the lines of NDJSON, or the document itself.
func corpusRecords(b []byte) [][]byte {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(trimmed, &elems); err == nil {
			out := make([][]byte, len(elems))
			for i, e := range elems {
				out[i] = e
			}
			return out
		}
	}
	lines := bytes.Split(trimmed, []byte("\n"))
	if len(lines) > 1 && json.Valid(lines[0]) {
		var out [][]byte
		for _, l := range lines {
			if len(bytes.TrimSpace(l)) > 0 {
				out = append(out, l)
			}
		}
		return out
	}
	return [][]byte{b}
}

// schemaVerdict validates every record of the document against
// record.json, as a platform without Go would: a record its JSON parser
// cannot read is invalid too. It returns the errors, none when valid.
func schemaVerdict(sch *jsonschema.Schema, b []byte) []string {
	var errs []string
	for i, rec := range corpusRecords(b) {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(rec))
		if err != nil {
			errs = append(errs, fmt.Sprintf("record %d: not JSON: %v", i, err))
			continue
		}
		if err := sch.Validate(doc); err != nil {
			errs = append(errs, fmt.Sprintf("record %d: %v", i, err))
		}
	}
	return errs
}

// goVerdict validates the document as a platform using jiceng does, with
// ValidateStream, which decodes strictly, validates each record and checks
// the batch for repeated ids. It returns whether every record was
// accepted and the issues.
func goVerdict(t *testing.T, b []byte) (accepted bool, issues []healthedu.Issue) {
	t.Helper()
	v := &healthedu.Validator{Now: agreementNow}
	opts := healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Kinds: schemaKinds()}}
	sum, err := v.ValidateStream(bytes.NewReader(b), opts, func(r *healthedu.RecordResult) error {
		issues = append(issues, r.Issues...)
		return nil
	})
	if err != nil {
		t.Fatalf("ValidateStream: %v", err)
	}
	return sum.Rejected == 0 && sum.Records > 0, issues
}

func verdict(ok bool) string {
	if ok {
		return "valid"
	}
	return "invalid"
}

// TestAgreement runs every corpus document through the Go validator and
// through santhosh-tekuri/jsonschema with record.json, and fails on any
// verdict other than the manifest's. It logs the rules that only Go
// checks and the leniencies of Go's parsers.
func TestAgreement(t *testing.T) {
	sch := compile(t, schemas.EnvelopeFile)
	var goOnly, lenient []string
	for _, e := range readManifest(t) {
		b, err := os.ReadFile(filepath.Join(corpusDir, e.File))
		if err != nil {
			t.Error(err)
			continue
		}
		schemaErrs := schemaVerdict(sch, b)
		goOK, issues := goVerdict(t, b)
		gotGo, gotSchema := verdict(goOK), verdict(len(schemaErrs) == 0)
		if gotGo != e.Go || gotSchema != e.Schema {
			var sb strings.Builder
			fmt.Fprintf(&sb, "%s (%s): Go says %s, schema says %s; want Go %s, schema %s",
				e.File, e.Rule, gotGo, gotSchema, e.Go, e.Schema)
			for _, iss := range issues {
				fmt.Fprintf(&sb, "\n\tGo: %s %s %s %v", iss.Severity, iss.Code, iss.Path, iss.Params)
			}
			for _, s := range schemaErrs {
				sb.WriteString("\n\tschema: " + strings.ReplaceAll(s, "\n", "\n\t\t"))
			}
			t.Error(sb.String())
			continue
		}
		if e.Code != "" && !slices.ContainsFunc(issues, func(iss healthedu.Issue) bool { return iss.Code == e.Code }) {
			var codes []string
			for _, iss := range issues {
				codes = append(codes, iss.Code)
			}
			t.Errorf("%s (%s): Go reports %v; want %s among them", e.File, e.Rule, codes, e.Code)
		}
		switch {
		case e.Go == "invalid" && e.Schema == "valid":
			goOnly = append(goOnly, fmt.Sprintf("%-32s %s (%s)", e.Code, e.Rule, e.File))
		case e.Go == "valid" && e.Schema == "invalid":
			lenient = append(lenient, fmt.Sprintf("%s (%s)", e.Rule, e.File))
		}
	}
	slices.Sort(goOnly)
	t.Logf("rules only the Go validator checks (%d documents):\n\t%s", len(goOnly), strings.Join(goOnly, "\n\t"))
	t.Logf("input only Go's parsers accept (%d documents):\n\t%s", len(lenient), strings.Join(lenient, "\n\t"))
}
