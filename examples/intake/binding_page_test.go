package main

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/roster"
)

// TestBindingPage opens binding codes in a browser's stead (GET /b): a
// valid code names its instructor and says to scan it in the
// mini-program, in the reader's language; a code altered, signed by a
// key the platform does not hold, or of an instructor the register
// lacks is refused on the page with the library's code; a platform
// without keys says so. No token is needed, and no citizen ID number
// shows.
func TestBindingPage(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), withBinding(t, testBindingKey))
	registerInstructors(t, h)
	sign := func(key roster.Key, id string) string {
		t.Helper()
		s, err := roster.NewSigner(testBindingBase, key)
		if err != nil {
			t.Fatal(err)
		}
		code, err := s.Sign(id)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	query := func(code string) string {
		u, err := url.Parse(code)
		if err != nil {
			t.Fatal(err)
		}
		return u.RawQuery
	}
	valid := sign(testBindingKey, "GL-HI-01")
	altered := []byte(valid)
	if altered[len(altered)-2] == 'A' {
		altered[len(altered)-2] = 'B'
	} else {
		altered[len(altered)-2] = 'A'
	}
	outcome := regexp.MustCompile(`<main data-outcome="(\w+)"(?: data-code="([\w.]+)")?>`)
	type result struct {
		Status        int
		Outcome, Code string
		Says          bool
	}
	for _, tc := range []struct {
		name, query, lang, says string
		want                    result
	}{
		{"valid", query(valid), "zh-Hans", "古楼街道健康指导员李梅的绑定码。请在小程序中扫描", result{200, "ok", "", true}},
		{"valid, in English", query(valid), "en", "This is the binding code of 李梅, health instructor of 古楼街道", result{200, "ok", "", true}},
		{"valid, in zh-Hant", query(valid), "zh-Hant", "請在小程式中掃描此二維碼", result{200, "ok", "", true}},
		{"altered", query(string(altered)), "zh-Hans", "", result{400, "refused", "bindingCode.signature", false}},
		{"another key", query(sign(roster.Key{ID: "2024x", Secret: testSecret("2024x")}, "GL-HI-01")), "zh-Hans", "", result{400, "refused", "bindingCode.unknownKey", false}},
		{"nothing", "", "zh-Hans", "", result{400, "refused", "bindingCode.malformed", false}},
		{"an instructor the register lacks", query(sign(testBindingKey, "GL-HI-99")), "zh-Hans", "GL-HI-99", result{404, "refused", "roster.instructorUnknown", true}},
	} {
		ans := h.request("GET", "/b?"+tc.query, "", nil, "Accept-Language", tc.lang)
		got := result{Status: ans.status, Says: tc.says != "" && strings.Contains(string(ans.body), tc.says)}
		if m := outcome.FindStringSubmatch(string(ans.body)); m != nil {
			got.Outcome, got.Code = m[1], m[2]
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s\n%s", tc.name, diff, ans.body)
		}
		if ct := ans.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", tc.name, ct)
		}
		if strings.Contains(string(ans.body), "37150219850101012") || strings.Contains(string(ans.body), citizenID("37150219850101012")) {
			t.Errorf("%s: the page shows the instructor's citizen ID number", tc.name)
		}
	}

	without := newHarness(t, openTestSQLite(t))
	if ans := without.request("GET", "/b?"+query(valid), "", nil); ans.status != http.StatusServiceUnavailable || !strings.Contains(string(ans.body), codeBindingUnavailable) {
		t.Errorf("without keys: %d %s", ans.status, ans.body)
	}
}
