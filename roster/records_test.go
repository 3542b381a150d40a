package roster_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// issueCodes returns "code path" of each issue.
func issueCodes(issues []healthedu.Issue) []string {
	var out []string
	for _, iss := range issues {
		out = append(out, iss.Code+" "+iss.Path)
	}
	return out
}

func TestCheck(t *testing.T) {
	v := &healthedu.Validator{Now: time.Date(2025, 11, 15, 12, 0, 0, 0, healthedu.ChinaStandardTime)}
	inst := func(edit func(*roster.Instructor)) healthedu.Record {
		in := decode(t, instTownship)[0].(*roster.Instructor)
		edit(in)
		return in
	}
	exp := func(edit func(*roster.Expert)) healthedu.Record {
		e := decode(t, expert1)[0].(*roster.Expert)
		edit(e)
		return e
	}
	team := func(edit func(*roster.LectureTeam)) healthedu.Record {
		lt := decode(t, team1)[0].(*roster.LectureTeam)
		edit(lt)
		return lt
	}
	tests := []struct {
		name string
		rec  healthedu.Record
		want []string
	}{
		{"instructor valid", inst(func(*roster.Instructor) {}), nil},
		{"every fixture record valid", decode(t, instPrefecture)[0], nil},
		{"level of another division", inst(func(in *roster.Instructor) { in.Level = roster.LevelVillage }),
			[]string{"roster.levelMismatch /level"}},
		{"division unknown", inst(func(in *roster.Instructor) { in.Division = div("522399001") }),
			[]string{"division.unknown /division"}},
		{"assessed before trained", inst(func(in *roster.Instructor) { in.AssessedOn = date("2025-03-11") }),
			[]string{"roster.assessedBeforeTrained /assessedOn"}},
		{"trained in the future", inst(func(in *roster.Instructor) { in.TrainedOn, in.AssessedOn = date("2025-11-16"), healthedu.Date{} }),
			[]string{"time.future /trainedOn"}},
		{"born after training", inst(func(in *roster.Instructor) {
			in.CitizenID, _ = healthedu.CitizenIDFrom("522301", date("2025-04-01"), 12)
		}),
			[]string{"citizenId.bornAfter /citizenId"}},
		{"citizen ID with pseudonym", inst(func(in *roster.Instructor) { in.Pseudonym = healthedu.Pseudonym{1} }),
			[]string{"roster.citizenIdWithPseudonym /pseudonym"}},
		{"id a citizen ID", inst(func(in *roster.Instructor) { in.ID = "52230119850101012X" }),
			[]string{"roster.citizenId /id"}},
		{"institution names a citizen ID", inst(func(in *roster.Instructor) { in.Institution.Name = "522301198501010120的诊所" }),
			[]string{"roster.citizenId /institution/name"}},
		{"expert valid", exp(func(*roster.Expert) {}), nil},
		{"pool twice", exp(func(e *roster.Expert) { e.Pools = append(e.Pools, roster.Pool{ID: "LC-JPXJT"}) }),
			[]string{"roster.duplicatePool /pools/1/id"}},
		{"title holds a citizen ID", exp(func(e *roster.Expert) { e.Title = "522301198501010120" }),
			[]string{"roster.citizenId /title"}},
		{"team valid", team(func(*roster.LectureTeam) {}), nil},
		{"team empty", team(func(lt *roster.LectureTeam) { lt.Experts, lt.Leader = nil, "" }),
			[]string{"roster.teamEmpty "}},
		{"leader not a member", team(func(lt *roster.LectureTeam) { lt.Leader = "LC-EX-0001" }),
			[]string{"roster.leaderNotMember /leader"}},
		{"team level", team(func(lt *roster.LectureTeam) { lt.Level = roster.LevelCity }),
			[]string{"roster.levelMismatch /level"}},
		{"member a citizen ID", team(func(lt *roster.LectureTeam) { lt.Instructors = []string{"371502197806150216"} }),
			[]string{"roster.citizenId /instructors/0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, issueCodes(v.Validate(tt.rec))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPseudonymise: the clear number never reaches JSON output, before or
// after Pseudonymise, and the pseudonym is the keyed one.
func TestPseudonymise(t *testing.T) {
	const clear = "522301198501010120"
	in := decode(t, instTownship)[0].(*roster.Instructor)
	before, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(before, []byte(clear)) {
		t.Errorf("before Pseudonymise: %s holds the number in clear", before)
	}
	if err := in.Pseudonymise([]byte("short")); err == nil || in.CitizenID.Unmasked() != clear {
		t.Errorf("Pseudonymise with a short key: %v, and the number is %q", err, in.CitizenID.Masked())
	}
	key := bytes.Repeat([]byte{7}, roster.MinKeyLen)
	if err := in.Pseudonymise(key); err != nil {
		t.Fatal(err)
	}
	after, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := citizen(clear).Pseudonym(key)
	if in.Pseudonym != want || in.CitizenID.IsValid() {
		t.Errorf("Pseudonymise: pseudonym %v, number %v; want %v and none", in.Pseudonym, in.CitizenID, want)
	}
	for _, s := range []string{clear, "5223**********0120", `"citizenId"`} {
		if bytes.Contains(after, []byte(s)) {
			t.Errorf("after Pseudonymise: %s holds %s", after, s)
		}
	}
	if !bytes.Contains(after, []byte(`"pseudonym":"`+want.String()+`"`)) {
		t.Errorf("after Pseudonymise: %s lacks the pseudonym", after)
	}
	// What is stored decodes again and validates.
	again, err := json.Marshal(decode(t, string(after))[0])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(after), string(again)); diff != "" {
		t.Errorf("stored and decoded again (-stored +decoded):\n%s", diff)
	}
}

func TestLevel(t *testing.T) {
	var got []string
	for _, v := range roster.Level("").EnumValues() {
		l := roster.Level(v)
		got = append(got, v+" "+l.DivisionLevel().String()+" "+string(roster.LevelOf(l.DivisionLevel()))+" "+l.Label(healthedu.ZhHans))
	}
	want := []string{
		"province province province 省级",
		"city city city 市（州）级",
		"county county county 县（区）级",
		"township township township 乡（镇、街道）级",
		"village village village 村（社区）级",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var l roster.Level
	if err := l.UnmarshalText([]byte("prefecture")); err == nil || l != "" || !strings.Contains(err.Error(), "prefecture") {
		t.Errorf("UnmarshalText(prefecture) = %q, %v", l, err)
	}
}
