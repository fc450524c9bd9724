"""Turn plain JSON data into the model's frozen dataclasses, and back, with readable errors."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


class ConversionError(ValueError):
    """The data does not fit the dataclass; the message names the path, like options[2].id."""


def from_data(cls: type[T], data: Any, path: str = "") -> T:
    """Build `cls` from JSON-like data (dicts, lists, str, int, bool, None)."""
    return typing.cast(T, _convert(cls, data, path or cls.__name__))


def to_data(value: Any) -> Any:
    """The JSON-ready form of a dataclass (tuples become lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_data(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    return value


def _convert(annotation: Any, data: Any, path: str) -> Any:
    origin = typing.get_origin(annotation)
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        members = typing.get_args(annotation)
        if data is None and type(None) in members:
            return None
        errors = []
        for member in (m for m in members if m is not type(None)):
            try:
                return _convert(member, data, path)
            except ConversionError as error:
                errors.append(str(error))
        raise ConversionError(errors[0] if errors else f"{path}: unexpected value")
    if origin is typing.Literal:
        allowed = typing.get_args(annotation)
        if data not in allowed:
            raise ConversionError(f"{path}: {data!r} is not one of {', '.join(map(repr, allowed))}")
        return data
    if origin is tuple:
        if not isinstance(data, list | tuple):
            raise ConversionError(f"{path}: expected a list")
        (item_type, _ellipsis) = typing.get_args(annotation)
        return tuple(_convert(item_type, item, f"{path}[{i}]") for i, item in enumerate(data))
    if dataclasses.is_dataclass(annotation):
        return _convert_dataclass(annotation, data, path)
    if annotation is bool:
        if not isinstance(data, bool):
            raise ConversionError(f"{path}: expected true or false")
        return data
    if annotation is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ConversionError(f"{path}: expected a whole number")
        return data
    if annotation is str:
        if not isinstance(data, str):
            raise ConversionError(f"{path}: expected text")
        return data
    raise ConversionError(f"{path}: cannot convert to {annotation!r}")


def _convert_dataclass(cls: Any, data: Any, path: str) -> Any:
    if not isinstance(data, dict):
        raise ConversionError(f"{path}: expected an object")
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls)}
    unknown = sorted(set(data).difference(fields))
    if unknown:
        raise ConversionError(f"{path}: unknown field {unknown[0]!r}")
    values = {}
    for name, field in fields.items():
        if name in data:
            values[name] = _convert(hints[name], data[name], f"{path}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ConversionError(f"{path}.{name}: missing")
    return cls(**values)
