package ledger

import (
	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
)

// The enumerations of this package's wire format. Each is a string type
// whose values, stable lower-case ASCII identifiers, EnumValues lists (so
// that the JSON Schema lists them too); UnmarshalText rejects any other
// value with a *healthedu.EnumError, and Label names a value in zh-Hans,
// zh-Hant or en.

// Status is the state of a rectification item (整改状态). The owner moves
// an item from open through rectifying to rectified; only a verifier, at a
// level above the item's division, closes it (rectified → verified) or
// sends it back (→ reopened). See [Allowed].
type Status string

// The values of Status.
const (
	StatusOpen       Status = "open"       // 待整改
	StatusRectifying Status = "rectifying" // 整改中
	StatusRectified  Status = "rectified"  // 已整改（待核验）
	StatusVerified   Status = "verified"   // 已核验销号
	StatusReopened   Status = "reopened"   // 重新整改
)

var statusEnum = enumset.New("Status", []enumset.Entry{
	{"open", "待整改", "待整改", "open"},
	{"rectifying", "整改中", "整改中", "being rectified"},
	{"rectified", "已整改待核验", "已整改待核驗", "rectified, awaiting verification"},
	{"verified", "已核验销号", "已核驗銷號", "verified and closed"},
	{"reopened", "重新整改", "重新整改", "reopened"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (Status) EnumValues() []string { return statusEnum.Values() }

// IsValid reports whether s is one of the listed values.
func (s Status) IsValid() bool { return statusEnum.Index(string(s)) >= 0 }

// Label returns the status's name in the supported language that serves
// lang best, such as "整改中" in zh-Hans.
func (s Status) Label(lang language.Tag) string { return statusEnum.Label(string(s), lang) }

// Done reports whether an item in status s is done with, as far as its
// owner is concerned (整改完成): rectified or verified. Such an item is
// never overdue.
func (s Status) Done() bool { return s == StatusRectified || s == StatusVerified }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (s *Status) UnmarshalText(text []byte) error {
	v, err := parseEnum(statusEnum, text)
	*s = Status(v)
	return err
}

// SourceType is where a rectification item came from (问题来源).
type SourceType string

// The values of SourceType, spelled as the platforms' contract spells them,
// in lowerCamelCase (monthlyNotification), unlike the hyphenated
// enumerations of the activity record.
const (
	SourceMonthlyNotification SourceType = "monthlyNotification" // 月通报
	SourceWeeklyDispatch      SourceType = "weeklyDispatch"      // 周调度
	SourceInspection          SourceType = "inspection"          // 督导检查
	SourceComplianceCheck     SourceType = "complianceCheck"     // 合规核查
	SourceOther               SourceType = "other"               // 其他
)

var sourceTypeEnum = enumset.New("SourceType", []enumset.Entry{
	{"monthlyNotification", "月通报", "月通報", "monthly notification"},
	{"weeklyDispatch", "周调度", "週調度", "weekly dispatch"},
	{"inspection", "督导检查", "督導檢查", "inspection"},
	{"complianceCheck", "合规核查", "合規核查", "compliance check"},
	{"other", "其他", "其他", "other"},
})

// EnumValues implements healthedu.Enum: the accepted values, in
// documentation order.
func (SourceType) EnumValues() []string { return sourceTypeEnum.Values() }

// IsValid reports whether t is one of the listed values.
func (t SourceType) IsValid() bool { return sourceTypeEnum.Index(string(t)) >= 0 }

// Label returns the source type's name in the supported language that
// serves lang best, such as "月通报" in zh-Hans.
func (t SourceType) Label(lang language.Tag) string { return sourceTypeEnum.Label(string(t), lang) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts only the
// listed values and reports any other with a *healthedu.EnumError.
func (t *SourceType) UnmarshalText(text []byte) error {
	v, err := parseEnum(sourceTypeEnum, text)
	*t = SourceType(v)
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
