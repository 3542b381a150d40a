package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/schemas"
)

// technicalWords are the ASCII words a Chinese message may hold: names of
// parameters, members, flags, headers, methods, formats and standards, and
// the member names and enumerated values of the record schemas, which a
// reader types as they are.
var technicalWords = func() map[string]bool {
	m := make(map[string]bool)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "properties" {
					for name := range x.(map[string]any) {
						m[name] = true
					}
				}
				if k == "enum" || k == "const" {
					for _, e := range append([]any{}, x) {
						if list, ok := e.([]any); ok {
							for _, s := range list {
								if s, ok := s.(string); ok {
									m[s] = true
								}
							}
						} else if s, ok := e.(string); ok {
							m[s] = true
						}
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	files, _ := fs.Glob(schemas.FS(), "v1/*.json")
	for _, name := range files {
		b, _ := fs.ReadFile(schemas.FS(), name)
		var doc any
		json.Unmarshal(b, &doc)
		walk(doc)
	}
	for _, w := range strings.Fields(`
		GET HEAD POST PUT DELETE PATCH OPTIONS
		JSON NDJSON UTF-8 GB18030 GBK GB2312 GBK/GB18030 gzip ASCII RFC Idempotency-Key Content-Type Content-Encoding Retry-After
		application/json application/x-ndjson charset utf-8 gb18030 identity
		token division role submitter admin reader true false
		under period level indicators dryRun until
		approver approved accepted division period dataSet action reason monthlyReport
		province city county township village
		report-completeness report-timeliness
		string number object array boolean null
		JICENG_PSEUDONYM_KEY key hex demo addr db tokens lock-days deadline-day max-body max-submissions
		read-timeout dashboard-division reporting-level reporters earliest max-indicators max-rows metrics-open
		JICENG_BINDING_KEY binding-keys public-url http https
		FHIR Measure Location evaluate-measure periodStart periodEnd subject
		DHIS2 async importStrategy CREATE UPDATE CREATE_AND_UPDATE dhis2-mapping orgUnit children CODE UID
		T Z X`) {
		m[w] = true
	}
	return m
}()

// asciiWord is a word written in Latin letters and digits, with what may
// join its parts in an identifier, a header or a media type. One that
// starts with a digit is a value — a period such as 2025Q3, a time — and
// no word of prose.
var asciiWord = regexp.MustCompile(`[A-Za-z0-9_]+(?:[-/.][A-Za-z0-9_]+)*`)

// goLeaks are the marks of Go internals in a message: a qualified name, a
// call, a slice or a map as fmt prints them, a failed verb, a param left
// unfilled, an unregistered code.
var goLeaks = regexp.MustCompile(`[a-z]+\.[A-Z][A-Za-z]*|[A-Za-z]\(|\[\]|map\[|%!|<nil>|\{[a-z][A-Za-z]*\}|issue\.unregistered|json: |strconv\.|time\.Time`)

// englishIn returns the words of text in Latin letters that are neither
// technical words nor found in echo, the request the text answers (a
// value the reader sent is shown as sent), and the marks of Go internals.
func englishIn(text, echo string) []string {
	var bad []string
	echo = strings.Map(func(r rune) rune { // full-width digits are echoed in ASCII
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, echo)
	for _, w := range asciiWord.FindAllString(text, -1) {
		if w[0] >= '0' && w[0] <= '9' {
			continue
		}
		if !technicalWords[w] && !strings.Contains(echo, w) {
			bad = append(bad, w)
		}
	}
	return append(bad, goLeaks.FindAllString(text, -1)...)
}

// TestIntakeCodesInThreeLanguages checks every code the intake registers:
// a message in zh-Hans, zh-Hant and en, the Chinese ones without English
// prose (code values, parameter and field names, flags and placeholders
// allowed), and the English one not a copy of either.
func TestIntakeCodesInThreeLanguages(t *testing.T) {
	placeholder := regexp.MustCompile(`%\[\d+\]v`)
	n := 0
	for _, def := range healthedu.Codes() {
		if !strings.HasPrefix(def.Code, "intake.") {
			continue
		}
		n++
		if def.ZhHans == "" || def.ZhHant == "" || def.En == "" || def.Meaning == "" {
			t.Errorf("%s lacks a language: %+v", def.Code, def)
		}
		if def.En == def.ZhHans || def.En == def.ZhHant {
			t.Errorf("%s: the English message is a Chinese one", def.Code)
		}
		for lang, text := range map[string]string{"zh-Hans": def.ZhHans, "zh-Hant": def.ZhHant} {
			if bad := englishIn(placeholder.ReplaceAllString(text, ""), ""); len(bad) > 0 {
				t.Errorf("%s, %s: English or Go in %q: %q", def.Code, lang, text, bad)
			}
		}
		if regexp.MustCompile(`\p{Han}`).MatchString(def.En) {
			t.Errorf("%s: Chinese in the English message %q", def.Code, def.En)
		}
	}
	if n < 60 {
		t.Errorf("only %d intake codes registered", n)
	}
}

// problemSchema is openapi.json's Problem, compiled once.
var problemSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDocument))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "https://jiceng.example/openapi.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url + "#/components/schemas/Problem")
})

