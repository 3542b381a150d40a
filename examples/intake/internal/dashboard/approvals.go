package dashboard

import (
	"cmp"
	"context"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// Data approval (数据审核) on the dashboard: the page
// "/approvals?division=…&period=YYYYMM" lists the reporting divisions
// (townships) within a division with the approval of their month — its
// state, whether the data changed after it was approved, its last step and
// its history — and the counts by state, from GET /v1/approvals.
//
// Each row has a form that takes one step without a script: a POST to
// "/approvals" (the page's own query in the URL: division, period, lang)
// whose form-encoded body holds division and period (the township's month),
// action (submit, approve, accept or return: a button each, only those the
// state allows), reason, and token, the approver's own bearer token. The
// dashboard forwards the step to POST /v1/approvals with that token, never
// its own, and never logs, keeps or echoes it. An accepted step answers 303
// See Other back to the page with done=<division>&action=<action> added, and
// the page says so when that division's last step is indeed that action (so
// a link cannot make it claim a step that was not taken). A refused step
// answers with the page itself, at once, with the API's status (401 becomes
// 403: the page asks for no HTTP authentication) and the API's problem —
// its detail, in the language the API chose, and its code — above the table
// and in the row, whose reason is kept; nothing of the problem travels in a
// URL.
//
// Above a county the page first counts the states of each division
// directly under it (a city's counties, a province's cities), each linking
// to that division's own page: that is what a city or a province follows,
// and where its staff go to act. The rows of the reporting divisions, with
// their forms, are listed within a county (its townships: those it
// approves), and above one only when they are at most approvalRowsMax; a
// province's, or a large city's, would weigh megabytes of forms that
// nobody reads there.
//
// Hooks for tests: data-page="approvals", data-division and data-period on
// <main>; #approval-summary, with data-units the number of reporting
// divisions, holding a div[data-state] per state (and "stale") with
// dd.count; the table #approval-children of the divisions below, a
// tr[data-division] per division with td[data-state] (and "stale") and
// td.units; #approvals-omitted when the rows are not listed; the table
// #approvals, a tr[data-division] per
// division with data-state ("unsubmitted" when never submitted) and
// data-stale, td.state with .state-label and .stale-mark, td.last, the
// history details.history with an li[data-action] per step, and form.act
// with inputs reason and token and a button[name=action] per step allowed;
// the outcome #outcome and the row's .outcome, both with data-outcome (ok or
// refused) and data-code.

// approvalStates are the states in the order of the counts.
var approvalStates = []approval.State{approval.StateUnsubmitted, approval.StateSubmitted, approval.StateApproved, approval.StateAccepted, approval.StateReturned}

// approvalRowsMax is the most reporting divisions whose rows (each with
// its form and history, up to 2.5 KB of HTML) the page of a division above
// a county lists; within a county every row is listed. 100 keeps the page
// under 300 KB whatever the histories, and lists a small city's townships;
// a larger one's are a click away, in each county's page.
const approvalRowsMax = 100

// approvalFormMax bounds the body of a step's form.
const approvalFormMax = 16 << 10

// stateKey is the name of state s in the API's counts and the page's
// hooks: "unsubmitted" for the zero State.
func stateKey(s approval.State) string {
	if s == approval.StateUnsubmitted {
		return "unsubmitted"
	}
	return string(s)
}

// approvalSteps returns the steps that make sense for a: submit when
// unsubmitted or returned, approve or return when submitted, accept or
// return when approved, return when accepted. An approval whose data
// changed after it (Stale) can only be returned: it cannot be accepted.
func approvalSteps(a wire.Approval) []approval.Action {
	switch a.State {
	case approval.StateUnsubmitted, approval.StateReturned:
		return []approval.Action{approval.ActionSubmit}
	case approval.StateSubmitted:
		return []approval.Action{approval.ActionApprove, approval.ActionReturn}
	case approval.StateApproved:
		if a.Stale {
			return []approval.Action{approval.ActionReturn}
		}
		return []approval.Action{approval.ActionAccept, approval.ActionReturn}
	case approval.StateAccepted:
		return []approval.Action{approval.ActionReturn}
	}
	return nil
}

// actionKeys are the message keys of the buttons.
var actionKeys = map[approval.Action]string{
	approval.ActionSubmit: "actSubmit", approval.ActionApprove: "actApprove",
	approval.ActionAccept: "actAccept", approval.ActionReturn: "actReturn",
}

// approvalsPage is "/approvals".
type approvalsPage struct {
	frame
	Heading    string
	Under      wire.Division
	Period     string // YYYYMM
	PeriodName string
	NoteText   string // the number of divisions, and what stale means when some are
	Units      int    // the reporting divisions, listed or not
	Counts     []approvalCount
	Stale      int
	Children   *approvalChildren // above a county: the counts of each division below
	Rows       []approvalRow
	Omitted    string           // why the rows are not listed, when they are not
	Outcome    *approvalOutcome // of the step just taken, or nil
	FormAction string           // the forms' target, this page's URL
	BackURL    string
	PrevURL    string
	NextURL    string
	Months     []option
}

// An approvalCount is the number of divisions in one state.
type approvalCount struct {
	State, Label string
	N            int
}

// approvalChildren is the table of the divisions directly below the
// page's: the number of their reporting divisions in each state.
type approvalChildren struct {
	Caption string
	Rows    []approvalChild
	Total   approvalChild
}

// An approvalChild is a division below the page's, with the number of its
// reporting divisions in each state (in the order of approvalStates), the
// number of them whose data changed since their approval, and all of them.
type approvalChild struct {
	Division string
	Name     string
	URL      string // its own approval page
	Counts   []approvalCount
	Stale    int
	Units    int
}

// groupApprovals counts the approvals as by the division at level child
// that holds each (a city's counties, a province's cities), in the order
// of their codes, named from names and linked to by link, and their total.
// An approval of a division above that level counts as its own.
func groupApprovals(as []wire.Approval, child healthedu.DivisionLevel, names map[healthedu.DivisionCode]string, link func(healthedu.DivisionCode) string) (rows []approvalChild, total approvalChild) {
	divisions := make([]healthedu.DivisionCode, len(as))
	for i, a := range as {
		divisions[i] = a.Division
	}
	holders, of := byChild(divisions, child)
	newChild := func(c healthedu.DivisionCode) approvalChild {
		ch := approvalChild{Counts: make([]approvalCount, len(approvalStates))}
		if c.IsValid() {
			ch.Division, ch.Name, ch.URL = c.String(), cmp.Or(names[c], c.String()), link(c)
		}
		for i, st := range approvalStates {
			ch.Counts[i].State = stateKey(st)
		}
		return ch
	}
	for _, c := range holders {
		rows = append(rows, newChild(c))
	}
	total = newChild(healthedu.DivisionCode{})
	for i, a := range as {
		for _, ch := range []*approvalChild{&rows[of[i]], &total} {
			ch.Units++
			if i := slices.Index(approvalStates, a.State); i >= 0 {
				ch.Counts[i].N++
			}
			if a.Stale {
				ch.Stale++
			}
		}
	}
	return rows, total
}

// An approvalRow is a division's approval, ready to show.
type approvalRow struct {
	Division   string
	Name       string
	State      string // stateKey
	StateLabel string
	Stale      bool
	Last       *approvalStep
	History    []approvalStep
	StepsText  string
	Actions    []approvalButton
	Reason     string           // kept after a refusal
	ReasonHint string           // that a return needs one, when the row offers it
	Outcome    *approvalOutcome // of the step just taken on this row
}

// An approvalStep is an event of a history, ready to show.
type approvalStep struct {
	Action, ActionLabel string
	At, AtText          string
	Who, Role, ID       string
	Reason              string
}

// An approvalButton is a step a row's form offers.
type approvalButton struct {
	Action, Label string
}

// An approvalOutcome is what became of a step taken from the page.
type approvalOutcome struct {
	OK         bool
	Division   string
	Text       string // who and what, and the new state or that it failed
	Detail     string // the API's problem, when refused
	DetailLang string // its language, when not the page's
	Code       string // its code
	CodeLabel  string // what the code is, with a colon
}

// approvalsState reads the page's division and month: the parameters
// division and period (a month), else the defaults.
func (d *dashboard) approvalsState(q url.Values, lang uiLang) (pageState, *paramError) {
	if q.Get("period") == "" && d.opts.DefaultPeriod.IsValid() {
		q = cloneValues(q)
		q.Set("period", reportMonth(d.opts.DefaultPeriod, d.opts.DefaultPeriod).String())
	}
	s, perr := d.readState(q, lang)
	if perr != nil {
		return s, perr
	}
	if s.Period.Type() != healthedu.PeriodMonth {
		return s, &paramError{Param: "period", Key: "errorApprovalMonth", Value: q.Get("period")}
	}
	s.Indicator = ""
	return s, nil
}

// cloneValues returns a copy of q that may be changed.
func cloneValues(q url.Values) url.Values {
	c := make(url.Values, len(q))
	for k, v := range q {
		c[k] = append([]string(nil), v...)
	}
	return c
}

// approvalsURL links to the approval page of s.
func (s pageState) approvalsURL() string {
	q := s.query()
	q.Del("indicator")
	return "approvals?" + q.Encode()
}

// serveApprovals serves GET "/approvals".
func (d *dashboard) serveApprovals(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	s, perr := d.approvalsState(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	p, err := d.approvalsPage(ctx, r, lang, s)
	if err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}
	q := r.URL.Query()
	if done, act := q.Get("done"), q.Get("action"); done != "" && act != "" {
		p.addDone(lang, done, approval.Action(act))
	}
	d.render(w, r, http.StatusOK, "approvals", p)
}

// approvalsPage builds the page of s from the API.
func (d *dashboard) approvalsPage(ctx context.Context, r *http.Request, lang uiLang, s pageState) (*approvalsPage, error) {
	var a wire.Approvals
	if err := d.api.get(ctx, r, lang, "/v1/approvals", url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}, &a); err != nil {
		return nil, err
	}
	// The names of the divisions that act: the page's own, those above and
	// below it, and the reporting divisions. A failure leaves the codes.
	names := map[healthedu.DivisionCode]string{}
	var divs wire.Divisions
	if err := d.api.get(ctx, r, lang, "/v1/divisions", url.Values{"under": {s.Division.String()}}, &divs); err != nil {
		d.logAPIFailure(r, err)
	} else {
		names[divs.Division.Code] = divs.Division.Name
		for _, x := range append(divs.Ancestors, divs.Children...) {
			names[x.Code] = x.Name
		}
	}
	if a.Under.Name != "" {
		names[a.Under.Code] = a.Under.Name
	}
	for _, ap := range a.Approvals {
		if ap.Name != "" {
			names[ap.Division] = ap.Name
		}
	}

	p := &approvalsPage{
		Under:      a.Under,
		Period:     s.Period.String(),
		PeriodName: lang.periodName(s.Period),
		NoteText:   lang.sprintf("approvalsUnits", groupDigits(int64(len(a.Approvals)))),
		FormAction: s.approvalsURL(),
		BackURL:    s.indexURL(),
	}
	if !p.Under.Code.IsValid() {
		p.Under.Code = s.Division
	}
	p.Under.Name = cmp.Or(p.Under.Name, s.Division.String())
	if prev := s.Period.Add(-1); prev.IsValid() {
		p.PrevURL = s.withPeriod(prev).approvalsURL()
	}
	if next := s.Period.Next(); next.IsValid() {
		p.NextURL = s.withPeriod(next).approvalsURL()
	}
	for mo := range healthedu.YearPeriod(s.Period.Year()).Sub(healthedu.PeriodMonth) {
		p.Months = append(p.Months, option{Value: mo.String(), Label: lang.periodName(mo), Selected: mo == s.Period})
	}
	p.Heading = lang.sprintf("approvalsHeading", p.Under.Name, p.PeriodName)
	p.frame = newFrame("approvals", r, lang, p.Heading)
	p.State = s

	for _, st := range approvalStates {
		p.Counts = append(p.Counts, approvalCount{State: stateKey(st), Label: capitalize(st.Label(lang.Tag())), N: a.Count[stateKey(st)]})
	}
	p.Units = len(a.Approvals)
	for _, ap := range a.Approvals {
		if ap.Stale {
			p.Stale++
		}
	}
	level := p.Under.Code.Level()
	if level != 0 && level < healthedu.LevelCounty && len(a.Approvals) > 0 {
		link := func(c healthedu.DivisionCode) string { return s.with(c).approvalsURL() }
		rows, total := groupApprovals(a.Approvals, level+1, names, link)
		total.Name = lang.T()["total"]
		p.Children = &approvalChildren{Caption: lang.sprintf("approvalsByChild", lang.levelName(levelText(level+1))), Rows: rows, Total: total}
	}
	rows := a.Approvals
	if level != 0 && level < healthedu.LevelCounty && len(a.Approvals) > approvalRowsMax {
		rows = nil
		p.Omitted = lang.sprintf("approvalsOmitted", groupDigits(int64(len(a.Approvals))), lang.levelName(levelText(level+1)))
	}
	for _, ap := range rows {
		row := approvalRow{
			Division:   ap.Division.String(),
			Name:       cmp.Or(ap.Name, ap.Division.String()),
			State:      stateKey(ap.State),
			StateLabel: capitalize(ap.State.Label(lang.Tag())),
			Stale:      ap.Stale,
			StepsText:  lang.sprintf("historySteps", strconv.Itoa(len(ap.History))),
		}
		if len(ap.History) == 1 {
			row.StepsText = lang.T()["historyOneStep"]
		}
		for _, e := range ap.History {
			row.History = append(row.History, lang.approvalStep(e, names))
		}
		if n := len(row.History); n > 0 {
			row.Last = &row.History[n-1]
		}
		for _, act := range approvalSteps(ap) {
			row.Actions = append(row.Actions, approvalButton{Action: string(act), Label: lang.T()[actionKeys[act]]})
			if act == approval.ActionReturn {
				row.ReasonHint = lang.T()["reasonHint"]
			}
		}
		p.Rows = append(p.Rows, row)
	}
	if p.Stale > 0 {
		if lang == langEn {
			p.NoteText += " "
		}
		p.NoteText += lang.T()["approvalsStaleNote"]
	}
	return p, nil
}

