"""The itareport command (and `python -m itareport`): the stop signals held from the first moment (a Ctrl+C
or CI's cancel during the imports is noted, not a traceback: stopping.hold_stop_signals), then the CLI."""

from .stopping import hold_stop_signals


def main() -> None:
    hold_stop_signals()
    from .cli import main as cli_main  # lazy: imported once the signals are held

    cli_main()


if __name__ == "__main__":
    main()
