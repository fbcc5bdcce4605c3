package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	discoverylisters "k8s.io/client-go/listers/discovery/v1"
)

// serviceHosts is the cluster DNS stand-in: each pod gets an /etc/hosts naming every Service the
// way CoreDNS would answer (name, name.namespace, name.namespace.svc, …svc.cluster.local; the
// short name only in the pod's own namespace). A ClusterIP Service resolves to its virtual IP, so
// the connection goes through kube-proxy's rules; a headless one to its ready endpoints, one line
// each, so `dns:///` clients see every pod. CoreDNS itself is not built here: see the docs.
type serviceHosts struct {
	services  corelisters.ServiceLister
	endpoints discoverylisters.EndpointSliceLister
}

func startServiceHosts(ctx context.Context, client kubernetes.Interface) *serviceHosts {
	factory := informers.NewSharedInformerFactory(client, 30*time.Second)
	hosts := &serviceHosts{
		services:  factory.Core().V1().Services().Lister(),
		endpoints: factory.Discovery().V1().EndpointSlices().Lister(),
	}
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	return hosts
}

// content is the hosts file for a pod named podName at podIP in namespace.
func (h *serviceHosts) content(namespace, podName, podIP string) string {
	lines := []string{"127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback"}
	if podIP != "" {
		lines = append(lines, fmt.Sprintf("%s\t%s", podIP, podName))
	}
	services, _ := h.services.List(labels.Everything())
	sort.Slice(services, func(i, j int) bool {
		return services[i].Namespace+"/"+services[i].Name < services[j].Namespace+"/"+services[j].Name
	})
	for _, service := range services {
		names := serviceNames(service, namespace)
		for _, ip := range h.addresses(service) {
			lines = append(lines, ip+"\t"+strings.Join(names, " "))
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func serviceNames(service *corev1.Service, podNamespace string) []string {
	qualified := service.Name + "." + service.Namespace
	names := []string{qualified, qualified + ".svc", qualified + ".svc.cluster.local"}
	if service.Namespace == podNamespace {
		names = append([]string{service.Name}, names...)
	}
	return names
}

func (h *serviceHosts) addresses(service *corev1.Service) []string {
	if service.Spec.ClusterIP != corev1.ClusterIPNone {
		if service.Spec.ClusterIP == "" {
			return nil
		}
		return []string{service.Spec.ClusterIP}
	}
	selector := labels.SelectorFromSet(labels.Set{discoveryv1.LabelServiceName: service.Name})
	slices, _ := h.endpoints.EndpointSlices(service.Namespace).List(selector)
	var ips []string
	for _, slice := range slices {
		for _, endpoint := range slice.Endpoints {
			if endpoint.Conditions.Ready != nil && !*endpoint.Conditions.Ready {
				continue
			}
			ips = append(ips, endpoint.Addresses...)
		}
	}
	sort.Strings(ips)
	return ips
}

// write rewrites path in place: a running container has it bind-mounted on /etc/hosts, and a
// bind mount holds the inode, so a rename would leave the container with the old file.
func writeInPlace(path, content string) error {
	current, err := os.ReadFile(path)
	if err == nil && string(current) == content {
		return nil
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
