package dashboardtest

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// ComplianceOptions configure CheckCompliance.
type ComplianceOptions struct {
	// Token is the bearer token for the API reads; empty when they are
	// open (-demo).
	Token string
	// PanelScreenshot is the file for a full-page PNG of the start page,
	// with its compliance panel, at desktop width; empty for none.
	PanelScreenshot string
	// PageScreenshot is the file for a full-page PNG of the compliance
	// page at desktop width; PrintScreenshot for one as it prints (A4).
	PageScreenshot, PrintScreenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// CheckCompliance loads the start page at baseURL with query (such as
// "division=3715&period=202510&lang=zh-Hans") in Chromium at desktop
// width, and checks, against GET /v1/compliance for the division and the
// year of the period in the page's language, that:
//
//   - the compliance panel shows the institutions judged, compliant and
//     not compliant that the API counts, lists at most five shortfalls, each
//     the message of an issue of a named institution the API lists, and
//     links to the compliance page;
//   - the compliance page, reached by the link, is headed with the
//     division's name and the year, says the norm's source and the as-of
//     time, shows a row per institution with, for each rule, the value and
//     what is required, marked when short, exactly as the API measures it,
//     marks the rules whose norm is unconfirmed, and lists the issues of
//     every institution that has any, with the API's messages;
//   - no page threw a script error.
//
// It saves the screenshots that opts names.
func CheckCompliance(t testing.TB, baseURL, query string, opts ComplianceOptions) {
	t.Helper()
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	c.load(c.base + "/?" + query)
	p := c.readPanel()
	if p.Page != "index" {
		t.Fatalf("dashboardtest: %s is not the start page: %+v", query, p)
	}
	year := p.Period
	if len(year) > 4 {
		year = year[:4]
	}
	var a reports.Compliance
	c.api("/v1/compliance", url.Values{"under": {p.Division}, "period": {year}}, p.Lang, &a)
	if p.Title == "" || !strings.Contains(p.Title, year) {
		t.Errorf("dashboardtest: the compliance panel is titled %q, without the year %s", p.Title, year)
	}
	got := [3]string{p.Institutions, p.Compliant, p.NotCompliant}
	want := [3]string{digits(a.Summary.Institutions), digits(a.Summary.Compliant), digits(a.Summary.NotCompliant)}
	if len(a.Institutions) == 0 {
		want = [3]string{}
	}
	if got != want {
		t.Errorf("dashboardtest: the compliance panel counts %q, the API %q", got, want)
	}
	if len(p.Worst) > 5 || a.Summary.NotCompliant > 0 && len(p.Worst) == 0 {
		t.Errorf("dashboardtest: the panel lists %d shortfalls, with %d institutions not compliant", len(p.Worst), a.Summary.NotCompliant)
	}
	for _, w := range p.Worst {
		i := slices.IndexFunc(a.Institutions, func(in reports.ComplianceInstitution) bool { return in.CreditCode.String() == w.CreditCode })
		if i < 0 {
			t.Errorf("dashboardtest: the panel lists institution %s, which the API does not", w.CreditCode)
			continue
		}
		in := a.Institutions[i]
		if !strings.HasPrefix(w.Text, in.Name) || !slices.ContainsFunc(in.Issues, func(is healthedu.LocalizedIssue) bool {
			return is.Message != "" && strings.HasSuffix(w.Text, is.Message)
		}) {
			t.Errorf("dashboardtest: the panel's shortfall %q is not a message of %s in the API", w.Text, in.Name)
		}
	}
	if opts.PanelScreenshot != "" {
		c.screenshot(opts.PanelScreenshot)
	}

	c.navigate("open the compliance page", chromedp.Click(chromedp.CSS(`.compliance-link a`)))
	v := c.readCompliance()
	if v.Page != "compliance" || v.Lang != p.Lang || v.Division != p.Division || v.Period != year {
		t.Fatalf("dashboardtest: the compliance link led to page %q in %q, division %s, period %s", v.Page, v.Lang, v.Division, v.Period)
	}
	c.compareCompliance(v, &a)
	if opts.PageScreenshot != "" {
		c.screenshot(opts.PageScreenshot)
	}
	if opts.PrintScreenshot != "" {
		c.printScreenshot(opts.PrintScreenshot)
	}
	c.checkConsole()
}

// digits writes n with its digits grouped in thousands, as the pages do.
func digits(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// panelView is the compliance panel of the start page.
type panelView struct {
	Page         string `json:"page"`
	Lang         string `json:"lang"`
	Division     string `json:"division"`
	Period       string `json:"period"`
	Title        string `json:"title"`
	Institutions string `json:"institutions"`
	Compliant    string `json:"compliant"`
	NotCompliant string `json:"notCompliant"`
	Worst        []struct {
		CreditCode string `json:"creditCode"`
		Text       string `json:"text"`
	} `json:"worst"`
}

const readPanel = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const panel = document.querySelector('#compliance') || document.createElement('section');
  return {
    page: main.dataset.page || '', lang: document.documentElement.lang,
    division: main.dataset.division || '', period: main.dataset.period || '',
    title: text(panel, 'h2'),
    institutions: text(panel, 'dd.institutions'), compliant: text(panel, 'dd.compliant'), notCompliant: text(panel, 'dd.not-compliant'),
    worst: [...panel.querySelectorAll('#worst-shortfalls li')].map(li => ({ creditCode: li.dataset.creditCode, text: li.textContent.trim() })),
  };
})()`

func (c *checker) readPanel() panelView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[panelView](readPanel))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the compliance panel: %v", err)
	}
	return v
}

// complianceView is the compliance page, read from its DOM.
type complianceView struct {
	Page        string   `json:"page"`
	Lang        string   `json:"lang"`
	Division    string   `json:"division"`
	Period      string   `json:"period"`
	Heading     string   `json:"heading"`
	Source      string   `json:"source"`
	AsOf        string   `json:"asOf"`
	Rules       []string `json:"rules"`
	Unconfirmed []string `json:"unconfirmed"` // the rules whose heading is marked
	Rows        []struct {
		CreditCode string `json:"creditCode"`
		Name       string `json:"name"`
		Cells      []struct {
			Rule        string `json:"rule"`
			Text        string `json:"text"`
			Status      string `json:"status"`
			Visible     bool   `json:"visible"`
			Unconfirmed bool   `json:"unconfirmed"`
		} `json:"cells"`
	} `json:"rows"`
	Issues []struct {
		CreditCode string   `json:"creditCode"`
		Messages   []string `json:"messages"`
	} `json:"issues"`
}

const readCompliancePage = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  // A cell's rule is that of its column: the headings name the rules.
  const rules = [...document.querySelectorAll('#compliance-table thead th[data-rule]')].map(th => th.dataset.rule);
  return {
    page: main.dataset.page || '', lang: document.documentElement.lang,
    division: main.dataset.division || '', period: main.dataset.period || '',
    heading: text(document, 'h1'), source: text(document, '.facts .source'),
    asOf: (() => { const e = document.querySelector('.facts time'); return e ? e.getAttribute('datetime') : ''; })(),
    rules: rules,
    unconfirmed: [...document.querySelectorAll('#compliance-table thead th[data-rule]')].filter(th => th.querySelector('.unconfirmed')).map(th => th.dataset.rule),
    rows: [...document.querySelectorAll('#compliance-table tbody tr')].map(tr => ({
      creditCode: tr.dataset.creditCode, name: text(tr, 'th .name'),
      cells: [...tr.querySelectorAll('td.measure')].map((td, i) => ({
        rule: rules[i] || '', text: text(td, '.v'),
        status: td.classList.contains('missed') ? 'missed' : td.classList.contains('met') ? 'met' : 'none',
        visible: td.getBoundingClientRect().width > 0,
        unconfirmed: !!td.querySelector('.unconfirmed-mark'),
      })),
    })),
    issues: [...document.querySelectorAll('.institution-issues')].map(s => ({
      creditCode: s.dataset.creditCode, messages: [...s.querySelectorAll('li')].map(li => li.textContent.trim()),
    })),
  };
})()`

