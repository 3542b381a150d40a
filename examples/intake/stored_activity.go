package main

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/jiceng/jiceng/healthedu"
)

// Activities are most of what the platform receives, and storedForm
// writes their canonical JSON by hand, as encoding/json writes it
// (Encoder with SetEscapeHTML(false)), byte for byte: member order and
// names, omitempty and omitzero, null for a nil slice, each code through
// its MarshalText, times as Time.MarshalJSON writes them, strings escaped
// alike. A stored body is the key of idempotency — its hash tells an
// unchanged record from a changed one — so that the two must never
// differ: TestAppendActivityJSON and FuzzAppendActivityJSON compare them,
// and TestActivityFields fails when healthedu.Activity gains a field that
// appendActivityJSON does not write.

// appendActivityJSON appends the canonical JSON of a to b, and reports
// false, with b unchanged, when it cannot write it as encoding/json
// would: a time that Time.MarshalJSON refuses, which the caller then
// leaves to encoding/json.
func appendActivityJSON(b []byte, a *healthedu.Activity) ([]byte, bool) {
	n0 := len(b)
	var text [32]byte // the MarshalText of a code: its AppendTo
	b = append(b, `{"schemaVersion":`...)
	b = appendJSONString(b, a.SchemaVersion)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(a.Kind))
	b = append(b, `,"id":`...)
	b = appendJSONString(b, a.ID)
	if a.Title != "" {
		b = append(b, `,"title":`...)
		b = appendJSONString(b, a.Title)
	}
	b = append(b, `,"organizer":{"creditCode":`...)
	b = appendJSONString(b, a.Organizer.CreditCode.AppendTo(text[:0]))
	b = append(b, `,"name":`...)
	b = appendJSONString(b, a.Organizer.Name)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, string(a.Organizer.Type))
	if a.Organizer.Division != (healthedu.DivisionCode{}) {
		b = append(b, `,"division":`...)
		b = appendJSONString(b, a.Organizer.Division.AppendTo(text[:0]))
	}
	b = append(b, `},"division":`...)
	b = appendJSONString(b, a.Division.AppendTo(text[:0]))
	b = append(b, `,"venue":{"type":`...)
	b = appendJSONString(b, string(a.Venue.Type))
	if a.Venue.Name != "" {
		b = append(b, `,"name":`...)
		b = appendJSONString(b, a.Venue.Name)
	}
	b = append(b, `},"form":`...)
	b = appendJSONString(b, string(a.Form))
	b = append(b, `,"topics":`...)
	b = appendJSONStrings(b, a.Topics)
	b = append(b, `,"targetGroups":`...)
	b = appendJSONStrings(b, a.TargetGroups)
	var ok bool
	b = append(b, `,"start":`...)
	if b, ok = appendJSONTime(b, a.Start); !ok {
		return b[:n0], false
	}
	b = append(b, `,"end":`...)
	if b, ok = appendJSONTime(b, a.End); !ok {
		return b[:n0], false
	}
	b = append(b, `,"participants":`...)
	b = strconv.AppendInt(b, a.Participants, 10)
	if a.MaterialsDistributed != 0 {
		b = append(b, `,"materialsDistributed":`...)
		b = strconv.AppendInt(b, a.MaterialsDistributed, 10)
	}
	if len(a.Speakers) > 0 {
		b = append(b, `,"speakers":[`...)
		for i, s := range a.Speakers {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"name":`...)
			b = appendJSONString(b, s.Name)
			b = append(b, `,"role":`...)
			b = appendJSONString(b, string(s.Role))
			if s.Expert != "" {
				b = append(b, `,"expert":`...)
				b = appendJSONString(b, s.Expert)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if e := a.Evidence; e != nil {
		b = append(b, `,"evidence":{`...)
		comma := false
		if len(e.Photos) > 0 {
			b = append(b, `"photos":`...)
			b = appendJSONStrings(b, e.Photos)
			comma = true
		}
		if e.SignInSheet != "" {
			if comma {
				b = append(b, ',')
			}
			b = append(b, `"signInSheet":`...)
			b = appendJSONString(b, e.SignInSheet)
		}
		b = append(b, '}')
	}
	if r := a.Resident; r != nil {
		b = append(b, `,"resident":{"citizenId":`...)
		b = appendJSONString(b, r.CitizenID.AppendMasked(text[:0]))
		b = append(b, `,"consent":{"community":`...)
		b = strconv.AppendBool(b, r.Consent.Community)
		b = append(b, `,"medical":`...)
		b = strconv.AppendBool(b, r.Consent.Medical)
		b = append(b, `}}`...)
	}
	if m := a.Material; m != nil {
		b = append(b, `,"material":{"id":`...)
		b = appendJSONString(b, m.ID)
		if m.Title != "" {
			b = append(b, `,"title":`...)
			b = appendJSONString(b, m.Title)
		}
		b = append(b, '}')
	}
	if bd := a.Board; bd != nil {
		b = append(b, `,"board":{"id":`...)
		b = appendJSONString(b, bd.ID)
		if bd.AreaDm2 != 0 {
			b = append(b, `,"areaDm2":`...)
			b = strconv.AppendInt(b, bd.AreaDm2, 10)
		}
		b = append(b, '}')
	}
	return append(b, '}'), true
}

// appendJSONStrings appends ss as a JSON array of strings, or null for a
// nil slice, as encoding/json writes them.
func appendJSONStrings[S ~string](b []byte, ss []S) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONTime appends t as Time.MarshalJSON writes it, and reports
// false where MarshalJSON fails: a year outside 0 to 9999, a zone whose
// offset is not whole minutes under 24 hours.
func appendJSONTime(b []byte, t time.Time) ([]byte, bool) {
	n0 := len(b)
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	s := b[n0+1:]
	switch {
	case len(s) < len("9999-") || s[4] != '-':
		return b[:n0], false
	case s[len(s)-1] != 'Z':
		if len(s) < len("Z07:00") {
			return b[:n0], false
		}
		c := s[len(s)-len("Z07:00")]
		h := s[len(s)-len("07:00"):]
		if '0' <= c && c <= '9' || 10*(h[0]-'0')+(h[1]-'0') >= 24 {
			return b[:n0], false
		}
	}
	return append(b, '"'), true
}

// appendJSONString appends s as a JSON string as encoding/json writes it
// without HTML escaping: ", \ and control characters escaped, invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString[S ~string | ~[]byte](b []byte, s S) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
