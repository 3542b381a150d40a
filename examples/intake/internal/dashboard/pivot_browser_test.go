package dashboard

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
)

// TestPivotInBrowser drives Chromium over the pivot table on the fake API,
// in Simplified Chinese and in English, at desktop and phone widths, and
// saves their screenshots (see dashboardtest.ScreenshotPath).
func TestPivotInBrowser(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	for _, lang := range []string{"zh-Hans", "en"} {
		t.Run(lang, func(t *testing.T) {
			dashboardtest.CheckPivot(t, srv.URL, dashboardtest.PivotOptions{
				Token: testToken, Division: "3715", Period: "2025Q3", Lang: lang,
				Screenshot:      dashboardtest.ScreenshotPath(t, "pivot-"+lang+".png"),
				PhoneScreenshot: dashboardtest.ScreenshotPath(t, "pivot-phone-"+lang+".png"),
				Timeout:         60 * time.Second,
			})
		})
	}
}
