package grid

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// The errors of an Engine. Observe and ObserveCase wrap ErrInvalidReading
// and ErrInvalidCase with what is wrong.
var (
	ErrUnknownResident   = errors.New("grid: reading for a resident the register does not know")
	ErrInvalidReading    = errors.New("grid: invalid reading")
	ErrInvalidCase       = errors.New("grid: invalid case report")
	ErrUnknownAlert      = errors.New("grid: no such alert")
	ErrAlertClosed       = errors.New("grid: alert already closed")
	ErrAlertAcknowledged = errors.New("grid: alert already acknowledged")
	ErrNoActor           = errors.New("grid: acknowledging or closing an alert needs the name of who does it")
	ErrNotRecipient      = errors.New("grid: the recipient is not among those of the alert's rule")
	ErrNotResponsible    = errors.New("grid: only a recipient responsible for the alert may close it")
	ErrWithheld          = errors.New("grid: the resident's data authorisation does not cover the recipient")
)

// The instants an Engine accepts, as Unix nanoseconds: from 2000 up to
// 2200, well inside what an int64 of nanoseconds holds.
var (
	engineMinTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	engineMaxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

const engineWeek = int64(7 * 24 * time.Hour)

// Engine evaluates alert rules (预警引擎) over device readings and case
// reports for the residents of a [Register], and raises, deduplicates,
// escalates and records alerts. It is deterministic: it never reads the
// system clock. Its time is the injected clock ([WithClock]) or, without
// one, the latest event time it has seen.
//
// # Rules
//
// A blood-pressure rule fires on a reading at or above either threshold
// (140/90 by default: 139/89 does not fire, 140/60 and 120/90 do, 154/76
// fires on its systolic value) and is urgent at or above either urgent
// threshold (180/110). A fall rule fires on a wristband's fall. A no-outing
// rule fires for a resident living alone once the engine knows that the
// resident has not gone out for the rule's time (12 hours: exactly 12 hours
// fires, 11h59m does not), counted from the last outing or, before any,
// from the first reading the engine saw from the resident. An incidence
// rule compares each ISO week's cases of its diseases in a division with
// the week before when the week is over, provided the engine was running
// (its time had been asked for) when the week before began.
//
// # Deduplication, acknowledgement, escalation
//
// There is at most one open alert per resident and rule (per division,
// disease and rule for incidence). An occurrence while one is open is
// merged into it: its At becomes the earliest occurrence, its severity the
// highest (an upgrade notifies the recipients again), and its blood
// pressure the earliest of the most severe readings.
//
// Each recipient's acknowledgement is its own ([Engine.AcknowledgeAs]):
// the family acknowledging a fall says it has heard, and does not stop
// the escalation. An alert that no recipient responsible for it (see
// [Rule.Responsible]) has acknowledged within the rule's AckMinutes is
// escalated to the rule's EscalateTo; only a responsible recipient may
// close it ([Engine.CloseAs]). [Engine.Acknowledge] and [Engine.Close],
// which take no role, act as a responsible recipient.
//
// # Consent
//
// Consent is enforced here, not left to the caller: each notification
// about a resident is sent only if the resident's data authorisation in
// force at the moment of sending allows the recipient's class (see
// [RecipientClass]), so a withdrawal stops delivery from its instant on;
// only medical recipients receive medical values. An occurrence that no
// recipient may hear of raises no alert.
//
// # Late events
//
// Events may arrive out of order by up to the tolerance ([WithTolerance]).
// Rules that depend on the absence of events (no outing, a week's cases)
// are decided only once the engine's time has passed their deadline by the
// tolerance, so the alerts, with their At, severity and readings, are the
// same whatever the order of arrival within it. Events later than that are
// still used as well as can be, and counted in [EngineStats].Late.
//
// # State
//
// The state kept per resident is bounded, whatever the number of readings:
// a few instants, and per rule a pending timer and at most one open alert.
// An observation that raises no alert does not allocate. The alerts
// themselves are kept, open and closed, as the engine's record. An Engine
// is not safe for concurrent use.
type Engine struct {
	reg    *Register
	rules  []Rule
	clock  func() time.Time
	tol    int64
	notify func(Notification)

	bp    []engineBP    // blood-pressure rules
	falls []int         // fall rules
	quiet []engineQuiet // no-outing rules
	inc   []int         // incidence rules

	res     []engineResident   // by register resident index
	quietSt []engineQuietState // resident i, no-outing rule k at i×len(quiet)+k
	alerts  []Alert            // by AlertID-1
	meta    []engineAlertMeta
	openRes map[engineResKey]int32
	openInc map[engineIncKey]int32
	weeks   map[engineIncKey]*engineWeeks

	quietTimers engineTimers // id: resident index, rule: index into quiet
	ackTimers   engineTimers // id: alert index

	origin  int64 // the engine's time when first asked, 0 before
	latest  int64 // the latest event time seen
	wm      int64 // watermark: the engine's time less the tolerance
	weekEnd int64 // the end of the week the watermark lies in, 0 before any event
	stats   EngineStats
}

// engineBP is a compiled blood-pressure rule.
type engineBP struct {
	rule                 int
	sys, dia, usys, udia int
}

// engineQuiet is a compiled no-outing rule.
type engineQuiet struct {
	rule int
	d    int64
}

// engineQuietState is what a no-outing rule keeps of a resident: the start
// of the quiet spell it last fired for and the time of its pending timer
// (0: none). A timer in the heap at another time is stale and ignored.
type engineQuietState struct {
	fired, timer int64
}

// engineResident is what the engine keeps of one resident: bounded,
// whatever the number of readings. Instants are Unix nanoseconds; 0 is
// none.
type engineResident struct {
	first      int64 // the earliest reading seen
	last       int64 // the latest outing at or before the watermark
	pmin, pmax int64 // the earliest and latest outings beyond the watermark
}

type engineResKey struct {
	res  int32
	rule int32
}

type engineIncKey struct {
	rule     int32
	division healthedu.DivisionCode
	disease  Disease
}

// engineAlertMeta is what the engine keeps about an alert beside it.
type engineAlertMeta struct {
	res       int32 // the resident's index, -1 for an incidence alert
	rule      int32
	inc       engineIncKey
	readingAt int64 // the time of the reading in Alert.BloodPressure
}

// EngineStats counts what an [Engine] has seen and done (运行统计).
type EngineStats struct {
	Readings      int64 // readings observed
	Cases         int64 // case reports observed
	Unknown       int64 // readings about residents the register does not know
	Late          int64 // readings and case reports later than the tolerance
	Raised        int64 // alerts raised
	Merged        int64 // occurrences merged into an open alert (去重)
	Withheld      int64 // occurrences that raised no alert: no recipient was authorised
	Escalated     int64 // alerts escalated
	Notifications int64 // notifications sent
}

// EngineOption configures an Engine.
type EngineOption func(*Engine)

// WithClock sets the engine's clock (时钟), which it calls for the time of
// each observation and action. Without it, the engine's time is the latest
// event time it has seen, which suits replaying a log.
func WithClock(now func() time.Time) EngineOption {
	return func(e *Engine) { e.clock = now }
}

// WithTolerance sets how late an event may arrive (乱序容忍度) and still
// be taken as if it had arrived in order; the default is 0. Rules that
// wait for the absence of events decide that much later. It must be
// shorter than every no-outing rule's time.
func WithTolerance(d time.Duration) EngineOption {
	return func(e *Engine) { e.tol = int64(max(d, 0)) }
}

// WithNotifier sets the function that delivers notifications (通知投递),
// called synchronously for each. Without it, the engine records alerts
// but sends nothing.
func WithNotifier(f func(Notification)) EngineOption {
	return func(e *Engine) { e.notify = f }
}

// NewEngine returns an engine that evaluates rules over the residents of
// reg. It fails with a [*healthedu.IssuesError] holding the errors that
// [ValidateRules] finds in rules, and when the tolerance is not shorter
// than a no-outing rule's time. The engine keeps a copy of the rules.
func NewEngine(reg *Register, rules []Rule, opts ...EngineOption) (*Engine, error) {
	if reg == nil {
		return nil, errors.New("grid.NewEngine: nil register")
	}
	var errs []healthedu.Issue
	for _, is := range ValidateRules(rules) {
		if is.Severity == healthedu.SeverityError {
			errs = append(errs, is)
		}
	}
	if len(errs) > 0 {
		return nil, &healthedu.IssuesError{Op: "grid: alert rules", Issues: errs}
	}
	e := &Engine{
		reg:     reg,
		rules:   cloneRules(rules),
		wm:      -1 << 63,
		openRes: make(map[engineResKey]int32),
		openInc: make(map[engineIncKey]int32),
		weeks:   make(map[engineIncKey]*engineWeeks),
	}
	for _, o := range opts {
		o(e)
	}
	for i := range e.rules {
		r := &e.rules[i]
		switch r.Kind {
		case RuleBloodPressure:
			b := r.BloodPressure
			e.bp = append(e.bp, engineBP{rule: i, sys: b.Systolic, dia: b.Diastolic, usys: b.UrgentSystolic, udia: b.UrgentDiastolic})
		case RuleFall:
			e.falls = append(e.falls, i)
		case RuleNoOuting:
			d := int64(r.NoOuting.Minutes) * int64(time.Minute)
			if e.tol >= d {
				return nil, fmt.Errorf("grid.NewEngine: tolerance %v not shorter than the %v of no-outing rule %q",
					time.Duration(e.tol), time.Duration(d), r.ID)
			}
			e.quiet = append(e.quiet, engineQuiet{rule: i, d: d})
		case RuleIncidenceRise:
			e.inc = append(e.inc, i)
		}
	}
	e.grow()
	return e, nil
}

// cloneRules returns a deep copy of rules.
func cloneRules(rules []Rule) []Rule {
	out := slices.Clone(rules)
	for i := range out {
		r := &out[i]
		r.Notify = slices.Clone(r.Notify)
		r.EscalateTo = slices.Clone(r.EscalateTo)
		if r.BloodPressure != nil {
			b := *r.BloodPressure
			r.BloodPressure = &b
		}
		if r.NoOuting != nil {
			n := *r.NoOuting
			r.NoOuting = &n
		}
		if r.Incidence != nil {
			c := *r.Incidence
			c.Diseases = slices.Clone(c.Diseases)
			c.Actions = slices.Clone(c.Actions)
			c.TargetGroups = slices.Clone(c.TargetGroups)
			r.Incidence = &c
		}
	}
	return out
}

// grow extends the per-resident state to the residents of the register,
// with room for a timer per resident and no-outing rule.
func (e *Engine) grow() {
	n := len(e.reg.residents)
	if n <= len(e.res) {
		return
	}
	e.res = slices.Grow(e.res, n-len(e.res))[:n]
	m := n * len(e.quiet)
	e.quietSt = slices.Grow(e.quietSt, m-len(e.quietSt))[:m]
	e.quietTimers = slices.Grow(e.quietTimers, m-len(e.quietTimers))
}

// engineTime returns the instant of Unix nanoseconds ns, in China Standard
// Time.
func engineTime(ns int64) time.Time { return time.Unix(0, ns).In(healthedu.ChinaStandardTime) }

// checkTime reports whether t is in the range the engine accepts.
func checkTime(t time.Time) bool { return !t.Before(engineMinTime) && t.Before(engineMaxTime) }

// now returns the engine's time after an event at at, in Unix nanoseconds.
func (e *Engine) now(at int64) int64 {
	e.latest = max(e.latest, at)
	now := e.latest
	if e.clock != nil {
		now = e.clock().UnixNano()
	}
	if e.origin == 0 {
		e.origin = now
	}
	return now
}

// Observe evaluates the rules over one device reading. It returns
// ErrUnknownResident for a resident the register does not know, and an
// error wrapping ErrInvalidReading for a reading without a time (or one
// outside 2000–2199), of an unknown kind, or with a blood pressure outside
// 1–300 mmHg; such readings change nothing.
func (e *Engine) Observe(r Reading) error {
	slot := e.reg.index.lookup(&r.Resident)
	if slot == nil {
		e.stats.Unknown++
		return ErrUnknownResident
	}
	i, alone := slot.ref-1, slot.alone
	if !checkTime(r.At) {
		return fmt.Errorf("%w: time %v outside 2000–2199", ErrInvalidReading, r.At)
	}
	switch r.Kind {
	case ReadingBloodPressure:
		if r.Systolic < 1 || r.Systolic > 300 || r.Diastolic < 1 || r.Diastolic > 300 {
			return fmt.Errorf("%w: blood pressure %d/%d outside 1–300 mmHg", ErrInvalidReading, r.Systolic, r.Diastolic)
		}
	case ReadingOuting, ReadingFall:
	default:
		return fmt.Errorf("%w: kind %q", ErrInvalidReading, string(r.Kind))
	}
	if int(i) >= len(e.res) {
		e.grow()
	}
	at := r.At.UnixNano()
	now := e.now(at)
	e.stats.Readings++
	// Let time pass first: the timers the watermark has reached are decided
	// on the events before this one, which is not late unless it is older
	// than the watermark.
	e.advance(now)
	if at < e.wm {
		e.stats.Late++
	}
	switch r.Kind {
	case ReadingBloodPressure:
		for k := range e.bp {
			b := &e.bp[k]
			var sev AlertSeverity
			switch {
			case b.usys > 0 && r.Systolic >= b.usys, b.udia > 0 && r.Diastolic >= b.udia:
				sev = AlertUrgent
			case r.Systolic >= b.sys, r.Diastolic >= b.dia:
				sev = e.rules[b.rule].Severity
			default:
				continue
			}
			e.raise(b.rule, i, at, now, sev, BloodPressure{r.Systolic, r.Diastolic}, 0)
		}
	case ReadingFall:
		for _, k := range e.falls {
			e.raise(k, i, at, now, e.rules[k].Severity, BloodPressure{}, 0)
		}
	}
	if alone && len(e.quiet) > 0 {
		e.watch(i, r.Kind == ReadingOuting, min(at, now))
	}
	return nil
}

// watch updates the no-outing state of resident i after a reading at at,
// an outing or not, and makes sure a timer of each no-outing rule is
// pending no later than the rule may fire. The caller passes a reading
// stamped later than the engine's time at that time, so that the outings
// beyond the watermark span less than the tolerance.
func (e *Engine) watch(i int32, outing bool, at int64) {
	st := &e.res[i]
	e.fold(st)
	if st.first == 0 || at < st.first {
		st.first = at
	}
	if outing {
		switch {
		case at <= e.wm:
			st.last = max(st.last, at)
		case st.pmin == 0:
			st.pmin, st.pmax = at, at
		default:
			st.pmin, st.pmax = min(st.pmin, at), max(st.pmax, at)
		}
	}
	for k := range e.quiet {
		e.schedule(i, st, k)
	}
}

// fold moves the outings the watermark has passed into st.last. When the
// watermark lies among the pending outings, st.last takes the earliest of
// them and the latest stands for the rest, which may forget outings in
// between; that only delays a decision. The pending outings were all later
// than the watermark when added and none is later than the engine's time,
// so they span less than the tolerance, which is shorter than any rule's
// time: no forgotten outing can hide a quiet spell or end one.
func (e *Engine) fold(st *engineResident) {
	switch {
	case st.pmin == 0:
	case st.pmax <= e.wm:
		st.last = max(st.last, st.pmax)
		st.pmin, st.pmax = 0, 0
	case st.pmin <= e.wm:
		st.last = max(st.last, st.pmin)
		st.pmin = st.pmax
	}
}

// schedule pushes a timer of no-outing rule k for resident i when the
// current quiet spell has not fired yet or outings are pending, unless one
// no later is pending. A reading older than the first one seen moves the
// spell's start earlier, and so its timer.
func (e *Engine) schedule(i int32, st *engineResident, k int) {
	q, qs := &e.quiet[k], &e.quietSt[int(i)*len(e.quiet)+k]
	since := max(st.first, st.last)
	var at int64
	switch {
	case qs.fired != since:
		at = since + q.d
	case st.pmin != 0:
		at = st.pmin + q.d
	default:
		return
	}
	if qs.timer != 0 && qs.timer <= at {
		return
	}
	qs.timer = at
	e.quietTimers.push(engineTimer{at: at, id: i, rule: int32(k)})
}

// Advance evaluates the rules that depend on the passing of time — no
// outing, escalation, the end of a week — up to the engine's time. Observe
// and ObserveCase call it; call it when no events come for a while.
func (e *Engine) Advance() {
	e.advance(e.now(e.latest))
}

func (e *Engine) advance(now int64) {
	if wm := now - e.tol; wm > e.wm {
		e.wm = wm
	}
	for len(e.quietTimers) > 0 && e.quietTimers[0].at <= e.wm {
		e.quietDue(e.quietTimers.pop(), now)
	}
	for len(e.ackTimers) > 0 && e.ackTimers[0].at <= now {
		e.escalate(e.ackTimers.pop().id, now)
	}
	if len(e.inc) > 0 && e.wm >= e.weekEnd {
		e.closeWeeks(now)
	}
}

// quietDue handles a no-outing timer that the watermark has reached.
func (e *Engine) quietDue(t engineTimer, now int64) {
	st := &e.res[t.id]
	q, qs := &e.quiet[t.rule], &e.quietSt[int(t.id)*len(e.quiet)+int(t.rule)]
	if qs.timer != t.at {
		return // stale: replaced by an earlier timer
	}
	qs.timer = 0
	if !e.reg.residents[t.id].livingAlone {
		return
	}
	// Decide on the spell from since before folding: an outing that the
	// watermark has passed but that came after the spell's end must not
	// break it. Every outing up to due has arrived: those up to the
	// watermark of the last reading are in st.last, the others pending.
	since := max(st.first, st.last)
	if due := since + q.d; qs.fired != since && due <= e.wm && (st.pmin == 0 || st.pmin > due) {
		qs.fired = since
		e.raise(q.rule, t.id, due, now, e.rules[q.rule].Severity, BloodPressure{}, since)
	}
	e.fold(st)
	e.schedule(t.id, st, int(t.rule))
}

// raise raises an alert of rule k about resident i, for an occurrence at
// at, or merges the occurrence into the open alert. bp is the reading of a
// blood-pressure alert, quiet the start of a no-outing alert's spell.
func (e *Engine) raise(k int, i int32, at, now int64, sev AlertSeverity, bp BloodPressure, quiet int64) {
	key := engineResKey{res: i, rule: int32(k)}
	if ai, ok := e.openRes[key]; ok {
		e.merge(ai, at, now, sev, bp)
		return
	}
	rule := &e.rules[k]
	nowT := engineTime(now)
	auth := e.reg.residents[i].authorisationAt(nowT)
	allowed := 0
	for _, rc := range rule.Notify {
		if auth.Allows(rc.Class()) {
			allowed++
		}
	}
	if allowed == 0 {
		e.stats.Withheld++ // without allocating
		return
	}
	var notified, withheld []Recipient
	for _, rc := range rule.Notify {
		if auth.Allows(rc.Class()) {
			notified = append(notified, rc)
		} else {
			withheld = append(withheld, rc)
		}
	}
	household, g := e.reg.gridOfResident(i)
	a := Alert{
		ID:            AlertID(len(e.alerts) + 1),
		Rule:          rule.ID,
		Kind:          rule.Kind,
		Severity:      sev,
		At:            engineTime(at),
		Raised:        nowT,
		Resident:      e.reg.residents[i].pseudonym,
		Household:     household,
		AgeBand:       e.reg.residents[i].ageBand,
		BloodPressure: bp,
		Notified:      notified,
		Withheld:      withheld,
	}
	if g != nil {
		a.Grid, a.Division = g.ID, g.Division
	}
	if quiet != 0 {
		a.QuietSince = engineTime(quiet)
	}
	ai := int32(len(e.alerts))
	e.alerts = append(e.alerts, a)
	e.meta = append(e.meta, engineAlertMeta{res: i, rule: int32(k), readingAt: at})
	e.openRes[key] = ai
	e.stats.Raised++
	for _, rc := range notified {
		e.send(ai, rc, NotifyRaised, now, "", "")
	}
	e.scheduleAck(ai, now)
}

// merge merges an occurrence at at of severity sev into open alert ai.
func (e *Engine) merge(ai int32, at, now int64, sev AlertSeverity, bp BloodPressure) {
	a, m := &e.alerts[ai], &e.meta[ai]
	e.stats.Merged++
	if t := engineTime(at); t.Before(a.At) {
		a.At = t
	}
	switch r := sev.rank() - a.Severity.rank(); {
	case r > 0:
		a.Severity, a.BloodPressure, m.readingAt = sev, bp, at
		for _, rc := range e.rules[m.rule].Notify {
			e.sendAbout(ai, rc, NotifyUpgraded, now)
		}
		e.scheduleAck(ai, now)
	case r == 0 && !bp.IsZero() && (at < m.readingAt || at == m.readingAt && bpLess(a.BloodPressure, bp)):
		a.BloodPressure, m.readingAt = bp, at
	}
}

// bpLess orders readings taken at the same instant, so that the one an
// alert keeps does not depend on the order of arrival.
func bpLess(a, b BloodPressure) bool {
	return a.Systolic < b.Systolic || a.Systolic == b.Systolic && a.Diastolic < b.Diastolic
}

// scheduleAck pushes the escalation timer of alert ai, raised or upgraded
// at now.
func (e *Engine) scheduleAck(ai int32, now int64) {
	a := &e.alerts[ai]
	rule := &e.rules[e.meta[ai].rule]
	mins := rule.AckMinutes
	if a.Severity == AlertUrgent && rule.UrgentAckMinutes > 0 {
		mins = rule.UrgentAckMinutes
	}
	if mins > 0 {
		e.ackTimers.push(engineTimer{at: now + int64(mins)*int64(time.Minute), id: ai})
	}
}

// escalate escalates alert ai if it is still open and unacknowledged.
func (e *Engine) escalate(ai int32, now int64) {
	a := &e.alerts[ai]
	if !a.IsOpen() || !a.Acknowledged.IsZero() || !a.Escalated.IsZero() {
		return
	}
	a.Escalated = engineTime(now)
	e.stats.Escalated++
	for _, rc := range e.rules[e.meta[ai].rule].EscalateTo {
		e.sendAbout(ai, rc, NotifyEscalated, now)
	}
}

// sendAbout sends a notification about alert ai to rc if the resident's
// authorisation at now allows it; a target group gets one push per group
// and action.
func (e *Engine) sendAbout(ai int32, rc Recipient, why NotifyReason, now int64) {
	m := &e.meta[ai]
	if m.res >= 0 && !e.reg.residents[m.res].authorisationAt(engineTime(now)).Allows(rc.Class()) {
		return
	}
	if rc == RecipientTargetGroup {
		c := e.rules[m.rule].Incidence
		for _, g := range c.TargetGroups {
			for _, act := range c.Actions {
				e.send(ai, rc, why, now, g, act)
			}
		}
		return
	}
	e.send(ai, rc, why, now, "", "")
}

// send delivers one notification about alert ai, whose consent has been
// checked, with the values recipient rc may see.
func (e *Engine) send(ai int32, rc Recipient, why NotifyReason, now int64, g healthedu.TargetGroup, act Action) {
	e.stats.Notifications++
	if e.notify == nil {
		return
	}
	a := &e.alerts[ai]
	n := Notification{
		Alert: a.ID, Rule: a.Rule, Kind: a.Kind, Reason: why, Recipient: rc, Severity: a.Severity,
		At: engineTime(now), Occurred: a.At,
		Resident: a.Resident, Household: a.Household, Grid: a.Grid, QuietSince: a.QuietSince,
		Division: a.Division, Disease: a.Disease, Week: a.Week, Cases: a.Cases, PreviousCases: a.PreviousCases,
		Group: g, Action: act,
	}
	if rc.Class() == ClassMedical {
		n.BloodPressure = a.BloodPressure
	}
	e.notify(n)
}

// ObserveCase counts a case report for the incidence rules. It returns an
// error wrapping ErrInvalidCase for a report without a valid division,
// disease or time, or with fewer than one case.
func (e *Engine) ObserveCase(c CaseReport) error {
	switch {
	case !c.Division.IsValid():
		return fmt.Errorf("%w: no division", ErrInvalidCase)
	case !c.Disease.IsValid():
		return fmt.Errorf("%w: disease %q", ErrInvalidCase, string(c.Disease))
	case !checkTime(c.At):
		return fmt.Errorf("%w: time %v outside 2000–2199", ErrInvalidCase, c.At)
	case c.Cases < 1:
		return fmt.Errorf("%w: %d cases", ErrInvalidCase, c.Cases)
	}
	at := c.At.UnixNano()
	now := e.now(at)
	e.stats.Cases++
	e.advance(now)
	if at < e.wm {
		e.stats.Late++
	}
	week := healthedu.PeriodOf(healthedu.PeriodWeek, c.At)
	for _, k := range e.inc {
		r := e.rules[k].Incidence
		if !slices.Contains(r.Diseases, c.Disease) || c.Division.Level() < r.Level {
			continue
		}
		key := engineIncKey{rule: int32(k), division: c.Division.Truncate(r.Level), disease: c.Disease}
		w := e.weeks[key]
		if w == nil {
			w = new(engineWeeks)
			e.weeks[key] = w
		}
		w.add(week, c.Cases)
	}
	return nil
}

// engineWeeks holds the cases of the last three weeks of one division,
// disease and rule.
type engineWeeks [3]engineWeekCount

// engineWeekCount is the cases of one week.
type engineWeekCount struct {
	week  healthedu.Period
	cases int64
}

// add adds n cases in week w, unless w is older than the three weeks held.
func (ws *engineWeeks) add(w healthedu.Period, n int64) {
	oldest := 0
	for j := range ws {
		if ws[j].week == w {
			ws[j].cases += n
			return
		}
		if !ws[j].week.IsValid() || ws[oldest].week.IsValid() && ws[j].week.Compare(ws[oldest].week) < 0 {
			oldest = j
		}
	}
	if ws[oldest].week.IsValid() && w.Compare(ws[oldest].week) < 0 {
		return
	}
	ws[oldest] = engineWeekCount{week: w, cases: n}
}

// cases returns the cases held for week w.
func (ws *engineWeeks) cases(w healthedu.Period) int64 {
	for j := range ws {
		if ws[j].week == w {
			return ws[j].cases
		}
	}
	return 0
}

// stale reports whether ws holds no case in week prev or later.
func (ws *engineWeeks) stale(prev healthedu.Period) bool {
	for j := range ws {
		if ws[j].cases > 0 && ws[j].week.Compare(prev) >= 0 {
			return false
		}
	}
	return true
}

// closeWeeks evaluates the incidence rules for each week the watermark
// has left.
func (e *Engine) closeWeeks(now int64) {
	if e.weekEnd == 0 {
		e.weekEnd = healthedu.PeriodOf(healthedu.PeriodWeek, engineTime(e.wm)).End().UnixNano()
		return
	}
	if gap := (e.wm - e.weekEnd) / engineWeek; gap > 2 {
		e.weekEnd += (gap - 2) * engineWeek // weeks long past hold nothing any more
	}
	for e.wm >= e.weekEnd {
		week := healthedu.PeriodOf(healthedu.PeriodWeek, engineTime(e.weekEnd-1))
		e.evaluateWeek(week, e.weekEnd, now)
		e.weekEnd += engineWeek
	}
}

// evaluateWeek raises the incidence alerts of week, which ended at end,
// if the engine was running when the week before began: otherwise the
// cases of that week are not all known.
func (e *Engine) evaluateWeek(week healthedu.Period, end, now int64) {
	prev := week.Prev()
	if e.origin > prev.Start().UnixNano() {
		return
	}
	keys := make([]engineIncKey, 0, len(e.weeks))
	for key, ws := range e.weeks {
		if ws.stale(prev) {
			delete(e.weeks, key) // nothing last week, this week or later
			continue
		}
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(a, b engineIncKey) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), a.division.Compare(b.division), cmp.Compare(a.disease, b.disease))
	})
	for _, key := range keys {
		ws := e.weeks[key]
		r := e.rules[key.rule].Incidence
		cur, before := ws.cases(week), ws.cases(prev)
		if cur < max(int64(r.MinCases), 1) || cur*100 < before*int64(100+r.RisePercent) {
			continue
		}
		if _, ok := e.openInc[key]; ok {
			e.stats.Merged++
			continue
		}
		e.raiseIncidence(key, week, end, now, cur, before)
	}
}

