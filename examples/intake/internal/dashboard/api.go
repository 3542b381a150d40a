package dashboard

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
)

// apiMaxBody bounds the size of one answer of the API that the dashboard
// reads into memory.
const apiMaxBody = 8 << 20

// An apiClient calls the platform's JSON API (see the intake's
// openapi.json) in process: it builds an ordinary request (a GET for the
// pages, a POST for a step of approval), serves it with the API's handler into an apiResponse and decodes the JSON into the
// API's own types, those of package wire (and of package reports for the
// compliance answer, the document the command line writes too). It depends
// on nothing but that contract.
type apiClient struct {
	api   http.Handler
	token string
}

// get requests path with query q from the API on behalf of the page request
// r, in language lang, with the dashboard's own token, and decodes a 200
// answer's JSON into v. Any other answer becomes an *apiError.
func (c *apiClient) get(ctx context.Context, r *http.Request, lang uiLang, path string, q url.Values, v any) error {
	target := path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return c.do(ctx, r, lang, http.MethodGet, target, nil, c.token, v)
}

// post sends body, encoded as JSON, to path on behalf of the page request
// r, in language lang, with the bearer token given (never the dashboard's
// own: a write acts for whoever holds token; empty sends none), and decodes
// a 200 answer's JSON into v. Any other answer becomes an *apiError.
func (c *apiClient) post(ctx context.Context, r *http.Request, lang uiLang, path string, body any, token string, v any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return &apiError{Method: http.MethodPost, Path: path, Status: http.StatusBadGateway, Err: err}
	}
	return c.do(ctx, r, lang, http.MethodPost, path, b, token, v)
}

// do serves one request to the API in process: method on target (path and
// query), with body as JSON when not nil and token as bearer when not empty.
func (c *apiClient) do(ctx context.Context, r *http.Request, lang uiLang, method, target string, body []byte, token string, v any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return &apiError{Method: method, Path: target, Status: http.StatusBadGateway, Err: err}
	}
	req.RequestURI = target
	req.Host = r.Host
	req.RemoteAddr = r.RemoteAddr
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Language", lang.Tag().String())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}

	w := &apiResponse{header: make(http.Header)}
	c.api.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	if w.overflow {
		return &apiError{Method: method, Path: target, Status: http.StatusBadGateway, Err: fmt.Errorf("answer larger than %d bytes", apiMaxBody)}
	}
	if w.status != http.StatusOK {
		e := &apiError{Method: method, Path: target, Status: w.status, Lang: w.header.Get("Content-Language")}
		var p httpapi.Problem
		if mt, _, _ := mime.ParseMediaType(w.header.Get("Content-Type")); (mt == httpapi.MediaProblem || mt == httpapi.MediaJSON) &&
			json.Unmarshal(w.body.Bytes(), &p) == nil {
			e.Problem = &p
		}
		return e
	}
	if err := json.Unmarshal(w.body.Bytes(), v); err != nil {
		return &apiError{Method: method, Path: target, Status: http.StatusBadGateway, Err: fmt.Errorf("decoding the answer: %w", err)}
	}
	return nil
}

// apiResponse is the http.ResponseWriter into which the API writes an answer
// served in process. It keeps at most apiMaxBody bytes.
type apiResponse struct {
	header   http.Header
	status   int
	body     bytes.Buffer
	overflow bool
}

func (w *apiResponse) Header() http.Header { return w.header }

func (w *apiResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *apiResponse) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	if w.body.Len()+len(p) > apiMaxBody {
		w.overflow = true
		return 0, errors.New("dashboard: API answer too large")
	}
	return w.body.Write(p)
}

// An apiError is an answer of the API other than 200, or one the dashboard
// could not read.
type apiError struct {
	Method  string           // GET or POST; "" is GET
	Path    string           // the request, path and query
	Status  int              // the API's status, or 502 when the answer was unreadable
	Problem *httpapi.Problem // the problem document, when the API sent one
	Lang    string           // the language of the problem, its Content-Language; "" when not said
	Err     error            // why the answer was unreadable, if it was
}

func (e *apiError) Error() string {
	s := "dashboard: " + cmp.Or(e.Method, http.MethodGet) + " " + e.Path + ": " + strconv.Itoa(e.Status)
	if e.Problem != nil && e.Problem.Code != "" {
		s += " " + e.Problem.Code
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *apiError) Unwrap() error { return e.Err }

// monthlyTotal returns the line of the notification m for its division
// under itself, all of its divisions together: the API's figures for it.
func monthlyTotal(m *wire.Monthly) wire.MonthlyDivision {
	return wire.MonthlyDivision{
		Division: m.Under.Code, Name: m.Under.Name, Reporters: m.Reporters,
		Expected: m.Expected, Received: m.Received, OnTime: m.OnTime,
		Completeness: m.Completeness, Timeliness: m.Timeliness,
	}
}

// textOf returns the text s points to, "" for a member the API sent as
// null: a value or a target that is not there.
func textOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