// approvalStep makes the step e ready to show in language l, naming the
// actor's division from names when it is there.
func (l uiLang) approvalStep(e approval.Event, names map[healthedu.DivisionCode]string) approvalStep {
	st := approvalStep{
		Action:      string(e.Action),
		ActionLabel: capitalize(e.Action.Label(l.Tag())),
		Who:         cmp.Or(names[e.Actor.Division], e.Actor.Division.String()),
		Role:        l.roleName(e.Actor.Role),
		ID:          e.Actor.ID,
		Reason:      e.Reason,
	}
	if !e.At.IsZero() {
		st.At = e.At.Format(time.RFC3339)
		st.AtText = l.timeName(st.At)
	}
	return st
}

// roleName names a role of the intake's tokens; another is shown as the
// API wrote it.
func (l uiLang) roleName(role string) string {
	key := map[string]string{"submitter": "roleSubmitter", "admin": "roleAdmin", "reader": "roleReader", "approver": "roleApprover"}[role]
	if key == "" {
		return role
	}
	return uiMessages[key][l]
}

// row returns the row of division code, or nil.
func (p *approvalsPage) row(code string) *approvalRow {
	for i := range p.Rows {
		if p.Rows[i].Division == code {
			return &p.Rows[i]
		}
	}
	return nil
}

