package main

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The data approval of the demonstration (演示数据审核): the townships of
// 东昌府区 in the last month due, taken through the steps of approval by
// 东昌府区 (the approver) and 聊城市 (the accepter).
var (
	demoApprovalCounty = healthedu.MustParseDivisionCode("371502") // 东昌府区
	demoApprovalCity   = demoDivision                              // 聊城市
)

// demoApprovalFate is where a township's month ends up in the
// demonstration: the steps taken on it, and whether 聊城市 changes its
// report after the approval, from above, which leaves the approval stale.
type demoApprovalFate struct {
	steps []approval.Action
	stale bool
}

// demoApprovalFates are the fates of the first townships of 东昌府区 whose
// monthly reports of the last month due had all arrived by its deadline,
// 古楼街道 first and the others in code order: returned with a reason (古楼街道, whose token the
// demonstration prints, so that it can submit again), submitted,
// approved, accepted, and approved then changed from above. The others
// are left unsubmitted.
var demoApprovalFates = []demoApprovalFate{
	{steps: []approval.Action{approval.ActionSubmit, approval.ActionReturn}},
	{steps: []approval.Action{approval.ActionSubmit}},
	{steps: []approval.Action{approval.ActionSubmit, approval.ActionApprove}},
	{steps: []approval.Action{approval.ActionSubmit, approval.ActionApprove, approval.ActionAccept}},
	{steps: []approval.Action{approval.ActionSubmit, approval.ActionApprove}, stale: true},
}

// demoReturnReason is the reason of the demonstration's return.
const demoReturnReason = "0—6岁儿童健康管理人数与上月相差较大，请核实后重新提交"

