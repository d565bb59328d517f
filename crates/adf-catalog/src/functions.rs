//! The ADF (v2) pipeline expression functions: name, arity, argument and result types, and a
//! one-line description in this project's words. Facts (names, arities, types) follow the
//! published function reference; the descriptions are ours.

/// The type of an expression value, as far as it can be known without running it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExprType {
    /// Anything (unknown, or the function accepts every type).
    Any,
    /// A string.
    String,
    /// An integer.
    Int,
    /// A floating-point number.
    Float,
    /// An integer or a float.
    Number,
    /// true or false.
    Bool,
    /// An array.
    Array,
    /// An object.
    Object,
    /// Binary content.
    Binary,
    /// A string or an array (collection functions take both).
    Collection,
}

impl ExprType {
    /// Lower-case name for messages and hover.
    pub fn as_str(self) -> &'static str {
        match self {
            ExprType::Any => "any",
            ExprType::String => "string",
            ExprType::Int => "int",
            ExprType::Float => "float",
            ExprType::Number => "number",
            ExprType::Bool => "bool",
            ExprType::Array => "array",
            ExprType::Object => "object",
            ExprType::Binary => "binary",
            ExprType::Collection => "string|array",
        }
    }
}

/// Which group a function belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionGroup {
    /// String functions.
    String,
    /// Collection functions.
    Collection,
    /// Logical comparison functions.
    Logical,
    /// Conversion functions.
    Conversion,
    /// Math functions.
    Math,
    /// Date functions.
    Date,
    /// System functions that read the run's context (pipeline(), activity(), ...).
    System,
}

/// One expression function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Function {
    /// Its name as documented (calls match it without regard to case).
    pub name: &'static str,
    /// Fewest arguments.
    pub min: u8,
    /// Most arguments; `None` means no upper bound.
    pub max: Option<u8>,
    /// Types of the arguments in order; the last repeats for variadic functions.
    pub args: &'static [ExprType],
    /// The result type.
    pub result: ExprType,
    /// Its group.
    pub group: FunctionGroup,
    /// What it does, in one line.
    pub doc: &'static str,
}

use ExprType::{Any, Array, Binary, Bool, Collection, Float, Int, Number, Object, String as Str};
use FunctionGroup as G;

const fn f(
    name: &'static str,
    min: u8,
    max: Option<u8>,
    args: &'static [ExprType],
    result: ExprType,
    group: FunctionGroup,
    doc: &'static str,
) -> Function {
    Function {
        name,
        min,
        max,
        args,
        result,
        group,
        doc,
    }
}

