package importer

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// This file looks at the file before excelize reads it: what kind of file
// it is (so that a PDF, a Word document, an old .xls or a password-protected
// workbook each get their own message), where each worksheet lives, and a
// fast scan of each worksheet's XML for what the row iterator does not
// report — formulas and merged cells — and for its row count, the total of
// the progress bar.

// oleMagic starts Compound File Binary documents: Excel 97–2003 files and
// password-protected (encrypted) xlsx files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff returns a Vietnamese message when data is not a readable xlsx
// package, or "" when it is a zip archive worth opening.
func sniff(data []byte) string {
	switch {
	case len(data) == 0:
		return "Tệp rỗng (0 byte). Hãy chọn lại tệp Excel (.xlsx)."
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, utf16("EncryptedPackage")) {
			return "Tệp Excel được bảo vệ bằng mật khẩu (đã mã hóa) nên không đọc được. Hãy mở tệp bằng Excel, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi tải lên."
		}
		return "Tệp ở định dạng Excel 97–2003 (.xls) hoặc định dạng cũ khác. Hãy mở bằng Excel và lưu lại dưới dạng Sổ làm việc Excel (.xlsx) rồi tải lên."
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "Tệp là tài liệu PDF, không phải bảng tính Excel (.xlsx)."
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")) && !bytes.HasPrefix(data, []byte("PK\x05\x06")):
		if looksLikeText(data) {
			return "Tệp là văn bản thuần (có thể là CSV), không phải bảng tính Excel (.xlsx). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
		}
		return "Tệp không phải bảng tính Excel (.xlsx). Hãy dùng tệp mẫu tải về từ trang này."
	}
	return ""
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

func looksLikeText(data []byte) bool {
	n := min(len(data), 512)
	for _, c := range data[:n] {
		if c == 0 {
			return false
		}
	}
	return true
}

// sheetPart is a worksheet of the workbook.
type sheetPart struct {
	name string
	file *zip.File // nil when the part is missing
}

// workbookInfo is what workbook.xml says.
type workbookInfo struct {
	sheets   []sheetPart
	date1904 bool
}

// readPackage checks that the zip archive is a spreadsheet and lists its
// worksheets. The returned message is for the user; err is nil then.
func readPackage(data []byte, maxBytes int64) (*workbookInfo, string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, "Tệp bị hỏng hoặc không phải tệp Excel hợp lệ (không đọc được cấu trúc nén). Hãy mở tệp bằng Excel, lưu lại rồi tải lên."
	}
	files := map[string]*zip.File{}
	var total uint64
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
		total += f.UncompressedSize64
	}
	wb := files["xl/workbook.xml"]
	switch {
	case wb != nil:
	case files["xl/workbook.bin"] != nil:
		return nil, "Tệp ở định dạng Sổ làm việc nhị phân Excel (.xlsb). Hãy lưu lại dưới dạng .xlsx rồi tải lên."
	case files["word/document.xml"] != nil:
		return nil, "Tệp là tài liệu Word (.docx), không phải bảng tính Excel (.xlsx)."
	case files["ppt/presentation.xml"] != nil:
		return nil, "Tệp là bản trình chiếu PowerPoint (.pptx), không phải bảng tính Excel (.xlsx)."
	case files["content.xml"] != nil && files["mimetype"] != nil:
		return nil, "Tệp ở định dạng OpenDocument (.ods). Hãy lưu lại dưới dạng Sổ làm việc Excel (.xlsx) rồi tải lên."
	default:
		return nil, "Tệp nén không phải bảng tính Excel (.xlsx): không có phần sổ làm việc (xl/workbook.xml)."
	}
	if maxBytes > 0 && total > uint64(maxBytes) {
		return nil, fmt.Sprintf("Tệp quá lớn khi giải nén (%d MB, tối đa %d MB). Hãy chia thành nhiều tệp nhỏ hơn.", total>>20, maxBytes>>20)
	}
	info := &workbookInfo{}
	rels := map[string]string{}
	if rf := files["xl/_rels/workbook.xml.rels"]; rf != nil {
		if err := eachStart(rf, func(se xml.StartElement) {
			if se.Name.Local == "Relationship" {
				rels[attr(se, "Id")] = attr(se, "Target")
			}
		}); err != nil {
			return nil, "Tệp bị hỏng: không đọc được danh sách trang tính."
		}
	}
	err = eachStart(wb, func(se xml.StartElement) {
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			info.date1904 = v == "1" || v == "true"
		case "sheet":
			target := rels[attr(se, "id")]
			p := target
			if strings.HasPrefix(target, "/") {
				p = strings.TrimPrefix(target, "/")
			} else if target != "" {
				p = path.Join("xl", target)
			}
			info.sheets = append(info.sheets, sheetPart{name: attr(se, "name"), file: files[p]})
		}
	})
	if err != nil {
		return nil, "Tệp bị hỏng: không đọc được sổ làm việc (xl/workbook.xml)."
	}
	if len(info.sheets) == 0 {
		return nil, "Sổ làm việc không có trang tính nào."
	}
	return info, ""
}