// seedDemoApprovals seeds the data approval of the demonstration, after
// its records: the townships of 东昌府区 whose monthly reports of the last
// month due at now had all arrived by its deadline are taken through the
// steps of demoApprovalFates, 古楼街道 first, by the township (submit),
// 东昌府区 (approve, return) and 聊城市 (accept), through the same path as
// POST /v1/approvals (takeApprovalStep, approval.Policy.Apply), at
// instants spread evenly between the deadline and now; the stale
// one's report is then corrected by 聊城市, stored as its submission. It
// seeds nothing when the platform does not expect reports from every
// township (-reporting-level, -reporters): the keys would not be
// reporting units. Everything follows from the records and now. It
// returns the keys taken through steps, by fate.
func seedDemoApprovals(ctx context.Context, st store, cfg config, key []byte, now time.Time, log *slog.Logger) ([]approval.Key, error) {
	if cfg.Reporters != nil || (cfg.ReportingLevel != 0 && cfg.ReportingLevel != healthedu.LevelTownship) {
		log.Info("demo approvals left out", "reason", "monthly reports are not expected from every township")
		return nil, nil
	}
	day := cfg.DeadlineDay
	if day < 1 {
		day = indicators.DefaultDeadlineDay
	}
	month := lastDueMonth(now, day)
	deadline := indicators.ReportDeadline(month, day)
	at := func(i int) time.Time { // the instant of the i-th step of every township, 1 ≤ i ≤ 5
		return deadline.Add(now.Sub(deadline) * time.Duration(i) / 6).Truncate(time.Millisecond).In(healthedu.ChinaStandardTime)
	}
	skip := func(table, reason string, attrs ...any) {
		log.Warn("stored row skipped", append([]any{"table", table, "reason", reason}, attrs...)...)
	}
	reports, err := loadApprovalReports(ctx, st, demoApprovalCounty, func(m healthedu.Period) bool { return m == month }, skip)
	if err != nil {
		return nil, err
	}
	// The townships whose reports had all arrived by the deadline.
	byTownship := make(map[healthedu.DivisionCode][]*healthedu.MonthlyReport)
	late := make(map[healthedu.DivisionCode]bool)
	for _, r := range reports {
		t := r.Division.Truncate(healthedu.LevelTownship)
		byTownship[t] = append(byTownship[t], r)
		late[t] = late[t] || !r.SubmittedAt.Before(deadline)
	}
	var townships []healthedu.DivisionCode
	for t := range byTownship {
		if !late[t] && t.Level() == healthedu.LevelTownship {
			townships = append(townships, t)
		}
	}
	slices.SortFunc(townships, func(a, b healthedu.DivisionCode) int {
		switch { // 古楼街道 first, whose token the demonstration prints
		case a == demoTownship:
			return -1
		case b == demoTownship:
			return 1
		}
		return a.Compare(b)
	})

	actor := func(d healthedu.DivisionCode, r role) approval.Actor {
		return approval.Actor{Division: d, Role: string(r), ID: "demo-" + d.Short()}
	}
	var keys []approval.Key
	for i, t := range townships[:min(len(townships), len(demoApprovalFates))] {
		fate := demoApprovalFates[i]
		k := approval.Key{Division: t, Period: month, DataSet: approval.DataSetMonthlyReport}
		digest := approval.Digest(k, byTownship[t])
		for j, action := range fate.steps {
			e := approval.Event{At: at(j + 1), Action: action, Digest: digest}
			switch action {
			case approval.ActionSubmit:
				e.Actor = actor(t, roleSubmitter)
			case approval.ActionApprove:
				e.Actor = actor(demoApprovalCounty, roleApprover)
			case approval.ActionAccept:
				e.Actor = actor(demoApprovalCity, roleApprover)
			case approval.ActionReturn:
				e.Actor, e.Reason, e.Digest = actor(demoApprovalCounty, roleApprover), demoReturnReason, ""
			}
			if _, issues, err := takeApprovalStep(ctx, st, k, e); err != nil {
				return nil, err
			} else if len(issues) > 0 {
				return nil, fmt.Errorf("demo approval of %s %s, %s: %s", t, month, action, issues[0].Code)
			}
		}
		if fate.stale {
			if err := demoCorrect(ctx, st, k, byTownship[t], key, at(len(fate.steps)+1)); err != nil {
				return nil, err
			}
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// demoCorrect has 聊城市 correct, at when, the first of the reports of the
// approved key k, from above: one fewer child under management (or one
// more of its first count), stored as 聊城市's submission of the same id,
// which the figures take as the later report. approval.CanChange must let
// 聊城市 change the data.
func demoCorrect(ctx context.Context, st store, k approval.Key, reports []*healthedu.MonthlyReport, key []byte, when time.Time) error {
	sa, ok, err := st.Approval(ctx, k)
	if err != nil || !ok || len(reports) == 0 {
		return fmt.Errorf("demo correction of %s %s: approval %v, %d reports, %v", k.Division, k.Period, ok, len(reports), err)
	}
	a, _ := approvalPolicy.Replay(k, sa.History)
	if ok, is := approval.CanChange(a, demoApprovalCity); !ok {
		return fmt.Errorf("demo correction of %s %s: %s", k.Division, k.Period, is.Code)
	}
	c := *reports[0]
	_, c.ID, _ = strings.Cut(c.ID, "/") // as submitted, without its submitter
	c.SubmittedAt = when
	c.Values = slices.Clone(c.Values)
	changed := false
	for i, v := range c.Values {
		if n, ok := v.Value.Int64(); ok && v.Element == "children-0-6-managed" && n > 0 {
			c.Values[i].Value, changed = healthedu.DecimalFromInt(n-1), true
		}
	}
	for i, v := range c.Values {
		if n, ok := v.Value.Int64(); ok && !changed {
			c.Values[i].Value, changed = healthedu.DecimalFromInt(n+1), true
		}
	}
	row, err := storedForm(&c, recordFacts{Division: c.Division, Period: c.Period}, demoApprovalCity, key)
	if err != nil {
		return err
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Upsert(ctx, demoApprovalCity, when, []storedRecord{row}); err != nil {
		return err
	}
	return tx.Commit()
}
