package main

import (
	"slices"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// The engine addresses a notification to a role (grid.Recipient) about an
// alert in a grid; the server hands it to the recipients of the tokens
// file that hold the role and serve the grid:
//
//   - a family doctor or a grid leader: the grids whose team record lists
//     the recipient's ID as a member in that role;
//   - the family: the household whose record ID is the recipient's ID;
//   - a grid worker: the grids the tokens file binds it to;
//   - the community health service centre, the emergency contact team and
//     a target-group channel: the grids the tokens file binds them to, or
//     every grid of the server if it binds them to none.
//
// An incidence alert is about a division rather than a grid: it reaches a
// recipient bound to grids if one of them lies in the division.
//
// What a notification holds is the engine's decision, consent included:
// the server passes it on field for field and adds nothing from the alert.

// deliver is the engine's notifier: it numbers n and publishes it to the
// streams of the recipients it reaches. The engine calls it with s.mu
// held, during a request or the replay of the log.
func (s *server) deliver(n grid.Notification) {
	s.seq++
	ev := sseEvent{id: s.seq, alert: n.Alert, resident: n.Resident, class: n.Recipient.Class(), data: newNotificationJSON(n)}
	for _, p := range s.tokens.recipientList() {
		if s.reaches(n, p) {
			s.hub.publish(p.ID, ev)
		}
	}
}

// reaches reports whether notification n is for recipient p.
func (s *server) reaches(n grid.Notification, p principal) bool {
	if p.recipient() != n.Recipient {
		return false
	}
	switch n.Recipient {
	case grid.RecipientFamilyDoctor, grid.RecipientGridLeader:
		team, ok := s.reg.Team(n.Grid)
		if !ok {
			return false
		}
		for _, m := range team.Members {
			if m.ID == p.ID && string(m.Role) == string(n.Recipient) {
				return true
			}
		}
		return false
	case grid.RecipientFamily:
		return n.Household != "" && n.Household == p.ID
	}
	return s.serves(p, n)
}

// serves reports whether p, bound to the grids of the tokens file (or to
// every grid when to none), serves the grid of n, or for an incidence
// alert a grid inside its division.
func (s *server) serves(p principal, n grid.Notification) bool {
	switch {
	case len(p.Grids) == 0:
		return true
	case n.Grid != "":
		return slices.Contains(p.Grids, n.Grid)
	case n.Division.IsValid():
		for _, id := range p.Grids {
			if g, ok := s.reg.Grid(id); ok && n.Division.Contains(g.Division) {
				return true
			}
		}
	}
	return false
}

// allowedNow reports whether an event delivered earlier may be shown
// again at now: whether the data authorisation of its resident in force
// now still covers the recipient's class (grid.Authorisation.Allows). A
// withdrawal stops delivery from its instant on, for events sent before
// it too. Every path that shows a recipient an alert's content — the
// listing, a stream's replay and its live events, the answers to an
// acknowledgement and a closing — passes the event through it. The
// caller holds s.mu.
func (s *server) allowedNow(ev sseEvent, now time.Time) bool {
	if ev.resident == (healthedu.Pseudonym{}) {
		return true // an incidence alert, about no resident
	}
	return s.reg.Authorisation(ev.resident, now).Allows(ev.class)
}

// visible returns the last event about alert id that recipient id
// received, if it may be shown now (allowedNow): what the recipient may
// know of the alert. The caller holds s.mu.
func (s *server) visible(id string, alert grid.AlertID, now time.Time) (sseEvent, bool) {
	ev, ok := s.hub.delivered(id, alert)
	if !ok || !s.allowedNow(ev, now) {
		return sseEvent{}, false
	}
	return ev, true
}
