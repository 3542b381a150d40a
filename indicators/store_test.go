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
// order, years, a quarter and a day, values beyond 32 bits and near the
// limit of 64 bits among them, and checks that the cells, as Values and Len give them, are the
// sums a plain map of cells gives: runs of months are split and joined
// as cells change, and large values are kept whole.
func TestStoreCells(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	periods := []healthedu.Period{healthedu.YearPeriod(2024), healthedu.DayPeriod(2025, 3, 4), healthedu.QuarterPeriod(2025, 2)}
	for m := range 30 {
		periods = append(periods, healthedu.MonthPeriod(2023+m/12, time.Month(m%12+1)))
	}
	divisions := []string{"371502001", "371502002", "371502001001"}
	elements := []string{"population", "lectures", "health-records"}
	small := []int64{0, 1, 1, 1, 2, 5}
	large := []int64{math.MaxInt32, math.MaxInt32 + 1, -math.MinInt32, 1 << 40, math.MaxInt64 - 3}
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
