package main

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
	"golang.org/x/text/language"
)

// maxIssues is the number of issues an import summary lists; it counts the
// others in issuesOmitted.
const maxIssues = 1000

// upsertBatch is the number of records stored by one call of
// storeTx.Upsert: on PostgreSQL, a COPY of 1,000 records (about 1 MB) in
// the common case of a batch of new records.
const upsertBatch = 1000

// errBodyTooLarge is the error of a body that decompresses to more than the
// limit.
var errBodyTooLarge = errors.New("request body too large")

// bodyReader reads a request body, decompressed, up to a limit, hashing
// what it reads; it keeps the first error, to tell a body that could not
// be read from records that are wrong.
type bodyReader struct {
	r     io.Reader
	n     int64
	limit int64
	err   error
	hash  hash.Hash
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	if b.n+int64(n) > b.limit {
		n = int(b.limit - b.n)
		err = errBodyTooLarge
	}
	b.n += int64(n)
	b.hash.Write(p[:n])
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// sum returns the hex SHA-256 of what was read.
func (b *bodyReader) sum() string {
	return hex.EncodeToString(b.hash.Sum(nil))
}

// bodyProblem answers r with the problem of a body that could not be read
// because of err.
func bodyProblem(w http.ResponseWriter, r *http.Request, err error, limit int64) {
	var (
		tooLarge *http.MaxBytesError
		corrupt  flate.CorruptInputError
		netErr   net.Error
	)
	switch {
	case errors.As(err, &tooLarge) || errors.Is(err, errBodyTooLarge):
		writeProblem(w, r, http.StatusRequestEntityTooLarge, codeBodyTooLarge, map[string]any{"limit": limit})
	case errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &corrupt) ||
		(errors.Is(err, io.ErrUnexpectedEOF) && isGzip(r)):
		writeProblem(w, r, http.StatusBadRequest, codeGzip, nil)
	case errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()):
		writeProblem(w, r, http.StatusRequestTimeout, codeTimeout, nil)
	default:
		writeProblem(w, r, http.StatusBadRequest, codeUnreadable, nil)
	}
}

// isGzip reports whether the body of r is gzip-compressed.
func isGzip(r *http.Request) bool {
	return strings.EqualFold(strings.TrimSpace(r.Header.Get("Content-Encoding")), "gzip")
}

// submissionType reads the Content-Type of a submission: JSON (a record or
// an array of them) or NDJSON, whose records the decoder tells apart
// alike, in UTF-8 (the default) or GB18030, which GBK and GB2312 are
// subsets of. It returns the code and params of the problem 415 for any
// other.
func submissionType(contentType string) (healthedu.Encoding, string, map[string]any) {
	if strings.TrimSpace(contentType) == "" {
		return healthedu.UTF8, codeContentTypeNone, nil
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return healthedu.UTF8, codeContentType, map[string]any{"type": contentType}
	}
	if mt != "application/json" && mt != "application/x-ndjson" {
		return healthedu.UTF8, codeContentType, map[string]any{"type": mt}
	}
	switch charset := strings.ToLower(params["charset"]); charset {
	case "", "utf-8", "utf8":
		return healthedu.UTF8, "", nil
	case "gb18030", "gbk", "gb2312":
		return healthedu.GB18030, "", nil
	default:
		return healthedu.UTF8, codeCharset, map[string]any{"charset": params["charset"]}
	}
}

// forbiddenRecord is the error that stops a submission holding a record
// for a division outside the token's.
type forbiddenRecord struct {
	index, line int
	division    healthedu.DivisionCode
}

func (e *forbiddenRecord) Error() string {
	return "record " + strconv.Itoa(e.index) + " is for division " + e.division.String() + ", outside the token's"
}

// idempotencyKey returns the form in which the platform keeps the
// Idempotency-Key k: its HMAC-SHA256 under the pseudonym key, in hex, so
// that nothing a submitter typed into a key is stored.
func (s *server) idempotencyKey(k string) string {
	m := hmac.New(sha256.New, s.cfg.Key)
	m.Write([]byte("jiceng intake Idempotency-Key\x00"))
	m.Write([]byte(k))
	return hex.EncodeToString(m.Sum(nil))
}

