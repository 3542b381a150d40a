package roster

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/jiceng/jiceng/healthedu"
)

// A binding code (绑定码) is the URL an instructor's QR code carries, which
// a resident scans in the mini-program to bind to the instructor:
//
//	https://platform.example/b?i=QXN-0412&k=2025a&s=Jx0mS2c1u9gkq0bQ4n7W0g
//
// i is the instructor's id, k the id of the key that signed it and s the
// signature: HMAC-SHA256 under the key's secret of the base URL, the key
// id and the instructor id, truncated to its first 128 bits and written in
// unpadded base64url (22 characters). Verifying a code needs the keys, not
// a database; keys rotate by id: a [Verifier] holds the current key and
// those before it, for as long as codes signed with them are in use.
//
// The form is strict, and only what [Signer.Sign] writes verifies: the
// configured base URL exactly (scheme, host and path, without user info or
// port unless configured), then "?i=…&k=…&s=…" in that order, each once,
// nothing percent-encoded, no other parameter and no fragment. A code is
// machine-written and scanned byte for byte, so a reordered, repeated or
// re-encoded parameter is not a variant to accept but an altered code,
// refused as malformed; a code for another host or path is refused as
// foreign, before any key is looked up.

// Signature sizes.
const (
	signatureBytes = 16 // HMAC-SHA256 truncated to 128 bits
	signatureLen   = 22 // its unpadded base64url form
	// MaxCodeLen is the longest binding code [Verifier.Verify] reads
	// (绑定码最大长度); a longer one is malformed.
	MaxCodeLen = 512
)

// Key is a key that signs binding codes (绑定码签名密钥): an id, carried in
// each code it signs, and a secret of at least [MinSecretLen] random bytes.
// The id is 1 to 16 ASCII letters, digits, '-' or '_'.
type Key struct {
	ID     string
	Secret []byte
}

// MinSecretLen is the least length in bytes of a [Key]'s secret.
const MinSecretLen = 32

func (k Key) check() error {
	if !validKeyID(k.ID) {
		return errors.New("roster: key id " + strconv.Quote(k.ID) + " is not 1 to 16 letters, digits, '-' or '_'")
	}
	if len(k.Secret) < MinSecretLen {
		return errors.New("roster: key " + k.ID + ": secret shorter than 32 bytes")
	}
	return nil
}

func validKeyID(s string) bool {
	if len(s) < 1 || len(s) > 16 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validInstructorID reports whether s can be a record id (see
// healthedu.Header): 1 to 64 characters, a letter or digit then letters,
// digits, '.', '_', ':' or '-' — all of which a URL query carries as they
// are.
func validInstructorID(s string) bool {
	if len(s) < 1 || len(s) > 64 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		alnum := '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != ':' && c != '-') {
			return false
		}
	}
	return true
}

// canonicalBase checks the base URL of binding codes and returns it as
// codes begin with it: an absolute http or https URL with a host, without
// query, fragment or user info, whose path may be empty.
func canonicalBase(base string) (string, error) {
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return "", errors.New("roster: base URL: " + err.Error())
	case u.Scheme != "https" && u.Scheme != "http", u.Host == "", u.User != nil,
		u.RawQuery != "" || u.ForceQuery, u.Fragment != "", u.Opaque != "":
		return "", errors.New("roster: base URL " + strconv.Quote(base) + " is not an http(s) URL with a host and without user, query or fragment")
	}
	if u.String() != base {
		return "", errors.New("roster: base URL " + strconv.Quote(base) + " is not in canonical form " + strconv.Quote(u.String()))
	}
	return base, nil
}

// A Signer writes the binding codes of instructors (绑定码签发) with the
// current key, for a base URL. It is safe for concurrent use.
type Signer struct {
	base string
	key  Key
}

