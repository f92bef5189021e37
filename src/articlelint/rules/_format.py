"""Showing values in messages: short, whatever the input (hostile files hold huge numbers)."""

from __future__ import annotations

__all__ = ["show_number"]

_MAX_DIGITS = 12


def show_number(value: int) -> str:
    """``value`` in decimal, or its sign and number of digits when it is very long."""
    if -(10**_MAX_DIGITS) < value < 10**_MAX_DIGITS:
        return str(value)
    digits = value.bit_length() * 30103 // 100000 + 1  # about log10(2) per bit
    return f"a {'negative ' if value < 0 else ''}{digits}-digit number"
