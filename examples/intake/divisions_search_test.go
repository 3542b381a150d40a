package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// TestSearchDivisions finds divisions of the national registry by name,
// short name, path and code, within a scope, best first.
func TestSearchDivisions(t *testing.T) {
	reg := healthedu.DefaultRegistry()
	liaocheng := healthedu.MustParseDivisionCode("3715")
	for _, tc := range []struct {
		name  string
		scope string
		query string
		max   int
		want  []string // short codes, best first
		total int
	}{
		{"an exact name", "", "东昌府区", 5, []string{"371502"}, 1},
		{"part of names, higher levels first", "", "东昌", 5, []string{"220502", "371502", "220502001", "450381101"}, 4},
		{"names that start with it before names that hold it", "", "阳谷", 5, []string{"371521", "513338104"}, 2},
		{"a short name", "", "黔西南州", 5, []string{"5223"}, 1},
		{"a path with spaces", "", "聊城 东昌", 5, []string{"371502"}, 1},
		{"a path as the picker writes it", "", "山东省 › 聊城市 › 东昌府区", 5, []string{"371502"}, 1},
		{"a path that names a township", "", "东昌府 古楼", 5, []string{"371502001"}, 1},
		{"a path whose upper part matches nothing", "", "广东 东昌", 5, nil, 0},
		{"a name repeated across the country, bounded", "", "城关镇", 3, []string{"120114110", "150123100", "150124100"}, 88},
		{"within a scope", "3715", "城关镇", 5, nil, 0},
		{"within a scope, by name", "3715", "古楼", 5, []string{"371502001"}, 1},
		{"a code, then the codes it starts", "", "3715", 3, []string{"3715", "371502", "371503"}, 145},
		{"a township's code", "", "371502001", 5, []string{"371502001"}, 1},
		{"a code in twelve digits", "", "371502000000", 5, []string{"371502"}, 1},
		{"a code outside the scope", "3715", "3716", 5, nil, 0},
		{"nothing", "", "   ", 5, nil, 0},
		{"no such name", "", "不存在的地方", 5, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var scope healthedu.DivisionCode
			if tc.scope != "" {
				scope = healthedu.MustParseDivisionCode(tc.scope)
			}
			found, total := searchDivisions(reg, scope, tc.query, tc.max)
			var got []string
			for _, c := range found {
				got = append(got, c.Short())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("searchDivisions(%q) (-want +got):\n%s", tc.query, diff)
			}
			if tc.total != 0 && total != tc.total {
				t.Errorf("total %d, want %d", total, tc.total)
			}
			if len(got) > 0 && total < len(got) {
				t.Errorf("total %d below the %d listed", total, len(got))
			}
		})
	}
	// Every division of 聊城 is found by its code's prefix, the city first.
	found, total := searchDivisions(reg, liaocheng, "3715", 1000)
	n := 0
	for d := range reg.All() {
		if liaocheng.Contains(d.Code) {
			n++
		}
	}
	if total != n || len(found) != n || found[0] != liaocheng {
		t.Errorf("3715 finds %d (%d listed, first %v), want the %d divisions of 聊城, it first", total, len(found), found[0], n)
	}
}

// TestDivisionSearchAPI asks GET /v1/divisions/search as a client would:
// the answer follows openapi.json, lists each division with its path,
// keeps to the token's division, and refuses a query too long to be a
// name, in the reader's language.
func TestDivisionSearchAPI(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	search := func(q url.Values, token string, headers ...string) (answer, wire.DivisionSearch) {
		t.Helper()
		ans := h.request("GET", "/v1/divisions/search?"+q.Encode(), token, nil, headers...)
		var v wire.DivisionSearch
		if ans.status == 200 {
			checkSchema(t, "DivisionSearch", ans.body)
			ans.json(t, &v)
		}
		return ans, v
	}
	type match struct{ Code, Name, Level, Path string }
	view := func(s wire.DivisionSearch) []match {
		var out []match
		for _, m := range s.Matches {
			var path []string
			for _, p := range m.Path {
				path = append(path, p.Name)
			}
			out = append(out, match{m.Code.Short(), m.Name, m.Level.String(), strings.Join(path, " › ")})
		}
		return out
	}

	ans, got := search(url.Values{"q": {"古楼"}}, tokenCity)
	if ans.status != 200 {
		t.Fatalf("%d %s", ans.status, ans.body)
	}
	want := []match{{"371502001", "古楼街道", "township", "山东省 › 聊城市 › 东昌府区"}}
	if diff := cmp.Diff(want, view(got)); diff != "" || got.Total != 1 || got.Query != "古楼" {
		t.Errorf("古楼 within 聊城 (-want +got):\n%s\ntotal %d, query %q", diff, got.Total, got.Query)
	}
	// 东阿县's token sees nothing of 东昌府区.
	if ans, got := search(url.Values{"q": {"东昌府"}}, tokenDonge); ans.status != 200 || len(got.Matches) != 0 || got.Total != 0 {
		t.Errorf("东昌府 with 东阿's token: %d %s", ans.status, ans.body)
	}
	// under narrows within the token's division, and may not leave it.
	if ans, got := search(url.Values{"q": {"街道"}, "under": {"371502"}}, tokenCity); ans.status != 200 || got.Total == 0 || len(got.Matches) > searchMaxMatches {
		t.Errorf("街道 under 371502: %d, %d of %d", ans.status, len(got.Matches), got.Total)
	} else {
		for _, m := range got.Matches {
			if !healthedu.MustParseDivisionCode("371502").Contains(m.Code) {
				t.Errorf("%v lies outside 371502", m.Code)
			}
		}
	}
	if ans, _ := search(url.Values{"q": {"城关镇"}, "under": {"37"}}, tokenCity); ans.status != 403 {
		t.Errorf("under=37 with 聊城's token: %d, want 403", ans.status)
	}
	if ans, got := search(url.Values{}, tokenCity); ans.status != 200 || len(got.Matches) != 0 {
		t.Errorf("no query: %d %s", ans.status, ans.body)
	}
	long := strings.Repeat("镇", searchMaxQuery+1)
	ans, _ = search(url.Values{"q": {long}}, tokenCity, "Accept-Language", "en")
	if ans.status != 400 || !strings.Contains(string(ans.body), codeSearchQuery) || !strings.Contains(string(ans.body), "at most 100 characters") {
		t.Errorf("a query too long: %d %s", ans.status, ans.body)
	}
}
