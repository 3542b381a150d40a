package healthedu

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// Validator checks the rules of the records (语义校验) that a Decoder
// cannot see in one field alone: codes that must exist in the division
// registry, times that must be in order and not in the future, an activity
// that must lie inside its organiser's area, a monthly report's elements,
// a literacy survey's verdict. What it finds it reports as issues (see
// [Issue]); warnings do not reject a record, errors do.
//
// Validate assumes the record is structurally valid, as every record a
// [Decoder] returns is: it does not repeat the Decoder's checks (required
// fields, enumerations, ranges, patterns) and skips a rule whose input is
// missing, such as a zero [DivisionCode] or a zero time.Time, rather than
// reporting it twice.
//
// The zero Validator is ready to use: it checks against [DefaultRegistry]
// and [DefaultElements], with [DefaultElementBounds], and without a clock.
// A Validator must not be modified while in use; used so, it is safe for
// concurrent use.
type Validator struct {
	// Registry is the table against which division codes are checked
	// (区划代码表); nil means DefaultRegistry. The default holds no villages
	// (村级): a village code is accepted when its township is known and the
	// registry holds no village under that township. A platform that merges
	// in the villages of a county (see [Registry.Merge]) gets them checked
	// there, and only there.
	Registry *Registry

	// Elements is the catalogue of data elements of monthly reports
	// (数据元目录); nil means DefaultElements. A report may give only its
	// elements, each once and with a value of its type, and is warned of
	// each element expected in every monthly report that it leaves out
	// (monthlyReport.missingElement; see [Element.ExpectedInMonthlyReport]).
	Elements *ElementCatalog

	// Now is the instant of validation (校验时间): no time in a record may
	// be after it (time.future, citizenId.future). The library never reads
	// the clock; a server passes time.Now(), plus a few minutes if it
	// wants to tolerate submitters whose clocks run fast. The zero Now
	// means that no clock is known, and the rules that compare with it are
	// skipped.
	Now time.Time

	// OrganizerAreas maps an organiser's unified social credit code to the
	// division it serves (机构服务区域), as the platform's register of
	// institutions knows it. An activity of a listed organiser must lie
	// inside that division; for an organiser not listed, inside the
	// organizer.division the record gives, if any. nil means the platform
	// knows no areas.
	OrganizerAreas map[CreditCode]DivisionCode

	// ElementBounds are the logical rules between the elements of a monthly
	// report (逻辑校验), checked when both elements are reported. nil means
	// DefaultElementBounds; an empty, non-nil slice checks none.
	ElementBounds []ElementBound

	// Earliest is the earliest instant a record's times may hold (最早可接受
	// 时间): a time before it, or a date, month or year that ends at or
	// before it, is an error (time.tooEarly) — a submitter who types 1990
	// for 2019, or a form that sends 1900-01-01 for "unknown". It applies to
	// the times and dates of events: an activity's start and end, a monthly
	// report's submittedAt and period, a binding's boundAt and unboundAt, a
	// literacy survey's surveyedOn, a health cell's year and namedOn, and
	// whatever the Check methods of other packages' kinds pass to
	// [Validator.AppendTime] and [Validator.AppendDate]; not to the birth
	// dates inside citizen ID numbers nor to respondents' ages, which are
	// rightly old. The zero Earliest means [DefaultEarliest],
	// 2000-01-01T00:00:00+08:00. Whatever it is, a time that jiceng cannot
	// represent (before 1900 or after 9999 in China Standard Time, see
	// [Representable]) is an error of its own (time.outOfRange), so an
	// Earliest before 1900 accepts everything from 1900 on.
	Earliest time.Time

	// ReportDueDays is the number of days after the end of a monthly
	// report's month within which it is due (上报时限): with 5, a report
	// for October is on time until 5 November 24:00 in China Standard
	// Time, and later a warning (monthlyReport.late). 0 means no deadline.
	ReportDueDays int
}

