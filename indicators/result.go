package indicators

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
	"golang.org/x/text/language"
)

// A Result is the value of an indicator for a division over a period
// (指标结果), with the exact numerator and denominator it came from.
type Result struct {
	// Indicator is the indicator computed.
	Indicator *Indicator
	// Division is the division it was computed for.
	Division healthedu.DivisionCode
	// Period is the period it was computed over.
	Period healthedu.Period
	// Numerator and Denominator are the exact sums (分子, 分母), including
	// the expressions' constants. They are zero when Reason is
	// ReasonNoData or ReasonOverflow.
	Numerator, Denominator int64
	// Reason says why the result has no value (无值原因); it is ReasonNone
	// when it has one.
	Reason Reason
	// Attainment says whether the value meets the indicator's target for
	// the period (达标情况): NoTarget when there is no target for the
	// period or no value.
	Attainment Attainment
	// Coverage says how many of the reporting units expected within the
	// division contributed to the result (覆盖情况, see [Reporters]).
	Coverage Coverage
	// Flags are the issue codes of what is doubtful about the value
	// (数据提示), never nil: "indicator.aboveMaximum" for a value above the
	// indicator's maximum (see [Definition.Maximum]).
	Flags []string
	// TargetProrated reports whether the target the value is compared
	// with is pro-rated to the months due (目标按进度折算): a target that
	// accrues over its period, compared with a period in progress (see
	// [Target.PeriodType]).
	TargetProrated bool
	// Contributions are the cells that made up the numerator and the
	// denominator (贡献明细), when the query asked for them (see
	// [Query.Explain]): sorted by part, term, division and period.
	Contributions []Contribution

	text   string   // the value rounded to the indicator's decimals
	target *big.Rat // the target compared with, pro-rated when TargetProrated; nil without
}

// Coverage says how many reporting units contributed to a result
// (覆盖情况): Reporting of the Expected units within its division (see
// [Reporters] and [Missing]).
type Coverage struct {
	Reporting int `json:"reporting"` // units that contributed (参与计算单位数)
	Expected  int `json:"expected"`  // units expected (应报单位数)
}

// Partial reports whether fewer units contributed than were expected: a
// value from part of the divisions (部分单位数据).
func (c Coverage) Partial() bool { return c.Reporting < c.Expected }

// String returns the coverage as "k/n".
func (c Coverage) String() string {
	return strconv.Itoa(c.Reporting) + "/" + strconv.Itoa(c.Expected)
}

// HasValue reports whether r has a value, that is, whether its Reason is
// ReasonNone.
func (r Result) HasValue() bool { return r.Indicator != nil && r.Reason == ReasonNone }

// Value returns the exact value numerator / denominator × factor, or nil
// when r has no value. It returns a new big.Rat on each call.
func (r Result) Value() *big.Rat {
	if !r.HasValue() {
		return nil
	}
	n := new(big.Int).Mul(big.NewInt(r.Numerator), big.NewInt(r.Indicator.def.Factor))
	return new(big.Rat).SetFrac(n, big.NewInt(r.Denominator))
}

// Text returns the value rounded half-up (四舍五入) to the indicator's
// decimals, as published: "96.41" for 13432 / 13932 × 100 with 2 decimals.
// Halves are rounded away from zero, so a negative value rounds as its
// magnitude does. Text returns "" when r has no value.
func (r Result) Text() string { return r.text }

// Target returns the target that r is compared with and true, or the zero
// Target and false when there is none for r's period (see
// [Target.PeriodType]). When the target is
// pro-rated (see [Result.TargetProrated]), its Value is the pro-rated one,
// exact up to 6 decimals and rounded to 6 beyond: 12 lectures a year is
// "10" once October is due.
func (r Result) Target() (Target, bool) {
	if r.Indicator == nil || r.target == nil {
		return Target{}, false
	}
	t, _ := r.Indicator.Target()
	if r.TargetProrated {
		t.Value = ratText(r.target)
	}
	return t, true
}

// Gap returns the rounded value minus the target (差距), exactly, and true;
// or nil and false when r has no value or no target. A negative gap is a
// shortfall for an AtLeast target; a positive one an excess for AtMost.
// Both the target's attainment and the gap are judged on the value as
// published, rounded to the indicator's decimals: 94.996% shows as 95.00%
// and meets a target of 95%.
func (r Result) Gap() (*big.Rat, bool) {
	if !r.HasValue() || r.target == nil {
		return nil, false
	}
	v, _ := new(big.Rat).SetString(r.text)
	return v.Sub(v, r.target), true
}

