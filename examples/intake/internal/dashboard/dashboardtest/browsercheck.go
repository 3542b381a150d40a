// Package dashboardtest checks the intake platform's dashboard in a real
// browser (浏览器测试): it drives Chromium through the Chrome DevTools Protocol
// with github.com/chromedp/chromedp, over a dashboard served at a base URL
// next to the JSON API it is built from, and compares what the pages show
// with what the API returns.
//
// It is a package of its own, like net/http/httptest, so that the server
// that embeds the dashboard links neither chromedp nor testing. The
// dashboard's own tests use it over a fake API; examples/intake uses it over
// the real server.
package dashboardtest

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// Environment variables read by Chromium.
const (
	// EnvChromium names the Chromium executable; the default is
	// /usr/bin/chromium, where Debian's package chromium installs it.
	EnvChromium = "JICENG_TEST_CHROMIUM"
	// EnvRequire set to 1 makes a missing Chromium fail the test rather
	// than skip it, as CI does.
	EnvRequire = "JICENG_REQUIRE_INTEGRATION"
)

// ScreenshotPath returns where a test saves the screenshot named name:
// under testdata, for a reviewer to look at and commit, when the
// environment sets JICENG_SCREENSHOTS=1, and otherwise in the test's
// temporary directory, so that a test run leaves the tree as it found it
// (the demo's pictures change with the date).
func ScreenshotPath(t testing.TB, name string) string {
	if os.Getenv("JICENG_SCREENSHOTS") == "1" {
		return filepath.Join("testdata", name)
	}
	return filepath.Join(t.TempDir(), name)
}

// Chromium returns the path of the Chromium to drive: $JICENG_TEST_CHROMIUM
// or /usr/bin/chromium. When there is none it skips the test, or fails it
// when $JICENG_REQUIRE_INTEGRATION is 1.
func Chromium(t testing.TB) string {
	t.Helper()
	path := cmp.Or(os.Getenv(EnvChromium), "/usr/bin/chromium")
	if _, err := exec.LookPath(path); err != nil {
		msg := fmt.Sprintf("dashboardtest: no Chromium at %s (%v); install Debian's package chromium or set %s", path, err, EnvChromium)
		if os.Getenv(EnvRequire) == "1" {
			t.Fatal(msg + "; " + EnvRequire + "=1 requires the browser test")
		}
		t.Skip(msg)
	}
	return path
}

// NewBrowser starts a headless Chromium (see Chromium) with a fresh profile
// in a temporary directory and no network activity of its own, and returns
// a context for chromedp bound to one tab. The browser ends with the test,
// or when timeout has passed.
func NewBrowser(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	path := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancel()
	})
	return ctx
}

// Options configure BrowserCheck.
type Options struct {
	// Token is the bearer token for the API reads by which the check learns
	// the expected figures; empty when the API's reads are open (-demo).
	Token string

	// Query is the query of the first page, such as
	// "division=3715&period=2025Q3"; empty for the dashboard's defaults.
	Query string

	// Screenshot is the file to which a full-page PNG of the start page is
	// written at the end (in English, after the switches); empty for none.
	Screenshot string

	// ReportScreenshot is the file for a full-page PNG of the monthly
	// notification in Simplified Chinese as it prints (print media, the
	// width of A4 less its margins); empty for none.
	ReportScreenshot string

	// Timeout bounds the whole check, browser start included; zero means
	// 60 seconds.
	Timeout time.Duration
}

