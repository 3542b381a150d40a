package dashboard

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

const testToken = "t0k-dashboard"

// newTestDashboard returns the dashboard over a fake API, showing 聊城市 in
// October 2025 by default.
func newTestDashboard(t testing.TB) (http.Handler, *fakeAPI) {
	t.Helper()
	api := &fakeAPI{token: testToken, fail: map[string]int{}}
	h := Handler(api, Options{
		Default:       healthedu.MustParseDivisionCode("3715"),
		DefaultPeriod: healthedu.MustParsePeriod("202510"),
		Token:         testToken,
	})
	return h, api
}

// get serves target and returns the status and the body.
func get(t *testing.T, h http.Handler, target string) (int, string, http.Header) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	body, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(body), w.Result().Header
}

// element returns the markup from the first occurrence of start up to the
// first end after it, or fails.
func element(t *testing.T, body, start, end string) string {
	t.Helper()
	i := strings.Index(body, start)
	if i < 0 {
		t.Fatalf("page lacks %s", start)
	}
	j := strings.Index(body[i:], end)
	if j < 0 {
		t.Fatalf("no %s after %s", end, start)
	}
	return body[i : i+j+len(end)]
}

// texts returns the texts of the elements of the class cls in markup.
func texts(markup, tag, cls string) []string {
	re := regexp.MustCompile(`<` + tag + ` class="` + regexp.QuoteMeta(cls) + `"[^>]*>([^<]*)<`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(markup, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func TestIndexShowsTheAPIsFigures(t *testing.T) {
	h, api := newTestDashboard(t)
	status, body, header := get(t, h, "/?period=2025Q3&indicator=child-health-management-rate")
	if status != http.StatusOK {
		t.Fatalf("status %d, body:\n%s", status, body)
	}
	if ct := header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}

	// The table: one row per indicator of 聊城市, with the API's numbers.
	var own wire.Indicators
	api.oracle("/v1/indicators", url.Values{"under": {"371500000000"}, "period": {"2025Q3"}}, "zh-Hans", &own)
	if len(own.Rows) == 0 {
		t.Fatal("the fake returned no rows")
	}
	table := element(t, body, `<table id="indicators"`, `</table>`)
	for _, r := range own.Rows {
		tr := element(t, table, `<tr data-indicator="`+r.Indicator+`"`, `</tr>`)
		den := countText(r.Denominator)
		if isCount(r) {
			den = ""
		}
		want := []string{countText(r.Numerator), den, orDash(groupDecimal(textOf(r.Value)), "")}
		have := []string{first(texts(tr, "td", "num")), first(texts(tr, "td", "den")), first(texts(tr, "span", "v"))}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("row %s (-API +page):\n%s", r.Indicator, diff)
		}
		if !strings.Contains(tr, ">"+r.IndicatorName+"<") {
			t.Errorf("row %s lacks the name %s", r.Indicator, r.IndicatorName)
		}
		switch {
		case r.Met != nil && *r.Met:
			if !strings.Contains(tr, `class="status met"`) || !strings.Contains(tr, "✓") || !strings.Contains(tr, "达标") {
				t.Errorf("row %s is met but shows %s", r.Indicator, tr)
			}
		case r.Met != nil:
			if !strings.Contains(tr, `class="status missed"`) || !strings.Contains(tr, "✗") || !strings.Contains(tr, "未达标") {
				t.Errorf("row %s is missed but shows %s", r.Indicator, tr)
			}
		}
		if r.Target != nil && !strings.Contains(tr, "≥ "+*r.Target) {
			t.Errorf("row %s lacks its target ≥ %s", r.Indicator, *r.Target)
		}
	}

	// The bar chart: the chosen indicator for each county of 聊城市.
	var kids wire.Indicators
	api.oracle("/v1/indicators", url.Values{"under": {"371500000000"}, "level": {"county"}, "period": {"2025Q3"}, "indicators": {"child-health-management-rate"}}, "zh-Hans", &kids)
	svg := element(t, body, `<svg id="bar-chart"`, `</svg>`)
	if n := strings.Count(svg, `<g class="bar `); n != len(kids.Rows) {
		t.Errorf("%d bars, want %d", n, len(kids.Rows))
	}
	var want, have []string
	for _, r := range kids.Rows {
		want = append(want, r.DivisionName+"="+textOf(r.Value))
		g := element(t, svg, `data-division="`+r.Division.String()+`"`, `</g>`)
		have = append(have, first(texts(g, "text", "name"))+"="+first(texts(g, "text", "value")))
		if !strings.Contains(g, "<title>"+r.DivisionName+"：") {
			t.Errorf("bar %s has no <title> naming it: %s", r.Division, g)
		}
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("bars (-API +page):\n%s", diff)
	}
	if !strings.Contains(svg, `<g class="target">`) || !strings.Contains(svg, "目标 ≥ 85") {
		t.Error("the bar chart lacks the target line")
	}

	// The API saw the token and the page's language.
	for _, r := range api.requestsTo("/v1/indicators") {
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("Authorization %q", got)
		}
		if got := r.Header.Get("Accept-Language"); got != "zh-Hans" {
			t.Errorf("Accept-Language %q", got)
		}
	}

	// Accessibility: lang, title, table headers, chart titles.
	for _, s := range []string{
		`<html lang="zh-Hans">`,
		`<title>聊城市 · 2025年第3季度 · 基层健康教育数据看板</title>`,
		`<th scope="col">指标</th>`,
		`<th scope="row">`,
		`<title id="bar-title">0～6岁儿童健康管理率：各下级区划</title>`,
		`<title id="line-title">2025年月报完整率</title>`,
		`<a href="./?division=371502000000&amp;indicator=child-health-management-rate&amp;lang=zh-Hans&amp;period=2025Q3" data-division="371502000000">东昌府区</a>`,
		`<a href="./?division=370000000000&amp;indicator=child-health-management-rate&amp;lang=zh-Hans&amp;period=2025Q3" data-division="370000000000">山东省</a>`,
		`<option value="2025Q3" selected>2025年第3季度</option>`,
		`<a href="report?division=371500000000&amp;lang=zh-Hans&amp;period=202509">月通报（2025年9月）</a>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %s", s)
		}
	}
}

// countText is a numerator or denominator as the table shows it.
func countText(n *int64) string {
	if n == nil {
		return "—"
	}
	return groupDigits(*n)
}

func first(s []string) string {
	if len(s) == 0 {
		return "<none>"
	}
	return s[0]
}

func TestIndexLineChartShowsCompleteness(t *testing.T) {
	h, api := newTestDashboard(t)
	_, body, _ := get(t, h, "/?period=202510&division=371502")
	svg := element(t, body, `<svg id="line-chart"`, `</svg>`)
	re := regexp.MustCompile(`<g class="point[^"]*" data-period="(\d+)" data-value="([^"]*)">`)
	var have []string
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		have = append(have, m[1]+"="+m[2])
	}
	// The table beside the chart: the counts the completeness comes from.
	rowRe := regexp.MustCompile(`<tr data-period="(\d+)"><th scope="row">[^<]*</th><td class="expected">([^<]*)</td><td class="received">([^<]*)</td><td class="ontime">([^<]*)</td><td class="completeness">([^<]*)</td></tr>`)
	var haveRows []string
	for _, m := range rowRe.FindAllStringSubmatch(body, -1) {
		haveRows = append(haveRows, strings.Join(m[1:], " "))
	}
	// Months after the default period (202510) have no reports yet. The
	// line is the indicator report-completeness of the division, its
	// counts those of report-completeness and report-timeliness.
	var want, wantRows []string
	for m := range healthedu.YearPeriod(2025).Sub(healthedu.PeriodMonth) {
		if m.Compare(healthedu.MustParsePeriod("202510")) > 0 {
			break
		}
		var inds wire.Indicators
		api.oracle("/v1/indicators", url.Values{"under": {"371502000000"}, "period": {m.String()}}, "zh-Hans", &inds)
		var c, tl wire.IndicatorRow
		for _, row := range inds.Rows {
			switch row.Indicator {
			case "report-completeness":
				c = row
			case "report-timeliness":
				tl = row
			}
		}
		want = append(want, m.String()+"="+*c.Value)
		wantRows = append(wantRows, strings.Join([]string{m.String(), groupDigits(*c.Denominator), groupDigits(*c.Numerator), groupDigits(*tl.Numerator), *c.Value}, " "))
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("line chart points (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantRows, haveRows); diff != "" {
		t.Errorf("line chart table (-want +got):\n%s", diff)
	}
	if !strings.Contains(svg, "<polyline points=") {
		t.Error("no line drawn")
	}
}

func TestLanguageSwitch(t *testing.T) {
	tests := []struct {
		lang, acceptLanguage string
		want, notWant        []string
	}{
		{"", "zh-Hans", []string{`<html lang="zh-Hans">`, ">分子</th>", "0～6岁儿童健康管理率", "月报完整率", `aria-current="true">简体中文`}, []string{"Numerator", "分子</th><th>分母"}},
		{"zh-Hant", "zh-Hant", []string{`<html lang="zh-Hant">`, "指標一覽", "0～6歲兒童健康管理率", "月報完整率", `aria-current="true">繁體中文`}, []string{"指标一览", "Numerator"}},
		{"en", "en", []string{`<html lang="en">`, ">Numerator</th>", "0–6 child health management rate", "Monthly report completeness, 2025", `aria-current="true">English`}, []string{"分子", "指标一览"}},
		{"zh-TW", "zh-Hant", []string{`<html lang="zh-Hant">`}, nil},
		{"EN-gb", "en", []string{`<html lang="en">`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			h, api := newTestDashboard(t)
			status, body, _ := get(t, h, "/?lang="+tt.lang)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(body, s) {
					t.Errorf("page has %s", s)
				}
			}
			for _, r := range api.requestsTo("/v1/indicators") {
				if got := r.Header.Get("Accept-Language"); got != tt.acceptLanguage {
					t.Errorf("Accept-Language %q, want %q", got, tt.acceptLanguage)
				}
			}
			// The switch links to the same page in each language.
			for _, l := range []string{"zh-Hans", "zh-Hant", "en"} {
				if !strings.Contains(body, `lang=`+l+`" hreflang="`+l+`" lang="`+l+`"`) {
					t.Errorf("no link to %s", l)
				}
			}
		})
	}
}

