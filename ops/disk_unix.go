//go:build unix

package ops

import "syscall"

// diskFree returns the bytes free for unprivileged users on the disk of
// path, or -1.
func diskFree(path string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}
