package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// Data approval (数据审核) on the platform: a township submits its month's
// monthly reports for approval, the county above it approves them, the
// city above the county accepts them, and a level above returns them with
// a reason — the rules of package approval, which this file serves over
// HTTP. Each step is a row of the table approvals; the state of a key is
// its history replayed under approvalPolicy. A step's actor is the token:
// its division, its role and its identity (principal.ID, never a citizen
// ID number); its time is the server's clock; the digest of the data it
// saw is that of the monthly reports stored for the key when it is taken.

// approvalPolicy says which roles take which steps (审核权限), beyond
// what the division tree says: a submitter (or an administrator) submits
// its own division's month, an approver (审核员, or an administrator)
// approves, accepts and returns the months of the divisions below it,
// and an administrator may also submit for a division within its own
// (代报). A reader takes no step (403 intake.role before the rules).
var approvalPolicy = &approval.Policy{
	Roles: map[approval.Action][]string{
		approval.ActionSubmit:  {string(roleSubmitter), string(roleAdmin)},
		approval.ActionApprove: {string(roleApprover), string(roleAdmin)},
		approval.ActionAccept:  {string(roleApprover), string(roleAdmin)},
		approval.ActionReturn:  {string(roleApprover), string(roleAdmin)},
	},
	SubmitFor: []string{string(roleAdmin)},
}

