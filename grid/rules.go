package grid

import (
	"slices"
	"strconv"

	"github.com/jiceng/jiceng/healthedu"
)

// Rule is an alert rule (预警规则), written as data: what it watches, its
// thresholds, how severe its alerts are, whom they notify, and whom they
// escalate to when nobody acknowledges them in time. [DefaultRules] are the
// rules of the plan for community health management; a platform may load
// its own from JSON and check them with [ValidateRules].
//
// Each kind takes its parameters from one member: a blood-pressure rule
// from BloodPressure, a no-outing rule from NoOuting, an incidence rule
// from Incidence; a fall rule takes none.
type Rule struct {
	// ID names the rule (规则标识), unique among the engine's rules.
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// Kind is what the rule watches (规则类型).
	Kind RuleKind `json:"kind"`
	// Severity is the severity of its alerts (预警级别); a blood-pressure
	// rule raises urgent alerts above its urgent thresholds.
	Severity AlertSeverity `json:"severity"`
	// Notify are the recipients of its alerts (通知对象), told at once.
	Notify []Recipient `json:"notify" jsonschema:"minItems=1,maxItems=10,uniqueItems=true"`
	// AckMinutes is how long an alert may stay unacknowledged before it is
	// escalated (确认时限, minutes); 0 means it is never escalated.
	AckMinutes int `json:"ackMinutes,omitempty" jsonschema:"minimum=0,maximum=43200"`
	// UrgentAckMinutes replaces AckMinutes for an urgent alert; 0 means
	// AckMinutes.
	UrgentAckMinutes int `json:"urgentAckMinutes,omitempty" jsonschema:"minimum=0,maximum=43200"`
	// EscalateTo are the recipients told when an alert is escalated
	// (逐级上报对象).
	EscalateTo []Recipient `json:"escalateTo,omitempty" jsonschema:"maxItems=10,uniqueItems=true"`

	BloodPressure *BloodPressureRule `json:"bloodPressure,omitempty"` // for kind blood-pressure
	NoOuting      *NoOutingRule      `json:"noOuting,omitempty"`      // for kind no-outing
	Incidence     *IncidenceRule     `json:"incidence,omitempty"`     // for kind incidence-rise
}

// BloodPressureRule are the thresholds of a blood-pressure rule (血压阈值),
// in mmHg. A reading fires the rule when its systolic pressure reaches
// Systolic or its diastolic pressure reaches Diastolic; it is urgent when
// either reaches its urgent threshold (危急值, needing urgent referral).
type BloodPressureRule struct {
	Systolic        int `json:"systolic" jsonschema:"minimum=1,maximum=300"`                  // 收缩压 ≥
	Diastolic       int `json:"diastolic" jsonschema:"minimum=1,maximum=300"`                 // 舒张压 ≥
	UrgentSystolic  int `json:"urgentSystolic,omitempty" jsonschema:"minimum=1,maximum=300"`  // 0: no urgent tier on systolic
	UrgentDiastolic int `json:"urgentDiastolic,omitempty" jsonschema:"minimum=1,maximum=300"` // 0: no urgent tier on diastolic
}

// NoOutingRule is the parameter of a no-outing rule (独居未外出): a resident
// who lives alone and has not gone out for Minutes consecutive minutes.
type NoOutingRule struct {
	Minutes int `json:"minutes" jsonschema:"minimum=1,maximum=10080"` // 连续未外出时长
}

// IncidenceRule are the parameters of an incidence rule (发病数上升): the
// cases of one of Diseases counted per ISO week (in China Standard Time)
// in each division at Level; a week with at least MinCases cases and
// RisePercent more than the week before raises an alert that sets off
// Actions for TargetGroups.
type IncidenceRule struct {
	Diseases     []Disease               `json:"diseases" jsonschema:"minItems=1,maxItems=20,uniqueItems=true"`
	RisePercent  int                     `json:"risePercent" jsonschema:"minimum=1,maximum=10000"` // 周环比上升 ≥ %
	MinCases     int                     `json:"minCases,omitempty" jsonschema:"minimum=0,maximum=1000000"`
	Level        healthedu.DivisionLevel `json:"level"` // 统计层级
	Actions      []Action                `json:"actions" jsonschema:"minItems=1,maxItems=10,uniqueItems=true"`
	TargetGroups []healthedu.TargetGroup `json:"targetGroups" jsonschema:"minItems=1,maxItems=20,uniqueItems=true"`
}

