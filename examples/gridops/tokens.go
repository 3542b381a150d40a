package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/grid"
)

// roleOperator is the role of the platform's own clients (平台操作员): the
// register's maintainer and the device gateway, which post records,
// events and readings and receive no alerts. Every other role is a
// grid.Recipient.
const roleOperator = "operator"

// minTokenLen is the least length of a bearer token: 16 characters.
const minTokenLen = 16

// principal is who a bearer token stands for (调用方): a recipient ID and
// its role. For the family doctor and the grid leader the ID is the
// member ID in the grid team records; for the family it is the household
// record's ID; for the other roles it is a name of the operator's choice.
type principal struct {
	ID   string
	Role string // roleOperator or a grid.Recipient
}

// recipient returns the grid recipient the principal stands for, "" for
// an operator.
func (p principal) recipient() grid.Recipient {
	if p.Role == roleOperator {
		return ""
	}
	return grid.Recipient(p.Role)
}

// tokenSet holds the bearer tokens the server accepts, by their SHA-256
// hash, so that neither the set nor a lookup's timing gives a token away.
type tokenSet struct {
	byHash     map[[sha256.Size]byte]principal
	recipients []principal // distinct, not operators, sorted by ID
}

// parseTokens reads the tokens file: CSV with the header
// "token,recipient,role", one token a row. A role is "operator" or one of
// grid's recipients (family-doctor, community-health-centre, grid-worker,
// grid-leader, emergency-team, family, target-group). Tokens are at least
// 16 characters and unique; a recipient has one role. Errors name the row,
// never the token.
func parseTokens(r io.Reader) (*tokenSet, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("tokens: reading the header: %w", err)
	}
	if strings.Join(head, ",") != "token,recipient,role" {
		return nil, errors.New(`tokens: the header must be "token,recipient,role"`)
	}
	ts := &tokenSet{byHash: make(map[[sha256.Size]byte]principal)}
	roles := make(map[string]string)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		row, _ := cr.FieldPos(0)
		if err := ts.add(rec[0], principal{ID: rec[1], Role: rec[2]}, roles); err != nil {
			return nil, fmt.Errorf("tokens: row on line %d: %w", row, err)
		}
	}
	return ts, nil
}

// add adds token for p; roles maps the recipients seen to their roles.
func (ts *tokenSet) add(token string, p principal, roles map[string]string) error {
	switch {
	case len(token) < minTokenLen:
		return fmt.Errorf("token shorter than %d characters", minTokenLen)
	case p.ID == "":
		return errors.New("empty recipient")
	case p.Role != roleOperator && !grid.Recipient(p.Role).IsValid():
		return fmt.Errorf("role %q is neither %q nor one of %s", p.Role, roleOperator,
			strings.Join(grid.Recipient("").EnumValues(), ", "))
	}
	if r, ok := roles[p.ID]; ok && r != p.Role {
		return fmt.Errorf("recipient %q has two roles, %q and %q", p.ID, r, p.Role)
	}
	h := sha256.Sum256([]byte(token))
	if _, dup := ts.byHash[h]; dup {
		return errors.New("token used twice")
	}
	ts.byHash[h] = p
	if _, seen := roles[p.ID]; !seen && p.Role != roleOperator {
		ts.recipients = append(ts.recipients, p)
		slices.SortFunc(ts.recipients, func(a, b principal) int { return strings.Compare(a.ID, b.ID) })
	}
	roles[p.ID] = p.Role
	return nil
}

// lookup returns the principal of token.
func (ts *tokenSet) lookup(token string) (principal, bool) {
	if ts == nil {
		return principal{}, false
	}
	p, ok := ts.byHash[sha256.Sum256([]byte(token))]
	return p, ok
}

// newToken returns a random token of 32 hexadecimal digits.
func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// principalKey is the context key of the request's principal.
type principalKey struct{}

// principalOf returns the principal that authenticated r.
func principalOf(r *http.Request) principal {
	p, _ := r.Context().Value(principalKey{}).(principal)
	return p
}

// isOperator and isRecipient are the two kinds of callers: the operator
// writes, the recipients read their alerts.
func isOperator(p principal) bool  { return p.Role == roleOperator }
func isRecipient(p principal) bool { return p.Role != roleOperator }

// authorize wraps h so that it runs only for a request with a known bearer
// token whose principal allow accepts. It answers 401 without a token or
// with an unknown one, 403 for a principal allow refuses, each with a
// problem document.
func (s *server) authorize(allow func(principal) bool, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		scheme, token, found := strings.Cut(auth, " ")
		if auth == "" || !found || !strings.EqualFold(scheme, "Bearer") {
			writeProblem(w, r, http.StatusUnauthorized, codeAuthRequired, nil)
			return
		}
		p, ok := s.tokens.lookup(strings.TrimSpace(token))
		if !ok {
			writeProblem(w, r, http.StatusUnauthorized, codeAuthInvalid, nil)
			return
		}
		if rec, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
			rec.principal = p.ID
		}
		if !allow(p) {
			writeProblem(w, r, http.StatusForbidden, codeAuthForbidden, map[string]any{"role": p.Role, "method": r.Method, "path": r.URL.Path})
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	}
}

// recipientList returns the recipients of the tokens, operators left out,
// sorted by ID.
func (ts *tokenSet) recipientList() []principal {
	if ts == nil {
		return nil
	}
	return ts.recipients
}
