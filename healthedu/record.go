package healthedu

import (
	"fmt"
	"sort"
	"sync"
)

// SchemaVersion is the version of the wire format this package reads and
// writes (数据格式版本). Every record carries it.
const SchemaVersion = "1"

// Kind names the kind of a record (记录类型): "activity", "monthlyReport",
// and the kinds other packages register (the grid register's "household",
// for example).
type Kind string

// The kinds of exchange record defined in this package.
const (
	KindActivity       Kind = "activity"       // 健康教育活动
	KindMonthlyReport  Kind = "monthlyReport"  // 月报
	KindBinding        Kind = "binding"        // 小程序绑定
	KindLiteracySurvey Kind = "literacySurvey" // 健康素养监测
	KindHealthCell     Kind = "healthCell"     // 健康细胞命名
)

// Header is what every record carries (记录头): the wire format's version,
// the record's kind and the identifier its submitter chose, so that a
// resubmission of the same record is recognised rather than duplicated.
type Header struct {
	// SchemaVersion is the wire format's version (数据格式版本), "1".
	SchemaVersion string `json:"schemaVersion" jsonschema:"enum=1"`
	// Kind is the record's kind (记录类型).
	Kind Kind `json:"kind"`
	// ID is the record's identifier chosen by the submitter (记录标识), unique
	// among the submitter's records of the same kind.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64,pattern=^[0-9A-Za-z][0-9A-Za-z._:-]*$"`
}

// RecordHeader returns the header, so that every record type that embeds a
// Header has the first method of Record.
func (h *Header) RecordHeader() *Header { return h }

// Record is one submitted record of any kind (记录): its header and what a
// platform asks of every record, whatever its kind — the division it is
// for, the period its figures fall in, and the rules of its kind. A record
// type embeds a [Header] and is used by pointer.
type Record interface {
	// RecordHeader returns the record's header.
	RecordHeader() *Header

	// RecordDivision returns the division the record is for (所属区划):
	// where an activity took place, the division a monthly report's
	// figures are for, where a bound resident or a monitoring point is.
	// It is the zero DivisionCode when the record leaves it out or its
	// kind has none, as a grid register's building has none of its own.
	RecordDivision() DivisionCode

	// RecordPeriod returns the period the record's figures fall in
	// (所属期), derived from one of its members, and the JSON Pointer of
	// that member, relative to the record: the month an activity started
	// in ("/start"), a monthly report's month ("/period"), the month of a
	// binding's latest event ("/boundAt", or "/unboundAt" when the resident
	// unbound later), the month of a literacy survey's interview
	// ("/surveyedOn"), the year a health cell was named ("/year"), all in
	// China Standard Time. The Period is zero when it cannot be derived —
	// the member is missing or outside the years a Period can hold, or a
	// monthly report's period is not a month — and the pointer then says
	// where to look. A kind without a period, such as a grid register's
	// household, returns the zero Period and "".
	RecordPeriod() (Period, string)

	// Check reports what is wrong with the record by the rules of its
	// kind (语义校验) that a [Decoder] cannot see in one member alone,
	// with paths relative to the record: [Validator.Validate] calls it,
	// with itself, so that the rules use its registry and its clock. It
	// assumes the record is structurally valid, as a Decoder returns it,
	// and skips a rule whose input is missing. A kind defined outside this
	// package judges its times with [Validator.AppendTime] and
	// [Validator.AppendDate], so that they are judged alike.
	Check(v *Validator) []Issue
}

// KindInfo describes a kind of record to the decoder, the validator and the
// schema generator (记录类型说明).
type KindInfo struct {
	Kind  Kind
	Names [3]string // zh-Hans, zh-Hant, en
	// New returns a new zero record of the kind, as a pointer.
	New func() Record
}

var kindRegistry struct {
	sync.RWMutex
	byKind map[Kind]KindInfo
}

// RegisterKind makes a kind of record known to the decoder, the validator
// and the schema generator. It is meant to be called from a package's init
// function (as grid does for its register documents) and panics when the
// kind is already registered or info is incomplete: both are programming
// errors.
func RegisterKind(info KindInfo) {
	if info.Kind == "" || info.New == nil || info.Names[0] == "" || info.Names[1] == "" || info.Names[2] == "" {
		panic(fmt.Sprintf("healthedu: RegisterKind(%q): incomplete KindInfo", info.Kind))
	}
	kindRegistry.Lock()
	defer kindRegistry.Unlock()
	if kindRegistry.byKind == nil {
		kindRegistry.byKind = make(map[Kind]KindInfo)
	}
	if _, dup := kindRegistry.byKind[info.Kind]; dup {
		panic(fmt.Sprintf("healthedu: RegisterKind(%q): kind registered twice", info.Kind))
	}
	kindRegistry.byKind[info.Kind] = info
}

// LookupKind returns the registration of kind k.
func LookupKind(k Kind) (KindInfo, bool) {
	kindRegistry.RLock()
	defer kindRegistry.RUnlock()
	info, ok := kindRegistry.byKind[k]
	return info, ok
}

// Kinds returns every registered kind, sorted by name.
func Kinds() []KindInfo {
	kindRegistry.RLock()
	defer kindRegistry.RUnlock()
	out := make([]KindInfo, 0, len(kindRegistry.byKind))
	for _, info := range kindRegistry.byKind {
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func init() {
	RegisterKind(KindInfo{KindActivity, [3]string{"健康教育活动", "健康教育活動", "health education activity"}, func() Record { return new(Activity) }})
	RegisterKind(KindInfo{KindMonthlyReport, [3]string{"月报", "月報", "monthly report"}, func() Record { return new(MonthlyReport) }})
	RegisterKind(KindInfo{KindBinding, [3]string{"小程序绑定", "小程式綁定", "mini-program binding"}, func() Record { return new(Binding) }})
	RegisterKind(KindInfo{KindLiteracySurvey, [3]string{"健康素养监测", "健康素養監測", "health literacy survey"}, func() Record { return new(LiteracySurvey) }})
	RegisterKind(KindInfo{KindHealthCell, [3]string{"健康细胞命名", "健康細胞命名", "health cell naming"}, func() Record { return new(HealthCell) }})
}
