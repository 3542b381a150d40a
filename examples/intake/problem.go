package main

import (
	"net/http"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// problemTypeBase is the base of the type URI of a problem: the issue code
// follows it.
const problemTypeBase = "https://jiceng.github.io/jiceng/problems/"

// newProblem returns the problem (问题详情, an httpapi.Problem) of HTTP
// status with the issue code and params: the body of every error answer.
// Its title (by status) and its detail are in lang, each a registered
// issue code's message; its params, an extension member, are the issue's
// params, such as the limit a request went past. A citizen ID number a
// param echoes from the request is masked however it is dressed (see
// redactLoose).
func newProblem(status int, code string, lang language.Tag, params map[string]any) httpapi.Problem {
	is := healthedu.NewIssue(code, "", redactParams(params))
	return httpapi.Problem{
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

// writeProblem answers r with the problem of status and code; a request
// of the FHIR endpoints, with an OperationOutcome (see fhir.go).
func writeProblem(w http.ResponseWriter, r *http.Request, status int, code string, params map[string]any) {
	if isFHIR(r) {
		writeOperationOutcome(w, r, status, code, params)
		return
	}
	lang := httpapi.Language(r)
	p := newProblem(status, code, lang, params)
	p.Instance = redactLoose(r.URL.Path)
	writeJSONAs(w, status, httpapi.MediaProblem, lang, p)
}

// writeJSON answers with v as JSON, in status.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	writeJSONAs(w, status, httpapi.MediaJSON, httpapi.Language(r), v)
}

// writeJSONAs answers with v as JSON of mediaType, in status; when v does
// not marshal, with a problem server.internal.
func writeJSONAs(w http.ResponseWriter, status int, mediaType string, lang language.Tag, v any) {
	body, err := httpapi.Marshal(v)
	if err != nil {
		status, mediaType = http.StatusInternalServerError, httpapi.MediaProblem
		body, _ = httpapi.Marshal(newProblem(status, codeInternal, lang, nil))
	}
	writeBody(w, status, mediaType, lang, body)
}

// writeBody answers with body, of mediaType in UTF-8, in status: the
// platform's answers name their charset.
func writeBody(w http.ResponseWriter, status int, mediaType string, lang language.Tag, body []byte) {
	httpapi.Write(w, status, mediaType+"; charset=utf-8", lang, body)
}
