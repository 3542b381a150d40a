package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/invopop/jsonschema"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/internal/checkchar"
	"github.com/jiceng/jiceng/internal/schemagen"
	"github.com/jiceng/jiceng/ledger"
	"github.com/jiceng/jiceng/roster"
	"github.com/jiceng/jiceng/schemas"
)

// The patterns of the value types that healthedu reads from JSON strings.
// Each accepts exactly the ASCII forms the type's Go parser accepts, as far
// as a regular expression can say it; what it cannot say (check
// characters, the leap day, the 53rd ISO week, registry existence) is left
// to the Go validator and listed by the agreement test. The Go parsers
// also read full-width digits and letters (全角); that leniency is Go's
// alone, and the schemas, meant for platforms that do not use Go, ask for
// ASCII.
//
// The patterns use only the syntax common to ECMA-262 (ajv) and RE2
// (Go's regexp): groups, alternation, classes and counted repetition.
const (
	// divisionPattern: a statistical division code (统计用区划代码) of 2,
	// 4, 6, 9 or 12 digits, as ParseDivisionCode accepts it: a province
	// 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81 or 82; under city 00
	// only zeros; a township 000–599 and, under township 000, village 000;
	// a village 000–599.
	divisionPattern = `^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])` +
		`(?:00(?:00(?:000(?:000)?)?)?` +
		`|(?:0[1-9]|[1-9][0-9])(?:[0-9]{2}(?:000(?:000)?|(?:00[1-9]|0[1-9][0-9]|[1-5][0-9]{2})(?:[0-5][0-9]{2})?)?)?)?$`

	// citizenIDPattern: the shape of a citizen ID number (公民身份号码), 18
	// characters with a final check digit or X, or the 15-digit legacy
	// form. The check character, the province and the birth date are
	// checked by Go; an identifier of this shape is refused by Go too
	// (checkchar.CitizenIDShaped).
	citizenIDPattern = checkchar.CitizenIDShapePattern

	// creditCodePattern: a unified social credit code (统一社会信用代码)
	// as ParseCreditCode accepts it, except for the check character: a
	// registration authority and an institution category that GB 32100
	// defines together, six digits, then ten characters of the GB 32100
	// charset (digits and letters other than I, O, Z, S, V; either case).
	creditCodePattern = `^(?:1[1239]|2[19]|3[1-59]|4[19]|5[1239]|6[129]|7[129]|8[19]|9[1-3]|[Aa][19]|[Nn][1239]|[Yy]1)` +
		`[0-9]{6}[0-9A-HJ-NP-RTUW-Ya-hj-np-rtuw-y]{10}$`

	// periodPattern: a period in DHIS2 notation (报告期) as ParsePeriod
	// accepts it: a year 1900–9999 alone, or followed by S1–S2, Q1–Q4,
	// W1–W53 (W01 too), an odd month 01–11 and B (a bi-month), a month
	// 01–12, or a month and a day that the month can have (0229 included).
	// The letters may be lower case. 29 February of a common year and week
	// 53 of a year with 52 weeks are Go's to reject.
	periodPattern = `^(?:19[0-9]{2}|[2-9][0-9]{3})` +
		`(?:[Ss][12]|[Qq][1-4]|[Ww](?:0?[1-9]|[1-4][0-9]|5[0-3])` +
		`|(?:0[13579]|11)[Bb]` +
		`|(?:0[13578]|1[02])(?:0[1-9]|[12][0-9]|3[01])?` +
		`|(?:0[469]|11)(?:0[1-9]|[12][0-9]|30)?` +
		`|02(?:0[1-9]|[12][0-9])?)?$`

	// datePattern: a day YYYY-MM-DD (日期) in the years 0001–9999, as
	// ParseDate accepts it; format "date" rejects the days a month lacks.
	datePattern = `^(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})` +
		`-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$`

	// dateTimePattern: an RFC 3339 timestamp with its offset (时间). Format
	// "date-time" says most of it; the pattern adds what Go's time.Time
	// cannot hold, a leap second, and fixes the offset to hh:mm with hours
	// 00–23.
	dateTimePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?` +
		`(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$`

	// mobilePattern: a mainland mobile number (手机号码) as ParseMobile
	// accepts it: 11 digits beginning 13–19, optionally after +86, 86 or
	// 0086, with single spaces or hyphens allowed between digits.
	mobilePattern = `^(?:\+?8[ -]?6[ -]?|0[ -]?0[ -]?8[ -]?6[ -]?)?1[ -]?[3-9](?:[ -]?[0-9]){9}$`

	// pseudonymPattern: a citizen ID pseudonym (假名), 64 hexadecimal digits.
	pseudonymPattern = `^[0-9A-Fa-f]{64}$`
)

var (
	enumType      = reflect.TypeFor[healthedu.Enum]()
	timeType      = reflect.TypeFor[time.Time]()
	divisionType  = reflect.TypeFor[healthedu.DivisionCode]()
	citizenIDType = reflect.TypeFor[healthedu.CitizenID]()
	creditType    = reflect.TypeFor[healthedu.CreditCode]()
	periodType    = reflect.TypeFor[healthedu.Period]()
	dateType      = reflect.TypeFor[healthedu.Date]()
	decimalType   = reflect.TypeFor[healthedu.Decimal]()
	mobileType    = reflect.TypeFor[healthedu.Mobile]()
	pseudonymType = reflect.TypeFor[healthedu.Pseudonym]()
	kindType      = reflect.TypeFor[healthedu.Kind]()
)

// mapType returns the schema of a healthedu value type that JSON carries
// as a string or a number, or nil for the types the reflector handles.
// It returns a new *Schema each time: the reflector adds the field's
// description to it.
func mapType(t reflect.Type) *jsonschema.Schema {
	str := func(pattern string) *jsonschema.Schema {
		return &jsonschema.Schema{Type: "string", Pattern: pattern}
	}
	switch t {
	case divisionType:
		return str(divisionPattern)
	case citizenIDType:
		return str(citizenIDPattern)
	case creditType:
		return str(creditCodePattern)
	case periodType:
		return str(periodPattern)
	case dateType:
		s := str(datePattern)
		s.Format = "date"
		return s
	case timeType:
		s := str(dateTimePattern)
		s.Format = "date-time"
		return s
	case mobileType:
		return str(mobilePattern)
	case pseudonymType:
		return str(pseudonymPattern)
	case decimalType:
		return &jsonschema.Schema{Type: "number"}
	case kindType:
		return &jsonschema.Schema{Type: "string"}
	}
	if t.Implements(enumType) {
		values := reflect.Zero(t).Interface().(healthedu.Enum).EnumValues()
		s := &jsonschema.Schema{Type: "string"}
		for _, v := range values {
			s.Enum = append(s.Enum, v)
		}
		return s
	}
	return nil
}

// opaque reports whether t is a struct without exported fields: a value
// type whose JSON form is text, which mapType must know. Reflecting it
// would give an empty object.
func opaque(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			return false
		}
	}
	return true
}

// kinds are the kinds of record the schemas describe: healthedu's exchange
// records, grid's register documents, ledger's rectification items and
// roster's register of people and booking's lecture requests.
func kinds() healthedu.Kinds {
	return slices.Concat(healthedu.ExchangeKinds(), grid.Kinds(), ledger.Kinds(), roster.Kinds(), booking.Kinds())
}

// generate returns the schema files, by name: one per kind of kinds and
// record.json, the envelope, which dispatches on them in the order of
// their names. root is the
// module's root directory; the descriptions are read from the doc
// comments of healthedu's source there.
func generate(root string, kinds healthedu.Kinds) (map[string][]byte, error) {
	r := &jsonschema.Reflector{
		BaseSchemaID:   jsonschema.ID(strings.TrimSuffix(schemas.BaseURL, "/")),
		ExpandedStruct: true,
	}
	for _, pkg := range []string{reflect.TypeFor[healthedu.Activity]().PkgPath(), reflect.TypeFor[grid.Household]().PkgPath(), reflect.TypeFor[ledger.Rectification]().PkgPath(),
		reflect.TypeFor[roster.Instructor]().PkgPath(), reflect.TypeFor[booking.LectureRequest]().PkgPath()} {
		if err := schemagen.AddComments(r, root, pkg); err != nil {
			return nil, err
		}
	}
	var unmapped []string
	r.Mapper = func(t reflect.Type) *jsonschema.Schema {
		if s := mapType(t); s != nil {
			return s
		}
		if opaque(t) {
			unmapped = append(unmapped, t.String())
		}
		return nil
	}

	kinds = kinds.Sorted()
	files := make(map[string][]byte)
	for _, info := range kinds {
		if schemas.FileName(info.Kind) == schemas.EnvelopeFile {
			return nil, fmt.Errorf("kind %q would overwrite the envelope %s", info.Kind, schemas.EnvelopeFile)
		}
		if _, dup := files[schemas.FileName(info.Kind)]; dup {
			return nil, fmt.Errorf("kind %q given twice", info.Kind)
		}
		s := r.ReflectFromType(reflect.TypeOf(info.New()))
		if err := finishKind(s, info); err != nil {
			return nil, err
		}
		b, err := marshal(s)
		if err != nil {
			return nil, fmt.Errorf("kind %s: %v", info.Kind, err)
		}
		files[schemas.FileName(info.Kind)] = b
	}
	if len(unmapped) > 0 {
		slices.Sort(unmapped)
		return nil, fmt.Errorf("value types without a schema mapping (add them to mapType): %s",
			strings.Join(slices.Compact(unmapped), ", "))
	}
	b, err := marshal(envelope(kinds))
	if err != nil {
		return nil, fmt.Errorf("envelope: %v", err)
	}
	files[schemas.EnvelopeFile] = b
	return files, nil
}

// finishKind gives a kind's schema its $id, title and the constant kind.
func finishKind(s *jsonschema.Schema, info healthedu.KindInfo) error {
	s.ID = jsonschema.ID(schemas.BaseURL + schemas.FileName(info.Kind))
	s.Title = kindTitle(info)
	kind, ok := s.Properties.Get("kind")
	if !ok {
		return fmt.Errorf("kind %s: the record has no kind member", info.Kind)
	}
	kind.Const = string(info.Kind)
	s.AllOf = append(s.AllOf, conditionalRules(info.Kind)...)
	if info.Kind == ledger.KindRectification {
		if err := ledgerRules(s); err != nil {
			return fmt.Errorf("kind %s: %v", info.Kind, err)
		}
	}
	if info.Kind == roster.KindInstructor || info.Kind == roster.KindExpert || info.Kind == roster.KindLectureTeam {
		if err := rosterRules(s, info.Kind); err != nil {
			return fmt.Errorf("kind %s: %v", info.Kind, err)
		}
	}
	if info.Kind == booking.KindLectureRequest {
		if err := bookingRules(s); err != nil {
			return fmt.Errorf("kind %s: %v", info.Kind, err)
		}
	}
	if info.Kind == healthedu.KindMonthlyReport {
		if err := elementRules(s, healthedu.DefaultElements()); err != nil {
			return fmt.Errorf("kind %s: %v", info.Kind, err)
		}
	}
	if s.Definitions != nil && len(s.Definitions) == 0 {
		s.Definitions = nil
	}
	return nil
}

// conditionalRules returns the rules of kind k that tie one member to
// another and that a schema can still say, with if/then; each names in
// $comment the Go issue code of the same rule. They are derived from the
// Go code that the validator uses, not restated.
func conditionalRules(k healthedu.Kind) []*jsonschema.Schema {
	switch k {
	case healthedu.KindActivity:
		// Individual guidance and home visits name their resident; a
		// resident on another form is only a warning, so no else.
		var individual []any
		for _, f := range healthedu.ActivityForm("").EnumValues() {
			if healthedu.ActivityForm(f).IsIndividual() {
				individual = append(individual, f)
			}
		}
		form := jsonschema.NewProperties()
		form.Set("form", &jsonschema.Schema{Enum: individual})
		return []*jsonschema.Schema{{
			Comments: "activity.residentMissing: individual guidance and home visits name the resident (服务对象).",
			If:       &jsonschema.Schema{Properties: form, Required: []string{"form"}},
			Then:     &jsonschema.Schema{Required: []string{"resident"}},
		}}
	}
	return nil
}

// ledgerRules adds to the schema s of a rectification item (整改事项) the
// rules of ledger's Check that tie its members together and that a schema
// can say; each names in $comment the Go issue code of the same rule:
//
//   - a source gives a period or a date (ledger.sourceMissing), a month
//     for a monthly notification and an ISO week for a weekly dispatch
//     (ledger.sourcePeriod);
//   - an owner gives a credit code or a role that is not empty
//     (ledger.ownerMissing);
//   - a target comes with its indicator (ledger.targetWithoutIndicator);
//   - an actor's id does not have the shape of a citizen ID number
//     (ledger.citizenId).
//
// What it cannot say — a status equal to the last event's, the status
// machine, the order of the events, citizen ID numbers inside free text
// — only the Go validator checks.
func ledgerRules(s *jsonschema.Schema) error {
	defs := map[string]*jsonschema.Schema{}
	for _, name := range []string{"Source", "Owner", "Actor"} {
		def, ok := s.Definitions[name]
		if !ok {
			return fmt.Errorf("no definition %s", name)
		}
		defs[name] = def
	}
	required := func(names ...string) *jsonschema.Schema { return &jsonschema.Schema{Required: names} }
	periodOf := func(typ ledger.SourceType, pattern, desc, comment string) *jsonschema.Schema {
		ifProps := jsonschema.NewProperties()
		ifProps.Set("type", &jsonschema.Schema{Const: string(typ)})
		thenProps := jsonschema.NewProperties()
		thenProps.Set("period", &jsonschema.Schema{Pattern: pattern, Description: desc})
		return &jsonschema.Schema{
			Comments: comment,
			If:       &jsonschema.Schema{Properties: ifProps, Required: []string{"type"}},
			Then:     &jsonschema.Schema{Properties: thenProps, Required: []string{"period"}},
		}
	}
	const year = `^(?:19[0-9]{2}|[2-9][0-9]{3})`
	src := defs["Source"]
	src.AllOf = append(src.AllOf,
		&jsonschema.Schema{
			Comments: "ledger.sourceMissing: a source gives the period or the date it came from.",
			AnyOf:    []*jsonschema.Schema{required("period"), required("date")},
		},
		periodOf(ledger.SourceMonthlyNotification, year+`(?:0[1-9]|1[0-2])$`,
			"The period of a monthly notification: a month (月份).",
			"ledger.sourcePeriod: a monthly notification is for a month."),
		periodOf(ledger.SourceWeeklyDispatch, year+`[Ww](?:0?[1-9]|[1-4][0-9]|5[0-3])$`,
			"The period of a weekly dispatch: an ISO week (周).",
			"ledger.sourcePeriod: a weekly dispatch is for an ISO week."),
	)
	role := jsonschema.NewProperties()
	role.Set("role", &jsonschema.Schema{MinLength: new(uint64(1)), Description: "A role that is not empty (责任岗位)."})
	own := defs["Owner"]
	own.AllOf = append(own.AllOf, &jsonschema.Schema{
		Comments: "ledger.ownerMissing: an owner gives the institution's credit code or a role.",
		AnyOf:    []*jsonschema.Schema{required("creditCode"), {Properties: role, Required: []string{"role"}}},
	})
	id, ok := defs["Actor"].Properties.Get("id")
	if !ok {
		return errors.New("the Actor definition has no id member")
	}
	id.Not = &jsonschema.Schema{Pattern: citizenIDPattern}
	id.Comments = "ledger.citizenId: an actor is named by a staff account, never by a citizen ID number."
	if _, ok := s.Properties.Get("target"); !ok {
		return errors.New("no target member")
	}
	s.DependentRequired = map[string][]string{"target": {"indicator"}}
	s.Comments = "ledger.targetWithoutIndicator: a target comes with the indicator it is for (dependentRequired)."
	return nil
}

// rosterRules adds to the schema s of a record of the register of people
// (花名册) of kind k the rules of roster's Check that a schema can say;
// each names in $comment the Go issue code of the same rule:
//
//   - an id, and a lecture team's member and leader ids, do not have the
//     shape of a citizen ID number (roster.citizenId);
//   - a lecture team lists at least one expert or instructor
//     (roster.teamEmpty).
//
// What it cannot say — a level that is not its division's, an assessment
// before the training, a citizen ID given with its pseudonym, a pool
// listed twice, a leader who is not a member, citizen ID numbers inside
// names — only the Go validator checks.
func rosterRules(s *jsonschema.Schema, k healthedu.Kind) error {
	const comment = "roster.citizenId: people are identified by the platform's pseudonymous ids, never by a citizen ID number."
	notCitizenID := func(p *jsonschema.Schema) {
		p.Not = &jsonschema.Schema{Pattern: citizenIDPattern}
		p.Comments = comment
	}
	id, ok := s.Properties.Get("id")
	if !ok {
		return errors.New("no id member")
	}
	notCitizenID(id)
	if k != roster.KindLectureTeam {
		return nil
	}
	for _, name := range []string{"experts", "instructors"} {
		list, ok := s.Properties.Get(name)
		if !ok || list.Items == nil {
			return fmt.Errorf("no %s list", name)
		}
		notCitizenID(list.Items)
	}
	leader, ok := s.Properties.Get("leader")
	if !ok {
		return errors.New("no leader member")
	}
	notCitizenID(leader)
	nonEmpty := func(name, term string) *jsonschema.Schema {
		props := jsonschema.NewProperties()
		props.Set(name, &jsonschema.Schema{MinItems: new(uint64(1)), Description: "At least one " + name[:len(name)-1] + " (" + term + ")."})
		return &jsonschema.Schema{Properties: props, Required: []string{name}}
	}
	s.AllOf = append(s.AllOf, &jsonschema.Schema{
		Comments: "roster.teamEmpty: a lecture team lists at least one expert or instructor.",
		AnyOf:    []*jsonschema.Schema{nonEmpty("experts", "专家成员"), nonEmpty("instructors", "指导员成员")},
	})
	return nil
}

// bookingRules adds to the schema s of a lecture request (点餐宣讲申请)
// the rules of booking's Check that tie its members to its status and that
// a schema can say; each names in $comment the Go issue code of the same
// rule:
//
//   - a request scheduled or held gives its schedule
//     (booking.scheduleMissing), one only requested gives none
//     (booking.unexpected);
//   - a request held gives the lecture held (booking.heldMissing), and
//     only a request held does (booking.unexpected);
//   - a request declined gives the reason (booking.reasonMissing), and
//     only a request declined does (booking.unexpected);
//   - an actor's id and an expert's id do not have the shape of a citizen
//     ID number (booking.citizenId).
//
// What it cannot say — a status equal to the last event's, the status
// machine, the order of the events, requestedAt equal to the first
// event's time, days compared with one another, citizen ID numbers inside
// free text — only the Go validator checks.
func bookingRules(s *jsonschema.Schema) error {
	for _, name := range []string{"status", "schedule", "held", "declineReason"} {
		if _, ok := s.Properties.Get(name); !ok {
			return fmt.Errorf("no %s member", name)
		}
	}
	status := func(values ...booking.Status) *jsonschema.Schema {
		props := jsonschema.NewProperties()
		var enum []any
		for _, v := range values {
			enum = append(enum, string(v))
		}
		props.Set("status", &jsonschema.Schema{Enum: enum})
		return &jsonschema.Schema{Properties: props, Required: []string{"status"}}
	}
	required := func(names ...string) *jsonschema.Schema { return &jsonschema.Schema{Required: names} }
	absent := func(name string) *jsonschema.Schema { return &jsonschema.Schema{Not: required(name)} }
	s.AllOf = append(s.AllOf,
		&jsonschema.Schema{
			Comments: "booking.scheduleMissing: a request scheduled or held gives its schedule.",
			If:       status(booking.StatusScheduled, booking.StatusHeld),
			Then:     required("schedule"),
		},
		&jsonschema.Schema{
			Comments: "booking.unexpected: a request only requested gives no schedule.",
			If:       status(booking.StatusRequested),
			Then:     absent("schedule"),
		},
		&jsonschema.Schema{
			Comments: "booking.heldMissing, booking.unexpected: a request held gives the lecture held, and only a request held does.",
			If:       status(booking.StatusHeld),
			Then:     required("held"),
			Else:     absent("held"),
		},
		&jsonschema.Schema{
			Comments: "booking.reasonMissing, booking.unexpected: a request declined gives the reason, and only a request declined does.",
			If:       status(booking.StatusDeclined),
			Then:     required("declineReason"),
			Else:     absent("declineReason"),
		},
	)
	for _, def := range []struct{ name, member string }{{"Actor", "id"}, {"Schedule", "expert"}} {
		d, ok := s.Definitions[def.name]
		if !ok {
			return fmt.Errorf("no definition %s", def.name)
		}
		m, ok := d.Properties.Get(def.member)
		if !ok {
			return fmt.Errorf("the %s definition has no %s member", def.name, def.member)
		}
		m.Not = &jsonschema.Schema{Pattern: citizenIDPattern}
		m.Comments = "booking.citizenId: staff and experts are named by account or record ID, never by a citizen ID number."
	}
	return nil
}

// elementRules ties the values of a monthly report's schema s to the data
// element catalogue cat (数据元目录), as the Go validator does with its
// Elements: in the definition of DataValue, the element must be one of
// cat's codes (monthlyReport.unknownElement), and the value must have its
// element's type (monthlyReport.valueType), by one if/then for each value
// type that cat uses, listing its elements. The codes are in catalogue
// order and the value types in a fixed order, so the output depends only
// on cat.
func elementRules(s *jsonschema.Schema, cat *healthedu.ElementCatalog) error {
	name := reflect.TypeFor[healthedu.DataValue]().Name()
	def, ok := s.Definitions[name]
	if !ok {
		return fmt.Errorf("no definition %s", name)
	}
	element, ok := def.Properties.Get("element")
	if !ok {
		return fmt.Errorf("%s has no element member", name)
	}
	if _, ok := def.Properties.Get("value"); !ok {
		return fmt.Errorf("%s has no value member", name)
	}
	byType := make(map[healthedu.ValueType][]any)
	element.Enum = nil
	for _, e := range cat.Elements() {
		element.Enum = append(element.Enum, e.Code)
		byType[e.ValueType] = append(byType[e.ValueType], e.Code)
	}
	if len(element.Enum) == 0 {
		return errors.New("the element catalogue is empty")
	}
	element.Description += " One of the codes of jiceng's default data element catalogue (数据元目录)."
	for _, t := range []healthedu.ValueType{healthedu.ValueCount, healthedu.ValueInteger, healthedu.ValuePercent, healthedu.ValueDecimal} {
		if len(byType[t]) == 0 {
			continue
		}
		value, comment := valueTypeSchema(t)
		ifProps := jsonschema.NewProperties()
		ifProps.Set("element", &jsonschema.Schema{Enum: byType[t]})
		thenProps := jsonschema.NewProperties()
		thenProps.Set("value", value)
		def.AllOf = append(def.AllOf, &jsonschema.Schema{
			Comments: comment,
			If:       &jsonschema.Schema{Properties: ifProps, Required: []string{"element"}},
			Then:     &jsonschema.Schema{Properties: thenProps},
		})
		delete(byType, t)
	}
	for t := range byType {
		return fmt.Errorf("the element catalogue uses value type %q, which has no schema", t)
	}
	return nil
}

// valueTypeSchema returns the schema of the values of type t and a
// comment that names the Go issue code of the rule and what only Go
// checks. A percent's at most 4 decimals is not said with multipleOf:
// validators test it in binary floating point (ajv computes 96.41 / 0.0001
// and finds a remainder), so they would reject values Go accepts.
func valueTypeSchema(t healthedu.ValueType) (*jsonschema.Schema, string) {
	switch t {
	case healthedu.ValueCount:
		return &jsonschema.Schema{Type: "integer", Minimum: "0", Description: "The value of a count element (计数): a non-negative integer."},
			"monthlyReport.valueType: the value of a count element is a non-negative integer."
	case healthedu.ValueInteger:
		return &jsonschema.Schema{Type: "integer", Description: "The value of an integer element (整数): an integer."},
			"monthlyReport.valueType: the value of an integer element is an integer."
	case healthedu.ValuePercent:
		return &jsonschema.Schema{Type: "number", Minimum: "0", Maximum: "100", Description: "The value of a percent element (百分率): 0–100, with at most 4 decimals."},
			"monthlyReport.valueType: the value of a percent element lies in 0–100; that it has at most 4 decimals only the Go validator checks."
	}
	return &jsonschema.Schema{Type: "number", Description: "The value of a decimal element (小数): any number."},
		"monthlyReport.valueType: the value of a decimal element is any number."
}

func kindTitle(info healthedu.KindInfo) string {
	return info.Names.En + " (" + info.Names.ZhHans + ")"
}

// envelope returns the schema of a record of any kind: it checks the
// header and hands the record to its kind's schema.
func envelope(kinds healthedu.Kinds) *jsonschema.Schema {
	props := jsonschema.NewProperties()
	props.Set("schemaVersion", &jsonschema.Schema{
		Type:        "string",
		Const:       healthedu.SchemaVersion,
		Description: "The wire format's version (数据格式版本).",
	})
	kind := &jsonschema.Schema{
		Type:        "string",
		Description: "The record's kind (记录类型), which selects the schema the record must satisfy.",
	}
	for _, k := range kinds {
		kind.Enum = append(kind.Enum, string(k.Kind))
	}
	props.Set("kind", kind)
	s := &jsonschema.Schema{
		Version: jsonschema.Version,
		ID:      jsonschema.ID(schemas.BaseURL + schemas.EnvelopeFile),
		Title:   "exchange record (记录)",
		Description: "One record of any kind (记录): its kind member selects the kind's schema, " +
			"which the record must satisfy.",
		Type:       "object",
		Properties: props,
		Required:   []string{"schemaVersion", "kind", "id"},
	}
	for _, k := range kinds {
		ifProps := jsonschema.NewProperties()
		ifProps.Set("kind", &jsonschema.Schema{Const: string(k.Kind)})
		s.AllOf = append(s.AllOf, &jsonschema.Schema{
			If:   &jsonschema.Schema{Properties: ifProps, Required: []string{"kind"}},
			Then: &jsonschema.Schema{Ref: schemas.FileName(k.Kind)},
		})
	}
	return s
}

// marshal writes s as indented JSON with a final newline. The reflector
// keeps properties in field order and encoding/json sorts $defs, so the
// output depends only on the types (and, for the element rules, on the
// catalogue's order).
func marshal(s *jsonschema.Schema) ([]byte, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// ownFile reports whether the schema file content was written by this
// generator: the envelope, or the schema of a record kind, which has a
// constant kind. Other packages write their schemas to the same directory
// (indicators writes indicator-catalogue.json); they are left alone.
func ownFile(name string, content []byte) bool {
	if name == schemas.EnvelopeFile {
		return true
	}
	var s struct {
		Properties struct {
			Kind struct {
				Const *string `json:"const"`
			} `json:"kind"`
		} `json:"properties"`
	}
	return json.Unmarshal(content, &s) == nil && s.Properties.Kind.Const != nil
}
