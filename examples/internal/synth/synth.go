// Package synth generates a realistic synthetic province (合成数据): the
// monthly reports, health education activities, mini-program bindings,
// health literacy surveys and health cell namings that the grassroots of
// a division would submit, month after month, to a provincial platform.
//
// The figures follow the source documents (see DOMAIN.md): for 聊城 3715
// over twelve months, about 3,210 lectures, free clinics, first-aid
// trainings and home visits reaching about 3.29 million person-times;
// hypertension and diabetes managed to the norm around 89.3%; children
// aged 0–6 under health management around 96.4%; 3.8 family doctors per
// 10,000 residents; health literacy around 31.87%; and a few monthly
// reports late or missing. Besides, each township's health centre and its
// village clinic (or community health station) hand out printed materials,
// play audio-visual ones, change their bulletin boards and hold what
// else the national service norm asks of them (see package compliance):
// most keep to it, a few do not. Divisions and their names come from the
// division registry; people, institutions, citizen ID numbers and credit
// codes are invented, with valid check characters.
//
// The output is deterministic: the same Options give the same records in
// the same order. Each township's records for a month are drawn from a
// random stream of their own, keyed by the seed, the township and the
// month, so the records of a township are the same whether it is generated
// alone or within its county or city.
package synth

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// The defaults of Options.
var (
	// DefaultUnder is the division generated when Options.Under is zero:
	// 聊城市 3715.
	DefaultUnder = healthedu.MustParseDivisionCode("3715")
	// DefaultEnd is the last month generated when Options.End is zero:
	// October 2025 (202510).
	DefaultEnd = healthedu.MustParsePeriod("202510")
)

// DefaultMonths is the number of months generated when Options.Months is
// zero: a year.
const DefaultMonths = 12

// Options says what to generate (生成选项). The zero Options generates
// 聊城 3715 for the twelve months ending in October 2025 with seed 0.
type Options struct {
	// Under is the division whose townships are generated (生成范围): a
	// province, a city, a county or a single township of the registry.
	// The zero DivisionCode means DefaultUnder.
	Under healthedu.DivisionCode
	// Months is the number of months generated (月数), ending with End; 0
	// means DefaultMonths.
	Months int
	// End is the last month generated (截止月份); the zero Period means
	// DefaultEnd. Records are dated within the months, and monthly reports
	// are submitted in the month after theirs, so a validator whose clock
	// is at the end of the month after End accepts every record.
	End healthedu.Period
	// Seed selects the random draw (随机种子): the same seed gives the same
	// records.
	Seed int64
	// Registry is the division table the townships come from (区划代码表);
	// nil means healthedu.DefaultRegistry.
	Registry *healthedu.Registry
}

// maxMonths bounds Options.Months: ten years.
const maxMonths = 120

// Generate generates the records of opts and passes each to emit as soon as
// it is made (生成合成数据), in a fixed order: first the register of people
// within Options.Under (花名册: see roster.go) — the instructors of each
// city, county, township and village, each county's experts and lecture
// teams, one team in each township —, then month by month, and within a
// month county by county and township by township. It stops at the first
// error emit returns and returns it. For each township and month it
// generates
//
//   - a monthly report (月报) with every element of the default catalogue,
//     submitted in the following month: on time by the 10th, except about
//     4% submitted later and about 4% never submitted;
//   - about two health education activities (健康教育活动): one lecture a
//     month as the national norm asks of a health centre, free clinics
//     (counted in the report as public consultations), now and then a
//     first-aid training or a home visit with a resident's citizen ID;
//   - what the national service norm asks of the centre and of the
//     township's village clinic or community health station (服务规范):
//     each a printed material a month, a new kind each month of the year;
//     an audio-visual material every other month; a change of each of its
//     bulletin boards (two at the centre, one at the station) every two
//     months, in the months an even number of months before End; the
//     centre a public consultation event a month, counted in its report,
//     the station a lecture every other month. One institution in twelve
//     hands out only five kinds of printed materials, one station in eight
//     has not changed its board in the last five months generated, and the
//     centres that miss a lecture miss the norm's too;
//   - one to four mini-program bindings (小程序绑定), made through the
//     binding code of an instructor of the register: the township's, one
//     of its villages' or, now and then, the county's or the city's;
//   - the lecture requests of its residents (点餐宣讲): three in four of
//     the lectures given by an expert of the register (the speaker names
//     the expert) were requested and are held, and a few requests are
//     declined, withdrawn or still open;
//   - now and then the naming of a health cell (健康细胞);
//
// and for each county a monthly online lecture of its expert team with a
// large audience, and in August, September and October about twenty
// health literacy survey questionnaires (健康素养监测) at each of two
// monitoring points.
//
// Generate returns an error, without emitting anything, when opts is
// invalid: a negative Months or more than ten years, an End that is not a
// month, an Under that is not in the registry or has no townships.
func Generate(opts Options, emit func(healthedu.Record) error) error {
	g, err := newGenerator(opts)
	if err != nil {
		return err
	}
	g.emit = emit
	return g.run()
}

