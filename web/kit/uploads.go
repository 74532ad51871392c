package kit

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"thidua"
)

// SendDocument sends a generated document as an attachment.
func SendDocument(w http.ResponseWriter, ctype, name string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(b)
}

// SendXLSX writes a workbook as a download.
func SendXLSX(w http.ResponseWriter, name string, data []byte) {
	XLSXHeaders(w, name)
	w.Write(data)
}

// XLSXHeaders sets the headers of an XLSX download, for a handler that
// then streams the workbook into w.
func XLSXHeaders(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
}

// Allowed attachment types: the type sniffed from the content must agree
// with the extension (a renamed executable is refused).
var allowedUploads = map[string][]string{
	".pdf":  {"application/pdf"},
	".png":  {"image/png"},
	".jpg":  {"image/jpeg"},
	".jpeg": {"image/jpeg"},
	".gif":  {"image/gif"},
	".webp": {"image/webp"},
	// Office Open XML files are ZIP archives.
	".docx": {"application/zip", "application/x-zip-compressed"},
	".xlsx": {"application/zip", "application/x-zip-compressed"},
}

var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// officeMainParts names the part a document of each kind cannot lack.
var officeMainParts = map[string]string{".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}

// CheckUpload returns the content type to store for a file, or a Vietnamese error.
func CheckUpload(name string, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	want, ok := allowedUploads[ext]
	if !ok {
		return "", thidua.Errorf(thidua.EINVALID, "Tệp “%s”: chỉ nhận PDF, DOCX, XLSX hoặc ảnh (PNG, JPG, GIF, WEBP).", name)
	}
	sniffed := http.DetectContentType(data)
	if i := strings.Index(sniffed, ";"); i >= 0 {
		sniffed = sniffed[:i]
	}
	for _, w := range want {
		if sniffed == w {
			if t, ok := officeTypes[ext]; ok {
				if !isOfficePackage(data, officeMainParts[ext]) {
					return "", thidua.Errorf(thidua.EINVALID, "Tệp “%s” không phải tệp %s hợp lệ.", name, strings.ToUpper(ext[1:]))
				}
				return t, nil
			}
			return w, nil
		}
	}
	return "", thidua.Errorf(thidua.EINVALID, "Nội dung tệp “%s” không khớp với phần mở rộng %s.", name, ext)
}

// isOfficePackage reports whether data is a zip archive that opens, with
// the Office Open XML manifest ([Content_Types].xml) and main, the part a
// document of its kind holds its body in.
func isOfficePackage(data []byte, main string) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	var manifest, body bool
	for _, f := range zr.File {
		switch name := strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"); {
		case strings.EqualFold(name, "[Content_Types].xml"):
			manifest = true
		case strings.EqualFold(name, main):
			body = true
		}
	}
	return manifest && body
}

// SizeLabel writes a size limit in MB or KB when it is a whole number of
// them, in bytes otherwise (limit>>20 alone says "0 MB" below 1 MiB).
func SizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " byte"
}

func RandomKey() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
