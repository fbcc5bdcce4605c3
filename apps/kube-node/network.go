package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"sync"
)

// podNetwork gives each pod a network namespace of its own, wired to the node's bridge by a veth
// pair, as the CNI project's bridge + host-local plugins do (a stand-in: the plugins are not on
// this machine's registries as one build). The tutorial's --address=0.0.0.0:8080 then binds that
// pod only, and the pod's address is one the API server accepts in EndpointSlices.
type podNetwork struct {
	bridge  string
	gateway net.IP
	prefix  int
	mu      sync.Mutex
	used    map[string]string // pod IP → pod key
}

func newPodNetwork(bridge, cidr string) (*podNetwork, error) {
	ip, ipNet, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, fmt.Errorf("--pod-cidr: %w", err)
	}
	prefix, _ := ipNet.Mask.Size()
	return &podNetwork{bridge: bridge, gateway: ip.To4(), prefix: prefix, used: map[string]string{}}, nil
}

// netnsName is short and stable per pod UID: interface names are at most 15 characters.
func netnsName(uid string) string {
	sum := sha256.Sum256([]byte(uid))
	return "pod" + hex.EncodeToString(sum[:])[:8]
}

func (n *podNetwork) allocate(key string) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	base := n.gateway.Mask(net.CIDRMask(n.prefix, 32))
	size := 1 << (32 - n.prefix)
	for i := 2; i < size-1; i++ {
		candidate := net.IPv4(base[0], base[1], base[2]+byte(i>>8), base[3]+byte(i)).String()
		if _, taken := n.used[candidate]; !taken {
			n.used[candidate] = key
			return candidate, nil
		}
	}
	return "", fmt.Errorf("no free pod address in %s/%d", base, n.prefix)
}

func (n *podNetwork) release(ip string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.used, ip)
}

// setUp creates the namespace and its veth, and returns the pod's address.
func (n *podNetwork) setUp(uid, key string) (netns, ip string, err error) {
	ip, err = n.allocate(key)
	if err != nil {
		return "", "", err
	}
	netns = netnsName(uid)
	veth := "v" + netns
	steps := [][]string{
		{"netns", "add", netns},
		{"link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns},
		{"link", "set", veth, "master", n.bridge, "up"},
		{"-n", netns, "addr", "add", fmt.Sprintf("%s/%d", ip, n.prefix), "dev", "eth0"},
		{"-n", netns, "link", "set", "eth0", "up"},
		{"-n", netns, "link", "set", "lo", "up"},
		{"-n", netns, "route", "add", "default", "via", n.gateway.String()},
	}
	for _, step := range steps {
		if err = runIP(step...); err != nil {
			n.tearDown(netns, ip)
			return "", "", err
		}
	}
	return netns, ip, nil
}

// tearDown removes the namespace; its end of the veth pair goes with it, and so does ours.
func (n *podNetwork) tearDown(netns, ip string) {
	_ = runIP("netns", "delete", netns)
	n.release(ip)
}

func runIP(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %s", strings.Join(args, " "), strings.TrimSpace(string(out)))
	}
	return nil
}