func TestBadRequestsGetAFriendlyPage(t *testing.T) {
	tests := []struct {
		name, method, target string
		fail                 map[string]int
		status               int
		want                 []string
	}{
		{"division syntax", "GET", "/?division=37x5", nil, 400, []string{"参数 division 有误", "区划代码“37x5”只能由数字组成"}},
		{"division length", "GET", "/?division=3715021&lang=en", nil, 400, []string{"Wrong parameter division", "wrong number of digits"}},
		{"period syntax", "GET", "/?period=2025X", nil, 400, []string{"参数 period 有误", "报告期“2025X”的写法有误"}},
		{"period range", "GET", "/?period=202513&lang=zh-Hant", nil, 400, []string{"參數 period 有誤"}},
		{"period week", "GET", "/?period=2025W42", nil, 400, []string{"不能显示报告期“2025W42”"}},
		{"indicator", "GET", "/?indicator=%3Cscript%3E", nil, 400, []string{"“&lt;script&gt;”不是指标代码"}},
		{"lang", "GET", "/?lang=fr", nil, 400, []string{"参数 lang 有误", "不支持语言“fr”"}},
		{"lang syntax", "GET", "/?lang=%21%21", nil, 400, []string{"参数 lang 有误"}},
		{"report quarter", "GET", "/report?period=2025Q3", nil, 400, []string{"月通报按月编制"}},
		{"report bad division", "GET", "/report?period=202510&division=x", nil, 400, []string{"参数 division 有误"}},
		{"unknown division", "GET", "/?division=379999", nil, 404, []string{"区划不存在", "区划代码“379999000000”不存在"}},
		{"unknown page", "GET", "/favicon.ico", nil, 404, []string{"没有这个页面"}},
		{"method", "POST", "/", nil, 405, []string{"只能以 GET 方式访问"}},
		{"API down", "GET", "/", map[string]int{"/v1/divisions": 500}, 502, []string{"数据服务暂时无法回答"}},
		{"API down, report", "GET", "/report", map[string]int{"/v1/reports/monthly": 503}, 502, []string{"数据服务暂时无法回答"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, api := newTestDashboard(t)
			for k, v := range tt.fail {
				api.fail[k] = v
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
			body := w.Body.String()
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if !strings.Contains(body, `data-page="error"`) || !strings.Contains(body, "<html lang=") || !strings.Contains(body, `href="./?lang=`) {
				t.Errorf("not the friendly page:\n%s", body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s:\n%s", s, element(t, body, "<main", "</main>"))
				}
			}
		})
	}
}

// TestAPIProblemInAnotherLanguage checks that a page in one language is
// not headed by the title of a problem the API wrote in another: a
// zh-Hans page said "Not Found".
func TestAPIProblemInAnotherLanguage(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Language", "en")
		fakeProblem(w, http.StatusNotFound, "division.unknown", "Not Found", "Division code 379999 is not in the registry")
	})
	h := Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510")})
	status, body, _ := get(t, h, "/?division=379999")
	main := element(t, body, "<main", "</main>")
	if status != http.StatusNotFound || strings.Contains(main, "Not Found") || !strings.Contains(main, "<h1>无法显示此页</h1>") ||
		!strings.Contains(main, `<p class="message" lang="en">Division code 379999 is not in the registry</p>`) {
		t.Errorf("status %d, page:\n%s", status, main)
	}
	// In the page's language, the title heads it.
	api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Language", r.Header.Get("Accept-Language"))
		fakeProblem(w, http.StatusNotFound, "division.unknown", "未找到", "区划代码“379999”不在区划代码表中")
	})
	h = Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510")})
	if _, body, _ = get(t, h, "/?division=379999"); !strings.Contains(body, "<h1>未找到</h1>") || !strings.Contains(body, `<p class="message">区划代码“379999”不在区划代码表中</p>`) {
		t.Errorf("page:\n%s", element(t, body, "<main", "</main>"))
	}
}

