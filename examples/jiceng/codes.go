package main

import (
	"maps"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
	"golang.org/x/text/language"
)

// The issue codes of the command line (问题代码), registered with package
// healthedu like the library's own so that every message the command
// prints for people comes in the reader's language (-lang, or the locale)
// in the same three languages. Each names the flag at fault and says, in
// words, what it takes.
const (
	// The command line as a whole.
	codeCommandMissing     = "jiceng.commandMissing"
	codeCommandUnknown     = "jiceng.commandUnknown"
	codeFlagUnknown        = "jiceng.flagUnknown"
	codeFlagValueMissing   = "jiceng.flagValueMissing"
	codeFlagSyntax         = "jiceng.flagSyntax"
	codeFlagInteger        = "jiceng.flagInteger"
	codeFlagValue          = "jiceng.flagValue"
	codeArgumentUnexpected = "jiceng.argumentUnexpected"
	codeFormat             = "jiceng.format"
	codeEncoding           = "jiceng.encoding"
	codeNow                = "jiceng.now"

	// Input and output.
	codeInputMissing    = "jiceng.inputMissing"
	codeFileNotFound    = "jiceng.fileNotFound"
	codeFilePermission  = "jiceng.filePermission"
	codeFileIsDirectory = "jiceng.fileIsDirectory"
	codeFileUnreadable  = "jiceng.fileUnreadable"
	codeFileUnwritable  = "jiceng.fileUnwritable"
	codeOutputFailed    = "jiceng.outputFailed"
	codeNoRecords       = "jiceng.noRecords"
	codeInternal        = "jiceng.internal"

	// validate.
	codeSummary  = "jiceng.summary"
	codeProgress = "jiceng.progress"

	// indicators.
	codePeriodMissing           = "jiceng.periodMissing"
	codePeriod                  = "jiceng.period"
	codePeriodSyntax            = "jiceng.periodSyntax"
	codeDivision                = "jiceng.division"
	codeDivisionsMissing        = "jiceng.divisionsMissing"
	codeDivisionsExclusive      = "jiceng.divisionsExclusive"
	codeUnderNeedsLevel         = "jiceng.underNeedsLevel"
	codeLevel                   = "jiceng.level"
	codeLevelEmpty              = "jiceng.levelEmpty"
	codeLevelEmptyUnder         = "jiceng.levelEmptyUnder"
	codeIndicatorUnknown        = "jiceng.indicatorUnknown"
	codeDeadlineDay             = "jiceng.deadlineDay"
	codeReportingLevel          = "jiceng.reportingLevel"
	codeReportersExclusive      = "jiceng.reportersExclusive"
	codeReportersUnreadable     = "jiceng.reportersUnreadable"
	codeReportersLine           = "jiceng.reportersLine"
	codeReportersEmpty          = "jiceng.reportersEmpty"
	codeMappingMissing          = "jiceng.mappingMissing"
	codeMappingUnneeded         = "jiceng.mappingUnneeded"
	codeMappingUnreadable       = "jiceng.mappingUnreadable"
	codeMappingInvalid          = "jiceng.mappingInvalid"
	codeDataSetUnneeded         = "jiceng.dataSetUnneeded"
	codeRegistrationsUnneeded   = "jiceng.registrationsUnneeded"
	codeRegistrationsUnwritable = "jiceng.registrationsUnwritable"
	codeDHIS2Refused            = "jiceng.dhis2Refused"
	codeRecordSkipped           = "jiceng.recordSkipped"
	codeRecordUnusable          = "jiceng.recordUnusable"
	codeRecordIncomplete        = "jiceng.recordIncomplete"
	codeValueUnusable           = "jiceng.valueUnusable"
	codeDHIS2Unmapped           = "jiceng.dhis2Unmapped"
	codeDHIS2NoElement          = "jiceng.dhis2NoElement"
	codeDHIS2NoOrgUnit          = "jiceng.dhis2NoOrgUnit"

	// compliance.
	codePeriodYearMissing = "jiceng.periodYearMissing"
	codePeriodYear        = "jiceng.periodYear"
	codePeriodNotBegun    = "jiceng.periodNotBegun"
	codeNormsUnreadable   = "jiceng.normsUnreadable"
	codeNormsInvalid      = "jiceng.normsInvalid"
	codeNormsSyntax       = "jiceng.normsSyntax"
	codeNormsIssue        = "jiceng.normsIssue"
	codeNoActivities      = "jiceng.noActivities"
	codeComplianceSummary = "jiceng.complianceSummary"
	codeComplianceSkipped = "jiceng.complianceSkipped"

	// weekly.
	codeWeekMissing          = "jiceng.weekMissing"
	codeWeek                 = "jiceng.week"
	codeWeekNotBegun         = "jiceng.weekNotBegun"
	codeUnderNone            = "jiceng.underNone"
	codeItemRefused          = "jiceng.itemRefused"
	codeWeeklyTitle          = "jiceng.weeklyTitle"
	codeWeeklyInProgress     = "jiceng.weeklyInProgress"
	codeWeeklyProgress       = "jiceng.weeklyProgress"
	codeWeeklyOverdueReports = "jiceng.weeklyOverdueReports"
	codeWeeklyNewItems       = "jiceng.weeklyNewItems"
	codeWeeklyOverdueItems   = "jiceng.weeklyOverdueItems"
	codeWeeklyClosedItems    = "jiceng.weeklyClosedItems"
	codeWeeklyActivities     = "jiceng.weeklyActivities"
	codeWeeklyNone           = "jiceng.weeklyNone"
	codeWeeklySkipped        = "jiceng.weeklySkipped"

	// generate.
	codeMonths           = "jiceng.months"
	codeEnd              = "jiceng.end"
	codeGenerateTooEarly = "jiceng.generateTooEarly"
	codeUnderVillage     = "jiceng.underVillage"
	codeUnderNoTownship  = "jiceng.underNoTownship"

	// schemas.
	codeOutMissing     = "jiceng.outMissing"
	codeDirUnwritable  = "jiceng.dirUnwritable"
	codeSchemasWritten = "jiceng.schemasWritten"
)

// The forms of a period, as the messages about -period spell them out.
const (
	periodFormsHans = "2025（年）、2025S1（半年）、2025Q3（季度）、202509B（双月）、202509（月）、2025W38（周）或 20250915（日）"
	periodFormsHant = "2025（年）、2025S1（半年）、2025Q3（季度）、202509B（雙月）、202509（月）、2025W38（週）或 20250915（日）"
	periodFormsEn   = "2025 (year), 2025S1 (half-year), 2025Q3 (quarter), 202509B (bi-month), 202509 (month), 2025W38 (week) or 20250915 (day)"
)

