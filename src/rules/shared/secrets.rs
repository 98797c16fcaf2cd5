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
    if MARKERS.iter().any(|m| lower.contains(m))
        || lower.starts_with("your")
        || v.starts_with('$')
        || is_format_field(v)
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

/// A whole `str.format` / f-string field: `{password}`, `{0}`, `{cfg.pw}`, `{pw!s}`.
fn is_format_field(v: &str) -> bool {
    v.strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|inner| {
            inner
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '!' | ':'))
        })
}

/// A name with its separators dropped and its letters lowercased: `reset_token`, `resetToken`
/// and `RESET-TOKEN` all give `resettoken`.
fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A value that is its key's own name in another casing, separators ignored: the column or
/// field name `reset_token` under `resetToken`, `Password` under `password`, `api-key` under
/// `API_KEY`. Only letters, digits and `_ - .` and spaces may appear in it.
pub fn names_key(key: &str, value: &str) -> bool {
    let v = value.trim();
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '))
        && squash(v) == squash(key)
}

/// `names_key`, loosely: an identifier-like value that starts with its key's name
/// (`forgot_password: 'forgot_password_clicked'`) or ends it (`NODEBB_DB_PASSWORD:
/// 'password'`, `NODEBB_ADMIN_PASSWORD: 'admin:password'`), or that is the key's name as
/// written behind a qualifier (`API_KEY = "READ+API_KEY"`). Only evidence for a map of names
/// when the map's other entries agree (`names_outnumber`).
pub fn names_key_loosely(key: &str, value: &str) -> bool {
    let v = value.trim();
    // `API_KEY = "READ+API_KEY"`: the key's own name, written as it is, behind a qualifier (a
    // permission on that resource).
    let qualifies_key = v
        .rsplit_once(['+', ':', '/'])
        .is_some_and(|(prefix, last)| {
            !prefix.is_empty()
                && prefix
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                && last == key.trim()
        });
    if qualifies_key {
        return true;
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | ':'))
    {
        return false;
    }
    let (sk, sv) = (squash(key), squash(v));
    (!sv.is_empty() && sv == sk)
        || (sv.len() >= 3 && !sk.is_empty() && (sv.starts_with(&sk) || sk.ends_with(&sv)))
}

/// The words of an identifier-like value: `csrfToken` → `csrf`, `Token`;
/// `auth/invalid_refresh_token` → `auth`, `invalid`, `refresh`, `token`. `None` when the value
/// holds anything but ASCII letters and `_ - . / :` separators.
fn value_words(value: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        if matches!(c, '_' | '-' | '.' | '/' | ':') {
            if current.is_empty() {
                return None;
            }
            out.push(std::mem::take(&mut current));
            previous_lower = false;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return None;
        }
        if c.is_ascii_uppercase() && previous_lower {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_ascii_lowercase();
        current.push(c);
    }
    if current.is_empty() {
        return None;
    }
    out.push(current);
    Some(out)
}

/// A value that names something rather than being a credential, under a key that may hold
/// either: a token type, an error code, a storage or session key name (`sessionKey:
/// 'csrfToken'`, `INVALID_REFRESH_TOKEN = 'auth/invalid_refresh_token'`, `token:
/// 'comment'`). Only for `...Token` names and keys that are looked up by name (session,
/// access, storage, cache keys) and API keys, never for passwords, secrets or signing keys;
/// the value is made of words (each a lower-case run of two or more letters, or one
/// capitalised), several of them for a key. An API key is issued by a service as random
/// characters: several plain words under that name (`api_key="health-probe"`, the label of
/// a principal a proxy builds) name something instead.
pub fn is_name_value(name: &str, value: &str) -> bool {
    let w = words(name);
    let Some(last) = w.last().map(String::as_str) else {
        return false;
    };
    let previous = w
        .len()
        .checked_sub(2)
        .and_then(|i| w.get(i))
        .map_or("", String::as_str);
    let api_key = last == "apikey" || (last == "key" && previous == "api");
    let single_ok = match last {
        "token" => true,
        "apikey" => false,
        "key"
            if matches!(
                previous,
                "session" | "access" | "storage" | "cache" | "cookie" | "api"
            ) =>
        {
            false
        }
        _ => return false,
    };
    // `_app_new_refresh_token`: a private name's leading or trailing underscores.
    let Some(parts) = value_words(value.trim().trim_matches('_')) else {
        return false;
    };
    let wordy = parts.iter().all(|p| {
        let rest = p
            .strip_prefix(|c: char| c.is_ascii_uppercase())
            .unwrap_or(p);
        p.len() >= 2 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase())
    });
    // `API_KEY = 'api_key'` repeats its own name: a stand-in value still reported.
    let own_words = api_key
        && (parts
            .iter()
            .all(|p| w.iter().any(|k| k.eq_ignore_ascii_case(p)))
            || parts.concat().eq_ignore_ascii_case(&w.concat()));
    wordy && !own_words && (parts.len() >= 2 || single_ok)
}

