//! The walk: interpolation, escapes, access, unknown inputs, errors and bounds.

use super::*;

fn ctx() -> Context {
    let mut c = Context::new();
    c.parameters = vec![
        ("myNumber".into(), Value::Int(42)),
        ("myString".into(), Value::String("foo".into())),
        ("flag".into(), Value::Bool(true)),
    ];
    c.activity_outputs = vec![(
        "Lookup".into(),
        Value::from_json(r#"{"firstRow": {"id": 7}, "value": [{"n": "a"}, {"n": "b"}]}"#)
            .unwrap_or(Value::Null),
    )];
    c.system = vec![("RunId".into(), Value::String("run-1".into()))];
    c
}

fn eval(text: &str) -> String {
    match evaluate(text, &ctx()) {
        Ok(v) => v.to_json(),
        Err(e) => format!("error: {} @{:?}", e.message, e.range),
    }
}

fn needs(text: &str) -> Vec<String> {
    match evaluate(text, &ctx()) {
        Ok(Value::Unknown(n)) => n,
        other => vec![format!("{other:?}")],
    }
}

#[test]
fn interpolation_and_escapes_as_documented() {
    // https://learn.microsoft.com/en-us/azure/data-factory/control-flow-expression-language-functions#expressions
    assert_eq!(eval("@pipeline().parameters.myString"), r#""foo""#);
    assert_eq!(eval("@{pipeline().parameters.myString}"), r#""foo""#);
    assert_eq!(eval("@pipeline().parameters.myNumber"), "42");
    assert_eq!(eval("@{pipeline().parameters.myNumber}"), r#""42""#);
    assert_eq!(
        eval("Answer is: @{pipeline().parameters.myNumber}"),
        r#""Answer is: 42""#
    );
    assert_eq!(
        eval("@concat('Answer is: ', string(pipeline().parameters.myNumber))"),
        r#""Answer is: 42""#
    );
    assert_eq!(
        eval("Answer is: @@{pipeline().parameters.myNumber}"),
        r#""Answer is: @{pipeline().parameters.myNumber}""#
    );
    assert_eq!(eval("@@"), r#""@""#);
    assert_eq!(eval(" @"), r#"" @""#);
    assert_eq!(eval("parameters[1]"), r#""parameters[1]""#);
    assert_eq!(
        eval("@concat('Baba', '''s ', 'book store')"),
        r#""Baba's book store""#
    );
    // Chosen coercions inside `@{...}`: booleans as .NET writes them, arrays as JSON.
    assert_eq!(
        eval("@{pipeline().parameters.flag}/@{createArray(1, 'a')}"),
        r#""True/[1,\"a\"]""#
    );
}

#[test]
fn access_reads_outputs_with_optional_steps() {
    assert_eq!(eval("@activity('Lookup').output.firstRow.id"), "7");
    assert_eq!(eval("@activity('lookup').output['value'][1].n"), r#""b""#);
    assert_eq!(eval("@activity('Lookup').output?.missing"), "null");
    assert_eq!(eval("@activity('Lookup').output.value?[5]"), "null");
    assert_eq!(
        eval("@activity('Lookup').output.firstRow?.missing?.deeper"),
        "null"
    );
    assert_eq!(eval("@pipeline().RunId"), r#""run-1""#);
    assert_eq!(eval("@pipeline().parameters['myNumber']"), "42");
    let e = eval("@activity('Lookup').output.firstRow.name");
    assert!(
        e.contains("property 'name' doesn't exist, available properties are 'id'"),
        "{e}"
    );
    let e = eval("@activity('Lookup').output.value[2]");
    assert!(
        e.contains("array index '2' is outside bounds (0, 1)"),
        "{e}"
    );
}

#[test]
fn unknown_inputs_propagate_and_are_listed() {
    assert_eq!(
        needs("@concat(pipeline().parameters.A, variables('v'), pipeline().TriggerTime)"),
        vec![
            "pipeline().TriggerTime".to_string(),
            "pipeline().parameters.A".to_string(),
            "variables('v')".to_string()
        ]
    );
    assert_eq!(needs("x @{item().name} y"), vec!["item()".to_string()]);
    assert_eq!(
        needs("@activity('Other').output.x"),
        vec!["activity('Other').output".to_string()]
    );
    assert_eq!(
        needs("@utcNow()"),
        vec!["the current time (utcNow)".to_string()]
    );
    // Decided despite an unknown: the branch not taken, a false `and`, an earlier coalesce.
    assert_eq!(
        eval("@if(equals(1, 1), 'yes', pipeline().parameters.X)"),
        r#""yes""#
    );
    assert_eq!(eval("@and(false, variables('v'))"), "false");
    assert_eq!(eval("@or(variables('v'), true)"), "true");
    assert_eq!(eval("@coalesce(null, 'a', variables('v'))"), r#""a""#);
    assert_eq!(
        needs("@coalesce(variables('v'), 'a')"),
        vec!["variables('v')".to_string()]
    );
    assert_eq!(
        needs("@json(xml('<a/>'))"),
        vec!["json() of an XML value is not evaluated yet".to_string()]
    );
}

#[test]
fn errors_name_function_type_and_range() {
    let text = "@concat('a', length(null))";
    let e = evaluate(text, &ctx()).err();
    assert_eq!(
        e.as_ref().map(|e| e.message.as_str()),
        Some(
            "The function 'length' expects its parameter to be an array or a string. The \
             provided value is of type 'Null'."
        )
    );
    assert_eq!(
        e.map(|e| text.get(e.range).unwrap_or("").to_string())
            .as_deref(),
        Some("null")
    );
    let e = eval("@split(null, ',')");
    assert!(
        e.contains("The template language function 'split' expects its first parameter to be of type string. The provided value is of type 'Null'."),
        "{e}"
    );
    assert!(eval("@nosuch(1)").contains("The template function 'nosuch' is not defined"));
    assert!(eval("@substring('abc', 2, 5)").contains("parameters are out of range"));
    assert!(eval("@div(1, 0)").contains("cannot divide by zero"));
    assert!(eval("@add(9223372036854775807, 1)").contains("overflows"));
    assert!(eval("@mul(1e308, 10.0)").contains("overflows the range of floating-point"));
    assert!(eval("@div(-9223372036854775808, -1)").contains("overflows"));
    assert!(eval("@concat('a'").starts_with("error:"));
    assert!(eval("@length()").contains("expects 1 parameter(s) but was given 0"));
    let e = eval("@pipeline().parameters[1]");
    assert!(
        e.contains("'pipeline().parameters[1]' cannot be evaluated because parameters are named by strings"),
        "{e}"
    );
}

#[test]
fn names_ignore_case_and_numbers_keep_their_kind() {
    assert_eq!(eval("@TOUPPER(concat('a', 'b'))"), r#""AB""#);
    assert_eq!(eval("@add(1, 2)"), "3");
    assert_eq!(eval("@add(1, 1.5)"), "2.5");
    assert_eq!(eval("@div(11, 5)"), "2");
    assert_eq!(eval("@div(11, 5.0)"), "2.2");
    assert_eq!(eval("@mul(1.5, 2)"), "3.0");
    assert_eq!(eval("@string(mul(1.5, 2))"), r#""3""#);
}

#[test]
fn outputs_are_bounded() {
    assert!(eval("@range(0, 100000000)").contains("more than the 100000"));
    let mut text = "'aaaaaaaaaaaaaaaa'".to_string();
    for _ in 0..10 {
        text = format!("replace({text}, 'a', 'aaaaaaaaaaaaaaaa')");
    }
    assert!(eval(&format!("@{text}")).contains("more than 1048576 bytes"));
    let deep = format!("@{}1{}", "string(".repeat(200), ")".repeat(200));
    assert!(eval(&deep).starts_with("error:"));
    let mut nested = "createArray(1)".to_string();
    for _ in 0..60 {
        nested = format!("createArray({nested}, {nested})");
        if nested.len() > 4000 {
            break;
        }
    }
    let _ = eval(&format!("@string({nested})"));
}

#[test]
fn guid_and_rand_follow_the_seeded_source() {
    let mut c = ctx();
    c.seed(7);
    let a = evaluate("@guid()", &c)
        .map(|v| v.to_text())
        .unwrap_or_default();
    assert_eq!(a.len(), 36);
    assert_eq!(a.get(14..15), Some("4"));
    let mut again = ctx();
    again.seed(7);
    assert_eq!(evaluate("@guid()", &again).map(|v| v.to_text()), Ok(a));
    let r = evaluate("@rand(1, 5)", &c);
    assert!(matches!(r, Ok(Value::Int(1..=4))), "{r:?}");
    assert!(matches!(evaluate("@guid()", &ctx()), Ok(Value::Unknown(_))));
}

#[test]
fn large_inputs_are_read_and_quadratic_work_is_refused() {
    let mut c = ctx();
    let rows: Vec<String> = (0..60_000).map(|i| format!("{{\"k{i}\": {i}}}")).collect();
    let big = Value::from_json(&format!("[{}]", rows.join(",")));
    assert!(big.is_ok(), "{big:?}");
    c.activity_outputs = vec![("Big".into(), big.unwrap_or(Value::Null))];
    assert_eq!(
        evaluate("@length(activity('Big').output)", &c),
        Ok(Value::Int(60_000))
    );
    assert_eq!(
        evaluate("@activity('Big').output[59999].k59999", &c),
        Ok(Value::Int(59_999))
    );
    let e = evaluate("@union(range(0, 60000), range(1, 60000))", &c);
    assert!(
        e.as_ref()
            .is_err_and(|e| e.message.contains("more than the 10000")),
        "{e:?}"
    );
    assert_eq!(
        evaluate(
            "@equals(activity('Big').output, activity('Big').output)",
            &c
        ),
        Ok(Value::Bool(true))
    );
}

#[test]
fn hostile_and_half_typed_input_gives_values_or_errors_never_panics() {
    let mut c = ctx();
    c.now = DateTime::parse("9999-12-31T23:59:59Z");
    c.seed(1);
    for text in [
        "@",
        "@concat(",
        "@{",
        "@@",
        "@@@{'x'}",
        "a @{'}'} b",
        "@substring('é😀x', 1, 2)",
        "@substring('abc', -1, 2)",
        "@substring('abc', 9223372036854775807, 9223372036854775807)",
        "@take('😀😀', 1)",
        "@range(9223372036854775807, 2)",
        "@range(-5, -1)",
        "@rand(-9223372036854775808, 9223372036854775807)",
        "@addDays(utcNow(), 1)",
        "@addToTime('0001-01-01', -1, 'Year')",
        "@addToTime('2020-02-29', 9223372036854775807, 'Month')",
        "@formatDateTime('2018-03-15', '''unclosed')",
        "@formatDateTime('2018-03-15', 'ffffffff')",
        "@formatDateTime('2018-03-15', '\\')",
        "@formatDateTime('2018-03-15T25:00:00Z')",
        "@ticks('9999-12-31T23:59:59.9999999Z')",
        "@int('99999999999999999999')",
        "@int(1e300)",
        "@float('NaN')",
        "@json('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]')",
        "@base64ToString('####')",
        "@base64ToString('/w==')",
        "@dataUriToString('data:,a%zzb')",
        "@uriComponentToString('%E2%82')",
        "@guid('Q')",
        "@activity('Lookup').output.value[-1]",
        "@activity('Lookup').output.value['x']",
        "@activity('Lookup').output.firstRow[0]",
        "@pipeline().parameters.myNumber.x",
        "@pipeline()[1]",
        "@item()?.x",
        "@split('a', '')",
        "@replace('aaa', '', 'b')",
        "@max(createArray())",
        "@min('a', 1)",
        "@intersection(createArray(1), json('{}'))",
        "@union(json('{\"a\":1}'), json('{\"A\":2}'))",
        "@skip(createArray(1, 2), -1)",
        "@mod(5.5, 2)",
        "@equals(json('{\"a\":[1,{\"b\":null}]}'), json('{\"a\":[1.0,{\"b\":null}]}'))",
    ] {
        let _ = evaluate(text, &c);
    }
    // A leading `@@` makes the whole value literal text; elsewhere `@@` is one `@`.
    assert_eq!(
        evaluate("@@@{'x'}", &c),
        Ok(Value::String("@@{'x'}".into()))
    );
    assert_eq!(evaluate("a@@@{'x'}", &c), Ok(Value::String("a@x".into())));
    assert_eq!(
        evaluate("@substring('é😀x', 1, 2)", &c),
        Ok(Value::String("😀".into()))
    );
    assert_eq!(evaluate("@mod(5.5, 2)", &c), Ok(Value::Float(1.5)));
    assert_eq!(
        evaluate(
            "@equals(json('{\"a\":[1,{\"b\":null}]}'), json('{\"a\":[1.0,{\"b\":null}]}'))",
            &c
        ),
        Ok(Value::Bool(true))
    );
}

#[test]
fn binary_values_refuse_bad_input() {
    assert!(eval("@base64ToBinary('aGVsbG8')")
        .starts_with("error: The function 'base64ToBinary' was given text that is not base64."));
    assert!(eval("@base64ToBinary('$#[<')").starts_with("error:"));
    assert!(eval("@dataUriToBinary('text/plain,hello')").starts_with(
        "error: The function 'dataUriToBinary' was given text that is not a data URI."
    ));
    assert!(eval("@decodeDataUri('data:;;base64,dGVzdA==')")
        .starts_with("error: The function 'decodeDataUri'"));
    assert!(eval("@binary(null)").starts_with("error:"));
    // Binary values compare by content, and a content object written by hand is binary too.
    assert_eq!(eval("@equals(binary('a'), base64ToBinary('YQ=='))"), "true");
    assert_eq!(
        eval("@{json('{\"$content-type\": \"text/plain\", \"$content\": \"aGk=\"}')}"),
        r#""hi""#
    );
    // Bytes that are not UTF-8 read as replacement characters, never a panic.
    assert_eq!(
        eval("@{base64ToBinary('//79')}"),
        "\"\u{fffd}\u{fffd}\u{fffd}\""
    );
}

#[test]
fn time_zones_follow_daylight_saving_both_ways() {
    // US 2018: clocks forward 2018-03-11 02:00 PST, back 2018-11-04 02:00 PDT.
    assert_eq!(
        eval("@convertFromUtc('2018-03-11T09:59:59Z', 'Pacific Standard Time')"),
        r#""2018-03-11T01:59:59.0000000""#
    );
    assert_eq!(
        eval("@convertFromUtc('2018-03-11T10:00:00Z', 'Pacific Standard Time')"),
        r#""2018-03-11T03:00:00.0000000""#
    );
    assert_eq!(
        eval("@convertFromUtc('2018-11-04T08:30:00Z', 'Pacific Standard Time')"),
        r#""2018-11-04T01:30:00.0000000""#
    );
    assert_eq!(
        eval("@convertFromUtc('2018-11-04T09:30:00Z', 'Pacific Standard Time')"),
        r#""2018-11-04T01:30:00.0000000""#
    );
    // 02:30 never happened on 2018-03-11 in Los Angeles.
    assert!(
        eval("@convertToUtc('2018-03-11T02:30:00', 'Pacific Standard Time')").starts_with(
            "error: The function 'convertToUtc': 2018-03-11T02:30:00 is not a valid time"
        )
    );
    // Southern hemisphere: Sydney is UTC+11 in January, UTC+10 in July.
    assert_eq!(
        eval(
            "@convertTimeZone('2018-01-15T12:00:00', 'AUS Eastern Standard Time', 'UTC', 'HH:mm')"
        ),
        r#""01:00""#
    );
    assert_eq!(
        eval(
            "@convertTimeZone('2018-07-15T12:00:00', 'AUS Eastern Standard Time', 'UTC', 'HH:mm')"
        ),
        r#""02:00""#
    );
    assert!(
        eval("@convertFromUtc('2018-01-01T00:00:00Z', 'Mars Standard Time')")
            .contains("the time zone ID 'Mars Standard Time' was not found")
    );
    assert!(
        eval("@convertFromUtc('9999-12-31T23:00:00Z', 'Tokyo Standard Time')")
            .contains("outside the years 1 to 9999")
    );
    assert!(eval("@convertFromUtc('2018-01-01', 'UTC', 'x')").starts_with("error:"));
}

#[test]
fn xml_and_xpath_refuse_bad_input_with_clear_errors() {
    assert!(eval("@xml('<a><b></a>')")
        .starts_with("error: The function 'xml' was given text that is not XML:"));
    assert!(eval("@xml('some text')")
        .starts_with("error: The function 'xml' was given text that is not XML:"));
    assert!(eval("@xml(json('{\"a\": 1, \"b\": 2}'))")
        .starts_with("error: The function 'xml' cannot convert the object to XML:"));
    assert!(eval("@xml(1)").starts_with("error: The template language function 'xml' expects its parameter to be a string or an object."));
    assert!(eval("@xpath('<r/>', '/r')").starts_with("error: The template language function 'xpath' expects its first parameter to be an XML object"));
    assert!(eval("@xpath(xml('<r/>'), 'following::r')")
        .contains("unsupported XPath: the axis 'following'"));
    assert!(eval("@xpath(xml(binary('<')), '/')")
        .starts_with("error: The function 'xpath' was given content that is not XML:"));
    // Binary content becomes XML without being read, as in the service.
    assert_eq!(
        eval("@xml(binary('<'))"),
        r#"{"$content-type":"application/xml;charset=utf-8","$content":"PA=="}"#
    );
    let deep = format!("@xml('{}{}')", "<a>".repeat(300), "</a>".repeat(300));
    assert!(eval(&deep).contains("nests deeper than 256"));
    // An XML value round-trips through xml() and reads back as text.
    assert_eq!(eval("@{xml(xml('<r><a/></r>'))}"), r#""<r><a /></r>""#);
    assert_eq!(
        eval("@xpath(xml('<r><a>1</a><a>2</a></r>'), 'sum(//a) > 2')"),
        "true"
    );
    assert_eq!(eval("@xpath(xml('<r x=\"7\"/>'), '/r/@x')"), r#"["7"]"#);
}
