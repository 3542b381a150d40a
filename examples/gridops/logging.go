package main

import (
	"context"
	"net/http"
	"time"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
)

// requestInfo is what the log line of a request says beyond the request
// and its answer; authorize fills in the principal.
type requestInfo struct {
	principal string
}

// requestInfoKey is the context key of the request's *requestInfo.
type requestInfoKey struct{}

// logRequests logs one line per request, when it ends: method, path
// (never the query or the body), status, duration and who asked.
func (s *server) logRequests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := new(requestInfo)
		sw := &httpapi.StatusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)))
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.Status,
			"duration", time.Since(start), "principal", info.principal)
	})
}
