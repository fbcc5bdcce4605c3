// istio-pilot runs Istio's own pilot discovery server (config translation, debounced pushes, the
// proxyless gRPC generator) over an in-memory Kubernetes, fed with objects on stdin, so the lab can
// ask what istiod would serve its clients. See usage for the protocol.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"istio.io/istio/pkg/log"
	"istio.io/istio/pkg/test"
)

const usage = `Usage: istio-pilot [--address=127.0.0.1:0] [--log-level=warn]

Serves Istio's ADS (xDS) on --address for the objects read from stdin.
stdin:  one JSON line per desired state, {"objects":[...]}: Namespace, Service, Pod, EndpointSlice and
        Istio configs (DestinationRule, VirtualService, ...). Every line is the FULL state; it is diffed
        against the previous one and applied through a fake Kubernetes client and Istio's config store.
stdout: JSON lines: {"event":"listening","address":"host:port"} once the first good state is served,
        {"event":"applied","generation":N} after each later one, {"event":"rejected","generation":N,
        "error":"..."} for an invalid one (the last good state stays). N counts lines from 1.
stderr: Istio's logs. Exits 0 when stdin closes or on SIGTERM/SIGINT.

Flags:
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("istio-pilot", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	address := flags.String("address", "127.0.0.1:0", "where to serve ADS (port 0 picks a free one)")
	logLevel := flags.String("log-level", "warn", "Istio's log level: debug, info, warn, error or none")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			flags.SetOutput(stdout)
			fmt.Fprint(stdout, usage)
			flags.PrintDefaults()
			return 0
		}
		fmt.Fprintf(stderr, "istio-pilot: %v (see --help)\n", err)
		return 2
	}
	if log.LevelToString(log.StringToLevel(*logLevel)) != *logLevel {
		fmt.Fprintf(stderr, "istio-pilot: invalid --log-level %q (see --help)\n", *logLevel)
		return 2
	}
	if err := configureLogging(*logLevel); err != nil {
		fmt.Fprintf(stderr, "istio-pilot: %v\n", err)
		return 1
	}
	if err := serve(ctx, *address, stdin, newEvents(stdout)); err != nil {
		fmt.Fprintf(stderr, "istio-pilot: %v\n", err)
		return 1
	}
	return 0
}

// serve applies each stdin line until stdin closes, ctx ends, or Istio fails.
func serve(ctx context.Context, address string, stdin io.Reader, out *events) error {
	f := newFailer()
	defer f.cleanup()
	ds, err := startDiscovery(f, address)
	if err != nil {
		return err
	}
	pilot := newApplier(ds.KubeClient(), ds.Store())
	ds.KubeClient().RunAndWait(test.NewStop(f)) // starts the applier's informers
	lines := readLines(stdin)
	served := false
	for generation := 1; ; generation++ {
		var line []byte
		select {
		case <-ctx.Done():
			return nil
		case err := <-f.fatal:
			return err
		case next, open := <-lines:
			if !open {
				return nil
			}
			line = next
		}
		desired, err := parseState(line)
		if err != nil {
			out.rejected(generation, err)
			continue
		}
		if err := pilot.apply(desired); err != nil {
			return err
		}
		if err := waitPushed(ds); err != nil {
			return err
		}
		if served {
			out.applied(generation)
		} else {
			out.listening(ds.Listener.Addr().String())
			served = true
		}
	}
}

// readLines delivers stdin line by line (any length) and closes the channel at EOF.
func readLines(r io.Reader) <-chan []byte {
	lines := make(chan []byte)
	go func() {
		defer close(lines)
		reader := bufio.NewReader(r)
		for {
			line, err := reader.ReadBytes('\n')
			if len(line) > 0 {
				lines <- line
			}
			if err != nil {
				return
			}
		}
	}()
	return lines
}
