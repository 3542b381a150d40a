// Package approval keeps data approval (数据审核) as data: the monthly
// figures of grassroots health education go up level by level — a
// township submits its month (提交), the county above it reviews and
// approves it (审核), the city above the county accepts it (确认) — and a
// level above can return it (退回) with a reason to the township, which
// then corrects its reports and submits again. DHIS2 calls this data
// approval: data approved at a level is locked for the levels below it, a
// higher level can unapprove it, and every step is on record. Here each
// (division, month, data set) has an [Approval]: its [State], the history
// of its steps, each an [Event] with the [Actor] who took it and when, and
// the [Digest] of the reports as they were approved, so that an approval
// covers the data it saw and no later change.
//
// [Apply] (or [Policy.Apply], with roles) takes one step and refuses, with
// a stable issue code approval.* in zh-Hans, zh-Hant and en, what the
// rules do not allow: the wrong state, the wrong level of the division
// tree (submit by the division itself, approve by its parent, accept by
// its grandparent, return by the level that approved or is next to act),
// an actor outside the tree, a return without a reason, an acceptance of
// data changed since its approval, a citizen ID number where a staff
// account belongs. [CanChange] says whether a division may still change
// the data under approval — never from the level that signed it off or
// below — and [Stale] whether the data changed after the approval, which
// then no longer counts. [Filter] turns a set of approvals into the
// Include option of indicators.Query, so that figures are computed over
// approved data only, their coverage showing the units left out.
package approval
