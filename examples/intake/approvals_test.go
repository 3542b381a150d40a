package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The approvers of the tests, added to the harness's tokens by
// withApprovers, and a county's submitter, who may not approve.
const (
	tokenApproverCounty = "approver-token-dongchangfu-02" // approver 371502 东昌府区
	tokenApproverCity   = "approver-token-liaocheng-3715" // approver 3715 聊城市
	tokenApproverDonge  = "approver-token-donge-371524xx" // approver 371524 东阿县
	tokenCountySubmit   = "submitter-token-dongchangfu-2" // submitter 371502 东昌府区
)

// withApprovers adds the approvers of the tests to h's tokens and returns h.
func withApprovers(h *harness) *harness {
	h.srv.tokens.add(tokenApproverCounty, code("371502"), roleApprover)
	h.srv.tokens.add(tokenApproverCity, code("3715"), roleApprover)
	h.srv.tokens.add(tokenApproverDonge, code("371524"), roleApprover)
	h.srv.tokens.add(tokenCountySubmit, code("371502"), roleSubmitter)
	return h
}

// tick moves the clock of h a second on.
func (h *harness) tick() {
	h.clock.Set(h.clock.Now().Add(time.Second))
}

// step posts a step of approval with token: the body, or the JSON of
// division, period, action and reason when body is "".
func (h *harness) step(token, division, period, action, reason string) answer {
	h.t.Helper()
	body := fmt.Sprintf(`{"division":%q,"period":%q,"action":%q`, division, period, action)
	if reason != "" {
		body += fmt.Sprintf(`,"reason":%q`, reason)
	}
	return h.request("POST", "/v1/approvals", token, []byte(body+"}"), "Content-Type", "application/json")
}

// approvals returns the answer of GET /v1/approvals under a division for a
// month, read with token, failing t unless it is 200.
func (h *harness) approvals(token, under, period string) wire.Approvals {
	h.t.Helper()
	ans := h.request("GET", "/v1/approvals?under="+under+"&period="+period, token, nil)
	if ans.status != http.StatusOK {
		h.t.Fatalf("GET /v1/approvals: %d %s", ans.status, ans.body)
	}
	var a wire.Approvals
	ans.json(h.t, &a)
	return a
}

// outcomeOf is what a test compares of an answer to a step: its status,
// the problem's code or the state after the step, and the length of the
// history.
type stepOutcome struct {
	Status  int
	Code    string // of a problem
	State   approval.State
	History int
	Stale   bool
}

func stepResult(t *testing.T, ans answer) stepOutcome {
	t.Helper()
	if ans.status != http.StatusOK {
		return stepOutcome{Status: ans.status, Code: ans.problemCode(t)}
	}
	var a wire.Approval
	ans.json(t, &a)
	return stepOutcome{Status: ans.status, State: a.State, History: len(a.History), Stale: a.Stale}
}

