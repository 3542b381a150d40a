package healthedu

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/jiceng/jiceng/internal/enumset"
)

// Severity is how much an issue weighs (严重程度). Errors reject the record
// they are found in; warnings, such as an activity count below a national
// minimum, are reported and the record is accepted; information is reported
// only. The zero Severity is not valid.
type Severity uint8

// The severities, from the gravest.
const (
	SeverityError       Severity = iota + 1 // 错误: the record is rejected
	SeverityWarning                         // 警告: reported, the record is accepted
	SeverityInformation                     // 提示: for information only
)

var issueSeverityNames = [...]string{
	SeverityError:       "error",
	SeverityWarning:     "warning",
	SeverityInformation: "information",
}

// IsValid reports whether s is one of SeverityError, SeverityWarning and
// SeverityInformation.
func (s Severity) IsValid() bool {
	return s >= SeverityError && s <= SeverityInformation
}

// String returns "error", "warning" or "information", or "Severity(n)" for
// a severity that is not valid.
func (s Severity) String() string {
	if !s.IsValid() {
		return "Severity(" + strconv.Itoa(int(s)) + ")"
	}
	return issueSeverityNames[s]
}

// issueSeverityLabels holds the labels of the severities in the order of
// languageSupported.
var issueSeverityLabels = [...][len(languageSupported)]string{
	SeverityError:       {"错误", "錯誤", "error"},
	SeverityWarning:     {"警告", "警告", "warning"},
	SeverityInformation: {"提示", "提示", "information"},
}

// Label returns the name of the severity for people, in the supported
// language that serves lang best: "错误", "警告", "提示" in zh-Hans. It
// returns String() for a severity that is not valid.
func (s Severity) Label(lang language.Tag) string {
	if !s.IsValid() {
		return s.String()
	}
	i, _ := enumset.LanguageIndex(lang)
	return issueSeverityLabels[s][i]
}

// AppendText implements encoding.TextAppender. It appends the form String
// returns, and fails for a severity that is not valid.
func (s Severity) AppendText(b []byte) ([]byte, error) {
	if !s.IsValid() {
		return b, errors.New("healthedu: invalid " + s.String())
	}
	return append(b, issueSeverityNames[s]...), nil
}

