package main

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/kubectl/pkg/util/fieldpath"
	resourcehelper "k8s.io/kubectl/pkg/util/resource"
)

// containerEnvironment is the environment the kubelet gives a container (pkg/kubelet's
// makeEnvironmentVariables): PATH and HOME as an image sets them, the pod's own fields through
// fieldRef, resource limits through resourceFieldRef, then extra (the sidecar's capture, see
// capture.go). Values may refer to variables defined before them as $(NAME).
func containerEnvironment(pod *corev1.Pod, spec *corev1.Container, extra []string) ([]string, error) {
	env := []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"}
	defined := map[string]string{}
	for _, v := range spec.Env {
		value := expandRefs(v.Value, defined)
		if from := v.ValueFrom; from != nil {
			var err error
			switch {
			case from.FieldRef != nil:
				value, err = podField(pod, from.FieldRef.FieldPath)
			case from.ResourceFieldRef != nil:
				value, err = resourcehelper.ExtractContainerResourceValue(from.ResourceFieldRef, withNodeLimits(spec))
			default:
				err = fmt.Errorf("only fieldRef and resourceFieldRef are supported by this node")
			}
			if err != nil {
				return nil, fmt.Errorf("env %s: %w", v.Name, err)
			}
		}
		defined[v.Name] = value
		env = append(env, v.Name+"="+value)
	}
	return append(env, extra...), nil
}

// podField is a fieldRef's value. kubectl's fieldpath reads metadata; the kubelet adds the fields
// it knows itself (pkg/kubelet podFieldSelectorRuntimeValue).
func podField(pod *corev1.Pod, path string) (string, error) {
	switch path {
	case "spec.nodeName":
		return pod.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return pod.Spec.ServiceAccountName, nil
	case "status.hostIP":
		return pod.Status.HostIP, nil
	case "status.podIP":
		return pod.Status.PodIP, nil
	case "status.podIPs":
		return pod.Status.PodIP, nil
	}
	return fieldpath.ExtractFieldPathAsString(pod, path)
}

// withNodeLimits is the container with the node's capacity as its limit where it sets none: the
// kubelet's default for resourceFieldRef (the node's allocatable).
func withNodeLimits(spec *corev1.Container) *corev1.Container {
	c := spec.DeepCopy()
	if c.Resources.Limits == nil {
		c.Resources.Limits = corev1.ResourceList{}
	}
	for name, quantity := range nodeCapacity {
		if _, set := c.Resources.Limits[name]; !set {
			c.Resources.Limits[name] = quantity
		}
	}
	return c
}

// expandArgs expands $(NAME) in a container's command line with its environment, as the kubelet
// does (Istio's sidecar is given `--domain $(POD_NAMESPACE).svc.cluster.local`).
func expandArgs(argv, env []string) []string {
	defined := map[string]string{}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		defined[name] = value
	}
	expanded := make([]string, len(argv))
	for i, arg := range argv {
		expanded[i] = expandRefs(arg, defined)
	}
	return expanded
}

// expandRefs replaces $(NAME) with NAME's value when defined and leaves it as written otherwise;
// $$ is a literal $. Written here because the kubelet's expansion package is internal to
// k8s.io/kubernetes (third_party/forked/golang/expansion), which this module does not import.
func expandRefs(input string, defined map[string]string) string {
	var out strings.Builder
	for i := 0; i < len(input); i++ {
		if input[i] != '$' || i+1 == len(input) {
			out.WriteByte(input[i])
			continue
		}
		switch next := input[i+1]; {
		case next == '$':
			out.WriteByte('$')
			i++
		case next == '(':
			end := strings.IndexByte(input[i+2:], ')')
			if end < 0 {
				out.WriteString(input[i:])
				return out.String()
			}
			name := input[i+2 : i+2+end]
			if value, ok := defined[name]; ok {
				out.WriteString(value)
			} else {
				out.WriteString(input[i : i+3+end])
			}
			i += 2 + end
		default:
			out.WriteByte('$')
		}
	}
	return out.String()
}
