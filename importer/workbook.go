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

// Bounds of the parts of a workbook, set to what a real workbook of
// DefaultMaxRows rows needs with room to spare (a people sheet of 100,000
// rows of inline strings unzips to 48 MB; its shared strings, when the
// values are shared, to less than a quarter of that), so that no upload
// holds the server's memory: every worksheet is read as a stream, and no
// token of one (a cell's text, a tag) is longer than a cell may be.
const (
	// MaxCellChars is the most characters a cell may hold: Excel's own
	// limit, which a cell of a file saved by Excel never passes.
	MaxCellChars = 32_767
	// maxToken bounds the bytes between two '<' of a worksheet or of the
	// shared strings: a cell's text written with XML escapes (at most 10
	// bytes a character), or one tag.
	maxToken = 10 * MaxCellChars
	// maxRowBytes bounds the XML of one row (16,384 columns of short values).
	maxRowBytes = 4 << 20
	// maxSheetBytes bounds one worksheet part, unzipped.
	maxSheetBytes = 256 << 20
	// maxSharedStringsBytes and maxSharedStrings bound the shared strings
	// part, which excelize indexes whole.
	maxSharedStringsBytes = 64 << 20
	maxSharedStrings      = 1_000_000
	// maxMemPart is excelize's UnzipXMLSizeLimit, worksheets and shared
	// strings larger than which are copied to temporary files and
	// streamed; sharedInMemory is that limit when the shared strings are
	// larger than it, or when the parts in memory would pass maxMemParts
	// together.
	maxMemPart     = 64 << 20
	sharedInMemory = 4 << 20
	maxMemParts    = 80 << 20
	// maxParts bounds the number of parts of the archive.
	maxParts = 10_000
)

// zipEntries reads the number of entries from a zip archive's end of
// central directory record, before archive/zip allocates one per entry.
func zipEntries(data []byte) (int, bool) {
	const eocd = 22
	if len(data) < eocd {
		return 0, false
	}
	tail := data[max(0, len(data)-eocd-0xFFFF):]
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < eocd {
		return 0, false
	}
	n := int(tail[i+10]) | int(tail[i+11])<<8
	if n == 0xFFFF {
		return maxParts + 1, true // zip64: more than a workbook needs
	}
	return n, true
}

// tokenScan bounds the tokens and rows of an XML part read as bytes: the
// bytes between two '<' (text or a tag) and between two row starts.
type tokenScan struct {
	sinceLT, sinceRow int
	rows              int // row starts seen
	longToken         bool
	longRow           bool
}

// feed scans the next bytes of the part; it returns false once a bound is
// passed.
func (t *tokenScan) feed(b []byte) bool {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			t.sinceLT += len(b)
			t.sinceRow += len(b)
			break
		}
		t.sinceLT += i
		t.sinceRow += i + 1
		if t.sinceLT > maxToken {
			t.longToken = true
			return false
		}
		t.sinceLT = 0
		b = b[i+1:]
		if rowStart(b) {
			t.rows++
			t.sinceRow = 0
		}
	}
	if t.sinceLT > maxToken {
		t.longToken = true
	}
	if t.sinceRow > maxRowBytes {
		t.longRow = true
	}
	return !t.longToken && !t.longRow
}

// rowStart reports whether b, the bytes after a '<', start a row element
// (<row …> or <x:row …>).
func rowStart(b []byte) bool {
	if len(b) > 0 && b[0] != 'r' {
		if j := bytes.IndexByte(b[:min(len(b), 12)], ':'); j > 0 {
			b = b[j+1:]
		}
	}
	return len(b) >= 4 && b[0] == 'r' && b[1] == 'o' && b[2] == 'w' && (b[3] == ' ' || b[3] == '>' || b[3] == '\t' || b[3] == '\n' || b[3] == '\r')
}

// longTokenMessage words a worksheet whose row holds a cell (or a tag)
// longer than any cell may be.
func longTokenMessage(row int) string {
	return fmt.Sprintf("Dòng %s có một ô dài hơn %s ký tự, quá giới hạn của Excel cho một ô. "+
		"Hãy rút ngắn nội dung ô đó (hoặc kiểm tra lại tệp: tệp có thể đã bị sửa bằng công cụ khác Excel) rồi tải lên lại.",
		formatInt(max(row, 1)), formatInt(MaxCellChars))
}

// scanSharedStrings checks the shared strings part: how many strings and
// how long each. The message is for the user, "" when the part is fine.
func scanSharedStrings(f *zip.File) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	var t tokenScan
	buf := make([]byte, 256<<10)
	n := 0
	for {
		k, err := io.ReadFull(rc, buf)
		chunk := buf[:k]
		n += bytes.Count(chunk, []byte("<si>")) + bytes.Count(chunk, []byte("<si ")) + bytes.Count(chunk, []byte(":si>")) + bytes.Count(chunk, []byte(":si "))
		if n > maxSharedStrings {
			return fmt.Sprintf("Tệp có hơn %s chuỗi văn bản khác nhau, nhiều hơn một lần nhập cần. Hãy chia thành nhiều tệp nhỏ hơn.",
				formatInt(maxSharedStrings)), nil
		}
		t.rows = 0
		if !t.feed(chunk) && t.longToken {
			return fmt.Sprintf("Tệp có một ô dài hơn %s ký tự, quá giới hạn của Excel cho một ô. "+
				"Hãy rút ngắn nội dung ô đó (hoặc kiểm tra lại tệp: tệp có thể đã bị sửa bằng công cụ khác Excel) rồi tải lên lại.",
				formatInt(MaxCellChars)), nil
		}
		t.longRow, t.sinceRow = false, 0 // the shared strings have no rows
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return "", nil
		}
		if err != nil {
			return "", err
		}
	}
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
	shared   *zip.File // the shared strings part, if any
	// memLimit is the UnzipXMLSizeLimit to open the workbook with.
	memLimit int64
}

