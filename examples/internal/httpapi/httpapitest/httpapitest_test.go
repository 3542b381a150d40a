package httpapitest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestBuffer(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() { fmt.Fprintf(&b, "line %02d\n", i) })
	}
	wg.Wait()
	s := b.String()
	if n := strings.Count(s, "\n"); n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
	for i := range 50 {
		if !strings.Contains(s, fmt.Sprintf("line %02d\n", i)) {
			t.Errorf("line %02d lost", i)
		}
	}
	if got := b.Take(); got != s {
		t.Errorf("Take = %q, want %q", got, s)
	}
	if got := b.String(); got != "" {
		t.Errorf("after Take: %q, want empty", got)
	}
	b.Write([]byte("again\n"))
	if got := b.Take(); got != "again\n" {
		t.Errorf("Take = %q, want %q", got, "again\n")
	}
}

func TestClock(t *testing.T) {
	t0 := time.Date(2025, 10, 17, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))
	c := NewClock(t0)
	steps := []struct {
		set  time.Duration // from t0; 0: do not set
		want time.Time
	}{
		{0, t0},
		{time.Hour, t0.Add(time.Hour)},
		{-24 * time.Hour, t0.Add(-24 * time.Hour)},
	}
	for _, st := range steps {
		if st.set != 0 {
			c.Set(t0.Add(st.set))
		}
		if got := c.Now(); !got.Equal(st.want) {
			t.Errorf("Now = %v, want %v", got, st.want)
		}
	}
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() { c.Set(t0.Add(time.Duration(i) * time.Minute)) })
		wg.Go(func() { c.Now() })
	}
	wg.Wait()
}

func TestDo(t *testing.T) {
	// The server echoes what it received.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Method", r.Method)
		fmt.Fprintf(w, "auth=%q type=%q lang=%q body=%q", r.Header.Get("Authorization"), r.Header.Get("Content-Type"),
			r.Header.Get("Accept-Language"), body)
	}))
	defer ts.Close()
	tests := []struct {
		name, method, token string
		body                io.Reader
		header              []string
		want                string
	}{
		{"no token, no body", "GET", "", nil, nil, `auth="" type="" lang="" body=""`},
		{"a token and a body", "POST", "admin-token-of-shandong-37", strings.NewReader("{}"), nil,
			`auth="Bearer admin-token-of-shandong-37" type="" lang="" body="{}"`},
		{"headers, the later of a name winning", "POST", "", strings.NewReader("x"),
			[]string{"Content-Type", "application/x-ndjson", "Accept-Language", "en", "Content-Type", "application/json"},
			`auth="" type="application/json" lang="en" body="x"`},
		{"a header without its value is left out", "GET", "", nil, []string{"Accept-Language"}, `auth="" type="" lang="" body=""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := Do(t, ts.Client(), tc.method, ts.URL+"/x", tc.token, tc.body, tc.header...)
			if diff := cmp.Diff(tc.want, string(b)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			if resp.StatusCode != 200 || resp.Header.Get("X-Method") != tc.method {
				t.Errorf("status %d, method %q", resp.StatusCode, resp.Header.Get("X-Method"))
			}
			if resp.Request == nil || resp.Request.Method != tc.method {
				t.Errorf("the response does not carry its request")
			}
		})
	}
}
