package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
)

// TestRegisterAndRequestsTaken submits the register of people (an
// instructor with a citizen ID number, an expert, a lecture team) and
// lecture requests to a platform whose periods lock 10 days after they
// end, at testNow (1 January 2026: October 2025 locked on 10 November,
// November locks on 10 January), and checks how each is stored: the
// register with the day of receipt as its period and the instructor
// pseudonymised, neither in clear nor masked; a lecture request with the
// month of its latest change, refused only when that month is locked.
// Then that a township's token registers people within its subtree only.
func TestRegisterAndRequestsTaken(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t), func(c *config) { c.LockDays = 10 })
		id := citizenID("37150219850101012")
		cid, err := healthedu.ParseCitizenID(id)
		if err != nil {
			t.Fatal(err)
		}
		instructor := `{"schemaVersion":"1","kind":"instructor","id":"GL-HI-01","name":"李梅","level":"township","division":"371502001",` +
			`"institution":{"name":"古楼街道社区卫生服务中心"},"roles":["health-instructor"],"citizenId":"` + id + `"}`
		expert := `{"schemaVersion":"1","kind":"expert","id":"GL-EX-01","name":"张海燕","division":"371502001",` +
			`"institution":{"name":"古楼街道社区卫生服务中心"},"specialties":["hypertension"],"teams":["GL-TEAM-01"]}`
		team := `{"schemaVersion":"1","kind":"lectureTeam","id":"GL-TEAM-01","name":"古楼宣讲队","division":"371502001","level":"township",` +
			`"experts":["GL-EX-01"],"leader":"GL-EX-01"}`
		request := func(id, status, last string) string {
			extra := ""
			switch status {
			case "held":
				extra = `"schedule":{"expert":"GL-EX-01","activity":"GL-A-1","date":"2025-12-05"},"held":{"activity":"GL-A-1","date":"2025-12-05"},`
			case "scheduled":
				extra = `"schedule":{"expert":"GL-EX-01","activity":"GL-A-1","date":"2025-11-05"},`
			}
			actor := `"actor":{"division":"371502001","role":"township-health-centre","id":"gl-zhang"}`
			return `{"schemaVersion":"1","kind":"lectureRequest","id":"` + id + `","division":"371502001",` +
				`"requester":{"type":"community","name":"古楼街道东关社区居委会"},"topics":["hypertension"],` +
				`"requestedAt":"2025-10-30T09:15:00+08:00","status":"` + status + `",` + extra +
				`"history":[{"at":"2025-10-30T09:15:00+08:00","status":"requested",` + actor + `},` +
				`{"at":"2025-10-31T10:00:00+08:00","status":"scheduled",` + actor + `}` + last + `]}`
		}
		held := request("REQ-1", "held", `,{"at":"2025-12-05T18:00:00+08:00","status":"held","actor":{"division":"371502001","role":"township-health-centre","id":"gl-zhang"}}`)
		octoberOnly := request("REQ-2", "scheduled", "")

		line := func(s string) []byte { return []byte(s + "\n") }
		sm := h.submit(tokenGulou, ndjson(line(instructor), line(expert), line(team), line(held), line(octoberOnly))).summary(t)
		if sm.Imported != 4 || sm.Rejected != 1 || len(sm.Issues) != 1 || sm.Issues[0].RecordID != "REQ-2" || sm.Issues[0].Code != codePeriodLocked {
			t.Fatalf("summary %+v %+v, want all but REQ-2 imported, it refused as locked", countsOf(sm), sm.Issues)
		}

		type row struct{ Kind, ID, Period, Pseudonym string }
		var got []row
		for _, r := range h.stored() {
			got = append(got, row{string(r.Kind), r.ID, r.Period.String(), r.Pseudonym})
			if r.Kind != "instructor" {
				continue
			}
			body := string(r.Body)
			for _, s := range []string{id, cid.Masked(), `"citizenId"`} {
				if strings.Contains(body, s) {
					t.Errorf("stored instructor holds %q: %s", s, body)
				}
			}
			if want := `"pseudonym":"` + cid.Pseudonym(testKey).String() + `"`; !strings.Contains(body, want) {
				t.Errorf("stored instructor %s, want %s in it", body, want)
			}
		}
		want := []row{
			{"expert", "GL-EX-01", "20260101", ""},
			{"instructor", "GL-HI-01", "20260101", cid.Pseudonym(testKey).String()},
			{"lectureRequest", "REQ-1", "202512", ""},
			{"lectureTeam", "GL-TEAM-01", "20260101", ""},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("stored rows (-want +got):\n%s", diff)
		}

		// Stored pseudonymised, the instructor decodes again for the figures.
		set, err := loadRecords(t.Context(), h.store, healthedu.DivisionCode{}, func(table, reason string, _ ...any) {
			t.Errorf("stored row skipped: %s %s", table, reason)
		})
		if err != nil || len(set.records) != 4 {
			t.Fatalf("%d records decoded, %v", len(set.records), err)
		}

		// Months later, with every period before locked, the register is
		// resubmitted changed: no lock refuses it.
		h.clock.Set(at(2026, 6, 1, 9))
		changed := strings.Replace(expert, `"张海燕"`, `"张海艳"`, 1)
		if sm := h.submit(tokenGulou, []byte(changed)).summary(t); sm.Updated != 1 {
			t.Errorf("the register resubmitted after its day locked: %+v %+v", countsOf(sm), sm.Issues)
		}

		// A township's token registers people within its subtree only.
		county := strings.Replace(expert, `"division":"371502001"`, `"division":"371502"`, 1)
		if ans := h.submit(tokenGulou, []byte(county)); ans.status != http.StatusForbidden {
			t.Errorf("an expert of the county by the township's token: %d %s", ans.status, ans.body)
		}
		if sm := h.submit(tokenCity, []byte(county)).summary(t); sm.Imported != 1 {
			t.Errorf("an expert of the county by the city's token: %+v %+v", countsOf(sm), sm.Issues)
		}
	})
}