// validIdempotencyKey reports whether k is 1 to 255 printable ASCII
// characters.
func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// submit stores a submission (报送): a JSON document, a JSON array or
// NDJSON of records, optionally gzip-compressed.
//
// It runs in three steps. First it receives the body whole, bounded by
// -max-body and the read timeout, holding no turn, so that a slow client
// holds only its own connection. Then, in one of the -max-submissions
// turns, it validates each record and turns those accepted into the rows
// to store, in memory — so that no lock of the database waits for it —
// and stores the rows in one transaction, which a dry run rolls back.
// It answers with the import summary. On PostgreSQL, whose transaction
// locks only the rows it writes, the two overlap (see checkAndStore): the
// rows are stored, in the one transaction, while the rest of the body is
// read.
func (s *server) submit(w http.ResponseWriter, r *http.Request) {
	s.acceptRecords(w, r, s.cfg.MaxBody, nil)
}

// An intakeForm is how a route other than /v1/submissions takes its body
// through acceptRecords (接收方式): bind turns a binding request into
// its record, postDataValueSets a DHIS2 dataValueSets document into
// monthly reports and answers with DHIS2's import summary. Each field
// left zero keeps what submit does. An intakeForm serves one request.
type intakeForm struct {
	// contentType reads the Content-Type of the body as submissionType
	// does; nil means submissionType.
	contentType func(string) (healthedu.Encoding, string, map[string]any)
	// records turns the body into the records to validate and store.
	records recordsOfBody
	// dryRun, set by records, overrides the request's ?dryRun: a
	// document's own, which in DHIS2 takes precedence.
	dryRun *bool
	// deleted reports whether the record of kind and id, once accepted,
	// is to be deleted rather than stored (importStrategy=DELETE).
	deleted func(kind healthedu.Kind, id string) bool
	// answer makes the answer from the submission stored, or counted in
	// a dry run; nil means answerOf.
	answer func(r *http.Request, sub *submission, dryRun bool, lang language.Tag) (int, []byte)
	// mediaType is the media type of every answer, replayed ones
	// included; "" means that of the submissions' (JSON, or a problem).
	mediaType string
}

// recordsOfBody turns the body raw of the request r, in encoding, received
// whole, into the records to validate and store, in UTF-8 or GB18030 (see
// bind, whose body is a binding request), or answers r with a problem and
// returns false. It runs in the submission's turn.
type recordsOfBody func(w http.ResponseWriter, r *http.Request, raw []byte, encoding healthedu.Encoding, p *principal) ([]byte, healthedu.Encoding, bool)

// acceptRecords takes the records of the body of r as submit describes,
// the body bounded by limit bytes, taken as f says when f is not nil.
func (s *server) acceptRecords(w http.ResponseWriter, r *http.Request, limit int64, f *intakeForm) {
	start := time.Now()
	p := principalOf(r.Context())
	lang := httpapi.Language(r)
	if f == nil {
		f = &intakeForm{}
	}
	req, ok := s.submitRequest(w, r, f.contentType)
	if !ok {
		return
	}

	// Receive the body whole, bounded, before waiting for a turn: a client
	// that sends it slowly holds a connection, not one of the turns.
	s.metrics.receiving.Add(1)
	raw, br, err := s.receive(w, r, req.gzip, limit, start)
	s.metrics.receiving.Add(-1)
	if err != nil {
		bodyProblem(w, r, err, limit)
		return
	}

	if !s.takeTurn(w, r) {
		return
	}
	defer func() { <-s.slots }()
	s.metrics.inFlight.Add(1)
	defer s.metrics.inFlight.Add(-1)
	defer func() { s.metrics.observeSubmission(time.Since(start)) }()

	encoding := req.encoding
	if f.records != nil {
		if raw, encoding, ok = f.records(w, r, raw, encoding, p); !ok {
			return
		}
	}
	if f.dryRun != nil {
		req.dryRun = *f.dryRun
		req.useKey = req.key != "" && !req.dryRun
	}
	now := s.cfg.Now()
	var (
		sub    *submission
		status int
		answer []byte
	)
	if s.store.overlaps(cap(s.slots)) {
		sub, status, answer, ok = s.checkAndStore(w, r, raw, encoding, req, br.sum(), p, lang, now, f)
	} else {
		sub, ok = s.checkSubmission(w, r, raw, encoding, p, lang, now)
		if ok {
			splitDeletes(sub, f)
			status, answer, ok = s.storeSubmission(w, r, sub, req, br.sum(), p, lang, now, f)
		}
	}
	if !ok {
		return
	}
	sm := &sub.summary
	s.log.Info("submission", "token", p.ID, "division", p.Division.String(), "dryRun", req.dryRun,
		"records", sm.Records, "imported", sm.Imported, "updated", sm.Updated, "ignored", sm.Ignored, "rejected", sm.Rejected,
		"bytes", br.n, "ms", float64(time.Since(start).Microseconds())/1000)
	s.writeAnswer(w, status, lang, answer, f.mediaType)
}

