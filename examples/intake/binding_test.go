package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/makiuchi-d/gozxing"
	gzqrcode "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jiceng/jiceng/examples/intake/internal/wire"
	"github.com/jiceng/jiceng/examples/internal/httpapi/httpapitest"
	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

// The binding codes of the tests: the platform's base, its current key
// and the key it replaced.
const testBindingBase = "https://jiceng.example/b"

var (
	testBindingKey    = roster.Key{ID: "2026a", Secret: testSecret("2026a")}
	testBindingKeyOld = roster.Key{ID: "2025a", Secret: testSecret("2025a")}
)

// testSecret returns a secret of 32 bytes made from label.
func testSecret(label string) []byte {
	s := sha256.Sum256([]byte("binding test key " + label))
	return s[:]
}

// mustBindingCodes returns the binding codes of testBindingBase with keys.
func mustBindingCodes(t testing.TB, keys ...roster.Key) *bindingCodes {
	t.Helper()
	c, err := newBindingCodes(testBindingBase, keys)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// withBinding sets the binding codes of keys on a harness's config.
func withBinding(t testing.TB, keys ...roster.Key) func(*config) {
	c := mustBindingCodes(t, keys...)
	return func(cfg *config) { cfg.Binding = c }
}

// registerInstructors registers two instructors: GL-HI-01 of 古楼街道
// by its token, giving a citizen ID number, and LY-HI-01 of 柳园街道 by
// its own.
func registerInstructors(t *testing.T, h *harness) {
	t.Helper()
	instructor := func(id, division, cid string) []byte {
		extra := ""
		if cid != "" {
			extra = `,"citizenId":"` + cid + `"`
		}
		return []byte(`{"schemaVersion":"1","kind":"instructor","id":"` + id + `","name":"李梅","level":"township","division":"` + division + `",` +
			`"institution":{"name":"街道社区卫生服务中心"},"roles":["health-instructor"]` + extra + "}\n")
	}
	for _, tc := range []struct{ token, id, division, cid string }{
		{tokenGulou, "GL-HI-01", "371502001", citizenID("37150219850101012")},
		{tokenLiuyuan, "LY-HI-01", "371502002", ""},
	} {
		if sm := h.submit(tc.token, instructor(tc.id, tc.division, tc.cid)).summary(t); sm.Imported != 1 {
			t.Fatalf("registering %s: %+v %+v", tc.id, countsOf(sm), sm.Issues)
		}
	}
}

// bindingRequest returns the body of POST /v1/bindings.
func bindingRequest(id, code, division, cid string, boundAt time.Time) []byte {
	return fmt.Appendf(nil, `{"id":%q,"code":%q,"division":%q,"resident":{"citizenId":%q,"consent":{"community":true,"medical":false}},"boundAt":%q}`,
		id, code, division, cid, boundAt.Format(time.RFC3339))
}

// bind posts a binding request with token.
func (h *harness) bind(token string, body []byte, headers ...string) answer {
	h.t.Helper()
	return h.request("POST", "/v1/bindings", token, body, append([]string{"Content-Type", "application/json"}, headers...)...)
}

// decodeQR decodes the QR code of img with gozxing, a decoder that shares
// nothing with the encoder.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	if err != nil {
		t.Fatalf("gozxing cannot read the QR code: %v", err)
	}
	return res.GetText()
}

// svgImage is what the test reads of the SVG of a QR code.
type svgImage struct {
	XMLName        xml.Name  `xml:"svg"`
	ViewBox        string    `xml:"viewBox,attr"`
	Width          int       `xml:"width,attr"`
	ShapeRendering string    `xml:"shape-rendering,attr"`
	Background     []svgRect `xml:"rect"`
	Modules        []svgRect `xml:"g>rect"`
}

type svgRect struct {
	X      int    `xml:"x,attr"`
	Y      int    `xml:"y,attr"`
	Width  string `xml:"width,attr"`
	Height string `xml:"height,attr"`
	Fill   string `xml:"fill,attr"`
}

// rasterise draws the modules of an SVG QR code of n×n units, scale
// pixels a unit, black on white.
func rasterise(s svgImage, n, scale int) image.Image {
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for _, r := range s.Modules {
		for y := r.Y * scale; y < (r.Y+1)*scale; y++ {
			for x := r.X * scale; x < (r.X+1)*scale; x++ {
				img.SetGray(x, y, color.Gray{})
			}
		}
	}
	return img
}

