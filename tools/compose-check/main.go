// Command compose-check loads and validates Compose files the way `docker compose config` does —
// with compose-go, the loader docker compose itself uses — and prints the resolved model. It lets
// machines without the Docker CLI plugin check docker-compose.dev.yml (tools/test runs it).
//
//	go run ./tools/compose-check docker-compose.dev.yml
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check FILE [FILE...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(os.Args[1:], cli.WithOsEnv, cli.WithName("ticketing"))
	if err != nil {
		fail(err)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	resolved, err := project.MarshalYAML()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(resolved)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
