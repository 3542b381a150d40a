package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// tokenCounty is a submitter of 东昌府区 371502, the county of 古楼街道,
// which the ledger's tests add to the test tokens.
const tokenCounty = "submitter-token-dongchangfu-371502"

// newLedgerHarness is newHarness with tokenCounty.
func newLedgerHarness(t testing.TB, st store) *harness {
	h := newHarness(t, st)
	h.srv.tokens.add(tokenCounty, code("371502"), roleSubmitter)
	return h
}

// ledgerActor returns an actor at division d.
func ledgerActor(d string) ledger.Actor {
	return ledger.Actor{Division: code(d), Role: "staff", ID: "staff-" + d}
}

// testItem returns an item of 古楼街道 opened by 东昌府区 on 2025-11-11,
// due by deadline, open.
func testItem(id, division, deadline string, opened time.Time, opener string) *ledger.Rectification {
	return &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: "1", Kind: ledger.KindRectification, ID: id},
		Division: code(division),
		Source:   ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202510")},
		Problem:  "10月月报未按时报送",
		Owner:    ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: mustDate(deadline),
		Status:   ledger.StatusOpen,
		History:  []ledger.Event{{At: opened, Status: ledger.StatusOpen, Actor: ledgerActor(opener)}},
	}
}

// itemJSON returns the NDJSON line of item.
func itemLine(t testing.TB, item *ledger.Rectification) []byte {
	t.Helper()
	b, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// then returns a copy of item with the event of status by the actor at
// division at at added, unchecked, so that a test can send what the
// status machine refuses.
func then(item *ledger.Rectification, at time.Time, st ledger.Status, division string) *ledger.Rectification {
	c := item.Clone()
	c.History = append(c.History, ledger.Event{At: at, Status: st, Actor: ledgerActor(division)})
	c.Status = st
	return c
}

// storedItem returns the stored item of id.
func storedItem(t testing.TB, h *harness, id string) *ledger.Rectification {
	t.Helper()
	items, err := loadItems(context.Background(), h.store, healthedu.DivisionCode{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// cmpLedger compares the ledger's answers.
var cmpLedger = append(slices.Clone(cmpMonthly), cmpopts.EquateComparable(healthedu.CreditCode{}, healthedu.Decimal{}))

// issueAt is an issue of a summary as the tests compare it.
type issueAt struct{ Code, Path string }

// TestLedgerSubmissions submits one item through its life — opened by the
// county, rectified by the township, verified by the county — and the
// submissions that the platform refuses on the way: a township verifying,
// a township claiming to act as the county, a neighbour, a township
// changing the deadline.
func TestLedgerSubmissions(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		h.clock.Set(at(2025, 11, 20, 12))
		opened := testItem("lc-dcf-2025-017", "371502001", "2025-11-30", at(2025, 11, 11, 9), "371502")
		rectifying := then(opened, at(2025, 11, 12, 9), ledger.StatusRectifying, "371502001")
		rectified := then(rectifying, at(2025, 11, 14, 16), ledger.StatusRectified, "371502001")
		rectified.Evidence = []string{"oss://lc/lc-dcf-2025-017/report.pdf"}
		selfVerified := then(rectified, at(2025, 11, 15, 9), ledger.StatusVerified, "371502001")
		claimedCounty := then(rectified, at(2025, 11, 15, 9), ledger.StatusVerified, "371502")
		verified := then(rectified, at(2025, 11, 18, 10), ledger.StatusVerified, "371502")
		moved := verified.Clone()
		moved.Deadline = mustDate("2025-12-31")

		steps := []struct {
			name       string
			token      string
			item       *ledger.Rectification
			status     int
			want       counts
			issues     []issueAt
			wantStatus ledger.Status // of the stored item after the step
		}{
			{"the county opens it", tokenCounty, opened, 200, counts{1, 1, 0, 0, 0}, nil, ledger.StatusOpen},
			{"the same again", tokenCounty, opened, 200, counts{1, 0, 0, 1, 0}, nil, ledger.StatusOpen},
			{"the township rectifies", tokenGulou, rectifying, 200, counts{1, 0, 1, 0, 0}, nil, ledger.StatusRectifying},
			{"and reports it rectified", tokenGulou, rectified, 200, counts{1, 0, 1, 0, 0}, nil, ledger.StatusRectified},
			{"the township verifies", tokenGulou, selfVerified, 422, counts{1, 0, 0, 0, 1},
				[]issueAt{{"ledger.verifierOnly", "/history/3/actor"}}, ledger.StatusRectified},
			{"the township acts as the county", tokenGulou, claimedCounty, 422, counts{1, 0, 0, 0, 1},
				[]issueAt{{codeActorDivision, "/history/3/actor/division"}}, ledger.StatusRectified},
			{"the county verifies", tokenCounty, verified, 200, counts{1, 0, 1, 0, 0}, nil, ledger.StatusVerified},
			{"the verification again", tokenCounty, verified, 200, counts{1, 0, 0, 1, 0}, nil, ledger.StatusVerified},
			{"an older update, replayed", tokenGulou, rectifying, 200, counts{1, 0, 0, 1, 0}, nil, ledger.StatusVerified},
			{"the township moves the deadline", tokenGulou, moved, 422, counts{1, 0, 0, 0, 1},
				[]issueAt{{codeItemFields, "/deadline"}}, ledger.StatusVerified},
		}
		for _, st := range steps {
			ans := h.submit(st.token, itemLine(t, st.item))
			if ans.status != st.status {
				t.Fatalf("%s: status %d, want %d: %s", st.name, ans.status, st.status, ans.body)
			}
			sm := ans.summary(t)
			var got []issueAt
			for _, is := range sm.Issues {
				got = append(got, issueAt{is.Code, is.Path})
			}
			if diff := cmp.Diff(st.want, countsOf(sm)); diff != "" {
				t.Errorf("%s: counts (-want +got):\n%s", st.name, diff)
			}
			if diff := cmp.Diff(st.issues, got); diff != "" {
				t.Errorf("%s: issues (-want +got):\n%s", st.name, diff)
			}
			if s := storedItem(t, h, opened.ID); s == nil || s.Status != st.wantStatus {
				t.Errorf("%s: stored item %+v, want status %s", st.name, s, st.wantStatus)
			}
		}

		// The item is stored once, as a record of kind rectification
		// whose submitter is its division, with the whole history.
		var rows []storedRecord
		for _, r := range h.stored() {
			if r.Kind == ledger.KindRectification {
				rows = append(rows, r)
			}
		}
		if len(rows) != 1 || rows[0].Submitter != code("371502001") || rows[0].Period != healthedu.MustParsePeriod("202511") {
			t.Fatalf("stored rows: %+v", rows)
		}
		if s := storedItem(t, h, opened.ID); len(s.History) != 4 || len(s.Evidence) != 1 {
			t.Errorf("stored item: %+v", s)
		}

		// A neighbour may not touch it: the whole submission is refused.
		if ans := h.submit(tokenLiuyuan, itemLine(t, verified)); ans.status != http.StatusForbidden || ans.problemCode(t) != codeForbidden {
			t.Errorf("neighbour: %d %s", ans.status, ans.body)
		}
		// A dry run stores nothing.
		other := testItem("lc-dcf-2025-018", "371502001", "2025-11-30", at(2025, 11, 11, 9), "371502")
		if sm := h.request("POST", "/v1/submissions?dryRun=true", tokenCounty, itemLine(t, other)).summary(t); sm.Imported != 1 || storedItem(t, h, other.ID) != nil {
			t.Errorf("dry run: %+v", countsOf(sm))
		}
		// An indicator the catalogue lacks.
		other.Indicator = "no-such-indicator"
		sm := h.submit(tokenCounty, itemLine(t, other)).summary(t)
		if len(sm.Issues) != 1 || sm.Issues[0].Code != "ledger.indicatorUnknown" || sm.Issues[0].Path != "/indicator" {
			t.Errorf("unknown indicator: %+v", sm.Issues)
		}
		// No period lock holds the ledger: a platform locking periods after
		// 10 days takes an update of an item opened months ago.
		h.srv.cfg.LockDays = 10
		h.clock.Set(at(2026, 3, 1, 9))
		reopened := then(verified, at(2026, 3, 1, 8), ledger.StatusReopened, "371502")
		if sm := h.submit(tokenCounty, itemLine(t, reopened)).summary(t); sm.Updated != 1 {
			t.Errorf("update after the lock: %+v %+v", countsOf(sm), sm.Issues)
		}
	})
}

// seedItems stores items as the platform stores them, for the reads.
func seedItems(t testing.TB, h *harness, items ...*ledger.Rectification) {
	t.Helper()
	ctx := context.Background()
	tx, err := h.store.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, it := range items {
		if issues := it.Check(&healthedu.Validator{Now: testNow}); len(issues) > 0 {
			t.Fatalf("item %s: %v", it.ID, issues)
		}
		p, _ := it.RecordPeriod()
		row, err := storedForm(it, recordFacts{Division: it.Division, Period: p}, it.Division, testKey)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Upsert(ctx, it.Division, testNow, []storedRecord{row}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// advance returns item moved through statuses by actors, a day apart.
func advance(t testing.TB, item *ledger.Rectification, steps ...string) *ledger.Rectification {
	t.Helper()
	for i, s := range steps {
		st, division, _ := strings.Cut(s, "@")
		at := item.History[len(item.History)-1].At.Add(24 * time.Hour)
		if issues := item.Transition(ledger.Event{At: at, Status: ledger.Status(st), Actor: ledgerActor(division)}); len(issues) > 0 {
			t.Fatalf("%s step %d: %v", item.ID, i, issues)
		}
	}
	return item
}

// TestLedgerReads reads the ledger with each filter, overdue judged on
// either side of the end of a deadline day in China Standard Time, and
// within the token's scope.
func TestLedgerReads(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		seedItems(t, h,
			testItem("a-open", "371502001", "2025-12-10", at(2025, 11, 11, 9), "371502"),
			advance(t, testItem("b-rectifying", "371502002", "2025-11-30", at(2025, 11, 12, 9), "371502"), "rectifying@371502002"),
			advance(t, testItem("c-rectified", "371524101", "2025-11-20", at(2025, 11, 13, 9), "371524"), "rectified@371524101"),
			advance(t, testItem("d-verified", "371502001", "2025-11-01", at(2025, 10, 14, 9), "371502"), "rectified@371502001", "verified@371502"),
			advance(t, testItem("e-reopened", "371524101", "2025-12-10", at(2025, 11, 15, 9), "371524"), "rectified@371524101", "reopened@3715"),
		)
		lastInstant := time.Date(2025, 12, 10, 23, 59, 59, 999e6, healthedu.ChinaStandardTime)
		nextDay := time.Date(2025, 12, 11, 0, 0, 0, 0, healthedu.ChinaStandardTime)
		tests := []struct {
			name, query, token string
			now                time.Time
			want               []string
			overdue            []string
			summary            wire.RectificationSummary
		}{
			{"all", "under=3715", tokenCity, lastInstant,
				[]string{"e-reopened", "c-rectified", "b-rectifying", "a-open", "d-verified"}, []string{"b-rectifying"},
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 1, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"overdue on the deadline day's last instant", "under=3715&overdue=true", tokenCity, lastInstant,
				[]string{"b-rectifying"}, []string{"b-rectifying"},
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 1, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"overdue the next day", "under=3715&overdue=true", tokenCity, nextDay,
				[]string{"e-reopened", "b-rectifying", "a-open"}, []string{"e-reopened", "b-rectifying", "a-open"},
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 3, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"not overdue the next day", "under=3715&overdue=false", tokenCity, nextDay,
				[]string{"c-rectified", "d-verified"}, nil,
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 3, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"by status", "under=3715&status=open,reopened&status=verified", tokenCity, lastInstant,
				[]string{"e-reopened", "a-open", "d-verified"}, nil,
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 1, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"status and overdue", "under=3715&status=open,reopened&overdue=true", tokenCity, nextDay,
				[]string{"e-reopened", "a-open"}, []string{"e-reopened", "a-open"},
				wire.RectificationSummary{Total: 5, Open: 4, Overdue: 3, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Rectified: 1, Verified: 1, Reopened: 1}}},
			{"a county", "under=371502", tokenCity, nextDay,
				[]string{"b-rectifying", "a-open", "d-verified"}, []string{"b-rectifying", "a-open"},
				wire.RectificationSummary{Total: 3, Open: 2, Overdue: 2, ByStatus: wire.StatusCount{Open: 1, Rectifying: 1, Verified: 1}}},
			{"a township's token, by default its own", "", tokenGulou, nextDay,
				[]string{"a-open", "d-verified"}, []string{"a-open"},
				wire.RectificationSummary{Total: 2, Open: 1, Overdue: 1, ByStatus: wire.StatusCount{Open: 1, Verified: 1}}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				h.clock.Set(tc.now)
				ans := h.request("GET", "/v1/rectifications?"+tc.query, tc.token, nil)
				if ans.status != 200 {
					t.Fatalf("%d %s", ans.status, ans.body)
				}
				var got wire.Rectifications
				ans.json(t, &got)
				var ids, overdue []string
				for _, it := range got.Items {
					ids = append(ids, it.ID)
					if it.Overdue {
						overdue = append(overdue, it.ID)
					}
				}
				if diff := cmp.Diff(tc.want, ids); diff != "" {
					t.Errorf("items (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tc.overdue, overdue); diff != "" {
					t.Errorf("overdue (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tc.summary, got.Summary); diff != "" {
					t.Errorf("summary (-want +got):\n%s", diff)
				}
				checkSchema(t, "Rectifications", ans.body)
			})
		}

		// One item as it is listed, in English, the day after its deadline.
		h.clock.Set(nextDay.Add(36 * time.Hour))
		ans := h.request("GET", "/v1/rectifications?under=371502002", tokenCity, nil, "Accept-Language", "en")
		var got wire.Rectifications
		ans.json(t, &got)
		if len(got.Items) != 1 {
			t.Fatalf("%s", ans.body)
		}
		it := got.Items[0]
		want := wire.Rectification{
			ID: "b-rectifying", Division: code("371502002"), DivisionName: "柳园街道",
			Source: ledger.Source{Type: ledger.SourceMonthlyNotification, Period: healthedu.MustParsePeriod("202510")}, SourceName: "monthly notification",
			Problem: "10月月报未按时报送", Owner: ledger.Owner{Role: ledger.RoleReportingUnit}, Deadline: mustDate("2025-11-30"),
			Status: ledger.StatusRectifying, StatusName: ledger.StatusRectifying.Label(healthedu.English),
			Overdue: true, DaysOverdue: 12, Opened: at(2025, 11, 12, 9), Updated: at(2025, 11, 13, 9),
			History: it.History, Evidence: []string{},
		}
		if diff := cmp.Diff(want, it, cmpLedger...); diff != "" {
			t.Errorf("item (-want +got):\n%s", diff)
		}

		// Refusals.
		for _, tc := range []struct {
			query, token string
			status       int
			code         string
		}{
			{"under=3715", tokenGulou, 403, codeForbidden},
			{"under=3715&status=closed", tokenCity, 400, codeParam},
			{"under=3715&overdue=maybe", tokenCity, 400, codeBoolParam},
			{"under=3715", "", 401, codeUnauthorized},
		} {
			if ans := h.request("GET", "/v1/rectifications?"+tc.query, tc.token, nil); ans.status != tc.status || ans.problemCode(t) != tc.code {
				t.Errorf("%s with %q: %d %s", tc.query, tc.token, ans.status, ans.body)
			}
		}
		// Past -max-rows.
		h.srv.cfg.MaxRows = 2
		if ans := h.request("GET", "/v1/rectifications?under=3715", tokenCity, nil); ans.status != 409 || ans.problemCode(t) != codeTooManyItems {
			t.Errorf("past the limit: %d %s", ans.status, ans.body)
		}
		if ans := h.request("GET", "/v1/rectifications?under=3715&status=verified", tokenCity, nil); ans.status != 200 {
			t.Errorf("within the limit: %d %s", ans.status, ans.body)
		}
	})
}

// checkSchema checks body against the schema name of openapi.json.
func checkSchema(t *testing.T, name string, body []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := openAPISchema(t, name).Validate(v); err != nil {
		t.Errorf("the answer does not match %s:\n%v", name, err)
	}
}

// TestMonthlyProposals checks the items the monthly notification of 东阿县
// for October 2025 proposes — 刘集镇 below target, 高集镇 flagged, 鱼山镇
// and 陈集镇 missing their reports — before and after the deadline; that
// proposing again proposes the same; that proposing stores nothing; and
// that a proposal submitted as it is is marked as on the ledger, with its
// status.
func TestMonthlyProposals(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		onTime := at(2025, 11, 5, 10)
		var reports [][]byte
		for _, tw := range dongeTownships {
			switch tw.code {
			case "371524101":
				reports = append(reports, monthlyReport(tw.code, onTime, 100, 80))
			case "371524104":
				reports = append(reports, monthlyReportOf(tw.code, "202510", onTime, "children-0-6", 100, "children-0-6-managed", 90,
					"population", 1000, "health-service-users", 1500))
			case "371524108", "371524109":
			default:
				reports = append(reports, monthlyReport(tw.code, onTime, 100, 90))
			}
		}
		h.submitAt(tokenDonge, onTime, reports...)

		// Before the deadline: nothing is proposed.
		h.clock.Set(at(2025, 11, 8, 0))
		if got := getMonthly(t, h, tokenDonge, "371524", "202510"); got.Proposed == nil || len(got.Proposed) != 0 {
			t.Errorf("before the deadline: %+v", got.Proposed)
		}

		h.clock.Set(at(2025, 12, 1, 0))
		first := getMonthly(t, h, tokenDonge, "371524", "202510")
		var ids []string
		for _, pr := range first.Proposed {
			ids = append(ids, pr.ID)
			if pr.Stored || pr.Record == nil || pr.Record.ID != pr.ID || pr.Record.History[0].Actor.Division != code("371524") {
				t.Errorf("proposal %s: stored %v, record %+v", pr.ID, pr.Stored, pr.Record)
			}
		}
		want := []string{
			"auto-202510-371524101000-t-child-health-management-rate",
			"auto-202510-371524104000-f-health-service-utilisation-r-e8a540bc", // cut, with a hash
			"auto-202510-371524108000-m-report-completeness",
			"auto-202510-371524109000-m-report-completeness",
		}
		slices.Sort(ids)
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Errorf("proposals (-want +got):\n%s", diff)
		}
		if h.count() != int64(len(reports)) {
			t.Errorf("proposing stored something: %d records", h.count())
		}
		// Again, a day later: the same proposals, to the byte.
		h.clock.Set(at(2025, 12, 2, 0))
		again := getMonthly(t, h, tokenDonge, "371524", "202510")
		for i := range first.Proposed {
			first.Proposed[i].Overdue, again.Proposed[i].Overdue = false, false
			first.Proposed[i].DaysOverdue, again.Proposed[i].DaysOverdue = 0, 0
		}
		if diff := cmp.Diff(first.Proposed, again.Proposed, cmpLedger...); diff != "" {
			t.Errorf("proposing again (-first +again):\n%s", diff)
		}
		// In English, the problem follows the reader's language.
		for _, pr := range first.Proposed {
			if pr.Finding == nil || strings.ContainsAny(pr.Problem, "月报") {
				t.Errorf("proposal %s in English: %q", pr.ID, pr.Problem)
			}
		}

		// The county accepts one by submitting its record as it is; the
		// township starts on it.
		var accepted *ledger.Rectification
		for _, pr := range first.Proposed {
			if strings.HasSuffix(pr.ID, "371524108000-m-report-completeness") {
				accepted = pr.Record
			}
		}
		if sm := h.submit(tokenDonge, itemLine(t, accepted)).summary(t); sm.Imported != 1 {
			t.Fatalf("accepting: %+v %+v", countsOf(sm), sm.Issues)
		}
		if sm := h.submit(tokenDonge, itemLine(t, accepted)).summary(t); sm.Ignored != 1 {
			t.Errorf("accepting again: %+v", countsOf(sm))
		}
		got := getMonthly(t, h, tokenDonge, "371524", "202510")
		for _, pr := range got.Proposed {
			if stored := pr.ID == accepted.ID; pr.Stored != stored || stored && pr.StoredStatus != ledger.StatusOpen {
				t.Errorf("proposal %s: stored %v %q", pr.ID, pr.Stored, pr.StoredStatus)
			}
		}
		body, _ := json.Marshal(got)
		checkSchema(t, "MonthlyReport", body)
	})
}

