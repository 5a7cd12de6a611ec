"""What the validator needs to know about a model: its columns' slugs, types and labels."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ModelSchema:
    """A model's columns as ``slug -> type`` (``string``, ``number``, ``date``, ...), and labels."""

    columns: Mapping[str, str]
    labels: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_columns(cls, columns: Iterable[Mapping[str, Any] | Any]) -> ModelSchema:
        """From a Model's ``columns`` (dicts or objects with ``slug``, ``type``, ``label``)."""
        types: dict[str, str] = {}
        labels: dict[str, str] = {}
        for column in columns:
            get = column.get if isinstance(column, Mapping) else _attribute(column)
            slug, kind, label = get("slug"), get("type"), get("label")
            if isinstance(slug, str):
                types[slug] = str(kind) if kind is not None else "any"
                if isinstance(label, str) and label:
                    labels[slug] = label
        return cls(types, labels)

    def type_of(self, slug: object) -> str | None:
        """The column's type, or None when the model has no such column."""
        return self.columns.get(slug) if isinstance(slug, str) else None

    def label(self, slug: str) -> str:
        """The column's label, or its slug when it has none."""
        return self.labels.get(slug) or slug


SchemaLike = ModelSchema | Mapping[str, str]


def as_schema(schema: SchemaLike | None) -> ModelSchema | None:
    """Accept a ModelSchema or a bare ``slug -> type`` mapping."""
    if schema is None or isinstance(schema, ModelSchema):
        return schema
    return ModelSchema(dict(schema))


def _attribute(column: Any) -> Any:
    return lambda name: getattr(column, name, None)
