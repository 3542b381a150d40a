package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/indicators"
)

// TestDashboardInBrowser starts the real server with -demo, as the README's
// first command does, and drives its dashboard in Chromium: the page must
// show the numbers the server's own API returns, after switching division
// and language; the province, of which the demo holds one city, shows the
// coverage of each figure; the compliance panel and page show the
// compliance the API gives; and the notification of a month not yet due
// says so. It saves screenshots for a reviewer (see dashboardtest.ScreenshotPath).
func TestDashboardInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	dashboardtest.BrowserCheck(t, base, dashboardtest.Options{
		Screenshot:       dashboardtest.ScreenshotPath(t, "dashboard-demo.png"),
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report-demo.png"),
		Timeout:          90 * time.Second,
	})

	// 山东省, of which the demo holds 聊城 alone: every figure comes with
	// its coverage, and the cities without data say so rather than 0.
	dashboardtest.CheckIndex(t, base, "division=37&indicator=child-health-management-rate&lang=zh-Hans", dashboardtest.Options{
		Screenshot: dashboardtest.ScreenshotPath(t, "province-demo.png"),
		Timeout:    90 * time.Second,
	})
	// The compliance of 聊城's institutions with the national norm this
	// year, as of now: the panel and the page, at desktop width.
	dashboardtest.CheckCompliance(t, base, "division=3715&lang=zh-Hans", dashboardtest.ComplianceOptions{
		PanelScreenshot: dashboardtest.ScreenshotPath(t, "compliance-panel-demo.png"),
		PageScreenshot:  dashboardtest.ScreenshotPath(t, "compliance-demo.png"),
		PrintScreenshot: dashboardtest.ScreenshotPath(t, "compliance-print-demo.png"),
		Timeout:         90 * time.Second,
	})
	dashboardtest.CheckCompliance(t, base, "division=371502&lang=en", dashboardtest.ComplianceOptions{
		PageScreenshot: dashboardtest.ScreenshotPath(t, "compliance-county-demo.png"),
		Timeout:        90 * time.Second,
	})
	// The first month whose deadline has not passed: the notification says
	// so and lists nobody as not reported.
	notDue := lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).Next()
	dashboardtest.CheckReport(t, base, "division=3715&lang=zh-Hans&period="+notDue.String(), dashboardtest.Options{
		ReportScreenshot: dashboardtest.ScreenshotPath(t, "report-not-due-demo.png"),
		Timeout:          90 * time.Second,
	})
}
