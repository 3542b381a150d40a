package main

// The rectification ledger (挂账整改) in the intake: items of kind
// "rectification" (package ledger) are submitted like every record, but
// are identified by their id alone within the platform — a county opens an
// item, the township rectifies it, the county verifies it, and all of them
// update the same item. Each submitted item is merged (ledger.Merge) into
// the stored one, and the merged item is stored as an ordinary row of the
// records table: kind "rectification", the item's id, its division as
// submitter and as division, the month it was opened as period, and the
// item's canonical JSON as body. The key (kind, id, submitter) of the
// table thus stays unique per item, readers of the records see the items
// as records of their kind (see loadItems), and no migration is needed.
//
// The ledger is live work: items are not subject to the period locks.

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// A pendingItem is a rectification item of a submission that the
// validator accepted, to be merged into the ledger when the submission is
// stored.
type pendingItem struct {
	index, line int
	item        *ledger.Rectification
}

// item takes the rectification item of res, which the validator accepted
// and which lies within the token's division: it rejects one that names an
// indicator the platform's catalogue lacks, and keeps the others to be
// merged (see storeItems).
func (sr *submissionReader) item(res *healthedu.RecordResult, item *ledger.Rectification) {
	if issues := item.CheckCatalogue(sr.cat); len(issues) > 0 {
		for _, is := range issues[:len(issues)-1] {
			sr.addIssue(res, is)
		}
		sr.reject(res, issues[len(issues)-1])
		return
	}
	sr.sub.items = append(sr.sub.items, pendingItem{index: res.Index, line: res.Line, item: item})
}

// storeItems merges the rectification items of sub into the ledger in tx,
// in the order submitted, and counts them into sub's summary: an item new
// to the ledger is imported, one that changed it updated, one that changed
// nothing (the same update again) ignored, and one whose merge is refused
// rejected, with the issues of the merge or of the platform's scope.
func (s *server) storeItems(ctx context.Context, tx storeTx, sub *submission, p *principal, lang language.Tag, now time.Time) error {
	sm := &sub.summary
	rejected := 0
	for _, it := range sub.items {
		o, issues, err := s.storeItem(ctx, tx, it.item, p, now)
		if err != nil {
			return err
		}
		if len(issues) > 0 {
			for _, is := range issues {
				addSummaryIssue(sm, it.index, it.line, it.item.ID, is, lang)
			}
			sm.Rejected++
			sm.RejectedIndexes = append(sm.RejectedIndexes, it.index)
			rejected++
			continue
		}
		countOutcome(sm, o)
	}
	if rejected > 0 {
		slices.Sort(sm.RejectedIndexes)
		switch {
		case sm.Rejected == sm.Records:
			sm.Status = "error"
		case sm.Status == "success":
			sm.Status = "warning"
		}
	}
	return nil
}

// addSummaryIssue adds the issue is of the record at index and line, of
// id, to the summary sm, as submissionReader.addIssue does.
func addSummaryIssue(sm *wire.ImportSummary, index, line int, id string, is healthedu.Issue, lang language.Tag) {
	if len(sm.Issues) >= maxIssues {
		sm.IssuesOmitted++
		return
	}
	sm.Issues = append(sm.Issues, wire.SummaryIssue{
		Line: line, Index: index, RecordID: redactLoose(id),
		Severity: is.Severity, Code: is.Code, Path: redactLoose(is.Path), Message: redactLoose(is.Message(lang)),
	})
}

// storeItem merges the item into the ledger in tx for the principal p and
// returns what became of it, or the issues that refuse it: those of
// ledger.Merge; a new change of status whose actor is not at p's division
// (intake.actorDivision); a change of the item's fields by a token that is
// neither above the item's division nor at the division that opened it
// (intake.itemFields).
func (s *server) storeItem(ctx context.Context, tx storeTx, item *ledger.Rectification, p *principal, now time.Time) (outcome, []healthedu.Issue, error) {
	row, ok, err := tx.Record(ctx, ledger.KindRectification, item.ID)
	if err != nil {
		return 0, nil, err
	}
	var stored *ledger.Rectification
	if ok {
		rec, err := decodeItem(&row)
		if err != nil {
			s.log.Error("stored rectification item unreadable", "id", item.ID, "err", err)
			return 0, []healthedu.Issue{healthedu.NewIssue(codeItemStored, "/id", map[string]any{"id": item.ID})}, nil
		}
		stored = rec
	}
	merged, ch, issues := ledger.Merge(stored, item)
	if len(issues) > 0 {
		return 0, issues, nil
	}
	if !ch.Changed() {
		return outcomeIgnored, nil, nil
	}
	for _, e := range ch.Events {
		if e.Actor.Division != p.Division {
			return 0, []healthedu.Issue{healthedu.NewIssue(codeActorDivision, eventPath(item, e)+"/actor/division",
				map[string]any{"value": e.Actor.Division.Short(), "scope": p.Division.Short()})}, nil
		}
	}
	if stored != nil && !mayEditItem(stored, p.Division) {
		for _, f := range ch.Fields {
			if f != "evidence" {
				return 0, []healthedu.Issue{healthedu.NewIssue(codeItemFields, "/"+f,
					map[string]any{"field": f, "division": stored.Division.Short()})}, nil
			}
		}
	}
	period, _ := merged.RecordPeriod()
	sr, err := storedForm(merged, recordFacts{Division: merged.Division, Period: period}, merged.Division, s.cfg.Key)
	if err != nil {
		return 0, nil, err
	}
	outs, err := tx.Upsert(ctx, merged.Division, now, []storedRecord{sr})
	if err != nil {
		return 0, nil, err
	}
	return outs[0], nil, nil
}

