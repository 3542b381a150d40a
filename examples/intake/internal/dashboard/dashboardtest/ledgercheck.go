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

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
)

// LedgerOptions configure CheckLedger.
type LedgerOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Under is the division whose ledger is checked, such as "3715".
	Under string
	// Lang is the language of the pages, "zh-Hans" when empty.
	Lang string
	// Month, when not empty, is a month whose notification's proposals
	// are checked too, such as "202510".
	Month string
	// PanelScreenshot, LedgerScreenshot and ReportScreenshot are files for
	// full-page PNGs, at desktop width, of the start page with its ledger
	// panel, of the ledger page and of the notification; empty for none.
	PanelScreenshot, LedgerScreenshot, ReportScreenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// ledgerView is what the ledger's panel, page and the notification's
// proposals show.
type ledgerView struct {
	Page    string `json:"page"`
	Lang    string `json:"lang"`
	Open    string `json:"open"`    // data-count
	Overdue string `json:"overdue"` // data-count
	Items   []struct {
		ID       string `json:"id"`
		Status   string `json:"status"` // the group's, on the ledger page
		Problem  string `json:"problem"`
		Overdue  bool   `json:"overdue"`
		Marked   bool   `json:"marked"` // an overdue mark is visible
		Division string `json:"division"`
		Stored   string `json:"stored"` // on the notification
		// Source (data-source), SourceName and Owner, on the notification.
		Source     string `json:"source"`
		SourceName string `json:"sourceName"`
		Owner      string `json:"owner"`
	} `json:"items"`
	Link string `json:"link"`
	// On the notification: the items proposed (#proposed-count), those
	// not listed (#proposed-more) and the total of the table by division
	// and kind, when it has one.
	ProposedCount string `json:"proposedCount"`
	ProposedMore  string `json:"proposedMore"`
	GroupsTotal   string `json:"groupsTotal"`
}

