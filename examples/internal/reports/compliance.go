package reports

import (
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/healthedu"
)

// Compliance is the compliance report (服务规范达标情况): what "jiceng
// compliance -format json" writes and GET /v1/compliance answers. It says
// what was judged — the year, the instant of the check, the division whose
// activities were read, the norms — counts the institutions compliant and
// not, and lists each institution's result, ordered by credit code as
// [compliance.Checker.Results] orders them.
type Compliance struct {
	// Period is the year judged (考核年度), such as "2025".
	Period healthedu.Period `json:"period"`
	// AsOf is the instant of the check (考核时间), in China Standard
	// Time: in a year in progress only what happened before it counts,
	// and the yearly minimums are pro-rated to the months over (see each
	// institution's monthsOver). Absent when the check judged the year as
	// over without an instant (the zero compliance.Options.Now).
	AsOf time.Time `json:"asOf,omitzero"`
	// Under is the division whose activities were judged (考核范围): an
	// activity is read when the division it took place in lies within.
	// Absent when every activity was read.
	Under *Division `json:"under,omitempty"`
	// Norms says which norms table the institutions were judged against
	// (规范要求表).
	Norms ComplianceNorms `json:"norms"`
	// Summary counts the institutions (汇总).
	Summary ComplianceSummary `json:"summary"`
	// Institutions are the results (机构达标情况), [] when there is none.
	Institutions []ComplianceInstitution `json:"institutions"`
}

// Division is a division as the documents write it (区划): its code, its
// name in the registry ("" when the registry does not hold it, as for a
// village) and its level. The intake's own documents write divisions the
// same way.
type Division struct {
	Code  healthedu.DivisionCode  `json:"code"`
	Name  string                  `json:"name"`
	Level healthedu.DivisionLevel `json:"level"`
}

// NewDivision returns the division (区划) of code, named from reg.
func NewDivision(code healthedu.DivisionCode, reg *healthedu.Registry) Division {
	return Division{Code: code, Name: reg.Name(code), Level: code.Level()}
}

// ComplianceNorms is the norms table of a check (规范要求表): the document
// its figures come from, whether it is the library's default table
// (compliance.DefaultNorms) or one a platform supplied, and the table
// itself, as a [compliance.NormsFile] writes it — which organizer types
// make up each class, and each class's figure for each rule, marked when
// unconfirmed. Each institution's measures repeat the figures of its own
// class (norm, normUnit, unconfirmed); the table says what every class was
// judged against, also for a class with no institution in the document.
type ComplianceNorms struct {
	// Source is the document the norms come from (依据).
	Source compliance.Source `json:"source"`
	// Default reports whether the table is the library's default, the
	// national norm as the library states it (默认规范要求表).
	Default bool `json:"default"`
	// Classes assign organizer types to classes (机构类别).
	Classes []compliance.ClassDef `json:"classes"`
	// Norms are the figures (规范要求), by class and rule.
	Norms []compliance.Norm `json:"norms"`
}

// ComplianceSummary counts the institutions judged (汇总): all of them,
// those that meet every rule of their class (达标) and the others.
type ComplianceSummary struct {
	Institutions int `json:"institutions"`
	Compliant    int `json:"compliant"`
	NotCompliant int `json:"notCompliant"`
}

// ComplianceInstitution is the result of one institution (机构达标情况):
// the members of a [compliance.Institution] as the library writes them,
// in its order, but that each issue carries its message in the reader's
// language; then the names of its type and class in that language, the
// number of rules it falls short of and whether it meets them all. The
// issues' paths (/measures/5, /boards/0, /type) point into this object.
//
// The institution's name and its boards' identifiers are free text a
// submitter wrote: any citizen ID number in them is masked, as it is in
// the issues' params.
type ComplianceInstitution struct {
	CreditCode healthedu.CreditCode       `json:"creditCode"`
	Name       string                     `json:"name"`
	Type       healthedu.OrganizerType    `json:"type"`
	Class      compliance.Class           `json:"class"`
	Division   healthedu.DivisionCode     `json:"division,omitzero"`
	Year       healthedu.Period           `json:"year"`
	MonthsOver int                        `json:"monthsOver"`
	Activities int                        `json:"activities"`
	Measures   []compliance.Measure       `json:"measures"`
	Boards     []compliance.BoardResult   `json:"boards"`
	Issues     []healthedu.LocalizedIssue `json:"issues"`

	// TypeName is the name of the institution's type (机构类型名称) and
	// ClassName that of its class (机构类别名称), in the reader's language.
	TypeName  string `json:"typeName"`
	ClassName string `json:"className"`
	// Shortfalls is the number of measures not met (未达标项数).
	Shortfalls int `json:"shortfalls"`
	// Compliant reports whether every measure is met (全部达标).
	Compliant bool `json:"compliant"`
}