// mayEditItem reports whether a token of division d may change the fields
// of the stored item — its problem, owner, deadline, target: a verifier,
// above the item's division, or the division that opened the item.
func mayEditItem(stored *ledger.Rectification, d healthedu.DivisionCode) bool {
	if ledger.SideOf(stored.Division, d)&ledger.SideVerifier != 0 {
		return true
	}
	return len(stored.History) > 0 && stored.History[0].Actor.Division == d
}

// eventPath returns the JSON Pointer of the event e in the history of the
// submitted item, "/history" when it is not there.
func eventPath(item *ledger.Rectification, e ledger.Event) string {
	for i, h := range item.History {
		if h.At.Equal(e.At) && h.Status == e.Status && h.Actor == e.Actor {
			return "/history/" + strconv.Itoa(i)
		}
	}
	return "/history"
}

// decodeItem decodes a stored rectification item.
func decodeItem(sr *storedRecord) (*ledger.Rectification, error) {
	if sr.Err != nil {
		return nil, sr.Err
	}
	var item ledger.Rectification
	if err := json.Unmarshal(sr.Body, &item); err != nil {
		return nil, fmt.Errorf("stored rectification item %q: %w", sr.ID, err)
	}
	return &item, nil
}

// loadItems returns the rectification items stored within scope, the
// zero DivisionCode meaning all of them, in the order of division and id.
// A row that cannot be read it leaves out and passes to skip, when not
// nil, as loadRecords does. This is how a reader of the ledger (the
// weekly dispatch, say) gets the items.
func loadItems(ctx context.Context, st store, scope healthedu.DivisionCode, skip func(table, reason string, attrs ...any)) ([]*ledger.Rectification, error) {
	var items []*ledger.Rectification
	err := st.RecordsOfKind(ctx, ledger.KindRectification, scope, func(sr *storedRecord) error {
		if sr.Err != nil {
			if skip != nil {
				skip("records", skipColumns, "kind", string(sr.Kind), "id", sr.ID, "err", sr.Err)
			}
			return nil
		}
		item, err := decodeItem(sr)
		if err != nil {
			if skip != nil {
				skip("records", skipBody, "kind", string(sr.Kind), "id", sr.ID, "err", err)
			}
			return nil
		}
		items = append(items, item)
		return nil
	})
	return items, err
}

// itemJSON returns item as the API lists it, in language lang, overdue or
// not at now.
func (s *server) itemJSON(item *ledger.Rectification, lang language.Tag, now time.Time) wire.Rectification {
	w := wire.Rectification{
		ID:           item.ID,
		Division:     item.Division,
		DivisionName: s.reg.Name(item.Division),
		Source:       item.Source,
		SourceName:   item.Source.Type.Label(lang),
		Problem:      item.Problem,
		Finding:      item.Finding,
		Indicator:    item.Indicator,
		Target:       item.Target,
		Owner:        item.Owner,
		Deadline:     item.Deadline,
		Status:       item.Status,
		StatusName:   item.Status.Label(lang),
		Overdue:      item.Overdue(now),
		Opened:       item.Opened(),
		History:      item.History,
		Evidence:     item.Evidence,
	}
	if item.Finding != nil {
		if _, ok := healthedu.LookupCode(item.Finding.Code); ok {
			w.Problem = item.Finding.Message(lang, s.cat)
		}
	}
	if ind, ok := s.cat.Indicator(item.Indicator); ok {
		w.IndicatorName = ind.Name(lang)
	}
	if n := len(item.History); n > 0 {
		w.Updated = item.History[n-1].At
	}
	if w.Overdue {
		w.DaysOverdue = daysBetween(item.Deadline, healthedu.DateOf(now))
	}
	if w.History == nil {
		w.History = []ledger.Event{}
	}
	if w.Evidence == nil {
		w.Evidence = []string{}
	}
	return w
}

