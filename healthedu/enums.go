package healthedu

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/internal/enumset"
)

// The enumerations of the wire format. Each type is a string whose values
// are listed by EnumValues; UnmarshalText rejects anything else with an
// *EnumError, and Label gives the value's name in zh-Hans, zh-Hant or en.

// OrganizerType is the kind of institution that organised an activity
// (组织机构类型).
type OrganizerType string

var organizerTypes = newEnumSet("OrganizerType", []enumset.Entry{
	{"community-health-center", "社区卫生服务中心", "社區衛生服務中心", "community health service centre"},
	{"township-health-center", "乡镇卫生院", "鄉鎮衛生院", "township health centre"},
	{"village-clinic", "村卫生室", "村衛生室", "village clinic"},
	{"community-health-station", "社区卫生服务站", "社區衛生服務站", "community health service station"},
	{"cdc", "疾病预防控制中心", "疾病預防控制中心", "centre for disease control"},
	{"hospital", "医院", "醫院", "hospital"},
	{"school", "学校", "學校", "school"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements Enum.
func (OrganizerType) EnumValues() []string { return organizerTypes.Values() }

// Label returns the type's name in lang.
func (t OrganizerType) Label(lang language.Tag) string { return organizerTypes.Label(string(t), lang) }

// UnmarshalText accepts only the listed values.
func (t *OrganizerType) UnmarshalText(b []byte) error {
	v, err := organizerTypes.parse(b)
	*t = OrganizerType(v)
	return err
}

// IsGrassroots reports whether t is a grassroots medical institution
// (基层医疗卫生机构), the ones the national service norm sets minimum
// frequencies for.
func (t OrganizerType) IsGrassroots() bool {
	switch t {
	case "community-health-center", "township-health-center", "village-clinic", "community-health-station":
		return true
	}
	return false
}

// VenueType is the kind of place an activity was held (阵地类型).
type VenueType string

var venueTypes = newEnumSet("VenueType", []enumset.Entry{
	{"health-education-point", "健康宣教点", "健康宣教點", "health education point"},
	{"health-post", "健康驿站", "健康驛站", "health post"},
	{"party-mass-service-center", "党群服务中心", "黨群服務中心", "party–mass service centre"},
	{"smart-health-cabin", "智慧健康小屋", "智慧健康小屋", "smart health cabin"},
	{"school", "学校", "學校", "school"},
	{"elderly-care", "养老机构", "養老機構", "elderly-care institution"},
	{"bus", "公交车", "公車", "bus"},
	{"online", "线上", "線上", "online"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements Enum.
func (VenueType) EnumValues() []string { return venueTypes.Values() }

// Label returns the venue type's name in lang.
func (t VenueType) Label(lang language.Tag) string { return venueTypes.Label(string(t), lang) }

// UnmarshalText accepts only the listed values.
func (t *VenueType) UnmarshalText(b []byte) error {
	v, err := venueTypes.parse(b)
	*t = VenueType(v)
	return err
}

// ActivityForm is the form of a health education activity (活动形式).
type ActivityForm string

// The activity forms.
const (
	FormLecture            ActivityForm = "lecture"
	FormFreeClinic         ActivityForm = "free-clinic"
	FormFirstAidTraining   ActivityForm = "first-aid-training"
	FormConsultation       ActivityForm = "consultation"
	FormPrintedMaterials   ActivityForm = "printed-materials"
	FormAudioVisual        ActivityForm = "audio-visual"
	FormBulletinBoard      ActivityForm = "bulletin-board"
	FormIndividualGuidance ActivityForm = "individual-guidance"
	FormHomeVisit          ActivityForm = "home-visit"
	FormSchoolProgramme    ActivityForm = "school-programme"
	FormOnlineQuiz         ActivityForm = "online-quiz"
	FormTVColumn           ActivityForm = "tv-column"
	FormPush               ActivityForm = "push"
	FormBroadcast          ActivityForm = "broadcast"
	FormDrill              ActivityForm = "drill"
	FormOther              ActivityForm = "other"
)

var activityForms = newEnumSet("ActivityForm", []enumset.Entry{
	{"lecture", "健康知识讲座", "健康知識講座", "health lecture"},
	{"free-clinic", "义诊", "義診", "free clinic"},
	{"first-aid-training", "急救培训", "急救培訓", "first-aid training"},
	{"consultation", "公众健康咨询活动", "公眾健康諮詢活動", "public health consultation"},
	{"printed-materials", "发放印刷资料", "發放印刷資料", "printed materials"},
	{"audio-visual", "播放音像资料", "播放影音資料", "audio-visual materials"},
	{"bulletin-board", "健康教育宣传栏", "健康教育宣傳欄", "bulletin board"},
	{"individual-guidance", "个体化健康教育", "個別化健康教育", "individual guidance"},
	{"home-visit", "入户随访", "入戶隨訪", "home visit"},
	{"school-programme", "健康教育进校园", "健康教育進校園", "school programme"},
	{"online-quiz", "线上知识竞赛", "線上知識競賽", "online quiz"},
	{"tv-column", "电视栏目", "電視欄目", "TV column"},
	{"push", "小程序推送", "小程式推送", "mini-program push"},
	{"broadcast", "广播", "廣播", "broadcast"},
	{"drill", "应急演练", "應急演練", "emergency drill"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements Enum.
func (ActivityForm) EnumValues() []string { return activityForms.Values() }

// Label returns the form's name in lang.
func (f ActivityForm) Label(lang language.Tag) string { return activityForms.Label(string(f), lang) }

// UnmarshalText accepts only the listed values.
func (f *ActivityForm) UnmarshalText(b []byte) error {
	v, err := activityForms.parse(b)
	*f = ActivityForm(v)
	return err
}

// IsIndividual reports whether the form addresses one resident
// (个体化), so that the record names the resident and their consent.
func (f ActivityForm) IsIndividual() bool {
	return f == FormIndividualGuidance || f == FormHomeVisit
}

// Topic is a subject of health education (宣教主题).
type Topic string

var topics = newEnumSet("Topic", []enumset.Entry{
	{"literacy-66", "健康素养66条", "健康素養66條", "66 items of health literacy"},
	{"three-reductions-three-healths", "三减三健", "三減三健", "three reductions, three healths"},
	{"hypertension", "高血压", "高血壓", "hypertension"},
	{"diabetes", "糖尿病", "糖尿病", "diabetes"},
	{"chronic-disease", "慢性病防治", "慢性病防治", "chronic disease"},
	{"mental-health", "心理健康", "心理健康", "mental health"},
	{"falls", "老年人防跌倒", "長者防跌倒", "fall prevention"},
	{"smart-devices", "智能设备使用", "智慧裝置使用", "using smart devices"},
	{"infectious-disease", "传染病防控", "傳染病防控", "infectious disease"},
	{"vaccination", "预防接种", "預防接種", "vaccination"},
	{"nutrition", "合理膳食", "合理膳食", "nutrition"},
	{"maternal-child", "妇幼健康", "婦幼健康", "maternal and child health"},
	{"tcm", "中医药（含蒙医药）", "中醫藥（含蒙醫藥）", "traditional Chinese and Mongolian medicine"},
	{"fitness", "全民健身", "全民健身", "fitness"},
	{"first-aid", "急救知识", "急救知識", "first aid"},
	{"tobacco", "控烟", "控菸", "tobacco control"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements Enum.
func (Topic) EnumValues() []string { return topics.Values() }

// Label returns the topic's name in lang.
func (t Topic) Label(lang language.Tag) string { return topics.Label(string(t), lang) }

// UnmarshalText accepts only the listed values.
func (t *Topic) UnmarshalText(b []byte) error {
	v, err := topics.parse(b)
	*t = Topic(v)
	return err
}

// TargetGroup is a group of residents an activity addresses (目标人群).
type TargetGroup string

var targetGroups = newEnumSet("TargetGroup", []enumset.Entry{
	{"general", "普通居民", "一般居民", "general public"},
	{"elderly", "老年人", "長者", "elderly"},
	{"children-0-6", "0～6岁儿童", "0～6歲兒童", "children aged 0–6"},
	{"young-parents", "年轻父母", "年輕父母", "young parents"},
	{"students", "青少年学生", "青少年學生", "students"},
	{"chronic-patients", "慢性病患者", "慢性病患者", "chronic disease patients"},
	{"pregnant-women", "孕产妇", "孕產婦", "pregnant and postpartum women"},
	{"office-workers", "职业人群", "職業人群", "office workers"},
	{"low-income", "低收入及健康困难户", "低收入及健康困難戶", "low-income and health-difficulty households"},
	{"solitary-elderly", "空巢独居老人", "空巢獨居長者", "empty-nest and solitary elderly"},
	{"disabled", "残疾人", "身心障礙者", "people with disabilities"},
})

// EnumValues implements Enum.
func (TargetGroup) EnumValues() []string { return targetGroups.Values() }

// Label returns the group's name in lang.
func (g TargetGroup) Label(lang language.Tag) string { return targetGroups.Label(string(g), lang) }

// UnmarshalText accepts only the listed values.
func (g *TargetGroup) UnmarshalText(b []byte) error {
	v, err := targetGroups.parse(b)
	*g = TargetGroup(v)
	return err
}

// SpeakerRole is the role of a speaker at an activity (主讲人身份).
type SpeakerRole string

var speakerRoles = newEnumSet("SpeakerRole", []enumset.Entry{
	{"expert", "专家", "專家", "expert"},
	{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	{"health-instructor", "健康指导员", "健康指導員", "health instructor"},
	{"nurse", "护士", "護理師", "nurse"},
	{"volunteer", "健康志愿者", "健康志工", "health volunteer"},
	{"sports-instructor", "社会体育指导员", "社會體育指導員", "social sports instructor"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements Enum.
func (SpeakerRole) EnumValues() []string { return speakerRoles.Values() }

// Label returns the role's name in lang.
func (r SpeakerRole) Label(lang language.Tag) string { return speakerRoles.Label(string(r), lang) }

// UnmarshalText accepts only the listed values.
func (r *SpeakerRole) UnmarshalText(b []byte) error {
	v, err := speakerRoles.parse(b)
	*r = SpeakerRole(v)
	return err
}

// InstructorRole is the role of the person a resident binds to in the
// mini-program (指导员身份), and the roles a register of instructors
// (package roster) lists.
type InstructorRole string

// The instructor roles.
const (
	RoleHealthInstructor       InstructorRole = "health-instructor"        // 健康指导员
	RoleFamilyDoctor           InstructorRole = "family-doctor"            // 家庭医生
	RoleProjectAdministrator   InstructorRole = "project-administrator"    // 项目管理员
	RoleFamilyHealthInstructor InstructorRole = "family-health-instructor" // 家庭健康指导员
)

var instructorRoles = newEnumSet("InstructorRole", []enumset.Entry{
	{"health-instructor", "健康指导员", "健康指導員", "health instructor"},
	{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	{"project-administrator", "项目管理员", "專案管理員", "project administrator"},
	{"family-health-instructor", "家庭健康指导员", "家庭健康指導員", "family health instructor"},
})

// EnumValues implements Enum.
func (InstructorRole) EnumValues() []string { return instructorRoles.Values() }

// Label returns the role's name in lang.
func (r InstructorRole) Label(lang language.Tag) string {
	return instructorRoles.Label(string(r), lang)
}

// UnmarshalText accepts only the listed values.
func (r *InstructorRole) UnmarshalText(b []byte) error {
	v, err := instructorRoles.parse(b)
	*r = InstructorRole(v)
	return err
}

// IsValid reports whether r is one of the listed values.
func (r InstructorRole) IsValid() bool { return instructorRoles.Index(string(r)) >= 0 }

// BindingVia is how a binding was made (绑定方式).
type BindingVia string

// The ways a binding is made.
const (
	// BindingViaCode: the resident scanned the instructor's signed binding
	// code (扫描绑定码), which the platform verified (package roster).
	BindingViaCode BindingVia = "binding-code"
	// BindingViaAssisted: staff bound the resident on their behalf
	// (工作人员协助绑定), without a code.
	BindingViaAssisted BindingVia = "assisted"
)

var bindingVias = newEnumSet("BindingVia", []enumset.Entry{
	{"binding-code", "扫描绑定码", "掃描綁定碼", "scanned binding code"},
	{"assisted", "工作人员协助绑定", "工作人員協助綁定", "assisted by staff"},
})

// EnumValues implements Enum.
func (BindingVia) EnumValues() []string { return bindingVias.Values() }

// Label returns the way's name in lang.
func (b BindingVia) Label(lang language.Tag) string { return bindingVias.Label(string(b), lang) }

// UnmarshalText accepts only the listed values.
func (b *BindingVia) UnmarshalText(t []byte) error {
	v, err := bindingVias.parse(t)
	*b = BindingVia(v)
	return err
}

// HealthCellType is the kind of a named health cell (健康细胞类型).
type HealthCellType string

var healthCellTypes = newEnumSet("HealthCellType", []enumset.Entry{
	{"community", "健康社区", "健康社區", "healthy community"},
	{"village", "健康村", "健康村", "healthy village"},
	{"agency", "健康机关", "健康機關", "healthy agency"},
	{"school", "健康学校", "健康學校", "healthy school"},
	{"canteen", "健康食堂", "健康食堂", "healthy canteen"},
	{"enterprise", "健康企业", "健康企業", "healthy enterprise"},
	{"family", "健康家庭", "健康家庭", "healthy family"},
})

// EnumValues implements Enum.
func (HealthCellType) EnumValues() []string { return healthCellTypes.Values() }

// Label returns the type's name in lang.
func (t HealthCellType) Label(lang language.Tag) string {
	return healthCellTypes.Label(string(t), lang)
}

// UnmarshalText accepts only the listed values.
func (t *HealthCellType) UnmarshalText(b []byte) error {
	v, err := healthCellTypes.parse(b)
	*t = HealthCellType(v)
	return err
}

// NamingLevel is the level that named a health cell (命名级别).
type NamingLevel string

var namingLevels = newEnumSet("NamingLevel", []enumset.Entry{
	{"city", "市级", "市級", "city"},
	{"province", "省级（自治区级）", "省級（自治區級）", "province or region"},
	{"national", "国家级", "國家級", "national"},
})

// EnumValues implements Enum.
func (NamingLevel) EnumValues() []string { return namingLevels.Values() }

// Label returns the level's name in lang.
func (l NamingLevel) Label(lang language.Tag) string { return namingLevels.Label(string(l), lang) }

// UnmarshalText accepts only the listed values.
func (l *NamingLevel) UnmarshalText(b []byte) error {
	v, err := namingLevels.parse(b)
	*l = NamingLevel(v)
	return err
}

// Residence is whether a survey respondent lives in a town or the
// countryside (城乡).
type Residence string

var residences = newEnumSet("Residence", []enumset.Entry{
	{"urban", "城市", "城市", "urban"},
	{"rural", "农村", "農村", "rural"},
})

// EnumValues implements Enum.
func (Residence) EnumValues() []string { return residences.Values() }

// Label returns the residence's name in lang.
func (r Residence) Label(lang language.Tag) string { return residences.Label(string(r), lang) }

// UnmarshalText accepts only the listed values.
func (r *Residence) UnmarshalText(b []byte) error {
	v, err := residences.parse(b)
	*r = Residence(v)
	return err
}

// sexes labels the wire form of Sex, which a literacy survey's respondent
// carries ("male" or "female").
var sexes = newEnumSet("Sex", []enumset.Entry{
	{"male", "男", "男", "male"},
	{"female", "女", "女", "female"},
})

// EnumValues implements Enum: "male" and "female".
func (Sex) EnumValues() []string { return sexes.Values() }

// Label returns the sex's name in lang.
func (s Sex) Label(lang language.Tag) string { return sexes.Label(s.String(), lang) }

// MarshalText writes "male" or "female"; the zero Sex (unknown) has no
// text form on the wire.
func (s Sex) MarshalText() ([]byte, error) {
	if s != Male && s != Female {
		return nil, &EnumError{Type: "Sex", Value: s.String(), Allowed: sexes.Values()}
	}
	return []byte(s.String()), nil
}

// UnmarshalText accepts "male" and "female".
func (s *Sex) UnmarshalText(b []byte) error {
	v, err := sexes.parse(b)
	switch v {
	case "male":
		*s = Male
	case "female":
		*s = Female
	default:
		*s = 0
	}
	return err
}
