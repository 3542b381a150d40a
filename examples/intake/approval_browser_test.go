package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/indicators"
)

// demoTokenLine matches a token line that -demo prints: its role, its
// division's code and the token.
var demoTokenLine = regexp.MustCompile(`(?m)^\s+(\w+)\s+(\d{12})\s.*Authorization: Bearer (\S+)$`)

// TestApprovalInBrowser takes steps of approval from the dashboard of the
// demonstration, in Chromium, with the tokens it prints, as 东昌府区's and
// 聊城市's staff would: the page must show what GET /v1/approvals returns
// before and after each step, the steps the rules allow must be taken
// and the others refused with the API's code. It saves screenshots for a
// reviewer (see dashboardtest.ScreenshotPath).
func TestApprovalInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	base, printed := sharedDemoServer(t)
	tokens := make(map[string]string) // by role and division
	for _, m := range demoTokenLine.FindAllStringSubmatch(printed, -1) {
		tokens[m[1]+" "+m[2]] = m[3]
	}
	township := tokens["submitter "+demoTownship.String()]
	county := tokens["approver "+demoApprovalCounty.String()]
	city := tokens["approver "+demoApprovalCity.String()]
	if township == "" || county == "" || city == "" {
		t.Fatalf("the demo prints no token of 古楼街道, 东昌府区 or 聊城市:\n%s", printed)
	}

	// The townships of 东昌府区 in each state, as the demo seeded them.
	month := lastDueMonth(time.Now(), indicators.DefaultDeadlineDay)
	byState := make(map[approval.State][]string)
	for _, a := range getApprovals(t, base, demoApprovalCounty.Short(), month.String()).Approvals {
		byState[a.State] = append(byState[a.State], a.Division.String())
	}
	gulou := demoTownship.String()
	if len(byState[approval.StateReturned]) == 0 || byState[approval.StateReturned][0] != gulou || len(byState[approval.StateSubmitted]) == 0 {
		t.Fatalf("the demo's approvals of %s: %v", month, byState)
	}
	submitted := byState[approval.StateSubmitted][0]
	dashboardtest.CheckApprovals(t, base, dashboardtest.ApprovalOptions{
		Division: demoApprovalCounty.Short(),
		Period:   month.String(),
		Steps: []dashboardtest.ApprovalStep{
			// 古楼街道, returned, submits again; 东昌府区 approves; 聊城市
			// accepts, once 东昌府区 has been told it may not.
			{Division: gulou, Action: "submit", Reason: "已核实更正", Token: township},
			{Division: gulou, Action: "approve", Token: township, Refused: "approval.approver"},
			{Division: gulou, Action: "approve", Reason: "数据完整", Token: county},
			{Division: gulou, Action: "accept", Token: county, Refused: "approval.accepter"},
			{Division: gulou, Action: "accept", Token: city},
			// A submitted month returned: not without a reason.
			{Division: submitted, Action: "return", Token: county, Refused: "approval.reasonRequired"},
			{Division: submitted, Action: "return", Reason: "讲座场次与活动记录不符，请核对", Token: county},
		},
		Screenshot:        dashboardtest.ScreenshotPath(t, "approvals-demo.png"),
		PhoneScreenshot:   dashboardtest.ScreenshotPath(t, "approvals-phone-demo.png"),
		RefusalScreenshot: dashboardtest.ScreenshotPath(t, "approvals-refused-demo.png"),
		Timeout:           120 * time.Second,
	})
}

// getApprovals returns GET /v1/approvals of the server at base, whose
// reads are open, failing t unless it answers 200.
func getApprovals(t *testing.T, base, under, period string) wire.Approvals {
	t.Helper()
	resp, err := http.Get(base + "/v1/approvals?under=" + under + "&period=" + period)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a wire.Approvals
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/approvals: %d %v", resp.StatusCode, err)
	}
	return a
}
