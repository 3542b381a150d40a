package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// sqlStore is the store through database/sql, on SQLite or on PostgreSQL:
// the schema, the statements and the logic are the same on both, and what
// differs lies in its dialect. Transactions that write run on w; reads
// run on r, which is w itself when the database needs no pool of its own
// for readers.
type sqlStore struct {
	d dialect
	w *sql.DB
	r *sql.DB
	// conns is the number of connections of w, 0 for no limit of ours.
	conns int
}

// A dialect is what a database does its own way.
type dialect struct {
	// migrationLock, when not "", is run first in the migration
	// transaction, so that servers starting together apply the
	// migrations once.
	migrationLock string

	// recordLock, when not "", is run in a transaction before its first
	// storeTx.Record (see store_ledger.go).
	recordLock string

	// approvalLock, when not "", is run in a transaction before its first
	// storeTx.ApprovalHistory (see store_approvals.go).
	approvalLock string

	// upsert runs storeTx.Upsert in t for rows, with the submitter and the
	// instant in Unix milliseconds as stored, and sets out[i] to the
	// outcome of rows[i]; len(out) == len(rows) > 0.
	upsert func(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error

	// conn says that a transaction runs on a connection of its own,
	// sqlTx.conn, taken from the pool when it begins and given back when
	// it ends, so that the dialect can reach the driver's connection
	// beneath database/sql (sql.Conn.Raw).
	conn bool
}

// isPostgresDSN reports whether dsn names a PostgreSQL database rather than
// a SQLite file.
func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the database dsn — a postgres:// URL or the name of a
// SQLite file, created if need be — and brings its schema up to date.
func openStore(ctx context.Context, dsn string) (store, error) {
	if isPostgresDSN(dsn) {
		return openPostgres(ctx, dsn, 16)
	}
	return openSQLite(ctx, dsn)
}

// migrate applies the migrations the database lacks, in one transaction.
func (s *sqlStore) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.migrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.migrationLock); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, sqlCreateMigrations); err != nil {
		return err
	}
	var current int64
	if err := tx.QueryRowContext(ctx, sqlCurrentVersion).Scan(&current); err != nil {
		return err
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		for _, stmt := range m.stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, sqlRecordMigration, m.version, m.name, time.Now().UnixMilli()); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// overlaps is true on PostgreSQL when turns submissions holding a
// transaction each leave a connection of the pool for the reads they make
// meanwhile; SQLite has one writer, whose transaction would keep every
// other submission waiting for as long as it is read.
func (s *sqlStore) overlaps(turns int) bool {
	return s.d.conn && turns < s.conns
}

