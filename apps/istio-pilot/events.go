package main

import (
	"encoding/json"
	"io"
	"strings"
	"sync"
)

// events writes the protocol's stdout: one JSON object a line, nothing else.
type events struct {
	mu  sync.Mutex
	out *json.Encoder
}

type event struct {
	Event      string `json:"event"`
	Address    string `json:"address,omitempty"`
	Generation int    `json:"generation,omitempty"`
	Error      string `json:"error,omitempty"`
}

func newEvents(w io.Writer) *events {
	return &events{out: json.NewEncoder(w)}
}

func (e *events) emit(ev event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	_ = e.out.Encode(ev)
}

func (e *events) listening(address string) { e.emit(event{Event: "listening", Address: address}) }

func (e *events) applied(generation int) { e.emit(event{Event: "applied", Generation: generation}) }

func (e *events) rejected(generation int, err error) {
	oneLine := strings.Join(strings.Fields(err.Error()), " ")
	e.emit(event{Event: "rejected", Generation: generation, Error: oneLine})
}
