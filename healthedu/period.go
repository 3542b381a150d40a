package healthedu

import (
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A PeriodType is the kind of a reporting period (报告期类型): year (年),
// half-year (半年), quarter (季度), bi-month (双月), month (月), ISO week (周) or
// day (日). Its zero value is not a valid type.
//
// The constants are ordered from the coarsest to the finest: for valid types
// t < u means that a period of type t is longer than one of type u. Being
// coarser does not always mean containing: a year contains the weeks whose
// Thursday falls in it, but a half-year, quarter, bi-month or month contains
// no week at all, and a quarter contains no bi-month (see
// [Period.ContainsPeriod]).
type PeriodType uint8

// The period types, from the coarsest to the finest.
const (
	PeriodYear     PeriodType = iota + 1 // year (年): 2025
	PeriodHalfYear                       // half-year (半年): 2025S1, 2025S2
	PeriodQuarter                        // quarter (季度): 2025Q1 … 2025Q4
	PeriodBiMonth                        // bi-month (双月), two months from an odd month: 202501B … 202511B
	PeriodMonth                          // month (月): 202501 … 202512
	PeriodWeek                           // ISO 8601 week (周), Monday to Sunday: 2025W1 … 2025W52
	PeriodDay                            // day (日): 20251017
)

var periodTypeNames = [...]string{
	PeriodYear:     "year",
	PeriodHalfYear: "half-year",
	PeriodQuarter:  "quarter",
	PeriodBiMonth:  "bi-month",
	PeriodMonth:    "month",
	PeriodWeek:     "week",
	PeriodDay:      "day",
}

// IsValid reports whether t is one of the defined period types.
func (t PeriodType) IsValid() bool {
	return t >= PeriodYear && t <= PeriodDay
}

// String returns the wire name of t: "year", "half-year", "quarter",
// "bi-month", "month", "week" or "day". An invalid type reads
// "PeriodType(n)".
func (t PeriodType) String() string {
	if !t.IsValid() {
		return "PeriodType(" + strconv.Itoa(int(t)) + ")"
	}
	return periodTypeNames[t]
}

// ParsePeriodType returns the period type named s, one of the wire names
// "year", "half-year", "quarter", "bi-month", "month", "week" and "day"
// (lower case, exactly). Otherwise it returns a *[ParseError] with Code
// "periodType.unknown".
func ParsePeriodType(s string) (PeriodType, error) {
	for t := PeriodYear; t <= PeriodDay; t++ {
		if s == periodTypeNames[t] {
			return t, nil
		}
	}
	return 0, &ParseError{
		Func:  "ParsePeriodType",
		Input: strings.Clone(s),
		Code:  "periodType.unknown",
		Msg:   "unknown period type, want year, half-year, quarter, bi-month, month, week or day",
		At:    -1,
	}
}

// AppendText implements [encoding.TextAppender]. It appends the wire name of
// t, nothing for the zero PeriodType, and fails for other invalid types.
func (t PeriodType) AppendText(b []byte) ([]byte, error) {
	switch {
	case t == 0:
		return b, nil
	case !t.IsValid():
		return b, periodTypeMarshalError(t)
	}
	return append(b, periodTypeNames[t]...), nil
}

// MarshalText implements [encoding.TextMarshaler]. The zero PeriodType
// marshals as the empty string; other invalid types fail.
func (t PeriodType) MarshalText() ([]byte, error) {
	return t.AppendText(nil)
}

// UnmarshalText implements [encoding.TextUnmarshaler], accepting what
// [ParsePeriodType] accepts. Empty text sets t to the zero PeriodType.
func (t *PeriodType) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = 0
		return nil
	}
	u, err := ParsePeriodType(string(text))
	if err != nil {
		return err
	}
	*t = u
	return nil
}

type periodTypeMarshalError PeriodType

func (e periodTypeMarshalError) Error() string {
	return "healthedu.PeriodType.MarshalText: invalid " + PeriodType(e).String()
}

