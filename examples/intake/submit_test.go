package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// citizenID returns the 18-character citizen ID number with the 17-digit
// body, its check character appended.
func citizenID(body string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(body[i]-'0') * weights[i]
	}
	return body + string("10X98765432"[sum%11])
}

// equateCodes compares division codes and periods with ==.
var equateCodes = cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})

// counts are the counts of an import summary.
type counts struct{ Records, Imported, Updated, Ignored, Rejected int }

func countsOf(sm wire.ImportSummary) counts {
	return counts{sm.Records, sm.Imported, sm.Updated, sm.Ignored, sm.Rejected}
}

func TestSubmitResubmitUpdate(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		a1 := activity("GL-1", "371502001", at(2025, 12, 3, 9), "")
		a2 := activity("GL-2", "371502001", at(2025, 12, 4, 9), "")
		body := ndjson(a1, a2)

		sm := h.submit(tokenGulou, body).summary(t)
		if diff := cmp.Diff(counts{2, 2, 0, 0, 0}, countsOf(sm)); diff != "" {
			t.Errorf("first submission (-want +got):\n%s", diff)
		}
		if sm.Status != "success" {
			t.Errorf("status %q, want success; issues %+v", sm.Status, sm.Issues)
		}

		// The same records again: ignored, nothing changes.
		sm = h.submit(tokenGulou, body).summary(t)
		if diff := cmp.Diff(counts{2, 0, 0, 2, 0}, countsOf(sm)); diff != "" {
			t.Errorf("resubmission (-want +got):\n%s", diff)
		}

		// One changed, one the same, one new.
		a2b := bytes.Replace(a2, []byte(`"participants":60`), []byte(`"participants":75`), 1)
		a3 := activity("GL-3", "371502001", at(2025, 12, 5, 9), "")
		sm = h.submit(tokenGulou, ndjson(a1, a2b, a3)).summary(t)
		if diff := cmp.Diff(counts{3, 1, 1, 1, 0}, countsOf(sm)); diff != "" {
			t.Errorf("update (-want +got):\n%s", diff)
		}
		if n := h.count(); n != 3 {
			t.Errorf("%d records stored, want 3", n)
		}
		for _, r := range h.stored() {
			if r.ID == "GL-2" && !bytes.Contains(r.Body, []byte(`"participants":75`)) {
				t.Errorf("GL-2 not updated: %s", r.Body)
			}
			if r.Submitter.String() != "371502001000" {
				t.Errorf("%s submitter %s, want 371502001000", r.ID, r.Submitter)
			}
		}

		// The same id from another submitter is another record.
		sm = h.submit(tokenCity, a1).summary(t)
		if diff := cmp.Diff(counts{1, 1, 0, 0, 0}, countsOf(sm)); diff != "" {
			t.Errorf("same id from the city (-want +got):\n%s", diff)
		}

		// A record repeated within one submission is stored once.
		a4 := activity("GL-4", "371502001", at(2025, 12, 6, 9), "")
		sm = h.submit(tokenGulou, ndjson(a4, a4)).summary(t)
		if diff := cmp.Diff(counts{2, 1, 0, 1, 0}, countsOf(sm)); diff != "" {
			t.Errorf("repeat within a submission (-want +got):\n%s", diff)
		}
		if n := h.count(); n != 5 {
			t.Errorf("%d records stored, want 5", n)
		}
	})
}

func TestSubmitFormats(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	a := activity("F-1", "371502001", at(2025, 12, 3, 9), "")
	b := activity("F-2", "371502001", at(2025, 12, 3, 9), "")
	array := []byte("[" + strings.TrimSpace(string(a)) + ",\n" + strings.TrimSpace(string(b)) + "]")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(ndjson(a, b))
	zw.Close()
	for _, tc := range []struct {
		name    string
		body    []byte
		headers []string
	}{
		{"document", a, nil},
		{"array", array, nil},
		{"ndjson", ndjson(a, b), nil},
		{"gzip", gz.Bytes(), []string{"Content-Encoding", "gzip"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.request("POST", "/v1/submissions?dryRun=true", tokenGulou, tc.body, tc.headers...)
			sm := ans.summary(t)
			if sm.Rejected != 0 || sm.Records == 0 || sm.Imported+sm.Ignored != sm.Records {
				t.Errorf("summary %+v", sm)
			}
		})
	}
}

