// Command grpc-go-greeter is the bench's yardstick for greeter-server: grpc-go's helloworld Greeter
// with the same flags and the same "hostname" and "version" response headers, so that ghz measures
// both servers doing the same work per call. Its keepalive enforcement is grpc-go's own, the reference
// greeter-server's is tested against. It is not shipped: only the bench and tests run it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"google.golang.org/grpc"
	pb "google.golang.org/grpc/examples/helloworld/helloworld"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
)

type greeter struct {
	pb.UnimplementedGreeterServer
	headers    metadata.MD
	replyDelay time.Duration
}

func (g *greeter) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	time.Sleep(g.replyDelay)
	if err := grpc.SetHeader(ctx, g.headers); err != nil {
		return nil, err
	}
	return &pb.HelloReply{Message: "Hello " + in.GetName()}, nil
}

// printListening writes the line greeter-server prints once bound, so one reader serves both.
func printListening(addr *net.TCPAddr) {
	line, _ := json.Marshal(map[string]any{"msg": "listening", "address": addr.String(), "port": addr.Port})
	os.Stdout.Write(append(line, '\n'))
}

func main() {
	host, _ := os.Hostname()
	address := flag.String("address", "127.0.0.1:0", "listen on host:port (port 0 = any free port)")
	hostname := flag.String("hostname", host, `value of the "hostname" response header`)
	version := flag.String("service-version", "v1", `value of the "version" response header`)
	replyDelay := flag.Duration("reply-delay", 0, "answer each SayHello after this long, sending nothing meanwhile")
	minTime := flag.Duration("keepalive-min-time", 5*time.Minute, "keepalive.EnforcementPolicy.MinTime")
	permitWithoutStream := flag.Bool("keepalive-permit-without-stream", false, "keepalive.EnforcementPolicy.PermitWithoutStream")
	flag.Parse()

	lis, err := net.Listen("tcp", *address)
	if err != nil {
		log.Fatalf("grpc-go-greeter: %v", err)
	}
	server := grpc.NewServer(grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
		MinTime:             *minTime,
		PermitWithoutStream: *permitWithoutStream,
	}))
	headers := metadata.Pairs("hostname", *hostname, "version", *version)
	pb.RegisterGreeterServer(server, &greeter{headers: headers, replyDelay: *replyDelay})
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-signals
		server.Stop()
	}()
	printListening(lis.Addr().(*net.TCPAddr))
	if err := server.Serve(lis); err != nil {
		log.Fatalf("grpc-go-greeter: %v", err)
	}
}