// A Period is a reporting period (报告期): a year, half-year, quarter,
// bi-month, month, ISO week or day, identified as DHIS2 writes it:
//
//	2025      year                 (年)
//	2025S1    half-year, S1 or S2  (半年: 上半年, 下半年)
//	2025Q3    quarter, Q1 to Q4    (季度)
//	202509B   bi-month, 01B to 11B (双月)
//	202510    month                (月)
//	2025W42   ISO 8601 week        (周)
//	20251017  day                  (日)
//
// Years run from 1900 to 9999. Periods are calendar intervals in China
// Standard Time ([ChinaStandardTime], UTC+08:00): each starts at a midnight
// in that zone ([Period.Start]) and ends at a later one ([Period.End],
// exclusive), so the instant 2025-09-30T17:00:00Z, which is 01:00 on
// 1 October in Beijing, lies in 202510 and 2025Q4.
//
// Weeks are ISO 8601 weeks, Monday to Sunday. A week belongs to the year that
// holds its Thursday (its ISO week-numbering year, which DHIS2 also uses for
// weeks), so a year has 52 or 53 weeks; 2025W1 runs from Monday 30 December
// 2024 to Sunday 5 January 2025, and 2020W53 from 28 December 2020 to
// 3 January 2021.
//
// A bi-month is one of the six pairs of months of a year that DHIS2 calls
// BiMonthly, named by its first month, which is odd: 202501B is January and
// February, 202503B March and April, … 202511B November and December. It
// lies in a half-year and a year, but a quarter holds one and a half of
// them, so it belongs to no quarter (see [Period.Parent]).
//
// Period is a small comparable value, usable with == and as a map key. Its
// zero value is not a valid period; see [Period.IsValid].
type Period struct {
	year uint16     // 1900–9999; for a week its ISO week-numbering year
	typ  PeriodType // 0 for the zero Period
	n    uint8      // half-year 1–2, quarter 1–4, bi-month 1–6, month 1–12, week 1–53, the month of a day
	d    uint8      // day of the month 1–31 for a day, 0 otherwise
}

// The supported years. 1 January 1900 is a Monday, so the first ISO week of
// 1900 starts with the year. 9999 is the last year with four digits.
const (
	periodMinYear = 1900
	periodMaxYear = 9999
)

// The range of supported days, as day numbers (days since 1970-01-01):
// [1900-01-01, 10000-01-01). Every supported day lies in a supported ISO
// week: 1900-01-01 is a Monday and 9999-12-31 a Friday.
const (
	periodMinDay = -25567  // 1900-01-01
	periodEndDay = 2932897 // 10000-01-01
)

// periodMaxShift bounds the n of Add, beyond which every result is out of
// range; it keeps the arithmetic far from overflow on 32-bit platforms.
const periodMaxShift = 1 << 22

// periodCSTOffset is the offset of China Standard Time from UTC in seconds.
const periodCSTOffset = 8 * 60 * 60

const periodSecondsPerDay = 24 * 60 * 60

// YearPeriod returns the year y (年). It returns the zero Period when y is
// outside 1900–9999.
func YearPeriod(y int) Period {
	if !periodYearOK(y) {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodYear}
}

// HalfYearPeriod returns the half-year h (半年: 1 for 上半年, January to June;
// 2 for 下半年, July to December) of year y. It returns the zero Period when y
// or h is out of range.
func HalfYearPeriod(y, h int) Period {
	if !periodYearOK(y) || h < 1 || h > 2 {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodHalfYear, n: uint8(h)}
}

// QuarterPeriod returns the quarter q (季度, 1 to 4) of year y. It returns the
// zero Period when y or q is out of range.
func QuarterPeriod(y, q int) Period {
	if !periodYearOK(y) || q < 1 || q > 4 {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodQuarter, n: uint8(q)}
}

// BiMonthPeriod returns the bi-month b (双月, 1 to 6) of year y: 1 is
// January–February (202501B), 2 March–April (202503B), … 6
// November–December (202511B). It returns the zero Period when y or b is
// out of range.
func BiMonthPeriod(y, b int) Period {
	if !periodYearOK(y) || b < 1 || b > 6 {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodBiMonth, n: uint8(b)}
}

// MonthPeriod returns the month m (月) of year y. It returns the zero Period
// when y or m is out of range; unlike [time.Date] it does not normalise.
func MonthPeriod(y int, m time.Month) Period {
	if !periodYearOK(y) || m < time.January || m > time.December {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodMonth, n: uint8(m)}
}

// WeekPeriod returns the ISO 8601 week w (周) of the ISO week-numbering year y.
// It returns the zero Period when y is out of range or y has no week w
// (every year has weeks 1 to 52; those whose 1 January is a Thursday, and
// leap years whose 1 January is a Wednesday, also have week 53).
func WeekPeriod(y, w int) Period {
	if !periodYearOK(y) || w < 1 || w > periodWeeksIn(y) {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodWeek, n: uint8(w)}
}

// DayPeriod returns the day (日) y-m-d. It returns the zero Period when the
// date does not exist (31 April, 29 February 2025) or y is out of range;
// unlike [time.Date] it does not normalise.
func DayPeriod(y int, m time.Month, d int) Period {
	if !periodYearOK(y) || m < time.January || m > time.December || d < 1 || d > periodDaysIn(y, int(m)) {
		return Period{}
	}
	return Period{year: uint16(y), typ: PeriodDay, n: uint8(m), d: uint8(d)}
}

