//! `updateStatement`: correcting what was said, by whom and in which role,
//! when, where, to whom, about what, and where the source says so.

use async_graphql::{ID, MaybeUndefined};
use entity::kinds;
use entity::{statement, statement_issue, statement_mention};
use sea_orm::{DatabaseTransaction, EntityTrait, Set};

use super::check::{self, ENTITIES, ISSUE, PLACE, PatchChecks, Problems, SPEAKERS};
use super::write;
use crate::domain::PartialDate;
use crate::error::AppResult;
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::mutation::update::Update;
use crate::graphql::mutation::{EvidenceInput, StanceInput};
use crate::graphql::object::StatementKind;
use crate::names::{fold_text, quote_key};
use crate::store::identity::StatementIdentity;

patch_input! {
    /// Changes to a statement. Fields left out stay as they are; null clears
    /// a field a statement may lack; a list given replaces the whole list.
    StatementPatch {
        /// Whether the text quotes the speaker or paraphrases them.
        kind: StatementKind,
        /// What was said: the quoted words, or the reported gist.
        text: String,
        /// Who said it (a `Person` or `Organisation` ID). The statement's role
        /// must then be one the new speaker holds: give `speakerRole` too, or
        /// null to clear it.
        speaker: ID,
        /// The role the speaker spoke in: the ID of a `Role` held by the
        /// speaker (the new one, when `speaker` changes too); null clears it.
        speaker_role: ID,
        /// When it was said: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; null clears it.
        said_on: String,
        /// Where it was said (a `Place` ID); null clears it.
        place: ID,
        /// To whom, in the source's words (`reporters`); null clears it.
        audience: String,
        /// To whom, as an entity (a `Person`, `Organisation` or `Place` ID);
        /// null clears it.
        audience_entity: ID,
        /// The issues it is about, each with the speaker's stance: replaces
        /// the list (`[]` for none). An issue may be listed once.
        about: Vec<StanceInput>,
        /// The entities it mentions (`Person`, `Organisation` or `Place` IDs):
        /// replaces the list (`[]` for none).
        mentions: Vec<ID>,
        /// The span of the source it comes from, replacing the old evidence;
        /// checked against the source's text.
        evidence: EvidenceInput,
    }
}

/// A patch with its values checked; what needs the database is checked in
/// [`apply`].
pub(super) struct Checked {
    kind: Option<kinds::StatementKind>,
    text: Option<String>,
    speaker: Option<GlobalId>,
    speaker_role: MaybeUndefined<GlobalId>,
    said_on: MaybeUndefined<PartialDate>,
    place: MaybeUndefined<GlobalId>,
    audience: MaybeUndefined<String>,
    audience_entity: MaybeUndefined<GlobalId>,
    about: Option<Vec<(GlobalId, kinds::Stance)>>,
    mentions: Option<Vec<GlobalId>>,
    evidence: Option<crate::store::Evidence<GlobalId>>,
    /// The fields given, for the write log.
    fields: Vec<String>,
}

impl Checked {
    /// Every ID the patch names, at its path.
    fn named(&self) -> Vec<(String, GlobalId)> {
        let mut named = Vec::new();
        write::name(&mut named, "input.speaker", self.speaker);
        write::name(
            &mut named,
            "input.speakerRole",
            self.speaker_role.value().copied(),
        );
        write::name(&mut named, "input.place", self.place.value().copied());
        write::name(
            &mut named,
            "input.audienceEntity",
            self.audience_entity.value().copied(),
        );
        for (i, (issue, _)) in self.about.iter().flatten().enumerate() {
            write::name(&mut named, &format!("input.about[{i}].issue"), Some(*issue));
        }
        write::name_list(
            &mut named,
            "input.mentions",
            self.mentions.as_deref().unwrap_or_default(),
        );
        write::name_evidence(&mut named, "input.evidence", self.evidence.as_ref());
        named
    }
}

impl Update for Checked {
    type Input = StatementPatch;

