package dashboard

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// TestCompliancePage checks the compliance page over the fake API, in the
// three languages: its heading, the source and the as-of time, a cell per
// institution and rule with what the API measures, the shortfalls marked,
// and the issues of each institution that has any.
func TestCompliancePage(t *testing.T) {
	h, api := newTestDashboard(t)
	for _, tt := range []struct {
		lang, query string
		want        []string
	}{
		{"zh-Hans", "/compliance?division=3715&period=2025", []string{
			"<title>聊城市2025年基层医疗卫生机构健康教育服务规范达标情况</title>",
			"国家基本公共卫生服务规范（第三版）（国家卫生和计划生育委员会，2017，健康教育服务规范）",
			`>2025年11月7日 12:00</time>`,
			"共考核3个机构，1个全部达标，2个未全部达标。",
			"本年度尚未结束：全年要求按已过10个月折算",
			`<span class="unconfirmed" title="标“待核实”或 * 的要求值尚未与规范原文核对，平台可调整。">待核实</span>`,
			`<button type="button" data-print hidden>打印</button>`,
			`data-rule="printedKinds">印刷资料种类<span class="unit">（种）</span></th>`,
			"每格为实际值/应达值，单位见表头",
		}},
		{"zh-Hant", "/compliance?division=3715&period=2025Q3&lang=zh-Hant", []string{
			"<title>聊城市2025年基層醫療衛生機構健康教育服務規範達標情況</title>",
			"共考核3個機構，1個全部達標，2個未全部達標。",
		}},
		{"en", "/compliance?division=3715&lang=en", []string{
			"<title>Compliance of grassroots institutions with the health education service norm: 聊城市, 2025</title>",
			"3 institutions judged: 1 compliant, 2 not compliant.",
			"Issues by institution",
		}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			status, body, _ := get(t, h, tt.query)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			var c reports.Compliance
			api.oracle("/v1/compliance", url.Values{"under": {"371500000000"}, "period": {"2025"}}, tt.lang, &c)
			table := element(t, body, `<table id="compliance-table"`, "</table>")
			// The columns' rules, from their headings; a cell's rule is its column's.
			var cols []string
			for _, m := range regexp.MustCompile(`<th scope="col" class="n" data-rule="(\w+)">`).FindAllStringSubmatch(table, -1) {
				cols = append(cols, m[1])
			}
			cellRe := regexp.MustCompile(`<td class="measure (\w+)"><span class="v">([^<]*)<`)
			var want, have []string
			for _, in := range c.Institutions {
				tr := element(t, table, `<tr data-credit-code="`+in.CreditCode.String()+`"`, "</tr>")
				cells := cellRe.FindAllStringSubmatch(tr, -1)
				if len(cells) != len(cols) {
					t.Fatalf("%s: %d cells for %d rules:\n%s", in.Name, len(cells), len(cols), tr)
				}
				for _, m := range in.Measures {
					var cell []string
					if j := slices.Index(cols, string(m.Rule)); j >= 0 {
						cell = cells[j][1:]
					}
					status := "met"
					if !m.Met {
						status = "missed"
					}
					want = append(want, in.Name+" "+string(m.Rule)+" "+status+" "+itoa(m.Value)+"/"+itoa(m.Required))
					have = append(have, in.Name+" "+string(m.Rule)+" "+strings.Join(cell, " "))
				}
				for _, is := range in.Issues {
					if !strings.Contains(body, "<li>"+is.Message+"</li>") {
						t.Errorf("page lacks the issue %q of %s", is.Message, in.Name)
					}
				}
			}
			if diff := cmp.Diff(want, have); diff != "" {
				t.Errorf("cells (-API +page):\n%s", diff)
			}
			if strings.Count(table, `class="measure missed"`) == 0 {
				t.Error("no shortfall marked")
			}
		})
	}
}

