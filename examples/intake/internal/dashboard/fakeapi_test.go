package dashboard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// fakeAPI serves canned answers of the intake's API, in its own types
// (package wire), which TestFakeAPIFollowsOpenAPI checks against
// openapi.json: divisions from the default registry, and indicators and
// monthly notifications computed from a hash of the division, the
// indicator and the period, so that every division shows different
// numbers. It records the requests it served.
type fakeAPI struct {
	token string         // the bearer token it requires; "" for none
	fail  map[string]int // path → status to answer with, to test failures
	// salt changes every figure, to make an API that disagrees.
	salt string
	// institutions, when not 0, is the number of institutions the
	// compliance answer holds (see fakeManyInstitutions).
	institutions int

	mu            sync.Mutex
	requests      []*http.Request
	approvalStore *fakeApprovalStore // see fakeapproval_test.go
}

// fakeIndicator is one indicator of the fake catalogue.
type fakeIndicator struct {
	code     string
	names    [3]string // zh-Hans, zh-Hant, en
	factor   int64
	decimals int
	target   string // ">=" target, "" for none
	noData   bool   // every division lacks data
	low      int64  // rates lie between low and low + 20 per cent
	prorated bool   // the target is pro-rated
	flagged  bool   // the value is above 100 and flagged
}

var fakeIndicators = []fakeIndicator{
	{"child-health-management-rate", [3]string{"0～6岁儿童健康管理率", "0～6歲兒童健康管理率", "0–6 child health management rate"}, 100, 2, "85", false, 78, false, false},
	{"literacy-level", [3]string{"居民健康素养水平", "居民健康素養水平", "health literacy level"}, 100, 2, "25", false, 16, false, false},
	{"report-completeness", [3]string{"月报完整率", "月報完整率", "monthly report completeness"}, 100, 2, "", false, 80, false, false},
	{"report-timeliness", [3]string{"月报及时率", "月報及時率", "monthly report timeliness"}, 100, 2, "", false, 70, false, false},
	{"activities-held", [3]string{"健康教育活动次数", "健康教育活動次數", "health education activities held"}, 1, 0, "", false, 0, false, false},
	{"binding-rate", [3]string{"居民绑定率", "居民綁定率", "instructor binding rate"}, 100, 2, "60", true, 0, false, false},
	{"lectures-per-institution", [3]string{"每个机构健康知识讲座次数", "每個機構健康知識講座次數", "health lectures per health centre"}, 1, 1, "10", false, 0, true, false},
	{"health-service-utilisation-rate", [3]string{"社区卫生服务利用率", "社區衛生服務利用率", "community health service utilisation rate"}, 100, 2, "", false, 101, false, true},
}

// fakeFlagMessages is the message of indicator.aboveMaximum in each
// language, with %s for the indicator's name and the value.
var fakeFlagMessages = [3]string{"指标“%s”的值%s超过上限100，请核对所用数据", "指標「%s」的值 %s 超過上限 100，請核對所用資料", "The value %[2]s of indicator \"%[1]s\" exceeds its maximum 100: check the figures it comes from"}

// fakeLastDue is the last month whose deadline the fake takes as passed.
var fakeLastDue = healthedu.MustParsePeriod("202510")

// fakeReporters is the number of townships expected to report within d:
// those of the registry, or d alone for a township or a village.
func fakeReporters(d healthedu.DivisionCode) int64 {
	if d.Level() >= healthedu.LevelTownship {
		return 1
	}
	n := int64(0)
	for _, c := range fakeRegistry.Children(d) {
		n += fakeReporters(c)
	}
	return max(n, 1)
}

