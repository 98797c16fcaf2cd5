//! "Does this call run a database query?" and "does this call take a connection from a
//! pool?" for JavaScript/TypeScript (Prisma, Sequelize, TypeORM, Mongoose/MongoDB, knex,
//! pg, mysql2, sqlite) and Python (Django ORM, SQLAlchemy, DB-API cursors, asyncpg,
//! psycopg2 pools, pymongo).
//!
//! A call chain (`User.findAll(...).then(...)`, `db.query(User).filter(...).first()`) is one
//! query: only its outermost call is reported, and the chain is recognised by any call in it.

use crate::lang::tree::{FieldExt, KindExt};
use std::sync::LazyLock;

use regex::bytes::Regex;
use tree_sitter::Node;

use crate::lang::tree::{ancestors, text, unwrap_expression};
use crate::lang::{js, py};
use crate::rules::TreeContext;
use crate::rules::shared::sql::looks_like_sql;
use crate::util::{alternation, identifier_words};

/// The library a query call belongs to, which decides how its batched form is spelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbApi {
    Prisma,
    Sequelize,
    TypeOrm,
    Mongo,
    /// An ORM model's static method whose library is not distinctive (`User.findOne`).
    Model,
    Knex,
    /// pg, mysql2, sqlite and other drivers taking SQL text.
    SqlDriver,
    Django,
    SqlAlchemy,
    /// DB-API cursors and connections, asyncpg.
    DbApi,
}

impl DbApi {
    pub fn name(self) -> &'static str {
        match self {
            DbApi::Prisma => "Prisma",
            DbApi::Sequelize => "Sequelize",
            DbApi::TypeOrm => "TypeORM",
            DbApi::Mongo => "MongoDB",
            DbApi::Model => "ORM",
            DbApi::Knex => "knex",
            DbApi::SqlDriver => "SQL",
            DbApi::Django => "Django ORM",
            DbApi::SqlAlchemy => "SQLAlchemy",
            DbApi::DbApi => "SQL",
        }
    }

    /// How to fetch the rows of all iterations in one query.
    pub fn batched_form(self) -> &'static str {
        match self {
            DbApi::Prisma => {
                "load the relation with the first query (`findMany({ include: { posts: true } })`) or fetch all rows at once with `where: { id: { in: ids } }`"
            }
            DbApi::Sequelize => {
                "load the association with the first query (`findAll({ include: [Post] })`) or fetch all rows at once with `where: { id: ids }` (an `IN (...)`)"
            }
            DbApi::TypeOrm => {
                "load the relation with the first query (`find({ relations: ['posts'] })`, a join in the query builder) or fetch all rows at once with `In(ids)`"
            }
            DbApi::Mongo => {
                "fetch all documents at once with `{ _id: { $in: ids } }`, or `populate()` / `$lookup` the reference in the first query"
            }
            DbApi::Model => {
                "load the association with the first query (`include` / `populate`) or fetch all rows at once with one `IN (...)` query"
            }
            DbApi::Knex => {
                "fetch all rows at once with `.whereIn('id', ids)` or a join in the first query"
            }
            DbApi::SqlDriver => {
                "fetch all rows at once: a JOIN in the first query, or `WHERE id IN (...)` / `WHERE id = ANY($1)` with the collected ids"
            }
            DbApi::Django => {
                "fetch the related rows with the first query: `select_related('customer')` for foreign keys, `prefetch_related('items')` for reverse and many-to-many relations, or one `filter(id__in=ids)`"
            }
            DbApi::SqlAlchemy => {
                "load the relation with the first query (`options(selectinload(User.posts))` / `joinedload`) or fetch all rows at once with `Model.id.in_(ids)`"
            }
            DbApi::DbApi => {
                "fetch all rows at once: a JOIN in the first query, or one `WHERE id IN (...)` / `= ANY(%s)` query with the collected ids"
            }
        }
    }
}

/// Prisma model delegate methods (`prisma.user.findMany`).
const PRISMA_OPS: &[&str] = &[
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
    "create",
    "createMany",
    "createManyAndReturn",
    "update",
    "updateMany",
    "upsert",
    "delete",
    "deleteMany",
    "count",
    "aggregate",
    "groupBy",
];

/// Method names no other library uses this way.
const PRISMA_DISTINCT: &[&str] = &[
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
    "createManyAndReturn",
    "$queryRaw",
    "$executeRaw",
    "$queryRawUnsafe",
    "$executeRawUnsafe",
];

const SEQUELIZE_DISTINCT: &[&str] = &[
    "findAll",
    "findByPk",
    "findOrCreate",
    "findAndCountAll",
    "findCreateFind",
    "bulkCreate",
];

const TYPEORM_DISTINCT: &[&str] = &[
    "findOneBy",
    "findBy",
    "findOneOrFail",
    "findOneByOrFail",
    "findAndCount",
    "findAndCountBy",
    "countBy",
    "existsBy",
    "getMany",
    "getOne",
    "getOneOrFail",
    "getRawMany",
    "getRawOne",
    "getManyAndCount",
    "getRawAndEntities",
    "getCount",
    "getExists",
];

const MONGO_DISTINCT: &[&str] = &[
    "findById",
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "findByIdAndRemove",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "findOneAndRemove",
    "countDocuments",
    "estimatedDocumentCount",
    "insertMany",
    "insertOne",
    "updateOne",
    "deleteOne",
    "replaceOne",
    "bulkWrite",
];

