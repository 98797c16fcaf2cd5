//! Iterations that move stored files: each turn of the loop copies, uploads or stores the
//! item's files through a file store (`storage.copy_object(asset.key, copy_key)`,
//! `FileStorage.storeFromUrl(item.url, attachment.key)`) and the query serves that
//! transfer: it creates the row of the file just copied, or looks up the row whose file is
//! sent. The transfer is the cost of the iteration and cannot be batched away, so batching
//! the query would save a small part of it. A write that only needs the item's id
//! (`delete({ where: { id: share.id } })` beside `deleteAllFiles(share.id)`, an update
//! clearing the same fields of each row) is still reported: one query over the ids after
//! the loop would do.

use tree_sitter::Node;

use crate::lang::js;
use crate::lang::tree::{FieldExt, KindExt, descendants, text};
use crate::rules::TreeContext;
use crate::rules::shared::db;
use crate::util::identifier_words;

use super::loops::Loop;
use super::{Lang, is_name, per_iteration_names};

/// Words of a callee naming a file store: `fileService`, `FileStorage`, `s3`, `bucket`.
/// (A local file written or removed, `f.write(line)`, `os.remove(path)`, costs less than
/// the query and is not counted.)
const FILE_WORDS: &[&str] = &["file", "files", "storage", "s3", "bucket", "blob", "blobs"];

/// Words of a callee that transfer or remove stored files.
const TRANSFER_WORDS: &[&str] = &[
    "delete", "remove", "copy", "move", "store", "upload", "download", "put",
];

/// Words of a callee that reads or writes rows, not files (`fileRepository.delete`,
/// `FileModel.destroy`, `prisma.file.delete`).
const ROW_WORDS: &[&str] = &[
    "repository",
    "repo",
    "objects",
    "prisma",
    "model",
    "models",
    "db",
    "database",
    "table",
    "entity",
    "record",
    "records",
    "row",
    "rows",
    "query",
    "session",
    "collection",
];

/// Words of a query method that creates a row (`create`, `get_or_create`, `insertOne`).
const CREATE_WORDS: &[&str] = &["create", "insert"];

/// True when the query `call` (running `method_call`) serves a transfer of the item's files
/// in the same iteration: a call outside it whose callee names a file store and a transfer,
/// that is not itself a query, and whose arguments change per iteration; the query creates
/// a row, or the transfer's arguments use what the query returned.
pub(super) fn moves_files_per_item(
    call: Node,
    method_call: Node,
    lp: &Loop,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let src = cx.src;
    let method = lang.callee_name(method_call, src);
    let creates = method.is_some_and(|m| {
        identifier_words(m)
            .iter()
            .any(|w| CREATE_WORDS.contains(&w.as_str()))
    });
    let returned = returned_names(call, lp, src, lang);
    if !creates && returned.is_empty() {
        return false;
    }
    let per_item = per_iteration_names(lp, lp.body.end_byte(), src, lang);
    descendants(lp.body).any(|node| {
        if (node.start_byte() <= call.start_byte() && call.end_byte() <= node.end_byte())
            || (call.start_byte() <= node.start_byte() && node.end_byte() <= call.end_byte())
        {
            return false;
        }
        let Some(words) = callee_words(node, src, lang) else {
            return false;
        };
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if !has(FILE_WORDS) || !has(TRANSFER_WORDS) || has(ROW_WORDS) || runs_query(node, cx, lang)
        {
            return false;
        }
        let Some(args) = node.field("arguments") else {
            return false;
        };
        let names: Vec<&str> = descendants(args)
            .filter(|n| is_name(*n, lang))
            .map(|n| text(n, src))
            .collect();
        names.iter().any(|n| per_item.contains(*n))
            && (creates || names.iter().any(|n| returned.contains(n)))
    })
}

/// Words of a callee that does heavy work on one item: embeds it into a vector database
/// (`VectorDb.addDocumentToNamespace`, `embed_documents`), or renders or transcodes its
/// media (`ffmpeg(...)`, `loadThumbnail(tmpFile)`, `transcode_video`).
const HEAVY_WORDS: &[&str] = &[
    "vector",
    "vectors",
    "vectorize",
    "embed",
    "embedding",
    "embeddings",
    "ffmpeg",
    "ffprobe",
    "transcode",
    "thumbnail",
    "thumbnails",
];

/// Words of a callee that only names or locates the result of that work
/// (`thumbnailUrl(item)`, `get_thumbnail_path(item)`, `vectorName(doc)`).
const LOCATOR_WORDS: &[&str] = &["url", "urls", "path", "paths", "name", "key", "src", "href"];

