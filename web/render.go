package web

import (
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"thidua/web/assets"
	"thidua/web/kit"
	"time"
)

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	h, ok := s.Tmpl.Static[name]
	if !ok || strings.Contains(name, "/") {
		s.NotFound(w, r)
		return nil
	}
	e, err := s.staticFile(name, h)
	if err != nil {
		s.NotFound(w, r)
		return nil
	}
	if r.PathValue("hash") == h {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	e.Write(w, r, http.StatusOK, ct, time.Time{})
	return nil
}

// staticFiles holds the embedded static files, plain and gzipped, tagged
// with their content hash, once read.
var staticFiles sync.Map // name → *kit.Encoded

func (s *Server) staticFile(name, hash string) (*kit.Encoded, error) {
	if e, ok := staticFiles.Load(name); ok {
		return e.(*kit.Encoded), nil
	}
	b, err := assets.FS.ReadFile("static/" + name)
	if err != nil {
		return nil, err
	}
	e := kit.NewEncoded(b, `"`+hash+`"`)
	staticFiles.Store(name, &e)
	return &e, nil
}
