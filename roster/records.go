package roster

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
)

// The kinds of record this package defines (花名册记录类型).
const (
	KindInstructor  healthedu.Kind = "instructor"  // 健康指导员
	KindExpert      healthedu.Kind = "expert"      // 专家
	KindLectureTeam healthedu.Kind = "lectureTeam" // 宣讲团（队）
)

// Kinds returns the kinds of record this package defines (花名册记录类型):
// instructor ([Instructor]), expert ([Expert]) and lectureTeam
// ([LectureTeam]), for a [healthedu.Decoder] to take them
// (healthedu.DecodeOptions.Kinds), alone or with others:
//
//	healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), roster.Kinds()...)}
//
// Each call returns a new list.
func Kinds() healthedu.Kinds {
	return healthedu.Kinds{
		{Kind: KindInstructor, Names: healthedu.LocalizedText{ZhHans: "健康指导员", ZhHant: "健康指導員", En: "health instructor"},
			New: func() healthedu.Record { return new(Instructor) }},
		{Kind: KindExpert, Names: healthedu.LocalizedText{ZhHans: "专家", ZhHant: "專家", En: "expert"},
			New: func() healthedu.Record { return new(Expert) }},
		{Kind: KindLectureTeam, Names: healthedu.LocalizedText{ZhHans: "宣讲团（队）", ZhHant: "宣講團（隊）", En: "lecture team"},
			New: func() healthedu.Record { return new(LectureTeam) }},
	}
}

// Institution is the institution a person works for (所在单位): its
// unified social credit code, when it has one, and its name.
type Institution struct {
	// CreditCode is the institution's unified social credit code
	// (统一社会信用代码). Optional: a village committee may have none at
	// hand.
	CreditCode healthedu.CreditCode `json:"creditCode,omitzero"`
	// Name is the institution's name (单位名称).
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
}

// Instructor is a person residents bind to (健康指导员): a project
// administrator (项目管理员), a health instructor (健康指导员) or a family
// health instructor (家庭健康指导员), at one of the levels of a division,
// working for an institution, trained and assessed on given days.
//
// The record's id is a pseudonymous identifier chosen by the platform
// (指导员编号), the one its binding codes carry (see [Signer]); it never is
// a citizen ID number (roster.citizenId). The name is displayed, not used
// to identify.
//
// A citizen ID number, when a submitter gives one, is read only to check
// it and pseudonymise it: the Decoder checks its form and check character,
// Check its birth date, and [Instructor.Pseudonymise] replaces it by its
// keyed pseudonym before the record is stored, so that the number is never
// kept in clear. (CitizenID marshals to its masked form anyway, which no
// Decoder reads back: a record marshalled before Pseudonymise cannot be
// decoded again.)
type Instructor struct {
	healthedu.Header
	// Name is the instructor's name (姓名), for display.
	Name string `json:"name" jsonschema:"minLength=1,maxLength=50"`
	// Level is the level the instructor serves at (层级): that of Division.
	Level Level `json:"level"`
	// Division is the statistical division code of the area the
	// instructor serves (所属区划): a prefecture, county, township or
	// village.
	Division healthedu.DivisionCode `json:"division"`
	// Institution is the institution the instructor works for (所在单位).
	Institution Institution `json:"institution"`
	// Roles are the instructor's roles (身份), the first being the one a
	// binding names (see [BindingFromCode]).
	Roles []healthedu.InstructorRole `json:"roles" jsonschema:"minItems=1,maxItems=4,uniqueItems=true"`
	// TrainedOn is the day the instructor completed training (培训日期).
	TrainedOn healthedu.Date `json:"trainedOn,omitzero"`
	// AssessedOn is the day the instructor passed assessment (考核日期),
	// not before TrainedOn.
	AssessedOn healthedu.Date `json:"assessedOn,omitzero"`
	// CitizenID is the instructor's citizen ID number (公民身份号码), read
	// to check and pseudonymise it (see [Instructor.Pseudonymise]) and
	// never stored in clear. Optional.
	CitizenID healthedu.CitizenID `json:"citizenId,omitzero"`
	// Pseudonym is the keyed pseudonym of the citizen ID number (身份证号假名)
	// that Pseudonymise put in its place. Not given with CitizenID.
	Pseudonym healthedu.Pseudonym `json:"pseudonym,omitzero"`
}

// MinKeyLen is the least length of a pseudonymisation key (假名化密钥) in
// bytes that [Instructor.Pseudonymise] takes.
const MinKeyLen = 32

// Pseudonymise replaces the instructor's citizen ID number by its keyed
// pseudonym under key (假名化; see [healthedu.CitizenID.Pseudonym]) and
// clears the number, so that the record can be stored and marshalled
// without it. Without a number it does nothing. It fails, changing
// nothing, when key is shorter than [MinKeyLen]. A platform calls it on
// every instructor record it accepts, before storing it.
func (in *Instructor) Pseudonymise(key []byte) error {
	if len(key) < MinKeyLen {
		return errors.New("roster: pseudonymisation key shorter than " + strconv.Itoa(MinKeyLen) + " bytes")
	}
	if in.CitizenID.IsValid() {
		in.Pseudonym = in.CitizenID.Pseudonym(key)
		in.CitizenID = healthedu.CitizenID{}
	}
	return nil
}

