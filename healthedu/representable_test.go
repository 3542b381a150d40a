package healthedu

import (
	"testing"
	"time"
)

func TestRepresentable(t *testing.T) {
	cst := ChinaStandardTime
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Time{}, false},
		{time.Date(1899, 12, 31, 23, 59, 59, 999999999, cst), false},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, cst), true},
		{time.Date(1899, 12, 31, 16, 0, 0, 0, time.UTC), true},                  // the same instant
		{time.Date(1899, 12, 31, 15, 59, 59, 0, time.UTC), false},               // a second before
		{time.Date(1900, 1, 1, 0, 30, 0, 0, time.FixedZone("", 9*3600)), false}, // 1899 in Beijing
		{time.Date(9999, 12, 31, 23, 59, 59, 999999999, cst), true},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, cst), false},
		{time.Date(9999, 12, 31, 16, 0, 0, 0, time.UTC), false}, // 10000-01-01 in Beijing
		{time.Date(-500, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(292277026596, 1, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := Representable(tt.at); got != tt.want {
			t.Errorf("Representable(%v) = %v, want %v", tt.at, got, tt.want)
		}
		// PeriodOf gives a valid period exactly for representable times.
		for _, typ := range []PeriodType{PeriodYear, PeriodHalfYear, PeriodQuarter, PeriodMonth, PeriodWeek, PeriodDay} {
			if got := PeriodOf(typ, tt.at).IsValid(); got != tt.want {
				t.Errorf("PeriodOf(%v, %v).IsValid() = %v, want %v", typ, tt.at, got, tt.want)
			}
		}
	}
	dates := []struct {
		d    Date
		want bool
	}{
		{Date{}, false},
		{validateDate("0001-01-01"), false},
		{validateDate("1899-12-31"), false},
		{validateDate("1900-01-01"), true},
		{validateDate("9999-12-31"), true},
	}
	for _, tt := range dates {
		if got := tt.d.Representable(); got != tt.want {
			t.Errorf("Date(%v).Representable() = %v, want %v", tt.d, got, tt.want)
		}
	}
}
