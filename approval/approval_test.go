package approval_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// cmpOpts compares the codes of package healthedu by value.
var cmpOpts = cmp.Options{cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})}

var (
	div    = healthedu.MustParseDivisionCode
	period = healthedu.MustParsePeriod
)

// The divisions of the tests, around 古楼街道 (D), whose data are approved
// by 东昌府区 (P) and accepted by 聊城市 (G).
var actors = map[string]healthedu.DivisionCode{
	"own":      div("371502001"),    // 古楼街道
	"village":  div("371502001001"), // a village of it
	"parent":   div("371502"),       // 东昌府区
	"grand":    div("3715"),         // 聊城市
	"province": div("37"),           // 山东省
	"sibling":  div("371502002"),    // 柳园街道, the same county
	"cousin":   div("371503001"),    // a township of 茌平区
	"outside":  div("150207"),       // 九原区
}

// actorNames lists the keys of actors in a fixed order.
var actorNames = []string{"own", "village", "parent", "grand", "province", "sibling", "cousin", "outside"}

var (
	key     = approval.Key{Division: div("371502001"), Period: period("202510"), DataSet: approval.DataSetMonthlyReport}
	digest1 = "sha256:" + strings.Repeat("1", 64)
	digest2 = "sha256:" + strings.Repeat("2", 64)
	t0      = time.Date(2025, 11, 5, 9, 0, 0, 0, healthedu.ChinaStandardTime)
)

// step returns an event of action by the actor at division d, n hours
// after t0, with a reason and digest1 (approve, accept) where needed.
func step(action approval.Action, d healthedu.DivisionCode, n int) approval.Event {
	e := approval.Event{At: t0.Add(time.Duration(n) * time.Hour), Action: action,
		Actor: approval.Actor{Division: d, Role: "staff", ID: "u-" + d.Short()}}
	switch action {
	case approval.ActionApprove, approval.ActionAccept:
		e.Digest = digest1
	case approval.ActionReturn:
		e.Reason = "讲座次数与活动记录不符"
	}
	return e
}

// in returns the approval of key in state s, reached by the usual steps.
func in(t *testing.T, s approval.State) *approval.Approval {
	t.Helper()
	a := approval.New(key)
	var steps []approval.Event
	switch s {
	case approval.StateSubmitted:
		steps = []approval.Event{step("submit", actors["own"], 0)}
	case approval.StateApproved:
		steps = []approval.Event{step("submit", actors["own"], 0), step("approve", actors["parent"], 1)}
	case approval.StateAccepted:
		steps = []approval.Event{step("submit", actors["own"], 0), step("approve", actors["parent"], 1), step("accept", actors["grand"], 2)}
	case approval.StateReturned:
		steps = []approval.Event{step("submit", actors["own"], 0), step("return", actors["parent"], 1)}
	}
	for _, e := range steps {
		if is := approval.Apply(a, e); is != nil {
			t.Fatalf("reaching %q: %v", s, is)
		}
	}
	if a.State != s {
		t.Fatalf("reached %q, want %q", a.State, s)
	}
	return a
}

// codesOf returns "code path" for each issue.
func codesOf(issues []healthedu.Issue) []string {
	var out []string
	for _, is := range issues {
		out = append(out, is.Code+" "+is.Path)
	}
	return out
}