// eachStart calls fn for every start element of a small XML part.
func eachStart(f *zip.File, fn func(xml.StartElement)) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 16<<20))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			fn(se)
		}
	}
}

// attr returns the value of the attribute with this local name (any namespace).
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// sheetScan is what the fast scan of a worksheet found.
type sheetScan struct {
	rows     int      // <row> elements: the progress total
	formulas []string // cells holding a formula (the first few)
	nform    int
	merges   []string // merged ranges (the first few)
	nmerge   int
}

// scanListed is how many formula cells and merged ranges are kept.
const scanListed = 10000

var (
	formulaMarks = [][]byte{[]byte("<f>"), []byte("<f "), []byte("<f/>"), []byte(":f>"), []byte(":f "), []byte(":f/>")}
	mergeMarks   = [][]byte{[]byte("<mergeCell "), []byte(":mergeCell ")}
)

// scanSheet counts the rows of a worksheet and looks for formulas and
// merged cells, reading the XML as bytes; only when one is found is the
// XML parsed to say where.
func scanSheet(f *zip.File) (sheetScan, error) {
	var s sheetScan
	rc, err := f.Open()
	if err != nil {
		return s, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	const overlap = 16
	carry := 0
	found := false
	for {
		n, err := io.ReadFull(rc, buf[carry:])
		chunk := buf[:carry+n]
		s.rows += bytes.Count(chunk[carry:], []byte("<row")) + bytes.Count(chunk[carry:], []byte(":row "))
		if !found {
			for _, m := range formulaMarks {
				found = found || bytes.Contains(chunk, m)
			}
			for _, m := range mergeMarks {
				found = found || bytes.Contains(chunk, m)
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return s, err
		}
		carry = copy(buf, chunk[len(chunk)-overlap:])
	}
	if found {
		return s, locate(f, &s)
	}
	return s, nil
}

// countValueRows counts the rows that hold at least one value (<v> or an
// inline string), reading tags as bytes; rows kept only for their
// formatting do not count. It is used on sheets whose row count is over
// the limit, to tell a full sheet from a formatted one before reading it.
func countValueRows(f *zip.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 256<<10)
	n := 0
	inRow, counted := false, false
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		tag, err := br.ReadSlice('>')
		if err == bufio.ErrBufferFull {
			// A tag longer than the buffer: skip the rest of it.
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('>')
			}
			continue
		}
		if err != nil {
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		end := false
		if len(tag) > 0 && tag[0] == '/' {
			end, tag = true, tag[1:]
		}
		name := tag
		if i := bytes.IndexAny(name, " \t\r\n/>"); i >= 0 {
			name = name[:i]
		}
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		selfClosing := bytes.HasSuffix(tag, []byte("/>"))
		switch string(name) {
		case "row":
			inRow, counted = !end && !selfClosing, false
		case "v", "t":
			if inRow && !end && !selfClosing && !counted {
				n++
				counted = true
			}
		}
	}
}

// locate parses a worksheet to list its formula cells and merged ranges.
func locate(f *zip.File, s *sheetScan) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	cell := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			cell = attr(se, "r")
		case "f":
			s.nform++
			if len(s.formulas) < scanListed && cell != "" {
				s.formulas = append(s.formulas, cell)
			}
		case "mergeCell":
			s.nmerge++
			if len(s.merges) < scanListed {
				s.merges = append(s.merges, attr(se, "ref"))
			}
		}
	}
}
