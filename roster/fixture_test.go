package roster_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

func div(s string) healthedu.DivisionCode  { return healthedu.MustParseDivisionCode(s) }
func date(s string) healthedu.Date         { d, _ := healthedu.ParseDate(s); return d }
func at(s string) time.Time                { t, _ := time.Parse(time.RFC3339, s); return t }
func citizen(s string) healthedu.CitizenID { id, _ := healthedu.ParseCitizenID(s); return id }

// decode reads records of this package's kinds and healthedu's from JSON
// lines, and fails the test on any issue.
func decode(t testing.TB, lines ...string) []healthedu.Record {
	t.Helper()
	dec := healthedu.NewDecoder(strings.NewReader(strings.Join(lines, "\n")),
		healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), roster.Kinds()...)})
	var out []healthedu.Record
	for dec.Next() {
		d := dec.Decoded()
		if len(d.Issues) > 0 {
			t.Fatalf("record %d: %v", len(out), d.Issues)
		}
		out = append(out, d.Record)
	}
	if err := dec.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The fixture: 黔西南's instructors at the four levels (州/县/乡/村) and
// 聊城's experts and a lecture team.
const (
	instPrefecture = `{"schemaVersion":"1","kind":"instructor","id":"QXN-PA-0007","name":"王建国","level":"city","division":"5223","institution":{"name":"黔西南州疾病预防控制中心"},"roles":["project-administrator","health-instructor"]}`
	instCounty     = `{"schemaVersion":"1","kind":"instructor","id":"QXN-HI-0101","name":"陈红","level":"county","division":"522301","institution":{"name":"兴义市疾病预防控制中心"},"roles":["health-instructor"]}`
	instTownship   = `{"schemaVersion":"1","kind":"instructor","id":"QXN-HI-0412","name":"李梅","level":"township","division":"522301001","institution":{"creditCode":"12522301MB0000020G","name":"兴义市黄草街道社区卫生服务中心"},"roles":["health-instructor"],"trainedOn":"2025-03-12","assessedOn":"2025-04-02","citizenId":"522301198501010120"}`
	instVillage    = `{"schemaVersion":"1","kind":"instructor","id":"QXN-FHI-0086","name":"杨帆","level":"village","division":"522301001001","institution":{"name":"黄草街道某村卫生室"},"roles":["family-health-instructor"]}`
	expert1        = `{"schemaVersion":"1","kind":"expert","id":"LC-EX-0896","name":"张海燕","division":"3715","institution":{"creditCode":"12371500MB00000308","name":"聊城市人民医院"},"title":"主任医师","specialties":["hypertension","nutrition"],"pools":[{"id":"LC-JPXJT","name":"金牌宣讲团"}],"teams":["LC-TEAM-0440"]}`
	expert2        = `{"schemaVersion":"1","kind":"expert","id":"LC-EX-0017","name":"刘强","division":"371502","institution":{"name":"东昌府区疾病预防控制中心"},"specialties":["hypertension","first-aid"],"teams":["LC-TEAM-0440"]}`
	team1          = `{"schemaVersion":"1","kind":"lectureTeam","id":"LC-TEAM-0440","name":"白衣风采宣讲队","division":"371502","level":"county","experts":["LC-EX-0896","LC-EX-0017"],"leader":"LC-EX-0896"}`
)

func fixtureRegister(t testing.TB) *roster.Register {
	t.Helper()
	return roster.NewRegister(decode(t, instPrefecture, instCounty, instTownship, instVillage, expert1, expert2, team1))
}
