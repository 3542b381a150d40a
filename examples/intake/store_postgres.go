package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect is PostgreSQL, through github.com/jackc/pgx/v5's
// database/sql driver, at its default isolation, READ COMMITTED: readers
// and writers share one pool, migrations run under an advisory lock. A
// transaction keeps its connection (sqlTx.conn), so that the upsert
// speaks to pgx's connection beneath database/sql: it copies the new
// records in (COPY), the fastest way PostgreSQL takes rows.
var postgresDialect = dialect{
	migrationLock: pgMigrationLock,
	recordLock:    pgRecordLock,
	approvalLock:  pgApprovalLock,
	upsert:        pgBatchUpsert,
	conn:          true,
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
	s := &sqlStore{d: postgresDialect, w: db, r: db, conns: conns}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("migrating: %w", err)
	}
	return s, nil
}

// The statements of pgBatchUpsert. Their parameters are sent as
// pgBatchUpsert encodes them: text, bigint in text form, and arrays of
// text in PostgreSQL's binary form (see appendTextArray).
const (
	// pgStoredHashes answers with the key and hash of the rows stored
	// under the keys of two arrays (kind, id) and a submitter, by the
	// primary key.
	pgStoredHashes = `SELECT r.kind, r.id, r.hash FROM unnest($2::text[], $3::text[]) AS k(kind, id)
		JOIN records r ON r.kind = k.kind AND r.id = k.id AND r.submitter = $1`

	// pgCopyRecords copies rows in, in COPY's binary form (see
	// appendCopyRow).
	pgCopyRecords = `COPY records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision) FROM STDIN (FORMAT binary)`

	// The savepoint under which pgCopyRecords runs: a key that a
	// concurrent transaction stored after pgStoredHashes read makes the
	// COPY fail, and the rows go through pgUpsert instead.
	pgSavepoint         = `SAVEPOINT intake_copy`
	pgReleaseSavepoint  = `RELEASE SAVEPOINT intake_copy`
	pgRollbackSavepoint = `ROLLBACK TO SAVEPOINT intake_copy`

	// pgCopyRecords with the savepoint set, and released first, in the
	// same round trip: the statements of one simple query, which the
	// server runs in order until one fails; CopyData sent after a failure
	// that kept the COPY from starting, it ignores.
	pgSavepointCopy        = pgSavepoint + `; ` + pgCopyRecords
	pgReleaseSavepointCopy = pgReleaseSavepoint + `; ` + pgSavepointCopy
)

// The type OIDs of the parameters: text, bigint, text[].
const (
	oidText      = 25
	oidInt8      = 20
	oidTextArray = 1009
)

// pgUniqueViolation is PostgreSQL's SQLSTATE of a duplicate key.
const pgUniqueViolation = "23505"

// pgBatchUpsert stores rows with the outcomes of pgUpsert, the upsert of
// a record at a time, in the fewest round trips: most batches are records
// never sent before, which it copies in (pgCopyRecords) once it has found
// three of them — the first, the middle and the last — not stored. Once a
// batch of the transaction has been copied in whole, it copies the next
// ones without looking first (sqlTx.copying), in one round trip, those
// three rows first: a batch sent before fails on its first row, and goes
// the way of one whose three rows were found stored. Other
// batches it stores as sqliteUpsert does: it reads the hash of those of
// its rows stored already (pgStoredHashes), copies the new ones in, and
// replaces those whose hash differs with pgUpsert, which leaves alone a
// row that a concurrent transaction made identical meanwhile.
//
// PostgreSQL runs at READ COMMITTED, and no lock keeps another
// transaction from storing a key between the read and the COPY: the COPY
// then waits for that transaction, as pgUpsert would, and fails with a
// unique violation if it commits; so does the COPY of a batch whose three
// rows are new and others are not. The COPY runs under a savepoint, and
// the batch then goes through the read and pgUpsert, which take each row
// as they find it: the outcomes, and the rows stored, are those of
// pgUpsert for the whole batch.
//
// The savepoint is set in the round trip of the read, and released in
// that of the next batch or by the end of the transaction
// (sqlTx.savepoint), or in that of the COPY itself. Before the round trip
// that is likely the batch's last, it calls awaitingDatabase: a
// submission stored while it is read goes on reading (see storer).
// Parameters and COPY data are encoded by hand, in
// buffers reused from one batch to the next: this is the path of every
// record the platform receives.
func pgBatchUpsert(ctx context.Context, t *sqlTx, submitter string, now int64, rows []storedRecord, out []outcome) error {
	return t.conn.Raw(func(dc any) error {
		e := pgEncoders.Get().(*pgEncoder)
		defer e.release()
		e.pc, e.savepoint, e.copying = dc.(*stdlib.Conn).Conn().PgConn(), &t.savepoint, &t.copying
		return e.upsert(ctx, submitter, now, rows, out)
	})
}

