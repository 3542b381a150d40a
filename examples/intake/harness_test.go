package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/healthedu"
)

// The environment of the integration tests.
const (
	// envPostgres is the URL of a PostgreSQL database in which the tests
	// may create and drop schemas; unset, the PostgreSQL tests skip.
	envPostgres = "JICENG_TEST_POSTGRES"
	// envRequire, set to 1, makes a test fail rather than skip when the
	// service it needs is missing, as in CI.
	envRequire = "JICENG_REQUIRE_INTEGRATION"
)

// A database is one of the two the store runs on, as the tests open it.
type database struct {
	name string
	// open returns a new, empty store, closed and removed at the end of
	// the test.
	open func(t testing.TB) store
}

// databases returns SQLite and, when envPostgres is set, PostgreSQL.
func databases() []database {
	return []database{
		{"sqlite", openTestSQLite},
		{"postgres", openTestPostgres},
	}
}

// forEachDatabase runs test as a subtest for each database.
func forEachDatabase(t *testing.T, test func(t *testing.T, open func(testing.TB) store)) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) { test(t, db.open) })
	}
}

func openTestSQLite(t testing.TB) store {
	st, err := openStore(context.Background(), filepath.Join(t.TempDir(), "intake.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// postgresURL returns the URL of the test database, or skips t (fails it
// when envRequire is 1).
func postgresURL(t testing.TB) string {
	u := os.Getenv(envPostgres)
	if u == "" {
		if os.Getenv(envRequire) == "1" {
			t.Fatalf("%s is not set, and %s=1 requires the PostgreSQL integration tests", envPostgres, envRequire)
		}
		t.Skipf("PostgreSQL integration test skipped: set %s to a postgres:// URL to run it", envPostgres)
	}
	return u
}

// openTestPostgres returns a store in a schema of its own, created for the
// test and dropped after it.
func openTestPostgres(t testing.TB) store {
	base := postgresURL(t)
	ctx := context.Background()
	var b [6]byte
	rand.Read(b[:])
	schema := "intake_test_" + hex.EncodeToString(b[:])
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connecting to %s: %v", envPostgres, err)
	}
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close(ctx)
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := openPostgres(ctx, u.String(), 16)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.Close()
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping schema %s: %v", schema, err)
		}
		admin.Close(ctx)
	})
	return st
}

// The tokens of the test platform.
const (
	tokenAdmin    = "admin-token-of-shandong-37"   // admin 37 山东省
	tokenCity     = "submitter-token-liaocheng"    // submitter 3715 聊城市
	tokenGulou    = "submitter-token-gulou-0001"   // submitter 371502001 古楼街道
	tokenLiuyuan  = "submitter-token-liuyuan-002"  // submitter 371502002 柳园街道, 古楼's neighbour
	tokenReader   = "reader-token-of-liaocheng-x"  // reader 3715
	tokenDonge    = "submitter-token-donge-county" // submitter 371524 东阿县
	tokensCSVTest = "token,division,role\n" +
		tokenAdmin + ",37,admin\n" +
		tokenCity + ",3715,submitter\n" +
		tokenGulou + ",371502001,submitter\n" +
		tokenLiuyuan + ",371502002,submitter\n" +
		tokenReader + ",3715,reader\n" +
		tokenDonge + ",371524,submitter\n"
)

// testKey is the pseudonym key of the tests.
var testKey = bytes.Repeat([]byte{0x5a}, 32)

// testNow is the clock of the tests: 2026-01-01 00:00 in China Standard
// Time, after every record of internal/fixtures.
var testNow = time.Date(2026, 1, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)

// A harness is a server on a test database, behind an httptest.Server.
type harness struct {
	t     testing.TB
	srv   *server
	ts    *httptest.Server
	store store
	logs  *httpapitest.Buffer
	clock *httpapitest.Clock
}

// newHarness starts a server on st with the test tokens, the clock at
// testNow, no lock, and the changes of configure.
func newHarness(t testing.TB, st store, configure ...func(*config)) *harness {
	h := &harness{t: t, store: st, logs: &httpapitest.Buffer{}, clock: httpapitest.NewClock(testNow)}
	tokens := &tokenTable{}
	if err := loadTokens(strings.NewReader(tokensCSVTest), "tokens.csv", tokens); err != nil {
		t.Fatal(err)
	}
	cfg := config{
		LockDays:       0,
		DeadlineDay:    10,
		MaxBody:        32 << 20,
		MaxSubmissions: 8,
		ReadTimeout:    time.Minute,
		Key:            testKey,
		Now:            h.clock.Now,
	}
	for _, f := range configure {
		f(&cfg)
	}
	log := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(h.logs, nil)))
	h.srv = newServer(cfg, st, tokens, log)
	h.ts = httptest.NewServer(h.srv)
	t.Cleanup(h.ts.Close)
	return h
}

