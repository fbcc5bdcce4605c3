package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/virtual-kubelet/virtual-kubelet/errdefs"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/tools/record"
)

// provider is the pod lifecycle virtual-kubelet drives: pods in, processes out.
type provider struct {
	stateDir string
	nodeIP   string
	images   *imageTable
	network  *podNetwork
	dns      clusterDNS
	events   record.EventRecorder
	ctx      context.Context

	mu     sync.Mutex
	pods   map[string]*runningPod
	notify func(*corev1.Pod)
}

func podKey(namespace, name string) string { return namespace + "/" + name }

func (p *provider) NotifyPods(_ context.Context, notify func(*corev1.Pod)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.notify = notify
}

func (p *provider) CreatePod(_ context.Context, pod *corev1.Pod) error {
	running := &runningPod{pod: pod.DeepCopy(), dir: podDir(p.stateDir, pod), notify: p.notifyFunc()}
	running.pod.Status.HostIP = p.nodeIP
	running.pod.Status.HostIPs = []corev1.HostIP{{IP: p.nodeIP}}
	now := running.pod.CreationTimestamp
	running.pod.Status.StartTime = &now
	p.mu.Lock()
	p.pods[running.key()] = running
	p.mu.Unlock()
	if err := os.MkdirAll(running.dir, 0o755); err != nil {
		return err
	}
	if err := p.prepare(running); err != nil {
		p.cannotStart(running, "ImageNotRunnable", "ImageNotRunnable", err)
		return nil
	}
	if err := p.startNetwork(running); err != nil {
		p.events.Event(pod, corev1.EventTypeWarning, "FailedCreatePodSandBox", err.Error())
		return err
	}
	if err := running.setEnvironments(); err != nil {
		p.cannotStart(running, "CreateContainerConfigError", "Failed", err)
		return nil
	}
	running.run(p.ctx)
	running.changed()
	return nil
}

// cannotStart keeps the whole pod waiting for reason, with an event saying why, as the kubelet
// does for a pod it cannot start.
func (p *provider) cannotStart(running *runningPod, reason, eventReason string, err error) {
	running.mu.Lock()
	running.waiting = &corev1.ContainerStateWaiting{Reason: reason, Message: err.Error()}
	running.mu.Unlock()
	p.events.Event(running.pod, corev1.EventTypeWarning, eventReason, err.Error())
	running.changed()
}

// prepare resolves every container's command line; an image this node cannot run stops the pod
// before anything starts.
func (p *provider) prepare(running *runningPod) error {
	build := func(specs []corev1.Container) ([]*container, error) {
		var containers []*container
		for _, spec := range specs {
			argv, err := p.images.argv(spec.Image, spec.Command, spec.Args)
			if err != nil {
				return nil, fmt.Errorf("container %s: %w", spec.Name, err)
			}
			c := newContainer(spec, argv, running.dir, running.changed)
			if c.mounts, err = emptyDirMounts(running.pod, &spec, running.dir); err != nil {
				return nil, fmt.Errorf("container %s: %w", spec.Name, err)
			}
			containers = append(containers, c)
		}
		return containers, nil
	}
	var err error
	if running.init, err = build(running.pod.Spec.InitContainers); err != nil {
		return err
	}
	running.containers, err = build(running.pod.Spec.Containers)
	return err
}

func (p *provider) startNetwork(running *runningPod) error {
	netns, ip, err := p.network.setUp(string(running.pod.UID), running.key())
	if err != nil {
		return err
	}
	hostsPath, resolvPath := running.dir+"/hosts", running.dir+"/resolv.conf"
	if err := os.WriteFile(hostsPath, []byte(hostsFile(running.pod, ip, p.dns.domain)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(resolvPath, []byte(p.dns.resolvConfFor(running.pod)), 0o644); err != nil {
		return err
	}
	var ports []corev1.ContainerPort
	for _, c := range running.pod.Spec.Containers {
		ports = append(ports, c.Ports...)
	}
	running.mu.Lock()
	running.target = probeTarget{netns: netns, hostname: podHostname(running.pod), hostsFile: hostsPath,
		resolvConf: resolvPath, ip: ip, ports: ports}
	running.mu.Unlock()
	return nil
}

// UpdatePod has nothing to do: what may change in a running pod's spec (labels, annotations,
// an image) is not restarted by the kubelet either, except images, which this node keeps as is.
func (p *provider) UpdatePod(context.Context, *corev1.Pod) error { return nil }

// DeletePod starts the pod's termination and returns: the grace period of one pod must not hold
// up the others. The terminal status is reported when every process has ended.
func (p *provider) DeletePod(_ context.Context, pod *corev1.Pod) error {
	p.mu.Lock()
	running, ok := p.pods[podKey(pod.Namespace, pod.Name)]
	p.mu.Unlock()
	if !ok {
		return errdefs.NotFoundf("pod %s/%s is not on this node", pod.Namespace, pod.Name)
	}
	grace := terminationGrace(pod)
	running.mu.Lock()
	alreadyStopping := running.cancel == nil || running.terminated
	running.mu.Unlock()
	go func() {
		if !alreadyStopping {
			running.terminate(grace)
		}
		running.mu.Lock()
		running.terminated = true
		running.mu.Unlock()
		if running.target.netns != "" {
			p.network.tearDown(running.target.netns, running.target.ip)
		}
		final := running.snapshot()
		p.mu.Lock()
		delete(p.pods, running.key())
		p.mu.Unlock()
		running.removeFiles()
		running.notify(final)
	}()
	return nil
}

func (p *provider) GetPod(_ context.Context, namespace, name string) (*corev1.Pod, error) {
	p.mu.Lock()
	running, ok := p.pods[podKey(namespace, name)]
	p.mu.Unlock()
	if !ok {
		return nil, errdefs.NotFoundf("pod %s/%s is not on this node", namespace, name)
	}
	return running.snapshot(), nil
}

func (p *provider) GetPodStatus(ctx context.Context, namespace, name string) (*corev1.PodStatus, error) {
	pod, err := p.GetPod(ctx, namespace, name)
	if err != nil {
		return nil, err
	}
	return &pod.Status, nil
}

func (p *provider) GetPods(context.Context) ([]*corev1.Pod, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pods := make([]*corev1.Pod, 0, len(p.pods))
	for _, running := range p.pods {
		pods = append(pods, running.snapshot())
	}
	return pods, nil
}

func (p *provider) notifyFunc() func(*corev1.Pod) {
	return func(pod *corev1.Pod) {
		p.mu.Lock()
		notify := p.notify
		p.mu.Unlock()
		if notify != nil {
			notify(pod)
		}
	}
}

// terminationGrace is how long a stopping container has between SIGTERM and SIGKILL.
func terminationGrace(pod *corev1.Pod) time.Duration {
	switch {
	case pod.DeletionGracePeriodSeconds != nil:
		return time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	case pod.Spec.TerminationGracePeriodSeconds != nil:
		return time.Duration(*pod.Spec.TerminationGracePeriodSeconds) * time.Second
	}
	return 30 * time.Second
}