/// Static methods of ORM models (`User.findOne`, `Post.create`).
const MODEL_OPS: &[&str] = &[
    "find",
    "findOne",
    "create",
    "update",
    "destroy",
    "count",
    "upsert",
    "exists",
    "increment",
    "decrement",
    "aggregate",
    "updateMany",
    "deleteMany",
    "distinct",
];

/// Repository / entity-manager methods (TypeORM, MikroORM).
const REPOSITORY_OPS: &[&str] = &[
    "find",
    "findOne",
    "save",
    "insert",
    "update",
    "delete",
    "remove",
    "count",
    "query",
    "exist",
    "exists",
    "increment",
    "decrement",
    "softDelete",
    "upsert",
    "preload",
    "findAll",
];

/// Capitalised receivers that are not models.
const JS_BUILTINS: &[&str] = &[
    "Object",
    "Array",
    "Promise",
    "JSON",
    "Math",
    "Date",
    "Number",
    "String",
    "Reflect",
    "Symbol",
    "Buffer",
    "Intl",
    "Map",
    "Set",
    "WeakMap",
    "URL",
    "Error",
    "React",
    "ReactDOM",
    "Vue",
    "Joi",
    "Yup",
    "Boolean",
    "BigInt",
    "Atomics",
    "Proxy",
    "RegExp",
    "Function",
    "Stripe",
    "Sentry",
    "Bluebird",
    "Rx",
    "Immutable",
    "Ember",
    "Backbone",
    "Handlebars",
    "Mustache",
    "Intl",
    "Crypto",
    "Worker",
    "Readable",
    "Writable",
    "Stream",
    "EventEmitter",
    "Headers",
    "Request",
    "Response",
    "Blob",
    "File",
    "FormData",
    "Router",
    "Sequelize",
    "DataTypes",
    "Op",
];

static SCRATCH_SQLITE_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?i)(?:sqlite3\.connect|new\s+(?:Database|DatabaseSync))\(\s*(?:["'`]:memory:["'`]|[\w.]*(?:temp|tmp)[\w.]*\s*[,)])"#,
    )
});

/// Modules that open SQLite in the process: Python's `sqlite3`, `better-sqlite3`,
/// `node:sqlite`, `bun:sqlite`.
static SQLITE_MODULE_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        r#"(?m)^\s*(?:import\s+sqlite3\b|from\s+sqlite3\s+import|.*["'](?:better-sqlite3|node:sqlite|bun:sqlite)["'])"#,
    )
});

/// True when the module opens a scratch SQLite database of its own, in memory or in a
/// temporary file: `sqlite3.connect(":memory:")`, `sqlite3.connect(temp_db_path)`,
/// `new Database(':memory:')` of `better-sqlite3`. Its statements are calls within the
/// process (no round trip to a server), run on a working copy the module fills and reads
/// itself. A SQLite file the application keeps (`sqlite3.connect("app.db")`) is not one.
pub fn opens_scratch_sqlite(src: &str) -> bool {
    SQLITE_MODULE_TEXT
        .as_ref()
        .is_some_and(|re| re.is_match(src.as_bytes()))
        && SCRATCH_SQLITE_TEXT
            .as_ref()
            .is_some_and(|re| re.is_match(src.as_bytes()))
}

/// Receiver words that name a database handle.
const JS_DB_WORDS: &[&str] = &[
    "db",
    "database",
    "pool",
    "pg",
    "mysql",
    "sqlite",
    "postgres",
    "knex",
    "sequelize",
    "conn",
    "connection",
    "trx",
    "tx",
    "transaction",
    "sql",
    "pgp",
    "client",
    "prisma",
];

/// Receiver words that make `client.query` something other than a database.
const JS_NOT_DB_WORDS: &[&str] = &[
    "apollo", "graphql", "gql", "http", "redis", "elastic", "es", "search", "s3", "api", "rest",
    "urql", "query", "cache", "axios", "fetch",
];

/// The last identifier of a receiver: `this.db` → `db`, `req.app.locals.pool` → `pool`.
fn last_name<'s>(node: Node, src: &'s str) -> Option<&'s str> {
    let node = unwrap_expression(node);
    match node.kind_name() {
        "identifier" | "property_identifier" => Some(text(node, src)),
        "member_expression" => node.field("property").map(|p| text(p, src)),
        "attribute" => node.field("attribute").map(|p| text(p, src)),
        _ => None,
    }
}

/// True when one of the words of identifier `name` (`identifier_words`) is in `words`.
pub fn has_word(name: &str, words: &[&str]) -> bool {
    identifier_words(name)
        .iter()
        .any(|w| words.contains(&w.as_str()))
}

fn js_is_db_receiver(object: Node, src: &str) -> bool {
    last_name(object, src)
        .is_some_and(|n| has_word(n, JS_DB_WORDS) && !has_word(n, JS_NOT_DB_WORDS))
}

