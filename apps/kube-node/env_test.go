package main

import (
	"reflect"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestEnvironmentResolvesFieldsResourcesAndReferences(t *testing.T) {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "client-1", Namespace: "grpc-sidecar"},
		Spec:       corev1.PodSpec{NodeName: "process-node", ServiceAccountName: "default"},
		Status:     corev1.PodStatus{PodIP: "10.244.0.7", HostIP: "10.244.0.1"},
	}
	field := func(path string) *corev1.EnvVarSource {
		return &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: path}}
	}
	spec := &corev1.Container{
		Env: []corev1.EnvVar{
			{Name: "POD_NAME", ValueFrom: field("metadata.name")},
			{Name: "POD_NAMESPACE", ValueFrom: field("metadata.namespace")},
			{Name: "INSTANCE_IP", ValueFrom: field("status.podIP")},
			{Name: "NODE", ValueFrom: field("spec.nodeName")},
			{Name: "CPU", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}},
			{Name: "MEMORY", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.memory", Divisor: resource.MustParse("1Mi")}}},
			{Name: "DOMAIN", Value: "$(POD_NAMESPACE).svc.cluster.local"},
			{Name: "LITERAL", Value: "$$(POD_NAME) $(UNDEFINED)"},
		},
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("1Gi")}},
	}
	env, err := containerEnvironment(pod, spec, []string{"EXTRA=1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"POD_NAME=client-1", "POD_NAMESPACE=grpc-sidecar", "INSTANCE_IP=10.244.0.7", "NODE=process-node",
		"CPU=8", "MEMORY=1024", "DOMAIN=grpc-sidecar.svc.cluster.local", "LITERAL=$(POD_NAME) $(UNDEFINED)", "EXTRA=1",
	}
	if got := env[2:]; !reflect.DeepEqual(got, want) {
		t.Errorf("env = %q, want %q", got, want)
	}
	args := expandArgs([]string{"proxy", "--domain", "$(POD_NAMESPACE).svc.cluster.local"}, env)
	if args[2] != "grpc-sidecar.svc.cluster.local" {
		t.Errorf("args = %q", args)
	}
}

func TestEnvironmentRefusesSourcesTheNodeCannotRead(t *testing.T) {
	spec := &corev1.Container{Env: []corev1.EnvVar{{Name: "TOKEN", ValueFrom: &corev1.EnvVarSource{
		SecretKeyRef: &corev1.SecretKeySelector{Key: "token"},
	}}}}
	if _, err := containerEnvironment(&corev1.Pod{}, spec, nil); err == nil {
		t.Error("a secretKeyRef was accepted")
	}
}

func TestCaptureFollowsTheInjectedIstioIptablesFlags(t *testing.T) {
	initArgv := [][]string{{"pilot-agent", "istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT"}}
	capture := captureOf(initArgv)
	proxyUID := int64(1337)
	pod := &corev1.Pod{}
	app := &corev1.Container{Name: "istio-grpc-client"}
	proxy := &corev1.Container{Name: "istio-proxy", SecurityContext: &corev1.SecurityContext{RunAsUser: &proxyUID}}
	if env := capture.envFor(pod, app); !slices.Contains(env, "grpc_proxy=http://127.0.0.1:15001") {
		t.Errorf("the app's capture env = %q", env)
	}
	if env := capture.envFor(pod, proxy); env != nil {
		t.Errorf("the proxy (uid 1337) is captured too: %q", env)
	}
	if captureOf([][]string{{"sh", "-c", "true"}}).envFor(pod, app) != nil {
		t.Error("a pod without istio-init is captured")
	}
}
