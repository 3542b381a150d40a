package indicators

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jiceng/jiceng/healthedu"
)

func TestStoreAdd(t *testing.T) {
	tests := []struct {
		v    DataValue
		code string
	}{
		{val("no-such-element", "371502001", "202510", 1), "indicator.element"},
		{val("children-0-6-management-rate", "371502001", "202510", 96), "indicator.element"},
		{val("activities[form]", "371502001", "202510", 1), "indicator.category"},
		{val("activities[Form=lecture]", "371502001", "202510", 1), "indicator.category"},
		{val("activities[form=lecture=x]", "371502001", "202510", 1), "indicator.category"},
		{DataValue{Element: "lectures", Period: period("202510"), Value: 1}, "indicator.division"},
		{DataValue{Element: "lectures", Division: div("371502001"), Value: 1}, "indicator.period"},
		{val("lectures", "371502001", "202510", -1), "indicator.negative"},
		{val("lectures", "371502001", "202510", math.MinInt64), "indicator.negative"},
	}
	s := NewStore(DefaultCatalogue())
	for _, tt := range tests {
		err := s.Add(tt.v)
		var ve *ValueError
		if !errors.As(err, &ve) || ve.Code != tt.code || ve.Value != tt.v {
			t.Errorf("Add(%v) = %v, want code %s", tt.v, err, tt.code)
		}
	}
	if s.Len() != 0 {
		t.Errorf("Len() = %d after failed adds", s.Len())
	}
	if err := s.Add(val("activities[form=lecture]", "371502001", "202510", 1)); err != nil {
		t.Fatal(err)
	}
	err := s.Add(val("lectures", "371502001", "202510", -1))
	if got := err.Error(); got != "indicators: data value lectures 371502001000 202510 -1: a count cannot be negative" {
		t.Errorf("Error() = %s", got)
	}
}

func TestStoreValues(t *testing.T) {
	s := store(t,
		val("lectures", "371502002", "202511", 1),
		val("lectures", "371502001", "2025Q4", 7),
		val("lectures", "371502001", "202511", 2),
		val("lectures", "371502001", "202510", 3),
		val("lectures", "371502001", "202510", 4), // adds up in its cell
		val("activities[form=lecture]", "371502001", "202510", 1),
		val("activities", "371502001", "202510", 1),
		val("children-0-6", "371502", "202510", 0),
	)
	var got []DataValue
	for v := range s.Values() {
		got = append(got, v)
	}
	want := []DataValue{
		val("activities", "371502001", "202510", 1),
		val("activities[form=lecture]", "371502001", "202510", 1),
		val("children-0-6", "371502", "202510", 0),
		val("lectures", "371502001", "2025Q4", 7),
		val("lectures", "371502001", "202510", 7),
		val("lectures", "371502001", "202511", 2),
		val("lectures", "371502002", "202511", 1),
	}
	if diff := cmp.Diff(want, got, equateCodes); diff != "" {
		t.Errorf("Values() (-want +got):\n%s", diff)
	}
	if s.Len() != 7 {
		t.Errorf("Len() = %d, want 7", s.Len())
	}
	for range s.Values() {
		break // stopping early is fine
	}
}

func TestDivisionsAt(t *testing.T) {
	reg := healthedu.DefaultRegistry()
	if got := DivisionsAt(reg, div("4419"), healthedu.LevelCounty); len(got) != 0 {
		t.Errorf("counties of 东莞: %v", got)
	}
	if got := DivisionsAt(reg, div("4419"), healthedu.LevelTownship); len(got) < 20 {
		t.Errorf("townships of 东莞: %d", len(got))
	}
	got := DivisionsAt(reg, healthedu.DivisionCode{}, healthedu.LevelProvince)
	if len(got) < 31 || got[0] != div("11") {
		t.Errorf("provinces: %v", got)
	}
	if got := DivisionsAt(reg, div("371502"), healthedu.LevelCounty); len(got) != 1 || got[0] != div("371502") {
		t.Errorf("county of itself: %v", got)
	}
}

// equateCodes compares division codes and periods with ==.
var equateCodes = cmpopts.EquateComparable(healthedu.DivisionCode{}, healthedu.Period{})

