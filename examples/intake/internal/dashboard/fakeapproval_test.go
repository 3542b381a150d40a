package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The fake's data approval: GET and POST /v1/approvals, as
// wire/approval.go describes them, kept with the approval package itself,
// so that the fake refuses what the library refuses, with its codes and
// messages.

// fakeApprovalMonth is the month whose approvals the fake seeds: each
// township in one of the states by its place among its county's
// townships (see fakeSeed). Other months start unsubmitted.
var fakeApprovalMonth = healthedu.MustParsePeriod("202510")

// fakeSeedStart is when the seeded steps begin; the fake's clock for new
// steps starts a day later.
var fakeSeedStart = time.Date(2025, 11, 3, 9, 0, 0, 0, healthedu.ChinaStandardTime)

// fakeStaleDigest is the digest a stale seed was approved with: not that of
// the data now (fakeCurrentDigest).
var fakeStaleDigest = "sha256:" + strings.Repeat("0", 64)

// fakeCurrentDigest is the digest of the data of k as they are now.
func fakeCurrentDigest(k approval.Key) string { return approval.Digest(k, nil) }

// fakeActorToken is the bearer token of the fake's staff member at
// division d: it acts at d as an administrator.
func fakeActorToken(d healthedu.DivisionCode) string { return "act-" + d.String() }

// fakeActor is the actor of a token, or false.
func fakeActor(token string) (approval.Actor, bool) {
	code, ok := strings.CutPrefix(token, "act-")
	if !ok {
		return approval.Actor{}, false
	}
	d, err := healthedu.ParseDivisionCode(code)
	if err != nil || !fakeRegistry.Contains(d) {
		return approval.Actor{}, false
	}
	return approval.Actor{Division: d, Role: "admin", ID: "staff-" + d.Short()}, true
}

// fakeApprovalStore holds the fake's approvals and the requests of POST
// /v1/approvals it received, with their bodies.
type fakeApprovalStore struct {
	mu    sync.Mutex
	m     map[approval.Key]*approval.Approval
	clock time.Time
	posts []fakePost
}

// A fakePost is a POST /v1/approvals received.
type fakePost struct {
	Header http.Header
	Body   []byte
}

// approvals returns f's store, made on first use.
func (f *fakeAPI) approvals() *fakeApprovalStore {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.approvalStore == nil {
		f.approvalStore = &fakeApprovalStore{m: map[approval.Key]*approval.Approval{}, clock: fakeSeedStart.AddDate(0, 0, 1)}
	}
	return f.approvalStore
}

// get returns the approval of k, seeded on first use. The caller holds s.mu.
func (s *fakeApprovalStore) get(k approval.Key) *approval.Approval {
	if a := s.m[k]; a != nil {
		return a
	}
	a := fakeSeed(k)
	s.m[k] = a
	return a
}

// fakeSeedStates are the seeds in turn: the state, and whether the data
// changed after the approval.
var fakeSeedStates = []struct {
	state approval.State
	stale bool
}{
	{approval.StateUnsubmitted, false},
	{approval.StateSubmitted, false},
	{approval.StateApproved, false},
	{approval.StateAccepted, false},
	{approval.StateReturned, false},
	{approval.StateApproved, true},
	{approval.StateAccepted, true},
}

// fakeSeed returns the approval of k as the fake starts: in
// fakeApprovalMonth, the i-th township of its county is in the state
// fakeSeedStates[i mod 7], reached by the steps the library takes, by the
// township, its county and its city; any other key is unsubmitted.
func fakeSeed(k approval.Key) *approval.Approval {
	a := approval.New(k)
	if k.Period != fakeApprovalMonth || k.DataSet != approval.DataSetMonthlyReport {
		return a
	}
	county := k.Division.Truncate(healthedu.LevelCounty)
	i := 0
	for j, c := range fakeRegistry.Children(county) {
		if c == k.Division {
			i = j
		}
	}
	seed := fakeSeedStates[i%len(fakeSeedStates)]
	at := fakeSeedStart.Add(time.Duration(i) * time.Hour)
	digest := fakeCurrentDigest(k)
	if seed.stale {
		digest = fakeStaleDigest
	}
	actor := func(d healthedu.DivisionCode) approval.Actor { a, _ := fakeActor(fakeActorToken(d)); return a }
	step := func(act approval.Action, by healthedu.DivisionCode, reason string) {
		at = at.Add(15 * time.Minute)
		e := approval.Event{At: at, Action: act, Actor: actor(by), Reason: reason}
		if act == approval.ActionApprove || act == approval.ActionAccept {
			e.Digest = digest
		}
		if issues := approval.Apply(a, e); issues != nil {
			panic(fmt.Sprint("fake seed ", k, ": ", issues))
		}
	}
	switch seed.state {
	case approval.StateSubmitted:
		step(approval.ActionSubmit, k.Division, "")
	case approval.StateApproved:
		step(approval.ActionSubmit, k.Division, "")
		step(approval.ActionApprove, county, "数据完整")
	case approval.StateAccepted:
		step(approval.ActionSubmit, k.Division, "")
		step(approval.ActionApprove, county, "")
		step(approval.ActionAccept, k.Division.Truncate(healthedu.LevelCity), "")
	case approval.StateReturned:
		step(approval.ActionSubmit, k.Division, "")
		step(approval.ActionReturn, county, "讲座场次与活动记录不符，请核对")
	}
	return a
}

