package commendation

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/web/kit"
	"unicode/utf8"
)

// HandleDossierUpload stores one document of a proposal's dossier: the type
// is checked by content, the bytes go to the file store, and nothing stays
// behind when the record cannot be written.
func (s *Handler) HandleDossierUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	p, err := s.Store.FindProposalByID(r.Context(), id)
	if err != nil {
		return err
	}
	limit := s.Cfg.MaxUpload
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	f := kit.NewForm()
	fail := func(err error) {
		s.FormFailed(w, r, f, err, "proposal.html", func() (kit.View, error) {
			pg, err := s.proposalPage(r, p)
			if err != nil {
				return nil, err
			}
			pg.FileForm = f
			return pg, nil
		})
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		fail(kit.FieldErr("file", "Không đọc được tệp gửi lên (tối đa "+kit.SizeLabel(limit)+")."))
		return nil
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
		fail(kit.FieldErr("file", "Vui lòng chọn một tệp."))
		return nil
	}
	fh := files[0]
	name := thidua.NormalizeFileName(fh.Filename)
	if !utf8.ValidString(name) || len(name) > 255 || name == "." {
		fail(kit.FieldErr("file", "Tên tệp không hợp lệ."))
		return nil
	}
	if fh.Size > limit {
		fail(kit.FieldErr("file", "Tệp “"+thidua.NormalizeText(name)+"” lớn hơn "+kit.SizeLabel(limit)+"."))
		return nil
	}
	fd, err := fh.Open()
	if err != nil {
		fail(kit.FieldErr("file", "Không đọc được tệp."))
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(fd, limit+1))
	fd.Close()
	if err != nil || int64(len(data)) > limit {
		fail(kit.FieldErr("file", "Không đọc được tệp."))
		return nil
	}
	ct, err := kit.CheckUpload(name, data)
	if err != nil {
		fail(kit.FieldErr("file", thidua.ErrorMessage(err)))
		return nil
	}
	pf.Name, pf.ContentType, pf.Size, pf.Key = thidua.NormalizeText(name), ct, int64(len(data)), kit.RandomKey()
	if err := s.Cfg.Files.Put(r.Context(), pf.Key, data); err != nil {
		return err
	}
	if err := s.Store.AddProposalFile(r.Context(), pf); err != nil {
		s.Cfg.Files.Delete(r.Context(), pf.Key)
		fail(err)
		return nil
	}
	s.CheckArrival(r.Context(), pf.Key, ct, data)
	s.Flash(w, r, "Đã thêm “"+pf.Name+"” vào hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(id)+"#ho-so", http.StatusSeeOther)
	return nil
}

func (s *Handler) HandleDossierDownload(w http.ResponseWriter, r *http.Request) error {
	f, err := kit.FindByID(r, s.Store.FindProposalFile)
	if err != nil {
		return err
	}
	data, err := s.Cfg.Files.Get(r.Context(), f.Key)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}

func (s *Handler) HandleDossierDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := s.Store.DeleteProposalFile(r.Context(), id)
	if err != nil {
		if thidua.ErrorCode(err) == thidua.EINVALID {
			s.Flash(w, r, thidua.ErrorMessage(err))
			if pf, ferr := s.Store.FindProposalFile(r.Context(), id); ferr == nil {
				http.Redirect(w, r, "/app/proposals/"+kit.IdStr(pf.ProposalID)+"#ho-so", http.StatusSeeOther)
				return nil
			}
		}
		return err
	}
	if f.Key != "" {
		s.Cfg.Files.Delete(r.Context(), f.Key)
	}
	s.Flash(w, r, "Đã xóa “"+f.Name+"” khỏi hồ sơ.")
	http.Redirect(w, r, "/app/proposals/"+kit.IdStr(f.ProposalID)+"#ho-so", http.StatusSeeOther)
	return nil
}
