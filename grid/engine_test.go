package grid_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// harness runs an engine over a fixture with a clock the test sets and
// records the notifications sent.
type harness struct {
	*fixture
	e    *grid.Engine
	now  time.Time
	sent []grid.Notification
}

func newHarness(tb testing.TB, rules []grid.Rule, opts ...grid.EngineOption) *harness {
	tb.Helper()
	h := &harness{fixture: newFixture(tb), now: t0}
	opts = append([]grid.EngineOption{
		grid.WithClock(func() time.Time { return h.now }),
		grid.WithNotifier(func(n grid.Notification) { h.sent = append(h.sent, n) }),
	}, opts...)
	e, err := grid.NewEngine(h.reg, rules, opts...)
	if err != nil {
		tb.Fatal(err)
	}
	h.e = e
	return h
}

// observe sets the clock to at and observes a reading of resident taken
// then.
func (h *harness) observe(tb testing.TB, resident string, kind grid.ReadingKind, at time.Time, sys, dia int) {
	tb.Helper()
	h.now = at
	if err := h.e.Observe(grid.Reading{Resident: h.p[resident], Kind: kind, At: at, Systolic: sys, Diastolic: dia}); err != nil {
		tb.Fatal(err)
	}
}

// advance sets the clock to at and advances the engine.
func (h *harness) advance(at time.Time) {
	h.now = at
	h.e.Advance()
}

// sentTo summarises a notification: recipient, reason, severity, reading.
type sentTo struct {
	Recipient grid.Recipient
	Reason    grid.NotifyReason
	Severity  grid.AlertSeverity
	BP        string
	At        time.Time
}

func (h *harness) sentSummary() []sentTo {
	var out []sentTo
	for _, n := range h.sent {
		out = append(out, sentTo{n.Recipient, n.Reason, n.Severity, n.BloodPressure.String(), n.At})
	}
	return out
}