func init() {
	e, w, i := healthedu.SeverityError, healthedu.SeverityWarning, healthedu.SeverityInformation
	healthedu.RegisterCodes(
		// The command line as a whole.
		healthedu.CodeDef{Code: codeCommandMissing, Severity: e,
			Meaning: "jiceng was run without a command.",
			ZhHans:  "未指定命令：jiceng 之后应写 validate、indicators、compliance、weekly、generate 或 schemas（运行 jiceng -h 查看用法）",
			ZhHant:  "未指定命令：jiceng 之後應寫 validate、indicators、compliance、weekly、generate 或 schemas（執行 jiceng -h 查看用法）",
			En:      "no command given: write validate, indicators, compliance, weekly, generate or schemas after jiceng (run jiceng -h for the usage)"},
		healthedu.CodeDef{Code: codeCommandUnknown, Severity: e, Params: []string{"value"},
			Meaning: "jiceng was run with a command it does not have.",
			ZhHans:  "没有“%[1]v”这个命令：命令应为 validate、indicators、compliance、weekly、generate 或 schemas（运行 jiceng -h 查看用法）",
			ZhHant:  "沒有「%[1]v」這個命令：命令應為 validate、indicators、compliance、weekly、generate 或 schemas（執行 jiceng -h 查看用法）",
			En:      "unknown command \"%[1]v\": want validate, indicators, compliance, weekly, generate or schemas (run jiceng -h for the usage)"},
		healthedu.CodeDef{Code: codeFlagUnknown, Severity: e, Params: []string{"command", "flag"},
			Meaning: "A command was given a flag it does not have.",
			ZhHans:  "%[1]v 没有参数 %[2]v（运行 %[1]v -h 查看全部参数）",
			ZhHant:  "%[1]v 沒有參數 %[2]v（執行 %[1]v -h 查看全部參數）",
			En:      "%[1]v has no flag %[2]v (run %[1]v -h for its flags)"},
		healthedu.CodeDef{Code: codeFlagValueMissing, Severity: e, Params: []string{"flag"},
			Meaning: "A flag that takes a value came last, without one.",
			ZhHans:  "参数 %[1]v 缺少取值：应写成“%[1]v 值”或“%[1]v=值”",
			ZhHant:  "參數 %[1]v 缺少取值：應寫成「%[1]v 值」或「%[1]v=值」",
			En:      "flag %[1]v needs a value: write \"%[1]v value\" or \"%[1]v=value\""},
		healthedu.CodeDef{Code: codeFlagSyntax, Severity: e, Params: []string{"value"},
			Meaning: "An argument starting with - is not written as a flag, such as ---x or -=x.",
			ZhHans:  "无法识别参数“%[1]v”：参数应写成“-名称”“-名称 值”或“-名称=值”",
			ZhHant:  "無法識別參數「%[1]v」：參數應寫成「-名稱」「-名稱 值」或「-名稱=值」",
			En:      "cannot read the flag \"%[1]v\": write -name, -name value or -name=value"},
		healthedu.CodeDef{Code: codeFlagInteger, Severity: e, Params: []string{"flag", "value"},
			Meaning: "A flag that takes a whole number was given something else, or a number out of range.",
			ZhHans:  "参数 %[1]v 有误：“%[2]v”不是整数，或超出了可用的范围",
			ZhHant:  "參數 %[1]v 有誤：「%[2]v」不是整數，或超出了可用的範圍",
			En:      "%[1]v: \"%[2]v\" is not a whole number, or is out of range"},
		healthedu.CodeDef{Code: codeFlagValue, Severity: e, Params: []string{"flag", "reason"},
			Meaning: "The value of a flag is not valid; reason is the message of the library's issue about it, such as language.unsupported for -lang or division.unknown for -under.",
			ZhHans:  "参数 %[1]v 有误：%[2]v",
			ZhHant:  "參數 %[1]v 有誤：%[2]v",
			En:      "%[1]v: %[2]v"},
		healthedu.CodeDef{Code: codeArgumentUnexpected, Severity: e, Params: []string{"command", "value"},
			Meaning: "A command that reads no files (generate, schemas) was given an argument that is not a flag.",
			ZhHans:  "多余的参数“%[2]v”：%[1]v 不读取文件，各项设置都以“-名称 值”给出（运行 %[1]v -h 查看用法）",
			ZhHant:  "多餘的參數「%[2]v」：%[1]v 不讀取檔案，各項設定都以「-名稱 值」給出（執行 %[1]v -h 查看用法）",
			En:      "unexpected argument \"%[2]v\": %[1]v reads no files, its settings are flags written -name value (run %[1]v -h for the usage)"},
		healthedu.CodeDef{Code: codeFormat, Severity: e, Params: []string{"value", "formats"},
			Meaning: "-format names no output format of the command; formats lists those it has.",
			ZhHans:  "参数 -format 有误：没有“%[1]v”这种输出格式，应为 %[2]v",
			ZhHant:  "參數 -format 有誤：沒有「%[1]v」這種輸出格式，應為 %[2]v",
			En:      "-format: no output format \"%[1]v\": want %[2]v"},
		healthedu.CodeDef{Code: codeEncoding, Severity: e, Params: []string{"value"},
			Meaning: "-encoding is neither utf-8 nor gb18030.",
			ZhHans:  "参数 -encoding 有误：不支持编码“%[1]v”，应为 utf-8 或 gb18030",
			ZhHant:  "參數 -encoding 有誤：不支援編碼「%[1]v」，應為 utf-8 或 gb18030",
			En:      "-encoding: no encoding \"%[1]v\": want utf-8 or gb18030"},
		healthedu.CodeDef{Code: codeNow, Severity: e, Params: []string{"value"},
			Meaning: "-now is not an instant in RFC 3339.",
			ZhHans:  "参数 -now 有误：“%[1]v”不是 RFC 3339 格式的时间，应写成如 2025-11-15T12:00:00+08:00（日期、T、时刻和时区）",
			ZhHant:  "參數 -now 有誤：「%[1]v」不是 RFC 3339 格式的時間，應寫成如 2025-11-15T12:00:00+08:00（日期、T、時刻和時區）",
			En:      "-now: \"%[1]v\" is not a time in RFC 3339: write it as 2025-11-15T12:00:00+08:00 (date, T, time of day and offset)"},

		// Input and output.
		healthedu.CodeDef{Code: codeInputMissing, Severity: e, Params: []string{"command"},
			Meaning: "validate, indicators or compliance was given no file to read.",
			ZhHans:  "未指定输入文件：请在参数之后列出要读取的文件，- 表示标准输入（运行 %[1]v -h 查看用法）",
			ZhHant:  "未指定輸入檔案：請在參數之後列出要讀取的檔案，- 表示標準輸入（執行 %[1]v -h 查看用法）",
			En:      "no input file: list the files to read after the flags, - for standard input (run %[1]v -h for the usage)"},
		healthedu.CodeDef{Code: codeFileNotFound, Severity: e, Params: []string{"file"},
			Meaning: "An input file does not exist.",
			ZhHans:  "文件 %[1]v 不存在",
			ZhHant:  "檔案 %[1]v 不存在",
			En:      "file %[1]v does not exist"},
		healthedu.CodeDef{Code: codeFilePermission, Severity: e, Params: []string{"file"},
			Meaning: "An input file may not be read by the user running the command.",
			ZhHans:  "没有读取文件 %[1]v 的权限",
			ZhHant:  "沒有讀取檔案 %[1]v 的權限",
			En:      "no permission to read file %[1]v"},
		healthedu.CodeDef{Code: codeFileIsDirectory, Severity: e, Params: []string{"file"},
			Meaning: "An input file is a directory.",
			ZhHans:  "%[1]v 是目录，不是文件",
			ZhHant:  "%[1]v 是目錄，不是檔案",
			En:      "%[1]v is a directory, not a file"},
		healthedu.CodeDef{Code: codeFileUnreadable, Severity: e, Params: []string{"file"},
			Meaning: "An input file could not be opened or read, for another reason than the three above.",
			ZhHans:  "无法读取文件 %[1]v",
			ZhHant:  "無法讀取檔案 %[1]v",
			En:      "cannot read file %[1]v"},
		healthedu.CodeDef{Code: codeFileUnwritable, Severity: e, Params: []string{"file"},
			Meaning: "The output file of generate -o could not be created or written.",
			ZhHans:  "无法写入文件 %[1]v",
			ZhHant:  "無法寫入檔案 %[1]v",
			En:      "cannot write file %[1]v"},
		healthedu.CodeDef{Code: codeOutputFailed, Severity: e,
			Meaning: "The output could not be written to standard output.",
			ZhHans:  "无法将结果写到标准输出",
			ZhHant:  "無法將結果寫到標準輸出",
			En:      "cannot write the output to standard output"},
		healthedu.CodeDef{Code: codeNoRecords, Severity: e,
			Meaning: "The files given to validate, indicators or compliance hold no record at all.",
			ZhHans:  "没有记录：输入的文件中一条记录也没有",
			ZhHant:  "沒有記錄：輸入的檔案中一筆記錄也沒有",
			En:      "no records: the input files hold none"},
		healthedu.CodeDef{Code: codeInternal, Severity: e, Params: []string{"detail"},
			Meaning: "An error the command does not expect: a bug in jiceng; detail is the error's text, in English.",
			ZhHans:  "程序内部错误，请报告此问题：%[1]v",
			ZhHant:  "程式內部錯誤，請回報此問題：%[1]v",
			En:      "internal error, please report it: %[1]v"},

		// validate.
		healthedu.CodeDef{Code: codeSummary, Severity: i, Params: []string{"records", "accepted", "rejected", "errors", "warnings"},
			Meaning: "The closing line of jiceng validate: the records read, accepted and rejected, and the errors and warnings found.",
			ZhHans:  "共 %[1]v 条记录：受理 %[2]v 条，退回 %[3]v 条；错误 %[4]v 个，警告 %[5]v 个",
			ZhHant:  "共 %[1]v 筆記錄：受理 %[2]v 筆，退回 %[3]v 筆；錯誤 %[4]v 個，警告 %[5]v 個",
			En:      "%[1]v records: %[2]v accepted, %[3]v rejected; %[4]v errors, %[5]v warnings"},
		healthedu.CodeDef{Code: codeProgress, Severity: i, Params: []string{"records"},
			Meaning: "The count of records read on the progress bar of a large file.",
			ZhHans:  "%[1]v 条记录",
			ZhHant:  "%[1]v 筆記錄",
			En:      "%[1]v records"},

		// indicators.
		healthedu.CodeDef{Code: codePeriodMissing, Severity: e,
			Meaning: "jiceng indicators was run without -period.",
			ZhHans:  "缺少参数 -period：请给出报告期，写法如 " + periodFormsHans,
			ZhHant:  "缺少參數 -period：請給出報告期，寫法如 " + periodFormsHant,
			En:      "-period is required: give the period, written " + periodFormsEn},
		healthedu.CodeDef{Code: codePeriodSyntax, Severity: e, Params: []string{"value"},
			Meaning: "-period is not written as a period.",
			ZhHans:  "参数 -period 有误：“%[1]v”不是报告期的写法，报告期应写成 " + periodFormsHans,
			ZhHant:  "參數 -period 有誤：「%[1]v」不是報告期的寫法，報告期應寫成 " + periodFormsHant,
			En:      "-period: \"%[1]v\" is not written as a period: write " + periodFormsEn},
		healthedu.CodeDef{Code: codePeriod, Severity: e, Params: []string{"reason"},
			Meaning: "-period is written as a period but names none, such as 2025Q5; reason is the message of the library's issue (period.range).",
			ZhHans:  "参数 -period 有误：%[1]v。报告期写法如 " + periodFormsHans,
			ZhHant:  "參數 -period 有誤：%[1]v。報告期寫法如 " + periodFormsHant,
			En:      "-period: %[1]v; a period is written " + periodFormsEn},
		healthedu.CodeDef{Code: codeDivision, Severity: e, Params: []string{"flag", "reason"},
			Meaning: "A flag that takes division codes (-divisions, -under) was given one that is not; reason is the message of the library's issue (division.*).",
			ZhHans:  "参数 %[1]v 有误：%[2]v。区划代码写法如 37（省）、3715（市）、371502（县）、371502001（乡镇）",
			ZhHant:  "參數 %[1]v 有誤：%[2]v。區劃代碼寫法如 37（省）、3715（市）、371502（縣）、371502001（鄉鎮）",
			En:      "%[1]v: %[2]v; division codes are written 37 (province), 3715 (city), 371502 (county), 371502001 (township)"},
		healthedu.CodeDef{Code: codeDivisionsMissing, Severity: e,
			Meaning: "jiceng indicators was given neither -divisions nor -level.",
			ZhHans:  "缺少参数：请用 -divisions 列出区划代码（以逗号分隔），或用 -level 按层级选取（可加 -under 限定范围）",
			ZhHant:  "缺少參數：請用 -divisions 列出區劃代碼（以逗號分隔），或用 -level 按層級選取（可加 -under 限定範圍）",
			En:      "-divisions or -level is required: list division codes separated by commas, or select a level (within -under)"},
		healthedu.CodeDef{Code: codeDivisionsExclusive, Severity: e,
			Meaning: "jiceng indicators was given -divisions with -level or -under.",
			ZhHans:  "-divisions 与 -level、-under 不能同时使用：要么列出区划代码，要么按层级选取",
			ZhHant:  "-divisions 與 -level、-under 不能同時使用：要麼列出區劃代碼，要麼按層級選取",
			En:      "-divisions and -level/-under exclude each other: list the divisions, or select them by level"},
		healthedu.CodeDef{Code: codeUnderNeedsLevel, Severity: e,
			Meaning: "jiceng indicators was given -under without -level.",
			ZhHans:  "-under 须与 -level 一起使用：-under 限定 -level 选取区划的范围",
			ZhHant:  "-under 須與 -level 一起使用：-under 限定 -level 選取區劃的範圍",
			En:      "-under needs -level: it narrows the divisions -level selects"},
		healthedu.CodeDef{Code: codeLevel, Severity: e, Params: []string{"value"},
			Meaning: "-level names no division level.",
			ZhHans:  "参数 -level 有误：层级“%[1]v”无效，应为 province（省）、city（市）、county（县）、township（乡镇）或 village（村）",
			ZhHant:  "參數 -level 有誤：層級「%[1]v」無效，應為 province（省）、city（市）、county（縣）、township（鄉鎮）或 village（村）",
			En:      "-level: \"%[1]v\" is not a division level: want province, city, county, township or village"},
		healthedu.CodeDef{Code: codeLevelEmpty, Severity: e, Params: []string{"level"},
			Meaning: "The registry holds no division at the level -level selects.",
			ZhHans:  "区划代码表中没有%[1]v区划",
			ZhHant:  "區劃代碼表中沒有%[1]v區劃",
			En:      "the division registry holds no division at level %[1]v"},
		healthedu.CodeDef{Code: codeLevelEmptyUnder, Severity: e, Params: []string{"level", "under"},
			Meaning: "The registry holds no division at the level -level selects within -under.",
			ZhHans:  "区划代码表中 %[2]v 之下没有%[1]v区划",
			ZhHant:  "區劃代碼表中 %[2]v 之下沒有%[1]v區劃",
			En:      "the division registry holds no division at level %[1]v under %[2]v"},
		healthedu.CodeDef{Code: codeIndicatorUnknown, Severity: e, Params: []string{"value", "codes"},
			Meaning: "-indicators names an indicator that is not in the catalogue; codes lists those that are.",
			ZhHans:  "参数 -indicators 有误：指标目录中没有“%[1]v”，指标代码应为 %[2]v",
			ZhHant:  "參數 -indicators 有誤：指標目錄中沒有「%[1]v」，指標代碼應為 %[2]v",
			En:      "-indicators: no indicator \"%[1]v\" in the catalogue: want %[2]v"},
		healthedu.CodeDef{Code: codeDeadlineDay, Severity: e, Params: []string{"value"},
			Meaning: "-deadline-day is below 1.",
			ZhHans:  "参数 -deadline-day 有误：%[1]v 不是日期，应为从 1 起的日数，如 10（当月天数较少时取最后一天）",
			ZhHant:  "參數 -deadline-day 有誤：%[1]v 不是日期，應為從 1 起的日數，如 10（當月天數較少時取最後一天）",
			En:      "-deadline-day: %[1]v is not a day of the month: want 1 or more, such as 10 (a month with fewer days takes its last)"},
		healthedu.CodeDef{Code: codeReportingLevel, Severity: e, Params: []string{"value"},
			Meaning: "jiceng indicators -reporting-level names no division level.",
			ZhHans:  "-reporting-level：填报层级“%[1]v”无效，应为province（省）、city（市）、county（县）、township（乡镇）或village（村）",
			ZhHant:  "-reporting-level：填報層級「%[1]v」無效，應為 province（省）、city（市）、county（縣）、township（鄉鎮）或 village（村）",
			En:      "-reporting-level: \"%[1]v\" is not a division level: want province, city, county, township or village"},
		healthedu.CodeDef{Code: codeReportersExclusive, Severity: e,
			Meaning: "jiceng indicators was given both -reporters and -reporting-level.",
			ZhHans:  "-reporters 与 -reporting-level 不能同时使用：名单已列出全部应报单位",
			ZhHant:  "-reporters 與 -reporting-level 不能同時使用：名單已列出全部應報單位",
			En:      "-reporters and -reporting-level exclude each other: the list names every expected reporter"},
		healthedu.CodeDef{Code: codeReportersUnreadable, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -reporters could not be opened or read.",
			ZhHans:  "-reporters：无法读取应报单位名单文件 %[1]v",
			ZhHant:  "-reporters：無法讀取應報單位名單檔案 %[1]v",
			En:      "-reporters: cannot read the list of expected reporters %[1]v"},
		healthedu.CodeDef{Code: codeReportersLine, Severity: e, Params: []string{"file", "line", "reason"},
			Meaning: "A line of the file of jiceng indicators -reporters is not a division code; reason says what is wrong with it.",
			ZhHans:  "%[1]v 第 %[2]v 行：%[3]v（每行应为一个区划代码，空行和以 # 开头的行除外）",
			ZhHant:  "%[1]v 第 %[2]v 行：%[3]v（每行應為一個區劃代碼，空行和以 # 開頭的行除外）",
			En:      "%[1]v, line %[2]v: %[3]v (each line holds one division code, but for blank lines and lines starting with #)"},
		healthedu.CodeDef{Code: codeReportersEmpty, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -reporters lists no division.",
			ZhHans:  "-reporters：应报单位名单文件 %[1]v 中没有任何区划代码",
			ZhHant:  "-reporters：應報單位名單檔案 %[1]v 中沒有任何區劃代碼",
			En:      "-reporters: the list of expected reporters %[1]v names no division"},
		healthedu.CodeDef{Code: codeMappingMissing, Severity: e,
			Meaning: "jiceng indicators -format dhis2 was given no -dhis2-mapping.",
			ZhHans:  "-format dhis2 需要用 -dhis2-mapping 给出映射表文件（CSV，首行为 kind,jiceng,dhis2）",
			ZhHant:  "-format dhis2 需要用 -dhis2-mapping 給出對應表檔案（CSV，首行為 kind,jiceng,dhis2）",
			En:      "-format dhis2 needs -dhis2-mapping, the file of the mapping table (CSV with the header kind,jiceng,dhis2)"},
		healthedu.CodeDef{Code: codeMappingUnneeded, Severity: e,
			Meaning: "jiceng indicators was given -dhis2-mapping with another format than dhis2.",
			ZhHans:  "-dhis2-mapping 只用于 -format dhis2",
			ZhHant:  "-dhis2-mapping 只用於 -format dhis2",
			En:      "-dhis2-mapping is for -format dhis2 only"},
		healthedu.CodeDef{Code: codeMappingUnreadable, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -dhis2-mapping could not be opened or read.",
			ZhHans:  "-dhis2-mapping：无法读取映射表文件 %[1]v",
			ZhHant:  "-dhis2-mapping：無法讀取對應表檔案 %[1]v",
			En:      "-dhis2-mapping: cannot read the mapping table %[1]v"},
		healthedu.CodeDef{Code: codeMappingInvalid, Severity: e, Params: []string{"file", "issue"},
			Meaning: "The file of jiceng indicators -dhis2-mapping is not a mapping table; issue says where and why.",
			ZhHans:  "-dhis2-mapping：%[1]v 不是有效的映射表：%[2]v",
			ZhHant:  "-dhis2-mapping：%[1]v 不是有效的對應表：%[2]v",
			En:      "-dhis2-mapping: %[1]v is not a mapping table: %[2]v"},
		healthedu.CodeDef{Code: codeDataSetUnneeded, Severity: e,
			Meaning: "jiceng indicators was given -dhis2-dataset with another format than dhis2.",
			ZhHans:  "-dhis2-dataset 只用于 -format dhis2",
			ZhHant:  "-dhis2-dataset 只用於 -format dhis2",
			En:      "-dhis2-dataset is for -format dhis2 only"},
		healthedu.CodeDef{Code: codeRegistrationsUnneeded, Severity: e,
			Meaning: "jiceng indicators was given -dhis2-registrations without -dhis2-dataset, the data set they register.",
			ZhHans:  "-dhis2-registrations 需要同时用 -dhis2-dataset 给出所登记的数据集",
			ZhHant:  "-dhis2-registrations 需要同時用 -dhis2-dataset 給出所登記的資料集",
			En:      "-dhis2-registrations needs -dhis2-dataset, the data set it registers"},
		healthedu.CodeDef{Code: codeRegistrationsUnwritable, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng indicators -dhis2-registrations could not be written.",
			ZhHans:  "-dhis2-registrations：无法写入文件 %[1]v",
			ZhHant:  "-dhis2-registrations：無法寫入檔案 %[1]v",
			En:      "-dhis2-registrations: cannot write %[1]v"},
		healthedu.CodeDef{Code: codeDHIS2Refused, Severity: e, Params: []string{"issue"},
			Meaning: "The DHIS2 export refused what it was given, such as a -dhis2-dataset that is not an identifier of the mapping's scheme; issue says why.",
			ZhHans:  "无法导出为 DHIS2 文档：%[1]v",
			ZhHant:  "無法匯出為 DHIS2 文件：%[1]v",
			En:      "cannot export the DHIS2 document: %[1]v"},
		healthedu.CodeDef{Code: codeRecordSkipped, Severity: w, Params: []string{"file", "line", "record", "issue"},
			Meaning: "jiceng indicators or compliance skips a record the validator rejected; issue is its first error.",
			ZhHans:  "%[1]v:%[2]v：跳过 %[3]v：%[4]v",
			ZhHant:  "%[1]v:%[2]v：略過 %[3]v：%[4]v",
			En:      "%[1]v:%[2]v: skipped %[3]v: %[4]v"},
		healthedu.CodeDef{Code: codeRecordUnusable, Severity: w, Params: []string{"record", "reason"},
			Meaning: "jiceng indicators skips a record the validator accepted but the indicators cannot use.",
			ZhHans:  "跳过 %[1]v：%[2]v",
			ZhHant:  "略過 %[1]v：%[2]v",
			En:      "skipped %[1]v: %[2]v"},
		healthedu.CodeDef{Code: codeRecordIncomplete, Severity: w,
			Meaning: "The reason of jiceng.recordUnusable when the library gives no code: the record lacks what the indicators need.",
			ZhHans:  "记录缺少计算指标所需的内容",
			ZhHant:  "記錄缺少計算指標所需的內容",
			En:      "the record lacks what the indicators need"},
		healthedu.CodeDef{Code: codeValueUnusable, Severity: w, Params: []string{"reason"},
			Meaning: "jiceng indicators leaves out a data value it cannot add, such as one whose sum overflows.",
			ZhHans:  "跳过一个数据值：%[1]v",
			ZhHant:  "略過一個資料值：%[1]v",
			En:      "skipped a data value: %[1]v"},
		healthedu.CodeDef{Code: codeDHIS2Unmapped, Severity: e, Params: []string{"count", "details"},
			Meaning: "jiceng indicators -format dhis2 left out data values that the mapping table lacks; details lists the series and divisions.",
			ZhHans:  "映射表缺少对应项，有 %[1]v 个数据值未输出：%[2]v",
			ZhHant:  "對應表缺少對應項，有 %[1]v 個資料值未輸出：%[2]v",
			En:      "%[1]v data values not mapped to DHIS2 left out: %[2]v"},
		healthedu.CodeDef{Code: codeDHIS2NoElement, Severity: e, Params: []string{"series"},
			Meaning: "Part of jiceng.dhis2Unmapped: the series without a data element.",
			ZhHans:  "数据序列 %[1]v 没有对应的 DHIS2 数据元",
			ZhHant:  "資料序列 %[1]v 沒有對應的 DHIS2 資料元",
			En:      "no data element for %[1]v"},
		healthedu.CodeDef{Code: codeDHIS2NoOrgUnit, Severity: e, Params: []string{"divisions"},
			Meaning: "Part of jiceng.dhis2Unmapped: the divisions without an organisation unit.",
			ZhHans:  "区划 %[1]v 没有对应的 DHIS2 组织机构",
			ZhHant:  "區劃 %[1]v 沒有對應的 DHIS2 組織單位",
			En:      "no organisation unit for %[1]v"},

		// compliance.
		healthedu.CodeDef{Code: codePeriodYearMissing, Severity: e,
			Meaning: "jiceng compliance was run without -period, the year judged.",
			ZhHans:  "缺少参数 -period：请给出考核年度，写成四位年份，如 2025",
			ZhHant:  "缺少參數 -period：請給出考核年度，寫成四位年份，如 2025",
			En:      "-period is required: give the year judged, such as 2025"},
		healthedu.CodeDef{Code: codePeriodYear, Severity: e, Params: []string{"value"},
			Meaning: "jiceng compliance -period is not a year: the norm is judged by year.",
			ZhHans:  "参数 -period 有误：“%[1]v”不是年份。服务规范达标按年度考核，-period 应写成四位年份，如 2025",
			ZhHant:  "參數 -period 有誤：「%[1]v」不是年份。服務規範達標按年度考核，-period 應寫成四位年份，如 2025",
			En:      "-period: \"%[1]v\" is not a year: compliance with the norm is judged by year, so write a year, such as 2025"},
		healthedu.CodeDef{Code: codePeriodNotBegun, Severity: e, Params: []string{"period", "now"},
			Meaning: "The year of jiceng compliance -period had not begun at -now: there is nothing to judge.",
			ZhHans:  "参数 -period 有误：%[1]v 年度在 %[2]v（-now）尚未开始，没有可考核的内容",
			ZhHant:  "參數 -period 有誤：%[1]v 年度在 %[2]v（-now）尚未開始，沒有可考核的內容",
			En:      "-period: the year %[1]v had not begun at %[2]v (-now): there is nothing to judge"},
		healthedu.CodeDef{Code: codeNormsUnreadable, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng compliance -norms could not be opened or read.",
			ZhHans:  "-norms：无法读取规范要求表文件 %[1]v",
			ZhHant:  "-norms：無法讀取規範要求表檔案 %[1]v",
			En:      "-norms: cannot read the norms table %[1]v"},
		healthedu.CodeDef{Code: codeNormsInvalid, Severity: e, Params: []string{"file"},
			Meaning: "The file of jiceng compliance -norms is not a norms table in JSON, and the decoder gave no position.",
			ZhHans:  "-norms：%[1]v 不是有效的规范要求表：应为一个 JSON 对象，含 source、classes 和 norms 三项，不含其他成员，各项的取值类型符合规定",
			ZhHant:  "-norms：%[1]v 不是有效的規範要求表：應為一個 JSON 物件，含 source、classes 和 norms 三項，不含其他成員，各項的取值型別符合規定",
			En:      "-norms: %[1]v is not a norms table: want one JSON object with source, classes and norms, no other member, each of the right type"},
		healthedu.CodeDef{Code: codeNormsSyntax, Severity: e, Params: []string{"file", "line"},
			Meaning: "The file of jiceng compliance -norms is not a norms table in JSON: the first fault is on line.",
			ZhHans:  "-norms：%[1]v 第 %[2]v 行有误：规范要求表应为一个 JSON 对象，含 source、classes 和 norms 三项，各项的取值类型符合规定",
			ZhHant:  "-norms：%[1]v 第 %[2]v 行有誤：規範要求表應為一個 JSON 物件，含 source、classes 和 norms 三項，各項的取值型別符合規定",
			En:      "-norms: %[1]v, line %[2]v: a norms table is one JSON object with source, classes and norms, each of the right type"},
		healthedu.CodeDef{Code: codeNormsIssue, Severity: e, Params: []string{"file", "issue"},
			Meaning: "The norms table of jiceng compliance -norms breaks a rule of the library (compliance.norms*); issue is the library's issue, with its path into the file.",
			ZhHans:  "规范要求表 %[1]v 有误：%[2]v",
			ZhHant:  "規範要求表 %[1]v 有誤：%[2]v",
			En:      "norms table %[1]v: %[2]v"},
		healthedu.CodeDef{Code: codeNoActivities, Severity: e, Params: []string{"records"},
			Meaning: "The files given to jiceng compliance hold records, but no activity the validator accepted.",
			ZhHans:  "没有可考核的活动记录：读取的 %[1]v 条记录中没有一条是被受理的活动记录（kind 为 activity）",
			ZhHant:  "沒有可考核的活動記錄：讀取的 %[1]v 筆記錄中沒有一筆是被受理的活動記錄（kind 為 activity）",
			En:      "no activities to judge: none of the %[1]v records read is an accepted activity (kind activity)"},
		healthedu.CodeDef{Code: codeComplianceSummary, Severity: i, Params: []string{"period", "asOf", "institutions", "compliant", "notCompliant", "rejected", "others"},
			Meaning: "The closing line of the table of jiceng compliance: the year and the instant of the check, the institutions judged, compliant and not, and the records skipped, rejected or of another kind than activity.",
			ZhHans:  "%[1]v 年度，截至 %[2]v：考核机构 %[3]v 个，达标 %[4]v 个，未达标 %[5]v 个；跳过被退回的记录 %[6]v 条、非活动记录 %[7]v 条",
			ZhHant:  "%[1]v 年度，截至 %[2]v：考核機構 %[3]v 個，達標 %[4]v 個，未達標 %[5]v 個；略過被退回的記錄 %[6]v 筆、非活動記錄 %[7]v 筆",
			En:      "year %[1]v as of %[2]v: %[3]v institutions judged, %[4]v compliant, %[5]v not compliant; skipped %[6]v rejected records and %[7]v records of other kinds"},
		healthedu.CodeDef{Code: codeComplianceSkipped, Severity: i, Params: []string{"rejected", "others"},
			Meaning: "jiceng compliance -format csv or json skipped records: those the validator rejected (each listed before) and those of another kind than activity.",
			ZhHans:  "跳过被退回的记录 %[1]v 条、非活动记录 %[2]v 条",
			ZhHant:  "略過被退回的記錄 %[1]v 筆、非活動記錄 %[2]v 筆",
			En:      "skipped %[1]v rejected records and %[2]v records of other kinds than activity"},

		// weekly.
		healthedu.CodeDef{Code: codeWeekMissing, Severity: e,
			Meaning: "jiceng weekly was run without -period, the week of the dispatch.",
			ZhHans:  "缺少参数 -period：请给出调度周，写成年份、W 和周序号，如 2025W44",
			ZhHant:  "缺少參數 -period：請給出調度週，寫成年份、W 和週序號，如 2025W44",
			En:      "-period is required: give the week of the dispatch, an ISO week such as 2025W44"},
		healthedu.CodeDef{Code: codeWeek, Severity: e, Params: []string{"value"},
			Meaning: "jiceng weekly -period is not an ISO week: the dispatch is weekly.",
			ZhHans:  "参数 -period 有误：“%[1]v”不是周。周调度按周进行，-period 应写成年份、W 和周序号（按国际标准周，周一至周日），如 2025W44",
			ZhHant:  "參數 -period 有誤：「%[1]v」不是週。週調度按週進行，-period 應寫成年份、W 和週序號（按國際標準週，週一至週日），如 2025W44",
			En:      "-period: \"%[1]v\" is not a week: the dispatch is weekly, so write an ISO week (Monday to Sunday), such as 2025W44"},
		healthedu.CodeDef{Code: codeWeekNotBegun, Severity: e, Params: []string{"week", "now"},
			Meaning: "The week of jiceng weekly -period had not begun at -now: there is nothing to dispatch.",
			ZhHans:  "参数 -period 有误：%[1]v 在 %[2]v（-now）尚未开始，没有可调度的内容",
			ZhHant:  "參數 -period 有誤：%[1]v 在 %[2]v（-now）尚未開始，沒有可調度的內容",
			En:      "-period: the week %[1]v had not begun at %[2]v (-now): there is nothing to dispatch"},
		healthedu.CodeDef{Code: codeUnderNone, Severity: e,
			Meaning: "jiceng weekly was run without -under, and the records lie in more than one province, or name no division: no one division holds them.",
			ZhHans:  "缺少参数 -under：记录分属多个省份，无法确定调度区划，请用 -under 给出区划代码，如 371502",
			ZhHant:  "缺少參數 -under：記錄分屬多個省份，無法確定調度區劃，請用 -under 給出區劃代碼，如 371502",
			En:      "-under is required: the records lie in more than one province, so give the division of the dispatch, such as 371502"},
		healthedu.CodeDef{Code: codeItemRefused, Severity: w, Params: []string{"record", "issue"},
			Meaning: "jiceng weekly read an update of a rectification item that does not fit the item as read before it (ledger.immutable, ledger.transition …): the update is skipped, the item kept as it stood.",
			ZhHans:  "跳过整改事项 %[1]v 的一次更新，该事项保持此前状态：%[2]v",
			ZhHant:  "略過整改事項 %[1]v 的一次更新，該事項保持此前狀態：%[2]v",
			En:      "skipped an update of %[1]v, which stays as it stood: %[2]v"},
		healthedu.CodeDef{Code: codeWeeklyTitle, Severity: i, Params: []string{"name", "code", "week", "from", "to", "asOf"},
			Meaning: "The heading of the table of jiceng weekly: the division, the week, its days and the instant of the dispatch.",
			ZhHans:  "%[1]v（%[2]v）%[3]v 周调度：%[4]v 至 %[5]v，统计截至 %[6]v",
			ZhHant:  "%[1]v（%[2]v）%[3]v 週調度：%[4]v 至 %[5]v，統計截至 %[6]v",
			En:      "Weekly dispatch of %[1]v (%[2]v), %[3]v: %[4]v to %[5]v, as of %[6]v"},
		healthedu.CodeDef{Code: codeWeeklyInProgress, Severity: i, Params: []string{"now"},
			Meaning: "A note of the table of jiceng weekly: the week had not ended at -now, so the files hold what had come by then, while items are judged overdue as of the end of the week.",
			ZhHans:  "本周尚未结束：记录截至 %[1]v（-now），逾期情况按周末判断",
			ZhHant:  "本週尚未結束：記錄截至 %[1]v（-now），逾期情況按週末判斷",
			En:      "The week is in progress: the records are those of %[1]v (-now); what is overdue is judged at the end of the week"},
		healthedu.CodeDef{Code: codeWeeklyProgress, Severity: i, Params: []string{"year"},
			Meaning: "A heading of the table of jiceng weekly: the year's progress against each target.",
			ZhHans:  "%[1]v 年度目标进度",
			ZhHant:  "%[1]v 年度目標進度",
			En:      "Progress of %[1]v against the targets"},
		healthedu.CodeDef{Code: codeWeeklyOverdueReports, Severity: i, Params: []string{"count"},
			Meaning: "A heading of the table of jiceng weekly: the monthly reports overdue.",
			ZhHans:  "逾期未报月报：%[1]v 份",
			ZhHant:  "逾期未報月報：%[1]v 份",
			En:      "Monthly reports overdue: %[1]v"},
		healthedu.CodeDef{Code: codeWeeklyNewItems, Severity: i, Params: []string{"count"},
			Meaning: "A heading of the table of jiceng weekly: the rectification items opened in the week.",
			ZhHans:  "本周新增整改事项：%[1]v 项",
			ZhHant:  "本週新增整改事項：%[1]v 項",
			En:      "Rectification items opened this week: %[1]v"},
		healthedu.CodeDef{Code: codeWeeklyOverdueItems, Severity: i, Params: []string{"count"},
			Meaning: "A heading of the table of jiceng weekly: the rectification items overdue at the end of the week.",
			ZhHans:  "逾期未整改事项：%[1]v 项",
			ZhHant:  "逾期未整改事項：%[1]v 項",
			En:      "Rectification items overdue: %[1]v"},
		healthedu.CodeDef{Code: codeWeeklyClosedItems, Severity: i, Params: []string{"count"},
			Meaning: "A heading of the table of jiceng weekly: the rectification items verified and closed in the week.",
			ZhHans:  "本周核验销号事项：%[1]v 项",
			ZhHant:  "本週核驗銷號事項：%[1]v 項",
			En:      "Rectification items verified and closed this week: %[1]v"},
		healthedu.CodeDef{Code: codeWeeklyActivities, Severity: i, Params: []string{"activities", "participants"},
			Meaning: "A heading of the table of jiceng weekly: the week's activities and their participants.",
			ZhHans:  "本周健康教育活动：%[1]v 场，%[2]v 人次",
			ZhHant:  "本週健康教育活動：%[1]v 場，%[2]v 人次",
			En:      "Health education activities this week: %[1]v, %[2]v participants"},
		healthedu.CodeDef{Code: codeWeeklyNone, Severity: i,
			Meaning: "What the table of jiceng weekly writes under a heading with nothing to list.",
			ZhHans:  "（无）",
			ZhHant:  "（無）",
			En:      "(none)"},
		healthedu.CodeDef{Code: codeWeeklySkipped, Severity: i, Params: []string{"rejected", "unusable", "refused"},
			Meaning: "The records jiceng weekly left out: rejected by the validator, unusable for the indicators, and updates of rectification items refused (each listed before); the closing line of the table, on standard error with csv and json.",
			ZhHans:  "跳过被退回的记录 %[1]v 条、无法用于指标的记录 %[2]v 条、不相符的整改事项更新 %[3]v 条",
			ZhHant:  "略過被退回的記錄 %[1]v 筆、無法用於指標的記錄 %[2]v 筆、不相符的整改事項更新 %[3]v 筆",
			En:      "skipped %[1]v rejected records, %[2]v records the indicators cannot use and %[3]v updates of rectification items that did not fit"},

		// generate.
		healthedu.CodeDef{Code: codeMonths, Severity: e, Params: []string{"value", "max"},
			Meaning: "jiceng generate -months is out of range.",
			ZhHans:  "参数 -months 有误：%[1]v 个月超出范围，应为 1 到 %[2]v",
			ZhHant:  "參數 -months 有誤：%[1]v 個月超出範圍，應為 1 到 %[2]v",
			En:      "-months: %[1]v is out of range: want 1 to %[2]v months"},
		healthedu.CodeDef{Code: codeEnd, Severity: e, Params: []string{"value"},
			Meaning: "jiceng generate -end is not a month.",
			ZhHans:  "参数 -end 有误：“%[1]v”不是月份，-end 为生成的最后一个月，应写成 YYYYMM，如 202510",
			ZhHant:  "參數 -end 有誤：「%[1]v」不是月份，-end 為生成的最後一個月，應寫成 YYYYMM，如 202510",
			En:      "-end: \"%[1]v\" is not a month: -end is the last month generated, written YYYYMM, such as 202510"},
		healthedu.CodeDef{Code: codeGenerateTooEarly, Severity: e, Params: []string{"months", "end"},
			Meaning: "jiceng generate -months and -end would start before 1900.",
			ZhHans:  "参数 -months 与 -end 有误：截至 %[2]v 的 %[1]v 个月将早于 1900 年开始",
			ZhHant:  "參數 -months 與 -end 有誤：截至 %[2]v 的 %[1]v 個月將早於 1900 年開始",
			En:      "-months and -end: %[1]v months ending %[2]v would start before 1900"},
		healthedu.CodeDef{Code: codeUnderVillage, Severity: e, Params: []string{"value"},
			Meaning: "jiceng generate -under is a village.",
			ZhHans:  "参数 -under 有误：%[1]v 是村级区划，应为乡镇或更高层级的区划",
			ZhHant:  "參數 -under 有誤：%[1]v 是村級區劃，應為鄉鎮或更高層級的區劃",
			En:      "-under: %[1]v is a village: want a township or a division above"},
		healthedu.CodeDef{Code: codeUnderNoTownship, Severity: e, Params: []string{"value"},
			Meaning: "The registry holds no township within jiceng generate -under.",
			ZhHans:  "参数 -under 有误：区划代码表中 %[1]v 之下没有乡镇",
			ZhHant:  "參數 -under 有誤：區劃代碼表中 %[1]v 之下沒有鄉鎮",
			En:      "-under: the division registry holds no township under %[1]v"},

		// schemas.
		healthedu.CodeDef{Code: codeOutMissing, Severity: e,
			Meaning: "jiceng schemas was run without -out.",
			ZhHans:  "缺少参数 -out：请给出写入 JSON Schema 文件的目录",
			ZhHant:  "缺少參數 -out：請給出寫入 JSON Schema 檔案的目錄",
			En:      "-out is required: give the directory to write the JSON Schemas into"},
		healthedu.CodeDef{Code: codeDirUnwritable, Severity: e, Params: []string{"dir"},
			Meaning: "The directory of jiceng schemas -out could not be created, or a file in it written.",
			ZhHans:  "无法创建目录 %[1]v，或无法在其中写入文件",
			ZhHant:  "無法建立目錄 %[1]v，或無法在其中寫入檔案",
			En:      "cannot create the directory %[1]v or write files into it"},
		healthedu.CodeDef{Code: codeSchemasWritten, Severity: i, Params: []string{"count", "dir"},
			Meaning: "jiceng schemas wrote its files.",
			ZhHans:  "已将 %[1]v 个 JSON Schema 文件写入 %[2]v",
			ZhHant:  "已將 %[1]v 個 JSON Schema 檔案寫入 %[2]v",
			En:      "wrote %[1]v schemas to %[2]v"},
	)
}

