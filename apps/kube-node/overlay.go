package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// overlayBin lays upper over /usr/bin (/bin is a link to it on Debian) in this mount namespace
// only: the cluster's namespace sees the images' programs at their paths, the host sees nothing.
func overlayBin(stateDir, upper string) error {
	work := filepath.Join(stateDir, "bin-overlay-work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	options := fmt.Sprintf("lowerdir=/usr/bin,upperdir=%s,workdir=%s", upper, work)
	if err := syscall.Mount("overlay", "/usr/bin", "overlay", 0, options); err != nil {
		return fmt.Errorf("overlaying /usr/bin with the images' programs: %w", err)
	}
	return nil
}