/// The SQL text a first argument spells, when it is a literal or template.
fn js_sql_text(arg: Node, src: &str) -> Option<String> {
    let arg = unwrap_expression(arg);
    match arg.kind_name() {
        "string" => js::string_value(arg, src),
        "template_string" => {
            let mut out = String::new();
            let mut cursor = arg.walk();
            for c in arg.named_children(&mut cursor) {
                match c.kind_name() {
                    "string_fragment" => out.push_str(text(c, src)),
                    _ => out.push_str(" ? "),
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// True when `call` is the outermost call of its chain: nothing calls a method on its result.
fn js_is_chain_end(call: Node) -> bool {
    let Some(parent) = call.parent() else {
        return true;
    };
    if parent.kind_name() == "member_expression"
        && parent
            .parent()
            .is_some_and(|pp| pp.kind_name() == "call_expression")
    {
        return false;
    }
    true
}

/// A recognised query: the library and the call of the chain that names the query
/// (`User.findById` in `User.findById(id).populate('x')`).
#[derive(Clone, Copy, Debug)]
pub struct Query<'t> {
    pub api: DbApi,
    pub method_call: Node<'t>,
}

/// If `call` runs a database query (as the outermost call of its chain), what it is.
pub fn js_query_call<'t>(call: Node<'t>, src: &str) -> Option<Query<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    // The chain is read downwards first (cheap); whether `call` ends the chain needs its
    // parent, which tree-sitter finds by descending from the root, so it is asked last.
    let query = js_chain_query(call, src)?;
    js_is_chain_end(call).then_some(query)
}

fn js_chain_query<'t>(call: Node<'t>, src: &str) -> Option<Query<'t>> {
    let mut current = call;
    let mut calls = 0;
    for _ in 0..16 {
        calls += 1;
        if let Some(api) = js_single_query(current, src) {
            return Some(Query {
                api,
                method_call: current,
            });
        }
        // Down through member accesses to the next call of the chain, or to its root.
        let mut n = js::callee(current)?;
        while n.kind_name() == "member_expression" {
            n = unwrap_expression(n.field("object")?);
        }
        match n.kind_name() {
            "call_expression" => current = n,
            "identifier" => {
                let root = text(n, src);
                // `knex.select(...).from(...)`, `knex('users').where(...)`, `db('users')...`
                let knex_root = root == "knex"
                    || (matches!(root, "db" | "trx")
                        && js::callee(current).is_some_and(|c| c.kind_name() == "identifier")
                        && calls > 1
                        && js::call_arguments(current)
                            .first()
                            .is_some_and(|a| js::string_value(*a, src).is_some()));
                return (knex_root && js_is_executed(call)).then_some(Query {
                    api: DbApi::Knex,
                    method_call: call,
                });
            }
            _ => return None,
        }
    }
    None
}

/// True when a query builder is run: awaited, returned, or the body of an arrow function.
fn js_is_executed(call: Node) -> bool {
    let mut node = call;
    for _ in 0..4 {
        let Some(parent) = node.parent() else {
            return false;
        };
        match parent.kind_name() {
            "await_expression" | "return_statement" => return true,
            "arrow_function" => return true,
            "parenthesized_expression" | "as_expression" | "non_null_expression" => node = parent,
            _ => return false,
        }
    }
    false
}

/// One call of a chain, on its own.
fn js_single_query(call: Node, src: &str) -> Option<DbApi> {
    let callee = js::callee(call)?;
    if js::is_tagged_template(call) {
        let name = js::callee_name(call, src)?;
        if matches!(name, "$queryRaw" | "$executeRaw") {
            return Some(DbApi::Prisma);
        }
        return (name == "sql" && callee.kind_name() == "identifier" && js_is_executed(call))
            .then_some(DbApi::SqlDriver);
    }
    if callee.kind_name() != "member_expression" {
        return None;
    }
    let name = js::callee_name(call, src)?;
    let object = unwrap_expression(callee.field("object")?);
    let args = js::call_arguments(call);
    let first_arg = args.first().map(|a| unwrap_expression(*a));
    let arg_is_function = first_arg
        .is_some_and(|a| js::is_function(a) || a.kind_name() == "identifier" && name == "find");

    if PRISMA_DISTINCT.contains(&name) {
        return Some(DbApi::Prisma);
    }
    if SEQUELIZE_DISTINCT.contains(&name) {
        return Some(DbApi::Sequelize);
    }
    if TYPEORM_DISTINCT.contains(&name) {
        return Some(DbApi::TypeOrm);
    }
    if MONGO_DISTINCT.contains(&name) {
        return Some(DbApi::Mongo);
    }
    // `prisma.user.create(...)`, `tx.order.update(...)`
    if PRISMA_OPS.contains(&name) && object.kind_name() == "member_expression" {
        let client = object.field("object").and_then(|o| last_name(o, src));
        if client.is_some_and(|c| has_word(c, &["prisma", "db", "tx", "trx"])) {
            return Some(DbApi::Prisma);
        }
    }
    let receiver = last_name(object, src).unwrap_or("");
    let words = identifier_words(receiver);
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    // Repositories and entity managers.
    if REPOSITORY_OPS.contains(&name)
        && (has(&["repository", "repo", "manager", "em", "datasource"])
            || receiver == "queryRunner"
            || object.kind_name() == "call_expression"
                && js::callee_name(object, src).is_some_and(|n| {
                    matches!(n, "getRepository" | "getManager" | "getCustomRepository")
                }))
    {
        return Some(DbApi::TypeOrm);
    }
    if matches!(name, "execute" | "getRawMany" | "getMany")
        && text(object, src).contains("createQueryBuilder")
    {
        return Some(DbApi::TypeOrm);
    }
    // Model statics: `User.findOne(...)`, `Post.create(...)`.
    if MODEL_OPS.contains(&name)
        && object.kind_name() == "identifier"
        && receiver.chars().next().is_some_and(char::is_uppercase)
        && receiver.chars().any(char::is_lowercase)
        && !JS_BUILTINS.contains(&receiver)
        && !arg_is_function
    {
        return Some(DbApi::Model);
    }
    // MongoDB collections: `db.collection('users').findOne(...)`, `users.find({ ... })`.
    if matches!(
        name,
        "find" | "findOne" | "aggregate" | "distinct" | "countDocuments"
    ) {
        let is_collection = object.kind_name() == "call_expression"
            && js::callee_name(object, src) == Some("collection");
        let object_query = first_arg.is_some_and(|a| a.kind_name() == "object");
        if is_collection || (object_query && has(&["collection", "coll", "db", "model"])) {
            return Some(DbApi::Mongo);
        }
        // `findOne` alone does not name the library: redbean, objection, Kysely-based
        // repositories and Mongoose all spell it so.
        if name == "findOne" && !arg_is_function {
            return Some(DbApi::Model);
        }
    }
    // Drivers taking SQL text.
    if matches!(name, "query" | "execute") {
        let sql = first_arg.and_then(|a| js_sql_text(a, src));
        if sql.as_deref().is_some_and(looks_like_sql) {
            return Some(DbApi::SqlDriver);
        }
        if js_is_db_receiver(object, src) {
            let object_arg = first_arg.is_some_and(|a| a.kind_name() == "object");
            let client_only =
                has(&["client"]) && !has(&["pg", "db", "sql", "mysql", "postgres", "database"]);
            if !(client_only && object_arg) {
                return Some(DbApi::SqlDriver);
            }
        }
        return None;
    }
    // pg-promise and sqlite: `db.one(sql)`, `db.all(sql)`.
    if matches!(
        name,
        "one"
            | "oneOrNone"
            | "many"
            | "manyOrNone"
            | "any"
            | "none"
            | "all"
            | "get"
            | "run"
            | "each"
            | "result"
    ) && js_is_db_receiver(object, src)
    {
        let sql = first_arg.and_then(|a| js_sql_text(a, src));
        if sql.as_deref().is_some_and(looks_like_sql) {
            return Some(DbApi::SqlDriver);
        }
    }
    None
}

