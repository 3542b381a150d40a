// Package wire declares the JSON documents the intake platform's HTTP API
// answers with (接口报文): the types the intake's handlers fill in and
// encode, and that the dashboard, which calls the API in process, and the
// tests decode. openapi.json describes the same documents, and the
// intake's tests check every answer against it. The answer of
// GET /v1/compliance is not declared here: it is reports.Compliance
// (examples/internal/reports), the document "jiceng compliance -format
// json" writes too.
//
// The types are plain data: they say what the members are, and how
// encoding/json writes and reads them; what goes into them is the
// intake's.
package wire

import (
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// Division is a division as the API writes it (区划): its code, its name
// in the registry and its level.
type Division struct {
	Code  healthedu.DivisionCode  `json:"code"`
	Name  string                  `json:"name"`
	Level healthedu.DivisionLevel `json:"level"`
}

// Divisions is the answer of GET /v1/divisions (区划及其上下级): a
// division, its ancestors, province first, and its children.
type Divisions struct {
	Division  Division   `json:"division"`
	Ancestors []Division `json:"ancestors"`
	Children  []Division `json:"children"`
}

// Indicators is the answer of GET /v1/indicators (指标表): a row for each
// division and indicator asked for.
type Indicators struct {
	Period healthedu.Period `json:"period"`
	Rows   []IndicatorRow   `json:"rows"`
}

// Result is an indicator result as indicators.Result.MarshalJSON writes
// it (指标结果), without contributions: the first members of an
// IndicatorRow, and a progress row of Weekly. indicators.Result itself
// does not decode: it holds the indicator's definition and exact values,
// which its JSON does not carry.
type Result struct {
	Indicator   string                 `json:"indicator"`
	Division    healthedu.DivisionCode `json:"division"`
	Period      healthedu.Period       `json:"period"`
	Numerator   *int64                 `json:"numerator"`   // null without data
	Denominator *int64                 `json:"denominator"` // null without data
	Value       *string                `json:"value"`       // null without a value
	// Reason says why there is no value: no-data, zero-denominator,
	// negative-denominator or overflow.
	Reason         string              `json:"reason,omitempty"`
	Coverage       indicators.Coverage `json:"coverage"`
	Flags          []string            `json:"flags"`
	Target         *string             `json:"target"` // null when no target applies
	TargetProrated bool                `json:"targetProrated"`
	Direction      string              `json:"direction,omitempty"`
	Met            *bool               `json:"met"` // null without a target or a value
	Gap            string              `json:"gap,omitempty"`
}

// IndicatorRow is a row of GET /v1/indicators (指标行): an
// indicators.Result in the JSON form indicators.Result.MarshalJSON writes
// (see NewIndicatorRow), followed by the names of its division and
// indicator and its flags as issues with their messages, in the language
// of the request.
type IndicatorRow struct {
	Result

	DivisionName  string                     `json:"divisionName"`
	IndicatorName string                     `json:"indicatorName"`
	FlagIssues    []healthedu.LocalizedIssue `json:"flagIssues"`
}

// NewIndicatorRow returns the indicator row (指标行) of res, with the
// names of its division and indicator and its flag issues: its members up
// to gap are those of res.MarshalJSON, which a test of this package
// checks. res has no contributions: the API does not list them.
func NewIndicatorRow(res indicators.Result, divisionName, indicatorName string, flagIssues []healthedu.LocalizedIssue) IndicatorRow {
	row := IndicatorRow{
		Result: Result{
			Indicator:      res.Indicator.Code(),
			Division:       res.Division,
			Period:         res.Period,
			Reason:         res.Reason.String(),
			Coverage:       res.Coverage,
			Flags:          res.Flags,
			TargetProrated: res.TargetProrated,
			Gap:            res.GapText(),
		},
		DivisionName:  divisionName,
		IndicatorName: indicatorName,
		FlagIssues:    flagIssues,
	}
	if row.Flags == nil {
		row.Flags = []string{}
	}
	if row.FlagIssues == nil {
		row.FlagIssues = []healthedu.LocalizedIssue{}
	}
	if res.Reason != indicators.ReasonNoData && res.Reason != indicators.ReasonOverflow {
		row.Numerator, row.Denominator = new(res.Numerator), new(res.Denominator)
	}
	if res.HasValue() {
		row.Value = new(res.Text())
	}
	if t, ok := res.Target(); ok {
		row.Target, row.Direction = new(t.Value), t.Direction.String()
		if res.Attainment != indicators.NoTarget {
			row.Met = new(res.Attainment == indicators.Met)
		}
	}
	return row
}

// Monthly is the answer of GET /v1/reports/monthly: the monthly
// notification (月通报) of a division for a month, as of the server's
// clock. Before the month is due — its reporting deadline has not passed —
// it says so (due false), counts the reports received early and lists
// nobody as not reported. Once due: for each division directly under it,
// the monthly reports expected from the reporters it holds, received and
// received on time, ranked; the reporters that did not report, also
// grouped by county; and the indicators, with the gap to their targets and
// the change from the previous month.
type Monthly struct {
	Period healthedu.Period `json:"period"`
	Under  Division         `json:"under"`
	// AsOf is the instant the notification was computed at (统计时点).
	AsOf time.Time `json:"asOf"`
	// Deadline is the last day on which a report for the month is on time.
	Deadline healthedu.Date `json:"deadline"`
	// Due reports whether the deadline has passed, so that the month's
	// reports are expected (已到期).
	Due bool `json:"due"`
	// ReportingLevel is the level of the expected reporters, absent when
	// they are a list (-reporters).
	ReportingLevel healthedu.DivisionLevel `json:"reportingLevel,omitzero"`
	// Reporters is the number of expected reporters within under (应报单位数).
	Reporters int `json:"reporters"`
	// Expected, Received and OnTime count the reports of the month (0
	// before it is due); Completeness and Timeliness are their rates, absent
	// when the month is not due or nothing was expected.
	Expected     int64  `json:"expected"`
	Received     int64  `json:"received"`
	OnTime       int64  `json:"onTime"`
	Completeness string `json:"completeness,omitempty"`
	Timeliness   string `json:"timeliness,omitempty"`
	// ReceivedEarly is, before the month is due, the number of reporters
	// whose report for it was received already (提前报送); absent once due.
	ReceivedEarly *int64 `json:"receivedEarly,omitempty"`

	Divisions []MonthlyDivision `json:"divisions"`
	// NotReported are the reporters that did not report (未报送单位), and
	// NotReportedByCounty the same grouped by county; both empty before
	// the month is due.
	NotReported         []MonthlyMissing `json:"notReported"`
	NotReportedByCounty []MonthlyCounty  `json:"notReportedByCounty"`
	// Indicators are the indicators of under itself; BelowTarget those of
	// the divisions directly under it that miss their target, and Flagged
	// those whose value is doubtful (see indicators.Result.Flags).
	Indicators  []MonthlyIndicator `json:"indicators"`
	BelowTarget []MonthlyIndicator `json:"belowTarget"`
	Flagged     []MonthlyIndicator `json:"flagged"`
	// Proposed are the rectification items the notification proposes
	// (建议立项), once the month is due; [] before: those of its figures
	// (see ledger.Propose), then those of the compliance check of its
	// year as of the end of the month (合规核查, see
	// ledger.ProposeCompliance). Proposing stores nothing: a platform
	// accepts an item by submitting its record. Absent when the request
	// said proposed=false.
	Proposed []ProposedRectification `json:"proposed,omitzero"`
}

// MonthlyDivision is a division's line of the monthly notification
// (通报行): its reporters, the reports expected, received and received on
// time, their rates and its rank; before the month is due, the reports
// received early instead.
type MonthlyDivision struct {
	Division      healthedu.DivisionCode `json:"division"`
	Name          string                 `json:"name"`
	Reporters     int                    `json:"reporters"`
	Expected      int64                  `json:"expected"`
	Received      int64                  `json:"received"`
	OnTime        int64                  `json:"onTime"`
	Completeness  string                 `json:"completeness,omitempty"`
	Timeliness    string                 `json:"timeliness,omitempty"`
	ReceivedEarly *int64                 `json:"receivedEarly,omitempty"`
	// Rank is the division's place by completeness, then timeliness, in
	// standard competition ranking; 0 when no report was expected of it.
	Rank int `json:"rank"`
}

// MonthlyMissing is a reporter that did not report (未报送单位).
type MonthlyMissing struct {
	Division healthedu.DivisionCode `json:"division"`
	Name     string                 `json:"name"`
}

// MonthlyCounty is the reporters of one county that did not report
// (按县汇总的未报送单位).
type MonthlyCounty struct {
	County    healthedu.DivisionCode `json:"county"`
	Name      string                 `json:"name"`
	Count     int                    `json:"count"`
	Divisions []MonthlyMissing       `json:"divisions"`
}

// MonthlyIndicator is an indicator of a division in the monthly
// notification (通报指标): its value (null when it has none, with the
// reason), its target (pro-rated when targetProrated) and gap, its value
// in the previous month computed the same way and the change from it (null
// when either month has no value), its coverage and its flags, with their
// messages.
type MonthlyIndicator struct {
	Division       healthedu.DivisionCode     `json:"division"`
	Name           string                     `json:"name"`
	Indicator      string                     `json:"indicator"`
	IndicatorName  string                     `json:"indicatorName"`
	Value          *string                    `json:"value"`
	Reason         string                     `json:"reason,omitempty"`
	Target         string                     `json:"target,omitempty"`
	TargetProrated bool                       `json:"targetProrated"`
	Direction      string                     `json:"direction,omitempty"`
	Met            *bool                      `json:"met"`
	Gap            string                     `json:"gap,omitempty"`
	Previous       *string                    `json:"previous"`
	Change         *string                    `json:"change"`
	Coverage       indicators.Coverage        `json:"coverage"`
	Flags          []string                   `json:"flags"`
	FlagIssues     []healthedu.LocalizedIssue `json:"flagIssues"`
}

// ImportSummary is the answer to a submission (导入摘要).
type ImportSummary struct {
	// Status is "success" when every record was accepted without a
	// warning, "warning" when some were accepted and some rejected or
	// warned about, and "error" when none was accepted.
	Status          string         `json:"status"`
	DryRun          bool           `json:"dryRun"`
	Records         int            `json:"records"`
	Imported        int            `json:"imported"`
	Updated         int            `json:"updated"`
	Ignored         int            `json:"ignored"`
	Rejected        int            `json:"rejected"`
	RejectedIndexes []int          `json:"rejectedIndexes"`
	Issues          []SummaryIssue `json:"issues"`
	IssuesOmitted   int            `json:"issuesOmitted,omitempty"`
}

// SummaryIssue is an issue of a submitted record (记录问题), with its
// message in the reader's language.
type SummaryIssue struct {
	Line     int                `json:"line"`
	Index    int                `json:"index"`
	RecordID string             `json:"recordId,omitempty"`
	Severity healthedu.Severity `json:"severity"`
	Code     string             `json:"code"`
	Path     string             `json:"path"`
	Message  string             `json:"message"`
}

// RejectedProblem is the answer to a submission none of whose records was
// accepted (全部拒收): a problem (422, intake.rejected) carrying the import
// summary in its member summary.
type RejectedProblem struct {
	httpapi.Problem
	Summary *ImportSummary `json:"summary"`
}

// LockState is the lock of a division and a period (锁定状态): the answer
// of POST /v1/locks/unlock and /v1/locks/relock, and the lock of GET
// /v1/locks given a period.
type LockState struct {
	Division healthedu.DivisionCode `json:"division"`
	Period   healthedu.Period       `json:"period"`
	LockedAt *time.Time             `json:"lockedAt,omitempty"` // absent when periods never lock
	Locked   bool                   `json:"locked"`
	Until    *time.Time             `json:"until,omitempty"` // the end of the unlock, if any
}

// Locks is the answer of GET /v1/locks (锁定与解锁): the days after which
// a period locks, the lock of the period asked for, if one was, and the
// unlocks in force.
type Locks struct {
	LockDays int        `json:"lockDays"`
	Lock     *LockState `json:"lock,omitempty"`
	Unlocks  []Unlock   `json:"unlocks"`
}

// Unlock is an unlock as GET /v1/locks lists it (解锁): a division and a
// period open again until a time, by a token, since a time.
type Unlock struct {
	Division healthedu.DivisionCode `json:"division"`
	Period   healthedu.Period       `json:"period"`
	Until    time.Time              `json:"until"`
	By       string                 `json:"by"`
	Created  time.Time              `json:"created"`
}

// SchemaList is the answer of GET /v1/schemas (模式文件列表): the file of
// the envelope schema and the names of every schema file.
type SchemaList struct {
	Envelope string   `json:"envelope"`
	Files    []string `json:"files"`
}

// Health is the answer of GET /healthz while the database answers
// (健康检查): status "ok".
type Health struct {
	Status string `json:"status"`
}
