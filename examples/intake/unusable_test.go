package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/examples/intake/internal/dashboard"
	"github.com/jiceng/jiceng/healthedu"
)

// insertRow stores a row into the records table as it is, beside the
// platform's checks, as an earlier version of the platform or a hand in
// the database may have left it, and raises the generation as a
// submission would.
func insertRow(t *testing.T, st store, kind, id, submitter, division, period, pseudonym, body string) {
	t.Helper()
	s, ok := st.(*sqlStore)
	if !ok {
		t.Fatalf("store %T is not a sqlStore", st)
	}
	ctx := context.Background()
	now := testNow.UnixMilli()
	if _, err := s.w.ExecContext(ctx, `INSERT INTO records (kind, id, submitter, division, period, hash, pseudonym, body, received, updated, revision)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1)`, kind, id, submitter, division, period, "0", pseudonym, body, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, sqlBump); err != nil {
		t.Fatal(err)
	}
}

// skippedRows returns the counts of stored rows the reads skipped, by
// table and reason, as /metrics gives them.
func skippedRows(t *testing.T, h *harness) map[string]int {
	t.Helper()
	ans := h.request("GET", "/metrics", tokenAdmin, nil)
	n := make(map[string]int)
	re := regexp.MustCompile(`(?m)^jiceng_intake_stored_rows_skipped_total\{table="(\w+)",reason="(\w+)"\} (\d+)$`)
	for _, m := range re.FindAllStringSubmatch(string(ans.body), -1) {
		k, _ := strconv.Atoi(m[3])
		n[m[1]+" "+m[2]] += k
	}
	return n
}

// TestReadsSkipUnusableRows stores rows a read cannot use — an activity of
// 1899 with no valid period, as an earlier version imported it, a body
// that is not JSON, a binding whose pseudonym is not hex, a monthly
// report whose period column is not a period — and checks that the reads
// of the township, the county, the city and the province still answer,
// with the figures of the other rows, that the dashboard shows them, and
// that the rows skipped are logged, masked, and counted in /metrics.
func TestReadsSkipUnusableRows(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		h.srv.mountDashboard(dashboard.Handler(h.srv.mux, dashboard.Options{
			Default: demoDivision, DefaultPeriod: healthedu.MustParsePeriod("202512"), Token: tokenAdmin}))
		h.clock.Set(at(2026, 1, 20, 9))
		day := at(2026, 1, 5, 9)
		h.submitAt(tokenGulou, day,
			activity("OK-1", "371502001", at(2025, 12, 3, 9), ""),
			monthlyReportOf("371502001", "202512", day, "children-0-6", 100, "children-0-6-managed", 90))

		reads := []string{
			"/v1/indicators?under=371502001&period=202512",
			"/v1/indicators?under=371502&level=township&period=202512",
			"/v1/indicators?under=3715&period=2025",
			"/v1/indicators?under=37&period=202512&indicators=activities-held,report-completeness",
			"/v1/reports/monthly?under=371502001&period=202512",
			"/v1/reports/monthly?under=371502&period=202512",
			"/v1/reports/monthly?under=3715&period=202512",
			"/v1/reports/monthly?under=37&period=202512",
		}
		before := make(map[string][]byte)
		for _, path := range reads {
			ans := h.request("GET", path, tokenAdmin, nil)
			if ans.status != http.StatusOK {
				t.Fatalf("%s: %d %s", path, ans.status, ans.body)
			}
			before[path] = ans.body
		}

		id := citizenID("37159919800101007")
		old := strings.NewReplacer("2025-12-03T09:00:00+08:00", "1899-12-31T09:00:00+08:00", "2025-12-03T10:30:00+08:00", "1899-12-31T10:30:00+08:00",
			`"id":"OK-1"`, `"id":"OLD-1"`, "健康知识讲座", "为 "+id+" 讲座").Replace(string(activity("OK-1", "371502001", at(2025, 12, 3, 9), "")))
		insertRow(t, h.store, "activity", "OLD-1", "371502001000", "371502001000", "invalid Period", "", strings.TrimSpace(old))
		insertRow(t, h.store, "activity", "OLD-2", "371502001000", "371502001000", "202512", "", strings.Replace(strings.TrimSpace(old), "OLD-1", "OLD-2", 1))
		insertRow(t, h.store, "activity", "BROKEN-"+id, "371502001000", "371502001000", "202512", "", `{"kind":"activity","id":"`+id)
		insertRow(t, h.store, "binding", "B-1", "371502001000", "371502001000", "202512", "not hex",
			strings.TrimSpace(strings.Replace(string(binding("B-1", "", at(2025, 12, 1, 9))), `"citizenId":""`, `"citizenId":"3715**********0076"`, 1)))
		insertRow(t, h.store, "monthlyReport", "MR-X", "371502001000", "371502001000", "2025-12", "",
			strings.TrimSpace(string(monthlyReportOf("371502001", "202512", day, "children-0-6", 1, "children-0-6-managed", 1))))

		for _, path := range reads {
			ans := h.request("GET", path, tokenAdmin, nil)
			if ans.status != http.StatusOK {
				t.Errorf("%s: %d %s", path, ans.status, ans.body)
				continue
			}
			if diff := cmp.Diff(string(before[path]), string(ans.body)); diff != "" {
				t.Errorf("%s: the figures changed (-before +after):\n%s", path, diff)
			}
		}
		for _, target := range []string{"/?division=37&period=202512", "/?division=371502001&period=202512", "/report?division=371502&period=202512"} {
			w := httptest.NewRecorder()
			h.srv.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
			if w.Code != http.StatusOK {
				t.Errorf("dashboard %s: %d", target, w.Code)
			}
		}

		skipped := skippedRows(t, h)
		for _, reason := range []string{"records columns", "records body", "records period", "records pseudonym"} {
			if skipped[reason] == 0 {
				t.Errorf("no row counted as skipped for %s: %v", reason, skipped)
			}
		}
		logs := h.logs.String()
		if strings.Count(logs, `"msg":"stored row skipped"`) < 5 || strings.Contains(logs, id) {
			t.Errorf("the rows skipped are not logged, or logged with the citizen ID in clear:\n%s", logs)
		}
		if !strings.Contains(logs, `"id":"BROKEN-3715**********0076"`) {
			t.Errorf("log lacks the masked id of the row skipped:\n%s", logs)
		}
	})
}