// NewSigner returns a Signer of codes that begin with base, such as
// "https://platform.example/b", signed with key. It fails on a base that
// is not an absolute http(s) URL in canonical form without query or
// fragment, or a key whose id or secret is not as [Key] says.
func NewSigner(base string, key Key) (*Signer, error) {
	b, err := canonicalBase(base)
	if err != nil {
		return nil, err
	}
	if err := key.check(); err != nil {
		return nil, err
	}
	return &Signer{base: b, key: Key{ID: key.ID, Secret: append([]byte(nil), key.Secret...)}}, nil
}

// Sign returns the binding code of the instructor with the given id
// (指导员绑定码), the URL the instructor's QR code carries. It fails when
// the id cannot be a record id: 1 to 64 characters, a letter or digit,
// then letters, digits, '.', '_', ':' or '-'.
func (s *Signer) Sign(instructorID string) (string, error) {
	if !validInstructorID(instructorID) {
		return "", errors.New("roster: instructor id " + strconv.Quote(instructorID) + " cannot be signed")
	}
	var sig [signatureLen]byte
	mac := signature(s.key.Secret, s.base, s.key.ID, instructorID)
	base64.RawURLEncoding.Encode(sig[:], mac[:signatureBytes])
	var b strings.Builder
	b.Grow(len(s.base) + len(instructorID) + len(s.key.ID) + signatureLen + 9)
	b.WriteString(s.base)
	b.WriteString("?i=")
	b.WriteString(instructorID)
	b.WriteString("&k=")
	b.WriteString(s.key.ID)
	b.WriteString("&s=")
	b.Write(sig[:])
	return b.String(), nil
}

// signature returns HMAC-SHA256 under secret of the base, the key id and
// the instructor id, each followed by a newline (none of them holds one),
// after a label that names the scheme.
func signature(secret []byte, base, keyID, instructorID string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("jiceng binding code v1\n"))
	m.Write([]byte(base))
	m.Write([]byte{'\n'})
	m.Write([]byte(keyID))
	m.Write([]byte{'\n'})
	m.Write([]byte(instructorID))
	m.Write([]byte{'\n'})
	return m.Sum(nil)
}

// A Verifier checks binding codes (绑定码校验) against a set of keys by id —
// the current one and those it replaced, for as long as their codes are
// in use — and a base URL. It needs no database. It is safe for
// concurrent use.
type Verifier struct {
	base string
	keys map[string][]byte
}

// NewVerifier returns a Verifier of codes that begin with base, signed by
// any of keys. It fails on a base that [NewSigner] would refuse, on a key
// that is not as [Key] says, on an id given twice, or without keys.
// Retiring a key is building a Verifier without it: the codes it signed
// are then refused (bindingCode.unknownKey).
func NewVerifier(base string, keys ...Key) (*Verifier, error) {
	b, err := canonicalBase(base)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, errors.New("roster: a verifier needs at least one key")
	}
	v := &Verifier{base: b, keys: make(map[string][]byte, len(keys))}
	for _, k := range keys {
		if err := k.check(); err != nil {
			return nil, err
		}
		if _, dup := v.keys[k.ID]; dup {
			return nil, errors.New("roster: key id " + k.ID + " given twice")
		}
		v.keys[k.ID] = append([]byte(nil), k.Secret...)
	}
	return v, nil
}

// A CodeError says why a binding code was refused (绑定码无效): Code is a
// registered issue code — bindingCode.malformed, bindingCode.foreign,
// bindingCode.unknownKey or bindingCode.signature — with the Params its
// message takes. Use [CodeError.Issue] to report it.
type CodeError struct {
	Code   string
	Params map[string]any
}

// Error returns the message in English, prefixed "roster: ".
func (e *CodeError) Error() string {
	return "roster: " + healthedu.NewIssue(e.Code, "", e.Params).Message(healthedu.English)
}

// Issue returns the error as an issue at path, the JSON Pointer of the
// member that carried the code (such as "/code").
func (e *CodeError) Issue(path string) healthedu.Issue {
	return healthedu.NewIssue(e.Code, path, e.Params)
}

