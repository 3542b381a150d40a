package reports

import (
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
	"github.com/jiceng/jiceng/ledger"
)

// Weekly is the weekly dispatch (周调度): what "jiceng weekly -format json"
// writes and GET /v1/reports/weekly answers. Its members are those of a
// [ledger.Dispatch], in its order, each element with what the reader needs
// beside it: the names of divisions, indicators, forms, sources and
// statuses, and each item's problem, in the reader's language.
type Weekly struct {
	// Week is the ISO week (调度周), such as "2025W44".
	Week healthedu.Period `json:"week"`
	// Under is the division in view (调度区划).
	Under Division `json:"under"`
	// From and To are the week's Monday and Sunday.
	From healthedu.Date `json:"from"`
	To   healthedu.Date `json:"to"`
	// AsOf is the instant of the dispatch (统计时点): the end of the week,
	// in China Standard Time.
	AsOf time.Time `json:"asOf"`
	// Year is the year of the progress (年度), the week's ISO year.
	Year healthedu.Period `json:"year"`
	// Progress is the year's progress against each target (年度进度).
	Progress []WeeklyProgress `json:"progress"`
	// OverdueReports are the monthly reports overdue (逾期未报).
	OverdueReports []WeeklyOverdueReport `json:"overdueReports"`
	// NewItems, OverdueItems and ClosedItems are the rectification items
	// opened in the week, overdue at its end and verified in it (本周新增,
	// 逾期未整改, 本周销号).
	NewItems     []WeeklyItem `json:"newItems"`
	OverdueItems []WeeklyItem `json:"overdueItems"`
	ClosedItems  []WeeklyItem `json:"closedItems"`
	// Activities count the week's activities (本周活动).
	Activities WeeklyActivities `json:"activities"`
}

// WeeklyProgress is one row of the progress (年度进度): the library's
// result, as "jiceng indicators -format json" writes a row, and the names
// of its division and indicator.
type WeeklyProgress struct {
	Result        indicators.Result `json:"result"`
	DivisionName  string            `json:"divisionName"`
	IndicatorName string            `json:"indicatorName"`
}

// WeeklyOverdueReport is a monthly report overdue (逾期未报月报), with the
// name of its division.
type WeeklyOverdueReport struct {
	ledger.OverdueReport
	DivisionName string `json:"divisionName"`
}

// WeeklyItem is a rectification item of the dispatch (整改事项摘要): the
// library's line, then the names of its division, source, status and
// indicator, and its problem in the reader's language (Message: its
// finding's message when it has one, else its problem as written).
type WeeklyItem struct {
	ledger.ItemLine
	DivisionName  string `json:"divisionName"`
	SourceName    string `json:"sourceName"`
	StatusName    string `json:"statusName"`
	IndicatorName string `json:"indicatorName,omitempty"`
	Message       string `json:"message"`
}

// WeeklyActivities counts the week's activities (本周活动), in all and by
// form.
type WeeklyActivities struct {
	Activities   int64             `json:"activities"`
	Participants int64             `json:"participants"`
	ByForm       []WeeklyFormCount `json:"byForm"`
}

// WeeklyFormCount counts the activities of one form (按形式统计), with the
// form's name.
type WeeklyFormCount struct {
	ledger.FormCount
	FormName string `json:"formName"`
}

// NewWeekly returns the weekly dispatch d as a document (周调度报文), with
// the names of divisions from reg and of indicators from cat (nil: the
// default catalogue) and every text in lang. Citizen ID numbers in the
// items' free text are masked. Nil lists of d are written [].
func NewWeekly(d ledger.Dispatch, reg *healthedu.Registry, cat *indicators.Catalogue, lang language.Tag) Weekly {
	if reg == nil {
		reg = healthedu.DefaultRegistry()
	}
	if cat == nil {
		cat = indicators.DefaultCatalogue()
	}
	w := Weekly{
		Week: d.Week, Under: NewDivision(d.Under, reg), From: d.From, To: d.To,
		AsOf: d.AsOf.In(healthedu.ChinaStandardTime), Year: d.Year,
		Progress:       make([]WeeklyProgress, 0, len(d.Progress)),
		OverdueReports: make([]WeeklyOverdueReport, 0, len(d.OverdueReports)),
		NewItems:       weeklyItems(d.NewItems, reg, cat, lang),
		OverdueItems:   weeklyItems(d.OverdueItems, reg, cat, lang),
		ClosedItems:    weeklyItems(d.ClosedItems, reg, cat, lang),
		Activities: WeeklyActivities{
			Activities: d.Activities.Activities, Participants: d.Activities.Participants,
			ByForm: make([]WeeklyFormCount, 0, len(d.Activities.ByForm)),
		},
	}
	for _, r := range d.Progress {
		p := WeeklyProgress{Result: r, DivisionName: reg.Name(r.Division)}
		if r.Indicator != nil {
			p.IndicatorName = r.Indicator.Name(lang)
		}
		w.Progress = append(w.Progress, p)
	}
	for _, o := range d.OverdueReports {
		w.OverdueReports = append(w.OverdueReports, WeeklyOverdueReport{OverdueReport: o, DivisionName: reg.Name(o.Division)})
	}
	for _, f := range d.Activities.ByForm {
		w.Activities.ByForm = append(w.Activities.ByForm, WeeklyFormCount{FormCount: f, FormName: f.Form.Label(lang)})
	}
	return w
}

// weeklyItems returns the lines as the document writes them, in lang.
func weeklyItems(lines []ledger.ItemLine, reg *healthedu.Registry, cat *indicators.Catalogue, lang language.Tag) []WeeklyItem {
	out := make([]WeeklyItem, 0, len(lines))
	for _, l := range lines {
		it := WeeklyItem{
			ItemLine:     l,
			DivisionName: reg.Name(l.Division),
			SourceName:   l.Source.Type.Label(lang),
			StatusName:   l.Status.Label(lang),
			Message:      l.Problem,
		}
		it.Problem = healthedu.RedactCitizenIDs(l.Problem)
		it.Owner.Name = healthedu.RedactCitizenIDs(l.Owner.Name)
		if l.Finding != nil {
			it.Message = l.Finding.Message(lang, cat)
		}
		it.Message = healthedu.RedactCitizenIDs(it.Message)
		if ind, ok := cat.Indicator(l.Indicator); ok && l.Indicator != "" {
			it.IndicatorName = ind.Name(lang)
		}
		out = append(out, it)
	}
	return out
}
