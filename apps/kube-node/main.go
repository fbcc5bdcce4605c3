// Command kube-node is a Kubernetes node whose container runtime is this machine's processes: it
// registers with the API server (virtual-kubelet), runs each container of a pod bound to it as a
// process in the pod's own network namespace, probes it, and serves `kubectl logs` and `exec`.
// It runs inside the cluster's user, network and mount namespaces, which `npm run cluster -- up`
// creates.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	vklog "github.com/virtual-kubelet/virtual-kubelet/log"
	vkslog "github.com/virtual-kubelet/virtual-kubelet/log/slog"
	"github.com/virtual-kubelet/virtual-kubelet/node"
	"github.com/virtual-kubelet/virtual-kubelet/node/nodeutil"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/tools/record"
)

type options struct {
	kubeconfig, nodeName, nodeIP, kubeletVersion string
	bridge, podCIDR, stateDir, images            string
	distDir, nodeBinary, tlsCert, tlsKey         string
	clusterDNS, clusterDomain, resolvConf        string
	port                                         int
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig of the API server")
	flag.StringVar(&o.nodeName, "node-name", "process-node", "name of the Node object")
	flag.StringVar(&o.nodeIP, "node-ip", "", "the node's address, on the pods' bridge (required)")
	flag.StringVar(&o.kubeletVersion, "kubelet-version", "", "version the Node reports (the control plane's)")
	flag.StringVar(&o.bridge, "bridge", "cni0", "bridge the pods' veths join")
	flag.StringVar(&o.podCIDR, "pod-cidr", "", "the bridge's address and prefix, e.g. 10.244.0.1/24 (required)")
	flag.StringVar(&o.stateDir, "state-dir", "", "where pod logs, hosts and resolv.conf files go (required)")
	flag.StringVar(&o.images, "images", "", "the image table, images.json (required)")
	flag.StringVar(&o.distDir, "dist", "", "the built apps' folder, dist/ (required)")
	flag.StringVar(&o.nodeBinary, "node-binary", "node", "the node.js the images' programs run on")
	flag.StringVar(&o.tlsCert, "tls-cert", "", "serving certificate of the kubelet API (required)")
	flag.StringVar(&o.tlsKey, "tls-key", "", "its key (required)")
	flag.StringVar(&o.clusterDNS, "cluster-dns", "", "the cluster DNS Service's address, pods' nameserver (required)")
	flag.StringVar(&o.clusterDomain, "cluster-domain", "", "the cluster's DNS domain, e.g. cluster.local (required)")
	flag.StringVar(&o.resolvConf, "resolv-conf", "/etc/resolv.conf", "the node's resolv.conf (dnsPolicy Default, search domains)")
	flag.IntVar(&o.port, "port", 10250, "kubelet API port")
	flag.Parse()
	for name, value := range map[string]string{"node-ip": o.nodeIP, "pod-cidr": o.podCIDR, "state-dir": o.stateDir,
		"images": o.images, "dist": o.distDir, "tls-cert": o.tlsCert, "tls-key": o.tlsKey,
		"cluster-dns": o.clusterDNS, "cluster-domain": o.clusterDomain} {
		if value == "" {
			fmt.Fprintf(os.Stderr, "kube-node: --%s is required\n", name)
			os.Exit(2)
		}
	}
	return o
}

func main() {
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, o); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "kube-node:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	images, err := loadImageTable(o.images)
	if err != nil {
		return err
	}
	binDir := filepath.Join(o.stateDir, "bin")
	if err := images.writeProgramWrappers(binDir, o.nodeBinary, o.distDir); err != nil {
		return err
	}
	if err := overlayBin(o.stateDir, binDir); err != nil {
		return err
	}
	if err := overlayVolumeRoots(o.stateDir); err != nil {
		return err
	}
	network, err := newPodNetwork(o.bridge, o.podCIDR)
	if err != nil {
		return err
	}
	dns, err := loadClusterDNS(o.clusterDNS, o.clusterDomain, o.resolvConf)
	if err != nil {
		return err
	}
	config, err := clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	if err != nil {
		return err
	}
	// virtual-kubelet logs nothing by default; its sync errors (a pod it could not create) belong in
	// the node's log, which `up` keeps in the state folder.
	vklog.L = vkslog.FromSlog(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return err
	}
	broadcaster := record.NewBroadcaster()
	broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: client.CoreV1().Events("")})
	defer broadcaster.Shutdown()
	events := broadcaster.NewRecorder(scheme.Scheme, corev1.EventSource{Component: "kubelet", Host: o.nodeName})

	p := &provider{
		stateDir: o.stateDir, nodeIP: o.nodeIP, images: images, network: network, events: events,
		ctx: ctx, pods: map[string]*runningPod{}, dns: dns,
	}

	certificate, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	kubelet, err := nodeutil.NewNode(o.nodeName,
		func(nodeutil.ProviderConfig) (nodeutil.Provider, node.NodeProvider, error) { return p, nil, nil },
		nodeutil.WithClient(client),
		nodeutil.WithPodControllerConfigOverrides(withStatusRetries),
		nodeutil.AttachProviderRoutes(mux),
		nodeutil.WithTLSConfig(func(c *tls.Config) error {
			c.Certificates = []tls.Certificate{certificate}
			return nil
		}),
		func(c *nodeutil.NodeConfig) error {
			c.Handler = mux
			c.HTTPListenAddr = fmt.Sprintf("%s:%d", o.nodeIP, o.port)
			c.EventRecorder = events
			c.NumWorkers = 8
			// The node resolves containers' environments itself (env.go), once the pod has its IP:
			// virtual-kubelet's resolution refuses status.podIP, which Istio's sidecar asks for.
			c.SkipDownwardAPIResolution = true
			describeNode(&c.NodeSpec, o)
			return nil
		},
	)
	if err != nil {
		return err
	}
	return kubelet.Run(ctx)
}

// nodeCapacity is what the node offers: the scheduler fits pods in it, and a container without
// limits sees it through resourceFieldRef.
var nodeCapacity = corev1.ResourceList{
	corev1.ResourceCPU:    resource.MustParse("8"),
	corev1.ResourceMemory: resource.MustParse("16Gi"),
	corev1.ResourcePods:   resource.MustParse("110"),
}

// describeNode fills in what the scheduler and the API server read: capacity, the address and
// port of the kubelet API (logs and exec go there), and the version.
func describeNode(node *corev1.Node, o options) {
	node.Labels["kubernetes.io/os"] = "linux"
	node.Status.Capacity, node.Status.Allocatable = nodeCapacity.DeepCopy(), nodeCapacity.DeepCopy()
	node.Status.Addresses = []corev1.NodeAddress{
		{Type: corev1.NodeInternalIP, Address: o.nodeIP},
		{Type: corev1.NodeHostName, Address: o.nodeName},
	}
	node.Status.DaemonEndpoints.KubeletEndpoint.Port = int32(o.port)
	node.Status.NodeInfo = corev1.NodeSystemInfo{
		KubeletVersion: o.kubeletVersion, OperatingSystem: "linux", Architecture: "amd64",
		ContainerRuntimeVersion: "process://local",
	}
}
