package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// container is one container of a pod, run as a process and restarted as its pod's
// restartPolicy says; its probes decide when it is started, ready, or to be restarted.
type container struct {
	spec    corev1.Container
	argv    []string
	env     []string
	mounts  []bindMount
	logDir  string
	changed func() // tells the pod that this container's status changed

	mu        sync.Mutex
	cmd       *exec.Cmd
	target    probeTarget // where it runs, for its preStop hook
	done      chan struct{}
	restarts  int32
	started   bool
	ready     bool
	hooked    bool // its postStart hook, if any, has run for this start
	state     corev1.ContainerState
	lastState corev1.ContainerState
}

func newContainer(spec corev1.Container, argv []string, logDir string, changed func()) *container {
	return &container{
		spec: spec, argv: argv, logDir: logDir, changed: changed,
		state: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}},
	}
}

// logPath is the log of a run: one file per run, so `kubectl logs --previous` reads the last one.
func (c *container) logPath(run int32) string {
	return filepath.Join(c.logDir, fmt.Sprintf("%s-%d.log", c.spec.Name, run))
}

// runOnce starts the process and returns when it exits, with its exit code.
func (c *container) runOnce(target probeTarget) (int32, error) {
	c.mu.Lock()
	logFile, err := openLog(c.logPath(c.restarts))
	if err != nil {
		c.mu.Unlock()
		return 0, err
	}
	defer logFile.Close()
	cmd := podCommand(target, c.mounts, c.argv)
	cmd.Env, cmd.Stdout, cmd.Stderr = c.env, logFile, logFile
	if c.spec.WorkingDir != "" {
		cmd.Dir = c.spec.WorkingDir
	}
	if err := cmd.Start(); err != nil {
		c.mu.Unlock()
		return 0, err
	}
	done := make(chan struct{})
	c.cmd, c.done, c.target = cmd, done, target
	c.state = corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: metav1.Now()}}
	c.started = c.spec.StartupProbe == nil
	c.ready, c.hooked = false, false
	c.mu.Unlock()
	c.changed()
	if err := c.runHook(target, postStart(c.spec)); err != nil {
		// The kubelet kills a container whose postStart hook failed.
		_, _ = fmt.Fprintf(logFile, "kube-node: postStart hook failed: %v\n", err)
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	c.mu.Lock()
	c.hooked = true
	c.mu.Unlock()

	waitErr := cmd.Wait()
	close(done)
	code := exitCode(waitErr)
	c.mu.Lock()
	reason := "Completed"
	if code != 0 {
		reason = "Error"
	}
	c.state = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
		ExitCode: code, Reason: reason, FinishedAt: metav1.Now(),
		StartedAt: c.state.Running.StartedAt,
	}}
	c.ready, c.started = false, false
	c.mu.Unlock()
	c.changed()
	return code, nil
}

// supervise runs the container until ctx ends or its restart policy says it is done.
func (c *container) supervise(ctx context.Context, policy corev1.RestartPolicy, target probeTarget) int32 {
	for {
		probeCtx, stopProbes := context.WithCancel(ctx)
		c.mu.Lock()
		c.hooked = false
		c.mu.Unlock()
		go c.probe(probeCtx, target)
		code, err := c.runOnce(target)
		stopProbes()
		if err != nil {
			c.setWaiting("RunContainerError", err.Error())
			code = 128
		}
		if ctx.Err() != nil || policy == corev1.RestartPolicyNever || (policy == corev1.RestartPolicyOnFailure && code == 0) {
			return code
		}
		c.mu.Lock()
		c.restarts++
		c.lastState = c.state
		backoff := min(10*time.Second, time.Second<<min(c.restarts-1, 4))
		c.mu.Unlock()
		c.setWaiting("CrashLoopBackOff", fmt.Sprintf("back-off %s restarting failed container", backoff))
		select {
		case <-ctx.Done():
			return code
		case <-time.After(backoff):
		}
	}
}

