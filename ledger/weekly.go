package ledger

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/indicators"
)

// DefaultOverdueMonths is how many months back [Weekly] looks for reports
// overdue when WeeklyOptions.OverdueMonths is 0: the 12 latest months
// whose deadline has passed.
const DefaultOverdueMonths = 12

// WeeklyOptions says what a weekly dispatch (周调度) covers and how its
// figures are computed.
type WeeklyOptions struct {
	// Under is the division in view (调度区划): the dispatch covers it and
	// what lies within it. The zero DivisionCode is not allowed.
	Under healthedu.DivisionCode
	// Registry is the division table (区划代码表) whose children of Under
	// are the rows of the progress; nil means healthedu.DefaultRegistry().
	// The reporters are those of Reporters.
	Registry *healthedu.Registry
	// Divisions are the divisions of the progress, when not nil; nil means
	// Under and its children in Registry, as in the monthly notification.
	Divisions []healthedu.DivisionCode
	// Catalogue is the indicator catalogue of the store (指标目录); nil
	// means indicators.DefaultCatalogue().
	Catalogue *indicators.Catalogue
	// Indicators are the indicators of the progress, when not nil; nil
	// means every indicator of Catalogue with a target.
	Indicators []*indicators.Indicator
	// DeadlineDay is the day of the following month by which a monthly
	// report is due (上报截止日); 0 means indicators.DefaultDeadlineDay.
	DeadlineDay int
	// Reporters says which divisions are expected to report (应报单位), as
	// in [indicators.Query].
	Reporters indicators.Reporters
	// Completeness is the code of the report completeness indicator
	// (月报完整率); "" means [DefaultCompleteness].
	Completeness string
	// OverdueMonths is how many of the latest months whose deadline has
	// passed by the end of the week are searched for missing reports; 0
	// means [DefaultOverdueMonths].
	OverdueMonths int
}

// Dispatch is the weekly dispatch (周调度) of a division for an ISO week:
// one value, with JSON tags, that a server or a command renders.
type Dispatch struct {
	// Week is the ISO week (调度周), such as 2025W44.
	Week healthedu.Period `json:"week"`
	// Under is the division in view (调度区划).
	Under healthedu.DivisionCode `json:"under"`
	// From and To are the week's first and last days (Monday, Sunday).
	From healthedu.Date `json:"from"`
	To   healthedu.Date `json:"to"`
	// AsOf is the instant the dispatch is computed at (统计时点): the end
	// of the week, Monday 00:00 after it in China Standard Time.
	AsOf time.Time `json:"asOf"`
	// Year is the year of the progress (年度): the ISO week-numbering year
	// of the week, the year holding its Thursday, so that 2025W1, from
	// 30 December 2024, reports on 2025.
	Year healthedu.Period `json:"year"`
	// Progress is the year's progress to date (年度进度) of each division
	// and indicator with a target, as of AsOf, in the order of the
	// divisions and of the indicators: a target that accrues over the year
	// is pro-rated to the months due (see indicators.Result.TargetProrated).
	Progress []indicators.Result `json:"progress"`
	// OverdueReports are the monthly reports overdue at AsOf (逾期未报):
	// for each reporter within Under and each month whose deadline has
	// passed, one line when its report was not received.
	OverdueReports []OverdueReport `json:"overdueReports"`
	// NewItems are the rectification items opened in the week (本周新增).
	NewItems []ItemLine `json:"newItems"`
	// OverdueItems are the items overdue at AsOf (逾期未整改).
	OverdueItems []ItemLine `json:"overdueItems"`
	// ClosedItems are the items verified in the week and still verified
	// at AsOf (本周销号).
	ClosedItems []ItemLine `json:"closedItems"`
	// Activities are the week's health education activities within Under
	// (本周活动).
	Activities ActivitySummary `json:"activities"`
}

// OverdueReport is a monthly report overdue (逾期未报月报): a reporter and a
// month whose deadline has passed without its report.
type OverdueReport struct {
	// Division is the reporter (填报单位).
	Division healthedu.DivisionCode `json:"division"`
	// Month is the month of the report (报告月份).
	Month healthedu.Period `json:"month"`
	// Deadline is the last day on which the report was on time (截止日期).
	Deadline healthedu.Date `json:"deadline"`
	// ThisWeek reports that the deadline passed within the week
	// (本周到期).
	ThisWeek bool `json:"thisWeek"`
}

