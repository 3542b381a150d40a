package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect is PostgreSQL, through github.com/jackc/pgx/v5's
// database/sql driver, at its default isolation, READ COMMITTED: readers
// and writers share one pool, migrations run under an advisory lock, and
// the upsert takes a batch at a time, from arrays.
var postgresDialect = dialect{
	migrationLock: pgMigrationLock,
	recordLock:    pgRecordLock,
	approvalLock:  pgApprovalLock,
	upsert:        pgBatchUpsert,
}

// pgMigrationLock takes the transaction-level advisory lock (key 710537)
// under which migrations run, so that servers starting together apply
// them once.
const pgMigrationLock = `SELECT pg_advisory_xact_lock(710537)`

// openPostgres connects to the PostgreSQL database of the URL dsn, with
// at most conns connections, and brings its schema up to date. A
// search_path parameter in dsn selects the schema: pgx sends it as a
// run-time parameter when it opens each connection of the pool.
func openPostgres(ctx context.Context, dsn string, conns int) (*sqlStore, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &sqlStore{d: postgresDialect, w: db, r: db}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrating: %w", err)
	}
	return s, nil
}

// pgBatchUpsert runs pgUpsert once for all rows, from arrays of their
// columns; PostgreSQL answers with the key and revision of each row it
// inserted or replaced, and leaves out those ignored.
func pgBatchUpsert(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error {
	n := len(rows)
	kinds, ids, divisions, periods := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	hashes, pseudonyms, bodies := make([]string, n), make([]string, n), make([]string, n)
	index := make(map[[2]string]int, n)
	for i := range rows {
		r := &rows[i]
		kinds[i], ids[i] = string(r.Kind), r.ID
		divisions[i], periods[i] = r.Division.String(), r.Period.String()
		hashes[i], pseudonyms[i], bodies[i] = r.Hash, r.Pseudonym, string(r.Body)
		index[[2]string{kinds[i], ids[i]}] = i
		out[i] = outcomeIgnored
	}
	res, err := t.tx.QueryContext(ctx, pgUpsert, submitter, now, kinds, ids, divisions, periods, hashes, pseudonyms, bodies)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var (
			kind, id string
			revision int64
		)
		if err := res.Scan(&kind, &id, &revision); err != nil {
			return err
		}
		i, ok := index[[2]string{kind, id}]
		if !ok {
			return fmt.Errorf("upsert answered a row not in the batch: %s %q", kind, id)
		}
		out[i] = outcomeOf(revision)
	}
	return res.Err()
}
