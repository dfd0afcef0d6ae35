"""The itareport command (and `python -m itareport`): the stop signals held from the first moment (a Ctrl+C
or CI's cancel during the imports is noted, not a traceback: stopping.hold_stop_signals), then the CLI.

The garbage collector is paused for start-up (the imports, Typer's app, the parsing of the arguments): the
objects it makes live as long as the process, and the collector would walk them again and again for nothing.
cli.run, where the command's work starts, moves them out of its reach (gc.freeze: no later collection walks
them, nor the last one at exit) and turns it back on: about 25 ms of `validate`'s 0.2 s."""

import gc

from .stopping import hold_stop_signals


def main() -> None:
    hold_stop_signals()
    gc.disable()  # until cli.run
    from .cli import main as cli_main  # lazy: imported once the signals are held

    cli_main()


if __name__ == "__main__":
    main()
