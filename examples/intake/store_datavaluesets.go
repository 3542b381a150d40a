package main

import (
	"context"

	"github.com/jiceng/jiceng/healthedu"
)

// sqlDeleteRecord removes one record by its key, on both databases.
const sqlDeleteRecord = `DELETE FROM records WHERE kind = $1 AND id = $2 AND submitter = $3`

// Delete removes a record of the submitter, as an import of DHIS2
// data values with importStrategy=DELETE does when it deletes every value
// of a monthly report (see datavaluesets.go). A deletion changes the
// records, as an update does: the generation is raised at commit.
func (t *sqlTx) Delete(ctx context.Context, submitter healthedu.DivisionCode, kind healthedu.Kind, id string) (bool, error) {
	res, err := t.tx.ExecContext(ctx, sqlDeleteRecord, string(kind), id, submitter.String())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if n > 0 {
		t.changed = true
	}
	return n > 0, err
}
