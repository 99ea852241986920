namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// One <see cref="LocalShop"/> for all tests of a class (<c>IClassFixture&lt;SharedShop&gt;</c>): booting the
/// app costs seconds, a test costs milliseconds. xunit runs a class's tests one after another, so they never
/// race; they stay independent by using their own buyers and action slugs (<see cref="NewBuyer"/>,
/// <see cref="NewSlug"/>) and by asserting on what they added, never on an empty database.
/// </summary>
public sealed class SharedShop : IAsyncLifetime
{
    private static long lastBuyer = 8_000_000;
    private static int lastSlug;

    public LocalShop Shop { get; private set; } = null!;

    public async Task InitializeAsync() => Shop = await LocalShop.StartAsync();
    public async Task DisposeAsync() => await Shop.DisposeAsync();

    /// <summary>A Telegram user id no other test uses.</summary>
    public static long NewBuyer() => Interlocked.Increment(ref lastBuyer);

    /// <summary>A link name no other test uses (slugs are unique per shop).</summary>
    public static string NewSlug(string prefix = "action") => $"{prefix}-{Interlocked.Increment(ref lastSlug)}";
}
