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

// A Definition is an indicator as data (指标定义): the form in which a
// catalogue file holds it and from which [Catalogue.Compile] makes an
// [Indicator]. Its value for a division and a period is
//
//	Σ numerator / Σ denominator × factor
//
// where each Σ adds the values of the expression's elements over every
// division and period the result covers (see [Store.Compute]), rounded
// half-up (四舍五入) to Decimals only when presented.
type Definition struct {
	// Code is the indicator's stable code (指标代码), lower-case words
	// joined by hyphens, such as "child-health-management-rate".
	Code string `json:"code" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
	// Names is the indicator's name in zh-Hans, zh-Hant and en (指标名称).
	Names healthedu.LocalizedText `json:"names"`
	// Numerator is the expression over elements above the line (分子), in
	// the syntax of [ParseExpression].
	Numerator string `json:"numerator" jsonschema:"minLength=1,maxLength=4096"`
	// Denominator is the expression below the line (分母); "1" for an
	// indicator that is a count, such as person-times reached.
	Denominator string `json:"denominator" jsonschema:"minLength=1,maxLength=4096"`
	// Factor multiplies the ratio (系数): 1, 100 for a percentage, 1000 for
	// per mille, 10000 for per 10,000 residents, 100000 for per 100,000.
	Factor int64 `json:"factor" jsonschema:"enum=1,enum=100,enum=1000,enum=10000,enum=100000"`
	// Decimals is the number of decimals a value is presented with (小数位数),
	// 0 to 6.
	Decimals int `json:"decimals" jsonschema:"minimum=0,maximum=6"`
	// Target is the level the value should reach or stay under (目标值),
	// when a norm sets one.
	Target *Target `json:"target,omitempty"`
	// Missing says how a division that lacks a value the indicator needs
	// is counted (缺失值处理): "skip" (the default) leaves it out of both
	// the numerator and the denominator, "zero" counts the missing value as
	// 0. See [Missing].
	Missing Missing `json:"missing,omitempty"`
	// Maximum is the greatest value the indicator can take when its
	// figures are consistent (上限), as a decimal string: "100" for the
	// rate of a part in its whole. A value above it is kept, and flagged
	// with the issue code "indicator.aboveMaximum" (see [Result.Flags]).
	Maximum string `json:"maximum,omitempty" jsonschema:"pattern=^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"`
	// Reported names the element in which submitters report the
	// indicator's value beside its counts (上报值数据元), such as
	// "children-0-6-management-rate", so that [CheckReport] can compare the
	// two. It must be an element of type percent or decimal.
	Reported string `json:"reported,omitempty" jsonschema:"minLength=1,maxLength=64,pattern=^[a-z0-9]+(-[a-z0-9]+)*$"`
}

// A Target is what a norm expects of an indicator (目标值): a value to reach
// (Direction AtLeast, 不低于) or not to exceed (AtMost, 不高于), and the norm
// that sets it (依据).
type Target struct {
	// Value is the target as a decimal string (目标值), such as "85" or
	// "3.5", in the unit of the indicator's values (so "85" for 85%).
	Value string `json:"value" jsonschema:"pattern=^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"`
	// Direction says whether values at or above the target meet it (>=,
	// 不低于) or values at or below it (<=, 不高于).
	Direction Direction `json:"direction"`
	// Norm names the document that sets the target (依据), such as
	// "健康中国行动（2019—2030年）".
	Norm string `json:"norm" jsonschema:"minLength=1"`
	// PeriodType, when set, restricts the target to results for periods of
	// that type (适用报告期类型): a minimum of 12 lectures a year says
	// nothing of a quarter. Results for other periods have no target.
	//
	// Such a target, of an indicator whose numerator sums flows (流量) and
	// whose denominator holds none, is a count that accrues over the
	// period: compared with a period in progress it is pro-rated to the
	// months due (按进度折算, see [Result.TargetProrated]), so that 10
	// lectures by the end of October meet 12 a year.
	PeriodType healthedu.PeriodType `json:"periodType,omitempty"`
}

// Direction says on which side of a [Target] values meet it (达标方向).
type Direction uint8

// The directions of a target.
const (
	AtLeast Direction = 1 + iota // ">=": values at or above the target meet it (不低于)
	AtMost                       // "<=": values at or below the target meet it (不高于)
)

// String returns ">=" or "<=", or "Direction(n)" for an invalid direction.
func (d Direction) String() string {
	switch d {
	case AtLeast:
		return ">="
	case AtMost:
		return "<="
	}
	return "Direction(" + strconv.Itoa(int(d)) + ")"
}

// MarshalText implements encoding.TextMarshaler: ">=" or "<=". It fails
// for an invalid direction.
func (d Direction) MarshalText() ([]byte, error) {
	if d != AtLeast && d != AtMost {
		return nil, errors.New("indicators: invalid " + d.String())
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly
// ">=" and "<=".
func (d *Direction) UnmarshalText(text []byte) error {
	switch string(text) {
	case ">=":
		*d = AtLeast
	case "<=":
		*d = AtMost
	default:
		return errors.New("indicators: unknown direction " + strconv.Quote(string(text)) + ", want >= or <=")
	}
	return nil
}

// Missing says how a division without a value an indicator needs is
// counted (缺失值处理), as DHIS2's missing value strategies do. The division
// in question is a reporting unit (填报单位, see [Reporters]): a township,
// with what is recorded for the villages within it.
//
// A division lacks a value when, within the due part of the period (see
// [Query.Now]), the elements of the indicator that are stocks (存量, taken
// at the latest month) have no month in which they are all reported, or
// an element that is a flow (流量, summed over time) has no value: for an
// element that every monthly report carries (see
// [healthedu.Element.ExpectedInMonthlyReport]), none for one of the due
// months; for another, such as activities derived from records, none at
// all.
type Missing uint8

// The missing-value strategies.
const (
	// MissingSkip, "skip" (跳过), leaves a division that lacks a value out
	// of both the numerator and the denominator, so that the figure is
	// that of the divisions with complete values, and its coverage says
	// how many they are. It is the default, and right for indicators over
	// the elements of monthly reports: a figure left out is not a zero.
	MissingSkip Missing = iota
	// MissingZero, "zero" (按零计), counts a missing value as 0 for every
	// expected division that reports — that sent a monthly report due in
	// the period — and as contributing. It is right for counts derived
	// from records, such as activities held: where a division that
	// reports recorded nothing, nothing was done. Of a division that sent
	// nothing at all, nothing is known: it is left out unless it has a
	// value, and the coverage says so, so that a province of which one
	// city is on the platform does not read as complete.
	MissingZero
)

// String returns "skip" or "zero", or "Missing(n)" for an invalid value.
func (m Missing) String() string {
	switch m {
	case MissingSkip:
		return "skip"
	case MissingZero:
		return "zero"
	}
	return "Missing(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText implements encoding.TextMarshaler: "skip" or "zero". It
// fails for an invalid value.
func (m Missing) MarshalText() ([]byte, error) {
	if m != MissingSkip && m != MissingZero {
		return nil, errors.New("indicators: invalid " + m.String())
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly
// "skip" and "zero".
func (m *Missing) UnmarshalText(text []byte) error {
	switch string(text) {
	case "skip":
		*m = MissingSkip
	case "zero":
		*m = MissingZero
	default:
		return errors.New("indicators: unknown missing-value strategy " + strconv.Quote(string(text)) + ", want skip or zero")
	}
	return nil
}

// An Indicator is a compiled indicator (指标): a [Definition] whose
// expressions are parsed and whose elements are known to the [Catalogue]
// that compiled it. Compute its values with [Store.Compute].
//
// An Indicator does not change once compiled and is safe for concurrent use.
type Indicator struct {
	def      Definition
	num, den Expr
	target   *big.Rat // nil without a target
	maximum  *big.Rat // nil without a maximum
	// accrues reports whether the target is a count that accrues over its
	// period (累计型目标), and so is pro-rated in a period in progress: the
	// target is restricted to a period type, the numerator sums flows only
	// and the denominator holds no flow.
	accrues bool
}

// Code returns the indicator's code (指标代码).
func (ind *Indicator) Code() string { return ind.def.Code }

// Names returns the indicator's names in the three languages (指标名称).
func (ind *Indicator) Names() healthedu.LocalizedText { return ind.def.Names }

// Name returns the indicator's name in the supported language that serves
// lang best (zh-Hans, zh-Hant or en; zh-Hans when none does).
func (ind *Indicator) Name(lang language.Tag) string { return ind.def.Names.In(lang) }

// Numerator returns the parsed numerator (分子).
func (ind *Indicator) Numerator() Expr { return ind.num }

// Denominator returns the parsed denominator (分母).
func (ind *Indicator) Denominator() Expr { return ind.den }

// Factor returns the factor (系数): 1, 100, 1000, 10000 or 100000.
func (ind *Indicator) Factor() int64 { return ind.def.Factor }

// Decimals returns the number of decimals values are presented with.
func (ind *Indicator) Decimals() int { return ind.def.Decimals }

// Target returns the indicator's target and true, or the zero Target and
// false when it has none.
func (ind *Indicator) Target() (Target, bool) {
	if ind.def.Target == nil {
		return Target{}, false
	}
	return *ind.def.Target, true
}

// targetFor returns the target value for results over p, or nil when there
// is none for p's type.
func (ind *Indicator) targetFor(p healthedu.Period) *big.Rat {
	if ind.target == nil || ind.def.Target.PeriodType != 0 && ind.def.Target.PeriodType != p.Type() {
		return nil
	}
	return ind.target
}

// Missing returns the indicator's missing-value strategy (缺失值处理).
func (ind *Indicator) Missing() Missing { return ind.def.Missing }

// Maximum returns the indicator's maximum as a decimal string and true, or
// "" and false when it has none (see [Definition.Maximum]).
func (ind *Indicator) Maximum() (string, bool) { return ind.def.Maximum, ind.maximum != nil }

// Reported returns the code of the element in which submitters report the
// indicator's value, or "" (see [Definition.Reported]).
func (ind *Indicator) Reported() string { return ind.def.Reported }

// Definition returns the definition the indicator was compiled from, with
// the numerator and denominator in canonical form (see [Expr.String]).
func (ind *Indicator) Definition() Definition {
	d := ind.def
	if d.Target != nil {
		t := *d.Target
		d.Target = &t
	}
	return d
}

// String returns the indicator's code.
func (ind *Indicator) String() string { return ind.def.Code }

// indicatorFactors are the factors a definition may use.
var indicatorFactors = [...]int64{1, 100, 1000, 10000, 100000}

// maxDecimals is the most decimals a definition may present.
const maxDecimals = 6

// issues collects the issues found while checking definitions.
type issues []healthedu.Issue

func (is *issues) add(code, path string, params map[string]any) {
	*is = append(*is, healthedu.NewIssue(code, path, params))
}

// compile checks def against the catalogue's elements and returns the
// indicator, adding an issue under base (a JSON Pointer) for each fault.
func (c *Catalogue) compile(def Definition, base string, is *issues) *Indicator {
	n := len(*is)
	if at, _ := elementCodeFault(def.Code); at >= 0 {
		is.add("indicator.code", base+"/code", map[string]any{"value": def.Code})
	}
	checkNames(def.Names, base+"/names", def.Code, is)
	ind := &Indicator{def: def}
	ind.num = c.compileExpr(def.Numerator, base+"/numerator", is)
	ind.den = c.compileExpr(def.Denominator, base+"/denominator", is)
	if !slices.Contains(indicatorFactors[:], def.Factor) {
		is.add("indicator.factor", base+"/factor", map[string]any{"value": def.Factor})
	}
	if def.Decimals < 0 || def.Decimals > maxDecimals {
		is.add("indicator.decimals", base+"/decimals", map[string]any{"value": def.Decimals})
	}
	if t := def.Target; t != nil {
		r, ok := parseDecimalRat(t.Value)
		if !ok {
			is.add("indicator.target", base+"/target/value", map[string]any{"value": t.Value})
		}
		if t.Direction != AtLeast && t.Direction != AtMost {
			is.add("indicator.target", base+"/target/direction", map[string]any{"value": t.Direction.String()})
		}
		if strings.TrimSpace(t.Norm) == "" {
			is.add("indicator.target", base+"/target/norm", map[string]any{"value": t.Norm})
		}
		if t.PeriodType != 0 && !t.PeriodType.IsValid() {
			is.add("indicator.target", base+"/target/periodType", map[string]any{"value": t.PeriodType.String()})
		}
		ind.target = r
	}
	if def.Missing != MissingSkip && def.Missing != MissingZero {
		is.add("indicator.missing", base+"/missing", map[string]any{"value": def.Missing.String()})
	}
	if def.Maximum != "" {
		r, ok := parseDecimalRat(def.Maximum)
		if !ok {
			is.add("indicator.maximum", base+"/maximum", map[string]any{"value": def.Maximum})
		}
		ind.maximum = r
	}
	if def.Reported != "" {
		e, ok := c.Element(def.Reported)
		if !ok || e.ValueType != healthedu.ValuePercent && e.ValueType != healthedu.ValueDecimal {
			is.add("indicator.reported", base+"/reported", map[string]any{"value": def.Reported})
		}
	}
	if len(*is) > n {
		return nil
	}
	ind.def.Numerator, ind.def.Denominator = ind.num.String(), ind.den.String()
	ind.accrues = def.Target != nil && def.Target.PeriodType != 0 && c.allFlows(ind.num) && !c.anyFlow(ind.den)
	if ind.def.Target != nil {
		t := *ind.def.Target
		ind.def.Target = &t
	}
	return ind
}

// compileExpr parses an expression and checks that its elements are in the
// catalogue and take integer values.
func (c *Catalogue) compileExpr(s, path string, is *issues) Expr {
	e, err := ParseExpression(s)
	if err != nil {
		pe := err.(*healthedu.ParseError)
		is.add("indicator.expression", path, map[string]any{"value": s, "at": pe.At})
		return Expr{}
	}
	for _, t := range e.terms {
		if info, ok := c.info[t.Element]; !ok || !info.integral {
			is.add("indicator.element", path, map[string]any{"value": t.Element})
		}
	}
	return e
}

// allFlows reports whether e has terms and each is a flow element (流量).
func (c *Catalogue) allFlows(e Expr) bool {
	for _, t := range e.terms {
		if c.info[t.Element].last {
			return false
		}
	}
	return len(e.terms) > 0
}

// anyFlow reports whether a term of e is a flow element.
func (c *Catalogue) anyFlow(e Expr) bool {
	for _, t := range e.terms {
		if !c.info[t.Element].last {
			return true
		}
	}
	return false
}

// checkNames adds an issue when a name is missing in one of the three
// languages.
func checkNames(n healthedu.LocalizedText, path, code string, is *issues) {
	for i, s := range [...]string{n.ZhHans, n.ZhHant, n.En} {
		if strings.TrimSpace(s) == "" {
			is.add("indicator.names", path+"/"+nameKeys[i], map[string]any{"value": code})
		}
	}
}

// parseDecimalRat parses a plain decimal number, "85", "-0.5", "3.25": an
// optional minus sign, digits without leading zeros and an optional
// fraction, with no exponent.
func parseDecimalRat(s string) (*big.Rat, bool) {
	if strings.ContainsAny(s, "eE+") {
		return nil, false
	}
	d, err := healthedu.ParseDecimal(s)
	if err != nil {
		return nil, false
	}
	return d.Rat(), true
}

// nameKeys are the JSON keys of a LocalizedText's fields, in order.
var nameKeys = [...]string{"zh-Hans", "zh-Hant", "en"}
