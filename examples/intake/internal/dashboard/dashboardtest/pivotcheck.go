package dashboardtest

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// PivotOptions configure CheckPivot.
type PivotOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Division and Period are the view's, such as "3715" and "2025Q3": a
	// division with subdivisions and a period of several months.
	Division, Period string
	// Lang is the language of the page, "zh-Hans" when empty.
	Lang string
	// Screenshot and PhoneScreenshot are files for full-page PNGs of the
	// pivot: its divisions by indicators at desktop width, and its
	// divisions by months, sorted, at the 375 CSS pixels of a phone; empty
	// for none.
	Screenshot, PhoneScreenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// pivotView is what the pivot page shows.
type pivotView struct {
	Page      string `json:"page"`
	URL       string `json:"url"`
	Lang      string `json:"lang"`
	Division  string `json:"division"`
	Period    string `json:"period"`
	Indicator string `json:"indicator"`
	Rows      string `json:"rows"`
	Cols      string `json:"cols"`
	Sort      string `json:"sort"`
	Order     string `json:"order"`
	ColKeys   []string
	Lines     []struct {
		Key   string          `json:"key"`
		Own   bool            `json:"own"`
		Cells []pivotCellView `json:"cells"`
	} `json:"lines"`
	CSV       string  `json:"csv"`
	XLSX      string  `json:"xlsx"`
	Overflow  bool    `json:"overflow"`  // the page is wider than the screen
	Scrolls   bool    `json:"scrolls"`   // the table scrolls in its box
	MinTarget float64 `json:"minTarget"` // the height of the smallest link to sort or export
}

type pivotCellView struct {
	Col      string `json:"col"`
	Value    string `json:"value"` // data-value: the API's text
	Shown    string `json:"shown"`
	Reason   string `json:"reason"`
	Coverage string `json:"coverage"`
	Partial  bool   `json:"partial"` // a visible mark
	Flags    int    `json:"flags"`
}

