// Package booking keeps the lecture requests "à la carte" (点餐式宣讲) of
// grassroots health education: in 聊城, residents book health lectures on
// the topics they want through the "健康聊城" mini-program and app — a
// community's residents' committee, a school, a group of residents or an
// institution asks for a lecture on hypertension, fall prevention or first
// aid, on the days it prefers; the health authority matches the request
// with an expert of its lecture pool (金牌宣讲团) and plans it as an
// activity; the lecture is held and reported like any other activity
// (healthedu.Activity), or the request is declined with a reason. How many
// requests are fulfilled, and how soon, is the measure of whether the
// lectures follow the residents' wants rather than the providers' plans.
//
// A request is a [LectureRequest] record of kind "lectureRequest",
// decoded, validated and described by a JSON Schema like the exchange
// records (see [Kinds]): the division where the lecture is wanted, the
// [Requester] (a type, a name, a mobile number — never a citizen ID), the
// topics (healthedu.Topic), the preferred days, the audience expected,
// and the history of its status, which moves by the rules of [Allowed]:
// requested → scheduled (an expert, a planned activity and a day; it may
// be rescheduled) → held (the activity record and the day held), or
// declined with a reason, or cancelled by the requester, from requested or
// scheduled. [LectureRequest.Apply] makes each change and refuses those
// the rules forbid, with issue codes booking.* in three languages; a
// resubmitted record replaces the one stored. [Figures] turns the
// requests into data values per division and month in China Standard
// Time — requests made (by topic too), fulfilled, declined, cancelled,
// overdue, and the days from request to lecture — from which the default
// indicator catalogue computes the fulfilment rate and the mean days to
// fulfil as exact ratios at every level.
package booking
