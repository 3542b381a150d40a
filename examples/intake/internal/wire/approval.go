package wire

import (
	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// ApprovalRequest is the body of POST /v1/approvals (审核操作): one step
// of approval on the data of a division for a month. Who takes it comes
// from the bearer token (its division, role and identifier), when from
// the server's clock, and the digest of the data from the reports
// stored: the request names only the key, the action and the reason.
type ApprovalRequest struct {
	Division healthedu.DivisionCode `json:"division"`
	Period   healthedu.Period       `json:"period"`
	// DataSet is the data set approved; empty means
	// approval.DataSetMonthlyReport, the only one the platform approves.
	DataSet string          `json:"dataSet,omitempty"`
	Action  approval.Action `json:"action"`
	// Reason says why (原因、意见): required to return, a remark otherwise.
	Reason string `json:"reason,omitempty"`
}

// Approval is the approval of a division's month as the API answers it
// (审核记录): the library's approval.Approval — key, state, digest of the
// data approved and every step — with the division's name and whether
// the data changed after it was approved (Stale), which then no longer
// counts. A division not yet submitted has no state member and an empty
// history.
type Approval struct {
	approval.Approval
	Name string `json:"name"`
	// Stale reports that the data changed after the approval or
	// acceptance (审核后数据已变动): a later change needs a new approval.
	Stale bool `json:"stale"`
}

// Approvals is the answer of GET /v1/approvals (审核状态): the approval of
// each reporting division within Under for Period — every one the
// registry lists, submitted or not, and every other that has an
// approval — in the order of their codes, with the count by state.
type Approvals struct {
	Under   Division         `json:"under"`
	Period  healthedu.Period `json:"period"`
	DataSet string           `json:"dataSet"`
	// Count is the number of divisions listed in each state, with
	// "unsubmitted" for those never submitted.
	Count     map[string]int `json:"count"`
	Approvals []Approval     `json:"approvals"`
}
