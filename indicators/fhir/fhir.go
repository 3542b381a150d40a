// Package fhir writes jiceng's indicators and their results as HL7 FHIR R4
// resources (FHIR 导出), for platforms that speak FHIR: each indicator of a
// catalogue a Measure (度量, [MarshalMeasure], [WriteMeasureBundle]) that
// says how it is computed — its scoring, its numerator and denominator as
// populations whose criteria are sums over data elements
// ([ExpressionExtension]), whether a higher value is better, and the norm
// that sets its target — and each [indicators.Result] a summary
// MeasureReport (度量报告, [MarshalMeasureReport], [WriteMeasureReportBundle])
// with its counts as populations and its value as the measure score.
//
// A MeasureReport names its Measure by the Measure's canonical URL (规范
// URL, [MeasureBase] followed by the indicator's code), so that a receiver
// finds the definition of every figure it is sent; and it has a stable id
// ([MeasureReportID]), a name-based UUID of the measure, the division and
// the period, so that the figure of a county for a quarter sent again,
// recomputed after a late report, replaces the one received before rather
// than adding to it. Bundle entries carry a fullUrl: urn:uuid:<id> for a
// MeasureReport, the canonical URL for a Measure.
package fhir

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// The identifiers that jiceng's FHIR resources use.
const (
	// MeasureBase is the default base of the canonical URL of an
	// indicator's Measure (度量): the URL is the base followed by the
	// indicator's code, such as
	// https://jiceng.github.io/fhir/Measure/child-health-management-rate.
	// The URLs identify the indicators of the default catalogue; a platform
	// with indicators of its own sets its own base (see
	// [Options.MeasureBase]).
	MeasureBase = "https://jiceng.github.io/fhir/Measure/"

	// DivisionSystem is the identifier system of statistical division
	// codes (统计用区划代码) in 12 digits, with which a MeasureReport names
	// the division it is about (see [MarshalMeasureReport]).
	DivisionSystem = "https://jiceng.github.io/fhir/sid/division-code"

	// ExpressionExtension is the URL of the extension (计算式扩展) that
	// holds, on the criteria of a Measure's population, the indicator's
	// numerator or denominator in jiceng's own syntax (see
	// [indicators.Expr]): sums and differences of data element codes, each
	// optionally filtered by a category, and integer constants, such as
	// "hypertension-controlled + diabetes-controlled" or
	// "activities[form=lecture]". The element codes are those of the
	// catalogue the Measure comes from.
	//
	// The criteria's own language is text/cql, as the R4 schema admits
	// only CQL, FHIRPath and FHIR queries there: the same sum with each
	// term a CQL quoted identifier, "hypertension-controlled" +
	// "diabetes-controlled", naming the data element as a CQL library of
	// the platform would define it.
	ExpressionExtension = "https://jiceng.github.io/fhir/StructureDefinition/jiceng-expression"

	// TargetExtension is the URL of the extension (目标值扩展) with which a
	// Measure states its indicator's target: a complex extension whose
	// "value" is a Quantity with the target's comparator (>= or <=), value
	// and unit, and whose "periodType", when present, is the code of the
	// only type of period the target applies to, such as "year"
	// (see [indicators.Target]).
	TargetExtension = "https://jiceng.github.io/fhir/StructureDefinition/measure-target"
)

// The code systems of HL7 that MeasureReports use.
const (
	populationSystem  = "http://terminology.hl7.org/CodeSystem/measure-population"
	improvementSystem = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
	scoringSystem     = "http://terminology.hl7.org/CodeSystem/measure-scoring"
	resourceTypes     = "http://hl7.org/fhir/resource-types"
	translation       = "http://hl7.org/fhir/StructureDefinition/translation"
	iso3166           = "urn:iso:std:iso:3166"
	rfc3986           = "urn:ietf:rfc:3986"
	ucum              = "http://unitsofmeasure.org"
	dataAbsentReason  = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
)

// Options are the options of the FHIR export (FHIR 导出选项): how the
// functions of this package fill the parts of a Measure or a MeasureReport
// that an [indicators.Indicator] or an [indicators.Result] does not hold.
// The zero Options uses [MeasureBase] and leaves out the date, the reporter
// and the divisions' names.
type Options struct {
	// MeasureBase is the base of the indicators' canonical URLs, ending
	// in "/"; "" means MeasureBase.
	MeasureBase string
	// Date is when the reports were made (报告生成时间): MeasureReport.date,
	// Measure.date and Bundle.timestamp, written in RFC 3339 with the
	// offset of its location. The zero time leaves them out: the library
	// does not read the clock.
	Date time.Time
	// Reporter is a literal reference to who reports (报告机构), such as
	// "Organization/sd-wjw"; "" leaves it out.
	Reporter string
	// Registry gives the divisions' names, shown as the subject's display;
	// nil leaves them out.
	Registry *healthedu.Registry
}

