package main

import (
	"io"

	"thidua"
	"thidua/report"
)

// decisionDocs renders the commendation documents with the report package:
// decisions (PDF in the layout of Nghị định 30/2020, XLSX), certificates,
// and the council's minutes and vote count record.
type decisionDocs struct{}

var _ thidua.DecisionRenderer = decisionDocs{}

func (decisionDocs) DecisionPDF(w io.Writer, d *thidua.DecisionDocument) error {
	return report.DecisionPDF(w, d.Decision, report.DecisionOptions{Agency: d.Agency, Spot: d.Spot})
}

func (decisionDocs) DecisionXLSX(w io.Writer, d *thidua.DecisionDocument) error {
	return report.DecisionXLSX(w, d.Decision)
}

func (decisionDocs) CertificatesPDF(w io.Writer, d *thidua.DecisionDocument, o thidua.CertificateOptions) error {
	return report.CertificatesPDF(w, d.Decision, report.CertificateOptions{Blank: o.Blank, OffsetX: o.OffsetXMM, OffsetY: o.OffsetYMM})
}

func (decisionDocs) MinutesPDF(w io.Writer, m *thidua.MeetingRecord) error {
	return report.MinutesPDF(w, minutesData(m))
}

func (decisionDocs) VoteCountPDF(w io.Writer, m *thidua.MeetingRecord) error {
	return report.VoteCountPDF(w, minutesData(m))
}

// minutesData turns a meeting record into what the report package reads;
// the header is the council's unit and name.
func minutesData(m *thidua.MeetingRecord) report.MinutesData {
	d := report.MinutesData{Council: m.Council, Meeting: m.Meeting, Tally: m.Tally, Written: m.Written, Place: m.Place,
		Nominees: map[int64]report.MinutesNominee{}, End: m.Meeting.ClosedAt}
	for _, n := range m.Nominees {
		d.Nominees[n.ID] = report.MinutesNominee{Name: n.Name, UnitName: n.UnitName, Subject: n.Subject, Award: n.Award}
	}
	return d
}