// DefaultEarliest returns the earliest instant a [Validator] accepts in a
// record when its Earliest is zero (默认最早可接受时间):
// 2000-01-01T00:00:00+08:00. jiceng's records are of national programmes
// that began after it — the basic public health services (2009), the
// national health literacy surveillance (2008) — and it is where the
// schema's bound on a health cell's naming year (2000 to 2100) and the
// grid engine's range of times begin, so an earlier time is a typing
// mistake or a placeholder, not history. A platform that imports older
// records sets Validator.Earliest.
func DefaultEarliest() time.Time { return validateDefaultEarliest }

var (
	validateDefaultEarliest = time.Date(2000, 1, 1, 0, 0, 0, 0, ChinaStandardTime)
	// The first and the last representable instants.
	validateFirstInstant = time.Date(periodMinYear, 1, 1, 0, 0, 0, 0, ChinaStandardTime)
	validateLastInstant  = time.Date(periodMaxYear+1, 1, 1, 0, 0, 0, -1, ChinaStandardTime)
)

// earliest returns the earliest instant v accepts, in China Standard Time
// and within the representable range, so that its day is a Date.
func (v *Validator) earliest() time.Time {
	switch e := v.Earliest; {
	case e.IsZero():
		return validateDefaultEarliest
	case e.Before(validateFirstInstant):
		return validateFirstInstant
	case e.After(validateLastInstant):
		return validateLastInstant
	default:
		return e.In(ChinaStandardTime)
	}
}

// ElementBound is a logical rule between two data elements of one monthly
// report (逻辑校验规则): the value of Part may not exceed the value of
// Whole, as the patients managed to the norm may not outnumber the patients
// under management.
type ElementBound struct {
	Part  string // the element that counts a part (分项), e.g. "hypertension-controlled"
	Whole string // the element that counts the whole (总数), e.g. "hypertension-managed"
}

// validateDefaultBounds are the bounds between the elements of
// DefaultElements.
var validateDefaultBounds = []ElementBound{
	{"population-65plus", "population"},
	{"children-0-6", "population"},
	{"health-records", "population"},
	{"elderly-managed", "population-65plus"},
	{"children-0-6-managed", "children-0-6"},
	{"hypertension-standard-managed", "hypertension-managed"},
	{"hypertension-controlled", "hypertension-managed"},
	{"diabetes-standard-managed", "diabetes-managed"},
	{"diabetes-controlled", "diabetes-managed"},
	{"satisfaction-satisfied", "satisfaction-surveyed"},
}

// DefaultElementBounds returns the logical rules between the elements of
// [DefaultElements] (逻辑校验规则): the residents aged 65 and over, the
// children aged 0–6 and the residents with a health record are part of
// the population; the elderly and the children under health management
// part of their age groups; the hypertension and diabetes patients managed
// to the norm, and those controlled at their last follow-up, part of the
// patients under management; the residents satisfied with health services
// part of those surveyed.
func DefaultElementBounds() []ElementBound { return slices.Clone(validateDefaultBounds) }

// Validate checks the semantic rules of record r and returns what it
// finds, nil when nothing; paths are JSON Pointers relative to the record.
// It calls r's Check method (see [Record]): the rules of r's kind. For the
// kinds of this package the issue codes are those it registers with a
// meaning that says which record kinds they concern (division.unknown,
// time.outOfRange, time.tooEarly, time.future, activity.*,
// monthlyReport.*, binding.*, literacySurvey.*, healthCell.*,
// citizenId.future, citizenId.bornAfter). Every time and date of an event
// is checked by the rules of [Validator.AppendTime] and
// [Validator.AppendDate]; the rules that compare two times (an end before
// a start) are skipped when one of them is not representable, which is
// reported already. A nil record, or a nil pointer to one of this
// package's record types, reports nothing.
//
// Checking a valid activity, binding, literacy survey or health cell
// allocates nothing, nor does checking a valid monthly report of up to 32
// values that carries every element its catalogue expects; a longer report
// allocates a map of its elements, and [Decimal.Cmp] allocates to compare
// values whose scales differ too much.
func (v *Validator) Validate(r Record) []Issue {
	return v.appendIssues(nil, r)
}

// validateAppender is implemented by the record types of this package:
// their Check appends to a slice, so that ValidateStream reuses its own.
type validateAppender interface {
	appendChecks(dst []Issue, v *Validator) []Issue
}

