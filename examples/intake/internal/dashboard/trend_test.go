package dashboard

import (
	"html"
	"net/url"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard/dashboardtest"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// trendAnswer returns the answer of a period whose value is v, from num
// over den, or without data when v is "".
func trendAnswer(num, den int64, v string) trendInput {
	r := &wire.IndicatorRow{}
	if v != "" {
		r.Numerator, r.Denominator, r.Value = new(num), new(den), new(v)
	} else {
		r.Reason = "no-data"
	}
	return trendInput{Row: r}
}

// TestComputeTrend computes trends from answers: changes from the period
// before and from a year before, in percentage points for a rate, in the
// unit for another ratio, relative for a count; none where a value is
// missing, not due or failed, never 0.
func TestComputeTrend(t *testing.T) {
	P := healthedu.MustParsePeriod
	months := func(y string, n int) []healthedu.Period {
		var out []healthedu.Period
		for m := range P(y).Sub(healthedu.PeriodMonth) {
			if len(out) < n {
				out = append(out, m)
			}
		}
		return out
	}
	type got struct{ Period, Value, LastYear, Change, YoY string }
	for _, tc := range []struct {
		name   string
		series []healthedu.Period
		in     map[healthedu.Period]trendInput
		kind   trendKind
		want   []got
	}{
		{
			name:   "a rate in per cent, January against December",
			series: months("2025", 3),
			in: map[healthedu.Period]trendInput{
				P("202412"): trendAnswer(8000, 10000, "80.00"),
				P("202501"): trendAnswer(8125, 10000, "81.25"),
				P("202502"): trendAnswer(0, 0, ""), // no data
				P("202503"): trendAnswer(7950, 10000, "79.50"),
				P("202401"): trendAnswer(7000, 10000, "70.00"),
				P("202403"): trendAnswer(8050, 10000, "80.50"),
			},
			kind: trendPercent,
			want: []got{
				{"202501", "81.25", "70.00", "1.25", "11.25"},
				{"202502", "", "", "", ""},
				{"202503", "79.50", "80.50", "", "-1.00"},
			},
		},
		{
			name:   "a count: relative changes, none after 0",
			series: months("2025", 3),
			in: map[healthedu.Period]trendInput{
				P("202412"): trendAnswer(0, 1, "0"),
				P("202501"): trendAnswer(120, 1, "120"),
				P("202502"): trendAnswer(90, 1, "90"),
				P("202503"): {NotDue: true},
				P("202402"): trendAnswer(70, 1, "70"),
				P("202403"): trendAnswer(3, 1, "3"),
			},
			kind: trendCount,
			want: []got{
				{"202501", "120", "", "", ""},
				{"202502", "90", "70", "-25.0", "28.6"},
				{"202503", "", "3", "", ""},
			},
		},
		{
			name:   "a ratio in its own unit",
			series: months("2025", 2),
			in: map[healthedu.Period]trendInput{
				P("202412"): trendAnswer(50, 4, "12.5"),
				P("202501"): trendAnswer(11, 1, "11.0"), // not a count: the value has decimals
				P("202502"): {Failed: true},
			},
			kind: trendRatio,
			want: []got{
				{"202501", "11.0", "", "-1.5", ""},
				{"202502", "", "", "", ""},
			},
		},
		{
			name:   "quarters across years",
			series: []healthedu.Period{P("2024Q4"), P("2025Q1")},
			in: map[healthedu.Period]trendInput{
				P("2024Q3"): trendAnswer(1, 2, "50.00"),
				P("2024Q4"): trendAnswer(3, 5, "60.00"),
				P("2025Q1"): trendAnswer(13, 20, "65.00"),
				P("2023Q4"): trendAnswer(11, 20, "55.00"),
				P("2024Q1"): trendAnswer(12, 20, "60.00"),
			},
			kind: trendPercent,
			want: []got{
				{"2024Q4", "60.00", "55.00", "10.00", "5.00"},
				{"2025Q1", "65.00", "60.00", "5.00", "5.00"},
			},
		},
		{
			name:   "nothing at all",
			series: months("2025", 1),
			in:     map[healthedu.Period]trendInput{},
			kind:   trendPercent,
			want:   []got{{"202501", "", "", "", ""}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			points, kind := computeTrend(tc.series, tc.in)
			if kind != tc.kind {
				t.Errorf("kind %d, want %d", kind, tc.kind)
			}
			var g []got
			for _, p := range points {
				g = append(g, got{p.Period.String(), p.Value, p.LastYear, p.Change, p.YoY})
			}
			if diff := gocmp.Diff(tc.want, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestTrendChange checks the arithmetic of changes, exact and rounded half
// away from zero only when written.
func TestTrendChange(t *testing.T) {
	for _, tc := range []struct {
		kind        trendKind
		before, now string
		want        string
	}{
		{trendPercent, "80.00", "81.25", "1.25"},
		{trendPercent, "81.25", "80", "-1.25"},
		{trendPercent, "80.0", "80.00", "0.00"},
		{trendRatio, "12.5", "11", "-1.5"},
		{trendCount, "3", "4", "33.3"},
		{trendCount, "8", "9", "12.5"},     // 12.5 exactly
		{trendCount, "16", "18", "12.5"},   // 12.5 exactly
		{trendCount, "200", "201", "0.5"},  // 0.5 exactly
		{trendCount, "201", "200", "-0.5"}, // -0.4975…
		{trendCount, "0", "5", ""},
		{trendCount, "", "5", ""},
		{trendPercent, "80", "", ""},
		{trendPercent, "x", "5", ""},
	} {
		if got := trendChange(tc.kind, tc.before, tc.now); got != tc.want {
			t.Errorf("trendChange(%d, %q, %q) = %q, want %q", tc.kind, tc.before, tc.now, got, tc.want)
		}
	}
}

// TestReadTrend reads the trend page's parameters.
func TestReadTrend(t *testing.T) {
	d := Handler(&fakeAPI{}, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510")}).(*dashboard)
	for _, tc := range []struct {
		query string
		want  string // series first and last, or the parameter in error
	}{
		{"", "202501…202512"},
		{"year=2024&division=371502", "202401…202412"},
		{"by=quarter", "2023Q1…2025Q4"},
		{"by=quarter&year=2024", "2022Q1…2024Q4"},
		{"by=quarter&from=2024Q3&to=2025Q2", "2024Q3…2025Q2"},
		{"by=quarter&from=2022&to=2025", "2022Q1…2025Q4"},
		{"by=quarter&from=2021&to=2025", "error to"},
		{"by=quarter&from=2025&to=2024", "error to"},
		{"by=quarter&from=202501", "error from"},
		{"by=week", "error by"},
		{"year=2025Q1", "error year"},
		{"year=abc", "error year"},
		{"division=99x", "error division"},
		{"indicator=BAD", "error indicator"},
	} {
		q, _ := url.ParseQuery(tc.query)
		tq, perr := d.readTrend(q, langZhHans)
		got := ""
		if perr != nil {
			got = "error " + perr.Param
		} else {
			s := tq.series()
			got = s[0].String() + "…" + s[len(s)-1].String()
		}
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.query, got, tc.want)
		}
	}
}

// TestTrendPage renders the trend of an indicator and compares it with
// the fake API's figures: each month's value, coverage and changes, the
// months not yet due, a bounded number of calls; then the quarters over
// years, and the pages' pickers.
func TestTrendPage(t *testing.T) {
	api := &fakeAPI{token: testToken}
	h := Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510"), Token: testToken})
	status, body, _ := get(t, h, "/trend?division=371502&indicator=child-health-management-rate&year=2025&lang=zh-Hans")
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	if n := len(api.requestsTo("/v1/indicators")); n > 1+12+12 {
		t.Errorf("%d calls of /v1/indicators, want at most 25", n)
	}
	value := func(p string) string {
		var res wire.Indicators
		api.oracle("/v1/indicators", url.Values{"under": {"371502"}, "period": {p}, "indicators": {"child-health-management-rate"}}, "zh-Hans", &res)
		return *res.Rows[0].Value
	}
	for _, m := range []string{"202501", "202506", "202510"} {
		tr := html.UnescapeString(element(t, body, `<tr data-period="`+m+`"`, `</tr>`))
		p := healthedu.MustParsePeriod(m)
		v, before, yearAgo := value(m), value(p.Add(-1).String()), value(p.Add(-12).String())
		for _, w := range []string{
			`<span class="v">` + v + `</span>`,
			`<td class="change mom">` + signed(trendChange(trendPercent, before, v)) + `</td>`,
			`<td class="previous last-year">` + yearAgo + `</td>`,
			`<td class="change yoy">` + signed(trendChange(trendPercent, yearAgo, v)) + `</td>`,
		} {
			if !strings.Contains(tr, w) {
				t.Errorf("%s lacks %s:\n%s", m, w, tr)
			}
		}
	}
	nov := element(t, body, `<tr data-period="202511" data-state="not-due">`, `</tr>`)
	if !strings.Contains(nov, `<span class="v">—</span>`) || !strings.Contains(nov, `未到截止日期`) || strings.Contains(nov, `<span class="v">0`) {
		t.Errorf("November, not yet due:\n%s", nov)
	}
	for _, w := range []string{`环比（百分点）`, `同比（百分点）`, `id="trend-chart"`, `class="value-line"`, `class="prev-line"`, `class="target-line"`,
		`<span class="key target-key">目标 ≥ 85</span>`, `<a href="trend?division=370000000000`, `name="page" value="trend"`,
		`<option value="2024">2024年</option>`, `data-by="quarter"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %s", w)
		}
	}
	if strings.Count(body, `<g class="point`) != 12 {
		t.Errorf("the chart has %d points, want 12", strings.Count(body, `<g class="point`))
	}

	// A count, by quarter, in English.
	status, body, _ = get(t, h, "/trend?division=3715&indicator=activities-held&by=quarter&from=2024&to=2025Q3&lang=en")
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	if strings.Count(body, `<tr data-period="20`) != 7 || !strings.Contains(body, "Quarter on quarter (%)") {
		t.Errorf("the quarters 2024Q1 to 2025Q3, with relative changes:\n%s", element(t, body, `<table id="trend-table"`, `</thead>`))
	}

	// No indicator named: the default, the first with a value.
	_, body, _ = get(t, h, "/trend?division=3715")
	if !strings.Contains(body, `data-indicator="child-health-management-rate"`) {
		t.Errorf("the default trend is not of the first indicator")
	}
	// An indicator the API does not know, and one without data.
	_, body, _ = get(t, h, "/trend?division=3715&indicator=no-such")
	if !strings.Contains(body, `本期没有指标“no-such”`) {
		t.Errorf("an unknown indicator is not said")
	}
	_, body, _ = get(t, h, "/trend?division=3715&indicator=binding-rate")
	if !strings.Contains(body, `所选期间该指标没有数据`) || strings.Contains(body, `id="trend-chart"`) {
		t.Errorf("an indicator without data has a chart")
	}
	// A wrong parameter.
	if status, body, _ := get(t, h, "/trend?by=quarter&from=2020&to=2025"); status != 400 || !strings.Contains(body, "不超过16个季度") {
		t.Errorf("a span too long: %d", status)
	}
	// Every language has every string the page needs.
	for _, l := range []string{"zh-Hant", "en"} {
		if status, body, _ := get(t, h, "/trend?by=quarter&lang="+l); status != 200 {
			t.Errorf("%s: %d\n%s", l, status, body)
		}
	}
}

// TestBrowserTrend drives Chromium, at desktop and phone widths, from the
// start page: it finds a division by name, picks a period, opens the trend
// of an indicator and compares the numbers shown with the API's, by month
// and by quarter; it saves screenshots (see dashboardtest.ScreenshotPath).
func TestBrowserTrend(t *testing.T) {
	api := searchingAPI{&fakeAPI{token: testToken}}
	srv := newTestServer(t, api, api)
	for _, tc := range []struct {
		name  string
		phone bool
		lang  string
	}{{"desktop", false, "zh-Hans"}, {"phone", true, "en"}} {
		t.Run(tc.name, func(t *testing.T) {
			dashboardtest.CheckTrend(t, srv.URL, dashboardtest.TrendOptions{
				Token:       testToken,
				Lang:        tc.lang,
				Phone:       tc.phone,
				Search:      "东昌府",
				Division:    "371502",
				Period:      "2025Q2",
				Indicator:   "child-health-management-rate",
				Screenshot:  dashboardtest.ScreenshotPath(t, "trend-"+tc.name+".png"),
				QuarterShot: dashboardtest.ScreenshotPath(t, "trend-quarters-"+tc.name+".png"),
				SearchShot:  dashboardtest.ScreenshotPath(t, "search-"+tc.name+".png"),
				Timeout:     60 * time.Second,
			})
		})
	}
}
