package healthedu

// The table of every code in docs/issue-codes.md is generated from the
// registry; a test of internal/issuecodes fails when it is stale.
//go:generate go run ../internal/issuecodes -out ../docs/issue-codes.md

func init() {
	RegisterCodes(issueCodeDefs...)
}

// issueCodeDefs are the issue codes of package healthedu: those of its
// parsers, each with the offending input as param "value" (masked by the
// parser for a citizen ID number), and the generic ones.
//
// The messages are self-contained in each language: they name the field
// and quote the value, so that a county clerk who reads only the message
// can find and correct the entry. zh-Hans quotes with “”, zh-Hant with 「」.
var issueCodeDefs = []CodeDef{
	// Statistical division codes (统计用区划代码).
	{
		Code:     "division.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A division code holds a character other than a digit.",
		ZhHans:   "区划代码“%[1]v”只能由数字组成",
		ZhHant:   "區劃代碼「%[1]v」只能由數字組成",
		En:       "Division code \"%[1]v\" must consist of digits only",
	},
	{
		Code:     "division.length",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A division code has neither 2, 4, 6, 9 nor 12 digits.",
		ZhHans:   "区划代码“%[1]v”的位数有误，应为2、4、6、9或12位",
		ZhHant:   "區劃代碼「%[1]v」的位數不正確，應為 2、4、6、9 或 12 位",
		En:       "Division code \"%[1]v\" has the wrong number of digits: it must have 2, 4, 6, 9 or 12",
	},
	{
		Code:     "division.structure",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A division code breaks a rule of the national scheme: no such province, a level under a zero level, a township or village number out of 001–599.",
		ZhHans:   "区划代码“%[1]v”不符合编码规则，请检查省级代码和各级编号",
		ZhHant:   "區劃代碼「%[1]v」不符合編碼規則，請檢查省級代碼和各級編號",
		En:       "Division code \"%[1]v\" breaks the rules of the coding scheme: check its province part and the numbers of its levels",
	},
	{
		Code:     "division.unknown",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A well-formed division code is not in the division registry.",
		ZhHans:   "区划代码“%[1]v”不在区划代码表中，请核对是否填错或已撤销",
		ZhHant:   "區劃代碼「%[1]v」不在區劃代碼表中，請核對是否填錯或已撤銷",
		En:       "Division code \"%[1]v\" is not in the division registry: check that it is typed right and still in use",
	},
	{
		Code:     "division.level",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A division level is none of province, city, county, township and village.",
		ZhHans:   "区划级别“%[1]v”无效，应为province、city、county、township或village",
		ZhHant:   "區劃層級「%[1]v」無效，應為 province、city、county、township 或 village",
		En:       "Division level \"%[1]v\" is unknown: want province, city, county, township or village",
	},

	// Citizen ID numbers (公民身份号码), GB 11643.
	{
		Code:     "citizenId.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A citizen ID number holds a character other than a digit, or an X elsewhere than last.",
		ZhHans:   "公民身份号码“%[1]v”含有不允许的字符：只能是数字，最后一位可以是X",
		ZhHant:   "公民身份號碼「%[1]v」含有不允許的字元：只能是數字，最後一碼可以是 X",
		En:       "Citizen ID number \"%[1]v\" holds a character that is not allowed: only digits, and X as the last character",
	},
	{
		Code:     "citizenId.length",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A citizen ID number has neither 18 characters nor the 15 digits of the old form.",
		ZhHans:   "公民身份号码“%[1]v”的位数有误，应为18位（旧式号码为15位）",
		ZhHant:   "公民身份號碼「%[1]v」的位數不正確，應為 18 碼（舊式號碼為 15 碼）",
		En:       "Citizen ID number \"%[1]v\" has the wrong length: it must have 18 characters (15 digits in the old form)",
	},
	{
		Code:     "citizenId.checksum",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A citizen ID number's last character is not its check digit (ISO 7064 MOD 11-2).",
		ZhHans:   "公民身份号码“%[1]v”的校验码不正确，请核对是否录错",
		ZhHant:   "公民身份號碼「%[1]v」的檢查碼不符，請核對是否輸入錯誤",
		En:       "Citizen ID number \"%[1]v\" fails its check digit: check it for typing errors",
	},
	{
		Code:     "citizenId.birthDate",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "The birth date inside a citizen ID number does not exist or is before 1900.",
		ZhHans:   "公民身份号码“%[1]v”中的出生日期无效：日期不存在或早于1900年",
		ZhHant:   "公民身份號碼「%[1]v」中的出生日期無效：日期不存在或早於 1900 年",
		En:       "Citizen ID number \"%[1]v\" holds an invalid birth date: it does not exist or is before 1900",
	},
	{
		Code:     "citizenId.future",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "The birth date inside a citizen ID number is later than the date of validation.",
		ZhHans:   "公民身份号码“%[1]v”中的出生日期晚于当前日期",
		ZhHant:   "公民身份號碼「%[1]v」中的出生日期晚於目前日期",
		En:       "Citizen ID number \"%[1]v\" holds a birth date in the future",
	},
	{
		Code:     "citizenId.area",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "The address code (first six digits) of a citizen ID number names no province-level division.",
		ZhHans:   "公民身份号码“%[1]v”的地址码（前6位）无效",
		ZhHant:   "公民身份號碼「%[1]v」的地址碼（前 6 碼）無效",
		En:       "Citizen ID number \"%[1]v\" has an invalid address code (its first six digits)",
	},
	{
		Code:     "pseudonym.length",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A citizen ID pseudonym does not have 64 hexadecimal digits.",
		ZhHans:   "身份假名“%[1]v”的位数有误，应为64位十六进制数字",
		ZhHant:   "身份假名「%[1]v」的位數不正確，應為 64 位十六進位數字",
		En:       "Pseudonym \"%[1]v\" has the wrong length: it must have 64 hexadecimal digits",
	},
	{
		Code:     "pseudonym.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A citizen ID pseudonym holds a character other than a hexadecimal digit.",
		ZhHans:   "身份假名“%[1]v”含有不允许的字符：只能是十六进制数字0–9、a–f",
		ZhHant:   "身份假名「%[1]v」含有不允許的字元：只能是十六進位數字 0–9、a–f",
		En:       "Pseudonym \"%[1]v\" holds a character that is not allowed: only hexadecimal digits 0–9 and a–f",
	},

	// Unified social credit codes (统一社会信用代码), GB 32100.
	{
		Code:     "creditCode.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A credit code holds a character other than a digit or a letter other than I, O, Z, S and V.",
		ZhHans:   "统一社会信用代码“%[1]v”含有不允许的字符：只能是数字和英文字母（不含I、O、Z、S、V）",
		ZhHant:   "統一社會信用代碼「%[1]v」含有不允許的字元：只能是數字和英文字母（不含 I、O、Z、S、V）",
		En:       "Unified social credit code \"%[1]v\" holds a character that is not allowed: only digits and letters other than I, O, Z, S and V",
	},
	{
		Code:     "creditCode.length",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A credit code does not have 18 characters.",
		ZhHans:   "统一社会信用代码“%[1]v”的位数有误，应为18位",
		ZhHant:   "統一社會信用代碼「%[1]v」的位數不正確，應為 18 碼",
		En:       "Unified social credit code \"%[1]v\" has the wrong length: it must have 18 characters",
	},
	{
		Code:     "creditCode.checksum",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A credit code's last character is not its check character (GB 32100).",
		ZhHans:   "统一社会信用代码“%[1]v”的校验码不正确，请核对是否录错",
		ZhHant:   "統一社會信用代碼「%[1]v」的檢查碼不符，請核對是否輸入錯誤",
		En:       "Unified social credit code \"%[1]v\" fails its check character: check it for typing errors",
	},
	{
		Code:     "creditCode.structure",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A credit code's registration authority or institution category is not defined, or positions 3–8 are not six digits.",
		ZhHans:   "统一社会信用代码“%[1]v”的结构有误：登记管理部门、机构类别或行政区划部分无效",
		ZhHant:   "統一社會信用代碼「%[1]v」的結構不正確：登記管理機關、機構類別或行政區劃部分無效",
		En:       "Unified social credit code \"%[1]v\" is malformed: its registration authority, institution type or area part is not valid",
	},

	// Mobile phone numbers (手机号码).
	{
		Code:     "mobile.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A mobile number holds a character other than digits, a leading + and single spaces or hyphens between groups, or one of those misplaced.",
		ZhHans:   "手机号码“%[1]v”含有不允许的字符，或空格、短横线、加号的位置不对",
		ZhHant:   "手機號碼「%[1]v」含有不允許的字元，或空格、連字號、加號的位置不正確",
		En:       "Mobile number \"%[1]v\" holds a character that does not belong, or a misplaced +, space or hyphen",
	},
	{
		Code:     "mobile.length",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A mobile number does not have 11 digits after the country code.",
		ZhHans:   "手机号码“%[1]v”的位数有误，应为11位",
		ZhHant:   "手機號碼「%[1]v」的位數不正確，應為 11 碼",
		En:       "Mobile number \"%[1]v\" has the wrong number of digits: it must have 11",
	},
	{
		Code:     "mobile.prefix",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A mobile number does not begin with 13–19, or has a country code other than +86.",
		ZhHans:   "手机号码“%[1]v”不是中国大陆手机号码：应以13至19开头，国家代码只能是+86",
		ZhHant:   "手機號碼「%[1]v」不是中國大陸手機號碼：應以 13 至 19 開頭，國碼只能是 +86",
		En:       "Mobile number \"%[1]v\" is not a mainland China mobile number: it must begin with 13 to 19, after the country code +86 if any",
	},

	// Periods (报告期) in DHIS2 notation.
	{
		Code:     "period.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A period is not written in one of the DHIS2 forms 2025, 2025S1, 2025Q3, 202509B, 202510, 2025W42, 20251017.",
		ZhHans:   "报告期“%[1]v”的写法有误，应写成如2025、2025S1、2025Q3、202509B、202510、2025W42或20251017",
		ZhHant:   "報告期「%[1]v」的寫法不正確，應寫成如 2025、2025S1、2025Q3、202509B、202510、2025W42 或 20251017",
		En:       "Period \"%[1]v\" is not written in a known form, such as 2025, 2025S1, 2025Q3, 202509B, 202510, 2025W42 or 20251017",
	},
	{
		Code:     "period.range",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A period is well written but names none: a year outside 1900–9999, a month 13, a quarter 5, a bi-month starting in an even month (202502B), a week 53 of a year with 52, a day that does not exist.",
		ZhHans:   "报告期“%[1]v”不存在：年份、半年、季度、双月、月份、周次或日期超出范围",
		ZhHant:   "報告期「%[1]v」不存在：年份、半年、季度、雙月、月份、週次或日期超出範圍",
		En:       "Period \"%[1]v\" does not exist: its year, half-year, quarter, bi-month, month, week or day is out of range",
	},
	{
		Code:     "periodType.unknown",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A period type is none of year, half-year, quarter, bi-month, month, week and day.",
		ZhHans:   "报告期类型“%[1]v”无效，应为year、half-year、quarter、bi-month、month、week或day",
		ZhHant:   "報告期類型「%[1]v」無效，應為 year、half-year、quarter、bi-month、month、week 或 day",
		En:       "Period type \"%[1]v\" is unknown: want year, half-year, quarter, bi-month, month, week or day",
	},

	// Dates (日期) and decimal numbers (数值).
	{
		Code:     "date.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A date is not written YYYY-MM-DD.",
		ZhHans:   "日期“%[1]v”的写法有误，应写成“年-月-日”，如2025-10-17",
		ZhHant:   "日期「%[1]v」的寫法不正確，應寫成「年-月-日」，如 2025-10-17",
		En:       "Date \"%[1]v\" is not written as YYYY-MM-DD, such as 2025-10-17",
	},
	{
		Code:     "date.range",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A date is written YYYY-MM-DD but does not exist, such as 2025-02-29.",
		ZhHans:   "日期“%[1]v”不存在",
		ZhHant:   "日期「%[1]v」不存在",
		En:       "Date \"%[1]v\" does not exist",
	},
	{
		Code:     "decimal.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A value is not a decimal number.",
		ZhHans:   "“%[1]v”不是有效的数值",
		ZhHant:   "「%[1]v」不是有效的數值",
		En:       "\"%[1]v\" is not a decimal number",
	},
	{
		Code:     "decimal.range",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A decimal number is out of range or has more than 18 significant digits or 9 decimals.",
		ZhHans:   "数值“%[1]v”超出范围：最多18位有效数字、9位小数",
		ZhHant:   "數值「%[1]v」超出範圍：最多 18 位有效數字、9 位小數",
		En:       "Number \"%[1]v\" is out of range: at most 18 significant digits and 9 decimals",
	},

	// Generic codes.
	{
		Code:     "value.invalid",
		Severity: SeverityError,
		Meaning:  "A value is not valid, for a reason without a code of its own.",
		ZhHans:   "该项的值无效",
		ZhHant:   "此欄位的值無效",
		En:       "The value is not valid",
	},
	{
		Code:     "pointer.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A JSON Pointer does not start with / or holds a ~ not followed by 0 or 1 (RFC 6901).",
		ZhHans:   "JSON指针“%[1]v”的写法有误：应以/开头，~后只能是0或1",
		ZhHant:   "JSON 指標「%[1]v」的寫法不正確：應以 / 開頭，~ 之後只能是 0 或 1",
		En:       "JSON Pointer \"%[1]v\" is malformed: it must start with / and a ~ must be followed by 0 or 1",
	},
	{
		Code:     "language.syntax",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A language tag is not well-formed (BCP 47).",
		ZhHans:   "语言代码“%[1]v”的写法有误，应写成如zh-Hans、zh-Hant或en",
		ZhHant:   "語言代碼「%[1]v」的寫法不正確，應寫成如 zh-Hans、zh-Hant 或 en",
		En:       "Language tag \"%[1]v\" is malformed: write zh-Hans, zh-Hant or en",
	},
	{
		Code:     "language.unsupported",
		Severity: SeverityError,
		Params:   []string{"value"},
		Meaning:  "A language is none of zh-Hans, zh-Hant and en, nor served by one of them.",
		ZhHans:   "不支持语言“%[1]v”，可选简体中文（zh-Hans）、繁体中文（zh-Hant）或英文（en）",
		ZhHant:   "不支援語言「%[1]v」，可選簡體中文（zh-Hans）、繁體中文（zh-Hant）或英文（en）",
		En:       "Language \"%[1]v\" is not supported: choose Simplified Chinese (zh-Hans), Traditional Chinese (zh-Hant) or English (en)",
	},
	{
		Code:     issueUnregistered,
		Severity: SeverityError,
		Params:   []string{"code"},
		Meaning:  "An issue was reported with a code that is not registered: a bug in jiceng.",
		ZhHans:   "程序内部错误：问题代码“%[1]v”未登记",
		ZhHant:   "程式內部錯誤：問題代碼「%[1]v」未登錄",
		En:       "Internal error: issue code \"%[1]v\" is not registered",
	},
}