// TestBindingCodeScannedAndBound fetches an instructor's binding code and
// its QR code as PNG and SVG, reads both images back with an independent
// decoder, posts the code read as a resident's scan, and checks the
// binding stored and counted in residents-bound-per-instructor.
func TestBindingCodeScannedAndBound(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t), withBinding(t, testBindingKey, testBindingKeyOld))
		registerInstructors(t, h)
		want, err := h.srv.cfg.Binding.signer.Sign("GL-HI-01")
		if err != nil {
			t.Fatal(err)
		}

		// The code, as JSON, which openapi.json describes.
		ans := h.request("GET", "/v1/instructors/GL-HI-01/binding-code", tokenGulou, nil)
		var got BindingCode
		ans.json(t, &got)
		if diff := cmp.Diff(BindingCode{Instructor: "GL-HI-01", Code: want, KeyID: "2026a"}, got); ans.status != 200 || diff != "" {
			t.Fatalf("binding code %d (-want +got):\n%s", ans.status, diff)
		}
		if !strings.HasPrefix(want, testBindingBase+"?i=GL-HI-01&k=2026a&s=") {
			t.Errorf("code %s", want)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ans.body))
		if err != nil {
			t.Fatal(err)
		}
		if err := openAPISchema(t, "BindingCode").Validate(doc); err != nil {
			t.Errorf("the answer does not match BindingCode: %v", err)
		}
		etag := ans.header.Get("ETag")
		if cc := ans.header.Get("Cache-Control"); cc != codeCacheControl || etag == "" {
			t.Errorf("Cache-Control %q, ETag %q", cc, etag)
		}
		if again := h.request("GET", "/v1/instructors/GL-HI-01/binding-code", tokenGulou, nil, "If-None-Match", etag); again.status != http.StatusNotModified || len(again.body) != 0 {
			t.Errorf("with If-None-Match: %d %q", again.status, again.body)
		}

		// The PNG, read back by gozxing.
		ans = h.request("GET", "/v1/instructors/GL-HI-01/binding-code.png", tokenGulou, nil)
		if ans.status != 200 || ans.header.Get("Content-Type") != "image/png" || ans.header.Get("Cache-Control") != codeCacheControl {
			t.Fatalf("PNG: %d %v", ans.status, ans.header)
		}
		img, err := png.Decode(bytes.NewReader(ans.body))
		if err != nil {
			t.Fatal(err)
		}
		scanned := decodeQR(t, img)
		if scanned != want {
			t.Fatalf("the PNG reads %q, want %q", scanned, want)
		}
		if b := img.Bounds(); b.Dx() != b.Dy() || (b.Dx()/qrModulePixels-2*qrQuietModules-17)%4 != 0 {
			t.Errorf("PNG of %v: not whole modules of a QR code and its quiet zone", b)
		}
		if etagPNG := ans.header.Get("ETag"); etagPNG == "" || etagPNG == etag {
			t.Errorf("ETag of the PNG %q, of the JSON %q", etagPNG, etag)
		}

		// The SVG: XML, modules of one unit in whole numbers, a quiet zone
		// of four, and, drawn, the same code.
		ans = h.request("GET", "/v1/instructors/GL-HI-01/binding-code.svg", tokenGulou, nil)
		if ans.status != 200 || ans.header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("SVG: %d %v", ans.status, ans.header)
		}
		var s svgImage
		if err := xml.Unmarshal(ans.body, &s); err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
		var n int
		if _, err := fmt.Sscanf(s.ViewBox, "0 0 %d %d", &n, &n); err != nil {
			t.Fatalf("viewBox %q", s.ViewBox)
		}
		version := (n - 2*qrQuietModules - 17) / 4
		if n-2*qrQuietModules != 17+4*version || version < 1 || version > 40 || s.Width != n*qrModulePixels || s.ShapeRendering != "crispEdges" {
			t.Errorf("SVG of %d units, width %d, shape-rendering %q: not a QR code with its quiet zone", n, s.Width, s.ShapeRendering)
		}
		if len(s.Background) != 1 || s.Background[0].Fill != "#fff" || s.Background[0].Width != fmt.Sprint(n) {
			t.Errorf("SVG background %+v", s.Background)
		}
		for _, r := range s.Modules {
			if r.Width != "1" || r.Height != "1" || r.X < qrQuietModules || r.Y < qrQuietModules || r.X >= n-qrQuietModules || r.Y >= n-qrQuietModules {
				t.Fatalf("SVG module %+v: not one unit within the symbol", r)
			}
		}
		// The finder pattern at the top left: 7×7, with its light ring.
		dark := make(map[[2]int]bool)
		for _, r := range s.Modules {
			dark[[2]int{r.X - qrQuietModules, r.Y - qrQuietModules}] = true
		}
		for y := range 7 {
			for x := range 7 {
				ring := x == 0 || y == 0 || x == 6 || y == 6
				core := x >= 2 && x <= 4 && y >= 2 && y <= 4
				if dark[[2]int{x, y}] != (ring || core) {
					t.Fatalf("SVG module (%d,%d) of the finder pattern is wrong", x, y)
				}
			}
		}
		if len(dark) != len(s.Modules) {
			t.Errorf("SVG modules drawn twice: %d rects, %d modules", len(s.Modules), len(dark))
		}
		if got := decodeQR(t, rasterise(s, n, 4)); got != want {
			t.Errorf("the SVG reads %q, want %q", got, want)
		}
		// Module by module, the SVG is the PNG, not its mirror image (which
		// a lenient decoder reads too).
		if img.Bounds().Dx() != n*qrModulePixels {
			t.Fatalf("PNG of %d pixels, SVG of %d modules", img.Bounds().Dx(), n)
		}
		for y := range n {
			for x := range n {
				r, _, _, _ := img.At(x*qrModulePixels+qrModulePixels/2, y*qrModulePixels+qrModulePixels/2).RGBA()
				if pngDark, svgDark := r < 0x8000, dark[[2]int{x - qrQuietModules, y - qrQuietModules}]; pngDark != svgDark {
					t.Fatalf("module (%d,%d): dark in the PNG %v, in the SVG %v", x, y, pngDark, svgDark)
				}
			}
		}

		// A resident in 古楼街道 scans it: the binding is stored, naming
		// the instructor as the register has them.
		cid := citizenID("37150219900303003")
		boundAt := at(2025, 12, 15, 10)
		sm := h.bind(tokenGulou, bindingRequest("B-1", scanned, "371502001", cid, boundAt)).summary(t)
		if diff := cmp.Diff(counts{1, 1, 0, 0, 0}, countsOf(sm)); diff != "" || sm.Status != "success" {
			t.Fatalf("binding (-want +got):\n%s\n%+v", diff, sm.Issues)
		}
		var stored *storedRecord
		for _, r := range h.stored() {
			if r.Kind == healthedu.KindBinding {
				stored = &r
			}
		}
		if stored == nil {
			t.Fatal("no binding stored")
		}
		parsed, _ := healthedu.ParseCitizenID(cid)
		rec, err := decodeStored(stored)
		if err != nil {
			t.Fatal(err)
		}
		b := rec.(*healthedu.Binding)
		wantBinding := healthedu.Instructor{ID: "GL-HI-01", Name: "李梅", Role: "health-instructor", Division: healthedu.MustParseDivisionCode("371502001")}
		if diff := cmp.Diff(wantBinding, b.Instructor, equateCodes); diff != "" || b.Via != healthedu.BindingViaCode || b.ID != "B-1" ||
			stored.Submitter.String() != "371502001000" || stored.Period.String() != "202512" || stored.Pseudonym != parsed.Pseudonym(testKey).String() {
			t.Errorf("stored binding %+v (-want +got instructor):\n%s", stored, diff)
		}
		if bytes.Contains(stored.Body, []byte(cid)) || !bytes.Contains(stored.Body, []byte(parsed.Masked())) {
			t.Errorf("stored body %s", stored.Body)
		}

		// The figures count it: one resident bound to one instructor in
		// 古楼街道, at the end of December.
		ans = h.request("GET", "/v1/indicators?under=371502001&period=202512&indicators=residents-bound-per-instructor", tokenGulou, nil)
		var inds wire.Indicators
		ans.json(t, &inds)
		if len(inds.Rows) != 1 || inds.Rows[0].Numerator == nil || *inds.Rows[0].Numerator != 1 ||
			inds.Rows[0].Denominator == nil || *inds.Rows[0].Denominator != 1 || inds.Rows[0].Value == nil || *inds.Rows[0].Value != "1.0" {
			t.Errorf("residents-bound-per-instructor: %s", ans.body)
		}

		// The same scan again is the same binding; under an Idempotency-Key
		// the first answer is replayed.
		body := bindingRequest("B-2", scanned, "371502001", citizenID("37150219750615002"), boundAt)
		if sm := h.bind(tokenGulou, bindingRequest("B-1", scanned, "371502001", cid, boundAt)).summary(t); sm.Ignored != 1 {
			t.Errorf("the same binding again: %+v", countsOf(sm))
		}
		first := h.bind(tokenGulou, body, "Idempotency-Key", "scan-2")
		again := h.bind(tokenGulou, body, "Idempotency-Key", "scan-2")
		if first.summary(t).Imported != 1 || again.header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(first.body, again.body) {
			t.Errorf("Idempotency-Key: %s, then %v %s", first.body, again.header, again.body)
		}
		if n := h.count(); n != 4 {
			t.Errorf("%d records stored, want 2 instructors and 2 bindings", n)
		}
	})
}

