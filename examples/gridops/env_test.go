package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// testKey is the pseudonymisation key of the tests.
var testKey = []byte("gridops test key: 32 random bytes in production")

// t0 is when the tests' clock starts: Friday 17 October 2025, 08:00 in
// China Standard Time.
var t0 = time.Date(2025, 10, 17, 8, 0, 0, 0, healthedu.ChinaStandardTime)

// testTokens are the tokens of the tests, by recipient ID: the gateway
// (operator), the grid team's family doctor D1 and grid leader L1, a grid
// worker bound to g1, the emergency contact team, the family of household
// h01, a target-group channel, and a family doctor of another grid; and
// for the tests of two grids a grid worker bound to g2, an emergency team
// bound to g1 and a target-group channel bound to g3, which the test
// register lacks.
var testTokens = map[string]principal{
	"gateway": {"gateway", roleOperator, nil},
	"D1":      {"D1", string(grid.RecipientFamilyDoctor), nil},
	"L1":      {"L1", string(grid.RecipientGridLeader), nil},
	"W1":      {"W1", string(grid.RecipientGridWorker), []string{"g1"}},
	"E1":      {"E1", string(grid.RecipientEmergencyTeam), nil},
	"h01":     {"h01", string(grid.RecipientFamily), nil},
	"TG":      {"TG", string(grid.RecipientTargetGroup), nil},
	"D9":      {"D9", string(grid.RecipientFamilyDoctor), nil},
	"W2":      {"W2", string(grid.RecipientGridWorker), []string{"g2"}},
	"E2":      {"E2", string(grid.RecipientEmergencyTeam), []string{"g1"}},
	"TG3":     {"TG3", string(grid.RecipientTargetGroup), []string{"g3"}},
}

// tokenOf returns the test token of recipient id.
func tokenOf(id string) string { return "test-token-of-" + id + "-0123456789" }

// testEnv is a server on 127.0.0.1 with a fake clock and a database in a
// temporary directory, which a test can restart.
type testEnv struct {
	t      *testing.T
	clock  *httpapitest.Clock
	dbPath string
	logs   *httpapitest.Buffer
	tokens *tokenSet
	key    []byte

	st  *store
	srv *server
	ts  *httptest.Server

	mu         sync.Mutex
	responses  []string    // every response body, for the privacy test
	lastHeader http.Header // of the last response to do
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	var csv strings.Builder
	csv.WriteString("token,recipient,role,grids\n")
	for id, p := range testTokens {
		fmt.Fprintf(&csv, "%s,%s,%s,%s\n", tokenOf(id), p.ID, p.Role, strings.Join(p.Grids, " "))
	}
	tokens, err := parseTokens(strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{
		t: t, clock: httpapitest.NewClock(t0), dbPath: filepath.Join(t.TempDir(), "gridops.db"),
		logs: new(httpapitest.Buffer), tokens: tokens, key: testKey,
	}
	e.start()
	t.Cleanup(e.stop)
	return e
}

// start opens the database and starts a server on it.
func (e *testEnv) start() {
	e.t.Helper()
	st, err := openStore(e.dbPath)
	if err != nil {
		e.t.Fatal(err)
	}
	srv, err := newServer(config{
		store: st, key: e.key, tokens: e.tokens, now: e.clock.Now,
		logger:    slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(e.logs, nil))),
		heartbeat: time.Minute, maxBody: 1 << 20,
	})
	if err != nil {
		st.close()
		e.t.Fatal(err)
	}
	e.st, e.srv, e.ts = st, srv, httptest.NewServer(srv)
}

// stop ends the event streams, the server and the database.
func (e *testEnv) stop() {
	if e.ts == nil {
		return
	}
	e.srv.hub.close()
	e.ts.Close()
	e.st.close()
	e.ts = nil
}

// restart stops the server and starts a new one on the same database.
func (e *testEnv) restart() {
	e.t.Helper()
	e.stop()
	e.start()
}

