package main

import (
	"context"
	"net/http"
	"time"
)

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