func (s *sqlStore) Close() error {
	if s.r == nil || s.r == s.w {
		return s.w.Close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

func (s *sqlStore) Ping(ctx context.Context) error {
	return s.r.PingContext(ctx)
}

func (s *sqlStore) Records(ctx context.Context, scope healthedu.DivisionCode, fn func(*storedRecord) error) error {
	lo, hi := scopeBounds(scope)
	rows, err := s.r.QueryContext(ctx, sqlRecords, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		rec                               storedRecord
		kind, submitter, division, period string
		received                          int64
	)
	for rows.Next() {
		if err := rows.Scan(&kind, &rec.ID, &submitter, &division, &period, &rec.Hash, &rec.Pseudonym, &rec.Body, &received); err != nil {
			return err
		}
		rec.Received = time.UnixMilli(received).In(healthedu.ChinaStandardTime)
		rec.Err = parseStored(&rec, kind, submitter, division, period)
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) Count(ctx context.Context, scope healthedu.DivisionCode) (int64, error) {
	lo, hi := scopeBounds(scope)
	var n int64
	err := s.r.QueryRowContext(ctx, sqlCount, lo, hi).Scan(&n)
	return n, err
}

func (s *sqlStore) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := s.r.QueryRowContext(ctx, sqlGeneration).Scan(&g)
	return g, err
}

func (s *sqlStore) Unlocks(ctx context.Context, now time.Time) ([]unlock, error) {
	rows, err := s.r.QueryContext(ctx, sqlUnlocks, now.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var us []unlock
	for rows.Next() {
		var (
			division, period, by string
			until, created       int64
		)
		if err := rows.Scan(&division, &period, &until, &by, &created); err != nil {
			return nil, err
		}
		u, err := parseUnlock(division, period, until, by, created)
		u.Err = err
		us = append(us, u)
	}
	return us, rows.Err()
}

// exec runs a statement that writes and returns the number of rows it
// changed.
func (s *sqlStore) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := s.w.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *sqlStore) SetUnlock(ctx context.Context, u unlock) error {
	_, err := s.exec(ctx, sqlSetUnlock, u.Division.String(), u.Period.String(), u.Until.UnixMilli(), u.By, u.Created.UnixMilli())
	return err
}

func (s *sqlStore) DeleteUnlock(ctx context.Context, d healthedu.DivisionCode, p healthedu.Period) (bool, error) {
	n, err := s.exec(ctx, sqlDeleteUnlock, d.String(), p.String())
	return n > 0, err
}

func (s *sqlStore) Setting(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, sqlSetting, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (s *sqlStore) SetSetting(ctx context.Context, name, value string) (string, error) {
	if _, err := s.exec(ctx, sqlSetSetting, name, value); err != nil {
		return "", err
	}
	var v string
	err := s.w.QueryRowContext(ctx, sqlSetting, name).Scan(&v)
	return v, err
}

func (s *sqlStore) PurgeAnswers(ctx context.Context, before time.Time) (int64, error) {
	return s.exec(ctx, sqlPurgeAnswers, before.UnixMilli())
}

func (s *sqlStore) Begin(ctx context.Context) (storeTx, error) {
	if !s.d.conn {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		return &sqlTx{d: &s.d, tx: tx}, nil
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &sqlTx{d: &s.d, tx: tx, conn: conn}, nil
}

// sqlTx is the transaction of a sqlStore.
type sqlTx struct {
	d       *dialect
	tx      *sql.Tx
	conn    *sql.Conn            // tx's, when the dialect asks for one (dialect.conn); closed after tx ends
	stmts   map[string]*sql.Stmt // statements the dialect prepared, by their SQL
	changed bool                 // a record was imported or updated
	locked  bool                 // the dialect's recordLock was taken
	// savepoint says that the upsert of PostgreSQL holds its savepoint
	// (see pgBatchUpsert).
	savepoint bool
	// copying says that every batch the upsert of PostgreSQL has stored in
	// t so far was new, copied in whole: it copies the next without
	// looking first (see pgBatchUpsert).
	copying bool

	approvalLocked bool // the dialect's approvalLock was taken
}

// prepared returns the statement q prepared in t, preparing it on first
// use; it is closed with the transaction.
func (t *sqlTx) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = make(map[string]*sql.Stmt)
	}
	t.stmts[q] = st
	return st, nil
}

func (t *sqlTx) Upsert(ctx context.Context, submitter healthedu.DivisionCode, now time.Time, rows []storedRecord) ([]outcome, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	out := make([]outcome, len(rows))
	if err := t.d.upsert(ctx, t, submitter.String(), now.UnixMilli(), rows, out); err != nil {
		return nil, err
	}
	for _, o := range out {
		if o != outcomeIgnored {
			t.changed = true
			break
		}
	}
	return out, nil
}

func (t *sqlTx) Answer(ctx context.Context, token, key string) (savedAnswer, bool, error) {
	a := savedAnswer{Token: token, Key: key}
	var (
		status, created int64
		body            string
	)
	err := t.tx.QueryRowContext(ctx, sqlAnswer, token, key).Scan(&a.Request, &status, &body, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	a.Status, a.Body, a.Created = int(status), []byte(body), time.UnixMilli(created)
	return a, true, nil
}

func (t *sqlTx) SaveAnswer(ctx context.Context, a savedAnswer) (bool, error) {
	res, err := t.tx.ExecContext(ctx, sqlSaveAnswer, a.Token, a.Key, a.Request, a.Status, string(a.Body), a.Created.UnixMilli())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *sqlTx) Commit() error {
	defer t.release()
	if t.changed {
		// Raised last, so that concurrent submissions wait for one another
		// only while they commit.
		if _, err := t.tx.Exec(sqlBump); err != nil {
			t.tx.Rollback()
			return err
		}
	}
	return t.tx.Commit()
}

func (t *sqlTx) Rollback() error {
	defer t.release()
	if err := t.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// release gives t's connection, if it has one of its own, back to the
// pool; the transaction has ended.
func (t *sqlTx) release() {
	if t.conn != nil {
		t.conn.Close()
		t.conn = nil
	}
}