// MarshalText implements encoding.TextMarshaler, so that a severity reads
// "error", "warning" or "information" in JSON. It fails for a severity that
// is not valid.
func (s Severity) MarshalText() ([]byte, error) {
	return s.AppendText(nil)
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly the
// three forms MarshalText writes.
func (s *Severity) UnmarshalText(text []byte) error {
	for v := SeverityError; v <= SeverityInformation; v++ {
		if string(text) == issueSeverityNames[v] {
			*s = v
			return nil
		}
	}
	return errors.New("healthedu: unknown severity " + strconv.Quote(string(text)) + ", want error, warning or information")
}

// Issue is one problem (问题) a validator found in a submitted document:
// how much it weighs, a stable dotted code (问题代码) that says what is
// wrong, the place as an RFC 6901 JSON Pointer into the submitted document
// ("" for the whole document, see [Pointer]) and the parameters its message
// needs, such as the offending value.
//
// An Issue carries no text: [Issue.Message] renders it in the reader's
// language. Params must never hold a citizen ID number in clear; the
// parsers mask it in [ParseError.Input], [IssueFromError] passes on that
// masked form, and [NewIssue] masks any other it finds in a text param or
// in the path, such as a number written as a member name or into a
// numeric field.
type Issue struct {
	Severity Severity       `json:"severity"`         // error, warning or information
	Code     string         `json:"code"`             // stable dotted code, such as "citizenId.checksum"
	Path     string         `json:"path"`             // JSON Pointer to the field, "" for the whole document
	Params   map[string]any `json:"params,omitempty"` // by name, such as "value": the offending input
	// Line is the 1-based line of the submitted file where the fault lies,
	// set by the Decoder; 0 when the issue is not tied to a line.
	Line int `json:"line,omitempty"`
}

// NewIssue returns the issue (问题) with the given code, at path, with the
// code's registered default severity (see [RegisterCodes]). The issue keeps
// params (not a copy); it should hold a value for each name in the code's
// [CodeDef.Params].
//
// Any citizen ID number in path or in a param that is text (a string or a
// json.Number) is masked (脱敏, see [RedactCitizenIDs]): the issue then
// holds a copy of params with the masked text, a json.Number becoming a
// string, and params itself is left alone. A submitter may type a number
// anywhere — as a member name, into a count, into a record id — and an
// issue is shown to people and stored.
//
// A code that was never registered is a programming error, but not one that
// can take a server down: NewIssue then returns an error issue with code
// "issue.unregistered", whose single param "code" holds the unregistered
// code, and drops params. Tests can look for that code.
func NewIssue(code, path string, params map[string]any) Issue {
	path = RedactCitizenIDs(path)
	def, ok := issueLookup(code)
	if !ok {
		return Issue{
			Severity: SeverityError,
			Code:     issueUnregistered,
			Path:     path,
			Params:   map[string]any{"code": RedactCitizenIDs(code)},
		}
	}
	return Issue{Severity: def.Severity, Code: code, Path: path, Params: issueRedactParams(params)}
}

// issueRedactParams returns params with every citizen ID number in a text
// param masked: params itself when there is none, else a copy.
func issueRedactParams(params map[string]any) map[string]any {
	var out map[string]any
	for k, v := range params {
		var text string
		switch v := v.(type) {
		case string:
			text = v
		case json.Number:
			text = string(v)
		default:
			continue
		}
		masked := RedactCitizenIDs(text)
		if masked == text {
			continue
		}
		if out == nil {
			out = maps.Clone(params)
		}
		out[k] = masked // a masked json.Number is no longer a number
	}
	if out == nil {
		return params
	}
	return out
}

// IssueFromError turns an error of jiceng into the issue (问题) a validator
// reports for the value at path:
//
//   - for a [*ParseError] anywhere in err's chain, the issue with its Code
//     and a "value" param holding its Input, with any citizen ID number in
//     it masked (see [RedactCitizenIDs]);
//   - for an [*IssuesError], its first issue, with path put before the
//     issue's own (see [IssuesError] for all of them);
//   - for an error that presents itself as an issue, with a method
//     Issue() Issue, such as a data value an indicators store refused, that
//     issue, with path put before its own.
//
// Any other error, nil included, gives an error issue with code
// "value.invalid" and no params: the text of such an error is English only
// and might hold personal data, so it is not passed on; log it where it is
// safe to.
func IssueFromError(err error, path string) Issue {
	if pe, ok := errors.AsType[*ParseError](err); ok {
		// A citizen ID typed where another code belongs would otherwise be
		// echoed in clear: the citizen ID parsers mask their input, the
		// others do not know to.
		return NewIssue(pe.Code, path, map[string]any{"value": RedactCitizenIDs(pe.Input)})
	}
	if ie, ok := errors.AsType[*IssuesError](err); ok && len(ie.Issues) > 0 {
		is := ie.Issues[0]
		is.Path = path + is.Path
		return is
	}
	if ie, ok := errors.AsType[issueError](err); ok {
		is := ie.Issue()
		is.Path = path + is.Path
		return is
	}
	return NewIssue("value.invalid", path, nil)
}

// An issueError is an error that presents itself as an issue.
type issueError interface {
	error
	Issue() Issue
}

// An IssuesError is an error made of issues (问题清单): the faults that keep
// something given to jiceng from being used — a catalogue of indicators, a
// definition, a set of alert rules — each with its stable code, a JSON
// Pointer into what was given and its params, so that a caller can show
// them in the reader's language (see [Issue.Message]) rather than in the
// English of Error.
type IssuesError struct {
	// Op says what could not be used, for Error: "indicators",
	// "grid: alert rules".
	Op string
	// Issues are the faults, in the order found.
	Issues []Issue
}

// Error implements the error interface. It gives Op, the first issue's
// path and message in English, and how many more issues there are.
func (e *IssuesError) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if len(e.Issues) == 0 {
		b.WriteString(": invalid")
		return b.String()
	}
	b.WriteString(": ")
	i := e.Issues[0]
	if i.Path != "" {
		b.WriteString(i.Path)
		b.WriteString(": ")
	}
	b.WriteString(i.Message(English))
	if n := len(e.Issues) - 1; n > 0 {
		b.WriteString(" (and " + strconv.Itoa(n) + " more)")
	}
	return b.String()
}

// Message returns the issue's message rendered in the language of the three
// (ZhHans, ZhHant, English) that serves lang best, ZhHans when none does.
//
// Each param named in the code's [CodeDef] takes its place in the message;
// a missing one shows as its name in braces, such as "{value}". Integers and
// floating-point numbers are written as strconv writes them, without the
// digit grouping x/text would apply: params are identifiers (years, codes,
// lengths) as often as amounts, and a message shows the number the JSON
// params hold; a list of strings is written in words, its items separated
// by "、" in Chinese and ", " in English. An issue whose code is not
// registered renders the message of "issue.unregistered".
//
// Message is safe for concurrent use.
func (i Issue) Message(lang language.Tag) string {
	li, _ := enumset.LanguageIndex(lang)
	def, ok := issueLookup(i.Code)
	if !ok {
		return issuePrinters[li].Sprintf(issueUnregistered, i.Code)
	}
	var buf [4]any
	args := buf[:0]
	for _, name := range def.Params {
		v, ok := i.Params[name]
		if !ok {
			args = append(args, "{"+name+"}")
			continue
		}
		args = append(args, issueArg(v, li))
	}
	return issuePrinters[li].Sprintf(def.Code, args...)
}