// checkAnswerLanguage checks an answer of the platform to a request: a
// problem has the shape openapi.json gives it, and in Chinese, its title,
// its detail and the messages of a summary it carries hold no English
// prose and nothing of Go. echo is the request: what the reader sent
// may come back as sent. The harness calls it on every answer, so that
// every error path a test reaches is checked.
func checkAnswerLanguage(t testing.TB, a answer, echo string) {
	t.Helper()
	if !strings.HasPrefix(a.header.Get("Content-Type"), "application/problem+json") {
		return
	}
	sch, err := problemSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(a.body))
	if err != nil {
		t.Errorf("problem %d is not JSON: %v", a.status, err)
		return
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("problem %d does not match openapi.json's Problem: %v\n%s", a.status, err, a.body)
	}
	lang := a.header.Get("Content-Language")
	if lang != "zh-Hans" && lang != "zh-Hant" {
		return
	}
	var p struct {
		Title, Detail string
		Summary       *wire.ImportSummary
	}
	json.Unmarshal(a.body, &p)
	texts := []string{p.Title, p.Detail}
	if p.Summary != nil {
		for _, is := range p.Summary.Issues {
			texts = append(texts, is.Message)
		}
	}
	for _, text := range texts {
		if bad := englishIn(text, echo); len(bad) > 0 {
			t.Errorf("a %s answer %d holds English or Go %q: %q", lang, a.status, bad, text)
		}
	}
}

