//! "Is this a secret?": names of secret settings, placeholder values, well-known token
//! formats, and masking so that no diagnostic repeats a secret.

use std::sync::LazyLock;

use regex::bytes::Regex;

use std::ops::Range;

/// The words of an identifier, lower-cased: `jwtSecretKey` → `jwt secret key`,
/// `DB_PASSWORD` → `db password`.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = c.is_ascii_uppercase()
            && i > 0
            && (chars[i - 1].is_ascii_lowercase()
                || (chars[i - 1].is_ascii_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())));
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// What kind of secret a setting's name says it holds (`password`, `secret`, `token`,
/// `API key`), from its last word: `dbPassword`, `JWT_SECRET`, `apiKey`, `GITHUB_TOKEN`.
/// Names that end in another word (`passwordField`, `tokenExpiry`) are not secrets.
pub fn secret_kind(name: &str) -> Option<&'static str> {
    let w = words(name);
    let last = w.last()?.as_str();
    let previous = w
        .len()
        .checked_sub(2)
        .and_then(|i| w.get(i))
        .map_or("", String::as_str);
    match last {
        "password" | "passwd" | "pwd" | "passphrase" => Some("password"),
        "pass"
            if w.len() == 1
                || matches!(
                    previous,
                    "db" | "smtp" | "mail" | "user" | "admin" | "root" | "redis"
                ) =>
        {
            Some("password")
        }
        "secret" => Some("secret"),
        "token"
            if !matches!(
                previous,
                "page"
                    | "cancel"
                    | "next"
                    | "csrf"
                    | "xsrf"
                    | "continuation"
                    | "sync"
                    | "storage"
                    | "cookie"
                    | "header"
                    | "query"
            ) =>
        {
            Some("token")
        }
        "apikey" => Some("API key"),
        "key"
            if matches!(
                previous,
                "api"
                    | "secret"
                    | "private"
                    | "access"
                    | "signing"
                    | "encryption"
                    | "client"
                    | "master"
                    | "app"
                    | "auth"
                    | "jwt"
                    | "session"
                    | "hmac"
                    | "service"
                    | "stripe"
            ) =>
        {
            Some(if previous == "api" { "API key" } else { "key" })
        }
        _ => None,
    }
}

/// True for values that are not a real secret: empty, placeholders (`changeme`,
/// `your-secret-key`, `xxx`, `<token>`), references (`${VAR}`, `$VAR`), and text that is not
/// a secret at all (words with spaces, environment variable names, URLs).
pub fn is_placeholder(value: &str) -> bool {
    is_placeholder_for("", value)
}

/// `is_placeholder`, knowing the setting's name: a bare `pass` key also names SPF/test
/// results (`'pass': 'pass'`), so a plain word there is not a password.
pub fn is_placeholder_for(name: &str, value: &str) -> bool {
    if name == "pass" && value.chars().all(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    let v = value.trim();
    if v.chars().count() < 4 || v.chars().any(char::is_whitespace) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "changeme",
        "change-me",
        "change_me",
        "changethis",
        "change-this",
        "replace",
        "placeholder",
        "your-",
        "your_",
        "yoursecret",
        "yourpassword",
        "yourtoken",
        "yourkey",
        "example",
        "dummy",
        "sample",
        "redacted",
        "xxx",
        "<",
        ">",
        "${",
        "{{",
        "%(",
        "todo",
        "fixme",
        "insert",
        "fill-in",
        "fill_in",
        "_here",
        "-here",
        "notasecret",
        "not-a-secret",
        "process.env",
        "os.environ",
    ];
    if MARKERS.iter().any(|m| lower.contains(m)) || lower.starts_with("your") || v.starts_with('$')
    {
        return true;
    }
    let first = v.chars().next().unwrap_or(' ');
    if v.chars().all(|c| c == first) || v.chars().all(|c| matches!(c, '*' | '.' | '-' | '_' | '#'))
    {
        return true;
    }
    if matches!(
        lower.as_str(),
        "true" | "false" | "null" | "none" | "undefined" | "required" | "optional"
    ) {
        return true;
    }
    // An environment variable's name, a URL or a path is not the secret itself.
    crate::util::is_upper_constant(v)
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || v.starts_with('/')
        || v.starts_with("./")
}

/// The value masked for messages: a hint of its start and its length, never the secret.
pub fn mask(value: &str) -> String {
    let n = value.chars().count();
    let shown: String = value.chars().take(if n >= 12 { 2 } else { 0 }).collect();
    format!("`{shown}…` ({n} characters)")
}

