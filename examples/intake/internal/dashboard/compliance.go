package dashboard

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// compliancePage is the compliance of a division's grassroots institutions
// with the national service norm for a year (服务规范达标情况), laid out for
// A4 like the monthly notification.
type compliancePage struct {
	frame
	Heading     string
	Under       reports.Division
	YearName    string
	AsOf        string // as the API wrote it
	AsOfText    string
	Source      string // the norm's title, issuer, year and section
	SummaryText string
	Summary     summaryCells
	Prorated    string // that the year is not over, or ""

	Rules          []ruleHead
	Rows           []complianceRow
	Unconfirmed    bool // some norm is unconfirmed: the note says what the mark means
	NotCompliant   []institutionIssues
	NoInstitutions bool
	// Above a township, past complianceRowsMax institutions: their
	// counts by the division below, in place of the rows and their
	// issues.
	ByChild *complianceChildren
	Omitted string

	BackURL     string
	PrevYearURL string
	NextYearURL string
}

// summaryCells are the counts of a compliance answer, ready to show.
type summaryCells struct {
	Institutions, Compliant, NotCompliant string
}

// A ruleHead is a column of the table: a rule of the norm, with the unit
// its values and requirements count, said once for the column rather than
// in each cell (a page of a city's hundreds of institutions stays light).
type ruleHead struct {
	Rule        string
	Label       string
	Unit        string // "（种）": the unit in parentheses, "" when the measures give none or differ
	Unconfirmed bool   // a norm of the rule is unconfirmed for some class
}

// A complianceRow is an institution of the table.
type complianceRow struct {
	CreditCode string
	Name       string
	Class      string
	Status     string // met or missed
	Mark       string // ✓ or ✗
	StatusText string
	Cells      []complianceCell
}

// A complianceCell is an institution's measure against a rule: value over
// required, marked when short. Its rule and unit are those of its column
// (see ruleHead); a dash, that the class has no norm for the rule, the
// note under the table explains.
type complianceCell struct {
	Rule        string
	Text        string // "11/12", or a dash when the class has no norm for the rule
	Status      string // met, missed or none
	Mark        string
	Unconfirmed bool
}

// complianceRowsMax is the most institutions the page of a division above
// a township lists, a row each with its measures (about 1 KB of HTML) and
// their issues: 280 keep the page under 300 KB in every language. Past
// it, the page counts them by the division directly below its own (a
// province's cities, a city's counties, a county's townships), each
// linking to that division's page, where they are listed; a township's
// page lists its own, its centre and its villages' clinics.
const complianceRowsMax = 280

// complianceChildren is the table of the institutions by the division
// directly below the page's.
type complianceChildren struct {
	Caption string
	Rows    []complianceChild
	Total   complianceChild
}

// A complianceChild is a division below the page's with the number of its
// institutions, of those compliant and of those not. Division is empty
// for the institutions whose division is not known.
type complianceChild struct {
	Division, Name, URL                   string
	Institutions, Compliant, NotCompliant int
}

// Texts of c's counts, digits grouped.
func (c complianceChild) InstitutionsText() string { return groupDigits(int64(c.Institutions)) }
func (c complianceChild) CompliantText() string    { return groupDigits(int64(c.Compliant)) }
func (c complianceChild) NotCompliantText() string { return groupDigits(int64(c.NotCompliant)) }

// groupInstitutions counts institutions by the division at level child
// that holds the division each serves (one serving a division above that
// level counts as its own), in the order of their codes, named by name and
// linked to by link; those whose division is not known last, named
// unknown; and their total.
func groupInstitutions(institutions []reports.ComplianceInstitution, child healthedu.DivisionLevel, name func(healthedu.DivisionCode) string, link func(healthedu.DivisionCode) string, unknown string) (rows []complianceChild, total complianceChild) {
	divisions := make([]healthedu.DivisionCode, len(institutions))
	for i, in := range institutions {
		divisions[i] = in.Division
	}
	holders, of := byChild(divisions, child)
	for _, c := range holders {
		row := complianceChild{Name: unknown}
		if c.IsValid() {
			row = complianceChild{Division: c.String(), Name: name(c), URL: link(c)}
		}
		rows = append(rows, row)
	}
	for i, in := range institutions {
		for _, ch := range []*complianceChild{&rows[of[i]], &total} {
			ch.Institutions++
			if in.Compliant {
				ch.Compliant++
			} else {
				ch.NotCompliant++
			}
		}
	}
	return rows, total
}

// institutionIssues are the issues of an institution, by their messages.
type institutionIssues struct {
	CreditCode string
	Heading    string
	Issues     []string
}

