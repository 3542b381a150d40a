package dashboardtest

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// ApprovalOptions configure CheckApprovals.
type ApprovalOptions struct {
	// Token is the bearer token of the API reads by which the check learns
	// what the page should show; empty when they are open.
	Token string
	// Division and Period are the page's, such as "371526" and "202510".
	Division, Period string
	// Lang is the language of the page, "zh-Hans" when empty.
	Lang string
	// Steps are taken in turn from the rows' forms.
	Steps []ApprovalStep
	// Screenshot and PhoneScreenshot are files for full-page PNGs of the
	// page after the steps, at desktop width and at the 375 CSS pixels of
	// a phone, with the history of the last step's division open; empty
	// for none. RefusalScreenshot is one of the page as a refusal shows
	// it, at phone width.
	Screenshot, PhoneScreenshot, RefusalScreenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// An ApprovalStep is a step of approval taken from the page, as a person
// would: typing the reason and the token into a division's row and
// clicking the action's button.
type ApprovalStep struct {
	Division string // the reporting division of the row, such as "371526002"
	Action   string // submit, approve, accept or return
	Reason   string
	Token    string // the approver's bearer token
	// Refused, when not empty, is the code the API refuses the step with;
	// empty when the step must be taken.
	Refused string
}

// approvalsView is what the approval page shows.
type approvalsView struct {
	Page     string            `json:"page"`
	Lang     string            `json:"lang"`
	URL      string            `json:"url"`
	Text     string            `json:"text"` // the whole page's text
	Counts   map[string]string `json:"counts"`
	Outcome  outcomeView       `json:"outcome"`
	Rows     []approvalRowView `json:"rows"`
	Overflow bool              `json:"overflow"` // the page is wider than the window
}

type outcomeView struct {
	Kind     string `json:"kind"` // ok or refused; "" when none
	Code     string `json:"code"`
	Division string `json:"division"`
	Detail   string `json:"detail"`
}

type approvalRowView struct {
	Division  string      `json:"division"`
	Name      string      `json:"name"`
	State     string      `json:"state"`
	Stale     bool        `json:"stale"`
	Label     string      `json:"label"`
	StaleMark bool        `json:"staleMark"` // a visible mark says the data changed
	Steps     []string    `json:"steps"`     // the actions of the history, in order
	Last      string      `json:"last"`      // the last step's text
	Buttons   []string    `json:"buttons"`
	Reason    string      `json:"reason"` // the value of the reason field
	Token     string      `json:"token"`  // the value of the token field
	Outcome   outcomeView `json:"outcome"`
}

const readApprovals = `(() => {
  const main = document.querySelector('main');
  const text = (el, sel) => { const e = el && el.querySelector(sel); return e ? e.textContent.trim() : ''; };
  const seen = e => !!e && e.getBoundingClientRect().width > 0;
  const outcome = e => e ? { kind: e.dataset.outcome || '', code: e.dataset.code || '', division: e.dataset.division || '', detail: text(e, '.detail') } : { kind: '', code: '', division: '', detail: '' };
  const counts = {};
  for (const d of document.querySelectorAll('#approval-summary div[data-state]')) counts[d.dataset.state] = text(d, 'dd.count');
  const value = (tr, name) => { const i = tr.querySelector('input[name=' + name + ']'); return i ? i.value : ''; };
  return {
    page: main.dataset.page || '', lang: document.documentElement.lang, url: location.href,
    text: document.body.innerText, counts, outcome: outcome(document.querySelector('#outcome')),
    overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
    rows: [...document.querySelectorAll('#approvals tbody tr[data-division]')].map(tr => ({
      division: tr.dataset.division, name: text(tr, 'th .name'), state: tr.dataset.state, stale: tr.dataset.stale === 'true',
      label: text(tr, '.state-label'), staleMark: seen(tr.querySelector('.stale-mark')),
      steps: [...tr.querySelectorAll('details.history li')].map(li => li.dataset.action),
      last: text(tr, 'td.last'),
      buttons: [...tr.querySelectorAll('form.act button[name=action]')].map(b => b.value),
      reason: value(tr, 'reason'), token: value(tr, 'token'),
      outcome: outcome(tr.querySelector('.outcome')),
    })),
  };
})()`

func (c *checker) readApprovals() approvalsView {
	c.t.Helper()
	v, err := chromedp.Run(c.ctx, chromedp.Evaluate[approvalsView](readApprovals))
	if err != nil {
		c.t.Fatalf("dashboardtest: reading the approval page: %v", err)
	}
	return v
}

// CheckApprovals checks the data approval page of the dashboard at baseURL
// in Chromium, against GET /v1/approvals, and takes steps from it:
//
//   - the page lists the reporting divisions the API lists, each with its
//     state in the page's language (approval.State.Label), a visible mark
//     when the data changed after the approval, its history step by step,
//     and buttons for the steps its state allows only; the counts by state
//     are the API's;
//   - each of opts.Steps, typed into the division's row and sent with its
//     button, is taken: the page comes back (after a redirect) saying so,
//     with the division in the state the API now gives and the step at the
//     end of its history, reason included; or it is refused: the page says
//     so with the API's code and a message, the row keeps the reason typed
//     and its state;
//   - the token typed never shows on the page, in a field or in the URL;
//   - at the width of a phone the page is no wider than the screen: the
//     table scrolls in its own box;
//   - no page threw a script error or broke its Content-Security-Policy.
//
// It saves the screenshots opts names.
func CheckApprovals(t testing.TB, baseURL string, opts ApprovalOptions) {
	t.Helper()
	lang := cmp.Or(opts.Lang, "zh-Hans")
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	page := c.base + "/approvals?" + url.Values{"division": {opts.Division}, "period": {opts.Period}, "lang": {lang}}.Encode()
	c.load(page)
	v := c.readApprovals()
	if v.Page != "approvals" || v.Lang != lang {
		t.Fatalf("dashboardtest: %s shows page %q in %q", page, v.Page, v.Lang)
	}
	c.compareApprovals(v, lang)

	var lastDivision string
	refusalShot := false
	for i, st := range opts.Steps {
		code := fullCode(t, st.Division)
		row := `tr[data-division="` + code + `"]`
		before := v.row(code)
		if before == nil {
			t.Fatalf("dashboardtest: step %d: the page has no row for %s", i, code)
		}
		if st.Refused == "" && !slices.Contains(before.Buttons, st.Action) {
			t.Fatalf("dashboardtest: step %d: the row of %s in state %s offers %v, not %s", i, code, before.State, before.Buttons, st.Action)
		}
		// Clear what a refusal kept, then type as a person would.
		actions := []chromedp.Action[chromedp.Void]{chromedp.Evaluate[chromedp.Void](
			`(() => { document.querySelector(` + strconv.Quote(row+` input[name=reason]`) + `).value = ''; })()`)}
		if st.Reason != "" {
			actions = append(actions, chromedp.SendKeys(chromedp.CSS(row+` input[name=reason]`), st.Reason))
		}
		if st.Token != "" {
			actions = append(actions, chromedp.SendKeys(chromedp.CSS(row+` input[name=token]`), st.Token))
		}
		actions = append(actions, chromedp.Click(chromedp.CSS(row+` button[name=action][value="`+st.Action+`"]`)))
		resp, err := chromedp.RunResponse(c.ctx, actions...)
		if err != nil {
			t.Fatalf("dashboardtest: step %d (%s %s): %v", i, st.Action, code, err)
		}
		v = c.readApprovals()
		after := v.row(code)
		if after == nil {
			t.Fatalf("dashboardtest: step %d: after %s, the page has no row for %s", i, st.Action, code)
		}
		if st.Token != "" && (strings.Contains(v.Text, st.Token) || strings.Contains(v.URL, st.Token) || slices.ContainsFunc(v.Rows, func(r approvalRowView) bool { return r.Token != "" })) {
			t.Errorf("dashboardtest: step %d: the page shows the token typed", i)
		}
		if st.Refused != "" {
			if resp.Status < 400 || resp.Status >= 500 {
				t.Errorf("dashboardtest: step %d (%s %s, refused): the page answered %d", i, st.Action, code, resp.Status)
			}
			if v.Outcome.Kind != "refused" || v.Outcome.Code != st.Refused || v.Outcome.Detail == "" || v.Outcome.Division != code {
				t.Errorf("dashboardtest: step %d (%s %s) must be refused with %s; the page says %+v", i, st.Action, code, st.Refused, v.Outcome)
			}
			if after.Outcome.Kind != "refused" || after.State != before.State || !slices.Equal(after.Steps, before.Steps) || after.Reason != st.Reason {
				t.Errorf("dashboardtest: step %d: after the refusal the row shows %+v, before %+v", i, after, before)
			}
			// The browser logs the refusal's status as a failed load.
			c.forgive("status of " + strconv.FormatInt(resp.Status, 10))
			if opts.RefusalScreenshot != "" && !refusalShot {
				// At phone width, with the table scrolled to the row's form.
				c.phone()
				if err := chromedp.Do(c.ctx, chromedp.Evaluate[chromedp.Void](`(() => { const b = document.querySelector('.scroll'); b.scrollLeft = b.scrollWidth; })()`)); err != nil {
					t.Errorf("dashboardtest: scrolling the table: %v", err)
				}
				c.screenshot(opts.RefusalScreenshot)
				c.desktop()
				refusalShot = true
			}
			c.compareApprovals(v, lang)
			continue
		}
		if resp.Status != 200 || strings.Contains(resp.URL, "token") {
			t.Errorf("dashboardtest: step %d (%s %s) ended at %s with %d", i, st.Action, code, resp.URL, resp.Status)
		}
		if v.Outcome.Kind != "ok" || after.Outcome.Kind != "ok" {
			t.Errorf("dashboardtest: step %d (%s %s) does not say it was taken: %+v", i, st.Action, code, v.Outcome)
		}
		if want := append(slices.Clone(before.Steps), st.Action); !slices.Equal(after.Steps, want) {
			t.Errorf("dashboardtest: step %d (%s %s): the history shows %v, want %v", i, st.Action, code, after.Steps, want)
		}
		if st.Reason != "" && !strings.Contains(after.Last, st.Reason) {
			t.Errorf("dashboardtest: step %d: the last step shows %q, without the reason %q", i, after.Last, st.Reason)
		}
		c.compareApprovals(v, lang)
		lastDivision = code
	}

	if lastDivision != "" {
		if err := chromedp.Do(c.ctx, chromedp.Click(chromedp.CSS(`tr[data-division="`+lastDivision+`"] details.history summary`))); err != nil {
			t.Errorf("dashboardtest: opening the history of %s: %v", lastDivision, err)
		}
	}
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}
	c.phone()
	if v := c.readApprovals(); v.Overflow {
		t.Errorf("dashboardtest: at the width of a phone the approval page is wider than the screen")
	}
	if opts.PhoneScreenshot != "" {
		c.screenshot(opts.PhoneScreenshot)
	}
	c.checkConsole()
}

