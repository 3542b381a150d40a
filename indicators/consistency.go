package indicators

import (
	"cmp"
	"math/big"
	"slices"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// A RateCheck is the outcome of comparing a rate reported beside its counts
// with them (上报率与分子分母一致性核查), see [CheckRate].
type RateCheck struct {
	// Reported is the reported value, as written.
	Reported healthedu.Decimal
	// Computed is numerator / denominator × factor rounded half-up to the
	// reported value's decimals: the value the counts imply as published.
	Computed string
	// Agrees reports whether Computed equals Reported.
	Agrees bool
	// MinDenominator and MaxDenominator bound the denominators that, with
	// the numerator, round to the reported value at its decimals: 13,432
	// at 96.41% implies 13,932 and nothing else. MaxDenominator is -1 when
	// there is no upper bound (a reported value of 0) and MinDenominator >
	// MaxDenominator ≥ 0 when no denominator fits.
	MinDenominator, MaxDenominator int64
}

// ImpliedText returns the implied denominators for a message: "13932",
// "13930–13931", "13930 or more", or "none".
func (c RateCheck) ImpliedText() string {
	lo, hi := c.MinDenominator, c.MaxDenominator
	switch {
	case hi < 0:
		return strconv.FormatInt(lo, 10) + " or more"
	case lo > hi:
		return "none"
	case lo == hi:
		return strconv.FormatInt(lo, 10)
	}
	return strconv.FormatInt(lo, 10) + "–" + strconv.FormatInt(hi, 10)
}

// CheckRate compares a rate reported for ind with the numerator and the
// denominator reported beside it, at the decimals of the reported value (as
// published: 96.41 is checked to 2 decimals, 96.4 to 1): the counts agree
// when numerator / denominator × factor, rounded half-up to those decimals,
// equals the reported value. 九原 reported 13,432 children under management
// at 96.41%: with 13,932 children the check agrees, and 96.42% would not.
//
// The result also gives the range of denominators that fit the numerator
// and the reported rate, which tells a checker what the submitter must have
// divided by. A denominator of 0 or less never agrees.
func CheckRate(ind *Indicator, numerator, denominator int64, reported healthedu.Decimal) RateCheck {
	c := RateCheck{Reported: reported}
	k := reported.Scale()
	if denominator > 0 {
		c.Computed = formatRatio(numerator, denominator, ind.def.Factor, k)
		x, _ := new(big.Rat).SetString(c.Computed)
		c.Agrees = x.Cmp(reported.Rat()) == 0
	}
	c.MinDenominator, c.MaxDenominator = impliedDenominators(numerator, ind.def.Factor, reported)
	return c
}

// impliedDenominators returns the least and the greatest d > 0 for which
// numerator × factor / d rounds half-up to r at r's decimals, that is,
// r − h ≤ X / d < r + h with X = numerator × factor and h half a unit of
// r's last place. hi is -1 when there is no upper bound; lo > hi when no d
// fits.
func impliedDenominators(numerator, factor int64, r healthedu.Decimal) (lo, hi int64) {
	x := new(big.Rat).SetInt(new(big.Int).Mul(big.NewInt(numerator), big.NewInt(factor)))
	if x.Sign() <= 0 {
		if r.Sign() == 0 && x.Sign() == 0 {
			return 1, -1 // 0 / d rounds to 0 for every d
		}
		return 1, 0
	}
	half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(r.Scale())), nil))
	half.Quo(half, big.NewRat(2, 1))
	rv := r.Rat()
	upper := new(big.Rat).Add(rv, half) // X / d < upper  ⇔  d > X / upper
	lower := new(big.Rat).Sub(rv, half) // X / d ≥ lower  ⇔  d ≤ X / lower
	if upper.Sign() <= 0 {
		return 1, 0
	}
	q := new(big.Rat).Quo(x, upper)
	lo = ratFloor(q) + 1
	if lower.Sign() <= 0 {
		return lo, -1
	}
	hi = ratFloor(new(big.Rat).Quo(x, lower))
	return lo, hi
}

// ratFloor returns ⌊r⌋ for r ≥ 0, saturating at the largest int64.
func ratFloor(r *big.Rat) int64 {
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if !q.IsInt64() {
		return 1<<63 - 1
	}
	return q.Int64()
}