// DefaultRules returns the alert rules of the plan for community health
// management (社区健康管理), with the thresholds of the grassroots
// hypertension guideline:
//
//   - "blood-pressure": systolic ≥ 140 or diastolic ≥ 90 mmHg warns the
//     family doctor; ≥ 180 or ≥ 110 is urgent;
//   - "no-outing": a resident living alone who has not gone out for 12
//     consecutive hours; the grid worker is to visit;
//   - "fall": a wristband fall tells the emergency contact team and the
//     family at once;
//   - "respiratory-rise": respiratory infections, influenza and COVID-19 up
//     30% or more on the previous week in a township, with at least 5
//     cases, set off a prevention push and a vaccination reminder for the
//     elderly, children aged 0–6 and chronic disease patients.
//
// The acknowledgement deadlines and escalation targets, the 5-case floor
// and the township level are jiceng's choices, not the documents': a day
// for a raised blood pressure and an hour for an urgent one, escalated to
// the community health service centre; two hours for no outing and ten
// minutes for a fall, escalated to the grid leader.
func DefaultRules() []Rule {
	return []Rule{
		{
			ID: "blood-pressure", Kind: RuleBloodPressure, Severity: AlertWarning,
			Notify:     []Recipient{RecipientFamilyDoctor},
			AckMinutes: 24 * 60, UrgentAckMinutes: 60,
			EscalateTo:    []Recipient{RecipientHealthCentre},
			BloodPressure: &BloodPressureRule{Systolic: 140, Diastolic: 90, UrgentSystolic: 180, UrgentDiastolic: 110},
		},
		{
			ID: "no-outing", Kind: RuleNoOuting, Severity: AlertWarning,
			Notify:     []Recipient{RecipientGridWorker},
			AckMinutes: 120, EscalateTo: []Recipient{RecipientGridLeader},
			NoOuting: &NoOutingRule{Minutes: 12 * 60},
		},
		{
			ID: "fall", Kind: RuleFall, Severity: AlertUrgent,
			Notify:     []Recipient{RecipientEmergencyTeam, RecipientFamily},
			AckMinutes: 10, EscalateTo: []Recipient{RecipientGridLeader},
		},
		{
			ID: "respiratory-rise", Kind: RuleIncidenceRise, Severity: AlertWarning,
			Notify: []Recipient{RecipientTargetGroup},
			Incidence: &IncidenceRule{
				Diseases:     []Disease{DiseaseRespiratory, DiseaseInfluenza, DiseaseCOVID19},
				RisePercent:  30,
				MinCases:     5,
				Level:        healthedu.LevelTownship,
				Actions:      []Action{ActionPreventionPush, ActionVaccinationReminder},
				TargetGroups: []healthedu.TargetGroup{"elderly", "children-0-6", "chronic-patients"},
			},
		},
	}
}

// Responsible returns the recipients responsible for the alerts of the
// rule (责任方): those who may close an alert, and whose acknowledgement
// stops its escalation. They are the rule's recipients, told at once or
// on escalation, that act on an alert as staff — those of class medical
// or community: the family doctor, the health centre, the grid worker,
// the grid leader, the emergency contact team. The family, told of a fall
// as the resident's emergency contact, is not: its acknowledgement says
// that it has heard, not that someone is on the way, and it may not close
// the alert for the team. A rule that names no such recipient, such as
// an incidence rule that pushes to target groups, makes all its
// recipients responsible: the channel of the pushes closes the alert once
// they have gone out. The recipients are in the order of Notify, then
// EscalateTo, each once.
func (r *Rule) Responsible() []Recipient {
	var staff, all []Recipient
	for _, list := range [...][]Recipient{r.Notify, r.EscalateTo} {
		for _, rc := range list {
			if slices.Contains(all, rc) {
				continue
			}
			all = append(all, rc)
			if c := rc.Class(); c == ClassMedical || c == ClassCommunity {
				staff = append(staff, rc)
			}
		}
	}
	if len(staff) > 0 {
		return staff
	}
	return all
}

// maxNoOutingRules bounds the no-outing rules of an engine, each of which
// keeps two instants per resident.
const maxNoOutingRules = 8