// appendIssues appends the issues of r to dst.
func (v *Validator) appendIssues(dst []Issue, r Record) []Issue {
	switch r := r.(type) {
	case nil:
		return dst
	case validateAppender:
		return r.appendChecks(dst, v)
	}
	return append(dst, r.Check(v)...)
}

// Check reports what is wrong with the activity by its rules (see
// [Validator.Validate]): divisions the registry lacks, an activity
// outside its organiser's area, an end before its start or a session too
// long, times outside the range v accepts, a resident missing or not
// expected, evidence missing, no participants, a resident's citizen ID
// born after the activity, a material or a board named on a form that
// concerns none.
func (a *Activity) Check(v *Validator) []Issue { return a.appendChecks(nil, v) }

func (a *Activity) appendChecks(dst []Issue, v *Validator) []Issue {
	if a == nil {
		return dst
	}
	return v.appendActivity(dst, a)
}

// Check reports what is wrong with the monthly report by its rules (see
// [Validator.Validate]): a division the registry lacks, a period that is
// not a month or is too early, a submission before, during or long after
// its month, a submission time outside the range v accepts, elements
// missing, repeated, unknown or of the wrong type, parts exceeding their
// whole.
func (m *MonthlyReport) Check(v *Validator) []Issue { return m.appendChecks(nil, v) }

func (m *MonthlyReport) appendChecks(dst []Issue, v *Validator) []Issue {
	if m == nil {
		return dst
	}
	return v.appendMonthlyReport(dst, m)
}

// Check reports what is wrong with the binding by its rules (see
// [Validator.Validate]): divisions the registry lacks, a resident outside
// the instructor's area, an unbinding before the binding, times outside
// the range v accepts, a citizen ID born after the binding.
func (b *Binding) Check(v *Validator) []Issue { return b.appendChecks(nil, v) }

func (b *Binding) appendChecks(dst []Issue, v *Validator) []Issue {
	if b == nil {
		return dst
	}
	return v.appendBinding(dst, b)
}

// Check reports what is wrong with the literacy survey by its rules (see
// [Validator.Validate]): a division the registry lacks, a date outside the
// range v accepts, items repeated, scores above their maximum, a verdict
// that does not follow from the scores.
func (s *LiteracySurvey) Check(v *Validator) []Issue { return s.appendChecks(nil, v) }

func (s *LiteracySurvey) appendChecks(dst []Issue, v *Validator) []Issue {
	if s == nil {
		return dst
	}
	return v.appendLiteracySurvey(dst, s)
}

// Check reports what is wrong with the health cell by its rules (see
// [Validator.Validate]): a division the registry lacks or of the wrong
// level for the cell's type, a year or a date of naming outside the range
// v accepts, a date of naming in another year.
func (c *HealthCell) Check(v *Validator) []Issue { return c.appendChecks(nil, v) }

func (c *HealthCell) appendChecks(dst []Issue, v *Validator) []Issue {
	if c == nil {
		return dst
	}
	return v.appendHealthCell(dst, c)
}

func (v *Validator) registry() *Registry {
	if v.Registry != nil {
		return v.Registry
	}
	return DefaultRegistry()
}

func (v *Validator) elements() *ElementCatalog {
	if v.Elements != nil {
		return v.Elements
	}
	return DefaultElements()
}

func (v *Validator) bounds() []ElementBound {
	if v.ElementBounds != nil {
		return v.ElementBounds
	}
	return validateDefaultBounds
}

// KnownDivision reports whether the division c exists for v: whether v's
// registry holds it or, for a village-level code (村级), whether the
// registry holds its township and no village under that township — the
// registry then does not know the villages there, and the code is given
// the benefit of the doubt. It reports false for the zero DivisionCode.
func (v *Validator) KnownDivision(c DivisionCode) bool {
	return validateKnown(v.registry(), c)
}

func validateKnown(reg *Registry, c DivisionCode) bool {
	if !c.IsValid() {
		return false
	}
	if reg.Contains(c) {
		return true
	}
	if c.Level() != LevelVillage {
		return false
	}
	township := c.Truncate(LevelTownship)
	return reg.Contains(township) && !validateHasVillages(reg, township)
}

