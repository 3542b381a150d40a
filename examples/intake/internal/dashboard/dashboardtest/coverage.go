package dashboardtest

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// CoverageOptions configure CheckCoverage.
type CoverageOptions struct {
	// Token is the bearer token of the API reads; empty when they are open.
	Token string
	// Division is the division whose start page is checked, such as "37";
	// Holding the short codes of its children that hold data, such as
	// "3715": the others hold none at all.
	Division string
	Holding  []string
	// Period is the period shown, such as "202610"; Lang the page's
	// language, "zh-Hans" when empty.
	Period, Lang string
	// OfReceipts are the indicators made of the receipts of monthly
	// reports, such as report-completeness: their 0 for a child that sent
	// none is a figure, not a lack of data.
	OfReceipts []string
	// OwnLevel is the words in which the coverage of a value recorded at
	// the divisions' own level, above the reporters, is said, such as
	// "本级数据": such a value covers no reporter, and says so in words.
	OwnLevel string
	// Charted are the indicators whose bars of the children are checked.
	Charted []string
	// Screenshot is a file for a full-page PNG of the page; empty for none.
	Screenshot string
	// Timeout bounds the check; zero means 60 seconds.
	Timeout time.Duration
}

// CheckCoverage checks in Chromium that the start page of a division of
// which only some children hold data says so honestly (覆盖情况如实):
//
//   - every figure with a value, but those of receipts, covers fewer
//     reporters than expected (k/n, k < n) and shows the partial mark;
//   - no figure with a value says that no reporter contributed (0/n):
//     one recorded at the divisions' own level says so in the words of
//     opts.OwnLevel;
//   - in the bar chart of each indicator of opts.Charted, each child
//     that holds no data shows no data in words, never a number such as
//     0, and each child that holds data a value.
func CheckCoverage(t testing.TB, baseURL string, opts CoverageOptions) {
	t.Helper()
	c := newChecker(t, baseURL, Options{Token: opts.Token, Timeout: opts.Timeout})
	q := url.Values{"division": {opts.Division}, "period": {opts.Period}, "lang": {cmp.Or(opts.Lang, "zh-Hans")}}
	c.load(c.base + "/?" + q.Encode())
	p := c.read()
	if len(p.Rows) == 0 {
		t.Fatalf("dashboardtest: the page of %s shows no figures", opts.Division)
	}
	for _, r := range p.Rows {
		if r.Value == "—" || r.Value == "" || slices.Contains(opts.OfReceipts, r.Indicator) {
			continue
		}
		if opts.OwnLevel != "" && r.Coverage == opts.OwnLevel {
			continue
		}
		k, n, _ := strings.Cut(strings.ReplaceAll(r.Coverage, ",", ""), "/")
		switch {
		case k == "0":
			t.Errorf("dashboardtest: %s shows %s with the coverage %s: a value of no reporter", r.Indicator, r.Value, r.Coverage)
		case k == n || r.Partial == "":
			t.Errorf("dashboardtest: %s shows %s covering %s without the partial mark %q, while only %v hold data",
				r.Indicator, r.Value, r.Coverage, r.Partial, opts.Holding)
		}
	}
	for _, ind := range opts.Charted {
		q.Set("indicator", ind)
		c.load(c.base + "/?" + q.Encode())
		p := c.read()
		if len(p.Bars) == 0 {
			t.Errorf("dashboardtest: the chart of %s has no bars", ind)
		}
		for _, b := range p.Bars {
			holds := slices.ContainsFunc(opts.Holding, func(h string) bool { return fullCode(t, h) == b.Division })
			switch {
			case holds && !isNumber(b.Value):
				t.Errorf("dashboardtest: the bar of %s (%s), which holds data, shows %q for %s", b.Name, b.Division, b.Value, ind)
			case !holds && (b.Value == "" || isNumber(b.Value)):
				t.Errorf("dashboardtest: the bar of %s (%s), which holds no data, shows %q for %s, not no data in words", b.Name, b.Division, b.Value, ind)
			}
		}
	}
	if opts.Screenshot != "" {
		c.screenshot(opts.Screenshot)
	}
	c.checkConsole()
}
