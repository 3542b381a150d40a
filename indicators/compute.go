package indicators

import (
	"errors"
	"math/big"
	"slices"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// A Query asks a [Store] for the values of indicators (指标计算): each
// indicator for each division, over one period.
type Query struct {
	// Indicators are the indicators to compute.
	Indicators []*Indicator
	// Divisions are the divisions to compute them for, at any level: a
	// province, a city, a county, a township, a village.
	Divisions []healthedu.DivisionCode
	// Period is the period to compute them over, of any type: a month, a
	// quarter, a half-year, a year, a week or a day.
	Period healthedu.Period
	// Explain asks for each result's contributions (see
	// [Result.Contributions]). It costs memory in proportion to the cells
	// that contribute.
	Explain bool
}

// Compute returns the value of each indicator of q for each division of q
// over q.Period, in the order of q.Divisions and, for each division, of
// q.Indicators.
//
// For a division D and a period P, each element reference of the numerator
// and the denominator adds up the cells of its element and category
//
//   - over divisions, always by sum: the cells of every division D contains
//     (see [healthedu.DivisionCode.Contains]), D itself included, whatever
//     their level: the figures of a province are those of its cities,
//     counties, townships and villages, added once each;
//   - over time, as the element says: for a sum element (流量), the cells of
//     every period P contains (see [healthedu.Period.ContainsPeriod]), so
//     that months add up into quarters and years; for a last element (存量,
//     such as children under management), for each division separately the
//     cell of the latest period within P that has one (latest end, and among
//     periods ending together the shortest), so that a quarter's stock is
//     that of its last reported month, division by division, and a
//     township that did not report in March counts with its February figure.
//
// A value recorded for a county beside its townships' counts as the
// county's own, in addition to theirs: record each figure once, at the
// division it belongs to. [Store.CheckStocks] flags stocks recorded at two
// levels that do not fit together, the usual sign of such double counting.
//
// The numerator and the denominator are then exact integers, and the value
// is numerator / denominator × factor, never a mean of the divisions'
// rates. A result has no value when no cell contributed to any element of
// the indicator, when the denominator is zero or negative, and when a sum
// leaves the range of int64; its Reason says which.
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
	acc := s.accumulate(plan, targets, len(uniq), q.Period, q.Explain)

	results := make([]Result, 0, len(q.Divisions)*len(q.Indicators))
	for _, d := range q.Divisions {
		u := int(targets[d])
		for i, ind := range q.Indicators {
			results = append(results, plan.result(acc, u, i, ind, d, q.Period, q.Explain))
		}
	}
	return results, nil
}

// A computePlan lists the series the indicators of a query need and, for
// each indicator, which of them its terms read.
type computePlan struct {
	needs []computeNeed
	terms [][]computeTerm // by indicator
}

type computeNeed struct {
	key  storeSeriesKey
	si   int32 // the store's series, or -1 when the store has no value of it
	last bool
}

type computeTerm struct {
	need int // index into needs
	term Term
	part Part
}

func (s *Store) plan(inds []*Indicator) (*computePlan, error) {
	p := &computePlan{terms: make([][]computeTerm, len(inds))}
	idx := make(map[storeSeriesKey]int)
	for i, ind := range inds {
		if ind == nil {
			return nil, errors.New("indicators: Compute: nil indicator")
		}
		for part, e := range [...]Expr{Numerator: ind.num, Denominator: ind.den} {
			for _, t := range e.terms {
				key := storeSeriesKey{t.Element, t.Category}
				n, ok := idx[key]
				if !ok {
					info, known := s.elements[t.Element]
					if !known {
						return nil, errors.New("indicators: Compute: indicator " + ind.Code() + ": element " + strconv.Quote(t.Element) + " is not in the store's catalogue")
					}
					si, found := s.seriesIdx[key]
					if !found {
						si = -1
					}
					n = len(p.needs)
					idx[key] = n
					p.needs = append(p.needs, computeNeed{key: key, si: si, last: info.last})
				}
				p.terms[i] = append(p.terms[i], computeTerm{need: n, term: t, part: Part(part)})
			}
		}
	}
	return p, nil
}

// computeAcc holds, for each target division and needed series, the sum of
// the series over the target, whether any cell contributed, whether the sum
// overflowed and, when asked, the cells that contributed.
type computeAcc struct {
	n        int // number of needs: the stride of the arrays
	sum      []int64
	has      []bool
	overflow []bool
	contribs [][]storeCellRef
	resolve  func(storeCellRef) (healthedu.DivisionCode, healthedu.Period)
}

// storeCellRef names one cell that contributed to a sum.
type storeCellRef struct {
	div, period int32
	value       int64
}