// fakeTownships returns the townships within d, in the order of their
// codes: d itself when it is one.
func fakeTownships(d healthedu.DivisionCode) []healthedu.DivisionCode {
	if d.Level() >= healthedu.LevelTownship {
		return []healthedu.DivisionCode{d.Truncate(healthedu.LevelTownship)}
	}
	var out []healthedu.DivisionCode
	for _, c := range fakeRegistry.Children(d) {
		out = append(out, fakeTownships(c)...)
	}
	return out
}

// fakeWire is a as the API answers it.
func fakeWire(a *approval.Approval) wire.Approval {
	c := *a
	c.History = append([]approval.Event{}, a.History...)
	return wire.Approval{Approval: c, Name: fakeRegistry.Name(a.Division), Stale: approval.Stale(a, fakeCurrentDigest(a.Key))}
}

// getApprovals answers GET /v1/approvals for under and the query's period.
func (f *fakeAPI) getApprovals(w http.ResponseWriter, under healthedu.DivisionCode, period string) {
	p, err := healthedu.ParsePeriod(period)
	if err != nil || p.Type() != healthedu.PeriodMonth {
		fakeProblem(w, http.StatusBadRequest, "intake.periodNotMonth", "报告期应为月份", period)
		return
	}
	s := f.approvals()
	s.mu.Lock()
	defer s.mu.Unlock()
	ans := wire.Approvals{Under: fakeDivision(under), Period: p, DataSet: approval.DataSetMonthlyReport, Count: map[string]int{}, Approvals: []wire.Approval{}}
	for _, d := range fakeTownships(under) {
		a := fakeWire(s.get(approval.Key{Division: d, Period: p, DataSet: approval.DataSetMonthlyReport}))
		ans.Approvals = append(ans.Approvals, a)
		ans.Count[stateKey(a.State)]++
	}
	fakeJSON(w, ans)
}

// postApproval answers POST /v1/approvals: the step of the request by the
// token's actor, at the fake's clock, a minute after the step before.
func (f *fakeAPI) postApproval(w http.ResponseWriter, r *http.Request) {
	s := f.approvals()
	var body []byte
	if r.Body != nil {
		var err error
		if body, err = io.ReadAll(io.LimitReader(r.Body, 1<<20)); err != nil {
			fakeProblem(w, http.StatusBadRequest, "intake.body", "请求体有误", err.Error())
			return
		}
	}
	s.mu.Lock()
	s.posts = append(s.posts, fakePost{Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()

	tag := healthedu.MatchLanguage(r.Header.Get("Accept-Language"))
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	actor, isActor := fakeActor(token)
	switch {
	case ok && token == f.token && f.token != "":
		fakeProblem(w, http.StatusForbidden, "intake.role", "无权操作", "此操作需要以下角色的令牌：admin")
		return
	case !ok || !isActor:
		w.Header().Set("WWW-Authenticate", `Bearer realm="fake"`)
		fakeProblem(w, http.StatusUnauthorized, "intake.unauthorized", "未授权", "缺少访问令牌或令牌无效")
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		fakeProblem(w, http.StatusUnsupportedMediaType, "intake.mediaType", "格式有误", mt)
		return
	}
	var req wire.ApprovalRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		fakeProblem(w, http.StatusBadRequest, "intake.json", "请求体有误", err.Error())
		return
	}
	k := approval.Key{Division: req.Division, Period: req.Period, DataSet: req.DataSet}
	if k.DataSet == "" {
		k.DataSet = approval.DataSetMonthlyReport
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.get(k)
	s.clock = s.clock.Add(time.Minute)
	e := approval.Event{At: s.clock, Action: req.Action, Actor: actor, Reason: req.Reason}
	if req.Action == approval.ActionApprove || req.Action == approval.ActionAccept {
		e.Digest = fakeCurrentDigest(k)
	}
	if issues := approval.Apply(a, e); issues != nil {
		is := issues[0]
		w.Header().Set("Content-Language", tag.String())
		fakeProblem(w, fakeApprovalStatus(is.Code), is.Code, "审核操作被拒绝", is.Message(tag))
		return
	}
	fakeJSON(w, fakeWire(a))
}

// fakeApprovalStatus is the status of a refusal with code: 409 for the
// state, 403 for who acts, 400 for the request.
func fakeApprovalStatus(code string) int {
	switch code {
	case "approval.notSubmitted", "approval.alreadySubmitted", "approval.alreadyApproved",
		"approval.alreadyAccepted", "approval.alreadyReturned", "approval.stale", "approval.order":
		return http.StatusConflict
	case "approval.outside", "approval.submitter", "approval.approver", "approval.accepter",
		"approval.returner", "approval.returnerApproved", "approval.role", "approval.noLevelAbove":
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// postsReceived returns the POST /v1/approvals requests f received.
func (f *fakeAPI) postsReceived() []fakePost {
	s := f.approvals()
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]fakePost(nil), s.posts...)
}
