package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// probeTarget is what a probe needs to know of its pod.
type probeTarget struct {
	netns, hostname, hostsFile, resolvConf, ip string
	ports                                      []corev1.ContainerPort
}

// runProbe runs one probe once, as the kubelet does: exec in the container (here: in the pod's
// namespaces, the command at its path), gRPC health, TCP connect or HTTP GET to the pod's address.
func runProbe(ctx context.Context, probe *corev1.Probe, target probeTarget) error {
	timeout := time.Duration(max(probe.TimeoutSeconds, 1)) * time.Second
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	switch {
	case probe.Exec != nil:
		cmd := podCommand(target, nil, probe.Exec.Command)
		if out, err := commandOutput(ctx, cmd); err != nil {
			return fmt.Errorf("exec %v: %v: %s", probe.Exec.Command, err, out)
		}
		return nil
	case probe.GRPC != nil:
		return grpcHealth(ctx, net.JoinHostPort(target.ip, strconv.Itoa(int(probe.GRPC.Port))), probe.GRPC.Service)
	case probe.TCPSocket != nil:
		port, err := resolvePort(probe.TCPSocket.Port, target.ports)
		if err != nil {
			return err
		}
		conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", net.JoinHostPort(target.ip, port))
		if err != nil {
			return err
		}
		return conn.Close()
	case probe.HTTPGet != nil:
		return httpGet(ctx, probe.HTTPGet, target)
	}
	return fmt.Errorf("probe has no handler")
}

func grpcHealth(ctx context.Context, address string, service *string) error {
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	request := &healthpb.HealthCheckRequest{}
	if service != nil {
		request.Service = *service
	}
	response, err := healthpb.NewHealthClient(conn).Check(ctx, request)
	if err != nil {
		return err
	}
	if response.Status != healthpb.HealthCheckResponse_SERVING {
		return fmt.Errorf("service unhealthy (responded with %q)", response.Status)
	}
	return nil
}

func httpGet(ctx context.Context, get *corev1.HTTPGetAction, target probeTarget) error {
	port, err := resolvePort(get.Port, target.ports)
	if err != nil {
		return err
	}
	url := fmt.Sprintf("http://%s%s", net.JoinHostPort(target.ip, port), get.Path)
	request, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		return err
	}
	defer response.Body.Close()
	if response.StatusCode < 200 || response.StatusCode >= 400 {
		return fmt.Errorf("HTTP probe failed with statuscode: %d", response.StatusCode)
	}
	return nil
}

// resolvePort turns a named port into its number, as probes and Services allow.
func resolvePort(port intstr.IntOrString, ports []corev1.ContainerPort) (string, error) {
	if port.Type == intstr.Int {
		return strconv.Itoa(port.IntValue()), nil
	}
	for _, p := range ports {
		if p.Name == port.StrVal {
			return strconv.Itoa(int(p.ContainerPort)), nil
		}
	}
	return "", fmt.Errorf("no port named %q", port.StrVal)
}
