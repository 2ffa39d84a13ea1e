"""The commands of the command line, one module per family; `papercli.cli` gathers them."""
