package wire

import (
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// Compliance is the answer of GET /v1/compliance, and what `jiceng
// compliance -format json` writes (服务规范达标情况): the grassroots
// institutions whose activities lie within a division, judged against the
// national service norm for a year as of an instant, with the norms they
// were judged by and a summary.
//
// It depends on packages compliance and healthedu alone, so that the
// command can build the same document with NewCompliance.
type Compliance struct {
	// Period is the year judged (考核年度).
	Period healthedu.Period `json:"period"`
	// AsOf is the instant of the check (考核时点), in China Standard Time:
	// in a year in progress the minimums are pro-rated to the months over.
	AsOf time.Time `json:"asOf"`
	// Under is the division whose activities were read (考核范围).
	Under ComplianceDivision `json:"under"`
	// Norms is the norms table the institutions were judged by (规范要求表),
	// with its source.
	Norms compliance.NormsFile `json:"norms"`
	// Institutions are the results, one per institution, by credit code
	// (机构达标情况).
	Institutions []ComplianceInstitution `json:"institutions"`
	// Summary counts them (汇总).
	Summary ComplianceSummary `json:"summary"`
}

// ComplianceDivision is the division of a compliance answer (考核范围): its
// code and its name in the registry.
type ComplianceDivision struct {
	Division healthedu.DivisionCode `json:"division"`
	Name     string                 `json:"name"`
}

// ComplianceInstitution is one institution's result (机构达标情况): the
// members of a compliance.Institution as encoding/json writes them, with
// whether it meets every rule, and its issues with their messages in the
// language of the request.
type ComplianceInstitution struct {
	compliance.Institution
	// Compliant reports whether it meets every rule checked (全部达标).
	Compliant bool `json:"compliant"`
	// Issues shadows Institution.Issues: the same issues, each with its
	// message (问题清单).
	Issues []healthedu.LocalizedIssue `json:"issues"`
}

// ComplianceSummary counts the institutions of a compliance answer (汇总):
// those judged, those that meet every rule and those that do not.
type ComplianceSummary struct {
	Institutions int `json:"institutions"`
	Compliant    int `json:"compliant"`
	NotCompliant int `json:"notCompliant"`
}

// NewCompliance returns the compliance answer (达标情况报文) for the results
// of a check of year as of asOf, within under (named name), by norms, with
// the messages of the issues in lang. Empty lists are written as [], never
// null.
func NewCompliance(year healthedu.Period, asOf time.Time, under healthedu.DivisionCode, name string, norms *compliance.Norms, results []compliance.Institution, lang language.Tag) *Compliance {
	if norms == nil {
		norms = compliance.DefaultNorms()
	}
	a := &Compliance{
		Period:       year,
		AsOf:         asOf.In(healthedu.ChinaStandardTime),
		Under:        ComplianceDivision{Division: under, Name: name},
		Norms:        norms.File(),
		Institutions: make([]ComplianceInstitution, 0, len(results)),
	}
	for _, in := range results {
		ci := ComplianceInstitution{Institution: in, Compliant: in.Compliant(), Issues: make([]healthedu.LocalizedIssue, 0, len(in.Issues))}
		for _, is := range in.Issues {
			ci.Issues = append(ci.Issues, healthedu.LocalizedIssue{Issue: is, Message: is.Message(lang)})
		}
		ci.Institution.Issues = nil
		if ci.Measures == nil {
			ci.Measures = []compliance.Measure{}
		}
		if ci.Boards == nil {
			ci.Boards = []compliance.BoardResult{}
		}
		a.Institutions = append(a.Institutions, ci)
		a.Summary.Institutions++
		if ci.Compliant {
			a.Summary.Compliant++
		} else {
			a.Summary.NotCompliant++
		}
	}
	return a
}
