package web

// InvalidatePortal empties the cache of rendered portal pages. The server
// calls it itself after its own changes; cmd/thidua feeds it the database's
// announcements (sqldb.DB.WatchPortal) so that a change made on another
// node shows here too.
func (s *Server) InvalidatePortal() {
	s.portal.InvalidateCache()
}

// PortalCacheLen returns the number of cached portal pages (for tests and
// metrics).
func (s *Server) PortalCacheLen() int {
	return s.portal.CacheLen()
}
