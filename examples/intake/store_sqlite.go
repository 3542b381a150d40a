package main

import (
	"context"
	"database/sql"
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

// sqliteUpsertChunk is the number of rows of one statement of
// sqliteUpsert: 10 parameters a row, well under SQLite's limit of 32,766.
const sqliteUpsertChunk = 100

// sqliteUpsert runs sqlUpsertRows for rows, sqliteUpsertChunk at a time,
// the statement of a whole chunk prepared once per transaction. SQLite
// answers with the key and revision of each row it inserted or replaced,
// and leaves out those ignored.
func sqliteUpsert(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error {
	args := make([]any, 0, 10*min(len(rows), sqliteUpsertChunk))
	for len(rows) > 0 {
		n := min(len(rows), sqliteUpsertChunk)
		chunk := rows[:n]
		var stmt *sql.Stmt
		if n == sqliteUpsertChunk && t.stmt != nil {
			stmt = t.stmt
		} else {
			st, err := t.tx.PrepareContext(ctx, sqlUpsertRows(n))
			if err != nil {
				return err
			}
			if n == sqliteUpsertChunk {
				t.stmt = st
			} else {
				defer st.Close()
			}
			stmt = st
		}
		args = args[:0]
		for i := range chunk {
			r := &chunk[i]
			args = append(args, string(r.Kind), r.ID, submitter, r.Division.String(), r.Period.String(), r.Hash, r.Pseudonym, r.Body, now, now)
			out[i] = outcomeIgnored
		}
		if err := scanUpserted(ctx, stmt, args, chunk, out[:n]); err != nil {
			return err
		}
		rows, out = rows[n:], out[n:]
	}
	return nil
}

// scanUpserted runs the upsert stmt with args for rows, and sets out[i]
// to the outcome of rows[i] for each row the upsert answers with: its
// kind, id and revision. SQLite answers in the order of the rows, which
// it looks for first; a row answered out of that order is found by its
// key.
func scanUpserted(ctx context.Context, stmt *sql.Stmt, args []any, rows []storedRecord, out []outcome) error {
	res, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer res.Close()
	var (
		kind, id sql.RawBytes
		revision int64
		next     int            // the row expected next
		index    map[string]int // kind, NUL, id → row, made when first needed
		key      []byte
	)
	for res.Next() {
		if err := res.Scan(&kind, &id, &revision); err != nil {
			return err
		}
		i := -1
		for j := next; j < len(rows); j++ {
			if string(rows[j].Kind) == string(kind) && rows[j].ID == string(id) {
				i, next = j, j+1
				break
			}
		}
		if i < 0 {
			if index == nil {
				index = make(map[string]int, len(rows))
				for j := range rows {
					index[string(rows[j].Kind)+"\x00"+rows[j].ID] = j
				}
			}
			key = append(append(append(key[:0], kind...), 0), id...)
			j, ok := index[string(key)]
			if !ok {
				return fmt.Errorf("upsert answered a row not in the batch: %s %q", kind, id)
			}
			i = j
		}
		out[i] = outcomeOf(revision)
	}
	return res.Err()
}

// sqlUpsertRows returns sqlUpsert for n rows, answering with the key of
// each row besides its revision. Its parameters are anonymous (?), which
// SQLite binds by position: modernc.org/sqlite looks the name of each up,
// which takes a time that grows with the number of named ones.
func sqlUpsertRows(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?,?,?,?,?,1)")
	}
	b.WriteString(` ON CONFLICT (kind, id, submitter) DO UPDATE SET division = excluded.division, period = excluded.period,
			hash = excluded.hash, pseudonym = excluded.pseudonym, body = excluded.body, updated = excluded.updated,
			revision = records.revision + 1
		WHERE records.hash <> excluded.hash
		RETURNING kind, id, revision`)
	return b.String()
}
