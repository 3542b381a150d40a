package healthedu

// The code types follow net/netip in that UnmarshalText of empty text gives
// the zero value, so that a zero value survives a round trip through its
// text form. On the wire, though, an empty string where a code belongs is a
// fault, as the JSON Schemas say with their patterns. The Decoder asks a
// value for its wireEmptyError when a submitted string is empty.

// wireEmptyTexter is implemented by the types whose UnmarshalText accepts
// empty text but whose wire form must not be empty.
type wireEmptyTexter interface {
	// wireEmptyError returns the error the type's parser gives for "".
	wireEmptyError() error
}

func (DivisionCode) wireEmptyError() error { _, err := ParseDivisionCode(""); return err }
func (CitizenID) wireEmptyError() error    { _, err := ParseCitizenID(""); return err }
func (CreditCode) wireEmptyError() error   { _, err := ParseCreditCode(""); return err }
func (Mobile) wireEmptyError() error       { _, err := ParseMobile(""); return err }
func (Period) wireEmptyError() error       { _, err := ParsePeriod(""); return err }
func (PeriodType) wireEmptyError() error   { _, err := ParsePeriodType(""); return err }
func (Pseudonym) wireEmptyError() error    { _, err := ParsePseudonym(""); return err }
