package dashboard

import (
	"fmt"
	"slices"
	"time"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/compliance"
	"github.com/jiceng/jiceng/examples/internal/reports"
	"github.com/jiceng/jiceng/healthedu"
)

// fakeComplianceNow is the instant the fake judges compliance at: a week
// into November 2025, ten months over.
var fakeComplianceNow = time.Date(2025, 11, 7, 12, 0, 0, 0, healthedu.ChinaStandardTime)

// fakeCompliance returns the fake's compliance of under for year, in
// language lang: three institutions named after under, judged by package
// compliance over activities drawn from a hash of under, the year and
// salt — a centre that misses some months' lectures, a village clinic
// that hands out too few kinds of printed materials, and one that meets
// the norm.
func fakeCompliance(under healthedu.DivisionCode, year healthedu.Period, lang int, salt string) *reports.Compliance {
	div := reports.NewDivision(under, fakeRegistry)
	name := div.Name
	h := fakeHash(under.String(), year.String(), salt)
	org := func(code, suffix string, typ healthedu.OrganizerType) healthedu.Organizer {
		c, err := healthedu.ParseCreditCode(code)
		if err != nil {
			panic(err)
		}
		return healthedu.Organizer{CreditCode: c, Name: name + suffix, Type: typ}
	}
	centre := org("12371502MB2854366G", "卫生院", "township-health-center")
	short := org("52371502MJ3916022H", "前王村卫生室", "village-clinic")
	good := org("12371502MB2854374B", "后李村卫生室", "village-clinic")
	var acts []*healthedu.Activity
	add := func(o healthedu.Organizer, form healthedu.ActivityForm, m time.Month, day int, edit func(*healthedu.Activity)) {
		start := time.Date(year.Year(), m, day, 9, 0, 0, 0, healthedu.ChinaStandardTime)
		a := &healthedu.Activity{Organizer: o, Form: form, Start: start, End: start.Add(time.Hour)}
		a.ID = fmt.Sprintf("%s-%d", o.CreditCode, len(acts))
		if edit != nil {
			edit(a)
		}
		acts = append(acts, a)
	}
	material := func(id string) func(*healthedu.Activity) {
		return func(a *healthedu.Activity) { a.Material = &healthedu.Material{ID: id} }
	}
	board := func(id string) func(*healthedu.Activity) {
		return func(a *healthedu.Activity) { a.Board = &healthedu.Board{ID: id, AreaDm2: 240} }
	}
	for _, o := range []healthedu.Organizer{centre, short, good} {
		for m := time.January; m <= time.December; m++ {
			kind := int(m)
			if o == short {
				kind = int(m)%(3+int(h%3)) + 1
			}
			add(o, healthedu.FormPrintedMaterials, m, 3, material(fmt.Sprintf("YS-%02d", kind)))
			add(o, healthedu.FormAudioVisual, m, 4, material(fmt.Sprintf("YX-%02d", (int(m)+1)/2)))
			add(o, healthedu.FormBulletinBoard, m, 5, board("B1"))
			if o == centre {
				add(o, healthedu.FormBulletinBoard, m, 5, board("B2"))
				add(o, healthedu.FormConsultation, m, 6, nil)
				if int(m)%(4+int(h%4)) != 0 {
					add(o, healthedu.FormLecture, m, 7, nil)
				}
			} else if m%2 == 1 {
				add(o, healthedu.FormLecture, m, 7, nil)
			}
		}
	}
	opts := compliance.Options{Year: year, Now: fakeComplianceNow, Norms: compliance.DefaultNorms()}
	results, err := compliance.Check(slices.Values(acts), opts)
	if err != nil {
		panic(err)
	}
	doc := reports.NewCompliance(results, opts, &div, fakeLangTags[lang])
	return &doc
}

// fakeLangTags are the languages of fakeLangIndex.
var fakeLangTags = [3]language.Tag{healthedu.ZhHans, healthedu.ZhHant, healthedu.English}

// fakeManyInstitutions makes doc hold n institutions, copies of its own in
// turn, serving in turn 古楼街道 (聊城市), 解放路街道 (济南市) and no division
// known, with the summary counted again.
func fakeManyInstitutions(doc *reports.Compliance, n int) {
	serves := []healthedu.DivisionCode{healthedu.MustParseDivisionCode("371502001"), healthedu.MustParseDivisionCode("370102001"), {}}
	own := doc.Institutions
	doc.Institutions = nil
	doc.Summary.Institutions, doc.Summary.Compliant, doc.Summary.NotCompliant = 0, 0, 0
	for i := range n {
		in := own[i%len(own)]
		in.Division = serves[i%len(serves)]
		doc.Institutions = append(doc.Institutions, in)
		doc.Summary.Institutions++
		if in.Compliant {
			doc.Summary.Compliant++
		} else {
			doc.Summary.NotCompliant++
		}
	}
}
