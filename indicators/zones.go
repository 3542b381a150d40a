package indicators

import "time"

// A zoneCache shares the fixed zones (固定时区) of times read from
// documents. A time parsed with an offset, such as 2025-11-03T09:00:00+08:00,
// carries a zone of its own, made for it, of about 150 bytes: kept with
// tens of thousands of monthly reports' receipts, such zones weigh more
// than the times. share gives a time the zone of an earlier time with the
// same name and offset, the same instant in the same zone, so that one
// zone serves them all.
type zoneCache map[zoneKey]*time.Location

type zoneKey struct {
	name   string
	offset int
}

// share returns t in the zone shared by the times of its zone's name and
// offset. UTC, Local and zones with rules of their own, whose name is not
// that of the zone in effect (Asia/Shanghai is CST), are left as they are.
func (c *zoneCache) share(t time.Time) time.Time {
	loc := t.Location()
	if loc == time.UTC || loc == time.Local {
		return t
	}
	name, offset := t.Zone()
	if loc.String() != name {
		return t
	}
	if *c == nil {
		*c = make(zoneCache)
	}
	k := zoneKey{name, offset}
	shared, ok := (*c)[k]
	if !ok {
		(*c)[k] = loc
		return t
	}
	return t.In(shared)
}
