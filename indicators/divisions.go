package indicators

import "github.com/jiceng/jiceng/healthedu"

// DivisionsAt returns, in code order, the divisions of reg at level that
// lie under the division under (under itself included when it is at that
// level): the counties of a city, the townships of a province. The zero
// DivisionCode stands for the whole country. A city without counties, such
// as 东莞市 4419, has no division at the county level; its townships are at
// the township level.
//
// This is how a caller picks the divisions of a [Query] by level, as in
// "every county of 聊城市".
func DivisionsAt(reg *healthedu.Registry, under healthedu.DivisionCode, level healthedu.DivisionLevel) []healthedu.DivisionCode {
	var out []healthedu.DivisionCode
	for d := range reg.All() {
		if d.Code.Level() == level && (!under.IsValid() || under.Contains(d.Code)) {
			out = append(out, d.Code)
		}
	}
	return out
}
