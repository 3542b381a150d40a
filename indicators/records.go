package indicators

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// The elements that AddRecords derives from records. They are in the
// default catalogue; a catalogue of a platform's own must define them to
// take records.
const (
	ElementActivities           = "activities"            // 健康教育活动次数, by form, topic and target group
	ElementActivityParticipants = "activity-participants" // 健康教育活动参与人次, by form, topic and target group
	ElementResidentsBound       = "residents-bound"       // 绑定健康指导员的居民数, a stock
	ElementLiteracyRespondents  = "literacy-respondents"  // 健康素养监测调查人数, by residence
	ElementLiteracyLiterate     = "literacy-literate"     // 具备健康素养的调查对象数, by residence
	ElementHealthCells          = "health-cells"          // 命名健康细胞数, by type and naming level
	ElementReportsExpected      = "reports-expected"      // 应报月报数
	ElementReportsReceived      = "reports-received"      // 实报月报数
	ElementReportsOnTime        = "reports-on-time"       // 按时上报月报数
)

// DefaultDeadlineDay is the day of the following month by which a monthly
// report is due and on time when [Query.DeadlineDay] is 0: the 10th
// (*unconfirmed*: provinces set their own day, often the 5th or the 10th).
const DefaultDeadlineDay = 10

// RecordOptions says how [Store.AddRecords] reads what records alone do not
// say: when the platform received a monthly report, how to tell residents
// apart, and until when a stock lasts.
type RecordOptions struct {
	// Now extends the stock of residents bound that bindings make up to the
	// month of Now (统计时点): a resident bound in March is still bound in
	// October. When zero, the stock runs to the month of the latest binding
	// or unbinding.
	Now time.Time
	// ReceivedAt returns when the platform received a monthly report
	// (接收时间), which decides whether it was on time. A platform that
	// stores the time of receipt passes it here; when ReceivedAt is nil or
	// returns the zero Time, the report's own submittedAt is taken, as a
	// platform that reads files must.
	ReceivedAt func(*healthedu.MonthlyReport) time.Time
	// ResidentKey returns the key by which bindings of one resident are
	// told apart from those of another (居民标识): a keyed pseudonym, such
	// as the one a platform stores in place of the citizen ID number. When
	// ResidentKey is nil or returns the zero Pseudonym, the key is the
	// pseudonym of the binding's citizen ID under a key drawn for the call,
	// and a binding without a valid citizen ID is a resident of its own.
	ResidentKey func(*healthedu.Binding) healthedu.Pseudonym
}

// A RecordError reports a record that [Store.AddRecords] skipped, and why.
type RecordError struct {
	Kind healthedu.Kind // the record's kind
	ID   string         // the record's identifier
	Err  error          // what is wrong, often a *ValueError
}

// Error implements the error interface.
func (e *RecordError) Error() string {
	return "indicators: " + string(e.Kind) + " record " + strconv.Quote(e.ID) + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *RecordError) Unwrap() error { return e.Err }

