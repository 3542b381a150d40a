package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// config configures a server.
type config struct {
	store      *store           // the log, required
	key        []byte           // the pseudonymisation key, at least grid.MinKeyLen bytes
	tokens     *tokenSet        // nil: no token is valid
	now        func() time.Time // the clock; nil means time.Now (tests pass a fake one)
	logger     *slog.Logger     // nil: no logs
	heartbeat  time.Duration    // between keep-alive comments of a stream; 0 means 15 s
	maxBody    int64            // the largest request body; 0 means 32 MiB
	maxStreams int              // event streams a token may hold open at once; 0 means defaultMaxStreams
}

// server is the grid operations server (网格运营服务): a grid.Register and
// a grid.Engine behind HTTP, with the log that persists them and the hub
// that streams notifications.
type server struct {
	log       *slog.Logger
	now       func() time.Time
	store     *store
	rules     []grid.Rule // the engine's
	sealer    *sealer
	tokens    *tokenSet
	hub       *hub
	streams   *streamSlots
	heartbeat time.Duration
	maxBody   int64
	handler   http.Handler

	// mu serialises everything below: the register and the engine are
	// not safe for concurrent use, and entries are logged in the order
	// they are applied.
	mu        sync.Mutex
	at        time.Time            // the engine's clock: the time of the entry being applied
	validator *healthedu.Validator // the register's, its Now set to at
	reg       *grid.Register
	engine    *grid.Engine
	seq       uint64 // notifications sent: the ID of the latest SSE event
	logged    int64  // entries in the log
}

// newServer returns a server whose state is the replay of the log in
// cfg.store. It fails when the key is too short or is not the one the log
// was written under, and when an entry of the log cannot be applied.
func newServer(cfg config) (*server, error) {
	if cfg.store == nil {
		return nil, errors.New("gridops: no store")
	}
	if len(cfg.key) < grid.MinKeyLen {
		return nil, fmt.Errorf("gridops: pseudonymisation key of %d bytes, want at least %d", len(cfg.key), grid.MinKeyLen)
	}
	s := &server{
		log:       cfg.logger,
		now:       cfg.now,
		store:     cfg.store,
		rules:     grid.DefaultRules(),
		tokens:    cfg.tokens,
		hub:       newHub(),
		streams:   newStreamSlots(cmp.Or(max(cfg.maxStreams, 0), defaultMaxStreams)),
		heartbeat: cfg.heartbeat,
		maxBody:   cfg.maxBody,
		validator: &healthedu.Validator{Earliest: engineFrom},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.heartbeat <= 0 {
		s.heartbeat = 15 * time.Second
	}
	if s.maxBody <= 0 {
		s.maxBody = 32 << 20
	}
	var err error
	if s.sealer, err = newSealer(cfg.key); err != nil {
		return nil, err
	}
	if err := s.store.checkKey(s.sealer.check); err != nil {
		return nil, err
	}
	if s.reg, err = grid.NewRegister(cfg.key, grid.WithValidator(s.validator)); err != nil {
		return nil, err
	}
	s.engine, err = grid.NewEngine(s.reg, s.rules,
		grid.WithClock(func() time.Time { return s.at }),
		grid.WithNotifier(s.deliver))
	if err != nil {
		return nil, err
	}
	start := time.Now()
	s.mu.Lock()
	s.logged, err = s.store.replay(s.apply)
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("gridops: replaying the log: %w", err)
	}
	s.log.Info("log replayed", "entries", s.logged, "events", s.seq, "alerts", len(s.engine.Alerts()),
		"duration", time.Since(start))
	s.tick() // timers that fell due while the server was down
	s.handler = s.logRequests(s.routes())
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes returns the server's endpoints. Every error, a wrong method or
// path included, is a problem document.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	endpoints := []struct {
		method, path string
		h            http.HandlerFunc
	}{
		{"POST", "/v1/register", s.authorize(isOperator, s.handleRegister)},
		{"POST", "/v1/events", s.authorize(isOperator, s.handleEvents)},
		{"POST", "/v1/readings", s.authorize(isOperator, s.handleReadings)},
		{"GET", "/v1/alerts", s.authorize(isRecipient, s.handleAlerts)},
		{"GET", "/v1/alerts/stream", s.authorize(isRecipient, s.handleStream)},
		{"POST", "/v1/alerts/{id}/ack", s.authorize(isRecipient, s.handleAlertAction(opAck))},
		{"POST", "/v1/alerts/{id}/close", s.authorize(isRecipient, s.handleAlertAction(opClose))},
		{"GET", "/healthz", s.handleHealth},
	}
	for _, e := range endpoints {
		mux.HandleFunc(e.method+" "+e.path, e.h)
		allow := httpapi.Allow(e.method)
		mux.HandleFunc(e.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeProblem(w, r, http.StatusMethodNotAllowed, codeMethod, map[string]any{"method": r.Method, "allow": allow})
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, http.StatusNotFound, codeNotFound, nil)
	})
	return mux
}

