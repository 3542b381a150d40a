package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/indicators"
)

// TestLedgerInBrowser starts the real server with -demo and drives the
// rectification ledger in Chromium at desktop width: the start page's
// panel of 聊城, the ledger page it links to and the proposals that end
// the notification of the last month due (聊城's, and the province's,
// which lists only some) must show what the server's API returns. It
// saves screenshots for a reviewer (see dashboardtest.ScreenshotPath).
func TestLedgerInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	dashboardtest.CheckLedger(t, base, dashboardtest.LedgerOptions{
		Under:            "3715",
		Month:            lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).String(),
		PanelScreenshot:  dashboardtest.ScreenshotPath(t, "ledger-panel-demo.png"),
		LedgerScreenshot: dashboardtest.ScreenshotPath(t, "ledger-demo.png"),
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report-proposed-demo.png"),
		Timeout:          90 * time.Second,
	})
	// The province's notification, in Traditional Chinese, proposes more
	// items than it lists: it counts them, by city and kind, and lists
	// some of them.
	dashboardtest.CheckLedger(t, base, dashboardtest.LedgerOptions{
		Under: "37", Lang: "zh-Hant", Month: lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).String(),
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report-proposed-province-demo.png"),
		Timeout:          90 * time.Second,
	})
	// In English, for a county, as a county's staff would read it.
	dashboardtest.CheckLedger(t, base, dashboardtest.LedgerOptions{
		Under: "371522", Lang: "en", Timeout: 90 * time.Second,
		LedgerScreenshot: dashboardtest.ScreenshotPath(t, "ledger-county-en-demo.png"),
	})
}
