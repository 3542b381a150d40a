package wire

import (
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// Rectifications is the answer of GET /v1/rectifications (整改台账): the
// rectification items within a division that the filters select, newest
// first, and the counts of every item within it, whatever the filters.
type Rectifications struct {
	Under Division `json:"under"`
	// AsOf is the instant at which overdue is judged (统计时点): the
	// server's clock.
	AsOf time.Time `json:"asOf"`
	// Summary counts every item within Under, before the filters.
	Summary RectificationSummary `json:"summary"`
	// Items are the items the filters select, newest first (by the time
	// they were opened, then by id).
	Items []Rectification `json:"items"`
}

// RectificationSummary counts rectification items (整改事项统计): in all,
// those not yet verified (open in the wide sense, 未销号), those overdue
// (逾期), and by status.
type RectificationSummary struct {
	Total    int         `json:"total"`
	Open     int         `json:"open"`
	Overdue  int         `json:"overdue"`
	ByStatus StatusCount `json:"byStatus"`
}

// StatusCount counts rectification items by status (按状态统计).
type StatusCount struct {
	Open       int `json:"open"`
	Rectifying int `json:"rectifying"`
	Rectified  int `json:"rectified"`
	Verified   int `json:"verified"`
	Reopened   int `json:"reopened"`
}

// Add counts one item of status s.
func (c *StatusCount) Add(s ledger.Status) {
	switch s {
	case ledger.StatusOpen:
		c.Open++
	case ledger.StatusRectifying:
		c.Rectifying++
	case ledger.StatusRectified:
		c.Rectified++
	case ledger.StatusVerified:
		c.Verified++
	case ledger.StatusReopened:
		c.Reopened++
	}
}

// Rectification is a rectification item as the API lists it (整改事项):
// the stored item, with its problem rendered in the reader's language,
// the names of its division, source, indicator and status, and whether it
// is overdue at the answer's instant, which is never stored.
type Rectification struct {
	ID            string                 `json:"id"`
	Division      healthedu.DivisionCode `json:"division"`
	DivisionName  string                 `json:"divisionName"`
	Source        ledger.Source          `json:"source"`
	SourceName    string                 `json:"sourceName"`
	Problem       string                 `json:"problem"`
	Finding       *ledger.Finding        `json:"finding,omitempty"`
	Indicator     string                 `json:"indicator,omitempty"`
	IndicatorName string                 `json:"indicatorName,omitempty"`
	Target        *healthedu.Decimal     `json:"target,omitempty"`
	Owner         ledger.Owner           `json:"owner"`
	Deadline      healthedu.Date         `json:"deadline"`
	Status        ledger.Status          `json:"status"`
	StatusName    string                 `json:"statusName"`
	// Overdue reports whether the item is overdue at the answer's instant
	// (逾期); DaysOverdue is then the days from the deadline day to that
	// instant's day, in China Standard Time.
	Overdue     bool      `json:"overdue"`
	DaysOverdue int       `json:"daysOverdue,omitempty"`
	Opened      time.Time `json:"opened"`
	// Updated is the time of the item's last change of status.
	Updated  time.Time      `json:"updated"`
	History  []ledger.Event `json:"history"`
	Evidence []string       `json:"evidence"`
}

// ProposedRectification is an item that the monthly notification proposes
// (建议立项): the proposal as the API lists an item, whether an item of its
// id is on the ledger already and, if so, its status and whether it is
// overdue, and the record to submit to POST /v1/submissions to accept it.
type ProposedRectification struct {
	Rectification
	Stored        bool                  `json:"stored"`
	StoredStatus  ledger.Status         `json:"storedStatus,omitempty"`
	StoredOverdue bool                  `json:"storedOverdue,omitempty"`
	Record        *ledger.Rectification `json:"record"`
}
