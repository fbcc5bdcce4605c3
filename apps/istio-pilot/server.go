package main

import (
	"fmt"
	"net"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	metadatafake "k8s.io/client-go/metadata/fake"
	k8stesting "k8s.io/client-go/testing"
	gatewayconsts "sigs.k8s.io/gateway-api/pkg/consts"

	"istio.io/istio/pilot/pkg/features"
	"istio.io/istio/pilot/test/xds"
	kubelib "istio.io/istio/pkg/kube"
)

// idleSettle is how long Istio must stay idle (every update it was told about pushed) before a
// state counts as applied: it covers the hop from an informer to Istio's event handler, which
// happens on Istio's own queue and so cannot be awaited directly.
const idleSettle = 50 * time.Millisecond

// startDiscovery starts Istio's pilot discovery server (config translation, debounced pushes, the
// proxyless gRPC generator) over an in-memory Kubernetes, serving ADS on address.
func startDiscovery(f *failer, address string) (*xds.FakeDiscoveryServer, error) {
	started := make(chan *xds.FakeDiscoveryServer, 1)
	go func() {
		started <- xds.NewFakeDiscoveryServer(f, xds.FakeOptions{
			ListenerBuilder: func() (net.Listener, error) { return net.Listen("tcp", address) },
			// istiod's debounce (PILOT_DEBOUNCE_AFTER), not the test harness's 0: push latency is
			// part of what the lab shows.
			DebounceTime:       features.DebounceAfter,
			KubeClientModifier: installGatewayAPIBundle,
		})
	}()
	select {
	case ds := <-started:
		return ds, nil
	case err := <-f.fatal:
		return nil, err
	}
}

// waitPushed returns once Istio has turned every update it received into a push context and
// queued the pushes to its clients, and nothing new has arrived for idleSettle.
func waitPushed(ds *xds.FakeDiscoveryServer) error {
	deadline := time.Now().Add(applyTimeout)
	var idleSince time.Time
	for {
		now := time.Now()
		if ds.Discovery.CommittedUpdates.Load() < ds.Discovery.InboundUpdates.Load() {
			idleSince = time.Time{}
		} else if idleSince.IsZero() {
			idleSince = now
		} else if now.Sub(idleSince) >= idleSettle {
			return nil
		}
		if now.After(deadline) {
			return fmt.Errorf("istio still pushing after %v", applyTimeout)
		}
		time.Sleep(time.Millisecond)
	}
}

// installGatewayAPIBundle makes every Gateway API CRD the fake server creates carry the
// bundle-version annotation that `kubectl apply` of the Gateway API release puts on it. Istio's CRD
// watcher (pkg/kube/kclient/crdwatcher.go, minimumVersionFilter) ignores a grpcroutes CRD without it,
// so GRPCRoutes would never be read. The fake server creates its CRDs bare (clienttest.MakeCRD) after
// this modifier runs, so the annotation is added by a reactor on every CRD write, as it comes in.
func installGatewayAPIBundle(client kubelib.Client) {
	fake, ok := client.Metadata().(*metadatafake.FakeMetadataClient)
	if !ok {
		return
	}
	annotate := func(action k8stesting.Action) (bool, runtime.Object, error) {
		var obj runtime.Object
		switch a := action.(type) {
		case k8stesting.CreateAction:
			obj = a.GetObject()
		case k8stesting.UpdateAction:
			obj = a.GetObject()
		}
		if crd, ok := obj.(*metav1.PartialObjectMetadata); ok && strings.HasSuffix(crd.Name, "."+gatewayGroup) {
			if crd.Annotations == nil {
				crd.Annotations = map[string]string{}
			}
			// The Gateway API version Istio is built against: the newest bundle it knows.
			crd.Annotations[gatewayconsts.BundleVersionAnnotation] = gatewayconsts.BundleVersion
		}
		return false, nil, nil // handled by the tracker, with the annotation
	}
	fake.PrependReactor("create", "customresourcedefinitions", annotate)
	fake.PrependReactor("update", "customresourcedefinitions", annotate)
}