// TestTransitions takes every action in every state by every level of the
// tree: the data's own division, a village within it, its parent, its
// grandparent, its province, a sibling township, a township of another
// county and a division elsewhere. Divisions outside the tree are always
// refused as such; of the others, okBy may take the action and move the
// state to want, and the rest are refused with refusal.
func TestTransitions(t *testing.T) {
	tests := []struct {
		state   approval.State
		action  approval.Action
		okBy    []string
		want    approval.State
		refusal string
	}{
		{"", "submit", []string{"own"}, "submitted", "approval.submitter"},
		{"", "approve", nil, "", "approval.notSubmitted"},
		{"", "accept", nil, "", "approval.notSubmitted"},
		{"", "return", nil, "", "approval.notSubmitted"},

		{"submitted", "submit", nil, "", "approval.alreadySubmitted"},
		{"submitted", "approve", []string{"parent"}, "approved", "approval.approver"},
		{"submitted", "accept", nil, "", "approval.alreadySubmitted"},
		{"submitted", "return", []string{"parent"}, "returned", "approval.returner"},

		{"approved", "submit", nil, "", "approval.alreadyApproved"},
		{"approved", "approve", nil, "", "approval.alreadyApproved"},
		{"approved", "accept", []string{"grand"}, "accepted", "approval.accepter"},
		{"approved", "return", []string{"parent", "grand"}, "returned", "approval.returnerApproved"},

		{"accepted", "submit", nil, "", "approval.alreadyAccepted"},
		{"accepted", "approve", nil, "", "approval.alreadyAccepted"},
		{"accepted", "accept", nil, "", "approval.alreadyAccepted"},
		{"accepted", "return", []string{"grand"}, "returned", "approval.returner"},

		{"returned", "submit", []string{"own"}, "submitted", "approval.submitter"},
		{"returned", "approve", nil, "", "approval.alreadyReturned"},
		{"returned", "accept", nil, "", "approval.alreadyReturned"},
		{"returned", "return", nil, "", "approval.alreadyReturned"},
	}
	for _, tt := range tests {
		for _, name := range actorNames {
			a := in(t, tt.state)
			before := *a
			before.History = slices.Clone(a.History)
			e := step(tt.action, actors[name], 10)
			issues := approval.Apply(a, e)

			want := tt.refusal
			switch {
			case name == "sibling" || name == "cousin" || name == "outside":
				want = "approval.outside"
			case contains(tt.okBy, name):
				want = ""
			}
			var got string
			if len(issues) > 0 {
				got = issues[0].Code
				if len(issues) > 1 {
					t.Errorf("%q %s by %s: %d issues %v", tt.state, tt.action, name, len(issues), codesOf(issues))
				}
				if diff := cmp.Diff(&before, a, cmpOpts); diff != "" {
					t.Errorf("%q %s by %s: refused but changed (-before +after):\n%s", tt.state, tt.action, name, diff)
				}
			} else {
				if a.State != tt.want {
					t.Errorf("%q %s by %s: state %q, want %q", tt.state, tt.action, name, a.State, tt.want)
				}
				if diff := cmp.Diff(append(before.History, e), a.History, cmpOpts); diff != "" {
					t.Errorf("%q %s by %s: history (-want +got):\n%s", tt.state, tt.action, name, diff)
				}
			}
			if got != want {
				t.Errorf("%q %s by %s: %q, want %q", tt.state, tt.action, name, got, want)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRefusals: the issues of refused steps, with their paths and params.
func TestRefusals(t *testing.T) {
	withDigest := func(e approval.Event, d string) approval.Event { e.Digest = d; return e }
	withReason := func(e approval.Event, r string) approval.Event { e.Reason = r; return e }
	withActor := func(e approval.Event, id, role string) approval.Event {
		e.Actor.ID, e.Actor.Role = id, role
		return e
	}
	tests := []struct {
		name  string
		state approval.State
		key   *approval.Key
		e     approval.Event
		want  []healthedu.Issue
	}{
		{"return without reason", "submitted", nil, withReason(step("return", actors["parent"], 5), " \t"),
			[]healthedu.Issue{healthedu.NewIssue("approval.reasonRequired", "/reason", nil)}},
		{"approve without digest", "submitted", nil, withDigest(step("approve", actors["parent"], 5), ""),
			[]healthedu.Issue{healthedu.NewIssue("approval.required", "/digest", map[string]any{"field": "digest"})}},
		{"accept of changed data", "approved", nil, withDigest(step("accept", actors["grand"], 5), digest2),
			[]healthedu.Issue{healthedu.NewIssue("approval.stale", "/digest", nil)}},
		{"malformed digest", "submitted", nil, withDigest(step("approve", actors["parent"], 5), "sha256:ABC"),
			[]healthedu.Issue{healthedu.NewIssue("approval.digest", "/digest", map[string]any{"value": "sha256:ABC"})}},
		{"before the last step", "submitted", nil, step("approve", actors["parent"], -1),
			[]healthedu.Issue{healthedu.NewIssue("approval.order", "/at", map[string]any{"value": "2025-11-05T08:00:00+08:00", "previous": "2025-11-05T09:00:00+08:00"})}},
		{"sibling approves", "submitted", nil, step("approve", actors["sibling"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.outside", "/actor/division", map[string]any{"actor": "371502002", "division": "371502001"})}},
		{"city approves", "submitted", nil, step("approve", actors["grand"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.approver", "/actor/division", map[string]any{"division": "371502", "actor": "3715"})}},
		{"county accepts", "approved", nil, step("accept", actors["parent"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.accepter", "/actor/division", map[string]any{"division": "3715", "actor": "371502"})}},
		{"township returns its approved data", "approved", nil, step("return", actors["own"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.returnerApproved", "/actor/division", map[string]any{"approver": "371502", "accepter": "3715", "actor": "371502001"})}},
		{"county returns accepted data", "accepted", nil, step("return", actors["parent"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.returner", "/actor/division", map[string]any{"division": "3715", "actor": "371502"})}},
		{"county submits", "", nil, step("submit", actors["parent"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.submitter", "/actor/division", map[string]any{"division": "371502001", "actor": "371502"})}},
		{"approve a province's data", "", &approval.Key{Division: div("37"), Period: period("202510"), DataSet: "monthlyReport"}, step("approve", actors["province"], 5),
			[]healthedu.Issue{healthedu.NewIssue("approval.notSubmitted", "/action", nil)}},
		{"citizen ID as actor", "submitted", nil, withActor(step("approve", actors["parent"], 5), "371502198001010016", ""),
			[]healthedu.Issue{healthedu.NewIssue("approval.citizenId", "/actor/id", nil)}},
		{"citizen ID in role and reason", "submitted", nil, withReason(withActor(step("return", actors["parent"], 5), "dcf-wang", "审核员11010519491231002X"), "请核对11010519491231002X的记录"),
			[]healthedu.Issue{healthedu.NewIssue("approval.citizenId", "/actor/role", nil), healthedu.NewIssue("approval.citizenId", "/reason", nil)}},
		{"nothing given", "", &approval.Key{}, approval.Event{},
			[]healthedu.Issue{
				healthedu.NewIssue("approval.required", "/division", map[string]any{"field": "division"}),
				healthedu.NewIssue("approval.required", "/period", map[string]any{"field": "period"}),
				healthedu.NewIssue("approval.required", "/dataSet", map[string]any{"field": "dataSet"}),
				healthedu.NewIssue("approval.required", "/at", map[string]any{"field": "at"}),
				healthedu.NewIssue("approval.required", "/action", map[string]any{"field": "action"}),
				healthedu.NewIssue("approval.required", "/actor/division", map[string]any{"field": "division"}),
				healthedu.NewIssue("approval.required", "/actor/id", map[string]any{"field": "id"}),
			}},
		{"a quarter, a bad data set, an unknown action", "", &approval.Key{Division: div("371502001"), Period: period("2025Q4"), DataSet: "月报"},
			approval.Event{At: t0, Action: "unapprove", Actor: approval.Actor{Division: div("371502001"), ID: "x"}},
			[]healthedu.Issue{
				healthedu.NewIssue("approval.period", "/period", map[string]any{"value": "2025Q4"}),
				healthedu.NewIssue("approval.dataSet", "/dataSet", map[string]any{"value": "月报"}),
				healthedu.NewIssue("approval.action", "/action", map[string]any{"value": "unapprove"}),
			}},
	}
	for _, tt := range tests {
		a := in(t, tt.state)
		if tt.key != nil {
			a = approval.New(*tt.key)
		}
		if diff := cmp.Diff(tt.want, approval.Apply(a, tt.e)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	if diff := cmp.Diff([]string{"approval.required /division"}, codesOf(approval.Apply(nil, step("submit", actors["own"], 0)))); diff != "" {
		t.Errorf("nil approval (-want +got):\n%s", diff)
	}
}

// TestNoLevelAbove: a province's data have no level to approve them; a
// city's are approved by its province and accepted by nobody; 东莞's
// townships, in a city without counties, are approved by the city.
func TestNoLevelAbove(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		steps []approval.Event
		want  []string
	}{
		{"province", "37", []approval.Event{step("submit", div("37"), 0), step("approve", div("37"), 1)},
			[]string{"", "approval.noLevelAbove /action"}},
		{"city", "3715", []approval.Event{step("submit", div("3715"), 0), step("approve", div("37"), 1), step("accept", div("37"), 2), step("return", div("3715"), 3), step("return", div("37"), 4)},
			[]string{"", "", "approval.noLevelAbove /action", "approval.returner /actor/division", ""}},
		{"东莞", "441900003", []approval.Event{step("submit", div("441900003"), 0), step("approve", div("4419"), 1), step("accept", div("44"), 2)},
			[]string{"", "", ""}},
	}
	for _, tt := range tests {
		a := approval.New(approval.Key{Division: div(tt.key), Period: period("202510"), DataSet: "monthlyReport"})
		var got []string
		for _, e := range tt.steps {
			got = append(got, strings.Join(codesOf(approval.Apply(a, e)), ";"))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestPolicy: roles that may take a step, and submitting for a division
// below (代报).
func TestPolicy(t *testing.T) {
	p := &approval.Policy{
		Roles:     map[approval.Action][]string{approval.ActionApprove: {"county-reviewer"}},
		SubmitFor: []string{"county-statistician"},
	}
	as := func(e approval.Event, role string) approval.Event { e.Actor.Role = role; return e }
	tests := []struct {
		name  string
		state approval.State
		e     approval.Event
		want  []string
	}{
		{"reviewer approves", "submitted", as(step("approve", actors["parent"], 5), "county-reviewer"), nil},
		{"staff approves", "submitted", as(step("approve", actors["parent"], 5), "staff"), []string{"approval.role /actor/role"}},
		{"no role approves", "submitted", as(step("approve", actors["parent"], 5), ""), []string{"approval.role /actor/role"}},
		{"anyone returns", "submitted", as(step("return", actors["parent"], 5), ""), nil},
		{"statistician submits for the township", "", as(step("submit", actors["parent"], 5), "county-statistician"), nil},
		{"and from the city", "", as(step("submit", actors["grand"], 5), "county-statistician"), nil},
		{"reviewer submits", "", as(step("submit", actors["parent"], 5), "county-reviewer"), []string{"approval.submitter /actor/division"}},
		{"statistician of a village", "", as(step("submit", actors["village"], 5), "county-statistician"), []string{"approval.submitter /actor/division"}},
		{"statistician of another county", "", as(step("submit", div("371503"), 5), "county-statistician"), []string{"approval.outside /actor/division"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, codesOf(p.Apply(in(t, tt.state), tt.e))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestCanChange: data under approval cannot be changed from below, for
// every state and level.
func TestCanChange(t *testing.T) {
	tests := []struct {
		state approval.State
		// by actor name, "" when the change is allowed
		want map[string]string
	}{
		{"", map[string]string{"own": "", "village": "", "parent": "", "grand": "", "province": ""}},
		{"submitted", map[string]string{"own": "approval.locked 371502001", "village": "approval.locked 371502001", "parent": "", "grand": "", "province": ""}},
		{"approved", map[string]string{"own": "approval.locked 371502", "village": "approval.locked 371502", "parent": "approval.locked 371502", "grand": "", "province": ""}},
		{"accepted", map[string]string{"own": "approval.locked 3715", "village": "approval.locked 3715", "parent": "approval.locked 3715", "grand": "approval.locked 3715", "province": ""}},
		{"returned", map[string]string{"own": "", "village": "", "parent": "", "grand": "", "province": ""}},
	}
	for _, tt := range tests {
		a := in(t, tt.state)
		got := map[string]string{}
		for _, name := range actorNames {
			ok, is := approval.CanChange(a, actors[name])
			switch {
			case ok && is.Code != "":
				t.Errorf("%q by %s: allowed with issue %v", tt.state, name, is)
			case ok:
				got[name] = ""
			case is.Code == "approval.outside":
				if name != "sibling" && name != "cousin" && name != "outside" {
					t.Errorf("%q by %s: outside", tt.state, name)
				}
			default:
				got[name] = is.Code + " " + is.Params["division"].(string)
				if is.Params["changer"] != actors[name].Short() {
					t.Errorf("%q by %s: changer %v", tt.state, name, is.Params["changer"])
				}
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.state, diff)
		}
	}
	if ok, is := approval.CanChange(nil, actors["outside"]); !ok || is.Code != "" {
		t.Errorf("CanChange(nil) = %v, %v", ok, is)
	}
}

// TestReturnReopens: approved data cannot be changed from below; the city
// corrects them, which makes the approval stale, so that it cannot be
// accepted; the city returns them, which reopens them; the township
// corrects and submits again; the new approval covers the new data and
// is accepted.
func TestReturnReopens(t *testing.T) {
	gl := actors["own"]
	reports := []*healthedu.MonthlyReport{monthly("gl-202510", "371502001", "202510", "lectures", "3")}
	a := approval.New(key)
	var log []string
	do := func(e approval.Event) {
		log = append(log, string(e.Action)+" by "+e.Actor.Division.Short()+": "+strings.Join(codesOf(approval.Apply(a, e)), ";")+" → "+string(a.State))
	}
	change := func(by healthedu.DivisionCode, value string) {
		ok, is := approval.CanChange(a, by)
		log = append(log, "change by "+by.Short()+": "+is.Code)
		if ok {
			reports = []*healthedu.MonthlyReport{monthly("gl-202510", "371502001", "202510", "lectures", value)}
		}
	}
	withDigest := func(e approval.Event) approval.Event { e.Digest = approval.Digest(key, reports); return e }

	do(step("submit", gl, 0))
	change(gl, "4")
	do(withDigest(step("approve", actors["parent"], 1)))
	d1 := a.Digest
	change(gl, "4")
	change(actors["parent"], "4")
	if approval.Stale(a, approval.Digest(key, reports)) {
		t.Error("stale before any change")
	}
	change(actors["grand"], "5")
	if !approval.Stale(a, approval.Digest(key, reports)) {
		t.Error("not stale after the city's change")
	}
	do(withDigest(step("accept", actors["grand"], 2)))
	do(step("return", actors["grand"], 3))
	if a.Digest != "" {
		t.Errorf("digest %q after the return", a.Digest)
	}
	change(gl, "6")
	do(withDigest(step("submit", gl, 4)))
	do(withDigest(step("approve", actors["parent"], 5)))
	do(withDigest(step("accept", actors["grand"], 6)))
	change(actors["grand"], "7")

	want := []string{
		"submit by 371502001:  → submitted",
		"change by 371502001: approval.locked",
		"approve by 371502:  → approved",
		"change by 371502001: approval.locked",
		"change by 371502: approval.locked",
		"change by 3715: ",
		"accept by 3715: approval.stale /digest → approved",
		"return by 3715:  → returned",
		"change by 371502001: ",
		"submit by 371502001:  → submitted",
		"approve by 371502:  → approved",
		"accept by 3715:  → accepted",
		"change by 3715: approval.locked",
	}
	if diff := cmp.Diff(want, log); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if a.Digest == d1 || a.Digest != approval.Digest(key, reports) || approval.Stale(a, approval.Digest(key, reports)) {
		t.Errorf("digest %s, first %s, now %s", a.Digest, d1, approval.Digest(key, reports))
	}
	var got []string
	for _, e := range a.History {
		got = append(got, string(e.Action)+" "+e.Actor.Division.Short())
	}
	wantHistory := []string{"submit 371502001", "approve 371502", "return 3715", "submit 371502001", "approve 371502", "accept 3715"}
	if diff := cmp.Diff(wantHistory, got); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if is := (*approval.Policy)(nil).Check(a); is != nil {
		t.Errorf("Check: %v", codesOf(is))
	}
}

// TestCheck: a stored approval agrees with its history or says where not.
func TestCheck(t *testing.T) {
	good := in(t, approval.StateAccepted)
	tamper := func(f func(a *approval.Approval)) *approval.Approval {
		b, _ := json.Marshal(good)
		var a approval.Approval
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		f(&a)
		return &a
	}
	tests := []struct {
		name string
		a    *approval.Approval
		want []string
	}{
		{"as stored", tamper(func(*approval.Approval) {}), nil},
		{"state", tamper(func(a *approval.Approval) { a.State = approval.StateApproved }), []string{"approval.stateMismatch /state"}},
		{"digest", tamper(func(a *approval.Approval) { a.Digest = digest2 }), []string{"approval.digestMismatch /digest"}},
		{"a step by the wrong level", tamper(func(a *approval.Approval) { a.History[1].Actor.Division = div("3715") }), []string{"approval.approver /history/1/actor/division"}},
		{"a step without actor", tamper(func(a *approval.Approval) { a.History[2].Actor = approval.Actor{} }),
			[]string{"approval.required /history/2/actor/division", "approval.required /history/2/actor/id"}},
		{"nil", nil, []string{"approval.required /division"}},
	}
	var p approval.Policy
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, codesOf(p.Check(tt.a))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestJSON: the wire form of an approval, lowerCamelCase, the key's
// fields at the top, and back.
func TestJSON(t *testing.T) {
	a := in(t, approval.StateApproved)
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"division":"371502001000","period":"202510","dataSet":"monthlyReport","state":"approved","digest":"` + digest1 + `","history":[` +
		`{"at":"2025-11-05T09:00:00+08:00","action":"submit","actor":{"division":"371502001000","role":"staff","id":"u-371502001"}},` +
		`{"at":"2025-11-05T10:00:00+08:00","action":"approve","actor":{"division":"371502000000","role":"staff","id":"u-371502"},"digest":"` + digest1 + `"}]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var back approval.Approval
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, &back, cmpOpts); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	b, _ = json.Marshal(approval.New(key))
	if want := `{"division":"371502001000","period":"202510","dataSet":"monthlyReport","history":[]}`; string(b) != want {
		t.Errorf("new: %s, want %s", b, want)
	}
	for _, bad := range []string{`{"state":"unapproved"}`, `{"history":[{"action":"unaccept"}]}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
