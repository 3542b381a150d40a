package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/indicators"
)

// TestLedgerInBrowser starts the real server with -demo and drives the
// rectification ledger in Chromium at desktop width: the start page's
// panel of 聊城, the ledger page it links to and the proposals that end
// the notification of the last month due must show what the server's API
// returns. It saves screenshots for a reviewer (see
// dashboardtest.ScreenshotPath).
func TestLedgerInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-demo", "-addr", "127.0.0.1:0",
			"-db", filepath.Join(t.TempDir(), "intake.db")}, io.Discard, io.Discard, ready)
	}()
	defer func() { cancel(); <-done }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("intake exited with status %d before it was ready", code)
	case <-time.After(120 * time.Second):
		t.Fatal("intake not ready after 120 s")
	}
	dashboardtest.CheckLedger(t, "http://"+addr, dashboardtest.LedgerOptions{
		Under:            "3715",
		Month:            lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).String(),
		PanelScreenshot:  dashboardtest.ScreenshotPath(t, "ledger-panel-demo.png"),
		LedgerScreenshot: dashboardtest.ScreenshotPath(t, "ledger-demo.png"),
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report-proposed-demo.png"),
		Timeout:          90 * time.Second,
	})
	// In English, for a county, as a county's staff would read it.
	dashboardtest.CheckLedger(t, "http://"+addr, dashboardtest.LedgerOptions{
		Under: "371522", Lang: "en", Timeout: 90 * time.Second,
		LedgerScreenshot: dashboardtest.ScreenshotPath(t, "ledger-county-en-demo.png"),
	})
}
