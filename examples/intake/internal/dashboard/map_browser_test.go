package dashboard

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
)

// TestMapInBrowser drives Chromium over the map on the fake API: drawn
// from boundaries in Simplified Chinese, and as a tile grid in English,
// at desktop and phone widths, and saves their screenshots (see
// dashboardtest.ScreenshotPath).
func TestMapInBrowser(t *testing.T) {
	for _, tc := range []struct {
		name, lang, division, indicator, kind string
		none                                  bool
	}{
		{"boundaries", "zh-Hans", "3715", "child-health-management-rate", "boundaries", false},
		{"tiles", "en", "371502", "literacy-level", "tiles", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := &boundaryAPI{fakeAPI: &fakeAPI{token: testToken}, none: tc.none}
			srv := newTestServer(t, api, api)
			dashboardtest.CheckMap(t, srv.URL, dashboardtest.MapOptions{
				Token: testToken, Division: tc.division, Period: "202510", Indicator: tc.indicator, Lang: tc.lang,
				Kind: tc.kind, Synthetic: !tc.none,
				Screenshot:      dashboardtest.ScreenshotPath(t, "map-"+tc.name+"-"+tc.lang+".png"),
				PhoneScreenshot: dashboardtest.ScreenshotPath(t, "map-phone-"+tc.name+"-"+tc.lang+".png"),
				Timeout:         60 * time.Second,
			})
		})
	}
}
