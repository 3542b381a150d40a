package approval

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// DataSetMonthlyReport is the data set of the monthly reports (月报数据集),
// whose figures [Filter] lets indicators count when approved.
const DataSetMonthlyReport = "monthlyReport"

// Key names what is approved (审核对象): the data of one division for one
// month in one data set, such as 古楼街道's monthly report of October 2025.
// Keys are meant at the reporting level (填报单位), the divisions that
// submit: a township's key covers the reports of the township and of the
// divisions within it, such as its villages (see [Digest]).
type Key struct {
	// Division is the division whose data these are (填报单位区划代码),
	// the one that submits them.
	Division healthedu.DivisionCode `json:"division"`
	// Period is the month (报告期), such as "202510".
	Period healthedu.Period `json:"period"`
	// DataSet names the data set (数据集), such as [DataSetMonthlyReport]:
	// letters, digits, dots, hyphens and underscores, at most 64.
	DataSet string `json:"dataSet"`
}

// check reports what is wrong with k, at the paths of a step's document.
func (k Key) check() []healthedu.Issue {
	var issues []healthedu.Issue
	if !k.Division.IsValid() {
		issues = append(issues, required("division", "/division"))
	}
	switch {
	case !k.Period.IsValid():
		issues = append(issues, required("period", "/period"))
	case k.Period.Type() != healthedu.PeriodMonth:
		issues = append(issues, healthedu.NewIssue("approval.period", "/period", map[string]any{"value": k.Period.String()}))
	}
	switch {
	case k.DataSet == "":
		issues = append(issues, required("dataSet", "/dataSet"))
	case !validDataSet(k.DataSet):
		issues = append(issues, healthedu.NewIssue("approval.dataSet", "/dataSet", map[string]any{"value": k.DataSet}))
	}
	return issues
}

// validDataSet reports whether s is a data set's identifier.
func validDataSet(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && (c == '.' || c == '-' || c == '_'):
		default:
			return false
		}
	}
	return true
}

// Actor is who takes a step (操作人): a member of staff, or the platform,
// acting at a division in a role. The identifier is a staff or account
// identifier of the platform, never a citizen ID number (公民身份号码).
type Actor struct {
	// Division is the division at which the actor acts (操作单位区划代码):
	// the data's own division to submit, the one above it to approve,
	// the one above that to accept.
	Division healthedu.DivisionCode `json:"division"`
	// Role is the actor's role (岗位), such as "county-health-commission",
	// which a [Policy] may require.
	Role string `json:"role,omitempty"`
	// ID is the actor's account or staff identifier (操作人标识).
	ID string `json:"id"`
}

// Event is one step of approval (审核记录): when, which action, by whom,
// why, and over which data.
type Event struct {
	// At is when the step was taken (操作时间), given by the caller.
	At time.Time `json:"at"`
	// Action is the step (操作).
	Action Action `json:"action"`
	// Actor is who took it (操作人).
	Actor Actor `json:"actor"`
	// Reason says why (原因、意见): required to return, a remark otherwise.
	Reason string `json:"reason,omitempty"`
	// Digest is the digest of the data the step saw (数据摘要, see
	// [Digest]): required to approve and to accept, optional to submit,
	// not kept for a return.
	Digest string `json:"digest,omitempty"`
}

// Approval is the approval of one key (数据审核记录): its state, every
// step taken, and the digest of the data as last approved or accepted.
// Its JSON form holds the key's fields at the top, beside state, digest
// and history. The zero Approval of a key, as [New] returns it, is data
// not yet submitted.
type Approval struct {
	Key
	// State is where the data stand (审核状态); empty before the first
	// submission.
	State State `json:"state,omitempty"`
	// Digest is the digest of the data as approved (审核时数据摘要): that
	// of the last approval or acceptance while the state is approved or
	// accepted, empty otherwise. See [Stale].
	Digest string `json:"digest,omitempty"`
	// History is every step taken, in order (操作记录).
	History []Event `json:"history"`
}

// New returns the approval of k before any step: not submitted, with an
// empty history.
func New(k Key) *Approval { return &Approval{Key: k, History: []Event{}} }

