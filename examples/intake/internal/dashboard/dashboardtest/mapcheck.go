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
)

// MapOptions configure CheckMap.
type MapOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Division, Period and Indicator are what the map shows, such as
	// "3715", "202510" and "child-health-management-rate".
	Division, Period, Indicator string
	// Lang is the language of the page, "zh-Hans" when empty.
	Lang string
	// Kind is the drawing expected: "boundaries" or "tiles"; empty for
	// either.
	Kind string
	// Synthetic expects the page to say that the boundaries are made up.
	Synthetic bool
	// Screenshot and PhoneScreenshot are files for full-page PNGs at
	// desktop and phone widths; empty for none.
	Screenshot, PhoneScreenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// mapView is what the map page shows.
type mapView struct {
	Page      string  `json:"page"`
	Division  string  `json:"division"`
	Indicator string  `json:"indicator"`
	Kind      string  `json:"kind"`
	Synthetic string  `json:"synthetic"`
	Overflow  bool    `json:"overflow"`
	SVGWidth  float64 `json:"svgWidth"`
	Areas     []struct {
		Division string  `json:"division"`
		Value    string  `json:"value"`
		Class    string  `json:"class"`
		Title    string  `json:"title"`
		Texts    string  `json:"texts"`
		Href     string  `json:"href"`
		Width    float64 `json:"width"`
		Height   float64 `json:"height"`
	} `json:"areas"`
	Legend []struct {
		Class string `json:"class"`
		Label string `json:"label"`
		Count string `json:"count"`
	} `json:"legend"`
	Rows []struct {
		Division string `json:"division"`
		Class    string `json:"class"`
		Value    string `json:"value"`
		Coverage string `json:"coverage"`
	} `json:"rows"`
}

const readMap = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const svg = document.querySelector('#map');
  return { page: main.dataset.page || '', division: main.dataset.division || '', indicator: main.dataset.indicator || '',
    kind: main.dataset.kind || '', synthetic: text(document, '#map-synthetic'),
    overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
    svgWidth: svg ? svg.getBoundingClientRect().width : 0,
    areas: [...document.querySelectorAll('#map g.area')].map(g => { const r = g.getBoundingClientRect(); return {
      division: g.dataset.division, value: g.dataset.value, class: g.dataset.class, title: text(g, 'title'),
      texts: [...g.querySelectorAll('text')].map(t => t.textContent.trim()).join(' '),
      href: g.parentElement.getAttribute('href') || '', width: r.width, height: r.height }; }),
    legend: [...document.querySelectorAll('#map-legend li')].map(li => ({ class: li.dataset.class, label: text(li, '.label'), count: text(li, '.count') })),
    rows: [...document.querySelectorAll('#map-table tbody tr')].map(tr => ({ division: tr.dataset.division, class: tr.dataset.class,
      value: text(tr, 'td.value .v'), coverage: text(tr, 'td.coverage .k') })),
  };
})()`

// CheckMap drives the map of the dashboard at baseURL in Chromium, at
// desktop width and at the 375 CSS pixels of a phone, and checks that:
//
//   - the page draws a visible area (a boundary or a tile) for the
//     children of the division, each carrying the value GET /v1/indicators
//     gives it (none when there is none, never 0), its title beginning
//     with the division's name and that value (digits grouped) or, without
//     one, no number at all;
//   - each area is coloured by the API's judgement: met, near or far when
//     the target is missed, no-target without one, none without a value;
//   - the legend counts, for each colour, the children the API puts in it;
//     the table under the map lists every child with its value and
//     coverage as the API gives them;
//   - the drawing is opts.Kind, and says the boundaries are made up when
//     opts.Synthetic;
//   - a click on an area opens the map (or the start page) of that
//     division;
//   - at the width of a phone the page is no wider than the screen;
//   - no page threw a script error or broke its Content-Security-Policy.
func CheckMap(t testing.TB, baseURL string, opts MapOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	page := c.base + "/map?" + url.Values{"division": {opts.Division}, "period": {opts.Period}, "indicator": {opts.Indicator}, "lang": {lang}}.Encode()
	c.load(page)
	v := c.readMap()
	if v.Page != "map" || len(v.Areas) == 0 {
		t.Fatalf("dashboardtest: the map opened as %q with %d areas", v.Page, len(v.Areas))
	}
	c.compareMap(v, opts, lang)
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}

	c.phone()
	c.load(page)
	v = c.readMap()
	if v.Overflow {
		t.Errorf("dashboardtest: at the width of a phone the map page is wider than the screen")
	}
	if v.SVGWidth > 375 || v.SVGWidth < 300 {
		t.Errorf("dashboardtest: at the width of a phone the map is %.0f pixels wide", v.SVGWidth)
	}
	c.compareMap(v, opts, lang)
	if opts.PhoneScreenshot != "" {
		c.screenshot(opts.PhoneScreenshot)
	}
	c.desktop()

	// Drill down through the first area.
	first := v.Areas[0]
	c.navigate("open "+first.Division, chromedp.Click(chromedp.CSS(`#map g.area[data-division="`+first.Division+`"]`)))
	if div, err := chromedp.Run(c.ctx, chromedp.Evaluate[string](`document.querySelector('main').dataset.division`)); err != nil || div != first.Division {
		t.Errorf("dashboardtest: a click on %s opened the page of %q (%v)", first.Division, div, err)
	}
	c.checkConsole()
}

