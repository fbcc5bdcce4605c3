package main

import (
	"fmt"
	"net"
	"time"

	"istio.io/istio/pilot/pkg/features"
	"istio.io/istio/pilot/test/xds"
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
			DebounceTime: features.DebounceAfter,
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