/// What a receiver was declared as: `books: Repository<Book>`, `@InjectModel(Cat.name) cats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handle {
    /// TypeORM / MikroORM repositories and entity managers.
    Repository,
    /// Mongoose (`Model<Cat>`) and Sequelize (`ModelStatic<User>`) models.
    Model,
    /// A Prisma client (`PrismaClient`, NestJS `PrismaService`).
    Prisma,
}

/// Mongoose and Sequelize model methods that run a query, beyond `MODEL_OPS`.
const MODEL_HANDLE_OPS: &[&str] = &["findAll", "findOne", "find", "aggregate", "distinct"];

/// The receiver's shape allows a declared handle: `this.books`, `books`, and for Prisma the
/// client under a model delegate (`this.orm.user`). Cheap (no parent lookups), so callers
/// can ask it of every call before `js_typed_query_call`.
pub fn js_may_call_typed_handle(call: Node, src: &str) -> bool {
    let mut current = call;
    // A chain (`this.cats.find(q).lean()`): its inner calls are asked in turn.
    for _ in 0..16 {
        let Some(callee) = js::callee(current).filter(|c| c.kind_name() == "member_expression")
        else {
            return false;
        };
        let Some(object) = callee.field("object").map(unwrap_expression) else {
            return false;
        };
        let name = js::callee_name(current, src).unwrap_or("");
        let handle_method = REPOSITORY_OPS.contains(&name)
            || MODEL_OPS.contains(&name)
            || MODEL_HANDLE_OPS.contains(&name)
            || PRISMA_OPS.contains(&name);
        if handle_method && matches!(object.kind_name(), "identifier" | "member_expression") {
            return true;
        }
        if object.kind_name() != "call_expression" {
            return false;
        }
        current = object;
    }
    false
}

/// A query on a receiver recognised by its declaration rather than its name: a class field
/// or constructor parameter property typed `Repository<T>` / `Model<T>` / `PrismaClient` or
/// decorated `@InjectRepository` / `@InjectModel`, a typed function parameter or a local
/// assigned `getRepository(...)`. `call` must end its chain, as for `js_query_call`.
pub fn js_typed_query_call<'t>(call: Node<'t>, src: &str) -> Option<Query<'t>> {
    if call.kind_name() != "call_expression" {
        return None;
    }
    let mut current = call;
    for _ in 0..16 {
        if let Some(api) = js_typed_single_query(current, src) {
            return js_is_chain_end(call).then_some(Query {
                api,
                method_call: current,
            });
        }
        let mut n = js::callee(current)?;
        while n.kind_name() == "member_expression" {
            n = unwrap_expression(n.field("object")?);
        }
        if n.kind_name() != "call_expression" {
            return None;
        }
        current = n;
    }
    None
}

