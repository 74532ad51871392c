package api

import (
	"net/http"
	"thidua/web/kit"
)

func (s *Handler) HandleOpenAPI(w http.ResponseWriter, r *http.Request) {
	kit.WriteJSON(w, http.StatusOK, s.openAPI())
}
