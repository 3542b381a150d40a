package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/jiceng/jiceng/examples/internal/tokens"
	"github.com/jiceng/jiceng/grid"
	"github.com/jiceng/jiceng/healthedu"
)

// roleOperator is the role of the platform's own clients (平台操作员): the
// register's maintainer and the device gateway, which post records,
// events and readings and receive no alerts. Every other role is a
// grid.Recipient.
const roleOperator = "operator"

// principal is who a bearer token stands for (调用方): a recipient ID, its
// role, and the grids it is bound to. For the family doctor and the grid
// leader the ID is the member ID in the grid team records, which bind
// them to their grids; for the family it is the household record's ID,
// which binds it to the household; for the other roles it is a name of
// the operator's choice, and Grids binds it: a grid worker to the grids
// it serves (at least one), the community health service centre, the
// emergency contact team and a target-group channel to those listed, or
// to every grid of the server when none is.
type principal struct {
	ID    string
	Role  string   // roleOperator or a grid.Recipient
	Grids []string // grid record IDs, sorted; none for the roles bound otherwise
}

// recipient returns the grid recipient the principal stands for, "" for
// an operator.
func (p principal) recipient() grid.Recipient {
	if p.Role == roleOperator {
		return ""
	}
	return grid.Recipient(p.Role)
}

// tokenSet holds the bearer tokens the server accepts (令牌集), by their
// SHA-256 hash (see tokens.Table), so that neither the set nor a lookup's
// timing gives a token away, and the principals they stand for.
type tokenSet struct {
	table      tokens.Table[principal]
	byID       map[string]principal // every principal, operators too
	recipients []principal          // distinct, not operators, sorted by ID
}

// The headers of the tokens file: the first form, and the form with the
// grids each recipient is bound to.
const (
	tokensHeader      = "token,recipient,role"
	tokensHeaderGrids = "token,recipient,role,grids"
)

// tokenFile is the format of the tokens file: either header, and comment
// lines starting with #.
var tokenFile = tokens.Format{Headers: []string{tokensHeaderGrids, tokensHeader}, Comment: '#'}

// parseTokens reads the tokens file: CSV with the header
// "token,recipient,role,grids", one token a row, or the older header
// "token,recipient,role", whose rows have no grids. A role is "operator"
// or one of grid's recipients (family-doctor, community-health-centre,
// grid-worker, grid-leader, emergency-team, family, target-group). grids
// is a list of grid record IDs separated by spaces: required for a grid
// worker, optional for the community health service centre, the
// emergency contact team and a target-group channel (empty: every grid),
// and empty for the operator, the family doctor and the grid leader
// (bound by the team records) and the family (bound by its household).
// Tokens are at least 16 characters and unique; a recipient has one role
// and one list of grids, whatever the number of its tokens; no recipient
// or grid ID may hold a citizen ID number. Errors name the row, never the
// token.
func parseTokens(r io.Reader) (*tokenSet, error) {
	rd, err := tokens.NewReader(r, tokenFile)
	switch {
	case errors.Is(err, tokens.ErrHeader):
		return nil, fmt.Errorf("tokens: the header must be %q (or, without grids, %q)", tokensHeaderGrids, tokensHeader)
	case err != nil:
		return nil, fmt.Errorf("tokens: reading the header: %w", err)
	}
	ts := &tokenSet{}
	for {
		row, err := rd.Read()
		switch {
		case err == io.EOF:
			return ts, nil
		case errors.Is(err, csv.ErrFieldCount):
			return nil, fmt.Errorf("tokens: row on line %d: %d fields, want %d as in the header", row.Line, 1+len(row.Fields), rd.Columns())
		case errors.Is(err, tokens.ErrShort):
			return nil, fmt.Errorf("tokens: row on line %d: %w", row.Line, err)
		case err != nil:
			return nil, fmt.Errorf("tokens: %w", err)
		}
		p := principal{ID: row.Fields[0], Role: row.Fields[1]}
		if len(row.Fields) == 3 {
			p.Grids = strings.Fields(row.Fields[2])
		}
		if err := ts.add(row.Token, p); err != nil {
			return nil, fmt.Errorf("tokens: row on line %d: %w", row.Line, err)
		}
	}
}