    fn checked(input: StatementPatch, _: GlobalId) -> AppResult<Self> {
        let fields = check::given(input.given())?;
        let mut p = Problems::default();
        let kind = p
            .required(input.kind, "input.kind", "a statement's kind")
            .map(Into::into);
        let text = p
            .required(input.text, "input.text", "a statement's text")
            .map(|t| p.text(t, "input.text", "text"));
        let speaker = p
            .required(input.speaker, "input.speaker", "a statement's speaker")
            .and_then(|id| p.id(&id, "input.speaker", SPEAKERS));
        let speaker_role = p.optional_id(input.speaker_role, "input.speakerRole", &[NodeKind::Role]);
        let said_on = p.date(input.said_on, "input.saidOn");
        let place = p.optional_id(input.place, "input.place", PLACE);
        let audience = p.optional_text(input.audience, "input.audience", "audience");
        let audience_entity = p.optional_id(input.audience_entity, "input.audienceEntity", ENTITIES);
        let about = p.list(input.about, "input.about").map(|about| {
            let mut out: Vec<(GlobalId, kinds::Stance)> = Vec::new();
            for (i, a) in about.iter().enumerate() {
                let path = format!("input.about[{i}].issue");
                let Some(issue) = p.id(&a.issue, &path, ISSUE) else {
                    continue;
                };
                if out.iter().any(|(seen, _)| *seen == issue) {
                    p.push(path, format!("issue \"{}\" is listed twice", a.issue.0));
                } else {
                    out.push((issue, a.stance.into()));
                }
            }
            out
        });
        let mentions = p
            .list(input.mentions, "input.mentions")
            .map(|ids| p.ids(&ids, "input.mentions", ENTITIES));
        let evidence = p
            .required(input.evidence, "input.evidence", "a statement's evidence")
            .and_then(|e| p.evidence(e, "input.evidence"));
        p.finish()?;
        Ok(Checked {
            kind,
            text,
            speaker,
            speaker_role,
            said_on,
            place,
            audience,
            audience_entity,
            about,
            mentions,
            evidence,
            fields,
        })
    }

    /// Writes a checked patch, based on `version`.
    async fn apply(&self, txn: &DatabaseTransaction, key: i64, version: i32, actor: &str) -> AppResult<()> {
        let patch = self;
        let current = current_row!(txn, statement, key, version, "statement");
        write::all_found(txn, &patch.named()).await?;
        let mut problems = Problems::default();
        let (mut row, speaker) = columns(txn, patch, &current, &mut problems).await?;
        let links = Links::of(txn, key, patch).await?;
        problems.finish()?;
        refuse_twin(txn, patch, &current, speaker).await?;

        // A person corrected the fact: it is curated now, unless the new
        // evidence says otherwise.
        if patch.evidence.is_none() {
            row.curated = Set(true);
        }
        write_next_version!(txn, statement, row, key, version, "statement", None);
        links.replace(txn, key).await?;
        let node = GlobalId::new(NodeKind::Statement, key);
        write::record(txn, actor, "updateStatement", node, version, &patch.fields).await
    }
}

/// The columns the patch changes, with the references it makes looked up;
/// returns them and the speaker the statement will have.
async fn columns(
    txn: &DatabaseTransaction,
    patch: &Checked,
    current: &statement::Model,
    problems: &mut Problems,
) -> AppResult<(statement::ActiveModel, i64)> {
    let mut row = statement::ActiveModel::default();
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(text) = &patch.text {
        row.text = Set(text.clone());
        // Search matches the folded text; another report, the quote key.
        row.folded_text = Set(Some(fold_text(text)));
        row.text_key = Set(Some(quote_key(text)));
    }
    let speaker = match patch.speaker {
        Some(id) => {
            let (speaker, kind) = write::entity(txn, id, "input.speaker").await?;
            row.speaker_id = Set(speaker);
            row.speaker_kind = Set(kind);
            speaker
        }
        None => current.speaker_id,
    };
    speaker_role(txn, patch, current, speaker, &mut row, problems).await?;
    if let Some((date, precision)) = write::date_columns(&patch.said_on) {
        (row.said_on, row.said_on_precision) = (Set(date), Set(precision));
    }
    if let Some(place) = write::optional_entity(txn, &patch.place, "input.place").await? {
        row.place_id = Set(place);
    }
    if !patch.audience.is_undefined() {
        row.audience = Set(patch.audience.clone().take());
    }
    if let Some(audience) =
        write::optional_entity(txn, &patch.audience_entity, "input.audienceEntity").await?
    {
        row.audience_id = Set(audience);
    }
    if let Some(evidence) = &patch.evidence {
        let evidence =
            crate::graphql::mutation::span::resolve(txn, evidence, "input.evidence", problems).await?;
        crate::set_evidence!(row, evidence.source, &evidence);
    }
    Ok((row, speaker))
}

