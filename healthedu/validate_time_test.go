package healthedu

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestValidateStreamImpossibleDates is the fault of issue 11: an activity
// starting on a day no Period can hold was accepted, and the server that
// stored it could not derive its month. Every such record must be
// rejected, whichever way the instant is written.
func TestValidateStreamImpossibleDates(t *testing.T) {
	type verdict struct {
		Accepted bool
		Issues   []string
	}
	tests := []struct {
		start, end string
		want       verdict
	}{
		{"1899-12-31T09:00:00+08:00", "1899-12-31T10:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /end", "1 time.outOfRange /start"}}},
		{"1899-12-31T23:59:59+08:00", "2025-10-17T11:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /start"}}},
		// The zero time.Time of Go, which must not pass for a missing value.
		{"0001-01-01T00:00:00Z", "2025-10-17T11:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /start"}}},
		{"0001-01-01T00:00:00+08:00", "0001-01-01T01:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /end", "1 time.outOfRange /start"}}},
		{"0000-01-01T00:00:00Z", "2025-10-17T11:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /start"}}},
		// 1 January 1900 at 00:30 in Tokyo is still 1899 in Beijing.
		{"1900-01-01T00:30:00+09:00", "2025-10-17T11:00:00+08:00",
			verdict{false, []string{"1 time.outOfRange /start"}}},
		{"1999-12-31T23:59:59+08:00", "2000-01-01T00:00:00+08:00",
			verdict{false, []string{"1 time.tooEarly /start"}}},
		{"1999-12-31T16:00:00Z", "2000-01-01T00:30:00+08:00",
			verdict{true, nil}},
	}
	for _, tt := range tests {
		line := validateStreamLine("a1",
			`"start":"2025-10-17T09:30:00+08:00"`, `"start":"`+tt.start+`"`,
			`"end":"2025-10-17T11:00:00+08:00"`, `"end":"`+tt.end+`"`)
		got, _ := validateCollect(t, &Validator{Now: validateTestNow}, line, StreamOptions{})
		if len(got) != 1 {
			t.Fatalf("start %s: %d results, want 1", tt.start, len(got))
		}
		if diff := cmp.Diff(tt.want, verdict{got[0].Accepted, got[0].Issues}); diff != "" {
			t.Errorf("start %s, end %s (-want +got):\n%s", tt.start, tt.end, diff)
		}
	}
}

func TestDefaultEarliest(t *testing.T) {
	want := time.Date(2000, 1, 1, 0, 0, 0, 0, ChinaStandardTime)
	if got := DefaultEarliest(); !got.Equal(want) || got.Location() != ChinaStandardTime {
		t.Errorf("DefaultEarliest() = %v, want %v", got, want)
	}
}

