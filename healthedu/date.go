package healthedu

import (
	"strconv"
	"time"
)

// Date is a calendar day without a time of day (日期), written YYYY-MM-DD
// on the wire. Its zero value is not a valid date.
type Date struct {
	year  int16
	month uint8
	day   uint8
}

// NewDate returns the date y-m-d. It reports false when no such day exists
// or the year is outside 1–9999.
func NewDate(y int, m time.Month, d int) (Date, bool) {
	if y < 1 || y > 9999 || m < time.January || m > time.December || d < 1 || d > dateDaysIn(y, m) {
		return Date{}, false
	}
	return Date{int16(y), uint8(m), uint8(d)}, true
}

// DateOf returns the day that the instant t falls on in China Standard
// Time.
func DateOf(t time.Time) Date {
	y, m, d := t.In(ChinaStandardTime).Date()
	return Date{int16(y), uint8(m), uint8(d)}
}

// ParseDate parses a date in the form YYYY-MM-DD, with full-width digits
// accepted.
func ParseDate(s string) (Date, error) {
	var buf [16]byte
	b := []byte(nil)
	if isASCII(s) {
		if len(s) != 10 {
			return Date{}, &ParseError{Func: "ParseDate", Input: s, Code: "date.syntax", Msg: "want YYYY-MM-DD", At: -1}
		}
		b = append(buf[:0], s...)
	} else {
		var ok bool
		b, ok = foldFullWidth(buf[:0], s)
		if !ok || len(b) != 10 {
			return Date{}, &ParseError{Func: "ParseDate", Input: s, Code: "date.syntax", Msg: "want YYYY-MM-DD", At: -1}
		}
	}
	for i, c := range b {
		if i == 4 || i == 7 {
			if c != '-' {
				return Date{}, &ParseError{Func: "ParseDate", Input: s, Code: "date.syntax", Msg: "want '-' between year, month and day", At: i}
			}
			continue
		}
		if c < '0' || c > '9' {
			return Date{}, &ParseError{Func: "ParseDate", Input: s, Code: "date.syntax", Msg: "unexpected character " + strconv.QuoteRune(rune(c)), At: i}
		}
	}
	y := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
	m := int(b[5]-'0')*10 + int(b[6]-'0')
	d := int(b[8]-'0')*10 + int(b[9]-'0')
	date, ok := NewDate(y, time.Month(m), d)
	if !ok {
		return Date{}, &ParseError{Func: "ParseDate", Input: s, Code: "date.range", Msg: "no such day", At: -1}
	}
	return date, nil
}

// IsValid reports whether d is a real date (the zero Date is not).
func (d Date) IsValid() bool { return d.month != 0 }

// Representable reports whether d lies in the years jiceng can represent
// (可表示的日期范围), 1900-01-01 to 9999-12-31: whether a [Period] can hold
// it, as [Representable] says of an instant. The zero Date is not
// representable.
func (d Date) Representable() bool { return d.IsValid() && d.year >= periodMinYear }

// Year returns the year.
func (d Date) Year() int { return int(d.year) }

// Month returns the month.
func (d Date) Month() time.Month { return time.Month(d.month) }

// Day returns the day of the month.
func (d Date) Day() int { return int(d.day) }

// Start returns the first instant of the day in China Standard Time.
func (d Date) Start() time.Time {
	return time.Date(int(d.year), time.Month(d.month), int(d.day), 0, 0, 0, 0, ChinaStandardTime)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmpInt(int(d.year), int(e.year))
	case d.month != e.month:
		return cmpInt(int(d.month), int(e.month))
	default:
		return cmpInt(int(d.day), int(e.day))
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(d.Start().AddDate(0, 0, n))
}

// String returns the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if !d.IsValid() {
		return ""
	}
	return string(d.AppendTo(make([]byte, 0, 10)))
}

// AppendTo appends the date as YYYY-MM-DD to b.
func (d Date) AppendTo(b []byte) []byte {
	if !d.IsValid() {
		return b
	}
	y := int(d.year)
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+d.month/10), byte('0'+d.month%10), '-', byte('0'+d.day/10), byte('0'+d.day%10))
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return d.AppendTo(nil), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func dateDaysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}
