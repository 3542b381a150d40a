package fhir

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// MeasureURL returns the canonical URL of the Measure of the indicator with
// the given code (度量规范 URL): opts.MeasureBase, or [MeasureBase], followed
// by the code, such as
// https://jiceng.github.io/fhir/Measure/child-health-management-rate. It is
// the url of the Measure that [MarshalMeasure] writes and the measure of
// the MeasureReports that [MarshalMeasureReport] writes.
func MeasureURL(code string, opts Options) string {
	base := opts.MeasureBase
	if base == "" {
		base = MeasureBase
	}
	return base + code
}

// measureURL returns the canonical URL of ind's Measure.
func (o *Options) measureURL(ind *indicators.Indicator) string {
	return MeasureURL(ind.Code(), *o)
}

// reportNamespace is the namespace of the name-based UUIDs of
// MeasureReports: RFC 9562's namespace for URLs, as their names are.
var reportNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// MeasureReportID returns the id of the MeasureReport of the measure with
// the canonical URL measure for the division subject over the period p
// (度量报告标识): the name-based UUID, version 5 of RFC 9562 (SHA-1, in
// the namespace of URLs), of the URL
//
//	<measure>?subject=<12-digit division code>&period=<period>
//
// such as "https://jiceng.github.io/fhir/Measure/child-health-management-rate?subject=150207000000&period=2024".
// The same figure always has the same id, whatever its value, when and by
// whom it was computed, so that a receiver that stores MeasureReports by id
// (FHIR's update, PUT MeasureReport/<id>) keeps the latest version of each
// figure; figures of different measures, divisions or periods have
// different ids. The id is also written as the report's identifier,
// urn:uuid:<id>, and its entry's fullUrl in a Bundle.
func MeasureReportID(measure string, subject healthedu.DivisionCode, p healthedu.Period) string {
	name := measure + "?subject=" + subject.String() + "&period=" + p.String()
	h := sha1.New()
	h.Write(reportNamespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // the variant of RFC 9562
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// scoringOf returns the FHIR scoring of ind (评分方法): "cohort" for a count
// (a denominator of 1 and a factor of 1), "proportion" for the rate of a
// part in its whole (a maximum equal to the factor, such as 100 for a
// percentage, so that the numerator never exceeds the denominator), and
// "ratio" for any other quotient.
func scoringOf(ind *indicators.Indicator) string {
	den := ind.Denominator()
	if den.IsConstant() && den.Constant() == 1 && ind.Factor() == 1 {
		return "cohort"
	}
	if m, ok := ind.Maximum(); ok && m == strconv.FormatInt(ind.Factor(), 10) {
		return "proportion"
	}
	return "ratio"
}

// rateAggregation says how jiceng aggregates a figure over divisions, in
// the three languages (see Measure.rateAggregation).
var rateAggregation = healthedu.LocalizedText{
	ZhHans: "上级区划的数值为所辖各填报单位分子之和除以分母之和再乘以系数，不取下级数值的平均。",
	ZhHant: "上級區劃的數值為所轄各填報單位分子之和除以分母之和再乘以係數，不取下級數值的平均。",
	En:     "The value of a division is the sum of the numerators of the reporting units within it over the sum of their denominators, times the factor; never a mean of the values below it.",
}

// The JSON of the parts of FHIR R4 that a Measure uses.
type (
	measure struct {
		ResourceType           string            `json:"resourceType"`
		ID                     string            `json:"id"`
		Language               string            `json:"language"`
		Extension              []extensionAny    `json:"extension,omitempty"`
		URL                    string            `json:"url"`
		Name                   string            `json:"name"`
		Title                  string            `json:"title"`
		TitleExt               *element          `json:"_title,omitempty"`
		Status                 string            `json:"status"`
		SubjectCodeableConcept codeableConcept   `json:"subjectCodeableConcept"`
		Date                   string            `json:"date,omitempty"`
		Jurisdiction           []codeableConcept `json:"jurisdiction"`
		Scoring                codeableConcept   `json:"scoring"`
		RateAggregation        string            `json:"rateAggregation"`
		RateAggregationExt     *element          `json:"_rateAggregation,omitempty"`
		Rationale              string            `json:"rationale,omitempty"`
		ImprovementNotation    *codeableConcept  `json:"improvementNotation,omitempty"`
		Group                  []measureGroup    `json:"group"`
	}
	element struct {
		Extension []extensionAny `json:"extension"`
	}
	// extensionAny is an extension with a value of any of the types a
	// Measure uses, or sub-extensions.
	extensionAny struct {
		URL           string         `json:"url"`
		Extension     []extensionAny `json:"extension,omitempty"`
		ValueCode     string         `json:"valueCode,omitempty"`
		ValueString   string         `json:"valueString,omitempty"`
		ValueQuantity *quantityCmp   `json:"valueQuantity,omitempty"`
	}
	quantityCmp struct {
		Value      json.Number `json:"value"`
		Comparator string      `json:"comparator"`
		Unit       string      `json:"unit"`
		System     string      `json:"system"`
		Code       string      `json:"code"`
	}
	measureGroup struct {
		Population []measurePopulation `json:"population"`
	}
	measurePopulation struct {
		Code     codeableConcept `json:"code"`
		Criteria expression      `json:"criteria"`
	}
	expression struct {
		Extension  []extensionAny `json:"extension"`
		Language   string         `json:"language"`
		Expression string         `json:"expression"`
	}
)

// translations returns the translation extensions of a text whose main
// form is in zh-Hans: its zh-Hant and en forms.
func translations(t healthedu.LocalizedText) *element {
	var exts []extensionAny
	for _, tr := range []struct{ lang, text string }{{"zh-Hant", t.ZhHant}, {"en", t.En}} {
		if tr.text == "" {
			continue
		}
		exts = append(exts, extensionAny{URL: translation, Extension: []extensionAny{
			{URL: "lang", ValueCode: tr.lang},
			{URL: "content", ValueString: tr.text},
		}})
	}
	if exts == nil {
		return nil
	}
	return &element{Extension: exts}
}

// computableName returns the code as a name for machines, as FHIR wants a
// Measure's name: its words capitalised and joined,
// ChildHealthManagementRate, and prefixed with M when it would begin with
// a digit.
func computableName(code string) string {
	var b strings.Builder
	for w := range strings.SplitSeq(code, "-") {
		if w == "" {
			continue
		}
		if b.Len() == 0 && w[0] >= '0' && w[0] <= '9' {
			b.WriteByte('M')
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// MarshalMeasure returns ind as a FHIR R4 Measure resource (度量) in JSON,
// the definition that the MeasureReports of its results (see
// [MarshalMeasureReport]) name by its canonical URL:
//
//	{"resourceType":"Measure","id":"child-health-management-rate","language":"zh-Hans",
//	 "extension":[{"url":"https://jiceng.github.io/fhir/StructureDefinition/measure-target","extension":[
//	   {"url":"value","valueQuantity":{"value":85,"comparator":">=","unit":"%","system":"http://unitsofmeasure.org","code":"%"}}]}],
//	 "url":"https://jiceng.github.io/fhir/Measure/child-health-management-rate",
//	 "name":"ChildHealthManagementRate","title":"0～6岁儿童健康管理率",
//	 "_title":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/translation","extension":[{"url":"lang","valueCode":"zh-Hant"},{"url":"content","valueString":"0～6歲兒童健康管理率"}]}, …]},
//	 "status":"active","subjectCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/resource-types","code":"Location"}]},
//	 "jurisdiction":[{"coding":[{"system":"urn:iso:std:iso:3166","code":"CN"}]}],
//	 "scoring":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-scoring","code":"proportion"}]},
//	 "rateAggregation":"上级区划的数值为…","_rateAggregation":{…},
//	 "rationale":"健康中国行动（2019—2030年）妇幼健康促进行动：…",
//	 "improvementNotation":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-improvement-notation","code":"increase"}]},
//	 "group":[{"population":[
//	   {"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/measure-population","code":"numerator","display":"Numerator"}]},
//	    "criteria":{"extension":[{"url":"https://jiceng.github.io/fhir/StructureDefinition/jiceng-expression","valueString":"children-0-6-managed"}],
//	                "language":"text/cql","expression":"\"children-0-6-managed\""}},
//	   {"code":{…"denominator"…},"criteria":{…"children-0-6"…}}]}]}
//
// In it:
//
//   - id is the indicator's code and url its canonical URL (see
//     [MeasureURL]); name is the code as a name for machines;
//   - title is the indicator's name in zh-Hans, the resource's language,
//     with its zh-Hant and en names in FHIR's translation extension;
//   - the subject is a Location: a division (区划);
//   - scoring is cohort for a count (a denominator of 1 and a factor of
//     1), proportion for the rate of a part in its whole (a maximum equal
//     to the factor, 100 for a percentage), ratio otherwise;
//   - the populations are the numerator and the denominator, or for a
//     cohort the initial population, each with its criteria: the
//     indicator's expression in jiceng's syntax in the extension
//     [ExpressionExtension], and in CQL as the criteria's expression;
//   - rateAggregation says, in the three languages, that a division's
//     figure is a sum of numerators over a sum of denominators;
//   - a target gives improvementNotation (increase for a target to reach,
//     decrease for one not to exceed), the norm that sets it as the
//     rationale, and the target itself in the extension
//     [TargetExtension];
//   - date is opts.Date, left out when zero; status is active.
//
// MarshalMeasure fails only when ind is nil.
func MarshalMeasure(ind *indicators.Indicator, opts Options) ([]byte, error) {
	m, err := measureOf(ind, &opts)
	if err != nil {
		return nil, err
	}
	return marshal(m)
}

// WriteMeasureBundle writes inds to w as a FHIR R4 Bundle of type
// collection (资源集合), one Measure (see [MarshalMeasure]) a line, each
// entry with its canonical URL as its fullUrl, and with opts.Date as its
// timestamp: the catalogue (指标目录) as FHIR, with
// [indicators.Catalogue.Indicators]. It writes nothing and returns an error
// when an indicator cannot be written; any other error is one of w.
func WriteMeasureBundle(w io.Writer, inds []*indicators.Indicator, opts Options) error {
	entries := make([]bundleEntry, len(inds))
	for i, ind := range inds {
		m, err := measureOf(ind, &opts)
		if err != nil {
			return err
		}
		b, err := marshal(m)
		if err != nil {
			return err
		}
		entries[i] = bundleEntry{m.URL, b}
	}
	return writeBundle(w, entries, opts.Date)
}

// cqlOf returns e in CQL: its terms as quoted identifiers, such as
// "activities[form=lecture]", joined by + and -, then its constant.
func cqlOf(e indicators.Expr) string {
	var b strings.Builder
	terms := e.Terms()
	for i, t := range terms {
		switch {
		case i == 0 && t.Negative:
			b.WriteString("-")
		case i > 0 && t.Negative:
			b.WriteString(" - ")
		case i > 0:
			b.WriteString(" + ")
		}
		b.WriteString(`"` + t.String() + `"`)
	}
	c := e.Constant()
	switch {
	case len(terms) == 0:
		b.WriteString(strconv.FormatInt(c, 10))
	case c > 0:
		b.WriteString(" + " + strconv.FormatInt(c, 10))
	case c < 0:
		b.WriteString(" - " + strconv.FormatUint(uint64(-(c+1))+1, 10))
	}
	return b.String()
}

// measureOf makes the Measure of ind.
func measureOf(ind *indicators.Indicator, opts *Options) (*measure, error) {
	if ind == nil {
		return nil, errors.New("fhir: MarshalMeasure: no indicator")
	}
	names := ind.Names()
	scoring := scoringOf(ind)
	m := &measure{
		ResourceType:           "Measure",
		ID:                     ind.Code(),
		Language:               "zh-Hans",
		URL:                    opts.measureURL(ind),
		Name:                   computableName(ind.Code()),
		Title:                  names.ZhHans,
		TitleExt:               translations(names),
		Status:                 "active",
		SubjectCodeableConcept: codeableConcept{Coding: []coding{{System: resourceTypes, Code: "Location"}}},
		Jurisdiction:           []codeableConcept{{Coding: []coding{{System: iso3166, Code: "CN"}}}},
		Scoring:                codeableConcept{Coding: []coding{{System: scoringSystem, Code: scoring}}},
		RateAggregation:        rateAggregation.ZhHans,
		RateAggregationExt:     translations(rateAggregation),
	}
	if !opts.Date.IsZero() {
		m.Date = opts.Date.Format(time.RFC3339)
	}
	criteria := func(e indicators.Expr) expression {
		return expression{
			Extension:  []extensionAny{{URL: ExpressionExtension, ValueString: e.String()}},
			Language:   "text/cql",
			Expression: cqlOf(e),
		}
	}
	g := measureGroup{Population: []measurePopulation{
		{Code: populationCode("numerator", "Numerator"), Criteria: criteria(ind.Numerator())},
		{Code: populationCode("denominator", "Denominator"), Criteria: criteria(ind.Denominator())},
	}}
	if scoring == "cohort" {
		g.Population = []measurePopulation{{Code: populationCode("initial-population", "Initial Population"), Criteria: criteria(ind.Numerator())}}
	}
	m.Group = []measureGroup{g}
	if t, ok := ind.Target(); ok {
		code, cmp := "increase", ">="
		if t.Direction == indicators.AtMost {
			code, cmp = "decrease", "<="
		}
		m.ImprovementNotation = &codeableConcept{Coding: []coding{{System: improvementSystem, Code: code}}}
		m.Rationale = t.Norm
		unit, ucumCode := unitOf(ind.Factor())
		target := extensionAny{URL: TargetExtension, Extension: []extensionAny{
			{URL: "value", ValueQuantity: &quantityCmp{Value: json.Number(t.Value), Comparator: cmp, Unit: unit, System: ucum, Code: ucumCode}},
		}}
		if t.PeriodType.IsValid() {
			target.Extension = append(target.Extension, extensionAny{URL: "periodType", ValueCode: t.PeriodType.String()})
		}
		m.Extension = []extensionAny{target}
	}
	return m, nil
}
