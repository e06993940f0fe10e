//! Values a spec's schemas allow, made from the schemas themselves, to decode with the
//! generated models: a value per variant of every `oneOf`/`anyOf`, per value of every
//! `enum`, each bound of an integer, `null` wherever it is allowed, every property
//! filled and every optional one left out. The schemas' own `example`s are kept apart,
//! since an example may contradict its schema.

use serde_json::{json, Map, Value};

/// How deep `$ref`s are followed before optional properties are left out and
/// required ones take the simplest value.
const MAX_DEPTH: usize = 6;

/// The most values made for one schema.
const MAX_VALUES: usize = 12;

/// The values made for the schema at `pointer` of `root`, and the schema's examples.
pub struct Instances {
    pub made: Vec<Value>,
    pub examples: Vec<Value>,
}

pub fn of_schema(root: &Value, schema: &Value) -> Instances {
    let mut examples = Vec::new();
    if let Some(example) = schema.get("example") {
        examples.push(example.clone());
    }
    if let Some(list) = schema.get("examples").and_then(Value::as_array) {
        examples.extend(list.iter().cloned());
    }
    let maker = Maker { root };
    let mut made = maker.values(schema, 0);
    made.truncate(MAX_VALUES);
    Instances { made, examples }
}

struct Maker<'a> {
    root: &'a Value,
}

impl Maker<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        let mut schema = schema;
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let pointer = reference.trim_start_matches('#');
            match self.root.pointer(pointer) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// Every value worth trying for `schema`, the simplest first.
    fn values(&self, schema: &Value, depth: usize) -> Vec<Value> {
        let schema = self.resolve(schema);
        if depth > MAX_DEPTH + 4 {
            return vec![Value::Null];
        }
        let Some(map) = schema.as_object() else {
            return vec![json!({})];
        };
        if types(map) == ["null"] {
            return vec![Value::Null];
        }
        let nullable =
            map.get("nullable") == Some(&Value::Bool(true)) || types(map).contains(&"null");
        let mut out = self.shapes(map, depth);
        match (nullable, depth >= MAX_DEPTH) {
            (true, true) => out.insert(0, Value::Null),
            (true, false) => out.push(Value::Null),
            _ => {}
        }
        if out.is_empty() {
            out.push(Value::Null);
        }
        out
    }

    fn shapes(&self, map: &Map<String, Value>, depth: usize) -> Vec<Value> {
        if let Some(value) = map.get("const") {
            return vec![value.clone()];
        }
        if let Some(values) = map.get("enum").and_then(Value::as_array) {
            return values.iter().filter(|v| !v.is_null()).cloned().collect();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(variants) = map.get(key).and_then(Value::as_array) {
                let own = self.object(map, depth, depth >= MAX_DEPTH);
                let mut out = Vec::new();
                for variant in variants {
                    for value in self.values(variant, depth + 1).into_iter().take(2) {
                        out.extend(merge(own.clone(), value));
                    }
                }
                return out;
            }
        }
        if let Some(parts) = map.get("allOf").and_then(Value::as_array) {
            let deep = depth >= MAX_DEPTH;
            if let Some(object) = self.object(map, depth, deep) {
                return vec![object];
            }
            // `allOf: [X]` around a value that is no object (an enum, a string): X's.
            return match parts.first() {
                Some(first) => self.values(first, depth + 1),
                None => vec![json!({})],
            };
        }
        let kind = types(map).into_iter().find(|t| *t != "null");
        let kind = kind.or_else(|| {
            (map.contains_key("properties") || map.contains_key("additionalProperties"))
                .then_some("object")
        });
        match kind {
            Some("string") => vec![string(map)],
            Some("integer") => integers(map),
            Some("number") => vec![json!(1.5)],
            Some("boolean") => vec![json!(true), json!(false)],
            // Deep down, the smallest values first, so that recursive schemas end.
            Some("array") if depth >= MAX_DEPTH => vec![json!([])],
            Some("array") => {
                let items = map
                    .get("items")
                    .map(|items| self.values(items, depth + 1))
                    .unwrap_or_else(|| vec![json!(1)]);
                vec![Value::Array(items.into_iter().take(3).collect()), json!([])]
            }
            Some("object") => {
                let deep = depth >= MAX_DEPTH;
                let mut out: Vec<Value> = self.object(map, depth, deep).into_iter().collect();
                if !deep {
                    out.extend(self.object(map, depth, true));
                }
                if out.is_empty() {
                    out.push(json!({}));
                }
                out
            }
            _ => vec![json!({"any": [1, "two"]})],
        }
    }

    /// The object of `map`'s properties and those of its `allOf` parts: every one
    /// filled, or (`minimal`) only the required ones, `null` where allowed; `None`
    /// when it has no properties.
    fn object(&self, map: &Map<String, Value>, depth: usize, minimal: bool) -> Option<Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut additional = None;
        self.flatten(map, &mut properties, &mut required, &mut additional, 0);
        if properties.is_empty() && additional.is_none() {
            return None;
        }
        let mut object = Map::new();
        for (key, property) in &properties {
            let is_required = required.contains(key);
            if minimal && !is_required {
                continue;
            }
            let values = self.values(property, depth + 1);
            let value = match minimal && values.contains(&Value::Null) {
                true => Value::Null,
                false => values.into_iter().next().unwrap_or(Value::Null),
            };
            object.insert(key.clone(), value);
        }
        if let (Some(values), false) = (additional, minimal) {
            let value = self.values(&values, depth + 1).into_iter().next();
            object.insert("extra-key".to_owned(), value.unwrap_or(Value::Null));
        }
        Some(Value::Object(object))
    }

    /// Gathers the properties, `required` names and `additionalProperties` of `map`
    /// and of its `allOf` parts.
    fn flatten(
        &self,
        map: &Map<String, Value>,
        properties: &mut Map<String, Value>,
        required: &mut Vec<String>,
        additional: &mut Option<Value>,
        depth: usize,
    ) {
        if depth > 16 {
            return;
        }
        for part in map
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(part) = self.resolve(part).as_object() {
                self.flatten(part, properties, required, additional, depth + 1);
            }
        }
        for (key, property) in map
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            properties.insert(key.clone(), property.clone());
        }
        required.extend(self::required(map).into_iter().map(str::to_owned));
        if let Some(values) = map.get("additionalProperties").filter(|v| v.is_object()) {
            *additional = Some(values.clone());
        }
    }
}