var fakeRegistry = healthedu.DefaultRegistry()

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.mu.Unlock()
	if status := f.fail[r.URL.Path]; status != 0 {
		fakeProblem(w, status, "intake.internal", "失败", "按测试要求失败")
		return
	}
	if r.URL.Path == "/v1/approvals" && r.Method == http.MethodPost {
		f.postApproval(w, r) // with the token of whoever acts
		return
	}
	if f.token != "" && r.Header.Get("Authorization") != "Bearer "+f.token {
		fakeProblem(w, http.StatusUnauthorized, "intake.unauthorized", "未授权", "缺少或无效的令牌")
		return
	}
	lang := fakeLangIndex(r.Header.Get("Accept-Language"))
	q := r.URL.Query()
	under, err := healthedu.ParseDivisionCode(q.Get("under"))
	if err != nil {
		fakeProblem(w, http.StatusBadRequest, "intake.param", "区划代码有误", err.Error())
		return
	}
	if !fakeRegistry.Contains(under) {
		fakeProblem(w, http.StatusNotFound, "division.unknown", "区划不存在", "区划代码“"+under.String()+"”不存在")
		return
	}
	switch r.URL.Path {
	case "/v1/divisions":
		ans := wire.Divisions{Division: fakeDivision(under), Ancestors: []wire.Division{}, Children: fakeChildren(under)}
		for a := range under.Ancestors() {
			ans.Ancestors = append(ans.Ancestors, fakeDivision(a))
		}
		fakeJSON(w, ans)
	case "/v1/indicators":
		p, err := healthedu.ParsePeriod(q.Get("period"))
		if err != nil {
			fakeProblem(w, http.StatusBadRequest, "intake.param", "报告期有误", err.Error())
			return
		}
		divs := []healthedu.DivisionCode{under}
		if lv := q.Get("level"); lv != "" {
			divs = fakeRegistry.Children(under)
			if len(divs) > 0 && divs[0].Level().String() != lv {
				fakeProblem(w, http.StatusBadRequest, "intake.param", "级别有误", lv)
				return
			}
		}
		var want []string
		if s := q.Get("indicators"); s != "" {
			want = strings.Split(s, ",")
		}
		ans := wire.Indicators{Period: p, Rows: []wire.IndicatorRow{}}
		for _, d := range divs {
			for _, ind := range fakeIndicators {
				if want != nil && !slices.Contains(want, ind.code) {
					continue
				}
				ans.Rows = append(ans.Rows, fakeRow(d, p, ind, lang, f.salt))
			}
		}
		fakeJSON(w, ans)
	case "/v1/reports/monthly":
		p, err := healthedu.ParsePeriod(q.Get("period"))
		if err != nil || p.Type() != healthedu.PeriodMonth {
			fakeProblem(w, http.StatusBadRequest, "intake.periodNotMonth", "报告期应为月份", q.Get("period"))
			return
		}
		fakeJSON(w, fakeMonthly(under, p, f.salt))
	case "/v1/compliance":
		p, err := healthedu.ParsePeriod(q.Get("period"))
		if err != nil || p.Type() != healthedu.PeriodYear {
			fakeProblem(w, http.StatusBadRequest, "intake.periodNotYear", "报告期应为年度", q.Get("period"))
			return
		}
		doc := fakeCompliance(under, p, lang, f.salt)
		if f.institutions > 0 {
			fakeManyInstitutions(doc, f.institutions)
		}
		fakeJSON(w, doc)
	case "/v1/rectifications":
		fakeJSON(w, fakeRectifications(under, q, lang))
	case "/v1/approvals":
		f.getApprovals(w, under, q.Get("period"))
	default:
		fakeProblem(w, http.StatusNotFound, "intake.notFound", "没有这个接口", r.URL.Path)
	}
}

// requestsTo returns the requests served for path.
func (f *fakeAPI) requestsTo(path string) []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	var rs []*http.Request
	for _, r := range f.requests {
		if r.URL.Path == path {
			rs = append(rs, r)
		}
	}
	return rs
}

func fakeLangIndex(acceptLanguage string) int {
	switch healthedu.MatchLanguage(acceptLanguage) {
	case healthedu.ZhHant:
		return 1
	case healthedu.English:
		return 2
	}
	return 0
}