// TestApprovalSteps takes 古楼街道's month through every step, over HTTP,
// with a refusal of each kind at the point where it can happen: a role
// that takes no step, the wrong state, the wrong level, outside the tree,
// a return without a reason; and a body not given right.
func TestApprovalSteps(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := withApprovers(newHarness(t, open(t)))
		h.submitAt(tokenGulou, at(2025, 12, 5, 9), monthlyReportOf("371502001", "202511", at(2025, 12, 5, 9), "children-0-6", 100, "children-0-6-managed", 90))
		h.clock.Set(testNow)
		const gulou, month = "371502001", "202511"
		steps := []struct {
			name                  string
			token, action, reason string
			division              string // "" for 古楼街道
			want                  stepOutcome
		}{
			{"a reader takes no step", tokenReader, "submit", "", "", stepOutcome{Status: 403, Code: codeRole}},
			{"approve before submit", tokenApproverCounty, "approve", "", "", stepOutcome{Status: 409, Code: "approval.notSubmitted"}},
			{"the neighbour submits", tokenLiuyuan, "submit", "", "", stepOutcome{Status: 403, Code: "approval.outside"}},
			{"another county approves", tokenApproverDonge, "approve", "", "", stepOutcome{Status: 403, Code: "approval.outside"}},
			{"the county submits", tokenApproverCounty, "submit", "", "", stepOutcome{Status: 403, Code: "approval.submitter"}},
			{"the township submits", tokenGulou, "submit", "", "", stepOutcome{Status: 200, State: approval.StateSubmitted, History: 1}},
			{"submit twice", tokenGulou, "submit", "", "", stepOutcome{Status: 409, Code: "approval.alreadySubmitted"}},
			{"the township approves", tokenGulou, "approve", "", "", stepOutcome{Status: 403, Code: "approval.approver"}},
			{"the city approves", tokenApproverCity, "approve", "", "", stepOutcome{Status: 403, Code: "approval.approver"}},
			{"a county submitter approves", tokenCountySubmit, "approve", "", "", stepOutcome{Status: 403, Code: "approval.role"}},
			{"accept before approval", tokenApproverCity, "accept", "", "", stepOutcome{Status: 409, Code: "approval.alreadySubmitted"}},
			{"the county approves", tokenApproverCounty, "approve", "", "", stepOutcome{Status: 200, State: approval.StateApproved, History: 2}},
			{"approve twice", tokenApproverCounty, "approve", "", "", stepOutcome{Status: 409, Code: "approval.alreadyApproved"}},
			{"the county accepts", tokenApproverCounty, "accept", "", "", stepOutcome{Status: 403, Code: "approval.accepter"}},
			{"a return without a reason", tokenApproverCity, "return", "", "", stepOutcome{Status: 400, Code: "approval.reasonRequired"}},
			{"the city accepts", tokenApproverCity, "accept", "", "", stepOutcome{Status: 200, State: approval.StateAccepted, History: 3}},
			{"the county returns accepted data", tokenApproverCounty, "return", "数据有误", "", stepOutcome{Status: 403, Code: "approval.returner"}},
			{"the township submits accepted data", tokenGulou, "submit", "", "", stepOutcome{Status: 409, Code: "approval.alreadyAccepted"}},
			{"the city returns", tokenApproverCity, "return", "儿童管理数偏低，请核实", "", stepOutcome{Status: 200, State: approval.StateReturned, History: 4}},
			{"approve returned data", tokenApproverCounty, "approve", "", "", stepOutcome{Status: 409, Code: "approval.alreadyReturned"}},
			{"the township submits again", tokenGulou, "submit", "已核实", "", stepOutcome{Status: 200, State: approval.StateSubmitted, History: 5}},
			{"the county returns submitted data", tokenApproverCounty, "return", "请补充说明", "", stepOutcome{Status: 200, State: approval.StateReturned, History: 6}},
			{"an administrator submits for the township", tokenAdmin, "submit", "", "", stepOutcome{Status: 200, State: approval.StateSubmitted, History: 7}},
			{"a key above the reporting level", tokenApproverCity, "approve", "", "371502", stepOutcome{Status: 400, Code: codeApprovalUnit}},
			{"a key below it, a village", tokenGulou, "submit", "", "371502001001", stepOutcome{Status: 404, Code: "division.unknown"}},
			{"a division not in the registry", tokenApproverCounty, "approve", "", "371502198", stepOutcome{Status: 404, Code: "division.unknown"}},
			{"no token", "", "submit", "", "", stepOutcome{Status: 401, Code: codeUnauthorized}},
		}
		for _, st := range steps {
			d := st.division
			if d == "" {
				d = gulou
			}
			h.tick()
			if diff := cmp.Diff(st.want, stepResult(t, h.step(st.token, d, month, st.action, st.reason))); diff != "" {
				t.Errorf("%s (-want +got):\n%s", st.name, diff)
			}
		}

		// The history as GET lists it: every step, with its actor, the
		// token's identity and no citizen ID.
		a := h.approvals(tokenApproverCounty, "371502", month)
		var got *wire.Approval
		for i := range a.Approvals {
			if a.Approvals[i].Division == code(gulou) {
				got = &a.Approvals[i]
			}
		}
		if got == nil {
			t.Fatalf("古楼街道 not listed: %+v", a)
		}
		var actions []string
		for _, e := range got.History {
			actions = append(actions, string(e.Action)+" "+e.Actor.Division.Short()+" "+e.Actor.Role)
			if p := h.srv.tokens.lookup(map[string]string{
				"371502001": tokenGulou, "371502": tokenApproverCounty, "3715": tokenApproverCity, "37": tokenAdmin,
			}[e.Actor.Division.Short()]); p == nil || e.Actor.ID != p.ID || len(e.Actor.ID) != 16 {
				t.Errorf("step %s by %q, not the token's identity", e.Action, e.Actor.ID)
			}
			if e.At.IsZero() || (e.Action == approval.ActionReturn) != (e.Digest == "") {
				t.Errorf("step %+v", e)
			}
		}
		want := []string{"submit 371502001 submitter", "approve 371502 approver", "accept 3715 approver", "return 3715 approver",
			"submit 371502001 submitter", "return 371502 approver", "submit 37 admin"}
		if diff := cmp.Diff(want, actions); diff != "" || got.State != approval.StateSubmitted || got.Name != "古楼街道" {
			t.Errorf("history (-want +got):\n%s\nstate %q, name %q", diff, got.State, got.Name)
		}
		if got.History[3].Reason != "儿童管理数偏低，请核实" || got.History[3].Digest != "" || !strings.HasPrefix(got.History[1].Digest, "sha256:") {
			t.Errorf("the return %+v, the approval %+v", got.History[3], got.History[1])
		}
	})
}

