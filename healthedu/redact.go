package healthedu

// RedactCitizenIDs returns s with every citizen ID number in it masked
// (脱敏), as CitizenID.Masked prints it: 18-character numbers whose check
// character is right and whose birth date exists, and 15-digit legacy
// numbers with a real birth date, when they stand alone (not inside a
// longer run of digits). Full-width digits are not looked at.
//
// It is for text that did not come through a CitizenID but may hold one:
// a record identifier a submitter chose, a free-text field quoted in an
// issue, a log line. It returns s itself when there is nothing to mask, and
// allocates only when there is.
func RedactCitizenIDs(s string) string {
	var out []byte
	last := 0
	for i := 0; i < len(s); {
		if !redactIsDigit(s[i]) || (i > 0 && redactIsIDChar(s[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(s) && redactIsDigit(s[j]) {
			j++
		}
		end := j
		if j-i == 17 && j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			end = j + 1
		}
		if end < len(s) && redactIsIDChar(s[end]) {
			i = end
			continue
		}
		if n := end - i; n == 18 || n == 15 {
			if id, err := ParseCitizenID(s[i:end]); err == nil {
				if out == nil {
					out = make([]byte, 0, len(s))
				}
				out = append(out, s[last:i]...)
				out = id.AppendMasked(out)
				last = end
			}
		}
		i = end
	}
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}

func redactIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func redactIsIDChar(c byte) bool { return redactIsDigit(c) || c == 'X' || c == 'x' }
