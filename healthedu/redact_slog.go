package healthedu

import (
	"context"
	"fmt"
	"log/slog"
)

// NewRedactingHandler returns a slog.Handler that passes log records on to
// next with every citizen ID number masked (脱敏, see RedactCitizenIDs) in
// the message and in the attributes' values — strings, errors, Stringers,
// byte slices and anything else that prints as text, inside groups too. A
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
	return redactingHandler{next: h.next.WithGroup(name)}
}

// redactAttr returns a with citizen IDs masked in its value.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactCitizenIDs(v.String()))
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
