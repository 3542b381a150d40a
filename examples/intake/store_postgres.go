package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jiceng/jiceng/healthedu"
)

// pgStore is the store in a PostgreSQL database, through
// github.com/jackc/pgx/v5, with the schema and statements of the SQLite
// store; only the upsert differs, a batch at a time. Its connections come
// from a pgPool of its own: pgx's pgxpool and its database/sql driver need
// a module (puddle) that go.mod does not require.
type pgStore struct {
	pool *pgPool
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

// pgAdvisoryLock is the key of the advisory lock under which migrations
// run, so that servers starting together apply them once.
const pgAdvisoryLock = 710537

// openPostgres connects to the PostgreSQL database of the URL dsn, with
// at most conns connections, and brings its schema up to date. A
// search_path parameter in dsn selects the schema.
func openPostgres(ctx context.Context, dsn string, conns int) (*pgStore, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	s := &pgStore{pool: newPGPool(cfg, conns)}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrating: %w", err)
	}
	return s, nil
}

func (s *pgStore) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	return s.pool.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, pgAdvisoryLock); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, sqlCreateMigrations); err != nil {
			return err
		}
		var current int64
		if err := tx.QueryRow(ctx, sqlCurrentVersion).Scan(&current); err != nil {
			return err
		}
		for _, m := range ms {
			if m.version <= current {
				continue
			}
			for _, stmt := range m.stmts {
				if _, err := tx.Exec(ctx, stmt); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
			if _, err := tx.Exec(ctx, sqlRecordMigration, m.version, m.name, time.Now().UnixMilli()); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		return nil
	})
}

func (s *pgStore) Close() error {
	s.pool.close()
	return nil
}

func (s *pgStore) Ping(ctx context.Context) error {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.pool.release(c)
	return c.Ping(ctx)
}

func (s *pgStore) Records(ctx context.Context, scope healthedu.DivisionCode, fn func(*storedRecord) error) error {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.pool.release(c)
	lo, hi := scopeBounds(scope)
	rows, err := c.Query(ctx, sqlRecords, lo, hi)
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

// queryRow runs a query that answers one row into dest.
func (s *pgStore) queryRow(ctx context.Context, q string, args []any, dest ...any) error {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return err
	}
	defer s.pool.release(c)
	return c.QueryRow(ctx, q, args...).Scan(dest...)
}

// exec runs a statement and returns the number of rows it changed.
func (s *pgStore) exec(ctx context.Context, q string, args ...any) (int64, error) {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return 0, err
	}
	defer s.pool.release(c)
	tag, err := c.Exec(ctx, q, args...)
	return tag.RowsAffected(), err
}

func (s *pgStore) Count(ctx context.Context, scope healthedu.DivisionCode) (int64, error) {
	lo, hi := scopeBounds(scope)
	var n int64
	err := s.queryRow(ctx, sqlCount, []any{lo, hi}, &n)
	return n, err
}

func (s *pgStore) Generation(ctx context.Context) (int64, error) {
	var g int64
	err := s.queryRow(ctx, sqlGeneration, nil, &g)
	return g, err
}

