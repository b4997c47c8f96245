//! List fields, written once.
//!
//! Every paged list of the schema (`Query.people`, `Person.statements`,
//! `Issue.financialMeasures`...) takes the same arguments: `filter` and
//! `orderBy` where its items have them, then Relay's `first`, `after`,
//! `last` and `before`. A list field is a [`ListField`]: a name, a
//! description and the kind of item it lists ([`Listing`]); its value
//! [`List`] says where the rows come from (the whole table, or a [`Scope`]
//! under the parent). [`List`] registers the field with its arguments,
//! prices it for the complexity limit and resolves it, all written once
//! here; an object takes the field with `#[graphql(flatten)]` (see
//! [`super::flat`] for why the fields register themselves):
//!
//! ```ignore
//! #[graphql(flatten)]
//! async fn statements(&self) -> List<Said> {
//!     List::under(self.0.id, Scope::Column("speaker_id"))
//! }
//! ```

use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::Field;
use async_graphql::registry::{Deprecation, MetaField, MetaInputValue, Registry};
use async_graphql::{Context, InputType, OutputType, Positioned, ServerResult, Value, VisitorContext};
use sea_orm::{DatabaseConnection, EntityTrait, FromQueryResult, Select};

use super::connection::{Counter, Page, nested, page_cost, slice};
use super::database;
use super::flat::{self, Also, Flat, flat_object};
use crate::error::AppResult;
use crate::loader::{Listable, Parent, Scope};
use crate::page::{Keyed, Order, PageArgs};

/// A kind of item that lists page through: its table, the `filter` and
/// `orderBy` its lists take, and how rows become objects.
pub trait Listing: OutputType + Sized + 'static {
    /// The table the list's rows come from.
    type Table: Listable<Model: FromQueryResult + Clone + Send + Sync + 'static>;
    /// The `filter` argument, or `()` for lists without one.
    type Filter: ListFilter<Self::Table>;
    /// The `orderBy` argument, or `()` for lists without one.
    type Order: ListOrder<Self::Table>;
    /// What the list's cursors call it: the items' type. People,
    /// organisations and places share a table; their cursors do not.
    const LIST: &'static str;

    /// The page's rows as objects, in order; `None` for a row that has
    /// gone meanwhile.
    fn wrap(
        ctx: &Context<'_>,
        rows: Vec<<Self::Table as EntityTrait>::Model>,
    ) -> impl Future<Output = AppResult<Vec<Option<Self>>>> + Send;
}

/// A list's `filter` argument: which rows of `E` it lets through.
pub trait ListFilter<E: EntityTrait>: ListArgument {
    /// What the items are called in the argument's description ("statements").
    const NOUN: &'static str;

    /// The rows `filter` lets through; all rows without a filter.
    fn select(
        db: &DatabaseConnection,
        filter: Option<Self>,
    ) -> impl Future<Output = AppResult<Select<E>>> + Send;

    /// What the filter adds to its list's complexity: nothing, unless no
    /// index serves it (see `SCAN_COST`).
    fn scan_cost(_filter: &Option<Self>) -> usize {
        0
    }

    /// A cheaper count of a root list's rows than `COUNT(*)` over them,
    /// where the filter knows one; `None`: that `COUNT(*)`.
    fn counter(_filter: &Option<Self>) -> Option<Arc<dyn Counter>> {
        None
    }
}

/// A list's `orderBy` argument: how rows of `E` are sorted.
pub trait ListOrder<E: Keyed>: ListArgument {
    /// The order of the list its cursors call `list`; without `orderBy`,
    /// as added.
    fn order(order_by: Option<Self>, list: &'static str) -> Order<E>;
}

/// No filter: every row.
impl<E: EntityTrait> ListFilter<E> for () {
    const NOUN: &'static str = "items";

    async fn select(_: &DatabaseConnection, _: Option<Self>) -> AppResult<Select<E>> {
        Ok(E::find())
    }
}

/// An argument a list may take (`filter`, `orderBy`); `()` stands for one it
/// does not take, which is what the defaults say.
pub trait ListArgument: Sized + Send + Sync + 'static {
    /// The argument's type in the schema, registered; `None` when absent.
    fn schema_type(_registry: &mut Registry) -> Option<String> {
        None
    }

    /// The argument's value in a field being resolved.
    fn read(_ctx: &Context<'_>, _name: &str) -> ServerResult<Option<Self>> {
        Ok(None)
    }

    /// The argument's value in a field being priced.
    fn price(
        _ctx: &VisitorContext<'_>,
        _variables: &[Positioned<async_graphql::parser::types::VariableDefinition>],
        _field: &Field,
        _name: &str,
    ) -> ServerResult<Option<Self>> {
        Ok(None)
    }
}

/// An input type that lists take as `filter` or `orderBy`.
pub trait ListInput: InputType + 'static {}

impl<T: ListInput> ListArgument for T {
    fn schema_type(registry: &mut Registry) -> Option<String> {
        Some(<Option<T> as InputType>::create_type_info(registry))
    }

