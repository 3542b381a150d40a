package main

import (
	"context"
	"net/http"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// complianceReport answers GET /v1/compliance: the institutions whose
// activities lie within under, judged against the national service norm
// (服务规范达标) for a year as of the server's clock. It answers with the
// document of package reports that "jiceng compliance -format json" writes
// from the same results (see TestSameComplianceAsTheCommand).
func (s *server) complianceReport(w http.ResponseWriter, r *http.Request) {
	under, p, ok := s.underPeriod(w, r)
	if !ok || !periodOfType(w, r, p, healthedu.PeriodYear, codePeriodNotYear) {
		return
	}
	opts := compliance.Options{Year: p, Now: s.cfg.Now(), Norms: compliance.DefaultNorms()}
	results, err := s.figures.checkCompliance(r.Context(), under, opts)
	if err != nil {
		s.internalError(w, r, "checking compliance", err)
		return
	}
	if len(results) > s.cfg.MaxRows {
		writeProblem(w, r, http.StatusConflict, codeTooManyInstitutions, map[string]any{
			"count": len(results), "limit": s.cfg.MaxRows})
		return
	}
	div := reports.NewDivision(under, s.reg)
	writeJSON(w, r, http.StatusOK, reports.NewCompliance(results, opts, &div, httpapi.Language(r)))
}

// checkCompliance adds the stored activities within under to a
// compliance.Checker made with opts and returns its results. GET
// /v1/compliance, the dashboard's panel and the monthly notification's
// proposals (see figures.proposeCompliance) all read the activities
// through it, from the records the figures keep decoded for under until
// the records change (see figures.records), so that a page asking for
// ten months' notifications reads the store once. Their ids are made
// unique across submitters there; rows the figures cannot use are skipped,
// logged and counted there.
func (f *figures) checkCompliance(ctx context.Context, under healthedu.DivisionCode, opts compliance.Options) ([]compliance.Institution, error) {
	c, err := compliance.NewChecker(opts)
	if err != nil {
		return nil, err
	}
	set, err := f.currentRecords(ctx, under)
	if err != nil {
		return nil, err
	}
	// The activities of the records within under, as the figures read
	// them; the Checker counts those of the year up to opts.Now.
	for _, rec := range set.records {
		if a, ok := rec.(*healthedu.Activity); ok {
			c.Add(a)
		}
	}
	return c.Results(), nil
}
