using StarsStudio.Bot;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Search must stay instant at a million orders: every key is looked up through an index, never a table scan.</summary>
public sealed class OrderSearchPlanTests : IAsyncLifetime
{
    // The plan is SQLite's (EXPLAIN QUERY PLAN): on PostgreSQL the planner rightly scans a table this small.
    private readonly StarsAppFactory app = new StarsAppFactory().With("Database:Provider", "Sqlite");

    public async Task InitializeAsync()
    {
        app.Start();
        await using var db = await app.DbAsync();
        db.Buyers.Add(new Buyer { BotId = 1, TelegramUserId = 42, FirstName = "Ana", Username = "ana", UsernameKey = "ana" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("SS-7K3Q9")]
    [InlineData("SS-7K")]
    [InlineData("tg-charge-abc")]
    [InlineData("123456789")]
    [InlineData("@ana")]
    public async Task Explain_SearchKey_UsesIndexesOnly(string term)
    {
        await DataViewSeed.PracticeBotIdAsync(app); // the practice view then filters on a real bot id, not on "nothing"
        foreach (var view in Enum.GetValues<DataView>())
            AssertIndexed(await app.Service<OrderQuery>().ExplainAsync(new OrderFilter { Search = term, View = view }, TimeZoneInfo.Utc));
    }

    private static void AssertIndexed(IReadOnlyList<string> plan)
    {
        Assert.NotEmpty(plan);
        // "SCAN o" alone is a full table scan; walking an index in order ("SCAN o USING INDEX") is a scan too.
        // ("SCAN o0" reads the already-limited subquery EF wraps around the page, not the table.)
        Assert.DoesNotContain(plan, line => line == "SCAN o" || line.StartsWith("SCAN o ", StringComparison.Ordinal));
        Assert.True(plan.Count(line => line.StartsWith("SEARCH o USING", StringComparison.Ordinal)) >= 1, string.Join(" | ", plan));
    }
}