// ValidateRules reports what is wrong with a set of alert rules, with
// paths into the JSON array of the rules: a missing or repeated ID, a kind,
// severity or recipient outside its enumeration, parameters missing for
// the kind or given for another ("alert.paramsMissing",
// "alert.paramsUnexpected"), a threshold out of range ("alert.threshold"),
// a recipient the kind cannot notify ("alert.recipient"), an escalation
// without a deadline or the reverse, more than eight no-outing rules
// ("alert.tooMany").
func ValidateRules(rules []Rule) []healthedu.Issue {
	var issues []healthedu.Issue
	noOuting := 0
	for i := range rules {
		r := &rules[i]
		at := func(path ...string) string { return healthedu.Pointer(append([]string{strconv.Itoa(i)}, path...)...) }
		add := func(code string, params map[string]any, path ...string) {
			issues = append(issues, healthedu.NewIssue(code, at(path...), params))
		}
		required := func(path ...string) {
			add("grid.required", map[string]any{"field": path[len(path)-1]}, path...)
		}
		switch {
		case r.ID == "":
			required("id")
		case ruleIndex(rules[:i], r.ID) >= 0:
			add("alert.ruleDuplicate", map[string]any{"value": r.ID}, "id")
		}
		switch {
		case r.Kind == "":
			required("kind")
		case !r.Kind.IsValid():
			add("value.invalid", nil, "kind")
		}
		switch {
		case r.Severity == "":
			required("severity")
		case !r.Severity.IsValid():
			add("value.invalid", nil, "severity")
		}
		if len(r.Notify) == 0 {
			required("notify")
		}
		for _, list := range [...]struct {
			name string
			rs   []Recipient
		}{{"notify", r.Notify}, {"escalateTo", r.EscalateTo}} {
			for j, rc := range list.rs {
				switch {
				case !rc.IsValid():
					add("value.invalid", nil, list.name, strconv.Itoa(j))
				case rc == RecipientTargetGroup && (r.Kind != RuleIncidenceRise || list.name != "notify"),
					rc == RecipientFamily && r.Kind == RuleIncidenceRise:
					add("alert.recipient", map[string]any{"recipient": string(rc), "kind": string(r.Kind)}, list.name, strconv.Itoa(j))
				}
			}
		}
		if r.AckMinutes < 0 || r.AckMinutes > 43200 {
			add("alert.threshold", map[string]any{"field": "ackMinutes", "value": r.AckMinutes}, "ackMinutes")
		}
		if r.UrgentAckMinutes < 0 || r.UrgentAckMinutes > 43200 {
			add("alert.threshold", map[string]any{"field": "urgentAckMinutes", "value": r.UrgentAckMinutes}, "urgentAckMinutes")
		}
		switch {
		case (r.AckMinutes > 0 || r.UrgentAckMinutes > 0) && len(r.EscalateTo) == 0:
			required("escalateTo")
		case r.AckMinutes == 0 && r.UrgentAckMinutes == 0 && len(r.EscalateTo) > 0:
			required("ackMinutes")
		}
		params := map[RuleKind]bool{
			RuleBloodPressure: r.BloodPressure != nil,
			RuleNoOuting:      r.NoOuting != nil,
			RuleIncidenceRise: r.Incidence != nil,
		}
		names := map[RuleKind]string{RuleBloodPressure: "bloodPressure", RuleNoOuting: "noOuting", RuleIncidenceRise: "incidence"}
		for _, k := range [...]RuleKind{RuleBloodPressure, RuleNoOuting, RuleIncidenceRise} {
			switch {
			case k == r.Kind && !params[k]:
				add("alert.paramsMissing", map[string]any{"kind": string(r.Kind), "field": names[k]}, names[k])
			case k != r.Kind && params[k] && r.Kind.IsValid():
				add("alert.paramsUnexpected", map[string]any{"kind": string(r.Kind), "field": names[k]}, names[k])
			}
		}
		threshold := func(v, lo, hi int, path ...string) {
			if v < lo || v > hi {
				add("alert.threshold", map[string]any{"field": path[len(path)-1], "value": v}, path...)
			}
		}
		if b := r.BloodPressure; b != nil && r.Kind == RuleBloodPressure {
			threshold(b.Systolic, 1, 300, "bloodPressure", "systolic")
			threshold(b.Diastolic, 1, 300, "bloodPressure", "diastolic")
			if b.UrgentSystolic != 0 {
				threshold(b.UrgentSystolic, max(b.Systolic, 1), 300, "bloodPressure", "urgentSystolic")
			}
			if b.UrgentDiastolic != 0 {
				threshold(b.UrgentDiastolic, max(b.Diastolic, 1), 300, "bloodPressure", "urgentDiastolic")
			}
		}
		if n := r.NoOuting; n != nil && r.Kind == RuleNoOuting {
			threshold(n.Minutes, 1, 10080, "noOuting", "minutes")
			if noOuting++; noOuting == maxNoOutingRules+1 {
				add("alert.tooMany", map[string]any{"kind": string(r.Kind), "max": maxNoOutingRules}, "kind")
			}
		}
		if c := r.Incidence; c != nil && r.Kind == RuleIncidenceRise {
			issues = validateIncidence(issues, c, at)
		}
	}
	return issues
}

