package jsonwire

// AppendToken appends to dst a "/" and token (引用令牌) escaped for a JSON Pointer
// (RFC 6901: '~' as "~0", '/' as "~1") and returns the extended buffer:
// the pointer to a member or an element of what dst points to. It does
// not allocate when dst has the capacity.
func AppendToken(dst []byte, token string) []byte {
	dst = append(dst, '/')
	for i := 0; i < len(token); i++ {
		switch c := token[i]; c {
		case '~':
			dst = append(dst, '~', '0')
		case '/':
			dst = append(dst, '~', '1')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