func TestSubmitRejectedRecords(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		good := activity("R-1", "371502001", at(2025, 12, 3, 9), "")
		bad := bytes.Replace(activity("R-2", "371502001", at(2025, 12, 3, 9), ""), []byte(`"participants":60`), []byte(`"participants":-1`), 1)
		ans := h.submit(tokenGulou, ndjson(good, bad), "Accept-Language", "en")
		sm := ans.summary(t)
		if ans.status != http.StatusOK || sm.Status != "warning" {
			t.Errorf("answer %d status %q, want 200 warning", ans.status, sm.Status)
		}
		if diff := cmp.Diff([]int{1}, sm.RejectedIndexes); diff != "" {
			t.Errorf("rejected indexes (-want +got):\n%s", diff)
		}
		if len(sm.Issues) != 1 || sm.Issues[0].Index != 1 || sm.Issues[0].Line != 2 || sm.Issues[0].RecordID != "R-2" ||
			sm.Issues[0].Code != "json.range" || sm.Issues[0].Path != "/participants" || !strings.Contains(sm.Issues[0].Message, "out of range") {
			t.Errorf("issues %+v", sm.Issues)
		}
		if ans.header.Get("Content-Language") != "en" {
			t.Errorf("Content-Language %q, want en", ans.header.Get("Content-Language"))
		}

		// Nothing accepted: 422, a problem carrying the summary.
		ans = h.submit(tokenGulou, bad)
		if ans.status != http.StatusUnprocessableEntity || ans.problemCode(t) != codeRejected {
			t.Fatalf("answer %d %s, want 422 %s", ans.status, ans.body, codeRejected)
		}
		if sm := ans.summary(t); sm.Status != "error" || sm.Rejected != 1 {
			t.Errorf("summary %+v", sm)
		}
		if n := h.count(); n != 1 {
			t.Errorf("%d records stored, want 1", n)
		}
	})
}

func TestDryRun(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		a1 := activity("D-1", "371502001", at(2025, 12, 3, 9), "")
		a2 := activity("D-2", "371502001", at(2025, 12, 4, 9), "")
		if sm := h.submit(tokenGulou, a1).summary(t); sm.Imported != 1 {
			t.Fatalf("summary %+v", sm)
		}
		a1b := bytes.Replace(a1, []byte(`"participants":60`), []byte(`"participants":61`), 1)
		before := h.stored()
		ans := h.request("POST", "/v1/submissions?dryRun=true", tokenGulou, ndjson(a1b, a2, a1b), "Idempotency-Key", "dry-1")
		sm := ans.summary(t)
		if diff := cmp.Diff(counts{3, 1, 1, 1, 0}, countsOf(sm)); diff != "" || !sm.DryRun {
			t.Errorf("dry run %+v (-want +got):\n%s", sm, diff)
		}
		if diff := cmp.Diff(before, h.stored(), equateCodes); diff != "" {
			t.Errorf("dry run changed the store (-before +after):\n%s", diff)
		}
		// The key of a dry run is not kept: the real run is not a replay.
		ans = h.submit(tokenGulou, ndjson(a1b, a2, a1b), "Idempotency-Key", "dry-1")
		if sm := ans.summary(t); sm.DryRun || sm.Imported != 1 || sm.Updated != 1 || ans.header.Get("Idempotent-Replayed") != "" {
			t.Errorf("real run after dry run: %+v", sm)
		}
	})
}

