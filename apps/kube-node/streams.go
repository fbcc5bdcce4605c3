package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/creack/pty"
	dto "github.com/prometheus/client_model/go"
	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	"github.com/virtual-kubelet/virtual-kubelet/node/api"
	statsv1alpha1 "k8s.io/kubelet/pkg/apis/stats/v1alpha1"
	utilexec "k8s.io/utils/exec"
)

func (p *provider) findContainer(namespace, podName, name string) (*runningPod, *container, error) {
	p.mu.Lock()
	running, ok := p.pods[podKey(namespace, podName)]
	p.mu.Unlock()
	if !ok {
		return nil, nil, errdefs.NotFoundf("pod %s/%s is not on this node", namespace, podName)
	}
	for _, c := range append(append([]*container{}, running.containers...), running.init...) {
		if c.spec.Name == name || name == "" {
			return running, c, nil
		}
	}
	return nil, nil, errdefs.NotFoundf("container %s is not in pod %s/%s", name, namespace, podName)
}

// GetContainerLogs serves `kubectl logs` (with --tail, --previous and -f) from the run's log file.
func (p *provider) GetContainerLogs(ctx context.Context, namespace, podName, name string, opts api.ContainerLogOpts) (io.ReadCloser, error) {
	_, c, err := p.findContainer(namespace, podName, name)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	run, ended := c.restarts, c.done
	c.mu.Unlock()
	if opts.Previous {
		if run == 0 {
			return nil, errdefs.NotFoundf("previous terminated container %q in pod %q not found", name, podName)
		}
		run--
		ended = nil
	}
	file, err := os.Open(c.logPath(run))
	if os.IsNotExist(err) {
		return io.NopCloser(bytes.NewReader(nil)), nil
	}
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(file)
	if err != nil || !opts.Follow {
		file.Close()
		return io.NopCloser(bytes.NewReader(lastLines(data, opts.Tail))), err
	}
	reader, writer := io.Pipe()
	go follow(ctx, file, lastLines(data, opts.Tail), ended, writer)
	return reader, nil
}

func lastLines(data []byte, tail int) []byte {
	if tail <= 0 {
		return data
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > tail {
		lines = lines[len(lines)-tail:]
	}
	return bytes.Join(lines, nil)
}

// follow writes first, then what the process appends to file, until the process has ended
// (ended is closed; nil: a run that is over) or the client goes away.
func follow(ctx context.Context, file *os.File, first []byte, ended <-chan struct{}, out *io.PipeWriter) {
	defer out.Close()
	defer file.Close()
	if _, err := out.Write(first); err != nil {
		return
	}
	reader := bufio.NewReader(file)
	for {
		line, err := reader.ReadBytes('\n')
		if len(line) > 0 {
			if _, werr := out.Write(line); werr != nil {
				return
			}
		}
		if err != io.EOF {
			continue
		}
		if processEnded(ended) || !sleep(ctx, 200*time.Millisecond) {
			return
		}
	}
}

// RunInContainer serves `kubectl exec`: the command runs in the pod's namespaces with the
// container's environment; with -t it gets a terminal, so `kubectl exec -it POD -- sh` works.
func (p *provider) RunInContainer(ctx context.Context, namespace, podName, name string, argv []string, attach api.AttachIO) error {
	running, c, err := p.findContainer(namespace, podName, name)
	if err != nil {
		return err
	}
	running.mu.Lock()
	target := running.target
	running.mu.Unlock()
	if target.netns == "" {
		return fmt.Errorf("container %s is not running", c.spec.Name)
	}
	cmd := podCommand(target, c.mounts, argv)
	cmd.Env = c.env
	if attach.TTY() {
		return runWithTerminal(ctx, cmd, attach)
	}
	cmd.Stdin = attach.Stdin()
	if out := attach.Stdout(); out != nil {
		cmd.Stdout = out
	}
	if errOut := attach.Stderr(); errOut != nil {
		cmd.Stderr = errOut
	}
	return runUntilDone(ctx, cmd)
}

func runWithTerminal(ctx context.Context, cmd *exec.Cmd, attach api.AttachIO) error {
	cmd.SysProcAttr = nil // pty.Start makes the command a session leader: its group is its PID
	terminal, err := pty.Start(cmd)
	if err != nil {
		return err
	}
	defer terminal.Close()
	go func() {
		for size := range attach.Resize() {
			_ = pty.Setsize(terminal, &pty.Winsize{Rows: size.Height, Cols: size.Width})
		}
	}()
	if in := attach.Stdin(); in != nil {
		go func() { _, _ = io.Copy(terminal, in) }()
	}
	if out := attach.Stdout(); out != nil {
		go func() { _, _ = io.Copy(out, terminal) }()
	}
	return waitOrKill(ctx, cmd)
}

func runUntilDone(ctx context.Context, cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	return waitOrKill(ctx, cmd)
}

// waitOrKill waits for cmd; if the exec session goes away first, the command's group is killed.
func waitOrKill(ctx context.Context, cmd *exec.Cmd) error {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return execExit(err)
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		return execExit(<-done)
	}
}

func (p *provider) AttachToContainer(context.Context, string, string, string, api.AttachIO) error {
	return errdefs.InvalidInput("kubectl attach is not supported by this node: use kubectl logs -f or kubectl exec")
}

func (p *provider) GetStatsSummary(context.Context) (*statsv1alpha1.Summary, error) {
	return nil, errdefs.InvalidInput("this node reports no stats")
}

func (p *provider) GetMetricsResource(context.Context) ([]*dto.MetricFamily, error) {
	return nil, errdefs.InvalidInput("this node reports no metrics")
}

func (p *provider) PortForward(context.Context, string, string, int32, io.ReadWriteCloser) error {
	return errdefs.InvalidInput("kubectl port-forward is not supported by this node")
}

// execExit turns a command's exit status into the error kubectl reads the exit code from.
func execExit(err error) error {
	if _, ok := err.(*exec.ExitError); ok {
		return utilexec.CodeExitError{Err: err, Code: int(exitCode(err))}
	}
	return err
}

func processEnded(ended <-chan struct{}) bool {
	if ended == nil {
		return true
	}
	select {
	case <-ended:
		return true
	default:
		return false
	}
}