// raiseIncidence raises an incidence alert.
func (e *Engine) raiseIncidence(key engineIncKey, week healthedu.Period, end, now, cur, before int64) {
	rule := &e.rules[key.rule]
	a := Alert{
		ID: AlertID(len(e.alerts) + 1), Rule: rule.ID, Kind: rule.Kind, Severity: rule.Severity,
		At: engineTime(end), Raised: engineTime(now),
		Division: key.division, Disease: key.disease, Week: week, Cases: cur, PreviousCases: before,
		Notified: slices.Clone(rule.Notify),
	}
	ai := int32(len(e.alerts))
	e.alerts = append(e.alerts, a)
	e.meta = append(e.meta, engineAlertMeta{res: -1, rule: key.rule, inc: key})
	e.openInc[key] = ai
	e.stats.Raised++
	for _, rc := range rule.Notify {
		e.sendAbout(ai, rc, NotifyRaised, now)
	}
	e.scheduleAck(ai, now)
}

// alert returns the alert with ID id, or ErrUnknownAlert.
func (e *Engine) alert(id AlertID) (*Alert, error) {
	if id == 0 || id > AlertID(len(e.alerts)) {
		return nil, ErrUnknownAlert
	}
	return &e.alerts[id-1], nil
}

// Acknowledge records that by (a staff ID) acknowledged alert id (确认), at
// the engine's time, as a recipient responsible for it whose role is not
// given: an acknowledged alert is not escalated. It fails for an unknown
// or closed alert, one already acknowledged by a responsible recipient,
// or an empty by. A server that knows the role of who acknowledges calls
// [Engine.AcknowledgeAs].
func (e *Engine) Acknowledge(id AlertID, by string) error {
	a, err := e.alert(id)
	switch {
	case err != nil:
		return err
	case by == "":
		return ErrNoActor
	case !a.IsOpen():
		return ErrAlertClosed
	case !a.Acknowledged.IsZero():
		return ErrAlertAcknowledged
	}
	e.acknowledge(a, "", by, engineTime(e.now(e.latest)), true)
	return nil
}

