"""Help texts as people read them, in their language: argument names, Usage:, --help's line.

Typer evaluates help texts when the click command is made; cli.localized() translates them from
the English msgids kept here (msgid) and then calls readable_help() on the command tree.
"""

from __future__ import annotations

import typer.core

from .i18n import _


def readable_help(command: typer.core.TyperGroup) -> None:
    """Arguments shown as people read them: 'FILE...' and '[FILE...]', not 'FILE <list[Path]>' or '{FILE}';
    'Usage:' and --help's line in the user's language (Typer's copy of Click has them in English only)."""
    for sub in getattr(command, "commands", {}).values():
        readable_help(sub)
    usage = command.format_usage.__func__ if hasattr(command.format_usage, "__func__") else None
    if usage is not None:
        command.format_usage = lambda ctx, formatter, c=command: formatter.write_usage(
            ctx.command_path, " ".join(c.collect_usage_pieces(ctx)), prefix=_("Usage:") + " ")
    help_option = command.get_help_option
    command.get_help_option = lambda ctx, get=help_option: _translated_help(get(ctx))
    for param in command.params:
        if isinstance(param, typer.core.TyperArgument):
            name = param.metavar or param.name.upper()
            shown = name + ("..." if param.nargs != 1 else "")
            param._rich_display_name = lambda shown=shown: shown
            param._usage_display_name = lambda shown=shown, p=param: shown if p.required else f"[{shown}]"
            param.display_type_rich = lambda ctx=None: ""


def _translated_help(option):
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


def msgid(obj, attribute: str) -> str:
    """The English text first given (kept, since localized() may run again in another language)."""
    if not hasattr(obj, "_itareport_msgid"):
        obj._itareport_msgid = getattr(obj, attribute)
    return obj._itareport_msgid


def drop_lang(argv: list[str]) -> list[str]:
    """--lang may be written after the command too (itareport validate --lang th): the app reads it first."""
    out, skip = [], False
    for _i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out
