package web

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"thidua/web/assets"
)

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	h, ok := s.Tmpl.Static[name]
	if !ok || strings.Contains(name, "/") {
		s.NotFound(w, r)
		return nil
	}
	b, err := assets.FS.ReadFile("static/" + name)
	if err != nil {
		s.NotFound(w, r)
		return nil
	}
	if r.PathValue("hash") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Write(b)
	return nil
}