fn js_typed_single_query(call: Node, src: &str) -> Option<DbApi> {
    let callee = js::callee(call).filter(|c| c.kind_name() == "member_expression")?;
    let name = js::callee_name(call, src)?;
    let object = unwrap_expression(callee.field("object")?);
    // `items.find(x => ...)`: an array method, whatever `items` is.
    let first_arg = js::call_arguments(call)
        .first()
        .map(|a| unwrap_expression(*a));
    if first_arg.is_some_and(js::is_function) {
        return None;
    }
    // `this.orm.user.create(...)` on a client typed `PrismaClient`.
    if PRISMA_OPS.contains(&name) && object.kind_name() == "member_expression" {
        let client = object.field("object").map(unwrap_expression);
        if client.is_some_and(|c| js_declared_handle(c, call, src) == Some(Handle::Prisma)) {
            return Some(DbApi::Prisma);
        }
    }
    let api = match js_declared_handle(object, call, src)? {
        Handle::Repository if REPOSITORY_OPS.contains(&name) => DbApi::TypeOrm,
        Handle::Model if MODEL_OPS.contains(&name) || MODEL_HANDLE_OPS.contains(&name) => {
            DbApi::Model
        }
        _ => return None,
    };
    Some(api)
}

/// What `receiver` (`this.books` or `books`) was declared as, seen from `at`.
pub fn js_declared_handle(receiver: Node, at: Node, src: &str) -> Option<Handle> {
    let receiver = unwrap_expression(receiver);
    match receiver.kind_name() {
        "member_expression" => {
            let object = receiver.field("object")?;
            if object.kind_name() != "this" {
                return None;
            }
            let property = text(receiver.field("property")?, src);
            let class_body = ancestors(at).find(|a| a.kind_name() == "class_body")?;
            js_class_member_handle(class_body, property, src)
        }
        "identifier" => js_local_handle(text(receiver, src), at, src),
        _ => None,
    }
}

/// A field of the class, a parameter property of its constructor, or `this.x = ...` in it.
fn js_class_member_handle(class_body: Node, name: &str, src: &str) -> Option<Handle> {
    let mut cursor = class_body.walk();
    let members: Vec<Node> = class_body.named_children(&mut cursor).collect();
    for (i, member) in members.iter().enumerate() {
        match member.kind_name() {
            "public_field_definition" | "field_definition" => {
                let field_name = member
                    .field("name")
                    .or_else(|| member.field("property"))
                    .map(|n| text(n, src));
                if field_name != Some(name) {
                    continue;
                }
                // Decorators of a field may be the class body's children just before it.
                let preceding = members[..i]
                    .iter()
                    .rev()
                    .take_while(|m| m.kind_name() == "decorator")
                    .copied();
                return js_handle_of_declaration(*member, preceding, src).or_else(|| {
                    member
                        .field("value")
                        .and_then(|v| js_handle_of_value(v, src))
                });
            }
            "method_definition" => {
                if member.field("name").map(|n| text(n, src)) != Some("constructor") {
                    continue;
                }
                for param in js::parameters(*member) {
                    let pattern = param.field("pattern").map(|p| text(p, src));
                    if pattern == Some(name) {
                        if let Some(h) = js_handle_of_declaration(param, std::iter::empty(), src) {
                            return Some(h);
                        }
                    }
                }
                // `this.books = dataSource.getRepository(Book)` in the constructor.
                let body = member.field("body")?;
                let mut cursor = body.walk();
                for stmt in body.named_children(&mut cursor) {
                    let Some(assign) = stmt
                        .named_child(0)
                        .filter(|a| a.kind_name() == "assignment_expression")
                    else {
                        continue;
                    };
                    let (Some(left), Some(right)) = (assign.field("left"), assign.field("right"))
                    else {
                        continue;
                    };
                    if text(left, src) == format!("this.{name}") {
                        if let Some(h) = js_handle_of_value(right, src) {
                            return Some(h);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The nearest declaration of a local name: a parameter of an enclosing function, or a
/// `const`/`let` of an enclosing block before `at`.
fn js_local_handle(name: &str, at: Node, src: &str) -> Option<Handle> {
    for scope in ancestors(at) {
        if js::is_function(scope) {
            for param in js::parameters(scope) {
                let pattern = param.field("pattern").unwrap_or(param);
                if text(pattern, src) == name {
                    return js_handle_of_declaration(param, std::iter::empty(), src);
                }
            }
        } else if matches!(scope.kind_name(), "statement_block" | "program") {
            let found = js::declarators(scope)
                .into_iter()
                .rev()
                .find(|(d, n, _)| d.start_byte() < at.start_byte() && text(*n, src) == name);
            if let Some((decl, _, value)) = found {
                return js_handle_of_declaration(decl, std::iter::empty(), src)
                    .or_else(|| js_handle_of_value(value, src));
            }
        }
    }
    None
}

/// A declaration's type annotation or injection decorator (its own or `extra`).
fn js_handle_of_declaration<'t>(
    decl: Node<'t>,
    extra: impl Iterator<Item = Node<'t>>,
    src: &str,
) -> Option<Handle> {
    let mut cursor = decl.walk();
    let own = decl
        .children(&mut cursor)
        .filter(|c| c.kind_name() == "decorator")
        .collect::<Vec<_>>();
    for decorator in own.into_iter().chain(extra) {
        let t = text(decorator, src);
        if t.contains("InjectRepository") || t.contains("InjectEntityManager") {
            return Some(Handle::Repository);
        }
        if t.contains("InjectModel") {
            return Some(Handle::Model);
        }
    }
    let annotation = decl.field("type")?;
    handle_of_type(text(annotation, src))
}

/// `Repository<Book>`, `typeorm.Repository<Book>`, `Model<CatDocument>`, `PrismaClient`.
fn handle_of_type(annotation: &str) -> Option<Handle> {
    let t = annotation.trim_start_matches(':').trim();
    let base = t.split(['<', '|', '&', '[']).next().unwrap_or("").trim();
    let base = base.rsplit('.').next().unwrap_or(base);
    match base {
        "Repository" | "EntityRepository" | "MongoRepository" | "TreeRepository"
        | "EntityManager" | "MongoEntityManager" | "SqlEntityManager" => Some(Handle::Repository),
        "Model" | "ModelStatic" | "ModelCtor" | "PaginateModel" | "SoftDeleteModel" => {
            Some(Handle::Model)
        }
        "PrismaClient" | "PrismaService" => Some(Handle::Prisma),
        b if b.len() > "Repository".len()
            && b.ends_with("Repository")
            && b.starts_with(|c: char| c.is_ascii_uppercase())
            && b.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            Some(Handle::Repository)
        }
        _ => None,
    }
}

/// `dataSource.getRepository(Book)`, `new PrismaClient()`.
fn js_handle_of_value(value: Node, src: &str) -> Option<Handle> {
    let value = unwrap_expression(value);
    match value.kind_name() {
        "call_expression" => js::callee_name(value, src).and_then(|n| match n {
            "getRepository"
            | "getCustomRepository"
            | "getMongoRepository"
            | "getTreeRepository"
            | "withRepository" => Some(Handle::Repository),
            _ => None,
        }),
        "new_expression" => value
            .field("constructor")
            .and_then(|c| (text(c, src) == "PrismaClient").then_some(Handle::Prisma)),
        _ => None,
    }
}

/// Text that declares a handle `js_typed_query_call` recognises, for prefilters.
static JS_TYPED_HANDLE_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(
        // Literals only (`Repository` covers `Repository<T>`, `UserRepository`,
        // `@InjectRepository`, `getRepository(`): a literal search is fast on every file.
        r"Repository|EntityManager|InjectModel|Model\s*<|ModelStatic|ModelCtor|PrismaClient|PrismaService",
    )
});

/// The method calls a declared handle can run, for prefilters (searched in loop regions).
static JS_HANDLE_METHOD_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::util::byte_pattern(&format!(
        r"\.\s*(?:{})\b",
        alternation(&[REPOSITORY_OPS, MODEL_OPS, MODEL_HANDLE_OPS, PRISMA_OPS])
    ))
});

/// Text shapes of declared handles (see `JS_TYPED_HANDLE_TEXT`).
pub fn js_typed_handle_text() -> Option<&'static Regex> {
    JS_TYPED_HANDLE_TEXT.as_ref()
}