// RecordDivision returns the division the instructor serves.
func (in *Instructor) RecordDivision() healthedu.DivisionCode { return in.Division }

// RecordPeriod returns the zero Period and "": a register entry has no
// period.
func (in *Instructor) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// Check reports what is wrong with the instructor by the rules a Decoder
// cannot see in one member alone, with paths relative to the record:
//
//   - a division not in v's registry ("division.unknown"), or of another
//     level than Level ("roster.levelMismatch");
//   - training or assessment days outside what v accepts ("time.*"), an
//     assessment before the training ("roster.assessedBeforeTrained");
//   - a citizen ID number born after v's now ("citizenId.future") or
//     after the training; a number given with a pseudonym
//     ("roster.citizenIdWithPseudonym");
//   - an id shaped like a citizen ID number, or a name or institution name
//     that holds one ("roster.citizenId").
func (in *Instructor) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	issues = appendDivision(issues, v, in.Division, in.Level, "division")
	issues = v.AppendDate(issues, in.TrainedOn, healthedu.Pointer("trainedOn"))
	issues = v.AppendDate(issues, in.AssessedOn, healthedu.Pointer("assessedOn"))
	if in.TrainedOn.IsValid() && in.AssessedOn.IsValid() && in.AssessedOn.Compare(in.TrainedOn) < 0 {
		issues = append(issues, healthedu.NewIssue("roster.assessedBeforeTrained", healthedu.Pointer("assessedOn"),
			map[string]any{"assessedOn": in.AssessedOn.String(), "trainedOn": in.TrainedOn.String()}))
	}
	var trained time.Time
	if in.TrainedOn.IsValid() {
		trained = in.TrainedOn.Start()
	}
	issues = v.AppendCitizenID(issues, in.CitizenID, trained, healthedu.Pointer("citizenId"))
	if in.CitizenID.IsValid() && !in.Pseudonym.IsZero() {
		issues = append(issues, healthedu.NewIssue("roster.citizenIdWithPseudonym", healthedu.Pointer("pseudonym"), nil))
	}
	issues = appendCitizenIDShaped(issues, in.ID, "id")
	issues = appendCitizenIDText(issues, in.Name, "name")
	return appendCitizenIDText(issues, in.Institution.Name, "institution", "name")
}

// Pool is a pool of experts an expert belongs to (专家库), such as a
// science-popularisation expert pool (科普专家库) or an expert lecture
// corps (金牌宣讲团): an identifier the platform chooses and a name.
type Pool struct {
	// ID is the pool's identifier (专家库编号).
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Name is the pool's name (专家库名称), such as "科普专家库".
	Name string `json:"name,omitempty" jsonschema:"maxLength=100"`
}

// Expert is a person of the expert pools (专家) — a doctor, a disease
// control specialist, a nutritionist — who gives lectures and
// consultations on the topics of their specialties, in the pools and
// lecture teams they belong to. The record's id is the platform's
// identifier of the expert (专家编号), the one an activity's speaker names
// (healthedu.Speaker.Expert).
type Expert struct {
	healthedu.Header
	// Name is the expert's name (姓名), for display.
	Name string `json:"name" jsonschema:"minLength=1,maxLength=50"`
	// Division is the statistical division code of the area whose pools
	// keep the expert (所属区划), such as 聊城 3715 for its lecture corps.
	Division healthedu.DivisionCode `json:"division"`
	// Institution is the institution the expert works for (所在单位).
	Institution Institution `json:"institution"`
	// Title is the expert's professional title (职称), such as "主任医师".
	Title string `json:"title,omitempty" jsonschema:"maxLength=50"`
	// Specialties are the topics the expert speaks on (专业领域), as topic
	// codes.
	Specialties []healthedu.Topic `json:"specialties" jsonschema:"minItems=1,maxItems=17,uniqueItems=true"`
	// Pools are the expert pools the expert belongs to (所属专家库), each
	// once.
	Pools []Pool `json:"pools,omitempty" jsonschema:"maxItems=20"`
	// Teams are the ids of the lecture teams the expert belongs to
	// (所属宣讲队伍), records of kind lectureTeam.
	Teams []string `json:"teams,omitempty" jsonschema:"maxItems=20,uniqueItems=true,minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
}

// RecordDivision returns the division whose pools keep the expert.
func (e *Expert) RecordDivision() healthedu.DivisionCode { return e.Division }

// RecordPeriod returns the zero Period and "": a register entry has no
// period.
func (e *Expert) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// Check reports what is wrong with the expert by the rules a Decoder
// cannot see in one member alone, with paths relative to the record: a
// division not in v's registry ("division.unknown"), a pool listed twice
// ("roster.duplicatePool"), an id shaped like a citizen ID number or a
// name, title or institution name that holds one ("roster.citizenId").
// Whether its teams exist is for a [Register] to say.
func (e *Expert) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	issues = appendDivision(issues, v, e.Division, "", "division")
	for i, p := range e.Pools {
		if slices.ContainsFunc(e.Pools[:i], func(q Pool) bool { return q.ID == p.ID }) {
			issues = append(issues, healthedu.NewIssue("roster.duplicatePool", healthedu.Pointer("pools", strconv.Itoa(i), "id"),
				map[string]any{"value": p.ID}))
		}
	}
	issues = appendCitizenIDShaped(issues, e.ID, "id")
	issues = appendCitizenIDText(issues, e.Name, "name")
	issues = appendCitizenIDText(issues, e.Title, "title")
	return appendCitizenIDText(issues, e.Institution.Name, "institution", "name")
}

// LectureTeam is a lecture team (宣讲团、宣讲队): experts and instructors
// who go out together to lecture — 聊城's 440 teams door to door with
// handbooks, its 896-strong expert corps — organised at a level of a
// division, with a leader among its members.
type LectureTeam struct {
	healthedu.Header
	// Name is the team's name (名称), such as "白衣风采宣讲队".
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Division is the statistical division code of the area the team
	// serves (所属区划).
	Division healthedu.DivisionCode `json:"division"`
	// Level is the level the team is organised at (层级): that of
	// Division.
	Level Level `json:"level"`
	// Experts are the ids of the experts among its members (专家成员),
	// records of kind expert.
	Experts []string `json:"experts,omitempty" jsonschema:"maxItems=1000,uniqueItems=true,minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Instructors are the ids of the instructors among its members
	// (指导员成员), records of kind instructor.
	Instructors []string `json:"instructors,omitempty" jsonschema:"maxItems=1000,uniqueItems=true,minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
	// Leader is the id of the team's leader (队长), one of its members.
	Leader string `json:"leader,omitempty" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
}