// PeriodOf returns the period of type t that contains the instant at, read
// in China Standard Time: PeriodOf(PeriodMonth, t) for
// t = 2025-09-30T16:00:00Z, the first instant of 1 October in Beijing, is
// 202510, and PeriodOf(PeriodBiMonth, t) is 202509B. For PeriodWeek it is
// the ISO week, so PeriodOf(PeriodWeek, t) for a t on 30 December 2024 is
// 2025W1.
//
// It returns the zero Period when t is not a valid type or at falls outside
// the years 1900–9999.
func PeriodOf(t PeriodType, at time.Time) Period {
	day, ok := periodDayOf(at)
	if !ok {
		return Period{}
	}
	return periodAt(t, day)
}

// Representable reports whether the instant t lies in the years jiceng can
// represent (可表示的时间范围): from 1900-01-01T00:00:00+08:00 (inclusive) to
// 10000-01-01T00:00:00+08:00 (exclusive), read in China Standard Time. They
// are exactly the instants for which [PeriodOf] returns a valid Period of
// every type; the zero time.Time is not among them. A server that derives
// a record's period from one of its times rejects the record when the
// time is not representable, rather than storing a zero Period;
// [Validator.Validate] reports such a time as time.outOfRange.
func Representable(t time.Time) bool {
	_, ok := periodDayOf(t)
	return ok
}

// periodDayOf returns the day number of the day in China Standard Time that
// holds the instant at, and whether it is a supported day.
func periodDayOf(at time.Time) (int, bool) {
	sec := at.Unix()
	// Compare in seconds before dividing, so that no instant, however far
	// off, overflows.
	if sec < int64(periodMinDay)*periodSecondsPerDay-periodCSTOffset ||
		sec >= int64(periodEndDay)*periodSecondsPerDay-periodCSTOffset {
		return 0, false
	}
	return int((sec+periodCSTOffset-int64(periodMinDay)*periodSecondsPerDay)/periodSecondsPerDay) + periodMinDay, true
}

// periodAt returns the period of type t that holds the given day, which must
// be a supported day, or the zero Period.
func periodAt(t PeriodType, day int) Period {
	y, m, d := periodCivil(day)
	switch t {
	case PeriodYear:
		return Period{year: uint16(y), typ: t}
	case PeriodHalfYear:
		return Period{year: uint16(y), typ: t, n: uint8((m-1)/6 + 1)}
	case PeriodQuarter:
		return Period{year: uint16(y), typ: t, n: uint8((m-1)/3 + 1)}
	case PeriodBiMonth:
		return Period{year: uint16(y), typ: t, n: uint8((m-1)/2 + 1)}
	case PeriodMonth:
		return Period{year: uint16(y), typ: t, n: uint8(m)}
	case PeriodWeek:
		wy, w := periodISOWeek(day)
		if !periodYearOK(wy) {
			return Period{}
		}
		return Period{year: uint16(wy), typ: t, n: uint8(w)}
	case PeriodDay:
		return Period{year: uint16(y), typ: t, n: uint8(m), d: uint8(d)}
	}
	return Period{}
}

// ParsePeriod parses s as a period in DHIS2 notation: a four-digit year 1900
// to 9999, followed by nothing (year), "S1" or "S2" (half-year), "Q1" to "Q4"
// (quarter), an odd two-digit month "01" to "11" and "B" (bi-month: "01B",
// "03B" … "11B"), a two-digit month "01" to "12", "W" and a week number
// with or without a leading zero ("W1", "W01", "W42"), or a two-digit month
// and two-digit day ("1017"). The letters S, Q, B and W may be lower case,
// and full-width forms (全角, "２０２５Ｑ３") are read as their ASCII forms;
// nothing else is allowed, not even surrounding space. [Period.String] gives
// the canonical form, as DHIS2 writes it: upper-case letters and no leading
// zero in week numbers ("2025W1").
//
// On failure it returns a *[ParseError] with Func "ParsePeriod" and Code
//
//   - "period.syntax": the text is not in the notation; At is the byte offset
//     of the first character that does not fit, or the length of the input
//     when it ends too early.
//   - "period.range": the text is in the notation but names no period: a
//     year outside 1900–9999, half-year 3, quarter 5, a bi-month starting in
//     an even month or in month 13 ("202502B"), month 13, week 53 of a year
//     with 52 weeks, 31 April or 29 February of a common year; At is the
//     offset of the field at fault and Msg says why.
//
// ParsePeriod does not allocate unless it fails.
func ParsePeriod(s string) (Period, error) {
	// A period has at most 8 characters: looking at 9 is enough to find the
	// first fault, and bounds the work on long input.
	const window = 9
	var buf [window]byte
	runes, k, ascii := 0, 0, true
	for k < len(s) && runes < window {
		if s[k] < utf8.RuneSelf {
			k++
		} else {
			ascii = false
			_, size := utf8.DecodeRuneInString(s[k:])
			k += size
		}
		runes++
	}
	var b []byte
	if ascii {
		b = buf[:copy(buf[:], s[:k])]
	} else {
		var ok bool
		if b, ok = foldFullWidth(buf[:0], s[:k]); !ok {
			// Fold up to the rune that has no ASCII form and put a byte
			// in its place that the notation never accepts, so that the
			// fault is reported where it is, with what was expected there.
			bad := periodUnfoldable(s[:k])
			b, _ = foldFullWidth(buf[:0], s[:bad])
			b = append(b, utf8.RuneSelf)
		}
	}
	p, f := periodParse(b)
	if f.kind != periodFaultNone {
		return Period{}, f.error(s, ascii)
	}
	return p, nil
}

