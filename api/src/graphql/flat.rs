//! Sets of fields that objects take with `#[graphql(flatten)]`, registered
//! so that the schema's cycles cannot empty them.
//!
//! async-graphql registers a type by first inserting an empty placeholder,
//! then building the type, which registers the types its fields return;
//! an object that flattens a set of fields copies the set's fields from the
//! registry. In a graph with cycles (a person's statements have speakers,
//! who are people with statements), an object can be registered while a
//! set it flattens is still the empty placeholder, and silently gets none
//! of its fields. A [`Flat`] set avoids that: its fields name the types
//! they return without registering them, and those types are registered
//! only once the set is complete.

use std::borrow::Cow;
use std::future::Future;
use std::marker::PhantomData;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::Field;
use async_graphql::registry::{Deprecation, MetaField, MetaInputValue, MetaType, MetaTypeId, Registry};
use async_graphql::{Context, OutputType, Positioned, ServerResult, Value};
use chrono::{DateTime, Utc};
use entity::fact_evidence::Fact;

use super::object::{Evidence, Reports};

/// A set of fields to flatten into objects.
pub trait Flat: Send + Sync {
    /// The set's fields, with the types they return named, not registered.
    fn fields(registry: &mut Registry, fields: &mut IndexMap<String, MetaField>);

    /// Registers the types the fields return.
    fn register_returns(registry: &mut Registry);

    /// Resolves the field `ctx` asks for; `None` when it is not one of the set.
    fn resolve_flat(&self, ctx: &Context<'_>) -> impl Future<Output = ServerResult<Option<Value>>> + Send;
}

/// A name for a set's placeholder type: never in the schema (the set is
/// copied into objects and dropped as unused), only unique.
pub fn type_name<T: ?Sized>() -> Cow<'static, str> {
    Cow::Owned(format!("Flat_{}", std::any::type_name::<T>()))
}

/// Makes a set an object, for `#[graphql(flatten)]` to take:
/// `flat_object!([generics] Type);`.
macro_rules! flat_object {
    ([$($generics:tt)*] $ty:ty) => {
        impl<$($generics)*> async_graphql::OutputType for $ty {
            fn type_name() -> std::borrow::Cow<'static, str> {
                $crate::graphql::flat::type_name::<Self>()
            }

            fn create_type_info(registry: &mut async_graphql::registry::Registry) -> String {
                $crate::graphql::flat::register::<Self>(registry)
            }

            async fn resolve(
                &self,
                ctx: &async_graphql::ContextSelectionSet<'_>,
                _field: &async_graphql::Positioned<async_graphql::parser::types::Field>,
            ) -> async_graphql::ServerResult<async_graphql::Value> {
                async_graphql::resolver_utils::resolve_container(ctx, self).await
            }
        }

        impl<$($generics)*> async_graphql::ContainerType for $ty {
            async fn resolve_field(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::ServerResult<Option<async_graphql::Value>> {
                $crate::graphql::flat::Flat::resolve_flat(self, ctx).await
            }
        }

        impl<$($generics)*> async_graphql::ObjectType for $ty {}
    };
}
pub(crate) use flat_object;

/// Registers a set: its fields first, then the types they return.
pub fn register<T: Flat + OutputType>(registry: &mut Registry) -> String {
    let name = registry.create_output_type::<T, _>(MetaTypeId::Object, |registry| {
        let mut fields = IndexMap::new();
        T::fields(registry, &mut fields);
        MetaType::Object {
            name: T::type_name().into_owned(),
            description: None,
            fields,
            cache_control: Default::default(),
            extends: false,
            shareable: false,
            resolvable: true,
            keys: None,
            visible: None,
            inaccessible: false,
            interface_object: false,
            tags: Vec::new(),
            is_subscription: false,
            rust_typename: Some(std::any::type_name::<T>()),
            directive_invocations: Vec::new(),
            requires_scopes: Vec::new(),
        }
    });
    T::register_returns(registry);
    name
}

/// A field of a set, returning `ty`, with these arguments and price.
pub fn field(
    name: &str,
    description: String,
    ty: String,
    args: IndexMap<String, MetaInputValue>,
    compute_complexity: Option<ComputeComplexityFn>,
) -> MetaField {
    MetaField {
        name: name.to_owned(),
        description: Some(description),
        args,
        ty,
        deprecation: Deprecation::NoDeprecated,
        cache_control: Default::default(),
        external: false,
        requires: None,
        provides: None,
        visible: None,
        shareable: false,
        inaccessible: false,
        tags: Vec::new(),
        override_from: None,
        compute_complexity,
        directive_invocations: Vec::new(),
        requires_scopes: Vec::new(),
    }
}

/// How a field of a set is priced: as async-graphql's registry takes it.
pub type ComputeComplexityFn = fn(
    &async_graphql::VisitorContext<'_>,
    &[Positioned<async_graphql::parser::types::VariableDefinition>],
    &Field,
    usize,
) -> ServerResult<usize>;