// CheckReport checks the rates a monthly report (月报) gives beside their
// counts, for each indicator of c that names a reported element (see
// [Definition.Reported]): when the report holds that element and every
// element of the indicator's numerator and denominator (filters and
// constants aside, a monthly report carries totals only), the rate must
// agree with the counts at its own decimals (see [CheckRate]). Each
// disagreement is a warning with code "consistency.rate" at the reported
// value ("/values/3/value"), whose params give the indicator's code, the
// reported and the computed value, the counts and the denominators the
// reported value implies.
func CheckReport(r *healthedu.MonthlyReport, c *Catalogue) []healthedu.Issue {
	var out []healthedu.Issue
	values := make(map[string]int64, len(r.Values))
	at := make(map[string]int, len(r.Values))
	for i, v := range r.Values {
		at[v.Element] = i
		if n, ok := v.Value.Int64(); ok {
			values[v.Element] = n
		}
	}
	for _, ind := range c.indicators {
		i, ok := at[ind.def.Reported]
		if ind.def.Reported == "" || !ok {
			continue
		}
		num, okN := evalReport(ind.num, values)
		den, okD := evalReport(ind.den, values)
		if !okN || !okD {
			continue
		}
		chk := CheckRate(ind, num, den, r.Values[i].Value)
		if chk.Agrees {
			continue
		}
		computed := chk.Computed
		if computed == "" {
			computed = "—"
		}
		out = append(out, healthedu.NewIssue("consistency.rate", healthedu.Pointer("values", strconv.Itoa(i), "value"), map[string]any{
			"indicator": ind.Code(), "reported": chk.Reported.String(), "computed": computed,
			"numerator": num, "denominator": den, "implied": chk.ImpliedText(),
		}))
	}
	return out
}

// evalReport evaluates e over the totals of one report. It reports false
// when a term has a filter or an element the report lacks, or on overflow.
func evalReport(e Expr, values map[string]int64) (int64, bool) {
	sum := e.constant
	for _, t := range e.terms {
		v, ok := values[t.Element]
		if !ok || t.Category != "" || t.Negative && v == storeAbsent {
			return 0, false
		}
		if t.Negative {
			v = -v
		}
		if sum, ok = addInt64(sum, v); !ok {
			return 0, false
		}
	}
	return sum, true
}

// CheckStocks checks the stocks (存量, elements aggregated by last) held in
// s for values recorded both for a division and for a division that
// contains it, in the same series and period: a county's figure beside its
// townships'. Such a pair is a sign of double counting, since s adds every
// division's cells into those that contain it (see [Store.Compute]), or of
// an error; CheckStocks reports, as warnings,
//
//   - "consistency.stock" when a division's value exceeds that of the
//     nearest division above it that has one;
//   - "consistency.stockSum" when the values of the divisions nearest below
//     a division add up to more than its own.
//
// Elements whose values at nested divisions count different things
// (healthedu.Element.Disjoint), such as those derived from the register of
// people, are not checked. The issues have no path (they concern the
// store, not one document) and are sorted by element, category, period
// and division.
func (s *Store) CheckStocks() []healthedu.Issue {
	type found struct {
		elem, cat string
		period    healthedu.Period
		div       healthedu.DivisionCode
		issue     healthedu.Issue
	}
	var all []found
	rowsOf, rowStart := s.seriesRows()
	for si := range s.series {
		ser := &s.series[si]
		serRows := rowsOf[rowStart[si]:rowStart[si+1]]
		if !ser.info.last || ser.info.disjoint || len(serRows) < 2 {
			continue
		}
		rowOf := make(map[healthedu.DivisionCode]int32, len(serRows))
		for _, r := range serRows {
			rowOf[s.divs[s.rows.at(r).div]] = r
		}
		name := ser.element
		if ser.category != "" {
			name += "[" + ser.category + "]"
		}
		for pi, period := range s.periods {
			sums := make(map[healthedu.DivisionCode]int64)
			for _, r := range serRows {
				v, ok := s.cellAt(r, int32(pi))
				if !ok {
					continue
				}
				d := s.divs[s.rows.at(r).div]
				var chain [5]healthedu.DivisionCode
				n := 0
				for a := range d.Ancestors() {
					chain[n] = a
					n++
				}
				for j := n - 1; j >= 0; j-- {
					a := chain[j]
					ar, ok := rowOf[a]
					if !ok {
						continue
					}
					av, ok := s.cellAt(ar, int32(pi))
					if !ok {
						continue
					}
					if v > av {
						all = append(all, found{ser.element, ser.category, period, d, healthedu.NewIssue("consistency.stock", "", map[string]any{
							"element": name, "division": d.String(), "value": v, "parent": a.String(), "parentValue": av, "period": period.String(),
						})})
					}
					sum, ok := addInt64(sums[a], v)
					if !ok {
						sum = 1<<63 - 1
					}
					sums[a] = sum
					break
				}
			}
			for a, sum := range sums {
				if av, _ := s.cellAt(rowOf[a], int32(pi)); sum > av {
					all = append(all, found{ser.element, ser.category, period, a, healthedu.NewIssue("consistency.stockSum", "", map[string]any{
						"element": name, "division": a.String(), "value": av, "sum": sum, "period": period.String(),
					})})
				}
			}
		}
	}
	slices.SortStableFunc(all, func(a, b found) int {
		return cmp.Or(cmp.Compare(a.elem, b.elem), cmp.Compare(a.cat, b.cat), a.period.Compare(b.period), a.div.Compare(b.div), cmp.Compare(a.issue.Code, b.issue.Code))
	})
	out := make([]healthedu.Issue, len(all))
	for i, f := range all {
		out[i] = f.issue
	}
	return out
}
