//! `apibind model --explain`: each parameter's wire facts with the rule that set them,
//! so a user sees which were stated and which were guessed.

use std::fmt::Write;

use crate::model::WireRule;
use crate::pipeline::Loaded;

/// The naming conventions and their evidence, then one line per parameter:
/// operation, parameter, location, wire name and rule, in columns; then how many
/// parameters each rule set.
pub fn wire_facts(loaded: &Loaded) -> String {
    let mut out = String::new();
    match &loaded.conventions {
        Some(conventions) => {
            let _ = writeln!(out, "{conventions}");
        }
        None => out.push_str("wire names: stated by the spec\n"),
    }
    let mut rows: Vec<[String; 5]> = Vec::new();
    let mut counts: Vec<(WireRule, usize)> = Vec::new();
    for op in loaded.api.operations() {
        for p in &op.params {
            rows.push([
                op.name.clone(),
                p.name.clone(),
                p.location.as_str().to_owned(),
                p.wire_name.clone(),
                p.wire_rule.describe().to_owned(),
            ]);
            match counts.iter_mut().find(|(rule, _)| *rule == p.wire_rule) {
                Some((_, n)) => *n += 1,
                None => counts.push((p.wire_rule, 1)),
            }
        }
    }
    let mut widths = [0; 4];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for [op, name, location, wire, rule] in &rows {
        let line = format!(
            "{op:w0$}  {name:w1$}  {location:w2$}  {wire:w3$}  {rule}",
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.describe().cmp(b.0.describe())));
    let summed: Vec<String> = counts
        .iter()
        .map(|(rule, n)| format!("{n} {}", rule.describe()))
        .collect();
    let _ = writeln!(out, "{} parameters: {}", rows.len(), summed.join(", "));
    out
}
