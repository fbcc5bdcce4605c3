package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

// failer lets Istio's test harness (which reports through a testing.T) run inside a program: a fatal
// error ends the calling goroutine, as testing.T does, and is handed to whoever waits on fatal.
type failer struct {
	mu       sync.Mutex
	cleanups []func()
	once     sync.Once
	fatal    chan error
}

func newFailer() *failer {
	return &failer{fatal: make(chan error, 1)}
}

func (f *failer) fail(message string) {
	f.once.Do(func() { f.fatal <- fmt.Errorf("%s", message) })
	runtime.Goexit()
}

func (f *failer) Fail()                          { f.fail("failed") }
func (f *failer) FailNow()                       { f.fail("failed") }
func (f *failer) Fatal(args ...any)              { f.fail(fmt.Sprint(args...)) }
func (f *failer) Fatalf(format string, a ...any) { f.fail(fmt.Sprintf(format, a...)) }
func (f *failer) Skip(args ...any)               { f.fail(fmt.Sprint(args...)) }
func (f *failer) Log(...any)                     {}
func (f *failer) Logf(string, ...any)            {}
func (f *failer) Helper()                        {}

func (f *failer) TempDir() string {
	dir, err := os.MkdirTemp("", "istio-pilot-")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func (f *failer) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}

// cleanup runs the registered functions last first, as testing.T does at the end of a test.
func (f *failer) cleanup() {
	f.mu.Lock()
	fns := f.cleanups
	f.cleanups = nil
	f.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
}