// accumulate adds up the needed series of plan over the targets (division
// → index, nt of them) and the period p.
func (s *Store) accumulate(plan *computePlan, targets map[healthedu.DivisionCode]int32, nt int, p healthedu.Period, explain bool) *computeAcc {
	n := len(plan.needs)
	acc := &computeAcc{n: n, sum: make([]int64, nt*n), has: make([]bool, nt*n), overflow: make([]bool, nt*n)}
	if explain {
		acc.contribs = make([][]storeCellRef, nt*n)
	}

	// The targets each stored division lies in, as ranges of divTargets.
	divStart := make([]int32, len(s.divs)+1)
	var divTargets []int32
	for di, d := range s.divs {
		divStart[di] = int32(len(divTargets))
		if t, ok := targets[d]; ok {
			divTargets = append(divTargets, t)
		}
		for a := range d.Ancestors() {
			if t, ok := targets[a]; ok {
				divTargets = append(divTargets, t)
			}
		}
	}
	divStart[len(s.divs)] = int32(len(divTargets))

	// The stored periods within p: in calendar order for sums, and latest
	// first for stocks.
	var within []int32
	for pi, q := range s.periods {
		if p.ContainsPeriod(q) {
			within = append(within, int32(pi))
		}
	}
	slices.SortFunc(within, func(a, b int32) int { return s.periods[a].Compare(s.periods[b]) })
	latest := slices.Clone(within)
	slices.SortStableFunc(latest, func(a, b int32) int {
		pa, pb := s.periods[a], s.periods[b]
		if c := pb.End().Compare(pa.End()); c != 0 {
			return c
		}
		return pb.Start().Compare(pa.Start())
	})

	for ni, need := range plan.needs {
		if need.si < 0 {
			continue
		}
		for _, r := range s.series[need.si].rows {
			row := &s.rows[r]
			ts := divTargets[divStart[row.div]:divStart[row.div+1]]
			if len(ts) == 0 {
				continue
			}
			cells := row.cells
			var (
				v        int64
				any, ovf bool
				chosen   int32 = -1
			)
			if need.last {
				for _, pi := range latest {
					if int(pi) < len(cells) && cells[pi] != storeAbsent {
						v, any, chosen = cells[pi], true, pi
						break
					}
				}
			} else {
				for _, pi := range within {
					if int(pi) < len(cells) && cells[pi] != storeAbsent {
						var ok bool
						v, ok = addInt64(v, cells[pi])
						ovf = ovf || !ok
						any = true
					}
				}
			}
			if !any {
				continue
			}
			for _, t := range ts {
				k := int(t)*n + ni
				sum, ok := addInt64(acc.sum[k], v)
				acc.sum[k] = sum
				acc.has[k] = true
				acc.overflow[k] = acc.overflow[k] || ovf || !ok
				if !explain {
					continue
				}
				if chosen >= 0 {
					acc.contribs[k] = append(acc.contribs[k], storeCellRef{row.div, chosen, v})
					continue
				}
				for _, pi := range within {
					if int(pi) < len(cells) && cells[pi] != storeAbsent {
						acc.contribs[k] = append(acc.contribs[k], storeCellRef{row.div, pi, cells[pi]})
					}
				}
			}
		}
	}
	if explain {
		for _, c := range acc.contribs {
			slices.SortFunc(c, func(a, b storeCellRef) int {
				if x := s.divs[a.div].Compare(s.divs[b.div]); x != 0 {
					return x
				}
				return s.periods[a.period].Compare(s.periods[b.period])
			})
		}
		acc.resolve = func(r storeCellRef) (healthedu.DivisionCode, healthedu.Period) {
			return s.divs[r.div], s.periods[r.period]
		}
	}
	return acc
}

// result makes the result of the i-th indicator for the target with index u.
func (p *computePlan) result(acc *computeAcc, u, i int, ind *Indicator, d healthedu.DivisionCode, period healthedu.Period, explain bool) Result {
	r := Result{Indicator: ind, Division: d, Period: period}
	num, den := ind.num.constant, ind.den.constant
	var has, ovf bool
	for j, t := range p.terms[i] {
		k := u*acc.n + t.need
		has = has || acc.has[k]
		ovf = ovf || acc.overflow[k]
		v := acc.sum[k]
		if t.term.Negative {
			if v == storeAbsent { // -MinInt64 overflows
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
		if explain && !slices.ContainsFunc(p.terms[i][:j], func(u computeTerm) bool { return u.part == t.part && u.term == t.term }) {
			// A term written twice ("a + a") lists its cells once; Explain
			// shows it under each.
			for _, c := range acc.contribs[k] {
				dv, pv := acc.resolve(c)
				r.Contributions = append(r.Contributions, Contribution{Part: t.part, Term: t.term, Division: dv, Period: pv, Value: c.value})
			}
		}
	}
	switch {
	case !has:
		r.Reason = ReasonNoData
	case ovf:
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
	if t := ind.targetFor(period); t != nil {
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
