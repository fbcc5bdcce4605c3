package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// imageTable is what this node knows instead of a container runtime: for each image it can run,
// the image's ENTRYPOINT and CMD, and the programs those images put on /bin (each a built app of
// this repo, run with node). images.json is the one list; the docs name it.
type imageTable struct {
	Images   map[string]imageConfig `json:"images"`
	Programs map[string]string      `json:"programs"`
}

type imageConfig struct {
	Entrypoint []string `json:"entrypoint"`
	Cmd        []string `json:"cmd"`
}

func loadImageTable(path string) (*imageTable, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var table imageTable
	if err := json.Unmarshal(data, &table); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &table, nil
}

// imageKey is an image reference without registry, path, tag or digest: the tutorial's
// registry.cn-hangzhou.aliyuncs.com/aliacs-app-catalog/istio-grpc-server and a local
// istio-grpc-server:v1 are the same program here.
func imageKey(image string) string {
	name, _, _ := strings.Cut(image, "@")
	name = name[strings.LastIndex(name, "/")+1:]
	name, _, _ = strings.Cut(name, ":")
	return name
}

// argv resolves a container's command line the way a container runtime does: command replaces
// the ENTRYPOINT, args replace the CMD, and a command without args drops the CMD.
func (t *imageTable) argv(image string, command, args []string) ([]string, error) {
	config, ok := t.Images[imageKey(image)]
	if !ok {
		return nil, fmt.Errorf("image %q is not one this node runs (it runs %s)", image, strings.Join(t.imageNames(), ", "))
	}
	entrypoint, cmd := config.Entrypoint, config.Cmd
	if len(command) > 0 {
		entrypoint, cmd = command, nil
	}
	if len(args) > 0 {
		cmd = args
	}
	argv := append(append([]string{}, entrypoint...), cmd...)
	if len(argv) == 0 {
		return nil, fmt.Errorf("image %q has no command to run", image)
	}
	return argv, nil
}

func (t *imageTable) imageNames() []string {
	names := make([]string, 0, len(t.Images))
	for name := range t.Images {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// writeProgramWrappers writes /bin-style wrappers (as the images' Dockerfiles do: a shell script
// that execs node, so signals reach node) into dir, which the cluster's mount namespace overlays
// on /usr/bin: the tutorial's paths (/bin/greeter-client, /bin/grpc_health_probe) then exist for
// every pod, for exec probes and `kubectl exec` alike.
func (t *imageTable) writeProgramWrappers(dir, nodeBinary, distDir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, script := range t.Programs {
		wrapper := fmt.Sprintf("#!/bin/sh\nexec %q %q \"$@\"\n", nodeBinary, filepath.Join(distDir, script))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(wrapper), 0o755); err != nil {
			return err
		}
	}
	return nil
}
