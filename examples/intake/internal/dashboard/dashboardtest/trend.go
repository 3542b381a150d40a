package dashboardtest

import (
	"cmp"
	"fmt"
	"math/big"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// TrendOptions configure CheckTrend.
type TrendOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Lang is the language of the pages, "zh-Hans" when empty.
	Lang string
	// Phone checks at the 375 CSS pixels of a phone, else at desktop width.
	Phone bool
	// Search is what is typed into the division picker, such as "东昌府";
	// Division the short code of the division to pick among the results.
	Search, Division string
	// Period is the period to pick on the start page, such as "2025Q2";
	// Indicator the indicator whose trend is opened.
	Period, Indicator string
	// Screenshot, QuarterShot and SearchShot are files for full-page PNGs
	// of the trend by month, by quarter, and of the search's results;
	// empty for none.
	Screenshot, QuarterShot, SearchShot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// trendView is what the trend page shows.
type trendView struct {
	Page      string `json:"page"`
	Lang      string `json:"lang"`
	Division  string `json:"division"`
	Indicator string `json:"indicator"`
	By        string `json:"by"`
	Overflow  bool   `json:"overflow"`
	Changes   string `json:"changes"` // the header of the column of changes from the period before
	Rows      []struct {
		Period   string `json:"period"`
		State    string `json:"state"`
		Value    string `json:"value"`
		Reason   string `json:"reason"`
		Change   string `json:"change"`
		LastYear string `json:"lastYear"`
		YoY      string `json:"yoy"`
		Coverage string `json:"coverage"`
	} `json:"rows"`
	Points map[string]string `json:"points"` // period → data-value of the chart's points
}

const readTrend = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const points = {};
  for (const g of document.querySelectorAll('#trend-chart g.point')) points[g.dataset.period] = g.dataset.value;
  const heads = [...document.querySelectorAll('#trend-table thead th')].map(th => th.textContent.trim());
  return { page: main.dataset.page || '', lang: document.documentElement.lang,
    division: main.dataset.division || '', indicator: main.dataset.indicator || '', by: main.dataset.by || '',
    overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
    changes: heads[2] || '',
    rows: [...document.querySelectorAll('#trend-table tbody tr')].map(tr => ({
      period: tr.dataset.period, state: tr.dataset.state, value: text(tr, 'td.value .v'), reason: text(tr, 'td.value .reason'),
      change: text(tr, 'td.mom'), lastYear: text(tr, 'td.last-year'), yoy: text(tr, 'td.yoy'), coverage: text(tr, 'td.coverage .k') })),
    points };
})()`

// searchView is the page of the divisions found.
type searchView struct {
	Page     string `json:"page"`
	Overflow bool   `json:"overflow"`
	Results  []struct {
		Division string `json:"division"`
		Name     string `json:"name"`
		Path     string `json:"path"`
	} `json:"results"`
}

const readSearch = `(() => ({
  page: document.querySelector('main').dataset.page || '',
  overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
  results: [...document.querySelectorAll('#search-results li')].map(li => ({
    division: li.dataset.division, name: li.querySelector('.name').textContent.trim(), path: li.querySelector('.path').textContent.trim() })),
}))()`

// CheckTrend drives the pickers and the trend page of the dashboard at
// baseURL in Chromium, at desktop or phone width:
//
//   - from the start page, it types opts.Search into the division picker;
//     the page of results lists the divisions GET /v1/divisions/search
//     finds, in its order, each with its path; it picks opts.Division;
//   - on the start page of that division it picks opts.Period in the
//     period picker, and the indicator opts.Indicator in its table;
//   - it opens the trend of that indicator, whose table shows, for every
//     month of the period's year, the value of GET /v1/indicators (no data
//     in words, never 0), its coverage, the value a year before, and the
//     changes from the month before and from a year before as their
//     difference (or, in per cent, their relative change); the months not
//     yet due come last; the chart's points carry the same values;
//   - it switches to quarters and checks them the same way;
//   - the pages are no wider than the screen, and no script failed.
func CheckTrend(t testing.TB, baseURL string, opts TrendOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	if opts.Phone {
		c.phone()
	}
	c.load(c.base + "/?" + url.Values{"lang": {lang}}.Encode())

	// The division picker.
	c.pickDivision(opts.Search, opts.Division, lang, opts.SearchShot)
	p := c.read()
	if p.Page != "index" || p.Division != fullCode(t, opts.Division) || p.Lang != lang {
		t.Fatalf("dashboardtest: picking %s led to %s of %s in %s", opts.Division, p.Page, p.Division, p.Lang)
	}

	// The period picker, then the indicator.
	// The value is set without the change event that would submit the
	// form by script: the button submits it, as without script.
	set := `(() => { const s = document.querySelector('form.picker:not(.search) select[name=period]'); s.value = ` + strconv.Quote(opts.Period) + `; return s.value; })()`
	if got, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](set)); err != nil || got != opts.Period {
		t.Fatalf("dashboardtest: picking the period %s: %q, %v", opts.Period, got, err)
	}
	c.navigate("pick "+opts.Period, chromedp.Click(chromedp.CSS(`form.picker:not(.search) button[type=submit]`)))
	if p = c.read(); p.Period != opts.Period || p.Division != fullCode(t, opts.Division) {
		t.Fatalf("dashboardtest: picking %s shows %s of %s", opts.Period, p.Period, p.Division)
	}
	c.compareTable(p, lang)
	if p.Indicator != opts.Indicator {
		c.navigate("chart "+opts.Indicator, chromedp.Click(chromedp.CSS(`#indicators tr[data-indicator="`+opts.Indicator+`"] th a`)))
	}
	c.navigate("open the trend", chromedp.Click(chromedp.CSS(`.trend-link a`)))
	v := c.readTrend()
	if v.Page != "trend" || v.Indicator != opts.Indicator || v.Division != fullCode(t, opts.Division) || v.By != "month" {
		t.Fatalf("dashboardtest: the trend link led to %s of %s, %s, by %s", v.Page, v.Division, v.Indicator, v.By)
	}
	if len(v.Rows) != 12 || v.Rows[0].Period != opts.Period[:4]+"01" {
		t.Fatalf("dashboardtest: the trend shows %d months from %v, want the 12 of %s", len(v.Rows), v.Rows, opts.Period[:4])
	}
	c.compareTrend(v, opts.Division, lang)
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}

	c.navigate("by quarter", chromedp.Click(chromedp.CSS(`.view-switch a[data-by=quarter]`)))
	v = c.readTrend()
	if v.By != "quarter" || len(v.Rows) != 12 {
		t.Fatalf("dashboardtest: by quarter shows %d periods by %s, want 12 quarters", len(v.Rows), v.By)
	}
	c.compareTrend(v, opts.Division, lang)
	if opts.QuarterShot != "" {
		c.screenshot(opts.QuarterShot)
	}
	c.checkConsole()
}