// row returns the row of division code, or nil.
func (v *approvalsView) row(code string) *approvalRowView {
	for i := range v.Rows {
		if v.Rows[i].Division == code {
			return &v.Rows[i]
		}
	}
	return nil
}

// compareApprovals checks the page v against GET /v1/approvals.
func (c *checker) compareApprovals(v approvalsView, lang string) {
	c.t.Helper()
	u, _ := url.Parse(v.URL)
	q := u.Query()
	var a wire.Approvals
	c.api("/v1/approvals", url.Values{"under": {q.Get("division")}, "period": {q.Get("period")}}, lang, &a)
	tag := healthedu.MatchLanguage(lang)
	for _, s := range []approval.State{approval.StateUnsubmitted, approval.StateSubmitted, approval.StateApproved, approval.StateAccepted, approval.StateReturned} {
		key := cmp.Or(string(s), "unsubmitted")
		if got, want := v.Counts[key], strconv.Itoa(a.Count[key]); got != want {
			c.t.Errorf("dashboardtest: the page counts %s %s, the API %s", got, key, want)
		}
	}
	if len(v.Rows) != len(a.Approvals) {
		c.t.Errorf("dashboardtest: the page lists %d divisions, the API %d", len(v.Rows), len(a.Approvals))
	}
	for i, ap := range a.Approvals {
		if i >= len(v.Rows) {
			break
		}
		got := v.Rows[i]
		var steps []string
		for _, e := range ap.History {
			steps = append(steps, string(e.Action))
		}
		want := fmt.Sprint(ap.Division, " ", cmp.Or(string(ap.State), "unsubmitted"), " ", ap.Stale, " ", ap.State.Label(tag), " ", steps)
		have := fmt.Sprint(got.Division, " ", got.State, " ", got.Stale, " ", strings.ToLower(got.Label), " ", got.Steps)
		if have != want {
			c.t.Errorf("dashboardtest: row %d shows %s, the API says %s", i, have, want)
		}
		if got.StaleMark != ap.Stale {
			c.t.Errorf("dashboardtest: row %d (%s) is stale %v, with a visible mark %v", i, got.Division, ap.Stale, got.StaleMark)
		}
		if n := len(ap.History); n > 0 && !strings.Contains(strings.ToLower(got.Last), ap.History[n-1].Action.Label(tag)) {
			c.t.Errorf("dashboardtest: row %d (%s) shows the last step %q, the API %s", i, got.Division, got.Last, ap.History[n-1].Action)
		}
		if wantButtons := allowedSteps(ap); !slices.Equal(got.Buttons, wantButtons) {
			c.t.Errorf("dashboardtest: row %d (%s, %s, stale %v) offers %v, want %v", i, got.Division, got.State, ap.Stale, got.Buttons, wantButtons)
		}
	}
}

