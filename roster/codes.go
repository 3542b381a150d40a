package roster

import "github.com/jiceng/jiceng/healthedu"

func init() {
	healthedu.RegisterCodes(rosterCodeDefs...)
	healthedu.RegisterCodes(bindingCodeDefs...)
}

// rosterCodeDefs are the issue codes of the register's records and of the
// checks a [Register] makes across them.
var rosterCodeDefs = []healthedu.CodeDef{
	{
		Code:     "roster.levelMismatch",
		Severity: healthedu.SeverityError,
		Params:   []string{"level", "division"},
		Meaning:  "An instructor's or a lecture team's level is not the level of its division (州 is city, 县 county, 乡 township, 村 village).",
		ZhHans:   "层级“%[1]v”与所属区划%[2]v的级别不符",
		ZhHant:   "層級「%[1]v」與所屬區劃 %[2]v 的級別不符",
		En:       "Level \"%[1]v\" is not the level of division %[2]v",
	},
	{
		Code:     "roster.assessedBeforeTrained",
		Severity: healthedu.SeverityError,
		Params:   []string{"assessedOn", "trainedOn"},
		Meaning:  "An instructor is dated as assessed before being trained.",
		ZhHans:   "考核日期%[1]v早于培训日期%[2]v",
		ZhHant:   "考核日期 %[1]v 早於培訓日期 %[2]v",
		En:       "Assessed on %[1]v, before being trained on %[2]v",
	},
	{
		Code:     "roster.citizenIdWithPseudonym",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "An instructor gives both a citizen ID number and a pseudonym: the pseudonym replaces the number, the two are never stored together.",
		ZhHans:   "公民身份号码与其假名不能同时填写：假名化后只保留假名",
		ZhHant:   "公民身分號碼與其假名不能同時填寫：假名化後只保留假名",
		En:       "A citizen ID number and a pseudonym cannot both be given: the pseudonym replaces the number",
	},
	{
		Code:     "roster.citizenId",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "An identifier of the register has the shape of a citizen ID number, or a name holds one: people are identified by the platform's pseudonymous ids.",
		ZhHans:   "此处不得填写公民身份号码，请使用平台分配的编号",
		ZhHant:   "此處不得填寫公民身分號碼，請使用平台分配的編號",
		En:       "No citizen ID number may be given here: use the identifier the platform assigned",
	},
	{
		Code:     "roster.duplicatePool",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "An expert lists the same expert pool twice.",
		ZhHans:   "专家库“%[1]v”重复填写",
		ZhHant:   "專家庫「%[1]v」重複填寫",
		En:       "Expert pool \"%[1]v\" is listed twice",
	},
	{
		Code:     "roster.teamEmpty",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A lecture team lists no expert and no instructor.",
		ZhHans:   "宣讲队伍应至少有一名专家或指导员成员",
		ZhHant:   "宣講隊伍應至少有一名專家或指導員成員",
		En:       "A lecture team must have at least one expert or instructor",
	},
	{
		Code:     "roster.leaderNotMember",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A lecture team's leader is not among its experts or instructors.",
		ZhHans:   "队长“%[1]v”不在队伍成员中",
		ZhHant:   "隊長「%[1]v」不在隊伍成員中",
		En:       "Leader \"%[1]v\" is not a member of the team",
	},

	// Across records: what a Register finds.
	{
		Code:     "roster.instructorUnknown",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A lecture team or a binding names an instructor that the register does not hold.",
		ZhHans:   "花名册中没有编号为“%[1]v”的指导员",
		ZhHant:   "花名冊中沒有編號為「%[1]v」的指導員",
		En:       "The register holds no instructor \"%[1]v\"",
	},
	{
		Code:     "roster.expertUnknown",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A lecture team or an activity's speaker names an expert that the register does not hold.",
		ZhHans:   "花名册中没有编号为“%[1]v”的专家",
		ZhHant:   "花名冊中沒有編號為「%[1]v」的專家",
		En:       "The register holds no expert \"%[1]v\"",
	},
	{
		Code:     "roster.teamUnknown",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "An expert names a lecture team that the register does not hold.",
		ZhHans:   "花名册中没有编号为“%[1]v”的宣讲队伍",
		ZhHant:   "花名冊中沒有編號為「%[1]v」的宣講隊伍",
		En:       "The register holds no lecture team \"%[1]v\"",
	},
	{
		Code:     "roster.instructorMismatch",
		Severity: healthedu.SeverityError,
		Params:   []string{"field", "value", "registered"},
		Meaning:  "A binding describes its instructor otherwise than the register does (division or role).",
		ZhHans:   "绑定记录中指导员的“%[1]v”为“%[2]v”，与花名册登记的“%[3]v”不符",
		ZhHant:   "綁定紀錄中指導員的「%[1]v」為「%[2]v」，與花名冊登記的「%[3]v」不符",
		En:       "The binding gives the instructor's %[1]v as \"%[2]v\", the register \"%[3]v\"",
	},
}
