package dashboard

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
)

// TestLedgerInBrowser drives Chromium over the ledger's panel, page and
// the notification's proposals on the fake API, in Traditional Chinese.
func TestLedgerInBrowser(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	dashboardtest.CheckLedger(t, srv.URL, dashboardtest.LedgerOptions{
		Token: testToken, Under: "3715", Lang: "zh-Hant", Month: "202510",
		LedgerScreenshot: dashboardtest.ScreenshotPath(t, "ledger.png"),
		Timeout:          30 * time.Second,
	})
}