// ItemLine is a rectification item as a weekly dispatch lists it
// (整改事项摘要), with its status at the end of the week.
type ItemLine struct {
	ID        string                 `json:"id"`                  // 事项标识
	Division  healthedu.DivisionCode `json:"division"`            // 问题所在区划
	Source    Source                 `json:"source"`              // 问题来源
	Problem   string                 `json:"problem"`             // 问题描述
	Finding   *Finding               `json:"finding,omitempty"`   // 问题代码
	Indicator string                 `json:"indicator,omitempty"` // 相关指标
	Owner     Owner                  `json:"owner"`               // 责任主体
	Deadline  healthedu.Date         `json:"deadline"`            // 整改时限
	Status    Status                 `json:"status"`              // 周末状态
	Opened    time.Time              `json:"opened"`              // 立项时间
	// DaysOverdue is, for an overdue item, the days from the deadline day
	// to the day of AsOf (逾期天数): 1 when the deadline was the Sunday.
	DaysOverdue int `json:"daysOverdue,omitempty"`
}

// ActivitySummary counts the activities of a week (活动汇总): in all and
// by form.
type ActivitySummary struct {
	Activities   int64       `json:"activities"`   // 活动场次
	Participants int64       `json:"participants"` // 参与人次
	ByForm       []FormCount `json:"byForm"`       // 按形式
}

// FormCount counts the activities of one form (按形式统计).
type FormCount struct {
	Form         healthedu.ActivityForm `json:"form"`         // 活动形式
	Activities   int64                  `json:"activities"`   // 活动场次
	Participants int64                  `json:"participants"` // 参与人次
}

// Weekly returns the weekly dispatch (周调度) of opts.Under for the ISO week
// week, as of the end of the week: the year's progress against each
// target, computed from store; the monthly reports overdue; the
// rectification items of items within Under that are new, overdue and
// closed; and the activities of activities that started in the week
// within Under.
//
// The year is the week's ISO week-numbering year (see [Dispatch.Year]): a
// week 1 that starts in December belongs to the next year, whose progress
// then holds only what has begun of it — no month of it is due yet. A
// week that spans two months, such as 2025W44 (27 October to 2 November),
// counts the activities and items of all its days; the reports of October
// are overdue only once their deadline has passed, in a later week.
//
// Weekly fails when week is not an ISO week, store is nil, Under is zero,
// or the catalogue lacks the completeness indicator or an indicator's
// element is not in the store's catalogue.
func Weekly(week healthedu.Period, store *indicators.Store, items []*Rectification, activities []*healthedu.Activity, opts WeeklyOptions) (Dispatch, error) {
	if week.Type() != healthedu.PeriodWeek {
		return Dispatch{}, errors.New("ledger: Weekly: " + week.String() + " is not an ISO week")
	}
	if store == nil {
		return Dispatch{}, errors.New("ledger: Weekly: no store")
	}
	under := opts.Under
	if !under.IsValid() {
		return Dispatch{}, errors.New("ledger: Weekly: no division in view")
	}
	cat := opts.Catalogue
	if cat == nil {
		cat = indicators.DefaultCatalogue()
	}
	reg := opts.Registry
	if reg == nil {
		reg = healthedu.DefaultRegistry()
	}
	year, _ := week.Parent(healthedu.PeriodYear)
	asOf := week.End()
	d := Dispatch{
		Week: week, Under: under,
		From: healthedu.DateOf(week.Start()), To: healthedu.DateOf(week.Last()),
		AsOf: asOf, Year: year,
		Progress:       []indicators.Result{},
		OverdueReports: []OverdueReport{},
		NewItems:       []ItemLine{},
		OverdueItems:   []ItemLine{},
		ClosedItems:    []ItemLine{},
		Activities:     ActivitySummary{ByForm: []FormCount{}},
	}

	inds := opts.Indicators
	if inds == nil {
		for _, ind := range cat.Indicators() {
			if _, ok := ind.Target(); ok {
				inds = append(inds, ind)
			}
		}
	}
	divs := opts.Divisions
	if divs == nil {
		divs = append([]healthedu.DivisionCode{under}, reg.Children(under)...)
	}
	if len(inds) > 0 && len(divs) > 0 {
		res, err := store.Compute(indicators.Query{
			Indicators: inds, Divisions: divs, Period: year, Now: asOf,
			DeadlineDay: opts.DeadlineDay, Reporters: opts.Reporters,
		})
		if err != nil {
			return Dispatch{}, err
		}
		d.Progress = res
	}

	overdue, err := overdueReports(week, store, cat, reg, opts)
	if err != nil {
		return Dispatch{}, err
	}
	d.OverdueReports = overdue

	start, end := week.Start(), week.End()
	inWeek := func(t time.Time) bool { return !t.Before(start) && t.Before(end) }
	for _, it := range items {
		if it == nil || !under.Contains(it.Division) || len(it.History) == 0 || !it.Opened().Before(end) {
			continue
		}
		status, _ := it.StatusAt(asOf)
		line := ItemLine{
			ID: it.ID, Division: it.Division, Source: it.Source, Problem: it.Problem, Finding: it.Finding,
			Indicator: it.Indicator, Owner: it.Owner, Deadline: it.Deadline, Status: status, Opened: it.Opened(),
		}
		if inWeek(it.Opened()) {
			d.NewItems = append(d.NewItems, line)
		}
		if it.Overdue(asOf) {
			l := line
			l.DaysOverdue = int(healthedu.DateOf(asOf).Start().Sub(it.Deadline.Start()) / (24 * time.Hour))
			d.OverdueItems = append(d.OverdueItems, l)
		}
		if status == StatusVerified && slices.ContainsFunc(it.History, func(e Event) bool {
			return e.Status == StatusVerified && inWeek(e.At)
		}) {
			d.ClosedItems = append(d.ClosedItems, line)
		}
	}
	byDivision := func(a, b ItemLine) int { return cmp.Or(a.Division.Compare(b.Division), cmp.Compare(a.ID, b.ID)) }
	slices.SortFunc(d.NewItems, byDivision)
	slices.SortFunc(d.ClosedItems, byDivision)
	slices.SortFunc(d.OverdueItems, func(a, b ItemLine) int {
		return cmp.Or(a.Deadline.Compare(b.Deadline), byDivision(a, b))
	})

	forms := make(map[healthedu.ActivityForm]*FormCount)
	for _, a := range activities {
		if a == nil || !inWeek(a.Start) || !under.Contains(a.Division) {
			continue
		}
		d.Activities.Activities++
		d.Activities.Participants += a.Participants
		fc := forms[a.Form]
		if fc == nil {
			fc = &FormCount{Form: a.Form}
			forms[a.Form] = fc
		}
		fc.Activities++
		fc.Participants += a.Participants
	}
	for _, f := range healthedu.ActivityForm("").EnumValues() {
		if fc := forms[healthedu.ActivityForm(f)]; fc != nil {
			d.Activities.ByForm = append(d.Activities.ByForm, *fc)
		}
	}
	return d, nil
}