func TestIndexWithoutTheRightToken(t *testing.T) {
	api := &fakeAPI{token: "other"}
	h := Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510"), Token: "wrong"})
	status, body, _ := get(t, h, "/")
	if status != http.StatusUnauthorized || !strings.Contains(body, "缺少或无效的令牌") {
		t.Errorf("status %d, body:\n%s", status, body)
	}
}

func TestIndexEdgeCases(t *testing.T) {
	h, _ := newTestDashboard(t)
	// A township has no children in the registry: no bar chart, a note.
	status, body, _ := get(t, h, "/?division=371502001")
	if status != 200 || strings.Contains(body, `id="bar-chart"`) || !strings.Contains(body, "没有下级区划") {
		t.Errorf("township: status %d, bar chart present or note missing", status)
	}
	// An indicator the API does not have: a note, not an error.
	status, body, _ = get(t, h, "/?indicator=no-such-indicator")
	if status != 200 || strings.Contains(body, `id="bar-chart"`) || !strings.Contains(body, "本期没有指标“no-such-indicator”") {
		t.Errorf("unknown indicator: status %d", status)
	}
	// An indicator without data anywhere: dashes, and the reason.
	_, body, _ = get(t, h, "/?indicator=binding-rate")
	tr := element(t, body, `<tr data-indicator="binding-rate"`, "</tr>")
	for _, s := range []string{`<span class="v">—</span>`, `<span class="reason">无数据</span>`, "无值"} {
		if !strings.Contains(tr, s) {
			t.Errorf("binding-rate row lacks %s: %s", s, tr)
		}
	}
	// A full-width division code is read.
	if status, _, _ := get(t, h, "/?division=%EF%BC%93%EF%BC%97%EF%BC%91%EF%BC%95"); status != 200 {
		t.Errorf("full-width code: status %d", status)
	}
	// HEAD answers the headers only.
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodHead, "/", nil))
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d bytes", w.Code, w.Body.Len())
	}
}

