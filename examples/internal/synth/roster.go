package synth

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// The register of people (花名册) and the lecture requests (点餐宣讲): the
// instructors residents bind to at each level — 黔西南 counted 5,621 across
// 州/县/乡/村 for some three million residents —, the experts of each
// county's pools and their lecture teams — 聊城's corps of 896 experts in
// 440 teams for six million —, and the lectures residents ask for. This
// file generates them from random streams of their own, so that the
// records generated before the register existed stay what they were: what
// it adds to those records (an expert's id on a speaker who was already an
// expert, the village instructor and the binding code of a binding) draws
// nothing from their streams.

// expertsPer10k is the number of experts a county's pools keep per 10,000
// residents: 聊城's 896 for some 5.9 million.
const expertsPer10k = 1.5

// allTopics are the topics of health education, each the specialty of at
// least one expert of every county.
var allTopics = func() []healthedu.Topic {
	var ts []healthedu.Topic
	for _, s := range healthedu.Topic("").EnumValues() {
		ts = append(ts, healthedu.Topic(s))
	}
	return ts
}()

// expertTitles are the professional titles of experts (职称).
var expertTitles = []string{"主任医师", "副主任医师", "副主任医师", "主治医师", "主任护师", "副主任护师", "主管药师", "副主任医师", "公共卫生医师", "健康管理师"}

// teamNames name a county's lecture teams (宣讲队).
var teamNames = []string{"金牌宣讲团", "白衣风采宣讲队", "健康科普轻骑兵", "慢病防治宣讲队", "妇幼健康宣讲队", "中医药文化宣讲队", "心理健康宣讲队", "急救知识宣讲队"}

// A village is a village (村) or, in a sub-district, a community (社区) of
// a township, with its instructors. The registry holds no villages of the
// townships generated: their codes are invented, as a validator takes
// them where its registry has none.
type village struct {
	code        healthedu.DivisionCode
	name        string
	instructors []healthedu.Instructor
}

// rosterOf is what the register holds of a group: its county-level
// instructors (the project administrator first), experts and lecture
// teams, and the records of them all, the townships' included.
type rosterOf struct {
	instructors []healthedu.Instructor
	experts     []*roster.Expert
	byTopic     map[healthedu.Topic][]*roster.Expert
	records     []healthedu.Record
}

// dateOf returns the day of t in China Standard Time.
func dateOf(t time.Time) healthedu.Date { return healthedu.DateOf(t.In(healthedu.ChinaStandardTime)) }

// rosterInstructor returns the register's record of instructor in, of
// level, working for inst, trained in the three years before g's first
// month; one in two gives a citizen ID number.
func (g *generator) rosterInstructor(r *rand.Rand, in healthedu.Instructor, level roster.Level, inst roster.Institution, area string) (*roster.Instructor, error) {
	trained := g.first.Start().AddDate(0, 0, -30-r.IntN(3*365))
	rec := &roster.Instructor{
		Header:      header(roster.KindInstructor, in.ID),
		Name:        in.Name,
		Level:       level,
		Division:    in.Division,
		Institution: inst,
		Roles:       []healthedu.InstructorRole{in.Role},
		TrainedOn:   dateOf(trained),
		AssessedOn:  dateOf(trained.AddDate(0, 0, 7+r.IntN(24))),
	}
	if r.IntN(2) == 0 {
		cid, err := newCitizenID(r, area, 25, 58, trained)
		if err != nil {
			return nil, err
		}
		rec.CitizenID = cid
	}
	return rec, nil
}

