package divisiondata

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func sample() *Table {
	var b Builder
	b.Add(370000000000, "山东省")
	b.Add(371500000000, "聊城市")
	b.Add(371502000000, "东昌府区")
	b.Add(371502001000, "古楼街道")
	return b.Table()
}

func TestEncodeDecode(t *testing.T) {
	for _, in := range []*Table{sample(), new(Builder).Table()} {
		data, err := Encode(in)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Encode(in)
		if !bytes.Equal(data, again) {
			t.Error("Encode is not deterministic")
		}
		out, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(in, out, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Decode(Encode(t)) (-want +got):\n%s", diff)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	unordered := sample()
	unordered.Codes[1], unordered.Codes[2] = unordered.Codes[2], unordered.Codes[1]
	tooLong := sample()
	tooLong.Codes[3] = 1e12
	short := sample()
	short.Ends = short.Ends[:2]
	for _, tb := range []*Table{unordered, tooLong, short} {
		if _, err := Encode(tb); err == nil {
			t.Errorf("Encode(%v) succeeds", tb.Codes)
		}
	}
}

// gz compresses raw as Encode does.
func gz(raw []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	return buf.Bytes()
}

func TestDecodeRejects(t *testing.T) {
	good, _ := Encode(sample())
	header := binary.AppendUvarint([]byte(magic), 2)
	tests := map[string][]byte{
		"empty":          nil,
		"not gzip":       []byte(magic),
		"truncated":      good[:len(good)-10],
		"bad checksum":   append(append([]byte{}, good[:len(good)-8]...), 0, 0, 0, 0, 0, 0, 0, 0),
		"other magic":    gz([]byte("jiceng divisions v2\n")),
		"huge count":     gz(binary.AppendUvarint([]byte(magic), 1<<40)),
		"no codes":       gz(header),
		"repeated code":  gz(binary.AppendUvarint(binary.AppendUvarint(header, 370000000000), 0)),
		"code too large": gz(binary.AppendUvarint(binary.AppendUvarint(header, 370000000000), 1e12)),
		"short names":    gz(append(binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(header, 37e10), 1), 9), 9), "山东省"...)),
		"trailing data":  gz(append(binary.AppendUvarint(binary.AppendUvarint([]byte(magic), 1), 37e10), 0, 'x')),
	}
	for name, data := range tests {
		tb, err := Decode(data)
		if err == nil {
			t.Errorf("%s: Decode = %v, no error", name, tb)
		}
	}
}

func TestReadSource(t *testing.T) {
	fsys := fstest.MapFS{
		"provinces.csv": {Data: []byte("code,name\n44,\"广东省\"\n37,\"山东省\"\n")},
		"cities.csv":    {Data: []byte("code,name,provinceCode\n4419,\"东莞市\",44\n3715,\"聊城市\",37\n")},
		"areas.csv":     {Data: []byte("code,name,cityCode,provinceCode\n441900,\"东莞市\",4419,44\n371502,\"东昌府区\",3715,37\n")},
		"streets.csv":   {Data: []byte("code,name,areaCode,provinceCode,cityCode\n441900003,\"东城街道\",441900,44,4419\n371502001,\"古楼街道\",371502,37,3715\n")},
	}
	got, err := ReadSource(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var b Builder
	b.Add(370000000000, "山东省")
	b.Add(371500000000, "聊城市")
	b.Add(371502000000, "东昌府区")
	b.Add(371502001000, "古楼街道")
	b.Add(440000000000, "广东省")
	b.Add(441900000000, "东莞市")
	b.Add(441900003000, "东城街道")
	if diff := cmp.Diff(b.Table(), got); diff != "" {
		t.Errorf("ReadSource (-want +got):\n%s", diff)
	}

	bad := map[string]string{
		"areas.csv":   "code,name\n441900,\"莞城\"\n", // the code of 东莞市 with another name
		"cities.csv":  "code,name\n37x5,\"聊城市\"\n",
		"streets.csv": "name,code\n",
	}
	for file, data := range bad {
		broken := fstest.MapFS{}
		for k, v := range fsys {
			broken[k] = v
		}
		broken[file] = &fstest.MapFile{Data: []byte(data)}
		if _, err := ReadSource(broken); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("ReadSource with bad %s: error %v", file, err)
		}
	}
}
