package central

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"
	"time"

	"thidua"
)

// Kinds of the files of a dossier for the Ministry of Home Affairs.
const (
	FileSubmission = "to_trinh"         // the province's tờ trình
	FileMinutes    = "bien_ban"         // council minutes
	FileTally      = "kiem_phieu"       // the vote count record
	FileNominees   = "danh_sach"        // the nominee list (XLSX)
	FileReport     = "bao_cao"          // a nominee's achievement report as entered
	FileEvidence   = "ho_so"            // a stored report or evidence file
	FileComment    = "cong_khai"        // the public-comment summary
	ManifestName   = "manifest.json"    // written last
	manifestFormat = "thidua-dossier/1" // of the manifest
)

// Manifest describes a dossier: the proposal it carries and each file with
// its kind, size and SHA-256, so that the receiver can check what arrived.
type Manifest struct {
	Format        string         `json:"format"`
	ProposalID    int64          `json:"proposal_id"`
	Title         string         `json:"title"`
	Ref           string         `json:"ref,omitempty"`
	Unit          string         `json:"unit"`
	Year          int            `json:"year"`
	State         string         `json:"state"`
	GeneratedAt   time.Time      `json:"generated_at"`
	PublicComment string         `json:"public_comment,omitempty"`
	Files         []ManifestFile `json:"files"`
}

// ManifestFile is one file of a dossier.
type ManifestFile struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// DossierWriter streams a dossier as a ZIP archive: each file is written
// through once (its size and hash counted on the way), and the manifest
// follows the files. Nothing but the file being written is held.
type DossierWriter struct {
	zw    *zip.Writer
	m     Manifest
	names map[string]bool
	at    time.Time
}

// NewDossierWriter starts a dossier of proposal p on w.
func NewDossierWriter(w io.Writer, p *thidua.Proposal, at time.Time) *DossierWriter {
	m := Manifest{Format: manifestFormat, ProposalID: p.ID, Title: p.Title, Unit: p.UnitName, Year: p.Year, State: p.State,
		GeneratedAt: at.UTC(), Files: []ManifestFile{}}
	if p.Ref.Number != "" {
		m.Ref = p.Ref.String()
	}
	return &DossierWriter{zw: zip.NewWriter(w), m: m, names: map[string]bool{ManifestName: true}, at: at}
}

// SetPublicComment records the public-comment summary in the manifest.
func (d *DossierWriter) SetPublicComment(s string) { d.m.PublicComment = s }

// Add writes one file named name (made unique within the archive) of kind
// by calling write with the archive entry.
func (d *DossierWriter) Add(name, kind string, write func(io.Writer) error) error {
	name = d.unique(name)
	method := zip.Deflate
	if packed[strings.ToLower(path.Ext(name))] {
		method = zip.Store
	}
	fw, err := d.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: d.at})
	if err != nil {
		return fmt.Errorf("central: dossier entry %s: %w", name, err)
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(fw, h)}
	if err := write(cw); err != nil {
		return err
	}
	d.m.Files = append(d.m.Files, ManifestFile{Name: name, Kind: kind, Size: cw.n, SHA256: sum(h)})
	return nil
}

// packed are the extensions of files compressed already (PDF streams,
// the ZIP of office files, images): deflating them again costs more CPU
// than the dossier's whole rendering for a few bytes, so they are stored.
var packed = map[string]bool{".pdf": true, ".xlsx": true, ".docx": true, ".pptx": true, ".odt": true, ".ods": true,
	".zip": true, ".7z": true, ".rar": true, ".gz": true, ".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".mp4": true}

// Close writes the manifest and ends the archive.
func (d *DossierWriter) Close() error {
	fw, err := d.zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: d.at})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(fw)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d.m); err != nil {
		return err
	}
	return d.zw.Close()
}

// Manifest returns the manifest as written so far.
func (d *DossierWriter) Manifest() Manifest { return d.m }

func (d *DossierWriter) unique(name string) string {
	name = strings.ReplaceAll(thidua.NormalizeFileName(name), "/", "-")
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; d.names[name]; i++ {
		name = fmt.Sprintf("%s-%d%s", stem, i, ext)
	}
	d.names[name] = true
	return name
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Submission is what the tờ trình to the centre says: the province's
// proposal, its nominees by award, the council's result and the public
// comment, for a renderer to lay out.
type Submission struct {
	Agency        string // the submitting agency, upper case lines
	Place         string
	Date          thidua.Date
	Proposal      *thidua.Proposal
	PublicComment string
	Authority     string // the central authority: "Thủ tướng Chính phủ", …
	// To is whom a tờ trình within the province is addressed to (the
	// receiving level, "Ủy ban nhân dân tỉnh"); "" for one to the centre.
	To string
	// Signer signs it: the submitting level's head as its office
	// settings say (ladder.Office); a zero Signer prints the post alone.
	Signer thidua.Signer
}

// Renderer writes the documents of a dossier that are generated.
type Renderer interface {
	// SubmissionPDF writes the tờ trình.
	SubmissionPDF(w io.Writer, s *Submission) error
	// NomineesXLSX writes the list of nominees with their awards, the
	// council's result and the public-comment count.
	NomineesXLSX(w io.Writer, s *Submission) error
}

// ReportText is a nominee's achievement report (báo cáo thành tích) as
// entered with the proposal, in its sections, as plain text; "" when
// nothing was entered.
func ReportText(n *thidua.Nominee) string {
	r := n.Report
	if strings.TrimSpace(r.Summary+r.Achievements+r.Initiatives+r.Awards) == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "BÁO CÁO THÀNH TÍCH\n%s — %s\nĐề nghị: %s\n", n.Name, n.UnitName, thidua.AwardName(n.Award))
	for _, sec := range []struct{ head, text string }{
		{"I. SƠ LƯỢC LÝ LỊCH, ĐẶC ĐIỂM, TÌNH HÌNH", r.Summary},
		{"II. THÀNH TÍCH ĐẠT ĐƯỢC", r.Achievements},
		{"III. SÁNG KIẾN, GIẢI PHÁP, ĐỀ TÀI", r.Initiatives},
		{"IV. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN", r.Awards},
	} {
		if t := strings.TrimSpace(sec.text); t != "" {
			fmt.Fprintf(&b, "\n%s\n%s\n", sec.head, t)
		}
	}
	return b.String()
}
