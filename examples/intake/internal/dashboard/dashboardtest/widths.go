package dashboardtest

import (
	"cmp"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// A Width is a screen a page is checked at (屏幕宽度).
type Width struct {
	Name   string // in screenshot names: "phone", "desktop"
	Width  int64  // CSS pixels
	Height int64
	Mobile bool // emulate a phone: touch, the viewport meta tag honoured
}

// The widths CheckWidths uses by default: a phone's 375 CSS pixels (an
// iPhone's, and most Android phones' in WeChat's browser) and a desktop's
// 1280.
var (
	Phone   = Width{Name: "phone", Width: 375, Height: 812, Mobile: true}
	Desktop = Width{Name: "desktop", Width: 1280, Height: 900}
)

// MinTarget is the smallest height and width in CSS pixels of a control
// a finger acts on (触控尺寸), as WCAG 2.5.5 and Apple's guidelines ask.
const MinTarget = 44

// WidthOptions configure CheckWidths.
type WidthOptions struct {
	// Widths to check each page at; empty for Phone and Desktop.
	Widths []Width
	// Screenshot, if not nil, returns the file for a full-page PNG of the
	// page named name at width w; "" for none.
	Screenshot func(name string, w Width) string
	// Timeout bounds the whole check; zero means 3 minutes.
	Timeout time.Duration
}

// A Page is one page of the dashboard to check: a name for messages and
// screenshots, and its path and query under the base URL, such as
// "/report?division=3715".
type Page struct {
	Name, Path string
}

// widthView is what the check reads of a page at one width.
type widthView struct {
	Page       string   `json:"page"`
	Viewport   bool     `json:"viewport"`   // the page has a viewport meta tag
	Inner      float64  `json:"inner"`      // the window's width, at most the screen's
	Scroll     float64  `json:"scroll"`     // the page's scroll width
	Sticking   []string `json:"sticking"`   // elements that stick out of the page, outside a scrolling box
	Unboxed    []string `json:"unboxed"`    // tables wider than the page, outside a scrolling box
	Small      []string `json:"small"`      // controls smaller than MinTarget
	Controls   int      `json:"controls"`   // controls measured
	MainHeight float64  `json:"mainHeight"` // of <main>: the page is not empty
}

// readWidth reads the page: whether it overflows, which elements make it,
// and the size of its controls. Controls are the buttons, selects and
// inputs a reader acts on, the summaries that open details, and the links
// that stand alone as controls (in a nav, a list of links, a toolbar, a
// picker, the masthead, or styled as buttons); links inside running text
// and table cells are exempt, as WCAG 2.5.5 exempts inline targets.
const readWidth = `((min, screenWidth) => {
  // A phone zooms out a page wider than its screen: the window then is as
  // wide as the page, and the screen's width is the measure.
  const inner = Math.min(window.innerWidth, screenWidth);
  const desc = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (e.classList.length ? '.' + [...e.classList].join('.') : '') +
    (e.textContent ? ' "' + e.textContent.trim().replace(/\s+/g, ' ').slice(0, 30) + '"' : '');
  const inScroller = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= inner + 1) return true;
    }
    return false;
  };
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const sticking = [], unboxed = [], small = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (!shown(e) || e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const r = e.getBoundingClientRect();
    if (r.right > inner + 1 && !inScroller(e) && !e.classList.contains('skip')) {
      // Only the outermost: its children stick out with it.
      const p = e.parentElement;
      if (!p || p.getBoundingClientRect().right <= inner + 1 || inScroller(p)) sticking.push(desc(e) + ' ' + Math.round(r.left) + '–' + Math.round(r.right));
    }
    if (e.tagName === 'TABLE' && r.width > inner + 1 && !inScroller(e)) unboxed.push(desc(e));
  }
  const controls = [...document.querySelectorAll(
    'button, select, input:not([type=hidden]), textarea, summary, ' +
    'nav a[href], .toolbar a[href], .picker a[href], .exports a[href], .view-switch a[href], ' +
    '.report-link a[href], .trend-link a[href], .compliance-link a[href], .masthead a[href], ' +
    'ul.inline a[href], .matches a[href], .breadcrumb a[href], table.pivot a.sort')]
    .filter(e => shown(e) && !e.classList.contains('skip') && !e.closest('[hidden]'));
  for (const e of controls) {
    const r = e.getBoundingClientRect();
    if (r.height < min - 0.5 || r.width < min - 0.5) small.push(desc(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height));
  }
  const main = document.querySelector('main');
  return {
    page: main ? main.dataset.page || '' : '',
    viewport: !!document.querySelector('meta[name=viewport][content*="width=device-width"]'),
    inner: inner,
    scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    sticking: sticking, unboxed: unboxed, small: small, controls: controls.length,
    mainHeight: main ? main.getBoundingClientRect().height : 0,
  };
})(` + "%d, %d" + `)`

// CheckWidths loads each of pages under baseURL in Chromium at each width
// of opts (a phone's 375 CSS pixels and a desktop's 1280 by default) and
// checks that the page is usable there (手机适配): it answers 200 with a
// viewport meta tag and a main element, the page itself never scrolls
// sideways (no element sticks out of it except inside a box that scrolls
// on its own, as wide tables must), and, at a phone's width, every control
// a finger acts on is at least MinTarget CSS pixels high and wide. It
// saves the screenshots opts asks for, and fails on a script error. It
// skips the test when there is no Chromium (see Chromium).
func CheckWidths(t testing.TB, baseURL string, pages []Page, opts WidthOptions) {
	t.Helper()
	c := newChecker(t, baseURL, Options{Timeout: cmp.Or(opts.Timeout, 3*time.Minute)})
	widths := opts.Widths
	if len(widths) == 0 {
		widths = []Width{Phone, Desktop}
	}
	for _, w := range widths {
		if _, err := chromedp.Call(c.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: w.Width, Height: w.Height, DeviceScaleFactor: 1, Mobile: w.Mobile,
		}); err != nil {
			t.Fatalf("dashboardtest: sizing the page to %s: %v", w.Name, err)
		}
		if _, err := chromedp.Call(c.ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: w.Mobile}); err != nil {
			t.Fatalf("dashboardtest: touch emulation: %v", err)
		}
		for _, p := range pages {
			c.load(c.base + p.Path)
			v, err := chromedp.Run(c.ctx, chromedp.Evaluate[widthView](fmt.Sprintf(readWidth, MinTarget, w.Width)))
			if err != nil {
				t.Fatalf("dashboardtest: reading %s at %s: %v", p.Path, w.Name, err)
			}
			where := p.Name + " (" + p.Path + ") at " + w.Name
			switch {
			case !v.Viewport:
				t.Errorf("dashboardtest: %s has no viewport meta tag of width=device-width", where)
			case v.Page == "" || v.MainHeight <= 0:
				t.Errorf("dashboardtest: %s shows no main content", where)
			}
			if v.Scroll > v.Inner+1 {
				t.Errorf("dashboardtest: %s scrolls sideways: %v CSS pixels wide in a window of %v; sticking out: %s",
					where, v.Scroll, v.Inner, strings.Join(v.Sticking, "; "))
			} else if len(v.Sticking) > 0 {
				t.Errorf("dashboardtest: %s has elements out of the window: %s", where, strings.Join(v.Sticking, "; "))
			}
			for _, u := range v.Unboxed {
				t.Errorf("dashboardtest: %s has a table wider than the window outside a box of its own that scrolls: %s", where, u)
			}
			if w.Mobile {
				for _, s := range v.Small {
					t.Errorf("dashboardtest: %s has a control smaller than %d×%d CSS pixels: %s", where, MinTarget, MinTarget, s)
				}
			}
			t.Logf("dashboardtest: %s: %v/%v CSS pixels wide, %d controls", where, v.Scroll, v.Inner, v.Controls)
			if opts.Screenshot != nil {
				if path := opts.Screenshot(p.Name, w); path != "" {
					c.screenshot(path)
				}
			}
		}
	}
	c.checkConsole()
}
