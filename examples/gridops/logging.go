package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/jiceng/jiceng/healthedu"
)

// redactHandler is a slog.Handler that passes the message and every string
// value of a record (errors and Stringers as their text, groups included)
// through healthedu.RedactCitizenIDs before the handler it wraps sees
// them: a citizen ID number that reached a log line by any path is masked.
type redactHandler struct {
	next slog.Handler
}

func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h redactHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, healthedu.RedactCitizenIDs(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a)
	}
	return redactHandler{h.next.WithAttrs(red)}
}

func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.next.WithGroup(name)}
}

// redactAttr returns a with its string values redacted.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, healthedu.RedactCitizenIDs(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, x := range g {
			red[i] = redactAttr(x)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, healthedu.RedactCitizenIDs(x.Error()))
		case interface{ String() string }:
			return slog.String(a.Key, healthedu.RedactCitizenIDs(x.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// requestInfo is what the log line of a request says beyond the request
// itself; authorize fills in the principal.
type requestInfo struct {
	status    int
	principal string
}

// requestInfoKey is the context key of the request's *requestInfo.
type requestInfoKey struct{}

// statusWriter records the status of a response. It unwraps for
// http.ResponseController, which flushes the event streams.
type statusWriter struct {
	http.ResponseWriter
	info *requestInfo
}

func (w *statusWriter) WriteHeader(code int) {
	if w.info.status == 0 {
		w.info.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.info.status == 0 {
		w.info.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request, when it ends: method, path
// (never the query or the body), status, duration and who asked.
func (s *server) logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := new(requestInfo)
		h.ServeHTTP(&statusWriter{w, info}, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", info.status,
			"duration", time.Since(start), "principal", info.principal)
	})
}
