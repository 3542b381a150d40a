// Intake is a provincial submission intake platform (省级报送平台) built on
// jiceng: grassroots institutions submit their health education records
// to it over HTTP; it validates them with package healthedu, stores those
// accepted, and computes the indicators and the monthly notification
// (月通报) from them with package indicators. A dashboard at / shows them.
//
// Usage:
//
//	intake [-addr 127.0.0.1:8080] [-db FILE|postgres://…] [-tokens FILE]
//	       [-key HEX] [-demo] [-lock-days N] [-deadline-day N]
//	       [-reporting-level LEVEL | -reporters FILE]
//	       [-max-body BYTES] [-max-submissions N] [-read-timeout D]
//	       [-max-indicators N] [-max-rows N] [-earliest YYYY-MM-DD]
//	       [-metrics-open] [-dashboard-division CODE]
//	       [-binding-keys FILE] [-public-url URL] [-dhis2-mapping FILE]
//
// On start it prints the address it listens on, as
//
//	jiceng intake listening on http://127.0.0.1:8080/
//
// and it stops gracefully on SIGINT or SIGTERM, finishing the requests in
// progress. It logs one JSON line per request (log/slog) on standard error.
// What stops it from starting — a flag out of range, a bad line of a file
// it reads — it says on standard error in the language of the environment
// (LC_ALL, LC_MESSAGES or LANG: zh_CN, zh_TW or en; Simplified Chinese when
// unset, C or POSIX).
//
// `go run ./examples/intake -demo` starts a living platform at once: on an
// empty database it seeds a year of the synthetic 聊城 3715 (package
// examples/internal/synth, down to every township, with some reports late
// and some missing) up to last month, whose reports arrive until its
// deadline — each monthly report stored as received at its submittedAt,
// those submitted after the start left out — opens the reads and
// /metrics to anyone, and prints where the data is (the file of -db; on a
// database that holds records it seeds nothing and keeps them, so that
// starting afresh means deleting the file or naming another), an
// administrator's token, a township's and two approvers' (东昌府区 and
// 聊城市) with what each may do and an export line that keeps them in a
// shell's variables, and the binding code of an instructor of 古楼街道
// with the links to its QR code. The dashboard opens at 聊城市; the
// province's view shows its other cities as no data. The townships of
// 东昌府区 are seeded in every state of data approval for the last month
// due: returned (古楼街道), submitted, approved, accepted, approved then
// changed by 聊城市 (stale), and the others unsubmitted.
//
// # The API
//
// GET /openapi.json describes it (OpenAPI 3.1). In short:
//
//	POST /v1/submissions[?dryRun=true]   records: JSON, a JSON array or NDJSON, gzip or not
//	GET  /v1/divisions?under=CODE        a division, its ancestors and children
//	GET  /v1/indicators?under=CODE&level=LEVEL&period=P[&indicators=a,b][&approved=approved|accepted]
//	GET  /v1/reports/monthly?under=CODE&period=YYYYMM
//	GET  /v1/compliance?under=CODE&period=YYYY   institutions against the national service norm
//	GET  /v1/rectifications?under=CODE[&status=open,reopened][&overdue=true|false]
//	GET  /v1/locks?under=CODE[&period=P]
//	GET  /v1/instructors/{id}/binding-code[.png|.svg]   an instructor's binding code, or its QR code
//	POST /v1/bindings[?dryRun=true]       a resident's scan of a binding code: {"id","code","division","resident","boundAt"}
//	POST /v1/locks/unlock, /v1/locks/relock   {"division":…, "period":…[, "until":…]}
//	GET  /v1/approvals?under=CODE&period=YYYYMM   the approval of each reporting division's month
//	POST /v1/approvals   {"division":…, "period":…, "action":"submit|approve|accept|return"[, "reason":…]}
//	POST /api/dataValueSets[?dryRun=&importStrategy=&idScheme=&dataElementIdScheme=&orgUnitIdScheme=]   DHIS2 data values, JSON or CSV
//	GET  /api/dataValueSets?orgUnit=CODE&period=P[&children=true][&level=LEVEL]   figures as DHIS2 data values
//	GET  /v1/schemas, /v1/schemas/{file}, /openapi.json, /healthz, /metrics
//	GET  /fhir/metadata                    FHIR R4 CapabilityStatement
//	GET  /fhir/Measure[?url=CANONICAL]     the catalogue as FHIR Measures (a searchset Bundle)
//	GET  /fhir/Measure/{code}              one Measure
//	GET  /fhir/Measure/{code}/$evaluate-measure?periodStart=DATE&periodEnd=DATE[&subject=CODE|Location/CODE]
//	                                       a MeasureReport of a month, quarter, half-year or year
//
// Every error is an RFC 9457 problem (application/problem+json) (under
// /fhir/, a FHIR OperationOutcome, application/fhir+json, whose issue's
// details carry the same code and detail) with a stable issue code in "code" and its params in "params"; its title and
// its detail are in the language of Accept-Language (zh-Hans, zh-Hant or
// en), each the message of a registered issue code, naming the parameter
// or member at fault and the form it should take. A division code that
// is well formed but not in the registry is 404 division.unknown, the
// library's code.
//
// # Tokens and divisions
//
// -tokens names a CSV file with the header token,division,role: each
// bearer token is bound to a division and a role, submitter, admin,
// reader or approver (审核员: reads, and approves, accepts and returns the
// months of the divisions below it; submits no records). A token acts
// within its division's subtree only: it submits
// records whose division lies there and reads figures of divisions there.
// A request without a token, or with an unknown one, gets 401
// intake.unauthorized; a read of a division outside the subtree, or a
// submission holding any record outside it (a township writing for its
// neighbour), gets 403 intake.forbidden and stores nothing; a role that
// does not allow the operation, 403 intake.role. Only an admin unlocks.
// With -demo, reads need no token (and see every division).
//
// Tokens are kept in memory by their SHA-256 only; a token's identity in
// logs and in the database is the first 16 hex digits of it.
//
// # Submissions
//
// A submission is one record or a JSON array of records, Content-Type
// application/json, or NDJSON, one record a line, application/x-ndjson;
// in UTF-8, or GB18030 with charset=gb18030 (gbk and gb2312 are read as
// GB18030, of which they are subsets); gzip-compressed with
// Content-Encoding: gzip, or not. Any other Content-Type, none, or
// another charset is 415 (intake.contentType, intake.contentTypeMissing,
// intake.charset): an XML or a multipart body is not read as records.
//
// A submission is read and validated record by record (Validator
// .ValidateStream, with the clock of the server plus five minutes), then
// stored in one transaction: a failure half way — a database error, a
// crash — leaves nothing of it. A record is stored under its kind, its id
// and the division of the token that submitted it: the same record
// submitted again is ignored, a changed one updates the stored one, and
// a new one is imported. The answer is the import summary:
//
//	{"status":"warning","dryRun":false,"records":3,"imported":1,"updated":0,"ignored":1,"rejected":1,
//	 "rejectedIndexes":[2],"issues":[{"line":3,"index":2,"recordId":"A3","severity":"error",
//	 "code":"division.unknown","path":"/division","message":"…"}]}
//
// with status "success" when every record was accepted without a warning,
// "warning" when some were rejected or warned about, and "error" when none
// was accepted. The answer is 200, except when no record was accepted:
// then it is 422, a problem intake.rejected that carries the summary in
// its member "summary". A body without any record is 400 intake.empty.
// At most 1,000 issues are listed; issuesOmitted counts the rest.
//
// Besides the library's rules, the platform rejects a record whose id
// holds a citizen ID number (intake.recordIdPersonal: the id is stored in
// clear), a record whose period cannot be derived from its times
// (intake.periodUnknown) and a record of a locked period
// (intake.periodLocked, below). -earliest (default 2000-01-01, not before
// 1900-01-01) is the earliest date a record's times may hold, in China
// Standard Time: an earlier one is a typing mistake or a placeholder,
// rejected with time.tooEarly (see healthedu.Validator.Earliest).
//
// ?dryRun=true validates and counts exactly what would be imported,
// updated and ignored, in a transaction that is rolled back: nothing is
// stored, not even an Idempotency-Key.
//
// An Idempotency-Key header (1 to 255 printable ASCII characters, without
// a citizen ID number: 400 intake.idempotencyKeyPersonal) makes
// the first answer to a submission — 200 or 422 — the answer to every
// repetition under the same token and key, replayed from the database
// with the header Idempotent-Replayed: true; the same key with another
// body gets 422 intake.idempotencyKeyReused. Answers that refused the
// request (401, 403, 413…) are not kept, so the request can be retried.
// Saved answers are kept for 24 hours, under the key's HMAC-SHA256 with
// the pseudonym key: the key itself is not stored.
//
// What the platform echoes of a request — a record id, a member name, a
// query parameter, the path — in its answers and logs, and what it keeps
// of one, holds no citizen ID number in clear however it is written: the
// library's redaction finds the groupings people use, and the platform
// also masks a number written with separators anywhere (3715991-98001-
// 010076) or in full-width digits, and refuses a record id or a key that
// holds one.
//
// # Locked periods
//
// Each record is for a period: an activity for the month it started, a
// monthly report for its month, a binding for the month of its latest
// event (binding or unbinding), a literacy survey for the month of the
// interview, a health cell for its year of naming. A period locks
// -lock-days days (default 10; 0 never) after it ends, in China Standard
// Time: a record for it is then rejected with the issue
// intake.periodLocked, which says when it locked, and the other records
// of the submission are stored. An administrator opens a period again for
// a division with POST /v1/locks/unlock {"division","period","until"}:
// records of divisions within it, for periods within it, are taken until
// "until" (by default -lock-days days later; at most a year ahead, else
// 400 intake.untilRange). POST /v1/locks/relock ends it at once; GET
// /v1/locks lists the unlocks in force, leaving out, logging and counting
// a stored unlock it cannot use (one until past 9999, as an earlier
// version took).
//
// # Data approval
//
// A reporting division's month of monthly reports goes up for approval
// (数据审核) as DHIS2's data approval, by the rules of package approval:
// the township submits it (POST /v1/approvals, action submit, a
// submitter's token of the township), the county above approves it
// (approve, an approver's token of the county), the city above the
// county accepts it (accept, an approver's token of the city); the county
// returns submitted or approved data, the city approved or accepted data,
// with a reason, and the township corrects and submits again. An
// administrator takes every step its level allows, and may submit for a
// division within its own; a reader none (403 intake.role). The actor of
// a step is the token — division, role and identity — and its time the
// server's clock; an approval or an acceptance records the digest of the
// monthly reports stored for the month within the division. Keys are the
// expected reporters only (townships by default, -reporting-level,
// -reporters): another division is 400 intake.approvalUnit. A step the
// rules refuse is a problem with the library's code: 409 for the wrong
// state or data changed since their approval (approval.stale), 403 for
// the wrong level, outside the tree or the wrong role, 400 for a step not
// given right. Each step is a row of the table approvals, added in one
// transaction with the read of the key's history (under a lock on
// PostgreSQL): of two approvals at once, one is 200 and the other 409.
//
// Data under approval cannot be changed from below: a monthly report
// within a division whose month is submitted, approved or accepted at the
// submitter's level or above is rejected, record by record, with
// approval.locked (approval.CanChange); a change from above is stored and
// makes the approval stale, which GET /v1/approvals shows and which no
// longer counts. A return reopens the month (退回即解锁): until it is
// submitted again, the reports of the township and of the divisions
// within it are taken, even after the period's time lock (-lock-days).
// GET /v1/indicators?approved=approved (or accepted) computes the figures
// of monthly reports over the months approved (or accepted) and not
// stale only; each row's coverage counts the units left out.
//
// # Binding codes
//
// Residents bind to a health instructor by scanning the instructor's QR
// code in the mini-program (扫码绑定). The QR code carries the
// instructor's binding code (绑定码, package roster): a URL
//
//	https://platform.example/b?i=GL-HI-01&k=2026a&s=Jx0mS2c1u9gkq0bQ4n7W0g
//
// of the instructor's id, the id of the key that signed it and an
// HMAC-SHA256 signature. -binding-keys names a file of keys, one id:hex a
// line (the id 1 to 16 letters, digits, - or _; the secret at least 32
// bytes; # comments), or else $JICENG_BINDING_KEY holds them, separated by
// commas or spaces. The first key signs; every key listed verifies, so
// that a key is rotated by putting a new one first and keeping the old one
// after it while its codes are in use, and retired by leaving it out
// (its codes are then refused, bindingCode.unknownKey). -demo generates a
// key, of id demo, and keeps it in the database, so that its codes
// survive a restart. The codes begin with -public-url, the address
// residents' phones reach the platform at, followed by /b (by default
// the address the server listens at, which suits a demonstration only):
// changing either invalidates the codes printed. Without keys the routes
// below answer 503 intake.bindingUnavailable.
//
// GET /v1/instructors/{id}/binding-code answers, to a token of any role
// whose division holds the instructor's (404 intake.instructorNotFound
// otherwise, as for an instructor the register lacks),
// {"instructor","code","keyId"}; .png and .svg the QR code of the code,
// drawn by github.com/yeqown/go-qrcode at error correction level Q with a
// quiet zone of four modules, cacheable for a day (Cache-Control: private,
// ETag). POST /v1/bindings takes a binding request (roster.BindingRequest)
// from a submitter's or an administrator's token of a division that holds
// the resident's: it verifies the code (422 with the library's
// bindingCode.* or roster.instructorUnknown, path /code), makes the
// binding with roster.BindingFromCode, naming the instructor as the
// register has them, and takes it as a submission of that one record —
// validated, within the token's division, refused in a locked month,
// stored pseudonymised, under an Idempotency-Key, or only counted with
// ?dryRun=true — and answers the import summary.
//
// # DHIS2 data values
//
// POST /api/dataValueSets takes what a DHIS2 instance, or another jiceng
// platform, posts to DHIS2's endpoint of that name: a dataValueSets
// document, JSON (application/json) or CSV (application/csv, text/csv),
// with DHIS2's parameters dryRun, importStrategy, idScheme,
// dataElementIdScheme, orgUnitIdScheme and async (false only:
// async=true is 400 intake.dvsAsync). -dhis2-mapping names the mapping
// table (package indicators/dhis2, LoadMapping) from DHIS2's data elements
// and organisation units to jiceng's elements and divisions; without it,
// codes are taken as they are, under the scheme CODE: a data element's
// code is jiceng's element code, an organisation unit's the 12-digit
// division code. Schemes of the request or the document other than the
// mapping's are refused (400). Each organisation unit and month becomes
// a monthly report with the id dhis2-{division}-{month}, merged value by
// value into the one the token stored before, as importStrategy says:
// CREATE_AND_UPDATE (default) adds and replaces, CREATE only adds, UPDATE
// only replaces, DELETE removes values, and a report left empty. The
// reports then go the way of a submission: the token's division, the
// locks, data approval, Idempotency-Key and dryRun are the platform's.
// The answer is DHIS2's import summary in the WebMessage of DHIS2 2.38 and
// later — 200 and status SUCCESS, or 409 and WARNING or ERROR when there
// are conflicts —, counting data values, not reports (imported, updated,
// ignored, deleted: they add up to the values posted); each value the
// mapping cannot take, each organisation unit outside the token's
// division (E7617), each report refused by a lock (E7640) or approval
// (E7642) is a conflict with DHIS2's error code.
//
// GET /api/dataValueSets?orgUnit=CODE&period=P&children=true gives the
// figures of the divisions within orgUnit at level (county by default)
// as data values under the same mapping, for each due month of P, made so
// that a platform whose reporting units are those divisions
// (-reporting-level county), fed them through POST /api/dataValueSets,
// computes for P the same figures as this one: one platform per province,
// and a national one fed by them (see exportValues in datavaluesets.go
// for what rolls up exactly and what does not).
//
// # Storage
//
// -db is a SQLite file (default jiceng-intake.db in the working
// directory), created on first start, in WAL mode, through the cgo-free
// modernc.org/sqlite: one connection writes, with BEGIN IMMEDIATE, and
// readers read the last commit beside it. A postgres:// URL uses
// PostgreSQL through github.com/jackc/pgx/v5's database/sql driver. Both
// share one schema, brought up to date on start by the numbered migrations
// in migrations/ (applied in a transaction, on PostgreSQL under an
// advisory lock).
//
// A record is stored as its canonical JSON — the record re-encoded from its
// Go value, in which a citizen ID writes itself masked (3715**********123X),
// with any citizen ID number in free text masked too — beside the keyed
// pseudonym of the citizen ID it names (HMAC-SHA256, CitizenID.Pseudonym),
// and a hash of the two that tells a changed record from the same one. The
// number itself is never stored. The key, at least 32 bytes in hex, comes
// from -key or the environment variable JICENG_PSEUDONYM_KEY; -demo
// generates one and keeps it in the database, which suits a demonstration
// only: keep a real key apart from the data.
//
// # Figures
//
// The indicators and the monthly notification are computed from the stored
// records of the division asked for, decoded into memory, with
// indicators.Store.AddRecords and Compute, exactly (integer numerators and
// denominators), as of the server's clock: the rows of /v1/indicators are
// those that "jiceng indicators -format json -now" gives on the same
// records. The server passes its options to package indicators and
// presents what it computes; the rules are the library's:
//
//   - A month's monthly reports count once the month is due: after the
//     end of day -deadline-day (default 10) of the following month, China
//     Standard Time. Before then a report is neither missing nor late, and
//     one received early counts once the month is due.
//   - Monthly reports are expected from every division of the registry at
//     -reporting-level (default township) within the division computed: a
//     county expects each of its townships, a city each township of each
//     of its counties. -reporters FILE names the expected reporters
//     instead, one division code a line (blank lines and lines starting
//     with # are skipped); a line that is not a division code stops the
//     start with a message that names the file and the line. The two flags
//     exclude each other. /v1/indicators, the monthly notification and the
//     dashboard use the same reporters; each row's "coverage" says how many
//     of them contributed to its value.
//   - A report is on time or late by when the platform first received it,
//     as stored (an update keeps that time), not by the submittedAt its
//     submitter wrote.
//   - A value without data is null, never 0; a value above the indicator's
//     maximum is flagged (indicator.aboveMaximum); a yearly count target in
//     a period in progress is pro-rated to the months due.
//
// A record's id counts within its submitter's. The stored records lack the
// citizen IDs: residents are told apart by the stored pseudonym
// (indicators.RecordOptions.ResidentKey). What is computed is kept until a
// submission changes the records.
//
// The monthly notification of a month not yet due says so ("due": false),
// counts the reports received early and lists nobody as not reported.
// Once due it lists, for each division directly under the one asked for,
// the reports expected, received and received on time, completeness and
// timeliness, ranked by completeness, then timeliness, in standard
// competition ranking; the reporters that have not reported, also grouped
// by county ("notReportedByCounty"). Every indicator of the division asked
// for, and those of the divisions under it that miss their target or are
// flagged, come with the gap to the target and the change from the
// previous month, computed the same way (null when either month has no
// value).
//
// # Limits
//
// A body may hold at most -max-body bytes (default 32 MiB), counted after
// gzip decompression as well as before it, so that a small compressed
// bomb is refused (413 intake.bodyTooLarge); a corrupt gzip stream is 400
// intake.gzip. Headers must arrive within 10 s and the body within
// -read-timeout, else 408 intake.timeout. A submission's body is received
// whole, decompressed and bounded, before the submission waits for its
// turn: at most -max-submissions submissions (default 8) are validated
// and stored at once; more wait up to 30 s for their turn, then get 503
// intake.busy with Retry-After. So a client that sends its body slowly
// holds its connection only, never a turn that others wait for (the
// gauge jiceng_intake_submissions_receiving counts them). The price is
// memory: a submission holds its body, at most -max-body, from when it
// has arrived until it is stored, and validating and storing it takes a
// small multiple more; a platform that expects many large bodies at once
// lowers -max-body or bounds the connections at its reverse proxy.
//
// A read of /v1/indicators names each indicator once however often the
// parameter indicators repeats it, in one list or several; it may name at
// most -max-indicators distinct indicators (default 50) and its answer
// hold at most -max-rows rows, divisions × indicators (default 20,000:
// the townships of a large province with a dozen indicators). Past either
// it is 409, as DHIS2 answers past its maximum: intake.tooManyIndicators
// or intake.tooManyRows, with the limit and the count in "params".
//
// A read of /v1/compliance judges the grassroots institutions (health
// centres, village clinics and stations) whose activities lie within under
// against the national service norm (服务规范达标, package compliance) for a
// year as of the server's clock, pro-rating the yearly minimums in a year
// in progress. It streams the stored activities of the year into the
// check, holding one at a time; its answer holds at most -max-rows
// institutions, past which it is 409 intake.tooManyInstitutions.
//
// # Logs and metrics
//
// Logs are JSON lines of log/slog, every string of which passes through
// healthedu.RedactCitizenIDs: no citizen ID number is logged in clear.
// GET /metrics needs a token the platform knows, of any role — a scraper
// gets a reader's token — since it tells how busy the platform is and how
// many records it took; it holds no figure of any division, so a token of
// any division reads it. -metrics-open, or -demo, serves it to anyone.
// It gives, in the Prometheus text format, the requests by route
// and status, the records imported, updated, ignored and rejected, a
// histogram of the time submissions take, the submissions in flight, and
// jiceng_intake_stored_rows_skipped_total, the stored rows a read could
// not use, by table and reason.
//
// A read never fails a whole scope for one stored row it cannot use — a
// row an earlier version stored, or a hand in the database, whose columns
// or body do not read back, whose period cannot be derived from its
// times, or whose pseudonym is not one: it leaves the row out of the
// figures, logs it (masked, as every log line) and counts it, each time
// it loads the records of a scope.
//
// # The dashboard
//
// / serves the dashboard of package internal/dashboard, which calls this
// API in process. With -demo it shows 聊城 3715; otherwise
// -dashboard-division names the division it shows, to anyone who can
// reach the server, and without it / shows a page that says so.
package main

