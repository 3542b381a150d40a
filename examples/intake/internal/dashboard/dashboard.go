// Package dashboard serves the intake platform's dashboard (数据看板): pages
// people read in a browser, built from the platform's JSON API alone.
//
// The dashboard has six pages. The start page, "/", shows one division over
// one period: its indicators with their targets met or missed (指标达标情况),
// a bar chart of one indicator across the child divisions, a line chart
// of the completeness of the monthly reports (月报完整率) over the year, the
// compliance of its grassroots institutions with the national service norm
// in the period's year (服务规范达标情况: institutions judged, compliant, not
// compliant, the largest shortfalls), and its rectification ledger (整改台账:
// items not yet closed and overdue, see ledger.go); links and GET forms move
// to a parent or child division, another period, another indicator or
// another language. "/report" is the monthly notification (月通报) of a
// division, ending with the rectification items it proposes; "/weekly" the
// weekly dispatch (周调度) of a division for an ISO week (period=2025W44;
// without it, the current week by the API's clock); "/compliance" the
// compliance of its institutions for a year, institution by rule, with
// their issues; "/rectifications" its rectification ledger: all laid out to
// be printed on A4. "/approvals" is the data approval (数据审核) of the
// month's reports of the townships within a division, where an approver
// submits, approves, accepts or returns a township's month with a form
// that carries the approver's own token (see approvals.go): the one page
// that writes, and the one path that takes POST. "/trend" is one
// indicator of a division over the months of a year or the quarters of
// several years, with the previous year's line, the target, and the
// changes from the period before and a year before (see trend.go);
// "/divisions" lists the divisions found by the division picker, by name,
// path or code, as links back to the page it was used on (see picker.go).
// "/map" colours the child divisions by an indicator against its target,
// drawn from the boundaries the platform holds, or as a tile grid when it
// holds none (see map.go).
//
// The pages are HTML rendered on the server, with charts drawn as inline SVG;
// they need no script (a few lines submit the pickers on change and offer a
// print button) and fetch nothing from elsewhere. Every figure comes from
// the API (see the intake's openapi.json), which the dashboard calls in process with a bearer
// token and the page's language as Accept-Language, so the numbers on the
// page are the numbers the API returns. Text is in Simplified Chinese unless
// the lang query parameter asks for Traditional Chinese or English.
//
// Query parameters, all optional: division (a division code in any form
// healthedu.ParseDivisionCode accepts), period (a year, half-year, quarter or
// month, such as 2025, 2025S1, 2025Q3 or 202510), indicator (the code of the
// indicator to chart) and lang (zh-Hans, zh-Hant or en). A parameter that
// cannot be read gives a page that says which and why, with status 400.
//
// Figures are shown as they are: each beside its coverage, the reporters it
// comes from of those expected ("131/136"), marked 部分/partial when that
// is not all of them; a figure without data says so (无数据, 無資料, no
// data) and never shows 0; a count has no denominator of 1; digits are
// grouped in thousands; a flagged value carries ⚠ and its message; a
// pro-rated target is marked 按进度/pro-rated. The notification of a month
// whose deadline has not passed says so, shows the reports received early
// and lists nobody as not reported; once due, it groups the non-reporters
// by county and shows each indicator's gap to its target and change from
// the previous month.
//
// The templates keep stable hooks for tests, which package dashboardtest
// reads: data-page, data-division, data-period and data-indicator on <main>;
// the tables #indicators (a row per indicator, data-indicator, cells num,
// den, value with .v, .reason and .flag, and coverage with .k and
// .partial-mark), #ranking, #early (before the deadline, with #not-due),
// #own-indicators and #below-target; the lists #flags, #not-reported and
// #flagged; the charts #bar-chart (a g.bar per division, data-division,
// text.value, text.coverage) and #line-chart (a g.point per month); the
// children links in nav.children; the language links a[hreflang]; the link
// to the notification in .report-link; the compliance panel
// section#compliance (dd.institutions, dd.compliant, dd.not-compliant, the
// list #worst-shortfalls, the link .compliance-link); on the compliance
// page, #compliance-summary, the table #compliance-table (a row per
// institution, data-credit-code, a td.measure per rule, data-rule, with
// .v) and the sections .institution-issues.
package dashboard

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Options configure the dashboard.
type Options struct {
	// Default is the division (默认区划) shown when the page names none,
	// such as the platform's province or the division of its token.
	Default healthedu.DivisionCode

	// DefaultPeriod is the period (默认报告期) shown when the page names
	// none, typically the last month whose reports are due. The line chart
	// of completeness leaves out the months that start after it, which have
	// no reports yet.
	DefaultPeriod healthedu.Period

	// Token is the bearer token the dashboard presents to the API for its
	// reads. Empty means no Authorization header, as when the API's reads
	// are open (intake -demo). A step of approval never uses it: it
	// carries the token its form was given.
	Token string

	// Indicator is the code of the indicator charted across the child
	// divisions when the page names none. Empty means the first indicator
	// of the table that has a value.
	Indicator string

	// Logger receives the API's failures (5xx answers and answers that
	// cannot be read) and rendering errors. Nil discards them.
	Logger *slog.Logger

	// Timeout bounds the API calls that make up one page. Zero means 20
	// seconds.
	Timeout time.Duration
}

