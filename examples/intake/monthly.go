package main

import (
	"context"
	"errors"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The indicators of the monthly notification's completeness and
// timeliness.
const (
	indicatorCompleteness = "report-completeness"
	indicatorTimeliness   = "report-timeliness"
)

func (s *server) monthlyReport(w http.ResponseWriter, r *http.Request) {
	under, p, ok := s.underPeriod(w, r)
	if !ok || !periodOfType(w, r, p, healthedu.PeriodMonth, codePeriodNotMonth) {
		return
	}
	proposed := true
	if v := r.URL.Query().Get("proposed"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			badRequest(w, r, codeBoolParam, map[string]any{"name": "proposed", "value": v})
			return
		}
		proposed = b
	}
	a, err := s.monthly(r, under, p, httpapi.Language(r), proposed)
	if err != nil {
		s.internalError(w, r, "computing the monthly notification", err)
		return
	}
	writeJSON(w, r, http.StatusOK, a)
}

// monthly computes the monthly notification of under for month p, with
// the rectification items it proposes unless proposed is false (a reader
// that wants the counts only, such as the dashboard's line of
// completeness, spares their computation; the member is then absent).
func (s *server) monthly(r *http.Request, under healthedu.DivisionCode, p healthedu.Period, lang language.Tag, proposed bool) (*wire.Monthly, error) {
	ctx, now := r.Context(), s.cfg.Now()
	completeness, _ := s.cat.Indicator(indicatorCompleteness)
	timeliness, _ := s.cat.Indicator(indicatorTimeliness)
	if completeness == nil || timeliness == nil {
		return nil, errors.New("the catalogue lacks report-completeness or report-timeliness")
	}
	deadline := indicators.ReportDeadline(p, s.cfg.DeadlineDay)
	a := &wire.Monthly{
		Period:              p,
		Under:               s.divisionJSON(under),
		AsOf:                now.In(healthedu.ChinaStandardTime),
		Deadline:            healthedu.DateOf(deadline.Add(-time.Nanosecond)),
		Due:                 !now.Before(deadline),
		Divisions:           []wire.MonthlyDivision{},
		NotReported:         []wire.MonthlyMissing{},
		NotReportedByCounty: []wire.MonthlyCounty{},
		Indicators:          []wire.MonthlyIndicator{},
		BelowTarget:         []wire.MonthlyIndicator{},
		Flagged:             []wire.MonthlyIndicator{},
	}
	if s.figures.reporters.List == nil {
		a.ReportingLevel = s.figures.reporters.Level
	}
	divs := append([]healthedu.DivisionCode{under}, s.reg.Children(under)...)
	if err := s.monthlyReports(ctx, a, divs, completeness, timeliness, now); err != nil {
		return nil, err
	}
	if a.Due {
		if err := s.monthlyMissing(ctx, a, under, completeness, now); err != nil {
			return nil, err
		}
	}
	if err := s.monthlyIndicators(ctx, a, divs, now, lang); err != nil {
		return nil, err
	}
	if !proposed {
		return a, nil
	}
	if err := s.monthlyProposals(ctx, a, under, now, lang); err != nil {
		return nil, err
	}
	return a, nil
}

// monthlyReports fills in the reports of the notification a: of its
// division divs[0] and of each of its children, divs[1:], ranked, the
// reports expected, received and received on time, and their
// completeness and timeliness; before the deadline, the reports received
// early instead.
func (s *server) monthlyReports(ctx context.Context, a *wire.Monthly, divs []healthedu.DivisionCode, completeness, timeliness *indicators.Indicator, now time.Time) error {
	under, p := divs[0], a.Period
	res, err := s.figures.compute(ctx, under, divs, []*indicators.Indicator{completeness, timeliness}, p, now)
	if err != nil {
		return err
	}
	var early []healthedu.DivisionCode
	if !a.Due {
		if early, err = s.figures.reportsReceived(ctx, under, p, now); err != nil {
			return err
		}
	}
	for i, d := range divs {
		c, t := res[2*i], res[2*i+1]
		row := wire.MonthlyDivision{Division: d, Name: s.reg.Name(d), Reporters: c.Coverage.Expected}
		if a.Due {
			row.Expected, row.Received, row.OnTime = c.Denominator, c.Numerator, t.Numerator
			row.Completeness, row.Timeliness = c.Text(), t.Text()
		} else {
			n := int64(s.figures.countUnits(d, early))
			row.ReceivedEarly = &n
		}
		if i == 0 {
			a.Reporters = row.Reporters
			a.Expected, a.Received, a.OnTime = row.Expected, row.Received, row.OnTime
			a.Completeness, a.Timeliness, a.ReceivedEarly = row.Completeness, row.Timeliness, row.ReceivedEarly
			continue
		}
		a.Divisions = append(a.Divisions, row)
	}
	rankMonthly(a.Divisions)
	return nil
}

// monthlyMissing fills in the reporters within under that did not report
// for the month of the notification a, which is due, also grouped by
// county.
func (s *server) monthlyMissing(ctx context.Context, a *wire.Monthly, under healthedu.DivisionCode, completeness *indicators.Indicator, now time.Time) error {
	reporters := s.figures.reportersWithin(under)
	res, err := s.figures.compute(ctx, under, reporters, []*indicators.Indicator{completeness}, a.Period, now)
	if err != nil {
		return err
	}
	for _, c := range res {
		if c.Denominator > 0 && c.Numerator < c.Denominator {
			a.NotReported = append(a.NotReported, wire.MonthlyMissing{Division: c.Division, Name: s.reg.Name(c.Division)})
		}
	}
	a.NotReportedByCounty = s.byCounty(a.NotReported)
	return nil
}

