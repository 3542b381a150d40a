package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// validateFlags are the flags of "jiceng validate".
type validateFlags struct {
	lang     language.Tag
	format   string
	encoding healthedu.Encoding
	now      time.Time
	kinds    healthedu.Kinds // the kinds of record read; nil for the exchange kinds
}

// jsonIssue is one issue in the JSON output: a public contract.
type jsonIssue struct {
	File     string         `json:"file"`
	Line     int            `json:"line"`
	RecordID string         `json:"recordId"`
	Severity string         `json:"severity"`
	Code     string         `json:"code"`
	Path     string         `json:"path"`
	Params   map[string]any `json:"params"` // {} when the code takes none
	Message  string         `json:"message"`
}

// jsonReport is the JSON output of "jiceng validate": a public contract.
type jsonReport struct {
	Records  int         `json:"records"`
	Accepted int         `json:"accepted"`
	Rejected int         `json:"rejected"`
	Warnings int         `json:"warnings"`
	Errors   int         `json:"errors"`
	Issues   []jsonIssue `json:"issues"`
}

// The usage of "jiceng validate", with its exit statuses.
const validateUsage = `usage: jiceng validate [-lang zh-Hans|zh-Hant|en] [-format text|json] [-encoding utf-8|gb18030] [-now RFC3339] FILE...

Checks records against the exchange format and its rules, as a provincial
platform does on receiving them: the exchange kinds, and the register's
instructors, experts and lecture teams and the lecture requests. Each FILE ("-" for standard input) holds
one JSON record, a JSON array of records, or NDJSON (one record a line),
in UTF-8 (a BOM and full-width digits are read) or, with -encoding
gb18030, in the GB18030 of older Windows tools.

-format text prints one line per issue, "file:line: severity code path:
message", then a summary; -format json prints an object with records,
accepted, rejected, warnings, errors and the issues, each with its file,
line, recordId, severity, code, path, params and message. Messages come in
the language of -lang, or else of the locale (LC_ALL, LC_MESSAGES, LANG).
Citizen ID numbers are masked in every output.

Exit status: 0 when every record was accepted (warnings allowed), 1 when a
record was rejected, and 2 when the command line is wrong, a file could
not be read (then no summary is printed) or the files hold no record.

Flags:
`

// validateFormats are the output formats of "jiceng validate".
var validateFormats = []string{"text", "json"}

func parseValidateFlags(args []string) (validateFlags, []string, *commandLine, error) {
	c := newCommandLine("jiceng validate", validateUsage)
	format := c.fs.String("format", "text", "output format: text or json")
	enc := c.fs.String("encoding", "utf-8", "encoding of the input: utf-8 or gb18030")
	now := c.fs.String("now", "", "the instant validation takes as now, RFC 3339 (default: the current time)")
	files, lang, err := c.parse(args)
	f := validateFlags{lang: lang, kinds: append(healthedu.ExchangeKinds(), reports.FigureKinds()...)}
	if err != nil {
		return f, nil, c, err
	}
	if f.format, err = parseFormatFlag(*format, validateFormats); err != nil {
		return f, nil, c, err
	}
	if err = f.parseReadFlags(*enc, *now); err != nil {
		return f, nil, c, err
	}
	if len(files) == 0 {
		return f, nil, c, newError(codeInputMissing, c.name)
	}
	return f, files, c, nil
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, files, c, err := parseValidateFlags(args)
	if err != nil {
		return c.exit(stdout, stderr, f.lang, err)
	}
	if errs := checkInputs(files); len(errs) > 0 {
		for _, err := range errs {
			printError(stderr, c.name, f.lang, err)
		}
		return exitUsage
	}
	out := bufio.NewWriter(stdout)

	var report jsonReport
	report.Issues = []jsonIssue{}
	unreadable := false
	for _, name := range files {
		sum, err := validateFile(name, f, stdin, stderr, reportIssues(f, out, &report))
		report.Records += sum.Records
		report.Accepted += sum.Accepted
		report.Rejected += sum.Rejected
		report.Warnings += sum.Warnings
		report.Errors += sum.Errors
		if err != nil {
			printError(stderr, c.name, f.lang, err)
			unreadable = true
		}
	}

	switch {
	case unreadable:
		// No summary: it would count part of the input only.
		if out.Flush() != nil {
			printError(stderr, c.name, f.lang, newError(codeOutputFailed))
		}
		return exitUsage
	case report.Records == 0:
		printError(stderr, c.name, f.lang, newError(codeNoRecords))
		return exitUsage
	}
	if f.format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(report) // a report always encodes; a failed write shows in Flush
	} else {
		fmt.Fprintln(out, summaryLine(f.lang, report))
	}
	if out.Flush() != nil {
		printError(stderr, c.name, f.lang, newError(codeOutputFailed))
		return exitUsage
	}
	if report.Rejected > 0 {
		return exitRejected
	}
	return exitOK
}

// reportIssues returns what validateFile calls with the result of each
// record of file: its issues, what they echo masked, added to report for
// -format json, else written to out a line each.
func reportIssues(f validateFlags, out io.Writer, report *jsonReport) func(file string, res *healthedu.RecordResult) {
	return func(file string, res *healthedu.RecordResult) {
		id := healthedu.RedactCitizenIDs(res.ID)
		for _, is := range res.Issues {
			ji := jsonIssue{
				File:     file,
				Line:     is.Line,
				RecordID: id,
				Severity: is.Severity.String(),
				Code:     is.Code,
				Path:     is.Path,
				Params:   redactParams(is.Params),
				Message:  healthedu.RedactCitizenIDs(is.Message(f.lang)),
			}
			if f.format == "json" {
				report.Issues = append(report.Issues, ji)
				continue
			}
			path := ji.Path
			if path == "" {
				// The empty pointer, the whole record: "/" would be
				// the member named "" (RFC 6901).
				path = `""`
			}
			fmt.Fprintf(out, "%s:%d: %s %s %s: %s\n", file, ji.Line, ji.Severity, ji.Code, path, ji.Message)
		}
	}
}

// validateFile validates one file ("-" is standard input), calling each for
// every record.
func validateFile(name string, f validateFlags, stdin io.Reader, stderr io.Writer, each func(file string, res *healthedu.RecordResult)) (healthedu.StreamSummary, error) {
	var r io.Reader = stdin
	var size int64 = -1
	display := "-"
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return healthedu.StreamSummary{}, fileError(name, err)
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = file
		display = name
	}
	v := &healthedu.Validator{Now: f.now}
	opts := healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Encoding: f.encoding, Kinds: f.kinds}}
	bar := newProgressBar(stderr, display, size, f.lang)
	if bar != nil {
		opts.Progress = bar.update
		defer bar.finish()
	}
	sum, err := v.ValidateStream(r, opts, func(res *healthedu.RecordResult) error {
		each(display, res)
		return nil
	})
	if err != nil {
		return sum, newError(codeFileUnreadable, display)
	}
	return sum, nil
}

// redactParams masks any citizen ID number inside the params' string
// values, so that no output shows one in clear.
func redactParams(params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		if s, ok := v.(string); ok {
			v = healthedu.RedactCitizenIDs(s)
		}
		out[k] = v
	}
	return out
}

// summaryLine renders the closing line of the text output.
func summaryLine(lang language.Tag, r jsonReport) string {
	return newError(codeSummary, r.Records, r.Accepted, r.Rejected, r.Errors, r.Warnings).Message(lang)
}
