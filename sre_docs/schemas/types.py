"""Value formats shared by the schemas, and the cerberus validator that knows them.

Shape checks live here and in the per-kind schemas; meaning (cross-field, cross-file)
belongs to the policies. Each custom type has a human description used in messages and
in the generated reference pages.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from typing import Any

import cerberus

IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
DURATION = re.compile(r"[0-9]+[smhdw]\Z")
HUMAN_DURATION = re.compile(r"(?=\S)([0-9]+d ?)?([0-9]+h ?)?([0-9]+m)?\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
TIMESTAMP = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)
MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])\Z")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]\Z")
CHANNEL = re.compile(r"#inc-[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\Z")
INCIDENT_ID = re.compile(r"INC-[0-9]{4}-[0-9]{3,}\Z")
ACTION_ITEM_ID = re.compile(r"AI-[0-9]{3,}\Z")

#: type name -> (description for people, example)
TYPE_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "identifier": ("a name: letters, digits, `.`, `_`, `-`; starts with a letter or digit", "checkout-api"),
    "duration": ("a duration above zero: a whole number and one unit of s, m, h, d or w (10 years at most)", "28d"),
    "human_duration": ("a duration written out in days, hours and minutes", "2h 15m"),
    "date": ("a calendar date, YYYY-MM-DD, in the years 1900-2999", "2026-11-02"),
    "timestamp": ("an ISO 8601 instant with a timezone, in the years 1900-2999", "2026-11-02T14:05:00Z"),
    "month": ("a month, YYYY-MM, in the years 1900-2999", "2026-10"),
    "clock": ("a time of day, HH:MM", "09:30"),
    "channel": ("an incident channel, #inc-YYYY-MM-DD-slug", "#inc-2026-11-02-checkout-errors"),
    "incident_id": ("an incident id, INC-YYYY-NNN", "INC-2026-014"),
    "action_item_id": ("an action item id, AI-NNN", "AI-007"),
    "number": ("a finite number", "99.9"),
    "integer": ("a whole number", "3"),
    "string": ("text", "…"),
    "boolean": ("true or false", "true"),
    "list": ("a list", "[…]"),
    "dict": ("a mapping", "{…}"),
}


#: Years a date, instant or month may fall in. Reliability records are recent; the bounds keep the
#: date arithmetic done on them (due dates, windows, month ends, UTC offsets) clear of year 1 and year
#: 9999, where Python's dates end and every such sum overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2999
#: The longest duration. Longer ones are typos (``1000000000d``) that overflow date arithmetic; a
#: zero duration (a ``0d`` SLO window) leaves nothing to measure or divide by.
MAX_DURATION = dt.timedelta(days=3653)


def parse_date(text: str) -> dt.date | None:
    if not DATE.match(text):
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def parse_timestamp(text: str) -> dt.datetime | None:
    """An aware datetime, or None when the text is not a real instant with a timezone."""
    if not TIMESTAMP.match(text):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if FIRST_YEAR <= moment.year <= LAST_YEAR else None


def parse_moment(value: object) -> dt.datetime | None:
    """A document value as an instant: a timestamp as it is, a date as its start (00:00 UTC), else None.

    Measurement rows and incident times may be written either way; this is the one reading of both.
    """
    if not isinstance(value, str):
        return None
    moment = parse_timestamp(value)
    if moment is not None:
        return moment
    day = parse_date(value)
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc) if day else None


def parse_duration(text: str) -> dt.timedelta | None:
    """The duration, or None when the text is not one or it is zero or longer than ``MAX_DURATION``."""
    if not DURATION.match(text):
        return None
    seconds = int(text[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[text[-1]]
    if not 0 < seconds <= MAX_DURATION.total_seconds():
        return None
    return dt.timedelta(seconds=seconds)


def _is_month(value: object) -> bool:
    return isinstance(value, str) and MONTH.match(value) is not None and FIRST_YEAR <= int(value[:4]) <= LAST_YEAR


def _string_matching(pattern: re.Pattern[str]):
    def check(self: cerberus.Validator, value: object) -> bool:
        return isinstance(value, str) and pattern.match(value) is not None

    return check


# Cerberus 1.3 prefers TypeDefinition (isinstance only); formats need methods, so we use them.
warnings.filterwarnings("ignore", message="Methods for type testing are deprecated", category=DeprecationWarning)


class TooManyErrors(Exception):
    """A document has more schema errors than are worth finding; validation stopped.

    ``errors`` holds the first leaf errors found (up to the validator's ``errors_kept``).
    """

    def __init__(self, errors: list[Any]) -> None:
        super().__init__(f"stopped after {len(errors)} errors kept")
        self.errors = errors


class _ErrorCounter:
    __slots__ = ("count", "limit", "keep", "kept")

    def __init__(self, limit: int, keep: int) -> None:
        self.count = 0
        self.limit = limit
        self.keep = keep
        self.kept: list[Any] = []

    def add(self, error: Any) -> None:
        self.count += 1
        if len(self.kept) < self.keep and not error.is_group_error:
            self.kept.append(error)
        if self.count > self.limit:
            raise TooManyErrors(self.kept)


class SchemaValidator(cerberus.Validator):
    """Cerberus with sre-docs' value formats as types, finite numbers only, and linear error collection.

    Cerberus re-sorts its whole error list, and files each error into two error trees
    (one node of which gathers every unknown field), on every error it adds: a document
    with n errors costs n² comparisons (8,000 unknown keys took 81 s). Here errors are
    appended and the list is sorted once when a validation ends, which gives the same
    order. The trees are not kept: cerberus reads them only for the ``dependencies`` rule
    and for coercion while normalising, and sre-docs' schemas use neither (a test holds that).
    """

    #: Set before ``validate`` to give up (``TooManyErrors``) after this many errors in the
    #: document, counting those of every child validator.
    error_limit: int | None = None
    #: How many of the first errors ``TooManyErrors`` carries.
    errors_kept: int = 0

    def _error(self, *args: Any) -> None:
        if len(args) == 1:  # the bulk form, which every other form ends in
            self._errors.extend(args[0])
            return
        super()._error(*args)
        counter = self._config.get("error_counter")
        if counter is not None and not (len(args) == 2 and isinstance(args[1], str)):  # that form recurses
            counter.add(self.recent_error)

    def validate(self, *args: Any, **kwargs: Any) -> bool:
        if not self.is_child:
            # Child validators copy the configuration, so they share this one counter.
            self._config["error_counter"] = (
                None if self.error_limit is None else _ErrorCounter(self.error_limit, self.errors_kept)
            )
        valid: bool = super().validate(*args, **kwargs)
        self._errors.sort()
        return valid

    __call__ = validate

    types_mapping = {
        k: v for k, v in cerberus.Validator.types_mapping.items() if k not in ("number", "float", "date", "integer")
    }

    def _validate_type_integer(self, value: object) -> bool:
        # Cerberus' own "integer" takes True and False (bool is a subclass of int).
        return isinstance(value, int) and not isinstance(value, bool)

    def _validate_type_number(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)

    def _validate_type_float(self, value: object) -> bool:
        return self._validate_type_number(value)

    _validate_type_identifier = _string_matching(IDENTIFIER)

    def _validate_type_duration(self, value: object) -> bool:
        return isinstance(value, str) and parse_duration(value) is not None

    _validate_type_human_duration = _string_matching(HUMAN_DURATION)

    def _validate_type_month(self, value: object) -> bool:
        return _is_month(value)

    _validate_type_clock = _string_matching(CLOCK)
    _validate_type_channel = _string_matching(CHANNEL)
    _validate_type_incident_id = _string_matching(INCIDENT_ID)
    _validate_type_action_item_id = _string_matching(ACTION_ITEM_ID)

    def _validate_above(self, bound: float, field: str, value: object) -> None:
        """Exclusive lower bound, for targets that must be strictly above a value.

        The rule's arguments are validated against this schema:
        {'type': 'number'}
        """
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not value > bound:
            self._error(field, f"must be above {bound}")

    def _validate_below(self, bound: float, field: str, value: object) -> None:
        """Exclusive upper bound, for targets that must be strictly below a value.

        The rule's arguments are validated against this schema:
        {'type': 'number'}
        """
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not value < bound:
            self._error(field, f"must be below {bound}")

    def _validate_type_date(self, value: object) -> bool:
        return isinstance(value, str) and parse_date(value) is not None

    def _validate_type_timestamp(self, value: object) -> bool:
        return isinstance(value, str) and parse_timestamp(value) is not None