func (c *checker) readMap() mapView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[mapView](readMap))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the map: %v", err)
	}
	return v
}

// compareMap checks the map v against the API.
func (c *checker) compareMap(v mapView, opts MapOptions, lang string) {
	c.t.Helper()
	t := c.t
	if opts.Kind != "" && v.Kind != opts.Kind {
		t.Errorf("dashboardtest: the map is drawn as %q, want %q", v.Kind, opts.Kind)
	}
	if opts.Synthetic != (v.Synthetic != "") {
		t.Errorf("dashboardtest: the map says %q of synthetic boundaries, want it said: %v", v.Synthetic, opts.Synthetic)
	}
	var divs wire.Divisions
	c.api("/v1/divisions", url.Values{"under": {v.Division}}, lang, &divs)
	if len(divs.Children) == 0 {
		t.Fatalf("dashboardtest: %s has no children to map", v.Division)
	}
	var res wire.Indicators
	c.api("/v1/indicators", url.Values{"under": {v.Division}, "level": {divs.Children[0].Level.String()}, "period": {opts.Period}, "indicators": {v.Indicator}}, lang, &res)
	rows := map[string]wire.IndicatorRow{}
	counts := map[string]int{}
	for _, r := range res.Rows {
		rows[r.Division.String()] = r
	}
	for _, ch := range divs.Children {
		counts[apiClass(rows[ch.Code.String()])]++
	}
	for _, a := range v.Areas {
		r, ok := rows[a.Division]
		if !ok && a.Value != "" {
			t.Errorf("dashboardtest: %s shows %q, the API has no row", a.Division, a.Value)
			continue
		}
		if a.Width <= 0 || a.Height <= 0 {
			t.Errorf("dashboardtest: the area of %s is not visible", a.Division)
		}
		if a.Value != dashIfNone(r.Value, "") || a.Class != apiClass(r) {
			t.Errorf("dashboardtest: %s shows %q as %s, the API %s (%s)", a.Division, a.Value, a.Class, valueText(r.Value), apiClass(r))
		}
		prefix := r.DivisionName
		if r.Value != nil {
			prefix += map[bool]string{true: ": ", false: "："}[lang == "en"] + grouped(*r.Value)
		}
		if !strings.HasPrefix(a.Title, prefix) {
			t.Errorf("dashboardtest: the title of %s is %q, want it to begin %q", a.Division, a.Title, prefix)
		}
		// Before the coverage in brackets, which has its own numbers.
		head, _, _ := strings.Cut(strings.Replace(a.Title, " (", "（", 1), "（")
		if r.Value == nil && strings.ContainsAny(head+a.Texts, "0123456789") {
			t.Errorf("dashboardtest: %s, without data, shows a number: %q %q", a.Division, a.Title, a.Texts)
		}
	}
	shown := 0
	for _, l := range v.Legend {
		shown += counts[l.Class]
		if n := strings.Trim(strings.ReplaceAll(l.Count, ",", ""), "个個 "); n != strconv.Itoa(counts[l.Class]) {
			t.Errorf("dashboardtest: the legend counts %q of %s, the API %d", l.Count, l.Class, counts[l.Class])
		}
	}
	if shown != len(divs.Children) {
		t.Errorf("dashboardtest: the legend accounts for %d divisions of %d", shown, len(divs.Children))
	}
	if len(v.Rows) != len(divs.Children) {
		t.Errorf("dashboardtest: the table lists %d divisions of %d", len(v.Rows), len(divs.Children))
	}
	for _, tr := range v.Rows {
		r := rows[tr.Division]
		if strings.ReplaceAll(tr.Value, ",", "") != dashIfNone(r.Value, "—") || tr.Class != apiClass(r) {
			t.Errorf("dashboardtest: the table shows %s as %q (%s), the API %s (%s)", tr.Division, tr.Value, tr.Class, valueText(r.Value), apiClass(r))
		}
		if want := strconv.Itoa(r.Coverage.Reporting) + "/" + strconv.Itoa(r.Coverage.Expected); strings.ReplaceAll(tr.Coverage, ",", "") != want {
			t.Errorf("dashboardtest: the table shows the coverage of %s as %q, the API %s", tr.Division, tr.Coverage, want)
		}
	}
}

// apiClass is the colour the API's row calls for; the distance from the
// target, near or far, is the dashboard's and taken as either.
func apiClass(r wire.IndicatorRow) string {
	switch {
	case r.Value == nil:
		return "none"
	case r.Met == nil:
		return "no-target"
	case *r.Met:
		return "met"
	}
	v, _ := strconv.ParseFloat(*r.Value, 64)
	t, _ := strconv.ParseFloat(valueText(r.Target), 64)
	if t != 0 && (v-t)/t >= -0.1 && (v-t)/t <= 0.1 {
		return "near"
	}
	return "far"
}

// dashIfNone returns the value, or none.
func dashIfNone(v *string, none string) string {
	if v == nil {
		return none
	}
	return *v
}

// grouped writes a decimal with its integer digits grouped in thousands.
func grouped(s string) string {
	i, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(i, "-")
	i = strings.TrimPrefix(i, "-")
	var b strings.Builder
	for k, r := range i {
		if k > 0 && (len(i)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "." + frac
	}
	return out
}
