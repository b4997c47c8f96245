//! People, organisations and places: the three kinds of `Entity`.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use entity::{event, financial_measure, named_entity, organisation, place, relation, role, statement};
use sea_orm::EntityTrait;

use super::{Event, FinancialMeasure, Relation, Role, Statement, load_place};
use crate::error::AppResult;
use crate::graphql::connection::{Order, OrderDirection, Page, PageArgs};
use crate::graphql::filter::{
    self, EntityOrder, EventFilter, EventOrder, FinancialMeasureFilter, FinancialMeasureOrder,
    OrganisationFilter, PlaceFilter, RoleOrder, StatementFilter, StatementOrder,
};
use crate::graphql::ids::{GlobalId, NodeKind};
use crate::graphql::node::Entity;
use crate::graphql::{database, loaders, nested};
use crate::loader::{Scope, Tree};

/// The fields every entity has, written once for the three kinds.
macro_rules! entity_object {
    // `#[Object]` and the cost expression come from the call site: the
    // `child_complexity` that `#[Object]` defines must share the hygiene of
    // every cost expression that names it.
    // So the names of the `first` and `last` arguments come from there too.
    ($pound:tt $object:tt $(#[$doc:meta])* $ty:ident($first:ident, $last:ident, $filter:ident), cost = $cost:literal, statement_cost = $statement_cost:literal, { $($extra:tt)* }) => {
        $(#[$doc])*
        $pound $object
        impl $ty {
            /// The object's opaque, stable global ID.
            pub async fn id(&self) -> ID {
                GlobalId::new(NodeKind::$ty, self.0.id).encode()
            }

            /// The canonical name.
            pub async fn name(&self) -> String {
                self.0.name.clone()
            }

            /// Other names and spellings the entity is known by.
            // async-graphql's own Result: the Entity interface calls this.
            pub async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
                let rows = loaders(ctx)?.entity_aliases.load_one(self.0.id).await?.unwrap_or_default();
                Ok(rows.into_iter().map(|a| a.name).collect())
            }

            /// A short description.
            pub async fn description(&self) -> Option<String> {
                self.0.description.clone()
            }

            /// The Wikidata QID (`Q7747`), where known.
            pub async fn wikidata_id(&self) -> Option<String> {
                self.0.wikidata_id.clone()
            }

            /// When the entity was added to the graph.
            pub async fn created_at(&self) -> DateTime<Utc> {
                self.0.created_at
            }

            /// When the entity was last changed.
            pub async fn updated_at(&self) -> DateTime<Utc> {
                self.0.updated_at
            }

            /// The entity's version: 1 when added, one more with each change.
            /// Updates send the version they were based on.
            pub async fn version(&self) -> i32 {
                self.0.version
            }

            /// Statements said to it: those whose audience it is.
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = $statement_cost)]
            async fn addressed_in(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only statements matching this too.")] $filter: Option<StatementFilter>,
                #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
                #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] $first: Option<i32>,
                #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
                #[graphql(desc = "Return the last n items before `before` (at most 100).")] $last: Option<i32>,
                #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
            ) -> AppResult<Page<Statement>> {
                let select = filter::statements(database(ctx)?, statement::Entity::find(), $filter).await?;
                let args = PageArgs { first: $first, after, last: $last, before };
                nested::rows(ctx, self.0.id, Scope::Column("audience_id"), select, StatementOrder::order(order_by), args, Statement).await
            }

            /// Statements that mention it.
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = $statement_cost)]
            async fn mentioned_in(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only statements matching this too.")] $filter: Option<StatementFilter>,
                #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] $first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] $last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
            ) -> AppResult<Page<Statement>> {
                let select = filter::statements(database(ctx)?, statement::Entity::find(), $filter).await?;
                let args = PageArgs { first: $first, after, last: $last, before };
                nested::rows(ctx, self.0.id, Scope::Link { table: "statement_mention", parent: "entity_id", row: "statement_id" }, select, StatementOrder::order(order_by), args, Statement).await
            }

            /// Financial measures it provides the money of.
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = $cost)]
            async fn financial_measures_given(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only measures matching this too.")] filter: Option<FinancialMeasureFilter>,
                #[graphql(desc = "The sort order; by default as added.")] order_by: Option<FinancialMeasureOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] $first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] $last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
            ) -> AppResult<Page<FinancialMeasure>> {
                let select =
                    filter::financial_measures(database(ctx)?, financial_measure::Entity::find(), filter).await?;
                let args = PageArgs { first: $first, after, last: $last, before };
                nested::rows(ctx, self.0.id, Scope::Column("provider_id"), select, FinancialMeasureOrder::order(order_by), args, FinancialMeasure)
                    .await
            }

            /// Financial measures it receives the money of.
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = $cost)]
            async fn financial_measures_received(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only measures matching this too.")] filter: Option<FinancialMeasureFilter>,
                #[graphql(desc = "The sort order; by default as added.")] order_by: Option<FinancialMeasureOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] $first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] $last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
            ) -> AppResult<Page<FinancialMeasure>> {
                let select =
                    filter::financial_measures(database(ctx)?, financial_measure::Entity::find(), filter).await?;
                let args = PageArgs { first: $first, after, last: $last, before };
                nested::rows(ctx, self.0.id, Scope::Column("recipient_id"), select, FinancialMeasureOrder::order(order_by), args, FinancialMeasure)
                    .await
            }

            /// Financial measures secured against its assets.
            #[allow(clippy::too_many_arguments)]
            #[graphql(complexity = $cost)]
            async fn financial_measures_secured(
                &self,
                ctx: &Context<'_>,
                #[graphql(desc = "Only measures matching this too.")] filter: Option<FinancialMeasureFilter>,
                #[graphql(desc = "The sort order; by default as added.")] order_by: Option<FinancialMeasureOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")] $first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] $last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
            ) -> AppResult<Page<FinancialMeasure>> {
                let select =
                    filter::financial_measures(database(ctx)?, financial_measure::Entity::find(), filter).await?;
                let args = PageArgs { first: $first, after, last: $last, before };
                nested::rows(ctx, self.0.id, Scope::Column("secured_against_entity_id"), select, FinancialMeasureOrder::order(order_by), args, FinancialMeasure)
                    .await
            }

            $($extra)*
        }
    };
}

