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

// TestMapInBrowserDemo starts the real server with -demo and drives the
// map of its dashboard in Chromium: 聊城's counties and 东昌府区's
// townships drawn from the demo's synthetic boundaries, which the page
// says are made up, and the townships of 东阿县, which have none, as a
// tile grid; each compared with the server's own API at desktop and phone
// widths. It saves screenshots (see dashboardtest.ScreenshotPath).
func TestMapInBrowserDemo(t *testing.T) {
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
	base := "http://" + addr
	period := lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).String()
	for _, tc := range []struct {
		name, division, lang, kind string
	}{
		{"counties", "3715", "zh-Hans", "boundaries"},
		{"townships", "371502", "en", "boundaries"},
		{"tiles", "371524", "zh-Hant", "tiles"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dashboardtest.CheckMap(t, base, dashboardtest.MapOptions{
				Division: tc.division, Period: period, Indicator: "child-health-management-rate", Lang: tc.lang,
				Kind: tc.kind, Synthetic: tc.kind == "boundaries",
				Screenshot:      dashboardtest.ScreenshotPath(t, "map-"+tc.name+"-demo.png"),
				PhoneScreenshot: dashboardtest.ScreenshotPath(t, "map-phone-"+tc.name+"-demo.png"),
				Timeout:         90 * time.Second,
			})
		})
	}
}