// A pgEncoder holds the buffers of pgBatchUpsert, and the connection it
// runs on.
type pgEncoder struct {
	pc        *pgconn.PgConn
	savepoint *bool // the transaction's sqlTx.savepoint
	copying   *bool // the transaction's sqlTx.copying
	batch     pgconn.Batch
	params    [][]byte
	arrays    [7][]byte // the arrays of the parameters
	copy      []byte    // the COPY data
	hashes    []string  // of the rows stored, "" for none
	index     map[string]int
	key       []byte
	sample    [3]storedRecord
	sent      []int        // the rows sent to pgUpsert
	reader    bytes.Reader // of e.copy
}

// pgEncoders are the encoders of pgBatchUpsert, reused.
var pgEncoders = sync.Pool{New: func() any { return &pgEncoder{index: make(map[string]int)} }}

// release puts e back in the pool, unless it grew past 4 MiB.
func (e *pgEncoder) release() {
	size := cap(e.copy)
	for _, a := range e.arrays {
		size += cap(a)
	}
	if size > 4<<20 {
		return
	}
	clear(e.hashes)
	clear(e.index)
	e.sample = [3]storedRecord{}
	e.reader.Reset(nil)
	e.pc, e.savepoint, e.copying = nil, nil, nil
	pgEncoders.Put(e)
}

func (e *pgEncoder) upsert(ctx context.Context, submitter string, now int64, rows []storedRecord, out []outcome) error {
	// The first, the middle and the last rows.
	var at [3]int
	n, last := 0, -1
	for _, i := range [...]int{0, len(rows) / 2, len(rows) - 1} {
		if i != last {
			e.sample[n], at[n], last = rows[i], i, i
			n++
		}
	}
	new := *e.copying
	if !new {
		if err := e.storedHashes(ctx, submitter, e.sample[:n]); err != nil {
			return err
		}
		new = !slices.ContainsFunc(e.hashes, func(h string) bool { return h != "" })
	}
	if new {
		// The sampled rows first, so that the COPY of a batch sent
		// before fails on its first row.
		e.copy = appendCopyHeader(e.copy[:0])
		for _, i := range at[:n] {
			e.copy = appendCopyRow(e.copy, &rows[i], submitter, now)
		}
		for i := range rows {
			if !slices.Contains(at[:n], i) {
				e.copy = appendCopyRow(e.copy, &rows[i], submitter, now)
			}
		}
		awaitingDatabase(ctx)
		var (
			copied bool
			err    error
		)
		if *e.copying {
			copied, err = e.copyRowsSettingSavepoint(ctx)
		} else {
			copied, err = e.copyRows(ctx, pgCopyRecords)
		}
		*e.copying = err == nil && copied
		if err != nil || copied {
			for i := range out {
				out[i] = outcomeImported
			}
			return err
		}
	}

	awaitingDatabase(ctx)
	if err := e.storedHashes(ctx, submitter, rows); err != nil {
		return err
	}
	e.copy = appendCopyHeader(e.copy[:0])
	fresh := 0
	e.sent = e.sent[:0]
	for i := range rows {
		r := &rows[i]
		switch h := e.hashes[i]; {
		case h == "":
			e.copy = appendCopyRow(e.copy, r, submitter, now)
			out[i] = outcomeImported
			fresh++
		case h == r.Hash:
			out[i] = outcomeIgnored
		default:
			e.sent = append(e.sent, i)
		}
	}
	if fresh > 0 {
		copied, err := e.copyRows(ctx, pgCopyRecords)
		if err != nil {
			return err
		}
		if !copied {
			for i := range rows {
				if e.hashes[i] == "" {
					e.sent = append(e.sent, i)
				}
			}
		}
	}
	if len(e.sent) == 0 {
		return nil
	}
	return e.upsertSent(ctx, submitter, now, rows, out)
}

