package grid_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// FuzzValidateRules loads alert rules from JSON, as a platform would, and
// checks that ValidateRules and NewEngine never panic and agree: an engine
// is built exactly when the rules have no error.
func FuzzValidateRules(f *testing.F) {
	def, err := json.Marshal(grid.DefaultRules())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(def)
	f.Add([]byte(`[{"id":"bp","kind":"blood-pressure","severity":"urgent","notify":["family-doctor","grid-worker"],"bloodPressure":{"systolic":160,"diastolic":100}}]`))
	f.Add([]byte(`[{"id":"q","kind":"no-outing","severity":"warning","notify":["target-group"],"noOuting":{"minutes":0},"incidence":{}}]`))
	f.Add([]byte(`[{"id":"i","kind":"incidence-rise","severity":"notice","notify":["target-group"],"incidence":{"diseases":["influenza"],"risePercent":30,"level":"county","actions":["prevention-push"],"targetGroups":["elderly"]}}]`))
	reg := newFixture(f).reg
	f.Fuzz(func(t *testing.T, data []byte) {
		var rules []grid.Rule
		if json.Unmarshal(data, &rules) != nil {
			return
		}
		errs := 0
		for _, is := range grid.ValidateRules(rules) {
			if is.Severity == healthedu.SeverityError {
				errs++
			}
			if _, ok := healthedu.LookupCode(is.Code); !ok {
				t.Errorf("unregistered code %s", is.Code)
			}
		}
		e, err := grid.NewEngine(reg, rules)
		if (err == nil) != (errs == 0) {
			t.Fatalf("NewEngine error %v with %d error issues", err, errs)
		}
		if e != nil {
			e.Advance()
		}
	})
}

// FuzzEngine drives an engine with a stream of events decoded from the
// input, five bytes each, and checks its invariants: no panic, at most one
// open alert per resident (or division and disease) and rule, and every
// notification allowed by the resident's authorisation at the moment it
// was sent, with medical values for medical recipients only.
func FuzzEngine(f *testing.F) {
	f.Add([]byte{0, 0, 150, 80, 10, 1, 0, 0, 0, 200, 2, 1, 0, 0, 5, 4, 0, 0, 0, 255})
	f.Add([]byte{0, 1, 185, 70, 1, 0, 1, 120, 80, 1, 5, 1, 0, 0, 0, 6, 1, 0, 0, 0})
	f.Add([]byte{3, 0, 3, 0, 100, 3, 1, 9, 0, 200, 3, 2, 12, 0, 200, 4, 0, 0, 0, 255, 4, 0, 0, 0, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		h := newHarness(t, grid.DefaultRules(), grid.WithTolerance(30*time.Minute))
		h.now = t0
		names := propertyResidents
		for len(data) >= 5 {
			op, who, a, b, dt := data[0], names[int(data[1])%len(names)], int(data[2]), int(data[3]), time.Duration(data[4])
			data = data[5:]
			at := h.now.Add(dt*5*time.Minute - 30*time.Minute) // up to half an hour late
			h.now = h.now.Add(dt * 5 * time.Minute)
			var err error
			switch op % 7 {
			case 0:
				err = h.e.Observe(grid.Reading{Resident: h.p[who], Kind: grid.ReadingBloodPressure, At: at, Systolic: a, Diastolic: b})
			case 1:
				err = h.e.Observe(grid.Reading{Resident: h.p[who], Kind: grid.ReadingOuting, At: at})
			case 2:
				err = h.e.Observe(grid.Reading{Resident: h.p[who], Kind: grid.ReadingFall, At: at})
			case 3:
				err = h.e.ObserveCase(grid.CaseReport{Division: testDivision, Disease: grid.DiseaseInfluenza, At: at, Cases: int64(b%4 + 1)})
			case 4:
				h.e.Advance()
			case 5:
				err = h.e.Acknowledge(grid.AlertID(a%8), "D1")
			case 6:
				err = h.e.Close(grid.AlertID(a%8), "D1")
			}
			_ = err // invalid readings and actions are errors, not panics
		}
		open := map[string]int{}
		for _, a := range h.e.OpenAlerts() {
			key := a.Rule + a.Resident.String() + a.Division.String() + string(a.Disease)
			if open[key]++; open[key] > 1 {
				t.Fatalf("two open alerts of rule %s about the same subject", a.Rule)
			}
		}
		for _, n := range h.sent {
			if n.Resident.IsZero() {
				continue
			}
			auth := h.reg.Authorisation(n.Resident, n.At)
			class := n.Recipient.Class()
			if class == grid.ClassMedical && !auth.Medical || class == grid.ClassCommunity && !auth.Community {
				t.Fatalf("notification to %s without consent: %+v", n.Recipient, n)
			}
			if class != grid.ClassMedical && !n.BloodPressure.IsZero() {
				t.Fatalf("medical values to %s", n.Recipient)
			}
		}
	})
}
