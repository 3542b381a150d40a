package indicators

import (
	"errors"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// A Query asks a [Store] for the values of indicators (指标计算): each
// indicator for each division, over one period, as of an instant.
type Query struct {
	// Indicators are the indicators to compute.
	Indicators []*Indicator
	// Divisions are the divisions to compute them for, at any level: a
	// province, a city, a county, a township, a village.
	Divisions []healthedu.DivisionCode
	// Period is the period to compute them over, of any type: a month, a
	// bi-month, a quarter, a half-year, a year, a week or a day.
	Period healthedu.Period
	// Explain asks for each result's contributions (see
	// [Result.Contributions]). It costs memory in proportion to the cells
	// that contribute.
	Explain bool

	// Now is the instant as of which the figures are computed (统计时点).
	// A month of the period is due (已到期) once its reporting deadline
	// has passed (see [ReportDeadline] and DeadlineDay). The figures of
	// monthly reports count for the due months only — the values of the
	// elements every monthly report carries (see
	// [healthedu.Element.ExpectedInMonthlyReport]) and the receipts that
	// make completeness and timeliness — so that a report sent early
	// counts once its month is due, and a month not yet due is neither
	// missing nor late. The figures of records, such as activities held,
	// count as soon as their month has begun. A week or a day is due with
	// the month of its last day; a value recorded for a longer period that
	// starts within the due months, such as a year, counts. A period that
	// has not begun has no figures. The zero Now makes every month due:
	// the figures of a period closed long ago.
	Now time.Time
	// DeadlineDay is the day of the following month by which a monthly
	// report is due and on time (上报截止日), as in [ReportDeadline]; 0
	// means DefaultDeadlineDay.
	DeadlineDay int
	// Reporters says which divisions are expected to report (应报单位):
	// the reporting units a figure is made of, and its coverage counted
	// against. The zero Reporters expects every township of the default
	// registry.
	Reporters Reporters
	// Include, when not nil, says for which months of which reporting
	// units the figures of monthly reports count (纳入统计的月报), such as
	// only the months whose data are approved (审核通过, see package
	// approval): a value of an element every monthly report carries (see
	// [healthedu.Element.ExpectedInMonthlyReport]) recorded within a
	// reporting unit for a month m counts only when Include(unit, m)
	// reports true. Otherwise the unit lacks that value, as if it had not
	// been reported, and the indicator's [Missing] strategy decides: left
	// out, the unit does not count in [Result.Coverage], so that a figure
	// made of fewer units than expected says so; and a flow over a
	// quarter lacks the month left out like any month not reported. The
	// unit is the reporting unit of [Reporters] (a township by default,
	// with its villages' values), or the division itself for a division
	// computed below the reporting level, such as a village.
	//
	// Include does not touch what monthly reports do not carry: values
	// recorded for a period other than a month (a population for a year),
	// values of the other elements, such as activities held or residents
	// bound, which come from records and not from the reports under
	// approval, and the receipts of monthly reports: completeness and
	// timeliness count a report received as received, whether or not its
	// data are approved. Include is called at most once per unit and
	// stored month, from the goroutine that calls Compute.
	Include func(unit healthedu.DivisionCode, month healthedu.Period) bool
}

// Compute returns the value of each indicator of q for each division of q
// over q.Period as of q.Now, in the order of q.Divisions and, for each
// division, of q.Indicators.
//
// A value is made of the figures of the reporting units within the
// division (填报单位, see [Reporters]): its townships, with what is recorded
// within them, and what is recorded for the division itself above them.
// For each unit and indicator, each element the indicator refers to gives
// one figure:
//
//   - a flow (流量, an element whose values add up over time, such as
//     lectures held) the sum of the unit's values over the part of the
//     period that counts (see [Query.Now]), so that months add up into
//     quarters and years;
//   - a stock (存量, an element whose latest value counts, such as children
//     under management) the unit's value for the latest month of the
//     period that counts in which every stock of the indicator is
//     reported, so that the numerator and the denominator of a rate come
//     from the same month. A value recorded for a longer period, such as a
//     population for a year, holds for each of its months; among values
//     for periods ending together, that of the shortest counts.
//
// A unit that lacks one of those figures — a stock never reported in the
// same month as the others, an element of monthly reports without a value
// for one of the due months, another flow without any value — is left out of both the numerator and the denominator, or
// counted with 0 for what it lacks, as the indicator's [Missing] strategy
// says. The units' figures are then summed, so that a county's rate is the
// sum of its townships' numerators over the sum of their denominators,
// never a mean of their rates. Each result counts the expected units that
// contributed (see [Result.Coverage]).
//
// The elements reports-expected, reports-received and reports-on-time are
// derived from the reports received (see [Store.AddReceipt]): for each
// expected unit, the due months of the period, those for which a monthly
// report of the unit was received, and those for which it was received by
// the deadline. A report for a month not yet due counts once it is due.
//
// The numerator and the denominator are then exact integers, and the value
// is numerator / denominator × factor. A result has no value when no unit
// contributed (no due month, no figures), when the denominator is zero or
// negative, and when a sum leaves the range of int64; its Reason says
// which.
//
// Compute fails when q.Period or one of q.Divisions is not valid, an
// indicator is nil, or an indicator refers to an element the store's
// catalogue does not have.
func (s *Store) Compute(q Query) ([]Result, error) {
	if !q.Period.IsValid() {
		return nil, errors.New("indicators: Compute: no period")
	}
	plan, err := s.plan(q.Indicators)
	if err != nil {
		return nil, err
	}
	targets := make(map[healthedu.DivisionCode]int32, len(q.Divisions))
	var uniq []healthedu.DivisionCode
	for _, d := range q.Divisions {
		if !d.IsValid() {
			return nil, errors.New("indicators: Compute: no division")
		}
		if _, ok := targets[d]; !ok {
			targets[d] = int32(len(uniq))
			uniq = append(uniq, d)
		}
	}
	w := newWindow(q.Period, q.Now, q.DeadlineDay)
	w.include = q.Include
	acc := newComputeAcc(len(uniq), len(q.Indicators), q.Explain)
	s.accumulateGroups(plan, uniq, &w, q.Reporters, acc)

	results := make([]Result, 0, len(q.Divisions)*len(q.Indicators))
	for _, d := range q.Divisions {
		u := int(targets[d])
		for i, ind := range q.Indicators {
			results = append(results, plan.result(acc, u, i, ind, d, &w))
		}
	}
	return results, nil
}

// A computePlan lists the series the indicators of a query need and, for
// each indicator, which of them its terms read.
type computePlan struct {
	needs []computeNeed
	terms [][]computeTerm // by indicator
	// stocks, flows and derived are, by indicator, the needs its terms
	// read, each once.
	stocks, flows, derived [][]int
	// totals are, by indicator that counts missing values as zeros, the
	// needs of the totals of the elements its terms read by a category:
	// a unit with a value of the total keeps the element, so that its
	// lack of a value in the category is a zero (see MissingZero).
	totals [][]int
	// monthly reports, by indicator, whether it reads monthly reports: an
	// element they carry or one derived from their receipts.
	monthly []bool
	inds    []*Indicator
}

// A needKind says how a needed series aggregates over time.
type needKind uint8

const (
	needFlow     needKind = iota // summed over the due part of the period
	needStock                    // taken at the latest month all stocks share
	needExpected                 // reports-expected, derived
	needReceived                 // reports-received, derived
	needOnTime                   // reports-on-time, derived
)

type computeNeed struct {
	key     storeSeriesKey
	si      int32 // the store's series, or -1 when the store has no value of it
	kind    needKind
	monthly bool // an element every monthly report carries
}

type computeTerm struct {
	need int // index into needs
	term Term
	part Part
}

func (s *Store) plan(inds []*Indicator) (*computePlan, error) {
	p := &computePlan{
		terms:   make([][]computeTerm, len(inds)),
		stocks:  make([][]int, len(inds)),
		flows:   make([][]int, len(inds)),
		derived: make([][]int, len(inds)),
		totals:  make([][]int, len(inds)),
		monthly: make([]bool, len(inds)),
		inds:    inds,
	}
	idx := make(map[storeSeriesKey]int)
	for i, ind := range inds {
		if ind == nil {
			return nil, errors.New("indicators: Compute: nil indicator")
		}
		for part, e := range [...]Expr{Numerator: ind.num, Denominator: ind.den} {
			for _, t := range e.terms {
				n, err := p.need(s, idx, ind, storeSeriesKey{t.Element, t.Category})
				if err != nil {
					return nil, err
				}
				if t.Category != "" && ind.def.Missing == MissingZero {
					total, err := p.need(s, idx, ind, storeSeriesKey{t.Element, ""})
					if err != nil {
						return nil, err
					}
					if !slices.Contains(p.totals[i], total) {
						p.totals[i] = append(p.totals[i], total)
					}
				}
				p.terms[i] = append(p.terms[i], computeTerm{need: n, term: t, part: Part(part)})
				if need := p.needs[n]; need.monthly || need.kind > needStock {
					p.monthly[i] = true
				}
				list := &p.flows[i]
				switch p.needs[n].kind {
				case needStock:
					list = &p.stocks[i]
				case needExpected, needReceived, needOnTime:
					list = &p.derived[i]
				}
				if !slices.Contains(*list, n) {
					*list = append(*list, n)
				}
			}
		}
	}
	return p, nil
}

// need returns the index of the need of the series key in p, adding it
// when idx, the index of p's needs by series, lacks it.
func (p *computePlan) need(s *Store, idx map[storeSeriesKey]int, ind *Indicator, key storeSeriesKey) (int, error) {
	t := Term{Element: key.element, Category: key.category}
	n, ok := idx[key]
	if !ok {
		info, known := s.elements[t.Element]
		if !known {
			return 0, errors.New("indicators: Compute: indicator " + ind.Code() + ": element " + strconv.Quote(t.Element) + " is not in the store's catalogue")
		}
		si, found := s.seriesIdx[key]
		if !found {
			si = -1
		}
		kind := needFlow
		switch {
		case t.Category != "":
			if info.last {
				kind = needStock
			}
		case t.Element == ElementReportsExpected:
			kind = needExpected
		case t.Element == ElementReportsReceived:
			kind = needReceived
		case t.Element == ElementReportsOnTime:
			kind = needOnTime
		case info.last:
			kind = needStock
		}
		n = len(p.needs)
		idx[key] = n
		p.needs = append(p.needs, computeNeed{key: key, si: si, kind: kind, monthly: info.monthly})
	}
	return n, nil
}

// computeAcc holds, for each target division and indicator, the sums of
// the numerator's and the denominator's terms over the units that
// contributed, and how many expected units there are in each target.
type computeAcc struct {
	ni       int // number of indicators: the stride of the arrays
	num, den []int64
	has      []bool // a unit contributed
	overflow []bool
	covered  []int32 // expected units that contributed
	expected []int32 // by target: expected units within it
	contribs [][]Contribution
}

func newComputeAcc(targets, inds int, explain bool) *computeAcc {
	n := targets * inds
	acc := &computeAcc{
		ni:       inds,
		num:      make([]int64, n),
		den:      make([]int64, n),
		has:      make([]bool, n),
		overflow: make([]bool, n),
		covered:  make([]int32, n),
		expected: make([]int32, targets),
	}
	if explain {
		acc.contribs = make([][]Contribution, n)
	}
	return acc
}

// accumulateGroups accumulates the targets: those at or above their
// reporting unit at once, and those strictly within a reporting unit,
// such as villages under the township level, each as its own single unit,
// a level at a time so that none of them contains another.
func (s *Store) accumulateGroups(plan *computePlan, targets []healthedu.DivisionCode, w *window, rep Reporters, acc *computeAcc) {
	listed := listedSet(rep.List)
	var top []int32
	var within [healthedu.LevelVillage + 1][]int32
	for t, d := range targets {
		if u := rep.unitOf(d, listed); u != d && u.Contains(d) {
			within[d.Level()] = append(within[d.Level()], int32(t))
			continue
		}
		top = append(top, int32(t))
	}
	s.accumulate(plan, targets, top, w, rep, listed, acc)
	for _, ts := range within {
		if len(ts) == 0 {
			continue
		}
		own := Reporters{List: make([]healthedu.DivisionCode, len(ts))}
		for i, t := range ts {
			own.List[i] = targets[t]
		}
		s.accumulate(plan, targets, ts, w, own, listedSet(own.List), acc)
	}
}

// listedSet returns the divisions of list as a set, nil for a nil list.
func listedSet(list []healthedu.DivisionCode) map[healthedu.DivisionCode]bool {
	if list == nil {
		return nil
	}
	m := make(map[healthedu.DivisionCode]bool, len(list))
	for _, d := range list {
		m[d] = true
	}
	return m
}

// A computeUnit is a reporting unit that lies within some target.
type computeUnit struct {
	code     healthedu.DivisionCode
	expected bool
	targets  []int32 // the targets that contain it
	// received and onTime are the due slots for which a report of the
	// unit was received, and received by the deadline.
	received, onTime uint64
}

// computeCell is the figure of one unit, series and period.
type computeCell struct {
	v       int64
	ok, ovf bool
}

// computeEntry says that a stored row of a needed series lies in a unit.
type computeEntry struct {
	row  int32
	need int32
}

// accumulate adds the figures of the reporting units within the targets
// ts (indices into targets) into acc.
func (s *Store) accumulate(plan *computePlan, targets []healthedu.DivisionCode, ts []int32, w *window, rep Reporters, listed map[healthedu.DivisionCode]bool, acc *computeAcc) {
	tmap := make(map[healthedu.DivisionCode]int32, len(ts))
	for _, t := range ts {
		tmap[targets[t]] = t
	}
	containing := func(u healthedu.DivisionCode) []int32 {
		var out []int32
		if t, ok := tmap[u]; ok {
			out = append(out, t)
		}
		for a := range u.Ancestors() {
			if t, ok := tmap[a]; ok {
				out = append(out, t)
			}
		}
		return out
	}

	// The units: the expected ones first, then those of the stored rows.
	var units []computeUnit
	unitIdx := make(map[healthedu.DivisionCode]int32)
	addUnit := func(u healthedu.DivisionCode, expected bool) int32 {
		if i, ok := unitIdx[u]; ok {
			if i >= 0 && expected {
				units[i].expected = true
			}
			return i
		}
		in := containing(u)
		if len(in) == 0 {
			unitIdx[u] = -1
			return -1
		}
		i := int32(len(units))
		units = append(units, computeUnit{code: u, expected: expected, targets: in})
		unitIdx[u] = i
		return i
	}
	if rep.List != nil {
		for _, d := range rep.List {
			addUnit(d, true)
		}
	} else {
		level := rep.level()
		for _, t := range ts {
			if targets[t].Level() == level {
				addUnit(targets[t], true)
			}
		}
		provinces := make(map[healthedu.DivisionCode]bool)
		for _, t := range ts {
			provinces[targets[t].Truncate(healthedu.LevelProvince)] = true
		}
		for d := range rep.registry().All() {
			if d.Code.Level() == level && provinces[d.Code.Truncate(healthedu.LevelProvince)] {
				addUnit(d.Code, true)
			}
		}
		for k := range s.receipts {
			if u := rep.unitOf(k.division, listed); u.Level() == level {
				addUnit(u, true)
			}
		}
	}
	for i := range units {
		if units[i].expected {
			for _, t := range units[i].targets {
				acc.expected[t]++
			}
		}
	}
	if w.begun == 0 {
		return // the period has not begun: no unit contributes
	}

	// The receipts of the expected units, by due slot: for the elements
	// derived from them, and to know which units report, whose missing
	// counts are zeros (see MissingZero).
	if hasDerived(plan) || hasZero(plan) {
		for k, at := range s.receipts {
			slot, ok := w.slotOf(k.month)
			if !ok {
				continue
			}
			u, ok := unitIdx[rep.unitOf(k.division, listed)]
			if !ok || u < 0 || !units[u].expected {
				continue
			}
			units[u].received |= 1 << slot
			if !at.IsZero() && at.Before(ReportDeadline(k.month, w.deadlineDay)) {
				units[u].onTime |= 1 << slot
			}
		}
	}

	// The stored rows of the needed series, by unit.
	unitOfDiv := make([]int32, len(s.divs))
	for i := range unitOfDiv {
		unitOfDiv[i] = -2 // not looked up yet
	}
	// Two passes over the rows of the needed series: one counts the rows
	// of each unit, the other puts them in place, in the same order.
	rowsOf, rowStart := s.seriesRows()
	eachEntry := func(fn func(u int32, e computeEntry)) {
		for n, need := range plan.needs {
			if need.si < 0 || need.kind > needStock {
				continue
			}
			for _, r := range rowsOf[rowStart[need.si]:rowStart[need.si+1]] {
				di := s.rows.at(r).div
				if unitOfDiv[di] == -2 {
					unitOfDiv[di] = addUnit(rep.unitOf(s.divs[di], listed), false)
				}
				if u := unitOfDiv[di]; u >= 0 {
					fn(u, computeEntry{row: r, need: int32(n)})
				}
			}
		}
	}
	var counts []int32
	eachEntry(func(u int32, _ computeEntry) {
		for int(u) >= len(counts) {
			counts = append(counts, 0)
		}
		counts[u]++
	})
	start := make([]int32, len(units)+1)
	for u, n := range counts {
		start[u+1] = n
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byUnit := make([]computeEntry, start[len(units)])
	next := slices.Clone(start[:len(units)])
	eachEntry(func(u int32, e computeEntry) {
		byUnit[next[u]] = e
		next[u]++
	})

	// The stored periods within the due part of the period; for stocks,
	// the latest first, and for each the periods that cover it, the
	// shortest first.
	var within []int32
	for pi, q := range s.periods {
		if w.period.ContainsPeriod(q) && w.begins(q) {
			within = append(within, int32(pi))
		}
	}
	withinOf := make([]int32, len(s.periods))
	for i := range withinOf {
		withinOf[i] = -1
	}
	for i, pi := range within {
		withinOf[pi] = int32(i)
	}
	masks := make([]uint64, len(within))
	due := make([]bool, len(within))
	for i, pi := range within {
		masks[i] = w.mask(s.periods[pi])
		due[i] = w.includes(s.periods[pi])
	}
	latest := make([]int, len(within))
	for i := range latest {
		latest[i] = i
	}
	slices.SortStableFunc(latest, func(a, b int) int { return laterFirst(s.periods[within[a]], s.periods[within[b]]) })
	cover := make([][]int, len(within))
	for a, pa := range within {
		for q, pq := range within {
			if s.periods[pq].ContainsPeriod(s.periods[pa]) {
				cover[a] = append(cover[a], q)
			}
		}
		slices.SortStableFunc(cover[a], func(x, y int) int {
			px, py := s.periods[within[x]], s.periods[within[y]]
			if c := px.Days() - py.Days(); c != 0 {
				return c
			}
			return laterFirst(px, py)
		})
	}

	ev := unitEval{
		s: s, plan: plan, w: w, acc: acc,
		within: within, withinOf: withinOf, masks: masks, due: due, latest: latest, cover: cover,
		cells: make([]computeCell, len(plan.needs)*len(within)),
		used:  make([]bool, len(plan.needs)),
		incl:  make([]bool, len(within)),
	}
	for i := range ev.incl {
		ev.incl[i] = true
	}
	if w.include != nil && slices.ContainsFunc(plan.needs, func(n computeNeed) bool { return n.monthly && n.si >= 0 }) {
		ev.months = make([]bool, len(within))
		for i, pi := range within {
			ev.months[i] = s.periods[pi].Type() == healthedu.PeriodMonth
		}
	}
	for u := range units {
		ev.unit(&units[u], byUnit[start[u]:start[u+1]])
	}
}

// laterFirst orders periods by end, the latest first, and among periods
// ending together the shortest first.
func laterFirst(p, q healthedu.Period) int {
	if c := q.End().Compare(p.End()); c != 0 {
		return c
	}
	return q.Start().Compare(p.Start())
}

// hasZero reports whether an indicator of plan counts missing values as
// zeros (MissingZero).
func hasZero(plan *computePlan) bool {
	for _, ind := range plan.inds {
		if ind.def.Missing == MissingZero {
			return true
		}
	}
	return false
}

// hasDerived reports whether an indicator of plan reads a derived element.
func hasDerived(plan *computePlan) bool {
	for _, d := range plan.derived {
		if len(d) > 0 {
			return true
		}
	}
	return false
}

// unitEval evaluates the indicators of a plan for one unit at a time,
// reusing its buffers.
type unitEval struct {
	s      *Store
	plan   *computePlan
	w      *window
	acc    *computeAcc
	within []int32 // the stored periods that have begun
	// withinOf is, by period index, the index into within, or -1.
	withinOf []int32
	masks    []uint64 // by index into within: the due slots it overlaps
	due      []bool   // by index into within: whether a monthly report's value counts
	latest   []int    // indices into within, the latest first
	cover    [][]int  // by index into within: the periods containing it, the shortest first
	cells    []computeCell
	used     []bool // by need: the cells of the unit hold a value of it
	// incl, by index into within, says whether a value of an element of
	// monthly reports of the current unit counts by [Query.Include];
	// months, by index into within, whether the period is a month, which
	// Include is asked about, nil when Include is not asked.
	incl   []bool
	months []bool
	// the current unit's
	entries []computeEntry
}

// unit adds the figures of unit u, whose stored rows are entries, to the
// targets that contain it.
func (ev *unitEval) unit(u *computeUnit, entries []computeEntry) {
	nw := len(ev.within)
	for n, used := range ev.used {
		if used {
			clear(ev.cells[n*nw : (n+1)*nw])
			ev.used[n] = false
		}
	}
	ev.entries = entries
	if ev.months != nil && len(entries) > 0 {
		for i, month := range ev.months {
			ev.incl[i] = !month || !ev.due[i] || ev.w.include(u.code, ev.s.periods[ev.within[i]])
		}
	}
	for _, e := range entries {
		buf := ev.cells[int(e.need)*nw : int(e.need+1)*nw]
		monthly := ev.plan.needs[e.need].monthly
		ev.s.eachCell(e.row, func(pi int32, v int64) {
			i := ev.withinOf[pi]
			if i < 0 || monthly && (!ev.due[i] || !ev.incl[i]) {
				return
			}
			c := &buf[i]
			sum, ok := addInt64(c.v, v)
			c.v, c.ok, c.ovf = sum, true, c.ovf || !ok
			ev.used[e.need] = true
		})
	}
	if len(entries) == 0 && !u.expected {
		return
	}
	for i := range ev.plan.inds {
		ev.indicator(u, i)
	}
}

// keeps reports whether the current unit has a value, in the period, of
// the total of an element that indicator i reads by a category.
func (ev *unitEval) keeps(i int) bool {
	return slices.ContainsFunc(ev.plan.totals[i], func(n int) bool { return ev.used[n] })
}

// indicator adds the contribution of the current unit to indicator i.
func (ev *unitEval) indicator(u *computeUnit, i int) {
	if !ev.counts(i) {
		return
	}
	plan, ind := ev.plan, ev.plan.inds[i]
	zero := ind.def.Missing == MissingZero
	nw := len(ev.within)
	present := false // the unit has a figure of the indicator

	// Stocks: the latest period at which all (skip) or any (zero) are
	// reported.
	chosen := -1
	if st := plan.stocks[i]; len(st) > 0 {
		for _, a := range ev.latest {
			all, anyOf := true, false
			for _, n := range st {
				if ev.stockAt(n, a) >= 0 {
					anyOf = true
				} else {
					all = false
				}
			}
			if all || zero && anyOf {
				chosen = a
				break
			}
		}
		if chosen < 0 && !zero {
			return
		}
		present = present || chosen >= 0
	}
	// Flows: for an element of monthly reports a value for every due
	// month, for another a value at all (skip); or any value (zero).
	for _, n := range plan.flows[i] {
		var m uint64
		some := false
		for q := range nw {
			if ev.cells[n*nw+q].ok {
				m |= ev.masks[q]
				some = true
			}
		}
		lacks := !some || plan.needs[n].monthly && m != ev.w.full()
		if lacks && !zero {
			return
		}
		present = present || some
	}
	// Derived: of the expected units only.
	if len(plan.derived[i]) > 0 {
		if !u.expected && !zero {
			return
		}
		present = present || u.expected
	}
	// Zero (按零计) for a unit known to act: an expected unit that sent a
	// monthly report due in the period, or one with a value of the total
	// of an element the indicator reads by a category. Of one that sent
	// nothing, nothing is known.
	if !present && !(zero && (u.expected && u.received != 0 || ev.keeps(i))) {
		return
	}

	var num, den int64
	var ovf bool
	for j, t := range plan.terms[i] {
		v, o := ev.value(u, t.need, chosen)
		ovf = ovf || o
		if t.term.Negative {
			if v == storeAbsent {
				ovf = true
			}
			v = -v
		}
		var ok bool
		if t.part == Numerator {
			num, ok = addInt64(num, v)
		} else {
			den, ok = addInt64(den, v)
		}
		ovf = ovf || !ok
		if ev.acc.contribs != nil && !slices.ContainsFunc(plan.terms[i][:j], func(x computeTerm) bool { return x.part == t.part && x.term == t.term }) {
			// A term written twice ("a + a") lists its cells once; Explain
			// shows it under each.
			for _, tg := range u.targets {
				kk := int(tg)*ev.acc.ni + i
				ev.acc.contribs[kk] = ev.contributions(ev.acc.contribs[kk], u, t, chosen)
			}
		}
	}
	for _, tg := range u.targets {
		kk := int(tg)*ev.acc.ni + i
		var ok1, ok2 bool
		ev.acc.num[kk], ok1 = addInt64(ev.acc.num[kk], num)
		ev.acc.den[kk], ok2 = addInt64(ev.acc.den[kk], den)
		ev.acc.overflow[kk] = ev.acc.overflow[kk] || ovf || !ok1 || !ok2
		ev.acc.has[kk] = true
		if u.expected {
			ev.acc.covered[kk]++
		}
	}
}

// counts reports whether the period counts for indicator i at all: some
// month of it is due when the indicator reads monthly reports (an element
// they carry, or one derived from their receipts), and some month has
// begun otherwise.
func (ev *unitEval) counts(i int) bool {
	if ev.plan.monthly[i] {
		return ev.w.due > 0
	}
	return ev.w.begun > 0
}

// stockAt returns the index into within of the period whose value of need
// n the current unit has at the period with index a: the shortest that
// covers it and holds a value, or -1.
func (ev *unitEval) stockAt(n, a int) int {
	nw := len(ev.within)
	for _, q := range ev.cover[a] {
		if ev.cells[n*nw+q].ok {
			return q
		}
	}
	return -1
}

// value returns the current unit's figure of need n, with stocks taken at
// the period with index chosen (none when -1), and whether a sum
// overflowed.
func (ev *unitEval) value(u *computeUnit, n, chosen int) (int64, bool) {
	nw := len(ev.within)
	switch ev.plan.needs[n].kind {
	case needStock:
		if chosen < 0 {
			return 0, false
		}
		q := ev.stockAt(n, chosen)
		if q < 0 {
			return 0, false
		}
		c := ev.cells[n*nw+q]
		return c.v, c.ovf
	case needExpected:
		if u.expected {
			return int64(ev.w.months), false
		}
		return 0, false
	case needReceived:
		return int64(bits.OnesCount64(u.received)), false
	case needOnTime:
		return int64(bits.OnesCount64(u.onTime)), false
	}
	var sum int64
	var ovf bool
	for q := range nw {
		if c := ev.cells[n*nw+q]; c.ok {
			var ok bool
			sum, ok = addInt64(sum, c.v)
			ovf = ovf || c.ovf || !ok
		}
	}
	return sum, ovf
}

// contributions appends the cells of the current unit that make up term t
// of need t.need, stocks taken at chosen.
func (ev *unitEval) contributions(dst []Contribution, u *computeUnit, t computeTerm, chosen int) []Contribution {
	s := ev.s
	need := ev.plan.needs[t.need]
	add := func(d healthedu.DivisionCode, p healthedu.Period, v int64) {
		dst = append(dst, Contribution{Part: t.part, Term: t.term, Division: d, Period: p, Value: v})
	}
	switch need.kind {
	case needExpected, needReceived, needOnTime:
		bitsOf := map[needKind]uint64{needReceived: u.received, needOnTime: u.onTime}[need.kind]
		for slot, m := range ev.w.slots[:ev.w.months] {
			if need.kind == needExpected && u.expected || bitsOf&(1<<slot) != 0 {
				add(u.code, m, 1)
			}
		}
		return dst
	}
	only := -1
	if need.kind == needStock {
		if chosen < 0 {
			return dst
		}
		if only = ev.stockAt(t.need, chosen); only < 0 {
			return dst
		}
	}
	var cells []storeCell
	for _, e := range ev.entries {
		if int(e.need) != t.need {
			continue
		}
		row := s.rows.at(e.row)
		cells = s.rowCells(cells[:0], e.row)
		for _, c := range cells {
			q := ev.withinOf[c.pi]
			if q < 0 || only >= 0 && int(q) != only || need.monthly && (!ev.due[q] || !ev.incl[q]) {
				continue
			}
			add(s.divs[row.div], s.periods[c.pi], c.v)
		}
	}
	return dst
}

// result makes the result of the i-th indicator for the target with index
// u, over the window w.
func (p *computePlan) result(acc *computeAcc, u, i int, ind *Indicator, d healthedu.DivisionCode, w *window) Result {
	k := u*acc.ni + i
	r := Result{
		Indicator: ind, Division: d, Period: w.period,
		Coverage: Coverage{Reporting: int(acc.covered[k]), Expected: int(acc.expected[u])},
		Flags:    []string{},
	}
	if acc.contribs != nil {
		r.Contributions = acc.contribs[k]
		slices.SortStableFunc(r.Contributions, func(a, b Contribution) int {
			if a.Part != b.Part {
				return int(a.Part) - int(b.Part)
			}
			ta, tb := slices.IndexFunc(p.terms[i], func(t computeTerm) bool { return t.part == a.Part && t.term == a.Term }),
				slices.IndexFunc(p.terms[i], func(t computeTerm) bool { return t.part == b.Part && t.term == b.Term })
			if ta != tb {
				return ta - tb
			}
			if c := a.Division.Compare(b.Division); c != 0 {
				return c
			}
			return a.Period.Compare(b.Period)
		})
	}
	if t := ind.targetFor(w.period); t != nil {
		counted := w.begun
		if p.monthly[i] {
			counted = w.due
		}
		if ind.accrues && counted < len(w.slots) {
			t = new(big.Rat).Mul(t, big.NewRat(int64(counted), int64(len(w.slots))))
			r.TargetProrated = true
		}
		r.target = t
	}
	switch {
	case !acc.has[k]:
		r.Reason = ReasonNoData
	case acc.overflow[k]:
		r.Reason = ReasonOverflow
	}
	num, ok1 := addInt64(acc.num[k], ind.num.constant)
	den, ok2 := addInt64(acc.den[k], ind.den.constant)
	if r.Reason == ReasonNone && (!ok1 || !ok2) {
		r.Reason = ReasonOverflow
	}
	if r.Reason != ReasonNone {
		return r
	}
	r.Numerator, r.Denominator = num, den
	switch {
	case den == 0:
		r.Reason = ReasonZeroDenominator
		return r
	case den < 0:
		r.Reason = ReasonNegativeDenominator
		return r
	}
	r.text = formatRatio(num, den, ind.def.Factor, ind.def.Decimals)
	if m := ind.maximum; m != nil && r.Value().Cmp(m) > 0 {
		r.Flags = append(r.Flags, "indicator.aboveMaximum")
	}
	if t := r.target; t != nil {
		v, _ := new(big.Rat).SetString(r.text)
		met := v.Cmp(t) >= 0
		if ind.def.Target.Direction == AtMost {
			met = v.Cmp(t) <= 0
		}
		r.Attainment = NotMet
		if met {
			r.Attainment = Met
		}
	}
	return r
}
