package healthedu

import (
	"testing"
	"time"
)

func TestRecordDivisionAndPeriod(t *testing.T) {
	div := MustParseDivisionCode("371502001")
	cst := func(y int, m time.Month, d, h int) time.Time {
		return time.Date(y, m, d, h, 0, 0, 0, ChinaStandardTime)
	}
	late := cst(2025, 11, 2, 9)
	early := cst(2025, 9, 30, 9)
	ancient := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(y int, m time.Month, d int) Date {
		dt, ok := NewDate(y, m, d)
		if !ok {
			t.Fatalf("NewDate(%d, %d, %d) failed", y, m, d)
		}
		return dt
	}
	namedOn := date(2024, 5, 1)
	tests := []struct {
		name   string
		rec    Record
		div    DivisionCode
		period string
		path   string
	}{
		{"activity", &Activity{Division: div, Start: time.Date(2025, 9, 30, 17, 0, 0, 0, time.UTC)}, div, "202510", "/start"},
		{"activity without a start", &Activity{Division: div}, div, "", "/start"},
		{"activity of year 1", &Activity{Start: ancient}, DivisionCode{}, "", "/start"},
		{"monthly report", &MonthlyReport{Division: div, Period: MustParsePeriod("202510")}, div, "202510", "/period"},
		{"quarterly report", &MonthlyReport{Division: div, Period: MustParsePeriod("2025Q4")}, div, "", "/period"},
		{"monthly report without a period", &MonthlyReport{Division: div}, div, "", "/period"},
		{"binding", &Binding{Division: div, BoundAt: early}, div, "202509", "/boundAt"},
		{"binding unbound later", &Binding{Division: div, BoundAt: early, UnboundAt: &late}, div, "202511", "/unboundAt"},
		{"binding unbound before", &Binding{Division: div, BoundAt: late, UnboundAt: &early}, div, "202511", "/boundAt"},
		{"binding without a time", &Binding{Division: div}, div, "", "/boundAt"},
		{"binding unbound in year 1", &Binding{BoundAt: ancient, UnboundAt: &ancient}, DivisionCode{}, "", "/boundAt"},
		{"literacy survey", &LiteracySurvey{Division: div, SurveyedOn: date(2025, 6, 30)}, div, "202506", "/surveyedOn"},
		{"literacy survey without a date", &LiteracySurvey{Division: div}, div, "", "/surveyedOn"},
		{"health cell", &HealthCell{Division: div, Year: 2024, NamedOn: &namedOn}, div, "2024", "/year"},
		{"health cell without a year", &HealthCell{Division: div}, div, "", "/year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rec.RecordDivision(); got != tt.div {
				t.Errorf("RecordDivision() = %v, want %v", got, tt.div)
			}
			p, path := tt.rec.RecordPeriod()
			got := ""
			if p.IsValid() {
				got = p.String()
			} else if p != (Period{}) {
				t.Errorf("RecordPeriod() = %#v, neither valid nor zero", p)
			}
			if got != tt.period || path != tt.path {
				t.Errorf("RecordPeriod() = %q, %q; want %q, %q", got, path, tt.period, tt.path)
			}
		})
	}
}
