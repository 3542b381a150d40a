package dashboard

import (
	"cmp"
	"slices"

	"github.com/jiceng/jiceng/healthedu"
)

// byChild places each of divisions under the division at level child that
// holds it (a province's city, a city's county), or under itself when it
// lies at that level or above: the pages of a division above a township
// count what lies below it so, by the divisions directly below. It
// returns those holders, each once, in the order of their codes and the
// zero DivisionCode (a division not known) last, and for each of
// divisions the index of its holder among them.
func byChild(divisions []healthedu.DivisionCode, child healthedu.DivisionLevel) (holders []healthedu.DivisionCode, of []int) {
	holder := func(c healthedu.DivisionCode) healthedu.DivisionCode {
		if c.Level() > child {
			return c.Truncate(child)
		}
		return c
	}
	index := map[healthedu.DivisionCode]int{}
	for _, d := range divisions {
		if h := holder(d); index[h] == 0 {
			index[h] = 1
			holders = append(holders, h)
		}
	}
	unknown := func(c healthedu.DivisionCode) int {
		if c.IsValid() {
			return 0
		}
		return 1
	}
	slices.SortFunc(holders, func(a, b healthedu.DivisionCode) int {
		return cmp.Or(cmp.Compare(unknown(a), unknown(b)), a.Compare(b))
	})
	for i, h := range holders {
		index[h] = i
	}
	of = make([]int, len(divisions))
	for i, d := range divisions {
		of[i] = index[holder(d)]
	}
	return holders, of
}