import (
	"compress/gzip"
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard"
	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/dhis2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// options are the command line of intake.
type options struct {
	addr              string
	db                string
	tokens            string
	key               string
	demo              bool
	lockDays          int
	deadlineDay       int
	maxBody           int64
	maxSubmissions    int
	readTimeout       time.Duration
	dashboardDivision string
	reportingLevel    healthedu.DivisionLevel
	reporters         string
	earliest          time.Time
	maxIndicators     int
	maxRows           int
	metricsOpen       bool
	bindingKeys       string
	publicURL         string
	dhis2Mapping      string
	boundaries        string
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("intake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "the `address` to listen on")
	fs.StringVar(&o.db, "db", "jiceng-intake.db", "the database: a SQLite `file`, created if need be, or a postgres:// URL")
	fs.StringVar(&o.tokens, "tokens", "", "the bearer tokens: a CSV `file` with the header token,division,role")
	fs.StringVar(&o.key, "key", "", "the pseudonym key, at least 32 bytes in `hex` (default $JICENG_PSEUDONYM_KEY)")
	fs.BoolVar(&o.demo, "demo", false, "seed an empty database with a year of synthetic 聊城 3715, open the reads and /metrics, print demo tokens")
	fs.IntVar(&o.lockDays, "lock-days", 10, "a period locks this many `days` after it ends; 0 never")
	fs.IntVar(&o.deadlineDay, "deadline-day", indicators.DefaultDeadlineDay, "monthly reports are on time until the end of this `day` of the next month")
	fs.Int64Var(&o.maxBody, "max-body", 32<<20, "the largest request body, after decompression, in `bytes`")
	fs.IntVar(&o.maxSubmissions, "max-submissions", 8, "the `number` of submissions validated and stored at once, once their bodies have arrived")
	fs.StringVar(&o.bindingKeys, "binding-keys", "", "the binding-code keys: a `file` of id:hex lines, the first signing, all verifying (default $"+bindingKeyEnv+"; -demo keeps one in the database)")
	fs.StringVar(&o.publicURL, "public-url", "", "the `URL` residents' phones reach the platform at; binding codes begin with it and /b (default: the address it listens on)")
	fs.BoolVar(&o.metricsOpen, "metrics-open", false, "serve /metrics to anyone, without a token (as -demo does)")
	fs.IntVar(&o.maxIndicators, "max-indicators", defaultMaxIndicators, "the largest `number` of distinct indicators a read of /v1/indicators may name")
	fs.IntVar(&o.maxRows, "max-rows", defaultMaxRows, "the largest `number` of rows (divisions × indicators) an answer of /v1/indicators may hold, and of institutions an answer of /v1/compliance")
	fs.DurationVar(&o.readTimeout, "read-timeout", time.Minute, "the longest time a request, its body included, may take to arrive")
	fs.StringVar(&o.dashboardDivision, "dashboard-division", "", "the division `code` the dashboard shows to anyone (default with -demo: 3715)")
	fs.StringVar(&o.dhis2Mapping, "dhis2-mapping", "", "the DHIS2 mapping table of /api/dataValueSets, a CSV `file` (default: codes as they are, jiceng's element codes and 12-digit division codes)")
	fs.StringVar(&o.boundaries, "boundaries", "", "the boundaries of divisions the dashboard's map draws: a GeoJSON `file`, a FeatureCollection of Polygons and MultiPolygons keyed by the property code (default with -demo: synthetic shapes for 聊城)")
	level := fs.String("reporting-level", indicators.DefaultReportingLevel.String(),
		"monthly reports are expected from every division of the registry at this `level`: province, city, county, township or village")
	fs.StringVar(&o.reporters, "reporters", "", "monthly reports are expected from exactly the divisions of this `file`, one code a line (# comments), instead of -reporting-level")
	earliest := fs.String("earliest", healthedu.DateOf(healthedu.DefaultEarliest()).String(),
		"the earliest `date` (YYYY-MM-DD, China Standard Time) a record's times may hold; 1900-01-01 or later")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	d, err := healthedu.ParseDate(*earliest)
	if err != nil {
		return o, startupErr(codeFlag, map[string]any{"flag": "earliest", "reason": err})
	}
	if !d.Representable() {
		return o, errOption(codeFlagEarliest, "earliest")
	}
	o.earliest = d.Start()
	levelSet := false
	fs.Visit(func(f *flag.Flag) { levelSet = levelSet || f.Name == "reporting-level" })
	if o.reportingLevel, err = parseLevelFlag(*level); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, startupErr(codeArgument, map[string]any{"argument": fs.Arg(0)})
	case o.lockDays < 0:
		return o, errOption(codeFlagNegative, "lock-days")
	case o.deadlineDay < 1 || o.deadlineDay > 31:
		return o, errOption(codeFlagDay, "deadline-day")
	case o.maxBody < 1:
		return o, errOption(codeFlagPositive, "max-body")
	case o.maxSubmissions < 1:
		return o, errOption(codeFlagPositive, "max-submissions")
	case o.readTimeout <= 0:
		return o, errOption(codeFlagPositive, "read-timeout")
	case o.maxIndicators < 1:
		return o, errOption(codeFlagPositive, "max-indicators")
	case o.maxRows < 1:
		return o, errOption(codeFlagPositive, "max-rows")
	case levelSet && o.reporters != "":
		return o, startupErr(codeFlagsExclusive, map[string]any{"flag": "reporters", "other": "reporting-level"})
	}
	return o, nil
}

// parseKey parses a pseudonym key: hex, at least 32 bytes.
func parseKey(s string) ([]byte, error) {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, startupErr(codeKeyHex, nil)
	}
	if len(key) < 32 {
		return nil, startupErr(codeKeyLength, map[string]any{"bytes": len(key)})
	}
	return key, nil
}

