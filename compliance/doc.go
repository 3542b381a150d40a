// Package compliance judges grassroots medical institutions against the
// national service norm for health education (服务规范达标): the
// 国家基本公共卫生服务规范（第三版） (2017) asks every township health centre
// and community health service centre, and every village clinic and
// community health service station, for a yearly minimum of each form of
// health education — kinds of printed materials (印刷资料) and of
// audio-visual materials (音像资料), bulletin boards (宣传栏) of a least area
// whose content changes at least every two months, health knowledge
// lectures (健康知识讲座) every month or every two months, public health
// consultation events (公众健康咨询活动). The figures are data, a [Norms]
// table with its source ([DefaultNorms], norms.json), replaceable by a
// platform; those not confirmed against the norm's text are marked so and
// are parameters.
//
// A [Checker] reads an institution's activity records one at a time
// ([healthedu.Activity], keyed by the organizer's credit code) and keeps
// only counters and sets: the distinct materials the records name, the
// days each bulletin board changed, the lectures of each month. For a
// year ([Options.Year]) it returns, per institution, each rule's measure
// against what the rule asks at the time of the check ([Options.Now]): the
// yearly minimums pro-rated to the months over, the months (or two-month
// periods) over without a lecture, each board's longest interval between
// changes by calendar months (see [BoardResult]). What falls short is a
// [healthedu.Issue] with a stable code (compliance.lectures,
// compliance.boardChangeGap …), a warning that a rectification ledger can
// take up; what the check could not count exactly is an information issue.
package compliance