// TestCompliancePanel checks the start page's compliance panel: the API's
// counts, the largest shortfalls with their messages, and the link; and
// the notice that replaces it when the API fails.
func TestCompliancePanel(t *testing.T) {
	h, api := newTestDashboard(t)
	status, body, _ := get(t, h, "/?division=3715&period=2025Q3")
	if status != http.StatusOK {
		t.Fatalf("status %d:\n%s", status, body)
	}
	var c reports.Compliance
	api.oracle("/v1/compliance", url.Values{"under": {"371500000000"}, "period": {"2025"}}, "zh-Hans", &c)
	panel := element(t, body, `<section id="compliance"`, "</section>")
	got := []string{first(texts(panel, "dd", "institutions")), first(texts(panel, "dd", "compliant")), first(texts(panel, "dd", "not-compliant"))}
	if diff := cmp.Diff([]string{itoa(c.Summary.Institutions), itoa(c.Summary.Compliant), itoa(c.Summary.NotCompliant)}, got); diff != "" {
		t.Errorf("counts (-API +panel):\n%s", diff)
	}
	for _, s := range []string{
		"<h2 id=\"compliance-h\">2025年健康教育服务规范达标情况</h2>",
		"本年度提供印刷资料",
		`<a href="compliance?division=371500000000&amp;lang=zh-Hans&amp;period=2025">2025年服务规范达标情况</a>`,
	} {
		if !strings.Contains(panel, s) {
			t.Errorf("panel lacks %s:\n%s", s, panel)
		}
	}
	if n := strings.Count(panel, "<li data-credit-code="); n == 0 || n > panelShortfalls {
		t.Errorf("%d shortfalls listed", n)
	}
	api.fail["/v1/compliance"] = http.StatusServiceUnavailable
	status, body, _ = get(t, h, "/?division=3715&period=2025Q3&lang=en")
	if status != http.StatusOK || !strings.Contains(body, "Compliance with the service norm could not be loaded.") {
		t.Errorf("with the API failing: %d, panel %s", status, element(t, body, `<section id="compliance"`, "</section>"))
	}
	if status, _, _ := get(t, h, "/compliance?division=3715&period=2025"); status != http.StatusBadGateway {
		t.Errorf("the compliance page with the API failing: %d, want 502", status)
	}
}

// TestComplianceBadParams checks the page's answers to parameters it
// cannot read.
func TestComplianceBadParams(t *testing.T) {
	h, _ := newTestDashboard(t)
	for _, q := range []string{"division=37x5", "period=2025W42", "period=abc", "division=379999"} {
		if status, _, _ := get(t, h, "/compliance?"+q); status == http.StatusOK {
			t.Errorf("%s: 200", q)
		}
	}
}