// Handler returns the dashboard, serving its pages from the JSON API api,
// which it calls in process. Mount it at "/" next to the API (its links are
// relative, so http.StripPrefix under a directory works too); it answers
// GET and HEAD, POST on "/approvals" (a step of approval, see
// approvals.go), and every other path or method with a page that says so.
func Handler(api http.Handler, opts Options) http.Handler {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 20 * time.Second
	}
	return &dashboard{api: apiClient{api: api, token: opts.Token}, opts: opts}
}

// dashboard is the handler Handler returns.
type dashboard struct {
	api  apiClient
	opts Options
}

func (d *dashboard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lang, langErr := parseUILang(r.URL.Query().Get("lang"))
	post := r.Method == http.MethodPost && r.URL.Path == "/approvals"
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !post {
		if r.URL.Path == "/approvals" {
			w.Header().Set("Allow", "GET, HEAD, POST")
		} else {
			w.Header().Set("Allow", "GET, HEAD")
		}
		d.renderError(w, r, http.StatusMethodNotAllowed, lang, "", lang.T()["errorMethod"])
		return
	}
	if langErr != nil {
		d.renderParamError(w, r, langZhHans, &paramError{Param: "lang", Err: langErr})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), d.opts.Timeout)
	defer cancel()
	if post {
		d.postApproval(ctx, w, r, lang)
		return
	}
	switch r.URL.Path {
	case "/", "":
		d.serveIndex(ctx, w, r, lang)
	case "/report":
		d.serveReport(ctx, w, r, lang)
	case "/compliance":
		d.serveCompliance(ctx, w, r, lang)
	case "/rectifications":
		d.serveLedger(ctx, w, r, lang)
	case "/weekly":
		d.serveWeekly(ctx, w, r, lang)
	case "/approvals":
		d.serveApprovals(ctx, w, r, lang)
	case "/pivot":
		d.servePivot(ctx, w, r, lang)
	case "/pivot.csv", "/pivot.xlsx":
		d.servePivotExport(ctx, w, r, lang, r.URL.Path[len("/pivot."):])
	case "/trend":
		d.serveTrend(ctx, w, r, lang)
	case "/divisions":
		d.serveDivisionSearch(ctx, w, r, lang)
	case "/map":
		d.serveMap(ctx, w, r, lang)
	default:
		d.renderError(w, r, http.StatusNotFound, lang, "", lang.T()["errorNotFound"])
	}
}

// A pageState is what a page shows, as its query parameters say it.
type pageState struct {
	Division  healthedu.DivisionCode
	Period    healthedu.Period
	Indicator string
	Lang      uiLang
}

// query returns the parameters that reproduce s.
func (s pageState) query() url.Values {
	q := url.Values{}
	if s.Division.IsValid() {
		q.Set("division", s.Division.String())
	}
	if s.Period.IsValid() {
		q.Set("period", s.Period.String())
	}
	if s.Indicator != "" {
		q.Set("indicator", s.Indicator)
	}
	q.Set("lang", s.Lang.String())
	return q
}

