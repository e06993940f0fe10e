//! The `apibind` command: print the model, generate the standalone crate, or check
//! that the checked-in crate is up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use apibind::{output, Config};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Generation allocates small token trees by the million; mimalloc spends a third less
/// time on them than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Typed async Rust clients from an API's markdown docs.
#[derive(Parser)]
#[command(name = "apibind", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the endpoint model the docs describe.
    Model {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Instead of the model, say for each parameter where it goes, under which
        /// name, and the rule that set them (spec, overlay, naming convention, header
        /// registry...), after the naming conventions and their evidence.
        #[arg(long)]
        explain: bool,
    },
    /// Write the client crate, and say how its public API changed.
    Generate {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
        /// Write the version the API change needs into the crate's `Cargo.toml`, and
        /// the change report on top of its `CHANGELOG.md`.
        #[arg(long)]
        bump: bool,
        /// Fail, writing nothing, when the client's API changes in a way that breaks
        /// its users.
        #[arg(long)]
        deny_breaking: bool,
    },
    /// Fail, with the API change report and a diff, when the client crate differs
    /// from what `generate` writes.
    Check {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
        /// Also fail when the change breaks the client's users.
        #[arg(long)]
        deny_breaking: bool,
    },
    /// Compare the client APIs two inputs make (two docs folders, two specs, or a
    /// crate's kept `apibind-api.json`): breaking changes, additions, docs, and the
    /// version bump they need.
    Changes {
        /// The old input: a docs folder, a spec, a generated crate or its
        /// `apibind-api.json`.
        old: PathBuf,
        /// The new input, of any of the same kinds.
        new: PathBuf,
        /// Apply no overlay to either side.
        #[arg(long)]
        no_overlay: bool,
        /// Output format: a markdown report, or JSON (`breaking`, `additive`,
        /// `other`, `bump`) for tools and CI.
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
    },
    /// List every fact the docs and the spec state differently; fail if there is any.
    Diff {
        #[command(flatten)]
        input: Input,
    },
}

#[derive(Args)]
struct Input {
    /// Directory of markdown docs (`*.md`) [default: spec, unless --spec is given].
    #[arg(long)]
    docs: Option<PathBuf>,
    /// An OpenAPI 3.1, 3.0 or Swagger 2.0 spec (YAML or JSON), a spec split over files,
    /// or a folder of specs. With --docs, the spec wins on wire facts and the docs on
    /// prose.
    #[arg(long)]
    spec: Option<PathBuf>,
    /// Read the docs alone, even in an SDK checkout that holds the spec they were
    /// printed from beside them (`api/openapi.yaml`, `api/swagger.yaml`).
    #[arg(long, conflicts_with = "spec")]
    docs_only: bool,
    /// Overlay file: apibind's own, or an OAI Overlay 1.0 document for a spec
    /// [default: apibind.yaml beside the docs (or the spec) when it exists].
    #[arg(long, conflicts_with = "no_overlay")]
    overlay: Option<PathBuf>,
    /// Apply no overlay.
    #[arg(long)]
    no_overlay: bool,
    /// Fail on any warning instead of generating an item loosely or leaving it out.
    #[arg(long)]
    strict: bool,
    /// List every warning; by default a kind seen more than a few times is summed up.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Args)]
struct Output {
    /// The crate's directory.
    #[arg(long, default_value = "generated-client")]
    out: PathBuf,
    /// The crate's package name [default: the API title in kebab case + `-client`].
    #[arg(long)]
    name: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Yaml,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

impl Input {
    fn config(&self) -> Config {
        let mut config = Config::new()
            .strict(self.strict)
            .verbose(self.verbose)
            .docs_only(self.docs_only);
        if let Some(docs) = &self.docs {
            config = config.docs(docs);
        }
        if let Some(spec) = &self.spec {
            config = config.spec(spec);
        }
        match (&self.overlay, self.no_overlay) {
            (Some(file), _) => config.overlay(file),
            (None, true) => config.no_overlay(),
            (None, false) => config,
        }
    }
}

fn with_output(input: &Input, output: &Output) -> Config {
    match &output.name {
        Some(name) => input.config().crate_name(name),
        None => input.config(),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, apibind::Error> {
    match cli.command {
        Command::Model {
            input,
            format,
            explain,
        } => {
            let loaded = input.config().load()?;
            eprint!("{}", loaded.render_diagnostics());
            if explain {
                print!("{}", apibind::explain::wire_facts(&loaded));
                return Ok(ExitCode::SUCCESS);
            }
            let text = match format {
                Format::Json => serde_json::to_string_pretty(&loaded.api)
                    .map(|mut s| {
                        s.push('\n');
                        s
                    })
                    .map_err(|e| apibind::Error::Internal(e.to_string()))?,
                Format::Yaml => serde_yaml::to_string(&loaded.api)
                    .map_err(|e| apibind::Error::Internal(e.to_string()))?,
            };
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            input,
            output,
            bump,
            deny_breaking,
        } => {
            let how = apibind::Regenerate {
                bump,
                deny_breaking,
            };
            let done = with_output(&input, &output).regenerate(&output.out, how)?;
            eprint!("{}", done.loaded.render_diagnostics());
            println!("apibind: {}", done.summary);
            if let Some(report) = &done.report {
                let mut line = report.summary(&done.previous_version);
                if done.version != done.previous_version {
                    line = format!("{line} (written into Cargo.toml and CHANGELOG.md)");
                }
                println!("apibind: {line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Changes {
            old,
            new,
            no_overlay,
            format,
        } => {
            let old = apibind::changes::surface_of(&old, no_overlay)?;
            let new = apibind::changes::surface_of(&new, no_overlay)?;
            let report = apibind::changes::compare(&old, &new);
            match format {
                ReportFormat::Markdown => print!("{}", report.markdown("")),
                ReportFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report)
                        .map_err(|e| apibind::Error::Internal(e.to_string()))?
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { input } => {
            let differences = input.config().diff()?;
            for difference in &differences {
                println!("{difference}");
            }
            eprintln!("apibind: {} differences", differences.len());
            Ok(match differences.is_empty() {
                true => ExitCode::SUCCESS,
                false => ExitCode::FAILURE,
            })
        }
        Command::Check {
            input,
            output,
            deny_breaking,
        } => {
            let apibind::NextCrate {
                files,
                report,
                version,
                ..
            } = with_output(&input, &output).next_crate(&output.out)?;
            let diff = output::diff_files(&output.out, &files);
            let breaking = report.as_ref().is_some_and(|r| !r.breaking.is_empty());
            if let Some(report) = report.filter(|r| !r.is_empty()) {
                println!("{}", report.markdown(&version));
            }
            if deny_breaking && breaking {
                eprintln!("apibind: the client API has breaking changes (--deny-breaking)");
                return Ok(ExitCode::FAILURE);
            }
            if diff.is_empty() {
                println!("apibind: {} is up to date", output.out.display());
                Ok(ExitCode::SUCCESS)
            } else {
                print!("{diff}");
                eprintln!(
                    "apibind: {} is stale; run `apibind generate` to update it",
                    output.out.display()
                );
                Ok(ExitCode::FAILURE)
            }
        }
    }
}