// BrowserCheck loads the dashboard at baseURL (which serves the API under
// /v1/ too) in Chromium and checks, as a reader would see it, that:
//
//   - the start page is in Simplified Chinese, with a division, a table of
//     indicators and charts;
//   - choosing another indicator in the chart's picker (the inline script
//     submits it) charts that indicator;
//   - a click on the first child division shows that division;
//   - a click on the English link switches the page to English;
//   - then the table shows, row by row, the indicator names, numerators,
//     denominators and values that GET /v1/indicators returns for that
//     division and period in English, and the bar chart has one visible
//     bar per child division with the value the API returns for it;
//   - the monthly notification linked from the page shows the ranking that
//     GET /v1/reports/monthly returns, in English and, after a click on
//     简体中文, in Simplified Chinese;
//   - no page threw a script error or broke its Content-Security-Policy.
//
// It saves the screenshots that opts names. It skips the test when there is
// no Chromium (see Chromium).
func BrowserCheck(t testing.TB, baseURL string, opts Options) {
	t.Helper()
	ctx := NewBrowser(t, cmp.Or(opts.Timeout, 60*time.Second))
	base := strings.TrimSuffix(baseURL, "/")
	c := &checker{t: t, ctx: ctx, base: base, token: opts.Token}
	c.watchConsole()

	start := base + "/"
	if opts.Query != "" {
		start += "?" + opts.Query
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(start))
	if err != nil {
		t.Fatalf("dashboardtest: loading %s: %v", start, err)
	}
	if resp.Status != http.StatusOK {
		t.Fatalf("dashboardtest: %s answered %d", start, resp.Status)
	}
	p := c.read()
	if p.Lang != "zh-Hans" {
		t.Errorf("dashboardtest: the start page is in %q, want zh-Hans", p.Lang)
	}
	if p.Page != "index" || p.Division == "" || len(p.Rows) == 0 {
		t.Fatalf("dashboardtest: the start page shows no division or no indicators: %+v", p)
	}
	t.Logf("dashboardtest: start page %s %s, %d indicators, %d children, charting %s", p.Division, p.Period, len(p.Rows), len(p.Children), p.Indicator)

	// Another indicator, through the picker's script.
	if next := p.otherIndicator(); next != "" {
		c.navigate("choose indicator "+next, chromedp.Evaluate[chromedp.Void](
			`(() => { const s = document.querySelector('select[name=indicator]');
			  s.value = `+strconv.Quote(next)+`; s.dispatchEvent(new Event('change')); })()`))
		p = c.read()
		if p.Indicator != next {
			t.Errorf("dashboardtest: after choosing %s the page charts %q (did the picker's script run?)", next, p.Indicator)
		}
	}

	// A child division.
	if len(p.Children) == 0 {
		t.Fatalf("dashboardtest: division %s has no child division to click", p.Division)
	}
	child := p.Children[0]
	c.navigate("click child division "+child, chromedp.Click(chromedp.CSS(`nav.children a[data-division="`+child+`"]`)))
	p = c.read()
	if p.Division != child {
		t.Fatalf("dashboardtest: after clicking %s the page shows division %q", child, p.Division)
	}
	title := p.Title

	// English.
	c.navigate("click English", chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)))
	p = c.read()
	if p.Lang != "en" {
		t.Errorf("dashboardtest: after clicking English the page is in %q", p.Lang)
	}
	if p.Division != child {
		t.Errorf("dashboardtest: switching language changed the division to %q", p.Division)
	}
	if p.Title == title {
		t.Errorf("dashboardtest: switching language left the title %q", p.Title)
	}
	c.compareIndex(p, "en")

	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}

	// The monthly notification.
	c.navigate("open the monthly notification", chromedp.Click(chromedp.CSS(`.report-link a`)))
	c.compareReport(c.readReport(), "en")
	// And back to Simplified Chinese, the language it is printed in.
	c.navigate("click 简体中文", chromedp.Click(chromedp.CSS(`a[hreflang="zh-Hans"]`)))
	c.compareReport(c.readReport(), "zh-Hans")
	if opts.ReportScreenshot != "" {
		c.printScreenshot(opts.ReportScreenshot)
	}
	c.checkConsole()
}

// CheckIndex loads the start page at baseURL with query (such as
// "division=37&lang=en") in Chromium and checks that its table and bar
// chart show what the API returns for that division and period in the
// page's language — values, no data in words and never 0, coverage beside
// each figure with a mark when partial — and that no script failed. It
// saves opts.Screenshot; opts.Query and opts.ReportScreenshot are not
// used.
func CheckIndex(t testing.TB, baseURL, query string, opts Options) {
	t.Helper()
	c := newChecker(t, baseURL, opts)
	c.load(c.base + "/?" + query)
	p := c.read()
	if p.Page != "index" || len(p.Rows) == 0 {
		t.Fatalf("dashboardtest: %s shows no indicators: %+v", query, p)
	}
	c.compareIndex(p, p.Lang)
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}
	c.checkConsole()
}

// CheckReport loads the monthly notification at baseURL with query (such
// as "division=3715&period=202511") in Chromium and checks it against the
// API: the ranking once the month is due; before, the sentence that says
// it is not, the reports received early, and nobody listed as not
// reported. It saves opts.ReportScreenshot as the page prints.
func CheckReport(t testing.TB, baseURL, query string, opts Options) {
	t.Helper()
	c := newChecker(t, baseURL, opts)
	c.load(c.base + "/report?" + query)
	r := c.readReport()
	c.compareReport(r, r.Lang)
	if opts.ReportScreenshot != "" {
		c.printScreenshot(opts.ReportScreenshot)
	}
	c.checkConsole()
}