// TestApprovalBadRequests checks the refusals of a body not given right,
// and of a read of approvals not asked right.
func TestApprovalBadRequests(t *testing.T) {
	h := withApprovers(newHarness(t, openTestSQLite(t)))
	cid := citizenID("37150219800101001")
	for _, tc := range []struct {
		body   string
		status int
		code   string
	}{
		{`{}`, 400, "approval.required"},
		{`{"division":"371502001","action":"submit"}`, 400, "approval.required"},
		{`{"division":"371502001","period":"202511"}`, 400, "approval.required"},
		{`{"division":"371502001","period":"2025Q4","action":"submit"}`, 400, "approval.period"},
		{`{"division":"371502001","period":"2025-11","action":"submit"}`, 400, codeBodyField},
		{`{"division":"37150x","period":"202511","action":"submit"}`, 400, codeBodyField},
		{`{"division":"371502001","period":"202511","action":"submit","dataSet":"activities"}`, 400, codeApprovalDataSet},
		{`{"division":"371502001","period":"202511","action":"destroy"}`, 400, "approval.action"},
		{`{"division":"371502001","period":"202511","action":"submit","by":"me"}`, 400, codeApprovalField},
		{`{"division":371502001,"period":"202511","action":"submit"}`, 400, codeBodyFieldType},
		{`{"division":"371502001","period":"202511","action":"submit"} {}`, 400, codeBodyTrailing},
		{`{"division":"371502001","period":"202511"`, 400, codeBodyUnexpectedEnd},
		{`[]`, 400, codeBodyJSON},
		{`{"division":"371502001","period":"202511","action":"submit","reason":"居民 ` + cid + `"}`, 400, "approval.citizenId"},
		{`{"division":"371502001","period":"202511","action":"submit","reason":"居民 ` + cid[:6] + "-" + cid[6:14] + "-" + cid[14:] + `"}`, 400, "approval.citizenId"},
		{`{"division":"371502001","period":"202511","action":"submit","dataSet":"monthlyReport","reason":null}`, 200, ""},
	} {
		ans := h.request("POST", "/v1/approvals", tokenGulou, []byte(tc.body), "Content-Type", "application/json")
		got := stepOutcome{Status: ans.status}
		if ans.status != 200 {
			got.Code = ans.problemCode(t)
		}
		if diff := cmp.Diff(stepOutcome{Status: tc.status, Code: tc.code}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.body, diff)
		}
		if strings.Contains(string(ans.body), cid[6:14]) {
			t.Errorf("%s: the answer echoes the citizen ID: %s", tc.body, ans.body)
		}
	}
	for _, tc := range []struct {
		path, token string
		status      int
		code        string
	}{
		{"/v1/approvals?under=371502&period=2025Q4", tokenApproverCounty, 400, "approval.period"},
		{"/v1/approvals?under=371502", tokenApproverCounty, 400, codePeriodRequired},
		{"/v1/approvals?under=371502&period=202511&dataSet=activities", tokenApproverCounty, 400, codeApprovalDataSet},
		{"/v1/approvals?under=371524&period=202511", tokenApproverCounty, 403, codeForbidden},
		{"/v1/approvals?under=371502&period=202511", "", 401, codeUnauthorized},
		{"/v1/indicators?under=371502&period=202511&approved=yes", tokenApproverCounty, 400, codeApprovedValue},
	} {
		ans := h.request("GET", tc.path, tc.token, nil)
		if ans.status != tc.status || ans.problemCode(t) != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.path, ans.status, ans.body, tc.status, tc.code)
		}
	}
	// An approver submits no records.
	if ans := h.submit(tokenApproverCounty, monthlyReportOf("371502001", "202511", at(2025, 12, 5, 9), "children-0-6", 100)); ans.status != 403 || ans.problemCode(t) != codeRole {
		t.Errorf("an approver's submission: %d %s", ans.status, ans.body)
	}
}

