package main

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// migrationFiles are the numbered migrations of the schema, shared by both
// databases: NNNN_name.sql, applied in order, each once, and recorded in
// the table schema_migrations. Their SQL is what SQLite and PostgreSQL
// both take: TEXT and BIGINT columns, instants as Unix milliseconds.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration is one numbered step of the schema.
type migration struct {
	version int64
	name    string
	stmts   []string
}

// migrations returns the migrations in order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names { // Glob sorts them
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		version, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil || version < 1 {
			return nil, fmt.Errorf("migration %s: the name does not start with a number and _", base)
		}
		if len(ms) > 0 && ms[len(ms)-1].version >= version {
			return nil, fmt.Errorf("migration %s: number used twice", base)
		}
		src, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: version, name: base, stmts: sqlStatements(string(src))})
	}
	return ms, nil
}

// sqlStatements splits a migration into its statements, dropping comment
// lines. Statements end with a semicolon; the migrations hold none inside
// a string.
func sqlStatements(src string) []string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
	}
	var stmts []string
	for stmt := range strings.SplitSeq(b.String(), ";") {
		if stmt = strings.TrimSpace(stmt); stmt != "" {
			stmts = append(stmts, stmt)
		}
	}
	return stmts
}

// The statements sqlStore runs on both databases, with $n parameters,
// which SQLite takes too.
const (
	sqlCreateMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied BIGINT NOT NULL)`
	sqlCurrentVersion   = `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`
	sqlRecordMigration  = `INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)`

	sqlRecords = `SELECT kind, id, submitter, division, period, hash, pseudonym, body, received FROM records
		WHERE division BETWEEN $1 AND $2 ORDER BY division, kind, id, submitter`
	sqlCount      = `SELECT COUNT(*) FROM records WHERE division BETWEEN $1 AND $2`
	sqlGeneration = `SELECT generation FROM state WHERE id = 1`
	sqlBump       = `UPDATE state SET generation = generation + 1 WHERE id = 1`

	sqlUnlocks   = `SELECT division, period, until_ms, token, created FROM unlocks WHERE until_ms > $1 ORDER BY division, period`
	sqlSetUnlock = `INSERT INTO unlocks (division, period, until_ms, token, created) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (division, period) DO UPDATE SET until_ms = excluded.until_ms, token = excluded.token, created = excluded.created`
	sqlDeleteUnlock = `DELETE FROM unlocks WHERE division = $1 AND period = $2`

	sqlSetting    = `SELECT value FROM settings WHERE name = $1`
	sqlSetSetting = `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`

	sqlAnswer     = `SELECT request, status, body, created FROM answers WHERE token = $1 AND idem_key = $2`
	sqlSaveAnswer = `INSERT INTO answers (token, idem_key, request, status, body, created) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (token, idem_key) DO NOTHING`
	sqlPurgeAnswers = `DELETE FROM answers WHERE created < $1`

	// pgUpsert inserts a batch of records, from arrays, or, where a key
	// is taken by a record with another hash, replaces it; a record with
	// the same hash is left alone. PostgreSQL answers with the key and
	// revision of each row it inserted or replaced: 1 for a record
	// inserted, more for one replaced.
	pgUpsert = `INSERT INTO records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision)
		SELECT u.kind, u.id, $1, u.division, u.period, u.hash, u.pseudonym, u.body, $2, $2, 1
		FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
			AS u(kind, id, division, period, hash, pseudonym, body)
		ON CONFLICT (kind, id, submitter) DO UPDATE SET division = excluded.division, period = excluded.period,
			hash = excluded.hash, pseudonym = excluded.pseudonym, body = excluded.body, updated = excluded.updated,
			revision = records.revision + 1
		WHERE records.hash <> excluded.hash
		RETURNING kind, id, revision`
)

// scopeBounds returns the least and the greatest 12-digit code within
// scope, so that "division BETWEEN lo AND hi" selects its subtree by the
// index; for the zero DivisionCode, every code.
func scopeBounds(scope healthedu.DivisionCode) (lo, hi string) {
	if !scope.IsValid() {
		return "000000000000", "999999999999"
	}
	prefix := scope.Short()
	return prefix + strings.Repeat("0", 12-len(prefix)), prefix + strings.Repeat("9", 12-len(prefix))
}

// parseStored fills the key, division and period of rec from their
// columns.
func parseStored(rec *storedRecord, kind, submitter, division, period string) error {
	var err error
	rec.Kind = healthedu.Kind(kind)
	if rec.Submitter, err = healthedu.ParseDivisionCode(submitter); err != nil {
		return fmt.Errorf("stored record %s %q: submitter: %w", kind, rec.ID, err)
	}
	if rec.Division, err = healthedu.ParseDivisionCode(division); err != nil {
		return fmt.Errorf("stored record %s %q: division: %w", kind, rec.ID, err)
	}
	if rec.Period, err = healthedu.ParsePeriod(period); err != nil {
		return fmt.Errorf("stored record %s %q: period: %w", kind, rec.ID, err)
	}
	return nil
}

// parseUnlock returns the unlock of the columns.
func parseUnlock(division, period string, until int64, by string, created int64) (unlock, error) {
	u := unlock{By: by}
	var err error
	if u.Division, err = healthedu.ParseDivisionCode(division); err != nil {
		return u, err
	}
	if u.Period, err = healthedu.ParsePeriod(period); err != nil {
		return u, err
	}
	u.Until = time.UnixMilli(until).In(healthedu.ChinaStandardTime)
	u.Created = time.UnixMilli(created).In(healthedu.ChinaStandardTime)
	return u, nil
}

// outcomeOf returns the outcome of a row upserted with revision.
func outcomeOf(revision int64) outcome {
	if revision == 1 {
		return outcomeImported
	}
	return outcomeUpdated
}