// issueListSeparators separate the items of a list in a message, in the
// order of languageSupported: the enumeration comma (顿号) in Chinese.
var issueListSeparators = [len(languageSupported)]string{"、", "、", ", "}

// issueArg returns v in the form a message in the language of index li
// shows it: numbers of the basic kinds as strconv writes them, which the
// printer then leaves alone, and a list of strings (such as the values
// json.enum allows) in words, "activity、binding", not as Go prints a
// slice.
func issueArg(v any, li int) any {
	switch v := v.(type) {
	case []string:
		return strings.Join(v, issueListSeparators[li])
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = fmt.Sprint(issueArg(item, li))
		}
		return strings.Join(items, issueListSeparators[li])
	case int:
		return strconv.FormatInt(int64(v), 10)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return v
}

// String returns the issue for debugging and logs, with its message in
// English, such as
//
//	error citizenId.checksum /resident/citizenId: Citizen ID number "3715**********123X" fails its check digit
//
// The path is left out when it is "" (the whole document).
func (i Issue) String() string {
	var b strings.Builder
	b.WriteString(i.Severity.String())
	b.WriteByte(' ')
	b.WriteString(i.Code)
	if i.Path != "" {
		b.WriteByte(' ')
		b.WriteString(i.Path)
	}
	b.WriteString(": ")
	b.WriteString(i.Message(English))
	return b.String()
}

// CodeDef defines an issue code (问题代码): its default severity, the names
// of its params and its message in each supported language.
//
// The templates use the printf syntax of golang.org/x/text/message and refer
// to params only by index, as %[1]v, %[2]v…, in the order of Params, so that
// each language may order them as its grammar wants; %% is a percent sign.
// Every template uses every param.
type CodeDef struct {
	Code     string   // stable, dotted, lowerCamelCase segments: "citizenId.checksum"
	Severity Severity // default severity of issues with this code
	Params   []string // names of the params, %[1]v, %[2]v… in the templates
	Meaning  string   // one line in English for the table of codes in the docs
	ZhHans   string   // message template in Simplified Chinese (简体中文)
	ZhHant   string   // message template in Traditional Chinese (繁體中文)
	En       string   // message template in English
}

// templates returns the message templates in the order of
// languageSupported.
func (d *CodeDef) templates() [len(languageSupported)]string {
	return [...]string{d.ZhHans, d.ZhHant, d.En}
}

// issueUnregistered is the code of the issue that stands in for an issue
// with an unregistered code.
const issueUnregistered = "issue.unregistered"

var (
	issueMu    sync.RWMutex
	issueCodes = map[string]CodeDef{}

	// issueCatalog holds every template under its code. A catalog.Builder
	// prints the key itself for a language without an entry; RegisterCodes
	// therefore insists on all three.
	issueCatalog = catalog.NewBuilder()

	// issuePrinters, one per supported language, are safe for concurrent
	// use: Sprintf copies the Printer into pooled state before formatting,
	// and the Builder guards its maps with a lock.
	issuePrinters = func() (p [len(languageSupported)]*message.Printer) {
		for i, tag := range languageSupported {
			p[i] = message.NewPrinter(tag, message.Catalog(issueCatalog))
		}
		return p
	}()
)

// RegisterCodes adds issue codes (问题代码) to the registry from which
// [NewIssue], [Issue.Message], [Codes] and [LookupCode] read. Packages that
// report issues (healthedu, indicators, grid) call it from their init
// functions.
//
// A code already registered, a code that is not dotted lowerCamelCase
// ("citizenId.checksum"), an invalid severity, a param name that is not
// an identifier or repeats, an empty meaning, an empty template in any
// language, or a template whose verbs are not exactly %[1]v… %[n]v for the
// n Params (each used at least once) is a programming error: RegisterCodes
// panics and registers none of defs.
func RegisterCodes(defs ...CodeDef) {
	issueMu.Lock()
	defer issueMu.Unlock()
	seen := make(map[string]bool, len(defs))
	for i := range defs {
		if err := issueCheckDef(&defs[i]); err != nil {
			panic("healthedu.RegisterCodes: " + err.Error())
		}
		code := defs[i].Code
		if _, dup := issueCodes[code]; dup || seen[code] {
			panic("healthedu.RegisterCodes: code " + strconv.Quote(code) + " registered twice")
		}
		seen[code] = true
	}
	for _, d := range defs {
		d.Params = slices.Clone(d.Params)
		for i, tmpl := range d.templates() {
			if err := issueCatalog.SetString(languageSupported[i], d.Code, tmpl); err != nil {
				panic("healthedu.RegisterCodes: code " + strconv.Quote(d.Code) + ": " + err.Error())
			}
		}
		issueCodes[d.Code] = d
	}
}