// run runs intake with the command line args until ctx is done, and
// returns the exit status. ready, if not nil, receives the address the
// server listens on.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	lang := startupLanguage(os.Getenv)
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "intake:", errorText(err, lang))
		return 2
	}
	log := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(stderr, nil)))
	if err := serve(ctx, o, stdout, log, ready); err != nil {
		log.Error("stopped", "err", err)
		fmt.Fprintln(stderr, "intake:", healthedu.RedactCitizenIDs(errorText(err, lang)))
		return 1
	}
	return 0
}

// serve opens the database, starts the server and serves until ctx is
// done.
func serve(ctx context.Context, o options, stdout io.Writer, log *slog.Logger, ready chan<- string) error {
	key, err := pseudonymKey(o)
	if err != nil {
		return err
	}
	reporters, err := expectedReporters(o, log)
	if err != nil {
		return err
	}
	known, err := loadTokenFile(o, log)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return fmt.Errorf("opening the database: %w", err)
	}
	defer st.Close()

	now := time.Now()
	cfg := newConfig(o, key, reporters, now)
	if cfg.DHIS2, err = loadDHIS2Mapping(o.dhis2Mapping); err != nil {
		return err
	}
	if cfg.Boundaries, err = loadBoundaries(o.boundaries, healthedu.DefaultRegistry()); err != nil {
		return err
	}
	if o.demo && cfg.Boundaries == nil {
		cfg.Boundaries = demoBoundaries()
	}
	var demoLines []string
	if o.demo {
		if demoLines, err = startDemo(ctx, st, &cfg, known, o.db, now, log); err != nil {
			return err
		}
	}
	if cfg.DefaultDivision, err = dashboardDivision(o); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	defer ln.Close() // when the server does not start; Serve closes it otherwise
	listening := "http://" + displayAddr(ln.Addr())
	if cfg.Binding, err = setUpBindingCodes(ctx, o, st, listening, os.Getenv, log); err != nil {
		return err
	}
	if o.demo && cfg.Binding != nil {
		lines, err := demoBindingLines(ctx, st, cfg.Binding, listening)
		if err != nil {
			return fmt.Errorf("showing a demo binding code: %w", err)
		}
		demoLines = append(demoLines, lines...)
	}
	s := newServer(cfg, st, known, log)
	s.mountDashboard(gzipText(dashboardHandler(s, cfg, o.demo, known, log)))
	// The figures of the dashboard's division computed before the first
	// reader comes, and again after each change (see figures_ahead.go).
	if cfg.DefaultDivision.IsValid() {
		if err := s.figures.warm(ctx, cfg.DefaultDivision, s.cfg.Now()); err != nil {
			return fmt.Errorf("computing the dashboard's figures: %w", err)
		}
	}
	go s.figures.keepWarm(ctx, figuresAheadEvery, s.cfg.Now)

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       o.readTimeout,
		WriteTimeout:      o.readTimeout + 5*time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	url := listening + "/"
	fmt.Fprintf(stdout, "jiceng intake listening on %s\n", url)
	for _, l := range demoLines {
		fmt.Fprintln(stdout, l)
	}
	log.Info("listening", "url", url, "db", redactDSN(o.db), "demo", o.demo, "tokens", known.Len())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	go purgeAnswers(ctx, st, log)
	return serveUntilDone(ctx, srv, ln, log)
}

