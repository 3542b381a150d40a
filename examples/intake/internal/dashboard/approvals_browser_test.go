package dashboard

import (
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/healthedu"
)

// TestApprovalsInBrowser drives Chromium over the approval page of 高唐县
// for October 2025 on the fake API: a return without a reason, refused;
// the return with its reason; the township's new submission and the
// county's approval; the city's acceptance of another township; and a
// step at the wrong level, refused. It saves screenshots at desktop and
// phone width (see dashboardtest.ScreenshotPath).
func TestApprovalsInBrowser(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	county := healthedu.MustParseDivisionCode("371526")
	city := healthedu.MustParseDivisionCode("3715")
	submitted := healthedu.MustParseDivisionCode("371526002") // 汇鑫街道, submitted (the fake's seed 1)
	approved := healthedu.MustParseDivisionCode("371526003")  // approved (seed 2)
	dashboardtest.CheckApprovals(t, srv.URL, dashboardtest.ApprovalOptions{
		Token: testToken, Division: "371526", Period: "202510", Lang: "zh-Hans",
		Steps: []dashboardtest.ApprovalStep{
			{Division: submitted.String(), Action: "return", Token: fakeActorToken(county), Refused: "approval.reasonRequired"},
			{Division: submitted.String(), Action: "return", Reason: "讲座记录缺少签到表", Token: fakeActorToken(county)},
			{Division: submitted.String(), Action: "submit", Reason: "已补签到表", Token: fakeActorToken(submitted)},
			{Division: approved.String(), Action: "accept", Token: fakeActorToken(city)},
			{Division: submitted.String(), Action: "approve", Token: fakeActorToken(city), Refused: "approval.approver"},
			{Division: submitted.String(), Action: "approve", Reason: "同意", Token: fakeActorToken(county)},
		},
		Screenshot:        dashboardtest.ScreenshotPath(t, "approvals.png"),
		PhoneScreenshot:   dashboardtest.ScreenshotPath(t, "approvals-phone.png"),
		RefusalScreenshot: dashboardtest.ScreenshotPath(t, "approvals-refused-phone.png"),
		Timeout:           60 * time.Second,
	})
}

// TestApprovalsInBrowserEnglish checks the page in English, on a fresh
// fake, without steps, and saves its screenshot at desktop width.
func TestApprovalsInBrowserEnglish(t *testing.T) {
	api := &fakeAPI{token: testToken}
	srv := newTestServer(t, api, api)
	dashboardtest.CheckApprovals(t, srv.URL, dashboardtest.ApprovalOptions{
		Token: testToken, Division: "371526", Period: "202510", Lang: "en",
		Screenshot: dashboardtest.ScreenshotPath(t, "approvals-en.png"),
		Timeout:    60 * time.Second,
	})
}