const readPivot = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const seen = e => !!e && e.getBoundingClientRect().width > 0;
  const box = document.querySelector('.pivot-scroll');
  const targets = [...document.querySelectorAll('#pivot a.sort, .exports a')].map(a => a.getBoundingClientRect().height);
  const link = sel => { const a = document.querySelector(sel); return a ? a.href : ''; };
  return { page: main.dataset.page || '', url: location.href, lang: document.documentElement.lang,
    division: main.dataset.division || '', period: main.dataset.period || '', indicator: main.dataset.indicator || '',
    rows: main.dataset.rows || '', cols: main.dataset.cols || '', sort: main.dataset.sort || '', order: main.dataset.order || '',
    ColKeys: [...document.querySelectorAll('#pivot thead th[data-key]')].map(th => th.dataset.key),
    lines: [...document.querySelectorAll('#pivot tbody tr')].map(tr => ({ key: tr.dataset.key, own: tr.classList.contains('own'),
      cells: [...tr.querySelectorAll('td.cell')].map(td => ({ col: td.dataset.col, value: td.dataset.value,
        shown: text(td, '.v'), reason: text(td, '.reason'), coverage: text(td, '.k'),
        partial: seen(td.querySelector('.partial-mark')), flags: [...td.querySelectorAll('.flag')].filter(seen).length })) })),
    csv: link('a.export-csv'), xlsx: link('a.export-xlsx'),
    overflow: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) > Math.min(window.innerWidth, screen.width) + 1,
    scrolls: !!box && box.scrollWidth > box.clientWidth,
    minTarget: targets.length ? Math.min(...targets) : 0 };
})()`

// CheckPivot drives the pivot table of the dashboard at baseURL in
// Chromium and checks it against GET /v1/indicators:
//
//   - the divisions by indicators of opts.Division over opts.Period show,
//     cell by cell, the API's value (digits grouped, "no data" in words
//     and never 0), its coverage, a visible partial mark and its flags;
//   - the swap link puts the indicators down the side, and the columns'
//     picker (the inline script submits it) the months across, the
//     division fixed, each shown as the API gives it;
//   - a click on a column's head sorts the rows by it, highest first with
//     no data last, and a second click reverses them;
//   - the CSV export starts with a byte order mark and holds a line per
//     cell with the API's numbers, and the XLSX export has a numeric cell
//     for each value, equal to the API's;
//   - at the width of a phone the page is no wider than the screen, the
//     table scrolls in its own box, the links to sort and export are at
//     least 40 CSS pixels high, and the exports they offer hold the
//     API's figures as at desktop width;
//   - no page threw a script error or broke its Content-Security-Policy.
//
// It saves the screenshots opts names.
func CheckPivot(t testing.TB, baseURL string, opts PivotOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})

	c.load(c.base + "/pivot?" + url.Values{"division": {opts.Division}, "period": {opts.Period}, "lang": {lang}}.Encode())
	v := c.readPivot()
	if v.Page != "pivot" || v.Rows != "division" || v.Cols != "indicator" || len(v.Lines) < 2 || len(v.ColKeys) == 0 {
		t.Fatalf("dashboardtest: the pivot opened as %s, %s by %s, %d rows, %d columns", v.Page, v.Rows, v.Cols, len(v.Lines), len(v.ColKeys))
	}
	c.comparePivot(v, lang)
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}

	// Rows and columns swapped.
	c.navigate("swap rows and columns", chromedp.Click(chromedp.CSS(`a.swap`)))
	v = c.readPivot()
	if v.Rows != "indicator" || v.Cols != "division" {
		t.Errorf("dashboardtest: the swap link shows %s by %s", v.Rows, v.Cols)
	}
	c.comparePivot(v, lang)

	// The months across, through the columns' picker.
	c.navigate("choose periods across", chromedp.Evaluate[chromedp.Void](
		`(() => { const s = document.querySelector('select[name=cols]'); s.value = 'period'; s.dispatchEvent(new Event('change')); })()`))
	v = c.readPivot()
	if v.Rows != "indicator" || v.Cols != "period" || len(v.ColKeys) < 2 {
		t.Errorf("dashboardtest: the columns' picker shows %s by %s, %d columns", v.Rows, v.Cols, len(v.ColKeys))
	}
	c.comparePivot(v, lang)

	// Divisions by months, sorted by the last month, then reversed.
	c.navigate("choose divisions down the side", chromedp.Evaluate[chromedp.Void](
		`(() => { const s = document.querySelector('select[name=rows]'); s.value = 'division'; s.dispatchEvent(new Event('change')); })()`))
	v = c.readPivot()
	if v.Rows != "division" || v.Cols != "period" || v.Indicator == "" {
		t.Fatalf("dashboardtest: the rows' picker shows %s by %s of %q", v.Rows, v.Cols, v.Indicator)
	}
	col := v.ColKeys[len(v.ColKeys)-1]
	for _, order := range []string{"desc", "asc"} {
		c.navigate("sort by "+col+" "+order, chromedp.Click(chromedp.CSS(`#pivot th[data-key="`+col+`"] a.sort`)))
		v = c.readPivot()
		if v.Sort != col || v.Order != order {
			t.Errorf("dashboardtest: after a click on %s the page is sorted by %q %q, want %s", col, v.Sort, v.Order, order)
		}
		c.checkSorted(v, col, order == "desc")
		c.comparePivot(v, lang)
	}
	c.checkExports(v, lang)

	c.phone()
	v = c.readPivot()
	if v.Overflow {
		t.Errorf("dashboardtest: at the width of a phone the pivot page is wider than the screen")
	}
	if !v.Scrolls {
		t.Errorf("dashboardtest: at the width of a phone the pivot table does not scroll in its box")
	}
	if v.MinTarget < 40 {
		t.Errorf("dashboardtest: at the width of a phone a link to sort or export is %.0f pixels high, less than 40", v.MinTarget)
	}
	c.checkExports(v, lang)
	if opts.PhoneScreenshot != "" {
		c.screenshot(opts.PhoneScreenshot)
	}
	c.desktop()
	c.checkConsole()
}