// pseudonymKey returns the pseudonym key of -key or $JICENG_PSEUDONYM_KEY;
// nil with -demo when neither gives one (startDemo finds one).
func pseudonymKey(o options) ([]byte, error) {
	keyText := o.key
	if keyText == "" {
		keyText = os.Getenv("JICENG_PSEUDONYM_KEY")
	}
	switch {
	case keyText != "":
		return parseKey(keyText)
	case !o.demo:
		return nil, startupErr(codeKeyRequired, nil)
	}
	return nil, nil
}

// expectedReporters returns the expected reporters of -reporters, nil
// without the flag, and logs how many there are and whether some lack a
// name in the registry.
func expectedReporters(o options, log *slog.Logger) ([]healthedu.DivisionCode, error) {
	if o.reporters == "" {
		return nil, nil
	}
	reporters, err := loadReporters(o.reporters)
	if err != nil {
		return nil, err
	}
	var unknown []string
	for _, d := range reporters {
		if !healthedu.DefaultRegistry().Contains(d) {
			unknown = append(unknown, d.String())
		}
	}
	log.Info("expected reporters", "file", o.reporters, "count", len(reporters))
	if len(unknown) > 0 {
		log.Warn("expected reporters not in the division registry: they have no name", "count", len(unknown), "first", unknown[0])
	}
	return reporters, nil
}

