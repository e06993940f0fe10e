//! Rule `naming-convention`: the case an API spells its parameter names and JSON keys
//! in, chosen from what its docs show.
//!
//! Docs print every name in the SDK language's case (Go's and Java's `nextPageKey`,
//! Python's `next_page_key`), whatever the API spells. Within one API the convention
//! is nearly always one, and the docs hold evidence of it:
//! - **names in prose**: descriptions that name a parameter or a field as the API
//!   spells it (`` `page_token` ``, `in_reply_to_id`, `nextCursor`);
//! - **path placeholders**: the path template spells its parameters as the spec does
//!   (`/gardens/{garden_id}` beside a documented `gardenId`).
//!
//! Names in prose speak of the names themselves; placeholders only of the path, which
//! some APIs spell apart from their query (`/status/{agentId}` beside `category_ids`).
//! So a choice is made from the first that speaks: names in prose of the same kind
//! (parameters or fields), names in prose of the other kind, path placeholders; with
//! none, snake_case. The overlay's `naming:` wins over all of them.

use std::collections::BTreeSet;
use std::fmt;

use heck::{ToLowerCamelCase, ToSnakeCase};

use crate::conventions::{Case, Naming};
use crate::diagnostic::Diagnostics;
use crate::parse::markdown::{DocFile, ModelDocShape};

use super::path_placeholder;

/// A spelling a name can show: the two conventions docs tell apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Spelling {
    /// `page_token`.
    Snake,
    /// `pageToken`.
    Camel,
}

impl Spelling {
    fn as_str(self) -> &'static str {
        match self {
            Spelling::Snake => "snake_case",
            Spelling::Camel => "camelCase",
        }
    }
}

/// The distinct names one kind of evidence shows in each spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Votes {
    snake: BTreeSet<String>,
    camel: BTreeSet<String>,
}

impl Votes {
    fn add(&mut self, spelling: Spelling, name: &str) {
        match spelling {
            Spelling::Snake => self.snake.insert(name.to_owned()),
            Spelling::Camel => self.camel.insert(name.to_owned()),
        };
    }

    fn of(&self, spelling: Spelling) -> usize {
        match spelling {
            Spelling::Snake => self.snake.len(),
            Spelling::Camel => self.camel.len(),
        }
    }

    /// The spelling most names show; none on a tie.
    fn winner(&self) -> Option<Spelling> {
        use std::cmp::Ordering::*;
        match self.snake.len().cmp(&self.camel.len()) {
            Greater => Some(Spelling::Snake),
            Less => Some(Spelling::Camel),
            Equal => None,
        }
    }
}

/// What the docs show of one kind of name (parameters or fields).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Evidence {
    /// Names of this kind in prose.
    prose: Votes,
    /// Whether every multi-word documented name of this kind is already lowerCamelCase:
    /// then camelCase is the docs' own spelling.
    printed_camel: bool,
    /// Whether any name of this kind has several words: the only names a convention
    /// changes.
    multi_word: bool,
}

/// Where a choice came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The overlay's `naming:` sets it.
    Overlay,
    /// Names of this kind in prose.
    Prose(Votes),
    /// Names of the other kind in prose.
    OtherProse(Votes),
    /// Path placeholders.
    Paths(Votes),
    /// Nothing in the docs tells: snake_case.
    Nothing,
}

/// One convention chosen, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The convention.
    pub case: Case,
    /// What chose it.
    pub basis: Basis,
}

/// The conventions of an API's wire names, and the evidence they were chosen from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conventions {
    /// Query, form and multipart parameter names.
    pub params: Choice,
    /// JSON keys of model fields.
    pub fields: Choice,
    /// The path placeholders' evidence, kept for the report.
    paths: Votes,
}

impl Conventions {
    /// Whether the overlay set every convention: nothing was chosen.
    pub fn all_set(&self) -> bool {
        self.params.basis == Basis::Overlay && self.fields.basis == Basis::Overlay
    }

    /// `naming` with every case it leaves unset filled in by the choice.
    pub fn resolve(&self, naming: &Naming) -> Naming {
        Naming {
            params: Some(self.params.case),
            model_fields: Some(self.fields.case),
            array_suffix: naming.array_suffix.clone(),
        }
    }
}

