package main

import (
	"context"
	"net/http"
	"time"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// complianceReport answers GET /v1/compliance: the institutions whose
// activities lie within under, judged against the national service norm
// (服务规范达标) for a year as of the server's clock.
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
	now := s.cfg.Now()
	results, err := s.checkCompliance(r.Context(), under, p, now)
	if err != nil {
		s.internalError(w, r, "checking compliance", err)
		return
	}
	if len(results) > s.cfg.MaxRows {
		writeProblem(w, r, http.StatusConflict, codeTooManyInstitutions, map[string]any{
			"count": len(results), "limit": s.cfg.MaxRows})
		return
	}
	a := wire.NewCompliance(p, now, under, s.reg.Name(under), compliance.DefaultNorms(), results, httpapi.Language(r))
	writeJSON(w, r, http.StatusOK, a)
}

// checkCompliance streams the stored activities within under that started
// in year into a compliance.Checker and returns its results as of now.
// It holds one decoded record at a time: the checker keeps counters, sets
// and the hashes of the ids. Rows it cannot use it skips, logs and counts
// as the indicators' reads do (see figures.skip); rows of other kinds, and
// activities of months outside the year (their period column says so),
// it passes over without decoding them.
func (s *server) checkCompliance(ctx context.Context, under healthedu.DivisionCode, year healthedu.Period, now time.Time) ([]compliance.Institution, error) {
	c, err := compliance.NewChecker(compliance.Options{Year: year, Now: now, Norms: compliance.DefaultNorms()})
	if err != nil {
		return nil, err
	}
	err = s.store.Records(ctx, under, func(sr *storedRecord) error {
		if sr.Err != nil {
			s.figures.skip("records", skipColumns, "kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String(), "err", sr.Err)
			return nil
		}
		if sr.Kind != healthedu.KindActivity || !year.ContainsPeriod(sr.Period) {
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			s.figures.skip("records", skipBody, "kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String(), "err", err)
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