// loadTokenFile returns the tokens of -tokens; none without the flag,
// which it warns of unless the platform is a demonstration.
func loadTokenFile(o options, log *slog.Logger) (*tokenTable, error) {
	known := &tokenTable{}
	if o.tokens == "" {
		if !o.demo {
			log.Warn("no -tokens: nobody can submit")
		}
		return known, nil
	}
	f, err := os.Open(o.tokens)
	if err != nil {
		return nil, startupErr(codeTokensRead, map[string]any{"file": o.tokens, "reason": err})
	}
	defer f.Close()
	if err := loadTokens(f, o.tokens, known); err != nil {
		return nil, err
	}
	return known, nil
}

// loadDHIS2Mapping returns the mapping table of -dhis2-mapping, nil
// without the flag (the identity mapping, see identityMapping).
func loadDHIS2Mapping(file string) (*dhis2.Mapping, error) {
	if file == "" {
		return nil, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, startupErr(codeDHIS2Map, map[string]any{"file": file, "reason": err})
	}
	defer f.Close()
	m, err := dhis2.LoadMapping(f)
	if err != nil {
		return nil, startupErr(codeDHIS2Map, map[string]any{"file": file, "reason": err})
	}
	return m, nil
}

// newConfig returns the server's configuration from the command line, the
// key and the expected reporters, as of now.
func newConfig(o options, key []byte, reporters []healthedu.DivisionCode, now time.Time) config {
	return config{
		LockDays:       o.lockDays,
		DeadlineDay:    o.deadlineDay,
		MaxBody:        o.maxBody,
		MaxSubmissions: o.maxSubmissions,
		ReadTimeout:    o.readTimeout,
		MaxIndicators:  o.maxIndicators,
		MaxRows:        o.maxRows,
		Key:            key,
		PublicReads:    o.demo,
		MetricsOpen:    o.metricsOpen,
		DefaultPeriod:  lastDueMonth(now, o.deadlineDay),
		ReportingLevel: o.reportingLevel,
		Reporters:      reporters,
		Earliest:       o.earliest,
	}
}

