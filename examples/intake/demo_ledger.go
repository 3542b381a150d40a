package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// The rectification ledger of the demonstration (演示整改台账).
const (
	// demoLedgerOlder and demoLedgerLast are how many of the items that
	// the monthly notifications of the month before the last month due,
	// and of the last month due, propose the demonstration accepts.
	demoLedgerOlder = 10
	demoLedgerLast  = 6
)

// demoFate is what became of an accepted proposal by the demonstration's
// now: the statuses it went through after open, each with the side that
// made the change.
type demoFate []ledger.Status

// The fates of the items of the month before the last month due, whose
// deadline has passed (those not rectified are overdue), and of the last
// month due, whose deadline has not.
var (
	demoOlderFates = []demoFate{
		{ledger.StatusRectifying, ledger.StatusRectified, ledger.StatusVerified},
		{ledger.StatusRectifying, ledger.StatusRectified},
		{},
		{ledger.StatusRectifying},
		{ledger.StatusRectified, ledger.StatusReopened},
	}
	demoLastFates = []demoFate{{}, {ledger.StatusRectifying}, {ledger.StatusRectified}}
	// demoComplianceFates are those of the items of the compliance check
	// that the notification of the last month due proposes: as many are
	// accepted as there are fates.
	demoComplianceFates = []demoFate{
		{ledger.StatusRectifying},
		{ledger.StatusRectifying, ledger.StatusRectified, ledger.StatusVerified},
	}
)

// seedDemoLedger seeds the ledger of the demonstration, after its records:
// of the items that the monthly notifications of 聊城 for the last month
// due and the month before propose from their figures (see
// figures.propose), and of those that the last month due proposes from the
// compliance check (see figures.proposeCompliance), the first by id are
// accepted as proposed, and then rectified, verified or reopened according
// to their rank (see demoOlderFates), at instants spread between their
// opening and now; and one item of an inspection, overdue.
// Everything follows from the records and now, so the same database and
// clock give the same ledger. It returns the number of items stored.
func seedDemoLedger(ctx context.Context, st store, cfg config, key []byte, now time.Time, log *slog.Logger) (int, error) {
	day := cfg.DeadlineDay
	if day < 1 {
		day = indicators.DefaultDeadlineDay
	}
	level := cfg.ReportingLevel
	if level == 0 {
		level = indicators.DefaultReportingLevel
	}
	reg := healthedu.DefaultRegistry()
	f := &figures{store: st, reg: reg, cat: indicators.DefaultCatalogue(), deadlineDay: day, log: log, metrics: &metrics{},
		reporters: indicators.Reporters{Level: level, Registry: reg, List: cfg.Reporters}}
	last := lastDueMonth(now, day)
	var items []*ledger.Rectification
	for _, m := range []struct {
		month   healthedu.Period
		n       int
		fates   []demoFate
		propose func(context.Context, healthedu.DivisionCode, healthedu.Period, time.Time) ([]*ledger.Rectification, error)
	}{
		{last.Add(-1), demoLedgerOlder, demoOlderFates, f.propose},
		{last, demoLedgerLast, demoLastFates, f.propose},
		{last, len(demoComplianceFates), demoComplianceFates, f.proposeCompliance},
	} {
		proposed, err := m.propose(ctx, demoDivision, m.month, now)
		if err != nil {
			return 0, err
		}
		byID := make(map[string]*ledger.Rectification, len(proposed))
		for _, it := range proposed {
			byID[it.ID] = it
		}
		for i, id := range itemIDs(proposed)[:min(m.n, len(proposed))] {
			it := byID[id]
			if err := demoAdvance(it, m.fates[i%len(m.fates)], now); err != nil {
				log.Warn("demo item left out", "id", id, "err", err)
				continue
			}
			items = append(items, it)
		}
	}
	if it := demoInspection(now); it != nil {
		items = append(items, it)
	}

	tx, err := st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	for _, it := range items {
		p, _ := it.RecordPeriod()
		row, err := storedForm(it, recordFacts{Division: it.Division, Period: p}, it.Division, key)
		if err != nil {
			return 0, err
		}
		if _, err := tx.Upsert(ctx, it.Division, now, []storedRecord{row}); err != nil {
			return 0, err
		}
	}
	return len(items), tx.Commit()
}

// demoAdvance moves the open item it through the statuses of fate, the
// owner's side acting at the item's division and a verifier at the
// division above it, at instants spread evenly between its opening and
// now.
func demoAdvance(it *ledger.Rectification, fate demoFate, now time.Time) error {
	opened := it.Opened()
	step := now.Sub(opened) / time.Duration(len(fate)+1)
	if step <= time.Minute {
		return fmt.Errorf("opened at %s, too close to now for %d changes", opened, len(fate))
	}
	verifier := it.Division
	if up, ok := it.Division.Parent(); ok {
		verifier = up
	}
	for i, st := range fate {
		actor := ledger.Actor{Division: it.Division, Role: "reporting-unit", ID: "demo-" + it.Division.Short()}
		note := "已按要求整改"
		switch st {
		case ledger.StatusRectifying:
			note = "已制定整改方案，正在整改"
		case ledger.StatusVerified:
			actor = ledger.Actor{Division: verifier, Role: "health-commission", ID: "demo-" + verifier.Short()}
			note = "经核验整改到位，予以销号"
		case ledger.StatusReopened:
			actor = ledger.Actor{Division: verifier, Role: "health-commission", ID: "demo-" + verifier.Short()}
			note = "整改材料不全，退回重新整改"
		}
		at := opened.Add(step * time.Duration(i+1)).Truncate(time.Minute).In(healthedu.ChinaStandardTime)
		if issues := it.Transition(ledger.Event{At: at, Status: st, Actor: actor, Note: note}); len(issues) > 0 {
			return fmt.Errorf("%s → %s: %v", it.Status, st, issues[0])
		}
		if st == ledger.StatusRectified {
			it.Evidence = append(it.Evidence, "demo://"+it.ID+"/rectification.pdf")
		}
	}
	return nil
}

// demoInspection returns an item of an inspection of 古楼街道's health
// education point 40 days before now, due 10 days before now and still
// open: overdue.
func demoInspection(now time.Time) *ledger.Rectification {
	cst := healthedu.ChinaStandardTime
	inspected := now.In(cst).AddDate(0, 0, -40)
	county, _ := demoTownship.Parent()
	return &ledger.Rectification{
		Header:   healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: ledger.KindRectification, ID: "insp-" + healthedu.DateOf(inspected).String() + "-" + demoTownship.Short()},
		Division: demoTownship,
		Source:   ledger.Source{Type: ledger.SourceInspection, Date: healthedu.DateOf(inspected)},
		Problem:  "督导检查发现健康教育宣传栏内容超过三个月未更换，讲座签到表缺页",
		Owner:    ledger.Owner{Role: ledger.RoleReportingUnit},
		Deadline: healthedu.DateOf(now.In(cst).AddDate(0, 0, -10)),
		Status:   ledger.StatusOpen,
		History: []ledger.Event{{
			At: time.Date(inspected.Year(), inspected.Month(), inspected.Day(), 16, 0, 0, 0, cst), Status: ledger.StatusOpen,
			Actor: ledger.Actor{Division: county, Role: "health-commission", ID: "demo-" + county.Short()},
			Note:  "现场督导检查",
		}},
	}
}
