package main

import (
	"context"
	"errors"
	"testing"
	"time"

	pkgerrors "github.com/pkg/errors"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestStatusConflictsAreRetriedPastTheDefaultLimit(t *testing.T) {
	conflict := pkgerrors.Wrap(apierrors.NewConflict(schema.GroupResource{Resource: "pods"}, "p", errors.New("modified")), "error while updating pod status in kubernetes")
	if _, err := retryStatusConflicts(context.Background(), "ns/p", 100, time.Now(), conflict); err != nil {
		t.Fatalf("a conflict after 100 tries was given up: %v", err)
	}
	if _, err := retryStatusConflicts(context.Background(), "ns/p", 100, time.Now(), errors.New("forbidden")); err == nil {
		t.Fatal("another error after 100 tries was retried, past the default limit of 20")
	}
}