/// Every function, grouped as in the reference.
pub static FUNCTIONS: &[Function] = &[
    // String functions.
    f(
        "concat",
        1,
        None,
        &[Any],
        Str,
        G::String,
        "Joins its arguments into one string (or one array when all are arrays).",
    ),
    f(
        "endsWith",
        2,
        Some(2),
        &[Str, Str],
        Bool,
        G::String,
        "Whether the text ends with the given suffix (case-insensitive).",
    ),
    f(
        "guid",
        0,
        Some(1),
        &[Str],
        Str,
        G::String,
        "A new GUID as text; the optional argument picks the format (N, D, B, P, X).",
    ),
    f(
        "indexOf",
        2,
        Some(2),
        &[Str, Str],
        Int,
        G::String,
        "Zero-based position of the first occurrence of a substring, or -1.",
    ),
    f(
        "lastIndexOf",
        2,
        Some(2),
        &[Str, Str],
        Int,
        G::String,
        "Zero-based position of the last occurrence of a substring, or -1.",
    ),
    f(
        "replace",
        3,
        Some(3),
        &[Str, Str, Str],
        Str,
        G::String,
        "Replaces every occurrence of one substring with another.",
    ),
    f(
        "split",
        2,
        Some(2),
        &[Str, Str],
        Array,
        G::String,
        "Cuts the text at each delimiter and returns the pieces as an array.",
    ),
    f(
        "startsWith",
        2,
        Some(2),
        &[Str, Str],
        Bool,
        G::String,
        "Whether the text begins with the given prefix (case-insensitive).",
    ),
    f(
        "substring",
        2,
        Some(3),
        &[Str, Int, Int],
        Str,
        G::String,
        "The part of the text from a start index, optionally of a given length.",
    ),
    f(
        "toLower",
        1,
        Some(1),
        &[Str],
        Str,
        G::String,
        "The text in lower case.",
    ),
    f(
        "toUpper",
        1,
        Some(1),
        &[Str],
        Str,
        G::String,
        "The text in upper case.",
    ),
    f(
        "trim",
        1,
        Some(1),
        &[Str],
        Str,
        G::String,
        "The text without leading and trailing whitespace.",
    ),
    // Collection functions.
    f(
        "contains",
        2,
        Some(2),
        &[Collection, Any],
        Bool,
        G::Collection,
        "Whether a string holds a substring, an array an item, or an object a key.",
    ),
    f(
        "empty",
        1,
        Some(1),
        &[Any],
        Bool,
        G::Collection,
        "Whether a string, array or object has nothing in it.",
    ),
    f(
        "first",
        1,
        Some(1),
        &[Collection],
        Any,
        G::Collection,
        "The first character of a string or the first item of an array.",
    ),
    f(
        "intersection",
        1,
        None,
        &[Any],
        Any,
        G::Collection,
        "Items (or object keys) present in every one of the given collections.",
    ),
    f(
        "join",
        2,
        Some(2),
        &[Array, Str],
        Str,
        G::Collection,
        "The items of an array glued into one string with a separator.",
    ),
    f(
        "last",
        1,
        Some(1),
        &[Collection],
        Any,
        G::Collection,
        "The last character of a string or the last item of an array.",
    ),
    f(
        "length",
        1,
        Some(1),
        &[Collection],
        Int,
        G::Collection,
        "How many characters a string, or items an array, has.",
    ),
    f(
        "skip",
        2,
        Some(2),
        &[Array, Int],
        Array,
        G::Collection,
        "The array without its first n items.",
    ),
    f(
        "take",
        2,
        Some(2),
        &[Collection, Int],
        Any,
        G::Collection,
        "The first n items of an array (or characters of a string).",
    ),
    f(
        "union",
        1,
        None,
        &[Any],
        Any,
        G::Collection,
        "Every distinct item (or object key) found in any of the given collections.",
    ),
    // Logical functions.
    f(
        "and",
        2,
        None,
        &[Bool],
        Bool,
        G::Logical,
        "True when every argument is true.",
    ),
    f(
        "equals",
        2,
        Some(2),
        &[Any, Any],
        Bool,
        G::Logical,
        "Whether two values are equal.",
    ),
    f(
        "greater",
        2,
        Some(2),
        &[Any, Any],
        Bool,
        G::Logical,
        "Whether the first value is larger than the second.",
    ),
    f(
        "greaterOrEquals",
        2,
        Some(2),
        &[Any, Any],
        Bool,
        G::Logical,
        "Whether the first value is larger than or equal to the second.",
    ),
    f(
        "if",
        3,
        Some(3),
        &[Bool, Any, Any],
        Any,
        G::Logical,
        "The second argument when the condition holds, else the third.",
    ),
    f(
        "less",
        2,
        Some(2),
        &[Any, Any],
        Bool,
        G::Logical,
        "Whether the first value is smaller than the second.",
    ),
    f(
        "lessOrEquals",
        2,
        Some(2),
        &[Any, Any],
        Bool,
        G::Logical,
        "Whether the first value is smaller than or equal to the second.",
    ),
    f(
        "not",
        1,
        Some(1),
        &[Bool],
        Bool,
        G::Logical,
        "The opposite truth value.",
    ),
    f(
        "or",
        2,
        None,
        &[Bool],
        Bool,
        G::Logical,
        "True when at least one argument is true.",
    ),
    // Conversion functions.
    f(
        "array",
        1,
        Some(1),
        &[Any],
        Array,
        G::Conversion,
        "An array holding the single given value.",
    ),
    f(
        "base64",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The base64 encoding of a string.",
    ),
    f(
        "base64ToBinary",
        1,
        Some(1),
        &[Str],
        Binary,
        G::Conversion,
        "The bytes a base64 string stands for.",
    ),
    f(
        "base64ToString",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text a base64 string stands for.",
    ),
    f(
        "binary",
        1,
        Some(1),
        &[Str],
        Binary,
        G::Conversion,
        "The bytes of a string.",
    ),
    f(
        "bool",
        1,
        Some(1),
        &[Any],
        Bool,
        G::Conversion,
        "The value read as a boolean.",
    ),
    f(
        "coalesce",
        1,
        None,
        &[Any],
        Any,
        G::Conversion,
        "The first argument that is not null.",
    ),
    f(
        "createArray",
        1,
        None,
        &[Any],
        Array,
        G::Conversion,
        "An array of all the arguments.",
    ),
    f(
        "dataUri",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "A data URI carrying the string.",
    ),
    f(
        "dataUriToBinary",
        1,
        Some(1),
        &[Str],
        Binary,
        G::Conversion,
        "The bytes carried by a data URI.",
    ),
    f(
        "dataUriToString",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text carried by a data URI.",
    ),
    f(
        "decodeBase64",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text a base64 string stands for (same as base64ToString).",
    ),
    f(
        "decodeDataUri",
        1,
        Some(1),
        &[Str],
        Binary,
        G::Conversion,
        "The bytes carried by a data URI (same as dataUriToBinary).",
    ),
    f(
        "decodeUriComponent",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text with its URI escape sequences turned back into characters.",
    ),
    f(
        "encodeUriComponent",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text with URI-unsafe characters escaped.",
    ),
    f(
        "float",
        1,
        Some(1),
        &[Any],
        Float,
        G::Conversion,
        "The value read as a floating-point number.",
    ),
    f(
        "int",
        1,
        Some(1),
        &[Any],
        Int,
        G::Conversion,
        "The value read as an integer.",
    ),
    f(
        "json",
        1,
        Some(1),
        &[Any],
        Any,
        G::Conversion,
        "The JSON value a string (or XML) stands for.",
    ),
    f(
        "string",
        1,
        Some(1),
        &[Any],
        Str,
        G::Conversion,
        "The value written as a string.",
    ),
    f(
        "uriComponent",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "The text URI-encoded (same as encodeUriComponent).",
    ),
    f(
        "uriComponentToBinary",
        1,
        Some(1),
        &[Str],
        Binary,
        G::Conversion,
        "The bytes of a URI-encoded string, decoded.",
    ),
    f(
        "uriComponentToString",
        1,
        Some(1),
        &[Str],
        Str,
        G::Conversion,
        "A URI-encoded string decoded back to text.",
    ),
    f(
        "xml",
        1,
        Some(1),
        &[Any],
        Object,
        G::Conversion,
        "The XML document a string (or JSON object) stands for.",
    ),
    f(
        "xpath",
        2,
        Some(2),
        &[Any, Str],
        Any,
        G::Conversion,
        "Nodes or values of an XML document that match an XPath expression.",
    ),
    // Math functions.
    f(
        "add",
        2,
        Some(2),
        &[Number, Number],
        Number,
        G::Math,
        "The sum of two numbers.",
    ),
    f(
        "div",
        2,
        Some(2),
        &[Number, Number],
        Number,
        G::Math,
        "The first number divided by the second (integer division for integers).",
    ),
    f(
        "max",
        1,
        None,
        &[Any],
        Number,
        G::Math,
        "The largest of the numbers (given one by one or as one array).",
    ),
    f(
        "min",
        1,
        None,
        &[Any],
        Number,
        G::Math,
        "The smallest of the numbers (given one by one or as one array).",
    ),
    f(
        "mod",
        2,
        Some(2),
        &[Number, Number],
        Number,
        G::Math,
        "The remainder of dividing the first number by the second.",
    ),
    f(
        "mul",
        2,
        Some(2),
        &[Number, Number],
        Number,
        G::Math,
        "The product of two numbers.",
    ),
    f(
        "rand",
        2,
        Some(2),
        &[Int, Int],
        Int,
        G::Math,
        "A random integer from the first bound (inclusive) to the second (exclusive).",
    ),
    f(
        "range",
        2,
        Some(2),
        &[Int, Int],
        Array,
        G::Math,
        "An array of consecutive integers from a start, of a given count.",
    ),
    f(
        "sub",
        2,
        Some(2),
        &[Number, Number],
        Number,
        G::Math,
        "The first number minus the second.",
    ),
    // Date functions.
    f(
        "addDays",
        2,
        Some(3),
        &[Str, Int, Str],
        Str,
        G::Date,
        "A timestamp moved by a number of days; optional output format.",
    ),
    f(
        "addHours",
        2,
        Some(3),
        &[Str, Int, Str],
        Str,
        G::Date,
        "A timestamp moved by a number of hours; optional output format.",
    ),
    f(
        "addMinutes",
        2,
        Some(3),
        &[Str, Int, Str],
        Str,
        G::Date,
        "A timestamp moved by a number of minutes; optional output format.",
    ),
    f(
        "addSeconds",
        2,
        Some(3),
        &[Str, Int, Str],
        Str,
        G::Date,
        "A timestamp moved by a number of seconds; optional output format.",
    ),
    f(
        "addToTime",
        3,
        Some(4),
        &[Str, Int, Str, Str],
        Str,
        G::Date,
        "A timestamp moved forward by an interval of a given unit; optional output format.",
    ),
    f(
        "convertFromUtc",
        2,
        Some(3),
        &[Str, Str, Str],
        Str,
        G::Date,
        "A UTC timestamp expressed in the given time zone; optional output format.",
    ),
    f(
        "convertTimeZone",
        3,
        Some(4),
        &[Str, Str, Str, Str],
        Str,
        G::Date,
        "A timestamp moved from one time zone to another; optional output format.",
    ),
    f(
        "convertToUtc",
        2,
        Some(3),
        &[Str, Str, Str],
        Str,
        G::Date,
        "A timestamp of the given time zone expressed in UTC; optional output format.",
    ),
    f(
        "dayOfMonth",
        1,
        Some(1),
        &[Str],
        Int,
        G::Date,
        "The day of the month (1-31) of a timestamp.",
    ),
    f(
        "dayOfWeek",
        1,
        Some(1),
        &[Str],
        Int,
        G::Date,
        "The day of the week (0 for Sunday) of a timestamp.",
    ),
    f(
        "dayOfYear",
        1,
        Some(1),
        &[Str],
        Int,
        G::Date,
        "The day of the year (1-366) of a timestamp.",
    ),
    f(
        "formatDateTime",
        1,
        Some(2),
        &[Str, Str],
        Str,
        G::Date,
        "A timestamp written in the given format (ISO 8601 by default).",
    ),
    f(
        "getFutureTime",
        2,
        Some(3),
        &[Int, Str, Str],
        Str,
        G::Date,
        "The current time plus an interval of a given unit; optional output format.",
    ),
    f(
        "getPastTime",
        2,
        Some(3),
        &[Int, Str, Str],
        Str,
        G::Date,
        "The current time minus an interval of a given unit; optional output format.",
    ),
    f(
        "startOfDay",
        1,
        Some(2),
        &[Str, Str],
        Str,
        G::Date,
        "The timestamp at midnight of its day; optional output format.",
    ),
    f(
        "startOfHour",
        1,
        Some(2),
        &[Str, Str],
        Str,
        G::Date,
        "The timestamp at the start of its hour; optional output format.",
    ),
    f(
        "startOfMonth",
        1,
        Some(2),
        &[Str, Str],
        Str,
        G::Date,
        "The timestamp at the first day of its month, midnight; optional output format.",
    ),
    f(
        "subtractFromTime",
        3,
        Some(4),
        &[Str, Int, Str, Str],
        Str,
        G::Date,
        "A timestamp moved back by an interval of a given unit; optional output format.",
    ),
    f(
        "ticks",
        1,
        Some(1),
        &[Str],
        Int,
        G::Date,
        "The number of 100-nanosecond ticks since 0001-01-01 of a timestamp.",
    ),
    f(
        "utcNow",
        0,
        Some(1),
        &[Str],
        Str,
        G::Date,
        "The current UTC time; optional output format.",
    ),
    // System functions: the run's context.
    f(
        "pipeline",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The running pipeline: parameters, globalParameters and system variables such as RunId.",
    ),
    f(
        "activity",
        1,
        Some(1),
        &[Str],
        Object,
        G::System,
        "An earlier activity of this pipeline by name: its output, error, status and run id.",
    ),
    f(
        "variables",
        1,
        Some(1),
        &[Str],
        Any,
        G::System,
        "The current value of a pipeline variable.",
    ),
    f(
        "item",
        0,
        Some(0),
        &[],
        Any,
        G::System,
        "The current item of the enclosing ForEach (or Filter) iteration.",
    ),
    f(
        "trigger",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The trigger that started the run: name, times, outputs.",
    ),
    f(
        "triggerBody",
        0,
        Some(0),
        &[],
        Any,
        G::System,
        "The body of the event that fired the trigger.",
    ),
    f(
        "triggerOutputs",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The outputs of the trigger that fired.",
    ),
    f(
        "linkedService",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The parameters of the linked service being resolved (inside a linked service).",
    ),
    f(
        "dataset",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The parameters of the dataset being resolved (inside a dataset).",
    ),
    f(
        "dataflow",
        0,
        Some(0),
        &[],
        Object,
        G::System,
        "The data flow being run: its parameters and system values.",
    ),
];