// run advances the engine's time every interval until ctx is done, so
// that the rules that wait for the absence of events (no outing,
// escalation) fire when no request comes.
func (s *server) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.tick()
		}
	}
}

// tick advances the engine to the time of the clock, and logs that it did
// when a rule fired, or when the log is empty (the engine's first instant
// decides which weeks it saw whole).
func (s *server) tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	before := s.engine.Stats()
	s.at = s.now()
	s.engine.Advance()
	if s.engine.Stats() == before && s.logged > 0 {
		return
	}
	if err := s.store.append(s.at, opTick, []byte("{}")); err != nil {
		s.log.Error("logging a tick", "err", err)
		return
	}
	s.logged++
}

// apply applies one entry of the log, with the engine's clock at its
// time. The requests apply what they log through the same functions, so
// a replay does what the requests did.
func (s *server) apply(e entry) error {
	s.at = e.at
	switch e.op {
	case opRecord:
		rec, err := s.decodeStored(e.body)
		if err != nil {
			return err
		}
		s.applyRecord(rec)
	case opReadings:
		var rs []grid.Reading
		if err := json.Unmarshal(e.body, &rs); err != nil {
			return err
		}
		for _, r := range rs {
			s.engine.Observe(r) // rejected again, as it was
		}
	case opAck, opClose:
		var a alertAction
		if err := json.Unmarshal(e.body, &a); err != nil {
			return err
		}
		if err := s.applyAction(e.op, a); err != nil {
			s.log.Warn("replaying an alert action", "op", e.op, "alert", a.Alert, "err", err)
		}
	case opTick:
		s.engine.Advance()
	default:
		return fmt.Errorf("unknown operation %q", e.op)
	}
	return nil
}

// applyRecord adds a record to the register, or gives a case report to
// the engine, at the time s.at, and returns the issues found.
func (s *server) applyRecord(rec healthedu.Record) []healthedu.Issue {
	if c, ok := rec.(*caseReport); ok {
		if err := s.engine.ObserveCase(c.report()); err != nil {
			s.log.Warn("the engine refused a case report", "record", c.ID, "err", err)
			return []healthedu.Issue{healthedu.NewIssue(codeCaseRejected, "", nil)}
		}
		return nil
	}
	s.validator.Now = s.at
	return s.reg.Add(rec)
}

// alertAction is the log's body of an acknowledgement or a closing: the
// alert, who acted and in which role. Entries written before roles were
// logged have no "as", and replay as the engine's role-less Acknowledge
// and Close, as they were applied.
type alertAction struct {
	Alert grid.AlertID   `json:"alert"`
	By    string         `json:"by"`
	As    grid.Recipient `json:"as,omitempty"`
}

// applyAction acknowledges or closes an alert at the time s.at, after
// letting time pass: an escalation that fell due before is not prevented.
func (s *server) applyAction(op string, a alertAction) error {
	s.engine.Advance()
	switch {
	case op == opAck && a.As == "":
		return s.engine.Acknowledge(a.Alert, a.By)
	case op == opAck:
		return s.engine.AcknowledgeAs(a.Alert, a.As, a.By)
	case a.As == "":
		return s.engine.Close(a.Alert, a.By)
	}
	return s.engine.CloseAs(a.Alert, a.As, a.By)
}

// responsible returns the roles responsible for alert a: those that may
// close it (grid.Rule.Responsible).
func (s *server) responsible(a *grid.Alert) []grid.Recipient {
	for i := range s.rules {
		if s.rules[i].ID == a.Rule {
			return s.rules[i].Responsible()
		}
	}
	return nil
}

