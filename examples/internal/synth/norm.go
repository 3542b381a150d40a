package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// The national service norm (服务规范) asks of every township health centre
// and community health service centre, and of every village clinic and
// community health service station, forms of health education that
// package compliance checks: printed materials of 12 kinds a year,
// audio-visual materials of 6, bulletin boards whose content changes at
// least every two months, lectures (monthly for a centre, every two months
// for a station) and, for a centre, public consultation events. This file
// generates those records, from random streams of their own, so that the
// records generated before the norm's existed stay what they were.

// A material is a printed or audio-visual material of the synthetic
// catalogue (资料目录): its identifier, title and topic.
type material struct {
	id, title string
	topic     healthedu.Topic
}

// printedMaterials are the leaflets and handbooks institutions hand out
// (印刷资料), more kinds than the 12 a year the norm asks.
var printedMaterials = []material{
	{"YS-01", "高血压防治核心信息", "hypertension"},
	{"YS-02", "糖尿病防治核心信息", "diabetes"},
	{"YS-03", "中国公民健康素养66条", "literacy-66"},
	{"YS-04", "三减三健折页", "three-reductions-three-healths"},
	{"YS-05", "老年人防跌倒指导手册", "falls"},
	{"YS-06", "国家免疫规划疫苗接种程序", "vaccination"},
	{"YS-07", "中国居民膳食指南（2022）要点", "nutrition"},
	{"YS-08", "孕产妇保健手册", "maternal-child"},
	{"YS-09", "0～6岁儿童健康管理服务告知书", "maternal-child"},
	{"YS-10", "慢性阻塞性肺疾病防治知识", "chronic-disease"},
	{"YS-11", "冬春季呼吸道传染病防控提示", "infectious-disease"},
	{"YS-12", "中医药养生保健知识", "tcm"},
	{"YS-13", "控烟宣传折页", "tobacco"},
	{"YS-14", "心理健康自助手册", "mental-health"},
	{"YS-15", "家庭急救常识", "first-aid"},
	{"YS-16", "科学健身指导", "fitness"},
}

// audioVisualMaterials are the videos institutions play in their waiting
// rooms (音像资料), more kinds than the 6 a year the norm asks.
var audioVisualMaterials = []material{
	{"YX-01", "健康素养66条动画", "literacy-66"},
	{"YX-02", "高血压患者自我管理视频", "hypertension"},
	{"YX-03", "糖尿病足预防视频", "diabetes"},
	{"YX-04", "心肺复苏操作演示", "first-aid"},
	{"YX-05", "八段锦教学视频", "fitness"},
	{"YX-06", "合理膳食公益广告", "nutrition"},
	{"YX-07", "老年人防跌倒情景剧", "falls"},
	{"YX-08", "预防接种知识动画", "vaccination"},
}

// consultationDays are the themes of the public consultation events
// (公众健康咨询活动) by month, after the health days of the calendar.
var consultationDays = [12]struct {
	title string
	topic healthedu.Topic
}{
	{"冬季呼吸道疾病防治健康咨询", "infectious-disease"},
	{"春节健康饮食咨询", "nutrition"},
	{"世界防治结核病日宣传咨询", "infectious-disease"},
	{"世界卫生日健康咨询", "literacy-66"},
	{"世界高血压日健康咨询", "hypertension"},
	{"全国爱眼日健康咨询", "other"},
	{"夏季防溺水与防中暑咨询", "first-aid"},
	{"全民健身日健康咨询", "fitness"},
	{"全国爱牙日健康咨询", "three-reductions-three-healths"},
	{"全国高血压日健康咨询", "hypertension"},
	{"联合国糖尿病日健康咨询", "diabetes"},
	{"世界艾滋病日宣传咨询", "infectious-disease"},
}

// A normProfile is how an institution keeps to the norm, drawn once for
// it: most keep to it; a few hand out too few kinds of printed materials,
// and a few village clinics let their board go stale.
type normProfile struct {
	printedOffset, avOffset int
	fewKinds                bool // hands out the same 5 kinds of printed materials, year after year
	staleBoard              bool // stopped changing its board in the last five months generated
	boards                  []normBoard
}

// A normBoard is a bulletin board (宣传栏) with the day of the month on
// which its content is changed, every two months.
type normBoard struct {
	board healthedu.Board
	day   int
}

// A station is a township's village clinic (村卫生室), or in a sub-district
// its community health service station (社区卫生服务站).
type station struct {
	org    healthedu.Organizer
	doctor string // its village doctor
	place  string // the hall where it holds its lectures
}

