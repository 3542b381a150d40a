package main

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// bindingPage is the page of GET /b (绑定码页面): what a person sees who
// opens a binding code in a browser — scanned with a phone's camera or
// WeChat's scanner rather than from the mini-program, which posts it to
// POST /v1/bindings. The code is verified as the binding would verify it:
// a valid code names its instructor and says to scan it in the
// mini-program; another says why it is refused. Nothing is stored.
var bindingPage = template.Must(template.New("b").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<style>
body{font:16px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;padding:2rem 1.25rem;color:#1f2328;background:#f6f8fa}
main{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.5rem}
h1{font-size:1.25rem;margin:0 0 1rem}
p{margin:0}
.refused{border-left:4px solid #cf222e;padding-left:.75rem}
.ok{border-left:4px solid #1a7f37;padding-left:.75rem}
</style>
</head>
<body>
<main data-outcome="{{.Outcome}}"{{if .Code}} data-code="{{.Code}}"{{end}}>
<h1>{{.Title}}</h1>
<p class="{{.Outcome}}">{{.Message}}</p>
</main>
</body>
</html>
`))

// bindingPageView is what bindingPage shows.
type bindingPageView struct {
	Lang, Title, Message string
	Outcome              string // ok or refused
	Code                 string // the issue code of a refusal
}

// bindingLanding answers GET /b, the binding code opened in a browser: 200
// with the instructor's name and division for a valid code of an
// instructor on the register, 404 for a valid code of an instructor the
// register does not hold (roster.instructorUnknown), 400 for a code the
// keys refuse (bindingCode.*), and 503 without keys; each a page in the
// reader's language.
func (s *server) bindingLanding(w http.ResponseWriter, r *http.Request) {
	lang := httpapi.Language(r)
	view := func(status int, outcome string, is healthedu.Issue) {
		v := bindingPageView{
			Lang:    lang.String(),
			Title:   healthedu.NewIssue(codeBindingPageTitle, "", nil).Message(lang),
			Message: redactLoose(is.Message(lang)),
			Outcome: outcome,
		}
		if outcome != "ok" {
			v.Code = is.Code
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Language", lang.String())
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			if err := bindingPage.Execute(w, v); err != nil {
				s.log.Warn("binding page", "err", err)
			}
		}
	}
	if s.cfg.Binding == nil {
		view(http.StatusServiceUnavailable, "refused", healthedu.NewIssue(codeBindingUnavailable, "", nil))
		return
	}
	code := s.cfg.Binding.base + "?" + r.URL.RawQuery
	id, err := s.cfg.Binding.verifier.Verify(code)
	if err != nil {
		var ce *roster.CodeError
		if !errors.As(err, &ce) {
			ce = &roster.CodeError{Code: "bindingCode.malformed"}
		}
		view(http.StatusBadRequest, "refused", ce.Issue(""))
		return
	}
	in, ok, err := s.instructor(r.Context(), id)
	if err != nil {
		s.log.Error("binding page", "err", err)
		view(http.StatusInternalServerError, "refused", healthedu.NewIssue(codeStorage, "", nil))
		return
	}
	if !ok {
		view(http.StatusNotFound, "refused", healthedu.NewIssue("roster.instructorUnknown", "", map[string]any{"value": id}))
		return
	}
	view(http.StatusOK, "ok", healthedu.NewIssue(codeBindingPageValid, "", map[string]any{
		"name": in.Name, "division": divisionName(in.Division),
	}))
}

// divisionName returns the name of d in the registry, or its code.
func divisionName(d healthedu.DivisionCode) string {
	if n := healthedu.DefaultRegistry().Name(d); n != "" {
		return n
	}
	return d.String()
}
