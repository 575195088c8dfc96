//! The module graph in CONTRIBUTING.md is the law: every `crate::` path in `src/` points to a
//! module on the same line of the graph or an earlier one. A use of a later line, or a module
//! the graph does not list, fails here naming the file, the line and the edge.
//!
//! Read as text, not compiled: comments, strings and character literals are blanked first (line
//! breaks kept, so line numbers stay right), then each `crate::` path, a `use crate::{..}` group
//! spread over lines included, is taken apart into the paths it names. `super::` and `self::`
//! paths are not followed; they stay within a module and its parents. The binary under
//! `src/bin/` is a crate of its own, so its `crate::` means the binary and it is not scanned.

use std::path::Path;

use crate::support::repo_root;

/// One line of the module graph: its number and the module paths on it (`diag::text`).
#[derive(Debug)]
struct Layer {
    number: usize,
    modules: Vec<String>,
}

/// The layers listed under `## Module graph` in CONTRIBUTING.md: each line `N. ` followed by
/// module paths in backticks, `crate` for the crate root.
fn layers(contributing: &str) -> Vec<Layer> {
    let section = contributing
        .split("\n## ")
        .find(|s| s.starts_with("Module graph"))
        .expect("CONTRIBUTING.md has a `## Module graph` section");
    let mut layers = Vec::new();
    for line in section.lines() {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        let modules: Vec<String> = rest
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        for module in &modules {
            assert!(
                module.split("::").all(|part| !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
                "Module graph line {number}: `{module}` is not a module path"
            );
        }
        layers.push(Layer { number, modules });
    }
    layers
}

/// The layer a module path (`["diag", "text", "render"]`) belongs to: the one listing its
/// longest listed prefix, else the crate root's (`crate`).
fn layer_of<'a>(layers: &'a [Layer], path: &[String]) -> Option<(&'a Layer, String)> {
    let mut best: Option<(&Layer, &str)> = None;
    for layer in layers {
        for module in &layer.modules {
            let parts: Vec<&str> = module.split("::").collect();
            let is_prefix =
                parts.len() <= path.len() && parts.iter().zip(path).all(|(a, b)| a == b);
            if is_prefix && best.is_none_or(|(_, m)| m.split("::").count() < parts.len()) {
                best = Some((layer, module));
            }
        }
    }
    best.map(|(layer, module)| (layer, module.to_owned()))
        .or_else(|| root_layer(layers).map(|layer| (layer, "crate".to_owned())))
}

fn root_layer(layers: &[Layer]) -> Option<&Layer> {
    layers
        .iter()
        .find(|l| l.modules.iter().any(|m| m == "crate"))
}

/// `text` with comments, string literals and character literals replaced by spaces (line
/// breaks kept), so what is left is code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0 || !is_ident(chars[i - 1]) || chars[i - 1] == 'b')
            && matches!(next, Some('"' | '#'))
            && {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                chars.get(i + 1 + hashes) == Some(&'"')
            }
        {
            // A raw string: r"..", r#".."#, br##".."##.
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let start = i;
            i += 2 + hashes;
            while i < chars.len() && !chars[i..].starts_with(&close) {
                i += 1;
            }
            i = (i + close.len()).min(chars.len());
            for &c in &chars[start..i] {
                blank(&mut out, c);
            }
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\u{1b}'); a lifetime ('a) has no closing quote.
            let start = i;
            i += 1;
            if chars.get(i) == Some(&'\\') {
                i += 1;
            }
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i = (i + 1).min(chars.len());
            for &c in &chars[start..i] {
                blank(&mut out, c);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A path named after `crate::`: its parts and the 1-based line it starts on.
#[derive(Debug, PartialEq)]
struct Use {
    path: Vec<String>,
    line: usize,
}

/// Every path `code` (comments and strings already blanked) names through `crate::`, a
/// `{..}` group taken apart into its paths.
fn crate_paths(code: &str) -> Vec<Use> {
    let chars: Vec<char> = code.chars().collect();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let needle: Vec<char> = "crate::".chars().collect();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        if chars[i..].starts_with(&needle) && (i == 0 || !is_ident(chars[i - 1])) {
            let mut at = i + needle.len();
            tree(&chars, &mut at, Vec::new(), &mut found);
            i = at.max(i + 1);
        } else {
            i += 1;
        }
    }
    found
}

