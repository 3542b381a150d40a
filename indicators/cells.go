package indicators

import (
	"cmp"
	"math"
	"slices"

	"github.com/jiceng/jiceng/healthedu"
)

// The cells of a Store's rows (单元格存储) are kept in words of 64 bits,
// one word for a run of months that hold the same value or for one cell of
// another period:
//
//	month run:    1 | month (17 bits) | length − 1 (14 bits) | value (32 bits)
//	other period: 0 | period index (31 bits)                 | value (32 bits)
//
// where month counts the months since January 1900 and value is the
// cell's value as a signed 32-bit integer. A value outside that range, or
// equal to cellEscape, is written as cellEscape and kept in Store.big,
// under the row and period index of its single month (an escaped run is
// never longer than one month). A stock (存量) that stays the same month
// after month, such as the instructors of a village, so takes one word,
// not one per month; a flow takes a word per month, unless it too repeats.
//
// The words of a row lie in a block of the store's arena (cellArena),
// in no particular order; a row holds a handful of them, so that finding
// a cell scans its block.

const (
	cellMonthBit  = 1 << 63
	cellMonthBits = 17
	cellLenBits   = 14
	cellMaxLen    = 1 << cellLenBits
	cellEscape    = math.MinInt32
	// cellMaxMonths bounds the month numbers, those of 1900 to 9999.
	cellMaxMonths = 1 << cellMonthBits
)

// monthRun returns the word of the run of n months from month m holding v.
func monthRun(m int32, n int, v int32) uint64 {
	return cellMonthBit | uint64(m)<<(32+cellLenBits) | uint64(n-1)<<32 | uint64(uint32(v))
}

// otherCell returns the word of the cell of the period with index pi
// holding v.
func otherCell(pi int32, v int32) uint64 {
	return uint64(pi)<<32 | uint64(uint32(v))
}

// cellWord is a decoded word: a run of n months from month m, or (n == 0)
// the cell of the period with index pi.
type cellWord struct {
	month, pi int32
	n         int
	v         int32
}

func decodeCell(w uint64) cellWord {
	if w&cellMonthBit != 0 {
		return cellWord{month: int32(w >> (32 + cellLenBits) & (cellMaxMonths - 1)), n: int(w>>32&(cellMaxLen-1)) + 1, v: int32(uint32(w))}
	}
	return cellWord{pi: int32(w >> 32 & math.MaxInt32), v: int32(uint32(w))}
}

// A cellArena holds the blocks of words of the rows: blocks are cut from
// chunks of cellChunk words, and a block given back is kept for the next
// block of its size, so that rows that grow leave no garbage behind.
type cellArena struct {
	chunks [][]uint64
	cur    int                 // 1 + the index of the chunk blocks are cut from; 0 for none
	free   map[uint32][]uint32 // by capacity: blocks given back
	// freeWords counts the words of the blocks given back, cut the words
	// of all blocks.
	freeWords, cutWords int
}

const cellChunkBits = 16
const cellChunk = 1 << cellChunkBits

// block returns the words of the block at with capacity c.
func (a *cellArena) block(at, c uint32) []uint64 {
	ch := a.chunks[at>>cellChunkBits]
	off := at & (cellChunk - 1)
	return ch[off : off+c : off+c]
}

// alloc returns a new block of capacity c.
func (a *cellArena) alloc(c uint32) uint32 {
	if list := a.free[c]; len(list) > 0 {
		at := list[len(list)-1]
		a.free[c] = list[:len(list)-1]
		a.freeWords -= int(c)
		return at
	}
	a.cutWords += int(c)
	if c > cellChunk {
		// A block of its own, at the start of a chunk of its size.
		a.chunks = append(a.chunks, make([]uint64, c))
		return uint32(len(a.chunks)-1) << cellChunkBits
	}
	if a.cur == 0 || uint32(len(a.chunks[a.cur-1]))+c > cellChunk {
		a.chunks = append(a.chunks, make([]uint64, 0, cellChunk))
		a.cur = len(a.chunks)
	}
	ch := &a.chunks[a.cur-1]
	off := uint32(len(*ch))
	*ch = (*ch)[:off+c]
	return uint32(a.cur-1)<<cellChunkBits | off
}

// release gives the block at with capacity c back.
func (a *cellArena) release(at, c uint32) {
	if a.free == nil {
		a.free = make(map[uint32][]uint32)
	}
	a.free[c] = append(a.free[c], at)
	a.freeWords += int(c)
}

