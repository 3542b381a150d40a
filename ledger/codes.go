package ledger

import "github.com/jiceng/jiceng/healthedu"

func init() {
	healthedu.RegisterCodes(ledgerCodeDefs...)
}

// ledgerCodeDefs are the issue codes of package ledger: what is wrong with
// a rectification item or an update of one, and the problems that
// [Propose] finds (severity information, kept in an item's finding).
var ledgerCodeDefs = []healthedu.CodeDef{
	// The rectification item (整改事项).
	{
		Code:     "ledger.required",
		Severity: healthedu.SeverityError,
		Params:   []string{"field"},
		Meaning:  "A required field of a rectification item or of a change of its status is missing or empty.",
		ZhHans:   "缺少必填项“%[1]v”",
		ZhHant:   "缺少必填欄位「%[1]v」",
		En:       "Required field \"%[1]v\" is missing",
	},
	{
		Code:     "ledger.sourceMissing",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A rectification item's source gives neither the period nor the date it came from.",
		ZhHans:   "问题来源应注明所属期或日期",
		ZhHant:   "問題來源應註明所屬期或日期",
		En:       "The source must give the period or the date it came from",
	},
	{
		Code:     "ledger.sourcePeriod",
		Severity: healthedu.SeverityError,
		Params:   []string{"type", "value"},
		Meaning:  "A monthly notification's period is not a month, or a weekly dispatch's not an ISO week.",
		ZhHans:   "来源“%[1]v”的所属期“%[2]v”不符：月通报应为月份，周调度应为周",
		ZhHant:   "來源「%[1]v」的所屬期「%[2]v」不符：月通報應為月份，週調度應為週",
		En:       "Period \"%[2]v\" does not fit source \"%[1]v\": a monthly notification is for a month, a weekly dispatch for a week",
	},
	{
		Code:     "ledger.ownerMissing",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A rectification item's owner gives neither an institution's credit code nor a role.",
		ZhHans:   "责任主体应注明责任单位统一社会信用代码或责任岗位",
		ZhHant:   "責任主體應註明責任單位統一社會信用代碼或責任崗位",
		En:       "The owner must give the responsible institution's credit code or a role",
	},
	{
		Code:     "ledger.targetWithoutIndicator",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A rectification item gives a target value but no indicator it is a target of.",
		ZhHans:   "填写了整改目标值，但未注明相关指标",
		ZhHant:   "填寫了整改目標值，但未註明相關指標",
		En:       "A target is given without the indicator it is for",
	},
	{
		Code:     "ledger.findingUnknown",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A rectification item's finding names an issue code that is not registered.",
		ZhHans:   "问题代码“%[1]v”未定义",
		ZhHant:   "問題代碼「%[1]v」未定義",
		En:       "Issue code \"%[1]v\" is not defined",
	},
	{
		Code:     "ledger.indicatorUnknown",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A rectification item names an indicator that is not in the platform's indicator catalogue.",
		ZhHans:   "指标“%[1]v”不在指标目录中",
		ZhHant:   "指標「%[1]v」不在指標目錄中",
		En:       "Indicator \"%[1]v\" is not in the indicator catalogue",
	},
	{
		Code:     "ledger.historyOrder",
		Severity: healthedu.SeverityError,
		Params:   []string{"value", "previous"},
		Meaning:  "A change of status of a rectification item is dated before the change listed before it.",
		ZhHans:   "处理记录时间%[1]v早于上一条记录的时间%[2]v",
		ZhHant:   "處理紀錄時間 %[1]v 早於上一筆紀錄的時間 %[2]v",
		En:       "The change at %[1]v is dated before the one listed before it, at %[2]v",
	},
	{
		Code:     "ledger.historyStart",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "The first change of status of a rectification item does not open it.",
		ZhHans:   "第一条处理记录应为“待整改”，而不是“%[1]v”",
		ZhHant:   "第一筆處理紀錄應為「待整改」，而不是「%[1]v」",
		En:       "The first change must open the item (open), not \"%[1]v\"",
	},
	{
		Code:     "ledger.actorOutside",
		Severity: healthedu.SeverityError,
		Params:   []string{"value", "division"},
		Meaning:  "An actor's division neither contains the item's division nor lies within it: the actor is neither on the owner's side nor a verifier.",
		ZhHans:   "操作人所属区划%[1]v与整改事项所在区划%[2]v无隶属关系",
		ZhHant:   "操作人所屬區劃 %[1]v 與整改事項所在區劃 %[2]v 無隸屬關係",
		En:       "The actor's division %[1]v neither contains the item's division %[2]v nor lies within it",
	},
	{
		Code:     "ledger.transition",
		Severity: healthedu.SeverityError,
		Params:   []string{"from", "to"},
		Meaning:  "A change of a rectification item's status that the status machine does not allow (see ledger.Allowed).",
		ZhHans:   "整改状态不能由“%[1]v”变更为“%[2]v”",
		ZhHant:   "整改狀態不能由「%[1]v」變更為「%[2]v」",
		En:       "The status cannot change from \"%[1]v\" to \"%[2]v\"",
	},
	{
		Code:     "ledger.verifierOnly",
		Severity: healthedu.SeverityError,
		Params:   []string{"from", "to"},
		Meaning:  "A change that only a verifier, at a division strictly containing the item's, may make (verifying or reopening) was made by the owner's side.",
		ZhHans:   "由“%[1]v”变更为“%[2]v”须由上级核验人员操作",
		ZhHant:   "由「%[1]v」變更為「%[2]v」須由上級核驗人員操作",
		En:       "Only a verifier at a higher level may change the status from \"%[1]v\" to \"%[2]v\"",
	},
	{
		Code:     "ledger.ownerOnly",
		Severity: healthedu.SeverityError,
		Params:   []string{"from", "to"},
		Meaning:  "A change that only the owner's side, at the item's division or within it, may make (rectifying) was made by a verifier.",
		ZhHans:   "由“%[1]v”变更为“%[2]v”须由整改责任方操作",
		ZhHant:   "由「%[1]v」變更為「%[2]v」須由整改責任方操作",
		En:       "Only the owner's side may change the status from \"%[1]v\" to \"%[2]v\"",
	},
	{
		Code:     "ledger.statusMismatch",
		Severity: healthedu.SeverityError,
		Params:   []string{"status", "last"},
		Meaning:  "A rectification item's status is not the status of the last entry of its history.",
		ZhHans:   "整改状态“%[1]v”与最后一条处理记录的状态“%[2]v”不一致",
		ZhHant:   "整改狀態「%[1]v」與最後一筆處理紀錄的狀態「%[2]v」不一致",
		En:       "Status \"%[1]v\" differs from that of the last change, \"%[2]v\"",
	},
	{
		Code:     "ledger.citizenId",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "An actor's identifier has the shape of a citizen ID number, or free text of a rectification item holds one: the ledger names staff by account, never by citizen ID.",
		ZhHans:   "此处不得填写公民身份号码，请使用工作人员账号或编号",
		ZhHant:   "此處不得填寫公民身分號碼，請使用工作人員帳號或編號",
		En:       "No citizen ID number may be given here: use a staff account or number",
	},

	// Merging updates (合并更新).
	{
		Code:     "ledger.immutable",
		Severity: healthedu.SeverityError,
		Params:   []string{"field"},
		Meaning:  "An update of a rectification item changes a field that is fixed when the item is opened (division, source).",
		ZhHans:   "整改事项的“%[1]v”立项后不能更改",
		ZhHant:   "整改事項的「%[1]v」立項後不能更改",
		En:       "Field \"%[1]v\" of a rectification item cannot change once it is opened",
	},
	{
		Code:     "ledger.idMismatch",
		Severity: healthedu.SeverityError,
		Params:   []string{"stored", "incoming"},
		Meaning:  "An update was merged into a rectification item with another ID.",
		ZhHans:   "更新的整改事项“%[2]v”与已登记的“%[1]v”不是同一事项",
		ZhHant:   "更新的整改事項「%[2]v」與已登記的「%[1]v」不是同一事項",
		En:       "Update \"%[2]v\" is not the same item as \"%[1]v\"",
	},

	// Problems found automatically (自动发现的问题).
	{
		Code:     "ledger.belowTarget",
		Severity: healthedu.SeverityInformation,
		Params:   []string{"indicator", "period", "value", "direction", "target", "gap"},
		Meaning:  "Found by Propose: a division's value of an indicator misses its target (direction ≥ or ≤, the target pro-rated for a period in progress).",
		ZhHans:   "%[2]v“%[1]v”为%[3]v，未达到目标值（%[4]v%[5]v），差距%[6]v",
		ZhHant:   "%[2]v「%[1]v」為 %[3]v，未達到目標值（%[4]v%[5]v），差距 %[6]v",
		En:       "%[1]v in %[2]v is %[3]v, missing its target (%[4]v %[5]v) by %[6]v",
	},
	{
		Code:     "ledger.reportMissing",
		Severity: healthedu.SeverityInformation,
		Params:   []string{"period", "missing", "expected"},
		Meaning:  "Found by Propose: monthly reports expected of a division for a period that is due were not received.",
		ZhHans:   "%[1]v月报应报%[3]v份，缺报%[2]v份，请尽快补报",
		ZhHant:   "%[1]v 月報應報 %[3]v 份，缺報 %[2]v 份，請儘快補報",
		En:       "%[2]v of the %[3]v monthly reports due for %[1]v are missing: send them",
	},
}