// MarshalMeasureReport returns r as a FHIR R4 MeasureReport resource
// (度量报告) in JSON, a summary report with the numerator and the
// denominator as populations and the value as measureScore:
//
//	{"resourceType":"MeasureReport","id":"7e0a1c4c-…",
//	 "identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:7e0a1c4c-…"}],
//	 "status":"complete","type":"summary",
//	 "measure":"https://jiceng.github.io/fhir/Measure/child-health-management-rate",
//	 "subject":{"type":"Location","identifier":{"system":"https://jiceng.github.io/fhir/sid/division-code","value":"150207000000"},"display":"九原区"},
//	 "date":"2025-11-20T09:00:00+08:00",
//	 "period":{"start":"2024-01-01T00:00:00+08:00","end":"2024-12-31T23:59:59+08:00"},
//	 "improvementNotation":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-improvement-notation","code":"increase"}]},
//	 "group":[{"population":[
//	   {"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-population","code":"numerator","display":"Numerator"}]},"count":13432},
//	   {"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-population","code":"denominator","display":"Denominator"}]},"count":13932}],
//	  "measureScore":{"value":96.41,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}]}
//
// In it:
//
//   - id is [MeasureReportID] of the measure, the division and the period,
//     and identifier the same UUID as a URN, which stays with the report
//     when a server gives it an id of its own;
//   - measure is the indicator's canonical URL (see [Options.MeasureBase]),
//     the url of its Measure (see [MarshalMeasure]);
//   - subject is the division, a Location identified by its 12-digit code
//     in the system [DivisionSystem];
//   - period runs from the first to the last second of the result's period
//     in China Standard Time (FHIR's end is inclusive);
//   - improvementNotation is increase for a target to reach (>=) and
//     decrease for one not to exceed (<=), absent without a target;
//   - the populations are those of the Measure: numerator and denominator,
//     or for a count (a denominator of 1, a factor of 1, scored as a
//     cohort) the initial population, whose count is the numerator;
//   - measureScore's value is the value as published, rounded half-up to
//     the indicator's decimals, with its unit in UCUM: % for a factor of
//     100, [ppth] for 1000, /10*4 and /10*5 for per 10,000 and per
//     100,000, and 1 for a factor of 1.
//
// A result without a value has a measureScore that holds only the
// data-absent-reason extension: not-a-number for a zero denominator, error
// for a negative one or a sum out of range, unknown when no data
// contributed; the populations' counts are then absent, but for a zero or
// negative denominator, which has them.
//
// MarshalMeasureReport fails when r has no indicator and when a count does
// not fit in a FHIR integer, a signed 32-bit one.
func MarshalMeasureReport(r indicators.Result, opts Options) ([]byte, error) {
	mr, err := reportOf(r, &opts)
	if err != nil {
		return nil, err
	}
	return marshal(mr)
}

// WriteMeasureReportBundle writes results to w as a FHIR R4 Bundle of type
// collection (资源集合), one MeasureReport (see [MarshalMeasureReport]) a
// line, each entry with the fullUrl urn:uuid:<id>, and with opts.Date as its
// timestamp. It writes nothing and returns an error when a result cannot be
// written; any other error is one of w.
func WriteMeasureReportBundle(w io.Writer, results []indicators.Result, opts Options) error {
	entries := make([]bundleEntry, len(results))
	for i, r := range results {
		mr, err := reportOf(r, &opts)
		if err != nil {
			return err
		}
		b, err := marshal(mr)
		if err != nil {
			return err
		}
		entries[i] = bundleEntry{"urn:uuid:" + mr.ID, b}
	}
	return writeBundle(w, entries, opts.Date)
}

// A bundleEntry is the fullUrl and the JSON of a resource of a Bundle.
type bundleEntry struct {
	fullURL  string
	resource []byte
}

