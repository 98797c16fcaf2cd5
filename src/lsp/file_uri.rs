//! `file` URIs and the paths they name.
//!
//! A URI is read as the platform reads paths. On Windows, `file:///C:/a` and
//! `file:///c%3A/a` (as VS Code writes it) name `C:\a` and `c:\a`, and
//! `file://server/share/a` names the UNC path `\\server\share\a`. Elsewhere the URI's path,
//! percent-decoded, is the path (`file:///C:/a` is `/C:/a` there), and a URI with a host
//! names no local file. A URI of another scheme (`untitled:`, `https:`) names no path.

use std::path::{Path, PathBuf};

use lsp_types::Url;
use percent_encoding::percent_decode_str;

/// The local path `uri` names, if it names one.
pub fn to_path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    if cfg!(windows) {
        windows_path(uri).map(PathBuf::from)
    } else {
        uri.to_file_path().ok()
    }
}

/// The `file` URI of `path`, made absolute against the working directory first.
pub fn from_path(path: &Path) -> Option<Url> {
    let absolute = std::path::absolute(path).ok()?;
    Url::from_file_path(absolute).ok()
}

/// The Windows path a `file` URI names: a drive path when its first segment is a drive
/// letter (`C:`, `c%3A` percent-encoded, or the old spelling `C|`), a UNC path when it has a host; `None` for any
/// other URI, or one whose segments do not decode to UTF-8.
fn windows_path(uri: &Url) -> Option<String> {
    if uri.scheme() != "file" {
        return None;
    }
    let mut segments = uri.path_segments()?;
    let mut path = String::new();
    match uri.host_str().filter(|host| !host.is_empty()) {
        Some(host) => {
            path.push_str(r"\\");
            path.push_str(host);
        }
        None => {
            let drive = percent_decode_str(segments.next()?).decode_utf8().ok()?;
            let &[letter, b':' | b'|'] = drive.as_bytes() else {
                return None;
            };
            if !letter.is_ascii_alphabetic() {
                return None;
            }
            path.push(char::from(letter));
            path.push(':');
        }
    }
    let mut has_segment = false;
    for segment in segments {
        path.push('\\');
        path.push_str(&percent_decode_str(segment).decode_utf8().ok()?);
        has_segment = true;
    }
    if !has_segment {
        // `file:///C:` is the drive's root, not the drive's current directory.
        path.push('\\');
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn windows(text: &str) -> Option<String> {
        windows_path(&url(text))
    }

    #[test]
    fn windows_drive_letters_plain_and_percent_encoded() {
        assert_eq!(windows("file:///C:/a/b.js").as_deref(), Some(r"C:\a\b.js"));
        assert_eq!(
            windows("file:///c%3A/Users/dev/app.py").as_deref(),
            Some(r"c:\Users\dev\app.py")
        );
        assert_eq!(windows("file:///D%3a/x.ts").as_deref(), Some(r"D:\x.ts"));
        // `C|` is an old spelling of a drive letter (RFC 8089, appendix E.2.2).
        assert_eq!(windows("file:///C|/a.js").as_deref(), Some(r"C:\a.js"));
        assert_eq!(windows("file:///C:").as_deref(), Some(r"C:\"));
        // `localhost` names this machine.
        assert_eq!(
            windows("file://localhost/C:/a.js").as_deref(),
            Some(r"C:\a.js")
        );
    }

    #[test]
    fn windows_segments_are_percent_decoded() {
        assert_eq!(
            windows("file:///c%3A/My%20Projects/caf%C3%A9/%23main.js").as_deref(),
            Some(r"c:\My Projects\café\#main.js")
        );
        // Not UTF-8 once decoded: no Windows path.
        assert_eq!(windows("file:///C:/%FF.js"), None);
    }

    #[test]
    fn windows_unc_paths() {
        assert_eq!(
            windows("file://server/share/dir/a.js").as_deref(),
            Some(r"\\server\share\dir\a.js")
        );
        assert_eq!(
            windows("file://fs01/team%20share/a.py").as_deref(),
            Some(r"\\fs01\team share\a.py")
        );
    }

    #[test]
    fn windows_needs_a_drive_or_a_host() {
        assert_eq!(windows("file:///home/dev/a.js"), None);
        assert_eq!(windows("file:///CD:/a.js"), None);
        assert_eq!(windows("file:///1:/a.js"), None);
    }

    #[test]
    fn other_schemes_name_no_path() {
        for text in [
            "untitled:Untitled-1",
            "https://example.com/a.js",
            "vscode-notebook-cell:/a.ipynb#X10",
            "git:/repo/a.js?%7B%22ref%22%3A%22HEAD%22%7D",
        ] {
            assert_eq!(to_path(&url(text)), None, "{text}");
            assert_eq!(windows(text), None, "{text}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn unix_paths_are_percent_decoded() {
        assert_eq!(
            to_path(&url("file:///home/dev/a%20b/c.js")),
            Some(PathBuf::from("/home/dev/a b/c.js"))
        );
        assert_eq!(
            to_path(&url("file:///srv/caf%C3%A9/%23x%3F.py")),
            Some(PathBuf::from("/srv/café/#x?.py"))
        );
        // A drive letter means nothing here: the path is the URI's path.
        assert_eq!(
            to_path(&url("file:///c%3A/a.js")),
            Some(PathBuf::from("/c:/a.js"))
        );
        assert_eq!(to_path(&url("file://server/share/a.js")), None);
        assert_eq!(
            to_path(&url("file://localhost/etc/app.yaml")),
            Some(PathBuf::from("/etc/app.yaml"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn unix_paths_that_are_not_utf8_survive() {
        use std::os::unix::ffi::OsStrExt;
        let path = to_path(&url("file:///tmp/%FF.js")).unwrap_or_default();
        assert_eq!(path.as_os_str().as_bytes(), b"/tmp/\xFF.js");
        assert_eq!(
            from_path(&path).map(String::from).as_deref(),
            Some("file:///tmp/%FF.js")
        );
    }

    #[cfg(unix)]
    #[test]
    fn paths_round_trip_through_uris() {
        let path = Path::new("/srv/my app/caf\u{e9}/#1 100%.js");
        let uri = from_path(path).unwrap_or_else(|| panic!("no URI for {path:?}"));
        assert_eq!(
            uri.as_str(),
            "file:///srv/my%20app/caf%C3%A9/%231%20100%25.js"
        );
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn relative_paths_are_made_absolute() {
        let uri = from_path(Path::new("src/app.js")).unwrap_or_else(|| panic!("no URI"));
        assert!(uri.as_str().starts_with("file:///"), "{uri}");
        assert!(uri.as_str().ends_with("/src/app.js"), "{uri}");
    }
}
