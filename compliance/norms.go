package compliance

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/enumset"
	"github.com/jiceng/jiceng/internal/jsonwire"
)

// Class is a class of grassroots medical institution (机构类别) for which
// the norm sets its own minimums.
type Class string

// The classes of the national norm.
const (
	// ClassCentre: township health centres (乡镇卫生院) and community health
	// service centres (社区卫生服务中心).
	ClassCentre Class = "centre"
	// ClassStation: village clinics (村卫生室) and community health service
	// stations (社区卫生服务站).
	ClassStation Class = "station"
)

var classes = enumset.New("Class", []enumset.Entry{
	{"centre", "乡镇卫生院、社区卫生服务中心", "鄉鎮衛生院、社區衛生服務中心", "township health centre or community health service centre"},
	{"station", "村卫生室、社区卫生服务站", "村衛生室、社區衛生服務站", "village clinic or community health service station"},
})

// Label returns the class's name in lang (机构类别名称).
func (c Class) Label(lang language.Tag) string { return classes.Label(string(c), lang) }

// Rule names a rule of the norm (规范条目).
type Rule string

// The rules of the norm's health education section, in the order results
// list them.
const (
	RulePrintedKinds     Rule = "printedKinds"     // kinds of printed materials a year (印刷资料种类)
	RuleAudioVisualKinds Rule = "audioVisualKinds" // kinds of audio-visual materials a year (音像资料种类)
	RuleBoards           Rule = "boards"           // bulletin boards (宣传栏个数)
	RuleBoardArea        Rule = "boardArea"        // least area of each board (宣传栏面积)
	RuleBoardChangeGap   Rule = "boardChangeGap"   // most months between changes of a board's content (宣传栏更换周期)
	RuleLectures         Rule = "lectures"         // health knowledge lectures a year (健康知识讲座次数)
	RuleLectureGap       Rule = "lectureGap"       // a lecture in every period of so many months (讲座频次)
	RuleConsultations    Rule = "consultations"    // public health consultation events a year (公众健康咨询活动次数)
)

var rules = enumset.New("Rule", []enumset.Entry{
	{"printedKinds", "印刷资料种类", "印刷資料種類", "kinds of printed materials"},
	{"audioVisualKinds", "音像资料种类", "影音資料種類", "kinds of audio-visual materials"},
	{"boards", "宣传栏个数", "宣傳欄個數", "bulletin boards"},
	{"boardArea", "宣传栏面积", "宣傳欄面積", "bulletin board area"},
	{"boardChangeGap", "宣传栏更换周期", "宣傳欄更換週期", "bulletin board changes"},
	{"lectures", "健康知识讲座次数", "健康知識講座次數", "health lectures"},
	{"lectureGap", "健康知识讲座频次", "健康知識講座頻次", "a lecture in every period"},
	{"consultations", "公众健康咨询活动次数", "公眾健康諮詢活動次數", "public health consultations"},
})

// Rules returns the rules of the norm (规范条目), in the order results list
// them.
func Rules() []Rule {
	vs := rules.Values()
	out := make([]Rule, len(vs))
	for i, v := range vs {
		out[i] = Rule(v)
	}
	return out
}

// Label returns the rule's name in lang (条目名称).
func (r Rule) Label(lang language.Tag) string { return rules.Label(string(r), lang) }

// Unit is what a norm's figure or a measured value counts (计量单位).
type Unit string

// The units of norms and measures.
const (
	UnitKind    Unit = "kind"    // kinds of material (种)
	UnitBoard   Unit = "board"   // bulletin boards (个)
	UnitDm2     Unit = "dm2"     // square decimetres (平方分米)
	UnitMonth   Unit = "month"   // months (个月)
	UnitLecture Unit = "lecture" // lectures (次)
	UnitEvent   Unit = "event"   // consultation events (次)
	UnitPeriod  Unit = "period"  // periods of a lectureGap norm's months (考核时段)
)

var units = enumset.New("Unit", []enumset.Entry{
	{"kind", "种", "種", "kinds"},
	{"board", "个", "個", "boards"},
	{"dm2", "平方分米", "平方公寸", "dm²"},
	{"month", "个月", "個月", "months"},
	{"lecture", "次", "次", "lectures"},
	{"event", "次", "次", "events"},
	{"period", "个时段", "個時段", "periods"},
})

// Label returns the unit's name in lang (单位名称).
func (u Unit) Label(lang language.Tag) string { return units.Label(string(u), lang) }

// ruleSpec says, for each rule, the unit of its figure and the figures a
// norm may give.
type ruleSpec struct {
	unit     Unit
	min, max int   // the range of Value
	allowed  []int // when not nil, the only values allowed
}

