package main

import (
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// kindCaseReport is the kind of a case report record (病例报告), which
// this server takes besides grid's kinds (see decoderKinds) so that case reports
// go through healthedu's decoder and validator like every other record,
// with an ID that makes a resubmission recognisable.
const kindCaseReport healthedu.Kind = "caseReport"

// caseReport is a grid.CaseReport as a record: cases of a communicable
// disease in a division, for the incidence rules.
type caseReport struct {
	healthedu.Header
	Division healthedu.DivisionCode `json:"division"`                                    // 现住址区划
	Disease  grid.Disease           `json:"disease"`                                     // 病种
	At       time.Time              `json:"at"`                                          // 发病/诊断时间
	Cases    int64                  `json:"cases" jsonschema:"minimum=1,maximum=100000"` // 病例数
}

// RecordDivision returns the division of the cases' residence.
func (c *caseReport) RecordDivision() healthedu.DivisionCode { return c.Division }

// RecordPeriod returns the month of onset or diagnosis and "/at".
func (c *caseReport) RecordPeriod() (healthedu.Period, string) {
	return healthedu.PeriodOf(healthedu.PeriodMonth, c.At), "/at"
}

// Check reports a division that v's registry lacks ("division.unknown")
// and a time v does not accept (Validator.AppendTime: "time.outOfRange",
// "time.tooEarly", "time.future").
func (c *caseReport) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	if c.Division.IsValid() && !v.KnownDivision(c.Division) {
		issues = append(issues, healthedu.NewIssue("division.unknown", healthedu.Pointer("division"),
			map[string]any{"value": c.Division.Short()}))
	}
	return v.AppendTime(issues, c.At, healthedu.Pointer("at"))
}

// report returns the case report the engine observes.
func (c *caseReport) report() grid.CaseReport {
	return grid.CaseReport{Division: c.Division, Disease: c.Disease, At: c.At, Cases: c.Cases}
}

// decoderKinds are the kinds of record the server's decoders take: grid's, the
// case report, and healthedu's exchange kinds, which no endpoint takes
// (endpoint.kind) but which the decoder reads, so that a platform's
// record sent here by mistake is told apart from a kind nobody knows.
var decoderKinds = append(append(healthedu.ExchangeKinds(), grid.Kinds()...), healthedu.KindInfo{
	Kind:  kindCaseReport,
	Names: healthedu.LocalizedText{ZhHans: "病例报告", ZhHant: "病例報告", En: "case report"},
	New:   func() healthedu.Record { return new(caseReport) },
})
