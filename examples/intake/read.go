package main

import (
	"io/fs"
	"net/http"
	"strings"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/schemas"
	"golang.org/x/text/language"
)

func (s *server) divisionJSON(d healthedu.DivisionCode) wire.Division {
	return wire.Division{Code: d, Name: s.reg.Name(d), Level: d.Level()}
}

// paramError answers r with the problem of the query parameter name that
// a parser of package healthedu could not read, err: its message, in the
// reader's language, says what is wrong and what is wanted.
func paramError(w http.ResponseWriter, r *http.Request, name string, err error) {
	lang := httpapi.Language(r)
	reason := healthedu.IssueFromError(err, "").Message(lang)
	writeProblem(w, r, http.StatusBadRequest, codeParam, map[string]any{"name": name, "reason": reason})
}

// badRequest answers r with a problem 400 of code and params.
func badRequest(w http.ResponseWriter, r *http.Request, code string, params map[string]any) {
	writeProblem(w, r, http.StatusBadRequest, code, params)
}

// under returns the division of the parameter "under" of r: one the
// request's principal may see, by default the principal's own, or for
// an anonymous read the platform's default. It answers the request itself
// with a problem and returns false when there is none.
func (s *server) under(w http.ResponseWriter, r *http.Request) (healthedu.DivisionCode, bool) {
	p := principalOf(r.Context())
	scope := scopeOf(p)
	v := r.URL.Query().Get("under")
	if v == "" {
		if p != nil {
			return p.Division, true
		}
		if s.cfg.DefaultDivision.IsValid() {
			return s.cfg.DefaultDivision, true
		}
		badRequest(w, r, codeUnderRequired, nil)
		return healthedu.DivisionCode{}, false
	}
	d, err := healthedu.ParseDivisionCode(v)
	if err != nil {
		paramError(w, r, "under", err)
		return d, false
	}
	if !within(scope, d) {
		writeProblem(w, r, http.StatusForbidden, codeForbidden, map[string]any{"division": d.Short(), "scope": scope.Short()})
		return d, false
	}
	if !(&healthedu.Validator{Registry: s.reg}).KnownDivision(d) {
		// Well formed, but not in the registry: say so, as the validator
		// says it of a record.
		writeProblem(w, r, http.StatusNotFound, "division.unknown", map[string]any{"value": d.Short()})
		return d, false
	}
	return d, true
}

func (s *server) divisions(w http.ResponseWriter, r *http.Request) {
	d, ok := s.under(w, r)
	if !ok {
		return
	}
	a := wire.Divisions{Division: s.divisionJSON(d), Ancestors: []wire.Division{}, Children: []wire.Division{}}
	for anc := range d.Ancestors() {
		a.Ancestors = append(a.Ancestors, s.divisionJSON(anc))
	}
	for _, c := range s.reg.Children(d) {
		a.Children = append(a.Children, s.divisionJSON(c))
	}
	writeJSON(w, r, http.StatusOK, a)
}

// periodParam returns the period of the parameter "period" of r.
func periodParam(w http.ResponseWriter, r *http.Request) (healthedu.Period, bool) {
	v := r.URL.Query().Get("period")
	if v == "" {
		badRequest(w, r, codePeriodRequired, nil)
		return healthedu.Period{}, false
	}
	p, err := healthedu.ParsePeriod(v)
	if err != nil {
		paramError(w, r, "period", err)
		return p, false
	}
	return p, true
}

// underPeriod returns the division of the parameter "under" of r (see
// server.under) and the period of its parameter "period" (see
// periodParam), which every report over a period asks for; when one is
// wrong it has answered r with a problem, and returns false.
func (s *server) underPeriod(w http.ResponseWriter, r *http.Request) (healthedu.DivisionCode, healthedu.Period, bool) {
	under, ok := s.under(w, r)
	if !ok {
		return under, healthedu.Period{}, false
	}
	p, ok := periodParam(w, r)
	return under, p, ok
}

// periodOfType reports whether the period p of a request's parameter
// "period" is of type typ; when it is not, it answers r with the problem
// notType, whose parameter value is p.
func periodOfType(w http.ResponseWriter, r *http.Request, p healthedu.Period, typ healthedu.PeriodType, notType string) bool {
	if p.Type() != typ {
		badRequest(w, r, notType, map[string]any{"value": p.String()})
		return false
	}
	return true
}

