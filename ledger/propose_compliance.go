package ledger

import (
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// ComplianceProposeOptions says how [ProposeCompliance] makes
// rectification items of the shortfalls a compliance check found
// (合规核查自动立项选项).
type ComplianceProposeOptions struct {
	// Now is the instant of the proposal (立项时点). An item is opened at
	// the instant the check's requirements took the value they have — the
	// end of the last month over (see [compliance.Institution.MonthsOver]),
	// the start of the year when none is — or at Now when that is
	// earlier, as for a check that judged a year in progress as over. The
	// zero Now takes that instant.
	Now time.Time
	// DeadlineDay is the day of the following month by which a monthly
	// report is due (上报截止日), as in [indicators.Query]; 0 means
	// indicators.DefaultDeadlineDay.
	DeadlineDay int
	// Deadline is the deadline of every item (整改时限). When zero, it is
	// the last day on which the monthly report of the month of the check
	// (the month after the last month over) is on time: for a check of
	// 2025 made in November, January to October over, 10 December 2025 —
	// the next month's deadline, as for [Propose].
	Deadline healthedu.Date
	// Division returns the division an institution's problems are filed
	// in (所属区划), by its credit code. When Division is nil or returns
	// the zero DivisionCode, the institution's own Division is taken
	// (see [compliance.Institution]); an institution with neither is
	// left out, as an item must lie in a division.
	Division func(healthedu.CreditCode) healthedu.DivisionCode
	// Actor opens the items (立项人), as in ProposeOptions: the platform,
	// [ProposeActorID], from the division above the item's when its ID
	// or its division is not given.
	Actor Actor
}

// ProposeCompliance returns the rectification items (合规核查问题立项) that
// the results of a compliance check against the national service norm
// call for: one for each institution and each rule it falls short of —
// each warning among its issues (compliance.lectures,
// compliance.boardChangeGap …), one per bulletin board for the rules of
// boards; the information issues, which say what the check could not
// count exactly, are not problems and are left out.
//
// Each item lies in the institution's division (see
// ComplianceProposeOptions.Division), is owned by the institution itself,
// by credit code and name, and is open, with the issue as its finding
// (code and params as text, lists joined by ",") and its message in
// zh-Hans as its Problem, so that [Finding.Message] renders it in the
// other languages. Its source is a compliance check (合规核查) for the last
// month of the year over at the check, such as 202510 for a check of 2025
// made in November — the year itself when no month is over yet — so that
// a check repeated each month, like the monthly notification, proposes
// the problems still there anew each month, and a check repeated within
// the month proposes the same items.
//
// Its ID is deterministic, made of that period, the institution's credit
// code, the letter c and the rule, with the board for the rules of boards:
// "auto-202510-12371502MB2854325X-c-lectures" (cut with a hash of the
// whole when longer than 64 characters or holding characters an ID may not
// hold, as a board's Chinese name), and so is every other field: running
// ProposeCompliance again over the same results proposes the same items,
// which [Merge] takes as no change. An item proposed twice is proposed
// once.
func ProposeCompliance(results []compliance.Institution, opts ComplianceProposeOptions) []*Rectification {
	var out []*Rectification
	seen := make(map[string]bool)
	for i := range results {
		in := &results[i]
		if !in.CreditCode.IsValid() || !in.Year.IsValid() || in.Year.Type() != healthedu.PeriodYear {
			continue
		}
		div := healthedu.DivisionCode{}
		if opts.Division != nil {
			div = opts.Division(in.CreditCode)
		}
		if !div.IsValid() {
			div = in.Division
		}
		if !div.IsValid() {
			continue
		}
		for _, is := range in.Issues {
			if is.Severity != healthedu.SeverityWarning {
				continue
			}
			r := opts.item(in, div, is)
			if !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// item returns the item of the issue is of institution in, filed in
// division d.
func (o ComplianceProposeOptions) item(in *compliance.Institution, d healthedu.DivisionCode, is healthedu.Issue) *Rectification {
	year := in.Year.Year()
	months := min(max(in.MonthsOver, 0), 12)
	// The month of the check: that after the last month over.
	check := healthedu.MonthPeriod(year, time.January).Add(months)
	period := in.Year
	if months > 0 {
		period = check.Add(-1)
	}
	at := check.Start()
	if !o.Now.IsZero() && o.Now.Before(at) {
		at = o.Now
	}
	at = at.In(healthedu.ChinaStandardTime)
	deadline := o.Deadline
	if !deadline.IsValid() {
		deadline = lastDayDue(check, deadlineDay(o.DeadlineDay))
	}
	actor := proposeActor(o.Actor, d)

	params := make(map[string]string, len(is.Params))
	for k, v := range is.Params {
		params[k] = healthedu.RedactCitizenIDs(paramText(v))
	}
	f := Finding{Code: is.Code, Params: params}
	detail := lastSegment(is.Code)
	if b := params["board"]; b != "" {
		detail += "-" + b // masked: an ID never holds a citizen ID number
	}
	owner := Owner{CreditCode: in.CreditCode, Name: cutRunes(healthedu.RedactCitizenIDs(in.Name), 100)}
	return &Rectification{
		Header:   healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: KindRectification, ID: autoID("auto-" + period.String() + "-" + in.CreditCode.String() + "-c-" + detail)},
		Division: d,
		Source:   Source{Type: SourceComplianceCheck, Period: period},
		Problem:  f.Message(healthedu.ZhHans, nil),
		Finding:  &f,
		Owner:    owner,
		Deadline: deadline,
		Status:   StatusOpen,
		History:  []Event{{At: at, Status: StatusOpen, Actor: actor}},
	}
}

// paramText returns an issue's param as a finding keeps it, as text: a
// list of strings joined by ",", without a space, which reads the same in
// every language (202503,202504); anything else as fmt prints it.
func paramText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, ",")
	case []any:
		items := make([]string, len(v))
		for i, item := range v {
			items[i] = paramText(item)
		}
		return strings.Join(items, ",")
	}
	return fmt.Sprint(v)
}

// cutRunes returns s cut to at most n characters.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