// serveCompliance serves "/compliance".
func (d *dashboard) serveCompliance(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	q := r.URL.Query()
	if q.Get("period") == "" && d.opts.DefaultPeriod.IsValid() {
		q.Set("period", strconv.Itoa(d.opts.DefaultPeriod.Year()))
	}
	s, perr := d.readState(q, lang)
	if perr != nil {
		d.renderParamError(w, r, lang, perr)
		return
	}
	// The norm is judged by year: the year of the period asked for.
	s.Period, s.Indicator = healthedu.YearPeriod(s.Period.Year()), ""

	var c reports.Compliance
	qs := url.Values{"under": {s.Division.String()}, "period": {s.Period.String()}}
	if err := d.api.get(ctx, r, lang, "/v1/compliance", qs, &c); err != nil {
		d.renderAPIError(w, r, lang, err)
		return
	}
	msg := lang.T()
	p := compliancePage{
		Under:       reports.Division{Code: s.Division},
		YearName:    lang.periodName(s.Period),
		Source:      lang.sourceText(c.Norms.Source),
		Summary:     summaryOf(c.Summary),
		BackURL:     s.indexURL(),
		PrevYearURL: s.withPeriod(periodShiftYear(s.Period, -1)).complianceURL(),
		NextYearURL: s.withPeriod(periodShiftYear(s.Period, +1)).complianceURL(),
	}
	if c.Under != nil {
		p.Under = *c.Under
	}
	if !c.AsOf.IsZero() {
		p.AsOf = c.AsOf.Format(time.RFC3339Nano)
		p.AsOfText = lang.timeName(p.AsOf)
	}
	if p.Under.Name == "" {
		p.Under.Name = p.Under.Code.String()
	}
	p.Heading = lang.sprintf("complianceHeading", p.Under.Name, p.YearName)
	p.frame = newFrame("compliance", r, lang, p.Heading)
	p.State = s
	p.SummaryText = lang.sprintf("complianceCount", p.Summary.Institutions, p.Summary.Compliant, p.Summary.NotCompliant)
	p.NoInstitutions = len(c.Institutions) == 0
	if len(c.Institutions) > 0 && c.Institutions[0].MonthsOver < 12 {
		p.Prorated = lang.sprintf("complianceProrated", strconv.Itoa(c.Institutions[0].MonthsOver))
	}

	unconfirmed := map[compliance.Rule]bool{}
	for _, n := range c.Norms.Norms {
		if n.Unconfirmed {
			unconfirmed[n.Rule], p.Unconfirmed = true, true
		}
	}
	rules := compliance.Rules()
	for _, rule := range rules {
		h := ruleHead{Rule: string(rule), Label: rule.Label(lang.Tag()), Unconfirmed: unconfirmed[rule]}
		if u, ok := ruleUnit(rule, c.Institutions); ok {
			h.Unit = lang.paren(u.Label(lang.Tag()))
		}
		p.Rules = append(p.Rules, h)
	}
	listed := c.Institutions
	if level := p.Under.Code.Level(); level != 0 && level < healthedu.LevelTownship && len(c.Institutions) > complianceRowsMax {
		// The names of the divisions below; a failure leaves the codes.
		names := map[healthedu.DivisionCode]string{}
		var divs wire.Divisions
		if err := d.api.get(ctx, r, lang, "/v1/divisions", url.Values{"under": {s.Division.String()}}, &divs); err != nil {
			d.logAPIFailure(r, err)
		}
		for _, x := range divs.Children {
			names[x.Code] = x.Name
		}
		levelName := lang.levelName(levelText(level + 1))
		rows, total := groupInstitutions(c.Institutions, level+1,
			func(c healthedu.DivisionCode) string { return cmp.Or(names[c], c.String()) },
			func(c healthedu.DivisionCode) string { return s.with(c).complianceURL() }, msg["complianceNoDivision"])
		total.Name = msg["total"]
		p.ByChild = &complianceChildren{Caption: lang.sprintf("complianceByChild", levelName), Rows: rows, Total: total}
		p.Omitted = lang.sprintf("complianceOmitted", groupDigits(int64(len(c.Institutions))), levelName)
		listed = nil
	}
	for _, in := range listed {
		row := complianceRow{
			CreditCode: in.CreditCode.String(),
			Name:       cmp.Or(in.Name, in.CreditCode.String()),
			Class:      in.Class.Label(lang.Tag()),
			Status:     "met", Mark: "✓", StatusText: msg["compliant"],
		}
		if !in.Compliant {
			row.Status, row.Mark, row.StatusText = "missed", "✗", msg["notCompliant"]
		}
		for _, rule := range rules {
			row.Cells = append(row.Cells, lang.complianceCell(rule, in.Measures))
		}
		p.Rows = append(p.Rows, row)
		if len(in.Issues) > 0 {
			ii := institutionIssues{CreditCode: row.CreditCode, Heading: row.Name + lang.paren(row.Class)}
			for _, is := range in.Issues {
				ii.Issues = append(ii.Issues, cmp.Or(is.Message, is.Code))
			}
			p.NotCompliant = append(p.NotCompliant, ii)
		}
	}
	d.render(w, r, http.StatusOK, "compliance", p)
}