// decodeStored decodes a record of the log, opening the sealed citizen ID
// of a resident.
func (s *server) decodeStored(body []byte) (healthedu.Record, error) {
	var head struct {
		Kind healthedu.Kind `json:"kind"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return nil, err
	}
	if head.Kind == grid.KindResident {
		var err error
		if body, err = s.sealer.openResident(body); err != nil {
			return nil, err
		}
	}
	dec := healthedu.NewDecoder(bytes.NewReader(body), healthedu.DecodeOptions{Kinds: decoderKinds})
	if !dec.Next() {
		return nil, fmt.Errorf("empty record: %v", dec.Err())
	}
	d := dec.Decoded()
	if d.Record == nil {
		var codes []string
		for _, is := range d.Issues {
			codes = append(codes, is.Code+" at "+is.Path)
		}
		return nil, fmt.Errorf("%s record %q no longer decodes: %v", d.Kind, healthedu.RedactCitizenIDs(d.ID), codes)
	}
	return d.Record, nil
}

// errStore marks an error of writing the log: the request was not applied.
var errStore = errors.New("the log could not be written")

// imported is what importRecords did with a request's records.
type imported struct {
	items     int
	results   []itemResult
	residents []residentRef
}

// The kinds each endpoint takes: the register's standing records, and the
// events (visits, the service loop, case reports).
var (
	registerKinds = []healthedu.Kind{grid.KindGrid, grid.KindBuilding, grid.KindHousehold, grid.KindResident, grid.KindGridTeam}
	eventKinds    = []healthedu.Kind{grid.KindHouseholdVisit, grid.KindCampaign, grid.KindLoopEvent, kindCaseReport}
)

// importRecords reads records from body (one JSON document, a JSON array
// or NDJSON), decodes and validates them with healthedu's Validator,
// logs those of kinds among kinds that were accepted, in one transaction,
// and then applies them in order. A record of another kind is rejected
// with "endpoint.kind", naming other, the endpoint that takes it; a record
// that holds a citizen ID number anywhere but in a resident's citizenId,
// such as an identifier, a door or a name, in whatever form it is written
// (holdsCitizenID), with "record.citizenIdInText": it would be stored and
// shown in clear. The error is one of reading body, or wraps errStore.
func (s *server) importRecords(body io.Reader, kinds []healthedu.Kind, other string) (imported, error) {
	type pending struct {
		result int
		rec    healthedu.Record
	}
	var (
		out     imported
		queue   []pending
		entries [][]byte
	)
	v := &healthedu.Validator{Now: s.now(), Earliest: engineFrom}
	sum, err := v.ValidateStream(body, healthedu.StreamOptions{Decode: healthedu.DecodeOptions{Kinds: decoderKinds}}, func(res *healthedu.RecordResult) error {
		it := itemResult{index: res.Index, line: res.Line, kind: res.Kind, id: res.ID, issues: slices.Clone(res.Issues)}
		if res.Accepted && res.Record != nil {
			// Each of the server's own checks is reported, whatever the others found.
			add := func(is healthedu.Issue) {
				is.Line = res.Line
				it.issues = append(it.issues, is)
			}
			if !slices.Contains(kinds, res.Kind) {
				add(healthedu.NewIssue(codeEndpointKind, healthedu.Pointer("kind"),
					map[string]any{"value": string(res.Kind), "endpoint": other}))
			}
			stored, err := s.storedForm(res)
			if err != nil {
				return fmt.Errorf("%w: %w", errStore, err)
			}
			if holdsCitizenID(res.Raw, res.Kind) {
				add(healthedu.NewIssue(codeCitizenIDInText, "", nil))
			}
			if !it.rejected() {
				queue = append(queue, pending{result: len(out.results), rec: res.Record})
				entries = append(entries, stored)
			}
		}
		out.results = append(out.results, it)
		return nil
	})
	if err != nil {
		return out, err
	}
	out.items = sum.Records

	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.now()
	if len(entries) > 0 {
		if err := s.store.append(at, opRecord, entries...); err != nil {
			return out, fmt.Errorf("%w: %w", errStore, err)
		}
		s.logged += int64(len(entries))
	}
	s.at = at
	for _, p := range queue {
		it := &out.results[p.result]
		it.addIssues(s.applyRecord(p.rec))
		if r, ok := p.rec.(*grid.Resident); ok && !it.rejected() {
			out.residents = append(out.residents, residentRef{ID: healthedu.RedactCitizenIDs(r.ID), Pseudonym: s.reg.Pseudonym(r.CitizenID)})
		}
	}
	return out, nil
}

// holdsCitizenID reports whether the record raw, of kind, holds a citizen
// ID number anywhere but in a resident's citizenId: in a member name, a
// string or a number, however it is dressed (healthedu.RedactCitizenIDs:
// full-width, grouped, glued to other text). The strings are judged as
// JSON reads them, not as they are written, so that a number written
// with escapes (\u0033\u0037…), which the log would keep as written and
// every reader decode, is found too.
func holdsCitizenID(raw []byte, kind healthedu.Kind) bool {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return true // cannot happen for a record the decoder accepted; refuse rather than store unread
	}
	if m, ok := v.(map[string]any); ok && kind == grid.KindResident {
		delete(m, "citizenId") // sealed before it is stored
	}
	return holdsNumber(v)
}

// holdsNumber reports whether the decoded JSON value v holds a citizen ID
// number in a member name, a string or a number.
func holdsNumber(v any) bool {
	has := func(s string) bool { return healthedu.RedactCitizenIDs(s) != s }
	switch x := v.(type) {
	case string:
		return has(x)
	case json.Number:
		return has(string(x))
	case []any:
		return slices.ContainsFunc(x, holdsNumber)
	case map[string]any:
		for k, y := range x {
			if has(k) || holdsNumber(y) {
				return true
			}
		}
	}
	return false
}

// storedForm returns the form in which the log keeps an accepted record:
// its JSON, compacted, with a resident's citizen ID sealed.
func (s *server) storedForm(res *healthedu.RecordResult) ([]byte, error) {
	if res.Raw == nil {
		return nil, errors.New("the decoder kept no bytes of an accepted record")
	}
	var b bytes.Buffer
	if err := json.Compact(&b, res.Raw); err != nil {
		return nil, err
	}
	if res.Kind == grid.KindResident {
		return s.sealer.sealResident(b.Bytes())
	}
	return b.Bytes(), nil
}

// handleRegister serves POST /v1/register: grid, building, household,
// resident and gridTeam records.
func (s *server) handleRegister(w http.ResponseWriter, r *http.Request) {
	s.serveImport(w, r, registerKinds, "/v1/events")
}

// handleEvents serves POST /v1/events: householdVisit, campaign, loopEvent
// and caseReport records.
func (s *server) handleEvents(w http.ResponseWriter, r *http.Request) {
	s.serveImport(w, r, eventKinds, "/v1/register")
}

// serveImport answers a request of records with an import summary (see
// writeSummary).
func (s *server) serveImport(w http.ResponseWriter, r *http.Request, kinds []healthedu.Kind, other string) {
	lang := httpapi.Language(r)
	out, err := s.importRecords(http.MaxBytesReader(w, r.Body, s.maxBody), kinds, other)
	if err != nil {
		s.bodyProblem(w, r, err)
		return
	}
	writeSummary(w, r, lang, summarize(out.items, out.results, out.residents, lang))
}

// bodyProblem answers a request whose body could not be taken.
func (s *server) bodyProblem(w http.ResponseWriter, r *http.Request, err error) {
	var (
		tooLarge *http.MaxBytesError
		bodyErr  *bodyError
	)
	switch {
	case errors.As(err, &tooLarge):
		writeProblem(w, r, http.StatusRequestEntityTooLarge, codeBodyTooLarge, map[string]any{"limit": tooLarge.Limit})
	case errors.Is(err, errStore):
		s.log.Error("writing the log", "err", err)
		writeProblem(w, r, http.StatusServiceUnavailable, codeStoreUnavailable, nil)
	case errors.As(err, &bodyErr):
		writeProblem(w, r, http.StatusBadRequest, bodyErr.code, bodyErr.params)
	default:
		s.log.Warn("reading a request body", "err", err)
		writeProblem(w, r, http.StatusBadRequest, codeBodyRead, nil)
	}
}

// handleReadings serves POST /v1/readings: a JSON array of device readings.
func (s *server) handleReadings(w http.ResponseWriter, r *http.Request) {
	lang := httpapi.Language(r)
	items, err := decodeReadings(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		s.bodyProblem(w, r, err)
		return
	}
	results := make([]itemResult, len(items))
	var (
		good []grid.Reading
		idx  []int
	)
	for i, it := range items {
		results[i] = itemResult{index: i, issues: it.issues}
		if len(it.issues) == 0 {
			good = append(good, it.reading)
			idx = append(idx, i)
		}
	}
	body, err := json.Marshal(good)
	if err != nil {
		s.log.Error("encoding readings", "err", err)
		writeProblem(w, r, http.StatusInternalServerError, codeInternal, nil)
		return
	}
	s.mu.Lock()
	at := s.now()
	if len(good) > 0 {
		if err := s.store.append(at, opReadings, body); err != nil {
			s.mu.Unlock()
			s.bodyProblem(w, r, fmt.Errorf("%w: %w", errStore, err))
			return
		}
		s.logged++
	}
	s.at = at
	for j, rd := range good {
		if err := s.engine.Observe(rd); err != nil {
			if !errors.Is(err, grid.ErrUnknownResident) {
				s.log.Warn("the engine refused a reading", "index", idx[j], "err", err)
			}
			results[idx[j]].issues = append(results[idx[j]].issues, observeIssue(err))
		}
	}
	s.mu.Unlock()
	writeSummary(w, r, lang, summarize(len(items), results, nil, lang))
}

// handleAlerts serves GET /v1/alerts?status=open|closed|all: the alerts
// the caller was notified of (open, the default, includes acknowledged
// ones), each with its status and the last notification the caller
// received about it; the alerts about residents whose data authorisation
// no longer covers the caller are left out.
func (s *server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r)
	status := cmp.Or(r.URL.Query().Get("status"), "open")
	if !slices.Contains([]string{"open", "closed", "all"}, status) {
		writeProblem(w, r, http.StatusBadRequest, codeQuery, map[string]any{"name": "status", "allowed": []string{"open", "closed", "all"}})
		return
	}
	evs := s.hub.deliveredAll(p.ID)
	out := make([]alertJSON, 0, len(evs))
	s.mu.Lock()
	now := s.now()
	for _, ev := range evs {
		a, ok := s.engine.Alert(ev.alert)
		if !ok || !s.allowedNow(ev, now) || status == "open" && !a.IsOpen() || status == "closed" && a.IsOpen() {
			continue
		}
		out = append(out, newAlertJSON(&a, ev.data))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, httpapi.Language(r), struct {
		Alerts []alertJSON `json:"alerts"`
	}{out})
}

// handleAlertAction serves POST /v1/alerts/{id}/ack and /close: the
// caller acknowledges or closes an alert it was notified of, in its own
// name (its recipient ID) and role. The answer is the alert as GET
// /v1/alerts lists it. An alert the caller may no longer see, because the
// resident's data authorisation no longer covers it, is refused as one it
// was never told of (alert.unknown), before anything is logged or
// changed. Each recipient acknowledges once (alert.acknowledged the
// second time), whoever else has; only a role responsible for the alert
// may close it (alert.closeForbidden): see grid.Rule.Responsible.
func (s *server) handleAlertAction(op string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := principalOf(r)
		n, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
		id := grid.AlertID(n)
		s.mu.Lock()
		defer s.mu.Unlock()
		ev, visible := s.visible(p.ID, id, s.now())
		if err != nil || !visible {
			writeProblem(w, r, http.StatusNotFound, codeAlertUnknown, map[string]any{"alert": r.PathValue("id")})
			return
		}
		a, _ := s.engine.Alert(id)
		switch {
		case !a.IsOpen():
			writeProblem(w, r, http.StatusConflict, codeAlertClosed, map[string]any{"alert": id.String()})
			return
		case op == opAck && slices.ContainsFunc(a.Acknowledgements, func(k grid.Acknowledgement) bool { return k.By == p.ID }):
			writeProblem(w, r, http.StatusConflict, codeAlertAcked, map[string]any{"alert": id.String()})
			return
		case op == opClose && !slices.Contains(s.responsible(&a), p.recipient()):
			var roles []string
			for _, rc := range s.responsible(&a) {
				roles = append(roles, string(rc))
			}
			writeProblem(w, r, http.StatusForbidden, codeAlertNotYours, map[string]any{"alert": id.String(), "roles": roles})
			return
		}
		act := alertAction{Alert: id, By: p.ID, As: p.recipient()}
		body, _ := json.Marshal(act)
		at := s.now()
		if err := s.store.append(at, op, body); err != nil {
			s.bodyProblem(w, r, fmt.Errorf("%w: %w", errStore, err))
			return
		}
		s.logged++
		s.at = at
		if err := s.applyAction(op, act); err != nil {
			s.log.Error("alert action", "op", op, "alert", id, "err", err)
			writeProblem(w, r, http.StatusInternalServerError, codeInternal, nil)
			return
		}
		a, _ = s.engine.Alert(id)
		if latest, ok := s.visible(p.ID, id, at); ok {
			ev = latest // an escalation may have just told the caller again
		}
		writeJSON(w, http.StatusOK, httpapi.Language(r), newAlertJSON(&a, ev.data))
	}
}

// handleHealth serves GET /healthz, to anyone, for liveness checks: 200
// {"status":"ok"} when the database answers, and nothing else — not the
// size of the log nor the number of events, which would tell a stranger
// how busy the community's alerts are.
func (s *server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.ping(ctx); err != nil {
		s.log.Error("the database does not answer", "err", err)
		writeProblem(w, r, http.StatusServiceUnavailable, codeStoreDown, nil)
		return
	}
	writeJSON(w, http.StatusOK, httpapi.Language(r), map[string]any{"status": "ok"})
}