func TestValidatorAppendTime(t *testing.T) {
	cst := ChinaStandardTime
	early := &Validator{Now: validateTestNow, Earliest: time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)}
	custom := &Validator{Now: validateTestNow, Earliest: time.Date(2019, 12, 31, 16, 0, 0, 0, time.UTC)} // 2020-01-01 in Beijing
	out := func(value string) []Issue {
		return []Issue{validateTestIssue("time.outOfRange", "/at", "value", value, "earliest", "1900-01-01", "latest", "9999-12-31")}
	}
	tooEarly := func(value, earliest string) []Issue {
		return []Issue{validateTestIssue("time.tooEarly", "/at", "value", value, "earliest", earliest)}
	}
	tests := []struct {
		name string
		v    *Validator
		at   time.Time
		want []Issue
	}{
		{"zero is missing", nil, time.Time{}, nil},
		{"last second of 1899", early, time.Date(1899, 12, 31, 23, 59, 59, 0, cst), out("1899-12-31T23:59:59+08:00")},
		{"first second of 1900", early, time.Date(1900, 1, 1, 0, 0, 0, 0, cst), nil},
		{"1899 in UTC is 1900 in Beijing", early, time.Date(1899, 12, 31, 16, 0, 0, 0, time.UTC), nil},
		{"year 1", nil, time.Date(1, 1, 1, 0, 0, 0, 0, cst), out("0001-01-01T00:00:00+08:00")},
		{"out of range, not also too early", nil, time.Date(1899, 12, 31, 0, 0, 0, 0, cst), out("1899-12-31T00:00:00+08:00")},
		{"default earliest, exactly", nil, time.Date(2000, 1, 1, 0, 0, 0, 0, cst), nil},
		{"default earliest, in UTC", nil, time.Date(1999, 12, 31, 16, 0, 0, 0, time.UTC), nil},
		{"a second before the default earliest", nil, time.Date(1999, 12, 31, 23, 59, 59, 0, cst),
			tooEarly("1999-12-31T23:59:59+08:00", "2000-01-01T00:00:00+08:00")},
		{"a second before the default earliest, in UTC", nil, time.Date(1999, 12, 31, 15, 59, 59, 0, time.UTC),
			tooEarly("1999-12-31T15:59:59Z", "2000-01-01T00:00:00+08:00")},
		{"1990 by default", nil, time.Date(1990, 1, 1, 9, 0, 0, 0, cst),
			tooEarly("1990-01-01T09:00:00+08:00", "2000-01-01T00:00:00+08:00")},
		{"1990 with an earliest before 1900", early, time.Date(1990, 1, 1, 9, 0, 0, 0, cst), nil},
		{"custom earliest, exactly", custom, time.Date(2020, 1, 1, 0, 0, 0, 0, cst), nil},
		{"a nanosecond before a custom earliest", custom, time.Date(2019, 12, 31, 23, 59, 59, 999999999, cst),
			tooEarly("2019-12-31T23:59:59+08:00", "2020-01-01T00:00:00+08:00")},
		{"2010 with a custom earliest", custom, time.Date(2010, 6, 1, 0, 0, 0, 0, cst),
			tooEarly("2010-06-01T00:00:00+08:00", "2020-01-01T00:00:00+08:00")},
		{"last instant of 9999 without a clock", &Validator{}, time.Date(9999, 12, 31, 23, 59, 59, 999999999, cst), nil},
		{"last instant of 9999 is in the future", nil, time.Date(9999, 12, 31, 23, 59, 59, 0, cst),
			[]Issue{validateTestIssue("time.future", "/at", "value", "9999-12-31T23:59:59+08:00", "now", "2025-11-20T10:00:00+08:00")}},
		{"year 10000, not also in the future", nil, time.Date(10000, 1, 1, 0, 0, 0, 0, cst), out("10000-01-01T00:00:00+08:00")},
		{"year 10000 without a clock", &Validator{}, time.Date(10000, 1, 1, 0, 0, 0, 0, cst), out("10000-01-01T00:00:00+08:00")},
		{"an earliest far in the past", &Validator{Earliest: time.Date(-40000, 1, 1, 0, 0, 0, 0, time.UTC)},
			time.Date(1900, 1, 1, 0, 0, 0, 0, cst), nil},
		{"an earliest far in the future", &Validator{Earliest: time.Date(40000, 1, 1, 0, 0, 0, 0, time.UTC)},
			time.Date(9999, 12, 31, 23, 59, 59, 0, cst), tooEarly("9999-12-31T23:59:59+08:00", "9999-12-31T23:59:59+08:00")},
	}
	for _, tt := range tests {
		v := tt.v
		if v == nil {
			v = &Validator{Now: validateTestNow}
		}
		got := v.AppendTime(nil, tt.at, "/at")
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: AppendTime(%v) (-want +got):\n%s", tt.name, tt.at, diff)
		}
	}
}