// advance sets the clock to t and lets the engine's time pass, as the
// server's ticker does.
func (e *testEnv) advance(t time.Time) {
	e.clock.Set(t)
	e.srv.tick()
}

// do sends a request as recipient who ("" for none) and returns the
// status, the Content-Type and the body.
func (e *testEnv) do(method, path, who, body string, header ...string) (int, string, []byte) {
	e.t.Helper()
	token := ""
	if who != "" {
		token = tokenOf(who)
	}
	resp, b := httpapitest.Do(e.t, e.ts.Client(), method, e.ts.URL+path, token, strings.NewReader(body), header...)
	checkLanguage(e.t, resp.Request.Header.Get("Accept-Language"), resp.Header.Get("Content-Type"), resp.Header.Get("Content-Language"), b)
	e.mu.Lock()
	e.responses = append(e.responses, string(b))
	e.lastHeader = resp.Header
	e.mu.Unlock()
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// post posts body as who and decodes the import summary: the answer of
// 200, or the summary of a 422 problem, which must then reject every item.
func (e *testEnv) post(path, who, body string, header ...string) importSummary {
	e.t.Helper()
	status, _, b := e.do("POST", path, who, body, header...)
	var s importSummary
	switch status {
	case http.StatusOK:
		if err := json.Unmarshal(b, &s); err != nil {
			e.t.Fatal(err)
		}
	case http.StatusUnprocessableEntity:
		var p problem
		if err := json.Unmarshal(b, &p); err != nil || p.Code != codeImportRejected || p.Summary == nil || p.Summary.Accepted != 0 {
			e.t.Fatalf("POST %s: %d %s", path, status, b)
		}
		s = *p.Summary
	default:
		e.t.Fatalf("POST %s: %d %s", path, status, b)
	}
	return s
}

// testResident describes a resident of the test register.
type testResident struct {
	id, household      string
	seq, age           int
	alone              bool
	community, medical bool
}

// The residents of the test register: r1 lives alone and shares with the
// community and medical institutions, r2 lives alone and shares with the
// community only, r3 lives with r4 and shares with both, r4 with neither.
var testResidents = []testResident{
	{"r1", "h01", 1, 82, true, true, true},
	{"r2", "h02", 2, 75, true, true, false},
	{"r3", "h03", 3, 60, false, true, true},
	{"r4", "h03", 4, 58, false, false, false},
}

// residentLine returns the NDJSON line of resident r, with its
// authorisation given at at.
func residentLine(r testResident, at time.Time) string {
	id := demoCitizenID(r.age, r.seq)
	b, _ := json.Marshal(map[string]any{
		"schemaVersion": "1", "kind": "resident", "id": r.id, "household": r.household,
		"citizenId": id.Unmasked(), "ageBand": grid.AgeBandOf(id.Age(t0)), "livingAlone": r.alone,
		"authorisation": map[string]any{"community": r.community, "medical": r.medical, "at": at.Format(time.RFC3339)},
	})
	return string(b) + "\n"
}

// registerNDJSON returns the test register: grid g1 in 371502001001, 50
// households, the residents, and the team t1 whose family doctor D1 signs
// the 50 households.
func registerNDJSON() string {
	var b strings.Builder
	b.WriteString(`{"schemaVersion":"1","kind":"grid","id":"g1","name":"东关社区第1网格","division":"371502001001"}` + "\n")
	var signed []string
	for i := 1; i <= 50; i++ {
		h := fmt.Sprintf("h%02d", i)
		signed = append(signed, `"`+h+`"`)
		fmt.Fprintf(&b, `{"schemaVersion":"1","kind":"household","id":"%s","grid":"g1"}`+"\n", h)
	}
	for _, r := range testResidents {
		b.WriteString(residentLine(r, t0.AddDate(0, -1, 0)))
	}
	fmt.Fprintf(&b, `{"schemaVersion":"1","kind":"gridTeam","id":"t1","grid":"g1","members":[`+
		`{"id":"L1","name":"王网格长","role":"grid-leader"},`+
		`{"id":"D1","name":"李医生","role":"family-doctor","daysInCommunity":2,"signedHouseholds":[%s]},`+
		`{"id":"V1","name":"张志愿者","role":"health-volunteer"},`+
		`{"id":"P1","name":"古楼街道社区卫生服务中心","role":"partner","partner":"community-health-centre"}]}`+"\n",
		strings.Join(signed, ","))
	return b.String()
}

// registered starts a test environment with the test register.
func registered(t *testing.T) *testEnv {
	t.Helper()
	e := newTestEnv(t)
	if s := e.post("/v1/register", "gateway", registerNDJSON()); s.Status != "success" {
		t.Fatalf("register: %+v", s)
	}
	return e
}

// pseudonym returns the pseudonym of test resident id, as hex.
func pseudonym(id string) string {
	for _, r := range testResidents {
		if r.id == id {
			return demoCitizenID(r.age, r.seq).Pseudonym(testKey).String()
		}
	}
	panic("no test resident " + id)
}

// bp returns a blood-pressure reading of resident id at at, as JSON.
func bp(id string, at time.Time, sys, dia int) string {
	return fmt.Sprintf(`{"resident":%q,"kind":"blood-pressure","at":%q,"systolic":%d,"diastolic":%d}`,
		pseudonym(id), at.Format(time.RFC3339), sys, dia)
}

// outing returns an outing reading of resident id at at, as JSON.
func outing(id string, at time.Time) string {
	return fmt.Sprintf(`{"resident":%q,"kind":"outing","at":%q}`, pseudonym(id), at.Format(time.RFC3339))
}

// readings posts readings as the gateway and expects them all accepted.
func (e *testEnv) readings(rs ...string) {
	e.t.Helper()
	if s := e.post("/v1/readings", "gateway", "["+strings.Join(rs, ",")+"]"); s.Rejected > 0 {
		e.t.Fatalf("readings rejected: %+v", s)
	}
}

// sseMessage is one event received from a stream.
type sseMessage struct {
	ID, Event, Data string
}

// notification decodes the event's data.
func (m sseMessage) notification(t *testing.T) notificationJSON {
	t.Helper()
	var n notificationJSON
	if err := json.Unmarshal([]byte(m.Data), &n); err != nil {
		t.Fatalf("event %s: %v: %s", m.ID, err, m.Data)
	}
	return n
}

// sseClient listens to a stream.
type sseClient struct {
	t      *testing.T
	events chan sseMessage
	cancel context.CancelFunc
	done   chan struct{}
}

// listen opens the stream of recipient who, resuming after lastID if it
// is not empty.
func (e *testEnv) listen(who, lastID string) *sseClient {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", e.ts.URL+"/v1/alerts/stream?recipient="+who, nil)
	req.Header.Set("Authorization", "Bearer "+tokenOf(who))
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		cancel()
		e.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		e.t.Fatalf("stream of %s: %d %s", who, resp.StatusCode, b)
	}
	c := &sseClient{t: e.t, events: make(chan sseMessage, 100), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var m sseMessage
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if m.Data != "" || m.Event != "" {
					c.events <- m
				}
				m = sseMessage{}
			case strings.HasPrefix(line, "id: "):
				m.ID = line[4:]
			case strings.HasPrefix(line, "event: "):
				m.Event = line[7:]
			case strings.HasPrefix(line, "data: "):
				m.Data = line[6:]
			}
		}
	}()
	e.t.Cleanup(c.close)
	return c
}

// next returns the next event, failing after 5 seconds.
func (c *sseClient) next() sseMessage {
	c.t.Helper()
	select {
	case m := <-c.events:
		return m
	case <-time.After(5 * time.Second):
		c.t.Fatal("no event within 5 s")
		return sseMessage{}
	}
}

// close disconnects.
func (c *sseClient) close() {
	c.cancel()
	<-c.done
}