/// True when the iteration holding the query has just embedded the item into a vector
/// database or rendered its media: a call before the query (ending before it starts), not
/// itself a query, whose callee names that work and whose arguments change per iteration.
/// That work is the cost of each turn; the row the iteration then writes or reads for the
/// same item is a small part of it, and one batched query would not save the turn. A query
/// before the work (a lookup deciding whether to do it) is still reported.
pub(super) fn heavy_work_per_item(call: Node, lp: &Loop, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut per_item: Option<std::collections::BTreeSet<String>> = None;
    descendants(lp.body).any(|node| {
        if node.end_byte() > call.start_byte() {
            return false;
        }
        let Some(words) = callee_words(node, src, lang) else {
            return false;
        };
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
        if !has(HEAVY_WORDS) || has(LOCATOR_WORDS) || runs_query(node, cx, lang) {
            return false;
        }
        let Some(args) = node.field("arguments") else {
            return false;
        };
        let per_item =
            per_item.get_or_insert_with(|| per_iteration_names(lp, lp.body.end_byte(), src, lang));
        descendants(args)
            .filter(|n| is_name(*n, lang))
            .any(|n| per_item.contains(text(n, src)))
    })
}

/// The words of the callee of `node` when it is a call (`Storage.uploadFile` → storage,
/// upload, file).
fn callee_words(node: Node, src: &str, lang: Lang) -> Option<Vec<String>> {
    if node.kind_name() != lang.call_kind() {
        return None;
    }
    let callee = match lang {
        Lang::Js => js::callee(node),
        Lang::Py => node.field("function"),
    }?;
    Some(identifier_words(text(callee, src)))
}

/// True when the call runs a query of a known driver or ORM.
fn runs_query(call: Node, cx: &TreeContext, lang: Lang) -> bool {
    match lang {
        Lang::Js => db::js_query_call(call, cx.src).is_some(),
        Lang::Py => db::py_query_call(call, cx).is_some(),
    }
}

/// The names the statement holding `call` binds to its result (`const attachment = await
/// Attachment.findByPk(...)`, `upload, _ = FileUpload.objects.get_or_create(...)`).
fn returned_names<'s>(call: Node, lp: &Loop, src: &'s str, lang: Lang) -> Vec<&'s str> {
    for anc in crate::lang::tree::ancestors(call) {
        if anc.id() == lp.body.id() {
            break;
        }
        let target = match (lang, anc.kind_name()) {
            (Lang::Js, "variable_declarator") => anc.field("name"),
            (Lang::Js, "assignment_expression") | (Lang::Py, "assignment") => anc.field("left"),
            (_, "expression_statement" | "lexical_declaration" | "statement_block" | "block") => {
                break;
            }
            _ => continue,
        };
        return target
            .map(|t| {
                descendants(t)
                    .filter(|n| is_name(*n, lang))
                    .map(|n| text(n, src))
                    .collect()
            })
            .unwrap_or_default();
    }
    Vec::new()
}

/// Constructors of a file object a storage backend saves with its row (Django's
/// `ContentFile(data, name=...)`, `File(handle)`, `SimpleUploadedFile(...)`).
const FILE_CONSTRUCTORS: &[&str] = &[
    "ContentFile",
    "File",
    "SimpleUploadedFile",
    "InMemoryUploadedFile",
    "UploadedFile",
];

/// True when a Python call made per item hands a new file object to the row it writes
/// (`ContentImage.objects.create(image=ContentFile(content, name=filename))`, or a name the
/// body bound to one, also through a helper that creates the row): saving the row uploads
/// the file's bytes through the storage backend, the cost of the iteration, which one batched
/// insert would not save (`bulk_create` skips the per-file save).
pub(super) fn saves_a_new_file_per_item(call: Node, lp: &Loop, src: &str, lang: Lang) -> bool {
    if lang != Lang::Py {
        return false;
    }
    let is_file = |node: Node| {
        let node = crate::lang::py::unwrap(node);
        node.kind_name() == "call"
            && crate::lang::py::callee_object(node).is_none()
            && crate::lang::py::callee_name(node, src)
                .is_some_and(|n| FILE_CONSTRUCTORS.contains(&n))
    };
    let Some(args) = call.field("arguments") else {
        return false;
    };
    let mut cursor = args.walk();
    let values: Vec<Node> = args
        .named_children(&mut cursor)
        .filter_map(|a| {
            if a.kind_name() == "keyword_argument" {
                a.field("value")
            } else {
                Some(a)
            }
        })
        .collect();
    values.into_iter().any(|value| {
        let value = crate::lang::py::unwrap(value);
        if is_file(value) {
            return true;
        }
        if value.kind_name() != "identifier" {
            return false;
        }
        let bindings =
            crate::lang::py::bindings_of(lp.body, text(value, src), src, call.start_byte());
        !bindings.is_empty() && bindings.iter().all(|b| is_file(b.value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_file_transfers() {
        let words = identifier_words("this.fileService.deleteAllFiles");
        assert!(words.iter().any(|w| FILE_WORDS.contains(&w.as_str())));
        assert!(words.iter().any(|w| TRANSFER_WORDS.contains(&w.as_str())));
        let words = identifier_words("S3Storage.copy_object");
        assert!(words.iter().any(|w| FILE_WORDS.contains(&w.as_str())));
        let words = identifier_words("this.fileRepository.delete");
        assert!(words.iter().any(|w| ROW_WORDS.contains(&w.as_str())));
    }
}