// approvalStatus returns the HTTP status of a problem whose code is an
// issue code of package approval, as DHIS2 refuses the same step: 409 for
// a step the state of the data does not allow (the wrong state, data
// changed since their approval, a step dated before the last); 403 for
// one the actor may not take (outside the tree, at the wrong level, in
// the wrong role, data locked); 400 for a step not given right (a field
// missing or malformed, a return without a reason, a citizen ID number).
func approvalStatus(code string) int {
	switch code {
	case "approval.notSubmitted", "approval.alreadySubmitted", "approval.alreadyApproved",
		"approval.alreadyAccepted", "approval.alreadyReturned", "approval.stale", "approval.order":
		return http.StatusConflict
	case "approval.outside", "approval.submitter", "approval.approver", "approval.accepter",
		"approval.returner", "approval.returnerApproved", "approval.noLevelAbove", "approval.role", "approval.locked":
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// approvalProblem answers r with the problem of the first of issues,
// which package approval returned: its code is the problem's code.
func approvalProblem(w http.ResponseWriter, r *http.Request, issues []healthedu.Issue) {
	is := issues[0]
	writeProblem(w, r, approvalStatus(is.Code), is.Code, is.Params)
}

// approvalBodyLimit is the largest body of a step of approval.
const approvalBodyLimit = 64 << 10

// readApprovalRequest reads the body of POST /v1/approvals: one JSON object
// whose members division, period, dataSet, action and reason are strings
// (or null, as if absent). It returns the status, the code and the params
// of the problem when the body is not that, or lacks a member the step
// needs, and "" when it is well formed. A dataSet left out is
// monthlyReport.
func readApprovalRequest(w http.ResponseWriter, r *http.Request) (wire.ApprovalRequest, int, string, map[string]any) {
	var req wire.ApprovalRequest
	lang := httpapi.Language(r)
	text, code, params := readStringMembers(w, r, approvalBodyLimit, []string{"division", "period", "dataSet", "action", "reason"}, codeApprovalField)
	switch {
	case code == codeBodyTooLarge:
		return req, http.StatusRequestEntityTooLarge, code, params
	case code != "":
		return req, http.StatusBadRequest, code, params
	}
	bad := func(code string, params map[string]any) (wire.ApprovalRequest, int, string, map[string]any) {
		return req, http.StatusBadRequest, code, params
	}
	fieldErr := func(name string, err error) (wire.ApprovalRequest, int, string, map[string]any) {
		return bad(codeBodyField, map[string]any{"field": name, "reason": healthedu.IssueFromError(err, "").Message(lang)})
	}
	var err error
	if text["division"] == "" {
		return bad("approval.required", map[string]any{"field": "division"})
	}
	if req.Division, err = healthedu.ParseDivisionCode(text["division"]); err != nil {
		return fieldErr("division", err)
	}
	if text["period"] == "" {
		return bad("approval.required", map[string]any{"field": "period"})
	}
	if req.Period, err = healthedu.ParsePeriod(text["period"]); err != nil {
		return fieldErr("period", err)
	}
	if req.Period.Type() != healthedu.PeriodMonth {
		return bad("approval.period", map[string]any{"value": req.Period.String()})
	}
	req.DataSet = text["dataSet"]
	if req.DataSet == "" {
		req.DataSet = approval.DataSetMonthlyReport
	}
	if req.DataSet != approval.DataSetMonthlyReport {
		return bad(codeApprovalDataSet, map[string]any{"value": req.DataSet})
	}
	if text["action"] == "" {
		return bad("approval.required", map[string]any{"field": "action"})
	}
	if req.Action, err = approval.ParseAction(text["action"]); err != nil {
		return bad("approval.action", map[string]any{"value": text["action"]})
	}
	req.Reason = text["reason"]
	if holdsCitizenID(req.Reason) {
		return bad("approval.citizenId", nil)
	}
	return req, 0, "", nil
}

// readStringMembers reads the body of r, at most limit bytes: one JSON
// object whose members, each among names, are strings or null. It
// returns the strings by name, or the code and the params of the problem
// of a body that is not that, unknownCode for a member not among names.
func readStringMembers(w http.ResponseWriter, r *http.Request, limit int64, names []string, unknownCode string) (map[string]string, string, map[string]any) {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	var members map[string]json.RawMessage
	err := dec.Decode(&members)
	var tooLarge *http.MaxBytesError
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			if errors.As(err2, &tooLarge) {
				return nil, codeBodyTooLarge, map[string]any{"limit": tooLarge.Limit}
			}
			return nil, codeBodyTrailing, nil
		}
	}
	switch {
	case errors.As(err, &tooLarge):
		return nil, codeBodyTooLarge, map[string]any{"limit": tooLarge.Limit}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, codeBodyUnexpectedEnd, nil
	case err != nil || members == nil: // not JSON, not an object, empty, or null
		return nil, codeBodyJSON, nil
	}
	for _, name := range slices.Sorted(maps.Keys(members)) {
		if !slices.Contains(names, name) {
			return nil, unknownCode, map[string]any{"field": name}
		}
	}
	text := make(map[string]string, len(members))
	for _, name := range names {
		raw, ok := members[name]
		if !ok || string(raw) == "null" {
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return nil, codeBodyFieldType, map[string]any{"field": name}
		}
		text[name] = v
	}
	return text, "", nil
}

// isReportingUnit reports whether d is an expected reporter (应报单位),
// whose months the platform approves: a division of -reporters, or
// without that list a division at the reporting level (every township by
// default). The figures count the reports of the divisions within a
// reporting unit as the unit's, and approval.Filter matches a unit
// exactly, so that an approval elsewhere — of a county, of a village —
// would approve nothing the figures ask about: the platform refuses it.
func (s *server) isReportingUnit(d healthedu.DivisionCode) bool {
	if list := s.figures.reporters.List; list != nil {
		return slices.Contains(list, d)
	}
	return d.Level() == s.figures.reporters.Level
}