/// A value shaped like code rather than a credential: a dotted path to a class, three or
/// more parts (`cookbook.forms.SignupForm`), an entry point (`app.tests.factories:ApiToken`),
/// an anchored regular expression (`^\*+$`) or a rate-limit spec (`5/m`, `1/m/user`).
pub fn is_code_shaped(value: &str) -> bool {
    let v = value.trim();
    let ident = |p: &str| {
        p.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let dotted = {
        let parts: Vec<&str> = v.split('.').collect();
        parts.len() >= 3
            && parts.iter().all(|p| ident(p))
            && parts.split_last().is_some_and(|(class, modules)| {
                class.starts_with(|c: char| c.is_ascii_uppercase())
                    && class.chars().any(|c| c.is_ascii_lowercase())
                    && modules.iter().all(|m| {
                        m.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    })
            })
    };
    let rate = |v: &str| {
        let mut parts = v.split('/');
        let count = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        !count.is_empty()
            && count.chars().all(|c| c.is_ascii_digit())
            && !rest.is_empty()
            && rest.len() <= 2
            && rest.iter().all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    // `'pkg.tests.factories:ApiToken'`: an entry point, a module path and an attribute of it.
    let entry_point = v.split_once(':').is_some_and(|(module, attribute)| {
        let parts: Vec<&str> = module.split('.').collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| ident(p) && p.chars().all(|c| !c.is_ascii_uppercase()))
            && attribute.split('.').all(ident)
    });
    // `r'^\*+$'`: an anchored regular expression.
    let pattern = v.len() >= 3
        && v.starts_with('^')
        && v.ends_with('$')
        && v.contains(['*', '+', '?', '[', '(', '\\', '.']);
    // `1/m/ip,1/m/key`: several limits at once.
    dotted || entry_point || pattern || v.split(',').all(|part| rate(part.trim()))
}

/// Words that mark a value as the absence of a secret: `no_api_key`, `missing-token`.
const ABSENCE_WORDS: [&str; 8] = [
    "no",
    "none",
    "missing",
    "unset",
    "empty",
    "null",
    "undefined",
    "without",
];

/// A sentinel standing for "no secret here": its key's own words behind a word of absence
/// (`api_key = 'no_api_key'`, `token: 'missing-token'`).
pub fn is_absence_sentinel(name: &str, value: &str) -> bool {
    let Some(parts) = value_words(value.trim()) else {
        return false;
    };
    let key_words = words(name);
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    match lower.split_first() {
        Some((first, rest)) => {
            ABSENCE_WORDS.contains(&first.as_str()) && !rest.is_empty() && rest == key_words
        }
        None => false,
    }
}

/// An identifier-like value of two or more words, every one of them a word of its key's
/// name: an enum member's name (`username_and_password = "username-password"`). Only
/// evidence for a map of names when the map's other entries agree (`names_outnumber`).
pub fn takes_words_of_key(name: &str, value: &str) -> bool {
    let Some(parts) = value_words(value.trim()) else {
        return false;
    };
    let key_words = words(name);
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| key_words.contains(&p.to_ascii_lowercase()))
}

