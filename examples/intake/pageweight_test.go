package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptrace"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
)

// maxPageBytes is the most a page of the dashboard may weigh, on the wire
// and as HTML (a reader may fetch it without gzip), without images (it has
// none: its charts are inline SVG).
const maxPageBytes = 300 << 10

// weighedPages are the pages whose weight and time to first byte are
// measured: those a reader reaches (dashboardPages), and the other views
// that weigh most on the demo's data — the map, the trend by quarter, the
// province's compliance, notification (in English too, whose words are
// longer), approval, weekly dispatch (in English too) and pivot, and the
// pivot by period. The province's notification counts the items it
// proposes by city and kind, and lists 100 of them; its approval counts
// the townships of each city by state, and lists none; its weekly
// dispatch counts the reports overdue by city (some 20,000 over the
// year), and lists none.
var weighedPages = append(slices.Clip(dashboardPages), []dashboardtest.Page{
	{Name: "map", Path: "/map"},
	{Name: "map-county", Path: "/map?division=371502"},
	{Name: "trend-quarter", Path: "/trend?by=quarter"},
	{Name: "trend-county", Path: "/trend?division=371502&indicator=report-completeness"},
	{Name: "compliance-37", Path: "/compliance?division=37"},
	{Name: "report-37", Path: "/report?division=37"},
	{Name: "report-37-en", Path: "/report?division=37&lang=en"},
	{Name: "approvals-37", Path: "/approvals?division=37"},
	{Name: "weekly-37", Path: "/weekly?division=37"},
	{Name: "weekly-37-en", Path: "/weekly?division=37&lang=en"},
	{Name: "pivot-37", Path: "/pivot?division=37"},
	{Name: "pivot-periods", Path: "/pivot?rows=period&cols=division"},
}...)

// pageWeight fetches url as a browser would, accepting gzip, and returns
// the bytes on the wire, the bytes of the HTML and the time to the first
// byte of the answer.
func pageWeight(tb testing.TB, client *http.Client, url string) (wire, html int, ttfb time.Duration) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	var start, first time.Time
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteRequest:         func(httptrace.WroteRequestInfo) { start = time.Now() },
		GotFirstResponseByte: func() { first = time.Now() },
	}))
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	body := raw
	if resp.Header.Get("Content-Encoding") == "gzip" {
		z, err := gzip.NewReader(strings.NewReader(string(raw)))
		if err != nil {
			tb.Fatalf("GET %s: %v", url, err)
		}
		if body, err = io.ReadAll(z); err != nil {
			tb.Fatalf("GET %s: %v", url, err)
		}
	}
	if !strings.Contains(string(body), "</html>") {
		tb.Fatalf("GET %s: not a whole page (%d bytes)", url, len(body))
	}
	return len(raw), len(body), first.Sub(start)
}

// rawClient returns a client that leaves the answer's encoding to the
// caller, so that the bytes on the wire can be counted.
func rawClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}}
}

// TestPageWeight loads every page of the dashboard on the demo's data, as
// a browser would: each weighs under 300 KB on the wire and as HTML, and
// answers gzip-compressed.
func TestPageWeight(t *testing.T) {
	base, _ := sharedDemoServer(t)
	client := rawClient()
	for _, p := range weighedPages {
		wire, html, ttfb := pageWeight(t, client, base+p.Path)
		t.Logf("%-15s %7d bytes on the wire, %7d of HTML, first byte after %v", p.Name, wire, html, ttfb.Round(time.Millisecond))
		if wire >= maxPageBytes {
			t.Errorf("%s (%s) weighs %d bytes on the wire, more than %d", p.Name, p.Path, wire, maxPageBytes)
		}
		if html >= maxPageBytes {
			t.Errorf("%s (%s) is %d bytes of HTML, more than %d", p.Name, p.Path, html, maxPageBytes)
		}
		if wire >= html {
			t.Errorf("%s (%s): %d bytes on the wire for %d of HTML: not compressed", p.Name, p.Path, wire, html)
		}
	}
}

// BenchmarkDashboardPages loads each page of the dashboard on the demo's
// data and reports its weight on the wire (wire-bytes) and as HTML
// (html-bytes), and the time to its first byte: cold-ttfb-ms for its first
// load on a server just started on the demo's database, whose figures
// nothing has computed yet (as after a submission changes the records),
// and ttfb-ms for the loads after it, the mean of the benchmark's
// iterations. The city view is "index" (聊城市 over the last month due).
//
//	go test -run '^$' -bench DashboardPages -benchtime 10x ./intake
func BenchmarkDashboardPages(b *testing.B) {
	seeded := runDemoServer(b, "") // seeds the demo's data into a database of its own
	for _, p := range weighedPages {
		b.Run(p.Name, func(b *testing.B) {
			// A server of its own on the same database: cold.
			d := runDemoServer(b, seeded.db)
			client := rawClient()
			_, _, cold := pageWeight(b, client, d.base+p.Path)
			var wire, html int
			var ttfb time.Duration
			n := 0
			for b.Loop() {
				w, h, t := pageWeight(b, client, d.base+p.Path)
				wire, html, ttfb = w, h, ttfb+t
				n++
			}
			b.ReportMetric(float64(wire), "wire-bytes")
			b.ReportMetric(float64(html), "html-bytes")
			b.ReportMetric(float64(cold.Microseconds())/1000, "cold-ttfb-ms")
			b.ReportMetric(float64(ttfb.Microseconds())/1000/float64(n), "ttfb-ms")
		})
	}
}

func TestAcceptsGzip(t *testing.T) {
	got := map[string]bool{}
	for _, h := range []string{"", "gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "deflate", "gzip;q=0", "gzip; q=0.000", "x-gzip"} {
		got[h] = acceptsGzip(h)
	}
	want := map[string]bool{"": false, "gzip": true, "gzip, deflate, br": true, "br;q=1.0, GZIP;q=0.5": true, "deflate": false,
		"gzip;q=0": false, "gzip; q=0.000": false, "x-gzip": false}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("acceptsGzip (-want +got):\n%s", diff)
	}
}