// TestFactsOfUnusableTimes checks that a record whose period cannot be
// derived from its times is rejected, with a code and the path of the
// time, rather than stored with no period.
func TestFactsOfUnusableTimes(t *testing.T) {
	var zero time.Time
	ancient := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	far := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC) // 10000-01-01 in China
	div := healthedu.MustParseDivisionCode("371502001")
	tests := []struct {
		name string
		rec  healthedu.Record
		path string
	}{
		{"activity without a start", &healthedu.Activity{Division: div}, "/start"},
		{"activity of year 1", &healthedu.Activity{Division: div, Start: ancient}, "/start"},
		{"activity past 9999 in China", &healthedu.Activity{Division: div, Start: far}, "/start"},
		{"monthly report without a period", &healthedu.MonthlyReport{Division: div}, "/period"},
		{"binding without a time", &healthedu.Binding{Division: div, BoundAt: zero}, "/boundAt"},
		{"binding unbound in year 1", &healthedu.Binding{Division: div, BoundAt: ancient, UnboundAt: &ancient}, "/boundAt"},
		{"literacy survey without a date", &healthedu.LiteracySurvey{Division: div}, "/surveyedOn"},
		{"health cell without a year", &healthedu.HealthCell{Division: div}, "/year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, is := factsOf(tt.rec, at(2025, 12, 4, 9))
			if is == nil {
				t.Fatalf("facts %+v, want the record rejected", f)
			}
			if diff := cmp.Diff(healthedu.NewIssue(codePeriodUnknown, tt.path, nil), *is); diff != "" {
				t.Errorf("issue (-want +got):\n%s", diff)
			}
		})
	}
	good := &healthedu.Activity{Division: div, Start: at(2025, 12, 3, 9)}
	if f, is := factsOf(good, at(2025, 12, 4, 9)); is != nil || f.Period != healthedu.MustParsePeriod("202512") || f.Division != div {
		t.Errorf("facts %+v, %v", f, is)
	}
}