/// Parses one use tree at `at` (`a::b`, `a::{b, c::d}`, `*`, `x as y`) after the parts in
/// `prefix`, adding the paths it names to `found`.
fn tree(chars: &[char], at: &mut usize, prefix: Vec<String>, found: &mut Vec<Use>) {
    let line_at = |i: usize| chars[..i].iter().filter(|&&c| c == '\n').count() + 1;
    let skip_space = |at: &mut usize| {
        while *at < chars.len() && chars[*at].is_whitespace() {
            *at += 1;
        }
    };
    let start = *at;
    let mut path = prefix;
    loop {
        skip_space(at);
        match chars.get(*at) {
            Some('{') => {
                *at += 1;
                loop {
                    skip_space(at);
                    match chars.get(*at) {
                        None => return,
                        Some('}') => {
                            *at += 1;
                            return;
                        }
                        Some(',') => *at += 1,
                        Some(_) => {
                            let before = *at;
                            tree(chars, at, path.clone(), found);
                            if *at == before {
                                *at += 1;
                            }
                        }
                    }
                }
            }
            Some(c) if c.is_alphabetic() || *c == '_' => {
                let begin = *at;
                while *at < chars.len() && (chars[*at].is_alphanumeric() || chars[*at] == '_') {
                    *at += 1;
                }
                let ident: String = chars[begin..*at].iter().collect();
                path.push(ident);
                let mut look = *at;
                while look < chars.len() && chars[look].is_whitespace() {
                    look += 1;
                }
                if chars[look..].starts_with(&[':', ':']) {
                    *at = look + 2;
                    continue;
                }
                break;
            }
            // `*` or anything else ends the path.
            _ => break,
        }
    }
    if !path.is_empty() {
        found.push(Use {
            path,
            line: line_at(start.min(chars.len())),
        });
    }
}

/// The module a file under `src/` is (`src/diag/text.rs` is `diag::text`, `src/lib.rs` is the
/// crate root, `[]`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The library's source files: relative paths under `src/`, `src/bin/` left out.
fn library_files(src: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().strip_prefix(src).expect("under src").to_path_buf())
        .filter(|p| !p.starts_with("bin"))
        .collect();
    files.sort();
    files
}

#[test]
fn modules_use_only_earlier_layers() {
    let root = repo_root();
    let contributing =
        std::fs::read_to_string(root.join("CONTRIBUTING.md")).expect("CONTRIBUTING.md");
    let layers = layers(&contributing);
    assert!(
        layers.len() > 10,
        "the Module graph lists its layers: {layers:?}"
    );
    assert!(
        root_layer(&layers).is_some(),
        "the Module graph lists `crate`, the crate root"
    );
    let src = root.join("src");
    let mut problems = Vec::new();
    for module in layers
        .iter()
        .flat_map(|l| &l.modules)
        .filter(|m| *m != "crate")
    {
        let base = module.split("::").fold(src.clone(), |p, part| p.join(part));
        if !base.with_extension("rs").is_file() && !base.join("mod.rs").is_file() {
            problems.push(format!(
                "the Module graph lists `{module}`, which is not a module in src/"
            ));
        }
    }
    for relative in library_files(&src) {
        let module = module_of(&relative);
        let shown = relative.to_string_lossy().replace('\\', "/");
        let Some((from, from_name)) = layer_of(&layers, &module) else {
            continue;
        };
        if from_name == "crate" && !module.is_empty() {
            problems.push(format!(
                "src/{shown}: module `{}` is on no line of CONTRIBUTING.md's Module graph",
                module.join("::")
            ));
            continue;
        }
        let text = std::fs::read_to_string(src.join(&relative)).expect("source file");
        for used in crate_paths(&code_only(&text)) {
            let Some((to, to_name)) = layer_of(&layers, &used.path) else {
                continue;
            };
            if to.number > from.number {
                problems.push(format!(
                    "src/{shown}:{}: `{from_name}` (line {}) uses `crate::{}`, which is `{to_name}` (line {}, later)",
                    used.line,
                    from.number,
                    used.path.join("::"),
                    to.number
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "dependencies must point to earlier lines of the Module graph in CONTRIBUTING.md:\n{}",
        problems.join("\n")
    );
}

#[test]
fn finds_crate_paths_in_code_and_use_groups_but_not_in_comments_or_strings() {
    let text = "//! See [`crate::app`].\n\
                use crate::{\n    diag::{Code, text::render},\n    load,\n};\n\
                let s = \"crate::report\"; let c = '\"'; // crate::edit\n\
                fn f<'a>(x: &'a str) { crate::rules::evaluate(x); r#\"crate::due\"#; }\n\
                /* crate::notices */ mentor_crate::x; $crate::model::Program\n";
    let found: Vec<(String, usize)> = crate_paths(&code_only(text))
        .into_iter()
        .map(|u| (u.path.join("::"), u.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("diag::Code".to_owned(), 3),
            ("diag::text::render".to_owned(), 3),
            ("load".to_owned(), 4),
            ("rules::evaluate".to_owned(), 7),
            ("model::Program".to_owned(), 8),
        ]
    );
}

#[test]
fn a_module_takes_the_line_of_its_longest_listed_prefix() {
    let layers = layers(
        "# x\n\n## Module graph\n\n1. `diag`\n2. `diag::text`, `present`\n3. `crate`\n\n## Next\n\n4. `edit`\n",
    );
    let line = |path: &str| {
        let parts: Vec<String> = path.split("::").map(str::to_owned).collect();
        layer_of(&layers, &parts).map(|(l, m)| (l.number, m))
    };
    assert_eq!(line("diag::Code"), Some((1, "diag".to_owned())));
    assert_eq!(
        line("diag::text::render"),
        Some((2, "diag::text".to_owned()))
    );
    assert_eq!(line("run_check"), Some((3, "crate".to_owned())));
    assert_eq!(
        line("edit"),
        Some((3, "crate".to_owned())),
        "only the section's lines count"
    );
}