// MustParsePeriod is like [ParsePeriod] but panics if s is not a period. It
// is meant for constants in tests and examples, never for input.
func MustParsePeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// periodUnfoldable returns the byte offset of the first rune of s that
// foldFullWidth cannot fold (an invalid UTF-8 byte or a non-ASCII rune with
// no ASCII form), or len(s).
func periodUnfoldable(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r >= 0xFF01 && r <= 0xFF5E || r == 0x3000) {
			return i
		}
		i += size
	}
	return len(s)
}

type periodFaultKind uint8

const (
	periodFaultNone  periodFaultKind = iota
	periodFaultEmpty                 // no input
	periodFaultChar                  // unexpected character at at
	periodFaultEnd                   // input ends at at, too early
	periodFaultRange                 // field at at out of range
)

// A periodFault describes why ParsePeriod failed, without allocating; the
// *ParseError is built from it only on failure.
type periodFault struct {
	kind periodFaultKind
	at   int    // index into the folded input
	want string // for periodFaultChar and periodFaultEnd: what was expected

	// For periodFaultRange:
	typ   PeriodType // the type of the field out of range
	year  int        // the year read, for weeks and days
	month int        // the month read, for days
	val   int        // the value out of range
	max   int        // the largest value allowed
}

// periodParse parses the folded, ASCII form of a period.
func periodParse(b []byte) (Period, periodFault) {
	if len(b) == 0 {
		return Period{}, periodFault{kind: periodFaultEmpty, at: -1}
	}
	y, f, ok := periodDigits(b, 0, 4)
	if !ok {
		return Period{}, f
	}
	if len(b) == 4 {
		if !periodYearOK(y) {
			return Period{}, periodYearFault(y)
		}
		return Period{year: uint16(y), typ: PeriodYear}, periodFault{}
	}
	typ, at, width, limit := PeriodType(0), 5, 1, 0
	switch b[4] {
	case 'S', 's':
		typ, limit = PeriodHalfYear, 2
	case 'Q', 'q':
		typ, limit = PeriodQuarter, 4
	case 'W', 'w':
		typ = PeriodWeek
		if len(b) > 6 {
			width = 2
		}
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		typ, at, width, limit = PeriodMonth, 4, 2, 12
	default:
		return Period{}, periodFault{kind: periodFaultChar, at: 4, want: "'S', 'Q', 'W', a month or end of input"}
	}
	v, f, ok := periodDigits(b, at, width)
	if !ok {
		return Period{}, f
	}
	end := at + width
	var d int
	if typ == PeriodMonth && len(b) > end {
		// A month may be followed by B (a bi-month) or a day.
		switch c := b[end]; {
		case c == 'B' || c == 'b':
			typ = PeriodBiMonth
			end++
		case c >= '0' && c <= '9':
			typ = PeriodDay
			if d, f, ok = periodDigits(b, end, 2); !ok {
				return Period{}, f
			}
			end += 2
		default:
			return Period{}, periodFault{kind: periodFaultChar, at: end, want: "'B', a day or end of input"}
		}
	}
	if len(b) > end {
		return Period{}, periodFault{kind: periodFaultChar, at: end, want: "end of input"}
	}

	// The text is in the notation; now check that it names a period.
	if !periodYearOK(y) {
		return Period{}, periodYearFault(y)
	}
	if typ == PeriodWeek {
		limit = periodWeeksIn(y)
	}
	if typ == PeriodBiMonth {
		// A bi-month is named by its first month, which is odd.
		if v < 1 || v > 11 || v%2 == 0 {
			return Period{}, periodFault{kind: periodFaultRange, at: at, typ: PeriodBiMonth, year: y, val: v, max: 11}
		}
		v = (v + 1) / 2
	} else if v < 1 || v > limit {
		field := typ
		if typ == PeriodDay {
			field = PeriodMonth
		}
		return Period{}, periodFault{kind: periodFaultRange, at: at, typ: field, year: y, val: v, max: limit}
	}
	if typ == PeriodDay {
		if days := periodDaysIn(y, v); d < 1 || d > days {
			return Period{}, periodFault{kind: periodFaultRange, at: end - 2, typ: PeriodDay, year: y, month: v, val: d, max: days}
		}
	}
	return Period{year: uint16(y), typ: typ, n: uint8(v), d: uint8(d)}, periodFault{}
}