/// A function by name, matched without regard to case (exact spelling first).
pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS
        .iter()
        .find(|f| f.name == name)
        .or_else(|| FUNCTIONS.iter().find(|f| f.name.eq_ignore_ascii_case(name)))
}

/// A function argument that fails the run when it is null, with the evidence for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NullIntolerant {
    /// The function (as in [`FUNCTIONS`]).
    pub function: &'static str,
    /// The zero-based argument that must not be null.
    pub arg: usize,
    /// Where the failure is documented: a URL, or the documented error text and where it is.
    pub source: &'static str,
}

/// Function arguments known to fail on null. Only entries with evidence belong here: the
/// missing-parameter-argument rule warns when an omitted pipeline parameter reaches one of them.
/// Data Factory's error text for `length` matches the Logic Apps one word for word (both are
/// `InvalidTemplate` failures of the same workflow expression language), so Logic Apps texts
/// are taken as evidence for the other functions.
pub static NULL_INTOLERANT: &[NullIntolerant] = &[
    NullIntolerant {
        function: "length",
        arg: 0,
        source: "Data Factory run error \"The function 'length' expects its parameter to be an \
                 array or a string. The provided value is of type 'Null'.\" (ForEach on null \
                 items): http://blogs.adatis.co.uk/sachatomey/post/2018/11/10/\
                 Azure-Data-Factory-v2-ForEach-Activity-Handling-Null-Items",
    },
    NullIntolerant {
        function: "split",
        arg: 0,
        source: "InvalidTemplate \"The template language function 'split' expects its first \
                 parameter to be of type string. The provided value is of type 'Null'.\": \
                 https://github.com/pnp/provision-assist-m365/issues/50",
    },
];