// Policy says who may take which step beyond what the division tree says
// (审核权限). The zero Policy, which [Apply] uses, lets every role take
// every step its level allows and no level submit for another.
type Policy struct {
	// Roles, by action, lists the roles that may take it; an action
	// without an entry is open to every role, the empty role included.
	Roles map[Action][]string
	// SubmitFor lists the roles that may submit for a division within
	// their own (代报), such as a county's statistician submitting for a
	// township that cannot.
	SubmitFor []string
}

// Apply takes the step e on a with the zero [Policy]; see [Policy.Apply].
func Apply(a *Approval, e Event) []healthedu.Issue {
	var p Policy
	return p.Apply(a, e)
}

// Apply takes the step e on a (审核操作) when the rules allow it: it
// appends e to a's history and moves a's state, and returns nil.
// Otherwise it changes nothing and returns the issues, with paths into a
// step's document: the key's fields and the event's side by side, as
// {"division", "period", "dataSet", "at", "action", "actor": {"division",
// "role", "id"}, "reason", "digest"}.
//
// First the step as given: every missing or malformed field is reported
// ("approval.required", "approval.period", "approval.dataSet",
// "approval.action", "approval.digest", "approval.citizenId" for an actor
// ID shaped like a citizen ID number or a role or reason holding one).
// Then the first rule the step breaks, in this order:
//
//   - its time is before the last step's ("approval.order");
//   - the actor's division is neither the data's division D, nor one
//     containing it, nor one within it ("approval.outside");
//   - the state does not allow the action ("approval.notSubmitted",
//     "approval.alreadySubmitted", "approval.alreadyApproved",
//     "approval.alreadyAccepted", "approval.alreadyReturned"): submit
//     from unsubmitted or returned, approve from submitted, accept from
//     approved, return from submitted, approved or accepted;
//   - the actor acts at the wrong level: submit by D itself, or by a
//     division containing D in a role of p.SubmitFor
//     ("approval.submitter"); approve by D's parent P
//     ("approval.approver"); accept by P's parent G ("approval.accepter");
//     return of submitted data by P, of approved data by P (withdrawing
//     its approval) or G (instead of accepting), of accepted data by G
//     ("approval.returner", "approval.returnerApproved"); a D without P,
//     a province, cannot be approved, a P without G, a city's province,
//     cannot accept ("approval.noLevelAbove");
//   - the actor's role is not among p.Roles for the action
//     ("approval.role");
//   - a return without a reason ("approval.reasonRequired"); an approval
//     or acceptance without a digest ("approval.required"), or an
//     acceptance whose digest is not the approval's: the data changed
//     after the approval, which must be returned and given again
//     ("approval.stale").
//
// Every return reopens the data: the state becomes returned, whoever
// returned it, so that D can correct its reports and submit again, and
// a new approval is needed. Nothing follows acceptance but a return by the
// accepting level, as DHIS2 allows only the accepting level to unaccept.
// An approval or acceptance keeps its digest in a.Digest; a return clears
// it. Apply does not read the clock: e.At is the step's time.
//
// Apply with a nil a reports the key as missing ("approval.required" for
// the division).
func (p *Policy) Apply(a *Approval, e Event) []healthedu.Issue {
	if a == nil {
		return []healthedu.Issue{required("division", "/division")}
	}
	if issues := p.step(a, e, ""); len(issues) > 0 {
		return issues
	}
	a.commit(e)
	return nil
}

// commit appends the allowed step e to a's history and moves its state.
func (a *Approval) commit(e Event) {
	a.History = append(a.History, e)
	switch e.Action {
	case ActionSubmit:
		a.State = StateSubmitted
	case ActionApprove:
		a.State, a.Digest = StateApproved, e.Digest
	case ActionAccept:
		a.State, a.Digest = StateAccepted, e.Digest
	case ActionReturn:
		a.State, a.Digest = StateReturned, ""
	}
}

