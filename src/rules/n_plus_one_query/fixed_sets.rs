//! Loops whose length the data does not set: seed data shipped with the application,
//! configuration entries, the site's administrators, and the models or fields of the schema.
//! A query per item of these runs a handful of times whatever the tables hold.

use tree_sitter::Node;

use crate::lang::tree::{FieldExt, KindExt, ancestors, descendants, text, unwrap_expression};
use crate::lang::{js, py};
use crate::util::identifier_words;

use super::loops::{self, Loop};
use super::{Lang, only_binding_value};
use crate::rules::TreeContext;

/// Words naming seed data: rows an application ships to fill a new database or workspace
/// (`for project_seed in read_seed_file("projects.json")`, `for label in
/// issue_seed["labels"]`, `for (const row of seedUsers)`), a fixed number whatever the
/// database holds.
const SEED_WORDS: &[&str] = &["seed", "seeds"];

/// Words naming configuration: entries an administrator or the code defines, a handful of
/// keys (`Object.entries(derivedEnv)`, `for (const c of infraConfigs)`, `site_settings`).
const CONFIGURATION_WORDS: &[&str] = &[
    "config",
    "configs",
    "configuration",
    "configurations",
    "settings",
    "env",
];

/// Words naming the site's administrators (`User.admins()`, `moderators`), a handful of
/// accounts: one notification or check per administrator is a handful of queries.
const ADMINISTRATOR_WORDS: &[&str] = &[
    "admins",
    "administrators",
    "moderators",
    "superusers",
    "superadmins",
];

/// The names met walking from an iterable to its origin, and among them the functions
/// called with arguments (`findDocumentAdmins(document)` gives the admins of one thing).
#[derive(Default)]
struct OriginNames<'t> {
    all: Vec<&'t str>,
    called_with_arguments: Vec<&'t str>,
}

