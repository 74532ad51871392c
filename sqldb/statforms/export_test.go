package statforms

// NoRefresh makes s read the stored figures without bringing them up to
// date first, as while another process refreshes them.
func NoRefresh(s *Store) { s.noRefresh = true }
