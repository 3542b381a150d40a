package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, without cgo
)

// The server keeps its state as a log (事件日志): every change it applied,
// in order, with the time of the server's clock when it was applied. A
// restart replays the log through a new grid.Register and grid.Engine,
// which are deterministic given their inputs and clock, and so arrive at
// the same register, the same alerts with the same IDs and the same
// notifications in the same order: the SSE event IDs survive a restart.
//
// The operations:
//
//	record    one register record or event record (grid's kinds, caseReport), as JSON;
//	          a resident's citizenId sealed (see sealer)
//	readings  a JSON array of device readings
//	ack       {"alert":N,"by":"D1","as":"family-doctor"}: an alert acknowledged
//	close     {"alert":N,"by":"D1","as":"family-doctor"}: an alert closed
//	          ("as" is missing from entries written before it was logged)
//	tick      {}: the clock moved on and a time-driven rule fired
//	          (no outing, escalation, the end of a week)
//
// Requests are written to the log before they are applied, in one
// transaction per request, so a failed write applies nothing and a crash
// after the write is repaired by the replay. Only what was accepted by
// the decoder is logged; what the register or the engine rejects is
// rejected again, identically, on replay. A tick is written after it is
// applied, and only when it changed something: if that write fails, the
// timers it fired fire again on replay at the next entry's time.
const storeSchema = `
CREATE TABLE IF NOT EXISTS meta (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS log (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	at   TEXT NOT NULL, -- RFC 3339 with nanoseconds: the server's clock when applied
	op   TEXT NOT NULL CHECK (op IN ('record', 'readings', 'ack', 'close', 'tick')),
	body BLOB NOT NULL  -- JSON
);`

// The operations of the log.
const (
	opRecord   = "record"
	opReadings = "readings"
	opAck      = "ack"
	opClose    = "close"
	opTick     = "tick"
)

// store is the SQLite database that holds the log.
type store struct {
	db *sql.DB
}

// entry is one entry of the log.
type entry struct {
	seq  int64
	at   time.Time
	op   string
	body []byte
}

// openStore opens the SQLite database at path, creating it and its tables
// if need be, in WAL mode. The server writes from one goroutine at a time,
// so one connection suffices.
func openStore(path string) (*store, error) {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(storeSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	return &store{db: db}, nil
}

// close closes the database.
func (st *store) close() error { return st.db.Close() }

// ping checks that the database answers.
func (st *store) ping(ctx context.Context) error { return st.db.PingContext(ctx) }

// checkKey records the key check of the sealer in a new database, and in
// one that has it, compares: a log written under another pseudonymisation
// key could not be replayed.
func (st *store) checkKey(check string) error {
	var have string
	err := st.db.QueryRow(`SELECT value FROM meta WHERE name = 'keyCheck'`).Scan(&have)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = st.db.Exec(`INSERT INTO meta (name, value) VALUES ('keyCheck', ?)`, check)
		return err
	case err != nil:
		return err
	case have != check:
		return errors.New("the database was written under another pseudonymisation key: pass the same -key (or JICENG_PSEUDONYM_KEY), or use another -db")
	}
	return nil
}

// append writes entries, all with the time at and operation op, one for
// each body, in one transaction.
func (st *store) append(at time.Time, op string, bodies ...[]byte) error {
	tx, err := st.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(`INSERT INTO log (at, op, body) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	ts := at.Format(time.RFC3339Nano)
	for _, b := range bodies {
		if _, err := stmt.Exec(ts, op, b); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// replay calls fn for each entry of the log, in order, and returns how
// many there were.
func (st *store) replay(fn func(entry) error) (int64, error) {
	rows, err := st.db.Query(`SELECT seq, at, op, body FROM log ORDER BY seq`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		var e entry
		var at string
		if err := rows.Scan(&e.seq, &at, &e.op, &e.body); err != nil {
			return n, err
		}
		if e.at, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return n, fmt.Errorf("log entry %d: time %q: %w", e.seq, at, err)
		}
		if err := fn(e); err != nil {
			return n, fmt.Errorf("log entry %d (%s): %w", e.seq, e.op, err)
		}
		n++
	}
	return n, rows.Err()
}