// add adds token for p, checking p against the principal of the same ID
// the set holds, if any.
func (ts *tokenSet) add(token string, p principal) error {
	slices.Sort(p.Grids)
	p.Grids = slices.Compact(p.Grids)
	if len(p.Grids) == 0 {
		p.Grids = nil
	}
	switch {
	case len(token) < tokens.MinLen:
		return tokens.ErrShort
	case p.ID == "":
		return errors.New("empty recipient")
	case healthedu.RedactCitizenIDs(p.ID) != p.ID:
		return errors.New("the recipient ID holds a citizen ID number: choose another ID")
	case p.Role != roleOperator && !grid.Recipient(p.Role).IsValid():
		return fmt.Errorf("role %q is neither %q nor one of %s", p.Role, roleOperator,
			strings.Join(grid.Recipient("").EnumValues(), ", "))
	}
	for _, g := range p.Grids {
		if healthedu.RedactCitizenIDs(g) != g {
			return errors.New("a grid ID holds a citizen ID number")
		}
	}
	switch grid.Recipient(p.Role) {
	case grid.RecipientGridWorker:
		if len(p.Grids) == 0 {
			return fmt.Errorf("grid worker %q is bound to no grid: give its grid IDs in the column grids (header %q)", p.ID, tokensHeaderGrids)
		}
	case grid.RecipientHealthCentre, grid.RecipientEmergencyTeam, grid.RecipientTargetGroup:
	default: // the operator, and the roles the register binds
		if len(p.Grids) > 0 {
			return fmt.Errorf("role %q takes no grids: the register binds it (team records, households) or it hears no alert", p.Role)
		}
	}
	q, seen := ts.byID[p.ID]
	if seen {
		switch {
		case q.Role != p.Role:
			return fmt.Errorf("recipient %q has two roles, %q and %q", p.ID, q.Role, p.Role)
		case !slices.Equal(q.Grids, p.Grids):
			return fmt.Errorf("recipient %q is bound to two lists of grids, %q and %q", p.ID, q.Grids, p.Grids)
		}
	}
	if err := ts.table.Add(token, p); err != nil {
		return err // tokens.ErrTwice
	}
	if !seen && p.Role != roleOperator {
		ts.recipients = append(ts.recipients, p)
		slices.SortFunc(ts.recipients, func(a, b principal) int { return strings.Compare(a.ID, b.ID) })
	}
	if ts.byID == nil {
		ts.byID = make(map[string]principal)
	}
	ts.byID[p.ID] = p
	return nil
}

// lookup returns the principal of token.
func (ts *tokenSet) lookup(token string) (principal, bool) {
	if ts == nil {
		return principal{}, false
	}
	return ts.table.Lookup(token)
}

// principalKey is the context key of the request's principal.
type principalKey struct{}

// principalOf returns the principal that authenticated r.
func principalOf(r *http.Request) principal {
	p, _ := r.Context().Value(principalKey{}).(principal)
	return p
}

// tokenHashKey is the context key of the SHA-256 hash of the request's
// bearer token.
type tokenHashKey struct{}

// tokenHashOf returns the SHA-256 hash of the token that authenticated r.
func tokenHashOf(r *http.Request) tokens.Hash {
	h, _ := r.Context().Value(tokenHashKey{}).(tokens.Hash)
	return h
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
		token, ok := tokens.Bearer(r)
		if !ok {
			writeProblem(w, r, http.StatusUnauthorized, codeAuthRequired, nil)
			return
		}
		p, ok := s.tokens.lookup(token)
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
		ctx := context.WithValue(r.Context(), principalKey{}, p)
		ctx = context.WithValue(ctx, tokenHashKey{}, tokens.HashOf(token))
		h(w, r.WithContext(ctx))
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