// indexURL and reportURL link to the two pages showing s. They are relative,
// so that the dashboard works under any prefix.
func (s pageState) indexURL() string  { return "./?" + s.query().Encode() }
func (s pageState) reportURL() string { return "report?" + s.query().Encode() }

// A paramError is a query parameter that cannot be read.
type paramError struct {
	Param string
	Err   error  // from a healthedu parser, whose message is localized
	Key   string // or a message key of the dashboard, with Value as its argument
	Value string
}

func (e *paramError) Error() string {
	return "dashboard: parameter " + e.Param + ": " + e.message(langEn)
}

func (e *paramError) message(l uiLang) string {
	if e.Key != "" {
		return l.sprintf(e.Key, e.Value)
	}
	return healthedu.IssueFromError(e.Err, "").Message(l.Tag())
}

// readState reads the page's division, period and indicator from the query,
// falling back to the options.
func (d *dashboard) readState(q url.Values, lang uiLang) (pageState, *paramError) {
	s := pageState{Division: d.opts.Default, Period: d.opts.DefaultPeriod, Indicator: d.opts.Indicator, Lang: lang}
	if v := q.Get("division"); v != "" {
		c, err := healthedu.ParseDivisionCode(v)
		if err != nil {
			return s, &paramError{Param: "division", Err: err}
		}
		s.Division = c
	}
	if !s.Division.IsValid() {
		return s, &paramError{Param: "division", Key: "errorNoDivision"}
	}
	if v := q.Get("period"); v != "" {
		p, err := healthedu.ParsePeriod(v)
		if err != nil {
			return s, &paramError{Param: "period", Err: err}
		}
		s.Period = p
	}
	if !s.Period.IsValid() {
		return s, &paramError{Param: "period", Key: "errorNoPeriod"}
	}
	if t := s.Period.Type(); t != healthedu.PeriodYear && t != healthedu.PeriodHalfYear &&
		t != healthedu.PeriodQuarter && t != healthedu.PeriodMonth {
		return s, &paramError{Param: "period", Key: "errorPeriodType", Value: q.Get("period")}
	}
	if v := q.Get("indicator"); v != "" {
		if !validIndicatorCode(v) {
			return s, &paramError{Param: "indicator", Key: "errorIndicator", Value: v}
		}
		s.Indicator = v
	}
	return s, nil
}

// validIndicatorCode reports whether s has the form of an indicator code:
// 1 to 64 lower-case ASCII letters, digits and hyphens, starting with a
// letter or digit.
func validIndicatorCode(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// The page templates, their stylesheet and their script, embedded.
var (
	//go:embed templates/*.html
	templateFiles embed.FS

	//go:embed assets/dashboard.css
	pageStyle string

	//go:embed assets/dashboard.js
	pageScript string
)

// pageTemplates are the pages, each with the shared layout.
var pageTemplates = map[string]*template.Template{
	"index":      mustParsePage("index"),
	"report":     mustParsePage("report"),
	"weekly":     mustParsePage("weekly"),
	"compliance": mustParsePage("compliance"),
	"ledger":     mustParsePage("ledger"),
	"approvals":  mustParsePage("approvals"),
	"trend":      mustParsePage("trend"),
	"divisions":  mustParsePage("divisions"),
	"error":      mustParsePage("error"),
}

// mustParsePage parses one page with the layout and the parts that pages
// share (templates/parts_*.html). The templates are part of
// the program, so a failure is a bug found by the first test.
func mustParsePage(name string) *template.Template {
	return template.Must(template.New(name).Option("missingkey=error").
		ParseFS(templateFiles, "templates/layout.html", "templates/parts_*.html", "templates/"+name+".html"))
}

// contentSecurityPolicy allows the page's own style and script, by hash,
// and nothing else: no request leaves for another origin.
var contentSecurityPolicy = "default-src 'none'; " +
	"style-src '" + cspHash(pageStyle) + "'; " +
	"script-src '" + cspHash(pageScript) + "'; " +
	"img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(h[:])
}

