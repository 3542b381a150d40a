package dashboard

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/jiceng/jiceng/healthedu"
)

// fakeAPI serves canned JSON in the shapes of the intake's API: divisions from the
// default registry, and indicators and monthly notifications computed from
// a hash of the division, the indicator and the period, so that every
// division shows different numbers. It records the requests it served.
type fakeAPI struct {
	token string         // the bearer token it requires; "" for none
	fail  map[string]int // path → status to answer with, to test failures
	// minimal leaves out members the intake's openapi.json requires: the
	// ancestors of a division, the totals of a monthly notification and
	// the direction of a target below it.
	minimal bool
	// salt changes every figure, to make an API that disagrees.
	salt string

	mu       sync.Mutex
	requests []*http.Request
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
		fakeProblem(w, status, "fake.failure", "失败", "按测试要求失败")
		return
	}
	if f.token != "" && r.Header.Get("Authorization") != "Bearer "+f.token {
		fakeProblem(w, http.StatusUnauthorized, "auth.token", "未授权", "缺少或无效的令牌")
		return
	}
	lang := fakeLangIndex(r.Header.Get("Accept-Language"))
	q := r.URL.Query()
	under, err := healthedu.ParseDivisionCode(q.Get("under"))
	if err != nil {
		fakeProblem(w, http.StatusBadRequest, "division.syntax", "区划代码有误", err.Error())
		return
	}
	if !fakeRegistry.Contains(under) {
		fakeProblem(w, http.StatusNotFound, "division.unknown", "区划不存在", "区划代码“"+under.String()+"”不存在")
		return
	}
	switch r.URL.Path {
	case "/v1/divisions":
		ans := map[string]any{"division": fakeDivision(under), "children": fakeChildren(under)}
		if !f.minimal {
			anc := []map[string]string{}
			for a := range under.Ancestors() {
				anc = append(anc, fakeDivision(a))
			}
			ans["ancestors"] = anc
		}
		fakeJSON(w, ans)
	case "/v1/indicators":
		p, err := healthedu.ParsePeriod(q.Get("period"))
		if err != nil {
			fakeProblem(w, http.StatusBadRequest, "period.syntax", "报告期有误", err.Error())
			return
		}
		divs := []healthedu.DivisionCode{under}
		if lv := q.Get("level"); lv != "" {
			divs = fakeRegistry.Children(under)
			if len(divs) > 0 && divs[0].Level().String() != lv {
				fakeProblem(w, http.StatusBadRequest, "level.invalid", "级别有误", lv)
				return
			}
		}
		var want []string
		if s := q.Get("indicators"); s != "" {
			want = strings.Split(s, ",")
		}
		rows := []map[string]any{}
		for _, d := range divs {
			for _, ind := range fakeIndicators {
				if want != nil && !slices.Contains(want, ind.code) {
					continue
				}
				rows = append(rows, fakeRow(d, p, ind, lang, f.salt))
			}
		}
		fakeJSON(w, map[string]any{"period": p.String(), "rows": rows})
	case "/v1/reports/monthly":
		p, err := healthedu.ParsePeriod(q.Get("period"))
		if err != nil || p.Type() != healthedu.PeriodMonth {
			fakeProblem(w, http.StatusBadRequest, "period.month", "报告期应为月份", q.Get("period"))
			return
		}
		fakeJSON(w, fakeMonthly(under, p, f.minimal, f.salt))
	default:
		fakeProblem(w, http.StatusNotFound, "path.unknown", "没有这个接口", r.URL.Path)
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

func fakeDivision(c healthedu.DivisionCode) map[string]string {
	return map[string]string{"code": c.String(), "name": fakeRegistry.Name(c), "level": c.Level().String()}
}

func fakeChildren(c healthedu.DivisionCode) []map[string]string {
	out := []map[string]string{}
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

// fakeRow is the indicator ind for division d over p, in the shape of
// indicators.Result's JSON with the names added.
func fakeRow(d healthedu.DivisionCode, p healthedu.Period, ind fakeIndicator, lang int, salt string) map[string]any {
	row := map[string]any{
		"indicator":     ind.code,
		"indicatorName": ind.names[lang],
		"division":      d.String(),
		"divisionName":  fakeRegistry.Name(d),
		"period":        p.String(),
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
	row["coverage"] = map[string]int64{"reporting": reporting, "expected": expected}
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
	row["flags"], row["flagIssues"] = []string{}, []map[string]any{}
	row["targetProrated"] = false
	if den == 0 {
		row["reason"] = "no-data"
		row["numerator"], row["denominator"], row["value"] = nil, nil, nil
	} else {
		row["numerator"], row["denominator"] = num, den
		v := new(big.Rat).SetFrac64(num*ind.factor, den)
		row["value"] = v.FloatString(ind.decimals)
		if ind.flagged {
			row["flags"] = []string{"indicator.aboveMaximum"}
			row["flagIssues"] = []map[string]any{{
				"severity": "warning", "code": "indicator.aboveMaximum", "path": "",
				"message": fmt.Sprintf(fakeFlagMessages[lang], ind.names[lang], row["value"]),
			}}
		}
	}
	row["target"] = nil
	if ind.target != "" {
		target := ind.target
		if ind.prorated && p.Type() == healthedu.PeriodYear {
			target = "8.5" // as if ten months and a half were due
			row["targetProrated"] = true
		}
		row["target"], row["direction"] = target, ">="
		if den != 0 {
			t, _ := new(big.Rat).SetString(target)
			v := new(big.Rat).SetFrac64(num*ind.factor, den)
			row["met"] = v.Cmp(t) >= 0
			row["gap"] = new(big.Rat).Sub(v, t).FloatString(ind.decimals)
		}
	}
	return row
}

// fakeMonthly is the monthly notification of under for month p: due for
// the months up to fakeLastDue, not due after.
func fakeMonthly(under healthedu.DivisionCode, p healthedu.Period, minimal bool, salt string) map[string]any {
	type line struct {
		Division      string `json:"division"`
		Name          string `json:"name"`
		Reporters     int64  `json:"reporters,omitempty"`
		Expected      int64  `json:"expected"`
		Received      int64  `json:"received"`
		OnTime        int64  `json:"onTime"`
		Completeness  string `json:"completeness,omitempty"`
		Timeliness    string `json:"timeliness,omitempty"`
		ReceivedEarly *int64 `json:"receivedEarly,omitempty"`
		Rank          int    `json:"rank"`
	}
	due := minimal || p.Compare(fakeLastDue) <= 0
	var lines []line
	notReported := []map[string]string{}
	byCounty := []map[string]any{}
	var early int64
	for _, c := range fakeRegistry.Children(under) {
		h := fakeHash(c.String(), "monthly", p.String(), salt)
		exp := int64(len(fakeRegistry.Children(c)))
		if exp == 0 {
			exp = 12 // villages
		}
		rec := exp - h%3
		if rec < 0 {
			rec = 0
		}
		on := rec - (h/3)%2
		if on < 0 {
			on = 0
		}
		if !due {
			e := rec / 2
			early += e
			lines = append(lines, line{Division: c.String(), Name: fakeRegistry.Name(c), Reporters: exp, ReceivedEarly: &e})
			continue
		}
		if rec < exp {
			missing := map[string]string{"division": c.String(), "name": fakeRegistry.Name(c)}
			notReported = append(notReported, missing)
			byCounty = append(byCounty, map[string]any{"county": c.String(), "name": fakeRegistry.Name(c), "count": 1,
				"divisions": []map[string]string{missing}})
		}
		lines = append(lines, line{
			Division: c.String(), Name: fakeRegistry.Name(c), Reporters: exp,
			Expected: exp, Received: rec, OnTime: on,
			Completeness: new(big.Rat).SetFrac64(rec*100, exp).FloatString(2),
			Timeliness:   new(big.Rat).SetFrac64(on*100, exp).FloatString(2),
		})
	}
	if due {
		rate := func(l line) *big.Rat { return new(big.Rat).SetFrac64(l.Received, l.Expected) }
		timely := func(l line) *big.Rat { return new(big.Rat).SetFrac64(l.OnTime, l.Expected) }
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
	below := []map[string]any{}
	if len(lines) > 0 && due {
		below = append(below, map[string]any{
			"division": lines[len(lines)-1].Division, "name": lines[len(lines)-1].Name,
			"indicator": "literacy-level", "indicatorName": "居民健康素养水平", "value": "21.07", "target": "25",
		})
	}
	end := p.End().In(healthedu.ChinaStandardTime)
	ans := map[string]any{
		"period":         p.String(),
		"under":          fakeDivision(under),
		"deadline":       end.AddDate(0, 0, 9).Format("2006-01-02"),
		"reportingLevel": "township",
		"divisions":      lines,
		"notReported":    notReported,
		"belowTarget":    below,
	}
	if !minimal {
		var exp, rec, on, reporters int64
		for _, l := range lines {
			exp, rec, on, reporters = exp+l.Expected, rec+l.Received, on+l.OnTime, reporters+l.Reporters
		}
		ans["expected"], ans["received"], ans["onTime"] = exp, rec, on
		ans["due"], ans["reporters"], ans["asOf"] = due, reporters, "2025-11-06T12:00:00+08:00"
		if exp > 0 {
			ans["completeness"] = new(big.Rat).SetFrac64(rec*100, exp).FloatString(2)
			ans["timeliness"] = new(big.Rat).SetFrac64(on*100, exp).FloatString(2)
		}
		if !due {
			ans["receivedEarly"] = early
		}
		ans["notReportedByCounty"] = byCounty
		for _, b := range below {
			b["direction"], b["met"], b["gap"] = ">=", false, "-3.93"
			b["previous"], b["change"] = "20.50", "0.57"
			b["coverage"] = map[string]int64{"reporting": 3, "expected": 4}
			b["flags"], b["flagIssues"] = []string{}, []any{}
		}
		own := []map[string]any{}
		flagged := []map[string]any{}
		for _, ind := range fakeIndicators {
			row := fakeRow(under, p, ind, 0, salt)
			mi := map[string]any{"division": under.String(), "name": fakeRegistry.Name(under),
				"indicator": ind.code, "indicatorName": ind.names[0], "value": row["value"], "reason": row["reason"],
				"targetProrated": row["targetProrated"], "met": row["met"], "coverage": row["coverage"],
				"flags": row["flags"], "flagIssues": row["flagIssues"], "previous": nil, "change": nil}
			if row["target"] != nil {
				mi["target"], mi["direction"], mi["gap"] = row["target"], ">=", row["gap"]
			}
			if row["value"] != nil {
				mi["previous"], mi["change"] = "1234.5", "-0.25"
			}
			own = append(own, mi)
			if ind.flagged && len(lines) > 0 {
				f := maps.Clone(mi)
				f["division"], f["name"] = lines[0].Division, lines[0].Name
				flagged = append(flagged, f)
			}
		}
		ans["indicators"], ans["flagged"] = own, flagged
	}
	return ans
}

func fakeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

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
	(&fakeAPI{token: f.token, minimal: f.minimal, salt: f.salt}).ServeHTTP(w, r)
	if err := json.Unmarshal(w.body.Bytes(), v); err != nil {
		panic(err)
	}
}