// periodDigits reads the n-digit decimal number at b[i:i+n]. On failure it
// returns the fault, with ok false.
func periodDigits(b []byte, i, n int) (v int, f periodFault, ok bool) {
	for j := i; j < i+n; j++ {
		if j >= len(b) {
			return 0, periodFault{kind: periodFaultEnd, at: len(b), want: "a digit"}, false
		}
		c := b[j] - '0'
		if c > 9 {
			return 0, periodFault{kind: periodFaultChar, at: j, want: "a digit"}, false
		}
		v = v*10 + int(c)
	}
	return v, periodFault{}, true
}

func periodYearFault(y int) periodFault {
	return periodFault{kind: periodFaultRange, at: 0, typ: PeriodYear, val: y}
}

// error builds the *ParseError for input, of which the parser saw the
// folded form (ascii is false) or the bytes themselves (ascii is true).
func (f periodFault) error(input string, ascii bool) *ParseError {
	e := &ParseError{Func: "ParsePeriod", Input: strings.Clone(input), Code: "period.syntax", At: -1}
	if f.at >= 0 {
		e.At = f.at
		if !ascii {
			// Each rune of the input became one byte of the folded form.
			e.At = 0
			for range f.at {
				_, size := utf8.DecodeRuneInString(input[e.At:])
				e.At += size
			}
		}
	}
	switch f.kind {
	case periodFaultEmpty:
		e.Msg = "empty period"
	case periodFaultEnd:
		e.Msg = "unexpected end of input, want " + f.want
	case periodFaultChar:
		r, size := utf8.DecodeRuneInString(input[e.At:])
		if r == utf8.RuneError && size == 1 {
			e.Msg = "invalid UTF-8, want " + f.want
		} else {
			e.Msg = "unexpected character " + strconv.QuoteRune(r) + ", want " + f.want
		}
	case periodFaultRange:
		e.Code = "period.range"
		v := strconv.Itoa(f.val)
		switch f.typ {
		case PeriodYear:
			e.Msg = "year " + v + " out of range [" + strconv.Itoa(periodMinYear) + ", " + strconv.Itoa(periodMaxYear) + "]"
		case PeriodBiMonth:
			e.Msg = "bi-month starting in month " + v + " out of range: want an odd month 1, 3, 5, 7, 9 or 11"
		case PeriodWeek:
			e.Msg = "week " + v + " out of range: " + strconv.Itoa(f.year) + " has " + strconv.Itoa(f.max) + " ISO weeks"
		case PeriodDay:
			e.Msg = "day " + v + " out of range: " + time.Month(f.month).String() + " " + strconv.Itoa(f.year) + " has " + strconv.Itoa(f.max) + " days"
		default:
			e.Msg = f.typ.String() + " " + v + " out of range [1, " + strconv.Itoa(f.max) + "]"
		}
	}
	return e
}

// IsValid reports whether p is a period, that is, not the zero Period.
func (p Period) IsValid() bool {
	return p.typ != 0
}

// Type returns the type of p, or 0 for the zero Period.
func (p Period) Type() PeriodType {
	return p.typ
}

// Year returns the year of p, or 0 for the zero Period. For a week it is the
// ISO week-numbering year, which for a few days around New Year differs from
// the calendar year: 2025W1, which starts on 30 December 2024, has Year 2025.
func (p Period) Year() int {
	return int(p.year)
}

// String returns p in DHIS2 notation ("2025", "2025S1", "2025Q3", "202509B",
// "202510", "2025W42", "20251017"), or "invalid Period" for the zero Period.
func (p Period) String() string {
	if !p.IsValid() {
		return "invalid Period"
	}
	var buf [8]byte
	return string(p.AppendTo(buf[:0]))
}

// AppendTo appends the DHIS2 notation of p, as String returns it, to b and
// returns the extended buffer. It appends nothing for the zero Period.
func (p Period) AppendTo(b []byte) []byte {
	if !p.IsValid() {
		return b
	}
	y := int(p.year)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	switch p.typ {
	case PeriodHalfYear:
		b = append(b, 'S', '0'+p.n)
	case PeriodQuarter:
		b = append(b, 'Q', '0'+p.n)
	case PeriodBiMonth:
		m := 2*p.n - 1
		b = append(b, '0'+m/10, '0'+m%10, 'B')
	case PeriodMonth:
		b = append(b, '0'+p.n/10, '0'+p.n%10)
	case PeriodWeek:
		b = append(b, 'W')
		if p.n >= 10 {
			b = append(b, '0'+p.n/10)
		}
		b = append(b, '0'+p.n%10)
	case PeriodDay:
		b = append(b, '0'+p.n/10, '0'+p.n%10, '0'+p.d/10, '0'+p.d%10)
	}
	return b
}