func TestReportPage(t *testing.T) {
	h, api := newTestDashboard(t)
	status, body, _ := get(t, h, "/report?period=202510&division=3715")
	if status != http.StatusOK {
		t.Fatalf("status %d:\n%s", status, body)
	}
	var m wire.Monthly
	api.oracle("/v1/reports/monthly", url.Values{"under": {"371500000000"}, "period": {"202510"}}, "zh-Hans", &m)
	table := element(t, body, `<table id="ranking"`, "</table>")
	var want, have []string
	for _, d := range m.Divisions {
		want = append(want, strings.Join([]string{fmt.Sprint(d.Rank), d.Name, groupDigits(d.Expected), groupDigits(d.Received), groupDigits(d.OnTime), d.Completeness, d.Timeliness}, "|"))
		tr := element(t, table, `<tr data-division="`+d.Division.String()+`"`, "</tr>")
		have = append(have, strings.Join([]string{first(texts(tr, "td", "rank")), first(regexp.MustCompile(`<th scope="row">([^<]*)<`).FindStringSubmatch(tr)[1:]),
			first(texts(tr, "td", "expected")), first(texts(tr, "td", "received")), first(texts(tr, "td", "ontime")),
			first(texts(tr, "td", "completeness")), first(texts(tr, "td", "timeliness"))}, "|"))
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("ranking (-API +page):\n%s", diff)
	}
	tot := monthlyTotal(&m)
	foot := element(t, table, "<tfoot>", "</tfoot>")
	if got := first(texts(foot, "td", "completeness")); got != tot.Completeness {
		t.Errorf("total completeness %s, want %s", got, tot.Completeness)
	}
	for _, s := range []string{
		"<title>聊城市2025年10月健康教育工作月通报</title>",
		`<time datetime="2025-11-10">2025年11月10日</time>`,
		"@page { size: A4;",
		`<button type="button" data-print hidden>打印</button>`,
		"居民健康素养水平",
		`<td class="target">≥ 25</td>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("report lacks %s", s)
		}
	}
	for _, n := range m.NotReported {
		if !strings.Contains(body, `<li data-division="`+n.Division.String()+`">`+n.Name+"</li>") {
			t.Errorf("not-reported list lacks %s", n.Name)
		}
	}
	// The default period is the default month.
	if status, body, _ := get(t, h, "/report?lang=en"); status != 200 || !strings.Contains(body, "Monthly notification on health education: 聊城市, October 2025") {
		t.Errorf("default report: %d", status)
	}
}

// TestContentSecurityPolicy checks that the policy's hashes are those of
// the inline style and script as served, so that the browser runs them.
func TestContentSecurityPolicy(t *testing.T) {
	h, _ := newTestDashboard(t)
	for _, target := range []string{"/", "/report", "/?lang=x!"} {
		_, body, header := get(t, h, target)
		csp := header.Get("Content-Security-Policy")
		for _, tag := range []string{"style", "script"} {
			inline := element(t, body, "<"+tag+">", "</"+tag+">")
			inline = strings.TrimSuffix(strings.TrimPrefix(inline, "<"+tag+">"), "</"+tag+">")
			sum := sha256.Sum256([]byte(inline))
			if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, tag+"-src "+want) {
				t.Errorf("%s: the policy %q lacks the hash %s of the %s", target, csp, want, tag)
			}
		}
		if !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: policy %q", target, csp)
		}
	}
}

// TestLinksAreRelative checks that the pages work under any prefix.
func TestLinksAreRelative(t *testing.T) {
	h, _ := newTestDashboard(t)
	for _, target := range []string{"/", "/report", "/nope"} {
		_, body, _ := get(t, h, target)
		for _, m := range regexp.MustCompile(`(?:href|action)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
			if strings.HasPrefix(m[1], "/") || strings.Contains(m[1], "://") {
				t.Errorf("%s: link %q is not relative", target, m[1])
			}
		}
	}
}

