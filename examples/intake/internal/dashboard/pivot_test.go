package dashboard

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

func TestReadPivotQuery(t *testing.T) {
	d := Handler(&fakeAPI{}, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510")}).(*dashboard)
	tests := []struct {
		query     string
		want      string // rows cols fixed by sort order
		wantParam string // the parameter refused, if one is
	}{
		{"", "division indicator period month  asc", ""},
		{"rows=indicator&cols=division", "indicator division period month  asc", ""},
		{"rows=period&cols=division&by=quarter", "period division indicator quarter  asc", ""},
		{"rows=division&cols=period&sort=202503", "division period indicator month 202503 desc", ""},
		{"sort=literacy-level&order=asc", "division indicator period month literacy-level asc", ""},
		{"order=desc", "division indicator period month  desc", ""},
		{"rows=indicator", "", "cols"},
		{"rows=region", "", "rows"},
		{"cols=", "division indicator period month  asc", ""},
		{"cols=Period", "", "cols"},
		{"by=week", "", "by"},
		{"order=up", "", "order"},
		{"period=2025W3", "", "period"},
		{"indicator=Bad!", "", "indicator"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			q, perr := d.readPivotQuery(v, langEn)
			if tt.wantParam != "" {
				if perr == nil || perr.Param != tt.wantParam {
					t.Fatalf("error %v, want one for %s", perr, tt.wantParam)
				}
				if msg := perr.message(langZhHans); msg == "" || strings.Contains(msg, "%!") {
					t.Errorf("message %q", msg)
				}
				return
			}
			if perr != nil {
				t.Fatal(perr)
			}
			order := map[bool]string{false: "asc", true: "desc"}[q.Desc]
			got := strings.Join([]string{q.Rows.String(), q.Cols.String(), q.fixed().String(), q.By, q.Sort, order}, " ")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			// The URL of the view reads back as the view.
			back, _ := url.ParseQuery(q.values().Encode())
			q2, perr := d.readPivotQuery(back, langEn)
			if perr != nil || q2.Rows != q.Rows || q2.Cols != q.Cols || q2.Sort != q.Sort || q2.Desc != q.Desc || q2.By != q.By {
				t.Errorf("%s reads back as %+v, %v", q.values().Encode(), q2, perr)
			}
		})
	}
}

func TestPivotPeriods(t *testing.T) {
	def := healthedu.MustParsePeriod("202510")
	tests := []struct {
		period, by string
		onAxis     bool
		want       string
	}{
		{"2025", "month", true, "202501 202502 202503 202504 202505 202506 202507 202508 202509 202510"},
		{"2025", "quarter", true, "2025Q1 2025Q2 2025Q3 2025Q4"},
		{"2025", "half", true, "2025S1 2025S2"},
		{"2024", "month", true, "202401 202402 202403 202404 202405 202406 202407 202408 202409 202410 202411 202412"},
		{"2025Q2", "month", true, "202504 202505 202506"},
		{"202505", "quarter", true, "202505"},
		{"2025Q3", "quarter", true, "2025Q3"},
		{"2026", "month", true, "202601"}, // none is due: the first, with no data
		{"2025", "month", false, "2025"},
	}
	for _, tt := range tests {
		q := pivotQuery{State: pageState{Period: healthedu.MustParsePeriod(tt.period)}, Rows: dimDivision, Cols: dimIndicator, By: tt.by}
		if tt.onAxis {
			q.Cols = dimPeriod
		}
		var got []string
		for _, p := range pivotPeriods(q, def) {
			got = append(got, p.String())
		}
		if diff := cmp.Diff(tt.want, strings.Join(got, " ")); diff != "" {
			t.Errorf("%s by %s: (-want +got)\n%s", tt.period, tt.by, diff)
		}
	}
}