// TestShortfallOrder checks that the panel lists the largest shortfalls in
// proportion first.
func TestShortfallOrder(t *testing.T) {
	var c reports.Compliance
	(&fakeAPI{token: testToken}).oracle("/v1/compliance", url.Values{"under": {"3715"}, "period": {"2025"}}, "en", &c)
	p := langEn.newCompliancePanel(&c)
	if len(p.Worst) != 2 || !strings.HasPrefix(p.Worst[0].Message, "3 kinds of printed materials") {
		t.Errorf("shortfalls %+v", p.Worst)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestGroupInstitutions checks the counts of institutions by the division
// below the page's: by the division each serves, in the order of the
// codes, those whose division is not known last.
func TestGroupInstitutions(t *testing.T) {
	in := func(d string, compliant bool) reports.ComplianceInstitution {
		i := reports.ComplianceInstitution{Compliant: compliant}
		if d != "" {
			i.Division = healthedu.MustParseDivisionCode(d)
		}
		return i
	}
	name := func(c healthedu.DivisionCode) string { return "n" + c.String()[:6] }
	link := func(c healthedu.DivisionCode) string { return "compliance?division=" + c.String() }
	child := func(d string, n, ok int) complianceChild {
		c := complianceChild{Name: "?", Institutions: n, Compliant: ok, NotCompliant: n - ok}
		if d != "" {
			c.Division, c.Name, c.URL = d, "n"+d[:6], "compliance?division="+d
		}
		return c
	}
	tests := []struct {
		name  string
		ins   []reports.ComplianceInstitution
		level healthedu.DivisionLevel
		rows  []complianceChild
		total complianceChild
	}{
		{"none", nil, healthedu.LevelCity, nil, complianceChild{}},
		{"a province's cities", []reports.ComplianceInstitution{
			in("371502001", true),
			in("", false),
			in("370102001003", false),
			in("3715", true), // serving the city itself
			in("371521", false),
		}, healthedu.LevelCity, []complianceChild{
			child("370100000000", 1, 0),
			child("371500000000", 3, 2),
			child("", 1, 0),
		}, complianceChild{Institutions: 5, Compliant: 2, NotCompliant: 3}},
		{"a city's counties", []reports.ComplianceInstitution{
			in("371521100", true),
			in("371502001", true),
			in("371502", false),
		}, healthedu.LevelCounty, []complianceChild{
			child("371502000000", 2, 1),
			child("371521000000", 1, 1),
		}, complianceChild{Institutions: 3, Compliant: 2, NotCompliant: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total := groupInstitutions(tt.ins, tt.level, name, link, "?")
			if diff := cmp.Diff(tt.rows, rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.total, total); diff != "" {
				t.Errorf("total (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCompliancePageGrouped checks that the page of a division above a
// township lists its institutions up to complianceRowsMax, and past it
// counts them by the division below, named and linked, in each language;
// a township lists them all.
func TestCompliancePageGrouped(t *testing.T) {
	h, api := newTestDashboard(t)
	tests := []struct {
		query  string
		n      int
		rows   int // institutions listed
		want   []string
		absent []string
	}{
		{"/compliance?division=37&period=2025", complianceRowsMax, complianceRowsMax, nil, []string{`id="compliance-by-child"`, `id="compliance-omitted"`}},
		{"/compliance?division=37&period=2025", complianceRowsMax + 1, 0, []string{
			`<caption id="compliance-by-child-caption">各地级区划机构达标情况</caption>`,
			`<a href="compliance?division=371500000000&amp;lang=zh-Hans&amp;period=2025">聊城市</a>`,
			`<a href="compliance?division=370100000000&amp;lang=zh-Hans&amp;period=2025">济南市</a>`,
			`<tr data-division="">
<th scope="row">区划不明</th>`,
			`<td class="n institutions">281</td>`,
			`id="compliance-omitted">共考核281个机构，本页不逐一列出：请在上表选择地级区划，在其页面查看各机构各项要求的完成情况和问题。</p>`,
		}, []string{`id="compliance-table"`, `id="compliance-issues"`}},
		{"/compliance?division=3715&period=2025&lang=en", 1000, 0, []string{
			`<caption id="compliance-by-child-caption">Institutions by county division</caption>`,
			`<td class="n institutions">1,000</td>`,
			"The 1,000 institutions judged are not listed one by one here",
		}, nil},
		{"/compliance?division=371502&period=2025&lang=zh-Hant", 1000, 0, []string{
			`<caption id="compliance-by-child-caption">各鄉級區劃機構達標情況</caption>`,
			`<a href="compliance?division=371502001000&amp;lang=zh-Hant&amp;period=2025">`,
		}, nil},
		{"/compliance?division=371502001&period=2025", 1000, 1000, nil, []string{`id="compliance-by-child"`}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.query, " ", tt.n), func(t *testing.T) {
			api.institutions = tt.n
			defer func() { api.institutions = 0 }()
			status, body, _ := get(t, h, tt.query)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%.2000s", status, body)
			}
			if got := strings.Count(body, `<tr data-credit-code=`); got != tt.rows {
				t.Errorf("%d institutions listed, want %d", got, tt.rows)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("the page has %q", a)
				}
			}
		})
	}
}
