// Command coredns is the cluster's DNS server: CoreDNS with the plugins the cluster's Corefile
// names and no others (the full set brings cloud SDKs the cluster never calls). The plugins'
// order in a server block comes from CoreDNS's own directive list, not from this import list.
package main

import (
	"github.com/coredns/coredns/coremain"
	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/template"
)

func main() {
	coremain.Run()
}