// submitRequest is what the URL and the headers of a submission ask for.
type submitRequest struct {
	dryRun bool
	// key is the stored form of the Idempotency-Key (see idempotencyKey),
	// "" without one; useKey says whether the answer is looked up and
	// saved under it: not for a dry run, which stores nothing.
	key      string
	useKey   bool
	encoding healthedu.Encoding // of the body: UTF-8 or GB18030
	gzip     bool               // the body is gzip-compressed
}

// submitRequest reads what r asks for: ?dryRun, Idempotency-Key,
// Content-Type (read by contentType, submissionType when nil) and
// Content-Encoding. It answers r with a problem and returns false when
// one of them is not what the platform takes.
func (s *server) submitRequest(w http.ResponseWriter, r *http.Request, contentType func(string) (healthedu.Encoding, string, map[string]any)) (submitRequest, bool) {
	var req submitRequest
	if v := r.URL.Query().Get("dryRun"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			badRequest(w, r, codeDryRun, map[string]any{"value": v})
			return req, false
		}
		req.dryRun = b
	}
	if vs, ok := r.Header["Idempotency-Key"]; ok {
		if len(vs) != 1 || !validIdempotencyKey(vs[0]) {
			writeProblem(w, r, http.StatusBadRequest, codeIdempotencyKey, nil)
			return req, false
		}
		if holdsCitizenID(vs[0]) {
			writeProblem(w, r, http.StatusBadRequest, codeIdempotencyKeyPersonal, nil)
			return req, false
		}
		req.key, req.useKey = s.idempotencyKey(vs[0]), !req.dryRun
	}
	if contentType == nil {
		contentType = submissionType
	}
	encoding, code, params := contentType(r.Header.Get("Content-Type"))
	if code != "" {
		writeProblem(w, r, http.StatusUnsupportedMediaType, code, params)
		return req, false
	}
	req.encoding = encoding
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		req.gzip = true
	default:
		writeProblem(w, r, http.StatusUnsupportedMediaType, codeContentEncoding, map[string]any{"encoding": enc})
		return req, false
	}
	return req, true
}

// takeTurn waits for one of the -max-submissions turns, at most the queue
// timeout. It answers r with 503 intake.busy and returns false when none
// came, or when the client went away; the caller gives back a turn it
// took by receiving from s.slots.
func (s *server) takeTurn(w http.ResponseWriter, r *http.Request) bool {
	timer := time.NewTimer(s.cfg.QueueTimeout)
	defer timer.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-timer.C:
		w.Header().Set("Retry-After", "1")
		writeProblem(w, r, http.StatusServiceUnavailable, codeBusy, nil)
		return false
	case <-r.Context().Done():
		writeProblem(w, r, http.StatusServiceUnavailable, codeBusy, nil)
		return false
	}
}

