package dashboard

import (
	"bytes"
	"encoding/json"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// A rowSeen is a row of the approval table as the page shows it.
type rowSeen struct {
	Division  string
	State     string   // data-state
	Stale     string   // data-stale
	Label     string   // the state's name
	StaleMark string   // the mark of data changed since approval, "" when none
	Buttons   []string // the values of the form's buttons
	Labels    []string // and their words
	Steps     []string // the actions of the history
	Last      string   // the action's name in the last step
}

var (
	reRow       = regexp.MustCompile(`(?s)<tr id="a-(\d+)" data-division="\d+" data-state="(\w+)" data-stale="(\w+)".*?</tr>`)
	reLabel     = regexp.MustCompile(`<span class="state-label">([^<]*)</span>`)
	reStaleMark = regexp.MustCompile(`<span class="stale-mark">([^<]*)</span>`)
	reButton    = regexp.MustCompile(`<button type="submit" name="action" value="(\w+)"[^>]*>([^<]*)</button>`)
	reStep      = regexp.MustCompile(`<li data-action="(\w+)">`)
	reLast      = regexp.MustCompile(`(?s)<td class="last"><span class="step"><strong class="action a-\w+">([^<]*)</strong>`)
	reCount     = regexp.MustCompile(`data-state="(\w+)"><dt>[^<]*</dt><dd class="count">(\d+)</dd>`)
)

// approvalRows reads the rows of the approval table of body.
func approvalRows(body string) []rowSeen {
	var rows []rowSeen
	for _, m := range reRow.FindAllStringSubmatch(body, -1) {
		r := rowSeen{Division: m[1], State: m[2], Stale: m[3]}
		if l := reLabel.FindStringSubmatch(m[0]); l != nil {
			r.Label = html.UnescapeString(l[1])
		}
		if l := reStaleMark.FindStringSubmatch(m[0]); l != nil {
			r.StaleMark = l[1]
		}
		for _, b := range reButton.FindAllStringSubmatch(m[0], -1) {
			r.Buttons = append(r.Buttons, b[1])
			r.Labels = append(r.Labels, b[2])
		}
		for _, s := range reStep.FindAllStringSubmatch(m[0], -1) {
			r.Steps = append(r.Steps, s[1])
		}
		if l := reLast.FindStringSubmatch(m[0]); l != nil {
			r.Last = l[1]
		}
		rows = append(rows, r)
	}
	return rows
}

// approvalCounts reads the counts by state of body.
func approvalCounts(body string) map[string]string {
	out := map[string]string{}
	for _, m := range reCount.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestApprovalsPage checks the page of 高唐县 for October 2025 in the
// three languages: every state of the fake's seeds, twice stale, with the
// state's name, the mark of stale data, the steps of its history and the
// buttons its state allows, and the counts.
func TestApprovalsPage(t *testing.T) {
	// The fake's seeds in turn (fakeSeedStates): state, stale, the history
	// and the buttons the row must offer.
	seeds := []struct {
		state   string
		stale   bool
		steps   []string
		buttons []string
	}{
		{"unsubmitted", false, nil, []string{"submit"}},
		{"submitted", false, []string{"submit"}, []string{"approve", "return"}},
		{"approved", false, []string{"submit", "approve"}, []string{"accept", "return"}},
		{"accepted", false, []string{"submit", "approve", "accept"}, []string{"return"}},
		{"returned", false, []string{"submit", "return"}, []string{"submit"}},
		{"approved", true, []string{"submit", "approve"}, []string{"return"}},
		{"accepted", true, []string{"submit", "approve", "accept"}, []string{"return"}},
	}
	tests := []struct {
		lang      string
		heading   string
		labels    map[string]string // state → name
		stale     string
		buttons   map[string]string // action → words
		lastNames map[string]string // action → name in the history
	}{
		{"zh-Hans", "高唐县2025年10月月报数据审核",
			map[string]string{"unsubmitted": "未提交", "submitted": "已提交", "approved": "已审核", "accepted": "已确认", "returned": "已退回"},
			"审核后数据已变动",
			map[string]string{"submit": "提交", "approve": "审核通过", "accept": "确认", "return": "退回"},
			map[string]string{"submit": "提交", "approve": "审核", "accept": "确认", "return": "退回"}},
		{"zh-Hant", "高唐县2025年10月月報資料審核",
			map[string]string{"unsubmitted": "未提交", "submitted": "已提交", "approved": "已審核", "accepted": "已確認", "returned": "已退回"},
			"審核後資料已變動",
			map[string]string{"submit": "提交", "approve": "審核通過", "accept": "確認", "return": "退回"},
			map[string]string{"submit": "提交", "approve": "審核", "accept": "確認", "return": "退回"}},
		{"en", "Approval of the monthly reports: 高唐县, October 2025",
			map[string]string{"unsubmitted": "Not submitted", "submitted": "Submitted", "approved": "Approved", "accepted": "Accepted", "returned": "Returned"},
			"Data changed since approval",
			map[string]string{"submit": "Submit", "approve": "Approve", "accept": "Accept", "return": "Return"},
			map[string]string{"submit": "Submit", "approve": "Approve", "accept": "Accept", "return": "Return"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			h, api := newTestDashboard(t)
			status, body, _ := get(t, h, "/approvals?division=371526&period=202510&lang="+tt.lang)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			if !strings.Contains(body, "<h1>"+html.EscapeString(tt.heading)+"</h1>") {
				t.Errorf("page lacks the heading %s", tt.heading)
			}
			var want []rowSeen
			for i, d := range fakeRegistry.Children(healthedu.MustParseDivisionCode("371526")) {
				s := seeds[i%len(seeds)]
				r := rowSeen{Division: d.String(), State: s.state, Stale: map[bool]string{false: "false", true: "true"}[s.stale],
					Label: tt.labels[s.state], Buttons: s.buttons, Steps: s.steps}
				if s.stale {
					r.StaleMark = tt.stale
				}
				for _, b := range s.buttons {
					r.Labels = append(r.Labels, tt.buttons[b])
				}
				if len(s.steps) > 0 {
					r.Last = tt.lastNames[s.steps[len(s.steps)-1]]
				}
				want = append(want, r)
			}
			if diff := cmp.Diff(want, approvalRows(body)); diff != "" {
				t.Errorf("rows (-want +page):\n%s", diff)
			}
			wantCounts := map[string]string{"unsubmitted": "2", "submitted": "2", "approved": "3", "accepted": "3", "returned": "2", "stale": "2"}
			if diff := cmp.Diff(wantCounts, approvalCounts(body)); diff != "" {
				t.Errorf("counts (-want +page):\n%s", diff)
			}
			// A county lists its townships; it has no table of the
			// divisions below.
			if strings.Contains(body, `id="approval-children"`) || strings.Contains(body, `id="approvals-omitted"`) {
				t.Errorf("the county's page counts the divisions below it, or omits its rows")
			}
			// Reads with the dashboard's token, in the page's language.
			reqs := api.requestsTo("/v1/approvals")
			if len(reqs) != 1 || reqs[0].Method != http.MethodGet || reqs[0].Header.Get("Authorization") != "Bearer "+testToken ||
				reqs[0].Header.Get("Accept-Language") != tt.lang || reqs[0].URL.RawQuery != "period=202510&under=371526000000" {
				t.Errorf("the page asked the API %v", reqs)
			}
			// The forms post to the page itself, with the page's query.
			if n := strings.Count(body, `<form class="act" method="post" action="approvals?division=371526000000&amp;lang=`+tt.lang+`&amp;period=202510#a-`); n != len(want) {
				t.Errorf("%d forms post to the page, want %d", n, len(want))
			}
			if n := strings.Count(body, `<input type="password" name="token" autocomplete="off"`); n != len(want) {
				t.Errorf("%d token fields, want %d", n, len(want))
			}
		})
	}
}

// TestGroupApprovals checks the counts by state of the divisions below a
// page's: each approval under the division at the level asked that holds
// it, in the order of their codes, named when the names say so.
func TestGroupApprovals(t *testing.T) {
	ap := func(code string, st approval.State, stale bool) wire.Approval {
		a := wire.Approval{Stale: stale}
		a.Division, a.State = healthedu.MustParseDivisionCode(code), st
		return a
	}
	code := healthedu.MustParseDivisionCode
	names := map[healthedu.DivisionCode]string{code("371502"): "东昌府区", code("3715"): "聊城市", code("3701"): "济南市"}
	link := func(c healthedu.DivisionCode) string { return "approvals?division=" + c.String() }
	// counts: unsubmitted, submitted, approved, accepted, returned.
	child := func(division, name string, counts [5]int, stale, units int) approvalChild {
		ch := approvalChild{Division: division, Name: name, Stale: stale, Units: units}
		if division != "" {
			ch.URL = "approvals?division=" + division
		}
		for i, st := range approvalStates {
			ch.Counts = append(ch.Counts, approvalCount{State: stateKey(st), N: counts[i]})
		}
		return ch
	}
	tests := []struct {
		name      string
		approvals []wire.Approval
		level     healthedu.DivisionLevel
		rows      []approvalChild
		total     approvalChild
	}{
		{"none", nil, healthedu.LevelCounty, nil, child("", "", [5]int{}, 0, 0)},
		{"a city's counties", []wire.Approval{
			ap("371502001", approval.StateReturned, false),
			ap("371502002", approval.StateUnsubmitted, false),
			ap("371521001", approval.StateApproved, true), // after 371502 in code order
			ap("371502003", approval.StateAccepted, true),
			ap("371502004", approval.StateAccepted, false),
		}, healthedu.LevelCounty, []approvalChild{
			child("371502000000", "东昌府区", [5]int{1, 0, 0, 2, 1}, 1, 4),
			child("371521000000", "371521000000", [5]int{0, 0, 1, 0, 0}, 1, 1), // no name: the code
		}, child("", "", [5]int{1, 0, 1, 2, 1}, 2, 5)},
		{"a province's cities, out of order", []wire.Approval{
			ap("371502001", approval.StateSubmitted, false),
			ap("370102001", approval.StateUnsubmitted, false),
			ap("371581001", approval.StateSubmitted, false),
			ap("3715", approval.StateApproved, false), // a reporter above the level counts as its own
		}, healthedu.LevelCity, []approvalChild{
			child("370100000000", "济南市", [5]int{1, 0, 0, 0, 0}, 0, 1),
			child("371500000000", "聊城市", [5]int{0, 2, 1, 0, 0}, 0, 3),
		}, child("", "", [5]int{1, 2, 1, 0, 0}, 0, 4)},
		{"a county reporter under a province", []wire.Approval{
			ap("371502", approval.StateSubmitted, false),
			ap("3715", approval.StateSubmitted, false),
		}, healthedu.LevelCity, []approvalChild{
			child("371500000000", "聊城市", [5]int{0, 2, 0, 0, 0}, 0, 2),
		}, child("", "", [5]int{0, 2, 0, 0, 0}, 0, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total := groupApprovals(tt.approvals, tt.level, names, link)
			if diff := cmp.Diff(tt.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.total, total); diff != "" {
				t.Errorf("total (-want +got):\n%s", diff)
			}
		})
	}
}

// TestApprovalsLastStep checks what a row says of its last step: the
// acting division by name, its role, its identifier, the time and the
// reason of a return.
func TestApprovalsLastStep(t *testing.T) {
	h, _ := newTestDashboard(t)
	_, body, _ := get(t, h, "/approvals?division=371526&period=202510")
	returned := element(t, body, `<tr id="a-371526102000"`, `</tr>`) // 尹集镇, the fifth: returned
	last := element(t, returned, `<td class="last">`, `</td>`)
	for _, s := range []string{
		`<strong class="action a-return">退回</strong>`,
		`<time datetime="2025-11-03T13:30:00&#43;08:00">2025年11月3日 13:30</time>`,
		`<span class="who">高唐县 <span class="role">管理员</span> <span class="id">staff-371526</span></span>`,
		`<q class="reason">讲座场次与活动记录不符，请核对</q>`,
		`<summary>操作记录（共2步）</summary>`,
	} {
		if !strings.Contains(last, s) {
			t.Errorf("the last step lacks %s:\n%s", s, last)
		}
	}
	// The city's acceptance names the city, which is above the page's
	// division.
	accepted := element(t, body, `<tr id="a-371526101000"`, `</tr>`)
	if !strings.Contains(accepted, `<span class="who">聊城市 <span class="role">管理员</span>`) {
		t.Errorf("the acceptance does not name the city:\n%s", accepted)
	}
}

// TestApprovalsPageCases checks the page's parameters, its defaults and
// the API's failures.
func TestApprovalsPageCases(t *testing.T) {
	tests := []struct {
		name, method, target string
		fail                 map[string]int
		status               int
		want                 []string
		rows                 int
	}{
		{"month without steps", "GET", "/approvals?division=371526&period=202511", nil, 200,
			[]string{`data-state="unsubmitted"><dt>未提交</dt><dd class="count">12</dd>`, `<p class="note" id="approvals-note">共12个填报单位。</p>`}, 12},
		// Above a county: the counts of each division below, and the rows
		// only when they are few.
		{"defaults", "GET", "/approvals", nil, 200, []string{"<h1>聊城市2025年10月月报数据审核</h1>", `data-units="136"`,
			`<caption id="approval-children-caption">各县级区划审核情况</caption>`,
			`<tr data-division="371502000000">
<th scope="row"><a href="approvals?division=371502000000&amp;lang=zh-Hans&amp;period=202510">东昌府区</a></th>`,
			`<p class="note" id="approvals-omitted">共136个填报单位，本页不逐一列出：请在上表选择县级区划，在其页面查看和办理各单位的审核。</p>`}, 0},
		{"a small city", "GET", "/approvals?division=3711&period=202510&lang=en", nil, 200, []string{`data-units="56"`,
			`<caption id="approval-children-caption">Approval by county division</caption>`, `<table id="approvals"`}, 56},
		{"the province", "GET", "/approvals?division=37&period=202510&lang=zh-Hant", nil, 200, []string{
			`<caption id="approval-children-caption">各地級區劃審核情況</caption>`, `<a href="approvals?division=371500000000&amp;lang=zh-Hant&amp;period=202510">聊城市</a>`,
			`id="approvals-omitted">共1,`}, 0},
		{"a township", "GET", "/approvals?division=371526001&period=202510&lang=en", nil, 200, []string{"1 reporting divisions."}, 1},
		{"head", "HEAD", "/approvals", nil, 200, nil, 0},
		{"quarter", "GET", "/approvals?period=2025Q3", nil, 400, []string{"参数 period 有误", "数据按月审核，报告期应为月份（如202510），不能是“2025Q3”。"}, 0},
		{"bad division", "GET", "/approvals?division=37x&lang=zh-Hant", nil, 400, []string{"參數 division 有誤"}, 0},
		{"unknown division", "GET", "/approvals?division=379999", nil, 404, []string{"区划不存在"}, 0},
		{"API down", "GET", "/approvals", map[string]int{"/v1/approvals": 503}, 502, []string{"数据服务暂时无法回答"}, 0},
		{"no names", "GET", "/approvals?division=371526", map[string]int{"/v1/divisions": 503}, 200,
			[]string{`<span class="who">371500000000 <span class="role">管理员</span>`, `<span class="who">高唐县 <span class="role">`, `<span class="who">汇鑫街道 <span class="role">`}, 12},
		{"put", "PUT", "/approvals", nil, 405, []string{"只能以 GET 方式访问"}, 0},
		{"post elsewhere", "POST", "/report", nil, 405, []string{"只能以 GET 方式访问"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, api := newTestDashboard(t)
			for k, v := range tt.fail {
				api.fail[k] = v
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
			body := w.Body.String()
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s:\n%s", s, mainOf(body))
				}
			}
			if n := len(approvalRows(body)); n != tt.rows {
				t.Errorf("%d rows, want %d", n, tt.rows)
			}
			if tt.method == "HEAD" && body != "" {
				t.Errorf("HEAD has a body")
			}
			if tt.status == 405 {
				want := "GET, HEAD"
				if strings.HasPrefix(tt.target, "/approvals") {
					want = "GET, HEAD, POST"
				}
				if got := w.Header().Get("Allow"); got != want {
					t.Errorf("Allow %q, want %q", got, want)
				}
			}
		})
	}
}

// TestApprovalsLink checks that the start page links to the approval of
// the month of its notification.
func TestApprovalsLink(t *testing.T) {
	h, _ := newTestDashboard(t)
	_, body, _ := get(t, h, "/?division=371526&period=2025Q3&lang=zh-Hant")
	if want := `<a class="approvals-link" href="approvals?division=371526000000&amp;lang=zh-Hant&amp;period=202509">資料審核（2025年9月）</a>`; !strings.Contains(body, want) {
		t.Errorf("the start page lacks %s", want)
	}
}

// mainOf returns the <main> of a page, for messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		return body[i:]
	}
	return body
}