// setUpRoster draws the register of group gr: its instructors at the
// county level, those of its townships and their villages, its experts and
// lecture teams, from a stream of its own.
func (g *generator) setUpRoster(gr *group) error {
	r := g.stream("roster", gr.code, healthedu.Period{})
	ro := &gr.roster
	ro.byTopic = make(map[healthedu.Topic][]*roster.Expert)
	cdc := roster.Institution{CreditCode: gr.cdc.CreditCode, Name: gr.cdc.Name}
	ro.instructors = append(ro.instructors, gr.admin)
	for i := range 2 + r.IntN(3) {
		ro.instructors = append(ro.instructors, healthedu.Instructor{
			ID:       "HI" + gr.code.Short() + fmt.Sprintf("%02d", i+1),
			Name:     personName(r),
			Role:     healthedu.RoleHealthInstructor,
			Division: gr.code,
		})
	}
	for _, in := range ro.instructors {
		rec, err := g.rosterInstructor(r, in, roster.LevelOf(gr.code.Level()), cdc, gr.area)
		if err != nil {
			return err
		}
		ro.records = append(ro.records, rec)
	}

	// The townships' instructors, and one or two family health
	// instructors in each of their villages.
	// The townships', each from a stream of its own, so that a township's
	// register is the same alone and within its county.
	for _, t := range gr.townships {
		r := g.stream("roster", t.code, healthedu.Period{})
		centre := roster.Institution{CreditCode: t.centre.CreditCode, Name: t.centre.Name}
		for _, in := range t.instructors {
			rec, err := g.rosterInstructor(r, in, roster.LevelTownship, centre, gr.area)
			if err != nil {
				return err
			}
			ro.records = append(ro.records, rec)
		}
		n := int(min(max(t.pop/2500, 5), 30))
		first := 201
		if t.urban {
			first = 1
		}
		for i := range n {
			code, err := healthedu.ParseDivisionCode(t.code.String()[:9] + fmt.Sprintf("%03d", first+i))
			if err != nil {
				return err
			}
			v := village{code: code, name: t.short + villageName(r) + "村"}
			clinic := v.name + "卫生室"
			if t.urban {
				v.name = t.name + communityName(r) + "社区"
				clinic = v.name + "卫生服务站"
			}
			for j := range 1 + min(r.IntN(4), 1) {
				in := healthedu.Instructor{
					ID:       "FHI" + code.Short() + fmt.Sprintf("%02d", j+1),
					Name:     personName(r),
					Role:     healthedu.RoleFamilyHealthInstructor,
					Division: code,
				}
				v.instructors = append(v.instructors, in)
				rec, err := g.rosterInstructor(r, in, roster.LevelVillage, roster.Institution{Name: clinic}, gr.area)
				if err != nil {
					return err
				}
				ro.records = append(ro.records, rec)
			}
			t.villages = append(t.villages, v)
		}
	}

	// The experts of the county's pools, after the population of all its
	// townships, generated or not: each topic the specialty of one at
	// least, the others one to three of the lectures' topics.
	pools := []roster.Pool{{ID: "KP" + gr.code.Short(), Name: gr.name + "健康科普专家库"}}
	gold := roster.Pool{ID: "JP" + gr.code.Truncate(healthedu.LevelCity).Short(), Name: "金牌宣讲团"}
	var pop int64
	for _, c := range g.reg.Children(gr.code) {
		if c.Level() == healthedu.LevelTownship {
			pop += townshipPop(g.stream("township", c, healthedu.Period{}), c)
		}
	}
	n := max(len(allTopics)+3, int(float64(pop)*expertsPer10k/10_000))
	insts := []roster.Institution{
		{CreditCode: gr.hospital.CreditCode, Name: gr.hospital.Name},
		{CreditCode: gr.hospital.CreditCode, Name: gr.hospital.Name},
		cdc,
		{Name: gr.name + "中医医院"},
		{Name: gr.name + "妇幼保健院"},
	}
	for i := range n {
		var specialties []healthedu.Topic
		if i < len(allTopics) {
			specialties = append(specialties, allTopics[i])
		}
		for range 1 + r.IntN(2) {
			if t := pick(r, lectureTopics); !slices.Contains(specialties, t) && len(specialties) < 3 {
				specialties = append(specialties, t)
			}
		}
		inst := pick(r, insts)
		if len(gr.townships) > 0 && r.IntN(5) == 0 {
			c := pick(r, gr.townships).centre
			inst = roster.Institution{CreditCode: c.CreditCode, Name: c.Name}
		}
		e := &roster.Expert{
			Header:      header(roster.KindExpert, fmt.Sprintf("EX%s-%03d", gr.code.Short(), i+1)),
			Name:        personName(r),
			Division:    gr.code,
			Institution: inst,
			Title:       pick(r, expertTitles),
			Specialties: specialties,
			Pools:       slices.Clone(pools),
		}
		if r.IntN(3) == 0 {
			e.Pools = append(e.Pools, gold)
		}
		ro.experts = append(ro.experts, e)
		for _, t := range specialties {
			ro.byTopic[t] = append(ro.byTopic[t], e)
		}
	}

	// Lecture teams: the county's, of about six experts each, and one in
	// each township, of two experts and two of its instructors.
	var teams []*roster.LectureTeam
	nteams := max(2, n/6)
	for i := range nteams {
		teams = append(teams, &roster.LectureTeam{
			Header:   header(roster.KindLectureTeam, fmt.Sprintf("LT%s-%02d", gr.code.Short(), i+1)),
			Name:     stem(gr.name) + teamNames[i%len(teamNames)] + teamSuffix(i/len(teamNames)),
			Division: gr.code,
			Level:    roster.LevelOf(gr.code.Level()),
		})
	}
	for i, e := range ro.experts {
		tm := teams[i%nteams]
		tm.Experts = append(tm.Experts, e.ID)
		e.Teams = append(e.Teams, tm.ID)
	}
	for _, tm := range teams {
		tm.Leader = tm.Experts[0]
	}
	for _, t := range gr.townships {
		tm := &roster.LectureTeam{
			Header:      header(roster.KindLectureTeam, fmt.Sprintf("LT%s-%02d", t.code.Short(), 1)),
			Name:        t.short + "健康宣讲队",
			Division:    t.code,
			Level:       roster.LevelTownship,
			Instructors: []string{t.instructors[0].ID, t.instructors[2].ID},
		}
		for _, j := range g.stream("team", t.code, healthedu.Period{}).Perm(n)[:2] {
			e := ro.experts[j]
			tm.Experts = append(tm.Experts, e.ID)
			e.Teams = append(e.Teams, tm.ID)
		}
		tm.Leader = tm.Experts[0]
		teams = append(teams, tm)
	}
	for _, e := range ro.experts {
		ro.records = append(ro.records, e)
	}
	for _, tm := range teams {
		ro.records = append(ro.records, tm)
	}
	return nil
}