// checkSubmission validates the records of the body raw, in encoding, for
// principal p, against the locks in force at now, and returns what is to
// be stored (see readSubmission). It answers r with a problem and returns
// false when the submission goes no further: a record outside p's
// division (403, and nothing is stored), no record at all, a client gone,
// a failure of the database.
func (s *server) checkSubmission(w http.ResponseWriter, r *http.Request, raw []byte, encoding healthedu.Encoding, p *principal, lang language.Tag, now time.Time) (*submission, bool) {
	ctx := r.Context()
	unlocks, err := s.unlocks(ctx, now)
	if err != nil {
		s.storageError(w, r, "reading unlocks", err)
		return nil, false
	}
	sub, err := s.readSubmission(ctx, bytes.NewReader(raw), encoding, p, lang, now, &lockCheck{now: now, lockDays: s.cfg.LockDays, unlocks: unlocks})
	if s.refused(w, r, sub, err, p) {
		return nil, false
	}
	return sub, true
}

// refused answers r with the problem that stops the submission sub that
// reading its body made, with err, for principal p, and reports whether
// it did (see checkSubmission).
func (s *server) refused(w http.ResponseWriter, r *http.Request, sub *submission, err error, p *principal) bool {
	ctx := r.Context()
	var forbidden *forbiddenRecord
	switch {
	case errors.As(err, &forbidden):
		writeProblem(w, r, http.StatusForbidden, codeForbidden, map[string]any{"division": forbidden.division.Short(), "scope": p.Division.Short()})
	case ctx.Err() != nil: // the client is gone
		bodyProblem(w, r, ctx.Err(), s.cfg.MaxBody)
	case err != nil:
		s.internalError(w, r, "reading a submission", err)
	case sub.summary.Records == 0:
		writeProblem(w, r, http.StatusBadRequest, codeEmpty, nil)
	default:
		return false
	}
	return true
}

// splitDeletes moves the rows of sub that f deletes rather than stores
// (intakeForm.deleted) to sub.deletes.
func splitDeletes(sub *submission, f *intakeForm) {
	if f.deleted == nil {
		return
	}
	kept := sub.rows[:0]
	for _, row := range sub.rows {
		if f.deleted(row.Kind, row.ID) {
			sub.deletes = append(sub.deletes, row)
		} else {
			kept = append(kept, row)
		}
	}
	sub.rows = kept
}

// storeSubmission stores the rows of sub in one transaction, which a dry
// run rolls back, counting them into its summary, and returns the answer:
// its status and body, saved under the Idempotency-Key when req uses one.
// requestHash is the hash of the body, which a repetition under the same
// key must have. It returns false when it has answered r itself: with the
// answer saved for the key, or with a problem of the database, which
// leaves nothing of the submission stored.
//
// f says how the answer is made, and which rows are deleted rather than
// stored (sub.deletes).
func (s *server) storeSubmission(w http.ResponseWriter, r *http.Request, sub *submission, req submitRequest, requestHash string, p *principal, lang language.Tag, now time.Time, f *intakeForm) (int, []byte, bool) {
	ctx := r.Context()
	tx, err := s.store.Begin(ctx)
	if err != nil {
		s.storageError(w, r, "beginning a transaction", err)
		return 0, nil, false
	}
	defer tx.Rollback()
	if req.useKey {
		if a, ok, err := tx.Answer(ctx, p.hash, req.key); err != nil {
			s.storageError(w, r, "reading an answer", err)
			return 0, nil, false
		} else if ok {
			tx.Rollback()
			s.replay(w, r, a, requestHash, f.mediaType)
			return 0, nil, false
		}
	}
	if err := upsertRows(ctx, tx, p.Division, now, sub.rows, &sub.summary); err != nil {
		s.storageError(w, r, "storing records", err)
		return 0, nil, false
	}
	return s.finishSubmission(w, r, tx, sub, req, requestHash, p, lang, now, f)
}

