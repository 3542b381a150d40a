package grid

import (
	"strconv"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// Reading is one reading of a resident's smart device (设备读数): a smart
// blood-pressure monitor's measurement, a door sensor's outing, a
// wristband's fall. The device gateway addresses it by the resident's
// pseudonym ([Register.Pseudonym]), never by the citizen ID number.
type Reading struct {
	Resident  healthedu.Pseudonym `json:"resident"`            // 居民假名
	Kind      ReadingKind         `json:"kind"`                // 读数类型
	At        time.Time           `json:"at"`                  // when it was taken (测量时间)
	Systolic  int                 `json:"systolic,omitempty"`  // blood pressure: 收缩压, mmHg
	Diastolic int                 `json:"diastolic,omitempty"` // blood pressure: 舒张压, mmHg
}

// BloodPressure is a blood-pressure reading in mmHg (血压), such as the
// 154/76 of a home visit in 九原. Its zero value means no reading.
type BloodPressure struct {
	Systolic  int `json:"systolic"`  // 收缩压
	Diastolic int `json:"diastolic"` // 舒张压
}

// IsZero reports whether b holds no reading.
func (b BloodPressure) IsZero() bool { return b == BloodPressure{} }

// String returns the reading as "154/76 mmHg", or "" for the zero value.
func (b BloodPressure) String() string {
	if b.IsZero() {
		return ""
	}
	return strconv.Itoa(b.Systolic) + "/" + strconv.Itoa(b.Diastolic) + " mmHg"
}

// CaseReport reports cases of a communicable disease (病例报告) in a
// division, for the incidence rules.
type CaseReport struct {
	Division healthedu.DivisionCode `json:"division"` // where the cases live (现住址区划)
	Disease  Disease                `json:"disease"`  // 病种
	At       time.Time              `json:"at"`       // onset or diagnosis (发病/诊断时间)
	Cases    int64                  `json:"cases"`    // number of cases, at least 1
}

// AlertID identifies an alert within its [Engine]: 1 for the first alert
// raised, then 2, 3 and so on. The zero AlertID names no alert.
type AlertID uint64

// String returns the ID as a decimal number.
func (id AlertID) String() string { return strconv.FormatUint(uint64(id), 10) }

// Alert is an alert (预警) an [Engine] raised: the rule and what set it
// off, whom it notified, and what became of it. An alert is open from
// Raised until Closed; while it is open, further occurrences for the same
// resident (or division and disease) and rule are merged into it rather
// than raising another.
type Alert struct {
	ID       AlertID
	Rule     string // the rule's ID
	Kind     RuleKind
	Severity AlertSeverity
	// At is when the condition arose (发生时间): the earliest reading that
	// set the alert off, the instant the resident had stayed in for the
	// rule's time, the end of the week whose cases rose.
	At time.Time
	// Raised is when the engine raised the alert (发出时间), by its clock.
	Raised time.Time

	// For alerts about a resident: the resident, the household, its grid
	// and the grid's division, and the resident's age band.
	Resident  healthedu.Pseudonym
	Household string
	Grid      string
	Division  healthedu.DivisionCode // also the division of an incidence alert
	AgeBand   AgeBand

	// BloodPressure is, for a blood-pressure alert, the reading that
	// decided its severity: the earliest of the most severe readings.
	BloodPressure BloodPressure
	// QuietSince is, for a no-outing alert, when the resident was last seen
	// to go out (or first observed).
	QuietSince time.Time

	// For incidence alerts: the disease, the ISO week whose cases rose,
	// and the cases of that week and the one before.
	Disease       Disease
	Week          healthedu.Period
	Cases         int64
	PreviousCases int64

	// Notified are the recipients that were told when the alert was
	// raised; Withheld those that were not because the resident's data
	// authorisation did not allow it.
	Notified, Withheld []Recipient

	// Acknowledged and AcknowledgedBy are the first acknowledgement by a
	// recipient responsible for the alert (see [Rule.Responsible]), which
	// stops its escalation (确认时间, 确认人).
	Acknowledged   time.Time
	AcknowledgedBy string
	// Acknowledgements are every recipient's own, in the order given: the
	// family's that it has heard, as well as the responsible ones.
	Acknowledgements []Acknowledgement
	Escalated        time.Time // 上报时间: when it went to the rule's EscalateTo
	Closed           time.Time // 关闭时间
	ClosedBy         string    // 关闭人
}

// Acknowledgement is one recipient's acknowledgement of an alert (确认):
// who, in which role, when.
type Acknowledgement struct {
	By        string    // a staff ID, or the household's ID for the family
	Recipient Recipient // the role By was told in; "" when not given ([Engine.Acknowledge])
	At        time.Time
}

// acknowledgedBy reports whether by has acknowledged the alert.
func (a *Alert) acknowledgedBy(by string) bool {
	for _, k := range a.Acknowledgements {
		if k.By == by {
			return true
		}
	}
	return false
}

// IsOpen reports whether the alert is not closed.
func (a *Alert) IsOpen() bool { return a.Closed.IsZero() }

// openAt reports whether the alert was open at instant t.
func (a *Alert) openAt(t time.Time) bool {
	return !a.Raised.After(t) && (a.Closed.IsZero() || a.Closed.After(t))
}

// Notification is one message an [Engine] sends (预警通知): to one
// recipient, about one alert. It holds only what the recipient may see:
// BloodPressure is set only for a medical recipient, and a notification
// about a resident reaches a recipient only while the resident's data
// authorisation allows it (see [RecipientClass]).
type Notification struct {
	Alert     AlertID
	Rule      string
	Kind      RuleKind
	Reason    NotifyReason
	Recipient Recipient
	Severity  AlertSeverity
	At        time.Time // when it was sent, by the engine's clock
	Occurred  time.Time // the alert's At

	Resident      healthedu.Pseudonym
	Household     string
	Grid          string
	BloodPressure BloodPressure // medical recipients only
	QuietSince    time.Time     // no-outing alerts

	Division      healthedu.DivisionCode
	Disease       Disease
	Week          healthedu.Period
	Cases         int64
	PreviousCases int64
	Group         healthedu.TargetGroup // a target group's push
	Action        Action                // a target group's push
}
