package roster

import (
	"errors"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// BindingRequest is what a resident's scan submits to bind to an
// instructor (扫码绑定请求): the scanned binding code and the resident's
// side of the binding. Its JSON form is the body of a platform's
// POST /v1/bindings.
type BindingRequest struct {
	// ID is the identifier of the binding record to make (记录标识).
	ID string `json:"id"`
	// Code is the scanned binding code (绑定码), the URL of the
	// instructor's QR code.
	Code string `json:"code"`
	// Division is the statistical division code where the resident lives
	// (居住地区划代码).
	Division healthedu.DivisionCode `json:"division"`
	// Resident is the resident who binds (居民).
	Resident healthedu.BoundResident `json:"resident"`
	// BoundAt is when the resident scanned the code (绑定时间).
	BoundAt time.Time `json:"boundAt"`
}

// BindingFromCode makes the binding a resident asks for by scanning an
// instructor's binding code (扫码绑定): it verifies the code with v, looks
// the instructor it names up with lookup — [Register.Instructor], or a
// platform's own query — and returns a binding record that names the
// instructor as the register has them (id, name, first role, division),
// made via healthedu.BindingViaCode.
//
// A code that does not verify is refused with its [CodeError]'s issue at
// "/code", and an instructor lookup does not find with
// roster.instructorUnknown there; the binding is then nil. The binding
// returned is not yet validated: the caller validates it as any record
// (healthedu.Validator.Validate), which checks the resident's division
// against the instructor's area, the time and the citizen ID.
func BindingFromCode(req BindingRequest, v *Verifier, lookup func(id string) (*Instructor, bool)) (*healthedu.Binding, []healthedu.Issue) {
	id, err := v.Verify(req.Code)
	if err != nil {
		if ce, ok := errors.AsType[*CodeError](err); ok {
			return nil, []healthedu.Issue{ce.Issue("/code")}
		}
		return nil, []healthedu.Issue{healthedu.NewIssue("bindingCode.malformed", "/code", nil)}
	}
	in, ok := lookup(id)
	if !ok || in == nil {
		return nil, []healthedu.Issue{healthedu.NewIssue("roster.instructorUnknown", "/code", map[string]any{"value": id})}
	}
	var role healthedu.InstructorRole
	if len(in.Roles) > 0 {
		role = in.Roles[0]
	}
	return &healthedu.Binding{
		Header:   healthedu.Header{SchemaVersion: healthedu.SchemaVersion, Kind: healthedu.KindBinding, ID: req.ID},
		Division: req.Division,
		Resident: req.Resident,
		Instructor: healthedu.Instructor{
			ID:       in.ID,
			Name:     in.Name,
			Role:     role,
			Division: in.Division,
		},
		BoundAt: req.BoundAt,
		Via:     healthedu.BindingViaCode,
	}, nil
}