func (c *checker) readPivot() pivotView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[pivotView](readPivot))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the pivot: %v", err)
	}
	return v
}

// pivotFigures returns the API's rows for the view v, by indicator,
// division and period.
func (c *checker) pivotFigures(v pivotView, lang string) map[[3]string]wire.IndicatorRow {
	c.t.Helper()
	periods := []string{v.Period}
	if v.Rows == "period" || v.Cols == "period" {
		periods = nil
		if v.Cols == "period" {
			periods = v.ColKeys
		} else {
			for _, l := range v.Lines {
				periods = append(periods, l.Key)
			}
		}
	}
	var divs wire.Divisions
	c.api("/v1/divisions", url.Values{"under": {v.Division}}, lang, &divs)
	out := make(map[[3]string]wire.IndicatorRow)
	for _, p := range periods {
		var own, kids wire.Indicators
		c.api("/v1/indicators", url.Values{"under": {v.Division}, "period": {p}}, lang, &own)
		rows := own.Rows
		if (v.Rows == "division" || v.Cols == "division") && len(divs.Children) > 0 {
			c.api("/v1/indicators", url.Values{"under": {v.Division}, "period": {p}, "level": {divs.Children[0].Level.String()}}, lang, &kids)
			rows = append(rows, kids.Rows...)
		}
		for _, r := range rows {
			out[[3]string{r.Indicator, r.Division.String(), p}] = r
		}
	}
	return out
}

// pivotKey returns the key of the API's row of a cell of v.
func (v pivotView) pivotKey(row, col string) [3]string {
	k := map[string]string{"indicator": v.Indicator, "division": v.Division, "period": v.Period}
	k[v.Rows], k[v.Cols] = row, col
	return [3]string{k["indicator"], k["division"], k["period"]}
}

// comparePivot checks every cell of v against the API.
func (c *checker) comparePivot(v pivotView, lang string) {
	c.t.Helper()
	api := c.pivotFigures(v, lang)
	n := 0
	for _, l := range v.Lines {
		if len(l.Cells) != len(v.ColKeys) {
			c.t.Errorf("dashboardtest: pivot row %s has %d cells for %d columns", l.Key, len(l.Cells), len(v.ColKeys))
		}
		for _, cell := range l.Cells {
			k := v.pivotKey(l.Key, cell.Col)
			r, ok := api[k]
			if !ok {
				c.t.Errorf("dashboardtest: the pivot shows %v, which the API does not give", k)
				continue
			}
			n++
			cov := fmt.Sprintf("%d/%d", r.Coverage.Reporting, r.Coverage.Expected)
			got := fmt.Sprint(cell.Value, " ", strings.ReplaceAll(cell.Shown, ",", ""), " ", strings.ReplaceAll(cell.Coverage, ",", ""), " ", cell.Partial, " ", cell.Flags)
			want := ""
			if r.Value == nil {
				want = fmt.Sprint(" — ", cov, " false 0")
				if cell.Reason == "" {
					c.t.Errorf("dashboardtest: pivot cell %v has no value and does not say why", k)
				}
			} else if r.Coverage.Reporting == 0 && r.Coverage.Expected > 0 {
				// Recorded at the divisions' own level: said in words, unmarked.
				want = fmt.Sprint(*r.Value, " ", *r.Value, " ", ownLevel[lang], " false ", len(r.Flags))
			} else {
				want = fmt.Sprint(*r.Value, " ", *r.Value, " ", cov, " ", r.Coverage.Reporting < r.Coverage.Expected, " ", len(r.Flags))
			}
			if got != want {
				c.t.Errorf("dashboardtest: pivot cell %v shows %q, the API %q", k, got, want)
			}
		}
	}
	if n == 0 {
		c.t.Errorf("dashboardtest: the pivot %s by %s shows no figure", v.Rows, v.Cols)
	}
	c.t.Logf("dashboardtest: pivot %s by %s of %s %s: %d cells as the API gives them", v.Rows, v.Cols, v.Division, v.Period, n)
}