// addDone says that the step act was taken on division code, when the
// division's last step is act: the page tells the truth even when the
// link was made by hand.
func (p *approvalsPage) addDone(lang uiLang, code string, act approval.Action) {
	if c, err := healthedu.ParseDivisionCode(code); err == nil {
		code = c.String()
	}
	row := p.row(code)
	if row == nil || row.Last == nil || row.Last.Action != string(act) || !act.IsValid() {
		return
	}
	o := &approvalOutcome{OK: true, Division: row.Division,
		Text: lang.sprintf("approvalDone", row.Name, act.Label(lang.Tag()), row.StateLabel)}
	p.Outcome, row.Outcome = o, o
}

// postApproval serves POST "/approvals": it forwards the form's step to
// POST /v1/approvals with the form's token, then sends the browser back to
// the page (303) or shows the page with the refusal.
func (d *dashboard) postApproval(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	s, perr := d.approvalsState(r.URL.Query(), lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		d.renderError(w, r, http.StatusUnsupportedMediaType, lang, "", lang.T()["errorFormType"])
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, approvalFormMax)
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			d.renderError(w, r, http.StatusRequestEntityTooLarge, lang, "", lang.T()["errorFormSize"])
			return
		}
		d.renderError(w, r, http.StatusBadRequest, lang, "", lang.T()["errorFormType"])
		return
	}
	f := r.PostForm
	req := wire.ApprovalRequest{Period: s.Period, Action: approval.Action(f.Get("action")), Reason: strings.TrimSpace(f.Get("reason"))}
	unit, err := healthedu.ParseDivisionCode(f.Get("division"))
	if err != nil {
		d.renderFormError(w, r, lang, &paramError{Param: "division", Err: err})
		return
	}
	req.Division = unit
	if v := f.Get("period"); v != "" {
		if req.Period, err = healthedu.ParsePeriod(v); err != nil {
			d.renderFormError(w, r, lang, &paramError{Param: "period", Err: err})
			return
		}
	}

	var ans wire.Approval
	err = d.api.post(ctx, r, lang, "/v1/approvals", req, bearerToken(f.Get("token")), &ans)
	if err == nil {
		q := s.query()
		q.Del("indicator")
		q.Set("done", unit.String())
		q.Set("action", string(req.Action))
		// Relative, as the page's links are, so that the dashboard works
		// under a prefix (http.Redirect would make it absolute).
		w.Header().Set("Location", "approvals?"+q.Encode()+"#a-"+unit.String())
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusSeeOther)
		return
	}

	// Refused, or the API failed: the page again, with what happened.
	status := http.StatusBadGateway
	o := &approvalOutcome{Division: unit.String()}
	if ae, ok := err.(*apiError); ok && ae.Status >= 400 && ae.Status < 500 && ae.Problem != nil {
		status = ae.Status
		if status == http.StatusUnauthorized {
			status = http.StatusForbidden
		}
		o.Detail, o.Code = ae.Problem.Detail, ae.Problem.Code
		if o.Code != "" {
			o.CodeLabel = lang.T()["problemCode"] + lang.colon()
		}
		if ae.Lang != "" && ae.Lang != lang.String() {
			o.DetailLang = ae.Lang
		}
	} else {
		d.logAPIFailure(r, err)
		o.Detail = lang.T()["errorUpstream"]
	}
	p, perr2 := d.approvalsPage(ctx, r, lang, s)
	if perr2 != nil {
		d.renderAPIError(w, r, lang, perr2)
		return
	}
	name := unit.String()
	label := string(req.Action)
	if req.Action.IsValid() {
		label = req.Action.Label(lang.Tag())
	}
	if row := p.row(unit.String()); row != nil {
		name = row.Name
		row.Reason = req.Reason
		row.Outcome = o
	}
	o.Text = lang.sprintf("approvalRefused", name, label)
	p.Outcome = o
	d.render(w, r, status, "approvals", p)
}

// bearerToken returns the token a form gave, without the spaces a paste
// may add, or "" when it holds anything but visible ASCII: such a token
// is no token, and the API then says that none was given.
func bearerToken(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return ""
		}
	}
	return s
}

// renderFormError writes the page for a form field that cannot be read,
// with status 400.
func (d *dashboard) renderFormError(w http.ResponseWriter, r *http.Request, lang uiLang, pe *paramError) {
	d.renderError(w, r, http.StatusBadRequest, lang, lang.sprintf("errorFormField", pe.Param), pe.message(lang))
}