/// A well-known credential format found in text.
pub struct Token {
    pub kind: &'static str,
    /// The public prefix of the format (`ghp_`, `AKIA`), shown instead of the value.
    pub prefix: &'static str,
    pub range: Range<usize>,
}

fn run_of(bytes: &[u8], start: usize, ok: impl Fn(u8) -> bool) -> usize {
    bytes[start.min(bytes.len())..]
        .iter()
        .take_while(|b| ok(**b))
        .count()
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Well-known tokens: (prefix, kind, byte class, minimum length after the prefix, exact
/// length).
type Class = fn(u8) -> bool;
const TOKEN_SPECS: &[(&str, &str, Class, usize, bool)] = &[
    (
        "AKIA",
        "AWS access key",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        true,
    ),
    (
        "ASIA",
        "AWS access key",
        |b| b.is_ascii_uppercase() || b.is_ascii_digit(),
        16,
        true,
    ),
    (
        "ghp_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric(),
        36,
        false,
    ),
    (
        "gho_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric(),
        36,
        false,
    ),
    (
        "ghu_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric(),
        36,
        false,
    ),
    (
        "ghs_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric(),
        36,
        false,
    ),
    (
        "ghr_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric(),
        36,
        false,
    ),
    (
        "github_pat_",
        "GitHub token",
        |b| b.is_ascii_alphanumeric() || b == b'_',
        22,
        false,
    ),
    (
        "xoxb-",
        "Slack token",
        |b| b.is_ascii_alphanumeric() || b == b'-',
        20,
        false,
    ),
    (
        "xoxp-",
        "Slack token",
        |b| b.is_ascii_alphanumeric() || b == b'-',
        20,
        false,
    ),
    (
        "xoxa-",
        "Slack token",
        |b| b.is_ascii_alphanumeric() || b == b'-',
        20,
        false,
    ),
    (
        "sk_live_",
        "Stripe secret key",
        |b| b.is_ascii_alphanumeric(),
        16,
        false,
    ),
    (
        "rk_live_",
        "Stripe secret key",
        |b| b.is_ascii_alphanumeric(),
        16,
        false,
    ),
    (
        "AIza",
        "Google API key",
        |b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
        35,
        true,
    ),
];

/// Every well-known token in a text: AWS access keys, GitHub tokens, private key blocks,
/// Slack tokens, Stripe live secret keys, Google API keys.
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (prefix, kind, class, min, exact) in TOKEN_SPECS {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|t| t.find(prefix)) {
            let start = from + at;
            from = start + prefix.len();
            if start > 0 && word_byte(bytes[start - 1]) {
                continue;
            }
            let body = run_of(bytes, from, class);
            let ok = if *exact { body == *min } else { body >= *min };
            if !ok {
                continue;
            }
            let end = from + body;
            let value = &text[start..end];
            if value.contains("EXAMPLE") || value.to_ascii_lowercase().contains("xxxx") {
                continue;
            }
            out.push(Token {
                kind,
                prefix,
                range: start..end,
            });
        }
    }
    // Private key blocks with key material after the header.
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find("-----BEGIN ")) {
        let start = from + at;
        from = start + 11;
        let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        let header = &text[start..line_end];
        if !header.contains("PRIVATE KEY") {
            continue;
        }
        let after = &text[line_end.min(text.len())..];
        let material = after
            .trim_start_matches(['\r', '\n', '\\', 'n'])
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            .count();
        if material < 40 {
            continue;
        }
        let header_end = start + header.trim_end().len();
        out.push(Token {
            kind: "private key",
            prefix: "-----BEGIN",
            range: start..header_end,
        });
    }
    out.sort_by_key(|t| t.range.start);
    out
}

/// Names `secret_kind` reads as a secret (their last word), without what follows them.
const SECRET_NAME: &str = r"(?i:password|passwd|pwd|passphrase|secret|token|apikey|(?:api|secret|private|access|signing|encryption|client|master|app|auth|jwt|session|hmac|service|stripe)[^a-z0-9\n]?key)|(?i:db|smtp|mail|user|admin|root|redis)[^A-Za-z0-9\n]?(?i:pass)|\bpass";

/// The shapes of a secret that needs no name: a JWT signing call, a private key block, a
/// well-known token prefix.
fn unnamed_secret_shapes() -> String {
    let prefixes: Vec<String> = TOKEN_SPECS
        .iter()
        .map(|(prefix, ..)| regex::escape(prefix))
        .collect();
    format!(r"(?i:jwt)|jsonwebtoken|PRIVATE KEY|{}", prefixes.join("|"))
}

