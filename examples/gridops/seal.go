package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// A grid.Register learns a resident's pseudonym only from the citizen ID
// number in the resident record, so rebuilding the register after a
// restart needs the number again. The log therefore keeps it, but never in
// clear: a resident record is stored with its "citizenId" member sealed
// with AES-256-GCM under a key derived from the pseudonymisation key, which
// itself is never stored. Everything else in the record stays readable.

// sealPrefix starts a sealed value: the version of the scheme.
const sealPrefix = "gcm1:"

// sealer seals and opens the citizen ID numbers of stored resident records.
type sealer struct {
	aead  cipher.AEAD
	check string // identifies the key, for the database's meta table
}

// newSealer returns a sealer whose key is derived from the
// pseudonymisation key by HMAC-SHA256, so that the two keys differ.
func newSealer(key []byte) (*sealer, error) {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("jiceng examples/gridops: sealing citizen ID numbers in the log, v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	check := hmac.New(sha256.New, key)
	check.Write([]byte("jiceng examples/gridops: key check, v1"))
	return &sealer{aead: aead, check: hex.EncodeToString(check.Sum(nil))}, nil
}

// sealResident returns the compacted JSON of the resident record raw
// with the value of its "citizenId" member sealed; the record's ID is the
// additional data, so that a sealed number cannot be moved to another
// record.
func (s *sealer) sealResident(raw []byte) ([]byte, error) {
	m, id, err := residentMembers(raw)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	ct := s.aead.Seal(nonce, nonce, m["citizenId"], []byte("resident/"+id))
	sealed, _ := json.Marshal(sealPrefix + base64.RawURLEncoding.EncodeToString(ct))
	m["citizenId"] = sealed
	return json.Marshal(m)
}

// openResident reverses sealResident. It fails when the value was sealed
// under another key or does not belong to the record.
func (s *sealer) openResident(stored []byte) ([]byte, error) {
	m, id, err := residentMembers(stored)
	if err != nil {
		return nil, err
	}
	var v string
	if err := json.Unmarshal(m["citizenId"], &v); err != nil || !strings.HasPrefix(v, sealPrefix) {
		return nil, errors.New("stored resident record without a sealed citizen ID")
	}
	ct, err := base64.RawURLEncoding.DecodeString(v[len(sealPrefix):])
	if err != nil || len(ct) < s.aead.NonceSize() {
		return nil, errors.New("malformed sealed citizen ID")
	}
	plain, err := s.aead.Open(nil, ct[:s.aead.NonceSize()], ct[s.aead.NonceSize():], []byte("resident/"+id))
	if err != nil {
		return nil, fmt.Errorf("resident %q: cannot open the sealed citizen ID (another -key?)", id)
	}
	m["citizenId"] = plain
	return json.Marshal(m)
}

// residentMembers splits a resident record into its members, and returns
// its ID.
func residentMembers(raw []byte) (map[string]json.RawMessage, string, error) {
	var m map[string]json.RawMessage
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		return nil, "", errors.New("resident record is not a JSON object")
	}
	var id string
	if err := json.Unmarshal(m["id"], &id); err != nil {
		return nil, "", errors.New("resident record without an id")
	}
	if _, ok := m["citizenId"]; !ok {
		return nil, "", errors.New("resident record without a citizenId")
	}
	return m, id, nil
}