// checkSorted checks that the rows of v after the division's own are in
// the order of their values in column col, no data last.
func (c *checker) checkSorted(v pivotView, col string, desc bool) {
	c.t.Helper()
	var prev *float64
	noData := false
	for _, l := range v.Lines {
		if l.Own {
			continue
		}
		for _, cell := range l.Cells {
			if cell.Col != col {
				continue
			}
			if cell.Value == "" {
				noData = true
				continue
			}
			x, err := strconv.ParseFloat(cell.Value, 64)
			if err != nil || noData || prev != nil && (desc && x > *prev || !desc && x < *prev) {
				c.t.Errorf("dashboardtest: sorted by %s (desc %v), row %s (%s) is out of order", col, desc, l.Key, cell.Value)
			}
			prev = &x
		}
	}
}

// fetch gets an export of the page over HTTP, as the browser's download
// would.
func (c *checker) fetch(link string) []byte {
	c.t.Helper()
	resp, err := http.Get(link)
	if err != nil {
		c.t.Fatalf("dashboardtest: GET %s: %v", link, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		c.t.Fatalf("dashboardtest: GET %s: %d %v", link, resp.StatusCode, err)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
		c.t.Errorf("dashboardtest: %s is not offered as a download: %q", link, resp.Header.Get("Content-Disposition"))
	}
	return b
}

// checkExports fetches the page's CSV and XLSX exports and checks them
// against the API: a line per cell, in the page's order, with its value.
func (c *checker) checkExports(v pivotView, lang string) {
	c.t.Helper()
	api := c.pivotFigures(v, lang)
	var want [][3]string // indicator, division, period of each cell
	for _, l := range v.Lines {
		for _, cell := range l.Cells {
			want = append(want, v.pivotKey(l.Key, cell.Col))
		}
	}
	value := func(k [3]string) string {
		if r, ok := api[k]; ok && r.Value != nil {
			return *r.Value
		}
		return ""
	}

	b := c.fetch(v.CSV)
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		c.t.Errorf("dashboardtest: the CSV has no byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || len(recs) != 1+len(want) {
		c.t.Errorf("dashboardtest: the CSV has %d lines (%v), want a header and %d", len(recs), err, len(want))
	} else {
		for i, k := range want {
			r := recs[i+1]
			if got := [4]string{r[0], r[2], r[4], r[6]}; got != [4]string{k[0], k[1], k[2], value(k)} {
				c.t.Errorf("dashboardtest: CSV line %d is %q, want %v with value %q", i+2, got, k, value(k))
			}
		}
	}

	f, err := excelize.OpenReader(bytes.NewReader(c.fetch(v.XLSX)))
	if err != nil {
		c.t.Fatalf("dashboardtest: opening the XLSX: %v", err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, k := range want {
		cell := "G" + strconv.Itoa(i+2)
		raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		code, _ := f.GetCellValue(sheet, "A"+strconv.Itoa(i+2))
		typ, _ := f.GetCellType(sheet, cell)
		w := value(k)
		if code != k[0] {
			c.t.Errorf("dashboardtest: XLSX row %d is of %q, want %q", i+2, code, k[0])
		}
		if w == "" {
			if raw != "" {
				c.t.Errorf("dashboardtest: XLSX %s is %q for a figure without data", cell, raw)
			}
			continue
		}
		x, err1 := strconv.ParseFloat(raw, 64)
		y, err2 := strconv.ParseFloat(w, 64)
		if err1 != nil || err2 != nil || x != y || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			c.t.Errorf("dashboardtest: XLSX %s is %q (type %v), the API %q", cell, raw, typ, w)
		}
	}
	c.t.Logf("dashboardtest: the CSV and XLSX exports hold the %d cells of the page", len(want))
}