// daysBetween returns the days from a to b.
func daysBetween(a, b healthedu.Date) int {
	ta := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours() / 24)
}

// rectifications serves GET /v1/rectifications: the items within under,
// filtered by status (a comma list) and overdue (true or false) at the
// server's clock, newest first, at most -max-rows of them.
func (s *server) rectifications(w http.ResponseWriter, r *http.Request) {
	under, ok := s.under(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	var statuses []ledger.Status
	for _, v := range q["status"] {
		for part := range strings.SplitSeq(v, ",") {
			var st ledger.Status
			if err := st.UnmarshalText([]byte(strings.TrimSpace(part))); err != nil {
				paramError(w, r, "status", err)
				return
			}
			statuses = append(statuses, st)
		}
	}
	var overdue *bool
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			badRequest(w, r, codeBoolParam, map[string]any{"name": "overdue", "value": v})
			return
		}
		overdue = &b
	}
	items, err := loadItems(r.Context(), s.store, under, s.figures.skip)
	if err != nil {
		s.internalError(w, r, "reading the ledger", err)
		return
	}
	now, lang := s.cfg.Now(), httpapi.Language(r)
	a := wire.Rectifications{Under: s.divisionJSON(under), AsOf: now.In(healthedu.ChinaStandardTime), Items: []wire.Rectification{}}
	var selected []*ledger.Rectification
	for _, it := range items {
		od := it.Overdue(now)
		a.Summary.Total++
		a.Summary.ByStatus.Add(it.Status)
		if it.Status != ledger.StatusVerified {
			a.Summary.Open++
		}
		if od {
			a.Summary.Overdue++
		}
		if (len(statuses) == 0 || slices.Contains(statuses, it.Status)) && (overdue == nil || *overdue == od) {
			selected = append(selected, it)
		}
	}
	if len(selected) > s.cfg.MaxRows {
		writeProblem(w, r, http.StatusConflict, codeTooManyItems, map[string]any{"count": len(selected), "limit": s.cfg.MaxRows})
		return
	}
	slices.SortFunc(selected, newestFirst)
	for _, it := range selected {
		a.Items = append(a.Items, s.itemJSON(it, lang, now))
	}
	writeJSON(w, r, http.StatusOK, a)
}