func fakeDivision(c healthedu.DivisionCode) wire.Division {
	return wire.Division{Code: c, Name: fakeRegistry.Name(c), Level: c.Level()}
}

func fakeChildren(c healthedu.DivisionCode) []wire.Division {
	out := []wire.Division{}
	for _, ch := range fakeRegistry.Children(c) {
		out = append(out, fakeDivision(ch))
	}
	return out
}

// fakeHash is a stable number for the parts.
func fakeHash(parts ...string) int64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return int64(h.Sum64() >> 2)
}

// fakeRow is the indicator ind for division d over p, a row of
// /v1/indicators in language lang.
func fakeRow(d healthedu.DivisionCode, p healthedu.Period, ind fakeIndicator, lang int, salt string) wire.IndicatorRow {
	row := wire.IndicatorRow{
		Result:        wire.Result{Indicator: ind.code, Division: d, Period: p, Flags: []string{}},
		IndicatorName: ind.names[lang],
		DivisionName:  fakeRegistry.Name(d),
		FlagIssues:    []healthedu.LocalizedIssue{},
	}
	var num, den int64
	h := fakeHash(d.String(), ind.code, p.String(), salt)
	expected := fakeReporters(d)
	reporting := max(1, expected-h%3)
	if ind.noData {
		reporting = 0
	}
	if ind.factor == 1 && ind.decimals == 0 {
		reporting = expected // counts of records: nothing recorded is 0
	}
	row.Coverage = indicators.Coverage{Reporting: int(reporting), Expected: int(expected)}
	if !ind.noData {
		switch {
		case ind.factor == 1 && ind.decimals == 0:
			num, den = 100+h%49900, 1
		case ind.factor == 1:
			den = 1 + h%40
			num = den*(5+h%10) + h%7
		default:
			den = 2000 + h%98000
			num = den*(ind.low*10+h%200)/1000 + h%97
		}
	}
	if den == 0 {
		row.Reason = "no-data"
	} else {
		row.Numerator, row.Denominator = new(num), new(den)
		row.Value = new(new(big.Rat).SetFrac64(num*ind.factor, den).FloatString(ind.decimals))
		if ind.flagged {
			row.Flags = []string{"indicator.aboveMaximum"}
			row.FlagIssues = []healthedu.LocalizedIssue{{
				Issue:   healthedu.Issue{Severity: healthedu.SeverityWarning, Code: "indicator.aboveMaximum"},
				Message: fmt.Sprintf(fakeFlagMessages[lang], ind.names[lang], *row.Value),
			}}
		}
	}
	if ind.target != "" {
		target := ind.target
		if ind.prorated && p.Type() == healthedu.PeriodYear {
			target = "8.5" // as if ten months and a half were due
			row.TargetProrated = true
		}
		row.Target, row.Direction = new(target), ">="
		if den != 0 {
			t, _ := new(big.Rat).SetString(target)
			v := new(big.Rat).SetFrac64(num*ind.factor, den)
			row.Met = new(v.Cmp(t) >= 0)
			row.Gap = new(big.Rat).Sub(v, t).FloatString(ind.decimals)
		}
	}
	return row
}

