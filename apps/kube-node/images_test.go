package main

import (
	"reflect"
	"strings"
	"testing"
)

func testTable() *imageTable {
	return &imageTable{Images: map[string]imageConfig{
		"istio-grpc-server": {Entrypoint: []string{"/bin/greeter-server"}, Cmd: []string{"--address=0.0.0.0:8080"}},
		"istio-grpc-client": {Cmd: []string{"/bin/sleep", "3650d"}},
	}}
}

func TestImageKeyIgnoresRegistryTagAndDigest(t *testing.T) {
	for _, image := range []string{
		"registry.cn-hangzhou.aliyuncs.com/aliacs-app-catalog/istio-grpc-server",
		"istio-grpc-server:v1",
		"localhost:5000/istio-grpc-server@sha256:abc",
	} {
		if got := imageKey(image); got != "istio-grpc-server" {
			t.Errorf("imageKey(%q) = %q", image, got)
		}
	}
}

func TestArgvFollowsEntrypointAndCmdRules(t *testing.T) {
	table := testTable()
	cases := []struct {
		name          string
		image         string
		command, args []string
		want          []string
	}{
		{"image defaults", "istio-grpc-server", nil, nil, []string{"/bin/greeter-server", "--address=0.0.0.0:8080"}},
		{"args replace CMD", "istio-grpc-server", nil, []string{"--address=0.0.0.0:9090"}, []string{"/bin/greeter-server", "--address=0.0.0.0:9090"}},
		{"command drops CMD", "istio-grpc-client", []string{"/bin/sleep", "1"}, nil, []string{"/bin/sleep", "1"}},
		{"command and args", "istio-grpc-client", []string{"/bin/greeter-client"}, []string{"--repeat=1"}, []string{"/bin/greeter-client", "--repeat=1"}},
	}
	for _, c := range cases {
		got, err := table.argv(c.image, c.command, c.args)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: argv = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

func TestUnknownImageNamesTheImagesThisNodeRuns(t *testing.T) {
	_, err := testTable().argv("nginx:1.27", nil, nil)
	if err == nil || !strings.Contains(err.Error(), "it runs istio-grpc-client, istio-grpc-server") {
		t.Fatalf("err = %v", err)
	}
}

func TestLastLines(t *testing.T) {
	data := []byte("a\nb\nc\n")
	if got := string(lastLines(data, 2)); got != "b\nc\n" {
		t.Errorf("lastLines(2) = %q", got)
	}
	if got := string(lastLines(data, 0)); got != "a\nb\nc\n" {
		t.Errorf("lastLines(0) = %q", got)
	}
}
