package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// lockedAt returns the instant at which period p locks (锁定): lockDays
// days after it ends, in China Standard Time; the zero time when periods
// never lock (lockDays 0), or not within the years jiceng can represent
// (the last days of 9999).
func lockedAt(p healthedu.Period, lockDays int) time.Time {
	if lockDays <= 0 || !p.IsValid() {
		return time.Time{}
	}
	at := p.End().AddDate(0, 0, lockDays)
	if !healthedu.Representable(at) {
		return time.Time{}
	}
	return at
}

// maxUnlockYears is how long an unlock may last at most: until the same
// instant a year later.
const maxUnlockYears = 1

// lockCheck says which records a submission may no longer store.
type lockCheck struct {
	now      time.Time
	lockDays int
	unlocks  []unlock
}

// locked reports whether a record of division d for period p is locked,
// and since when.
func (c *lockCheck) locked(d healthedu.DivisionCode, p healthedu.Period) (time.Time, bool) {
	at := lockedAt(p, c.lockDays)
	if at.IsZero() || c.now.Before(at) {
		return at, false
	}
	for _, u := range c.unlocks {
		if u.covers(d, p) {
			return at, false
		}
	}
	return at, true
}

// lockRequest is the body of POST /v1/locks/unlock and /v1/locks/relock.
type lockRequest struct {
	Division healthedu.DivisionCode `json:"division"`
	Period   healthedu.Period       `json:"period"`
	// Until is when the unlock ends; by default lock-days days after now,
	// a fresh period of grace.
	Until *time.Time `json:"until,omitempty"`
}

// lockBody reads the body of an unlock or a relock and checks it: a
// division within the administrator's and a period. Whatever is wrong
// with it is answered with a problem that names the member and what it
// should hold.
func (s *server) lockBody(w http.ResponseWriter, r *http.Request) (lockRequest, bool) {
	req, code, params := readLockRequest(w, r)
	if code != "" {
		status := http.StatusBadRequest
		if code == codeBodyTooLarge {
			status = http.StatusRequestEntityTooLarge
		}
		writeProblem(w, r, status, code, params)
		return req, false
	}
	p := principalOf(r.Context())
	if !within(scopeOf(p), req.Division) {
		writeProblem(w, r, http.StatusForbidden, codeForbidden, map[string]any{"division": req.Division.Short(), "scope": scopeOf(p).Short()})
		return req, false
	}
	return req, true
}

// lockBodyLimit is the largest body of an unlock or a relock.
const lockBodyLimit = 64 << 10

// readLockRequest reads the body of r, one JSON object with the string
// members division, period and optionally until. It returns the code and
// params of the problem when the body is not that, "" when it is.
func readLockRequest(w http.ResponseWriter, r *http.Request) (lockRequest, string, map[string]any) {
	var req lockRequest
	lang := httpapi.Language(r)
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, lockBodyLimit))
	var members map[string]json.RawMessage
	err := dec.Decode(&members)
	if err == nil {
		if _, err2 := dec.Token(); err2 != io.EOF {
			var tooLarge *http.MaxBytesError
			if errors.As(err2, &tooLarge) {
				return req, codeBodyTooLarge, map[string]any{"limit": tooLarge.Limit}
			}
			return req, codeBodyTrailing, nil
		}
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return req, codeBodyTooLarge, map[string]any{"limit": tooLarge.Limit}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return req, codeBodyUnexpectedEnd, nil
	case err != nil || members == nil: // not JSON, not an object, empty, or null
		return req, codeBodyJSON, nil
	}
	for _, name := range slices.Sorted(maps.Keys(members)) {
		if name != "division" && name != "period" && name != "until" {
			return req, codeBodyUnknownField, map[string]any{"field": name}
		}
	}
	text := make(map[string]string, len(members))
	for _, name := range []string{"division", "period", "until"} {
		raw, ok := members[name]
		if !ok || string(raw) == "null" {
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return req, codeBodyFieldType, map[string]any{"field": name}
		}
		text[name] = v
	}
	fieldErr := func(name string, err error) (lockRequest, string, map[string]any) {
		return req, codeBodyField, map[string]any{"field": name, "reason": healthedu.IssueFromError(err, "").Message(lang)}
	}
	if text["division"] == "" {
		return req, codeLockDivision, nil
	}
	if req.Division, err = healthedu.ParseDivisionCode(text["division"]); err != nil {
		return fieldErr("division", err)
	}
	if text["period"] == "" {
		return req, codeLockPeriod, nil
	}
	if req.Period, err = healthedu.ParsePeriod(text["period"]); err != nil {
		return fieldErr("period", err)
	}
	if v, ok := text["until"]; ok {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return req, codeUntilFormat, map[string]any{"value": v}
		}
		req.Until = &t
	}
	return req, "", nil
}