// finishSubmission is the end of storeSubmission, once the rows of sub
// are stored in tx and counted in its summary: it deletes sub.deletes,
// stores the rectification items, makes the answer, saves it under the
// Idempotency-Key when req uses one, and commits tx — or rolls it back
// for a dry run. It returns as storeSubmission does; the caller rolls tx
// back when it returns false.
func (s *server) finishSubmission(w http.ResponseWriter, r *http.Request, tx storeTx, sub *submission, req submitRequest, requestHash string, p *principal, lang language.Tag, now time.Time, f *intakeForm) (int, []byte, bool) {
	ctx := r.Context()
	sm := &sub.summary
	for _, row := range sub.deletes {
		if _, err := tx.Delete(ctx, p.Division, row.Kind, row.ID); err != nil {
			s.storageError(w, r, "deleting records", err)
			return 0, nil, false
		}
	}
	if err := s.storeItems(ctx, tx, sub, p, lang, now); err != nil {
		s.storageError(w, r, "storing rectification items", err)
		return 0, nil, false
	}
	sm.Ignored += sub.repeats
	sm.DryRun = req.dryRun
	var (
		status int
		answer []byte
	)
	if f.answer != nil {
		status, answer = f.answer(r, sub, req.dryRun, lang)
	} else {
		status, answer = s.answerOf(r, sm, lang)
	}
	if req.dryRun {
		tx.Rollback()
		return status, answer, true
	}
	if req.useKey {
		saved, err := tx.SaveAnswer(ctx, savedAnswer{Token: p.hash, Key: req.key, Request: requestHash, Status: status, Body: answer, Created: now})
		if err != nil {
			s.storageError(w, r, "saving the answer", err)
			return 0, nil, false
		}
		if !saved { // a concurrent request with the same key came first
			tx.Rollback()
			s.replayStored(w, r, p, req.key, requestHash, f.mediaType)
			return 0, nil, false
		}
	}
	if err := tx.Commit(); err != nil {
		s.storageError(w, r, "committing", err)
		return 0, nil, false
	}
	s.metrics.countRecords(sm.Imported, sm.Updated, sm.Ignored, sm.Rejected)
	return status, answer, true
}

// upsertRows stores rows for the division of the submitting token in tx,
// upsertBatch at a time, and counts in sm the records imported, updated
// and ignored.
func upsertRows(ctx context.Context, tx storeTx, division healthedu.DivisionCode, now time.Time, rows []storedRecord, sm *wire.ImportSummary) error {
	for i := 0; i < len(rows); i += upsertBatch {
		batch := rows[i:min(i+upsertBatch, len(rows))]
		outs, err := tx.Upsert(ctx, division, now, batch)
		if err != nil {
			return err
		}
		for _, o := range outs {
			countOutcome(sm, o)
		}
	}
	return nil
}

// countOutcome counts a record stored with outcome o in sm: imported,
// updated, or else ignored.
func countOutcome(sm *wire.ImportSummary, o outcome) {
	switch o {
	case outcomeImported:
		sm.Imported++
	case outcomeUpdated:
		sm.Updated++
	default:
		sm.Ignored++
	}
}

