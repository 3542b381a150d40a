package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"unicode"

	qrcode "github.com/yeqown/go-qrcode/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jiceng/jiceng/examples/internal/httpapi"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// Binding codes (绑定码). A resident binds to a health instructor by
// scanning the instructor's QR code in the mini-program: the QR code
// carries the instructor's binding code, a URL signed with the platform's
// key (package roster), and the mini-program posts it, with the
// resident's side of the binding, to POST /v1/bindings. The platform
// verifies the signature without a database, looks the instructor up in
// the register it stores, and stores the binding as a record of kind
// binding, through the same path as /v1/submissions.
//
//	GET  /v1/instructors/{id}/binding-code       {"instructor","code","keyId"}
//	GET  /v1/instructors/{id}/binding-code.png   the QR code of the code, PNG
//	GET  /v1/instructors/{id}/binding-code.svg   the same, SVG
//	POST /v1/bindings                            a roster.BindingRequest → import summary

// bindingCodes is how the platform writes and checks the binding codes of
// its instructors: the base URL they begin with, the key that signs them
// and the keys that verify them, the current one and those it replaced.
type bindingCodes struct {
	base     string
	keyID    string // of the key that signs
	signer   *roster.Signer
	verifier *roster.Verifier
}

// newBindingCodes returns the binding codes of base with keys, the first
// of which signs, and all verify.
func newBindingCodes(base string, keys []roster.Key) (*bindingCodes, error) {
	if len(keys) == 0 {
		return nil, errors.New("no binding-code key")
	}
	signer, err := roster.NewSigner(base, keys[0])
	if err != nil {
		return nil, err
	}
	verifier, err := roster.NewVerifier(base, keys...)
	if err != nil {
		return nil, err
	}
	return &bindingCodes{base: base, keyID: keys[0].ID, signer: signer, verifier: verifier}, nil
}

// bindingKeyEnv is the environment variable that gives the binding-code
// keys when -binding-keys does not.
const bindingKeyEnv = "JICENG_BINDING_KEY"

// keyCheckBase is a base URL that roster.NewVerifier takes, with which
// parseBindingKeys asks the library whether a key is one.
const keyCheckBase = "https://jiceng.invalid/b"

// parseBindingKeys reads the binding-code keys of text, from source (the
// file of -binding-keys, or $JICENG_BINDING_KEY): entries id:hex, the id
// of 1 to 16 letters, digits, '-' or '_' and the secret of at least
// roster.MinSecretLen bytes in hex, separated by line breaks, commas or
// spaces; blank lines and lines starting with # are skipped. The first
// key signs the codes; all of them verify. The message of an entry that
// is not a key names its number, never the entry, which holds a secret.
func parseBindingKeys(text, source string) ([]roster.Key, error) {
	var (
		keys []roster.Key
		seen = make(map[string]bool)
		n    int
	)
	text = strings.TrimPrefix(text, "\ufeff")
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, entry := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
			n++
			id, secretHex, ok := strings.Cut(entry, ":")
			secret, err := hex.DecodeString(secretHex)
			k := roster.Key{ID: id, Secret: secret}
			if ok && err == nil {
				_, err = roster.NewVerifier(keyCheckBase, k)
			}
			if !ok || err != nil {
				return nil, startupErr(codeBindingKey, map[string]any{"source": source, "number": n})
			}
			if seen[id] {
				return nil, startupErr(codeBindingKeyTwice, map[string]any{"source": source, "id": id})
			}
			seen[id] = true
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, startupErr(codeBindingKeysEmpty, map[string]any{"source": source})
	}
	return keys, nil
}

// bindingKeys returns the binding-code keys of -binding-keys, or else of
// $JICENG_BINDING_KEY; none when neither gives any.
func bindingKeys(o options, getenv func(string) string) ([]roster.Key, error) {
	if o.bindingKeys != "" {
		b, err := os.ReadFile(o.bindingKeys)
		if err != nil {
			return nil, startupErr(codeBindingKeysRead, map[string]any{"file": o.bindingKeys, "reason": err})
		}
		return parseBindingKeys(string(b), o.bindingKeys)
	}
	if v := getenv(bindingKeyEnv); strings.TrimSpace(v) != "" {
		return parseBindingKeys(v, "$"+bindingKeyEnv)
	}
	return nil, nil
}