// forReader is a param of a commandError rendered in the reader's
// language: a library issue, a list of words, a nested error.
type forReader interface {
	Message(lang language.Tag) string
}

// commandError is an error of the command line for people: an issue code
// with its params, rendered in the reader's language.
type commandError struct {
	code   string
	params map[string]any
}

func newError(code string, params ...any) *commandError {
	def, _ := healthedu.LookupCode(code)
	e := &commandError{code: code, params: make(map[string]any, len(params))}
	for i, v := range params {
		if i < len(def.Params) {
			e.params[def.Params[i]] = v
		}
	}
	return e
}

func (e *commandError) Error() string { return e.Message(healthedu.English) }

// Message returns the error in the language that serves lang best. A
// param that is a forReader is rendered in that language too.
func (e *commandError) Message(lang language.Tag) string {
	params := make(map[string]any, len(e.params))
	for k, v := range e.params {
		if f, ok := v.(forReader); ok {
			v = f.Message(lang)
		}
		params[k] = v
	}
	return healthedu.NewIssue(e.code, "", params).Message(lang)
}

// parseFault is a param of a commandError that holds the error of one of
// healthedu's parsers, such as ParseDivisionCode: its issue's message, in
// the reader's language, says what is wrong.
type parseFault struct{ err error }

// Message returns the message of f's issue in lang, with a value shaped
// like a citizen ID number masked even when it is not a valid one.
func (f parseFault) Message(lang language.Tag) string {
	return f.issue().Message(lang)
}