// TestBindingCodeScope checks that an instructor's code is read within the
// token's division only, like every read, and that an instructor the
// register lacks is 404.
func TestBindingCodeScope(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), withBinding(t, testBindingKey))
	registerInstructors(t, h)
	for _, tc := range []struct {
		token, id string
		status    int
	}{
		{tokenGulou, "GL-HI-01", 200},
		{tokenGulou, "LY-HI-01", 404}, // 柳园's, outside 古楼
		{tokenLiuyuan, "LY-HI-01", 200},
		{tokenReader, "LY-HI-01", 200}, // a reader of 聊城
		{tokenDonge, "GL-HI-01", 404},  // 东阿县's
		{tokenCity, "GL-HI-99", 404},   // nobody
		{"", "GL-HI-01", 401},
	} {
		for _, suffix := range []string{"", ".png", ".svg"} {
			ans := h.request("GET", "/v1/instructors/"+tc.id+"/binding-code"+suffix, tc.token, nil)
			if ans.status != tc.status {
				t.Errorf("%s by %s: %d %s", tc.id+suffix, tc.token, ans.status, ans.body)
			}
			if tc.status == 404 {
				if code := ans.problemCode(t); code != codeInstructorNotFound {
					t.Errorf("%s by %s: %s", tc.id+suffix, tc.token, code)
				}
			}
		}
	}
}

