package jsonwire

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// DecodeDocument decodes data, a document of one JSON value such as a
// table of figures a platform supplies, into v with encoding/json,
// strictly: a member that v does not have is an error, and so is anything
// but white space after the value. The decoder's errors are returned as
// they are (a *json.SyntaxError or *json.UnmarshalTypeError says where),
// for the caller to wrap.
func DecodeDocument(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the top-level object")
	}
	return nil
}
