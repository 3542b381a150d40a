package indicators

import (
	"cmp"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// A Receipt is the receipt of a reporting unit's monthly report for a month
// (月报接收记录), as completeness counts it.
type Receipt struct {
	// Unit is the reporting unit (填报单位), see [Reporters].
	Unit healthedu.DivisionCode
	// Month is the month reported (报告月份).
	Month healthedu.Period
	// At is the earliest known receipt (接收时间) of a report of the unit,
	// or of a division within it, for the month; the zero Time when every
	// such report was received at an unknown time.
	At time.Time
}

// ReportsReceived returns the monthly reports received (已收月报), one
// [Receipt] for each expected reporter of r and month for which a report
// of it or of a division within it was received (see [Store.AddReceipt]):
// the months that reports-received counts for the unit, and the earliest
// known receipt, by which reports-on-time judges it. Receipts of divisions
// that are no reporters — above the reporting level, or outside every
// listed reporter — are left out, as completeness leaves them out. The
// receipts come sorted by unit and month; which months are due is left to
// the caller, as is [Query.Include].
func (s *Store) ReportsReceived(r Reporters) []Receipt {
	var listed map[healthedu.DivisionCode]bool
	if r.List != nil {
		listed = make(map[healthedu.DivisionCode]bool, len(r.List))
		for _, d := range r.List {
			listed[d] = true
		}
	}
	level := r.level()
	byKey := make(map[receiptKey]time.Time)
	for k, at := range s.receipts {
		u := r.unitOf(k.division, listed)
		if r.List != nil && !listed[u] || r.List == nil && u.Level() != level {
			continue
		}
		uk := receiptKey{u, k.month}
		if prev, ok := byKey[uk]; !ok || prev.IsZero() || !at.IsZero() && at.Before(prev) {
			byKey[uk] = at
		}
	}
	out := make([]Receipt, 0, len(byKey))
	for k, at := range byKey {
		out = append(out, Receipt{Unit: k.division, Month: k.month, At: at})
	}
	slices.SortFunc(out, func(a, b Receipt) int {
		if c := a.Unit.Compare(b.Unit); c != 0 {
			return c
		}
		return cmp.Compare(a.Month.Compare(b.Month), 0)
	})
	return out
}
