// Package workbook holds what every XLSX workbook thidua writes shares:
// the document's core properties, written so that every common reader
// accepts them, the number formats of figures, and Stream, which writes
// the long lists straight into their zip (stream.go).
//
// excelize (v2.11) marshals docProps/core.xml with the core-properties
// namespace as the default one (<coreProperties xmlns="…">, unprefixed
// lastModifiedBy) and, unless told, keeps its template's creation date
// (2006-09-16). That is well-formed OPC, but exceljs only parses the part
// with the cp: prefix that Excel and LibreOffice write, and rejects every
// such workbook ("Unexpected xml node in parseOpen: lastModifiedBy").
// Write therefore replaces the part with the form Excel itself writes.
package workbook

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

// Number formats. In an Excel number format "," groups thousands and "."
// is the decimal point; a reader shows them with its locale's symbols, so
// a Vietnamese Excel or LibreOffice shows 1234.5 as "1.234,50".
const (
	// Integer is a count or an amount of money: "1.234", "3.550.000".
	Integer = "#,##0"
	// Decimal is a score or a percentage with two decimals: "48,04".
	Decimal = "#,##0.00"
	// Year is a year: "2025", with no thousands separator.
	Year = "0"
)

// Props are the core properties of a workbook.
type Props struct {
	Title   string
	Subject string
	// Created is when the workbook is made; zero means now.
	Created time.Time
}

// Creator names thidua as the author of every workbook.
const Creator = "thidua"

// corePart is docProps/core.xml as Excel writes it: every element under
// its usual prefix (cp:, dc:, dcterms:).
type corePart struct {
	XMLName        xml.Name `xml:"cp:coreProperties"`
	CP             string   `xml:"xmlns:cp,attr"`
	DC             string   `xml:"xmlns:dc,attr"`
	DCTerms        string   `xml:"xmlns:dcterms,attr"`
	DCMIType       string   `xml:"xmlns:dcmitype,attr"`
	XSI            string   `xml:"xmlns:xsi,attr"`
	Title          string   `xml:"dc:title,omitempty"`
	Subject        string   `xml:"dc:subject,omitempty"`
	Creator        string   `xml:"dc:creator"`
	LastModifiedBy string   `xml:"cp:lastModifiedBy"`
	Created        w3cdtf   `xml:"dcterms:created"`
	Modified       w3cdtf   `xml:"dcterms:modified"`
}

type w3cdtf struct {
	Type string `xml:"xsi:type,attr"`
	Text string `xml:",chardata"`
}

// CoreXML returns docProps/core.xml for p.
func CoreXML(p Props) ([]byte, error) {
	at := p.Created
	if at.IsZero() {
		at = time.Now()
	}
	stamp := w3cdtf{Type: "dcterms:W3CDTF", Text: at.UTC().Truncate(time.Second).Format(time.RFC3339)}
	out, err := xml.Marshal(corePart{
		CP:       "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		DC:       "http://purl.org/dc/elements/1.1/",
		DCTerms:  "http://purl.org/dc/terms/",
		DCMIType: "http://purl.org/dc/dcmitype/",
		XSI:      "http://www.w3.org/2001/XMLSchema-instance",
		Title:    norm.NFC.String(p.Title), Subject: norm.NFC.String(p.Subject),
		Creator: Creator, LastModifiedBy: Creator, Created: stamp, Modified: stamp,
	})
	if err != nil {
		return nil, err
	}
	return append([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"), out...), nil
}

// Write sets the core properties of f to p and writes f to w.
func Write(w io.Writer, f *excelize.File, p Props) error {
	core, err := CoreXML(p)
	if err != nil {
		return fmt.Errorf("workbook: core properties: %w", err)
	}
	// excelize keeps parts it does not model in Pkg and writes them as
	// they are; the core properties are such a part.
	f.Pkg.Store("docProps/core.xml", core)
	return WriteFile(w, f)
}

// WriteFile writes f to w as it is zipped. excelize's own File.Write
// builds the whole zip in a bytes.Buffer first (WriteToBuffer); its
// ZipWriter hook sends the archive to w instead, and the buffer it then
// copies out stays empty. (Encryption, which needs the whole file, is
// not used by thidua.)
func WriteFile(w io.Writer, f *excelize.File) error {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if err := f.Write(io.Discard); err != nil {
		return fmt.Errorf("workbook: write xlsx: %w", err)
	}
	return nil
}
