package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard"
	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/ledger"
)

// weeklyPageView is what the weekly dispatch page shows, read from its DOM.
type weeklyPageView struct {
	Page       string `json:"page"`
	Lang       string `json:"lang"`
	Period     string `json:"period"`
	Heading    string `json:"heading"`
	Week       string `json:"week"`
	InProgress string `json:"inProgress"`
	Columns    []string
	Progress   []struct {
		Division string   `json:"division"`
		Name     string   `json:"name"`
		Values   []string `json:"values"`
		Marks    []string `json:"marks"`
		Coverage []string `json:"coverage"`
	} `json:"progress"`
	Overdue []string            `json:"overdue"` // division month, each report listed
	Groups  []string            `json:"groups"`  // the headings of the groups
	Items   map[string][]string `json:"items"`   // by table: item IDs
	Texts   map[string][]string `json:"texts"`   // by table: the problems
	Days    []string            `json:"days"`
	Forms   []string            `json:"forms"` // form count participants, and the total
	Width   float64             `json:"width"` // of the progress table
	Body    float64             `json:"body"`  // of the page's body
}

const readWeekly = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const all = (sel) => [...document.querySelectorAll(sel)];
  const items = {}, texts = {};
  for (const id of ['new-items', 'overdue-items', 'closed-items']) {
    items[id] = all('#' + id + ' tbody tr').map(tr => tr.dataset.item);
    texts[id] = all('#' + id + ' tbody td.problem').map(td => td.textContent.trim());
  }
  const table = document.querySelector('#progress');
  return {
    page: main.dataset.page || '', lang: document.documentElement.lang, period: main.dataset.period || '',
    heading: text(document, 'h1'), week: text(document, '#week-dates'), inProgress: text(document, '#in-progress'),
    Columns: all('#progress thead th[data-indicator]').map(th => th.dataset.indicator),
    progress: all('#progress tbody tr').map(tr => ({
      division: tr.dataset.division, name: text(tr, 'th'),
      values: [...tr.querySelectorAll('td')].map(td => text(td, '.v')),
      marks: [...tr.querySelectorAll('td')].map(td => text(td, '.mark')),
      coverage: [...tr.querySelectorAll('td')].map(td => text(td, '.k')),
    })),
    overdue: all('#overdue-reports li').map(li => li.dataset.division + ' ' + li.dataset.month),
    groups: all('#overdue-reports dt').map(dt => dt.textContent.trim()),
    items: items, texts: texts,
    days: all('#overdue-items td.days').map(td => td.textContent.trim()),
    forms: all('#activities tr[data-form], #activities tfoot tr').map(tr => [...tr.children].map(c => c.textContent.trim()).join(' ')),
    width: table ? table.getBoundingClientRect().width : 0,
    body: document.body.getBoundingClientRect().width,
  };
})()`

// TestWeeklyPageInBrowser serves the fixture's platform with its
// dashboard and drives the weekly dispatch in Chromium at a desktop
// width: 东阿县 in 2025W44, in Simplified Chinese then English, must show
// what GET /v1/reports/weekly answers — the progress row by row, the
// reports overdue by division, the items, the activities by form — and
// the start page's link must lead to the current week, in progress. It
// saves screenshots for a reviewer (see dashboardtest.ScreenshotPath):
// the page on screen and as it prints.
func TestWeeklyPageInBrowser(t *testing.T) {
	dashboardtest.Chromium(t) // skips, or fails with JICENG_REQUIRE_INTEGRATION=1
	h := weeklyFixture(t, openTestSQLite(t))
	h.clock.Set(at(2025, 11, 5, 10))
	h.srv.mountDashboard(dashboard.Handler(h.srv.mux, dashboard.Options{
		Default: code("371524"), DefaultPeriod: healthedu.MustParsePeriod("202509"), Token: tokenAdmin}))

	ctx := dashboardtest.NewBrowser(t, 90*time.Second)
	var (
		mu       sync.Mutex
		problems []string
	)
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	load := func(what string, action chromedp.Action[chromedp.Void]) weeklyPageView {
		t.Helper()
		resp, err := chromedp.RunResponse(ctx, action)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if resp.Status != http.StatusOK {
			t.Fatalf("%s: %s answered %d", what, resp.URL, resp.Status)
		}
		v, err := chromedp.Run(ctx, chromedp.Evaluate[weeklyPageView](readWeekly))
		if err != nil {
			t.Fatalf("%s: reading the page: %v", what, err)
		}
		return v
	}
	screenshot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		path := dashboardtest.ScreenshotPath(t, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(png))
	}

	url := h.ts.URL + "/weekly?division=371524&period=2025W44&lang=zh-Hans"
	zh := load("load "+url, chromedp.Navigate(url))
	compareWeeklyPage(t, zh, getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W44", "zh-Hans"))
	for _, want := range [][2]string{
		{zh.Heading, "东阿县2025年第44周健康教育工作周调度"},
		{zh.Week, "2025年第44周（2025年10月27日—11月2日）"},
		{strings.Join(zh.Groups, "; "), "新城街道（2份）; 刘集镇（1份）"},
		{strings.Join(zh.Forms, "; "), "健康知识讲座 1 60; 公众健康咨询活动 1 35; 合计 2 95"},
		{strings.Join(zh.Texts["overdue-items"], "; "), "刘集镇卫生院健康教育宣传栏三个月未更新"},
		{strings.Join(zh.Days, "; "), "14"},
		{zh.InProgress, ""},
	} {
		if want[0] != want[1] {
			t.Errorf("the page shows %q, want %q", want[0], want[1])
		}
	}
	if zh.Width > zh.Body+1 {
		t.Errorf("the progress table is %.0f px wide, wider than the page's %.0f px", zh.Width, zh.Body)
	}
	screenshot("weekly.png")

	// As it prints: print media, the width of A4 less its margins.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 794 - 91, Height: 1123, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	screenshot("weekly-print.png")
	if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}

	en := load("click English", chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)))
	compareWeeklyPage(t, en, getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524&period=2025W44", "en"))
	if want := "Weekly dispatch on health education: 东阿县, week 44 of 2025"; en.Heading != want {
		t.Errorf("in English the heading is %q, want %q", en.Heading, want)
	}
	if want := "week 44 of 2025 (27 October – 2 November 2025)"; en.Week != want {
		t.Errorf("in English the week is %q, want %q", en.Week, want)
	}
	screenshot("weekly-en.png")

	// From the start page, the current week: 2025W45, in progress.
	if start := load("load the start page", chromedp.Navigate(h.ts.URL+"/?division=371524&lang=zh-Hans")); start.Page != "index" {
		t.Fatalf("the start page is %q", start.Page)
	}
	cur := load("click the weekly dispatch", chromedp.Click(chromedp.CSS(`a.weekly-link`)))
	if cur.Page != "weekly" || cur.Period != "2025W45" || !strings.Contains(cur.InProgress, "本周尚未结束") {
		t.Errorf("the start page's link led to %q %q, saying %q", cur.Page, cur.Period, cur.InProgress)
	}
	compareWeeklyPage(t, cur, getWeekly(t, h, tokenDonge, "/v1/reports/weekly?under=371524", "zh-Hans"))

	time.Sleep(100 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("the page logged an error: %s", p)
	}
}

// compareWeeklyPage checks the page v against the API's dispatch w.
func compareWeeklyPage(t *testing.T, v weeklyPageView, w wire.Weekly) {
	t.Helper()
	if v.Page != "weekly" || v.Period != w.Week.String() {
		t.Fatalf("page %q of %q, want the weekly dispatch of %s", v.Page, v.Period, w.Week)
	}
	// The progress: a row per division, a cell per indicator.
	type row struct {
		Division, Name string
		Values, Marks  []string
		Coverage       []string
	}
	var want []row
	at := map[string]int{}
	for _, r := range w.Progress {
		d := r.Division.String()
		i, ok := at[d]
		if !ok {
			i = len(want)
			at[d] = i
			want = append(want, row{Division: d, Name: w.Names.Divisions[r.Division]})
		}
		value, mark := "—", ""
		if r.Value != nil {
			value = strings.ReplaceAll(*r.Value, ",", "")
		}
		if r.Met != nil {
			mark = map[bool]string{true: "✓", false: "✗"}[*r.Met]
		}
		want[i].Values = append(want[i].Values, value)
		want[i].Marks = append(want[i].Marks, mark)
		cov := fmt.Sprintf("%d/%d", r.Coverage.Reporting, r.Coverage.Expected)
		if r.Value != nil && r.Coverage.Partial() {
			cov += " " + map[string]string{"zh-Hans": "部分", "en": "partial"}[v.Lang]
		}
		want[i].Coverage = append(want[i].Coverage, cov)
	}
	var got []row
	for _, r := range v.Progress {
		vals := make([]string, len(r.Values))
		for i, s := range r.Values {
			vals[i] = strings.ReplaceAll(s, ",", "")
		}
		got = append(got, row{r.Division, r.Name, vals, r.Marks, r.Coverage})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("progress (-API +page):\n%s", diff)
	}
	var overdue []string
	for _, o := range w.OverdueReports {
		overdue = append(overdue, o.Division.String()+" "+o.Month.String())
	}
	items := map[string][]string{"new-items": nil, "overdue-items": nil, "closed-items": nil}
	for id, ls := range map[string][]ledger.ItemLine{"new-items": w.NewItems, "overdue-items": w.OverdueItems, "closed-items": w.ClosedItems} {
		for _, l := range ls {
			items[id] = append(items[id], l.ID)
		}
	}
	var forms []string
	for _, f := range w.Activities.ByForm {
		forms = append(forms, fmt.Sprintf("%s %d %d", w.Names.Forms[f.Form], f.Activities, f.Participants))
	}
	if len(forms) > 0 {
		forms = append(forms, fmt.Sprintf("%s %d %d", map[string]string{"zh-Hans": "合计", "en": "Total"}[v.Lang],
			w.Activities.Activities, w.Activities.Participants))
	}
	if diff := cmp.Diff(overdue, v.Overdue, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("reports overdue (-API +page):\n%s", diff)
	}
	if diff := cmp.Diff(items, v.Items, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("items (-API +page):\n%s", diff)
	}
	if diff := cmp.Diff(forms, v.Forms); diff != "" {
		t.Errorf("activities by form (-API +page):\n%s", diff)
	}
}