// writeBundle writes entries as a Bundle of type collection, one a line,
// with date as its timestamp unless it is zero.
func writeBundle(w io.Writer, entries []bundleEntry, date time.Time) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"resourceType":"Bundle","type":"collection"`)
	if !date.IsZero() {
		bw.WriteString(`,"timestamp":"` + date.Format(time.RFC3339) + `"`)
	}
	if len(entries) > 0 { // FHIR's JSON has no empty arrays
		bw.WriteString(`,"entry":[`)
		for i, e := range entries {
			if i > 0 {
				bw.WriteByte(',')
			}
			u, _ := marshal(e.fullURL)
			bw.WriteString("\n" + `{"fullUrl":`)
			bw.Write(u)
			bw.WriteString(`,"resource":`)
			bw.Write(e.resource)
			bw.WriteByte('}')
		}
		bw.WriteString("\n]")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// marshal returns v in JSON, without escaping <, > and &, and without a
// final newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// The JSON of the parts of FHIR R4 that a MeasureReport uses.
type (
	measureReport struct {
		ResourceType        string           `json:"resourceType"`
		ID                  string           `json:"id"`
		Identifier          []identifier     `json:"identifier"`
		Status              string           `json:"status"`
		Type                string           `json:"type"`
		Measure             string           `json:"measure"`
		Subject             *reference       `json:"subject,omitempty"`
		Date                string           `json:"date,omitempty"`
		Reporter            *reference       `json:"reporter,omitempty"`
		Period              period           `json:"period"`
		ImprovementNotation *codeableConcept `json:"improvementNotation,omitempty"`
		Group               []group          `json:"group"`
	}
	reference struct {
		Reference  string      `json:"reference,omitempty"`
		Type       string      `json:"type,omitempty"`
		Identifier *identifier `json:"identifier,omitempty"`
		Display    string      `json:"display,omitempty"`
	}
	identifier struct {
		System string `json:"system"`
		Value  string `json:"value"`
	}
	period struct {
		Start string `json:"start"`
		End   string `json:"end"`
	}
	codeableConcept struct {
		Coding []coding `json:"coding"`
	}
	coding struct {
		System  string `json:"system"`
		Code    string `json:"code"`
		Display string `json:"display,omitempty"`
	}
	group struct {
		Population   []population `json:"population"`
		MeasureScore *quantity    `json:"measureScore,omitempty"`
	}
	population struct {
		Code  codeableConcept `json:"code"`
		Count *int64          `json:"count,omitempty"`
	}
	quantity struct {
		Extension []extension `json:"extension,omitempty"`
		Value     json.Number `json:"value,omitempty"`
		Unit      string      `json:"unit,omitempty"`
		System    string      `json:"system,omitempty"`
		Code      string      `json:"code,omitempty"`
	}
	extension struct {
		URL       string `json:"url"`
		ValueCode string `json:"valueCode"`
	}
)

// reportOf makes the MeasureReport of r.
func reportOf(r indicators.Result, opts *Options) (*measureReport, error) {
	if r.Indicator == nil {
		return nil, errors.New("fhir: MarshalMeasureReport: Result without an indicator")
	}
	if !r.Division.IsValid() || !r.Period.IsValid() {
		return nil, errors.New("fhir: MarshalMeasureReport: Result without a division or a period")
	}
	measure := opts.measureURL(r.Indicator)
	id := MeasureReportID(measure, r.Division, r.Period)
	mr := &measureReport{
		ResourceType: "MeasureReport",
		ID:           id,
		Identifier:   []identifier{{System: rfc3986, Value: "urn:uuid:" + id}},
		Status:       "complete",
		Type:         "summary",
		Measure:      measure,
		Subject: &reference{
			Type:       "Location",
			Identifier: &identifier{System: DivisionSystem, Value: r.Division.String()},
		},
		Period: period{
			Start: r.Period.Start().Format(time.RFC3339),
			End:   r.Period.End().Add(-time.Second).Format(time.RFC3339),
		},
	}
	if opts.Registry != nil {
		mr.Subject.Display = opts.Registry.Name(r.Division)
	}
	if !opts.Date.IsZero() {
		mr.Date = opts.Date.Format(time.RFC3339)
	}
	if opts.Reporter != "" {
		mr.Reporter = &reference{Reference: opts.Reporter}
	}
	if t, ok := r.Indicator.Target(); ok {
		code := "increase"
		if t.Direction == indicators.AtMost {
			code = "decrease"
		}
		mr.ImprovementNotation = &codeableConcept{Coding: []coding{{System: improvementSystem, Code: code}}}
	}

	cohort := scoringOf(r.Indicator) == "cohort"
	g := group{Population: []population{
		{Code: populationCode("numerator", "Numerator")},
		{Code: populationCode("denominator", "Denominator")},
	}}
	counts := []int64{r.Numerator, r.Denominator}
	if cohort {
		g.Population = []population{{Code: populationCode("initial-population", "Initial Population")}}
		counts = counts[:1]
	}
	if r.Reason != indicators.ReasonNoData && r.Reason != indicators.ReasonOverflow {
		for i, n := range counts {
			if n < math.MinInt32 || n > math.MaxInt32 {
				return nil, errors.New("fhir: MarshalMeasureReport: " + r.Indicator.Code() + " " + r.Division.String() + " " + r.Period.String() +
					": " + indicators.Part(i).String() + " " + strconv.FormatInt(n, 10) + " does not fit in a FHIR integer")
			}
			g.Population[i].Count = &n
		}
	}
	if r.HasValue() {
		unit, code := unitOf(r.Indicator.Factor())
		g.MeasureScore = &quantity{Value: json.Number(r.Text()), Unit: unit, System: ucum, Code: code}
	} else {
		reason := "error"
		switch r.Reason {
		case indicators.ReasonNoData:
			reason = "unknown"
		case indicators.ReasonZeroDenominator:
			reason = "not-a-number"
		}
		g.MeasureScore = &quantity{Extension: []extension{{URL: dataAbsentReason, ValueCode: reason}}}
	}
	mr.Group = []group{g}
	return mr, nil
}

func populationCode(code, display string) codeableConcept {
	return codeableConcept{Coding: []coding{{System: populationSystem, Code: code, Display: display}}}
}

// unitOf returns the human-readable unit and the UCUM code of the values
// of an indicator with the given factor.
func unitOf(factor int64) (unit, code string) {
	switch factor {
	case 100:
		return "%", "%"
	case 1000:
		return "‰", "[ppth]"
	case 10000:
		return "per 10,000", "/10*4"
	case 100000:
		return "per 100,000", "/10*5"
	}
	return "1", "1"
}