// AppendText implements [encoding.TextAppender]: like [Period.AppendTo], it
// appends the DHIS2 notation of p, and nothing for the zero Period.
func (p Period) AppendText(b []byte) ([]byte, error) {
	return p.AppendTo(b), nil
}

// MarshalText implements [encoding.TextMarshaler]: the DHIS2 notation of p,
// or empty text for the zero Period.
func (p Period) MarshalText() ([]byte, error) {
	if !p.IsValid() {
		return []byte{}, nil
	}
	return p.AppendTo(make([]byte, 0, 8)), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler], accepting what
// [ParsePeriod] accepts. Empty text sets p to the zero Period, as
// [Period.MarshalText] writes it.
func (p *Period) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = Period{}
		return nil
	}
	q, err := ParsePeriod(string(text))
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Start returns the first instant of p (inclusive): midnight at the start of
// its first day in China Standard Time, in the location [ChinaStandardTime].
// It returns the zero time.Time for the zero Period.
func (p Period) Start() time.Time {
	if !p.IsValid() {
		return time.Time{}
	}
	return periodMidnight(p.startDay())
}

// End returns the first instant after p (exclusive): midnight at the start of
// the day after its last day, in China Standard Time. p covers the instants t
// with p.Start() <= t < p.End(), and p.End() is the Start of p.Next(). It
// returns the zero time.Time for the zero Period.
func (p Period) End() time.Time {
	if !p.IsValid() {
		return time.Time{}
	}
	return periodMidnight(p.endDay())
}

// Last returns midnight at the start of the last day of p, in China Standard
// Time: for 202502 it is 2025-02-28T00:00:00+08:00, so that
// p.Start().Format(time.DateOnly) and p.Last().Format(time.DateOnly) name
// the first and the last day of p inclusive (统计期: 2025-02-01 至
// 2025-02-28). It returns the zero time.Time for the zero Period.
func (p Period) Last() time.Time {
	if !p.IsValid() {
		return time.Time{}
	}
	return periodMidnight(p.endDay() - 1)
}

// Days returns the number of days in p: 365 or 366 for a year, 181 to 184
// for a half-year, 90 to 92 for a quarter, 59 to 62 for a bi-month, 28 to
// 31 for a month, 7 for a week, 1 for a day, and 0 for the zero Period.
func (p Period) Days() int {
	if !p.IsValid() {
		return 0
	}
	return p.endDay() - p.startDay()
}

// Contains reports whether the instant t lies in p, that is,
// p.Start() <= t < p.End(). The zero Period contains nothing.
func (p Period) Contains(t time.Time) bool {
	if !p.IsValid() {
		return false
	}
	sec := t.Unix() // rounded down, so comparing with whole seconds is exact
	return sec >= p.startSec() && sec < p.endSec()
}

// ContainsPeriod reports whether q is p or a part of p, in the sense in which
// a figure reported for q adds up into p: exactly when q.Parent(p.Type()) is
// p. The calendar decides for years, half-years, quarters, bi-months, months
// and days, so 2025Q4 contains 202510 and 20251017, 202509B contains 202510,
// and a week contains its seven days. A bi-month belongs to no quarter, not
// even 202501B to 2025Q1: most bi-months straddle two quarters, and figures
// reported by bi-month add up into half-years and years, not quarters.
// A week belongs to one year only, the one holding its Thursday, as in DHIS2:
// 2025 contains 2025W1, which runs from 30 December 2024 to 5 January 2025,
// though not its first day 20241230; 2020 contains 2020W53, which ends on
// 3 January 2021. So for weeks and years containment follows the ISO week
// calendar, not the instants of [Period.Contains]. A week belongs to no
// half-year, quarter, bi-month or month, even when it lies inside one:
// weekly figures add up into years, not months.
//
// The zero Period contains nothing and is contained in nothing.
func (p Period) ContainsPeriod(q Period) bool {
	parent, ok := q.Parent(p.typ)
	return ok && parent == p
}

// Parent returns the period of type t that p belongs to, and whether there is
// one: for 20251017 and PeriodMonth it is 202510, for 202510 and
// PeriodQuarter 2025Q4, for 202510 and PeriodBiMonth 202509B, for 202509B
// and PeriodHalfYear 2025S2, for a day and PeriodWeek its ISO week, for a
// week and PeriodYear its ISO week-numbering year (2025W1 is in 2025,
// although it starts on 30 December 2024). Parent(p.Type()) is p itself.
//
// It reports false when p is the zero Period, when t is not valid or is finer
// than the type of p, when p is a week and t a half-year, quarter, bi-month
// or month, and when p is a bi-month and t a quarter: a week can straddle
// two months, a bi-month two quarters (202503B is March and April), and each
// belongs to none, as in DHIS2, whose bi-months roll up into half-years and
// years only.
func (p Period) Parent(t PeriodType) (Period, bool) {
	switch {
	case !p.IsValid() || !t.IsValid() || t > p.typ:
		return Period{}, false
	case t == p.typ:
		return p, true
	case p.typ == PeriodWeek:
		if t == PeriodYear {
			return Period{year: p.year, typ: PeriodYear}, true
		}
		return Period{}, false
	case p.typ == PeriodBiMonth && t == PeriodQuarter:
		return Period{}, false
	}
	q := periodAt(t, p.startDay())
	return q, q.IsValid()
}

