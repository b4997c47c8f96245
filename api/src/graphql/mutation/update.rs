//! What every `update*` mutation is: a patch input whose fields may be left
//! out, a check of the patch, and one run that takes the write token, reads
//! the ID, checks the patch, writes it in one transaction based on the
//! version the client read, commits, announces the node and reads it again.

use std::future::Future;

use async_graphql::{Context, ID};
use sea_orm::DatabaseTransaction;

use super::{commit, require_write};
use crate::error::AppResult;
use crate::graphql::database;
use crate::graphql::filter::expect_id;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::store::Write;

/// A patch input: an input object each of whose fields may be left out
/// (it stays as it is) or, where the node may lack it, be null (it is
/// cleared). The fields are written as `name: Type`; each becomes a
/// `MaybeUndefined<Type>`. `given()` names the fields the patch gives.
macro_rules! patch_input {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($(#[$doc:meta])* $field:ident: $ty:ty,)*
        }
    ) => {
        #[derive(async_graphql::InputObject, Debug, Clone, Default)]
        $(#[$meta])*
        pub struct $name {
            $($(#[$doc])* pub $field: async_graphql::MaybeUndefined<$ty>,)*
        }

        impl $name {
            /// The fields the patch gives, by their GraphQL names.
            pub(crate) fn given(&self) -> Vec<String> {
                let fields = [$((stringify!($field), self.$field.is_undefined())),*];
                $crate::graphql::mutation::update::given(&fields)
            }
        }
    };
}

/// Reads the row of the node `key` from `$table` for an update based on
/// `version`: `NOT_FOUND` when there is none, `CONFLICT` when it is at
/// another version.
macro_rules! current_row {
    ($txn:expr, $table:ident, $key:expr, $version:expr, $noun:expr) => {{
        let row = $table::Entity::find_by_id($key).one($txn).await?;
        let row = row.ok_or_else(|| $crate::graphql::mutation::patch::not_found($noun))?;
        $crate::graphql::mutation::patch::check_version($noun, row.version, $version)?;
        row
    }};
}

/// Writes `$row` as the next version of the node `key` of `$table`, now,
/// while the node is still at `version` (see
/// [`write_at_version`](crate::graphql::mutation::patch::write_at_version)).
macro_rules! write_next_version {
    ($txn:expr, $table:ident, $row:ident, $key:expr, $version:expr, $noun:expr, $taken:expr) => {{
        $row.updated_at = sea_orm::Set(chrono::Utc::now());
        $row.version = sea_orm::Set($version + 1);
        let columns = [$table::Column::Id, $table::Column::Version];
        $crate::graphql::mutation::patch::write_at_version::<$table::Entity>(
            $txn, $row, columns, $key, $version, $noun, $taken,
        )
        .await?;
    }};
}

/// Sets the new evidence of a role or a relation on `$row` when the patch
/// gives one; otherwise marks the fact curated: a person corrected it (new
/// evidence says itself whether a person curated it).
macro_rules! evidence_or_curated {
    ($row:ident, $span:expr, $changed:ident) => {
        match $span {
            Some(span) => {
                crate::set_evidence!($row, span.source, &span);
                $changed.push("evidence");
            }
            None => $row.curated = sea_orm::Set(true),
        }
    };
}

/// The GraphQL names of the fields whose value (`name`, left out) says
/// they are given.
pub(super) fn given(fields: &[(&str, bool)]) -> Vec<String> {
    let camel = |name: &str| {
        let mut words = name.split('_');
        let first = words.next().unwrap_or_default().to_owned();
        words.fold(first, |mut out, word| {
            let mut letters = word.chars();
            out.extend(letters.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(letters.as_str());
            out
        })
    };
    fields
        .iter()
        .filter(|(_, left_out)| !left_out)
        .map(|(name, _)| camel(name))
        .collect()
}

/// The root object of one `update*` mutation of one kind of node: `$field`
/// takes the node's ID, the version the change is based on and `$input`,
/// runs [`update`] with `$changes` and answers the node as it is after the
/// write.
macro_rules! update_mutation {
    (
        $(#[$doc:meta])*
        $root:ident::$field:ident($input:ty) -> $kind:ident by $changes:ty, $id:literal
    ) => {
        #[derive(Default)]
        pub struct $root;

        #[async_graphql::Object]
        impl $root {
            $(#[$doc])*
            async fn $field(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = $id)] id: async_graphql::ID,
                #[graphql(desc = "The version the change is based on, as `version` returned it.")] version: i32,
                #[graphql(desc = "The changes.")] input: $input,
            ) -> $crate::error::AppResult<$crate::graphql::object::$kind> {
                use $crate::graphql::ids::NodeKind;
                use $crate::graphql::node::Node;
                let node = $crate::graphql::mutation::update::update::<$changes>(
                    ctx,
                    &id,
                    &[NodeKind::$kind],
                    version,
                    input,
                )
                .await?;
                let db = $crate::graphql::database(ctx)?;
                match $crate::graphql::node::fetch_node(db, node).await? {
                    Some(Node::$kind(node)) => Ok(node),
                    _ => Err($crate::error::AppError::Internal),
                }
            }
        }
    };
}

/// A patch of one kind of node, checked: what [`update`] writes.
pub(super) trait Update: Sized {
    /// The patch as the mutation takes it.
    type Input;

    /// Checks the patch of the node `id` as far as it can without the
    /// database; its problems are at paths under `input`.
    fn checked(input: Self::Input, id: GlobalId) -> AppResult<Self>;

    /// Writes the patch over the node `key` if it is still at `version`,
    /// and the write log line of `actor`.
    fn apply(
        &self,
        txn: &DatabaseTransaction,
        key: i64,
        version: i32,
        actor: &str,
    ) -> impl Future<Output = AppResult<()>> + Send;
}

/// Runs an update of the node `id` (one of `kinds`): the write token, the
/// ID, the patch checked, then written in one transaction based on
/// `version`, committed and announced. Returns the node written.
pub(super) async fn update<U: Update>(
    ctx: &Context<'_>,
    id: &ID,
    kinds: &[NodeKind],
    version: i32,
    input: U::Input,
) -> AppResult<GlobalId> {
    let actor = require_write(ctx)?;
    let key = expect_id(id, "id", kinds)?;
    let node = GlobalId::new(GlobalId::decode(id)?.kind, key);
    let patch = U::checked(input, node)?;
    let write = Write::begin(database(ctx)?).await?;
    let result = patch.apply(write.txn(), key, version, &actor).await;
    commit(ctx, write, result, &[node]).await?;
    Ok(node)
}