/// Text shapes of the calls on declared handles (see `JS_HANDLE_METHOD_TEXT`).
pub fn js_handle_method_text() -> Option<&'static Regex> {
    JS_HANDLE_METHOD_TEXT.as_ref()
}

/// Django queryset methods that run a query or return a queryset.
const DJANGO_OPS: &[&str] = &[
    "get",
    "filter",
    "exclude",
    "all",
    "create",
    "get_or_create",
    "update_or_create",
    "count",
    "exists",
    "first",
    "last",
    "aggregate",
    "annotate",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
    "values",
    "values_list",
    "in_bulk",
    "raw",
    "iterator",
    "earliest",
    "latest",
    "order_by",
    "distinct",
    "only",
    "defer",
    "select_related",
    "prefetch_related",
    "aget",
    "acreate",
    "afirst",
    "acount",
    "aexists",
];

/// SQLAlchemy session methods that run a query.
const SQLALCHEMY_SESSION_OPS: &[&str] = &[
    "query", "execute", "get", "scalars", "scalar", "get_one", "merge", "refresh",
];

/// Methods of DB-API cursors and connections and asyncpg connections that run SQL.
const DBAPI_OPS: &[&str] = &[
    "execute",
    "executemany",
    "callproc",
    "fetch",
    "fetchrow",
    "fetchval",
    "fetch_one",
    "fetch_all",
    "fetch_val",
];

/// pymongo collection methods.
const PYMONGO_OPS: &[&str] = &[
    "find_one",
    "insert_one",
    "insert_many",
    "update_one",
    "update_many",
    "delete_one",
    "delete_many",
    "replace_one",
    "find_one_and_update",
    "find_one_and_delete",
    "find_one_and_replace",
    "count_documents",
];

/// Receiver words of DB-API cursors and connections.
const PY_DB_WORDS: &[&str] = &[
    "cursor",
    "cur",
    "conn",
    "connection",
    "con",
    "db",
    "session",
    "engine",
    "database",
    "pool",
    "tx",
    "transaction",
    "sqlite",
    "pg",
    "mysql",
    "c",
];

fn py_is_chain_end(call: Node) -> bool {
    let Some(parent) = call.parent() else {
        return true;
    };
    !(parent.kind_name() == "attribute"
        && parent.parent().is_some_and(|pp| pp.kind_name() == "call"))
}