// TestApprovalLocksData checks that data under approval cannot be changed
// from below — the township's report refused per record with
// approval.locked once submitted, the county's once approved — that a
// change from above is stored and makes the approval stale, which then
// cannot be accepted, and that a return reopens the month: the township's
// correction is stored, submitted and approved again.
func TestApprovalLocksData(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := withApprovers(newHarness(t, open(t)))
		const gulou, month = "371502001", "202511"
		report := func(managed int, when int) []byte {
			return monthlyReportOf(gulou, month, at(2025, 12, when, 9), "children-0-6", 100, "children-0-6-managed", managed)
		}
		h.submitAt(tokenGulou, at(2025, 12, 5, 9), report(90, 5))
		h.clock.Set(testNow)
		mustStep := func(token, action, reason string, want approval.State) {
			t.Helper()
			h.tick()
			if got := stepResult(t, h.step(token, gulou, month, action, reason)); got.Status != 200 || got.State != want {
				t.Fatalf("%s by %s: %+v", action, token, got)
			}
		}
		// sub submits records with token and returns what became of them,
		// with the codes of the issues.
		sub := func(token string, records ...[]byte) string {
			t.Helper()
			sm := h.submit(token, ndjson(records...)).summary(t)
			var codes []string
			for _, is := range sm.Issues {
				if is.Severity == healthedu.SeverityError {
					codes = append(codes, is.Code+" "+is.Path)
				}
			}
			return fmt.Sprintf("imported %d updated %d ignored %d rejected %d %v", sm.Imported, sm.Updated, sm.Ignored, sm.Rejected, codes)
		}
		stale := func() (approval.State, bool) {
			t.Helper()
			for _, a := range h.approvals(tokenApproverCity, "371502", month).Approvals {
				if a.Division == code(gulou) {
					return a.State, a.Stale
				}
			}
			t.Fatal("古楼街道 not listed")
			return "", false
		}
		other := activity("A-1", gulou, at(2025, 12, 3, 9), "")

		mustStep(tokenGulou, "submit", "", approval.StateSubmitted)
		for _, tc := range []struct{ name, got, want string }{
			{"the township changes submitted data", sub(tokenGulou, report(91, 6), other), "imported 1 updated 0 ignored 0 rejected 1 [approval.locked ]"},
		} {
			if tc.got != tc.want {
				t.Errorf("%s: %s, want %s", tc.name, tc.got, tc.want)
			}
		}
		mustStep(tokenApproverCounty, "approve", "", approval.StateApproved)
		if st, s := stale(); st != approval.StateApproved || s {
			t.Errorf("after the approval: %s, stale %v", st, s)
		}
		for _, tc := range []struct{ name, got, want string }{
			{"the township changes approved data", sub(tokenGulou, report(92, 6)), "imported 0 updated 0 ignored 0 rejected 1 [approval.locked ]"},
			{"the county changes them", sub(tokenCountySubmit, report(93, 6)), "imported 0 updated 0 ignored 0 rejected 1 [approval.locked ]"},
			{"the city corrects them, from above", sub(tokenCity, report(80, 7)), "imported 1 updated 0 ignored 0 rejected 0 []"},
		} {
			if tc.got != tc.want {
				t.Errorf("%s: %s, want %s", tc.name, tc.got, tc.want)
			}
		}
		if st, s := stale(); st != approval.StateApproved || !s {
			t.Errorf("after the change from above: %s, stale %v", st, s)
		}
		h.tick()
		if got := stepResult(t, h.step(tokenApproverCity, gulou, month, "accept", "")); got.Status != 409 || got.Code != "approval.stale" {
			t.Errorf("accepting stale data: %+v", got)
		}
		mustStep(tokenApproverCity, "return", "市级已更正，请核实后重新提交", approval.StateReturned)
		if got := sub(tokenGulou, report(80, 8)); got != "imported 0 updated 1 ignored 0 rejected 0 []" {
			t.Errorf("the township's correction after the return: %s", got)
		}
		mustStep(tokenGulou, "submit", "", approval.StateSubmitted)
		mustStep(tokenApproverCounty, "approve", "", approval.StateApproved)
		if st, s := stale(); st != approval.StateApproved || s {
			t.Errorf("approved again: %s, stale %v", st, s)
		}
		mustStep(tokenApproverCity, "accept", "", approval.StateAccepted)
		if got := sub(tokenCity, report(81, 9)); got != "imported 0 updated 0 ignored 0 rejected 1 [approval.locked ]" {
			t.Errorf("the city changes accepted data: %s", got)
		}
		if got := sub(tokenAdmin, report(82, 9)); got != "imported 1 updated 0 ignored 0 rejected 0 []" {
			t.Errorf("the province changes accepted data: %s", got)
		}
		if st, s := stale(); st != approval.StateAccepted || !s {
			t.Errorf("after the province's change: %s, stale %v", st, s)
		}
		// Another month, and another township, are not locked.
		if got := sub(tokenGulou, monthlyReportOf(gulou, "202510", at(2025, 12, 9, 9), "children-0-6", 100),
			monthlyReportOf("371502001001", "202510", at(2025, 12, 9, 9), "children-0-6", 10)); got != "imported 2 updated 0 ignored 0 rejected 0 []" {
			t.Errorf("another month: %s", got)
		}
		if got := sub(tokenLiuyuan, monthlyReportOf("371502002", month, at(2025, 12, 9, 9), "children-0-6", 100)); got != "imported 1 updated 0 ignored 0 rejected 0 []" {
			t.Errorf("another township: %s", got)
		}
	})
}

