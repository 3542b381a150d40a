package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// issueBrief is an issue of an import summary without its message.
type issueBrief struct {
	Index    int
	RecordID string
	Code     string
	Path     string
}

func briefs(s importSummary) []issueBrief {
	var out []issueBrief
	for _, is := range s.Issues {
		out = append(out, issueBrief{is.Index, is.RecordID, is.Code, is.Path})
	}
	return out
}

func TestRegisterImportSummary(t *testing.T) {
	e := newTestEnv(t)
	bad := strings.Replace(residentLine(testResident{"r9", "h01", 9, 40, false, true, true}, t0), `"citizenId":"371599`, `"citizenId":"371598`, 1)
	body := registerNDJSON() +
		`{"schemaVersion":"1","kind":"household","id":"h99","grid":"g7"}` + "\n" +
		bad +
		`{"schemaVersion":"1","kind":"caseReport","id":"c1","division":"371502001","disease":"influenza","at":"2025-10-16T09:00:00+08:00","cases":3}` + "\n"
	s := e.post("/v1/register", "gateway", body, "Accept-Language", "en")

	want := []issueBrief{
		{Index: 56, RecordID: "h99", Code: "grid.gridUnknown", Path: "/grid"},
		{Index: 57, RecordID: "r9", Code: "citizenId.checksum", Path: "/citizenId"},
		{Index: 58, RecordID: "c1", Code: "endpoint.kind", Path: "/kind"},
	}
	if diff := cmp.Diff(want, briefs(s)); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
	if s.Status != "error" || s.Items != 59 || s.Rejected != 3 || s.Accepted != 56 {
		t.Errorf("summary: status %s, items %d, accepted %d, rejected %d", s.Status, s.Items, s.Accepted, s.Rejected)
	}
	if diff := cmp.Diff([]int{56, 57, 58}, s.RejectedIndexes); diff != "" {
		t.Errorf("rejected indexes (-want +got):\n%s", diff)
	}
	if len(s.Residents) != 4 || s.Residents[0].ID != "r1" || s.Residents[0].Pseudonym.String() != pseudonym("r1") {
		t.Errorf("residents = %+v", s.Residents)
	}
	for _, is := range s.Issues {
		if is.Code == "grid.gridUnknown" && !strings.Contains(is.Message, "g7") {
			t.Errorf("English message %q", is.Message)
		}
		if is.Line == 0 {
			t.Errorf("issue %s without a line", is.Code)
		}
	}

	// The same batch again is a resubmission; messages follow Accept-Language.
	s = e.post("/v1/register", "gateway", body, "Accept-Language", "zh-CN")
	if s.Rejected != 3 || s.Accepted != 56 {
		t.Errorf("resubmission: accepted %d, rejected %d", s.Accepted, s.Rejected)
	}
	for _, is := range s.Issues {
		if is.Code == "endpoint.kind" && !strings.Contains(is.Message, "/v1/events") || !strings.ContainsAny(is.Message, "的请不") {
			t.Errorf("zh-Hans message of %s: %q", is.Code, is.Message)
		}
	}
}

func TestDoctorReceivesReadingOfConsentingResident(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	worker := e.listen("W1", "")

	e.readings(bp("r1", t0, 154, 76))
	m := doctor.next()
	n := m.notification(t)
	want := notificationJSON{
		Alert: 1, Rule: "blood-pressure", Kind: grid.RuleBloodPressure, Reason: grid.NotifyRaised,
		Recipient: grid.RecipientFamilyDoctor, Severity: grid.AlertWarning, At: t0, Occurred: t0,
		Household: "h01", Grid: "g1", BloodPressure: grid.BloodPressure{Systolic: 154, Diastolic: 76},
		Division: healthedu.MustParseDivisionCode("371502001001"),
	}
	want.Resident, _ = healthedu.ParsePseudonym(pseudonym("r1"))
	if diff := cmp.Diff(want, n, cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})); diff != "" {
		t.Errorf("doctor's notification (-want +got):\n%s", diff)
	}
	if m.Event != "alert" || m.ID != "1" {
		t.Errorf("event %q id %q", m.Event, m.ID)
	}

	// The grid worker hears nothing of the blood pressure: its first event
	// is r1's no-outing alert, twelve hours after r1 last went out.
	e.clock.Set(t0.Add(2 * time.Minute))
	e.readings(outing("r1", t0.Add(2*time.Minute)))
	e.advance(t0.Add(2*time.Minute + 12*time.Hour))
	wm := worker.next()
	if got := wm.notification(t); got.Rule != "no-outing" || !got.BloodPressure.IsZero() {
		t.Errorf("grid worker's first event: %s", wm.Data)
	}
}

func TestDoctorHearsNothingWithoutMedicalConsent(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	other := e.listen("D9", "") // a family doctor of no team here

	// r2 shares with the community only: the reading is accepted, and the
	// blood-pressure alert, whose only recipient is medical, is not raised.
	s := e.post("/v1/readings", "gateway", "["+bp("r2", t0, 154, 76)+"]")
	if s.Accepted != 1 {
		t.Fatalf("summary %+v", s)
	}
	// r4 shares with nobody.
	e.readings(bp("r4", t0.Add(time.Minute), 181, 111))
	// r3 shares with medical institutions: the doctor's next event is r3's.
	e.readings(bp("r3", t0.Add(2*time.Minute), 150, 95))
	n := doctor.next().notification(t)
	if want, _ := healthedu.ParsePseudonym(pseudonym("r3")); n.Resident != want || n.BloodPressure != (grid.BloodPressure{Systolic: 150, Diastolic: 95}) {
		t.Errorf("doctor's first notification: %+v", n)
	}
	status, _, b := e.do("GET", "/v1/alerts?status=all", "D1", "")
	var list struct{ Alerts []alertJSON }
	if err := json.Unmarshal(b, &list); err != nil || status != 200 {
		t.Fatalf("%d %s", status, b)
	}
	if len(list.Alerts) != 1 {
		t.Errorf("doctor's alerts: %s", b)
	}
	_, _, b = e.do("GET", "/v1/alerts?status=all", "D9", "")
	if string(b) != `{"alerts":[]}`+"\n" {
		t.Errorf("another grid's doctor sees %s", b)
	}
	select {
	case m := <-other.events:
		t.Errorf("another grid's doctor received %s", m.Data)
	default:
	}
}

