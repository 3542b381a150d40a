package indicators

import (
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
	f := s.NewRecordFeed(opts)
	for _, r := range records {
		f.Add(r)
	}
	return f.Close()
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