// postApproval takes a step of data approval (审核操作): POST /v1/approvals
// with a wire.ApprovalRequest. It answers 200 with the approval after the
// step, or a problem: 400 for a body not given right, 403 for a step the
// token may not take, 404 for a division the registry does not hold, 409
// for a step the state of the data does not allow (see approvalStatus).
//
// The step is judged and stored in one transaction with the read of the
// key's history, under a lock on PostgreSQL (the write lock on SQLite):
// of two steps on a key at once, the second is judged after the first,
// and an approval twice gets 200 and 409 approval.alreadyApproved. The
// digest is that of the reports as read just before: a report stored
// between that read and the step makes the approval stale at once, which
// GET /v1/approvals shows, rather than approving data the step never saw.
func (s *server) postApproval(w http.ResponseWriter, r *http.Request) {
	ctx, p := r.Context(), principalOf(r.Context())
	req, status, code, params := readApprovalRequest(w, r)
	if code != "" {
		writeProblem(w, r, status, code, params)
		return
	}
	k := approval.Key{Division: req.Division, Period: req.Period, DataSet: req.DataSet}
	e := approval.Event{
		At:     s.cfg.Now().Truncate(time.Millisecond).In(healthedu.ChinaStandardTime), // as stored
		Action: req.Action,
		Actor:  approval.Actor{Division: p.Division, Role: string(p.Role), ID: p.ID},
		Reason: req.Reason,
	}
	if !p.Division.Contains(k.Division) && !k.Division.Contains(p.Division) {
		// Outside the tree: the library's refusal, before anything is read.
		approvalProblem(w, r, approvalPolicy.Apply(approval.New(k), e))
		return
	}
	if listed := s.figures.reporters.List != nil && s.isReportingUnit(k.Division); !listed && !s.reg.Contains(k.Division) {
		// Well formed, but neither in the registry nor a reporter of
		// -reporters (which may name divisions the registry lacks).
		writeProblem(w, r, http.StatusNotFound, "division.unknown", map[string]any{"value": k.Division.Short()})
		return
	}
	if !s.isReportingUnit(k.Division) {
		badRequest(w, r, codeApprovalUnit, map[string]any{"division": k.Division.Short()})
		return
	}
	reports, err := s.approvalReports(ctx, k.Division, func(m healthedu.Period) bool { return m == k.Period })
	if err != nil {
		s.storageError(w, r, "reading the monthly reports", err)
		return
	}
	current := approval.Digest(k, reports)
	if e.Action != approval.ActionReturn {
		e.Digest = current
	}
	a, issues, err := takeApprovalStep(ctx, s.store, k, e)
	switch {
	case err != nil:
		s.storageError(w, r, "storing an approval", err)
		return
	case len(issues) > 0:
		approvalProblem(w, r, issues)
		return
	}
	s.log.Info("approval", "division", k.Division.String(), "period", k.Period.String(), "action", string(e.Action),
		"state", string(a.State), "token", p.ID)
	writeJSON(w, r, http.StatusOK, s.approvalJSON(a, current))
}