// TestLedgerConcurrentUpdates submits two updates of the same item at once,
// many times over: each adds a change of status, and the item must end with
// both, whichever was merged first — no update may overwrite the other's
// merge (on PostgreSQL, the lock of storeTx.Record).
func TestLedgerConcurrentUpdates(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newLedgerHarness(t, open(t))
		h.clock.Set(at(2025, 11, 20, 12))
		const n = 8
		for i := range n {
			item := testItem("race-"+string(rune('a'+i)), "371502001", "2025-11-30", at(2025, 11, 11, 9), "371502")
			if sm := h.submit(tokenCounty, itemLine(t, item)).summary(t); sm.Imported != 1 {
				t.Fatalf("opening: %+v", sm.Issues)
			}
			a := itemLine(t, then(item, at(2025, 11, 12, 9), ledger.StatusRectifying, "371502001"))
			b := itemLine(t, then(item, at(2025, 11, 13, 9), ledger.StatusRectified, "371502001"))
			done := make(chan answer, 2)
			for _, body := range [][]byte{a, b} {
				go func() { done <- h.submit(tokenGulou, body) }()
			}
			for range 2 {
				if ans := <-done; ans.status != 200 {
					t.Errorf("%d %s", ans.status, ans.body)
				}
			}
			got := storedItem(t, h, item.ID)
			var statuses []ledger.Status
			for _, e := range got.History {
				statuses = append(statuses, e.Status)
			}
			if diff := cmp.Diff([]ledger.Status{ledger.StatusOpen, ledger.StatusRectifying, ledger.StatusRectified}, statuses); diff != "" {
				t.Errorf("%s: history (-want +got):\n%s", item.ID, diff)
			}
		}
	})
}
