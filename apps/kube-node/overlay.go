package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// overlayBin lays upper over /usr/bin (/bin is a link to it on Debian) in this mount namespace
// only: the cluster's namespace sees the images' programs at their paths, the host sees nothing.
func overlayBin(stateDir, upper string) error {
	return overlay(stateDir, "bin", "/usr/bin", upper)
}

// volumeRoots are where pods' volumes get their mount points (Istio's /etc/istio/proxy,
// /var/lib/istio/data). An image would ship those folders; here each root is overlaid with an
// empty folder of the node's, so creating them changes nothing on the host. /var/run is a link to
// the host's /run, which is not overlaid: the cluster's own mounts live there.
var volumeRoots = []string{"/etc", "/var"}

func overlayVolumeRoots(stateDir string) error {
	for _, root := range volumeRoots {
		upper := filepath.Join(stateDir, "volume-roots", strings.TrimPrefix(root, "/"))
		if err := os.MkdirAll(upper, 0o755); err != nil {
			return err
		}
		if err := overlay(stateDir, "volume-root"+strings.ReplaceAll(root, "/", "-"), root, upper); err != nil {
			return err
		}
	}
	return nil
}

// canMountAt: a mount point under an overlaid root, and not through /var/run.
func canMountAt(path string) bool {
	path = filepath.Clean(path)
	if path == "/var/run" || strings.HasPrefix(path, "/var/run/") {
		return false
	}
	for _, root := range volumeRoots {
		if strings.HasPrefix(path, root+"/") {
			return true
		}
	}
	return false
}

func overlay(stateDir, name, lower, upper string) error {
	work := filepath.Join(stateDir, name+"-overlay-work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	options := fmt.Sprintf("lowerdir=%s,upperdir=%s,workdir=%s", lower, upper, work)
	if err := syscall.Mount("overlay", lower, "overlay", 0, options); err != nil {
		return fmt.Errorf("overlaying %s: %w", lower, err)
	}
	return nil
}
