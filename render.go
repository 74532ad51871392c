package thidua

import "io"

// CertificateOptions control the batch of certificates (bằng khen, giấy
// khen) of a decision.
type CertificateOptions struct {
	// Blank prints only the merge fields (name, unit, award, decision
	// number and date) at their places, for pre-printed blanks (phôi).
	Blank bool `json:"blank"`
	// OffsetXMM and OffsetYMM move every field right and down, in
	// millimetres (negative: left and up), to fit a printer and its blanks.
	OffsetXMM float64 `json:"offset_x_mm"`
	OffsetYMM float64 `json:"offset_y_mm"`
}

// DecisionDocument is what the decision PDF and XLSX show.
type DecisionDocument struct {
	Decision *Decision
	// Agency is the issuing agency block of the header, upper case, the
	// superior body first, one per line: "UBND TỈNH\nVĂN PHÒNG".
	Agency string
	// Spot, when set, is filled by the PDF writer with where the signature
	// block leaves room for the signature and seal.
	Spot *SignSpot
}

// SignSpot is a room for a signature on a page of a document: the page
// (1-based) and a rectangle in millimetres from the page's top left.
type SignSpot struct {
	Page       int
	X, Y, W, H float64
}

// MeetingRecord is what the minutes of a council meeting (biên bản họp Hội
// đồng) and its vote count record (biên bản kiểm phiếu) show.
type MeetingRecord struct {
	Agency  string // as in DecisionDocument
	Place   string // place name of the date line
	Council *Council
	Meeting *Meeting
	// Nominees are the agenda's nominees in agenda order, with Passed set
	// once the meeting is closed.
	Nominees []*Nominee
	// Present are the names of the voting members present; Absent the others.
	Present []string
	Absent  []string
	// Voted is how many members cast a ballot, Written how many of them by
	// a written vote entered by the secretary.
	Voted   int
	Written int
	Tally   []TallyRow
}

// DecisionRenderer renders the documents of the commendation workflow; the
// report package implements it. A nil renderer disables the downloads.
type DecisionRenderer interface {
	// DecisionPDF writes the decision in the layout of Nghị định 30/2020,
	// with the list of recipients as an appendix.
	DecisionPDF(w io.Writer, d *DecisionDocument) error
	// DecisionXLSX writes the list of recipients as a spreadsheet.
	DecisionXLSX(w io.Writer, d *DecisionDocument) error
	// CertificatesPDF writes one certificate per recipient.
	CertificatesPDF(w io.Writer, d *DecisionDocument, opt CertificateOptions) error
	// MinutesPDF writes the minutes of a council meeting.
	MinutesPDF(w io.Writer, m *MeetingRecord) error
	// VoteCountPDF writes the vote count record of a council meeting.
	VoteCountPDF(w io.Writer, m *MeetingRecord) error
}
