package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// Every notification the engine sends gets the next number of one
// sequence, from 1: the ID of its SSE event (id: line). The log makes the
// sequence the same after a restart, so a client that reconnects with
// Last-Event-ID resumes where it stopped, without duplicates, as long as
// the events it missed are still among the last streamKeep of its stream.
// Each recipient's stream holds only its own events, so its IDs increase
// but skip the numbers of other recipients' events.

// streamKeep is how many events each recipient's stream keeps for
// clients that reconnect.
const streamKeep = 1024

// subscriberBuffer is how many events may wait for a slow client before
// the server drops it; it reconnects with Last-Event-ID and resumes.
const subscriberBuffer = 256

// defaultMaxStreams is how many event streams one token may hold open at
// once unless -max-streams says otherwise: a recipient's phone, desktop
// and tablet, and one more while a client reconnects before the server
// has noticed that its old connection died.
const defaultMaxStreams = 4

// streamSlots counts the event streams open with each token, by the
// token's SHA-256 hash, so that one token cannot hold the server's
// connections and goroutines without bound.
type streamSlots struct {
	mu   sync.Mutex
	max  int
	open map[tokens.Hash]int
}

func newStreamSlots(max int) *streamSlots {
	return &streamSlots{max: max, open: make(map[tokens.Hash]int)}
}

// acquire takes a place for a stream of token tok, unless it holds max.
func (s *streamSlots) acquire(tok tokens.Hash) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[tok] >= s.max {
		return false
	}
	s.open[tok]++
	return true
}

// release gives back a place acquire took.
func (s *streamSlots) release(tok tokens.Hash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[tok] <= 1 {
		delete(s.open, tok)
		return
	}
	s.open[tok]--
}

// sseEvent is one event of a recipient's stream.
type sseEvent struct {
	id       uint64
	alert    grid.AlertID
	resident healthedu.Pseudonym // zero for an incidence alert
	class    grid.RecipientClass
	data     notificationJSON
}

// hub holds the recipients' streams: the recent events of each, the last
// event about each alert, and the clients listening.
type hub struct {
	mu      sync.Mutex
	streams map[string]*recipientStream // by recipient ID
	closed  bool
}

// recipientStream is the stream of one recipient.
type recipientStream struct {
	ring    [streamKeep]sseEvent
	head, n int    // the oldest event is ring[head]; n events are kept
	evicted uint64 // the ID of the latest event no longer kept, 0 for none
	alerts  map[grid.AlertID]sseEvent
	subs    map[*subscriber]struct{}
}

// subscriber is one client listening to a stream.
type subscriber struct {
	ch chan sseEvent // closed when the client is dropped or the hub closes
}

func newHub() *hub { return &hub{streams: make(map[string]*recipientStream)} }

// stream returns the stream of recipient id, creating it.
func (h *hub) stream(id string) *recipientStream {
	st := h.streams[id]
	if st == nil {
		st = &recipientStream{alerts: make(map[grid.AlertID]sseEvent), subs: make(map[*subscriber]struct{})}
		h.streams[id] = st
	}
	return st
}

// publish appends ev to the stream of recipient id and hands it to the
// stream's clients; a client whose buffer is full is dropped.
func (h *hub) publish(id string, ev sseEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.stream(id)
	if st.n == streamKeep {
		st.evicted = st.ring[st.head].id
		st.head = (st.head + 1) % streamKeep
		st.n--
	}
	st.ring[(st.head+st.n)%streamKeep] = ev
	st.n++
	st.alerts[ev.alert] = ev
	for sub := range st.subs {
		select {
		case sub.ch <- ev:
		default:
			close(sub.ch)
			delete(st.subs, sub)
		}
	}
}

// subscribe adds a client to the stream of recipient id and returns the
// events it missed after event after (none when after is 0), and whether
// some of those are no longer kept. It fails once the hub is closed.
func (h *hub) subscribe(id string, after uint64) (backlog []sseEvent, gap bool, sub *subscriber, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false, nil, false
	}
	st := h.stream(id)
	if after > 0 {
		for i := range st.n {
			if ev := st.ring[(st.head+i)%streamKeep]; ev.id > after {
				backlog = append(backlog, ev)
			}
		}
		gap = after < st.evicted
	}
	sub = &subscriber{ch: make(chan sseEvent, subscriberBuffer)}
	st.subs[sub] = struct{}{}
	return backlog, gap, sub, true
}

// unsubscribe removes a client, unless it was dropped already.
func (h *hub) unsubscribe(id string, sub *subscriber) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if st := h.streams[id]; st != nil {
		if _, ok := st.subs[sub]; ok {
			delete(st.subs, sub)
			close(sub.ch)
		}
	}
}