// setUpNorm draws how township t's centre and its station keep to the
// norm, and its station, from a stream of their own.
func (g *generator) setUpNorm(t *township) error {
	r := g.stream("norm", t.code, healthedu.Period{})
	t.centreNorm = normProfile{
		printedOffset: r.IntN(len(printedMaterials)),
		avOffset:      r.IntN(len(audioVisualMaterials)),
		fewKinds:      r.IntN(12) == 0,
		boards: []normBoard{
			{healthedu.Board{ID: "门诊楼东侧宣传栏", AreaDm2: int64(240 + 10*r.IntN(17))}, 1 + r.IntN(28)},
			{healthedu.Board{ID: "院内健康教育长廊", AreaDm2: int64(300 + 20*r.IntN(11))}, 1 + r.IntN(28)},
		},
	}
	place, name, typ := t.short+villageName(r)+"村", "卫生室", healthedu.OrganizerType("village-clinic")
	if t.urban {
		place, name, typ = t.name+communityName(r)+"社区", "卫生服务站", "community-health-station"
	}
	name = place + name
	code, err := newCreditCode("52", t.group.area, name)
	if err != nil {
		return err
	}
	t.station = station{
		org:    healthedu.Organizer{CreditCode: code, Name: name, Type: typ, Division: t.code},
		doctor: personName(r),
		place:  place + "党群服务中心",
	}
	t.stationNorm = normProfile{
		printedOffset: r.IntN(len(printedMaterials)),
		avOffset:      r.IntN(len(audioVisualMaterials)),
		fewKinds:      r.IntN(12) == 0,
		staleBoard:    r.IntN(8) == 0,
		boards:        []normBoard{{healthedu.Board{ID: "卫生室门前宣传栏", AreaDm2: int64(200 + 10*r.IntN(11))}, 1 + r.IntN(28)}},
	}
	if t.urban {
		t.stationNorm.boards[0].board.ID = "服务站门前宣传栏"
	}
	return nil
}

// monthIndex returns the number of months from year 0 to month m.
func monthIndex(m healthedu.Period) int {
	y, mo, _ := m.Start().In(healthedu.ChinaStandardTime).Date()
	return 12*y + int(mo) - 1
}

// normActivities returns the records that township t's centre and station
// submit in month m for the norm, and the consultation events among them
// with their participants, which the centre's monthly report counts. The
// centre, each month: a printed material handed out (a new kind each month
// of the year), a consultation event; in every
// other month an audio-visual material played (a new kind) and each of its
// two boards changed. The station the same, but for the consultation
// events, which the norm does not ask of it, with one board, and a lecture
// in every other month. Boards are changed in the months an even number of
// months before Options.End, so that in the month after End, when a
// platform judges the year so far, none is due.
func (g *generator) normActivities(t *township, m healthedu.Period) (acts []*healthedu.Activity, consultations, participants int64) {
	r := g.stream("norm", t.code, m)
	month := int(m.Start().In(healthedu.ChinaStandardTime).Month())
	before := monthIndex(g.end) - monthIndex(m) // months from m to End
	seq := map[string]int{}
	next := func(who string) string {
		seq[who]++
		return fmt.Sprintf("act-%s-%s-%s%02d", t.code.Short(), m, who, seq[who])
	}
	for _, inst := range []struct {
		who  string
		org  healthedu.Organizer
		norm *normProfile
	}{{"c", t.centre, &t.centreNorm}, {"v", t.station.org, &t.stationNorm}} {
		station := inst.who == "v"
		// Printed materials: the kind of this month.
		k := month - 1
		if inst.norm.fewKinds {
			k %= 5
		}
		mat := printedMaterials[(k+inst.norm.printedOffset)%len(printedMaterials)]
		acts = append(acts, g.materialActivity(r, t, m, next(inst.who), inst.org, healthedu.FormPrintedMaterials, mat, station))
		if month%2 == 1 {
			mat := audioVisualMaterials[((month-1)/2+inst.norm.avOffset)%len(audioVisualMaterials)]
			acts = append(acts, g.materialActivity(r, t, m, next(inst.who), inst.org, healthedu.FormAudioVisual, mat, station))
		}
		if before%2 == 0 && !(inst.norm.staleBoard && before < 5) {
			for _, b := range inst.norm.boards {
				acts = append(acts, g.boardChange(r, t, m, next(inst.who), inst.org, b))
			}
		}
		if station {
			if month%2 == 1 {
				acts = append(acts, g.stationLecture(r, t, m, next(inst.who)))
			}
			continue
		}
		a := g.consultation(r, t, m, next(inst.who), month)
		consultations++
		participants += a.Participants
		acts = append(acts, a)
	}
	return acts, consultations, participants
}