// TestApprovalList checks GET /v1/approvals for 东昌府区: every township of
// the registry, those not submitted with no state and an empty history,
// in code order, with the count by state.
func TestApprovalList(t *testing.T) {
	h := withApprovers(newHarness(t, openTestSQLite(t)))
	h.submitAt(tokenLiuyuan, at(2025, 12, 5, 9), monthlyReportOf("371502002", "202511", at(2025, 12, 5, 9), "children-0-6", 100))
	h.clock.Set(testNow)
	for _, s := range []struct{ token, division, action string }{
		{tokenGulou, "371502001", "submit"}, {tokenLiuyuan, "371502002", "submit"}, {tokenApproverCounty, "371502002", "approve"},
	} {
		if ans := h.step(s.token, s.division, "202511", s.action, ""); ans.status != 200 {
			t.Fatalf("%+v: %d %s", s, ans.status, ans.body)
		}
	}
	a := h.approvals(tokenApproverCounty, "", "202511")
	townships := healthedu.DefaultRegistry().Children(code("371502"))
	if len(a.Approvals) != len(townships) || a.Under.Code != code("371502") || a.DataSet != "monthlyReport" {
		t.Fatalf("%d approvals under %s, want the %d townships", len(a.Approvals), a.Under.Code, len(townships))
	}
	for i, ap := range a.Approvals {
		if ap.Division != townships[i] || ap.Name == "" || ap.Period.String() != "202511" || ap.DataSet != "monthlyReport" || ap.History == nil {
			t.Errorf("approval %d: %+v", i, ap)
		}
	}
	wantCount := map[string]int{"unsubmitted": len(townships) - 2, "submitted": 1, "approved": 1, "accepted": 0, "returned": 0}
	if diff := cmp.Diff(wantCount, a.Count); diff != "" {
		t.Errorf("count (-want +got):\n%s", diff)
	}
	checkSchema(t, "Approvals", h.request("GET", "/v1/approvals?under=371502&period=202511", tokenApproverCounty, nil).body)
	// The township reads its own, an unsubmitted one answers with no
	// state member.
	own := h.approvals(tokenGulou, "", "202511")
	if len(own.Approvals) != 1 || own.Approvals[0].State != approval.StateSubmitted {
		t.Errorf("the township's own: %+v", own.Approvals)
	}
	body := h.request("GET", "/v1/approvals?under=371502003&period=202511", tokenApproverCounty, nil).body
	if !strings.Contains(string(body), `"history":[]`) || strings.Contains(string(body), `"state"`) || !strings.Contains(string(body), `"unsubmitted":1`) {
		t.Errorf("an unsubmitted township: %s", body)
	}
}