// storedHashes sets e.hashes[i] to the hash of the row stored under the
// key of rows[i] and submitter, "" where there is none. In the same round
// trip, it releases the savepoint that the transaction holds, if any,
// and sets it anew.
func (e *pgEncoder) storedHashes(ctx context.Context, submitter string, rows []storedRecord) error {
	clear(e.index)
	if cap(e.hashes) < len(rows) {
		e.hashes = make([]string, len(rows))
	}
	e.hashes = e.hashes[:len(rows)]
	clear(e.hashes)
	e.arrays[0] = appendTextArray(e.arrays[0][:0], rows, func(r *storedRecord, b []byte) []byte { return append(b, r.Kind...) })
	e.arrays[1] = appendTextArray(e.arrays[1][:0], rows, func(r *storedRecord, b []byte) []byte { return append(b, r.ID...) })
	e.params = append(e.params[:0], []byte(submitter), e.arrays[0], e.arrays[1])
	e.batch = pgconn.Batch{}
	if *e.savepoint {
		e.batch.ExecParams(pgReleaseSavepoint, nil, nil, nil, nil)
	}
	e.batch.ExecParams(pgSavepoint, nil, nil, nil, nil)
	e.batch.ExecParams(pgStoredHashes, e.params, []uint32{oidText, oidTextArray, oidTextArray}, []int16{0, 1, 1}, nil)
	*e.savepoint = false // until the batch says it is set
	mrr := e.pc.ExecBatch(ctx, &e.batch)
	for k := 0; mrr.NextResult(); k++ {
		rr := mrr.ResultReader()
		for rr.NextRow() {
			v := rr.Values()
			i, err := e.find(rows, v[0], v[1])
			if err != nil {
				mrr.Close()
				return err
			}
			e.hashes[i] = string(v[2])
		}
		if _, err := rr.Close(); err != nil {
			mrr.Close()
			return err
		}
	}
	if err := mrr.Close(); err != nil {
		return err
	}
	*e.savepoint = true
	return nil
}

// find returns the index in rows of the row of kind and id.
func (e *pgEncoder) find(rows []storedRecord, kind, id []byte) (int, error) {
	if len(e.index) == 0 {
		for j := range rows {
			e.key = append(append(append(e.key[:0], rows[j].Kind...), 0), rows[j].ID...)
			e.index[string(e.key)] = j
		}
	}
	e.key = append(append(append(e.key[:0], kind...), 0), id...)
	i, ok := e.index[string(e.key)]
	if !ok {
		return 0, fmt.Errorf("upsert answered a row not in the batch: %s %q", kind, id)
	}
	return i, nil
}

// copyRows copies the rows of e.copy in, under the savepoint that
// storedHashes set, and reports false, with the savepoint rolled back to,
// when a key was taken.
func (e *pgEncoder) copyRows(ctx context.Context, statement string) (bool, error) {
	e.copy = binary.BigEndian.AppendUint16(e.copy, 0xFFFF) // the trailer: -1
	e.reader.Reset(e.copy)
	_, err := e.pc.CopyFrom(ctx, &e.reader, statement)
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &pgErr) && pgErr.Code == pgUniqueViolation:
		return false, e.pc.Exec(ctx, pgRollbackSavepoint).Close()
	default:
		return false, err
	}
}

// copyRowsSettingSavepoint is copyRows with the savepoint set anew in
// the same round trip, released first if the transaction holds it: the
// upsert of a transaction whose batches have all been new (sqlTx.copying)
// copies the next without looking first.
func (e *pgEncoder) copyRowsSettingSavepoint(ctx context.Context) (bool, error) {
	q := pgSavepointCopy
	if *e.savepoint {
		q = pgReleaseSavepointCopy
	}
	*e.savepoint = false // until the COPY says it is set
	copied, err := e.copyRows(ctx, q)
	*e.savepoint = err == nil
	return copied, err
}

