package dashboardtest

import (
	"cmp"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// PickerOptions configure CheckPickers.
type PickerOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Lang is the language of the pages, "zh-Hans" when empty.
	Lang string
	// Phone checks at the 375 CSS pixels of a phone, else at desktop width.
	Phone bool
	// Page is the page whose pickers are driven: "index" (the start
	// page), "pivot", "trend" or "map".
	Page string
	// Query is the rest of the page's first query, such as
	// "indicator=child-health-management-rate"; empty for its defaults.
	Query string
	// Search is what is typed into the division picker, such as "东昌府";
	// Division the short code of the division to pick among the results.
	Search, Division string
	// Period is what is chosen in the period picker afterwards: a period
	// of any kind, such as "2025Q4", "2025S2" or "2025", on the start
	// page, the pivot and the map; a year, such as "2025", on the trend.
	Period string
	// Synthetic expects the map to say its boundaries are made up.
	Synthetic bool
	// Screenshot is a file for a full-page PNG of the page at the end;
	// empty for none.
	Screenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// pickedView is where a page stands after a choice: its URL and what its
// main element says it shows.
type pickedView struct {
	Page      string `json:"page"`
	URL       string `json:"url"`
	Division  string `json:"division"`
	Period    string `json:"period"`
	Year      string `json:"year"`
	Indicator string `json:"indicator"`
	Rows      string `json:"rows"`
	Cols      string `json:"cols"`
	// Search and PeriodPicker are the sizes of the division picker's box
	// and of the period picker on screen: zero when they are missing or
	// hidden.
	Search       float64 `json:"search"`
	PeriodPicker float64 `json:"periodPicker"`
}

const readPicked = `(() => {
  const main = document.querySelector('main');
  const size = sel => { const e = document.querySelector(sel); if (!e) return 0; const r = e.getBoundingClientRect(); return r.width * r.height; };
  return { page: main.dataset.page || '', url: location.href, division: main.dataset.division || '',
    period: main.dataset.period || '', year: main.dataset.year || '', indicator: main.dataset.indicator || '',
    rows: main.dataset.rows || '', cols: main.dataset.cols || '',
    search: size('form.search input[name=q]'),
    periodPicker: size('form.picker:not(.search) select[name=period], #trend-picker select[name=year]') };
})()`

func (c *checker) readPicked() pickedView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[pickedView](readPicked))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the page: %v", err)
	}
	return v
}

// pickerPaths are the paths of the pages CheckPickers drives.
var pickerPaths = map[string]string{"index": "/", "pivot": "/pivot", "trend": "/trend", "map": "/map"}

// CheckPickers drives the pickers (选择器) of one page of the dashboard at
// baseURL in Chromium, at desktop or phone width, as a reader would:
//
//   - the page opens with a visible division picker (a box to type a name
//     or a code in) and a visible period picker (a year, on the trend);
//   - it types opts.Search into the division picker; the page of results
//     lists the divisions GET /v1/divisions/search finds, in its order,
//     each with its path (山东省 › 聊城市 › 东昌府区);
//   - a click on opts.Division leads back to the same page, whose URL
//     carries the division and keeps the page's other choices (the
//     indicator, the pivot's axes), and which shows the API's figures of
//     that division: the start page's table and bars, the pivot's cells,
//     the map's areas, the trend's values;
//   - it chooses opts.Period in the period picker and submits it with the
//     picker's button, as without script; the URL then carries the period
//     (or the year), the division stays, and the page shows the API's
//     figures of that period;
//   - the pages are no wider than the screen, and no script failed.
//
// It saves opts.Screenshot.
func CheckPickers(t testing.TB, baseURL string, opts PickerOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	path, ok := pickerPaths[opts.Page]
	if !ok {
		t.Fatalf("dashboardtest: no pickers to check on page %q", opts.Page)
	}
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	if opts.Phone {
		c.phone()
	}
	first := url.Values{"lang": {lang}}.Encode()
	if opts.Query != "" {
		first += "&" + opts.Query
	}
	c.load(c.base + path + "?" + first)
	before := c.readPicked()
	if before.Page != opts.Page {
		t.Fatalf("dashboardtest: %s opened as page %q", path, before.Page)
	}
	if before.Search <= 0 {
		t.Fatalf("dashboardtest: the %s page has no visible division picker to find a division by name", opts.Page)
	}
	if before.PeriodPicker <= 0 {
		t.Errorf("dashboardtest: the %s page has no visible period picker", opts.Page)
	}

	// The division picker, by name.
	c.pickDivision(opts.Search, opts.Division, lang, "")
	want := fullCode(t, opts.Division)
	v := c.readPicked()
	u := c.parseURL(v.URL)
	if v.Page != opts.Page || v.Division != want || urlDivision(u) != want {
		t.Fatalf("dashboardtest: picking %s on the %s page led to %s of %s at %s", opts.Division, opts.Page, v.Page, v.Division, v.URL)
	}
	c.checkKept(before, v, u.Query())
	c.comparePage(v, opts, lang)

	// The period picker, submitted by its button.
	sel := `form.picker:not(.search) select[name=period]` // the first
	if opts.Page == "trend" {
		sel = `#trend-picker select[name=year]`
	}
	set := `(() => { const s = document.querySelector(` + strconv.Quote(sel) + `); if (!s) return '';
	  s.value = ` + strconv.Quote(opts.Period) + `; return s.value; })()`
	if got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](set)); err != nil || got != opts.Period {
		t.Fatalf("dashboardtest: the period picker of the %s page does not offer %s: %q, %v", opts.Page, opts.Period, got, err)
	}
	// The first picker of each page is that of the period (the start
	// page's is its division's code and its period).
	c.navigate("pick "+opts.Period, chromedp.Click(chromedp.CSS(`form.picker:not(.search) button[type=submit]`)))
	after := c.readPicked()
	u = c.parseURL(after.URL)
	param, shown := "period", after.Period
	if opts.Page == "trend" {
		param, shown = "year", after.Year
	}
	if after.Page != opts.Page || shown != opts.Period || u.Query().Get(param) != opts.Period {
		t.Fatalf("dashboardtest: picking %s on the %s page shows %s %q at %s", opts.Period, opts.Page, after.Page, shown, after.URL)
	}
	if after.Division != want || urlDivision(u) != want {
		t.Errorf("dashboardtest: picking %s changed the division to %s (%s)", opts.Period, after.Division, after.URL)
	}
	c.checkKept(v, after, u.Query())
	c.comparePage(after, opts, lang)
	t.Logf("dashboardtest: the pickers of the %s page led to %s", opts.Page, after.URL)
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}
	c.checkConsole()
}

