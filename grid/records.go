package grid

import (
	"slices"
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// The kinds of record this package defines (记录类型). They go through
// healthedu's decoder, validator and schema generator like the exchange
// kinds, for a program that passes them (see [Kinds]).
const (
	KindGrid           healthedu.Kind = "grid"           // 网格
	KindBuilding       healthedu.Kind = "building"       // 楼栋
	KindHousehold      healthedu.Kind = "household"      // 家庭
	KindResident       healthedu.Kind = "resident"       // 居民
	KindGridTeam       healthedu.Kind = "gridTeam"       // 网格健康服务团队
	KindHouseholdVisit healthedu.Kind = "householdVisit" // 家庭医生入户随访
	KindCampaign       healthedu.Kind = "campaign"       // 服务闭环宣教活动
	KindLoopEvent      healthedu.Kind = "loopEvent"      // 服务闭环事件
)

// Kinds returns the kinds of record this package defines (网格记录类型), for a
// [healthedu.Decoder] to take them (healthedu.DecodeOptions.Kinds), alone
// or with others:
//
//	healthedu.DecodeOptions{Kinds: append(healthedu.ExchangeKinds(), grid.Kinds()...)}
//
// Each call returns a new list.
func Kinds() healthedu.Kinds {
	text := func(zhHans, zhHant, en string) healthedu.LocalizedText {
		return healthedu.LocalizedText{ZhHans: zhHans, ZhHant: zhHant, En: en}
	}
	return healthedu.Kinds{
		{Kind: KindGrid, Names: text("网格", "網格", "grid"), New: func() healthedu.Record { return new(Grid) }},
		{Kind: KindBuilding, Names: text("楼栋", "樓棟", "building"), New: func() healthedu.Record { return new(Building) }},
		{Kind: KindHousehold, Names: text("家庭", "家庭", "household"), New: func() healthedu.Record { return new(Household) }},
		{Kind: KindResident, Names: text("居民", "居民", "resident"), New: func() healthedu.Record { return new(Resident) }},
		{Kind: KindGridTeam, Names: text("网格健康服务团队", "網格健康服務團隊", "grid health service team"), New: func() healthedu.Record { return new(GridTeam) }},
		{Kind: KindHouseholdVisit, Names: text("家庭医生入户随访", "家庭醫師入戶隨訪", "family doctor's household visit"), New: func() healthedu.Record { return new(HouseholdVisit) }},
		{Kind: KindCampaign, Names: text("服务闭环宣教活动", "服務閉環宣教活動", "service loop campaign"), New: func() healthedu.Record { return new(Campaign) }},
		{Kind: KindLoopEvent, Names: text("服务闭环事件", "服務閉環事件", "service loop event"), New: func() healthedu.Record { return new(LoopEvent) }},
	}
}

// Grid is a governance grid (网格): the smallest unit of community
// governance, inside one community (社区, residents' committee) or village
// (村, villagers' committee). Buildings and households belong to a grid,
// and each grid has one health service team.
type Grid struct {
	healthedu.Header
	// Name is the grid's name (网格名称), such as "古楼街道东关社区第3网格".
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Division is the statistical division code of the community or
	// village the grid lies in (所属社区/村区划代码), a village-level code.
	Division healthedu.DivisionCode `json:"division"`
}

// Building is a building of a grid (楼栋), the level between grid and
// household in the service units 网格-楼栋-家庭. Rural households may
// belong to no building.
type Building struct {
	healthedu.Header
	// Grid is the ID of the grid record the building belongs to (所属网格).
	Grid string `json:"grid" jsonschema:"minLength=1,maxLength=64"`
	// Name is the building's name or number (楼栋名称), such as "3号楼".
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
}

// Household is a household (家庭), the unit a family doctor signs and
// visits, with its family health file.
type Household struct {
	healthedu.Header
	// Grid is the ID of the grid record the household belongs to (所属网格).
	Grid string `json:"grid" jsonschema:"minLength=1,maxLength=64"`
	// Building is the ID of the building record, when the household lives
	// in one (所属楼栋).
	Building string `json:"building,omitempty" jsonschema:"maxLength=64"`
	// Door is the door or house number within the building or village
	// (门牌号), such as "2单元301".
	Door string `json:"door,omitempty" jsonschema:"maxLength=50"`
	// HealthDifficulty marks a health-difficulty household (健康困难户):
	// low-income or disabled, entitled to free check-ups, a medicine
	// subsidy and zero self-pay contracts.
	HealthDifficulty bool `json:"healthDifficulty,omitempty"`
}

// Resident is a resident of a household as submitted (居民). The citizen
// ID number is read only to be pseudonymised with the platform's key: a
// [Register] keeps the [healthedu.Pseudonym], never the number, and the
// number never appears in clear in any output (see [healthedu.CitizenID]).
type Resident struct {
	healthedu.Header
	// Household is the ID of the household record (所属家庭).
	Household string `json:"household" jsonschema:"minLength=1,maxLength=64"`
	// CitizenID is the resident's citizen ID number (公民身份号码).
	CitizenID healthedu.CitizenID `json:"citizenId"`
	// AgeBand is the resident's age band (年龄段).
	AgeBand AgeBand `json:"ageBand"`
	// Conditions are the conditions under management (健康状况), such as
	// hypertension or diabetes.
	Conditions []Condition `json:"conditions,omitempty" jsonschema:"maxItems=20,uniqueItems=true"`
	// LivingAlone marks a resident who lives alone (独居), whom the no-outing
	// alert watches.
	LivingAlone bool `json:"livingAlone,omitempty"`
	// Authorisation is the resident's data authorisation (数据授权) and when
	// it was given or last changed.
	Authorisation Authorisation `json:"authorisation"`
}

// AgeBandOf returns the age band of a resident aged age in whole years;
// a negative age counts as 0.
func AgeBandOf(age int) AgeBand {
	switch {
	case age <= 6:
		return Age0To6
	case age <= 17:
		return Age7To17
	case age <= 59:
		return Age18To59
	case age <= 64:
		return Age60To64
	case age <= 79:
		return Age65To79
	}
	return Age80Plus
}

// An Authorisation is a resident's data authorisation (数据授权使用): whether
// their health data may be shared with the community (社区: grid workers,
// the grid leader, the emergency contact team) and with medical
// institutions (医疗机构: the family doctor, the community health service
// centre), from the instant At on. A later authorisation replaces it: the
// resident withdraws consent by giving one with false.
type Authorisation struct {
	// Community is consent to share with the community (同意向社区共享).
	Community bool `json:"community"`
	// Medical is consent to share with medical institutions
	// (同意向医疗机构共享).
	Medical bool `json:"medical"`
	// At is when the authorisation was given or withdrawn (授权/撤回时间).
	At time.Time `json:"at"`
}

// Allows reports whether the authorisation lets a resident's data reach
// recipients of class c (see [RecipientClass]): a medical recipient only
// with Medical, a community recipient only with Community, the family and
// target groups always. The [Engine] applies it when it sends; a server
// that keeps notifications and shows them again later applies it to the
// authorisation in force then ([Register.Authorisation]), so that a
// withdrawal hides what was sent before it.
func (a Authorisation) Allows(c RecipientClass) bool {
	switch c {
	case ClassMedical:
		return a.Medical
	case ClassCommunity:
		return a.Community
	case ClassFamily, ClassPublic:
		return true
	}
	return false
}

// GridTeam is a grid's health service team (网格健康服务团队), "1+1+1+N":
// exactly one grid leader (网格长) who coordinates, one family doctor
// (家庭医生) for professional guidance, one health volunteer (健康志愿者) who
// organises, and any number of partners (合作方): community health
// centres, social organisations, caring enterprises. [TeamRules.Check]
// states the rules.
type GridTeam struct {
	healthedu.Header
	// Grid is the ID of the grid record the team serves (服务网格).
	Grid string `json:"grid" jsonschema:"minLength=1,maxLength=64"`
	// Members are the team's members (团队成员).
	Members []TeamMember `json:"members" jsonschema:"minItems=1,maxItems=100"`
}

// TeamMember is a member of a grid team (团队成员).
type TeamMember struct {
	// ID is the member's staff identifier (人员编号), unique in the team; it
	// names the doctor in household visits and whoever acknowledges an
	// alert.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// Name is the member's name (姓名), or the partner organisation's.
	Name string `json:"name" jsonschema:"minLength=1,maxLength=100"`
	// Role is the member's role in the team (团队角色).
	Role Role `json:"role"`
	// Partner is the kind of partner (合作方类型), required for partners and
	// absent for other roles.
	Partner PartnerKind `json:"partner,omitempty"`
	// DaysInCommunity is how many days a week a family doctor sits in the
	// community (每周驻社区天数), at least 2.
	DaysInCommunity int `json:"daysInCommunity,omitempty" jsonschema:"minimum=0,maximum=7"`
	// SignedHouseholds are the IDs of the household records a family
	// doctor has signed (签约家庭), 50 to 80 of them.
	SignedHouseholds []string `json:"signedHouseholds,omitempty" jsonschema:"maxItems=1000,uniqueItems=true"`
}

// HouseholdVisit records a family doctor's visit to a household
// (家庭医生入户随访). Each signed household is to be visited at least once a
// month; see [Register.Unvisited].
type HouseholdVisit struct {
	healthedu.Header
	// Household is the ID of the household record visited (随访家庭).
	Household string `json:"household" jsonschema:"minLength=1,maxLength=64"`
	// Doctor is the team member ID of the visiting family doctor (随访医生).
	Doctor string `json:"doctor" jsonschema:"minLength=1,maxLength=64"`
	// At is when the visit took place (随访时间).
	At time.Time `json:"at"`
}

// Campaign is one turn of a grid's service loop for one target group
// (服务闭环宣教活动): needs survey (需求摸排) → content tailoring (内容定制) →
// precise education (精准宣教) → effect tracking (效果跟踪). Its stages are
// completed by [LoopEvent] records; see [Loop].
type Campaign struct {
	healthedu.Header
	// Grid is the ID of the grid record that runs the campaign (网格).
	Grid string `json:"grid" jsonschema:"minLength=1,maxLength=64"`
	// TargetGroup is the group the campaign addresses (目标人群).
	TargetGroup healthedu.TargetGroup `json:"targetGroup"`
	// Title is the campaign's title (主题), such as "冬季呼吸道疾病防治".
	Title string `json:"title,omitempty" jsonschema:"maxLength=200"`
	// Opened is when the campaign opened and its needs survey began
	// (启动时间).
	Opened time.Time `json:"opened"`
	// StageDays are the days allotted to each stage (各阶段时限), counted
	// from the stage's start; missing or zero entries take
	// [DefaultStageDays].
	StageDays *StageDays `json:"stageDays,omitempty"`
}

// StageDays are the days allotted to each stage of a campaign (各阶段时限).
// A zero entry takes its value from [DefaultStageDays].
type StageDays struct {
	NeedsSurvey      int `json:"needsSurvey,omitempty" jsonschema:"minimum=1,maximum=366"`      // 需求摸排
	ContentTailoring int `json:"contentTailoring,omitempty" jsonschema:"minimum=1,maximum=366"` // 内容定制
	PreciseEducation int `json:"preciseEducation,omitempty" jsonschema:"minimum=1,maximum=366"` // 精准宣教
	EffectTracking   int `json:"effectTracking,omitempty" jsonschema:"minimum=1,maximum=366"`   // 效果跟踪
}

// DefaultStageDays returns the days allotted to each stage when a
// campaign does not say: 14 for the needs survey, 7 for content
// tailoring, 30 for precise education and 30 for effect tracking. The
// source documents set no deadlines; these follow the monthly rhythm of
// the residents' council (居民议事会) and are jiceng's choice.
func DefaultStageDays() StageDays {
	return StageDays{NeedsSurvey: 14, ContentTailoring: 7, PreciseEducation: 30, EffectTracking: 30}
}

// days returns the days allotted to stage i (0 to 3), with defaults.
func (d *StageDays) days(i int) int {
	def := DefaultStageDays()
	all, given := def.list(), [4]int{}
	if d != nil {
		given = d.list()
	}
	if given[i] > 0 {
		return given[i]
	}
	return all[i]
}

func (d StageDays) list() [4]int {
	return [4]int{d.NeedsSurvey, d.ContentTailoring, d.PreciseEducation, d.EffectTracking}
}

// LoopEvent records that a campaign completed a stage (服务闭环事件), with
// the households the stage reached.
type LoopEvent struct {
	healthedu.Header
	// Campaign is the ID of the campaign record (所属活动).
	Campaign string `json:"campaign" jsonschema:"minLength=1,maxLength=64"`
	// Stage is the stage completed (完成阶段).
	Stage Stage `json:"stage"`
	// At is when the stage was completed (完成时间).
	At time.Time `json:"at"`
	// Households is the number of households the stage reached (覆盖户数):
	// surveyed in the needs survey, educated in precise education, followed
	// up in effect tracking.
	Households int64 `json:"households,omitempty" jsonschema:"minimum=0,maximum=100000000"`
	// Improved is, for effect tracking, how many of the households tracked
	// improved (改善户数); it is absent for other stages.
	Improved int64 `json:"improved,omitempty" jsonschema:"minimum=0,maximum=100000000"`
}

// Each record type is a [healthedu.Record]. Its Check method holds the
// rules a [healthedu.Decoder] cannot see in one field alone, with paths
// relative to the record, and skips a rule whose input is missing, as
// healthedu's Validator does. The rules that need other records, such as a
// household's grid, are [Register.Add]'s, which also reports the fields a
// record built in Go leaves empty ("grid.required"). A grid is for its
// division and the events (visits, campaigns, loop events) for the month
// they happened in; the other records stand in the register, for no
// division of their own and no period.

// RecordDivision returns the division of the community or village the
// grid lies in.
func (g *Grid) RecordDivision() healthedu.DivisionCode { return g.Division }

// RecordPeriod returns the zero Period and "": a grid is for no period.
func (g *Grid) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// RecordDivision returns the zero DivisionCode: a building is in its
// grid's division.
func (b *Building) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the zero Period and "": a building is for no period.
func (b *Building) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// RecordDivision returns the zero DivisionCode: a household is in its
// grid's division.
func (h *Household) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the zero Period and "": a household is for no
// period.
func (h *Household) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// RecordDivision returns the zero DivisionCode: a resident is in the
// division of their household's grid.
func (r *Resident) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the zero Period and "": a resident is for no
// period.
func (r *Resident) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// RecordDivision returns the zero DivisionCode: a team serves its grid's
// division.
func (t *GridTeam) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the zero Period and "": a team is for no period.
func (t *GridTeam) RecordPeriod() (healthedu.Period, string) { return healthedu.Period{}, "" }

// RecordDivision returns the zero DivisionCode: a visit is in the
// division of the household's grid.
func (hv *HouseholdVisit) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the month of the visit, in China Standard Time,
// and "/at".
func (hv *HouseholdVisit) RecordPeriod() (healthedu.Period, string) {
	return healthedu.PeriodOf(healthedu.PeriodMonth, hv.At), "/at"
}

// RecordDivision returns the zero DivisionCode: a campaign is in its
// grid's division.
func (c *Campaign) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the month the campaign opened in, in China
// Standard Time, and "/opened".
func (c *Campaign) RecordPeriod() (healthedu.Period, string) {
	return healthedu.PeriodOf(healthedu.PeriodMonth, c.Opened), "/opened"
}

// RecordDivision returns the zero DivisionCode: an event is in the
// division of its campaign's grid.
func (e *LoopEvent) RecordDivision() healthedu.DivisionCode { return healthedu.DivisionCode{} }

// RecordPeriod returns the month of the event, in China Standard Time,
// and "/at".
func (e *LoopEvent) RecordPeriod() (healthedu.Period, string) {
	return healthedu.PeriodOf(healthedu.PeriodMonth, e.At), "/at"
}

// Check reports a division that is not village-level ("grid.divisionLevel")
// or not in v's registry ("division.unknown").
func (g *Grid) Check(v *healthedu.Validator) []healthedu.Issue {
	switch {
	case !g.Division.IsValid():
		return nil
	case g.Division.Level() != healthedu.LevelVillage:
		return []healthedu.Issue{healthedu.NewIssue("grid.divisionLevel", healthedu.Pointer("division"),
			map[string]any{"value": g.Division.Short()})}
	case !v.KnownDivision(g.Division):
		return []healthedu.Issue{healthedu.NewIssue("division.unknown", healthedu.Pointer("division"),
			map[string]any{"value": g.Division.Short()})}
	}
	return nil
}

// Check reports nothing: a building has no rule of its own.
func (b *Building) Check(v *healthedu.Validator) []healthedu.Issue { return nil }

// Check reports nothing: a household has no rule of its own.
func (h *Household) Check(v *healthedu.Validator) []healthedu.Issue { return nil }

// Check reports an authorisation dated outside the range of times v
// accepts ("time.outOfRange", "time.tooEarly", "time.future", see
// [healthedu.Validator.AppendTime]) or before the resident's birth
// ("citizenId.bornAfter"), a citizen ID whose
// birth date is after v.Now ("citizenId.future"), and, with v.Now, an age
// band that does not fit the age the citizen ID gives ("grid.ageBand", a
// warning).
func (r *Resident) Check(v *healthedu.Validator) []healthedu.Issue {
	issues := v.AppendTime(nil, r.Authorisation.At, healthedu.Pointer("authorisation", "at"))
	id := r.CitizenID
	if !id.IsValid() {
		return issues
	}
	issues = v.AppendCitizenID(issues, id, r.Authorisation.At, healthedu.Pointer("citizenId"))
	if r.AgeBand.IsValid() && !v.Now.IsZero() {
		if want := AgeBandOf(id.Age(v.Now)); want != r.AgeBand {
			issues = append(issues, healthedu.NewIssue("grid.ageBand", healthedu.Pointer("ageBand"),
				map[string]any{"value": string(r.AgeBand), "expected": string(want)}))
		}
	}
	return issues
}

// Check reports what [DefaultTeamRules] find wrong with the team; a
// [Register] checks its teams by its own rules.
func (t *GridTeam) Check(v *healthedu.Validator) []healthedu.Issue {
	return DefaultTeamRules().Check(t)
}

// Check reports a visit dated outside the range of times v accepts
// ("time.outOfRange", "time.tooEarly", "time.future").
func (hv *HouseholdVisit) Check(v *healthedu.Validator) []healthedu.Issue {
	return v.AppendTime(nil, hv.At, healthedu.Pointer("at"))
}

// Check reports a campaign opened outside the range of times v accepts
// ("time.outOfRange", "time.tooEarly", "time.future").
func (c *Campaign) Check(v *healthedu.Validator) []healthedu.Issue {
	return v.AppendTime(nil, c.Opened, healthedu.Pointer("opened"))
}

// Check reports an event dated outside the range of times v accepts
// ("time.outOfRange", "time.tooEarly", "time.future"), improved
// households counted for a stage other than effect tracking
// ("loop.improvedStage") or more of them than households tracked
// ("loop.improved").
func (e *LoopEvent) Check(v *healthedu.Validator) []healthedu.Issue {
	issues := v.AppendTime(nil, e.At, healthedu.Pointer("at"))
	switch {
	case e.Improved > 0 && e.Stage != StageEffectTracking:
		issues = append(issues, healthedu.NewIssue("loop.improvedStage", healthedu.Pointer("improved"),
			map[string]any{"stage": string(e.Stage)}))
	case e.Improved > e.Households:
		issues = append(issues, healthedu.NewIssue("loop.improved", healthedu.Pointer("improved"),
			map[string]any{"improved": e.Improved, "households": e.Households}))
	}
	return issues
}

// missing reports the required fields of rec left empty, and enumerated
// fields outside their enumeration: what the Decoder rejects in a
// submitted document, but a record built in Go may lack.
func missing(rec healthedu.Record) []healthedu.Issue {
	var issues []healthedu.Issue
	switch r := rec.(type) {
	case *Grid:
		issues = requireText(issues, r.Name, "name")
		if !r.Division.IsValid() {
			issues = append(issues, requiredIssue("division"))
		}
	case *Building:
		issues = requireText(issues, r.Grid, "grid")
		issues = requireText(issues, r.Name, "name")
	case *Household:
		issues = requireText(issues, r.Grid, "grid")
	case *Resident:
		issues = requireText(issues, r.Household, "household")
		if !r.CitizenID.IsValid() {
			issues = append(issues, requiredIssue("citizenId"))
		}
		issues = checkEnum(issues, r.AgeBand.IsValid(), string(r.AgeBand), "ageBand")
		for i, c := range r.Conditions {
			path := healthedu.Pointer("conditions", strconv.Itoa(i))
			switch {
			case !c.IsValid():
				issues = append(issues, healthedu.NewIssue("value.invalid", path, nil))
			case slices.Contains(r.Conditions[:i], c):
				issues = append(issues, healthedu.NewIssue("grid.duplicate", path, map[string]any{"value": string(c)}))
			}
		}
		if r.Authorisation.At.IsZero() {
			issues = append(issues, requiredIssue("authorisation", "at"))
		}
	case *GridTeam:
		// TeamRules.Check reports the team's missing fields.
	case *HouseholdVisit:
		issues = requireText(issues, r.Household, "household")
		issues = requireText(issues, r.Doctor, "doctor")
		if r.At.IsZero() {
			issues = append(issues, requiredIssue("at"))
		}
	case *Campaign:
		issues = requireText(issues, r.Grid, "grid")
		issues = checkEnum(issues, targetGroupValid(r.TargetGroup), string(r.TargetGroup), "targetGroup")
		if r.Opened.IsZero() {
			issues = append(issues, requiredIssue("opened"))
		}
		if r.StageDays != nil {
			names := [4]string{"needsSurvey", "contentTailoring", "preciseEducation", "effectTracking"}
			for i, d := range r.StageDays.list() {
				if d < 0 || d > 366 {
					issues = append(issues, healthedu.NewIssue("loop.stageDays", healthedu.Pointer("stageDays", names[i]),
						map[string]any{"value": d}))
				}
			}
		}
	case *LoopEvent:
		issues = requireText(issues, r.Campaign, "campaign")
		issues = checkEnum(issues, r.Stage.IsValid(), string(r.Stage), "stage")
		if r.At.IsZero() {
			issues = append(issues, requiredIssue("at"))
		}
		if r.Households < 0 {
			issues = append(issues, healthedu.NewIssue("value.invalid", healthedu.Pointer("households"), nil))
		}
		if r.Improved < 0 {
			issues = append(issues, healthedu.NewIssue("value.invalid", healthedu.Pointer("improved"), nil))
		}
	}
	return issues
}

// targetGroupValid reports whether g is one of healthedu's target groups.
func targetGroupValid(g healthedu.TargetGroup) bool {
	return g != "" && slices.Contains(g.EnumValues(), string(g))
}

// requiredIssue returns the issue for a required field left empty.
func requiredIssue(path ...string) healthedu.Issue {
	return healthedu.NewIssue("grid.required", healthedu.Pointer(path...), map[string]any{"field": path[len(path)-1]})
}

// requireText appends to issues the issue for field when s is empty.
func requireText(issues []healthedu.Issue, s, field string) []healthedu.Issue {
	if s == "" {
		issues = append(issues, requiredIssue(field))
	}
	return issues
}

// checkEnum appends to issues the issue for field when its value v is not
// valid: grid.required when empty, value.invalid otherwise.
func checkEnum(issues []healthedu.Issue, valid bool, v, field string) []healthedu.Issue {
	switch {
	case valid:
		return issues
	case v == "":
		return append(issues, requiredIssue(field))
	}
	return append(issues, healthedu.NewIssue("value.invalid", healthedu.Pointer(field), nil))
}