// pivotRow is an API row for the pivot's table tests.
func pivotRow(ind, div, per, value string, k, n int) wire.IndicatorRow {
	r := wire.IndicatorRow{
		Result:        wire.Result{Indicator: ind, Division: healthedu.MustParseDivisionCode(div), Period: healthedu.MustParsePeriod(per), Coverage: indicators.Coverage{Reporting: k, Expected: n}},
		IndicatorName: strings.ToUpper(ind), DivisionName: "D" + div,
	}
	if value != "" {
		r.Value = new(value)
	} else {
		r.Reason = "no-data"
	}
	return r
}

func TestBuildPivot(t *testing.T) {
	divs := []pivotMember{{Key: "371500000000", Name: "聊城市", Own: true}, {Key: "371502000000", Name: "东昌府区"}, {Key: "371521000000", Name: "阳谷县"}, {Key: "371522000000", Name: "莘县"}}
	answer := func(per string) pivotAnswer {
		v := func(a, b, c, own string) []string { return []string{own, a, b, c} }
		x := v("80.5", "", "91", "85.25") // rate-a
		y := v("3", "12", "7", "22")      // count-b
		if per == "202509" {
			x = v("70", "75", "", "72")
		}
		a := pivotAnswer{Period: healthedu.MustParsePeriod(per)}
		for i, d := range divs {
			rows := []wire.IndicatorRow{pivotRow("rate-a", d.Key, per, x[i], 3, 4), pivotRow("count-b", d.Key, per, y[i], 4, 4)}
			if d.Own {
				a.Own.Rows = rows
			} else {
				a.Children.Rows = append(a.Children.Rows, rows...)
			}
		}
		return a
	}
	oct := []pivotAnswer{answer("202510")}
	both := []pivotAnswer{answer("202509"), answer("202510")}
	st := pageState{Division: healthedu.MustParseDivisionCode("3715"), Period: healthedu.MustParsePeriod("202510")}
	tests := []struct {
		name    string
		q       pivotQuery
		answers []pivotAnswer
		want    [][]string // the header, then the rows: key, then the values ("-" for none)
	}{
		{"divisions by indicators", pivotQuery{State: st, Rows: dimDivision, Cols: dimIndicator}, oct, [][]string{
			{"", "rate-a", "count-b"},
			{"371500000000", "85.25", "22"},
			{"371502000000", "80.5", "3"},
			{"371521000000", "-", "12"},
			{"371522000000", "91", "7"},
		}},
		{"sorted by a rate, highest first, no data last, the total kept first", pivotQuery{State: st, Rows: dimDivision, Cols: dimIndicator, Sort: "rate-a", Desc: true}, oct, [][]string{
			{"", "rate-a", "count-b"},
			{"371500000000", "85.25", "22"},
			{"371522000000", "91", "7"},
			{"371502000000", "80.5", "3"},
			{"371521000000", "-", "12"},
		}},
		{"sorted ascending, no data still last", pivotQuery{State: st, Rows: dimDivision, Cols: dimIndicator, Sort: "rate-a"}, oct, [][]string{
			{"", "rate-a", "count-b"},
			{"371500000000", "85.25", "22"},
			{"371502000000", "80.5", "3"},
			{"371522000000", "91", "7"},
			{"371521000000", "-", "12"},
		}},
		{"a count sorted as a number, not as text", pivotQuery{State: st, Rows: dimDivision, Cols: dimIndicator, Sort: "count-b", Desc: true}, oct, [][]string{
			{"", "rate-a", "count-b"},
			{"371500000000", "85.25", "22"},
			{"371521000000", "-", "12"},
			{"371522000000", "91", "7"},
			{"371502000000", "80.5", "3"},
		}},
		{"the axis's order reversed", pivotQuery{State: st, Rows: dimDivision, Cols: dimIndicator, Desc: true}, oct, [][]string{
			{"", "rate-a", "count-b"},
			{"371500000000", "85.25", "22"},
			{"371522000000", "91", "7"},
			{"371521000000", "-", "12"},
			{"371502000000", "80.5", "3"},
		}},
		{"indicators by divisions", pivotQuery{State: st, Rows: dimIndicator, Cols: dimDivision}, oct, [][]string{
			{"", "371500000000", "371502000000", "371521000000", "371522000000"},
			{"rate-a", "85.25", "80.5", "-", "91"},
			{"count-b", "22", "3", "12", "7"},
		}},
		{"periods by divisions, one indicator", pivotQuery{State: pageState{Division: st.Division, Indicator: "rate-a"}, Rows: dimPeriod, Cols: dimDivision}, both, [][]string{
			{"", "371500000000", "371502000000", "371521000000", "371522000000"},
			{"202509", "72", "70", "75", "-"},
			{"202510", "85.25", "80.5", "-", "91"},
		}},
		{"divisions by periods sorted by September", pivotQuery{State: pageState{Division: st.Division, Indicator: "rate-a"}, Rows: dimDivision, Cols: dimPeriod, Sort: "202509", Desc: true}, both, [][]string{
			{"", "202509", "202510"},
			{"371500000000", "72", "85.25"},
			{"371521000000", "75", "-"},
			{"371502000000", "70", "80.5"},
			{"371522000000", "-", "91"},
		}},
		{"indicators by periods, the division fixed", pivotQuery{State: st, Rows: dimIndicator, Cols: dimPeriod}, both, [][]string{
			{"", "202509", "202510"},
			{"rate-a", "72", "85.25"},
			{"count-b", "22", "22"},
		}},
		{"an indicator the API lacks: an empty table", pivotQuery{State: pageState{Division: st.Division, Indicator: "nope"}, Rows: dimDivision, Cols: dimPeriod}, both, [][]string{
			{""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := buildPivot(tt.q, langZhHans, divs, tt.answers)
			got := [][]string{{""}}
			for _, c := range tab.Cols {
				got[0] = append(got[0], c.Key)
			}
			for i, r := range tab.Rows {
				line := []string{r.Key}
				for _, c := range tab.Cells[i] {
					line = append(line, cmpOrDash(c))
				}
				got = append(got, line)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func cmpOrDash(c *wire.IndicatorRow) string {
	if c == nil || c.Value == nil {
		return "-"
	}
	return *c.Value
}

// pivotCells reads the cells of the pivot table of a page: row key →
// column key → [data-value, .v, .reason, .k].
func pivotCells(t *testing.T, body string) (rows []string, cells map[string]map[string][4]string) {
	t.Helper()
	table := element(t, body, `<table id="pivot"`, `</table>`)
	rowRe := regexp.MustCompile(`(?s)<tr data-key="([^"]+)"[^>]*>(.*?)</tr>`)
	cellRe := regexp.MustCompile(`<td class="cell[^"]*" data-col="([^"]+)" data-value="([^"]*)"[^>]*><span class="v">([^<]*)</span>(?:<span class="flag"[^>]*>⚠</span>)*(?:<span class="reason">([^<]*)</span>)?(?:<span class="cov"><span class="k">([^<]*)</span>)?`)
	cells = map[string]map[string][4]string{}
	for _, m := range rowRe.FindAllStringSubmatch(table, -1) {
		rows = append(rows, m[1])
		cells[m[1]] = map[string][4]string{}
		for _, c := range cellRe.FindAllStringSubmatch(m[2], -1) {
			cells[m[1]][c[1]] = [4]string{c[2], c[3], c[4], c[5]}
		}
	}
	return rows, cells
}

func TestPivotPageShowsTheAPIsFigures(t *testing.T) {
	tests := []struct {
		query    string
		lang     string
		calls    int      // to /v1/indicators
		rows     []string // the row keys, in order; nil: do not check
		colCount int
	}{
		{"rows=division&cols=indicator&period=202510", "zh-Hans", 2, []string{"371500000000", "371502000000", "371503000000", "371521000000", "371522000000", "371524000000", "371525000000", "371526000000", "371581000000"}, 8},
		{"rows=indicator&cols=division&period=2025Q3&lang=en", "en", 2, nil, 9},
		{"rows=period&cols=division&period=2025&indicator=literacy-level&lang=zh-Hant", "zh-Hant", 20, []string{"202501", "202502", "202503", "202504", "202505", "202506", "202507", "202508", "202509", "202510"}, 9},
		{"rows=indicator&cols=period&period=2025&by=quarter", "zh-Hans", 4, nil, 4},
		{"rows=division&cols=period&period=2025&by=half&indicator=binding-rate", "zh-Hans", 4, nil, 2},
		{"rows=division&cols=indicator&division=371502001&period=202510", "zh-Hans", 1, []string{"371502001000"}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			h, api := newTestDashboard(t)
			status, body, _ := get(t, h, "/pivot?"+tt.query)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			if n := len(api.requestsTo("/v1/indicators")); n != tt.calls {
				t.Errorf("%d calls to /v1/indicators, want %d", n, tt.calls)
			}
			rows, cells := pivotCells(t, body)
			if tt.rows != nil {
				if diff := cmp.Diff(tt.rows, rows); diff != "" {
					t.Errorf("rows (-want +got)\n%s", diff)
				}
			}
			v, _ := url.ParseQuery(tt.query)
			d := Handler(api, Options{Default: healthedu.MustParseDivisionCode("3715"), DefaultPeriod: healthedu.MustParsePeriod("202510")}).(*dashboard)
			q, _ := d.readPivotQuery(v, langZhHans)
			seen, noData := 0, 0
			for _, p := range pivotPeriods(q, d.opts.DefaultPeriod) {
				var own, kids wire.Indicators
				api.oracle("/v1/indicators", url.Values{"under": {q.State.Division.String()}, "period": {p.String()}}, tt.lang, &own)
				all := own.Rows
				if ch := fakeRegistry.Children(q.State.Division); len(ch) > 0 && q.fixed() != dimDivision {
					api.oracle("/v1/indicators", url.Values{"under": {q.State.Division.String()}, "period": {p.String()}, "level": {ch[0].Level().String()}}, tt.lang, &kids)
					all = append(all, kids.Rows...)
				}
				for _, r := range all {
					var k [pivotDimCount]string
					k[dimIndicator], k[dimDivision], k[dimPeriod] = r.Indicator, r.Division.String(), p.String()
					if q.fixed() == dimIndicator && r.Indicator != q.State.Indicator {
						continue
					}
					got, ok := cells[k[q.Rows]][k[q.Cols]]
					if !ok {
						t.Errorf("no cell for %v", k)
						continue
					}
					seen++
					cov := groupDigits(int64(r.Coverage.Reporting)) + "/" + groupDigits(int64(r.Coverage.Expected))
					want := [4]string{textOf(r.Value), groupDecimal(textOf(r.Value)), "", cov}
					if r.Value == nil {
						noData++
						want[1], want[2] = "—", uiMessages["reasonNoData"][langOf(tt.lang)]
					}
					if got != want {
						t.Errorf("cell %v shows %q, the API %q", k, got, want)
					}
				}
			}
			if n := 0; true {
				for _, r := range cells {
					n += len(r)
				}
				if n != seen || seen != len(rows)*tt.colCount {
					t.Errorf("%d cells on the page, %d checked, want %d × %d", n, seen, len(rows), tt.colCount)
				}
			}
			if strings.Contains(body, `data-value="0"`) && noData > 0 {
				t.Errorf("a figure without data shows 0")
			}
		})
	}
}

func langOf(tag string) uiLang {
	l, _ := parseUILang(tag)
	return l
}

func TestPivotSortLinks(t *testing.T) {
	h, _ := newTestDashboard(t)
	_, body, _ := get(t, h, "/pivot?rows=division&cols=indicator&period=202510")
	head := element(t, body, `<th scope="col" class="n" data-key="literacy-level"`, `</th>`)
	m := regexp.MustCompile(`href="([^"]+)"`).FindStringSubmatch(head)
	if m == nil {
		t.Fatalf("no sort link in %s", head)
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	status, sorted, _ := get(t, h, "/"+strings.TrimSuffix(link, "#pivot"))
	if status != http.StatusOK {
		t.Fatalf("%s: %d", link, status)
	}
	rows, cells := pivotCells(t, sorted)
	var prev *float64
	for _, r := range rows[1:] {
		v, err := strconv.ParseFloat(cells[r]["literacy-level"][0], 64)
		if err != nil {
			t.Fatalf("row %s: %v", r, err)
		}
		if prev != nil && v > *prev {
			t.Errorf("row %s (%v) after %v: not highest first", r, v, *prev)
		}
		prev = &v
	}
	if rows[0] != "371500000000" {
		t.Errorf("the division's own row is not first: %v", rows)
	}
	sortedHead := element(t, sorted, `data-key="literacy-level"`, `</th>`)
	if !strings.Contains(sortedHead, `aria-sort="descending"`) || !strings.Contains(sortedHead, "order=asc") {
		t.Errorf("the sorted column does not say so, or does not offer the other order: %s", sortedHead)
	}
}

func TestPivotErrors(t *testing.T) {
	h, _ := newTestDashboard(t)
	for _, tt := range []struct {
		target string
		status int
		says   string
	}{
		{"/pivot?rows=period&cols=period", 400, "行和列不能都是“period”。"},
		{"/pivot?rows=x&lang=en", 400, "&#34;x&#34; is not a dimension"},
		{"/pivot?by=day&lang=zh-Hant", 400, "「day」不是報告期細分方式"},
		{"/pivot.csv?order=up", 400, "不是排序方向"},
		{"/pivot.xlsx?division=379999", 404, "区划不存在"},
	} {
		status, body, _ := get(t, h, tt.target)
		if status != tt.status || !strings.Contains(body, tt.says) {
			t.Errorf("%s: %d, want %d saying %q:\n%s", tt.target, status, tt.status, tt.says, body)
		}
	}
}

// pivotOracleLines returns the API's rows of the divisions by indicators
// of 聊城市 in 202510 in language lang, in the order of the page: the city
// first, then its counties.
func pivotOracleLines(api *fakeAPI, lang string) []wire.IndicatorRow {
	var own, kids wire.Indicators
	api.oracle("/v1/indicators", url.Values{"under": {"3715"}, "period": {"202510"}}, lang, &own)
	api.oracle("/v1/indicators", url.Values{"under": {"3715"}, "period": {"202510"}, "level": {"county"}}, lang, &kids)
	return append(own.Rows, kids.Rows...)
}

func TestPivotCSV(t *testing.T) {
	h, api := newTestDashboard(t)
	status, body, header := get(t, h, "/pivot.csv?rows=division&cols=indicator&period=202510")
	if status != http.StatusOK {
		t.Fatalf("status %d:\n%s", status, body)
	}
	if ct, cd := header.Get("Content-Type"), header.Get("Content-Disposition"); ct != "text/csv; charset=utf-8" || cd != `attachment; filename="pivot-371500000000-202510-division-indicator.csv"` {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Fatalf("no byte order mark: %q", body[:min(20, len(body))])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := []string{"指标代码", "指标名称", "区划代码", "区划名称", "报告期代码", "报告期", "指标值", "分子", "分母", "有数据单位数", "应报单位数", "目标方向", "目标值", "达标情况", "无值原因", "数据提示"}
	if diff := cmp.Diff(wantHeader, recs[0]); diff != "" {
		t.Errorf("header (-want +got)\n%s", diff)
	}
	var want [][]string
	for _, r := range pivotOracleLines(api, "zh-Hans") {
		num := func(p *int64) string {
			if p == nil {
				return ""
			}
			return strconv.FormatInt(*p, 10)
		}
		reason, status := "", ""
		if r.Value == nil {
			reason = "无数据"
		}
		if r.Met != nil {
			status = map[bool]string{true: "达标", false: "未达标"}[*r.Met]
		}
		var flags []string
		for _, f := range r.FlagIssues {
			flags = append(flags, f.Message)
		}
		want = append(want, []string{r.Indicator, r.IndicatorName, r.Division.String(), r.DivisionName, "202510", "2025年10月",
			textOf(r.Value), num(r.Numerator), num(r.Denominator), strconv.Itoa(r.Coverage.Reporting), strconv.Itoa(r.Coverage.Expected),
			r.Direction, textOf(r.Target), status, reason, strings.Join(flags, "；")})
	}
	if diff := cmp.Diff(want, recs[1:]); diff != "" {
		t.Errorf("lines (-want +got)\n%s", diff)
	}
	for _, rec := range recs[1:] {
		if rec[14] != "" && (rec[6] != "" || rec[7] != "") {
			t.Errorf("a figure without data has numbers: %q", rec)
		}
		if strings.Contains(rec[6]+rec[7]+rec[8], ",") {
			t.Errorf("a number with grouped digits: %q", rec)
		}
	}
}

func TestPivotXLSX(t *testing.T) {
	h, api := newTestDashboard(t)
	for _, tt := range []struct{ lang, sheet, head string }{
		{"zh-Hans", "数据透视", "指标值"}, {"zh-Hant", "資料透視", "指標值"}, {"en", "Pivot", "Value"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			status, body, header := get(t, h, "/pivot.xlsx?rows=division&cols=indicator&period=202510&lang="+tt.lang)
			if status != http.StatusOK {
				t.Fatalf("status %d:\n%s", status, body)
			}
			if ct := header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
				t.Errorf("Content-Type %q", ct)
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !cmp.Equal(got, []string{tt.sheet}) {
				t.Fatalf("sheets %q, want %q", got, tt.sheet)
			}
			if v, _ := f.GetCellValue(tt.sheet, "G1"); v != tt.head {
				t.Errorf("G1 = %q, want %q", v, tt.head)
			}
			if w, _ := f.GetColWidth(tt.sheet, "B"); w < 12 || w > 62 {
				t.Errorf("the names' column is %v wide", w)
			}
			rows, err := f.GetRows(tt.sheet)
			if err != nil {
				t.Fatal(err)
			}
			lines := pivotOracleLines(api, tt.lang)
			if len(rows) != 1+len(lines) {
				t.Fatalf("%d rows, want a header and %d", len(rows), len(lines))
			}
			for i, r := range lines {
				row := i + 2
				cell := func(col string) string { return col + strconv.Itoa(row) }
				for col, want := range map[string]string{"A": r.Indicator, "C": r.Division.String(), "D": r.DivisionName, "B": r.IndicatorName} {
					if got, _ := f.GetCellValue(tt.sheet, cell(col)); got != want {
						t.Errorf("%s = %q, want %q", cell(col), got, want)
					}
					if typ, _ := f.GetCellType(tt.sheet, cell(col)); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s is of type %v, want text", cell(col), typ)
					}
				}
				nums := map[string]*string{"G": r.Value, "M": r.Target}
				for col, p := range map[string]*int64{"H": r.Numerator, "I": r.Denominator} {
					if p != nil {
						nums[col] = new(strconv.FormatInt(*p, 10))
					} else {
						nums[col] = nil
					}
				}
				nums["J"], nums["K"] = new(strconv.Itoa(r.Coverage.Reporting)), new(strconv.Itoa(r.Coverage.Expected))
				for col, want := range nums {
					typ, _ := f.GetCellType(tt.sheet, cell(col))
					raw, _ := f.GetCellValue(tt.sheet, cell(col), excelize.Options{RawCellValue: true})
					if want == nil {
						if raw != "" {
							t.Errorf("%s = %q, want empty: no data is not 0", cell(col), raw)
						}
						continue
					}
					if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
						t.Errorf("%s is of type %v, want a number", cell(col), typ)
					}
					got, err1 := strconv.ParseFloat(raw, 64)
					w, err2 := strconv.ParseFloat(*want, 64)
					if err1 != nil || err2 != nil || got != w {
						t.Errorf("%s = %q, the API %q", cell(col), raw, *want)
					}
				}
				// Shown with the API's decimals.
				if r.Value != nil {
					if shown, _ := f.GetCellValue(tt.sheet, cell("G")); strings.ReplaceAll(shown, ",", "") != *r.Value {
						t.Errorf("%s shows %q, the API %q", cell("G"), shown, *r.Value)
					}
				}
			}
		})
	}
}