// ruleUnit returns the unit of the measures of rule among institutions,
// and false when none measures it or their units differ.
func ruleUnit(rule compliance.Rule, institutions []reports.ComplianceInstitution) (compliance.Unit, bool) {
	var unit compliance.Unit
	for _, in := range institutions {
		for _, m := range in.Measures {
			switch {
			case m.Rule != rule || m.Unit == "":
			case unit == "":
				unit = m.Unit
			case m.Unit != unit:
				return "", false
			}
		}
	}
	return unit, unit != ""
}

// complianceCell returns the cell of rule among measures, in language l.
func (l uiLang) complianceCell(rule compliance.Rule, measures []compliance.Measure) complianceCell {
	c := complianceCell{Rule: string(rule), Text: "—", Status: "none"}
	i := slices.IndexFunc(measures, func(m compliance.Measure) bool { return m.Rule == rule })
	if i < 0 {
		return c
	}
	m := measures[i]
	c.Text = strconv.Itoa(m.Value) + "/" + strconv.Itoa(m.Required)
	c.Status, c.Mark = "met", ""
	if !m.Met {
		c.Status, c.Mark = "missed", "✗"
	}
	c.Unconfirmed = m.Unconfirmed
	return c
}

// sourceText writes the document the norms come from: its title, then
// its issuer, year and section, as the table gives them.
func (l uiLang) sourceText(s compliance.Source) string {
	var parts []string
	for _, p := range []string{s.Issuer, yearText(s.Year), s.Section} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return s.Title
	}
	sep := "，"
	if l == langEn {
		sep = ", "
	}
	return s.Title + l.paren(strings.Join(parts, sep))
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// summaryOf returns the counts of a compliance answer, digits grouped.
func summaryOf(s reports.ComplianceSummary) summaryCells {
	return summaryCells{
		Institutions: groupDigits(int64(s.Institutions)),
		Compliant:    groupDigits(int64(s.Compliant)),
		NotCompliant: groupDigits(int64(s.NotCompliant)),
	}
}

// compliancePanel is the start page's summary of the compliance of the
// division in view for the year of its period.
type compliancePanel struct {
	Summary summaryCells
	Worst   []shortfallLine
}

// A shortfallLine is one of the largest shortfalls of the panel: an
// institution and the message of a rule it does not meet.
type shortfallLine struct {
	CreditCode, Name, Message string
}

// panelShortfalls is the number of shortfalls the panel lists.
const panelShortfalls = 5

// newCompliancePanel returns the panel of c: the counts, and the
// shortfalls largest in proportion to what the rule asks (a rule with
// nothing asked yet is not short), each with its message.
func (l uiLang) newCompliancePanel(c *reports.Compliance) *compliancePanel {
	p := &compliancePanel{Summary: summaryOf(c.Summary)}
	type shortfall struct {
		line      shortfallLine
		short, of int // the shortfall is short/of of what is asked
	}
	var all []shortfall
	for _, in := range c.Institutions {
		for i, m := range in.Measures {
			if m.Met || m.Required <= 0 {
				continue
			}
			// The rule's issue: at the measure's path, or of the rule's
			// code at a board's.
			msg := m.Rule.Label(l.Tag())
			for _, is := range in.Issues {
				if is.Path == "/measures/"+strconv.Itoa(i) || is.Code == "compliance."+string(m.Rule) {
					msg = cmp.Or(is.Message, is.Code)
					break
				}
			}
			all = append(all, shortfall{shortfallLine{in.CreditCode.String(), cmp.Or(in.Name, in.CreditCode.String()), msg}, m.Required - m.Value, m.Required})
		}
	}
	// Largest share short first (a/b > c/d as a·d > c·b), then by
	// institution, for a stable order.
	slices.SortStableFunc(all, func(a, b shortfall) int {
		if c := cmp.Compare(b.short*a.of, a.short*b.of); c != 0 {
			return c
		}
		return cmp.Compare(a.line.CreditCode, b.line.CreditCode)
	})
	for _, s := range all[:min(len(all), panelShortfalls)] {
		p.Worst = append(p.Worst, s.line)
	}
	return p
}

// complianceURL links to the compliance page of s.
func (s pageState) complianceURL() string {
	q := s.query()
	q.Del("indicator")
	return "compliance?" + q.Encode()
}
