package synth_test

import (
	"fmt"
	"strings"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/examples/internal/synth"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// Generate a month of 古楼街道 371502001 and check every record with the
// validator, as a platform would on receiving them: first the township's
// register of people (its instructors, its lecture team, and those of its
// villages, counted), then the month's records.
func ExampleGenerate() {
	opts := synth.Options{
		Under:  healthedu.MustParseDivisionCode("371502001"),
		Months: 1,
		End:    healthedu.MustParsePeriod("202510"),
		Seed:   1,
	}
	v := &healthedu.Validator{Now: opts.End.End().AddDate(0, 1, 0)}
	villageInstructors, villageIssues := 0, 0
	err := synth.Generate(opts, func(r healthedu.Record) error {
		if in, ok := r.(*roster.Instructor); ok && in.Level == roster.LevelVillage {
			villageInstructors++
			villageIssues += len(v.Validate(r))
			return nil
		}
		fmt.Printf("%-26s issues: %d", r.RecordHeader().ID, len(v.Validate(r)))
		switch r := r.(type) {
		case *healthedu.Activity:
			fmt.Printf("  %s, %d participants", r.Form, r.Participants)
			switch {
			case r.Material != nil:
				fmt.Printf(", material %s", r.Material.ID)
			case r.Board != nil:
				fmt.Printf(", board %s", r.Board.ID)
			}
			fmt.Println()
		case *healthedu.Binding:
			fmt.Printf("  to a %s via %s\n", r.Instructor.Role, r.Via)
		case *roster.Instructor:
			fmt.Printf("  %s %s\n", r.Level, r.Roles[0])
		case *roster.LectureTeam:
			fmt.Printf("  %d experts, %d instructors\n", len(r.Experts), len(r.Instructors))
		case *booking.LectureRequest:
			fmt.Printf("  %s\n", r.Status)
		case *healthedu.MonthlyReport:
			fmt.Printf("  submitted %s\n", r.SubmittedAt.Format("2006-01-02"))
			for _, dv := range r.Values[:5] {
				fmt.Printf("    %s = %s\n", dv.Element, dv.Value)
			}
		default:
			fmt.Println()
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%d instructors of its villages, issues: %d\n", villageInstructors, villageIssues)
	// Output:
	// HI37150200101              issues: 0  township family-doctor
	// HI37150200102              issues: 0  township family-doctor
	// HI37150200103              issues: 0  township health-instructor
	// HI37150200104              issues: 0  township health-instructor
	// HI37150200105              issues: 0  township health-instructor
	// HI37150200106              issues: 0  township health-instructor
	// LT371502001-01             issues: 0  2 experts, 2 instructors
	// act-371502001-202510-01    issues: 0  lecture, 78 participants
	// act-371502001-202510-02    issues: 0  free-clinic, 296 participants
	// act-371502001-202510-03    issues: 0  free-clinic, 224 participants
	// act-371502001-202510-c01   issues: 0  printed-materials, 61 participants, material YS-02
	// act-371502001-202510-c02   issues: 0  bulletin-board, 0 participants, board 门诊楼东侧宣传栏
	// act-371502001-202510-c03   issues: 0  bulletin-board, 0 participants, board 院内健康教育长廊
	// act-371502001-202510-c04   issues: 0  consultation, 104 participants
	// act-371502001-202510-v01   issues: 0  printed-materials, 28 participants, material YS-02
	// act-371502001-202510-v02   issues: 0  bulletin-board, 0 participants, board 服务站门前宣传栏
	// bind-371502001-202510-01   issues: 0  to a family-health-instructor via binding-code
	// bind-371502001-202510-02   issues: 0  to a health-instructor via binding-code
	// bind-371502001-202510-03   issues: 0  to a health-instructor via binding-code
	// mr-371502001-202510        issues: 0  submitted 2025-11-06
	//     population = 47433
	//     population-65plus = 8493
	//     children-0-6 = 3774
	//     children-0-6-managed = 3630
	//     children-0-6-management-rate = 96.18
	// 30 instructors of its villages, issues: 0
}

// Write a county's three months as NDJSON, ready to submit, and read them
// back with the strict decoder: the exchange records, the county's register
// of people (花名册) and its lecture requests (点餐).
func ExampleWriteNDJSON() {
	var b strings.Builder
	opts := synth.Options{Under: healthedu.MustParseDivisionCode("371502"), Months: 3, Seed: 1}
	if err := synth.WriteNDJSON(&b, opts); err != nil {
		fmt.Println(err)
		return
	}
	kinds := make(map[healthedu.Kind]int)
	issues := 0
	kindsRead := append(healthedu.ExchangeKinds(), append(roster.Kinds(), booking.Kinds()...)...)
	dec := healthedu.NewDecoder(strings.NewReader(b.String()), healthedu.DecodeOptions{Kinds: kindsRead})
	for dec.Next() {
		kinds[dec.Decoded().Kind]++
		issues += len(dec.Decoded().Issues)
	}
	for _, k := range []healthedu.Kind{"activity", "binding", "healthCell", "literacySurvey", "monthlyReport", "instructor", "expert", "lectureTeam", "lectureRequest"} {
		fmt.Printf("%-14s %d\n", k, kinds[k])
	}
	fmt.Println("issues", issues)
	// Output:
	// activity       561
	// binding        179
	// healthCell     6
	// literacySurvey 115
	// monthlyReport  69
	// instructor     878
	// expert         164
	// lectureTeam    51
	// lectureRequest 23
	// issues 0
}
