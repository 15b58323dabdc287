namespace AsiArch.Sdk.PostgreSql;

/// <summary>
/// One store's tables: its component name in the shared <c>asiarch_schema(component, version)</c> table, the table
/// whose presence without a version row means a foreign schema, and the migrations (migration i takes version i to i + 1).
/// </summary>
internal sealed record TableSchema(string Component, string MarkerTable, IReadOnlyList<string> Migrations)
{
    public int CurrentVersion => Migrations.Count;
}
