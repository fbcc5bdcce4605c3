package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// runningPod is a pod on this node: a network namespace, its hosts file, its init containers run
// in order, then its containers side by side.
type runningPod struct {
	mu          sync.Mutex
	pod         *corev1.Pod
	dir         string
	target      probeTarget
	init        []*container
	containers  []*container
	initialized bool
	waiting     *corev1.ContainerStateWaiting // the whole pod cannot start (e.g. an unknown image)
	terminated  bool
	conditions  map[corev1.PodConditionType]corev1.PodCondition
	cancel      context.CancelFunc
	notify      func(*corev1.Pod)
	// notifying makes taking a snapshot and handing it over one step: containers report from
	// their own goroutines, and virtual-kubelet keeps the last status it was given, so a snapshot
	// taken earlier but handed over later would stick (a running pod shown ContainerCreating).
	notifying sync.Mutex
}

func (p *runningPod) key() string { return p.pod.Namespace + "/" + p.pod.Name }

// run starts the init containers, then the containers; it returns at once.
func (p *runningPod) run(ctx context.Context) {
	ctx, p.cancel = context.WithCancel(ctx)
	go func() {
		var sidecars sync.WaitGroup
		defer sidecars.Wait()
		sidecarCtx, stopSidecars := context.WithCancel(ctx)
		defer stopSidecars()
		for _, c := range p.init {
			if c.isSidecar() {
				// A native sidecar (an init container that restarts Always) runs beside the pod's
				// containers; the next one starts once it has started, as the kubelet does.
				sidecars.Add(1)
				go func() {
					defer sidecars.Done()
					c.supervise(sidecarCtx, corev1.RestartPolicyAlways, p.target)
				}()
				if !c.waitStarted(ctx) {
					return
				}
				continue
			}
			if code := c.supervise(ctx, corev1.RestartPolicyOnFailure, p.target); code != 0 || ctx.Err() != nil {
				return
			}
		}
		p.mu.Lock()
		p.initialized = true
		p.mu.Unlock()
		var wg sync.WaitGroup
		for _, c := range p.containers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.supervise(ctx, p.pod.Spec.RestartPolicy, p.target)
			}()
			if postStart(c.spec) != nil && !c.waitHooked(ctx) {
				break
			}
		}
		wg.Wait()
		// The containers have ended for good (a Job's pod, a helm test): the kubelet then stops
		// the sidecars, so the pod can complete.
		stopSidecars()
		for _, c := range p.init {
			if c.isSidecar() {
				c.stop(terminationGrace(p.pod))
			}
		}
		p.changed()
	}()
}

// terminate stops the containers (SIGTERM, grace, SIGKILL), then the sidecars, as the kubelet
// does: a sidecar outlives the containers it serves. It reports the pod terminated.
func (p *runningPod) terminate(grace time.Duration) {
	p.cancel()
	stopAll := func(containers []*container) {
		var wg sync.WaitGroup
		for _, c := range containers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.stop(grace)
			}()
		}
		wg.Wait()
	}
	stopAll(p.containers)
	stopAll(p.init)
	p.mu.Lock()
	p.terminated = true
	p.mu.Unlock()
}

func (p *runningPod) changed() {
	p.notifying.Lock()
	defer p.notifying.Unlock()
	if p.notify != nil {
		p.notify(p.snapshot())
	}
}

// snapshot is the pod with its current status.
func (p *runningPod) snapshot() *corev1.Pod {
	pod := p.pod.DeepCopy()
	pod.Status = p.status()
	return pod
}