// Sub returns the periods of type t that p contains, in order, in the sense
// of [Period.ContainsPeriod]: the months of a quarter or a bi-month, the six
// bi-months of a year and the three of a half-year, the days of a month or
// of a week, the 52 or 53 weeks of a year (those whose Thursday is in it).
// For t equal to the type of p it yields p; for a coarser type, for weeks in
// a half-year, quarter, bi-month or month, for bi-months in a quarter, or
// for the zero Period it yields nothing.
// The last week of 9999 yields only its days up to 9999-12-31.
func (p Period) Sub(t PeriodType) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		switch {
		case !p.IsValid() || !t.IsValid() || t < p.typ:
			return
		case t == p.typ:
			yield(p)
			return
		case t == PeriodWeek:
			if p.typ != PeriodYear {
				return
			}
			y := int(p.year)
			for w := 1; w <= periodWeeksIn(y); w++ {
				if !yield(Period{year: p.year, typ: PeriodWeek, n: uint8(w)}) {
					return
				}
			}
			return
		case t == PeriodBiMonth && p.typ == PeriodQuarter:
			return
		}
		end := min(p.endDay(), periodEndDay)
		for q := periodAt(t, p.startDay()); q.IsValid() && q.startDay() < end; q = q.Next() {
			if !yield(q) {
				return
			}
		}
	}
}

// Periods returns the periods of type t that overlap the interval [from, to),
// in order: Periods(PeriodMonth, from, to) for from 2025-01-15 and to
// 2025-03-01 in Beijing yields 202501 and 202502. It yields nothing when t is
// not valid or to is not after from, and only periods within the years
// 1900–9999.
func Periods(t PeriodType, from, to time.Time) iter.Seq[Period] {
	return func(yield func(Period) bool) {
		if !t.IsValid() || !from.Before(to) {
			return
		}
		p := PeriodOf(t, from)
		if !p.IsValid() {
			if from.Unix() >= periodMinSec() {
				return // after the last supported day
			}
			p = periodAt(t, periodMinDay)
		}
		for ; p.IsValid() && p.Start().Before(to); p = p.Next() {
			if !yield(p) {
				return
			}
		}
	}
}

// Next returns the period of the same type that follows p (202512 → 202601,
// 202511B → 202601B, 2020W53 → 2021W1), or the zero Period after the last
// one of 9999 or when p is the zero Period.
func (p Period) Next() Period {
	return p.Add(1)
}

// Prev returns the period of the same type that precedes p, or the zero
// Period before the first one of 1900 or when p is the zero Period.
func (p Period) Prev() Period {
	return p.Add(-1)
}

// Add returns the period of the same type n periods after p (before it when
// n is negative): MustParsePeriod("2025Q4").Add(2) is 2026Q2. It returns the
// zero Period when the result falls outside the years 1900–9999 or p is the
// zero Period.
func (p Period) Add(n int) Period {
	if !p.IsValid() || n < -periodMaxShift || n > periodMaxShift {
		return Period{}
	}
	y := int(p.year)
	switch p.typ {
	case PeriodYear:
		return YearPeriod(y + n)
	case PeriodHalfYear, PeriodQuarter, PeriodBiMonth, PeriodMonth:
		per := 2
		switch p.typ {
		case PeriodQuarter:
			per = 4
		case PeriodBiMonth:
			per = 6
		case PeriodMonth:
			per = 12
		}
		i := y*per + int(p.n) - 1 + n
		if i < 0 {
			return Period{}
		}
		y = i / per
		if !periodYearOK(y) {
			return Period{}
		}
		return Period{year: uint16(y), typ: p.typ, n: uint8(i%per + 1)}
	case PeriodWeek, PeriodDay:
		step := 1
		if p.typ == PeriodWeek {
			step = 7
		}
		day := p.startDay() + n*step
		if day < periodMinDay || day >= periodEndDay {
			return Period{}
		}
		return periodAt(p.typ, day)
	}
	return Period{}
}

// Compare returns an integer comparing p and q: -1 if p sorts before q, +1
// if after, 0 if they are equal. Periods sort by their start, and periods
// starting together from the longest to the shortest (2025, 2025S1, 2025Q1,
// 202501B, 202501, 20250101); the zero Period sorts before all others. So
// 2025W1, which starts on 30 December 2024, sorts before 2025.
func (p Period) Compare(q Period) int {
	switch {
	case p == q:
		return 0
	case !p.IsValid():
		return -1
	case !q.IsValid():
		return +1
	}
	if ps, qs := p.startDay(), q.startDay(); ps != qs {
		return periodSign(ps - qs)
	}
	if pe, qe := p.endDay(), q.endDay(); pe != qe {
		return periodSign(qe - pe)
	}
	return periodSign(int(p.typ) - int(q.typ))
}