// compact moves the blocks of the rows into new chunks, one after the
// other, when the blocks given back and not taken again, as when every
// row grows a month at a time, make a third of the words cut: the old
// chunks are dropped as they are emptied, so that the arena needs little
// more than its words while it moves them.
func (s *Store) compact() {
	a := &s.arena
	if a.freeWords < cellChunk || a.freeWords*3 < a.cutWords {
		return
	}
	order := make([]int32, 0, s.rows.n)
	for r := range int32(s.rows.n) {
		if s.rows.at(r).c > 0 {
			order = append(order, r)
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(s.rows.at(x).at, s.rows.at(y).at) })
	old := a.chunks
	*a = cellArena{}
	a.chunks = make([][]uint64, 0, len(old))
	dropped := uint32(0)
	for _, r := range order {
		row := s.rows.at(r)
		ch := row.at >> cellChunkBits
		for ; dropped < ch; dropped++ {
			old[dropped] = nil // emptied
		}
		off := row.at & (cellChunk - 1)
		words := old[ch][off : off+row.n]
		c := row.n + 1 + row.n/8 // room for another month
		at := a.alloc(c)
		copy(a.block(at, c), words)
		row.at, row.c = at, c
	}
}

// cellGrow returns the capacity of a block that outgrew c.
func cellGrow(c uint32) uint32 {
	return c + max(1, c/2)
}

// words returns the words of row r.
func (s *Store) words(r int32) []uint64 {
	row := s.rows.at(r)
	if row.c == 0 {
		return nil
	}
	return s.arena.block(row.at, row.c)[:row.n]
}

// appendWord appends w to the words of row r.
func (s *Store) appendWord(r int32, w uint64) {
	row := s.rows.at(r)
	if row.n == row.c {
		c := cellGrow(row.c)
		at := s.arena.alloc(c)
		if row.c > 0 {
			copy(s.arena.block(at, c), s.arena.block(row.at, row.c))
			s.arena.release(row.at, row.c)
		}
		row.at, row.c = at, c
		s.arena.block(row.at, row.c)[row.n] = w
		row.n++
		s.compact()
		return
	}
	s.arena.block(row.at, row.c)[row.n] = w
	row.n++
}

// removeWord removes the i-th word of row r, moving the last into its place.
func (s *Store) removeWord(r int32, i int) {
	row := s.rows.at(r)
	ws := s.arena.block(row.at, row.c)
	ws[i] = ws[row.n-1]
	row.n--
}

// storeBigKey names a cell whose value does not fit in a word.
type storeBigKey struct{ row, pi int32 }

// value returns the value of the cell of word w whose period has index
// pi, in row r.
func (s *Store) value(r int32, c cellWord, pi int32) int64 {
	if c.v == cellEscape {
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
	for _, w := range s.words(r) {
		c := decodeCell(w)
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

// find returns the index among the words of row r of the word holding the
// cell of the period with index pi, and the word decoded; -1 when the row
// has no value for it.
func (s *Store) find(r int32, pi int32) (int, cellWord) {
	m := s.monthOf(pi)
	for i, w := range s.words(r) {
		c := decodeCell(w)
		if m < 0 && c.n == 0 && c.pi == pi || m >= 0 && c.n > 0 && c.month <= m && m < c.month+int32(c.n) {
			return i, c
		}
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
		m := s.monthOf(pi)
		if c.n <= 1 {
			s.removeWord(r, i)
			if c.v == cellEscape {
				delete(s.big, storeBigKey{r, pi})
			}
		} else {
			// Split the run around the month.
			s.removeWord(r, i)
			if m > c.month {
				s.appendWord(r, monthRun(c.month, int(m-c.month), c.v))
			}
			if end := c.month + int32(c.n); m+1 < end {
				s.appendWord(r, monthRun(m+1, int(end-m-1), c.v))
			}
		}
	} else {
		s.cells++
	}
	s.putCell(r, pi, nv)
	return old, true
}

// putCell writes v into the empty cell of row r for the period with index
// pi, joining the runs of the months either side that hold the same value.
func (s *Store) putCell(r int32, pi int32, v int64) {
	v32 := int32(v)
	escaped := int64(v32) != v || v32 == cellEscape
	if escaped {
		if s.big == nil {
			s.big = make(map[storeBigKey]int64)
		}
		s.big[storeBigKey{r, pi}] = v
		v32 = cellEscape
	}
	m := s.monthOf(pi)
	if m < 0 {
		s.appendWord(r, otherCell(pi, v32))
		return
	}
	if !escaped {
		before, after := -1, -1
		var cb, ca cellWord
		for i, w := range s.words(r) {
			c := decodeCell(w)
			if c.n == 0 || c.v != v32 {
				continue
			}
			if c.month+int32(c.n) == m && c.n < cellMaxLen {
				before, cb = i, c
			}
			if c.month == m+1 && c.n < cellMaxLen {
				after, ca = i, c
			}
		}
		ws := s.words(r)
		switch {
		case before >= 0 && after >= 0 && cb.n+1+ca.n <= cellMaxLen:
			ws[before] = monthRun(cb.month, cb.n+1+ca.n, v32)
			s.removeWord(r, after)
			return
		case before >= 0:
			ws[before] = monthRun(cb.month, cb.n+1, v32)
			return
		case after >= 0:
			ws[after] = monthRun(m, ca.n+1, v32)
			return
		}
	}
	s.appendWord(r, monthRun(m, 1, v32))
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
