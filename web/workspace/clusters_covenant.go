package workspace

import (
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"

	"thidua"
	"thidua/cluster"
	"thidua/web/kit"
)

// The covenant's form (giao ước thi đua): its targets, the signing date,
// each member head's signature (name and post) and the signed document,
// uploaded as multipart within the attachment limit (kit.Config.MaxUpload,
// as the dossier's uploads: the request is cut at the limit and a megabyte
// of fields, at most 8 MB of it held in memory, the rest in a temporary
// file; the document is read up to the limit). It saves with
// cluster.Service.SaveCovenant, as PUT /api/v1/clusters/{id}/covenant.

type covenantPage struct {
	kit.Page
	C *cluster.Cluster
	// Covenant is the stored covenant, nil before the first.
	Covenant *cluster.Covenant
	Form     *kit.Form
	// Limit is the document's size limit, written for people.
	Limit string
}

func (s *Handler) covenantPage(r *http.Request, cs cluster.Service, c *cluster.Cluster, f *kit.Form) (*covenantPage, error) {
	p := &covenantPage{Page: kit.Page{Title: "Giao ước thi đua " + c.Name + " năm " + strconv.Itoa(c.Year), Nav: "clusters"},
		C: c, Form: f, Limit: kit.SizeLabel(s.Cfg.MaxUpload)}
	cv, err := cs.FindCovenant(r.Context(), c.ID)
	switch {
	case err == nil:
		p.Covenant = cv
	case thidua.ErrorCode(err) != thidua.ENOTFOUND:
		return nil, err
	}
	return p, nil
}

// HandleClusterCovenant shows the covenant's form to the organizer's
// officers, filled with the stored covenant when there is one.
func (s *Handler) HandleClusterCovenant(w http.ResponseWriter, r *http.Request) error {
	cs, c, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	p, err := s.covenantPage(r, cs, c, kit.NewForm())
	if err != nil {
		return err
	}
	f := p.Form
	f.Values["version"] = "0"
	if cv := p.Covenant; cv != nil {
		f.Values["version"] = strconv.Itoa(cv.Version)
		f.Values["targets"], f.Values["signed_on"] = cv.Targets, cv.SignedOn.String()
		for _, sg := range cv.Signatures {
			f.Values["signer_"+kit.IdStr(sg.UnitID)], f.Values["signer_post_"+kit.IdStr(sg.UnitID)] = sg.Signer, sg.SignerPost
		}
	}
	s.Render(w, r, http.StatusOK, "cluster_covenant.html", p)
	return nil
}

// multipartValues copies a parsed multipart form's values into a form as
// kit.ParseForm does with a plain one: each value checked for control
// characters (kit.ParseForm's rule) and normalized.
func multipartValues(r *http.Request, f *kit.Form) {
	for k, vs := range r.PostForm {
		if len(vs) == 0 {
			continue
		}
		clean, err := thidua.CheckInput(k, vs[0])
		if err != nil {
			f.Errors[k] = thidua.ErrorFields(err)[k]
			if f.Error == "" {
				f.Error = thidua.ErrorMessage(err)
			}
			f.Values[k] = clean
			continue
		}
		f.Values[k] = thidua.NormalizeField(k, clean)
	}
}

// readUpload reads the one file of the form's field "file" up to limit
// bytes; it returns no data and no error when no file was chosen.
func readUpload(r *http.Request, limit int64) (name string, data []byte, err error) {
	files := r.MultipartForm.File["file"]
	if len(files) == 0 || (len(files) == 1 && files[0].Filename == "" && files[0].Size == 0) {
		return "", nil, nil
	}
	if len(files) != 1 {
		return "", nil, kit.FieldErr("file", "Vui lòng chọn một tệp.")
	}
	fh := files[0]
	name = thidua.NormalizeFileName(fh.Filename)
	if !utf8.ValidString(name) || len(name) > 255 || name == "." || name == "" {
		return "", nil, kit.FieldErr("file", "Tên tệp không hợp lệ.")
	}
	if fh.Size > limit {
		return "", nil, kit.FieldErr("file", "Tệp “"+thidua.NormalizeText(name)+"” lớn hơn "+kit.SizeLabel(limit)+".")
	}
	fd, err := fh.Open()
	if err != nil {
		return "", nil, kit.FieldErr("file", "Không đọc được tệp.")
	}
	defer fd.Close()
	data, err = io.ReadAll(io.LimitReader(fd, limit+1))
	if err != nil || int64(len(data)) > limit {
		return "", nil, kit.FieldErr("file", "Không đọc được tệp.")
	}
	if len(data) == 0 {
		return "", nil, kit.FieldErr("file", "Tệp “"+thidua.NormalizeText(name)+"” rỗng.")
	}
	return thidua.NormalizeText(name), data, nil
}

