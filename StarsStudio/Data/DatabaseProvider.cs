namespace StarsStudio.Data;

/// <summary>Which database holds StarsStudio's data (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file in the data directory: one app process (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several app instances can share it.</summary>
    Postgres,
}