/// The argument of a function that fails on null, if the function has one on record.
pub fn null_intolerant(name: &str) -> Option<&'static NullIntolerant> {
    NULL_INTOLERANT
        .iter()
        .find(|n| n.function.eq_ignore_ascii_case(name))
}

/// A system variable reachable through a system function, e.g. `pipeline().RunId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemVariable {
    /// The function it hangs off (`pipeline`, `trigger`).
    pub function: &'static str,
    /// The property name.
    pub name: &'static str,
    /// What it holds.
    pub doc: &'static str,
}

const fn sv(function: &'static str, name: &'static str, doc: &'static str) -> SystemVariable {
    SystemVariable {
        function,
        name,
        doc,
    }
}

/// System variables of the run context (members of `pipeline()` and `trigger()`).
pub static SYSTEM_VARIABLES: &[SystemVariable] = &[
    sv(
        "pipeline",
        "DataFactory",
        "Name of the factory the run belongs to.",
    ),
    sv("pipeline", "Pipeline", "Name of the running pipeline."),
    sv("pipeline", "RunId", "Id of this pipeline run."),
    sv(
        "pipeline",
        "TriggerType",
        "Kind of trigger that started the run (Manual, ScheduleTrigger, ...).",
    ),
    sv(
        "pipeline",
        "TriggerId",
        "Id of the trigger that started the run.",
    ),
    sv(
        "pipeline",
        "TriggerName",
        "Name of the trigger that started the run.",
    ),
    sv(
        "pipeline",
        "TriggerTime",
        "When the trigger fired (the actual time, not the scheduled one).",
    ),
    sv(
        "pipeline",
        "GroupId",
        "Id of the group of runs this run belongs to.",
    ),
    sv(
        "pipeline",
        "TriggeredByPipelineName",
        "Name of the pipeline whose ExecutePipeline activity started this run.",
    ),
    sv(
        "pipeline",
        "TriggeredByPipelineRunId",
        "Run id of the pipeline that started this run through ExecutePipeline.",
    ),
    sv(
        "pipeline",
        "parameters",
        "The pipeline's parameters: `pipeline().parameters.<name>`.",
    ),
    sv(
        "pipeline",
        "globalParameters",
        "The factory's global parameters: `pipeline().globalParameters.<name>`.",
    ),
    sv(
        "trigger",
        "scheduledTime",
        "When a schedule trigger was due to fire.",
    ),
    sv("trigger", "startTime", "When the trigger actually fired."),
    sv("trigger", "name", "Name of the trigger."),
    sv(
        "trigger",
        "outputs",
        "Outputs of the trigger (windowStartTime, windowEndTime, body ...).",
    ),
    sv("trigger", "triggerTime", "When the trigger fired."),
];
