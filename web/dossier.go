package web

import (
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"thidua"
)

// handleDossierUpload stores one document of a proposal's dossier: the type
// is checked by content, the bytes go to the file store, and nothing stays
// behind when the record cannot be written.
func (s *Server) handleDossierUpload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.store.FindProposalByID(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	limit := s.cfg.MaxUpload
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	f := newForm()
	fail := func(err error) {
		s.formFailed(w, r, f, err, "proposal.html", func() (pager, error) {
			pg, err := s.proposalPage(r, p)
			if err != nil {
				return nil, err
			}
			pg.FileForm = f
			return pg, nil
		})
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		fail(fieldErr("file", "Không đọc được tệp gửi lên (tối đa "+sizeLabel(limit)+")."))
		return
	}
	defer r.MultipartForm.RemoveAll()
	pf := &thidua.ProposalFile{ProposalID: id, Kind: r.FormValue("kind")}
	f.Values["kind"] = pf.Kind
	if subj := r.FormValue("subject"); subj != "" {
		kind, idText, _ := strings.Cut(subj, ":")
		pf.Subject = kind
		pf.SubjectID, _ = strconv.ParseInt(idText, 10, 64)
		f.Values["subject"] = subj
	}
	files := r.MultipartForm.File["file"]
	if len(files) != 1 {
		fail(fieldErr("file", "Vui lòng chọn một tệp."))
		return
	}
	fh := files[0]
	name := filepath.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	if !utf8.ValidString(name) || len(name) > 255 || name == "." {
		fail(fieldErr("file", "Tên tệp không hợp lệ."))
		return
	}
	if fh.Size > limit {
		fail(fieldErr("file", "Tệp “"+thidua.NormalizeText(name)+"” lớn hơn "+sizeLabel(limit)+"."))
		return
	}
	fd, err := fh.Open()
	if err != nil {
		fail(fieldErr("file", "Không đọc được tệp."))
		return
	}
	data, err := io.ReadAll(io.LimitReader(fd, limit+1))
	fd.Close()
	if err != nil || int64(len(data)) > limit {
		fail(fieldErr("file", "Không đọc được tệp."))
		return
	}
	ct, err := checkUpload(name, data)
	if err != nil {
		fail(fieldErr("file", thidua.ErrorMessage(err)))
		return
	}
	pf.Name, pf.ContentType, pf.Size, pf.Key = thidua.NormalizeText(name), ct, int64(len(data)), randomKey()
	if err := s.cfg.Files.Put(r.Context(), pf.Key, data); err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.store.AddProposalFile(r.Context(), pf); err != nil {
		s.cfg.Files.Delete(r.Context(), pf.Key)
		fail(err)
		return
	}
	s.flash(w, r, "Đã thêm “"+pf.Name+"” vào hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+idStr(id)+"#ho-so", http.StatusSeeOther)
}

func (s *Server) handleDossierDownload(w http.ResponseWriter, r *http.Request) {
	f, ok := loadByID(s, w, r, s.store.FindProposalFile)
	if !ok {
		return
	}
	data, err := s.cfg.Files.Get(r.Context(), f.Key)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *Server) handleDossierDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := s.store.DeleteProposalFile(r.Context(), id)
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID {
			s.flash(w, r, thidua.ErrorMessage(err))
			if pf, ferr := s.store.FindProposalFile(r.Context(), id); ferr == nil {
				http.Redirect(w, r, "/app/proposals/"+idStr(pf.ProposalID)+"#ho-so", http.StatusSeeOther)
				return
			}
		}
		s.Error(w, r, err)
		return
	}
	s.cfg.Files.Delete(r.Context(), f.Key)
	s.flash(w, r, "Đã xóa “"+f.Name+"” khỏi hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+idStr(f.ProposalID)+"#ho-so", http.StatusSeeOther)
}
