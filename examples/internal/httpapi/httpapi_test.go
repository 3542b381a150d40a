package httpapi

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
)

func TestMarshal(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"html characters as they are", map[string]string{"detail": "<a> & <b>"}, `{"detail":"<a> & <b>"}` + "\n"},
		{"Chinese as it is", []string{"区划 3715"}, `["区划 3715"]` + "\n"},
		{"a problem, its members in order",
			Problem{Type: "about:blank", Title: "请求有误", Status: 400, Detail: "缺少参数", Code: "x.y"},
			`{"type":"about:blank","title":"请求有误","status":400,"detail":"缺少参数","code":"x.y"}` + "\n"},
		{"a problem with an instance and params",
			Problem{Type: "t", Title: "T", Status: 413, Detail: "D", Instance: "/v1/x", Code: "c", Params: map[string]any{"limit": 10}},
			`{"type":"t","title":"T","status":413,"detail":"D","instance":"/v1/x","code":"c","params":{"limit":10}}` + "\n"},
		{"an embedded problem first, then the server's members",
			struct {
				Problem
				Summary *int `json:"summary,omitempty"`
			}{Problem{Type: "t", Title: "T", Status: 422, Detail: "D", Code: "c"}, new(3)},
			`{"type":"t","title":"T","status":422,"detail":"D","code":"c","summary":3}` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(b)); diff != "" {
				t.Errorf("Marshal (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Marshal(math.NaN()); err == nil {
		t.Error("Marshal(NaN) did not fail")
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		name        string
		before      http.Header // set on the writer before Write
		status      int
		contentType string
		lang        language.Tag
		body        string
		want        http.Header
	}{
		{
			name: "JSON", status: 200, contentType: "application/json; charset=utf-8", lang: healthedu.ZhHans, body: "{}\n",
			want: http.Header{
				"Content-Type":           {"application/json; charset=utf-8"},
				"Content-Language":       {"zh-Hans"},
				"Content-Length":         {"3"},
				"X-Content-Type-Options": {"nosniff"},
			},
		},
		{
			name: "a problem, its media type as given, a header of the caller kept", before: http.Header{"Cache-Control": {"no-store"}},
			status: 404, contentType: MediaProblem, lang: healthedu.English, body: `{"status":404}`,
			want: http.Header{
				"Cache-Control":          {"no-store"},
				"Content-Type":           {"application/problem+json"},
				"Content-Language":       {"en"},
				"Content-Length":         {"14"},
				"X-Content-Type-Options": {"nosniff"},
			},
		},
		{
			name: "an empty body", status: 204, contentType: MediaJSON, lang: healthedu.ZhHant,
			want: http.Header{
				"Content-Type":           {"application/json"},
				"Content-Language":       {"zh-Hant"},
				"Content-Length":         {"0"},
				"X-Content-Type-Options": {"nosniff"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			for k, v := range tc.before {
				w.Header()[k] = v
			}
			Write(w, tc.status, tc.contentType, tc.lang, []byte(tc.body))
			if w.Code != tc.status {
				t.Errorf("status %d, want %d", w.Code, tc.status)
			}
			if diff := cmp.Diff(tc.want, w.Header()); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if got := w.Body.String(); got != tc.body {
				t.Errorf("body %q, want %q", got, tc.body)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		accept string
		want   language.Tag
	}{
		{"", healthedu.ZhHans},
		{"zh-CN", healthedu.ZhHans},
		{"zh-TW", healthedu.ZhHant},
		{"zh-HK,en;q=0.5", healthedu.ZhHant},
		{"en-GB", healthedu.English},
		{"fr", healthedu.ZhHans}, // no language served: the default
		{"en;q=0.2, zh-Hant;q=0.9", healthedu.ZhHant},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.accept != "" {
			r.Header.Set("Accept-Language", tc.accept)
		}
		if got := Language(r); got != tc.want {
			t.Errorf("Accept-Language %q: %v, want %v", tc.accept, got, tc.want)
		}
	}
}

func TestAllow(t *testing.T) {
	tests := []struct {
		methods []string
		want    string
	}{
		{[]string{"POST"}, "POST"},
		{[]string{"GET"}, "GET, HEAD"},
		{[]string{"GET", "POST"}, "GET, POST, HEAD"},
		{[]string{"POST", "GET"}, "POST, GET, HEAD"},
		{[]string{"GET", "HEAD"}, "GET, HEAD"},
		{[]string{"PUT", "DELETE"}, "PUT, DELETE"},
	}
	for _, tc := range tests {
		if got := Allow(tc.methods...); got != tc.want {
			t.Errorf("Allow(%q) = %q, want %q", tc.methods, got, tc.want)
		}
	}
}

func TestStatusWriter(t *testing.T) {
	tests := []struct {
		name       string
		handler    http.HandlerFunc
		wantStatus int
		wantBytes  int64
		wantCode   int // of the writer beneath
	}{
		{"nothing written", func(w http.ResponseWriter, r *http.Request) {}, 0, 0, 200},
		{"a body without a header", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) }, 200, 5, 200},
		{"a header, then a body", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
			w.Write([]byte("abc"))
			w.Write([]byte("de"))
		}, http.StatusTeapot, 5, http.StatusTeapot},
		{"the first status counts", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNotFound)
			w.WriteHeader(http.StatusInternalServerError)
		}, http.StatusNotFound, 0, http.StatusNotFound},
		{"the writer beneath reached through Unwrap", func(w http.ResponseWriter, r *http.Request) {
			if err := http.NewResponseController(w).Flush(); err != nil {
				panic(err)
			}
		}, 0, 0, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			sw := &StatusWriter{ResponseWriter: rec}
			tc.handler(sw, httptest.NewRequest("GET", "/", nil))
			type result struct {
				Status int
				Bytes  int64
				Code   int
			}
			want := result{tc.wantStatus, tc.wantBytes, tc.wantCode}
			got := result{sw.Status, sw.Bytes, rec.Code}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// Flush reached the recorder.
	rec := httptest.NewRecorder()
	http.NewResponseController(&StatusWriter{ResponseWriter: rec}).Flush()
	if !rec.Flushed {
		t.Error("Flush did not reach the writer beneath")
	}
}

// TestProblemJSONMembers checks the members of a problem document as a
// client decodes it: RFC 9457's, code and params.
func TestProblemJSONMembers(t *testing.T) {
	b, err := Marshal(Problem{Type: "about:blank", Title: "T", Status: 403, Detail: "D", Instance: "/p", Code: "c.d", Params: map[string]any{"role": "reader"}})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"type": "about:blank", "title": "T", "status": 403.0, "detail": "D", "instance": "/p",
		"code": "c.d", "params": map[string]any{"role": "reader"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