func TestReportMonth(t *testing.T) {
	p := healthedu.MustParsePeriod
	tests := []struct{ period, def, want string }{
		{"202510", "202509", "202510"},
		{"2025Q4", "202510", "202510"},
		{"2025Q3", "202510", "202509"},
		{"2025", "202510", "202510"},
		{"2024", "202510", "202412"},
		{"2025S2", "2025", "202512"},
	}
	for _, tt := range tests {
		if got := reportMonth(p(tt.period), p(tt.def)); got.String() != tt.want {
			t.Errorf("reportMonth(%s, %s) = %s, want %s", tt.period, tt.def, got, tt.want)
		}
	}
}

func TestPeriodShiftYear(t *testing.T) {
	p := healthedu.MustParsePeriod
	tests := []struct {
		period string
		n      int
		want   string
	}{
		{"202510", -1, "202410"}, {"2025Q3", 1, "2026Q3"}, {"2025S2", -1, "2024S2"}, {"2025", 1, "2026"},
		{"9999", 1, "9999"}, // no year after 9999: stays
	}
	for _, tt := range tests {
		if got := periodShiftYear(p(tt.period), tt.n); got.String() != tt.want {
			t.Errorf("periodShiftYear(%s, %d) = %s, want %s", tt.period, tt.n, got, tt.want)
		}
	}
}

// FuzzQuery checks that no query, however wrong, makes a page other than
// the dashboard or a friendly error page.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"", "division=3715&period=2025Q3", "division=371502&period=202510&indicator=literacy-level&lang=en",
		"division=%EF%BC%93%EF%BC%97", "period=2025W42", "lang=fr", "indicator=-x", "division=99", "period=9999S2",
	} {
		f.Add("/", s)
		f.Add("/report", s)
	}
	h, _ := newTestDashboard(f)
	f.Fuzz(func(t *testing.T, path, query string) {
		if path != "/" && path != "/report" {
			path = "/nowhere"
		}
		u := &url.URL{Path: path, RawQuery: query}
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.URL = u
		h.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusNotFound:
		default:
			t.Fatalf("GET %s: status %d", u, w.Code)
		}
		if !strings.Contains(w.Body.String(), `<main id="main"`) {
			t.Fatalf("GET %s: not a page", u)
		}
	})
}

