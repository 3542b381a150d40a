package indicators

import (
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// A DataValue is one figure (数据值): the value of a data element, under a
// category or for its total, in a division, for a period. Lectures held in
// 古楼街道 in October 2025 are
//
//	DataValue{Element: "lectures", Division: 371502001000, Period: 202510, Value: 4}
//
// and the lectures among the activities recorded there
//
//	DataValue{Element: "activities", Category: "form=lecture", …}
//
// Values are integers: counts of people, events and institutions. A value
// belongs to the division and period it names; a [Store] adds it into every
// division that contains that division and every period that contains that
// period (see [Store.Compute]).
//
// Categories (分类) break an element down by one attribute, written
// key=value with the key and the value in the shape of element codes:
// "form=lecture", "topic=hypertension", "type=community". Each (element,
// category) is a series of its own: the total (Category "") is recorded
// beside the categories rather than computed from them, because categories
// may overlap (an activity with two topics counts once in the total and
// once under each topic). The expression activities[form=lecture] reads the
// values with Category "form=lecture" (see [Expr]).
type DataValue struct {
	Element  string                 `json:"element"`            // data element code (数据元代码)
	Category string                 `json:"category,omitempty"` // category (分类), "" for the total
	Division healthedu.DivisionCode `json:"division"`           // where (区划)
	Period   healthedu.Period       `json:"period"`             // when (报告期)
	Value    int64                  `json:"value"`              // the figure (数值)
}

// String returns v on one line, for logs and tests:
// "activities[form=lecture] 371502001000 202510 4".
func (v DataValue) String() string {
	b := make([]byte, 0, 64)
	b = append(b, v.Element...)
	if v.Category != "" {
		b = append(b, '[')
		b = append(b, v.Category...)
		b = append(b, ']')
	}
	b = append(b, ' ')
	b = v.Division.AppendTo(b)
	b = append(b, ' ')
	b = v.Period.AppendTo(b)
	b = append(b, ' ')
	b = strconv.AppendInt(b, v.Value, 10)
	return string(b)
}

// Category returns the category key=value (分类), such as "form=lecture",
// for use in a [DataValue] or a filter. It does not check key and value;
// [Store.Add] does.
func Category(key, value string) string { return key + "=" + value }

// categoryFault checks that cat is "" or key=value with both parts in the
// shape of element codes. It returns -1 and "" when it is, and otherwise the
// offset of the fault and what is wrong.
func categoryFault(cat string) (at int, msg string) {
	if cat == "" {
		return -1, ""
	}
	eq := strings.IndexByte(cat, '=')
	if eq < 0 {
		return len(cat), "want key=value"
	}
	if a, m := categoryPartFault(cat[:eq]); a >= 0 {
		return a, "key: " + m
	}
	if a, m := categoryPartFault(cat[eq+1:]); a >= 0 {
		return eq + 1 + a, "value: " + m
	}
	return -1, ""
}
