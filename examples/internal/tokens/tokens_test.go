package tokens

import (
	"encoding/csv"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The formats of the servers' token files.
var (
	intakeFormat  = Format{Headers: []string{"token,division,role"}}
	gridopsFormat = Format{Headers: []string{"token,recipient,role", "token,recipient,role,grids"}, Comment: '#'}
)

func TestReader(t *testing.T) {
	tests := []struct {
		name    string
		format  Format
		file    string
		header  string // the header read, "" when NewReader fails
		columns int
		rows    []Row
		headErr error // of NewReader
		rowErr  error // of the last Read, io.EOF when every row was read
	}{
		{
			name: "intake's", format: intakeFormat,
			file:   "token,division,role\nadmin-token-of-shandong-37,37,admin\n  submitter-token-gulou-0001 , 371502001, submitter\n",
			header: "token,division,role", columns: 3,
			rows: []Row{
				{Line: 2, Token: "admin-token-of-shandong-37", Fields: []string{"37", "admin"}},
				{Line: 3, Token: "submitter-token-gulou-0001", Fields: []string{"371502001", "submitter"}},
			},
			rowErr: io.EOF,
		},
		{
			name: "a byte order mark, blank lines, CRLF", format: intakeFormat,
			file:   "\ufefftoken,division,role\r\n\r\nadmin-token-of-shandong-37,37,admin\r\n",
			header: "token,division,role", columns: 3,
			rows:   []Row{{Line: 3, Token: "admin-token-of-shandong-37", Fields: []string{"37", "admin"}}},
			rowErr: io.EOF,
		},
		{
			name: "gridops', with grids and a comment", format: gridopsFormat,
			file:   "# the tokens of 东关社区\ntoken,recipient,role,grids\ntest-token-of-W1-0123456789,W1,grid-worker,g1 g2\n# the gateway\ntest-token-of-gateway-0123456789,gateway,operator,\n",
			header: "token,recipient,role,grids", columns: 4,
			rows: []Row{
				{Line: 3, Token: "test-token-of-W1-0123456789", Fields: []string{"W1", "grid-worker", "g1 g2"}},
				{Line: 5, Token: "test-token-of-gateway-0123456789", Fields: []string{"gateway", "operator", ""}},
			},
			rowErr: io.EOF,
		},
		{
			name: "gridops' older header, without grids", format: gridopsFormat,
			file:   "token,recipient,role\ntest-token-of-D1-0123456789,D1,family-doctor\n",
			header: "token,recipient,role", columns: 3,
			rows:   []Row{{Line: 2, Token: "test-token-of-D1-0123456789", Fields: []string{"D1", "family-doctor"}}},
			rowErr: io.EOF,
		},
		{
			name: "a comment where comments are not: a row of one column", format: intakeFormat,
			file:   "token,division,role\n# admins\n",
			header: "token,division,role", columns: 3,
			rows:   []Row{{Line: 2, Token: "# admins", Fields: []string{}}},
			rowErr: csv.ErrFieldCount,
		},
		{
			name: "a row of four columns under a header of three", format: gridopsFormat,
			file:   "token,recipient,role\ntest-token-of-D1-0123456789,D1,family-doctor,g1\n",
			header: "token,recipient,role", columns: 3,
			rows:   []Row{{Line: 2, Token: "test-token-of-D1-0123456789", Fields: []string{"D1", "family-doctor", "g1"}}},
			rowErr: csv.ErrFieldCount,
		},
		{
			name: "a short token, its row given", format: intakeFormat,
			file:   "token,division,role\nadmin-token-of-shandong-37,37,admin\nshort  ,3715,reader\n",
			header: "token,division,role", columns: 3,
			rows: []Row{
				{Line: 2, Token: "admin-token-of-shandong-37", Fields: []string{"37", "admin"}},
				{Line: 3, Token: "short", Fields: []string{"3715", "reader"}},
			},
			rowErr: ErrShort,
		},
		{
			name: "a token of 16 characters with spaces after it", format: intakeFormat,
			file:   "token,division,role\n0123456789abcdef   ,37,admin\n",
			header: "token,division,role", columns: 3,
			rows:   []Row{{Line: 2, Token: "0123456789abcdef", Fields: []string{"37", "admin"}}},
			rowErr: io.EOF,
		},
		{
			name: "a token of 15 characters and spaces", format: intakeFormat,
			file:   "token,division,role\n0123456789abcde    ,37,admin\n",
			header: "token,division,role", columns: 3,
			rows:   []Row{{Line: 2, Token: "0123456789abcde", Fields: []string{"37", "admin"}}},
			rowErr: ErrShort,
		},
		{
			name: "a header without rows", format: intakeFormat,
			file: "token,division,role\n", header: "token,division,role", columns: 3,
			rowErr: io.EOF,
		},
		{name: "an empty file", format: intakeFormat, file: "", headErr: io.EOF},
		{name: "another header", format: intakeFormat, file: "token,division\nx,y\n", headErr: ErrHeader},
		{name: "the other server's header", format: intakeFormat, file: "token,recipient,role\n", headErr: ErrHeader},
		{name: "a header of four columns", format: intakeFormat, file: "token,division,role,grids\n", headErr: ErrHeader},
		{name: "a comment before the header, where comments are not", format: intakeFormat, file: "# tokens\ntoken,division,role\n", headErr: ErrHeader},
		{name: "a header in capitals", format: gridopsFormat, file: "Token,Recipient,Role\n", headErr: ErrHeader},
		{name: "a bare quote in the header", format: intakeFormat, file: "tok\"en,division,role\n", headErr: csv.ErrBareQuote},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rd, err := NewReader(strings.NewReader(tc.file), tc.format)
			if !errors.Is(err, tc.headErr) {
				t.Fatalf("NewReader: %v, want %v", err, tc.headErr)
			}
			if err != nil {
				return
			}
			if rd.Header() != tc.header || rd.Columns() != tc.columns {
				t.Errorf("header %q of %d columns, want %q of %d", rd.Header(), rd.Columns(), tc.header, tc.columns)
			}
			var rows []Row
			for {
				row, err := rd.Read()
				if err != nil && row.Line == 0 {
					if !errors.Is(err, tc.rowErr) {
						t.Errorf("Read: %v, want %v", err, tc.rowErr)
					}
					break
				}
				rows = append(rows, row)
				if err != nil {
					if !errors.Is(err, tc.rowErr) {
						t.Errorf("Read: %v, want %v", err, tc.rowErr)
					}
					break
				}
			}
			if diff := cmp.Diff(tc.rows, rows, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReaderFieldCountError checks the error of a row of the wrong number
// of columns: a *csv.ParseError naming its line, which the intake shows
// as it is.
func TestReaderFieldCountError(t *testing.T) {
	rd, err := NewReader(strings.NewReader("token,division,role\n\nadmin-token-of-shandong-37,37\n"), intakeFormat)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rd.Read()
	var pe *csv.ParseError
	if !errors.As(err, &pe) || pe.Line != 3 || !errors.Is(err, csv.ErrFieldCount) {
		t.Fatalf("Read: %v, want a *csv.ParseError of line 3 wrapping csv.ErrFieldCount", err)
	}
}

func TestTable(t *testing.T) {
	type principal struct{ ID, Role string }
	var tab Table[principal]
	if tab.Len() != 0 || tab.Has("admin-token-of-shandong-37") {
		t.Fatal("the zero Table is not empty")
	}
	steps := []struct {
		token string
		p     principal
		err   error
		len   int
	}{
		{"admin-token-of-shandong-37", principal{"a", "admin"}, nil, 1},
		{"reader-token-of-liaocheng-x", principal{"r", "reader"}, nil, 2},
		{"admin-token-of-shandong-37", principal{"b", "reader"}, ErrTwice, 2},
		{"admin-token-of-shandong-37 ", principal{"c", "reader"}, nil, 3}, // another string, another token
	}
	for _, st := range steps {
		if err := tab.Add(st.token, st.p); !errors.Is(err, st.err) {
			t.Errorf("Add(%q): %v, want %v", st.token, err, st.err)
		}
		if tab.Len() != st.len {
			t.Errorf("after Add(%q): Len %d, want %d", st.token, tab.Len(), st.len)
		}
	}
	lookups := []struct {
		token string
		want  principal
		ok    bool
	}{
		{"admin-token-of-shandong-37", principal{"a", "admin"}, true}, // the first kept
		{"reader-token-of-liaocheng-x", principal{"r", "reader"}, true},
		{"admin-token-of-shandong-37 ", principal{"c", "reader"}, true},
		{"ADMIN-TOKEN-OF-SHANDONG-37", principal{}, false},
		{"", principal{}, false},
	}
	for _, l := range lookups {
		got, ok := tab.Lookup(l.token)
		if diff := cmp.Diff(l.want, got); diff != "" || ok != l.ok {
			t.Errorf("Lookup(%q): %v, want %v (-want +got):\n%s", l.token, ok, l.ok, diff)
		}
		if tab.Has(l.token) != l.ok {
			t.Errorf("Has(%q) = %v, want %v", l.token, !l.ok, l.ok)
		}
	}

	var none *Table[principal]
	if p, ok := none.Lookup("admin-token-of-shandong-37"); ok || p != (principal{}) || none.Len() != 0 || none.Has("x") {
		t.Error("a nil *Table holds a token")
	}
}

func TestHash(t *testing.T) {
	// The SHA-256 of "abc", FIPS 180-2's example.
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := HashOf("abc").String(); got != want {
		t.Errorf("HashOf(%q) = %s, want %s", "abc", got, want)
	}
}

func TestNew(t *testing.T) {
	seen := make(map[string]bool)
	for range 100 {
		tok := New()
		if len(tok) != 32 || strings.Trim(tok, "0123456789abcdef") != "" {
			t.Fatalf("New() = %q, want 32 hexadecimal digits", tok)
		}
		if seen[tok] {
			t.Fatalf("New() gave %q twice", tok)
		}
		seen[tok] = true
	}
}

func TestBearer(t *testing.T) {
	tests := []struct {
		header string // "" for none
		token  string
		ok     bool
	}{
		{"", "", false},
		{"Bearer admin-token-of-shandong-37", "admin-token-of-shandong-37", true},
		{"bearer admin-token-of-shandong-37", "admin-token-of-shandong-37", true},
		{"BEARER   admin-token-of-shandong-37  ", "admin-token-of-shandong-37", true},
		{"Bearer ", "", true},
		{"Bearer", "", false},
		{"Basic dXNlcjpwYXNz", "", false},
		{"admin-token-of-shandong-37", "", false},
		{"Bearer a b", "a b", true},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		token, ok := Bearer(r)
		if token != tc.token || ok != tc.ok {
			t.Errorf("Authorization %q: %q, %v; want %q, %v", tc.header, token, ok, tc.token, tc.ok)
		}
	}
}