/// Chooses the conventions `naming` leaves unset from what `docs` show; warns when
/// the evidence is thin or split.
pub fn choose(docs: &[DocFile], naming: &Naming, diagnostics: &mut Diagnostics) -> Conventions {
    let (params, fields, paths) = gather(docs);
    let conventions = Conventions {
        params: decide(naming.params, &params, &fields, &paths),
        fields: decide(naming.model_fields, &fields, &params, &paths),
        paths,
    };
    warn(&conventions, &params, &fields, diagnostics);
    conventions
}

/// The evidence of parameters, of fields, and of path placeholders.
fn gather(docs: &[DocFile]) -> (Evidence, Evidence, Votes) {
    let mut param_names = Names::default();
    let mut field_names = Names::default();
    let mut prose: Vec<&str> = Vec::new();
    let mut paths = Votes::default();
    for doc in docs {
        match doc {
            DocFile::Api(api) => {
                for op in &api.operations {
                    prose.extend(op.summary.as_deref());
                    prose.extend(op.description.as_deref());
                    for p in &op.params {
                        prose.extend(p.description.as_deref());
                        match path_placeholder(&p.name, &op.path) {
                            Some(placeholder) => {
                                if let Some(spelling) = spelling_of(&p.name, placeholder) {
                                    paths.add(spelling, placeholder);
                                }
                            }
                            None => param_names.add(&p.name),
                        }
                    }
                }
            }
            DocFile::Model(model) => {
                if let ModelDocShape::Properties(properties) = &model.shape {
                    for p in properties {
                        prose.extend(p.description.as_deref());
                        field_names.add(&p.name);
                    }
                }
            }
        }
    }
    let mut params = Evidence {
        printed_camel: param_names.printed_camel(),
        multi_word: !param_names.camel.is_empty(),
        ..Evidence::default()
    };
    let mut fields = Evidence {
        printed_camel: field_names.printed_camel(),
        multi_word: !field_names.camel.is_empty(),
        ..Evidence::default()
    };
    for text in prose {
        for word in identifiers(text) {
            if let Some(spelling) = param_names.spelling_of(&word) {
                params.prose.add(spelling, &word);
            }
            if let Some(spelling) = field_names.spelling_of(&word) {
                fields.prose.add(spelling, &word);
            }
        }
    }
    (params, fields, paths)
}

/// The multi-word names of one kind, in both spellings.
#[derive(Default)]
struct Names {
    snake: BTreeSet<String>,
    camel: BTreeSet<String>,
    /// How many multi-word documented names are not lowerCamelCase.
    not_camel: usize,
}

impl Names {
    fn add(&mut self, documented: &str) {
        let documented = documented.strip_suffix('_').unwrap_or(documented);
        let snake = documented.to_snake_case();
        let camel = documented.to_lower_camel_case();
        if snake == camel {
            return;
        }
        if documented != camel {
            self.not_camel += 1;
        }
        self.snake.insert(snake);
        self.camel.insert(camel);
    }

    fn spelling_of(&self, word: &str) -> Option<Spelling> {
        if self.snake.contains(word) {
            Some(Spelling::Snake)
        } else if self.camel.contains(word) {
            Some(Spelling::Camel)
        } else {
            None
        }
    }

    /// Whether the docs print these names in lowerCamelCase: some have several words,
    /// and all of those are.
    fn printed_camel(&self) -> bool {
        !self.camel.is_empty() && self.not_camel == 0
    }
}

/// Which spelling of `documented` the wire name `wire` is, if the two differ.
fn spelling_of(documented: &str, wire: &str) -> Option<Spelling> {
    let snake = documented.to_snake_case();
    let camel = documented.to_lower_camel_case();
    if snake == camel {
        None
    } else if wire == snake {
        Some(Spelling::Snake)
    } else if wire == camel {
        Some(Spelling::Camel)
    } else {
        None
    }
}

/// The identifiers of `text`: runs of letters, digits and `_`, with the zero-width
/// spaces some docs hide inside names taken out.
fn identifiers(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '\u{200b}'))
        .map(|word| word.replace('\u{200b}', ""))
        .filter(|word| word.len() > 2)
}