// A frame is what the layout needs from every page.
type frame struct {
	Lang    string            // the page's language tag
	T       map[string]string // its UI strings
	Title   string            // the <title>
	Page    string            // index, report, compliance or error
	Langs   []langLink        // the language switch
	HomeURL string            // the start page
	Style   template.CSS
	Script  template.JS
	State   pageState
}

// A langLink is one entry of the language switch.
type langLink struct {
	Tag, Name, URL string
	Current        bool
}

// newFrame returns the frame of page (index, report or error) in language
// lang, for request r, with a title.
func newFrame(page string, r *http.Request, lang uiLang, title string) frame {
	f := frame{
		Lang:    lang.String(),
		T:       lang.T(),
		Title:   title,
		Page:    page,
		HomeURL: "./?lang=" + url.QueryEscape(lang.String()),
		Style:   template.CSS(pageStyle),
		Script:  template.JS(pageScript),
	}
	for l := range uiLangCount {
		q := r.URL.Query()
		q.Set("lang", l.String())
		f.Langs = append(f.Langs, langLink{Tag: l.String(), Name: uiLangNames[l], URL: "?" + q.Encode(), Current: l == lang})
	}
	return f
}

// render writes page with template name and status. It renders into a
// buffer first, so that a failure gives a clean 500 and not half a page.
func (d *dashboard) render(w http.ResponseWriter, r *http.Request, status int, name string, page any) {
	var b bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&b, "layout", page); err != nil {
		d.opts.Logger.ErrorContext(r.Context(), "dashboard: rendering failed", "page", name, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(b.Len()))
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// errorPage is the page that says what went wrong.
type errorPage struct {
	frame
	Status      int
	Heading     string
	Message     string
	MessageLang string // the language of Message when it is not the page's, else ""
}

// renderError writes a friendly page with status, a heading (the generic
// one when empty) and a message.
func (d *dashboard) renderError(w http.ResponseWriter, r *http.Request, status int, lang uiLang, heading, message string) {
	d.renderErrorIn(w, r, status, lang, heading, message, "")
}

// renderErrorIn is renderError with a message in the language messageLang
// ("" for the page's).
func (d *dashboard) renderErrorIn(w http.ResponseWriter, r *http.Request, status int, lang uiLang, heading, message, messageLang string) {
	if heading == "" {
		heading = lang.T()["errorTitle"]
	}
	p := errorPage{frame: newFrame("error", r, lang, heading+" · "+lang.T()["appName"]), Status: status, Heading: heading, Message: message, MessageLang: messageLang}
	d.render(w, r, status, "error", p)
}

// renderParamError writes the page for a query parameter that cannot be
// read, with status 400.
func (d *dashboard) renderParamError(w http.ResponseWriter, r *http.Request, lang uiLang, pe *paramError) {
	d.renderError(w, r, http.StatusBadRequest, lang, lang.sprintf("errorParam", pe.Param), pe.message(lang))
}

// renderAPIError writes the page for a failed API call: the API's own
// problem for a client error such as an unknown division or a division
// outside the token's scope, and a 502 for anything else, which is logged.
// The problem's title heads the page when the API answered in the page's
// language (its Content-Language, or unsaid); otherwise the page has its
// own heading, and the problem's detail keeps its language's tag.
func (d *dashboard) renderAPIError(w http.ResponseWriter, r *http.Request, lang uiLang, err error) {
	ae, ok := err.(*apiError)
	if ok && ae.Status >= 400 && ae.Status < 500 && ae.Problem != nil {
		if ae.Lang == "" || ae.Lang == lang.String() {
			d.renderError(w, r, ae.Status, lang, ae.Problem.Title, ae.Problem.Detail)
		} else {
			d.renderErrorIn(w, r, ae.Status, lang, "", ae.Problem.Detail, ae.Lang)
		}
		return
	}
	d.opts.Logger.ErrorContext(r.Context(), "dashboard: API call failed", "err", err)
	d.renderError(w, r, http.StatusBadGateway, lang, "", lang.T()["errorUpstream"])
}
