package main

import (
	"context"

	"github.com/jiceng/jiceng/healthedu"
)

// sqlRecordsWithID selects the records of a kind and id, on both
// databases: a lookup of the primary key's first two columns.
const sqlRecordsWithID = `SELECT kind, id, submitter, division, period, hash, pseudonym, body, received FROM records
	WHERE kind = $1 AND id = $2 ORDER BY division, submitter`

func (s *sqlStore) RecordsWithID(ctx context.Context, kind healthedu.Kind, id string, fn func(*storedRecord) error) error {
	rows, err := s.r.QueryContext(ctx, sqlRecordsWithID, string(kind), id)
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
