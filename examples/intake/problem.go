package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// problemTypeBase is the base of the type URI of a problem: the issue code
// follows it.
const problemTypeBase = "https://jiceng.github.io/jiceng/problems/"

// A problem is an RFC 9457 problem details document (问题详情), the body of
// every error answer, with the issue code that says what went wrong. Its
// title (by status) and its detail are in the reader's language, each a
// registered issue code's message; params, an extension member, are the
// issue's params, such as the limit a request went past.
type problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail"`
	Instance string         `json:"instance,omitempty"`
	Code     string         `json:"code"`
	Params   map[string]any `json:"params,omitempty"`
}

// newProblem returns the problem of HTTP status with the issue code and
// params, its title and detail in lang. A citizen ID number a param echoes
// from the request is masked however it is dressed (see redactLoose).
func newProblem(status int, code string, lang language.Tag, params map[string]any) problem {
	is := healthedu.NewIssue(code, "", redactParams(params))
	return problem{
		Type:   problemTypeBase + code,
		Title:  problemTitle(status, lang),
		Status: status,
		Detail: redactLoose(is.Message(lang)),
		Code:   code,
		Params: redactParams(is.Params),
	}
}

// problemTitle returns the title of a problem of status in lang.
func problemTitle(status int, lang language.Tag) string {
	code, ok := titleCodes[status]
	if !ok {
		code = codeTitleError
	}
	return healthedu.NewIssue(code, "", nil).Message(lang)
}

// writeProblem answers r with the problem of status and code.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, code string, params map[string]any) {
	lang := healthedu.MatchLanguage(r.Header.Get("Accept-Language"))
	p := newProblem(status, code, lang, params)
	p.Instance = redactLoose(r.URL.Path)
	writeJSONAs(w, status, "application/problem+json", lang, p)
}

// writeJSON answers with v as JSON, in status.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	writeJSONAs(w, status, "application/json", healthedu.MatchLanguage(r.Header.Get("Accept-Language")), v)
}

func writeJSONAs(w http.ResponseWriter, status int, contentType string, lang language.Tag, v any) {
	body, err := marshalJSON(v)
	if err != nil {
		status, contentType = http.StatusInternalServerError, "application/problem+json"
		body, _ = marshalJSON(newProblem(status, codeInternal, lang, nil))
	}
	writeBody(w, status, contentType, lang, body)
}

func writeBody(w http.ResponseWriter, status int, contentType string, lang language.Tag, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType+"; charset=utf-8")
	h.Set("Content-Language", lang.String())
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(body)
}

// marshalJSON encodes v as JSON without escaping <, > and &, which the
// answers hold in Chinese text and never in HTML, followed by a newline.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
