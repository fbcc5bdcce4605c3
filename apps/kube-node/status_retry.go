package main

import (
	"context"
	"time"

	"github.com/virtual-kubelet/virtual-kubelet/node"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/util/workqueue"
)

// virtual-kubelet writes a pod's status with Update at the resourceVersion its informer last saw.
// When a pod's status changes twice in quick succession (started, then Ready), the second write
// races the informer's view of the first and gets a Conflict. Its default policy retries with the
// controller rate limiter (exponential up to 1000 s) and gives up after 20 tries, so under load a
// status could arrive tens of seconds late or never: a pod stays ContainerCreating while running.
// The kubelet patches status instead; here a conflict is retried soon and for as long as it lasts
// (the handler ends by itself once the pod is gone), and other errors keep the default policy.
func withStatusRetries(c *node.PodControllerConfig) error {
	c.SyncPodStatusFromProviderRateLimiter = workqueue.NewTypedItemExponentialFailureRateLimiter[any](
		10*time.Millisecond, 500*time.Millisecond)
	c.SyncPodStatusFromProviderShouldRetryFunc = retryStatusConflicts
	return nil
}

func retryStatusConflicts(ctx context.Context, key string, tries int, added time.Time, err error) (*time.Duration, error) {
	if apierrors.IsConflict(err) {
		return nil, nil
	}
	return node.DefaultRetryFunc(ctx, key, tries, added, err)
}