// GapText returns the gap as a decimal string with as many decimals as the
// value or the target has, whichever is more: "11.41" for 96.41% against
// 85%. It returns "" when r has no gap.
func (r Result) GapText() string {
	g, ok := r.Gap()
	if !ok {
		return ""
	}
	t, _ := r.Target()
	return roundRat(g, max(r.Indicator.def.Decimals, decimalScale(t.Value)))
}

// decimalScale returns the number of decimals of a plain decimal string.
func decimalScale(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// String returns r on one line, for logs and tests:
//
//	child-health-management-rate 150207000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
//	report-timeliness 371502000000 202510: no value (zero-denominator)
func (r Result) String() string {
	if r.Indicator == nil {
		return "indicators.Result{}"
	}
	var b strings.Builder
	b.WriteString(r.Indicator.Code())
	b.WriteByte(' ')
	b.WriteString(r.Division.String())
	b.WriteByte(' ')
	b.WriteString(r.Period.String())
	b.WriteString(": ")
	if !r.HasValue() {
		if r.Reason == ReasonZeroDenominator || r.Reason == ReasonNegativeDenominator {
			b.WriteString(strconv.FormatInt(r.Numerator, 10) + " / " + strconv.FormatInt(r.Denominator, 10) + ", ")
		}
		b.WriteString("no value (" + r.Reason.String() + ")")
		return b.String()
	}
	b.WriteString(strconv.FormatInt(r.Numerator, 10))
	b.WriteString(" / ")
	b.WriteString(strconv.FormatInt(r.Denominator, 10))
	if f := r.Indicator.def.Factor; f != 1 {
		b.WriteString(" × ")
		b.WriteString(strconv.FormatInt(f, 10))
	}
	b.WriteString(" = ")
	b.WriteString(r.text)
	if t, ok := r.Target(); ok {
		b.WriteString(" (" + t.Direction.String() + " " + t.Value + " " + r.Attainment.String() + ")")
	}
	return b.String()
}

// Explain returns how r came about (计算说明), one line per term and one per
// contributing cell: which divisions and periods added what. The cells are
// listed when the query asked for them (see [Query.Explain]):
//
//	child-health-management-rate 150207000000 2024: 13432 / 13932 × 100 = 96.41 (>= 85 met)
//	numerator 13432
//	  + children-0-6-managed 13432
//	      150207001000 202412 6020
//	      150207002000 202411 7412
//	denominator 13932
//	  + children-0-6 13932
//	      …
func (r Result) Explain() string {
	var b strings.Builder
	b.WriteString(r.String())
	b.WriteByte('\n')
	if r.Indicator == nil {
		return b.String()
	}
	if r.Contributions == nil && !r.Indicator.num.IsConstant() && r.Reason != ReasonNoData {
		b.WriteString("(contributions not recorded: set Query.Explain)\n")
	}
	for part, e := range [...]Expr{Numerator: r.Indicator.num, Denominator: r.Indicator.den} {
		b.WriteString(Part(part).String())
		if r.Reason != ReasonNoData && r.Reason != ReasonOverflow {
			b.WriteByte(' ')
			b.WriteString(strconv.FormatInt([...]int64{r.Numerator, r.Denominator}[part], 10))
		}
		b.WriteByte('\n')
		for _, t := range e.terms {
			var lines []string
			var sum int64
			for _, c := range r.Contributions {
				if c.Part == Part(part) && c.Term == t {
					lines = append(lines, "      "+c.Division.String()+" "+c.Period.String()+" "+strconv.FormatInt(c.Value, 10)+"\n")
					sum += c.Value
				}
			}
			sign := "+"
			if t.Negative {
				sign = "-"
			}
			b.WriteString("  " + sign + " " + t.String())
			if r.Contributions != nil {
				b.WriteString(" " + strconv.FormatInt(sum, 10))
			}
			b.WriteByte('\n')
			for _, l := range lines {
				b.WriteString(l)
			}
		}
		if c := e.constant; c != 0 || e.IsConstant() {
			if c < 0 {
				b.WriteString("  - " + strconv.FormatUint(uint64(-(c+1))+1, 10) + "\n")
			} else {
				b.WriteString("  + " + strconv.FormatInt(c, 10) + "\n")
			}
		}
	}
	return b.String()
}

// Part says whether a term is in the numerator or the denominator.
type Part uint8

// The parts of an indicator.
const (
	Numerator   Part = iota // 分子
	Denominator             // 分母
)

// String returns "numerator" or "denominator".
func (p Part) String() string {
	if p == Denominator {
		return "denominator"
	}
	return "numerator"
}

// MarshalText implements encoding.TextMarshaler: "numerator" or
// "denominator".
func (p Part) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// A Contribution is one cell that went into a result (贡献): the term of the
// numerator or the denominator it was added to, the division and period it
// was recorded for, and its value. For a last element it is the one cell per
// division that the result took (the latest within the period).
type Contribution struct {
	Part     Part                   // numerator or denominator
	Term     Term                   // the term the cell was added to
	Division healthedu.DivisionCode // the division the cell is for
	Period   healthedu.Period       // the period the cell is for
	Value    int64                  // the cell's value
}

// Reason says why a [Result] has no value (无值原因).
type Reason uint8

// The reasons for a result to have no value.
const (
	ReasonNone                Reason = iota // the result has a value
	ReasonNoData                            // "no-data": no cell of any element of the indicator in the division and period (无数据)
	ReasonZeroDenominator                   // "zero-denominator": the denominator is 0 (分母为零)
	ReasonNegativeDenominator               // "negative-denominator": the denominator is below 0 (分母为负)
	ReasonOverflow                          // "overflow": a sum is out of the range of int64 (数值溢出)
)

var reasonNames = [...]struct{ code, zhHans, zhHant, en string }{
	ReasonNone:                {"", "", "", ""},
	ReasonNoData:              {"no-data", "无数据", "無資料", "no data"},
	ReasonZeroDenominator:     {"zero-denominator", "分母为零", "分母為零", "the denominator is zero"},
	ReasonNegativeDenominator: {"negative-denominator", "分母为负数", "分母為負數", "the denominator is negative"},
	ReasonOverflow:            {"overflow", "数值超出范围", "數值超出範圍", "a sum is out of range"},
}

// String returns the reason's stable code: "no-data", "zero-denominator",
// "negative-denominator", "overflow", or "" for ReasonNone.
func (r Reason) String() string {
	if int(r) >= len(reasonNames) {
		return "Reason(" + strconv.Itoa(int(r)) + ")"
	}
	return reasonNames[r].code
}

// Label returns the reason for people, in the supported language that
// serves lang best: "分母为零" in zh-Hans.
func (r Reason) Label(lang language.Tag) string {
	if int(r) >= len(reasonNames) {
		return r.String()
	}
	n := reasonNames[r]
	i, _ := enumset.LanguageIndex(lang)
	return [...]string{n.zhHans, n.zhHant, n.en}[i]
}

// MarshalText implements encoding.TextMarshaler with String.
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Attainment says whether a result meets its target (达标情况).
type Attainment uint8

// The attainments.
const (
	NoTarget Attainment = iota // no target applies, or the result has no value
	Met                        // the value meets the target (达标)
	NotMet                     // the value falls short of the target (未达标)
)

// String returns "", "met" or "not-met".
func (a Attainment) String() string {
	switch a {
	case Met:
		return "met"
	case NotMet:
		return "not-met"
	}
	return ""
}

// formatRatio returns num / den × factor, den > 0, rounded half away from
// zero to decimals places, as a decimal string.
func formatRatio(num, den, factor int64, decimals int) string {
	if s, ok := formatRatio64(num, den, factor, decimals); ok {
		return s
	}
	return formatRatioBig(num, den, factor, decimals)
}

// formatRatioBig is formatRatio in big.Int arithmetic, for any int64s.
func formatRatioBig(num, den, factor int64, decimals int) string {
	n := new(big.Int).Mul(big.NewInt(num), big.NewInt(factor))
	n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil))
	neg := n.Sign() < 0
	n.Abs(n)
	d := big.NewInt(den)
	q, rem := n.QuoRem(n, d, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	digits := q.String()
	if decimals > 0 {
		if len(digits) <= decimals {
			digits = strings.Repeat("0", decimals-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-decimals] + "." + digits[len(digits)-decimals:]
	}
	if neg && q.Sign() != 0 {
		digits = "-" + digits
	}
	return digits
}

// resultJSON is the JSON form of a Result.
type resultJSON struct {
	Indicator      string                 `json:"indicator"`
	Division       healthedu.DivisionCode `json:"division"`
	Period         healthedu.Period       `json:"period"`
	Numerator      *int64                 `json:"numerator"`   // null without data
	Denominator    *int64                 `json:"denominator"` // null without data
	Value          *string                `json:"value"`       // null without a value
	Reason         string                 `json:"reason,omitempty"`
	Coverage       Coverage               `json:"coverage"`
	Flags          []string               `json:"flags"`
	Target         *string                `json:"target"` // null when no target applies
	TargetProrated bool                   `json:"targetProrated"`
	Direction      string                 `json:"direction,omitempty"`
	Met            *bool                  `json:"met"` // null without a target or a value
	Gap            string                 `json:"gap,omitempty"`
	Contributions  []Contribution         `json:"contributions,omitempty"`
}

// MarshalJSON writes r as one row of an indicator table:
//
//	{"indicator": "child-health-management-rate", "division": "150207000000", "period": "2024",
//	 "numerator": 13432, "denominator": 13932, "value": "96.41",
//	 "coverage": {"reporting": 2, "expected": 2}, "flags": [],
//	 "target": "85", "targetProrated": false, "direction": ">=", "met": true, "gap": "11.41"}
//
// The division has its 12 digits; numerator and denominator are integers,
// null when no unit contributed or a sum overflowed; value is the
// published (rounded) value as a decimal string, null when there is none,
// and reason then says why ("no-data", "zero-denominator",
// "negative-denominator", "overflow"). coverage and flags are always
// there (see [Result.Coverage] and [Result.Flags]). target, targetProrated
// and met are always there: target is null when no target applies to the
// period, and the pro-rated target when targetProrated is true; met is
// null when there is no target or no value; direction and gap accompany
// them when they apply, and contributions when the query asked for them.
func (r Result) MarshalJSON() ([]byte, error) {
	if r.Indicator == nil {
		return nil, errors.New("indicators: Result without an indicator")
	}
	j := resultJSON{
		Indicator:      r.Indicator.Code(),
		Division:       r.Division,
		Period:         r.Period,
		Reason:         r.Reason.String(),
		Coverage:       r.Coverage,
		Flags:          r.Flags,
		TargetProrated: r.TargetProrated,
		Gap:            r.GapText(),
		Contributions:  r.Contributions,
	}
	if j.Flags == nil {
		j.Flags = []string{}
	}
	if r.Reason != ReasonNoData && r.Reason != ReasonOverflow {
		j.Numerator, j.Denominator = &r.Numerator, &r.Denominator
	}
	if r.HasValue() {
		j.Value = &r.text
	}
	if t, ok := r.Target(); ok {
		j.Target, j.Direction = &t.Value, t.Direction.String()
		if r.Attainment != NoTarget {
			met := r.Attainment == Met
			j.Met = &met
		}
	}
	return marshalJSON(j)
}

// marshalJSON is json.Marshal without the escaping of <, > and &, so that a
// direction reads ">=" in JSON that people read. An encoder that escapes
// HTML escapes them again around it.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// MarshalJSON writes c as {"part": "numerator", "term": "activities[form=lecture]",
// "negative": true, "division": "…", "period": "…", "value": 4}, with
// negative only for a subtracted term.
func (c Contribution) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Part     Part                   `json:"part"`
		Term     string                 `json:"term"`
		Negative bool                   `json:"negative,omitempty"`
		Division healthedu.DivisionCode `json:"division"`
		Period   healthedu.Period       `json:"period"`
		Value    int64                  `json:"value"`
	}{c.Part, c.Term.String(), c.Term.Negative, c.Division, c.Period, c.Value})
}

// formatRatio64 is formatRatio in 64-bit arithmetic, for when
// |num| × factor × 10^decimals fits in a uint64 (as it does for any count
// below 10¹² at 2 decimals of a percentage); it reports false otherwise.
func formatRatio64(num, den, factor int64, decimals int) (string, bool) {
	neg := num < 0
	u := uint64(num)
	if neg {
		u = -u
	}
	scale := uint64(factor)
	for range decimals {
		hi, lo := bits.Mul64(scale, 10)
		if hi != 0 {
			return "", false
		}
		scale = lo
	}
	hi, n := bits.Mul64(u, scale)
	if hi != 0 {
		return "", false
	}
	d := uint64(den)
	q, r := n/d, n%d
	if r >= d-r { // 2r ≥ d without overflow
		q++
	}
	var buf [24]byte
	b := strconv.AppendUint(buf[:0], q, 10)
	var out []byte
	if neg && q != 0 {
		out = append(out, '-')
	}
	if decimals == 0 {
		return string(append(out, b...)), true
	}
	for len(b) <= decimals {
		b = append([]byte{'0'}, b...)
	}
	out = append(out, b[:len(b)-decimals]...)
	out = append(out, '.')
	out = append(out, b[len(b)-decimals:]...)
	return string(out), true
}
