package dashboard

import (
	"cmp"
	"net/url"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/healthedu"
)

// The items a notification proposes (建议立项), grouped. A province's
// notification of a month proposes an item for each township that did not
// report, and one for each finding of the compliance check: thousands,
// which nobody reads one by one at that level. The section counts them
// all, and whether they are on the ledger already; above a township, it
// counts them by the division directly below the notification's (a
// province's cities, a city's counties, a county's townships) and by kind —
// the source and what was found — each division linking to its own
// notification, which lists its items; and it lists the items themselves
// up to proposedListMax, taken in turn from each division and kind when
// there are more, and says how many it leaves out and where they are.
//
// Hooks for tests: #proposed-count with data-count and data-stored; the
// table #proposed-groups, a th[data-kind] per kind and a tr[data-division]
// per division with td[data-kind], td.total and td.stored; #proposed-more
// with data-more, the number of items not listed.

// proposedListMax is the most items the notification lists one by one:
// about 45 KB of HTML, a few pages of A4.
const proposedListMax = 100

// A proposedKind is a kind of item proposed: its source and what was
// found, the indicator with it for a missed target.
type proposedKind struct {
	Key        string // the source's type, the finding's code, the indicator
	Source     string // the source's type
	SourceName string // the source, in the page's language
	Label      string // what was found, in the page's language
}

// kindOf returns the kind of item pr, in language l: a missing report, an
// indicator below its target, a rule of the compliance check, or another.
func (l uiLang) kindOf(pr wire.ProposedRectification) proposedKind {
	k := proposedKind{Source: string(pr.Source.Type)}
	k.SourceName = capitalize(cmp.Or(pr.Source.Type.Label(l.Tag()), pr.SourceName, k.Source))
	code := ""
	if pr.Finding != nil {
		code = pr.Finding.Code
	}
	rule, isRule := strings.CutPrefix(code, "compliance.")
	switch {
	case code == "ledger.reportMissing":
		k.Label = l.T()["proposedKindReportMissing"]
	case code == "ledger.belowTarget":
		code += "/" + pr.Indicator
		k.Label = l.sprintf("proposedKindBelowTarget", cmp.Or(pr.IndicatorName, pr.Indicator))
	case isRule && slices.Contains(compliance.Rules(), compliance.Rule(rule)):
		k.Label = capitalize(compliance.Rule(rule).Label(l.Tag()))
	default:
		code = ""
		k.Label = l.T()["proposedKindOther"]
	}
	k.Key = k.Source + "/" + code
	return k
}

// A proposedChild is a division directly below the notification's, with
// the number of its items of each kind (in the order of the kinds), of
// those on the ledger already, and of all.
type proposedChild struct {
	Division string
	Name     string
	URL      string
	Counts   []int
	Stored   int
	Total    int
}

// proposedGroups are a notification's items grouped by division and kind,
// and those it lists (their indexes in the notification's order).
type proposedGroups struct {
	Kinds    []proposedKind // in the order of their first item, by source
	Children []proposedChild
	Total    proposedChild
	Listed   []int
}

// groupProposed groups items by the division at level child that holds
// each (an item of a division above that level counts as its own), in the
// order of their codes, named from names (else from the item, else by
// code) and linked to by link, and by kind, as kindOf says; and chooses
// those to list: all of them, in their order, when they are at most limit;
// else limit of them, taken in turn from each division and kind (the first
// item of each, then the second…), listed by division and kind.
func groupProposed(items []wire.ProposedRectification, child healthedu.DivisionLevel, kindOf func(wire.ProposedRectification) proposedKind,
	names map[healthedu.DivisionCode]string, link func(healthedu.DivisionCode) string, limit int) proposedGroups {
	var g proposedGroups
	// The kinds, each source's together in the order of its first item.
	kinds := make([]proposedKind, len(items))
	kindIndex := map[string]int{}
	var sources []string
	for i, pr := range items {
		kinds[i] = kindOf(pr)
		if !slices.Contains(sources, kinds[i].Source) {
			sources = append(sources, kinds[i].Source)
		}
		if _, ok := kindIndex[kinds[i].Key]; !ok {
			kindIndex[kinds[i].Key] = len(g.Kinds)
			g.Kinds = append(g.Kinds, kinds[i])
		}
	}
	slices.SortStableFunc(g.Kinds, func(a, b proposedKind) int {
		return cmp.Compare(slices.Index(sources, a.Source), slices.Index(sources, b.Source))
	})
	for i, k := range g.Kinds {
		kindIndex[k.Key] = i
	}

	// The divisions, in the order of their codes.
	divisions := make([]healthedu.DivisionCode, len(items))
	for i, pr := range items {
		divisions[i] = pr.Division
	}
	codes, of := byChild(divisions, child)
	itemNames := map[healthedu.DivisionCode]string{}
	for i, pr := range items {
		if c := codes[of[i]]; pr.Division == c && pr.DivisionName != "" {
			itemNames[c] = pr.DivisionName
		}
	}
	for _, c := range codes {
		g.Children = append(g.Children, proposedChild{Division: c.String(), Name: cmp.Or(names[c], itemNames[c], c.String()),
			URL: link(c), Counts: make([]int, len(g.Kinds))})
	}
	g.Total.Counts = make([]int, len(g.Kinds))

	// The counts, and the items of each division and kind in their order.
	groups := make([][]int, len(codes)*len(g.Kinds))
	for i, pr := range items {
		ci, ki := of[i], kindIndex[kinds[i].Key]
		for _, ch := range []*proposedChild{&g.Children[ci], &g.Total} {
			ch.Counts[ki]++
			ch.Total++
			if pr.Stored {
				ch.Stored++
			}
		}
		groups[ci*len(g.Kinds)+ki] = append(groups[ci*len(g.Kinds)+ki], i)
	}

	if len(items) <= limit {
		for i := range items {
			g.Listed = append(g.Listed, i)
		}
		return g
	}
	taken := make([]int, len(groups)) // of each group, its first taken[j] items
	for n, round := 0, 0; n < limit; round++ {
		for j, grp := range groups {
			if n < limit && round < len(grp) {
				taken[j]++
				n++
			}
		}
	}
	for j, grp := range groups {
		g.Listed = append(g.Listed, grp[:taken[j]]...)
	}
	return g
}

