package main

import "github.com/jiceng/jiceng/healthedu"

// The issue codes of the rectification ledger in the intake (整改台账问题代码),
// registered like those of codes.go.
const (
	codeActorDivision = "intake.actorDivision"
	codeItemFields    = "intake.itemFields"
	codeItemStored    = "intake.itemStored"
	codeBoolParam     = "intake.boolParam"
	codeTooManyItems  = "intake.tooManyItems"
)

func init() {
	e := healthedu.SeverityError
	healthedu.RegisterCodes(
		healthedu.CodeDef{Code: codeActorDivision, Severity: e, Params: []string{"value", "scope"},
			Meaning: "a change of status that a submission adds to a rectification item names an actor at another division than the token's",
			ZhHans:  "新增处理记录的操作人所属区划 %[1]v 应为本令牌所属区划 %[2]v",
			ZhHant:  "新增處理記錄的操作人所屬區劃 %[1]v 應為本權杖所屬區劃 %[2]v",
			En:      "the actor of a new change of status acts at division %[1]v, not at the token's division %[2]v"},
		healthedu.CodeDef{Code: codeItemFields, Severity: e, Params: []string{"field", "division"},
			Meaning: "an update of a rectification item changes its problem, owner, deadline or target, which only a verifier above the item's division, or the division that opened it, may change",
			ZhHans:  "整改事项的“%[1]v”只能由区划 %[2]v 的上级或立项单位修改",
			ZhHant:  "整改事項的「%[1]v」只能由區劃 %[2]v 的上級或立項單位修改",
			En:      "the %[1]v of the item may be changed only by a level above division %[2]v or by the division that opened the item"},
		healthedu.CodeDef{Code: codeItemStored, Severity: e, Params: []string{"id"},
			Meaning: "the stored rectification item of the same id cannot be read, so that an update cannot be merged into it",
			ZhHans:  "已登记的整改事项“%[1]v”无法读取，暂不能更新",
			ZhHant:  "已登記的整改事項「%[1]v」無法讀取，暫不能更新",
			En:      "the stored rectification item %[1]v cannot be read, so it cannot be updated"},
		healthedu.CodeDef{Code: codeBoolParam, Severity: e, Params: []string{"name", "value"},
			Meaning: "a query parameter that is true or false has another value",
			ZhHans:  "参数 %[1]v 应为 true 或 false，而不是“%[2]v”",
			ZhHant:  "參數 %[1]v 應為 true 或 false，而不是「%[2]v」",
			En:      "parameter %[1]v must be true or false, not %[2]v"},
		healthedu.CodeDef{Code: codeTooManyItems, Severity: e, Params: []string{"count", "limit"},
			Meaning: "a read of the rectification ledger selects more items than -max-rows",
			ZhHans:  "所选整改事项共 %[1]v 条，超过上限 %[2]v 条，请缩小区划范围或增加筛选条件",
			ZhHant:  "所選整改事項共 %[1]v 條，超過上限 %[2]v 條，請縮小區劃範圍或增加篩選條件",
			En:      "the read selects %[1]v rectification items, more than the limit of %[2]v; narrow the division or filter by status"},
	)
}
