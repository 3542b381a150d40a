// Package fhir writes jiceng's indicator results as HL7 FHIR R4 resources
// (FHIR 导出): each [indicators.Result] a summary MeasureReport (度量报告)
// with its numerator and denominator as populations and its value as the
// measure score ([MarshalMeasureReport]), and results together as a Bundle
// ([WriteMeasureReportBundle]), for platforms that speak FHIR.
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
)

// The code systems of HL7 that MeasureReports use.
const (
	populationSystem  = "http://terminology.hl7.org/CodeSystem/measure-population"
	improvementSystem = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
	ucum              = "http://unitsofmeasure.org"
	dataAbsentReason  = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
)

// Options are the options of the FHIR export (FHIR 导出选项): how
// [MarshalMeasureReport] and [WriteMeasureReportBundle] fill the parts of a
// MeasureReport that an [indicators.Result] does not hold. The zero Options uses
// [MeasureBase] and leaves out the date, the reporter and the
// divisions' names.
type Options struct {
	// MeasureBase is the base of the indicators' canonical URLs, ending
	// in "/"; "" means MeasureBase.
	MeasureBase string
	// Date is when the reports were made (报告生成时间): MeasureReport.date
	// and Bundle.timestamp, written in RFC 3339 with the offset of its
	// location. The zero time leaves them out: the library does not read
	// the clock.
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
//	{"resourceType":"MeasureReport","status":"complete","type":"summary",
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
//   - measure is the indicator's canonical URL (see [Options.MeasureBase]);
//   - subject is the division, a Location identified by its 12-digit code
//     in the system [DivisionSystem];
//   - period runs from the first to the last second of the result's period
//     in China Standard Time (FHIR's end is inclusive);
//   - improvementNotation is increase for a target to reach (>=) and
//     decrease for one not to exceed (<=), absent without a target;
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
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(mr); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// WriteMeasureReportBundle writes results to w as a FHIR R4 Bundle of type
// collection (资源集合), one MeasureReport (see [MarshalMeasureReport]) a
// line, with opts.Date as its timestamp. It writes nothing and returns an
// error when a result cannot be written; any other error is one of w.
func WriteMeasureReportBundle(w io.Writer, results []indicators.Result, opts Options) error {
	reports := make([][]byte, len(results))
	for i, r := range results {
		b, err := MarshalMeasureReport(r, opts)
		if err != nil {
			return err
		}
		reports[i] = b
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"resourceType":"Bundle","type":"collection"`)
	if !opts.Date.IsZero() {
		bw.WriteString(`,"timestamp":"` + opts.Date.Format(time.RFC3339) + `"`)
	}
	if len(reports) > 0 { // FHIR's JSON has no empty arrays
		bw.WriteString(`,"entry":[`)
		for i, b := range reports {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n" + `{"resource":`)
			bw.Write(b)
			bw.WriteByte('}')
		}
		bw.WriteString("\n]")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// The JSON of the parts of FHIR R4 that a MeasureReport uses.
type (
	measureReport struct {
		ResourceType        string           `json:"resourceType"`
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
	base := opts.MeasureBase
	if base == "" {
		base = MeasureBase
	}
	mr := &measureReport{
		ResourceType: "MeasureReport",
		Status:       "complete",
		Type:         "summary",
		Measure:      base + r.Indicator.Code(),
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

	g := group{Population: []population{
		{Code: populationCode("numerator", "Numerator")},
		{Code: populationCode("denominator", "Denominator")},
	}}
	if r.Reason != indicators.ReasonNoData && r.Reason != indicators.ReasonOverflow {
		for i, n := range [...]int64{r.Numerator, r.Denominator} {
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