// materialActivity returns a printed material handed out, or an
// audio-visual material played, by org in township t.
func (g *generator) materialActivity(r *rand.Rand, t *township, m healthedu.Period, id string, org healthedu.Organizer, form healthedu.ActivityForm, mat material, station bool) *healthedu.Activity {
	start := at(m, 1+r.IntN(m.Days()), 8, 0)
	end := start.Add(9 * time.Hour)
	venue := healthedu.Venue{Type: "health-education-point", Name: org.Name + "候诊区"}
	// Those who took a copy are counted; those who watched a video in the
	// waiting room are not.
	var participants, copies int64
	title := "播放《" + mat.title + "》"
	if form == healthedu.FormPrintedMaterials {
		title = "发放《" + mat.title + "》"
		participants = int64(20 + r.IntN(61))
		if station {
			participants = int64(10 + r.IntN(31))
		}
		copies = participants + int64(r.IntN(20))
	}
	return &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                title,
		Organizer:            org,
		Division:             t.code,
		Venue:                venue,
		Form:                 form,
		Topics:               []healthedu.Topic{mat.topic},
		TargetGroups:         topicGroups[mat.topic],
		Start:                start,
		End:                  end,
		Participants:         participants,
		MaterialsDistributed: copies,
		Material:             &healthedu.Material{ID: mat.id, Title: mat.title},
	}
}

// boardChange returns a change of the content of board b by org.
func (g *generator) boardChange(r *rand.Rand, t *township, m healthedu.Period, id string, org healthedu.Organizer, b normBoard) *healthedu.Activity {
	topic := pick(r, lectureTopics)
	start := at(m, min(b.day, m.Days()), 15, 0)
	board := b.board
	return &healthedu.Activity{
		Header:       header(healthedu.KindActivity, id),
		Title:        "更换宣传栏内容：" + pick(r, topicTitles[topic]),
		Organizer:    org,
		Division:     t.code,
		Venue:        healthedu.Venue{Type: "other", Name: org.Name + b.board.ID},
		Form:         healthedu.FormBulletinBoard,
		Topics:       []healthedu.Topic{topic},
		TargetGroups: topicGroups[topic],
		Start:        start,
		End:          start.Add(2 * time.Hour),
		Participants: 0,
		Evidence:     &healthedu.Evidence{Photos: []string{"archive/" + id + "/photo-1.jpg"}},
		Board:        &board,
	}
}

// consultation returns the centre's public consultation event of the
// month (公众健康咨询活动), on the month's health day.
func (g *generator) consultation(r *rand.Rand, t *township, m healthedu.Period, id string, month int) *healthedu.Activity {
	theme := consultationDays[month-1]
	start := at(m, 1+r.IntN(m.Days()), 8, 30)
	place := t.name + "党群服务中心广场"
	return &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                theme.title,
		Organizer:            t.centre,
		Division:             t.code,
		Venue:                healthedu.Venue{Type: "party-mass-service-center", Name: place},
		Form:                 healthedu.FormConsultation,
		Topics:               []healthedu.Topic{theme.topic},
		TargetGroups:         []healthedu.TargetGroup{"general"},
		Start:                start,
		End:                  start.Add(3 * time.Hour),
		Participants:         int64(60 + r.IntN(141)),
		MaterialsDistributed: int64(80 + r.IntN(121)),
		Speakers:             []healthedu.Speaker{{Name: t.instructors[r.IntN(2)].Name, Role: "family-doctor"}},
	}
}

// stationLecture returns the station's lecture of the two months
// (健康知识讲座), by its village doctor.
func (g *generator) stationLecture(r *rand.Rand, t *township, m healthedu.Period, id string) *healthedu.Activity {
	topics, groups := topicsFor(r)
	start := at(m, 1+r.IntN(m.Days()), pick(r, []int{9, 14, 19}), 0)
	return &healthedu.Activity{
		Header:               header(healthedu.KindActivity, id),
		Title:                pick(r, topicTitles[topics[0]]),
		Organizer:            t.station.org,
		Division:             t.code,
		Venue:                healthedu.Venue{Type: "party-mass-service-center", Name: t.station.place},
		Form:                 healthedu.FormLecture,
		Topics:               topics,
		TargetGroups:         groups,
		Start:                start,
		End:                  start.Add(time.Hour),
		Participants:         int64(15 + r.IntN(46)),
		MaterialsDistributed: int64(10 + r.IntN(31)),
		Speakers:             []healthedu.Speaker{{Name: t.station.doctor, Role: "family-doctor"}},
		Evidence:             evidence(id, 2, "sign-in.pdf"),
	}
}
