package grid_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// benchResidents is the number of residents of BenchmarkAlertReadings.
const benchResidents = 1_000_000

// benchWorld is a register of a million residents in 400,000 households
// of 1,000 grids in the communities of 东昌府区, one in ten living alone, and a stream of 2²⁰ readings
// about them spread over an hour, built once.
var benchWorld = sync.OnceValues(func() (*grid.Register, []grid.Reading) {
	reg, err := grid.NewRegister(testKey)
	if err != nil {
		panic(err)
	}
	must := func(rec healthedu.Record) {
		for _, is := range reg.Add(rec) {
			if is.Severity == healthedu.SeverityError {
				panic(is.String())
			}
		}
	}
	const grids, households = 1000, 400_000
	townships := healthedu.DefaultRegistry().Children(healthedu.MustParseDivisionCode("371502")) // 东昌府区
	for g := range grids {
		div := healthedu.MustParseDivisionCode(fmt.Sprintf("%s%03d", townships[g%len(townships)].Short(), 1+g/len(townships)))
		must(&grid.Grid{Header: header(grid.KindGrid, fmt.Sprintf("g%d", g)), Name: "网格", Division: div})
	}
	for h := range households {
		must(&grid.Household{Header: header(grid.KindHousehold, fmt.Sprintf("h%d", h)), Grid: fmt.Sprintf("g%d", h%grids)})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bands := grid.AgeBand("").EnumValues()
	pseudonyms := make([]healthedu.Pseudonym, benchResidents)
	for i := range benchResidents {
		id, err := healthedu.ParseCitizenID(citizenIDString(i))
		if err != nil {
			panic(err)
		}
		alone := i%10 == 0
		household := i % households
		if alone {
			household = households - 1 - i/10 // a household of its own
		}
		must(&grid.Resident{
			Header: header(grid.KindResident, fmt.Sprintf("r%d", i)), Household: fmt.Sprintf("h%d", household),
			CitizenID: id, AgeBand: grid.AgeBand(bands[rng.IntN(len(bands))]), LivingAlone: alone,
			Authorisation: grid.Authorisation{Community: true, Medical: i%7 != 0, At: t0.AddDate(-1, 0, 0)},
		})
		pseudonyms[i] = reg.Pseudonym(id)
	}
	readings := make([]grid.Reading, 1<<20)
	step := time.Hour / time.Duration(len(readings))
	for i := range readings {
		r := grid.Reading{Resident: pseudonyms[rng.IntN(benchResidents)], At: t0.Add(time.Duration(i) * step)}
		switch x := rng.IntN(10000); {
		case x < 7000:
			r.Kind, r.Systolic, r.Diastolic = grid.ReadingBloodPressure, 100+rng.IntN(40), 60+rng.IntN(30)
			if x < 350 { // 5% of the measurements are high
				r.Systolic = 140 + rng.IntN(60)
			}
		case x < 9999:
			r.Kind = grid.ReadingOuting
		default:
			r.Kind = grid.ReadingFall
		}
		readings[i] = r
	}
	return reg, readings
})

// BenchmarkAlertReadings runs a stream of device readings about a million
// residents through the default rules, with a five-minute tolerance. The
// stream repeats, an hour later each time.
func BenchmarkAlertReadings(b *testing.B) {
	reg, readings := benchWorld()
	e, err := grid.NewEngine(reg, grid.DefaultRules(), grid.WithTolerance(5*time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC() // not to pay for the setup's garbage
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r := readings[i%len(readings)]
		r.At = r.At.Add(time.Duration(i/len(readings)) * time.Hour)
		if err := e.Observe(r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "readings/s")
	s := e.Stats()
	b.ReportMetric(float64(s.Raised)/float64(b.N), "alerts/reading")
}

// TestObserveAllocs checks that a reading that raises no alert, merged or
// not, allocates nothing.
func TestObserveAllocs(t *testing.T) {
	h := newHarness(t, grid.DefaultRules(), grid.WithTolerance(5*time.Minute))
	at := t0
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at, 150, 80) // an open alert to merge into
	readings := []grid.Reading{
		{Resident: h.p["r-alone"], Kind: grid.ReadingBloodPressure, Systolic: 120, Diastolic: 80},
		{Resident: h.p["r-alone"], Kind: grid.ReadingOuting},
		{Resident: h.p["r-bp"], Kind: grid.ReadingBloodPressure, Systolic: 120, Diastolic: 80},
		{Resident: h.p["r-bp"], Kind: grid.ReadingBloodPressure, Systolic: 160, Diastolic: 95},   // merged
		{Resident: h.p["r-none"], Kind: grid.ReadingBloodPressure, Systolic: 160, Diastolic: 95}, // withheld
	}
	for _, r := range readings {
		n := testing.AllocsPerRun(1000, func() {
			at = at.Add(time.Second)
			h.now = at
			r.At = at
			if err := h.e.Observe(r); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("Observe(%s %d/%d): %v allocations, want 0", r.Kind, r.Systolic, r.Diastolic, n)
		}
	}
}
