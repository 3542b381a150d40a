// Package ledger keeps the rectification ledger (挂账整改) and computes the
// weekly dispatch (周调度) of grassroots health education: the management
// model of the 黔西南 pilot "健康知识进万家", in which the work is kept in
// ledgers (台账式管理), dispatched every week and notified every month
// (月通报), and every problem found is listed item by item with an owner,
// a deadline and its rectification, until a level above verifies it and
// closes it (销号).
//
// A problem is a [Rectification] record (整改事项) of kind "rectification",
// decoded, validated and described by a JSON Schema like the exchange
// records (see [Kinds]): the division where it lies, its source (a monthly
// notification, a weekly dispatch, an inspection, a compliance check), the
// problem, the indicator and target concerned, its owner (an institution
// by credit code, or a role), a deadline, and the history of its status,
// which moves by the rules of [Allowed] — the owner's side rectifies, only
// a verifier at a higher level closes or reopens. Whether an item is
// overdue follows from its deadline and an instant the caller gives
// ([Rectification.Overdue]); updates of one item merge idempotently
// ([Merge]). [Propose] turns the figures of a computed month — divisions
// below target, reports missing after their deadline, values flagged by
// the calculation or a consistency check — into items with deterministic
// IDs, so that proposing again adds nothing; [ProposeCompliance] does the
// same for the institutions that fall short of the national service norm
// (package compliance), each owned by the institution; and [Weekly] gathers a week's
// dispatch: the year's progress against each target, the reports overdue,
// the items new, overdue and closed, and the week's activities.
package ledger