var ruleSpecs = map[Rule]ruleSpec{
	RulePrintedKinds:     {unit: UnitKind, max: 1000},
	RuleAudioVisualKinds: {unit: UnitKind, max: 1000},
	RuleBoards:           {unit: UnitBoard, max: 100},
	RuleBoardArea:        {unit: UnitDm2, max: 100000},
	RuleBoardChangeGap:   {unit: UnitMonth, min: 1, max: 12},
	RuleLectures:         {unit: UnitLecture, max: 1000},
	RuleLectureGap:       {unit: UnitMonth, min: 1, max: 12, allowed: []int{1, 2, 3, 4, 6, 12}},
	RuleConsultations:    {unit: UnitEvent, max: 1000},
}

// Source names the document the norms come from (依据).
type Source struct {
	// Title is the document's title (文件名称).
	Title string `json:"title"`
	// Issuer is the authority that issued it (发布机关).
	Issuer string `json:"issuer,omitempty"`
	// Year is the year it was issued (发布年份).
	Year int `json:"year,omitempty"`
	// Section is the section the norms are taken from (章节).
	Section string `json:"section,omitempty"`
}

// ClassDef assigns organizer types to a class (机构类别定义).
type ClassDef struct {
	// Class is the class (机构类别).
	Class Class `json:"class"`
	// OrganizerTypes are the kinds of institution in it (机构类型); each
	// type is in at most one class, and an institution of a type in none
	// is not checked.
	OrganizerTypes []healthedu.OrganizerType `json:"organizerTypes"`
}

// Norm is one figure of the norm for one class (规范要求): for a rule that
// counts (printedKinds, audioVisualKinds, lectures, consultations) the
// least number a year, pro-rated in a year in progress, 0 for no minimum;
// for boards the least number of bulletin boards; for boardArea the least
// area of each board in dm²; for boardChangeGap the most months from the
// start of the year or a change of a board's content to the next change;
// for lectureGap the months of each period (1, 2, 3, 4, 6 or 12) that must
// hold a lecture. A class without a norm for a rule is not checked by it.
type Norm struct {
	// Class is the class the figure is for (机构类别).
	Class Class `json:"class"`
	// Rule is the rule (规范条目).
	Rule Rule `json:"rule"`
	// Value is the figure (要求值).
	Value int `json:"value"`
	// Unit is what Value counts (单位); each rule has its own, which the
	// table must state.
	Unit Unit `json:"unit"`
	// Unconfirmed marks a figure not confirmed against the norm's text
	// (待核实): a parameter with a default a platform should check.
	Unconfirmed bool `json:"unconfirmed,omitempty"`
	// Note is the requirement in words (说明), for people.
	Note string `json:"note,omitempty"`
}

// NormsFile is the form of a norms table (规范要求表) in JSON: the source,
// the classes and the norms. [DefaultNorms] is built from the file
// norms.json embedded in this package.
type NormsFile struct {
	// Source is the document the norms come from (依据).
	Source Source `json:"source"`
	// Classes assign organizer types to classes (机构类别).
	Classes []ClassDef `json:"classes"`
	// Norms are the figures (规范要求).
	Norms []Norm `json:"norms"`
}

// Norms is a checked norms table (规范要求表), safe for concurrent use.
type Norms struct {
	file    NormsFile
	classOf map[healthedu.OrganizerType]Class
	norm    map[Class]map[Rule]Norm
}

//go:embed norms.json
var defaultNormsJSON []byte

var defaultNorms = sync.OnceValue(func() *Norms {
	n, err := LoadNorms(bytes.NewReader(defaultNormsJSON))
	if err != nil {
		panic("compliance: embedded norms.json: " + err.Error())
	}
	return n
})

// DefaultNorms returns the norms of the national basic public health
// service norm, 3rd edition (国家基本公共卫生服务规范（第三版）, 2017), health
// education section, for township health centres and community health
// service centres (ClassCentre) and village clinics and community health
// service stations (ClassStation):
//
//	rule              centre   station
//	printedKinds      12       12        kinds a year
//	audioVisualKinds  6        6         kinds a year
//	boards            2        1         bulletin boards
//	boardArea         200      200       dm² (2 m²) each
//	boardChangeGap    2        2         months at most between changes
//	lectures          12       6         lectures a year
//	lectureGap        1        2         a lecture every so many months
//	consultations     9        0         events a year (unconfirmed)
//
// The consultation figures are unconfirmed (待核实): 9 a year for centres
// and no minimum (0) for village clinics and stations are the defaults
// DOMAIN.md gives, to be checked against the norm's text. They are
// parameters: a platform replaces them with [NewNorms] or [LoadNorms]. The
// Norms returned is shared; nothing can modify it.
func DefaultNorms() *Norms { return defaultNorms() }

