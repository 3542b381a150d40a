package compliance

import (
	"fmt"
	"testing"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// benchActivities returns n activities of 1,000 institutions (a third of
// them village clinics) over 2025, of the forms the norm counts, with
// 40 materials and 3 boards each.
func benchActivities(b *testing.B, n int) []*healthedu.Activity {
	b.Helper()
	const institutions = 1000
	orgs := make([]healthedu.Organizer, institutions)
	for i := range orgs {
		typ := healthedu.OrganizerType("township-health-center")
		if i%3 == 0 {
			typ = "village-clinic"
		}
		orgs[i] = healthedu.Organizer{
			CreditCode: testCode(b, fmt.Sprintf("1237150%010d", i)),
			Name:       fmt.Sprintf("机构%d", i),
			Type:       typ,
		}
	}
	forms := []healthedu.ActivityForm{
		healthedu.FormLecture, healthedu.FormConsultation, healthedu.FormPrintedMaterials,
		healthedu.FormAudioVisual, healthedu.FormBulletinBoard, healthedu.FormFreeClinic,
	}
	materials := make([]*healthedu.Material, 40)
	for i := range materials {
		materials[i] = &healthedu.Material{ID: fmt.Sprintf("M%02d", i)}
	}
	boards := []*healthedu.Board{{ID: "B1", AreaDm2: 240}, {ID: "B2"}, {ID: "B3", AreaDm2: 150}}
	start := time.Date(2025, 1, 1, 8, 0, 0, 0, healthedu.ChinaStandardTime)
	out := make([]*healthedu.Activity, n)
	for i := range out {
		at := start.Add(time.Duration(i%(364*24)) * time.Hour)
		a := &healthedu.Activity{Organizer: orgs[(i*7919)%institutions], Form: forms[i%len(forms)], Start: at, End: at.Add(time.Hour)}
		a.ID = fmt.Sprintf("A-%06d", i)
		switch a.Form {
		case healthedu.FormPrintedMaterials, healthedu.FormAudioVisual:
			a.Material = materials[(i/7)%len(materials)]
		case healthedu.FormBulletinBoard:
			a.Board = boards[(i/11)%len(boards)]
		}
		out[i] = a
	}
	return out
}

// BenchmarkCheck adds 100,000 activities of 1,000 institutions and judges
// them as of 1 November 2025.
func BenchmarkCheck(b *testing.B) {
	const n = 100_000
	acts := benchActivities(b, n)
	now := time.Date(2025, 11, 1, 0, 0, 0, 0, healthedu.ChinaStandardTime)
	b.ReportAllocs()
	for b.Loop() {
		c, err := NewChecker(Options{Year: healthedu.YearPeriod(2025), Now: now})
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range acts {
			c.Add(a)
		}
		if got := c.Results(); len(got) != 1000 {
			b.Fatalf("%d institutions", len(got))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
