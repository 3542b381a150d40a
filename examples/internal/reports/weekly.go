package reports

import (
	"maps"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// Weekly is the weekly dispatch document (周调度): what "jiceng weekly
// -format json" writes and GET /v1/reports/weekly answers. Its members are
// those of the library's [ledger.Dispatch], as the library writes them
// (week, under, from, to, asOf, year, progress, overdueReports, newItems,
// overdueItems, closedItems, activities), so that a reader of a Dispatch
// reads it; then what the document adds: whether the week was still in
// progress when it was made, and the names, in the reader's language, of
// what the dispatch writes as codes.
//
// Free text that a submitter wrote — an item's problem, its owner's
// name, a finding's params — has any citizen ID number in it masked.
type Weekly struct {
	ledger.Dispatch
	// InProgress reports that the week had not ended at the instant the
	// document was made (本周进行中): the dispatch is as of the end of the
	// week (asOf), so that a report due in the week is listed as overdue
	// even if its deadline is still to come, and what is received before
	// then changes it.
	InProgress bool `json:"inProgress"`
	// Names are the names of the dispatch's codes in the reader's
	// language (名称).
	Names WeeklyNames `json:"names"`
}

// WeeklyNames are the names, in the reader's language, of the codes that
// a weekly dispatch writes (名称对照), each table holding those the
// dispatch writes and no other; a table is {} when there is none.
type WeeklyNames struct {
	// Divisions names each division the dispatch writes — under, the
	// divisions of the progress, the reporters overdue, the items'
	// divisions — and each of their ancestors within under, such as the
	// county of an overdue township (区划名称). A division the registry
	// does not hold, such as a village, is not in it.
	Divisions map[healthedu.DivisionCode]string `json:"divisions"`
	// Indicators names each indicator of the progress and of the items
	// (指标名称).
	Indicators map[string]string `json:"indicators"`
	// Forms names each activity form of activities.byForm (活动形式).
	Forms map[healthedu.ActivityForm]string `json:"forms"`
	// Sources names each source type of the items (问题来源).
	Sources map[ledger.SourceType]string `json:"sources"`
	// Statuses names each status of the items (整改状态).
	Statuses map[ledger.Status]string `json:"statuses"`
	// Problems gives, by item ID, each item's problem in the reader's
	// language (问题描述): the message of its finding when it has one,
	// otherwise its problem as written.
	Problems map[string]string `json:"problems"`
}

// NewWeekly returns the weekly dispatch document (周调度) of d, made at
// now, with the names of its codes in lang: division names from reg (nil
// means healthedu.DefaultRegistry()), indicator names from cat (nil means
// indicators.DefaultCatalogue()). The zero now makes a document that does
// not say the week is in progress. It does not compute anything itself:
// the command line and the intake each call ledger.Weekly, and build the
// same document from its dispatch.
func NewWeekly(d ledger.Dispatch, now time.Time, reg *healthedu.Registry, cat *indicators.Catalogue, lang language.Tag) Weekly {
	if reg == nil {
		reg = healthedu.DefaultRegistry()
	}
	if cat == nil {
		cat = indicators.DefaultCatalogue()
	}
	d.NewItems = redactItems(d.NewItems)
	d.OverdueItems = redactItems(d.OverdueItems)
	d.ClosedItems = redactItems(d.ClosedItems)
	doc := Weekly{
		Dispatch:   d,
		InProgress: !now.IsZero() && now.Before(d.AsOf),
		Names: WeeklyNames{
			Divisions:  map[healthedu.DivisionCode]string{},
			Indicators: map[string]string{},
			Forms:      map[healthedu.ActivityForm]string{},
			Sources:    map[ledger.SourceType]string{},
			Statuses:   map[ledger.Status]string{},
			Problems:   map[string]string{},
		},
	}
	n := &doc.Names
	division := func(c healthedu.DivisionCode) {
		if !c.IsValid() {
			return
		}
		if name := reg.Name(c); name != "" {
			n.Divisions[c] = name
		}
		for anc := range c.Ancestors() {
			if d.Under.Contains(anc) {
				if name := reg.Name(anc); name != "" {
					n.Divisions[anc] = name
				}
			}
		}
	}
	indicator := func(code string) {
		if ind, ok := cat.Indicator(code); ok {
			n.Indicators[code] = ind.Name(lang)
		}
	}
	division(d.Under)
	for _, r := range d.Progress {
		division(r.Division)
		if r.Indicator != nil {
			n.Indicators[r.Indicator.Code()] = r.Indicator.Name(lang)
		}
	}
	for _, o := range d.OverdueReports {
		division(o.Division)
	}
	for _, items := range [][]ledger.ItemLine{d.NewItems, d.OverdueItems, d.ClosedItems} {
		for _, it := range items {
			division(it.Division)
			if it.Indicator != "" {
				indicator(it.Indicator)
			}
			n.Sources[it.Source.Type] = it.Source.Type.Label(lang)
			n.Statuses[it.Status] = it.Status.Label(lang)
			problem := it.Problem
			if it.Finding != nil {
				problem = it.Finding.Message(lang, cat)
			}
			n.Problems[it.ID] = healthedu.RedactCitizenIDs(problem)
		}
	}
	for _, f := range d.Activities.ByForm {
		n.Forms[f.Form] = f.Form.Label(lang)
	}
	return doc
}

// redactItems returns a copy of items with any citizen ID number in their
// free text masked: the problem, the owner's name and the finding's
// params.
func redactItems(items []ledger.ItemLine) []ledger.ItemLine {
	if items == nil {
		return nil
	}
	out := slices.Clone(items)
	for i := range out {
		it := &out[i]
		it.Problem = healthedu.RedactCitizenIDs(it.Problem)
		it.Owner.Name = healthedu.RedactCitizenIDs(it.Owner.Name)
		it.Owner.Role = healthedu.RedactCitizenIDs(it.Owner.Role)
		if it.Finding != nil {
			f := *it.Finding
			f.Params = maps.Clone(f.Params)
			for k, v := range f.Params {
				f.Params[k] = healthedu.RedactCitizenIDs(v)
			}
			it.Finding = &f
		}
	}
	return out
}
