package indicators

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// A Store holds data values (数据值) and aggregates them up the division tree
// and over periods (see [Store.Compute]).
//
// It keeps one cell per (element, category, division, period): adding a
// value to a cell that has one already adds the two, so that the
// contributions of many records (each activity, each binding) build up the
// figure of their month. Memory grows with the number of cells, not with
// the number of values added. Divisions, periods and series (element and
// category) are numbered densely as they first appear; the cells of a
// (series, division) row are units of 32 bits in a shared arena, one or
// two for each run of consecutive months that hold the same value, so that
// a stock (存量) unchanged month after month takes one unit (see cells.go).
//
// A Store is not safe for concurrent use while values are being added;
// once filled, any number of goroutines may call its other methods.
type Store struct {
	elements map[string]elementInfo

	series    []storeSeries
	seriesIdx map[storeSeriesKey]int32
	divs      []healthedu.DivisionCode
	divIdx    map[healthedu.DivisionCode]int32
	periods   []healthedu.Period
	periodIdx map[healthedu.Period]int32
	// periodMonth holds, by period index, the month number (months since
	// January 1900) of a month, -1 for another period; monthPI, by month
	// number from monthBase, the index of the month's period, -1 for none.
	periodMonth []int32
	monthPI     []int32
	monthBase   int32
	anchor      int32 // the month short runs start from (see cells.go)
	rows        storeRows
	// rowTable finds the row of a series and a division: 1 + the row, 0
	// for none, by open addressing with linear probing.
	rowTable []int32
	arena    cellArena
	big      map[storeBigKey]int64 // the values that do not fit in 32 bits
	cells    int

	// receipts holds the earliest receipt of each division's monthly
	// report for each month (see AddReceipt); the zero Time for a report
	// received at an unknown time.
	receipts map[receiptKey]time.Time
	zones    zoneCache // the zones of the receipts' times

	// The last series, division, period and row looked up by Add: values
	// usually come in runs that share them.
	lastSeries storeSeriesKey
	lastSI     int32
	lastDiv    healthedu.DivisionCode
	lastDI     int32
	lastPeriod healthedu.Period
	lastPI     int32
	lastRowSI  int32
	lastRowDI  int32
	lastRow    int32
}

// receiptKey names the monthly report of a division for a month.
type receiptKey struct {
	division healthedu.DivisionCode
	month    healthedu.Period
}

// elementInfo is what a Store needs to know of a data element.
type elementInfo struct {
	last     bool // aggregates over time by taking the latest value (存量)
	count    bool // values are counts, never negative
	integral bool // values are integers (count or integer), so may be data values
	monthly  bool // every monthly report carries it (月报必报项): a month without a value lacks one
	disjoint bool // values at nested divisions count different things (各级分别计数)
}

type storeSeriesKey struct{ element, category string }

type storeSeries struct {
	storeSeriesKey
	info elementInfo
}

// A storeRow holds the cells of one series in one division: n units in
// the arena's block at, of class k (see cellClasses), kept as n<<8 | k.
type storeRow struct {
	series, div int32
	at, nk      uint32
}

func (r *storeRow) n() uint32             { return r.nk >> 8 }
func (r *storeRow) class() uint8          { return uint8(r.nk) }
func (r *storeRow) set(n uint32, k uint8) { r.nk = n<<8 | uint32(k) }

// storeRows holds the rows in chunks of storeRowChunk, so that adding
// rows never copies them nor leaves a large array behind.
type storeRows struct {
	chunks [][]storeRow
	n      int
}

const storeRowBits = 14
const storeRowChunk = 1 << storeRowBits

// at returns row r.
func (rs *storeRows) at(r int32) *storeRow {
	return &rs.chunks[r>>storeRowBits][r&(storeRowChunk-1)]
}

// add appends row.
func (rs *storeRows) add(row storeRow) {
	if rs.n%storeRowChunk == 0 {
		rs.chunks = append(rs.chunks, make([]storeRow, 0, storeRowChunk))
	}
	c := &rs.chunks[len(rs.chunks)-1]
	*c = append(*c, row)
	rs.n++
}

// storeAbsent is not a value a cell can hold: Add rejects it, and sums
// that reach it overflow.
const storeAbsent = math.MinInt64

func newStore(elements map[string]elementInfo) *Store {
	return &Store{
		elements:  elements,
		seriesIdx: make(map[storeSeriesKey]int32),
		divIdx:    make(map[healthedu.DivisionCode]int32),
		periodIdx: make(map[healthedu.Period]int32),
		receipts:  make(map[receiptKey]time.Time),
		lastSI:    -1,
		lastDI:    -1,
		lastPI:    -1,
		lastRow:   -1,
	}
}

// A ValueError reports a data value that a [Store] refused, and why. Code is
// one of the issue codes "indicator.element" (the element is not in the
// catalogue, or its values are not integers), "indicator.category",
// "indicator.division", "indicator.period", "indicator.negative" (a count
// below zero) and "indicator.overflow" (the cell's sum is out of range).
type ValueError struct {
	Value DataValue
	Code  string // stable issue code, such as "indicator.element"
	Msg   string // what is wrong, in English
}

