//! `mentor explain`: print a code's documentation, or the table of all codes.

use std::process::ExitCode;

use mentor_records::diag::Code;

use crate::args::ExplainArgs;

pub(crate) fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    match &args.code {
        None => {
            let mut out = String::new();
            for code in Code::ALL {
                let info = code.info();
                out.push_str(&format!(
                    "{}  {:<34} {:<7}  {}\n",
                    info.id,
                    info.name,
                    info.severity.as_str(),
                    info.summary
                ));
            }
            crate::print(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(text) => match Code::lookup(text) {
            Some(code) => {
                let info = code.info();
                crate::print(&format!(
                    "{} {} ({})\n\n{}\n",
                    info.id,
                    info.name,
                    info.severity.as_str(),
                    info.explanation
                ))?;
                Ok(ExitCode::SUCCESS)
            }
            None => anyhow::bail!("no diagnostic code `{text}`; run `mentor explain` for the list"),
        },
    }
}