// validateHasVillages reports whether reg holds a village under the
// township t.
func validateHasVillages(reg *Registry, t DivisionCode) bool {
	codes := reg.table.Codes
	i, _ := slices.BinarySearch(codes, t.n+1)
	return i < len(codes) && codes[i] < t.n+LevelTownship.span()
}

// appendDivision reports the code c at path when it is not known.
func (v *Validator) appendDivision(dst []Issue, reg *Registry, c DivisionCode, path string) []Issue {
	if !c.IsValid() || validateKnown(reg, c) {
		return dst
	}
	return append(dst, NewIssue("division.unknown", path, map[string]any{"value": c.Short()}))
}

// validateFormatTime writes t for a message: RFC 3339 in the offset it was
// given with.
func validateFormatTime(t time.Time) string { return t.Format(time.RFC3339) }

// The range of representable days as dates, for the params of
// time.outOfRange.
const (
	validateFirstDay = "1900-01-01"
	validateLastDay  = "9999-12-31"
)

// validateOutOfRange returns the issue time.outOfRange for value at path.
func validateOutOfRange(value any, path string) Issue {
	return NewIssue("time.outOfRange", path, map[string]any{
		"value": value, "earliest": validateFirstDay, "latest": validateLastDay,
	})
}

// AppendTime appends to dst the issue for a time t of a record at path
// (时间校验), as Validate reports it for the times of its kinds: "time.outOfRange" when t
// is not [Representable], else "time.tooEarly" when t is before v's
// earliest accepted instant (see Validator.Earliest), else "time.future"
// when t is after v.Now (as [Validator.AppendFutureTime]). A zero t is
// taken as missing and reports nothing. It is for the Check methods of
// kinds other packages define (see [Record]), so that their times are
// judged alike; a time that is not an event's, such as a birth date, is
// not for it.
func (v *Validator) AppendTime(dst []Issue, t time.Time, path string) []Issue {
	if t.IsZero() {
		return dst
	}
	if !Representable(t) {
		return append(dst, validateOutOfRange(validateFormatTime(t), path))
	}
	if e := v.earliest(); t.Before(e) {
		return append(dst, NewIssue("time.tooEarly", path, map[string]any{
			"value": validateFormatTime(t), "earliest": validateFormatTime(e),
		}))
	}
	return v.AppendFutureTime(dst, t, path)
}

// AppendDate appends to dst the issue for a date d of a record at path
// (日期校验), as Validate reports it for the dates of its kinds: "time.outOfRange" when d
// is not representable (before 1900, see [Date.Representable]), else
// "time.tooEarly" when the whole day is before v's earliest accepted
// instant, else "time.future" when d is after the day of v.Now in China
// Standard Time. The zero Date is taken as missing and reports nothing.
// Like AppendTime, it is for the Check methods of other packages' kinds.
func (v *Validator) AppendDate(dst []Issue, d Date, path string) []Issue {
	if !d.IsValid() {
		return dst
	}
	if !d.Representable() {
		return append(dst, validateOutOfRange(d.String(), path))
	}
	if first := DateOf(v.earliest()); d.Compare(first) < 0 {
		return append(dst, NewIssue("time.tooEarly", path, map[string]any{
			"value": d.String(), "earliest": first.String(),
		}))
	}
	return v.appendFutureDate(dst, d, path)
}

// appendYear appends the issue for a year y of a record at path, as
// AppendDate does for a date: a year that ends at or before v's earliest
// accepted instant is too early. A zero y is missing.
func (v *Validator) appendYear(dst []Issue, y int, path string) []Issue {
	switch {
	case y == 0:
		return dst
	case !periodYearOK(y):
		return append(dst, validateOutOfRange(y, path))
	}
	if first := DateOf(v.earliest()); y < first.Year() {
		return append(dst, NewIssue("time.tooEarly", path, map[string]any{"value": y, "earliest": first.String()}))
	}
	if !v.Now.IsZero() {
		if now := DateOf(v.Now).Year(); y > now {
			return append(dst, NewIssue("time.future", path, map[string]any{"value": y, "now": now}))
		}
	}
	return dst
}

