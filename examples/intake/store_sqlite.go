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

// sqliteUpsertChunk is the number of rows sqliteUpsert reads and writes
// with one statement: 10 parameters a row, well under SQLite's limit of
// 32,766.
const sqliteUpsertChunk = 100

// sqliteUpsert stores rows sqliteUpsertChunk at a time: it reads the hash
// of those of the chunk stored already, inserts the new ones with one
// plain INSERT, replaces those whose hash differs and leaves the others.
// The transaction holds SQLite's write lock from its start (BEGIN
// IMMEDIATE), so that nothing changes the records between the read and
// the writes: the outcomes are those of pgUpsert, and of the upsert of a
// row at a time that came before (ON CONFLICT … WHERE the hash differs).
func sqliteUpsert(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error {
	var (
		args   = make([]any, 0, 10*min(len(rows), sqliteUpsertChunk))
		hashes = make([]string, min(len(rows), sqliteUpsertChunk)) // of the stored rows; "" for none
		fresh  []int
	)
	for len(rows) > 0 {
		n := min(len(rows), sqliteUpsertChunk)
		chunk := rows[:n]
		clear(hashes)
		if err := sqliteStoredHashes(ctx, t, submitter, chunk, hashes[:n], args[:0]); err != nil {
			return err
		}
		fresh, args = fresh[:0], args[:0]
		for i := range chunk {
			r := &chunk[i]
			switch h := hashes[i]; {
			case h == "":
				fresh = append(fresh, i)
				args = append(args, string(r.Kind), r.ID, submitter, r.Division.String(), r.Period.String(), r.Hash, r.Pseudonym, r.Body, now, now)
				out[i] = outcomeImported
			case h == r.Hash:
				out[i] = outcomeIgnored
			default:
				st, err := t.prepared(ctx, sqlReplace)
				if err != nil {
					return err
				}
				if _, err := st.ExecContext(ctx, r.Division.String(), r.Period.String(), r.Hash, r.Pseudonym, r.Body, now, string(r.Kind), r.ID, submitter); err != nil {
					return err
				}
				out[i] = outcomeUpdated
			}
		}
		if len(fresh) > 0 {
			st, err := t.prepared(ctx, sqlInsertRows(len(fresh)))
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
		}
		rows, out = rows[n:], out[n:]
	}
	return nil
}

// sqliteStoredHashes sets hashes[i] to the hash of the row stored under the
// key of rows[i] and submitter, leaving it "" where there is none; args is
// a buffer for the parameters.
func sqliteStoredHashes(ctx context.Context, t *sqlTx, submitter string, rows []storedRecord, hashes []string, args []any) error {
	st, err := t.prepared(ctx, sqlStoredHashes(len(rows)))
	if err != nil {
		return err
	}
	for i := range rows {
		args = append(args, string(rows[i].Kind), rows[i].ID)
	}
	args = append(args, submitter)
	res, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer res.Close()
	var (
		kind, id sql.RawBytes
		hash     string
		next     int            // the row expected next
		index    map[string]int // kind, NUL, id → row, made when first needed
		key      []byte
	)
	for res.Next() {
		if err := res.Scan(&kind, &id, &hash); err != nil {
			return err
		}
		// SQLite answers in the order of the rows, which is looked for
		// first; a row answered out of that order is found by its key.
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
				return fmt.Errorf("stored hashes: a row not in the batch: %s %q", kind, id)
			}
			i = j
		}
		hashes[i] = hash
	}
	return res.Err()
}

// The statements of sqliteUpsert, with anonymous parameters (?), which
// SQLite binds by position: modernc.org/sqlite looks the name of each
// parameter up, in a time that grows with the number of named ones.
const (
	// sqlReplace replaces the stored row of a key with another hash.
	sqlReplace = `UPDATE records SET division = ?, period = ?, hash = ?, pseudonym = ?, body = ?, updated = ?,
		revision = revision + 1 WHERE kind = ? AND id = ? AND submitter = ?`
)

// sqlStoredHashes returns the query of the key and hash of the rows stored
// under n keys (kind, id) and a submitter, by the primary key.
func sqlStoredHashes(n int) string {
	var b strings.Builder
	b.WriteString(`SELECT r.kind, r.id, r.hash FROM (VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?)")
	}
	b.WriteString(`) AS k JOIN records r ON r.kind = k.column1 AND r.id = k.column2 AND r.submitter = ?`)
	return b.String()
}

// sqlInsertRows returns the plain INSERT of n new rows.
func sqlInsertRows(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?,?,?,?,?,?,?,?,1)")
	}
	return b.String()
}
