package indicators

import (
	"cmp"
	"math"
	"slices"

	"github.com/jiceng/jiceng/healthedu"
)

// The cells of a Store's rows (单元格存储) are kept in units of 32 bits, a
// cell taking one unit or two: a run of months that hold the same value,
// or one cell of another period.
//
//	short run:    0 | month − anchor (8 bits) | length − 1 (4 bits) | value (19 bits)
//	long run:     1 | 1 | month (17 bits) | length − 1 (13 bits),  value (32 bits)
//	other period: 1 | 0 | period index (30 bits),                  value (32 bits)
//
// where month counts the months since January 1900, anchor is a month
// fixed by the first month the store saw (Store.anchor), and value is
// the cell's value as a signed integer. A run of at most 16 months within
// 256 months of the anchor whose value fits in 19 bits, as nearly every
// monthly flow and stock of a division does, takes one unit; another
// takes two. A value outside the range of 32 bits, or equal to
// cellEscape, is written as cellEscape and kept in Store.big, under the
// row and period index of its single month (an escaped run is never
// longer than one month). A stock (存量) that stays the same month after
// month, such as the instructors of a village, so takes one unit, not
// one per month; a flow takes a unit per month, unless it too repeats.
//
// The units of a row lie in a block of the store's arena (cellArena), the
// cells in no particular order; a row holds a handful of them, so that
// finding a cell scans its block.

const (
	cellLong       = 1 << 31
	cellLongMonth  = 1 << 30
	cellMonthBits  = 17
	cellLongBits   = 13
	cellMaxLen     = 1 << cellLongBits
	cellShortSpan  = 1 << 8 // months from the anchor a short run may start at
	cellShortBits  = 4
	cellShortLen   = 1 << cellShortBits
	cellShortValue = 19
	cellEscape     = math.MinInt32
	// cellMaxMonths bounds the month numbers, those of 1900 to 9999.
	cellMaxMonths = 1 << cellMonthBits
)

// cellWord is a decoded cell: a run of n months from month m, or (n == 0)
// the cell of the period with index pi; size is its units.
type cellWord struct {
	month, pi int32
	n         int
	v         int32
	size      int
}

// decodeCell returns the cell at the start of u.
func (s *Store) decodeCell(u []uint32) cellWord {
	w := u[0]
	switch {
	case w&cellLong == 0:
		return cellWord{
			month: s.anchor + int32(w>>(cellShortBits+cellShortValue)),
			n:     int(w>>cellShortValue&(cellShortLen-1)) + 1,
			v:     int32(w<<(32-cellShortValue)) >> (32 - cellShortValue),
			size:  1,
		}
	case w&cellLongMonth != 0:
		return cellWord{month: int32(w >> cellLongBits & (cellMaxMonths - 1)), n: int(w&(cellMaxLen-1)) + 1, v: int32(u[1]), size: 2}
	}
	return cellWord{pi: int32(w &^ (cellLong | cellLongMonth)), v: int32(u[1]), size: 2}
}

// encodeCell returns the units of c, a run of months (c.n > 0) or the
// cell of another period, and sets c.size.
func (s *Store) encodeCell(c *cellWord) (u0, u1 uint32) {
	if c.n == 0 {
		c.size = 2
		return cellLong | uint32(c.pi), uint32(c.v)
	}
	const lo, hi = -1 << (cellShortValue - 1), 1<<(cellShortValue-1) - 1
	if o := c.month - s.anchor; o >= 0 && o < cellShortSpan && c.n <= cellShortLen && c.v >= lo && c.v <= hi {
		c.size = 1
		return uint32(o)<<(cellShortBits+cellShortValue) | uint32(c.n-1)<<cellShortValue | uint32(c.v)&(1<<cellShortValue-1), 0
	}
	c.size = 2
	return cellLong | cellLongMonth | uint32(c.month)<<cellLongBits | uint32(c.n-1), uint32(c.v)
}

// The capacities of the blocks of rows (cellClasses), by class: each about
// an eighth above the one before, so that a block holds little room it
// does not use. A row keeps the class of its block in 8 bits, its units in
// 24: a row holds at most two units for each period there is, and there
// are fewer than 2²² periods from 1900 to 9999.
var cellClasses = func() []uint32 {
	cs := []uint32{0}
	for c := uint32(1); c < 1<<storeUnitBits; c += max(1, c/8) {
		cs = append(cs, c)
	}
	return append(cs, 1<<storeUnitBits)
}()

