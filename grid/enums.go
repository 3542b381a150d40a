package grid

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/internal/enumset"
)

// The enumerations of this package's wire format and API. Each is a string
// type whose values, stable lower-case ASCII identifiers, EnumValues lists
// (so that the JSON Schemas list them too); UnmarshalText rejects any other
// value with a *healthedu.EnumError, and Label names a value in zh-Hans,
// zh-Hant or en.

// Role is the role of a member of a grid health service team (团队角色): the
// "1+1+1+N" of one grid leader, one family doctor, one health volunteer and
// any number of partners.
type Role string

// The values of Role.
const (
	RoleGridLeader      Role = "grid-leader"      // 网格长
	RoleFamilyDoctor    Role = "family-doctor"    // 家庭医生
	RoleHealthVolunteer Role = "health-volunteer" // 健康志愿者
	RolePartner         Role = "partner"          // 合作伙伴
)

var roleEnum = newEnumSet("Role", []enumset.Entry{
	{"grid-leader", "网格长", "網格長", "grid leader"},
	{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	{"health-volunteer", "健康志愿者", "健康志工", "health volunteer"},
	{"partner", "合作伙伴", "合作夥伴", "partner"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Role) EnumValues() []string { return roleEnum.Values() }

// IsValid reports whether r is one of the listed values.
func (r Role) IsValid() bool { return roleEnum.Index(string(r)) >= 0 }

// Label returns the role's name in the supported language that serves
// lang best, such as "网格长" in zh-Hans.
func (r Role) Label(lang language.Tag) string { return roleEnum.Label(string(r), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (r *Role) UnmarshalText(text []byte) error {
	v, err := roleEnum.parse(text)
	*r = Role(v)
	return err
}

// PartnerKind is the kind of a partner in a grid team (合作方类型), the "N" of
// "1+1+1+N".
type PartnerKind string

// The values of PartnerKind.
const (
	PartnerCommunityHealthCentre PartnerKind = "community-health-centre" // 社区卫生服务中心
	PartnerSocialOrganisation    PartnerKind = "social-organisation"     // 社会组织
	PartnerCaringEnterprise      PartnerKind = "caring-enterprise"       // 爱心企业
)

var partnerKindEnum = newEnumSet("PartnerKind", []enumset.Entry{
	{"community-health-centre", "社区卫生服务中心", "社區衛生服務中心", "community health service centre"},
	{"social-organisation", "社会组织", "社會組織", "social organisation"},
	{"caring-enterprise", "爱心企业", "愛心企業", "caring enterprise"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (PartnerKind) EnumValues() []string { return partnerKindEnum.Values() }

// IsValid reports whether k is one of the listed values.
func (k PartnerKind) IsValid() bool { return partnerKindEnum.Index(string(k)) >= 0 }

// Label returns the partner kind's name in the supported language that serves
// lang best, such as "社区卫生服务中心" in zh-Hans.
func (k PartnerKind) Label(lang language.Tag) string { return partnerKindEnum.Label(string(k), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (k *PartnerKind) UnmarshalText(text []byte) error {
	v, err := partnerKindEnum.parse(text)
	*k = PartnerKind(v)
	return err
}

// AgeBand is a resident's age band (年龄段), coarse enough that the register
// holds no birth date: 0–6 are the children of child health management,
// 60 and over the elderly, 65 and over those entitled to a free yearly
// check-up.
type AgeBand string

// The values of AgeBand.
const (
	Age0To6   AgeBand = "0-6"     // 0～6岁
	Age7To17  AgeBand = "7-17"    // 7～17岁
	Age18To59 AgeBand = "18-59"   // 18～59岁
	Age60To64 AgeBand = "60-64"   // 60～64岁
	Age65To79 AgeBand = "65-79"   // 65～79岁
	Age80Plus AgeBand = "80-plus" // 80岁及以上
)

var ageBandEnum = newEnumSet("AgeBand", []enumset.Entry{
	{"0-6", "0～6岁", "0～6歲", "aged 0–6"},
	{"7-17", "7～17岁", "7～17歲", "aged 7–17"},
	{"18-59", "18～59岁", "18～59歲", "aged 18–59"},
	{"60-64", "60～64岁", "60～64歲", "aged 60–64"},
	{"65-79", "65～79岁", "65～79歲", "aged 65–79"},
	{"80-plus", "80岁及以上", "80歲及以上", "aged 80 and over"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (AgeBand) EnumValues() []string { return ageBandEnum.Values() }

// IsValid reports whether b is one of the listed values.
func (b AgeBand) IsValid() bool { return ageBandEnum.Index(string(b)) >= 0 }

// Label returns the age band's name in the supported language that serves
// lang best, such as "0～6岁" in zh-Hans.
func (b AgeBand) Label(lang language.Tag) string { return ageBandEnum.Label(string(b), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (b *AgeBand) UnmarshalText(text []byte) error {
	v, err := ageBandEnum.parse(text)
	*b = AgeBand(v)
	return err
}

// Condition is a health condition under management that the register records
// for a resident (健康状况), chiefly the chronic diseases of the national
// basic public health service.
type Condition string

// The values of Condition.
const (
	ConditionHypertension         Condition = "hypertension"           // 高血压
	ConditionDiabetes             Condition = "diabetes"               // 糖尿病
	ConditionCoronaryHeartDisease Condition = "coronary-heart-disease" // 冠心病
	ConditionStroke               Condition = "stroke"                 // 脑卒中
	ConditionCOPD                 Condition = "copd"                   // 慢性阻塞性肺疾病
	ConditionSevereMentalDisorder Condition = "severe-mental-disorder" // 严重精神障碍
	ConditionTuberculosis         Condition = "tuberculosis"           // 肺结核
	ConditionDisability           Condition = "disability"             // 残疾
	ConditionOther                Condition = "other"                  // 其他
)

var conditionEnum = newEnumSet("Condition", []enumset.Entry{
	{"hypertension", "高血压", "高血壓", "hypertension"},
	{"diabetes", "糖尿病", "糖尿病", "diabetes"},
	{"coronary-heart-disease", "冠心病", "冠心病", "coronary heart disease"},
	{"stroke", "脑卒中", "腦中風", "stroke"},
	{"copd", "慢性阻塞性肺疾病", "慢性阻塞性肺病", "chronic obstructive pulmonary disease"},
	{"severe-mental-disorder", "严重精神障碍", "嚴重精神疾病", "severe mental disorder"},
	{"tuberculosis", "肺结核", "肺結核", "tuberculosis"},
	{"disability", "残疾", "身心障礙", "disability"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Condition) EnumValues() []string { return conditionEnum.Values() }

// IsValid reports whether c is one of the listed values.
func (c Condition) IsValid() bool { return conditionEnum.Index(string(c)) >= 0 }

// Label returns the condition's name in the supported language that serves
// lang best, such as "高血压" in zh-Hans.
func (c Condition) Label(lang language.Tag) string { return conditionEnum.Label(string(c), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (c *Condition) UnmarshalText(text []byte) error {
	v, err := conditionEnum.parse(text)
	*c = Condition(v)
	return err
}

// Stage is a stage of the service loop (服务闭环阶段) that a campaign moves
// through, in this order.
type Stage string

// The values of Stage.
const (
	StageNeedsSurvey      Stage = "needs-survey"      // 需求摸排
	StageContentTailoring Stage = "content-tailoring" // 内容定制
	StagePreciseEducation Stage = "precise-education" // 精准宣教
	StageEffectTracking   Stage = "effect-tracking"   // 效果跟踪
)

var stageEnum = newEnumSet("Stage", []enumset.Entry{
	{"needs-survey", "需求摸排", "需求摸排", "needs survey"},
	{"content-tailoring", "内容定制", "內容定制", "content tailoring"},
	{"precise-education", "精准宣教", "精準宣教", "precise education"},
	{"effect-tracking", "效果跟踪", "效果追蹤", "effect tracking"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Stage) EnumValues() []string { return stageEnum.Values() }

// IsValid reports whether s is one of the listed values.
func (s Stage) IsValid() bool { return stageEnum.Index(string(s)) >= 0 }

// Label returns the stage's name in the supported language that serves
// lang best, such as "需求摸排" in zh-Hans.
func (s Stage) Label(lang language.Tag) string { return stageEnum.Label(string(s), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (s *Stage) UnmarshalText(text []byte) error {
	v, err := stageEnum.parse(text)
	*s = Stage(v)
	return err
}

// Recipient is who an alert notifies (通知对象), by role: the engine names the
// role and the server that embeds it resolves the person. Each recipient
// belongs to one class that decides which of a resident's data
// authorisations (数据授权) it needs; see [Recipient.Class].
type Recipient string

// The values of Recipient.
const (
	RecipientFamilyDoctor  Recipient = "family-doctor"           // 家庭医生
	RecipientHealthCentre  Recipient = "community-health-centre" // 社区卫生服务中心
	RecipientGridWorker    Recipient = "grid-worker"             // 网格员
	RecipientGridLeader    Recipient = "grid-leader"             // 网格长
	RecipientEmergencyTeam Recipient = "emergency-team"          // 应急联络团队
	RecipientFamily        Recipient = "family"                  // 家属
	RecipientTargetGroup   Recipient = "target-group"            // 目标人群
)

var recipientEnum = newEnumSet("Recipient", []enumset.Entry{
	{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	{"community-health-centre", "社区卫生服务中心", "社區衛生服務中心", "community health service centre"},
	{"grid-worker", "网格员", "網格員", "grid worker"},
	{"grid-leader", "网格长", "網格長", "grid leader"},
	{"emergency-team", "应急联络团队", "應急聯絡團隊", "emergency contact team"},
	{"family", "家属", "家屬", "family"},
	{"target-group", "目标人群", "目標人群", "target group"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Recipient) EnumValues() []string { return recipientEnum.Values() }

// IsValid reports whether r is one of the listed values.
func (r Recipient) IsValid() bool { return recipientEnum.Index(string(r)) >= 0 }

// Label returns the recipient's name in the supported language that serves
// lang best, such as "家庭医生" in zh-Hans.
func (r Recipient) Label(lang language.Tag) string { return recipientEnum.Label(string(r), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (r *Recipient) UnmarshalText(text []byte) error {
	v, err := recipientEnum.parse(text)
	*r = Recipient(v)
	return err
}

// RuleKind is what an alert rule watches (预警规则类型).
type RuleKind string

// The values of RuleKind.
const (
	RuleBloodPressure RuleKind = "blood-pressure" // 血压异常
	RuleNoOuting      RuleKind = "no-outing"      // 独居长时间未外出
	RuleFall          RuleKind = "fall"           // 跌倒
	RuleIncidenceRise RuleKind = "incidence-rise" // 发病数上升
)

var ruleKindEnum = newEnumSet("RuleKind", []enumset.Entry{
	{"blood-pressure", "血压异常", "血壓異常", "abnormal blood pressure"},
	{"no-outing", "独居长时间未外出", "獨居長時間未外出", "no outing while living alone"},
	{"fall", "跌倒", "跌倒", "fall"},
	{"incidence-rise", "发病数上升", "發病數上升", "rise in incidence"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (RuleKind) EnumValues() []string { return ruleKindEnum.Values() }

// IsValid reports whether k is one of the listed values.
func (k RuleKind) IsValid() bool { return ruleKindEnum.Index(string(k)) >= 0 }

// Label returns the rule kind's name in the supported language that serves
// lang best, such as "血压异常" in zh-Hans.
func (k RuleKind) Label(lang language.Tag) string { return ruleKindEnum.Label(string(k), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (k *RuleKind) UnmarshalText(text []byte) error {
	v, err := ruleKindEnum.parse(text)
	*k = RuleKind(v)
	return err
}

// AlertSeverity is how urgent an alert is (预警级别), from the mildest.
type AlertSeverity string

// The values of AlertSeverity.
const (
	AlertNotice  AlertSeverity = "notice"  // 提示
	AlertWarning AlertSeverity = "warning" // 预警
	AlertUrgent  AlertSeverity = "urgent"  // 紧急
)

var alertSeverityEnum = newEnumSet("AlertSeverity", []enumset.Entry{
	{"notice", "提示", "提示", "notice"},
	{"warning", "预警", "預警", "warning"},
	{"urgent", "紧急", "緊急", "urgent"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (AlertSeverity) EnumValues() []string { return alertSeverityEnum.Values() }

// IsValid reports whether s is one of the listed values.
func (s AlertSeverity) IsValid() bool { return alertSeverityEnum.Index(string(s)) >= 0 }

// Label returns the alert severity's name in the supported language that serves
// lang best, such as "提示" in zh-Hans.
func (s AlertSeverity) Label(lang language.Tag) string {
	return alertSeverityEnum.Label(string(s), lang)
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (s *AlertSeverity) UnmarshalText(text []byte) error {
	v, err := alertSeverityEnum.parse(text)
	*s = AlertSeverity(v)
	return err
}

// Action is what an incidence alert sets off for the affected target groups
// (处置措施).
type Action string

// The values of Action.
const (
	ActionPreventionPush      Action = "prevention-push"      // 防控知识推送
	ActionVaccinationReminder Action = "vaccination-reminder" // 疫苗接种提醒
)

var actionEnum = newEnumSet("Action", []enumset.Entry{
	{"prevention-push", "防控知识推送", "防控知識推送", "prevention push"},
	{"vaccination-reminder", "疫苗接种提醒", "疫苗接種提醒", "vaccination reminder"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Action) EnumValues() []string { return actionEnum.Values() }

// IsValid reports whether a is one of the listed values.
func (a Action) IsValid() bool { return actionEnum.Index(string(a)) >= 0 }

// Label returns the action's name in the supported language that serves
// lang best, such as "防控知识推送" in zh-Hans.
func (a Action) Label(lang language.Tag) string { return actionEnum.Label(string(a), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (a *Action) UnmarshalText(text []byte) error {
	v, err := actionEnum.parse(text)
	*a = Action(v)
	return err
}

// Disease is a communicable disease whose cases an incidence rule counts
// (传染病).
type Disease string

// The values of Disease.
const (
	DiseaseRespiratory   Disease = "respiratory"     // 呼吸道传染病
	DiseaseInfluenza     Disease = "influenza"       // 流行性感冒
	DiseaseCOVID19       Disease = "covid-19"        // 新型冠状病毒感染
	DiseaseHandFootMouth Disease = "hand-foot-mouth" // 手足口病
	DiseaseNorovirus     Disease = "norovirus"       // 诺如病毒感染
	DiseaseTuberculosis  Disease = "tuberculosis"    // 肺结核
	DiseaseOther         Disease = "other"           // 其他
)

var diseaseEnum = newEnumSet("Disease", []enumset.Entry{
	{"respiratory", "呼吸道传染病", "呼吸道傳染病", "respiratory infection"},
	{"influenza", "流行性感冒", "流行性感冒", "influenza"},
	{"covid-19", "新型冠状病毒感染", "新型冠狀病毒感染", "COVID-19"},
	{"hand-foot-mouth", "手足口病", "手足口病", "hand, foot and mouth disease"},
	{"norovirus", "诺如病毒感染", "諾羅病毒感染", "norovirus infection"},
	{"tuberculosis", "肺结核", "肺結核", "tuberculosis"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Disease) EnumValues() []string { return diseaseEnum.Values() }

// IsValid reports whether d is one of the listed values.
func (d Disease) IsValid() bool { return diseaseEnum.Index(string(d)) >= 0 }

// Label returns the disease's name in the supported language that serves
// lang best, such as "呼吸道传染病" in zh-Hans.
func (d Disease) Label(lang language.Tag) string { return diseaseEnum.Label(string(d), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (d *Disease) UnmarshalText(text []byte) error {
	v, err := diseaseEnum.parse(text)
	*d = Disease(v)
	return err
}

// ReadingKind is what a device reading reports (设备读数类型).
type ReadingKind string

// The values of ReadingKind.
const (
	ReadingBloodPressure ReadingKind = "blood-pressure" // 血压
	ReadingOuting        ReadingKind = "outing"         // 外出
	ReadingFall          ReadingKind = "fall"           // 跌倒
)

var readingKindEnum = newEnumSet("ReadingKind", []enumset.Entry{
	{"blood-pressure", "血压", "血壓", "blood pressure"},
	{"outing", "外出", "外出", "outing"},
	{"fall", "跌倒", "跌倒", "fall"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (ReadingKind) EnumValues() []string { return readingKindEnum.Values() }

// IsValid reports whether k is one of the listed values.
func (k ReadingKind) IsValid() bool { return readingKindEnum.Index(string(k)) >= 0 }

// Label returns the reading kind's name in the supported language that serves
// lang best, such as "血压" in zh-Hans.
func (k ReadingKind) Label(lang language.Tag) string { return readingKindEnum.Label(string(k), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (k *ReadingKind) UnmarshalText(text []byte) error {
	v, err := readingKindEnum.parse(text)
	*k = ReadingKind(v)
	return err
}

// NotifyReason is why a notification was sent (通知原因).
type NotifyReason string

// The values of NotifyReason.
const (
	NotifyRaised    NotifyReason = "raised"    // 发出预警
	NotifyUpgraded  NotifyReason = "upgraded"  // 预警级别提高
	NotifyEscalated NotifyReason = "escalated" // 超时未确认，逐级上报
)

var notifyReasonEnum = newEnumSet("NotifyReason", []enumset.Entry{
	{"raised", "发出预警", "發出預警", "alert raised"},
	{"upgraded", "预警级别提高", "預警級別提高", "severity raised"},
	{"escalated", "超时未确认，逐级上报", "逾時未確認，逐級上報", "escalated: not acknowledged in time"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (NotifyReason) EnumValues() []string { return notifyReasonEnum.Values() }

// IsValid reports whether r is one of the listed values.
func (r NotifyReason) IsValid() bool { return notifyReasonEnum.Index(string(r)) >= 0 }

// Label returns the reason's name in the supported language that serves
// lang best, such as "发出预警" in zh-Hans.
func (r NotifyReason) Label(lang language.Tag) string { return notifyReasonEnum.Label(string(r), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (r *NotifyReason) UnmarshalText(text []byte) error {
	v, err := notifyReasonEnum.parse(text)
	*r = NotifyReason(v)
	return err
}