// upsertSent runs pgUpsert for the rows of e.sent, and sets their
// outcomes.
func (e *pgEncoder) upsertSent(ctx context.Context, submitter string, now int64, rows []storedRecord, out []outcome) error {
	sent := make([]storedRecord, len(e.sent))
	for k, i := range e.sent {
		sent[k] = rows[i]
		out[i] = outcomeIgnored
	}
	var text [12]byte
	e.arrays[0] = appendTextArray(e.arrays[0][:0], sent, func(r *storedRecord, b []byte) []byte { return append(b, r.Kind...) })
	e.arrays[1] = appendTextArray(e.arrays[1][:0], sent, func(r *storedRecord, b []byte) []byte { return append(b, r.ID...) })
	e.arrays[2] = appendTextArray(e.arrays[2][:0], sent, func(r *storedRecord, b []byte) []byte { return r.Division.AppendTo(b) })
	e.arrays[3] = appendTextArray(e.arrays[3][:0], sent, func(r *storedRecord, b []byte) []byte { return r.Period.AppendTo(b) })
	e.arrays[4] = appendTextArray(e.arrays[4][:0], sent, func(r *storedRecord, b []byte) []byte { return append(b, r.Hash...) })
	e.arrays[5] = appendTextArray(e.arrays[5][:0], sent, func(r *storedRecord, b []byte) []byte { return append(b, r.Pseudonym...) })
	e.arrays[6] = appendTextArray(e.arrays[6][:0], sent, func(r *storedRecord, b []byte) []byte { return append(b, r.Body...) })
	e.params = append(e.params[:0], []byte(submitter), strconv.AppendInt(text[:0], now, 10))
	for _, a := range e.arrays {
		e.params = append(e.params, a)
	}
	rr := e.pc.ExecParams(ctx, pgUpsert, e.params,
		[]uint32{oidText, oidInt8, oidTextArray, oidTextArray, oidTextArray, oidTextArray, oidTextArray, oidTextArray, oidTextArray},
		[]int16{0, 0, 1, 1, 1, 1, 1, 1, 1}, nil)
	clear(e.index)
	for rr.NextRow() {
		v := rr.Values()
		k, err := e.find(sent, v[0], v[1])
		if err != nil {
			rr.Close()
			return err
		}
		revision, err := strconv.ParseInt(string(v[2]), 10, 64)
		if err != nil {
			rr.Close()
			return fmt.Errorf("upsert answered revision %q: %w", v[2], err)
		}
		out[e.sent[k]] = outcomeOf(revision)
	}
	_, err := rr.Close()
	return err
}

// appendTextArray appends a one-dimensional array of text of an element
// per row, which elem appends, in PostgreSQL's binary form (array_send):
// the number of dimensions, a flag of nulls, the type of the elements,
// the length and lower bound of the dimension, then each element as its
// length and its bytes.
func appendTextArray(b []byte, rows []storedRecord, elem func(*storedRecord, []byte) []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, 1) // dimensions
	b = binary.BigEndian.AppendUint32(b, 0) // no null
	b = binary.BigEndian.AppendUint32(b, oidText)
	b = binary.BigEndian.AppendUint32(b, uint32(len(rows)))
	b = binary.BigEndian.AppendUint32(b, 1) // lower bound
	for i := range rows {
		at := len(b)
		b = append(b, 0, 0, 0, 0)
		b = elem(&rows[i], b)
		binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	}
	return b
}

// appendCopyHeader appends the header of COPY's binary form: its
// signature, flags and the length of an extension area, both 0.
func appendCopyHeader(b []byte) []byte {
	b = append(b, "PGCOPY\n\xff\r\n\x00"...)
	return append(b, 0, 0, 0, 0, 0, 0, 0, 0)
}

// appendCopyRow appends the row of r in COPY's binary form, its columns
// those of pgCopyRecords: the number of fields, then each as its length
// and its bytes, a bigint as 8 bytes big-endian.
func appendCopyRow(b []byte, r *storedRecord, submitter string, now int64) []byte {
	b = binary.BigEndian.AppendUint16(b, 11)
	b = appendCopyText(b, r.Kind)
	b = appendCopyText(b, r.ID)
	b = appendCopyText(b, submitter)
	at := len(b)
	b = r.Division.AppendTo(append(b, 0, 0, 0, 0))
	binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	at = len(b)
	b = r.Period.AppendTo(append(b, 0, 0, 0, 0))
	binary.BigEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	b = appendCopyText(b, r.Hash)
	b = appendCopyText(b, r.Pseudonym)
	b = appendCopyText(b, r.Body)
	for _, v := range [...]int64{now, now, 1} { // received, updated, revision
		b = binary.BigEndian.AppendUint32(b, 8)
		b = binary.BigEndian.AppendUint64(b, uint64(v))
	}
	return b
}

// appendCopyText appends a text field of COPY's binary form.
func appendCopyText[S ~string | ~[]byte](b []byte, s S) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}