/// A one-word label naming the last word of a longer key: `fake_wallet_secret: 'Secret'`
/// is the caption of a form field, not its value.
pub fn is_key_word_label(name: &str, value: &str) -> bool {
    let v = value.trim();
    let key_words = words(name);
    let mut chars = v.chars();
    key_words.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.clone().count() >= 2
        && chars.all(|c| c.is_ascii_lowercase())
        && key_words
            .last()
            .is_some_and(|w| *w == v.to_ascii_lowercase())
}

/// Words that classify a field rather than fill it: a map marking each setting `public` or
/// `secret` (`{ host: 'public', password: 'secret' }`).
const CLASSIFICATION_WORDS: &[&str] = &[
    "public",
    "private",
    "secret",
    "sensitive",
    "hidden",
    "masked",
    "plain",
    "encrypted",
    "internal",
];

fn is_classification_word(value: &str) -> bool {
    CLASSIFICATION_WORDS.contains(&value.trim().to_ascii_lowercase().as_str())
}

/// True when `value` and at least two other values of the same map are classification
/// words, and the map holds no other string: a table telling which fields are secret
/// (`password: 'secret'` beside `port: 'public'`), not a set of credentials.
pub fn classifies_fields(value: &str, entries: &[(String, String)]) -> bool {
    is_classification_word(value)
        && entries.len() >= 2
        && entries
            .iter()
            .take(MAX_ENTRIES)
            .all(|(_, other)| is_classification_word(other))
}

/// At most this many entries of a map are read for `classifies_fields`.
const MAX_ENTRIES: usize = 256;

/// Names of primitive types, which a code generator's `token` field holds
/// (`{ token: 'int32' }`).
const TYPE_NAMES: &[&str] = &[
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "i8",
    "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "float", "float32", "float64",
    "double", "bool", "boolean", "string", "bytes", "number", "any", "object",
];

/// True when a value under a secret-like name in code names something else: a message id
/// (`password: 'label.password'`, `noMatchPassword: 'message.no-match-password'`), a file
/// (`CA_KEY_SECRET_KEY = 'ca.key'`), a type (`token: 'map[string]interface{}'`,
/// `token: 'serde_json::Value'`, `token: 'int32'`), or the key's own name without a prefix,
/// three words or more (`KV_UNSTRUCTURED_API_KEY = 'unstructured_api_key'`: the key under
/// which a store saves the secret), or a module path (`'@/modules/embed/types#EmbedToken'`).
/// A password is none of these shapes.
pub fn names_something_else(name: &str, value: &str) -> bool {
    let v = value.trim();
    let key_words = words(name);
    let Some(kind_word) = key_words.last() else {
        return false;
    };
    let lower_word = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    let segments: Vec<&str> = v.split('.').collect();
    let message_id = segments.len() >= 2
        && segments.iter().all(|s| lower_word(s))
        && segments[0].starts_with(|c: char| c.is_ascii_lowercase())
        && segments
            .last()
            .is_some_and(|last| last.split(['-', '_']).any(|w| w == kind_word));
    let file_name = segments.len() == 2
        && lower_word(segments[0])
        && matches!(
            segments[1],
            "crt" | "cer" | "pem" | "key" | "pub" | "der" | "csr" | "p12" | "pfx" | "jks"
        );
    // `resetPassword: 'password_reset_request.html'`: the template or document a mail type
    // or a page is rendered from.
    let document_name = segments.len() == 2
        && lower_word(segments[0])
        && DOCUMENT_EXTENSIONS.contains(&segments[1]);
    let type_name = kind_word == "token"
        && (v.contains("::")
            || v.contains("[]")
            || v.ends_with("{}")
            || v.starts_with("map[")
            || TYPE_NAMES.contains(&v));
    let value_parts: Vec<&str> = v.split(['_', '-', '.']).collect();
    let own_name = value_parts.len() >= 3
        && value_parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && value_parts.iter().all(|p| key_words.iter().any(|k| k == p));
    // `'@/modules/embed/types#EmbedTokenReturn'`: a module path (and an export of it) that a
    // code generator maps a type to.
    let module_path = ["@/", "~/", "../"].iter().any(|p| v.starts_with(p));
    // `_API_KEY = "braintrust_api_key"`, `API_KEY = "onyx-api-key"`: the key's own name
    // behind a prefix, the field a credential is read from or a stand-in to replace.
    let extends_own_name = key_words.len() >= 2
        && value_parts.len() > key_words.len()
        && value_parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && value_parts.ends_with(&key_words.iter().map(String::as_str).collect::<Vec<_>>());
    // `_STATE_CLIENT_KEY = "client"`: the name a `..._KEY` constant looks something up by,
    // one of the key's own words.
    let names_lookup_key = key_words.len() >= 3
        && kind_word == "key"
        && v.len() >= 3
        && v.chars().all(|c| c.is_ascii_lowercase())
        && key_words[..key_words.len() - 1].iter().any(|w| w == v);
    message_id
        || file_name
        || document_name
        || type_name
        || own_name
        || module_path
        || extends_own_name
        || names_lookup_key
}