// unlock opens a period for a division until a given instant (解锁).
func (s *server) unlock(w http.ResponseWriter, r *http.Request) {
	req, ok := s.lockBody(w, r)
	if !ok {
		return
	}
	now := s.cfg.Now()
	until := now.AddDate(0, 0, max(s.cfg.LockDays, 1))
	if req.Until != nil {
		until = *req.Until
	}
	if !until.After(now) {
		badRequest(w, r, codeUntilPast, map[string]any{"until": until.Format(time.RFC3339)})
		return
	}
	if latest := now.AddDate(maxUnlockYears, 0, 0); until.After(latest) || !healthedu.Representable(until) {
		badRequest(w, r, codeUntilRange, map[string]any{
			"until": until.Format(time.RFC3339), "latest": latest.In(healthedu.ChinaStandardTime).Format(time.RFC3339)})
		return
	}
	p := principalOf(r.Context())
	u := unlock{Division: req.Division, Period: req.Period, Until: until, By: p.ID, Created: now}
	if err := s.store.SetUnlock(r.Context(), u); err != nil {
		s.internalError(w, r, "unlocking", err)
		return
	}
	s.log.Info("unlocked", "division", u.Division.String(), "period", u.Period.String(), "until", until.Format(time.RFC3339), "token", p.ID)
	writeJSON(w, r, http.StatusOK, s.lockState(req.Division, req.Period, now, &u))
}

// relock ends an unlock before its time.
func (s *server) relock(w http.ResponseWriter, r *http.Request) {
	req, ok := s.lockBody(w, r)
	if !ok {
		return
	}
	if _, err := s.store.DeleteUnlock(r.Context(), req.Division, req.Period); err != nil {
		s.internalError(w, r, "relocking", err)
		return
	}
	p := principalOf(r.Context())
	s.log.Info("relocked", "division", req.Division.String(), "period", req.Period.String(), "token", p.ID)
	writeJSON(w, r, http.StatusOK, s.lockState(req.Division, req.Period, s.cfg.Now(), nil))
}

// lockState describes the lock of division d and period p at now, with
// the unlock u in force, if any.
func (s *server) lockState(d healthedu.DivisionCode, p healthedu.Period, now time.Time, u *unlock) wire.LockState {
	a := wire.LockState{Division: d, Period: p}
	if at := lockedAt(p, s.cfg.LockDays); !at.IsZero() {
		at = at.In(healthedu.ChinaStandardTime)
		a.LockedAt = &at
		a.Locked = !now.Before(at) && u == nil
	}
	if u != nil {
		until := u.Until.In(healthedu.ChinaStandardTime)
		a.Until = &until
	}
	return a
}

// locks lists the unlocks in force within the division "under" and, given
// a period, says whether it is locked there.
func (s *server) locks(w http.ResponseWriter, r *http.Request) {
	under, ok := s.under(w, r)
	if !ok {
		return
	}
	now := s.cfg.Now()
	us, err := s.unlocks(r.Context(), now)
	if err != nil {
		s.internalError(w, r, "listing unlocks", err)
		return
	}
	a := wire.Locks{LockDays: s.cfg.LockDays, Unlocks: []wire.Unlock{}}
	for _, u := range us {
		if under.Contains(u.Division) || u.Division.Contains(under) {
			a.Unlocks = append(a.Unlocks, wire.Unlock{Division: u.Division, Period: u.Period, Until: u.Until, By: u.By, Created: u.Created})
		}
	}
	if r.URL.Query().Get("period") != "" {
		p, ok := periodParam(w, r)
		if !ok {
			return
		}
		var in *unlock
		for i := range us {
			if us[i].covers(under, p) {
				in = &us[i]
				break
			}
		}
		st := s.lockState(under, p, now, in)
		a.Lock = &st
	}
	writeJSON(w, r, http.StatusOK, a)
}

// unlocks returns the unlocks in force at now that the platform can use:
// a row of the table whose columns cannot be read, or whose until or
// creation lies beyond what jiceng can represent (as an earlier version
// stored an unlock until 9999-12-31T23:59:59Z), is left out, logged and
// counted, so that it cannot break GET /v1/locks or the submissions.
func (s *server) unlocks(ctx context.Context, now time.Time) ([]unlock, error) {
	us, err := s.store.Unlocks(ctx, now)
	if err != nil {
		return nil, err
	}
	out := us[:0]
	for _, u := range us {
		row := []any{"division", u.Division.String(), "period", u.Period.String(), "token", u.By}
		switch {
		case u.Err != nil:
			s.figures.skip("unlocks", skipColumns, append(row, "err", u.Err)...)
		case !healthedu.Representable(u.Until) || !healthedu.Representable(u.Created):
			s.figures.skip("unlocks", skipUntil, append(row, "until", u.Until.UnixMilli())...)
		default:
			out = append(out, u)
		}
	}
	return out, nil
}
