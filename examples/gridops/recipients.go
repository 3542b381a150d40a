package main

import (
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
//   - the community health service centre, the grid workers, the
//     emergency contact team and target-group pushes: every grid of the
//     server, which serves one community.
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
	return true
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
