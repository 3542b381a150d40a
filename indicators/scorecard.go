package indicators

import (
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// A WeightRule is a rule on the weights of a score card (权重规则): the
// indicators it names must together weigh at least MinWeight out of 100 in
// every score card that declares the rule. The community health plan sets
// two: in the healthy-community evaluation, the chronic disease control rate
// and the health literacy level together weigh at least 30; in community
// cadres' performance assessment, residents' health satisfaction, the
// chronic disease control rate and health service utilisation at least 20.
type WeightRule struct {
	// Code is the rule's stable code (规则代码).
	Code string `json:"code" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Names is the rule's name in zh-Hans, zh-Hant and en (名称).
	Names healthedu.LocalizedText `json:"names"`
	// Indicators are the codes of the indicators the rule is about (指标代码).
	Indicators []string `json:"indicators" jsonschema:"minItems=1,uniqueItems=true,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// MinWeight is the least their weights must add up to (最低权重合计),
	// as a decimal string such as "30".
	MinWeight string `json:"minWeight" jsonschema:"pattern=^([1-9][0-9]*(\\.[0-9]+)?|0\\.[0-9]*[1-9][0-9]*)$"`
	// Norm names the document that sets the rule (依据).
	Norm string `json:"norm" jsonschema:"minLength=1"`
}

func (r WeightRule) clone() WeightRule {
	r.Indicators = slices.Clone(r.Indicators)
	return r
}

type weightRule struct {
	def WeightRule
	min *big.Rat
}

// A ScoreCardDefinition is a score card as data (评分卡定义): indicators with
// weights that add up to 100, and the weight rules the card must obey.
type ScoreCardDefinition struct {
	// Code is the card's stable code (评分卡代码).
	Code string `json:"code" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Names is the card's name in zh-Hans, zh-Hant and en (名称).
	Names healthedu.LocalizedText `json:"names"`
	// Rules are the codes of the weight rules the card must obey (权重规则).
	Rules []string `json:"rules,omitempty" jsonschema:"uniqueItems=true,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Components are the card's indicators and their weights (评分项).
	Components []Component `json:"components" jsonschema:"minItems=1"`
}

// A Component is one indicator of a score card and its weight (权重), a
// positive decimal string such as "20" or "12.5".
type Component struct {
	// Indicator is the indicator's code (指标代码).
	Indicator string `json:"indicator" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Weight is its weight out of 100 (权重), a positive decimal string.
	Weight string `json:"weight" jsonschema:"pattern=^([1-9][0-9]*(\\.[0-9]+)?|0\\.[0-9]*[1-9][0-9]*)$"`
}

// A ScoreCard is a compiled score card (评分卡): a weighted composite of
// indicators, scored per division by [Store.Score].
//
// Each component scores its weight times the indicator's attainment, a
// fraction from 0 to 1 of the published (rounded) value:
//
//   - against a target to reach (>=): value / target, at most 1;
//   - against a target not to exceed (<=): 1 at or below the target, and
//     target / value above it;
//   - without a target for the period, for a percentage (factor 100):
//     value / 100, between 0 and 1.
//
// A component without a value scores 0. The total is the sum, out of 100.
// An indicator that has neither a target for every period nor factor 100
// cannot be scored, and a card with one is refused.
type ScoreCard struct {
	def        ScoreCardDefinition
	indicators []*Indicator
	weights    []*big.Rat
}

func (c *Catalogue) compileRule(r WeightRule, path string, is *issues) *weightRule {
	n := len(*is)
	if at, _ := elementCodeFault(r.Code); at >= 0 {
		is.add("indicator.code", path+"/code", map[string]any{"value": r.Code})
	}
	checkNames(r.Names, path+"/names", r.Code, is)
	seen := make(map[string]bool)
	for i, code := range r.Indicators {
		if _, ok := c.indicatorIdx[code]; !ok {
			is.add("scorecard.indicator", path+"/indicators/"+strconv.Itoa(i), map[string]any{"value": code})
		}
		if seen[code] {
			is.add("scorecard.duplicate", path+"/indicators/"+strconv.Itoa(i), map[string]any{"value": code})
		}
		seen[code] = true
	}
	if len(r.Indicators) == 0 {
		is.add("scorecard.indicator", path+"/indicators", map[string]any{"value": ""})
	}
	min, ok := parseDecimalRat(r.MinWeight)
	if !ok || min.Sign() <= 0 || min.Cmp(big.NewRat(100, 1)) > 0 {
		is.add("scorecard.weight", path+"/minWeight", map[string]any{"value": r.MinWeight})
	}
	if strings.TrimSpace(r.Norm) == "" {
		is.add("scorecard.norm", path+"/norm", map[string]any{"value": r.Code})
	}
	if len(*is) > n {
		return nil
	}
	return &weightRule{def: r.clone(), min: min}
}

// CompileScoreCard checks a score card definition against c's indicators
// and weight rules and returns the card, without adding it to c. A card
// whose weights do not add up to exactly 100 gives the issue
// "scorecard.weightSum"; one that breaks a rule it declares,
// "scorecard.weightRule". Faults are reported in a [*healthedu.IssuesError] whose
// issue paths point into def.
func (c *Catalogue) CompileScoreCard(def ScoreCardDefinition) (*ScoreCard, error) {
	var is issues
	sc := c.compileScoreCard(def, "", &is)
	if len(is) > 0 {
		return nil, &healthedu.IssuesError{Op: "indicators", Issues: is}
	}
	return sc, nil
}

func (c *Catalogue) compileScoreCard(def ScoreCardDefinition, path string, is *issues) *ScoreCard {
	n := len(*is)
	if at, _ := elementCodeFault(def.Code); at >= 0 {
		is.add("indicator.code", path+"/code", map[string]any{"value": def.Code})
	}
	checkNames(def.Names, path+"/names", def.Code, is)
	sc := &ScoreCard{def: def}
	sc.def.Rules = slices.Clone(def.Rules)
	sc.def.Components = slices.Clone(def.Components)
	total := new(big.Rat)
	weightOf := make(map[string]*big.Rat)
	for i, comp := range def.Components {
		cpath := path + "/components/" + strconv.Itoa(i)
		ind, ok := c.indicatorIdx[comp.Indicator]
		switch {
		case !ok:
			is.add("scorecard.indicator", cpath+"/indicator", map[string]any{"value": comp.Indicator})
		case weightOf[comp.Indicator] != nil:
			is.add("scorecard.duplicate", cpath+"/indicator", map[string]any{"value": comp.Indicator})
		case !scorable(ind):
			is.add("scorecard.unscorable", cpath+"/indicator", map[string]any{"value": comp.Indicator})
		}
		w, ok := parseDecimalRat(comp.Weight)
		if !ok || w.Sign() <= 0 {
			is.add("scorecard.weight", cpath+"/weight", map[string]any{"value": comp.Weight})
			w = new(big.Rat)
		}
		total.Add(total, w)
		weightOf[comp.Indicator] = w
		sc.indicators = append(sc.indicators, ind)
		sc.weights = append(sc.weights, w)
	}
	if len(def.Components) == 0 {
		is.add("scorecard.indicator", path+"/components", map[string]any{"value": ""})
	}
	if len(*is) == n && total.Cmp(big.NewRat(100, 1)) != 0 {
		is.add("scorecard.weightSum", path+"/components", map[string]any{"card": def.Code, "sum": ratText(total)})
	}
	for i, code := range def.Rules {
		rule, ok := c.ruleIdx[code]
		if !ok {
			is.add("scorecard.rule", path+"/rules/"+strconv.Itoa(i), map[string]any{"value": code})
			continue
		}
		sum := new(big.Rat)
		for _, ind := range rule.def.Indicators {
			if w := weightOf[ind]; w != nil {
				sum.Add(sum, w)
			}
		}
		if sum.Cmp(rule.min) < 0 {
			is.add("scorecard.weightRule", path+"/rules/"+strconv.Itoa(i), map[string]any{
				"card": def.Code, "rule": code, "indicators": strings.Join(rule.def.Indicators, ", "),
				"weight": ratText(sum), "min": rule.def.MinWeight,
			})
		}
	}
	if len(*is) > n {
		return nil
	}
	return sc
}

// scorable reports whether a score card can score ind for any period: it
// has a target that applies to every period, or is a percentage.
func scorable(ind *Indicator) bool {
	return ind.target != nil && ind.def.Target.PeriodType == 0 || ind.def.Factor == 100
}

// ratText returns r as a decimal string: exactly when it has a finite
// decimal expansion of up to 6 places, and rounded to 6 places otherwise.
func ratText(r *big.Rat) string {
	for d := 0; d <= 6; d++ {
		s := r.FloatString(d)
		if x, _ := new(big.Rat).SetString(s); x.Cmp(r) == 0 {
			return s
		}
	}
	return r.FloatString(6)
}

// Code returns the card's code (评分卡代码).
func (sc *ScoreCard) Code() string { return sc.def.Code }

// Name returns the card's name in the supported language that serves lang
// best.
func (sc *ScoreCard) Name(lang language.Tag) string { return sc.def.Names.In(lang) }

// Indicators returns the card's indicators, in the order of its components.
func (sc *ScoreCard) Indicators() []*Indicator { return slices.Clone(sc.indicators) }

// Definition returns the definition the card was compiled from.
func (sc *ScoreCard) Definition() ScoreCardDefinition {
	d := sc.def
	d.Rules = slices.Clone(d.Rules)
	d.Components = slices.Clone(d.Components)
	return d
}

// A Score is a division's score on a score card over a period (综合得分).
type Score struct {
	// Card is the score card.
	Card *ScoreCard
	// Division is the division scored.
	Division healthedu.DivisionCode
	// Period is the period scored.
	Period healthedu.Period
	// Components are the scores of the card's components, in its order.
	Components []ComponentScore

	total *big.Rat
}

// A ComponentScore is what one indicator adds to a [Score] (单项得分).
type ComponentScore struct {
	// Result is the indicator's result for the division and period.
	Result Result
	// Weight is the component's weight (权重), as the card defines it.
	Weight string
	// Points is weight × attainment, rounded half-up to 2 decimals for
	// presentation; see [ScoreCard] for attainment.
	Points string

	points *big.Rat
}

// PointsRat returns the component's points exactly.
func (c ComponentScore) PointsRat() *big.Rat { return new(big.Rat).Set(c.points) }

// Total returns the score out of 100, exactly.
func (s Score) Total() *big.Rat { return new(big.Rat).Set(s.total) }

// Text returns the score rounded half-up to 2 decimals, such as "87.25".
func (s Score) Text() string { return roundRat(s.total, 2) }

// Score computes the card's indicators as q asks for each division of
// q.Divisions over q.Period (see [Store.Compute]) and returns each
// division's score, in the order of q.Divisions. The indicators are the
// card's: q.Indicators must be nil.
func (s *Store) Score(card *ScoreCard, q Query) ([]Score, error) {
	if q.Indicators != nil {
		return nil, errors.New("indicators: Score: the query names indicators; a score card brings its own")
	}
	q.Indicators = card.indicators
	results, err := s.Compute(q)
	if err != nil {
		return nil, err
	}
	divisions, p := q.Divisions, q.Period
	n := len(card.indicators)
	scores := make([]Score, len(divisions))
	for i, d := range divisions {
		sc := Score{Card: card, Division: d, Period: p, total: new(big.Rat)}
		for j, r := range results[i*n : (i+1)*n] {
			pts := new(big.Rat).Mul(card.weights[j], attainment(r))
			sc.total.Add(sc.total, pts)
			sc.Components = append(sc.Components, ComponentScore{Result: r, Weight: card.def.Components[j].Weight, Points: roundRat(pts, 2), points: pts})
		}
		scores[i] = sc
	}
	return scores, nil
}

// attainment returns the fraction of its weight a result scores.
func attainment(r Result) *big.Rat {
	if !r.HasValue() {
		return new(big.Rat)
	}
	v, _ := new(big.Rat).SetString(r.text)
	one := big.NewRat(1, 1)
	clamp := func(x *big.Rat) *big.Rat {
		switch {
		case x.Sign() < 0:
			return new(big.Rat)
		case x.Cmp(one) > 0:
			return one
		}
		return x
	}
	t := r.target
	switch {
	case t == nil:
		return clamp(v.Quo(v, big.NewRat(100, 1)))
	case r.Indicator.def.Target.Direction == AtMost:
		if v.Cmp(t) <= 0 {
			return one
		}
		return clamp(new(big.Rat).Quo(t, v))
	case t.Sign() <= 0:
		if v.Cmp(t) >= 0 {
			return one
		}
		return new(big.Rat)
	}
	return clamp(v.Quo(v, t))
}

// roundRat returns r rounded half away from zero to d decimals.
func roundRat(r *big.Rat, d int) string {
	if !r.Num().IsInt64() || !r.Denom().IsInt64() {
		// Scores and gaps are small; fall back on big.Rat's own rounding,
		// which also rounds halves away from zero.
		return r.FloatString(d)
	}
	return formatRatio(r.Num().Int64(), r.Denom().Int64(), 1, d)
}

// A Ranking is a division's place among others (排名): its rank in standard
// competition ranking (1, 2, 2, 4: tied divisions share a rank and the next
// rank skips), the value it was ranked on, and the gap to the division
// ranked next better.
type Ranking struct {
	// Division is the division ranked.
	Division healthedu.DivisionCode
	// Rank is 1 for the best; 0 when the division has no value and is not
	// ranked.
	Rank int
	// Value is the published value the division was ranked on, "" when it
	// has none.
	Value string
	// Gap is how far the division is behind the next better value (与前一
	// 名差距), as a non-negative decimal string with the values' decimals;
	// "" for the divisions ranked first and those not ranked.
	Gap string
}

// RankScores ranks the scores of one card over one period, highest first,
// on their totals as published (rounded to 2 decimals): totals that print
// the same tie. The rankings are sorted by rank, then division code; the
// divisions scored are all ranked.
func RankScores(scores []Score) []Ranking {
	entries := make([]rankEntry, len(scores))
	for i, s := range scores {
		entries[i] = rankEntry{div: s.Division, text: s.Text()}
	}
	return rank(entries, false, 2)
}

// RankResults ranks the results of one indicator over one period on their
// published values: highest first, or lowest first when the indicator's
// target is one not to exceed (<=). Divisions without a value are listed
// last with rank 0. The rankings are sorted by rank, then division code.
func RankResults(results []Result) []Ranking {
	entries := make([]rankEntry, len(results))
	lowerBetter := false
	decimals := 0
	for i, r := range results {
		entries[i] = rankEntry{div: r.Division, text: r.text}
		if t, ok := r.Indicator.Target(); ok && t.Direction == AtMost {
			lowerBetter = true
		}
		decimals = max(decimals, r.Indicator.def.Decimals)
	}
	return rank(entries, lowerBetter, decimals)
}

type rankEntry struct {
	div  healthedu.DivisionCode
	text string
	val  *big.Rat
}

func rank(entries []rankEntry, lowerBetter bool, decimals int) []Ranking {
	for i := range entries {
		if entries[i].text != "" {
			entries[i].val, _ = new(big.Rat).SetString(entries[i].text)
		}
	}
	better := func(a, b *rankEntry) int { // < 0 when a ranks before b
		switch {
		case a.val == nil && b.val == nil:
			return 0
		case a.val == nil:
			return 1
		case b.val == nil:
			return -1
		}
		if lowerBetter {
			return a.val.Cmp(b.val)
		}
		return b.val.Cmp(a.val)
	}
	slices.SortStableFunc(entries, func(a, b rankEntry) int {
		if c := better(&a, &b); c != 0 {
			return c
		}
		return a.div.Compare(b.div)
	})
	out := make([]Ranking, len(entries))
	for i := range entries {
		e := &entries[i]
		out[i] = Ranking{Division: e.div, Value: e.text}
		if e.val == nil {
			continue
		}
		if i > 0 && better(&entries[i-1], e) == 0 {
			out[i].Rank, out[i].Gap = out[i-1].Rank, out[i-1].Gap
			continue
		}
		out[i].Rank = i + 1
		if i > 0 {
			g := new(big.Rat).Sub(entries[i-1].val, e.val)
			out[i].Gap = g.Abs(g).FloatString(decimals) // exact: both values have these decimals
		}
	}
	return out
}