// AddRecords derives data values from records and adds them to s (see
// [DataValue]). Records are taken as a validator accepts them; each record
// that still cannot be used is skipped whole and reported in the returned
// error, which joins one [*RecordError] per skipped record, and the others
// are added. A record with the kind and ID of a later one is a resubmission:
// only the last is used. Kinds other than the five below are ignored.
//
//   - A monthly report (月报) gives its values, for its division and
//     period, under no category. Values of percent and decimal elements,
//     such as a reported rate, are not data values and are left out (see
//     [CheckReport]). When several reports are for the same division and
//     month, the one submitted last gives the values.
//   - Each monthly report is also a receipt (see [Store.AddReceipt]), at
//     the time [RecordOptions.ReceivedAt] says, for report completeness
//     and timeliness. Completeness is received / expected and timeliness
//     on-time / expected, as in DHIS2: a missing report counts as late.
//   - An activity (健康教育活动) adds 1 to activities and its participants
//     to activity-participants, in the division it took place in and the
//     month it started in (China Standard Time), in total and under the
//     categories form=…, topic=… for each topic and group=… for each target
//     group.
//   - A binding (小程序绑定) counts towards residents-bound, a stock: for
//     each month, each division gets the number of distinct residents (see
//     [RecordOptions.ResidentKey]) with a binding there made before the end
//     of the month and not ended by then, from the month of its first
//     binding on (zero included) to that of RecordOptions.Now — unless
//     monthly reports of that division, of one containing it or of one
//     within it report residents-bound: the reported stock then stands
//     alone, so that the two sources are neither added nor mixed.
//   - A literacy survey (健康素养监测) adds 1 to literacy-respondents and,
//     when the respondent's score reaches 80% of the total
//     (*unconfirmed*: the monitoring scheme's rule as commonly described),
//     1 to literacy-literate, in the month of the interview, in total and
//     under residence=urban or rural.
//   - A health cell (健康细胞) adds 1 to health-cells for its year of
//     naming, in total and under type=… and level=….
func (s *Store) AddRecords(records []healthedu.Record, opts RecordOptions) error {
	type recordKey struct {
		kind healthedu.Kind
		id   string
	}
	last := make(map[recordKey]int, len(records))
	for i, r := range records {
		if r == nil {
			continue
		}
		h := r.RecordHeader()
		last[recordKey{h.Kind, h.ID}] = i
	}
	var (
		errs     []error
		reports  []*healthedu.MonthlyReport
		bindings []*healthedu.Binding
	)
	fail := func(h *healthedu.Header, err error) {
		errs = append(errs, &RecordError{Kind: h.Kind, ID: h.ID, Err: err})
	}
	for i, r := range records {
		if r == nil || last[recordKey{r.RecordHeader().Kind, r.RecordHeader().ID}] != i {
			continue
		}
		var values []DataValue
		var err error
		switch r := r.(type) {
		case *healthedu.MonthlyReport:
			reports = append(reports, r)
			continue
		case *healthedu.Binding:
			if r.BoundAt.IsZero() || !r.Division.IsValid() {
				fail(&r.Header, errors.New("binding without a division or a time"))
				continue
			}
			bindings = append(bindings, r)
			continue
		case *healthedu.Activity:
			values, err = activityValues(r)
		case *healthedu.LiteracySurvey:
			values, err = literacyValues(r)
		case *healthedu.HealthCell:
			values, err = healthCellValues(r)
		default:
			continue
		}
		if err == nil {
			err = s.addAll(values)
		}
		if err != nil {
			fail(r.RecordHeader(), err)
		}
	}
	errs = append(errs, s.addReports(reports, opts)...)
	if err := s.addBindings(bindings, reportedBound(reports), opts); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// addAll adds values after checking that each can be added, so that a
// record is added whole or not at all (but for an overflow).
func (s *Store) addAll(values []DataValue) error {
	for i := range values {
		if err := s.check(&values[i]); err != nil {
			return err
		}
	}
	for _, v := range values {
		if err := s.Add(v); err != nil {
			return err
		}
	}
	return nil
}

// check reports the error Add would give v, overflow aside.
func (s *Store) check(v *DataValue) error {
	info, ok := s.elements[v.Element]
	switch {
	case derivedElement(v.Element):
		return &ValueError{*v, "indicator.derivedElement", "element " + strconv.Quote(v.Element) + " is derived from the reports received"}
	case !ok || !info.integral:
		return &ValueError{*v, "indicator.element", "element " + strconv.Quote(v.Element) + " is not in the catalogue or does not take integer values"}
	case categoryFaultAt(v.Category):
		return &ValueError{*v, "indicator.category", "category " + strconv.Quote(v.Category) + " is malformed"}
	case !v.Division.IsValid():
		return &ValueError{*v, "indicator.division", "no division"}
	case !v.Period.IsValid():
		return &ValueError{*v, "indicator.period", "no period"}
	case info.count && v.Value < 0:
		return &ValueError{*v, "indicator.negative", "a count cannot be negative"}
	}
	return nil
}

func categoryFaultAt(cat string) bool {
	at, _ := categoryFault(cat)
	return at >= 0
}

// A count is what one record adds to an element: 1 to activities, its
// participants to activity-participants.
type count struct {
	element string
	value   int64
}

// recordValues returns the data values of r: each count in the division
// and the period of r (see [healthedu.Record]), under each category.
func recordValues(r healthedu.Record, categories []string, counts ...count) []DataValue {
	div := r.RecordDivision()
	p, _ := r.RecordPeriod()
	values := make([]DataValue, 0, len(categories)*len(counts))
	for _, c := range categories {
		for _, n := range counts {
			values = append(values, DataValue{Element: n.element, Category: c, Division: div, Period: p, Value: n.value})
		}
	}
	return values
}

func activityValues(a *healthedu.Activity) ([]DataValue, error) {
	if a.Start.IsZero() {
		return nil, errors.New("activity without a start")
	}
	cats := make([]string, 0, 1+1+len(a.Topics)+len(a.TargetGroups))
	cats = append(cats, "", Category("form", string(a.Form)))
	for _, t := range a.Topics {
		cats = append(cats, Category("topic", string(t)))
	}
	for _, g := range a.TargetGroups {
		cats = append(cats, Category("group", string(g)))
	}
	slices.Sort(cats[2:])
	cats = slices.Compact(cats)
	return recordValues(a, cats, count{ElementActivities, 1}, count{ElementActivityParticipants, a.Participants}), nil
}

func literacyValues(l *healthedu.LiteracySurvey) ([]DataValue, error) {
	if !l.SurveyedOn.IsValid() {
		return nil, errors.New("literacy survey without a date")
	}
	var literate int64
	if l.HasLiteracy() {
		literate = 1
	}
	cats := []string{""}
	if l.Respondent.Residence != "" {
		cats = append(cats, Category("residence", string(l.Respondent.Residence)))
	}
	return recordValues(l, cats, count{ElementLiteracyRespondents, 1}, count{ElementLiteracyLiterate, literate}), nil
}

func healthCellValues(h *healthedu.HealthCell) ([]DataValue, error) {
	if p, _ := h.RecordPeriod(); !p.IsValid() {
		return nil, errors.New("health cell without a valid year")
	}
	return recordValues(h, []string{"", Category("type", string(h.Type)), Category("level", string(h.Level))}, count{ElementHealthCells, 1}), nil
}

// addReports adds the values of monthly reports and their receipts. A
// report with a value that cannot be added is skipped whole: neither its
// values nor its receipt count.
func (s *Store) addReports(reports []*healthedu.MonthlyReport, opts RecordOptions) []error {
	type slot struct {
		div    healthedu.DivisionCode
		period healthedu.Period
	}
	type usable struct {
		values []DataValue
		at     time.Time
	}
	latest := make(map[slot]usable)
	var order []slot
	var errs []error
	for _, r := range reports {
		values, err := s.reportValues(r)
		if err == nil && r.Period.Type() != healthedu.PeriodMonth {
			err = &ValueError{DataValue{Element: ElementReportsReceived, Division: r.Division, Period: r.Period, Value: 1}, "indicator.period", "a monthly report's period must be a month"}
		}
		if err != nil {
			errs = append(errs, &RecordError{Kind: r.Kind, ID: r.ID, Err: err})
			continue
		}
		at := r.SubmittedAt
		if opts.ReceivedAt != nil {
			if t := opts.ReceivedAt(r); !t.IsZero() {
				at = t
			}
		}
		if err := s.AddReceipt(r.Division, r.Period, at); err != nil {
			errs = append(errs, &RecordError{Kind: r.Kind, ID: r.ID, Err: err})
			continue
		}
		k := slot{r.Division, r.Period}
		prev, ok := latest[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || !at.Before(prev.at) {
			latest[k] = usable{values, at}
		}
	}
	for _, k := range order {
		if err := s.addAll(latest[k].values); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// reportValues returns the data values of a monthly report: those of its
// elements that take integers. It fails, naming the value, when an element
// is not in the catalogue or a value cannot be added.
func (s *Store) reportValues(r *healthedu.MonthlyReport) ([]DataValue, error) {
	values := make([]DataValue, 0, len(r.Values))
	for _, v := range r.Values {
		dv := DataValue{Element: v.Element, Division: r.Division, Period: r.Period}
		e, ok := s.elements[v.Element]
		if !ok {
			return nil, &ValueError{dv, "indicator.element", "element " + strconv.Quote(v.Element) + " is not in the catalogue"}
		}
		if !e.integral {
			continue
		}
		n, ok := v.Value.Int64()
		if !ok {
			return nil, &ValueError{dv, "indicator.element", "value " + v.Value.String() + " of element " + strconv.Quote(v.Element) + " is not an integer"}
		}
		dv.Value = n
		if err := s.check(&dv); err != nil {
			return nil, err
		}
		values = append(values, dv)
	}
	return values, nil
}

// ReportDeadline returns the first instant at which a monthly report for
// month m is late: midnight at the end of day `day` of the following month
// in China Standard Time, the last day of that month when it has fewer
// days, and day 1 when day is below 1. Saturdays, Sundays and holidays
// count like any other day: the report for September 2025 with day 5 is
// due by the end of Sunday 5 October, and one submitted on Monday
// 6 October is late.
func ReportDeadline(m healthedu.Period, day int) time.Time {
	next := m.Next()
	if !next.IsValid() {
		return m.End().AddDate(0, 0, day)
	}
	return next.Start().AddDate(0, 0, min(max(day, 1), next.Days()))
}

// monthSpan returns the months from the earliest to the latest of ps.
func monthSpan(ps []healthedu.Period) []healthedu.Period {
	if len(ps) == 0 {
		return nil
	}
	lo := slices.MinFunc(ps, healthedu.Period.Compare)
	hi := slices.MaxFunc(ps, healthedu.Period.Compare)
	var ms []healthedu.Period
	for m := lo; m.IsValid() && m.Compare(hi) <= 0; m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}

// reportedBound returns the divisions whose monthly reports carry
// residents-bound.
func reportedBound(reports []*healthedu.MonthlyReport) []healthedu.DivisionCode {
	var out []healthedu.DivisionCode
	for _, r := range reports {
		if slices.Contains(out, r.Division) {
			continue
		}
		for _, v := range r.Values {
			if v.Element == ElementResidentsBound {
				out = append(out, r.Division)
				break
			}
		}
	}
	return out
}

// addBindings adds residents-bound for each month and division. Where
// monthly reports give residents-bound for a division, that reported stock
// stands alone: the figure from binding records is left out for the
// division, those within it and those containing it, in every month, so
// that the two sources of one stock are neither added together nor mixed
// over time.
func (s *Store) addBindings(bindings []*healthedu.Binding, reported []healthedu.DivisionCode, opts RecordOptions) error {
	if len(bindings) == 0 {
		return nil
	}
	var ps []healthedu.Period
	for _, b := range bindings {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, b.BoundAt))
		if b.UnboundAt != nil {
			ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, *b.UnboundAt))
		}
	}
	if !opts.Now.IsZero() {
		ps = append(ps, healthedu.PeriodOf(healthedu.PeriodMonth, opts.Now))
	}
	months := monthSpan(ps)
	keys := residentKeys(bindings, opts.ResidentKey)
	type resident struct {
		div healthedu.DivisionCode
		key healthedu.Pseudonym
	}
	var values []DataValue
	for _, m := range months {
		end := m.End()
		bound := make(map[resident]bool)
		counts := make(map[healthedu.DivisionCode]int64)
		for i, b := range bindings {
			if !b.BoundAt.Before(end) {
				continue
			}
			if _, ok := counts[b.Division]; !ok {
				counts[b.Division] = 0 // bound before: the stock is recorded, zero included
			}
			if b.UnboundAt != nil && b.UnboundAt.Before(end) {
				continue
			}
			k := resident{b.Division, keys[i]}
			if !bound[k] {
				bound[k] = true
				counts[b.Division]++
			}
		}
		start := len(values)
		for d, n := range counts {
			if slices.ContainsFunc(reported, func(r healthedu.DivisionCode) bool { return r.Contains(d) || d.Contains(r) }) {
				continue
			}
			values = append(values, DataValue{Element: ElementResidentsBound, Division: d, Period: m, Value: n})
		}
		slices.SortFunc(values[start:], func(a, b DataValue) int { return a.Division.Compare(b.Division) })
	}
	return s.addAll(values)
}

// residentKeys returns the key of the resident of each binding (see
// RecordOptions.ResidentKey).
func residentKeys(bindings []*healthedu.Binding, key func(*healthedu.Binding) healthedu.Pseudonym) []healthedu.Pseudonym {
	var secret []byte
	keys := make([]healthedu.Pseudonym, len(bindings))
	for i, b := range bindings {
		if key != nil {
			if keys[i] = key(b); !keys[i].IsZero() {
				continue
			}
		}
		if id := b.Resident.CitizenID; id.IsValid() {
			if secret == nil {
				secret = make([]byte, 32)
				rand.Read(secret)
			}
			keys[i] = id.Pseudonym(secret)
			continue
		}
		// No way to link it to another binding: a resident of its own.
		keys[i] = sha256.Sum256([]byte("binding\x00" + string(b.Kind) + "\x00" + b.ID))
	}
	return keys
}
