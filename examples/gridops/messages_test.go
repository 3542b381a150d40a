package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
)

// apiWords are the ASCII words a message in Chinese may hold besides its
// params: names the server's interface defines, which a reader types as
// they are — a header, the authentication scheme, a query parameter, a
// member of an answer — and the names of standards. Anything else is
// English prose.
var apiWords = map[string]string{
	"Authorization": "request header",
	"Bearer":        "authentication scheme",
	"Last-Event-ID": "request header",
	"recipient":     "query parameter of /v1/alerts/stream",
	"summary":       "member of the 422 problem",
	"JSON":          "the format",
	"RFC":           "RFC 3339, the form of timestamps (library message json.dateTime)",
}

var (
	// messageToken matches a run of characters that may make up a word,
	// an identifier, a number, a path or a timestamp.
	messageToken = regexp.MustCompile(`[A-Za-z0-9_./:+'-]+`)
	// englishWord matches a token made of letters only (hyphens and
	// apostrophes inside): a word, not a value such as 2025-10-17T09:30,
	// /v1/events or UTF-8.
	englishWord = regexp.MustCompile(`^[A-Za-z]+(?:['-][A-Za-z]+)*$`)
	// placeholder matches a param's place in a template.
	placeholder = regexp.MustCompile(`%\[\d+\]v`)
	// englishPhrase matches three English words in a row: prose.
	englishPhrase = regexp.MustCompile(`[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+`)
)

// foreignWords returns the English words of msg, a message in Chinese,
// that are neither among apiWords nor single letters (the X of a citizen
// ID number, the letters of a credit code are characters, not words).
func foreignWords(msg string) []string {
	var out []string
	for _, tok := range messageToken.FindAllString(msg, -1) {
		if englishWord.MatchString(tok) && len(tok) > 1 && apiWords[tok] == "" {
			out = append(out, tok)
		}
	}
	return out
}

