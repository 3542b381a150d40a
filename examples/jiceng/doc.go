// Command jiceng is the command line of the jiceng library: it validates
// the records a provincial platform receives, computes the indicators they
// feed, judges institutions against the national service norm, writes the
// weekly dispatch, and makes the synthetic data and schemas platforms test
// with.
//
// Usage:
//
//	jiceng [-lang zh-Hans|zh-Hant|en] <command> [flags] [FILE...]
//	jiceng validate [-lang zh-Hans|zh-Hant|en] [-format text|json] [-encoding utf-8|gb18030] [-now RFC3339] FILE...
//	jiceng indicators [-divisions CODE,...|-level LEVEL [-under CODE]] -period ID [-lang ...] [-format table|csv|json|dhis2|fhir]
//	                  [-now RFC3339] [-deadline-day N] [-reporting-level LEVEL | -reporters FILE] FILE...
//	jiceng compliance [-under CODE] -period YEAR [-lang ...] [-format table|csv|json] [-now RFC3339]
//	                  [-norms FILE] [-encoding utf-8|gb18030] FILE...
//	jiceng weekly [-under CODE] -period WEEK [-lang ...] [-format table|csv|json] [-now RFC3339]
//	              [-deadline-day N] [-reporting-level LEVEL | -reporters FILE] [-encoding utf-8|gb18030] FILE...
//	jiceng generate [-lang ...] [-under CODE] [-months N] [-end YYYYMM] [-seed S] [-o FILE]
//	jiceng schemas [-lang ...] -out DIR
//	jiceng help [<command>]
//
// FILE may be "-" for standard input. Each file holds one JSON record, a
// JSON array of records, or NDJSON (one record a line).
//
// validate prints one line per issue (file:line: severity code path:
// message) and a summary, or with -format json an object with records,
// accepted, rejected, warnings, errors and the issues. Its exit status is 0
// when every record was accepted (warnings allowed), 1 when a record was
// rejected, and 2 when the command line is wrong, a file could not be read
// or the files hold no record at all. A file that cannot be read stops
// the command before it reads any: it prints the error, no issue and no
// summary.
//
// indicators reads records as validate does, skips and counts the rejected
// ones, and prints one row per division and indicator as of -now, with the
// coverage of the divisions expected to report. Its exit status is
// 0 when the output is complete, 1 when -format dhis2 had to leave values
// out for lack of a mapping, and 2 as for validate.
//
// compliance reads records as validate does, skips the rejected ones and
// those of other kinds than activity, and judges each grassroots
// institution (by the credit code of the activities' organizer) whose
// activities took place within -under against the national service norm
// for health education (服务规范达标) over the year -period, as of -now
// (default: the current time; in a year in progress the yearly minimums
// are pro-rated to the months over), or against the norms table of
// -norms. It prints a row per institution with each rule's measure, the
// issues and a summary; a row per institution and rule with -format csv;
// with -format json the document the intake server's GET /v1/compliance
// answers (package examples/internal/reports). Its exit status is 0 when
// every institution meets every rule, 1 when one falls short, and 2 as
// for validate, and when the files hold no accepted activity.
//
// weekly reads records as validate does, rectification items (kind
// rectification) too, merging the versions of an item by id in the order
// of the files (ledger.Merge; an update that does not fit is skipped and
// listed), and writes the weekly dispatch (周调度) of -under (default: the
// smallest division holding every record) for the ISO week -period, as of
// the end of the week: the year's progress against each target, the
// monthly reports overdue, the rectification items new, overdue and
// closed, and the week's activities by form. -now is the validator's
// clock and must not be before the week; a week in progress is dispatched
// with what the files hold, and the table says so (the json: inProgress). The table has a
// section under each heading; -format csv puts every line in one table
// whose first column, section, says what it is (progress, overdueReport,
// newItem, overdueItem, closedItem, activity); -format json writes the
// library's dispatch with the names of its codes in the reader's
// language, the document the intake server's GET /v1/reports/weekly
// answers for the same records (reports.Weekly). Its exit status is 0 when nothing is
// overdue, 1 when a report or an item is, and 2 as for validate, and when
// no one division holds the records without -under.
//
// generate writes a synthetic province as NDJSON (the data of the intake
// server's -demo), the same bytes for the same flags; schemas writes the
// JSON Schemas embedded in package schemas. Both exit 0 on success and 2
// on failure. jiceng itself exits 2 when no command or an unknown one is
// given.
//
// -h, -help or --help, for jiceng or any command, and "jiceng help
// [<command>]", print the help on standard output and exit 0. Each
// command's help says what it does and its exit statuses, then lists its
// flags.
//
// # Language
//
// Every message for people, on standard error or standard output, comes
// from an issue code of the command (jiceng.*, registered with package
// healthedu like the library's own codes) in zh-Hans, zh-Hant or en. The
// language is that of -lang, given before the command (for all of it) or
// among its flags; without -lang, that of the locale, the first of
// LC_ALL, LC_MESSAGES and LANG that is set: zh_CN.UTF-8 or zh_SG gives
// zh-Hans, zh_TW, zh_HK or zh_MO zh-Hant, en_US.UTF-8 en, and C, POSIX, an
// unset locale or a language none of the three serves zh-Hans. An error
// names the flag at fault and says, in words, what it takes; the text of
// Go's errors, which is English, is never shown, but for an error the
// command does not expect (jiceng.internal, a bug). The help texts (-h)
// are in English.
//
// Citizen ID numbers never appear in clear in the output of validate,
// indicators, compliance and weekly, nor in any error: values quoted in messages are masked, and
// so are record identifiers that hold one. The NDJSON of generate holds
// invented but valid numbers in clear, as a submission must.
package main
