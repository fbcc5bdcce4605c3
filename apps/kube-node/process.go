package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// containerShell enters the pod: its hostname is the pod's (the tutorial's server names itself by
// hostname in every reply), its /etc/hosts and /etc/resolv.conf are the pod's, its volumes are
// bound at their mount points (source, target pairs up to "--"), then it becomes the program.
// `ip netns exec` already gives the process a mount namespace of its own, so the bind mounts are
// private to it; every step execs, so the program keeps the PID and receives the signals.
const containerShell = `hostname "$0" && mount --bind "$1" /etc/hosts && mount --bind "$2" /etc/resolv.conf && shift 2 &&
while [ "$1" != -- ]; do mkdir -p "$2" && mount --bind "$1" "$2" && shift 2 || exit 1; done && shift && exec "$@"`

// podCommand is argv run inside the pod's network namespace as containerShell describes.
func podCommand(target probeTarget, mounts []bindMount, argv []string) *exec.Cmd {
	args := []string{"netns", "exec", target.netns, "unshare", "--uts", "--", "sh", "-c", containerShell,
		target.hostname, target.hostsFile, target.resolvConf}
	for _, mount := range mounts {
		args = append(args, mount.source, mount.target)
	}
	args = append(append(args, "--"), argv...)
	cmd := exec.Command("ip", args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// stopProcess sends SIGTERM to the process group, waits up to grace for done, then SIGKILLs:
// a pod's deletion as the kubelet carries it out.
func stopProcess(cmd *exec.Cmd, done <-chan struct{}, grace time.Duration) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(grace):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

func openLog(path string) (*os.File, error) {
	file, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("container log: %w", err)
	}
	return file, nil
}

func exitCode(err error) int32 {
	if err == nil {
		return 0
	}
	if exit, ok := err.(*exec.ExitError); ok {
		if status, ok := exit.Sys().(syscall.WaitStatus); ok && status.Signaled() {
			return 128 + int32(status.Signal())
		}
		return int32(exit.ExitCode())
	}
	return 128
}

// commandOutput runs cmd to its end or ctx's, whichever is first, and returns what it printed.
func commandOutput(ctx context.Context, cmd *exec.Cmd) (string, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return strings.TrimSpace(out.String()), err
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return strings.TrimSpace(out.String()), ctx.Err()
	}
}