// AppendFutureTime appends to dst the issue "time.future" for t at path
// when t is after v.Now (and neither is zero), as Validate reports it. It
// is for the Check methods of kinds other packages define (see [Record]),
// so that their times are judged alike.
func (v *Validator) AppendFutureTime(dst []Issue, t time.Time, path string) []Issue {
	if v.Now.IsZero() || t.IsZero() || !t.After(v.Now) {
		return dst
	}
	return append(dst, NewIssue("time.future", path, map[string]any{
		"value": validateFormatTime(t),
		"now":   validateFormatTime(v.Now.In(ChinaStandardTime)),
	}))
}

// appendFutureDate reports d at path when it is after the day of v.Now in
// China Standard Time.
func (v *Validator) appendFutureDate(dst []Issue, d Date, path string) []Issue {
	if v.Now.IsZero() || !d.IsValid() {
		return dst
	}
	today := DateOf(v.Now)
	if d.Compare(today) <= 0 {
		return dst
	}
	return append(dst, NewIssue("time.future", path, map[string]any{"value": d.String(), "now": today.String()}))
}

// AppendCitizenID appends to dst the issue for a citizen ID number whose
// birth date is after the day of v.Now (citizenId.future) or after the day
// of event, the time the record is about (citizenId.bornAfter; a zero or
// unrepresentable event skips it), both in China Standard Time. The birth
// date is not held to Validator.Earliest. Like AppendFutureTime, it is
// there for the Check methods of other packages' kinds.
func (v *Validator) AppendCitizenID(dst []Issue, id CitizenID, event time.Time, path string) []Issue {
	if !id.IsValid() {
		return dst
	}
	y, m, d := id.BirthDate()
	birth, ok := NewDate(y, m, d)
	if !ok {
		return dst
	}
	if !v.Now.IsZero() && birth.Compare(DateOf(v.Now)) > 0 {
		return append(dst, NewIssue("citizenId.future", path, map[string]any{"value": id.Masked()}))
	}
	if Representable(event) {
		if day := DateOf(event); birth.Compare(day) > 0 {
			return append(dst, NewIssue("citizenId.bornAfter", path, map[string]any{"value": id.Masked(), "date": day.String()}))
		}
	}
	return dst
}

// validateLongest is the longest an activity of a single-session form
// lasts before its duration is suspect (activity.longDuration).
const validateLongest = 24 * time.Hour

// validateFormRules holds, for the activity forms, which rules apply.
type validateFormRules struct {
	session  bool // one sitting, on one day: longer than validateLongest is suspect
	audience bool // people attend in person and are counted: 0 participants is suspect
	evidence bool // photos and a sign-in sheet are archived
}

func validateRulesOf(f ActivityForm) validateFormRules {
	switch f {
	case FormLecture, FormFreeClinic, FormFirstAidTraining:
		return validateFormRules{session: true, audience: true, evidence: true}
	case FormConsultation, FormIndividualGuidance, FormHomeVisit, FormDrill:
		return validateFormRules{session: true, audience: true}
	case FormSchoolProgramme:
		return validateFormRules{audience: true}
	}
	return validateFormRules{}
}

