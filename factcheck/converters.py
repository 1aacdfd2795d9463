"""URL path converters: an id in a path is one the database can hold, or the path matches nothing (404).

Django's `<int:...>` takes any number of digits, and a lookup with an id beyond a 64-bit key
fails in the database driver instead of finding nothing.
"""

from django.urls import register_converter

MAX_ID = 2**63 - 1  # the largest BigAutoField


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the largest primary key")  # Django: this path does not match
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
