// Package httpapi holds the plumbing the example servers' HTTP APIs
// (接口) share: the RFC 9457 problem document (问题详情) that every error
// answer carries, the encoding and writing of a JSON answer with its
// headers, the language of an answer, the Allow header of a path, and a
// response writer that remembers the status of an answer for the request
// log.
//
// What a server decides for itself stays in the server: the type URI,
// title and detail of its problems, how it masks what a problem echoes of
// a request, its Content-Type parameters and caching headers.
package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

// The media types of the answers (媒体类型), without parameters.
const (
	// MediaJSON is the media type of a JSON answer (JSON 应答).
	MediaJSON = "application/json"
	// MediaProblem is the media type of a problem document (问题详情,
	// RFC 9457).
	MediaProblem = "application/problem+json"
)

// A Problem is an RFC 9457 problem details document (问题详情), the body
// of every error answer of the example servers: the members of RFC 9457,
// and two extension members, the stable dotted issue code that says what
// went wrong, for programs, and its params, such as the limit a request
// went past. A server that adds a member embeds a Problem in a struct of
// its own; encoding/json writes the embedded members first.
type Problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail"`
	Instance string         `json:"instance,omitempty"`
	Code     string         `json:"code"`
	Params   map[string]any `json:"params,omitempty"`
}

// Language returns the language of the answers to r (应答语言): of the
// languages of the messages, zh-Hans, zh-Hant and en, the one that best
// serves its Accept-Language, zh-Hans when it has none.
func Language(r *http.Request) language.Tag {
	return healthedu.MatchLanguage(r.Header.Get("Accept-Language"))
}

// Marshal encodes v as JSON (JSON 编码) followed by a newline, without
// escaping <, > and &, which the answers hold in text and never in HTML.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Write writes body as the answer (写出应答) with status: Content-Type
// contentType, as given (with its parameters, if any), Content-Language
// lang, Content-Length, and X-Content-Type-Options: nosniff. Headers set
// on w before, such as Cache-Control, are kept.
func Write(w http.ResponseWriter, status int, contentType string, lang language.Tag, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Language", lang.String())
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(body)
}

// Allow returns the value of the Allow header (允许的方法) of a path served
// for methods: the methods in the order given, separated by ", ", with
// HEAD after them when GET is one, since a GET handler of net/http also
// answers HEAD.
func Allow(methods ...string) string {
	allow := strings.Join(methods, ", ")
	if slices.Contains(methods, http.MethodGet) && !slices.Contains(methods, http.MethodHead) {
		allow += ", HEAD"
	}
	return allow
}

// A StatusWriter is an http.ResponseWriter that remembers the status of
// the answer (应答状态) and the bytes of its body, for the request log. It
// unwraps, so that http.ResponseController reaches the writer beneath it
// (to flush an event stream, to set a read deadline).
type StatusWriter struct {
	http.ResponseWriter
	// Status is the status written: 0 until a handler writes the header or
	// the body, 200 when it writes the body first.
	Status int
	// Bytes counts the bytes of the body written.
	Bytes int64
}

// WriteHeader writes the header with status and remembers the first
// status written.
func (w *StatusWriter) WriteHeader(status int) {
	if w.Status == 0 {
		w.Status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

// Write writes b to the body, counting its bytes; a body written without a
// header has status 200.
func (w *StatusWriter) Write(b []byte) (int, error) {
	if w.Status == 0 {
		w.Status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.Bytes += int64(n)
	return n, err
}

// Unwrap returns the writer beneath w, for http.ResponseController.
func (w *StatusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
