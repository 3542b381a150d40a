package healthedu

import "time"

// Binding records that a resident bound to an instructor in the
// mini-program by scanning the instructor's QR code (小程序绑定). Residents
// bound against the binding target is the pilot's weak spot, so provinces
// count them.
type Binding struct {
	Header
	// Division is the statistical division code where the resident lives
	// (居住地区划代码).
	Division DivisionCode `json:"division"`
	// Resident is the resident who bound (居民).
	Resident BoundResident `json:"resident"`
	// Instructor is who the resident bound to (指导员).
	Instructor Instructor `json:"instructor"`
	// BoundAt is when the binding was made (绑定时间).
	BoundAt time.Time `json:"boundAt"`
	// UnboundAt is when the resident unbound, if they did (解绑时间).
	UnboundAt *time.Time `json:"unboundAt,omitempty"`
	// Via is how the binding was made (绑定方式): by scanning the
	// instructor's signed binding code, which the platform verified before
	// it named the instructor (see package roster), or with staff's help.
	// Optional: bindings recorded before it was introduced leave it out.
	Via BindingVia `json:"via,omitempty"`
}

// BoundResident is the resident side of a binding (绑定居民).
type BoundResident struct {
	// CitizenID is the resident's citizen ID number (公民身份号码), read to
	// link bindings and never stored in clear.
	CitizenID CitizenID `json:"citizenId"`
	// Consent is the resident's data authorisation (数据授权), when given.
	Consent *Consent `json:"consent,omitempty"`
}

// Instructor is a health instructor, family doctor or project
// administrator that residents bind to (健康指导员).
type Instructor struct {
	// ID is the instructor's identifier in the mini-program (指导员编号).
	ID string `json:"id" jsonschema:"minLength=1,maxLength=64"`
	// Name is the instructor's name (姓名).
	Name string `json:"name,omitempty" jsonschema:"maxLength=50"`
	// Role is the instructor's role (身份).
	Role InstructorRole `json:"role"`
	// Division is the statistical division code of the instructor's level
	// and area (所属区划): prefecture, county, township or village.
	Division DivisionCode `json:"division"`
}

// RecordDivision returns the division the resident lives in.
func (b *Binding) RecordDivision() DivisionCode { return b.Division }

// RecordPeriod returns the month of the binding's latest event in China
// Standard Time — the binding, or the unbinding when it is given and later
// — so that an unbinding can be reported after the month of the binding
// has closed, and the pointer to that event's time, "/boundAt" or
// "/unboundAt".
func (b *Binding) RecordPeriod() (Period, string) {
	last, path := b.BoundAt, "/boundAt"
	if b.UnboundAt != nil && b.UnboundAt.After(last) {
		last, path = *b.UnboundAt, "/unboundAt"
	}
	return PeriodOf(PeriodMonth, last), path
}