// AcknowledgeAs records that by, told of alert id as recipient rc,
// acknowledged it (确认), at the engine's time. Each recipient's
// acknowledgement is its own and is kept in the alert's Acknowledgements:
// by may acknowledge once (ErrAlertAcknowledged the second time), whoever
// else has. The first acknowledgement by a recipient responsible for the
// alert (see [Rule.Responsible]) sets Acknowledged and AcknowledgedBy and
// so stops the escalation; one by another recipient, the family, does
// not.
//
// It fails for an unknown or closed alert, an empty by, a recipient the
// alert's rule names neither in Notify nor in EscalateTo
// (ErrNotRecipient), and one that the resident's data authorisation in
// force at the engine's time does not cover (ErrWithheld): a recipient
// that may not see an alert may not act on it either.
func (e *Engine) AcknowledgeAs(id AlertID, rc Recipient, by string) error {
	a, now, err := e.actor(id, rc, by)
	if err != nil {
		return err
	}
	if a.acknowledgedBy(by) {
		return ErrAlertAcknowledged
	}
	e.acknowledge(a, rc, by, now, slices.Contains(e.rules[e.meta[id-1].rule].Responsible(), rc))
	return nil
}

// Close records that by closed alert id (关闭), at the engine's time,
// acknowledging it too if nobody had, as a recipient responsible for it
// whose role is not given. The next occurrence for the same resident and
// rule raises a new alert. It fails for an unknown or closed alert or an
// empty by. A server that knows the role of who closes calls
// [Engine.CloseAs].
func (e *Engine) Close(id AlertID, by string) error {
	a, err := e.alert(id)
	switch {
	case err != nil:
		return err
	case by == "":
		return ErrNoActor
	case !a.IsOpen():
		return ErrAlertClosed
	}
	e.close(id, a, "", by, engineTime(e.now(e.latest)))
	return nil
}