const storeUnitBits = 24

// cellClass returns the least class whose capacity is at least n.
func cellClass(n uint32) uint8 {
	i, _ := slices.BinarySearch(cellClasses, n)
	return uint8(i)
}

// A cellArena holds the blocks of units of the rows: blocks are cut from
// chunks of cellChunk units, and a block given back is kept for the next
// block of its class, so that rows that grow leave no garbage behind.
type cellArena struct {
	chunks [][]uint32
	cur    int                // 1 + the index of the chunk blocks are cut from; 0 for none
	free   map[uint8][]uint32 // by class: blocks given back
	// freeUnits counts the units of the blocks given back, cutUnits the
	// units of all blocks.
	freeUnits, cutUnits int
}

const cellChunkBits = 16
const cellChunk = 1 << cellChunkBits

// block returns the units of the block at of class k.
func (a *cellArena) block(at uint32, k uint8) []uint32 {
	c := cellClasses[k]
	ch := a.chunks[at>>cellChunkBits]
	off := at & (cellChunk - 1)
	return ch[off : off+c : off+c]
}

// alloc returns a new block of class k.
func (a *cellArena) alloc(k uint8) uint32 {
	if list := a.free[k]; len(list) > 0 {
		at := list[len(list)-1]
		a.free[k] = list[:len(list)-1]
		a.freeUnits -= int(cellClasses[k])
		return at
	}
	c := cellClasses[k]
	a.cutUnits += int(c)
	if c > cellChunk {
		// A block of its own, at the start of a chunk of its size.
		a.chunks = append(a.chunks, make([]uint32, c))
		return uint32(len(a.chunks)-1) << cellChunkBits
	}
	if a.cur == 0 || uint32(len(a.chunks[a.cur-1]))+c > cellChunk {
		a.chunks = append(a.chunks, make([]uint32, 0, cellChunk))
		a.cur = len(a.chunks)
	}
	ch := &a.chunks[a.cur-1]
	off := uint32(len(*ch))
	*ch = (*ch)[:off+c]
	return uint32(a.cur-1)<<cellChunkBits | off
}

// release gives the block at of class k back.
func (a *cellArena) release(at uint32, k uint8) {
	if a.free == nil {
		a.free = make(map[uint8][]uint32)
	}
	a.free[k] = append(a.free[k], at)
	a.freeUnits += int(cellClasses[k])
}

// compact moves the blocks of the rows into new chunks, one after the
// other, when the blocks given back and not taken again, as when every
// row grows a month at a time, make a third of the units cut: the old
// chunks are dropped as they are emptied, so that the arena needs little
// more than its units while it moves them.
func (s *Store) compact() {
	a := &s.arena
	if a.freeUnits < cellChunk || a.freeUnits*3 < a.cutUnits {
		return
	}
	order := make([]int32, 0, s.rows.n)
	for r := range int32(s.rows.n) {
		if s.rows.at(r).class() > 0 {
			order = append(order, r)
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(s.rows.at(x).at, s.rows.at(y).at) })
	old := a.chunks
	*a = cellArena{}
	a.chunks = make([][]uint32, 0, len(old))
	dropped := uint32(0)
	for _, r := range order {
		row := s.rows.at(r)
		ch := row.at >> cellChunkBits
		for ; dropped < ch; dropped++ {
			old[dropped] = nil // emptied
		}
		off := row.at & (cellChunk - 1)
		n := row.n()
		units := old[ch][off : off+n]
		k := cellClass(n + 2 + n/8) // room for another month
		at := a.alloc(k)
		copy(a.block(at, k), units)
		row.at = at
		row.set(n, k)
	}
}

// units returns the units of row r.
func (s *Store) units(r int32) []uint32 {
	row := s.rows.at(r)
	if row.class() == 0 {
		return nil
	}
	return s.arena.block(row.at, row.class())[:row.n()]
}

// appendCell appends the cell c to row r, and returns the unit it
// starts at; it sets c.size.
func (s *Store) appendCell(r int32, c *cellWord) int {
	u0, u1 := s.encodeCell(c)
	row := s.rows.at(r)
	n, k := row.n(), row.class()
	grown := false
	if need := n + uint32(c.size); need > cellClasses[k] {
		nk := cellClass(max(need, cellClasses[k]+max(1, cellClasses[k]/2)))
		at := s.arena.alloc(nk)
		if k > 0 {
			copy(s.arena.block(at, nk), s.arena.block(row.at, k)[:n])
			s.arena.release(row.at, k)
		}
		row.at = at
		k, grown = nk, true
	}
	b := s.arena.block(row.at, k)
	b[n] = u0
	if c.size == 2 {
		b[n+1] = u1
	}
	row.set(n+uint32(c.size), k)
	if grown {
		s.compact()
	}
	return int(n)
}

