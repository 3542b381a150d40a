package main

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// pgRecordLock is the transaction-level advisory lock (key 710538) that a
// PostgreSQL transaction takes before it reads a record by kind and id to
// merge into it (see storeTx.Record): at READ COMMITTED, two submissions
// of the same rectification item would otherwise both read the item as it
// was and the later would overwrite the earlier's merge. Submissions of
// other records do not take it.
const pgRecordLock = `SELECT pg_advisory_xact_lock(710538)`

// The statements of the records read by kind, on both databases.
const (
	sqlRecordByID = `SELECT kind, id, submitter, division, period, hash, pseudonym, body, received FROM records
		WHERE kind = $1 AND id = $2 ORDER BY submitter LIMIT 1`
	sqlRecordsOfKind = `SELECT kind, id, submitter, division, period, hash, pseudonym, body, received FROM records
		WHERE kind = $1 AND division BETWEEN $2 AND $3 ORDER BY division, id, submitter`
)

// scanRecord reads a row of sqlRecordByID or sqlRecordsOfKind into rec.
func scanRecord(scan func(...any) error, rec *storedRecord) error {
	var (
		kind, submitter, division, period string
		received                          int64
	)
	if err := scan(&kind, &rec.ID, &submitter, &division, &period, &rec.Hash, &rec.Pseudonym, &rec.Body, &received); err != nil {
		return err
	}
	rec.Received = time.UnixMilli(received).In(healthedu.ChinaStandardTime)
	rec.Err = parseStored(rec, kind, submitter, division, period)
	return nil
}

func (s *sqlStore) RecordsOfKind(ctx context.Context, kind healthedu.Kind, scope healthedu.DivisionCode, fn func(*storedRecord) error) error {
	lo, hi := scopeBounds(scope)
	rows, err := s.r.QueryContext(ctx, sqlRecordsOfKind, string(kind), lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rec storedRecord
		if err := scanRecord(rows.Scan, &rec); err != nil {
			return err
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (t *sqlTx) Record(ctx context.Context, kind healthedu.Kind, id string) (storedRecord, bool, error) {
	if t.d.recordLock != "" && !t.locked {
		if _, err := t.tx.ExecContext(ctx, t.d.recordLock); err != nil {
			return storedRecord{}, false, err
		}
		t.locked = true
	}
	var rec storedRecord
	err := scanRecord(t.tx.QueryRowContext(ctx, sqlRecordByID, string(kind), id).Scan, &rec)
	if errors.Is(err, sql.ErrNoRows) {
		return storedRecord{}, false, nil
	}
	return rec, err == nil, err
}