// CloseAs records that by, told of alert id as recipient rc, closed it
// (关闭), at the engine's time; by's acknowledgement is recorded too if it
// had given none, and the alert counts as acknowledged if no responsible
// recipient had acknowledged it. Only a recipient responsible for the
// alert (see [Rule.Responsible]) may close it: the family of a resident
// who fell may not close the alert for the emergency team
// (ErrNotResponsible). It fails too as [Engine.AcknowledgeAs] does.
func (e *Engine) CloseAs(id AlertID, rc Recipient, by string) error {
	a, now, err := e.actor(id, rc, by)
	if err != nil {
		return err
	}
	if !slices.Contains(e.rules[e.meta[id-1].rule].Responsible(), rc) {
		return ErrNotResponsible
	}
	e.close(id, a, rc, by, now)
	return nil
}

// actor returns alert id and the engine's time if by, told of it as
// recipient rc, may act on it: see [Engine.AcknowledgeAs].
func (e *Engine) actor(id AlertID, rc Recipient, by string) (*Alert, time.Time, error) {
	a, err := e.alert(id)
	if err != nil {
		return nil, time.Time{}, err
	}
	m := &e.meta[id-1]
	rule := &e.rules[m.rule]
	now := engineTime(e.now(e.latest))
	switch {
	case by == "":
		return nil, now, ErrNoActor
	case !rc.IsValid() || !slices.Contains(rule.Notify, rc) && !slices.Contains(rule.EscalateTo, rc):
		return nil, now, ErrNotRecipient
	case m.res >= 0 && !e.reg.residents[m.res].authorisationAt(now).Allows(rc.Class()):
		return nil, now, ErrWithheld
	case !a.IsOpen():
		return nil, now, ErrAlertClosed
	}
	return a, now, nil
}

