package main

import (
	"os"
	"path/filepath"

	corev1 "k8s.io/api/core/v1"
)

// bindMount is a folder of the pod's bound at a path in one container's mount namespace.
type bindMount struct{ source, target string }

// emptyDirMounts realizes a container's emptyDir volumes: one folder per volume in the pod's
// folder, shared by the pod's containers, as Istio's grpc-agent shares the bootstrap it writes
// with the app (/etc/istio/proxy). Other volume kinds are not realized by this node (the docs say
// so), nor mount points outside the overlaid roots (overlay.go).
func emptyDirMounts(pod *corev1.Pod, spec *corev1.Container, podDir string) ([]bindMount, error) {
	emptyDirs := map[string]bool{}
	for _, volume := range pod.Spec.Volumes {
		if volume.EmptyDir != nil {
			emptyDirs[volume.Name] = true
		}
	}
	var mounts []bindMount
	for _, mount := range spec.VolumeMounts {
		if !emptyDirs[mount.Name] || !canMountAt(mount.MountPath) {
			continue
		}
		source := filepath.Join(podDir, "volumes", mount.Name)
		if err := os.MkdirAll(source, 0o755); err != nil {
			return nil, err
		}
		mounts = append(mounts, bindMount{source: source, target: mount.MountPath})
	}
	return mounts, nil
}
