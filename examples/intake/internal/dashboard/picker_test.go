package dashboard

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// searchingAPI is the fake API (fakeapi_test.go) with GET
// /v1/divisions/search, answered from the default registry: a division
// matches when each word of the query is part of its name or an
// ancestor's, the last its own, or when the query is its code's start. It
// is simpler than the intake's search, whose own tests cover it; the
// dashboard needs only the answer's shape.
type searchingAPI struct{ *fakeAPI }

func (a searchingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/divisions/search" {
		a.fakeAPI.ServeHTTP(w, r)
		return
	}
	a.mu.Lock()
	a.requests = append(a.requests, r)
	a.mu.Unlock()
	if a.token != "" && r.Header.Get("Authorization") != "Bearer "+a.token {
		fakeProblem(w, http.StatusUnauthorized, "intake.unauthorized", "未授权", "缺少或无效的令牌")
		return
	}
	fakeJSON(w, fakeSearch(strings.TrimSpace(r.URL.Query().Get("q"))))
}

// fakeSearch is the fake's answer to a search for q.
func fakeSearch(q string) wire.DivisionSearch {
	ans := wire.DivisionSearch{Query: q, Matches: []wire.DivisionMatch{}}
	terms := strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == '›' })
	if len(terms) == 0 {
		return ans
	}
	for d := range fakeRegistry.All() {
		ok := strings.HasPrefix(d.Code.String(), q) || d.Code.Short() == q
		if !ok && strings.Contains(d.Name, terms[len(terms)-1]) {
			ok = true
			for _, t := range terms[:len(terms)-1] {
				found := false
				for a := range d.Code.Ancestors() {
					found = found || strings.Contains(fakeRegistry.Name(a), t)
				}
				ok = ok && found
			}
		}
		if !ok {
			continue
		}
		ans.Total++
		if len(ans.Matches) < 20 {
			m := wire.DivisionMatch{Division: fakeDivision(d.Code), Path: []wire.Division{}}
			for a := range d.Code.Ancestors() {
				m.Path = append(m.Path, fakeDivision(a))
			}
			ans.Matches = append(ans.Matches, m)
		}
	}
	slices.SortStableFunc(ans.Matches, func(x, y wire.DivisionMatch) int { return cmp.Compare(x.Level, y.Level) })
	return ans
}