    fn read(ctx: &Context<'_>, name: &str) -> ServerResult<Option<Self>> {
        Ok(ctx.param_value::<Option<T>>(name, None)?.1)
    }

    fn price(
        ctx: &VisitorContext<'_>,
        variables: &[Positioned<async_graphql::parser::types::VariableDefinition>],
        field: &Field,
        name: &str,
    ) -> ServerResult<Option<Self>> {
        ctx.param_value::<Option<T>>(variables, field, name, None)
    }
}

impl ListArgument for () {}

/// The `filter` argument of a list field.
type Filter<F> = <<F as ListField>::Item as Listing>::Filter;
/// The `orderBy` argument of a list field.
type OrderBy<F> = <<F as ListField>::Item as Listing>::Order;

/// One list field of an object, or of the query root.
pub trait ListField: Send + Sync + 'static {
    /// The field's name in the schema.
    const NAME: &'static str;
    /// The field's description.
    const DESCRIPTION: &'static str;
    /// True for a list of the query root, false for one under an object.
    const ROOT: bool = false;
    /// What it lists.
    type Item: Listing;
}

/// A list field's value on one parent: flattened into the parent's object,
/// it adds the field [`ListField::NAME`].
pub struct List<F> {
    parent: Option<(Parent, Scope)>,
    field: PhantomData<fn() -> F>,
}

impl<F: ListField> List<F> {
    /// The list of the whole table, for the query root.
    pub fn root() -> Self {
        Self {
            parent: None,
            field: PhantomData,
        }
    }

    /// The list under a parent, of the rows `scope` gives it.
    pub fn under(parent: impl Into<Parent>, scope: Scope) -> Self {
        Self {
            parent: Some((parent.into(), scope)),
            field: PhantomData,
        }
    }

    /// The page the field's arguments ask for.
    async fn page(&self, ctx: &Context<'_>) -> ServerResult<Page<F::Item>> {
        let filter = Filter::<F>::read(ctx, "filter")?;
        let order_by = OrderBy::<F>::read(ctx, "orderBy")?;
        let args = PageArgs {
            first: ctx.param_value("first", None)?.1,
            after: ctx.param_value("after", None)?.1,
            last: ctx.param_value("last", None)?.1,
            before: ctx.param_value("before", None)?.1,
        };
        let read = async {
            let counter = <Filter<F> as ListFilter<_>>::counter(&filter);
            let select = <Filter<F> as ListFilter<_>>::select(database(ctx)?, filter).await?;
            let order = <OrderBy<F> as ListOrder<_>>::order(order_by, <F::Item as Listing>::LIST);
            read_page(ctx, self.parent, select, order, args, counter).await
        };
        read.await
            .map_err(|err| async_graphql::Error::from(err).into_server_error(ctx.item.pos))
    }

    /// The field's arguments, in the order clients know them: name,
    /// description and type.
    fn arguments(registry: &mut Registry) -> Vec<(&'static str, String, String)> {
        let filter = Filter::<F>::schema_type(registry).map(|ty| {
            let too = if F::ROOT { "" } else { " too" };
            let desc = format!("Only {} matching this{too}.", <Filter<F> as ListFilter<_>>::NOUN);
            ("filter", desc, ty)
        });
        let order = OrderBy::<F>::schema_type(registry)
            .map(|ty| ("orderBy", "The sort order; by default as added.".to_owned(), ty));
        let relay = relay_arguments(registry)
            .into_iter()
            .map(|(name, desc, ty)| (name, desc.to_owned(), ty));
        filter.into_iter().chain(order).chain(relay).collect()
    }
}

/// Sets of lists that all hold the rows `scope` gives one parent (a
/// source's statements, measures, events...).
pub trait Under {
    fn all_under(parent: Parent, scope: Scope) -> Self;
}

impl<F: ListField> Under for List<F> {
    fn all_under(parent: Parent, scope: Scope) -> Self {
        Self::under(parent, scope)
    }
}

impl<A: Under, B: Under> Under for Also<A, B> {
    fn all_under(parent: Parent, scope: Scope) -> Self {
        Also(A::all_under(parent, scope), B::all_under(parent, scope))
    }
}

/// `first`, `after`, `last` and `before`, each with its description and type.
fn relay_arguments(registry: &mut Registry) -> [(&'static str, &'static str, String); 4] {
    let size = <Option<i32> as InputType>::create_type_info(registry);
    let cursor = <Option<String> as InputType>::create_type_info(registry);
    [
        (
            "first",
            "Return the first n items after `after` (at most 100; default 20).",
            size.clone(),
        ),
        ("after", "Return items after this cursor.", cursor.clone()),
        (
            "last",
            "Return the last n items before `before` (at most 100).",
            size,
        ),
        ("before", "Return items before this cursor.", cursor),
    ]
}

