"""The segment filter language: typed models, a validator with fixes, form and summary helpers.

Headless (no Textual): the Segments screen's editor calls ``validate_filter`` on what the user
typed, marks each problem at its line and column, and offers ``apply_fix`` on a key press.
"""

from tui.api.filters.build import (
    ConditionError,
    add_condition,
    build_condition,
    empty_filter,
    operand_of,
    operators_for,
    remove_condition,
    takes_bounds,
    takes_value,
    takes_values,
)
from tui.api.filters.describe import describe_condition, describe_filter, pretty, summarize_filter
from tui.api.filters.fixes import FixNotApplicable, apply_fix, apply_fix_to_data, fix_all
from tui.api.filters.grammar import Operand
from tui.api.filters.models import (
    Condition,
    ExecutionsFilter,
    ExecutionsFilterGroup,
    FilterGroup,
    NodeCondition,
    SegmentFilter,
    SegmentQuery,
    SortEntry,
)
from tui.api.filters.problems import (
    Code,
    Fix,
    Problem,
    Remove,
    RenameKey,
    SetValue,
    Severity,
    errors,
    format_path,
)
from tui.api.filters.schema import ModelSchema
from tui.api.filters.validate import (
    validate_executions_filter,
    validate_filter,
    validate_limit,
    validate_segment,
    validate_sort,
)

__all__ = [
    "Code",
    "Condition",
    "ConditionError",
    "ExecutionsFilter",
    "ExecutionsFilterGroup",
    "FilterGroup",
    "Fix",
    "FixNotApplicable",
    "ModelSchema",
    "NodeCondition",
    "Operand",
    "Problem",
    "Remove",
    "RenameKey",
    "SegmentFilter",
    "SegmentQuery",
    "SetValue",
    "Severity",
    "SortEntry",
    "add_condition",
    "apply_fix",
    "apply_fix_to_data",
    "build_condition",
    "describe_condition",
    "describe_filter",
    "empty_filter",
    "errors",
    "fix_all",
    "format_path",
    "operand_of",
    "operators_for",
    "pretty",
    "remove_condition",
    "summarize_filter",
    "takes_bounds",
    "takes_value",
    "takes_values",
    "validate_executions_filter",
    "validate_filter",
    "validate_limit",
    "validate_segment",
    "validate_sort",
]