// TestStoreAddAllocs: adding to a cell that exists allocates nothing.
func TestStoreAddAllocs(t *testing.T) {
	s := store(t, val("lectures", "371502001", "202510", 1), val("lectures", "371502002", "202511", 1))
	a, b := val("lectures", "371502001", "202510", 1), val("lectures", "371502002", "202511", 1)
	if n := testing.AllocsPerRun(100, func() { s.Add(a); s.Add(b) }); n != 0 {
		t.Errorf("Add allocates %v times, want 0", n)
	}
}

// TestValueErrorIssue: a refused data value is an issue with its code.
func TestValueErrorIssue(t *testing.T) {
	s := NewStore(DefaultCatalogue())
	err := s.Add(val("lectures", "371502001", "202510", -1))
	got := healthedu.IssueFromError(fmt.Errorf("record 3: %w", err), "/values/0")
	want := healthedu.NewIssue("indicator.negative", "/values/0", map[string]any{"value": "lectures 371502001000 202510 -1"})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestStoreCells adds counts at random to a few rows, over months in any
// order (two of them decades from the others), years, a quarter and a
// day, values about the bounds of a short cell (19 bits), beyond 32 bits
// and near the limit of 64 bits among them, and checks that the cells, as
// Values and Len give them, are the sums a plain map of cells gives: runs
// of months are split and joined as cells change, and large values are
// kept whole.
func TestStoreCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	periods := []healthedu.Period{healthedu.YearPeriod(2024), healthedu.DayPeriod(2025, 3, 4), healthedu.QuarterPeriod(2025, 2)}
	for m := range 30 {
		periods = append(periods, healthedu.MonthPeriod(2023+m/12, time.Month(m%12+1)))
	}
	periods = append(periods, healthedu.MonthPeriod(1990, 1), healthedu.MonthPeriod(2061, 7))
	divisions := []string{"371502001", "371502002", "371502001001"}
	elements := []string{"population", "lectures", "health-records"}
	small := []int64{0, 1, 1, 1, 2, 5}
	large := []int64{1<<18 - 1, 1 << 18, 1<<18 + 1, math.MaxInt32, math.MaxInt32 + 1, -math.MinInt32, 1 << 40, math.MaxInt64 - 3}
	for n := range 50 {
		s := NewStore(DefaultCatalogue())
		want := make(map[string]int64)
		for range 2000 {
			v := DataValue{
				Element:  elements[rng.IntN(len(elements))],
				Division: div(divisions[rng.IntN(len(divisions))]),
				Period:   periods[rng.IntN(len(periods))],
				Value:    small[rng.IntN(len(small))],
			}
			if rng.IntN(20) == 0 {
				v.Value = large[rng.IntN(len(large))]
			}
			k := v
			k.Value = 0
			old, had := want[k.String()]
			sum := old + v.Value
			overflow := had && sum < old
			err := s.Add(v)
			if (err != nil) != overflow {
				t.Fatalf("store %d: Add(%v): %v, want an error %v", n, v, err, overflow)
			}
			if err == nil {
				want[k.String()] = sum
			}
		}
		got := make(map[string]int64)
		for v := range s.Values() {
			k := v
			k.Value = 0
			got[k.String()] = v.Value
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("store %d: cells (-want +got):\n%s", n, diff)
		}
		if s.Len() != len(want) {
			t.Fatalf("store %d: Len %d, want %d", n, s.Len(), len(want))
		}
	}
}