// TestApprovedFigures checks GET /v1/indicators over approved data: of 东昌
// 府区's two townships that reported November, only 古楼街道's month is
// approved, so the figures over approved data are 古楼's alone, their
// coverage one unit fewer than over all data; over accepted data there
// are none; and a change after the approval leaves the month out again.
func TestApprovedFigures(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := withApprovers(newHarness(t, open(t)))
		when := at(2025, 12, 5, 9)
		h.submitAt(tokenGulou, when, monthlyReportOf("371502001", "202511", when, "children-0-6", 100, "children-0-6-managed", 90))
		h.submitAt(tokenLiuyuan, when, monthlyReportOf("371502002", "202511", when, "children-0-6", 100, "children-0-6-managed", 50))
		h.clock.Set(testNow)
		for _, s := range []struct{ token, division, action string }{
			{tokenGulou, "371502001", "submit"}, {tokenApproverCounty, "371502001", "approve"}, {tokenLiuyuan, "371502002", "submit"},
		} {
			h.tick()
			if ans := h.step(s.token, s.division, "202511", s.action, ""); ans.status != 200 {
				t.Fatalf("%+v: %d %s", s, ans.status, ans.body)
			}
		}
		type row struct {
			Value               string
			Reporting, Expected int
		}
		get := func(approved string) row {
			t.Helper()
			path := "/v1/indicators?under=371502&period=202511&indicators=child-health-management-rate"
			if approved != "" {
				path += "&approved=" + approved
			}
			ans := h.request("GET", path, tokenApproverCounty, nil)
			var a wire.Indicators
			ans.json(t, &a)
			if ans.status != 200 || len(a.Rows) != 1 {
				t.Fatalf("%s: %d %s", path, ans.status, ans.body)
			}
			r := row{Reporting: a.Rows[0].Coverage.Reporting, Expected: a.Rows[0].Coverage.Expected}
			if a.Rows[0].Value != nil {
				r.Value = *a.Rows[0].Value
			}
			return r
		}
		expected := len(healthedu.DefaultRegistry().Children(code("371502")))
		for _, tc := range []struct {
			approved string
			want     row
		}{
			{"", row{"70.00", 2, expected}},
			{"approved", row{"90.00", 1, expected}},
			{"accepted", row{"", 0, expected}},
		} {
			if diff := cmp.Diff(tc.want, get(tc.approved)); diff != "" {
				t.Errorf("approved=%q (-want +got):\n%s", tc.approved, diff)
			}
		}
		// The city corrects 古楼's month from above: the approval is stale
		// and no longer counts.
		h.submitAt(tokenCity, at(2025, 12, 20, 9), monthlyReportOf("371502001", "202511", at(2025, 12, 20, 9), "children-0-6", 100, "children-0-6-managed", 80))
		h.tick()
		if diff := cmp.Diff(row{"", 0, expected}, get("approved")); diff != "" {
			t.Errorf("stale approval (-want +got):\n%s", diff)
		}
	})
}