// issue returns the issue of f's error, its value masked: a number with
// a typing error is still a person's.
func (f parseFault) issue() healthedu.Issue {
	is := healthedu.IssueFromError(f.err, "")
	if v, ok := is.Params["value"].(string); ok {
		params := maps.Clone(is.Params)
		params["value"] = maskIDShaped(v)
		is.Params = params
	}
	return is
}

// value returns the value f's error is about, masked like a citizen ID
// number when it is shaped like one.
func (f parseFault) value() string {
	v, _ := f.issue().Params["value"].(string)
	return v
}

// maskIDShaped returns s masked as a citizen ID number when it has the
// shape of one, valid or not, and else s with any citizen ID masked.
func maskIDShaped(s string) string {
	if !citizenIDShaped(s) {
		return healthedu.RedactCitizenIDs(s)
	}
	r := []rune(s)
	return string(r[:4]) + strings.Repeat("*", len(r)-8) + string(r[len(r)-4:])
}

// issueText is a param that renders a library issue as the command shows
// it: its code, its path ("" for the whole record) and its message.
type issueText struct{ is healthedu.Issue }

func (t issueText) Message(lang language.Tag) string {
	path := t.is.Path
	if path == "" {
		path = `""` // the whole record: "/" would be the member named "" (RFC 6901)
	}
	return t.is.Code + " " + path + ": " + t.is.Message(lang)
}