func TestBloodPressureRule(t *testing.T) {
	tests := []struct {
		sys, dia int
		want     grid.AlertSeverity // "" for no alert
	}{
		{139, 89, ""},
		{120, 80, ""},
		{140, 60, grid.AlertWarning},
		{120, 90, grid.AlertWarning},
		{139, 90, grid.AlertWarning},
		{154, 76, grid.AlertWarning}, // 九原's home visit: fires on systolic
		{179, 109, grid.AlertWarning},
		{180, 70, grid.AlertUrgent},
		{120, 110, grid.AlertUrgent},
		{200, 120, grid.AlertUrgent},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d", tt.sys, tt.dia), func(t *testing.T) {
			h := newHarness(t, grid.DefaultRules())
			at := t0.Add(9 * time.Hour)
			h.observe(t, "r-bp", grid.ReadingBloodPressure, at, tt.sys, tt.dia)
			var want []sentTo
			if tt.want != "" {
				want = []sentTo{{grid.RecipientFamilyDoctor, grid.NotifyRaised, tt.want, fmt.Sprintf("%d/%d mmHg", tt.sys, tt.dia), at}}
			}
			if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
				t.Errorf("notifications (-want +got):\n%s", diff)
			}
			if tt.want == "" {
				return
			}
			a, _ := h.e.Alert(1)
			wantAlert := grid.Alert{
				ID: 1, Rule: "blood-pressure", Kind: grid.RuleBloodPressure, Severity: tt.want, At: at, Raised: at,
				Resident: h.p["r-bp"], Household: "h03", Grid: "g1", Division: testDivision, AgeBand: grid.Age65To79,
				BloodPressure: grid.BloodPressure{Systolic: tt.sys, Diastolic: tt.dia},
				Notified:      []grid.Recipient{grid.RecipientFamilyDoctor},
			}
			if diff := cmp.Diff(wantAlert, a, cmpOpts); diff != "" {
				t.Errorf("Alert(1) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNoOutingRule(t *testing.T) {
	tests := []struct {
		name     string
		outings  []time.Duration // after t0
		check    time.Duration   // when the clock is advanced to, after t0
		resident string
		want     []time.Duration // At of the alerts, after t0
	}{
		{"11h59m", []time.Duration{0}, 11*time.Hour + 59*time.Minute, "r-alone", nil},
		{"12h less 1ns", []time.Duration{0}, 12*time.Hour - 1, "r-alone", nil},
		{"exactly 12h", []time.Duration{0}, 12 * time.Hour, "r-alone", []time.Duration{12 * time.Hour}},
		{"a day", []time.Duration{0}, 24 * time.Hour, "r-alone", []time.Duration{12 * time.Hour}},
		{"went out at 6h", []time.Duration{0, 6 * time.Hour}, 17 * time.Hour, "r-alone", nil},
		{"went out at 6h, 18h later", []time.Duration{0, 6 * time.Hour}, 18 * time.Hour, "r-alone", []time.Duration{18 * time.Hour}},
		{"not living alone", []time.Duration{0}, 48 * time.Hour, "r-bp", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, grid.DefaultRules())
			for _, d := range tt.outings {
				h.observe(t, tt.resident, grid.ReadingOuting, t0.Add(d), 0, 0)
			}
			h.advance(t0.Add(tt.check))
			var got []time.Duration
			for _, a := range h.e.Alerts() {
				got = append(got, a.At.Sub(t0))
				if a.Rule != "no-outing" || a.Resident != h.p[tt.resident] || !a.QuietSince.Equal(a.At.Add(-12*time.Hour)) {
					t.Errorf("alert %+v", a)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("alerts (-want +got):\n%s", diff)
			}
			if tt.want != nil {
				want := []sentTo{{grid.RecipientGridWorker, grid.NotifyRaised, grid.AlertWarning, "", t0.Add(tt.check)}}
				if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
					t.Errorf("notifications (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestNoOutingFromFirstReading checks that a resident who never goes out
// is watched from the first reading of any device.
func TestNoOutingFromFirstReading(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	h.observe(t, "r-alone", grid.ReadingBloodPressure, t0, 120, 80)
	h.advance(t0.Add(12 * time.Hour))
	alerts := h.e.Alerts()
	if len(alerts) != 1 || !alerts[0].At.Equal(t0.Add(12*time.Hour)) || !alerts[0].QuietSince.Equal(t0) {
		t.Errorf("alerts = %+v, want one at 12h", alerts)
	}
}

func TestFallRule(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(7 * time.Hour)
	h.observe(t, "r-alone", grid.ReadingFall, at, 0, 0)
	want := []sentTo{
		{grid.RecipientEmergencyTeam, grid.NotifyRaised, grid.AlertUrgent, "", at},
		{grid.RecipientFamily, grid.NotifyRaised, grid.AlertUrgent, "", at},
	}
	if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	// The emergency team is a community recipient: without community
	// consent only the family is told.
	h.observe(t, "r-medonly", grid.ReadingFall, at, 0, 0)
	a, _ := h.e.Alert(2)
	if diff := cmp.Diff([]grid.Recipient{grid.RecipientFamily}, a.Notified); diff != "" {
		t.Errorf("r-medonly's fall notified (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]grid.Recipient{grid.RecipientEmergencyTeam}, a.Withheld); diff != "" {
		t.Errorf("r-medonly's fall withheld (-want +got):\n%s", diff)
	}
}

func TestIncidenceRule(t *testing.T) {
	// Week 2025W40 runs from Monday 29 September to Sunday 5 October, in
	// Beijing; 2025W41 from 6 to 12 October.
	w40 := healthedu.MustParsePeriod("2025W40")
	w41 := healthedu.MustParsePeriod("2025W41")
	tests := []struct {
		prev, cur int64
		fires     bool
	}{
		{10, 13, true}, // exactly 30%
		{10, 12, false},
		{20, 26, true},
		{20, 25, false},
		{0, 5, true}, // from nothing to the 5-case floor
		{0, 4, false},
		{3, 4, false}, // 33% but under the floor
		{10, 10, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d→%d", tt.prev, tt.cur), func(t *testing.T) {
			h := newHarness(t, grid.DefaultRules())
			report := func(w healthedu.Period, n int64, div string) {
				for i := range n {
					at := w.Start().Add(time.Duration(i) * time.Hour)
					h.now = at
					if err := h.e.ObserveCase(grid.CaseReport{Division: healthedu.MustParseDivisionCode(div),
						Disease: grid.DiseaseInfluenza, At: at, Cases: 1}); err != nil {
						t.Fatal(err)
					}
				}
			}
			h.advance(w40.Start()) // the engine runs from the start of the week before
			report(w40, tt.prev, "371502001001")
			report(w41, tt.cur/2, "371502001001")
			report(w41, tt.cur-tt.cur/2, "371502001002") // another community of the township
			h.advance(w41.End().Add(-time.Nanosecond))
			if n := len(h.e.Alerts()); n != 0 {
				t.Fatalf("%d alerts before the week is over", n)
			}
			h.advance(w41.End())
			alerts := h.e.Alerts()
			if !tt.fires {
				if len(alerts) != 0 {
					t.Errorf("alerts = %+v, want none", alerts)
				}
				return
			}
			want := []grid.Alert{{
				ID: 1, Rule: "respiratory-rise", Kind: grid.RuleIncidenceRise, Severity: grid.AlertWarning,
				At: w41.End(), Raised: w41.End(), Division: healthedu.MustParseDivisionCode("371502001"),
				Disease: grid.DiseaseInfluenza, Week: w41, Cases: tt.cur, PreviousCases: tt.prev,
				Notified: []grid.Recipient{grid.RecipientTargetGroup},
			}}
			if diff := cmp.Diff(want, alerts, cmpOpts); diff != "" {
				t.Errorf("alerts (-want +got):\n%s", diff)
			}
			var pushes []string
			for _, n := range h.sent {
				pushes = append(pushes, string(n.Group)+" "+string(n.Action))
			}
			wantPushes := []string{
				"elderly prevention-push", "elderly vaccination-reminder",
				"children-0-6 prevention-push", "children-0-6 vaccination-reminder",
				"chronic-patients prevention-push", "chronic-patients vaccination-reminder",
			}
			if diff := cmp.Diff(wantPushes, pushes); diff != "" {
				t.Errorf("pushes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDeduplication(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(8 * time.Hour)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at, 150, 80)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at.Add(time.Hour), 145, 95)
	// A reading taken earlier, arriving late: the alert's At moves back.
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at.Add(-time.Hour), 142, 80)
	if got := h.e.Stats(); got.Raised != 1 || got.Merged != 2 {
		t.Errorf("Stats = %+v, want 1 raised, 2 merged", got)
	}
	a, _ := h.e.Alert(1)
	if !a.At.Equal(at.Add(-time.Hour)) || a.BloodPressure != (grid.BloodPressure{Systolic: 142, Diastolic: 80}) {
		t.Errorf("merged alert: At %v, blood pressure %v; want the earliest reading", a.At, a.BloodPressure)
	}
	// An urgent reading upgrades the open alert and tells the doctor again.
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at.Add(2*time.Hour), 185, 100)
	a, _ = h.e.Alert(1)
	if a.Severity != grid.AlertUrgent || a.BloodPressure != (grid.BloodPressure{Systolic: 185, Diastolic: 100}) {
		t.Errorf("upgraded alert: %v %v", a.Severity, a.BloodPressure)
	}
	want := []sentTo{
		{grid.RecipientFamilyDoctor, grid.NotifyRaised, grid.AlertWarning, "150/80 mmHg", at},
		{grid.RecipientFamilyDoctor, grid.NotifyUpgraded, grid.AlertUrgent, "185/100 mmHg", at.Add(2 * time.Hour)},
	}
	if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	// Other residents and rules have alerts of their own.
	h.observe(t, "r-alone", grid.ReadingBloodPressure, at.Add(2*time.Hour), 150, 80)
	h.observe(t, "r-bp", grid.ReadingFall, at.Add(2*time.Hour), 0, 0)
	if n := len(h.e.OpenAlerts()); n != 3 {
		t.Errorf("%d open alerts, want 3", n)
	}
	// Once closed, the next occurrence raises a new alert.
	h.now = at.Add(3 * time.Hour)
	if err := h.e.Close(1, "D1"); err != nil {
		t.Fatal(err)
	}
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at.Add(4*time.Hour), 150, 80)
	if got := h.e.Stats().Raised; got != 4 {
		t.Errorf("Raised = %d, want 4", got)
	}
}

func TestAcknowledgeAndEscalate(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(8 * time.Hour)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at, 150, 80)    // alert 1: acknowledged in time
	h.observe(t, "r-alone", grid.ReadingBloodPressure, at, 150, 80) // alert 2: escalated after a day
	h.observe(t, "r-nomed", grid.ReadingFall, at, 0, 0)             // alert 3: urgent, escalated after 10 minutes
	h.now = at.Add(time.Hour)
	if err := h.e.Acknowledge(1, "D1"); err != nil {
		t.Fatal(err)
	}
	h.advance(at.Add(10*time.Minute - 1))
	if n := h.e.Stats().Escalated; n != 0 {
		t.Errorf("escalated before the deadline: %d", n)
	}
	h.sent = nil
	h.advance(at.Add(24 * time.Hour)) // no-outing alerts come too
	var escalations []sentTo
	for _, s := range h.sentSummary() {
		if s.Reason == grid.NotifyEscalated {
			escalations = append(escalations, s)
		}
	}
	want := []sentTo{
		{grid.RecipientGridLeader, grid.NotifyEscalated, grid.AlertUrgent, "", at.Add(24 * time.Hour)},
		{grid.RecipientHealthCentre, grid.NotifyEscalated, grid.AlertWarning, "150/80 mmHg", at.Add(24 * time.Hour)},
	}
	if diff := cmp.Diff(want, escalations); diff != "" {
		t.Errorf("escalations (-want +got):\n%s", diff)
	}
	a1, _ := h.e.Alert(1)
	if !a1.Acknowledged.Equal(at.Add(time.Hour)) || a1.AcknowledgedBy != "D1" || !a1.Escalated.IsZero() {
		t.Errorf("alert 1: %+v", a1)
	}
	h.now = at.Add(25 * time.Hour)
	if err := h.e.Close(2, "L1"); err != nil {
		t.Fatal(err)
	}
	a2, _ := h.e.Alert(2)
	if a2.IsOpen() || !a2.Closed.Equal(h.now) || a2.ClosedBy != "L1" || a2.AcknowledgedBy != "L1" || !a2.Escalated.Equal(at.Add(24*time.Hour)) {
		t.Errorf("alert 2: %+v", a2)
	}
	for _, tt := range []struct {
		name string
		err  error
		want error
	}{
		{"acknowledge twice", h.e.Acknowledge(1, "D1"), grid.ErrAlertAcknowledged},
		{"acknowledge closed", h.e.Acknowledge(2, "D1"), grid.ErrAlertClosed},
		{"close closed", h.e.Close(2, "D1"), grid.ErrAlertClosed},
		{"unknown", h.e.Close(99, "D1"), grid.ErrUnknownAlert},
		{"zero", h.e.Acknowledge(0, "D1"), grid.ErrUnknownAlert},
		{"nobody", h.e.Close(3, ""), grid.ErrNoActor},
	} {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, tt.err, tt.want)
		}
	}
}

// TestConsentMedical: a reading reaches a medical recipient only if the
// resident shares with medical institutions.
func TestConsentMedical(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(8 * time.Hour)
	h.observe(t, "r-nomed", grid.ReadingBloodPressure, at, 160, 95) // community only
	h.observe(t, "r-none", grid.ReadingBloodPressure, at, 160, 95)  // nothing
	if len(h.sent) != 0 || len(h.e.Alerts()) != 0 {
		t.Errorf("without medical consent: notifications %v, alerts %v", h.sent, h.e.Alerts())
	}
	if got := h.e.Stats().Withheld; got != 2 {
		t.Errorf("Withheld = %d, want 2", got)
	}
	h.observe(t, "r-medonly", grid.ReadingBloodPressure, at, 160, 95)
	want := []sentTo{{grid.RecipientFamilyDoctor, grid.NotifyRaised, grid.AlertWarning, "160/95 mmHg", at}}
	if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
		t.Errorf("with medical consent (-want +got):\n%s", diff)
	}
}

// TestConsentNoMedicalValues: the grid worker gets the no-outing alert
// without medical values, and a rule that tells both the doctor and the
// grid worker of a blood pressure gives the reading to the doctor only.
func TestConsentNoMedicalValues(t *testing.T) {
	rules := grid.DefaultRules()
	rules[0].Notify = []grid.Recipient{grid.RecipientFamilyDoctor, grid.RecipientGridWorker}
	h := newHarness(t, rules)
	h.observe(t, "r-alone", grid.ReadingBloodPressure, t0, 165, 85)
	h.advance(t0.Add(12 * time.Hour))
	var workerNotes []grid.Notification
	for _, n := range h.sent {
		if n.Recipient.Class() != grid.ClassMedical {
			workerNotes = append(workerNotes, n)
			if !n.BloodPressure.IsZero() {
				t.Errorf("%s notification about %s carries %v", n.Recipient, n.Rule, n.BloodPressure)
			}
		} else if n.BloodPressure != (grid.BloodPressure{Systolic: 165, Diastolic: 85}) {
			t.Errorf("doctor's notification carries %v", n.BloodPressure)
		}
	}
	want := []string{"blood-pressure", "no-outing"}
	var got []string
	for _, n := range workerNotes {
		got = append(got, n.Rule)
		if n.Recipient != grid.RecipientGridWorker {
			t.Errorf("notification to %s", n.Recipient)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("grid worker's notifications (-want +got):\n%s", diff)
	}
	// Without community consent the grid worker hears nothing, and no
	// no-outing alert is raised.
	h.observe(t, "r-medonly", grid.ReadingOuting, t0.Add(12*time.Hour), 0, 0)
	h.advance(t0.Add(24 * time.Hour))
	for _, a := range h.e.Alerts() {
		if a.Resident == h.p["r-medonly"] {
			t.Errorf("alert about r-medonly: %+v", a)
		}
	}
}

// TestConsentWithdrawn: withdrawing consent stops delivery from that
// moment, escalations of open alerts included.
func TestConsentWithdrawn(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	withdraw := t0.Add(12 * time.Hour)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, withdraw.Add(-time.Hour), 150, 80)
	mustAdd(t, h.reg, &grid.Resident{Header: header(grid.KindResident, "r-bp"), Household: "h03", CitizenID: citizenID(t, 2),
		AgeBand: grid.Age65To79, Authorisation: grid.Authorisation{Community: true, Medical: false, At: withdraw}})
	// Delivered the instant before, withheld from the instant on.
	h.now = withdraw.Add(-time.Nanosecond)
	if err := h.e.Close(1, "D1"); err != nil {
		t.Fatal(err)
	}
	h.observe(t, "r-bp", grid.ReadingBloodPressure, withdraw.Add(-time.Nanosecond), 151, 80)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, withdraw, 152, 80)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, withdraw.Add(time.Hour), 190, 80)
	h.advance(withdraw.Add(48 * time.Hour)) // alert 2 would escalate to the health centre
	want := []sentTo{
		{grid.RecipientFamilyDoctor, grid.NotifyRaised, grid.AlertWarning, "150/80 mmHg", withdraw.Add(-time.Hour)},
		{grid.RecipientFamilyDoctor, grid.NotifyRaised, grid.AlertWarning, "151/80 mmHg", withdraw.Add(-time.Nanosecond)},
	}
	if diff := cmp.Diff(want, h.sentSummary()); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
	a2, _ := h.e.Alert(2)
	if a2.Escalated.IsZero() || a2.Severity != grid.AlertUrgent {
		t.Errorf("alert 2 = %+v: want upgraded and escalated, with nobody told", a2)
	}
}

func TestObserveErrors(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	p := h.p["r-bp"]
	tests := []struct {
		r    grid.Reading
		want error
	}{
		{grid.Reading{Resident: healthedu.Pseudonym{9}, Kind: grid.ReadingFall, At: t0}, grid.ErrUnknownResident},
		{grid.Reading{Resident: p, Kind: grid.ReadingFall}, grid.ErrInvalidReading},
		{grid.Reading{Resident: p, Kind: "glucose", At: t0}, grid.ErrInvalidReading},
		{grid.Reading{Resident: p, Kind: grid.ReadingBloodPressure, At: t0, Systolic: 140}, grid.ErrInvalidReading},
		{grid.Reading{Resident: p, Kind: grid.ReadingBloodPressure, At: t0, Systolic: 400, Diastolic: 80}, grid.ErrInvalidReading},
	}
	for _, tt := range tests {
		if err := h.e.Observe(tt.r); !errors.Is(err, tt.want) {
			t.Errorf("Observe(%+v) = %v, want %v", tt.r, err, tt.want)
		}
	}
	for _, c := range []grid.CaseReport{
		{Disease: grid.DiseaseInfluenza, At: t0, Cases: 1},
		{Division: testDivision, Disease: "plague", At: t0, Cases: 1},
		{Division: testDivision, Disease: grid.DiseaseInfluenza, Cases: 1},
		{Division: testDivision, Disease: grid.DiseaseInfluenza, At: t0},
	} {
		if err := h.e.ObserveCase(c); !errors.Is(err, grid.ErrInvalidCase) {
			t.Errorf("ObserveCase(%+v) = %v, want ErrInvalidCase", c, err)
		}
	}
	if len(h.e.Alerts()) != 0 {
		t.Errorf("invalid input raised alerts")
	}
}

func TestValidateRules(t *testing.T) {
	if issues := grid.ValidateRules(grid.DefaultRules()); len(issues) != 0 {
		t.Errorf("DefaultRules: %v", issues)
	}
	bad := []grid.Rule{
		{ID: "bp", Kind: grid.RuleBloodPressure, Severity: grid.AlertWarning, Notify: []grid.Recipient{grid.RecipientTargetGroup},
			BloodPressure: &grid.BloodPressureRule{Systolic: 140, Diastolic: 0, UrgentSystolic: 130}, NoOuting: &grid.NoOutingRule{Minutes: 60}},
		{ID: "bp", Kind: grid.RuleFall, Severity: "red", AckMinutes: 5},
		{Kind: grid.RuleIncidenceRise, Severity: grid.AlertNotice, Notify: []grid.Recipient{grid.RecipientFamily},
			Incidence: &grid.IncidenceRule{RisePercent: 0, Level: healthedu.LevelTownship, Diseases: []grid.Disease{"plague"},
				Actions: []grid.Action{grid.ActionPreventionPush}, TargetGroups: []healthedu.TargetGroup{"elderly"}}},
		{ID: "quiet", Kind: grid.RuleNoOuting, Severity: grid.AlertWarning, Notify: []grid.Recipient{grid.RecipientGridWorker}},
	}
	want := []issueSummary{
		{"error", "alert.recipient", "/0/notify/0", map[string]any{"recipient": "target-group", "kind": "blood-pressure"}},
		{"error", "alert.paramsUnexpected", "/0/noOuting", map[string]any{"kind": "blood-pressure", "field": "noOuting"}},
		{"error", "alert.threshold", "/0/bloodPressure/diastolic", map[string]any{"field": "diastolic", "value": 0}},
		{"error", "alert.threshold", "/0/bloodPressure/urgentSystolic", map[string]any{"field": "urgentSystolic", "value": 130}},
		{"error", "alert.ruleDuplicate", "/1/id", map[string]any{"value": "bp"}},
		{"error", "value.invalid", "/1/severity", nil},
		{"error", "grid.required", "/1/notify", map[string]any{"field": "notify"}},
		{"error", "grid.required", "/1/escalateTo", map[string]any{"field": "escalateTo"}},
		{"error", "grid.required", "/2/id", map[string]any{"field": "id"}},
		{"error", "alert.recipient", "/2/notify/0", map[string]any{"recipient": "family", "kind": "incidence-rise"}},
		{"error", "alert.threshold", "/2/incidence/risePercent", map[string]any{"field": "risePercent", "value": 0}},
		{"error", "value.invalid", "/2/incidence/diseases/0", nil},
		{"error", "alert.paramsMissing", "/3/noOuting", map[string]any{"kind": "no-outing", "field": "noOuting"}},
	}
	if diff := cmp.Diff(want, summarize(grid.ValidateRules(bad))); diff != "" {
		t.Errorf("ValidateRules (-want +got):\n%s", diff)
	}
	f := newFixture(t)
	_, err := grid.NewEngine(f.reg, bad)
	var re *healthedu.IssuesError
	if !errors.As(err, &re) || len(re.Issues) != len(want) {
		t.Errorf("NewEngine(bad rules) = %v", err)
	}
	if _, err := grid.NewEngine(f.reg, grid.DefaultRules(), grid.WithTolerance(12*time.Hour)); err == nil {
		t.Errorf("NewEngine with a 12h tolerance: no error")
	}
}

func TestEngineFigures(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(8 * time.Hour)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, at, 150, 80) // 65-79, closed in October
	h.observe(t, "r-alone", grid.ReadingBloodPressure, at, 150, 80)
	h.observe(t, "r-medonly", grid.ReadingFall, at, 0, 0) // 65-79
	h.now = at.Add(time.Hour)
	if err := h.e.Close(1, "D1"); err != nil {
		t.Fatal(err)
	}
	// r-alone has not gone out for 12 hours; r-medonly has not either, but
	// does not share with the community.
	h.advance(at.Add(12 * time.Hour))
	h.observe(t, "r-bp", grid.ReadingBloodPressure, t0.AddDate(0, 1, 0), 150, 80) // November
	figures := func(p string) map[string]int64 {
		got := map[string]int64{}
		for _, v := range h.e.Figures(healthedu.MustParsePeriod(p)) {
			if v.Division != testDivision {
				t.Errorf("%s: value %+v outside the grid's division", p, v)
			}
			if v.Value != 0 {
				got[v.Element] = v.Value
			}
		}
		return got
	}
	want := map[string]int64{
		grid.ElementAlertsRaised:               4,
		grid.ElementOpenAlerts(grid.Age80Plus): 2, // blood pressure and no outing
		grid.ElementOpenAlerts(grid.Age65To79): 1, // the fall; the blood pressure was closed
	}
	if diff := cmp.Diff(want, figures("202510")); diff != "" {
		t.Errorf("Figures(202510) (-want +got):\n%s", diff)
	}
	want = map[string]int64{
		grid.ElementAlertsRaised:               1,
		grid.ElementOpenAlerts(grid.Age80Plus): 2,
		grid.ElementOpenAlerts(grid.Age65To79): 2,
	}
	if diff := cmp.Diff(want, figures("202511")); diff != "" {
		t.Errorf("Figures(202511) (-want +got):\n%s", diff)
	}
}

func TestRuleResponsible(t *testing.T) {
	got := map[string][]grid.Recipient{}
	for _, r := range grid.DefaultRules() {
		got[r.ID] = r.Responsible()
	}
	want := map[string][]grid.Recipient{
		"blood-pressure":   {grid.RecipientFamilyDoctor, grid.RecipientHealthCentre},
		"no-outing":        {grid.RecipientGridWorker, grid.RecipientGridLeader},
		"fall":             {grid.RecipientEmergencyTeam, grid.RecipientGridLeader}, // not the family
		"respiratory-rise": {grid.RecipientTargetGroup},                             // no staff: the channel
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Responsible (-want +got):\n%s", diff)
	}
	onlyFamily := grid.Rule{Notify: []grid.Recipient{grid.RecipientFamily}}
	if diff := cmp.Diff([]grid.Recipient{grid.RecipientFamily}, onlyFamily.Responsible()); diff != "" {
		t.Errorf("a rule that tells only the family (-want +got):\n%s", diff)
	}
}

// TestAcknowledgeAs: each recipient's acknowledgement is its own; the
// family's does not stop the escalation of a fall, the emergency team's
// does; only the responsible may close.
func TestAcknowledgeAs(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	at := t0.Add(8 * time.Hour)
	h.observe(t, "r-alone", grid.ReadingFall, at, 0, 0) // alert 1: the family acknowledges only
	h.observe(t, "r-bp", grid.ReadingFall, at, 0, 0)    // alert 2: the family, then the emergency team
	h.now = at.Add(2 * time.Minute)
	for _, tt := range []struct {
		name string
		err  error
		want error
	}{
		{"the family acknowledges 1", h.e.AcknowledgeAs(1, grid.RecipientFamily, "h02"), nil},
		{"the family acknowledges 1 again", h.e.AcknowledgeAs(1, grid.RecipientFamily, "h02"), grid.ErrAlertAcknowledged},
		{"the family closes 1", h.e.CloseAs(1, grid.RecipientFamily, "h02"), grid.ErrNotResponsible},
		{"a grid worker, whom falls do not tell", h.e.AcknowledgeAs(1, grid.RecipientGridWorker, "W1"), grid.ErrNotRecipient},
		{"a recipient that is none", h.e.AcknowledgeAs(1, "", "W1"), grid.ErrNotRecipient},
		{"nobody", h.e.AcknowledgeAs(1, grid.RecipientFamily, ""), grid.ErrNoActor},
		{"unknown", h.e.CloseAs(9, grid.RecipientEmergencyTeam, "E1"), grid.ErrUnknownAlert},
		{"the family acknowledges 2", h.e.AcknowledgeAs(2, grid.RecipientFamily, "h03"), nil},
		{"the emergency team acknowledges 2", h.e.AcknowledgeAs(2, grid.RecipientEmergencyTeam, "E1"), nil},
		{"a second member of the team acknowledges 2", h.e.AcknowledgeAs(2, grid.RecipientEmergencyTeam, "E2"), nil},
	} {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	h.sent = nil
	h.advance(at.Add(10 * time.Minute))
	var escalated []grid.AlertID
	for _, n := range h.sent {
		if n.Reason == grid.NotifyEscalated {
			escalated = append(escalated, n.Alert)
		}
	}
	if diff := cmp.Diff([]grid.AlertID{1}, escalated); diff != "" {
		t.Errorf("escalated (-want +got):\n%s", diff)
	}
	a1, _ := h.e.Alert(1)
	ack := at.Add(2 * time.Minute)
	if diff := cmp.Diff([]grid.Acknowledgement{{By: "h02", Recipient: grid.RecipientFamily, At: ack}}, a1.Acknowledgements); diff != "" || !a1.Acknowledged.IsZero() {
		t.Errorf("alert 1: Acknowledged %v; acknowledgements (-want +got):\n%s", a1.Acknowledged, diff)
	}
	a2, _ := h.e.Alert(2)
	want2 := []grid.Acknowledgement{
		{By: "h03", Recipient: grid.RecipientFamily, At: ack},
		{By: "E1", Recipient: grid.RecipientEmergencyTeam, At: ack},
		{By: "E2", Recipient: grid.RecipientEmergencyTeam, At: ack},
	}
	if diff := cmp.Diff(want2, a2.Acknowledgements); diff != "" || a2.AcknowledgedBy != "E1" || !a2.Acknowledged.Equal(ack) {
		t.Errorf("alert 2: acknowledged by %q at %v; acknowledgements (-want +got):\n%s", a2.AcknowledgedBy, a2.Acknowledged, diff)
	}

	// The grid leader, told on escalation, is responsible for alert 1 and closes it.
	h.now = at.Add(15 * time.Minute)
	if err := h.e.CloseAs(1, grid.RecipientGridLeader, "L1"); err != nil {
		t.Fatal(err)
	}
	a1, _ = h.e.Alert(1)
	if a1.IsOpen() || a1.ClosedBy != "L1" || a1.AcknowledgedBy != "L1" || len(a1.Acknowledgements) != 2 {
		t.Errorf("alert 1 closed: %+v", a1)
	}
	if err := h.e.AcknowledgeAs(1, grid.RecipientEmergencyTeam, "E1"); !errors.Is(err, grid.ErrAlertClosed) {
		t.Errorf("acknowledging a closed alert: %v", err)
	}
}

// TestActingAfterWithdrawal: a recipient whose class the resident's
// authorisation no longer covers may not act on the alert.
func TestActingAfterWithdrawal(t *testing.T) {
	h := newHarness(t, grid.DefaultRules())
	withdraw := t0.Add(12 * time.Hour)
	h.observe(t, "r-bp", grid.ReadingBloodPressure, withdraw.Add(-time.Hour), 150, 80)
	mustAdd(t, h.reg, &grid.Resident{Header: header(grid.KindResident, "r-bp"), Household: "h03", CitizenID: citizenID(t, 2),
		AgeBand: grid.Age65To79, Authorisation: grid.Authorisation{Community: true, Medical: false, At: withdraw}})
	h.now = withdraw
	if err := h.e.AcknowledgeAs(1, grid.RecipientFamilyDoctor, "D1"); !errors.Is(err, grid.ErrWithheld) {
		t.Errorf("AcknowledgeAs after the withdrawal: %v", err)
	}
	if err := h.e.CloseAs(1, grid.RecipientFamilyDoctor, "D1"); !errors.Is(err, grid.ErrWithheld) {
		t.Errorf("CloseAs after the withdrawal: %v", err)
	}
	h.now = withdraw.Add(-time.Nanosecond)
	if err := h.e.AcknowledgeAs(1, grid.RecipientFamilyDoctor, "D1"); err != nil {
		t.Errorf("AcknowledgeAs the instant before: %v", err)
	}
}
