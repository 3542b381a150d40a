package ledger

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// DefaultCompleteness is the code of the indicator whose results tell
// [Propose] of missing monthly reports, when ProposeOptions.Completeness
// is "": the default catalogue's report completeness (月报完整率).
const DefaultCompleteness = "report-completeness"

// ProposeActorID is the actor ID of the events with which [Propose] opens
// items, when ProposeOptions.Actor gives none: the platform itself.
const ProposeActorID = "jiceng-propose"

// ProposeOptions says how [Propose] makes rectification items of the
// problems it finds (自动立项选项).
type ProposeOptions struct {
	// Now is the instant of the proposal (立项时点). An item is opened at
	// the instant its period became due — the reporting deadline of the
	// period's last month (see [indicators.ReportDeadline]) — or at Now
	// when that is earlier, for a period in progress; so re-running
	// Propose over the same month proposes the same items. The zero Now
	// takes the instant the period became due.
	Now time.Time
	// DeadlineDay is the day of the following month by which a monthly
	// report is due (上报截止日), as in [indicators.Query]; 0 means
	// indicators.DefaultDeadlineDay.
	DeadlineDay int
	// Deadline is the deadline of every item (整改时限). When zero, it is
	// the last day on which the report for the month after the period's
	// last month is on time: for a problem of October 2025 with the 10th,
	// 10 December 2025 — the next month's deadline.
	Deadline healthedu.Date
	// Owner returns who must put right a problem of a division: the
	// division's reporting institution (填报单位). When Owner is nil or
	// returns an Owner with neither a credit code nor a role, the owner
	// is the role [RoleReportingUnit].
	Owner func(healthedu.DivisionCode) Owner
	// Actor opens the items (立项人). When its ID is "", it is the
	// platform, [ProposeActorID], with role "platform"; when its division
	// is zero, it acts from the division above the item's (a verifier),
	// or from the item's own for a province.
	Actor Actor
	// Source is the source of the items (问题来源). When its type is "",
	// it is a monthly notification (月通报) of each result's period when
	// that is a month, else "other" with the result's period. When its
	// type is given without a period or a date, each result's period is
	// taken.
	Source Source
	// Completeness is the code of the indicator whose results tell of
	// missing monthly reports; "" means [DefaultCompleteness].
	Completeness string
	// Checks are the findings of consistency checks to propose items of
	// too (一致性核查), such as those of [indicators.Store.CheckStocks]:
	// an issue whose params name a "division" and a "period" becomes an
	// item of that division, with the issue as its finding; others are
	// left out.
	Checks []healthedu.Issue
}