// Issue returns the refusal as an issue (问题) with e's code and the value
// in its "value" param, so that [healthedu.IssueFromError] reports it.
func (e *ValueError) Issue() healthedu.Issue {
	return healthedu.NewIssue(e.Code, "", map[string]any{"value": e.Value.String()})
}

// Error implements the error interface.
func (e *ValueError) Error() string {
	return "indicators: data value " + e.Value.String() + ": " + e.Msg
}

// Add adds v into its cell (see [Store]). It refuses a value whose element
// is not in the store's catalogue or is not of an integer type (count or
// integer), a malformed category, an invalid division or period, a negative
// count, and a value that would take its cell out of the range of int64;
// the error is then a [*ValueError] and the store is unchanged.
//
// Divisions need not be in a [healthedu.Registry]: containment follows from
// the digits of the codes, and villages, which the default registry does
// not list, are welcome.
func (s *Store) Add(v DataValue) error {
	si, err := s.seriesOf(&v)
	if err != nil {
		return err
	}
	di, err := s.divisionOf(&v)
	if err != nil {
		return err
	}
	pi, err := s.periodOf(&v)
	if err != nil {
		return err
	}
	ser := &s.series[si]
	if v.Value == storeAbsent || ser.info.count && v.Value < 0 {
		if v.Value < 0 && ser.info.count {
			return &ValueError{v, "indicator.negative", "a count cannot be negative"}
		}
		return &ValueError{v, "indicator.overflow", "value out of range"}
	}
	r := s.rowOf(si, di)
	if old, ok := s.addCell(r, pi, v.Value); !ok {
		return &ValueError{v, "indicator.overflow", "the cell's sum " + strconv.FormatInt(old, 10) + " + " + strconv.FormatInt(v.Value, 10) + " is out of range"}
	}
	return nil
}

func (s *Store) seriesOf(v *DataValue) (int32, error) {
	if s.lastSI >= 0 && v.Element == s.lastSeries.element && v.Category == s.lastSeries.category {
		return s.lastSI, nil
	}
	key := storeSeriesKey{v.Element, v.Category}
	si, ok := s.seriesIdx[key]
	if !ok {
		info, ok := s.elements[v.Element]
		switch {
		case derivedElement(v.Element):
			return 0, &ValueError{*v, "indicator.derivedElement", "element " + strconv.Quote(v.Element) + " is derived from the reports received: use AddReceipt"}
		case !ok:
			return 0, &ValueError{*v, "indicator.element", "element " + strconv.Quote(v.Element) + " is not in the catalogue"}
		case !info.integral:
			return 0, &ValueError{*v, "indicator.element", "element " + strconv.Quote(v.Element) + " does not take integer values"}
		}
		if at, msg := categoryFault(v.Category); at >= 0 {
			return 0, &ValueError{*v, "indicator.category", "category " + strconv.Quote(v.Category) + ": " + msg}
		}
		si = int32(len(s.series))
		s.series = append(s.series, storeSeries{storeSeriesKey: key, info: info})
		s.seriesIdx[key] = si
	}
	s.lastSeries, s.lastSI = key, si
	return si, nil
}

func (s *Store) divisionOf(v *DataValue) (int32, error) {
	if s.lastDI >= 0 && v.Division == s.lastDiv {
		return s.lastDI, nil
	}
	di, ok := s.divIdx[v.Division]
	if !ok {
		if !v.Division.IsValid() {
			return 0, &ValueError{*v, "indicator.division", "no division"}
		}
		di = int32(len(s.divs))
		s.divs = append(s.divs, v.Division)
		s.divIdx[v.Division] = di
	}
	s.lastDiv, s.lastDI = v.Division, di
	return di, nil
}

func (s *Store) periodOf(v *DataValue) (int32, error) {
	if s.lastPI >= 0 && v.Period == s.lastPeriod {
		return s.lastPI, nil
	}
	pi, ok := s.periodIdx[v.Period]
	if !ok {
		if !v.Period.IsValid() {
			return 0, &ValueError{*v, "indicator.period", "no period"}
		}
		pi = int32(len(s.periods))
		s.periods = append(s.periods, v.Period)
		s.periodIdx[v.Period] = pi
		s.registerPeriod(v.Period, pi)
	}
	s.lastPeriod, s.lastPI = v.Period, pi
	return pi, nil
}

func (s *Store) rowOf(si, di int32) int32 {
	if s.lastRow >= 0 && si == s.lastRowSI && di == s.lastRowDI {
		return s.lastRow
	}
	if (s.rows.n+1)*4 > len(s.rowTable)*3 {
		s.rowTable = make([]int32, max(1024, 2*len(s.rowTable)))
		for r := range int32(s.rows.n) {
			i := s.rowSlot(s.rows.at(r).series, s.rows.at(r).div)
			s.rowTable[i] = r + 1
		}
	}
	i := s.rowSlot(si, di)
	r := s.rowTable[i] - 1
	if r < 0 {
		r = int32(s.rows.n)
		s.rows.add(storeRow{series: si, div: di})
		s.rowTable[i] = r + 1
	}
	s.lastRowSI, s.lastRowDI, s.lastRow = si, di, r
	return r
}

