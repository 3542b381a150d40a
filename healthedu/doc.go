// Package healthedu is the domain core of jiceng: the codes every record of
// grassroots health education (基层健康教育) carries, the periods it is
// reported for, and the issues a validator reports about it.
//
// County, township and village health systems record what they do — health
// lectures (健康讲座), free clinics (义诊), first-aid trainings (急救培训), home
// visits (入户随访) — and report it upwards each month (月报) to provincial
// platforms, which judge the work by indicators. Every record names where it
// happened with a 12-digit statistical division code (统计用区划代码,
// [DivisionCode]), checked against a [Registry]; it may name a resident by a
// citizen ID number (公民身份号码, [CitizenID]), which jiceng only ever shows
// masked or as a keyed pseudonym; an institution by its unified social credit
// code (统一社会信用代码, [CreditCode]); and the time it covers with a
// [Period] in DHIS2 notation (2025, 2025S1, 2025Q3, 202509B, 202510,
// 2025W42, 20251017), bounded in China Standard Time.
//
// Parsers follow net/netip: small comparable values, one [ParseError] type
// that says what was wrong and where, String and AppendTo forms, text
// marshalling. What is wrong with a submitted record is an [Issue]: a
// severity, a stable dotted code, an RFC 6901 JSON Pointer to the field and
// parameters, with a message in zh-Hans (the default), zh-Hant or en chosen
// from an Accept-Language string.
package healthedu
