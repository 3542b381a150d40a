package healthedu

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		code string
	}{
		{in: "2025-10-17", want: "2025-10-17"},
		{in: "２０２４－０２－２９", want: "2024-02-29"},
		{in: "2024-02-29", want: "2024-02-29"},
		{in: "2025-02-29", code: "date.range"},
		{in: "2025-13-01", code: "date.range"},
		{in: "2025-00-10", code: "date.range"},
		{in: "0000-01-01", code: "date.range"},
		{in: "2025/10/17", code: "date.syntax"},
		{in: "2025-1-17", code: "date.syntax"},
		{in: "20251017", code: "date.syntax"},
		{in: "2025-10-1x", code: "date.syntax"},
		{in: "", code: "date.syntax"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.code != "" {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Code != tt.code {
				t.Errorf("ParseDate(%q) error = %v, want code %s", tt.in, err, tt.code)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
}

func TestDateOfChinaStandardTime(t *testing.T) {
	// 17:00 UTC on 30 September is 01:00 on 1 October in China.
	got := DateOf(time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC))
	if got.String() != "2025-10-01" {
		t.Errorf("DateOf = %s, want 2025-10-01", got)
	}
	if s := got.AddDays(-1).String(); s != "2025-09-30" {
		t.Errorf("AddDays(-1) = %s", s)
	}
	d1, _ := ParseDate("2025-01-31")
	d2, _ := ParseDate("2025-02-01")
	if d1.Compare(d2) != -1 || d2.Compare(d1) != 1 || d1.Compare(d1) != 0 {
		t.Error("Compare is not ordered")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-10-17", "2024-02-29", "２０２４－０２－２９", "2025-02-29"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("round trip of %q via %q: %v, %v", s, d.String(), again, err)
		}
	})
}