// issueMessage is a param that is an issue's message alone, in the
// reader's language, for an issue about a file rather than a record.
type issueMessage struct{ is healthedu.Issue }

func (t issueMessage) Message(lang language.Tag) string { return t.is.Message(lang) }

// recordName is a param naming a record by its kind and identifier, such
// as monthlyReport “MR-371502001-202509”, with any citizen ID masked.
type recordName struct {
	kind healthedu.Kind
	id   string
}

func (r recordName) Message(lang language.Tag) string {
	s := string(r.kind)
	if s == "" {
		s = [...]string{"记录", "記錄", "record"}[langIndex(lang)]
	}
	if r.id == "" {
		return s
	}
	id := healthedu.RedactCitizenIDs(r.id)
	switch langIndex(lang) {
	case 0:
		return s + " “" + id + "”"
	case 1:
		return s + " 「" + id + "」"
	}
	return s + " " + strconv.Quote(id)
}

// levelName is a param naming a division level: by its identifier in
// English, by its Chinese name and then its identifier in Chinese, as
// 县级（county）.
type levelName healthedu.DivisionLevel

func (l levelName) Message(lang language.Tag) string {
	lv := healthedu.DivisionLevel(l)
	names := map[healthedu.DivisionLevel][2]string{
		healthedu.LevelProvince: {"省级", "省級"},
		healthedu.LevelCity:     {"市级", "市級"},
		healthedu.LevelCounty:   {"县级", "縣級"},
		healthedu.LevelTownship: {"乡镇级", "鄉鎮級"},
		healthedu.LevelVillage:  {"村级", "村級"},
	}
	n, ok := names[lv]
	if i := langIndex(lang); ok && i < 2 {
		return n[i] + "（" + lv.String() + "）"
	}
	return lv.String()
}

