package main

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// pipelineChunk is the number of rows a submission read and stored at
// once (see checkAndStore) hands to its storer at a time.
const pipelineChunk = 125

// checkAndStore is checkSubmission and storeSubmission at once, on a store
// that overlaps them (store.overlaps): a storer stores the rows kept, in
// the submission's transaction, pipelineChunk at a time, while the rest of
// the body is read and validated, so that the database works on a chunk
// while the server reads the next, rather than waiting for the whole body
// to be read.
//
// The answer is the one the two would give one after the other. The
// transaction commits only once the body has been read whole, as
// storeSubmission's does: a problem of the body (403 for a record
// outside the token's division, 400 for an empty one, a client gone)
// rolls it back, and comes before a failure of the database met
// meanwhile; the answer saved for the Idempotency-Key, which the storer
// reads first, is replayed only for a body that would have been stored.
// Should a record replace a row handed to the storer (see
// submissionReader.keep), the transaction is rolled back and the
// submission stored by storeSubmission.
func (s *server) checkAndStore(w http.ResponseWriter, r *http.Request, raw []byte, encoding healthedu.Encoding, req submitRequest, requestHash string, p *principal, lang language.Tag, now time.Time, f *intakeForm) (*submission, int, []byte, bool) {
	ctx := r.Context()
	unlocks, err := s.unlocks(ctx, now)
	if err != nil {
		s.storageError(w, r, "reading unlocks", err)
		return nil, 0, nil, false
	}
	st := startStorer(ctx, s.store, req, p, now)
	defer st.end()
	sub, replaced, err := s.readSubmissionTo(ctx, bytes.NewReader(raw), encoding, p, lang, now,
		&lockCheck{now: now, lockDays: s.cfg.LockDays, unlocks: unlocks},
		func(rows []storedRecord) {
			if f.deleted != nil { // deleted at the end, see splitDeletes
				rows = slices.DeleteFunc(slices.Clone(rows), func(row storedRecord) bool { return f.deleted(row.Kind, row.ID) })
			}
			if len(rows) > 0 {
				st.store(rows)
			}
		})
	st.finish()
	switch {
	case s.refused(w, r, sub, err, p):
		if st.err != nil {
			s.log.Warn("submission refused; its storing had failed", "what", st.what, "err", st.err, "path", r.URL.Path)
		}
		return nil, 0, nil, false
	case replaced:
		st.end()
		splitDeletes(sub, f)
		status, answer, ok := s.storeSubmission(w, r, sub, req, requestHash, p, lang, now, f)
		return sub, status, answer, ok
	case st.err != nil:
		s.storageError(w, r, st.what, st.err)
		return nil, 0, nil, false
	case st.replay != nil:
		st.end()
		s.replay(w, r, *st.replay, requestHash, f.mediaType)
		return nil, 0, nil, false
	}
	splitDeletes(sub, f) // the rows as storeSubmission has them
	sm := &sub.summary
	sm.Imported += st.counts.Imported
	sm.Updated += st.counts.Updated
	sm.Ignored += st.counts.Ignored
	status, answer, ok := s.finishSubmission(w, r, st.tx, sub, req, requestHash, p, lang, now, f)
	return sub, status, answer, ok
}

// A storer stores the rows of a submission in its transaction while the
// submission is being read (see checkAndStore), in a goroutine of its own:
// it begins the transaction, reads the answer saved for the
// Idempotency-Key, if any, then stores each chunk of rows it is handed,
// until the first failure.
//
// The reader hands a chunk over and waits until the storer has sent it,
// or the part of it left to wait for (see awaitingDatabase): so that,
// even on one processor, the reader goes on while the database stores the
// chunk, and the storer, on the reader's next hand-over, finds the
// database's answer there to read.
type storer struct {
	chunks chan []storedRecord
	sent   chan struct{} // one for each chunk handed over, once sent
	done   chan struct{} // closed when the storer has ended
	ended  bool          // chunks is closed, done waited for

	// Once done is closed: the transaction, nil when it could not begin;
	// the answer saved for the key; the first failure, and what failed;
	// the outcomes of the rows stored.
	tx     storeTx
	replay *savedAnswer
	what   string
	err    error
	counts wire.ImportSummary
}

// startStorer starts the storer of a submission to st for request req of
// principal p at now.
func startStorer(ctx context.Context, st store, req submitRequest, p *principal, now time.Time) *storer {
	s := &storer{chunks: make(chan []storedRecord), sent: make(chan struct{}, 1), done: make(chan struct{})}
	go s.run(ctx, st, req, p, now)
	return s
}

func (s *storer) run(ctx context.Context, st store, req submitRequest, p *principal, now time.Time) {
	defer close(s.done)
	defer func() {
		// Past a failure, or an answer to replay, the chunks are taken
		// and dropped.
		for range s.chunks {
			s.sent <- struct{}{}
		}
	}()
	tx, err := st.Begin(ctx)
	if err != nil {
		s.what, s.err = "beginning a transaction", err
		return
	}
	s.tx = tx
	if req.useKey {
		a, ok, err := tx.Answer(ctx, p.hash, req.key)
		if err != nil {
			s.what, s.err = "reading an answer", err
			return
		}
		if ok {
			s.replay = &a
			return
		}
	}
	for rows := range s.chunks {
		sent := false
		hand := func() {
			if !sent {
				sent = true
				s.sent <- struct{}{}
			}
		}
		outs, err := tx.Upsert(context.WithValue(ctx, awaitingKey{}, hand), p.Division, now, rows)
		hand()
		if err != nil {
			s.what, s.err = "storing records", err
			return
		}
		for _, o := range outs {
			countOutcome(&s.counts, o)
		}
	}
}

// store hands rows over to the storer, and waits until it has sent them.
func (s *storer) store(rows []storedRecord) {
	s.chunks <- rows
	<-s.sent
}

// finish tells the storer that no more rows come, and waits until it has
// stored those it was handed.
func (s *storer) finish() {
	if !s.ended {
		s.ended = true
		close(s.chunks)
		<-s.done
	}
}

// end finishes the storer and rolls its transaction back, unless
// committed.
func (s *storer) end() {
	s.finish()
	if s.tx != nil {
		s.tx.Rollback()
	}
}

// awaitingKey is the key of the context value that awaitingDatabase
// calls.
type awaitingKey struct{}

// awaitingDatabase tells the storer whose context ctx is, if any, that
// what is left of storing its chunk is mostly waiting for the database:
// the reader may go on.
func awaitingDatabase(ctx context.Context) {
	if f, ok := ctx.Value(awaitingKey{}).(func()); ok {
		f()
	}
}