func TestIdempotencyKey(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		body := ndjson(activity("I-1", "371502001", at(2025, 12, 3, 9), ""), activity("I-2", "371502001", at(2025, 12, 3, 10), ""))
		first := h.submit(tokenGulou, body, "Idempotency-Key", "batch-2025-12-03")
		if first.status != http.StatusOK || first.summary(t).Imported != 2 {
			t.Fatalf("first answer %d %s", first.status, first.body)
		}
		// Replayed: the first answer, byte for byte, though the records
		// would now be ignored.
		again := h.submit(tokenGulou, body, "Idempotency-Key", "batch-2025-12-03")
		if again.status != first.status || !bytes.Equal(again.body, first.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay %d %s (replayed %q), want the first answer %s", again.status, again.body, again.header.Get("Idempotent-Replayed"), first.body)
		}
		// Gzip-compressed, the same records are the same request.
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(body)
		zw.Close()
		if ans := h.submit(tokenGulou, gz.Bytes(), "Idempotency-Key", "batch-2025-12-03", "Content-Encoding", "gzip"); !bytes.Equal(ans.body, first.body) {
			t.Errorf("gzip replay %d %s", ans.status, ans.body)
		}
		// Another body under the same key.
		other := activity("I-3", "371502001", at(2025, 12, 3, 9), "")
		if ans := h.submit(tokenGulou, other, "Idempotency-Key", "batch-2025-12-03"); ans.status != http.StatusUnprocessableEntity || ans.problemCode(t) != codeIdempotencyReused {
			t.Errorf("reused key: %d %s", ans.status, ans.body)
		}
		// The same key under another token is another request.
		if ans := h.submit(tokenCity, body, "Idempotency-Key", "batch-2025-12-03"); ans.status != http.StatusOK || ans.summary(t).Imported != 2 {
			t.Errorf("other token: %d %s", ans.status, ans.body)
		}
		if n := h.count(); n != 4 {
			t.Errorf("%d records stored, want 4", n)
		}
		if ans := h.submit(tokenGulou, body, "Idempotency-Key", ""); ans.status != http.StatusBadRequest || ans.problemCode(t) != codeIdempotencyKey {
			t.Errorf("empty key: %d %s", ans.status, ans.body)
		}
	})
}

func TestAuthorization(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		mine := activity("A-1", "371502001", at(2025, 12, 3, 9), "")
		neighbours := activity("A-2", "371502002", at(2025, 12, 3, 9), "")
		for _, tc := range []struct {
			name, method, path, token string
			body                      []byte
			status                    int
			code                      string
		}{
			{"no token", "POST", "/v1/submissions", "", mine, 401, codeUnauthorized},
			{"unknown token", "POST", "/v1/submissions", "not-a-token-we-know", mine, 401, codeUnauthorized},
			{"neighbour's record", "POST", "/v1/submissions", tokenGulou, ndjson(mine, neighbours), 403, codeForbidden},
			{"neighbour's record in a dry run", "POST", "/v1/submissions?dryRun=true", tokenGulou, neighbours, 403, codeForbidden},
			{"reader submits", "POST", "/v1/submissions", tokenReader, mine, 403, codeRole},
			{"read without token", "GET", "/v1/indicators?period=202512", "", nil, 401, codeUnauthorized},
			{"read the neighbour", "GET", "/v1/indicators?under=371502002&period=202512", tokenGulou, nil, 403, codeForbidden},
			{"read the county", "GET", "/v1/reports/monthly?under=371502&period=202512", tokenGulou, nil, 403, codeForbidden},
			{"divisions of the neighbour", "GET", "/v1/divisions?under=371502002", tokenGulou, nil, 403, codeForbidden},
			{"submitter unlocks", "POST", "/v1/locks/unlock", tokenCity, []byte(`{"division":"371502001","period":"202510"}`), 403, codeRole},
			{"admin of elsewhere", "POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"110101","period":"202510"}`), 403, codeForbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ans := h.request(tc.method, tc.path, tc.token, tc.body)
				if ans.status != tc.status {
					t.Errorf("status %d, want %d: %s", ans.status, tc.status, ans.body)
				}
				if code := ans.problemCode(t); code != tc.code {
					t.Errorf("code %q, want %q", code, tc.code)
				}
				if tc.status == 401 && ans.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			})
		}
		if n := h.count(); n != 0 {
			t.Errorf("%d records stored, want none", n)
		}
		// Within its subtree, the township may read and submit; the city
		// may submit for the township.
		if ans := h.request("GET", "/v1/indicators?period=202512", tokenGulou, nil); ans.status != 200 {
			t.Errorf("own read: %d %s", ans.status, ans.body)
		}
		if ans := h.submit(tokenCity, neighbours); ans.status != 200 {
			t.Errorf("city submits for a township: %d %s", ans.status, ans.body)
		}
	})
}