/// Extensions of templates and documents a value may name (`password_reset.html`).
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "html",
    "htm",
    "txt",
    "md",
    "json",
    "yaml",
    "yml",
    "xml",
    "ejs",
    "hbs",
    "handlebars",
    "pug",
    "mjml",
    "njk",
    "jinja",
    "jinja2",
    "j2",
    "tmpl",
    "tpl",
    "svg",
    "png",
    "jpg",
    "css",
    "csv",
];

/// Text for people rather than a value: a capitalised phrase (`Email address`, `Sign in`).
pub fn is_label(value: &str) -> bool {
    let v = value.trim();
    v.chars().next().is_some_and(char::is_uppercase) && v.chars().any(char::is_whitespace)
}

/// A password written in the user-info of a URL: `postgres://app:<password>@db/app`,
/// `redis://:<password>@cache:6379`, `https://user:<token>@github.com/...`. Byte range
/// within `text`; the password is a literal, not a placeholder or reference (`${PW}`, `{pw}`,
/// `%(pw)s`, `$(PW)`, `***`, `<password>`) and not a well-known token (reported as such).
/// A URL ends at white space, a quote, `/`, `?` or `#`; `{...}` and `$(...)` inside it are
/// skipped whole, so a template's holes never end it early.
pub fn url_passwords(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find("://")) {
        let sep = from + at;
        from = sep + 3;
        // A scheme: a letter, then letters, digits, `+ - .`.
        let scheme_start = bytes[..sep]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .map_or(0, |p| p + 1);
        if scheme_start == sep || !bytes[scheme_start].is_ascii_alphabetic() {
            continue;
        }
        let mut k = from;
        let mut colon = None;
        let mut last_at = None;
        while k < bytes.len() {
            let b = bytes[k];
            let hole = match (b, bytes.get(k + 1)) {
                (b'{', _) => Some((k, b'{', b'}')),
                (b'$', Some(b'(')) => Some((k + 1, b'(', b')')),
                _ => None,
            };
            if let Some((open_at, open, close)) = hole {
                // Skip the hole to its closing bracket on the same line (`{{ .Values.pw }}`).
                let mut depth = 0usize;
                let mut end = None;
                for (j, c) in bytes.iter().enumerate().skip(open_at) {
                    if *c == b'\n' {
                        break;
                    } else if *c == open {
                        depth += 1;
                    } else if *c == close {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(j);
                            break;
                        }
                    }
                }
                match end {
                    Some(j) => {
                        k = j + 1;
                        continue;
                    }
                    None => break,
                }
            }
            if b.is_ascii_whitespace()
                || matches!(
                    b,
                    b'/' | b'?' | b'#' | b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\'
                )
            {
                break;
            }
            match b {
                b'@' => last_at = Some(k),
                b':' if colon.is_none() => colon = Some(k),
                _ => {}
            }
            k += 1;
        }
        from = from.max(k);
        let (Some(colon), Some(at)) = (colon, last_at) else {
            continue;
        };
        if colon > at {
            continue;
        }
        let password = &text[colon + 1..at];
        if is_literal_password(password) {
            out.push(colon + 1..at);
        }
    }
    out
}

