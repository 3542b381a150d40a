package dashboard

import (
	"encoding/json"
	"hash/fnv"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/jiceng/jiceng/healthedu"
)

// fakeAPI serves canned JSON that follows API7.md: divisions from the
// default registry, and indicators and monthly notifications computed from
// a hash of the division, the indicator and the period, so that every
// division shows different numbers. It records the requests it served.
type fakeAPI struct {
	token string         // the bearer token it requires; "" for none
	fail  map[string]int // path → status to answer with, to test failures
	// minimal leaves out what the intake server adds to API7.md: the
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
}

var fakeIndicators = []fakeIndicator{
	{"child-health-management-rate", [3]string{"0～6岁儿童健康管理率", "0～6歲兒童健康管理率", "0–6 child health management rate"}, 100, 2, "85", false, 78},
	{"literacy-level", [3]string{"居民健康素养水平", "居民健康素養水平", "health literacy level"}, 100, 2, "25", false, 16},
	{"report-completeness", [3]string{"月报完整率", "月報完整率", "monthly report completeness"}, 100, 2, "", false, 80},
	{"activities-held", [3]string{"健康教育活动次数", "健康教育活動次數", "health education activities held"}, 1, 0, "", false, 0},
	{"binding-rate", [3]string{"居民绑定率", "居民綁定率", "instructor binding rate"}, 100, 2, "60", true, 0},
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
	if !ind.noData {
		h := fakeHash(d.String(), ind.code, p.String(), salt)
		if ind.factor == 1 {
			num, den = 100+h%4900, 1
		} else {
			den = 2000 + h%98000
			num = den*(ind.low*10+h%200)/1000 + h%97
		}
	}
	row["numerator"], row["denominator"] = num, den
	if den == 0 {
		row["reason"] = "no-data"
	} else {
		v := new(big.Rat).SetFrac64(num*ind.factor, den)
		row["value"] = v.FloatString(ind.decimals)
	}
	if ind.target != "" {
		row["target"], row["direction"] = ind.target, ">="
		if den != 0 {
			t, _ := new(big.Rat).SetString(ind.target)
			v := new(big.Rat).SetFrac64(num*ind.factor, den)
			row["met"] = v.Cmp(t) >= 0
			row["gap"] = new(big.Rat).Sub(v, t).FloatString(ind.decimals)
		}
	}
	return row
}

// fakeMonthly is the monthly notification of under for month p.
func fakeMonthly(under healthedu.DivisionCode, p healthedu.Period, minimal bool, salt string) map[string]any {
	type line struct {
		Division     string `json:"division"`
		Name         string `json:"name"`
		Expected     int64  `json:"expected"`
		Received     int64  `json:"received"`
		OnTime       int64  `json:"onTime"`
		Completeness string `json:"completeness"`
		Timeliness   string `json:"timeliness"`
		Rank         int    `json:"rank"`
	}
	var lines []line
	notReported := []map[string]string{}
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
		if rec < exp {
			notReported = append(notReported, map[string]string{"division": c.String(), "name": fakeRegistry.Name(c)})
		}
		lines = append(lines, line{
			Division: c.String(), Name: fakeRegistry.Name(c),
			Expected: exp, Received: rec, OnTime: on,
			Completeness: new(big.Rat).SetFrac64(rec*100, exp).FloatString(2),
			Timeliness:   new(big.Rat).SetFrac64(on*100, exp).FloatString(2),
		})
	}
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
	below := []map[string]string{}
	if len(lines) > 0 {
		below = append(below, map[string]string{
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
		var exp, rec, on int64
		for _, l := range lines {
			exp, rec, on = exp+l.Expected, rec+l.Received, on+l.OnTime
		}
		ans["expected"], ans["received"], ans["onTime"] = exp, rec, on
		if exp > 0 {
			ans["completeness"] = new(big.Rat).SetFrac64(rec*100, exp).FloatString(2)
			ans["timeliness"] = new(big.Rat).SetFrac64(on*100, exp).FloatString(2)
		}
		for _, b := range below {
			b["direction"] = ">="
		}
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
