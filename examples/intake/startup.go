package main

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

// A startupError is why the server does not start, said by a registered
// issue code (see codes.go), so that the operator reads it in the language
// of the environment (see startupLanguage), like every other message of
// the platform.
type startupError struct {
	code   string
	params map[string]any
	// reasons are params whose value is an error: each is rendered in the
	// message's language too (see healthedu.IssueFromError), or as its
	// text when it is not one of the library's errors.
	reasons map[string]error
}

// startupErr returns the startupError of code with params; a param whose
// value is an error is localized when the message is.
func startupErr(code string, params map[string]any) *startupError {
	e := &startupError{code: code, params: make(map[string]any, len(params))}
	for k, v := range params {
		if err, ok := v.(error); ok {
			if e.reasons == nil {
				e.reasons = make(map[string]error)
			}
			e.reasons[k] = err
			continue
		}
		e.params[k] = v
	}
	return e
}

// Message returns the message in language lang.
func (e *startupError) Message(lang language.Tag) string {
	params := make(map[string]any, len(e.params)+len(e.reasons))
	for k, v := range e.params {
		params[k] = v
	}
	for k, err := range e.reasons {
		params[k] = reasonText(err, lang)
	}
	return healthedu.NewIssue(e.code, "", params).Message(lang)
}

// Error returns the message in English, for logs.
func (e *startupError) Error() string { return e.Message(healthedu.English) }

// reasonText returns err in language lang: the message of its issue code
// when it is one of the library's parse errors, of a file that does not
// exist or may not be read, and its text otherwise (another error of the
// operating system, for instance).
func reasonText(err error, lang language.Tag) string {
	var (
		pe *healthedu.ParseError
		se *startupError
	)
	if errors.As(err, &se) {
		return se.Message(lang)
	}
	if errors.As(err, &pe) {
		return healthedu.IssueFromError(err, "").Message(lang)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return healthedu.NewIssue(codeFileNotFound, "", nil).Message(lang)
	case errors.Is(err, fs.ErrPermission):
		return healthedu.NewIssue(codeFilePermission, "", nil).Message(lang)
	}
	return err.Error()
}

// startupLanguage returns the language of the messages printed on
// standard error, from the environment as POSIX programs read it: LC_ALL,
// then LC_MESSAGES, then LANG ("zh_TW.UTF-8" is Traditional Chinese,
// "en_US.UTF-8" English). Unset, C or POSIX means Simplified Chinese, the
// platform's language.
func startupLanguage(getenv func(string) string) language.Tag {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" || v == "" {
			return healthedu.ZhHans
		}
		return healthedu.MatchLanguage(strings.ReplaceAll(v, "_", "-"))
	}
	return healthedu.ZhHans
}

// errorText returns err as the operator reads it in language lang.
func errorText(err error, lang language.Tag) string {
	var se *startupError
	if errors.As(err, &se) {
		return se.Message(lang)
	}
	return err.Error()
}

// loadReporters reads the file of expected reporters (应报单位名单) that
// -reporters names: one division code a line, in any form
// healthedu.ParseDivisionCode takes; blank lines and lines starting with #
// are skipped, and a code listed twice counts once. A line that is not a
// division code stops the start with a message naming the file and line.
func loadReporters(name string) ([]healthedu.DivisionCode, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, startupErr(codeReportersRead, map[string]any{"file": name, "reason": err})
	}
	defer f.Close()
	return readReporters(f, name)
}

// readReporters reads the expected reporters from r, the file name.
func readReporters(r io.Reader, name string) ([]healthedu.DivisionCode, error) {
	var (
		ds   []healthedu.DivisionCode
		seen = make(map[healthedu.DivisionCode]bool)
		sc   = bufio.NewScanner(r)
		line int
	)
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		d, err := healthedu.ParseDivisionCode(s)
		if err != nil {
			return nil, startupErr(codeReportersLine, map[string]any{"file": name, "line": line, "reason": err})
		}
		if !seen[d] {
			seen[d] = true
			ds = append(ds, d)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, startupErr(codeReportersRead, map[string]any{"file": name, "reason": err})
	}
	if len(ds) == 0 {
		return nil, startupErr(codeReportersEmpty, map[string]any{"file": name})
	}
	return ds, nil
}

// parseLevelFlag parses the value of -reporting-level.
func parseLevelFlag(s string) (healthedu.DivisionLevel, error) {
	var l healthedu.DivisionLevel
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, startupErr(codeFlag, map[string]any{"flag": "reporting-level", "reason": err})
	}
	return l, nil
}

// errOption is the startupError of a flag whose value is out of range.
func errOption(code, flag string) error {
	return startupErr(code, map[string]any{"flag": flag})
}