/// A URL's password that is written out: not empty, not a placeholder or reference, not a
/// template with holes or a pattern (`([^@]+)`), not a well-known token.
fn is_literal_password(password: &str) -> bool {
    !is_placeholder(password)
        && password.bytes().any(|b| b.is_ascii_alphanumeric())
        && !password.contains(['{', '}', '[', ']', '^', '|', '\\'])
        && tokens(password).is_empty()
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
        for start in memchr::memmem::find_iter(bytes, prefix.as_bytes()) {
            let from = start + prefix.len();
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
    for start in memchr::memmem::find_iter(bytes, b"-----BEGIN ") {
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

/// A URL with user-info: `://`, then an `@` before anything that ends the user-info for
/// `url_passwords` (white space, `/ ? #`, quotes, `< > \`), holes such as `{{ .Values.pw }}`
/// and `$(PW)` skipped as it skips them.
const URL_WITH_USER: &str = r#"://(?:[^\s/?#"'`<>\\{$]|\{[^\n]*?\}|\$\([^)\n]*\)|\$)*@"#;

/// The text shapes every secret finding in configuration starts from: a name read as a
/// secret, then anything (values of `.env` and compose files need no quotes), an unnamed
/// secret, or a URL with user-info.
static SECRET_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"(?:{SECRET_NAME})(?:[^A-Za-z0-9]|$)|{}|{URL_WITH_USER}",
        unnamed_secret_shapes()
    ))
});

/// In JavaScript/TypeScript and Python a named secret is a string literal given to the name:
/// `password: 'x'`, `const apiKey: string = "x"`, `cfg["db_pass"] = ('x')`, `secret=r"x"`,
/// `token = <string>'x'`, across line breaks, line continuations and comments. The gap the
/// value may sit behind:
const CODE_VALUE_GAP: &str = r"(?:\s|\(|\\\r?\n|/\*(?s:.*?)\*/|//[^\n]*\n|\#[^\n]*\n)*";

/// What follows a secret name in code when a string literal is given to it: the quote or
/// bracket that closes a quoted key, `:` or `=` (a type annotation between them), the gap,
/// a type assertion, a string prefix and the literal's quote.
fn code_value() -> String {
    format!(
        r#"['"`]?\]?(?:\s|\\\r?\n)*(?::[^=;,\n]{{0,80}}=|[:=]){CODE_VALUE_GAP}(?:<[^<>\n]{{1,80}}>{CODE_VALUE_GAP})?[rRbBuUfF]{{0,2}}['"`]"#
    )
}

/// Every name `SECRET_NAME` matches ends with one of these words (in any case).
const SECRET_NAME_ENDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "key",
    "pass",
];

/// The longest name `SECRET_NAME` matches is 14 bytes (`encryption_key`); the window it is
/// looked for in also holds the byte before it, for `\b`.
const SECRET_NAME_WINDOW: usize = 32;

struct NamedSecretShape {
    name_ends: aho_corasick::AhoCorasick,
    /// `SECRET_NAME` ending where the text ends.
    name_before: Regex,
    /// `code_value()` starting where the text starts.
    value_after: Regex,
}

static NAMED_SECRET_IN_CODE: LazyLock<Option<NamedSecretShape>> = LazyLock::new(|| {
    Some(NamedSecretShape {
        name_ends: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(SECRET_NAME_ENDS)
            .ok()?,
        name_before: crate::util::byte_pattern(&format!("(?:{SECRET_NAME})$"))?,
        value_after: crate::util::byte_pattern(&format!("^(?:{})", code_value()))?,
    })
});

static UNNAMED_SECRET_IN_CODE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!("{}|{URL_WITH_USER}", unnamed_secret_shapes()))
});