// step checks e on a; at is the pointer of the event's fields ("" for a
// step's document, "/history/3" for a stored history).
func (p *Policy) step(a *Approval, e Event, at string) []healthedu.Issue {
	issues := a.Key.check()
	if e.At.IsZero() {
		issues = append(issues, required("at", at+"/at"))
	}
	if !e.Action.IsValid() {
		if e.Action == "" {
			issues = append(issues, required("action", at+"/action"))
		} else {
			issues = append(issues, healthedu.NewIssue("approval.action", at+"/action", map[string]any{"value": string(e.Action)}))
		}
	}
	if !e.Actor.Division.IsValid() {
		issues = append(issues, required("division", at+"/actor/division"))
	}
	switch {
	case e.Actor.ID == "":
		issues = append(issues, required("id", at+"/actor/id"))
	case checkchar.CitizenIDShaped(e.Actor.ID) || holdsCitizenID(e.Actor.ID):
		issues = append(issues, healthedu.NewIssue("approval.citizenId", at+"/actor/id", nil))
	}
	if holdsCitizenID(e.Actor.Role) {
		issues = append(issues, healthedu.NewIssue("approval.citizenId", at+"/actor/role", nil))
	}
	if holdsCitizenID(e.Reason) {
		issues = append(issues, healthedu.NewIssue("approval.citizenId", at+"/reason", nil))
	}
	if e.Digest != "" && !validDigest(e.Digest) {
		issues = append(issues, healthedu.NewIssue("approval.digest", at+"/digest", map[string]any{"value": e.Digest}))
	}
	if len(issues) > 0 {
		return issues
	}
	if issue, ok := p.rule(a, e, at); !ok {
		return []healthedu.Issue{issue}
	}
	return nil
}

// rule returns the first rule e breaks on a, and false; or true.
func (p *Policy) rule(a *Approval, e Event, at string) (healthedu.Issue, bool) {
	if n := len(a.History); n > 0 && e.At.Before(a.History[n-1].At) {
		return healthedu.NewIssue("approval.order", at+"/at", map[string]any{
			"value":    e.At.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
			"previous": a.History[n-1].At.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
		}), false
	}
	d, actor := a.Division, e.Actor.Division
	if !d.Contains(actor) && !actor.Contains(d) {
		return healthedu.NewIssue("approval.outside", at+"/actor/division",
			map[string]any{"actor": actor.Short(), "division": d.Short()}), false
	}
	if code, ok := allowed(a.State, e.Action); !ok {
		return healthedu.NewIssue(code, at+"/action", nil), false
	}
	parent, hasParent := d.Parent()
	grand, hasGrand := parent.Parent()
	level := func(code string, want healthedu.DivisionCode) (healthedu.Issue, bool) {
		return healthedu.NewIssue(code, at+"/actor/division",
			map[string]any{"division": want.Short(), "actor": actor.Short()}), false
	}
	switch e.Action {
	case ActionSubmit:
		if actor != d && !(actor.Contains(d) && slices.Contains(p.SubmitFor, e.Actor.Role)) {
			return level("approval.submitter", d)
		}
	case ActionApprove:
		if !hasParent {
			return healthedu.NewIssue("approval.noLevelAbove", at+"/action", map[string]any{"division": d.Short()}), false
		}
		if actor != parent {
			return level("approval.approver", parent)
		}
	case ActionAccept:
		if !hasGrand {
			return healthedu.NewIssue("approval.noLevelAbove", at+"/action", map[string]any{"division": parent.Short()}), false
		}
		if actor != grand {
			return level("approval.accepter", grand)
		}
	case ActionReturn:
		switch a.State {
		case StateSubmitted:
			if actor != parent {
				return level("approval.returner", parent)
			}
		case StateApproved:
			if actor != parent && !(hasGrand && actor == grand) {
				if !hasGrand {
					return level("approval.returner", parent)
				}
				return healthedu.NewIssue("approval.returnerApproved", at+"/actor/division",
					map[string]any{"approver": parent.Short(), "accepter": grand.Short(), "actor": actor.Short()}), false
			}
		case StateAccepted:
			if actor != grand {
				return level("approval.returner", grand)
			}
		}
	}
	if roles, ok := p.Roles[e.Action]; ok && !slices.Contains(roles, e.Actor.Role) {
		return healthedu.NewIssue("approval.role", at+"/actor/role", map[string]any{"role": e.Actor.Role}), false
	}
	switch e.Action {
	case ActionReturn:
		if strings.TrimSpace(e.Reason) == "" {
			return healthedu.NewIssue("approval.reasonRequired", at+"/reason", nil), false
		}
	case ActionApprove, ActionAccept:
		if e.Digest == "" {
			return required("digest", at+"/digest"), false
		}
		if e.Action == ActionAccept && e.Digest != a.Digest {
			return healthedu.NewIssue("approval.stale", at+"/digest", nil), false
		}
	}
	return healthedu.Issue{}, true
}

