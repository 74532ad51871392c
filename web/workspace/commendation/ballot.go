package commendation

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"thidua"
	"thidua/ballot"
	"thidua/web/kit"
)

// The trustees' steps of the secret ballot on the meeting page: download
// one's key share (once), download the meeting record, upload the partial
// decryption computed offline; and the secretary's new key while no ballot
// is cast.

// HandleShareDownload sends the signed-in trustee their share as a file.
// It is a POST: the download takes the share off the server.
func (s *Handler) HandleShareDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	share, err := s.Store.DownloadShare(r.Context(), id)
	if err != nil {
		s.meetingActionError(w, r, id, err, nil)
		return nil
	}
	b, err := json.MarshalIndent(share, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	kit.SendDocument(w, "application/json", "phan-khoa-phien-hop-"+kit.IdStr(id)+"-"+strconv.Itoa(share.Trustee)+".json", b)
	return nil
}

// HandleRecordDownload sends the meeting record (the bulletin board) for
// `thidua ballot decrypt-share` and `thidua ballot verify`.
func (s *Handler) HandleRecordDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	rec, err := s.Store.MeetingRecord(r.Context(), id)
	if err != nil {
		s.meetingActionError(w, r, id, err, nil)
		return nil
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	kit.SendDocument(w, "application/json", "hom-phieu-phien-hop-"+kit.IdStr(id)+".json", b)
	return nil
}

// HandlePartialUpload takes a trustee's partial decryption, as a file or
// pasted text.
func (s *Handler) HandlePartialUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	f := kit.NewForm()
	var body []byte
	if err := r.ParseMultipartForm(4 << 20); err == nil {
		defer r.MultipartForm.RemoveAll()
		if fh, _, ferr := r.FormFile("partial"); ferr == nil {
			body, _ = io.ReadAll(fh)
			fh.Close()
		}
	} else if err := r.ParseForm(); err != nil {
		return thidua.Errorf(thidua.EINVALID, "Không đọc được dữ liệu biểu mẫu.")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte(r.PostFormValue("partial_text"))
	}
	var p ballot.Partial
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		err = kit.FieldErr("partial", "Vui lòng chọn tệp phần giải mã (do lệnh thidua ballot decrypt-share tạo).")
	case dec.Decode(&p) != nil:
		err = kit.FieldErr("partial", "Tệp này không phải tệp phần giải mã của thidua.")
	}
	var rows []thidua.TallyRow
	if err == nil {
		rows, err = s.Store.AddPartial(r.Context(), id, &p)
	}
	if err != nil {
		s.meetingActionError(w, r, id, err, f)
		return nil
	}
	if rows == nil {
		s.Flash(w, r, "Đã nhận phần giải mã của thành viên giữ khóa số "+strconv.Itoa(p.Trustee)+"; chờ thêm thành viên giữ khóa khác.")
	} else {
		passed := 0
		for _, t := range rows {
			if t.Passed {
				passed++
			}
		}
		s.Flash(w, r, "Đã giải mã tổng phiếu và kết thúc kiểm phiếu: "+strconv.Itoa(passed)+"/"+strconv.Itoa(len(rows))+" đối tượng đạt tỷ lệ đồng ý trên tổng số thành viên Hội đồng.")
	}
	http.Redirect(w, r, "/app/meetings/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// HandleRekey deals the meeting a new key while no ballot is cast.
func (s *Handler) HandleRekey(w http.ResponseWriter, r *http.Request) error {
	return s.meetingVersionAction(w, r, s.Store.RekeyMeeting,
		"Đã tạo khóa bỏ phiếu mới. Các thành viên giữ khóa tải phần khóa mới của mình.")
}