// TestBindingCodeRefused posts codes forged or altered in every way — a
// character of the signature or of the instructor's id changed, the key
// id changed, the parameters reordered or one added, another host, a key
// retired, an instructor the register lacks — and bodies that are not a
// binding request, and checks each refused with its code and path, and
// nothing stored.
func TestBindingCodeRefused(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), withBinding(t, testBindingKey, testBindingKeyOld))
	registerInstructors(t, h)
	code, err := h.srv.cfg.Binding.signer.Sign("GL-HI-01")
	if err != nil {
		t.Fatal(err)
	}
	sig := code[strings.Index(code, "&s=")+3:]
	flip := func(s string, i int) string { // s with its character i changed
		c := byte('A')
		if s[i] == 'A' {
			c = 'B'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	retired, _ := mustBindingCodes(t, roster.Key{ID: "2024a", Secret: testSecret("2024a")}).signer.Sign("GL-HI-01")
	rogue, _ := mustBindingCodes(t, roster.Key{ID: "2026a", Secret: testSecret("rogue")}).signer.Sign("GL-HI-01")
	otherHost, _ := func() (string, error) {
		c, err := newBindingCodes("https://other.example/b", []roster.Key{testBindingKey})
		if err != nil {
			return "", err
		}
		return c.signer.Sign("GL-HI-01")
	}()
	unknown, _ := h.srv.cfg.Binding.signer.Sign("GL-HI-99")
	cid := citizenID("37150219900303003")
	req := func(code string) []byte { return bindingRequest("B-1", code, "371502001", cid, at(2025, 12, 15, 10)) }
	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		code   string
		path   string
	}{
		{"signature changed, first character", req(strings.Replace(code, sig, flip(sig, 0), 1)), 422, "bindingCode.signature", "/code"},
		{"signature changed, last character", req(strings.Replace(code, sig, flip(sig, len(sig)-1), 1)), 422, "bindingCode.signature", "/code"},
		{"instructor id changed", req(strings.Replace(code, "i=GL-HI-01", "i=GL-HI-02", 1)), 422, "bindingCode.signature", "/code"},
		{"instructor id of another instructor", req(strings.Replace(code, "i=GL-HI-01", "i=LY-HI-01", 1)), 422, "bindingCode.signature", "/code"},
		{"key id changed to an unknown one", req(strings.Replace(code, "k=2026a", "k=2026b", 1)), 422, "bindingCode.unknownKey", "/code"},
		{"key id changed to the old key", req(strings.Replace(code, "k=2026a", "k=2025a", 1)), 422, "bindingCode.signature", "/code"},
		{"rogue key of the same id", req(rogue), 422, "bindingCode.signature", "/code"},
		{"retired key", req(retired), 422, "bindingCode.unknownKey", "/code"},
		{"parameters reordered", req(testBindingBase + "?k=2026a&i=GL-HI-01&s=" + sig), 422, "bindingCode.malformed", "/code"},
		{"parameter added", req(code + "&x=1"), 422, "bindingCode.malformed", "/code"},
		{"parameter added before", req(testBindingBase + "?x=1&i=GL-HI-01&k=2026a&s=" + sig), 422, "bindingCode.malformed", "/code"},
		{"signature cut", req(code[:len(code)-1]), 422, "bindingCode.malformed", "/code"},
		{"another host", req(otherHost), 422, "bindingCode.foreign", "/code"},
		{"no code", []byte(`{"id":"B-1","division":"371502001","resident":{"citizenId":"` + cid + `"},"boundAt":"2025-12-15T10:00:00+08:00"}`), 422, "bindingCode.malformed", "/code"},
		{"code not a string", []byte(`{"id":"B-1","code":42,"division":"371502001","resident":{"citizenId":"` + cid + `"},"boundAt":"2025-12-15T10:00:00+08:00"}`), 422, "bindingCode.malformed", "/code"},
		{"instructor not registered", req(unknown), 422, "roster.instructorUnknown", "/code"},
		{"code twice", bytes.Replace(req(code), []byte(`"division"`), []byte(`"code":"`+code+`","division"`), 1), 400, codeBindingMember, "/code"},
		{"instructor given", bytes.Replace(req(code), []byte(`"division"`), []byte(`"instructor":{"id":"LY-HI-01"},"division"`), 1), 400, codeBindingMember, "/instructor"},
		{"a member with a slash", bytes.Replace(req(code), []byte(`"division"`), []byte(`"a/b~":1,"division"`), 1), 400, codeBindingMember, "/a~1b~0"},
		{"not an object", []byte(`["` + code + `"]`), 400, codeBindingBody, ""},
		{"two objects", append(req(code), req(code)...), 400, codeBindingBody, ""},
		{"not JSON", []byte("i=GL-HI-01"), 400, codeBindingBody, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.bind(tokenGulou, tc.body)
			var p IssueProblem
			ans.json(t, &p)
			if ans.status != tc.status || ans.problemCode(t) != tc.code || p.Path != tc.path {
				t.Errorf("%d %s at %q, want %d %s at %q: %s", ans.status, p.Code, p.Path, tc.status, tc.code, tc.path, ans.body)
			}
			if tc.path != "" {
				doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(ans.body))
				if err := openAPISchema(t, "IssueProblem").Validate(doc); err != nil {
					t.Errorf("the answer does not match IssueProblem: %v", err)
				}
			}
			if bytes.Contains(ans.body, []byte(cid)) {
				t.Errorf("the answer holds the citizen ID: %s", ans.body)
			}
		})
	}
	if n := h.count(); n != 2 {
		t.Errorf("%d records stored, want only the 2 instructors", n)
	}
}

// TestBindingRejected checks that a binding made from a valid code is
// validated as a submitted one: a resident outside the instructor's area
// (a warning of the library: taken, and said), a citizen ID that is not
// one, a division outside the token's, a reader's token; and that a dry
// run stores nothing.
func TestBindingRejected(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), withBinding(t, testBindingKey))
	registerInstructors(t, h)
	code, _ := h.srv.cfg.Binding.signer.Sign("GL-HI-01")
	day := at(2025, 12, 15, 10)
	type issue struct{ Code, Path string }
	for _, tc := range []struct {
		name, token, division, cid string
		status                     int
		want                       []issue
	}{
		{"outside the instructor's area", tokenLiuyuan, "371502002", citizenID("37150219900303003"), 200, []issue{{"binding.outsideInstructorArea", "/division"}}},
		{"citizen ID check character", tokenGulou, "371502001", "371502199003030030", 422, []issue{{"citizenId.checksum", "/resident/citizenId"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ans := h.bind(tc.token, bindingRequest("B-R", code, tc.division, tc.cid, day))
			sm := ans.summary(t)
			var got []issue
			for _, is := range sm.Issues {
				got = append(got, issue{is.Code, is.Path})
			}
			if diff := cmp.Diff(tc.want, got); ans.status != tc.status || diff != "" {
				t.Errorf("%d (-want +got):\n%s", ans.status, diff)
			}
		})
	}
	// 柳园's token for a resident of 古楼: outside the token's division.
	if ans := h.bind(tokenLiuyuan, bindingRequest("B-F", code, "371502001", citizenID("37150219900303003"), day)); ans.status != 403 || ans.problemCode(t) != codeForbidden {
		t.Errorf("a binding outside the token's division: %d %s", ans.status, ans.body)
	}
	if ans := h.bind(tokenReader, bindingRequest("B-F", code, "371502001", citizenID("37150219900303003"), day)); ans.status != 403 || ans.problemCode(t) != codeRole {
		t.Errorf("a reader's binding: %d %s", ans.status, ans.body)
	}
	// A dry run counts and stores nothing.
	before := h.count()
	ans := h.request("POST", "/v1/bindings?dryRun=true", tokenGulou, bindingRequest("B-D", code, "371502001", citizenID("37150219900303003"), day), "Content-Type", "application/json")
	if sm := ans.summary(t); !sm.DryRun || sm.Imported != 1 || h.count() != before {
		t.Errorf("dry run: %+v, %d stored", countsOf(sm), h.count())
	}
}