func TestValidatorAppendDate(t *testing.T) {
	early := &Validator{Now: validateTestNow, Earliest: time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)}
	// Noon of 15 June 2020 in Beijing: the day itself is accepted, the day
	// before is not.
	custom := &Validator{Now: validateTestNow, Earliest: time.Date(2020, 6, 15, 4, 0, 0, 0, time.UTC)}
	out := func(value string) []Issue {
		return []Issue{validateTestIssue("time.outOfRange", "/on", "value", value, "earliest", "1900-01-01", "latest", "9999-12-31")}
	}
	tooEarly := func(value, earliest string) []Issue {
		return []Issue{validateTestIssue("time.tooEarly", "/on", "value", value, "earliest", earliest)}
	}
	tests := []struct {
		name string
		v    *Validator
		d    Date
		want []Issue
	}{
		{"zero is missing", nil, Date{}, nil},
		{"year 1", nil, validateDate("0001-01-01"), out("0001-01-01")},
		{"last day of 1899", early, validateDate("1899-12-31"), out("1899-12-31")},
		{"first day of 1900", early, validateDate("1900-01-01"), nil},
		{"default earliest", nil, validateDate("2000-01-01"), nil},
		{"the day before the default earliest", nil, validateDate("1999-12-31"), tooEarly("1999-12-31", "2000-01-01")},
		{"the day of a custom earliest", custom, validateDate("2020-06-15"), nil},
		{"the day before a custom earliest", custom, validateDate("2020-06-14"), tooEarly("2020-06-14", "2020-06-15")},
		{"today", nil, validateDate("2025-11-20"), nil},
		{"tomorrow", nil, validateDate("2025-11-21"),
			[]Issue{validateTestIssue("time.future", "/on", "value", "2025-11-21", "now", "2025-11-20")}},
		{"9999-12-31 without a clock", &Validator{}, validateDate("9999-12-31"), nil},
		{"an earliest far in the past", &Validator{Earliest: time.Date(-40000, 1, 1, 0, 0, 0, 0, time.UTC)}, validateDate("1900-01-01"), nil},
		{"an earliest far in the future", &Validator{Earliest: time.Date(40000, 1, 1, 0, 0, 0, 0, time.UTC)},
			validateDate("9999-12-30"), tooEarly("9999-12-30", "9999-12-31")},
	}
	for _, tt := range tests {
		v := tt.v
		if v == nil {
			v = &Validator{Now: validateTestNow}
		}
		got := v.AppendDate(nil, tt.d, "/on")
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: AppendDate(%v) (-want +got):\n%s", tt.name, tt.d, diff)
		}
	}
}

