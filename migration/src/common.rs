//! Column and constraint shapes that many tables share.

use sea_orm_migration::prelude::*;

/// `id`: a 64-bit key the database assigns.
pub fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .take()
}

/// A required reference to another table's `id`.
pub fn reference(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().take()
}

/// An optional reference to another table's `id`.
pub fn optional_reference(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().null().take()
}

/// A required, non-empty text.
pub fn required_text(table: impl IntoIden + Copy, col: impl IntoIden + Copy) -> ColumnDef {
    ColumnDef::new(col)
        .text()
        .not_null()
        .check(Expr::col((table, col)).ne(""))
        .take()
}

/// A text column that only takes the listed values.
pub fn one_of(col: impl IntoIden, values: &[&str], nullable: bool) -> ColumnDef {
    let col = col.into_iden();
    let mut def = ColumnDef::new(col.clone());
    def.string_len(32);
    if nullable {
        def.null();
    } else {
        def.not_null();
    }
    def.check(Expr::col(col).is_in(values.iter().copied()));
    def
}

/// Values of a date's precision: a fact known to the day, the month or the year.
pub const DATE_PRECISIONS: &[&str] = &["day", "month", "year"];

/// Values of a quantity's qualifier ("at least 111 drones").
pub const QUALIFIERS: &[&str] = &["exact", "about", "at_least", "at_most", "up_to"];

/// Adds a date and its precision: both set or both unset.
pub fn partial_date(table: &mut TableCreateStatement, date: DynIden, precision: DynIden) {
    table
        .col(ColumnDef::new(date.clone()).date().null())
        .col(one_of(precision.clone(), DATE_PRECISIONS, true))
        .check(Expr::col(date).is_null().eq(Expr::col(precision).is_null()));
}

/// Adds `created_at`, `updated_at` and `version` (for optimistic concurrency).
pub fn audit_columns(table: &mut TableCreateStatement) {
    table
        .col(
            ColumnDef::new(Audit::CreatedAt)
                .timestamp_with_time_zone()
                .not_null()
                .default(Expr::current_timestamp()),
        )
        .col(
            ColumnDef::new(Audit::UpdatedAt)
                .timestamp_with_time_zone()
                .not_null()
                .default(Expr::current_timestamp()),
        )
        .col(
            ColumnDef::new(Audit::Version)
                .integer()
                .not_null()
                .default(1)
                .check(Expr::col(Audit::Version).gte(1)),
        );
}

#[derive(DeriveIden)]
pub enum Audit {
    CreatedAt,
    UpdatedAt,
    Version,
}

/// The provenance every fact carries: which source, which span of its text
/// (Unicode code points, end exclusive), the excerpt, a confidence and
/// whether a person curated it or a program extracted it.
#[derive(DeriveIden)]
pub enum Evidence {
    SourceId,
    SpanStart,
    SpanEnd,
    Excerpt,
    Confidence,
    Curated,
}

/// Adds the provenance columns, their checks and the foreign key to `source`.
pub fn evidence_columns(table: &mut TableCreateStatement, name: &str) {
    table
        .col(reference(Evidence::SourceId))
        .col(
            ColumnDef::new(Evidence::SpanStart)
                .integer()
                .not_null()
                .check(Expr::col(Evidence::SpanStart).gte(0)),
        )
        .col(ColumnDef::new(Evidence::SpanEnd).integer().not_null())
        .col(ColumnDef::new(Evidence::Excerpt).text().not_null())
        .col(
            ColumnDef::new(Evidence::Confidence)
                .double()
                .not_null()
                .default(1.0),
        )
        .col(
            ColumnDef::new(Evidence::Curated)
                .boolean()
                .not_null()
                .default(true),
        )
        .check(Expr::col(Evidence::SpanEnd).gt(Expr::col(Evidence::SpanStart)))
        .check(
            Expr::col(Evidence::Confidence)
                .gte(0.0)
                .and(Expr::col(Evidence::Confidence).lte(1.0)),
        )
        .foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_source"))
                .from_col(Evidence::SourceId)
                .to(Source::Table, Source::Id)
                .on_delete(ForeignKeyAction::Restrict),
        );
}

/// A foreign key from `col` of the table being created to `target.id`.
pub fn fk(
    name: &str,
    col: impl IntoIden,
    target: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from_col(col)
        .to(target, Alias::new("id"))
        .on_delete(on_delete)
        .take()
}

/// A plain index on some columns of a table.
pub fn index(table: impl IntoIden + Copy, name: &str, cols: &[DynIden]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for col in cols {
        idx.col(col.clone());
    }
    idx
}

/// Creates a table inside the migration's transaction, then its indexes.
pub async fn create(
    manager: &SchemaManager<'_>,
    table: TableCreateStatement,
    indexes: Vec<IndexCreateStatement>,
) -> Result<(), DbErr> {
    manager.create_table(table).await?;
    for idx in indexes {
        manager.create_index(idx).await?;
    }
    Ok(())
}

/// Drops tables in the order given.
pub async fn drop(manager: &SchemaManager<'_>, tables: &[DynIden]) -> Result<(), DbErr> {
    if manager.get_database_backend() == sea_orm_migration::sea_orm::DbBackend::Sqlite {
        // SQLite empties a table before dropping it, row by row, and checks
        // foreign keys as it goes: rows that point at rows of their own table
        // (a place's parent) would stop it. Checking at commit, when the
        // tables are gone, is what PostgreSQL does too.
        manager
            .get_connection()
            .execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
    }
    for table in tables {
        manager
            .drop_table(Table::drop().table(table.clone()).to_owned())
            .await?;
    }
    Ok(())
}

#[derive(DeriveIden)]
pub enum Source {
    Table,
    Id,
}

/// Shorthand for a list of column names.
#[macro_export]
macro_rules! cols {
    ($($c:expr),+ $(,)?) => { &[$($c.into_iden()),+] };
}

/// Runs one SQL statement as it is written.
pub async fn run(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    use sea_orm_migration::sea_orm::ConnectionTrait;
    manager.get_connection().execute_unprepared(sql).await.map(|_| ())
}
