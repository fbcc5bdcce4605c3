package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"

	"istio.io/istio/pilot/pkg/config/kube/crd"
	"istio.io/istio/pkg/config"
	"istio.io/istio/pkg/config/schema/collections"
	kubelib "istio.io/istio/pkg/kube"
)

// domainSuffix is the cluster domain istiod is started with; Istio resolves a config's short hosts
// ("istio-grpc-server") against it, so a config without it silently matches nothing.
const domainSuffix = "cluster.local"

// objectKey names one object of the desired state: what the diff matches old and new on.
type objectKey struct {
	group, kind, namespace, name string
}

func (k objectKey) String() string {
	if k.namespace == "" {
		return k.kind + " " + k.name
	}
	return k.kind + " " + k.namespace + "/" + k.name
}

// object is one entry of a state line, decoded for the store it goes to.
type object struct {
	key objectKey
	// canonical is the object re-encoded with sorted keys: equal text means nothing to update.
	canonical string
	kube      runtime.Object // for the fake Kubernetes client
	istio     *config.Config // for Istio's config store
}

type state map[objectKey]object

type stateLine struct {
	Objects []json.RawMessage `json:"objects"`
}

type objectMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name      string `json:"name"`
		Namespace string `json:"namespace"`
	} `json:"metadata"`
}

// parseState reads one stdin line: the full desired state. Any error rejects the whole line.
func parseState(line []byte) (state, error) {
	var in stateLine
	if err := json.Unmarshal(line, &in); err != nil {
		return nil, fmt.Errorf("not a state line ({\"objects\":[...]}): %v", err)
	}
	if in.Objects == nil {
		return nil, fmt.Errorf(`not a state line: no "objects" array`)
	}
	out := state{}
	for i, raw := range in.Objects {
		obj, err := parseObject(raw)
		if err != nil {
			return nil, fmt.Errorf("objects[%d]: %v", i, err)
		}
		if _, dup := out[obj.key]; dup {
			return nil, fmt.Errorf("objects[%d]: %v appears twice", i, obj.key)
		}
		out[obj.key] = obj
	}
	return out, nil
}

func parseObject(raw json.RawMessage) (object, error) {
	var meta objectMeta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return object{}, err
	}
	group := ""
	if slash := strings.LastIndex(meta.APIVersion, "/"); slash >= 0 {
		group = meta.APIVersion[:slash]
	}
	key := objectKey{group: group, kind: meta.Kind, namespace: meta.Metadata.Namespace, name: meta.Metadata.Name}
	if key.kind == "" || key.name == "" {
		return object{}, fmt.Errorf("kind and metadata.name are required")
	}
	canonical, err := canonicalJSON(raw)
	if err != nil {
		return object{}, err
	}
	obj := object{key: key, canonical: canonical}
	switch kubeKindScope(key.group, key.kind) {
	case scopeCluster:
		obj.kube, err = decodeKube(raw)
	case scopeNamespace:
		if key.namespace == "" {
			return object{}, fmt.Errorf("%v: metadata.namespace is required", key)
		}
		obj.kube, err = decodeKube(raw)
	default:
		if !isIstioConfig(meta.APIVersion, meta.Kind) {
			return object{}, fmt.Errorf("%s %s: unsupported kind (supported: %s, and Istio's *.istio.io configs)",
				meta.APIVersion, meta.Kind, supportedKubeKinds())
		}
		if key.namespace == "" {
			return object{}, fmt.Errorf("%v: metadata.namespace is required", key)
		}
		obj.istio, err = decodeIstio(raw)
	}
	if err != nil {
		return object{}, fmt.Errorf("%v: %v", key, err)
	}
	return obj, nil
}

func canonicalJSON(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	out, err := json.Marshal(v) // maps marshal with sorted keys
	return string(out), err
}

func decodeKube(raw json.RawMessage) (runtime.Object, error) {
	obj, _, err := kubelib.IstioCodec.UniversalDeserializer().Decode(raw, nil, nil)
	return obj, err
}

// isIstioConfig is true for the kinds istiod reads from its config store (DestinationRule,
// VirtualService, ...). Gateway API kinds are not among them: Istio reads those from Kubernetes
// informers (see kubeKinds).
func isIstioConfig(apiVersion, kind string) bool {
	gv := strings.SplitN(apiVersion, "/", 2)
	if len(gv) != 2 || !strings.HasSuffix(gv[0], "istio.io") {
		return false
	}
	_, found := collections.Pilot.FindByGroupVersionAliasesKind(config.GroupVersionKind{Group: gv[0], Version: gv[1], Kind: kind})
	return found
}

// decodeIstio converts and validates one Istio object as istiod's CRD client and webhook would.
func decodeIstio(raw json.RawMessage) (*config.Config, error) {
	configs, _, err := crd.ParseInputs(string(raw))
	if err != nil {
		return nil, err
	}
	if len(configs) != 1 {
		return nil, fmt.Errorf("expected one config, got %d", len(configs))
	}
	cfg := configs[0]
	cfg.Domain = domainSuffix
	return &cfg, nil
}