// acknowledge records the acknowledgement of a by by as rc at now, and
// makes it the alert's Acknowledged if it is responsible and the first.
func (e *Engine) acknowledge(a *Alert, rc Recipient, by string, now time.Time, responsible bool) {
	a.Acknowledgements = append(a.Acknowledgements, Acknowledgement{By: by, Recipient: rc, At: now})
	if responsible && a.Acknowledged.IsZero() {
		a.Acknowledged, a.AcknowledgedBy = now, by
	}
}

// close closes alert id, a, by by as rc, a responsible recipient, at now.
func (e *Engine) close(id AlertID, a *Alert, rc Recipient, by string, now time.Time) {
	if !a.acknowledgedBy(by) {
		e.acknowledge(a, rc, by, now, true)
	} else if a.Acknowledged.IsZero() {
		a.Acknowledged, a.AcknowledgedBy = now, by
	}
	a.Closed, a.ClosedBy = now, by
	m := &e.meta[id-1]
	if m.res >= 0 {
		delete(e.openRes, engineResKey{res: m.res, rule: m.rule})
	} else {
		delete(e.openInc, m.inc)
	}
}

// Alert returns the alert with ID id.
func (e *Engine) Alert(id AlertID) (Alert, bool) {
	a, err := e.alert(id)
	if err != nil {
		return Alert{}, false
	}
	return cloneAlert(a), true
}

