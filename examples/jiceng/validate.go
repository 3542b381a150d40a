package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// validateFlags are the flags of "jiceng validate".
type validateFlags struct {
	lang     language.Tag
	format   string
	encoding healthedu.Encoding
	now      time.Time
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

func parseValidateFlags(args []string, stderr io.Writer) (validateFlags, []string, error) {
	fs := flag.NewFlagSet("jiceng validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "zh-Hans", "language of the messages: zh-Hans, zh-Hant or en")
	format := fs.String("format", "text", "output format: text or json")
	enc := fs.String("encoding", "utf-8", "encoding of the input: utf-8 or gb18030")
	now := fs.String("now", "", "the instant validation takes as now, RFC 3339 (default: the current time)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: jiceng validate [-lang zh-Hans|zh-Hant|en] [-format text|json] [-encoding utf-8|gb18030] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return validateFlags{}, nil, err
	}
	var f validateFlags
	var err error
	if f.lang, err = healthedu.ParseLanguage(*lang); err != nil {
		return f, nil, fmt.Errorf("-lang: %v", err)
	}
	switch *format {
	case "text", "json":
		f.format = *format
	default:
		return f, nil, fmt.Errorf("-format: want text or json, not %q", *format)
	}
	if f.encoding, err = parseEncodingFlag(*enc); err != nil {
		return f, nil, fmt.Errorf("-encoding: %v", err)
	}
	if f.now, err = parseNowFlag(*now); err != nil {
		return f, nil, fmt.Errorf("-now: %v", err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return f, nil, errors.New("no input file")
	}
	return f, fs.Args(), nil
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, files, err := parseValidateFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "jiceng validate:", err)
		}
		return exitUsage
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()

	var report jsonReport
	report.Issues = []jsonIssue{}
	unreadable := false
	for _, name := range files {
		sum, err := validateFile(name, f, stdin, stderr, func(file string, res *healthedu.RecordResult) {
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
		})
		report.Records += sum.Records
		report.Accepted += sum.Accepted
		report.Rejected += sum.Rejected
		report.Warnings += sum.Warnings
		report.Errors += sum.Errors
		if err != nil {
			fmt.Fprintf(stderr, "jiceng validate: %s: %v\n", name, err)
			unreadable = true
		}
	}

	if f.format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report); err != nil {
			fmt.Fprintln(stderr, "jiceng validate:", err)
			return exitUsage
		}
	} else {
		fmt.Fprintln(out, summaryLine(f.lang, report))
	}
	switch {
	case unreadable:
		return exitUsage
	case report.Rejected > 0:
		return exitRejected
	}
	return exitOK
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
			return healthedu.StreamSummary{}, err
		}
		defer file.Close()
		if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = file
		display = name
	}
	v := &healthedu.Validator{Now: f.now}
	opts := healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Encoding: f.encoding}}
	bar := newProgressBar(stderr, display, size)
	if bar != nil {
		opts.Progress = bar.update
		defer bar.finish()
	}
	return v.ValidateStream(r, opts, func(res *healthedu.RecordResult) error {
		each(display, res)
		return nil
	})
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
	switch lang {
	case healthedu.ZhHant:
		return fmt.Sprintf("共 %d 筆記錄：受理 %d 筆，退回 %d 筆；錯誤 %d 個，警告 %d 個", r.Records, r.Accepted, r.Rejected, r.Errors, r.Warnings)
	case healthedu.English:
		return fmt.Sprintf("%d records: %d accepted, %d rejected; %d errors, %d warnings", r.Records, r.Accepted, r.Rejected, r.Errors, r.Warnings)
	default:
		return fmt.Sprintf("共 %d 条记录：受理 %d 条，退回 %d 条；错误 %d 个，警告 %d 个", r.Records, r.Accepted, r.Rejected, r.Errors, r.Warnings)
	}
}
