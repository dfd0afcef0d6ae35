"""Test helpers, one module per concern; import them from here: `from helpers import DATA, run_cli`."""

from .cli import CODE_SUFFIX, Ran, diagnostic_lines, invoke, run_cli, run_in_terminal, run_process, without_codes
from .data import VALID, readme_x_yaml, readme_yaml, write_data
from .docx import (
    LATIN_OR_URL,
    LETTERHEAD_FOOTER,
    LETTERHEAD_HEADER,
    LOGO_COLOUR,
    NS,
    W,
    audit_errors,
    body_paragraphs,
    make_letterhead,
    paragraph_text,
    part,
    png_bytes,
    table_rows,
)
from .paths import CLI_ENV, DATA, ROOT, TEST_DATA
from .render import CHROMIUM, CHROMIUM_FLAGS, chromium, libreoffice_convert, pdf_fonts, pdf_info
from .seed import (
    HEADER_START,
    LEADING_NUMBER,
    MARKER,
    TAG,
    THAI_TO_ARABIC,
    corrected,
    corrections,
    normalise,
    seed_table,
)

__all__ = ['CHROMIUM', 'CHROMIUM_FLAGS', 'CLI_ENV', 'CODE_SUFFIX', 'DATA', 'HEADER_START', 'LATIN_OR_URL', 'LEADING_NUMBER', 'LETTERHEAD_FOOTER', 'LETTERHEAD_HEADER', 'LOGO_COLOUR', 'MARKER', 'NS', 'ROOT', 'TAG', 'TEST_DATA', 'THAI_TO_ARABIC', 'VALID', 'Ran', 'W', 'audit_errors', 'body_paragraphs', 'chromium', 'corrected', 'corrections', 'diagnostic_lines', 'invoke', 'libreoffice_convert', 'make_letterhead', 'normalise', 'paragraph_text', 'part', 'pdf_fonts', 'pdf_info', 'png_bytes', 'readme_x_yaml', 'readme_yaml', 'run_cli', 'run_in_terminal', 'run_process', 'seed_table', 'table_rows', 'without_codes', 'write_data']