// TestValidateTimeFields checks that each time and date of each kind is
// held to the range and to the earliest accepted time, and that birth
// dates are not.
func TestValidateTimeFields(t *testing.T) {
	out := func(path string, value any) Issue {
		return validateTestIssue("time.outOfRange", path, "value", value, "earliest", "1900-01-01", "latest", "9999-12-31")
	}
	tooEarly := func(path string, value any, earliest string) Issue {
		return validateTestIssue("time.tooEarly", path, "value", value, "earliest", earliest)
	}
	const e2000 = "2000-01-01T00:00:00+08:00"
	custom := &Validator{Now: validateTestNow, Earliest: time.Date(2020, 6, 15, 12, 0, 0, 0, ChinaStandardTime)}
	date := func(s string) *Date { d := validateDate(s); return &d }
	at := func(s string) *time.Time { t := validateAt(s); return &t }
	validateRun(t, []validateCase{
		{
			name: "activity starting 1899-12-31, no duration rule",
			rec:  validateWithActivity(func(a *Activity) { a.Start = validateAt("1899-12-31T09:00:00+08:00") }),
			want: []Issue{out("/start", "1899-12-31T09:00:00+08:00")},
		},
		{
			name: "activity ending in year 1, no order rule",
			rec:  validateWithActivity(func(a *Activity) { a.End = time.Date(1, 1, 1, 1, 0, 0, 0, ChinaStandardTime) }),
			want: []Issue{out("/end", "0001-01-01T01:00:00+08:00")},
		},
		{
			name: "activity in 1990",
			rec: validateWithActivity(func(a *Activity) {
				a.Start, a.End = validateAt("1990-01-01T09:00:00+08:00"), validateAt("1990-01-01T10:00:00+08:00")
			}),
			want: []Issue{tooEarly("/start", "1990-01-01T09:00:00+08:00", e2000), tooEarly("/end", "1990-01-01T10:00:00+08:00", e2000)},
		},
		{
			name: "activity ending after year 9999",
			rec:  validateWithActivity(func(a *Activity) { a.End = time.Date(10000, 1, 1, 0, 0, 0, 0, ChinaStandardTime) }),
			want: []Issue{out("/end", "10000-01-01T00:00:00+08:00")},
		},
		{
			name: "home visit of a resident born in 1949",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants, a.Resident = FormHomeVisit, nil, 1, validateTestResident()
			}),
		},
		{
			name: "home visit of a resident born in 1900, before 2000",
			v:    &Validator{Now: validateTestNow, Earliest: time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)},
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants = FormHomeVisit, nil, 1
				a.Resident = &Resident{CitizenID: validateTestCitizenID("37159919000101001")}
				a.Start, a.End = validateAt("1990-01-01T09:00:00+08:00"), validateAt("1990-01-01T10:00:00+08:00")
			}),
		},
		{
			name: "home visit in year 1 of a resident born in 1949: no bornAfter",
			rec: validateWithActivity(func(a *Activity) {
				a.Form, a.Evidence, a.Participants, a.Resident = FormHomeVisit, nil, 1, validateTestResident()
				a.Start = time.Date(1, 1, 1, 9, 0, 0, 0, ChinaStandardTime)
			}),
			want: []Issue{out("/start", "0001-01-01T09:00:00+08:00")},
		},
		{
			name: "report of December 1999, submitted in 1899",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("199912"), validateAt("1899-12-31T12:00:00+08:00")
			}),
			want: []Issue{tooEarly("/period", "199912", "2000-01-01"), out("/submittedAt", "1899-12-31T12:00:00+08:00")},
		},
		{
			name: "report of January 2000",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("200001"), validateAt("2000-02-03T12:00:00+08:00")
			}),
		},
		{
			name: "report of 1999 as a year, submitted in 2000",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("1999"), validateAt("2000-01-03T12:00:00+08:00")
			}),
			want: []Issue{
				validateTestIssue("monthlyReport.periodNotMonth", "/period", "value", "1999"),
				tooEarly("/period", "1999", "2000-01-01"),
			},
		},
		{
			name: "report of May 2020, custom earliest",
			v:    custom,
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("202005"), validateAt("2020-06-15T12:00:00+08:00")
			}),
			want: []Issue{tooEarly("/period", "202005", "2020-06-15")},
		},
		{
			name: "report of June 2020, which ends after a custom earliest",
			v:    custom,
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("202006"), validateAt("2020-07-01T12:00:00+08:00")
			}),
		},
		{
			name: "report submitted in 1999",
			rec: validateWithReport(func(m *MonthlyReport) {
				m.Period, m.SubmittedAt = MustParsePeriod("199911"), validateAt("1999-12-03T12:00:00+08:00")
			}),
			want: []Issue{tooEarly("/period", "199911", "2000-01-01"), tooEarly("/submittedAt", "1999-12-03T12:00:00+08:00", e2000)},
		},
		{
			name: "binding in 1899, unbound in 2025: no order rule",
			rec: validateWithBinding(func(b *Binding) {
				b.BoundAt, b.UnboundAt = validateAt("1899-06-01T10:00:00+08:00"), at("2025-06-01T10:00:00+08:00")
			}),
			want: []Issue{out("/boundAt", "1899-06-01T10:00:00+08:00")},
		},
		{
			name: "binding unbound in 1999",
			rec:  validateWithBinding(func(b *Binding) { b.UnboundAt = at("1999-06-01T10:00:00+08:00") }),
			want: []Issue{
				validateTestIssue("binding.unboundBeforeBound", "/unboundAt", "boundAt", "2025-06-01T10:00:00+08:00", "unboundAt", "1999-06-01T10:00:00+08:00"),
				tooEarly("/unboundAt", "1999-06-01T10:00:00+08:00", e2000),
			},
		},
		{
			name: "binding unbound after 9999",
			rec: validateWithBinding(func(b *Binding) {
				u := time.Date(10000, 6, 1, 0, 0, 0, 0, ChinaStandardTime)
				b.UnboundAt = &u
			}),
			want: []Issue{out("/unboundAt", "10000-06-01T00:00:00+08:00")},
		},
		{
			name: "survey of 1899",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.SurveyedOn = validateDate("1899-12-31") }),
			want: []Issue{out("/surveyedOn", "1899-12-31")},
		},
		{
			name: "survey of 1999, respondent aged 90",
			rec: validateWithSurvey(func(s *LiteracySurvey) {
				s.SurveyedOn, s.Respondent.Age = validateDate("1999-12-31"), 90
			}),
			want: []Issue{tooEarly("/surveyedOn", "1999-12-31", "2000-01-01")},
		},
		{
			name: "survey of 2000-01-01",
			rec:  validateWithSurvey(func(s *LiteracySurvey) { s.SurveyedOn = validateDate("2000-01-01") }),
		},
		{
			name: "health cell of 1999",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 1999, date("1999-12-20") }),
			want: []Issue{tooEarly("/year", 1999, "2000-01-01"), tooEarly("/namedOn", "1999-12-20", "2000-01-01")},
		},
		{
			name: "health cell of 1899",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 1899, date("0001-01-01") }),
			want: []Issue{
				out("/year", 1899), out("/namedOn", "0001-01-01"),
				validateTestIssue("healthCell.yearMismatch", "/namedOn", "value", "0001-01-01", "year", 1899),
			},
		},
		{
			name: "health cell of year 10000, not also in the future",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 10000, nil }),
			want: []Issue{out("/year", 10000)},
		},
		{
			name: "health cell of 2000",
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2000, date("2000-01-01") }),
		},
		{
			name: "health cell of 2020 with a custom earliest in it",
			v:    custom,
			rec:  validateWithCell(func(c *HealthCell) { c.Year, c.NamedOn = 2020, date("2020-06-14") }),
			want: []Issue{tooEarly("/namedOn", "2020-06-14", "2020-06-15")},
		},
	})
}

