"""Help and usage errors as people read them, in their language, through Typer's public classes.

Typer 0.29 carries its own copy of Click whose messages are English f-strings ("Missing argument",
"Try ... for help.", "Usage:"), and Click before it looked them up in gettext's process-wide
domain (no public way to hand it one application's catalog: fastapi/typer#540, pallets/click#2706).
So nothing of theirs is patched: the app's group and commands are our subclasses, given to Typer
with `cls=`, overriding Click's public methods —

- help texts stay English msgids in the command objects and are translated when help is written
  (format_help_text, format_options, format_commands), each command's whole summary in the list;
- the usage line and argument names read as people read them: `FILE...`, `[FILE...]`;
- extra arguments and unknown commands are refused in our words (parse_args, resolve_command);
- HelpGroup.main runs Click with standalone_mode=False and writes its usage errors itself, from
  each error's class and public attributes (param, option_name, possibilities), in the user's
  language: usage line, "Try 'itareport build --help' for help.", "Error: ...".
"""

from __future__ import annotations

import difflib
import inspect
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core

from .i18n import N_, _

# Words of Typer's that reach the user only through HelpGroup (its own gettext lookups).
TYPER_MESSAGES = (N_("Missing command."), N_("Aborted!"), N_("Show this message and exit."))


def translated(text: str | None) -> str:
    """A help text (an English msgid) in the user's language."""
    return _(inspect.cleandoc(text)) if text else ""


def argument_name(param: Any) -> str:
    """FILE, FILE... (several), as the help lists it."""
    name: str = param.metavar or param.name.upper()
    return name + ("..." if param.nargs != 1 else "")


def option_name(param: Any) -> str:
    """The option as people type it: '-o/--output', '--to'."""
    return "/".join(param.opts)


def _help_record(param: Any) -> tuple[str, str] | None:
    """(name column, help column) of an argument or option, in the user's language."""
    if getattr(param, "hidden", False):
        return None
    extra = []
    if param.param_type_name == "argument":
        name = argument_name(param)
    else:
        opts = sorted(param.opts, key=lambda o: o.startswith("--"))
        name = ", ".join(opts)
        if not param.is_flag:
            name += " " + (param.metavar or param.name.upper())
            if param.show_default and isinstance(param.default, str) and param.default:
                extra.append(_("default: {default}").format(default=param.default))
    if param.required:
        extra.append(_("required"))
    text = translated(param.help)
    if extra:
        text = f"{text}  [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"
    return name, text


class _Readable:
    """What the group and the commands share: usage, help text and options in the user's language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage:") + " ")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []  # type: ignore[attr-defined]
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            if param.param_type_name == "argument":
                pieces.append(argument_name(param) if param.required else f"[{argument_name(param)}]")
        return pieces

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        text = translated(self.help).partition("\f")[0]  # type: ignore[attr-defined]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        records: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = _help_record(param)
            if record is not None:
                records[param.param_type_name].append(record)
        for kind, title in (("argument", _("Arguments")), ("option", _("Options"))):
            if records[kind]:
                with formatter.section(title):
                    formatter.write_dl(records[kind])


class HelpCommand(_Readable, typer.core.TyperCommand):
    """A command: help in the user's language; extra arguments refused in our words."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # so that the leftovers come back here instead of Click's English
        rest = super().parse_args(ctx, args)
        if rest and not ctx.resilient_parsing:
            ctx.fail(_("unexpected extra arguments: {args} (put quotes around a name with spaces)").format(
                args=" ".join(rest)))
        return rest


class HelpGroup(_Readable, typer.core.TyperGroup):
    """The app: help and its list of commands in the user's language; Click's errors written by main()."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first paragraph, never cut with '...'."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, " ".join(translated(command.help).split("\n\n")[0].split())))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            message = _("no such command '{name}'").format(name=name)
            if close:
                message += _(" (did you mean {names}?)").format(names=", ".join(close))
            ctx.fail(message)
        return super().resolve_command(ctx, args)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the app; a usage error is written here in the user's language (exit 2), and the command's
        exit code is the process's (or returned, with standalone_mode=False)."""
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except typer.TyperException as exc:  # Click's errors (UsageError and its kinds) derive from it
            write_usage_error(exc)
            code = getattr(exc, "exit_code", 2)
        except typer.Abort:
            print(_("Aborted!"), file=sys.stderr)
            code = 1
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _kinds(exc: BaseException) -> set[str]:
    """The names of the error's classes: Click's documented exception names, whichever copy raised it."""
    return {cls.__name__ for cls in type(exc).__mro__}


def usage_error_message(exc: Any) -> str:
    """What a Click usage error says, in the user's language (from its class and public attributes)."""
    kinds = _kinds(exc)
    param = getattr(exc, "param", None)
    if "MissingParameter" in kinds and param is not None:
        if param.param_type_name == "argument":
            return _("missing argument {name}").format(name=argument_name(param))
        return _("missing option {name}").format(name=option_name(param))
    if "NoSuchOption" in kinds:
        message = _("no such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            message += _(" (did you mean {names}?)").format(names=", ".join(sorted(exc.possibilities)))
        return message
    if "BadOptionUsage" in kinds:
        if "does not take a value" in exc.message:
            return _("{option} takes no value").format(option=exc.option_name)
        return _("{option} needs a value").format(option=exc.option_name)
    if "BadParameter" in kinds and param is not None:
        name = argument_name(param) if param.param_type_name == "argument" else option_name(param)
        return _("invalid value for {name}: {message}").format(name=name, message=_(exc.message))
    return _(exc.message)


def write_usage_error(exc: Any) -> None:
    """Click's usage error as Click lays it out (usage, the help hint, the error), in our words."""
    ctx = getattr(exc, "ctx", None)
    lines = []
    if "NoArgsIsHelpError" in _kinds(exc) and ctx is not None:
        print(ctx.get_help(), file=sys.stderr)
        return
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_("Try '{command} {option}' for help.").format(command=ctx.command_path,
                                                                      option=ctx.help_option_names[0]))
        lines.append("")
    lines.append(_("Error: {message}").format(message=usage_error_message(exc)))
    print("\n".join(lines), file=sys.stderr)


def global_options(argv: Sequence[str]) -> tuple[list[str], bool]:
    """--lang and --no-color may be written anywhere (itareport validate --lang th): the app reads them
    before parsing. The arguments without them, and whether --no-color was given."""
    out: list[str] = []
    skip, no_color = False, False
    for i, arg in enumerate(argv):
        if arg == "--":
            out += argv[i:]
            break
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif arg == "--no-color":
            no_color = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out, no_color