/// The text shapes every secret finding in configuration starts from: a name read as a
/// secret, then anything (values of `.env` and compose files need no quotes), or an unnamed
/// secret.
static SECRET_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"(?:{SECRET_NAME})(?:[^A-Za-z0-9]|$)|{}",
        unnamed_secret_shapes()
    ))
});

/// In JavaScript/TypeScript and Python a named secret is a string literal given to the name:
/// `password: 'x'`, `const apiKey: string = "x"`, `cfg["db_pass"] = ('x')`, `secret=r"x"`,
/// `token = <string>'x'`, across line breaks, line continuations and comments. The gap the
/// value may sit behind:
const CODE_VALUE_GAP: &str = r"(?:\s|\(|\\\r?\n|/\*(?s:.*?)\*/|//[^\n]*\n|\#[^\n]*\n)*";

static SECRET_CODE_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r#"(?:{SECRET_NAME})['"`]?\]?(?:\s|\\\r?\n)*(?::[^=;,\n]{{0,80}}=|[:=]){CODE_VALUE_GAP}(?:<[^<>\n]{{1,80}}>{CODE_VALUE_GAP})?[rRbBuUfF]{{0,2}}['"`]|{}"#,
        unnamed_secret_shapes()
    ))
});

/// False when nothing in the text can be a hard-coded secret: no secret-named value (in code,
/// no secret name given a string literal), no token prefix, private key or JWT call.
pub fn may_contain_secret(text: &[u8], code: bool) -> bool {
    crate::util::shape_matches(
        if code {
            &SECRET_CODE_TEXT
        } else {
            &SECRET_TEXT
        },
        text,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shapes() {
        assert!(SECRET_CODE_TEXT.is_some() && SECRET_TEXT.is_some());
        for yes in [
            "const config = { password: 'hunter2' };",
            "const apiKey: string =\n  \"abc\";",
            "cfg[\"db_pass\"] = ('abc')",
            "SECRET_KEY = r'abc'",
            "token = <string>'abc';",
            "client_secret = (  # from the console\n    \"abc\"\n)",
            "SECRET_KEY = \\\n    'abc'",
            "SECRET_KEY \\\n    = 'abc'",
            "headers = { 'x-api-key': /* staging */ `abc` }",
            "jwt.sign(payload, key)",
            "const t = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz'",
        ] {
            assert!(may_contain_secret(yes.as_bytes(), true), "{yes}");
        }
        for no in [
            "const password = process.env.DB_PASSWORD;",
            "if (user.password === hash) {}",
            "password: Optional[str] = None",
            "def login(password): pass",
            "const tokenExpiry = '1h';",
        ] {
            assert!(!may_contain_secret(no.as_bytes(), true), "{no}");
        }
        assert!(may_contain_secret(b"DB_PASSWORD=hunter2\n", false));
    }

    #[test]
    fn secret_names() {
        for yes in [
            "password",
            "dbPassword",
            "DB_PASSWORD",
            "JWT_SECRET",
            "clientSecret",
            "apiKey",
            "API_KEY",
            "api_key",
            "SECRET_KEY",
            "accessToken",
            "GITHUB_TOKEN",
            "privateKey",
            "pass",
        ] {
            assert!(secret_kind(yes).is_some(), "{yes}");
        }
        for no in [
            "passwordField",
            "tokenExpiry",
            "TOKEN_URL",
            "nextPageToken",
            "CancelToken",
            "publicKey",
            "AWS_ACCESS_KEY_ID",
            "secretName",
            "passwordMinLength",
            "keyPrefix",
            "key",
        ] {
            assert!(secret_kind(no).is_none(), "{no}");
        }
    }

    #[test]
    fn placeholders() {
        for p in [
            "",
            "changeme",
            "your-secret-key",
            "xxx",
            "xxxxxxxx",
            "<password>",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "****",
            "Password is required",
            "JWT_SECRET",
            "your_api_key_here",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for s in ["password", "s3cr3t!", "postgres", "django-insecure-abc123"] {
            assert!(!is_placeholder(s), "{s}");
        }
    }

    #[test]
    fn token_formats() {
        let text = "a = 'AKIAZ3MXQ7RT2N4VWP6Y'; b = \"ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789\"; c = 'AKIAIOSFODNN7EXAMPLE'";
        let found: Vec<&str> = tokens(text).iter().map(|t| t.kind).collect();
        assert_eq!(found, vec!["AWS access key", "GitHub token"]);
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n";
        assert_eq!(tokens(pem).len(), 1);
        assert!(tokens("if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) {}").is_empty());
        assert_eq!(mask("password"), "`…` (8 characters)");
    }
}