// newChecker starts a browser for a check.
func newChecker(t testing.TB, baseURL string, opts Options) *checker {
	t.Helper()
	ctx := NewBrowser(t, cmp.Or(opts.Timeout, 60*time.Second))
	c := &checker{t: t, ctx: ctx, base: strings.TrimSuffix(baseURL, "/"), token: opts.Token}
	c.watchConsole()
	return c
}

// load loads url, which must answer 200.
func (c *checker) load(url string) {
	c.t.Helper()
	resp, err := chromedp.Run(c.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		c.t.Fatalf("dashboardtest: loading %s: %v", url, err)
	}
	if resp.Status != http.StatusOK {
		c.t.Fatalf("dashboardtest: %s answered %d", url, resp.Status)
	}
}

// printScreenshot saves a full-page PNG of the current page as it prints:
// print media, the width of A4 less its margins.
func (c *checker) printScreenshot(path string) {
	c.t.Helper()
	if _, err := chromedp.Call(c.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		c.t.Errorf("dashboardtest: emulating print: %v", err)
	}
	// A4 is 210 mm wide: 794 CSS pixels, less the page margins.
	if _, err := chromedp.Call(c.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 794 - 91, Height: 1123, DeviceScaleFactor: 1}); err != nil {
		c.t.Errorf("dashboardtest: sizing the page: %v", err)
	}
	c.screenshot(path)
}

// checker holds the state of one BrowserCheck.
type checker struct {
	t     testing.TB
	ctx   context.Context
	base  string
	token string

	mu       sync.Mutex
	problems []string // script errors and policy violations
}

// watchConsole collects the pages' errors until the browser ends.
func (c *checker) watchConsole() {
	msgs := chromedp.Console(c.ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				c.mu.Lock()
				c.problems = append(c.problems, m.String())
				c.mu.Unlock()
			}
		}
	}()
}

func (c *checker) checkConsole() {
	c.t.Helper()
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.problems {
		c.t.Errorf("dashboardtest: the page logged an error: %s", p)
	}
}

// navigate runs an action that loads a new page and waits for it.
func (c *checker) navigate(what string, action chromedp.Action[chromedp.Void]) {
	c.t.Helper()
	resp, err := chromedp.RunResponse(c.ctx, action)
	if err != nil {
		c.t.Fatalf("dashboardtest: %s: %v", what, err)
	}
	if resp.Status != http.StatusOK {
		c.t.Fatalf("dashboardtest: %s: %s answered %d", what, resp.URL, resp.Status)
	}
}

// screenshot saves a full-page PNG of the current page.
func (c *checker) screenshot(path string) {
	c.t.Helper()
	png, err := chromedp.Run(c.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		c.t.Errorf("dashboardtest: screenshot: %v", err)
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		c.t.Errorf("dashboardtest: %v", err)
		return
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		c.t.Errorf("dashboardtest: %v", err)
		return
	}
	c.t.Logf("dashboardtest: wrote %s (%d bytes)", path, len(png))
}

// indexView is what the start page shows, read from its DOM.
type indexView struct {
	Page      string    `json:"page"`
	Lang      string    `json:"lang"`
	Title     string    `json:"title"`
	Division  string    `json:"division"`
	Period    string    `json:"period"`
	Indicator string    `json:"indicator"`
	Children  []string  `json:"children"`
	Rows      []rowView `json:"rows"`
	Bars      []barView `json:"bars"`
}

type rowView struct {
	Indicator   string `json:"indicator"`
	Name        string `json:"name"`
	Numerator   string `json:"numerator"`
	Denominator string `json:"denominator"`
	Value       string `json:"value"`
	Reason      string `json:"reason"`   // shown under a missing value
	Coverage    string `json:"coverage"` // "131/136"
	Partial     string `json:"partial"`  // the visible mark of a partial coverage, "" when none
	Flags       int    `json:"flags"`    // warning marks beside the value
}