func TestLockedPeriod(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t), func(c *config) { c.LockDays = 10 })
		h.clock.Set(at(2025, 12, 20, 12)) // October locked on 11 November, November on 11 December
		oct := activity("L-10", "371502001", at(2025, 10, 15, 9), "")
		nov := activity("L-11", "371502001", at(2025, 11, 15, 9), "")
		dec := activity("L-12", "371502001", at(2025, 12, 15, 9), "")

		ans := h.submit(tokenGulou, ndjson(oct, nov, dec), "Accept-Language", "zh-CN")
		sm := ans.summary(t)
		if diff := cmp.Diff(counts{3, 1, 0, 0, 2}, countsOf(sm)); diff != "" {
			t.Fatalf("locked months (-want +got):\n%s", diff)
		}
		var locked []string
		for _, is := range sm.Issues {
			if is.Code == codePeriodLocked {
				locked = append(locked, is.RecordID+" "+is.Message)
			}
		}
		want := []string{
			"L-10 报告期 202510 已于 2025-11-11 锁定，逾期数据须由管理员解锁后提交",
			"L-11 报告期 202511 已于 2025-12-11 锁定，逾期数据须由管理员解锁后提交",
		}
		if diff := cmp.Diff(want, locked); diff != "" {
			t.Errorf("lock issues (-want +got):\n%s", diff)
		}

		// An administrator of the province unlocks October for 东昌府区.
		ans = h.request("POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"371502","period":"202510"}`))
		var la wire.LockState
		ans.json(t, &la)
		if ans.status != 200 || la.Locked || la.Until == nil || !la.Until.Equal(at(2025, 12, 30, 12)) {
			t.Fatalf("unlock: %d %s", ans.status, ans.body)
		}
		sm = h.submit(tokenGulou, ndjson(oct, nov)).summary(t)
		if diff := cmp.Diff(counts{2, 1, 0, 0, 1}, countsOf(sm)); diff != "" {
			t.Errorf("after the unlock (-want +got):\n%s", diff)
		}
		var lk wire.Locks
		h.request("GET", "/v1/locks?period=202510", tokenGulou, nil).json(t, &lk)
		if lk.LockDays != 10 || lk.Lock == nil || lk.Lock.Locked || len(lk.Unlocks) != 1 {
			t.Errorf("locks: %+v", lk)
		}

		// Relocked, October is closed again; and an unlock runs out.
		if ans := h.request("POST", "/v1/locks/relock", tokenAdmin, []byte(`{"division":"371502","period":"202510"}`)); ans.status != 200 {
			t.Fatalf("relock: %d %s", ans.status, ans.body)
		}
		oct2 := activity("L-10b", "371502001", at(2025, 10, 16, 9), "")
		if sm := h.submit(tokenGulou, oct2).summary(t); sm.Rejected != 1 || sm.Issues[0].Code != codePeriodLocked {
			t.Errorf("after relock: %+v", sm)
		}
		h.request("POST", "/v1/locks/unlock", tokenAdmin, []byte(`{"division":"371502001","period":"2025Q4","until":"2025-12-21T00:00:00+08:00"}`))
		if sm := h.submit(tokenGulou, oct2).summary(t); sm.Imported != 1 {
			t.Errorf("quarter unlocked: %+v", sm)
		}
		h.clock.Set(at(2025, 12, 21, 0))
		oct3 := activity("L-10c", "371502001", at(2025, 10, 17, 9), "")
		if sm := h.submit(tokenGulou, oct3).summary(t); sm.Rejected != 1 {
			t.Errorf("unlock ran out: %+v", sm)
		}
	})
}

