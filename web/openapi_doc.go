package web

// openAPI returns the OpenAPI 3.1 document (placeholder until written).
func (s *Server) openAPI() map[string]any {
	return map[string]any{"openapi": "3.1.0", "info": map[string]any{"title": "thidua API", "version": "1"}, "paths": map[string]any{}}
}
