package healthedu

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strconv"
)

// NewRedactingHandler returns a slog.Handler that passes log records on to
// next with every citizen ID number masked (脱敏, see RedactCitizenIDs) in
// the message and in the attributes' keys and values — strings, errors,
// Stringers, byte slices, numbers of 15 digits or more and anything else
// that prints as text, inside groups too, in any of the forms
// RedactCitizenIDs finds (full-width, grouped, glued to other text). A
// record id, a title or a request path may hold a citizen ID, and a log is
// no place for one in clear. A CitizenID value logs masked by itself (it
// is a slog.LogValuer); this catches the numbers that arrive as text.
func NewRedactingHandler(next slog.Handler) slog.Handler {
	return redactingHandler{next: next}
}

type redactingHandler struct {
	next slog.Handler
}

func (h redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, RedactCitizenIDs(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i] = redactAttr(a)
	}
	return redactingHandler{next: h.next.WithAttrs(red)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{next: h.next.WithGroup(RedactCitizenIDs(name))}
}

// redactAttr returns a with citizen IDs masked in its key and its value.
func redactAttr(a slog.Attr) slog.Attr {
	a.Key = RedactCitizenIDs(a.Key)
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactCitizenIDs(v.String()))
	case slog.KindInt64, slog.KindUint64, slog.KindFloat64:
		// A number without an X fits in an integer, a legacy one even in
		// a float64.
		if s, ok := redactNumber(v); ok {
			if r := RedactCitizenIDs(s); r != s {
				return slog.String(a.Key, r)
			}
		}
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, ga := range g {
			red[i] = redactAttr(ga)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, RedactCitizenIDs(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, RedactCitizenIDs(x.String()))
		case []byte:
			return slog.String(a.Key, RedactCitizenIDs(string(x)))
		default:
			return slog.String(a.Key, RedactCitizenIDs(fmt.Sprint(x)))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// redactNumber returns the decimal digits of a numeric value that is long
// enough to be a citizen ID number, 15 digits or more.
func redactNumber(v slog.Value) (string, bool) {
	const least = 1e14
	switch v.Kind() {
	case slog.KindInt64:
		if n := v.Int64(); n >= least || n <= -least {
			return strconv.FormatInt(n, 10), true
		}
	case slog.KindUint64:
		if n := v.Uint64(); n >= least {
			return strconv.FormatUint(n, 10), true
		}
	case slog.KindFloat64:
		if f := v.Float64(); (f >= least || f <= -least) && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
	}
	return "", false
}
