package dashboard

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The pickers (选择器) of what a page shows: a division found by its name,
// path or code, and a period of any kind across the years.
//
// The division picker is a GET form (templates/parts_picker.html) that
// sends its query to "/divisions", with the page it comes from (page=index,
// trend, map or pivot) and that page's other parameters; "/divisions" asks
// the API (GET /v1/divisions/search) and lists the divisions found, each
// with its path (山东省 › 聊城市 › 东昌府区), as links back to that page
// showing the division. It needs no script, and every choice stays in the
// URL.
//
// The period picker is a select of the periods of several years, newest
// first: each year, its halves, its quarters and its months.

// pickerYears is how many years the period picker offers, back from the
// latest period with data.
const pickerYears = 5

// searchPages are the pages the division picker returns to, by the value
// of its parameter page, with their paths.
var searchPages = map[string]string{"index": "./", "trend": "trend"}

// searchCarried are the parameters of the page a search comes from that
// the links to the divisions found keep.
var searchCarried = []string{"period", "indicator", "year", "by", "from", "to", "rows", "cols"}

// A searchForm is the division picker's form on a page.
type searchForm struct {
	T      map[string]string
	Page   string // index, trend, map or pivot
	Query  string // the query, shown again on the page of results
	Hidden []hiddenField
}

// A hiddenField is a parameter a form passes on unchanged.
type hiddenField struct{ Name, Value string }

// SearchForm returns the division picker of the start page showing s.
func (s pageState) SearchForm() searchForm {
	return newSearchForm("index", s.Lang, s.query())
}

// newSearchForm returns the division picker of page, in language lang,
// which keeps the parameters q of the page (but its division).
func newSearchForm(page string, lang uiLang, q url.Values) searchForm {
	f := searchForm{T: lang.T(), Page: page}
	for _, k := range searchCarried {
		if v := q.Get(k); v != "" && len(v) <= 64 {
			f.Hidden = append(f.Hidden, hiddenField{k, v})
		}
	}
	f.Hidden = append(f.Hidden, hiddenField{"lang", lang.String()})
	return f
}

// searchPage is the page of the divisions found, "/divisions".
type searchPage struct {
	frame
	Form    searchForm
	Heading string
	Matches []searchMatch
	Summary string // how many were found, or that none was
	More    string // that more were found than listed, when they were
	BackURL string // the page the search came from, unchanged
}

// A searchMatch is one division found, as a link to the page it is chosen for.
type searchMatch struct {
	Code, Name, Level string
	Path              []string // the names of its ancestors, province first
	URL               string
}

// serveDivisionSearch serves "/divisions".
func (d *dashboard) serveDivisionSearch(ctx context.Context, w http.ResponseWriter, r *http.Request, lang uiLang) {
	q := r.URL.Query()
	page := q.Get("page")
	if page == "" {
		page = "index"
	}
	path, ok := searchPages[page]
	if !ok {
		d.renderParamError(w, r, lang, &paramError{Param: "page", Key: "errorSearchPage", Value: page})
		return
	}
	query := strings.TrimSpace(q.Get("q"))
	if n := utf8.RuneCountInString(query); n > searchMaxQuery {
		d.renderParamError(w, r, lang, &paramError{Param: "q", Key: "errorSearchLong", Value: strconv.Itoa(searchMaxQuery)})
		return
	}
	msg := lang.T()
	p := searchPage{Form: newSearchForm(page, lang, q), Heading: msg["searchHeading"]}
	p.Form.Query = query
	p.frame = newFrame("divisions", r, lang, p.Heading+" · "+msg["appName"])
	back := url.Values{}
	for _, h := range p.Form.Hidden {
		back.Set(h.Name, h.Value)
	}
	if v := q.Get("division"); v != "" && len(v) <= 24 {
		back.Set("division", v)
	}
	p.BackURL = path + "?" + back.Encode()
	if query != "" {
		var res wire.DivisionSearch
		if err := d.api.get(ctx, r, lang, "/v1/divisions/search", url.Values{"q": {query}}, &res); err != nil {
			d.renderAPIError(w, r, lang, err)
			return
		}
		p.Matches = searchMatches(lang, path, p.Form.Hidden, res.Matches)
		switch {
		case len(p.Matches) == 0:
			p.Summary = lang.sprintf("searchNone", query)
		default:
			p.Summary = lang.sprintf("searchFound", groupDigits(int64(res.Total)), query)
		}
		if res.Total > len(p.Matches) {
			p.More = lang.sprintf("searchMore", groupDigits(int64(len(p.Matches))))
		}
	}
	d.render(w, r, http.StatusOK, "divisions", p)
}

// searchMaxQuery is the longest query the picker sends, in characters, as
// the API takes it.
const searchMaxQuery = 100

// searchMatches makes the divisions found into links to the page at path
// with the parameters hidden, showing each division.
func searchMatches(lang uiLang, path string, hidden []hiddenField, found []wire.DivisionMatch) []searchMatch {
	var out []searchMatch
	for _, m := range found {
		q := url.Values{}
		for _, h := range hidden {
			q.Set(h.Name, h.Value)
		}
		q.Set("division", m.Code.String())
		sm := searchMatch{Code: m.Code.Short(), Name: m.Name, Level: lang.levelName(levelText(m.Level)), URL: path + "?" + q.Encode()}
		if sm.Name == "" {
			sm.Name = sm.Code
		}
		for _, a := range m.Path {
			sm.Path = append(sm.Path, a.Name)
		}
		out = append(out, sm)
	}
	return out
}

// periodChoices lists the periods the period picker offers, as a group
// for each year, newest first: the year, its halves, its quarters and its
// months. The years are the pickerYears up to latest's (the latest period
// with data; when invalid, selected's), and selected's when it lies
// outside them; selected is marked.
func periodChoices(selected, latest healthedu.Period, lang uiLang) []optionGroup {
	top := latest.Year()
	if !latest.IsValid() {
		top = selected.Year()
	}
	var years []int
	if selected.IsValid() && selected.Year() > top {
		years = append(years, selected.Year())
	}
	for y := top; y > top-pickerYears; y-- {
		years = append(years, y)
	}
	if selected.IsValid() && selected.Year() <= top-pickerYears {
		years = append(years, selected.Year())
	}
	var groups []optionGroup
	for _, y := range years {
		yp := healthedu.YearPeriod(y)
		if !yp.IsValid() {
			continue
		}
		g := optionGroup{Label: lang.periodName(yp)}
		for _, t := range []healthedu.PeriodType{healthedu.PeriodYear, healthedu.PeriodHalfYear, healthedu.PeriodQuarter, healthedu.PeriodMonth} {
			for q := range yp.Sub(t) {
				g.Options = append(g.Options, option{Value: q.String(), Label: lang.periodName(q), Selected: q == selected})
			}
		}
		groups = append(groups, g)
	}
	return groups
}

// yearChoices lists the years a trend may show: the pickerYears up to
// latest's, and selected when it lies outside them, newest first.
func yearChoices(selected int, latest healthedu.Period, lang uiLang) []option {
	var out []option
	for _, g := range periodChoices(healthedu.YearPeriod(selected), latest, lang) {
		y := g.Options[0]
		out = append(out, option{Value: y.Value, Label: y.Label, Selected: y.Selected})
	}
	return out
}