// TestBindingKeyRotation checks that a code signed with the key that was
// replaced still binds while that key is configured after the new one,
// that codes are signed with the new one, and that a code of a key
// retired is refused.
func TestBindingKeyRotation(t *testing.T) {
	old := mustBindingCodes(t, testBindingKeyOld)
	oldCode, err := old.signer.Sign("GL-HI-01")
	if err != nil {
		t.Fatal(err)
	}
	cid := citizenID("37150219900303003")
	for _, tc := range []struct {
		name   string
		keys   []roster.Key
		status int
		code   string
	}{
		{"old key only", []roster.Key{testBindingKeyOld}, 200, ""},
		{"new key first, old key after", []roster.Key{testBindingKey, testBindingKeyOld}, 200, ""},
		{"old key retired", []roster.Key{testBindingKey}, 422, "bindingCode.unknownKey"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, openTestSQLite(t), withBinding(t, tc.keys...))
			registerInstructors(t, h)
			var got BindingCode
			h.request("GET", "/v1/instructors/GL-HI-01/binding-code", tokenGulou, nil).json(t, &got)
			if got.KeyID != tc.keys[0].ID || !strings.Contains(got.Code, "&k="+tc.keys[0].ID+"&") {
				t.Errorf("code %+v, want one signed with %s", got, tc.keys[0].ID)
			}
			ans := h.bind(tokenGulou, bindingRequest("B-1", oldCode, "371502001", cid, at(2025, 12, 15, 10)))
			if ans.status != tc.status || (tc.code != "" && ans.problemCode(t) != tc.code) {
				t.Errorf("the old key's code: %d %s", ans.status, ans.body)
			}
		})
	}
}

// TestBindingWithoutKey checks that a platform without a binding-code key
// answers every route of binding codes with a problem, not a panic.
func TestBindingWithoutKey(t *testing.T) {
	h := newHarness(t, openTestSQLite(t))
	registerInstructors(t, h)
	for _, path := range []string{"/v1/instructors/GL-HI-01/binding-code", "/v1/instructors/GL-HI-01/binding-code.png", "/v1/instructors/GL-HI-01/binding-code.svg"} {
		if ans := h.request("GET", path, tokenGulou, nil); ans.status != 503 || ans.problemCode(t) != codeBindingUnavailable {
			t.Errorf("%s: %d %s", path, ans.status, ans.body)
		}
	}
	ans := h.bind(tokenGulou, bindingRequest("B-1", testBindingBase+"?i=GL-HI-01&k=2026a&s=x", "371502001", citizenID("37150219900303003"), at(2025, 12, 15, 10)))
	if ans.status != 503 || ans.problemCode(t) != codeBindingUnavailable {
		t.Errorf("POST /v1/bindings: %d %s", ans.status, ans.body)
	}
	if strings.Contains(h.logs.String(), `"msg":"panic"`) {
		t.Errorf("a panic was logged:\n%s", h.logs.String())
	}
}

// TestBindingNoCitizenID binds residents, rightly and wrongly, in every
// language, and checks that no citizen ID number appears in clear in an
// answer, the logs or the database.
func TestBindingNoCitizenID(t *testing.T) {
	h := newHarness(t, openTestSQLite(t), withBinding(t, testBindingKey))
	registerInstructors(t, h)
	code, _ := h.srv.cfg.Binding.signer.Sign("GL-HI-01")
	cid := citizenID("37150219900303003")
	instructorCID := citizenID("37150219850101012")
	day := at(2025, 12, 15, 10)
	var answers []string
	for _, lang := range []string{"zh-CN", "zh-TW", "en"} {
		for _, body := range [][]byte{
			bindingRequest("B-1", code, "371502001", cid, day),
			bindingRequest("B-2", code+"x", "371502001", cid, day),
			bindingRequest("B-3", code, "371502002", cid, day),
			bindingRequest(cid, code, "371502001", cid, day), // the id a citizen ID
			bytes.Replace(bindingRequest("B-4", code, "371502001", cid, day), []byte(`"division"`), []byte(`"`+cid+`":1,"division"`), 1),
		} {
			ans := h.bind(tokenGulou, body, "Accept-Language", lang)
			answers = append(answers, string(ans.body))
		}
		ans := h.request("GET", "/v1/instructors/GL-HI-01/binding-code", tokenGulou, nil, "Accept-Language", lang)
		answers = append(answers, string(ans.body))
	}
	var stored []string
	for _, r := range h.stored() {
		stored = append(stored, string(r.Body))
	}
	for where, text := range map[string]string{"answers": strings.Join(answers, "\n"), "logs": h.logs.String(), "database": strings.Join(stored, "\n")} {
		for _, id := range []string{cid, instructorCID} {
			if strings.Contains(text, id) {
				t.Errorf("the %s hold %s in clear:\n%s", where, id, text)
			}
		}
	}
}