// allowed reports whether action may follow state, or the code that
// refuses it.
func allowed(state State, action Action) (string, bool) {
	switch state {
	case StateUnsubmitted:
		return "approval.notSubmitted", action == ActionSubmit
	case StateReturned:
		return "approval.alreadyReturned", action == ActionSubmit
	case StateSubmitted:
		return "approval.alreadySubmitted", action == ActionApprove || action == ActionReturn
	case StateApproved:
		return "approval.alreadyApproved", action == ActionAccept || action == ActionReturn
	case StateAccepted:
		return "approval.alreadyAccepted", action == ActionReturn
	}
	return "approval.stateMismatch", false
}

// Replay returns the approval of k that the steps of history lead to,
// under p (nil for the zero Policy), as a store of approvals rebuilds or
// checks one. It stops at the first step the rules refuse, and returns
// the approval so far with the issues of that step, their event paths
// under "/history/i".
func (p *Policy) Replay(k Key, history []Event) (*Approval, []healthedu.Issue) {
	if p == nil {
		p = &Policy{}
	}
	a := New(k)
	for i, e := range history {
		if issues := p.step(a, e, healthedu.Pointer("history", strconv.Itoa(i))); len(issues) > 0 {
			return a, issues
		}
		a.commit(e)
	}
	return a, nil
}

// Check reports what is wrong with a stored approval a under p (nil for
// the zero Policy): the issues of the first step of its history that the
// rules refuse (see [Policy.Replay]), a state that is not the one its
// history leads to ("approval.stateMismatch"), a digest that is not that
// of its last approval or acceptance ("approval.digestMismatch").
func (p *Policy) Check(a *Approval) []healthedu.Issue {
	if a == nil {
		return []healthedu.Issue{required("division", "/division")}
	}
	r, issues := p.Replay(a.Key, a.History)
	if len(issues) > 0 {
		return issues
	}
	if r.State != a.State {
		issues = append(issues, healthedu.NewIssue("approval.stateMismatch", "/state", nil))
	}
	if r.Digest != a.Digest {
		issues = append(issues, healthedu.NewIssue("approval.digestMismatch", "/digest", nil))
	}
	return issues
}

// CanChange reports whether a division may change the data under
// approval a (修改权限) — submit, correct or delete a report of a's key —
// and, when it may not, the issue that says why: "approval.outside" for
// a changer neither containing a's division D nor within it,
// "approval.locked" for data signed off at the changer's level or above
// it. Data under approval cannot be changed from below:
//
//   - unsubmitted or returned: open to D, the divisions within it and
//     those above it;
//   - submitted: locked for D and the divisions within it, the submitter's
//     side, until returned; the approver P and those above may correct;
//   - approved: locked for P and all below it (D's side and the approver);
//     the accepter G and those above may still change it, which makes
//     the approval stale (see [Stale]);
//   - accepted: locked for G and all below it; only a level above G can
//     change it, which makes the acceptance stale.
//
// A nil a, data never submitted, may be changed by anyone. The issue's
// path is "" (the whole document that would change the data).
func CanChange(a *Approval, changer healthedu.DivisionCode) (bool, healthedu.Issue) {
	if a == nil {
		return true, healthedu.Issue{}
	}
	d := a.Division
	if !d.Contains(changer) && !changer.Contains(d) {
		return false, healthedu.NewIssue("approval.outside", "", map[string]any{"actor": changer.Short(), "division": d.Short()})
	}
	signed := d
	switch a.State {
	case StateUnsubmitted, StateReturned:
		return true, healthedu.Issue{}
	case StateApproved:
		signed, _ = d.Parent()
	case StateAccepted:
		p, _ := d.Parent()
		signed, _ = p.Parent()
	}
	if signed.Contains(changer) || !signed.IsValid() {
		return false, healthedu.NewIssue("approval.locked", "", map[string]any{"division": signed.Short(), "changer": changer.Short()})
	}
	return true, healthedu.Issue{}
}

// required returns the issue of a missing field at path.
func required(field, path string) healthedu.Issue {
	return healthedu.NewIssue("approval.required", path, map[string]any{"field": field})
}

// holdsCitizenID reports whether s holds a citizen ID number.
func holdsCitizenID(s string) bool {
	return s != "" && healthedu.RedactCitizenIDs(s) != s
}