func TestBodyLimits(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t), func(c *config) { c.MaxBody = 4 << 10 })
		var big []byte
		for i := 0; len(big) <= 4<<10; i++ {
			big = append(big, activity(fmt.Sprintf("B-%d", i), "371502001", at(2025, 12, 3, 9), "")...)
		}
		var bomb bytes.Buffer // 3 MiB of blank lines in 3 KiB
		zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
		zw.Write(activity("B-x", "371502001", at(2025, 12, 3, 9), ""))
		zw.Write(bytes.Repeat([]byte("\n"), 3<<20))
		zw.Close()
		var truncated bytes.Buffer
		zw = gzip.NewWriter(&truncated)
		zw.Write(big[:3000])
		zw.Close()
		for _, tc := range []struct {
			name    string
			body    []byte
			headers []string
			status  int
			code    string
		}{
			{"oversized", big, nil, 413, codeBodyTooLarge},
			{"oversized gzip, small compressed", bomb.Bytes(), []string{"Content-Encoding", "gzip"}, 413, codeBodyTooLarge},
			{"not gzip", []byte("this is not gzip at all"), []string{"Content-Encoding", "gzip"}, 400, codeGzip},
			{"truncated gzip", truncated.Bytes()[:truncated.Len()/2], []string{"Content-Encoding", "gzip"}, 400, codeGzip},
			{"corrupt gzip", corruptGzip(truncated.Bytes()), []string{"Content-Encoding", "gzip"}, 400, codeGzip},
			{"unknown encoding", big[:100], []string{"Content-Encoding", "br"}, 415, codeContentEncoding},
			{"empty", []byte("\n\n"), nil, 400, codeEmpty},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if tc.name == "oversized gzip, small compressed" && len(tc.body) > 4<<10 {
					t.Fatalf("the bomb is %d bytes compressed, more than the limit", len(tc.body))
				}
				ans := h.submit(tokenGulou, tc.body, tc.headers...)
				if ans.status != tc.status {
					t.Errorf("status %d, want %d: %s", ans.status, tc.status, ans.body)
				}
				if code := ans.problemCode(t); code != tc.code {
					t.Errorf("code %q, want %q", code, tc.code)
				}
			})
		}
		if n := h.count(); n != 0 {
			t.Errorf("%d records stored, want none", n)
		}
	})
}

// corruptGzip returns gz with a byte of its compressed data changed.
func corruptGzip(gz []byte) []byte {
	c := bytes.Clone(gz)
	c[len(c)-12] ^= 0xff // in the deflate stream or its checksum
	return c
}

// failingStore is a store whose transactions fail once they have stored
// more than after rows: a database that fails half way through a
// submission.
type failingStore struct {
	store
	after int
}

func (s *failingStore) Begin(ctx context.Context) (storeTx, error) {
	tx, err := s.store.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &failingTx{storeTx: tx, left: s.after}, nil
}

type failingTx struct {
	storeTx
	left int
}

var errInjected = errors.New("injected failure: the disk is on fire")

func (t *failingTx) Upsert(ctx context.Context, sub healthedu.DivisionCode, now time.Time, rows []storedRecord) ([]outcome, error) {
	if len(rows) > t.left {
		// Store what fits, as a database would before it fails.
		if _, err := t.storeTx.Upsert(ctx, sub, now, rows[:t.left]); err != nil {
			return nil, err
		}
		t.left = 0
		return nil, errInjected
	}
	t.left -= len(rows)
	return t.storeTx.Upsert(ctx, sub, now, rows)
}

func TestFailureMidSubmission(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		st := &failingStore{store: open(t), after: 700}
		h := newHarness(t, st)
		var body []byte
		for i := range 1200 { // three batches; the failure comes in the second
			body = append(body, activity(fmt.Sprintf("C-%d", i), "371502001", at(2025, 12, 1+i%28, 9), "")...)
		}
		ans := h.submit(tokenGulou, body, "Idempotency-Key", "crash-1")
		if ans.status != http.StatusInternalServerError || ans.problemCode(t) != codeStorage {
			t.Fatalf("answer %d %s, want 500 %s", ans.status, ans.body, codeStorage)
		}
		if n := h.count(); n != 0 {
			t.Errorf("%d records stored after a failed submission, want none", n)
		}
		if g, err := st.Generation(context.Background()); err != nil || g != 0 {
			t.Errorf("generation %d, %v after a failed submission, want 0", g, err)
		}
		// The key was not kept: once the database is well, the submission
		// goes through whole.
		st.after = 1 << 30
		if sm := h.submit(tokenGulou, body, "Idempotency-Key", "crash-1").summary(t); sm.Imported != 1200 {
			t.Errorf("retry: %+v", countsOf(sm))
		}
		if n := h.count(); n != 1200 {
			t.Errorf("%d records stored, want 1200", n)
		}
	})
}

// heldStore is a store whose Unlocks, which a submission reads once it
// has its turn, waits until release is closed, after closing held: a
// submission that holds its turn for as long as a test wants.
type heldStore struct {
	store
	once    sync.Once
	held    chan struct{}
	release chan struct{}
}

