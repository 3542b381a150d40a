package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// indicatorRows returns the rows of GET /v1/indicators for path's query.
func indicatorRows(t *testing.T, h *harness, token, query string) []indicatorRowJSON {
	t.Helper()
	ans := h.request("GET", "/v1/indicators?"+query, token, nil, "Accept-Language", "en")
	if ans.status != 200 {
		t.Fatalf("%s: %d %s", query, ans.status, ans.body)
	}
	var a struct {
		Rows []indicatorRowJSON `json:"rows"`
	}
	ans.json(t, &a)
	return a.Rows
}

// TestReceivedTimeDecidesTimeliness checks that a monthly report is on
// time or late by when the platform received it, not by the submittedAt
// its submitter wrote: a report that claims to be on time but arrived
// after the deadline is late; one whose submitter's clock ran a few
// minutes fast, so that it claims to be late, but that arrived before
// the deadline is on time; and a report corrected after the deadline
// keeps the time it was first received.
func TestReceivedTimeDecidesTimeliness(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		deadline := time.Date(2025, 11, 11, 0, 0, 0, 0, at(2025, 1, 1, 0).Location()) // end of 10 November
		for _, tc := range []struct {
			division    string
			submittedAt time.Time // as the report says
			received    time.Time // as the platform's clock says
		}{
			{"371524001", at(2025, 11, 5, 10), at(2025, 11, 12, 9)},                  // claims on time, arrived late
			{"371524002", deadline.Add(3 * time.Minute), deadline.Add(-time.Minute)}, // claims late, arrived on time
			{"371524101", at(2025, 11, 6, 10), at(2025, 11, 6, 10)},                  // on time, both agree
			{"371524102", at(2025, 11, 14, 10), at(2025, 11, 14, 10)},                // late, both agree
		} {
			h.submitAt(tokenDonge, tc.received, monthlyReport(tc.division, tc.submittedAt, 100, 90))
		}
		// 新城街道 corrects its report after the deadline: the correction is
		// stored, and the report still counts as received on time.
		h.clock.Set(at(2025, 11, 20, 9))
		if sm := h.submit(tokenDonge, monthlyReport("371524002", deadline.Add(3*time.Minute), 100, 91)).summary(t); sm.Updated != 1 {
			t.Fatalf("correction: %+v %+v", countsOf(sm), sm.Issues)
		}

		h.clock.Set(at(2025, 12, 1, 0))
		got := make(map[string]string)
		for _, r := range indicatorRows(t, h, tokenDonge, "under=371524&level=township&period=202510&indicators=report-timeliness") {
			if r.Value != nil {
				got[r.Division[:9]] = *r.Value
			}
		}
		want := map[string]string{
			"371524001": "0.00", "371524002": "100.00", "371524101": "100.00", "371524102": "0.00",
			"371524103": "0.00", "371524104": "0.00", "371524105": "0.00", "371524107": "0.00", "371524108": "0.00", "371524109": "0.00",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("timeliness by township (-want +got):\n%s", diff)
		}
		for _, r := range h.stored() {
			if r.Division.String() == "371524002000" && !r.Received.Equal(deadline.Add(-time.Minute)) {
				t.Errorf("新城街道's report received %s, want the first receipt %s", r.Received, deadline.Add(-time.Minute))
			}
		}
	})
}

// binding returns a binding of the resident with citizenID to a health
// instructor of 古楼街道, bound at boundAt.
func binding(id, citizenID string, boundAt time.Time) []byte {
	return fmt.Appendf(nil, `{"schemaVersion":"1","kind":"binding","id":%q,"division":"371502001",`+
		`"resident":{"citizenId":%q},"instructor":{"id":"HI-1","role":"health-instructor","division":"371502001"},"boundAt":%q}`+"\n",
		id, citizenID, boundAt.Format(time.RFC3339))
}

