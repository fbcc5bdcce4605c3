package main

import (
	"regexp"

	"go.uber.org/zap/zapcore"

	"istio.io/istio/pkg/log"
)

// noise is what the in-memory cluster makes Istio log at every start and that says nothing about
// the user's objects: the fake Gateway API CRDs carry no bundle-version annotation.
var noise = regexp.MustCompile(`^CRD \S+gateway\.networking\.k8s\.io expected to have a \S+ annotation`)

// configureLogging sends Istio's logs to stderr (stdout is the protocol) at level, without noise.
func configureLogging(level string) error {
	opts := log.DefaultOptions()
	opts.OutputPaths = []string{"stderr"}
	opts.SetDefaultOutputLevel(log.OverrideScopeName, log.StringToLevel(level))
	opts.WithExtension(func(c zapcore.Core) (zapcore.Core, func() error, error) {
		return quietCore{c}, func() error { return nil }, nil
	})
	return log.Configure(opts)
}

type quietCore struct{ zapcore.Core }

func (q quietCore) With(fields []zapcore.Field) zapcore.Core { return quietCore{q.Core.With(fields)} }

func (q quietCore) Check(entry zapcore.Entry, checked *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if noise.MatchString(entry.Message) {
		return checked
	}
	return q.Core.Check(entry, checked)
}

// Write is filtered too: Istio's scopes write to the core without checking first.
func (q quietCore) Write(entry zapcore.Entry, fields []zapcore.Field) error {
	if noise.MatchString(entry.Message) {
		return nil
	}
	return q.Core.Write(entry, fields)
}