// TestApprovalConcurrent posts two approvals of the same month at once,
// several times: one is taken (200), the other refused as already
// approved (409), and the history holds one approval.
func TestApprovalConcurrent(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := withApprovers(newHarness(t, open(t)))
		townships := []string{"371502001", "371502002", "371502003", "371502004", "371502005"}
		for _, d := range townships {
			if ans := h.step(tokenAdmin, d, "202511", "submit", ""); ans.status != 200 {
				t.Fatalf("submit %s: %d %s", d, ans.status, ans.body)
			}
		}
		for _, d := range townships {
			var wg sync.WaitGroup
			statuses := make([]int, 2)
			codes := make([]string, 2)
			start := make(chan struct{})
			for i, token := range []string{tokenApproverCounty, tokenApproverCounty} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					ans := h.step(token, d, "202511", "approve", "")
					statuses[i] = ans.status
					if ans.status != 200 {
						codes[i] = ans.problemCode(t)
					}
				}()
			}
			close(start)
			wg.Wait()
			got := fmt.Sprint(statuses[0]+statuses[1], " ", codes[0]+codes[1])
			if got != "609 approval.alreadyApproved" {
				t.Errorf("%s: statuses %v, codes %v", d, statuses, codes)
			}
			sa, ok, err := h.store.Approval(t.Context(), approval.Key{Division: code(d), Period: healthedu.MustParsePeriod("202511"), DataSet: "monthlyReport"})
			if err != nil || !ok || len(sa.History) != 2 {
				t.Errorf("%s: stored %+v, %v, %v", d, sa, ok, err)
			}
		}
	})
}

// TestApprovalReturnReopens checks that a return reopens a month its time
// lock has closed (退回即解锁): 古楼街道's October, locked ten days after
// its end, is submitted and approved before then; returned after it, the
// township's correction is stored; submitted again, the month is closed
// again by its time lock.
func TestApprovalReturnReopens(t *testing.T) {
	h := withApprovers(newHarness(t, openTestSQLite(t), func(c *config) { c.LockDays = 10 }))
	const gulou, month = "371502001", "202510"
	report := func(managed int, day int) []byte {
		return monthlyReportOf(gulou, month, at(2025, 11, day, 8), "children-0-6", 100, "children-0-6-managed", managed)
	}
	sub := func(records ...[]byte) string {
		t.Helper()
		sm := h.submit(tokenGulou, ndjson(records...)).summary(t)
		var codes []string
		for _, is := range sm.Issues {
			if is.Severity == healthedu.SeverityError {
				codes = append(codes, is.Code)
			}
		}
		return fmt.Sprintf("imported %d updated %d rejected %d %v", sm.Imported, sm.Updated, sm.Rejected, codes)
	}
	step := func(token, action, reason string, want approval.State) {
		t.Helper()
		h.tick()
		if got := stepResult(t, h.step(token, gulou, month, action, reason)); got.Status != 200 || got.State != want {
			t.Fatalf("%s by %s: %+v", action, token, got)
		}
	}
	h.clock.Set(at(2025, 11, 5, 9))
	if got := sub(report(90, 5)); got != "imported 1 updated 0 rejected 0 []" {
		t.Fatalf("the report before the lock: %s", got)
	}
	step(tokenGulou, "submit", "", approval.StateSubmitted)
	step(tokenApproverCounty, "approve", "", approval.StateApproved)

	h.clock.Set(at(2025, 11, 20, 9)) // locked since 10 November
	for _, tc := range []struct {
		name string
		do   func()
		got  func() string
		want string
	}{
		{"approved and locked", func() {}, func() string { return sub(report(91, 20)) }, "imported 0 updated 0 rejected 1 [" + codePeriodLocked + "]"},
		{"returned: open again", func() { step(tokenApproverCounty, "return", "儿童健康管理人数有误", approval.StateReturned) },
			func() string { return sub(report(92, 20)) }, "imported 0 updated 1 rejected 0 []"},
		{"a village of the township too", func() {},
			func() string {
				return sub(monthlyReportOf("371502001001", month, at(2025, 11, 20, 8), "children-0-6", 10))
			}, "imported 1 updated 0 rejected 0 []"},
		{"submitted again: locked again", func() { step(tokenGulou, "submit", "已更正", approval.StateSubmitted) },
			func() string { return sub(report(93, 20)) }, "imported 0 updated 0 rejected 1 [" + codePeriodLocked + "]"},
	} {
		tc.do()
		if got := tc.got(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