// teamSuffix numbers the teams of a name after the first: 二队, 三队.
func teamSuffix(n int) string {
	if n == 0 {
		return ""
	}
	return []string{"二", "三", "四", "五", "六", "七", "八", "九"}[min(n-1, 7)] + "分队"
}

// A cityRoster is the register of a city (市、州): the instructors who
// serve it as a whole, at its CDC.
type cityRoster struct {
	instructors []healthedu.Instructor
	records     []healthedu.Record
}

// setUpCities draws the instructors of the groups' cities, from streams
// of their own: a project administrator and three health instructors at
// each city's CDC.
func (g *generator) setUpCities() error {
	g.cities = make(map[healthedu.DivisionCode]*cityRoster)
	for _, gr := range g.groups {
		city := gr.code.Truncate(healthedu.LevelCity)
		if g.cities[city] != nil || city == gr.code || !g.reg.Contains(city) {
			continue
		}
		r := g.stream("roster", city, healthedu.Period{})
		c := &cityRoster{}
		name := g.reg.Name(city) + "疾病预防控制中心"
		for i := range 4 {
			role, prefix := healthedu.RoleHealthInstructor, "HI"
			if i == 0 {
				role, prefix = healthedu.RoleProjectAdministrator, "PA"
			}
			in := healthedu.Instructor{ID: prefix + city.Short() + fmt.Sprintf("%02d", i+1), Name: personName(r), Role: role, Division: city}
			rec, err := g.rosterInstructor(r, in, roster.LevelCity, roster.Institution{Name: name}, gr.area)
			if err != nil {
				return err
			}
			c.instructors = append(c.instructors, in)
			c.records = append(c.records, rec)
		}
		g.cities[city] = c
	}
	return nil
}