/// Resolves the field `ctx` asks for to `value`.
pub async fn resolve_as<T: OutputType>(ctx: &Context<'_>, value: &T) -> ServerResult<Option<Value>> {
    let selection = ctx.with_selection_set(&ctx.item.node.selection_set);
    OutputType::resolve(value, &selection, ctx.item).await.map(Some)
}

/// A node kind's name in descriptions: "statement", "measure".
pub trait Noun {
    const NOUN: &'static str;
}

/// `createdAt`, `updatedAt` and `version`: when a node was added and last
/// changed, and how often. Every node has them, described with its name.
pub struct Stamps<T> {
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i32,
    node: PhantomData<fn() -> T>,
}

impl<T> Stamps<T> {
    pub fn new(created_at: DateTime<Utc>, updated_at: DateTime<Utc>, version: i32) -> Self {
        Self {
            created_at,
            updated_at,
            version,
            node: PhantomData,
        }
    }
}

impl<T: Noun> Flat for Stamps<T> {
    fn fields(registry: &mut Registry, fields: &mut IndexMap<String, MetaField>) {
        <DateTime<Utc> as OutputType>::create_type_info(registry);
        <i32 as OutputType>::create_type_info(registry);
        let noun = T::NOUN;
        let stamps = [
            (
                "createdAt",
                format!("When the {noun} was added to the graph."),
                <DateTime<Utc> as OutputType>::qualified_type_name(),
            ),
            (
                "updatedAt",
                format!("When the {noun} was last changed."),
                <DateTime<Utc> as OutputType>::qualified_type_name(),
            ),
            (
                "version",
                format!("The {noun}'s version: 1 when added, one more with each change."),
                <i32 as OutputType>::qualified_type_name(),
            ),
        ];
        for (name, description, ty) in stamps {
            fields.insert(
                name.to_owned(),
                field(name, description, ty, IndexMap::new(), None),
            );
        }
    }

    fn register_returns(_: &mut Registry) {}

    async fn resolve_flat(&self, ctx: &Context<'_>) -> ServerResult<Option<Value>> {
        match ctx.item.node.name.node.as_str() {
            "createdAt" => resolve_as(ctx, &self.created_at).await,
            "updatedAt" => resolve_as(ctx, &self.updated_at).await,
            "version" => resolve_as(ctx, &self.version).await,
            _ => Ok(None),
        }
    }
}

flat_object!([T: Noun] Stamps<T>);

/// Two sets as one: `A`'s fields, then `B`'s.
pub struct Also<A, B>(pub A, pub B);

impl<A: Flat, B: Flat> Flat for Also<A, B> {
    fn fields(registry: &mut Registry, fields: &mut IndexMap<String, MetaField>) {
        A::fields(registry, fields);
        B::fields(registry, fields);
    }

    fn register_returns(registry: &mut Registry) {
        A::register_returns(registry);
        B::register_returns(registry);
    }

    async fn resolve_flat(&self, ctx: &Context<'_>) -> ServerResult<Option<Value>> {
        match self.0.resolve_flat(ctx).await? {
            Some(value) => Ok(Some(value)),
            None => self.1.resolve_flat(ctx).await,
        }
    }
}

flat_object!([A: Flat, B: Flat] Also<A, B>);

/// `evidence` and `reports`: where a fact was first recorded from, and
/// every report of it. Every fact has them, described with its name.
pub struct Cited<T> {
    evidence: Evidence,
    reports: Reports,
    fact: PhantomData<fn() -> T>,
}

impl<T> Cited<T> {
    /// The fields of `fact`, first recorded from `evidence`.
    pub fn new(fact: Fact, evidence: Evidence) -> Self {
        Self {
            reports: Reports::of(fact, evidence.clone()),
            evidence,
            fact: PhantomData,
        }
    }
}

impl<T: Noun> Flat for Cited<T> {
    fn fields(_: &mut Registry, fields: &mut IndexMap<String, MetaField>) {
        let noun = T::NOUN;
        let cited = [
            (
                "evidence",
                format!("The span of the source the {noun} was first recorded from."),
                <Evidence as OutputType>::qualified_type_name(),
            ),
            (
                "reports",
                format!(
                    "Every report of the {noun}: the span `evidence` gives, and each other passage, in the same source or another outlet's, found to report the same {noun}."
                ),
                <Reports as OutputType>::qualified_type_name(),
            ),
        ];
        for (name, description, ty) in cited {
            fields.insert(
                name.to_owned(),
                field(name, description, ty, IndexMap::new(), None),
            );
        }
    }

    fn register_returns(registry: &mut Registry) {
        <Evidence as OutputType>::create_type_info(registry);
        <Reports as OutputType>::create_type_info(registry);
    }

    async fn resolve_flat(&self, ctx: &Context<'_>) -> ServerResult<Option<Value>> {
        match ctx.item.node.name.node.as_str() {
            "evidence" => resolve_as(ctx, &self.evidence).await,
            "reports" => resolve_as(ctx, &self.reports).await,
            _ => Ok(None),
        }
    }
}

flat_object!([T: Noun] Cited<T>);