// receive reads the body of the submission r whole, decompressing it when
// gz, with the limits of the platform: limit bytes (-max-body for a
// submission), before and after decompression, and the read timeout from
// start. It returns the body and
// the reader that read it, which holds its hash and its length; an error
// is the body's problem (see bodyProblem).
func (s *server) receive(w http.ResponseWriter, r *http.Request, gz bool, limit int64, start time.Time) ([]byte, *bodyReader, error) {
	if s.cfg.ReadTimeout > 0 {
		// The connection's own deadline (http.Server.ReadTimeout) may be
		// longer, or absent; an in-process writer has none to set.
		http.NewResponseController(w).SetReadDeadline(start.Add(s.cfg.ReadTimeout))
	}
	var body io.Reader = http.MaxBytesReader(w, r.Body, limit)
	if gz {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, nil, err
		}
		defer zr.Close()
		body = zr
	}
	br := &bodyReader{r: body, limit: limit, hash: sha256.New()}
	// A body of a known length is read into a buffer of its size, not
	// grown to it.
	var buf bytes.Buffer
	if n := r.ContentLength; !gz && n > 0 && n <= limit {
		buf.Grow(int(n) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(br)
	raw := buf.Bytes()
	if err == nil {
		err = r.Context().Err() // the client is gone
	}
	return raw, br, err
}

// submission is what the first phase of submit makes of a body.
type submission struct {
	summary wire.ImportSummary
	rows    []storedRecord
	// deletes are the records accepted to be deleted rather than stored
	// (see intakeForm.deleted), by the submitter's kind and id.
	deletes []storedRecord
	repeats int // records repeated within the submission, ignored
	// items are the rectification items accepted so far, merged into the
	// ledger when the rows are stored (see storeItems).
	items []pendingItem
}

// readSubmission reads and validates the records of body, in encoding, for
// principal p, and returns the rows to store and the summary so far. It
// fails with a *forbiddenRecord for an accepted record outside p's
// division, and with ctx's error when ctx is done.
func (s *server) readSubmission(ctx context.Context, body io.Reader, encoding healthedu.Encoding, p *principal, lang language.Tag, now time.Time, locks *lockCheck) (*submission, error) {
	sub, _, err := s.readSubmissionTo(ctx, body, encoding, p, lang, now, locks, nil)
	return sub, err
}

// readSubmissionTo is readSubmission handing the rows to store, as they
// are kept, to dispatch when it is not nil: pipelineChunk at a time, and
// the rest once the body has been read without an error. A row handed
// over is not changed after; should a later record replace one (see
// submissionReader.keep), no more rows are handed over, and it reports
// true: the rows handed over are not those of the submission, which is
// to be stored anew.
func (s *server) readSubmissionTo(ctx context.Context, body io.Reader, encoding healthedu.Encoding, p *principal, lang language.Tag, now time.Time, locks *lockCheck, dispatch func([]storedRecord)) (*submission, bool, error) {
	sr := &submissionReader{
		key: s.cfg.Key, p: p, lang: lang, locks: locks, cat: s.cat, approvals: s.newApprovalCheck(ctx, p.Division),
		sub:  &submission{summary: wire.ImportSummary{RejectedIndexes: []int{}, Issues: []wire.SummaryIssue{}}},
		seen: make(map[[2]string]string), dispatch: dispatch,
	}
	v := &healthedu.Validator{Now: now.Add(5 * time.Minute), ReportDueDays: s.cfg.DeadlineDay, Earliest: s.cfg.Earliest}
	_, err := v.ValidateStream(body, healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Encoding: encoding, Kinds: kindsTaken}}, func(res *healthedu.RecordResult) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return sr.record(res)
	})
	if err == nil {
		sr.handOver()
	}
	sm := &sr.sub.summary
	switch {
	case sm.Rejected == sm.Records:
		sm.Status = "error"
	case sm.Rejected > 0 || sr.warnings > 0:
		sm.Status = "warning"
	default:
		sm.Status = "success"
	}
	return sr.sub, sr.replaced, err
}

// A submissionReader makes a submission of the records of a body, one
// validated record at a time: it collects the issues into the summary
// and turns each record accepted into the row to store.
type submissionReader struct {
	key   []byte     // the pseudonym key
	p     *principal // who submits
	lang  language.Tag
	locks *lockCheck
	// approvals refuses the monthly reports whose data are under
	// approval at the submitter's level or above (see approvals.go).
	approvals *approvalCheck
	cat       *indicators.Catalogue // the platform's, for the indicators rectification items name
	sub       *submission
	seen      map[[2]string]string // kind, id → hash of the rows kept
	warnings  int
	// dispatch, when not nil, takes the rows kept, as readSubmissionTo
	// says: sub.rows[:dispatched] have been handed over, unless replaced.
	dispatch   func([]storedRecord)
	dispatched int
	replaced   bool // a row handed over was replaced
}

