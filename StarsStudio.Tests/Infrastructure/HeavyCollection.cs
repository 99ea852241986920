namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// Tests that drive hundreds of buyers (the rehearsal) run alone, after the rest: on two cores they would
/// otherwise starve the browser tests running beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyCollection
{
    public const string Name = "Heavy (runs alone)";
}
