package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// The divisions of the demonstration: 聊城市, and the administrator's and
// the township's tokens it prints.
var (
	demoDivision      = healthedu.MustParseDivisionCode("3715")
	demoAdminDivision = healthedu.MustParseDivisionCode("37")
	demoTownship      = healthedu.MustParseDivisionCode("371502001") // 古楼街道
)

// demoMonths is the number of months the demonstration is seeded with.
const demoMonths = 12

// demoKeySetting is the setting that keeps the pseudonym key -demo
// generated.
const demoKeySetting = "demo.pseudonymKey"

// demoKey returns the pseudonym key of a demonstration: the one kept in
// the database, or a new random one, kept there.
func demoKey(ctx context.Context, st store) ([]byte, error) {
	var b [32]byte
	rand.Read(b[:])
	v, err := st.SetSetting(ctx, demoKeySetting, hex.EncodeToString(b[:]))
	if err != nil {
		return nil, err
	}
	return parseKey(v)
}

// demoBindingKeySetting is the setting that keeps the binding-code key
// -demo generated, as id:hex, so that the codes it printed and drew
// survive a restart.
const demoBindingKeySetting = "demo.bindingKey"

// demoBindingKey returns the binding-code key of a demonstration: the one
// kept in the database, or a new random one of id "demo", kept there.
func demoBindingKey(ctx context.Context, st store) (roster.Key, error) {
	var b [roster.MinSecretLen]byte
	rand.Read(b[:])
	v, err := st.SetSetting(ctx, demoBindingKeySetting, "demo:"+hex.EncodeToString(b[:]))
	if err != nil {
		return roster.Key{}, err
	}
	keys, err := parseBindingKeys(v, demoBindingKeySetting)
	if err != nil {
		return roster.Key{}, err
	}
	return keys[0], nil
}

