package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
)

// dashboardPages are the pages of the dashboard, as a reader of the demo
// reaches them: each page with its defaults, and the views of other levels
// (the province, a county, a township) and a search.
var dashboardPages = []dashboardtest.Page{
	{Name: "index", Path: "/"},
	{Name: "province", Path: "/?division=37"},
	{Name: "county", Path: "/?division=371502"},
	{Name: "township", Path: "/?division=371502001"},
	{Name: "report", Path: "/report"},
	{Name: "compliance", Path: "/compliance"},
	{Name: "rectifications", Path: "/rectifications"},
	{Name: "weekly", Path: "/weekly"},
	{Name: "approvals", Path: "/approvals"},
	{Name: "pivot", Path: "/pivot"},
	{Name: "trend", Path: "/trend"},
	{Name: "divisions", Path: "/divisions?q=%E4%B8%9C%E6%98%8C"}, // 东昌
}

// TestDashboardWidths loads, on the real server started with -demo, every
// page of its dashboard in Chromium at a phone's 375 CSS pixels and at a
// desktop's 1280: no page scrolls sideways (wide tables scroll in a box of
// their own), and on the phone every control a finger acts on is at least
// 44×44. The screenshots are named PAGE-WIDTH-demo.png (see
// dashboardtest.ScreenshotPath).
func TestDashboardWidths(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	dashboardtest.CheckWidths(t, base, dashboardPages, dashboardtest.WidthOptions{
		Screenshot: func(name string, w dashboardtest.Width) string {
			return dashboardtest.ScreenshotPath(t, "widths/"+name+"-"+w.Name+"-demo.png")
		},
		Timeout: 5 * time.Minute,
	})
}
