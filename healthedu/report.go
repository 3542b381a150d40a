package healthedu

import (
	"encoding/json"
	"slices"

	"golang.org/x/text/language"
)

// Report is a validation report (校验报告): the issues found in one
// submission, in the order they were added, with a count per severity.
// The zero Report is empty and ready to use. A Report is not safe for
// concurrent use.
//
// A Report carries no text. Its JSON form, for machines, is
//
//	{"errors":1,"warnings":0,"information":0,"issues":[{"severity":"error","code":"citizenId.checksum","path":"/resident/citizenId","params":{"value":"3715**********123X"}}]}
//
// and [Report.Localize] gives the form for people, in which every issue
// also carries its message and the report the language of the messages.
type Report struct {
	issues []Issue
	counts [SeverityInformation + 1]int
}

// Add appends issues to the report. An issue with a severity that is not
// valid is kept but not counted.
func (r *Report) Add(issues ...Issue) {
	r.issues = append(r.issues, issues...)
	for _, i := range issues {
		if i.Severity.IsValid() {
			r.counts[i.Severity]++
		}
	}
}

// Issues returns a copy of the issues in the order they were added.
func (r *Report) Issues() []Issue {
	return slices.Clone(r.issues)
}

// Len returns the number of issues in the report.
func (r *Report) Len() int {
	return len(r.issues)
}

// Count returns the number of issues of severity s.
func (r *Report) Count(s Severity) int {
	if !s.IsValid() {
		return 0
	}
	return r.counts[s]
}

// HasErrors reports whether any issue has SeverityError, which rejects the
// submission.
func (r *Report) HasErrors() bool {
	return r.counts[SeverityError] > 0
}

// reportJSON is the wire form of a Report.
type reportJSON struct {
	Errors      int     `json:"errors"`
	Warnings    int     `json:"warnings"`
	Information int     `json:"information"`
	Issues      []Issue `json:"issues"`
}

// MarshalJSON implements json.Marshaler: the counts per severity, then the
// issues ("issues" is [] when there are none), without messages.
func (r *Report) MarshalJSON() ([]byte, error) {
	issues := r.issues
	if issues == nil {
		issues = []Issue{}
	}
	return json.Marshal(reportJSON{
		Errors:      r.counts[SeverityError],
		Warnings:    r.counts[SeverityWarning],
		Information: r.counts[SeverityInformation],
		Issues:      issues,
	})
}

// UnmarshalJSON implements json.Unmarshaler. It reads the form MarshalJSON
// writes, and also that of a [LocalizedReport], whose messages it drops.
// The counts are recomputed from the issues.
func (r *Report) UnmarshalJSON(data []byte) error {
	var v reportJSON
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*r = Report{}
	r.Add(v.Issues...)
	return nil
}

// LocalizedIssue is an issue with its message rendered in one language, the
// form in which an issue reaches people. Its JSON form is that of the Issue
// with a "message" member added. The field Message hides the method
// [Issue.Message], which remains reachable as li.Issue.Message(lang).
type LocalizedIssue struct {
	Issue
	Message string `json:"message"`
}

// LocalizedReport is a validation report for people (本地化校验报告): the
// counts of a [Report] and its issues with their messages, in Language.
type LocalizedReport struct {
	Language    language.Tag     `json:"language"` // ZhHans, ZhHant or English
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Information int              `json:"information"`
	Issues      []LocalizedIssue `json:"issues"`
}

// Localize returns the report with the message of every issue rendered in
// the supported language that serves lang best (see [Issue.Message]); an
// HTTP server would pass MatchLanguage(r.Header.Get("Accept-Language")) and
// set Content-Language to the result's Language.
func (r *Report) Localize(lang language.Tag) LocalizedReport {
	lang = SupportedLanguage(lang)
	lr := LocalizedReport{
		Language:    lang,
		Errors:      r.counts[SeverityError],
		Warnings:    r.counts[SeverityWarning],
		Information: r.counts[SeverityInformation],
		Issues:      make([]LocalizedIssue, len(r.issues)),
	}
	for k, i := range r.issues {
		lr.Issues[k] = LocalizedIssue{Issue: i, Message: i.Message(lang)}
	}
	return lr
}