// Verify checks a binding code and returns the id of the instructor it
// names (校验绑定码). A code is refused with a [*CodeError]:
//
//   - bindingCode.foreign when it is a URL of another scheme, host or path
//     than the base: not a code of this platform;
//   - bindingCode.malformed when it is not of the form Sign writes;
//   - bindingCode.unknownKey when its key id is not among the keys (a key
//     retired, or never the platform's);
//   - bindingCode.signature when its signature is not the key's for the
//     instructor: a forged or altered code.
//
// The signature is compared in constant time.
func (v *Verifier) Verify(code string) (instructorID string, err error) {
	malformed := &CodeError{Code: "bindingCode.malformed"}
	if len(code) > MaxCodeLen {
		return "", malformed
	}
	query, ok := strings.CutPrefix(code, v.base+"?")
	if !ok {
		u, err := url.Parse(code)
		if err != nil || u.Host == "" || u.Scheme == "" || u.Scheme+"://"+u.Host+u.EscapedPath() == v.base {
			return "", malformed
		}
		return "", &CodeError{Code: "bindingCode.foreign", Params: map[string]any{"value": u.Scheme + "://" + u.Host}}
	}
	id, rest, ok := strings.Cut(query, "&k=")
	id, ok2 := strings.CutPrefix(id, "i=")
	keyID, sig, ok3 := strings.Cut(rest, "&s=")
	if !ok || !ok2 || !ok3 || !validInstructorID(id) || !validKeyID(keyID) || len(sig) != signatureLen {
		return "", malformed
	}
	var got [signatureBytes + 2]byte // 22 base64 characters decode to 16 bytes and 4 bits
	n, err := base64.RawURLEncoding.Strict().Decode(got[:], []byte(sig))
	if err != nil || n != signatureBytes {
		return "", malformed
	}
	secret, ok := v.keys[keyID]
	if !ok {
		return "", &CodeError{Code: "bindingCode.unknownKey", Params: map[string]any{"value": keyID}}
	}
	want := signature(secret, v.base, keyID, id)
	if !hmac.Equal(got[:signatureBytes], want[:signatureBytes]) {
		return "", &CodeError{Code: "bindingCode.signature"}
	}
	return id, nil
}

// bindingCodeDefs are the issue codes of binding codes.
var bindingCodeDefs = []healthedu.CodeDef{
	{
		Code:     "bindingCode.malformed",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A binding code is not of the form the platform signs: parameters missing, repeated, reordered, re-encoded or extra, or an id or signature of the wrong shape.",
		ZhHans:   "绑定码格式不正确，请重新扫描指导员的二维码",
		ZhHant:   "綁定碼格式不正確，請重新掃描指導員的二維碼",
		En:       "The binding code is malformed: scan the instructor's QR code again",
	},
	{
		Code:     "bindingCode.foreign",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A binding code is a URL of another site than the platform's base URL for binding codes.",
		ZhHans:   "该二维码（%[1]v）不是本平台的绑定码",
		ZhHant:   "該二維碼（%[1]v）不是本平台的綁定碼",
		En:       "This QR code (%[1]v) is not a binding code of this platform",
	},
	{
		Code:     "bindingCode.unknownKey",
		Severity: healthedu.SeverityError,
		Params:   []string{"value"},
		Meaning:  "A binding code is signed with a key the platform does not hold: a retired key, or none of the platform's.",
		ZhHans:   "绑定码的签名密钥“%[1]v”已停用或无效，请指导员重新生成二维码",
		ZhHant:   "綁定碼的簽章金鑰「%[1]v」已停用或無效，請指導員重新產生二維碼",
		En:       "The binding code's key \"%[1]v\" is retired or unknown: ask the instructor for a new QR code",
	},
	{
		Code:     "bindingCode.signature",
		Severity: healthedu.SeverityError,
		Params:   nil,
		Meaning:  "A binding code's signature does not match the instructor it names: the code is forged or altered.",
		ZhHans:   "绑定码签名校验失败，二维码可能被伪造或篡改",
		ZhHant:   "綁定碼簽章驗證失敗，二維碼可能遭偽造或竄改",
		En:       "The binding code's signature does not verify: the QR code is forged or altered",
	},
}