// emitRoster emits the records of the register within Options.Under:
// the cities', then the groups'. The register is drawn whatever Under is,
// so that a township's records are the same alone and within its county:
// its activities and bindings may name an expert or an instructor of its
// county or city that are not generated with it.
func (g *generator) emitRoster() error {
	var records []healthedu.Record
	for _, city := range slices.SortedFunc(maps.Keys(g.cities), healthedu.DivisionCode.Compare) {
		records = append(records, g.cities[city].records...)
	}
	for _, gr := range g.groups {
		records = append(records, gr.roster.records...)
	}
	for _, rec := range records {
		if !g.under.Contains(rec.RecordDivision()) {
			continue
		}
		if err := g.emit(rec); err != nil {
			return err
		}
	}
	return nil
}

// expertFor returns an expert of group gr who speaks on topic, or any.
func (gr *group) expertFor(r *rand.Rand, topic healthedu.Topic) *roster.Expert {
	if es := gr.roster.byTopic[topic]; len(es) > 0 {
		return pick(r, es)
	}
	return pick(r, gr.roster.experts)
}

// nameExperts names the registered experts among the speakers of a's
// lecture who already are experts (speakers[].expert), experts of group
// gr drawn from r.
func (g *generator) nameExperts(r *rand.Rand, gr *group, a *healthedu.Activity) []*roster.Expert {
	if len(gr.roster.experts) == 0 {
		return nil
	}
	var named []*roster.Expert
	for i := range a.Speakers {
		s := &a.Speakers[i]
		if s.Role != "expert" {
			continue
		}
		e := gr.expertFor(r, a.Topics[0])
		if slices.Contains(named, e) {
			continue
		}
		s.Name, s.Expert = e.Name, e.ID
		named = append(named, e)
	}
	return named
}

// bindVia makes binding b one made through a binding code (via
// binding-code): one in three binds, instead of the township's
// instructor, a family health instructor of one of its villages, where the
// resident then lives; one in forty an instructor of the city. It draws
// from r.
func (g *generator) bindVia(r *rand.Rand, t *township, b *healthedu.Binding) {
	b.Via = healthedu.BindingViaCode
	if c := g.cities[t.code.Truncate(healthedu.LevelCity)]; c != nil && r.IntN(40) == 0 {
		b.Instructor = pick(r, c.instructors)
		return
	}
	if len(t.villages) == 0 || r.IntN(3) != 0 || b.Instructor.ID == t.group.admin.ID {
		return
	}
	v := pick(r, t.villages)
	b.Instructor = pick(r, v.instructors)
	b.Division = v.code
}

// The requesters of lectures and the notes of their requests.
var (
	requesterTypes = []weighted[booking.RequesterType]{{booking.RequesterCommunity, 45}, {booking.RequesterSchool, 20}, {booking.RequesterResidentGroup, 20}, {booking.RequesterInstitution, 15}}
	declineReasons = []string{
		"所选日期专家均已有宣讲安排，请调整日期后重新申请",
		"预计听众不足10人，建议与邻近村（社区）合并申请",
		"所点主题暂无合适专家，已推荐收看“健康大讲堂”线上直播",
	}
	cancelNotes = []string{"活动场地另有安排，暂不需要", "农忙时节，村民难以集中", "已参加乡镇卫生院组织的同类讲座"}
)

// requester returns who asks township t for a lecture.
func requester(r *rand.Rand, t *township) booking.Requester {
	typ := draw(r, requesterTypes)
	var name string
	switch typ {
	case booking.RequesterCommunity:
		name = t.short + villageName(r) + "村民委员会"
		if t.urban {
			name = t.name + communityName(r) + "社区居民委员会"
		}
	case booking.RequesterSchool:
		name = t.short + pick(r, []string{"中学", "中心小学", "实验小学"})
	case booking.RequesterResidentGroup:
		name = t.short + pick(r, []string{"老年协会", "广场舞队", "糖尿病患者互助小组", "孕妈妈课堂"})
	default:
		name = t.name + pick(r, []string{"人民政府", "派出所", "供电所"})
	}
	return booking.Requester{Type: typ, Name: name}
}