// startDemo makes the demonstration platform of -demo: without a key of
// the command line, the one the database keeps (cfg.Key); the synthetic
// 聊城 seeded on an empty database, with its ledger and its approvals; an
// administrator's token, a township's and two approvers', added to known.
// It returns the lines that print where the data is (db, the database of
// -db) and how to start afresh, and the tokens.
func startDemo(ctx context.Context, st store, cfg *config, known *tokenTable, db string, now time.Time, log *slog.Logger) ([]string, error) {
	if cfg.Key == nil {
		var err error
		if cfg.Key, err = demoKey(ctx, st); err != nil {
			return nil, err
		}
	}
	end := demoEnd(now)
	n, err := seedDemo(ctx, st, cfg.Key, now, end, log)
	if err != nil {
		return nil, fmt.Errorf("seeding the demo: %w", err)
	}
	if n > 0 {
		log.Info("seeded the demo", "records", n, "under", demoDivision.String(), "end", end.String())
		items, err := seedDemoLedger(ctx, st, *cfg, cfg.Key, now, log)
		if err != nil {
			return nil, fmt.Errorf("seeding the demo's ledger: %w", err)
		}
		log.Info("seeded the demo's ledger", "items", items)
		keys, err := seedDemoApprovals(ctx, st, *cfg, cfg.Key, now, log)
		if err != nil {
			return nil, fmt.Errorf("seeding the demo's approvals: %w", err)
		}
		log.Info("seeded the demo's approvals", "keys", len(keys))
	}
	return append(demoDataLines(db, n > 0), demoTokens(known, lastDueMonth(now, cfg.DeadlineDay))...), nil
}

