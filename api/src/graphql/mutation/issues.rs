//! Correcting issues: names, aliases, Wikidata QID and place in the tree.

use async_graphql::{ID, InputObject, MaybeUndefined};
use entity::{issue, issue_alias};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};

use super::patch::{NamesPatch, Problems, log, missing, optional_id_field, refuse_empty, refuse_taken};
use super::update::Update;
use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};

/// Changes to an issue; fields left out stay as they are.
#[derive(InputObject, Debug, Clone, Default)]
pub struct IssuePatch {
    /// The names, description and QID.
    #[graphql(flatten)]
    pub names: NamesPatch,
    /// The broader issue this one is part of (an Issue ID); null makes it
    /// a top-level issue. Neither the issue itself nor one of its
    /// sub-issues can be its parent.
    pub parent: MaybeUndefined<ID>,
}

update_mutation! {
    /// Corrects an issue. The update is based on `version`, the issue's
    /// version the client read: if the issue changed since, nothing is
    /// written and the error is `CONFLICT`, as it is for a QID another
    /// issue has. Unknown IDs are `NOT_FOUND`; invalid fields are
    /// `BAD_USER_INPUT` with their path in `extensions.problems`.
    IssueMutation::update_issue(IssuePatch) -> Issue by Changes, "The issue's global ID."
}

/// An issue patch with its values checked and normalised.
struct Changes {
    names: NamesPatch,
    parent: MaybeUndefined<i64>,
}

impl Update for Changes {
    type Input = IssuePatch;

    fn checked(input: IssuePatch, id: GlobalId) -> AppResult<Self> {
        let key = id.key;
        let mut problems = Problems::default();
        refuse_empty(input.names.given() || !input.parent.is_undefined(), &mut problems);
        let names = input.names.checked(&mut problems);
        let parent = optional_id_field(input.parent, "input.parent", NodeKind::Issue, &mut problems);
        if parent == MaybeUndefined::Value(key) {
            problems.push("input.parent", "an issue cannot be its own parent");
        }
        problems.finish()?;
        Ok(Self { names, parent })
    }

    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let current = current_row!(txn, issue, key, version, "issue");
        let qid = [issue::Column::WikidataId, issue::Column::Id];
        let what = |other: issue::Model| format!("QID of the issue \"{}\"", other.name);
        refuse_taken::<issue::Entity>(txn, qid, ("input.wikidataId", &self.names.wikidata_id), key, what)
            .await?;
        if let MaybeUndefined::Value(parent) = self.parent {
            check_parent(txn, key, parent).await?;
        }

        let mut changed = Vec::new();
        let mut row: issue::ActiveModel = current.clone().into();
        set_names!(row, self.names, current, changed);
        if !self.parent.is_undefined() {
            row.parent_id = Set(self.parent.take());
            changed.push("parent");
        }
        write_next_version!(
            txn,
            issue,
            row,
            key,
            version,
            "issue",
            Some("input.wikidataId: another issue has this QID now")
        );
        let renamed = self.names.renamed(&current.name);
        let name = renamed.unwrap_or(&current.name);
        let aliases = self.names.new_aliases(&current.name);
        if self.aliases(txn, key, name, &aliases).await? {
            changed.push("aliases");
        }
        log(txn, actor, "updateIssue", "issue", key, version + 1, &changed).await
    }
}

impl Changes {
    /// Adds and removes aliases; the canonical name is never one. Returns
    /// whether any changed.
    async fn aliases(
        &self,
        txn: &DatabaseTransaction,
        key: i64,
        name: &str,
        added: &[String],
    ) -> AppResult<bool> {
        let mut changed = false;
        for alias in added {
            if alias != name && add_alias!(txn, issue_alias, IssueId, key, alias) {
                changed = true;
            }
        }
        // Removing goes last, so that a spelling both added and removed is gone.
        let mut removed: Vec<&str> = self.names.removed_aliases().iter().map(String::as_str).collect();
        removed.push(name);
        let gone = issue_alias::Entity::delete_many()
            .filter(issue_alias::Column::IssueId.eq(key))
            .filter(issue_alias::Column::Name.is_in(removed))
            .exec(txn)
            .await?;
        Ok(changed || gone.rows_affected > 0)
    }
}

/// The new parent must exist and must not lie under the issue.
async fn check_parent(txn: &DatabaseTransaction, key: i64, parent: i64) -> AppResult<()> {
    let Some(found) = issue::Entity::find_by_id(parent).one(txn).await? else {
        return Err(missing("input.parent", GlobalId::new(NodeKind::Issue, parent)));
    };
    // Walk up from the new parent: meeting the issue would close a loop.
    let mut cursor = found.parent_id;
    while let Some(at) = cursor {
        if at == key {
            let mut problems = Problems::default();
            problems.push(
                "input.parent",
                format!(
                    "\"{}\" is one of this issue's sub-issues; an issue cannot lie under itself",
                    found.name
                ),
            );
            return problems.finish();
        }
        cursor = issue::Entity::find_by_id(at)
            .one(txn)
            .await?
            .and_then(|i| i.parent_id);
    }
    Ok(())
}