// TestDecodeTimeOutOfRange checks that the Decoder rejects a timestamp no
// Period can hold, the zero time.Time included, and passes those it can.
func TestDecodeTimeOutOfRange(t *testing.T) {
	tests := []struct {
		start string
		want  []Issue
	}{
		{"0001-01-01T00:00:00Z", []Issue{validateTestIssue("time.outOfRange", "/start",
			"value", "0001-01-01T00:00:00Z", "earliest", "1900-01-01", "latest", "9999-12-31")}},
		{"1899-12-31T23:59:59+08:00", []Issue{validateTestIssue("time.outOfRange", "/start",
			"value", "1899-12-31T23:59:59+08:00", "earliest", "1900-01-01", "latest", "9999-12-31")}},
		{"9999-12-31T23:59:59-01:00", []Issue{validateTestIssue("time.outOfRange", "/start",
			"value", "9999-12-31T23:59:59-01:00", "earliest", "1900-01-01", "latest", "9999-12-31")}},
		{"1900-01-01T00:00:00+08:00", nil},
		{"9999-12-31T23:59:59+08:00", nil},
	}
	for _, tt := range tests {
		line := validateStreamLine("a1", `"start":"2025-10-17T09:30:00+08:00"`, `"start":"`+tt.start+`"`)
		dec := NewDecoder(strings.NewReader(line), DecodeOptions{})
		if !dec.Next() {
			t.Fatalf("start %s: no record: %v", tt.start, dec.Err())
		}
		d := dec.Decoded()
		var got []Issue
		for _, iss := range d.Issues {
			iss.Line = 0
			got = append(got, iss)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("start %s: issues (-want +got):\n%s", tt.start, diff)
		}
		if decoded := d.Record != nil; decoded != (tt.want == nil) {
			t.Errorf("start %s: decoded %v, want %v", tt.start, decoded, tt.want == nil)
		}
	}
}