func (c *container) setWaiting(reason, message string) {
	c.mu.Lock()
	c.state = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason, Message: message}}
	c.mu.Unlock()
	c.changed()
}

// stop terminates the running process: its preStop hook, SIGTERM, then SIGKILL after grace.
func (c *container) stop(grace time.Duration) {
	c.mu.Lock()
	cmd, done, target := c.cmd, c.done, c.target
	c.mu.Unlock()
	if done == nil {
		return
	}
	select {
	case <-done:
		return
	default:
	}
	if hook := preStop(c.spec); hook != nil {
		ctx, cancel := context.WithTimeout(context.Background(), grace)
		_, _ = commandOutput(ctx, c.hookCommand(target, hook))
		cancel()
	}
	stopProcess(cmd, done, grace)
}

// runHook runs an exec lifecycle hook in the container, to its end (at most two minutes).
func (c *container) runHook(target probeTarget, hook []string) error {
	if hook == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if out, err := commandOutput(ctx, c.hookCommand(target, hook)); err != nil {
		return fmt.Errorf("%v: %v: %s", hook, err, out)
	}
	return nil
}

func (c *container) hookCommand(target probeTarget, hook []string) *exec.Cmd {
	cmd := podCommand(target, c.mounts, hook)
	cmd.Env = c.env
	return cmd
}

// waitHooked waits until the container runs and its postStart hook has returned: the kubelet
// starts a pod's next container only then (Istio's grpc-agent holds the app this way until the
// bootstrap is written). False if ctx ends first.
func (c *container) waitHooked(ctx context.Context) bool {
	return c.waitUntil(ctx, func() bool { return c.hooked })
}

// waitStarted waits until the container has started (its startup probe passed, or it runs and has
// none); false if ctx ends first.
func (c *container) waitStarted(ctx context.Context) bool {
	return c.waitUntil(ctx, func() bool { return c.started })
}

// waitUntil checks reached, under the container's lock, every 50ms until it holds; false if ctx
// ends first.
func (c *container) waitUntil(ctx context.Context, reached func() bool) bool {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		c.mu.Lock()
		done := reached()
		c.mu.Unlock()
		if done {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
}

func postStart(spec corev1.Container) []string {
	if l := spec.Lifecycle; l != nil && l.PostStart != nil && l.PostStart.Exec != nil {
		return l.PostStart.Exec.Command
	}
	return nil
}

func preStop(spec corev1.Container) []string {
	if l := spec.Lifecycle; l != nil && l.PreStop != nil && l.PreStop.Exec != nil {
		return l.PreStop.Exec.Command
	}
	return nil
}

func (c *container) status() corev1.ContainerStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	started := c.started
	status := corev1.ContainerStatus{
		Name: c.spec.Name, Image: c.spec.Image, ImageID: "process://" + imageKey(c.spec.Image),
		Ready: c.ready, Started: &started, RestartCount: c.restarts,
		State: c.state, LastTerminationState: c.lastState,
	}
	if c.cmd != nil && c.cmd.Process != nil {
		status.ContainerID = fmt.Sprintf("process://%d", c.cmd.Process.Pid)
	}
	return status
}

func (c *container) setProbeResult(started, ready *bool) {
	c.mu.Lock()
	changed := false
	if started != nil && *started != c.started {
		c.started, changed = *started, true
	}
	if ready != nil && *ready != c.ready {
		c.ready, changed = *ready, true
	}
	c.mu.Unlock()
	if changed {
		c.changed()
	}
}

// isSidecar: an init container that restarts Always is a native sidecar (Kubernetes 1.29+), which
// is how Istio injects istio-proxy on a node of 1.33 or later.
func (c *container) isSidecar() bool {
	return c.spec.RestartPolicy != nil && *c.spec.RestartPolicy == corev1.ContainerRestartPolicyAlways
}