fn types(map: &Map<String, Value>) -> Vec<&str> {
    match map.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn required(map: &Map<String, Value>) -> Vec<&str> {
    map.get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn string(map: &Map<String, Value>) -> Value {
    json!(match map.get("format").and_then(Value::as_str) {
        Some("date-time") => "2024-01-02T03:04:05Z",
        Some("date") => "2024-01-02",
        Some("uuid") => "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
        Some("byte") => "aGVsbG8=",
        _ => "text",
    })
}

/// An integer within the schema's bounds, and each bound (a bound past i32 must
/// decode).
fn integers(map: &Map<String, Value>) -> Vec<Value> {
    let bound = |key| map.get(key).filter(|b: &&Value| b.is_i64() || b.is_u64());
    let (min, max) = (bound("minimum"), bound("maximum"));
    let inside = |n: i64| {
        min.and_then(Value::as_f64).is_none_or(|m| n as f64 >= m)
            && max.and_then(Value::as_f64).is_none_or(|m| n as f64 <= m)
    };
    let mut out: Vec<Value> = [7, 0]
        .into_iter()
        .filter(|n| inside(*n))
        .map(|n| json!(n))
        .collect();
    out.extend(min.into_iter().chain(max).cloned());
    out
}

/// `a`'s properties, then `b`'s, when both are objects; else `b`.
fn merge(a: Option<Value>, b: Value) -> Option<Value> {
    match (a, b) {
        (Some(Value::Object(mut a)), Value::Object(b)) => {
            a.extend(b);
            Some(Value::Object(a))
        }
        (None, b) => Some(b),
        (Some(a), Value::Null) => Some(a),
        (_, b) => Some(b),
    }
}
