package main

import (
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/runtime"
	gatewayv1 "sigs.k8s.io/gateway-api/apis/v1"

	kubelib "istio.io/istio/pkg/kube"
	"istio.io/istio/pkg/kube/controllers"
	"istio.io/istio/pkg/kube/kclient"
)

type scope int

const (
	scopeUnknown scope = iota
	scopeNamespace
	scopeCluster
)

// kubeWriter writes one Kubernetes kind through the fake API server and reads it back from an
// informer, so the caller knows when Istio's own informers can have seen a write.
type kubeWriter struct {
	write   func(obj runtime.Object, exists bool) error
	remove  func(namespace, name string) error
	visible func(namespace, name, resourceVersion string) bool // resourceVersion "" means "gone"
}

// kubeKinds are the Kubernetes objects the lab stands in for, in the order a fresh install
// creates them (deletes go the other way).
var kubeKinds = []struct {
	group, kind string
	scope       scope
	open        func(kubelib.Client) kubeWriter
}{
	{"", "Namespace", scopeCluster, openKind[*corev1.Namespace]},
	{"", "Service", scopeNamespace, openKind[*corev1.Service]},
	{"", "Pod", scopeNamespace, openKind[*corev1.Pod]},
	{"discovery.k8s.io", "EndpointSlice", scopeNamespace, openKind[*discoveryv1.EndpointSlice]},
	// Gateway API objects come from Kubernetes informers in Istio, not its config store. A GRPCRoute
	// with a Service parent (GAMMA) is what istiod turns into mesh routes for proxyless clients; a
	// Gateway is an ambient waypoint (or an ingress) whose Deployment nobody runs here.
	{gatewayGroup, "Gateway", scopeNamespace, openKind[*gatewayv1.Gateway]},
	{gatewayGroup, "GRPCRoute", scopeNamespace, openKind[*gatewayv1.GRPCRoute]},
}

const gatewayGroup = "gateway.networking.k8s.io"

func kubeKindScope(group, kind string) scope {
	for _, k := range kubeKinds {
		if k.group == group && k.kind == kind {
			return k.scope
		}
	}
	return scopeUnknown
}

func kubeKindRank(group, kind string) int {
	for i, k := range kubeKinds {
		if k.group == group && k.kind == kind {
			return i
		}
	}
	return len(kubeKinds)
}

func supportedKubeKinds() string {
	names := make([]string, 0, len(kubeKinds))
	for _, k := range kubeKinds {
		names = append(names, k.kind)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func openKind[T controllers.ComparableObject](c kubelib.Client) kubeWriter {
	writer := kclient.NewWriteClient[T](c)
	informer := kclient.New[T](c)
	return kubeWriter{
		write: func(obj runtime.Object, exists bool) error {
			var err error
			if exists {
				_, err = writer.Update(obj.(T))
			} else {
				_, err = writer.Create(obj.(T))
			}
			return err
		},
		remove: func(namespace, name string) error { return writer.Delete(name, namespace) },
		visible: func(namespace, name, resourceVersion string) bool {
			got := informer.Get(name, namespace)
			if resourceVersion == "" {
				return controllers.IsNil(got)
			}
			return !controllers.IsNil(got) && got.GetResourceVersion() == resourceVersion
		},
	}
}