// RecordDivision returns the division the team serves.
func (t *LectureTeam) RecordDivision() healthedu.DivisionCode { return t.Division }

// RecordPeriod returns the zero Period and "": a register entry has no
// period.
func (t *LectureTeam) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// Check reports what is wrong with the team by the rules a Decoder cannot
// see in one member alone, with paths relative to the record: a division
// not in v's registry ("division.unknown") or of another level than Level
// ("roster.levelMismatch"), a team without members ("roster.teamEmpty"),
// a leader who is not a member ("roster.leaderNotMember"), an id shaped
// like a citizen ID number or a name that holds one ("roster.citizenId").
// Whether its members exist is for a [Register] to say.
func (t *LectureTeam) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	issues = appendDivision(issues, v, t.Division, t.Level, "division")
	if len(t.Experts) == 0 && len(t.Instructors) == 0 {
		issues = append(issues, healthedu.NewIssue("roster.teamEmpty", "", nil))
	}
	if t.Leader != "" && !slices.Contains(t.Experts, t.Leader) && !slices.Contains(t.Instructors, t.Leader) {
		issues = append(issues, healthedu.NewIssue("roster.leaderNotMember", healthedu.Pointer("leader"),
			map[string]any{"value": t.Leader}))
	}
	issues = appendCitizenIDShaped(issues, t.ID, "id")
	issues = appendCitizenIDText(issues, t.Name, "name")
	for i, id := range t.Experts {
		issues = appendCitizenIDShaped(issues, id, "experts", strconv.Itoa(i))
	}
	for i, id := range t.Instructors {
		issues = appendCitizenIDShaped(issues, id, "instructors", strconv.Itoa(i))
	}
	return appendCitizenIDShaped(issues, t.Leader, "leader")
}

// appendDivision appends the issues of a division not in v's registry and,
// when level is not "", of a division of another level.
func appendDivision(dst []healthedu.Issue, v *healthedu.Validator, d healthedu.DivisionCode, level Level, path string) []healthedu.Issue {
	if !d.IsValid() {
		return dst
	}
	if !v.KnownDivision(d) {
		dst = append(dst, healthedu.NewIssue("division.unknown", healthedu.Pointer(path), map[string]any{"value": d.Short()}))
	}
	if level.IsValid() && d.Level() != level.DivisionLevel() {
		dst = append(dst, healthedu.NewIssue("roster.levelMismatch", healthedu.Pointer("level"),
			map[string]any{"level": string(level), "division": d.Short()}))
	}
	return dst
}

// appendCitizenIDShaped appends roster.citizenId when the identifier s has
// the shape of a citizen ID number (17 digits and a digit or X, or 15
// digits), whether or not its check character is right, as the schema's
// pattern says it; else the issue of a number inside it.
func appendCitizenIDShaped(dst []healthedu.Issue, s string, path ...string) []healthedu.Issue {
	if checkchar.CitizenIDShaped(s) {
		return append(dst, healthedu.NewIssue("roster.citizenId", healthedu.Pointer(path...), nil))
	}
	return appendCitizenIDText(dst, s, path...)
}

// appendCitizenIDText appends roster.citizenId when the text s holds a
// citizen ID number.
func appendCitizenIDText(dst []healthedu.Issue, s string, path ...string) []healthedu.Issue {
	if s != "" && healthedu.RedactCitizenIDs(s) != s {
		return append(dst, healthedu.NewIssue("roster.citizenId", healthedu.Pointer(path...), nil))
	}
	return dst
}