// postForm posts form to the dashboard h at target as a browser would.
func postForm(h http.Handler, target string, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// message is the library's message of code in lang.
func message(code string, params map[string]any, lang language.Tag) string {
	return healthedu.Issue{Code: code, Params: params}.Message(lang)
}

// TestApprovalPost checks a step taken through the page's form: what the
// dashboard forwards to POST /v1/approvals (the form's token, never its
// own), the redirect after a step taken, and the page again, with the
// API's status and localized problem, after a refusal. The token never
// shows on a page or in the log.
func TestApprovalPost(t *testing.T) {
	county := fakeActorToken(healthedu.MustParseDivisionCode("371526"))
	city := fakeActorToken(healthedu.MustParseDivisionCode("3715"))
	const page = "/approvals?division=371526&period=202510&lang="
	tests := []struct {
		name        string
		lang        string
		form        url.Values
		fail        map[string]int
		status      int
		location    string                // after a step taken
		forwarded   *wire.ApprovalRequest // nil when nothing reaches the API
		auth        string                // the forwarded Authorization
		code        string                // the problem shown
		detail      string                // and its message
		reasonKept  string                // the reason field of the row after a refusal
		logged      bool                  // the failure is logged
		wantOnPage  []string
		wantOutcome string // after following the redirect
	}{
		{
			name: "approve", lang: "zh-Hans",
			form:      url.Values{"division": {"371526002"}, "period": {"202510"}, "action": {"approve"}, "reason": {" 同意 "}, "token": {" " + county + "\n"}},
			status:    303,
			location:  "approvals?action=approve&division=371526000000&done=371526002000&lang=zh-Hans&period=202510#a-371526002000",
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526002"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionApprove, Reason: "同意"},
			auth:      "Bearer " + county, wantOutcome: "汇鑫街道：审核成功，当前状态为“已审核”。",
		},
		{
			name: "return without a reason", lang: "en",
			form:      url.Values{"division": {"371526002000"}, "period": {"202510"}, "action": {"return"}, "reason": {""}, "token": {county}},
			status:    400,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526002"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionReturn},
			auth:      "Bearer " + county, code: "approval.reasonRequired", detail: message("approval.reasonRequired", nil, healthedu.English),
			wantOnPage: []string{"汇鑫街道: return refused.", "Code: <code>approval.reasonRequired</code>"},
		},
		{
			name: "submit for a township", lang: "zh-Hant",
			form:      url.Values{"division": {"371526001"}, "period": {"202510"}, "action": {"submit"}, "reason": {"代報"}, "token": {county}},
			status:    403,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526001"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionSubmit, Reason: "代報"},
			auth:      "Bearer " + county, code: "approval.submitter",
			detail:     message("approval.submitter", map[string]any{"division": "371526001", "actor": "371526"}, healthedu.ZhHant),
			reasonKept: "代報", wantOnPage: []string{"鱼邱湖街道：提交未成功。", "問題代碼：<code>approval.submitter</code>"},
		},
		{
			name: "accept stale data", lang: "zh-Hans",
			form:      url.Values{"division": {"371526103"}, "period": {"202510"}, "action": {"accept"}, "token": {city}},
			status:    409,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526103"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionAccept},
			auth:      "Bearer " + city, code: "approval.stale", detail: message("approval.stale", nil, healthedu.ZhHans),
		},
		{
			name: "no token", lang: "zh-Hans",
			form:      url.Values{"division": {"371526002"}, "period": {"202510"}, "action": {"approve"}},
			status:    403,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526002"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionApprove},
			auth:      "", code: "intake.unauthorized", detail: "缺少访问令牌或令牌无效",
		},
		{
			name: "a token with a space", lang: "zh-Hans",
			form:      url.Values{"division": {"371526002"}, "period": {"202510"}, "action": {"approve"}, "token": {"act-371526 000000"}},
			status:    403,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526002"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionApprove},
			auth:      "", code: "intake.unauthorized",
		},
		{
			name: "the dashboard's own token typed", lang: "zh-Hans",
			form:      url.Values{"division": {"371526002"}, "period": {"202510"}, "action": {"approve"}, "token": {testToken}},
			status:    403,
			forwarded: &wire.ApprovalRequest{Division: healthedu.MustParseDivisionCode("371526002"), Period: healthedu.MustParsePeriod("202510"), Action: approval.ActionApprove},
			auth:      "Bearer " + testToken, code: "intake.role",
		},
		{
			name: "API down", lang: "zh-Hans",
			form:   url.Values{"division": {"371526002"}, "period": {"202510"}, "action": {"approve"}, "token": {county}},
			fail:   map[string]int{"/v1/approvals": 503},
			status: 502, logged: true,
			wantOnPage: []string{"数据服务暂时无法回答"},
		},
		{
			name: "bad division", lang: "zh-Hans",
			form:   url.Values{"division": {"37x"}, "action": {"approve"}, "token": {county}},
			status: 400, wantOnPage: []string{"表单字段 division 有误"},
		},
		{
			name: "bad period", lang: "en",
			form:   url.Values{"division": {"371526002"}, "period": {"2025X"}, "action": {"approve"}, "token": {county}},
			status: 400, wantOnPage: []string{"Wrong form field period"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := &fakeAPI{token: testToken, fail: map[string]int{}}
			var log bytes.Buffer
			h := Handler(api, Options{
				Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510"),
				Token: testToken, Logger: slog.New(slog.NewTextHandler(&log, nil)),
			})
			if tt.fail != nil {
				// The page reads the approvals first; fail the step only.
				api.fail = tt.fail
			}
			w := postForm(h, page+tt.lang, tt.form)
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d:\n%s", w.Code, tt.status, mainOf(body))
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location %q, want %q", got, tt.location)
			}

			// What reached the API.
			posts := api.postsReceived()
			if tt.forwarded == nil {
				if len(posts) != 0 && tt.fail == nil {
					t.Errorf("%d steps reached the API", len(posts))
				}
			} else {
				if len(posts) != 1 {
					t.Fatalf("%d steps reached the API, want 1", len(posts))
				}
				var got wire.ApprovalRequest
				if err := json.Unmarshal(posts[0].Body, &got); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(*tt.forwarded, got, cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})); diff != "" {
					t.Errorf("forwarded (-want +got):\n%s", diff)
				}
				var members map[string]any
				json.Unmarshal(posts[0].Body, &members)
				for k := range members {
					if !slices.Contains([]string{"division", "period", "action", "reason"}, k) {
						t.Errorf("the request holds %q: %s", k, posts[0].Body)
					}
				}
				h := posts[0].Header
				if got := h.Get("Authorization"); got != tt.auth {
					t.Errorf("Authorization %q, want %q", got, tt.auth)
				}
				if h.Get("Accept-Language") != tt.lang || h.Get("Content-Type") != "application/json" {
					t.Errorf("headers %v", h)
				}
			}

			// The token never shows, nor is logged.
			token := tt.form.Get("token")
			if strings.TrimSpace(token) != "" && (strings.Contains(body, strings.TrimSpace(token)) || strings.Contains(log.String(), strings.TrimSpace(token)) ||
				strings.Contains(w.Header().Get("Location"), strings.TrimSpace(token))) {
				t.Errorf("the token shows: log %q, page:\n%s", log.String(), body)
			}
			if tt.logged != (log.Len() > 0) {
				t.Errorf("logged %q, want logged %v", log.String(), tt.logged)
			}

			// A refusal: the page again, saying what the API said.
			if tt.code != "" {
				outcome := element(t, body, `<p id="outcome"`, `</p>`)
				if !strings.Contains(outcome, `data-outcome="refused"`) || !strings.Contains(outcome, `data-code="`+tt.code+`"`) {
					t.Errorf("outcome %s, want refused with %s", outcome, tt.code)
				}
				if tt.detail != "" && !strings.Contains(outcome, html.EscapeString(tt.detail)) {
					t.Errorf("outcome %s lacks %q", outcome, tt.detail)
				}
				code, _ := healthedu.ParseDivisionCode(tt.form.Get("division"))
				row := element(t, body, `<tr id="a-`+code.String()+`"`, `</tr>`)
				if !strings.Contains(row, `class="refused"`) || !strings.Contains(row, `data-code="`+tt.code+`"`) {
					t.Errorf("the row does not show the refusal:\n%s", row)
				}
				if want := `<input name="reason" value="` + html.EscapeString(tt.reasonKept) + `"`; !strings.Contains(row, want) {
					t.Errorf("the row lacks %s:\n%s", want, row)
				}
				if !strings.Contains(row, `<input type="password" name="token" autocomplete="off" spellcheck="false">`) {
					t.Errorf("the token field is not empty:\n%s", row)
				}
			}
			for _, s := range tt.wantOnPage {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s:\n%s", s, mainOf(body))
				}
			}

			// A step taken: the page it leads to says so.
			if tt.location != "" {
				target, _, _ := strings.Cut(tt.location, "#") // the browser keeps the fragment
				status, after, _ := get(t, h, "/"+target)
				outcome := element(t, after, `<p id="outcome"`, `</p>`)
				if status != 200 || !strings.Contains(outcome, `data-outcome="ok"`) || !strings.Contains(outcome, tt.wantOutcome) {
					t.Errorf("after the redirect: status %d, outcome %s", status, outcome)
				}
			}
		})
	}
}

