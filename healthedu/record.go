package healthedu

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
)

// SchemaVersion is the version of the wire format this package reads and
// writes (数据格式版本). Every record carries it.
const SchemaVersion = "1"

// Kind names the kind of a record (记录类型): "activity", "monthlyReport",
// and the kinds other packages define (the grid register's "household",
// for example).
type Kind string

// The kinds of exchange record defined in this package (see
// [ExchangeKinds]).
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

// KindInfo describes a kind of record (记录类型说明) to the [Decoder], which
// decodes records of the kind into the type New returns, and to the
// generator of the JSON Schemas.
type KindInfo struct {
	// Kind is the kind's name (记录类型), the value of a record's "kind".
	Kind Kind
	// Names is the kind's name in each language (名称), as the title of
	// its schema.
	Names LocalizedText
	// New returns a new zero record of the kind, as a pointer to a struct.
	New func() Record
}

// Kinds is a list of record kinds (记录类型表): those a [Decoder] takes (see
// DecodeOptions.Kinds). Each kind is in it once, with a complete
// [KindInfo]; the order does not matter. A program says which kinds it
// takes by the list it passes, not by the packages it imports: the
// exchange kinds of this package ([ExchangeKinds]), the grid register's
// kinds (grid.Kinds), its own.
type Kinds []KindInfo

// exchangeKinds are the kinds of ExchangeKinds, shared by every Decoder
// whose options give none. Nothing changes them.
var exchangeKinds = Kinds{
	{KindActivity, LocalizedText{"健康教育活动", "健康教育活動", "health education activity"}, func() Record { return new(Activity) }},
	{KindMonthlyReport, LocalizedText{"月报", "月報", "monthly report"}, func() Record { return new(MonthlyReport) }},
	{KindBinding, LocalizedText{"小程序绑定", "小程式綁定", "mini-program binding"}, func() Record { return new(Binding) }},
	{KindLiteracySurvey, LocalizedText{"健康素养监测", "健康素養監測", "health literacy survey"}, func() Record { return new(LiteracySurvey) }},
	{KindHealthCell, LocalizedText{"健康细胞命名", "健康細胞命名", "health cell naming"}, func() Record { return new(HealthCell) }},
}

// ExchangeKinds returns the kinds of exchange record this package defines
// (数据交换记录类型): activity ([Activity]), monthlyReport
// ([MonthlyReport]), binding ([Binding]), literacySurvey
// ([LiteracySurvey]) and healthCell ([HealthCell]). They are what a
// Decoder takes when its options give no kinds. Each call returns a new
// list, which the caller may extend:
//
//	append(healthedu.ExchangeKinds(), grid.Kinds()...)
func ExchangeKinds() Kinds { return slices.Clone(exchangeKinds) }

// Lookup returns the kind k of the list, and false when the list does not
// hold it.
func (ks Kinds) Lookup(k Kind) (KindInfo, bool) {
	for _, info := range ks {
		if info.Kind == k {
			return info, true
		}
	}
	return KindInfo{}, false
}

// Sorted returns the list sorted by kind name, as a new list: the order in
// which an issue lists the kinds a Decoder takes (document.kind) and the
// schemas list them.
func (ks Kinds) Sorted() Kinds {
	out := slices.Clone(ks)
	slices.SortFunc(out, func(a, b KindInfo) int { return cmp.Compare(a.Kind, b.Kind) })
	return out
}

// check returns what is wrong with the list: a kind without a name, a New
// function or a name in each language, or a kind given twice.
func (ks Kinds) check() error {
	for i, info := range ks {
		n := info.Names
		if info.Kind == "" || info.New == nil || n.ZhHans == "" || n.ZhHant == "" || n.En == "" {
			return errors.New("kind " + strconv.Quote(string(info.Kind)) + ": incomplete KindInfo")
		}
		if _, dup := ks[:i].Lookup(info.Kind); dup {
			return errors.New("kind " + strconv.Quote(string(info.Kind)) + " given twice")
		}
	}
	return nil
}