/// If `call` runs a database query (as the outermost call of its chain), what it is.
pub fn py_query_call<'t>(call: Node<'t>, cx: &TreeContext) -> Option<Query<'t>> {
    if call.kind_name() != "call" {
        return None;
    }
    // The chain is read downwards first (cheap); whether `call` ends the chain needs its
    // parent, which tree-sitter finds by descending from the root, so it is asked last.
    let query = py_chain_query(call, cx)?;
    py_is_chain_end(call).then_some(query)
}

fn py_chain_query<'t>(call: Node<'t>, cx: &TreeContext) -> Option<Query<'t>> {
    let src = cx.src;
    let mut current = call;
    for _ in 0..16 {
        let name = if current == call {
            cx.py_callee_name(call)
        } else {
            py::callee_name(current, src)
        };
        if let Some(api) = name.and_then(|name| py_single_query(current, name, src)) {
            return Some(Query {
                api,
                method_call: current,
            });
        }
        let function = py::unwrap(current.field("function")?);
        if function.kind_name() != "attribute" {
            return None;
        }
        let mut n = py::unwrap(function.field("object")?);
        while n.kind_name() == "attribute" {
            n = py::unwrap(n.field("object")?);
        }
        if n.kind_name() != "call" {
            return None;
        }
        current = n;
    }
    None
}

/// True when the callee is `X.objects.<op>` (or a `.objects` chain, or Flask-SQLAlchemy
/// `Model.query`).
fn py_single_query(call: Node, name: &str, src: &str) -> Option<DbApi> {
    let function = py::unwrap(call.field("function")?);
    if function.kind_name() == "identifier" {
        return matches!(
            name,
            "get_object_or_404" | "get_list_or_404" | "aget_object_or_404"
        )
        .then_some(DbApi::Django);
    }
    let object = py::unwrap(function.field("object")?);
    let receiver = last_name(object, src).unwrap_or("");
    // Django: `Order.objects.filter(...)`, `Order.objects.filter(...).first()`.
    if DJANGO_OPS.contains(&name) && receiver == "objects" {
        return Some(DbApi::Django);
    }
    // Flask-SQLAlchemy: `User.query.get(id)`, `User.query.filter_by(...)`.
    if receiver == "query"
        && object.kind_name() == "attribute"
        && object.field("object").is_some_and(|o| {
            o.kind_name() == "identifier" && text(o, src).starts_with(char::is_uppercase)
        })
        && matches!(
            name,
            "get"
                | "filter"
                | "filter_by"
                | "all"
                | "first"
                | "one"
                | "get_or_404"
                | "first_or_404"
                | "count"
                | "order_by"
                | "join"
                | "options"
                | "paginate"
        )
    {
        return Some(DbApi::SqlAlchemy);
    }
    let session_op = SQLALCHEMY_SESSION_OPS.contains(&name);
    let dbapi_op = DBAPI_OPS.contains(&name);
    if !session_op && !dbapi_op {
        return PYMONGO_OPS.contains(&name).then_some(DbApi::Mongo);
    }
    let words = identifier_words(receiver);
    let has = |set: &[&str]| words.iter().any(|w| set.contains(&w.as_str()));
    if session_op && has(&["session", "sess", "db"]) {
        if name == "get" {
            // `session.get(User, 1)`: a model class first; `db.get("key")` is something else.
            let first = py::positional_arguments(call).first().copied();
            if !first.is_some_and(|f| text(f, src).starts_with(char::is_uppercase)) {
                return None;
            }
        }
        if name == "execute" && has(&["db"]) && !has(&["session"]) {
            return Some(DbApi::DbApi);
        }
        return Some(DbApi::SqlAlchemy);
    }
    if dbapi_op && (has(PY_DB_WORDS) || py_first_arg_is_sql(call, src)) {
        return Some(DbApi::DbApi);
    }
    if PYMONGO_OPS.contains(&name) {
        return Some(DbApi::Mongo);
    }
    None
}

fn py_first_arg_is_sql(call: Node, src: &str) -> bool {
    py::positional_arguments(call)
        .first()
        .is_some_and(|a| py::string_value(*a, src).is_some_and(|s| looks_like_sql(&s)))
}

/// How a pooled connection is acquired and must be given back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acquire {
    /// mysql/mysql2 `pool.getConnection()`, oracledb: `conn.release()`.
    GetConnection,
    /// pg `pool.connect()`: `client.release()`.
    PgConnect,
    /// generic-pool / knex `pool.acquire()`: `pool.release(resource)`.
    PoolAcquire,
    /// psycopg2 `pool.getconn()`: `pool.putconn(conn)`.
    GetConn,
    /// SQLAlchemy `engine.connect()` / `engine.raw_connection()`: `conn.close()` or `with`.
    EngineConnect,
    /// asyncpg / aiomysql `pool.acquire()`: `pool.release(conn)` or `async with`.
    PyPoolAcquire,
}

impl Acquire {
    /// The call that gives the connection back, for messages.
    pub fn release_text(self, conn: &str, pool: &str) -> String {
        match self {
            Acquire::GetConnection | Acquire::PgConnect => format!("{conn}.release()"),
            Acquire::PoolAcquire => format!("{pool}.release({conn})"),
            Acquire::GetConn => format!("{pool}.putconn({conn})"),
            Acquire::EngineConnect => format!("{conn}.close()"),
            Acquire::PyPoolAcquire => format!("await {pool}.release({conn})"),
        }
    }
}

