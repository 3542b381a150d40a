package wire

import (
	"time"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// Weekly is the answer of GET /v1/reports/weekly, the weekly dispatch
// (周调度) of a division for an ISO week, as a reader decodes it: the
// intake writes a reports.Weekly, whose members are those of
// ledger.Dispatch followed by inProgress and names, and Weekly has the
// same members in types that decode — the progress rows as Result, the
// JSON of indicators.Result. A test of the intake decodes each answer
// into a Weekly and writes it again, to the same JSON.
type Weekly struct {
	Week           healthedu.Period       `json:"week"`
	Under          healthedu.DivisionCode `json:"under"`
	From           healthedu.Date         `json:"from"`
	To             healthedu.Date         `json:"to"`
	AsOf           time.Time              `json:"asOf"`
	Year           healthedu.Period       `json:"year"`
	Progress       []Result               `json:"progress"`
	OverdueReports []ledger.OverdueReport `json:"overdueReports"`
	NewItems       []ledger.ItemLine      `json:"newItems"`
	OverdueItems   []ledger.ItemLine      `json:"overdueItems"`
	ClosedItems    []ledger.ItemLine      `json:"closedItems"`
	Activities     ledger.ActivitySummary `json:"activities"`
	InProgress     bool                   `json:"inProgress"`
	Names          reports.WeeklyNames    `json:"names"`
}