/// The names met walking from an iterable to its origin: identifiers, attribute and
/// method names, the names a local binding gives, and the iterable of a comprehension
/// that built a list (`[f for f in model._meta.get_fields() if ...]`). Arguments other
/// than the first of `sorted(...)`, `enumerate(...)`, `Object.values(...)` and the like
/// are not followed.
fn origin_names<'t>(iterable: Node<'t>, cx: &TreeContext<'t>, lang: Lang) -> OriginNames<'t> {
    let src = cx.src;
    let mut names = OriginNames::default();
    let mut node = iterable;
    for _ in 0..24 {
        node = match lang {
            Lang::Js => loops::js_strip_await(node),
            Lang::Py => py::unwrap(node),
        };
        let next = match node.kind_name() {
            "identifier" | "property_identifier" => {
                let name = text(node, src);
                names.all.push(name);
                only_binding_value(node, name, lang, cx)
            }
            "attribute" => {
                if let Some(attr) = node.field("attribute") {
                    names.all.push(text(attr, src));
                }
                node.field("object")
            }
            "member_expression" => {
                if let Some(prop) = node.field("property") {
                    names.all.push(text(prop, src));
                }
                node.field("object")
            }
            "subscript" => node.field("value"),
            "subscript_expression" => node.field("object"),
            "call" => {
                let name = py::callee_name(node, src).unwrap_or("");
                names.all.push(name);
                if !py::positional_arguments(node).is_empty() {
                    names.called_with_arguments.push(name);
                }
                match (name, py::callee_object(node)) {
                    (_, Some(object)) => Some(object),
                    ("sorted" | "enumerate" | "list" | "tuple" | "set" | "reversed", None) => {
                        py::positional_arguments(node).first().copied()
                    }
                    _ => None,
                }
            }
            "call_expression" => {
                let name = js::callee_name(node, src).unwrap_or("");
                names.all.push(name);
                if !js::call_arguments(node).is_empty() {
                    names.called_with_arguments.push(name);
                }
                let callee = js::callee(node).map(|c| text(c, src)).unwrap_or("");
                match callee {
                    "Object.entries" | "Object.keys" | "Object.values" | "Array.from" => {
                        js::call_arguments(node).first().copied()
                    }
                    _ => js::callee_object(node),
                }
            }
            "list_comprehension" | "set_comprehension" | "generator_expression" => {
                let mut cursor = node.walk();
                let first = node
                    .named_children(&mut cursor)
                    .find(|c| c.kind_name() == "for_in_clause");
                first.and_then(|f| f.field("right"))
            }
            "parenthesized_expression" => node.named_child(0).map(unwrap_expression),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    names
}

fn any_word_in(names: &[&str], words: &[&str]) -> bool {
    names.iter().any(|name| {
        identifier_words(name)
            .iter()
            .any(|w| words.contains(&w.as_str()))
    })
}

/// True when the loop's length is fixed by the code or the site rather than by the rows it
/// meets: it iterates seed data, configuration entries or the administrators, or it walks
/// the schema (see [`walks_the_schema`]).
pub(super) fn loops_over_a_fixed_set(
    method_call: Node,
    lp: &Loop,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    let collection = lp.iterable.or_else(|| counted_collection(lp, cx.src));
    if let Some(collection) = collection {
        let names = origin_names(collection, cx, lang);
        // The site's administrators, not those of one document or team
        // (`findDocumentAdmins(document)`).
        let site_administrators = any_word_in(&names.all, ADMINISTRATOR_WORDS)
            && !any_word_in(&names.called_with_arguments, ADMINISTRATOR_WORDS);
        if any_word_in(&names.all, SEED_WORDS)
            || any_word_in(&names.all, CONFIGURATION_WORDS)
            || site_administrators
        {
            return true;
        }
    }
    walks_the_schema(method_call, lp, cx, lang)
}

/// The collection a counting loop walks: `xs` in `for (let i = 0; i < xs.length; i++)`.
pub(super) fn counted_collection<'t>(lp: &Loop<'t>, src: &str) -> Option<Node<'t>> {
    let condition = unwrap_expression(lp.condition?);
    let condition = if condition.kind_name() == "expression_statement" {
        unwrap_expression(condition.named_child(0)?)
    } else {
        condition
    };
    if condition.kind_name() != "binary_expression" {
        return None;
    }
    let bound = unwrap_expression(condition.field("right")?);
    if bound.kind_name() != "member_expression"
        || bound.field("property").map(|p| text(p, src)) != Some("length")
    {
        return None;
    }
    bound.field("object")
}