// overdueReports returns the monthly reports overdue at the end of week:
// for each reporter within opts.Under and each of the latest months whose
// deadline has passed by then, a line when the completeness indicator
// finds its report missing; sorted by month, then division.
func overdueReports(week healthedu.Period, store *indicators.Store, cat *indicators.Catalogue, reg *healthedu.Registry, opts WeeklyOptions) ([]OverdueReport, error) {
	code := opts.Completeness
	if code == "" {
		code = DefaultCompleteness
	}
	completeness, ok := cat.Indicator(code)
	if !ok {
		return nil, errors.New("ledger: Weekly: the catalogue has no indicator " + code)
	}
	day := deadlineDay(opts.DeadlineDay)
	n := opts.OverdueMonths
	if n <= 0 {
		n = DefaultOverdueMonths
	}
	var reporters []healthedu.DivisionCode
	if opts.Reporters.List != nil {
		for _, r := range opts.Reporters.List {
			if opts.Under.Contains(r) {
				reporters = append(reporters, r)
			}
		}
	} else {
		level := opts.Reporters.Level
		if level == 0 {
			level = indicators.DefaultReportingLevel
		}
		rreg := opts.Reporters.Registry
		if rreg == nil {
			rreg = reg
		}
		if opts.Under.Level() >= level {
			reporters = []healthedu.DivisionCode{opts.Under}
		} else {
			reporters = indicators.DivisionsAt(rreg, opts.Under, level)
		}
	}
	out := []OverdueReport{}
	if len(reporters) == 0 {
		return out, nil
	}
	end := week.End()
	// The latest month whose deadline has passed by the end of the week.
	m := healthedu.PeriodOf(healthedu.PeriodMonth, week.Last())
	for m.IsValid() && end.Before(indicators.ReportDeadline(m, day)) {
		m = m.Add(-1)
	}
	var months []healthedu.Period
	for ; m.IsValid() && len(months) < n; m = m.Add(-1) {
		months = append(months, m)
	}
	slices.Reverse(months)
	for _, m := range months {
		res, err := store.Compute(indicators.Query{
			Indicators: []*indicators.Indicator{completeness}, Divisions: reporters, Period: m, Now: end,
			DeadlineDay: opts.DeadlineDay, Reporters: opts.Reporters,
		})
		if err != nil {
			return nil, err
		}
		deadline := indicators.ReportDeadline(m, day)
		for _, r := range res {
			if r.Reason != indicators.ReasonOverflow && r.Denominator > 0 && r.Numerator < r.Denominator {
				out = append(out, OverdueReport{
					Division: r.Division, Month: m,
					Deadline: lastDay(deadline),
					ThisWeek: !deadline.Before(week.Start()),
				})
			}
		}
	}
	return out, nil
}