// dashboardDivision returns the division the dashboard shows: that of
// -dashboard-division, the demo's with -demo, else none.
func dashboardDivision(o options) (healthedu.DivisionCode, error) {
	switch {
	case o.dashboardDivision != "":
		d, err := healthedu.ParseDivisionCode(o.dashboardDivision)
		if err != nil {
			return d, startupErr(codeDashboardDivision, map[string]any{"reason": err})
		}
		return d, nil
	case o.demo:
		return demoDivision, nil
	}
	return healthedu.DivisionCode{}, nil
}

// dashboardHandler returns what / serves: the dashboard of
// cfg.DefaultDivision over the API of s, or, without a division, the
// placeholder page. Out of a demonstration, whose reads are open, the
// dashboard reads with a reader's token of its own, added to known.
func dashboardHandler(s *server, cfg config, demo bool, known *tokenTable, log *slog.Logger) http.Handler {
	if !cfg.DefaultDivision.IsValid() {
		return http.HandlerFunc(placeholderPage)
	}
	opts := dashboard.Options{Default: cfg.DefaultDivision, DefaultPeriod: cfg.DefaultPeriod, Logger: log}
	if !demo {
		// A token of its own, that reads the division it shows.
		t := tokens.New()
		known.add(t, cfg.DefaultDivision, roleReader)
		opts.Token = t
	}
	return dashboard.Handler(s.mux, opts)
}

