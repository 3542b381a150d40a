// Package tokens holds the bearer tokens (访问令牌) of the example
// servers: a table that keeps them by their SHA-256 only, the reading of a
// token file (令牌文件), the token of a request's Authorization header,
// and new random tokens.
//
// A token file is CSV: a header, then a token a row, the token in the
// first column. What the other columns hold, and what a token stands for,
// is each server's: the intake binds a token to a division and a role
// (token,division,role), gridops to a recipient, a role and grids
// (token,recipient,role,grids).
package tokens

import (
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
)

// MinLen is the least length of a token (令牌最短长度): 16 characters.
const MinLen = 16

// A Hash is the SHA-256 of a token (令牌摘要), by which a Table keeps it.
type Hash [sha256.Size]byte

// HashOf returns the hash of token (令牌摘要).
func HashOf(token string) Hash { return sha256.Sum256([]byte(token)) }

// String returns h in hexadecimal, 64 digits.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ErrTwice is the error of a token added to a table that holds it
// (令牌重复).
var ErrTwice = errors.New("token used twice")

// A Table holds the tokens a server accepts (令牌表), each with what it
// stands for, by their Hash, so that neither the table nor the time a
// lookup takes gives a token away. The zero Table is empty and ready to
// use; a nil *Table holds no token.
type Table[P any] struct {
	byHash map[Hash]P
}

// Add adds token, standing for p. It fails with ErrTwice when the table
// holds token already.
func (t *Table[P]) Add(token string, p P) error {
	h := HashOf(token)
	if _, dup := t.byHash[h]; dup {
		return ErrTwice
	}
	if t.byHash == nil {
		t.byHash = make(map[Hash]P)
	}
	t.byHash[h] = p
	return nil
}

// Has reports whether t holds token.
func (t *Table[P]) Has(token string) bool {
	_, ok := t.Lookup(token)
	return ok
}

// Lookup returns what token stands for, and whether t holds it.
func (t *Table[P]) Lookup(token string) (P, bool) {
	if t == nil {
		var zero P
		return zero, false
	}
	p, ok := t.byHash[HashOf(token)]
	return p, ok
}

// Len returns the number of tokens t holds.
func (t *Table[P]) Len() int {
	if t == nil {
		return 0
	}
	return len(t.byHash)
}

// New returns a new random token (随机令牌): 32 hexadecimal digits.
func New() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Bearer returns the token of r's Authorization header (持有者令牌),
// without the spaces around it; ok is false when the header does not
// name the Bearer scheme (in any case) followed by a space. A header
// "Bearer " gives "" and true.
func Bearer(r *http.Request) (token string, ok bool) {
	scheme, token, found := strings.Cut(r.Header.Get("Authorization"), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// A Format describes the token files of a server (令牌文件格式).
type Format struct {
	// Headers are the headers a file may start with, each its column
	// names joined by commas, the first "token". A byte order mark before
	// the header is ignored.
	Headers []string
	// Comment, if not 0, starts a comment line, which is skipped (see
	// csv.Reader.Comment).
	Comment rune
}

// ErrHeader is the error of a token file that does not start with a
// header of its format (表头不符).
var ErrHeader = errors.New("tokens: the file does not start with a header of its format")

// ErrShort is the error of a token shorter than MinLen (令牌过短).
var ErrShort = fmt.Errorf("token shorter than %d characters", MinLen)

// A Row is a row of a token file (令牌行).
type Row struct {
	// Line is the line of the file the row starts on.
	Line int
	// Token is the token, without the spaces around it.
	Token string
	// Fields are the row's columns after the token, as the CSV holds them
	// (spaces at their start removed).
	Fields []string
}

// A Reader reads the rows of a token file (令牌文件读取器).
type Reader struct {
	cr     *csv.Reader
	header string
}

// NewReader returns a Reader of the token file r of format f, having read
// its header (表头). It fails with ErrHeader when the header is not one of
// f.Headers, and with the error of reading (an io.EOF for an empty file, a
// *csv.ParseError) when the header cannot be read.
func NewReader(r io.Reader, f Format) (*Reader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // the header's
	cr.TrimLeadingSpace = true
	cr.Comment = f.Comment
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	head[0] = strings.TrimPrefix(head[0], "\ufeff")
	h := strings.Join(head, ",")
	if !slices.Contains(f.Headers, h) {
		return nil, ErrHeader
	}
	return &Reader{cr: cr, header: h}, nil
}

// Header returns the header the file starts with, one of its format's.
func (rd *Reader) Header() string { return rd.header }

// Columns returns the number of columns of the file: its header's.
func (rd *Reader) Columns() int { return strings.Count(rd.header, ",") + 1 }

// Read returns the next row, and io.EOF after the last one. A row whose
// number of columns is not the header's comes with the *csv.ParseError
// that wraps csv.ErrFieldCount; a row whose token is shorter than MinLen
// with ErrShort. Another error of reading comes without a row.
func (rd *Reader) Read() (Row, error) {
	rec, err := rd.cr.Read()
	if err != nil && !errors.Is(err, csv.ErrFieldCount) {
		return Row{}, err
	}
	line, _ := rd.cr.FieldPos(0)
	row := Row{Line: line, Token: strings.TrimSpace(rec[0]), Fields: rec[1:]}
	if err != nil {
		return row, err
	}
	if len(row.Token) < MinLen {
		return row, ErrShort
	}
	return row, nil
}