func (p *runningPod) status() corev1.PodStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	status := *p.pod.Status.DeepCopy()
	status.PodIP, status.PodIPs = p.target.ip, nil
	if p.target.ip != "" {
		status.PodIPs = []corev1.PodIP{{IP: p.target.ip}}
	}
	status.InitContainerStatuses = containerStatuses(p.init)
	status.ContainerStatuses = containerStatuses(p.containers)
	if p.waiting != nil {
		status.ContainerStatuses = nil
		for _, spec := range p.pod.Spec.Containers {
			status.ContainerStatuses = append(status.ContainerStatuses, corev1.ContainerStatus{
				Name: spec.Name, Image: spec.Image, State: corev1.ContainerState{Waiting: p.waiting},
			})
		}
	}
	status.Phase = podPhase(status.ContainerStatuses, p.pod.Spec.RestartPolicy, p.terminated)
	ready := p.initialized && len(status.ContainerStatuses) > 0 && allReady(status.ContainerStatuses) &&
		allReady(sidecarStatuses(p.init)) &&
		status.Phase == corev1.PodRunning
	status.Conditions = []corev1.PodCondition{
		p.condition(corev1.PodScheduled, true),
		p.condition(corev1.PodReadyToStartContainers, p.target.ip != ""),
		p.condition(corev1.PodInitialized, p.initialized),
		p.condition(corev1.ContainersReady, ready),
		p.condition(corev1.PodReady, ready),
	}
	return status
}

func containerStatuses(containers []*container) []corev1.ContainerStatus {
	statuses := make([]corev1.ContainerStatus, 0, len(containers))
	for _, c := range containers {
		statuses = append(statuses, c.status())
	}
	return statuses
}

// podPhase follows the kubelet: Running while a container runs or will restart; once all have
// ended for good, Succeeded if each exited 0, else Failed.
func podPhase(statuses []corev1.ContainerStatus, policy corev1.RestartPolicy, terminated bool) corev1.PodPhase {
	running, ended, failed := 0, 0, 0
	for _, s := range statuses {
		switch {
		case s.State.Running != nil:
			running++
		case s.State.Terminated != nil:
			ended++
			if s.State.Terminated.ExitCode != 0 {
				failed++
			}
		case s.State.Waiting != nil && s.State.Waiting.Reason == "CrashLoopBackOff":
			running++
		}
	}
	switch {
	case ended == len(statuses) && len(statuses) > 0 && (terminated || policy != corev1.RestartPolicyAlways):
		if failed > 0 {
			return corev1.PodFailed
		}
		return corev1.PodSucceeded
	case running > 0:
		return corev1.PodRunning
	}
	return corev1.PodPending
}

// allReady: every container in statuses is ready (true of none).
func allReady(statuses []corev1.ContainerStatus) bool {
	for _, s := range statuses {
		if !s.Ready {
			return false
		}
	}
	return true
}

func sidecarStatuses(init []*container) []corev1.ContainerStatus {
	var statuses []corev1.ContainerStatus
	for _, c := range init {
		if c.isSidecar() {
			statuses = append(statuses, c.status())
		}
	}
	return statuses
}

// setEnvironments gives each container its environment, which may name the pod's IP, and expands
// $(NAME) in its command line. Called once the pod has its network, before anything runs.
func (p *runningPod) setEnvironments() error {
	pod := p.pod.DeepCopy()
	pod.Status.PodIP = p.target.ip
	var initArgv [][]string
	for _, c := range p.init {
		initArgv = append(initArgv, c.argv)
	}
	capture := captureOf(initArgv)
	for _, c := range append(append([]*container{}, p.init...), p.containers...) {
		env, err := containerEnvironment(pod, &c.spec, capture.envFor(pod, &c.spec))
		if err != nil {
			return fmt.Errorf("container %s: %w", c.spec.Name, err)
		}
		c.env, c.argv = env, expandArgs(c.argv, env)
	}
	return nil
}

// condition keeps a condition's transition time until its status changes. Called with p.mu held.
func (p *runningPod) condition(kind corev1.PodConditionType, ok bool) corev1.PodCondition {
	status := corev1.ConditionFalse
	if ok {
		status = corev1.ConditionTrue
	}
	if p.conditions == nil {
		p.conditions = map[corev1.PodConditionType]corev1.PodCondition{}
	}
	if current, seen := p.conditions[kind]; seen && current.Status == status {
		return current
	}
	p.conditions[kind] = corev1.PodCondition{Type: kind, Status: status, LastTransitionTime: metav1.Now()}
	return p.conditions[kind]
}

func podDir(stateDir string, pod *corev1.Pod) string {
	return filepath.Join(stateDir, "pods", pod.Namespace+"_"+pod.Name+"_"+string(pod.UID))
}

func (p *runningPod) removeFiles() { _ = os.RemoveAll(p.dir) }