func TestGridWorkerNoOutingWithoutMedicalValues(t *testing.T) {
	e := registered(t)
	worker := e.listen("W1", "")
	leader := e.listen("L1", "")
	doctor := e.listen("D1", "")

	// r1 lives alone: a raised blood pressure at 08:00, an outing at 08:05.
	e.readings(bp("r1", t0, 154, 76))
	e.clock.Set(t0.Add(5 * time.Minute))
	e.readings(outing("r1", t0.Add(5*time.Minute)))
	if n := doctor.next().notification(t); n.Rule != "blood-pressure" {
		t.Fatalf("doctor: %+v", n)
	}
	e.advance(t0.Add(5*time.Minute + 11*time.Hour + 59*time.Minute))
	_, _, b := e.do("GET", "/v1/alerts", "W1", "")
	if string(b) != `{"alerts":[]}`+"\n" {
		t.Fatalf("after 11h59m the grid worker has %s", b)
	}
	e.advance(t0.Add(5*time.Minute + 12*time.Hour))
	m := worker.next()
	for _, medical := range []string{"bloodPressure", "systolic", "diastolic", "154"} {
		if strings.Contains(m.Data, medical) {
			t.Errorf("grid worker's event holds %q: %s", medical, m.Data)
		}
	}
	n := m.notification(t)
	if n.Rule != "no-outing" || n.Recipient != grid.RecipientGridWorker || !n.Occurred.Equal(t0.Add(5*time.Minute+12*time.Hour)) ||
		!n.QuietSince.Equal(t0.Add(5*time.Minute)) {
		t.Errorf("grid worker's notification: %s", m.Data)
	}

	// Nobody acknowledges for two hours: the grid leader is told, without
	// medical values either.
	e.advance(t0.Add(5*time.Minute + 14*time.Hour))
	lm := leader.next()
	if ln := lm.notification(t); ln.Reason != grid.NotifyEscalated || ln.Rule != "no-outing" || strings.Contains(lm.Data, "systolic") {
		t.Errorf("grid leader's event: %s", lm.Data)
	}
}

func TestWithdrawingConsentStopsDelivery(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	e.readings(bp("r1", t0, 154, 76))
	first := doctor.next()
	if status, _, b := e.do("POST", "/v1/alerts/1/close", "D1", ""); status != 200 {
		t.Fatalf("close: %d %s", status, b)
	}

	// At 10:00 r1 withdraws the consent to share with medical institutions.
	withdrawn := t0.Add(2 * time.Hour)
	e.clock.Set(withdrawn)
	r1 := testResidents[0]
	r1.medical = false
	if s := e.post("/v1/register", "gateway", residentLine(r1, withdrawn)); s.Status != "success" {
		t.Fatalf("withdrawal: %+v", s)
	}
	e.readings(bp("r1", withdrawn.Add(time.Minute), 170, 95))
	e.readings(bp("r3", withdrawn.Add(2*time.Minute), 150, 95)) // the marker: r3 still shares
	n := doctor.next().notification(t)
	if want, _ := healthedu.ParsePseudonym(pseudonym("r3")); n.Resident != want {
		t.Errorf("after the withdrawal the doctor heard about %v, want only r3", n.Resident)
	}

	// What the doctor was told before is not shown again: not in the
	// listing, not to a client that resumes from before it.
	_, _, b := e.do("GET", "/v1/alerts?status=all", "D1", "")
	if strings.Contains(string(b), pseudonym("r1")) {
		t.Errorf("listing after the withdrawal: %s", b)
	}
	resumed := e.listen("D1", first.ID) // from the first event: only r3's follows
	m := resumed.next()
	if n := m.notification(t); n.Resident.String() != pseudonym("r3") {
		t.Errorf("resumed stream sent %s", m.Data)
	}
}

func TestAcknowledgeAndClose(t *testing.T) {
	e := registered(t)
	e.readings(bp("r1", t0, 154, 76))
	e.clock.Set(t0.Add(10 * time.Minute))

	status, _, b := e.do("POST", "/v1/alerts/1/ack", "D1", "")
	var a alertJSON
	if err := json.Unmarshal(b, &a); err != nil || status != 200 {
		t.Fatalf("ack: %d %s", status, b)
	}
	if a.Status != "acknowledged" || a.AcknowledgedBy != "D1" || !a.Acknowledged.Equal(t0.Add(10*time.Minute)) ||
		a.Notification.BloodPressure.Systolic != 154 {
		t.Errorf("after ack: %+v", a)
	}
	tests := []struct {
		method, path, who string
		status            int
		code              string
	}{
		{"POST", "/v1/alerts/1/ack", "D1", 409, codeAlertAcked},
		{"POST", "/v1/alerts/1/ack", "W1", 404, codeAlertUnknown}, // never told of it
		{"POST", "/v1/alerts/2/ack", "D1", 404, codeAlertUnknown},
		{"POST", "/v1/alerts/x/close", "D1", 404, codeAlertUnknown},
	}
	for _, tt := range tests {
		status, ctype, b := e.do(tt.method, tt.path, tt.who, "")
		var p problem
		json.Unmarshal(b, &p)
		if status != tt.status || p.Code != tt.code || ctype != "application/problem+json" {
			t.Errorf("%s %s as %s: %d %s %s", tt.method, tt.path, tt.who, status, ctype, b)
		}
	}

	e.clock.Set(t0.Add(20 * time.Minute))
	status, _, b = e.do("POST", "/v1/alerts/1/close", "D1", "")
	json.Unmarshal(b, &a)
	if status != 200 || a.Status != "closed" || a.ClosedBy != "D1" || !a.Closed.Equal(t0.Add(20*time.Minute)) {
		t.Errorf("close: %d %s", status, b)
	}
	if status, _, b := e.do("POST", "/v1/alerts/1/close", "D1", ""); status != 409 || !bytes.Contains(b, []byte(codeAlertClosed)) {
		t.Errorf("closing twice: %d %s", status, b)
	}
	for query, want := range map[string]int{"": 0, "?status=open": 0, "?status=closed": 1, "?status=all": 1} {
		_, _, b := e.do("GET", "/v1/alerts"+query, "D1", "")
		var list struct{ Alerts []alertJSON }
		json.Unmarshal(b, &list)
		if len(list.Alerts) != want {
			t.Errorf("GET /v1/alerts%s: %s", query, b)
		}
	}

	// A new occurrence after the closing raises a new alert.
	e.readings(bp("r1", t0.Add(30*time.Minute), 160, 80))
	_, _, b = e.do("GET", "/v1/alerts", "D1", "")
	if !bytes.Contains(b, []byte(`"id":2`)) {
		t.Errorf("after a new reading: %s", b)
	}
}