// TestErrorsInTheReadersLanguage sends requests that fail in each way a
// reader can make one fail, in each language, and checks the problem:
// its code, and its title and detail in the language asked for, naming
// what is wrong in words.
func TestErrorsInTheReadersLanguage(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	tests := []struct {
		method, path, token string
		body                string
		status              int
		code                string
		hans, en            string // held by the detail
	}{
		{"GET", "/v1/indicators", tokenCity, "", 400, codePeriodRequired, "缺少参数 period：请给出报告期", "Parameter period is missing: give a period"},
		{"GET", "/v1/indicators?period=2025&level=province", tokenCity, "", 400, codeLevelAbove,
			"参数 level 的级别 province 高于 under 所指区划 3715 的级别 city", "Parameter level province lies above city, the level of 3715"},
		{"GET", "/v1/indicators?period=2025&level=galaxy", tokenCity, "", 400, codeParam,
			"参数 level 有误：区划级别“galaxy”无效", "Parameter level is not valid: Division level \"galaxy\" is unknown"},
		{"GET", "/v1/indicators?period=2025Q5", tokenCity, "", 400, codeParam, "参数 period 有误：", "Parameter period is not valid: "},
		{"GET", "/v1/indicators?period=2025&indicators=no-such", tokenCity, "", 400, codeIndicatorUnknown,
			"参数 indicators 中的“no-such”不是指标目录中的指标代码", "Parameter indicators names no-such, which is not an indicator"},
		{"GET", "/v1/indicators?period=2025&under=371599", tokenCity, "", 404, "division.unknown",
			"区划代码“371599”不在区划代码表中", "Division code \"371599\" is not in the division registry"},
		{"GET", "/v1/reports/monthly?period=2025Q4", tokenCity, "", 400, codePeriodNotMonth, "参数 period 应为月份，如 202510", "parameter period must be a month"},
		{"POST", "/v1/submissions?dryRun=maybe", tokenCity, "{}", 400, codeDryRun, "参数 dryRun 应为 true 或 false", "Parameter dryRun must be true or false"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715"}`, 400, codeLockPeriod, "请求内容缺少 period", "The request body lacks period"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"period":"202510"}`, 400, codeLockDivision, "请求内容缺少 division", "The request body lacks division"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715","period":"202510","extra":1}`, 400, codeBodyUnknownField,
			"请求内容中的字段“extra”无法识别", "Unknown field extra in the request body"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715","period":"2025`, 400, codeBodyUnexpectedEnd, "请求内容意外结束", "Unexpected end of input"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":3715,"period":"202510"}`, 400, codeBodyFieldType, "请求内容中 division 的值应为带引号的文本", "must be a string"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"37x5","period":"202510"}`, 400, codeBodyField, "请求内容中的 division 有误：区划代码", "The value of division in the request body is not valid: Division code"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `[1]`, 400, codeBodyJSON, "请求内容应为一个 JSON 对象", "The request body must be one JSON object"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715","period":"202510"} x`, 400, codeBodyTrailing, "在 JSON 对象之后还有多余内容", "data after its JSON object"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715","period":"202510","until":"tomorrow"}`, 400, codeUntilFormat, "until 应为带时区的 RFC 3339 时间", "until must be an RFC 3339 timestamp"},
		{"POST", "/v1/locks/unlock", tokenAdmin, `{"division":"3715","period":"202510","until":"2020-01-01T00:00:00Z"}`, 400, codeUntilPast, "应晚于现在", "must lie in the future"},
		{"GET", "/nothing", "", "", 404, codeNotFound, "请求的资源不存在", "There is nothing at this path"},
		{"DELETE", "/v1/submissions", tokenCity, "", 405, codeMethod, "不支持 DELETE 方法", "Method DELETE is not allowed"},
		{"GET", "/v1/locks", "bogus-token-bogus", "", 401, codeUnauthorized, "缺少访问令牌或令牌无效", "A valid bearer token is required"},
		{"GET", "/v1/indicators?under=11&period=2025", tokenCity, "", 403, codeForbidden, "区划 11 不在本令牌所属区划 3715 的范围内", "lies outside"},
		{"POST", "/v1/locks/unlock", tokenCity, `{}`, 403, codeRole, "此操作需要以下角色的令牌", "needs a token with the role"},
	}
	titles := map[int][2]string{400: {"请求有误", "Bad request"}, 401: {"需要访问令牌", "Unauthorized"}, 403: {"无权访问", "Forbidden"},
		404: {"未找到", "Not found"}, 405: {"不支持此请求方法", "Method not allowed"}}
	for _, tc := range tests {
		for i, lang := range []string{"zh-Hans", "en"} {
			t.Run(tc.method+" "+tc.path+" "+tc.body+" "+lang, func(t *testing.T) {
				var body []byte
				if tc.body != "" {
					body = []byte(tc.body)
				}
				ans := h.request(tc.method, tc.path, tc.token, body, "Accept-Language", lang)
				if ans.status != tc.status || ans.problemCode(t) != tc.code {
					t.Fatalf("answer %d %s, want %d %s", ans.status, ans.body, tc.status, tc.code)
				}
				var p httpapi.Problem
				ans.json(t, &p)
				want := []string{tc.hans, tc.en}[i]
				if !strings.Contains(p.Detail, want) || p.Title != titles[tc.status][i] || ans.header.Get("Content-Language") != lang {
					t.Errorf("%s answer: title %q, detail %q, want %q and a detail holding %q", lang, p.Title, p.Detail, titles[tc.status][i], want)
				}
			})
		}
	}
}

// TestDashboardErrorPageInTheReadersLanguage serves the dashboard as the
// server does and checks that its error page for an unknown division is
// headed in the page's language: it said "Not Found" in zh-Hans.
func TestDashboardErrorPageInTheReadersLanguage(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	h.srv.mountDashboard(dashboard.Handler(h.srv.mux, dashboard.Options{
		Default: demoDivision, DefaultPeriod: healthedu.MustParsePeriod("202510"), Token: tokenAdmin}))
	for _, tc := range []struct{ lang, heading, message string }{
		{"zh-Hans", "<h1>未找到</h1>", "区划代码“379999”不在区划代码表中"},
		{"zh-Hant", "<h1>找不到</h1>", "區劃代碼「379999」不在區劃代碼表中"},
		{"en", "<h1>Not found</h1>", "Division code &#34;379999&#34; is not in the division registry"},
	} {
		w := httptest.NewRecorder()
		h.srv.ServeHTTP(w, httptest.NewRequest("GET", "/?division=379999&lang="+tc.lang, nil))
		page := w.Body.String()
		if w.Code != http.StatusNotFound || !strings.Contains(page, tc.heading) || !strings.Contains(page, tc.message) {
			t.Errorf("%s: %d, want %s and %s:\n%s", tc.lang, w.Code, tc.heading, tc.message, page)
		}
	}
}
