package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// The files the kubelet writes for each pod and bind-mounts over the container's /etc/hosts and
// /etc/resolv.conf, with the same content (pkg/kubelet/kubelet_pods.go, pkg/kubelet/network/dns).
// Written out here because the kubelet's code lives in k8s.io/kubernetes, not a library to import.

// podHostname is the pod's hostname: spec.hostname if set, else the pod's name.
func podHostname(pod *corev1.Pod) string {
	if pod.Spec.Hostname != "" {
		return pod.Spec.Hostname
	}
	return pod.Name
}

// hostsFile is localhost, the pod's own address under its hostname (as a FQDN too when the pod
// names a subdomain), then its hostAliases. Services are not listed: the cluster's DNS answers.
func hostsFile(pod *corev1.Pod, ip, clusterDomain string) string {
	var b strings.Builder
	b.WriteString("# Kubernetes-managed hosts file.\n")
	b.WriteString("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
	b.WriteString("fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n")
	hostname := podHostname(pod)
	if pod.Spec.Subdomain != "" {
		fmt.Fprintf(&b, "%s\t%s.%s.%s.svc.%s\t%s\n", ip, hostname, pod.Spec.Subdomain, pod.Namespace, clusterDomain, hostname)
	} else {
		fmt.Fprintf(&b, "%s\t%s\n", ip, hostname)
	}
	if len(pod.Spec.HostAliases) > 0 {
		b.WriteString("\n# Entries added by HostAliases.\n")
	}
	for _, alias := range pod.Spec.HostAliases {
		fmt.Fprintf(&b, "%s\t%s\n", alias.IP, strings.Join(alias.Hostnames, "\t"))
	}
	return b.String()
}

// resolvConf is the content of a resolv.conf.
type resolvConf struct {
	nameservers, searches, options []string
}

// clusterDNS is what the kubelet's --cluster-dns, --cluster-domain and --resolv-conf say.
type clusterDNS struct {
	server, domain string
	node           resolvConf
}

func loadClusterDNS(server, domain, nodeResolvConf string) (clusterDNS, error) {
	data, err := os.ReadFile(nodeResolvConf)
	if err != nil {
		return clusterDNS{}, fmt.Errorf("the node's resolv.conf: %w", err)
	}
	return clusterDNS{server: server, domain: domain, node: parseResolvConf(string(data))}, nil
}

// resolvConfFor is the pod's resolv.conf by its dnsPolicy. ClusterFirst (the default) asks the
// cluster's DNS server and searches the pod's namespace, svc.<domain>, <domain>, then the node's
// own search domains; ndots:5 makes a Service's short name go through that list first. Default
// is the node's file; None is only the pod's dnsConfig, which extends the others too.
func (d clusterDNS) resolvConfFor(pod *corev1.Pod) string {
	var conf resolvConf
	switch pod.Spec.DNSPolicy {
	case corev1.DNSNone:
	case corev1.DNSDefault:
		conf = resolvConf{slices.Clone(d.node.nameservers), slices.Clone(d.node.searches), slices.Clone(d.node.options)}
	default: // ClusterFirst, ClusterFirstWithHostNet: every pod here has a network of its own.
		conf = resolvConf{
			nameservers: []string{d.server},
			searches: append([]string{pod.Namespace + ".svc." + d.domain, "svc." + d.domain, d.domain},
				d.node.searches...),
			options: []string{"ndots:5"},
		}
	}
	if extra := pod.Spec.DNSConfig; extra != nil {
		conf.nameservers = appendMissing(conf.nameservers, extra.Nameservers)
		conf.searches = appendMissing(conf.searches, extra.Searches)
		for _, option := range extra.Options {
			conf.options = setOption(conf.options, option)
		}
	}
	return conf.String()
}

func (c resolvConf) String() string {
	var b strings.Builder
	if len(c.searches) > 0 {
		b.WriteString("search " + strings.Join(c.searches, " ") + "\n")
	}
	for _, server := range c.nameservers {
		b.WriteString("nameserver " + server + "\n")
	}
	if len(c.options) > 0 {
		b.WriteString("options " + strings.Join(c.options, " ") + "\n")
	}
	return b.String()
}

func parseResolvConf(content string) resolvConf {
	var conf resolvConf
	for _, line := range strings.Split(content, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[0] {
		case "nameserver":
			conf.nameservers = append(conf.nameservers, fields[1])
		case "search", "domain":
			conf.searches = fields[1:]
		case "options":
			conf.options = append(conf.options, fields[1:]...)
		}
	}
	return conf
}

func appendMissing(list, more []string) []string {
	for _, item := range more {
		if !slices.Contains(list, item) {
			list = append(list, item)
		}
	}
	return list
}

// setOption adds option, replacing an option of the same name (a pod's ndots:2 wins over ndots:5).
func setOption(options []string, option corev1.PodDNSConfigOption) []string {
	text := option.Name
	if option.Value != nil {
		text += ":" + *option.Value
	}
	for i, existing := range options {
		if name, _, _ := strings.Cut(existing, ":"); name == option.Name {
			options[i] = text
			return options
		}
	}
	return append(options, text)
}