// WriteNDJSON writes the records of opts to w as NDJSON (one JSON record a
// line), in the order of Generate, as a grassroots system would submit
// them: citizen ID numbers are written in clear, since the receiving
// platform must read them to check and pseudonymise them. They are
// invented numbers, but valid ones: treat the output as personal data all
// the same.
func WriteNDJSON(w io.Writer, opts Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := Generate(opts, func(r healthedu.Record) error {
		return enc.Encode(wireForm(r))
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// wireResident and wireBoundResident are the resident of an activity and of
// a binding with the citizen ID in clear, as submitted: the healthedu types
// marshal it masked.
type (
	wireResident struct {
		CitizenID string            `json:"citizenId"`
		Consent   healthedu.Consent `json:"consent"`
	}
	wireBoundResident struct {
		CitizenID string             `json:"citizenId"`
		Consent   *healthedu.Consent `json:"consent,omitempty"`
	}
	// wireActivity's Resident shadows the embedded Activity's.
	wireActivity struct {
		*healthedu.Activity
		Resident *wireResident `json:"resident,omitempty"`
	}
	// wireBinding's Resident shadows the embedded Binding's.
	wireBinding struct {
		*healthedu.Binding
		Resident wireBoundResident `json:"resident"`
	}
	// wireInstructor's CitizenID shadows the embedded Instructor's.
	wireInstructor struct {
		*roster.Instructor
		CitizenID string `json:"citizenId"`
	}
)

// wireForm returns what to marshal for r: r itself, or a view of it with
// the citizen ID in clear.
func wireForm(r healthedu.Record) any {
	switch r := r.(type) {
	case *healthedu.Activity:
		if r.Resident == nil {
			return r
		}
		return wireActivity{r, &wireResident{r.Resident.CitizenID.Unmasked(), r.Resident.Consent}}
	case *healthedu.Binding:
		return wireBinding{r, wireBoundResident{r.Resident.CitizenID.Unmasked(), r.Resident.Consent}}
	case *roster.Instructor:
		if r.CitizenID.IsValid() {
			return wireInstructor{r, r.CitizenID.Unmasked()}
		}
	}
	return r
}

// generator holds what Generate works with.
type generator struct {
	seed   uint64
	reg    *healthedu.Registry
	first  healthedu.Period // the first month
	end    healthedu.Period // the last month
	groups []*group
	app    string // the mini-program: 健康聊城
	emit   func(healthedu.Record) error
	under  healthedu.DivisionCode                 // Options.Under
	cities map[healthedu.DivisionCode]*cityRoster // the cities of the groups, with their instructors
}

// A group is a county, or the division that stands for one where
// townships lie directly under a city (东莞): the level of the CDC, the
// hospital and the expert team.
type group struct {
	code      healthedu.DivisionCode
	name      string
	area      string // six-digit area code for citizen IDs and credit codes
	inside    bool   // within Options.Under: its own activities are generated
	pop       int64  // residents of its townships
	cdc       healthedu.Organizer
	hospital  healthedu.Organizer
	redCross  healthedu.Organizer
	admin     healthedu.Instructor // the county's project administrator
	townships []*township
	roster    rosterOf // its register of people (see roster.go)
}

// A township is a township, town or sub-district (乡镇街道) with its health
// centre and what stays the same from month to month.
type township struct {
	code        healthedu.DivisionCode
	name        string
	short       string // the name without 街道, 镇 or 乡
	group       *group
	urban       bool // a sub-district (街道) or a unit like one
	monitoring  bool // a health literacy monitoring point
	centre      healthedu.Organizer
	instructors []healthedu.Instructor
	profile

	station                 station     // its village clinic or community health station
	villages                []village   // its villages or communities, with their instructors
	centreNorm, stationNorm normProfile // how the centre and the station keep to the norm
}

// profile is a township's standing figures.
type profile struct {
	pop                               int64
	share65, share06                  float64 // of the population
	childRate                         float64 // percent of children 0–6 managed
	htnShare, htnStd, htnCtrl         float64 // hypertension: of the population, percent to the norm, controlled share
	dmShare, dmStd, dmCtrl            float64 // diabetes, likewise
	elderlyRate                       float64 // of residents 65+, managed
	targetShare, boundBase            float64 // binding target of the population, bound share of it in January 2025
	doctorsPer10k, instructorsPer10k  float64
	recordsRate, usersRate, satisfied float64
	late, missing                     float64 // chances that a report is late, or missing
}

// newGenerator checks opts and lays out the groups and townships.
func newGenerator(opts Options) (*generator, error) {
	g := &generator{seed: uint64(opts.Seed), reg: opts.Registry}
	if g.reg == nil {
		g.reg = healthedu.DefaultRegistry()
	}
	under := opts.Under
	if !under.IsValid() {
		under = DefaultUnder
	}
	months := opts.Months
	switch {
	case months == 0:
		months = DefaultMonths
	case months < 0 || months > maxMonths:
		return nil, fmt.Errorf("synth: Months is %d, want 1 to %d", months, maxMonths)
	}
	g.end = opts.End
	if !g.end.IsValid() {
		g.end = DefaultEnd
	}
	if g.end.Type() != healthedu.PeriodMonth {
		return nil, fmt.Errorf("synth: End is %s, want a month such as 202510", g.end)
	}
	g.first = g.end.Add(1 - months)
	if !g.first.IsValid() {
		return nil, fmt.Errorf("synth: %d months ending %s start before 1900", months, g.end)
	}
	if !g.reg.Contains(under) {
		return nil, fmt.Errorf("synth: division %s is not in the registry", under.Short())
	}
	if under.Level() == healthedu.LevelVillage {
		return nil, fmt.Errorf("synth: division %s is a village, want a township or above", under.Short())
	}
	if err := g.layOut(under); err != nil {
		return nil, err
	}
	g.under = under
	if err := g.setUpCities(); err != nil {
		return nil, err
	}
	if len(g.groups) == 0 {
		return nil, fmt.Errorf("synth: the registry holds no township under %s", under.Short())
	}
	g.app = "健康" + stem(g.shortName(under.Truncate(healthedu.LevelCity)))
	return g, nil
}

// shortName returns the common name of code, or its official name.
func (g *generator) shortName(code healthedu.DivisionCode) string {
	d, _ := g.reg.Lookup(code)
	if d.ShortName != "" {
		return d.ShortName
	}
	return d.Name
}

// layOut finds the townships under under and their groups.
func (g *generator) layOut(under healthedu.DivisionCode) error {
	byCode := make(map[healthedu.DivisionCode]*group)
	add := func(parent, t healthedu.DivisionCode) {
		gr := byCode[parent]
		if gr == nil {
			gr = &group{code: parent, name: g.reg.Name(parent), area: parent.String()[:6], inside: under.Contains(parent)}
			byCode[parent] = gr
			g.groups = append(g.groups, gr)
		}
		gr.townships = append(gr.townships, &township{code: t, name: g.reg.Name(t), group: gr})
	}
	if under.Level() == healthedu.LevelTownship {
		parent, _ := under.Parent()
		if !g.reg.Contains(parent) {
			parent = under.Truncate(healthedu.LevelCity)
		}
		add(parent, under)
	} else {
		var walk func(healthedu.DivisionCode)
		walk = func(code healthedu.DivisionCode) {
			for _, c := range g.reg.Children(code) {
				if c.Level() == healthedu.LevelTownship {
					add(code, c)
				} else if c.Level() < healthedu.LevelTownship {
					walk(c)
				}
			}
		}
		walk(under)
	}
	for _, gr := range g.groups {
		if err := g.setUpGroup(gr); err != nil {
			return err
		}
		if err := g.setUpRoster(gr); err != nil {
			return err
		}
	}
	return nil
}

// setUpGroup draws the standing figures of a group and its townships.
func (g *generator) setUpGroup(gr *group) error {
	var err error
	mk := func(kind, name string, typ healthedu.OrganizerType, div healthedu.DivisionCode) healthedu.Organizer {
		c, e := newCreditCode(kind, gr.area, name)
		err = errors.Join(err, e)
		return healthedu.Organizer{CreditCode: c, Name: name, Type: typ, Division: div}
	}
	gr.cdc = mk("12", gr.name+"疾病预防控制中心", "cdc", gr.code)
	gr.hospital = mk("12", gr.name+"人民医院", "hospital", gr.code)
	gr.redCross = mk("13", gr.name+"红十字会", "other", gr.code)

	r := g.stream("group", gr.code, healthedu.Period{})
	gr.admin = healthedu.Instructor{
		ID:       "PA" + gr.code.Short() + "01",
		Name:     personName(r),
		Role:     "project-administrator",
		Division: gr.code,
	}
	for _, t := range gr.townships {
		g.setUpTownship(t)
		t.centre = mk("12", t.centreName(), t.centreType(), t.code)
		err = errors.Join(err, g.setUpNorm(t))
		gr.pop += t.pop
	}
	// Two monitoring points of health literacy, a town and a village one
	// where the county has both, drawn among all its townships so that
	// they do not depend on Options.Under.
	var urban, rural []healthedu.DivisionCode
	for _, c := range g.reg.Children(gr.code) {
		switch {
		case c.Level() != healthedu.LevelTownship:
		case isUrban(c):
			urban = append(urban, c)
		default:
			rural = append(rural, c)
		}
	}
	var points []healthedu.DivisionCode
	if len(urban) > 0 && len(rural) > 0 {
		points = append(points, pick(r, urban), pick(r, rural))
	} else {
		all := append(urban, rural...)
		for _, i := range r.Perm(len(all))[:min(2, len(all))] {
			points = append(points, all[i])
		}
	}
	for _, t := range gr.townships {
		t.monitoring = slices.Contains(points, t.code)
	}
	return err
}

// setUpTownship draws a township's standing figures.
func (g *generator) setUpTownship(t *township) {
	r := g.stream("township", t.code, healthedu.Period{})
	t.short = stem(t.name)
	t.urban = isUrban(t.code)
	p := &t.profile
	p.pop = townshipPop(r, t.code)
	p.share65 = uniform(r, 0.14, 0.20)
	p.share06 = uniform(r, 0.065, 0.085)
	p.childRate = clamp(96.4+1.0*r.NormFloat64(), 92, 99.5)
	p.htnShare = uniform(r, 0.065, 0.085)
	p.htnStd = clamp(89.3+2.5*r.NormFloat64(), 80, 98)
	p.htnCtrl = uniform(r, 0.65, 0.78)
	p.dmShare = uniform(r, 0.022, 0.030)
	p.dmStd = clamp(89.0+2.5*r.NormFloat64(), 80, 98)
	p.dmCtrl = uniform(r, 0.58, 0.70)
	p.elderlyRate = uniform(r, 0.66, 0.80)
	p.targetShare = uniform(r, 0.10, 0.14)
	p.boundBase = uniform(r, 0.55, 0.75)
	p.doctorsPer10k = uniform(r, 3.3, 4.3)
	p.instructorsPer10k = uniform(r, 15, 22)
	p.recordsRate = uniform(r, 0.86, 0.94)
	p.usersRate = uniform(r, 0.45, 0.65)
	p.satisfied = uniform(r, 0.84, 0.93)
	// One centre in eight struggles with its reports.
	if r.IntN(8) == 0 {
		p.late, p.missing = 0.15, 0.10
	} else {
		p.late, p.missing = 0.028, 0.033
	}
	for i := range 6 {
		role := healthedu.InstructorRole("health-instructor")
		if i < 2 {
			role = "family-doctor"
		}
		t.instructors = append(t.instructors, healthedu.Instructor{
			ID:       "HI" + t.code.Short() + fmt.Sprintf("%02d", i+1),
			Name:     personName(r),
			Role:     role,
			Division: t.code,
		})
	}
}

// townshipPop draws the population of township c from r, its stream
// (see setUpTownship): the first draw of the stream.
func townshipPop(r *rand.Rand, c healthedu.DivisionCode) int64 {
	var median float64
	switch kind := c.String()[6:9]; {
	case kind < "100":
		median = 45_000
	case kind < "200":
		median = 40_000
	case kind < "400":
		median = 26_500
	default:
		median = 12_000
	}
	return max(int64(median*math.Exp(0.3*r.NormFloat64())), 3_000)
}

// isUrban reports whether the township-level division c is a sub-district
// (街道) or a unit like a township (类似乡级单位), such as a development zone:
// statistical township codes 001–099 are sub-districts, 100–199 towns
// (镇), 200–399 townships (乡) and 400 on units like townships.
func isUrban(c healthedu.DivisionCode) bool {
	kind := c.String()[6:9]
	return kind < "100" || kind >= "400"
}

// centreName is the name of the township's health centre.
func (t *township) centreName() string {
	if t.urban {
		return t.name + "社区卫生服务中心"
	}
	return t.name + "卫生院"
}

// centreType is the kind of the township's health centre.
func (t *township) centreType() healthedu.OrganizerType {
	if t.urban {
		return "community-health-center"
	}
	return "township-health-center"
}

// stream returns the random stream for purpose, division code and period:
// a PCG seeded with the seed and a hash of the three.
func (g *generator) stream(purpose string, code healthedu.DivisionCode, p healthedu.Period) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	h.Write(code.AppendTo(nil))
	h.Write(p.AppendTo(nil))
	return rand.New(rand.NewPCG(g.seed, h.Sum64()))
}

// run generates month by month.
func (g *generator) run() error {
	if err := g.emitRoster(); err != nil {
		return err
	}
	for m := g.first; m.Compare(g.end) <= 0; m = m.Next() {
		for _, gr := range g.groups {
			if gr.inside {
				if err := g.emit(g.liveLecture(gr, m)); err != nil {
					return err
				}
			}
			for _, t := range gr.townships {
				if err := g.township(t, m); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// tally is what a township's activities of a month add to its report.
type tally struct {
	lectures, lectureParticipants           int64
	consultations, consultationParticipants int64
}

// township generates the records of township t for month m.
func (g *generator) township(t *township, m healthedu.Period) error {
	r := g.stream("month", t.code, m)
	// What the register adds to the records of the month: the experts
	// among the speakers, the instructors bound to through their codes.
	rs := g.stream("roster", t.code, m)
	var expertLectures []*healthedu.Activity
	var tl tally
	seq := 0
	next := func() string {
		seq++
		return fmt.Sprintf("act-%s-%s-%02d", t.code.Short(), m, seq)
	}

	// One lecture a month, as the norm asks; a few centres miss a month,
	// some hold two.
	lectures := 1
	switch x := r.IntN(100); {
	case x < 3:
		lectures = 0
	case x >= 88:
		lectures = 2
	}
	for range lectures {
		a := g.lecture(r, t, m, next())
		if len(g.nameExperts(rs, t.group, a)) > 0 {
			expertLectures = append(expertLectures, a)
		}
		tl.lectures++
		tl.lectureParticipants += a.Participants
		if err := g.emit(a); err != nil {
			return err
		}
	}
	for range poisson(r, 0.70) {
		a := g.freeClinic(r, t, m, next())
		tl.consultations++
		tl.consultationParticipants += a.Participants
		if err := g.emit(a); err != nil {
			return err
		}
	}
	// Consultation events on health days that the centre reports but does
	// not submit one by one.
	for range poisson(r, 0.12) {
		tl.consultations++
		tl.consultationParticipants += int64(50 + r.IntN(151))
	}
	for range poisson(r, 0.07) {
		if err := g.emit(g.firstAid(r, t, m, next())); err != nil {
			return err
		}
	}
	for range poisson(r, 0.05) {
		a, err := g.homeVisit(r, t, m, next())
		if err != nil {
			return err
		}
		if err := g.emit(a); err != nil {
			return err
		}
	}
	// What the norm asks of the centre and the station, from a stream of
	// its own; the centre's report counts its consultation events.
	norm, consultations, participants := g.normActivities(t, m)
	tl.consultations += consultations
	tl.consultationParticipants += participants
	for _, a := range norm {
		if err := g.emit(a); err != nil {
			return err
		}
	}

	for i := range 1 + r.IntN(4) {
		b, err := g.binding(r, t, m, i+1)
		if err != nil {
			return err
		}
		g.bindVia(rs, t, b)
		if err := g.emit(b); err != nil {
			return err
		}
	}

	if t.monitoring && m.Start().Month() >= time.August && m.Start().Month() <= time.October {
		for i := range 18 + r.IntN(5) {
			if err := g.emit(g.survey(r, t, m, i+1)); err != nil {
				return err
			}
		}
	}

	for _, q := range g.lectureRequests(t, m, expertLectures) {
		if err := g.emit(q); err != nil {
			return err
		}
	}

	if r.IntN(12) == 0 {
		if err := g.emit(g.healthCell(r, t, m)); err != nil {
			return err
		}
	}

	if report := g.report(r, t, m, tl); report != nil {
		return g.emit(report)
	}
	return nil
}

// at returns the instant of day (from 1) of month m at hour:minute in
// China Standard Time.
func at(m healthedu.Period, day, hour, minute int) time.Time {
	y, mo, _ := m.Start().Date()
	return time.Date(y, mo, day, hour, minute, 0, 0, healthedu.ChinaStandardTime)
}

// evidence returns the archived photos and sign-in sheet of activity id.
func evidence(id string, photos int, sheet string) *healthedu.Evidence {
	e := &healthedu.Evidence{SignInSheet: "archive/" + id + "/" + sheet}
	for i := range photos {
		e.Photos = append(e.Photos, "archive/"+id+"/photo-"+strconv.Itoa(i+1)+".jpg")
	}
	return e
}

// topicsFor returns one or two lecture topics and the groups they address.
func topicsFor(r *rand.Rand) ([]healthedu.Topic, []healthedu.TargetGroup) {
	topics := []healthedu.Topic{pick(r, lectureTopics)}
	if r.IntN(4) == 0 {
		if t := pick(r, lectureTopics); t != topics[0] {
			topics = append(topics, t)
		}
	}
	var groups []healthedu.TargetGroup
	for _, t := range topics {
		for _, gr := range topicGroups[t] {
			if !slices.Contains(groups, gr) {
				groups = append(groups, gr)
			}
		}
	}
	return topics, groups
}

// lecture returns a health knowledge lecture (健康知识讲座) at township t.
func (g *generator) lecture(r *rand.Rand, t *township, m healthedu.Period, id string) *healthedu.Activity {
	topics, groups := topicsFor(r)
	start := at(m, 1+r.IntN(m.Days()), pick(r, []int{9, 9, 10, 14, 15}), pick(r, []int{0, 0, 30}))
	venue := g.venue(r, t, topics[0])
	a := &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                pick(r, topicTitles[topics[0]]),
		Organizer:            t.centre,
		Division:             t.code,
		Venue:                venue,
		Form:                 healthedu.FormLecture,
		Topics:               topics,
		TargetGroups:         groups,
		Start:                start,
		End:                  start.Add(time.Duration(60+15*r.IntN(5)) * time.Minute),
		Participants:         int64(40 + r.IntN(121)),
		MaterialsDistributed: int64(30 + r.IntN(121)),
		Speakers:             []healthedu.Speaker{{Name: personName(r), Role: lectureSpeaker(r, topics[0])}},
		Evidence:             evidence(id, 2+r.IntN(3), "sign-in.pdf"),
	}
	if r.IntN(5) == 0 {
		a.Speakers = append(a.Speakers, healthedu.Speaker{Name: personName(r), Role: "volunteer"})
	}
	return a
}

// lectureSpeaker returns the role of who gives a lecture on topic.
func lectureSpeaker(r *rand.Rand, topic healthedu.Topic) healthedu.SpeakerRole {
	if topic == "fitness" && r.IntN(2) == 0 {
		return "sports-instructor"
	}
	switch x := r.IntN(20); {
	case x < 9:
		return "family-doctor"
	case x < 14:
		return "expert"
	case x < 17:
		return "health-instructor"
	default:
		return "nurse"
	}
}

// venue returns where a lecture on topic is held in township t.
func (g *generator) venue(r *rand.Rand, t *township, topic healthedu.Topic) healthedu.Venue {
	if topic == "mental-health" && r.IntN(2) == 0 {
		return healthedu.Venue{Type: "school", Name: t.short + "中学"}
	}
	if (topic == "falls" || topic == "smart-devices") && r.IntN(2) == 0 {
		return healthedu.Venue{Type: "elderly-care", Name: t.short + "敬老院"}
	}
	place := villageName(r) + "村"
	if t.urban {
		place = communityName(r) + "社区"
	}
	switch r.IntN(6) {
	case 0, 1:
		return healthedu.Venue{Type: "party-mass-service-center", Name: place + "党群服务中心"}
	case 2, 3:
		return healthedu.Venue{Type: "health-education-point", Name: place + "健康宣教点"}
	case 4:
		return healthedu.Venue{Type: "health-post", Name: place + "健康驿站"}
	default:
		return healthedu.Venue{Type: "smart-health-cabin", Name: place + "智慧健康小屋"}
	}
}

// freeClinic returns a free clinic (义诊) at township t, held by its
// centre or the county hospital.
func (g *generator) freeClinic(r *rand.Rand, t *township, m healthedu.Period, id string) *healthedu.Activity {
	org := t.centre
	if r.IntN(10) < 3 {
		org = t.group.hospital
	}
	topics := []healthedu.Topic{"chronic-disease", pick(r, []healthedu.Topic{"hypertension", "diabetes", "tcm", "three-reductions-three-healths"})}
	start := at(m, 1+r.IntN(m.Days()), 8, 30)
	place := villageName(r) + "村党群服务中心"
	if t.urban {
		place = communityName(r) + "社区党群服务中心"
	}
	a := &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                t.name + pick(r, freeClinicTitles),
		Organizer:            org,
		Division:             t.code,
		Venue:                healthedu.Venue{Type: "party-mass-service-center", Name: place},
		Form:                 healthedu.FormFreeClinic,
		Topics:               topics,
		TargetGroups:         []healthedu.TargetGroup{"elderly", "chronic-patients", "general"},
		Start:                start,
		End:                  start.Add(time.Duration(180+30*r.IntN(3)) * time.Minute),
		Participants:         int64(80 + r.IntN(321)),
		MaterialsDistributed: int64(100 + r.IntN(301)),
		Evidence:             evidence(id, 3+r.IntN(3), "sign-in.pdf"),
	}
	for i := range 2 + r.IntN(3) {
		role := healthedu.SpeakerRole("family-doctor")
		switch {
		case i == 0 && org == t.group.hospital:
			role = "expert"
		case i == 2:
			role = "nurse"
		}
		a.Speakers = append(a.Speakers, healthedu.Speaker{Name: personName(r), Role: role})
	}
	return a
}

// firstAid returns a first-aid training (急救培训) at township t.
func (g *generator) firstAid(r *rand.Rand, t *township, m healthedu.Period, id string) *healthedu.Activity {
	org := t.centre
	switch r.IntN(4) {
	case 0:
		org = t.group.hospital
	case 1:
		org = t.group.redCross
	}
	venue := healthedu.Venue{Type: "school", Name: t.short + "中心小学"}
	groups := []healthedu.TargetGroup{"students"}
	if r.IntN(2) == 0 {
		venue = healthedu.Venue{Type: "party-mass-service-center", Name: t.name + "党群服务中心"}
		groups = []healthedu.TargetGroup{"general", "elderly"}
	}
	start := at(m, 1+r.IntN(m.Days()), pick(r, []int{9, 14}), 0)
	return &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                pick(r, firstAidTitles),
		Organizer:            org,
		Division:             t.code,
		Venue:                venue,
		Form:                 healthedu.FormFirstAidTraining,
		Topics:               []healthedu.Topic{"first-aid"},
		TargetGroups:         groups,
		Start:                start,
		End:                  start.Add(2 * time.Hour),
		Participants:         int64(30 + r.IntN(91)),
		MaterialsDistributed: int64(20 + r.IntN(41)),
		Speakers: []healthedu.Speaker{
			{Name: personName(r), Role: pick(r, []healthedu.SpeakerRole{"nurse", "expert"})},
			{Name: personName(r), Role: "volunteer"},
		},
		Evidence: evidence(id, 2+r.IntN(3), "sign-in.pdf"),
	}
}

// homeVisit returns a family doctor's home visit (入户随访) to an elderly
// patient of township t.
func (g *generator) homeVisit(r *rand.Rand, t *township, m healthedu.Period, id string) (*healthedu.Activity, error) {
	topic := pick(r, []healthedu.Topic{"hypertension", "hypertension", "diabetes", "chronic-disease"})
	start := at(m, 1+r.IntN(m.Days()), 9+r.IntN(8), 10*r.IntN(6))
	cid, err := newCitizenID(r, t.group.area, 60, 90, start)
	if err != nil {
		return nil, err
	}
	title := "高血压患者入户随访"
	switch topic {
	case "diabetes":
		title = "2型糖尿病患者入户随访"
	case "chronic-disease":
		title = "老年慢性病患者入户随访"
	}
	return &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                title,
		Organizer:            t.centre,
		Division:             t.code,
		Venue:                healthedu.Venue{Type: "other", Name: "居民家中"},
		Form:                 healthedu.FormHomeVisit,
		Topics:               []healthedu.Topic{topic},
		TargetGroups:         []healthedu.TargetGroup{"chronic-patients", "elderly"},
		Start:                start,
		End:                  start.Add(time.Duration(30+10*r.IntN(4)) * time.Minute),
		Participants:         int64(1 + r.IntN(3)),
		MaterialsDistributed: int64(1 + r.IntN(3)),
		Speakers:             []healthedu.Speaker{{Name: t.instructors[r.IntN(2)].Name, Role: "family-doctor"}},
		Resident: &healthedu.Resident{
			CitizenID: cid,
			Consent:   healthedu.Consent{Community: r.IntN(10) < 8, Medical: r.IntN(20) < 19},
		},
	}, nil
}

// liveLecture returns the county expert team's monthly lecture, broadcast
// live on the mini-program (健康大讲堂): an audience of 3.2–5.0% of the
// county's residents.
func (g *generator) liveLecture(gr *group, m healthedu.Period) *healthedu.Activity {
	r := g.stream("live", gr.code, m)
	topics, groups := topicsFor(r)
	id := fmt.Sprintf("act-%s-%s-live", gr.code.Short(), m)
	start := at(m, 1+r.IntN(m.Days()), 19, 30)
	a := &healthedu.Activity{
		Header:       header(healthedu.KindActivity, id),
		Title:        "“金牌宣讲团”健康大讲堂：" + pick(r, topicTitles[topics[0]]),
		Organizer:    gr.cdc,
		Division:     gr.code,
		Venue:        healthedu.Venue{Type: "online", Name: g.app + "小程序直播间"},
		Form:         healthedu.FormLecture,
		Topics:       topics,
		TargetGroups: groups,
		Start:        start,
		End:          start.Add(90 * time.Minute),
		Participants: int64(float64(gr.pop) * uniform(r, 0.032, 0.050)),
		Speakers: []healthedu.Speaker{
			{Name: personName(r), Role: "expert"},
			{Name: personName(r), Role: "expert"},
		},
		Evidence: evidence(id, 2, "online-attendance.csv"),
	}
	g.nameExperts(g.stream("live-experts", gr.code, m), gr, a)
	return a
}

// binding returns the n-th mini-program binding of township t in month m.
func (g *generator) binding(r *rand.Rand, t *township, m healthedu.Period, n int) (*healthedu.Binding, error) {
	bound := at(m, 1+r.IntN(m.Days()), 8+r.IntN(14), r.IntN(60))
	cid, err := newCitizenID(r, t.group.area, 18, 85, bound)
	if err != nil {
		return nil, err
	}
	instr := pick(r, t.instructors)
	if r.IntN(20) == 0 {
		instr = t.group.admin
	}
	b := &healthedu.Binding{
		Header:   header(healthedu.KindBinding, fmt.Sprintf("bind-%s-%s-%02d", t.code.Short(), m, n)),
		Division: t.code,
		Resident: healthedu.BoundResident{
			CitizenID: cid,
			Consent:   &healthedu.Consent{Community: r.IntN(20) < 17, Medical: r.IntN(25) < 23},
		},
		Instructor: instr,
		BoundAt:    bound,
	}
	if r.IntN(33) == 0 {
		// Unbound some days later, within the months generated.
		u := bound.Add(time.Duration(1+r.IntN(20)) * 24 * time.Hour)
		if last := g.end.End().Add(-time.Hour); u.After(last) {
			u = last
		}
		b.UnboundAt = &u
	}
	return b, nil
}

// surveyMaxScores are the full scores of the questionnaire's items:
// judgements and single choices 1 point, multiple choices 2 — 62 points.
var surveyMaxScores = func() (s [50]int) {
	for i := range s {
		s[i] = 1
		if i >= 38 {
			s[i] = 2
		}
	}
	return s
}()

// Health literacy (健康素养水平) in 2024: 34.74% urban, 29.11% rural,
// 31.87% overall.
const (
	literacyUrban = 0.3474
	literacyRural = 0.2911
)

// survey returns the n-th health literacy questionnaire of monitoring
// point t in month m.
func (g *generator) survey(r *rand.Rand, t *township, m healthedu.Period, n int) *healthedu.LiteracySurvey {
	day, _ := healthedu.NewDate(m.Start().Year(), m.Start().Month(), 1+r.IntN(m.Days()))
	residence, p := healthedu.Residence("rural"), literacyRural
	if t.urban {
		residence, p = "urban", literacyUrban
	}
	sex := healthedu.Male
	if r.IntN(2) == 0 {
		sex = healthedu.Female
	}
	literate := r.Float64() < p
	q := uniform(r, 0.45, 0.76)
	if literate {
		q = uniform(r, 0.84, 0.96)
	}
	items := make([]healthedu.ItemScore, len(surveyMaxScores))
	score, total := 0, 0
	for i, full := range surveyMaxScores {
		s := 0
		for range full {
			if r.Float64() < q {
				s++
			}
		}
		items[i] = healthedu.ItemScore{Item: i + 1, Score: s, MaxScore: full}
		score += s
		total += full
	}
	// Make the score agree with the draw: literate when it reaches 80%.
	for i := 0; i < len(items) && literate && 5*score < 4*total; i++ {
		score += items[i].MaxScore - items[i].Score
		items[i].Score = items[i].MaxScore
	}
	for i := 0; i < len(items) && !literate && 5*score >= 4*total; i++ {
		score -= items[i].Score
		items[i].Score = 0
	}
	return &healthedu.LiteracySurvey{
		Header:        header(healthedu.KindLiteracySurvey, fmt.Sprintf("lit-%s-%s-%03d", t.code.Short(), m, n)),
		Division:      t.code,
		SurveyedOn:    day,
		Questionnaire: "2024",
		Respondent:    healthedu.Respondent{Age: 15 + r.IntN(55), Sex: sex, Residence: residence},
		Items:         items,
		Literate:      &literate,
	}
}

// The kinds of health cell with their weights, after 九原's 101: 16
// communities, 35 villages, 18 agencies, 11 schools, 20 canteens, one
// enterprise; and a few families. Communities are named in towns,
// villages in the countryside.
var (
	urbanCells   = []weighted[healthedu.HealthCellType]{{"community", 16}, {"agency", 18}, {"school", 11}, {"canteen", 20}, {"enterprise", 1}, {"family", 4}}
	ruralCells   = []weighted[healthedu.HealthCellType]{{"village", 35}, {"agency", 4}, {"school", 11}, {"canteen", 10}, {"enterprise", 1}, {"family", 6}}
	namingLevels = []weighted[healthedu.NamingLevel]{{"city", 85}, {"province", 13}, {"national", 2}}
)

// healthCell returns the naming of a health cell (健康细胞) in township t in
// month m.
func (g *generator) healthCell(r *rand.Rand, t *township, m healthedu.Period) *healthedu.HealthCell {
	kinds := ruralCells
	if t.urban {
		kinds = urbanCells
	}
	typ := draw(r, kinds)
	var name string
	switch typ {
	case "community":
		name = t.name + communityName(r) + "社区"
	case "village":
		name = t.short + villageName(r) + "村"
	case "agency":
		if r.IntN(2) == 0 {
			name = t.name + "人民政府"
		} else {
			name = t.group.name + pick(r, agencyNames)
		}
	case "school":
		name = t.short + pick(r, []string{"中心小学", "中学", "实验小学", "中心幼儿园"})
	case "canteen":
		name = t.name + pick(r, []string{"人民政府机关食堂", "中心小学食堂", "敬老院食堂"})
	case "enterprise":
		name = stem(t.group.name) + pick(r, enterpriseWords) + pick(r, enterpriseTrades) + "有限公司"
	default:
		name = personName(r) + "家庭"
	}
	day, _ := healthedu.NewDate(m.Start().Year(), m.Start().Month(), 1+r.IntN(m.Days()))
	return &healthedu.HealthCell{
		Header:   header(healthedu.KindHealthCell, fmt.Sprintf("cell-%s-%s", t.code.Short(), m)),
		Name:     name,
		Type:     typ,
		Level:    draw(r, namingLevels),
		Year:     day.Year(),
		Division: t.code,
		NamedOn:  &day,
	}
}

// report returns township t's monthly report for m, or nil when it is
// never submitted.
func (g *generator) report(r *rand.Rand, t *township, m healthedu.Period, tl tally) *healthedu.MonthlyReport {
	p := &t.profile
	// Whether and when it is submitted: on time by the 10th of the next
	// month, late from the 11th.
	var day int
	switch x := r.Float64(); {
	case x < p.missing:
		return nil
	case x < p.missing+p.late:
		day = 11 + r.IntN(10)
	default:
		day = 1 + r.IntN(10)
	}
	submitted := at(m.Next(), day, 8+r.IntN(10), r.IntN(60))

	// Months since January 2025 move the slow trends: more patients found
	// and managed, more residents bound.
	y, mo, _ := m.Start().Date()
	k := float64((y-2025)*12 + int(mo) - 1)
	trend := 1 + 0.0015*k

	pop := p.pop
	p65 := round(float64(pop) * p.share65)
	c06 := round(float64(pop) * p.share06)
	c06m := floor(float64(c06) * clamp(p.childRate+0.15*r.NormFloat64(), 90, 99.8) / 100)
	htn := round(float64(pop) * p.htnShare * trend)
	dm := round(float64(pop) * p.dmShare * trend)
	target := round(float64(pop) * p.targetShare)
	surveyed := int64(30 + r.IntN(51))
	var satisfied int64
	for range surveyed {
		if r.Float64() < p.satisfied {
			satisfied++
		}
	}
	boards := int64(r.IntN(2))
	if mo%2 == 0 {
		boards = 2 // two boards changed every two months, as the norm asks
	}

	values := []struct {
		element string
		value   int64
	}{
		{"population", pop},
		{"population-65plus", p65},
		{"children-0-6", c06},
		{"children-0-6-managed", c06m},
		{"children-0-6-management-rate", -1}, // below
		{"hypertension-managed", htn},
		{"hypertension-standard-managed", floor(float64(htn) * clamp(p.htnStd+0.4*r.NormFloat64(), 75, 99.5) / 100)},
		{"hypertension-controlled", floor(float64(htn) * p.htnCtrl)},
		{"diabetes-managed", dm},
		{"diabetes-standard-managed", floor(float64(dm) * clamp(p.dmStd+0.4*r.NormFloat64(), 75, 99.5) / 100)},
		{"diabetes-controlled", floor(float64(dm) * p.dmCtrl)},
		{"elderly-managed", floor(float64(p65) * clamp(p.elderlyRate+0.005*k, 0, 0.95))},
		{"residents-bound", floor(float64(target) * clamp(p.boundBase+0.012*k, 0.2, 0.98))},
		{"binding-target", target},
		{"family-doctors", max(1, round(float64(pop)*p.doctorsPer10k/10_000))},
		{"health-instructors", max(int64(len(t.instructors)), round(float64(pop)*p.instructorsPer10k/10_000))},
		{"health-records", floor(float64(pop) * p.recordsRate)},
		{"lectures", tl.lectures},
		{"lecture-participants", tl.lectureParticipants},
		{"consultations", tl.consultations},
		{"consultation-participants", tl.consultationParticipants},
		{"printed-materials", int64(600 + r.IntN(1901))},
		{"bulletin-board-updates", boards},
		{"pushes", int64(20 + r.IntN(26))},
		{"health-centres", 1},
		{"satisfaction-surveyed", surveyed},
		{"satisfaction-satisfied", satisfied},
		{"health-service-users", round(float64(pop) * p.usersRate * float64(mo) / 12)},
	}
	rep := &healthedu.MonthlyReport{
		Header:      header(healthedu.KindMonthlyReport, fmt.Sprintf("mr-%s-%s", t.code.Short(), m)),
		Division:    t.code,
		Period:      m,
		SubmittedAt: submitted,
		Values:      make([]healthedu.DataValue, len(values)),
	}
	for i, v := range values {
		d := healthedu.DecimalFromInt(v.value)
		if v.value < 0 {
			d = percent(c06m, c06)
		}
		rep.Values[i] = healthedu.DataValue{Element: v.element, Value: d}
	}
	return rep
}

// percent returns part/whole in percent, rounded half-up to two decimals
// as a report states a rate: 13,432 of 13,932 is 96.41.
func percent(part, whole int64) healthedu.Decimal {
	if whole <= 0 {
		return healthedu.Decimal{}
	}
	h := (part*10_000*2 + whole) / (2 * whole) // hundredths of a percent
	d, err := healthedu.ParseDecimal(fmt.Sprintf("%d.%02d", h/100, h%100))
	if err != nil {
		return healthedu.Decimal{}
	}
	return d
}

// header returns a record header of kind k.
func header(k healthedu.Kind, id string) healthedu.Header {
	return healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: k, ID: id}
}

// weighted is a value with a weight for draw.
type weighted[T any] struct {
	value  T
	weight int
}

// draw returns one of ws's values with a chance in proportion to its weight.
func draw[T any](r *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	x := r.IntN(total)
	for _, w := range ws {
		if x < w.weight {
			return w.value
		}
		x -= w.weight
	}
	return ws[len(ws)-1].value
}

// poisson returns a Poisson draw with mean lambda, small.
func poisson(r *rand.Rand, lambda float64) int {
	limit, k, p := math.Exp(-lambda), 0, r.Float64()
	for p > limit {
		k++
		p *= r.Float64()
	}
	return k
}

func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

func clamp(x, lo, hi float64) float64 { return min(max(x, lo), hi) }

func round(x float64) int64 { return int64(math.Round(x)) }

func floor(x float64) int64 { return int64(math.Floor(x)) }