// demoBindingLines returns the lines that show the binding code of an
// instructor of the demonstration — of 古楼街道 itself rather than of one
// of its villages, else of 聊城, the first by id — and the links to its QR
// code on the server listening at listening; none when the register holds
// no instructor there.
func demoBindingLines(ctx context.Context, st store, codes *bindingCodes, listening string) ([]string, error) {
	var in *roster.Instructor
	for _, d := range []healthedu.DivisionCode{demoTownship, demoDivision} {
		err := st.RecordsOfKind(ctx, roster.KindInstructor, d, func(sr *storedRecord) error {
			if sr.Err != nil {
				return nil
			}
			rec, err := decodeStored(sr)
			i, ok := rec.(*roster.Instructor)
			if err != nil || !ok {
				return nil
			}
			if in == nil || (i.Division == d) != (in.Division == d) && i.Division == d ||
				(i.Division == d) == (in.Division == d) && i.ID < in.ID { // of d itself first, then by id
				in = i
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if in != nil {
			break
		}
	}
	if in == nil {
		return nil, nil
	}
	code, err := codes.signer.Sign(in.ID)
	if err != nil {
		return nil, err
	}
	link := listening + "/v1/instructors/" + url.PathEscape(in.ID) + "/binding-code"
	place := in.Division.Short()
	if name := healthedu.DefaultRegistry().Name(in.Division); name != "" {
		place += " " + name
	}
	return []string{
		fmt.Sprintf("demo binding code of instructor %s %s (%s), key %s:", in.ID, in.Name, place, codes.keyID),
		"  " + code,
		"  QR code " + link + ".png  " + link + ".svg",
		"  a resident binds with POST /v1/bindings {\"id\",\"code\",\"division\",\"resident\",\"boundAt\"} and the submitter's token",
	}, nil
}

// demoEnd returns the last month the demonstration is seeded with at now:
// the month before now's, whose reports arrive until its deadline, so that
// the demonstration shows a month due and one that is not yet due.
func demoEnd(now time.Time) healthedu.Period {
	return healthedu.PeriodOf(healthedu.PeriodMonth, now).Add(-1)
}

// seedDemo fills an empty database with the synthetic records of 聊城 for
// the demoMonths months ending with end, and returns how many it stored; it
// stores nothing in a database that holds records. Each record is stored
// as submitted by its township (or its county, for a county's own
// records), a monthly report as received at the submittedAt it carries,
// as if it had arrived then, and any other record at now; those the
// validator rejects at now, such as reports submitted after it, are left
// out.
func seedDemo(ctx context.Context, st store, key []byte, now time.Time, end healthedu.Period, log *slog.Logger) (int, error) {
	if n, err := st.Count(ctx, healthedu.DivisionCode{}); err != nil || n > 0 {
		return 0, err
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	v := &healthedu.Validator{Now: now}
	// The rows to store, by submitter and instant of receipt.
	type batch struct {
		sub      healthedu.DivisionCode
		received int64 // Unix milliseconds
	}
	pending := make(map[batch][]storedRecord)
	flush := func(b batch) error {
		_, err := tx.Upsert(ctx, b.sub, time.UnixMilli(b.received), pending[b])
		delete(pending, b)
		return err
	}
	stored, skipped := 0, 0
	err = synth.Generate(synth.Options{Under: demoDivision, Months: demoMonths, End: end, Seed: 1}, func(r healthedu.Record) error {
		f, is := factsOf(r, now)
		if is != nil {
			return fmt.Errorf("synthetic record %s %q: %v", r.RecordHeader().Kind, r.RecordHeader().ID, is)
		}
		if hasErrors(v.Validate(r)) {
			skipped++
			return nil
		}
		b := batch{sub: f.Division.Truncate(healthedu.LevelTownship), received: now.UnixMilli()}
		if mr, ok := r.(*healthedu.MonthlyReport); ok {
			b.received = mr.SubmittedAt.UnixMilli()
		}
		row, err := storedForm(r, f, b.sub, key)
		if err != nil {
			return err
		}
		pending[b] = append(pending[b], row)
		stored++
		if len(pending[b]) >= upsertBatch {
			return flush(b)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for b := range pending {
		if err := flush(b); err != nil {
			return 0, err
		}
	}
	if skipped > 0 {
		log.Info("demo records left out", "count", skipped, "reason", "rejected by the validator at the time of seeding")
	}
	return stored, tx.Commit()
}

// hasErrors reports whether any of issues is an error.
func hasErrors(issues []healthedu.Issue) bool {
	for _, is := range issues {
		if is.Severity == healthedu.SeverityError {
			return true
		}
	}
	return false
}

// demoTokens adds the demonstration's tokens to t — an administrator of
// 山东省, a submitter of 古楼街道, and approvers of 东昌府区 and of 聊城市 —
// and returns the lines that show them, with what each may do, a line that
// keeps them in a shell's variables (ADMIN, TOWNSHIP, COUNTY, CITY, as the
// README names them), and where the approvals of month, the last month
// due, are listed.
func demoTokens(t *tokenTable, month healthedu.Period) []string {
	reg := healthedu.DefaultRegistry()
	admin, township := tokens.New(), tokens.New()
	county, city := tokens.New(), tokens.New()
	t.add(admin, demoAdminDivision, roleAdmin)
	t.add(township, demoTownship, roleSubmitter)
	t.add(county, demoApprovalCounty, roleApprover)
	t.add(city, demoApprovalCity, roleApprover)
	line := func(r role, d healthedu.DivisionCode, token, what string) string {
		return fmt.Sprintf("  %-9s  %s %s  Authorization: Bearer %s\n             %s", r, d, reg.Name(d), token, what)
	}
	return []string{
		"demo tokens, valid until the server stops:",
		line(roleAdmin, demoAdminDivision, admin, "submits, unlocks, and takes every step of approval its level allows"),
		line(roleSubmitter, demoTownship, township, "submits its records, and its month for approval (POST /v1/approvals, action submit)"),
		line(roleApprover, demoApprovalCounty, county, "approves or returns the months its townships submit (审核, 退回)"),
		line(roleApprover, demoApprovalCity, city, "accepts or returns the months its counties approved (确认, 退回)"),
		"reads need no token in -demo mode; to keep the tokens in a shell, as the README's walk does:",
		fmt.Sprintf("  export ADMIN=%s TOWNSHIP=%s COUNTY=%s CITY=%s", admin, township, county, city),
		fmt.Sprintf("the approvals of %s: GET /v1/approvals?under=%s&period=%s", reg.Name(demoApprovalCounty), demoApprovalCounty.Short(), month),
	}
}

// demoDataLines returns the lines that say where a demonstration keeps
// its data and how to start afresh: db is the -db of the command line,
// seeded whether startDemo seeded it now rather than finding records of
// an earlier run, which it keeps and does not seed again.
func demoDataLines(db string, seeded bool) []string {
	how := "seeded now"
	if !seeded {
		how = "kept from an earlier run, not seeded again"
	}
	where := fmt.Sprintf("the dashboard opens at %s %s, the demo's city; the province's view (?division=%s) shows its other cities as no data, with the coverage of each figure",
		demoDivision.Short(), healthedu.DefaultRegistry().Name(demoDivision), demoAdminDivision.Short())
	if isPostgresDSN(db) {
		return []string{
			fmt.Sprintf("demo data in %s (%s)", redactDSN(db), how),
			"  to start afresh, run with -db and an empty database",
			where,
		}
	}
	return []string{
		fmt.Sprintf("demo data in %s (%s)", db, how),
		fmt.Sprintf("  to start afresh, stop the server and delete %s (and %s-wal, %s-shm), or run with -db other.db", db, db, db),
		where,
	}
}
