//! The check that keeps the crate's layers (see docs/architecture.md): no
//! module of `api/src` imports one that imports it back, directly or
//! through others. A module here is a child of the crate root (`graphql`,
//! `loader`, `http`, `db`, ...): inside one, files may use each other (a
//! schema's types refer to each other by nature), but between two, uses go
//! one way. The sea-orm entities, whose relations pair up by design, are a
//! crate of their own and not read here.
//!
//! It reads the source as text: every `crate::`, `super::` and `self::` path,
//! in `use` declarations (groups expanded) and in code, comments and
//! strings left out.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::path::{Path, PathBuf};

/// Upward uses allowed for a while: each `(from, to, why)`. The check
/// ignores these and fails once one no longer occurs, so the change that
/// removes the use removes its line here too. None today.
const KNOWN: &[(&str, &str, &str)] = &[];

/// One use of another module: where it is written and what it names.
#[derive(Debug, Clone)]
struct Use {
    from: String,
    to: String,
    file: PathBuf,
    line: usize,
    path: String,
}

impl fmt::Display for Use {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} uses {}", self.file.display(), self.line, self.path)
    }
}

/// A token of Rust source with its line: a name, `::`, or one character.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    line: usize,
}

/// The tokens of a source file, without comments, strings and characters.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    let name_char = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && chars.get(i + 1) == Some(&'r')))
            && (i == 0 || !name_char(chars[i - 1]))
            && {
                let start = i + if c == 'b' { 2 } else { 1 };
                let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
                chars.get(start + hashes) == Some(&'"')
            }
        {
            // A raw string: r"..." or r#"..."#, perhaps a byte string.
            let start = i + if c == 'b' { 2 } else { 1 };
            let hashes = chars[start..].iter().take_while(|&&h| h == '#').count();
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            i = start + hashes + 1;
            while i < chars.len() && !at(i, &close) {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += close.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                line += usize::from(chars[i] == '\n');
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || chars.get(i + 1) == Some(&'\\')) {
            // A character literal; a lifetime (`'a`) has no closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if name_char(c) {
            let start = i;
            while i < chars.len() && name_char(chars[i]) {
                i += 1;
            }
            out.push(Token {
                text: chars[start..i].iter().collect(),
                line,
            });
        } else if at(i, "::") {
            out.push(Token {
                text: "::".to_owned(),
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                text: c.to_string(),
                line,
            });
            i += 1;
        }
    }
    out
}