/// The loop walks the schema and queries each model it meets: the query's receiver is a
/// model class held by a loop variable (`for model, field in image_fields:
/// model.objects.values_list(field)`, `for (const Model of Object.values(sequelize.models))
/// await Model.count()`), or (Python) the loop iterates model metadata (`for field in
/// model._meta.get_fields()`). One query per model or field is bounded by the code.
fn walks_the_schema(method_call: Node, lp: &Loop, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    // Only a loop over a collection: the names a `while` condition reads are not items.
    let Some(iterable) = lp.iterable else {
        return false;
    };
    let origin = origin_names(iterable, cx, lang).all;
    if lang == Lang::Py && origin.iter().any(|n| matches!(*n, "_meta" | "get_models")) {
        return true;
    }
    // The receiver's root and the member read on it: `model.objects`, `Model.count`.
    let mut node = method_call;
    let mut member_on_root: Option<&str> = None;
    for _ in 0..16 {
        let next = match node.kind_name() {
            "call" => node.field("function"),
            "call_expression" => js::callee(node),
            "attribute" => {
                member_on_root = node.field("attribute").map(|a| text(a, src));
                node.field("object")
            }
            "member_expression" => {
                member_on_root = node.field("property").map(|p| text(p, src));
                node.field("object")
            }
            "identifier" => break,
            _ => return false,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let root = text(node, src);
    // The loop variable itself, or a name bound once to a value made from it
    // (`const Model = mongoose.model(name)`).
    let is_variable = |name: &str| lp.variables.iter().any(|v| v == name);
    let held_per_iteration = is_variable(root)
        || only_binding_value(node, root, lang, cx).is_some_and(|value| {
            crate::lang::tree::descendants(value)
                .any(|d| d.kind_name() == "identifier" && is_variable(text(d, src)))
        });
    if !held_per_iteration {
        return false;
    }
    match lang {
        // `model.objects.filter(...)`, `model.query.filter(...)`: a model class.
        Lang::Py => matches!(member_on_root, Some("objects" | "query")),
        // `Model.count()` over the registry of models itself (`Object.values(db.models)`,
        // `mongoose.modelNames()`), not over rows a model in it returned
        // (`db.models.User.findAll()`).
        Lang::Js => iterates_model_registry(text(iterable, src)),
    }
}

/// Methods that write many rows in one statement: `executemany`, Django's `bulk_create` /
/// `bulk_update`, Prisma's `createMany`, Sequelize's `bulkCreate`, MongoDB's `insertMany` /
/// `bulkWrite`.
const BATCH_WRITE_METHODS: &[&str] = &[
    "executemany",
    "bulk_create",
    "bulk_update",
    "createMany",
    "createManyAndReturn",
    "bulkCreate",
    "insertMany",
    "bulkWrite",
];

/// The query is itself a batch (`cursor.executemany(sql, group.rows)`,
/// `Item.objects.bulk_create(items)`): one statement per group of rows the loop already
/// gathered, not one per row.
pub(super) fn writes_a_batch(method_call: Node, src: &str, lang: Lang) -> bool {
    lang.callee_name(method_call, src)
        .is_some_and(|n| BATCH_WRITE_METHODS.contains(&n))
}

/// True when the loop is the fallback of a batch write that failed: it lies in the
/// `except` / `catch` clause of a `try` whose body writes the rows in one batch
/// (`try: Model.objects.bulk_update(rows, fields) except IntegrityError: for row in rows:
/// ...`). The rows go one by one only when the batch was refused, to skip the offending
/// ones; the batch is the path the rows normally take.
pub(super) fn retries_a_failed_batch(lp: &Loop, src: &str, lang: Lang) -> bool {
    let (handler_kind, function) = match lang {
        Lang::Py => ("except_clause", py::enclosing_function(lp.node)),
        Lang::Js => ("catch_clause", js::enclosing_function(lp.node)),
    };
    let Some(handler) = ancestors(lp.node)
        .take_while(|a| function.is_none_or(|f| a.id() != f.id()))
        .find(|a| a.kind_name() == handler_kind)
    else {
        return false;
    };
    let Some(body) = handler.parent().and_then(|t| t.field("body")) else {
        return false;
    };
    descendants(body).any(|n| {
        matches!(n.kind_name(), "call" | "call_expression") && writes_a_batch(n, src, lang)
    })
}

/// The text of an iterable that is a registry of models: `Object.values(sequelize.models)`,
/// `db.models`, `mongoose.modelNames()`.
fn iterates_model_registry(iterable: &str) -> bool {
    let iterable = iterable.trim_end();
    iterable.contains("modelNames()")
        || iterable.ends_with(".models")
        || iterable.contains(".models)")
}

/// Methods and properties that give the elements under one node of a parsed XML or HTML
/// document (ElementTree, lxml, BeautifulSoup, the DOM): `recipe.findall("ingredient")`,
/// `page.find_all("span")`, `list_node.children`.
const DOCUMENT_CHILD_METHODS: &[&str] = &[
    "getchildren",
    "iterchildren",
    "findall",
    "find_all",
    "findChildren",
    "children",
];

/// Words of names that hold what a request sent: a list in it is as long as the client
/// likes (`request.data["ids"]`, `payload.get("labels")`), so it is not one document's part.
const REQUEST_WORDS: &[&str] = &[
    "request",
    "requested",
    "req",
    "body",
    "payload",
    "params",
    "form",
    "input",
    "validated",
    "post",
];

/// True when the loop walks the parts of one parsed document or one value: a field of a
/// single decoded record (`recipe_json["ingredients"]`, `book_data.get("comments")`,
/// `block["data"]["items"]`), the elements under one node of an XML or HTML tree
/// (`ingredients.children`, `page.find_all("span", ...)`), or the items of one delimited
/// string (`tags.split(",")`). Their number is set by that one document (the tags of a
/// recipe, the blocks of a page), not by the rows a table holds. The record must be one
/// item held in a singular name that is not the request's input: the lists of a request
/// body, and the fields of an export or a listing held in a plural name (`rows["entries"]`),
/// grow with what the client or the data sends.
pub(super) fn iterates_parts_of_one_document(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = match lang {
        Lang::Js => loops::js_strip_await(iterable),
        Lang::Py => py::unwrap(iterable),
    };
    // `enumerate(...)`, `list(...)`, `sorted(...)` keep the items of what they wrap.
    if lang == Lang::Py && node.kind_name() == "call" {
        let wrapper = py::callee_object(node).is_none()
            && py::callee_name(node, src)
                .is_some_and(|n| matches!(n, "enumerate" | "list" | "sorted" | "reversed"));
        if wrapper {
            match py::positional_arguments(node).first() {
                Some(first) => node = py::unwrap(*first),
                None => return false,
            }
        }
    }
    // One delimited string: `tags.split(",")`; its lines (`text.split("\n")`) are parts of
    // one document only when the text is a field of one.
    if let Some(separator) = split_separator(node, src, lang) {
        let Some(receiver) = call_receiver(node, lang) else {
            return false;
        };
        let lines = ["\n", "\r", "\\n", "\\r"]
            .iter()
            .any(|l| separator.contains(l));
        if !lines && !separator.is_empty() {
            return true;
        }
        node = receiver;
    }
    // The elements under one node of a parsed tree.
    let child_access = match node.kind_name() {
        "call" => py::callee_object(node).and(py::callee_name(node, src)),
        "call_expression" => js::callee_object(node).and(js::callee_name(node, src)),
        "attribute" => node.field("attribute").map(|a| text(a, src)),
        "member_expression" => node.field("property").map(|p| text(p, src)),
        _ => None,
    };
    if child_access.is_some_and(|name| DOCUMENT_CHILD_METHODS.contains(&name)) {
        return true;
    }
    one_record_field(node, cx, lang)
}

/// The separator of `text.split(",")` (empty for `text.split()`), when the node is one.
fn split_separator(node: Node, src: &str, lang: Lang) -> Option<String> {
    let (name, args) = match (lang, node.kind_name()) {
        (Lang::Py, "call") if py::callee_object(node).is_some() => {
            (py::callee_name(node, src)?, py::positional_arguments(node))
        }
        (Lang::Js, "call_expression") if js::callee_object(node).is_some() => {
            (js::callee_name(node, src)?, js::call_arguments(node))
        }
        _ => return None,
    };
    if name != "split" {
        return None;
    }
    match args.first() {
        None => Some(String::new()),
        Some(first) => match lang {
            Lang::Py => py::string_value(*first, src),
            Lang::Js => js::string_value(*first, src),
        },
    }
}

/// The object a method is called on: `text` in `text.split(",")`.
fn call_receiver(call: Node, lang: Lang) -> Option<Node> {
    match lang {
        Lang::Py => py::callee_object(call).map(py::unwrap),
        Lang::Js => js::callee_object(call).map(loops::js_strip_await),
    }
}

/// A field of one decoded record read by a constant key: `recipe_json["tags"]`,
/// `book_data.get("comments")`, `block["data"]["items"]`, `recipeJson["steps"]`. The record
/// is a plain singular name that does not hold the request's input and is not bound to it.
fn one_record_field(node: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut node = node;
    let mut fields = 0;
    for _ in 0..8 {
        let next = match node.kind_name() {
            "subscript" => node
                .field("subscript")
                .filter(|k| py::string_value(*k, src).is_some())
                .and_then(|_| node.field("value")),
            "subscript_expression" => node
                .field("index")
                .filter(|k| js::string_value(*k, src).is_some())
                .and_then(|_| node.field("object")),
            "call" if py::callee_name(node, src) == Some("get") => py::positional_arguments(node)
                .first()
                .filter(|k| py::string_value(**k, src).is_some())
                .and_then(|_| py::callee_object(node)),
            _ => None,
        };
        match next {
            Some(n) => {
                node = match lang {
                    Lang::Js => loops::js_strip_await(n),
                    Lang::Py => py::unwrap(n),
                };
                fields += 1;
            }
            None => break,
        }
    }
    if fields == 0 || node.kind_name() != "identifier" {
        return false;
    }
    let name = text(node, src);
    if matches!(name, "self" | "this" | "cls") || super::is_plural(name) {
        return false;
    }
    if any_word_in(&[name], REQUEST_WORDS) {
        return false;
    }
    // `data = request.get_json()` / `const doc = req.body`: the request's input after all.
    only_binding_value(node, name, lang, cx).is_none_or(|value| {
        let bound = text(value, src);
        let words = identifier_words(bound);
        !words.iter().any(|w| REQUEST_WORDS.contains(&w.as_str()))
    })
}

/// Words of a module path or an imported name that say it holds constants written in the
/// code (`from .role.default_roles import default_roles`, `import { defaultSliders } from
/// '@server/constants/discover'`).
/// A module of enumerations counts too (`from app.case.enums import ResolutionReason`,
/// `import { Role } from './enums'`): iterating an enumeration walks its members.
const CONSTANT_MODULE_WORDS: &[&str] = &[
    "constant",
    "constants",
    "default",
    "defaults",
    "enum",
    "enums",
];

/// True when `name` is imported from another module and is a constant there: an upper-case
/// name (`from .constants import DEFAULT_ROLES`, `import { PLANS } from './plans'`), or one
/// imported from a module of constants or defaults. Such a collection is written in the
/// code: its length does not grow with the rows a table holds.
pub(super) fn imported_constant(name: &str, cx: &TreeContext, lang: Lang) -> bool {
    let upper_case = name.chars().any(|c| c.is_ascii_uppercase())
        && !name.chars().any(|c| c.is_ascii_lowercase());
    let Some(module) = importing_module(name, cx, lang) else {
        return false;
    };
    upper_case
        || any_word_in(&[name], CONSTANT_MODULE_WORDS)
        || module
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|part| any_word_in(&[part], CONSTANT_MODULE_WORDS))
}

/// True when `name` is an enumeration this file declares: a Python class deriving from an
/// `Enum`, `Flag` or Django `Choices` class (`class Reason(str, Enum)`), or a TypeScript
/// `enum`. Iterating one walks the members written in the code (`for reason in Reason`,
/// `Object.values(Reason)`).
pub(super) fn declared_enum(name: &str, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let mut cursor = cx.root.walk();
    let top: Vec<Node> = cx.root.named_children(&mut cursor).collect();
    top.into_iter().any(|statement| {
        let declaration = match statement.kind_name() {
            "export_statement" => statement.field("declaration"),
            "decorated_definition" => statement.field("definition"),
            _ => Some(statement),
        };
        let Some(declaration) = declaration else {
            return false;
        };
        if declaration
            .field("name")
            .is_none_or(|n| text(n, src) != name)
        {
            return false;
        }
        match (lang, declaration.kind_name()) {
            (Lang::Js, "enum_declaration") => true,
            (Lang::Py, "class_definition") => {
                declaration.field("superclasses").is_some_and(|bases| {
                    identifier_words(text(bases, src))
                        .iter()
                        .any(|w| matches!(w.as_str(), "enum" | "flag" | "choices"))
                })
            }
            _ => false,
        }
    })
}

/// The module `name` is imported from in this file (`from .plans import PLANS`,
/// `import { PLANS } from './plans'`), when it is imported under its own name.
fn importing_module(name: &str, cx: &TreeContext, lang: Lang) -> Option<String> {
    let src = cx.src;
    match lang {
        Lang::Py => descendants(cx.root)
            .filter(|n| n.kind_name() == "import_from_statement")
            .find_map(|statement| {
                let module = statement.field("module_name")?;
                let mut cursor = statement.walk();
                let imports_name = statement
                    .children_by_field_name("name", &mut cursor)
                    .any(|imported| text(imported, src) == name);
                imports_name.then(|| text(module, src).to_string())
            }),
        Lang::Js => {
            let mut cursor = cx.root.walk();
            let statements: Vec<Node> = cx
                .root
                .named_children(&mut cursor)
                .filter(|n| n.kind_name() == "import_statement")
                .collect();
            statements.into_iter().find_map(|statement| {
                let module = statement
                    .field("source")
                    .and_then(|s| js::string_value(s, src))?;
                let clause = crate::lang::tree::child_of_kind(statement, "import_clause")?;
                let imports_name = descendants(clause).any(|part| {
                    part.kind_name() == "import_specifier"
                        && part.field("alias").is_none()
                        && part.field("name").is_some_and(|n| text(n, src) == name)
                });
                imports_name.then_some(module)
            })
        }
    }
}

/// True when the loop lies in a serializer of one object: a class named or extending
/// `...Serializer` (Django REST framework's `ModelSerializer`, a `BaseSerializer`) or
/// `...Schema` (marshmallow's `ModelSchema`) that is not a list or bulk serializer. Its
/// `create`, `update` and `validate` methods walk the parts of the one object being saved
/// (its tags, its filter rules, the aliases of one exercise, the custom fields of one
/// form), a handful set by that object; a list serializer's items are the client's rows
/// and stay reported.
pub(super) fn in_serializer_of_one_object(lp: &Loop, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    let class_kinds: &[&str] = match lang {
        Lang::Py => &["class_definition"],
        Lang::Js => &["class_declaration", "class", "abstract_class_declaration"],
    };
    let Some(class) = ancestors(lp.node).find(|a| class_kinds.contains(&a.kind_name())) else {
        return false;
    };
    let name = class.field("name").map(|n| text(n, src)).unwrap_or("");
    let bases = match lang {
        Lang::Py => class
            .field("superclasses")
            .map(|b| text(b, src))
            .unwrap_or(""),
        Lang::Js => crate::lang::tree::child_of_kind(class, "class_heritage")
            .map(|h| text(h, src))
            .unwrap_or(""),
    };
    let serializer_names = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|part| part.ends_with("Serializer") || part.ends_with("Schema"))
    };
    let many_objects = ["ListSerializer", "Bulk", "Many"]
        .iter()
        .any(|w| name.contains(w) || bases.contains(w));
    (serializer_names(name) || serializer_names(bases)) && !many_objects
}

