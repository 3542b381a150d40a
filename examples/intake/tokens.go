package main

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/healthedu"
)

// A role is what a token may do (角色).
type role string

const (
	roleSubmitter role = "submitter" // submit and read within its division (报送单位)
	roleAdmin     role = "admin"     // also unlock periods within its division (管理员)
	roleReader    role = "reader"    // only read within its division (只读)
	// roleApprover reads within its division and approves, accepts and
	// returns the monthly data of the divisions below it (审核员), but
	// submits neither records nor approvals (see approvals.go).
	roleApprover role = "approver"
)

// A principal is who a request comes from (调用方): the division its token
// is bound to and its role. ID identifies the token in logs and in the
// database without revealing it: the first 16 hex digits of its SHA-256.
type principal struct {
	Division healthedu.DivisionCode
	Role     role
	ID       string
	hash     string // the whole hex SHA-256, the key of saved answers
}

// canSubmit reports whether p may submit records.
func (p *principal) canSubmit() bool { return p.Role == roleSubmitter || p.Role == roleAdmin }

// canApprove reports whether p may take a step of data approval, of the
// actions its role allows (see approvalPolicy).
func (p *principal) canApprove() bool { return p.Role != roleReader }

// A tokenTable holds the bearer tokens the platform knows (令牌表), each
// bound to its principal, by their SHA-256 (see tokens.Table), so that
// looking one up takes the same time whatever it holds.
type tokenTable struct {
	tokens.Table[*principal]
}

// newPrincipal returns the principal of token.
func newPrincipal(token string, d healthedu.DivisionCode, r role) *principal {
	h := tokens.HashOf(token).String()
	return &principal{Division: d, Role: r, ID: h[:16], hash: h}
}

// add adds token, bound to division d with role r. A token the table
// holds already keeps its principal: the platform's own tokens are new
// random ones (tokens.New), and loadTokens refuses a token twice.
func (t *tokenTable) add(token string, d healthedu.DivisionCode, r role) {
	t.Add(token, newPrincipal(token, d, r))
}

// lookup returns the principal of token, or nil.
func (t *tokenTable) lookup(token string) *principal {
	p, _ := t.Lookup(token)
	return p
}

// tokenFile is the format of the token file of -tokens.
var tokenFile = tokens.Format{Headers: []string{"token,division,role"}}

// loadTokens reads a token file, name: CSV with the header
// token,division,role, then a token a line, bound to a division code of
// any form ParseDivisionCode takes and a role, submitter, admin, reader or
// approver.
// Tokens must be at least 16 characters and appear once. Its errors name
// the file and the line, in the operator's language (see startupError).
func loadTokens(r io.Reader, name string, t *tokenTable) error {
	rd, err := tokens.NewReader(r, tokenFile)
	switch {
	case errors.Is(err, tokens.ErrHeader):
		return startupErr(codeTokensHeader, map[string]any{"file": name})
	case err != nil:
		return startupErr(codeTokensRead, map[string]any{"file": name, "reason": err})
	}
	for {
		row, err := rd.Read()
		if err == io.EOF {
			return nil
		}
		bad := func(reason error) error {
			return startupErr(codeTokensLine, map[string]any{"file": name, "line": row.Line, "reason": reason})
		}
		switch {
		case errors.Is(err, tokens.ErrShort):
			return bad(startupErr(codeTokenShort, nil))
		case err != nil:
			return startupErr(codeTokensRead, map[string]any{"file": name, "reason": err})
		case t.Has(row.Token):
			return bad(startupErr(codeTokenTwice, nil))
		}
		d, err := healthedu.ParseDivisionCode(strings.TrimSpace(row.Fields[0]))
		if err != nil {
			return bad(err)
		}
		switch r := role(strings.TrimSpace(row.Fields[1])); r {
		case roleSubmitter, roleAdmin, roleReader, roleApprover:
			t.add(row.Token, d, r)
		default:
			return bad(startupErr(codeTokenRole, map[string]any{"role": string(r)}))
		}
	}
}

// principalKey is the context key of the request's principal.
type principalKey struct{}

// principalOf returns the principal of the request, nil for an anonymous
// read of a platform open to those.
func principalOf(ctx context.Context) *principal {
	p, _ := ctx.Value(principalKey{}).(*principal)
	return p
}