// TestCellEncoding encodes cells about the limits of the short form (one
// unit: a run of at most 16 months starting within 256 months from the
// anchor, with a value of 19 bits) and of the long forms (two units), and
// checks the size chosen and that each decodes to itself.
func TestCellEncoding(t *testing.T) {
	const anchor = 1200 // January 2000
	tests := []struct {
		name string
		c    cellWord
		size int
	}{
		{"anchor", cellWord{month: anchor, n: 1, v: 0}, 1},
		{"last short month, longest short run", cellWord{month: anchor + 255, n: 16, v: 7}, 1},
		{"largest short value", cellWord{month: anchor + 3, n: 2, v: 1<<18 - 1}, 1},
		{"smallest short value", cellWord{month: anchor + 3, n: 2, v: -1 << 18}, 1},
		{"month after the short span", cellWord{month: anchor + 256, n: 1, v: 7}, 2},
		{"month before the anchor", cellWord{month: anchor - 1, n: 1, v: 7}, 2},
		{"run too long for a unit", cellWord{month: anchor, n: 17, v: 7}, 2},
		{"value above 19 bits", cellWord{month: anchor, n: 1, v: 1 << 18}, 2},
		{"value below 19 bits", cellWord{month: anchor, n: 1, v: -1<<18 - 1}, 2},
		{"largest value", cellWord{month: anchor, n: 3, v: math.MaxInt32}, 2},
		{"escape", cellWord{month: anchor, n: 1, v: cellEscape}, 2},
		{"first month, longest run", cellWord{month: 0, n: cellMaxLen, v: -5}, 2},
		{"last month", cellWord{month: cellMaxMonths - 1, n: 1, v: 5}, 2},
		{"other period", cellWord{pi: 3, v: 0}, 2},
		{"other period, last index", cellWord{pi: 1<<30 - 1, v: 1}, 2},
		{"other period, escape", cellWord{pi: 8, v: cellEscape}, 2},
		{"other period, negative", cellWord{pi: 8, v: -1}, 2},
	}
	s := &Store{anchor: anchor}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			u0, u1 := s.encodeCell(&c)
			if c.size != tt.size {
				t.Fatalf("size %d, want %d", c.size, tt.size)
			}
			want := tt.c
			want.size = tt.size
			got := s.decodeCell([]uint32{u0, u1, 0xffffffff}[:tt.size])
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(cellWord{})); diff != "" {
				t.Errorf("%08x %08x decoded (-want +got):\n%s", u0, u1, diff)
			}
		})
	}
}

// TestStoreShortCells fills a row of a store whose first month is January
// 2020, so that short runs start from May 2009 to August 2030, with months
// of the same value, and checks how many units the row takes and that the
// cells read back whole: a run longer than 16 months, a month outside the
// short span or a value beyond 19 bits takes two units, and a value beyond
// 32 bits is escaped, one month at a time.
func TestStoreShortCells(t *testing.T) {
	tests := []struct {
		name   string
		from   healthedu.Period
		months int
		v      int64
		units  int
	}{
		{"one short run", healthedu.MonthPeriod(2020, 1), 16, 3, 1},
		{"a run too long for one unit", healthedu.MonthPeriod(2020, 1), 17, 3, 2},
		{"two short runs of a value that changes", healthedu.MonthPeriod(2020, 1), 2, 1<<18 - 1, 1},
		{"a value beyond 19 bits", healthedu.MonthPeriod(2020, 1), 16, 1 << 18, 2},
		{"the last month of the short span", healthedu.MonthPeriod(2030, 8), 1, 9, 1},
		{"the first month after it", healthedu.MonthPeriod(2030, 9), 1, 9, 2},
		{"the first month of the short span", healthedu.MonthPeriod(2009, 5), 1, 9, 1},
		{"the month before it", healthedu.MonthPeriod(2009, 4), 1, 9, 2},
		{"escaped values", healthedu.MonthPeriod(2020, 1), 3, 1 << 40, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStore(DefaultCatalogue())
			// The first month fixes the anchor; it lies in another row.
			if err := s.Add(val("lectures", "371502001", "202001", 1)); err != nil {
				t.Fatal(err)
			}
			want := make(map[string]int64)
			p := tt.from
			for range tt.months {
				v := DataValue{Element: "population", Division: div("371502002"), Period: p, Value: tt.v}
				if err := s.Add(v); err != nil {
					t.Fatal(err)
				}
				want[p.String()] = tt.v
				p = p.Next()
			}
			got := make(map[string]int64)
			for v := range s.Values() {
				if v.Element == "population" {
					got[v.Period.String()] = v.Value
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
			r := s.rowOf(s.seriesIdx[storeSeriesKey{"population", ""}], s.divIdx[div("371502002")])
			if n := len(s.units(r)); n != tt.units {
				t.Errorf("%d units, want %d", n, tt.units)
			}
		})
	}
}