// TestPeriodChoices checks the period picker: the years up to the latest
// period's, newest first, each with its year, halves, quarters and months,
// and the selected period marked, even in a year outside them.
func TestPeriodChoices(t *testing.T) {
	latest := healthedu.MustParsePeriod("202510")
	for _, tc := range []struct {
		selected, latest string
		years            []string
		marked           string
	}{
		{"2025Q3", "202510", []string{"2025", "2024", "2023", "2022", "2021"}, "2025Q3"},
		{"202401", "202510", []string{"2025", "2024", "2023", "2022", "2021"}, "202401"},
		{"2019S2", "202510", []string{"2025", "2024", "2023", "2022", "2021", "2019"}, "2019S2"},
		{"2027", "202510", []string{"2027", "2025", "2024", "2023", "2022", "2021"}, "2027"},
		{"2025", "", []string{"2025", "2024", "2023", "2022", "2021"}, "2025"},
	} {
		t.Run(tc.selected, func(t *testing.T) {
			l := latest
			if tc.latest == "" {
				l = healthedu.Period{}
			}
			groups := periodChoices(healthedu.MustParsePeriod(tc.selected), l, langZhHans)
			var years, marked []string
			for _, g := range groups {
				years = append(years, g.Options[0].Value)
				if len(g.Options) != 1+2+4+12 {
					t.Errorf("%s offers %d periods, want 19", g.Label, len(g.Options))
				}
				for _, o := range g.Options {
					if o.Selected {
						marked = append(marked, o.Value)
					}
				}
			}
			if diff := gocmp.Diff(tc.years, years); diff != "" {
				t.Errorf("years (-want +got):\n%s", diff)
			}
			if diff := gocmp.Diff([]string{tc.marked}, marked); diff != "" {
				t.Errorf("marked (-want +got):\n%s", diff)
			}
		})
	}
	g := periodChoices(healthedu.MustParsePeriod("2025Q3"), latest, langEn)[0]
	var labels []string
	for _, o := range g.Options[:8] {
		labels = append(labels, o.Label)
	}
	if diff := gocmp.Diff([]string{"2025", "H1 2025", "H2 2025", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "January 2025"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

// TestDivisionSearchPage searches as the picker's form does and follows
// the results' links: each division with its path, a link back to the
// page the search came from with its parameters and the division chosen.
func TestDivisionSearchPage(t *testing.T) {
	api := searchingAPI{&fakeAPI{token: testToken}}
	h := Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510"), Token: testToken})
	for _, tc := range []struct {
		name, query string
		status      int
		want        []string // in the page
		link        string   // the first result's link
	}{
		{"a name, back to the trend", "q=东昌府&page=trend&indicator=literacy-level&year=2024&lang=zh-Hans", 200,
			[]string{`<span class="path">山东省 › 聊城市 › 东昌府区</span>`, `共找到1个`},
			"trend?division=371502000000&amp;indicator=literacy-level&amp;lang=zh-Hans&amp;year=2024"},
		{"a path, back to the start page", "q=聊城+古楼&page=index&period=2025Q3&lang=en", 200,
			[]string{`山东省 › 聊城市 › 东昌府区 › 古楼街道`, `1 division(s) match`, `<span class="level">township</span>`},
			"./?division=371502001000&amp;lang=en&amp;period=2025Q3"},
		{"a code", "q=371502&lang=zh-Hant", 200, []string{`东昌府区`}, "./?division=371502000000&amp;lang=zh-Hant"},
		{"too many", "q=街道", 200, []string{`只列出前20个`}, ""},
		{"none", "q=不存在", 200, []string{`没有与“不存在”相符的区划`}, ""},
		{"no query", "page=trend", 200, []string{`可输入名称的一部分`}, ""},
		{"another page", "q=x&page=report", 400, []string{`查找结果只能返回看板首页或趋势页`}, ""},
		{"too long", "q=" + strings.Repeat("镇", 101), 400, []string{`不超过100个字`}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := "/divisions?" + tc.query
			if pu, err := url.Parse(u); err == nil {
				u = "/divisions?" + pu.Query().Encode()
			}
			status, body, _ := get(t, h, u)
			if status != tc.status {
				t.Fatalf("status %d, want %d\n%s", status, tc.status, body)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the page lacks %s", w)
				}
			}
			if tc.link != "" {
				li := element(t, body, `<ul id="search-results"`, `</a>`)
				if !strings.Contains(li, `href="`+tc.link+`"`) {
					t.Errorf("the first result is %s, want a link to %s", li, tc.link)
				}
			}
		})
	}
}

// TestPickersOnTheStartPage checks that the start page has the division
// picker, keeping its parameters, the period picker across years and the
// link to the trend of the indicator charted.
func TestPickersOnTheStartPage(t *testing.T) {
	h, _ := newTestDashboard(t)
	status, body, _ := get(t, h, "/?division=371502&period=2025Q3&indicator=literacy-level&lang=en")
	if status != 200 {
		t.Fatalf("status %d\n%s", status, body)
	}
	form := element(t, body, `<form class="picker search"`, `</form>`)
	for _, w := range []string{`action="divisions"`, `name="q"`, `name="page" value="index"`, `name="period" value="2025Q3"`, `name="indicator" value="literacy-level"`, `name="lang" value="en"`} {
		if !strings.Contains(form, w) {
			t.Errorf("the division picker lacks %s:\n%s", w, form)
		}
	}
	sel := element(t, body, `<select name="period"`, `</select>`)
	for _, w := range []string{`<optgroup label="2021">`, `<option value="2023S2">H2 2023</option>`, `<option value="2025Q3" selected>`} {
		if !strings.Contains(sel, w) {
			t.Errorf("the period picker lacks %s", w)
		}
	}
	if w := `<a href="trend?division=371502000000&amp;indicator=literacy-level&amp;lang=en&amp;year=2025">`; !strings.Contains(body, w) {
		t.Errorf("the start page lacks the link %s", w)
	}
}
