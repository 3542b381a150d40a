package roster_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jiceng/jiceng/healthedu"
	"github.com/jiceng/jiceng/roster"
)

const testBase = "https://platform.example/b"

var (
	key2024  = roster.Key{ID: "2024", Secret: bytes.Repeat([]byte{0x24}, 32)}
	key2025  = roster.Key{ID: "2025a", Secret: bytes.Repeat([]byte{0x25}, 32)}
	keyRogue = roster.Key{ID: "2025a", Secret: bytes.Repeat([]byte{0x66}, 32)}
)

func mustSigner(t testing.TB, base string, k roster.Key) *roster.Signer {
	t.Helper()
	s, err := roster.NewSigner(base, k)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustVerifier(t testing.TB, base string, keys ...roster.Key) *roster.Verifier {
	t.Helper()
	v, err := roster.NewVerifier(base, keys...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustSign(t testing.TB, s *roster.Signer, id string) string {
	t.Helper()
	code, err := s.Sign(id)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// errCode returns the issue code of a Verify error, "" for nil.
func errCode(err error) string {
	if err == nil {
		return ""
	}
	if ce, ok := errors.AsType[*roster.CodeError](err); ok {
		return ce.Code
	}
	return "not a CodeError: " + err.Error()
}

func TestSignForm(t *testing.T) {
	code := mustSign(t, mustSigner(t, testBase, key2025), "QXN-HI-000412")
	prefix := testBase + "?i=QXN-HI-000412&k=2025a&s="
	if !strings.HasPrefix(code, prefix) || len(code) != len(prefix)+22 {
		t.Errorf("Sign = %q, want %q followed by 22 characters", code, prefix)
	}
}

func TestVerify(t *testing.T) {
	old := mustSign(t, mustSigner(t, testBase, key2024), "QXN-HI-000412")
	cur := mustSign(t, mustSigner(t, testBase, key2025), "QXN-HI-000412")
	other := mustSign(t, mustSigner(t, testBase, key2025), "QXN-HI-000413")
	rogue := mustSign(t, mustSigner(t, testBase, keyRogue), "QXN-HI-000412")
	elsewhere := mustSign(t, mustSigner(t, "https://other.example/b", key2025), "QXN-HI-000412")
	otherPath := mustSign(t, mustSigner(t, "https://platform.example/bind", key2025), "QXN-HI-000412")
	sig := func(code string) string { return code[strings.LastIndex(code, "&s=")+3:] }
	v := mustVerifier(t, testBase, key2025, key2024)
	retired := mustVerifier(t, testBase, key2025)

	tests := []struct {
		name string
		v    *roster.Verifier
		code string
		id   string
		err  string
	}{
		{"current key", v, cur, "QXN-HI-000412", ""},
		{"previous key during rotation", v, old, "QXN-HI-000412", ""},
		{"retired key", retired, old, "", "bindingCode.unknownKey"},
		{"rogue key with the same id", v, rogue, "", "bindingCode.signature"},
		{"instructor swapped", v, strings.Replace(cur, "000412", "000413", 1), "", "bindingCode.signature"},
		{"signature of another instructor", v, strings.Replace(other, sig(other), sig(cur), 1), "", "bindingCode.signature"},
		{"another host", v, elsewhere, "", "bindingCode.foreign"},
		{"another path", v, otherPath, "", "bindingCode.foreign"},
		{"upper-case host", v, strings.Replace(cur, "platform.example", "PLATFORM.EXAMPLE", 1), "", "bindingCode.foreign"},
		{"http for https", v, strings.Replace(cur, "https:", "http:", 1), "", "bindingCode.foreign"},
		{"reordered", v, testBase + "?k=2025a&i=QXN-HI-000412&s=" + sig(cur), "", "bindingCode.malformed"},
		{"i repeated", v, testBase + "?i=QXN-HI-000413&i=QXN-HI-000412&k=2025a&s=" + sig(cur), "", "bindingCode.malformed"},
		{"extra parameter", v, cur + "&x=1", "", "bindingCode.malformed"},
		{"fragment", v, cur + "#x", "", "bindingCode.malformed"},
		{"percent-encoded", v, strings.Replace(cur, "QXN-HI", "QXN%2DHI", 1), "", "bindingCode.malformed"},
		{"signature cut", v, cur[:len(cur)-1], "", "bindingCode.malformed"},
		{"signature padded", v, cur + "==", "", "bindingCode.malformed"},
		{"signature of 23", v, cur + "A", "", "bindingCode.malformed"},
		{"unknown key id", v, strings.Replace(cur, "k=2025a", "k=2026", 1), "", "bindingCode.unknownKey"},
		{"empty", v, "", "", "bindingCode.malformed"},
		{"not a URL", v, "QXN-HI-000412", "", "bindingCode.malformed"},
		{"base alone", v, testBase, "", "bindingCode.malformed"},
		{"empty instructor", v, testBase + "?i=&k=2025a&s=" + sig(cur), "", "bindingCode.malformed"},
		{"too long", v, cur + strings.Repeat("A", roster.MaxCodeLen), "", "bindingCode.malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := tt.v.Verify(tt.code)
			if diff := cmp.Diff([2]string{tt.id, tt.err}, [2]string{id, errCode(err)}); diff != "" {
				t.Errorf("Verify(%q) (-want +got):\n%s", tt.code, diff)
			}
		})
	}
}

// TestVerifyTampered alters each byte of a code in turn: none verifies.
func TestVerifyTampered(t *testing.T) {
	v := mustVerifier(t, testBase, key2025)
	code := mustSign(t, mustSigner(t, testBase, key2025), "QXN-HI-000412")
	for i := range len(code) {
		for _, c := range []byte{'A', 'a', '0', '-', '_', '.', 0x80} {
			if code[i] == c {
				continue
			}
			b := []byte(code)
			b[i] = c
			if id, err := v.Verify(string(b)); err == nil {
				t.Errorf("byte %d set to %q: %q verifies as %q", i, c, b, id)
			}
		}
	}
}

func TestSignRefuses(t *testing.T) {
	s := mustSigner(t, testBase, key2025)
	for _, id := range []string{"", "-A", "A B", "A&k=1", "李梅", strings.Repeat("A", 65)} {
		if code, err := s.Sign(id); err == nil {
			t.Errorf("Sign(%q) = %q, want an error", id, code)
		}
	}
}

func TestNewSignerVerifierRefuse(t *testing.T) {
	short := roster.Key{ID: "k", Secret: make([]byte, 31)}
	badID := roster.Key{ID: "k/1", Secret: make([]byte, 32)}
	for _, base := range []string{"", "platform.example/b", "ftp://platform.example/b", "https://platform.example/b?x=1",
		"https://platform.example/b#f", "https://u@platform.example/b", "https://platform.example/a b"} {
		if _, err := roster.NewSigner(base, key2025); err == nil {
			t.Errorf("NewSigner(%q): no error", base)
		}
		if _, err := roster.NewVerifier(base, key2025); err == nil {
			t.Errorf("NewVerifier(%q): no error", base)
		}
	}
	for _, k := range []roster.Key{short, badID} {
		if _, err := roster.NewSigner(testBase, k); err == nil {
			t.Errorf("NewSigner with key %q: no error", k.ID)
		}
	}
	if _, err := roster.NewVerifier(testBase); err == nil {
		t.Error("NewVerifier without keys: no error")
	}
	if _, err := roster.NewVerifier(testBase, key2025, keyRogue); err == nil {
		t.Error("NewVerifier with an id twice: no error")
	}
}

// TestCodeErrorMessages renders each refusal in the three languages.
func TestCodeErrorMessages(t *testing.T) {
	v := mustVerifier(t, testBase, key2025)
	_, err := v.Verify("https://evil.example/b?i=QXN-HI-000412&k=2025a&s=AAAAAAAAAAAAAAAAAAAAAA")
	ce, ok := errors.AsType[*roster.CodeError](err)
	if !ok {
		t.Fatalf("Verify: %v, want a *CodeError", err)
	}
	iss := ce.Issue("/code")
	got := []string{iss.Path, iss.Message(healthedu.ZhHans), iss.Message(healthedu.ZhHant), iss.Message(healthedu.English), err.Error()}
	want := []string{"/code",
		"该二维码（https://evil.example）不是本平台的绑定码",
		"該二維碼（https://evil.example）不是本平台的綁定碼",
		"This QR code (https://evil.example) is not a binding code of this platform",
		"roster: This QR code (https://evil.example) is not a binding code of this platform"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzVerify: Verify never panics, and whatever verifies is exactly the
// code Sign writes for the id it returns.
func FuzzVerify(f *testing.F) {
	s := mustSigner(f, testBase, key2025)
	old := mustSigner(f, testBase, key2024)
	v := mustVerifier(f, testBase, key2025, key2024)
	f.Add(mustSign(f, s, "QXN-HI-000412"))
	f.Add(mustSign(f, old, "LC-EX-0896"))
	f.Fuzz(func(t *testing.T, code string) {
		id, err := v.Verify(code)
		if err != nil {
			if errCode(err) == "" || strings.HasPrefix(errCode(err), "not a") {
				t.Fatalf("Verify(%q): %v, not a *CodeError", code, err)
			}
			return
		}
		want := mustSign(t, s, id)
		if strings.Contains(code, "&k=2024&") {
			want = mustSign(t, old, id)
		}
		if code != want {
			t.Fatalf("Verify(%q) = %q, but Sign writes %q", code, id, want)
		}
	})
}