// fakeMonthly is the monthly notification of under for month p: due for
// the months up to fakeLastDue, not due after.
func fakeMonthly(under healthedu.DivisionCode, p healthedu.Period, salt string) wire.Monthly {
	due := p.Compare(fakeLastDue) <= 0
	end := p.End().In(healthedu.ChinaStandardTime)
	m := wire.Monthly{
		Proposed:            fakeProposed(under, p, due),
		Period:              p,
		Under:               fakeDivision(under),
		AsOf:                time.Date(2025, 11, 6, 12, 0, 0, 0, healthedu.ChinaStandardTime),
		Deadline:            healthedu.DateOf(end.AddDate(0, 0, 9)),
		Due:                 due,
		ReportingLevel:      healthedu.LevelTownship,
		Divisions:           []wire.MonthlyDivision{},
		NotReported:         []wire.MonthlyMissing{},
		NotReportedByCounty: []wire.MonthlyCounty{},
		Indicators:          []wire.MonthlyIndicator{},
		BelowTarget:         []wire.MonthlyIndicator{},
		Flagged:             []wire.MonthlyIndicator{},
	}
	var early int64
	for _, c := range fakeRegistry.Children(under) {
		h := fakeHash(c.String(), "monthly", p.String(), salt)
		exp := int64(len(fakeRegistry.Children(c)))
		if exp == 0 {
			exp = 12 // villages
		}
		rec := max(exp-h%3, 0)
		on := max(rec-(h/3)%2, 0)
		if !due {
			e := rec / 2
			early += e
			m.Divisions = append(m.Divisions, wire.MonthlyDivision{Division: c, Name: fakeRegistry.Name(c), Reporters: int(exp), ReceivedEarly: &e})
			continue
		}
		if rec < exp {
			missing := wire.MonthlyMissing{Division: c, Name: fakeRegistry.Name(c)}
			m.NotReported = append(m.NotReported, missing)
			m.NotReportedByCounty = append(m.NotReportedByCounty, wire.MonthlyCounty{County: c, Name: fakeRegistry.Name(c), Count: 1,
				Divisions: []wire.MonthlyMissing{missing}})
		}
		m.Divisions = append(m.Divisions, wire.MonthlyDivision{
			Division: c, Name: fakeRegistry.Name(c), Reporters: int(exp),
			Expected: exp, Received: rec, OnTime: on,
			Completeness: new(big.Rat).SetFrac64(rec*100, exp).FloatString(2),
			Timeliness:   new(big.Rat).SetFrac64(on*100, exp).FloatString(2),
		})
	}
	lines := m.Divisions
	if due {
		rate := func(l wire.MonthlyDivision) *big.Rat { return new(big.Rat).SetFrac64(l.Received, l.Expected) }
		timely := func(l wire.MonthlyDivision) *big.Rat { return new(big.Rat).SetFrac64(l.OnTime, l.Expected) }
		sort.SliceStable(lines, func(i, j int) bool {
			if c := rate(lines[i]).Cmp(rate(lines[j])); c != 0 {
				return c > 0
			}
			return timely(lines[i]).Cmp(timely(lines[j])) > 0
		})
		for i := range lines {
			lines[i].Rank = i + 1
			if i > 0 && rate(lines[i]).Cmp(rate(lines[i-1])) == 0 && timely(lines[i]).Cmp(timely(lines[i-1])) == 0 {
				lines[i].Rank = lines[i-1].Rank
			}
		}
	}
	if len(lines) > 0 && due {
		m.BelowTarget = append(m.BelowTarget, wire.MonthlyIndicator{
			Division: lines[len(lines)-1].Division, Name: lines[len(lines)-1].Name,
			Indicator: "literacy-level", IndicatorName: "居民健康素养水平", Value: new("21.07"), Target: "25",
			Direction: ">=", Met: new(false), Gap: "-3.93", Previous: new("20.50"), Change: new("0.57"),
			Coverage: indicators.Coverage{Reporting: 3, Expected: 4}, Flags: []string{}, FlagIssues: []healthedu.LocalizedIssue{},
		})
	}
	for _, l := range lines {
		m.Expected, m.Received, m.OnTime, m.Reporters = m.Expected+l.Expected, m.Received+l.Received, m.OnTime+l.OnTime, m.Reporters+l.Reporters
	}
	if m.Expected > 0 {
		m.Completeness = new(big.Rat).SetFrac64(m.Received*100, m.Expected).FloatString(2)
		m.Timeliness = new(big.Rat).SetFrac64(m.OnTime*100, m.Expected).FloatString(2)
	}
	if !due {
		m.ReceivedEarly = &early
	}
	for _, ind := range fakeIndicators {
		row := fakeRow(under, p, ind, 0, salt)
		mi := wire.MonthlyIndicator{Division: under, Name: fakeRegistry.Name(under),
			Indicator: ind.code, IndicatorName: ind.names[0], Value: row.Value, Reason: row.Reason,
			TargetProrated: row.TargetProrated, Met: row.Met, Coverage: row.Coverage,
			Flags: row.Flags, FlagIssues: row.FlagIssues}
		if row.Target != nil {
			mi.Target, mi.Direction, mi.Gap = *row.Target, ">=", row.Gap
		}
		if row.Value != nil {
			mi.Previous, mi.Change = new("1234.5"), new("-0.25")
		}
		m.Indicators = append(m.Indicators, mi)
		if ind.flagged && len(lines) > 0 {
			f := mi
			f.Division, f.Name = lines[0].Division, lines[0].Name
			m.Flagged = append(m.Flagged, f)
		}
	}
	return m
}

func fakeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// fakeProblem answers with a problem document of status and one of the
// API's issue codes, its title and detail the fake's own.
func fakeProblem(w http.ResponseWriter, status int, code, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{
		"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code,
	})
}

// oracle calls the fake directly, as a test's oracle, and decodes the
// answer into v.
func (f *fakeAPI) oracle(path string, q url.Values, lang string, v any) {
	r, _ := http.NewRequest(http.MethodGet, path+"?"+q.Encode(), nil)
	r.Header.Set("Accept-Language", lang)
	r.Header.Set("Authorization", "Bearer "+f.token)
	w := &apiResponse{header: http.Header{}}
	(&fakeAPI{token: f.token, salt: f.salt}).ServeHTTP(w, r)
	if err := json.Unmarshal(w.body.Bytes(), v); err != nil {
		panic(err)
	}
}

// TestFakeAPIFollowsOpenAPI checks the fake's answers against the
// intake's openapi.json, so that the dashboard's tests run against the
// API's shapes: every member it requires, null where it allows null.
func TestFakeAPIFollowsOpenAPI(t *testing.T) {
	b, err := os.ReadFile("../../openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const base = "https://jiceng.example/openapi.json"
	if err := c.AddResource(base, doc); err != nil {
		t.Fatal(err)
	}
	api := &fakeAPI{token: testToken, fail: map[string]int{"/v1/fail": http.StatusServiceUnavailable}}
	tests := []struct {
		target, schema string
		status         int
	}{
		{"/v1/divisions?under=3715", "Divisions", 200},
		{"/v1/divisions?under=37", "Divisions", 200},
		{"/v1/indicators?under=3715&period=2025", "Indicators", 200},
		{"/v1/indicators?under=3715&period=202510&level=county", "Indicators", 200},
		{"/v1/indicators?under=37&period=202510&level=city&indicators=child-health-management-rate", "Indicators", 200},
		{"/v1/reports/monthly?under=3715&period=202510", "MonthlyReport", 200},
		{"/v1/reports/monthly?under=3715&period=202511", "MonthlyReport", 200},
		{"/v1/reports/monthly?under=371502001&period=202510", "MonthlyReport", 200},
		{"/v1/compliance?under=3715&period=2025", "Compliance", 200},
		{"/v1/compliance?under=371502001&period=2024", "Compliance", 200},
		{"/v1/rectifications?under=3715", "Rectifications", 200},
		{"/v1/rectifications?under=371502&overdue=true", "Rectifications", 200},
		{"/v1/indicators?under=379999&period=2025", "Problem", 404},
		{"/v1/indicators?under=37x5&period=2025", "Problem", 400},
		{"/v1/fail?under=3715", "Problem", 503},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			sch, err := c.Compile(base + "#/components/schemas/" + tc.schema)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := http.NewRequest(http.MethodGet, tc.target, nil)
			r.Header.Set("Authorization", "Bearer "+testToken)
			w := &apiResponse{header: http.Header{}}
			api.ServeHTTP(w, r)
			if w.status != tc.status {
				t.Fatalf("status %d, want %d: %s", w.status, tc.status, w.body.Bytes())
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(w.body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("the fake's answer does not match %s:\n%v", tc.schema, err)
			}
		})
	}
}