// bindingBase returns the base URL of the binding codes: that of
// -public-url, else the URL the server listens at (listening, without a
// trailing slash), followed by /b.
func bindingBase(publicURL, listening string) (string, error) {
	if publicURL == "" {
		return listening + "/b", nil
	}
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.Opaque != "" {
		return "", startupErr(codePublicURL, map[string]any{"value": publicURL})
	}
	base := u.Scheme + "://" + u.Host + strings.TrimRight(u.EscapedPath(), "/") + "/b"
	if _, err := roster.NewVerifier(base, roster.Key{ID: "check", Secret: make([]byte, roster.MinSecretLen)}); err != nil {
		return "", startupErr(codePublicURL, map[string]any{"value": publicURL})
	}
	return base, nil
}

// setUpBindingCodes returns the binding codes of the platform that listens
// at listening (http://host:port): the keys of -binding-keys or
// $JICENG_BINDING_KEY or, with -demo, those the database keeps (see
// demoBindingKey); the base of -public-url or of listening. Without keys
// it returns nil, and the platform answers the routes of binding codes
// with 503 intake.bindingUnavailable.
func setUpBindingCodes(ctx context.Context, o options, st store, listening string, getenv func(string) string, log *slog.Logger) (*bindingCodes, error) {
	keys, err := bindingKeys(o, getenv)
	if err != nil {
		return nil, err
	}
	if keys == nil && o.demo {
		k, err := demoBindingKey(ctx, st)
		if err != nil {
			return nil, err
		}
		keys = []roster.Key{k}
	}
	if keys == nil {
		log.Warn("no binding-code keys (-binding-keys, $" + bindingKeyEnv + "): binding codes are neither issued nor verified")
		return nil, nil
	}
	base, err := bindingBase(o.publicURL, listening)
	if err != nil {
		return nil, err
	}
	codes, err := newBindingCodes(base, keys)
	if err != nil {
		return nil, err
	}
	if o.publicURL == "" && !o.demo {
		log.Warn("no -public-url: binding codes begin with the address the server listens at", "base", base)
	}
	log.Info("binding codes", "base", base, "signingKey", codes.keyID, "keys", len(keys))
	return codes, nil
}

// instructor returns the instructor of the register with the given id,
// whoever registered them, and whether there is one. When several
// submitters registered the id, it is the last in the order of division
// and submitter, the one a roster.Register of the records of a scope that
// holds them all keeps. A stored row it cannot use it skips, as the
// figures do.
func (s *server) instructor(ctx context.Context, id string) (*roster.Instructor, bool, error) {
	var found *roster.Instructor
	err := s.store.RecordsWithID(ctx, roster.KindInstructor, id, func(sr *storedRecord) error {
		row := []any{"kind", string(sr.Kind), "id", sr.ID, "submitter", sr.Submitter.String()}
		if sr.Err != nil {
			s.figures.skip("records", skipColumns, append(row, "err", sr.Err)...)
			return nil
		}
		rec, err := decodeStored(sr)
		if err != nil {
			s.figures.skip("records", skipBody, append(row, "err", err)...)
			return nil
		}
		if in, ok := rec.(*roster.Instructor); ok {
			found = in
		}
		return nil
	})
	return found, found != nil, err
}

// BindingCode is the answer of GET /v1/instructors/{id}/binding-code
// (指导员绑定码): the instructor's id, the binding code that the
// instructor's QR code carries, and the id of the key that signed it.
type BindingCode struct {
	Instructor string `json:"instructor"`
	Code       string `json:"code"`
	KeyID      string `json:"keyId"`
}

