package main

import (
	"fmt"
	"testing"

	v3 "istio.io/istio/pilot/pkg/xds/v3"
)

// gammaObjects is what the lab sends for a Gateway API render: every Service of the chart (each
// version has its own), a slice per Service and pod it selects, and the GRPCRoute.
func gammaObjects(rendered []map[string]any, pods []testPod) []map[string]any {
	objects := []map[string]any{
		{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": testNamespace}},
		podObject(testPod{name: clientPod, version: "v1", ip: "127.0.0.1", port: 8080}, "istio-grpc-client"),
	}
	for _, pod := range pods {
		objects = append(objects, podObject(pod, "istio-grpc-server"))
	}
	services := 0
	for _, obj := range rendered {
		switch obj["kind"] {
		case "Service":
			services++
			meta := obj["metadata"].(map[string]any)
			meta["namespace"] = testNamespace
			obj["spec"].(map[string]any)["clusterIP"] = fmt.Sprintf("10.96.0.%d", 10+services)
			objects = append(objects, obj)
			selector := obj["spec"].(map[string]any)["selector"].(map[string]any)
			for _, pod := range pods {
				if selector["version"] == nil || selector["version"] == pod.version {
					if selector["app"] == "istio-grpc-server" {
						objects = append(objects, serviceSlice(meta["name"].(string), pod))
					}
				}
			}
		case "GRPCRoute":
			obj["metadata"].(map[string]any)["namespace"] = testNamespace
			objects = append(objects, obj)
		}
	}
	return objects
}

func serviceSlice(service string, pod testPod) map[string]any {
	slice := sliceObject(pod)
	meta := slice["metadata"].(map[string]any)
	meta["name"] = service + "-" + pod.name
	meta["labels"] = map[string]any{"kubernetes.io/service-name": service}
	return slice
}

// Istio's CRD watcher ignores a grpcroutes CRD without the Gateway API bundle-version annotation;
// with it (installGatewayAPIBundle), a GRPCRoute whose parent is the Service routes the mesh's calls.
func TestIstioRoutesAGammaGRPCRouteToThePerVersionServices(t *testing.T) {
	rendered := renderChart(t, "gateway-api-90-10")
	_, first := startPilot(t, gammaObjects(rendered, twoPods))
	client := connectProxyless(t, first.Address)
	listeners := decode(t, client.fetch(t, v3.ListenerType, listenerName), newListener)
	routes := decode(t, client.fetch(t, v3.RouteType, routeConfigName(t, listeners[0])), newRoute)

	v1Service := "outbound|8080||istio-grpc-server-v1." + testNamespace + ".svc.cluster.local"
	v2Service := "outbound|8080||istio-grpc-server-v2." + testNamespace + ".svc.cluster.local"
	assertEqual(t, "route weights", weights(t, routes[0]), []string{v1Service + "=90", v2Service + "=10"})
	endpoints := client.fetch(t, v3.EndpointType, v1Service, v2Service)
	assertEqual(t, "endpoints", endpointsByCluster(t, endpoints), map[string][]string{
		v1Service: {"127.0.0.2:18001"},
		v2Service: {"127.0.0.3:18002"},
	})
}
