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
    /// Write the client crate.
    Generate {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
    },
    /// Fail, with a diff, when the client crate differs from what `generate` writes.
    Check {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        output: Output,
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
        Command::Generate { input, output } => {
            let (loaded, summary) = with_output(&input, &output).write_crate(&output.out)?;
            eprint!("{}", loaded.render_diagnostics());
            println!("apibind: {summary}");
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
        Command::Check { input, output } => {
            let (_, files) = with_output(&input, &output).crate_files()?;
            let diff = output::diff_files(&output.out, &files);
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
