package main

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

func TestEmptyDirsAreSharedFoldersOfThePod(t *testing.T) {
	pod := &corev1.Pod{Spec: corev1.PodSpec{Volumes: []corev1.Volume{
		{Name: "istio-xds", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "workload-socket", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "istio-token", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{}}},
	}}}
	app := &corev1.Container{VolumeMounts: []corev1.VolumeMount{
		{Name: "istio-xds", MountPath: "/etc/istio/proxy"},
		{Name: "workload-socket", MountPath: "/var/run/secrets/workload-spiffe-uds"},
		{Name: "istio-token", MountPath: "/var/run/secrets/tokens"},
	}}
	dir := t.TempDir()
	mounts, err := emptyDirMounts(pod, app, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []bindMount{{source: dir + "/volumes/istio-xds", target: "/etc/istio/proxy"}}
	if !reflect.DeepEqual(mounts, want) {
		t.Errorf("mounts = %+v, want %+v", mounts, want)
	}
}

func TestMountPointsOnlyUnderOverlaidRoots(t *testing.T) {
	for path, want := range map[string]bool{
		"/etc/istio/proxy": true, "/var/lib/istio/data": true, "/var/run/secrets/x": false,
		"/run/x": false, "/etc": false, "/home/x": false, "/etc/../run/x": false,
	} {
		if got := canMountAt(path); got != want {
			t.Errorf("canMountAt(%q) = %v, want %v", path, got, want)
		}
	}
}
