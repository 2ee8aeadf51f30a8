"""The command-line subcommands, one module each, over the core."""
