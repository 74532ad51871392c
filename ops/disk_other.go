//go:build !unix

package ops

func diskFree(string) int64 { return -1 }
