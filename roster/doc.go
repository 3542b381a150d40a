// Package roster keeps the register of people of grassroots health
// education (花名册): the health instructors residents bind to (健康指导员) —
// project administrators (项目管理员), health instructors and family health
// instructors (家庭健康指导员) at the levels of 州/县/乡/村, as 黔西南 counted
// 5,621 of them and 九原 trained 86 family health instructors — the experts
// of the pools that lecture (专家, 科普专家库, 金牌宣讲团: 聊城's corps of 896),
// and the lecture teams they go out in (宣讲团、宣讲队: 聊城's 440). Each is
// a record of kind instructor ([Instructor]), expert ([Expert]) or
// lectureTeam ([LectureTeam]), decoded, validated and described by a JSON
// Schema like the exchange records (see [Kinds]). People are identified by
// pseudonymous ids the platform chooses; an instructor's citizen ID number,
// if given, is only checked and pseudonymised ([Instructor.Pseudonymise]),
// never stored in clear. A [Register] holds the records as they stand and
// checks what spans them: team members, bindings and activity speakers that
// name someone it does not hold.
//
// Residents bind to an instructor by scanning the instructor's QR code in
// the mini-program — binding was 黔西南's weak spot, 318,366 residents bound
// — and the QR code carries a signed binding code (绑定码): a URL with the
// instructor's id and a keyed signature, HMAC-SHA256 under a platform key
// named by id so that keys can rotate. A [Signer] writes codes, a
// [Verifier] checks them without a database, and [BindingFromCode] turns a
// verified scan into a binding record that names the instructor as the
// register has them, made via the code; a forged or altered code is
// refused with an issue (bindingCode.*). From the register, the bindings
// and the activities, [Register.DataValues] derives the figures the
// default indicator catalogue defines indicators over: residents bound per
// instructor, in total and per level, instructors per 10,000 residents,
// experts by specialty, and the lectures experts gave
// ([Register.LecturesByExpert] lists them expert by expert).
package roster
