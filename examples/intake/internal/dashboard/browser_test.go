package dashboard

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/healthedu"
)

// newTestServer serves the dashboard over page at / and the API api at
// /v1/, as examples/intake mounts them, on 127.0.0.1.
func newTestServer(t *testing.T, page, api http.Handler) *httptest.Server {
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("/", Handler(page, Options{
		Default:       healthedu.MustParseDivisionCode("3715"),
		DefaultPeriod: healthedu.MustParsePeriod("202510"),
		Token:         testToken,
	}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowser drives Chromium over the dashboard and a fake API and saves
// screenshots for a reviewer (see dashboardtest.ScreenshotPath). It skips when there is no
// Chromium, unless JICENG_REQUIRE_INTEGRATION=1.
func TestBrowser(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	dashboardtest.BrowserCheck(t, srv.URL, dashboardtest.Options{
		Token:            testToken,
		Query:            "period=2025Q3",
		Screenshot:       dashboardtest.ScreenshotPath(t, "dashboard.png"),
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report.png"),
		Timeout:          30 * time.Second,
	})
}

// TestBrowserCheckCatchesADisagreement runs the check over a dashboard
// whose figures differ from those of the API it is checked against: the
// check must say so.
func TestBrowserCheckCatchesADisagreement(t *testing.T) {
	dashboardtest.Chromium(t) // skip here, in the test's goroutine
	srv := newTestServer(t, &fakeAPI{token: testToken}, &fakeAPI{token: testToken, salt: "other"})
	rec := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		dashboardtest.BrowserCheck(rec, srv.URL, dashboardtest.Options{Token: testToken, Timeout: 30 * time.Second})
	}()
	<-done
	all := strings.Join(rec.errors, "\n")
	for _, want := range []string{"table row", "bar", "report row"} {
		if !strings.Contains(all, "dashboardtest: "+want) {
			t.Errorf("the check did not report a wrong %s; it reported:\n%s", want, all)
		}
	}
}

// recordingTB records the failures of a check instead of failing the test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Error(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }

func (r *recordingTB) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recordingTB) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// TestBrowserCompliance drives Chromium over the compliance panel of the
// start page and the compliance page, at desktop width, over the fake API,
// and saves their screenshots (see dashboardtest.ScreenshotPath).
func TestBrowserCompliance(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	for _, lang := range []string{"zh-Hans", "en"} {
		t.Run(lang, func(t *testing.T) {
			dashboardtest.CheckCompliance(t, srv.URL, "division=3715&period=2025Q3&lang="+lang, dashboardtest.ComplianceOptions{
				Token:           testToken,
				PanelScreenshot: dashboardtest.ScreenshotPath(t, "compliance-panel-"+lang+".png"),
				PageScreenshot:  dashboardtest.ScreenshotPath(t, "compliance-"+lang+".png"),
				PrintScreenshot: dashboardtest.ScreenshotPath(t, "compliance-print-"+lang+".png"),
				Timeout:         30 * time.Second,
			})
		})
	}
}
