package main

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// The issue codes of the weekly dispatch's problems.
const (
	codePeriodNotWeek = "intake.periodNotWeek"
	codeWeekNotBegun  = "intake.weekNotBegun"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codePeriodNotWeek, Severity: e, Params: []string{"value"},
			Meaning: "the weekly dispatch is asked for a period that is not an ISO week",
			ZhHans:  "周调度按周编制：参数 period 应为周，如 2025W42（2025年第42周，按周一至周日计），而“%[1]v”不是周",
			ZhHant:  "週調度按週編製：參數 period 應為週，如 2025W42（2025年第42週，按週一至週日計），而「%[1]v」不是週",
			En:      "The weekly dispatch is for one ISO week: parameter period must be a week, such as 2025W42 (Monday to Sunday), and %[1]v is not one"},
		healthedu.CodeDef{Code: codeWeekNotBegun, Severity: e, Params: []string{"week", "from"},
			Meaning: "the weekly dispatch is asked for a week that has not begun",
			ZhHans:  "%[1]v 自 %[2]v 起，尚未开始：周调度在该周开始后才能编制",
			ZhHant:  "%[1]v 自 %[2]v 起，尚未開始：週調度在該週開始後才能編製",
			En:      "Week %[1]v begins on %[2]v and has not begun: its dispatch can be made from then"},
	)
}

// weeklyReport answers GET /v1/reports/weekly: the weekly dispatch (周调度)
// of the division under for the ISO week of the parameter period, by
// default the current week by the server's clock. A week in progress is
// answered as of its end, and says so (inProgress); a week not yet begun
// is refused (intake.weekNotBegun), since nothing of it can be known.
func (s *server) weeklyReport(w http.ResponseWriter, r *http.Request) {
	under, ok := s.under(w, r)
	if !ok {
		return
	}
	now := s.cfg.Now()
	week := healthedu.PeriodOf(healthedu.PeriodWeek, now)
	if r.URL.Query().Has("period") {
		if week, ok = periodParam(w, r); !ok {
			return
		}
	}
	if !periodOfType(w, r, week, healthedu.PeriodWeek, codePeriodNotWeek) {
		return
	}
	if now.Before(week.Start()) {
		badRequest(w, r, codeWeekNotBegun, map[string]any{"week": week.String(), "from": healthedu.DateOf(week.Start()).String()})
		return
	}
	doc, err := s.weekly(r.Context(), under, week, now, httpapi.Language(r))
	if err != nil {
		s.internalError(w, r, "computing the weekly dispatch", err)
		return
	}
	writeJSON(w, r, http.StatusOK, doc)
}

// weekly computes the weekly dispatch of under for week at now, with the
// names in lang: the year's progress from the figures of the records
// within under, the rectification items stored within under and the
// activities stored within under, as ledger.Weekly gathers them.
func (s *server) weekly(ctx context.Context, under healthedu.DivisionCode, week healthedu.Period, now time.Time, lang language.Tag) (reports.Weekly, error) {
	// The figures of the records as they are now; a week in progress ends
	// after now, and the stocks then run to its end.
	at := now
	if end := week.End(); end.After(at) {
		at = end
	}
	st, err := s.figures.storeFor(ctx, under, week, at)
	if err != nil {
		return reports.Weekly{}, err
	}
	c, err := s.figures.current(ctx)
	if err != nil {
		return reports.Weekly{}, err
	}
	set, err := s.figures.records(ctx, c, under)
	if err != nil {
		return reports.Weekly{}, err
	}
	var activities []*healthedu.Activity
	for _, rec := range set.records {
		if a, ok := rec.(*healthedu.Activity); ok {
			activities = append(activities, a)
		}
	}
	items, err := loadItems(ctx, s.store, under, s.figures.skip)
	if err != nil {
		return reports.Weekly{}, err
	}
	d, err := ledger.Weekly(week, st, items, activities, ledger.WeeklyOptions{
		Under:       under,
		Registry:    s.reg,
		Catalogue:   s.cat,
		DeadlineDay: s.cfg.DeadlineDay,
		Reporters:   s.figures.reporters,
	})
	if err != nil {
		return reports.Weekly{}, err
	}
	return reports.NewWeekly(d, now, s.reg, s.cat, lang), nil
}