// rowSlot returns the slot of rowTable that holds the row of series si in
// division di, or the empty one where it goes.
func (s *Store) rowSlot(si, di int32) int {
	mask := uint64(len(s.rowTable) - 1)
	h := (uint64(uint32(si))<<32 | uint64(uint32(di))) * 0x9E3779B97F4A7C15 // Fibonacci hashing
	for i := h >> 32 & mask; ; i = (i + 1) & mask {
		r := s.rowTable[i] - 1
		if r < 0 || s.rows.at(r).series == si && s.rows.at(r).div == di {
			return int(i)
		}
	}
}

// seriesRows returns the rows of each series, in the order they appeared:
// those of series si are rows[start[si]:start[si+1]].
func (s *Store) seriesRows() (rows, start []int32) {
	start = make([]int32, len(s.series)+1)
	for r := range int32(s.rows.n) {
		start[s.rows.at(r).series+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	rows = make([]int32, s.rows.n)
	next := slices.Clone(start[:len(s.series)])
	for r := range int32(s.rows.n) {
		si := s.rows.at(r).series
		rows[next[si]] = r
		next[si]++
	}
	return rows, start
}

// AddReceipt records that the monthly report (月报) of division d for month m
// reached the platform at t (接收时间), for the figures of report
// completeness and timeliness: reports-received counts, for each expected
// reporter (see [Reporters]), the due months for which a report of it or
// of a division within it was received, and reports-on-time those whose
// earliest receipt came before the deadline (see [ReportDeadline]);
// reports-expected counts the due months. These three elements take no
// data values: [Store.Add] refuses them.
//
// Of several receipts of one division and month the earliest known one
// counts; a zero t records a report received at an unknown time, which is
// received but, unless another receipt says otherwise, not on time. AddReceipt fails with a [*ValueError] when d is not
// valid or m is not a month.
func (s *Store) AddReceipt(d healthedu.DivisionCode, m healthedu.Period, t time.Time) error {
	v := DataValue{Element: ElementReportsReceived, Division: d, Period: m, Value: 1}
	switch {
	case !d.IsValid():
		return &ValueError{v, "indicator.division", "no division"}
	case m.Type() != healthedu.PeriodMonth:
		return &ValueError{v, "indicator.period", "a monthly report's period must be a month"}
	}
	t = s.zones.share(t)
	k := receiptKey{d, m}
	if prev, ok := s.receipts[k]; !ok || prev.IsZero() || !t.IsZero() && t.Before(prev) {
		s.receipts[k] = t
	}
	return nil
}

// Receipts returns the number of monthly reports received: the distinct
// (division, month) of [Store.AddReceipt].
func (s *Store) Receipts() int { return len(s.receipts) }

// derivedElement reports whether code is one of the elements that Compute
// derives from the receipts of monthly reports.
func derivedElement(code string) bool {
	return code == ElementReportsExpected || code == ElementReportsReceived || code == ElementReportsOnTime
}

// Len returns the number of cells that hold a value: the number of distinct
// (element, category, division, period) among the values added.
func (s *Store) Len() int { return s.cells }

// Values returns an iterator over the cells of s as data values, sorted by
// element, category, division and period (by [healthedu.Period.Compare]):
// the figures as they were added, each cell holding the sum of the values
// added to it. This is what an export to another platform sends.
func (s *Store) Values() iter.Seq[DataValue] {
	return func(yield func(DataValue) bool) {
		order := make([]int32, s.rows.n)
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(a, b int32) int {
			ra, rb := s.rows.at(a), s.rows.at(b)
			sa, sb := &s.series[ra.series], &s.series[rb.series]
			if c := cmp.Compare(sa.element, sb.element); c != 0 {
				return c
			}
			if c := cmp.Compare(sa.category, sb.category); c != 0 {
				return c
			}
			return s.divs[ra.div].Compare(s.divs[rb.div])
		})
		periods := make([]int32, len(s.periods))
		for i := range periods {
			periods[i] = int32(i)
		}
		slices.SortFunc(periods, func(a, b int32) int { return s.periods[a].Compare(s.periods[b]) })
		rank := make([]int32, len(periods)) // by period index: its place in time
		for i, p := range periods {
			rank[p] = int32(i)
		}
		var cells []storeCell
		for _, r := range order {
			row := s.rows.at(r)
			ser := &s.series[row.series]
			cells = s.rowCells(cells[:0], r)
			slices.SortFunc(cells, func(a, b storeCell) int { return int(rank[a.pi] - rank[b.pi]) })
			for _, c := range cells {
				v := DataValue{Element: ser.element, Category: ser.category, Division: s.divs[row.div], Period: s.periods[c.pi], Value: c.v}
				if !yield(v) {
					return
				}
			}
		}
	}
}

// NewStore returns an empty store for values of the catalogue's elements.
func NewStore(c *Catalogue) *Store { return newStore(c.info) }