// NewCompliance returns the compliance report (服务规范达标情况) of
// results, the results of a check made with opts, with the messages and
// names in lang. under is the division whose activities were read, nil
// for all. It does not judge anything itself: the command line and the
// intake each run the check, and build the same document from it.
func NewCompliance(results []compliance.Institution, opts compliance.Options, under *Division, lang language.Tag) Compliance {
	norms := opts.Norms
	if norms == nil {
		norms = compliance.DefaultNorms()
	}
	doc := Compliance{
		Period:       opts.Year,
		Under:        under,
		Norms:        newComplianceNorms(norms),
		Institutions: make([]ComplianceInstitution, 0, len(results)),
	}
	if !opts.Now.IsZero() {
		doc.AsOf = opts.Now.In(healthedu.ChinaStandardTime)
	}
	for i := range results {
		in := NewComplianceInstitution(&results[i], lang)
		doc.Institutions = append(doc.Institutions, in)
		doc.Summary.Institutions++
		if in.Compliant {
			doc.Summary.Compliant++
		} else {
			doc.Summary.NotCompliant++
		}
	}
	return doc
}

// newComplianceNorms returns the table norms (规范要求表) as a document
// writes it: a table without classes or norms writes them [], and any
// citizen ID number in its free text (the source, the notes) is masked.
func newComplianceNorms(norms *compliance.Norms) ComplianceNorms {
	f := norms.File()
	out := ComplianceNorms{Source: f.Source, Default: norms == compliance.DefaultNorms(), Classes: f.Classes, Norms: f.Norms}
	for _, s := range []*string{&out.Source.Title, &out.Source.Issuer, &out.Source.Section} {
		*s = healthedu.RedactCitizenIDs(*s)
	}
	for i := range out.Norms {
		out.Norms[i].Note = healthedu.RedactCitizenIDs(out.Norms[i].Note)
	}
	if out.Classes == nil {
		out.Classes = []compliance.ClassDef{}
	}
	if out.Norms == nil {
		out.Norms = []compliance.Norm{}
	}
	return out
}

// NewComplianceInstitution returns the result of in (机构达标情况) with its
// issues' messages and its names in lang. Nil lists of in are written [].
func NewComplianceInstitution(in *compliance.Institution, lang language.Tag) ComplianceInstitution {
	out := ComplianceInstitution{
		CreditCode: in.CreditCode,
		Name:       healthedu.RedactCitizenIDs(in.Name),
		Type:       in.Type,
		Class:      in.Class,
		Division:   in.Division,
		Year:       in.Year,
		MonthsOver: in.MonthsOver,
		Activities: in.Activities,
		Measures:   slices.Clone(in.Measures),
		Boards:     slices.Clone(in.Boards),
		Issues:     make([]healthedu.LocalizedIssue, len(in.Issues)),
		TypeName:   in.Type.Label(lang),
		ClassName:  in.Class.Label(lang),
	}
	if out.Measures == nil {
		out.Measures = []compliance.Measure{}
	}
	if out.Boards == nil {
		out.Boards = []compliance.BoardResult{}
	}
	for i := range out.Boards {
		out.Boards[i].ID = healthedu.RedactCitizenIDs(out.Boards[i].ID)
	}
	for i, is := range in.Issues {
		out.Issues[i] = healthedu.LocalizedIssue{Issue: is, Message: is.Message(lang)}
	}
	for _, m := range in.Measures {
		if !m.Met {
			out.Shortfalls++
		}
	}
	out.Compliant = out.Shortfalls == 0
	return out
}