// instructorCode answers the request r for the binding code of the
// instructor of the path's id, returning the code, or answers with a
// problem and returns false: 503 without keys, 404 when the register
// within the token's division holds no such instructor.
func (s *server) instructorCode(w http.ResponseWriter, r *http.Request) (string, bool) {
	if s.cfg.Binding == nil {
		writeProblem(w, r, http.StatusServiceUnavailable, codeBindingUnavailable, nil)
		return "", false
	}
	id := r.PathValue("id")
	in, ok, err := s.instructor(r.Context(), id)
	if err != nil {
		s.internalError(w, r, "looking an instructor up", err)
		return "", false
	}
	if !ok || !within(scopeOf(principalOf(r.Context())), in.Division) {
		writeProblem(w, r, http.StatusNotFound, codeInstructorNotFound, map[string]any{"id": id})
		return "", false
	}
	code, err := s.cfg.Binding.signer.Sign(in.ID)
	if err != nil { // the register holds only ids a code can carry
		s.internalError(w, r, "signing a binding code", err)
		return "", false
	}
	return code, true
}

// codeCacheControl is how long an answer of a binding code may be reused:
// the code of an instructor changes only with the signing key or the
// base URL, and a code signed with a key the platform still holds keeps
// verifying after the key changed. The answers are for the token's
// reader only.
const codeCacheControl = "private, max-age=86400"

