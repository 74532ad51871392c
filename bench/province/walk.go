package main

func runWalk(args []string) error { return nil }