// removeCell removes the cell of size units at unit i of row r.
func (s *Store) removeCell(r int32, i, size int) {
	row := s.rows.at(r)
	n, k := row.n(), row.class()
	b := s.arena.block(row.at, k)
	copy(b[i:], b[i+size:n])
	row.set(n-uint32(size), k)
}

// storeBigKey names a cell whose value does not fit in 32 bits.
type storeBigKey struct{ row, pi int32 }

// value returns the value of the cell c whose period has index pi, in
// row r.
func (s *Store) value(r int32, c cellWord, pi int32) int64 {
	if c.v == cellEscape && c.size == 2 {
		return s.big[storeBigKey{r, pi}]
	}
	return int64(c.v)
}

// monthOf returns the month number of the period with index pi, or -1
// when it is not a month.
func (s *Store) monthOf(pi int32) int32 { return s.periodMonth[pi] }

// monthPeriod returns the period index of the month with number m, which
// the store holds.
func (s *Store) monthPeriod(m int32) int32 { return s.monthPI[m-s.monthBase] }

// registerPeriod numbers p, the period with index pi, among the months.
func (s *Store) registerPeriod(p healthedu.Period, pi int32) {
	m := int32(-1)
	if p.Type() == healthedu.PeriodMonth {
		t := p.Start().In(healthedu.ChinaStandardTime)
		m = int32((t.Year()-1900)*12 + int(t.Month()) - 1)
		switch {
		case len(s.monthPI) == 0:
			s.monthBase = m
			s.monthPI = []int32{pi}
			// Short runs start within 256 months of the anchor, 128
			// before the first month: some ten years either side of it.
			s.anchor = max(0, m-cellShortSpan/2)
		case m < s.monthBase:
			grown := make([]int32, int(s.monthBase-m)+len(s.monthPI))
			for i := range grown {
				grown[i] = -1
			}
			copy(grown[s.monthBase-m:], s.monthPI)
			s.monthPI, s.monthBase = grown, m
			s.monthPI[0] = pi
		default:
			for int(m-s.monthBase) >= len(s.monthPI) {
				s.monthPI = append(s.monthPI, -1)
			}
			s.monthPI[m-s.monthBase] = pi
		}
	}
	s.periodMonth = append(s.periodMonth, m)
}

// eachCell calls fn with the period index and value of each cell of row
// r, in no particular order.
func (s *Store) eachCell(r int32, fn func(pi int32, v int64)) {
	u := s.units(r)
	for i := 0; i < len(u); {
		c := s.decodeCell(u[i:])
		i += c.size
		if c.n == 0 {
			fn(c.pi, s.value(r, c, c.pi))
			continue
		}
		for k := range c.n {
			pi := s.monthPeriod(c.month + int32(k))
			fn(pi, s.value(r, c, pi))
		}
	}
}

// cellAt returns the value of row r for the period with index pi, and
// whether it has one.
func (s *Store) cellAt(r int32, pi int32) (int64, bool) {
	i, c := s.find(r, pi)
	if i < 0 {
		return 0, false
	}
	return s.value(r, c, pi), true
}

// find returns the index among the units of row r of the cell holding
// the period with index pi, and the cell decoded; -1 when the row has no
// value for it.
func (s *Store) find(r int32, pi int32) (int, cellWord) {
	m := s.monthOf(pi)
	u := s.units(r)
	for i := 0; i < len(u); {
		c := s.decodeCell(u[i:])
		if m < 0 && c.n == 0 && c.pi == pi || m >= 0 && c.n > 0 && c.month <= m && m < c.month+int32(c.n) {
			return i, c
		}
		i += c.size
	}
	return -1, cellWord{}
}