// proposedTable is the table of the items proposed by division and kind,
// ready to show.
type proposedTable struct {
	Caption string
	Note    string
	Sources []proposedSource
	Kinds   []proposedKind
	Rows    []proposedRow
	Total   proposedRow
}

// A proposedSource is a source heading its kinds' columns.
type proposedSource struct {
	Name string
	Span int
}

// A proposedRow is a division's line of the table: its counts with digits
// grouped, blank for none.
type proposedRow struct {
	Division string
	Name     string
	URL      string
	Cells    []proposedCell
	Total    string
	Stored   string
}

// A proposedCell is the number of a division's items of a kind.
type proposedCell struct {
	Kind string
	N    string
}

// addProposed adds the items the notification m proposes to the page: how
// many, and how many are on the ledger; above a township, by division
// below and kind; and the items themselves, up to proposedListMax.
func (p *reportPage) addProposed(lang uiLang, m *wire.Monthly) {
	p.ProposedNote = lang.T()["proposedNote"]
	p.LedgerURL = ledgerURL(p.Under.Code, lang)
	if !m.Due {
		p.ProposedNote = lang.T()["proposedNotDue"]
		return
	}
	if len(m.Proposed) == 0 {
		p.ProposedNote = lang.T()["proposedNone"]
		return
	}
	level := p.Under.Code.Level()
	child := level + 1
	if level == 0 || level >= healthedu.LevelTownship {
		child = healthedu.LevelVillage
	}
	names := map[healthedu.DivisionCode]string{}
	for _, d := range m.Divisions {
		if d.Name != "" {
			names[d.Division] = d.Name
		}
	}
	link := func(c healthedu.DivisionCode) string { return p.State.with(c).reportURL() + "#proposed-h" }
	g := groupProposed(m.Proposed, child, lang.kindOf, names, link, proposedListMax)

	p.ProposedCount, p.ProposedStored = g.Total.Total, g.Total.Stored
	p.ProposedCountText = lang.sprintf("proposedCount", groupDigits(int64(g.Total.Total)), groupDigits(int64(g.Total.Stored)))
	if level != 0 && level < healthedu.LevelTownship {
		t := &proposedTable{
			Caption: lang.sprintf("proposedByChild", lang.levelName(levelText(child))),
			Note:    lang.T()["proposedBlank"],
			Kinds:   g.Kinds,
		}
		for i, k := range g.Kinds {
			if i == 0 || g.Kinds[i-1].Source != k.Source {
				t.Sources = append(t.Sources, proposedSource{Name: k.SourceName})
			}
			t.Sources[len(t.Sources)-1].Span++
		}
		row := func(ch proposedChild, blank bool) proposedRow {
			r := proposedRow{Division: ch.Division, Name: ch.Name, URL: ch.URL, Total: groupDigits(int64(ch.Total)), Stored: groupDigits(int64(ch.Stored))}
			for i, n := range ch.Counts {
				c := proposedCell{Kind: g.Kinds[i].Key, N: groupDigits(int64(n))}
				if n == 0 && blank {
					c.N = ""
				}
				r.Cells = append(r.Cells, c)
			}
			return r
		}
		for _, ch := range g.Children {
			t.Rows = append(t.Rows, row(ch, true))
		}
		t.Total = row(g.Total, false)
		t.Total.Name = lang.T()["total"]
		p.ProposedTable = t
	}

	for _, i := range g.Listed {
		pr := m.Proposed[i]
		ln := proposedLine{ledgerLine: lang.ledgerLine(pr.Rectification), Stored: pr.Stored, StoredText: lang.T()["proposedNotStored"],
			SourceType: string(pr.Source.Type), SourceName: cmp.Or(pr.SourceName, string(pr.Source.Type))}
		if pr.Stored {
			ln.StoredText = lang.sprintf("proposedStored", pr.StoredStatus.Label(lang.Tag()))
		}
		p.Proposed = append(p.Proposed, ln)
	}
	if more := len(m.Proposed) - len(g.Listed); more > 0 {
		p.ProposedListed = lang.sprintf("proposedListed", groupDigits(int64(len(g.Listed))))
		p.ProposedMore = more
		p.ProposedMoreText = lang.sprintf("proposedMore", groupDigits(int64(more)), groupDigits(int64(len(m.Proposed))))
		q := url.Values{"under": {p.Under.Code.String()}, "period": {p.State.Period.String()}}
		p.ProposedAPI = "v1/reports/monthly?" + q.Encode() // relative, as the page's links are
	}
}