// validateIncidence appends the issues of the parameters c of an incidence
// rule; at makes a path under the rule.
func validateIncidence(issues []healthedu.Issue, c *IncidenceRule, at func(...string) string) []healthedu.Issue {
	add := func(code string, params map[string]any, path ...string) {
		issues = append(issues, healthedu.NewIssue(code, at(append([]string{"incidence"}, path...)...), params))
	}
	if c.RisePercent < 1 || c.RisePercent > 10000 {
		add("alert.threshold", map[string]any{"field": "risePercent", "value": c.RisePercent}, "risePercent")
	}
	if c.MinCases < 0 || c.MinCases > 1000000 {
		add("alert.threshold", map[string]any{"field": "minCases", "value": c.MinCases}, "minCases")
	}
	if c.Level < healthedu.LevelProvince || c.Level > healthedu.LevelVillage {
		add("grid.required", map[string]any{"field": "level"}, "level")
	}
	lists := [...]struct {
		name  string
		n     int
		valid func(j int) bool
	}{
		{"diseases", len(c.Diseases), func(j int) bool { return c.Diseases[j].IsValid() }},
		{"actions", len(c.Actions), func(j int) bool { return c.Actions[j].IsValid() }},
		{"targetGroups", len(c.TargetGroups), func(j int) bool { return targetGroupValid(c.TargetGroups[j]) }},
	}
	for _, l := range lists {
		if l.n == 0 {
			add("grid.required", map[string]any{"field": l.name}, l.name)
		}
		for j := range l.n {
			if !l.valid(j) {
				add("value.invalid", nil, l.name, strconv.Itoa(j))
			}
		}
	}
	return issues
}

// ruleIndex returns the index of the rule with ID id, or -1.
func ruleIndex(rules []Rule, id string) int {
	for i := range rules {
		if rules[i].ID == id {
			return i
		}
	}
	return -1
}

// RecipientClass is the class of a recipient (接收方类别), which decides
// what of a resident's data reaches it. Consent is enforced by the
// [Engine]: a medical recipient is told about a resident only while the
// resident shares with medical institutions, a community recipient only
// while the resident shares with the community, and only medical
// recipients ever receive medical values such as a blood-pressure reading.
type RecipientClass uint8

// The recipient classes.
const (
	ClassMedical   RecipientClass = iota + 1 // 医疗机构: needs Authorisation.Medical; receives medical values
	ClassCommunity                           // 社区: needs Authorisation.Community; no medical values
	ClassFamily                              // 家属: the resident's own emergency contacts; no consent needed, no medical values
	ClassPublic                              // 群体: pushes to a target group, which carry no personal data
)

// String returns "medical", "community", "family" or "public".
func (c RecipientClass) String() string {
	switch c {
	case ClassMedical:
		return "medical"
	case ClassCommunity:
		return "community"
	case ClassFamily:
		return "family"
	case ClassPublic:
		return "public"
	}
	return "RecipientClass(" + strconv.Itoa(int(c)) + ")"
}

// Class returns the class of the recipient: medical for the family doctor
// and the community health service centre; community for the grid worker,
// the grid leader and the emergency contact team (a community team of grid
// workers and volunteers, not a medical service); family for the family;
// public for a target group. It returns 0 for a recipient that is not
// valid.
func (r Recipient) Class() RecipientClass {
	switch r {
	case RecipientFamilyDoctor, RecipientHealthCentre:
		return ClassMedical
	case RecipientGridWorker, RecipientGridLeader, RecipientEmergencyTeam:
		return ClassCommunity
	case RecipientFamily:
		return ClassFamily
	case RecipientTargetGroup:
		return ClassPublic
	}
	return 0
}

// rank orders the severities, 1 for notice to 3 for urgent, 0 for one that
// is not valid.
func (s AlertSeverity) rank() int { return alertSeverityEnum.Index(string(s)) + 1 }
