//! What ships beside the binary: `mentor completions SHELL`, `mentor man`, and `mentor --version`
//! naming the commit it was built from.

use std::process::Command as Process;

use test_case::test_case;

use crate::support::{mentor, repo_root};

/// Stdout of a successful `mentor ARGS`.
fn run(args: &[&str]) -> String {
    let out = mentor(&repo_root()).args(args).output().expect("mentor");
    assert!(out.status.success(), "mentor {args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The subcommands `mentor --help` lists (read from its `Commands:` section, so a subcommand
/// added later is covered too), without `help`.
fn subcommands() -> Vec<String> {
    let help = run(&["--help"]);
    let names: Vec<String> = help
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    for expected in ["check", "status", "report", "completions", "man"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    names
}

#[test]
fn bash_completion_is_valid_bash_and_completes_every_subcommand() {
    let script = run(&["completions", "bash"]);
    for name in subcommands() {
        assert!(
            script.contains(&format!("mentor__{name}")) || script.contains(&format!(" {name} ")),
            "bash completion lacks `{name}`"
        );
    }
    assert!(script.contains("--as-of"), "options are completed");
    let mut bash = Process::new("bash")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("bash");
    std::io::Write::write_all(&mut bash.stdin.take().expect("stdin"), script.as_bytes())
        .expect("write");
    assert!(
        bash.wait().expect("bash -n").success(),
        "bash -n rejects it"
    );
}

#[test_case("zsh", "#compdef mentor" ; "zsh")]
#[test_case("fish", "complete -c mentor" ; "fish")]
#[test_case("powershell", "Register-ArgumentCompleter" ; "powershell")]
#[test_case("elvish", "edit:completion:arg-completer[mentor]" ; "elvish")]
fn other_shells_get_a_script_naming_every_subcommand(shell: &str, marker: &str) {
    let script = run(&["completions", shell]);
    assert!(script.contains(marker), "{shell}: no `{marker}`");
    for name in subcommands() {
        assert!(script.contains(&name), "{shell} completion lacks `{name}`");
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    mentor(&repo_root())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff_and_names_every_subcommand() {
    let page = run(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff preamble");
    assert!(page.contains(".TH mentor 1"), "title header");
    // roff writes `-` as `\-`.
    let text = page.replace("\\-", "-");
    assert!(text.contains("SUBCOMMANDS"), "a SUBCOMMANDS section");
    for name in subcommands() {
        assert!(
            text.contains(&format!("mentor-{name}(1)")),
            "man page lacks `{name}`"
        );
    }
}

#[test]
fn version_names_the_package_version_and_the_commit_when_built_from_git() {
    let version = run(&["--version"]);
    let expected = format!("mentor {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version:?}");
    let head = Process::new("git")
        .arg("-C")
        .arg(repo_root())
        .args(["log", "-1", "--format=%h %cs"])
        .output();
    match head {
        // Built from a git checkout: the short commit and its date.
        Ok(out) if out.status.success() => {
            let head = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            assert_eq!(version.trim_end(), format!("{expected} ({head})"));
        }
        // From a source archive: the version alone.
        _ => assert_eq!(version.trim_end(), expected),
    }
}

fn read_repo_file(name: &str) -> String {
    std::fs::read_to_string(repo_root().join(name)).expect(name)
}

#[test]
fn changelog_has_a_section_for_the_package_version() {
    let changelog = read_repo_file("CHANGELOG.md");
    let heading = format!("## [{}] - ", env!("CARGO_PKG_VERSION"));
    assert!(
        changelog.contains(&heading),
        "CHANGELOG.md lacks `{heading}`: add the release's section when bumping the version"
    );
    assert!(
        changelog.contains("## [Unreleased]"),
        "an Unreleased section"
    );
}

#[test]
fn readme_no_rust_hook_pins_the_package_version() {
    let readme = read_repo_file("README.md");
    let pin = format!(
        "additional_dependencies: [\"mentor-records=={}\"]",
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        readme.contains(&pin),
        "README's pre-commit block lacks `{pin}`"
    );
}