// paramTexts returns the texts of params as a message shows them, longest
// first: a list both as a whole, in lang, and item by item.
func paramTexts(params map[string]any, lang language.Tag) []string {
	var out []string
	for _, v := range params {
		switch x := v.(type) {
		case []any:
			var words []string
			for _, w := range x {
				words = append(words, fmt.Sprint(w))
			}
			out = append(out, joinWords(words, lang))
			out = append(out, words...)
		case []string:
			out = append(out, joinWords(x, lang))
			out = append(out, x...)
		default:
			out = append(out, fmt.Sprint(v))
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// proseProblems returns what is wrong with msg, a message in lang with
// params: in Chinese, an English word outside the params (and not among
// apiWords), or a list param not written as a Chinese list; in English, a
// Chinese character outside the params. And in any language a param that
// reads as English prose, such as a Go error's text.
func proseProblems(msg string, params map[string]any, lang language.Tag) []string {
	var out []string
	rest := msg
	for _, p := range paramTexts(params, lang) {
		if p != "" {
			rest = strings.ReplaceAll(rest, p, " ")
		}
	}
	for k, v := range params {
		if s, ok := v.(string); ok && englishPhrase.MatchString(s) {
			out = append(out, fmt.Sprintf("param %s reads as prose: %q", k, s))
		}
		if list, ok := v.([]any); ok && len(list) > 1 {
			var words []string
			for _, w := range list {
				words = append(words, fmt.Sprint(w))
			}
			if !strings.Contains(msg, joinWords(words, lang)) {
				out = append(out, fmt.Sprintf("list param %s not written as a list in words: %q", k, msg))
			}
		}
	}
	if lang == healthedu.English {
		for _, r := range rest {
			if unicode.Is(unicode.Han, r) {
				out = append(out, fmt.Sprintf("Chinese in English: %q", msg))
				break
			}
		}
		return out
	}
	if words := foreignWords(rest); len(words) > 0 {
		out = append(out, fmt.Sprintf("English words %q in %q", words, msg))
	}
	return out
}

// TestProseCheck shows that the check finds what it is for.
func TestProseCheck(t *testing.T) {
	tests := []struct {
		msg    string
		params map[string]any
		lang   language.Tag
		bad    bool
	}{
		{"no alert 99 among those you were notified of", nil, healthedu.ZhHans, true},
		{"参数 period 有误：required", map[string]any{"name": "period"}, healthedu.ZhHans, true},
		{"参数 level 有误：province is above city, the level of under", map[string]any{"name": "level", "reason": "province is above city, the level of under"}, healthedu.ZhHans, true},
		{"未知的记录类型“x”，应为以下之一：[activity binding]", map[string]any{"value": "x", "allowed": []any{"activity", "binding"}}, healthedu.ZhHans, true},
		{"未找到", nil, healthedu.English, true},
		{"Not Found", nil, healthedu.ZhHant, true},
		{"未知的记录类型“x”，应为以下之一：activity、binding", map[string]any{"value": "x", "allowed": []any{"activity", "binding"}}, healthedu.ZhHans, false},
		{"参数 status 的取值应为以下之一：open、closed、all", map[string]any{"name": "status", "allowed": []any{"open", "closed", "all"}}, healthedu.ZhHans, false},
		{"请求头 Last-Event-ID 应为本服务发出的事件编号", nil, healthedu.ZhHans, false},
		{"“2025-10-17 08:00”不是有效的时间：应为带时区的 RFC 3339 格式，如 2025-10-17T09:30:00+08:00", map[string]any{"value": "2025-10-17 08:00"}, healthedu.ZhHans, false},
		{"此接口不接收“resident”类记录，请提交到 /v1/events", map[string]any{"value": "resident", "endpoint": "/v1/events"}, healthedu.ZhHans, false},
		{"Parameter status must be one of open, closed, all", map[string]any{"name": "status", "allowed": []any{"open", "closed", "all"}}, healthedu.English, false},
	}
	for _, tt := range tests {
		if got := proseProblems(tt.msg, tt.params, tt.lang); (len(got) > 0) != tt.bad {
			t.Errorf("proseProblems(%q, %v) = %q, want bad %v", tt.msg, tt.lang, got, tt.bad)
		}
	}
}

// TestGridopsCodes checks every code the server registers: registered,
// an error, with a meaning and a message in each language; the Chinese
// messages without English words outside their params and apiWords, the
// English one without Chinese; each param used in each language (the
// library checks that too, at registration).
func TestGridopsCodes(t *testing.T) {
	if len(gridopsCodes) < 30 {
		t.Fatalf("only %d codes", len(gridopsCodes))
	}
	for _, d := range gridopsCodes {
		got, ok := healthedu.LookupCode(d.Code)
		if !ok {
			t.Errorf("%s is not registered", d.Code)
			continue
		}
		if got.Severity != healthedu.SeverityError || strings.TrimSpace(got.Meaning) == "" {
			t.Errorf("%s: severity %v, meaning %q", d.Code, got.Severity, got.Meaning)
		}
		for _, m := range []struct {
			lang language.Tag
			tmpl string
		}{{healthedu.ZhHans, got.ZhHans}, {healthedu.ZhHant, got.ZhHant}, {healthedu.English, got.En}} {
			if strings.TrimSpace(m.tmpl) == "" {
				t.Errorf("%s: no %v message", d.Code, m.lang)
				continue
			}
			bare := placeholder.ReplaceAllString(m.tmpl, " ")
			if problems := proseProblems(bare, nil, m.lang); len(problems) > 0 {
				t.Errorf("%s in %v: %s", d.Code, m.lang, strings.Join(problems, "; "))
			}
			if m.lang != healthedu.English && !strings.ContainsFunc(bare, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s in %v holds no Chinese: %q", d.Code, m.lang, m.tmpl)
			}
		}
		if got.ZhHans == got.ZhHant { // every message of the server has a character written otherwise
			t.Errorf("%s: the same message in zh-Hans and zh-Hant, %q", d.Code, got.ZhHans)
		}
	}
	// Every status the server answers with has a title of its own.
	for status, code := range titleCodes {
		if _, ok := healthedu.LookupCode(code); !ok {
			t.Errorf("the title of %d, %s, is not registered", status, code)
		}
	}
}

// checkLanguage checks an answer to a request with Accept-Language accept:
// its Content-Language, and that each text in it — the title and detail of
// a problem, the messages of an import summary — is in that language with
// no words of another. It reports through t.
func checkLanguage(t *testing.T, accept, ctype, clang string, body []byte) {
	t.Helper()
	lang := healthedu.MatchLanguage(accept)
	var doc struct {
		Title, Detail, Code string
		Params              map[string]any
		Summary             *struct{ Issues []summaryIssueJSON }
		Issues              []summaryIssueJSON
	}
	if !strings.HasPrefix(ctype, "application/problem+json") && !strings.HasPrefix(ctype, "application/json") {
		return
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return // a listing of alerts is an array member, not checked here
	}
	if clang != lang.String() {
		t.Errorf("Accept-Language %q: Content-Language %q, want %v", accept, clang, lang)
	}
	type text struct {
		where, msg string
		params     map[string]any
	}
	var texts []text
	if strings.HasPrefix(ctype, "application/problem+json") {
		texts = append(texts, text{"title of " + doc.Code, doc.Title, nil}, text{"detail of " + doc.Code, doc.Detail, doc.Params})
	}
	issues := doc.Issues
	if doc.Summary != nil {
		issues = append(issues, doc.Summary.Issues...)
	}
	for _, is := range issues {
		texts = append(texts, text{"issue " + is.Code, is.Message, is.Params})
	}
	for _, tx := range texts {
		if tx.msg == "" {
			t.Errorf("Accept-Language %q: empty %s", accept, tx.where)
		}
		for _, p := range proseProblems(tx.msg, tx.params, lang) {
			t.Errorf("Accept-Language %q, %s: %s", accept, tx.where, p)
		}
	}
}

// summaryIssueJSON is an issue of an import summary as a client reads it.
type summaryIssueJSON struct {
	Code    string
	Message string
	Params  map[string]any
}

// TestProblemsInReadersLanguage drives the error paths of the server in
// each language and checks the title, the detail and the language of the
// answer (checkLanguage, which every request of the tests passes through,
// checks that no word of another language leaks).
func TestProblemsInReadersLanguage(t *testing.T) {
	e := registered(t)
	e.readings(bp("r1", t0, 154, 76))
	tests := []struct {
		name, method, path, who, body string
		header                        []string
		status                        int
		code                          string
	}{
		{"no token", "GET", "/v1/alerts", "", "", nil, 401, codeAuthRequired},
		{"unknown token", "GET", "/v1/alerts", "", "", []string{"Authorization", "Bearer not-a-token-of-anyone"}, 401, codeAuthInvalid},
		{"role", "POST", "/v1/register", "D1", "{}", nil, 403, codeAuthForbidden},
		{"another's stream", "GET", "/v1/alerts/stream?recipient=D1", "W1", "", nil, 403, codeStreamForbidden},
		{"bad Last-Event-ID", "GET", "/v1/alerts/stream", "D1", "", []string{"Last-Event-ID", "x"}, 400, codeLastEventID},
		{"bad status", "GET", "/v1/alerts?status=pending", "D1", "", nil, 400, codeQuery},
		{"readings not an array", "POST", "/v1/readings", "gateway", `{"resident":"x"}`, nil, 400, codeBodyNotArray},
		{"readings malformed", "POST", "/v1/readings", "gateway", `[{"resident":]`, nil, 400, codeBodySyntax},
		{"readings truncated", "POST", "/v1/readings", "gateway", `[{"resident":"x"`, nil, 400, codeBodyTruncated},
		{"readings trailing", "POST", "/v1/readings", "gateway", `[] []`, nil, 400, codeBodyTrailing},
		{"records too large", "POST", "/v1/register", "gateway", strings.Repeat(registerNDJSON(), 250), nil, 413, codeBodyTooLarge},
		{"wrong method", "PUT", "/v1/register", "gateway", "", nil, 405, codeMethod},
		{"no such path", "GET", "/v2/alerts", "D1", "", nil, 404, codeNotFound},
		{"unknown alert", "POST", "/v1/alerts/99/ack", "D1", "", nil, 404, codeAlertUnknown},
	}
	for _, accept := range []string{"", "zh-CN", "zh-TW", "en-US,en;q=0.9"} {
		lang := healthedu.MatchLanguage(accept)
		for _, tt := range tests {
			header := append(slices.Clone(tt.header), "Accept-Language", accept)
			status, ctype, b := e.do(tt.method, tt.path, tt.who, tt.body, header...)
			var p problem
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatalf("%s: %d %.300s: %v", tt.name, status, b, err)
			}
			want := problem{Problem: httpapi.Problem{
				Type: "about:blank", Status: tt.status, Code: tt.code, Instance: strings.Split(tt.path, "?")[0],
				Title: healthedu.NewIssue(titleCode(tt.status), "", nil).Message(lang),
			}}
			got := p
			got.Detail, got.Params = "", nil
			if diff := cmp.Diff(want, got); diff != "" || status != tt.status || ctype != "application/problem+json" {
				t.Errorf("%s in %q: %d %s (-want +got):\n%s", tt.name, accept, status, ctype, diff)
			}
			if def, _ := healthedu.LookupCode(tt.code); p.Detail == "" || len(def.Params) > 0 && p.Params == nil {
				t.Errorf("%s in %q: detail %q, params %v", tt.name, accept, p.Detail, p.Params)
			}
		}
	}
	// The details themselves, in each language, for two of them.
	for _, tt := range []struct {
		accept, path, want string
	}{
		{"", "/v1/alerts/99/ack", "在您收到且仍可查看的预警中，没有编号为 99 的预警"},
		{"zh-TW", "/v1/alerts/99/ack", "在您收到且仍可查看的預警中，沒有編號為 99 的預警"},
		{"en", "/v1/alerts/99/ack", "No alert 99 among those you were notified of and may still see"},
	} {
		_, _, b := e.do("POST", tt.path, "D1", "", "Accept-Language", tt.accept)
		var p problem
		json.Unmarshal(b, &p)
		if p.Detail != tt.want {
			t.Errorf("Accept-Language %q: detail %q, want %q", tt.accept, p.Detail, tt.want)
		}
	}
	_, _, b := e.do("GET", "/v1/alerts?status=x", "D1", "", "Accept-Language", "zh-Hans")
	var p problem
	json.Unmarshal(b, &p)
	if want := "参数 status 的取值应为以下之一：open、closed、all"; p.Detail != want {
		t.Errorf("detail %q, want %q", p.Detail, want)
	}
}

// TestIssuesInReadersLanguage drives the issues of import summaries in
// Chinese: a record of an unknown kind lists the kinds in words, a
// reading's enumeration too, and nothing reads as English.
func TestIssuesInReadersLanguage(t *testing.T) {
	e := registered(t)
	for _, accept := range []string{"", "zh-Hant", "en"} {
		lang := healthedu.MatchLanguage(accept)
		s := e.post("/v1/register", "gateway", `{"schemaVersion":"1","kind":"household","id":"h98","grid":"g7"}`+"\n"+
			`{"schemaVersion":"1","kind":"houshold","id":"h99","grid":"g1"}`+"\n", "Accept-Language", accept)
		var names []string
		for _, k := range decoderKinds.Sorted() {
			names = append(names, string(k.Kind))
		}
		found := false
		for _, is := range s.Issues {
			if is.Code == "document.kind" {
				found = true
				if !strings.Contains(is.Message, joinWords(names, lang)) {
					t.Errorf("%q: the kinds are not listed in words: %q", accept, is.Message)
				}
			}
		}
		if !found {
			t.Errorf("%q: no document.kind issue: %+v", accept, s.Issues)
		}
		s = e.post("/v1/readings", "gateway", `[{"resident":"`+pseudonym("r1")+`","kind":"walk","at":"2025-10-17T08:00:00+08:00"},`+
			`{"resident":"`+pseudonym("r1")+`","kind":"outing","at":"1999-10-17T08:00:00+08:00"}]`, "Accept-Language", accept)
		if diff := cmp.Diff([]issueBrief{{0, "", "json.enum", "/kind"}, {1, "", codeReadingTimeRange, "/at"}}, briefs(s)); diff != "" {
			t.Errorf("%q: reading issues (-want +got):\n%s", accept, diff)
		}
		if msg := s.Issues[0].Message; !strings.Contains(msg, joinWords([]string{"blood-pressure", "outing", "fall"}, lang)) {
			t.Errorf("%q: the reading kinds are not listed in words: %q", accept, msg)
		}
	}
}
