using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Team;
using StarsStudio.Hosting.Moving;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Hosting.Moving;

/// <summary>
/// A SQLite install made by the real app (an owner, a bot token saved on the Settings page, a live action, a buyer
/// who bought and got it), stopped, then copied once with copy-data into a fresh PostgreSQL database.
/// The tests look at what the copy left; the Bot API stays up so the copy can be started as an app.
/// </summary>
public sealed class CopiedShop : IAsyncLifetime
{
    public const long Buyer = 7_100_001;
    public const string ChargeId = "charge-copied-1";
    public const string OwnerEmail = "owner@copied.local";

    public string SourceDirectory { get; } = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    public LocalBotApi Api { get; private set; } = null!;
    public string Target { get; private set; } = null!;
    public long OrderId { get; private set; }
    public string OrderCode { get; private set; } = null!;
    public int ActionId { get; private set; }
    public string? ProtectedToken { get; private set; }
    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public string Error { get; private set; } = "";
    public IReadOnlyDictionary<string, long> SourceCounts { get; private set; } = null!;
    public IReadOnlyDictionary<string, long> TargetCounts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Target = await CopyTargetServer.CreateDatabaseAsync();
        Api = await LocalBotApi.StartAsync();
        await SeedAsync();
        (ExitCode, Output, Error) = await CopyAsync();
        SourceCounts = await CountsAsync(OpenSource());
        TargetCounts = await CountsAsync(OpenTarget());
    }

    private async Task SeedAsync()
    {
        await using var shop = await LocalShop.StartAsync(Api, SourceDirectory, app => app.With("Database:Provider", "Sqlite"));
        await shop.App.CreateUserAsync(OwnerEmail, TestUsers.Password, Roles.Owner);
        // Saved as the owner would on the Settings page: encrypted with the install's Data Protection keys.
        var connect = await shop.App.Service<SettingsService>().ConnectAsync("owner", LocalBotApi.Token);
        Assert.True(connect.Succeeded, connect.Message);
        await Eventually.UntilAsync(() => shop.App.Service<StarsStudio.Bot.BotStatus>().State == StarsStudio.Bot.BotState.Live, "the bot to reconnect");

        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Credits(slug: "copied-credits", price: 5, amount: 50));
        var (invoice, order) = await shop.BuyAsync(Buyer, action);
        var payload = invoice["payload"]!.GetValue<string>();
        Assert.True((await shop.PreCheckoutAsync(Buyer, payload, 5)).Ok);
        shop.Pay(Buyer, payload, 5, ChargeId);
        var delivered = await shop.WaitForOrderAsync(order.Id, o => o.Status == OrderStatus.Delivered);
        await shop.SettleAsync();
        (OrderId, OrderCode, ActionId) = (delivered.Id, delivered.Code, action.Id);
        await using var db = await shop.App.DbAsync();
        ProtectedToken = (await db.BotSettings.AsNoTracking().SingleAsync()).ProtectedBotToken;
        // A line kept as a row (a note; installs before the transition log kept every line so): the copy must keep
        // rows and log alike, and move the rows' sequence past them.
        db.OrderEvents.Add(new OrderEvent { OrderId = OrderId, At = delivered.DeliveredAt!.Value.AddSeconds(1), Actor = EventActor.Staff, Kind = StarsStudio.Features.Payments.Lifecycle.OrderEventKind.Note, Detail = "Checked by support" });
        await db.SaveChangesAsync();
    }

    public Task<(int ExitCode, string Output, string Error)> CopyAsync() => CopyAsync(SourceDirectory, Target);

    /// <summary>Runs copy-data in-process, as <c>dotnet run --project StarsStudio -- copy-data …</c> would.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> CopyAsync(string sourceDirectory, string target)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CopyDataCommand.RunAsync(["--to-postgres", target, $"--StarsStudio:DataDirectory={sourceDirectory}"], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public StarsDbContext OpenSource() => SqliteInstallFiles.Open(SourceDirectory);

    public PostgresStarsDbContext OpenTarget() => OpenPostgres(Target);

    public static PostgresStarsDbContext OpenPostgres(string connectionString) => new(new DbContextOptionsBuilder<PostgresStarsDbContext>()
        .UseNpgsql(connectionString)
        .Apply().Options);

    /// <summary>Rows per table of every entity set the context's model has.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountsAsync(StarsDbContext db)
    {
        await using (db)
        {
            var counts = new Dictionary<string, long>();
            foreach (var set in TableOrder.Of(db.Model))
                counts[set.GetTableName()!] = await TableRows.CountAsync(db, set, CancellationToken.None);
            return counts;
        }
    }

    public async Task DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        if (Target is not null) await CopyTargetServer.DropDatabaseAsync(Target);
        try { Directory.Delete(SourceDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
