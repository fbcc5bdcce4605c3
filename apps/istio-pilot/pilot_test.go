package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	discovery "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"

	v3 "istio.io/istio/pilot/pkg/xds/v3"
)

const (
	serviceHost  = "istio-grpc-server." + testNamespace + ".svc.cluster.local"
	listenerName = serviceHost + ":8080"
	v1Cluster    = "outbound|8080|v1|" + serviceHost
	v2Cluster    = "outbound|8080|v2|" + serviceHost
)

// Two pods, each on its own loopback IP (see TestPodsSharingAnIPAreOneEndpointToIstio).
var twoPods = []testPod{
	{name: "istio-grpc-server-v1-a", version: "v1", ip: "127.0.0.2", port: 18001},
	{name: "istio-grpc-server-v2-a", version: "v2", ip: "127.0.0.3", port: 18002},
}

// subscribeAll walks LDS -> RDS -> CDS -> EDS the way grpc-js-xds does for one target.
func subscribeAll(t *testing.T, c proxylessClient) (route, clusters, endpoints *discovery.DiscoveryResponse) {
	t.Helper()
	listeners := decode(t, c.fetch(t, v3.ListenerType, listenerName), newListener)
	if got := mapNames(listeners, nameOfListener); len(got) != 1 || got[0] != listenerName {
		t.Fatalf("listeners = %v, want [%s]", got, listenerName)
	}
	route = c.fetch(t, v3.RouteType, routeConfigName(t, listeners[0]))
	clusters = c.fetch(t, v3.ClusterType, v1Cluster, v2Cluster)
	endpoints = c.fetch(t, v3.EndpointType, v1Cluster, v2Cluster)
	return route, clusters, endpoints
}

func TestIstioTranslatesTheChartsWeightedScenarioForProxylessClients(t *testing.T) {
	rendered := renderChart(t, "weighted-90-10")
	_, first := startPilot(t, labObjects(rendered, twoPods))
	if first.Event != "listening" || !strings.HasPrefix(first.Address, "127.0.0.1:") {
		t.Fatalf("first event = %+v, want listening on 127.0.0.1", first)
	}
	routes, clusters, endpoints := subscribeAll(t, connectProxyless(t, first.Address))

	assertEqual(t, "route weights", weights(t, decode(t, routes, newRoute)[0]),
		[]string{v1Cluster + "=90", v2Cluster + "=10"})
	cs := decode(t, clusters, newCluster)
	assertEqual(t, "clusters", clusterNames(cs), []string{v1Cluster, v2Cluster})
	for _, c := range cs {
		if c.LbPolicy != cluster.Cluster_ROUND_ROBIN {
			t.Errorf("%s lb_policy = %v, want ROUND_ROBIN (the chart's default)", c.Name, c.LbPolicy)
		}
	}
	assertEqual(t, "endpoints", endpointsByCluster(t, endpoints), map[string][]string{
		v1Cluster: {"127.0.0.2:18001"},
		v2Cluster: {"127.0.0.3:18002"},
	})
}

func TestIstioPushesAWeightEditAndANewPodToConnectedClients(t *testing.T) {
	rendered := renderChart(t, "weighted-90-10")
	pilot, first := startPilot(t, labObjects(rendered, twoPods))
	client := connectProxyless(t, first.Address)
	subscribeAll(t, client)

	setWeights(rendered, 0, 100)
	morePods := append(append([]testPod{}, twoPods...),
		testPod{name: "istio-grpc-server-v1-b", version: "v1", ip: "127.0.0.4", port: 18003})
	if ev := pilot.send(t, labObjects(rendered, morePods)); ev.Event != "applied" || ev.Generation != 2 {
		t.Fatalf("event = %+v, want applied generation 2", ev)
	}
	pushed := client.pushesOf(t, v3.RouteType, v3.EndpointType)
	// Istio leaves a weight-0 destination out of the route altogether.
	assertEqual(t, "route weights after 0/100", weights(t, decode(t, pushed[v3.RouteType], newRoute)[0]),
		[]string{v2Cluster + "=100"})
	// Same IP, two ports: Istio keeps both pods apart (it finds a pod by the slice's targetRef).
	assertEqual(t, "v1 endpoints after a pod was added", endpointsByCluster(t, pushed[v3.EndpointType])[v1Cluster],
		[]string{"127.0.0.2:18001", "127.0.0.4:18003"})
}

