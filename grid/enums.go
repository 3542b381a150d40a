package grid

import "golang.org/x/text/language"

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

var roleEnum = newGridEnum("Role",
	[4]string{"grid-leader", "网格长", "網格長", "grid leader"},
	[4]string{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	[4]string{"health-volunteer", "健康志愿者", "健康志工", "health volunteer"},
	[4]string{"partner", "合作伙伴", "合作夥伴", "partner"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Role) EnumValues() []string { return roleEnum.valuesCopy() }

// IsValid reports whether r is one of the listed values.
func (r Role) IsValid() bool { return roleEnum.index(string(r)) >= 0 }

// Label returns the role's name in the supported language that serves
// lang best, such as "网格长" in zh-Hans.
func (r Role) Label(lang language.Tag) string { return roleEnum.label(string(r), lang) }

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

var partnerKindEnum = newGridEnum("PartnerKind",
	[4]string{"community-health-centre", "社区卫生服务中心", "社區衛生服務中心", "community health service centre"},
	[4]string{"social-organisation", "社会组织", "社會組織", "social organisation"},
	[4]string{"caring-enterprise", "爱心企业", "愛心企業", "caring enterprise"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (PartnerKind) EnumValues() []string { return partnerKindEnum.valuesCopy() }

// IsValid reports whether k is one of the listed values.
func (k PartnerKind) IsValid() bool { return partnerKindEnum.index(string(k)) >= 0 }

// Label returns the partner kind's name in the supported language that serves
// lang best, such as "社区卫生服务中心" in zh-Hans.
func (k PartnerKind) Label(lang language.Tag) string { return partnerKindEnum.label(string(k), lang) }

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

var ageBandEnum = newGridEnum("AgeBand",
	[4]string{"0-6", "0～6岁", "0～6歲", "aged 0–6"},
	[4]string{"7-17", "7～17岁", "7～17歲", "aged 7–17"},
	[4]string{"18-59", "18～59岁", "18～59歲", "aged 18–59"},
	[4]string{"60-64", "60～64岁", "60～64歲", "aged 60–64"},
	[4]string{"65-79", "65～79岁", "65～79歲", "aged 65–79"},
	[4]string{"80-plus", "80岁及以上", "80歲及以上", "aged 80 and over"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (AgeBand) EnumValues() []string { return ageBandEnum.valuesCopy() }

// IsValid reports whether b is one of the listed values.
func (b AgeBand) IsValid() bool { return ageBandEnum.index(string(b)) >= 0 }

// Label returns the age band's name in the supported language that serves
// lang best, such as "0～6岁" in zh-Hans.
func (b AgeBand) Label(lang language.Tag) string { return ageBandEnum.label(string(b), lang) }

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

var conditionEnum = newGridEnum("Condition",
	[4]string{"hypertension", "高血压", "高血壓", "hypertension"},
	[4]string{"diabetes", "糖尿病", "糖尿病", "diabetes"},
	[4]string{"coronary-heart-disease", "冠心病", "冠心病", "coronary heart disease"},
	[4]string{"stroke", "脑卒中", "腦中風", "stroke"},
	[4]string{"copd", "慢性阻塞性肺疾病", "慢性阻塞性肺病", "chronic obstructive pulmonary disease"},
	[4]string{"severe-mental-disorder", "严重精神障碍", "嚴重精神疾病", "severe mental disorder"},
	[4]string{"tuberculosis", "肺结核", "肺結核", "tuberculosis"},
	[4]string{"disability", "残疾", "身心障礙", "disability"},
	[4]string{"other", "其他", "其他", "other"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Condition) EnumValues() []string { return conditionEnum.valuesCopy() }

// IsValid reports whether c is one of the listed values.
func (c Condition) IsValid() bool { return conditionEnum.index(string(c)) >= 0 }

// Label returns the condition's name in the supported language that serves
// lang best, such as "高血压" in zh-Hans.
func (c Condition) Label(lang language.Tag) string { return conditionEnum.label(string(c), lang) }

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

var stageEnum = newGridEnum("Stage",
	[4]string{"needs-survey", "需求摸排", "需求摸排", "needs survey"},
	[4]string{"content-tailoring", "内容定制", "內容定制", "content tailoring"},
	[4]string{"precise-education", "精准宣教", "精準宣教", "precise education"},
	[4]string{"effect-tracking", "效果跟踪", "效果追蹤", "effect tracking"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Stage) EnumValues() []string { return stageEnum.valuesCopy() }

// IsValid reports whether s is one of the listed values.
func (s Stage) IsValid() bool { return stageEnum.index(string(s)) >= 0 }

// Label returns the stage's name in the supported language that serves
// lang best, such as "需求摸排" in zh-Hans.
func (s Stage) Label(lang language.Tag) string { return stageEnum.label(string(s), lang) }

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

var recipientEnum = newGridEnum("Recipient",
	[4]string{"family-doctor", "家庭医生", "家庭醫師", "family doctor"},
	[4]string{"community-health-centre", "社区卫生服务中心", "社區衛生服務中心", "community health service centre"},
	[4]string{"grid-worker", "网格员", "網格員", "grid worker"},
	[4]string{"grid-leader", "网格长", "網格長", "grid leader"},
	[4]string{"emergency-team", "应急联络团队", "應急聯絡團隊", "emergency contact team"},
	[4]string{"family", "家属", "家屬", "family"},
	[4]string{"target-group", "目标人群", "目標人群", "target group"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Recipient) EnumValues() []string { return recipientEnum.valuesCopy() }

// IsValid reports whether r is one of the listed values.
func (r Recipient) IsValid() bool { return recipientEnum.index(string(r)) >= 0 }

// Label returns the recipient's name in the supported language that serves
// lang best, such as "家庭医生" in zh-Hans.
func (r Recipient) Label(lang language.Tag) string { return recipientEnum.label(string(r), lang) }

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

var ruleKindEnum = newGridEnum("RuleKind",
	[4]string{"blood-pressure", "血压异常", "血壓異常", "abnormal blood pressure"},
	[4]string{"no-outing", "独居长时间未外出", "獨居長時間未外出", "no outing while living alone"},
	[4]string{"fall", "跌倒", "跌倒", "fall"},
	[4]string{"incidence-rise", "发病数上升", "發病數上升", "rise in incidence"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (RuleKind) EnumValues() []string { return ruleKindEnum.valuesCopy() }

// IsValid reports whether k is one of the listed values.
func (k RuleKind) IsValid() bool { return ruleKindEnum.index(string(k)) >= 0 }

// Label returns the rule kind's name in the supported language that serves
// lang best, such as "血压异常" in zh-Hans.
func (k RuleKind) Label(lang language.Tag) string { return ruleKindEnum.label(string(k), lang) }

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

var alertSeverityEnum = newGridEnum("AlertSeverity",
	[4]string{"notice", "提示", "提示", "notice"},
	[4]string{"warning", "预警", "預警", "warning"},
	[4]string{"urgent", "紧急", "緊急", "urgent"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (AlertSeverity) EnumValues() []string { return alertSeverityEnum.valuesCopy() }

// IsValid reports whether s is one of the listed values.
func (s AlertSeverity) IsValid() bool { return alertSeverityEnum.index(string(s)) >= 0 }

// Label returns the alert severity's name in the supported language that serves
// lang best, such as "提示" in zh-Hans.
func (s AlertSeverity) Label(lang language.Tag) string {
	return alertSeverityEnum.label(string(s), lang)
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

var actionEnum = newGridEnum("Action",
	[4]string{"prevention-push", "防控知识推送", "防控知識推送", "prevention push"},
	[4]string{"vaccination-reminder", "疫苗接种提醒", "疫苗接種提醒", "vaccination reminder"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Action) EnumValues() []string { return actionEnum.valuesCopy() }

// IsValid reports whether a is one of the listed values.
func (a Action) IsValid() bool { return actionEnum.index(string(a)) >= 0 }

// Label returns the action's name in the supported language that serves
// lang best, such as "防控知识推送" in zh-Hans.
func (a Action) Label(lang language.Tag) string { return actionEnum.label(string(a), lang) }

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

var diseaseEnum = newGridEnum("Disease",
	[4]string{"respiratory", "呼吸道传染病", "呼吸道傳染病", "respiratory infection"},
	[4]string{"influenza", "流行性感冒", "流行性感冒", "influenza"},
	[4]string{"covid-19", "新型冠状病毒感染", "新型冠狀病毒感染", "COVID-19"},
	[4]string{"hand-foot-mouth", "手足口病", "手足口病", "hand, foot and mouth disease"},
	[4]string{"norovirus", "诺如病毒感染", "諾羅病毒感染", "norovirus infection"},
	[4]string{"tuberculosis", "肺结核", "肺結核", "tuberculosis"},
	[4]string{"other", "其他", "其他", "other"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Disease) EnumValues() []string { return diseaseEnum.valuesCopy() }

// IsValid reports whether d is one of the listed values.
func (d Disease) IsValid() bool { return diseaseEnum.index(string(d)) >= 0 }

// Label returns the disease's name in the supported language that serves
// lang best, such as "呼吸道传染病" in zh-Hans.
func (d Disease) Label(lang language.Tag) string { return diseaseEnum.label(string(d), lang) }

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

var readingKindEnum = newGridEnum("ReadingKind",
	[4]string{"blood-pressure", "血压", "血壓", "blood pressure"},
	[4]string{"outing", "外出", "外出", "outing"},
	[4]string{"fall", "跌倒", "跌倒", "fall"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (ReadingKind) EnumValues() []string { return readingKindEnum.valuesCopy() }

// IsValid reports whether k is one of the listed values.
func (k ReadingKind) IsValid() bool { return readingKindEnum.index(string(k)) >= 0 }

// Label returns the reading kind's name in the supported language that serves
// lang best, such as "血压" in zh-Hans.
func (k ReadingKind) Label(lang language.Tag) string { return readingKindEnum.label(string(k), lang) }

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

var notifyReasonEnum = newGridEnum("NotifyReason",
	[4]string{"raised", "发出预警", "發出預警", "alert raised"},
	[4]string{"upgraded", "预警级别提高", "預警級別提高", "severity raised"},
	[4]string{"escalated", "超时未确认，逐级上报", "逾時未確認，逐級上報", "escalated: not acknowledged in time"},
)

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (NotifyReason) EnumValues() []string { return notifyReasonEnum.valuesCopy() }

// IsValid reports whether r is one of the listed values.
func (r NotifyReason) IsValid() bool { return notifyReasonEnum.index(string(r)) >= 0 }

// Label returns the reason's name in the supported language that serves
// lang best, such as "发出预警" in zh-Hans.
func (r NotifyReason) Label(lang language.Tag) string { return notifyReasonEnum.label(string(r), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (r *NotifyReason) UnmarshalText(text []byte) error {
	v, err := notifyReasonEnum.parse(text)
	*r = NotifyReason(v)
	return err
}