/// If `call` takes a connection from a pool, how.
pub fn js_pool_acquire(call: Node, src: &str, pool_names: &[String]) -> Option<Acquire> {
    let name = js::callee_name(call, src)?;
    let object = js::callee_object(call)?;
    let receiver = last_name(object, src).unwrap_or("");
    let is_pool =
        has_word(receiver, &["pool", "cluster"]) || pool_names.iter().any(|p| p == receiver);
    let args = js::call_arguments(call);
    let only_callback =
        args.len() <= 1 && args.iter().all(|a| js::is_function(unwrap_expression(*a)));
    match name {
        "getConnection" => {
            let excluded = has_word(receiver, &["typeorm", "manager", "mongoose", "datasource"]);
            (!excluded
                && (is_pool || has_word(receiver, &["db", "mysql", "oracledb"]))
                && args.len() <= 2)
                .then_some(Acquire::GetConnection)
        }
        "connect" => (is_pool && only_callback).then_some(Acquire::PgConnect),
        "acquire" | "acquireConnection" => {
            (is_pool || text(object, src).ends_with("client")).then_some(Acquire::PoolAcquire)
        }
        _ => None,
    }
}

/// If the Python `call` takes a connection from a pool or an engine, how.
pub fn py_pool_acquire(call: Node, src: &str, engine_names: &[String]) -> Option<Acquire> {
    let name = py::callee_name(call, src)?;
    let object = py::callee_object(call)?;
    let receiver = last_name(object, src).unwrap_or("");
    match name {
        "getconn" => Some(Acquire::GetConn),
        "raw_connection" => Some(Acquire::EngineConnect),
        "connect" => (has_word(receiver, &["engine"])
            || engine_names.iter().any(|e| e == receiver))
        .then_some(Acquire::EngineConnect),
        "acquire" => has_word(receiver, &["pool"]).then_some(Acquire::PyPoolAcquire),
        _ => None,
    }
}

/// A member access as written between a receiver and a method name: `.`, `?.`, `!.`,
/// `(x as T).`, across line breaks.
const JS_DOT: &str = r"(?:\s+as\s+\w+)?[\s!)]*\??\.\s*";

/// The text shapes of every call `js_query_call` recognises, built from the same lists so
/// that the two cannot drift apart. A file without any of them has no query call.
static JS_QUERY_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let shapes = [
        // Library-specific method names, wherever they occur.
        format!(
            "(?:{})",
            alternation(&[
                PRISMA_DISTINCT,
                SEQUELIZE_DISTINCT,
                TYPEORM_DISTINCT,
                MONGO_DISTINCT
            ])
        ),
        r"createQueryBuilder|getRepository|getManager|getCustomRepository|collection\s*\(".into(),
        format!(
            r"(?i:prisma|db|tx|trx)\w*{JS_DOT}\w+{JS_DOT}(?:{})\b",
            alternation(&[PRISMA_OPS])
        ),
        format!(
            r"(?i:repository|repo|manager|em|datasource|queryrunner)\w*{JS_DOT}(?:{})\b",
            alternation(&[REPOSITORY_OPS])
        ),
        format!(
            r"\b[A-Z\x80-\xff]\w*{JS_DOT}(?:{})\b",
            alternation(&[MODEL_OPS])
        ),
        format!(
            r"\.\s*findOne\b|(?i:collection|coll|db|model)\w*{JS_DOT}(?:find|findOne|aggregate|distinct|countDocuments)\b"
        ),
        r"\.\s*(?:query|execute)\s*(?:<|\(|\?\.\s*\()".into(),
        format!(
            r"(?i:{})\w*{JS_DOT}(?:one|oneOrNone|many|manyOrNone|any|none|all|get|run|each|result)\b",
            alternation(&[JS_DB_WORDS])
        ),
        r#"\bknex\b|\b(?:db|trx)\s*\(\s*['"`]|\bsql\s*`"#.into(),
    ];
    crate::util::byte_pattern(&shapes.join("|"))
});

/// The dot of a Python attribute access, across line continuations and parentheses.
const PY_DOT: &str = r"[\s\\)]*\.[\s\\]*";

/// The text shapes of every call `py_query_call` recognises, and of the Django querysets
/// whose related rows are read in loops (`.objects`).
static PY_QUERY_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let shapes = [
        r"get_object_or_404|get_list_or_404|\bobjects\b".to_string(),
        format!(r"\b[A-Z\x80-\xff]\w*{PY_DOT}query{PY_DOT}\w"),
        format!(
            r"(?i:session|sess|db)\w*{PY_DOT}(?:{})\b",
            alternation(&[SQLALCHEMY_SESSION_OPS])
        ),
        format!(r"\.[\s\\]*(?:{})\b", alternation(&[DBAPI_OPS, PYMONGO_OPS])),
    ];
    crate::util::byte_pattern(&shapes.join("|"))
});

/// The text shapes of JavaScript/TypeScript query calls (see `JS_QUERY_TEXT`); `None`
/// only if the expression failed to build, in which case nothing can be ruled out.
pub fn js_query_text() -> Option<&'static Regex> {
    JS_QUERY_TEXT.as_ref()
}

/// The text shapes of Python query calls and Django querysets (see `PY_QUERY_TEXT`);
/// `None` only if the expression failed to build, in which case nothing can be ruled out.
pub fn py_query_text() -> Option<&'static Regex> {
    PY_QUERY_TEXT.as_ref()
}
