//! `dechrome rules list | show | check`.

use std::path::PathBuf;

use clap::Subcommand;

use dechrome::{Cleaner, RuleSet};

use super::output::{self, Stdout};
use super::{Fatal, Outcome};

#[derive(Subcommand, Debug)]
pub(crate) enum RulesCommand {
    /// List the bundled rule sets: name, rule count, hosts.
    List,
    /// Print a bundled rule set's TOML source.
    Show {
        /// The rule set's name (see `dechrome rules list`).
        name: String,
    },
    /// Check rule files; each problem is printed as FILE:LINE:COLUMN: message.
    Check {
        /// Rule files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

pub(crate) fn run(cmd: RulesCommand) -> Result<Outcome, Fatal> {
    let mut stdout = Stdout::new();
    let mut w = |s: String| {
        stdout
            .write(s.as_bytes())
            .map_err(|e| Fatal(format!("cannot write output: {e}")))
    };
    match cmd {
        RulesCommand::List => {
            let cleaner = Cleaner::new();
            for set in cleaner.rule_sets() {
                let applies = if set.applies_everywhere() {
                    "every page".to_string()
                } else if set.hosts().is_empty() {
                    "pages its detect patterns match".to_string()
                } else {
                    set.hosts().join(", ")
                };
                w(format!(
                    "{:<16} {:>3} rules  {}\n",
                    set.name(),
                    set.len(),
                    applies
                ))?;
            }
            Ok(Outcome::Ok)
        }
        RulesCommand::Show { name } => match dechrome_builtin_source(&name) {
            Some(src) => {
                w(src.to_string())?;
                Ok(Outcome::Ok)
            }
            None => {
                let known: Vec<_> = Cleaner::new()
                    .rule_sets()
                    .map(|s| s.name().to_string())
                    .collect();
                Err(Fatal(format!(
                    "unknown rule set \"{name}\" (known: {})",
                    known.join(", ")
                )))
            }
        },
        RulesCommand::Check { files } => {
            let mut bad = 0;
            for f in &files {
                match RuleSet::from_path(f) {
                    Ok(set) => w(format!(
                        "{}: ok (rule set \"{}\", {} rules)\n",
                        f.display(),
                        set.name(),
                        set.len()
                    ))?,
                    Err(e) => {
                        bad += 1;
                        output::error(&e.to_string());
                    }
                }
            }
            if bad > 0 {
                Err(Fatal(format!(
                    "{bad} of {} rule file(s) refused",
                    files.len()
                )))
            } else {
                Ok(Outcome::Ok)
            }
        }
    }
}

fn dechrome_builtin_source(name: &str) -> Option<&'static str> {
    dechrome::builtin_rule_source(name)
}
