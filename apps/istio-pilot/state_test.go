package main

import (
	"strings"
	"testing"
)

func TestParseStateRejectsWhatTheLabMustNotSend(t *testing.T) {
	pod := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns"}}`
	for _, tc := range []struct{ line, want string }{
		{`not json`, "not a state line"},
		{`{"items":[]}`, `no "objects" array`},
		{`{"objects":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}]}`, "Pod p: metadata.namespace is required"},
		{`{"objects":[` + pod + `,` + pod + `]}`, "Pod ns/p appears twice"},
		{`{"objects":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"ns"}}]}`, "v1 ConfigMap: unsupported kind"},
		{`{"objects":[{"apiVersion":"gateway.networking.k8s.io/v1","kind":"TLSRoute","metadata":{"name":"r","namespace":"ns"}}]}`, "unsupported kind"},
	} {
		if _, err := parseState([]byte(tc.line)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseState(%s) = %v, want an error containing %q", tc.line, err, tc.want)
		}
	}
}

func TestParseStateGivesIstioConfigsTheClusterDomain(t *testing.T) {
	s, err := parseState([]byte(`{"objects":[{"apiVersion":"networking.istio.io/v1","kind":"DestinationRule",
		"metadata":{"name":"dr","namespace":"ns"},"spec":{"host":"istio-grpc-server"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, obj := range s {
		if obj.istio == nil || obj.istio.Domain != "cluster.local" {
			t.Errorf("%v: config %+v, want Domain cluster.local", obj.key, obj.istio)
		}
	}
}