fn decide(set: Option<Case>, own: &Evidence, other: &Evidence, paths: &Votes) -> Choice {
    if let Some(case) = set {
        return Choice {
            case,
            basis: Basis::Overlay,
        };
    }
    let case = |spelling: Spelling| match spelling {
        Spelling::Snake => Case::SnakeCase,
        Spelling::Camel if own.printed_camel => Case::AsDocumented,
        Spelling::Camel => Case::CamelCase,
    };
    // Placeholders speak of the path only: one alone is too little to go by.
    let paths_winner = paths
        .winner()
        .filter(|&spelling| paths.of(spelling) >= PATHS_ALONE);
    let tiers = [
        (own.prose.winner(), Basis::Prose(own.prose.clone())),
        (other.prose.winner(), Basis::OtherProse(other.prose.clone())),
        (paths_winner, Basis::Paths(paths.clone())),
    ];
    for (winner, basis) in tiers {
        if let Some(spelling) = winner {
            return Choice {
                case: case(spelling),
                basis,
            };
        }
    }
    Choice {
        case: Case::SnakeCase,
        basis: Basis::Nothing,
    }
}

/// How many path placeholders must agree to choose a convention with nothing else.
const PATHS_ALONE: usize = 2;

/// Fewer names than this make the evidence thin.
const THIN: usize = 3;

/// A warning when a choice rests on fewer than [`THIN`] names, on split evidence, or
/// against as many path placeholders.
fn warn(
    conventions: &Conventions,
    params: &Evidence,
    fields: &Evidence,
    diagnostics: &mut Diagnostics,
) {
    for (what, choice, own, other_kind) in [
        ("parameter names", &conventions.params, params, FIELDS),
        ("JSON field names", &conventions.fields, fields, PARAMS),
    ] {
        // A choice changes no name of one word: nothing to warn about.
        if !own.multi_word {
            continue;
        }
        let message = match &choice.basis {
            // With nothing to go by, snake_case is the default, as the overlay's; the
            // summary line and `model --explain` say so.
            Basis::Overlay | Basis::Nothing => continue,
            Basis::Prose(votes) | Basis::OtherProse(votes) | Basis::Paths(votes) => {
                let chosen = spelling(choice.case);
                let against = votes.of(other(chosen));
                let paths = &conventions.paths;
                let paths_disagree = !matches!(choice.basis, Basis::Paths(_))
                    && paths.winner() == Some(other(chosen))
                    && paths.of(other(chosen)) >= THIN;
                // Every kind of evidence that agrees counts toward the support.
                let support = params.prose.of(chosen) + fields.prose.of(chosen) + paths.of(chosen);
                if support < THIN {
                    format!(
                        "{what}: {} chosen on thin evidence ({})",
                        chosen.as_str(),
                        describe(&choice.basis, other_kind)
                    )
                } else if against * 2 >= votes.of(chosen) {
                    format!(
                        "{what}: the evidence is split ({} names show {}, {against} show {}); {} is chosen",
                        votes.of(chosen),
                        chosen.as_str(),
                        other(chosen).as_str(),
                        chosen.as_str()
                    )
                } else if paths_disagree {
                    format!(
                        "{what}: {} from {}, although {} path placeholders are {}",
                        chosen.as_str(),
                        describe(&choice.basis, other_kind),
                        paths.of(other(chosen)),
                        other(chosen).as_str()
                    )
                } else {
                    continue;
                }
            }
        };
        diagnostics
            .warning(None, message)
            .kind("naming convention guessed")
            .help = Some(
            "set it in the overlay: `naming: {params: snake_case | camelCase | as_documented, model_fields: ...}`"
                .to_owned(),
        );
    }
}

fn spelling(case: Case) -> Spelling {
    match case {
        Case::SnakeCase => Spelling::Snake,
        Case::CamelCase | Case::AsDocumented => Spelling::Camel,
    }
}

fn other(spelling: Spelling) -> Spelling {
    match spelling {
        Spelling::Snake => Spelling::Camel,
        Spelling::Camel => Spelling::Snake,
    }
}

/// `n` things, `what` naming one and `whats` several.
fn count(n: usize, (what, whats): (&str, &str)) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {whats}"),
    }
}

