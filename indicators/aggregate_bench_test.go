package indicators

import (
	"fmt"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// benchProvince is the setting of BenchmarkAggregateProvince: every
// township of 山东省 (37) in the default registry, 40 elements (half sums,
// half stocks), the 12 months of 2025, and valuesPerCell values added to
// each (element, township, month) cell, as many records add up into one
// month's figure.
type benchProvince struct {
	cat        *Catalogue
	indicators []*Indicator
	elements   []string
	townships  []healthedu.DivisionCode
	months     []healthedu.Period
	targets    []healthedu.DivisionCode // counties, cities and the province
}

const (
	benchElements      = 40
	benchValuesPerCell = 12
)

func newBenchProvince(tb testing.TB) *benchProvince {
	tb.Helper()
	reg := healthedu.DefaultRegistry()
	shandong := div("37")
	bp := &benchProvince{townships: DivisionsAt(reg, shandong, healthedu.LevelTownship)}
	f := CatalogueFile{SchemaVersion: CatalogueSchemaVersion}
	for i := range benchElements {
		code := fmt.Sprintf("bench-%02d", i)
		agg := healthedu.AggregateSum
		if i%2 == 1 {
			agg = healthedu.AggregateLast
		}
		n := healthedu.LocalizedText{ZhHans: code, ZhHant: code, En: code}
		f.Elements = append(f.Elements, healthedu.Element{Code: code, Names: n, ValueType: healthedu.ValueCount, Aggregation: agg})
		f.Indicators = append(f.Indicators, Definition{Code: code, Names: n, Numerator: code, Denominator: "1", Factor: 1})
		bp.elements = append(bp.elements, code)
	}
	cat, err := NewCatalogue(f, nil)
	if err != nil {
		tb.Fatal(err)
	}
	bp.cat, bp.indicators = cat, cat.Indicators()
	for m := time.January; m <= time.December; m++ {
		bp.months = append(bp.months, healthedu.MonthPeriod(2025, m))
	}
	bp.targets = append(bp.targets, shandong)
	bp.targets = append(bp.targets, DivisionsAt(reg, shandong, healthedu.LevelCity)...)
	bp.targets = append(bp.targets, DivisionsAt(reg, shandong, healthedu.LevelCounty)...)
	return bp
}

// values returns the number of values fill adds.
func (bp *benchProvince) values() int {
	return len(bp.townships) * len(bp.elements) * len(bp.months) * benchValuesPerCell
}

// fill adds the values to a new store.
func (bp *benchProvince) fill(tb testing.TB) *Store {
	s := NewStore(bp.cat)
	for ti, tw := range bp.townships {
		for ei, e := range bp.elements {
			for mi, m := range bp.months {
				for k := range benchValuesPerCell {
					v := DataValue{Element: e, Division: tw, Period: m, Value: int64(ti + ei + mi + k)}
					if err := s.Add(v); err != nil {
						tb.Fatal(err)
					}
				}
			}
		}
	}
	return s
}

// aggregate computes every element for the counties, cities and the
// province over a quarter and over the year.
func (bp *benchProvince) aggregate(tb testing.TB, s *Store) [2][]Result {
	var out [2][]Result
	for i, p := range []healthedu.Period{period("2025Q1"), period("2025")} {
		rs, err := s.Compute(Query{Indicators: bp.indicators, Divisions: bp.targets, Period: p})
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = rs
	}
	return out
}

// BenchmarkAggregateProvince adds over 10 million data values for every
// township of 山东省 and aggregates them to its counties, cities and the
// province for a quarter and a year. It reports values/s: data values added
// and aggregated per second.
func BenchmarkAggregateProvince(b *testing.B) {
	bp := newBenchProvince(b)
	n := bp.values()
	if n <= 10_000_000 {
		b.Fatalf("only %d values", n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bp.aggregate(b, bp.fill(b))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "values/s")
}

// BenchmarkComputeProvince measures the aggregation alone, over a store
// already filled, reporting the cells aggregated per second.
func BenchmarkComputeProvince(b *testing.B) {
	bp := newBenchProvince(b)
	s := bp.fill(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		bp.aggregate(b, s)
	}
	b.ReportMetric(float64(2*s.Len())*float64(b.N)/b.Elapsed().Seconds(), "cells/s")
}

func BenchmarkParseExpression(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseExpression("hypertension-controlled + diabetes-controlled - activities[form=lecture] + 3"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAggregateProvince checks the benchmark's figures on a smaller scale:
// the province's sums equal the sums of its counties, and of its cities.
func TestAggregateProvince(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a province")
	}
	bp := newBenchProvince(t)
	bp.townships = bp.townships[:200]
	res := bp.aggregate(t, bp.fill(t))
	ni := len(bp.indicators)
	for pi := range res {
		rs := res[pi]
		for i := range bp.indicators {
			province := rs[i].Numerator
			var cities, counties int64
			for ti, d := range bp.targets[1:] {
				r := rs[(ti+1)*ni+i]
				if d.Level() == healthedu.LevelCity {
					cities += r.Numerator
				} else {
					counties += r.Numerator
				}
			}
			if province == 0 || cities != province || counties != province {
				t.Errorf("%s %s: province %d, cities %d, counties %d", bp.indicators[i].Code(), rs[i].Period, province, cities, counties)
			}
		}
	}
}
