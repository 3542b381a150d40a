package indicators

import (
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// An Expr is the numerator or the denominator of an indicator (计算式): a sum
// and difference of data element references, each optionally filtered by a
// category, and integer constants, grouped by parentheses. Examples:
//
//	children-0-6-managed
//	hypertension-controlled + diabetes-controlled
//	activities[form=lecture]
//	population - population-65plus
//	1
//
// Element codes are lower-case words joined by hyphens, such as
// children-0-6-managed, so a hyphen between two words is part of a code:
// a binary minus must have a space (or a parenthesis) before it, and is
// best written with a space on each side, as in "a - b". "a-b" is the
// element a-b; "a- b" is an error (a code cannot end with '-'). A word of
// digits only, such as 100, is a constant; any other word is an element
// code. A filter [key=value] selects the values recorded under that
// category (see [DataValue.Category]); without one a reference means the
// element's total.
//
// ParseExpression flattens the parentheses: an Expr is a list of signed
// terms and one constant, and its String form lists the terms in the
// order written, then the constant when it is not zero (or when there are
// no terms). So "a - (b - c) + 2 + 3" prints as "a - b + c + 5".
//
// The zero Expr is the constant 0.
type Expr struct {
	terms    []Term
	constant int64
}

// A Term is one element reference of an [Expr] (计算项): an element code, a
// category filter ("" for the element's total, "form=lecture" for the values
// recorded under that category) and whether it is subtracted.
type Term struct {
	Element  string // data element code (数据元代码), e.g. "children-0-6-managed"
	Category string // category filter (分类), "" for the total, or key=value such as "form=lecture"
	Negative bool   // the term is subtracted
}

// String returns the reference as written in an expression, without its
// sign: "children-0-6" or "activities[form=lecture]".
func (t Term) String() string {
	if t.Category == "" {
		return t.Element
	}
	return t.Element + "[" + t.Category + "]"
}

// exprMaxInput bounds the length of an expression, and exprMaxDepth the
// nesting of its parentheses.
const (
	exprMaxInput = 4096
	exprMaxDepth = 32
)

// ParseExpression parses an expression over data elements (计算式) in the
// syntax described at [Expr]. Whitespace (spaces, tabs, line breaks) may
// separate any two tokens. A unary + or - is allowed at the start and right
// after '('.
//
// On failure it returns a [*healthedu.ParseError] with Func
// "ParseExpression", Code "indicator.expression" and At the byte offset of
// the fault, such as
//
//	healthedu.ParseExpression("a- b"): an element code cannot end with '-': put a space before a minus (at offset 0)
//
// ParseExpression checks the syntax only; whether the elements exist is
// checked when a [Definition] is compiled against a [Catalogue].
func ParseExpression(s string) (Expr, error) {
	if len(s) > exprMaxInput {
		return Expr{}, exprError(s, "expression longer than "+strconv.Itoa(exprMaxInput)+" bytes", -1)
	}
	var (
		e        Expr
		i        int
		operands int
		operand  = true  // an operand is expected next
		unary    = true  // a unary sign is allowed next
		sign     = false // the next operand is subtracted
		outer    = false // the group the parser is in is subtracted
		openBuf  [exprMaxDepth]int
		outerBuf [exprMaxDepth]bool
		opens    = openBuf[:0]  // offsets of the open parentheses
		outers   = outerBuf[:0] // outer in force around each open parenthesis
	)
	// One allocation for the terms: there are at most as many as words.
	if n := exprCountWords(s); n > 0 {
		e.terms = make([]Term, 0, n)
	}
	for {
		for i < len(s) && exprIsSpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if !operand {
			switch c {
			case '+', '-':
				sign = outer != (c == '-')
				operand, unary = true, false
			case ')':
				if len(opens) == 0 {
					return Expr{}, exprError(s, "unmatched ')'", i)
				}
				outer = outers[len(outers)-1]
				opens, outers = opens[:len(opens)-1], outers[:len(outers)-1]
			default:
				return Expr{}, exprError(s, "want '+', '-' or ')', found "+exprQuote(s, i), i)
			}
			i++
			continue
		}
		switch {
		case c == '+' || c == '-':
			if !unary {
				return Expr{}, exprError(s, "two signs in a row", i)
			}
			if c == '-' {
				sign = !sign
			}
			unary = false
			i++
		case c == '(':
			if len(opens) == exprMaxDepth {
				return Expr{}, exprError(s, "parentheses nested more than "+strconv.Itoa(exprMaxDepth)+" deep", i)
			}
			opens, outers = append(opens, i), append(outers, outer)
			outer, unary = sign, true
			i++
		case exprIsWordByte(c):
			j, err := e.parseOperand(s, i, sign)
			if err != nil {
				return Expr{}, err
			}
			i, operand = j, false
			operands++
		case 'A' <= c && c <= 'Z':
			return Expr{}, exprError(s, "element codes are lower case", i)
		default:
			return Expr{}, exprError(s, "want an element code, a number or '(', found "+exprQuote(s, i), i)
		}
	}
	switch {
	case len(opens) > 0:
		return Expr{}, exprError(s, "'(' is not closed", opens[len(opens)-1])
	case operands == 0 && strings.TrimSpace(s) == "":
		return Expr{}, exprError(s, "empty expression", -1)
	case operand:
		return Expr{}, exprError(s, "want an element code, a number or '(' at the end", len(s))
	}
	return e, nil
}

// exprCountWords returns the number of words in s: runs of letters,
// digits and hyphens that start with a letter or a digit, an upper bound
// of the number of terms.
func exprCountWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		word := exprIsWordByte(c) || in && c == '-'
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// parseOperand parses the element reference or constant that starts at
// s[i] and adds it to e with the given sign. It returns the offset after it.
func (e *Expr) parseOperand(s string, i int, negative bool) (int, error) {
	start := i
	digitsOnly := true
	for i < len(s) && (exprIsWordByte(s[i]) || s[i] == '-') {
		if s[i] < '0' || s[i] > '9' {
			digitsOnly = false
		}
		i++
	}
	word := s[start:i]
	if i < len(s) && 'A' <= s[i] && s[i] <= 'Z' {
		return 0, exprError(s, "element codes are lower case", i)
	}
	if digitsOnly {
		if len(word) > 1 && word[0] == '0' {
			return 0, exprError(s, "a number cannot start with 0", start)
		}
		// The magnitude may reach 2⁶³ when subtracted, so that the
		// canonical form of the constant math.MinInt64 parses back.
		u, err := strconv.ParseUint(word, 10, 64)
		if err != nil || u > 1<<63 || u == 1<<63 && !negative {
			return 0, exprError(s, "number out of range", start)
		}
		n := int64(u)
		if negative {
			n = -n // for u = 2⁶³, int64(u) is math.MinInt64 and so is -n
		}
		c, ok := addInt64(e.constant, n)
		if !ok {
			return 0, exprError(s, "constants add up to a number out of range", start)
		}
		e.constant = c
		return i, nil
	}
	if at, msg := elementCodeFault(word); at >= 0 {
		return 0, exprError(s, msg, start+at)
	}
	t := Term{Element: word, Negative: negative}
	j := i
	for j < len(s) && exprIsSpace(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '[' {
		end := strings.IndexByte(s[j:], ']')
		if end < 0 {
			return 0, exprError(s, "'[' is not closed", j)
		}
		cat, at, msg := exprCategory(s[j+1 : j+end])
		if at >= 0 {
			return 0, exprError(s, msg, j+1+at)
		}
		t.Category = cat
		i = j + end + 1
	}
	e.terms = append(e.terms, t)
	return i, nil
}

// exprCategory parses the inside of a filter, "key=value" with optional
// spaces around the parts, and returns it as key=value. On failure it
// returns the offset of the fault within in and a message.
func exprCategory(in string) (cat string, at int, msg string) {
	eq := strings.IndexByte(in, '=')
	if eq < 0 {
		return "", len(in), "want key=value in a filter, such as [form=lecture]"
	}
	kStart, kEnd := exprTrim(in, 0, eq)
	vStart, vEnd := exprTrim(in, eq+1, len(in))
	key, value := in[kStart:kEnd], in[vStart:vEnd]
	if a, m := categoryPartFault(key); a >= 0 {
		return "", kStart + a, "filter key: " + m
	}
	if a, m := categoryPartFault(value); a >= 0 {
		return "", vStart + a, "filter value: " + m
	}
	if kEnd == eq && vStart == eq+1 {
		return in[kStart:vEnd], -1, "" // already key=value: no copy
	}
	return key + "=" + value, -1, ""
}

// exprTrim returns the bounds of in[i:j] without leading and trailing spaces.
func exprTrim(in string, i, j int) (int, int) {
	for i < j && exprIsSpace(in[i]) {
		i++
	}
	for j > i && exprIsSpace(in[j-1]) {
		j--
	}
	return i, j
}

// elementCodeFault checks that s is an element code: lower-case ASCII words
// of letters and digits joined by single hyphens. It returns -1 and "" when
// s is one, and otherwise the offset of the fault and what is wrong.
func elementCodeFault(s string) (at int, msg string) {
	switch {
	case s == "":
		return 0, "empty element code"
	case len(s) > 64:
		return 64, "element code longer than 64 bytes"
	case s[0] == '-':
		return 0, "an element code cannot start with '-'"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case exprIsWordByte(c):
		case c == '-':
			if i == len(s)-1 {
				return 0, "an element code cannot end with '-': put a space before a minus"
			}
			if s[i+1] == '-' {
				return i, "'--' in an element code: put a space before a minus"
			}
		default:
			return i, "unexpected character " + exprQuote(s, i) + " in an element code"
		}
	}
	return -1, ""
}

// categoryPartFault checks the key or the value of a category: the same
// shape as an element code.
func categoryPartFault(s string) (at int, msg string) {
	if s == "" {
		return 0, "empty"
	}
	at, msg = elementCodeFault(s)
	if at >= 0 {
		msg = strings.Replace(msg, "an element code", "a category", 1)
		msg = strings.TrimSuffix(msg, ": put a space before a minus")
	}
	return at, msg
}

// exprIsWordByte reports whether c may appear in a word other than as a
// hyphen: a lower-case ASCII letter or a digit.
func exprIsWordByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

func exprIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// exprQuote quotes the character at s[i] for a message.
func exprQuote(s string, i int) string {
	r := []rune(s[i:min(len(s), i+4)])
	if len(r) == 0 {
		return "end of input"
	}
	return strconv.QuoteRune(r[0])
}

func exprError(s, msg string, at int) *healthedu.ParseError {
	return &healthedu.ParseError{Func: "ParseExpression", Input: s, Code: "indicator.expression", Msg: msg, At: at}
}

// MustParseExpression is like [ParseExpression] but panics on an error. It
// is meant for constant expressions in tests and examples.
func MustParseExpression(s string) Expr {
	e, err := ParseExpression(s)
	if err != nil {
		panic(err)
	}
	return e
}

// Terms returns the element references of e in the order written, each
// with its sign. The slice is a copy.
func (e Expr) Terms() []Term {
	return append([]Term(nil), e.terms...)
}

// Constant returns the sum of e's integer constants (常数项).
func (e Expr) Constant() int64 { return e.constant }

// IsConstant reports whether e refers to no element, as the denominator 1
// of a count indicator does.
func (e Expr) IsConstant() bool { return len(e.terms) == 0 }

// Equal reports whether e and f have the same terms in the same order and
// the same constant, that is, the same String form.
func (e Expr) Equal(f Expr) bool {
	if e.constant != f.constant || len(e.terms) != len(f.terms) {
		return false
	}
	for i := range e.terms {
		if e.terms[i] != f.terms[i] {
			return false
		}
	}
	return true
}

// String returns e in canonical form: terms in the order written joined by
// " + " and " - ", then the constant when it is not zero or there are no
// terms. ParseExpression(e.String()) gives e back.
func (e Expr) String() string {
	return string(e.AppendTo(nil))
}

// AppendTo appends the canonical form of e (see [Expr.String]) to b.
func (e Expr) AppendTo(b []byte) []byte {
	for i, t := range e.terms {
		switch {
		case i > 0 && t.Negative:
			b = append(b, " - "...)
		case i > 0:
			b = append(b, " + "...)
		case t.Negative:
			b = append(b, '-')
		}
		b = append(b, t.Element...)
		if t.Category != "" {
			b = append(b, '[')
			b = append(b, t.Category...)
			b = append(b, ']')
		}
	}
	switch c := e.constant; {
	case len(e.terms) == 0:
		b = strconv.AppendInt(b, c, 10)
	case c > 0:
		b = append(b, " + "...)
		b = strconv.AppendInt(b, c, 10)
	case c < 0:
		b = append(b, " - "...)
		b = strconv.AppendUint(b, uint64(-(c+1))+1, 10) // -MinInt64 overflows int64
	}
	return b
}

// MarshalText implements encoding.TextMarshaler with the canonical form.
func (e Expr) MarshalText() ([]byte, error) { return e.AppendTo(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseExpression.
func (e *Expr) UnmarshalText(text []byte) error {
	v, err := ParseExpression(string(text))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// addInt64 returns a+b and whether the sum fits in an int64.
func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}