// parseURL parses the URL of the page.
func (c *checker) parseURL(s string) *url.URL {
	c.t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		c.t.Fatalf("dashboardtest: the page's URL %q: %v", s, err)
	}
	return u
}

// urlDivision returns the 12 digits of the division u's query carries,
// or "" when it carries none.
func urlDivision(u *url.URL) string {
	d, err := healthedu.ParseDivisionCode(u.Query().Get("division"))
	if err != nil {
		return ""
	}
	return d.String()
}

// checkKept checks that a choice kept what the page showed before it
// other than the division and the period: its indicator and its axes,
// in the page and in its URL q.
func (c *checker) checkKept(before, after pickedView, q url.Values) {
	c.t.Helper()
	if before.Indicator != "" && after.Indicator != before.Indicator {
		c.t.Errorf("dashboardtest: a choice on the %s page changed its indicator from %s to %q", before.Page, before.Indicator, after.Indicator)
	}
	if before.Rows != after.Rows || before.Cols != after.Cols {
		c.t.Errorf("dashboardtest: a choice on the pivot changed its axes from %s by %s to %s by %s", before.Rows, before.Cols, after.Rows, after.Cols)
	}
	if after.Page == "pivot" && (q.Get("rows") != after.Rows || q.Get("cols") != after.Cols) {
		c.t.Errorf("dashboardtest: the pivot's URL %s does not carry its axes %s by %s", after.URL, after.Rows, after.Cols)
	}
}

// comparePage checks the figures of the page v against the API.
func (c *checker) comparePage(v pickedView, opts PickerOptions, lang string) {
	c.t.Helper()
	switch v.Page {
	case "index":
		p := c.read()
		if len(p.Rows) == 0 {
			c.t.Errorf("dashboardtest: the start page of %s %s shows no indicators", p.Division, p.Period)
		}
		c.compareIndex(p, lang)
	case "pivot":
		c.comparePivot(c.readPivot(), lang)
	case "map":
		m := c.readMap()
		if len(m.Areas) == 0 {
			c.t.Errorf("dashboardtest: the map of %s %s draws no area", m.Division, v.Period)
		}
		c.compareMap(m, MapOptions{Period: v.Period, Synthetic: opts.Synthetic}, lang)
	case "trend":
		tr := c.readTrend()
		if len(tr.Rows) == 0 {
			c.t.Errorf("dashboardtest: the trend of %s shows no period", tr.Division)
		}
		c.compareTrend(tr, tr.Division, lang)
	}
}

// pickDivision types search into the division picker of the current
// page, checks the page of results against GET /v1/divisions/search, saves
// it to shot (unless empty), and follows the result division, a short
// code.
func (c *checker) pickDivision(search, division, lang, shot string) {
	c.t.Helper()
	t := c.t
	if err := chromedp.Do(c.ctx, chromedp.SetValue(chromedp.CSS(`form.search input[name=q]`), search)); err != nil {
		t.Fatalf("dashboardtest: typing into the division picker: %v", err)
	}
	c.navigate("search a division", chromedp.Click(chromedp.CSS(`form.search button[type=submit]`)))
	sv, err := chromedp.Run(c.ctx, chromedp.Evaluate[searchView](readSearch))
	if err != nil || sv.Page != "divisions" {
		t.Fatalf("dashboardtest: the search led to %+v (%v)", sv, err)
	}
	var found wire.DivisionSearch
	c.api("/v1/divisions/search", url.Values{"q": {search}}, lang, &found)
	if len(sv.Results) != len(found.Matches) {
		t.Errorf("dashboardtest: the search lists %d divisions, the API %d", len(sv.Results), len(found.Matches))
	}
	for i, m := range found.Matches {
		if i >= len(sv.Results) {
			break
		}
		var path []string
		for _, a := range m.Path {
			path = append(path, a.Name)
		}
		want := strings.Join(append(path, m.Name), " › ")
		if got := sv.Results[i]; got.Division != m.Code.Short() || got.Name != m.Name || !strings.HasPrefix(got.Path, want) {
			t.Errorf("dashboardtest: result %d is %+v, the API's %s %s", i, got, m.Code.Short(), want)
		}
	}
	if sv.Overflow {
		t.Errorf("dashboardtest: the page of results is wider than the screen")
	}
	if shot != "" {
		c.screenshot(shot)
	}
	c.navigate("pick "+division, chromedp.Click(chromedp.CSS(`#search-results li[data-division="`+division+`"] a`)))
}
