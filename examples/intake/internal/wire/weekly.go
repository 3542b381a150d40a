package wire

import (
	"time"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
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

// Result is an indicator result as indicators.Result.MarshalJSON writes
// it (指标结果), without contributions: the members of an IndicatorRow up
// to gap.
type Result struct {
	Indicator      string                 `json:"indicator"`
	Division       healthedu.DivisionCode `json:"division"`
	Period         healthedu.Period       `json:"period"`
	Numerator      *int64                 `json:"numerator"`   // null without data
	Denominator    *int64                 `json:"denominator"` // null without data
	Value          *string                `json:"value"`       // null without a value
	Reason         string                 `json:"reason,omitempty"`
	Coverage       indicators.Coverage    `json:"coverage"`
	Flags          []string               `json:"flags"`
	Target         *string                `json:"target"` // null when no target applies
	TargetProrated bool                   `json:"targetProrated"`
	Direction      string                 `json:"direction,omitempty"`
	Met            *bool                  `json:"met"` // null without a target or a value
	Gap            string                 `json:"gap,omitempty"`
}