func (s *server) indicators(w http.ResponseWriter, r *http.Request) {
	under, p, ok := s.underPeriod(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	divisions := []healthedu.DivisionCode{under}
	if v := q.Get("level"); v != "" {
		var l healthedu.DivisionLevel
		if err := l.UnmarshalText([]byte(v)); err != nil {
			paramError(w, r, "level", err)
			return
		}
		if l < under.Level() {
			badRequest(w, r, codeLevelAbove, map[string]any{"level": l.String(), "under": under.Short(), "underLevel": under.Level().String()})
			return
		}
		divisions = indicators.DivisionsAt(s.reg, under, l)
	}
	inds := s.cat.Indicators()
	if vs := q["indicators"]; len(vs) > 0 {
		// Every value, each a list of codes; a code named again counts once.
		inds = nil
		seen := make(map[string]bool)
		for _, v := range vs {
			for code := range strings.SplitSeq(v, ",") {
				code = strings.TrimSpace(code)
				if seen[code] {
					continue
				}
				seen[code] = true
				ind, ok := s.cat.Indicator(code)
				if !ok {
					badRequest(w, r, codeIndicatorUnknown, map[string]any{"value": code})
					return
				}
				if len(inds) == s.cfg.MaxIndicators {
					writeProblem(w, r, http.StatusConflict, codeTooManyIndicators, map[string]any{
						"count": countDistinct(vs), "limit": s.cfg.MaxIndicators})
					return
				}
				inds = append(inds, ind)
			}
		}
	}
	if rows := len(divisions) * len(inds); rows > s.cfg.MaxRows {
		writeProblem(w, r, http.StatusConflict, codeTooManyRows, map[string]any{
			"rows": rows, "limit": s.cfg.MaxRows, "divisions": len(divisions), "indicators": len(inds)})
		return
	}
	var include func(healthedu.DivisionCode, healthedu.Period) bool
	if v := q.Get("approved"); v != "" {
		// Over approved data only (审核通过的数据): the months of the
		// reporting units whose approval reached the state asked for and
		// is not stale; the coverage of each row counts those left out.
		var min approval.State
		switch v {
		case "approved":
			min = approval.StateApproved
		case "accepted":
			min = approval.StateAccepted
		default:
			badRequest(w, r, codeApprovedValue, map[string]any{"value": v})
			return
		}
		var err error
		if include, err = s.approvedInclude(r.Context(), under, p, min); err != nil {
			s.internalError(w, r, "reading approvals", err)
			return
		}
	}
	results, err := s.figures.computeIncluding(r.Context(), under, divisions, inds, p, s.cfg.Now(), include)
	if err != nil {
		s.internalError(w, r, "computing indicators", err)
		return
	}
	lang := httpapi.Language(r)
	a := wire.Indicators{Period: p, Rows: make([]wire.IndicatorRow, len(results))}
	for i, res := range results {
		a.Rows[i] = wire.NewIndicatorRow(res, s.reg.Name(res.Division), res.Indicator.Name(lang), flagIssues(res, lang))
	}
	writeJSON(w, r, http.StatusOK, a)
}

// countDistinct returns the number of distinct codes in the lists vs.
func countDistinct(vs []string) int {
	seen := make(map[string]bool)
	for _, v := range vs {
		for code := range strings.SplitSeq(v, ",") {
			seen[strings.TrimSpace(code)] = true
		}
	}
	return len(seen)
}

// flagIssues returns the flags of r as issues with their messages in
// language lang, for people.
func flagIssues(r indicators.Result, lang language.Tag) []healthedu.LocalizedIssue {
	out := make([]healthedu.LocalizedIssue, 0, len(r.Flags))
	for _, code := range r.Flags {
		params := map[string]any{"indicator": r.Indicator.Name(lang), "value": r.Text()}
		if m, ok := r.Indicator.Maximum(); ok {
			params["maximum"] = m
		}
		is := healthedu.NewIssue(code, "", params)
		out = append(out, healthedu.LocalizedIssue{Issue: is, Message: is.Message(lang)})
	}
	return out
}

// internalError logs err and answers r with a 500 problem.
func (s *server) internalError(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.log.Error(what, "err", err, "path", r.URL.Path)
	writeProblem(w, r, http.StatusInternalServerError, codeInternal, nil)
}

// schemaFiles returns the schema files, by name: those of package schemas
// under v1/.
func schemaFiles() (fs.FS, error) {
	return fs.Sub(schemas.FS(), "v1")
}

// schemaList answers with the names of the schema files.
func (s *server) schemaList(w http.ResponseWriter, r *http.Request) {
	files, err := schemaFiles()
	var names []string
	if err == nil {
		names, err = fs.Glob(files, "*.json")
	}
	if err != nil {
		s.internalError(w, r, "listing the schemas", err)
		return
	}
	writeJSON(w, r, http.StatusOK, wire.SchemaList{Envelope: schemas.EnvelopeFile, Files: names})
}

// schema answers with one schema file.
func (s *server) schema(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	files, err := schemaFiles()
	if err != nil {
		s.internalError(w, r, "reading the schemas", err)
		return
	}
	var b []byte
	if fs.ValidPath(name) && !strings.Contains(name, "/") && strings.HasSuffix(name, ".json") {
		b, err = fs.ReadFile(files, name)
	}
	if b == nil || err != nil {
		writeProblem(w, r, http.StatusNotFound, codeNotFound, nil)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeBody(w, http.StatusOK, "application/schema+json", healthedu.English, b)
}

// healthz answers 200 while the database answers.
func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		writeProblem(w, r, http.StatusServiceUnavailable, codeStorage, nil)
		return
	}
	writeJSON(w, r, http.StatusOK, wire.Health{Status: "ok"})
}

// metricsText answers with the metrics in the Prometheus text format.
func (s *server) metricsText(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.writeTo(w)
}

// openAPI answers with the OpenAPI document of the API.
func (s *server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeBody(w, http.StatusOK, httpapi.MediaJSON, healthedu.English, openAPIDocument)
}