fn is_name(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The paths of a `use` tree (the tokens between `use` and `;`), groups
/// expanded: `a::{b, c::d}` is `a::b` and `a::c::d`.
fn use_paths(tree: &[Token]) -> Vec<Vec<String>> {
    fn walk(tree: &[Token], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
        let mut path = prefix;
        while i < tree.len() {
            match tree[i].text.as_str() {
                "{" => {
                    i += 1;
                    while i < tree.len() && tree[i].text != "}" {
                        i = walk(tree, i, path.clone(), out);
                        if tree.get(i).is_some_and(|t| t.text == ",") {
                            i += 1;
                        }
                    }
                    return i + 1;
                }
                "," | "}" => break,
                "as" => {
                    i += 2;
                    break;
                }
                "::" => i += 1,
                name => {
                    path.push(name.to_owned());
                    i += 1;
                }
            }
        }
        out.push(path);
        i
    }
    let mut out = Vec::new();
    walk(tree, 0, Vec::new(), &mut out);
    out
}

/// The module a path written in module `at` names at the crate's top, if
/// it starts with `crate`, `super` or `self`.
fn top_module(at: &[String], path: &[String]) -> Option<String> {
    let (mut base, rest): (Vec<String>, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (at.to_vec(), &path[1..]),
        "super" => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            (at[..at.len().checked_sub(ups)?].to_vec(), &path[ups..])
        }
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    base.into_iter().next()
}

/// Every use of another top module in the crate whose root is `src`.
fn uses(src: &Path) -> Vec<Use> {
    let mut files = Vec::new();
    collect_files(src, &mut files);
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap_or(&file).to_path_buf();
        let mut module: Vec<String> = relative
            .with_extension("")
            .iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        if module.len() == 1 && (module[0] == "lib" || module[0] == "main") {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        for (at, line, path) in paths(&tokens(&source), &module) {
            let Some(to) = top_module(&at, &path) else {
                continue;
            };
            if to != module[0] {
                found.push(Use {
                    from: module[0].clone(),
                    to,
                    file: relative.clone(),
                    line,
                    path: path.join("::"),
                });
            }
        }
    }
    found
}

/// The paths of a file's tokens, each with the module it is written in
/// (inline `mod name { ... }` blocks followed) and its line.
fn paths(tokens: &[Token], module: &[String]) -> Vec<(Vec<String>, usize, Vec<String>)> {
    let mut out = Vec::new();
    // The inline modules open around the current token, with the brace
    // depth at which each closes.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut opening: Option<String> = None;
    let here = |inline: &[(String, usize)]| -> Vec<String> {
        module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect()
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text.as_str();
        let before = i.checked_sub(1).map(|b| tokens[b].text.as_str());
        let next = tokens.get(i + 1).map(|n| n.text.as_str());
        match t {
            "{" => {
                depth += 1;
                if let Some(name) = opening.take() {
                    inline.push((name, depth));
                }
            }
            "}" => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
            }
            ";" => opening = None,
            "mod" if next.is_some_and(is_name) && tokens.get(i + 2).is_some_and(|t| t.text == "{") => {
                opening = next.map(str::to_owned);
            }
            "use"
                if before != Some("::")
                    && before != Some("+")
                    && next.is_some_and(|n| is_name(n) || n == "::" || n == "{") =>
            {
                let end = (i..tokens.len())
                    .find(|&k| tokens[k].text == ";")
                    .unwrap_or(tokens.len());
                for path in use_paths(&tokens[i + 1..end]) {
                    out.push((here(&inline), tokens[i].line, path));
                }
                i = end;
                continue;
            }
            "crate" | "super" | "self" if before != Some("::") && next == Some("::") => {
                let mut path = vec![t.to_owned()];
                let mut k = i + 1;
                while tokens.get(k).is_some_and(|c| c.text == "::")
                    && tokens.get(k + 1).is_some_and(|n| is_name(&n.text))
                {
                    path.push(tokens[k + 1].text.clone());
                    k += 2;
                }
                out.push((here(&inline), tokens[i].line, path));
                i = k;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The loops among the uses, ignoring the `known` ones: each as the uses
/// that close it, one per step, starting from its first module by name.
fn loops(uses: &[Use], known: &[(&str, &str)]) -> Vec<Vec<Use>> {
    let mut edges: BTreeMap<&str, BTreeMap<&str, &Use>> = BTreeMap::new();
    for u in uses {
        if known.contains(&(u.from.as_str(), u.to.as_str())) {
            continue;
        }
        edges.entry(&u.from).or_default().entry(&u.to).or_insert(u);
    }
    let mut seen: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    let mut found = Vec::new();
    for &start in edges.keys() {
        // The shortest way back to `start`, breadth first.
        let mut came_from: BTreeMap<&str, &Use> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut closing = None;
        while let Some(at) = queue.pop_front() {
            for (&to, &u) in edges.get(at).into_iter().flatten() {
                if to == start {
                    closing = Some(u);
                    break;
                }
                if !came_from.contains_key(to) {
                    came_from.insert(to, u);
                    queue.push_back(to);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let Some(last) = closing else { continue };
        let mut cycle = vec![last.clone()];
        let mut at = last.from.as_str();
        while at != start {
            let u = came_from[at];
            cycle.push(u.clone());
            at = u.from.as_str();
        }
        cycle.reverse();
        let members: BTreeSet<String> = cycle.iter().map(|u| u.from.clone()).collect();
        if seen.insert(members) {
            found.push(cycle);
        }
    }
    found
}

/// A loop as a person reads it: `a -> b -> a`, then each use that closes it.
fn describe(cycle: &[Use]) -> String {
    let mut names: Vec<&str> = cycle.iter().map(|u| u.from.as_str()).collect();
    names.push(&cycle[0].from);
    let mut text = names.join(" -> ");
    for u in cycle {
        text.push_str(&format!("\n    {} -> {}: {u}", u.from, u.to));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    #[test]
    fn no_module_imports_one_that_imports_it_back() {
        let uses = uses(&src());
        let known: Vec<(&str, &str)> = KNOWN.iter().map(|(from, to, _)| (*from, *to)).collect();
        let loops: Vec<String> = loops(&uses, &known).iter().map(|c| describe(c)).collect();
        assert!(
            loops.is_empty(),
            "modules that import each other (docs/architecture.md says which way each may import):\n{}",
            loops.join("\n")
        );
        for (from, to, why) in KNOWN {
            assert!(
                uses.iter().any(|u| u.from == *from && u.to == *to),
                "{from} no longer uses {to} ({why}): delete it from KNOWN in api/src/layers.rs"
            );
        }
    }

    /// A tree of files for the checker to read.
    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            std::fs::write(path, text).expect("written");
        }
        dir
    }

    #[test]
    fn a_loop_is_named_with_the_uses_that_close_it() {
        let dir = tree(&[
            ("lib.rs", "pub mod a; pub mod b; pub mod c;"),
            ("a/mod.rs", "mod inner;\nuse crate::{c::One, b::{self, Two}};"),
            ("a/inner.rs", "fn f() { super::super::c::go() }"),
            (
                "b.rs",
                "// crate::a is named in a comment only\nconst S: &str = \"crate::a::X\";",
            ),
            ("c.rs", "fn g() -> u8 {\n    crate::a::h()\n}"),
        ]);
        let uses = uses(dir.path());
        let found = loops(&uses, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(&found[0]),
            "a -> c -> a\n    a -> c: a/inner.rs:1 uses super::super::c::go\n    c -> a: c.rs:2 uses crate::a::h"
        );
        // The comment and the string in b.rs are not uses.
        assert!(uses.iter().all(|u| u.from != "b"));
        // A known use is not a loop.
        assert!(loops(&uses, &[("c", "a")]).is_empty());
    }

    #[test]
    fn paths_in_inline_modules_and_groups_are_read_where_they_are_written() {
        let source = "mod tests {\n    use super::*;\n    use crate::x::{self, y as z};\n}\nuse self::q::r;";
        let found = paths(&tokens(source), &["m".to_owned()]);
        let shown: Vec<(Vec<String>, usize, String)> = found
            .into_iter()
            .map(|(at, line, path)| (at, line, path.join("::")))
            .collect();
        let m = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            shown,
            vec![
                (m(&["m", "tests"]), 2, "super::*".to_owned()),
                (m(&["m", "tests"]), 3, "crate::x::self".to_owned()),
                (m(&["m", "tests"]), 3, "crate::x::y".to_owned()),
                (m(&["m"]), 5, "self::q::r".to_owned()),
            ]
        );
        assert_eq!(
            top_module(&m(&["m", "tests"]), &m(&["super", "x"])),
            Some("m".to_owned())
        );
        assert_eq!(
            top_module(&m(&["m"]), &m(&["super", "n", "x"])),
            Some("n".to_owned())
        );
    }
}
