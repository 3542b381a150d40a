package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io"
	"net/http"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// A role is what a token may do (角色).
type role string

const (
	roleSubmitter role = "submitter" // submit and read within its division (报送单位)
	roleAdmin     role = "admin"     // also unlock periods within its division (管理员)
	roleReader    role = "reader"    // only read within its division (只读)
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

// A tokenTable holds the bearer tokens the platform knows, by their
// SHA-256, so that looking one up takes the same time whatever it holds.
type tokenTable struct {
	byHash map[[sha256.Size]byte]*principal
}

// newPrincipal returns the principal of token.
func newPrincipal(token string, d healthedu.DivisionCode, r role) *principal {
	sum := sha256.Sum256([]byte(token))
	h := hex.EncodeToString(sum[:])
	return &principal{Division: d, Role: r, ID: h[:16], hash: h}
}

// add adds token, bound to division d with role r.
func (t *tokenTable) add(token string, d healthedu.DivisionCode, r role) {
	if t.byHash == nil {
		t.byHash = make(map[[sha256.Size]byte]*principal)
	}
	t.byHash[sha256.Sum256([]byte(token))] = newPrincipal(token, d, r)
}

// lookup returns the principal of token, or nil.
func (t *tokenTable) lookup(token string) *principal {
	if token == "" {
		return nil
	}
	return t.byHash[sha256.Sum256([]byte(token))]
}

// len returns the number of tokens.
func (t *tokenTable) len() int { return len(t.byHash) }

// loadTokens reads a token file, name: CSV with the header
// token,division,role, then a token a line, bound to a division code of
// any form ParseDivisionCode takes and a role, submitter, admin or reader.
// Tokens must be at least 16 characters and appear once. Its errors name
// the file and the line, in the operator's language (see startupError).
func loadTokens(r io.Reader, name string, t *tokenTable) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return startupErr(codeTokensRead, map[string]any{"file": name, "reason": err})
	}
	if header[0] = strings.TrimPrefix(header[0], "\ufeff"); strings.Join(header, ",") != "token,division,role" {
		return startupErr(codeTokensHeader, map[string]any{"file": name})
	}
	seen := make(map[string]bool)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return startupErr(codeTokensRead, map[string]any{"file": name, "reason": err})
		}
		line, _ := cr.FieldPos(0)
		bad := func(reason error) error {
			return startupErr(codeTokensLine, map[string]any{"file": name, "line": line, "reason": reason})
		}
		token := strings.TrimSpace(rec[0])
		if len(token) < 16 {
			return bad(startupErr(codeTokenShort, nil))
		}
		if seen[token] {
			return bad(startupErr(codeTokenTwice, nil))
		}
		seen[token] = true
		d, err := healthedu.ParseDivisionCode(strings.TrimSpace(rec[1]))
		if err != nil {
			return bad(err)
		}
		switch r := role(strings.TrimSpace(rec[2])); r {
		case roleSubmitter, roleAdmin, roleReader:
			t.add(token, d, r)
		default:
			return bad(startupErr(codeTokenRole, map[string]any{"role": string(r)}))
		}
	}
}

// newToken returns a random token: 32 hex digits.
func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// bearerToken returns the token of r's Authorization header, "" when it
// has none.
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// principalKey is the context key of the request's principal.
type principalKey struct{}

// principalOf returns the principal of the request, nil for an anonymous
// read of a platform open to those.
func principalOf(ctx context.Context) *principal {
	p, _ := ctx.Value(principalKey{}).(*principal)
	return p
}