// handOver hands the rows kept and not yet handed over to sr.dispatch,
// unless a row handed over was replaced.
func (sr *submissionReader) handOver() {
	rows := sr.sub.rows
	if sr.dispatch == nil || sr.replaced || sr.dispatched == len(rows) {
		return
	}
	chunk := rows[sr.dispatched:len(rows):len(rows)]
	sr.dispatched = len(rows)
	sr.dispatch(chunk)
}

// record takes the validated record of res: its issues, and, when the
// library accepted it and the platform takes it, its row. It fails with a
// *forbiddenRecord for a record outside the principal's division.
func (sr *submissionReader) record(res *healthedu.RecordResult) error {
	sm := &sr.sub.summary
	sm.Records++
	for _, is := range res.Issues {
		sr.addIssue(res, is)
	}
	if !res.Accepted || res.Record == nil {
		sm.Rejected++
		sm.RejectedIndexes = append(sm.RejectedIndexes, res.Index)
		return nil
	}
	f, is := factsOf(res.Record, sr.locks.now)
	switch {
	case is != nil:
		sr.reject(res, *is)
		return nil
	case !sr.p.Division.Contains(f.Division):
		return &forbiddenRecord{index: res.Index, line: res.Line, division: f.Division}
	case holdsCitizenID(res.ID):
		sr.reject(res, healthedu.NewIssue(codeRecordIDPersonal, "/id", nil))
		return nil
	}
	if item, ok := res.Record.(*ledger.Rectification); ok {
		sr.item(res, item) // the ledger is live work: no period lock
		return nil
	}
	// The register of people has no period of its own (see factsOf): no
	// lock refuses it.
	at, locked := sr.locks.locked(f.Division, f.Period)
	if _, ok := res.Record.(*healthedu.MonthlyReport); ok && locked {
		// A month returned in approval (退回) is open again to
		// correction, whatever its time lock, until it is submitted
		// again.
		reopened, err := sr.approvals.reopened(f.Division, f.Period)
		if err != nil {
			return err
		}
		locked = !reopened
	}
	if locked && !f.Register {
		sr.reject(res, healthedu.NewIssue(codePeriodLocked, "", map[string]any{
			"period": f.Period.String(), "lockedAt": healthedu.DateOf(at).String(),
		}))
		return nil
	}
	// Data under approval cannot be changed from below (approval.locked);
	// a change from above is stored, and makes the approval stale.
	if _, ok := res.Record.(*healthedu.MonthlyReport); ok {
		is, err := sr.approvals.locked(f.Division, f.Period)
		if err != nil {
			return err
		}
		if is != nil {
			sr.reject(res, *is)
			return nil
		}
	}
	row, err := storedForm(res.Record, f, sr.p.Division, sr.key)
	if err != nil {
		return err
	}
	sr.keep(row)
	return nil
}

// keep adds row to the rows to store, once: a record repeated within the
// submission is counted as ignored.
func (sr *submissionReader) keep(row storedRecord) {
	sub := sr.sub
	k := [2]string{string(row.Kind), row.ID}
	h, ok := sr.seen[k]
	switch {
	case ok && h == row.Hash:
		sub.repeats++
	case ok:
		// The validator rejects a different record under an id taken
		// in the same stream; should one come, the later wins.
		if sr.dispatched > 0 && !sr.replaced {
			// The rows handed over are left as they were.
			sr.replaced = true
			sub.rows = slices.Clone(sub.rows)
		}
		for i := range sub.rows {
			if sub.rows[i].Kind == row.Kind && sub.rows[i].ID == row.ID {
				sub.rows[i] = row
			}
		}
		sr.seen[k] = row.Hash
		sub.repeats++
	default:
		sr.seen[k] = row.Hash
		sub.rows = append(sub.rows, row)
		if len(sub.rows)-sr.dispatched >= pipelineChunk {
			sr.handOver()
		}
	}
}