func (c *checker) readCompliance() complianceView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[complianceView](readCompliancePage))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the compliance page: %v", err)
	}
	return v
}

// compareCompliance checks the compliance page v against the API's answer a.
func (c *checker) compareCompliance(v complianceView, a *reports.Compliance) {
	t := c.t
	t.Helper()
	if a.Under == nil {
		t.Fatalf("dashboardtest: the API's compliance answer has no under")
	}
	if !strings.Contains(v.Heading, cmp.Or(a.Under.Name, a.Under.Code.String())) || !strings.Contains(v.Heading, a.Period.String()) {
		t.Errorf("dashboardtest: the compliance page is headed %q, without %s and %s", v.Heading, a.Under.Name, a.Period)
	}
	if a.Norms.Source.Title == "" || !strings.Contains(v.Source, a.Norms.Source.Title) {
		t.Errorf("dashboardtest: the compliance page gives the source %q, the API %q", v.Source, a.Norms.Source.Title)
	}
	// The page asked the API a moment after the check did: on a server
	// with a live clock, the two instants differ by that moment.
	if at, err := time.Parse(time.RFC3339, v.AsOf); err != nil || at.Sub(a.AsOf).Abs() > time.Minute {
		t.Errorf("dashboardtest: the compliance page is as of %q, the API %s", v.AsOf, a.AsOf)
	}
	var rules, unconfirmed []string
	for _, r := range compliance.Rules() {
		rules = append(rules, string(r))
	}
	for _, n := range a.Norms.Norms {
		if n.Unconfirmed && !slices.Contains(unconfirmed, string(n.Rule)) {
			unconfirmed = append(unconfirmed, string(n.Rule))
		}
	}
	if !slices.Equal(v.Rules, rules) {
		t.Errorf("dashboardtest: the table's rules are %q, want %q", v.Rules, rules)
	}
	slices.Sort(unconfirmed)
	slices.Sort(v.Unconfirmed)
	if !slices.Equal(v.Unconfirmed, unconfirmed) {
		t.Errorf("dashboardtest: the table marks %q unconfirmed, the norms %q", v.Unconfirmed, unconfirmed)
	}
	if len(v.Rows) != len(a.Institutions) {
		t.Fatalf("dashboardtest: the table has %d institutions, the API %d", len(v.Rows), len(a.Institutions))
	}
	withIssues := 0
	for i, in := range a.Institutions {
		row := v.Rows[i]
		if row.CreditCode != in.CreditCode.String() || row.Name != in.Name {
			t.Errorf("dashboardtest: table row %d is %s %s, the API's %s %s", i, row.CreditCode, row.Name, in.CreditCode, in.Name)
			continue
		}
		if len(row.Cells) != len(v.Rules) {
			t.Errorf("dashboardtest: table row %s has %d cells for %d rules", in.Name, len(row.Cells), len(v.Rules))
		}
		for _, cell := range row.Cells {
			want, status, unconf := "—", "none", false
			if j := slices.IndexFunc(in.Measures, func(m compliance.Measure) bool { return string(m.Rule) == cell.Rule }); j >= 0 {
				m := in.Measures[j]
				want, status, unconf = strconv.Itoa(m.Value)+"/"+strconv.Itoa(m.Required), "met", m.Unconfirmed
				if !m.Met {
					status = "missed"
				}
			}
			if cell.Text != want || cell.Status != status || cell.Unconfirmed != unconf || !cell.Visible {
				t.Errorf("dashboardtest: %s %s shows %q (%s, unconfirmed %v, visible %v), the API %q (%s, %v)",
					in.Name, cell.Rule, cell.Text, cell.Status, cell.Unconfirmed, cell.Visible, want, status, unconf)
			}
		}
		if len(in.Issues) == 0 {
			continue
		}
		var msgs []string
		for _, is := range in.Issues {
			msgs = append(msgs, is.Message)
		}
		j := slices.IndexFunc(v.Issues, func(x struct {
			CreditCode string   `json:"creditCode"`
			Messages   []string `json:"messages"`
		}) bool {
			return x.CreditCode == in.CreditCode.String()
		})
		if j < 0 || !slices.Equal(v.Issues[j].Messages, msgs) {
			t.Errorf("dashboardtest: the issues of %s on the page differ from the API's %q", in.Name, msgs)
		}
		withIssues++
	}
	if len(v.Issues) != withIssues {
		t.Errorf("dashboardtest: the page lists the issues of %d institutions, the API has %d with issues", len(v.Issues), withIssues)
	}
}
