"""The ClickHouse functions and keywords worth offering while typing a query over the four tables.

A curated list, not ClickHouse's thousand-odd functions: what on-call queries over runs, spans,
batches and records use. Each has a short signature and a line of help.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Function:
    name: str
    signature: str
    summary: str


_TABLE = """
count|count() / count(x)|rows, or non-NULL values of x
countIf|countIf(cond)|rows where cond holds
countDistinct|countDistinct(x)|exact number of distinct values
sum|sum(x)|total
sumIf|sumIf(x, cond)|total over rows where cond holds
avg|avg(x)|arithmetic mean
avgIf|avgIf(x, cond)|mean over rows where cond holds
min|min(x)|smallest value
minIf|minIf(x, cond)|smallest value where cond holds
max|max(x)|largest value
maxIf|maxIf(x, cond)|largest value where cond holds
any|any(x)|some value of x (the first met)
anyLast|anyLast(x)|the last value met
argMin|argMin(arg, val)|arg at the smallest val
argMax|argMax(arg, val)|arg at the largest val
uniq|uniq(x)|approximate number of distinct values
uniqExact|uniqExact(x)|exact number of distinct values
uniqIf|uniqIf(x, cond)|approximate distinct values where cond holds
quantile|quantile(level)(x)|approximate quantile, e.g. quantile(0.95)(duration)
quantiles|quantiles(l1, l2, ...)(x)|several approximate quantiles at once, as an array
quantileExact|quantileExact(level)(x)|exact quantile
quantileIf|quantileIf(level)(x, cond)|quantile over rows where cond holds
median|median(x)|approximate median
stddevPop|stddevPop(x)|population standard deviation
varPop|varPop(x)|population variance
corr|corr(x, y)|Pearson correlation
groupArray|groupArray(x)|the values as an array
groupArrayIf|groupArrayIf(x, cond)|values where cond holds, as an array
groupUniqArray|groupUniqArray(x)|the distinct values as an array
topK|topK(k)(x)|the k most frequent values (approximate)
histogram|histogram(bins)(x)|adaptive histogram
sumMap|sumMap(keys, values)|totals per key
any_value|any_value(x)|some value of x
now|now()|current date and time
now64|now64(precision)|current time with sub-second precision
today|today()|current date
yesterday|yesterday()|yesterday's date
toDate|toDate(x)|to Date
toDateTime|toDateTime(x[, tz])|to DateTime
toDateTime64|toDateTime64(x, precision[, tz])|to DateTime64
toStartOfMinute|toStartOfMinute(t)|round down to the minute
toStartOfFiveMinutes|toStartOfFiveMinutes(t)|round down to five minutes
toStartOfFifteenMinutes|toStartOfFifteenMinutes(t)|round down to fifteen minutes
toStartOfHour|toStartOfHour(t)|round down to the hour
toStartOfDay|toStartOfDay(t)|round down to the day
toStartOfWeek|toStartOfWeek(t[, mode])|round down to the week (Sunday; mode 1: Monday)
toMonday|toMonday(t)|the Monday of t's week
toStartOfMonth|toStartOfMonth(t)|first day of the month
toStartOfQuarter|toStartOfQuarter(t)|first day of the quarter
toStartOfYear|toStartOfYear(t)|first day of the year
toStartOfInterval|toStartOfInterval(t, INTERVAL n unit)|round down to any interval
date_trunc|date_trunc('unit', t)|round down to a unit
dateDiff|dateDiff('unit', start, end)|difference in units (second, minute, hour, day...)
dateAdd|dateAdd(unit, n, t)|add n units
dateSub|dateSub(unit, n, t)|subtract n units
addDays|addDays(t, n)|t plus n days
addHours|addHours(t, n)|t plus n hours
addMinutes|addMinutes(t, n)|t plus n minutes
subtractDays|subtractDays(t, n)|t minus n days
subtractHours|subtractHours(t, n)|t minus n hours
toYear|toYear(t)|the year
toMonth|toMonth(t)|the month (1-12)
toDayOfMonth|toDayOfMonth(t)|the day of the month
toDayOfWeek|toDayOfWeek(t)|the day of the week (1 = Monday)
toHour|toHour(t)|the hour (0-23)
toMinute|toMinute(t)|the minute
toYYYYMM|toYYYYMM(t)|year and month as a number
toYYYYMMDD|toYYYYMMDD(t)|year, month and day as a number
toUnixTimestamp|toUnixTimestamp(t)|seconds since 1970
fromUnixTimestamp|fromUnixTimestamp(n)|a DateTime from seconds since 1970
formatDateTime|formatDateTime(t, format)|t as text, e.g. '%Y-%m-%d %H:%i'
parseDateTimeBestEffort|parseDateTimeBestEffort(s)|a DateTime from text in most formats
toIntervalDay|toIntervalDay(n)|an interval of n days
toIntervalHour|toIntervalHour(n)|an interval of n hours
toTimeZone|toTimeZone(t, tz)|t in another time zone
timeSlot|timeSlot(t)|round down to the half hour
age|age('unit', start, end)|full units elapsed between start and end
JSONExtract|JSONExtract(json, path..., 'Type')|a value of the given type from JSON
JSONExtractString|JSONExtractString(json, path...)|a string from JSON
JSONExtractInt|JSONExtractInt(json, path...)|an integer from JSON
JSONExtractFloat|JSONExtractFloat(json, path...)|a float from JSON
JSONExtractBool|JSONExtractBool(json, path...)|a boolean from JSON
JSONExtractRaw|JSONExtractRaw(json, path...)|a JSON fragment, unparsed
JSONExtractKeys|JSONExtractKeys(json[, path...])|the keys of an object
JSONExtractArrayRaw|JSONExtractArrayRaw(json, path...)|array elements as JSON fragments
JSONHas|JSONHas(json, path...)|whether the path exists
JSONLength|JSONLength(json[, path...])|length of an array or object
JSONType|JSONType(json[, path...])|the type of a value
isValidJSON|isValidJSON(s)|whether s is valid JSON
simpleJSONExtractString|simpleJSONExtractString(json, field)|a top-level string field, fast
arrayJoin|arrayJoin(arr)|one row per element
has|has(arr, x)|whether arr contains x
hasAny|hasAny(arr, values)|whether arr contains any of values
length|length(x)|length of a string or array
empty|empty(x)|whether a string or array is empty
notEmpty|notEmpty(x)|whether a string or array is not empty
arrayMap|arrayMap(x -> expr, arr)|apply a lambda to each element
arrayFilter|arrayFilter(x -> cond, arr)|elements where the lambda holds
arrayExists|arrayExists(x -> cond, arr)|whether any element satisfies cond
arrayCount|arrayCount([x -> cond,] arr)|elements that satisfy cond
arraySum|arraySum(arr)|total of the elements
arraySort|arraySort(arr)|elements in ascending order
arrayDistinct|arrayDistinct(arr)|distinct elements
arrayStringConcat|arrayStringConcat(arr[, sep])|join strings
indexOf|indexOf(arr, x)|1-based position of x, 0 if absent
splitByChar|splitByChar(sep, s)|split on a character
splitByString|splitByString(sep, s)|split on a string
if|if(cond, then, else)|choose by a condition
multiIf|multiIf(c1, v1, c2, v2, ..., else)|first value whose condition holds
coalesce|coalesce(x, y, ...)|first non-NULL argument
ifNull|ifNull(x, alt)|alt when x is NULL
nullIf|nullIf(x, y)|NULL when x = y
isNull|isNull(x)|whether x is NULL
isNotNull|isNotNull(x)|whether x is not NULL
assumeNotNull|assumeNotNull(x)|x as non-Nullable
greatest|greatest(a, b, ...)|largest argument
least|least(a, b, ...)|smallest argument
round|round(x[, n])|round to n decimal places
floor|floor(x[, n])|round down
ceil|ceil(x[, n])|round up
abs|abs(x)|absolute value
intDiv|intDiv(a, b)|integer division
modulo|modulo(a, b)|remainder
pow|pow(x, y)|x to the power y
sqrt|sqrt(x)|square root
log|log(x)|natural logarithm
exp|exp(x)|e to the power x
toFloat64|toFloat64(x)|to Float64
toInt64|toInt64(x)|to Int64
toUInt64|toUInt64(x)|to UInt64
toString|toString(x)|to String
toDecimal64|toDecimal64(x, scale)|to Decimal64
toUUID|toUUID(s)|to UUID
toTypeName|toTypeName(x)|the type of x
lower|lower(s)|lowercase
upper|upper(s)|uppercase
trim|trim(s)|without surrounding spaces
concat|concat(s1, s2, ...)|join strings
substring|substring(s, offset[, length])|part of a string (offset from 1)
left|left(s, n)|first n characters
right|right(s, n)|last n characters
position|position(haystack, needle)|1-based position of needle, 0 if absent
positionCaseInsensitive|positionCaseInsensitive(haystack, needle)|position, ignoring case
startsWith|startsWith(s, prefix)|whether s starts with prefix
endsWith|endsWith(s, suffix)|whether s ends with suffix
like|like(s, pattern)|SQL LIKE as a function
match|match(s, regexp)|whether s matches the regular expression
extract|extract(s, regexp)|first match of the regular expression
extractAll|extractAll(s, regexp)|all matches, as an array
replaceAll|replaceAll(s, from, to)|replace every occurrence
replaceRegexpAll|replaceRegexpAll(s, regexp, to)|replace every regexp match
leftPad|leftPad(s, length[, fill])|pad on the left
lengthUTF8|lengthUTF8(s)|length in characters
format|format(pattern, args...)|format with {} placeholders
cityHash64|cityHash64(x, ...)|a 64-bit hash
formatReadableQuantity|formatReadableQuantity(n)|12.50 million
formatReadableSize|formatReadableSize(bytes)|1.21 GiB
formatReadableTimeDelta|formatReadableTimeDelta(seconds)|3 hours, 2 minutes
bar|bar(x, min, max[, width])|a bar of block characters
row_number|row_number() OVER (...)|row number within the window
rank|rank() OVER (...)|rank with gaps
dense_rank|dense_rank() OVER (...)|rank without gaps
lagInFrame|lagInFrame(x[, offset]) OVER (...)|value from an earlier row of the frame
leadInFrame|leadInFrame(x[, offset]) OVER (...)|value from a later row of the frame
first_value|first_value(x) OVER (...)|first value of the frame
last_value|last_value(x) OVER (...)|last value of the frame
runningDifference|runningDifference(x)|difference from the previous row
tuple|tuple(a, b, ...)|a tuple
tupleElement|tupleElement(t, n)|the n-th element of a tuple
map|map(k1, v1, ...)|a map
CAST|CAST(x AS Type)|convert to a type
"""

FUNCTIONS: tuple[Function, ...] = tuple(
    Function(*line.split("|")) for line in _TABLE.strip().splitlines()
)

KEYWORDS: tuple[str, ...] = (
    "SELECT",
    "FROM",
    "WHERE",
    "PREWHERE",
    "GROUP BY",
    "ORDER BY",
    "HAVING",
    "LIMIT",
    "OFFSET",
    "LIMIT BY",
    "WITH",
    "AS",
    "DISTINCT",
    "JOIN",
    "INNER JOIN",
    "LEFT JOIN",
    "RIGHT JOIN",
    "FULL JOIN",
    "CROSS JOIN",
    "ARRAY JOIN",
    "ON",
    "USING",
    "AND",
    "OR",
    "NOT",
    "IN",
    "NOT IN",
    "BETWEEN",
    "LIKE",
    "ILIKE",
    "IS NULL",
    "IS NOT NULL",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "UNION ALL",
    "UNION DISTINCT",
    "EXCEPT",
    "INTERSECT",
    "INTERVAL",
    "ASC",
    "DESC",
    "NULLS FIRST",
    "NULLS LAST",
    "OVER",
    "PARTITION BY",
    "ROWS BETWEEN",
    "UNBOUNDED PRECEDING",
    "CURRENT ROW",
    "FINAL",
    "WITH TOTALS",
    "WITH FILL",
    "DESCRIBE TABLE",
    "NULL",
    "TRUE",
    "FALSE",
)

INTERVAL_UNITS: tuple[str, ...] = (
    "SECOND",
    "MINUTE",
    "HOUR",
    "DAY",
    "WEEK",
    "MONTH",
    "QUARTER",
    "YEAR",
)
