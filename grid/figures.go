package grid

import (
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The data elements of the grid figures (网格数据元). Stocks (存量) are
// counted at the end of the period, or for the register as it stands;
// flows (流量) over the period.
const (
	ElementGrids            = "grid-grids"                        // 网格数 (stock)
	ElementHouseholds       = "grid-households"                   // 家庭户数 (stock)
	ElementHealthDifficulty = "grid-households-health-difficulty" // 健康困难户数 (stock)
	ElementResidents        = "grid-residents"                    // 登记居民数 (stock)
	ElementLivingAlone      = "grid-residents-living-alone"       // 独居居民数 (stock)
	ElementSigned           = "grid-households-signed"            // 家庭医生签约户数 (stock)
	ElementVisited          = "grid-households-visited"           // 签约家庭中当期已由签约医生随访的户数 (distinct in the period)
	ElementDoctors          = "grid-family-doctors"               // 网格家庭医生数 (stock)
	ElementDoctorsBelow     = "grid-family-doctors-load-below"    // 签约户数低于下限（50户）的家庭医生数 (stock)
	ElementDoctorsWithin    = "grid-family-doctors-load-within"   // 签约户数在50～80户的家庭医生数 (stock)
	ElementDoctorsAbove     = "grid-family-doctors-load-above"    // 签约户数高于上限（80户）的家庭医生数 (stock)

	ElementSurveyed = "grid-loop-households-surveyed" // 需求摸排户数 (flow)
	ElementEducated = "grid-loop-households-educated" // 精准宣教户数 (flow)
	ElementTracked  = "grid-loop-households-tracked"  // 效果跟踪户数 (flow)
	ElementImproved = "grid-loop-households-improved" // 效果跟踪中改善户数 (flow)
	ElementLoopDone = "grid-loop-campaigns-done"      // 已完成闭环的活动数 (stock)

	ElementAlertsRaised = "grid-alerts-raised" // 发出预警数 (flow)
)

// ElementLoopStage returns the code of the element that counts the
// campaigns under way in stage s at the end of the period (处于该阶段的活动数,
// stock), such as "grid-loop-campaigns-needs-survey".
func ElementLoopStage(s Stage) string { return "grid-loop-campaigns-" + string(s) }

// ElementOpenAlerts returns the code of the element that counts the open
// alerts about residents of age band b at the end of the period (未关闭预警数,
// stock), such as "grid-alerts-open-age-65-79".
func ElementOpenAlerts(b AgeBand) string { return "grid-alerts-open-age-" + string(b) }

// Elements returns the data elements of the grid figures (网格数据元), in the
// order the figures list them, as the indicators engine's catalogue
// describes elements: each counts (healthedu.ValueCount); stocks (存量),
// levels at the end of a period, aggregate over time by the last value
// (healthedu.AggregateLast) and flows (流量) by their sum
// (healthedu.AggregateSum).
func Elements() []healthedu.Element {
	const stock, flow = healthedu.AggregateLast, healthedu.AggregateSum
	count := func(code string, agg healthedu.TimeAggregation, zhHans, zhHant, en string) healthedu.Element {
		return healthedu.Element{
			Code:        code,
			Names:       healthedu.LocalizedText{ZhHans: zhHans, ZhHant: zhHant, En: en},
			ValueType:   healthedu.ValueCount,
			Aggregation: agg,
		}
	}
	out := []healthedu.Element{
		count(ElementGrids, stock, "网格数", "網格數", "grids"),
		count(ElementHouseholds, stock, "网格家庭户数", "網格家庭戶數", "households in grids"),
		count(ElementHealthDifficulty, stock, "健康困难户数", "健康困難戶數", "health-difficulty households"),
		count(ElementResidents, stock, "网格登记居民数", "網格登記居民數", "residents registered in grids"),
		count(ElementLivingAlone, stock, "独居居民数", "獨居居民數", "residents living alone"),
		count(ElementSigned, stock, "家庭医生签约户数", "家庭醫師簽約戶數", "households signed by a family doctor"),
		count(ElementVisited, stock, "当期已随访签约户数", "當期已隨訪簽約戶數", "signed households visited by their doctor in the period"),
		count(ElementDoctors, stock, "网格家庭医生数", "網格家庭醫師數", "family doctors of grid teams"),
		count(ElementDoctorsBelow, stock, "签约户数低于下限的家庭医生数", "簽約戶數低於下限的家庭醫師數", "family doctors signing fewer households than the minimum"),
		count(ElementDoctorsWithin, stock, "签约户数在规定范围内的家庭医生数", "簽約戶數在規定範圍內的家庭醫師數", "family doctors signing households within the range"),
		count(ElementDoctorsAbove, stock, "签约户数高于上限的家庭医生数", "簽約戶數高於上限的家庭醫師數", "family doctors signing more households than the maximum"),
	}
	for _, s := range loopStages {
		out = append(out, count(ElementLoopStage(s), stock,
			"处于"+s.Label(healthedu.ZhHans)+"阶段的活动数", "處於"+s.Label(healthedu.ZhHant)+"階段的活動數",
			"campaigns in "+s.Label(healthedu.English)))
	}
	out = append(out,
		count(ElementLoopDone, stock, "已完成闭环的活动数", "已完成閉環的活動數", "campaigns with the loop completed"),
		count(ElementSurveyed, flow, "需求摸排户数", "需求摸排戶數", "households surveyed"),
		count(ElementEducated, flow, "精准宣教户数", "精準宣教戶數", "households educated"),
		count(ElementTracked, flow, "效果跟踪户数", "效果追蹤戶數", "households tracked"),
		count(ElementImproved, flow, "效果跟踪改善户数", "效果追蹤改善戶數", "households improved at tracking"),
		count(ElementAlertsRaised, flow, "发出预警数", "發出預警數", "alerts raised"),
	)
	for _, b := range AgeBand("").EnumValues() {
		band := AgeBand(b)
		out = append(out, count(ElementOpenAlerts(band), stock,
			band.Label(healthedu.ZhHans)+"居民未关闭预警数", band.Label(healthedu.ZhHant)+"居民未關閉預警數",
			"open alerts about residents "+band.Label(healthedu.English)))
	}
	return out
}

// figureTable accumulates values per division, in a fixed order of
// elements.
type figureTable struct {
	period   healthedu.Period
	elements []string
	values   map[healthedu.DivisionCode][]int64
}

func newFigureTable(p healthedu.Period, elements ...string) *figureTable {
	return &figureTable{period: p, elements: elements, values: make(map[healthedu.DivisionCode][]int64)}
}

// touch makes sure division d has a row, so that its zeros are reported.
func (t *figureTable) touch(d healthedu.DivisionCode) []int64 {
	row, ok := t.values[d]
	if !ok {
		row = make([]int64, len(t.elements))
		t.values[d] = row
	}
	return row
}

func (t *figureTable) add(d healthedu.DivisionCode, element string, n int64) {
	t.touch(d)[slices.Index(t.elements, element)] += n
}

// list returns the values ordered by division, then element.
func (t *figureTable) list() []indicators.DataValue {
	divs := make([]healthedu.DivisionCode, 0, len(t.values))
	for d := range t.values {
		divs = append(divs, d)
	}
	slices.SortFunc(divs, healthedu.DivisionCode.Compare)
	var out []indicators.DataValue
	for _, d := range divs {
		for i, v := range t.values[d] {
			out = append(out, indicators.DataValue{Element: t.elements[i], Division: d, Period: t.period, Value: v})
		}
	}
	return out
}

// Figures returns the figures of the register and its service loop for
// period p (网格数据值), one value per element and division that has a grid,
// zeros included, ordered by division and then as [Elements] lists them.
// Each is an [indicators.DataValue] for the element's total (no category)
// in the division a grid lies in, a community or village: the values of
// several grids in one community are summed into one value, and the
// indicators engine sums them up the division tree. The figures are
//
//   - the register as it stands (the register keeps no history of its
//     households, residents and teams): grids, households,
//     health-difficulty households, residents, residents living alone,
//     signed households, family doctors by load against the team rules;
//   - signed households their doctor visited in p, the month for the rule
//     "at least once a month";
//   - campaigns in each stage, and done, at the end of p, and households
//     surveyed, educated, tracked and improved by stages completed in p.
func (r *Register) Figures(p healthedu.Period) []indicators.DataValue {
	elements := []string{ElementGrids, ElementHouseholds, ElementHealthDifficulty, ElementResidents, ElementLivingAlone,
		ElementSigned, ElementVisited, ElementDoctors, ElementDoctorsBelow, ElementDoctorsWithin, ElementDoctorsAbove}
	for _, s := range loopStages {
		elements = append(elements, ElementLoopStage(s))
	}
	elements = append(elements, ElementLoopDone, ElementSurveyed, ElementEducated, ElementTracked, ElementImproved)
	t := newFigureTable(p, elements...)

	divisionOf := func(grid string) (healthedu.DivisionCode, bool) {
		g, ok := r.grids[grid]
		if !ok {
			return healthedu.DivisionCode{}, false
		}
		return g.Division, true
	}
	for _, g := range r.grids {
		t.add(g.Division, ElementGrids, 1)
	}
	for _, h := range r.households {
		if d, ok := divisionOf(h.Grid); ok {
			t.add(d, ElementHouseholds, 1)
			if h.HealthDifficulty {
				t.add(d, ElementHealthDifficulty, 1)
			}
		}
	}
	for i := range r.residents {
		e := &r.residents[i]
		h, ok := r.households[e.household]
		if !ok {
			continue
		}
		if d, ok := divisionOf(h.Grid); ok {
			t.add(d, ElementResidents, 1)
			if e.livingAlone {
				t.add(d, ElementLivingAlone, 1)
			}
		}
	}
	for grid, team := range r.teams {
		d, ok := divisionOf(grid)
		if !ok {
			continue
		}
		for _, m := range team.Members {
			if m.Role != RoleFamilyDoctor {
				continue
			}
			t.add(d, ElementDoctors, 1)
			switch n := len(m.SignedHouseholds); {
			case n < r.teamRules.MinHouseholds:
				t.add(d, ElementDoctorsBelow, 1)
			case n > r.teamRules.MaxHouseholds:
				t.add(d, ElementDoctorsAbove, 1)
			default:
				t.add(d, ElementDoctorsWithin, 1)
			}
		}
	}
	for h, s := range r.signature {
		if d, ok := divisionOf(s.grid); ok {
			t.add(d, ElementSigned, 1)
			if r.visited(h, s.doctor, p) {
				t.add(d, ElementVisited, 1)
			}
		}
	}
	r.loop.figures(t, p, divisionOf)
	return t.list()
}

// figures adds the loop's figures for p to t.
func (l *Loop) figures(t *figureTable, p healthedu.Period, divisionOf func(string) (healthedu.DivisionCode, bool)) {
	end := p.End()
	// The households of stage i count for flows[i]; content tailoring
	// reaches none.
	flows := [len(loopStages)]string{0: ElementSurveyed, 2: ElementEducated, 3: ElementTracked}
	for _, lc := range l.campaigns {
		d, ok := divisionOf(lc.c.Grid)
		if !ok || !lc.c.Opened.Before(end) {
			continue
		}
		done := 0
		for i, ev := range lc.log {
			if !ev.At.Before(end) {
				break
			}
			done = i + 1
			if !p.Contains(ev.At) {
				continue
			}
			if flows[i] != "" {
				t.add(d, flows[i], ev.Households)
			}
			if ev.Stage == StageEffectTracking {
				t.add(d, ElementImproved, ev.Improved)
			}
		}
		if done == len(loopStages) {
			t.add(d, ElementLoopDone, 1)
		} else {
			t.add(d, ElementLoopStage(loopStages[done]), 1)
		}
	}
}

// Figures returns the alert figures for period p: for each division with a
// grid in the register or an alert, the alerts raised in p, and the alerts
// about residents open at the end of p by the residents' age band, zeros
// included; ordered by division and then as [Elements] lists them.
func (e *Engine) Figures(p healthedu.Period) []indicators.DataValue {
	elements := []string{ElementAlertsRaised}
	for _, b := range AgeBand("").EnumValues() {
		elements = append(elements, ElementOpenAlerts(AgeBand(b)))
	}
	t := newFigureTable(p, elements...)
	for _, g := range e.reg.grids {
		t.touch(g.Division)
	}
	last := p.End().Add(-time.Nanosecond)
	for i := range e.alerts {
		a := &e.alerts[i]
		if !a.Division.IsValid() {
			continue
		}
		t.touch(a.Division)
		if p.Contains(a.Raised) {
			t.add(a.Division, ElementAlertsRaised, 1)
		}
		if e.meta[i].res >= 0 && a.AgeBand.IsValid() && a.openAt(last) {
			t.add(a.Division, ElementOpenAlerts(a.AgeBand), 1)
		}
	}
	return t.list()
}