func BenchmarkIndex(b *testing.B) {
	h, _ := newTestDashboard(b)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/?division=3715&period=2025Q3", nil))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// TestAncestorsAndTotalsAsTheAPISends checks that the dashboard takes
// the ancestors of a division from the one answer of /v1/divisions, and
// the total line of the notification from the figures the API gives for
// the division itself.
func TestAncestorsAndTotalsAsTheAPISends(t *testing.T) {
	h, api := newTestDashboard(t)
	status, body, _ := get(t, h, "/?division=371502")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	crumbs := element(t, body, `<ol class="breadcrumb">`, "</ol>")
	for _, s := range []string{`data-division="370000000000">山东省</a>`, `data-division="371500000000">聊城市</a>`, `<li aria-current="page">东昌府区</li>`} {
		if !strings.Contains(crumbs, s) {
			t.Errorf("breadcrumb lacks %s: %s", s, crumbs)
		}
	}
	if n := len(api.requestsTo("/v1/divisions")); n != 1 {
		t.Errorf("%d requests for divisions, want 1", n)
	}

	var m wire.Monthly
	api.oracle("/v1/reports/monthly", url.Values{"under": {"371500000000"}, "period": {"202510"}}, "zh-Hans", &m)
	_, body, _ = get(t, h, "/report?period=202510")
	foot := element(t, body, "<tfoot>", "</tfoot>")
	for _, s := range []string{
		`<td class="expected">` + groupDigits(m.Expected) + "<",
		`<td class="received">` + groupDigits(m.Received) + "<",
		`<td class="completeness">` + m.Completeness + "<",
		`<td class="timeliness">` + m.Timeliness + "<",
	} {
		if !strings.Contains(foot, s) {
			t.Errorf("total lacks %s: %s", s, foot)
		}
	}
}

func TestTargetText(t *testing.T) {
	tests := []struct{ direction, target, want string }{
		{">=", "25", "≥ 25"},
		{"<=", "3.5", "≤ 3.5"},
		{"", "25", "25"}, // a target without direction is shown bare
		{"~", "25", "25"},
		{">=", "", ""},
	}
	for _, tc := range tests {
		if got := targetText(tc.direction, tc.target); got != tc.want {
			t.Errorf("targetText(%q, %q) = %q, want %q", tc.direction, tc.target, got, tc.want)
		}
	}
}

func TestNoDefaults(t *testing.T) {
	h := Handler(&fakeAPI{}, Options{})
	for target, want := range map[string]string{
		"/":                           "请输入区划代码。",
		"/?division=3715":             "请选择报告期",
		"/report?division=3715":       "请选择报告期",
		"/?division=3715&period=2025": "",
	} {
		status, body, _ := get(t, h, target)
		if want == "" {
			if status != 200 {
				t.Errorf("%s: status %d", target, status)
			}
			continue
		}
		if status != 400 || !strings.Contains(body, want) {
			t.Errorf("%s: status %d, want 400 saying %s", target, status, want)
		}
	}
}

// TestIndexFiguresAsTheyAre checks, in each language, how the table shows
// what a figure is: its coverage beside it with a mark when partial, no
// data said in words and never as 0, a count without a denominator of 1,
// digits grouped in thousands, a flag with its message, and a pro-rated
// target marked.
func TestIndexFiguresAsTheyAre(t *testing.T) {
	h, api := newTestDashboard(t)
	for _, tc := range []struct {
		lang                                 string
		partial, noData, prorated, flagsHead string
	}{
		{"zh-Hans", "部分", "无数据", "按进度", "数据提示"},
		{"zh-Hant", "部分", "無資料", "按進度", "資料提示"},
		{"en", "partial", "No data", "pro-rated", "Data warnings"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			_, body, _ := get(t, h, "/?division=3715&period=2025&lang="+tc.lang)
			var own wire.Indicators
			api.oracle("/v1/indicators", url.Values{"under": {"371500000000"}, "period": {"2025"}}, tc.lang, &own)
			table := element(t, body, `<table id="indicators"`, `</table>`)
			type cells struct{ Num, Den, Value, Reason, Coverage, Partial, Target string }
			for _, r := range own.Rows {
				tr := element(t, table, `<tr data-indicator="`+r.Indicator+`"`, `</tr>`)
				got := cells{first(texts(tr, "td", "num")), first(texts(tr, "td", "den")), first(texts(tr, "span", "v")),
					first(texts(tr, "span", "reason")), first(texts(tr, "span", "k")), first(texts(tr, "span", "partial-mark")),
					first(regexp.MustCompile(`<td class="target">([^<]*)`).FindStringSubmatch(tr)[1:])}
				want := cells{Num: "<none>", Den: "<none>", Value: "<none>", Reason: "<none>", Partial: "<none>",
					Coverage: fmt.Sprintf("%s/%s", groupDigits(int64(r.Coverage.Reporting)), groupDigits(int64(r.Coverage.Expected))),
					Target:   targetText(r.Direction, textOf(r.Target))}
				switch r.Indicator {
				case "activities-held": // a count: 13,096 over nothing
					want.Num, want.Den, want.Value = groupDigits(*r.Numerator), "", groupDecimal(textOf(r.Value))
					if !strings.Contains(want.Value, ",") {
						t.Fatalf("the fake's count %s has no thousands", textOf(r.Value))
					}
				case "binding-rate": // no data
					want.Num, want.Den, want.Value, want.Reason = "—", "—", "—", tc.noData
				default:
					want.Num, want.Den, want.Value = groupDigits(*r.Numerator), groupDigits(*r.Denominator), groupDecimal(textOf(r.Value))
				}
				if r.Coverage.Partial() && r.Value != nil { // no data is not partial: it says so
					want.Partial = tc.partial
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s (-want +got):\n%s", r.Indicator, diff)
				}
				if r.TargetProrated != strings.Contains(tr, `<span class="prorated"`) || r.TargetProrated && !strings.Contains(tr, ">"+tc.prorated+"<") {
					t.Errorf("%s: pro-rated %v, shows %s", r.Indicator, r.TargetProrated, tr)
				}
				if (len(r.Flags) > 0) != strings.Contains(tr, `class="flag"`) {
					t.Errorf("%s: flags %v, shows %s", r.Indicator, r.Flags, tr)
				}
			}
			// The flags' messages, in the page's language, under the table.
			flags := element(t, body, `<div class="flags" id="flags">`, `</div>`)
			if !strings.Contains(flags, tc.flagsHead) {
				t.Errorf("flags lack the heading %s: %s", tc.flagsHead, flags)
			}
			for _, r := range own.Rows {
				for _, is := range r.FlagIssues {
					if !strings.Contains(flags, `<li data-indicator="`+r.Indicator+`">`+html.EscapeString(is.Message)+`</li>`) {
						t.Errorf("flags lack %q: %s", is.Message, flags)
					}
				}
			}
			if !strings.Contains(body, `id="coverage-note"`) {
				t.Error("partial figures without the note on coverage")
			}
		})
	}
}