func (v *Validator) appendActivity(dst []Issue, a *Activity) []Issue {
	reg := v.registry()
	dst = v.appendDivision(dst, reg, a.Division, "/division")
	dst = v.appendDivision(dst, reg, a.Organizer.Division, "/organizer/division")

	// The organiser's area: the platform's register first, then the record.
	registered, hasRegistered := DivisionCode{}, false
	if a.Organizer.CreditCode.IsValid() {
		registered, hasRegistered = v.OrganizerAreas[a.Organizer.CreditCode]
		hasRegistered = hasRegistered && registered.IsValid()
	}
	own := a.Organizer.Division
	if a.Division.IsValid() {
		var area DivisionCode
		switch {
		case hasRegistered && !registered.Contains(a.Division):
			area = registered
		case own.IsValid() && !own.Contains(a.Division):
			area = own
		}
		if area.IsValid() {
			dst = append(dst, NewIssue("activity.outsideOrganizerArea", "/division", map[string]any{
				"value": a.Division.Short(), "area": area.Short(),
			}))
		}
	}
	if hasRegistered && own.IsValid() && !registered.Contains(own) {
		dst = append(dst, NewIssue("activity.organizerAreaMismatch", "/organizer/division", map[string]any{
			"value": own.Short(), "area": registered.Short(),
		}))
	}

	rules := validateRulesOf(a.Form)
	if Representable(a.Start) && Representable(a.End) {
		switch d := a.End.Sub(a.Start); {
		case d < 0:
			dst = append(dst, NewIssue("activity.endBeforeStart", "/end", map[string]any{
				"start": validateFormatTime(a.Start), "end": validateFormatTime(a.End),
			}))
		case rules.session && d > validateLongest:
			dst = append(dst, NewIssue("activity.longDuration", "/end", map[string]any{
				"form": string(a.Form), "hours": int64(d / time.Hour),
			}))
		}
	}
	dst = v.AppendTime(dst, a.Start, "/start")
	dst = v.AppendTime(dst, a.End, "/end")

	switch {
	case a.Form.IsIndividual() && a.Resident == nil:
		dst = append(dst, NewIssue("activity.residentMissing", "/resident", map[string]any{"form": string(a.Form)}))
	case !a.Form.IsIndividual() && a.Form != "" && a.Resident != nil:
		dst = append(dst, NewIssue("activity.residentUnexpected", "/resident", map[string]any{"form": string(a.Form)}))
	}
	if a.Resident != nil {
		dst = v.AppendCitizenID(dst, a.Resident.CitizenID, a.Start, "/resident/citizenId")
	}

	if rules.evidence {
		switch e := a.Evidence; {
		case e == nil:
			dst = append(dst, NewIssue("activity.evidenceMissing", "/evidence", map[string]any{"form": string(a.Form)}))
		default:
			if !slices.ContainsFunc(e.Photos, validateNotBlank) {
				dst = append(dst, NewIssue("activity.evidenceMissing", "/evidence/photos", map[string]any{"form": string(a.Form)}))
			}
			if !validateNotBlank(e.SignInSheet) {
				dst = append(dst, NewIssue("activity.evidenceMissing", "/evidence/signInSheet", map[string]any{"form": string(a.Form)}))
			}
		}
	}
	if rules.audience && a.Participants == 0 {
		dst = append(dst, NewIssue("activity.noParticipants", "/participants", map[string]any{"form": string(a.Form)}))
	}
	if a.Material != nil && a.Form != "" && a.Form != FormPrintedMaterials && a.Form != FormAudioVisual {
		dst = append(dst, NewIssue("activity.materialUnexpected", "/material", map[string]any{"form": string(a.Form)}))
	}
	if a.Board != nil && a.Form != "" && a.Form != FormBulletinBoard {
		dst = append(dst, NewIssue("activity.boardUnexpected", "/board", map[string]any{"form": string(a.Form)}))
	}
	return dst
}

// validateNotBlank reports whether s holds more than white space.
func validateNotBlank(s string) bool { return strings.TrimSpace(s) != "" }

// validateSmall is the number of entries up to which a list is searched
// for repeats by comparing each with those before it, without a map.
const validateSmall = 32

