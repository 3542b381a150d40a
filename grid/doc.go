// Package grid is the grid health service (网格健康服务) of jiceng. Health
// education reaches households through governance grids (网格): each grid
// lies in one community or village and is divided into buildings (楼栋) and
// households (家庭), whose residents (居民) are registered pseudonymised,
// with an age band, conditions under management, whether they live alone,
// whether the household is a health-difficulty household (健康困难户), and
// their data authorisation (数据授权) for the community and for medical
// institutions. A [Register] holds these records, which are healthedu
// records of their own kinds, and the grid's "1+1+1+N" team (网格健康服务团队:
// one grid leader, one family doctor, one health volunteer, any number of
// partners), checked by [TeamRules]: a family doctor signs 50 to 80
// households, sits in the community at least two days a week and visits
// each signed household every month. The team runs a service loop
// ([Loop]) per target group — needs survey (需求摸排) → content tailoring
// (内容定制) → precise education (精准宣教) → effect tracking (效果跟踪) — as a
// log of events in which a step out of turn is an issue, not a panic.
//
// An [Engine] evaluates alert rules (预警规则), which are data ([Rule]), over
// smart-device readings and case reports with an injected clock: a blood
// pressure at or above 140/90 tells the family doctor (180/110 is urgent),
// a resident living alone with no outing for 12 hours calls the grid worker
// to visit, a wristband fall tells the emergency contact team and the
// family at once, and a disease up 30% on the week before sets off a
// prevention push and a vaccination reminder for the groups at risk. Alerts
// are deduplicated, acknowledged, closed and escalated, and the engine
// enforces consent itself: a resident's data reaches a recipient only
// while their authorisation covers its class, and medical values reach
// medical recipients only. The register, the loop and the engine report
// their figures as [indicators.DataValue]s for the indicators engine.
package grid
