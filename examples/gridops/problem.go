package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// problem is an RFC 9457 problem document (问题详情), the body of every
// error response, as application/problem+json. Type is "about:blank", so
// Title is the HTTP status phrase, in the reader's language; Code is a
// stable dotted code that says what went wrong, for programs, Params the
// values it concerns, and Detail says it for people. Title and Detail are
// the messages of registered issue codes (see messages.go) in the language
// of Accept-Language: zh-Hans by default, zh-Hant or en.
type problem struct {
	httpapi.Problem
	// Summary is, for import.rejected, the import summary that says why
	// each item was rejected.
	Summary *importSummary `json:"summary,omitempty"`
}

// newProblem returns the problem of status with code and params, in lang.
// Its texts and params pass through healthedu.RedactCitizenIDs, like
// everything the server says.
func newProblem(status int, code string, params map[string]any, lang language.Tag) problem {
	is := healthedu.NewIssue(code, "", redactParams(params))
	title := healthedu.NewIssue(titleCode(status), "", map[string]any{"status": status})
	return problem{Problem: httpapi.Problem{
		Type:   "about:blank",
		Title:  title.Message(lang),
		Status: status,
		Detail: healthedu.RedactCitizenIDs(localMessage(is, lang)),
		Code:   code,
		Params: is.Params,
	}}
}

// writeProblem answers r with the problem of status, code and params, in
// the language of its Accept-Language.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, code string, params map[string]any) {
	lang := httpapi.Language(r)
	p := newProblem(status, code, params, lang)
	p.Instance = healthedu.RedactCitizenIDs(r.URL.Path)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gridops"`)
	}
	writeBody(w, status, httpapi.MediaProblem, lang, p)
}

// writeSummary answers r with the import summary sm of its items: 200,
// or, when there were items and none was accepted, 422 and a problem
// import.rejected that carries the summary, as the platform's intake
// answers; a request without any item is 400 request.empty.
func writeSummary(w http.ResponseWriter, r *http.Request, lang language.Tag, sm importSummary) {
	switch {
	case sm.Items == 0:
		writeProblem(w, r, http.StatusBadRequest, codeBodyEmpty, nil)
	case sm.Accepted == 0:
		p := newProblem(http.StatusUnprocessableEntity, codeImportRejected, map[string]any{"rejected": sm.Rejected}, lang)
		p.Instance = healthedu.RedactCitizenIDs(r.URL.Path)
		p.Summary = &sm
		writeBody(w, http.StatusUnprocessableEntity, httpapi.MediaProblem, lang, p)
	default:
		writeJSON(w, http.StatusOK, lang, sm)
	}
}

// writeJSON writes v as a JSON response with status, in lang.
func writeJSON(w http.ResponseWriter, status int, lang language.Tag, v any) {
	writeBody(w, status, httpapi.MediaJSON+"; charset=utf-8", lang, v)
}

// writeBody writes v as JSON with status and Content-Type ctype; if v does
// not marshal, a problem server.internal instead.
func writeBody(w http.ResponseWriter, status int, ctype string, lang language.Tag, v any) {
	body, err := httpapi.Marshal(v)
	if err != nil {
		status, ctype = http.StatusInternalServerError, httpapi.MediaProblem
		body, _ = httpapi.Marshal(newProblem(status, codeInternal, nil, lang)) // strings and ints always marshal
	}
	w.Header().Set("Cache-Control", "no-store")
	httpapi.Write(w, status, ctype, lang, body)
}

// localMessage returns the message of is in lang, with each param that
// is a list of words written as a list of that language — "open、closed、all"
// in Chinese, "open, closed, all" in English — rather than as a Go slice.
func localMessage(is healthedu.Issue, lang language.Tag) string {
	var params map[string]any
	for k, v := range is.Params {
		words, ok := v.([]string)
		if !ok {
			continue
		}
		if params == nil {
			params = make(map[string]any, len(is.Params))
			for k, v := range is.Params {
				params[k] = v
			}
		}
		params[k] = joinWords(words, lang)
	}
	if params != nil {
		is.Params = params
	}
	return is.Message(lang)
}

// joinWords writes words as a list in lang: separated by the enumeration
// comma "、" in Chinese, by ", " in English.
func joinWords(words []string, lang language.Tag) string {
	if lang == healthedu.English {
		return strings.Join(words, ", ")
	}
	return strings.Join(words, "、")
}

// redactParams returns params with every citizen ID number in a value
// masked: in strings, lists of strings and numbers (a number of 15 or more
// digits may be one, and is then replaced by its masked text). The library
// masks the text params of the issues it makes; this guards the numbers
// and the identifiers a submitter chose, such as a household ID.
func redactParams(params map[string]any) map[string]any {
	if len(params) == 0 {
		return nil
	}
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = redactValue(v)
	}
	return out
}

// redactValue returns v with every citizen ID number masked.
func redactValue(v any) any {
	var text string
	switch x := v.(type) {
	case string:
		return healthedu.RedactCitizenIDs(x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = healthedu.RedactCitizenIDs(s)
		}
		return out
	case int:
		text = strconv.FormatInt(int64(x), 10)
	case int64:
		text = strconv.FormatInt(x, 10)
	case uint64:
		text = strconv.FormatUint(x, 10)
	case float64:
		text = strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		text = string(x)
	default:
		return v
	}
	if masked := healthedu.RedactCitizenIDs(text); masked != text {
		return masked
	}
	return v
}