// wordList is a param listing words, such as codes: alternatives (a, b or
// c) or, with and, an enumeration (a, b and c), of at most most items
// followed by how many more (0: all).
type wordList struct {
	items []string
	and   bool
	most  int
}

func (l wordList) Message(lang language.Tag) string {
	li := langIndex(lang)
	items, more := l.items, 0
	if l.most > 0 && len(items) > l.most {
		items, more = items[:l.most], len(items)-l.most
	}
	if len(items) == 0 {
		return ""
	}
	if li < 2 {
		s := strings.Join(items, "、")
		switch {
		case more > 0:
			return s + " 等 " + strconv.Itoa(len(l.items)) + [...]string{" 项", " 項"}[li]
		case len(items) == 1:
			return s
		}
		conj := " 或 "
		if l.and {
			conj = " 和 "
		}
		return strings.Join(items[:len(items)-1], "、") + conj + items[len(items)-1]
	}
	if more > 0 {
		return strings.Join(items, ", ") + " and " + strconv.Itoa(more) + " more"
	}
	if len(items) == 1 {
		return items[0]
	}
	conj := " or "
	if l.and {
		conj = " and "
	}
	return strings.Join(items[:len(items)-1], ", ") + conj + items[len(items)-1]
}

// joined is a param that joins the messages of several parts with the
// punctuation of lang.
type joined []forReader