type barView struct {
	Division string  `json:"division"`
	Name     string  `json:"name"`
	Value    string  `json:"value"`
	Coverage string  `json:"coverage"` // shown beside a partial figure
	Title    string  `json:"title"`
	Width    float64 `json:"width"`  // of the rect, in the SVG's units
	Shown    float64 `json:"shown"`  // of the bar's group on screen, in CSS pixels
	Height   float64 `json:"height"` // of the bar's group on screen
}

const readIndex = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  return {
    page: main.dataset.page || '',
    lang: document.documentElement.lang,
    title: document.title,
    division: main.dataset.division || '',
    period: main.dataset.period || '',
    indicator: main.dataset.indicator || '',
    children: [...document.querySelectorAll('nav.children a[data-division]')].map(a => a.dataset.division),
    rows: [...document.querySelectorAll('#indicators tbody tr')].map(tr => ({
      indicator: tr.dataset.indicator, name: text(tr, 'th'),
      numerator: text(tr, 'td.num'), denominator: text(tr, 'td.den'), value: text(tr, 'td.value .v'),
      reason: text(tr, 'td.value .reason'), coverage: text(tr, 'td.coverage .k'),
      partial: (() => { const m = tr.querySelector('td.coverage .partial-mark');
        return m && m.getBoundingClientRect().width > 0 ? m.textContent.trim() : ''; })(),
      flags: [...tr.querySelectorAll('td.value .flag')].filter(f => f.getBoundingClientRect().width > 0).length,
    })),
    bars: [...document.querySelectorAll('#bar-chart g.bar')].map(g => {
      const r = g.getBoundingClientRect();
      return {
        division: g.dataset.division, name: text(g, 'text.name'), value: text(g, 'text.value'), coverage: text(g, 'text.coverage'),
        title: text(g, 'title'), width: +g.querySelector('rect').getAttribute('width'),
        shown: r.width, height: r.height,
      };
    }),
  };
})()`

func (c *checker) read() indexView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[indexView](readIndex))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the page: %v", err)
	}
	return v
}

// otherIndicator returns an indicator with a value other than the one
// charted, or "".
func (v indexView) otherIndicator() string {
	for _, r := range v.Rows {
		if r.Indicator != v.Indicator && r.Value != "—" && r.Value != "" {
			return r.Indicator
		}
	}
	return ""
}

// api fetches path from the API over HTTP, as a client of the platform
// would, and decodes the JSON into v, of the API's types (package wire, or
// reports for the compliance answer).
func (c *checker) api(path string, q url.Values, lang string, v any) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(c.ctx, http.MethodGet, c.base+path+"?"+q.Encode(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Language", lang)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("dashboardtest: GET %s: %v", req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		c.t.Fatalf("dashboardtest: GET %s: %d %v\n%s", req.URL, resp.StatusCode, err, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		c.t.Fatalf("dashboardtest: GET %s: %v", req.URL, err)
	}
}

// compareIndex checks the start page p against the API in language lang:
// its table and its bar chart.
func (c *checker) compareIndex(p indexView, lang string) {
	c.t.Helper()
	c.compareTable(p, lang)
	c.compareBars(p, lang)
}

// compareTable checks the indicator table of the start page p against the
// API's indicators of its division and period.
func (c *checker) compareTable(p indexView, lang string) {
	c.t.Helper()
	var own wire.Indicators
	c.api("/v1/indicators", url.Values{"under": {p.Division}, "period": {p.Period}}, lang, &own)
	if len(own.Rows) != len(p.Rows) {
		c.t.Errorf("dashboardtest: the table has %d rows, the API %d", len(p.Rows), len(own.Rows))
	}
	for i, a := range own.Rows {
		if i >= len(p.Rows) {
			break
		}
		got := p.Rows[i]
		want := rowView{
			Indicator:   a.Indicator,
			Name:        a.IndicatorName,
			Numerator:   countText(a.Numerator),
			Denominator: countText(a.Denominator),
			Value:       "—",
			Reason:      got.Reason,
			Flags:       len(a.Flags),
		}
		if a.Value != nil {
			want.Value = *a.Value
			// A count is its numerator: no denominator of 1 is shown.
			if a.Numerator != nil && a.Denominator != nil && *a.Denominator == 1 && *a.Value == strconv.FormatInt(*a.Numerator, 10) {
				want.Denominator = ""
			}
		} else if got.Reason == "" || isNumber(got.Reason) {
			// No data is said, never shown as a number.
			c.t.Errorf("dashboardtest: table row %d (%s) has no value, and shows the reason %q", i, a.Indicator, got.Reason)
		}
		want.Coverage = fmt.Sprintf("%d/%d", a.Coverage.Reporting, a.Coverage.Expected)
		if a.Value != nil && a.Coverage.Reporting == 0 && a.Coverage.Expected > 0 {
			// Recorded at the divisions' own level: said in words, unmarked.
			want.Coverage = ownLevel[lang]
		} else if a.Coverage.Partial() && a.Value != nil {
			want.Partial = got.Partial
			if got.Partial == "" {
				c.t.Errorf("dashboardtest: table row %d (%s) covers %s expected reporters, without a visible mark", i, a.Indicator, want.Coverage)
			}
		}
		got.Numerator = strings.ReplaceAll(got.Numerator, ",", "")
		got.Denominator = strings.ReplaceAll(got.Denominator, ",", "")
		got.Value = strings.ReplaceAll(got.Value, ",", "")
		got.Coverage = strings.ReplaceAll(got.Coverage, ",", "")
		if got != want {
			c.t.Errorf("dashboardtest: table row %d shows %+v, the API says %+v", i, got, want)
		}
	}
}

// compareBars checks the bar chart of the start page p against the API's
// values of its indicator for the children of its division.
func (c *checker) compareBars(p indexView, lang string) {
	c.t.Helper()
	var divs wire.Divisions
	c.api("/v1/divisions", url.Values{"under": {p.Division}}, lang, &divs)
	if len(divs.Children) == 0 {
		if len(p.Bars) != 0 {
			c.t.Errorf("dashboardtest: %d bars for a division without children", len(p.Bars))
		}
		return
	}
	var kids wire.Indicators
	c.api("/v1/indicators", url.Values{
		"under": {p.Division}, "level": {divs.Children[0].Level.String()},
		"period": {p.Period}, "indicators": {p.Indicator},
	}, lang, &kids)
	if len(kids.Rows) != len(p.Bars) {
		c.t.Errorf("dashboardtest: the chart of %s has %d bars, the API has %d divisions", p.Indicator, len(p.Bars), len(kids.Rows))
	}
	for i, a := range kids.Rows {
		if i >= len(p.Bars) {
			break
		}
		b := p.Bars[i]
		shown := strings.ReplaceAll(b.Value, ",", "")
		valueOK := a.Value != nil && shown == *a.Value || a.Value == nil && shown != "" && !isNumber(shown)
		if b.Division != a.Division.String() || !valueOK || b.Name != cmp.Or(a.DivisionName, a.Division.String()) {
			c.t.Errorf("dashboardtest: bar %d shows %s %s = %s, the API says %s %s = %s",
				i, b.Division, b.Name, b.Value, a.Division, a.DivisionName, valueText(a.Value))
		}
		if !strings.Contains(b.Title, b.Name) || !strings.Contains(b.Title, b.Value) {
			c.t.Errorf("dashboardtest: bar %d has the title %q", i, b.Title)
		}
		if b.Shown <= 0 || b.Height <= 0 {
			c.t.Errorf("dashboardtest: bar %d (%s) is not visible", i, b.Name)
		}
		if a.Value != nil {
			if v, err := strconv.ParseFloat(*a.Value, 64); err == nil && v > 0 && b.Width <= 0 {
				c.t.Errorf("dashboardtest: bar %d (%s = %s) has no length", i, b.Name, *a.Value)
			}
		}
		if a.Coverage.Partial() {
			if want := fmt.Sprintf("%d/%d", a.Coverage.Reporting, a.Coverage.Expected); !strings.Contains(strings.ReplaceAll(b.Coverage, ",", ""), want) {
				c.t.Errorf("dashboardtest: bar %d (%s) covers %s expected reporters but shows %q beside it", i, b.Name, want, b.Coverage)
			}
		}
	}
}

// ownLevel is, in each language of the pages, the coverage of a value
// that no expected reporter contributed to, recorded at the divisions'
// own level (a city's instructors): words, not "0/1,853" beside it.
var ownLevel = map[string]string{"zh-Hans": "本级数据", "zh-Hant": "本級資料", "en": "own level"}

// countText is a numerator or a denominator as the table shows it: a
// dash when the API sends null.
func countText(n *int64) string {
	if n == nil {
		return "—"
	}
	return strconv.FormatInt(*n, 10)
}

// valueText is a value as the API sends it, for messages.
func valueText(v *string) string {
	if v == nil {
		return "null"
	}
	return *v
}

// isNumber reports whether s reads as a number, such as a 0 shown for
// missing data.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return err == nil
}

// reportView is what the monthly notification shows.
type reportView struct {
	Page     string `json:"page"`
	Lang     string `json:"lang"`
	Division string `json:"division"`
	Period   string `json:"period"`
	Rows     []struct {
		Division     string `json:"division"`
		Rank         string `json:"rank"`
		Name         string `json:"name"`
		Completeness string `json:"completeness"`
		Timeliness   string `json:"timeliness"`
	} `json:"rows"`
	// Before the deadline: the sentence that says so, and the reports
	// received early by division.
	NotDue string `json:"notDue"`
	Early  []struct {
		Division string `json:"division"`
		Early    string `json:"early"`
	} `json:"early"`
	NotReported []string `json:"notReported"` // the divisions listed as not reported
}

const readReport = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  return {
    page: main.dataset.page || '', lang: document.documentElement.lang,
    division: main.dataset.division || '', period: main.dataset.period || '',
    rows: [...document.querySelectorAll('#ranking tbody tr')].map(tr => ({
      division: tr.dataset.division, rank: text(tr, 'td.rank'), name: text(tr, 'th'),
      completeness: text(tr, 'td.completeness'), timeliness: text(tr, 'td.timeliness'),
    })),
    notDue: text(document, '#not-due'),
    early: [...document.querySelectorAll('#early tbody tr')].map(tr => ({ division: tr.dataset.division, early: text(tr, 'td.early') })),
    notReported: [...document.querySelectorAll('#not-reported li[data-division]')].map(li => li.dataset.division),
  };
})()`

