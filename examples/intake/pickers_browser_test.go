package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestPickersInBrowser drives, on the real server started with -demo, the
// pickers of every page of its dashboard that shows figures — the start
// page, the pivot, the trend and the map — in Chromium, at desktop and
// phone widths: a division found by its name (of a county, of a township)
// or by its code, followed from the list of results to the same page,
// then a period of another year than the demo's — a quarter, a half-year,
// a year — chosen in the period picker; each time the URL carries the
// choice and the page shows the figures the server's API gives. It saves
// screenshots named pickers-PAGE-WIDTH-demo.png (see
// dashboardtest.ScreenshotPath).
func TestPickersInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	const indicator = "indicator=child-health-management-rate"
	for _, tc := range []struct {
		name, page, query, lang string
		phone                   bool
		search, division        string
		period                  string
		synthetic               bool
	}{
		{"index-desktop", "index", "", "zh-Hans", false, "东昌府", "371502", "2025Q4", false},
		{"index-phone", "index", "", "zh-Hans", true, "古楼", "371502001", "2025", false},
		{"pivot-desktop", "pivot", "", "zh-Hans", false, "371524", "371524", "2025S2", false},
		{"pivot-phone", "pivot", "", "en", true, "东昌府", "371502", "2025Q4", false},
		{"trend-desktop", "trend", indicator, "zh-Hans", false, "东阿", "371524", "2025", false},
		{"trend-phone", "trend", indicator, "zh-Hant", true, "东昌府", "371502", "2025", false},
		{"map-desktop", "map", indicator, "zh-Hans", false, "东昌府", "371502", "2025", true},
		{"map-phone", "map", indicator, "en", true, "371524", "371524", "2025S2", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dashboardtest.CheckPickers(t, base, dashboardtest.PickerOptions{
				Page: tc.page, Query: tc.query, Lang: tc.lang, Phone: tc.phone,
				Search: tc.search, Division: tc.division, Period: tc.period, Synthetic: tc.synthetic,
				Screenshot: dashboardtest.ScreenshotPath(t, "pickers-"+tc.name+"-demo.png"),
				Timeout:    2 * time.Minute,
			})
		})
	}
}

// TestTrendInBrowserDemo drives, on the real server started with -demo,
// the way to a trend in Chromium at desktop and phone widths: from the
// start page a division found by name, a period picked, an indicator's
// trend opened, by month and by quarter, each value compared with the
// server's API; the months not yet due come last, said in words. It
// saves screenshots (see dashboardtest.ScreenshotPath).
func TestTrendInBrowserDemo(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	quarter, _ := demoEnd(time.Now()).Parent(healthedu.PeriodQuarter)
	for _, tc := range []struct {
		name  string
		phone bool
		lang  string
	}{{"desktop", false, "zh-Hans"}, {"phone", true, "en"}} {
		t.Run(tc.name, func(t *testing.T) {
			dashboardtest.CheckTrend(t, base, dashboardtest.TrendOptions{
				Lang:        tc.lang,
				Phone:       tc.phone,
				Search:      "东昌府",
				Division:    "371502",
				Period:      quarter.String(),
				Indicator:   "child-health-management-rate",
				Screenshot:  dashboardtest.ScreenshotPath(t, "trend-"+tc.name+"-demo.png"),
				QuarterShot: dashboardtest.ScreenshotPath(t, "trend-quarters-"+tc.name+"-demo.png"),
				SearchShot:  dashboardtest.ScreenshotPath(t, "search-"+tc.name+"-demo.png"),
				Timeout:     2 * time.Minute,
			})
		})
	}
}

// TestPivotInBrowserDemo drives, on the real server started with -demo,
// the pivot table of 聊城 over a past quarter in Chromium: every cell compared
// with the server's API as the axes are swapped and the rows sorted, at
// desktop and phone widths, and the CSV and XLSX exports (the XLSX opened
// with excelize) holding the API's figures. It saves screenshots (see
// dashboardtest.ScreenshotPath).
func TestPivotInBrowserDemo(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	// A quarter whose months are all due: the one before the last due
	// month's.
	quarter, _ := lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).Add(-3).Parent(healthedu.PeriodQuarter)
	for _, lang := range []string{"zh-Hans", "en"} {
		t.Run(lang, func(t *testing.T) {
			dashboardtest.CheckPivot(t, base, dashboardtest.PivotOptions{
				Division: "3715", Period: quarter.String(), Lang: lang,
				Screenshot:      dashboardtest.ScreenshotPath(t, "pivot-"+lang+"-demo.png"),
				PhoneScreenshot: dashboardtest.ScreenshotPath(t, "pivot-phone-"+lang+"-demo.png"),
				Timeout:         3 * time.Minute,
			})
		})
	}
}
