package indicators

import (
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// DefaultReportingLevel is the level of the divisions expected to report
// (填报层级) when [Reporters.Level] is zero: every township (乡镇、街道) sends
// a monthly report.
const DefaultReportingLevel = healthedu.LevelTownship

// Reporters says which divisions are expected to report (应报单位): the
// reporting units whose figures an indicator's value is made of, and
// against which its coverage is counted (see [Coverage]).
//
// By default they are the divisions of [healthedu.DefaultRegistry] at the
// township level: a county expects each of its townships, a city each
// township of each of its counties. A division at that level that is not
// in the registry but whose monthly report was received (see
// [Store.AddReceipt]) is expected too: the registry may be older than the
// platform's divisions, and a report that arrived proves the reporter.
//
// What is recorded below a reporting unit, such as the figures of its
// villages, is part of that unit: a township's figure for a month is the
// sum of what was recorded for it and within it for that month. What is
// recorded for a division above the reporting level, such as a county's
// own figure, counts for that division alone and is not a reporter.
// A division computed below the reporting level, such as a village, is its
// own single reporting unit.
type Reporters struct {
	// Level is the reporting level (填报层级); zero means
	// DefaultReportingLevel.
	Level healthedu.DivisionLevel
	// Registry is the division table the reporters are taken from
	// (区划代码表); nil means healthedu.DefaultRegistry().
	Registry *healthedu.Registry
	// List, when not nil, names the expected reporters exactly (应报单位名单),
	// at any level, and Level and Registry are not used: a division
	// recorded within a listed one is part of it (of the smallest, when
	// listed divisions nest), and any other counts for itself.
	List []healthedu.DivisionCode
}

// level returns the reporting level r says.
func (r Reporters) level() healthedu.DivisionLevel {
	if r.Level == 0 {
		return DefaultReportingLevel
	}
	return r.Level
}

// registry returns the registry r says.
func (r Reporters) registry() *healthedu.Registry {
	if r.Registry == nil {
		return healthedu.DefaultRegistry()
	}
	return r.Registry
}

// unitOf returns the reporting unit of the recorded division d: the listed
// reporter that contains it, or its ancestor at the reporting level, or d
// itself (see [Reporters]). listed holds the divisions of r.List.
func (r Reporters) unitOf(d healthedu.DivisionCode, listed map[healthedu.DivisionCode]bool) healthedu.DivisionCode {
	if r.List == nil {
		if l := r.level(); d.Level() >= l {
			return d.Truncate(l)
		}
		return d
	}
	if listed[d] {
		return d
	}
	// The smallest listed division containing d: its ancestors come from
	// the province down, so the last one listed wins.
	unit := d
	for a := range d.Ancestors() {
		if listed[a] {
			unit = a
		}
	}
	return unit
}

// A window is what of a period counts at an instant (统计窗口): the months
// whose reporting deadline has passed (已到期), for the figures of monthly
// reports, and the months that have begun, for the figures of records.
type window struct {
	period healthedu.Period
	// slots are the months of the period in order, or, for a period
	// shorter than a month (a week, a day), the period itself.
	slots []healthedu.Period
	// due is the number of slots that are due, a prefix of slots: the
	// deadlines of the months come in their order.
	due int
	// begun is the number of slots that have begun, a prefix of slots
	// too, never fewer than due.
	begun int
	// dueEnd is the end of the last due slot: a value of a monthly report
	// for a period that starts before it is due. It is the zero Time when
	// no slot is due.
	dueEnd time.Time
	// now is the instant; the zero Time when every slot is due.
	now time.Time
	// months is the number of due slots that are months within the
	// period: the monthly reports expected of each reporter.
	months      int
	deadlineDay int
	// include is [Query.Include]: which months of which units the values
	// of monthly reports count for; nil for all.
	include func(healthedu.DivisionCode, healthedu.Period) bool
}

// newWindow returns the window of period p at now, with monthly reports due
// by day deadlineDay of the following month. The zero now makes every month
// of p due.
func newWindow(p healthedu.Period, now time.Time, deadlineDay int) window {
	if deadlineDay <= 0 {
		deadlineDay = DefaultDeadlineDay
	}
	w := window{period: p, deadlineDay: deadlineDay, now: now}
	for m := range p.Sub(healthedu.PeriodMonth) {
		w.slots = append(w.slots, m)
	}
	monthly := w.slots != nil
	if !monthly {
		w.slots = []healthedu.Period{p}
	}
	for _, s := range w.slots {
		if !now.IsZero() && now.Before(s.Start()) {
			break
		}
		w.begun++
	}
	for _, s := range w.slots[:w.begun] {
		m := s
		if !monthly {
			// A week or a day is due with the month of its last day.
			m = healthedu.PeriodOf(healthedu.PeriodMonth, s.Last())
		}
		if !now.IsZero() && now.Before(ReportDeadline(m, deadlineDay)) {
			break
		}
		w.due++
	}
	if w.due > 0 {
		w.dueEnd = w.slots[w.due-1].End()
		if monthly {
			w.months = w.due
		}
	}
	return w
}

// begins reports whether a value recorded for q, a period within the
// window's period, counts as a record's: whether q has begun.
func (w *window) begins(q healthedu.Period) bool {
	return w.now.IsZero() || !w.now.Before(q.Start())
}

// includes reports whether a value recorded for q, a period within the
// window's period, counts as a monthly report's: whether q starts before
// the end of the due slots.
func (w *window) includes(q healthedu.Period) bool {
	return w.due > 0 && q.Start().Before(w.dueEnd)
}

// mask returns the due slots that q overlaps, as bits.
func (w *window) mask(q healthedu.Period) uint64 {
	var m uint64
	qs, qe := q.Start(), q.End()
	for i, s := range w.slots[:w.due] {
		if qs.Before(s.End()) && s.Start().Before(qe) {
			m |= 1 << i
		}
	}
	return m
}

// full returns the bits of every due slot.
func (w *window) full() uint64 { return 1<<w.due - 1 }

// slotOf returns the index of the due slot that is month m, and false when
// m is not one.
func (w *window) slotOf(m healthedu.Period) (int, bool) {
	if m.Type() != healthedu.PeriodMonth {
		return 0, false
	}
	for i, s := range w.slots[:w.due] {
		if s == m {
			return i, true
		}
	}
	return 0, false
}
