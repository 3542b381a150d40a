package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"

	_ "modernc.org/sqlite" // driver "sqlite"
)

// sqliteStore is the store in a SQLite file, through the cgo-free
// modernc.org/sqlite, in WAL mode. One connection writes, and begins its
// transactions IMMEDIATE, taking the write lock before it reads, so that
// two submissions never deadlock upgrading a read to a write; readers, on
// connections of their own, see the last commit without waiting for the
// writer.
type sqliteStore struct {
	w *sql.DB // one connection, for transactions that write
	r *sql.DB // read-only connections
}

// openSQLite opens the SQLite file name, creating it if need be, and brings
// its schema up to date.
func openSQLite(ctx context.Context, name string) (*sqliteStore, error) {
	w, err := sql.Open("sqlite", sqliteDSN(name, "_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	s := &sqliteStore{w: w}
	// Migrate before the readers open, so that they find the file in WAL
	// mode and the schema in place.
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("migrating %s: %w", name, err)
	}
	r, err := sql.Open("sqlite", sqliteDSN(name, "_pragma=query_only(1)"))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	s.r = r
	return s, nil
}

// sqliteDSN returns the data source name that opens the SQLite file name in
// WAL mode, waiting up to 5 s for a lock, with the extra parameters.
func sqliteDSN(name string, extra ...string) string {
	q := append([]string{"_pragma=journal_mode(WAL)", "_pragma=busy_timeout(5000)", "_pragma=synchronous(FULL)", "_pragma=cache_size(-32768)"}, extra...)
	if !strings.HasPrefix(name, "file:") {
		name = "file:" + (&url.URL{Path: name}).EscapedPath()
	}
	sep := "?"
	if strings.Contains(name, "?") {
		sep = "&"
	}
	return name + sep + strings.Join(q, "&")
}

// migrate applies the migrations the file lacks, in one transaction.
func (s *sqliteStore) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
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

func (s *sqliteStore) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

func (s *sqliteStore) Ping(ctx context.Context) error {
	return s.r.PingContext(ctx)
}

func (s *sqliteStore) Records(ctx context.Context, scope healthedu.DivisionCode, fn func(*storedRecord) error) error {
	lo, hi := scopeBounds(scope)
	rows, err := s.r.QueryContext(ctx, sqlRecords, lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		rec                               storedRecord
		kind, submitter, division, period string
	)
	for rows.Next() {
		if err := rows.Scan(&kind, &rec.ID, &submitter, &division, &period, &rec.Hash, &rec.Pseudonym, &rec.Body); err != nil {
			return err
		}
		if err := parseStored(&rec, kind, submitter, division, period); err != nil {
			return err
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqliteStore) Count(ctx context.Context, scope healthedu.DivisionCode) (int64, error) {
	lo, hi := scopeBounds(scope)
	var n int64
	err := s.r.QueryRowContext(ctx, sqlCount, lo, hi).Scan(&n)
	return n, err
}

func (s *sqliteStore) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := s.r.QueryRowContext(ctx, sqlGeneration).Scan(&g)
	return g, err
}

func (s *sqliteStore) Unlocks(ctx context.Context, now time.Time) ([]unlock, error) {
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
		if err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

func (s *sqliteStore) SetUnlock(ctx context.Context, u unlock) error {
	_, err := s.w.ExecContext(ctx, sqlSetUnlock, u.Division.String(), u.Period.String(), u.Until.UnixMilli(), u.By, u.Created.UnixMilli())
	return err
}

func (s *sqliteStore) DeleteUnlock(ctx context.Context, d healthedu.DivisionCode, p healthedu.Period) (bool, error) {
	res, err := s.w.ExecContext(ctx, sqlDeleteUnlock, d.String(), p.String())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func (s *sqliteStore) Setting(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.r.QueryRowContext(ctx, sqlSetting, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (s *sqliteStore) SetSetting(ctx context.Context, name, value string) (string, error) {
	if _, err := s.w.ExecContext(ctx, sqlSetSetting, name, value); err != nil {
		return "", err
	}
	var v string
	err := s.w.QueryRowContext(ctx, sqlSetting, name).Scan(&v)
	return v, err
}

func (s *sqliteStore) PurgeAnswers(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.w.ExecContext(ctx, sqlPurgeAnswers, before.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s *sqliteStore) Begin(ctx context.Context) (storeTx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &sqliteTx{tx: tx}, nil
}

// sqliteTx is the transaction of a sqliteStore.
type sqliteTx struct {
	tx      *sql.Tx
	upsert  *sql.Stmt // prepared on first use
	changed bool      // a record was imported or updated
}

func (t *sqliteTx) Upsert(ctx context.Context, submitter healthedu.DivisionCode, now time.Time, rows []storedRecord) ([]outcome, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	if t.upsert == nil {
		st, err := t.tx.PrepareContext(ctx, sqlUpsert)
		if err != nil {
			return nil, err
		}
		t.upsert = st
	}
	out := make([]outcome, len(rows))
	sub, ms := submitter.String(), now.UnixMilli()
	for i := range rows {
		r := &rows[i]
		var revision int64
		err := t.upsert.QueryRowContext(ctx, string(r.Kind), r.ID, sub, r.Division.String(), r.Period.String(),
			r.Hash, r.Pseudonym, r.Body, ms).Scan(&revision)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out[i] = outcomeIgnored
		case err != nil:
			return nil, err
		default:
			out[i] = outcomeOf(revision)
			t.changed = true
		}
	}
	return out, nil
}

func (t *sqliteTx) Answer(ctx context.Context, token, key string) (savedAnswer, bool, error) {
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

func (t *sqliteTx) SaveAnswer(ctx context.Context, a savedAnswer) (bool, error) {
	res, err := t.tx.ExecContext(ctx, sqlSaveAnswer, a.Token, a.Key, a.Request, a.Status, string(a.Body), a.Created.UnixMilli())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (t *sqliteTx) Commit() error {
	if t.changed {
		if _, err := t.tx.Exec(sqlBump); err != nil {
			t.tx.Rollback()
			return err
		}
	}
	return t.tx.Commit()
}

func (t *sqliteTx) Rollback() error {
	if err := t.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}