// addIssue adds the issue is of the record of res to the summary, its
// message in the reader's language and what it echoes masked; past
// maxIssues it counts it in issuesOmitted.
func (sr *submissionReader) addIssue(res *healthedu.RecordResult, is healthedu.Issue) {
	sm := &sr.sub.summary
	if is.Severity == healthedu.SeverityWarning {
		sr.warnings++
	}
	if len(sm.Issues) >= maxIssues {
		sm.IssuesOmitted++
		return
	}
	line := is.Line
	if line == 0 {
		line = res.Line
	}
	sm.Issues = append(sm.Issues, wire.SummaryIssue{
		Line: line, Index: res.Index, RecordID: redactLoose(res.ID),
		Severity: is.Severity, Code: is.Code, Path: redactLoose(is.Path), Message: redactLoose(is.Message(sr.lang)),
	})
}

// reject rejects the record of res, which the library accepted, with the
// platform's issue is.
func (sr *submissionReader) reject(res *healthedu.RecordResult, is healthedu.Issue) {
	sr.addIssue(res, is)
	sm := &sr.sub.summary
	sm.Rejected++
	sm.RejectedIndexes = append(sm.RejectedIndexes, res.Index)
}

// answerOf returns the status and the body of the answer to a submission
// with summary sm: 200 and the summary, or, when no record was accepted,
// 422 and a problem that carries the summary.
func (s *server) answerOf(r *http.Request, sm *wire.ImportSummary, lang language.Tag) (int, []byte) {
	var v any = sm
	status := http.StatusOK
	if sm.Status == "error" {
		status = http.StatusUnprocessableEntity
		pr := newProblem(status, codeRejected, lang, map[string]any{"rejected": sm.Rejected})
		pr.Instance = redactLoose(r.URL.Path)
		v = wire.RejectedProblem{Problem: pr, Summary: sm}
	}
	b, err := httpapi.Marshal(v)
	if err != nil { // cannot happen: the summary is plain data
		status = http.StatusInternalServerError
		b, _ = httpapi.Marshal(newProblem(status, codeInternal, lang, nil))
	}
	return status, b
}

// writeAnswer writes the answer to a submission, of mediaType, or when it
// is "", JSON or a problem by its status.
func (s *server) writeAnswer(w http.ResponseWriter, status int, lang language.Tag, body []byte, mediaType string) {
	writeBody(w, status, answerType(status, mediaType), lang, body)
}

// answerType returns mediaType, or when it is "", the media type of the
// answer of status to a submission: JSON for 200, a problem otherwise.
func answerType(status int, mediaType string) string {
	switch {
	case mediaType != "":
		return mediaType
	case status == http.StatusOK:
		return httpapi.MediaJSON
	default:
		return httpapi.MediaProblem
	}
}

// replay answers a repeated request with the answer saved for its
// Idempotency-Key, of mediaType as in writeAnswer, or with a problem when
// its body differs from the first.
func (s *server) replay(w http.ResponseWriter, r *http.Request, a savedAnswer, requestHash, mediaType string) {
	if a.Request != requestHash {
		writeProblem(w, r, http.StatusUnprocessableEntity, codeIdempotencyReused, nil)
		return
	}
	w.Header().Set("Idempotent-Replayed", "true")
	ct := answerType(a.Status, mediaType)
	h := w.Header()
	h.Set("Content-Type", ct+"; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(a.Status)
	w.Write(a.Body)
}

// replayStored replays the answer that a concurrent request saved first.
func (s *server) replayStored(w http.ResponseWriter, r *http.Request, p *principal, key, requestHash, mediaType string) {
	tx, err := s.store.Begin(r.Context())
	if err != nil {
		s.storageError(w, r, "beginning a transaction", err)
		return
	}
	a, ok, err := tx.Answer(r.Context(), p.hash, key)
	tx.Rollback()
	if err != nil || !ok {
		s.storageError(w, r, "reading an answer", errors.Join(err, errors.New("answer saved by a concurrent request not found")))
		return
	}
	s.replay(w, r, a, requestHash, mediaType)
}

// storageError logs a failure of the database and answers with a problem:
// nothing of the submission was stored.
func (s *server) storageError(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.log.Error(what, "err", err, "path", r.URL.Path)
	writeProblem(w, r, http.StatusInternalServerError, codeStorage, nil)
}