func (s *pgStore) Unlocks(ctx context.Context, now time.Time) ([]unlock, error) {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer s.pool.release(c)
	rows, err := c.Query(ctx, sqlUnlocks, now.UnixMilli())
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

func (s *pgStore) SetUnlock(ctx context.Context, u unlock) error {
	_, err := s.exec(ctx, sqlSetUnlock, u.Division.String(), u.Period.String(), u.Until.UnixMilli(), u.By, u.Created.UnixMilli())
	return err
}

func (s *pgStore) DeleteUnlock(ctx context.Context, d healthedu.DivisionCode, p healthedu.Period) (bool, error) {
	n, err := s.exec(ctx, sqlDeleteUnlock, d.String(), p.String())
	return n > 0, err
}

func (s *pgStore) Setting(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.queryRow(ctx, sqlSetting, []any{name}, &v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

func (s *pgStore) SetSetting(ctx context.Context, name, value string) (string, error) {
	if _, err := s.exec(ctx, sqlSetSetting, name, value); err != nil {
		return "", err
	}
	var v string
	err := s.queryRow(ctx, sqlSetting, []any{name}, &v)
	return v, err
}

func (s *pgStore) PurgeAnswers(ctx context.Context, before time.Time) (int64, error) {
	return s.exec(ctx, sqlPurgeAnswers, before.UnixMilli())
}

func (s *pgStore) Begin(ctx context.Context) (storeTx, error) {
	c, err := s.pool.acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		s.pool.release(c)
		return nil, err
	}
	return &pgTx{pool: s.pool, conn: c, tx: tx}, nil
}

// pgTx is the transaction of a pgStore, on a connection it holds until it
// ends.
type pgTx struct {
	pool    *pgPool
	conn    *pgx.Conn
	tx      pgx.Tx
	changed bool
	done    bool
}

func (t *pgTx) Upsert(ctx context.Context, submitter healthedu.DivisionCode, now time.Time, rows []storedRecord) ([]outcome, error) {
	n := len(rows)
	if n == 0 {
		return nil, nil
	}
	kinds, ids, divisions, periods := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	hashes, pseudonyms, bodies := make([]string, n), make([]string, n), make([]string, n)
	index := make(map[[2]string]int, n)
	for i := range rows {
		r := &rows[i]
		kinds[i], ids[i] = string(r.Kind), r.ID
		divisions[i], periods[i] = r.Division.String(), r.Period.String()
		hashes[i], pseudonyms[i], bodies[i] = r.Hash, r.Pseudonym, string(r.Body)
		index[[2]string{kinds[i], ids[i]}] = i
	}
	res, err := t.tx.Query(ctx, pgUpsert, submitter.String(), now.UnixMilli(),
		kinds, ids, divisions, periods, hashes, pseudonyms, bodies)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	out := make([]outcome, n)
	for i := range out {
		out[i] = outcomeIgnored
	}
	for res.Next() {
		var (
			kind, id string
			revision int64
		)
		if err := res.Scan(&kind, &id, &revision); err != nil {
			return nil, err
		}
		i, ok := index[[2]string{kind, id}]
		if !ok {
			return nil, fmt.Errorf("upsert answered a row not in the batch: %s %q", kind, id)
		}
		out[i] = outcomeOf(revision)
		t.changed = true
	}
	return out, res.Err()
}

func (t *pgTx) Answer(ctx context.Context, token, key string) (savedAnswer, bool, error) {
	a := savedAnswer{Token: token, Key: key}
	var (
		status, created int64
		body            string
	)
	err := t.tx.QueryRow(ctx, sqlAnswer, token, key).Scan(&a.Request, &status, &body, &created)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	a.Status, a.Body, a.Created = int(status), []byte(body), time.UnixMilli(created)
	return a, true, nil
}

func (t *pgTx) SaveAnswer(ctx context.Context, a savedAnswer) (bool, error) {
	tag, err := t.tx.Exec(ctx, sqlSaveAnswer, a.Token, a.Key, a.Request, a.Status, string(a.Body), a.Created.UnixMilli())
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() == 1, nil
}

func (t *pgTx) Commit() error {
	if t.done {
		return pgx.ErrTxClosed
	}
	t.done = true
	defer t.pool.release(t.conn)
	ctx := context.Background()
	if t.changed {
		// Raised last, so that concurrent submissions wait for one another
		// only while they commit.
		if _, err := t.tx.Exec(ctx, sqlBump); err != nil {
			t.tx.Rollback(ctx)
			return err
		}
	}
	return t.tx.Commit(ctx)
}

func (t *pgTx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	defer t.pool.release(t.conn)
	err := t.tx.Rollback(context.Background())
	if errors.Is(err, pgx.ErrTxClosed) {
		return nil
	}
	return err
}

// pgPool is a small pool of PostgreSQL connections: at most max open, the
// idle ones kept for reuse, a broken one dropped.
type pgPool struct {
	closed atomic.Bool
	cfg    *pgx.ConnConfig
	sem    chan struct{}  // a token per open connection
	idle   chan *pgx.Conn // connections not in use
}

func newPGPool(cfg *pgx.ConnConfig, max int) *pgPool {
	return &pgPool{cfg: cfg, sem: make(chan struct{}, max), idle: make(chan *pgx.Conn, max)}
}

// acquire returns a connection, waiting while max are in use.
func (p *pgPool) acquire(ctx context.Context) (*pgx.Conn, error) {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		select {
		case c := <-p.idle:
			if c.IsClosed() {
				continue
			}
			return c, nil
		default:
		}
		c, err := pgx.ConnectConfig(ctx, p.cfg)
		if err != nil {
			<-p.sem
			return nil, err
		}
		return c, nil
	}
}

// release returns c to the pool, or closes it when it is broken or
// busy.
func (p *pgPool) release(c *pgx.Conn) {
	if p.closed.Load() || c.IsClosed() || c.PgConn().IsBusy() || c.PgConn().TxStatus() != 'I' {
		c.Close(context.Background())
	} else {
		select {
		case p.idle <- c:
		default:
			c.Close(context.Background())
		}
	}
	<-p.sem
}

// inTx runs fn in a transaction, which it commits when fn returns nil.
func (p *pgPool) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	c, err := p.acquire(ctx)
	if err != nil {
		return err
	}
	defer p.release(c)
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// close closes the idle connections; those in use are closed on release.
func (p *pgPool) close() {
	p.closed.Store(true)
	for {
		select {
		case c := <-p.idle:
			c.Close(context.Background())
		default:
			return
		}
	}
}