// serveUntilDone serves srv on ln until ctx is done, then shuts it down,
// letting the requests in progress finish for up to 30 s.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener, log *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	log.Info("stopped")
	return nil
}

// lastDueMonth returns the last month whose monthly reports were due by now:
// the default period of the dashboard.
func lastDueMonth(now time.Time, deadlineDay int) healthedu.Period {
	m := healthedu.PeriodOf(healthedu.PeriodMonth, now).Add(-1)
	if now.Before(indicators.ReportDeadline(m, deadlineDay)) {
		m = m.Add(-1)
	}
	return m
}

// displayAddr returns the address to print for a listener on a: the
// loopback address for one that listens on every address.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// redactDSN returns dsn without a password.
func redactDSN(dsn string) string {
	if !isPostgresDSN(dsn) {
		return dsn
	}
	if at := strings.LastIndex(dsn, "@"); at > 0 {
		if colon := strings.Index(dsn[len("postgres://"):at], ":"); colon >= 0 {
			return dsn[:len("postgres://")+colon+1] + "xxxxx" + dsn[at:]
		}
	}
	return dsn
}

// purgeAnswers removes, every hour until ctx is done, the saved answers
// older than a day.
func purgeAnswers(ctx context.Context, st store, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := st.PurgeAnswers(ctx, time.Now().Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			log.Warn("purging saved answers", "err", err)
		} else if n > 0 {
			log.Info("purged saved answers", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// placeholderPage is what / shows when no dashboard division is set.
func placeholderPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		writeProblem(w, r, http.StatusNotFound, codeNotFound, nil)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, `<!doctype html>
<html lang="zh-Hans"><meta charset="utf-8"><title>jiceng intake</title>
<h1>jiceng 省级报送平台</h1>
<p>接口说明见 <a href="/openapi.json">/openapi.json</a>。启动时加 <code>-dashboard-division 代码</code> 可在此显示该区划的数据看板，或以 <code>-demo</code> 启动演示平台。</p>
<p lang="en">The API is described at <a href="/openapi.json">/openapi.json</a>. Start with <code>-dashboard-division CODE</code> to show that division's dashboard here, or with <code>-demo</code> for a demonstration.</p>
</html>
`)
}

// gzipText serves the text h answers (the dashboard's pages, its CSV
// exports) gzip-compressed to a client that accepts gzip, as every
// browser does: a city's compliance page of 270 institutions is 470 KB of
// HTML and 18 KB on the wire, which counts on a phone's data. Other
// answers, such as XLSX (already compressed), pass as they are.
func gzipText(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip.
func acceptsGzip(header string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// gzipWriter compresses what is written to it when the answer is text.
type gzipWriter struct {
	http.ResponseWriter
	z       *gzip.Writer
	decided bool
}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		h := g.Header()
		if strings.HasPrefix(h.Get("Content-Type"), "text/") && h.Get("Content-Encoding") == "" &&
			code != http.StatusNoContent && code != http.StatusNotModified {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			g.z = gzip.NewWriter(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if !g.decided {
		g.WriteHeader(http.StatusOK)
	}
	if g.z != nil {
		return g.z.Write(p)
	}
	return g.ResponseWriter.Write(p)
}

func (g *gzipWriter) close() {
	if g.z != nil {
		g.z.Close()
	}
}