/// How the other kind's names in prose are counted, for parameters and for fields.
const FIELDS: (&str, &str) = ("field name in prose", "field names in prose");
const PARAMS: (&str, &str) = ("parameter name in prose", "parameter names in prose");

/// The evidence a choice rests on, e.g. `41 path placeholders (2 against)`;
/// `other_kind` counts the other kind's names in prose.
fn describe(basis: &Basis, other_kind: (&str, &str)) -> String {
    let tally = |votes: &Votes, what: (&str, &str)| {
        let (winner, loser) = match votes.winner() {
            Some(Spelling::Camel) => (votes.camel.len(), votes.snake.len()),
            _ => (votes.snake.len(), votes.camel.len()),
        };
        match loser {
            0 => count(winner, what),
            n => format!("{} ({n} against)", count(winner, what)),
        }
    };
    match basis {
        Basis::Overlay => "the overlay's `naming:`".to_owned(),
        Basis::Prose(votes) => tally(votes, ("name in prose", "names in prose")),
        Basis::OtherProse(votes) => tally(votes, other_kind),
        Basis::Paths(votes) => tally(votes, ("path placeholder", "path placeholders")),
        Basis::Nothing => "no evidence, the default".to_owned(),
    }
}

fn label(case: Case) -> &'static str {
    match case {
        Case::SnakeCase => "snake_case",
        Case::CamelCase => "camelCase",
        Case::AsDocumented => "as documented (camelCase)",
    }
}

impl fmt::Display for Conventions {
    /// `wire names: parameters as documented (camelCase) (41 path placeholders);
    /// JSON fields snake_case (12 names in prose)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "wire names: parameters {} ({}); JSON fields {} ({})",
            label(self.params.case),
            describe(&self.params.basis, FIELDS),
            label(self.fields.case),
            describe(&self.fields.basis, PARAMS)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_drop_zero_width_spaces_inside_names() {
        let words: Vec<String> =
            identifiers("fields `s\u{200b}ource_ids` and in_reply_to").collect();
        assert!(words.contains(&"source_ids".to_owned()), "{words:?}");
        assert!(words.contains(&"in_reply_to".to_owned()));
    }

    #[test]
    fn a_placeholder_shows_the_spelling_of_its_documented_name() {
        assert_eq!(spelling_of("gardenId", "garden_id"), Some(Spelling::Snake));
        assert_eq!(spelling_of("garden_id", "gardenId"), Some(Spelling::Camel));
        // One word tells nothing.
        assert_eq!(spelling_of("id", "id"), None);
    }

    #[test]
    fn names_of_one_kind_come_before_the_other_and_paths() {
        let mut own = Evidence::default();
        let mut other = Evidence::default();
        let mut paths = Votes::default();
        paths.add(Spelling::Camel, "agentId");
        let alone = decide(None, &Evidence::default(), &Evidence::default(), &paths);
        assert_eq!(alone.basis, Basis::Nothing, "one placeholder is too little");
        for p in ["threadId", "userId"] {
            paths.add(Spelling::Camel, p);
        }
        other.prose.add(Spelling::Camel, "createdAt");
        own.prose.add(Spelling::Snake, "source_ids");
        let choice = decide(None, &own, &other, &paths);
        assert_eq!(choice.case, Case::SnakeCase);
        let choice = decide(None, &Evidence::default(), &other, &paths);
        assert_eq!(choice.case, Case::CamelCase);
        assert!(matches!(choice.basis, Basis::OtherProse(_)));
        let printed = Evidence {
            printed_camel: true,
            ..Evidence::default()
        };
        let choice = decide(None, &printed, &Evidence::default(), &paths);
        assert_eq!(choice.case, Case::AsDocumented);
        let choice = decide(
            None,
            &Evidence::default(),
            &Evidence::default(),
            &Votes::default(),
        );
        assert_eq!(
            (choice.case, choice.basis),
            (Case::SnakeCase, Basis::Nothing)
        );
        let choice = decide(Some(Case::CamelCase), &own, &other, &paths);
        assert_eq!(
            (choice.case, choice.basis),
            (Case::CamelCase, Basis::Overlay)
        );
    }
}