// readPackage checks that the zip archive is a spreadsheet and lists its
// worksheets. The returned message is for the user; err is nil then.
func readPackage(data []byte, maxBytes int64) (*workbookInfo, string) {
	if n, ok := zipEntries(data); ok && n > maxParts {
		return nil, fmt.Sprintf("Tệp nén có %s phần, quá nhiều đối với một bảng tính (tối đa %s). Hãy mở tệp bằng Excel, lưu lại rồi tải lên.",
			formatInt(n), formatInt(maxParts))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, "Tệp bị hỏng hoặc không phải tệp Excel hợp lệ (không đọc được cấu trúc nén). Hãy mở tệp bằng Excel, lưu lại rồi tải lên."
	}
	if len(zr.File) > maxParts {
		return nil, fmt.Sprintf("Tệp nén có %s phần, quá nhiều đối với một bảng tính (tối đa %s). Hãy mở tệp bằng Excel, lưu lại rồi tải lên.",
			formatInt(len(zr.File)), formatInt(maxParts))
	}
	files := map[string]*zip.File{}
	var total, other, sst uint64
	var streamable []uint64 // sizes of the parts excelize may stream
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
		total += f.UncompressedSize64
		// What excelize keeps in memory (worksheets and shared strings
		// over its UnzipXMLSizeLimit it copies to temporary files and
		// reads as a stream), and the bounds of each part.
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		size := f.UncompressedSize64
		switch {
		case name == "xl/sharedstrings.xml":
			if size > maxSharedStringsBytes {
				return nil, fmt.Sprintf("Bảng chuỗi dùng chung của tệp (xl/sharedStrings.xml) quá lớn khi giải nén (%s MB, tối đa %s MB). "+
					"Hãy chia thành nhiều tệp nhỏ hơn.", formatInt(int(size>>20)), formatInt(maxSharedStringsBytes>>20))
			}
			sst = size
			streamable = append(streamable, size)
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
			if size > maxSheetBytes {
				return nil, fmt.Sprintf("Một trang tính của tệp (%s) quá lớn khi giải nén (%s MB, tối đa %s MB). Hãy chia thành nhiều tệp nhỏ hơn.",
					f.Name, formatInt(int(size>>20)), formatInt(maxSheetBytes>>20))
			}
			streamable = append(streamable, size)
		default:
			other += size
		}
	}
	// Worksheets are read fastest from memory; shared strings in memory
	// are indexed whole, which takes many times their size: keep them in
	// memory only when small, and the whole within maxMemParts.
	inMemory := func(limit uint64) uint64 {
		n := other
		for _, s := range streamable {
			if s <= limit {
				n += s
			}
		}
		return n
	}
	limit := uint64(maxMemPart)
	if sst > sharedInMemory || inMemory(limit) > maxMemParts {
		limit = sharedInMemory
	}
	if n := inMemory(limit); n > maxMemParts {
		return nil, fmt.Sprintf("Các phần phụ của tệp (kiểu định dạng, hình ảnh, trang tính đặt sai chỗ…) quá lớn khi giải nén (%s MB, tối đa %s MB). "+
			"Hãy mở tệp bằng Excel, xóa hình ảnh và định dạng thừa, lưu lại rồi tải lên.", formatInt(int(n>>20)), formatInt(maxMemParts>>20))
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
	info := &workbookInfo{memLimit: int64(limit)}
	for name, f := range files {
		if strings.EqualFold(strings.ReplaceAll(name, "\\", "/"), "xl/sharedStrings.xml") {
			info.shared = f
		}
	}
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
	// tooLong, when set, says the sheet was not scanned to its end: a row
	// of it holds a token or is longer than any may be.
	tooLong string
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
	var t tokenScan
	for {
		n, err := io.ReadFull(rc, buf[carry:])
		chunk := buf[:carry+n]
		s.rows += bytes.Count(chunk[carry:], []byte("<row")) + bytes.Count(chunk[carry:], []byte(":row "))
		if !t.feed(chunk[carry:]) {
			if t.longToken {
				s.tooLong = longTokenMessage(t.rows)
			} else {
				s.tooLong = fmt.Sprintf("Dòng %s quá dài (hơn %s MB dữ liệu trong một dòng). Hãy kiểm tra lại tệp rồi tải lên lại.",
					formatInt(t.rows), formatInt(maxRowBytes>>20))
			}
			return s, nil
		}
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
