package main

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func testDNS() clusterDNS {
	return clusterDNS{server: "10.96.0.10", domain: "cluster.local",
		node: parseResolvConf("# the node's\nnameserver 10.255.255.53\nsearch corp.example\noptions edns0\n")}
}

func testPod(spec corev1.PodSpec) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "client-7d9f", Namespace: "grpc-nosidecar"}, Spec: spec}
}

func TestClusterFirstSearchesThePodsNamespaceThenTheNodesDomains(t *testing.T) {
	want := "search grpc-nosidecar.svc.cluster.local svc.cluster.local cluster.local corp.example\n" +
		"nameserver 10.96.0.10\noptions ndots:5\n"
	if got := testDNS().resolvConfFor(testPod(corev1.PodSpec{})); got != want {
		t.Errorf("resolv.conf =\n%s\nwant\n%s", got, want)
	}
}

func TestDnsConfigExtendsThePolicyAndOverridesOptionsByName(t *testing.T) {
	two := "2"
	pod := testPod(corev1.PodSpec{DNSPolicy: corev1.DNSClusterFirst, DNSConfig: &corev1.PodDNSConfig{
		Nameservers: []string{"10.96.0.10", "10.0.0.2"},
		Searches:    []string{"extra.example"},
		Options:     []corev1.PodDNSConfigOption{{Name: "ndots", Value: &two}, {Name: "rotate"}},
	}})
	want := "search grpc-nosidecar.svc.cluster.local svc.cluster.local cluster.local corp.example extra.example\n" +
		"nameserver 10.96.0.10\nnameserver 10.0.0.2\noptions ndots:2 rotate\n"
	if got := testDNS().resolvConfFor(pod); got != want {
		t.Errorf("resolv.conf =\n%s\nwant\n%s", got, want)
	}
}

func TestNoneAndDefaultPolicies(t *testing.T) {
	none := testPod(corev1.PodSpec{DNSPolicy: corev1.DNSNone, DNSConfig: &corev1.PodDNSConfig{Nameservers: []string{"1.1.1.1"}}})
	if got := testDNS().resolvConfFor(none); got != "nameserver 1.1.1.1\n" {
		t.Errorf("None: %q", got)
	}
	node := testPod(corev1.PodSpec{DNSPolicy: corev1.DNSDefault})
	if got, want := testDNS().resolvConfFor(node), "search corp.example\nnameserver 10.255.255.53\noptions edns0\n"; got != want {
		t.Errorf("Default: %q, want %q", got, want)
	}
}

func TestHostsFileNamesOnlyThePodItself(t *testing.T) {
	pod := testPod(corev1.PodSpec{Hostname: "web-0", Subdomain: "web"})
	want := "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
		"fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
		"10.244.0.7\tweb-0.web.grpc-nosidecar.svc.cluster.local\tweb-0\n"
	if got := hostsFile(pod, "10.244.0.7", "cluster.local"); got != want {
		t.Errorf("hosts =\n%s\nwant\n%s", got, want)
	}
}
