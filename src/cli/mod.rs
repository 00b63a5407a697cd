//! Command-line interface.

mod clean;
mod eval;
mod explain;
mod inputs;
mod jsonl;
mod learn;
mod ordered;
mod output;
mod rules_cmd;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use dechrome::{Cleaner, RuleSet};

/// Strip site chrome from scraped web pages so only the article remains.
///
/// dechrome reads raw HTML or page text, applies the rule set of the page's site (chosen by
/// --url host or by patterns found in the page) and a generic rule set, and prints the article.
/// Every removal is traceable: see `dechrome explain` and `--format json`.
#[derive(Parser, Debug)]
#[command(
    name = "dechrome",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 all good; 1 some inputs failed (each named on stderr, \
the rest processed); 2 usage or rule-set error; 130 interrupted (Ctrl-C, SIGTERM: partial \
outputs are removed)."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Clean pages: print (or write) the article of each input.
    ///
    /// Inputs are files, folders (searched recursively) or `-` for standard input; with no
    /// input, standard input is read.
    Clean(clean::CleanArgs),
    /// Show every block of a page with its label and the rule or heuristic that decided it.
    Explain(explain::ExplainArgs),
    /// Learn a site's rule set from several of its pages; prints TOML usable with --rules.
    ///
    /// Lines, line shapes and (for HTML) selectors that most pages share and their articles do
    /// not become rules; each rule carries a comment with its support and an example line.
    Learn(learn::LearnArgs),
    /// Score outputs against a ground truth (ScrapingHub article-extraction metric), or clean
    /// and score a dataset folder in one go.
    Eval(eval::EvalArgs),
    /// List, show or check rule sets.
    Rules {
        #[command(subcommand)]
        command: rules_cmd::RulesCommand,
    },
}

/// How to read inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputArg {
    /// Tell HTML from text by looking at each input.
    #[default]
    Auto,
    /// Raw HTML.
    Html,
    /// Page text.
    Text,
}

impl From<InputArg> for dechrome::InputMode {
    fn from(a: InputArg) -> Self {
        match a {
            InputArg::Auto => dechrome::InputMode::Auto,
            InputArg::Html => dechrome::InputMode::Html,
            InputArg::Text => dechrome::InputMode::Text,
        }
    }
}

/// Options that choose rule sets, shared by `clean` and `explain`.
#[derive(Args, Debug, Clone)]
pub(crate) struct RuleArgs {
    /// Load an extra rule set from FILE (repeatable). It takes priority over bundled sets and
    /// replaces a bundled set of the same name.
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Do not use the bundled rule sets.
    #[arg(long)]
    no_builtin: bool,
    /// Apply this site rule set to every input, whatever its URL or content.
    #[arg(long, value_name = "NAME")]
    site: Option<String>,
}

impl RuleArgs {
    /// Build the cleaner; a rule-set problem is a usage error (exit 2).
    pub(crate) fn cleaner(&self) -> Result<Cleaner, Fatal> {
        let mut b = Cleaner::builder().builtin(!self.no_builtin);
        for path in &self.rules {
            b = b.rule_set(RuleSet::from_path(path).map_err(|e| Fatal(e.to_string()))?);
        }
        let cleaner = b.build().map_err(|e| Fatal(e.to_string()))?;
        if let Some(site) = &self.site {
            if cleaner.rule_set(site).is_none() {
                let known: Vec<_> = cleaner.rule_sets().map(|s| s.name()).collect();
                return Err(Fatal(format!(
                    "unknown rule set \"{site}\" (known: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )));
            }
        }
        Ok(cleaner)
    }
}

/// An error that stops the whole command with exit code 2.
#[derive(Debug)]
pub(crate) struct Fatal(pub(crate) String);

/// What a command ended with.
pub(crate) enum Outcome {
    /// Everything went well.
    Ok,
    /// Some inputs failed; each was reported.
    SomeFailed,
}

pub(crate) fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    output::remove_partial_outputs_on_interrupt();
    let result = match cli.command {
        Command::Clean(args) => clean::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Learn(args) => learn::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Rules { command } => rules_cmd::run(command),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Err(Fatal(msg)) => {
            output::error(&msg);
            ExitCode::from(2)
        }
    }
}
