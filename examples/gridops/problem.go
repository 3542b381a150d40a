package main

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// problem is an RFC 9457 problem document (问题详情), the body of every
// error response, as application/problem+json. Type is "about:blank", so
// Title is the HTTP status phrase; Code is a stable dotted code that says
// what went wrong, for programs, and Detail says it for people, in English.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	Code     string `json:"code"`
}

// The problem codes of the server.
const (
	codeAuthRequired     = "auth.required"      // 401: no bearer token
	codeAuthInvalid      = "auth.invalid"       // 401: a token the server does not know
	codeAuthForbidden    = "auth.forbidden"     // 403: the token's role may not do this
	codeStreamForbidden  = "stream.forbidden"   // 403: another recipient's stream
	codeLastEventID      = "stream.lastEventId" // 400: a Last-Event-ID that is not a decimal number
	codeBodyTooLarge     = "request.tooLarge"   // 413
	codeBodySyntax       = "request.syntax"     // 400: the body could not be read as the endpoint's JSON
	codeBodyRead         = "request.read"       // 400: the body could not be read at all
	codeQuery            = "request.query"      // 400: a query parameter with a value the endpoint does not take
	codeNotFound         = "route.notFound"     // 404: no such endpoint
	codeMethod           = "route.method"       // 405
	codeAlertUnknown     = "alert.unknown"      // 404: no such alert among those the recipient was told of
	codeAlertClosed      = "alert.closed"       // 409
	codeAlertAcked       = "alert.acknowledged" // 409
	codeStoreUnavailable = "store.unavailable"  // 503: the log could not be written; nothing was applied
	codeShuttingDown     = "server.shuttingDown"
	codeInternal         = "server.internal" // 500
)

// writeProblem writes a problem document with status and code. detail
// passes through healthedu.RedactCitizenIDs, like everything the server
// says.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, code, detail string) {
	p := problem{
		Type:     "about:blank",
		Title:    http.StatusText(status),
		Status:   status,
		Detail:   healthedu.RedactCitizenIDs(detail),
		Instance: healthedu.RedactCitizenIDs(r.URL.Path),
		Code:     code,
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gridops"`)
	}
	body, _ := json.Marshal(p) // a struct of strings and an int always marshals
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// writeJSON writes v as a JSON response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"code":"` + codeInternal + `"}` + "\n"))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
