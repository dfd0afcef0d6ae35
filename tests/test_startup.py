"""Start-up time's rules (docs/architecture.md; benchmarks/startup.py times them): the garbage collector paused
by the entry point until a command's work starts, then frozen and on again; the patterns that take milliseconds
to compile compiled only when first used. In-process: the collector's state and the pattern cache are what is
tested, not a process's exit."""

import gc

import itareport.__main__ as entry
import itareport.commands.validate as validate_command
from helpers import DATA, run_cli
from itareport import cli, periods, yaml_writer
from itareport.patterns import compiled
from itareport.periods import parse_period
from itareport.validate import validate_file
from itareport.yaml_writer import is_plain_safe


def _state_at_work(monkeypatch) -> dict:
    """The collector's state when `validate`'s work starts (commands.validate.validate is called)."""
    seen: dict = {}
    real = validate_command.validate

    def probe(*args, **kwargs):
        seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_command, "validate", probe)
    return seen


def test_the_entry_point_pauses_the_collector_before_the_imports(monkeypatch):
    seen = {}
    monkeypatch.setattr(entry, "hold_stop_signals", lambda: None)  # the test process keeps its handlers
    monkeypatch.setattr(cli, "main", lambda: seen.update(enabled=gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.enable()
    assert seen == {"enabled": False}


def test_the_collector_paused_for_start_up_is_on_again_when_the_work_starts(monkeypatch):
    seen = _state_at_work(monkeypatch)
    gc.disable()  # as __main__ leaves it
    try:
        result = run_cli("validate", DATA)
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
    assert result.returncode == 0, result.stdout + result.stderr
    assert seen["enabled"] is True
    assert seen["frozen"] > 10_000  # start-up's objects: out of every later collection's way


def test_a_command_run_with_the_collector_on_leaves_it_alone(monkeypatch):
    """An in-process run (the tests, an embedding program) neither freezes nor changes the collector."""
    seen = _state_at_work(monkeypatch)
    frozen = gc.get_freeze_count()
    result = run_cli("validate", DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    assert seen == {"enabled": True, "frozen": frozen}
    assert gc.get_freeze_count() == frozen


def test_the_slow_patterns_are_compiled_when_first_used_and_then_kept():
    # kept as text by their modules: importing them compiles nothing
    slow = (periods._RANGE, periods._SINGLE, periods._FISCAL, periods._QUARTER, periods._DATE_LINE,
            *periods._MONTH_PATTERNS, yaml_writer._RAW_OK)
    assert all(isinstance(pattern, str) for pattern in slow)
    compiled.cache_clear()
    checked = validate_file(DATA)  # its periods are fiscal-year and {from, to}: no text period to read
    assert checked.diagnostics == []
    assert compiled.cache_info().currsize == 0
    assert parse_period("ต.ค. 67 - ก.ย. 68", 2568).value == {"from": "2567-10", "to": "2568-09"}
    assert is_plain_safe("ข้อความไทย") and not is_plain_safe("ข้อความ\x01")  # which characters may stand raw
    used = compiled.cache_info()
    assert used.currsize > 0
    assert parse_period("ไตรมาสที่ 2", 2568).value == {"from": "2568-01", "to": "2568-03"}
    again = compiled.cache_info()
    assert again.hits > used.hits and again.currsize == used.currsize  # compiled once, then kept