// The lab's pods all listen on 127.0.0.1 unless given their own IPs: Istio merges endpoints of one
// Service with the same address and port name across EndpointSlices (pilot/pkg/serviceregistry/
// kube/controller endpointslice.go, endpointSliceCache.get), whatever their port numbers.
func TestPodsSharingAnIPAreOneEndpointToIstio(t *testing.T) {
	sharing := []testPod{
		{name: "istio-grpc-server-v1-a", version: "v1", ip: "127.0.0.1", port: 18001},
		{name: "istio-grpc-server-v1-b", version: "v1", ip: "127.0.0.1", port: 18003},
		{name: "istio-grpc-server-v2-a", version: "v2", ip: "127.0.0.1", port: 18002},
	}
	_, first := startPilot(t, labObjects(renderChart(t, "weighted-90-10"), sharing))
	_, _, endpoints := subscribeAll(t, connectProxyless(t, first.Address))
	byCluster := endpointsByCluster(t, endpoints)
	if total := len(byCluster[v1Cluster]) + len(byCluster[v2Cluster]); total != 1 {
		t.Errorf("endpoints = %v; want 3 pods on one IP to collapse into 1 endpoint", byCluster)
	}
}

func TestLeastRequestReachesProxylessClientsAsIs(t *testing.T) {
	rendered := renderChart(t, "weighted-90-10", "--set", "routing.loadBalancer=LEAST_REQUEST")
	_, first := startPilot(t, labObjects(rendered, twoPods))
	_, clusters, _ := subscribeAll(t, connectProxyless(t, first.Address))
	for _, c := range decode(t, clusters, newCluster) {
		// grpc-js-xds 1.14.1 NACKs this Cluster ("unsupported lb_policy"): the TypeScript test shows it.
		if c.LbPolicy != cluster.Cluster_LEAST_REQUEST || c.LoadBalancingPolicy != nil {
			t.Errorf("%s: lb_policy = %v, load_balancing_policy = %v; want LEAST_REQUEST and none",
				c.Name, c.LbPolicy, c.LoadBalancingPolicy)
		}
	}
}

func TestAnInvalidStateIsRejectedAndTheLastGoodOneStays(t *testing.T) {
	rendered := renderChart(t, "weighted-90-10")
	pilot, first := startPilot(t, labObjects(rendered, twoPods))

	deployment := map[string]any{"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"name": "d", "namespace": testNamespace}}
	ev := pilot.send(t, append(labObjects(rendered, twoPods), deployment))
	if ev.Event != "rejected" || ev.Generation != 2 || !strings.Contains(ev.Error, "apps/v1 Deployment: unsupported kind") {
		t.Fatalf("event = %+v, want generation 2 rejected for the Deployment", ev)
	}
	setWeights(rendered, -5, 105)
	ev = pilot.send(t, labObjects(rendered, twoPods))
	if ev.Event != "rejected" || ev.Generation != 3 || !strings.Contains(ev.Error, "weight") {
		t.Fatalf("event = %+v, want generation 3 rejected by Istio's validation for the weights", ev)
	}
	routes, _, _ := subscribeAll(t, connectProxyless(t, first.Address))
	assertEqual(t, "route weights", weights(t, decode(t, routes, newRoute)[0]),
		[]string{v1Cluster + "=90", v2Cluster + "=10"})
}

func TestFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"--help"}, strings.NewReader(""), &stdout, &stderr); code != 0 ||
		!strings.Contains(stdout.String(), "Usage: istio-pilot") || !strings.Contains(stdout.String(), "-address") {
		t.Errorf("--help: exit %d, stdout %q", code, stdout.String())
	}
	stdout.Reset()
	for _, args := range [][]string{{"--bogus"}, {"--log-level=loud"}} {
		stderr.Reset()
		code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
		if code != 2 || strings.Count(stderr.String(), "\n") != 1 || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want 2 and one line on stderr", args, code, stderr.String(), stdout.String())
		}
	}
}
