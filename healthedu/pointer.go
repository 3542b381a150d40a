package healthedu

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jiceng/jiceng/internal/jsonwire"
)

// An [Issue] locates its field in the submitted document with a JSON
// Pointer (JSON 指针, RFC 6901): "" for the whole document, otherwise one
// "/" before each reference token, a member name or an array index, with
// '~' written as "~0" and '/' as "~1". "/activities/3/venue/division" is
// the division of the venue of the fourth activity.

// Pointer returns the JSON Pointer (JSON 指针) made of tokens, escaped as
// RFC 6901 requires: Pointer("a/b", "m~n") is "/a~1b/m~0n". Pointer() is
// "", the whole document; Pointer("") is "/", the member with the empty
// name.
func Pointer(tokens ...string) string {
	n := 0
	for _, t := range tokens {
		n += 1 + len(t) + strings.Count(t, "~") + strings.Count(t, "/")
	}
	b := make([]byte, 0, n)
	for _, t := range tokens {
		b = AppendPointerToken(b, t)
	}
	return string(b)
}

// AppendPointerToken appends to dst a "/" and token (引用令牌) escaped for
// a JSON Pointer ('~' as "~0", '/' as "~1") and returns the extended buffer.
// Appending a token to a pointer gives the pointer to a member or element
// of what it points to. It does not allocate when dst has the capacity.
func AppendPointerToken(dst []byte, token string) []byte {
	return jsonwire.AppendToken(dst, token)
}

// SplitPointer returns the unescaped reference tokens (引用令牌) of the
// JSON Pointer (JSON 指针) p, the inverse of [Pointer]:
// SplitPointer("/a~1b/m~0n") is ["a/b" "m~n"], and SplitPointer("") is an
// empty list. It fails, with a [*ParseError] of code "pointer.syntax", for
// a non-empty p that does not start with '/' and for a '~' not followed by
// '0' or '1'.
//
// Pointer(tokens...) == p holds for every p that SplitPointer accepts.
func SplitPointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, pointerError(p, "pointer must be empty or start with '/'", 0)
	}
	tokens := make([]string, 0, strings.Count(p, "/"))
	for start := 1; ; {
		end := strings.IndexByte(p[start:], '/')
		if end < 0 {
			end = len(p)
		} else {
			end += start
		}
		tok, err := pointerUnescape(p, start, end)
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, tok)
		if end == len(p) {
			return tokens, nil
		}
		start = end + 1
	}
}

// pointerUnescape returns the token p[start:end] unescaped. It allocates
// only for a token holding '~'.
func pointerUnescape(p string, start, end int) (string, error) {
	tok := p[start:end]
	if strings.IndexByte(tok, '~') < 0 {
		return tok, nil
	}
	b := make([]byte, 0, len(tok))
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c != '~' {
			b = append(b, c)
			continue
		}
		if i+1 == len(tok) {
			return "", pointerError(p, "'~' at the end of a token, want \"~0\" or \"~1\"", start+i)
		}
		switch tok[i+1] {
		case '0':
			b = append(b, '~')
		case '1':
			b = append(b, '/')
		default:
			r, _ := utf8.DecodeRuneInString(tok[i+1:])
			return "", pointerError(p, "'~' followed by "+strconv.QuoteRune(r)+", want \"~0\" or \"~1\"", start+i)
		}
		i++
	}
	return string(b), nil
}

func pointerError(p, msg string, at int) *ParseError {
	return &ParseError{Func: "SplitPointer", Input: p, Code: "pointer.syntax", Msg: msg, At: at}
}
