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
	under, ok := s.under(w, r)
	if !ok {
		return
	}
	p, ok := periodParam(w, r)
	if !ok {
		return
	}
	if p.Type() != healthedu.PeriodYear {
		badRequest(w, r, codePeriodNotYear, map[string]any{"value": p.String()})
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

// checkCompliance streams the stored activities within under that started
// in the year of opts into a compliance.Checker made with opts and returns
// its results. GET /v1/compliance and the monthly notification's proposals
// (see figures.proposeCompliance) both read the activities through it.
// It holds one decoded record at a time: the checker keeps counters, sets
// and the hashes of the ids. Rows it cannot use it skips, logs and counts
// as the indicators' reads do (see figures.skip); rows of other kinds, and
// activities of months outside the year (their period column says so),
// it passes over without decoding them.
func (f *figures) checkCompliance(ctx context.Context, under healthedu.DivisionCode, opts compliance.Options) ([]compliance.Institution, error) {
	year := opts.Year
	c, err := compliance.NewChecker(opts)
	if err != nil {
		return nil, err
	}
	err = f.store.Records(ctx, under, func(sr *storedRecord) error {
		if sr.Err != nil {
			f.skip("records", skipColumns, "kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String(), "err", sr.Err)
			return nil
		}
		if sr.Kind != healthedu.KindActivity || !year.ContainsPeriod(sr.Period) {
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			f.skip("records", skipBody, "kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String(), "err", err)
			return nil
		}
		a, ok := rec.(*healthedu.Activity)
		if !ok {
			return nil
		}
		// Ids are the submitter's own: two submitters may use the same.
		a.ID = sr.Submitter.Short() + "/" + a.ID
		c.Add(a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c.Results(), nil
}
