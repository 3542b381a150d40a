package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/indicators"
)

// TestMapInBrowserDemo drives, on the real server started with -demo, the
// map of its dashboard in Chromium: 聊城's counties and 东昌府区's
// townships drawn from the demo's synthetic boundaries, which the page
// says are made up, and the townships of 东阿县, which have none, as a
// tile grid; each compared with the server's own API at desktop and phone
// widths. It saves screenshots (see dashboardtest.ScreenshotPath).
func TestMapInBrowserDemo(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
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
