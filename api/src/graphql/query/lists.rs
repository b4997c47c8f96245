//! The root lists: one Relay connection per node kind, with `filter:` and
//! `orderBy:` where the kind has them.

use async_graphql::MergedObject;

use crate::graphql::list::{List, list_fields};
use crate::graphql::object::{
    Event, FinancialMeasure, Issue, Organisation, Person, Place, Relation, Role, Source, Statement,
};

/// The root lists, one per node kind.
#[derive(MergedObject, Default)]
pub struct ListQuery(
    List<AllPeople>,
    List<AllOrganisations>,
    List<AllPlaces>,
    List<AllIssues>,
    List<AllStatements>,
    List<AllRoles>,
    List<AllRelations>,
    List<AllMeasures>,
    List<AllEvents>,
    List<AllSources>,
);

list_fields!(root:
    AllPeople: "people" => Person, "People; by default in the order they were added.";
    AllOrganisations: "organisations" => Organisation, "Organisations; by default in the order they were added.";
    AllPlaces: "places" => Place, "Places; by default in the order they were added.";
    AllIssues: "issues" => Issue, "Issues; by default in the order they were added.";
    AllStatements: "statements" => Statement,
        "Statements; by default in the order they were added. Every filter\nfield given must hold.";
    AllRoles: "roles" => Role, "Roles people hold in organisations; by default in the order they were added.";
    AllRelations: "relations" => Relation, "Relations between people, in the order they were added.";
    AllMeasures: "financialMeasures" => FinancialMeasure, "Financial measures; by default in the order they were added.";
    AllEvents: "events" => Event, "Events; by default in the order they were added.";
    AllSources: "sources" => Source, "Sources (articles); by default in the order they were added.";
);
