package main

import (
	"fmt"
	"reflect"
	"sort"
	"testing"
	"time"

	cluster "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	endpoint "github.com/envoyproxy/go-control-plane/envoy/config/endpoint/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	hcm "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	discovery "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/proto"

	"istio.io/istio/pilot/pkg/model"
	"istio.io/istio/pilot/pkg/xds"
)

// proxylessClient is an ADS stream presenting the node a proxyless gRPC pod's agent writes.
type proxylessClient struct {
	*xds.AdsTest
	subscribed map[string][]string // by type URL: what every ACK must name again
}

func connectProxyless(t *testing.T, address string) proxylessClient {
	t.Helper()
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	ads := xds.NewAdsTest(t, conn).
		WithID(fmt.Sprintf("sidecar~127.0.0.1~%s.%s~%s.svc.cluster.local", clientPod, testNamespace, testNamespace)).
		WithMetadata(model.NodeMetadata{Generator: "grpc", Namespace: testNamespace, ClusterID: "Kubernetes", IstioVersion: "1.31"}).
		WithTimeout(10 * time.Second)
	return proxylessClient{ads, map[string][]string{}}
}

// fetch subscribes to names of typeURL, as grpc-js-xds does, and ACKs the answer.
func (c proxylessClient) fetch(t *testing.T, typeURL string, names ...string) *discovery.DiscoveryResponse {
	t.Helper()
	c.subscribed[typeURL] = names
	return c.RequestResponseAck(t, &discovery.DiscoveryRequest{TypeUrl: typeURL, ResourceNames: names})
}

// nextPush waits for the next response Istio pushes and ACKs it, naming the subscription again.
func (c proxylessClient) nextPush(t *testing.T) *discovery.DiscoveryResponse {
	t.Helper()
	resp := c.ExpectResponse(t)
	c.Request(t, &discovery.DiscoveryRequest{TypeUrl: resp.TypeUrl, ResponseNonce: resp.Nonce,
		VersionInfo: resp.VersionInfo, ResourceNames: c.subscribed[resp.TypeUrl]})
	return resp
}

func decode[T proto.Message](t *testing.T, resp *discovery.DiscoveryResponse, newT func() T) []T {
	t.Helper()
	var out []T
	for _, any := range resp.Resources {
		msg := newT()
		if err := any.UnmarshalTo(msg); err != nil {
			t.Fatal(err)
		}
		out = append(out, msg)
	}
	return out
}

// routeConfigName is the RDS name inside a proxyless (API) listener.
func routeConfigName(t *testing.T, l *listener.Listener) string {
	t.Helper()
	manager := &hcm.HttpConnectionManager{}
	if err := l.GetApiListener().GetApiListener().UnmarshalTo(manager); err != nil {
		t.Fatal(err)
	}
	return manager.GetRds().GetRouteConfigName()
}

// weights lists "cluster=weight" for the first route of the only virtual host, sorted; a route to
// one cluster counts as weight 100.
func weights(t *testing.T, rc *route.RouteConfiguration) []string {
	t.Helper()
	if len(rc.VirtualHosts) != 1 {
		t.Fatalf("want one virtual host, got %d", len(rc.VirtualHosts))
	}
	action := rc.VirtualHosts[0].Routes[0].GetRoute()
	var out []string
	if c := action.GetCluster(); c != "" {
		return []string{c + "=100"}
	}
	for _, wc := range action.GetWeightedClusters().GetClusters() {
		out = append(out, fmt.Sprintf("%s=%d", wc.Name, wc.Weight.GetValue()))
	}
	sort.Strings(out)
	return out
}

func endpointPorts(cla *endpoint.ClusterLoadAssignment) []string {
	var out []string
	for _, locality := range cla.Endpoints {
		for _, lb := range locality.LbEndpoints {
			a := lb.GetEndpoint().GetAddress().GetSocketAddress()
			out = append(out, fmt.Sprintf("%s:%d", a.Address, a.GetPortValue()))
		}
	}
	sort.Strings(out)
	return out
}

func newListener() *listener.Listener             { return &listener.Listener{} }
func newRoute() *route.RouteConfiguration         { return &route.RouteConfiguration{} }
func newCluster() *cluster.Cluster                { return &cluster.Cluster{} }
func newCLA() *endpoint.ClusterLoadAssignment     { return &endpoint.ClusterLoadAssignment{} }
func clusterNames(cs []*cluster.Cluster) []string { return mapNames(cs, (*cluster.Cluster).GetName) }

func mapNames[T any](items []T, name func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, item := range items {
		out = append(out, name(item))
	}
	sort.Strings(out)
	return out
}

func nameOfListener(l *listener.Listener) string { return l.GetName() }

// pushesOf reads pushes until one of each type came, ACKing all; the last of each type wins.
func (c proxylessClient) pushesOf(t *testing.T, typeURLs ...string) map[string]*discovery.DiscoveryResponse {
	t.Helper()
	got := map[string]*discovery.DiscoveryResponse{}
	for len(got) < len(typeURLs) {
		resp := c.nextPush(t)
		for _, want := range typeURLs {
			if resp.TypeUrl == want {
				got[want] = resp
			}
		}
	}
	return got
}

func endpointsByCluster(t *testing.T, resp *discovery.DiscoveryResponse) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, cla := range decode(t, resp, newCLA) {
		out[cla.ClusterName] = endpointPorts(cla)
	}
	return out
}

func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