// TestProvinceView checks 山东省, where the fake's figures come from part
// of the expected reporters: every figure has its coverage beside it,
// and the bars of the cities say so too.
func TestProvinceView(t *testing.T) {
	h, api := newTestDashboard(t)
	_, body, _ := get(t, h, "/?division=37&period=202510&indicator=child-health-management-rate")
	var kids wire.Indicators
	api.oracle("/v1/indicators", url.Values{"under": {"370000000000"}, "level": {"city"}, "period": {"202510"},
		"indicators": {"child-health-management-rate"}}, "zh-Hans", &kids)
	svg := element(t, body, `<svg id="bar-chart"`, `</svg>`)
	partial := 0
	for _, r := range kids.Rows {
		g := element(t, svg, `data-division="`+r.Division.String()+`"`, `</g>`)
		cov := fmt.Sprintf("%s/%s", groupDigits(int64(r.Coverage.Reporting)), groupDigits(int64(r.Coverage.Expected)))
		if r.Coverage.Partial() {
			partial++
			if got := first(texts(g, "text", "coverage")); got != "（"+cov+"）" {
				t.Errorf("bar %s: coverage %q, want （%s）", r.DivisionName, got, cov)
			}
		} else if strings.Contains(g, `class="coverage"`) {
			t.Errorf("bar %s: a coverage mark on a whole figure", r.DivisionName)
		}
		if !strings.Contains(g, "<title>"+r.DivisionName+"：") || !strings.Contains(g, groupDigits(int64(r.Coverage.Expected))+"个应报单位中"+groupDigits(int64(r.Coverage.Reporting))+"个有数据") {
			t.Errorf("bar %s: the title does not give the coverage: %s", r.DivisionName, g)
		}
	}
	if partial == 0 {
		t.Fatal("the fake gave no partial figure to the cities")
	}
	table := element(t, body, `<table class="data" id="bar-data">`, `</table>`)
	if n := strings.Count(table, `<td class="coverage">`); n != len(kids.Rows) {
		t.Errorf("the bar chart's data table gives %d coverages for %d cities", n, len(kids.Rows))
	}
}

