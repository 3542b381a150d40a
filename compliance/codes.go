package compliance

//go:generate go run ../internal/issuecodes -out ../docs/issue-codes.md

import "github.com/jiceng/jiceng/healthedu"

func init() {
	healthedu.RegisterCodes(codeDefs...)
}

// codeDefs are the issue codes of the compliance check (服务规范达标) and of
// norms tables. The rules' issues are warnings: falling short of a
// national minimum is reported, not rejected. Their paths point into the
// JSON of an [Institution]: "/measures/3", "/boards/0", "/type".
var codeDefs = []healthedu.CodeDef{
	{
		Code:     "compliance.printedKinds",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "required", "norm", "months"},
		Meaning:  "An institution offered fewer kinds of printed materials this year than the norm asks, pro-rated to the months over (norm: the yearly minimum; months: the months over, 12 for a year over).",
		ZhHans:   "本年度提供印刷资料%[1]v种，少于规范要求的%[2]v种（全年不少于%[3]v种，按已过%[4]v个月折算）",
		ZhHant:   "本年度提供印刷資料%[1]v種，少於規範要求的%[2]v種（全年不少於%[3]v種，按已過%[4]v個月折算）",
		En:       "%[1]v kinds of printed materials this year, fewer than the %[2]v the norm asks (at least %[3]v a year, pro-rated to %[4]v months over)",
	},
	{
		Code:     "compliance.audioVisualKinds",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "required", "norm", "months"},
		Meaning:  "An institution played fewer kinds of audio-visual materials this year than the norm asks, pro-rated to the months over.",
		ZhHans:   "本年度播放音像资料%[1]v种，少于规范要求的%[2]v种（全年不少于%[3]v种，按已过%[4]v个月折算）",
		ZhHant:   "本年度播放影音資料%[1]v種，少於規範要求的%[2]v種（全年不少於%[3]v種，按已過%[4]v個月折算）",
		En:       "%[1]v kinds of audio-visual materials played this year, fewer than the %[2]v the norm asks (at least %[3]v a year, pro-rated to %[4]v months over)",
	},
	{
		Code:     "compliance.boards",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "required"},
		Meaning:  "An institution has fewer bulletin boards of the norm's area than the norm asks (a board counts when the year's records show it, and is not known to be too small).",
		ZhHans:   "健康教育宣传栏%[1]v个，少于规范要求的%[2]v个",
		ZhHant:   "健康教育宣傳欄%[1]v個，少於規範要求的%[2]v個",
		En:       "%[1]v health education bulletin boards, fewer than the %[2]v the norm asks",
	},
	{
		Code:     "compliance.boardArea",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"board", "area", "minimum"},
		Meaning:  "A bulletin board's area, as its latest record gives it, is below the norm's (areas in m²).",
		ZhHans:   "宣传栏“%[1]v”面积%[2]v平方米，小于规范要求的%[3]v平方米",
		ZhHant:   "宣傳欄「%[1]v」面積%[2]v平方公尺，小於規範要求的%[3]v平方公尺",
		En:       "Bulletin board \"%[1]v\" has an area of %[2]v m², less than the %[3]v m² the norm asks",
	},
	{
		Code:     "compliance.boardChangeGap",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"board", "from", "to", "days", "months"},
		Meaning:  "A bulletin board's content was not changed within the norm's months of the start of the year or of its previous change: the longest such late interval, from a change (or 1 January) to the next change (or the end of the period checked).",
		ZhHans:   "宣传栏“%[1]v”自%[2]v至%[3]v共%[4]v天未更换内容，超过规范要求的每%[5]v个月至少更换1次",
		ZhHant:   "宣傳欄「%[1]v」自%[2]v至%[3]v共%[4]v天未更換內容，超過規範要求的每%[5]v個月至少更換1次",
		En:       "Bulletin board \"%[1]v\" went %[4]v days without a change of content, from %[2]v to %[3]v: the norm asks for a change at least every %[5]v months",
	},
	{
		Code:     "compliance.lectures",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "required", "norm", "months"},
		Meaning:  "An institution held fewer health knowledge lectures this year than the norm asks, pro-rated to the months over.",
		ZhHans:   "本年度举办健康知识讲座%[1]v次，少于规范要求的%[2]v次（全年不少于%[3]v次，按已过%[4]v个月折算）",
		ZhHant:   "本年度舉辦健康知識講座%[1]v次，少於規範要求的%[2]v次（全年不少於%[3]v次，按已過%[4]v個月折算）",
		En:       "%[1]v health lectures this year, fewer than the %[2]v the norm asks (at least %[3]v a year, pro-rated to %[4]v months over)",
	},
	{
		Code:     "compliance.lectureGap",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"count", "periods", "months"},
		Meaning:  "Periods over (months for centres, two-month periods such as 202502B for March–April for stations) in which an institution held no health knowledge lecture.",
		ZhHans:   "%[1]v个考核时段没有举办健康知识讲座：%[2]v（规范要求每%[3]v个月至少1次）",
		ZhHant:   "%[1]v個考核時段沒有舉辦健康知識講座：%[2]v（規範要求每%[3]v個月至少1次）",
		En:       "Periods without a health lecture (%[1]v): %[2]v; the norm asks for at least one in every period of %[3]v month(s)",
	},
	{
		Code:     "compliance.consultations",
		Severity: healthedu.SeverityWarning,
		Params:   []string{"value", "required", "norm", "months"},
		Meaning:  "An institution held fewer public health consultation events this year than the norm asks, pro-rated to the months over (the minimum is unconfirmed).",
		ZhHans:   "本年度开展公众健康咨询活动%[1]v次，少于规范要求的%[2]v次（全年不少于%[3]v次，按已过%[4]v个月折算）",
		ZhHant:   "本年度開展公眾健康諮詢活動%[1]v次，少於規範要求的%[2]v次（全年不少於%[3]v次，按已過%[4]v個月折算）",
		En:       "%[1]v public health consultations this year, fewer than the %[2]v the norm asks (at least %[3]v a year, pro-rated to %[4]v months over)",
	},
	{
		Code:     "compliance.typeConflict",
		Severity: healthedu.SeverityInformation,
		Params:   []string{"value", "types"},
		Meaning:  "An institution's records (or the platform's register) give it more than one type; the type of its latest record is used.",
		ZhHans:   "该机构的记录填报了多种机构类型（%[2]v），按最近一条记录的类型“%[1]v”考核",
		ZhHant:   "該機構的記錄填報了多種機構類型（%[2]v），按最近一筆記錄的類型「%[1]v」考核",
		En:       "The institution's records give it several types (%[2]v): it is checked as \"%[1]v\", the type of its latest record",
	},
	{
		Code:     "compliance.unnamedMaterial",
		Severity: healthedu.SeverityInformation,
		Params:   []string{"form", "count"},
		Meaning:  "Activities of the printed-materials or audio-visual form name no material; together they count as one kind.",
		ZhHans:   "%[2]v条活动形式为“%[1]v”的记录没有填写资料编号，合并计为1种资料",
		ZhHant:   "%[2]v筆活動形式為「%[1]v」的記錄沒有填寫資料編號，合併計為1種資料",
		En:       "%[2]v \"%[1]v\" activities name no material: together they count as one kind",
	},
	{
		Code:     "compliance.unnamedBoard",
		Severity: healthedu.SeverityInformation,
		Params:   []string{"count"},
		Meaning:  "Bulletin-board activities name no board; together they count as the changes of one board, whose id is empty.",
		ZhHans:   "%[1]v条更换宣传栏内容的记录没有填写宣传栏编号，合并计为1个宣传栏",
		ZhHant:   "%[1]v筆更換宣傳欄內容的記錄沒有填寫宣傳欄編號，合併計為1個宣傳欄",
		En:       "%[1]v changes of bulletin board content name no board: together they count as one board",
	},

	// Norms tables (规范要求表).
	{
		Code:     "compliance.normsSource",
		Severity: healthedu.SeverityError,
		Meaning:  "A norms table does not name the document its norms come from (source.title).",
		ZhHans:   "规范要求表未填写依据文件名称",
		ZhHant:   "規範要求表未填寫依據文件名稱",
		En:       "The norms table does not name the document its norms come from",
	},
	{
		Code:     "compliance.normsClass",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A norms table names a class other than centre and station.",
		ZhHans:   "机构类别“%[1]v”无效，应为centre（乡镇卫生院、社区卫生服务中心）或station（村卫生室、社区卫生服务站）",
		ZhHant:   "機構類別「%[1]v」無效，應為centre（鄉鎮衛生院、社區衛生服務中心）或station（村衛生室、社區衛生服務站）",
		En:       "Class \"%[1]v\" is not valid: it must be centre (township health centres, community health service centres) or station (village clinics, community health service stations)",
	},
	{
		Code:     "compliance.normsOrganizerType",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A norms table assigns a value that is not an organizer type, or a type already in a class.",
		ZhHans:   "机构类型“%[1]v”不是有效的机构类型，或已归入其他类别",
		ZhHant:   "機構類型「%[1]v」不是有效的機構類型，或已歸入其他類別",
		En:       "Organizer type \"%[1]v\" is not a valid type, or is already in a class",
	},
	{
		Code:     "compliance.normsRule",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A norms table names a rule that the check does not know.",
		ZhHans:   "规范条目“%[1]v”无效",
		ZhHant:   "規範條目「%[1]v」無效",
		En:       "Rule \"%[1]v\" is not valid",
	},
	{
		Code:     "compliance.normsUnit",
		Severity: healthedu.SeverityError,
		Params:   []string{"value", "expected"},
		Meaning:  "A norm's unit is not its rule's.",
		ZhHans:   "单位“%[1]v”与规范条目不符，应为“%[2]v”",
		ZhHant:   "單位「%[1]v」與規範條目不符，應為「%[2]v」",
		En:       "Unit \"%[1]v\" does not fit the rule: it must be \"%[2]v\"",
	},
	{
		Code:     "compliance.normsValue",
		Severity: healthedu.SeverityError,
		Params:   []string{"value", "rule"},
		Meaning:  "A norm's value is outside what its rule allows (boardChangeGap 1 to 12 months; lectureGap 1, 2, 3, 4, 6 or 12 months; counts 0 to 1000; boards 0 to 100; boardArea 0 to 100,000 dm²).",
		ZhHans:   "要求值%[1]v超出规范条目“%[2]v”允许的范围",
		ZhHant:   "要求值%[1]v超出規範條目「%[2]v」允許的範圍",
		En:       "Value %[1]v is outside what rule \"%[2]v\" allows",
	},
	{
		Code:     "compliance.normsDuplicate",
		Severity: healthedu.SeverityError,
		Params:   []string{"class", "rule"},
		Meaning:  "A norms table gives the norm of a class and rule twice.",
		ZhHans:   "机构类别“%[1]v”的规范条目“%[2]v”重复填写",
		ZhHant:   "機構類別「%[1]v」的規範條目「%[2]v」重複填寫",
		En:       "The norm of rule \"%[2]v\" for class \"%[1]v\" is given twice",
	},
}