// close ends every client's stream and refuses new ones: for shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, st := range h.streams {
		for sub := range st.subs {
			close(sub.ch)
			delete(st.subs, sub)
		}
	}
}

// delivered returns the last event about alert a that recipient id
// received.
func (h *hub) delivered(id string, a grid.AlertID) (sseEvent, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.streams[id]
	if st == nil {
		return sseEvent{}, false
	}
	ev, ok := st.alerts[a]
	return ev, ok
}

// deliveredAll returns the last event about each alert recipient id
// received, by alert ID.
func (h *hub) deliveredAll(id string) []sseEvent {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.streams[id]
	if st == nil {
		return nil
	}
	out := make([]sseEvent, 0, len(st.alerts))
	for _, ev := range st.alerts {
		out = append(out, ev)
	}
	slices.SortFunc(out, func(a, b sseEvent) int { return cmp.Compare(a.alert, b.alert) })
	return out
}

// handleStream serves GET /v1/alerts/stream?recipient=ID-or-ROLE: the
// caller's alerts as Server-Sent Events (text/event-stream). Each event is
//
//	id: 17
//	event: alert
//	data: {"alert":3,"rule":"blood-pressure",…}
//
// with the notification as notificationJSON. A client that reconnects
// with the header Last-Event-ID (or ?lastEventId=) first receives the
// events it missed, minus those about residents whose data authorisation
// no longer covers it (live events too are written only if it still
// does); if some are no longer kept, an event "gap" comes
// first, and the client should read GET /v1/alerts. A comment line keeps
// the connection alive every heartbeat.
//
// recipient may be left out; if given it must be the caller's own ID or
// role (403 otherwise): a recipient can listen only to its own stream. A
// token holds at most s.streams.max streams open at once; one more is
// 429 stream.tooMany, with Retry-After the heartbeat, by when the server
// has noticed a connection that died without closing.
func (s *server) handleStream(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r)
	if name := r.URL.Query().Get("recipient"); name != "" && name != p.ID && name != p.Role {
		writeProblem(w, r, http.StatusForbidden, codeStreamForbidden, nil)
		return
	}
	var after uint64
	if v := cmp.Or(r.Header.Get("Last-Event-ID"), r.URL.Query().Get("lastEventId")); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			writeProblem(w, r, http.StatusBadRequest, codeLastEventID, nil)
			return
		}
		after = n
	}

	tok := tokenHashOf(r)
	if !s.streams.acquire(tok) {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(s.heartbeat.Seconds()))))
		writeProblem(w, r, http.StatusTooManyRequests, codeStreamTooMany, map[string]any{"max": s.streams.max})
		return
	}
	defer s.streams.release(tok)

	s.mu.Lock()
	backlog, gap, sub, ok := s.hub.subscribe(p.ID, after)
	now := s.now()
	backlog = slices.DeleteFunc(backlog, func(ev sseEvent) bool { return !s.allowedNow(ev, now) })
	s.mu.Unlock()
	if !ok {
		writeProblem(w, r, http.StatusServiceUnavailable, codeShuttingDown, nil)
		return
	}
	defer s.hub.unsubscribe(p.ID, sub)

	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream has no end (net/http lifts the read deadline itself)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n\n")
	if gap {
		fmt.Fprintf(w, "event: gap\ndata: {\"after\":%d}\n\n", after)
	}
	for _, ev := range backlog {
		if writeEvent(w, ev) != nil {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	s.streamLive(w, r, rc, sub)
}

// streamLive writes the live events of sub to the stream w, those the
// recipient may still see, and a comment every heartbeat, until the
// client goes away, the hub drops it, or a write fails.
func (s *server) streamLive(w http.ResponseWriter, r *http.Request, rc *http.ResponseController, sub *subscriber) {
	beat := time.NewTicker(s.heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-sub.ch:
			if !ok {
				return // dropped as too slow, or shutting down
			}
			// The engine checked consent when it sent the event; an event
			// still on its way when the resident withdrew it is dropped.
			s.mu.Lock()
			allowed := s.allowedNow(ev, s.now())
			s.mu.Unlock()
			if !allowed {
				continue
			}
			if writeEvent(w, ev) != nil {
				return
			}
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes one event of a stream.
func writeEvent(w http.ResponseWriter, ev sseEvent) error {
	data, err := json.Marshal(ev.data)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "id: %d\nevent: alert\ndata: %s\n\n", ev.id, data)
	return err
}