func (c *checker) readTrend() trendView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[trendView](readTrend))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the trend: %v", err)
	}
	return v
}

// compareTrend checks the trend v of division against the API.
func (c *checker) compareTrend(v trendView, division, lang string) {
	c.t.Helper()
	if v.Overflow {
		c.t.Errorf("dashboardtest: the trend page is wider than the screen")
	}
	values := map[string]*string{}
	value := func(period string) *string {
		if s, ok := values[period]; ok {
			return s
		}
		var res wire.Indicators
		c.api("/v1/indicators", url.Values{"under": {division}, "period": {period}, "indicators": {v.Indicator}}, lang, &res)
		var s *string
		for _, r := range res.Rows {
			if r.Indicator == v.Indicator {
				s = r.Value
			}
		}
		values[period] = s
		return s
	}
	relative := strings.Contains(v.Changes, "%")
	notDue := false
	for i, r := range v.Rows {
		if r.State == "not-due" {
			notDue = true
			if r.Value != "—" || r.Reason == "" {
				c.t.Errorf("dashboardtest: %s, not due, shows %q (%q)", r.Period, r.Value, r.Reason)
			}
			continue
		}
		if notDue {
			c.t.Errorf("dashboardtest: %s is shown after a period not yet due", r.Period)
		}
		var res wire.Indicators
		c.api("/v1/indicators", url.Values{"under": {division}, "period": {r.Period}, "indicators": {v.Indicator}}, lang, &res)
		if len(res.Rows) != 1 {
			c.t.Fatalf("dashboardtest: the API gives %d rows of %s in %s", len(res.Rows), v.Indicator, r.Period)
		}
		row := res.Rows[0]
		if got, want := strings.ReplaceAll(r.Value, ",", ""), dashOr(row.Value); got != want {
			c.t.Errorf("dashboardtest: %s shows %q, the API %q", r.Period, r.Value, want)
		}
		if row.Value == nil && (r.Reason == "" || strings.HasPrefix(r.Value, "0")) {
			c.t.Errorf("dashboardtest: %s has no value and shows %q (%q)", r.Period, r.Value, r.Reason)
		}
		if row.Value != nil && v.Points[r.Period] != *row.Value {
			c.t.Errorf("dashboardtest: the chart's point %s is %q, the API %q", r.Period, v.Points[r.Period], *row.Value)
		}
		if want := digits(row.Coverage.Reporting) + "/" + digits(row.Coverage.Expected); r.Coverage != want {
			c.t.Errorf("dashboardtest: %s shows coverage %q, the API %q", r.Period, r.Coverage, want)
		}
		prev, yearAgo := previousPeriods(r.Period, v.By)
		if i > 0 {
			prev = v.Rows[i-1].Period
		}
		checkChange(c.t, r.Period+" from "+prev, r.Change, value(prev), row.Value, relative)
		checkChange(c.t, r.Period+" from "+yearAgo, r.YoY, value(yearAgo), row.Value, relative)
		if got, want := strings.ReplaceAll(r.LastYear, ",", ""), dashOr(value(yearAgo)); got != want {
			c.t.Errorf("dashboardtest: %s shows a year before %q, the API %q", r.Period, r.LastYear, want)
		}
	}
}