func (v *Validator) appendMonthlyReport(dst []Issue, m *MonthlyReport) []Issue {
	dst = v.appendDivision(dst, v.registry(), m.Division, "/division")

	if p := m.Period; p.IsValid() {
		if p.Type() != PeriodMonth {
			dst = append(dst, NewIssue("monthlyReport.periodNotMonth", "/period", map[string]any{"value": p.String()}))
		}
		// A Period is always representable; it is too early when it ends
		// at or before the earliest accepted instant.
		if e := v.earliest(); !p.End().After(e) {
			dst = append(dst, NewIssue("time.tooEarly", "/period", map[string]any{
				"value": p.String(), "earliest": DateOf(e).String(),
			}))
		}
		if t := m.SubmittedAt; Representable(t) {
			switch {
			case t.Before(p.Start()):
				dst = append(dst, NewIssue("monthlyReport.beforePeriod", "/submittedAt", map[string]any{
					"value": validateFormatTime(t), "period": p.String(),
				}))
			case t.Before(p.End()):
				dst = append(dst, NewIssue("monthlyReport.early", "/submittedAt", map[string]any{
					"value": validateFormatTime(t), "period": p.String(),
				}))
			case v.ReportDueDays > 0 && !t.Before(p.End().AddDate(0, 0, v.ReportDueDays)):
				due := DateOf(p.End()).AddDays(v.ReportDueDays - 1)
				dst = append(dst, NewIssue("monthlyReport.late", "/submittedAt", map[string]any{
					"value": validateFormatTime(t), "period": p.String(), "due": due.String(),
				}))
			}
		}
	}
	dst = v.AppendTime(dst, m.SubmittedAt, "/submittedAt")

	cat := v.elements()
	var first map[string]int // for long reports: where each element is first given
	if len(m.Values) > validateSmall {
		first = make(map[string]int, len(m.Values))
		for i, dv := range m.Values {
			if _, ok := first[dv.Element]; !ok {
				first[dv.Element] = i
			}
		}
	}
	// The elements expected and left out, in catalogue order; not for a
	// report without values, which the Decoder rejects.
	if len(m.Values) > 0 {
		for i := range cat.elements {
			e := &cat.elements[i]
			if e.ExpectedInMonthlyReport && validateFindElement(m.Values, first, e.Code) < 0 {
				dst = append(dst, NewIssue("monthlyReport.missingElement", "/values", map[string]any{"element": e.Code}))
			}
		}
	}
	for i, dv := range m.Values {
		if dv.Element == "" {
			continue
		}
		if validateFindElement(m.Values, first, dv.Element) < i {
			dst = append(dst, NewIssue("monthlyReport.duplicateElement", validateIndexPath("/values/", i, "/element"),
				map[string]any{"value": dv.Element}))
			continue
		}
		el, ok := cat.Lookup(dv.Element)
		if !ok {
			dst = append(dst, NewIssue("monthlyReport.unknownElement", validateIndexPath("/values/", i, "/element"),
				map[string]any{"value": dv.Element}))
			continue
		}
		if !el.ValueType.Accepts(dv.Value) {
			dst = append(dst, NewIssue("monthlyReport.valueType", validateIndexPath("/values/", i, "/value"),
				map[string]any{"value": dv.Value.String(), "element": dv.Element, "type": string(el.ValueType)}))
		}
	}

	for _, b := range v.bounds() {
		ip := validateFindElement(m.Values, first, b.Part)
		iw := validateFindElement(m.Values, first, b.Whole)
		if ip < 0 || iw < 0 {
			continue
		}
		part, whole := m.Values[ip].Value, m.Values[iw].Value
		if part.Cmp(whole) > 0 {
			dst = append(dst, NewIssue("monthlyReport.partExceedsWhole", validateIndexPath("/values/", ip, "/value"),
				map[string]any{"part": b.Part, "partValue": part.String(), "whole": b.Whole, "wholeValue": whole.String()}))
		}
	}
	return dst
}

// validateIndexElement returns the index of the first value of element
// code in values, or -1.
func validateIndexElement(values []DataValue, code string) int {
	for i := range values {
		if values[i].Element == code {
			return i
		}
	}
	return -1
}

// validateFindElement returns the index of the first value of element code
// in values, or -1: from first, where each element is first given, when it
// is not nil, else by searching values.
func validateFindElement(values []DataValue, first map[string]int, code string) int {
	if first == nil {
		return validateIndexElement(values, code)
	}
	if i, ok := first[code]; ok {
		return i
	}
	return -1
}

// validateIndexPath returns prefix, i and suffix joined: "/values/3/value".
func validateIndexPath(prefix string, i int, suffix string) string {
	b := make([]byte, 0, len(prefix)+len(suffix)+4)
	b = append(b, prefix...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, suffix...)
	return string(b)
}