/// True when a secret name is given a string literal somewhere in the code: the text shape
/// `(?:SECRET_NAME)` followed by `code_value()`, searched in two steps. One regular expression
/// for the whole shape spends most of its time building automaton states (each name in the
/// text starts a run of its own through the value's gaps and type annotations). Instead,
/// every place a name can end (an occurrence of one of `SECRET_NAME_ENDS`) is asked whether
/// a name ends there and a value starts there.
fn named_secret_in_code(text: &[u8]) -> bool {
    let Some(shape) = NAMED_SECRET_IN_CODE.as_ref() else {
        return true;
    };
    shape.name_ends.find_overlapping_iter(text).any(|m| {
        let end = m.end();
        // The value starts with a quote, `]`, white space, `\`, `:` or `=`.
        text.get(end).is_some_and(|c| {
            matches!(c, b'\'' | b'"' | b'`' | b']' | b'\\' | b':' | b'=')
                || c.is_ascii_whitespace()
                || *c == b'\x0b'
        }) && shape
            .name_before
            .is_match(&text[end.saturating_sub(SECRET_NAME_WINDOW)..end])
            && shape.value_after.is_match(&text[end..])
    })
}

/// False when nothing in the text can be a hard-coded secret: no secret-named value (in code,
/// no secret name given a string literal), no token prefix, private key or JWT call, no URL
/// with user-info.
pub fn may_contain_secret(text: &[u8], code: bool) -> bool {
    if code {
        crate::util::shape_matches(&UNNAMED_SECRET_IN_CODE, text) || named_secret_in_code(text)
    } else {
        crate::util::shape_matches(&SECRET_TEXT, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-step search answers as the one regular expression for the whole shape would,
    /// on every fixture and on texts made to sit at its edges.
    #[test]
    fn named_search_equals_one_expression() {
        let whole = crate::util::byte_pattern(&format!(
            "(?:{SECRET_NAME}){}|{}|{URL_WITH_USER}",
            code_value(),
            unnamed_secret_shapes()
        ))
        .expect("the whole shape compiles");
        let mut texts: Vec<Vec<u8>> = [
            "password = 'x'",
            "PASSWORD='x'",
            "dbPass: \"x\"",
            "db_pass: `x`",
            "bypass = 'x'",
            "x.pass = 'x'",
            "encryption-key: 'x'",
            "encryptionkey ='x'",
            "signingKey\\\n = 'x'",
            "token /* the token */ = 'x'",
            "token: string = 'x'",
            "key: 'x'",
            "passwd",
            "pwd",
            "token:",
            "secret\u{b}= 'x'",
            "abcdefghijklmnopqrstuvwxyz_password = 'x'",
            "api_key = <string>'x'",
            "session_key = r'x'",
            "passpasspass = 'x'",
            "user-password]: 'x'",
        ]
        .iter()
        .map(|t| t.as_bytes().to_vec())
        .collect();
        let mut dirs = vec![std::path::PathBuf::from("testdata")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir)
                .expect("testdata is readable")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    texts.push(bytes);
                }
            }
        }
        // Each text also in pieces, so that names and values meet the edges of the text.
        let mut pieces = Vec::new();
        for text in &texts {
            for cut in (0..text.len()).step_by(7) {
                pieces.push(text[cut..].to_vec());
                pieces.push(text[..cut].to_vec());
            }
        }
        for text in texts.iter().chain(&pieces) {
            assert_eq!(
                may_contain_secret(text, true),
                whole.is_match(text),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn code_shapes() {
        assert!(
            NAMED_SECRET_IN_CODE.is_some()
                && UNNAMED_SECRET_IN_CODE.is_some()
                && SECRET_TEXT.is_some()
        );
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
    fn url_password_ranges() {
        let found = |t: &str| -> Vec<String> {
            url_passwords(t)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect()
        };
        assert_eq!(
            found("postgresql://app:Xk9p2LmQ7v@db:5432/app"),
            ["Xk9p2LmQ7v"]
        );
        assert_eq!(found("redis://:hunter2pass@cache:6379/0"), ["hunter2pass"]);
        assert_eq!(found("\"postgres://u:p@ss-w0rd@db/x\""), ["p@ss-w0rd"]);
        assert_eq!(
            found("jdbc:mysql://root:Tr0ub4dor@mysql:3306/db?ssl=true"),
            ["Tr0ub4dor"]
        );
        assert_eq!(
            found("https://bot:s3cr3t-tok@github.com/org/repo.git"),
            ["s3cr3t-tok"]
        );
        assert_eq!(
            found("amqp://guest:guest@rabbit:5672// redis://:r3dis-pw@cache"),
            ["guest", "r3dis-pw"]
        );
        for no in [
            "postgres://app@db/app",
            "postgres://db:5432/app",
            "postgres://app:${POSTGRES_PASSWORD}@db/app",
            "postgres://app:{{ .Values.pw }}@db/app",
            "postgres://{{ .Values.user }}:{{ .Values.pw }}@db/app",
            "postgresql://%(user)s:%(password)s@db/app",
            "postgresql://%s:%s@%s/%s",
            "mysql://app:$(DB_PASS)@db/app",
            "postgres://app:<password>@db/app",
            "postgres://app:***@db/app",
            "postgres://{user}:{pw}@db/app",
            "postgres://app:{___}@db",
            "postgres://user:your-password@db/app",
            "^(\\w+)://([^:]+):([^@]+)@(.*)$",
            "(\\w+)://(.+):(.+)@(.+)",
            "https://example.com/a:b@c",
            "git+ssh://git@github.com:org/repo.git",
            "user:secret@host",
            "https://x:ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789@github.com",
        ] {
            assert!(found(no).is_empty(), "{no}");
        }
    }

    #[test]
    fn name_and_code_values() {
        assert!(is_name_value("sessionKey", "csrfToken"));
        assert!(is_name_value(
            "INVALID_REFRESH_TOKEN",
            "auth/invalid_refresh_token"
        ));
        assert!(is_name_value("token", "comment"));
        assert!(is_name_value("LANGUAGE_SESSION_KEY", "chief-language"));
        assert!(!is_name_value("apiToken", "q8Zr2kLp0x7Vb3Nw"));
        assert!(!is_name_value("SESSION_KEY", "mysessionkey"));
        assert!(!is_name_value("password", "correct-horse-battery"));
        assert!(!is_name_value("SECRET_KEY", "dev-secret-key"));
        assert!(is_name_value("api_key", "health-probe"));
        assert!(!is_name_value("API_KEY", "api_key"));
        assert!(!is_name_value("api_key", "healthprobe"));
        assert!(!is_name_value("apiKey", "k3y-for-prod"));
        assert!(is_code_shaped("cookbook.forms.AllAuthSignupForm"));
        assert!(is_code_shaped("1/m/user"));
        assert!(is_code_shaped("5/m"));
        assert!(!is_code_shaped("forms.password.value"));
        assert!(!is_code_shaped("s3cr3t/pa55"));
        assert!(names_key_loosely(
            "forgot_password",
            "forgot_password_clicked"
        ));
        assert!(names_key_loosely("NODEBB_ADMIN_PASSWORD", "admin:password"));
        assert!(names_key_loosely("id", "id"));
        assert!(!names_key_loosely("host", "localhost"));
        assert!(!names_key_loosely("password", "hunter2!"));
    }

    #[test]
    fn field_names_and_labels() {
        for (k, v) in [
            ("password", "password"),
            ("password", "Password"),
            ("resetToken", "reset_token"),
            ("apiKey", "api_key"),
            ("API_KEY", "api-key"),
            ("accessToken", "accessToken"),
            ("SECRET_MULTILINE", "SecretMultiline"),
        ] {
            assert!(names_key(k, v), "{k}: {v}");
        }
        for (k, v) in [
            ("password", "password1"),
            ("password", "passw0rd"),
            ("password", "password!"),
            ("dbPassword", "password"),
            ("token", ""),
        ] {
            assert!(!names_key(k, v), "{k}: {v}");
        }
        assert!(is_label("Email address") && !is_label("for local dev") && !is_label("Password"));
        assert!(
            is_placeholder("{password}")
                && is_placeholder("{0}")
                && !is_placeholder("{\"k\":\"v\"}")
        );
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
