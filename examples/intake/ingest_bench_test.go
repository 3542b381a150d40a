package main

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/fixtures"
	"golang.org/x/text/language"
)

// The raw benchmarks are the floor of the intake benchmarks
// (benchmarkIntake): the same 100,000 rows, with the columns and the
// bodies the intake stores, written into the records table of a fresh
// database as fast as the driver goes — no HTTP, no validation, no
// upsert — one transaction per 1,000 rows.
const rawTotal, rawBatch = 100_000, 1_000

// rawRows returns the rows the intake stores for the records of
// fixtureBatch(seed, 0, rawTotal) submitted by 聊城 (tokenCity) at
// fixtures.Now, made by the intake's own reading of a submission.
func rawRows(tb testing.TB, h *harness, seed int64) []storedRecord {
	tb.Helper()
	p := h.srv.tokens.lookup(tokenCity)
	sub, err := h.srv.readSubmission(context.Background(), bytes.NewReader(fixtureBatch(seed, 0, rawTotal)), healthedu.UTF8,
		p, language.English, fixtures.Now, &lockCheck{now: fixtures.Now})
	if err != nil {
		tb.Fatal(err)
	}
	if len(sub.rows) != rawTotal {
		tb.Fatalf("%d rows of %d records (%d rejected)", len(sub.rows), rawTotal, sub.summary.Rejected)
	}
	return sub.rows
}

// sqlRawInsert is the plain INSERT of BenchmarkRawInsertSQLite, with
// anonymous parameters, which modernc.org/sqlite binds fastest.
const sqlRawInsert = `INSERT INTO records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`

// benchmarkRaw runs insert on rawRows of a new seed per iteration, on the
// store st, checks that the store holds every row, and reports records/s.
func benchmarkRaw(b *testing.B, st store, insert func(b *testing.B, rows []storedRecord)) {
	h := newLoadHarness(b, st)
	b.ReportAllocs()
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		rows := rawRows(b, h, int64(i+1))
		b.StartTimer()
		c0 := cpuTime()
		insert(b, rows)
		cpu += cpuTime() - c0
	}
	b.StopTimer()
	n, err := st.Count(context.Background(), healthedu.DivisionCode{})
	if err != nil {
		b.Fatal(err)
	}
	if n != int64(b.N)*rawTotal {
		b.Fatalf("%d records stored, want %d", n, b.N*rawTotal)
	}
	reportRates(b, n, cpu)
}

// reportRates reports the records stored per second, and per second of
// the process's CPU time (cpu), which a shared machine disturbs less; on
// SQLite, the process's CPU time is the database's too, on PostgreSQL it
// leaves out the server's.
func reportRates(b *testing.B, records int64, cpu time.Duration) {
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	if cpu > 0 {
		b.ReportMetric(float64(records)/cpu.Seconds(), "records/cpu-s")
	}
}

// cpuTime returns the CPU time, user and system, the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRawInsertSQLite is the floor of BenchmarkIntakeSQLite: the
// rows inserted through modernc.org/sqlite with one prepared plain INSERT,
// on the intake's own connection (its pragmas), one transaction per 1,000
// rows.
func BenchmarkRawInsertSQLite(b *testing.B) {
	st := openTestSQLite(b)
	db := st.(*sqlStore).w
	ctx := context.Background()
	now := fixtures.Now.UnixMilli()
	benchmarkRaw(b, st, func(b *testing.B, rows []storedRecord) {
		for i := 0; i < len(rows); i += rawBatch {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			stmt, err := tx.PrepareContext(ctx, sqlRawInsert)
			if err != nil {
				b.Fatal(err)
			}
			for _, r := range rows[i:min(i+rawBatch, len(rows))] {
				if _, err := stmt.ExecContext(ctx, string(r.Kind), r.ID, r.Submitter.String(), r.Division.String(), r.Period.String(),
					r.Hash, r.Pseudonym, r.Body, now, now); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRawInsertPostgres is the floor of BenchmarkIntakePostgres: the
// rows copied in with pgx's CopyFrom, 1,000 a statement (each its own
// transaction). It skips unless JICENG_TEST_POSTGRES is set.
func BenchmarkRawInsertPostgres(b *testing.B) {
	st := openTestPostgres(b)
	ctx := context.Background()
	conn, err := st.(*sqlStore).w.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	columns := []string{"kind", "id", "submitter", "division", "period", "hash", "pseudonym", "body", "received", "updated", "revision"}
	benchmarkRaw(b, st, func(b *testing.B, rows []storedRecord) {
		err := conn.Raw(func(dc any) error {
			pc := dc.(*stdlib.Conn).Conn()
			now := fixtures.Now.UnixMilli()
			for i := 0; i < len(rows); i += rawBatch {
				batch := rows[i:min(i+rawBatch, len(rows))]
				src := pgx.CopyFromSlice(len(batch), func(j int) ([]any, error) {
					r := &batch[j]
					return []any{string(r.Kind), r.ID, r.Submitter.String(), r.Division.String(), r.Period.String(),
						r.Hash, r.Pseudonym, string(r.Body), now, now, int64(1)}, nil
				})
				if _, err := pc.CopyFrom(ctx, pgx.Identifier{"records"}, columns, src); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	})
}
