// Package reports declares the report documents (报表报文) that more than
// one example program writes: the command line reads records from files
// (jiceng compliance -format json), the intake server from its store
// (GET /v1/compliance), and both answer with the same JSON, built by the
// same constructors from the library's results. A document says what it
// judged — the period, the instant, the divisions, the norms — and then
// the results, with every issue's message rendered in the reader's
// language (zh-Hans, zh-Hant or en).
//
// The types are plain data: they say what the members are, and how
// encoding/json writes and reads them. Where a document carries a result
// of the library, such as a [compliance.Institution], its members are the
// library's own, in the library's order, so that the issues' JSON Pointers
// into the result hold in the document too; what the document adds (names
// in the reader's language, a verdict) comes after them.
package reports