func TestProblems(t *testing.T) {
	e := registered(t)
	big := "[" + strings.Repeat(outing("r1", t0)+",", 1<<20/100) + outing("r1", t0) + "]"
	tests := []struct {
		name, method, path, who, body string
		header                        []string
		status                        int
		code                          string
	}{
		{"no token", "GET", "/v1/alerts", "", "", nil, 401, codeAuthRequired},
		{"basic auth", "GET", "/v1/alerts", "", "", []string{"Authorization", "Basic Zm9vOmJhcg=="}, 401, codeAuthRequired},
		{"unknown token", "GET", "/v1/alerts", "", "", []string{"Authorization", "Bearer not-a-token-of-anyone"}, 401, codeAuthInvalid},
		{"stream without token", "GET", "/v1/alerts/stream", "", "", nil, 401, codeAuthRequired},
		{"doctor posts records", "POST", "/v1/register", "D1", "{}", nil, 403, codeAuthForbidden},
		{"worker posts readings", "POST", "/v1/readings", "W1", "[]", nil, 403, codeAuthForbidden},
		{"operator reads alerts", "GET", "/v1/alerts", "gateway", "", nil, 403, codeAuthForbidden},
		{"operator listens", "GET", "/v1/alerts/stream", "gateway", "", nil, 403, codeAuthForbidden},
		{"another's stream", "GET", "/v1/alerts/stream?recipient=D1", "W1", "", nil, 403, codeStreamForbidden},
		{"a role's stream", "GET", "/v1/alerts/stream?recipient=family-doctor", "W1", "", nil, 403, codeStreamForbidden},
		{"bad Last-Event-ID", "GET", "/v1/alerts/stream", "D1", "", []string{"Last-Event-ID", "x"}, 400, codeLastEventID},
		{"bad status", "GET", "/v1/alerts?status=pending", "D1", "", nil, 400, codeQuery},
		{"readings not an array", "POST", "/v1/readings", "gateway", `{"resident":"x"}`, nil, 400, codeBodyNotArray},
		{"readings malformed", "POST", "/v1/readings", "gateway", `[{"resident":]`, nil, 400, codeBodySyntax},
		{"readings too large", "POST", "/v1/readings", "gateway", big, nil, 413, codeBodyTooLarge},
		{"records too large", "POST", "/v1/register", "gateway", strings.Repeat(registerNDJSON(), 250), nil, 413, codeBodyTooLarge},
		{"wrong method", "PUT", "/v1/register", "gateway", "", nil, 405, codeMethod},
		{"no such path", "GET", "/v2/alerts", "D1", "", nil, 404, codeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, ctype, b := e.do(tt.method, tt.path, tt.who, tt.body, tt.header...)
			var p problem
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatalf("%d %.300s: %v", status, b, err)
			}
			if status != tt.status || p.Status != tt.status || p.Code != tt.code || ctype != "application/problem+json" || p.Title == "" {
				t.Errorf("got %d %s %.300s, want %d %s", status, ctype, b, tt.status, tt.code)
			}
		})
	}
	req, _ := http.NewRequest("GET", e.ts.URL+"/v1/alerts", nil)
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
		t.Errorf("WWW-Authenticate = %q", got)
	}
	if status, _, b := e.do("GET", "/healthz", "", ""); status != 200 || !bytes.Contains(b, []byte(`"status":"ok"`)) {
		t.Errorf("/healthz: %d %s", status, b)
	}
}

