// Package indicators defines the indicators (指标) by which provinces judge
// grassroots health education, and computes them exactly for any division
// and period: the 0–6 child health management rate, standardised management
// of hypertension and diabetes, the health literacy level, residents bound to
// an instructor, lectures against the national minimum, report completeness
// and timeliness, and the others of the default catalogue.
//
// # Data values
//
// Figures enter as [DataValue]s (数据值): an element of the element catalogue
// ([healthedu.ElementCatalog]), optionally a category such as form=lecture,
// a division, a period and an integer value. [Store.AddRecords] derives them
// from exchange records (monthly reports, activities, bindings, literacy
// surveys, health cells), with the receipts of monthly reports; [Store.Add]
// and [Store.AddReceipt] take them one by one. A [Store] keeps
// one cell per (element, category, division, period), densely indexed, so
// that memory grows with the cells and not with the values added.
//
// # Definitions as data
//
// An indicator is a [Definition]: a code, names in zh-Hans, zh-Hant and en,
// a numerator and a denominator written as expressions over elements ([Expr]:
// sums and differences of element codes, optionally filtered by a category,
// and integer constants), a factor (100 for a percentage, 10,000 per 10,000
// residents), the decimals it is published with, and an optional target with
// the norm that sets it, a maximum, and how a division that lacks a value
// counts ([Missing]). Definitions live in a [Catalogue], loaded strictly
// from JSON ([LoadCatalogue]) whose schema, schemas/v1/indicator-catalogue.json,
// is generated from [CatalogueFile]. [DefaultCatalogue] is jiceng's; its codes
// are a public contract.
//
// # Calculation
//
// [Store.Compute] computes indicators for divisions of any level and a period
// of any type, as of an instant ([Query.Now]), on the data a platform
// really has: reports arrive through the month, some townships never
// report, a report leaves an element out.
//
// A figure is made of the figures of the reporting units within the
// division (填报单位, [Reporters]): by default every township of the
// registry, so that a county expects each of its townships whether or not
// it ever reported. The figures of monthly reports count for the months
// whose reporting deadline has passed (已到期): a report sent early counts
// once its month is due, and a month not yet due is neither missing nor
// late. For each unit, a flow (流量, such as lectures held) is summed over
// the months that count, and the stocks (存量, such as children under
// management) of an indicator are taken from the latest month in which
// they are all reported, so that a rate's numerator and denominator come
// from the same month. A unit without the values an indicator needs is
// left out of both numerator and denominator, or counted as zero, as the
// indicator's [Missing] strategy says; where no unit contributes, there is
// no value, never 0. The units are then summed up the tree: a county's
// rate is the sum of its townships' numerators over the sum of their
// denominators, never a mean of their rates. Every [Result] says how many
// of the expected units contributed ([Result.Coverage]), flags a value
// above the indicator's maximum ([Result.Flags]), and compares a target
// that accrues over the year with the months counted so far
// ([Result.TargetProrated]). Report completeness and timeliness come from
// the reports received ([Store.AddReceipt]), on time when received by the
// deadline.
//
// Numerators and denominators are exact integers; the value numerator /
// denominator × factor is an exact rational, rounded half-up (四舍五入) only
// when presented ([Result.Text]). A zero denominator gives no value and a
// [Reason], never NaN or Inf. A [Result] says whether its target is met and
// by how much, and can explain itself ([Result.Explain]): which divisions
// and periods contributed what.
//
// # Score cards, rankings, consistency
//
// A [ScoreCard] weighs indicators into a composite score per division
// ([Store.Score]); its weights add up to 100 and obey the [WeightRule]s it
// declares, such as the healthy-community evaluation's "chronic disease
// control rate and health literacy level together at least 30".
// [RankScores] and [RankResults] rank divisions in standard competition
// ranking (1, 2, 2, 4) with the gap to the next better one. [CheckRate] and
// [CheckReport] check that a rate reported beside its counts agrees with
// them at the published decimals; [Store.CheckStocks] that a division's
// stock does not exceed that of a division containing it.
//
// Faults of definitions and the findings of the checks are
// [healthedu.Issue]s with codes of their own (indicator.*, scorecard.*,
// consistency.*), rendered in the three languages and listed in
// docs/issue-codes.md.
package indicators