func (j joined) Message(lang language.Tag) string {
	sep := "; "
	if langIndex(lang) < 2 {
		sep = "；"
	}
	parts := make([]string, len(j))
	for i, p := range j {
		parts[i] = p.Message(lang)
	}
	return strings.Join(parts, sep)
}

// langIndex returns 0, 1 or 2 for the language of the three (zh-Hans,
// zh-Hant, en) that serves lang best.
func langIndex(lang language.Tag) int {
	switch healthedu.SupportedLanguage(lang) {
	case healthedu.ZhHant:
		return 1
	case healthedu.English:
		return 2
	}
	return 0
}

// citizenIDShaped reports whether s has the shape of a citizen ID number:
// 15 or 18 digits, ASCII or full-width, the 18th possibly X.
func citizenIDShaped(s string) bool {
	r := []rune(s)
	if len(r) != 15 && len(r) != 18 {
		return false
	}
	for i, c := range r {
		digit := c >= '0' && c <= '9' || c >= '０' && c <= '９'
		x := i == 17 && (c == 'X' || c == 'x' || c == 'Ｘ' || c == 'ｘ')
		if !digit && !x {
			return false
		}
	}
	return true
}

// errorText returns err for people in lang, with any citizen ID masked:
// the message of a *commandError in that language, and for any other
// error, which the command does not expect, the message of
// jiceng.internal with its text.
func errorText(err error, lang language.Tag) string {
	ce, ok := err.(*commandError)
	if !ok {
		ce = newError(codeInternal, err.Error())
	}
	return healthedu.RedactCitizenIDs(ce.Message(lang))
}
