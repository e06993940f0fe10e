//! `apibind model --explain`: each wire fact with the rule that set it, so a user sees
//! which were stated and which were guessed.

use std::fmt::Write;

use crate::model::{ModelKind, WireRule};
use crate::pipeline::Loaded;

/// What set a JSON key: as for parameters, with the same words.
const FIELD_CONVENTION: &str = "the API's naming convention";
const FIELD_OVERLAY: &str = "stated by the overlay";

/// The naming conventions and their evidence, then one row per parameter (operation,
/// parameter, location, wire name, rule) and per field of a struct model (model,
/// field, `json`, JSON key, rule), in columns; then how many each rule set.
pub fn wire_facts(loaded: &Loaded) -> String {
    let mut out = String::new();
    match &loaded.conventions {
        Some(conventions) => {
            let _ = writeln!(out, "{conventions}");
        }
        None => out.push_str("wire names: stated by the spec\n"),
    }
    let mut params = Table::default();
    for op in loaded.api.operations() {
        for p in &op.params {
            params.row(
                [&op.name, &p.name, p.location.as_str(), &p.wire_name],
                p.wire_rule.describe(),
            );
        }
    }
    let mut fields = Table::default();
    for model in &loaded.api.models {
        let ModelKind::Struct { fields: list } = &model.kind else {
            continue;
        };
        for field in list {
            // Docs read alone name a key by the convention unless the overlay states
            // it; with a spec, the spec states every key.
            let rule = match &loaded.conventions {
                None => WireRule::Spec.describe(),
                Some(c) if c.fields.case.apply(&field.name) == field.json_name => FIELD_CONVENTION,
                Some(_) => FIELD_OVERLAY,
            };
            fields.row([&model.name, &field.name, "json", &field.json_name], rule);
        }
    }
    let widths = params.widths().map2(fields.widths());
    params.print(&mut out, widths);
    fields.print(&mut out, widths);
    let _ = writeln!(out, "{} parameters: {}", params.rows.len(), params.counts());
    let _ = writeln!(
        out,
        "{} JSON fields: {}",
        fields.rows.len(),
        fields.counts()
    );
    out
}

/// Rows of four cells and a rule, with how many rows each rule set, in order of
/// first use.
#[derive(Default)]
struct Table<'a> {
    rows: Vec<([&'a str; 4], &'static str)>,
    counts: Vec<(&'static str, usize)>,
}

impl<'a> Table<'a> {
    fn row(&mut self, cells: [&'a str; 4], rule: &'static str) {
        self.rows.push((cells, rule));
        match self.counts.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, n)) => *n += 1,
            None => self.counts.push((rule, 1)),
        }
    }

    fn widths(&self) -> Widths {
        let mut widths = [0; 4];
        for (cells, _) in &self.rows {
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell.chars().count());
            }
        }
        Widths(widths)
    }

    fn print(&self, out: &mut String, Widths(w): Widths) {
        for ([a, b, c, d], rule) in &self.rows {
            let line = format!(
                "{a:w0$}  {b:w1$}  {c:w2$}  {d:w3$}  {rule}",
                w0 = w[0],
                w1 = w[1],
                w2 = w[2],
                w3 = w[3]
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }

    /// `4 the API's naming convention, 2 the path's placeholder`: most first.
    fn counts(&self) -> String {
        let mut counts = self.counts.clone();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
            .iter()
            .map(|(rule, n)| format!("{n} {rule}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The widths of a table's four columns.
#[derive(Clone, Copy)]
struct Widths([usize; 4]);

impl Widths {
    /// The wider of each column: two tables printed as one.
    fn map2(self, other: Widths) -> Widths {
        let mut widths = self.0;
        for (w, o) in widths.iter_mut().zip(other.0) {
            *w = (*w).max(o);
        }
        Widths(widths)
    }
}
