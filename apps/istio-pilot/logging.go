package main

import (
	"istio.io/istio/pkg/log"
)

// configureLogging sends Istio's logs to stderr (stdout is the protocol) at level.
func configureLogging(level string) error {
	opts := log.DefaultOptions()
	opts.OutputPaths = []string{"stderr"}
	opts.SetDefaultOutputLevel(log.OverrideScopeName, log.StringToLevel(level))
	return log.Configure(opts)
}
