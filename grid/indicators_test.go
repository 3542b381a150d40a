package grid_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// TestFiguresFeedIndicators computes the grid service's indicators from a
// register's figures through the indicators engine, and checks them against
// the figures themselves, here and rolled up to the county.
func TestFiguresFeedIndicators(t *testing.T) {
	f, err := os.Open("testdata/register.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reg, err := grid.NewRegister(testKey)
	if err != nil {
		t.Fatal(err)
	}
	d := healthedu.NewDecoder(f, healthedu.DecodeOptions{Kinds: grid.Kinds()})
	for d.Next() {
		if issues := reg.Add(d.Decoded().Record); len(issues) > 0 {
			t.Fatalf("line %d: %v", d.Decoded().Line, issues)
		}
	}
	month := healthedu.MustParsePeriod("202510")
	figures := reg.Figures(month)
	var visited, signed int64
	var where healthedu.DivisionCode
	for _, v := range figures {
		switch v.Element {
		case grid.ElementVisited:
			visited += v.Value
			where = v.Division
		case grid.ElementSigned:
			signed += v.Value
		}
	}
	if signed == 0 {
		t.Fatal("the register's figures sign no household: the test proves nothing")
	}

	cat, err := grid.IndicatorCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	store := indicators.NewStore(cat)
	if err := grid.AddFigures(store, figures); err != nil {
		t.Fatal(err)
	}
	ind, ok := cat.Indicator(grid.IndicatorVisitRate)
	if !ok {
		t.Fatalf("catalogue lacks %s", grid.IndicatorVisitRate)
	}
	county := where.Truncate(healthedu.LevelCounty)
	results, err := store.Compute(indicators.Query{
		Indicators: []*indicators.Indicator{ind},
		Divisions:  []healthedu.DivisionCode{where, county},
		Period:     healthedu.MustParsePeriod("2025Q4"),
	})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Num, Den int64 }
	var got []row
	for _, r := range results {
		got = append(got, row{r.Numerator, r.Denominator})
	}
	want := []row{{visited, signed}, {visited, signed}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("grid-visit-rate over %s and %s (-want +got):\n%s", where, county, diff)
	}
}

func TestIndicatorCatalogueKeepsDefaults(t *testing.T) {
	cat, err := grid.IndicatorCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"child-health-management-rate", grid.IndicatorVisitRate, grid.IndicatorImprovementRate} {
		if _, ok := cat.Indicator(code); !ok {
			t.Errorf("catalogue lacks %s", code)
		}
	}
}