// allowedSteps are the steps a row of the API's approval a offers.
func allowedSteps(a wire.Approval) []string {
	switch a.State {
	case approval.StateUnsubmitted, approval.StateReturned:
		return []string{"submit"}
	case approval.StateSubmitted:
		return []string{"approve", "return"}
	case approval.StateApproved:
		if a.Stale {
			return []string{"return"}
		}
		return []string{"accept", "return"}
	case approval.StateAccepted:
		return []string{"return"}
	}
	return nil
}

// fullCode returns the 12 digits of a division code in any form.
func fullCode(t testing.TB, s string) string {
	t.Helper()
	c, err := healthedu.ParseDivisionCode(s)
	if err != nil {
		t.Fatalf("dashboardtest: %v", err)
	}
	return c.String()
}

// phone sizes the page as a phone's screen, 375 CSS pixels wide.
func (c *checker) phone() {
	c.t.Helper()
	if _, err := chromedp.Call(c.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 375, Height: 812, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		c.t.Errorf("dashboardtest: sizing the page as a phone: %v", err)
	}
}

// desktop undoes phone.
func (c *checker) desktop() {
	c.t.Helper()
	if _, err := chromedp.Call(c.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		c.t.Errorf("dashboardtest: sizing the page back: %v", err)
	}
}

// forgive waits up to a second for a problem the page logged that
// contains s, such as the failed load the browser logs for a page that
// answered a refusal's status, and drops it.
func (c *checker) forgive(s string) {
	for range 20 {
		c.mu.Lock()
		for i, p := range c.problems {
			if strings.Contains(p, s) {
				c.problems = slices.Delete(c.problems, i, i+1)
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
}