// addCell adds v into the cell of row r for the period with index pi. It
// reports false, and leaves the row as it was, when the sum is out of the
// range of int64 or is storeAbsent, which no cell may hold; old is then
// the cell's value.
func (s *Store) addCell(r int32, pi int32, v int64) (old int64, ok bool) {
	i, c := s.find(r, pi)
	nv := v
	if i >= 0 {
		old = s.value(r, c, pi)
		sum, ok := addInt64(old, v)
		if !ok || sum == storeAbsent {
			return old, false
		}
		nv = sum
		if nv == old {
			return old, true
		}
		if c.n <= 1 && c.v != cellEscape && s.fits(c, nv) {
			// In place, as a flow that grows record by record does.
			c.v = int32(nv)
			u0, u1 := s.encodeCell(&c)
			u := s.units(r)
			u[i] = u0
			if c.size == 2 {
				u[i+1] = u1
			}
			if c.n == 1 {
				s.join(r, i, c)
			}
			return old, true
		}
		m := s.monthOf(pi)
		s.removeCell(r, i, c.size)
		if c.v == cellEscape && c.size == 2 {
			delete(s.big, storeBigKey{r, pi})
		}
		if c.n > 1 {
			// Split the run around the month.
			if m > c.month {
				s.appendCell(r, &cellWord{month: c.month, n: int(m - c.month), v: c.v})
			}
			if end := c.month + int32(c.n); m+1 < end {
				s.appendCell(r, &cellWord{month: m + 1, n: int(end - m - 1), v: c.v})
			}
		}
	} else {
		s.cells++
	}
	s.putCell(r, pi, nv)
	return old, true
}

// fits reports whether the cell c can hold v in the units it takes.
func (s *Store) fits(c cellWord, v int64) bool {
	if int64(int32(v)) != v || int32(v) == cellEscape {
		return false
	}
	c.v = int32(v)
	size := c.size
	s.encodeCell(&c)
	return c.size == size
}

// putCell writes v into the empty cell of row r for the period with index
// pi, joining the runs of the months either side that hold the same value.
func (s *Store) putCell(r int32, pi int32, v int64) {
	c := cellWord{pi: pi, v: int32(v)}
	if int64(c.v) != v || c.v == cellEscape {
		if s.big == nil {
			s.big = make(map[storeBigKey]int64)
		}
		s.big[storeBigKey{r, pi}] = v
		c.v = cellEscape // never short, never joined
	}
	if m := s.monthOf(pi); m >= 0 {
		c.month, c.n = m, 1
	}
	i := s.appendCell(r, &c)
	if c.n == 1 && c.v != cellEscape {
		s.join(r, i, c)
	}
}

// join joins the cell c of a single month at unit i of row r with the
// runs of the months either side that hold the same value.
func (s *Store) join(r int32, i int, c cellWord) {
	m := c.month
	before, after := -1, -1
	var cb, ca cellWord
	u := s.units(r)
	for j := 0; j < len(u); {
		d := s.decodeCell(u[j:])
		if j != i && d.n > 0 && d.v == c.v && d.n < cellMaxLen {
			if d.month+int32(d.n) == m {
				before, cb = j, d
			}
			if d.month == m+1 {
				after, ca = j, d
			}
		}
		j += d.size
	}
	var gone [3]int // units of the cells merged, dropped from the last
	var sizes [3]int
	k := 0
	drop := func(j, size int) { gone[k], sizes[k] = j, size; k++ }
	merged := cellWord{v: c.v}
	switch {
	case before >= 0 && after >= 0 && cb.n+1+ca.n <= cellMaxLen:
		merged.month, merged.n = cb.month, cb.n+1+ca.n
		drop(before, cb.size)
		drop(after, ca.size)
	case before >= 0:
		merged.month, merged.n = cb.month, cb.n+1
		drop(before, cb.size)
	case after >= 0:
		merged.month, merged.n = m, ca.n+1
		drop(after, ca.size)
	default:
		return
	}
	drop(i, c.size)
	// Remove from the highest unit down, so that the others stay put.
	for k > 0 {
		hi := 0
		for x := 1; x < k; x++ {
			if gone[x] > gone[hi] {
				hi = x
			}
		}
		s.removeCell(r, gone[hi], sizes[hi])
		k--
		gone[hi], sizes[hi] = gone[k], sizes[k]
	}
	s.appendCell(r, &merged)
}

// rowCells returns the cells of row r as (period index, value) pairs,
// appended to dst, sorted by period index.
func (s *Store) rowCells(dst []storeCell, r int32) []storeCell {
	start := len(dst)
	s.eachCell(r, func(pi int32, v int64) { dst = append(dst, storeCell{pi, v}) })
	slices.SortFunc(dst[start:], func(a, b storeCell) int { return int(a.pi) - int(b.pi) })
	return dst
}

// A storeCell is the value of a row for the period with index pi.
type storeCell struct {
	pi int32
	v  int64
}
