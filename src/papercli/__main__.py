"""`python -m papercli`."""

from papercli.cli import main

if __name__ == "__main__":
    main()
