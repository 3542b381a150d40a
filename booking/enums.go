package booking

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
)

// The enumerations of this package's wire format. Each is a string type
// whose values, stable ASCII identifiers in lowerCamelCase like those of
// the rectification ledger, EnumValues lists (so that the JSON Schema
// lists them too); UnmarshalText rejects any other value with a
// *healthedu.EnumError, and Label names a value in zh-Hans, zh-Hant or en.

// Status is the state of a lecture request (点餐状态). A request is
// requested, then scheduled with an expert and a planned activity (and
// rescheduled as often as needed), then held; it may be declined, with a
// reason, or cancelled by its requester while it is requested or
// scheduled. Held, declined and cancelled are final. See [Allowed].
type Status string

// The values of Status.
const (
	StatusRequested Status = "requested" // 已申请（待安排）
	StatusScheduled Status = "scheduled" // 已安排
	StatusHeld      Status = "held"      // 已举办
	StatusDeclined  Status = "declined"  // 不予安排
	StatusCancelled Status = "cancelled" // 申请方已撤销
)

var statusEnum = enumset.New("Status", []enumset.Entry{
	{"requested", "已申请待安排", "已申請待安排", "requested"},
	{"scheduled", "已安排", "已安排", "scheduled"},
	{"held", "已举办", "已舉辦", "held"},
	{"declined", "不予安排", "不予安排", "declined"},
	{"cancelled", "申请方已撤销", "申請方已撤銷", "cancelled by the requester"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Status) EnumValues() []string { return statusEnum.Values() }

// IsValid reports whether s is one of the listed values.
func (s Status) IsValid() bool { return statusEnum.Index(string(s)) >= 0 }

// Label returns the status's name in the supported language that serves
// lang best, such as "已安排" in zh-Hans.
func (s Status) Label(lang language.Tag) string { return statusEnum.Label(string(s), lang) }

// Open reports whether a request in status s still waits for its lecture
// (待办结): requested or scheduled.
func (s Status) Open() bool { return s == StatusRequested || s == StatusScheduled }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (s *Status) UnmarshalText(text []byte) error {
	v, err := parseEnum(statusEnum, text)
	*s = Status(v)
	return err
}

// RequesterType is who asks for a lecture (点餐方类型).
type RequesterType string

// The values of RequesterType.
const (
	RequesterCommunity     RequesterType = "community"     // 社区（村）
	RequesterSchool        RequesterType = "school"        // 学校
	RequesterResidentGroup RequesterType = "residentGroup" // 居民群体
	RequesterInstitution   RequesterType = "institution"   // 机关企事业单位
	RequesterOther         RequesterType = "other"         // 其他
)

var requesterTypeEnum = enumset.New("RequesterType", []enumset.Entry{
	{"community", "社区（村）", "社區（村）", "community or village"},
	{"school", "学校", "學校", "school"},
	{"residentGroup", "居民群体", "居民群體", "group of residents"},
	{"institution", "机关企事业单位", "機關企事業單位", "agency, enterprise or public institution"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (RequesterType) EnumValues() []string { return requesterTypeEnum.Values() }

// IsValid reports whether t is one of the listed values.
func (t RequesterType) IsValid() bool { return requesterTypeEnum.Index(string(t)) >= 0 }

// Label returns the requester type's name in the supported language that
// serves lang best, such as "学校" in zh-Hans.
func (t RequesterType) Label(lang language.Tag) string {
	return requesterTypeEnum.Label(string(t), lang)
}

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (t *RequesterType) UnmarshalText(text []byte) error {
	v, err := parseEnum(requesterTypeEnum, text)
	*t = RequesterType(v)
	return err
}

// parseEnum returns the value of s spelled by b, the set's own string so
// that parsing a known value does not allocate, or an *healthedu.EnumError.
func parseEnum(s *enumset.Set, b []byte) (string, error) {
	if v, ok := s.Parse(b); ok {
		return v, nil
	}
	return "", &healthedu.EnumError{Type: s.Name(), Value: string(b), Allowed: s.Values()}
}