/// A person: a speaker, a role holder, a participant.
#[derive(Debug, Clone)]
pub struct Person(pub named_entity::Model);

entity_object!(
    #[Object]
    /// A person: someone who speaks, holds roles, takes part in events.
    Person(first, last, filter),
    cost = "crate::graphql::connection::page_cost(first, last, child_complexity)",
    statement_cost = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)",
    {
        /// What it said.
        #[allow(clippy::too_many_arguments)]
        #[graphql(
            complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
        )]
        async fn statements(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only statements matching this too.")] filter: Option<StatementFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Statement>> {
            let select = filter::statements(database(ctx)?, statement::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Column("speaker_id"),
                select,
                StatementOrder::order(order_by),
                args,
                Statement,
            )
            .await
        }

        /// The roles the person holds or held.
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn roles(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<RoleOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Role>> {
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Column("person_id"),
                role::Entity::find(),
                RoleOrder::order(order_by),
                args,
                Role,
            )
            .await
        }

        /// The person's relations to other people, both ways: where the person
        /// is `person` and where they are `relatedPerson`.
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn relations(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Relation>> {
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            let order = Order::by_key("relation", OrderDirection::Asc);
            nested::rows(
                ctx,
                self.0.id,
                Scope::EitherColumn("person_id", "related_person_id"),
                relation::Entity::find(),
                order,
                args,
                Relation,
            )
            .await
        }

        /// Events it took part in.
        #[allow(clippy::too_many_arguments)]
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn events(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only events matching this too.")] filter: Option<EventFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EventOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Event>> {
            let select = filter::events(database(ctx)?, event::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Link {
                    table: "event_participant",
                    parent: "entity_id",
                    row: "event_id",
                },
                select,
                EventOrder::order(order_by),
                args,
                Event,
            )
            .await
        }
    }
);

/// An organisation: a government, a body, an alliance, a company...
#[derive(Debug, Clone)]
pub struct Organisation(pub named_entity::Model, pub organisation::Model);

entity_object!(
    #[Object]
    /// An organisation: a government, an institution, an alliance, a company, a news outlet...
    Organisation(first, last, filter),
    cost = "crate::graphql::connection::page_cost(first, last, child_complexity)",
    statement_cost = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)",
    {
        /// What kind of body it is.
        async fn kind(&self) -> OrganisationKind {
            self.1.kind.into()
        }

        /// The country it belongs to, where it has one.
        async fn country(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
            load_place(ctx, self.1.country_id).await
        }

        /// What it said.
        #[allow(clippy::too_many_arguments)]
        #[graphql(
            complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
        )]
        async fn statements(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only statements matching this too.")] filter: Option<StatementFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Statement>> {
            let select = filter::statements(database(ctx)?, statement::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Column("speaker_id"),
                select,
                StatementOrder::order(order_by),
                args,
                Statement,
            )
            .await
        }

        /// The roles people hold or held in it: its members, officials and envoys.
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn members(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<RoleOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Role>> {
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Column("organisation_id"),
                role::Entity::find(),
                RoleOrder::order(order_by),
                args,
                Role,
            )
            .await
        }

        /// Events it took part in.
        #[allow(clippy::too_many_arguments)]
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn events(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only events matching this too.")] filter: Option<EventFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EventOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Event>> {
            let select = filter::events(database(ctx)?, event::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::Link {
                    table: "event_participant",
                    parent: "entity_id",
                    row: "event_id",
                },
                select,
                EventOrder::order(order_by),
                args,
                Event,
            )
            .await
        }
    }
);

/// A place: a country, a region, a city...
#[derive(Debug, Clone)]
pub struct Place(pub named_entity::Model, pub place::Model);