// TestApprovalPostRefusedByTheDashboard checks the requests the dashboard
// turns down before the API: a body not form-encoded, or too large, or a
// page's parameter that cannot be read.
func TestApprovalPostRefusedByTheDashboard(t *testing.T) {
	tests := []struct {
		name, target, contentType, body string
		status                          int
		want                            string
	}{
		{"JSON", "/approvals", "application/json", `{"division":"371526002","action":"approve"}`, 415, "表单格式不正确"},
		{"multipart", "/approvals", "multipart/form-data; boundary=x", "--x--", 415, "表单格式不正确"},
		{"too large", "/approvals", "application/x-www-form-urlencoded", "division=371526002&reason=" + strings.Repeat("a", 20<<10), 413, "表单内容过长"},
		{"bad encoding", "/approvals", "application/x-www-form-urlencoded", "division=%zz", 400, "表单格式不正确"},
		{"quarter", "/approvals?period=2025Q3", "application/x-www-form-urlencoded", "division=371526002&action=approve", 400, "数据按月审核"},
		{"lang", "/approvals?lang=fr", "application/x-www-form-urlencoded", "division=371526002&action=approve", 400, "参数 lang 有误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, api := newTestDashboard(t)
			r := httptest.NewRequest(http.MethodPost, tt.target, strings.NewReader(tt.body))
			r.Header.Set("Content-Type", tt.contentType)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("status %d, want %d with %s:\n%s", w.Code, tt.status, tt.want, mainOf(w.Body.String()))
			}
			if n := len(api.postsReceived()); n != 0 {
				t.Errorf("%d steps reached the API", n)
			}
		})
	}
}