// TestReportBeforeDeadline checks the notification of a month whose
// deadline has not passed (the fake's months after October 2025): it
// says so in the reader's language, shows the reports received early and
// lists nobody as not reported.
func TestReportBeforeDeadline(t *testing.T) {
	h, api := newTestDashboard(t)
	var m wire.Monthly
	api.oracle("/v1/reports/monthly", url.Values{"under": {"371500000000"}, "period": {"202511"}}, "zh-Hans", &m)
	if m.Due || m.ReceivedEarly == nil {
		t.Fatal("the fake's November is due")
	}
	for _, tc := range []struct{ lang, notDue, early, none string }{
		{"zh-Hans", "2025年11月的月报截止日期为2025年12月10日，尚未到期：截止后才统计完整率、及时率和未报送单位。",
			"截至2025年11月6日 12:00，" + groupDigits(int64(m.Reporters)) + "个应报单位中已有" + groupDigits(*m.ReceivedEarly) + "个提前报送。",
			"截止日期前不列未报送单位。"},
		{"zh-Hant", "2025年11月的月報截止日期為2025年12月10日，尚未到期：截止後才統計完整率、及時率和未報送單位。",
			"截至2025年11月6日 12:00，" + groupDigits(int64(m.Reporters)) + "個應報單位中已有" + groupDigits(*m.ReceivedEarly) + "個提前報送。",
			"截止日期前不列未報送單位。"},
		{"en", "The monthly reports for November 2025 are due by 10 December 2025, which has not passed: completeness, timeliness and the divisions not reported are counted after it.",
			"By 6 November 2025, 12:00, " + groupDigits(*m.ReceivedEarly) + " of " + groupDigits(int64(m.Reporters)) + " expected reporters have reported early.",
			"No division is listed as not reported before the deadline."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			status, body, _ := get(t, h, "/report?division=3715&period=202511&lang="+tc.lang)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			for _, s := range []string{`<p class="notice" id="not-due">` + html.EscapeString(tc.notDue) + `</p>`,
				`<p id="received-early">` + tc.early + `</p>`, "<p>" + tc.none + "</p>"} {
				if !strings.Contains(body, s) {
					t.Errorf("report lacks %s", s)
				}
			}
			for _, s := range []string{`id="ranking"`, `id="not-reported"`} {
				if strings.Contains(body, s) {
					t.Errorf("report of a month not due has %s", s)
				}
			}
			table := element(t, body, `<table id="early"`, "</table>")
			for _, d := range m.Divisions {
				tr := element(t, table, `<tr data-division="`+d.Division.String()+`"`, "</tr>")
				if got, want := first(texts(tr, "td", "early")), groupDigits(*d.ReceivedEarly); got != want {
					t.Errorf("%s: %s received early, want %s", d.Name, got, want)
				}
				if got, want := first(texts(tr, "td", "reporters")), groupDigits(int64(d.Reporters)); got != want {
					t.Errorf("%s: %s reporters, want %s", d.Name, got, want)
				}
			}
		})
	}
}

// TestReportIndicators checks the notification's indicators once due:
// those of the division itself and those below target, with the gap, the
// previous month and the change, signed; the flagged ones with their
// messages; and the non-reporters grouped by county.
func TestReportIndicators(t *testing.T) {
	h, api := newTestDashboard(t)
	_, body, _ := get(t, h, "/report?division=3715&period=202510")
	var m wire.Monthly
	api.oracle("/v1/reports/monthly", url.Values{"under": {"371500000000"}, "period": {"202510"}}, "zh-Hans", &m)
	own := element(t, body, `<table id="own-indicators"`, "</table>")
	type line struct{ Value, Gap, Previous, Change string }
	for _, mi := range m.Indicators {
		tr := element(t, own, `<tr data-indicator="`+mi.Indicator+`"`, "</tr>")
		got := line{first(texts(tr, "span", "v")), first(texts(tr, "td", "gap")), first(texts(tr, "td", "previous")), first(texts(tr, "td", "change"))}
		want := line{orDash(groupDecimal(textOf(mi.Value)), ""), signed(mi.Gap), "—", "—"}
		if mi.Previous != nil {
			want.Previous, want.Change = "1,234.5", "-0.25"
		}
		if mi.Gap == "" {
			want.Gap = ""
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", mi.Indicator, diff)
		}
	}
	below := element(t, body, `<table id="below-target"`, "</table>")
	for _, s := range []string{`<td class="gap">-3.93</td>`, `<td class="previous">20.50</td>`, `<td class="change">+0.57</td>`, `<span class="partial-mark">部分</span>`} {
		if !strings.Contains(html.UnescapeString(below), s) {
			t.Errorf("below target lacks %s: %s", s, below)
		}
	}
	flagged := element(t, body, `<ul id="flagged">`, "</ul>")
	for _, mi := range m.Flagged {
		for _, is := range mi.FlagIssues {
			if !strings.Contains(flagged, mi.Name+"："+html.EscapeString(is.Message)) {
				t.Errorf("flagged lacks %s: %s", is.Message, flagged)
			}
		}
	}
	if len(m.NotReportedByCounty) == 0 {
		t.Fatal("the fake reports everyone")
	}
	counties := element(t, body, `<dl class="counties" id="not-reported">`, "</dl>")
	for _, c := range m.NotReportedByCounty {
		if !strings.Contains(counties, `<dt data-county="`+c.County.String()+`">`+c.Name+"（"+groupDigits(int64(c.Count))+"个）</dt>") {
			t.Errorf("counties lack %s: %s", c.Name, counties)
		}
	}
	if !strings.Contains(body, "共"+groupDigits(int64(len(m.NotReported)))+"个单位未报送：") {
		t.Error("no count of the divisions not reported")
	}
}