// monthlyIndicators fills in the indicators of the notification a, this
// month and the month before: those of its division divs[0], and those of
// its children, divs[1:], that miss their target or are flagged.
func (s *server) monthlyIndicators(ctx context.Context, a *wire.Monthly, divs []healthedu.DivisionCode, now time.Time, lang language.Tag) error {
	under, p := divs[0], a.Period
	inds := s.cat.Indicators()
	cur, err := s.figures.compute(ctx, under, divs, inds, p, now)
	if err != nil {
		return err
	}
	prev, err := s.figures.compute(ctx, under, divs, inds, p.Add(-1), now)
	if err != nil {
		return err
	}
	type key struct {
		d    healthedu.DivisionCode
		code string
	}
	before := make(map[key]indicators.Result, len(prev))
	for _, r := range prev {
		before[key{r.Division, r.Indicator.Code()}] = r
	}
	for _, c := range cur {
		mi := s.monthlyIndicator(c, before[key{c.Division, c.Indicator.Code()}], lang)
		switch {
		case c.Division == under:
			a.Indicators = append(a.Indicators, mi)
			continue
		case c.Attainment == indicators.NotMet:
			a.BelowTarget = append(a.BelowTarget, mi)
		}
		if len(c.Flags) > 0 {
			a.Flagged = append(a.Flagged, mi)
		}
	}
	return nil
}

// monthlyIndicator returns the line of result c, with prev the result of
// the month before (the zero Result when there is none).
func (s *server) monthlyIndicator(c, prev indicators.Result, lang language.Tag) wire.MonthlyIndicator {
	mi := wire.MonthlyIndicator{
		Division: c.Division, Name: s.reg.Name(c.Division),
		Indicator: c.Indicator.Code(), IndicatorName: c.Indicator.Name(lang),
		Reason: c.Reason.String(), TargetProrated: c.TargetProrated,
		Gap: c.GapText(), Coverage: c.Coverage,
		Flags: c.Flags, FlagIssues: flagIssues(c, lang),
	}
	if mi.Flags == nil {
		mi.Flags = []string{}
	}
	if c.HasValue() {
		v := c.Text()
		mi.Value, mi.Reason = &v, ""
	}
	if t, ok := c.Target(); ok {
		mi.Target, mi.Direction = t.Value, t.Direction.String()
	}
	switch c.Attainment {
	case indicators.Met:
		mi.Met = new(true)
	case indicators.NotMet:
		mi.Met = new(false)
	}
	if prev.Indicator != nil && prev.HasValue() {
		v := prev.Text()
		mi.Previous = &v
		if c.HasValue() {
			// The change of the exact values, rounded half away from zero
			// to the indicator's decimals, as the gap is.
			ch := changeText(c.Value(), prev.Value(), c.Indicator.Decimals())
			mi.Change = &ch
		}
	}
	return mi
}

// changeText returns cur − prev rounded half away from zero to decimals,
// without the sign of a change that rounds to zero ("0.00", not "-0.00").
func changeText(cur, prev *big.Rat, decimals int) string {
	s := new(big.Rat).Sub(cur, prev).FloatString(decimals)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// byCounty groups the reporters that did not report by the county they lie
// in (a reporter above the county level stands for itself), in the order
// of the county codes.
func (s *server) byCounty(ms []wire.MonthlyMissing) []wire.MonthlyCounty {
	out := []wire.MonthlyCounty{}
	at := make(map[healthedu.DivisionCode]int)
	for _, m := range ms {
		county := m.Division
		if county.Level() > healthedu.LevelCounty {
			county = county.Truncate(healthedu.LevelCounty)
		}
		i, ok := at[county]
		if !ok {
			i = len(out)
			at[county] = i
			out = append(out, wire.MonthlyCounty{County: county, Name: s.reg.Name(county), Divisions: []wire.MonthlyMissing{}})
		}
		out[i].Count++
		out[i].Divisions = append(out[i].Divisions, m)
	}
	slices.SortStableFunc(out, func(a, b wire.MonthlyCounty) int { return a.County.Compare(b.County) })
	return out
}

// rankMonthly ranks ds by completeness, then timeliness, as published,
// highest first, in standard competition ranking (1, 2, 2, 4); divisions
// from which no report was expected are not ranked (rank 0) and come last.
// ds is sorted by rank, then code.
func rankMonthly(ds []wire.MonthlyDivision) {
	cmpText := func(a, b string) int {
		x, errA := healthedu.ParseDecimal(a)
		y, errB := healthedu.ParseDecimal(b)
		switch {
		case errA != nil && errB != nil:
			return 0
		case errA != nil:
			return -1
		case errB != nil:
			return 1
		}
		return x.Cmp(y)
	}
	better := func(a, b *wire.MonthlyDivision) int { // < 0 when a ranks before b
		if c := cmpText(b.Completeness, a.Completeness); c != 0 {
			return c
		}
		return cmpText(b.Timeliness, a.Timeliness)
	}
	slices.SortStableFunc(ds, func(a, b wire.MonthlyDivision) int {
		if (a.Completeness == "") != (b.Completeness == "") {
			if a.Completeness == "" {
				return 1
			}
			return -1
		}
		if c := better(&a, &b); c != 0 {
			return c
		}
		return a.Division.Compare(b.Division)
	})
	for i := range ds {
		switch {
		case ds[i].Completeness == "":
			ds[i].Rank = 0
		case i > 0 && ds[i-1].Rank > 0 && better(&ds[i-1], &ds[i]) == 0:
			ds[i].Rank = ds[i-1].Rank
		default:
			ds[i].Rank = i + 1
		}
	}
}