// Alerts returns every alert raised, open or closed, in the order raised.
func (e *Engine) Alerts() []Alert {
	out := make([]Alert, len(e.alerts))
	for i := range e.alerts {
		out[i] = cloneAlert(&e.alerts[i])
	}
	return out
}

// OpenAlerts returns the open alerts, in the order raised.
func (e *Engine) OpenAlerts() []Alert {
	var out []Alert
	for i := range e.alerts {
		if e.alerts[i].IsOpen() {
			out = append(out, cloneAlert(&e.alerts[i]))
		}
	}
	return out
}

func cloneAlert(a *Alert) Alert {
	c := *a
	c.Notified, c.Withheld = slices.Clone(a.Notified), slices.Clone(a.Withheld)
	c.Acknowledgements = slices.Clone(a.Acknowledgements)
	return c
}

// Stats returns what the engine has counted so far.
func (e *Engine) Stats() EngineStats { return e.stats }

// engineTimer is a pending timer: at, in Unix nanoseconds, for a resident
// and no-outing rule or for an alert.
type engineTimer struct {
	at   int64
	id   int32
	rule int32
}

func (a engineTimer) less(b engineTimer) bool {
	return a.at < b.at || a.at == b.at && (a.id < b.id || a.id == b.id && a.rule < b.rule)
}

// engineTimers is a binary min-heap of timers, ordered by time, then ID
// and rule, so that timers due together fire in a fixed order.
type engineTimers []engineTimer

func (h *engineTimers) push(t engineTimer) {
	*h = append(*h, t)
	s := *h
	for j := len(s) - 1; j > 0; {
		p := (j - 1) / 2
		if !s[j].less(s[p]) {
			break
		}
		s[j], s[p] = s[p], s[j]
		j = p
	}
}

func (h *engineTimers) pop() engineTimer {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	for j := 0; ; {
		l := 2*j + 1
		if l >= n {
			break
		}
		c := l
		if r := l + 1; r < n && s[r].less(s[l]) {
			c = r
		}
		if !s[c].less(s[j]) {
			break
		}
		s[j], s[c] = s[c], s[j]
		j = c
	}
	*h = s
	return top
}