/// The issues and mentions a patch replaces, looked up.
struct Links {
    about: Option<Vec<statement_issue::ActiveModel>>,
    mentions: Option<Vec<statement_mention::ActiveModel>>,
}

impl Links {
    async fn of(txn: &DatabaseTransaction, key: i64, patch: &Checked) -> AppResult<Self> {
        let mut about = None;
        if let Some(list) = &patch.about {
            let mut links = Vec::new();
            for (i, (issue, stance)) in list.iter().enumerate() {
                let issue = write::issue(txn, *issue, &format!("input.about[{i}].issue")).await?;
                links.push(statement_issue::ActiveModel {
                    statement_id: Set(key),
                    issue_id: Set(issue),
                    stance: Set(*stance),
                });
            }
            about = Some(links);
        }
        let mut mentions = None;
        if let Some(ids) = &patch.mentions {
            let keys = write::entities(txn, ids, "input.mentions").await?;
            let links = keys.into_iter().map(|entity| statement_mention::ActiveModel {
                statement_id: Set(key),
                entity_id: Set(entity),
            });
            mentions = Some(links.collect());
        }
        Ok(Self { about, mentions })
    }

    /// Replaces the lists the patch gives.
    async fn replace(self, txn: &DatabaseTransaction, key: i64) -> AppResult<()> {
        if let Some(links) = self.about {
            write::replace_children(txn, key, links).await?;
        }
        if let Some(links) = self.mentions {
            write::replace_children(txn, key, links).await?;
        }
        Ok(())
    }
}

/// Sets the speaker's role, which must be one the speaker (the new one,
/// when the patch changes the speaker) holds: a role of someone else, or a
/// role the old speaker held that the patch keeps, is a problem.
async fn speaker_role(
    txn: &DatabaseTransaction,
    patch: &Checked,
    current: &statement::Model,
    speaker: i64,
    row: &mut statement::ActiveModel,
    problems: &mut Problems,
) -> AppResult<()> {
    let (role, kept) = match patch.speaker_role {
        MaybeUndefined::Null => {
            row.speaker_role_id = Set(None);
            return Ok(());
        }
        MaybeUndefined::Value(id) => {
            let role = write::role(txn, id, "input.speakerRole").await?;
            row.speaker_role_id = Set(Some(role.id));
            (role, false)
        }
        MaybeUndefined::Undefined => {
            let (Some(_), Some(role)) = (patch.speaker, current.speaker_role_id) else {
                return Ok(());
            };
            match entity::role::Entity::find_by_id(role).one(txn).await? {
                Some(role) => (role, true),
                None => return Ok(()),
            }
        }
    };
    if role.person_id == speaker {
        return Ok(());
    }
    let holder = write::entity_name(txn, role.person_id).await?;
    let speaker_name = write::entity_name(txn, speaker).await?;
    let message = if kept {
        format!(
            "the statement's role \"{}\" is held by {holder}, not by the new speaker {speaker_name}: give a role of the new speaker, or null to clear it",
            role.title
        )
    } else {
        format!(
            "the role \"{}\" is held by {holder}, not by the speaker {speaker_name}",
            role.title
        )
    };
    problems.push("input.speakerRole", message);
    Ok(())
}

/// Refuses to make the statement one with another: the same speaker, kind
/// and text from the same span, which is how the import tells statements
/// apart.
async fn refuse_twin(
    txn: &DatabaseTransaction,
    patch: &Checked,
    current: &statement::Model,
    speaker: i64,
) -> AppResult<()> {
    if patch.kind.is_none() && patch.text.is_none() && patch.speaker.is_none() && patch.said_on.is_undefined()
    {
        return Ok(());
    }
    let said_on = write::date_after(&patch.said_on, current.said_on, current.said_on_precision);
    let twin = StatementIdentity {
        speaker,
        kind: patch.kind.unwrap_or(current.kind),
        text: patch.text.clone().unwrap_or_else(|| current.text.clone()),
        said_on,
    }
    .find(txn, Some(current.id))
    .await?;
    write::refuse_twin("statement", NodeKind::Statement, twin, StatementIdentity::WHAT)
}