func TestReadingIssues(t *testing.T) {
	e := registered(t)
	at := t0.Format(time.RFC3339)
	body := "[" + strings.Join([]string{
		bp("r1", t0, 154, 76),
		`{"resident":"` + pseudonym("r1") + `","kind":"blood-pressure","at":"` + at + `","systolic":154}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"blood-pressure","at":"` + at + `","systolic":0,"diastolic":80}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"walk","at":"` + at + `"}`,
		`{"resident":"abc","kind":"outing","at":"` + at + `"}`,
		`{"resident":"` + strings.Repeat("0", 64) + `","kind":"outing","at":"` + at + `"}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"outing","at":"2025-10-17 08:00"}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"outing","at":"` + at + `","steps":3}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"outing","at":"1999-12-31T23:00:00+08:00"}`,
		`{"resident":"` + pseudonym("r1") + `","kind":"outing"}`,
	}, ",") + "]"
	s := e.post("/v1/readings", "gateway", body)
	got := briefs(s)
	want := []issueBrief{
		{1, "", "json.required", "/diastolic"},
		{2, "", "json.range", "/systolic"},
		{3, "", "json.enum", "/kind"},
		{4, "", "pseudonym.length", "/resident"},
		{5, "", "reading.unknownResident", "/resident"},
		{6, "", "json.dateTime", "/at"},
		{7, "", "json.unknownField", "/steps"},
		{8, "", "reading.timeRange", "/at"},
		{9, "", "json.required", "/at"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
	if s.Accepted != 1 || s.Status != "error" {
		t.Errorf("summary %+v", s)
	}
}

func TestIncidenceRiseThroughEvents(t *testing.T) {
	e := registered(t)
	tg := e.listen("TG", "")
	caseReport := func(id string, at time.Time, n int) string {
		return `{"schemaVersion":"1","kind":"caseReport","id":"` + id + `","division":"371502001001","disease":"influenza","at":"` +
			at.Format(time.RFC3339) + `","cases":` + strconv.Itoa(n) + "}\n"
	}
	// Week 43 (20–26 October): 5 cases; week 44: 7, up 40%.
	w43, w44 := time.Date(2025, 10, 21, 9, 0, 0, 0, healthedu.ChinaStandardTime), time.Date(2025, 10, 28, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	e.clock.Set(w43)
	if s := e.post("/v1/events", "gateway", caseReport("c1", w43, 5)); s.Status != "success" {
		t.Fatalf("%+v", s)
	}
	e.clock.Set(w44)
	if s := e.post("/v1/events", "gateway", caseReport("c2", w44, 7)); s.Status != "success" {
		t.Fatalf("%+v", s)
	}
	e.advance(time.Date(2025, 11, 3, 0, 0, 1, 0, healthedu.ChinaStandardTime))
	var got []string
	for range 6 { // 3 groups × 2 actions
		n := tg.next().notification(t)
		got = append(got, string(n.Group)+" "+string(n.Action))
		if n.Cases != 7 || n.PreviousCases != 5 || n.Week.String() != "2025W44" || n.Resident != (healthedu.Pseudonym{}) {
			t.Errorf("push: %+v", n)
		}
	}
	want := []string{
		"elderly prevention-push", "elderly vaccination-reminder",
		"children-0-6 prevention-push", "children-0-6 vaccination-reminder",
		"chronic-patients prevention-push", "chronic-patients vaccination-reminder",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pushes (-want +got):\n%s", diff)
	}
	// A resident record is not an event.
	s := e.post("/v1/events", "gateway", residentLine(testResidents[0], t0))
	if diff := cmp.Diff([]issueBrief{{0, "r1", "endpoint.kind", "/kind"}}, briefs(s)); diff != "" {
		t.Errorf("resident at /v1/events (-want +got):\n%s", diff)
	}
}

func TestStreamResumesWithoutDuplicates(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	e.readings(bp("r1", t0, 154, 76))
	first := doctor.next()
	doctor.close()

	// While the doctor is away: r3's alert, and r1's upgraded to urgent.
	e.readings(bp("r3", t0.Add(time.Minute), 150, 95))
	e.readings(bp("r1", t0.Add(2*time.Minute), 185, 100))

	resumed := e.listen("D1", first.ID)
	second, third := resumed.next(), resumed.next()
	if second.notification(t).Alert != 2 || third.notification(t).Reason != grid.NotifyUpgraded {
		t.Errorf("resumed: %s; %s", second.Data, third.Data)
	}
	resumed.close()
	_, _, before := e.do("GET", "/v1/alerts?status=all", "D1", "")

	// A restart replays the log: the same alerts, the same event IDs.
	e.restart()
	_, _, after := e.do("GET", "/v1/alerts?status=all", "D1", "")
	if diff := cmp.Diff(string(before), string(after)); diff != "" {
		t.Errorf("alerts after a restart (-before +after):\n%s", diff)
	}
	again := e.listen("D1", second.ID)
	if m := again.next(); m.ID != third.ID || m.Data != third.Data {
		t.Errorf("after a restart, resuming from %s sent %s %s, want %s %s", second.ID, m.ID, m.Data, third.ID, third.Data)
	}
	e.readings(bp("r3", t0.Add(3*time.Minute), 190, 95))
	if m := again.next(); m.notification(t).Reason != grid.NotifyUpgraded || eventID(t, m) <= eventID(t, third) {
		t.Errorf("then: %s %s", m.ID, m.Data)
	}
}

// eventID returns the ID of event m as a number.
func eventID(t *testing.T, m sseMessage) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(m.ID, 10, 64)
	if err != nil {
		t.Fatalf("event ID %q", m.ID)
	}
	return n
}

func TestWrongKeyRefused(t *testing.T) {
	e := registered(t)
	e.stop()
	st, err := openStore(e.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.close()
	other := bytes.Repeat([]byte{1}, 32)
	if _, err := newServer(config{store: st, key: other, now: e.clock.Now}); err == nil || !strings.Contains(err.Error(), "another pseudonymisation key") {
		t.Errorf("newServer with another key: %v", err)
	}
}

// TestNoCitizenIDInClear runs a scenario and looks for the residents'
// citizen ID numbers in every answer, the logs and the database files.
func TestNoCitizenIDInClear(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	// A submitter who used a citizen ID number as a record ID.
	clear := demoCitizenID(70, 77).Unmasked()
	s := e.post("/v1/register", "gateway", `{"schemaVersion":"1","kind":"household","id":"`+clear+`","grid":"g1"}`+"\n"+
		`{"schemaVersion":"1","kind":"resident","id":"r5","household":"h04","citizenId":"`+clear[:17]+`0","ageBand":"65-79","authorisation":{"community":true,"medical":true,"at":"2025-09-01T00:00:00+08:00"}}`+"\n")
	masked := demoCitizenID(70, 77).Masked()
	want := []issueBrief{{0, masked, "record.citizenIdInText", ""}, {1, "r5", "citizenId.checksum", "/citizenId"}}
	if diff := cmp.Diff(want, briefs(s)); diff != "" {
		t.Errorf("issues (-want +got):\n%s", diff)
	}
	e.readings(bp("r1", t0, 154, 76))
	doctor.next()
	e.do("GET", "/v1/alerts", "D1", "")
	e.restart()
	e.do("GET", "/v1/alerts", "D1", "")

	numbers := []string{clear, clear[:17] + "0"}
	for _, r := range testResidents {
		numbers = append(numbers, demoCitizenID(r.age, r.seq).Unmasked())
	}
	e.stop()
	var files []string
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if b, err := os.ReadFile(e.dbPath + suffix); err == nil {
			files = append(files, string(b))
		}
	}
	places := map[string][]string{"logs": {e.logs.String()}, "answers": e.responses, "database": files}
	for where, texts := range places {
		for _, text := range texts {
			for _, n := range numbers {
				if strings.Contains(text, n) {
					t.Errorf("citizen ID number in clear in the %s", where)
				}
			}
		}
	}
}

func TestParseTokens(t *testing.T) {
	tests := []struct {
		name, file string
		want       []principal // by token 0123456789abcdef, fedcba9876543210…
	}{
		{"without grids", "token,recipient,role\n# the gateway\n0123456789abcdef,gw,operator\nfedcba9876543210,D1,family-doctor\n",
			[]principal{{"gw", roleOperator, nil}, {"D1", "family-doctor", nil}}},
		{"with grids", "token,recipient,role,grids\n0123456789abcdef,W1,grid-worker,g1\nfedcba9876543210,E1,emergency-team,g2 g1 g2\n" +
			"0011223344556677,P1,community-health-centre,\n8899aabbccddeeff,W1,grid-worker, g1 \n",
			[]principal{{"W1", "grid-worker", []string{"g1"}}, {"E1", "emergency-team", []string{"g1", "g2"}},
				{"P1", "community-health-centre", nil}, {"W1", "grid-worker", []string{"g1"}}}},
		{"a byte order mark, spaces around a token", "\ufefftoken,recipient,role\n 0123456789abcdef  ,gw,operator\n",
			[]principal{{"gw", roleOperator, nil}}},
	}
	tokens := []string{"0123456789abcdef", "fedcba9876543210", "0011223344556677", "8899aabbccddeeff"}
	for _, tt := range tests {
		ts, err := parseTokens(strings.NewReader(tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []principal
		for _, tok := range tokens[:len(tt.want)] {
			p, _ := ts.lookup(tok)
			got = append(got, p)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: principals (-want +got):\n%s", tt.name, diff)
		}
	}
	ts, _ := parseTokens(strings.NewReader(tests[1].file))
	want := []principal{{"E1", "emergency-team", []string{"g1", "g2"}}, {"P1", "community-health-centre", nil}, {"W1", "grid-worker", []string{"g1"}}}
	if diff := cmp.Diff(want, ts.recipientList()); diff != "" {
		t.Errorf("recipients (-want +got):\n%s", diff)
	}
	clear := demoCitizenID(44, 76).Unmasked()
	for _, bad := range []string{
		"tok,recipient,role\n",
		"token,recipient,role,grid\n",
		"token,recipient,role\nshort,D1,family-doctor\n",
		"token,recipient,role\n0123456789abcdef,D1,doctor\n",
		"token,recipient,role\n0123456789abcdef,,operator\n",
		"token,recipient,role\n0123456789abcdef,D1,family-doctor\n0123456789abcdef,D2,family-doctor\n",
		"token,recipient,role\n0123456789abcdef,D1,family-doctor\n0123456789abcdeX,D1,grid-leader\n",
		"token,recipient,role\n0123456789abcdef,D1\n",
		"token,recipient,role,grids\n0123456789abcdef,D1,family-doctor\n",
		"token,recipient,role\n0123456789abcdef,W1,grid-worker\n",            // a grid worker bound to no grid
		"token,recipient,role,grids\n0123456789abcdef,W1,grid-worker,\n",     // the same
		"token,recipient,role,grids\n0123456789abcdef,D1,family-doctor,g1\n", // bound by the team record
		"token,recipient,role,grids\n0123456789abcdef,h01,family,g1\n",
		"token,recipient,role,grids\n0123456789abcdef,gw,operator,g1\n",
		"token,recipient,role,grids\n0123456789abcdef,W1,grid-worker,g1\n0123456789abcdeX,W1,grid-worker,g2\n",
		"token,recipient,role\n0123456789abcdef,x" + clear + ",target-group\n",
		"token,recipient,role,grids\n0123456789abcdef,W1,grid-worker,g" + clear + "\n",
		"token,recipient,role\n0123456789\"abcdef,D1,family-doctor\n", // a bare quote in the first row: an error, not a panic
	} {
		if _, err := parseTokens(strings.NewReader(bad)); err == nil {
			t.Errorf("parseTokens(%q) succeeded", bad)
		} else if strings.Contains(err.Error(), "0123456789abcdef") || strings.Contains(err.Error(), clear) {
			t.Errorf("error shows a token or a citizen ID number: %v", err)
		}
	}
}

func TestDemoSeeds(t *testing.T) {
	e := newTestEnv(t)
	if err := seedDemo(e.srv); err != nil {
		t.Fatal(err)
	}
	e.srv.mu.Lock()
	team, ok := e.srv.reg.Team(demoGrid)
	figures := e.srv.reg.Figures(healthedu.PeriodOf(healthedu.PeriodMonth, t0))
	e.srv.mu.Unlock()
	if !ok || len(team.Members[1].SignedHouseholds) != 60 {
		t.Errorf("demo team: %+v", team)
	}
	values := map[string]int64{}
	for _, v := range figures {
		values[v.Element] += v.Value
	}
	if values[grid.ElementHouseholds] != 60 || values[grid.ElementResidents] != 92 || values[grid.ElementLivingAlone] != 12 {
		t.Errorf("demo figures: %v", values)
	}
	if err := seedDemo(e.srv); err != nil { // a restart on the demo database seeds nothing
		t.Fatal(err)
	}
}

// TestStreamOutlivesReadTimeout: the server's ReadTimeout, which guards
// request bodies, does not end an event stream.
func TestStreamOutlivesReadTimeout(t *testing.T) {
	e := registered(t)
	e.ts.Close()
	e.ts = httptest.NewUnstartedServer(e.srv)
	e.ts.Config.ReadTimeout = 100 * time.Millisecond
	e.ts.Start()
	doctor := e.listen("D1", "")
	time.Sleep(300 * time.Millisecond)
	e.readings(bp("r1", t0, 154, 76))
	if n := doctor.next().notification(t); n.Alert != 1 {
		t.Errorf("notification %+v", n)
	}
}

// TestEveryItemRejected: a request whose every record or reading is
// rejected is answered 422, a problem import.rejected carrying the import
// summary, as the intake does; one with some accepted is 200; one with
// none at all is 400 request.empty.
func TestEveryItemRejected(t *testing.T) {
	e := registered(t)
	badHousehold := `{"schemaVersion":"1","kind":"household","id":"h98","grid":"g7"}` + "\n"
	goodHousehold := `{"schemaVersion":"1","kind":"household","id":"h51","grid":"g1"}` + "\n"
	badReading := `{"resident":"` + strings.Repeat("0", 64) + `","kind":"outing","at":"` + t0.Format(time.RFC3339) + `"}`
	tests := []struct {
		name, path, body string
		status           int
		code             string   // of the problem, "" for a summary
		issues           []string // codes of the summary's issues
	}{
		{"one bad record", "/v1/register", badHousehold, 422, codeImportRejected, []string{"grid.gridUnknown"}},
		{"two bad records", "/v1/register", badHousehold + `{"schemaVersion":"1","kind":"houshold","id":"h99"}` + "\n", 422, codeImportRejected,
			[]string{"grid.gridUnknown", "document.kind"}},
		{"an event at the register", "/v1/register", `{"schemaVersion":"1","kind":"caseReport","id":"c1","division":"371502001","disease":"influenza","at":"2025-10-16T09:00:00+08:00","cases":3}`,
			422, codeImportRejected, []string{codeEndpointKind}},
		{"one good, one bad", "/v1/register", goodHousehold + badHousehold, 200, "", []string{"grid.gridUnknown"}},
		{"bad readings", "/v1/readings", "[" + badReading + "," + badReading + "]", 422, codeImportRejected,
			[]string{codeUnknownResident, codeUnknownResident}},
		{"a good reading", "/v1/readings", "[" + badReading + "," + outing("r1", t0) + "]", 200, "", []string{codeUnknownResident}},
		{"no records", "/v1/register", "", 400, codeBodyEmpty, nil},
		{"blank lines", "/v1/events", "\n\n", 400, codeBodyEmpty, nil},
		{"no readings", "/v1/readings", "[]", 400, codeBodyEmpty, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, ctype, b := e.do("POST", tt.path, "gateway", tt.body, "Accept-Language", "en")
			var doc struct {
				Code    string
				Status  any
				Detail  string
				Summary *importSummary
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatalf("%d %s", status, b)
			}
			s := doc.Summary
			if tt.code == "" {
				s = new(importSummary)
				if err := json.Unmarshal(b, s); err != nil {
					t.Fatalf("%d %s", status, b)
				}
			}
			var codes []string
			if s != nil {
				for _, is := range s.Issues {
					codes = append(codes, is.Code)
				}
			}
			if status != tt.status || doc.Code != tt.code || !slices.Equal(codes, tt.issues) {
				t.Errorf("got %d %s %s, issues %q; want %d %s, issues %q", status, ctype, doc.Code, codes, tt.status, tt.code, tt.issues)
			}
			if tt.status == 422 {
				if ctype != "application/problem+json" || doc.Status != 422.0 || s.Status != "error" || s.Accepted != 0 || s.Rejected != s.Items ||
					doc.Detail != fmt.Sprintf("All %d items were rejected and none was applied; the issues in summary say why", s.Items) {
					t.Errorf("422: %s %s", ctype, b)
				}
			}
		})
	}
	// Nothing of the rejected requests was applied: h51 is the only new household.
	e.srv.mu.Lock()
	_, h51 := e.srv.reg.Household("h51")
	_, h98 := e.srv.reg.Household("h98")
	e.srv.mu.Unlock()
	if !h51 || h98 {
		t.Errorf("households h51 %v, h98 %v", h51, h98)
	}
}

// TestSeveralFaultsReported: a reading or a record with several faults
// reports each of them, not the first only.
func TestSeveralFaultsReported(t *testing.T) {
	e := registered(t)
	at := t0.Format(time.RFC3339)
	p1 := pseudonym("r1")
	tests := []struct {
		name, path, body string
		want             []issueBrief
	}{
		{"a reading wrong in every member", "/v1/readings",
			`[{"resident":"abc","kind":"walk","at":"2025-10-17 08:00","steps":3}]`,
			[]issueBrief{
				{0, "", "pseudonym.length", "/resident"},
				{0, "", "json.enum", "/kind"},
				{0, "", "json.dateTime", "/at"},
				{0, "", "json.unknownField", "/steps"},
			}},
		{"types and ranges", "/v1/readings",
			`[{"resident":5,"kind":"blood-pressure","at":"` + at + `","systolic":"x","diastolic":400}]`,
			[]issueBrief{
				{0, "", "json.type", "/resident"},
				{0, "", "json.type", "/systolic"},
				{0, "", "json.range", "/diastolic"},
			}},
		{"nulls, a fraction, a duplicate and a missing member", "/v1/readings",
			`[{"resident":"` + p1 + `","kind":null,"systolic":140.5,"resident":"` + p1 + `"}]`,
			[]issueBrief{
				{0, "", "json.type", "/kind"},
				{0, "", "json.range", "/systolic"},
				{0, "", "json.duplicateKey", "/resident"},
				{0, "", "json.required", "/at"},
			}},
		{"a blood pressure without its values, too early", "/v1/readings",
			`[{"resident":"` + p1 + `","kind":"blood-pressure","at":"1999-12-31T23:00:00+08:00"}]`,
			[]issueBrief{
				{0, "", codeReadingTimeRange, "/at"},
				{0, "", "json.required", "/systolic"},
				{0, "", "json.required", "/diastolic"},
			}},
		{"not an object", "/v1/readings", `[3, "x"]`,
			[]issueBrief{{0, "", "json.type", ""}, {1, "", "json.type", ""}}},
		{"an event at the register with a citizen ID for a name", "/v1/register",
			`{"schemaVersion":"1","kind":"householdVisit","id":"` + demoCitizenID(44, 76).Unmasked() + `","household":"h01","doctor":"D1","at":"` + at + `"}`,
			[]issueBrief{
				{0, demoCitizenID(44, 76).Masked(), codeEndpointKind, "/kind"},
				{0, demoCitizenID(44, 76).Masked(), codeCitizenIDInText, ""},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := e.post(tt.path, "gateway", tt.body)
			if diff := cmp.Diff(tt.want, briefs(s)); diff != "" {
				t.Errorf("issues (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWithdrawnConsentOnEveryPath: once a resident withdraws the consent
// that let a recipient hear of an alert, no path returns the alert to that
// recipient: not the listing, not a resumed stream, not an event already
// on its way to a live stream, and not an acknowledgement or a closing,
// which are refused as for an alert the recipient was never told of and
// change nothing.
func TestWithdrawnConsentOnEveryPath(t *testing.T) {
	e := registered(t)
	doctor := e.listen("D1", "")
	e.readings(bp("r1", t0, 154, 76))
	first := doctor.next()

	withdrawn := t0.Add(time.Hour)
	e.clock.Set(withdrawn)
	r1 := testResidents[0]
	r1.medical = false
	if s := e.post("/v1/register", "gateway", residentLine(r1, withdrawn)); s.Status != "success" {
		t.Fatalf("withdrawal: %+v", s)
	}
	leaks := func(where string, b []byte) {
		t.Helper()
		for _, s := range []string{pseudonym("r1"), `"systolic":154`} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds %q after the withdrawal: %s", where, s, b)
			}
		}
	}
	for _, op := range []string{"ack", "close"} {
		status, _, b := e.do("POST", "/v1/alerts/1/"+op, "D1", "")
		var p problem
		json.Unmarshal(b, &p)
		if status != 404 || p.Code != codeAlertUnknown {
			t.Errorf("%s after the withdrawal: %d %s", op, status, b)
		}
		leaks(op, b)
	}
	e.srv.mu.Lock()
	a, _ := e.srv.engine.Alert(1)
	e.srv.mu.Unlock()
	if !a.IsOpen() || !a.Acknowledged.IsZero() {
		t.Errorf("the refused actions changed the alert: %+v", a)
	}
	_, _, b := e.do("GET", "/v1/alerts?status=all", "D1", "")
	leaks("the listing", b)

	// An event that was on its way when the consent was withdrawn: the
	// stream does not write it. r3's alert, which follows, is written.
	var ev sseEvent
	e.srv.hub.mu.Lock()
	for _, x := range e.srv.hub.streams["D1"].alerts {
		ev = x
	}
	e.srv.hub.mu.Unlock()
	if ev.id != eventID(t, first) {
		t.Fatalf("the doctor's stream holds event %d, want %s", ev.id, first.ID)
	}
	e.srv.hub.publish("D1", ev)
	e.readings(bp("r3", withdrawn.Add(time.Minute), 150, 95))
	m := doctor.next()
	leaks("the live stream", []byte(m.Data))
	if n := m.notification(t); n.Resident.String() != pseudonym("r3") {
		t.Errorf("the live stream sent %s", m.Data)
	}
}

// TestClosingIsForTheResponsible: a fall tells the emergency contact team
// and the family. The family may acknowledge, in its own name, but not
// close the alert, and its acknowledgement does not stop the escalation
// to the grid leader; the emergency team's acknowledgement does, and the
// team may close the alert. What each did survives a restart.
func TestClosingIsForTheResponsible(t *testing.T) {
	e := registered(t)
	leader := e.listen("L1", "")
	fall := func(at time.Time) string {
		return fmt.Sprintf(`{"resident":%q,"kind":"fall","at":%q}`, pseudonym("r1"), at.Format(time.RFC3339))
	}
	action := func(op, who string, id int) (int, alertJSON, problem) {
		t.Helper()
		status, _, b := e.do("POST", fmt.Sprintf("/v1/alerts/%d/%s", id, op), who, "", "Accept-Language", "en")
		var a alertJSON
		var p problem
		json.Unmarshal(b, &a)
		json.Unmarshal(b, &p)
		return status, a, p
	}

	// Alert 1: the family acknowledges, tries to close; nobody responsible acts.
	e.readings(fall(t0))
	e.clock.Set(t0.Add(2 * time.Minute))
	if status, a, _ := action("close", "h01", 1); status != 403 {
		t.Errorf("the family closes: %d %+v", status, a)
	} else if _, _, p := action("close", "h01", 1); p.Code != codeAlertNotYours ||
		p.Detail != "Only the roles responsible for alert 1 (emergency-team, grid-leader) may close it; you may acknowledge it" {
		t.Errorf("the family closes: %+v", p)
	}
	status, a, _ := action("ack", "h01", 1)
	if status != 200 || a.Status != "open" || !a.Acknowledged.IsZero() ||
		!cmp.Equal(a.Acknowledgements, []acknowledgementJSON{{By: "h01", Recipient: grid.RecipientFamily, At: t0.Add(2 * time.Minute)}}) {
		t.Errorf("the family acknowledges: %d %+v", status, a)
	}
	if status, _, p := action("ack", "h01", 1); status != 409 || p.Code != codeAlertAcked {
		t.Errorf("the family acknowledges twice: %d %+v", status, p)
	}
	e.advance(t0.Add(10 * time.Minute))
	if n := leader.next().notification(t); n.Alert != 1 || n.Reason != grid.NotifyEscalated {
		t.Errorf("the grid leader was told %+v, want alert 1 escalated", n)
	}
	e.clock.Set(t0.Add(11 * time.Minute))
	status, a, _ = action("ack", "E1", 1)
	if status != 200 || a.Status != "acknowledged" || a.AcknowledgedBy != "E1" || len(a.Acknowledgements) != 2 {
		t.Errorf("the emergency team acknowledges after the family: %d %+v", status, a)
	}
	status, a, _ = action("close", "E1", 1)
	if status != 200 || a.Status != "closed" || a.ClosedBy != "E1" {
		t.Errorf("the emergency team closes: %d %+v", status, a)
	}

	// Alert 2: the emergency team acknowledges in time; no escalation.
	e.clock.Set(t0.Add(20 * time.Minute))
	e.readings(fall(t0.Add(20 * time.Minute)))
	e.clock.Set(t0.Add(25 * time.Minute))
	if status, a, _ := action("ack", "E1", 2); status != 200 || a.Status != "acknowledged" {
		t.Errorf("the emergency team acknowledges alert 2: %d %+v", status, a)
	}
	e.advance(t0.Add(40 * time.Minute))
	_, _, before := e.do("GET", "/v1/alerts?status=all", "L1", "")
	var list struct{ Alerts []alertJSON }
	json.Unmarshal(before, &list)
	if len(list.Alerts) != 1 || list.Alerts[0].ID != 1 {
		t.Errorf("the grid leader's alerts: %s", before)
	}
	_, _, famBefore := e.do("GET", "/v1/alerts?status=all", "h01", "")
	e.restart()
	_, _, after := e.do("GET", "/v1/alerts?status=all", "L1", "")
	_, _, famAfter := e.do("GET", "/v1/alerts?status=all", "h01", "")
	if diff := cmp.Diff(string(before)+string(famBefore), string(after)+string(famAfter)); diff != "" {
		t.Errorf("after a restart (-before +after):\n%s", diff)
	}
}

// TestActionLoggedWithoutRole: a log written before actions carried the
// role replays its acknowledgements and closings as they were applied.
func TestActionLoggedWithoutRole(t *testing.T) {
	e := registered(t)
	e.readings(fmt.Sprintf(`{"resident":%q,"kind":"fall","at":%q}`, pseudonym("r1"), t0.Format(time.RFC3339)))
	e.stop()
	st, err := openStore(e.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.append(t0.Add(time.Minute), opClose, []byte(`{"alert":1,"by":"h01"}`)); err != nil {
		t.Fatal(err)
	}
	st.close()
	e.start()
	e.srv.mu.Lock()
	a, _ := e.srv.engine.Alert(1)
	e.srv.mu.Unlock()
	want := []grid.Acknowledgement{{By: "h01", At: t0.Add(time.Minute)}}
	if diff := cmp.Diff(want, a.Acknowledgements); diff != "" || a.IsOpen() || a.ClosedBy != "h01" {
		t.Errorf("alert 1 closed %v by %q; acknowledgements (-want +got):\n%s", a.Closed, a.ClosedBy, diff)
	}
}

// TestRecipientsBoundToTheirGrids: with two grids registered, a grid
// worker hears, lists and acts on the alerts of its own grid only; an
// emergency team bound to a grid hears that grid's falls, one bound to
// none hears every grid's; a target-group channel bound to a grid hears
// the incidence alerts of divisions that contain it.
func TestRecipientsBoundToTheirGrids(t *testing.T) {
	e := registered(t)
	r6 := testResident{"r6", "h51", 6, 84, true, true, true}
	p6 := demoCitizenID(r6.age, r6.seq).Pseudonym(testKey).String()
	s := e.post("/v1/register", "gateway",
		`{"schemaVersion":"1","kind":"grid","id":"g2","name":"东关社区第2网格","division":"371502001002"}`+"\n"+
			`{"schemaVersion":"1","kind":"grid","id":"g3","name":"柳园街道第1网格","division":"371502002001"}`+"\n"+
			`{"schemaVersion":"1","kind":"household","id":"h51","grid":"g2"}`+"\n"+
			residentLine(r6, t0.AddDate(0, -1, 0)))
	if s.Status != "success" {
		t.Fatalf("the second grid: %+v", s)
	}
	w1, w2 := e.listen("W1", ""), e.listen("W2", "")
	e1 := e.listen("E1", "")
	tg, tg3 := e.listen("TG", ""), e.listen("TG3", "")

	// r1 (g1) and r6 (g2) live alone and go out at 08:00; twelve hours later
	// each grid's worker hears of its own resident.
	at := t0.Format(time.RFC3339)
	e.readings(outing("r1", t0), `{"resident":"`+p6+`","kind":"outing","at":"`+at+`"}`)
	e.advance(t0.Add(12 * time.Hour))
	n1, n2 := w1.next().notification(t), w2.next().notification(t)
	if n1.Grid != "g1" || n1.Resident.String() != pseudonym("r1") || n2.Grid != "g2" || n2.Resident.String() != p6 {
		t.Errorf("W1 heard %+v, W2 %+v", n1, n2)
	}
	// r6 falls: E1, bound to no grid, hears it; E2, bound to g1, does not.
	e.readings(`{"resident":"` + p6 + `","kind":"fall","at":"` + t0.Add(12*time.Hour).Format(time.RFC3339) + `"}`)
	if n := e1.next().notification(t); n.Rule != "fall" || n.Grid != "g2" {
		t.Errorf("E1 heard %+v", n)
	}
	// Influenza up in 古楼街道 (371502001), which holds g1 and g2, not g3.
	w43, w44 := time.Date(2025, 10, 21, 9, 0, 0, 0, healthedu.ChinaStandardTime), time.Date(2025, 10, 28, 9, 0, 0, 0, healthedu.ChinaStandardTime)
	for i, at := range []time.Time{w43, w44} {
		e.clock.Set(at)
		e.post("/v1/events", "gateway", fmt.Sprintf(`{"schemaVersion":"1","kind":"caseReport","id":"c%d","division":"371502001001","disease":"influenza","at":%q,"cases":%d}`,
			i, at.Format(time.RFC3339), 5+2*i))
	}
	e.advance(time.Date(2025, 11, 3, 0, 0, 1, 0, healthedu.ChinaStandardTime))
	if n := tg.next().notification(t); n.Rule != "respiratory-rise" {
		t.Errorf("TG heard %+v", n)
	}
	// Influenza up in 柳园街道 (371502002), which holds g3 only.
	for i, at := range []time.Time{w44.AddDate(0, 0, 7), w44.AddDate(0, 0, 14)} {
		e.clock.Set(at)
		e.post("/v1/events", "gateway", fmt.Sprintf(`{"schemaVersion":"1","kind":"caseReport","id":"l%d","division":"371502002001","disease":"influenza","at":%q,"cases":%d}`,
			i, at.Format(time.RFC3339), 5+4*i))
	}
	e.advance(time.Date(2025, 11, 17, 0, 0, 1, 0, healthedu.ChinaStandardTime))
	if n := tg3.next().notification(t); n.Division.String() != "371502002000" {
		t.Errorf("TG3's first push is about %v, want 柳园街道's only", n.Division)
	}
	// What each recipient was told, as the server delivered it: by alert,
	// the grid, or the division of an incidence alert.
	heard := map[string][]string{}
	for _, who := range []string{"W1", "W2", "E1", "E2", "TG", "TG3"} {
		for _, ev := range e.srv.hub.deliveredAll(who) {
			heard[who] = append(heard[who], fmt.Sprintf("%d %s %s%s", ev.alert, ev.data.Rule, ev.data.Grid, ev.data.Division.Short()))
		}
	}
	want := map[string][]string{
		"W1":  {"1 no-outing g1371502001001"},
		"W2":  {"2 no-outing g2371502001002"},
		"E1":  {"3 fall g2371502001002"},
		"TG":  {"4 respiratory-rise 371502001", "5 respiratory-rise 371502002"},
		"TG3": {"5 respiratory-rise 371502002"},
	}
	if diff := cmp.Diff(want, heard); diff != "" {
		t.Errorf("alerts delivered (-want +got):\n%s", diff)
	}

	// Reads and actions follow: W1 lists and acts on g1's alert only.
	_, _, b := e.do("GET", "/v1/alerts?status=all", "W1", "")
	var list struct{ Alerts []alertJSON }
	json.Unmarshal(b, &list)
	if len(list.Alerts) != 1 || list.Alerts[0].Notification.Grid != "g1" {
		t.Errorf("W1's alerts: %s", b)
	}
	if status, _, b := e.do("POST", fmt.Sprintf("/v1/alerts/%d/ack", n2.Alert), "W1", ""); status != 404 {
		t.Errorf("W1 acknowledges g2's alert: %d %s", status, b)
	}
}

// TestStreamCapPerToken: a token may hold a few event streams open at
// once (4 by default, -max-streams); one more is 429 stream.tooMany with
// Retry-After, while other tokens are not affected.
func TestStreamCapPerToken(t *testing.T) {
	e := registered(t)
	for range defaultMaxStreams {
		e.listen("D1", "")
	}
	status, ctype, b := e.do("GET", "/v1/alerts/stream", "D1", "", "Accept-Language", "en")
	var p problem
	json.Unmarshal(b, &p)
	want := problem{Problem: httpapi.Problem{Type: "about:blank", Title: "Too Many Requests", Status: 429, Code: codeStreamTooMany, Instance: "/v1/alerts/stream",
		Detail: "This token already has 4 event streams open, the most it may; close one and retry later",
		Params: map[string]any{"max": float64(defaultMaxStreams)}}}
	if diff := cmp.Diff(want, p); diff != "" || status != 429 || ctype != "application/problem+json" {
		t.Errorf("stream over the cap: %d %s (-want +got):\n%s", status, ctype, diff)
	}
	if got := e.lastHeader.Get("Retry-After"); got != "60" { // the tests' heartbeat: a dead stream is noticed by then
		t.Errorf("Retry-After %q, want 60", got)
	}
	e.listen("W1", "") // another token
	// A stream that ends gives its place back.
	s := e.srv.streams
	tok := sha256.Sum256([]byte(tokenOf("D1")))
	if s.acquire(tok) {
		t.Errorf("a fifth stream of D1's token acquired")
	}
	s.release(tok)
	if !s.acquire(tok) || s.acquire(tok) {
		t.Errorf("after one stream ended: not exactly one place free")
	}
}

// TestHealthzSaysNothingElse: /healthz is open to anyone and says only
// that the server and its database answer.
func TestHealthzSaysNothingElse(t *testing.T) {
	e := registered(t)
	e.readings(bp("r1", t0, 154, 76))
	status, ctype, b := e.do("GET", "/healthz", "", "")
	if status != 200 || ctype != "application/json; charset=utf-8" || string(b) != `{"status":"ok"}`+"\n" {
		t.Errorf("/healthz: %d %s %s", status, ctype, b)
	}
}

func TestRunFlags(t *testing.T) {
	tests := []struct {
		args []string
		want int
		out  string // in what it writes to standard error
	}{
		{[]string{"-max-streams", "0"}, 2, "-max-streams 0: want at least 1"},
		{[]string{"-h"}, 0, "-max-streams"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if got := run(tt.args, &stdout, &stderr); got != tt.want || !strings.Contains(stderr.String(), tt.out) {
			t.Errorf("run(%q) = %d, standard error %q; want %d and %q", tt.args, got, stderr.String(), tt.want, tt.out)
		}
	}
}