// An answer is what the server answered.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the answer's body into v.
func (a answer) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("answer %d is not JSON: %v\n%s", a.status, err, a.body)
	}
}

// summary decodes the import summary of a 200 answer, or of a 422
// intake.rejected problem.
func (a answer) summary(t testing.TB) wire.ImportSummary {
	t.Helper()
	var sm wire.ImportSummary
	switch a.status {
	case http.StatusOK:
		a.json(t, &sm)
	case http.StatusUnprocessableEntity:
		var p struct {
			Code    string              `json:"code"`
			Summary *wire.ImportSummary `json:"summary"`
		}
		a.json(t, &p)
		if p.Code != codeRejected || p.Summary == nil {
			t.Fatalf("422 without a summary: %s", a.body)
		}
		sm = *p.Summary
	default:
		t.Fatalf("answer %d, want an import summary: %s", a.status, a.body)
	}
	return sm
}

// problemCode returns the code of a problem answer, failing t when the
// answer is not a problem document with a code.
func (a answer) problemCode(t testing.TB) string {
	t.Helper()
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("answer %d has Content-Type %q, want application/problem+json: %s", a.status, ct, a.body)
	}
	var p httpapi.Problem
	a.json(t, &p)
	if p.Code == "" || p.Status != a.status || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Errorf("answer %d is not a whole problem document: %s", a.status, a.body)
	}
	return p.Code
}

// request sends a request with an optional bearer token, body and headers
// (name, value pairs); a submission is NDJSON unless headers give another
// Content-Type.
func (h *harness) request(method, path, token string, body []byte, headers ...string) answer {
	h.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hs := headers
	if method == "POST" && strings.HasPrefix(path, "/v1/submissions") {
		hs = append([]string{"Content-Type", ndjsonType}, headers...) // unless headers say otherwise
	}
	resp, b := httpapitest.Do(h.t, h.ts.Client(), method, h.ts.URL+path, token, rd, hs...)
	a := answer{status: resp.StatusCode, header: resp.Header, body: b}
	checkAnswerLanguage(h.t, a, method+" "+path+" "+strings.Join(headers, " ")+" "+string(body))
	return a
}

// submit posts records with token.
func (h *harness) submit(token string, records []byte, headers ...string) answer {
	h.t.Helper()
	return h.request("POST", "/v1/submissions", token, records, headers...)
}

// ndjsonType is the Content-Type of the submissions of the tests.
const ndjsonType = "application/x-ndjson"

// count returns the number of stored records.
func (h *harness) count() int64 {
	h.t.Helper()
	n, err := h.store.Count(context.Background(), healthedu.DivisionCode{})
	if err != nil {
		h.t.Fatal(err)
	}
	return n
}

// stored returns every stored record.
func (h *harness) stored() []storedRecord {
	h.t.Helper()
	var rs []storedRecord
	err := h.store.Records(context.Background(), healthedu.DivisionCode{}, func(r *storedRecord) error {
		c := *r
		c.Body = bytes.Clone(r.Body)
		rs = append(rs, c)
		return nil
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return rs
}

// activity returns an activity record: a lecture of 古楼街道's health centre,
// held in division at start, addressed to the resident with citizenID when
// it is not "" (then an individual guidance).
func activity(id, division string, start time.Time, citizenID string) []byte {
	form, resident, participants := "lecture", "", 60
	evidence := `,"evidence":{"photos":["oss://t/1.jpg"],"signInSheet":"oss://t/1.pdf"}`
	if citizenID != "" {
		form, participants, evidence = "individual-guidance", 1, ""
		resident = fmt.Sprintf(`,"resident":{"citizenId":%q,"consent":{"community":true,"medical":false}}`, citizenID)
	}
	return fmt.Appendf(nil, `{"schemaVersion":"1","kind":"activity","id":%q,"title":"健康知识讲座",`+
		`"organizer":{"creditCode":"12371502MB2854374B","name":"测试卫生服务中心","type":"community-health-center","division":%q},`+
		`"division":%q,"venue":{"type":"health-education-point","name":"健康宣教点"},"form":%q,"topics":["literacy-66"],"targetGroups":["general"],`+
		`"start":%q,"end":%q,"participants":%d%s%s}`+"\n",
		id, division, division, form, start.Format(time.RFC3339), start.Add(90*time.Minute).Format(time.RFC3339), participants, evidence, resident)
}

// ndjson joins records into one NDJSON body.
func ndjson(records ...[]byte) []byte {
	return bytes.Join(records, nil)
}

// at returns the instant of a day and hour in China Standard Time.
func at(y int, m time.Month, d, hour int) time.Time {
	return time.Date(y, m, d, hour, 0, 0, 0, healthedu.ChinaStandardTime)
}