// TestResidentsByPseudonym checks that the residents bound are counted by
// the pseudonym the platform stores in place of the citizen ID number: two
// bindings of one resident count once, those of two residents twice.
func TestResidentsByPseudonym(t *testing.T) {
	resident1 := citizenID("37150219800101001")
	resident2 := citizenID("37150219750615002")
	for _, tc := range []struct {
		name     string
		bindings [][]byte
		want     string // residents bound, the numerator of the binding rate
	}{
		{"one resident bound twice", [][]byte{
			binding("B-1", resident1, at(2025, 10, 3, 9)),
			binding("B-2", resident1, at(2025, 10, 20, 9)),
		}, "1"},
		{"two residents", [][]byte{
			binding("B-1", resident1, at(2025, 10, 3, 9)),
			binding("B-2", resident2, at(2025, 10, 20, 9)),
		}, "2"},
		{"two residents, one bound twice", [][]byte{
			binding("B-1", resident1, at(2025, 10, 3, 9)),
			binding("B-2", resident2, at(2025, 10, 4, 9)),
			binding("B-3", resident1, at(2025, 10, 20, 9)),
		}, "2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, openTestSQLite(t))
			h.submitAt(tokenGulou, at(2025, 10, 31, 9), tc.bindings...)
			h.submitAt(tokenGulou, at(2025, 11, 5, 9), monthlyReportOf("371502001", "202510", at(2025, 11, 5, 9), "binding-target", 10))
			h.clock.Set(at(2025, 12, 1, 0))
			rows := indicatorRows(t, h, tokenGulou, "under=371502001&period=202510&indicators=binding-rate")
			if len(rows) != 1 || rows[0].Numerator == nil || rows[0].Denominator == nil {
				t.Fatalf("rows %+v", rows)
			}
			if got := fmt.Sprint(*rows[0].Numerator, "/", *rows[0].Denominator); got != tc.want+"/10" {
				t.Errorf("residents bound / target %s, want %s/10", got, tc.want)
			}
		})
	}
}

// TestIndicatorRowFlags checks that a flagged value comes with its flag
// and the flag's message in the language of the request, and an
// unflagged one with empty lists.
func TestIndicatorRowFlags(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	day := at(2025, 11, 5, 10)
	h.submitAt(tokenDonge, day,
		monthlyReportOf("371524104", "202510", day, "population", 1000, "health-service-users", 1500, "health-records", 900))
	h.clock.Set(at(2025, 12, 1, 0))
	type flags struct {
		Value      string
		Flags      []string
		Codes      []string
		Messages   []string
		Parameters []map[string]any
	}
	for _, tc := range []struct {
		indicator, lang string
		want            flags
	}{
		{"health-service-utilisation-rate", "zh-CN", flags{"150.00", []string{"indicator.aboveMaximum"}, []string{"indicator.aboveMaximum"},
			[]string{"指标“社区卫生服务利用率”的值150.00超过上限100，请核对所用数据"},
			[]map[string]any{{"indicator": "社区卫生服务利用率", "value": "150.00", "maximum": "100"}}}},
		{"health-service-utilisation-rate", "zh-TW", flags{"150.00", []string{"indicator.aboveMaximum"}, []string{"indicator.aboveMaximum"},
			[]string{"指標「社區衛生服務利用率」的值 150.00 超過上限 100，請核對所用資料"},
			[]map[string]any{{"indicator": "社區衛生服務利用率", "value": "150.00", "maximum": "100"}}}},
		{"health-record-rate", "en", flags{"90.00", []string{}, nil, nil, nil}},
	} {
		t.Run(tc.indicator+" "+tc.lang, func(t *testing.T) {
			ans := h.request("GET", "/v1/indicators?under=371524104&period=202510&indicators="+tc.indicator, tokenDonge, nil, "Accept-Language", tc.lang)
			var a struct {
				Rows []indicatorRowJSON `json:"rows"`
			}
			ans.json(t, &a)
			if len(a.Rows) != 1 || a.Rows[0].Value == nil || a.Rows[0].FlagIssues == nil {
				t.Fatalf("rows %s", ans.body)
			}
			r := a.Rows[0]
			got := flags{Value: *r.Value, Flags: r.Flags}
			for _, is := range r.FlagIssues {
				got.Codes = append(got.Codes, is.Code)
				got.Messages = append(got.Messages, is.Message)
				got.Parameters = append(got.Parameters, is.Params)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("flags (-want +got):\n%s", diff)
			}
		})
	}
}