// TestApprovalsDoneIsChecked checks that the page says a step was taken
// only when the division's last step is that step: a link made by hand
// cannot make it claim one.
func TestApprovalsDoneIsChecked(t *testing.T) {
	tests := []struct {
		query string
		want  string // the outcome's text, "" for none
	}{
		{"done=371526002&action=submit", "汇鑫街道：提交成功，当前状态为“已提交”。"},
		{"done=371526002000&action=submit", "汇鑫街道：提交成功，当前状态为“已提交”。"},
		{"done=371526002&action=approve", ""}, // its last step is a submission
		{"done=371526001&action=submit", ""},  // no step at all
		{"done=371599001&action=submit", ""},  // no such row
		{"done=x&action=submit", ""},          // no division
		{"done=371526002&action=%3Cb%3E", ""}, // no action
		{"done=371526002", ""},                // half of it
		{"done=371526102&action=return", "尹集镇：退回成功，当前状态为“已退回”。"}, // the seed's return
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			h, _ := newTestDashboard(t)
			status, body, _ := get(t, h, "/approvals?division=371526&period=202510&"+tt.query)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			has := strings.Contains(body, `id="outcome"`)
			if has != (tt.want != "") || tt.want != "" && !strings.Contains(body, tt.want) {
				t.Errorf("outcome shown %v, want %q", has, tt.want)
			}
		})
	}
}

// TestRoleName checks that every role of the intake's tokens is named in
// each language, and that another is shown as the API wrote it.
func TestRoleName(t *testing.T) {
	got := make(map[string][3]string)
	for _, role := range []string{"submitter", "admin", "reader", "approver", "statistician"} {
		got[role] = [3]string{langZhHans.roleName(role), langZhHant.roleName(role), langEn.roleName(role)}
	}
	want := map[string][3]string{
		"submitter":    {"报送人员", "報送人員", "submitter"},
		"admin":        {"管理员", "管理員", "administrator"},
		"reader":       {"只读人员", "唯讀人員", "reader"},
		"approver":     {"审核员", "審核員", "approver"},
		"statistician": {"statistician", "statistician", "statistician"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role names (-want +got):\n%s", diff)
	}
}
