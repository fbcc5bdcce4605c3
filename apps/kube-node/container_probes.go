package main

import (
	"context"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// livenessGrace is how long a container failing its liveness probe gets between SIGTERM and
// SIGKILL before its restart.
const livenessGrace = 10 * time.Second

// probe drives the container's started and ready flags from its probes, as the kubelet does:
// the startup probe first, then readiness and liveness; a container without a readiness probe is
// ready once started, and a failed startup or liveness probe restarts it.
func (c *container) probe(ctx context.Context, target probeTarget) {
	// The kubelet probes a container once its postStart hook has returned: a first probe earlier
	// fails and, with Istio's 15 s period, holds the pod unready that long.
	if postStart(c.spec) != nil && !c.waitHooked(ctx) {
		return
	}
	if startup := c.spec.StartupProbe; startup != nil {
		succeeded := false
		repeatProbe(ctx, startup, target, func(ok bool) bool {
			if ok {
				succeeded = true
				return true
			}
			return false
		}, func() { go c.stop(livenessGrace) })
		if !succeeded {
			return
		}
		started := true
		c.setProbeResult(&started, nil)
	}
	if readiness := c.spec.ReadinessProbe; readiness != nil {
		go repeatProbe(ctx, readiness, target, func(ok bool) bool {
			c.setProbeResult(nil, &ok)
			return false
		}, func() {})
	} else {
		ready := true
		c.setProbeResult(nil, &ready)
	}
	if liveness := c.spec.LivenessProbe; liveness != nil {
		go repeatProbe(ctx, liveness, target, func(bool) bool { return false }, func() { go c.stop(livenessGrace) })
	}
}

// repeatProbe runs probe every periodSeconds after initialDelaySeconds until ctx ends or onResult
// returns true. onResult sees a result only once it holds for successThreshold or failureThreshold
// runs in a row; onFailed runs when failureThreshold is reached.
func repeatProbe(ctx context.Context, probe *corev1.Probe, target probeTarget, onResult func(ok bool) bool, onFailed func()) {
	period := time.Duration(orDefault(probe.PeriodSeconds, 10)) * time.Second
	successThreshold, failureThreshold := orDefault(probe.SuccessThreshold, 1), orDefault(probe.FailureThreshold, 3)
	if !sleep(ctx, time.Duration(probe.InitialDelaySeconds)*time.Second) {
		return
	}
	successes, failures := int32(0), int32(0)
	for {
		if err := runProbe(ctx, probe, target); err == nil {
			successes, failures = successes+1, 0
			if successes >= successThreshold && onResult(true) {
				return
			}
		} else if ctx.Err() == nil {
			successes, failures = 0, failures+1
			if failures >= failureThreshold {
				if onResult(false) {
					return
				}
				onFailed()
				failures = 0
			}
		}
		if !sleep(ctx, period) {
			return
		}
	}
}

func orDefault(value, fallback int32) int32 {
	if value <= 0 {
		return fallback
	}
	return value
}

func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
