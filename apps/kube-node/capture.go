package main

import (
	"slices"
	"strconv"

	corev1 "k8s.io/api/core/v1"
)

// Istio's istio-init runs `istio-iptables -p 15001 -u 1337 ...`: it redirects the pod's outbound
// TCP to the sidecar's port -p, except traffic of uid -u (the sidecar's own) and to loopback. The
// owner match needs uid 1337 to exist, and a rootless user namespace maps only root, so this node
// carries the same intent by the means gRPC itself offers: every container not running as that
// uid gets grpc_proxy, which grpc-js honours with an HTTP CONNECT to the sidecar (every image this
// node runs is grpc-js; grpc-go would read HTTPS_PROXY instead), and no_grpc_proxy keeps loopback
// direct. The flags are read from the injected init container, so
// what istiod injects stays the one source of the ports.
type outboundCapture struct {
	proxyPort string
	proxyUID  int64
}

// captureOf finds istio-iptables among the pod's init containers (argv as resolved by the image
// table: the program, then `istio-iptables`, then its flags).
func captureOf(initArgv [][]string) *outboundCapture {
	for _, argv := range initArgv {
		at := slices.Index(argv, "istio-iptables")
		if at < 0 {
			continue
		}
		capture := &outboundCapture{proxyPort: "15001", proxyUID: 1337}
		flags := argv[at+1:]
		for i := 0; i+1 < len(flags); i++ {
			switch flags[i] {
			case "-p", "--proxy-port":
				capture.proxyPort = flags[i+1]
			case "-u", "--proxy-uid":
				if uid, err := strconv.ParseInt(flags[i+1], 10, 64); err == nil {
					capture.proxyUID = uid
				}
			}
		}
		return capture
	}
	return nil
}

// envFor is what a container gets from the capture: nothing for the proxy itself.
func (c *outboundCapture) envFor(pod *corev1.Pod, spec *corev1.Container) []string {
	if c == nil || runAsUser(pod, spec) == c.proxyUID {
		return nil
	}
	return []string{
		"grpc_proxy=http://127.0.0.1:" + c.proxyPort,
		"no_grpc_proxy=localhost,127.0.0.1,::1",
	}
}

func runAsUser(pod *corev1.Pod, spec *corev1.Container) int64 {
	if sc := spec.SecurityContext; sc != nil && sc.RunAsUser != nil {
		return *sc.RunAsUser
	}
	if sc := pod.Spec.SecurityContext; sc != nil && sc.RunAsUser != nil {
		return *sc.RunAsUser
	}
	return 0
}