/// Words of a field that collects work to do later (a queue to flush): its length grows with
/// what the application received, not with the object holding it.
const ACCUMULATOR_WORDS: &[&str] = &[
    "queue", "queued", "pending", "buffer", "buffered", "backlog", "outbox", "batch", "cache",
    "cached",
];

/// True when the loop walks a field of the object its method belongs to: `for tag in
/// self.tags`, `self.metadata.tag_ids`, `self.uuids.keys()`, `this.seasons.forEach(...)`,
/// `Object.values(this.options)`. The collection is part of that one object, held in memory
/// (the tags of one item, the seasons of one request, the option fields of one importer):
/// its length is that object's, not the number of rows a table holds. A relation read
/// through a query (`self.comments.all()`, `getattr(self, field).all()`) is not a field, and
/// a field collecting work to flush later (`this.pendingJobs`, `self.queue`) grows with what
/// the application receives: both are still reported.
pub(super) fn iterates_fields_of_self(iterable: Node, cx: &TreeContext, lang: Lang) -> bool {
    let src = cx.src;
    fn strip(n: Node<'_>, lang: Lang) -> Node<'_> {
        match lang {
            Lang::Js => loops::js_strip_await(n),
            Lang::Py => py::unwrap(n),
        }
    }
    let mut node = strip(iterable, lang);
    // The keys, values or entries of a mapping field.
    match (lang, node.kind_name()) {
        (Lang::Py, "call") => {
            let walks = py::callee_name(node, src)
                .is_some_and(|n| matches!(n, "keys" | "items" | "values"))
                && py::positional_arguments(node).is_empty();
            match (walks, py::callee_object(node)) {
                (true, Some(object)) => node = strip(object, lang),
                _ => return false,
            }
        }
        (Lang::Js, "call_expression") => {
            let walks = js::callee_object(node).is_some_and(|o| text(o, src) == "Object")
                && js::callee_name(node, src)
                    .is_some_and(|n| matches!(n, "keys" | "values" | "entries"));
            match (walks, js::call_arguments(node).first()) {
                (true, Some(first)) => node = strip(*first, lang),
                _ => return false,
            }
        }
        _ => {}
    }
    let (attribute, name_field) = match lang {
        Lang::Js => ("member_expression", "property"),
        Lang::Py => ("attribute", "attribute"),
    };
    if node.kind_name() != attribute {
        return false;
    }
    let Some(name) = node.field(name_field) else {
        return false;
    };
    if identifier_words(text(name, src))
        .iter()
        .any(|w| ACCUMULATOR_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    // Down the attributes to the object they are read from (`self.metadata.tag_ids`).
    let mut object = node;
    for _ in 0..3 {
        if object.kind_name() != attribute {
            break;
        }
        let Some(inner) = object.field("object") else {
            return false;
        };
        object = strip(inner, lang);
    }
    match lang {
        Lang::Js => {
            object.kind_name() == "this"
                && ancestors(iterable).any(|a| a.kind_name() == "class_body")
        }
        Lang::Py => {
            object.kind_name() == "identifier"
                && text(object, src) == "self"
                && py::enclosing_function(iterable)
                    .is_some_and(|f| py::parameter_names(f, src).first() == Some(&"self"))
        }
    }
}

/// True when a Python loop walks values typed on a management command's command line:
/// `options["users"]` in the `handle(self, *args, **options)` of a class extending a
/// `...Command`, directly or through a name bound once to it (`users = options["users"]`).
/// Whoever runs the command types them, a handful by hand; a command walking the rows of a
/// table is still reported.
pub(super) fn iterates_command_line_arguments(
    iterable: Node,
    cx: &TreeContext,
    lang: Lang,
) -> bool {
    if lang != Lang::Py {
        return false;
    }
    let src = cx.src;
    let Some(function) = py::enclosing_function(iterable) else {
        return false;
    };
    if function.field("name").map(|n| text(n, src)) != Some("handle") {
        return false;
    }
    let Some(params) = function.field("parameters") else {
        return false;
    };
    let mut cursor = params.walk();
    let options = params.named_children(&mut cursor).find_map(|p| {
        (p.kind_name() == "dictionary_splat_pattern")
            .then(|| p.named_child(0))
            .flatten()
            .map(|n| text(n, src))
    });
    let Some(options) = options else {
        return false;
    };
    let command_class = ancestors(function)
        .find(|a| a.kind_name() == "class_definition")
        .and_then(|c| c.field("superclasses"))
        .is_some_and(|b| {
            text(b, src)
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|part| part.ends_with("Command"))
        });
    if !command_class {
        return false;
    }
    let reads_options = |node: Node| {
        let node = py::unwrap(node);
        let object = match node.kind_name() {
            "subscript" => node.field("value"),
            "call" if py::callee_name(node, src) == Some("get") => py::callee_object(node),
            _ => None,
        };
        object.is_some_and(|o| o.kind_name() == "identifier" && text(o, src) == options)
    };
    let node = py::unwrap(iterable);
    if reads_options(node) {
        return true;
    }
    if node.kind_name() != "identifier" {
        return false;
    }
    let Some(body) = function.field("body") else {
        return false;
    };
    let bindings = py::bindings_of(body, text(node, src), src, iterable.start_byte());
    !bindings.is_empty() && bindings.iter().all(|b| reads_options(b.value))
}
