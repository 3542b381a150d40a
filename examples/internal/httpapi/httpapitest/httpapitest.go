// Package httpapitest holds what the tests of the example servers share
// (测试工具): a buffer that collects a server's log lines while its
// handlers write them concurrently, a clock the test sets, and a request
// sent with a bearer token whose whole answer is read.
package httpapitest

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// A Buffer collects what a server logs (日志缓冲): a bytes.Buffer safe for
// concurrent writes. The zero Buffer is empty and ready to use.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p to the buffer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns what was written.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Take returns what was written and empties the buffer.
func (b *Buffer) Take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.b.String()
	b.b.Reset()
	return s
}

// A Clock is the clock a test gives a server (测试时钟): it stands still
// until the test sets it. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a test clock (测试时钟) at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time: a server's "now".
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Do sends a request (发送请求) with client to url, with the bearer token
// when it is not "", the body (nil for none) and the headers given as
// name, value pairs (a later pair of the same name wins), and returns the
// response and its whole body, which it has read and closed. It fails t
// when the request cannot be made or the answer cannot be read.
func Do(t testing.TB, client *http.Client, method, url, token string, body io.Reader, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}
