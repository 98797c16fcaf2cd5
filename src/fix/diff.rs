//! Unified diffs (`--diff`), as `diff -u` and `git diff` print them.

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Above this many cells the line alignment is not searched for: the changed middle is shown
/// as removed and added whole (fixes change a few lines, so this is rare).
const MAX_TABLE_CELLS: usize = 4_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Splits into lines, each keeping its line break.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The alignment of two line lists: a longest common subsequence of the middle left after
/// the common start and end are taken off.
fn align(old: &[&str], new: &[&str]) -> Vec<Line> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let old_mid = &old[prefix..old.len() - suffix];
    let new_mid = &new[prefix..new.len() - suffix];
    let mut script: Vec<Line> = (0..prefix).map(|i| Line::Same(i, i)).collect();
    let (n, m) = (old_mid.len(), new_mid.len());
    if n.saturating_mul(m) > MAX_TABLE_CELLS {
        script.extend((0..n).map(|i| Line::Removed(prefix + i)));
        script.extend((0..m).map(|j| Line::Added(prefix + j)));
    } else {
        // lcs[i][j]: the longest common subsequence of old_mid[i..] and new_mid[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if old_mid[i] == new_mid[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && old_mid[i] == new_mid[j] {
                script.push(Line::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                script.push(Line::Removed(prefix + i));
                i += 1;
            } else {
                script.push(Line::Added(prefix + j));
                j += 1;
            }
        }
    }
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    script.extend((0..suffix).map(|k| Line::Same(old_end + k, new_end + k)));
    script
}

/// The unified diff of a file's old and new text, with `a/` and `b/` names as git prints
/// them; empty when nothing changed.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (old_lines, new_lines) = (lines(old), lines(new));
    let script = align(&old_lines, &new_lines);
    let changed: Vec<usize> = script
        .iter()
        .enumerate()
        .filter(|(_, l)| !matches!(l, Line::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut k = 0;
    while k < changed.len() {
        // A hunk: changes closer than twice the context share one.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(script.len());
        let hunk = &script[start..end];
        let old_count = hunk.iter().filter(|l| !matches!(l, Line::Added(_))).count();
        let new_count = hunk
            .iter()
            .filter(|l| !matches!(l, Line::Removed(_)))
            .count();
        // Where the hunk starts in each file: the first line of that side in or after it.
        let old_start = script[start..]
            .iter()
            .find_map(|l| match l {
                Line::Same(o, _) | Line::Removed(o) => Some(*o),
                Line::Added(_) => None,
            })
            .unwrap_or(old_lines.len());
        let new_start = script[start..]
            .iter()
            .find_map(|l| match l {
                Line::Same(_, n) | Line::Added(n) => Some(*n),
                Line::Removed(_) => None,
            })
            .unwrap_or(new_lines.len());
        let shown = |start: usize, count: usize| {
            if count == 0 {
                format!("{start},0")
            } else if count == 1 {
                format!("{}", start + 1)
            } else {
                format!("{},{count}", start + 1)
            }
        };
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            shown(old_start, old_count),
            shown(new_start, new_count)
        ));
        for line in hunk {
            let (sign, text) = match *line {
                Line::Same(o, _) => (' ', old_lines[o]),
                Line::Removed(o) => ('-', old_lines[o]),
                Line::Added(n) => ('+', new_lines[n]),
            };
            out.push(sign);
            out.push_str(text);
            if !text.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn one_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nD\ne\nf\ng\nh\n";
        assert_eq!(
            unified("x.js", old, new),
            "--- a/x.js\n+++ b/x.js\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n"
        );
    }

    #[test]
    fn nothing_changed_is_empty() {
        assert_eq!(unified("x", "a\n", "a\n"), "");
    }

    #[test]
    fn added_line_at_the_end_without_newline() {
        assert_eq!(
            unified("x", "a\n", "a\nb"),
            "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n"
        );
    }
}