// newestFirst orders items by the time they were opened, the latest
// first, then by id.
func newestFirst(a, b *ledger.Rectification) int {
	if c := b.Opened().Compare(a.Opened()); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// The monthly notification's proposals (月通报建议立项).

// monthlyProposals adds to the notification a of a month due the
// rectification items that its figures call for (see figures.propose),
// then those that the compliance check of its year as of the month's end
// calls for (see figures.proposeCompliance), each marked with whether the
// ledger holds it already. It stores nothing.
func (s *server) monthlyProposals(ctx context.Context, a *wire.Monthly, under healthedu.DivisionCode, now time.Time, lang language.Tag) error {
	a.Proposed = []wire.ProposedRectification{}
	if !a.Due {
		return nil
	}
	proposed, err := s.figures.propose(ctx, under, a.Period, now)
	if err != nil {
		return err
	}
	shortfalls, err := s.figures.proposeCompliance(ctx, under, a.Period, now)
	if err != nil {
		return err
	}
	proposed = append(proposed, shortfalls...)
	stored, err := loadItems(ctx, s.store, under, s.figures.skip)
	if err != nil {
		return err
	}
	byID := make(map[string]*ledger.Rectification, len(stored))
	for _, it := range stored {
		byID[it.ID] = it
	}
	for _, it := range proposed {
		pr := wire.ProposedRectification{Rectification: s.itemJSON(it, lang, now), Record: it}
		if st, ok := byID[it.ID]; ok {
			pr.Stored, pr.StoredStatus, pr.StoredOverdue = true, st.Status, st.Overdue(now)
		}
		a.Proposed = append(a.Proposed, pr)
	}
	return nil
}

// propose returns the rectification items that the figures of month p
// call for within under (see ledger.Propose): the divisions directly under
// it below target or flagged, each expected reporter within it whose report
// is missing, and the consistency checks of the stocks (see
// indicators.Store.CheckStocks) of the month within it. They are opened by
// the platform acting at under, so that a token of under may submit them
// as they are, and owned by each division's institution (see owners).
func (f *figures) propose(ctx context.Context, under healthedu.DivisionCode, p healthedu.Period, now time.Time) ([]*ledger.Rectification, error) {
	completeness, ok := f.cat.Indicator(ledger.DefaultCompleteness)
	if !ok {
		return nil, fmt.Errorf("the catalogue lacks %s", ledger.DefaultCompleteness)
	}
	var inds []*indicators.Indicator
	for _, ind := range f.cat.Indicators() {
		if ind.Code() != completeness.Code() {
			inds = append(inds, ind)
		}
	}
	children, err := f.compute(ctx, under, f.reg.Children(under), inds, p, now)
	if err != nil {
		return nil, err
	}
	missing, err := f.compute(ctx, under, f.reportersWithin(under), []*indicators.Indicator{completeness}, p, now)
	if err != nil {
		return nil, err
	}
	st, err := f.storeFor(ctx, under, p, now)
	if err != nil {
		return nil, err
	}
	var checks []healthedu.Issue
	for _, is := range st.CheckStocks() {
		d, err := healthedu.ParseDivisionCode(fmt.Sprint(is.Params["division"]))
		if err == nil && fmt.Sprint(is.Params["period"]) == p.String() && under.Contains(d) {
			checks = append(checks, is)
		}
	}
	owners, err := f.owners(ctx, under)
	if err != nil {
		return nil, err
	}
	return ledger.Propose(append(children, missing...), ledger.ProposeOptions{
		Now:         now,
		DeadlineDay: f.deadlineDay,
		Owner:       owners,
		Actor:       ledger.Actor{Division: under, Role: "platform", ID: ledger.ProposeActorID},
		Checks:      checks,
	}), nil
}

// proposeCompliance returns the rectification items that the compliance
// check against the national service norm (see GET /v1/compliance) of
// the year of month p within under calls for (see
// ledger.ProposeCompliance): the check as of the end of p, so that the
// months over are January to p and the yearly minimums are pro-rated to
// them, whatever the clock says when the notification is read — read again
// later, the notification of p proposes the same items, with the same ids
// (source period p). Like the figures' proposals, they are opened by the
// platform acting at under and due by the deadline of the month after p;
// each is owned by its institution and filed in the division it serves,
// and one filed outside under is left out, as a token of under could not
// submit it. They come in the order of the institutions' credit codes,
// then of the rules.
func (f *figures) proposeCompliance(ctx context.Context, under healthedu.DivisionCode, p healthedu.Period, now time.Time) ([]*ledger.Rectification, error) {
	results, err := f.checkCompliance(ctx, under, compliance.Options{
		Year: healthedu.YearPeriod(p.Year()), Now: p.End(), Norms: compliance.DefaultNorms(),
	})
	if err != nil {
		return nil, err
	}
	items := ledger.ProposeCompliance(results, ledger.ComplianceProposeOptions{
		Now:         now,
		DeadlineDay: f.deadlineDay,
		Actor:       ledger.Actor{Division: under, Role: "platform", ID: ledger.ProposeActorID},
	})
	return slices.DeleteFunc(items, func(it *ledger.Rectification) bool { return !under.Contains(it.Division) }), nil
}

// owners returns who owns the problems of a division within scope, as the
// stored records tell it: the institution that organised most of the
// activities stored for the division as its service area (the organizer's
// division is the division itself), the lowest credit code among equals;
// for a division without one, the zero Owner, which Propose takes as the
// role ledger.RoleReportingUnit.
func (f *figures) owners(ctx context.Context, scope healthedu.DivisionCode) (func(healthedu.DivisionCode) ledger.Owner, error) {
	set, err := f.currentRecords(ctx, scope)
	if err != nil {
		return nil, err
	}
	type tally struct {
		owner ledger.Owner
		n     int
	}
	counts := make(map[healthedu.DivisionCode]map[healthedu.CreditCode]*tally)
	for _, rec := range set.records {
		act, ok := rec.(*healthedu.Activity)
		if !ok || !act.Organizer.CreditCode.IsValid() || act.Organizer.Division != act.Division {
			continue
		}
		m := counts[act.Division]
		if m == nil {
			m = make(map[healthedu.CreditCode]*tally)
			counts[act.Division] = m
		}
		t := m[act.Organizer.CreditCode]
		if t == nil {
			t = &tally{owner: ledger.Owner{CreditCode: act.Organizer.CreditCode, Name: act.Organizer.Name}}
			m[act.Organizer.CreditCode] = t
		}
		t.n++
	}
	best := make(map[healthedu.DivisionCode]ledger.Owner, len(counts))
	for d, m := range counts {
		var top *tally
		for _, t := range m {
			if top == nil || t.n > top.n || t.n == top.n && t.owner.CreditCode.String() < top.owner.CreditCode.String() {
				top = t
			}
		}
		best[d] = top.owner
	}
	return func(d healthedu.DivisionCode) ledger.Owner { return best[d] }, nil
}

// itemIDs returns the ids of items, sorted.
func itemIDs(items []*ledger.Rectification) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(a, b) })
	return ids
}