func TestParseBindingKeys(t *testing.T) {
	secret := strings.Repeat("ab", 32)
	short := strings.Repeat("ab", 31)
	type key struct{ ID, Secret string }
	for _, tc := range []struct {
		name, text string
		want       []key
		code       string
		params     map[string]any
	}{
		{"one", "2026a:" + secret, []key{{"2026a", secret}}, "", nil},
		{"a file, the first signing", "\ufeff# keys\n2026a:" + secret + "\n\n2025a:" + strings.ToUpper(secret) + "\n", []key{{"2026a", secret}, {"2025a", secret}}, "", nil},
		{"commas and spaces", " 2026a:" + secret + ", 2025_a:" + secret + "  k-3:" + secret, []key{{"2026a", secret}, {"2025_a", secret}, {"k-3", secret}}, "", nil},
		{"no colon", secret, nil, codeBindingKey, map[string]any{"source": "src", "number": 1}},
		{"not hex", "2026a:" + secret + "\n2025a:xyz", nil, codeBindingKey, map[string]any{"source": "src", "number": 2}},
		{"secret too short", "2026a:" + short, nil, codeBindingKey, map[string]any{"source": "src", "number": 1}},
		{"id too long", strings.Repeat("k", 17) + ":" + secret, nil, codeBindingKey, map[string]any{"source": "src", "number": 1}},
		{"id with a dot", "k.1:" + secret, nil, codeBindingKey, map[string]any{"source": "src", "number": 1}},
		{"no id", ":" + secret, nil, codeBindingKey, map[string]any{"source": "src", "number": 1}},
		{"an id twice", "a:" + secret + ",a:" + secret, nil, codeBindingKeyTwice, map[string]any{"source": "src", "id": "a"}},
		{"none", "# nothing\n\n", nil, codeBindingKeysEmpty, map[string]any{"source": "src"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys, err := parseBindingKeys(tc.text, "src")
			var got []key
			for _, k := range keys {
				got = append(got, key{k.ID, hex.EncodeToString(k.Secret)})
			}
			var code string
			var params map[string]any
			if se, ok := err.(*startupError); ok {
				code, params = se.code, se.params
			} else if err != nil {
				t.Fatalf("error %v is not a startupError", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" || code != tc.code || !cmp.Equal(tc.params, params) {
				t.Errorf("keys (-want +got):\n%s\nerror %s %v, want %s %v", diff, code, params, tc.code, tc.params)
			}
			if err != nil && strings.Contains(err.Error(), secret[:16]) {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}

func TestBindingBase(t *testing.T) {
	for _, tc := range []struct {
		public, want string
		ok           bool
	}{
		{"", "http://127.0.0.1:8080/b", true},
		{"https://jiceng.example", "https://jiceng.example/b", true},
		{"https://jiceng.example/", "https://jiceng.example/b", true},
		{"https://jiceng.example/intake/", "https://jiceng.example/intake/b", true},
		{"http://10.0.0.5:8080", "http://10.0.0.5:8080/b", true},
		{"ftp://jiceng.example", "", false},
		{"jiceng.example", "", false},
		{"https://jiceng.example/?x=1", "", false},
		{"https://jiceng.example/#top", "", false},
		{"https://user@jiceng.example", "", false},
		{"https://", "", false},
	} {
		got, err := bindingBase(tc.public, "http://127.0.0.1:8080")
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("bindingBase(%q) = %q, %v; want %q, ok %v", tc.public, got, err, tc.want, tc.ok)
		}
		if se, isStartup := err.(*startupError); err != nil && (!isStartup || se.code != codePublicURL) {
			t.Errorf("bindingBase(%q): error %v", tc.public, err)
		}
	}
}

// TestDemoBindingCode checks the binding-code key of -demo, kept in the
// database between starts, and the lines that show an instructor's code.
func TestDemoBindingCode(t *testing.T) {
	st := openTestSQLite(t)
	ctx := context.Background()
	key, err := demoBindingKey(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := demoBindingKey(ctx, st); err != nil || again.ID != "demo" || !bytes.Equal(again.Secret, key.Secret) || len(key.Secret) != roster.MinSecretLen {
		t.Errorf("the demo key %v changed between starts, or is not one: %v", again.ID, err)
	}
	codes, err := newBindingCodes("http://127.0.0.1:8080/b", []roster.Key{key})
	if err != nil {
		t.Fatal(err)
	}
	if lines, err := demoBindingLines(ctx, st, codes, "http://127.0.0.1:8080"); err != nil || lines != nil {
		t.Errorf("lines of an empty register: %q, %v", lines, err)
	}
	h := newHarness(t, st)
	registerInstructors(t, h)
	// An instructor of a village of 古楼, first by id: the township's is shown.
	village := `{"schemaVersion":"1","kind":"instructor","id":"AA-VI-01","name":"张村医","level":"village","division":"371502001001",` +
		`"institution":{"name":"村卫生室"},"roles":["family-health-instructor"]}`
	if sm := h.submit(tokenGulou, []byte(village)).summary(t); sm.Imported != 1 {
		t.Fatalf("registering a village's instructor: %+v %+v", countsOf(sm), sm.Issues)
	}
	lines, err := demoBindingLines(ctx, st, codes, "http://127.0.0.1:8080")
	if err != nil || len(lines) < 3 {
		t.Fatalf("lines %q, %v", lines, err)
	}
	code, _ := codes.signer.Sign("GL-HI-01")
	for _, want := range []string{"GL-HI-01 李梅 (371502001 古楼街道), key demo", "  " + code,
		"http://127.0.0.1:8080/v1/instructors/GL-HI-01/binding-code.png", "http://127.0.0.1:8080/v1/instructors/GL-HI-01/binding-code.svg"} {
		if !strings.Contains(strings.Join(lines, "\n"), want) {
			t.Errorf("the demo lines lack %q:\n%s", want, strings.Join(lines, "\n"))
		}
	}
}

// TestRunBindingCodes starts the command with a file of keys and
// -public-url, and reads a code that begins with the public URL; then
// checks the messages of the flags' mistakes.
func TestRunBindingCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tokens := write("tokens.csv", tokensCSVTest)
	keys := write("keys.txt", "# current first\n2026a:"+hex.EncodeToString(testBindingKey.Secret)+"\n2025a:"+hex.EncodeToString(testBindingKeyOld.Secret)+"\n")
	db := filepath.Join(dir, "intake.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr httpapitest.Buffer
	ready := make(chan string, 1)
	done := make(chan int, 1)
	args := []string{"-addr", "127.0.0.1:0", "-db", db, "-tokens", tokens, "-key", hex.EncodeToString(testKey),
		"-binding-keys", keys, "-public-url", "https://jiceng.example/"}
	go func() { done <- run(ctx, args, &stdout, &stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("run exited with %d: %s", code, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start")
	}
	do := func(method, path string, body []byte) (int, []byte) {
		req, _ := http.NewRequest(method, "http://"+addr+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tokenGulou)
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	if status, b := do("POST", "/v1/submissions", []byte(`{"schemaVersion":"1","kind":"instructor","id":"GL-HI-01","name":"李梅","level":"township","division":"371502001",`+
		`"institution":{"name":"古楼街道社区卫生服务中心"},"roles":["health-instructor"]}`)); status != 200 {
		t.Fatalf("registering: %d %s", status, b)
	}
	want, _ := mustBindingCodes(t, testBindingKey).signer.Sign("GL-HI-01")
	status, b := do("GET", "/v1/instructors/GL-HI-01/binding-code", nil)
	if status != 200 || !strings.Contains(string(b), `"code":"`+want+`"`) {
		t.Errorf("binding code %d %s, want %s", status, b, want)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), `"msg":"binding codes","base":"https://jiceng.example/b","signingKey":"2026a","keys":2`) {
		t.Errorf("logs:\n%s", stderr.String())
	}

	bad := write("bad.txt", "2026a:"+hex.EncodeToString(testBindingKey.Secret)+"\nshort:abcd\n")
	for _, tc := range []struct {
		args []string
		env  string // JICENG_BINDING_KEY
		lang string
		want string
	}{
		{[]string{"-binding-keys", bad}, "", "en", "binding-code key 2 of " + bad + " is not id:hex"},
		{[]string{"-binding-keys", bad}, "", "zh_CN.UTF-8", bad + " 中第 2 个绑定码密钥格式有误"},
		{[]string{"-binding-keys", filepath.Join(dir, "none.txt")}, "", "en", "cannot read the binding-code key file " + filepath.Join(dir, "none.txt") + ": the file does not exist"},
		{nil, "k1:00", "en", "binding-code key 1 of $JICENG_BINDING_KEY is not id:hex"},
		{nil, "2026a:" + hex.EncodeToString(testBindingKey.Secret), "zh_TW.UTF-8", "-public-url 的值 ftp://x 應為"},
	} {
		t.Run(strings.Join(tc.args, " ")+" "+tc.env+" "+tc.lang, func(t *testing.T) {
			t.Setenv(bindingKeyEnv, tc.env)
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tc.lang)
			args := append([]string{"-addr", "127.0.0.1:0", "-key", hex.EncodeToString(testKey), "-db", filepath.Join(t.TempDir(), "intake.db")}, tc.args...)
			if strings.Contains(tc.want, "ftp://x") {
				args = append(args, "-public-url", "ftp://x")
			}
			var stdout, stderr bytes.Buffer
			if code := run(context.Background(), args, &stdout, &stderr, nil); code == 0 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q, want an error with %q", code, stderr.String(), tc.want)
			}
			if strings.Contains(stderr.String(), hex.EncodeToString(testBindingKey.Secret)[:16]) {
				t.Errorf("stderr shows a secret: %s", stderr.String())
			}
		})
	}
}

// TestBindingCodeImagesDecode draws the QR codes of codes of every length
// an instructor's id makes, and reads each back from the PNG and the SVG.
func TestBindingCodeImagesDecode(t *testing.T) {
	codes := mustBindingCodes(t, testBindingKey)
	for _, id := range []string{"A", "GL-HI-01", "QXN:county.0412_a-b", strings.Repeat("Z9", 32)} {
		code, err := codes.signer.Sign(id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := qrPNG(code)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, img); got != code {
			t.Errorf("PNG of %s reads %q", id, got)
		}
		svg, err := qrSVG(code)
		if err != nil {
			t.Fatal(err)
		}
		var s svgImage
		if err := xml.Unmarshal(svg, &s); err != nil {
			t.Fatal(err)
		}
		n := len(mustModules(t, code)) + 2*qrQuietModules
		if got := decodeQR(t, rasterise(s, n, 3)); got != code {
			t.Errorf("SVG of %s reads %q", id, got)
		}
		if !regexp.MustCompile(`^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http://www.w3.org/2000/svg"`).Match(svg) {
			t.Errorf("SVG begins %q", svg[:80])
		}
	}
}

// mustModules returns the modules of the QR code of text.
func mustModules(t *testing.T, text string) [][]bool {
	t.Helper()
	m, err := qrModules(text)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// bindingFuzzSeeds are the inputs of FuzzBindingRequest: binding requests
// right and wrong — a code altered, cut or doubled, members unknown or
// repeated, a citizen ID number in the id, a member name or the code,
// full-width digits, GB18030-looking bytes, a BOM — and key lists.
func bindingFuzzSeeds(t testing.TB) []struct {
	body []byte
	keys string
} {
	codes := mustBindingCodes(t, testBindingKey)
	code, _ := codes.signer.Sign("GL-HI-01")
	cid := citizenID("37150219900303003")
	day := at(2025, 12, 15, 10)
	secret := hex.EncodeToString(testBindingKey.Secret)
	req := bindingRequest("B-1", code, "371502001", cid, day)
	replace := func(old, new string) []byte { return bytes.Replace(req, []byte(old), []byte(new), 1) }
	return []struct {
		body []byte
		keys string
	}{
		{req, "2026a:" + secret},
		{replace(`"B-1"`, `"`+cid+`"`), "2026a:" + secret + ",2025a:" + secret},
		{replace(`"division"`, `"`+fullWidth(cid)+`":1,"division"`), "# keys\n" + secret},
		{replace(`"id":"B-1"`, `"id":"B-1","id":"B-2"`), "a:" + secret[:60]},
		{replace("&k=2026a", "&k=2026a&i="+cid), ":" + secret},
		{replace(`"371502001"`, `"３７１５０２００１"`), "\ufeffk:" + secret + "\nk:" + secret},
		{append([]byte("\ufeff"), req...), "k:zz"},
		{replace(`"resident":{`, `"resident":{"x":1,`), ""},
		{[]byte(`{"code":"` + code + `"`), "k_1-2:" + secret},
		{[]byte(`{"code":"` + strings.Repeat(code, 10) + `"}`), strings.Repeat("k:"+secret+",", 3)},
		{[]byte(`{"code":"` + cid + `","id":"` + cid + `"}`), "k:" + secret + "," + cid + ":" + secret},
		{[]byte("null"), "\n\n,,"},
		{[]byte{0xb0, 0xa1, '{', '}'}, "k:" + secret + " j:" + secret},
	}
}

// TestWriteBindingFuzzSeeds writes the seed corpus of FuzzBindingRequest
// when -write-fuzz-seeds is set, and otherwise checks that the corpus
// holds every seed.
func TestWriteBindingFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzBindingRequest")
	for i, c := range bindingFuzzSeeds(t) {
		text := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nstring(%q)\n", c.body, c.keys)
		name := filepath.Join(dir, "seed-"+fmt.Sprint(i))
		if *writeFuzzSeeds {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if got, err := os.ReadFile(name); err != nil || string(got) != text {
			t.Errorf("%s is missing or stale (%v): run go test -run TestWriteBindingFuzzSeeds -write-fuzz-seeds", name, err)
		}
	}
}

// longHex is a run of hex digits as long as a secret.
var longHex = regexp.MustCompile(`[0-9A-Fa-f]{64,}`)

// FuzzBindingRequest parses arbitrary binding-code keys, which must give
// keys the library takes or an error that shows no secret, and posts
// arbitrary bodies to POST /v1/bindings, on a platform with an instructor
// registered, checking that no answer is a 5xx, that every error answer is
// a problem, and that no citizen ID number comes back or is logged in
// clear.
func FuzzBindingRequest(f *testing.F) {
	st, err := openStore(context.Background(), filepath.Join(f.TempDir(), "intake.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	tokens := &tokenTable{}
	if err := loadTokens(strings.NewReader(tokensCSVTest), "tokens.csv", tokens); err != nil {
		f.Fatal(err)
	}
	logs := &httpapitest.Buffer{}
	log := slog.New(healthedu.NewRedactingHandler(slog.NewJSONHandler(logs, nil)))
	srv := newServer(config{
		LockDays: 10, DeadlineDay: 10, MaxBody: 1 << 20, MaxSubmissions: 2, Key: testKey,
		Now: func() time.Time { return testNow }, Binding: mustBindingCodes(f, testBindingKey),
	}, st, tokens, log)
	register := httptest.NewRequest("POST", "/v1/submissions", strings.NewReader(`{"schemaVersion":"1","kind":"instructor","id":"GL-HI-01","name":"李梅",`+
		`"level":"township","division":"371502001","institution":{"name":"古楼街道社区卫生服务中心"},"roles":["health-instructor"]}`))
	register.Header.Set("Authorization", "Bearer "+tokenGulou)
	register.Header.Set("Content-Type", "application/json")
	rw := httptest.NewRecorder()
	if srv.ServeHTTP(rw, register); rw.Code != 200 {
		f.Fatalf("registering: %d %s", rw.Code, rw.Body)
	}

	f.Fuzz(func(t *testing.T, body []byte, keys string) {
		if ks, err := parseBindingKeys(keys, "src"); err == nil {
			if _, err := newBindingCodes(testBindingBase, ks); err != nil {
				t.Fatalf("keys %q parsed, and the library refuses them: %v", keys, err)
			}
		} else if _, ok := err.(*startupError); !ok {
			t.Fatalf("keys %q: error %v", keys, err)
		} else {
			for _, secret := range longHex.FindAllString(keys, -1) {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("keys %q: the error shows a secret: %v", keys, err)
				}
			}
		}

		req := httptest.NewRequest("POST", "/v1/bindings", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tokenGulou)
		req.Header.Set("Content-Type", "application/json")
		logs.Take()
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("answered %d: %.500s", w.Code, w.Body.Bytes())
		}
		if w.Code >= 400 && !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("answered %d as %q, not a problem: %.500s", w.Code, w.Header().Get("Content-Type"), w.Body.Bytes())
		}
		if ids := clearCitizenIDs(w.Body.String()); len(ids) > 0 {
			t.Fatalf("answered %d with %q in clear: %.1000s", w.Code, ids, w.Body.Bytes())
		}
		if logged := logs.Take(); len(clearCitizenIDs(logged)) > 0 {
			t.Fatalf("logged %q in clear: %s", clearCitizenIDs(logged), logged)
		}
	})
}
