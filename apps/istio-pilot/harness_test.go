package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	kubeyaml "k8s.io/apimachinery/pkg/util/yaml"
)

const (
	testNamespace = "grpc-sidecar"
	clientPod     = "istio-grpc-client"
)

// pilotProcess is run() in-process, driven through its stdin and stdout like the lab drives the binary.
type pilotProcess struct {
	stdin  io.WriteCloser
	events chan event
	exit   chan int
}

func startPilot(t *testing.T, first []map[string]any) (*pilotProcess, event) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	p := &pilotProcess{stdin: inW, events: make(chan event, 16), exit: make(chan int, 1)}
	go func() {
		code := run(context.Background(), nil, inR, outW, os.Stderr)
		_ = outW.Close()
		p.exit <- code
	}()
	go func() {
		scanner := bufio.NewScanner(outR)
		for scanner.Scan() {
			var ev event
			if err := json.Unmarshal(scanner.Bytes(), &ev); err != nil {
				t.Errorf("stdout line is not a JSON event: %q", scanner.Text())
				continue
			}
			p.events <- ev
		}
		close(p.events)
	}()
	t.Cleanup(func() {
		_ = inW.Close()
		select {
		case code := <-p.exit:
			if code != 0 {
				t.Errorf("run exited %d", code)
			}
		case <-time.After(10 * time.Second):
			t.Error("run did not exit after stdin closed")
		}
	})
	return p, p.send(t, first)
}

// send writes one state line and returns the event it produced.
func (p *pilotProcess) send(t *testing.T, objects []map[string]any) event {
	t.Helper()
	line, err := json.Marshal(map[string]any{"objects": objects})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.stdin.Write(append(line, '\n')); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-p.events:
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no event within 30 s")
	}
	return event{}
}

// renderChart is `helm template` of the chart with a scenario file, as objects.
func renderChart(t *testing.T, scenario string, extraArgs ...string) []map[string]any {
	t.Helper()
	chart := filepath.Join("..", "..", "charts", "grpc-greeter")
	args := append([]string{"template", "t", chart, "-n", testNamespace, "--kube-version", minKubeVersion(t, chart),
		"-f", filepath.Join(chart, "scenarios", scenario+".yaml")}, extraArgs...)
	out, err := exec.Command(findHelm(t), args...).Output()
	if err != nil {
		t.Fatalf("helm %s: %v", strings.Join(args, " "), err)
	}
	var objects []map[string]any
	decoder := kubeyaml.NewYAMLOrJSONDecoder(strings.NewReader(string(out)), 4096)
	for {
		var obj map[string]any
		if err := decoder.Decode(&obj); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if obj != nil {
			objects = append(objects, obj)
		}
	}
	return objects
}

// minKubeVersion is the lowest Kubernetes the chart's kubeVersion admits: helm template checks it
// against its own default (older), as libs/helm's minKubeVersion does for the lab.
func minKubeVersion(t *testing.T, chart string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(chart, "Chart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	match := regexp.MustCompile(`(?m)^kubeVersion:\s*['"]?>=\s*v?(\d+\.\d+\.\d+)`).FindSubmatch(text)
	if match == nil {
		t.Fatalf("%s/Chart.yaml: kubeVersion must start with >=X.Y.Z", chart)
	}
	return string(match[1])
}

// findHelm looks where the chart tests do: HELM_BIN, PATH, then $(go env GOPATH)/bin.
func findHelm(t *testing.T) string {
	if bin := os.Getenv("HELM_BIN"); bin != "" {
		return bin
	}
	if bin, err := exec.LookPath("helm"); err == nil {
		return bin
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(strings.TrimSpace(string(gopath)), "bin", "helm")
}

// istioObjects keeps the chart's DestinationRule and VirtualService, in the release namespace.
func istioObjects(rendered []map[string]any) []map[string]any {
	var out []map[string]any
	for _, obj := range rendered {
		if kind := obj["kind"]; kind == "DestinationRule" || kind == "VirtualService" {
			obj["metadata"].(map[string]any)["namespace"] = testNamespace
			out = append(out, obj)
		}
	}
	return out
}

// chartService is the chart's server Service (it also renders one for the client) in the release namespace, with the cluster IP the API
// server would assign.
func chartService(rendered []map[string]any) map[string]any {
	for _, obj := range rendered {
		if obj["kind"] == "Service" && obj["metadata"].(map[string]any)["name"] == "istio-grpc-server" {
			obj["metadata"].(map[string]any)["namespace"] = testNamespace
			obj["spec"].(map[string]any)["clusterIP"] = "10.96.0.10"
			return obj
		}
	}
	return nil
}

type testPod struct {
	name, version, ip string
	port              int
}

// labObjects is what the lab sends: Namespace, Service, one Pod and one EndpointSlice per pod,
// and the Istio objects.
func labObjects(rendered []map[string]any, pods []testPod) []map[string]any {
	objects := []map[string]any{
		{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": testNamespace}},
		chartService(rendered),
		// The client's own pod: Istio finds a proxy's pod by the name in its node ID.
		podObject(testPod{name: clientPod, version: "v1", ip: "127.0.0.1", port: 8080}, "istio-grpc-client"),
	}
	for _, pod := range pods {
		objects = append(objects, podObject(pod, "istio-grpc-server"), sliceObject(pod))
	}
	return append(objects, istioObjects(rendered)...)
}

func podObject(pod testPod, app string) map[string]any {
	return map[string]any{
		"apiVersion": "v1", "kind": "Pod",
		"metadata": map[string]any{"name": pod.name, "namespace": testNamespace,
			"labels": map[string]any{"app": app, "version": pod.version}},
		"spec": map[string]any{"containers": []any{map[string]any{"name": "app",
			"ports": []any{map[string]any{"name": "grpc", "containerPort": pod.port}}}}},
		"status": map[string]any{"phase": "Running", "podIP": pod.ip,
			"conditions": []any{map[string]any{"type": "Ready", "status": "True"}}},
	}
}

func sliceObject(pod testPod) map[string]any {
	return map[string]any{
		"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
		"metadata": map[string]any{"name": "istio-grpc-server-" + pod.name, "namespace": testNamespace,
			"labels": map[string]any{"kubernetes.io/service-name": "istio-grpc-server"}},
		"addressType": "IPv4",
		"ports":       []any{map[string]any{"name": "grpc-backend", "port": pod.port, "protocol": "TCP"}},
		"endpoints": []any{map[string]any{"addresses": []any{pod.ip},
			"conditions": map[string]any{"ready": true},
			"targetRef":  map[string]any{"kind": "Pod", "name": pod.name, "namespace": testNamespace}}},
	}
}

// setWeights rewrites the VirtualService's route weights in place (v1 first, as the chart renders).
func setWeights(objects []map[string]any, weights ...int) {
	for _, obj := range objects {
		if obj["kind"] != "VirtualService" {
			continue
		}
		route := obj["spec"].(map[string]any)["http"].([]any)[0].(map[string]any)["route"].([]any)
		for i, w := range weights {
			route[i].(map[string]any)["weight"] = w
		}
	}
}
