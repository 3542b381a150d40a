package main

import (
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// notificationJSON is the wire form of a grid.Notification (预警通知), the
// data of an SSE event and the "notification" of an alert in a listing. It
// carries exactly the fields of the notification the engine sent, and so
// exactly what the engine let the recipient see: bloodPressure is present
// only for a medical recipient, and a notification about a resident exists
// only while the resident's data authorisation covers the recipient's class.
// Identifiers chosen by submitters (household, grid) pass through
// healthedu.RedactCitizenIDs, in case one was a citizen ID number.
type notificationJSON struct {
	Alert     grid.AlertID       `json:"alert"`
	Rule      string             `json:"rule"`
	Kind      grid.RuleKind      `json:"kind"`
	Reason    grid.NotifyReason  `json:"reason"`
	Recipient grid.Recipient     `json:"recipient"`
	Severity  grid.AlertSeverity `json:"severity"`
	At        time.Time          `json:"at"`       // when it was sent
	Occurred  time.Time          `json:"occurred"` // when the condition arose

	Resident      healthedu.Pseudonym `json:"resident,omitzero"`
	Household     string              `json:"household,omitempty"`
	Grid          string              `json:"grid,omitempty"`
	BloodPressure grid.BloodPressure  `json:"bloodPressure,omitzero"` // medical recipients only
	QuietSince    time.Time           `json:"quietSince,omitzero"`

	Division      healthedu.DivisionCode `json:"division,omitzero"`
	Disease       grid.Disease           `json:"disease,omitempty"`
	Week          healthedu.Period       `json:"week,omitzero"`
	Cases         int64                  `json:"cases,omitempty"`
	PreviousCases int64                  `json:"previousCases,omitempty"`
	Group         healthedu.TargetGroup  `json:"group,omitempty"`
	Action        grid.Action            `json:"action,omitempty"`
}

// newNotificationJSON returns the wire form of n, field for field.
func newNotificationJSON(n grid.Notification) notificationJSON {
	return notificationJSON{
		Alert: n.Alert, Rule: n.Rule, Kind: n.Kind, Reason: n.Reason, Recipient: n.Recipient,
		Severity: n.Severity, At: n.At, Occurred: n.Occurred,
		Resident:  n.Resident,
		Household: healthedu.RedactCitizenIDs(n.Household), Grid: healthedu.RedactCitizenIDs(n.Grid),
		BloodPressure: n.BloodPressure, QuietSince: n.QuietSince,
		Division: n.Division, Disease: n.Disease, Week: n.Week, Cases: n.Cases, PreviousCases: n.PreviousCases,
		Group: n.Group, Action: n.Action,
	}
}

// alertJSON is an alert as GET /v1/alerts lists it to one recipient: what
// became of the alert (its status, by whom and when), and the last
// notification the recipient received about it, which is all it may know
// of the alert's content. Status is "acknowledged" once a role responsible
// for the alert has acknowledged it (which stops its escalation);
// acknowledgements lists every recipient's own, the family's too.
type alertJSON struct {
	ID               grid.AlertID          `json:"id"`
	Status           string                `json:"status"` // open, acknowledged or closed
	Raised           time.Time             `json:"raised"`
	Acknowledged     time.Time             `json:"acknowledged,omitzero"`
	AcknowledgedBy   string                `json:"acknowledgedBy,omitempty"`
	Acknowledgements []acknowledgementJSON `json:"acknowledgements,omitempty"`
	Escalated        time.Time             `json:"escalated,omitzero"`
	Closed           time.Time             `json:"closed,omitzero"`
	ClosedBy         string                `json:"closedBy,omitempty"`
	Notification     notificationJSON      `json:"notification"`
}

// acknowledgementJSON is one recipient's acknowledgement of an alert.
type acknowledgementJSON struct {
	By        string         `json:"by"`
	Recipient grid.Recipient `json:"recipient,omitempty"`
	At        time.Time      `json:"at"`
}

// alertStatus returns "closed", "acknowledged" or "open".
func alertStatus(a *grid.Alert) string {
	switch {
	case !a.IsOpen():
		return "closed"
	case !a.Acknowledged.IsZero():
		return "acknowledged"
	}
	return "open"
}

// newAlertJSON returns the listing entry of alert a for a recipient whose
// last notification about it was n.
func newAlertJSON(a *grid.Alert, n notificationJSON) alertJSON {
	var acks []acknowledgementJSON
	for _, k := range a.Acknowledgements {
		acks = append(acks, acknowledgementJSON{By: healthedu.RedactCitizenIDs(k.By), Recipient: k.Recipient, At: k.At})
	}
	return alertJSON{
		ID: a.ID, Status: alertStatus(a), Raised: a.Raised,
		Acknowledged: a.Acknowledged, AcknowledgedBy: healthedu.RedactCitizenIDs(a.AcknowledgedBy),
		Acknowledgements: acks,
		Escalated:        a.Escalated,
		Closed:           a.Closed, ClosedBy: healthedu.RedactCitizenIDs(a.ClosedBy),
		Notification: n,
	}
}

// importSummary answers POST /v1/register, /v1/events and /v1/readings
// (导入结果): how many items the request held and how many were accepted,
// the issues with their messages in the language of Accept-Language, and
// the indexes of the rejected items. Status is "error" when an item was
// rejected, "warning" when none was but there are warnings, "success"
// otherwise. An item is a record for the first two endpoints and a reading
// for the third.
type importSummary struct {
	Status          string         `json:"status"`
	Items           int            `json:"items"`
	Accepted        int            `json:"accepted"`
	Rejected        int            `json:"rejected"`
	Errors          int            `json:"errors"`
	Warnings        int            `json:"warnings"`
	Issues          []summaryIssue `json:"issues"`
	RejectedIndexes []int          `json:"rejectedIndexes"`
	// Residents are the pseudonyms (假名) of the residents accepted, by
	// record ID: what a device gateway addresses readings with.
	Residents []residentRef `json:"residents,omitempty"`
}

// summaryIssue is one issue of an import summary, located by the item's
// index in the request (from 0) and, for records, the line it starts on
// and its ID; Path is a JSON Pointer into the item.
type summaryIssue struct {
	Index    int                `json:"index"`
	Line     int                `json:"line,omitempty"`
	Kind     healthedu.Kind     `json:"kind,omitempty"`
	RecordID string             `json:"recordId,omitempty"`
	Severity healthedu.Severity `json:"severity"`
	Code     string             `json:"code"`
	Path     string             `json:"path"`
	Params   map[string]any     `json:"params,omitempty"`
	Message  string             `json:"message"`
}

// residentRef names an accepted resident record and its pseudonym.
type residentRef struct {
	ID        string              `json:"id"`
	Pseudonym healthedu.Pseudonym `json:"pseudonym"`
}

// itemResult is the verdict on one item of a request, before it is
// rendered into an importSummary.
type itemResult struct {
	index  int
	line   int
	kind   healthedu.Kind
	id     string
	issues []healthedu.Issue
}

// rejected reports whether an issue of the item is an error.
func (it *itemResult) rejected() bool {
	for _, is := range it.issues {
		if is.Severity == healthedu.SeverityError {
			return true
		}
	}
	return false
}

// addIssues appends to it.issues those of more that it does not already
// hold (the same code, path and severity): the register repeats the checks
// healthedu's Validator made of a grid record.
func (it *itemResult) addIssues(more []healthedu.Issue) {
	for _, is := range more {
		dup := false
		for _, have := range it.issues {
			if have.Code == is.Code && have.Path == is.Path && have.Severity == is.Severity {
				dup = true
				break
			}
		}
		if !dup {
			if is.Line == 0 {
				is.Line = it.line
			}
			it.issues = append(it.issues, is)
		}
	}
}

// summarize renders the results of n items, in lang.
func summarize(n int, results []itemResult, residents []residentRef, lang language.Tag) importSummary {
	s := importSummary{Items: n, Issues: []summaryIssue{}, RejectedIndexes: []int{}, Residents: residents}
	for i := range results {
		it := &results[i]
		if it.rejected() {
			s.RejectedIndexes = append(s.RejectedIndexes, it.index)
		}
		for _, is := range it.issues {
			switch is.Severity {
			case healthedu.SeverityError:
				s.Errors++
			case healthedu.SeverityWarning:
				s.Warnings++
			}
			s.Issues = append(s.Issues, summaryIssue{
				Index: it.index, Line: is.Line, Kind: it.kind, RecordID: healthedu.RedactCitizenIDs(it.id),
				Severity: is.Severity, Code: is.Code, Path: is.Path, Params: redactParams(is.Params),
				Message: healthedu.RedactCitizenIDs(localMessage(is, lang)),
			})
		}
	}
	s.Rejected = len(s.RejectedIndexes)
	s.Accepted = n - s.Rejected
	switch {
	case s.Rejected > 0:
		s.Status = "error"
	case s.Warnings > 0:
		s.Status = "warning"
	default:
		s.Status = "success"
	}
	return s
}
