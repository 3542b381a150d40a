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
// surveys, health cells); [Store.Add] takes them one by one. A [Store] keeps
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
// the norm that sets it. Definitions live in a [Catalogue], loaded strictly
// from JSON ([LoadCatalogue]) whose schema, schemas/v1/indicator-catalogue.json,
// is generated from [CatalogueFile]. [DefaultCatalogue] is jiceng's; its codes
// are a public contract.
//
// # Calculation
//
// [Store.Compute] computes indicators for divisions of any level and a period
// of any type. Each element reference adds up its cells over the division's
// subtree and over the period — by sum for flows, by taking each division's
// latest value for stocks — so that a county's rate is the sum of its
// townships' numerators over the sum of their denominators, never a mean of
// their rates, and months roll up into quarters and years. Numerators and
// denominators are exact integers; the value numerator / denominator ×
// factor is an exact rational, rounded half-up (四舍五入) only when presented
// ([Result.Text]). A zero denominator gives no value and a [Reason], never
// NaN or Inf. A [Result] says whether its target is met and by how much, and
// can explain itself ([Result.Explain]): which divisions and periods
// contributed what.
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