// previousPeriods returns the period before p (a month, or a quarter when
// by is quarter) and the same period a year before.
func previousPeriods(p, by string) (string, string) {
	y, _ := strconv.Atoi(p[:4])
	if by == "quarter" {
		q, _ := strconv.Atoi(p[5:])
		prev := fmt.Sprintf("%dQ%d", y, q-1)
		if q == 1 {
			prev = fmt.Sprintf("%dQ4", y-1)
		}
		return prev, fmt.Sprintf("%dQ%d", y-1, q)
	}
	m, _ := strconv.Atoi(p[4:])
	prev := fmt.Sprintf("%d%02d", y, m-1)
	if m == 1 {
		prev = fmt.Sprintf("%d12", y-1)
	}
	return prev, fmt.Sprintf("%d%02d", y-1, m)
}

// dashOr returns the value v as the page shows it: a dash when there is
// none.
func dashOr(v *string) string {
	if v == nil {
		return "—"
	}
	return *v
}

// checkChange checks the change shown from before to now, both the API's
// values: a dash when either is missing, else their difference, or with
// relative their change in per cent to one decimal.
func checkChange(t testing.TB, what, shown string, before, now *string, relative bool) {
	t.Helper()
	if before == nil || now == nil {
		if shown != "—" {
			t.Errorf("dashboardtest: the change of %s is %q, want — without both values", what, shown)
		}
		return
	}
	b, _ := new(big.Rat).SetString(*before)
	n, _ := new(big.Rat).SetString(*now)
	got, ok := new(big.Rat).SetString(strings.NewReplacer("+", "", "%", "", ",", "").Replace(shown))
	if !ok {
		if !(relative && b.Sign() == 0 && shown == "—") {
			t.Errorf("dashboardtest: the change of %s is %q, not a number", what, shown)
		}
		return
	}
	want := new(big.Rat).Sub(n, b)
	tolerance := new(big.Rat)
	if relative {
		want.Mul(want, big.NewRat(100, 1)).Quo(want, b)
		tolerance = big.NewRat(1, 20)
	}
	if d := new(big.Rat).Sub(got, want); d.Abs(d).Cmp(tolerance) > 0 {
		t.Errorf("dashboardtest: the change of %s is %q, the API's values %s and %s make %s", what, shown, *before, *now, want.FloatString(3))
	}
}