// lectureRequests returns the lecture requests of township t in month m,
// drawn from a stream of their own: one for three in four of the
// lectures given by registered experts (held), and a few others,
// declined, withdrawn or still open.
func (g *generator) lectureRequests(t *township, m healthedu.Period, expertLectures []*healthedu.Activity) []*booking.LectureRequest {
	r := g.stream("booking", t.code, m)
	gr := t.group
	last := g.end.End().Add(-time.Hour) // no event after the months generated
	seq := 0
	newRequest := func(at time.Time, topics []healthedu.Topic) *booking.LectureRequest {
		seq++
		who := requester(r, t)
		return &booking.LectureRequest{
			Header:       header(booking.KindLectureRequest, fmt.Sprintf("req-%s-%s-%02d", t.code.Short(), m, seq)),
			Division:     t.code,
			Requester:    who,
			Topics:       topics,
			AudienceSize: int64(30 + r.IntN(121)),
			RequestedAt:  at,
			Status:       booking.StatusRequested,
			History: []booking.Event{{At: at, Status: booking.StatusRequested,
				Actor: booking.Actor{Division: t.code, Role: "requester", ID: fmt.Sprintf("u%s%04d", t.code.Short(), r.IntN(10_000))}}},
		}
	}
	county := booking.Actor{Division: gr.code, Role: "county-health-commission", ID: "wjw-" + gr.code.Short()}
	centre := booking.Actor{Division: t.code, Role: "township-health-centre", ID: "wsy-" + t.code.Short()}
	event := func(q *booking.LectureRequest, at time.Time, s booking.Status, actor booking.Actor, note string) {
		q.History = append(q.History, booking.Event{At: at, Status: s, Actor: actor, Note: note})
		q.Status = s
	}

	var out []*booking.LectureRequest
	for _, a := range expertLectures {
		if r.IntN(4) == 0 {
			continue
		}
		day := dateOf(a.Start)
		at := day.Start().AddDate(0, 0, -7-r.IntN(24)).Add(time.Duration(9*60+r.IntN(11*60)) * time.Minute)
		q := newRequest(at, a.Topics)
		q.PreferredDates = []booking.DateRange{{From: day.AddDays(-2), To: day.AddDays(3)}}
		speaker := a.Speakers[slices.IndexFunc(a.Speakers, func(s healthedu.Speaker) bool { return s.Expert != "" })]
		q.Schedule = &booking.Schedule{Expert: speaker.Expert, Activity: a.ID, Date: day}
		event(q, at.Add(time.Duration(24+r.IntN(96))*time.Hour), booking.StatusScheduled, county, "已安排"+speaker.Name+"宣讲")
		q.Held = &booking.Held{Activity: a.ID, Date: day}
		held := a.End.Add(time.Duration(1+r.IntN(36)) * time.Hour)
		if held.After(last) {
			held = last
		}
		if held.Before(a.End) {
			held = a.End
		}
		event(q, held, booking.StatusHeld, centre, "")
		out = append(out, q)
	}

	before := monthIndex(g.end) - monthIndex(m)
	for range poisson(r, 0.12) {
		topics, _ := topicsFor(r)
		at := at(m, 1+r.IntN(m.Days()), 8+r.IntN(13), r.IntN(60))
		q := newRequest(at, topics)
		switch x := r.IntN(100); {
		case x < 30 || (before > 1 && x >= 62 && x < 80):
			if d := at.Add(time.Duration(2+r.IntN(8)) * 24 * time.Hour); !d.After(last) {
				q.DeclineReason = pick(r, declineReasons)
				event(q, d, booking.StatusDeclined, county, "")
			}
		case x < 55 || (before > 1 && x >= 80):
			if d := at.Add(time.Duration(1+r.IntN(15)) * 24 * time.Hour); !d.After(last) {
				event(q, d, booking.StatusCancelled, q.History[0].Actor, pick(r, cancelNotes))
			}
		case x >= 75 && len(gr.roster.experts) > 0:
			// Scheduled for a day after the months generated.
			if d := at.Add(time.Duration(2+r.IntN(5)) * 24 * time.Hour); !d.After(last) {
				day := dateOf(last).AddDays(1 + r.IntN(20))
				q.Schedule = &booking.Schedule{Expert: gr.expertFor(r, topics[0]).ID,
					Activity: fmt.Sprintf("act-%s-req-%s-%02d", t.code.Short(), m, seq), Date: day}
				event(q, d, booking.StatusScheduled, county, "")
			}
		}
		out = append(out, q)
	}
	return out
}