// issueCheckDef reports what is wrong with d, or nil.
func issueCheckDef(d *CodeDef) error {
	if !issueIsCode(d.Code) {
		return fmt.Errorf("code %q is not dotted lowerCamelCase, such as \"citizenId.checksum\"", d.Code)
	}
	if !d.Severity.IsValid() {
		return fmt.Errorf("code %q: invalid %v", d.Code, d.Severity)
	}
	for i, p := range d.Params {
		if !issueIsName(p) {
			return fmt.Errorf("code %q: param name %q is not a lowerCamelCase identifier", d.Code, p)
		}
		if slices.Contains(d.Params[:i], p) {
			return fmt.Errorf("code %q: param %q listed twice", d.Code, p)
		}
	}
	if strings.TrimSpace(d.Meaning) == "" {
		return fmt.Errorf("code %q: empty meaning", d.Code)
	}
	for i, tmpl := range d.templates() {
		if err := issueCheckTemplate(tmpl, len(d.Params)); err != nil {
			return fmt.Errorf("code %q: %v template %q: %v", d.Code, languageSupported[i], tmpl, err)
		}
	}
	return nil
}

// issueCheckTemplate reports whether tmpl is a non-empty template whose
// verbs are %% and %[i]v for 1 ≤ i ≤ n, each i used at least once.
func issueCheckTemplate(tmpl string, n int) error {
	if strings.TrimSpace(tmpl) == "" {
		return errors.New("empty")
	}
	if i := strings.Index(tmpl, "${"); i >= 0 {
		return fmt.Errorf("catalog substitution ${…} at offset %d", i)
	}
	used := make([]bool, n)
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' {
			continue
		}
		if strings.HasPrefix(tmpl[i:], "%%") {
			i++
			continue
		}
		// %[k]v with k a decimal number without leading zeros.
		j := i + 1
		if j >= len(tmpl) || tmpl[j] != '[' {
			return fmt.Errorf("verb at offset %d is not of the form %%[n]v", i)
		}
		j++
		k := 0
		start := j
		for ; j < len(tmpl) && '0' <= tmpl[j] && tmpl[j] <= '9' && j-start < 3; j++ {
			k = k*10 + int(tmpl[j]-'0')
		}
		if j == start || tmpl[start] == '0' || !strings.HasPrefix(tmpl[j:], "]v") {
			return fmt.Errorf("verb at offset %d is not of the form %%[n]v", i)
		}
		if k > n {
			return fmt.Errorf("verb %%[%d]v at offset %d, but only %d params", k, i, n)
		}
		used[k-1] = true
		i = j + 1
	}
	if k := slices.Index(used, false); k >= 0 {
		return fmt.Errorf("param %%[%d]v unused", k+1)
	}
	return nil
}

// issueIsCode reports whether s is two or more lowerCamelCase segments
// joined by dots.
func issueIsCode(s string) bool {
	n := 0
	for seg := range strings.SplitSeq(s, ".") {
		if !issueIsName(seg) {
			return false
		}
		n++
	}
	return n >= 2
}

// issueIsName reports whether s is an ASCII lowerCamelCase identifier.
func issueIsName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Codes returns the definitions of every registered issue code (问题代码),
// sorted by code.
func Codes() []CodeDef {
	issueMu.RLock()
	defs := make([]CodeDef, 0, len(issueCodes))
	for _, d := range issueCodes {
		d.Params = slices.Clone(d.Params)
		defs = append(defs, d)
	}
	issueMu.RUnlock()
	slices.SortFunc(defs, func(a, b CodeDef) int { return strings.Compare(a.Code, b.Code) })
	return defs
}

// LookupCode returns the definition of a registered issue code (问题代码),
// and whether it is registered.
func LookupCode(code string) (CodeDef, bool) {
	d, ok := issueLookup(code)
	d.Params = slices.Clone(d.Params)
	return d, ok
}

// issueLookup is LookupCode for use inside the package: d.Params is shared
// with the registry and must not be modified.
func issueLookup(code string) (d CodeDef, ok bool) {
	issueMu.RLock()
	d, ok = issueCodes[code]
	issueMu.RUnlock()
	return d, ok
}
