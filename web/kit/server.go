package kit

import (
	"net/http"
	"thidua"
)

func (s *Base) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Error(w, r, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu."))
}