func periodSign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return +1
	}
	return 0
}

// startDay returns the day number of the first day of the valid period p.
func (p Period) startDay() int {
	y := int(p.year)
	switch p.typ {
	case PeriodHalfYear:
		return periodDayNumber(y, (int(p.n)-1)*6+1, 1)
	case PeriodQuarter:
		return periodDayNumber(y, (int(p.n)-1)*3+1, 1)
	case PeriodBiMonth:
		return periodDayNumber(y, (int(p.n)-1)*2+1, 1)
	case PeriodMonth:
		return periodDayNumber(y, int(p.n), 1)
	case PeriodWeek:
		return periodWeekOneMonday(y) + (int(p.n)-1)*7
	case PeriodDay:
		return periodDayNumber(y, int(p.n), int(p.d))
	}
	return periodDayNumber(y, 1, 1)
}

// endDay returns the day number of the day after the last day of the valid
// period p.
func (p Period) endDay() int {
	y := int(p.year)
	switch p.typ {
	case PeriodHalfYear:
		return periodMonthStart(y, int(p.n)*6+1)
	case PeriodQuarter:
		return periodMonthStart(y, int(p.n)*3+1)
	case PeriodBiMonth:
		return periodMonthStart(y, int(p.n)*2+1)
	case PeriodMonth:
		return periodMonthStart(y, int(p.n)+1)
	case PeriodWeek:
		return p.startDay() + 7
	case PeriodDay:
		return p.startDay() + 1
	}
	return periodDayNumber(y+1, 1, 1)
}

func (p Period) startSec() int64 {
	return int64(p.startDay())*periodSecondsPerDay - periodCSTOffset
}

func (p Period) endSec() int64 {
	return int64(p.endDay())*periodSecondsPerDay - periodCSTOffset
}

// periodMinSec is the first supported instant, 1900-01-01T00:00:00+08:00, in
// Unix seconds.
func periodMinSec() int64 {
	return int64(periodMinDay)*periodSecondsPerDay - periodCSTOffset
}

// periodMidnight returns the instant at which the given day starts in China
// Standard Time.
func periodMidnight(day int) time.Time {
	return time.Unix(int64(day)*periodSecondsPerDay-periodCSTOffset, 0).In(ChinaStandardTime)
}

func periodYearOK(y int) bool {
	return y >= periodMinYear && y <= periodMaxYear
}

func periodIsLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// periodDaysIn returns the number of days in month m (1–12) of year y.
func periodDaysIn(y, m int) int {
	switch m {
	case 2:
		if periodIsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// periodDayNumber returns the number of days from 1970-01-01 to the date
// y-m-d of the proleptic Gregorian calendar, for y >= 1 and m in 1–12 (after
// Howard Hinnant's days_from_civil).
func periodDayNumber(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400 // [0, 399]
	mp := m - 3        // months since March
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// periodMonthStart returns the day number of the first day of month m of year
// y, where m = 13 stands for January of the next year.
func periodMonthStart(y, m int) int {
	if m > 12 {
		y, m = y+1, m-12
	}
	return periodDayNumber(y, m, 1)
}

// periodCivil returns the date of the given day number, which must be
// that of a day in year 1 or later (after Howard Hinnant's civil_from_days).
func periodCivil(day int) (y, m, d int) {
	z := day + 719468
	era := z / 146097
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365], from 1 March
	mp := (5*doy + 2) / 153                                // [0, 11], from March
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// periodWeekday returns the day of the week of the given day number, 0 for
// Monday to 6 for Sunday. 1970-01-01 was a Thursday.
func periodWeekday(day int) int {
	return ((day+3)%7 + 7) % 7
}

// periodWeekOneMonday returns the day number of the Monday that starts ISO
// week 1 of year y, the week that holds 4 January (and so the year's first
// Thursday).
func periodWeekOneMonday(y int) int {
	jan4 := periodDayNumber(y, 1, 4)
	return jan4 - periodWeekday(jan4)
}

// periodWeeksIn returns the number of ISO weeks in year y, 52 or 53.
func periodWeeksIn(y int) int {
	return (periodWeekOneMonday(y+1) - periodWeekOneMonday(y)) / 7
}

// periodISOWeek returns the ISO week-numbering year and week of the given
// day: those of the Thursday of its week.
func periodISOWeek(day int) (y, w int) {
	thu := day - periodWeekday(day) + 3
	y, _, _ = periodCivil(thu)
	return y, (thu-periodDayNumber(y, 1, 1))/7 + 1
}