func (s *heldStore) Unlocks(ctx context.Context, now time.Time) ([]unlock, error) {
	s.once.Do(func() {
		close(s.held)
		<-s.release
	})
	return s.store.Unlocks(ctx, now)
}

func TestBusy(t *testing.T) {
	st := &heldStore{store: openTestSQLite(t), held: make(chan struct{}), release: make(chan struct{})}
	h := newHarness(t, st, func(c *config) {
		c.MaxSubmissions = 1
		c.QueueTimeout = 100 * time.Millisecond
	})
	// A submission holds the one turn.
	done := make(chan answer)
	go func() {
		done <- h.submit(tokenGulou, activity("S-1", "371502001", at(2025, 12, 3, 9), ""))
	}()
	<-st.held
	ans := h.submit(tokenGulou, activity("S-2", "371502001", at(2025, 12, 3, 9), ""))
	if ans.status != http.StatusServiceUnavailable || ans.problemCode(t) != codeBusy || ans.header.Get("Retry-After") == "" {
		t.Errorf("answer %d %s, want 503 %s with Retry-After", ans.status, ans.body, codeBusy)
	}
	close(st.release)
	if first := <-done; first.status != http.StatusOK {
		t.Errorf("the submission that held the turn: %d %s", first.status, first.body)
	}
}

// TestSubmitContentType checks that a submission is taken only as JSON or
// NDJSON, in UTF-8 or GB18030, gzip-compressed or not: an XML or a
// multipart body was read as NDJSON.
func TestSubmitContentType(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	rec := activity("CT-1", "371502001", at(2025, 12, 3, 9), "")
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(rec)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(rec)
	zw.Close()
	multipart := []byte("--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + string(rec) + "\r\n--b--\r\n")
	for _, tc := range []struct {
		name        string
		contentType string
		body        []byte
		headers     []string
		status      int
		code        string // of the problem
	}{
		{"ndjson", "application/x-ndjson", rec, nil, 200, ""},
		{"json", "application/json", rec, nil, 200, ""},
		{"json with charset", "application/json; charset=utf-8", rec, nil, 200, ""},
		{"upper case", "Application/X-NDJSON; Charset=UTF-8", rec, nil, 200, ""},
		{"GB18030", "application/x-ndjson; charset=GB18030", gb, nil, 200, ""},
		{"GBK read as GB18030", "application/json; charset=gbk", gb, nil, 200, ""},
		{"gzip", "application/x-ndjson", gz.Bytes(), []string{"Content-Encoding", "gzip"}, 200, ""},
		{"xml", "text/xml", []byte("<activity/>"), nil, 415, "intake.contentType"},
		{"xml that is JSON", "application/xml", rec, nil, 415, "intake.contentType"},
		{"multipart", "multipart/form-data; boundary=b", multipart, nil, 415, "intake.contentType"},
		{"form", "application/x-www-form-urlencoded", rec, nil, 415, "intake.contentType"},
		{"text", "text/plain", rec, nil, 415, "intake.contentType"},
		{"no type", "", rec, nil, 415, "intake.contentTypeMissing"},
		{"bad syntax", "application/json; charset", rec, nil, 415, "intake.contentType"},
		{"latin-1", "application/json; charset=iso-8859-1", rec, nil, 415, "intake.charset"},
		{"gzip of xml", "text/xml", gz.Bytes(), []string{"Content-Encoding", "gzip"}, 415, "intake.contentType"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.submit(tokenGulou, tc.body, append([]string{"Content-Type", tc.contentType}, tc.headers...)...)
			if ans.status != tc.status {
				t.Fatalf("answer %d %s, want %d", ans.status, ans.body, tc.status)
			}
			if tc.code != "" {
				if code := ans.problemCode(t); code != tc.code {
					t.Errorf("code %q, want %q", code, tc.code)
				}
				return
			}
			if sm := ans.summary(t); sm.Records != 1 || sm.Rejected != 0 {
				t.Errorf("summary %+v", sm)
			}
		})
	}
}