// takeApprovalStep takes the step e on the approval of k in st, as POST
// /v1/approvals and the demonstration take one: in one transaction, it
// reads the history of k, replays it under approvalPolicy, applies e
// (approval.Policy.Apply) and stores it. It returns the approval after
// the step, or the issues that refuse it and nothing stored, or the error
// of the database — a history that does not replay among them.
func takeApprovalStep(ctx context.Context, st store, k approval.Key, e approval.Event) (*approval.Approval, []healthedu.Issue, error) {
	tx, err := st.Begin(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	history, err := tx.ApprovalHistory(ctx, k)
	if err != nil {
		return nil, nil, err
	}
	a, issues := approvalPolicy.Replay(k, history)
	if len(issues) > 0 {
		return nil, nil, fmt.Errorf("stored approval %s %s does not replay: %s at %s", k.Division, k.Period, issues[0].Code, issues[0].Path)
	}
	if issues := approvalPolicy.Apply(a, e); len(issues) > 0 {
		return nil, issues, nil
	}
	if err := tx.AddApprovalStep(ctx, k, len(history), e); err != nil {
		return nil, nil, err
	}
	return a, nil, tx.Commit()
}

// approvalJSON returns a as the API answers it, stale or not against the
// digest of the data as they are now, current.
func (s *server) approvalJSON(a *approval.Approval, current string) wire.Approval {
	c := *a
	if c.History == nil {
		c.History = []approval.Event{}
	}
	return wire.Approval{Approval: c, Name: s.reg.Name(a.Division), Stale: approval.Stale(a, current)}
}

// approvalStates are the states GET /v1/approvals counts, each under its
// name, the zero State under "unsubmitted".
var approvalStates = []approval.State{approval.StateUnsubmitted, approval.StateSubmitted,
	approval.StateApproved, approval.StateAccepted, approval.StateReturned}

// stateName returns the name under which the count of GET
// /v1/approvals holds st.
func stateName(st approval.State) string {
	if st == approval.StateUnsubmitted {
		return "unsubmitted"
	}
	return string(st)
}

// listApprovals answers GET /v1/approvals?under=&period=[&dataSet=]
// (审核状态): the approval of every expected reporter within under for the
// month — those not submitted with no state and an empty history — and
// of every other division within under that has one, in code order, each
// stale or not against the reports stored now, with the count by state.
func (s *server) listApprovals(w http.ResponseWriter, r *http.Request) {
	under, p, ok := s.underPeriod(w, r)
	if !ok {
		return
	}
	if p.Type() != healthedu.PeriodMonth {
		badRequest(w, r, "approval.period", map[string]any{"value": p.String()})
		return
	}
	ds := r.URL.Query().Get("dataSet")
	if ds == "" {
		ds = approval.DataSetMonthlyReport
	}
	if ds != approval.DataSetMonthlyReport {
		badRequest(w, r, codeApprovalDataSet, map[string]any{"value": ds})
		return
	}
	ctx := r.Context()
	stored, err := s.store.Approvals(ctx, ds, p, under)
	if err != nil {
		s.internalError(w, r, "listing approvals", err)
		return
	}
	byDivision := make(map[healthedu.DivisionCode]*approval.Approval)
	for _, sa := range stored {
		byDivision[sa.Key.Division] = s.replayApproval(sa)
	}
	for _, d := range s.figures.reportersWithin(under) {
		if _, ok := byDivision[d]; !ok && s.isReportingUnit(d) {
			byDivision[d] = approval.New(approval.Key{Division: d, Period: p, DataSet: ds})
		}
	}
	reports, err := s.approvalReports(ctx, under, func(m healthedu.Period) bool { return m == p })
	if err != nil {
		s.internalError(w, r, "reading the monthly reports", err)
		return
	}
	groups := groupReports(reports, ds, func(k approval.Key) bool { return k.Period == p && byDivision[k.Division] != nil })
	a := wire.Approvals{Under: s.divisionJSON(under), Period: p, DataSet: ds,
		Count: make(map[string]int, len(approvalStates)), Approvals: make([]wire.Approval, 0, len(byDivision))}
	for _, st := range approvalStates {
		a.Count[stateName(st)] = 0
	}
	for _, d := range slices.SortedFunc(maps.Keys(byDivision), healthedu.DivisionCode.Compare) {
		ap := byDivision[d]
		a.Approvals = append(a.Approvals, s.approvalJSON(ap, approval.Digest(ap.Key, groups[ap.Key])))
		a.Count[stateName(ap.State)]++
	}
	writeJSON(w, r, http.StatusOK, a)
}

// replayApproval returns the approval of a stored history, replayed under
// approvalPolicy. A history that cannot be read or replayed to its end,
// which the platform never stores, is logged and counted, and what
// replays of it is returned: one bad row does not take down a read.
func (s *server) replayApproval(sa storedApproval) *approval.Approval {
	a, issues := approvalPolicy.Replay(sa.Key, sa.History)
	row := []any{"division", sa.Key.Division.String(), "period", sa.Key.Period.String()}
	switch {
	case sa.Err != nil:
		s.figures.skip("approvals", skipColumns, append(row, "err", sa.Err)...)
	case len(issues) > 0:
		s.figures.skip("approvals", skipReplay, append(row, "code", issues[0].Code, "path", issues[0].Path)...)
	}
	return a
}

// skipReplay is the reason for which a read skips the rest of a stored
// approval: its history does not replay (see server.replayApproval).
const skipReplay = "replay"

// approvalReports returns the monthly reports stored within scope for the
// months keep reports true of, decoded, each with an identifier made
// unique across submitters as the figures make it ("submitter/id", see
// figures.records), so that Digest reads the same reports alike whoever
// lists them. A row that cannot be read is skipped, as the figures skip
// it.
func (s *server) approvalReports(ctx context.Context, scope healthedu.DivisionCode, keep func(healthedu.Period) bool) ([]*healthedu.MonthlyReport, error) {
	return loadApprovalReports(ctx, s.store, scope, keep, s.figures.skip)
}

// loadApprovalReports is server.approvalReports on st, passing the rows it
// skips to skip.
func loadApprovalReports(ctx context.Context, st store, scope healthedu.DivisionCode, keep func(healthedu.Period) bool, skip func(table, reason string, attrs ...any)) ([]*healthedu.MonthlyReport, error) {
	var out []*healthedu.MonthlyReport
	err := st.RecordsOfKind(ctx, healthedu.KindMonthlyReport, scope, func(sr *storedRecord) error {
		row := []any{"kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String()}
		if sr.Err != nil {
			skip("records", skipColumns, append(row, "err", sr.Err)...)
			return nil
		}
		if !keep(sr.Period) {
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			skip("records", skipBody, append(row, "err", err)...)
			return nil
		}
		if mr, ok := rec.(*healthedu.MonthlyReport); ok {
			mr.ID = sr.Submitter.Short() + "/" + mr.ID
			out = append(out, mr)
		}
		return nil
	})
	return out, err
}

// groupReports returns the reports by the key of the data set they fall
// under: each report under every key among those isKey accepts whose
// division is the report's or contains it, for the report's month.
func groupReports(reports []*healthedu.MonthlyReport, dataSet string, isKey func(approval.Key) bool) map[approval.Key][]*healthedu.MonthlyReport {
	g := make(map[approval.Key][]*healthedu.MonthlyReport)
	for _, r := range reports {
		k := approval.Key{Division: r.Division, Period: r.Period, DataSet: dataSet}
		if isKey(k) {
			g[k] = append(g[k], r)
		}
		for anc := range r.Division.Ancestors() {
			k.Division = anc
			if isKey(k) {
				g[k] = append(g[k], r)
			}
		}
	}
	return g
}

// approvalCheck says which monthly reports a submission may no longer
// store because their data are under approval (审核锁定): those that
// approval.CanChange refuses to the submitting division. It reads the
// approvals of a month the first time a report of that month comes,
// before the submission's transaction, as the locks are read: a report
// stored while a step is taken on its month is judged against the state
// before the step, and an approval taken meanwhile records the digest of
// the reports it read, which the report then changes — the approval is
// stale at once, as GET /v1/approvals shows, and counts for nothing.
type approvalCheck struct {
	ctx     context.Context
	s       *server
	changer healthedu.DivisionCode // the token's division
	// months holds the approvals read, by month and division: those
	// within changer, and those of the divisions above it.
	months map[healthedu.Period]map[healthedu.DivisionCode]*approval.Approval
}

// newApprovalCheck returns the check of a submission by changer.
func (s *server) newApprovalCheck(ctx context.Context, changer healthedu.DivisionCode) *approvalCheck {
	return &approvalCheck{ctx: ctx, s: s, changer: changer, months: make(map[healthedu.Period]map[healthedu.DivisionCode]*approval.Approval)}
}

// locked returns the issue that refuses a monthly report of division d
// for month m, approval.locked from approval.CanChange, or nil when the
// report may be stored: the data of no key containing d are signed off at
// the changer's level or above it. A report changed from above is stored,
// and the approval it changes becomes stale.
func (c *approvalCheck) locked(d healthedu.DivisionCode, m healthedu.Period) (*healthedu.Issue, error) {
	byDivision, err := c.month(m)
	if err != nil {
		return nil, err
	}
	check := func(x healthedu.DivisionCode) *healthedu.Issue {
		if a := byDivision[x]; a != nil {
			if ok, is := approval.CanChange(a, c.changer); !ok {
				return &is
			}
		}
		return nil
	}
	if is := check(d); is != nil {
		return is, nil
	}
	for anc := range d.Ancestors() {
		if is := check(anc); is != nil {
			return is, nil
		}
	}
	return nil, nil
}

// reopened reports whether the data of division d for month m were
// returned (退回) and not submitted again: the approval of d, or of a
// division containing it, is in state returned. A return reopens the
// month to correction, so that no time lock of the period (see lockCheck)
// keeps the township from correcting what it was returned for.
func (c *approvalCheck) reopened(d healthedu.DivisionCode, m healthedu.Period) (bool, error) {
	byDivision, err := c.month(m)
	if err != nil {
		return false, err
	}
	if a := byDivision[d]; a != nil && a.State == approval.StateReturned {
		return true, nil
	}
	for anc := range d.Ancestors() {
		if a := byDivision[anc]; a != nil && a.State == approval.StateReturned {
			return true, nil
		}
	}
	return false, nil
}

// month returns the approvals of month m that a report within the changer's
// division can fall under: those within it and those of the divisions
// containing it, read once.
func (c *approvalCheck) month(m healthedu.Period) (map[healthedu.DivisionCode]*approval.Approval, error) {
	if byDivision, ok := c.months[m]; ok {
		return byDivision, nil
	}
	ds := approval.DataSetMonthlyReport
	stored, err := c.s.store.Approvals(c.ctx, ds, m, c.changer)
	if err != nil {
		return nil, err
	}
	for anc := range c.changer.Ancestors() {
		sa, ok, err := c.s.store.Approval(c.ctx, approval.Key{Division: anc, Period: m, DataSet: ds})
		if err != nil {
			return nil, err
		}
		if ok {
			stored = append(stored, sa)
		}
	}
	byDivision := make(map[healthedu.DivisionCode]*approval.Approval, len(stored))
	for _, sa := range stored {
		byDivision[sa.Key.Division] = c.s.replayApproval(sa)
	}
	c.months[m] = byDivision
	return byDivision, nil
}

// approvedInclude returns the Include of indicators.Query for the figures
// of under over p computed over approved data only (审核通过的数据): the
// months of the reporting units within under whose approval has reached
// min (approved: approved or accepted; accepted: accepted only) and is
// not stale against the reports stored now (see approval.Filter).
func (s *server) approvedInclude(ctx context.Context, under healthedu.DivisionCode, p healthedu.Period, min approval.State) (func(healthedu.DivisionCode, healthedu.Period) bool, error) {
	ds := approval.DataSetMonthlyReport
	stored, err := s.store.Approvals(ctx, ds, healthedu.Period{}, under)
	if err != nil {
		return nil, err
	}
	var as []*approval.Approval
	keys := make(map[approval.Key]bool)
	months := make(map[healthedu.Period]bool)
	for _, sa := range stored {
		// Only the months that overlap p can count.
		if !sa.Key.Period.Start().Before(p.End()) || !p.Start().Before(sa.Key.Period.End()) {
			continue
		}
		if a := s.replayApproval(sa); a.State.AtLeast(min) {
			as = append(as, a)
			keys[a.Key], months[a.Period] = true, true
		}
	}
	reports, err := s.approvalReports(ctx, under, func(m healthedu.Period) bool { return months[m] })
	if err != nil {
		return nil, err
	}
	groups := groupReports(reports, ds, func(k approval.Key) bool { return keys[k] })
	return approval.Filter(as, ds, min, func(k approval.Key) string { return approval.Digest(k, groups[k]) }), nil
}
