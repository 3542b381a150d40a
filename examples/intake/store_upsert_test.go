package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
	"golang.org/x/text/language"
)

// upsertRowsOf returns the rows the intake stores for the records of
// fixtureBatch(seed, 0, n) submitted by 聊城 (tokenCity).
func upsertRowsOf(t *testing.T, h *harness, seed int64, n int) []storedRecord {
	t.Helper()
	p := h.srv.tokens.lookup(tokenCity)
	sub, err := h.srv.readSubmission(context.Background(), bytes.NewReader(fixtureBatch(seed, 0, n)), healthedu.UTF8,
		p, language.English, fixtures.Now, &lockCheck{now: fixtures.Now})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.rows) != n {
		t.Fatalf("%d rows of %d records", len(sub.rows), n)
	}
	return sub.rows
}

// changedRow returns r with another body, and so another hash.
func changedRow(r storedRecord) storedRecord {
	r.Body = append(bytes.Clone(r.Body[:len(r.Body)-1]), `,"x":1}`...)
	r.Hash = strings.Repeat("e", len(r.Hash))
	return r
}

// storedRevisions returns the hash and the revision of each stored record,
// by id.
func storedRevisions(t *testing.T, st store) map[string]string {
	t.Helper()
	rows, err := st.(*sqlStore).r.Query(`SELECT id, hash, revision FROM records`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := make(map[string]string)
	for rows.Next() {
		var id, hash, revision string
		if err := rows.Scan(&id, &hash, &revision); err != nil {
			t.Fatal(err)
		}
		m[id] = hash[:8] + " r" + revision
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// upsertIn runs rows through storeTx.Upsert in a transaction of its own
// and commits it.
func upsertIn(t *testing.T, st store, rows []storedRecord) []outcome {
	t.Helper()
	tx, err := st.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	out, err := tx.Upsert(context.Background(), rows[0].Submitter, fixtures.Now, rows)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantRevisions returns what storedRevisions answers for rows stored at
// the revisions.
func wantRevisions(rows []storedRecord, revisions []string) map[string]string {
	m := make(map[string]string)
	for i, r := range rows {
		m[r.ID] = r.Hash[:8] + " r" + revisions[i]
	}
	return m
}

// TestUpsertMixedBatch: a batch whose first, middle and last records are
// new, and some others stored already (PostgreSQL's upsert copies such a
// batch in whole, fails on a key taken, and stores it as any other),
// has the outcomes of a record at a time: new records imported, the same
// ignored, the changed updated; nothing is stored twice.
func TestUpsertMixedBatch(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		st := open(t)
		h := newLoadHarness(t, st)
		rows := upsertRowsOf(t, h, 7, 9)
		// rows[1] stored as it is, rows[5] stored as it was before a change.
		upsertIn(t, st, []storedRecord{rows[1], changedRow(rows[5])})

		got := upsertIn(t, st, rows)
		want := []outcome{outcomeImported, outcomeIgnored, outcomeImported, outcomeImported, outcomeImported,
			outcomeUpdated, outcomeImported, outcomeImported, outcomeImported}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("outcomes (-want +got):\n%s", diff)
		}
		revisions := []string{"1", "1", "1", "1", "1", "2", "1", "1", "1"}
		if diff := cmp.Diff(wantRevisions(rows, revisions), storedRevisions(t, st)); diff != "" {
			t.Errorf("stored (-want +got):\n%s", diff)
		}
	})
}

// TestUpsertConcurrent: a transaction that stores the keys another has
// stored and not yet committed waits for it, and then has the outcomes of
// the upsert of a record at a time (INSERT … ON CONFLICT DO UPDATE WHERE
// the hash differs): the records the other stored alike ignored, those
// it stored otherwise updated, the others imported. On PostgreSQL, the
// second transaction's reads see none of the first's records, and its
// COPY waits on their keys, then fails when the first commits: its rows
// go through the upsert instead.
func TestUpsertConcurrent(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		st := open(t)
		h := newLoadHarness(t, st)
		ctx := context.Background()
		rows := upsertRowsOf(t, h, 8, 12)
		first := rows[:9]
		second := append([]storedRecord(nil), rows[3:]...) // 3-8 stored by the first too, 9-11 new
		for i := 3; i < 6; i++ {
			second[i] = changedRow(second[i]) // rows 6-8
		}

		tx1, err := st.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx1.Rollback()
		out1, err := tx1.Upsert(ctx, first[0].Submitter, fixtures.Now, first)
		if err != nil {
			t.Fatal(err)
		}
		type result struct {
			out []outcome
			err error
		}
		done := make(chan result, 1)
		go func() {
			tx2, err := st.Begin(ctx)
			if err != nil {
				done <- result{err: err}
				return
			}
			defer tx2.Rollback()
			out, err := tx2.Upsert(ctx, second[0].Submitter, fixtures.Now, second)
			if err == nil {
				err = tx2.Commit()
			}
			done <- result{out, err}
		}()
		waitForLockWait(t, st, tx1)
		select {
		case r := <-done:
			t.Fatalf("the second transaction ended before the first committed: %v %v", r.out, r.err)
		default:
		}
		if err := tx1.Commit(); err != nil {
			t.Fatal(err)
		}
		r := <-done
		if r.err != nil {
			t.Fatalf("second transaction: %v", r.err)
		}
		imported := make([]outcome, len(first))
		for i := range imported {
			imported[i] = outcomeImported
		}
		if diff := cmp.Diff(imported, out1); diff != "" {
			t.Errorf("first transaction's outcomes (-want +got):\n%s", diff)
		}
		want := []outcome{outcomeIgnored, outcomeIgnored, outcomeIgnored, outcomeUpdated, outcomeUpdated, outcomeUpdated,
			outcomeImported, outcomeImported, outcomeImported}
		if diff := cmp.Diff(want, r.out); diff != "" {
			t.Errorf("second transaction's outcomes (-want +got):\n%s", diff)
		}
		wantRows := append(append([]storedRecord(nil), rows[:3]...), second...)
		revisions := []string{"1", "1", "1", "1", "1", "1", "2", "2", "2", "1", "1", "1"}
		if diff := cmp.Diff(wantRevisions(wantRows, revisions), storedRevisions(t, st)); diff != "" {
			t.Errorf("stored (-want +got):\n%s", diff)
		}
	})
}

// waitForLockWait returns once a transaction waits for tx on PostgreSQL,
// failing t after 10 s; on SQLite, whose second transaction waits to
// begin, it waits 200 ms.
func waitForLockWait(t *testing.T, st store, tx storeTx) {
	t.Helper()
	if !st.(*sqlStore).d.conn {
		time.Sleep(200 * time.Millisecond)
		return
	}
	var pid int
	if err := tx.(*sqlTx).tx.QueryRow(`SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		err := st.(*sqlStore).r.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, pid).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no transaction waited for the first's keys")
}