const readLedger = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const seen = e => !!e && e.getBoundingClientRect().width > 0;
  const scope = document.querySelector('#ledger-panel') || document.querySelector('#ledger-summary') || document;
  const count = sel => { const e = scope.querySelector(sel); return e ? e.dataset.count : ''; };
  const rows = main.dataset.page === 'ledger'
    ? [...document.querySelectorAll('section.ledger-group tr[data-id]')].map(tr => ({
        id: tr.dataset.id, status: tr.closest('section').dataset.status, division: tr.dataset.division,
        problem: (tr.querySelector('td.problem').firstChild || {textContent: ''}).textContent.trim(),
        overdue: tr.classList.contains('overdue'), marked: seen(tr.querySelector('.overdue-mark')), stored: '' }))
    : main.dataset.page === 'report'
    ? [...document.querySelectorAll('#proposed tr[data-id]')].map(tr => ({
        id: tr.dataset.id, status: '', division: tr.dataset.division, problem: text(tr, 'td.problem'),
        overdue: false, marked: false, stored: text(tr, 'td.stored'),
        source: tr.dataset.source || '', sourceName: text(tr, 'td.source'), owner: text(tr, 'td.owner') }))
    : [...document.querySelectorAll('#ledger-panel li[data-id]')].map(li => ({
        id: li.dataset.id, status: '', division: li.dataset.division, problem: '',
        overdue: true, marked: seen(li.querySelector('.overdue-mark')), stored: '' }));
  const link = document.querySelector('#ledger-panel a.ledger-link');
  return { page: main.dataset.page || '', lang: document.documentElement.lang,
    open: count('.open'), overdue: count('.overdue'), items: rows, link: link ? link.getAttribute('href') : '',
    proposedCount: (document.querySelector('#proposed-count') || {dataset: {}}).dataset.count || '',
    proposedMore: (document.querySelector('#proposed-more') || {dataset: {}}).dataset.more || '',
    groupsTotal: text(document, '#proposed-groups tfoot td.total') };
})()`

// CheckLedger checks the rectification ledger on the dashboard at baseURL
// in Chromium, at desktop width, against GET /v1/rectifications:
//
//   - the start page of opts.Under has the ledger panel, whose counts of
//     items not verified and overdue are the API's, and which lists the
//     most overdue items, marked;
//   - its link opens the ledger page, which groups every item under its
//     status, with the problem in the page's language as the API gives it
//     and the overdue ones marked, and shows the same counts;
//   - with opts.Month, the notification of that month ends with the items
//     the API proposes: their number, the same in its table by division
//     and kind when it has one, and the items, each with its source (a
//     monthly notification or a compliance check), its problem in the
//     page's language, its owner's name and whether it is on the ledger —
//     all of them in the API's order, or some and the number of the
//     others;
//   - no page threw a script error or broke its Content-Security-Policy.
//
// It saves the screenshots opts names.
func CheckLedger(t testing.TB, baseURL string, opts LedgerOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	var all, overdue wire.Rectifications
	c.api("/v1/rectifications", url.Values{"under": {opts.Under}}, lang, &all)
	c.api("/v1/rectifications", url.Values{"under": {opts.Under}, "overdue": {"true"}}, lang, &overdue)
	counts := func(v ledgerView, where string) {
		if v.Open != strconv.Itoa(all.Summary.Open) || v.Overdue != strconv.Itoa(all.Summary.Overdue) {
			t.Errorf("dashboardtest: the %s counts %s not closed and %s overdue, the API %d and %d", where, v.Open, v.Overdue, all.Summary.Open, all.Summary.Overdue)
		}
	}

	// The panel of the start page.
	c.load(c.base + "/?" + url.Values{"division": {opts.Under}, "lang": {lang}}.Encode())
	panel := c.readLedger()
	counts(panel, "panel")
	want := slices.Clone(overdue.Items)
	slices.SortStableFunc(want, func(x, y wire.Rectification) int {
		if d := cmp.Compare(y.DaysOverdue, x.DaysOverdue); d != 0 {
			return d
		}
		return strings.Compare(x.ID, y.ID)
	})
	want = want[:min(len(want), 5)]
	if len(panel.Items) != len(want) {
		t.Errorf("dashboardtest: the panel lists %d overdue items, want the %d most overdue", len(panel.Items), len(want))
	}
	for i, it := range want {
		if i < len(panel.Items) && (panel.Items[i].ID != it.ID || !panel.Items[i].Marked) {
			t.Errorf("dashboardtest: panel item %d is %s (marked %v), the API's most overdue %s", i, panel.Items[i].ID, panel.Items[i].Marked, it.ID)
		}
	}
	if opts.PanelScreenshot != "" {
		c.screenshot(opts.PanelScreenshot)
	}

	// The ledger page, through the panel's link.
	if panel.Link == "" {
		t.Fatalf("dashboardtest: the panel has no link to the ledger")
	}
	c.navigate("open the ledger", chromedp.Click(chromedp.CSS(`#ledger-panel a.ledger-link`)))
	page := c.readLedger()
	if page.Page != "ledger" || page.Lang != lang {
		t.Fatalf("dashboardtest: the ledger link led to page %q in %q", page.Page, page.Lang)
	}
	counts(page, "ledger page")
	byID := make(map[string]wire.Rectification, len(all.Items))
	for _, it := range all.Items {
		byID[it.ID] = it
	}
	if len(page.Items) != len(all.Items) {
		t.Errorf("dashboardtest: the ledger page lists %d items, the API %d", len(page.Items), len(all.Items))
	}
	for _, got := range page.Items {
		it, ok := byID[got.ID]
		switch {
		case !ok:
			t.Errorf("dashboardtest: the ledger page lists %s, which the API does not", got.ID)
		case got.Status != string(it.Status) || got.Problem != it.Problem || got.Overdue != it.Overdue || got.Marked != it.Overdue || got.Division != it.Division.String():
			t.Errorf("dashboardtest: the ledger page shows %+v, the API says %s %s %q overdue %v", got, it.Division, it.Status, it.Problem, it.Overdue)
		}
	}
	if opts.LedgerScreenshot != "" {
		c.screenshot(opts.LedgerScreenshot)
	}

	// The notification's proposals.
	if opts.Month != "" {
		var m wire.Monthly
		c.api("/v1/reports/monthly", url.Values{"under": {opts.Under}, "period": {opts.Month}}, lang, &m)
		c.load(c.base + "/report?" + url.Values{"division": {opts.Under}, "period": {opts.Month}, "lang": {lang}}.Encode())
		r := c.readLedger()
		more, _ := strconv.Atoi(r.ProposedMore) // none when all are listed
		if len(m.Proposed) > 0 && r.ProposedCount != strconv.Itoa(len(m.Proposed)) {
			t.Errorf("dashboardtest: the notification counts %q items proposed, the API %d", r.ProposedCount, len(m.Proposed))
		}
		if r.GroupsTotal != "" && r.GroupsTotal != digits(len(m.Proposed)) {
			t.Errorf("dashboardtest: the notification's table by division counts %s items in all, the API %d", r.GroupsTotal, len(m.Proposed))
		}
		if len(r.Items)+more != len(m.Proposed) || more > 0 && len(r.Items) == 0 {
			t.Errorf("dashboardtest: the notification lists %d items proposed and %d more, the API %d", len(r.Items), more, len(m.Proposed))
		}
		// All listed, in the API's order; else some of them.
		want := m.Proposed
		if more > 0 {
			byID := make(map[string]wire.ProposedRectification, len(m.Proposed))
			for _, pr := range m.Proposed {
				byID[pr.ID] = pr
			}
			want = nil
			for _, got := range r.Items {
				want = append(want, byID[got.ID])
			}
		}
		for i, pr := range want {
			if i >= len(r.Items) {
				break
			}
			got := r.Items[i]
			if got.ID != pr.ID || got.Problem != pr.Problem || got.Stored == "" ||
				got.Source != string(pr.Source.Type) || got.SourceName != pr.SourceName || pr.Owner.Name != "" && got.Owner != pr.Owner.Name {
				t.Errorf("dashboardtest: proposal %d shows %+v, the API says %s %s %q %q of %q", i, got, pr.ID, pr.Source.Type, pr.SourceName, pr.Problem, pr.Owner.Name)
			}
		}
		if opts.ReportScreenshot != "" {
			c.screenshot(opts.ReportScreenshot)
		}
	}
	c.checkConsole()
}

func (c *checker) readLedger() ledgerView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[ledgerView](readLedger))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the ledger: %v", err)
	}
	return v
}