/// Reads one page of a list: of the root (`parent` is `None`) with one
/// query, or of a parent with its siblings' pages through the list loader.
/// A root list's `totalCount` runs `root_count` where one is given.
pub async fn read_page<T: Listing>(
    ctx: &Context<'_>,
    parent: Option<(Parent, Scope)>,
    select: Select<T::Table>,
    order: Order<T::Table>,
    args: PageArgs,
    root_count: Option<Arc<dyn Counter>>,
) -> AppResult<Page<T>> {
    let (rows, count) = match parent {
        Some((parent, scope)) => nested(ctx, parent, scope, select, order.clone(), args).await?,
        None => {
            let (rows, count) = slice(database(ctx)?, select, &order, args).await?;
            (rows, root_count.unwrap_or(count))
        }
    };
    let cursors: Vec<String> = rows.rows.iter().map(|m| order.cursor_of(m).encode()).collect();
    let (has_previous_page, has_next_page) = (rows.has_previous_page, rows.has_next_page);
    let items = T::wrap(ctx, rows.rows).await?;
    let edges = cursors
        .into_iter()
        .zip(items)
        .filter_map(|(cursor, item)| item.map(|item| (cursor, item)))
        .collect();
    Ok(Page::from_edges(edges, has_previous_page, has_next_page, count))
}

impl<F: ListField> Flat for List<F> {
    fn fields(registry: &mut Registry, fields: &mut IndexMap<String, MetaField>) {
        fields.insert(F::NAME.to_owned(), list_field::<F>(registry));
    }

    fn register_returns(registry: &mut Registry) {
        <Page<F::Item> as OutputType>::create_type_info(registry);
    }

    async fn resolve_flat(&self, ctx: &Context<'_>) -> ServerResult<Option<Value>> {
        if ctx.item.node.name.node != F::NAME {
            return Ok(None);
        }
        let page = self.page(ctx).await.map_err(|err| ctx.set_error_path(err))?;
        flat::resolve_as(ctx, &page).await
    }
}

/// The schema entry of a list field: its arguments, type and price.
fn list_field<F: ListField>(registry: &mut Registry) -> MetaField {
    let mut args = IndexMap::new();
    for (name, desc, ty) in List::<F>::arguments(registry) {
        args.insert(
            name.to_owned(),
            MetaInputValue {
                name: name.to_owned(),
                description: Some(desc),
                ty,
                deprecation: Deprecation::NoDeprecated,
                default_value: None,
                visible: None,
                inaccessible: false,
                tags: Vec::new(),
                is_secret: false,
                directive_invocations: Vec::new(),
            },
        );
    }
    flat::field(
        F::NAME,
        F::DESCRIPTION.to_owned(),
        // Named, not registered: see `flat`.
        <Page<F::Item> as OutputType>::qualified_type_name(),
        args,
        Some(|ctx, variables, field, child_complexity| {
            let first: Option<i32> = ctx.param_value(variables, field, "first", None)?;
            let last: Option<i32> = ctx.param_value(variables, field, "last", None)?;
            let filter = Filter::<F>::price(ctx, variables, field, "filter")?;
            Ok(page_cost(first, last, child_complexity) + <Filter<F> as ListFilter<_>>::scan_cost(&filter))
        }),
    )
}

impl<F: ListField> Default for List<F> {
    /// The list of the whole table: a root list.
    fn default() -> Self {
        Self::root()
    }
}

flat_object!([F: ListField] List<F>);

/// Declares list fields, one a line: `Type: "name" => Item, "description";`,
/// all of objects, or after `root:` all of the query root.
macro_rules! list_fields {
    (root: $($rest:tt)+) => {
        $crate::graphql::list::list_fields!(@ true; $($rest)+);
    };
    (@ $root:literal; $($ty:ident: $name:literal => $item:ty, $description:literal;)+) => {$(
        #[doc = concat!("The list field `", $name, "`: ", $description)]
        pub struct $ty;

        impl $crate::graphql::list::ListField for $ty {
            const NAME: &'static str = $name;
            const DESCRIPTION: &'static str = $description;
            const ROOT: bool = $root;
            type Item = $item;
        }
    )+};
    ($($rest:tt)+) => {
        $crate::graphql::list::list_fields!(@ false; $($rest)+);
    };
}
pub(crate) use list_fields;

/// Declares the objects that wrap one row each as list items, one a line:
/// `Type: table, Filter, Order;` (`()` for none).
macro_rules! row_listings {
    ($($ty:ident: $table:ident, $filter:ty, $order:ty;)+) => {$(
        impl $crate::graphql::list::Listing for $ty {
            type Table = entity::$table::Entity;
            type Filter = $filter;
            type Order = $order;
            const LIST: &'static str = stringify!($ty);

            async fn wrap(
                _: &async_graphql::Context<'_>,
                rows: Vec<entity::$table::Model>,
            ) -> $crate::error::AppResult<Vec<Option<Self>>> {
                Ok(rows.into_iter().map(|m| Some(Self(m))).collect())
            }
        }
    )+};
}
pub(crate) use row_listings;
