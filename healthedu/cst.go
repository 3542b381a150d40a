package healthedu

import "time"

// ChinaStandardTime is China Standard Time (中国标准时间, 北京时间), UTC+08:00
// all year round: China has observed no daylight saving time since 1991. The
// bounds of every [Period] are midnights in this zone.
//
// It is a fixed zone built with [time.FixedZone], so nothing in this package
// depends on the machine's time zone database (tzdata).
var ChinaStandardTime = time.FixedZone("CST", 8*60*60)
