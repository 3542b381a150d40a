package main

import (
	"time"

	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// kindCaseReport is the kind of a case report record (病例报告), which
// this server adds to grid's kinds so that case reports go through
// healthedu's decoder and validator like every other record, with an ID
// that makes a resubmission recognisable.
const kindCaseReport healthedu.Kind = "caseReport"

// caseReport is a grid.CaseReport as a record: cases of a communicable
// disease in a division, for the incidence rules.
type caseReport struct {
	healthedu.Header
	Division healthedu.DivisionCode `json:"division"`                                    // 现住址区划
	Disease  grid.Disease           `json:"disease"`                                     // 病种
	At       time.Time              `json:"at"`                                          // 发病/诊断时间
	Cases    int64                  `json:"cases" jsonschema:"minimum=1,maximum=100000"` // 病例数
}

// Check reports a division that v's registry lacks ("division.unknown")
// and a time after v.Now ("time.future").
func (c *caseReport) Check(v *healthedu.Validator) []healthedu.Issue {
	var issues []healthedu.Issue
	if c.Division.IsValid() && !v.KnownDivision(c.Division) {
		issues = append(issues, healthedu.NewIssue("division.unknown", healthedu.Pointer("division"),
			map[string]any{"value": c.Division.Short()}))
	}
	if !v.Now.IsZero() && c.At.After(v.Now) {
		issues = append(issues, healthedu.NewIssue("time.future", healthedu.Pointer("at"), map[string]any{
			"value": c.At.Format(time.RFC3339),
			"now":   v.Now.In(healthedu.ChinaStandardTime).Format(time.RFC3339),
		}))
	}
	return issues
}

// report returns the case report the engine observes.
func (c *caseReport) report() grid.CaseReport {
	return grid.CaseReport{Division: c.Division, Disease: c.Disease, At: c.At, Cases: c.Cases}
}

func init() {
	healthedu.RegisterKind(healthedu.KindInfo{
		Kind:  kindCaseReport,
		Names: [3]string{"病例报告", "病例報告", "case report"},
		New:   func() healthedu.Record { return new(caseReport) },
	})
	healthedu.RegisterCodes(
		healthedu.CodeDef{
			Code:     "endpoint.kind",
			Severity: healthedu.SeverityError,
			Params:   []string{"value", "endpoint"},
			Meaning:  "A record of a kind that this endpoint of the grid server does not take; endpoint names the one that does.",
			ZhHans:   "此接口不接收“%[1]v”类记录，请提交到 %[2]v",
			ZhHant:   "此介面不接收「%[1]v」類記錄，請提交到 %[2]v",
			En:       "Records of kind \"%[1]v\" are not taken here; send them to %[2]v",
		},
		healthedu.CodeDef{
			Code:     "record.citizenIdInText",
			Severity: healthedu.SeverityError,
			Meaning:  "A citizen ID number outside a resident's citizenId member, such as a record ID chosen as one; the server would keep and show it in clear.",
			ZhHans:   "记录中公民身份号码字段以外的位置（如记录标识）出现了身份证号，为保护个人信息不予接收，请改用其他标识",
			ZhHant:   "記錄中公民身分號碼欄位以外的位置（如記錄識別碼）出現了身分證號，為保護個人資料不予接收，請改用其他識別碼",
			En:       "A citizen ID number appears outside the citizenId field (for instance as a record ID); to protect it the record is refused: use another identifier",
		},
		healthedu.CodeDef{
			Code:     "reading.unknownResident",
			Severity: healthedu.SeverityError,
			Meaning:  "A device reading whose resident pseudonym is not in the register.",
			ZhHans:   "该居民假名未登记，请先提交居民档案",
			ZhHant:   "該居民假名未登記，請先提交居民檔案",
			En:       "No registered resident has this pseudonym; submit the resident's record first",
		},
		healthedu.CodeDef{
			Code:     "reading.rejected",
			Severity: healthedu.SeverityError,
			Params:   []string{"reason"},
			Meaning:  "A device reading the alert engine refused; reason is the engine's, in English.",
			ZhHans:   "设备读数未被受理：%[1]v",
			ZhHant:   "設備讀數未被受理：%[1]v",
			En:       "The device reading was refused: %[1]v",
		},
		healthedu.CodeDef{
			Code:     "caseReport.rejected",
			Severity: healthedu.SeverityError,
			Params:   []string{"reason"},
			Meaning:  "A case report the alert engine refused; reason is the engine's, in English.",
			ZhHans:   "病例报告未被受理：%[1]v",
			ZhHant:   "病例報告未被受理：%[1]v",
			En:       "The case report was refused: %[1]v",
		},
	)
}
