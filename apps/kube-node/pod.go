package main

import (
	"context"
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
		for _, c := range p.init {
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
		}
		wg.Wait()
		p.changed()
	}()
}

// terminate stops every container (SIGTERM, grace, SIGKILL) and reports the pod terminated.
func (p *runningPod) terminate(grace time.Duration) {
	p.cancel()
	var wg sync.WaitGroup
	for _, c := range append(append([]*container{}, p.init...), p.containers...) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.stop(grace)
		}()
	}
	wg.Wait()
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
	ready := p.initialized && allReady(status.ContainerStatuses) && status.Phase == corev1.PodRunning
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

func allReady(statuses []corev1.ContainerStatus) bool {
	for _, s := range statuses {
		if !s.Ready {
			return false
		}
	}
	return len(statuses) > 0
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
