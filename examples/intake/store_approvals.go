package main

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// A storedApproval is the history of the approval of one key as stored
// (存储的审核记录): its steps in order, which approval.Policy.Replay turns
// into the approval (see server.replayApproval).
type storedApproval struct {
	Key     approval.Key
	History []approval.Event
	// Err, set by store.Approvals, says why a row of the key could not be
	// read; History then holds the steps before it.
	Err error
}

// pgApprovalLock is the transaction-level advisory lock (key 710539)
// that a PostgreSQL transaction takes before it reads the history of an
// approval to add a step to it (see storeTx.ApprovalHistory): at READ
// COMMITTED, two steps on the same key would otherwise both read the
// history before either and both be judged against the same state. The
// primary key of the table would refuse the second row; the lock makes
// the second step wait and be judged against the first.
const pgApprovalLock = `SELECT pg_advisory_xact_lock(710539)`

// The statements of the approvals, on both databases.
const (
	sqlApprovalColumns = `division, period, seq, at_ms, action, actor_division, actor_role, actor_id, reason, digest`

	sqlApprovalsOfPeriod = `SELECT ` + sqlApprovalColumns + ` FROM approvals
		WHERE data_set = $1 AND period = $2 AND division BETWEEN $3 AND $4 ORDER BY division, period, seq`
	sqlApprovalsAll = `SELECT ` + sqlApprovalColumns + ` FROM approvals
		WHERE data_set = $1 AND division BETWEEN $2 AND $3 ORDER BY division, period, seq`
	sqlApprovalHistory = `SELECT ` + sqlApprovalColumns + ` FROM approvals
		WHERE data_set = $1 AND division = $2 AND period = $3 ORDER BY seq`
	sqlAddApprovalStep = `INSERT INTO approvals (data_set, division, period, seq, at_ms, action, actor_division, actor_role, actor_id, reason, digest)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
)

func (s *sqlStore) Approvals(ctx context.Context, dataSet string, p healthedu.Period, scope healthedu.DivisionCode) ([]storedApproval, error) {
	lo, hi := scopeBounds(scope)
	var (
		rows *sql.Rows
		err  error
	)
	if p.IsValid() {
		rows, err = s.r.QueryContext(ctx, sqlApprovalsOfPeriod, dataSet, p.String(), lo, hi)
	} else {
		rows, err = s.r.QueryContext(ctx, sqlApprovalsAll, dataSet, lo, hi)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanApprovals(rows, dataSet)
}

// scanApprovals reads the rows of an approvals query, ordered by division,
// period and seq, into the histories of their keys. A row that cannot be
// read sets the Err of its key, whose later rows are then left out.
func scanApprovals(rows *sql.Rows, dataSet string) ([]storedApproval, error) {
	var (
		out              []storedApproval
		division, period string
	)
	for rows.Next() {
		var r approvalRow
		if err := rows.Scan(&r.division, &r.period, &r.seq, &r.at, &r.action, &r.actorDivision, &r.actorRole, &r.actorID, &r.reason, &r.digest); err != nil {
			return nil, err
		}
		if len(out) == 0 || r.division != division || r.period != period {
			division, period = r.division, r.period
			sa := storedApproval{Key: approval.Key{DataSet: dataSet}, History: []approval.Event{}}
			var err error
			if sa.Key.Division, err = healthedu.ParseDivisionCode(r.division); err != nil {
				sa.Err = fmt.Errorf("stored approval %s %s: division: %w", r.division, r.period, err)
			} else if sa.Key.Period, err = healthedu.ParsePeriod(r.period); err != nil {
				sa.Err = fmt.Errorf("stored approval %s %s: period: %w", r.division, r.period, err)
			}
			out = append(out, sa)
		}
		sa := &out[len(out)-1]
		if sa.Err != nil {
			continue
		}
		e, err := r.event(len(sa.History))
		if err != nil {
			sa.Err = fmt.Errorf("stored approval %s %s: %w", r.division, r.period, err)
			continue
		}
		sa.History = append(sa.History, e)
	}
	return out, rows.Err()
}

// An approvalRow is a row of the table approvals, as read.
type approvalRow struct {
	division, period                          string
	seq, at                                   int64
	action, actorDivision, actorRole, actorID string
	reason, digest                            string
}

// event returns the step of the row, which must be step n of its key's
// history.
func (r *approvalRow) event(n int) (approval.Event, error) {
	var e approval.Event
	if r.seq != int64(n) {
		return e, fmt.Errorf("step %d found where step %d belongs", r.seq, n)
	}
	a, err := approval.ParseAction(r.action)
	if err != nil {
		return e, fmt.Errorf("step %d: action: %w", n, err)
	}
	d, err := healthedu.ParseDivisionCode(r.actorDivision)
	if err != nil {
		return e, fmt.Errorf("step %d: actor's division: %w", n, err)
	}
	return approval.Event{
		At:     time.UnixMilli(r.at).In(healthedu.ChinaStandardTime),
		Action: a,
		Actor:  approval.Actor{Division: d, Role: r.actorRole, ID: r.actorID},
		Reason: r.reason,
		Digest: r.digest,
	}, nil
}

func (t *sqlTx) ApprovalHistory(ctx context.Context, k approval.Key) ([]approval.Event, error) {
	if t.d.approvalLock != "" && !t.approvalLocked {
		if _, err := t.tx.ExecContext(ctx, t.d.approvalLock); err != nil {
			return nil, err
		}
		t.approvalLocked = true
	}
	rows, err := t.tx.QueryContext(ctx, sqlApprovalHistory, k.DataSet, k.Division.String(), k.Period.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	history := []approval.Event{}
	for rows.Next() {
		var r approvalRow
		if err := rows.Scan(&r.division, &r.period, &r.seq, &r.at, &r.action, &r.actorDivision, &r.actorRole, &r.actorID, &r.reason, &r.digest); err != nil {
			return nil, err
		}
		e, err := r.event(len(history))
		if err != nil {
			return nil, fmt.Errorf("stored approval %s %s: %w", r.division, r.period, err)
		}
		history = append(history, e)
	}
	return history, rows.Err()
}

func (t *sqlTx) AddApprovalStep(ctx context.Context, k approval.Key, n int, e approval.Event) error {
	_, err := t.tx.ExecContext(ctx, sqlAddApprovalStep, k.DataSet, k.Division.String(), k.Period.String(), n,
		e.At.UnixMilli(), string(e.Action), e.Actor.Division.String(), e.Actor.Role, e.Actor.ID, e.Reason, e.Digest)
	return err
}

func (s *sqlStore) Approval(ctx context.Context, k approval.Key) (storedApproval, bool, error) {
	rows, err := s.r.QueryContext(ctx, sqlApprovalHistory, k.DataSet, k.Division.String(), k.Period.String())
	if err != nil {
		return storedApproval{}, false, err
	}
	defer rows.Close()
	as, err := scanApprovals(rows, k.DataSet)
	if err != nil || len(as) == 0 {
		return storedApproval{}, false, err
	}
	return as[0], true, nil
}