// TestEarliest checks that the earliest date a record's times may hold is
// the platform's to set (-earliest), 2000-01-01 by default, and that a
// time jiceng cannot represent is rejected whatever it is.
func TestEarliest(t *testing.T) {
	for _, tc := range []struct {
		name     string
		earliest time.Time
		start    time.Time
		code     string // of the issue rejecting it; "" when accepted
	}{
		{"default, 2005", time.Time{}, at(2005, 3, 1, 9), ""},
		{"default, 1999", time.Time{}, at(1999, 12, 31, 9), "time.tooEarly"},
		{"2010, 2005", at(2010, 1, 1, 0), at(2005, 3, 1, 9), "time.tooEarly"},
		{"1900, 1950", at(1900, 1, 1, 0), at(1950, 3, 1, 9), ""},
		{"1900, 1899", at(1900, 1, 1, 0), time.Date(1899, 12, 31, 9, 0, 0, 0, healthedu.ChinaStandardTime), "time.outOfRange"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, openTestSQLite(t), func(c *config) { c.Earliest = tc.earliest })
			sm := h.submit(tokenGulou, activity("E-1", "371502001", tc.start, "")).summary(t)
			var codes []string
			for _, is := range sm.Issues {
				codes = append(codes, is.Code)
			}
			if tc.code == "" && (sm.Imported != 1 || len(codes) > 0) || tc.code != "" && (sm.Rejected != 1 || !slices.Contains(codes, tc.code)) {
				t.Errorf("summary %+v, issues %v, want %q", countsOf(sm), codes, tc.code)
			}
		})
	}
}

// slowUpload opens a connection to h and starts a submission whose body
// of n bytes it sends one byte every 100 ms, until stop is closed; then
// it closes the connection.
func slowUpload(t *testing.T, h *harness, n int, stop <-chan struct{}) {
	t.Helper()
	conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /v1/submissions HTTP/1.1\r\nHost: intake\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n", tokenGulou, n)
	go func() {
		defer conn.Close()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for range n {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
		<-stop
	}()
}

// TestSlowUploadsDoNotBlock starts as many slow uploads as the platform
// stores submissions at once, each trickling a byte every 100 ms, and
// checks that a fast submission beside them is served while they trickle:
// a submission took its turn before reading its body, so eight slow
// clients made everyone else wait for a 503.
func TestSlowUploadsDoNotBlock(t *testing.T) {
	const slots, bodyBytes = 2, 300 // each slow body takes 30 s to arrive
	h := newHarness(t, openTestSQLite(t), func(c *config) {
		c.MaxSubmissions = slots
		c.QueueTimeout = time.Hour // a submission blocked waits for as long as the test lets it
	})
	stop := make(chan struct{})
	defer close(stop)
	for range slots {
		slowUpload(t, h, bodyBytes, stop)
	}
	// Wait until the server is reading every slow body.
	for h.srv.metrics.receiving.Load() < slots {
		time.Sleep(time.Millisecond)
	}

	// The fast submission must be answered before the slow bodies could
	// have arrived; if it waited for them, the context ends it.
	ctx, cancel := context.WithTimeout(context.Background(), bodyBytes*100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", h.ts.URL+"/v1/submissions", bytes.NewReader(activity("FAST-1", "371502001", at(2025, 12, 3, 9), "")))
	req.Header.Set("Authorization", "Bearer "+tokenGulou)
	req.Header.Set("Content-Type", ndjsonType)
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		t.Fatalf("the fast submission waited for the slow uploads: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Contains(b, []byte(`"imported":1`)) {
		t.Errorf("fast submission: %d %s", resp.StatusCode, b)
	}
	if n := h.srv.metrics.receiving.Load(); n != slots {
		t.Errorf("%d uploads being received, want the %d slow ones still trickling", n, slots)
	}
}

// TestSlowUploadCutOff checks that a body that has not arrived within the
// read timeout is answered 408 intake.timeout, and the turn it did not
// take stays free.
func TestSlowUploadCutOff(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), func(c *config) { c.ReadTimeout = 300 * time.Millisecond })
	conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/submissions HTTP/1.1\r\nHost: intake\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{", tokenGulou)
	got, _ := io.ReadAll(conn) // the server closes the connection after its answer
	if !bytes.HasPrefix(got, []byte("HTTP/1.1 408")) || !bytes.Contains(got, []byte(codeTimeout)) {
		t.Errorf("answer %q", got)
	}
	if n := len(h.srv.slots); n != 0 {
		t.Errorf("%d turns taken after the slow upload was cut off", n)
	}
}
