package main

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/indicators"
)

// TestProvinceCoverageInBrowser opens, on the real server started with
// -demo, the view of 山东省, of whose sixteen cities the demo holds 聊城
// alone, and checks in Chromium that it says so (覆盖情况如实): every
// figure covers part of the province's townships and is marked partial —
// counts of records as much as rates of reports —, one made of no
// reporter (a city's own instructors) says it is the city's own level's,
// and in the charts of a rate and of a count each city
// but 聊城 shows no data in words, not 0. Completeness and timeliness,
// made of the reports received, are 0% where none was: a figure.
func TestProvinceCoverageInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, _ := sharedDemoServer(t)
	dashboardtest.CheckCoverage(t, base, dashboardtest.CoverageOptions{
		Division: demoAdminDivision.Short(), Holding: []string{demoDivision.Short()},
		Period:     lastDueMonth(time.Now(), indicators.DefaultDeadlineDay).String(),
		OfReceipts: []string{"report-completeness", "report-timeliness"},
		OwnLevel:   "本级数据",
		Charted:    []string{"child-health-management-rate", "activities-held"},
		Screenshot: dashboardtest.ScreenshotPath(t, "province-coverage-demo.png"),
		Timeout:    2 * time.Minute,
	})
}