// Propose returns the rectification items (自动发现问题立项) that the
// results of a computed month — the figures of the monthly notification
// (月通报) — call for, one for each problem:
//
//   - a division below target on an indicator with a target (Attainment
//     NotMet; finding "ledger.belowTarget", with the value, the target
//     pro-rated where it is, and the gap);
//   - a report missing after its deadline: a result of the completeness
//     indicator (see ProposeOptions.Completeness) with a denominator above
//     zero and a numerator below it, which [indicators.Store.Compute]
//     gives only for months that are due (finding "ledger.reportMissing");
//   - a value flagged by the calculation ([indicators.Result.Flags], such as
//     "indicator.aboveMaximum"), and each finding of a consistency check
//     in ProposeOptions.Checks, with the flag or the check as finding.
//
// Each item is for the result's division, owned by its reporting
// institution (ProposeOptions.Owner), open, with the problem in zh-Hans as
// its Problem (see [Finding.Message] for the other languages). Its ID is
// deterministic, made of the source period, the division, the kind of
// problem and the indicator, such as
// "auto-202510-371502001000-t-child-health-management-rate" (cut with a
// hash of the whole when longer than 64 characters), and so is every
// other field: running Propose again over the same results proposes the
// same items, which [Merge] takes as no change. A problem found twice is
// proposed once. Results without an indicator are skipped.
func Propose(results []indicators.Result, opts ProposeOptions) []*Rectification {
	var out []*Rectification
	seen := make(map[string]bool)
	add := func(r *Rectification) {
		if r != nil && !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	completeness := opts.Completeness
	if completeness == "" {
		completeness = DefaultCompleteness
	}
	for _, res := range results {
		ind := res.Indicator
		if ind == nil || !res.Division.IsValid() || !res.Period.IsValid() {
			continue
		}
		code := ind.Code()
		name := ind.Names().ZhHans
		if code == completeness {
			if res.Reason != indicators.ReasonOverflow && res.Denominator > 0 && res.Numerator < res.Denominator {
				f := Finding{Code: "ledger.reportMissing", Params: map[string]string{
					"period":   res.Period.String(),
					"missing":  strconv.FormatInt(res.Denominator-res.Numerator, 10),
					"expected": strconv.FormatInt(res.Denominator, 10),
				}}
				add(opts.item(res.Division, res.Period, "m", code, f, name, code, nil))
			}
		} else if res.Attainment == indicators.NotMet {
			if t, ok := res.Target(); ok {
				dir := "≥"
				if t.Direction.String() == "<=" {
					dir = "≤"
				}
				f := Finding{Code: "ledger.belowTarget", Params: map[string]string{
					"indicator": code, "period": res.Period.String(), "value": res.Text(),
					"direction": dir, "target": t.Value, "gap": res.GapText(),
				}}
				var target *healthedu.Decimal
				if d, err := healthedu.ParseDecimal(t.Value); err == nil {
					target = &d
				}
				add(opts.item(res.Division, res.Period, "t", code, f, name, code, target))
			}
		}
		for _, flag := range res.Flags {
			params := map[string]string{"indicator": code, "value": res.Text()}
			if m, ok := ind.Maximum(); ok {
				params["maximum"] = m
			}
			f := Finding{Code: flag, Params: params}
			add(opts.item(res.Division, res.Period, "f", code+"-"+lastSegment(flag), f, name, code, nil))
		}
	}
	for _, is := range opts.Checks {
		div, err1 := healthedu.ParseDivisionCode(fmt.Sprint(is.Params["division"]))
		p, err2 := healthedu.ParsePeriod(fmt.Sprint(is.Params["period"]))
		if err1 != nil || err2 != nil {
			continue
		}
		params := make(map[string]string, len(is.Params))
		for k, v := range is.Params {
			params[k] = fmt.Sprint(v)
		}
		f := Finding{Code: is.Code, Params: params}
		detail := lastSegment(is.Code) + "-" + params["element"]
		if params["parent"] != "" {
			detail += "-" + params["parent"]
		}
		add(opts.item(div, p, "c", detail, f, "", "", nil))
	}
	return out
}

// deadlineDay returns day, the day of the next month by the end of which a
// monthly report is due, or indicators.DefaultDeadlineDay when day is not
// positive.
func deadlineDay(day int) int {
	if day <= 0 {
		return indicators.DefaultDeadlineDay
	}
	return day
}

// lastDay returns the day that ends at the instant end, in China Standard
// Time: the last day a deadline leaves, such as 10 November for a report
// due by the start of 11 November.
func lastDay(end time.Time) healthedu.Date { return healthedu.DateOf(end.Add(-time.Nanosecond)) }

// lastDayDue returns the last day on which the monthly report for month m
// is on time, the report being due by the end of day day of the next
// month.
func lastDayDue(m healthedu.Period, day int) healthedu.Date {
	return lastDay(indicators.ReportDeadline(m, day))
}

// proposeActor returns the actor who opens a proposed item of division d:
// a, with the platform ([ProposeActorID], role "platform") when a has no
// ID, and the division above d (d itself for a province) when a names
// none.
func proposeActor(a Actor, d healthedu.DivisionCode) Actor {
	if a.ID == "" {
		a.ID, a.Role = ProposeActorID, "platform"
	}
	if !a.Division.IsValid() {
		a.Division = d
		if up, ok := d.Parent(); ok {
			a.Division = up
		}
	}
	return a
}

// item returns the item of a problem of division d in period p: kind is
// the letter of the kind of problem in the ID and detail what tells it
// from others of the kind; f the finding, name the indicator's name in
// zh-Hans for the problem's text, indicator its code or "" and target its
// target or nil.
func (o ProposeOptions) item(d healthedu.DivisionCode, p healthedu.Period, kind, detail string, f Finding, name, indicator string, target *healthedu.Decimal) *Rectification {
	last := p
	if p.Type() != healthedu.PeriodMonth {
		last = healthedu.PeriodOf(healthedu.PeriodMonth, p.Last())
	}
	day := deadlineDay(o.DeadlineDay)
	at := indicators.ReportDeadline(last, day)
	if !o.Now.IsZero() && o.Now.Before(at) {
		at = o.Now
	}
	at = at.In(healthedu.ChinaStandardTime)
	deadline := o.Deadline
	if !deadline.IsValid() {
		if next := last.Next(); next.IsValid() {
			deadline = lastDayDue(next, day)
		}
	}
	src := o.Source
	switch {
	case src.Type == "" && p.Type() == healthedu.PeriodMonth:
		src = Source{Type: SourceMonthlyNotification, Period: p}
	case src.Type == "":
		src = Source{Type: SourceOther, Period: p}
	case !src.Period.IsValid() && !src.Date.IsValid():
		src.Period = p
	}
	owner := Owner{Role: RoleReportingUnit}
	if o.Owner != nil {
		if w := o.Owner(d); w.CreditCode.IsValid() || w.Role != "" {
			owner = w
		}
	}
	actor := proposeActor(o.Actor, d)
	params := make(map[string]any, len(f.Params))
	for k, v := range f.Params {
		params[k] = v
	}
	if name != "" {
		params["indicator"] = name
	}
	srcPeriod := src.Period
	idPeriod := srcPeriod.String()
	if !srcPeriod.IsValid() {
		idPeriod = src.Date.String()
	}
	r := &Rectification{
		Header:    healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: KindRectification, ID: proposalID(idPeriod, d, kind, detail)},
		Division:  d,
		Source:    src,
		Problem:   healthedu.NewIssue(f.Code, "", params).Message(healthedu.ZhHans),
		Finding:   &f,
		Indicator: indicator,
		Target:    target,
		Owner:     owner,
		Deadline:  deadline,
		Status:    StatusOpen,
		History:   []Event{{At: at, Status: StatusOpen, Actor: actor}},
	}
	return r
}

// proposalID returns the ID of a proposed item: "auto-<period>-<division>-
// <kind>-<detail>", with the characters a record ID may not hold replaced
// by ".", cut to 55 characters and followed by "-" and 8 hexadecimal
// digits of the SHA-256 of the whole when it is longer than 64 or had to
// be changed.
func proposalID(period string, d healthedu.DivisionCode, kind, detail string) string {
	return autoID("auto-" + period + "-" + d.String() + "-" + kind + "-" + detail)
}

// autoID returns raw as a record ID, as proposalID says.
func autoID(raw string) string {
	clean := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == ':' || r == '-' {
			return r
		}
		return '.'
	}, raw)
	if clean == raw && len(raw) <= 64 {
		return raw
	}
	sum := sha256.Sum256([]byte(raw))
	if len(clean) > 55 {
		clean = clean[:55]
	}
	return clean + "-" + hex.EncodeToString(sum[:4])
}

// lastSegment returns what follows the last "." of an issue code.
func lastSegment(code string) string {
	if i := strings.LastIndexByte(code, '.'); i >= 0 {
		return code[i+1:]
	}
	return code
}
