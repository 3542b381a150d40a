package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	_ "modernc.org/sqlite" // driver "sqlite"
)

// sqliteDialect is SQLite, through the cgo-free modernc.org/sqlite, in WAL
// mode. One connection writes, and begins its transactions IMMEDIATE,
// taking the write lock before it reads, so that two submissions never
// deadlock upgrading a read to a write; readers, on connections of their
// own, see the last commit without waiting for the writer. A migration
// needs no lock of its own: its transaction holds the write lock.
var sqliteDialect = dialect{
	upsert: sqliteUpsert,
}

// openSQLite opens the SQLite file name, creating it if need be, and brings
// its schema up to date.
func openSQLite(ctx context.Context, name string) (*sqlStore, error) {
	w, err := sql.Open("sqlite", sqliteDSN(name, "_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	s := &sqlStore{d: sqliteDialect, w: w}
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

// sqliteUpsert runs sqlUpsert for each row, prepared once per transaction.
func sqliteUpsert(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error {
	if t.stmt == nil {
		st, err := t.tx.PrepareContext(ctx, sqlUpsert)
		if err != nil {
			return err
		}
		t.stmt = st
	}
	for i := range rows {
		r := &rows[i]
		var revision int64
		err := t.stmt.QueryRowContext(ctx, string(r.Kind), r.ID, submitter, r.Division.String(), r.Period.String(),
			r.Hash, r.Pseudonym, r.Body, now).Scan(&revision)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out[i] = outcomeIgnored
		case err != nil:
			return err
		default:
			out[i] = outcomeOf(revision)
		}
	}
	return nil
}