func (c *checker) readReport() reportView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[reportView](readReport))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the report: %v", err)
	}
	return v
}

// compareReport checks the monthly notification r against the API.
func (c *checker) compareReport(r reportView, lang string) {
	c.t.Helper()
	if r.Page != "report" || r.Lang != lang {
		c.t.Fatalf("dashboardtest: the report link led to page %q in %q", r.Page, r.Lang)
	}
	var m wire.Monthly
	c.api("/v1/reports/monthly", url.Values{"under": {r.Division}, "period": {r.Period}}, lang, &m)
	if !m.Due {
		// Before the deadline: it says so, lists nobody as not reported,
		// and shows the reports received early.
		if r.NotDue == "" || len(r.Rows) != 0 || len(r.NotReported) != 0 {
			c.t.Errorf("dashboardtest: the report of a month not yet due says %q, ranks %d divisions and lists %d as not reported",
				r.NotDue, len(r.Rows), len(r.NotReported))
		}
		if len(r.Early) != len(m.Divisions) {
			c.t.Errorf("dashboardtest: the report shows early reports of %d divisions, the API %d", len(r.Early), len(m.Divisions))
		}
		for i, a := range m.Divisions {
			if i < len(r.Early) && a.ReceivedEarly != nil && (r.Early[i].Division != a.Division.String() || strings.ReplaceAll(r.Early[i].Early, ",", "") != strconv.FormatInt(*a.ReceivedEarly, 10)) {
				c.t.Errorf("dashboardtest: early report row %d shows %s %s, the API says %s %d", i, r.Early[i].Division, r.Early[i].Early, a.Division, *a.ReceivedEarly)
			}
		}
		return
	}
	if r.NotDue != "" {
		c.t.Errorf("dashboardtest: the report of a month due says %q", r.NotDue)
	}
	if len(r.NotReported) != len(m.NotReported) {
		c.t.Errorf("dashboardtest: the report lists %d divisions as not reported, the API %d", len(r.NotReported), len(m.NotReported))
	}
	if len(m.Divisions) != len(r.Rows) {
		c.t.Errorf("dashboardtest: the report ranks %d divisions, the API %d", len(r.Rows), len(m.Divisions))
	}
	for i, a := range m.Divisions {
		if i >= len(r.Rows) {
			break
		}
		g := r.Rows[i]
		want := fmt.Sprint(a.Division, " ", a.Rank, " ", a.Name, " ", cmp.Or(a.Completeness, "—"), " ", cmp.Or(a.Timeliness, "—"))
		got := fmt.Sprint(g.Division, " ", g.Rank, " ", g.Name, " ", g.Completeness, " ", g.Timeliness)
		if got != want {
			c.t.Errorf("dashboardtest: report row %d shows %s, the API says %s", i, got, want)
		}
	}
}