// HandleClusterCovenantSave records or replaces the covenant. The document
// is required the first time; left out later, the stored one stays. A
// refused form comes back with every field as typed (a browser cannot be
// given back a chosen file: the message asks to choose it again), and a
// document stored for a refused covenant is removed again.
func (s *Handler) HandleClusterCovenantSave(w http.ResponseWriter, r *http.Request) error {
	cs, c, err := s.managedCluster(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	limit := s.Cfg.MaxUpload
	r.Body = http.MaxBytesReader(w, r.Body, limit+1<<20)
	f := kit.NewForm()
	fail := func(err error) {
		units := make([]int64, len(c.Members))
		for i, m := range c.Members {
			units[i] = m.UnitID
		}
		err = renameMemberFields(err, "signatures", units, map[string]string{"signer": "signer_%d", "signer_post": "signer_post_%d"})
		if _, ok := thidua.ErrorFields(err)["file"]; !ok && r.MultipartForm != nil && len(r.MultipartForm.File["file"]) > 0 {
			f.Errors["file"] = "Tệp đã chọn chưa được lưu: vui lòng chọn lại tệp."
		}
		s.FormFailed(w, r, f, err, "cluster_covenant.html", func() (kit.View, error) {
			return s.covenantPage(r, cs, c, f)
		})
	}
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		fail(kit.FieldErr("file", "Không đọc được tệp gửi lên (tối đa "+kit.SizeLabel(limit)+")."))
		return nil
	}
	defer r.MultipartForm.RemoveAll()
	multipartValues(r, f)
	cv := &cluster.Covenant{ClusterID: c.ID, Targets: f.Values["targets"]}
	cv.Version = int(f.Int("version", "Phiên bản không hợp lệ."))
	if _, ok := r.PostForm["version"]; !ok {
		f.Errors["version"] = "Thiếu phiên bản dữ liệu, vui lòng tải lại trang."
	}
	if f.Values["signed_on"] != "" {
		cv.SignedOn = f.Date("signed_on")
	}
	for _, m := range c.Members {
		id := kit.IdStr(m.UnitID)
		cv.Signatures = append(cv.Signatures, cluster.Signature{UnitID: m.UnitID, Signer: f.Values["signer_"+id], SignerPost: f.Values["signer_post_"+id]})
	}
	name, data, err := readUpload(r, limit)
	var ctype string
	if err == nil && data != nil {
		if ctype, err = kit.CheckUpload(name, data); err != nil {
			err = kit.FieldErr("file", thidua.ErrorMessage(err))
		}
	}
	cur, cerr := cs.FindCovenant(ctx, c.ID)
	if cerr != nil && thidua.ErrorCode(cerr) != thidua.ENOTFOUND {
		return cerr
	}
	if data == nil && cur != nil {
		cv.File = cur.File
	}
	if err != nil || len(f.Errors) > 0 {
		// Every rule at once: the domain's checks run on a copy with a
		// placeholder for a document that was chosen.
		check := *cv
		check.Signatures = append([]cluster.Signature(nil), cv.Signatures...)
		if data != nil {
			check.File = cluster.Document{Name: name, Key: "-"}
		}
		check.Normalize()
		fail(mergeErrs(err, f.FieldsErr(), check.Validate(c)))
		return nil
	}
	var key string
	if data != nil {
		key = kit.RandomKey()
		if err := s.Cfg.Files.Put(ctx, key, data); err != nil {
			return err
		}
		cv.File = cluster.Document{Name: name, ContentType: ctype, Size: int64(len(data)), Key: key}
	}
	old, err := cs.SaveCovenant(ctx, cv)
	if err != nil {
		if key != "" {
			_ = s.Cfg.Files.Delete(ctx, key)
		}
		fail(err)
		return nil
	}
	if key != "" {
		s.CheckArrival(ctx, key, ctype, data)
	}
	if old != "" {
		if err := s.Cfg.Files.Delete(ctx, old); err != nil {
			s.Log.Warn("covenant file left in the store", "key", old, "err", err)
		}
	}
	s.Flash(w, r, "Đã ghi giao ước thi đua, ký ngày "+cv.SignedOn.String()+".")
	http.Redirect(w, r, "/app/clusters/"+kit.IdStr(c.ID)+"#giao-uoc", http.StatusSeeOther)
	return nil
}
