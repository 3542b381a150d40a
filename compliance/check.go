package compliance

import (
	"errors"
	"fmt"
	"hash/maphash"
	"iter"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Options say what a check judges (考核条件).
type Options struct {
	// Year is the year judged (考核年度), a [healthedu.Period] of type
	// year, such as 2025.
	Year healthedu.Period
	// Now is the instant of the check (考核时间). The library never reads
	// the clock: a server passes time.Now(). In a year in progress only
	// what happened before Now counts, and the yearly minimums are
	// pro-rated to the months over (see [Measure.Required]); a year not
	// begun has nothing to judge. The zero Now judges the year as over.
	Now time.Time
	// Norms is the norms table (规范要求表); nil means [DefaultNorms].
	Norms *Norms
}

// Checker judges institutions against the norm (服务规范达标考核) from
// their activity records, one record at a time: it keeps per institution
// only counters, the sets of material and board identifiers and, per
// board, the days of the year its content changed, so that millions of
// records are judged in memory that grows with the institutions, their
// materials and their boards, not with the records.
//
// Each record must be added once: the Checker does not know record ids,
// and a resubmitted record added twice counts twice. A Checker is not
// safe for concurrent use.
type Checker struct {
	norms     *Norms
	year      healthedu.Period
	start     time.Time // the year's start
	end       time.Time // the end of what is judged: the year's end or Now
	months    int       // months of the year over at end, 0 to 12
	yearStart healthedu.Date
	endDay    healthedu.Date // the day of end: the day after the year when it is over
	insts     map[healthedu.CreditCode]*inst
	seen      map[uint64]struct{} // the hashes of the ids counted
	seed      maphash.Seed
}

// inst is what a Checker keeps of one institution.
type inst struct {
	code       healthedu.CreditCode
	key        string // code.String(), for ordering
	name       string
	typ        healthedu.OrganizerType
	at         time.Time // start of the record name and typ were taken from
	registered bool      // seen by Expect: name and typ may come from it
	types      []healthedu.OrganizerType
	activities int

	division   healthedu.DivisionCode // the organizer's service area, from the latest record giving one
	divisionAt time.Time              // start of that record
	area       healthedu.DivisionCode // the smallest division holding every activity's place
	areaNone   bool                   // the places lie in no one division

	printed, audioVisual      map[string]struct{}
	printedUnnamed, avUnnamed int
	boards                    map[string]*board
	boardUnnamed              int
	lectures                  [12]int
	consultations             int
}

// board is what a Checker keeps of one bulletin board: the days of the
// year its content changed, as a bit set of day indices from 1 January,
// and its latest known area.
type board struct {
	days   [6]uint64 // 384 bits: days 0–365
	area   int64     // dm², 0 when not known
	areaAt time.Time // start of the record the area was taken from
}

// NewChecker returns a Checker for opts (新建考核). It fails when opts.Year
// is not a year.
func NewChecker(opts Options) (*Checker, error) {
	if !opts.Year.IsValid() || opts.Year.Type() != healthedu.PeriodYear {
		return nil, errors.New("compliance: Options.Year is not a year, such as 2025")
	}
	c := &Checker{
		norms: opts.Norms,
		year:  opts.Year,
		start: opts.Year.Start(),
		end:   opts.Year.End(),
		insts: make(map[healthedu.CreditCode]*inst),
		seen:  make(map[uint64]struct{}),
		seed:  maphash.MakeSeed(),
	}
	if c.norms == nil {
		c.norms = DefaultNorms()
	}
	if !opts.Now.IsZero() && opts.Now.Before(c.end) {
		c.end = opts.Now
		if c.end.Before(c.start) {
			c.end = c.start
		}
	}
	y := opts.Year.Year()
	for m := time.January; m <= time.December; m++ {
		if !healthedu.MonthPeriod(y, m).End().After(c.end) {
			c.months++
		}
	}
	c.yearStart = healthedu.DateOf(c.start)
	c.endDay = healthedu.DateOf(c.end)
	return c, nil
}

// Expect adds an institution from the platform's register (机构名录), so
// that it is judged even when it has no record in the year. Its name and
// type count as those of a record older than any other: the records'
// latest prevails, and a type that differs is a type conflict. An
// organizer without a valid credit code is ignored.
func (c *Checker) Expect(o healthedu.Organizer) {
	if !o.CreditCode.IsValid() {
		return
	}
	in := c.institution(o.CreditCode)
	in.registered = true
	in.note(o, time.Time{})
}

// Add counts the activity a for its organizer (计入活动记录) and reports
// whether it counted: an activity counts when it is not nil, its
// organizer has a valid credit code, and it started within the year and
// before Now, in China Standard Time.
//
// What counts, by form: printed-materials and audio-visual activities the
// material they name (all that name none together as one kind);
// bulletin-board activities a change of content of the board they name
// (all that name none together as one board, whose id is ""), on the day
// they started, and the board's area from the latest record that gives
// it; lectures and consultations one each, lectures in the month they
// started. Every activity gives its organizer's name and type: those of
// the latest record (by start) are used.
//
// A record counts once: an activity whose id was counted already does not
// count again (the first counts), so a file holding a record and its
// resubmission is not counted twice. A Checker keeps a 64-bit hash of
// each id, eight bytes a record.
func (c *Checker) Add(a *healthedu.Activity) bool {
	if a == nil || !a.Organizer.CreditCode.IsValid() || a.Start.Before(c.start) || !a.Start.Before(c.end) {
		return false
	}
	if a.ID != "" {
		h := maphash.String(c.seed, a.ID)
		if _, dup := c.seen[h]; dup {
			return false
		}
		c.seen[h] = struct{}{}
	}
	in := c.institution(a.Organizer.CreditCode)
	in.note(a.Organizer, a.Start)
	in.place(a.Division)
	in.activities++
	switch a.Form {
	case healthedu.FormPrintedMaterials:
		in.printedUnnamed += addMaterial(&in.printed, a.Material)
	case healthedu.FormAudioVisual:
		in.avUnnamed += addMaterial(&in.audioVisual, a.Material)
	case healthedu.FormBulletinBoard:
		id := ""
		if a.Board != nil {
			id = a.Board.ID
		} else {
			in.boardUnnamed++
		}
		if in.boards == nil {
			in.boards = make(map[string]*board)
		}
		b := in.boards[id]
		if b == nil {
			b = new(board)
			in.boards[id] = b
		}
		day := a.Start.In(healthedu.ChinaStandardTime).YearDay() - 1
		b.days[day/64] |= 1 << (day % 64)
		if a.Board != nil && a.Board.AreaDm2 > 0 {
			if b.area == 0 || a.Start.After(b.areaAt) || a.Start.Equal(b.areaAt) && a.Board.AreaDm2 > b.area {
				b.area, b.areaAt = a.Board.AreaDm2, a.Start
			}
		}
	case healthedu.FormLecture:
		in.lectures[a.Start.In(healthedu.ChinaStandardTime).Month()-1]++
	case healthedu.FormConsultation:
		in.consultations++
	}
	return true
}

// addMaterial adds m's id to the set and returns 1 when m names no
// material.
func addMaterial(set *map[string]struct{}, m *healthedu.Material) int {
	if m == nil {
		return 1
	}
	if *set == nil {
		*set = make(map[string]struct{})
	}
	(*set)[m.ID] = struct{}{}
	return 0
}

func (c *Checker) institution(code healthedu.CreditCode) *inst {
	in := c.insts[code]
	if in == nil {
		in = &inst{code: code, key: code.String()}
		c.insts[code] = in
	}
	return in
}

// note takes o's name and type when they come from a later record than
// those held, or from one as late with a greater type and name, so that
// the result does not depend on the order of the records.
func (in *inst) note(o healthedu.Organizer, at time.Time) {
	if o.Type != "" && !slices.Contains(in.types, o.Type) {
		in.types = append(in.types, o.Type)
	}
	if d := o.Division; d.IsValid() && (!in.division.IsValid() || at.After(in.divisionAt) ||
		at.Equal(in.divisionAt) && d.Compare(in.division) > 0) {
		in.division, in.divisionAt = d, at
	}
	first := in.typ == "" && in.name == ""
	switch {
	case first, at.After(in.at):
	case at.Equal(in.at) && (o.Type > in.typ || o.Type == in.typ && o.Name > in.name):
	default:
		return
	}
	in.name, in.typ, in.at = o.Name, o.Type, at
}

// place widens the area of in's activities to hold d, a place of one of
// them: the smallest division that holds every place seen, whatever their
// order.
func (in *inst) place(d healthedu.DivisionCode) {
	switch {
	case !d.IsValid() || in.areaNone:
	case !in.area.IsValid():
		in.area = d
	default:
		var ok bool
		in.area, ok = in.area.Common(d)
		in.areaNone = !ok
	}
}

// Check adds every activity of activities to a new Checker for opts and
// returns its results (服务规范达标考核).
func Check(activities iter.Seq[*healthedu.Activity], opts Options) ([]Institution, error) {
	c, err := NewChecker(opts)
	if err != nil {
		return nil, err
	}
	for a := range activities {
		c.Add(a)
	}
	return c.Results(), nil
}

// Institution is the result of the check for one institution
// (机构达标情况): who it is, what was measured against each rule of its
// class, its bulletin boards and the issues, ordered by rule.
type Institution struct {
	// CreditCode is the institution's unified social credit code
	// (统一社会信用代码).
	CreditCode healthedu.CreditCode `json:"creditCode"`
	// Name is the institution's name (机构名称) from its latest record.
	Name string `json:"name"`
	// Type is the institution's type (机构类型) from its latest record.
	Type healthedu.OrganizerType `json:"type"`
	// Class is its class under the norm (机构类别).
	Class Class `json:"class"`
	// Division is the division the institution serves (所属区划): the
	// service area its records give the organizer (the latest record's
	// that gives one), else the smallest division that holds the places
	// of all its activities; absent when neither is known. A
	// rectification ledger files the institution's problems there.
	Division healthedu.DivisionCode `json:"division,omitzero"`
	// Year is the year judged (考核年度).
	Year healthedu.Period `json:"year"`
	// MonthsOver is the number of months of the year over at the time
	// of the check (已过月数), 12 for a year over: the yearly minimums are
	// pro-rated to it.
	MonthsOver int `json:"monthsOver"`
	// Activities is the number of its activities counted (计入活动数).
	Activities int `json:"activities"`
	// Measures are the measures against the rules its class has norms
	// for (考核结果), in the order of [Rules].
	Measures []Measure `json:"measures"`
	// Boards are its bulletin boards (宣传栏), by id.
	Boards []BoardResult `json:"boards"`
	// Issues are the rules not met (warnings) and what the check could
	// not count exactly (information), with paths into this result's JSON
	// (问题清单). Their codes are stable: rectification ledgers key on them.
	Issues []healthedu.Issue `json:"issues"`
}

// Compliant reports whether the institution meets every rule checked
// (全部达标).
func (in *Institution) Compliant() bool {
	for _, m := range in.Measures {
		if !m.Met {
			return false
		}
	}
	return true
}

// String returns the result in one line (摘要), for logs: credit code,
// name, type, year, the measures met and the codes of the rules not met.
func (in *Institution) String() string {
	var b strings.Builder
	met := 0
	var failed []string
	for _, m := range in.Measures {
		if m.Met {
			met++
		} else {
			failed = append(failed, string(m.Rule))
		}
	}
	fmt.Fprintf(&b, "%s %s (%s) %s: %d of %d rules met", in.CreditCode, in.Name, in.Type, in.Year, met, len(in.Measures))
	if len(failed) > 0 {
		b.WriteString("; not met: ")
		b.WriteString(strings.Join(failed, ", "))
	}
	return b.String()
}

// Measure is what was measured against one rule (考核项): Value against
// Required, met when Value is at least Required.
//
//   - printedKinds, audioVisualKinds: the distinct materials named, in
//     kinds; Required is the norm's yearly minimum pro-rated to the months
//     over, ⌊norm × months over ÷ 12⌋, so that 12 a year expects 5 when
//     May is over, and 6 a year expects 2 then.
//   - lectures, consultations: the activities, pro-rated likewise.
//   - boards: the boards of the year's records not known to be smaller
//     than the boardArea norm; Required is the norm once the first change
//     of the year is due (the boardChangeGap norm's months after
//     1 January, the year's end without one), else 0.
//   - boardArea: the boards not known to be too small, against all boards.
//   - boardChangeGap: the boards changed in time throughout, against all
//     boards (see [BoardResult]).
//   - lectureGap: the periods over (months, or two-month periods Jan–Feb,
//     Mar–Apr … for a norm of 2) that held a lecture, against the periods
//     over.
type Measure struct {
	// Rule is the rule (规范条目).
	Rule Rule `json:"rule"`
	// Value is what was measured (实际值), in Unit.
	Value int `json:"value"`
	// Required is what the rule asks of Value now (应达值), in Unit.
	Required int `json:"required"`
	// Unit is what Value and Required count (单位).
	Unit Unit `json:"unit"`
	// Norm is the norm's figure (规范要求), in NormUnit: a yearly minimum
	// before pro-rating, an area, a number of months.
	Norm int `json:"norm"`
	// NormUnit is what Norm counts (规范要求单位).
	NormUnit Unit `json:"normUnit"`
	// Unconfirmed marks a norm not confirmed against the norm's text
	// (待核实).
	Unconfirmed bool `json:"unconfirmed,omitempty"`
	// Met reports whether Value is at least Required (达标).
	Met bool `json:"met"`
}

// String returns the measure in one line (摘要), as
// "lectures 11/12 lecture not met".
func (m Measure) String() string {
	s := string(m.Rule) + " " + strconv.Itoa(m.Value) + "/" + strconv.Itoa(m.Required) + " " + string(m.Unit)
	if m.Met {
		return s + " met"
	}
	return s + " not met"
}

// BoardResult is what the check found of one bulletin board (宣传栏).
//
// A board's content must change at least every boardChangeGap months
// (2 by the norm), counted by calendar: from 1 January, and from each
// change, the next change is due at the latest on the same day so many
// months later, or on the last day of that month when it has no such day
// (2025-01-01 → 2025-03-01; 2024-12-31 → 2025-02-28). A change on the due
// day is in time, a change the day after is late: so 61 days from
// 2025-03-01 to 2025-05-01 are in time, 61 days from 2025-01-01 to
// 2025-03-03 are not, nor are 60 to 2025-03-02. After the last change, the
// end of what is judged counts as a change: the day after the year when
// it is over, the day of Now in a year in progress, so that a board is
// late once its due day has passed without a change. Every board is taken
// to stand from 1 January; a change late across the new year counts in the
// year it is late in, from 1 January.
type BoardResult struct {
	// ID is the board's id (宣传栏编号); "" for the changes that name no
	// board, taken together.
	ID string `json:"id"`
	// AreaDm2 is its area in dm² from its latest record that gives one
	// (面积), 0 when none does.
	AreaDm2 int64 `json:"areaDm2,omitempty"`
	// Changes is the number of days its content changed on (更换次数).
	Changes int `json:"changes"`
	// LongestGapDays is the longest interval in days from 1 January or a
	// change to the next change or the end judged (最长间隔天数).
	LongestGapDays int `json:"longestGapDays"`
	// OnTime reports whether every change came by its due day (按时更换).
	OnTime bool `json:"onTime"`
}

// Results returns the results (考核结果) of every institution added whose type, from
// its latest record, is in a class of the norms (see [Norms.ClassOf]),
// ordered by credit code. It may be called more than once, and more
// records added in between.
func (c *Checker) Results() []Institution {
	list := make([]*inst, 0, len(c.insts))
	for _, in := range c.insts {
		list = append(list, in)
	}
	slices.SortFunc(list, func(a, b *inst) int { return strings.Compare(a.key, b.key) })
	out := make([]Institution, 0, len(list))
	for _, in := range list {
		class, ok := c.norms.ClassOf(in.typ)
		if !ok {
			continue
		}
		out = append(out, c.judge(in, class))
	}
	return out
}

// judge returns the result of in, of class class.
func (c *Checker) judge(in *inst, class Class) Institution {
	r := Institution{
		CreditCode: in.code,
		Name:       in.name,
		Type:       in.typ,
		Class:      class,
		Division:   in.division,
		Year:       c.year,
		MonthsOver: c.months,
		Activities: in.activities,
		Measures:   []Measure{},
		Boards:     c.boards(in, class),
		Issues:     []healthedu.Issue{},
	}
	if !r.Division.IsValid() {
		r.Division = in.area
	}
	if len(in.types) > 1 {
		types := make([]string, len(in.types))
		for i, t := range in.types {
			types[i] = string(t)
		}
		slices.Sort(types)
		r.Issues = append(r.Issues, healthedu.NewIssue("compliance.typeConflict", "/type", map[string]any{
			"value": string(in.typ), "types": types,
		}))
	}
	for _, rule := range Rules() {
		norm, ok := c.norms.Lookup(class, rule)
		if !ok {
			continue
		}
		m := Measure{Rule: rule, Norm: norm.Value, NormUnit: norm.Unit, Unconfirmed: norm.Unconfirmed}
		path := "/measures/" + strconv.Itoa(len(r.Measures))
		var issues []healthedu.Issue
		prorated := func(value int, code string) {
			m.Value, m.Required = value, norm.Value*c.months/12
			if value < m.Required {
				issues = append(issues, healthedu.NewIssue(code, path, map[string]any{
					"value": value, "required": m.Required, "norm": norm.Value, "months": c.months,
				}))
			}
		}
		switch rule {
		case RulePrintedKinds, RuleAudioVisualKinds:
			m.Unit = UnitKind
			set, unnamed, form := in.printed, in.printedUnnamed, healthedu.FormPrintedMaterials
			if rule == RuleAudioVisualKinds {
				set, unnamed, form = in.audioVisual, in.avUnnamed, healthedu.FormAudioVisual
			}
			kinds := len(set)
			if unnamed > 0 {
				kinds++
				issues = append(issues, healthedu.NewIssue("compliance.unnamedMaterial", path, map[string]any{
					"form": string(form), "count": unnamed,
				}))
			}
			prorated(kinds, "compliance."+string(rule))
		case RuleLectures:
			m.Unit = UnitLecture
			n := 0
			for _, k := range in.lectures {
				n += k
			}
			prorated(n, "compliance.lectures")
		case RuleConsultations:
			m.Unit = UnitEvent
			prorated(in.consultations, "compliance.consultations")
		case RuleBoards:
			m.Unit = UnitBoard
			for _, b := range r.Boards {
				if !c.tooSmall(class, b) {
					m.Value++
				}
			}
			due := c.firstBoardChangeDue(class)
			if c.endDay.Compare(due) > 0 {
				m.Required = norm.Value
			}
			if m.Value < m.Required {
				issues = append(issues, healthedu.NewIssue("compliance.boards", path, map[string]any{
					"value": m.Value, "required": m.Required,
				}))
			}
		case RuleBoardArea:
			m.Unit, m.Required = UnitBoard, len(r.Boards)
			for i, b := range r.Boards {
				if !c.tooSmall(class, b) {
					m.Value++
					continue
				}
				r.Issues = append(r.Issues, healthedu.NewIssue("compliance.boardArea", "/boards/"+strconv.Itoa(i), map[string]any{
					"board": b.ID, "area": dm2AsM2(b.AreaDm2), "minimum": dm2AsM2(int64(norm.Value)),
				}))
			}
		case RuleBoardChangeGap:
			m.Unit, m.Required = UnitBoard, len(r.Boards)
			for i, b := range r.Boards {
				if b.OnTime {
					m.Value++
					continue
				}
				late := c.longestLate(in.boards[b.ID], norm.Value)
				r.Issues = append(r.Issues, healthedu.NewIssue("compliance.boardChangeGap", "/boards/"+strconv.Itoa(i), map[string]any{
					"board": b.ID, "from": late.from.String(), "to": late.to.String(), "days": late.days, "months": norm.Value,
				}))
			}
		case RuleLectureGap:
			m.Unit = UnitPeriod
			var missing []string
			for p := 0; (p+1)*norm.Value <= c.months; p++ {
				m.Required++
				held := 0
				for k := p * norm.Value; k < (p+1)*norm.Value; k++ {
					held += in.lectures[k]
				}
				if held > 0 {
					m.Value++
				} else {
					missing = append(missing, periodLabel(c.year.Year(), norm.Value, p))
				}
			}
			if len(missing) > 0 {
				issues = append(issues, healthedu.NewIssue("compliance.lectureGap", path, map[string]any{
					"count": len(missing), "periods": missing, "months": norm.Value,
				}))
			}
		}
		m.Met = m.Value >= m.Required
		r.Measures = append(r.Measures, m)
		r.Issues = append(r.Issues, issues...)
	}
	if in.boardUnnamed > 0 {
		i := slices.IndexFunc(r.Boards, func(b BoardResult) bool { return b.ID == "" })
		r.Issues = append(r.Issues, healthedu.NewIssue("compliance.unnamedBoard", "/boards/"+strconv.Itoa(i), map[string]any{
			"count": in.boardUnnamed,
		}))
	}
	return r
}

// tooSmall reports whether b is known to be smaller than class's
// boardArea norm.
func (c *Checker) tooSmall(class Class, b BoardResult) bool {
	norm, ok := c.norms.Lookup(class, RuleBoardArea)
	return ok && b.AreaDm2 > 0 && b.AreaDm2 < int64(norm.Value)
}

// firstBoardChangeDue returns the day the first change of a board's
// content is due: the boardChangeGap norm's months after 1 January, the
// last day of the year without one.
func (c *Checker) firstBoardChangeDue(class Class) healthedu.Date {
	if norm, ok := c.norms.Lookup(class, RuleBoardChangeGap); ok {
		return addMonths(c.yearStart, norm.Value)
	}
	return c.yearStart.AddDays(c.year.Days() - 1)
}

// boards returns the results of in's boards, by id.
func (c *Checker) boards(in *inst, class Class) []BoardResult {
	ids := make([]string, 0, len(in.boards))
	for id := range in.boards {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	months := 0
	if norm, ok := c.norms.Lookup(class, RuleBoardChangeGap); ok {
		months = norm.Value
	}
	out := make([]BoardResult, 0, len(ids))
	for _, id := range ids {
		b := in.boards[id]
		r := BoardResult{ID: id, AreaDm2: b.area, OnTime: true}
		for iv := range c.intervals(b) {
			if !iv.tail {
				r.Changes++
			}
			r.LongestGapDays = max(r.LongestGapDays, iv.days)
			if months > 0 && iv.to.Compare(addMonths(iv.from, months)) > 0 {
				r.OnTime = false
			}
		}
		out = append(out, r)
	}
	return out
}

// interval is the time from 1 January or a change of a board's content to
// the next change or the end judged.
type interval struct {
	from, to healthedu.Date
	days     int
	tail     bool // to is the end judged, not a change
}

// intervals yields the intervals of b: from 1 January to the first change,
// between changes, from the last change to the end judged. A change on
// 1 January gives an interval of 0 days.
func (c *Checker) intervals(b *board) iter.Seq[interval] {
	return func(yield func(interval) bool) {
		prev := 0
		for w, word := range b.days {
			for word != 0 {
				day := w*64 + bits.TrailingZeros64(word)
				word &= word - 1
				if !yield(interval{from: c.yearStart.AddDays(prev), to: c.yearStart.AddDays(day), days: day - prev}) {
					return
				}
				prev = day
			}
		}
		last := c.yearStart.AddDays(prev)
		yield(interval{from: last, to: c.endDay, days: daysBetween(last, c.endDay), tail: true})
	}
}

// longestLate returns the longest interval of b whose end is after the
// day due, months after its start.
func (c *Checker) longestLate(b *board, months int) interval {
	var worst interval
	worst.days = -1
	for iv := range c.intervals(b) {
		if iv.to.Compare(addMonths(iv.from, months)) > 0 && iv.days > worst.days {
			worst = iv
		}
	}
	return worst
}

// addMonths returns the same day n months after d, or the last day of that
// month when it has no such day.
func addMonths(d healthedu.Date, n int) healthedu.Date {
	y, m := d.Year(), int(d.Month())-1+n
	y, m = y+m/12, m%12
	month := time.Month(m + 1)
	last := time.Date(y, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	out, _ := healthedu.NewDate(y, month, min(d.Day(), last))
	return out
}

// daysBetween returns the number of days from a to b.
func daysBetween(a, b healthedu.Date) int {
	return int(b.Start().Sub(a.Start()) / (24 * time.Hour))
}

// dm2AsM2 writes an area in dm² as m², exactly: 150 as "1.5", 200 as "2".
func dm2AsM2(dm2 int64) string {
	s := strconv.FormatInt(dm2/100, 10)
	if frac := dm2 % 100; frac != 0 {
		f := strconv.FormatInt(100+frac, 10)[1:]
		s += "." + strings.TrimRight(f, "0")
	}
	return s
}

// periodLabel returns the name of period p (0-based) of n months of year
// y, in DHIS2 notation where there is one: 202503 (a month), 202502B
// (March–April), 2025Q2, 2025S1, 2025; 202501-202504 for four months.
func periodLabel(y, n, p int) string {
	switch n {
	case 1:
		return healthedu.MonthPeriod(y, time.Month(p+1)).String()
	case 2:
		return fmt.Sprintf("%04d%02dB", y, p+1)
	case 3:
		return healthedu.QuarterPeriod(y, p+1).String()
	case 6:
		return healthedu.HalfYearPeriod(y, p+1).String()
	case 12:
		return healthedu.YearPeriod(y).String()
	}
	return fmt.Sprintf("%04d%02d-%04d%02d", y, p*n+1, y, (p+1)*n)
}