func (v *Validator) appendBinding(dst []Issue, b *Binding) []Issue {
	reg := v.registry()
	dst = v.appendDivision(dst, reg, b.Division, "/division")
	dst = v.appendDivision(dst, reg, b.Instructor.Division, "/instructor/division")
	if area := b.Instructor.Division; area.IsValid() && b.Division.IsValid() && !area.Contains(b.Division) {
		dst = append(dst, NewIssue("binding.outsideInstructorArea", "/division", map[string]any{
			"value": b.Division.Short(), "area": area.Short(),
		}))
	}
	if b.UnboundAt != nil && Representable(*b.UnboundAt) && Representable(b.BoundAt) && b.UnboundAt.Before(b.BoundAt) {
		dst = append(dst, NewIssue("binding.unboundBeforeBound", "/unboundAt", map[string]any{
			"boundAt": validateFormatTime(b.BoundAt), "unboundAt": validateFormatTime(*b.UnboundAt),
		}))
	}
	dst = v.AppendTime(dst, b.BoundAt, "/boundAt")
	if b.UnboundAt != nil {
		dst = v.AppendTime(dst, *b.UnboundAt, "/unboundAt")
	}
	return v.AppendCitizenID(dst, b.Resident.CitizenID, b.BoundAt, "/resident/citizenId")
}

// validateMaxScore bounds the scores for which literacySurvey.literateMismatch
// is checked: far above any questionnaire's, low enough that sums of them
// cannot overflow.
const validateMaxScore = 1 << 30

func (v *Validator) appendLiteracySurvey(dst []Issue, s *LiteracySurvey) []Issue {
	dst = v.appendDivision(dst, v.registry(), s.Division, "/division")
	dst = v.AppendDate(dst, s.SurveyedOn, "/surveyedOn")

	var small [4]uint64 // items 1–256 seen, as a bit set
	var large map[int]bool
	var score, total int64
	sound := true // the sums are meaningful
	for i, it := range s.Items {
		repeated := false
		if it.Item >= 1 && it.Item <= 256 {
			w, bit := (it.Item-1)/64, uint64(1)<<((it.Item-1)%64)
			repeated = small[w]&bit != 0
			small[w] |= bit
		} else {
			if large == nil {
				large = make(map[int]bool)
			}
			repeated = large[it.Item]
			large[it.Item] = true
		}
		if repeated {
			dst = append(dst, NewIssue("literacySurvey.duplicateItem", validateIndexPath("/items/", i, "/item"),
				map[string]any{"value": it.Item}))
			sound = false
			continue
		}
		if it.Score > it.MaxScore {
			dst = append(dst, NewIssue("literacySurvey.scoreAboveMax", validateIndexPath("/items/", i, "/score"),
				map[string]any{"score": it.Score, "maxScore": it.MaxScore}))
			sound = false
			continue
		}
		if it.Score < 0 || it.MaxScore < 1 || it.MaxScore > validateMaxScore {
			sound = false // out of the structural range: the Decoder reports it
			continue
		}
		score += int64(it.Score)
		total += int64(it.MaxScore)
	}
	if s.Literate != nil && sound && total > 0 {
		if want := s.HasLiteracy(); *s.Literate != want {
			dst = append(dst, NewIssue("literacySurvey.literateMismatch", "/literate", map[string]any{
				"value": *s.Literate, "expected": want, "score": score, "total": total,
			}))
		}
	}
	return dst
}

func (v *Validator) appendHealthCell(dst []Issue, c *HealthCell) []Issue {
	dst = v.appendDivision(dst, v.registry(), c.Division, "/division")
	if (c.Type == "community" || c.Type == "village") && c.Division.IsValid() && c.Division.Level() < LevelTownship {
		dst = append(dst, NewIssue("healthCell.divisionLevel", "/division", map[string]any{
			"value": c.Division.Short(), "type": string(c.Type),
		}))
	}
	dst = v.appendYear(dst, c.Year, "/year")
	if c.NamedOn != nil {
		dst = v.AppendDate(dst, *c.NamedOn, "/namedOn")
		if c.NamedOn.IsValid() && c.Year != 0 && c.NamedOn.Year() != c.Year {
			dst = append(dst, NewIssue("healthCell.yearMismatch", "/namedOn", map[string]any{
				"value": c.NamedOn.String(), "year": c.Year,
			}))
		}
	}
	return dst
}