// LoadNorms reads a norms table (see [NormsFile]) strictly and checks it as
// [NewNorms] does. A file that is not one JSON object with known fields of
// the right types, or has data after it, gives an error that says where;
// a table that reads well but breaks a rule of NewNorms gives its
// [*healthedu.IssuesError].
func LoadNorms(r io.Reader) (*Norms, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("compliance: reading norms: %w", err)
	}
	var f NormsFile
	if err := jsonwire.DecodeDocument(data, &f); err != nil {
		return nil, fmt.Errorf("compliance: norms: %w", err)
	}
	return NewNorms(f)
}

// NewNorms checks f and returns the table it describes. The faults, each an
// issue with a JSON Pointer into f, are returned together in a
// [*healthedu.IssuesError]: a source without a title
// (compliance.normsSource); a class other than centre and station
// (compliance.normsClass); an organizer type that is not one or is in two
// classes (compliance.normsOrganizerType); a rule that is not one of
// [Rules] (compliance.normsRule); a unit other than the rule's
// (compliance.normsUnit); a value outside the rule's range
// (compliance.normsValue); a class and rule given twice
// (compliance.normsDuplicate).
func NewNorms(f NormsFile) (*Norms, error) {
	var is []healthedu.Issue
	add := func(code, path string, params map[string]any) {
		is = append(is, healthedu.NewIssue(code, path, params))
	}
	if strings.TrimSpace(f.Source.Title) == "" {
		add("compliance.normsSource", "/source/title", nil)
	}
	n := &Norms{
		classOf: make(map[healthedu.OrganizerType]Class),
		norm:    make(map[Class]map[Rule]Norm),
	}
	for i, c := range f.Classes {
		path := "/classes/" + strconv.Itoa(i)
		if classes.Index(string(c.Class)) < 0 {
			add("compliance.normsClass", path+"/class", map[string]any{"value": string(c.Class)})
			continue
		}
		for j, t := range c.OrganizerTypes {
			_, dup := n.classOf[t]
			if dup || !slices.Contains(healthedu.OrganizerType("").EnumValues(), string(t)) {
				add("compliance.normsOrganizerType", path+"/organizerTypes/"+strconv.Itoa(j), map[string]any{"value": string(t)})
				continue
			}
			n.classOf[t] = c.Class
		}
	}
	for i, nm := range f.Norms {
		path := "/norms/" + strconv.Itoa(i)
		ok := true
		if classes.Index(string(nm.Class)) < 0 {
			add("compliance.normsClass", path+"/class", map[string]any{"value": string(nm.Class)})
			ok = false
		}
		spec, known := ruleSpecs[nm.Rule]
		if !known {
			add("compliance.normsRule", path+"/rule", map[string]any{"value": string(nm.Rule)})
			continue
		}
		if nm.Unit != spec.unit {
			add("compliance.normsUnit", path+"/unit", map[string]any{"value": string(nm.Unit), "expected": string(spec.unit)})
			ok = false
		}
		if nm.Value < spec.min || nm.Value > spec.max || spec.allowed != nil && !slices.Contains(spec.allowed, nm.Value) {
			add("compliance.normsValue", path+"/value", map[string]any{"value": nm.Value, "rule": string(nm.Rule)})
			ok = false
		}
		if !ok {
			continue
		}
		if _, dup := n.norm[nm.Class][nm.Rule]; dup {
			add("compliance.normsDuplicate", path, map[string]any{"class": string(nm.Class), "rule": string(nm.Rule)})
			continue
		}
		if n.norm[nm.Class] == nil {
			n.norm[nm.Class] = make(map[Rule]Norm)
		}
		n.norm[nm.Class][nm.Rule] = nm
	}
	if len(is) > 0 {
		return nil, &healthedu.IssuesError{Op: "compliance: norms", Issues: is}
	}
	n.file = cloneFile(f)
	return n, nil
}

func cloneFile(f NormsFile) NormsFile {
	f.Classes = slices.Clone(f.Classes)
	for i := range f.Classes {
		f.Classes[i].OrganizerTypes = slices.Clone(f.Classes[i].OrganizerTypes)
	}
	f.Norms = slices.Clone(f.Norms)
	return f
}

// File returns the table as a NormsFile (规范要求表), a copy: a platform
// changes a figure in it and makes a new table with [NewNorms].
func (n *Norms) File() NormsFile { return cloneFile(n.file) }

// Source returns the document the norms come from (依据).
func (n *Norms) Source() Source { return n.file.Source }

// ClassOf returns the class of institutions of type t (机构类别), and false
// when t is in no class: such an institution is not checked.
func (n *Norms) ClassOf(t healthedu.OrganizerType) (Class, bool) {
	c, ok := n.classOf[t]
	return c, ok
}

// Lookup returns the norm of rule r for class c (规范要求), and false when
// the table has none: the rule is then not checked for the class.
func (n *Norms) Lookup(c Class, r Rule) (Norm, bool) {
	nm, ok := n.norm[c][r]
	return nm, ok
}
