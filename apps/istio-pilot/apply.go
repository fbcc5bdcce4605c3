package main

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"

	"istio.io/istio/pilot/pkg/model"
	kubelib "istio.io/istio/pkg/kube"
)

// applyTimeout bounds how long a write may take to reach Istio's informers: far above the
// milliseconds it takes, so hitting it means something is broken, not slow.
const applyTimeout = 30 * time.Second

// applier turns each desired state into the creates, updates and deletes that take the cluster
// from the previous state to it, as kubectl apply --prune would.
type applier struct {
	kube    map[string]kubeWriter // by group/kind
	store   model.ConfigStore
	current state
	// writes stamps each Kubernetes write with a fresh resourceVersion, as the API server does;
	// the fake one does not, and the stamp is how a write is recognised in an informer.
	writes int
}

func newApplier(client kubelib.Client, store model.ConfigStore) *applier {
	a := &applier{kube: map[string]kubeWriter{}, store: store, current: state{}}
	for _, k := range kubeKinds {
		a.kube[k.group+"/"+k.kind] = k.open(client)
	}
	return a
}

type pendingWrite struct {
	key             objectKey
	resourceVersion string
}

// apply writes the difference to desired and waits until every Kubernetes write is in Istio's
// informer caches. A write error leaves the state half applied: the caller treats it as fatal.
func (a *applier) apply(desired state) error {
	var pending []pendingWrite
	for _, obj := range ordered(desired, false) {
		old, exists := a.current[obj.key]
		if exists && old.canonical == obj.canonical {
			continue
		}
		rv, err := a.write(obj, exists)
		if err != nil {
			return fmt.Errorf("%s %v: %v", verb(exists), obj.key, err)
		}
		pending = append(pending, pendingWrite{obj.key, rv})
	}
	for _, obj := range ordered(a.current, true) {
		if _, keep := desired[obj.key]; keep {
			continue
		}
		if err := a.remove(obj); err != nil {
			return fmt.Errorf("delete %v: %v", obj.key, err)
		}
		pending = append(pending, pendingWrite{obj.key, ""})
	}
	a.current = desired
	return a.waitVisible(pending)
}

func verb(exists bool) string {
	if exists {
		return "update"
	}
	return "create"
}

func (a *applier) write(obj object, exists bool) (string, error) {
	if obj.istio != nil {
		cfg := *obj.istio
		if !exists {
			_, err := a.store.Create(cfg)
			return "", err
		}
		stored := a.store.Get(cfg.GroupVersionKind, cfg.Name, cfg.Namespace)
		if stored == nil {
			return "", fmt.Errorf("not in the config store")
		}
		cfg.ResourceVersion = stored.ResourceVersion
		_, err := a.store.Update(cfg)
		return "", err
	}
	m, err := meta.Accessor(obj.kube)
	if err != nil {
		return "", err
	}
	a.writes++
	rv := strconv.Itoa(a.writes)
	m.SetResourceVersion(rv)
	return rv, a.kube[obj.key.group+"/"+obj.key.kind].write(obj.kube, exists)
}

func (a *applier) remove(obj object) error {
	if obj.istio != nil {
		return a.store.Delete(obj.istio.GroupVersionKind, obj.istio.Name, obj.istio.Namespace, nil)
	}
	return a.kube[obj.key.group+"/"+obj.key.kind].remove(obj.key.namespace, obj.key.name)
}

// waitVisible returns once each Kubernetes write shows in an informer (the config store is
// read-your-writes already).
func (a *applier) waitVisible(pending []pendingWrite) error {
	deadline := time.Now().Add(applyTimeout)
	for _, p := range pending {
		writer, isKube := a.kube[p.key.group+"/"+p.key.kind]
		if !isKube {
			continue
		}
		for !writer.visible(p.key.namespace, p.key.name, p.resourceVersion) {
			if time.Now().After(deadline) {
				return fmt.Errorf("%v: not in the informer cache after %v", p.key, applyTimeout)
			}
			time.Sleep(time.Millisecond)
		}
	}
	return nil
}

// ordered lists a state's objects Kubernetes kinds first (Namespace, Service, Pod, EndpointSlice),
// then Istio configs, each group by name; reverse gives the order to delete in.
func ordered(s state, reverse bool) []object {
	out := make([]object, 0, len(s))
	for _, obj := range s {
		out = append(out, obj)
	}
	less := func(a, b objectKey) bool {
		ra, rb := kubeKindRank(a.group, a.kind), kubeKindRank(b.group, b.kind)
		return ra < rb || (ra == rb && a.String() < b.String())
	}
	sort.Slice(out, func(i, j int) bool {
		if reverse {
			return less(out[j].key, out[i].key)
		}
		return less(out[i].key, out[j].key)
	})
	return out
}
