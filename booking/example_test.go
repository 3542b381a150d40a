package booking_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/jiceng/jiceng/booking"
	"github.com/jiceng/jiceng/healthedu"
)

// ExampleKinds decodes a lecture request submitted as JSON, as a platform
// receives it, and validates it: the county declined a request the
// township had scheduled, without saying why.
func ExampleKinds() {
	const doc = `{"schemaVersion": "1", "kind": "lectureRequest", "id": "lc-gl-dc-2025-031",
	 "division": "371502001",
	 "requester": {"type": "community", "name": "古楼街道东关社区居委会", "contact": "13800138000"},
	 "topics": ["hypertension", "falls"],
	 "requestedAt": "2025-10-30T09:15:00+08:00",
	 "status": "declined",
	 "schedule": {"expert": "lc-expert-0412", "activity": "lc-gl-2025-1105-01", "date": "2025-11-05"},
	 "history": [
	  {"at": "2025-10-30T09:15:00+08:00", "status": "requested", "actor": {"division": "371502001", "id": "gl-dongguan"}},
	  {"at": "2025-10-31T10:00:00+08:00", "status": "scheduled", "actor": {"division": "371502001", "id": "gl-zhang"}},
	  {"at": "2025-11-03T09:00:00+08:00", "status": "declined", "actor": {"division": "371502", "id": "dcf-jiaoyu"}}
	 ]}`
	d := healthedu.NewDecoder(strings.NewReader(doc), healthedu.DecodeOptions{Kinds: booking.Kinds()})
	v := &healthedu.Validator{Now: time.Date(2025, 11, 15, 12, 0, 0, 0, healthedu.ChinaStandardTime)}
	for d.Next() {
		r := d.Decoded().Record.(*booking.LectureRequest)
		fmt.Println(r.ID, r.Requester.Contact.Masked(), r.Status.Label(healthedu.ZhHans))
		for _, is := range v.Validate(r) {
			fmt.Println(is.Code, is.Path, is.Message(healthedu.ZhHans))
		}
	}
	// Output:
	// lc-gl-dc-2025-031 138****8000 不予安排
	// booking.reasonMissing /declineReason 不予安排的点餐申请应说明原因
}

// ExampleLectureRequest_Apply takes a request from the community through
// its life: scheduled with an expert, then held. Holding it again is
// refused, in the reader's language.
func ExampleLectureRequest_Apply() {
	cst := healthedu.ChinaStandardTime
	gulou := healthedu.MustParseDivisionCode("371502001")
	community := booking.Actor{Division: gulou, Role: "requester", ID: "gl-dongguan"}
	centre := booking.Actor{Division: gulou, Role: "township-health-centre", ID: "gl-zhang"}
	nov5, _ := healthedu.NewDate(2025, 11, 5)
	v := &healthedu.Validator{Now: time.Date(2025, 11, 15, 12, 0, 0, 0, cst)}

	r := &booking.LectureRequest{
		Header:    healthedu.Header{SchemaVersion: "1", Kind: booking.KindLectureRequest, ID: "lc-gl-dc-2025-031"},
		Division:  gulou,
		Requester: booking.Requester{Type: booking.RequesterCommunity, Name: "古楼街道东关社区居委会"},
		Topics:    []healthedu.Topic{"hypertension", "falls"},
	}
	for _, u := range []booking.Update{
		{At: time.Date(2025, 10, 30, 9, 15, 0, 0, cst), Status: booking.StatusRequested, Actor: community},
		{At: time.Date(2025, 10, 31, 10, 0, 0, 0, cst), Status: booking.StatusScheduled, Actor: centre,
			Schedule: &booking.Schedule{Expert: "lc-expert-0412", Activity: "lc-gl-2025-1105-01", Date: nov5}},
		{At: time.Date(2025, 11, 5, 18, 0, 0, 0, cst), Status: booking.StatusHeld, Actor: centre,
			Held: &booking.Held{Activity: "lc-gl-2025-1105-01", Date: nov5}},
	} {
		if issues := r.Apply(v, u); issues != nil {
			fmt.Println(issues)
		}
		fmt.Println(r.Status.Label(healthedu.ZhHans), len(r.History))
	}
	again := booking.Update{At: time.Date(2025, 11, 6, 9, 0, 0, 0, cst), Status: booking.StatusHeld, Actor: centre,
		Held: &booking.Held{Activity: "lc-gl-2025-1105-01", Date: nov5}}
	for _, is := range r.Apply(v, again) {
		fmt.Println(is.Code, is.Path)
		fmt.Println(is.Message(healthedu.ZhHans))
		fmt.Println(is.Message(healthedu.English))
	}
	// Output:
	// 已申请待安排 1
	// 已安排 2
	// 已举办 3
	// booking.transition /history/3/status
	// 点餐申请状态不能由“held”变更为“held”
	// The request's status cannot change from "held" to "held"
}

// ExampleFigures turns a request made on 30 October and held on 5
// November into data values: it counts in October as a request, and in
// November as a request fulfilled, 6 days after it was made.
func ExampleFigures() {
	cst := healthedu.ChinaStandardTime
	gulou := healthedu.MustParseDivisionCode("371502001")
	actor := booking.Actor{Division: gulou, ID: "gl-zhang"}
	nov5, _ := healthedu.NewDate(2025, 11, 5)
	r := &booking.LectureRequest{
		Header:      healthedu.Header{SchemaVersion: "1", Kind: booking.KindLectureRequest, ID: "lc-gl-dc-2025-031"},
		Division:    gulou,
		Requester:   booking.Requester{Type: booking.RequesterCommunity, Name: "古楼街道东关社区居委会"},
		Topics:      []healthedu.Topic{"hypertension"},
		RequestedAt: time.Date(2025, 10, 30, 9, 15, 0, 0, cst),
		Status:      booking.StatusHeld,
		Schedule:    &booking.Schedule{Expert: "lc-expert-0412", Activity: "lc-gl-2025-1105-01", Date: nov5},
		Held:        &booking.Held{Activity: "lc-gl-2025-1105-01", Date: nov5},
		History: []booking.Event{
			{At: time.Date(2025, 10, 30, 9, 15, 0, 0, cst), Status: booking.StatusRequested, Actor: actor},
			{At: time.Date(2025, 10, 31, 10, 0, 0, 0, cst), Status: booking.StatusScheduled, Actor: actor},
			{At: time.Date(2025, 11, 5, 18, 0, 0, 0, cst), Status: booking.StatusHeld, Actor: actor},
		},
	}
	for _, v := range booking.Figures([]*booking.LectureRequest{r}, booking.FigureOptions{}) {
		if v.Value != 0 {
			fmt.Println(v)
		}
	}
	// Output:
	// lecture-requests 371502001000 202510 1
	// lecture-requests[topic=hypertension] 371502001000 202510 1
	// lecture-requests-fulfilled 371502001000 202511 1
	// lecture-request-days 371502001000 202511 6
}