entity_object!(
    #[Object]
    /// A place: a continent, a country, a region, a city, a site; places form a tree.
    Place(first, last, filter),
    cost = "crate::graphql::connection::page_cost(first, last, child_complexity)",
    statement_cost = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)",
    {
        /// What kind of place it is.
        async fn kind(&self) -> PlaceKind {
            self.1.kind.into()
        }

        /// The place it lies in (Dnipro lies in Dnipropetrovsk Oblast).
        async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<Place>> {
            load_place(ctx, self.1.parent_id).await
        }

        /// Latitude in decimal degrees (WGS 84), where known.
        async fn latitude(&self) -> Option<f64> {
            self.1.latitude
        }

        /// Longitude in decimal degrees (WGS 84), where known.
        async fn longitude(&self) -> Option<f64> {
            self.1.longitude
        }

        /// The places that lie directly in it.
        #[allow(clippy::too_many_arguments)]
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn children(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only places matching this too.")] filter: Option<PlaceFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EntityOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Place>> {
            let select = filter::places(database(ctx)?, filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            let scope = Scope::Link {
                table: "place",
                parent: "parent_id",
                row: "id",
            };
            nested::entities(
                ctx,
                self.0.id,
                scope,
                select,
                EntityOrder::order(order_by),
                args,
                |e| match e {
                    Entity::Place(p) => Some(p),
                    _ => None,
                },
            )
            .await
        }

        /// Events that happened in it or in a place within it.
        #[allow(clippy::too_many_arguments)]
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn events(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only events matching this too.")] filter: Option<EventFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EventOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Event>> {
            let select = filter::events(database(ctx)?, event::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::LinkWithin {
                    table: "event_place",
                    parent: "place_id",
                    row: "event_id",
                    tree: Tree::Place,
                },
                select,
                EventOrder::order(order_by),
                args,
                Event,
            )
            .await
        }

        /// Statements said in it or in a place within it.
        #[allow(clippy::too_many_arguments)]
        #[graphql(
            complexity = "crate::graphql::connection::page_cost(first, last, child_complexity) + crate::graphql::filter::StatementFilter::scan_cost(&filter)"
        )]
        async fn statements(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only statements matching this too.")] filter: Option<StatementFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<StatementOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Statement>> {
            let select = filter::statements(database(ctx)?, statement::Entity::find(), filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            nested::rows(
                ctx,
                self.0.id,
                Scope::ColumnWithin("place_id", Tree::Place),
                select,
                StatementOrder::order(order_by),
                args,
                Statement,
            )
            .await
        }

        /// The organisations of this country.
        #[allow(clippy::too_many_arguments)]
        #[graphql(complexity = "crate::graphql::connection::page_cost(first, last, child_complexity)")]
        async fn organisations(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "Only organisations matching this too.")] filter: Option<OrganisationFilter>,
            #[graphql(desc = "The sort order; by default as added.")] order_by: Option<EntityOrder>,
            #[graphql(desc = "Return the first n items after `after` (at most 100; default 20).")]
            first: Option<i32>,
            #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
            #[graphql(desc = "Return the last n items before `before` (at most 100).")] last: Option<i32>,
            #[graphql(desc = "Return items before this cursor.")] before: Option<String>,
        ) -> AppResult<Page<Organisation>> {
            let select = filter::organisations(filter).await?;
            let args = PageArgs {
                first,
                after,
                last,
                before,
            };
            let scope = Scope::Link {
                table: "organisation",
                parent: "country_id",
                row: "id",
            };
            nested::entities(
                ctx,
                self.0.id,
                scope,
                select,
                EntityOrder::order(order_by),
                args,
                |e| match e {
                    Entity::Organisation(o) => Some(o),
                    _ => None,
                },
            )
            .await
        }
    }
);

/// What kind of body an organisation is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::OrganisationKind")]
pub enum OrganisationKind {
    /// A national government or its executive ("the Kremlin").
    Government,
    /// A body of a government: a ministry, a council, a commission.
    GovernmentBody,
    /// A parliament or one of its chambers.
    Legislature,
    /// Armed forces or one of their units.
    Military,
    /// An intelligence service.
    IntelligenceAgency,
    /// A body of several states (the European Commission, the UN).
    InternationalOrganisation,
    /// An alliance of states' armed forces (NATO).
    MilitaryAlliance,
    /// A political party.
    PoliticalParty,
    /// A company.
    Company,
    /// A newspaper, broadcaster or other outlet.
    NewsOutlet,
    /// A non-governmental organisation.
    Ngo,
    /// None of the above.
    Other,
}

/// What kind of place a place is.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::kinds::PlaceKind")]
pub enum PlaceKind {
    /// A continent (Europe).
    Continent,
    /// A sovereign country (Ukraine).
    Country,
    /// A first-level division of a country (Dnipropetrovsk Oblast).
    Region,
    /// A city or town (Dnipro).
    City,
    /// A district of a city or region.
    District,
    /// A building, base or other site.
    Site,
    /// None of the above.
    Other,
}
