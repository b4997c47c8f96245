//! Sources: the articles facts come from.

use async_graphql::{ID, Object};

use super::{Event, FinancialMeasure, NodeObject, Relation, Role, Source, Statement};
use crate::graphql::flat::{Also, Stamps};
use crate::graphql::list::{List, Under, list_fields};
use crate::graphql::scalars::Date;
use crate::loader::Scope;

/// An article: the text every fact's evidence points into.
#[Object]
impl Source {
    /// The object's opaque, stable global ID.
    pub async fn id(&self) -> ID {
        self.global_id()
    }

    /// A stable identifier of the article, unique in the graph, used by import files.
    async fn key(&self) -> &str {
        &self.0.key
    }

    /// Where the article was published online, where known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// The headline.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it, where known.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// When it was published, where known: `2025-12-02`, `2025-12` or `2025`.
    async fn published_on(&self) -> Option<Date> {
        let precision = self
            .0
            .published_on_precision
            .unwrap_or(entity::kinds::DatePrecision::Day);
        self.0.published_on.map(|date| Date(date, precision))
    }

    /// Its language as a BCP 47 tag (`en`), where known.
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// The full text; evidence offsets count its Unicode code points.
    async fn text(&self) -> &str {
        &self.0.text
    }

    #[graphql(flatten)]
    async fn reported(&self) -> Reported {
        Reported::all_under(self.0.id.into(), Scope::Column("source_id"))
    }

    #[graphql(flatten)]
    async fn stamps(&self) -> Stamps<Self> {
        Stamps::new(self.0.created_at, self.0.updated_at, self.0.version)
    }
}

/// What a source reports or states, one list of each kind of fact:
/// `statements`, `financialMeasures`, `events`, `roles`, `relations`.
type Reported = Also<
    List<ReportedStatements>,
    Also<List<ReportedMeasures>, Also<List<ReportedEvents>, Also<List<StatedRoles>, List<StatedRelations>>>>,
>;

list_fields!(
    ReportedStatements: "statements" => Statement, "The statements it reports.";
    ReportedMeasures: "financialMeasures" => FinancialMeasure, "The financial measures it reports.";
    ReportedEvents: "events" => Event, "The events it reports.";
    StatedRoles: "roles" => Role, "The roles it states.";
    StatedRelations: "relations" => Relation, "The relations between people it states.";
);
