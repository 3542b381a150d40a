package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of data approval in the intake (数据审核问题代码),
// registered like those of codes.go. What the rules of approval refuse
// has the library's codes approval.* (see approvals.go); these are what
// the platform refuses before asking them.
const (
	codeApprovalField   = "intake.approvalUnknownField"
	codeApprovalDataSet = "intake.approvalDataSet"
	codeApprovalUnit    = "intake.approvalUnit"
	codeApprovedValue   = "intake.approvedValue"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeApprovalField, Severity: e, Params: []string{"field"},
			Meaning: "the body of a step of approval holds a member other than division, period, dataSet, action and reason",
			ZhHans:  "请求内容中的字段“%[1]v”无法识别：只能有 division、period、dataSet、action 和 reason",
			ZhHant:  "請求內容中的欄位「%[1]v」無法識別：只能有 division、period、dataSet、action 和 reason",
			En:      "Unknown field %[1]v in the request body: it may hold division, period, dataSet, action and reason only"},
		healthedu.CodeDef{Code: codeApprovalDataSet, Severity: e, Params: []string{"value"},
			Meaning: "a step of approval or a read of approvals names a data set other than monthlyReport, the only one the platform approves",
			ZhHans:  "本平台只审核月报数据集 monthlyReport，不审核数据集“%[1]v”",
			ZhHant:  "本平台只審核月報資料集 monthlyReport，不審核資料集「%[1]v」",
			En:      "The platform approves the data set monthlyReport only, not %[1]v"},
		healthedu.CodeDef{Code: codeApprovalUnit, Severity: e, Params: []string{"division"},
			Meaning: "a step of approval names a division that is not an expected reporter (a township by default, see -reporting-level and -reporters): data are approved month by month for the divisions that report them",
			ZhHans:  "区划 %[1]v 不是应报单位：数据按应报单位（默认为乡镇、街道）逐月审核",
			ZhHant:  "區劃 %[1]v 不是應報單位：資料按應報單位（預設為鄉鎮、街道）逐月審核",
			En:      "Division %[1]v is not an expected reporter: data are approved month by month for the reporting divisions (townships by default)"},
		healthedu.CodeDef{Code: codeApprovedValue, Severity: e, Params: []string{"value"},
			Meaning: "the parameter approved of a read of indicators is not approved or accepted",
			ZhHans:  "参数 approved 应为 approved（已审核或已确认的数据）或 accepted（已确认的数据），而不是“%[1]v”",
			ZhHant:  "參數 approved 應為 approved（已審核或已確認的資料）或 accepted（已確認的資料），而不是「%[1]v」",
			En:      "Parameter approved must be approved (data approved or accepted) or accepted (data accepted), not %[1]v"},
	)
}