// notModified sets the cache headers of an answer that represents code
// as the given format, and answers 304 and reports true when r already
// holds it (If-None-Match).
func notModified(w http.ResponseWriter, r *http.Request, code, format string) bool {
	sum := sha256.Sum256([]byte("jiceng binding code " + format + " v1\n" + code))
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("Cache-Control", codeCacheControl)
	h.Set("ETag", etag)
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == etag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

// bindingCode answers GET /v1/instructors/{id}/binding-code.
func (s *server) bindingCode(w http.ResponseWriter, r *http.Request) {
	code, ok := s.instructorCode(w, r)
	if !ok || notModified(w, r, code, "json") {
		return
	}
	writeJSON(w, r, http.StatusOK, BindingCode{Instructor: r.PathValue("id"), Code: code, KeyID: s.cfg.Binding.keyID})
}

// bindingCodePNG answers GET /v1/instructors/{id}/binding-code.png.
func (s *server) bindingCodePNG(w http.ResponseWriter, r *http.Request) {
	s.bindingCodeImage(w, r, "png", "image/png", qrPNG)
}

// bindingCodeSVG answers GET /v1/instructors/{id}/binding-code.svg.
func (s *server) bindingCodeSVG(w http.ResponseWriter, r *http.Request) {
	s.bindingCodeImage(w, r, "svg", "image/svg+xml", qrSVG)
}

// bindingCodeImage answers with the QR code of an instructor's binding
// code, drawn by draw as an image of the media type.
func (s *server) bindingCodeImage(w http.ResponseWriter, r *http.Request, format, mediaType string, draw func(string) ([]byte, error)) {
	code, ok := s.instructorCode(w, r)
	if !ok || notModified(w, r, code, format) {
		return
	}
	img, err := draw(code)
	if err != nil {
		s.internalError(w, r, "drawing a QR code", err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Content-Length", strconv.Itoa(len(img)))
	h.Set("Content-Disposition", `inline; filename="binding-code-`+r.PathValue("id")+`.`+format+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	w.Write(img)
}

// The drawing of QR codes: each module qrModulePixels pixels wide in a
// PNG (an SVG scales), with the quiet zone of qrQuietModules modules that
// ISO/IEC 18004 asks for around the symbol, at error correction level Q
// (25 %), which a printed code smudged or folded still reads at.
const (
	qrModulePixels = 10
	qrQuietModules = 4
)

// qrEncode encodes text into a QR code with the platform's options.
func qrEncode(text string) (*qrcode.QRCode, error) {
	return qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionQuart))
}

// qrPNG returns the QR code of text as a PNG image: go-qrcode's matrix,
// each module a square of qrModulePixels pixels, black on white, inside
// the quiet zone, in a two-colour palette (a few hundred bytes).
func qrPNG(text string) ([]byte, error) {
	modules, err := qrModules(text)
	if err != nil {
		return nil, err
	}
	n := (len(modules) + 2*qrQuietModules) * qrModulePixels
	img := image.NewPaletted(image.Rect(0, 0, n, n), color.Palette{color.White, color.Black})
	for y, row := range modules {
		for x, dark := range row {
			if !dark {
				continue
			}
			x0, y0 := (x+qrQuietModules)*qrModulePixels, (y+qrQuietModules)*qrModulePixels
			for py := y0; py < y0+qrModulePixels; py++ {
				for px := x0; px < x0+qrModulePixels; px++ {
					img.SetColorIndex(px, py, 1)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// matrixWriter is a writer of go-qrcode that keeps the matrix of the
// code it is given: its modules, dark (true) or light, row by row.
type matrixWriter struct{ modules [][]bool }

func (m *matrixWriter) Write(mat qrcode.Matrix) error {
	m.modules = mat.Bitmap()
	return nil
}

func (*matrixWriter) Close() error { return nil }

// qrModules returns the modules of the QR code of text, row by row, as
// go-qrcode encodes it, without the quiet zone.
func qrModules(text string) ([][]bool, error) {
	q, err := qrEncode(text)
	if err != nil {
		return nil, err
	}
	var m matrixWriter
	if err := q.Save(&m); err != nil {
		return nil, err
	}
	if len(m.modules) == 0 {
		return nil, errors.New("QR code without modules")
	}
	return m.modules, nil
}

// qrSVG returns the QR code of text as an SVG image: go-qrcode's matrix,
// a square of one unit for each dark module, on a white square that
// holds the quiet zone, drawn with crisp edges so that no antialiasing
// blurs the modules, at the size of the PNG.
func qrSVG(text string) ([]byte, error) {
	modules, err := qrModules(text)
	if err != nil {
		return nil, err
	}
	n := len(modules) + 2*qrQuietModules
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 %d %d" width="%d" height="%d" shape-rendering="crispEdges">`+"\n"+
		`<rect width="%d" height="%d" fill="#fff"/>`+"\n"+`<g fill="#000">`+"\n",
		n, n, n*qrModulePixels, n*qrModulePixels, n, n)
	for y, row := range modules {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="1" height="1"/>`, x+qrQuietModules, y+qrQuietModules)
			}
		}
		b.WriteByte('\n')
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes(), nil
}

// bindingBodyLimit is the largest body of POST /v1/bindings: a binding
// request is a few hundred bytes.
const bindingBodyLimit = 64 << 10

// bind takes a binding request (扫码绑定, POST /v1/bindings): the binding
// code a resident scanned and the resident's side of the binding. It
// verifies the code, makes the binding with roster.BindingFromCode, which
// names the instructor as the register has them, and takes it as
// /v1/submissions takes one record (see acceptRecords): validated, held
// within the token's division, refused in a locked period, stored under
// the token's division with the resident's citizen ID pseudonymised,
// under an Idempotency-Key, or not stored with ?dryRun=true. The answer is
// the import summary, 200, or 422 intake.rejected when the binding is
// rejected; a code refused is 422 with the library's code (bindingCode.*,
// roster.instructorUnknown) and the path /code.
func (s *server) bind(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Binding == nil {
		writeProblem(w, r, http.StatusServiceUnavailable, codeBindingUnavailable, nil)
		return
	}
	s.acceptRecords(w, r, bindingBodyLimit, &intakeForm{records: s.bindingRecord})
}

// bindingMembers are the members a binding request may hold (see
// roster.BindingRequest).
var bindingMembers = map[string]bool{"id": true, "code": true, "division": true, "resident": true, "boundAt": true}

// A jsonMember is a member of a JSON object, its value as it was written.
type jsonMember struct {
	name  string
	value json.RawMessage
}

// objectMembers returns the members of the JSON object body, in order,
// repetitions included, and false when body is not one JSON object.
func objectMembers(body []byte) ([]jsonMember, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var ms []jsonMember
	for dec.More() {
		t, err := dec.Token()
		name, ok := t.(string)
		if err != nil || !ok {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		ms = append(ms, jsonMember{name, v})
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return ms, true
}

// bindingRecord turns the binding request raw into the binding record to
// take (a recordsOfBody of acceptRecords): the members of the request but
// the code, which names the instructor, and the instructor and the way of
// the binding made by roster.BindingFromCode. The resident's side is
// passed on as written, for the library's decoder to read as it reads a
// submitted binding: strictly, with the issues of a member at the path of
// the request's member, which is the record's.
func (s *server) bindingRecord(w http.ResponseWriter, r *http.Request, raw []byte, encoding healthedu.Encoding, p *principal) ([]byte, healthedu.Encoding, bool) {
	if encoding == healthedu.GB18030 {
		text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
		if err != nil {
			badRequest(w, r, codeUnreadable, nil)
			return nil, 0, false
		}
		raw = text
	}
	members, ok := objectMembers(bytes.TrimPrefix(raw, []byte("\ufeff")))
	if !ok {
		badRequest(w, r, codeBindingBody, nil)
		return nil, 0, false
	}
	var req roster.BindingRequest
	codes := 0
	for _, m := range members {
		if m.name == "code" {
			codes++
			json.Unmarshal(m.value, &req.Code) // not a string: no code, refused as malformed
		}
		if !bindingMembers[m.name] || codes > 1 {
			writeIssueProblem(w, r, http.StatusBadRequest, healthedu.NewIssue(codeBindingMember, pointerTo(m.name), map[string]any{"member": m.name}))
			return nil, 0, false
		}
	}
	var lookupErr error
	b, issues := roster.BindingFromCode(req, s.cfg.Binding.verifier, func(id string) (*roster.Instructor, bool) {
		in, ok, err := s.instructor(r.Context(), id)
		lookupErr = err
		return in, ok
	})
	switch {
	case lookupErr != nil:
		s.internalError(w, r, "looking an instructor up", lookupErr)
		return nil, 0, false
	case len(issues) > 0:
		s.log.Info("binding code refused", "code", issues[0].Code, "token", p.ID)
		writeIssueProblem(w, r, http.StatusUnprocessableEntity, issues[0])
		return nil, 0, false
	}
	rec, err := bindingRecordJSON(b, members)
	if err != nil {
		s.internalError(w, r, "writing a binding", err)
		return nil, 0, false
	}
	s.log.Info("binding code verified", "instructor", b.Instructor.ID, "token", p.ID)
	return rec, healthedu.UTF8, true
}

// bindingRecordJSON writes the binding record of a request: its header,
// the members of the request but the code, each on the same line, and the
// instructor and the way of the binding b.
func bindingRecordJSON(b *healthedu.Binding, members []jsonMember) ([]byte, error) {
	var out bytes.Buffer
	put := func(name string, v any) error {
		out.WriteByte(',')
		enc, err := json.Marshal(name)
		if err != nil {
			return err
		}
		out.Write(enc)
		out.WriteByte(':')
		switch v := v.(type) {
		case json.RawMessage:
			return json.Compact(&out, v)
		default:
			enc, err := json.Marshal(v)
			out.Write(enc)
			return err
		}
	}
	out.WriteByte('{')
	enc, err := json.Marshal(b.SchemaVersion)
	if err != nil {
		return nil, err
	}
	out.WriteString(`"schemaVersion":`)
	out.Write(enc)
	if err := put("kind", b.Kind); err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.name != "code" {
			if err := put(m.name, m.value); err != nil {
				return nil, err
			}
		}
	}
	if err := put("instructor", b.Instructor); err != nil {
		return nil, err
	}
	if err := put("via", b.Via); err != nil {
		return nil, err
	}
	out.WriteString("}\n")
	return out.Bytes(), nil
}

// pointerTo returns the JSON Pointer of the member name of the document's
// object (RFC 6901).
func pointerTo(name string) string {
	return "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}

// IssueProblem is a problem that reports an issue of the request's body
// (请求内容问题): its code, params and message, and Path, the JSON Pointer
// of the member at fault, such as /code for a binding code refused.
type IssueProblem struct {
	httpapi.Problem
	Path string `json:"path"`
}

// writeIssueProblem answers r with the problem of status that reports the
// issue is.
func writeIssueProblem(w http.ResponseWriter, r *http.Request, status int, is healthedu.Issue) {
	lang := httpapi.Language(r)
	p := newProblem(status, is.Code, lang, is.Params)
	p.Instance = redactLoose(r.URL.Path)
	writeJSONAs(w, status, httpapi.MediaProblem, lang, IssueProblem{Problem: p, Path: redactLoose(is.Path)})
}
