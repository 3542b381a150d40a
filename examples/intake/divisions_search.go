package main

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The search of the registry's divisions by name or code (区划查找), which
// the dashboard's division picker calls: GET /v1/divisions/search?q=.

const (
	// searchMaxQuery bounds the query, in characters: a path of a village
	// with its four ancestors is shorter.
	searchMaxQuery = 100
	// searchMaxMatches is the most divisions one answer lists.
	searchMaxMatches = 20
)

// codeSearchQuery is the problem of a query too long to be a name, a path
// or a code.
const codeSearchQuery = "intake.searchQuery"

func init() {
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeSearchQuery, Severity: healthedu.SeverityError, Params: []string{"max"},
			Meaning: "the query of GET /v1/divisions/search is longer than a division's name, path or code can be",
			ZhHans:  "查找内容过长：区划名称、路径或代码不超过%[1]v个字",
			ZhHant:  "查找內容過長：區劃名稱、路徑或代碼不超過%[1]v個字",
			En:      "The query is too long: a division's name, path or code has at most %[1]v characters"},
	)
}

// divisionSearch answers GET /v1/divisions/search: the divisions within
// the parameter under (by default the token's division, or the whole
// registry for an anonymous read) that match q (see searchDivisions).
func (s *server) divisionSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	scope := scopeOf(principalOf(r.Context()))
	if q.Get("under") != "" {
		d, ok := s.under(w, r)
		if !ok {
			return
		}
		scope = d
	}
	query := strings.TrimSpace(q.Get("q"))
	if utf8.RuneCountInString(query) > searchMaxQuery {
		badRequest(w, r, codeSearchQuery, map[string]any{"max": searchMaxQuery})
		return
	}
	found, total := searchDivisions(s.reg, scope, query, searchMaxMatches)
	ans := wire.DivisionSearch{Query: query, Matches: []wire.DivisionMatch{}, Total: total}
	for _, d := range found {
		m := wire.DivisionMatch{Division: s.divisionJSON(d), Path: []wire.Division{}}
		for a := range d.Ancestors() {
			m.Path = append(m.Path, s.divisionJSON(a))
		}
		ans.Matches = append(ans.Matches, m)
	}
	writeJSON(w, r, http.StatusOK, ans)
}

// searchDivisions returns the first max divisions of reg within scope (the
// zero code for all) that match query, best first, and how many match in
// all. A query of digits is a code: the division of that code first, then
// those whose codes start with the digits. Any other query is a name, or
// a path of names separated by spaces, ›, >, / or commas (聊城 东昌府,
// 山东省 › 聊城市 › 东昌府区): the last must be part of the division's
// official or short name, each other part of one of its ancestors'. A
// division whose name is the last part exactly comes first, then one
// whose name starts with it, then the others; within each, the higher
// levels first, then by code. An empty query matches nothing.
func searchDivisions(reg *healthedu.Registry, scope healthedu.DivisionCode, query string, max int) ([]healthedu.DivisionCode, int) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, 0
	}
	type hit struct {
		code healthedu.DivisionCode
		rank int
	}
	var hits []hit
	if digits := strings.ReplaceAll(query, " ", ""); allASCIIDigits(digits) {
		for d := range reg.All() {
			if !within(scope, d.Code) {
				continue
			}
			full := d.Code.String()
			switch {
			case d.Code.Short() == digits || full == digits:
				hits = append(hits, hit{d.Code, 0})
			case strings.HasPrefix(full, digits):
				hits = append(hits, hit{d.Code, 1})
			}
		}
	} else {
		terms := strings.FieldsFunc(query, func(r rune) bool {
			return r == ' ' || r == '\u3000' || r == '›' || r == '>' || r == '/' || r == ',' || r == '，' || r == '、' || r == '\t'
		})
		last, above := terms[len(terms)-1], terms[:len(terms)-1]
		for d := range reg.All() {
			rank := nameRank(d, last)
			if rank < 0 || !within(scope, d.Code) || !ancestorsMatch(reg, d.Code, above) {
				continue
			}
			hits = append(hits, hit{d.Code, rank})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.code.Level(), b.code.Level()), strings.Compare(a.code.String(), b.code.String()))
	})
	out := make([]healthedu.DivisionCode, 0, min(len(hits), max))
	for _, h := range hits[:min(len(hits), max)] {
		out = append(out, h.code)
	}
	return out, len(hits)
}

// nameRank returns how well d's name matches term: 0 when its official or
// short name is term, 1 when one starts with it, 2 when one holds it, and
// -1 when neither does.
func nameRank(d healthedu.Division, term string) int {
	rank := -1
	for _, n := range []string{d.Name, d.ShortName} {
		switch {
		case n == "":
		case n == term:
			return 0
		case strings.HasPrefix(n, term):
			rank = 1
		case strings.Contains(n, term) && rank < 0:
			rank = 2
		}
	}
	return rank
}

// ancestorsMatch reports whether each of terms is part of the name of one
// of the divisions that contain c.
func ancestorsMatch(reg *healthedu.Registry, c healthedu.DivisionCode, terms []string) bool {
	if len(terms) == 0 {
		return true
	}
	var names []healthedu.Division
	for a := range c.Ancestors() {
		if d, ok := reg.Lookup(a); ok {
			names = append(names, d)
		}
	}
	for _, t := range terms {
		if !slices.ContainsFunc(names, func(d healthedu.Division) bool { return nameRank(d, t) >= 0 }) {
			return false
		}
	}
	return true
}

// allASCIIDigits reports whether s is one or more ASCII digits.
func allASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
